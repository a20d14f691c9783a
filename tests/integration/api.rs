//! The public read-only API's contract: its OpenAPI document matches the
//! routes and every response, and no endpoint gives an anonymous reader
//! anything private (how it answers over HTTP: `api_http`).

use crate::api_schema::{check, response_schema};
use crate::helpers::{TestApp, User, extract_between};
use crate::judging;
use serde_json::{Value, json};

/// A judged event holding every kind of private data the API must keep
/// to itself, and the values that would give it away.
struct Fixture {
    projects: [i64; 3],
    secrets: Vec<String>,
    organiser: User,
}

async fn judged_event(app: &TestApp) -> Fixture {
    let j = judging::set_up(app).await;
    let [a, b, _] = j.projects;
    let organiser = j.organiser;
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/settings",
            &[
                ("name", "Leeds Hack Day"),
                ("venue", "St James's"),
                ("starts_at", "2026-11-21T09:00"),
                ("ends_at", ""),
                ("team_size_cap", "6"),
                ("join_code", "LEEDS-7Q"),
            ],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
    // A deadline in the past makes the next submission late.
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/schedule",
            &[
                ("kind", "submission_deadline"),
                ("label", "Demos were due"),
                ("at", "2020-01-01T12:00"),
            ],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
    let path = format!("/e/leeds/p/{a}");
    organiser
        .post_with_csrf(
            &path,
            &format!("{path}/submission"),
            &[
                ("repo_url", "https://github.com/nhs/bed-board"),
                ("demo_url", "https://beds.example.org"),
                ("built", "A live bed board"),
                ("licence", "MIT"),
            ],
        )
        .await
        .assert_redirect_to("/e/leeds/p/");
    judging::score_all(&j.judge_a, a, "5", "SECRET-NOTE-A")
        .await
        .assert_redirect_to("/e/leeds/judge");
    organiser
        .post_with_csrf(
            "/e/leeds/organise/judging",
            "/e/leeds/organise/prizes",
            &[("name", "Best design"), ("kind", "special")],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/judging");
    let results = organiser.get("/e/leeds/organise/results").await;
    judging::winner_and_reveal(&organiser, &results.body, "Best in show", a).await;
    // Decided but not revealed: nobody outside may know yet.
    judging::set_winner(&organiser, &results.body, "Best design", b).await;
    let me = j.attendee.get("/e/leeds/me").await;
    let token = extract_between(&me.body, "/signin/", "\"").expect("Sam's personal link");
    Fixture {
        projects: j.projects,
        secrets: vec!["LEEDS-7Q".into(), "SECRET-NOTE-A".into(), token],
        organiser,
    }
}

/// GETs a path anonymously; the status and the JSON body.
pub(crate) async fn get_json(app: &TestApp, path: &str) -> (u16, Value) {
    let response = reqwest::get(format!("{}{path}", app.address))
        .await
        .expect("GET");
    let status = response.status().as_u16();
    let kind = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    let text = response.text().await.unwrap();
    assert!(
        kind.starts_with("application/json"),
        "{path} answers JSON ({status}): {text}"
    );
    (status, serde_json::from_str(&text).expect("JSON"))
}

async fn document(app: &TestApp) -> Value {
    let (status, doc) = get_json(app, "/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    doc
}

/// Each documented path with its parameters filled in.
fn concrete_paths(doc: &Value, project: i64) -> Vec<(String, String)> {
    doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(|p| {
            (
                p.clone(),
                p.replace("{slug}", "leeds")
                    .replace("{id}", &project.to_string()),
            )
        })
        .collect()
}

/// Keys no public response may carry, whatever their value.
fn private_key(key: &str) -> bool {
    [
        "score",
        "vote",
        "note",
        "token",
        "join_code",
        "judge",
        "person",
        "secret",
        "hash",
    ]
    .iter()
    .any(|k| key.contains(k))
        || key == "late"
}

fn private_keys(value: &Value, at: &str, found: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                if private_key(key) {
                    found.push(format!("{at}.{key}"));
                }
                private_keys(field, &format!("{at}.{key}"), found);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| private_keys(item, at, found)),
        _ => {}
    }
}

