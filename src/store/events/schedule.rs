//! An event's schedule: its entries, and the submission deadline among them.

use crate::domain::ids::ScheduleItemId;
use crate::domain::{EventId, ScheduleItem, ScheduleKind};
use crate::store::DbConn;
use crate::store::schema::schedule_items;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// The submission deadline: the earliest schedule entry of that kind, in
/// the event's wall-clock time.
pub fn submission_deadline(
    conn: &mut DbConn,
    id: EventId,
) -> QueryResult<Option<chrono::NaiveDateTime>> {
    schedule_items::table
        .filter(schedule_items::event_id.eq(id.0))
        .filter(schedule_items::kind.eq(ScheduleKind::SubmissionDeadline.as_str()))
        .select(diesel::dsl::min(schedule_items::at))
        .first(conn)
}

pub fn schedule(conn: &mut DbConn, id: EventId) -> QueryResult<Vec<ScheduleItem>> {
    schedule_items::table
        .filter(schedule_items::event_id.eq(id.0))
        .order((schedule_items::at.asc(), schedule_items::id.asc()))
        .select((
            schedule_items::id,
            schedule_items::kind,
            schedule_items::label,
            schedule_items::at,
        ))
        .load::<(i64, String, String, NaiveDateTime)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(id, kind, label, at)| ScheduleItem {
                    id: ScheduleItemId(id),
                    kind: ScheduleKind::parse(&kind).unwrap_or(ScheduleKind::Other),
                    label,
                    at,
                })
                .collect()
        })
}

pub fn add_schedule_item(
    conn: &mut DbConn,
    id: EventId,
    kind: ScheduleKind,
    label: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(schedule_items::table)
        .values((
            schedule_items::event_id.eq(id.0),
            schedule_items::kind.eq(kind.as_str()),
            schedule_items::label.eq(label),
            schedule_items::at.eq(at),
        ))
        .execute(conn)
}

pub fn delete_schedule_item(
    conn: &mut DbConn,
    id: EventId,
    item: ScheduleItemId,
) -> QueryResult<usize> {
    diesel::delete(
        schedule_items::table
            .filter(schedule_items::event_id.eq(id.0))
            .filter(schedule_items::id.eq(item.0)),
    )
    .execute(conn)
}
