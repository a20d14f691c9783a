//! The scoring panel in headless Chromium: what a judge sees when the
//! connection drops, and the panel reopening with no connection at all.

use crate::browser_harness::Browser;
use crate::helpers::extract_between;

/// The computed colour and background of a save state, as one string.
const LOOK: &str = "const s = getComputedStyle(document.querySelector(arguments[0])); return s.color + ' on ' + s.backgroundColor;";

on_both_databases! {
    async fn offline_the_judge_sees_both_banners_and_kept_scores_look_different_from_saved_ones(app: TestApp) {
        let mut app = app;
        let j = crate::judging::set_up(&app).await;
        let [a, b, _] = j.projects;
        let page = j
            .organiser
            .post_with_csrf(
                "/e/leeds/organise",
                "/e/leeds/organise/people",
                &[("name", "Phone Judge"), ("role", "judge")],
            )
            .await;
        let link = extract_between(&page.body, &format!("{}/signin/", app.address), "\"")
            .expect("an invite link");
        let phone = Browser::start(390, 844).await;
        let c = &phone.client;
        c.goto(&format!("{}/signin/{link}", app.address)).await.expect("sign in");
        c.goto(&format!("{}/e/leeds/judge", app.address)).await.expect("the panel");
        phone.wait_for("window.hackdayLive && window.hackdayLive.connected", 10).await;
        let choose = |project: i64, value: u8| {
            format!("document.querySelector('#project-{project} fieldset.criterion input[value=\"{value}\"]').click(); return true;")
        };
        c.execute(&choose(a, 4), vec![]).await.expect("score");
        let saved = format!("#project-{a} .save-state");
        phone
            .wait_for(&format!("document.querySelector('{saved}').textContent.includes('Saved')"), 10)
            .await;
        let saved_look = c.execute(LOOK, vec![saved.clone().into()]).await.expect("a look");

        // The connection drops while the judge is further down the panel.
        app.stop().await;
        c.execute(
            &format!("document.getElementById('project-{b}').scrollIntoView(); return true;"),
            vec![],
        )
        .await
        .expect("scroll");
        c.execute(&choose(b, 5), vec![]).await.expect("score offline");
        let kept = format!("#project-{b} .save-state");
        phone
            .wait_for(&format!("document.querySelector('{kept}').textContent.includes('not sent yet') && !document.getElementById('live-status').hidden && !document.getElementById('judge-sync').hidden"), 20)
            .await;
        c.execute(
            &format!("document.getElementById('project-{b}').scrollIntoView(); return true;"),
            vec![],
        )
        .await
        .expect("scroll");
        phone.screenshot("judge-offline-banners-390x844").await;
        let boxes: Vec<[f64; 4]> = serde_json::from_value(
            c.execute(
                "return ['live-status', 'judge-sync'].map(id => { const r = document.getElementById(id).getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; });",
                vec![],
            )
            .await
            .expect("the banners"),
        )
        .expect("two boxes");
        let [live, panel] = [boxes[0], boxes[1]];
        for (name, r) in [("live channel", live), ("panel", panel)] {
            assert!(r[1] - r[0] > 10.0 && r[0] >= 0.0 && r[1] <= 844.0, "the {name} banner is on screen: {r:?}");
        }
        assert!(
            live[1] <= panel[0] + 0.5 || panel[1] <= live[0] + 0.5,
            "the banners do not overlap: live {live:?}, panel {panel:?}"
        );
        c.execute(
            &format!("document.querySelector('{kept}').scrollIntoView({{block: 'center'}}); return true;"),
            vec![],
        )
        .await
        .expect("scroll");
        phone.screenshot("judge-kept-not-sent-390x844").await;
        let kept_look = c.execute(LOOK, vec![kept.clone().into()]).await.expect("a look");
        assert_ne!(kept_look, saved_look, "kept-not-sent looks different from saved");
        let colour = kept_look.as_str().expect("a string").to_string();
        assert!(!colour.starts_with("rgb(0, 127, 59)"), "kept-not-sent is not green: {colour}");

        // Back online: the kept score is sent and turns into "Saved".
        app.start_again().await;
        phone
            .wait_for(&format!("document.querySelector('{kept}').textContent.includes('Saved')"), 30)
            .await;
        let sent_look = c.execute(LOOK, vec![kept.into()]).await.expect("a look");
        assert_eq!(sent_look, saved_look, "once sent it looks saved");
        phone.close().await;
    }

    async fn the_panel_reopens_offline_with_the_kept_score_and_sends_it_when_the_connection_returns(app: TestApp) {
        let mut app = app;
        let j = crate::judging::set_up(&app).await;
        let [a, b, c_project] = j.projects;
        let page = j
            .organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/people", &[("name", "Tablet Judge"), ("role", "judge")])
            .await;
        let link = extract_between(&page.body, &format!("{}/signin/", app.address), "\"").expect("an invite link");
        let panel = format!("{}/e/leeds/judge", app.address);
        let tablet = Browser::start(820, 1180).await;
        let c = &tablet.client;
        c.goto(&format!("{}/signin/{link}", app.address)).await.expect("sign in");
        c.goto(&panel).await.expect("the panel");
        tablet.wait_for(READY, 40).await;
        let choose = |project: i64, value: u8| {
            format!("document.querySelector('#project-{project} fieldset.criterion input[value=\"{value}\"]').click(); return true;")
        };
        // A score saved online is in the offline copy too.
        c.execute(&choose(a, 4), vec![]).await.expect("score");
        tablet.wait_for(&format!("document.querySelector('#project-{a} .save-state').textContent.includes('Saved')"), 10).await;
        tablet.wait_for(READY, 40).await;

        // The connection goes; the judge scores, then reloads the panel.
        app.stop().await;
        c.execute(&choose(b, 5), vec![]).await.expect("score offline");
        let kept = format!("#project-{b} .save-state");
        tablet.wait_for(&format!("document.querySelector('{kept}').textContent.includes('not sent yet')"), 20).await;
        c.refresh().await.expect("reload with no connection");
        tablet
            .wait_for(&format!("document.querySelector('h1') && document.querySelector('h1').textContent === 'Scoring panel' && document.querySelector('{kept}').textContent.includes('not sent yet')"), 15)
            .await;
        tablet.wait_for("!document.getElementById('live-status').hidden", 15).await;
        tablet.screenshot("judge-offline-reopened-820x1180").await;
        for (project, value) in [(a, 4), (b, 5)] {
            let checked = c
                .execute(&format!("return document.querySelector('#project-{project} fieldset.criterion input[value=\"{value}\"]').checked;"), vec![])
                .await
                .expect("a radio");
            assert_eq!(checked, serde_json::Value::Bool(true), "project {project} shows {value} offline");
        }
        let styled = c.execute("return getComputedStyle(document.querySelector('.judge-card')).scrollMarginTop;", vec![]).await.expect("style");
        assert_eq!(styled.as_str(), Some("187px"), "the panel's style sheet came from the offline copy");

        // Back online: what was kept is sent and stored.
        app.start_again().await;
        tablet.wait_for(&format!("document.querySelector('{kept}').textContent.includes('Saved')"), 30).await;
        c.goto(&panel).await.expect("the panel, online");
        let stored = c
            .execute(&format!("return [document.querySelector('#project-{b} fieldset.criterion input[value=\"5\"]').checked, localStorage.getItem('hackday-judge-queue-leeds')];"), vec![])
            .await
            .expect("the panel");
        assert_eq!(stored, serde_json::json!([true, "[]"]), "the server has the score; nothing is left kept");
        // Online, the panel is the server's, never the kept copy.
        crate::panel::present(&j.organiser, c_project).await;
        c.refresh().await.expect("reload online");
        let now = c.execute("return document.getElementById('panel-now').textContent;", vec![]).await.expect("the link");
        assert_eq!(now.as_str(), Some("Now presenting: Falls check"));
        tablet.close().await;
    }
}

/// The panel's service worker has kept the page and its files (it said
/// so). Whether this page itself came under the worker's control does not
/// matter: a reload is a navigation, served by the scope's active worker
/// either way, and under load Chrome sometimes leaves a page that was
/// loading when the worker activated uncontrolled (`clients.claim()`
/// notwithstanding). The reload offline below checks what the judge needs.
const READY: &str = "document.querySelector('.judge-list').dataset.offlineReady === 'true'";
