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

on_both_databases! {
    async fn the_reveal_names_the_team_and_no_winner_is_split_across_the_two_columns(app: TestApp) {
        let event = crate::browser_layout::long_words_event(&app).await;
        let screen = projector(&app).await;
        crate::browser_layout::show_scene(&event.organiser, "results").await;
        screen.wait_for(&crate::browser_layout::scene_shown("results"), 10).await;
        let long = crate::browser_layout::long_name();
        screen
            .wait_for(&format!("document.getElementById('r-team').textContent.includes('{long}') && document.getElementById('r-team').textContent.includes('Samanthajones')"), 10)
            .await;
        // A three-line winner, then a one-line one: balanced columns would cut the first in two.
        crate::browser_layout::award(&event.organiser, &event.prizes[2], event.projects[2], true).await;
        screen
            .wait_for("document.getElementById('r-all').children.length === 2 && document.getElementById('r-team').textContent === 'Ben'", 10)
            .await;
        screen.screenshot("projector-winners-1920x1080").await;
        let split: Vec<String> = serde_json::from_value(
            screen
                .client
                .execute(
                    "return [...document.querySelectorAll('#r-all > li')].filter(li => li.getClientRects().length !== 1 || !li.textContent.includes(' — ')).map(li => li.textContent);",
                    vec![],
                )
                .await
                .expect("the winners"),
        )
        .expect("a list");
        assert!(split.is_empty(), "split or without names: {split:?}");
        let visible = number(&screen, "const r = document.getElementById('r-team').getBoundingClientRect(); return r.height > 30 && r.bottom <= innerHeight ? 1 : 0;").await;
        assert_eq!(visible, 1.0, "the team's names are on the screen");
        screen.close().await;
    }
}

/// Records each page the board shows: its label and the cards wholly on it.
const RECORD_PAGES: &str = r#"
window.__pages = [];
const board = document.getElementById('board'), label = document.getElementById('board-page');
const snap = () => {
  const b = board.getBoundingClientRect();
  const cards = [...board.children].filter(c => !c.classList.contains('offpage')).filter(c => {
    const r = c.getBoundingClientRect(); return r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
  }).map(c => c.id);
  const page = { label: label.hidden ? '' : label.textContent, cards };
  const last = window.__pages[window.__pages.length - 1];
  if (!last || JSON.stringify(last) !== JSON.stringify(page)) window.__pages.push(page);
};
snap();
new MutationObserver(snap).observe(label, { childList: true, characterData: true, subtree: true, attributes: true });
board.setAttribute('data-page-ms', '1500');
return true;
"#;

#[derive(serde::Deserialize, Debug)]
struct BoardPage {
    label: String,
    cards: Vec<String>,
}

on_both_databases! {
    async fn the_paged_board_labels_its_pages_in_order_and_shows_every_team_once_per_round(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        for i in 0..25 {
            let p = app.attendee("leeds", &format!("Pitcher {i}"), &["clinician"]).await;
            p.pitch("leeds", &format!("Idea number {i} with a longer title"), "", &["developer", "designer"])
                .await;
        }
        organiser.set_phase("leeds", "team_forming").await;
        let screen = projector(&app).await;
        screen
            .wait_for("document.body.getAttribute('data-scene') === 'team_forming' && document.getElementById('board').children.length === 25", 10)
            .await;
        screen.client.execute(RECORD_PAGES, vec![]).await.expect("record the pages");
        let first: Vec<BoardPage> = serde_json::from_value(
            screen.client.execute("return window.__pages;", vec![]).await.expect("pages"),
        )
        .expect("pages");
        let pages: usize = first[0]
            .label
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("the first page is labelled: {first:?}"));
        assert!(pages >= 2, "25 teams take more than one screen");
        screen
            .wait_for(&format!("window.__pages.length >= {}", pages + 1), 30)
            .await;
        screen.screenshot("projector-board-paged-1920x1080").await;
        let seen: Vec<BoardPage> = serde_json::from_value(
            screen.client.execute("return window.__pages;", vec![]).await.expect("pages"),
        )
        .expect("pages");
        let labels: Vec<&str> = seen.iter().map(|p| p.label.as_str()).collect();
        for (k, page) in seen.iter().take(pages + 1).enumerate() {
            assert_eq!(
                page.label,
                format!("· page {} of {pages}", k % pages + 1),
                "pages in order: {labels:?}"
            );
            assert!(!page.cards.is_empty(), "page {} shows teams", k + 1);
        }
        let mut all: Vec<&String> = seen.iter().take(pages).flat_map(|p| &p.cards).collect();
        let shown = all.len();
        all.sort();
        all.dedup();
        assert_eq!((shown, all.len()), (25, 25), "each team once a round: {seen:?}");
        screen.close().await;
    }
}

