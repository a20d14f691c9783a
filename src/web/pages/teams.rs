//! Joining and leaving teams with plain form posts (the same actions the
//! live socket offers), and organisers moving people.

use crate::domain::{PersonId, ProjectId};
use crate::service::{self, ServiceError, ServiceResult};
use crate::web::error::AppError;
use crate::web::form::{CheckedForm, chosen_team};
use crate::web::visit::{IdPath, Visit};
use actix_web::HttpResponse;
use actix_web::web::Path;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Back {
    /// Where to return: the event page (default) or the project page.
    #[serde(default)]
    back: String,
}

/// The page to return to: the one the form came from, if it is a page of
/// this event (never an address from elsewhere), else the event page.
fn back_path(slug: &str, back: &str) -> String {
    match back.strip_prefix(&format!("/e/{slug}")) {
        Some(rest) if !back.contains("//") => rest.to_string(),
        _ => String::new(),
    }
}

/// Where a team change lands: back where the person was, with why it was
/// refused when it was (a full team, teams locked).
fn landing(v: &Visit, back: &str, result: ServiceResult<i64>) -> Result<HttpResponse, AppError> {
    let path = back_path(&v.slug, back);
    match result {
        Ok(_) => Ok(v.to(&path)),
        // Refused by the rules of the moment (a full team, teams locked):
        // back where they were. Refused for their role: the error page.
        Err(ServiceError::Conflict(message)) => Ok(v.back_with(&path, &message)),
        Err(e) => Err(e.into()),
    }
}

pub async fn join(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(form): CheckedForm<Back>,
) -> Result<HttpResponse, AppError> {
    let result =
        service::teams::join(v.store(), v.live(), &v.slug, v.claim, ProjectId(path.id)).await;
    landing(&v, &form.back, result)
}

pub async fn leave(
    v: Visit,
    CheckedForm(form): CheckedForm<Back>,
) -> Result<HttpResponse, AppError> {
    let result = service::teams::leave(v.store(), v.live(), &v.slug, v.claim).await;
    landing(&v, &form.back, result)
}

#[derive(Deserialize)]
pub struct MoveForm {
    person: i64,
    /// A project id, or empty to take the person out of every team.
    #[serde(default)]
    to: String,
}

pub async fn organiser_move(
    v: Visit,
    CheckedForm(form): CheckedForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let to = chosen_team(&form.to)?;
    let result = service::teams::organiser_move(
        v.store(),
        v.live(),
        &v.slug,
        v.claim,
        PersonId(form.person),
        to,
    )
    .await;
    let console = format!("/e/{}/organise", v.slug);
    landing(&v, &console, result)
}

#[derive(Deserialize)]
pub struct HandOverForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    back: String,
}

/// The pitcher hands the project over to another member of its team.
pub async fn hand_over(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(form): CheckedForm<HandOverForm>,
) -> Result<HttpResponse, AppError> {
    let project = ProjectId(path.id);
    let back = if form.back.is_empty() {
        format!("/e/{}/p/{project}", v.slug)
    } else {
        form.back
    };
    let Ok(to) = form.to.trim().parse() else {
        return Ok(v.back_with(&back_path(&v.slug, &back), "Pick a member of the team"));
    };
    let result =
        service::teams::hand_over(v.store(), v.live(), &v.slug, v.claim, project, PersonId(to))
            .await;
    landing(&v, &back, result)
}
