//! `/e/{slug}/organise/merge`: organisers merge two pitches about the same
//! idea into one project (see `service::merge` for what is kept).

use crate::domain::{FieldErrors, ProjectId};
use crate::service::merge::MergeRequest;
use crate::service::{self, ServiceError};
use crate::web::visit::Visit;
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct Choice {
    id: i64,
    label: String,
    keep: bool,
    merge: bool,
}

#[derive(Serialize)]
struct MergeView {
    slug: String,
    choices: Vec<Choice>,
    enough: bool,
    over_cap: bool,
    cap: i32,
    errors: FieldErrors,
}

#[derive(Deserialize, Default)]
pub struct MergeForm {
    #[serde(default)]
    keep: String,
    #[serde(default)]
    merge: String,
    #[serde(default)]
    over_cap: Option<String>,
}

pub async fn page(v: Visit) -> Result<HttpResponse, AppError> {
    render(&v, MergeForm::default(), FieldErrors::new(), StatusCode::OK).await
}

async fn render(
    v: &Visit,
    form: MergeForm,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = service::merge::page(v.store(), &v.slug, v.claim).await?;
    let layout = v.layout("Merge pitches", &page.event, &page.viewer).await;
    let choices = page
        .cards
        .iter()
        .map(|c| {
            let id = c.project.id.0.to_string();
            Choice {
                id: c.project.id.0,
                label: format!(
                    "{} — {} ({} in the team)",
                    c.project.title,
                    c.project.pitcher_name,
                    c.members.len()
                ),
                keep: form.keep == id,
                merge: form.merge == id,
            }
        })
        .collect::<Vec<_>>();
    let view = MergeView {
        slug: page.event.slug.clone(),
        enough: choices.len() >= 2,
        choices,
        over_cap: form.over_cap.is_some(),
        cap: page.event.team_size_cap,
        errors,
    };
    v.render(status, "pages/merge", &layout, &view)
}

fn parse_id(field: &'static str, raw: &str, errors: &mut FieldErrors) -> Option<ProjectId> {
    let id = raw.trim().parse::<i64>().ok().map(ProjectId);
    if id.is_none() {
        errors.add(field, "Pick a pitch");
    }
    id
}

pub async fn merge(
    v: Visit,
    CheckedForm(form): CheckedForm<MergeForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let keep = parse_id("keep", &form.keep, &mut errors);
    let merged = parse_id("merge", &form.merge, &mut errors);
    let result = match (keep, merged) {
        (Some(keep), Some(merge)) => {
            let request = MergeRequest {
                keep,
                merge,
                over_cap: form.over_cap.is_some(),
            };
            service::merge::merge(v.store(), v.live(), &v.slug, v.claim, request)
                .await
                .map(|()| keep)
        }
        _ => Err(ServiceError::Invalid(errors)),
    };
    match result {
        Ok(keep) => Ok(v.to(&format!("/p/{}", keep.0))),
        Err(ServiceError::Invalid(errors)) => {
            render(&v, form, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The merge routes inside `/e/{slug}`.
pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    use actix_web::web;
    cfg.route("/organise/merge", web::get().to(page))
        .route("/organise/merge", web::post().to(merge));
}
