//! The scoring panel's service worker, served from the site root so that it
//! may control `/e/{slug}/judge` (a worker's scope cannot be above its own
//! path); it lets a judge reopen the panel offline.

use actix_web::HttpResponse;

const WORKER: &str = include_str!("../../../public/js/panel-sw.js");

/// The worker script. `no-cache`: browsers check for a new worker on every
/// registration, so a fixed worker reaches judges on their next visit.
pub async fn serve() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header(("Cache-Control", "no-cache"))
        .body(WORKER)
}
