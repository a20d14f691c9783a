//! Pitches: the form to pitch an idea, a project's page, editing and
//! withdrawing.

use super::people::{Empty, redirect};
use super::views::{ProjectView, SkillOption, layout, project_view, skill_options, skill_values};
use crate::domain::submission::SubmissionForm;
use crate::domain::{FieldErrors, PitchDraft, ProjectId};
use crate::service::{self, ServiceError};
use crate::web::render::Og;
use crate::web::{AppState, error::AppError, form::CheckedForm, identity};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct PitchForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    problem: String,
    #[serde(default)]
    skills: Vec<String>,
}

#[derive(Serialize)]
struct PitchFormView {
    action: String,
    heading: &'static str,
    submit: &'static str,
    title: String,
    problem: String,
    skills: Vec<SkillOption>,
    errors: FieldErrors,
    title_max: usize,
    problem_max: usize,
    withdraw_url: Option<String>,
}

impl PitchFormView {
    fn new(
        slug: &str,
        editing: Option<ProjectId>,
        title: String,
        problem: String,
        skills: &[String],
        errors: FieldErrors,
    ) -> Self {
        Self {
            action: match editing {
                Some(id) => format!("/e/{slug}/p/{id}/edit"),
                None => format!("/e/{slug}/pitch"),
            },
            heading: if editing.is_some() {
                "Edit your pitch"
            } else {
                "Pitch an idea"
            },
            submit: if editing.is_some() {
                "Save changes"
            } else {
                "Submit pitch"
            },
            title,
            problem,
            skills: skill_options(skills),
            errors,
            title_max: crate::domain::Title::MAX_CHARS,
            problem_max: crate::domain::Problem::MAX_CHARS,
            withdraw_url: editing.map(|id| format!("/e/{slug}/p/{id}/withdraw")),
        }
    }
}

async fn render_form(
    state: &AppState,
    session: &Session,
    slug: &str,
    view: PitchFormView,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page =
        service::pitches::event_page(&state.store, slug, identity::claim(session, slug)).await?;
    page.viewer.require_person().map_err(AppError::from)?;
    let layout = layout(session, view.heading, Some(&page.event), Some(&page.viewer));
    state
        .templates
        .page_with_status(status, "pages/pitch_form", &layout, &view)
}

pub async fn new_form(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let view = PitchFormView::new(
        &slug,
        None,
        String::new(),
        String::new(),
        &[],
        FieldErrors::new(),
    );
    render_form(&state, &session, &slug, view, StatusCode::OK).await
}

pub async fn create(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(form): CheckedForm<PitchForm>,
) -> Result<HttpResponse, AppError> {
    let result = match PitchDraft::parse(&form.title, &form.problem, &form.skills) {
        Ok(draft) => {
            service::pitches::submit(
                &state.store,
                &state.live,
                &slug,
                identity::claim(&session, &slug),
                draft,
            )
            .await
        }
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    match result {
        Ok(id) => Ok(redirect(&format!("/e/{slug}/p/{id}"))),
        Err(ServiceError::Invalid(errors)) => {
            let view =
                PitchFormView::new(&slug, None, form.title, form.problem, &form.skills, errors);
            render_form(
                &state,
                &session,
                &slug,
                view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Serialize)]
struct ProjectPageView {
    slug: String,
    project: ProjectView,
    can_edit: bool,
    edit_url: String,
    submission: super::submissions::SubmissionSection,
    /// For organisers: whether the pitch is hidden, and the form to change it.
    can_moderate: bool,
    hidden: bool,
}

pub async fn show(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    render_project(&state, &session, &req, &slug, id, None).await
}

/// The project page; `typed` is a submission form to show again with its
/// messages (status 422) instead of the stored one.
pub async fn render_project(
    state: &AppState,
    session: &Session,
    req: &HttpRequest,
    slug: &str,
    id: i64,
    typed: Option<(SubmissionForm, FieldErrors)>,
) -> Result<HttpResponse, AppError> {
    let page = service::pitches::project_page(
        &state.store,
        slug,
        ProjectId(id),
        identity::claim(session, slug),
    )
    .await?;
    let status = if typed.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let view = ProjectPageView {
        slug: slug.to_string(),
        project: project_view(&page.event, &page.card, page.my_team),
        can_edit: page.can_edit,
        edit_url: format!("/e/{slug}/p/{id}/edit"),
        submission: super::submissions::section(slug, ProjectId(id), &page.submission, typed),
        can_moderate: page.viewer.can_organise(),
        hidden: page.card.project.status == crate::domain::ProjectStatus::Hidden,
    };
    let mut layout = layout(
        session,
        &page.card.project.title,
        Some(&page.event),
        Some(&page.viewer),
    );
    let description: String = page.card.project.problem.chars().take(200).collect();
    layout.og = Some(Og {
        title: format!("{} · {}", page.card.project.title, page.event.name),
        description: if description.is_empty() {
            format!("A project at {}", page.event.name)
        } else {
            description
        },
        url: format!("{}/e/{slug}/p/{id}", super::views::base_url(state, req)),
    });
    state
        .templates
        .page_with_status(status, "pages/project", &layout, &view)
}

pub async fn edit_form(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let (_, project) = service::pitches::for_editing(
        &state.store,
        &slug,
        ProjectId(id),
        identity::claim(&session, &slug),
    )
    .await?;
    let skills = skill_values(project.skills_needed);
    let view = PitchFormView::new(
        &slug,
        Some(project.id),
        project.title,
        project.problem,
        &skills,
        FieldErrors::new(),
    );
    render_form(&state, &session, &slug, view, StatusCode::OK).await
}

pub async fn update(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    CheckedForm(form): CheckedForm<PitchForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let claim = identity::claim(&session, &slug);
    let result = match PitchDraft::parse(&form.title, &form.problem, &form.skills) {
        Ok(draft) => {
            service::pitches::edit(
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
        Ok(()) => Ok(redirect(&format!("/e/{slug}/p/{id}"))),
        Err(ServiceError::Invalid(errors)) => {
            let view = PitchFormView::new(
                &slug,
                Some(ProjectId(id)),
                form.title,
                form.problem,
                &form.skills,
                errors,
            );
            render_form(
                &state,
                &session,
                &slug,
                view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn withdraw(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    service::pitches::withdraw(
        &state.store,
        &state.live,
        &slug,
        ProjectId(id),
        identity::claim(&session, &slug),
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}")))
}

#[derive(Deserialize)]
pub struct HideForm {
    #[serde(default)]
    hidden: String,
}

pub async fn hide(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    CheckedForm(form): CheckedForm<HideForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let claim = identity::claim(&session, &slug);
    service::pitches::set_hidden(
        &state.store,
        &state.live,
        &slug,
        ProjectId(id),
        claim,
        form.hidden == "1",
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}/p/{id}")))
}
