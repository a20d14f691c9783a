//! Projects (a pitch, later its team and submission) and team memberships.

use super::DbConn;
use super::schema::{memberships, people, projects};
use crate::domain::{
    EventId, Member, PersonId, Problem, Project, ProjectId, ProjectStatus, SkillSet, Title,
};
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

type ProjectRow = (
    i64,
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
    NaiveDateTime,
);

const COLUMNS: (
    projects::id,
    projects::event_id,
    projects::pitcher_id,
    people::name,
    projects::title,
    projects::problem,
    projects::skills_needed,
    projects::status,
    projects::created_at,
) = (
    projects::id,
    projects::event_id,
    projects::pitcher_id,
    people::name,
    projects::title,
    projects::problem,
    projects::skills_needed,
    projects::status,
    projects::created_at,
);

fn to_project(row: ProjectRow) -> Project {
    let (id, event_id, pitcher_id, pitcher_name, title, problem, skills, status, created_at) = row;
    Project {
        id: ProjectId(id),
        event_id: EventId(event_id),
        pitcher_id: PersonId(pitcher_id),
        pitcher_name,
        title,
        problem,
        skills_needed: SkillSet::from_stored(&skills),
        status: ProjectStatus::from_stored(&status),
        created_at,
    }
}

pub struct Pitch<'a> {
    pub title: &'a Title,
    pub problem: &'a Problem,
    pub skills_needed: SkillSet,
}

pub fn insert(
    conn: &mut DbConn,
    event_id: EventId,
    pitcher: PersonId,
    pitch: Pitch<'_>,
) -> QueryResult<ProjectId> {
    let now = Utc::now().naive_utc();
    diesel::insert_into(projects::table)
        .values((
            projects::event_id.eq(event_id.0),
            projects::pitcher_id.eq(pitcher.0),
            projects::title.eq(pitch.title.as_str()),
            projects::problem.eq(pitch.problem.as_str()),
            projects::skills_needed.eq(pitch.skills_needed.to_stored()),
            projects::status.eq(ProjectStatus::Open.as_str()),
            projects::created_at.eq(now),
            projects::updated_at.eq(now),
        ))
        .returning(projects::id)
        .get_result(conn)
        .map(ProjectId)
}

