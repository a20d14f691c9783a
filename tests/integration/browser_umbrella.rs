//! The umbrella's home page and its archive across events in a real
//! headless Chromium, on a phone and on a laptop, with the longest words
//! people may give: nothing may run off the screen or out of its card.

use crate::browser_harness::Browser;
use crate::browser_layout::set_title;
use crate::helpers::*;
use crate::umbrella::{NHS, admin_of, closed_event, event, set_start};

/// What on the page is wider than the window or runs out of its card.
const PROBLEMS: &str = r#"
const out = [], W = innerWidth;
const name = el => el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + [...el.classList].join('.');
if (document.documentElement.scrollWidth > W) out.push(`the page is ${document.documentElement.scrollWidth}px wide in ${W}px`);
for (const card of document.querySelectorAll('.card, .panel, .umbrella-hero')) {
  const c = card.getBoundingClientRect();
  if (c.right > W + 1) out.push(`${name(card)} runs off the screen`);
  for (const el of card.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.left < c.left - 1 || r.right > c.right + 1)) out.push(`${name(el)} runs out of ${name(card)}`);
  }
}
return out;
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_page_and_the_archive_fit_a_phone_and_a_laptop_with_the_longest_words() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let admin = admin_of(&app).await;
    admin
        .post_with_csrf("/admin/umbrella", "/admin/umbrella", &NHS)
        .await
        .assert_redirect_to("/admin/umbrella");
    let long = "Sepsisalertsforwardnursesandjuniordoctors".repeat(3)[..120].to_string();
    let [a, _] = closed_event(
        &app,
        &admin,
        "leeds",
        "2024-06-14T09:00",
        ["Sepsis pager", "Discharge letters"],
    )
    .await;
    set_title(&app, a, &long).await;
    closed_event(
        &app,
        &admin,
        "oxford",
        "2025-03-01T09:00",
        ["Ward rota", "Falls sensor"],
    )
    .await;
    let live = event(&app, &admin, "live", "NHS Hack Day Leeds", "team_forming").await;
    set_start(
        &live,
        "live",
        &"Hackdayforhealthandcareinwestyorkshire".repeat(3)[..100],
        "2020-06-14T09:00",
    )
    .await;
    let soon = event(&app, &admin, "soon", "NHS Hack Day Gloucester", "pitching").await;
    set_start(&soon, "soon", "NHS Hack Day Gloucester", "2099-03-01T09:00").await;

    let mut problems = Vec::new();
    for (width, height) in [(390, 844), (1280, 900)] {
        let browser = Browser::start(width, height).await;
        for (page, path) in [
            ("home", "/"),
            ("archive", "/archive"),
            ("archive-search", "/archive?q=sepsis&year=2024"),
        ] {
            browser
                .client
                .goto(&format!("{}{path}", app.address))
                .await
                .expect("open the page");
            browser
                .wait_for("document.readyState === 'complete'", 10)
                .await;
            let text = browser
                .client
                .find(fantoccini::Locator::Css("main"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            if page.starts_with("archive") {
                assert!(
                    text.contains(&long[..40]),
                    "{page}: the long title is shown"
                );
                assert!(
                    text.contains("Winner: Best in show"),
                    "{page}: the prize is shown"
                );
            } else {
                assert!(
                    text.contains("NHS Hack Day Gloucester") && text.contains("No product pitches"),
                    "{text}"
                );
            }
            let found = browser
                .client
                .execute(PROBLEMS, vec![])
                .await
                .expect("measure the page");
            let found: Vec<String> = serde_json::from_value(found).expect("a list");
            problems.extend(
                found
                    .into_iter()
                    .map(|p| format!("{page} at {width}x{height}: {p}")),
            );
            browser
                .screenshot(&format!("umbrella-{page}-{width}x{height}"))
                .await;
        }
        browser.close().await;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
