//! Embedded migrations, one folder per backend with identical names.

use super::connection::DbConn;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Applies every pending migration and returns their names.
pub fn apply_pending(conn: &mut DbConn) -> Result<Vec<String>, BoxError> {
    let applied = match conn {
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE)?,
        DbConn::Pg(c) => c.run_pending_migrations(POSTGRES)?,
    };
    Ok(applied.into_iter().map(|v| v.to_string()).collect())
}

/// Reverts every applied migration (used by the migrations test and by
/// `hackday migrate --revert-all`).
pub fn revert_all(conn: &mut DbConn) -> Result<Vec<String>, BoxError> {
    let reverted = match conn {
        DbConn::Sqlite(c) => c.revert_all_migrations(SQLITE)?,
        DbConn::Pg(c) => c.revert_all_migrations(POSTGRES)?,
    };
    Ok(reverted.into_iter().map(|v| v.to_string()).collect())
}
