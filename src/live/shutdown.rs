//! Telling live sockets that this instance is going away: a flag every
//! websocket session watches, and a count of the sessions still open so a
//! graceful stop can wait for them to say goodbye.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// Cheap to clone; every clone controls the same flag.
#[derive(Clone)]
pub struct Shutdown {
    flag: Arc<watch::Sender<bool>>,
    open: Arc<AtomicUsize>,
}

impl Default for Shutdown {
    fn default() -> Self {
        Self::new()
    }
}

impl Shutdown {
    pub fn new() -> Self {
        let (flag, _) = watch::channel(false);
        Shutdown {
            flag: Arc::new(flag),
            open: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// Tells every open session (and any that opens from now on) to send
    /// `restarting` and close.
    pub fn begin(&self) {
        self.flag.send_replace(true);
    }

    pub fn has_begun(&self) -> bool {
        *self.flag.borrow()
    }

    /// Registers a websocket session; dropping the guard unregisters it.
    pub fn session(&self) -> SessionGuard {
        self.open.fetch_add(1, Ordering::SeqCst);
        SessionGuard {
            flag: self.flag.subscribe(),
            open: self.open.clone(),
        }
    }

    /// How many sessions are still open.
    pub fn open_sessions(&self) -> usize {
        self.open.load(Ordering::SeqCst)
    }

    /// Waits until every session has closed, or `limit` has passed.
    /// Returns how many were still open.
    pub async fn sessions_closed(&self, limit: Duration) -> usize {
        let until = Instant::now() + limit;
        while self.open_sessions() > 0 && Instant::now() < until {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.open_sessions()
    }
}

/// Held by one websocket session for as long as it runs.
pub struct SessionGuard {
    flag: watch::Receiver<bool>,
    open: Arc<AtomicUsize>,
}

impl SessionGuard {
    /// Resolves once the instance begins to stop (at once if it already has).
    pub async fn restarting(&mut self) {
        // An error means the sender is gone: the instance is going away too.
        let _ = self.flag.wait_for(|stopping| *stopping).await;
    }
}

impl Drop for SessionGuard {
    fn drop(&mut self) {
        self.open.fetch_sub(1, Ordering::SeqCst);
    }
}
