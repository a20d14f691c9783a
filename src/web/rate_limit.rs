//! Rate limits on HTTP, per client: sign-in links, sign-ups (and so join-code
//! guesses) and every other post. Each request is counted against its
//! browser (the session's CSRF token, so one browser cannot outrun its own
//! budget) and against its address with a budget generous enough for a whole
//! venue behind one router. A client that sheds its cookie to get a fresh
//! browser budget still meets the address budget.

use super::error::{error_page_with_link, way_back};
use actix_session::SessionExt;
use actix_web::HttpResponse;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::web::Data;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// What a request is, for its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// `/signin/{token}`, `/admin/signin/{token}`, `/admin/setup/{token}`,
    /// `/local/signin/{token}` and `POST /local/login` (password guesses).
    SignIn,
    /// `POST /e/{slug}/join`: sign-ups and join-code guesses.
    SignUp,
    /// Every other post.
    Post,
}

/// One budget: a burst, then a steady rate.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    pub burst: u32,
    /// The time one more request is earned back.
    pub every: Duration,
}

impl Rate {
    fn quota(self) -> Quota {
        Quota::with_period(self.every)
            .expect("a rate's period is not zero")
            .allow_burst(NonZeroU32::new(self.burst).expect("a burst of at least one"))
    }
}

/// The budgets, per browser and per address, of each class. README:
/// Security states these.
#[derive(Debug, Clone, Copy)]
pub struct Rates {
    pub sign_in_browser: Rate,
    pub sign_in_address: Rate,
    pub sign_up_browser: Rate,
    pub sign_up_address: Rate,
    pub post_browser: Rate,
    pub post_address: Rate,
}

impl Default for Rates {
    fn default() -> Self {
        let rate = |burst, millis| Rate {
            burst,
            every: Duration::from_millis(millis),
        };
        Rates {
            // 5 at once, then 10 a minute.
            sign_in_browser: rate(5, 6_000),
            // A venue of 150 opening their links at once, then 3 a second.
            sign_in_address: rate(150, 333),
            // 5 at once, then 6 a minute.
            sign_up_browser: rate(5, 10_000),
            sign_up_address: rate(150, 333),
            // 60 at once, then 5 a second (a judge scoring quickly).
            post_browser: rate(60, 200),
            // 600 at once, then 50 a second.
            post_address: rate(600, 20),
        }
    }
}

struct Pair {
    browser: DefaultKeyedRateLimiter<String>,
    address: DefaultKeyedRateLimiter<IpAddr>,
}

impl Pair {
    fn new(browser: Rate, address: Rate) -> Self {
        Pair {
            browser: RateLimiter::keyed(browser.quota()),
            address: RateLimiter::keyed(address.quota()),
        }
    }

    /// `Err` holds how long to wait.
    fn check(&self, browser: Option<&String>, address: IpAddr) -> Result<(), Duration> {
        let now = DefaultClock::default().now();
        if let Some(browser) = browser {
            self.browser
                .check_key(browser)
                .map_err(|n| n.wait_time_from(now))?;
        }
        self.address
            .check_key(&address)
            .map_err(|n| n.wait_time_from(now))
    }

    fn forget_idle(&self) {
        self.browser.retain_recent();
        self.address.retain_recent();
        self.browser.shrink_to_fit();
        self.address.shrink_to_fit();
    }
}

/// The limiters of one server, shared by its workers.
pub struct RateLimits {
    sign_in: Pair,
    sign_up: Pair,
    post: Pair,
    trust_proxy: bool,
}

