//! Page benchmark: hackday's pages against a bare actix-web server that
//! answers the same bytes with the same headers, measured in one run with
//! wrk (A/B/A/B), plus what a phone downloads for the event page and the
//! server's memory with many events in memory.
//!
//!   cargo run --release --example page_bench
//!   cargo run --release --example page_bench -- --database-url postgres://postgres@127.0.0.1:5432/hackday_bench
//!
//! The server runs in this process (release build, 2 workers) on a fresh
//! database with an event of 60 projects and 200 people, seeded through the
//! service layer; wrk (`/usr/bin/wrk`) loads one server at a time.

use clap::Parser;
use hackday::config::Settings;
use hackday::service::demo;
use hackday::startup::Application;
use std::collections::BTreeMap;
use std::time::Duration;

#[derive(Parser, Debug)]
struct Args {
    /// An SQLite path (default: a new temporary file) or the postgres:// URL
    /// of an empty database.
    #[arg(long)]
    database_url: Option<String>,
    /// Seconds per wrk run.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// wrk connections.
    #[arg(long, default_value_t = 50)]
    connections: u32,
    /// Rounds of A/B per page.
    #[arg(long, default_value_t = 2)]
    rounds: u32,
    /// Events of 60 projects loaded for the memory figure.
    #[arg(long, default_value_t = 100)]
    events: usize,
}

const SLUG: &str = "bench";
const PROJECTS: usize = 60;
const PEOPLE: usize = 200;

/// One answer as captured from hackday, to be replayed by the bare server.
#[derive(Clone)]
struct Captured {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

#[derive(Default, Clone, Copy)]
struct Run {
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let database_url = args.database_url.clone().unwrap_or_else(|| {
        dir.path()
            .join("bench.sqlite3")
            .to_string_lossy()
            .to_string()
    });
    let mut settings = Settings::for_tests(&database_url);
    settings.max_connections_per_address = 1_000_000;
    settings.sqlite_sync = hackday::store::SqliteSync::Full;
    let app = Application::build(settings).await?;
    let base = app.base_url.clone();
    let store = app.store.clone();
    let seeded = demo::seed_event(&store, SLUG, "Bench Hack Day", PROJECTS, PEOPLE).await?;
    let stop = app.stop_handle();
    tokio::spawn(app.server);
    println!("hackday at {base} on {}", backend_name(&database_url));

    // Both as a phone on a reload: with the cookie its first visit got.
    let anonymous = settled_cookie(&base, None).await?;
    let signed_in = settled_cookie(&base, Some(&seeded.attendee)).await?;
    let pages = [
        (
            "/e/bench (anonymous)",
            format!("/e/{SLUG}"),
            anonymous.clone(),
        ),
        (
            "/e/bench (signed in)",
            format!("/e/{SLUG}"),
            signed_in.clone(),
        ),
        (
            "/e/bench/p/<id>",
            format!("/e/{SLUG}/p/{}", seeded.project),
            anonymous.clone(),
        ),
        (
            "/e/bench/projects",
            format!("/e/{SLUG}/projects"),
            anonymous.clone(),
        ),
        (
            "/e/bench/display",
            format!("/e/{SLUG}/display"),
            anonymous.clone(),
        ),
    ];
    let mut captured = BTreeMap::new();
    for (_, path, cookie) in &pages {
        let key = format!("{path}|{cookie}");
        captured.insert(key, capture(&base, path, cookie).await?);
    }
    let bare = bare_server(captured.clone())?;
    let bare_base = format!("http://{}", bare.0);
    println!("bare server at {bare_base}");

    println!(
        "\nwrk -t2 -c{} -d{}s, gzip accepted, {} rounds A/B alternated (A = hackday, B = bare server, same bytes)\n",
        args.connections, args.seconds, args.rounds
    );
    println!(
        "| page | bytes (gzip) | hackday req/s | bare req/s | ratio | hackday p50 / p99 | bare p50 / p99 |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (name, path, cookie) in &pages {
        let key = format!("{path}|{cookie}");
        let bytes = captured[&key].body.len();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..args.rounds {
            // Off this thread: it also runs the servers' accept loops.
            for (url, runs) in [
                (format!("{base}{path}"), &mut a),
                (format!("{bare_base}{path}"), &mut b),
            ] {
                let (cookie, (seconds, connections)) =
                    (cookie.clone(), (args.seconds, args.connections));
                runs.push(
                    tokio::task::spawn_blocking(move || wrk(&url, &cookie, seconds, connections))
                        .await??,
                );
            }
        }
        let (a, b) = (mean(&a), mean(&b));
        println!(
            "| {name} | {bytes} | {:.0} | {:.0} | {:.1}% | {:.2} / {:.2} ms | {:.2} / {:.2} ms |",
            a.rps,
            b.rps,
            100.0 * a.rps / b.rps,
            a.p50_ms,
            a.p99_ms,
            b.p50_ms,
            b.p99_ms
        );
    }
    phone_bytes(&base).await?;
    memory(&store, &base, args.events).await?;
    bare.1.stop(true).await;
    stop.stop(true).await;
    Ok(())
}

fn backend_name(url: &str) -> &'static str {
    if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    }
}

