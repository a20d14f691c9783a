//! The umbrella on an event's pages, a local organiser's page and the
//! proposal form in a real headless Chromium, on a phone and a laptop, with
//! the longest umbrella name and principles (words of 120 letters): they
//! wrap, and nothing runs off the screen.

use crate::browser_harness::Browser;
use crate::helpers::*;
use crate::local_events::review;
use crate::umbrella::{admin_of, event};
use fantoccini::Locator;

/// What is wider than the window, and the top bar's or the strip's
/// children that run out of them.
const PROBLEMS: &str = r#"
const out = [], W = innerWidth;
const name = el => el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + [...el.classList].join('.');
if (document.documentElement.scrollWidth > W) out.push(`the page is ${document.documentElement.scrollWidth}px wide in ${W}px`);
for (const box of document.querySelectorAll('.topbar, .umbrella-strip, .umbrella-banner, .card, .panel, .field-row')) {
  const b = box.getBoundingClientRect();
  if (b.right > W + 1) out.push(`${name(box)} runs off the screen`);
  for (const el of box.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.left < b.left - 1 || r.right > b.right + 1)) out.push(`${name(el)} runs out of ${name(box)}`);
  }
}
return out;
"#;

/// Whether the proposal's start and end fields share a row.
const SIDE_BY_SIDE: &str = r#"
const top = id => document.getElementById(id).getBoundingClientRect().top;
return top('starts_at') === top('ends_at');
"#;

/// The projector's umbrella name: its font size, width, and whether it is on the screen.
const PROJECTOR_NAME: &str = r#"
const el = document.querySelector('.stage-umbrella'), r = el.getBoundingClientRect();
return {size: parseFloat(getComputedStyle(el).fontSize), width: r.width,
        inside: r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight};
"#;

/// A word of `n` letters.
fn word(stem: &str, n: usize) -> String {
    stem.repeat(n / stem.len() + 1)[..n].to_string()
}

/// The admin invites a local organiser; returns their sign-in link.
async fn local_link(app: &TestApp, admin: &User) -> String {
    let invited = admin
        .post_with_csrf(
            "/admin",
            "/admin/local-organisers",
            &[("name", "Gill Local"), ("email", "")],
        )
        .await;
    let prefix = format!("{}/local/signin/", app.address);
    let token = extract_between(&invited.body, &prefix, "\"").expect("a sign-in link");
    format!("{prefix}{token}")
}

async fn open(browser: &Browser, url: &str) {
    browser.client.goto(url).await.expect("open the page");
    browser
        .wait_for("document.readyState === 'complete'", 10)
        .await;
}

