//! Key-value settings of the whole installation (the session key, the
//! one-time admin setup token's hash).

use super::DbConn;
use super::schema::settings;
use diesel::prelude::*;

pub fn get(conn: &mut DbConn, key: &str) -> QueryResult<Option<String>> {
    settings::table
        .filter(settings::key.eq(key))
        .select(settings::value)
        .first(conn)
        .optional()
}

/// Inserts or replaces a value. Portable upsert through a raw query, since
/// `on_conflict` is not available through the multi-backend connection.
pub fn put(conn: &mut DbConn, key: &str, value: &str) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO settings (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind::<diesel::sql_types::Text, _>(key)
    .bind::<diesel::sql_types::Text, _>(value)
    .execute(conn)
    .map(|_| ())
}

/// Inserts a value only if the key is absent, then returns whichever value
/// is stored: instances starting together agree on one.
pub fn get_or_insert(conn: &mut DbConn, key: &str, value: &str) -> QueryResult<String> {
    diesel::sql_query(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
    )
    .bind::<diesel::sql_types::Text, _>(key)
    .bind::<diesel::sql_types::Text, _>(value)
    .execute(conn)?;
    get(conn, key).map(|v| v.expect("the setting was just inserted"))
}

pub fn delete(conn: &mut DbConn, key: &str) -> QueryResult<usize> {
    diesel::delete(settings::table.filter(settings::key.eq(key))).execute(conn)
}
