//! Stopping the application: gracefully (stop accepting, tell live clients
//! they should reconnect, finish requests and writes in flight, all within
//! `STOP_WITHIN`) on SIGTERM or Ctrl-C, or at once.

use crate::live::Live;
use crate::store::Store;
use actix_web::dev::ServerHandle;
use std::time::Duration;

/// A graceful stop ends within this time, whatever is still open.
pub const STOP_WITHIN: Duration = Duration::from_secs(10);
/// How long live sockets get to finish the command in hand and say goodbye.
const SOCKETS_WITHIN: Duration = Duration::from_secs(3);
/// How long HTTP requests in flight get to finish (actix's shutdown timeout;
/// it checks once a second, so allow one more second after it).
pub const REQUESTS_WITHIN: Duration = Duration::from_secs(5);

/// Stops one running application. Cheap to clone.
#[derive(Clone)]
pub struct StopHandle {
    server: ServerHandle,
    live: Live,
    store: Store,
}

impl StopHandle {
    pub fn new(server: ServerHandle, live: Live, store: Store) -> Self {
        StopHandle {
            server,
            live,
            store,
        }
    }

    /// Stops the server. Graceful: no new connections, every live socket
    /// gets `restarting` and a 1012 close (after answering the command in
    /// hand), requests in flight finish, the SQLite writer's queue drains;
    /// whatever is left after `STOP_WITHIN` is dropped. Otherwise every
    /// connection is dropped at once.
    pub async fn stop(&self, graceful: bool) {
        if !graceful {
            self.server.stop(false).await;
            return;
        }
        if tokio::time::timeout(STOP_WITHIN, self.stop_gracefully())
            .await
            .is_err()
        {
            tracing::warn!(within = ?STOP_WITHIN, "graceful stop overran; stopping at once");
            self.server.stop(false).await;
        }
    }

    async fn stop_gracefully(&self) {
        tracing::info!("stopping gracefully");
        self.server.pause().await;
        let shutdown = self.live.shutdown();
        shutdown.begin();
        let open = shutdown.sessions_closed(SOCKETS_WITHIN).await;
        if open > 0 {
            tracing::warn!(open, "live sockets still open; they will be dropped");
        }
        self.server.stop(true).await;
        if let Err(e) = self.store.drain().await {
            tracing::error!(error = ?e, "the write queue could not be drained");
        }
        tracing::info!("stopped");
    }
}

/// Resolves on SIGTERM or Ctrl-C (SIGINT).
pub async fn signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = ctrl_c => {}
                    _ = term.recv() => {}
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM; Ctrl-C only");
                let _ = ctrl_c.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
