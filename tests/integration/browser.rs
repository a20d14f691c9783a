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
    browser.screenshot("phone-sign-up").await;
    c.find(Locator::Css("#join button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let welcome = c
        .find(Locator::Css(".notice"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(welcome.contains("Welcome, Priya Patel"), "{welcome}");

    c.goto(&format!("{}/e/leeds", app.address)).await.unwrap();
    c.find(Locator::LinkText("Pitch an idea"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
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
    let heading = c
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(heading, "Discharge letters patients can read");

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
