//! Test helpers: spawn the app on 127.0.0.1:0 with a fresh database (an
//! SQLite file in a temporary folder, or a new PostgreSQL database that is
//! dropped afterwards), and cookie-keeping clients that act as people.

use diesel::{Connection, RunQueryDsl};
use hackday::config::Settings;
use hackday::startup::Application;
use reqwest::{StatusCode, redirect};

/// Runs each test body once on SQLite and once on PostgreSQL, as
/// `<name>::on_sqlite` and `<name>::on_postgres`.
macro_rules! on_both_databases {
    ($(async fn $name:ident($app:ident: TestApp) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use $crate::helpers::*;
            async fn body($app: $crate::helpers::TestApp) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                body($crate::helpers::TestApp::spawn($crate::helpers::Db::Sqlite).await).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                body($crate::helpers::TestApp::spawn($crate::helpers::Db::Postgres).await).await
            }
        }
    )*};
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server the tests create their databases on (without a
/// database name). README: HACKDAY_TEST_POSTGRES.
pub fn postgres_server() -> String {
    std::env::var("HACKDAY_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_string())
        .trim_end_matches('/')
        .to_string()
}

/// A database made for one test and removed after it.
pub enum TestDatabase {
    /// The folder is removed when dropped.
    Sqlite {
        _dir: tempfile::TempDir,
        path: String,
    },
    Postgres {
        server: String,
        name: String,
    },
}

impl TestDatabase {
    pub fn create(db: Db) -> Self {
        match db {
            Db::Sqlite => {
                let dir = tempfile::tempdir().expect("a temporary folder");
                let path = dir
                    .path()
                    .join("test.sqlite3")
                    .to_string_lossy()
                    .to_string();
                TestDatabase::Sqlite { _dir: dir, path }
            }
            Db::Postgres => {
                let server = postgres_server();
                let name = format!("hackday_test_{}", random_suffix());
                let mut admin = diesel::PgConnection::establish(&format!("{server}/postgres"))
                    .unwrap_or_else(|e| {
                        panic!("PostgreSQL at {server} is needed for this test: {e}")
                    });
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .expect("create the test database");
                TestDatabase::Postgres { server, name }
            }
        }
    }

    pub fn url(&self) -> String {
        match self {
            TestDatabase::Sqlite { path, .. } => path.clone(),
            TestDatabase::Postgres { server, name } => format!("{server}/{name}"),
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { server, name } = self
            && let Ok(mut admin) = diesel::PgConnection::establish(&format!("{server}/postgres"))
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut admin);
        }
    }
}

fn random_suffix() -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    (0..12)
        .map(|_| rng.sample(rand::distributions::Alphanumeric) as char)
        .collect::<String>()
        .to_lowercase()
}

pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub setup_token: Option<String>,
    pub database_url: String,
    server: actix_web::dev::ServerHandle,
    stopper: hackday::stop::StopHandle,
    /// Kept so the database lives as long as the app (the first instance
    /// owns it; others share it).
    _database: Option<TestDatabase>,
}

/// A page as a test sees it.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

impl Page {
    pub fn csrf(&self) -> String {
        extract_between(&self.body, "name=\"csrf\" value=\"", "\"")
            .expect("the page has a form with a CSRF token")
    }

    pub fn assert_status(&self, status: u16) -> &Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body:\n{}",
            self.body
        );
        self
    }

    pub fn assert_redirect_to(&self, prefix: &str) -> &Self {
        assert_eq!(
            self.status.as_u16(),
            303,
            "expected a redirect; body:\n{}",
            self.body
        );
        let location = self.location.as_deref().unwrap_or("");
        assert!(
            location.starts_with(prefix),
            "redirected to {location}, expected {prefix}…"
        );
        self
    }
}

pub fn extract_between(text: &str, start: &str, end: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(text[from..to].to_string())
}

impl TestApp {
    pub async fn spawn(db: Db) -> Self {
        Self::spawn_with(db, |_| {}).await
    }

    pub async fn spawn_with(db: Db, customise: impl FnOnce(&mut Settings)) -> Self {
        let database = TestDatabase::create(db);
        let mut settings = Settings::for_tests(&database.url());
        customise(&mut settings);
        let mut app = Self::start(settings).await;
        app._database = Some(database);
        app
    }

    async fn start(settings: Settings) -> Self {
        // Server errors show in the output of a failing test.
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter("warn")
            .try_init();
        let database_url = settings.database_url.clone();
        let app = Application::build(settings).await.expect("the app builds");
        let port = app.port;
        let setup_token = app.setup_token.as_ref().map(|t| t.as_str().to_string());
        let server = app.server.handle();
        let stopper = app.stop_handle();
        tokio::spawn(app.server);
        TestApp {
            address: format!("http://127.0.0.1:{port}"),
            port,
            setup_token,
            database_url,
            server,
            stopper,
            _database: None,
        }
    }

    /// A second instance of the app on the same database.
    pub async fn another_instance(&self) -> TestApp {
        Self::start(Settings::for_tests(&self.database_url)).await
    }

    /// Stops the server, dropping every connection, and starts it again on
    /// the same port and database, as a restart in production would.
    pub async fn restart(&mut self) {
        self.stop().await;
        self.start_again().await;
    }

    /// Stops the server, dropping every connection (a network drop, or the
    /// server going down).
    pub async fn stop(&self) {
        self.server.stop(false).await;
    }

