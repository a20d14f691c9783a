//! Error pages as people see them: an `AppError` answered as HTML is
//! rendered from the `errors/error` template inside the layout (the
//! umbrella's name, the way back), instead of the plain page of
//! `error::AppError::error_response`, which stays the fallback.

use super::error::{AppError, event_slug};
use crate::live::db_status::DATABASE_DOWN;

fn title_of(error: &AppError) -> &'static str {
    match error {
        AppError::NotFound => "Not found",
        AppError::Forbidden(_) => "Not allowed",
        AppError::BadRequest(_) | AppError::Conflict(_) => "That did not work",
        AppError::Internal(_) => "Something went wrong",
        AppError::Unavailable(_) => "Database unavailable",
    }
}

#[derive(serde::Serialize)]
struct ErrorView {
    title: &'static str,
    message: String,
    back_url: String,
    back_label: &'static str,
}

/// Renders error pages from the `errors/error` template inside the layout,
/// with a way back to the event the address belongs to (or to the list of
/// events). The plain page of `error_response` stays as the fallback when
/// rendering fails. Wrap it with `actix_web::middleware::from_fn`.
pub async fn render_error_pages(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    let res = next.call(req).await?.map_into_boxed_body();
    let Some(error) = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>())
    else {
        return Ok(res);
    };
    let html = res
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    let Some(state) = res
        .request()
        .app_data::<actix_web::web::Data<super::AppState>>()
    else {
        return Ok(res);
    };
    if !html {
        return Ok(res);
    }
    let slug = event_slug(res.request().path());
    let view = ErrorView {
        title: title_of(error),
        message: error_message(error),
        back_url: slug.map_or("/".into(), |s| format!("/e/{s}")),
        back_label: if slug.is_some() {
            "Back to the event"
        } else {
            "All events"
        },
    };
    let session = actix_session::SessionExt::get_session(res.request());
    let layout = super::views::layout(&state.store, &session, view.title, None, None).await;
    let status = res.status();
    let Ok(mut page) = state
        .templates
        .page_with_status(status, "errors/error", &layout, &view)
    else {
        return Ok(res);
    };
    if let Some(retry) = res.headers().get(actix_web::http::header::RETRY_AFTER) {
        page.headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, retry.clone());
    }
    let (req, _) = res.into_parts();
    Ok(actix_web::dev::ServiceResponse::new(req, page))
}

fn error_message(error: &AppError) -> String {
    match error {
        AppError::NotFound => {
            "There is nothing here. Check the address, or start from the list of events.".into()
        }
        AppError::Internal(_) => {
            "Something went wrong on our side. Please try again in a moment.".into()
        }
        AppError::Unavailable(_) => DATABASE_DOWN.into(),
        other => other.to_string(),
    }
}
