//! Running it for real: log set-up, Prometheus metrics, the database lock
//! file and SQLite backups. Nothing here knows about pages or features.

pub mod backup;
pub mod lock;
pub mod logging;
pub mod metrics;
