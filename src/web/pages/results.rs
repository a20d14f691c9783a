//! The organisers' results page: rankings that explain themselves, people's
//! choice, the judges' marks, revoked judges' scores, late submissions,
//! coverage and judges' progress, choosing winners and revealing them.

mod chart;
mod view;

use crate::domain::ids::PrizeId;
use crate::domain::{PersonId, ProjectId};
use crate::service::{ServiceError, ServiceResult, results as res};
use crate::web::visit::{IdPath, Visit};
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::web::{Path, Query};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ResultsQuery {
    min_judges: Option<usize>,
}

pub async fn page(v: Visit, q: Query<ResultsQuery>) -> Result<HttpResponse, AppError> {
    let min_judges = q.min_judges.unwrap_or(3).clamp(1, 20);
    let r = res::results(v.store(), &v.slug, v.claim, min_judges).await?;
    let mut layout = v.layout("Results", &r.event, &r.viewer).await;
    layout.live = Some(r.event.slug.clone());
    layout.body_class = "results-page".into();
    v.render(
        StatusCode::OK,
        "pages/results",
        &layout,
        &view::results_view(&v.slug, &r),
    )
}

/// Back to the results page; a refusal (no winner to reveal, not a revoked
/// judge) comes back there with its reason.
fn landing(v: &Visit, result: ServiceResult<()>, anchor: &str) -> Result<HttpResponse, AppError> {
    match result {
        Ok(()) => Ok(v.saved(&format!("/organise/results{anchor}"), "Saved.")),
        Err(ServiceError::Conflict(m)) => Ok(v.back_with("/organise/results", &m)),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct WinnerForm {
    #[serde(default)]
    project: String,
}

pub async fn set_winner(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(f): CheckedForm<WinnerForm>,
) -> Result<HttpResponse, AppError> {
    let project = match f.project.trim() {
        "" => None,
        id => match id.parse() {
            Ok(id) => Some(ProjectId(id)),
            Err(_) => return Ok(v.back_with("/organise/results", "Pick a project")),
        },
    };
    let prize = PrizeId(path.id);
    let result = res::set_winner(v.store(), v.live(), &v.slug, v.claim, prize, project).await;
    landing(&v, result, &format!("#prize-{prize}"))
}

#[derive(Deserialize)]
pub struct RevealForm {
    #[serde(default)]
    show: String,
}

pub async fn reveal(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(f): CheckedForm<RevealForm>,
) -> Result<HttpResponse, AppError> {
    let prize = PrizeId(path.id);
    let show = f.show != "0";
    let result = res::reveal(v.store(), v.live(), &v.slug, v.claim, prize, show).await;
    landing(&v, result, &format!("#prize-{prize}"))
}

#[derive(Deserialize)]
pub struct RevokedScoresForm {
    #[serde(default)]
    exclude: String,
}

/// Leaves a revoked judge's scores out of the ranking, or counts them again.
pub async fn revoked_scores(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(f): CheckedForm<RevokedScoresForm>,
) -> Result<HttpResponse, AppError> {
    let exclude = f.exclude == "1";
    let judge = PersonId(path.id);
    let result =
        res::count_revoked_scores(v.store(), v.live(), &v.slug, v.claim, judge, exclude).await;
    landing(&v, result, "#revoked")
}
