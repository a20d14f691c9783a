//! `/local`: a local organiser's own page (sign in by link or password,
//! propose an event from a template, see each proposal's status and the
//! admin's note, set a password) and entering an approved event to run it.

use crate::domain::proposal::{Approval, Proposal, ProposalForm};
use crate::domain::session::Holder;
use crate::domain::umbrella::Standing;
use crate::domain::{Event, Invalid};
use crate::domain::{FieldErrors, SecretToken};
use crate::service::proposals::Password;
use crate::service::{self, ServiceError};
use crate::web::event_forms::{NewEventForm, NewEventView, template_options};
use crate::web::views::{layout, when_in};
use crate::web::visit::redirect;
use crate::web::{AppState, error::AppError, form::CheckedForm, identity};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub async fn sign_in_with_link(
    state: web::Data<AppState>,
    session: Session,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id =
        service::proposals::sign_in_with_link(&state.store, SecretToken::from_link(&token)).await?;
    let started = service::sessions::start(&state.store, Holder::Local(id)).await?;
    identity::sign_in_local(&session, id, &started);
    Ok(redirect("/local"))
}

#[derive(Serialize, Deserialize, Default)]
pub struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default, skip_serializing)]
    password: String,
    #[serde(skip_deserializing)]
    error: Option<String>,
}

async fn login_page(
    state: &AppState,
    session: &Session,
    form: &LoginForm,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let layout = layout(&state.store, session, "Local organiser sign-in", None, None).await;
    state
        .templates
        .page_with_status(status, "pages/local_login", &layout, form)
}

pub async fn login_form(
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    login_page(&state, &session, &LoginForm::default(), StatusCode::OK).await
}

/// Signs in by name or email and password (rate limited as a sign-in).
pub async fn login(
    state: web::Data<AppState>,
    session: Session,
    CheckedForm(form): CheckedForm<LoginForm>,
) -> Result<HttpResponse, AppError> {
    match service::proposals::sign_in_with_password(
        &state.store,
        form.login.clone(),
        form.password.clone(),
    )
    .await
    {
        Ok(id) => {
            let started = service::sessions::start(&state.store, Holder::Local(id)).await?;
            identity::sign_in_local(&session, id, &started);
            Ok(redirect("/local"))
        }
        Err(ServiceError::Forbidden(message)) => {
            let form = LoginForm {
                error: Some(message),
                ..form
            };
            login_page(&state, &session, &form, StatusCode::FORBIDDEN).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Serialize)]
struct ProposalRow {
    slug: String,
    name: String,
    when: Option<String>,
    zone: &'static str,
    /// Waiting, declined, or (once approved) live now, coming up or closed.
    status: &'static str,
    /// Approved: the button that signs the organiser into its console,
    /// "Run this event", or "Open its console" once closed (its results,
    /// scores and downloads, or going back a phase, are still there).
    enter_button: Option<&'static str>,
    declined: bool,
    /// The public archive of its projects, once it has closed.
    archive_url: Option<String>,
    note: String,
}

/// A proposal as its proposer sees it: its approval until it is approved,
/// then where the event stands now.
fn proposal_row(e: &Event, now: DateTime<Utc>) -> ProposalRow {
    let standing = (e.approval == Approval::Approved).then(|| Standing::of(e, now));
    ProposalRow {
        slug: e.slug.clone(),
        name: e.name.clone(),
        when: e.starts_at.map(|at| when_in(at, e.zone)),
        zone: e.zone.name(),
        status: standing.map_or(e.approval.label(), Standing::label),
        enter_button: standing.map(|s| match s {
            Standing::Closed => "Open its console",
            _ => "Run this event",
        }),
        declined: e.approval == Approval::Declined,
        archive_url: (standing == Some(Standing::Closed))
            .then(|| format!("/e/{}/projects", e.slug)),
        note: e.review_note.clone(),
    }
}

#[derive(Serialize, Default)]
struct LocalView {
    name: String,
    has_password: bool,
    proposals: Vec<ProposalRow>,
    new_event: NewEventView,
    password_error: Option<String>,
    notice: Option<String>,
}

async fn render(
    state: &AppState,
    session: &Session,
    mut view: LocalView,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = service::proposals::local_page(&state.store, identity::local_claim(session)).await?;
    view.name = page.me.name.clone();
    view.has_password = page.me.has_password;
    let now = Utc::now();
    view.proposals = page
        .proposals
        .iter()
        .map(|e| proposal_row(e, now))
        .collect();
    view.new_event.templates =
        template_options(&page.templates, &view.new_event.form.event.template);
    state.templates.page_with_status(
        status,
        "pages/local",
        &layout(&state.store, session, "Your events", None, None).await,
        &view,
    )
}

pub async fn index(state: web::Data<AppState>, session: Session) -> Result<HttpResponse, AppError> {
    render(&state, &session, LocalView::default(), StatusCode::OK).await
}

/// Proposes an event; it waits for an admin's approval.
pub async fn propose(
    state: web::Data<AppState>,
    session: Session,
    CheckedForm(form): CheckedForm<ProposalForm>,
) -> Result<HttpResponse, AppError> {
    let claim = identity::local_claim(&session);
    let result = match Proposal::parse(&form) {
        Ok(proposal) => service::proposals::propose(&state.store, claim, proposal).await,
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    match result {
        Ok(_) => {
            let notice = Some("Your event is proposed. An admin will approve or decline it; its status shows here.".into());
            render(
                &state,
                &session,
                LocalView {
                    notice,
                    ..Default::default()
                },
                StatusCode::OK,
            )
            .await
        }
        Err(ServiceError::Invalid(errors)) => {
            let new_event = NewEventView {
                form: NewEventForm {
                    event: form,
                    organiser: String::new(),
                },
                errors,
                templates: vec![],
            };
            let view = LocalView {
                new_event,
                ..Default::default()
            };
            render(&state, &session, view, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
}

pub async fn set_password(
    state: web::Data<AppState>,
    session: Session,
    CheckedForm(form): CheckedForm<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let result = match Password::parse(&form.password) {
        Ok(password) => {
            service::proposals::set_password(
                &state.store,
                identity::local_claim(&session),
                password,
            )
            .await
        }
        Err(Invalid { field, message }) => {
            Err(ServiceError::Invalid(FieldErrors::one(field, message)))
        }
    };
    let (view, status) = match result {
        Ok(()) => (
            LocalView {
                notice: Some("Your password is set.".into()),
                ..Default::default()
            },
            StatusCode::OK,
        ),
        Err(ServiceError::Invalid(errors)) => {
            let password_error = errors.get("password").map(str::to_string);
            (
                LocalView {
                    password_error,
                    ..Default::default()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => return Err(e.into()),
    };
    render(&state, &session, view, status).await
}

/// Signs the local organiser in as the organiser of an event they run.
pub async fn enter(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(_): CheckedForm<crate::web::visit::Empty>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let person =
        service::proposals::enter(&state.store, identity::local_claim(&session), slug.clone())
            .await?;
    let started = service::sessions::start(&state.store, Holder::Person(person)).await?;
    identity::sign_in_without_link(&session, &slug, person, &started);
    Ok(redirect(&format!("/e/{slug}/organise")))
}
