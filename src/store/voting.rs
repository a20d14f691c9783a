//! People's choice rules: who may vote, when voting first opened, the
//! ballots with what the rules need about each voter, and voided votes.

use super::DbConn;
use super::schema::{events, memberships, people, votes};
use crate::domain::voting::{Ballot, Voter, VoterRule};
use crate::domain::{EventId, PersonId, Role};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// The event's rule and when voting first opened (none if it never has).
pub fn rule(conn: &mut DbConn, event: EventId) -> QueryResult<(VoterRule, Option<NaiveDateTime>)> {
    events::table
        .find(event.0)
        .select((events::voter_rule, events::voting_opened_at))
        .first::<(String, Option<NaiveDateTime>)>(conn)
        .map(|(rule, opened)| (VoterRule::from_stored(&rule), opened))
}

pub fn set_rule(conn: &mut DbConn, event: EventId, rule: VoterRule) -> QueryResult<usize> {
    diesel::update(events::table.find(event.0))
        .set(events::voter_rule.eq(rule.as_str()))
        .execute(conn)
}

/// Remembers the first time voting opened; later openings keep it.
pub fn mark_opened(conn: &mut DbConn, event: EventId, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        events::table
            .find(event.0)
            .filter(events::voting_opened_at.is_null()),
    )
    .set(events::voting_opened_at.eq(now))
    .execute(conn)
}

type VoterRow = (String, NaiveDateTime, Option<i64>, Option<bool>);

fn to_voter((role, signed_up_at, team, voided): VoterRow) -> Voter {
    Voter {
        role: Role::parse(&role).unwrap_or(Role::Attendee),
        signed_up_at,
        in_team: team.is_some(),
        voided: voided.unwrap_or(false),
    }
}

/// What the rules need to know about a person who wants to vote.
pub fn voter(conn: &mut DbConn, person: PersonId) -> QueryResult<Voter> {
    people::table
        .find(person.0)
        .left_join(memberships::table.on(memberships::person_id.eq(people::id)))
        .left_join(votes::table.on(votes::person_id.eq(people::id)))
        .select((
            people::role,
            people::created_at,
            memberships::project_id.nullable(),
            votes::voided.nullable(),
        ))
        .first::<VoterRow>(conn)
        .map(to_voter)
}

/// Every vote of the event with its voter, in order of sign-up.
pub fn ballots(conn: &mut DbConn, event: EventId) -> QueryResult<Vec<Ballot>> {
    votes::table
        .filter(votes::event_id.eq(event.0))
        .inner_join(people::table.on(people::id.eq(votes::person_id)))
        .left_join(memberships::table.on(memberships::person_id.eq(votes::person_id)))
        .filter(people::revoked.eq(false))
        .order((people::created_at.asc(), people::id.asc()))
        .select((
            votes::project_id,
            (
                people::role,
                people::created_at,
                memberships::project_id.nullable(),
                votes::voided.nullable(),
            ),
        ))
        .load::<(i64, VoterRow)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(project, voter)| Ballot {
                    project,
                    voter: to_voter(voter),
                })
                .collect()
        })
}

/// Sets aside the votes of people who signed up in `[from, to)`; returns how many.
pub fn void_signed_up_between(
    conn: &mut DbConn,
    event: EventId,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<usize> {
    let voters = people::table
        .filter(people::event_id.eq(event.0))
        .filter(people::created_at.ge(from))
        .filter(people::created_at.lt(to))
        .select(people::id);
    diesel::update(
        votes::table
            .filter(votes::event_id.eq(event.0))
            .filter(votes::voided.eq(false))
            .filter(votes::person_id.eq_any(voters)),
    )
    .set(votes::voided.eq(true))
    .execute(conn)
}
