//! On PostgreSQL, what a page must know from the database before it is
//! served from memory: the event's newest version (another instance's
//! writer may have answered a moment ago, its notification still on the
//! way) and how many times sessions have been ended (on any instance).
//!
//! Read for many requests at once: a request waits for a read that began
//! after it arrived, so it never misses a change acknowledged before it
//! came, and one read serves every request that arrived while the one
//! before it ran. Under load that is one small query per round trip to the
//! database, not one per request.

use crate::service::{ServiceError, ServiceResult};
use crate::store::{self, Store, StoreError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// What the database said, for one event.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    /// `None`: there is no event by that slug.
    pub version: Option<i64>,
    /// How many times sessions have been ended (see `store::sessions`).
    pub session_endings: i64,
}

/// `None`: the shared read failed; the request reads alone, so that its
/// own error (with its cause) is what it answers with.
type Answer = oneshot::Sender<Option<Reading>>;

#[derive(Default)]
struct Queue {
    /// Whether a read is under way (it takes the next batch when done).
    reading: bool,
    waiting: Vec<(String, Answer)>,
}

#[derive(Default)]
pub struct Fence {
    queue: Mutex<Queue>,
}

impl Fence {
    /// The event's version and the sessions' ending count, as read by a
    /// query that began after this call.
    pub async fn read(self: &Arc<Self>, store: &Store, slug: &str) -> ServiceResult<Reading> {
        let (answer, answered) = oneshot::channel();
        let start = {
            let mut queue = self.queue.lock().expect("fence lock");
            queue.waiting.push((slug.to_string(), answer));
            !std::mem::replace(&mut queue.reading, true)
        };
        if start {
            // Its own task: it carries on for the others if this request goes.
            tokio::spawn(self.clone().read_batches(store.clone()));
        }
        match answered.await {
            Ok(Some(reading)) => Ok(reading),
            _ => read_alone(store, slug.to_string()).await,
        }
    }

    /// Reads for whoever is waiting, batch after batch, until nobody is.
    async fn read_batches(self: Arc<Self>, store: Store) {
        let _unstick = Unstick(&self);
        loop {
            let batch = {
                let mut queue = self.queue.lock().expect("fence lock");
                if queue.waiting.is_empty() {
                    queue.reading = false;
                    return;
                }
                std::mem::take(&mut queue.waiting)
            };
            let mut slugs: Vec<String> = batch.iter().map(|(slug, _)| slug.clone()).collect();
            slugs.sort();
            slugs.dedup();
            let read = store
                .run(move |conn| {
                    let versions = store::events::versions_of(conn, &slugs)?;
                    let endings = store::sessions::endings(conn)?;
                    Ok::<_, StoreError>((versions, endings))
                })
                .await
                .ok();
            answer_all(batch, read);
        }
    }
}

/// Should a read ever panic, the next request starts reading again
/// rather than wait for good.
struct Unstick<'a>(&'a Fence);

impl Drop for Unstick<'_> {
    fn drop(&mut self) {
        if std::thread::panicking()
            && let Ok(mut queue) = self.0.queue.lock()
        {
            queue.reading = false;
        }
    }
}

fn answer_all(batch: Vec<(String, Answer)>, read: Option<(HashMap<String, i64>, i64)>) {
    for (slug, answer) in batch {
        let _ = answer.send(read.as_ref().map(|(versions, session_endings)| Reading {
            version: versions.get(&slug).copied(),
            session_endings: *session_endings,
        }));
    }
}

/// One request's own read, after a shared one failed.
async fn read_alone(store: &Store, slug: String) -> ServiceResult<Reading> {
    store
        .run(move |conn| {
            Ok::<_, ServiceError>(Reading {
                version: store::events::version_of(conn, &slug)?,
                session_endings: store::sessions::endings(conn)?,
            })
        })
        .await
}
