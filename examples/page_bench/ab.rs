//! The A/B half of the page benchmark: each page as hackday answers it is
//! captured and replayed by a bare actix-web server, and wrk loads one
//! server at a time, alternating, so the ratio holds on a noisy machine.

use std::collections::BTreeMap;

/// One answer as captured from hackday, to be replayed by the bare server.
#[derive(Clone)]
pub struct Captured {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

#[derive(Default, Clone, Copy)]
pub struct Run {
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// The pages to compare: (name, path, the cookie to send).
pub type Pages = [(&'static str, String, String)];

/// Captures every page, starts the bare server with the same bytes and
/// prints the A/B table: requests per second, p50/p99 and the ratio.
pub async fn compare(base: &str, pages: &Pages, args: &super::Args) -> anyhow::Result<()> {
    let mut captured = BTreeMap::new();
    for (_, path, cookie) in pages {
        let key = format!("{path}|{cookie}");
        captured.insert(key, capture(base, path, cookie).await?);
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
    for (name, path, cookie) in pages {
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
    bare.1.stop(true).await;
    Ok(())
}

fn mean(runs: &[Run]) -> Run {
    let n = runs.len() as f64;
    Run {
        rps: runs.iter().map(|r| r.rps).sum::<f64>() / n,
        p50_ms: runs.iter().map(|r| r.p50_ms).sum::<f64>() / n,
        p99_ms: runs.iter().map(|r| r.p99_ms).fold(0.0, f64::max),
    }
}

/// A page as a phone gets it (gzip accepted).
async fn capture(base: &str, path: &str, cookie: &str) -> anyhow::Result<Captured> {
    let response = super::client()
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
