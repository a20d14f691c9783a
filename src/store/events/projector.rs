//! What the projector shows beyond the phase: the countdown timer and the
//! scene an organiser chose.

use crate::domain::EventId;
use crate::domain::timer::Timer;
use crate::store::DbConn;
use crate::store::schema::events;
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub fn timer(conn: &mut DbConn, id: EventId) -> QueryResult<Timer> {
    events::table
        .find(id.0)
        .select((
            events::timer_duration_ms,
            events::timer_remaining_ms,
            events::timer_ends_at,
        ))
        .first::<(i64, i64, Option<NaiveDateTime>)>(conn)
        .map(|(duration_ms, remaining_ms, ends_at)| Timer {
            duration_ms,
            remaining_ms,
            ends_at,
        })
}

pub fn set_timer(conn: &mut DbConn, id: EventId, t: Timer) -> QueryResult<usize> {
    diesel::update(events::table.find(id.0))
        .set((
            events::timer_duration_ms.eq(t.duration_ms),
            events::timer_remaining_ms.eq(t.remaining_ms),
            events::timer_ends_at.eq(t.ends_at),
        ))
        .execute(conn)
}

/// The scene an organiser chose for the projector; none means "follow the phase".
pub fn display_scene(conn: &mut DbConn, id: EventId) -> QueryResult<Option<String>> {
    events::table
        .find(id.0)
        .select(events::display_scene)
        .first(conn)
}

pub fn set_display_scene(
    conn: &mut DbConn,
    id: EventId,
    scene: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(events::table.find(id.0))
        .set(events::display_scene.eq(scene))
        .execute(conn)
}
