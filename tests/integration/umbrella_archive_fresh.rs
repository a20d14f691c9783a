//! The cross-event archive is kept in memory while no closed event changes,
//! and is never stale: a change to a closed event, or an event closing or
//! reopening, shows on the next request, on this instance and on another
//! one sharing the database.

use crate::helpers::{Db, TestApp, User};
use crate::umbrella::{admin_of, closed_event, set_start};

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

on_both_databases! {
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
async fn a_change_on_one_instance_shows_in_the_archive_of_another() {
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

    set_start(&admin, "leeds", "Leeds Hack Day", "2024-06-14T09:00").await;
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
