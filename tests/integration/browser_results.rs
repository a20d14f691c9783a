//! The organisers' results page in headless Chromium at laptop and desktop
//! sizes: no table runs out of its panel, nothing makes the page wider than
//! the window, and the charts draw (screenshots under
//! target/screenshots/results-*).

use crate::browser_harness::Browser;
use crate::browser_layout::{long_title, sign_in};
use crate::helpers::{Db, TestApp, User, extract_between};
use crate::judging::{score_all, set_up, vote};
use crate::teams::project_id;

/// What is wider than the window, or than the panel it sits in.
const OVERFLOWS: &str = r#"
const out = [], W = innerWidth;
const name = el => el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + [...el.classList].join('.');
if (document.documentElement.scrollWidth > W) out.push(`the page is ${document.documentElement.scrollWidth}px wide in ${W}px`);
for (const el of document.querySelectorAll('.panel, .table-wrap, .judge-charts > li')) {
  if (el.scrollWidth > el.clientWidth + 1) out.push(`${name(el)} overflows: ${el.scrollWidth}px in ${el.clientWidth}px`);
}
for (const table of document.querySelectorAll('table')) {
  const panel = table.closest('.panel').getBoundingClientRect(), r = table.getBoundingClientRect();
  if (r.right > panel.right + 1 || r.left < panel.left - 1) out.push(`a table runs out of its panel (${Math.round(r.right)} > ${Math.round(panel.right)})`);
}
return out;
"#;

/// A sign-in link for a new organiser.
async fn organiser_link(app: &TestApp, organiser: &User) -> String {
    let page = organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/people",
            &[("name", "Olu Second"), ("role", "organiser")],
        )
        .await;
    page.assert_status(200);
    extract_between(&page.body, &format!("{}/signin/", app.address), "\"").expect("a link")
}

/// The judging fixture with varied marks, a long-titled project, votes, a
/// revoked judge and a late submission: every section of the page filled.
async fn busy_results(app: &TestApp) -> User {
    let j = set_up(app).await;
    let [a, b, c] = j.projects;
    let long = project_id(
        &j.organiser
            .pitch("leeds", &long_title()[..80], "", &[])
            .await,
    );
    for (judge, project, mark) in [
        (&j.judge_a, a, "5"),
        (&j.judge_a, b, "3"),
        (&j.judge_a, c, "4"),
        (&j.judge_a, long, "2"),
        (&j.judge_b, a, "3"),
        (&j.judge_b, c, "3"),
        (&j.judge_b, long, "1"),
    ] {
        score_all(judge, project, mark, "")
            .await
            .assert_redirect_to("/e/leeds/judge");
    }
    j.organiser
        .post_with_csrf(
            "/e/leeds/organise/judging",
            "/e/leeds/organise/judging/open",
            &[("voting", "open")],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/judging");
    vote(&j.attendee, long)
        .await
        .assert_redirect_to("/e/leeds/vote");
    j.organiser
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
    j.attendee
        .post_with_csrf(
            &path,
            &format!("{path}/submission"),
            &[("repo_url", "https://github.com/nhs/ward")],
        )
        .await
        .assert_redirect_to("/e/leeds/p/");
    let setup = j.organiser.get("/e/leeds/organise/judging").await;
    let after_bo = &setup.body[setup.body.find("Judge Bo").expect("Bo")..];
    let bo = extract_between(after_bo, "/organise/judges/", "/revoke").unwrap();
    j.organiser
        .post_with_csrf(
            "/e/leeds/organise/judging",
            &format!("/e/leeds/organise/judges/{bo}/revoke"),
            &[("confirm", "1")],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/judging");
    j.organiser
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_results_page_fits_its_panels_at_laptop_and_desktop_sizes() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let organiser = busy_results(&app).await;
    let link = organiser_link(&app, &organiser).await;
    let mut problems = Vec::new();
    for (width, height) in [(1280, 900), (1920, 1080)] {
        let browser = Browser::start(width, height).await;
        sign_in(&browser, &app, &link).await;
        browser
            .client
            .goto(&format!("{}/e/leeds/organise/results", app.address))
            .await
            .expect("open the results page");
        browser
            .wait_for("document.readyState === 'complete'", 10)
            .await;
        browser
            .wait_for(
                "document.querySelectorAll('svg.judge-chart').length === 2",
                10,
            )
            .await;
        let found: Vec<String> = serde_json::from_value(
            browser
                .client
                .execute(OVERFLOWS, vec![])
                .await
                .expect("measure the page"),
        )
        .expect("a list");
        problems.extend(found.into_iter().map(|p| format!("{width}x{height}: {p}")));
        browser
            .screenshot(&format!("results-top-{width}x{height}"))
            .await;
        for section in ["judges-marks", "late"] {
            browser
                .client
                .execute(
                    &format!("document.getElementById('{section}').scrollIntoView();"),
                    vec![],
                )
                .await
                .expect("scroll");
            browser
                .screenshot(&format!("results-{section}-{width}x{height}"))
                .await;
        }
        browser.close().await;
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
