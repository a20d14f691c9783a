//! Demo submissions (one per project) and the running order of presentations.

use super::DbConn;
use super::schema::{events, projects, submissions};
pub use crate::domain::submission::Submission;
use crate::domain::submission::{Link, SubmissionDraft};
use crate::domain::{EventId, PersonId, ProjectId, ProjectStatus};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Nullable, Text, Timestamp};

/// A submission row, mapped by column name.
#[derive(Queryable, Selectable)]
#[diesel(table_name = submissions)]
struct SubmissionRow {
    project_id: i64,
    repo_url: String,
    forge: Option<String>,
    demo_url: Option<String>,
    slides_url: Option<String>,
    video_url: Option<String>,
    built: String,
    licence: String,
    keep_working: bool,
    late: bool,
    submitted_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl From<SubmissionRow> for Submission {
    fn from(r: SubmissionRow) -> Self {
        Submission {
            project_id: ProjectId(r.project_id),
            repo_url: Link::from_stored(r.repo_url),
            forge: r.forge,
            demo_url: r.demo_url.map(Link::from_stored),
            slides_url: r.slides_url.map(Link::from_stored),
            video_url: r.video_url.map(Link::from_stored),
            built: r.built,
            licence: r.licence,
            keep_working: r.keep_working,
            late: r.late,
            submitted_at: r.submitted_at,
            updated_at: r.updated_at,
        }
    }
}

pub fn find(conn: &mut DbConn, project: ProjectId) -> QueryResult<Option<Submission>> {
    submissions::table
        .filter(submissions::project_id.eq(project.0))
        .select(SubmissionRow::as_select())
        .first::<SubmissionRow>(conn)
        .optional()
        .map(|r| r.map(Submission::from))
}

/// Every submission of the event's open projects.
pub fn list_for_event(conn: &mut DbConn, event: EventId) -> QueryResult<Vec<Submission>> {
    submissions::table
        .inner_join(projects::table)
        .filter(projects::event_id.eq(event.0))
        .filter(projects::status.eq(ProjectStatus::Open.as_str()))
        .select(SubmissionRow::as_select())
        .load::<SubmissionRow>(conn)
        .map(|rows| rows.into_iter().map(Submission::from).collect())
}

/// Which of these projects have submitted.
pub fn submitted_among(
    conn: &mut DbConn,
    ids: &[ProjectId],
) -> QueryResult<std::collections::HashSet<ProjectId>> {
    submissions::table
        .filter(submissions::project_id.eq_any(ids.iter().map(|id| id.0)))
        .select(submissions::project_id)
        .load::<i64>(conn)
        .map(|rows| rows.into_iter().map(ProjectId).collect())
}

pub fn count_for_event(conn: &mut DbConn, event: EventId) -> QueryResult<i64> {
    submissions::table
        .inner_join(projects::table)
        .filter(projects::event_id.eq(event.0))
        .filter(projects::status.eq(ProjectStatus::Open.as_str()))
        .count()
        .get_result(conn)
}

/// Saves a submission, creating or replacing it. `late` stays set once a
/// save came after the deadline, so the organisers see it.
pub fn save(
    conn: &mut DbConn,
    project: ProjectId,
    by: Option<PersonId>,
    draft: &SubmissionDraft,
    late: bool,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO submissions (project_id, repo_url, forge, demo_url, slides_url, video_url, built, licence, \
         keep_working, late, submitted_by, submitted_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) \
         ON CONFLICT (project_id) DO UPDATE SET repo_url = excluded.repo_url, forge = excluded.forge, \
         demo_url = excluded.demo_url, slides_url = excluded.slides_url, video_url = excluded.video_url, \
         built = excluded.built, licence = excluded.licence, keep_working = excluded.keep_working, \
         late = submissions.late OR excluded.late, submitted_by = excluded.submitted_by, \
         updated_at = excluded.updated_at",
    )
    .bind::<BigInt, _>(project.0)
    .bind::<Text, _>(draft.repo_url.as_str())
    .bind::<Nullable<Text>, _>(draft.forge)
    .bind::<Nullable<Text>, _>(draft.demo_url.as_ref().map(Link::as_str))
    .bind::<Nullable<Text>, _>(draft.slides_url.as_ref().map(Link::as_str))
    .bind::<Nullable<Text>, _>(draft.video_url.as_ref().map(Link::as_str))
    .bind::<Text, _>(&draft.built)
    .bind::<Text, _>(draft.licence)
    .bind::<Bool, _>(draft.keep_working)
    .bind::<Bool, _>(late)
    .bind::<Nullable<BigInt>, _>(by.map(|p| p.0))
    .bind::<Timestamp, _>(now)
    .execute(conn)
    .map(|_| ())
}

/// The running order: open projects ordered by their place (unplaced ones
/// last, in pitch order).
pub fn running_order(conn: &mut DbConn, event: EventId) -> QueryResult<Vec<ProjectId>> {
    let rows: Vec<(i64, Option<i32>)> = projects::table
        .filter(projects::event_id.eq(event.0))
        .filter(projects::status.eq(ProjectStatus::Open.as_str()))
        .select((projects::id, projects::running_order))
        .load(conn)?;
    let mut rows = rows;
    rows.sort_by_key(|(id, place)| (place.is_none(), place.unwrap_or(0), *id));
    Ok(rows.into_iter().map(|(id, _)| ProjectId(id)).collect())
}

pub fn set_running_order(conn: &mut DbConn, order: &[ProjectId]) -> QueryResult<()> {
    for (place, id) in order.iter().enumerate() {
        diesel::update(projects::table.find(id.0))
            .set(projects::running_order.eq(Some(place as i32 + 1)))
            .execute(conn)?;
    }
    Ok(())
}

pub fn set_now_presenting(
    conn: &mut DbConn,
    event: EventId,
    project: Option<ProjectId>,
) -> QueryResult<usize> {
    diesel::update(events::table.find(event.0))
        .set(events::now_presenting.eq(project.map(|p| p.0)))
        .execute(conn)
}

pub fn now_presenting(conn: &mut DbConn, event: EventId) -> QueryResult<Option<ProjectId>> {
    events::table
        .find(event.0)
        .select(events::now_presenting)
        .first::<Option<i64>>(conn)
        .map(|p| p.map(ProjectId))
}
