//! The umbrella-wide export and its import into an empty installation:
//! the same archive afterwards, on both databases and across them; and
//! documents that are refused change nothing.

use crate::helpers::*;
use crate::umbrella::{NHS, admin_of, closed_event, event};
use serde_json::{Value, json};

/// An installation with the NHS umbrella and two closed events.
async fn filled(app: &TestApp) -> User {
    let admin = admin_of(app).await;
    admin
        .post_with_csrf("/admin/umbrella", "/admin/umbrella", &NHS)
        .await
        .assert_redirect_to("/admin/umbrella");
    closed_event(
        app,
        &admin,
        "leeds",
        "2024-06-14T09:00",
        ["Sepsis pager", "Discharge letters"],
    )
    .await;
    closed_event(
        app,
        &admin,
        "oxford",
        "2025-03-01T09:00",
        ["Ward rota", "Falls sensor"],
    )
    .await;
    admin
}

async fn export(admin: &User) -> Value {
    let response = admin
        .client
        .get(format!("{}/admin/export.json", admin.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"umbrella-"),
        "{disposition}"
    );
    response.json().await.expect("a JSON export")
}

/// Posts a document as JSON; the status and the answer.
async fn import(admin: &User, doc: &str) -> (u16, Value) {
    let response = admin
        .client
        .post(format!("{}/admin/import", admin.base))
        .header("Content-Type", "application/json")
        .body(doc.to_string())
        .send()
        .await
        .unwrap();
    (
        response.status().as_u16(),
        response.json().await.expect("a JSON answer"),
    )
}

/// Sends a document with the page's form, as a browser sends a chosen
/// file (`multipart/form-data`, the pasted-JSON box left empty).
async fn import_file(admin: &User, doc: &str) -> Page {
    let csrf = admin.get("/admin/umbrella").await.csrf();
    import_file_with(admin, &csrf, doc).await
}

async fn import_file_with(admin: &User, csrf: &str, doc: &str) -> Page {
    let boundary = "----hackdayTestBoundary7MA4YWxk";
    let part = |name: &str, extra: &str, content: &str| {
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{extra}\r\n\r\n{content}\r\n"
        )
    };
    let body = [
        part("csrf", "", csrf),
        part(
            "file",
            "; filename=\"umbrella.json\"\r\nContent-Type: application/json",
            doc,
        ),
        part("document", "", ""),
        format!("--{boundary}--\r\n"),
    ]
    .concat();
    let response = admin
        .client
        .post(format!("{}/admin/import", admin.base))
        .header(
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    Page {
        status,
        location,
        body: response.text().await.unwrap(),
    }
}

/// The archive's list of projects, as the public sees it.
async fn archive(app: &TestApp) -> String {
    let page = app.visitor().get("/archive").await;
    extract_between(&page.body, "id=\"archive\"", "</ul>").expect("the archive list")
}

/// What the archive shows, without the per-installation project ids.
fn without_ids(list: &str) -> String {
    list.split("/p/")
        .map(|part| part.trim_start_matches(char::is_numeric))
        .collect::<Vec<_>>()
        .join("/p/")
}

async fn export_then_import(from: TestApp, to: TestApp) {
    let admin = filled(&from).await;
    let doc = export(&admin).await;
    assert_eq!(doc["format"], "hackday-umbrella");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["events"].as_array().unwrap().len(), 2);
    let text = serde_json::to_string(&doc).unwrap();
    for secret in ["token", "\"scores\"", "notes", "join_code", "Olu"] {
        assert!(!text.contains(secret), "no {secret} in the export");
    }
    let new_admin = admin_of(&to).await;
    let (status, answer) = import(&new_admin, &text).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["imported"], json!({"events": 2, "projects": 4}));
    let (before, after) = (archive(&from).await, archive(&to).await);
    assert!(
        after.contains("Winner: Best in show") && after.contains("Falls sensor"),
        "{after}"
    );
    assert_eq!(
        without_ids(&before),
        without_ids(&after),
        "the same archive"
    );
    let home = to.visitor().get("/").await.body;
    assert!(home.contains("<h1>NHS Hack Day</h1>") && home.contains("No product pitches"));
    let again = export(&new_admin).await;
    let expected = doc.clone().tap_ids(&again);
    assert_eq!(
        again["events"], expected["events"],
        "a round trip keeps every event"
    );
}

/// Project ids differ between installations: compare with the other's ids.
trait TapIds {
    fn tap_ids(self, other: &Value) -> Value;
}

