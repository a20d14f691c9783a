//! SQLite's one writer, with group commit. SQLite allows one writer at a
//! time, and with `synchronous = FULL` every commit waits for the disk. So
//! write jobs queue for one thread, which runs whatever has queued up in a
//! single `BEGIN IMMEDIATE … COMMIT`, each job in its own savepoint (a job
//! that fails rolls back alone), and answers every job only after the
//! commit: one disk sync for many writes, and an answer means durable.

use super::StoreError;
use super::connection::{DbConn, Pool};
use diesel::Connection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};

/// Given the commit's outcome, answers the job's caller.
type Finisher = Box<dyn FnOnce(Option<StoreError>) + Send>;
/// Runs inside the batch's transaction and returns its finisher.
type Job = Box<dyn FnOnce(&mut DbConn) -> Finisher + Send>;

/// Jobs taken into one transaction at most.
const MAX_BATCH: usize = 64;

#[derive(Clone)]
pub struct SqliteWriter {
    jobs: mpsc::Sender<Job>,
}

impl SqliteWriter {
    /// Starts the writer thread; it ends when the last handle is dropped.
    /// `writes_done` counts every job once its batch is over (committed or
    /// not), before the job's caller hears back.
    pub fn start(pool: Pool, writes_done: Arc<AtomicU64>) -> Self {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("hackday-sqlite-writer".into())
            .spawn(move || run(pool, queue, &writes_done))
            .expect("start the SQLite writer thread");
        SqliteWriter { jobs }
    }

    /// Runs `f` in the next batch and returns its result once committed.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StoreError> + From<diesel::result::Error> + Send + 'static,
    {
        let (answer, answered) = tokio::sync::oneshot::channel::<Result<T, E>>();
        let job: Job = Box::new(move |conn: &mut DbConn| {
            // A savepoint, since the batch's transaction is open.
            let result: Result<T, E> = conn.transaction(f);
            Box::new(move |commit_failed: Option<StoreError>| {
                let outcome = match (result, commit_failed) {
                    (Err(e), _) => Err(e),
                    (Ok(_), Some(failed)) => Err(E::from(failed)),
                    (Ok(value), None) => Ok(value),
                };
                let _ = answer.send(outcome);
            })
        });
        self.jobs
            .send(job)
            .map_err(|_| StoreError::Task("the SQLite writer stopped".into()))?;
        crate::ops::metrics::write_queued();
        answered
            .await
            .map_err(|_| E::from(StoreError::Task("a write was abandoned".into())))?
    }
}

fn run(pool: Pool, queue: mpsc::Receiver<Job>, writes_done: &AtomicU64) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        crate::ops::metrics::batch_taken(batch.len());
        let mut conn = match pool.get() {
            Ok(conn) => conn,
            Err(e) => {
                let message = e.to_string();
                fail_all(batch, &message);
                continue;
            }
        };
        commit_batch(&mut conn, batch, writes_done);
    }
}

/// Gives up on jobs that could not run: dropping a job drops its answer
/// channel, so its caller gets "a write was abandoned".
fn fail_all(batch: Vec<Job>, message: &str) {
    tracing::error!(
        error = message,
        jobs = batch.len(),
        "SQLite writer could not get a connection"
    );
    drop(batch);
}

fn commit_batch(conn: &mut DbConn, batch: Vec<Job>, writes_done: &AtomicU64) {
    let DbConn::Sqlite(inner) = conn else {
        unreachable!("the writer runs on SQLite only")
    };
    if let Err(e) = AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE") {
        tracing::error!(error = %e, "SQLite writer could not begin");
        return;
    }
    let mut finishers = Vec::with_capacity(batch.len());
    for job in batch {
        match std::panic::catch_unwind(AssertUnwindSafe(|| job(conn))) {
            Ok(finisher) => finishers.push(finisher),
            Err(_) => {
                // A job panicked: undo the whole batch and tell the others.
                tracing::error!("a write job panicked; its batch is rolled back");
                if let DbConn::Sqlite(inner) = conn {
                    let _ = AnsiTransactionManager::rollback_transaction(inner);
                }
                for finish in finishers {
                    finish(Some(StoreError::Task("the write was rolled back".into())));
                }
                return;
            }
        }
    }
    let DbConn::Sqlite(inner) = conn else {
        unreachable!("the backend of a connection never changes")
    };
    let committed = AnsiTransactionManager::commit_transaction(inner);
    writes_done.fetch_add(finishers.len() as u64, Ordering::SeqCst);
    match committed {
        Ok(()) => finishers.into_iter().for_each(|finish| finish(None)),
        Err(e) => {
            let _ = AnsiTransactionManager::rollback_transaction(inner);
            let message = e.to_string();
            for finish in finishers {
                finish(Some(StoreError::Task(format!(
                    "the commit failed: {message}"
                ))));
            }
        }
    }
}
