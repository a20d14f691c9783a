//! The audit log: who changed what and when, written in the same
//! transaction as the change it records.

use super::DbConn;
use super::schema::audit_log;
use crate::domain::audit::AuditAction;
use crate::domain::{EventId, PersonId, ProjectId};
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

/// One entry to write.
pub struct Entry<'a> {
    pub event_id: Option<EventId>,
    pub project_id: Option<ProjectId>,
    pub actor_id: Option<PersonId>,
    pub actor: &'a str,
    pub action: AuditAction,
    pub detail: &'a str,
}

/// One entry as read back.
#[derive(Debug, Clone)]
pub struct Logged {
    pub at: NaiveDateTime,
    pub actor: String,
    /// `None` for an action this version does not know (an older or newer name).
    pub action: Option<AuditAction>,
    pub action_name: String,
    pub detail: String,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = audit_log)]
struct LoggedRow {
    at: NaiveDateTime,
    actor: String,
    action: String,
    detail: String,
}

impl From<LoggedRow> for Logged {
    fn from(row: LoggedRow) -> Self {
        Logged {
            at: row.at,
            actor: row.actor,
            action: AuditAction::parse(&row.action),
            action_name: row.action,
            detail: row.detail,
        }
    }
}

pub fn record(conn: &mut DbConn, entry: Entry<'_>) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::event_id.eq(entry.event_id.map(|id| id.0)),
            audit_log::project_id.eq(entry.project_id.map(|id| id.0)),
            audit_log::actor_id.eq(entry.actor_id.map(|id| id.0)),
            audit_log::actor.eq(entry.actor),
            audit_log::action.eq(entry.action.as_str()),
            audit_log::detail.eq(entry.detail),
            audit_log::at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// An admin's change to the whole installation (no event): "Ada (admin)".
pub fn record_by_admin(
    conn: &mut DbConn,
    admin: &str,
    action: AuditAction,
    detail: &str,
) -> QueryResult<()> {
    record(
        conn,
        Entry {
            event_id: None,
            project_id: None,
            actor_id: None,
            actor: &format!("{admin} (admin)"),
            action,
            detail,
        },
    )
}

/// The latest entries of an event, newest first.
pub fn recent(conn: &mut DbConn, event_id: EventId, limit: i64) -> QueryResult<Vec<Logged>> {
    audit_log::table
        .filter(audit_log::event_id.eq(event_id.0))
        .order(audit_log::id.desc())
        .limit(limit)
        .select(LoggedRow::as_select())
        .load::<LoggedRow>(conn)
        .map(|rows| rows.into_iter().map(Logged::from).collect())
}

/// The entries of one kind about one project, newest first (for example a
/// team's submission history).
pub fn for_project(
    conn: &mut DbConn,
    project: ProjectId,
    action: AuditAction,
) -> QueryResult<Vec<Logged>> {
    audit_log::table
        .filter(audit_log::project_id.eq(project.0))
        .filter(audit_log::action.eq(action.as_str()))
        .order(audit_log::id.desc())
        .limit(50)
        .select(LoggedRow::as_select())
        .load::<LoggedRow>(conn)
        .map(|rows| rows.into_iter().map(Logged::from).collect())
}