on_both_databases! {
    async fn after_the_deadline_the_hacking_scene_says_demo_submissions_are_closed(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        priya.pitch("leeds", "Ward bed board", "", &[]).await;
        organiser
            .post_with_csrf(
                "/e/leeds/organise",
                "/e/leeds/organise/schedule",
                &[("kind", "submission_deadline"), ("label", "Demos due"), ("at", "2020-11-22T13:30")],
            )
            .await
            .assert_redirect_to("/e/leeds/organise");
        organiser.set_phase("leeds", "hacking").await;
        let screen = projector(&app).await;
        screen
            .wait_for("document.body.getAttribute('data-scene') === 'hacking' && document.getElementById('h-label').textContent === 'Demo submissions are closed'", 10)
            .await;
        screen.screenshot("projector-hacking-closed-1920x1080").await;
        let text: String = serde_json::from_value(
            screen
                .client
                .execute("return document.querySelector('[data-scene=hacking]').innerText;", vec![])
                .await
                .expect("the scene's text"),
        )
        .expect("a string");
        assert!(!text.contains("close in") && !text.contains("Time's up"), "{text}");
        assert!(text.contains("Demos submitted: 0 of 1"), "no \"0 of 1 teams have\": {text}");
        screen.close().await;
    }
}

/// The board's heading: "Join a team · 2 teams".
const TEAM_COUNT: &str =
    "return document.querySelector('[data-scene=team_forming] .title-line').innerText;";

async fn text(screen: &Browser, script: &str) -> String {
    serde_json::from_value(
        screen
            .client
            .execute(script, vec![])
            .await
            .expect("run the script"),
    )
    .expect("a string")
}

on_both_databases! {
    async fn the_boards_team_count_says_1_team_and_follows_pitches_added_and_hidden_live(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        priya.pitch("leeds", "Ward bed board", "", &[]).await;
        // The board during pitching (pitches still come in), as an organiser may choose.
        crate::browser_layout::show_scene(&organiser, "team_forming").await;
        let screen = projector(&app).await;
        screen
            .wait_for(&crate::browser_layout::scene_shown("team_forming"), 10)
            .await;
        let pitches = text(&screen, "return document.getElementById('p-count').textContent;").await;
        assert_eq!(pitches, "1 pitch");
        let heading = text(&screen, TEAM_COUNT).await;
        assert!(heading.ends_with("· 1 team"), "{heading}");
        screen
            .client
            .execute("window.__notReloaded = true; return true;", vec![])
            .await
            .expect("mark the page");
        let sam = app.attendee("leeds", "Sam", &["developer"]).await;
        let path = sam.pitch("leeds", "Discharge letters", "", &[]).await;
        screen
            .wait_for("window.__notReloaded && document.getElementById('board').children.length === 2", 10)
            .await;
        screen.screenshot("projector-board-two-teams-1920x1080").await;
        let heading = text(&screen, TEAM_COUNT).await;
        assert!(heading.ends_with("· 2 teams"), "{heading}");
        organiser
            .post_with_csrf(&path, &format!("{path}/hide"), &[("hidden", "1")])
            .await
            .assert_redirect_to(&path);
        screen
            .wait_for("window.__notReloaded && document.getElementById('board').children.length === 1", 10)
            .await;
        let heading = text(&screen, TEAM_COUNT).await;
        assert!(heading.ends_with("· 1 team"), "{heading}");
        screen.close().await;
    }
}
