//! `/admin`: the one-time setup, admin sign-in, creating events and
//! appointing their first organiser.

use crate::domain::session::Holder;
use crate::domain::text::{Lines, refuse_controls};
use crate::domain::{EventName, FieldErrors, PersonName, Role, SecretToken, Slug};
use crate::service::{self, ServiceError};
use crate::web::views::{EventSummary, base_url, layout};
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
        &layout(&session, "Set up hackday", None, None),
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
                &layout(&session, "Set up hackday", None, None),
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

#[derive(Serialize, Default)]
struct AdminView {
    name: String,
    link: Option<String>,
    events: Vec<EventSummary>,
    slug: String,
    event_name: String,
    organiser: String,
    errors: FieldErrors,
    created: Option<Created>,
}

#[derive(Serialize)]
struct Created {
    slug: String,
    organiser: String,
    link: String,
}

async fn render(
    state: &AppState,
    session: &Session,
    req: &HttpRequest,
    mut view: AdminView,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let claim = identity::admin_claim(session);
    let page = service::admin::admin_page(&state.store, claim).await?;
    view.name = page.name;
    view.events = page.events.iter().map(EventSummary::from).collect();
    view.link = identity::link(session, "_admin")
        .map(|t| format!("{}/admin/signin/{t}", base_url(state, req)));
    state.templates.page_with_status(
        status,
        "pages/admin",
        &layout(session, "Admin", None, None),
        &view,
    )
}

pub async fn index(
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    render(&state, &session, &req, AdminView::default(), StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct NewEventForm {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    organiser: String,
}

/// Creates the event and appoints its first organiser; answers their link.
async fn create_and_appoint(
    state: &AppState,
    req: &HttpRequest,
    claim: service::Claim,
    (slug, name, organiser): (Slug, EventName, PersonName),
) -> Result<Created, ServiceError> {
    let slug = service::admin::create_event(&state.store, claim, slug, name).await?;
    let role = Role::Organiser;
    let token = service::admin::appoint(
        &state.store,
        &state.live,
        &slug,
        claim,
        organiser.clone(),
        role,
    )
    .await?;
    Ok(Created {
        link: format!("{}/signin/{}", base_url(state, req), token.as_str()),
        slug,
        organiser: organiser.into_inner(),
    })
}

/// The new event's form, parsed; the organiser's name has its own message.
fn parse_new_event(form: &NewEventForm) -> Result<(Slug, EventName, PersonName), FieldErrors> {
    let mut errors = FieldErrors::new();
    let slug = errors.take(Slug::parse(&form.slug));
    let name = errors.take(EventName::parse(&form.name));
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
    match (slug, name, organiser) {
        (Some(slug), Some(name), Some(organiser)) if errors.is_empty() => {
            Ok((slug, name, organiser))
        }
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
    match result {
        Ok(created) => {
            render(
                &state,
                &session,
                &req,
                AdminView {
                    created: Some(created),
                    ..Default::default()
                },
                StatusCode::OK,
            )
            .await
        }
        Err(ServiceError::Invalid(errors)) => {
            let view = AdminView {
                slug: form.slug,
                event_name: form.name,
                organiser: form.organiser,
                errors,
                ..Default::default()
            };
            render(
                &state,
                &session,
                &req,
                view,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
