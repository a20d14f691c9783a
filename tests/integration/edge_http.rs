//! HTTP at the edge: HEAD wherever GET works, and forwarded headers believed
//! only behind a trusted proxy.

#[allow(unused_imports)]
use crate::helpers::*;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Sends one raw request with `Connection: close` and returns everything
/// the server sent back.
pub async fn raw_request(app: &TestApp, request: &str) -> String {
    let mut socket = tokio::net::TcpStream::connect(("127.0.0.1", app.port))
        .await
        .expect("connect");
    socket.write_all(request.as_bytes()).await.expect("send");
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), socket.read_to_end(&mut answer))
        .await
        .expect("the server answers and closes within 10 s")
        .expect("read");
    String::from_utf8_lossy(&answer).to_string()
}

/// The personal sign-in link shown on `/e/{slug}/me`.
fn personal_link(page: &Page) -> String {
    let at = page
        .body
        .find("/signin/")
        .expect("a personal link on the page");
    let start = page.body[..at]
        .rfind('"')
        .expect("the link is an attribute")
        + 1;
    page.body[start..at].to_string()
}

async fn sign_up_with_headers(app: &TestApp, headers: &[(&str, &str)]) -> Page {
    let user = app.visitor();
    let csrf = user.get("/e/leeds").await.csrf();
    let mut request = user
        .client
        .post(format!("{}/e/leeds/join", app.address))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!("csrf={csrf}&name=Sam&skills=developer&conduct=yes"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("the post is answered");
    let status = response.status();
    if status.as_u16() != 303 {
        return Page {
            status,
            location: None,
            body: response.text().await.unwrap_or_default(),
        };
    }
    let mut me = user.client.get(format!("{}/e/leeds/me", app.address));
    for (name, value) in headers {
        me = me.header(*name, *value);
    }
    let response = me.send().await.expect("the page is answered");
    Page {
        status: response.status(),
        location: None,
        body: response.text().await.expect("a body"),
    }
}

on_both_databases! {
    async fn head_answers_wherever_get_does_and_sends_no_body(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let client = reqwest::Client::new();
        for path in ["/healthz", "/", "/e/leeds", "/e/leeds/projects", "/static/css/app.css"] {
            let get = client.get(format!("{}{path}", app.address)).send().await.unwrap();
            let head = client.head(format!("{}{path}", app.address)).send().await.unwrap();
            assert_eq!(get.status().as_u16(), 200, "GET {path}");
            assert_eq!(head.status().as_u16(), 200, "HEAD {path}");
            assert_eq!(head.headers().get("content-type"), get.headers().get("content-type"), "HEAD {path}");
        }
        let missing = client.head(format!("{}/no/such/page", app.address)).send().await.unwrap();
        assert_eq!(missing.status().as_u16(), 404);
        let answer = raw_request(&app, &format!(
            "HEAD /healthz HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", app.port,
        )).await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with("\r\n\r\n"), "no body after the headers: {answer:?}");
        assert!(answer.to_ascii_lowercase().contains("content-length: 2"), "the GET's length is announced: {answer}");
    }

    async fn a_foreign_origin_with_forwarded_host_headers_is_refused_without_trust_proxy(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        for forwarded in [("X-Forwarded-Host", "evil.example"), ("Forwarded", "host=evil.example;proto=https")] {
            let page = sign_up_with_headers(&app, &[("Origin", "https://evil.example"), forwarded]).await;
            page.assert_status(403);
            assert!(page.body.contains("came from another site"), "{}", page.body);
        }
        assert!(app.visitor().get("/e/leeds").await.body.contains(">0 signed up"));
    }

    async fn links_ignore_forwarded_host_headers_unless_the_proxy_is_trusted(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let page = sign_up_with_headers(&app, &[("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "https")]).await;
        page.assert_status(200);
        assert_eq!(personal_link(&page), app.address, "the link names the address the browser used");
    }
}

/// Behind a trusted proxy, its headers name the public address.
mod behind_a_trusted_proxy {
    use super::*;

    async fn body(db: Db) {
        let app = TestApp::spawn_with(db, |s| s.trust_proxy = true).await;
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let proxy = [
            ("X-Forwarded-Host", "hack.example.org"),
            ("X-Forwarded-Proto", "https"),
        ];
        let mut headers = proxy.to_vec();
        headers.push(("Origin", "https://hack.example.org"));
        let page = sign_up_with_headers(&app, &headers).await;
        page.assert_status(200);
        assert_eq!(personal_link(&page), "https://hack.example.org");
        let mut foreign = proxy.to_vec();
        foreign.push(("Origin", "https://evil.example"));
        sign_up_with_headers(&app, &foreign)
            .await
            .assert_status(403);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        body(Db::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        body(Db::Postgres).await
    }
}
