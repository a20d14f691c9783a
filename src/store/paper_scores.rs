//! Scores typed in by an organiser from a judge's paper sheet, marked with
//! who typed them; and the list of such scores for the mark on results.

use super::DbConn;
use super::schema::scores;
use crate::domain::ids::CriterionId;
use crate::domain::{EventId, PersonId, ProjectId};
use chrono::Utc;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text, Timestamp};

/// Saves one score on a judge's behalf, marked `entered_by`.
pub fn save_on_behalf(
    conn: &mut DbConn,
    event: EventId,
    judge: PersonId,
    project: ProjectId,
    criterion: CriterionId,
    value: i32,
    entered_by: &str,
) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO scores (event_id, judge_id, project_id, criterion_id, value, updated_at, entered_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (judge_id, project_id, criterion_id) DO UPDATE SET value = excluded.value, \
         updated_at = excluded.updated_at, entered_by = excluded.entered_by",
    )
    .bind::<BigInt, _>(event.0)
    .bind::<BigInt, _>(judge.0)
    .bind::<BigInt, _>(project.0)
    .bind::<BigInt, _>(criterion.0)
    .bind::<Integer, _>(value)
    .bind::<Timestamp, _>(Utc::now().naive_utc())
    .bind::<Text, _>(entered_by)
    .execute(conn)
    .map(|_| ())
}

/// Every (judge, project) of the event with scores typed in from paper,
/// and who typed them.
pub fn entered_on_behalf(
    conn: &mut DbConn,
    event: EventId,
) -> QueryResult<Vec<(i64, i64, String)>> {
    let rows: Vec<(i64, i64, Option<String>)> = scores::table
        .filter(scores::event_id.eq(event.0))
        .filter(scores::entered_by.is_not_null())
        .select((scores::judge_id, scores::project_id, scores::entered_by))
        .distinct()
        .order((scores::judge_id, scores::project_id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(j, p, by)| by.map(|by| (j, p, by)))
        .collect())
}
