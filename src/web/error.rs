//! The one error type at the HTTP boundary: maps not-found, forbidden,
//! invalid and conflicts to 404/403/422/409 pages. A 5xx keeps its cause
//! here and is logged once, with the request, by `request_log`.

use crate::service::ServiceError;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use handlebars::html_escape;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
    /// The database is out of reach: said plainly, with a 503.
    #[error("the database is out of reach")]
    Unavailable(#[source] crate::store::StoreError),
}

use crate::live::db_status::DATABASE_DOWN;

impl From<ServiceError> for AppError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::NotFound => AppError::NotFound,
            ServiceError::Forbidden(m) => AppError::Forbidden(m),
            ServiceError::Conflict(m) => AppError::Conflict(m),
            ServiceError::Invalid(errors) => AppError::BadRequest(
                errors
                    .messages()
                    .map(|(_, m)| m.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            ServiceError::Store(e) if e.is_unavailable() => AppError::Unavailable(e),
            ServiceError::Store(e) => AppError::Internal(e.into()),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        match e.downcast::<crate::store::StoreError>() {
            Ok(store) if store.is_unavailable() => AppError::Unavailable(store),
            Ok(store) => AppError::Internal(store.into()),
            Err(e) => AppError::Internal(e),
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let (title, message) = match self {
            AppError::NotFound => (
                "Not found",
                "There is nothing here. Check the address, or start from the list of events."
                    .to_string(),
            ),
            AppError::Forbidden(m) => ("Not allowed", m.clone()),
            AppError::BadRequest(m) => ("That did not work", m.clone()),
            AppError::Conflict(m) => ("That did not work", m.clone()),
            // Logged once, with its cause chain, by the request log.
            AppError::Internal(_) => (
                "Something went wrong",
                "Something went wrong on our side. Please try again in a moment.".to_string(),
            ),
            AppError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "request refused: the database is out of reach");
                ("Database unavailable", DATABASE_DOWN.to_string())
            }
        };
        let mut response = HttpResponse::build(self.status_code());
        if matches!(self, AppError::Unavailable(_)) {
            response.insert_header((actix_web::http::header::RETRY_AFTER, "5"));
        }
        response
            .content_type("text/html; charset=utf-8")
            .body(error_page(title, &message))
    }
}

/// A plain page for errors, independent of the templates so that it works
/// even when rendering is what failed.
fn error_page(title: &str, message: &str) -> String {
    error_page_with_link(title, message, "/", "All events")
}

/// The plain error page with its way back (a refusal leads back to where
/// the person was).
pub(crate) fn error_page_with_link(title: &str, message: &str, href: &str, label: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · hackday</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main class=\"page\"><h1>{title}</h1><p class=\"lead\">{message}</p>\
         <p><a class=\"button\" href=\"{href}\">{label}</a></p></main></body></html>",
        title = html_escape(title),
        message = html_escape(message),
        href = html_escape(href),
        label = html_escape(label),
        css = crate::web::pages::assets::url("css/app.css").unwrap_or("/static/css/app.css"),
    )
}

/// Where a refusal of a request to `path` leads back to: its event's page,
/// or the list of events.
pub(crate) fn way_back(path: &str) -> (String, &'static str) {
    match event_slug(path) {
        Some(slug) => (format!("/e/{slug}"), "Back to the event"),
        None => ("/".to_string(), "All events"),
    }
}

impl AppError {
    /// The same error as JSON, for the endpoints scripts call:
    /// `{"message": ...}` with the same status as the page would have.
    pub fn json_response(&self) -> HttpResponse {
        if let AppError::Internal(cause) = self {
            tracing::error!(error = ?cause, "request failed");
        }
        let message = match self {
            AppError::NotFound => "Not found".to_string(),
            AppError::Internal(_) => "Something went wrong on our side".to_string(),
            AppError::Unavailable(_) => DATABASE_DOWN.to_string(),
            other => other.to_string(),
        };
        HttpResponse::build(self.status_code()).json(serde_json::json!({ "message": message }))
    }
}

/// What an error page says, by the error's kind.
/// The slug of `/e/{slug}/...`, when it is a plausible one.
pub(super) fn event_slug(path: &str) -> Option<&str> {
    let slug = path.strip_prefix("/e/")?.split('/').next()?;
    let plausible = !slug.is_empty()
        && slug.len() <= 64
        && slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    plausible.then_some(slug)
}

pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
