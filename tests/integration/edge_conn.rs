//! Connections at the edge: stalled bodies are cut off after the stated
//! time, connections per client address are capped, and the open-file limit
//! is raised at start.

use crate::edge_http::raw_request;
#[allow(unused_imports)]
use crate::helpers::*;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// A connection to the app from a chosen loopback address.
async fn connect_from(app: &TestApp, from: [u8; 4]) -> TcpStream {
    let socket = TcpSocket::new_v4().expect("a socket");
    socket
        .bind((std::net::Ipv4Addr::from(from), 0).into())
        .expect("bind a loopback address");
    socket
        .connect(([127, 0, 0, 1], app.port).into())
        .await
        .expect("connect")
}

async fn get_healthz_on(mut socket: TcpStream, app: &TestApp) -> String {
    let request = format!(
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        app.port
    );
    socket.write_all(request.as_bytes()).await.expect("send");
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), socket.read_to_end(&mut answer))
        .await
        .expect("answered within 10 s")
        .expect("read");
    String::from_utf8_lossy(&answer).to_string()
}

on_both_databases! {
    async fn a_stalled_post_is_cut_off_after_ten_seconds_while_other_clients_are_served(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let mut stalled = TcpStream::connect(("127.0.0.1", app.port)).await.expect("connect");
        let head = format!(
            "POST /e/leeds/join HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ncsrf=abc&na",
            app.port
        );
        stalled.write_all(head.as_bytes()).await.expect("send the start of a post");
        let started = Instant::now();
        let other = app.visitor();
        for _ in 0..3 {
            let asked = Instant::now();
            other.get("/e/leeds").await.assert_status(200);
            // Loose: the machine may be busy; a stalled post used to lock everyone out.
            assert!(asked.elapsed() < Duration::from_secs(5), "another client is served meanwhile");
        }
        let mut answer = Vec::new();
        tokio::time::timeout(Duration::from_secs(20), stalled.read_to_end(&mut answer))
            .await
            .expect("the stalled post is answered and closed within 20 s")
            .expect("read");
        let waited = started.elapsed();
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(answer.contains("took too long to arrive") && answer.contains("href=\"/e/leeds\""), "{answer}");
        assert!(waited >= Duration::from_secs(9) && waited < Duration::from_secs(15), "cut off after {waited:?}");
    }
}

/// Five connections from one address are the most in this test.
mod connections_beyond_the_cap_for_one_address_are_refused_while_other_addresses_are_served {
    use super::*;

    async fn body(db: Db) {
        let app = TestApp::spawn_with(db, |s| s.max_connections_per_address = 5).await;
        let mut held = Vec::new();
        for _ in 0..5 {
            held.push(connect_from(&app, [127, 0, 0, 1]).await);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        let refused = get_healthz_on(connect_from(&app, [127, 0, 0, 1]).await, &app).await;
        assert!(refused.starts_with("HTTP/1.1 429"), "{refused}");
        assert!(refused.contains("Too many connections"), "{refused}");
        let served = get_healthz_on(connect_from(&app, [127, 0, 0, 2]).await, &app).await;
        assert!(
            served.starts_with("HTTP/1.1 200"),
            "another address is served: {served}"
        );
        drop(held);
        tokio::time::sleep(Duration::from_millis(300)).await;
        let again = raw_request(
            &app,
            &format!(
                "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
                app.port
            ),
        )
        .await;
        assert!(
            again.starts_with("HTTP/1.1 200"),
            "closed connections no longer count: {again}"
        );
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_soft_open_file_limit_is_raised_to_the_hard_limit_at_start() {
    let (_, hard) = rlimit::Resource::NOFILE.get().expect("the open-file limit");
    // Half the hard limit: lower would starve the tests running alongside.
    let lowered = (hard / 2).max(1024).min(hard);
    rlimit::Resource::NOFILE
        .set(lowered, hard)
        .expect("lower the soft limit");
    let _app = TestApp::spawn(Db::Sqlite).await;
    let (soft, hard_after) = rlimit::Resource::NOFILE.get().expect("the open-file limit");
    assert_eq!(hard_after, hard);
    assert_eq!(soft, hard, "the soft limit was raised from {lowered}");
}
