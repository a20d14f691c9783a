//! Request bodies must arrive in time: a body still incomplete
//! `BODY_TIMEOUT` after its request's head is cut off with a 408 and the
//! connection closed, so stalled posts cannot hold connections (and open
//! files) for ever. Websocket upgrades are long-lived by design and exempt.

use super::error::{error_page_with_link, way_back};
use actix_web::HttpMessage;
use actix_web::HttpResponse;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use futures_util::Stream;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

/// README: Security states it.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// Wrap it with `from_fn`.
pub async fn body_deadline(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if req.headers().contains_key(header::UPGRADE) {
        return next.call(req).await.map(|r| r.map_into_left_body());
    }
    let expired = Arc::new(AtomicBool::new(false));
    let stream: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> = Box::pin(Deadline {
        inner: req.take_payload(),
        sleep: Box::pin(tokio::time::sleep(BODY_TIMEOUT)),
        expired: expired.clone(),
        done: false,
    });
    req.set_payload(Payload::from(stream));
    let response = next.call(req).await?;
    if !expired.load(Ordering::Relaxed) {
        return Ok(response.map_into_left_body());
    }
    let (href, label) = way_back(response.request().path());
    let page = HttpResponse::build(StatusCode::REQUEST_TIMEOUT)
        .force_close()
        .content_type("text/html; charset=utf-8")
        .body(error_page_with_link(
            "Too slow",
            "The form took too long to arrive. Check the connection and send it again.",
            &href,
            label,
        ));
    let (req, _) = response.into_parts();
    Ok(ServiceResponse::new(req, page).map_into_right_body())
}

struct Deadline {
    inner: Payload,
    sleep: Pin<Box<tokio::time::Sleep>>,
    expired: Arc<AtomicBool>,
    done: bool,
}

impl Stream for Deadline {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        if let Poll::Ready(item) = Pin::new(&mut this.inner).poll_next(cx) {
            this.done = item.is_none();
            return Poll::Ready(item);
        }
        if this.sleep.as_mut().poll(cx).is_ready() {
            this.done = true;
            this.expired.store(true, Ordering::Relaxed);
            return Poll::Ready(Some(Err(PayloadError::Io(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the request body did not arrive in time",
            )))));
        }
        Poll::Pending
    }
}
