//! Security middleware: response headers (a CSP without inline scripts among
//! them) and the Origin check on anything that changes state.

use super::AppState;
use super::error::AppError;
use crate::config::Settings;
use actix_web::HttpRequest;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header, uri::Authority};
use actix_web::middleware::Next;
use actix_web::web::Data;

/// What every full answer carries (unless the handler set its own).
const SECURITY_HEADERS: [(&str, &str); 5] = [
    (
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; \
         object-src 'none'",
    ),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    ),
    ("cross-origin-opener-policy", "same-origin"),
];

/// The security headers on every answer. A `304 Not Modified` carries only
/// `nosniff`: the browser keeps the headers of the copy it holds (RFC 9111
/// 4.3.4), and a reload on venue Wi-Fi sends some 400 bytes less per file.
pub async fn headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut response = next.call(req).await?;
    let full = response.status() != actix_web::http::StatusCode::NOT_MODIFIED;
    let headers = response.headers_mut();
    if !headers.contains_key(header::X_CONTENT_TYPE_OPTIONS) {
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            header::HeaderValue::from_static("nosniff"),
        );
    }
    for (name, value) in SECURITY_HEADERS.iter().filter(|_| full) {
        let name = header::HeaderName::from_static(name);
        if !headers.contains_key(&name) {
            headers.insert(name, header::HeaderValue::from_static(value));
        }
    }
    Ok(response)
}

/// The scheme and host people reach this server at, as far as it may
/// believe: the configured public URL; else, with `--trust-proxy`, what the
/// proxy says (Forwarded, X-Forwarded-Host and -Proto); else the Host header
/// the browser sent. Forwarded headers are ignored unless trusted, because
/// behind no proxy anyone can send them.
pub fn public_origin(settings: &Settings, req: &HttpRequest) -> String {
    if let Some(url) = &settings.public_url {
        return url.clone();
    }
    if settings.trust_proxy {
        let info = req.connection_info();
        return format!("{}://{}", info.scheme(), info.host());
    }
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| h.parse::<Authority>().is_ok())
        .map(str::to_string)
        .or_else(|| req.uri().authority().map(|a| a.to_string()))
        .unwrap_or_else(|| req.app_config().host().to_string());
    format!("http://{host}")
}

/// Whether an Origin header names this server (see `public_origin`). When
/// no public URL is set, either scheme is accepted for the host, since a
/// TLS proxy may stand in front without saying so.
pub fn origin_allowed(req: &ServiceRequest, origin: &str) -> bool {
    let Some(state) = req.app_data::<Data<AppState>>() else {
        return false;
    };
    let expected = public_origin(&state.settings, req.request());
    if state.settings.public_url.is_some() {
        return origin == expected;
    }
    let authority = |o: &str| {
        o.strip_prefix("http://")
            .or_else(|| o.strip_prefix("https://"))
            .map(str::to_string)
    };
    authority(origin).is_some() && authority(origin) == authority(&expected)
}

/// Refuses state-changing requests and websocket upgrades whose Origin
/// header names another site. Requests without an Origin header (old
/// browsers, tools) still need the session's CSRF token for form posts.
/// Wrap it with `actix_web::middleware::from_fn`.
pub async fn check_origin(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    // OPTIONS is a CORS preflight (the public API's): it changes nothing.
    let changes_state = ![Method::GET, Method::HEAD, Method::OPTIONS].contains(req.method());
    let upgrade = req.headers().contains_key(header::UPGRADE);
    if (changes_state || upgrade)
        && let Some(origin) = req.headers().get(header::ORIGIN)
    {
        let ok = origin.to_str().is_ok_and(|o| origin_allowed(&req, o));
        if !ok {
            // A response rather than an `Err`, so the request log and the
            // request id header see it like any other refusal.
            let refused =
                AppError::Forbidden("This request came from another site and was refused".into());
            return Ok(req.error_response(refused).map_into_right_body());
        }
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}
