//! Local organisers: the admin invites them (a personal link, optionally a
//! password later, kept as an argon2 hash), they propose events from a
//! template, an admin approves or declines each with a note, and from
//! approval on the proposer is that event's organiser (a person of that
//! event, so their power stops at its edge like every organiser's).

use super::{Claim, ServiceError, ServiceResult};
use crate::domain::audit::AuditAction;
use crate::domain::ids::LocalOrganiserId;
use crate::domain::proposal::Approval;
use crate::domain::template::may_copy;
use crate::domain::{Event, FieldErrors, PersonId, PersonName, SecretToken};
use crate::store::local_organisers::LocalOrganiser;
use crate::store::{self, DbConn, Store, audit};

mod making;
mod password;
mod review;
pub use making::{create_as_admin, propose};
pub use password::{Password, hash_password};
pub use review::{Review, review};

/// The admin's name, or "only admins".
fn require_admin(conn: &mut DbConn, claim: Claim) -> ServiceResult<String> {
    let claim = super::verified(conn, claim)?;
    match claim.admin {
        Some(id) => store::admins::name_of(conn, id)?,
        None => None,
    }
    .ok_or_else(|| ServiceError::Forbidden("Only admins can do that".into()))
}

fn require_local(conn: &mut DbConn, claim: Claim) -> ServiceResult<LocalOrganiser> {
    let claim = super::verified(conn, claim)?;
    match claim.local {
        Some(id) => store::local_organisers::find(conn, id)?,
        None => None,
    }
    .ok_or_else(|| ServiceError::Forbidden("Sign in with your local organiser link first".into()))
}

fn record(
    conn: &mut DbConn,
    event: Option<&Event>,
    actor: &str,
    action: AuditAction,
    detail: &str,
) -> ServiceResult<()> {
    audit::record(
        conn,
        audit::Entry {
            event_id: event.map(|e| e.id),
            project_id: None,
            actor_id: None,
            actor,
            action,
            detail,
        },
    )?;
    Ok(())
}

/// An optional email address, roughly checked (it is a login name, not mail).
pub fn parse_email(raw: &str) -> Result<Option<String>, crate::domain::Invalid> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Ok(None);
    }
    let plausible = email.len() <= 120
        && email
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'))
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if plausible {
        Ok(Some(email))
    } else {
        Err(crate::domain::Invalid::new(
            "email",
            "Give an email address like sam@example.org, or leave it empty",
        ))
    }
}

/// The admin invites a local organiser; answers the secret of their
/// personal sign-in link, shown once.
pub async fn invite(
    store: &Store,
    claim: Claim,
    name: PersonName,
    email: Option<String>,
) -> ServiceResult<SecretToken> {
    store
        .write(move |conn| {
            let admin = require_admin(conn, claim)?;
            if let Some(email) = &email
                && store::local_organisers::email_taken(conn, email)?
            {
                return Err(FieldErrors::one(
                    "email",
                    "Another local organiser has this email address",
                )
                .into());
            }
            let token = SecretToken::generate();
            store::local_organisers::insert(conn, name.as_str(), email.as_deref(), &token.hash())?;
            record(
                conn,
                None,
                &admin,
                AuditAction::LocalOrganiserInvited,
                name.as_str(),
            )?;
            Ok(token)
        })
        .await
}

pub async fn sign_in_with_link(
    store: &Store,
    token: SecretToken,
) -> ServiceResult<LocalOrganiserId> {
    store
        .run(move |conn| {
            store::local_organisers::find_by_token_hash(conn, &token.hash())?
                .map(|l| l.id)
                .ok_or_else(|| {
                    ServiceError::Forbidden("This local organiser link is not valid".into())
                })
        })
        .await
}

/// Signs in by email or name and password. Every failure reads the same.
pub async fn sign_in_with_password(
    store: &Store,
    login: String,
    password: String,
) -> ServiceResult<LocalOrganiserId> {
    let candidates = store
        .run(move |conn| {
            Ok::<_, ServiceError>(store::local_organisers::password_hashes_for(
                conn,
                login.trim(),
            )?)
        })
        .await?;
    tokio::task::spawn_blocking(move || password::check_any(&candidates, &password))
        .await
        .map_err(|_| ServiceError::Conflict("The password check failed".into()))?
        .ok_or_else(|| {
            ServiceError::Forbidden("That name or email and password do not match".into())
        })
}

pub async fn set_password(store: &Store, claim: Claim, password: Password) -> ServiceResult<()> {
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|_| ServiceError::Conflict("The password could not be stored".into()))?;
    store
        .write(move |conn| {
            let me = require_local(conn, claim)?;
            store::local_organisers::set_password_hash(conn, me.id, &hash)?;
            Ok(())
        })
        .await
}

/// A local organiser's own page: who they are and their proposals.
pub struct LocalPage {
    pub me: LocalOrganiser,
    pub proposals: Vec<Event>,
    /// Past events whose set-up they may copy.
    pub templates: Vec<Event>,
}

pub async fn local_page(store: &Store, claim: Claim) -> ServiceResult<LocalPage> {
    store
        .run(move |conn| {
            let me = require_local(conn, claim)?;
            let mut proposals = vec![];
            for id in store::local_organisers::proposals_of(conn, me.id)? {
                proposals.extend(store::events::find(conn, id)?);
            }
            let templates = store::events::list_all(conn)?
                .into_iter()
                .filter(|e| may_copy(e, false, Some(me.id)))
                .collect();
            Ok(LocalPage {
                me,
                proposals,
                templates,
            })
        })
        .await
}

/// The organiser a signed-in local organiser is at this approved event.
pub async fn enter(store: &Store, claim: Claim, slug: String) -> ServiceResult<PersonId> {
    store
        .run(move |conn| {
            let me = require_local(conn, claim)?;
            let event = store::events::find_by_slug(conn, &slug)?.ok_or(ServiceError::NotFound)?;
            store::local_organisers::organiser_at(conn, &event, me.id)?
                .ok_or_else(|| ServiceError::Forbidden("You do not run this event".into()))
        })
        .await
}

/// Proposals waiting for an admin, with who proposed them.
pub async fn pending(
    store: &Store,
    claim: Claim,
) -> ServiceResult<(Vec<(Event, String)>, Vec<LocalOrganiser>)> {
    store
        .run(move |conn| {
            require_admin(conn, claim)?;
            let organisers = store::local_organisers::list(conn)?;
            let name_of = |id| {
                organisers
                    .iter()
                    .find(|l| Some(l.id) == id)
                    .map(|l| l.name.clone())
                    .unwrap_or_default()
            };
            let pending = store::events::list_all(conn)?
                .into_iter()
                .filter(|e| e.approval == Approval::Pending)
                .map(|e| {
                    let who = name_of(e.proposed_by);
                    (e, who)
                })
                .collect();
            Ok((pending, organisers))
        })
        .await
}
