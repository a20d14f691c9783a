//! The organisers' judging set-up page: criteria, prizes, judges, and
//! opening and closing judging and voting.

use crate::domain::ids::{CriterionId, PrizeId};
use crate::domain::judging::{CriterionDraft, PrizeDraft, PrizeKind};
use crate::domain::{FieldErrors, PersonId};
use crate::service::ServiceError;
use crate::service::judging_setup::{self as judging, SetupPage};
use crate::web::confirm::{self, Confirmed, Question};
use crate::web::views::SelectOption;
use crate::web::visit::{Empty, IdPath, Visit};
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::web::Path;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Serialize)]
struct CriterionRow {
    id: i64,
    name: String,
    description: String,
    weight: i32,
    scale: String,
}

#[derive(Serialize)]
struct PrizeRow {
    id: i64,
    name: String,
    description: String,
    kind: &'static str,
    criteria: String,
}

#[derive(Serialize)]
struct JudgeRow {
    id: i64,
    name: String,
}

#[derive(Serialize, Default)]
struct SetupErrors {
    criterion: FieldErrors,
    prize: FieldErrors,
}

#[derive(Serialize)]
struct SetupView {
    slug: String,
    criteria: Vec<CriterionRow>,
    prizes: Vec<PrizeRow>,
    judges: Vec<JudgeRow>,
    kinds: Vec<SelectOption>,
    judging_open: bool,
    voting_open: bool,
    errors: SetupErrors,
}

async fn render_setup(
    v: &Visit,
    errors: SetupErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = judging::setup_page(v.store(), &v.slug, v.claim).await?;
    let layout = v.layout("Judging set-up", &page.event, &page.viewer).await;
    v.render(
        status,
        "pages/judging_setup",
        &layout,
        &setup_view(&v.slug, &page, errors),
    )
}

