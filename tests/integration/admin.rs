//! The admin: the one-time setup link and creating events.

on_both_databases! {
    async fn the_setup_link_works_once(app: TestApp) {
        let token = app.setup_token.clone().expect("a setup link on a fresh database");
        let _admin = app.admin().await;
        let again = app.visitor();
        again.get(&format!("/admin/setup/{token}")).await.assert_status(403);
        let page = again.get("/").await;
        again.post(&format!("/admin/setup/{token}"), &[("csrf", &page.csrf()), ("name", "Eve")]).await.assert_status(403);
    }

    async fn only_admins_create_events_and_short_names_are_unique(app: TestApp) {
        let visitor = app.visitor();
        visitor.get("/admin").await.assert_status(403);
        let csrf = visitor.get("/").await.csrf();
        visitor.post("/admin/events", &[("csrf", &csrf), ("name", "X"), ("slug", "xx"), ("organiser", "O")]).await.assert_status(403);

        let admin = app.admin().await;
        let page = admin.get("/admin").await;
        let bad = admin.post("/admin/events", &[("csrf", &page.csrf()), ("name", ""), ("slug", "Bad Slug!"), ("organiser", "")]).await;
        bad.assert_status(422);
        assert!(bad.body.contains("The event name is required"));
        assert!(bad.body.contains("Use only letters, digits and dashes"));
        assert!(bad.body.contains("A name for the first organiser is required"), "the organiser's field says whose name");
        assert!(!bad.body.contains("Your name is required"));
        admin.post("/admin/events", &[("csrf", &page.csrf()), ("name", "Leeds"), ("slug", "leeds"), ("organiser", "Olu")]).await.assert_status(200);
        let taken = admin.post("/admin/events", &[("csrf", &page.csrf()), ("name", "Leeds 2"), ("slug", "leeds"), ("organiser", "Olu")]).await;
        taken.assert_status(422);
        assert!(taken.body.contains("Another event already uses this short name"));
    }
}
