//! Soak test for the projector page: starts the release server with an
//! event in team forming, opens `/e/{slug}/display` in headless Chromium at
//! 1920x1080, keeps teams changing (joins and leaves every few hundred ms)
//! for the given minutes, and every 30 s forces a garbage collection and
//! prints the page's JavaScript heap and DOM size, then says whether the
//! heap grew.
//!
//!   cargo build --release --examples
//!   ./target/release/examples/display_soak --minutes 10

use clap::Parser;
use fantoccini::ClientBuilder;
use futures_util::SinkExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use support::{open, set_up, sign_up};
use tokio_tungstenite::tungstenite::Message;

#[path = "support/mod.rs"]
mod support;

#[derive(Parser, Debug)]
struct Args {
    #[arg(long, default_value_t = 10.0)]
    minutes: f64,
    /// Team changes per second.
    #[arg(long, default_value_t = 4.0)]
    rate: f64,
    #[arg(long, default_value = "target/release/hackday")]
    binary: String,
}

async fn browser(base: &str) -> (fantoccini::Client, tokio::process::Child) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let driver = tokio::process::Command::new(
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()),
    )
    .arg(format!("--port={port}"))
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null())
    .kill_on_drop(true)
    .spawn()
    .expect("chromedriver");
    let profile = tempfile::tempdir().unwrap().keep();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({"binary": std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".into()), "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1920,1080",
            "--js-flags=--expose-gc", "--enable-precise-memory-info", format!("--user-data-dir={}", profile.display())
        ]}),
    );
    for _ in 0..50 {
        if let Ok(client) = ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            client
                .goto(&format!("{base}/e/load/display"))
                .await
                .unwrap();
            return (client, driver);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("no browser session");
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let dir = tempfile::tempdir().unwrap();
    let db = dir
        .path()
        .join("soak.sqlite3")
        .to_string_lossy()
        .to_string();
    let (mut server, base, setup) = support::start_server(&args.binary, &db).await;
    let (teams, _organiser) = set_up(&base, &setup, 20, 8).await;
    let mut actors = Vec::new();
    for i in 0..8 {
        actors.push(open(&base, Some(&sign_up(&base, &format!("Soak {i}")).await)).await);
    }
    let (client, _driver) = browser(&base).await;
    let stop = Arc::new(AtomicBool::new(false));
    let churn_stop = stop.clone();
    let period = Duration::from_secs_f64(1.0 / args.rate);
    let churn = tokio::spawn(async move {
        let mut n = 0usize;
        while !churn_stop.load(Ordering::Relaxed) {
            let socket = &mut actors[n % 8];
            let command = if (n / 8).is_multiple_of(2) {
                format!(
                    r#"{{"type":"join","id":"s{n}","team":{}}}"#,
                    teams[n % teams.len()]
                )
            } else {
                format!(r#"{{"type":"leave","id":"s{n}"}}"#)
            };
            let _ = socket.send(Message::Text(command.into())).await;
            n += 1;
            tokio::time::sleep(period).await;
        }
        n
    });
    let started = Instant::now();
    let mut samples: Vec<(f64, f64)> = Vec::new();
    println!("minute  heap MB  DOM nodes  live version");
    while started.elapsed().as_secs_f64() < args.minutes * 60.0 {
        tokio::time::sleep(Duration::from_secs(30)).await;
        let v = client
            .execute(
                "window.gc && window.gc(); return [performance.memory.usedJSHeapSize, document.getElementsByTagName('*').length, window.hackdayLive ? window.hackdayLive.version : -1];",
                vec![],
            )
            .await
            .unwrap();
        let heap = v[0].as_f64().unwrap_or(0.0) / 1_048_576.0;
        let minute = started.elapsed().as_secs_f64() / 60.0;
        println!("{minute:6.1}  {heap:7.2}  {:9}  {}", v[1], v[2]);
        samples.push((minute, heap));
    }
    stop.store(true, Ordering::Relaxed);
    let changes = churn.await.unwrap_or(0);
    // Compare the second minute (after warm-up) with the last.
    let warm: Vec<f64> = samples
        .iter()
        .filter(|(m, _)| *m >= 1.0 && *m < 2.1)
        .map(|(_, h)| *h)
        .collect();
    let last = samples.last().map(|(_, h)| *h).unwrap_or(0.0);
    let first = warm.iter().copied().fold(f64::NAN, f64::min);
    println!(
        "{changes} team changes in {:.1} minutes; heap after warm-up {first:.2} MB, at the end {last:.2} MB: {}",
        started.elapsed().as_secs_f64() / 60.0,
        if last > first * 1.2 + 0.5 {
            "it grows"
        } else {
            "it does not grow"
        }
    );
    let _ = client.close().await;
    let _ = server.kill().await;
}
