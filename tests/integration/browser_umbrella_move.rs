//! Moving the umbrella to a new server in a real headless Chromium: the
//! admin sets a default for new events (seeing a mistake refused first),
//! takes the export, and on a second, empty server imports the file with
//! the import form's file input. The new archive shows the same projects,
//! and a local organiser's event from the umbrella's defaults gets the
//! criterion set on the old server. Screenshots of the defaults form (with
//! its mistake shown, on a laptop and a phone) and of the import's result.

use crate::browser_umbrella_day::Tab;
use crate::helpers::*;
use crate::umbrella::{NHS, closed_event};

/// The admin signs in with the server's one-time setup link.
async fn admin_signs_in(app: &TestApp, tab: &Tab) {
    let token = app.setup_token.clone().expect("a setup link");
    tab.open(&format!("/admin/setup/{token}")).await;
    tab.submit("form", &[("#name", "Ada Admin")], None).await;
    assert_eq!(tab.path().await, "/admin");
}

/// The browser's cookies for this server, in an HTTP client: the same
/// admin, for setting up events and downloading the export.
async fn same_person(app: &TestApp, tab: &Tab) -> User {
    let user = app.visitor();
    let url = app.address.parse().expect("the server's address");
    for cookie in tab.browser.client.get_all_cookies().await.expect("cookies") {
        user.jar
            .add_cookie_str(&format!("{}={}", cookie.name(), cookie.value()), &url);
    }
    user
}

/// Gives `to` the cookies of `from` (both on the same server).
async fn copy_cookies(from: &Tab, to: &Tab) {
    to.open("/").await;
    for cookie in from
        .browser
        .client
        .get_all_cookies()
        .await
        .expect("cookies")
    {
        to.browser
            .client
            .add_cookie(cookie)
            .await
            .expect("a cookie");
    }
}

/// The titles in the cross-event archive, sorted.
async fn archive_titles(tab: &Tab) -> Vec<String> {
    tab.open("/archive").await;
    let titles = tab
        .js("return [...document.querySelectorAll('#archive .title')].map(e => e.textContent.trim());")
        .await;
    let mut titles: Vec<String> = serde_json::from_value(titles).expect("a list of titles");
    titles.sort();
    titles
}

/// Scrolls the element into the middle of the window.
async fn scroll_to(tab: &Tab, selector: &str) {
    let script = format!(
        "const e = document.querySelector({selector:?}); if (!e) return false; e.scrollIntoView({{block: 'center'}}); return true;"
    );
    assert_eq!(
        tab.js(&script).await,
        serde_json::json!(true),
        "{selector} is on the page"
    );
}

/// On the old server: the defaults form refuses a weight of 12 next to the
/// field, keeping what was typed; then saves "Clinical safety" at weight 7.
async fn admin_sets_a_default(app: &TestApp, admin: &Tab, db: &str) {
    admin.open("/admin/umbrella").await;
    admin
        .js("window.__leaving = true; document.querySelector('#defaults a').click(); return true;")
        .await;
    admin.loaded().await;
    assert_eq!(
        admin.path().await,
        "/admin/umbrella/defaults",
        "linked from the umbrella page"
    );
    assert!(admin.text("#built-in").await.contains("Nothing saved yet"));
    let new_row = "fieldset.new";
    admin
        .submit(
            "form.defaults",
            &[
                (&format!("{new_row} input[name=c_name]"), "Clinical safety"),
                (
                    &format!("{new_row} input[name=c_description]"),
                    "Is it safe for patients?",
                ),
                (&format!("{new_row} input[name=c_weight]"), "12"),
            ],
            None,
        )
        .await;
    assert!(
        admin
            .text("#problems")
            .await
            .contains("Nothing was saved: 1 problem")
    );
    admin
        .shot(&format!("move-defaults-error-top-1280x900-{db}"))
        .await;
    let typed = admin
        .js("return document.querySelector('fieldset.new input[name=c_name]').value;")
        .await;
    assert_eq!(typed, "Clinical safety", "what was typed is kept");
    scroll_to(admin, "#criteria .field-error").await;
    let error = admin.text("#criteria .field-error").await;
    assert!(error.contains("from 1 to 10"), "{error}");
    admin
        .shot(&format!("move-defaults-error-1280x900-{db}"))
        .await;

    let phone = Tab::start(app, 390, 844).await;
    copy_cookies(admin, &phone).await;
    phone.open("/admin/umbrella/defaults").await;
    phone.shot(&format!("move-defaults-390x844-{db}")).await;
    scroll_to(&phone, "#prizes fieldset").await;
    phone
        .shot(&format!("move-defaults-prizes-390x844-{db}"))
        .await;
    scroll_to(&phone, "#schedule fieldset").await;
    phone
        .shot(&format!("move-defaults-schedule-390x844-{db}"))
        .await;
    phone.browser.close().await;

    admin
        .submit(
            "form.defaults",
            &[("fieldset.new input[name=c_weight]", "7")],
            None,
        )
        .await;
    assert!(
        admin
            .saved_notice()
            .await
            .contains("The defaults are saved")
    );
    let saved = admin
        .js("return [...document.querySelectorAll('input[name=c_name]')].map(e => e.value);")
        .await;
    assert!(saved.to_string().contains("Clinical safety"), "{saved}");
    scroll_to(admin, "#prizes fieldset").await;
    admin
        .shot(&format!("move-defaults-prizes-1280x900-{db}"))
        .await;
}

