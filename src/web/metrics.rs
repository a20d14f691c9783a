//! `/metrics` in the Prometheus text format: off unless configured; on the
//! app's own address only with `Authorization: Bearer <--metrics-token>`,
//! and on the separate `--metrics-bind` address for whoever reaches it
//! (with the token too, when one is set). Also the middleware that counts
//! and times requests by route pattern.

use crate::config::Secret;
use crate::ops;
use crate::web::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{App, Error, HttpRequest, HttpResponse, HttpServer, web};
use std::net::TcpListener;
use std::time::Instant;
use subtle::ConstantTimeEq;

/// Counts and times every request by its route pattern.
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, Error> {
    let started = Instant::now();
    // Requests that match no route share one series, whatever their path.
    let route = req.match_pattern().unwrap_or_else(|| "unmatched".into());
    let method = req.method().clone();
    let outcome = next.call(req).await;
    let status = match &outcome {
        Ok(response) => response.status(),
        Err(error) => error.as_response_error().status_code(),
    };
    ops::metrics::http_request(method.as_str(), route, status.as_u16(), started.elapsed());
    outcome
}

/// `/metrics` on the app's address: there only with the token.
pub async fn scrape(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    match &state.settings.metrics_token {
        None => HttpResponse::NotFound()
            .content_type("text/plain")
            .body("not found"),
        Some(token) => answer(&state, &req, Some(token)),
    }
}

/// `/metrics` on the separate metrics address.
async fn scrape_listener(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    answer(&state, &req, state.settings.metrics_token.as_ref())
}

fn answer(state: &AppState, req: &HttpRequest, token: Option<&Secret>) -> HttpResponse {
    if let Some(token) = token
        && !bearer_matches(req, token)
    {
        return HttpResponse::Unauthorized()
            .insert_header((header::WWW_AUTHENTICATE, "Bearer"))
            .content_type("text/plain")
            .body("a metrics token is needed");
    }
    let pool = state.store.pool_use();
    ops::metrics::pool_use(pool.open, pool.idle, pool.max);
    let body = ops::metrics::render().unwrap_or_default();
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body)
}

/// Compares in constant time, so response times do not reveal the token.
fn bearer_matches(req: &HttpRequest, token: &Secret) -> bool {
    req.headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|given| bool::from(given.trim().as_bytes().ct_eq(token.expose().as_bytes())))
}

/// The separate metrics server on `listener`: `/metrics` and nothing else.
pub fn serve(listener: TcpListener, state: web::Data<AppState>) -> std::io::Result<Server> {
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .route("/metrics", web::get().to(scrape_listener))
    })
    .workers(1)
    .listen(listener)?
    .run();
    Ok(server)
}
