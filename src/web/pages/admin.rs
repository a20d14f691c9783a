//! `/admin`: the one-time setup, admin sign-in, creating events and
//! appointing their first organiser.

use crate::domain::proposal::Proposal;
use crate::domain::session::Holder;
use crate::domain::text::{Lines, refuse_controls};
use crate::domain::{FieldErrors, PersonName, Role, SecretToken};
use crate::service::{self, ServiceError};
use crate::web::event_forms::{AdminView, Created, NewEventForm, NewEventView, render_admin};
use crate::web::views::{base_url, layout};
use crate::web::visit::redirect;
use crate::web::{AppState, error::AppError, form::CheckedForm, identity};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Default)]
struct SetupView {
    action: String,
    name: String,
    errors: FieldErrors,
}

pub async fn setup_form(
    state: web::Data<AppState>,
    session: Session,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    if !service::admin::setup_link_is_valid(&state.store, SecretToken::from_link(&token)).await? {
        return Err(AppError::Forbidden(
            "This setup link has been used already".into(),
        ));
    }
    let view = SetupView {
        action: format!("/admin/setup/{token}"),
        ..Default::default()
    };
    state.templates.page(
        "pages/admin_setup",
        &layout(&state.store, &session, "Set up hackday", None, None).await,
        &view,
    )
}

#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    name: String,
}

pub async fn setup(
    state: web::Data<AppState>,
    session: Session,
    token: web::Path<String>,
    CheckedForm(form): CheckedForm<NameForm>,
) -> Result<HttpResponse, AppError> {
    let name = match PersonName::parse(&form.name) {
        Ok(name) => name,
        Err(invalid) => {
            let view = SetupView {
                action: format!("/admin/setup/{token}"),
                name: form.name,
                errors: invalid.into(),
            };
            return state.templates.page_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "pages/admin_setup",
                &layout(&state.store, &session, "Set up hackday", None, None).await,
                &view,
            );
        }
    };
    let (admin, link) =
        service::admin::complete_setup(&state.store, SecretToken::from_link(&token), name).await?;
    let started = service::sessions::start(&state.store, Holder::Admin(admin)).await?;
    identity::sign_in_admin(&session, admin, &started);
    identity::remember_link(&session, "_admin", &link);
    Ok(redirect("/admin"))
}

pub async fn sign_in(
    state: web::Data<AppState>,
    session: Session,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = SecretToken::from_link(&token);
    let admin = service::admin::sign_in(&state.store, token.clone()).await?;
    let started = service::sessions::start(&state.store, Holder::Admin(admin)).await?;
    identity::sign_in_admin(&session, admin, &started);
    identity::remember_link(&session, "_admin", &token);
    Ok(redirect("/admin"))
}

pub async fn index(
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    render_admin(&state, &session, &req, AdminView::default(), StatusCode::OK).await
}

/// Creates the event from its template and appoints its first organiser;
/// answers their link.
async fn create_and_appoint(
    state: &AppState,
    req: &HttpRequest,
    claim: service::Claim,
    (proposal, organiser): (Proposal, PersonName),
) -> Result<Created, ServiceError> {
    let slug = service::proposals::create_as_admin(&state.store, claim, proposal).await?;
    let token = service::admin::appoint(
        &state.store,
        &state.live,
        &slug,
        claim,
        organiser.clone(),
        Role::Organiser,
    )
    .await?;
    Ok(Created {
        link: format!("{}/signin/{}", base_url(state, req), token.as_str()),
        slug,
        organiser: organiser.into_inner(),
    })
}

/// The new event's form, parsed; the organiser's name has its own message.
fn parse_new_event(form: &NewEventForm) -> Result<(Proposal, PersonName), FieldErrors> {
    let (event, mut errors) = match Proposal::parse_for_admin(&form.event) {
        Ok(event) => (Some(event), FieldErrors::new()),
        Err(errors) => (None, errors),
    };
    let label = "The first organiser's name";
    let organiser = errors.take(
        refuse_controls("organiser", label, &form.organiser, Lines::One).and_then(|()| {
            PersonName::parse(&form.organiser).map_err(|_| {
                crate::domain::Invalid::new(
                    "organiser",
                    "A name for the first organiser is required (up to 60 characters)",
                )
            })
        }),
    );
    match (event, organiser) {
        (Some(event), Some(organiser)) if errors.is_empty() => Ok((event, organiser)),
        _ => Err(errors),
    }
}

pub async fn create_event(
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    CheckedForm(form): CheckedForm<NewEventForm>,
) -> Result<HttpResponse, AppError> {
    let claim = identity::admin_claim(&session);
    let result = match parse_new_event(&form) {
        Ok(parsed) => create_and_appoint(&state, &req, claim, parsed).await,
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    let (view, status) = match result {
        Ok(created) => (
            AdminView {
                created: Some(created),
                ..Default::default()
            },
            StatusCode::OK,
        ),
        Err(ServiceError::Invalid(errors)) => (
            AdminView {
                new_event: NewEventView {
                    form,
                    errors,
                    ..Default::default()
                },
                ..Default::default()
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => return Err(e.into()),
    };
    render_admin(&state, &session, &req, view, status).await
}
