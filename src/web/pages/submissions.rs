//! The demo submission form (on the project page), the running order
//! console, the public archive and the exports.

use super::people::redirect;
use super::views::{LogRow, ProjectView, layout, log_row, project_view, when};
use crate::domain::running_order::Step as Presenting;
use crate::domain::submission::{
    LICENCES, SubmissionDraft, SubmissionForm, licence_label, missing,
};
use crate::domain::{FieldErrors, ProjectCard, ProjectId};
use crate::service::ServiceError;
use crate::service::pitches::SubmissionView;
use crate::service::submissions::{self as subs, OrderChange};
use crate::store::submissions::Submission;
use crate::web::{AppState, error::AppError, form::CheckedForm, identity};
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
pub struct LinkView {
    pub label: &'static str,
    pub url: String,
}

/// A submission as pages show it.
#[derive(Serialize)]
pub struct SubmittedView {
    pub repo_url: String,
    pub forge: Option<String>,
    pub links: Vec<LinkView>,
    pub built: String,
    pub licence: &'static str,
    pub keep_working: bool,
    pub late: bool,
    pub updated: String,
}

pub fn submitted_view(s: &Submission) -> SubmittedView {
    let mut links = Vec::new();
    for (label, link) in [
        ("Live demo", &s.demo_url),
        ("Slides", &s.slides_url),
        ("Video", &s.video_url),
    ] {
        if let Some(link) = link {
            links.push(LinkView {
                label,
                url: link.as_str().to_string(),
            });
        }
    }
    SubmittedView {
        repo_url: s.repo_url.as_str().to_string(),
        forge: s.forge.clone(),
        links,
        built: s.built.clone(),
        licence: licence_label(&s.licence),
        keep_working: s.keep_working,
        late: s.late,
        updated: when(s.updated_at),
    }
}

