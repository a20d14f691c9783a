//! Signing up to an event, personal sign-in links, and signing out.

use super::event::{self, SignUpView};
use super::views::{layout, skill_options};
use crate::domain::session::Holder;
use crate::domain::{FieldErrors, PersonName, SecretToken, SkillSet};
use crate::service::{self, ServiceError, people::SignUp};
use crate::web::{AppState, error::AppError, form::CheckedForm, identity};
use actix_session::Session;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to))
        .finish()
}

#[derive(Deserialize)]
pub struct SignUpForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    skills: Vec<String>,
    #[serde(default)]
    join_code: String,
}

pub async fn sign_up(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(form): CheckedForm<SignUpForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let name = errors.take(PersonName::parse(&form.name));
    let skills = errors.take(SkillSet::parse_choices("skills", &form.skills, true));
    let result = match (name, skills) {
        (Some(name), Some(skills)) if errors.is_empty() => {
            let signup = SignUp {
                name,
                skills,
                join_code: form.join_code.clone(),
            };
            service::people::sign_up(
                &state.store,
                &slug,
                identity::claim(&session, &slug),
                signup,
            )
            .await
        }
        _ => Err(ServiceError::Invalid(errors)),
    };
    match result {
        Ok(done) => {
            let started =
                service::sessions::start(&state.store, Holder::Person(done.person.id)).await?;
            identity::sign_in(&session, &slug, done.person.id, &started, &done.token);
            Ok(redirect(&format!("/e/{slug}/me?welcome=1")))
        }
        Err(ServiceError::Invalid(errors)) => {
            let view = SignUpView {
                name: form.name,
                skills: skill_options(&form.skills),
                errors,
                general_error: None,
            };
            event::render(
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
struct MeView {
    slug: String,
    name: String,
    role: String,
    skills: Vec<&'static str>,
    link: Option<String>,
    welcome: bool,
}

#[derive(Deserialize)]
pub struct MeQuery {
    welcome: Option<String>,
}

pub async fn me(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    query: web::Query<MeQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let page =
        service::pitches::event_page(&state.store, &slug, identity::claim(&session, &slug)).await?;
    let person = page.viewer.require_person().map_err(AppError::from)?;
    let base = super::views::base_url(&state, &req);
    let view = MeView {
        slug: slug.to_string(),
        name: person.name.clone(),
        role: person.role.as_str().to_string(),
        skills: super::views::skill_labels(person.skills),
        link: identity::link(&session, &slug).map(|t| format!("{base}/signin/{t}")),
        welcome: query.welcome.is_some(),
    };
    let layout = layout(
        &session,
        "Your place at the event",
        Some(&page.event),
        Some(&page.viewer),
    );
    state.templates.page("pages/me", &layout, &view)
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn new_link(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let token =
        service::people::new_link(&state.store, &slug, identity::claim(&session, &slug)).await?;
    identity::remember_link(&session, &slug, &token);
    Ok(redirect(&format!("/e/{slug}/me")))
}

pub async fn sign_in_with_link(
    state: web::Data<AppState>,
    session: Session,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = SecretToken::from_link(&token);
    let (person, slug) = service::people::sign_in_with_link(&state.store, token.clone()).await?;
    let started = service::sessions::start(&state.store, Holder::Person(person.id)).await?;
    identity::sign_in(&session, &slug, person.id, &started, &token);
    let to = if person.role.can_organise() {
        format!("/e/{slug}/organise")
    } else if person.role.can_judge() {
        format!("/e/{slug}/judge")
    } else {
        format!("/e/{slug}")
    };
    Ok(redirect(&to))
}

/// Ends every session this browser holds, on the server (so a copy of the
/// cookie stops working too), then forgets them.
pub async fn sign_out(
    state: web::Data<AppState>,
    session: Session,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    service::sessions::end(&state.store, identity::held_sessions(&session)).await?;
    identity::sign_out(&session);
    Ok(redirect("/"))
}
