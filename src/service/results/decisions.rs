//! What the organisers decide on the results page: each prize's winner,
//! revealing it, and whether a revoked judge's scores still count.

use crate::domain::audit::AuditAction;
use crate::domain::ids::PrizeId;
use crate::domain::{Event, PersonId, ProjectId, ProjectStatus};
use crate::live::Live;
use crate::service::change;
use crate::service::{Claim, ServiceError, ServiceResult};
use crate::store::{self, DbConn, Store};

/// Picks (or clears) the winner of a prize. The ranking guides; the
/// organisers decide.
pub async fn set_winner(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    prize: PrizeId,
    project: Option<ProjectId>,
) -> ServiceResult<()> {
    change::organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let prize_name = prize_name(conn, event, prize)?;
        let detail = match project {
            Some(p) => {
                let title = store::projects::find(conn, event.id, p)?
                    .filter(|p| p.status == ProjectStatus::Open)
                    .ok_or(ServiceError::NotFound)?
                    .title;
                format!("“{title}” for {prize_name}")
            }
            None => format!("none for {prize_name}"),
        };
        store::awards::set_winner(conn, prize, project)?;
        fx.audit(AuditAction::WinnerChosen, detail);
        Ok(())
    })
    .await
}

/// Reveals a prize's winner on every screen (or hides it again).
pub async fn reveal(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    prize: PrizeId,
    show: bool,
) -> ServiceResult<()> {
    change::organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let prize_name = prize_name(conn, event, prize)?;
        let at = show.then(|| chrono::Utc::now().naive_utc());
        if store::awards::reveal(conn, prize, at)? == 0 {
            return Err(ServiceError::Conflict(
                "Choose a winner before revealing the prize".into(),
            ));
        }
        let what = if show { "revealed" } else { "hidden again" };
        fx.audit(AuditAction::PrizeRevealed, format!("{prize_name} {what}"));
        Ok(())
    })
    .await
}

/// The name of one of the event's prizes; not found when it is another
/// event's.
fn prize_name(conn: &mut DbConn, event: &Event, prize: PrizeId) -> ServiceResult<String> {
    store::judging::prizes(conn, event.id)?
        .into_iter()
        .find(|p| p.id == prize)
        .map(|p| p.name)
        .ok_or(ServiceError::NotFound)
}

/// Leaves a revoked judge's scores out of the ranking (`exclude`), or counts
/// them again. Only for judges whose link was revoked.
pub async fn count_revoked_scores(
    store: &Store,
    live: &Live,
    slug: &str,
    claim: Claim,
    judge: PersonId,
    exclude: bool,
) -> ServiceResult<()> {
    change::organiser_change(store, live, slug, claim, move |conn, event, fx| {
        let name = store::people::revoked_judges(conn, event.id)?
            .into_iter()
            .find(|(p, _)| p.id == judge)
            .map(|(p, _)| p.name)
            .ok_or_else(|| {
                ServiceError::Conflict("Only a revoked judge's scores can be left out".into())
            })?;
        store::people::set_scores_excluded(conn, event.id, judge, exclude)?;
        let what = if exclude {
            "left out of the ranking"
        } else {
            "counted in the ranking again"
        };
        fx.audit(
            AuditAction::JudgeScoresCounted,
            format!("{name}'s scores are {what}"),
        );
        Ok(())
    })
    .await
}
