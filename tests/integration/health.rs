//! Health and the not-found pages.

on_both_databases! {
    async fn healthz_answers_ok_when_the_database_answers(app: TestApp) {
        let page = app.visitor().get("/healthz").await;
        page.assert_status(200);
        assert_eq!(page.body, "ok");
    }

    async fn an_unknown_event_or_project_gets_a_404_page(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let visitor = app.visitor();
        let page = visitor.get("/e/nowhere").await;
        page.assert_status(404);
        assert!(page.body.contains("Not found"));
        visitor.get("/e/leeds/p/999").await.assert_status(404);
        visitor.get("/e/leeds/p/not-a-number").await.assert_status(404);
        visitor.get("/no/such/page").await.assert_status(404);
    }

    async fn the_home_page_lists_public_events_but_not_drafts(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "draft").await;
        let home = app.visitor().get("/").await;
        home.assert_status(200);
        assert!(!home.body.contains("/e/leeds"), "a draft is not listed");
        organiser.set_phase("leeds", "pitching").await;
        let home = app.visitor().get("/").await;
        assert!(home.body.contains("/e/leeds"), "a live event is listed");
    }
}
