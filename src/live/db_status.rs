//! Tells every live client when the database goes out of reach and when it
//! is back (`{"type":"status"}`; the page shows the message), and checks the
//! database every few seconds so a quiet server notices too. PostgreSQL only:
//! an SQLite file does not go away.

use super::hub::{Frame, Hub};
use crate::store::{Backend, Store};
use std::sync::Arc;
use std::time::Duration;

/// What people are told while the database is out of reach (pages and the
/// live channel say the same).
pub const DATABASE_DOWN: &str = "The server cannot reach its database right now. \
     It keeps retrying by itself: try again in a few seconds.";

const CHECK_EVERY: Duration = Duration::from_secs(2);

/// The status frame: the message to show, or an empty one when all is well.
pub fn frame(reachable: bool) -> Frame {
    let (database, message) = if reachable {
        ("up", "")
    } else {
        ("down", DATABASE_DOWN)
    };
    serde_json::json!({"type": "status", "database": database, "message": message})
        .to_string()
        .into()
}

/// Starts the watcher; it stops when the hub is gone.
pub fn start(store: Store, hub: &Arc<Hub>) {
    if store.backend() != Backend::Postgres {
        return;
    }
    let hub = Arc::downgrade(hub);
    let mut reachable = store.reachable();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(CHECK_EVERY);
        loop {
            tokio::select! {
                changed = reachable.changed() => {
                    if changed.is_err() { return }
                    let up = *reachable.borrow_and_update();
                    let Some(hub) = hub.upgrade() else { return };
                    hub.broadcast_all(frame(up));
                    if up {
                        // Changes may have been missed while it was away.
                        hub.resync_all();
                    }
                }
                _ = every.tick() => {
                    if hub.strong_count() == 0 { return }
                    // The result reaches us through `reachable`.
                    let _ = store.ping().await;
                }
            }
        }
    });
}
