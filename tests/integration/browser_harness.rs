//! Drives Debian's headless Chromium through chromedriver (fantoccini).
//! A missing browser fails the test loudly: CI installs it.

use fantoccini::{Client, ClientBuilder};
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

pub struct Browser {
    pub client: Client,
    _driver: Child,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Sizes the window so that the page itself (the viewport) is exactly
/// `width` x `height`, as on a phone or a projector with no browser toolbar.
async fn fit_viewport(client: &Client, width: u32, height: u32) {
    client.set_window_size(width, height).await.ok();
    // Only the height: the toolbar takes it, and a window narrower than
    // Chromium's minimum reports its outer width wider than asked.
    let toolbar = client
        .execute("return outerHeight - innerHeight;", vec![])
        .await
        .ok()
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    client
        .set_window_size(width, height + toolbar as u32)
        .await
        .ok();
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with a window of this size.
    pub async fn start(width: u32, height: u32) -> Self {
        let port = free_port();
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("chromedriver ({driver_path}) is needed for browser tests: {e}; run .ci/run or apt-get install chromium chromium-driver"));
        let profile = tempfile::tempdir().expect("a profile folder").keep();
        let chrome = std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": chrome,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic",
                    format!("--user-data-dir={}", profile.display()),
                    format!("--window-size={width},{height}"),
                ]
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..50 {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    fit_viewport(&client, width, height).await;
                    return Browser {
                        client,
                        _driver: driver,
                    };
                }
                Err(e) => {
                    last_error = Some(e);
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        panic!("could not start a headless Chromium session: {last_error:?}");
    }

    /// Saves a screenshot under target/screenshots/.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("a screenshot");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).expect("the screenshots folder");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write the screenshot");
    }

    /// Polls a JavaScript expression until it is true, for up to `seconds`.
    pub async fn wait_for(&self, expression: &str, seconds: u64) {
        let script = format!("return !!({expression});");
        let deadline = std::time::Instant::now() + Duration::from_secs(seconds);
        loop {
            let value = self.client.execute(&script, vec![]).await;
            if matches!(value, Ok(serde_json::Value::Bool(true))) {
                return;
            }
            if std::time::Instant::now() > deadline {
                panic!("timed out after {seconds} s waiting for: {expression} (last: {value:?})");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}
