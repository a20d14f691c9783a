//! The umbrella's settings (one JSON value in `settings`), the record of an
//! accepted code of conduct, and what an import needs to know first.

use super::DbConn;
use super::schema::{events, people};
use crate::domain::PersonId;
use crate::domain::umbrella::Umbrella;
use chrono::NaiveDateTime;
use diesel::prelude::*;

const KEY: &str = "umbrella";

/// Where the umbrella row is remembered between requests (`Store::memo`):
/// whoever writes it forgets it there after the commit.
pub const MEMO_KEY: &str = "umbrella";

/// The umbrella as stored; the defaults when none was set (or the stored
/// value cannot be read, which only a hand edit could cause).
pub fn get(conn: &mut DbConn) -> QueryResult<Umbrella> {
    Ok(stored(conn)?.unwrap_or_default())
}

/// The umbrella as an admin (or the demo, or an import) set it; `None`
/// when nobody has, so pages can say "hackday" rather than a made-up name.
pub fn stored(conn: &mut DbConn) -> QueryResult<Option<Umbrella>> {
    let stored = super::settings::get(conn, KEY)?;
    Ok(stored.and_then(|json| serde_json::from_str(&json).ok()))
}

pub fn put(conn: &mut DbConn, umbrella: &Umbrella) -> QueryResult<()> {
    let json = serde_json::to_string(umbrella).expect("an umbrella serialises");
    super::settings::put(conn, KEY, &json)
}

/// Stores the umbrella only if none was set (the demo's defaults never
/// overwrite an admin's choices).
pub fn put_if_unset(conn: &mut DbConn, umbrella: &Umbrella) -> QueryResult<()> {
    let json = serde_json::to_string(umbrella).expect("an umbrella serialises");
    super::settings::get_or_insert(conn, KEY, &json).map(|_| ())
}

/// Records when a person accepted the code of conduct.
pub fn accept_conduct(
    conn: &mut DbConn,
    person: PersonId,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(people::table.find(person.0))
        .set(people::accepted_conduct_at.eq(Some(at)))
        .execute(conn)
}

/// When a person accepted the code of conduct, if they did.
pub fn conduct_accepted_at(
    conn: &mut DbConn,
    person: PersonId,
) -> QueryResult<Option<NaiveDateTime>> {
    people::table
        .find(person.0)
        .select(people::accepted_conduct_at)
        .first(conn)
        .optional()
        .map(Option::flatten)
}

/// How many events the installation holds (an import needs none).
pub fn event_count(conn: &mut DbConn) -> QueryResult<i64> {
    events::table.count().get_result(conn)
}
