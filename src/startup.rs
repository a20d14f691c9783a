//! Builds the application from settings: opens the store, prepares the
//! session key and templates, binds the listener. Used by `main` and tests.

use crate::config::Settings;
use crate::domain::SecretToken;
use crate::live::{Live, hub::Hub};
use crate::service::{self, demo::DemoLinks};
use crate::store::Store;
use crate::web::{self, AppState, render::Templates};
use actix_session::SessionMiddleware;
use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_web::cookie::{Key, SameSite, time::Duration as CookieDuration};
use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web::Data};
use std::net::TcpListener;
use std::time::Duration;

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
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let url = settings.database_url.clone();
        let pool_size = settings.pool_size;
        let sync = settings.sqlite_sync;
        let (store, migrations_applied) =
            tokio::task::spawn_blocking(move || Store::open(&url, pool_size, sync)).await??;
        let key = service::admin::session_key(&store).await?;
        let setup_token = service::admin::setup_link_if_needed(&store).await?;
        let demo = if settings.demo {
            Some(service::demo::ensure_demo(&store).await?)
        } else {
            None
        };
        let listener = TcpListener::bind(&settings.bind)?;
        let port = listener.local_addr()?.port();
        let host = listener.local_addr()?.ip();
        let base_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{host}:{port}"));
        let templates = Templates::load()?;
        let live = Live::new(
            Hub::new(Duration::from_millis(settings.live_batch_ms)),
            store.backend(),
        );
        live.start_listener(&settings.database_url);
        let state = Data::new(AppState {
            store: store.clone(),
            live: live.clone(),
            templates,
            settings: settings.clone(),
        });
        let key = Key::from(&key);
        let secure = settings.secure_cookies;
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .wrap(from_fn(web::error::render_error_pages))
                .wrap(from_fn(web::security::check_origin))
                .wrap(
                    SessionMiddleware::builder(CookieSessionStore::default(), key.clone())
                        .cookie_name("hackday".into())
                        .cookie_http_only(true)
                        .cookie_same_site(SameSite::Lax)
                        .cookie_secure(secure)
                        .cookie_content_security(CookieContentSecurity::Private)
                        .session_lifecycle(
                            PersistentSession::default().session_ttl(CookieDuration::days(30)),
                        )
                        .build(),
                )
                .wrap(web::security::headers())
                .configure(web::routes)
        })
        // Live frames are small and latency matters more than packet count.
        .tcp_nodelay(true)
        .listen(listener)?;
        if let Some(workers) = settings.workers {
            server = server.workers(workers);
        }
        Ok(Self {
            server: server.run(),
            port,
            base_url,
            store,
            live,
            migrations_applied,
            setup_token,
            demo,
        })
    }
}