impl TapIds for Value {
    fn tap_ids(mut self, other: &Value) -> Value {
        for (e, event) in self["events"]
            .as_array_mut()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let theirs = &other["events"][e];
            let ids: Vec<Value> = event["projects"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| p["id"].clone())
                .collect();
            for prize in event["prizes"].as_array_mut().into_iter().flatten() {
                if let Some(i) = ids.iter().position(|id| *id == prize["winner"]) {
                    prize["winner"] = theirs["projects"][i]["id"].clone();
                }
            }
            for (p, project) in event["projects"]
                .as_array_mut()
                .into_iter()
                .flatten()
                .enumerate()
            {
                project["id"] = theirs["projects"][p]["id"].clone();
            }
        }
        self
    }
}

on_both_databases! {
    async fn an_export_imports_into_an_empty_installation_with_the_same_archive(app: TestApp) {
        let db = if app.database_url.starts_with("postgres") { Db::Postgres } else { Db::Sqlite };
        export_then_import(app, TestApp::spawn(db).await).await;
    }

    async fn documents_the_import_does_not_understand_are_refused_and_change_nothing(app: TestApp) {
        let source = TestApp::spawn(Db::Sqlite).await;
        let doc = export(&filled(&source).await).await;
        let admin = admin_of(&app).await;
        let with = |path: &[&str], value: Value| {
            let mut d = doc.clone();
            let (last, head) = path.split_last().unwrap();
            let mut at = &mut d;
            for key in head {
                at = match key.parse::<usize>() { Ok(i) => &mut at[i], Err(_) => &mut at[*key] };
            }
            match value {
                Value::Null if *last != "winner" => { at.as_object_mut().unwrap().remove(*last); }
                v => at[*last] = v,
            }
            d.to_string()
        };
        let cases = [
            ("not json".to_string(), "This is not a JSON document"),
            (with(&["format"], json!("trello-board")), "This is not a hackday umbrella export"),
            (with(&["version"], json!(2)), "This server reads version 1 of the format; the document says 2"),
            (with(&["events", "0", "slug"], Value::Null), "missing field `slug`"),
            (with(&["events", "0", "phase"], json!("party")), "events[0].phase"),
            (with(&["events", "1", "slug"], doc["events"][0]["slug"].clone()), "appears twice"),
            (with(&["events", "0", "projects", "0", "submission", "repo_url"], json!("javascript:alert(1)")), "events[0].projects[0].submission.repo_url"),
            (with(&["events", "0", "prizes", "0", "winner"], json!(999999)), "no project has the id 999999"),
            (with(&["umbrella", "brand_colour"], json!("red")), "umbrella.colour"),
            (with(&["events", "0", "projects", "0", "title"], json!("x".repeat(81))), "at most 80 characters"),
        ];
        for (document, message) in &cases {
            let (status, answer) = import(&admin, document).await;
            assert_eq!(status, 422, "{message}: {answer}");
            let errors = answer["errors"].to_string();
            assert!(errors.contains(message), "expected “{message}” in {errors}");
        }
        let home = app.visitor().get("/").await.body;
        assert!(home.contains("No events yet") && !home.contains("NHS Hack Day"), "nothing changed");
        // The form shows the reasons by the field and keeps the document.
        let page = admin.post_with_csrf("/admin/umbrella", "/admin/import", &[("document", "{\"format\": \"other\"}")]).await;
        page.assert_status(422);
        assert!(page.body.contains("This is not a hackday umbrella export"));
        assert!(page.body.contains("{&quot;format&quot;: &quot;other&quot;}"), "the document is kept");
        // A good document goes in once; a second import finds events and is refused.
        let good = doc.to_string();
        assert_eq!(import(&admin, &good).await.0, 200);
        let (status, answer) = import(&admin, &good).await;
        assert_eq!(status, 422);
        assert!(answer["errors"].to_string().contains("already has 2 event(s)"), "{answer}");
        assert_eq!(archive(&app).await.matches("class=\"card archived\"").count(), 4, "nothing doubled");
    }

    async fn only_admins_import_and_never_into_an_installation_with_events(app: TestApp) {
        let admin = admin_of(&app).await;
        let stranger = app.visitor();
        let source = TestApp::spawn(Db::Sqlite).await;
        let doc = export(&filled(&source).await).await.to_string();
        let response = stranger.client.post(format!("{}/admin/import", app.address))
            .header("Content-Type", "application/json").body(doc.clone()).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 403, "only admins import");
        assert!(app.visitor().get("/").await.body.contains("No events yet"));
        let _event = event(&app, &admin, "here", "Already here", "pitching").await;
        let (status, _) = import(&admin, &doc).await;
        assert_eq!(status, 422, "an installation with events is refused");
        assert!(!app.visitor().get("/").await.body.contains("Hack day leeds"));
    }
}