/// On the new, empty server: the admin imports the file with the form's
/// file input and sees what was imported.
async fn admin_imports_the_file(admin: &Tab, path: &std::path::Path, db: &str) {
    admin.open("/admin/umbrella").await;
    let input = admin
        .browser
        .client
        .find(fantoccini::Locator::Css("#import-file"))
        .await
        .expect("the import form's file input");
    input
        .send_keys(path.to_str().expect("a path"))
        .await
        .expect("choose the file");
    scroll_to(admin, "#import").await;
    admin.shot(&format!("move-import-form-1280x900-{db}")).await;
    admin
        .submit("form[action='/admin/import']", &[], None)
        .await;
    assert_eq!(admin.path().await, "/admin/umbrella");
    let notice = admin.saved_notice().await;
    assert_eq!(
        notice,
        "Imported 2 events with 4 projects, and the defaults for new events."
    );
    assert_eq!(
        admin
            .js("return document.querySelector('#name').value;")
            .await,
        "NHS Hack Day",
        "the umbrella came along"
    );
    admin
        .shot(&format!("move-import-result-1280x900-{db}"))
        .await;
}

/// A local organiser invited on the new server proposes an event from the
/// umbrella's defaults; once approved, its judging set-up has `criterion`.
async fn local_event_from_the_defaults(app: &TestApp, admin: &Tab, criterion: &str) {
    admin.open("/admin").await;
    admin
        .submit(
            "form[action='/admin/local-organisers']",
            &[
                ("#lo-name", "Gill Local"),
                ("#lo-email", "gill@example.org"),
            ],
            None,
        )
        .await;
    let link = admin.copy_box("Local organiser sign-in link").await;
    let local = Tab::start(app, 1280, 900).await;
    local.open(&link).await;
    assert_eq!(local.path().await, "/local");
    local
        .submit(
            "form[action='/local/events']",
            &[
                ("#name", "NHS Hack Day Glasgow"),
                ("#slug", "glasgow"),
                ("#venue", "Royal Infirmary"),
                ("#starts_at", "2027-03-06T09:00"),
                ("#ends_at", "2027-03-07T17:00"),
                ("#time_zone", "Europe/London"),
                ("#template", "defaults"),
            ],
            None,
        )
        .await;
    admin.open("/admin").await;
    admin
        .submit(
            "form[action='/admin/events/glasgow/review']",
            &[("textarea", "Have a great day")],
            Some("button[value=approve]"),
        )
        .await;
    local.open("/local").await;
    local
        .submit("form[action='/local/events/glasgow/enter']", &[], None)
        .await;
    local.open("/e/glasgow/organise/judging").await;
    let setup = local.text("main").await;
    assert!(
        setup.contains(criterion) && setup.contains("Impact for patients and staff"),
        "the event got the default added to the built-in ones: {setup}"
    );
    local.browser.close().await;
}

on_both_databases! {
    async fn the_admin_moves_the_umbrella_with_its_defaults_to_a_new_server_in_the_browser(app: TestApp) {
        let postgres = app.database_url.starts_with("postgres");
        let (db, kind) = if postgres { ("postgres", Db::Postgres) } else { ("sqlite", Db::Sqlite) };
        let admin = Tab::start(&app, 1280, 900).await;
        admin_signs_in(&app, &admin).await;
        let http_admin = same_person(&app, &admin).await;
        http_admin.post_with_csrf("/admin/umbrella", "/admin/umbrella", &NHS).await.assert_redirect_to("/admin/umbrella");
        closed_event(&app, &http_admin, "leeds", "2024-06-14T09:00", ["Sepsis pager", "Discharge letters"]).await;
        closed_event(&app, &http_admin, "oxford", "2025-03-01T09:00", ["Ward rota", "Falls sensor"]).await;
        admin_sets_a_default(&app, &admin, db).await;

        let export = http_admin.get("/admin/export.json").await;
        export.assert_status(200);
        assert!(export.body.contains("\"Clinical safety\""), "the export carries the defaults");
        let folder = tempfile::tempdir().expect("a folder");
        let file = folder.path().join("umbrella-export.json");
        std::fs::write(&file, &export.body).expect("write the export");
        let before = archive_titles(&admin).await;
        assert_eq!(before.len(), 4, "{before:?}");

        let new_server = TestApp::spawn(kind).await;
        let moved = Tab::start(&new_server, 1280, 900).await;
        admin_signs_in(&new_server, &moved).await;
        admin_imports_the_file(&moved, &file, db).await;
        assert_eq!(archive_titles(&moved).await, before, "the same projects in the new archive");
        local_event_from_the_defaults(&new_server, &moved, "Clinical safety").await;
        admin.browser.close().await;
        moved.browser.close().await;
    }
}
