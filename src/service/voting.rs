//! People's choice for organisers: choosing who may vote, the votes by
//! sign-up minute (a burst of sign-ups shows as one tall row), and voiding
//! the votes of people who signed up in a window, in the audit log.

use super::change::organiser_change;
use super::{Claim, ServiceError, ServiceResult, Viewer, read};
use crate::domain::audit::AuditAction;
use crate::domain::voting::{self, SignUpMinute, VoterRule};
use crate::domain::{Event, FieldErrors};
use crate::live::Live;
use crate::store::{self, Store};
use chrono::NaiveDateTime;

pub struct VotesPage {
    pub event: Event,
    pub viewer: Viewer,
    pub rule: VoterRule,
    pub opened_at: Option<NaiveDateTime>,
    pub minutes: Vec<SignUpMinute>,
}

pub async fn votes_page(store: &Store, slug: &str, claim: Claim) -> ServiceResult<VotesPage> {
    read(store, slug, claim, move |conn, event, viewer| {
        viewer.require_organiser()?;
        let (rule, opened_at) = store::voting::rule(conn, event.id)?;
        let ballots = store::voting::ballots(conn, event.id)?;
        Ok(VotesPage {
            minutes: voting::by_sign_up_minute(&ballots, rule, opened_at),
            event,
            viewer,
            rule,
            opened_at,
        })
    })
    .await
}

/// Chooses who may vote. Counts follow at once, for votes already cast too.
pub async fn set_rule(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    rule: VoterRule,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        store::voting::set_rule(conn, event.id, rule)?;
        fx.audit(AuditAction::VoterRule, rule.label());
        Ok(())
    })
    .await
}

/// Sets aside the votes of everyone who signed up in `[from, to)` (UTC).
pub async fn void_window(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> ServiceResult<()> {
    if to <= from {
        return Err(ServiceError::Invalid(FieldErrors::one(
            "to",
            "The end of the window comes after its start",
        )));
    }
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let voided = store::voting::void_signed_up_between(conn, event.id, from, to)?;
        fx.audit(
            AuditAction::VotesVoided,
            format!("{voided} votes of people who signed up from {from} to {to} (UTC)"),
        );
        Ok(())
    })
    .await
}
