//! People at an event (attendees, judges, organisers) and their sign-in tokens.

use super::DbConn;
use super::schema::{events, people};
use crate::domain::{EventId, Person, PersonId, Role, SkillSet};
use chrono::Utc;
use diesel::prelude::*;

type PersonRow = (i64, i64, String, String, String);

const COLUMNS: (
    people::id,
    people::event_id,
    people::name,
    people::skills,
    people::role,
) = (
    people::id,
    people::event_id,
    people::name,
    people::skills,
    people::role,
);

fn to_person((id, event_id, name, skills, role): PersonRow) -> Person {
    Person {
        id: PersonId(id),
        event_id: EventId(event_id),
        name,
        skills: SkillSet::from_stored(&skills),
        role: Role::parse(&role).unwrap_or(Role::Attendee),
    }
}

pub struct NewPerson<'a> {
    pub event_id: EventId,
    pub name: &'a str,
    pub skills: SkillSet,
    pub role: Role,
    pub token_hash: &'a str,
}

pub fn insert(conn: &mut DbConn, new: NewPerson<'_>) -> QueryResult<Person> {
    diesel::insert_into(people::table)
        .values((
            people::event_id.eq(new.event_id.0),
            people::name.eq(new.name),
            people::skills.eq(new.skills.to_stored()),
            people::role.eq(new.role.as_str()),
            people::token_hash.eq(new.token_hash),
            people::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(COLUMNS)
        .get_result::<PersonRow>(conn)
        .map(to_person)
}

/// A person of this event who has not been revoked.
pub fn find(conn: &mut DbConn, event_id: EventId, id: PersonId) -> QueryResult<Option<Person>> {
    people::table
        .filter(people::id.eq(id.0))
        .filter(people::event_id.eq(event_id.0))
        .filter(people::revoked.eq(false))
        .select(COLUMNS)
        .first::<PersonRow>(conn)
        .optional()
        .map(|row| row.map(to_person))
}

/// The person a sign-in link belongs to, with their event's slug.
pub fn find_by_token_hash(conn: &mut DbConn, hash: &str) -> QueryResult<Option<(Person, String)>> {
    people::table
        .inner_join(events::table)
        .filter(people::token_hash.eq(hash))
        .filter(people::revoked.eq(false))
        .select((COLUMNS, events::slug))
        .first::<(PersonRow, String)>(conn)
        .optional()
        .map(|row| row.map(|(p, slug)| (to_person(p), slug)))
}

pub fn set_token_hash(conn: &mut DbConn, id: PersonId, hash: &str) -> QueryResult<usize> {
    diesel::update(people::table.find(id.0))
        .set(people::token_hash.eq(hash))
        .execute(conn)
}

pub fn list_with_role(
    conn: &mut DbConn,
    event_id: EventId,
    role: Role,
) -> QueryResult<Vec<Person>> {
    people::table
        .filter(people::event_id.eq(event_id.0))
        .filter(people::role.eq(role.as_str()))
        .filter(people::revoked.eq(false))
        .order(people::id.asc())
        .select(COLUMNS)
        .load::<PersonRow>(conn)
        .map(|rows| rows.into_iter().map(to_person).collect())
}

/// Everyone of the event who has not been revoked, whatever their role.
pub fn list_live(conn: &mut DbConn, event_id: EventId) -> QueryResult<Vec<Person>> {
    people::table
        .filter(people::event_id.eq(event_id.0))
        .filter(people::revoked.eq(false))
        .order(people::id.asc())
        .select(COLUMNS)
        .load::<PersonRow>(conn)
        .map(|rows| rows.into_iter().map(to_person).collect())
}

/// How many attendees (not organisers or judges) have signed up.
pub fn count_attendees(conn: &mut DbConn, event_id: EventId) -> QueryResult<i64> {
    people::table
        .filter(people::event_id.eq(event_id.0))
        .filter(people::role.eq(Role::Attendee.as_str()))
        .filter(people::revoked.eq(false))
        .count()
        .get_result(conn)
}

/// Revokes a person: their link stops working and every session they had
/// ends, in the same transaction.
pub fn revoke(conn: &mut DbConn, event_id: EventId, id: PersonId) -> QueryResult<usize> {
    let changed = diesel::update(
        people::table
            .filter(people::id.eq(id.0))
            .filter(people::event_id.eq(event_id.0)),
    )
    .set(people::revoked.eq(true))
    .execute(conn)?;
    if changed > 0 {
        super::sessions::end_for_person(conn, id, None, Utc::now().naive_utc())?;
    }
    Ok(changed)
}

/// Everyone at the event who has not been revoked, with when they signed
/// up (which tells apart two people of the same name), oldest first.
pub fn list_with_signup(
    conn: &mut DbConn,
    event_id: EventId,
) -> QueryResult<Vec<(Person, chrono::NaiveDateTime)>> {
    people::table
        .filter(people::event_id.eq(event_id.0))
        .filter(people::revoked.eq(false))
        .order(people::id.asc())
        .select((COLUMNS, people::created_at))
        .load::<(PersonRow, chrono::NaiveDateTime)>(conn)
        .map(|rows| rows.into_iter().map(|(p, at)| (to_person(p), at)).collect())
}

/// The event's revoked judges, each with whether the organisers left their
/// scores out of the ranking.
pub fn revoked_judges(conn: &mut DbConn, event_id: EventId) -> QueryResult<Vec<(Person, bool)>> {
    people::table
        .filter(people::event_id.eq(event_id.0))
        .filter(people::role.eq(Role::Judge.as_str()))
        .filter(people::revoked.eq(true))
        .order(people::id.asc())
        .select((COLUMNS, people::scores_excluded))
        .load::<(PersonRow, bool)>(conn)
        .map(|rows| rows.into_iter().map(|(p, x)| (to_person(p), x)).collect())
}

/// Leaves a revoked judge's scores out of the ranking, or counts them again.
/// Changes nothing for anyone who is not a revoked judge of this event.
pub fn set_scores_excluded(
    conn: &mut DbConn,
    event_id: EventId,
    id: PersonId,
    excluded: bool,
) -> QueryResult<usize> {
    diesel::update(
        people::table
            .filter(people::id.eq(id.0))
            .filter(people::event_id.eq(event_id.0))
            .filter(people::role.eq(Role::Judge.as_str()))
            .filter(people::revoked.eq(true)),
    )
    .set(people::scores_excluded.eq(excluded))
    .execute(conn)
}