#[derive(Serialize)]
pub struct LicenceOption {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

/// The submission part of a project page.
#[derive(Serialize)]
pub struct SubmissionSection {
    pub submitted: Option<SubmittedView>,
    pub can_submit: bool,
    pub action: String,
    pub form: SubmissionForm,
    pub licences: Vec<LicenceOption>,
    pub errors: FieldErrors,
    pub checklist: Vec<&'static str>,
    pub deadline: Option<String>,
    pub history: Vec<LogRow>,
}

pub fn section(
    slug: &str,
    id: ProjectId,
    view: &SubmissionView,
    typed: Option<(SubmissionForm, FieldErrors)>,
) -> SubmissionSection {
    let s = view.submission.as_ref();
    let opt = |l: &Option<crate::domain::submission::Link>| {
        l.as_ref()
            .map(|l| l.as_str().to_string())
            .unwrap_or_default()
    };
    let (form, errors) = typed.unwrap_or_else(|| {
        let form = match s {
            Some(s) => SubmissionForm {
                repo_url: s.repo_url.as_str().to_string(),
                demo_url: opt(&s.demo_url),
                slides_url: opt(&s.slides_url),
                video_url: opt(&s.video_url),
                built: s.built.clone(),
                licence: s.licence.clone(),
                keep_working: s.keep_working.then(|| "on".into()),
            },
            None => SubmissionForm::default(),
        };
        (form, FieldErrors::new())
    });
    let chosen = if form.licence.is_empty() {
        "none-yet"
    } else {
        form.licence.as_str()
    };
    SubmissionSection {
        submitted: s.map(submitted_view),
        can_submit: view.can_submit,
        action: format!("/e/{slug}/p/{id}/submission"),
        licences: LICENCES
            .iter()
            .map(|(v, l)| LicenceOption {
                value: v,
                label: l,
                selected: *v == chosen,
            })
            .collect(),
        checklist: missing(
            s.is_some(),
            s.map(|s| s.built.as_str()).unwrap_or(""),
            s.map(|s| s.licence.as_str()).unwrap_or("none-yet"),
            s.is_some_and(|s| {
                s.demo_url.is_some() || s.slides_url.is_some() || s.video_url.is_some()
            }),
        ),
        form,
        errors,
        deadline: view.deadline.map(when),
        history: view.history.iter().map(|e| log_row(e, false)).collect(),
    }
}

pub async fn save(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    req: HttpRequest,
    CheckedForm(form): CheckedForm<SubmissionForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let claim = identity::claim(&session, &slug);
    let result = match SubmissionDraft::parse(&form) {
        Ok(draft) => {
            subs::save(
                &state.store,
                &state.live,
                &slug,
                ProjectId(id),
                claim,
                draft,
            )
            .await
        }
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    match result {
        Ok(()) => Ok(redirect(&format!("/e/{slug}/p/{id}#submission"))),
        // Nothing typed is lost: the form comes back with the input and the message.
        Err(ServiceError::Invalid(errors)) => {
            super::pitch::render_project(&state, &session, &req, &slug, id, Some((form, errors)))
                .await
        }
        Err(ServiceError::Conflict(message)) => {
            super::pitch::render_project(
                &state,
                &session,
                &req,
                &slug,
                id,
                Some((form, FieldErrors::one("repo_url", message))),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Serialize)]
struct OrderRow {
    place: usize,
    project: ProjectView,
    submitted: bool,
    presenting: bool,
}

#[derive(Serialize)]
struct OrderView {
    slug: String,
    rows: Vec<OrderRow>,
    now: Option<String>,
    next: Option<String>,
}

pub async fn order_page(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let page = subs::order_page(&state.store, &slug, identity::claim(&session, &slug)).await?;
    let at = page
        .now_presenting
        .and_then(|n| page.teams.iter().position(|c| c.project.id == n));
    let title = |i: usize| {
        page.teams
            .get(i)
            .map(|c: &ProjectCard| c.project.title.clone())
    };
    let view = OrderView {
        slug: slug.to_string(),
        now: at.and_then(title),
        next: match at {
            Some(i) => title(i + 1),
            None => title(0),
        },
        rows: page
            .teams
            .iter()
            .enumerate()
            .map(|(i, c)| OrderRow {
                place: i + 1,
                project: project_view(&page.event, c, None),
                submitted: c.submitted,
                presenting: Some(c.project.id) == page.now_presenting,
            })
            .collect(),
    };
    let mut layout = layout(
        &session,
        "Running order",
        Some(&page.event),
        Some(&page.viewer),
    );
    layout.live = Some(page.event.slug.clone());
    layout.body_class = "organise-order".into();
    state.templates.page("pages/order", &layout, &view)
}

#[derive(Deserialize)]
pub struct OrderForm {
    op: String,
    #[serde(default)]
    project: Option<i64>,
}

pub async fn change_order(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(form): CheckedForm<OrderForm>,
) -> Result<HttpResponse, AppError> {
    let project = || {
        form.project
            .map(ProjectId)
            .ok_or_else(|| AppError::BadRequest("Pick a team".into()))
    };
    let op = match form.op.as_str() {
        "up" => OrderChange::Up(project()?),
        "down" => OrderChange::Down(project()?),
        "shuffle" => OrderChange::Shuffle,
        _ => {
            return Err(AppError::BadRequest(
                "Unknown change to the running order".into(),
            ));
        }
    };
    subs::change_order(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        op,
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}/organise/order")))
}

pub async fn present(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(form): CheckedForm<OrderForm>,
) -> Result<HttpResponse, AppError> {
    let op = match form.op.as_str() {
        "next" => Presenting::Next,
        "previous" => Presenting::Previous,
        "stop" => Presenting::Stop,
        "project" => Presenting::Project(
            form.project
                .map(ProjectId)
                .ok_or_else(|| AppError::BadRequest("Pick a team".into()))?,
        ),
        _ => return Err(AppError::BadRequest("Unknown presentation step".into())),
    };
    subs::present(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        op,
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}/organise/order")))
}

#[derive(Serialize)]
struct ArchiveEntry {
    project: ProjectView,
    submission: Option<SubmittedView>,
    prizes: Vec<String>,
}

#[derive(Serialize)]
struct ArchiveView {
    name: String,
    entries: Vec<ArchiveEntry>,
    submitted: usize,
}

pub async fn archive(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let archive = subs::archive(&state.store, &slug, identity::claim(&session, &slug)).await?;
    let entries: Vec<ArchiveEntry> = archive
        .projects
        .iter()
        .map(|(card, sub)| ArchiveEntry {
            project: project_view(&archive.event, card, None),
            submission: sub.as_ref().map(submitted_view),
            prizes: archive
                .prizes
                .get(&card.project.id.0)
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    let view = ArchiveView {
        name: archive.event.name.clone(),
        submitted: entries.iter().filter(|e| e.submission.is_some()).count(),
        entries,
    };
    let layout = layout(
        &session,
        &format!("Projects of {}", archive.event.name),
        Some(&archive.event),
        Some(&archive.viewer),
    );
    state.templates.page("pages/archive", &layout, &view)
}
