//! Connections to either backend: the multi-backend connection type, the
//! r2d2 pool that picks the backend by URL scheme, SQLite's pragmas, and the
//! write transaction that serialises writers correctly on both backends.

use diesel::Connection;
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::R2D2Connection;
use diesel::sqlite::SqliteConnection;
use std::time::Duration;

#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which database a URL names. Chosen by scheme, because diesel's derived
/// `establish` tries each backend in turn and SQLite accepts any string as a
/// file name, which would hide PostgreSQL's real error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Self {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// How SQLite makes commits durable. `Full` syncs the log at every commit,
/// so an acknowledged write survives even a power cut; `Normal` (with WAL)
/// survives a crash of the app but may lose the last commits on a power
/// cut, in exchange for much lower latency under load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SqliteSync {
    #[default]
    Full,
    Normal,
}

impl SqliteSync {
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "full" => Ok(SqliteSync::Full),
            "normal" => Ok(SqliteSync::Normal),
            other => Err(format!("--sqlite-sync is full or normal, not {other}")),
        }
    }

    fn pragma(self) -> &'static str {
        match self {
            SqliteSync::Full => "PRAGMA synchronous = FULL;",
            SqliteSync::Normal => "PRAGMA synchronous = NORMAL;",
        }
    }
}

/// Strips an optional `sqlite://` prefix to get the file path.
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

/// Opens one connection of the backend the URL names, with SQLite's
/// per-connection pragmas applied: busy_timeout first so the others wait
/// rather than fail. WAL mode is a property of the file, set once by
/// `establish_first` before the pool opens, since switching it needs an
/// exclusive lock that the pool's connections would fight over.
pub fn establish(url: &str, sync: SqliteSync) -> Result<DbConn, diesel::ConnectionError> {
    match Backend::of_url(url) {
        Backend::Postgres => PgConnection::establish(url).map(DbConn::Pg),
        Backend::Sqlite => {
            let mut conn = SqliteConnection::establish(sqlite_path(url))?;
            for pragma in [
                "PRAGMA busy_timeout = 5000;",
                sync.pragma(),
                "PRAGMA foreign_keys = ON;",
            ] {
                conn.batch_execute(pragma)
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
            }
            Ok(DbConn::Sqlite(conn))
        }
    }
}

/// The first connection to a database: on SQLite it also switches the file
/// to write-ahead logging, so readers never wait for the writer.
pub fn establish_first(url: &str, sync: SqliteSync) -> Result<DbConn, diesel::ConnectionError> {
    let mut conn = establish(url, sync)?;
    if let DbConn::Sqlite(c) = &mut conn {
        c.batch_execute("PRAGMA journal_mode = WAL;")
            .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
    }
    Ok(conn)
}

pub struct Manager {
    url: String,
    sync: SqliteSync,
}

impl r2d2::ManageConnection for Manager {
    type Connection = DbConn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConn, Self::Error> {
        establish(&self.url, self.sync).map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConn) -> bool {
        conn.is_broken()
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

pub fn build_pool(url: &str, max_size: u32, sync: SqliteSync) -> Result<Pool, r2d2::Error> {
    r2d2::Pool::builder()
        .max_size(max_size)
        .min_idle(Some(2))
        // r2d2 would wait 30 s by default; a page should fail fast and say so.
        .connection_timeout(Duration::from_secs(5))
        .build(Manager {
            url: url.to_string(),
            sync,
        })
}

/// Runs `f` in a transaction suited to a read-then-write: `BEGIN IMMEDIATE` on
/// SQLite (a deferred BEGIN makes concurrent writers fail with "database is
/// locked" instead of waiting) and a plain transaction on PostgreSQL, where
/// the store functions take row locks (`FOR UPDATE`) as they need them.
pub fn write_transaction<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match conn {
        DbConn::Pg(_) => conn.transaction(f),
        DbConn::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?;
            // The multi-connection's transaction manager delegates to the inner
            // connection's, so nested transactions in `f` become savepoints.
            let result = f(conn);
            let DbConn::Sqlite(inner) = conn else {
                unreachable!("the backend of a connection never changes")
            };
            match result {
                Ok(value) => {
                    AnsiTransactionManager::commit_transaction(inner)?;
                    Ok(value)
                }
                Err(e) => {
                    AnsiTransactionManager::rollback_transaction(inner)?;
                    Err(e)
                }
            }
        }
    }
}

impl DbConn {
    pub fn backend(&self) -> Backend {
        match self {
            DbConn::Pg(_) => Backend::Postgres,
            DbConn::Sqlite(_) => Backend::Sqlite,
        }
    }
}
