//! Demo submissions, the running order, the archive and the exports.

use crate::helpers::{Page, TestApp, User};
use crate::teams::project_id;
use crate::ws::{WsClient, team};

/// An event in hacking with Priya's team (Priya and Sam) and Ben's team.
pub async fn hacking_event(app: &TestApp) -> (User, User, User, i64, i64) {
    let organiser = app.event_in_phase("leeds", "pitching").await;
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    let first = project_id(
        &priya
            .pitch("leeds", "Ward bed board", "Beds, live.", &[])
            .await,
    );
    let ben = app.attendee("leeds", "Ben", &["developer"]).await;
    let second = project_id(&ben.pitch("leeds", "Clinic texts", "", &[]).await);
    organiser.set_phase("leeds", "team_forming").await;
    let sam = app.attendee("leeds", "Sam", &["designer"]).await;
    sam.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{first}/join"), &[])
        .await
        .assert_redirect_to("/e/leeds");
    organiser.set_phase("leeds", "hacking").await;
    (organiser, priya, sam, first, second)
}

pub async fn submit(user: &User, project: i64, form: &[(&str, &str)]) -> Page {
    let path = format!("/e/leeds/p/{project}");
    user.post_with_csrf(&path, &format!("{path}/submission"), form)
        .await
}

on_both_databases! {
    async fn a_team_member_submits_a_demo_and_it_shows_on_the_project_page_and_archive(app: TestApp) {
        let (_organiser, _priya, sam, first, _) = hacking_event(&app).await;
        let page = sam.get(&format!("/e/leeds/p/{first}")).await;
        assert!(page.body.contains("Add the link to your source repository"), "the checklist shows what is missing");
        submit(&sam, first, &[
            ("repo_url", "https://GitHub.com/nhs/bed-board.git"), ("demo_url", "https://beds.example.org/"),
            ("built", "A live bed board."), ("licence", "MIT"), ("keep_working", "on"),
        ])
        .await
        .assert_redirect_to(&format!("/e/leeds/p/{first}"));
        let public = app.visitor().get(&format!("/e/leeds/p/{first}")).await;
        assert!(public.body.contains("href=\"https://github.com/nhs/bed-board\""), "normalised link");
        assert!(public.body.contains("GitHub"));
        assert!(public.body.contains("href=\"https://beds.example.org\""));
        assert!(public.body.contains("A live bed board."));
        assert!(public.body.contains("MIT"));
        assert!(!public.body.contains("Submit your demo"), "the public sees no form");
        let archive = app.visitor().get("/e/leeds/projects").await;
        archive.assert_status(200);
        assert!(archive.body.contains("Ward bed board") && archive.body.contains("https://github.com/nhs/bed-board"));
        assert!(archive.body.contains("Team: Priya, Sam"));
        assert!(archive.body.contains("Clinic texts"), "unsubmitted projects are listed too");

        // Editing keeps one submission and records who changed it.
        submit(&sam, first, &[("repo_url", "https://codeberg.org/nhs/bed-board"), ("licence", "MIT")]).await.assert_redirect_to("/e/leeds/p/");
        let mine = sam.get(&format!("/e/leeds/p/{first}")).await;
        assert!(mine.body.contains("https://codeberg.org/nhs/bed-board") && mine.body.contains("Codeberg"));
        assert!(mine.body.contains("History of changes"));
        assert_eq!(mine.body.matches("Sam (attendee) saved the demo submission").count(), 2, "{}", mine.body);
        assert!(mine.body.contains("Say what you built"), "the second save has no description, so the checklist asks for one");
    }

    async fn someone_outside_the_team_cannot_submit_its_demo(app: TestApp) {
        let (_organiser, _priya, _sam, first, _) = hacking_event(&app).await;
        let kemi = app.attendee("leeds", "Kemi", &["patient"]).await;
        let refused = submit(&kemi, first, &[("repo_url", "https://github.com/evil/x")]).await;
        refused.assert_status(403);
        assert!(refused.body.contains("members and the organisers can submit its demo"));
        let anonymous = app.visitor();
        submit(&anonymous, first, &[("repo_url", "https://github.com/evil/x")]).await.assert_status(403);
        assert!(!app.visitor().get(&format!("/e/leeds/p/{first}")).await.body.contains("evil"));
    }

    async fn every_kind_of_bad_link_is_refused_with_a_message_and_the_input_kept(app: TestApp) {
        let (_organiser, priya, _sam, first, _) = hacking_event(&app).await;
        let cases = [
            ("repo_url", "", "The repository link is required"),
            ("repo_url", "javascript:alert(1)", "must be a web address starting with https:// or http://"),
            ("repo_url", "data:text/html,<b>x</b>", "must be a web address"),
            ("repo_url", "file:///etc/passwd", "must be a web address"),
            ("repo_url", "ftp://example.org/repo", "must be a web address"),
            ("repo_url", "github.com/nhs/repo", "must be a web address"),
            ("repo_url", "https://", "must be a web address"),
            ("repo_url", "https://exa mple.org/x", "must be a web address"),
            ("repo_url", "https://intranet/repo", "needs a full host name"),
            ("repo_url", "https://me:secret@github.com/a/b", "must not contain a user name or password"),
            ("demo_url", "javascript:alert(1)", "The demo link must be a web address"),
            ("slides_url", "data:,hello", "The slides link must be a web address"),
            ("video_url", "vbscript:msgbox", "The video link must be a web address"),
        ];
        for (field, value, message) in cases {
            let mut form = vec![("repo_url", "https://github.com/nhs/ok"), ("built", "typed text stays")];
            form.retain(|(f, _)| *f != field);
            form.push((field, value));
            let reply = submit(&priya, first, &form).await;
            reply.assert_status(422);
            assert!(reply.body.contains(message), "{field}={value}: expected “{message}”");
            assert!(reply.body.contains("typed text stays"), "the input is kept for {field}={value}");
        }
        assert!(app.visitor().get(&format!("/e/leeds/p/{first}")).await.body.contains("Not submitted yet"), "nothing was saved");
    }

    async fn a_submission_after_the_deadline_is_kept_and_marked_late(app: TestApp) {
        let (organiser, priya, _sam, first, second) = hacking_event(&app).await;
        let ben_is_on_time = {
            organiser
                .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/schedule", &[
                    ("kind", "submission_deadline"), ("label", "Demos due"), ("at", "2099-01-01T12:00"),
                ])
                .await
                .assert_redirect_to("/e/leeds/organise");
            submit(&organiser, second, &[("repo_url", "https://github.com/nhs/texts")]).await.assert_redirect_to("/e/leeds/p/");
            !app.visitor().get(&format!("/e/leeds/p/{second}")).await.body.contains("after the deadline")
        };
        assert!(ben_is_on_time, "before the deadline nothing is late");
        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/schedule", &[
                ("kind", "submission_deadline"), ("label", "Demos were due"), ("at", "2020-01-01T12:00"),
            ])
            .await
            .assert_redirect_to("/e/leeds/organise");
        submit(&priya, first, &[("repo_url", "https://github.com/nhs/late")]).await.assert_redirect_to("/e/leeds/p/");
        let page = app.visitor().get(&format!("/e/leeds/p/{first}")).await;
        assert!(page.body.contains("https://github.com/nhs/late"), "the late submission is kept");
        assert!(!page.body.contains("Submitted after the deadline"), "the late flag is for organisers only");
        let page = organiser.get(&format!("/e/leeds/p/{first}")).await;
        assert!(page.body.contains("Submitted after the deadline"));
        let json = organiser.get("/e/leeds/export/projects.json").await;
        let rows: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        let late = rows.as_array().unwrap().iter().find(|r| r["id"] == first).unwrap();
        assert_eq!(late["late"], true);
    }

    async fn organisers_arrange_shuffle_and_run_the_presentations_live(app: TestApp) {
        let (organiser, _priya, _sam, first, second) = hacking_event(&app).await;
        let carl = app.attendee("leeds", "Carl", &["other"]).await;
        organiser.set_phase("leeds", "pitching").await;
        let third = project_id(&carl.pitch("leeds", "Third idea", "", &[]).await);
        organiser.set_phase("leeds", "judging").await;
        let mut screen = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = screen.opening().await;
        assert_eq!(snapshot["event"]["running_order"], serde_json::json!([first, second, third]));

        app.visitor().get("/e/leeds/organise/order").await.assert_status(403);
        let order = |op: &'static str, project: i64| {
            let organiser = &organiser;
            async move {
                let p = project.to_string();
                organiser.post_with_csrf("/e/leeds/organise/order", "/e/leeds/organise/order", &[("op", op), ("project", &p)]).await
            }
        };
        order("up", third).await.assert_redirect_to("/e/leeds/organise/order");
        order("up", third).await.assert_redirect_to("/e/leeds/organise/order");
        // A team that must leave early goes first.
        screen.delta_where(|d| d["event"]["running_order"] == serde_json::json!([third, first, second])).await;
        order("down", first).await.assert_redirect_to("/e/leeds/organise/order");
        let page = organiser.get("/e/leeds/organise/order").await;
        let positions: Vec<usize> = ["Third idea", "Clinic texts", "Ward bed board"].iter().map(|t| page.body.find(t).unwrap()).collect();
        assert!(positions[0] < positions[1] && positions[1] < positions[2]);

        let present = |op: &'static str| {
            let organiser = &organiser;
            async move { organiser.post_with_csrf("/e/leeds/organise/order", "/e/leeds/organise/present", &[("op", op)]).await }
        };
        screen.delta_where(|d| d["event"]["running_order"] == serde_json::json!([third, second, first])).await;
        present("next").await.assert_redirect_to("/e/leeds/organise/order");
        let delta = screen.expect("delta").await;
        assert_eq!(delta["event"]["now_presenting"], third);
        present("next").await;
        assert_eq!(screen.expect("delta").await["event"]["now_presenting"], second);
        present("previous").await;
        assert_eq!(screen.expect("delta").await["event"]["now_presenting"], third);
        present("stop").await;
        assert!(screen.expect("delta").await["event"]["now_presenting"].is_null());

        // Shuffling keeps the same teams, in a random order.
        let mut seen = std::collections::HashSet::new();
        for _ in 0..12 {
            organiser.post_with_csrf("/e/leeds/organise/order", "/e/leeds/organise/order", &[("op", "shuffle")]).await.assert_redirect_to("/e/leeds/organise/order");
            let mut order = serde_json::Value::Null;
            while order.is_null() {
                order = screen.expect("delta").await["event"]["running_order"].clone();
            }
            let mut ids: Vec<i64> = order.as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
            seen.insert(ids.clone());
            ids.sort();
            assert_eq!(ids, vec![first, second, third]);
        }
        assert!(seen.len() > 1, "twelve shuffles of three teams give more than one order");
    }

    async fn the_csv_export_parses_back_to_the_same_projects_and_only_organisers_get_it(app: TestApp) {
        let (organiser, _priya, sam, first, second) = hacking_event(&app).await;
        submit(&sam, first, &[("repo_url", "https://github.com/nhs/bed-board"), ("built", "Line one,\n\"quoted\" <b>bold</b>"), ("licence", "Apache-2.0")])
            .await
            .assert_redirect_to("/e/leeds/p/");
        sam.get("/e/leeds/export/projects.csv").await.assert_status(403);
        app.visitor().get("/e/leeds/export/projects.json").await.assert_status(403);
        let csv_page = organiser.get("/e/leeds/export/projects.csv").await;
        csv_page.assert_status(200);
        let mut reader = csv::Reader::from_reader(csv_page.body.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        let get = |row: &csv::StringRecord, name: &str| row[headers.iter().position(|h| h == name).unwrap()].to_string();
        let bed = rows.iter().find(|r| get(r, "id") == first.to_string()).unwrap();
        assert_eq!(get(bed, "title"), "Ward bed board");
        assert_eq!(get(bed, "team"), "Priya; Sam");
        assert_eq!(get(bed, "repo_url"), "https://github.com/nhs/bed-board");
        assert_eq!(get(bed, "built"), "Line one,\n\"quoted\" <b>bold</b>");
        assert_eq!(get(bed, "licence"), "Apache 2.0");
        let texts = rows.iter().find(|r| get(r, "id") == second.to_string()).unwrap();
        assert_eq!(get(texts, "title"), "Clinic texts");
        assert_eq!(get(texts, "submitted"), "false");
        let json: serde_json::Value = serde_json::from_str(&organiser.get("/e/leeds/export/projects.json").await.body).unwrap();
        assert_eq!(json.as_array().unwrap().len(), 2);
    }

    async fn html_in_submissions_shows_as_text_everywhere_and_formulas_are_defused_in_csv(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let mallory = app.attendee("leeds", "<i>Mallory</i>", &["other"]).await;
        let project = project_id(&mallory.pitch("leeds", "=HYPERLINK(\"http://evil\")", "<script>alert(1)</script>", &[]).await);
        organiser.set_phase("leeds", "hacking").await;
        submit(&mallory, project, &[("repo_url", "https://github.com/a/b"), ("built", "<img src=x onerror=alert(1)>")]).await.assert_redirect_to("/e/leeds/p/");
        for page in [app.visitor().get(&format!("/e/leeds/p/{project}")).await, app.visitor().get("/e/leeds/projects").await] {
            assert!(!page.body.contains("<img src=x") && !page.body.contains("<script>alert") && !page.body.contains("<i>Mallory"));
            assert!(page.body.contains("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;") || page.body.contains("&lt;img src=x"), "{}", page.body);
        }
        let csv_page = organiser.get("/e/leeds/export/projects.csv").await;
        assert!(csv_page.body.contains("'=HYPERLINK"), "a formula is kept as text");
        let json = organiser.get("/e/leeds/export/projects.json").await;
        assert!(json.body.contains("<img src=x onerror=alert(1)>"), "JSON carries the text as typed");
    }

    async fn a_submission_updates_the_submitted_count_live(app: TestApp) {
        let (_organiser, _priya, sam, first, _) = hacking_event(&app).await;
        let mut screen = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = screen.opening().await;
        assert_eq!(snapshot["event"]["submitted"], 0);
        submit(&sam, first, &[("repo_url", "https://github.com/nhs/bed-board")]).await.assert_redirect_to("/e/leeds/p/");
        let delta = screen.expect("delta").await;
        assert_eq!(delta["event"]["submitted"], 1, "{delta} after snapshot {}", snapshot["version"]);
        assert_eq!(team(&delta, first).unwrap()["submitted"], true);
    }
}
