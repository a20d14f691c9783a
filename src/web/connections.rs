//! Open connections per client address: counted as each connection opens
//! and closes, and requests on connections beyond the cap are answered with
//! a refusal and closed, so one client cannot take every open file. Also
//! raises the process's soft open-file limit to the hard limit at start.

use super::error::error_page_with_link;
use actix_web::HttpResponse;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Extensions, ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use std::any::Any;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// The connections open from each address.
pub struct ConnectionCounter {
    open: Mutex<HashMap<IpAddr, usize>>,
    cap: usize,
}

/// Held in a connection's data for as long as it is open.
pub struct Admitted {
    counter: Arc<ConnectionCounter>,
    address: IpAddr,
    over_cap: bool,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut open = self.counter.open.lock().expect("connection count lock");
        if let Some(n) = open.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.address);
            }
        }
    }
}

impl ConnectionCounter {
    pub fn new(cap: usize) -> Arc<Self> {
        Arc::new(ConnectionCounter {
            open: Mutex::new(HashMap::new()),
            cap,
        })
    }

    /// For `HttpServer::on_connect`: counts a new TCP connection.
    pub fn on_connect(self: &Arc<Self>, io: &dyn Any, data: &mut Extensions) {
        let Some(address) = io
            .downcast_ref::<actix_web::rt::net::TcpStream>()
            .and_then(|s| s.peer_addr().ok())
            .map(|a| a.ip())
        else {
            return;
        };
        let count = {
            let mut open = self.open.lock().expect("connection count lock");
            let n = open.entry(address).or_insert(0);
            *n += 1;
            *n
        };
        data.insert(Admitted {
            counter: self.clone(),
            address,
            over_cap: count > self.cap,
        });
    }
}

/// Refuses, and closes, requests on a connection over its address's cap.
pub async fn refuse_over_cap(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let over = req.conn_data::<Admitted>().is_some_and(|a| a.over_cap);
    if !over {
        return next.call(req).await.map(|r| r.map_into_left_body());
    }
    let page = HttpResponse::build(StatusCode::TOO_MANY_REQUESTS)
        .force_close()
        .insert_header(("Retry-After", "5"))
        .content_type("text/html; charset=utf-8")
        .body(error_page_with_link(
            "Too many connections",
            "Too many connections are open from your address. Close some tabs and try again in a moment.",
            "/",
            "All events",
        ));
    Ok(req.into_response(page).map_into_right_body())
}

/// Raises the soft limit on open files to the hard limit (each connection
/// is an open file; the common soft limit of 1,024 refuses clients long
/// before the machine runs out). Returns the limit before and after.
pub fn raise_open_file_limit() -> std::io::Result<(u64, u64)> {
    let (before, hard) = rlimit::Resource::NOFILE.get()?;
    let after = rlimit::increase_nofile_limit(hard)?;
    Ok((before, after))
}
