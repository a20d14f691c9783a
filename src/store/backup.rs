//! Copies of an SQLite database, taken with `VACUUM INTO` on a live
//! database: it reads one consistent snapshot (in WAL mode a reader never
//! blocks the writer), so the copy holds every transaction committed before
//! it began and nothing half-done.

use super::connection::{DbConn, SqliteSync, establish};
use diesel::RunQueryDsl;
use diesel::sql_types::Text;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Refused(String),
    #[error("cannot open the database: {0}")]
    Open(#[from] diesel::ConnectionError),
    #[error("the copy failed: {0}")]
    Copy(#[from] diesel::result::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] super::StoreError),
}

/// Writes a consistent copy of the database behind `conn` to `target`
/// (which must not exist), then syncs it to disk.
pub fn vacuum_into(conn: &mut DbConn, target: &Path) -> Result<(), BackupError> {
    if !matches!(conn, DbConn::Sqlite(_)) {
        return Err(BackupError::Refused(
            "backups of PostgreSQL are taken with pg_dump".into(),
        ));
    }
    let target_name = target
        .to_str()
        .ok_or_else(|| BackupError::Refused("the backup path is not valid UTF-8".into()))?;
    diesel::sql_query("VACUUM INTO $1")
        .bind::<Text, _>(target_name)
        .execute(conn)?;
    std::fs::File::open(target)?.sync_all()?;
    Ok(())
}

/// Opens one connection to an existing SQLite file (never creates one).
pub fn open_existing(path: &Path) -> Result<DbConn, BackupError> {
    if !path.is_file() {
        return Err(BackupError::Refused(format!(
            "there is no database at {}",
            path.display()
        )));
    }
    let url = path
        .to_str()
        .ok_or_else(|| BackupError::Refused("the database path is not valid UTF-8".into()))?;
    Ok(establish(url, SqliteSync::Full)?)
}

/// Whether the file is an intact SQLite database (`PRAGMA quick_check`).
pub fn check(conn: &mut DbConn) -> Result<(), BackupError> {
    #[derive(diesel::QueryableByName)]
    struct Check {
        #[diesel(sql_type = Text)]
        quick_check: String,
    }
    let rows: Vec<Check> = diesel::sql_query("PRAGMA quick_check").load(conn)?;
    match rows.first() {
        Some(row) if row.quick_check == "ok" => Ok(()),
        _ => Err(BackupError::Refused(
            "that file is not an intact hackday database".into(),
        )),
    }
}
