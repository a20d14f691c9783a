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

mod ab;
mod phone;

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
    /// Closed events of 60 projects in the cross-event archive.
    #[arg(long, default_value_t = 5)]
    closed: usize,
    /// Events of 60 projects loaded for the memory figure.
    #[arg(long, default_value_t = 100)]
    events: usize,
}

const SLUG: &str = "bench";
const PROJECTS: usize = 60;
const PEOPLE: usize = 200;

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
    seed_archive(&store, args.closed).await?;
    let stop = app.stop_handle();
    tokio::spawn(app.server);
    println!("hackday at {base} on {}", backend_name(&database_url));

    let pages = pages(&base, &seeded).await?;
    ab::compare(&base, &pages, &args).await?;
    phone::phone_bytes(&base).await?;
    phone::memory(&store, &base, args.events).await?;
    stop.stop(true).await;
    Ok(())
}

/// The pages measured, each with the cookie a phone sends on a reload.
async fn pages(
    base: &str,
    seeded: &demo::Seeded,
) -> anyhow::Result<Vec<(&'static str, String, String)>> {
    // Both as a phone on a reload: with the cookie its first visit got.
    let anonymous = settled_cookie(base, None).await?;
    let signed_in = settled_cookie(base, Some(&seeded.attendee)).await?;
    Ok(vec![
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
        // The umbrella's pages, across events.
        ("/ (home)", "/".to_string(), anonymous.clone()),
        ("/archive", "/archive".to_string(), anonymous.clone()),
    ])
}

/// `closed` events like the bench event, closed, for `/archive`.
async fn seed_archive(store: &hackday::store::Store, closed: usize) -> anyhow::Result<()> {
    use hackday::store::events;
    for i in 0..closed {
        let slug = format!("closed{i}");
        demo::seed_event(store, &slug, &format!("Closed {i}"), PROJECTS, PEOPLE).await?;
        store
            .write(move |conn| {
                let event = events::find_by_slug(conn, &slug)?.expect("just seeded");
                events::set_phase(conn, event.id, hackday::domain::Phase::Closed)?;
                events::bump_version(conn, event.id)?;
                Ok::<_, hackday::service::ServiceError>(())
            })
            .await?;
    }
    Ok(())
}

fn backend_name(url: &str) -> &'static str {
    if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
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
