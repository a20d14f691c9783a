//! The scoring panel with 25 projects in headless Chromium, at tablet and
//! phone size: compact cards, opening on the project presenting now, the
//! sticky "Now presenting" link, the "not scored yet" filter, no Save button
//! with JavaScript, and score buttons that look closed once judging closes.

use crate::browser_harness::Browser;
use crate::helpers::{TestApp, User, extract_between};
use crate::panel::present;
use crate::teams::project_id;

const PROJECTS: usize = 25;
/// The tallest a compact card may be at tablet size (measured: about 325).
const CARD_AT_TABLET: f64 = 400.0;
/// At phone size the criteria stack, one a row (a looser bound).
const CARD_AT_PHONE: f64 = 700.0;

/// An event in judging with 25 projects, the default criteria, and a judge's
/// sign-in link; the 18th project is presenting.
async fn twenty_five_projects(app: &TestApp) -> (User, String, Vec<i64>) {
    let organiser = app.event_in_phase("leeds", "pitching").await;
    let mut projects = Vec::new();
    for n in 1..=PROJECTS {
        let person = app
            .attendee("leeds", &format!("Pitcher {n}"), &["clinician"])
            .await;
        let problem = format!(
            "Project {n}: nurses on the ward spend the first hour of every shift finding out which beds are free, \
             who is waiting for a scan and who can go home today, by walking the ward and phoning around."
        );
        let path = person
            .pitch("leeds", &format!("Ward helper number {n}"), &problem, &[])
            .await;
        projects.push(project_id(&path));
    }
    organiser.set_phase("leeds", "judging").await;
    for (path, form) in [
        ("/e/leeds/organise/criteria/defaults", vec![]),
        ("/e/leeds/organise/judging/open", vec![("judging", "open")]),
    ] {
        organiser
            .post_with_csrf("/e/leeds/organise/judging", path, &form)
            .await
            .assert_redirect_to("/e/leeds/organise/judging");
    }
    let page = organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/people",
            &[("name", "Tablet Judge"), ("role", "judge")],
        )
        .await;
    let link = extract_between(&page.body, &format!("{}/signin/", app.address), "\"")
        .expect("an invite link");
    present(&organiser, projects[17]).await;
    (organiser, link, projects)
}

async fn open_panel(app: &TestApp, link: &str, width: u32, height: u32) -> Browser {
    let browser = Browser::start(width, height).await;
    let c = &browser.client;
    c.goto(&format!("{}/signin/{link}", app.address))
        .await
        .expect("sign in");
    c.goto(&format!("{}/e/leeds/judge", app.address))
        .await
        .expect("the panel");
    browser
        .wait_for("window.hackdayLive && window.hackdayLive.connected", 10)
        .await;
    browser
}

async fn number(b: &Browser, script: &str) -> f64 {
    let v = b.client.execute(script, vec![]).await.expect("a script");
    v.as_f64()
        .unwrap_or_else(|| panic!("a number from {script}: {v:?}"))
}

/// The page's bounds: each card's average height, and no sideways scroll.
async fn assert_compact(b: &Browser, width: f64, per_card: f64) -> f64 {
    let list = number(
        b,
        "return document.querySelector('.judge-list').getBoundingClientRect().height;",
    )
    .await;
    let page = number(b, "return document.documentElement.scrollHeight;").await;
    let wide = number(b, "return document.documentElement.scrollWidth;").await;
    assert!(
        list / PROJECTS as f64 <= per_card,
        "cards average {} px at {width} px wide",
        list / PROJECTS as f64
    );
    assert!(
        page <= list + 800.0,
        "the page is the list and little else: {page} px"
    );
    assert!(wide <= width, "no sideways scroll at {width} px: {wide}");
    list / PROJECTS as f64
}

/// The top and bottom of an element in the viewport.
async fn span(b: &Browser, selector: &str) -> [f64; 2] {
    let v = b.client
        .execute("const r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.top, r.bottom];", vec![selector.into()])
        .await
        .expect("a box");
    serde_json::from_value(v).expect("two numbers")
}