/// The set-up page's view model.
fn setup_view(slug: &str, page: &SetupPage, errors: SetupErrors) -> SetupView {
    let names: HashMap<CriterionId, String> = page
        .criteria
        .iter()
        .map(|c| (c.id, c.name.clone()))
        .collect();
    SetupView {
        slug: slug.to_string(),
        criteria: page
            .criteria
            .iter()
            .map(|c| CriterionRow {
                id: c.id.0,
                name: c.name.clone(),
                description: c.description.clone(),
                weight: c.weight,
                scale: format!("{} to {}", c.scale_min, c.scale_max),
            })
            .collect(),
        prizes: page
            .prizes
            .iter()
            .map(|p| PrizeRow {
                id: p.id.0,
                name: p.name.clone(),
                description: p.description.clone(),
                kind: p.kind.label(),
                criteria: if p.criteria.is_empty() {
                    "all criteria".into()
                } else {
                    p.criteria
                        .iter()
                        .filter_map(|c| names.get(c).cloned())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            })
            .collect(),
        judges: page
            .judges
            .iter()
            .map(|j| JudgeRow {
                id: j.id.0,
                name: j.name.clone(),
            })
            .collect(),
        kinds: PrizeKind::ALL
            .iter()
            .map(|k| SelectOption {
                value: k.as_str(),
                label: k.label(),
            })
            .collect(),
        judging_open: page.judging_open,
        voting_open: page.voting_open,
        errors,
    }
}

pub async fn setup(v: Visit) -> Result<HttpResponse, AppError> {
    render_setup(&v, SetupErrors::default(), StatusCode::OK).await
}

/// After a change the organiser lands back on the set-up page, told it
/// was saved.
fn back(v: &Visit) -> HttpResponse {
    v.saved("/organise/judging", "Saved.")
}

/// The set-up page again with a form's messages, or where a change lands.
async fn after(
    v: &Visit,
    result: Result<(), ServiceError>,
    errors: fn(FieldErrors) -> SetupErrors,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(()) => Ok(back(v)),
        Err(ServiceError::Invalid(e)) => {
            render_setup(v, errors(e), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct CriterionForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    weight: String,
    #[serde(default)]
    scale_max: String,
}

pub async fn add_criterion(
    v: Visit,
    CheckedForm(f): CheckedForm<CriterionForm>,
) -> Result<HttpResponse, AppError> {
    let result = match CriterionDraft::parse(&f.name, &f.description, &f.weight, &f.scale_max) {
        Ok(draft) => judging::add_criterion(v.store(), v.live(), &v.slug, v.claim, draft).await,
        Err(e) => Err(ServiceError::Invalid(e)),
    };
    after(&v, result, |criterion| SetupErrors {
        criterion,
        ..Default::default()
    })
    .await
}

pub async fn default_criteria(
    v: Visit,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    judging::add_default_criteria(v.store(), v.live(), &v.slug, v.claim).await?;
    Ok(back(&v))
}

const DELETE_CRITERION_QUESTION: Question = Question {
    question: "Remove this criterion?",
    consequence: "Every score judges gave against it is removed with it, and results are worked out without it.",
    button: "Yes, remove it",
    cancel: "/organise/judging",
};

/// Removes a criterion, after asking (its scores go with it).
pub async fn delete_criterion(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(form): CheckedForm<Confirmed>,
) -> Result<HttpResponse, AppError> {
    let action = format!("/organise/criteria/{}/delete", path.id);
    if let Some(page) = confirm::unless_yes(&v, &form, &DELETE_CRITERION_QUESTION, action).await {
        return page;
    }
    judging::delete_criterion(v.store(), v.live(), &v.slug, v.claim, CriterionId(path.id)).await?;
    Ok(v.saved("/organise/judging", "Criterion removed, with its scores."))
}

#[derive(Deserialize)]
pub struct PrizeForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    criteria: Vec<String>,
}

pub async fn add_prize(
    v: Visit,
    CheckedForm(f): CheckedForm<PrizeForm>,
) -> Result<HttpResponse, AppError> {
    let result = match PrizeDraft::parse(&f.name, &f.description, &f.kind, &f.criteria) {
        Ok(draft) => judging::add_prize(v.store(), v.live(), &v.slug, v.claim, draft).await,
        Err(e) => Err(ServiceError::Invalid(e)),
    };
    after(&v, result, |prize| SetupErrors {
        prize,
        ..Default::default()
    })
    .await
}

pub async fn delete_prize(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    judging::delete_prize(v.store(), v.live(), &v.slug, v.claim, PrizeId(path.id)).await?;
    Ok(back(&v))
}

#[derive(Deserialize)]
pub struct OpenForm {
    #[serde(default)]
    judging: Option<String>,
    #[serde(default)]
    voting: Option<String>,
}

pub async fn set_open(
    v: Visit,
    CheckedForm(f): CheckedForm<OpenForm>,
) -> Result<HttpResponse, AppError> {
    let flag = |value: &Option<String>| value.as_deref().map(|value| value == "open");
    judging::set_open(
        v.store(),
        v.live(),
        &v.slug,
        v.claim,
        flag(&f.judging),
        flag(&f.voting),
    )
    .await?;
    Ok(back(&v))
}

const REVOKE_QUESTION: Question = Question {
    question: "Revoke this judge?",
    consequence: "Their link stops working and they are signed out everywhere; the scores they gave stay and still count.",
    button: "Yes, revoke",
    cancel: "/organise/judging",
};

pub async fn revoke(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(form): CheckedForm<Confirmed>,
) -> Result<HttpResponse, AppError> {
    let action = format!("/organise/judges/{}/revoke", path.id);
    if let Some(page) = confirm::unless_yes(&v, &form, &REVOKE_QUESTION, action).await {
        return page;
    }
    judging::revoke(v.store(), v.live(), &v.slug, v.claim, PersonId(path.id)).await?;
    Ok(v.saved(
        "/organise/judging",
        "Judge revoked: their link no longer works.",
    ))
}
