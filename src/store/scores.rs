//! Judges' scores, notes and declared conflicts of interest.

use super::DbConn;
use super::schema::{conflicts, judge_notes, scores};
use crate::domain::ids::CriterionId;
use crate::domain::{EventId, PersonId, ProjectId};
use chrono::Utc;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text, Timestamp};

/// One score: (judge, project, criterion, value).
pub type ScoreRow = (i64, i64, i64, i32);

pub fn scores(conn: &mut DbConn, event: EventId) -> QueryResult<Vec<ScoreRow>> {
    scores::table
        .filter(scores::event_id.eq(event.0))
        .select((
            scores::judge_id,
            scores::project_id,
            scores::criterion_id,
            scores::value,
        ))
        .load(conn)
}

pub fn scores_of_judge(conn: &mut DbConn, judge: PersonId) -> QueryResult<Vec<ScoreRow>> {
    scores::table
        .filter(scores::judge_id.eq(judge.0))
        .select((
            scores::judge_id,
            scores::project_id,
            scores::criterion_id,
            scores::value,
        ))
        .load(conn)
}

pub fn save_score(
    conn: &mut DbConn,
    event: EventId,
    judge: PersonId,
    project: ProjectId,
    criterion: CriterionId,
    value: i32,
) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO scores (event_id, judge_id, project_id, criterion_id, value, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (judge_id, project_id, criterion_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, entered_by = NULL",
    )
    .bind::<BigInt, _>(event.0)
    .bind::<BigInt, _>(judge.0)
    .bind::<BigInt, _>(project.0)
    .bind::<BigInt, _>(criterion.0)
    .bind::<Integer, _>(value)
    .bind::<Timestamp, _>(Utc::now().naive_utc())
    .execute(conn)
    .map(|_| ())
}

pub fn clear_score(
    conn: &mut DbConn,
    judge: PersonId,
    project: ProjectId,
    criterion: CriterionId,
) -> QueryResult<usize> {
    diesel::delete(
        scores::table
            .filter(scores::judge_id.eq(judge.0))
            .filter(scores::project_id.eq(project.0))
            .filter(scores::criterion_id.eq(criterion.0)),
    )
    .execute(conn)
}

pub fn notes_of_judge(conn: &mut DbConn, judge: PersonId) -> QueryResult<Vec<(i64, String)>> {
    judge_notes::table
        .filter(judge_notes::judge_id.eq(judge.0))
        .select((judge_notes::project_id, judge_notes::notes))
        .load(conn)
}

/// Every judge's notes for the event: (judge, project, notes).
pub fn notes_of_event(conn: &mut DbConn, event: EventId) -> QueryResult<Vec<(i64, i64, String)>> {
    judge_notes::table
        .inner_join(super::schema::projects::table)
        .filter(super::schema::projects::event_id.eq(event.0))
        .select((
            judge_notes::judge_id,
            judge_notes::project_id,
            judge_notes::notes,
        ))
        .load(conn)
}

pub fn save_notes(
    conn: &mut DbConn,
    judge: PersonId,
    project: ProjectId,
    notes: &str,
) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO judge_notes (judge_id, project_id, notes, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (judge_id, project_id) DO UPDATE SET notes = excluded.notes, updated_at = excluded.updated_at",
    )
    .bind::<BigInt, _>(judge.0)
    .bind::<BigInt, _>(project.0)
    .bind::<Text, _>(notes)
    .bind::<Timestamp, _>(Utc::now().naive_utc())
    .execute(conn)
    .map(|_| ())
}

pub fn conflicts_of_judge(conn: &mut DbConn, judge: PersonId) -> QueryResult<Vec<i64>> {
    conflicts::table
        .filter(conflicts::judge_id.eq(judge.0))
        .select(conflicts::project_id)
        .load(conn)
}

/// Every declared conflict of the event's judges: (judge, project).
pub fn conflicts_of_event(conn: &mut DbConn, event: EventId) -> QueryResult<Vec<(i64, i64)>> {
    conflicts::table
        .inner_join(super::schema::projects::table)
        .filter(super::schema::projects::event_id.eq(event.0))
        .select((conflicts::judge_id, conflicts::project_id))
        .load(conn)
}

pub fn declare_conflict(conn: &mut DbConn, judge: PersonId, project: ProjectId) -> QueryResult<()> {
    diesel::sql_query("INSERT INTO conflicts (judge_id, project_id, declared_at) VALUES ($1, $2, $3) ON CONFLICT (judge_id, project_id) DO NOTHING")
        .bind::<BigInt, _>(judge.0)
        .bind::<BigInt, _>(project.0)
        .bind::<Timestamp, _>(Utc::now().naive_utc())
        .execute(conn)?;
    // A conflict withdraws the judge's scores and notes for that project.
    diesel::delete(
        scores::table
            .filter(scores::judge_id.eq(judge.0))
            .filter(scores::project_id.eq(project.0)),
    )
    .execute(conn)?;
    Ok(())
}

pub fn withdraw_conflict(
    conn: &mut DbConn,
    judge: PersonId,
    project: ProjectId,
) -> QueryResult<usize> {
    diesel::delete(
        conflicts::table
            .filter(conflicts::judge_id.eq(judge.0))
            .filter(conflicts::project_id.eq(project.0)),
    )
    .execute(conn)
}
