//! HEAD answers wherever GET does (uptime monitors probe with HEAD): the
//! request is routed as a GET, and the HTTP/1 encoder, which remembers that
//! the request was a HEAD, sends the headers without the body.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;

/// Wrap it with `actix_web::middleware::from_fn`, outside the routes.
pub async fn head_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    next.call(req).await
}
