//! Shared by the load tools: start the server, set up an event with teams
//! over HTTP, sign people up, open live sockets, and read a process's CPU
//! and memory.
#![allow(dead_code)]

use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

/// Starts the hackday server binary on a random port and returns it with
/// its address and the one-time admin setup token it printed.
pub async fn start_server(
    binary: &str,
    database_url: &str,
) -> (tokio::process::Child, String, String) {
    let mut server = tokio::process::Command::new(binary)
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            database_url,
        ])
        .env("RUST_LOG", "warn")
        // Every simulated client comes from 127.0.0.1: lift the per-address cap.
        .env("HACKDAY_MAX_CONNECTIONS_PER_ADDRESS", "1000000")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("start {binary}: {e} (cargo build --release first)"));
    let mut lines = BufReader::new(server.stdout.take().expect("stdout")).lines();
    let (mut base, mut setup) = (String::new(), String::new());
    while let Some(line) = lines.next_line().await.expect("a line") {
        if base.is_empty()
            && line.starts_with("hackday is running")
            && let Some(url) = line.split(" at ").nth(1)
        {
            base = url.trim_end_matches('/').to_string();
        }
        if let Some(token) = line.split("/admin/setup/").nth(1) {
            setup = token.trim().to_string();
            break;
        }
    }
    assert!(
        !base.is_empty() && !setup.is_empty(),
        "the server printed its address and setup link"
    );
    (server, base, setup)
}

pub fn client(jar: Arc<reqwest::cookie::Jar>) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

pub fn between(text: &str, start: &str, end: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(text[from..to].to_string())
}

pub async fn csrf(c: &reqwest::Client, url: &str) -> String {
    let body = c.get(url).send().await.unwrap().text().await.unwrap();
    between(&body, "name=\"csrf\" value=\"", "\"").expect("a csrf token")
}

pub async fn post(c: &reqwest::Client, url: &str, form: &[(&str, &str)]) -> reqwest::Response {
    c.post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(serde_html_form::to_string(form).unwrap())
        .send()
        .await
        .unwrap()
}

/// A signed-in person: their client and cookie jar.
pub struct Person {
    pub client: reqwest::Client,
    pub jar: Arc<reqwest::cookie::Jar>,
}

pub async fn sign_up(base: &str, name: &str) -> Person {
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let c = client(jar.clone());
    let token = csrf(&c, &format!("{base}/e/load")).await;
    let r = post(
        &c,
        &format!("{base}/e/load/join"),
        &[
            ("csrf", &token),
            ("name", name),
            ("skills", "developer"),
            ("conduct", "yes"),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303, "sign-up of {name}");
    Person { client: c, jar }
}

/// Sets up the event: admin, organiser, `teams` pitches, then team forming.
pub async fn set_up(base: &str, setup: &str, teams_wanted: usize, cap: u32) -> (Vec<i64>, Person) {
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let admin = client(jar);
    let t = csrf(&admin, &format!("{base}/admin/setup/{setup}")).await;
    post(
        &admin,
        &format!("{base}/admin/setup/{setup}"),
        &[("csrf", &t), ("name", "Load")],
    )
    .await;
    let t = csrf(&admin, &format!("{base}/admin")).await;
    let page = post(
        &admin,
        &format!("{base}/admin/events"),
        &[
            ("csrf", &t),
            ("name", "Load test"),
            ("slug", "load"),
            ("organiser", "Org"),
        ],
    )
    .await
    .text()
    .await
    .unwrap();
    let link = between(&page, &format!("{base}/signin/"), "\"").expect("an organiser link");
    let ojar = Arc::new(reqwest::cookie::Jar::default());
    let organiser = client(ojar.clone());
    organiser
        .get(format!("{base}/signin/{link}"))
        .send()
        .await
        .unwrap();
    let t = csrf(&organiser, &format!("{base}/e/load/organise")).await;
    let cap = cap.to_string();
    post(
        &organiser,
        &format!("{base}/e/load/organise/settings"),
        &[
            ("csrf", &t),
            ("name", "Load test"),
            ("venue", ""),
            ("starts_at", ""),
            ("ends_at", ""),
            ("team_size_cap", &cap),
            ("join_code", ""),
        ],
    )
    .await;
    post(
        &organiser,
        &format!("{base}/e/load/organise/phase"),
        &[("csrf", &t), ("phase", "pitching")],
    )
    .await;
    let mut teams = Vec::new();
    for i in 0..teams_wanted {
        let p = sign_up(base, &format!("Pitcher {i}")).await;
        let t = csrf(&p.client, &format!("{base}/e/load/pitch")).await;
        let r = post(
            &p.client,
            &format!("{base}/e/load/pitch"),
            &[("csrf", &t), ("title", &format!("Project {i}"))],
        )
        .await;
        let location = r.headers()["location"].to_str().unwrap().to_string();
        teams.push(location.rsplit('/').next().unwrap().parse().unwrap());
    }
    post(
        &organiser,
        &format!("{base}/e/load/organise/phase"),
        &[("csrf", &t), ("phase", "team_forming")],
    )
    .await;
    (
        teams,
        Person {
            client: organiser,
            jar: ojar,
        },
    )
}

pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub async fn open(base: &str, person: Option<&Person>) -> Socket {
    let url = format!("{}/e/load/live", base.replace("http://", "ws://"));
    let mut request = url.into_client_request().unwrap();
    if let Some(p) = person {
        use reqwest::cookie::CookieStore;
        if let Some(cookie) = p.jar.cookies(&base.parse().unwrap()) {
            request.headers_mut().insert("Cookie", cookie);
        }
    }
    for attempt in 0..20 {
        match tokio_tungstenite::connect_async_with_config(request.clone(), None, true).await {
            Ok((socket, _)) => return socket,
            Err(e) if attempt < 19 => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(100)).await
            }
            Err(e) => panic!("websocket: {e}"),
        }
    }
    unreachable!()
}

/// CPU seconds (user + system) a process has used so far.
pub fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks: f64 = fields.get(11).and_then(|u| u.parse().ok()).unwrap_or(0.0)
        + fields.get(12).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

pub fn rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}
