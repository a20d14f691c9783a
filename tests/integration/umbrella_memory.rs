//! The umbrella's pages (the home page, the cross-event archive) are
//! rendered once and kept while what they show stands still, and are never
//! stale: a change to an event, or an event opening, closing or reopening,
//! shows on the next request, on this instance and on another one sharing
//! the database.

use crate::helpers::{Db, TestApp, User};
use crate::umbrella::{admin_of, closed_event, event, set_start};

/// Reopens a closed event (going back asks first, so it is confirmed).
async fn reopen(admin: &User, slug: &str) {
    let console = format!("/e/{slug}/organise");
    admin
        .post_with_csrf(
            &console,
            &format!("{console}/phase"),
            &[("phase", "results"), ("confirm", "1")],
        )
        .await
        .assert_redirect_to(&console);
}

async fn archive(app: &TestApp) -> String {
    app.visitor().get("/archive").await.body
}

async fn home(app: &TestApp) -> String {
    app.visitor().get("/").await.body
}

on_both_databases! {
    async fn the_home_page_shows_a_change_to_any_event_on_the_next_request(app: TestApp) {
        let admin = admin_of(&app).await;
        let organiser = event(&app, &admin, "leeds", "Leeds Hack Day", "pitching").await;
        set_start(&organiser, "leeds", "Leeds Hack Day", "2099-03-01T09:00").await;
        assert!(home(&app).await.contains("Leeds Hack Day"), "read once");
        let draft = event(&app, &admin, "york", "York Hack Day", "draft").await;
        assert!(!home(&app).await.contains("York Hack Day"), "a draft is not public");
        draft.set_phase("york", "pitching").await;
        assert!(home(&app).await.contains("York Hack Day"), "public at once");
        set_start(&organiser, "leeds", "Leeds Health Hack", "2099-03-01T09:00").await;
        let renamed = home(&app).await;
        assert!(renamed.contains("Leeds Health Hack") && !renamed.contains("Leeds Hack Day"), "{renamed}");
        organiser.set_phase("leeds", "closed").await;
        let section = |page: &str, id: &str| crate::helpers::extract_between(page, &format!("id=\"{id}\""), "</ul>").unwrap_or_default();
        assert!(section(&home(&app).await, "past-events").contains("Leeds Health Hack"), "closed: past at once");
    }

    async fn a_closed_events_change_shows_in_the_archive_on_the_next_request(app: TestApp) {
        let admin = admin_of(&app).await;
        closed_event(&app, &admin, "leeds", "2024-06-14T09:00", ["Sepsis pager", "Discharge letters"]).await;
        let before = archive(&app).await;
        assert!(before.contains("Hack day leeds") && before.contains("Sepsis pager"), "{before}");

        set_start(&admin, "leeds", "Leeds Hack Day", "2024-06-14T09:00").await;
        let renamed = archive(&app).await;
        assert!(renamed.contains("Leeds Hack Day") && !renamed.contains("Hack day leeds"), "the new name at once: {renamed}");

        closed_event(&app, &admin, "oxford", "2025-03-01T09:00", ["Ward rota", "Falls sensor"]).await;
        assert!(archive(&app).await.contains("Ward rota"), "a newly closed event at once");

        reopen(&admin, "leeds").await;
        let reopened = archive(&app).await;
        assert!(!reopened.contains("Sepsis pager") && reopened.contains("Ward rota"), "a reopened event leaves at once: {reopened}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_on_one_instance_shows_on_the_home_page_and_archive_of_another() {
    let a = TestApp::spawn(Db::Postgres).await;
    let admin = admin_of(&a).await;
    closed_event(
        &a,
        &admin,
        "leeds",
        "2024-06-14T09:00",
        ["Sepsis pager", "Discharge letters"],
    )
    .await;
    let b = a.another_instance().await;
    assert!(
        archive(&b).await.contains("Hack day leeds"),
        "b reads the archive once"
    );

    assert!(
        home(&b).await.contains("Hack day leeds"),
        "b reads the home page once"
    );
    set_start(&admin, "leeds", "Leeds Hack Day", "2024-06-14T09:00").await;
    assert!(
        home(&b).await.contains("Leeds Hack Day"),
        "b's home page at once"
    );
    let renamed = archive(&b).await;
    assert!(
        renamed.contains("Leeds Hack Day") && !renamed.contains("Hack day leeds"),
        "{renamed}"
    );
    reopen(&admin, "leeds").await;
    assert!(
        !archive(&b).await.contains("Sepsis pager"),
        "reopened on a: gone from b's archive"
    );
}