impl RateLimits {
    /// Made once in startup; a task forgets idle clients every minute.
    pub fn start(rates: Rates, trust_proxy: bool) -> Arc<Self> {
        let limits = Arc::new(RateLimits {
            sign_in: Pair::new(rates.sign_in_browser, rates.sign_in_address),
            sign_up: Pair::new(rates.sign_up_browser, rates.sign_up_address),
            post: Pair::new(rates.post_browser, rates.post_address),
            trust_proxy,
        });
        let weak = Arc::downgrade(&limits);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(60));
            every.tick().await;
            loop {
                every.tick().await;
                let Some(limits) = weak.upgrade() else { return };
                for pair in [&limits.sign_in, &limits.sign_up, &limits.post] {
                    pair.forget_idle();
                }
            }
        });
        limits
    }

    fn pair(&self, class: Class) -> &Pair {
        match class {
            Class::SignIn => &self.sign_in,
            Class::SignUp => &self.sign_up,
            Class::Post => &self.post,
        }
    }

    /// The client's address: the peer, or behind a trusted proxy the one it
    /// names (every request would come from the proxy otherwise).
    fn address(&self, req: &ServiceRequest) -> IpAddr {
        let forwarded = self
            .trust_proxy
            .then(|| {
                req.connection_info()
                    .realip_remote_addr()
                    .map(str::to_string)
            })
            .flatten()
            .and_then(|a| {
                a.parse::<IpAddr>()
                    .ok()
                    .or_else(|| a.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
            });
        forwarded
            .or_else(|| req.peer_addr().map(|a| a.ip()))
            .unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }
}

fn classify(method: &Method, path: &str) -> Option<Class> {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match parts.as_slice() {
        ["signin", _] | ["admin", "signin", _] | ["admin", "setup", _] | ["local", "signin", _] => {
            Some(Class::SignIn)
        }
        // Password guesses count as sign-ins.
        ["local", "login"] if method == Method::POST => Some(Class::SignIn),
        ["e", _, "join"] if method == Method::POST => Some(Class::SignUp),
        _ if method == Method::POST => Some(Class::Post),
        _ => None,
    }
}

/// Counts the request against its budgets, or answers 429 with a page that
/// leads back to the event. Wrap it with `from_fn` inside the session
/// middleware (the browser key is in the session).
pub async fn limit(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let class = classify(req.method(), req.path());
    let limits = req.app_data::<Data<RateLimits>>().cloned();
    if let (Some(class), Some(limits)) = (class, limits) {
        let browser = req.get_session().get::<String>("csrf").ok().flatten();
        let address = limits.address(&req);
        if let Err(wait) = limits.pair(class).check(browser.as_ref(), address) {
            let response = too_many(req.path(), wait);
            return Ok(req.into_response(response).map_into_right_body());
        }
    }
    next.call(req).await.map(|r| r.map_into_left_body())
}

fn too_many(path: &str, wait: Duration) -> HttpResponse {
    let seconds = wait.as_secs() + 1;
    let (href, label) = way_back(path);
    let message = format!(
        "That was a lot of attempts in a short time. Wait {seconds} second{} and try again.",
        if seconds == 1 { "" } else { "s" }
    );
    HttpResponse::build(StatusCode::TOO_MANY_REQUESTS)
        .insert_header((header::RETRY_AFTER, seconds.to_string()))
        .content_type("text/html; charset=utf-8")
        .body(error_page_with_link("Slow down", &message, &href, label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_classed_by_path_and_method() {
        assert_eq!(classify(&Method::GET, "/signin/abc"), Some(Class::SignIn));
        assert_eq!(
            classify(&Method::GET, "/admin/signin/abc"),
            Some(Class::SignIn)
        );
        assert_eq!(
            classify(&Method::POST, "/admin/setup/abc"),
            Some(Class::SignIn)
        );
        assert_eq!(
            classify(&Method::POST, "/e/leeds/join"),
            Some(Class::SignUp)
        );
        assert_eq!(
            classify(&Method::POST, "/e/leeds/p/3/join"),
            Some(Class::Post)
        );
        assert_eq!(classify(&Method::POST, "/local/login"), Some(Class::SignIn));
        assert_eq!(
            classify(&Method::GET, "/local/signin/abc"),
            Some(Class::SignIn)
        );
        assert_eq!(classify(&Method::GET, "/e/leeds/join"), None);
        assert_eq!(classify(&Method::GET, "/e/leeds"), None);
    }
}
