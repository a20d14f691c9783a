//! `/e/{slug}/p/{id}`: a project's page: the pitch, its team, its demo
//! submission (the form for its team and the organisers, with the history
//! of saves), and the organisers' moderation button.

use crate::domain::submission::{LICENCES, SubmissionDraft, SubmissionForm, missing};
use crate::domain::{EventZone, FieldErrors, ProjectId, ProjectStatus};
use crate::service::pitches::{self, ProjectPage, SubmissionView};
use crate::service::{ServiceError, submissions};
use crate::web::render::{Layout, Og};
use crate::web::views::{
    LogRow, ProjectView, SubmittedView, log_row, project_view, submitted_view, when,
};
use crate::web::visit::{IdPath, Visit};
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::web::Path;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct ProjectPageView {
    slug: String,
    project: ProjectView,
    can_edit: bool,
    edit_url: String,
    submission: SubmissionSection,
    /// For organisers: whether the pitch is hidden, and the form to change it.
    can_moderate: bool,
    hidden: bool,
    /// For the pitcher (and organisers): hand the project over to a member.
    hand_over: Option<HandOverView>,
    /// Join and Leave here too (signed in, teams open), as on the board.
    can_join: bool,
    in_a_team: bool,
    /// Where a team change from this page lands: back here.
    back: String,
}

#[derive(Serialize)]
struct HandOverView {
    action: String,
    members: Vec<(i64, String)>,
}

/// The hand-over form, when the viewer pitched this project (or organises)
/// and someone else is in its team.
fn hand_over_view(slug: &str, page: &ProjectPage) -> Option<HandOverView> {
    let p = &page.card.project;
    let allowed = page.viewer.person_id() == Some(p.pitcher_id) || page.viewer.can_organise();
    let members: Vec<(i64, String)> = page
        .card
        .members
        .iter()
        .filter(|m| m.person_id != p.pitcher_id)
        .map(|m| (m.person_id.0, m.name.clone()))
        .collect();
    (allowed && p.status != ProjectStatus::Withdrawn && !members.is_empty()).then(|| HandOverView {
        action: format!("/e/{slug}/p/{}/hand-over", p.id),
        members,
    })
}

pub async fn show(v: Visit, path: Path<IdPath>) -> Result<HttpResponse, AppError> {
    let id = ProjectId(path.id);
    let shared = pitches::shared_project_page(v.models(), v.store(), &v.slug, id, v.claim).await?;
    let Some((page, model)) = shared else {
        return render(&v, id, None).await;
    };
    // The same for everyone who is this person (or anonymous) at this
    // version, reaching this address: rendered once.
    let key = format!(
        "{id}|{:?}|{}|{}",
        page.viewer.person_id(),
        page.viewer.is_admin,
        v.base_url()
    );
    let layout = page_layout(&v, &page).await;
    v.render_shared(&model, &key, layout, "pages/project", || {
        page_view(&v.slug, &page, None)
    })
}

/// The project page from the database; `typed` is a submission form to
/// show again with its messages (status 422) instead of the stored one.
async fn render(
    v: &Visit,
    id: ProjectId,
    typed: Option<(SubmissionForm, FieldErrors)>,
) -> Result<HttpResponse, AppError> {
    let page = pitches::project_page(v.store(), &v.slug, id, v.claim).await?;
    let status = if typed.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let layout = page_layout(v, &page).await;
    v.render(
        status,
        "pages/project",
        &layout,
        &page_view(&v.slug, &page, typed),
    )
}

async fn page_layout(v: &Visit, page: &ProjectPage) -> Layout {
    let project = &page.card.project;
    let mut layout = v.layout(&project.title, &page.event, &page.viewer).await;
    // The team fills and empties live here as on the board.
    layout.live = Some(page.event.slug.clone());
    let description: String = project.problem.chars().take(200).collect();
    layout.og = Some(Og {
        title: format!("{} · {}", project.title, page.event.name),
        description: if description.is_empty() {
            format!("A project at {}", page.event.name)
        } else {
            description
        },
        url: format!("{}/e/{}/p/{}", v.base_url(), v.slug, project.id),
    });
    layout
}

fn page_view(
    slug: &str,
    page: &ProjectPage,
    typed: Option<(SubmissionForm, FieldErrors)>,
) -> ProjectPageView {
    let id = page.card.project.id;
    ProjectPageView {
        slug: slug.to_string(),
        project: project_view(&page.event, &page.card, page.my_team),
        can_edit: page.can_edit,
        edit_url: format!("/e/{slug}/p/{id}/edit"),
        submission: section(slug, id, &page.submission, typed, page.event.zone),
        can_moderate: page.viewer.can_organise(),
        hidden: page.card.project.status == ProjectStatus::Hidden,
        hand_over: hand_over_view(slug, page),
        can_join: page.viewer.person.is_some() && page.event.phase.teams_open(),
        in_a_team: page.my_team.is_some(),
        back: format!("/e/{slug}/p/{id}"),
    }
}

#[derive(Serialize)]
struct LicenceOption {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

/// The submission part of a project page.
#[derive(Serialize)]
struct SubmissionSection {
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

fn section(
    slug: &str,
    id: ProjectId,
    view: &SubmissionView,
    typed: Option<(SubmissionForm, FieldErrors)>,
    zone: EventZone,
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
        submitted: s.map(|s| submitted_view(s, zone)),
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
        history: view
            .history
            .iter()
            .map(|e| log_row(e, false, zone))
            .collect(),
    }
}

pub async fn save(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(form): CheckedForm<SubmissionForm>,
) -> Result<HttpResponse, AppError> {
    let id = ProjectId(path.id);
    let result = match SubmissionDraft::parse(&form) {
        Ok(draft) => submissions::save(v.store(), v.live(), &v.slug, id, v.claim, draft).await,
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    match result {
        Ok(()) => Ok(v.to(&format!("/p/{id}#submission"))),
        // Nothing typed is lost: the form comes back with the input and the message.
        Err(ServiceError::Invalid(errors)) => render(&v, id, Some((form, errors))).await,
        Err(ServiceError::Conflict(message)) => {
            render(&v, id, Some((form, FieldErrors::one("repo_url", message)))).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct HideForm {
    #[serde(default)]
    hidden: String,
}

/// Moderation: an organiser hides the pitch from every list, or shows it.
pub async fn hide(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(form): CheckedForm<HideForm>,
) -> Result<HttpResponse, AppError> {
    let id = ProjectId(path.id);
    pitches::set_hidden(
        v.store(),
        v.live(),
        &v.slug,
        id,
        v.claim,
        form.hidden == "1",
    )
    .await?;
    Ok(v.to(&format!("/p/{id}")))
}
