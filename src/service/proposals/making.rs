//! Making an event: a local organiser's proposal (waits for an admin) or an
//! admin's event (approved at once), optionally copied from a template.

use super::{record, require_admin, require_local};
use crate::domain::audit::AuditAction;
use crate::domain::ids::LocalOrganiserId;
use crate::domain::proposal::{Approval, Proposal};
use crate::domain::template::{TemplateSource, may_copy};
use crate::domain::{Event, FieldErrors};
use crate::service::{Claim, ServiceError, ServiceResult};
use crate::store::{self, DbConn, Store};

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
            let maker = Maker {
                actor: format!("{} (local organiser)", me.name),
                is_admin: false,
                local: Some(me.id),
                approval: Approval::Pending,
                action: AuditAction::EventProposed,
            };
            make_event(conn, &proposal, maker)
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
            let maker = Maker {
                actor: require_admin(conn, claim)?,
                is_admin: true,
                local: None,
                approval: Approval::Approved,
                action: AuditAction::EventCreated,
            };
            make_event(conn, &proposal, maker)
        })
        .await
}

/// Who makes an event, and how it starts: a local organiser's proposal
/// waits for an admin, an admin's is approved at once.
struct Maker {
    actor: String,
    is_admin: bool,
    local: Option<LocalOrganiserId>,
    approval: Approval,
    action: AuditAction,
}

/// Makes the event (from its template, if any), records who did, and
/// answers its slug.
fn make_event(conn: &mut DbConn, proposal: &Proposal, maker: Maker) -> ServiceResult<String> {
    refuse_taken_slug(conn, proposal)?;
    let source = template_event(conn, &proposal.template, maker.is_admin, maker.local)?;
    let id = store::templates::create_event(
        conn,
        proposal,
        (maker.approval, maker.local),
        source.as_ref(),
    )?;
    let event = store::events::find(conn, id)?.ok_or(ServiceError::NotFound)?;
    record(
        conn,
        Some(&event),
        &maker.actor,
        maker.action,
        proposal.name.as_str(),
    )?;
    Ok(event.slug)
}
