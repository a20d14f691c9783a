//! The one error type at the HTTP boundary: maps not-found, forbidden,
//! invalid and conflicts to 404/403/422/409 pages, and logs a 5xx once.

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
}

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
            ServiceError::Store(e) => AppError::Internal(e.into()),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::Internal(e)
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
            AppError::Internal(cause) => {
                tracing::error!(error = ?cause, "request failed");
                (
                    "Something went wrong",
                    "Something went wrong on our side. Please try again in a moment.".to_string(),
                )
            }
        };
        HttpResponse::build(self.status_code())
            .content_type("text/html; charset=utf-8")
            .body(error_page(title, &message))
    }
}

/// A plain page for errors, independent of the templates so that it works
/// even when rendering is what failed.
fn error_page(title: &str, message: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · hackday</title><link rel=\"stylesheet\" href=\"/static/css/app.css\"></head>\
         <body><main class=\"page\"><h1>{title}</h1><p class=\"lead\">{message}</p>\
         <p><a class=\"button\" href=\"/\">All events</a></p></main></body></html>",
        title = html_escape(title),
        message = html_escape(message),
    )
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
            other => other.to_string(),
        };
        HttpResponse::build(self.status_code()).json(serde_json::json!({ "message": message }))
    }
}

pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
