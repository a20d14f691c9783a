//! An admin's review of a proposal: approve (the proposer becomes the
//! event's organiser) or decline, with a note.

use super::{record, require_admin};
use crate::domain::audit::AuditAction;
use crate::domain::ids::LocalOrganiserId;
use crate::domain::proposal::Approval;
use crate::domain::text::{Lines, refuse_controls};
use crate::domain::{Event, FieldErrors, Role, SecretToken, SkillSet};
use crate::service::{Claim, ServiceError, ServiceResult};
use crate::store::{self, DbConn, Store, people::NewPerson};

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