on_both_databases! {
    async fn the_openapi_document_is_served_and_lists_exactly_the_routes_registered(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let doc = document(&app).await;
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let documented: std::collections::BTreeSet<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
        let registered: std::collections::BTreeSet<String> =
            hackday::web::pages::api::route_table().into_iter().map(|(path, _)| path).collect();
        assert_eq!(documented, registered);
        assert!(documented.len() >= 6, "{documented:?}");
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let project = crate::teams::project_id(&priya.pitch("leeds", "Bed board", "", &[]).await);
        for (template, path) in concrete_paths(&doc, project) {
            let (status, _) = get_json(&app, &path).await;
            assert_eq!(status, 200, "{template} is served at {path}");
        }
        for undocumented in ["/api/v1/events/leeds/scores", "/api/v1/people", "/api/v1/events/leeds/projects/nope"] {
            let (status, body) = get_json(&app, undocumented).await;
            assert_eq!(status, 404, "{undocumented}");
            assert!(body["error"].is_string());
        }
    }

    async fn every_api_response_matches_its_schema_in_the_document(app: TestApp) {
        let fixture = judged_event(&app).await;
        let doc = document(&app).await;
        for (template, path) in concrete_paths(&doc, fixture.projects[0]) {
            if template.ends_with("openapi.json") {
                continue; // the document itself, parsed above
            }
            let (_, body) = get_json(&app, &path).await;
            let schema = response_schema(&doc, &template);
            check(&doc, schema, &body, &path).unwrap_or_else(|e| panic!("{e}\n{body:#}"));
        }
        // The check can fail: a missing field and an undocumented one are caught.
        let (_, mut event) = get_json(&app, "/api/v1/events/leeds").await;
        event.as_object_mut().unwrap().remove("name");
        assert!(check(&doc, response_schema(&doc, "/api/v1/events/{slug}"), &event, "event").is_err());
        let (_, mut projects) = get_json(&app, "/api/v1/events/leeds/projects").await;
        projects["projects"][0]["submission"]["late"] = json!(true);
        let error = check(&doc, response_schema(&doc, "/api/v1/events/{slug}/projects"), &projects, "projects").unwrap_err();
        assert!(error.contains("late"), "{error}");
    }

    async fn no_endpoint_gives_an_anonymous_reader_a_private_field(app: TestApp) {
        let fixture = judged_event(&app).await;
        let [a, b, _] = fixture.projects;
        let doc = document(&app).await;
        for (_, path) in concrete_paths(&doc, a).into_iter().chain(concrete_paths(&doc, b)) {
            let (_, body) = get_json(&app, &path).await;
            let text = body.to_string();
            for secret in &fixture.secrets {
                assert!(!text.contains(secret.as_str()), "{path} gives away {secret}");
            }
            if path.ends_with("openapi.json") {
                continue; // describes fields; holds no data
            }
            let mut found = Vec::new();
            private_keys(&body, &path, &mut found);
            assert!(found.is_empty(), "private fields in {path}: {found:?}");
        }
        // What is public is there.
        let (_, project) = get_json(&app, &format!("/api/v1/events/leeds/projects/{a}")).await;
        assert_eq!(project["submission"]["repo_url"], "https://github.com/nhs/bed-board");
        assert_eq!(project["prizes_won"], json!(["Best in show"]));
        let names: Vec<&str> = project["team"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
        assert_eq!(names, vec!["Priya", "Sam"]);
        let (_, prizes) = get_json(&app, "/api/v1/events/leeds/prizes").await;
        let prize = |name: &str| prizes["prizes"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap().clone();
        assert_eq!(prize("Best in show")["winner"]["project_id"], a);
        assert!(prize("Best design")["winner"].is_null(), "a winner not yet revealed stays hidden");
        let (_, other) = get_json(&app, &format!("/api/v1/events/leeds/projects/{b}")).await;
        assert_eq!(other["prizes_won"], json!([]));
        // The organisers' export does carry the late flag: the API leaves it out on purpose.
        let export = fixture.organiser.get("/e/leeds/export/projects.json").await;
        let rows: Value = serde_json::from_str(&export.body).unwrap();
        let row = rows.as_array().unwrap().iter().find(|r| r["id"] == a).unwrap();
        assert_eq!(row["late"], true, "the organisers see it late");
    }
}
