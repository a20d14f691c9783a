//! `/healthz`: 200 when the database answers, 503 when it does not.

use crate::web::AppState;
use actix_web::{HttpResponse, web::Data};

pub async fn healthz(state: Data<AppState>) -> HttpResponse {
    match state.store.ping().await {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ok"),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain")
                .body("database unavailable")
        }
    }
}
