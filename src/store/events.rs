//! Events and the per-event version that orders live updates (schedule and
//! projector state in submodules).

use super::DbConn;
use super::schema::events;
use crate::domain::EventZone;
use crate::domain::event::JoinCode;
use crate::domain::ids::LocalOrganiserId;
use crate::domain::proposal::Approval;
use crate::domain::{Event, EventId, EventSettings, Phase};
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

mod projector;
mod schedule;
pub use projector::{display_scene, set_display_scene, set_timer, timer};
pub use schedule::{add_schedule_item, delete_schedule_item, schedule, submission_deadline};

type EventRow = (
    i64,
    String,
    String,
    String,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    i32,
    Option<String>,
    String,
    bool,
    i64,
    bool,
    String,
    String,
    Option<i64>,
    String,
);

/// The columns `to_event` reads, in its order.
#[allow(clippy::type_complexity)]
const COLUMNS: (
    events::id,
    events::slug,
    events::name,
    events::venue,
    events::starts_at,
    events::ends_at,
    events::team_size_cap,
    events::join_code,
    events::phase,
    events::late_pitches,
    events::version,
    events::show_join_code,
    events::time_zone,
    events::approval,
    events::proposed_by,
    events::review_note,
) = (
    events::id,
    events::slug,
    events::name,
    events::venue,
    events::starts_at,
    events::ends_at,
    events::team_size_cap,
    events::join_code,
    events::phase,
    events::late_pitches,
    events::version,
    events::show_join_code,
    events::time_zone,
    events::approval,
    events::proposed_by,
    events::review_note,
);

fn to_event(row: EventRow) -> Event {
    let (id, slug, name, venue, starts_at, ends_at, cap, join_code, phase, late, version, show) = (
        row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11,
    );
    Event {
        id: EventId(id),
        slug,
        name,
        venue,
        starts_at,
        ends_at,
        team_size_cap: cap,
        join_code: join_code.as_deref().and_then(JoinCode::from_stored),
        show_join_code: show,
        phase: Phase::parse(&phase).unwrap_or(Phase::Draft),
        late_pitches: late,
        version,
        zone: EventZone::from_stored(&row.12),
        approval: Approval::from_stored(&row.13),
        proposed_by: row.14.map(LocalOrganiserId),
        review_note: row.15,
    }
}

pub fn find_by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<Option<Event>> {
    events::table
        .filter(events::slug.eq(slug))
        .select(COLUMNS)
        .first::<EventRow>(conn)
        .optional()
        .map(|row| row.map(to_event))
}

/// Deletes the event with this slug and everything under it (every table
/// that belongs to an event cascades from `events`); false when there was none.
pub fn delete_by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<bool> {
    diesel::delete(events::table.filter(events::slug.eq(slug)))
        .execute(conn)
        .map(|deleted| deleted > 0)
}

pub fn find(conn: &mut DbConn, id: EventId) -> QueryResult<Option<Event>> {
    events::table
        .find(id.0)
        .select(COLUMNS)
        .first::<EventRow>(conn)
        .optional()
        .map(|row| row.map(to_event))
}

pub fn list_all(conn: &mut DbConn) -> QueryResult<Vec<Event>> {
    events::table
        .order((events::starts_at.desc(), events::id.desc()))
        .select(COLUMNS)
        .load::<EventRow>(conn)
        .map(|rows| rows.into_iter().map(to_event).collect())
}

pub fn slug_taken(conn: &mut DbConn, slug: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        events::table.filter(events::slug.eq(slug)),
    ))
    .get_result(conn)
}

pub fn insert(conn: &mut DbConn, slug: &str, name: &str) -> QueryResult<EventId> {
    let now = Utc::now().naive_utc();
    diesel::insert_into(events::table)
        .values((
            events::slug.eq(slug),
            events::name.eq(name),
            events::phase.eq(Phase::Draft.as_str()),
            events::created_at.eq(now),
            events::updated_at.eq(now),
        ))
        .returning(events::id)
        .get_result(conn)
        .map(EventId)
}

pub fn update_settings(conn: &mut DbConn, id: EventId, s: &EventSettings) -> QueryResult<usize> {
    diesel::update(events::table.find(id.0))
        .set((
            events::name.eq(s.name.as_str()),
            events::venue.eq(s.venue.as_str()),
            events::starts_at.eq(s.starts_at),
            events::ends_at.eq(s.ends_at),
            events::team_size_cap.eq(s.team_size_cap.get()),
            events::join_code.eq(s.join_code.as_ref().map(JoinCode::as_str)),
            events::late_pitches.eq(s.late_pitches),
            events::show_join_code.eq(s.show_join_code),
            events::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    match s.zone {
        Some(zone) => diesel::update(events::table.find(id.0))
            .set(events::time_zone.eq(zone.name()))
            .execute(conn),
        None => Ok(1),
    }
}

pub fn set_phase(conn: &mut DbConn, id: EventId, phase: Phase) -> QueryResult<usize> {
    diesel::update(events::table.find(id.0))
        .set((
            events::phase.eq(phase.as_str()),
            events::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)
}

/// Moves the event's version on by one and returns the new value. Called
/// first in every write transaction that changes what live pages show: on
/// PostgreSQL the row lock it takes serialises those writers per event, so
/// versions follow commit order.
pub fn bump_version(conn: &mut DbConn, id: EventId) -> QueryResult<i64> {
    diesel::update(events::table.find(id.0))
        .set(events::version.eq(events::version + 1))
        .returning(events::version)
        .get_result(conn)
}

/// The live version of the event with this slug (the in-memory read
/// model's freshness check on PostgreSQL, where other instances write).
pub fn version_of(conn: &mut DbConn, slug: &str) -> QueryResult<Option<i64>> {
    events::table
        .filter(events::slug.eq(slug))
        .select(events::version)
        .first(conn)
        .optional()
}

/// The versions of the events with these slugs (those that exist).
pub fn versions_of(
    conn: &mut DbConn,
    slugs: &[String],
) -> QueryResult<std::collections::HashMap<String, i64>> {
    events::table
        .filter(events::slug.eq_any(slugs))
        .select((events::slug, events::version))
        .load::<(String, i64)>(conn)
        .map(|rows| rows.into_iter().collect())
}

/// Locks the event's row until the transaction ends (PostgreSQL): writers
/// of one event then run one after the other, so rules such as the team
/// size cap hold however many people press Join at once. On SQLite,
/// `BEGIN IMMEDIATE` already serialises every writer.
pub fn lock(conn: &mut DbConn, id: EventId) -> QueryResult<()> {
    if let DbConn::Pg(pg) = conn {
        events::table
            .find(id.0)
            .select(events::id)
            .for_update()
            .first::<i64>(pg)
            .optional()?;
    }
    Ok(())
}

/// Locks the event's row (see `lock`) and reads it in the same statement,
/// so rules are checked against what holds while the lock is held.
pub fn lock_and_find(conn: &mut DbConn, id: EventId) -> QueryResult<Option<Event>> {
    match conn {
        DbConn::Pg(pg) => events::table
            .find(id.0)
            .select(COLUMNS)
            .for_update()
            .first::<EventRow>(pg)
            .optional()
            .map(|row| row.map(to_event)),
        DbConn::Sqlite(_) => find(conn, id),
    }
}
