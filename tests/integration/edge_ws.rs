//! The websocket's transport limits, seen from a raw TCP client: a frame
//! announced larger than the limit ends the socket as its header arrives,
//! before the server has buffered what follows.

#[allow(unused_imports)]
use crate::helpers::*;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The server's resident memory: it runs in this test process.
fn resident_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm");
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .expect("resident pages");
    pages * 4096
}

/// Opens `/e/{slug}/live` by hand and returns the socket after the 101.
pub async fn raw_upgrade(app: &TestApp, slug: &str) -> TcpStream {
    let mut socket = TcpStream::connect(("127.0.0.1", app.port))
        .await
        .expect("connect");
    let request = format!(
        "GET /e/{slug}/live HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nUpgrade: websocket\r\n\
         Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Sec-WebSocket-Version: 13\r\n\r\n",
        app.port
    );
    socket
        .write_all(request.as_bytes())
        .await
        .expect("send the upgrade");
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8; 1];
        socket
            .read_exact(&mut byte)
            .await
            .expect("the upgrade answer");
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
    socket
}

on_both_databases! {
    async fn a_frame_announced_at_2_pow_63_bytes_closes_the_socket_without_the_server_buffering_it(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let mut socket = raw_upgrade(&app, "leeds").await;
        // A masked text frame announcing 2^63 - 1 bytes.
        let mut header = vec![0x81u8, 0x80 | 127];
        header.extend_from_slice(&(u64::MAX >> 1).to_be_bytes());
        header.extend_from_slice(&[7, 7, 7, 7]);
        let before = resident_bytes();
        socket.write_all(&header).await.expect("the header is sent");
        const TOTAL: usize = 64 << 20;
        let chunk = vec![b'a'; 64 << 10];
        let mut sent = 0usize;
        let writing = async {
            while sent < TOTAL {
                match socket.write_all(&chunk).await {
                    Ok(()) => sent += chunk.len(),
                    Err(_) => break,
                }
            }
        };
        let _ = tokio::time::timeout(Duration::from_secs(30), writing).await;
        let grown = resident_bytes().saturating_sub(before);
        println!("sent {} MB before the socket closed; resident memory grew by {} MB", sent >> 20, grown >> 20);
        assert!(
            grown < 16 << 20,
            "the server grew by {} MB while {} MB were sent",
            grown >> 20,
            sent >> 20
        );
        assert!(
            sent < TOTAL,
            "the server kept reading: all {} MB were accepted",
            TOTAL >> 20
        );
    }
}
