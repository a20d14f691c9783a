//! `/e/{slug}/organise/announcements`: organisers write a short message
//! for every phone and the projector, see the latest, and clear them.

use crate::domain::FieldErrors;
use crate::domain::text::AnnouncementText;
use crate::service::{self, ServiceError};
use crate::web::views::instant_in;
use crate::web::visit::{Empty, IdPath, Visit};
use crate::web::{error::AppError, form::CheckedForm};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::web::Path;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct AnnouncementRow {
    id: i64,
    text: String,
    when: String,
    shown: bool,
}

#[derive(Serialize)]
struct AnnouncementsView {
    slug: String,
    message: String,
    max: usize,
    errors: FieldErrors,
    rows: Vec<AnnouncementRow>,
    any_shown: bool,
}

pub async fn page(v: Visit) -> Result<HttpResponse, AppError> {
    render(&v, String::new(), FieldErrors::new(), StatusCode::OK).await
}

async fn render(
    v: &Visit,
    message: String,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let page = service::announcements::page(v.store(), &v.slug, v.claim).await?;
    let layout = v.layout("Announcements", &page.event, &page.viewer).await;
    let rows: Vec<AnnouncementRow> = page
        .latest
        .into_iter()
        .map(|a| AnnouncementRow {
            id: a.id,
            text: a.body,
            when: instant_in(a.created_at, page.event.zone),
            shown: a.cleared_at.is_none(),
        })
        .collect();
    let view = AnnouncementsView {
        slug: page.event.slug,
        message,
        max: AnnouncementText::MAX_CHARS,
        errors,
        any_shown: rows.iter().any(|r| r.shown),
        rows,
    };
    v.render(status, "pages/announcements", &layout, &view)
}

#[derive(Deserialize)]
pub struct AnnounceForm {
    #[serde(default)]
    message: String,
    /// Where the form was: "console" goes back to the console.
    #[serde(default)]
    from: String,
}

pub async fn announce(
    v: Visit,
    CheckedForm(form): CheckedForm<AnnounceForm>,
) -> Result<HttpResponse, AppError> {
    let result = match AnnouncementText::parse(&form.message) {
        Ok(text) => {
            service::announcements::announce(v.store(), v.live(), &v.slug, v.claim, text).await
        }
        Err(invalid) => Err(ServiceError::Invalid(invalid.into())),
    };
    match result {
        Ok(()) if form.from == "console" => Ok(v.to("/organise#announcements")),
        Ok(()) => Ok(v.to("/organise/announcements")),
        Err(ServiceError::Invalid(errors)) => {
            render(&v, form.message, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn clear_one(
    v: Visit,
    path: Path<IdPath>,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    clear(v, Some(path.id)).await
}

pub async fn clear_all(
    v: Visit,
    CheckedForm(_): CheckedForm<Empty>,
) -> Result<HttpResponse, AppError> {
    clear(v, None).await
}

async fn clear(v: Visit, id: Option<i64>) -> Result<HttpResponse, AppError> {
    match service::announcements::clear(v.store(), v.live(), &v.slug, v.claim, id).await {
        Ok(()) => Ok(v.to("/organise/announcements")),
        Err(ServiceError::Invalid(errors)) => {
            let message = errors
                .get("clear")
                .unwrap_or("Nothing to clear")
                .to_string();
            Ok(v.back_with("/organise/announcements", &message))
        }
        Err(e) => Err(e.into()),
    }
}

/// The announcement routes inside `/e/{slug}`.
pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    use actix_web::web;
    cfg.route("/organise/announcements", web::get().to(page))
        .route("/organise/announcements", web::post().to(announce))
        .route("/organise/announcements/clear", web::post().to(clear_all))
        .route(
            "/organise/announcements/{id}/clear",
            web::post().to(clear_one),
        );
}
