//! Judging: criteria, prizes, scores, notes, conflicts of interest, awards
//! and people's choice votes.

use super::DbConn;
use super::schema::{awards, conflicts, criteria, events, judge_notes, prizes, scores, votes};
use crate::domain::{EventId, PersonId, ProjectId};
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text, Timestamp};

#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub weight: i32,
    pub scale_min: i32,
    pub scale_max: i32,
}

pub fn criteria(conn: &mut DbConn, event: EventId) -> QueryResult<Vec<Criterion>> {
    criteria::table
        .filter(criteria::event_id.eq(event.0))
        .order((criteria::position.asc(), criteria::id.asc()))
        .select((
            criteria::id,
            criteria::name,
            criteria::description,
            criteria::weight,
            criteria::scale_min,
            criteria::scale_max,
        ))
        .load::<(i64, String, String, i32, i32, i32)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(
                    |(id, name, description, weight, scale_min, scale_max)| Criterion {
                        id,
                        name,
                        description,
                        weight,
                        scale_min,
                        scale_max,
                    },
                )
                .collect()
        })
}

pub fn add_criterion(conn: &mut DbConn, event: EventId, c: &Criterion) -> QueryResult<()> {
    let position: i64 = criteria::table
        .filter(criteria::event_id.eq(event.0))
        .count()
        .get_result(conn)?;
    diesel::insert_into(criteria::table)
        .values((
            criteria::event_id.eq(event.0),
            criteria::name.eq(&c.name),
            criteria::description.eq(&c.description),
            criteria::weight.eq(c.weight),
            criteria::scale_min.eq(c.scale_min),
            criteria::scale_max.eq(c.scale_max),
            criteria::position.eq(position as i32),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn delete_criterion(conn: &mut DbConn, event: EventId, id: i64) -> QueryResult<usize> {
    diesel::delete(
        criteria::table
            .filter(criteria::event_id.eq(event.0))
            .filter(criteria::id.eq(id)),
    )
    .execute(conn)
}

#[derive(Debug, Clone)]
pub struct Prize {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// judged, peoples_choice or special
    pub kind: String,
    /// Criterion ids it is judged on; empty means all.
    pub criteria: Vec<i64>,
}

pub fn prizes(conn: &mut DbConn, event: EventId) -> QueryResult<Vec<Prize>> {
    prizes::table
        .filter(prizes::event_id.eq(event.0))
        .order((prizes::position.asc(), prizes::id.asc()))
        .select((
            prizes::id,
            prizes::name,
            prizes::description,
            prizes::kind,
            prizes::criteria,
        ))
        .load::<(i64, String, String, String, String)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(id, name, description, kind, criteria)| Prize {
                    id,
                    name,
                    description,
                    kind,
                    criteria: criteria
                        .split(',')
                        .filter_map(|c| c.trim().parse().ok())
                        .collect(),
                })
                .collect()
        })
}

pub fn add_prize(conn: &mut DbConn, event: EventId, p: &Prize) -> QueryResult<()> {
    let position: i64 = prizes::table
        .filter(prizes::event_id.eq(event.0))
        .count()
        .get_result(conn)?;
    let criteria = p
        .criteria
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(",");
    diesel::insert_into(prizes::table)
        .values((
            prizes::event_id.eq(event.0),
            prizes::name.eq(&p.name),
            prizes::description.eq(&p.description),
            prizes::kind.eq(&p.kind),
            prizes::criteria.eq(criteria),
            prizes::position.eq(position as i32),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn delete_prize(conn: &mut DbConn, event: EventId, id: i64) -> QueryResult<usize> {
    diesel::delete(
        prizes::table
            .filter(prizes::event_id.eq(event.0))
            .filter(prizes::id.eq(id)),
    )
    .execute(conn)
}

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
    criterion: i64,
    value: i32,
) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO scores (event_id, judge_id, project_id, criterion_id, value, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (judge_id, project_id, criterion_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind::<BigInt, _>(event.0)
    .bind::<BigInt, _>(judge.0)
    .bind::<BigInt, _>(project.0)
    .bind::<BigInt, _>(criterion)
    .bind::<Integer, _>(value)
    .bind::<Timestamp, _>(Utc::now().naive_utc())
    .execute(conn)
    .map(|_| ())
}

pub fn clear_score(
    conn: &mut DbConn,
    judge: PersonId,
    project: ProjectId,
    criterion: i64,
) -> QueryResult<usize> {
    diesel::delete(
        scores::table
            .filter(scores::judge_id.eq(judge.0))
            .filter(scores::project_id.eq(project.0))
            .filter(scores::criterion_id.eq(criterion)),
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

pub fn set_flags(
    conn: &mut DbConn,
    event: EventId,
    judging_open: Option<bool>,
    voting_open: Option<bool>,
) -> QueryResult<()> {
    if let Some(open) = judging_open {
        diesel::update(events::table.find(event.0))
            .set(events::judging_open.eq(open))
            .execute(conn)?;
    }
    if let Some(open) = voting_open {
        diesel::update(events::table.find(event.0))
            .set(events::voting_open.eq(open))
            .execute(conn)?;
    }
    Ok(())
}

/// (judging_open, voting_open)
pub fn flags(conn: &mut DbConn, event: EventId) -> QueryResult<(bool, bool)> {
    events::table
        .find(event.0)
        .select((events::judging_open, events::voting_open))
        .first(conn)
}

#[derive(Debug, Clone)]
pub struct Award {
    pub prize_id: i64,
    pub project_id: i64,
    pub revealed_at: Option<NaiveDateTime>,
}

pub fn awards(conn: &mut DbConn, event: EventId) -> QueryResult<Vec<Award>> {
    awards::table
        .inner_join(prizes::table)
        .filter(prizes::event_id.eq(event.0))
        .order(awards::id.asc())
        .select((awards::prize_id, awards::project_id, awards::revealed_at))
        .load::<(i64, i64, Option<NaiveDateTime>)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(prize_id, project_id, revealed_at)| Award {
                    prize_id,
                    project_id,
                    revealed_at,
                })
                .collect()
        })
}

/// Sets the winner of a prize (one winner per prize), not yet revealed.
pub fn set_winner(conn: &mut DbConn, prize: i64, project: Option<ProjectId>) -> QueryResult<()> {
    diesel::delete(awards::table.filter(awards::prize_id.eq(prize))).execute(conn)?;
    if let Some(project) = project {
        diesel::insert_into(awards::table)
            .values((
                awards::prize_id.eq(prize),
                awards::project_id.eq(project.0),
                awards::place.eq(1),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn reveal(conn: &mut DbConn, prize: i64, at: Option<NaiveDateTime>) -> QueryResult<usize> {
    diesel::update(awards::table.filter(awards::prize_id.eq(prize)))
        .set(awards::revealed_at.eq(at))
        .execute(conn)
}

pub fn vote(
    conn: &mut DbConn,
    event: EventId,
    person: PersonId,
    project: ProjectId,
) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO votes (event_id, person_id, project_id, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (person_id) DO UPDATE SET project_id = excluded.project_id, updated_at = excluded.updated_at",
    )
    .bind::<BigInt, _>(event.0)
    .bind::<BigInt, _>(person.0)
    .bind::<BigInt, _>(project.0)
    .bind::<Timestamp, _>(Utc::now().naive_utc())
    .execute(conn)
    .map(|_| ())
}

pub fn vote_of(conn: &mut DbConn, person: PersonId) -> QueryResult<Option<i64>> {
    votes::table
        .filter(votes::person_id.eq(person.0))
        .select(votes::project_id)
        .first(conn)
        .optional()
}
