//! The organisers' judging set-up: criteria (with the health hack day
//! defaults), prizes, revoking judges, and opening and closing judging and
//! people's choice voting.

use super::change::organiser_change;
use super::{Claim, ServiceError, ServiceResult, Viewer, read};
use crate::domain::audit::{AuditAction, judging_flags_detail};
use crate::domain::ids::{CriterionId, PrizeId};
use crate::domain::judging::{CriterionDraft, PrizeDraft, default_criteria};
use crate::domain::{Event, Person, PersonId, Role};
use crate::live::Live;
use crate::store::judging::{Criterion, Prize};
use crate::store::{self, Store};
use std::collections::HashSet;

pub async fn add_criterion(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    draft: CriterionDraft,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        store::judging::add_criterion(conn, event.id, &to_criterion(&draft))?;
        fx.audit(AuditAction::CriterionAdded, format!("“{}”", draft.name));
        Ok(())
    })
    .await
}

fn to_criterion(d: &CriterionDraft) -> Criterion {
    Criterion {
        id: CriterionId(0),
        name: d.name.clone(),
        description: d.description.clone(),
        weight: d.weight,
        scale_min: d.scale_min,
        scale_max: d.scale_max,
    }
}

pub async fn add_default_criteria(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        if !store::judging::criteria(conn, event.id)?.is_empty() {
            return Err(ServiceError::Conflict(
                "The event already has criteria".into(),
            ));
        }
        for draft in default_criteria() {
            store::judging::add_criterion(conn, event.id, &to_criterion(&draft))?;
        }
        fx.audit(AuditAction::CriteriaDefaults, "for a health hack day");
        Ok(())
    })
    .await
}

pub async fn delete_criterion(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    id: CriterionId,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let name = store::judging::criteria(conn, event.id)?
            .into_iter()
            .find(|c| c.id == id)
            .map(|c| c.name)
            .ok_or(ServiceError::NotFound)?;
        store::judging::delete_criterion(conn, event.id, id)?;
        fx.audit(AuditAction::CriterionRemoved, format!("“{name}”"));
        Ok(())
    })
    .await
}

pub async fn add_prize(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    draft: PrizeDraft,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let known: HashSet<CriterionId> = store::judging::criteria(conn, event.id)?
            .iter()
            .map(|c| c.id)
            .collect();
        if draft.criteria.iter().any(|c| !known.contains(c)) {
            return Err(ServiceError::Invalid(crate::domain::FieldErrors::one(
                "criteria",
                "Pick criteria from the list",
            )));
        }
        let prize = Prize {
            id: PrizeId(0),
            name: draft.name.clone(),
            description: draft.description,
            kind: draft.kind,
            criteria: draft.criteria,
        };
        store::judging::add_prize(conn, event.id, &prize)?;
        fx.audit(AuditAction::PrizeAdded, format!("“{}”", draft.name));
        Ok(())
    })
    .await
}

pub async fn delete_prize(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    id: PrizeId,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let name = store::judging::prizes(conn, event.id)?
            .into_iter()
            .find(|p| p.id == id)
            .map(|p| p.name)
            .ok_or(ServiceError::NotFound)?;
        store::judging::delete_prize(conn, event.id, id)?;
        fx.audit(AuditAction::PrizeRemoved, format!("“{name}”"));
        Ok(())
    })
    .await
}

/// Opens or closes judging and people's choice voting. When judging is
/// closed, no score is accepted.
pub async fn set_open(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    judging: Option<bool>,
    voting: Option<bool>,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        store::judging::set_flags(conn, event.id, judging, voting)?;
        if voting == Some(true) {
            // "Signed up before voting opened" means the first opening.
            store::voting::mark_opened(conn, event.id, chrono::Utc::now().naive_utc())?;
        }
        fx.audit(
            AuditAction::JudgingFlags,
            judging_flags_detail(judging, voting),
        );
        Ok(())
    })
    .await
}

pub async fn revoke(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    person: PersonId,
) -> ServiceResult<()> {
    organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let target = store::people::find(conn, event.id, person)?.ok_or(ServiceError::NotFound)?;
        if target.role != Role::Judge {
            return Err(ServiceError::Conflict(
                "Only judges' links can be revoked here".into(),
            ));
        }
        store::people::revoke(conn, event.id, person)?;
        fx.audit(AuditAction::JudgeRevoked, target.name);
        Ok(())
    })
    .await
}

pub struct SetupPage {
    pub event: Event,
    pub viewer: Viewer,
    pub criteria: Vec<Criterion>,
    pub prizes: Vec<Prize>,
    pub judges: Vec<Person>,
    pub judging_open: bool,
    pub voting_open: bool,
}

pub async fn setup_page(store: &Store, slug: &str, claim: Claim) -> ServiceResult<SetupPage> {
    read(store, slug, claim, move |conn, event, viewer| {
        viewer.require_organiser()?;
        let (judging_open, voting_open) = store::judging::flags(conn, event.id)?;
        Ok(SetupPage {
            criteria: store::judging::criteria(conn, event.id)?,
            prizes: store::judging::prizes(conn, event.id)?,
            judges: store::people::list_with_role(conn, event.id, Role::Judge)?,
            event,
            viewer,
            judging_open,
            voting_open,
        })
    })
    .await
}
