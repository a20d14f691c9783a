//! The log subscriber: text for people or one JSON object per line for log
//! collectors, on standard error (standard output carries the printed
//! sign-in links, which must never end up in a log collector).

use crate::config::LogFormat;
use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

/// Installs the process-wide subscriber; `RUST_LOG` sets the level
/// (default `info`).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour codes only for a person at a terminal, never in files.
        .with_ansi(std::io::stderr().is_terminal());
    match format {
        LogFormat::Text => builder.init(),
        // Fields at the top level, so a collector indexes `id`, `status`,
        // `route` without digging into nested objects.
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}
