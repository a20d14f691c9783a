//! Joining and leaving teams with plain form posts (the same actions the
//! live socket offers), and organisers moving people.

use super::people::redirect;
use crate::domain::{PersonId, ProjectId};
use crate::service;
use crate::web::{AppState, error::AppError, form::CheckedForm, identity};
use actix_session::Session;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Back {
    /// Where to return: the event page (default) or the project page.
    #[serde(default)]
    back: String,
}

fn back_to(slug: &str, back: &str) -> String {
    // Only our own paths, never an address from elsewhere.
    if back.starts_with(&format!("/e/{slug}")) && !back.contains("//") {
        back.to_string()
    } else {
        format!("/e/{slug}")
    }
}

pub async fn join(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, i64)>,
    CheckedForm(form): CheckedForm<Back>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    service::teams::join(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        ProjectId(id),
    )
    .await?;
    Ok(redirect(&back_to(&slug, &form.back)))
}

pub async fn leave(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(form): CheckedForm<Back>,
) -> Result<HttpResponse, AppError> {
    service::teams::leave(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
    )
    .await?;
    Ok(redirect(&back_to(&slug, &form.back)))
}

#[derive(Deserialize)]
pub struct MoveForm {
    person: i64,
    /// A project id, or empty to take the person out of every team.
    #[serde(default)]
    to: String,
}

pub async fn organiser_move(
    state: web::Data<AppState>,
    session: Session,
    slug: web::Path<String>,
    CheckedForm(form): CheckedForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let to = match form.to.trim() {
        "" => None,
        id => Some(ProjectId(
            id.parse()
                .map_err(|_| AppError::BadRequest("Pick a team".into()))?,
        )),
    };
    service::teams::organiser_move(
        &state.store,
        &state.live,
        &slug,
        identity::claim(&session, &slug),
        PersonId(form.person),
        to,
    )
    .await?;
    Ok(redirect(&format!("/e/{slug}/organise")))
}
