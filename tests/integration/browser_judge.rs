//! The scoring panel in headless Chromium: what a judge sees when the
//! connection drops.

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
}
