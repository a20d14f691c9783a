//! Attendees signing up from a phone, and their personal sign-in link.

on_both_databases! {
    async fn an_attendee_signs_up_and_gets_a_personal_link_that_works_on_another_device(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let phone = app.attendee("leeds", "Priya Patel", &["clinician", "designer"]).await;
        let me = phone.get("/e/leeds/me?welcome=1").await;
        me.assert_status(200);
        assert!(me.body.contains("Priya Patel"));
        assert!(me.body.contains("Clinician, Designer"));
        let token = extract_between(&me.body, "/signin/", "\"").expect("a personal link on the page");

        let laptop = app.visitor();
        laptop.get(&format!("/signin/{token}")).await.assert_redirect_to("/e/leeds");
        let page = laptop.get("/e/leeds").await;
        assert!(page.body.contains("Priya Patel"), "the laptop is signed in as the same person");
        assert!(page.body.contains("Pitch an idea"));
    }

    async fn a_new_personal_link_replaces_the_old_one(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let phone = app.attendee("leeds", "Sam", &["developer"]).await;
        let old = extract_between(&phone.get("/e/leeds/me").await.body, "/signin/", "\"").unwrap();
        phone.post_with_csrf("/e/leeds/me", "/e/leeds/me/link", &[("confirm", "yes")]).await.assert_redirect_to("/e/leeds/me");
        let new = extract_between(&phone.get("/e/leeds/me").await.body, "/signin/", "\"").unwrap();
        assert_ne!(old, new);
        app.visitor().get(&format!("/signin/{old}")).await.assert_status(403);
        app.visitor().get(&format!("/signin/{new}")).await.assert_redirect_to("/e/leeds");
    }

    async fn a_sign_up_with_mistakes_shows_messages_keeps_the_input_and_saves_nothing(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let visitor = app.visitor();
        let page = visitor.get("/e/leeds").await;
        let long_name = "N".repeat(61);
        let reply = visitor.post("/e/leeds/join", &[("csrf", &page.csrf()), ("name", &long_name)]).await;
        reply.assert_status(422);
        assert!(reply.body.contains("Your name can be at most 60 characters"), "{}", reply.body);
        assert!(reply.body.contains("Pick at least one"));
        assert!(reply.body.contains(&format!("value=\"{long_name}\"")), "the typed name is kept");
        let after = app.visitor().get("/e/leeds").await;
        assert!(after.body.contains(">0 signed up"), "nobody was saved: {}", after.body);
    }

    async fn an_event_with_a_join_code_refuses_a_wrong_code_and_accepts_the_right_one(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/settings", &[
                ("name", "Leeds"), ("venue", ""), ("starts_at", ""), ("ends_at", ""),
                ("team_size_cap", "5"), ("join_code", "ward77"),
            ])
            .await
            .assert_redirect_to("/e/leeds/organise");
        let visitor = app.visitor();
        let page = visitor.get("/e/leeds").await;
        assert!(page.body.contains("Join code"));
        let wrong = visitor
            .post("/e/leeds/join", &[("csrf", &page.csrf()), ("name", "Kemi"), ("skills", "patient"), ("join_code", "ward78")])
            .await;
        wrong.assert_status(422);
        assert!(wrong.body.contains("That join code is not right"));
        visitor
            .post("/e/leeds/join", &[("csrf", &page.csrf()), ("name", "Kemi"), ("skills", "patient"), ("join_code", " Ward77 ")])
            .await
            .assert_redirect_to("/e/leeds/me");
    }

    async fn a_draft_event_is_hidden_and_a_closed_one_takes_no_new_attendees(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "draft").await;
        app.visitor().get("/e/leeds").await.assert_status(404);
        assert_eq!(organiser.get("/e/leeds").await.status.as_u16(), 200, "organisers see their draft");
        organiser.set_phase("leeds", "closed").await;
        let visitor = app.visitor();
        let page = visitor.get("/e/leeds").await;
        page.assert_status(200);
        assert!(!page.body.contains("Join this event"));
        let refused = visitor.post("/e/leeds/join", &[("csrf", &page.csrf()), ("name", "Late"), ("skills", "other")]).await;
        refused.assert_status(409);
        assert!(refused.body.contains("not taking new attendees"));
    }
}
