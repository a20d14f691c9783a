//! `hackday demo` as a newcomer runs it: the real binary on the test's
//! database, run again, and run with `--fresh`.

use crate::helpers::{Page, TestApp, extract_between};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};

const ADDED: &str = "Bring your own pitch";
const DEMO_TITLE: &str = "Discharge letters patients can read";

/// A running `hackday demo` process and what it printed before serving.
struct DemoRun {
    child: tokio::process::Child,
    base: String,
    output: String,
}

impl DemoRun {
    /// Starts the `hackday` binary with `demo` (and `extra` flags) on this
    /// database and reads its output up to the last printed link.
    async fn start(database_url: &str, extra: &[&str]) -> DemoRun {
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_hackday"))
            .arg("demo")
            .args(extra)
            .args(["--bind", "127.0.0.1:0", "--workers", "1"])
            .args(["--database-url", database_url, "--sqlite-sync", "normal"])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the hackday binary starts");
        let stdout = child.stdout.take().expect("a piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let mut output = String::new();
        let read = async {
            while let Some(line) = lines.next_line().await.expect("readable output") {
                output.push_str(&line);
                output.push('\n');
                if line.contains("projector:") {
                    return;
                }
            }
            panic!("hackday demo ended before printing its links:\n{output}");
        };
        tokio::time::timeout(Duration::from_secs(60), read)
            .await
            .expect("hackday demo prints its links within a minute");
        let base = extract_between(&output, " at ", "/\n").expect("the printed address");
        DemoRun {
            child,
            base,
            output,
        }
    }

    async fn get(&self, app: &TestApp, path: &str) -> Page {
        let mut visitor = app.visitor();
        visitor.base = self.base.clone();
        visitor.get(path).await
    }

    async fn stop(mut self) {
        self.child.kill().await.expect("the demo server stops");
    }
}

/// Adds a pitch to the demo event as a new attendee (late pitches are open
/// in the demo) through the test's own server on the same database.
async fn add_a_pitch(app: &TestApp) {
    let attendee = app.attendee("demo", "Nia Newcomer", &["developer"]).await;
    attendee
        .pitch(
            "demo",
            ADDED,
            "Added after the demo was loaded.",
            &["designer"],
        )
        .await;
}

on_both_databases! {
    async fn a_second_demo_run_keeps_a_pitch_added_after_the_first_and_says_so(app: TestApp) {
        let first = DemoRun::start(&app.database_url, &[]).await;
        assert!(first.output.contains("demo event (just loaded)"), "{}", first.output);
        first.stop().await;
        add_a_pitch(&app).await;

        let second = DemoRun::start(&app.database_url, &[]).await;
        assert!(
            second.output.contains("demo event (kept from an earlier run"),
            "a second run says the data was kept:\n{}",
            second.output
        );
        assert!(second.output.contains("hackday demo --fresh"), "{}", second.output);
        let projects = second.get(&app, "/e/demo/projects").await;
        projects.assert_status(200);
        assert!(projects.body.contains(ADDED), "the added pitch is still there");
        assert!(projects.body.contains(DEMO_TITLE));
        second.stop().await;
    }

    async fn demo_fresh_removes_a_pitch_added_after_the_first_load_and_leaves_other_events_alone(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        organiser.pitch("leeds", "Leeds keeps this", "Another event's pitch.", &[]).await;
        DemoRun::start(&app.database_url, &[]).await.stop().await;
        add_a_pitch(&app).await;

        let fresh = DemoRun::start(&app.database_url, &["--fresh"]).await;
        assert!(
            fresh.output.contains("demo event (reset to its starting state)"),
            "{}",
            fresh.output
        );
        let projects = fresh.get(&app, "/e/demo/projects").await;
        projects.assert_status(200);
        assert!(!projects.body.contains(ADDED), "the added pitch is gone");
        assert_eq!(projects.body.matches(DEMO_TITLE).count(), 1, "the demo is loaded once");
        let board = fresh.get(&app, "/e/demo").await;
        assert!(!board.body.contains("Nia Newcomer"), "the added attendee is gone");
        let other = fresh.get(&app, "/e/leeds/projects").await;
        other.assert_status(200);
        assert!(other.body.contains("Leeds keeps this"), "other events are untouched");
        let organiser_link = extract_between(&fresh.output, "organiser:   ", "\n")
            .expect("an organiser link");
        let path = organiser_link.trim_start_matches(&fresh.base);
        fresh.get(&app, path).await.assert_redirect_to("/e/demo/organise");
        fresh.stop().await;
    }
}
