//! The phone half of the page benchmark: the bytes a phone transfers to
//! open the event page cold and on a reload, and the server's memory with
//! many events in memory.

use super::{PEOPLE, PROJECTS, SLUG};
use hackday::service::demo;
use std::time::Duration;

/// What a phone transfers to open the event page cold (HTML, CSS, JS) and
/// on a reload: the static files are asked for with If-None-Match and
/// answer 304 (with `immutable` a browser does not even ask); the HTML
/// answers 304 too while the event has not changed, and comes again
/// (compressed) after a change.
pub async fn phone_bytes(base: &str) -> anyhow::Result<()> {
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
    let page_etag = etag(&again);
    let html_again = wire_bytes(&again, 0) + again.bytes().await?.len();
    let same = get(format!("/e/{SLUG}"), page_etag).await?;
    anyhow::ensure!(
        same.status() == 304,
        "the unchanged event page answers 304 to If-None-Match"
    );
    let mut unchanged = wire_bytes(&same, 0);
    let text = gunzip(&html);
    let assets = static_files(&text);
    let (mut cold, mut reload) = (html_headers + html.len(), html_again);
    for asset in &assets {
        let response = get(asset.clone(), None).await?;
        let tag = etag(&response);
        cold += wire_bytes(&response, 0) + response.bytes().await?.len();
        let again = get(asset.clone(), tag).await?;
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

/// The /static/ files a page links to (style sheets and scripts).
fn static_files(html: &str) -> Vec<String> {
    let mut files = Vec::new();
    for marker in ["href=\"/static/", "src=\"/static/"] {
        for piece in html.split(marker).skip(1) {
            if let Some(end) = piece.find('"') {
                files.push(format!("/static/{}", &piece[..end]));
            }
        }
    }
    files
}

fn etag(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get("etag")
        .and_then(|e| e.to_str().ok())
        .map(str::to_string)
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

fn gunzip(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut text = String::new();
    let _ = flate2::read::GzDecoder::new(bytes).read_to_string(&mut text);
    text
}

/// Seeds `events` events of 60 projects, opens each one's page (which puts
/// its read model and rendered page in memory) and prints the RSS.
pub async fn memory(
    store: &hackday::store::Store,
    base: &str,
    events: usize,
) -> anyhow::Result<()> {
    let before = rss_mb();
    let c = super::client();
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