fn mean(runs: &[Run]) -> Run {
    let n = runs.len() as f64;
    Run {
        rps: runs.iter().map(|r| r.rps).sum::<f64>() / n,
        p50_ms: runs.iter().map(|r| r.p50_ms).sum::<f64>() / n,
        p99_ms: runs.iter().map(|r| r.p99_ms).fold(0.0, f64::max),
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

/// The cookie a browser holds after its first visit to the event page
/// (signed in with a personal link first, or not): later requests with it
/// set no new cookie.
async fn settled_cookie(base: &str, link: Option<&str>) -> anyhow::Result<String> {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let c = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    if let Some(link) = link {
        c.get(format!("{base}/signin/{link}")).send().await?;
    }
    c.get(format!("{base}/e/{SLUG}")).send().await?;
    use reqwest::cookie::CookieStore;
    let cookie = jar
        .cookies(&base.parse()?)
        .and_then(|v| v.to_str().ok().map(str::to_string))
        .unwrap_or_default();
    anyhow::ensure!(!cookie.is_empty(), "the first visit set a cookie");
    Ok(cookie)
}

/// A page as a phone gets it (gzip accepted).
async fn capture(base: &str, path: &str, cookie: &str) -> anyhow::Result<Captured> {
    let response = client()
        .get(format!("{base}{path}"))
        .header("Accept-Encoding", "gzip")
        .header("Cookie", cookie)
        .send()
        .await?;
    anyhow::ensure!(
        response.headers().get("set-cookie").is_none(),
        "{path} sets no new cookie on a reload"
    );
    let status = response.status().as_u16();
    anyhow::ensure!(status == 200, "{path} answered {status}");
    let headers = response
        .headers()
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "content-length" | "date" | "set-cookie"))
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = response.bytes().await?.to_vec();
    Ok(Captured {
        status,
        headers,
        body,
    })
}

/// A bare actix-web server (2 workers) answering each captured path with
/// its captured bytes and headers.
fn bare_server(
    pages: BTreeMap<String, Captured>,
) -> anyhow::Result<(std::net::SocketAddr, actix_web::dev::ServerHandle)> {
    use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
    let by_path = web::Data::new(pages);
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let address = listener.local_addr()?;
    let server = HttpServer::new(move || {
        App::new()
            .app_data(by_path.clone())
            .default_service(web::to(
                |req: HttpRequest, pages: web::Data<BTreeMap<String, Captured>>| async move {
                    let cookie = req
                        .headers()
                        .get("cookie")
                        .and_then(|c| c.to_str().ok())
                        .unwrap_or("");
                    let key = format!("{}|{cookie}", req.path());
                    match pages.get(&key) {
                        Some(page) => {
                            let mut response = HttpResponse::build(
                                actix_web::http::StatusCode::from_u16(page.status)
                                    .expect("a status"),
                            );
                            for (name, value) in &page.headers {
                                response.insert_header((name.as_str(), value.as_str()));
                            }
                            response.body(page.body.clone())
                        }
                        None => HttpResponse::NotFound().finish(),
                    }
                },
            ))
    })
    .workers(2)
    .disable_signals()
    .listen(listener)?
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    Ok((address, handle))
}

/// One wrk run against a URL, parsed.
fn wrk(url: &str, cookie: &str, seconds: u64, connections: u32) -> anyhow::Result<Run> {
    let mut command = std::process::Command::new("wrk");
    command.args([
        "-t2",
        &format!("-c{connections}"),
        &format!("-d{seconds}s"),
        "--latency",
        "-H",
        "Accept-Encoding: gzip",
    ]);
    command.args(["-H", &format!("Cookie: {cookie}")]);
    let output = command.arg(url).output()?;
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    let field = |prefix: &str| -> Option<&str> {
        text.lines()
            .map(str::trim)
            .find(|l| l.starts_with(prefix))
            .and_then(|l| l.split_whitespace().nth(1))
    };
    let non_2xx = text.contains("Non-2xx") || !text.contains("Requests/sec:");
    anyhow::ensure!(
        !non_2xx,
        "wrk saw errors for {url}:\n{text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(Run {
        rps: field("Requests/sec:")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0),
        p50_ms: field("50%").map(millis).unwrap_or(0.0),
        p99_ms: field("99%").map(millis).unwrap_or(0.0),
    })
}

