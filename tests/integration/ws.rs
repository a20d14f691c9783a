//! A websocket client for tests: connects as a person (with their cookie)
//! or anonymously, and reads JSON messages with a timeout.

use crate::helpers::{TestApp, User};
use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

type Stream =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub struct WsClient {
    stream: Stream,
    /// The version the client is at, as a real client tracks it: deltas at
    /// or below it are stale (they may still arrive just after a snapshot).
    version: i64,
}

impl WsClient {
    pub async fn connect(app: &TestApp, slug: &str, user: Option<&User>) -> WsClient {
        Self::try_connect(&app.address, slug, user, None)
            .await
            .expect("the websocket opens")
    }

    pub async fn try_connect(
        address: &str,
        slug: &str,
        user: Option<&User>,
        origin: Option<&str>,
    ) -> Result<WsClient, tokio_tungstenite::tungstenite::Error> {
        let url = format!("{}/e/{slug}/live", address.replace("http://", "ws://"));
        let mut request = url.into_client_request().expect("a request");
        if let Some(cookie) = user.and_then(User::cookie_header) {
            request
                .headers_mut()
                .insert("Cookie", cookie.parse().unwrap());
        }
        if let Some(origin) = origin {
            request
                .headers_mut()
                .insert("Origin", origin.parse().unwrap());
        }
        let (stream, _) = tokio_tungstenite::connect_async(request).await?;
        Ok(WsClient {
            stream,
            version: -1,
        })
    }

    pub async fn send(&mut self, value: Value) {
        self.stream
            .send(Message::Text(value.to_string().into()))
            .await
            .expect("send");
    }

    /// Sends a command; false when the socket is already gone.
    pub async fn try_send(&mut self, value: Value) -> bool {
        self.stream
            .send(Message::Text(value.to_string().into()))
            .await
            .is_ok()
    }

    pub async fn send_raw(&mut self, text: &str) {
        self.stream
            .send(Message::Text(text.to_string().into()))
            .await
            .expect("send");
    }

    /// The next JSON message, or None when the socket closed.
    pub async fn next(&mut self) -> Option<Value> {
        loop {
            let message = tokio::time::timeout(Duration::from_secs(10), self.stream.next())
                .await
                .expect("a message within 10 s");
            match message {
                Some(Ok(Message::Text(text))) => {
                    return Some(serde_json::from_str(&text).expect("JSON"));
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return None,
                Some(Ok(_)) => continue,
            }
        }
    }

    /// Reads until the server closes the socket and returns the close
    /// code it sent, if any.
    pub async fn close_code(&mut self) -> Option<u16> {
        loop {
            let message = tokio::time::timeout(Duration::from_secs(10), self.stream.next())
                .await
                .expect("a close within 10 s");
            match message {
                Some(Ok(Message::Close(frame))) => return frame.map(|f| u16::from(f.code)),
                None | Some(Err(_)) => return None,
                Some(Ok(_)) => continue,
            }
        }
    }

    /// Reads until a message of this type arrives (skipping others).
    pub async fn expect(&mut self, kind: &str) -> Value {
        loop {
            let message = self
                .next()
                .await
                .unwrap_or_else(|| panic!("closed while waiting for {kind}"));
            let version = message["version"].as_i64().unwrap_or(-1);
            match message["type"].as_str() {
                Some("snapshot") => self.version = version,
                Some("delta") if version <= self.version => continue,
                Some("delta") => self.version = version,
                _ => {}
            }
            if message["type"] == kind {
                return message;
            }
        }
    }

    /// Reads the opening `hello` and `snapshot`.
    pub async fn opening(&mut self) -> (Value, Value) {
        let hello = self.expect("hello").await;
        let snapshot = self.expect("snapshot").await;
        (hello, snapshot)
    }

    /// Reads deltas until one satisfies `check` (within the 10 s read timeout).
    pub async fn delta_where(&mut self, check: impl Fn(&Value) -> bool) -> Value {
        loop {
            let delta = self.expect("delta").await;
            if check(&delta) {
                return delta;
            }
        }
    }

    /// Reads deltas until one reaches `version`.
    pub async fn delta_reaching(&mut self, version: i64) -> Value {
        loop {
            let delta = self.expect("delta").await;
            if delta["version"].as_i64().unwrap() >= version {
                return delta;
            }
        }
    }
}

pub fn team(message: &Value, id: i64) -> Option<&Value> {
    message["teams"].as_array()?.iter().find(|t| t["id"] == id)
}

pub fn member_names(team: &Value) -> Vec<String> {
    team["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect()
}