on_both_databases! {
    async fn twenty_five_projects_fit_the_panel_opens_on_the_one_presenting_and_closes_visibly(app: TestApp) {
        let (organiser, link, projects) = twenty_five_projects(&app).await;
        let presenting = format!("#project-{}", projects[17]);

        let phone = open_panel(&app, &link, 390, 844).await;
        phone.screenshot("judge-panel-25-390x844").await;
        assert_compact(&phone, 390.0, CARD_AT_PHONE).await;
        phone.close().await;

        let tablet = open_panel(&app, &link, 820, 1180).await;
        let c = &tablet.client;
        tablet.screenshot("judge-panel-25-820x1180").await;
        let average = assert_compact(&tablet, 820.0, CARD_AT_TABLET).await;
        eprintln!("compact cards: {average} px each at 820 px");
        // It opened on the project presenting now, just under the sticky bar.
        let bar = span(&tablet, "#banners").await;
        let card = span(&tablet, &presenting).await;
        assert!(number(&tablet, "return scrollY;").await > 1000.0, "scrolled down to it");
        assert!(card[0] >= bar[1] - 1.0 && card[0] < bar[1] + 120.0, "the card {card:?} starts under the bar {bar:?}");
        assert_eq!(number(&tablet, "return document.querySelectorAll('.save-button').length;").await, 0.0, "no Save button with JavaScript");

        // From anywhere, the sticky link leads back to it.
        c.execute("window.scrollTo(0, 600); return true;", vec![]).await.expect("scroll");
        let now = span(&tablet, "#panel-now").await;
        assert!(now[0] >= 0.0 && now[1] < 300.0, "the link sticks at the top: {now:?}");
        let text = c.execute("return document.getElementById('panel-now').textContent;", vec![]).await.expect("text");
        assert_eq!(text.as_str(), Some("Now presenting: Ward helper number 18"));
        c.execute("document.getElementById('panel-now').click(); return true;", vec![]).await.expect("click");
        tablet.wait_for(&format!("Math.abs(document.querySelector('{presenting}').getBoundingClientRect().top - document.getElementById('banners').getBoundingClientRect().bottom) < 120"), 5).await;

        // Score the first project; "not scored yet" then leaves it out.
        let first = format!("#project-{}", projects[0]);
        c.execute(&format!("document.querySelectorAll('{first} fieldset.criterion').forEach(f => f.querySelector('input[value=\"4\"]').closest('label').click()); return true;"), vec![]).await.expect("score");
        tablet.wait_for(&format!("document.querySelector('{first} .save-state').textContent.includes('Saved') && document.getElementById('unscored-count').textContent === '24'"), 10).await;
        c.execute("document.querySelector('#panel-filter a[data-show=unscored]').click(); return true;", vec![]).await.expect("filter");
        tablet.wait_for(&format!("document.querySelector('{first}').hidden && document.querySelectorAll('.judge-card:not([hidden])').length === 24 && location.search === '?show=unscored'"), 5).await;
        let shown = span(&tablet, &format!("#project-{}", projects[1])).await;
        assert!(shown[1] - shown[0] > 50.0, "the next project shows");

        // Judging closes: the panel reloads closed, with buttons that look it.
        let open_look = look(&tablet, &format!("#project-{} .score-choice", projects[1])).await;
        organiser
            .post_with_csrf("/e/leeds/organise/judging", "/e/leeds/organise/judging/open", &[("judging", "closed")])
            .await
            .assert_redirect_to("/e/leeds/organise/judging");
        tablet.wait_for("document.getElementById('judging-closed') && document.querySelector('.judge-list').dataset.open === 'false'", 15).await;
        c.execute("window.scrollTo(0, 0); return true;", vec![]).await.expect("scroll");
        tablet.screenshot("judge-panel-closed-820x1180").await;
        let closed_look = look(&tablet, &format!("#project-{} .score-choice", projects[1])).await;
        assert_ne!(open_look, closed_look, "closed buttons look different");
        assert!(closed_look.contains("not-allowed"), "and say no to the pointer: {closed_look}");
        let line = span(&tablet, "#judging-closed").await;
        assert!(line[0] >= 0.0 && line[1] < 1180.0 && line[1] - line[0] > 20.0, "the closed line shows: {line:?}");
        assert_eq!(number(&tablet, "return document.querySelectorAll('.judge-card input[type=radio]:not(:disabled)').length;").await, 0.0);
        tablet.close().await;
    }
}

/// How a score button looks: its colours, border and pointer.
async fn look(b: &Browser, selector: &str) -> String {
    let v = b.client
        .execute("const s = getComputedStyle(document.querySelector(arguments[0])); return [s.color, s.backgroundColor, s.borderStyle, s.cursor].join(' ');", vec![selector.into()])
        .await
        .expect("a look");
    v.as_str().expect("a string").to_string()
}
