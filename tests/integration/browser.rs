//! Pages checked in a real headless Chromium.

use crate::browser_harness::Browser;
use crate::helpers::{Db, TestApp};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_a_person_signs_in_pitches_and_sees_the_pitch_on_the_event_page() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let _organiser = app.event_in_phase("leeds", "pitching").await;
    let browser = Browser::start(390, 844).await;
    let c = &browser.client;

    c.goto(&format!("{}/e/leeds", app.address)).await.unwrap();
    c.find(Locator::Id("name"))
        .await
        .unwrap()
        .send_keys("Priya Patel")
        .await
        .unwrap();
    c.find(Locator::Css("input[name=skills][value=clinician]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("input[name=conduct]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.screenshot("phone-sign-up").await;
    c.find(Locator::Css("#join button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for("document.querySelector('.notice') && document.querySelector('.notice').textContent.includes('Welcome, Priya Patel')", 10)
        .await;

    c.goto(&format!("{}/e/leeds", app.address)).await.unwrap();
    c.find(Locator::LinkText("Pitch an idea"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for("document.getElementById('title')", 10)
        .await;
    c.find(Locator::Id("title"))
        .await
        .unwrap()
        .send_keys("Discharge letters patients can read")
        .await
        .unwrap();
    c.find(Locator::Id("problem"))
        .await
        .unwrap()
        .send_keys("Letters are written for GPs, not patients.")
        .await
        .unwrap();
    c.find(Locator::Css("input[name=skills][value=developer]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("form.stack button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The project page loads after the post: wait for it rather than race it.
    browser
        .wait_for("document.querySelector('h1') && document.querySelector('h1').textContent === 'Discharge letters patients can read'", 10)
        .await;

    c.goto(&format!("{}/e/leeds", app.address)).await.unwrap();
    let titles = c.find_all(Locator::Css(".projects .title")).await.unwrap();
    assert_eq!(titles.len(), 1);
    assert_eq!(
        titles[0].text().await.unwrap(),
        "Discharge letters patients can read"
    );
    let width: f64 = c
        .execute("return document.documentElement.scrollWidth", vec![])
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(
        width <= 390.0,
        "the page fits a phone without sideways scrolling ({width}px)"
    );
    browser.screenshot("phone-event-page").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phones_and_the_projector_see_joins_live_and_recover_after_the_connection_drops() {
    let mut app = TestApp::spawn(Db::Sqlite).await;
    let organiser = app.event_in_phase("leeds", "pitching").await;
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    let path = priya
        .pitch("leeds", "Ward bed board", "", &["designer", "developer"])
        .await;
    let project = crate::teams::project_id(&path);
    organiser.set_phase("leeds", "team_forming").await;
    let sam = app.attendee("leeds", "Sam", &["designer"]).await;
    let link =
        crate::helpers::extract_between(&sam.get("/e/leeds/me").await.body, "/signin/", "\"")
            .unwrap();
    let kemi = app.attendee("leeds", "Kemi", &["developer"]).await;

    let phone = Browser::start(390, 844).await;
    let projector = Browser::start(1920, 1080).await;
    phone
        .client
        .goto(&format!("{}/signin/{link}", app.address))
        .await
        .unwrap();
    projector
        .client
        .goto(&format!("{}/e/leeds/display", app.address))
        .await
        .unwrap();
    for screen in [&phone, &projector] {
        screen
            .wait_for("window.hackdayLive && window.hackdayLive.version >= 0", 10)
            .await;
    }

    // Kemi joins from her phone (a plain form post): both screens update.
    kemi.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{project}/join"), &[])
        .await
        .assert_redirect_to("/e/leeds");
    let card = format!("document.getElementById('project-{project}')");
    phone
        .wait_for(
            &format!("{card} && {card}.textContent.includes('Kemi')"),
            10,
        )
        .await;
    projector
        .wait_for(
            &format!("{card} && {card}.textContent.includes('2 / 6')"),
            10,
        )
        .await;

    // Sam presses Join on his phone: it goes over the socket.
    phone
        .client
        .find(Locator::Css(&format!("#project-{project} button")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    projector
        .wait_for(&format!("{card}.textContent.includes('3 / 6')"), 10)
        .await;
    phone
        .wait_for(
            &format!("{card}.classList.contains('mine') && {card}.textContent.includes('Leave')"),
            10,
        )
        .await;
    phone.screenshot("phone-team-board").await;
    projector.screenshot("projector-teams").await;

    // The server restarts: the pages reconnect by themselves, without a reload.
    for screen in [&phone, &projector] {
        screen
            .client
            .execute("window.__notReloaded = true; return true;", vec![])
            .await
            .unwrap();
    }
    app.restart().await;
    kemi.post_with_csrf("/e/leeds", "/e/leeds/leave", &[])
        .await
        .assert_redirect_to("/e/leeds");
    for screen in [&phone, &projector] {
        screen.wait_for(&format!("window.__notReloaded && window.hackdayLive.connected && window.hackdayLive.snapshots >= 2 && !{card}.textContent.includes('Kemi')"), 20).await;
    }
    projector
        .wait_for(&format!("{card}.textContent.includes('2 / 6')"), 10)
        .await;
    phone.close().await;
    projector.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_submits_its_demo_from_a_phone_and_the_projector_count_changes_without_a_reload() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let organiser = app.event_in_phase("leeds", "pitching").await;
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    let path = priya.pitch("leeds", "Ward bed board", "", &[]).await;
    organiser.set_phase("leeds", "hacking").await;
    let link =
        crate::helpers::extract_between(&priya.get("/e/leeds/me").await.body, "/signin/", "\"")
            .unwrap();

    let phone = Browser::start(390, 844).await;
    let projector = Browser::start(1920, 1080).await;
    projector
        .client
        .goto(&format!("{}/e/leeds/display", app.address))
        .await
        .unwrap();
    projector
        .wait_for("window.hackdayLive && window.hackdayLive.version >= 0", 10)
        .await;
    projector
        .wait_for(
            "document.getElementById('submitted-count').textContent === '0'",
            5,
        )
        .await;
    projector
        .client
        .execute("window.__notReloaded = true; return true;", vec![])
        .await
        .unwrap();

    phone
        .client
        .goto(&format!("{}/signin/{link}", app.address))
        .await
        .unwrap();
    phone
        .client
        .goto(&format!("{}{path}", app.address))
        .await
        .unwrap();
    phone
        .client
        .find(Locator::Id("repo_url"))
        .await
        .unwrap()
        .send_keys("https://github.com/nhs/bed-board.git")
        .await
        .unwrap();
    phone
        .client
        .find(Locator::Id("built"))
        .await
        .unwrap()
        .send_keys("A bed board for the nurse in charge.")
        .await
        .unwrap();
    phone.screenshot("phone-submit-demo").await;
    phone
        .client
        .find(Locator::Css("#submission form.stack button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    phone.wait_for("document.querySelector('.repo a') && document.querySelector('.repo a').textContent === 'https://github.com/nhs/bed-board'", 10).await;

    projector.wait_for("window.__notReloaded === true && document.getElementById('submitted-count').textContent === '1'", 10).await;
    projector.screenshot("projector-submitted").await;
    phone.close().await;
    projector.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_judge_on_a_tablet_keeps_scoring_through_a_dropped_connection_and_nothing_is_lost() {
    let mut app = TestApp::spawn(Db::Sqlite).await;
    let j = crate::judging::set_up(&app).await;
    let [a, _, _] = j.projects;
    // A judge signs in on the tablet with a fresh invite link.
    let page = j
        .organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/people",
            &[("name", "Tablet Judge"), ("role", "judge")],
        )
        .await;
    let link =
        crate::helpers::extract_between(&page.body, &format!("{}/signin/", app.address), "\"")
            .unwrap();
    let tablet = Browser::start(1024, 768).await;
    let c = &tablet.client;
    c.goto(&format!("{}/signin/{link}", app.address))
        .await
        .unwrap();
    c.goto(&format!("{}/e/leeds/judge", app.address))
        .await
        .unwrap();
    let card = format!("#project-{a}");
    let choice = |n: usize, value: u8| {
        format!("{card} fieldset.criterion:nth-of-type({n}) input[value='{value}']")
    };
    c.find(Locator::Css(&choice(1, 4)))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    tablet
        .wait_for(
            &format!("document.querySelector('{card} .save-state').textContent.includes('Saved')"),
            10,
        )
        .await;
    tablet.screenshot("tablet-judge-panel").await;

    // The connection drops: the score entered now is kept and the panel says so.
    app.stop().await;
    c.find(Locator::Css(&choice(2, 5)))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    tablet.wait_for("!document.getElementById('judge-sync').hidden && document.getElementById('judge-sync').textContent.includes('kept on this device')", 15).await;
    tablet
        .wait_for(
            "JSON.parse(localStorage.getItem('hackday-judge-queue-leeds') || '[]').length === 1",
            5,
        )
        .await;
    tablet.screenshot("tablet-judge-offline").await;

    // It comes back: the kept score is sent by itself.
    app.start_again().await;
    tablet.wait_for("JSON.parse(localStorage.getItem('hackday-judge-queue-leeds') || '[]').length === 0 && document.getElementById('judge-sync').hidden", 20).await;
    tablet
        .wait_for(
            &format!("document.querySelector('{card} .save-state').textContent.includes('Saved')"),
            10,
        )
        .await;
    let csv = j.organiser.get("/e/leeds/export/scores.csv").await;
    let tablet_lines: Vec<&str> = csv
        .body
        .lines()
        .filter(|l| l.starts_with("Tablet Judge"))
        .collect();
    assert_eq!(tablet_lines.len(), 2, "both scores arrived: {}", csv.body);
    assert!(
        tablet_lines.iter().any(|l| l.contains(",4,"))
            && tablet_lines.iter().any(|l| l.contains(",5,"))
    );
    tablet.close().await;
}
