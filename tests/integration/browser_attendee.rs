//! The attendee pages in a real headless Chromium on a phone: the board
//! with the teams first, its search and "teams that need what I do" kept
//! through live changes, Join on the project page over the live channel,
//! and the personal link's Copy and Share buttons.

use crate::browser_harness::Browser;
use crate::browser_layout::sign_in;
use crate::helpers::{Db, TestApp, User, extract_between};
use crate::teams::project_id;
use fantoccini::Locator;

/// How many board cards are shown (not filtered out).
const SHOWN: &str = "[...document.querySelectorAll('#board > li')].filter(li => !li.hidden).map(li => li.id).join(',')";

async fn shown(browser: &Browser) -> String {
    let v = browser
        .client
        .execute(&format!("return {SHOWN};"), vec![])
        .await
        .expect("the board");
    v.as_str().unwrap_or_default().to_string()
}

/// The person's personal link, from their own page.
async fn link_of(user: &User) -> String {
    extract_between(&user.get("/e/leeds/me").await.body, "/signin/", "\"").expect("a personal link")
}

async fn width(browser: &Browser) -> f64 {
    browser
        .client
        .execute("return document.documentElement.scrollWidth", vec![])
        .await
        .expect("the width")
        .as_f64()
        .expect("a number")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_board_shows_teams_first_filters_them_and_keeps_the_filter_through_live_changes()
 {
    let app = TestApp::spawn(Db::Sqlite).await;
    let organiser = app.event_in_phase("leeds", "pitching").await;
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    let a = project_id(
        &priya
            .pitch(
                "leeds",
                "Ward bed board",
                "Nurses phone round for beds",
                &["developer"],
            )
            .await,
    );
    let ben = app.attendee("leeds", "Ben", &["developer"]).await;
    let b = project_id(
        &ben.pitch(
            "leeds",
            "Clinic texts",
            "Discharge letters nobody reads",
            &["designer"],
        )
        .await,
    );
    let carl = app.attendee("leeds", "Carl", &["designer"]).await;
    let c = project_id(
        &carl
            .pitch(
                "leeds",
                "Falls check",
                "Older patients fall at home",
                &["developer", "clinician"],
            )
            .await,
    );
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/schedule",
            &[
                ("kind", "other"),
                ("label", "Lunch"),
                ("at", "2099-11-22T12:30"),
            ],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
    organiser.set_phase("leeds", "team_forming").await;
    let dev = app.attendee("leeds", "Dee Developer", &["developer"]).await;
    let other_dev = app.attendee("leeds", "Dan", &["developer"]).await;

    let browser = Browser::start(390, 844).await;
    let client = &browser.client;
    sign_in(&browser, &app, &link_of(&dev).await).await;
    client
        .goto(&format!("{}/e/leeds", app.address))
        .await
        .unwrap();
    browser.wait_for("window.hackdayLive && window.hackdayLive.snapshots > 0 && window.hackdayLive.me !== null", 10).await;

    // Teams first; the schedule one tap away.
    let order = client
        .execute("return document.getElementById('board').getBoundingClientRect().top < document.getElementById('schedule').getBoundingClientRect().top && !!document.querySelector('a[href=\"#schedule\"]');", vec![])
        .await
        .unwrap();
    assert_eq!(
        order,
        serde_json::json!(true),
        "the teams come before the schedule, and a link jumps to it"
    );
    assert_eq!(
        shown(&browser).await,
        format!("project-{a},project-{b},project-{c}")
    );
    browser.screenshot("attendee-board-390x844").await;

    // Search over titles and problems.
    let search = client.find(Locator::Id("board-search")).await.unwrap();
    search.send_keys("letters").await.unwrap();
    browser
        .wait_for(&format!("{SHOWN} === 'project-{b}'"), 5)
        .await;
    let note = client
        .find(Locator::Id("board-shown"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(note, "Showing 1 of 3 teams.");
    search.clear().await.unwrap();
    search.send_keys("zzz").await.unwrap();
    browser
        .wait_for(
            "document.getElementById('board-shown').textContent.startsWith('No team matches')",
            5,
        )
        .await;
    search.clear().await.unwrap();
    client
        .execute(
            "document.getElementById('board-search').dispatchEvent(new Event('input'))",
            vec![],
        )
        .await
        .unwrap();

    // Teams that need a developer: Priya's and Carl's.
    client
        .find(Locator::Id("board-mine"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for(&format!("{SHOWN} === 'project-{a},project-{c}'"), 5)
        .await;
    browser.screenshot("attendee-board-filtered-390x844").await;

    // Dan (a developer) joins Priya's team from another phone: it no longer
    // needs a developer, and the redrawn board keeps the filter.
    let deltas = client
        .execute("return window.hackdayLive.deltas", vec![])
        .await
        .unwrap();
    other_dev
        .post_with_csrf("/e/leeds", &format!("/e/leeds/p/{a}/join"), &[])
        .await
        .assert_redirect_to("/e/leeds");
    browser
        .wait_for(&format!("window.hackdayLive.deltas > {deltas}"), 10)
        .await;
    browser
        .wait_for(&format!("{SHOWN} === 'project-{c}'"), 5)
        .await;
    let card = client
        .find(Locator::Id(&format!("project-{a}")))
        .await
        .unwrap();
    assert!(
        card.html(false).await.unwrap().contains("Dan"),
        "the hidden card was redrawn from the template with the new member"
    );
    assert!(width(&browser).await <= 390.0, "no sideways scrolling");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_a_person_joins_from_the_project_page_live_and_copies_their_personal_link() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let organiser = app.event_in_phase("leeds", "pitching").await;
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    let path = priya
        .pitch(
            "leeds",
            "Ward bed board",
            "Nurses phone round for beds",
            &["developer"],
        )
        .await;
    organiser.set_phase("leeds", "team_forming").await;
    let dev = app.attendee("leeds", "Dee Developer", &["developer"]).await;
    let link = link_of(&dev).await;

    let browser = Browser::start(390, 844).await;
    let client = &browser.client;
    sign_in(&browser, &app, &link).await;
    client
        .goto(&format!("{}{path}", app.address))
        .await
        .unwrap();
    browser.wait_for("window.hackdayLive && window.hackdayLive.connected && window.hackdayLive.me !== null && window.hackdayLive.snapshots > 0", 10).await;
    let before = client
        .execute("return location.href", vec![])
        .await
        .unwrap();
    client
        .find(Locator::Css("#team form[data-command=join] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // Over the live channel: no page load, the team and the buttons follow.
    browser
        .wait_for(
            "document.getElementById('team-members').textContent.includes('Dee Developer')",
            10,
        )
        .await;
    browser.wait_for("!document.querySelector('#team form[data-command=leave]').hidden && document.querySelector('#team form[data-command=join]').hidden", 5).await;
    assert_eq!(
        client
            .execute("return location.href", vec![])
            .await
            .unwrap(),
        before
    );
    let size = client
        .find(Locator::Id("team-size"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(size.starts_with("2 of "), "{size}");
    browser.screenshot("attendee-project-390x844").await;

    // The personal link: Copy selects it (and copies where allowed); Share
    // shows only where the browser can share.
    client
        .goto(&format!("{}/e/leeds/me", app.address))
        .await
        .unwrap();
    browser
        .wait_for(
            "document.readyState === 'complete' && !document.getElementById('copy-link').hidden",
            10,
        )
        .await;
    let share_matches = client
        .execute("return document.getElementById('share-link').hidden === (typeof navigator.share !== 'function');", vec![])
        .await
        .unwrap();
    assert_eq!(
        share_matches,
        serde_json::json!(true),
        "Share shows exactly where navigator.share exists"
    );
    client
        .find(Locator::Id("copy-link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for(
            "document.getElementById('copy-status').textContent.length > 0",
            5,
        )
        .await;
    let selected = client
        .execute("const i = document.getElementById('personal-link'); return i.value.includes('/signin/') && i.selectionStart === 0 && i.selectionEnd === i.value.length;", vec![])
        .await
        .unwrap();
    assert_eq!(
        selected,
        serde_json::json!(true),
        "the link is selected for the phone's own copy menu"
    );
    assert!(width(&browser).await <= 390.0);
    browser.screenshot("attendee-me-390x844").await;

    client
        .find(Locator::Id("new-link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.wait_for("document.querySelector('h1') && document.querySelector('h1').textContent === 'Make a new link?'", 5).await;
    browser.screenshot("attendee-new-link-390x844").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_a_closed_event_leads_with_its_winners() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let j = crate::judging::set_up(&app).await;
    let p = crate::attendee::prize(&j.organiser, "Patients award").await;
    crate::browser_layout::award(&j.organiser, &p, j.projects[0], true).await;
    j.organiser.set_phase("leeds", "closed").await;

    let browser = Browser::start(390, 844).await;
    browser
        .client
        .goto(&format!("{}/e/leeds", app.address))
        .await
        .unwrap();
    browser
        .wait_for("document.readyState === 'complete'", 10)
        .await;
    let first = browser
        .client
        .execute("const w = document.getElementById('winners').getBoundingClientRect(); return w.top < document.getElementById('board').getBoundingClientRect().top && w.top < innerHeight;", vec![])
        .await
        .unwrap();
    assert_eq!(
        first,
        serde_json::json!(true),
        "the winners are on the first screen, before the projects"
    );
    let text = browser
        .client
        .find(Locator::Id("winners"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        text.contains("Patients award")
            && text.contains("Ward bed board")
            && text.contains("Priya, Sam"),
        "{text}"
    );
    assert!(width(&browser).await <= 390.0);
    browser.screenshot("attendee-winners-390x844").await;
    browser.close().await;
}
