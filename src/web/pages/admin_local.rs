//! `/admin`'s local organiser sections: inviting a local organiser and
//! approving or declining the events they propose.

use crate::domain::text::{Lines, refuse_controls};
use crate::domain::{FieldErrors, PersonName};
use crate::service::{self, ServiceError, proposals::Review};
use crate::web::event_forms::{AdminView, InviteView, render_admin};
use crate::web::views::base_url;
use crate::web::{AppState, error::AppError, form::CheckedForm, identity};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
}

fn parse_invite(form: &InviteForm) -> Result<(PersonName, Option<String>), FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = errors.take(
        refuse_controls("name", "The name", &form.name, Lines::One)
            .and_then(|()| PersonName::parse(&form.name)),
    );
    let email = errors.take(service::proposals::parse_email(&form.email));
    match (name, email) {
        (Some(name), Some(email)) if errors.is_empty() => Ok((name, email)),
        _ => Err(errors),
    }
}

/// Invites a local organiser and shows their personal link once.
pub async fn invite(
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    CheckedForm(form): CheckedForm<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let claim = identity::admin_claim(&session);
    let result = match parse_invite(&form) {
        Ok((name, email)) => {
            let shown = name.as_str().to_string();
            service::proposals::invite(&state.store, claim, name, email)
                .await
                .map(|token| (shown, token))
        }
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    let (invite, status) = match result {
        Ok((name, token)) => {
            let link = format!("{}/local/signin/{}", base_url(&state, &req), token.as_str());
            let invited = Some((name, link));
            (
                InviteView {
                    invited,
                    ..Default::default()
                },
                StatusCode::OK,
            )
        }
        Err(ServiceError::Invalid(errors)) => (
            InviteView {
                name: form.name,
                email: form.email,
                errors,
                invited: None,
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => return Err(e.into()),
    };
    let view = AdminView {
        invite,
        ..Default::default()
    };
    render_admin(&state, &session, &req, view, status).await
}

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
}

/// Approves or declines a proposed event, with a note for its proposer.
pub async fn review(
    state: web::Data<AppState>,
    session: Session,
    req: HttpRequest,
    slug: web::Path<String>,
    CheckedForm(form): CheckedForm<ReviewForm>,
) -> Result<HttpResponse, AppError> {
    let claim = identity::admin_claim(&session);
    let slug = slug.into_inner();
    let result = match Review::parse(&form.decision, &form.note) {
        Ok(review) => service::proposals::review(&state.store, claim, slug.clone(), review).await,
        Err(errors) => Err(ServiceError::Invalid(errors)),
    };
    let message = match result {
        Ok(()) => return Ok(crate::web::visit::redirect("/admin")),
        Err(ServiceError::Invalid(errors)) => errors
            .messages()
            .map(|(_, m)| m.to_string())
            .collect::<Vec<_>>()
            .join(" "),
        Err(ServiceError::Conflict(message)) => message,
        Err(e) => return Err(e.into()),
    };
    let view = AdminView {
        review_error: Some((slug, message)),
        ..Default::default()
    };
    render_admin(
        &state,
        &session,
        &req,
        view,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}
