//! How committed changes reach the hub of every instance. On SQLite (one
//! instance) a change goes straight to the local hub after commit. On
//! PostgreSQL it is sent with NOTIFY inside the transaction, so it leaves
//! only if the transaction commits and in commit order, and every instance
//! (this one included) receives it on a LISTEN connection.

use super::hub::Hub;
use super::protocol::Change;
use super::shutdown::Shutdown;
use crate::store::{Backend, DbConn};
use diesel::{Connection, RunQueryDsl};
use std::sync::{Arc, Weak};
use std::time::Duration;

const CHANNEL: &str = "hackday_live";
/// PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more.
const MAX_PAYLOAD: usize = 7_900;

#[derive(Clone)]
pub struct Live {
    hub: Arc<Hub>,
    backend: Backend,
    shutdown: Shutdown,
}

impl Live {
    pub fn new(hub: Arc<Hub>, backend: Backend) -> Self {
        Live {
            hub,
            backend,
            shutdown: Shutdown::new(),
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }

    /// The flag that tells this instance's sockets it is restarting.
    pub fn shutdown(&self) -> &Shutdown {
        &self.shutdown
    }

    /// Called inside the write transaction that made the change.
    pub fn stage(&self, conn: &mut DbConn, change: &Change) -> diesel::QueryResult<()> {
        if self.backend != Backend::Postgres {
            return Ok(());
        }
        let mut payload = serde_json::to_string(change).expect("a change serialises");
        if payload.len() > MAX_PAYLOAD {
            let mut small = Change::new(change.event_id, change.version);
            small.resync = true;
            payload = serde_json::to_string(&small).expect("a change serialises");
        }
        diesel::sql_query("SELECT pg_notify($1, $2)")
            .bind::<diesel::sql_types::Text, _>(CHANNEL)
            .bind::<diesel::sql_types::Text, _>(payload)
            .execute(conn)
            .map(|_| ())
    }

    /// Called after the transaction committed. On PostgreSQL the change
    /// comes back through LISTEN, but this instance knows its version now,
    /// before the writer's redirect is answered.
    pub fn committed(&self, change: Change) {
        self.hub.note_version(change.event_id, change.version);
        if self.backend == Backend::Sqlite {
            self.hub.deliver(change);
        }
    }

    /// On PostgreSQL, starts the thread that LISTENs for changes from every
    /// instance. It reconnects by itself, tells clients to resync after a
    /// reconnect (notifications may have been missed), and stops when the
    /// hub is gone.
    pub fn start_listener(&self, database_url: &str) {
        if self.backend != Backend::Postgres {
            return;
        }
        let hub = Arc::downgrade(&self.hub);
        let url = database_url.to_string();
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("hackday-listen".into())
            .spawn(move || listen(hub, url, ready_tx))
            .expect("start the listener thread");
        // Wait (briefly) until LISTEN is in place, so no change made after
        // start-up is missed.
        let _ = ready_rx.recv_timeout(Duration::from_secs(5));
    }
}

fn listen(hub: Weak<Hub>, url: String, ready: std::sync::mpsc::Sender<()>) {
    let mut first = true;
    while hub.strong_count() > 0 {
        let mut conn = match diesel::PgConnection::establish(&url) {
            Ok(conn) => conn,
            Err(e) => {
                tracing::warn!(error = %e, "live bus: cannot connect; retrying");
                std::thread::sleep(Duration::from_secs(1));
                continue;
            }
        };
        if let Err(e) = diesel::sql_query(format!("LISTEN {CHANNEL}")).execute(&mut conn) {
            tracing::warn!(error = %e, "live bus: LISTEN failed; retrying");
            std::thread::sleep(Duration::from_secs(1));
            continue;
        }
        if first {
            let _ = ready.send(());
            first = false;
        } else if let Some(hub) = hub.upgrade() {
            tracing::info!("live bus: reconnected; clients resync");
            hub.resync_all();
        }
        if let Err(e) = pump(&hub, &mut conn) {
            tracing::warn!(error = %e, "live bus: connection lost; reconnecting");
        }
    }
}

/// Reads notifications until the connection fails or the hub is gone.
/// diesel's iterator does not block, so it is polled, quickly while busy and
/// more slowly while idle.
fn pump(hub: &Weak<Hub>, conn: &mut diesel::PgConnection) -> diesel::QueryResult<()> {
    let mut idle_rounds = 0u32;
    loop {
        let Some(hub) = hub.upgrade() else {
            return Ok(());
        };
        let mut got = false;
        for notification in conn.notifications_iter() {
            let notification = notification?;
            got = true;
            match serde_json::from_str::<Change>(&notification.payload) {
                Ok(change) => hub.deliver(change),
                Err(e) => tracing::warn!(error = %e, "live bus: unreadable payload"),
            }
        }
        drop(hub);
        idle_rounds = if got {
            0
        } else {
            idle_rounds.saturating_add(1)
        };
        let pause = if idle_rounds < 100 { 1 } else { 5 };
        std::thread::sleep(Duration::from_millis(pause));
    }
}