on_both_databases! {
    async fn the_defaults_for_new_events_travel_with_the_export_and_documents_without_them_still_import(app: TestApp) {
        let db = if app.database_url.starts_with("postgres") { Db::Postgres } else { Db::Sqlite };
        let admin = filled(&app).await;
        assert!(export(&admin).await.get("defaults").is_none(), "nothing saved, nothing exported");
        crate::umbrella_defaults::save(&admin, &crate::umbrella_defaults::own_defaults()).await;
        let doc = export(&admin).await;
        assert_eq!(doc["version"], 1, "still version 1: the field is optional");
        let defaults = &doc["defaults"];
        assert_eq!(defaults["criteria"][0], json!({"name": "Clinical safety", "description": "Is it safe for patients?", "weight": 7, "scale_max": 10}));
        assert_eq!(defaults["prizes"][0]["criteria"], json!(["Clinical safety"]));
        assert_eq!(defaults["schedule"][0], json!({"day": 1, "time": "10:15", "kind": "other", "label": "Pitches"}));
        assert_eq!((defaults["team_size_cap"].clone(), defaults["late_pitches"].clone()), (json!(4), json!(true)));

        let to = TestApp::spawn(db).await;
        let new_admin = admin_of(&to).await;
        let pretty = serde_json::to_string_pretty(&doc).unwrap();
        let forged = import_file_with(&new_admin, "forged", &pretty).await;
        assert_eq!(forged.status.as_u16(), 403, "a file posted without the session's CSRF token is refused");
        assert!(to.visitor().get("/").await.body.contains("No events yet"), "and changes nothing");
        let landed = import_file(&new_admin, &pretty).await;
        landed.assert_redirect_to("/admin/umbrella");
        let notice = new_admin.get("/admin/umbrella").await.body;
        assert!(notice.contains("<p class=\"notice saved\" role=\"status\">Imported 2 events with 4 projects, and the defaults for new events.</p>"), "{notice}");
        let page = new_admin.get("/admin/umbrella/defaults").await.body;
        assert!(page.contains("value=\"Clinical safety\"") && !page.contains("Nothing saved yet"), "the defaults came along");
        assert_eq!(export(&new_admin).await["defaults"], doc["defaults"], "and go out again unchanged");

        // A version-1 document from before the defaults existed.
        let mut old = doc.clone();
        old.as_object_mut().unwrap().remove("defaults");
        let bare = TestApp::spawn(db).await;
        let bare_admin = admin_of(&bare).await;
        let (status, answer) = import(&bare_admin, &old.to_string()).await;
        assert_eq!(status, 200, "{answer}");
        let page = bare_admin.get("/admin/umbrella/defaults").await.body;
        assert!(page.contains("Nothing saved yet") && page.contains("Impact for patients and staff"), "the built-in defaults stay");

        // Defaults that break the rules refuse the whole document.
        let mut bad = doc.clone();
        bad["defaults"]["criteria"][1]["weight"] = json!(0);
        bad["defaults"]["prizes"][1]["criteria"] = json!(["Bedside manner"]);
        let empty = TestApp::spawn(db).await;
        let empty_admin = admin_of(&empty).await;
        let (status, answer) = import(&empty_admin, &bad.to_string()).await;
        assert_eq!(status, 422);
        let errors = answer["errors"].to_string();
        assert!(errors.contains("defaults.criteria[1].weight: The weight must be a whole number from 1 to 10"), "{errors}");
        assert!(errors.contains("defaults.prizes[1].criteria: no criterion is named “Bedside manner”"), "{errors}");
        assert!(empty.visitor().get("/").await.body.contains("No events yet"), "nothing imported");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_from_sqlite_imports_into_postgres() {
    export_then_import(
        TestApp::spawn(Db::Sqlite).await,
        TestApp::spawn(Db::Postgres).await,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_from_postgres_imports_into_sqlite() {
    export_then_import(
        TestApp::spawn(Db::Postgres).await,
        TestApp::spawn(Db::Sqlite).await,
    )
    .await;
}
