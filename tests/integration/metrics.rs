//! `/metrics`, read from a real server process (the recorder is
//! process-wide): off by default, only with the token on the app's address,
//! open to whoever reaches the separate metrics address, and counting an
//! event's open sockets.

use crate::helpers::Db;
use crate::served::Served;
use crate::ws::WsClient;
use std::time::Duration;

const TOKEN: &str = "a-long-metrics-token-for-tests";

/// GETs `url` with an optional bearer token: (status, body).
async fn get(url: &str, token: Option<&str>) -> (u16, String) {
    let mut request = reqwest::Client::new().get(url);
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let response = request.send().await.expect("GET succeeds");
    let status = response.status().as_u16();
    (status, response.text().await.expect("a body"))
}

/// Scrapes until a line starts with `series` and has the `value`.
async fn until_series(served: &Served, series: &str, value: &str) -> String {
    let url = format!("{}/metrics", served.address);
    for _ in 0..100 {
        let (_, body) = get(&url, Some(TOKEN)).await;
        if body.lines().any(|l| l == format!("{series} {value}")) {
            return body;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (_, body) = get(&url, Some(TOKEN)).await;
    panic!("no `{series} {value}` in:\n{body}");
}

async fn metrics_need_the_token_and_count_an_events_open_sockets(db: Db) {
    let served = Served::start(db, &["--metrics-token", TOKEN]).await;
    let url = format!("{}/metrics", served.address);
    assert_eq!(get(&url, None).await.0, 401);
    assert_eq!(get(&url, Some("a-wrong-token-of-some-length")).await.0, 401);
    let (status, body) = get(&url, Some(TOKEN)).await;
    assert_eq!(status, 200);
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        body.contains(&format!("hackday_build_info{{version=\"{version}\"}} 1")),
        "{body}"
    );

    let (organiser, _) = served.event("watched").await;
    organiser.set_phase("watched", "team_forming").await;
    let mut first = WsClient::try_connect(&served.address, "watched", None, None)
        .await
        .expect("a websocket");
    first.opening().await;
    let mut second = WsClient::try_connect(&served.address, "watched", None, None)
        .await
        .expect("a websocket");
    second.opening().await;
    let body = until_series(&served, "hackday_live_sockets{event=\"watched\"}", "2").await;
    // Requests are counted by route pattern, never by raw path.
    assert!(body.contains("route=\"/e/{slug}/organise\""), "{body}");
    assert!(!body.contains("route=\"/e/watched"), "{body}");
    assert!(
        body.contains("hackday_db_pool_connections{state=\"idle\"}"),
        "{body}"
    );
    assert!(
        body.contains("hackday_http_request_duration_seconds_bucket"),
        "{body}"
    );
    // On SQLite the event's writes went through the writer in batches.
    let batches = body.contains("hackday_sqlite_writer_batch_size_count");
    assert_eq!(batches, db == Db::Sqlite, "{body}");
    drop(second);
    until_series(&served, "hackday_live_sockets{event=\"watched\"}", "1").await;
}

async fn metrics_are_off_by_default_and_open_on_their_own_address(db: Db) {
    let plain = Served::start(db, &[]).await;
    assert_eq!(
        get(&format!("{}/metrics", plain.address), None).await.0,
        404
    );

    let served = Served::start(db, &["--metrics-bind", "127.0.0.1:0"]).await;
    let (status, _) = get(&format!("{}/metrics", served.address), None).await;
    assert_eq!(status, 404, "no token: not on the app's address");
    let metrics = served.metrics_address.clone().expect("a metrics address");
    let (status, body) = get(&format!("{metrics}/metrics"), None).await;
    assert_eq!(status, 200);
    assert!(body.contains("hackday_build_info"), "{body}");
    let (status, _) = get(&format!("{metrics}/"), None).await;
    assert_eq!(status, 404, "the metrics address serves nothing else");
}

mod metrics_answer_only_with_the_token_and_count_an_events_open_sockets {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        metrics_need_the_token_and_count_an_events_open_sockets(Db::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        metrics_need_the_token_and_count_an_events_open_sockets(Db::Postgres).await
    }
}

mod metrics_are_off_by_default_and_open_on_their_own_address {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        metrics_are_off_by_default_and_open_on_their_own_address(Db::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        metrics_are_off_by_default_and_open_on_their_own_address(Db::Postgres).await
    }
}
