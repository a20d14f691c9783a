//! What merging two pitches reads and writes beyond the usual project
//! queries: whether judging or voting already holds the project, and the
//! kept project's text and skills grown by the other's.

use super::DbConn;
use super::schema::{awards, projects, scores, votes};
use crate::domain::{ProjectId, ProjectStatus, SkillSet};
use chrono::Utc;
use diesel::prelude::*;

/// How many scores, counted votes and prize awards name the project.
pub fn judging_holds(conn: &mut DbConn, project: ProjectId) -> QueryResult<(i64, i64, i64)> {
    let scored = scores::table
        .filter(scores::project_id.eq(project.0))
        .count()
        .get_result(conn)?;
    let voted = votes::table
        .filter(votes::project_id.eq(project.0))
        .filter(votes::voided.eq(false))
        .count()
        .get_result(conn)?;
    let awarded = awards::table
        .filter(awards::project_id.eq(project.0))
        .count()
        .get_result(conn)?;
    Ok((scored, voted, awarded))
}

/// The kept project's problem and skills after the merge.
pub fn absorb(
    conn: &mut DbConn,
    kept: ProjectId,
    problem: &str,
    skills: SkillSet,
) -> QueryResult<usize> {
    diesel::update(projects::table.find(kept.0))
        .set((
            projects::problem.eq(problem),
            projects::skills_needed.eq(skills.to_stored()),
            projects::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)
}

/// Takes the merged project off every board, remembering where it went.
pub fn retire(conn: &mut DbConn, merged: ProjectId, into: ProjectId) -> QueryResult<usize> {
    diesel::update(projects::table.find(merged.0))
        .set((
            projects::status.eq(ProjectStatus::Withdrawn.as_str()),
            projects::merged_into.eq(Some(into.0)),
            projects::running_order.eq(None::<i32>),
            projects::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)
}
