//! Security middleware: response headers (a CSP without inline scripts among
//! them) and the Origin check on anything that changes state.

use super::AppState;
use super::error::AppError;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::web::Data;

pub fn headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; \
             object-src 'none'",
        ))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::REFERRER_POLICY, "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()",
        ))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
}

/// Whether an Origin header names this server: the host the request was
/// sent to, or the configured public URL.
pub fn origin_allowed(req: &ServiceRequest, origin: &str) -> bool {
    let public = req
        .app_data::<Data<AppState>>()
        .and_then(|s| s.settings.public_url.clone());
    if public.as_deref() == Some(origin) {
        return true;
    }
    let authority = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    let host = req.connection_info().host().to_string();
    authority == Some(host.as_str())
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
            return Err(AppError::Forbidden(
                "This request came from another site and was refused".into(),
            )
            .into());
        }
    }
    next.call(req).await
}
