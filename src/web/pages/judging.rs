//! Judging pages: the organisers' set-up, the judges' scoring panel (form
//! posts, and a JSON endpoint the panel's script uses), conflicts.

use super::people::redirect;
use super::views::{ProjectView, layout, project_view};
use crate::domain::judging::{CriterionDraft, PRIZE_KINDS, PrizeDraft};
use crate::domain::{FieldErrors, PersonId, ProjectId};
use crate::service::ServiceError;
use crate::service::judging::{self as judging, ScoreSheet};
use crate::web::{AppState, error::AppError, form::CheckedForm, identity};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
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
    kinds: Vec<(&'static str, &'static str)>,
    judging_open: bool,
    voting_open: bool,
    errors: SetupErrors,
}

async fn render_setup(
    state: &AppState,
    session: &Session,
    slug: &str,
    errors: SetupErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = judging::setup_page(&state.store, slug, identity::claim(session, slug)).await?;
    let names: HashMap<i64, String> = page
        .criteria
        .iter()
        .map(|c| (c.id, c.name.clone()))
        .collect();
    let view = SetupView {
        slug: slug.to_string(),
        criteria: page
            .criteria
            .iter()
            .map(|c| CriterionRow {
                id: c.id,
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
                id: p.id,
                name: p.name.clone(),
                description: p.description.clone(),
                kind: PRIZE_KINDS
                    .iter()
                    .find(|(k, _)| *k == p.kind)
                    .map(|(_, l)| *l)
                    .unwrap_or("Special"),
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
        kinds: PRIZE_KINDS.to_vec(),
        judging_open: page.judging_open,
        voting_open: page.voting_open,
        errors,
    };
    let layout = layout(
        session,
        "Judging set-up",
        Some(&page.event),
        Some(&page.viewer),
    );
    state
        .templates
        .page_with_status(status, "pages/judging_setup", &layout, &view)
}

pub async fn setup(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render_setup(
        &state,
        &session,
        &slug,
        SetupErrors::default(),
        StatusCode::OK,
    )
    .await
}

fn back(slug: &str) -> HttpResponse {
    redirect(&format!("/e/{slug}/organise/judging"))
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
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(f): CheckedForm<CriterionForm>,
) -> Result<HttpResponse, AppError> {
    let claim = identity::claim(&session, &slug);
    let result = match CriterionDraft::parse(&f.name, &f.description, &f.weight, &f.scale_max) {
        Ok(draft) => judging::add_criterion(&state.store, &state.live, &slug, claim, draft).await,
        Err(e) => Err(ServiceError::Invalid(e)),
    };
    match result {
        Ok(()) => Ok(back(&slug)),
        Err(ServiceError::Invalid(e)) => {
            render_setup(
                &state,
                &session,
                &slug,
                SetupErrors {
                    criterion: e,
                    ..Default::default()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn default_criteria(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    judging::add_default_criteria(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
    )
    .await?;
    Ok(back(&slug))
}

pub async fn delete_criterion(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    judging::delete_criterion(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        id,
    )
    .await?;
    Ok(back(&slug))
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
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(f): CheckedForm<PrizeForm>,
) -> Result<HttpResponse, AppError> {
    let claim = identity::claim(&session, &slug);
    let result = match PrizeDraft::parse(&f.name, &f.description, &f.kind, &f.criteria) {
        Ok(draft) => judging::add_prize(&state.store, &state.live, &slug, claim, draft).await,
        Err(e) => Err(ServiceError::Invalid(e)),
    };
    match result {
        Ok(()) => Ok(back(&slug)),
        Err(ServiceError::Invalid(e)) => {
            render_setup(
                &state,
                &session,
                &slug,
                SetupErrors {
                    prize: e,
                    ..Default::default()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn delete_prize(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    judging::delete_prize(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        id,
    )
    .await?;
    Ok(back(&slug))
}

#[derive(Deserialize)]
pub struct OpenForm {
    #[serde(default)]
    judging: Option<String>,
    #[serde(default)]
    voting: Option<String>,
}

pub async fn set_open(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(f): CheckedForm<OpenForm>,
) -> Result<HttpResponse, AppError> {
    let flag = |v: &Option<String>| v.as_deref().map(|v| v == "open");
    judging::set_open(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        flag(&f.judging),
        flag(&f.voting),
    )
    .await?;
    Ok(back(&slug))
}

pub async fn revoke(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    judging::revoke(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        PersonId(id),
    )
    .await?;
    Ok(back(&slug))
}

#[derive(Serialize)]
struct Choice {
    value: i32,
    checked: bool,
}

#[derive(Serialize)]
struct CriterionScore {
    id: i64,
    name: String,
    description: String,
    choices: Vec<Choice>,
}

#[derive(Serialize)]
struct PanelEntry {
    project: ProjectView,
    links: Vec<super::submissions::LinkView>,
    repo_url: Option<String>,
    barred: Option<&'static str>,
    conflict: bool,
    complete: bool,
    presenting: bool,
    criteria: Vec<CriterionScore>,
    notes: String,
}

#[derive(Serialize)]
struct PanelView {
    slug: String,
    open: bool,
    scored: usize,
    to_score: usize,
    entries: Vec<PanelEntry>,
    no_criteria: bool,
}

pub async fn panel(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let panel = judging::panel(&state.store, &slug, identity::claim(&session, &slug)).await?;
    let entries = panel
        .projects
        .iter()
        .map(|p| PanelEntry {
            project: project_view(&panel.event, &p.card, None),
            repo_url: p
                .submission
                .as_ref()
                .map(|s| s.repo_url.as_str().to_string()),
            links: p
                .submission
                .as_ref()
                .map(|s| super::submissions::submitted_view(s).links)
                .unwrap_or_default(),
            barred: p.barred,
            conflict: p.conflict,
            complete: p.complete,
            presenting: panel.now_presenting == Some(p.card.project.id),
            criteria: panel
                .criteria
                .iter()
                .map(|c| CriterionScore {
                    id: c.id,
                    name: c.name.clone(),
                    description: c.description.clone(),
                    choices: (c.scale_min..=c.scale_max)
                        .map(|v| Choice {
                            value: v,
                            checked: p.scores.get(&c.id) == Some(&v),
                        })
                        .collect(),
                })
                .collect(),
            notes: p.notes.clone(),
        })
        .collect();
    let view = PanelView {
        slug: slug.to_string(),
        open: panel.judging_open,
        scored: panel.scored,
        to_score: panel.to_score,
        entries,
        no_criteria: panel.criteria.is_empty(),
    };
    let mut layout = layout(
        &session,
        "Scoring panel",
        Some(&panel.event),
        Some(&panel.viewer),
    );
    layout.live = Some(panel.event.slug.clone());
    layout.body_class = "judge-panel".into();
    state.templates.page("pages/judge", &layout, &view)
}

/// Reads `score_{criterion}` fields; an empty value clears that score.
fn sheet_from_form(
    project: ProjectId,
    form: &HashMap<String, String>,
) -> Result<ScoreSheet, AppError> {
    let mut scores = Vec::new();
    for (key, value) in form {
        if let Some(id) = key.strip_prefix("score_") {
            let id = id
                .parse()
                .map_err(|_| AppError::BadRequest("Unknown criterion".into()))?;
            let value =
                match value.trim() {
                    "" => None,
                    v => Some(v.parse().map_err(|_| {
                        AppError::BadRequest("A score must be a whole number".into())
                    })?),
                };
            scores.push((id, value));
        }
    }
    Ok(ScoreSheet {
        project,
        scores,
        notes: form.get("notes").cloned(),
    })
}

pub async fn score_form(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let sheet = sheet_from_form(ProjectId(id), &form)?;
    judging::save_scores(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        sheet,
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}/judge#project-{id}")))
}

#[derive(Deserialize)]
pub struct ScoreJson {
    #[serde(default)]
    scores: HashMap<String, Option<i32>>,
    #[serde(default)]
    notes: Option<String>,
}

/// The panel script's endpoint: JSON in, JSON out, CSRF token in a header.
pub async fn score_json(
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    path: web::Path<(String, i64)>,
    body: web::Json<ScoreJson>,
) -> HttpResponse {
    let (slug, id) = path.into_inner();
    let token = req
        .headers()
        .get("X-CSRF-Token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !identity::csrf_matches(&session, token) {
        return HttpResponse::Forbidden()
            .json(serde_json::json!({"message": "This page has expired: reload it"}));
    }
    let body = body.into_inner();
    let mut scores = Vec::new();
    for (criterion, value) in body.scores {
        let Ok(criterion) = criterion.parse::<i64>() else {
            return HttpResponse::UnprocessableEntity()
                .json(serde_json::json!({"message": "Unknown criterion"}));
        };
        scores.push((criterion, value));
    }
    let sheet = ScoreSheet {
        project: ProjectId(id),
        scores,
        notes: body.notes,
    };
    match judging::save_scores(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        sheet,
    )
    .await
    {
        Ok((scored, to_score)) => {
            HttpResponse::Ok().json(serde_json::json!({"scored": scored, "to_score": to_score}))
        }
        Err(e) => {
            let e = AppError::from(e);
            let status = actix_web::ResponseError::status_code(&e);
            HttpResponse::build(status).json(serde_json::json!({"message": e.to_string()}))
        }
    }
}

#[derive(Deserialize)]
pub struct ConflictForm {
    #[serde(default)]
    on: String,
}

pub async fn conflict(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    CheckedForm(f): CheckedForm<ConflictForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    judging::set_conflict(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        ProjectId(id),
        f.on == "1",
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}/judge#project-{id}")))
}
