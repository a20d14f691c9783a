//! The cross-event authorisation matrix: the organiser of one event tries
//! every organiser, judge and export route of another event (the list is
//! read from the route table, so a new route cannot be forgotten) and is
//! refused each time with the other event unchanged; the other event's own
//! organiser, sending the same forms, does change it (so the forms are real).

use crate::cross_event_matrix::{Try, matrix};
use crate::cross_event_state::fingerprint;
use crate::helpers::*;
use crate::route_table::event_routes;

/// Routes anyone may use at any event, so not refused: the event's pages,
/// signing up (which makes the person an attendee there, nothing more).
const PUBLIC: &[&str] = &[
    "GET ",
    "GET /me",
    "GET /me/link",
    "GET /pitch",
    "GET /p/{id}",
    "GET /p/{id}/edit",
    "GET /display",
    "GET /poster",
    "GET /live",
    "GET /projects",
    "GET /vote",
    "POST /join",
];

async fn send(user: &User, entry: &Try, slug: &str, csrf: &str) -> Page {
    let (method, path, form) = path_of(entry, slug);
    if method == "GET" {
        return user.get(&path).await;
    }
    if path.ends_with("/scores.json") {
        return send_json(user, &path, &form, csrf).await;
    }
    let mut full: Vec<(&str, &str)> = vec![("csrf", csrf)];
    full.extend(form.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    user.post(&path, &full).await
}

/// The panel script's JSON request: the form's pairs as scores, the CSRF
/// token in its header.
async fn send_json(user: &User, path: &str, form: &[(String, String)], csrf: &str) -> Page {
    let scores: serde_json::Map<String, serde_json::Value> = form
        .iter()
        .map(|(k, v)| (k.clone(), v.parse::<i64>().expect("a score").into()))
        .collect();
    let response = user
        .client
        .post(format!("{}{path}", user.base))
        .header("X-CSRF-Token", csrf)
        .json(&serde_json::json!({ "scores": scores }))
        .send()
        .await
        .expect("POST succeeds");
    Page {
        status: response.status(),
        location: None,
        body: response.text().await.expect("a body"),
    }
}

/// Two events and their organisers: `leeds` (B) full of people, pitches,
/// criteria, prizes, scores and a schedule; `alpha` (A) empty.
async fn two_events(app: &TestApp) -> (User, User) {
    let admin = app.admin().await;
    let organiser_a = crate::local_events::create_event(app, &admin, "alpha", &[]).await;
    let organiser_b = crate::local_events::create_event(app, &admin, "leeds", &[]).await;
    organiser_b.set_phase("leeds", "pitching").await;
    organiser_b
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/schedule",
            &[
                ("kind", "other"),
                ("label", "Lunch"),
                ("at", "2026-11-21T12:30"),
            ],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
    organiser_b
        .post_with_csrf(
            "/e/leeds/organise/announcements",
            "/e/leeds/organise/announcements",
            &[("message", "Lunch is in the atrium")],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/announcements");
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    priya.pitch("leeds", "Ward bed board", "", &[]).await;
    let ben = app.attendee("leeds", "Ben", &["developer"]).await;
    ben.pitch("leeds", "Clinic texts", "", &[]).await;
    organiser_b.set_phase("leeds", "team_forming").await;
    app.attendee("leeds", "Sam", &["patient"]).await;
    crate::judging::judge(app, &organiser_b, "Judge Ada").await;
    crate::judging::judge(app, &organiser_b, "Judge Bo").await;
    for (path, form) in [
        ("/e/leeds/organise/criteria/defaults", vec![]),
        (
            "/e/leeds/organise/prizes",
            vec![("name", "Best in show"), ("kind", "judged")],
        ),
        ("/e/leeds/organise/judging/open", vec![("judging", "open")]),
    ] {
        organiser_b
            .post_with_csrf("/e/leeds/organise/judging", path, &form)
            .await
            .assert_redirect_to("/e/leeds/organise/judging");
    }
    (organiser_a, organiser_b)
}

#[test]
fn the_matrix_covers_every_organiser_judge_and_export_route_of_the_route_table() {
    let routes = event_routes();
    assert!(routes.len() > 40, "the route table was read: {routes:?}");
    for configured in [
        "POST /organise/announcements/{id}/clear",
        "POST /organise/merge",
        "GET /organise/print/sheets",
        "POST /organise/paper-scores",
    ] {
        assert!(
            routes.iter().any(|(m, p)| format!("{m} {p}") == configured),
            "the reader follows .configure(…) into page modules: {configured} in {routes:?}"
        );
    }
    let covered = matrix_routes();
    let missing: Vec<String> = routes
        .iter()
        .map(|(method, path)| format!("{method} {path}"))
        .filter(|key| !covered.contains(key) && !PUBLIC.contains(&key.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "routes the cross-event matrix does not try: {missing:?}"
    );
}

/// The path of a matrix entry at `slug`, with `{id}` filled in.
fn path_of(entry: &Try, slug: &str) -> (String, String, Vec<(String, String)>) {
    let (method, route) = entry.route.split_once(' ').expect("METHOD path");
    let id = entry
        .form
        .iter()
        .find(|(k, _)| k == "id")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let form = entry
        .form
        .iter()
        .filter(|(k, _)| k != "id")
        .cloned()
        .collect();
    (
        method.to_string(),
        format!("/e/{slug}{}", route.replace("{id}", &id)),
        form,
    )
}

/// The routes the matrix tries, read from its source without a database.
fn matrix_routes() -> Vec<String> {
    let source = include_str!("cross_event_matrix.rs");
    source
        .match_indices("t(")
        .filter(|(at, _)| !source[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .filter_map(|(at, _)| source[at + 2..].trim_start().strip_prefix('"'))
        .filter_map(|rest| rest.split_once('"').map(|(route, _)| route.to_string()))
        .filter(|route| route.starts_with("GET ") || route.starts_with("POST "))
        .collect()
}

on_both_databases! {
    async fn an_organiser_of_one_event_is_refused_every_organiser_action_on_another(app: TestApp) {
        let (organiser_a, organiser_b) = two_events(&app).await;
        let csrf = organiser_a.get("/e/alpha/organise").await.csrf();
        let before = fingerprint(&app.database_url);
        let list = matrix(&app.database_url);
        assert_eq!(list.len(), matrix_routes().len(), "every entry is tried");
        for entry in &list {
            let reply = send(&organiser_a, entry, "leeds", &csrf).await;
            let status = reply.status.as_u16();
            if entry.route.starts_with("GET ") {
                assert!(matches!(status, 403 | 404), "{}: answered {status}", entry.route);
                assert!(!reply.body.contains("Ward bed board"), "{} shows B's projects", entry.route);
            } else {
                // Refused for who A is at B, not turned away for a bad form.
                assert!(matches!(status, 403 | 404), "{}: answered {status}: {}", entry.route, reply.body);
            }
            assert_eq!(fingerprint(&app.database_url), before, "{} changed event B", entry.route);
        }
        // A is still A's organiser: the refusals were about B only.
        organiser_a.get("/e/alpha/organise").await.assert_status(200);
        // The same forms from B's own organiser change B: they are real actions.
        let csrf_b = organiser_b.get("/e/leeds/organise").await.csrf();
        for entry in list.iter().filter(|e| e.organiser_may) {
            let seen = fingerprint(&app.database_url);
            let reply = send(&organiser_b, entry, "leeds", &csrf_b).await;
            let status = reply.status.as_u16();
            if entry.route.starts_with("GET ") {
                assert_eq!(status, 200, "{}: B's organiser reads it", entry.route);
            } else {
                assert!(matches!(status, 200 | 303), "{}: B's organiser got {status}: {}", entry.route, reply.body);
                assert_ne!(fingerprint(&app.database_url), seen, "{}: B's organiser changed nothing", entry.route);
            }
        }
    }

    async fn an_organiser_link_of_one_event_signs_in_to_that_event_only(app: TestApp) {
        let (organiser_a, _b) = two_events(&app).await;
        organiser_a.get("/e/leeds/organise").await.assert_status(403);
        let me = organiser_a.get("/e/leeds/me").await;
        assert!(!me.body.contains("Olu Organiser"), "A is nobody at B");
    }
}