    /// Stops the server as SIGTERM does: live clients are told it is
    /// restarting, work in flight finishes.
    pub async fn stop_gracefully(&self) {
        self.stopper.stop(true).await;
    }

    /// Starts the server again on the same port and database.
    pub async fn start_again(&mut self) {
        let mut settings = Settings::for_tests(&self.database_url);
        settings.bind = format!("127.0.0.1:{}", self.port);
        let mut last = None;
        for _ in 0..50 {
            match Application::build(settings.clone()).await {
                Ok(app) => {
                    self.server = app.server.handle();
                    self.stopper = app.stop_handle();
                    tokio::spawn(app.server);
                    return;
                }
                Err(e) => {
                    last = Some(e);
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
            }
        }
        panic!("the app did not restart: {last:?}");
    }

    /// A new visitor with their own cookie jar.
    pub fn visitor(&self) -> User {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        User {
            client: reqwest::Client::builder()
                .cookie_provider(jar.clone())
                .redirect(redirect::Policy::none())
                .build()
                .expect("a client"),
            base: self.address.clone(),
            jar,
        }
    }

    /// Sets up the admin with the one-time link and returns them signed in.
    pub async fn admin(&self) -> User {
        let admin = self.visitor();
        let token = self
            .setup_token
            .clone()
            .expect("a fresh installation has a setup link");
        let form = admin.get(&format!("/admin/setup/{token}")).await;
        form.assert_status(200);
        admin
            .post(
                &format!("/admin/setup/{token}"),
                &[("csrf", &form.csrf()), ("name", "Ada Admin")],
            )
            .await
            .assert_redirect_to("/admin");
        admin
    }

    /// An event created by the admin and moved to `phase` by its organiser,
    /// who is returned signed in.
    pub async fn event_in_phase(&self, slug: &str, phase: &str) -> User {
        let admin = self.admin().await;
        let page = admin.get("/admin").await;
        let created = admin
            .post(
                "/admin/events",
                &[
                    ("csrf", &page.csrf()),
                    ("name", "Test Hack Day"),
                    ("slug", slug),
                    ("organiser", "Olu Organiser"),
                ],
            )
            .await;
        created.assert_status(200);
        let link = extract_between(&created.body, &format!("{}/signin/", self.address), "\"")
            .expect("an organiser sign-in link");
        let organiser = self.visitor();
        organiser
            .get(&format!("/signin/{link}"))
            .await
            .assert_redirect_to(&format!("/e/{slug}/organise"));
        if phase != "draft" {
            organiser.set_phase(slug, phase).await;
        }
        organiser
    }

    /// A new attendee signed up to the event.
    pub async fn attendee(&self, slug: &str, name: &str, skills: &[&str]) -> User {
        let user = self.visitor();
        let page = user.get(&format!("/e/{slug}")).await;
        page.assert_status(200);
        let csrf = page.csrf();
        let mut form = vec![("csrf", csrf.as_str()), ("name", name), ("conduct", "yes")];
        form.extend(skills.iter().map(|s| ("skills", *s)));
        user.post(&format!("/e/{slug}/join"), &form)
            .await
            .assert_redirect_to(&format!("/e/{slug}/me"));
        user
    }
}

pub struct User {
    pub client: reqwest::Client,
    pub base: String,
    pub jar: std::sync::Arc<reqwest::cookie::Jar>,
}

impl User {
    /// The Cookie header this person's browser would send.
    pub fn cookie_header(&self) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let url = self.base.parse().expect("a base URL");
        self.jar
            .cookies(&url)
            .and_then(|v| v.to_str().ok().map(str::to_string))
    }

    pub async fn get(&self, path: &str) -> Page {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET succeeds");
        to_page(response).await
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        let body = serde_html_form::to_string(form).expect("a form body");
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST succeeds");
        to_page(response).await
    }

    /// Posts a form with this session's CSRF token, read from `from`.
    pub async fn post_with_csrf(&self, from: &str, path: &str, form: &[(&str, &str)]) -> Page {
        let csrf = self.get(from).await.csrf();
        let mut full = vec![("csrf", csrf.as_str())];
        full.extend_from_slice(form);
        self.post(path, &full).await
    }

    pub async fn set_phase(&self, slug: &str, phase: &str) {
        self.post_with_csrf(
            &format!("/e/{slug}/organise"),
            &format!("/e/{slug}/organise/phase"),
            // Going back asks first; the helper has already said yes.
            &[("phase", phase), ("confirm", "1")],
        )
        .await
        .assert_redirect_to(&format!("/e/{slug}/organise"));
    }

    /// Submits a pitch and returns the new project's path.
    pub async fn pitch(&self, slug: &str, title: &str, problem: &str, skills: &[&str]) -> String {
        let mut form = vec![("title", title), ("problem", problem)];
        form.extend(skills.iter().map(|s| ("skills", *s)));
        let page = self
            .post_with_csrf(
                &format!("/e/{slug}/pitch"),
                &format!("/e/{slug}/pitch"),
                &form,
            )
            .await;
        page.assert_redirect_to(&format!("/e/{slug}/p/"));
        page.location.clone().expect("a location")
    }
}

async fn to_page(response: reqwest::Response) -> Page {
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = response.text().await.expect("a body");
    Page {
        status,
        location,
        body,
    }
}
