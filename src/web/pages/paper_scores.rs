//! `/e/{slug}/organise/paper-scores`: an organiser types in a judge's paper
//! sheet on their behalf; the scores and the log are marked as such.

use crate::domain::ids::CriterionId;
use crate::domain::{FieldErrors, PersonId, ProjectId};
use crate::service::paper_scores::PaperSheet;
use crate::service::{self, ServiceError};
use crate::web::visit::Visit;
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
struct Choice {
    id: i64,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct CriterionInput {
    id: i64,
    name: String,
    min: i32,
    max: i32,
    value: String,
}

#[derive(Serialize)]
struct OnBehalfRow {
    judge: String,
    project: String,
    entered_by: String,
}

#[derive(Serialize)]
struct PaperScoresView {
    slug: String,
    judges: Vec<Choice>,
    projects: Vec<Choice>,
    criteria: Vec<CriterionInput>,
    entered: Vec<OnBehalfRow>,
    errors: FieldErrors,
    saved: bool,
}

type Form = HashMap<String, String>;

pub async fn page(v: Visit) -> Result<HttpResponse, AppError> {
    let saved = v.req.query_string().contains("saved=1");
    render(&v, &Form::new(), FieldErrors::new(), saved, StatusCode::OK).await
}

async fn render(
    v: &Visit,
    form: &Form,
    errors: FieldErrors,
    saved: bool,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = service::paper_scores::page(v.store(), &v.slug, v.claim).await?;
    let layout = v
        .layout("Scores from paper", &page.event, &page.viewer)
        .await;
    let chosen = |key: &str, id: i64| form.get(key).is_some_and(|v| *v == id.to_string());
    let view = PaperScoresView {
        slug: page.event.slug.clone(),
        judges: page
            .judges
            .iter()
            .map(|j| Choice {
                id: j.id.0,
                label: j.name.clone(),
                selected: chosen("judge", j.id.0),
            })
            .collect(),
        projects: page
            .teams
            .iter()
            .map(|c| Choice {
                id: c.project.id.0,
                label: c.project.title.clone(),
                selected: chosen("project", c.project.id.0),
            })
            .collect(),
        criteria: page
            .criteria
            .iter()
            .map(|c| CriterionInput {
                id: c.id.0,
                name: c.name.clone(),
                min: c.scale_min,
                max: c.scale_max,
                value: form
                    .get(&format!("c{}", c.id.0))
                    .cloned()
                    .unwrap_or_default(),
            })
            .collect(),
        entered: page
            .entered
            .into_iter()
            .map(|e| OnBehalfRow {
                judge: e.judge,
                project: e.project,
                entered_by: e.entered_by,
            })
            .collect(),
        errors,
        saved,
    };
    v.render(status, "pages/paper_scores", &layout, &view)
}

fn parse_sheet(form: &Form) -> Result<PaperSheet, FieldErrors> {
    let mut errors = FieldErrors::new();
    let id = |key: &str| form.get(key).and_then(|v| v.trim().parse::<i64>().ok());
    let judge = id("judge");
    if judge.is_none() {
        errors.add("judge", "Pick the judge whose sheet this is");
    }
    let project = id("project");
    if project.is_none() {
        errors.add("project", "Pick the project");
    }
    let values = form
        .iter()
        .filter_map(|(k, v)| {
            let id = k.strip_prefix('c')?.parse::<i64>().ok()?;
            Some((CriterionId(id), v.clone()))
        })
        .collect();
    match (judge, project) {
        (Some(judge), Some(project)) => Ok(PaperSheet {
            judge: PersonId(judge),
            project: ProjectId(project),
            values,
        }),
        _ => Err(errors),
    }
}

pub async fn enter(
    v: Visit,
    CheckedForm(form): CheckedForm<Form>,
) -> Result<HttpResponse, AppError> {
    let result = match parse_sheet(&form) {
        Ok(sheet) => {
            service::paper_scores::enter(v.store(), v.live(), &v.slug, v.claim, sheet).await
        }
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    match result {
        Ok(()) => Ok(v.to("/organise/paper-scores?saved=1")),
        Err(ServiceError::Invalid(errors)) => {
            render(&v, &form, errors, false, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The paper-scores routes inside `/e/{slug}`.
pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    use actix_web::web;
    cfg.route("/organise/paper-scores", web::get().to(page))
        .route("/organise/paper-scores", web::post().to(enter));
}
