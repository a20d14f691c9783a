//! Announcements and paper in real headless Chromium: the banner on a
//! phone (390x844) and on the projector (1920x1080), large on the
//! projector and never over the reconnect notice, dismissed on the phone
//! for good; and print previews of the paper pages at A4 size.

use crate::announcements::announce;
use crate::browser_harness::Browser;
use crate::helpers::TestApp;

async fn open(app: &TestApp, path: &str, width: u32, height: u32) -> Browser {
    let browser = Browser::start(width, height).await;
    browser
        .client
        .goto(&format!("{}{path}", app.address))
        .await
        .expect("open the page");
    browser
        .wait_for("window.hackdayLive && window.hackdayLive.connected", 10)
        .await;
    browser
}

async fn value(browser: &Browser, script: &str) -> serde_json::Value {
    browser
        .client
        .execute(script, vec![])
        .await
        .expect("run the script")
}

/// Shows the reconnect notice as when offline, and answers whether any
/// announcement banner overlaps it.
const OVERLAP: &str = "
  var s = document.getElementById('live-status');
  s.textContent = 'Offline — reconnecting…'; s.hidden = false;
  var a = s.getBoundingClientRect();
  return [...document.querySelectorAll('.announce')].some(function (b) {
    var r = b.getBoundingClientRect();
    return r.left < a.right && a.left < r.right && r.top < a.bottom && a.top < r.bottom;
  });";

const HIDE_STATUS: &str =
    "var s = document.getElementById('live-status'); s.hidden = true; s.textContent = '';";

on_both_databases! {
    async fn the_banner_shows_on_a_phone_and_the_projector_without_covering_the_reconnect_notice(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        priya.pitch("leeds", "Bed board", "", &[]).await;
        organiser.set_phase("leeds", "team_forming").await;
        let phone = open(&app, "/e/leeds", 390, 844).await;
        let projector = open(&app, "/e/leeds/display", 1920, 1080).await;

        announce(&organiser, "Lunch is served in the atrium: vegetarian options by the window, please bring your badge")
            .await
            .assert_redirect_to("/e/leeds/organise/announcements");
        let banner = "document.querySelector('.announce .announce-text') && document.querySelector('.announce .announce-text').textContent.startsWith('Lunch is served')";
        phone.wait_for(banner, 10).await;
        projector.wait_for(banner, 10).await;

        let size = value(&projector, "return parseFloat(getComputedStyle(document.querySelector('.announce-text')).fontSize);").await;
        assert!(size.as_f64().unwrap() >= 28.0, "the projector banner is {size}px");
        let inside = value(&projector, "var r = document.querySelector('.announce').getBoundingClientRect(); return r.top >= 0 && r.bottom <= 1080 && r.right <= 1920;").await;
        assert_eq!(inside, serde_json::json!(true), "the banner is on the screen");
        projector.wait_for("document.querySelector('.stage-head').getBoundingClientRect().top >= document.querySelector('.announce').getBoundingClientRect().bottom", 5).await;
        let wide = value(&phone, "return document.documentElement.scrollWidth;").await;
        assert!(wide.as_f64().unwrap() <= 390.0, "the phone does not scroll sideways ({wide})");
        phone.screenshot("announce-phone-390x844").await;
        projector.screenshot("announce-projector-1920x1080").await;

        assert_eq!(value(&projector, OVERLAP).await, serde_json::json!(false), "projector: the notice stays clear");
        projector.screenshot("announce-projector-offline-1920x1080").await;
        assert_eq!(value(&phone, OVERLAP).await, serde_json::json!(false), "phone: the notice stays clear");
        phone.screenshot("announce-phone-offline-390x844").await;
        value(&phone, HIDE_STATUS).await;
        value(&projector, HIDE_STATUS).await;

        // Dismissed on this phone, for good; the projector keeps it.
        phone.client.find(fantoccini::Locator::Css(".announce-dismiss")).await.unwrap().click().await.unwrap();
        phone.wait_for("document.querySelectorAll('.announce').length === 0", 5).await;
        phone.client.refresh().await.unwrap();
        phone.wait_for("window.hackdayLive && window.hackdayLive.snapshots > 0", 10).await;
        assert_eq!(value(&phone, "return document.querySelectorAll('.announce').length;").await, serde_json::json!(0));
        assert_eq!(value(&phone, "return document.querySelectorAll('#announce-list li').length;").await, serde_json::json!(1), "still listed on the event page");
        assert_eq!(value(&projector, "return document.querySelectorAll('.announce').length;").await, serde_json::json!(1));

        // Cleared by an organiser: gone from the projector too.
        let page = organiser.get("/e/leeds/organise/announcements").await;
        let id = crate::helpers::extract_between(&page.body, "id=\"announcement-", "\"").unwrap();
        organiser
            .post_with_csrf("/e/leeds/organise/announcements", &format!("/e/leeds/organise/announcements/{id}/clear"), &[])
            .await
            .assert_redirect_to("/e/leeds/organise/announcements");
        projector.wait_for("document.querySelectorAll('.announce').length === 0", 10).await;
        phone.close().await;
        projector.close().await;
    }
}

/// Applies the page's print styles on screen, as the print preview would.
const PRINT_MEDIA: &str = "
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (rule.media && rule.media.mediaText === 'print') rule.media.mediaText = 'all';
    }
  }
  return true;";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn print_previews_of_the_poster_sheets_and_teams_at_a4_size() {
    let app = TestApp::spawn(crate::helpers::Db::Sqlite).await;
    let j = crate::judging::set_up(&app).await;
    let browser = Browser::start(794, 1123).await;
    // The organiser's session in the browser, through a fresh sign-in link.
    let link = j
        .organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/people",
            &[("name", "Olu Two"), ("role", "organiser")],
        )
        .await;
    let token =
        crate::helpers::extract_between(&link.body, &format!("{}/signin/", app.address), "\"")
            .unwrap();
    browser
        .client
        .goto(&format!("{}/signin/{token}", app.address))
        .await
        .unwrap();
    for (path, name) in [
        ("/e/leeds/poster", "print-poster-a4"),
        ("/e/leeds/organise/print/sheets", "print-sheets-a4"),
        ("/e/leeds/organise/print/teams", "print-teams-a4"),
    ] {
        browser
            .client
            .goto(&format!("{}{path}", app.address))
            .await
            .unwrap();
        assert_eq!(value(&browser, PRINT_MEDIA).await, serde_json::json!(true));
        let hidden = value(
            &browser,
            "return getComputedStyle(document.querySelector('.topbar')).display;",
        )
        .await;
        assert_eq!(
            hidden,
            serde_json::json!("none"),
            "{path}: no navigation on paper"
        );
        let wide = value(&browser, "return document.documentElement.scrollWidth;").await;
        assert!(
            wide.as_f64().unwrap() <= 794.0,
            "{path}: fits the width of A4 ({wide})"
        );
        browser.screenshot(name).await;
    }
    browser.close().await;
}