pub fn update_pitch(conn: &mut DbConn, id: ProjectId, pitch: Pitch<'_>) -> QueryResult<usize> {
    diesel::update(projects::table.find(id.0))
        .set((
            projects::title.eq(pitch.title.as_str()),
            projects::problem.eq(pitch.problem.as_str()),
            projects::skills_needed.eq(pitch.skills_needed.to_stored()),
            projects::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)
}

pub fn set_status(conn: &mut DbConn, id: ProjectId, status: ProjectStatus) -> QueryResult<usize> {
    diesel::update(projects::table.find(id.0))
        .set((
            projects::status.eq(status.as_str()),
            projects::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)
}

pub fn find(conn: &mut DbConn, event_id: EventId, id: ProjectId) -> QueryResult<Option<Project>> {
    projects::table
        .inner_join(people::table)
        .filter(projects::id.eq(id.0))
        .filter(projects::event_id.eq(event_id.0))
        .select(COLUMNS)
        .first::<ProjectRow>(conn)
        .optional()
        .map(|row| row.map(to_project))
}

/// Several projects of an event, by id.
pub fn find_many(
    conn: &mut DbConn,
    event_id: EventId,
    ids: &[ProjectId],
) -> QueryResult<Vec<Project>> {
    projects::table
        .inner_join(people::table)
        .filter(projects::event_id.eq(event_id.0))
        .filter(projects::id.eq_any(ids.iter().map(|id| id.0)))
        .select(COLUMNS)
        .load::<ProjectRow>(conn)
        .map(|rows| rows.into_iter().map(to_project).collect())
}

/// Open projects of an event in the order they were pitched.
pub fn list_open(conn: &mut DbConn, event_id: EventId) -> QueryResult<Vec<Project>> {
    projects::table
        .inner_join(people::table)
        .filter(projects::event_id.eq(event_id.0))
        .filter(projects::status.eq(ProjectStatus::Open.as_str()))
        .order(projects::id.asc())
        .select(COLUMNS)
        .load::<ProjectRow>(conn)
        .map(|rows| rows.into_iter().map(to_project).collect())
}

/// The open pitch this person made, if any.
pub fn open_pitch_of(conn: &mut DbConn, person: PersonId) -> QueryResult<Option<ProjectId>> {
    projects::table
        .filter(projects::pitcher_id.eq(person.0))
        .filter(projects::status.eq(ProjectStatus::Open.as_str()))
        .select(projects::id)
        .first(conn)
        .optional()
        .map(|id| id.map(ProjectId))
}

type MemberRow = (i64, i64, String, String);

fn to_member((project_id, person_id, name, skills): MemberRow) -> Member {
    Member {
        project_id: ProjectId(project_id),
        person_id: PersonId(person_id),
        name,
        skills: SkillSet::from_stored(&skills),
    }
}

/// Every team member of the event, in the order they joined.
pub fn members_of_event(conn: &mut DbConn, event_id: EventId) -> QueryResult<Vec<Member>> {
    memberships::table
        .inner_join(people::table)
        .filter(memberships::event_id.eq(event_id.0))
        .order(memberships::id.asc())
        .select((
            memberships::project_id,
            memberships::person_id,
            people::name,
            people::skills,
        ))
        .load::<MemberRow>(conn)
        .map(|rows| rows.into_iter().map(to_member).collect())
}

/// The members of several teams, in the order they joined.
pub fn members_of_many(conn: &mut DbConn, ids: &[ProjectId]) -> QueryResult<Vec<Member>> {
    memberships::table
        .inner_join(people::table)
        .filter(memberships::project_id.eq_any(ids.iter().map(|id| id.0)))
        .order(memberships::id.asc())
        .select((
            memberships::project_id,
            memberships::person_id,
            people::name,
            people::skills,
        ))
        .load::<MemberRow>(conn)
        .map(|rows| rows.into_iter().map(to_member).collect())
}

pub fn members_of(conn: &mut DbConn, project: ProjectId) -> QueryResult<Vec<Member>> {
    memberships::table
        .inner_join(people::table)
        .filter(memberships::project_id.eq(project.0))
        .order(memberships::id.asc())
        .select((
            memberships::project_id,
            memberships::person_id,
            people::name,
            people::skills,
        ))
        .load::<MemberRow>(conn)
        .map(|rows| rows.into_iter().map(to_member).collect())
}

pub fn team_of(conn: &mut DbConn, person: PersonId) -> QueryResult<Option<ProjectId>> {
    memberships::table
        .filter(memberships::person_id.eq(person.0))
        .select(memberships::project_id)
        .first(conn)
        .optional()
        .map(|id| id.map(ProjectId))
}

pub fn member_count(conn: &mut DbConn, project: ProjectId) -> QueryResult<i64> {
    memberships::table
        .filter(memberships::project_id.eq(project.0))
        .count()
        .get_result(conn)
}

/// Puts a person in a team, taking them out of any other first: the unique
/// person column makes "one team at most" hold even if a caller forgets.
pub fn put_in_team(
    conn: &mut DbConn,
    event_id: EventId,
    project: ProjectId,
    person: PersonId,
) -> QueryResult<()> {
    // One statement: a move replaces the person's one membership.
    diesel::sql_query(
        "INSERT INTO memberships (event_id, project_id, person_id, joined_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (person_id) DO UPDATE SET project_id = excluded.project_id, joined_at = excluded.joined_at",
    )
    .bind::<diesel::sql_types::BigInt, _>(event_id.0)
    .bind::<diesel::sql_types::BigInt, _>(project.0)
    .bind::<diesel::sql_types::BigInt, _>(person.0)
    .bind::<diesel::sql_types::Timestamp, _>(Utc::now().naive_utc())
    .execute(conn)
    .map(|_| ())
}

pub fn leave_team(conn: &mut DbConn, person: PersonId) -> QueryResult<usize> {
    diesel::delete(memberships::table.filter(memberships::person_id.eq(person.0))).execute(conn)
}

pub fn disband(conn: &mut DbConn, project: ProjectId) -> QueryResult<usize> {
    diesel::delete(memberships::table.filter(memberships::project_id.eq(project.0))).execute(conn)
}

/// Makes `person` the project's pitcher (a hand-over).
pub fn set_pitcher(conn: &mut DbConn, id: ProjectId, person: PersonId) -> QueryResult<usize> {
    diesel::update(projects::table.find(id.0))
        .set((
            projects::pitcher_id.eq(person.0),
            projects::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)
}
