//! The real `hackday` binary as a child process on a random port, for what
//! only a process shows: its log output, its metrics (the recorder is
//! process-wide) and the lock it holds on its database.

use crate::helpers::{Db, TestDatabase, User, extract_between};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub const BINARY: &str = env!("CARGO_BIN_EXE_hackday");

pub struct Served {
    pub address: String,
    /// The separate metrics address, when `--metrics-bind` was given.
    pub metrics_address: Option<String>,
    pub setup_token: Option<String>,
    pub database_url: String,
    child: Child,
    /// Everything the server wrote to standard error so far.
    log: Arc<Mutex<String>>,
    _database: Option<TestDatabase>,
}

impl Served {
    /// Starts `hackday serve` on a fresh database with extra arguments.
    pub async fn start(db: Db, args: &[&str]) -> Served {
        let database = TestDatabase::create(db);
        let mut served = Self::start_on(&database.url(), args).await;
        served._database = Some(database);
        served
    }

    /// Starts `hackday serve` on an existing database.
    pub async fn start_on(database_url: &str, args: &[&str]) -> Served {
        let mut child = Command::new(BINARY)
            .arg("serve")
            .args(["--bind", "127.0.0.1:0", "--database-url", database_url])
            .args(["--workers", "2"])
            .args(args)
            .env("RUST_LOG", "info")
            .env("HACKDAY_SQLITE_SYNC", "normal")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the hackday binary starts");
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let sink = log.clone();
        tokio::spawn(async move {
            while let Ok(Some(line)) = stderr.next_line().await {
                let mut log = sink.lock().expect("log lock");
                log.push_str(&line);
                log.push('\n');
            }
        });
        let banner = read_banner(&mut child, &log).await;
        Served {
            address: banner.address,
            metrics_address: banner.metrics,
            setup_token: banner.setup_token,
            database_url: database_url.to_string(),
            child,
            log,
            _database: None,
        }
    }

    /// The server's log so far.
    pub fn log(&self) -> String {
        self.log.lock().expect("log lock").clone()
    }

    /// Waits until the log satisfies `check` (log lines are written as the
    /// response goes out, and read here by another task).
    pub async fn wait_for_log(&self, check: impl Fn(&str) -> bool) -> String {
        for _ in 0..100 {
            let log = self.log();
            if check(&log) {
                return log;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the log never showed what was expected:\n{}", self.log());
    }

    /// Stops the server (SIGKILL) and waits for it to exit.
    pub async fn kill(&mut self) {
        self.child.kill().await.expect("the server stops");
    }

    pub fn visitor(&self) -> User {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        User {
            client: reqwest::Client::builder()
                .cookie_provider(jar.clone())
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("a client"),
            base: self.address.clone(),
            jar,
        }
    }

    /// Sets up the admin, creates the event `slug` and returns its organiser
    /// signed in, with the organiser's sign-in token.
    pub async fn event(&self, slug: &str) -> (User, String) {
        let token = self.setup_token.clone().expect("a fresh database");
        let admin = self.visitor();
        let form = admin.get(&format!("/admin/setup/{token}")).await;
        admin
            .post(
                &format!("/admin/setup/{token}"),
                &[("csrf", &form.csrf()), ("name", "Ada Admin")],
            )
            .await
            .assert_redirect_to("/admin");
        let page = admin.get("/admin").await;
        let created = admin
            .post(
                "/admin/events",
                &[
                    ("csrf", &page.csrf()),
                    ("name", "Ops Hack Day"),
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
        (organiser, link)
    }
}

struct Banner {
    address: String,
    metrics: Option<String>,
    setup_token: Option<String>,
}

/// Reads standard output until the server says where it listens and, on a
/// fresh database, prints the setup link (the lines that follow come at once).
async fn read_banner(child: &mut Child, log: &Arc<Mutex<String>>) -> Banner {
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut address = None;
    let mut metrics = None;
    let mut setup_token = None;
    loop {
        // Until the address is known the server may be migrating; after it,
        // the rest of the banner is printed straight away.
        let wait = if address.is_some() { 1 } else { 30 };
        let line = match tokio::time::timeout(Duration::from_secs(wait), stdout.next_line()).await {
            Ok(Ok(Some(line))) => line,
            _ => break,
        };
        if address.is_none() && line.starts_with("hackday is running") {
            let at = line.split(" at ").nth(1).expect("an address");
            address = Some(at.trim_end_matches('/').to_string());
        } else if let Some(at) = line.trim().strip_prefix("metrics: ") {
            metrics = Some(at.trim_end_matches("/metrics").to_string());
        } else if let Some(found) = line.split("/admin/setup/").nth(1) {
            setup_token = Some(found.trim().to_string());
            break;
        }
    }
    let address =
        address.unwrap_or_else(|| panic!("the server did not start:\n{}", log.lock().unwrap()));
    // Keep draining standard output so the server never blocks on it.
    tokio::spawn(async move { while let Ok(Some(_)) = stdout.next_line().await {} });
    Banner {
        address,
        metrics,
        setup_token,
    }
}
