//! Prize winners and their reveal, and people's choice votes.

use super::DbConn;
use super::schema::{awards, prizes, votes};
use crate::domain::ids::PrizeId;
use crate::domain::{EventId, PersonId, ProjectId};
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Timestamp};

#[derive(Debug, Clone)]
pub struct Award {
    pub prize_id: PrizeId,
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
                    prize_id: PrizeId(prize_id),
                    project_id,
                    revealed_at,
                })
                .collect()
        })
}

/// Sets the winner of a prize (one winner per prize), not yet revealed.
pub fn set_winner(
    conn: &mut DbConn,
    prize: PrizeId,
    project: Option<ProjectId>,
) -> QueryResult<()> {
    diesel::delete(awards::table.filter(awards::prize_id.eq(prize.0))).execute(conn)?;
    if let Some(project) = project {
        diesel::insert_into(awards::table)
            .values((
                awards::prize_id.eq(prize.0),
                awards::project_id.eq(project.0),
                awards::place.eq(1),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn reveal(conn: &mut DbConn, prize: PrizeId, at: Option<NaiveDateTime>) -> QueryResult<usize> {
    diesel::update(awards::table.filter(awards::prize_id.eq(prize.0)))
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
