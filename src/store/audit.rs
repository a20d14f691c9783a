//! The audit log: who changed what and when, written in the same
//! transaction as the change it records.

use super::DbConn;
use super::schema::audit_log;
use crate::domain::{EventId, PersonId};
use chrono::Utc;
use diesel::prelude::*;

pub struct Entry<'a> {
    pub event_id: Option<EventId>,
    pub actor_id: Option<PersonId>,
    pub actor: &'a str,
    pub action: &'a str,
    pub detail: &'a str,
}

pub fn record(conn: &mut DbConn, entry: Entry<'_>) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::event_id.eq(entry.event_id.map(|id| id.0)),
            audit_log::actor_id.eq(entry.actor_id.map(|id| id.0)),
            audit_log::actor.eq(entry.actor),
            audit_log::action.eq(entry.action),
            audit_log::detail.eq(entry.detail),
            audit_log::at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The latest entries of an event, newest first: (at, actor, action, detail).
pub fn recent(
    conn: &mut DbConn,
    event_id: EventId,
    limit: i64,
) -> QueryResult<Vec<(chrono::NaiveDateTime, String, String, String)>> {
    audit_log::table
        .filter(audit_log::event_id.eq(event_id.0))
        .order(audit_log::id.desc())
        .limit(limit)
        .select((
            audit_log::at,
            audit_log::actor,
            audit_log::action,
            audit_log::detail,
        ))
        .load(conn)
}

/// The entries about one project (their detail starts "project {id}:"),
/// newest first: (at, actor, action, detail).
pub fn for_project(
    conn: &mut DbConn,
    event_id: EventId,
    project: i64,
) -> QueryResult<Vec<(chrono::NaiveDateTime, String, String, String)>> {
    audit_log::table
        .filter(audit_log::event_id.eq(event_id.0))
        .filter(audit_log::detail.like(format!("project {project}:%")))
        .order(audit_log::id.desc())
        .limit(50)
        .select((
            audit_log::at,
            audit_log::actor,
            audit_log::action,
            audit_log::detail,
        ))
        .load(conn)
}
