//! Local organisers: the admin invites them (a personal link, optionally a
//! password later, kept as an argon2 hash), they propose events from a
//! template, an admin approves or declines each with a note, and from
//! approval on the proposer is that event's organiser (a person of that
//! event, so their power stops at its edge like every organiser's).

use super::{Claim, ServiceError, ServiceResult};
use crate::domain::audit::AuditAction;
use crate::domain::ids::LocalOrganiserId;
use crate::domain::proposal::{Approval, Proposal};
use crate::domain::template::{TemplateSource, may_copy};
use crate::domain::text::{Lines, refuse_controls};
use crate::domain::{Event, FieldErrors, PersonId, PersonName, Role, SecretToken, SkillSet};
use crate::store::local_organisers::LocalOrganiser;
use crate::store::{self, DbConn, Store, audit, people::NewPerson};

mod password;
pub use password::{Password, hash_password};

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

/// The event a template names, if the asker may copy it; a slug they may
/// not see is "choose a template from the list", as if it did not exist.
fn template_event(
    conn: &mut DbConn,
    source: &TemplateSource,
    is_admin: bool,
    local: Option<LocalOrganiserId>,
) -> ServiceResult<Option<Event>> {
    let TemplateSource::Event(slug) = source else {
        return Ok(None);
    };
    store::events::find_by_slug(conn, slug)?
        .filter(|e| may_copy(e, is_admin, local))
        .map(Some)
        .ok_or_else(|| FieldErrors::one("template", "Choose a template from the list").into())
}

fn refuse_taken_slug(conn: &mut DbConn, proposal: &Proposal) -> ServiceResult<()> {
    if store::events::slug_taken(conn, proposal.slug.as_str())? {
        return Err(FieldErrors::one("slug", "Another event already uses this short name").into());
    }
    Ok(())
}

/// A local organiser proposes an event; it waits for an admin.
pub async fn propose(store: &Store, claim: Claim, proposal: Proposal) -> ServiceResult<String> {
    store
        .write(move |conn| {
            let me = require_local(conn, claim)?;
            refuse_taken_slug(conn, &proposal)?;
            let source = template_event(conn, &proposal.template, false, Some(me.id))?;
            let id = store::templates::create_event(
                conn,
                &proposal,
                (Approval::Pending, Some(me.id)),
                source.as_ref(),
            )?;
            let event = store::events::find(conn, id)?.ok_or(ServiceError::NotFound)?;
            record(
                conn,
                Some(&event),
                &format!("{} (local organiser)", me.name),
                AuditAction::EventProposed,
                proposal.name.as_str(),
            )?;
            Ok(event.slug)
        })
        .await
}

/// An admin makes an event (approved at once) from the same form.
pub async fn create_as_admin(
    store: &Store,
    claim: Claim,
    proposal: Proposal,
) -> ServiceResult<String> {
    store
        .write(move |conn| {
            let admin = require_admin(conn, claim)?;
            refuse_taken_slug(conn, &proposal)?;
            let source = template_event(conn, &proposal.template, true, None)?;
            let id = store::templates::create_event(
                conn,
                &proposal,
                (Approval::Approved, None),
                source.as_ref(),
            )?;
            let event = store::events::find(conn, id)?.ok_or(ServiceError::NotFound)?;
            record(
                conn,
                Some(&event),
                &admin,
                AuditAction::EventCreated,
                proposal.name.as_str(),
            )?;
            Ok(event.slug)
        })
        .await
}

/// The admin's decision on a proposal, with a note for the proposer.
pub struct Review {
    pub approve: bool,
    pub note: String,
}

impl Review {
    pub fn parse(decision: &str, note: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        errors.take(refuse_controls("note", "The note", note, Lines::Several));
        if note.chars().count() > 1000 {
            errors.add("note", "The note can have up to 1,000 characters");
        }
        let approve = match decision {
            "approve" => Some(true),
            "decline" => Some(false),
            _ => {
                errors.add("decision", "Approve or decline the event");
                None
            }
        };
        match approve {
            Some(approve) if errors.is_empty() => Ok(Self {
                approve,
                note: note.trim().to_string(),
            }),
            _ => Err(errors),
        }
    }
}

/// Approves or declines a pending proposal. Approval makes the proposer
/// the event's organiser (a person of that event, linked to them).
pub async fn review(
    store: &Store,
    claim: Claim,
    slug: String,
    review: Review,
) -> ServiceResult<()> {
    store
        .write(move |conn| {
            let admin = require_admin(conn, claim)?;
            let event = store::events::find_by_slug(conn, &slug)?.ok_or(ServiceError::NotFound)?;
            if event.approval != Approval::Pending {
                return Err(ServiceError::Conflict(format!(
                    "This event was {} already",
                    event.approval.label().to_lowercase()
                )));
            }
            let approval = if review.approve {
                Approval::Approved
            } else {
                Approval::Declined
            };
            store::local_organisers::set_approval(conn, event.id, approval, &review.note)?;
            if let (true, Some(proposer)) = (review.approve, event.proposed_by) {
                appoint_proposer(conn, &event, proposer)?;
            }
            let action = if review.approve {
                AuditAction::EventApproved
            } else {
                AuditAction::EventDeclined
            };
            record(conn, Some(&event), &admin, action, &review.note)?;
            Ok(())
        })
        .await
}

fn appoint_proposer(
    conn: &mut DbConn,
    event: &Event,
    proposer: LocalOrganiserId,
) -> ServiceResult<()> {
    let me = store::local_organisers::find(conn, proposer)?.ok_or(ServiceError::NotFound)?;
    // A link nobody holds: they enter from their own page instead.
    let unused = SecretToken::generate();
    let person = store::people::insert(
        conn,
        NewPerson {
            event_id: event.id,
            name: &me.name,
            skills: SkillSet::empty(),
            role: Role::Organiser,
            token_hash: &unused.hash(),
        },
    )?;
    store::local_organisers::link_person(conn, person.id, me.id)?;
    Ok(())
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
