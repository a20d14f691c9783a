//! A person's own page with their personal link, signing in with a link,
//! and signing out. (Signing up is the event page's form.)

use crate::domain::SecretToken;
use crate::domain::session::Holder;
use crate::service;
use crate::web::views::skill_labels;
use crate::web::visit::{Empty, Visit, redirect};
use crate::web::{AppState, error::AppError, form::CheckedForm, identity};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct MeView {
    slug: String,
    name: String,
    role: String,
    skills: Vec<&'static str>,
    link: Option<String>,
    welcome: bool,
    /// The "make a new link?" question, asked before the old one stops working.
    confirming: bool,
}

#[derive(Deserialize)]
pub struct MeQuery {
    welcome: Option<String>,
}

pub async fn me(v: Visit, query: web::Query<MeQuery>) -> Result<HttpResponse, AppError> {
    me_page(&v, query.welcome.is_some(), false).await
}

/// Asks before making a new personal link (it works without JavaScript).
pub async fn confirm_new_link(v: Visit) -> Result<HttpResponse, AppError> {
    me_page(&v, false, true).await
}

/// The person's own page, or the question before a new link.
async fn me_page(v: &Visit, welcome: bool, confirming: bool) -> Result<HttpResponse, AppError> {
    let page = service::pitches::event_page(v.models(), v.store(), &v.slug, v.claim).await?;
    let person = page.viewer.require_person().map_err(AppError::from)?;
    let base = v.base_url();
    let view = MeView {
        slug: v.slug.clone(),
        name: person.name.clone(),
        role: person.role.as_str().to_string(),
        skills: skill_labels(person.skills),
        link: identity::link(&v.session, &v.slug).map(|t| format!("{base}/signin/{t}")),
        welcome,
        confirming,
    };
    let title = if confirming {
        "Make a new link?"
    } else {
        "Your place at the event"
    };
    let layout = v.layout(title, &page.event, &page.viewer).await;
    v.render(StatusCode::OK, "pages/me", &layout, &view)
}

#[derive(Deserialize)]
pub struct NewLinkForm {
    /// "yes" once the person has been told the old link stops working.
    #[serde(default)]
    confirm: String,
}

/// Makes a new personal link once confirmed; without the confirmation
/// (an old form, a stray post) it asks first and changes nothing.
pub async fn new_link(
    v: Visit,
    CheckedForm(form): CheckedForm<NewLinkForm>,
) -> Result<HttpResponse, AppError> {
    if form.confirm != "yes" {
        return me_page(&v, false, true).await;
    }
    let token = service::people::new_link(v.store(), v.live(), &v.slug, v.claim).await?;
    identity::remember_link(&v.session, &v.slug, &token);
    Ok(v.to("/me"))
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
    // What this browser kept for the person (the scoring panel's offline
    // copy and its unsent scores) must not outlive them on a shared device.
    let mut response = redirect("/");
    response.headers_mut().insert(
        actix_web::http::header::HeaderName::from_static("clear-site-data"),
        actix_web::http::header::HeaderValue::from_static("\"cache\", \"storage\""),
    );
    Ok(response)
}
