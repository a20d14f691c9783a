//! People's choice for organisers: choosing who may vote, the votes by
//! sign-up minute (a burst of sign-ups shows as one tall row), and voiding
//! the votes of people who signed up in a window, in the audit log.

use super::events::organiser_change;
use super::{Claim, ServiceError, ServiceResult, Viewer, event_and_viewer};
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
    let slug = slug.to_string();
    store
        .run(move |conn| {
            let (event, viewer) = event_and_viewer(conn, &slug, claim)?;
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
    organiser_change(
        store,
        live,
        slug,
        claim,
        "voter_rule",
        move |conn, event| {
            store::voting::set_rule(conn, event.id, rule)?;
            Ok(rule.label().to_string())
        },
    )
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
    organiser_change(
        store,
        live,
        slug,
        claim,
        "votes_voided",
        move |conn, event| {
            let voided = store::voting::void_signed_up_between(conn, event.id, from, to)?;
            Ok(format!(
                "{voided} votes of people who signed up from {from} to {to} (UTC)"
            ))
        },
    )
    .await
}
