//! `/api/v1/`: the public read-only JSON API (reads in `service::api`):
//! strong ETags with 304 on If-None-Match, CORS for reads from any site,
//! and the OpenAPI document generated from these handlers, from which the
//! routes themselves are registered, so the two cannot disagree.

use crate::service::api::{self as reads, model::*};
use crate::service::{ServiceError, ServiceResult};
use crate::web::AppState;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, EntityTag, Header, IfNoneMatch};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::OpenApi;

/// Where the API lives; every documented path starts with it.
pub const PREFIX: &str = "/api/v1";

macro_rules! api {
    ($($handler:ident),* $(,)?) => {
        /// The OpenAPI description of the API, generated from the handlers.
        #[derive(OpenApi)]
        #[openapi(
            info(
                title = "hackday public API",
                description = "Read-only data of the public events: events, schedules, projects with teams and submissions, prizes and revealed winners."
            ),
            paths($($handler),*),
            components(schemas(ApiError))
        )]
        pub struct ApiDoc;

        /// The handler of a documented operation, by its id (the handler's name).
        fn handler_for(operation: &str) -> Option<actix_web::Route> {
            $(if operation == stringify!($handler) {
                return Some(web::get().to($handler));
            })*
            None
        }
    };
}

api!(
    list_events,
    show_event,
    list_projects,
    show_project,
    list_prizes,
    openapi_json,
);

/// Every API route as the document gives it: (path, operation id).
pub fn route_table() -> Vec<(String, String)> {
    ApiDoc::openapi()
        .paths
        .paths
        .into_iter()
        .map(|(path, item)| {
            let operation = item
                .get
                .and_then(|op| op.operation_id)
                .expect("every API path has a GET operation with an id");
            (path, operation)
        })
        .collect()
}

/// Registers the routes of the document (inside the `PREFIX` scope).
pub fn routes(cfg: &mut web::ServiceConfig) {
    for (path, operation) in route_table() {
        let route = handler_for(&operation).expect("every documented operation has a handler");
        let relative = path
            .strip_prefix(PREFIX)
            .expect("API paths start with the prefix")
            .to_string();
        cfg.route(&relative, route);
    }
}

/// Any site may read the API; no cookies or credentials are involved.
pub fn cors() -> actix_cors::Cors {
    actix_cors::Cors::default()
        .allow_any_origin()
        .send_wildcard()
        .allowed_methods(["GET"])
        .allowed_headers([header::IF_NONE_MATCH, header::ACCEPT])
        .expose_headers([header::ETAG])
        .max_age(86_400)
}

#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    responses(
        (status = 200, description = "The public events, newest first", body = EventList),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
    ))]
pub async fn list_events(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    respond(&req, reads::events(&state.store).await)
}

#[utoipa::path(get, path = "/api/v1/events/{slug}", tag = "events",
    params(("slug" = String, Path, description = "The event's short name")),
    responses(
        (status = 200, description = "The event with its schedule and phase", body = EventDetail),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 404, description = "No such public event", body = ApiError),
    ))]
pub async fn show_event(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> HttpResponse {
    respond(&req, reads::event(&state.store, &slug).await)
}

#[utoipa::path(get, path = "/api/v1/events/{slug}/projects", tag = "projects",
    params(("slug" = String, Path, description = "The event's short name")),
    responses(
        (status = 200, description = "The event's projects in pitch order", body = ProjectList),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 404, description = "No such public event", body = ApiError),
    ))]
pub async fn list_projects(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> HttpResponse {
    respond(&req, reads::projects(&state.store, &slug).await)
}

#[utoipa::path(get, path = "/api/v1/events/{slug}/projects/{id}", tag = "projects",
    params(
        ("slug" = String, Path, description = "The event's short name"),
        ("id" = i64, Path, description = "The project's id"),
    ),
    responses(
        (status = 200, description = "One project", body = ProjectEntry),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 404, description = "No such public event or project", body = ApiError),
    ))]
pub async fn show_project(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let (slug, id) = path.into_inner();
    // A malformed id is simply not a project.
    let Ok(id) = id.parse::<i64>() else {
        return error(StatusCode::NOT_FOUND, "There is no such project");
    };
    respond(&req, reads::project(&state.store, &slug, id).await)
}

#[utoipa::path(get, path = "/api/v1/events/{slug}/prizes", tag = "prizes",
    params(("slug" = String, Path, description = "The event's short name")),
    responses(
        (status = 200, description = "The event's prizes; winners once revealed", body = PrizeList),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 404, description = "No such public event", body = ApiError),
    ))]
pub async fn list_prizes(
    state: web::Data<AppState>,
    req: HttpRequest,
    slug: web::Path<String>,
) -> HttpResponse {
    respond(&req, reads::prizes(&state.store, &slug).await)
}

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses(
        (status = 200, description = "This document (OpenAPI 3.1)", content_type = "application/json"),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
    ))]
pub async fn openapi_json(req: HttpRequest) -> HttpResponse {
    json_with_etag(&req, &ApiDoc::openapi())
}

/// Anything else under the prefix.
pub async fn not_found() -> HttpResponse {
    error(StatusCode::NOT_FOUND, "There is nothing here")
}

fn respond<T: Serialize>(req: &HttpRequest, result: ServiceResult<T>) -> HttpResponse {
    match result {
        Ok(body) => json_with_etag(req, &body),
        Err(ServiceError::NotFound) => error(
            StatusCode::NOT_FOUND,
            "There is no such public event or project",
        ),
        Err(e) => {
            tracing::error!(error = ?e, path = req.path(), "api: read failed");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on our side",
            )
        }
    }
}

fn error(status: StatusCode, message: &str) -> HttpResponse {
    HttpResponse::build(status).json(ApiError {
        error: message.to_string(),
    })
}

/// The body with a strong ETag (a hash of its bytes), or 304 when the
/// client already has it.
fn json_with_etag<T: Serialize>(req: &HttpRequest, body: &T) -> HttpResponse {
    let bytes = serde_json::to_vec(body).expect("API records serialise");
    let digest = Sha256::digest(&bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    let tag = EntityTag::new_strong(hex);
    // If-None-Match compares weakly (RFC 9110 13.1.2).
    let unchanged = match IfNoneMatch::parse(req) {
        Ok(IfNoneMatch::Any) => true,
        Ok(IfNoneMatch::Items(tags)) => tags.iter().any(|t| t.weak_eq(&tag)),
        Err(_) => false,
    };
    let mut response = if unchanged {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header(header::ETag(tag))
        .insert_header((header::CACHE_CONTROL, "no-cache"));
    if unchanged {
        response.finish()
    } else {
        response.content_type("application/json").body(bytes)
    }
}
