//! The scoring panel over HTTP (what works without JavaScript): the link to
//! the project presenting now, the "not scored yet" filter, how a closed
//! panel reads, and the routes behind the panel that opens offline.

use crate::helpers::{User, extract_between};
use crate::judging::{score_all, set_up};

pub async fn present(organiser: &User, project: i64) {
    organiser
        .post_with_csrf(
            "/e/leeds/organise/order",
            "/e/leeds/organise/present",
            &[("op", "project"), ("project", &project.to_string())],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/order");
}

/// The opening tag of a project's card on the panel.
fn card_tag(panel: &str, project: i64) -> String {
    let from = panel
        .find(&format!("id=\"project-{project}\""))
        .expect("the project's card");
    let start = panel[..from].rfind("<li").expect("the card's tag");
    let end = from + panel[from..].find('>').expect("the end of the tag");
    panel[start..end].to_string()
}

on_both_databases! {
    async fn the_panel_links_to_the_project_presenting_now_and_filters_what_is_not_scored_yet(app: TestApp) {
        let j = set_up(&app).await;
        let [a, b, c] = j.projects;
        score_all(&j.judge_a, a, "4", "").await.assert_redirect_to("/e/leeds/judge");
        present(&j.organiser, b).await;

        let panel = j.judge_a.get("/e/leeds/judge").await;
        panel.assert_status(200);
        let now = extract_between(&panel.body, "id=\"panel-now\"", "</a>").expect("the panel-now link");
        assert!(now.contains(&format!("href=\"#project-{b}\"")), "it leads to the card: {now}");
        assert!(now.contains("Now presenting: <strong class=\"now-title\">Clinic texts</strong>"), "it names the project: {now}");
        assert!(!now.contains("hidden"), "it shows: {now}");
        assert!(card_tag(&panel.body, b).contains("presenting"));
        assert!(panel.body.contains("Not scored yet (<span id=\"unscored-count\">2</span>)"), "two left to score");
        // Without JavaScript the form saves with its button.
        assert_eq!(panel.body.matches("class=\"secondary save-button\"").count(), 3);
        for project in [a, b, c] {
            assert!(!card_tag(&panel.body, project).contains("hidden"), "all shown by default");
        }

        let filtered = j.judge_a.get("/e/leeds/judge?show=unscored").await;
        filtered.assert_status(200);
        assert!(card_tag(&filtered.body, a).contains(" hidden"), "the scored project is hidden");
        for project in [b, c] {
            assert!(!card_tag(&filtered.body, project).contains("hidden"), "{project} still to score");
        }
        assert!(filtered.body.contains("data-show=\"unscored\" aria-current=\"true\""));

        // Nobody presenting: no link.
        j.organiser
            .post_with_csrf("/e/leeds/organise/order", "/e/leeds/organise/present", &[("op", "stop")])
            .await
            .assert_redirect_to("/e/leeds/organise/order");
        let idle = j.judge_a.get("/e/leeds/judge").await;
        let now = extract_between(&idle.body, "id=\"panel-now\"", ">").expect("the link's tag");
        assert!(now.contains("hidden"), "no one presenting: {now}");
    }

    async fn once_judging_closes_the_panel_says_so_and_no_score_button_can_be_pressed(app: TestApp) {
        let j = set_up(&app).await;
        let open = j.judge_a.get("/e/leeds/judge").await;
        assert!(!open.body.contains("id=\"judging-closed\""));
        assert!(open.body.contains("save-button"), "open: the no-JavaScript Save button");
        assert!(!open.body.contains("\" disabled>"), "open: nothing disabled");
        j.organiser
            .post_with_csrf("/e/leeds/organise/judging", "/e/leeds/organise/judging/open", &[("judging", "closed")])
            .await
            .assert_redirect_to("/e/leeds/organise/judging");
        let closed = j.judge_a.get("/e/leeds/judge").await;
        closed.assert_status(200);
        assert!(closed.body.contains("id=\"judging-closed\" role=\"status\">Judging is closed"));
        let fieldsets: Vec<&str> = closed.body.split("<fieldset class=\"criterion\"").skip(1).collect();
        assert_eq!(fieldsets.len(), 15, "five criteria on three projects");
        for f in fieldsets {
            assert!(f[..f.find('>').expect("a tag")].ends_with(" disabled"), "disabled: {}", &f[..60]);
        }
        assert!(!closed.body.contains("save-button"), "no Save button once closed");
        assert!(closed.body.contains("judge-list closed"));
    }

    async fn the_panel_worker_is_served_from_the_root_fresh_and_signing_out_clears_what_the_browser_kept(app: TestApp) {
        let j = set_up(&app).await;
        let worker = j.judge_a.client.get(format!("{}/panel-sw.js", app.address)).send().await.expect("the worker");
        assert_eq!(worker.status(), 200);
        let header = |name: &str| worker.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        assert!(header("content-type").starts_with("text/javascript"), "{}", header("content-type"));
        assert_eq!(header("cache-control"), "no-cache");
        let script = worker.text().await.expect("a body");
        assert!(script.contains("addEventListener(\"fetch\""), "a fetch handler");
        assert!(script.contains("request.method !== \"GET\""), "it never touches posts");
        let panel = j.judge_a.get("/e/leeds/judge").await;
        assert!(panel.body.contains("/static/js/judge."));

        let signed_out = j
            .judge_a
            .client
            .post(format!("{}/signout", app.address))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(format!("csrf={}", panel.csrf()))
            .send()
            .await
            .expect("sign out");
        assert_eq!(signed_out.status(), 303);
        let clear = signed_out.headers().get("clear-site-data").and_then(|v| v.to_str().ok()).unwrap_or("");
        assert!(clear.contains("\"storage\"") && clear.contains("\"cache\""), "Clear-Site-Data: {clear}");
    }
}
