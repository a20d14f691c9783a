//! Announcements: an organiser's message reaches every phone and the
//! projector live, other instances through the bus, survives a restart,
//! and goes from every screen when cleared. Bad input changes nothing.

use crate::helpers::{TestApp, User};
use crate::ws::WsClient;
use serde_json::Value;

const PAGE: &str = "/e/leeds/organise/announcements";

pub async fn announce(organiser: &User, text: &str) -> crate::helpers::Page {
    organiser
        .post_with_csrf(PAGE, PAGE, &[("message", text)])
        .await
}

/// The announcements a live message carries.
fn announcements(message: &Value) -> Vec<(i64, String, bool)> {
    message["event"]["announcements"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|a| {
                    (
                        a["id"].as_i64().unwrap(),
                        a["text"].as_str().unwrap().to_string(),
                        a["cleared"].as_bool().unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn shown(message: &Value) -> Vec<String> {
    announcements(message)
        .into_iter()
        .filter(|(_, _, cleared)| !cleared)
        .map(|(_, text, _)| text)
        .collect()
}

fn has_announcements(delta: &Value) -> bool {
    delta["event"]["announcements"].is_array()
}

/// Three live clients of the event: two phones and the projector.
async fn three_screens(app: &TestApp) -> (User, [WsClient; 3]) {
    let organiser = app.event_in_phase("leeds", "team_forming").await;
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    let sam = app.attendee("leeds", "Sam", &["developer"]).await;
    let mut screens = [
        WsClient::connect(app, "leeds", Some(&priya)).await,
        WsClient::connect(app, "leeds", Some(&sam)).await,
        WsClient::connect(app, "leeds", None).await,
    ];
    for client in screens.iter_mut() {
        let (_, snapshot) = client.opening().await;
        assert!(shown(&snapshot).is_empty());
    }
    (organiser, screens)
}

on_both_databases! {
    async fn an_announcement_reaches_two_phones_and_the_projector_and_clearing_removes_it(app: TestApp) {
        let (organiser, mut screens) = three_screens(&app).await;
        announce(&organiser, "Lunch is served in the atrium <b>now</b>")
            .await
            .assert_redirect_to(PAGE);
        let mut id = 0;
        for client in screens.iter_mut() {
            let delta = client.delta_where(has_announcements).await;
            assert_eq!(shown(&delta), vec!["Lunch is served in the atrium <b>now</b>"]);
            id = announcements(&delta)[0].0;
        }
        let page = organiser.get(PAGE).await;
        assert!(page.body.contains("Lunch is served in the atrium &lt;b&gt;now&lt;/b&gt;"), "escaped");

        organiser
            .post_with_csrf(PAGE, &format!("{PAGE}/{id}/clear"), &[])
            .await
            .assert_redirect_to(PAGE);
        for client in screens.iter_mut() {
            let delta = client.delta_where(|d| has_announcements(d) && shown(d).is_empty()).await;
            assert!(announcements(&delta)[0].2, "kept in the list, cleared");
        }
        let log = organiser.get("/e/leeds/organise").await.body;
        assert!(log.contains("announced"), "the audit log says so");
        assert!(log.contains("cleared the announcement"), "the audit log says so");
    }

    async fn an_announcement_is_still_shown_after_a_restart(app: TestApp) {
        let mut app = app;
        let organiser = app.event_in_phase("leeds", "pitching").await;
        announce(&organiser, "Pitches start in 5 minutes").await.assert_redirect_to(PAGE);
        app.restart().await;
        let mut projector = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = projector.opening().await;
        assert_eq!(shown(&snapshot), vec!["Pitches start in 5 minutes"]);
    }

    async fn clearing_every_banner_at_once_leaves_the_list_but_no_banner(app: TestApp) {
        let (organiser, mut screens) = three_screens(&app).await;
        announce(&organiser, "One").await.assert_redirect_to(PAGE);
        announce(&organiser, "Two").await.assert_redirect_to(PAGE);
        let delta = screens[0].delta_where(|d| shown(d).len() == 2).await;
        assert_eq!(shown(&delta), vec!["Two", "One"], "newest first");
        organiser
            .post_with_csrf(PAGE, &format!("{PAGE}/clear"), &[])
            .await
            .assert_redirect_to(PAGE);
        let delta = screens[2].delta_where(|d| has_announcements(d) && shown(d).is_empty()).await;
        assert_eq!(announcements(&delta).len(), 2);
    }

    async fn a_too_long_announcement_is_refused_next_to_the_field_and_changes_nothing(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let long = "x".repeat(201);
        let page = announce(&organiser, &long).await;
        page.assert_status(422);
        assert!(page.body.contains("at most 200 characters"), "{}", page.body);
        assert!(page.body.contains(&format!("value=\"{long}\"")), "the input is kept");
        let page = announce(&organiser, "   ").await;
        page.assert_status(422);
        assert!(page.body.contains("The announcement is required"));
        let mut projector = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = projector.opening().await;
        assert!(announcements(&snapshot).is_empty(), "nothing was stored");
    }

    async fn only_organisers_can_announce(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let page = priya
            .post_with_csrf("/e/leeds", PAGE, &[("message", "Free pizza")])
            .await;
        assert!(page.status.as_u16() == 403 || page.status.as_u16() == 303, "{}", page.status);
        let mut projector = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = projector.opening().await;
        assert!(announcements(&snapshot).is_empty());
        assert_eq!(priya.get(PAGE).await.status.as_u16(), 403);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_announcement_made_on_one_instance_reaches_the_projector_of_another() {
    let a = TestApp::spawn(crate::helpers::Db::Postgres).await;
    let organiser = a.event_in_phase("leeds", "team_forming").await;
    let b = a.another_instance().await;
    let mut projector_on_b = WsClient::connect(&b, "leeds", None).await;
    projector_on_b.opening().await;
    announce(&organiser, "Demos in the main hall")
        .await
        .assert_redirect_to(PAGE);
    let delta = projector_on_b.delta_where(has_announcements).await;
    assert_eq!(shown(&delta), vec!["Demos in the main hall"]);
}