async fn problems_on(browser: &Browser, label: &str, found: &mut Vec<String>) {
    let list = browser
        .client
        .execute(PROBLEMS, vec![])
        .await
        .expect("measure the page");
    let list: Vec<String> = serde_json::from_value(list).expect("a list");
    found.extend(list.into_iter().map(|p| format!("{label}: {p}")));
    browser.screenshot(&format!("umbrella-pages-{label}")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_events_pages_and_the_local_organisers_page_fit_a_phone_and_a_laptop_under_a_long_umbrella()
 {
    let app = TestApp::spawn(Db::Sqlite).await;
    let admin = admin_of(&app).await;
    let long_name = format!("NHS {}", word("Hackdaysforhealthandcare", 70));
    let principles = [
        word("Freetoattendforeveryone", 120),
        "Open source by default".to_string(),
        word("Noproductpitcheseverplease", 120),
    ]
    .join("\n");
    admin
        .post_with_csrf(
            "/admin/umbrella",
            "/admin/umbrella",
            &[
                ("name", long_name.as_str()),
                ("description", "Clinicians, patients and developers."),
                ("principles", principles.as_str()),
                ("code_of_conduct", "https://nhshackday.com/conduct"),
                ("colour", "#005eb8"),
            ],
        )
        .await
        .assert_redirect_to("/admin/umbrella");
    let _organiser = event(&app, &admin, "leeds", "NHS Hack Day Leeds", "pitching").await;
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    let project = priya
        .pitch(
            "leeds",
            "Bed board",
            "Nobody knows where the beds are",
            &["developer"],
        )
        .await;
    let link = local_link(&app, &admin).await;
    let gill = app.visitor();
    gill.get(&link[app.address.len()..])
        .await
        .assert_redirect_to("/local");
    let long_event = word("Mentalhealthhackdayforyorkshire", 100);
    for (slug, name, starts, ends) in [
        (
            "york",
            long_event.as_str(),
            "2025-05-10T09:00",
            "2025-05-11T17:00",
        ),
        (
            "glos",
            "Gloucester Hack Day",
            "2099-03-07T09:00",
            "2099-03-08T17:00",
        ),
    ] {
        gill.post_with_csrf(
            "/local",
            "/local/events",
            &[
                ("name", name),
                ("slug", slug),
                ("venue", "Town hall"),
                ("starts_at", starts),
                ("ends_at", ends),
                ("time_zone", "Europe/London"),
                ("team_size_cap", ""),
                ("template", "blank"),
            ],
        )
        .await
        .assert_status(200);
        review(&admin, slug, "approve", "")
            .await
            .assert_redirect_to("/admin");
    }
    admin.set_phase("york", "closed").await;

    let mut found = Vec::new();
    for (width, height) in [(390, 844), (1280, 900)] {
        let size = format!("{width}x{height}");
        let browser = Browser::start(width, height).await;
        open(&browser, &format!("{}/e/leeds", app.address)).await;
        problems_on(&browser, &format!("event-{size}"), &mut found).await;
        browser
            .client
            .execute(
                "document.querySelector('.conduct-check').scrollIntoView()",
                vec![],
            )
            .await
            .unwrap();
        problems_on(&browser, &format!("event-signup-{size}"), &mut found).await;
        open(&browser, &format!("{}{project}", app.address)).await;
        let strip = browser
            .client
            .find(Locator::Css(".umbrella-strip"))
            .await
            .expect("the strip on the project page");
        // Principles this long are cut short there; the full text is a link away.
        let text = strip.text().await.unwrap();
        assert!(
            text.contains("Freetoattend") && text.contains("Our principles in full"),
            "{text}"
        );
        browser
            .client
            .execute(
                "document.querySelector('.umbrella-strip').scrollIntoView()",
                vec![],
            )
            .await
            .unwrap();
        problems_on(&browser, &format!("project-{size}"), &mut found).await;

        open(&browser, &link).await;
        problems_on(&browser, &format!("local-{size}"), &mut found).await;
        browser
            .client
            .execute(
                "document.querySelector('form[action=\"/local/events\"]').scrollIntoView()",
                vec![],
            )
            .await
            .unwrap();
        problems_on(&browser, &format!("proposal-{size}"), &mut found).await;
        let side_by_side = browser
            .client
            .execute(SIDE_BY_SIDE, vec![])
            .await
            .expect("measure the form");
        assert_eq!(
            side_by_side,
            serde_json::json!(width > 600),
            "start and end side by side on a laptop only ({size})"
        );
        // Sent empty: the messages sit by their fields, in the same layout.
        browser
            .client
            .find(Locator::Css(
                "form[action=\"/local/events\"] button[type=submit]",
            ))
            .await
            .expect("the proposal's button")
            .click()
            .await
            .expect("send the proposal");
        browser
            .wait_for("document.querySelector('.field-error') !== null", 10)
            .await;
        browser
            .client
            .execute(
                "document.querySelector('.field-error').scrollIntoView()",
                vec![],
            )
            .await
            .unwrap();
        problems_on(&browser, &format!("proposal-errors-{size}"), &mut found).await;
        browser.close().await;
    }
    // The projector names the umbrella small, but readable from the back.
    let projector = Browser::start(1920, 1080).await;
    open(&projector, &format!("{}/e/leeds/display", app.address)).await;
    let shown = projector
        .client
        .execute(PROJECTOR_NAME, vec![])
        .await
        .expect("measure the projector");
    assert!(shown["size"].as_f64().unwrap() >= 28.0, "{shown}");
    assert!(
        shown["width"].as_f64().unwrap() > 200.0,
        "its name is not squeezed away: {shown}"
    );
    assert!(
        shown["inside"].as_bool().unwrap(),
        "within the screen: {shown}"
    );
    projector
        .screenshot("umbrella-pages-projector-1920x1080")
        .await;
    projector.close().await;
    assert!(found.is_empty(), "{}", found.join("\n"));
}
