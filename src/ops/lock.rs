//! The lock a serving process holds on its SQLite database (an advisory
//! lock on `<database>.lock`, released by the kernel whenever the process
//! ends, even on a crash), so `hackday restore` can tell that a server is
//! using the database and refuse to pull it from under it.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Held for as long as this value lives.
pub struct DatabaseLock {
    _file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{0} is in use by a running hackday server; stop it first")]
    InUse(String),
    #[error("cannot make the lock file {0}: {1}")]
    Io(String, std::io::Error),
}

fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the lock of the database at `database`, or says who holds it.
pub fn take(database: &Path) -> Result<DatabaseLock, LockError> {
    let path = lock_path(database);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| LockError::Io(path.display().to_string(), e))?;
    match file.try_lock() {
        Ok(()) => Ok(DatabaseLock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(LockError::InUse(database.display().to_string())),
        Err(TryLockError::Error(e)) => Err(LockError::Io(path.display().to_string(), e)),
    }
}