/// wrk's "1.23ms", "456.00us", "1.02s" in milliseconds.
fn millis(value: &str) -> f64 {
    let (number, factor) = if let Some(v) = value.strip_suffix("us") {
        (v, 0.001)
    } else if let Some(v) = value.strip_suffix("ms") {
        (v, 1.0)
    } else if let Some(v) = value.strip_suffix('s') {
        (v, 1000.0)
    } else {
        (value, 1.0)
    };
    number.parse::<f64>().unwrap_or(0.0) * factor
}

/// Bytes on the wire (headers and body) of one answer.
fn wire_bytes(response: &reqwest::Response, body: usize) -> usize {
    let headers: usize = response
        .headers()
        .iter()
        .map(|(n, v)| n.as_str().len() + v.len() + 4)
        .sum();
    headers + body + 17
}

/// What a phone transfers to open the event page cold (HTML, CSS, JS) and
/// on a reload: the static files are asked for with If-None-Match and
/// answer 304 (with `immutable` a browser does not even ask); the HTML
/// answers 304 too while the event has not changed, and comes again
/// (compressed) after a change.
async fn phone_bytes(base: &str) -> anyhow::Result<()> {
    // A browser: it keeps the cookie its first visit got.
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let get = |path: String, etag: Option<String>| {
        let mut request = c
            .get(format!("{base}{path}"))
            .header("Accept-Encoding", "gzip");
        if let Some(etag) = etag {
            request = request.header("If-None-Match", etag);
        }
        request.send()
    };
    // The first visit sets the cookie; every later one keeps it.
    let first = get(format!("/e/{SLUG}"), None).await?;
    let html_headers = wire_bytes(&first, 0);
    let html = first.bytes().await?;
    // The HTML as it comes again after a change (the cookie kept).
    let again = get(format!("/e/{SLUG}"), None).await?;
    let page_etag = again
        .headers()
        .get("etag")
        .and_then(|e| e.to_str().ok())
        .map(str::to_string);
    let html_again = wire_bytes(&again, 0) + again.bytes().await?.len();
    let same = get(format!("/e/{SLUG}"), page_etag).await?;
    anyhow::ensure!(
        same.status() == 304,
        "the unchanged event page answers 304 to If-None-Match"
    );
    let mut unchanged = wire_bytes(&same, 0);
    let text = gunzip(&html);
    let mut assets = Vec::new();
    for marker in ["href=\"/static/", "src=\"/static/"] {
        for piece in text.split(marker).skip(1) {
            if let Some(end) = piece.find('"') {
                assets.push(format!("/static/{}", &piece[..end]));
            }
        }
    }
    let (mut cold, mut reload) = (html_headers + html.len(), html_again);
    for asset in &assets {
        let response = get(asset.clone(), None).await?;
        let etag = response
            .headers()
            .get("etag")
            .and_then(|e| e.to_str().ok())
            .map(str::to_string);
        let head = wire_bytes(&response, 0);
        cold += head + response.bytes().await?.len();
        let again = get(asset.clone(), etag).await?;
        anyhow::ensure!(
            again.status() == 304,
            "{asset} answers 304 to If-None-Match"
        );
        reload += wire_bytes(&again, 0);
        unchanged += wire_bytes(&again, 0);
    }
    println!(
        "\nA phone opening /e/{SLUG} ({PROJECTS} projects): HTML {} bytes gzipped ({} unzipped) + {} static files",
        html.len(),
        text.len(),
        assets.len()
    );
    println!("  cold: {cold} bytes on the wire (HTML + CSS + JS, gzip, with headers)");
    println!(
        "  reload, nothing changed: {unchanged} bytes (a 304 for the HTML and for each static file)"
    );
    println!(
        "  reload after a change: {reload} bytes (the HTML again + a 304 for each static file)"
    );
    println!(
        "  reload after a change as a browser makes it (immutable files not asked for): {html_again} bytes (the HTML again, with headers)"
    );
    Ok(())
}

fn gunzip(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut text = String::new();
    let _ = flate2::read::GzDecoder::new(bytes).read_to_string(&mut text);
    text
}

/// Seeds `events` events of 60 projects, opens each one's page (which puts
/// its read model and rendered page in memory) and prints the RSS.
async fn memory(store: &hackday::store::Store, base: &str, events: usize) -> anyhow::Result<()> {
    let before = rss_mb();
    let c = client();
    for i in 0..events {
        let slug = format!("mem{i}");
        demo::seed_event(store, &slug, &format!("Memory {i}"), PROJECTS, PEOPLE).await?;
        let page = c
            .get(format!("{base}/e/{slug}"))
            .header("Accept-Encoding", "gzip")
            .send()
            .await?;
        anyhow::ensure!(page.status() == 200, "event {slug} answers");
        page.bytes().await?;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    println!(
        "\nMemory: RSS {before:.0} MB with one event; {:.0} MB with {events} more events of {PROJECTS} projects and {PEOPLE} people each in memory",
        rss_mb()
    );
    Ok(())
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}
