//! Settings from the command line and the environment, loaded once in
//! `main` and passed down.

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "hackday",
    version,
    about = "Runs a hack day from the first pitch to the last prize"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
    /// Log lines as `text` (for people) or `json` (one object per line, for
    /// log collectors). Logs go to standard error.
    #[arg(
        long,
        global = true,
        env = "HACKDAY_LOG_FORMAT",
        default_value = "text"
    )]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the app (the default).
    Serve(ServeArgs),
    /// Serve the app with the demo event loaded (slug `demo`).
    Demo(DemoArgs),
    /// Apply pending database migrations and exit.
    Migrate {
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE)]
        database_url: String,
    },
    /// Copy a live SQLite database to PATH without stopping the server.
    Backup {
        /// Where the copy goes (must not exist yet).
        path: std::path::PathBuf,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE)]
        database_url: String,
    },
    /// Put a backup in place of the SQLite database (the server must be stopped).
    Restore {
        /// The backup to restore.
        from: std::path::PathBuf,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE)]
        database_url: String,
        /// Replace a database that already exists.
        #[arg(long)]
        force: bool,
    },
}

pub const DEFAULT_DATABASE: &str = "hackday.sqlite3";

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "HACKDAY_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// An SQLite file path (the default) or a postgres:// URL.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE)]
    pub database_url: String,
    /// Load the demo event on start.
    #[arg(long)]
    pub demo: bool,
    /// The address people reach this server at (for printed links and the
    /// Origin check behind a proxy), e.g. https://hack.example.org
    #[arg(long, env = "HACKDAY_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Believe the Forwarded / X-Forwarded-Host / X-Forwarded-Proto headers
    /// (set this only behind a proxy that sets them).
    #[arg(long, env = "HACKDAY_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// Open connections allowed from one client address (not applied behind
    /// a trusted proxy, where every connection comes from the proxy).
    #[arg(
        long,
        env = "HACKDAY_MAX_CONNECTIONS_PER_ADDRESS",
        default_value_t = 1000
    )]
    pub max_connections_per_address: usize,
    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "HACKDAY_WORKERS")]
    pub workers: Option<usize>,
    /// Database connections in the pool.
    #[arg(long, env = "HACKDAY_POOL_SIZE", default_value_t = 10)]
    pub pool_size: u32,
    /// Mark cookies Secure (set this when serving over HTTPS).
    #[arg(long, env = "HACKDAY_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// SQLite durability: `full` (every acknowledged write survives a power
    /// cut) or `normal` (faster; the last commits may be lost on a power cut).
    #[arg(long, env = "HACKDAY_SQLITE_SYNC", default_value = "full", value_parser = crate::store::SqliteSync::parse)]
    pub sqlite_sync: crate::store::SqliteSync,
    /// Live updates arriving within this many milliseconds share one frame.
    #[arg(long, env = "HACKDAY_LIVE_BATCH_MS", default_value_t = 20)]
    pub live_batch_ms: u64,
    /// Serve Prometheus metrics at /metrics to requests that carry
    /// `Authorization: Bearer TOKEN`.
    #[arg(long, env = "HACKDAY_METRICS_TOKEN")]
    pub metrics_token: Option<Secret>,
    /// Serve Prometheus metrics at /metrics on this separate address too
    /// (e.g. 127.0.0.1:9090), reachable only by whoever reaches that address.
    #[arg(long, env = "HACKDAY_METRICS_BIND")]
    pub metrics_bind: Option<String>,
    /// Back up the SQLite database this often (e.g. 10m, 1h).
    #[arg(long, env = "HACKDAY_BACKUP_EVERY", value_parser = humantime::parse_duration)]
    pub backup_every: Option<std::time::Duration>,
    /// Where scheduled backups go.
    #[arg(long, env = "HACKDAY_BACKUP_DIR", default_value = "backups")]
    pub backup_dir: std::path::PathBuf,
    /// Scheduled backups kept; older ones are deleted.
    #[arg(long, env = "HACKDAY_BACKUP_KEEP", default_value_t = 24, value_parser = clap::value_parser!(u32).range(1..))]
    pub backup_keep: u32,
}

/// A secret from the configuration, kept out of `Debug` output so it never
/// reaches a log.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::str::FromStr for Secret {
    type Err = String;
    fn from_str(raw: &str) -> Result<Self, String> {
        if raw.trim().len() < 16 {
            return Err("a metrics token needs at least 16 characters".into());
        }
        Ok(Secret(raw.trim().to_string()))
    }
}

/// Scheduled backups of the SQLite database (see `ops::backup`).
#[derive(Debug, Clone)]
pub struct BackupSchedule {
    pub every: std::time::Duration,
    pub dir: std::path::PathBuf,
    pub keep: usize,
}

#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Reset the demo event to its starting state (deletes it and everything
    /// under it, then loads it again; other events are untouched). Without
    /// it an existing demo event is kept as it is.
    #[arg(long)]
    pub fresh: bool,
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// The settings the application is built from.
#[derive(Debug, Clone)]
pub struct Settings {
    pub bind: String,
    pub database_url: String,
    pub demo: bool,
    /// With `demo`: reset the demo event instead of keeping it.
    pub fresh_demo: bool,
    pub public_url: Option<String>,
    pub trust_proxy: bool,
    pub max_connections_per_address: usize,
    pub workers: Option<usize>,
    pub pool_size: u32,
    pub secure_cookies: bool,
    pub live_batch_ms: u64,
    pub sqlite_sync: crate::store::SqliteSync,
    pub metrics_token: Option<Secret>,
    pub metrics_bind: Option<String>,
    pub backup: Option<BackupSchedule>,
}

impl From<ServeArgs> for Settings {
    fn from(a: ServeArgs) -> Self {
        Settings {
            bind: a.bind,
            database_url: a.database_url,
            demo: a.demo,
            fresh_demo: false,
            public_url: a.public_url.map(|u| u.trim_end_matches('/').to_string()),
            trust_proxy: a.trust_proxy,
            max_connections_per_address: a.max_connections_per_address,
            workers: a.workers,
            pool_size: a.pool_size,
            secure_cookies: a.secure_cookies,
            live_batch_ms: a.live_batch_ms,
            sqlite_sync: a.sqlite_sync,
            metrics_token: a.metrics_token,
            metrics_bind: a.metrics_bind,
            backup: a.backup_every.map(|every| BackupSchedule {
                every,
                dir: a.backup_dir,
                keep: a.backup_keep as usize,
            }),
        }
    }
}

impl Settings {
    /// Whether `/metrics` is served anywhere (off by default).
    pub fn metrics_enabled(&self) -> bool {
        self.metrics_token.is_some() || self.metrics_bind.is_some()
    }

    /// Settings for a server on a random local port with the given database
    /// (used by tests and tools).
    pub fn for_tests(database_url: &str) -> Self {
        Settings {
            bind: "127.0.0.1:0".into(),
            database_url: database_url.into(),
            demo: false,
            fresh_demo: false,
            public_url: None,
            trust_proxy: false,
            max_connections_per_address: 1000,
            workers: Some(2),
            pool_size: 8,
            secure_cookies: false,
            live_batch_ms: 20,
            // Tests measure behaviour, not power-cut durability.
            sqlite_sync: crate::store::SqliteSync::Normal,
            metrics_token: None,
            metrics_bind: None,
            backup: None,
        }
    }
}
