//! Builds the application from settings: opens the store, prepares the
//! session key and templates, binds the listener. Used by `main` and tests.

use crate::config::Settings;
use crate::domain::SecretToken;
use crate::live::{Live, hub::Hub};
use crate::service::{self, demo::DemoLinks};
use crate::stop::StopHandle;
use crate::store::{Backend, Store};
use crate::web::connections::{ConnectionCounter, raise_open_file_limit};
use crate::web::rate_limit::{RateLimits, Rates};
use crate::web::{self, AppState, render::Templates};
use actix_session::SessionMiddleware;
use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_web::cookie::{Key, SameSite, time::Duration as CookieDuration};
use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web::Data};
use std::net::TcpListener;
use std::time::Duration;
use tracing_actix_web::TracingLogger;

pub struct Application {
    pub server: Server,
    pub port: u16,
    pub base_url: String,
    pub store: Store,
    pub live: Live,
    pub migrations_applied: Vec<String>,
    /// The one-time admin setup link's secret, on an installation with no admin.
    pub setup_token: Option<SecretToken>,
    pub demo: Option<DemoLinks>,
    /// The separate metrics address (`--metrics-bind`) and its server.
    pub metrics_address: Option<std::net::SocketAddr>,
    pub metrics_server: Option<ServerHandle>,
}

impl Application {
    /// What stops this application, gracefully or at once (main on a
    /// signal, tests in process).
    pub fn stop_handle(&self) -> StopHandle {
        StopHandle::new(self.server.handle(), self.live.clone(), self.store.clone())
    }

    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        raise_open_files();
        let (store, migrations_applied) = open_store(&settings).await?;
        let key = service::admin::session_key(&store).await?;
        let setup_token = service::admin::setup_link_if_needed(&store).await?;
        let demo = load_demo(&settings, &store).await?;
        let listener = TcpListener::bind(&settings.bind)?;
        let port = listener.local_addr()?.port();
        let host = listener.local_addr()?.ip();
        let base_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{host}:{port}"));
        let live = start_live(&settings, &store);
        let state = Data::new(AppState {
            store: store.clone(),
            live: live.clone(),
            templates: Templates::load()?,
            models: service::live_view::cache::ReadModels::new(live.clone()),
            settings: settings.clone(),
        });
        web::pages::assets::prepare();
        if let Some(schedule) = settings.backup.clone() {
            crate::ops::backup::start_schedule(store.clone(), schedule);
        }
        let (metrics_address, metrics_server) = start_metrics(&settings, &state)?;
        let server = serve(listener, state, Key::from(&key), &settings)?;
        Ok(Self {
            server,
            port,
            base_url,
            store,
            live,
            migrations_applied,
            setup_token,
            demo,
            metrics_address,
            metrics_server,
        })
    }
}

/// Opens (and migrates) the database; refuses `--backup-every` on PostgreSQL.
async fn open_store(settings: &Settings) -> anyhow::Result<(Store, Vec<String>)> {
    let url = settings.database_url.clone();
    let pool_size = settings.pool_size;
    let sync = settings.sqlite_sync;
    if settings.backup.is_some() && Backend::of_url(&url) == Backend::Postgres {
        anyhow::bail!(
            "--backup-every is for SQLite. {}",
            crate::ops::backup::POSTGRES_BACKUP
        );
    }
    tokio::task::spawn_blocking(move || Store::open(&url, pool_size, sync)).await?
}

/// The demo event, loaded, kept or reset as `hackday demo [--fresh]` asks.
async fn load_demo(settings: &Settings, store: &Store) -> anyhow::Result<Option<DemoLinks>> {
    Ok(match (settings.demo, settings.fresh_demo) {
        (false, _) => None,
        (true, false) => Some(service::demo::ensure_demo(store).await?),
        (true, true) => Some(service::demo::reset_demo(store).await?),
    })
}

/// The live hub, listening for other servers' changes and the database's health.
fn start_live(settings: &Settings, store: &Store) -> Live {
    let live = Live::new(
        Hub::new(Duration::from_millis(settings.live_batch_ms)),
        store.backend(),
    );
    live.start_listener(&settings.database_url);
    crate::live::db_status::start(store.clone(), live.hub());
    live
}

