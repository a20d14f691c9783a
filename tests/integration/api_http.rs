//! The public read-only API over HTTP: ETags with 304, CORS for any site
//! (and writes elsewhere stay same-origin), drafts hidden until public, and
//! times that say they are UTC.

use crate::api::get_json;
use serde_json::{Value, json};

on_both_databases! {
    async fn an_unchanged_response_is_answered_304_and_a_change_gives_a_new_etag(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let url = format!("{}/api/v1/events/leeds", app.address);
        let client = reqwest::Client::new();
        let first = client.get(&url).send().await.unwrap();
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        assert!(etag.starts_with('"') && etag.ends_with('"'), "a strong ETag: {etag}");
        let again = client.get(&url).header("If-None-Match", &etag).send().await.unwrap();
        assert_eq!(again.status().as_u16(), 304);
        assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
        assert!(again.text().await.unwrap().is_empty());
        let weak = client.get(&url).header("If-None-Match", format!("\"other\", W/{etag}")).send().await.unwrap();
        assert_eq!(weak.status().as_u16(), 304, "If-None-Match compares weakly");
        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/schedule", &[
                ("kind", "other"), ("label", "Pitches"), ("at", "2026-11-21T10:00"),
            ])
            .await
            .assert_redirect_to("/e/leeds/organise");
        let changed = client.get(&url).header("If-None-Match", &etag).send().await.unwrap();
        assert_eq!(changed.status().as_u16(), 200);
        assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
        let body: Value = changed.json().await.unwrap();
        assert_eq!(body["schedule"][0]["label"], "Pitches");
    }

    async fn any_site_may_read_the_api_without_credentials(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let client = reqwest::Client::new();
        let url = format!("{}/api/v1/events/leeds", app.address);
        let read = client.get(&url).header("Origin", "https://showcase.example.ac.uk").send().await.unwrap();
        assert_eq!(read.status().as_u16(), 200);
        assert_eq!(read.headers()["access-control-allow-origin"], "*");
        assert!(read.headers().get("access-control-allow-credentials").is_none());
        assert!(read.headers()["access-control-expose-headers"].to_str().unwrap().to_lowercase().contains("etag"));
        let preflight = client
            .request(reqwest::Method::OPTIONS, &url)
            .header("Origin", "https://showcase.example.ac.uk")
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "if-none-match")
            .send()
            .await
            .unwrap();
        assert!(preflight.status().is_success(), "{}", preflight.status());
        assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
        assert!(preflight.headers()["access-control-allow-methods"].to_str().unwrap().contains("GET"));
        // Writes elsewhere stay same-origin only.
        let page = app.visitor().get("/").await;
        assert!(page.status.is_success());
        let form = client
            .post(format!("{}/e/leeds/join", app.address))
            .header("Origin", "https://showcase.example.ac.uk")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("name=Mallory")
            .send()
            .await
            .unwrap();
        assert_eq!(form.status().as_u16(), 403);
    }

    async fn draft_events_are_not_in_the_api_until_they_are_public(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "draft").await;
        let (_, list) = get_json(&app, "/api/v1/events").await;
        assert_eq!(list["events"], json!([]));
        for path in ["/api/v1/events/leeds", "/api/v1/events/leeds/projects", "/api/v1/events/leeds/prizes", "/api/v1/events/leeds/projects/1"] {
            let (status, body) = get_json(&app, path).await;
            assert_eq!(status, 404, "{path}");
            assert!(!body.to_string().contains("Test Hack Day"));
        }
        organiser.set_phase("leeds", "pitching").await;
        let (_, list) = get_json(&app, "/api/v1/events").await;
        assert_eq!(list["events"][0]["slug"], "leeds");
        assert_eq!(list["events"][0]["phase"], "pitching");
        let (status, _) = get_json(&app, "/api/v1/events/leeds").await;
        assert_eq!(status, 200);
    }

    async fn submission_times_come_with_a_utc_form_that_says_it_is_utc(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let path = priya.pitch("leeds", "Ward bed board", "", &[]).await;
        organiser.set_phase("leeds", "hacking").await;
        let before = chrono::Utc::now() - chrono::Duration::seconds(1);
        priya
            .post_with_csrf(&path, &format!("{path}/submission"), &[("repo_url", "https://github.com/nhs/beds")])
            .await
            .assert_redirect_to(&path);
        let after = chrono::Utc::now() + chrono::Duration::seconds(1);
        let (_, projects) = get_json(&app, "/api/v1/events/leeds/projects").await;
        let submission = &projects["projects"][0]["submission"];
        for field in ["submitted_at", "updated_at"] {
            let plain = submission[field].as_str().unwrap_or_else(|| panic!("{field} in {submission}"));
            let utc = submission[format!("{field}_utc")].as_str().unwrap_or_else(|| panic!("{field}_utc in {submission}"));
            assert_eq!(utc, format!("{plain}Z"), "the same instant, marked as UTC");
            let at = chrono::DateTime::parse_from_rfc3339(utc).expect("RFC 3339");
            assert!(before <= at && at <= after, "{field}_utc {utc} is when it was submitted");
        }
    }
}
