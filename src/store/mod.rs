//! Everything that touches the database: the pool, migrations, and one module
//! per table family. Functions take a connection and hand back domain types.

pub mod admins;
pub mod audit;
pub mod connection;
pub mod events;
pub mod judging;
pub mod migrate;
pub mod people;
pub mod projects;
pub mod schema;
pub mod settings;
pub mod submissions;

pub use connection::{Backend, DbConn, write_transaction};

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
    /// SQLite has one writer at a time. Writers of this process queue here
    /// instead of in SQLite's busy handler, which sleeps in steps of up to
    /// 100 ms and so would add that much latency under load.
    sqlite_writer: std::sync::Arc<std::sync::Mutex<()>>,
}

impl Store {
    /// Opens the pool and applies pending migrations.
    pub fn open(url: &str, pool_size: u32) -> anyhow::Result<(Self, Vec<String>)> {
        let backend = Backend::of_url(url);
        let mut first = connection::establish_first(url)
            .map_err(|e| anyhow::anyhow!("cannot open the {} database: {e}", backend.name()))?;
        let applied = migrate::apply_pending(&mut first)
            .map_err(|e| anyhow::anyhow!("migrations failed: {e}"))?;
        drop(first);
        let pool = connection::build_pool(url, pool_size)
            .map_err(|e| anyhow::anyhow!("cannot open the {} database: {e}", backend.name()))?;
        Ok((
            Self {
                pool,
                backend,
                sqlite_writer: Default::default(),
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

    /// Runs `f` in one write transaction (see `write_transaction`) on the
    /// blocking threads. The way services change data.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + From<diesel::result::Error> + Send + 'static,
    {
        let writer = self.sqlite_writer.clone();
        let serialise = self.backend == Backend::Sqlite;
        self.run(move |conn| {
            let _turn = serialise.then(|| {
                writer
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
            });
            write_transaction(conn, f)
        })
        .await
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
