//! The pitch form: pitching an idea, editing it and withdrawing it.

use crate::domain::{FieldErrors, PitchDraft, ProjectId};
use crate::service::{self, ServiceError};
use crate::web::views::{SkillOption, skill_options, skill_values};
use crate::web::visit::{Empty, IdPath, Visit};
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::web::Path;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Default)]
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
    /// Why pitching is closed for this person, instead of the form.
    closed: Option<String>,
    /// The form: not when pitching is closed, unless they typed something
    /// (a refused post keeps their text to copy).
    show_form: bool,
    #[serde(skip)]
    editing: Option<ProjectId>,
}

impl PitchFormView {
    fn new(slug: &str, editing: Option<ProjectId>, form: PitchForm, errors: FieldErrors) -> Self {
        let (heading, submit) = match editing {
            Some(_) => ("Edit your pitch", "Save changes"),
            None => ("Pitch an idea", "Submit pitch"),
        };
        Self {
            action: match editing {
                Some(id) => format!("/e/{slug}/p/{id}/edit"),
                None => format!("/e/{slug}/pitch"),
            },
            heading,
            submit,
            skills: skill_options(&form.skills),
            title: form.title,
            problem: form.problem,
            errors,
            title_max: crate::domain::Title::MAX_CHARS,
            problem_max: crate::domain::Problem::MAX_CHARS,
            withdraw_url: editing.map(|id| format!("/e/{slug}/p/{id}/withdraw")),
            closed: None,
            show_form: true,
            editing,
        }
    }
}

/// The pitch form for a signed-in person; when pitching is closed for
/// them, the page says so (and keeps what they typed, if they posted).
async fn render_form(
    v: &Visit,
    mut view: PitchFormView,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = service::pitches::event_page(v.models(), v.store(), &v.slug, v.claim).await?;
    page.viewer.require_person().map_err(AppError::from)?;
    if view.editing.is_none() && !page.event.accepts_pitches() && !page.viewer.can_organise() {
        view.closed = Some(format!(
            "Pitching is closed for this event while it is in {}.",
            page.event.phase.label()
        ));
        view.show_form = !view.title.trim().is_empty() || !view.problem.trim().is_empty();
        if !view.show_form {
            view.heading = "Pitching is closed";
        }
    }
    let layout = v.layout(view.heading, &page.event, &page.viewer).await;
    v.render(status, "pages/pitch_form", &layout, &view)
}

pub async fn new_form(v: Visit) -> Result<HttpResponse, AppError> {
    let view = PitchFormView::new(&v.slug, None, PitchForm::default(), FieldErrors::new());
    render_form(&v, view, StatusCode::OK).await
}

/// Where a pitch form post lands: the project on success, or the form
/// again with the messages and everything typed.
async fn after_post<T: std::fmt::Display>(
    v: &Visit,
    editing: Option<ProjectId>,
    form: PitchForm,
    result: Result<T, ServiceError>,
) -> Result<HttpResponse, AppError> {
    let errors = match result {
        Ok(id) => return Ok(v.to(&format!("/p/{id}"))),
        Err(ServiceError::Invalid(errors)) => errors,
        Err(ServiceError::Conflict(message)) => FieldErrors::one("title", message),
        Err(e) => return Err(e.into()),
    };
    let view = PitchFormView::new(&v.slug, editing, form, errors);
    render_form(v, view, StatusCode::UNPROCESSABLE_ENTITY).await
}

pub async fn create(
    v: Visit,
    CheckedForm(form): CheckedForm<PitchForm>,
) -> Result<HttpResponse, AppError> {
    let result = match PitchDraft::parse(&form.title, &form.problem, &form.skills) {
        Ok(draft) => service::pitches::submit(v.store(), v.live(), &v.slug, v.claim, draft).await,
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    after_post(&v, None, form, result).await
}

pub async fn edit_form(v: Visit, path: Path<IdPath>) -> Result<HttpResponse, AppError> {
    let id = ProjectId(path.id);
    let (_, project) = service::pitches::for_editing(v.store(), &v.slug, id, v.claim).await?;
    let form = PitchForm {
        skills: skill_values(project.skills_needed),
        title: project.title,
        problem: project.problem,
    };
    let view = PitchFormView::new(&v.slug, Some(id), form, FieldErrors::new());
    render_form(&v, view, StatusCode::OK).await
}

pub async fn update(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(form): CheckedForm<PitchForm>,
) -> Result<HttpResponse, AppError> {
    let id = ProjectId(path.id);
    let result = match PitchDraft::parse(&form.title, &form.problem, &form.skills) {
        Ok(draft) => service::pitches::edit(v.store(), v.live(), &v.slug, id, v.claim, draft)
            .await
            .map(|()| id),
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    after_post(&v, Some(id), form, result).await
}

pub async fn withdraw(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    service::pitches::withdraw(v.store(), v.live(), &v.slug, ProjectId(path.id), v.claim).await?;
    Ok(v.to(""))
}
