//! Whether the database is known to be out of reach. After a connection
//! could not be had within the pool's timeout, the database counts as down
//! for `HOLD`: requests are answered at once instead of each waiting the
//! timeout again, and only one request at a time probes whether it is back.
//! Watchers (the live channel) learn of each change.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// How long the database counts as down before the next probe. README:
/// Security states it.
pub const HOLD: Duration = Duration::from_secs(3);

/// Whether a database call may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Known up, or nothing known: go ahead.
    Go,
    /// Known down and the hold is over: this call finds out (and must report).
    Probe,
    /// Known down: answer at once.
    Down,
}

pub struct DbHealth {
    down_until: Mutex<Option<Instant>>,
    probing: AtomicBool,
    /// `true` while the database is reachable.
    up: watch::Sender<bool>,
}

impl Default for DbHealth {
    fn default() -> Self {
        DbHealth {
            down_until: Mutex::new(None),
            probing: AtomicBool::new(false),
            up: watch::channel(true).0,
        }
    }
}

impl DbHealth {
    pub fn admit(&self) -> Admission {
        let until = *self.down_until.lock().expect("health lock");
        match until {
            None => Admission::Go,
            Some(until) if Instant::now() < until => Admission::Down,
            Some(_) => {
                let first = self
                    .probing
                    .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
                    .is_ok();
                if first {
                    Admission::Probe
                } else {
                    Admission::Down
                }
            }
        }
    }

    /// A connection could not be had in time.
    pub fn mark_down(&self) {
        *self.down_until.lock().expect("health lock") = Some(Instant::now() + HOLD);
        self.probing.store(false, Ordering::Release);
        self.up.send_if_modified(|up| std::mem::replace(up, false));
    }

    /// A connection was had.
    pub fn mark_up(&self) {
        let was_down = self
            .down_until
            .lock()
            .expect("health lock")
            .take()
            .is_some();
        if was_down {
            self.probing.store(false, Ordering::Release);
            self.up.send_if_modified(|up| !std::mem::replace(up, true));
        }
    }

    /// Follows whether the database is reachable.
    pub fn watch(&self) -> watch::Receiver<bool> {
        self.up.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_a_failure_calls_are_refused_at_once_until_one_probe_is_let_through() {
        let health = DbHealth::default();
        assert_eq!(health.admit(), Admission::Go);
        health.mark_down();
        assert_eq!(health.admit(), Admission::Down);
        *health.down_until.lock().unwrap() = Some(Instant::now());
        assert_eq!(health.admit(), Admission::Probe);
        assert_eq!(health.admit(), Admission::Down, "one probe at a time");
        health.mark_up();
        assert_eq!(health.admit(), Admission::Go);
        assert!(*health.watch().borrow());
    }
}
