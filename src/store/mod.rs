//! Everything that touches the database: the pool, migrations, and one module
//! per table family. Functions take a connection and hand back domain types.

pub mod admins;
pub mod audit;
pub mod awards;
pub mod connection;
pub mod events;
pub mod judging;
pub mod migrate;
pub mod people;
pub mod projects;
pub mod schema;
pub mod scores;
pub mod sessions;
pub mod settings;
pub mod submissions;
pub mod voting;
pub mod writer;

pub use connection::{Backend, DbConn, SqliteSync, write_transaction};

use connection::Pool;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no database connection could be had")]
    Pool(#[from] r2d2::Error),
    #[error("database query failed")]
    Query(#[from] diesel::result::Error),
    #[error("the database task stopped: {0}")]
    Task(String),
}

/// The shared handle on the database. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: Pool,
    backend: Backend,
    /// SQLite has one writer at a time: writes of this process queue for
    /// one thread that commits them in groups (see `writer`), instead of
    /// waiting in SQLite's busy handler, which sleeps in steps of up to
    /// 100 ms, and paying one disk sync per write.
    sqlite_writer: Option<writer::SqliteWriter>,
}

impl Store {
    /// Opens the pool and applies pending migrations.
    pub fn open(
        url: &str,
        pool_size: u32,
        sync: SqliteSync,
    ) -> anyhow::Result<(Self, Vec<String>)> {
        let backend = Backend::of_url(url);
        let mut first = connection::establish_first(url, sync)
            .map_err(|e| anyhow::anyhow!("cannot open the {} database: {e}", backend.name()))?;
        let applied = migrate::apply_pending(&mut first)
            .map_err(|e| anyhow::anyhow!("migrations failed: {e}"))?;
        drop(first);
        let pool = connection::build_pool(url, pool_size, sync)
            .map_err(|e| anyhow::anyhow!("cannot open the {} database: {e}", backend.name()))?;
        let sqlite_writer =
            (backend == Backend::Sqlite).then(|| writer::SqliteWriter::start(pool.clone()));
        Ok((
            Self {
                pool,
                backend,
                sqlite_writer,
            },
            applied,
        ))
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs blocking diesel work on tokio's blocking threads, so the async
    /// workers never wait on the database. The one place that does this.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(StoreError::Pool)?;
            f(&mut conn)
        })
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?
    }

    /// Runs `f` as one write, answered once it is committed: on SQLite in
    /// the writer's next group commit, on PostgreSQL in its own transaction
    /// on the blocking threads. The way services change data.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + From<diesel::result::Error> + Send + 'static,
    {
        match &self.sqlite_writer {
            Some(writer) => writer.write(f).await,
            None => self.run(move |conn| write_transaction(conn, f)).await,
        }
    }

    /// Answers whether the database responds (for `/healthz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.run(|conn| {
            use diesel::r2d2::R2D2Connection;
            conn.ping().map_err(StoreError::Query)
        })
        .await
    }
}
