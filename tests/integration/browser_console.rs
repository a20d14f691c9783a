//! The organisers' console and people view in headless Chromium: two
//! columns on a laptop (1280x900), one on a phone (390x844), nothing wider
//! than the window; and the attendee's suggestion line on a phone.

use crate::browser_harness::Browser;
use crate::browser_layout::sign_in;
use crate::helpers::{TestApp, User, extract_between};

/// A team-forming event with a team that needs a designer, two people
/// called Sam Jones and a designer without a team; returns the sign-in
/// links of a second organiser and of the designer.
async fn busy_event(app: &TestApp) -> (User, String, String) {
    let organiser = app.event_in_phase("leeds", "pitching").await;
    let priya = app.attendee("leeds", "Priya Patel", &["clinician"]).await;
    priya
        .pitch(
            "leeds",
            "Bed board for the acute medical unit",
            "Beds are lost",
            &["designer", "developer"],
        )
        .await;
    organiser.set_phase("leeds", "team_forming").await;
    app.attendee("leeds", "Sam Jones", &["developer"]).await;
    app.attendee("leeds", "Sam Jones", &["designer", "patient"])
        .await;
    let dana = app.attendee("leeds", "Dana Designer", &["designer"]).await;
    let dana_link = extract_between(&dana.get("/e/leeds/me").await.body, "/signin/", "\"")
        .expect("Dana's personal link");
    let added = organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/people",
            &[("name", "Olu Second"), ("role", "organiser")],
        )
        .await;
    let link = extract_between(&added.body, "/signin/", "\"").expect("an organiser link");
    (organiser, link, dana_link)
}

async fn number(browser: &Browser, script: &str) -> f64 {
    browser
        .client
        .execute(script, vec![])
        .await
        .expect("run the script")
        .as_f64()
        .expect("a number")
}

async fn open(browser: &Browser, url: &str) {
    browser.client.goto(url).await.expect("open the page");
    browser
        .wait_for("document.readyState === 'complete'", 10)
        .await;
    let wide = number(
        browser,
        "return document.documentElement.scrollWidth - innerWidth;",
    )
    .await;
    assert!(wide <= 0.0, "{url} is {wide}px wider than the window");
}

/// How the two columns sit: the main column's left edge minus the side
/// column's right edge (positive: side by side), and its top minus the
/// side column's bottom (positive: stacked).
async fn columns(browser: &Browser) -> (f64, f64) {
    let beside = number(browser, "const s = document.querySelector('.console-side').getBoundingClientRect(), m = document.querySelector('.console-main').getBoundingClientRect(); return m.left - s.right;").await;
    let below = number(browser, "const s = document.querySelector('.console-side').getBoundingClientRect(), m = document.querySelector('.console-main').getBoundingClientRect(); return m.top - s.bottom;").await;
    (beside, below)
}

on_both_databases! {
    async fn the_console_uses_a_laptops_width_and_stacks_on_a_phone(app: TestApp) {
        let (_organiser, link, dana) = busy_event(&app).await;
        let base = app.address.clone();
        for (width, height) in [(1280, 900), (390, 844)] {
            let browser = Browser::start(width, height).await;
            sign_in(&browser, &app, &link).await;
            open(&browser, &format!("{base}/e/leeds/organise")).await;
            let (beside, below) = columns(&browser).await;
            if width >= 1000 {
                assert!(beside >= 0.0, "side by side at {width}px ({beside})");
            } else {
                assert!(below >= 0.0, "stacked at {width}px ({below})");
            }
            let button = number(&browser, "return document.getElementById('next-step').getBoundingClientRect().bottom;").await;
            assert!(button <= height as f64, "the next step is on the first screen at {width}px ({button})");
            browser.screenshot(&format!("console-organise-{width}x{height}")).await;
            // The log's times carry the zone ("Sat 21 Nov, 09:00 GMT"): each stays on one line.
            browser.client.execute("document.querySelector('.log .time').closest('section').scrollIntoView()", vec![]).await.expect("scroll");
            let wrapped = number(&browser, "return [...document.querySelectorAll('.log .time')].filter(t => t.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(t).fontSize)).length;").await;
            assert_eq!(wrapped, 0.0, "a log time wraps at {width}px");
            browser.screenshot(&format!("console-log-{width}x{height}")).await;

            open(&browser, &format!("{base}/e/leeds/people?q=sam")).await;
            browser.screenshot(&format!("console-people-{width}x{height}")).await;
            browser.client.execute("document.getElementById('without-team').scrollIntoView()", vec![]).await.expect("scroll");
            browser.screenshot(&format!("console-people-free-{width}x{height}")).await;

            open(&browser, &format!("{base}/e/leeds/organise")).await;
            browser
                .client
                .execute("const f = document.querySelector('details.other-phase form'); f.querySelector('select').value = 'pitching'; f.submit();", vec![])
                .await
                .expect("go back a phase");
            browser.wait_for("document.getElementById('confirm') !== null", 10).await;
            let wide = number(&browser, "return document.documentElement.scrollWidth - innerWidth;").await;
            assert!(wide <= 0.0, "the confirmation fits");
            browser.screenshot(&format!("console-confirm-{width}x{height}")).await;

            sign_in(&browser, &app, &dana).await;
            open(&browser, &format!("{base}/e/leeds")).await;
            browser.wait_for("document.getElementById('suggestions') !== null", 5).await;
            browser.client.execute("document.getElementById('suggestions').scrollIntoView()", vec![]).await.expect("scroll");
            browser.screenshot(&format!("console-attendee-suggestion-{width}x{height}")).await;
            browser.close().await;
        }
    }
}
