//! Local organisers of the umbrella, the events they propose, and the
//! organiser each approved event gives them.

use super::DbConn;
use super::schema::{events, local_organisers, people};
use crate::domain::ids::LocalOrganiserId;
use crate::domain::proposal::{Approval, Proposal};
use crate::domain::{Event, EventId, PersonId, Phase, Role};
use chrono::Utc;
use diesel::prelude::*;

/// A local organiser as the admin page and their own page show them.
#[derive(Debug, Clone)]
pub struct LocalOrganiser {
    pub id: LocalOrganiserId,
    pub name: String,
    pub email: Option<String>,
    pub has_password: bool,
}

type Row = (i64, String, Option<String>, Option<String>);

fn to_organiser((id, name, email, password): Row) -> LocalOrganiser {
    LocalOrganiser {
        id: LocalOrganiserId(id),
        name,
        email,
        has_password: password.is_some(),
    }
}

const COLUMNS: (
    local_organisers::id,
    local_organisers::name,
    local_organisers::email,
    local_organisers::password_hash,
) = (
    local_organisers::id,
    local_organisers::name,
    local_organisers::email,
    local_organisers::password_hash,
);

pub fn insert(
    conn: &mut DbConn,
    name: &str,
    email: Option<&str>,
    token_hash: &str,
) -> QueryResult<LocalOrganiserId> {
    diesel::insert_into(local_organisers::table)
        .values((
            local_organisers::name.eq(name),
            local_organisers::email.eq(email),
            local_organisers::token_hash.eq(token_hash),
            local_organisers::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(local_organisers::id)
        .get_result(conn)
        .map(LocalOrganiserId)
}

pub fn list(conn: &mut DbConn) -> QueryResult<Vec<LocalOrganiser>> {
    local_organisers::table
        .order(local_organisers::id.asc())
        .select(COLUMNS)
        .load::<Row>(conn)
        .map(|rows| rows.into_iter().map(to_organiser).collect())
}

pub fn find(conn: &mut DbConn, id: LocalOrganiserId) -> QueryResult<Option<LocalOrganiser>> {
    local_organisers::table
        .find(id.0)
        .select(COLUMNS)
        .first::<Row>(conn)
        .optional()
        .map(|row| row.map(to_organiser))
}

pub fn find_by_token_hash(conn: &mut DbConn, hash: &str) -> QueryResult<Option<LocalOrganiser>> {
    local_organisers::table
        .filter(local_organisers::token_hash.eq(hash))
        .select(COLUMNS)
        .first::<Row>(conn)
        .optional()
        .map(|row| row.map(to_organiser))
}

pub fn email_taken(conn: &mut DbConn, email: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        local_organisers::table.filter(local_organisers::email.eq(email)),
    ))
    .get_result(conn)
}

/// Everyone whose email or name is exactly `login`, with their password
/// hash (none without a password).
pub fn password_hashes_for(
    conn: &mut DbConn,
    login: &str,
) -> QueryResult<Vec<(LocalOrganiserId, Option<String>)>> {
    local_organisers::table
        .filter(
            local_organisers::email
                .eq(login)
                .or(local_organisers::name.eq(login)),
        )
        .select((local_organisers::id, local_organisers::password_hash))
        .load::<(i64, Option<String>)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(id, hash)| (LocalOrganiserId(id), hash))
                .collect()
        })
}

pub fn set_password_hash(
    conn: &mut DbConn,
    id: LocalOrganiserId,
    hash: &str,
) -> QueryResult<usize> {
    diesel::update(local_organisers::table.find(id.0))
        .set(local_organisers::password_hash.eq(hash))
        .execute(conn)
}

/// A new event as proposed (or created by an admin), in draft.
pub fn insert_event(
    conn: &mut DbConn,
    proposal: &Proposal,
    approval: Approval,
    proposed_by: Option<LocalOrganiserId>,
) -> QueryResult<EventId> {
    let now = Utc::now().naive_utc();
    diesel::insert_into(events::table)
        .values((
            events::slug.eq(proposal.slug.as_str()),
            events::name.eq(proposal.name.as_str()),
            events::venue.eq(proposal.venue.as_str()),
            events::starts_at.eq(proposal.starts_at),
            events::ends_at.eq(proposal.ends_at),
            events::time_zone.eq(proposal.zone.name()),
            events::approval.eq(approval.as_str()),
            events::proposed_by.eq(proposed_by.map(|p| p.0)),
            events::phase.eq(Phase::Draft.as_str()),
            events::created_at.eq(now),
            events::updated_at.eq(now),
        ))
        .returning(events::id)
        .get_result(conn)
        .map(EventId)
}

/// The events this local organiser proposed, newest first.
pub fn proposals_of(conn: &mut DbConn, id: LocalOrganiserId) -> QueryResult<Vec<EventId>> {
    events::table
        .filter(events::proposed_by.eq(id.0))
        .order(events::id.desc())
        .select(events::id)
        .load::<i64>(conn)
        .map(|ids| ids.into_iter().map(EventId).collect())
}

pub fn set_approval(
    conn: &mut DbConn,
    event: EventId,
    approval: Approval,
    note: &str,
) -> QueryResult<usize> {
    diesel::update(events::table.find(event.0))
        .set((
            events::approval.eq(approval.as_str()),
            events::review_note.eq(note),
            events::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)
}

/// The organiser (a person of `event`) that this local organiser is there.
pub fn organiser_at(
    conn: &mut DbConn,
    event: &Event,
    id: LocalOrganiserId,
) -> QueryResult<Option<PersonId>> {
    people::table
        .filter(people::event_id.eq(event.id.0))
        .filter(people::local_organiser_id.eq(id.0))
        .filter(people::role.eq(Role::Organiser.as_str()))
        .filter(people::revoked.eq(false))
        .select(people::id)
        .first::<i64>(conn)
        .optional()
        .map(|id| id.map(PersonId))
}

/// Marks a person of an event as this local organiser (made at approval).
pub fn link_person(
    conn: &mut DbConn,
    person: PersonId,
    id: LocalOrganiserId,
) -> QueryResult<usize> {
    diesel::update(people::table.find(person.0))
        .set(people::local_organiser_id.eq(id.0))
        .execute(conn)
}
