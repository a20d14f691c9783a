//! One log line per HTTP request: request id, method, path without secrets,
//! route pattern, status and time; a failed request (5xx) is logged once,
//! here, at error level with its cause chain. Built on tracing-actix-web,
//! which makes the request id and runs every handler inside the request's
//! span, so whatever a handler logs carries the same id.

use crate::web::error::AppError;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage};
use std::time::Instant;
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder};

/// The response header that hands the request id back, so a person who
/// reports a problem can quote it and it can be found in the log.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Path segments after which the next segment is a secret (sign-in links
/// and the admin setup link): `/signin/{token}`, `/admin/signin/{token}`,
/// `/admin/setup/{token}`. Matched anywhere in the path, so a mistyped
/// address that reaches no route is redacted too.
const SECRET_FOLLOWS: [&str; 2] = ["signin", "setup"];

/// The request's path with every secret replaced by `{token}`. The query
/// string is never logged (it is not part of the path).
pub fn redact(path: &str) -> String {
    let mut redacted = Vec::new();
    let mut secret_next = false;
    for segment in path.split('/') {
        if secret_next && !segment.is_empty() {
            redacted.push("{token}");
        } else {
            redacted.push(segment);
        }
        secret_next = SECRET_FOLLOWS.contains(&segment);
    }
    redacted.join("/")
}

/// When the request started, for the time on its log line.
#[derive(Clone, Copy)]
struct Started(Instant);

/// The root span and the one line at the end, for `TracingLogger`.
pub struct RequestLog;

impl RootSpanBuilder for RequestLog {
    fn on_request_start(request: &ServiceRequest) -> Span {
        request.extensions_mut().insert(Started(Instant::now()));
        let id = request_id(request.extensions().get::<RequestId>());
        tracing::info_span!(
            "request",
            id = %id,
            method = %request.method(),
            path = %redact(request.path()),
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        // Handlers and middleware here answer with responses; an `Err`
        // is logged with the span's fields, since its request is gone.
        let response = match outcome {
            Ok(response) => response,
            Err(error) => {
                let status = error.as_response_error().status_code().as_u16();
                tracing::warn!(parent: &span, status, error = %error, "request");
                return;
            }
        };
        let request = response.request();
        let id = request_id(request.extensions().get::<RequestId>());
        let ms = request
            .extensions()
            .get::<Started>()
            .map(|s| s.0.elapsed().as_secs_f64() * 1000.0)
            .unwrap_or_default();
        let method = request.method().as_str();
        let path = redact(request.path());
        // The route pattern names the use case (the handler).
        let route = request.match_pattern().unwrap_or_else(|| "-".into());
        let status = response.status().as_u16();
        let cause = request.extensions().get::<Cause>().map(|c| c.0.clone());
        match cause {
            // `parent: None`: the line carries the span's fields itself, so a
            // text log does not print them twice.
            Some(cause) if response.status().is_server_error() => tracing::error!(
                parent: None,
                id = %id, method, path = %path, route = %route, status, ms,
                error = %cause,
                "request failed"
            ),
            _ => {
                tracing::info!(parent: None, id = %id, method, path = %path, route = %route, status, ms, "request")
            }
        }
    }
}

fn request_id(id: Option<&RequestId>) -> String {
    id.map(ToString::to_string).unwrap_or_default()
}

/// The error and every cause under it on one line (`a: b: c`).
fn cause_chain(error: &Error) -> String {
    match error.as_error::<AppError>() {
        Some(AppError::Internal(cause)) => format!("{cause:#}"),
        _ => error.to_string(),
    }
}

/// A failed request's cause chain, kept on the request.
struct Cause(String);

/// Keeps a 5xx's cause chain on the request, before error pages are
/// rendered (which replaces the response and the error it carried).
pub async fn keep_cause(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, Error> {
    let response = next.call(req).await?;
    if response.status().is_server_error()
        && let Some(error) = response.response().error()
    {
        let cause = Cause(cause_chain(error));
        response.request().extensions_mut().insert(cause);
    }
    Ok(response)
}

/// Sends the request id back in `x-request-id` (handlers and middleware
/// here answer refusals and errors with responses, so those carry it too).
pub async fn request_id_header(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, Error> {
    let id = req.extensions().get::<RequestId>().copied();
    let mut response = next.call(req).await?;
    if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok()) {
        response
            .headers_mut()
            .insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn secrets_in_sign_in_and_setup_paths_are_replaced() {
        assert_eq!(redact("/signin/abc123"), "/signin/{token}");
        assert_eq!(redact("/admin/signin/abc123"), "/admin/signin/{token}");
        assert_eq!(redact("/admin/setup/abc123"), "/admin/setup/{token}");
        assert_eq!(redact("//signin/abc123/more"), "//signin/{token}/more");
    }

    #[test]
    fn other_paths_are_kept() {
        assert_eq!(redact("/e/demo/p/3"), "/e/demo/p/3");
        assert_eq!(redact("/signin/"), "/signin/");
        assert_eq!(redact("/"), "/");
    }
}
