//! The judges' scoring panel: the running order with each project's
//! criteria (now presenting, the "not scored yet" filter), saving scores
//! from the form (no JavaScript) or from the panel's script (JSON), and
//! declaring conflicts.

use crate::domain::ProjectId;
use crate::domain::ids::CriterionId;
use crate::service::judging::{self, Panel, PanelProject, ScoreSheet};
use crate::web::views::{LinkView, ProjectView, project_view, submission_links};
use crate::web::visit::{IdPath, Visit};
use crate::web::{error::AppError, form::CheckedForm, identity};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::web::{Json, Path, Query};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Serialize)]
struct ScoreChoice {
    value: i32,
    checked: bool,
}

#[derive(Serialize)]
struct CriterionScore {
    id: i64,
    name: String,
    description: String,
    choices: Vec<ScoreChoice>,
}

#[derive(Serialize)]
struct PanelEntry {
    project: ProjectView,
    links: Vec<LinkView>,
    repo_url: Option<String>,
    barred: Option<&'static str>,
    conflict: bool,
    complete: bool,
    presenting: bool,
    /// Hidden by the "not scored yet" filter (the script can show it again).
    filtered_out: bool,
    place: usize,
    criteria: Vec<CriterionScore>,
    notes: String,
}

#[derive(Serialize)]
struct PresentingView {
    id: i64,
    title: String,
}

#[derive(Serialize)]
struct PanelView {
    slug: String,
    open: bool,
    scored: usize,
    to_score: usize,
    unscored: usize,
    only_unscored: bool,
    all_scored_shown: bool,
    presenting: Option<PresentingView>,
    entries: Vec<PanelEntry>,
    no_criteria: bool,
}

#[derive(Deserialize)]
pub struct PanelQuery {
    #[serde(default)]
    show: String,
}

/// The panel; `?show=unscored` hides what is scored (a malformed query is
/// ignored: the whole panel shows).
pub async fn panel(v: Visit, query: Option<Query<PanelQuery>>) -> Result<HttpResponse, AppError> {
    let only_unscored = query.is_some_and(|q| q.show == "unscored");
    let panel = judging::panel(v.store(), &v.slug, v.claim).await?;
    let mut layout = v.layout("Scoring panel", &panel.event, &panel.viewer).await;
    layout.live = Some(panel.event.slug.clone());
    layout.body_class = "judge-panel".into();
    v.render(
        StatusCode::OK,
        "pages/judge",
        &layout,
        &panel_view(&v.slug, &panel, only_unscored),
    )
}

/// One project's card on the panel.
fn panel_entry(panel: &Panel, place: usize, p: &PanelProject, only_unscored: bool) -> PanelEntry {
    PanelEntry {
        place,
        filtered_out: only_unscored && (p.complete || p.barred.is_some()),
        project: project_view(&panel.event, &p.card, None),
        repo_url: p
            .submission
            .as_ref()
            .map(|s| s.repo_url.as_str().to_string()),
        links: p
            .submission
            .as_ref()
            .map(submission_links)
            .unwrap_or_default(),
        barred: p.barred,
        conflict: p.conflict,
        complete: p.complete,
        presenting: panel.now_presenting == Some(p.card.project.id),
        criteria: panel
            .criteria
            .iter()
            .map(|c| CriterionScore {
                id: c.id.0,
                name: c.name.clone(),
                description: c.description.clone(),
                choices: (c.scale_min..=c.scale_max)
                    .map(|v| ScoreChoice {
                        value: v,
                        checked: p.scores.get(&c.id.0) == Some(&v),
                    })
                    .collect(),
            })
            .collect(),
        notes: p.notes.clone(),
    }
}

/// The panel's view model: one entry per project in running order; with
/// `only_unscored`, what the judge has scored (or may not score) is hidden.
fn panel_view(slug: &str, panel: &Panel, only_unscored: bool) -> PanelView {
    let entries: Vec<PanelEntry> = panel
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| panel_entry(panel, i + 1, p, only_unscored))
        .collect();
    let presenting = panel
        .projects
        .iter()
        .find(|p| panel.now_presenting == Some(p.card.project.id))
        .map(|p| PresentingView {
            id: p.card.project.id.0,
            title: p.card.project.title.clone(),
        });
    PanelView {
        slug: slug.to_string(),
        open: panel.judging_open,
        scored: panel.scored,
        to_score: panel.to_score,
        unscored: panel.to_score.saturating_sub(panel.scored),
        only_unscored,
        all_scored_shown: only_unscored
            && !entries.is_empty()
            && entries.iter().all(|e| e.filtered_out),
        presenting,
        entries,
        no_criteria: panel.criteria.is_empty(),
    }
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
                .map(CriterionId)
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
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let sheet = sheet_from_form(ProjectId(path.id), &form)?;
    judging::save_scores(v.store(), v.live(), &v.slug, v.claim, sheet).await?;
    Ok(v.to(&format!("/judge#project-{}", path.id)))
}

#[derive(Deserialize)]
pub struct ScoreJson {
    #[serde(default)]
    scores: HashMap<String, Option<i32>>,
    #[serde(default)]
    notes: Option<String>,
}

/// The panel script's endpoint: JSON in, JSON out, CSRF token in a header.
pub async fn score_json(v: Visit, path: Path<IdPath>, body: Json<ScoreJson>) -> HttpResponse {
    match save_json(&v, ProjectId(path.id), body.into_inner()).await {
        Ok((scored, to_score)) => {
            HttpResponse::Ok().json(serde_json::json!({"scored": scored, "to_score": to_score}))
        }
        Err(e) => e.json_response(),
    }
}

async fn save_json(
    v: &Visit,
    project: ProjectId,
    body: ScoreJson,
) -> Result<(usize, usize), AppError> {
    let token = v
        .req
        .headers()
        .get("X-CSRF-Token")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !identity::csrf_matches(&v.session, token) {
        return Err(AppError::Forbidden(
            "This page has expired: reload it".into(),
        ));
    }
    let mut scores = Vec::new();
    for (criterion, value) in body.scores {
        let criterion = criterion
            .parse::<i64>()
            .map(CriterionId)
            .map_err(|_| AppError::BadRequest("Unknown criterion".into()))?;
        scores.push((criterion, value));
    }
    let sheet = ScoreSheet {
        project,
        scores,
        notes: body.notes,
    };
    Ok(judging::save_scores(v.store(), v.live(), &v.slug, v.claim, sheet).await?)
}

#[derive(Deserialize)]
pub struct ConflictForm {
    #[serde(default)]
    on: String,
}

pub async fn conflict(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(f): CheckedForm<ConflictForm>,
) -> Result<HttpResponse, AppError> {
    judging::set_conflict(
        v.store(),
        v.live(),
        &v.slug,
        v.claim,
        ProjectId(path.id),
        f.on == "1",
    )
    .await?;
    Ok(v.to(&format!("/judge#project-{}", path.id)))
}