/// Metrics, if enabled, and their separate server on `--metrics-bind`.
fn start_metrics(
    settings: &Settings,
    state: &Data<AppState>,
) -> anyhow::Result<(Option<std::net::SocketAddr>, Option<ServerHandle>)> {
    if settings.metrics_enabled() {
        crate::ops::metrics::install();
    }
    let Some(addr) = &settings.metrics_bind else {
        return Ok((None, None));
    };
    let listener = TcpListener::bind(addr)?;
    let address = listener.local_addr()?;
    let server = web::metrics::serve(listener, state.clone())?;
    let handle = server.handle();
    tokio::spawn(server);
    Ok((Some(address), Some(handle)))
}

/// The HTTP server: every middleware, outermost last, around the routes.
fn serve(
    listener: TcpListener,
    state: Data<AppState>,
    key: Key,
    settings: &Settings,
) -> anyhow::Result<Server> {
    let limits = Data::from(RateLimits::start(Rates::default(), settings.trust_proxy));
    // Behind a trusted proxy every connection comes from the proxy.
    let connections = (!settings.trust_proxy)
        .then(|| ConnectionCounter::new(settings.max_connections_per_address));
    let secure = settings.secure_cookies;
    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(limits.clone())
            .wrap(from_fn(web::request_log::keep_cause))
            .wrap(from_fn(web::error_pages::render_error_pages))
            .wrap(from_fn(web::security::check_origin))
            .wrap(from_fn(web::body_deadline::body_deadline))
            // Inside the session: a browser's budget is keyed by its session.
            .wrap(from_fn(web::rate_limit::limit))
            .wrap(session_middleware(key.clone(), secure))
            .wrap(from_fn(web::connections::refuse_over_cap))
            .wrap(from_fn(web::security::headers))
            // Outside the limits, so HEAD is routed (and limited) as the
            // GET it mirrors; inside the log, which records it as HEAD.
            .wrap(from_fn(web::head::head_as_get))
            .wrap(from_fn(web::metrics::record))
            .wrap(from_fn(web::request_log::request_id_header))
            // HTML and JSON gzipped (responses already encoded, such as
            // static files and shared pages, pass through as they are).
            .wrap(actix_web::middleware::Compress::default())
            // Outermost: it times everything and names the request id.
            .wrap(TracingLogger::<web::request_log::RequestLog>::new())
            .configure(web::routes)
    })
    .on_connect(move |io, data| {
        if let Some(counter) = &connections {
            counter.on_connect(io, data);
        }
    })
    // Live frames are small and latency matters more than packet count.
    .tcp_nodelay(true)
    // `main` catches SIGTERM and Ctrl-C and stops gracefully (see `stop`).
    .disable_signals()
    .shutdown_timeout(crate::stop::REQUESTS_WITHIN.as_secs())
    .listen(listener)?;
    if let Some(workers) = settings.workers {
        server = server.workers(workers);
    }
    Ok(server.run())
}

/// The signed-in session: a private cookie kept for 30 days.
fn session_middleware(key: Key, secure: bool) -> SessionMiddleware<CookieSessionStore> {
    SessionMiddleware::builder(CookieSessionStore::default(), key)
        .cookie_name("hackday".into())
        .cookie_http_only(true)
        .cookie_same_site(SameSite::Lax)
        .cookie_secure(secure)
        .cookie_content_security(CookieContentSecurity::Private)
        .session_lifecycle(PersistentSession::default().session_ttl(CookieDuration::days(30)))
        .build()
}

/// Raises the soft open-file limit to the hard one and says so: every
/// connection is an open file.
fn raise_open_files() {
    match raise_open_file_limit() {
        Ok((before, after)) if after > before => {
            tracing::info!(
                before,
                after,
                "raised the open-file limit to the hard limit"
            )
        }
        Ok((_, limit)) => tracing::info!(limit, "open-file limit"),
        Err(e) => tracing::warn!(error = %e, "could not raise the open-file limit"),
    }
}
