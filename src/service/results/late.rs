//! Late demo submissions, for the organisers only: which teams saved after
//! the deadline, and how long after.

use crate::domain::Event;
use crate::service::ServiceResult;
use crate::store::{self, DbConn};
use chrono::{NaiveDateTime, TimeZone, Utc};

/// A submission saved after the deadline.
pub struct LateSubmission {
    pub title: String,
    pub members: Vec<String>,
    /// When the latest version was saved, in the event's wall-clock time.
    pub saved_at: NaiveDateTime,
    /// How long after the deadline that was (zero when the deadline moved
    /// later since).
    pub after_deadline: chrono::Duration,
}

/// Stored times are UTC; the schedule is the event's wall-clock time in
/// the event's own zone.
fn wall_clock(event: &Event, utc: NaiveDateTime) -> NaiveDateTime {
    event.zone.wall_clock(Utc.from_utc_datetime(&utc))
}

/// The event's late submissions, the latest after the deadline first.
pub fn late_submissions(conn: &mut DbConn, event: &Event) -> ServiceResult<Vec<LateSubmission>> {
    let deadline = store::events::submission_deadline(conn, event.id)?;
    let mut late = Vec::new();
    for project in store::projects::list_open(conn, event.id)? {
        let Some(sub) = store::submissions::find(conn, project.id)?.filter(|s| s.late) else {
            continue;
        };
        let saved_at = wall_clock(event, sub.updated_at);
        let after = deadline.map_or(chrono::Duration::zero(), |d| {
            (saved_at - d).max(chrono::Duration::zero())
        });
        late.push(LateSubmission {
            title: project.title,
            members: store::projects::members_of(conn, project.id)?
                .into_iter()
                .map(|m| m.name)
                .collect(),
            saved_at,
            after_deadline: after,
        });
    }
    late.sort_by(|a, b| {
        b.after_deadline
            .cmp(&a.after_deadline)
            .then(a.title.cmp(&b.title))
    });
    Ok(late)
}
