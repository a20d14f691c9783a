//! Backups of the SQLite database: the `backup` and `restore` commands, and
//! the schedule `serve --backup-every` runs (timestamped names, the oldest
//! deleted beyond `--backup-keep`). A copy is written under a `.partial`
//! name and renamed when whole, so a file with a backup's name is always
//! complete.

use crate::config::BackupSchedule;
use crate::ops::lock;
use crate::store::backup::{self, BackupError};
use crate::store::connection::sqlite_path;
use crate::store::{Backend, DbConn, Store};
use anyhow::{Context, bail};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

pub const POSTGRES_BACKUP: &str = "On PostgreSQL, take backups with pg_dump \
    (pg_dump -Fc -f hackday.dump DATABASE_URL) and restore them with pg_restore.";

/// `hackday backup PATH`: a consistent copy of a live SQLite database.
pub fn backup_command(database_url: &str, target: &Path) -> anyhow::Result<()> {
    if Backend::of_url(database_url) == Backend::Postgres {
        bail!("{POSTGRES_BACKUP}");
    }
    if target.exists() {
        bail!("{} exists already; choose a new name", target.display());
    }
    let mut conn = backup::open_existing(Path::new(sqlite_path(database_url)))?;
    copy_to(&mut conn, target)?;
    Ok(())
}

/// `hackday restore FROM`: puts a backup in place of the database, refusing
/// while a server uses it, and over an existing database without `force`.
pub fn restore_command(from: &Path, database_url: &str, force: bool) -> anyhow::Result<()> {
    if Backend::of_url(database_url) == Backend::Postgres {
        bail!("{POSTGRES_BACKUP}");
    }
    let target = Path::new(sqlite_path(database_url));
    // Held until the restore is done, so no server starts half-way.
    let _lock = lock::take(target)?;
    if target.exists() && !force {
        bail!(
            "{} exists; add --force to replace it with the backup",
            target.display()
        );
    }
    let mut source = backup::open_existing(from)?;
    backup::check(&mut source).with_context(|| format!("{} is not a backup", from.display()))?;
    let staging = with_suffix(target, ".restoring");
    remove_if_there(&staging)?;
    backup::vacuum_into(&mut source, &staging)?;
    drop(source);
    // The old database's log would be replayed into the restored file.
    for stale in ["-wal", "-shm"] {
        remove_if_there(&with_suffix(target, stale))?;
    }
    fs::rename(&staging, target)?;
    Ok(())
}

/// Runs the schedule on the current runtime: the first copy one period
/// after start, then one every period.
pub fn start_schedule(store: Store, schedule: BackupSchedule) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(schedule.every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        tick.tick().await;
        loop {
            tick.tick().await;
            let (dir, keep) = (schedule.dir.clone(), schedule.keep);
            match store
                .run(move |conn| scheduled_backup(conn, &dir, keep))
                .await
            {
                Ok(path) => tracing::info!(path = %path.display(), "backup written"),
                Err(e) => tracing::error!(error = %e, "scheduled backup failed"),
            }
        }
    });
}

fn scheduled_backup(conn: &mut DbConn, dir: &Path, keep: usize) -> Result<PathBuf, BackupError> {
    fs::create_dir_all(dir)?;
    // Names sort in time order; milliseconds keep close copies apart.
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let path = dir.join(format!("hackday-{stamp}.sqlite3"));
    copy_to(conn, &path)?;
    rotate(dir, keep)?;
    Ok(path)
}

/// Deletes the oldest scheduled backups in `dir` beyond the newest `keep`.
pub fn rotate(dir: &Path, keep: usize) -> std::io::Result<()> {
    let mut backups: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("hackday-") && n.ends_with(".sqlite3"))
        })
        .collect();
    backups.sort();
    let excess = backups.len().saturating_sub(keep);
    for old in &backups[..excess] {
        fs::remove_file(old)?;
    }
    Ok(())
}

fn copy_to(conn: &mut DbConn, target: &Path) -> Result<(), BackupError> {
    let partial = with_suffix(target, ".partial");
    remove_if_there(&partial)?;
    backup::vacuum_into(conn, &partial)?;
    fs::rename(&partial, target)?;
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_there(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
