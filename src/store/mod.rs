//! Everything that touches the database: the pool, migrations, and one module
//! per table family. Functions take a connection and hand back domain types.

pub mod admins;
pub mod announcements;
pub mod audit;
pub mod awards;
pub mod backup;
pub mod connection;
pub mod events;
pub mod health;
pub mod judging;
pub mod local_organisers;
pub mod memo;
pub mod merge;
pub mod migrate;
pub mod paper_scores;
pub mod people;
pub mod projects;
pub mod schema;
pub mod scores;
pub mod sessions;
pub mod settings;
pub mod submissions;
pub mod templates;
pub mod umbrella;
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
    #[error("the database is out of reach (known from a recent attempt)")]
    Unavailable,
}

impl StoreError {
    /// Whether the database could not be reached (rather than a query failing).
    pub fn is_unavailable(&self) -> bool {
        use diesel::result::{DatabaseErrorKind, Error};
        match self {
            StoreError::Pool(_) | StoreError::Unavailable => true,
            StoreError::Query(Error::DatabaseError(kind, _)) => matches!(
                kind,
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand
            ),
            _ => false,
        }
    }
}

/// The connection pool's use at one moment.
#[derive(Debug, Clone, Copy)]
pub struct PoolUse {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
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
    /// On PostgreSQL: whether the server is known to be out of reach, so
    /// requests answer at once instead of each waiting the pool's timeout.
    health: std::sync::Arc<health::DbHealth>,
    /// A few small rows remembered between requests (see `memo`).
    memo: memo::Memo,
    /// How many writes (`write`) this process has finished: whoever keeps
    /// something read from the database notes this count with it, and a
    /// higher count means the database may have changed since.
    writes_done: std::sync::Arc<std::sync::atomic::AtomicU64>,
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
        let writes_done = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let sqlite_writer = (backend == Backend::Sqlite)
            .then(|| writer::SqliteWriter::start(pool.clone(), writes_done.clone()));
        Ok((
            Self {
                pool,
                backend,
                sqlite_writer,
                health: Default::default(),
                memo: Default::default(),
                writes_done,
            },
            applied,
        ))
    }

    /// This store's memory of a few small rows (see `memo`).
    pub fn memo(&self) -> &memo::Memo {
        &self.memo
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
        let health = (self.backend == Backend::Postgres).then(|| self.health.clone());
        if health
            .as_ref()
            .is_some_and(|h| h.admit() == health::Admission::Down)
        {
            return Err(StoreError::Unavailable.into());
        }
        tokio::task::spawn_blocking(move || {
            let got = pool.get();
            if let Some(health) = health {
                match &got {
                    Ok(_) => health.mark_up(),
                    Err(_) => health.mark_down(),
                }
            }
            let mut conn = got.map_err(StoreError::Pool)?;
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
        // Counted after the commit and before the caller hears back, on the
        // blocking side, so a caller that stops waiting still counts.
        match &self.sqlite_writer {
            Some(writer) => writer.write(f).await,
            None => {
                let done = self.writes_done.clone();
                self.run(move |conn| {
                    let result = write_transaction(conn, f);
                    done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    result
                })
                .await
            }
        }
    }

    /// How many writes this process has finished (see `writes_done`).
    pub fn writes_done(&self) -> u64 {
        self.writes_done.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Follows whether the database is reachable (`true`) or known to be
    /// out of reach; always `true` on SQLite.
    pub fn reachable(&self) -> tokio::sync::watch::Receiver<bool> {
        self.health.watch()
    }

    /// How many pooled connections are open, idle, and allowed (for metrics).
    pub fn pool_use(&self) -> PoolUse {
        let state = self.pool.state();
        PoolUse {
            open: state.connections,
            idle: state.idle_connections,
            max: self.pool.max_size(),
        }
    }

    /// Waits until every write queued before the call is committed: on
    /// SQLite the writer answers jobs in order, so a no-op job's answer
    /// means the queue ahead of it has drained. On PostgreSQL each write
    /// runs in its caller's task, which a graceful stop already waits for.
    pub async fn drain(&self) -> Result<(), StoreError> {
        match &self.sqlite_writer {
            Some(writer) => writer.write(|_| Ok::<_, StoreError>(())).await,
            None => Ok(()),
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
