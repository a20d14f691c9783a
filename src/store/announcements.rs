//! The organisers' announcements of an event: written, cleared, and the
//! latest few read back for live pages and the event page.

use super::DbConn;
use super::schema::announcements;
use crate::domain::EventId;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// One announcement as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Announcement {
    pub id: i64,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub cleared_at: Option<NaiveDateTime>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = announcements)]
struct Row {
    id: i64,
    body: String,
    created_at: NaiveDateTime,
    cleared_at: Option<NaiveDateTime>,
}

impl From<Row> for Announcement {
    fn from(r: Row) -> Self {
        Announcement {
            id: r.id,
            body: r.body,
            created_at: r.created_at,
            cleared_at: r.cleared_at,
        }
    }
}

/// Stores a new announcement and answers its id.
pub fn insert(
    conn: &mut DbConn,
    event: EventId,
    body: &str,
    at: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::insert_into(announcements::table)
        .values((
            announcements::event_id.eq(event.0),
            announcements::body.eq(body),
            announcements::created_at.eq(at),
        ))
        .returning(announcements::id)
        .get_result(conn)
}

/// Clears one announcement of the event (or every one still shown when
/// `id` is `None`); answers how many were cleared.
pub fn clear(
    conn: &mut DbConn,
    event: EventId,
    id: Option<i64>,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    let shown = announcements::table
        .filter(announcements::event_id.eq(event.0))
        .filter(announcements::cleared_at.is_null());
    match id {
        Some(id) => diesel::update(shown.filter(announcements::id.eq(id)))
            .set(announcements::cleared_at.eq(Some(at)))
            .execute(conn),
        None => diesel::update(shown)
            .set(announcements::cleared_at.eq(Some(at)))
            .execute(conn),
    }
}

/// The event's latest `limit` announcements, newest first.
pub fn latest(conn: &mut DbConn, event: EventId, limit: i64) -> QueryResult<Vec<Announcement>> {
    announcements::table
        .filter(announcements::event_id.eq(event.0))
        .order(announcements::id.desc())
        .limit(limit)
        .select(Row::as_select())
        .load(conn)
        .map(|rows| rows.into_iter().map(Announcement::from).collect())
}
