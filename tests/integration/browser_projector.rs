//! The projector in headless Chromium at 1920x1080, on both databases:
//! the reconnect notice, the winners, the paged board and the deadline.

use crate::browser_harness::Browser;
use crate::helpers::TestApp;

async fn projector(app: &TestApp) -> Browser {
    let screen = Browser::start(1920, 1080).await;
    screen
        .client
        .goto(&format!("{}/e/leeds/display", app.address))
        .await
        .expect("open the projector");
    screen
        .wait_for("window.hackdayLive && window.hackdayLive.connected", 10)
        .await;
    screen
}

async fn number(screen: &Browser, script: &str) -> f64 {
    screen
        .client
        .execute(script, vec![])
        .await
        .expect("run the script")
        .as_f64()
        .expect("a number")
}

on_both_databases! {
    async fn the_projector_says_it_is_reconnecting_in_letters_at_least_28_px_high(app: TestApp) {
        let mut app = app;
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let screen = projector(&app).await;
        app.stop().await;
        screen
            .wait_for("!document.getElementById('live-status').hidden", 15)
            .await;
        let size = number(
            &screen,
            "return parseFloat(getComputedStyle(document.getElementById('live-status')).fontSize);",
        )
        .await;
        screen.screenshot("projector-reconnecting-1920x1080").await;
        assert!(size >= 28.0, "the reconnect notice is {size}px");
        let bottom = number(
            &screen,
            "return document.getElementById('live-status').getBoundingClientRect().bottom;",
        )
        .await;
        assert!(bottom <= 1080.5, "the notice is on the screen ({bottom})");
        app.start_again().await;
        screen
            .wait_for("window.hackdayLive.connected && document.getElementById('live-status').hidden", 20)
            .await;
        screen.close().await;
    }
}
