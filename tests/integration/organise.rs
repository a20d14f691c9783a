//! The organiser console: who may use it, settings, phases and schedule.

on_both_databases! {
    async fn attendees_and_judges_cannot_reach_the_organiser_console(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let attendee = app.attendee("leeds", "Sam", &["developer"]).await;
        attendee.get("/e/leeds/organise").await.assert_status(403);
        let csrf = attendee.get("/e/leeds").await.csrf();
        attendee.post("/e/leeds/organise/phase", &[("csrf", &csrf), ("phase", "closed")]).await.assert_status(403);
        app.visitor().get("/e/leeds/organise").await.assert_status(403);

        let added = organiser.post_with_csrf("/e/leeds/organise", "/e/leeds/organise/people", &[("name", "Judge Judy"), ("role", "judge")]).await;
        added.assert_status(200);
        let link = extract_between(&added.body, "/signin/", "\"").expect("a judge link");
        let judge = app.visitor();
        judge.get(&format!("/signin/{link}")).await.assert_redirect_to("/e/leeds/judge");
        judge.get("/e/leeds/organise").await.assert_status(403);
        assert!(app.visitor().get("/e/leeds").await.body.contains("Pitching"), "the phase did not change");
    }

    async fn settings_with_mistakes_are_refused_with_messages_and_change_nothing(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let reply = organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/settings", &[
                ("name", "Renamed"), ("venue", "Here"), ("starts_at", "tomorrow"), ("ends_at", ""),
                ("team_size_cap", "31"), ("join_code", ""),
            ])
            .await;
        reply.assert_status(422);
        assert!(reply.body.contains("A team can have 1 to 30 people"));
        assert!(reply.body.contains("Give a date and time like"));
        assert!(reply.body.contains("value=\"Renamed\""), "the typed name is kept");
        assert!(app.visitor().get("/e/leeds").await.body.contains("Test Hack Day"), "nothing changed");

        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/settings", &[
                ("name", "NHS Hack Day Leeds"), ("venue", "Nexus"), ("starts_at", "2026-11-21T09:00"),
                ("ends_at", "2026-11-22T17:00"), ("team_size_cap", "4"), ("join_code", ""),
            ])
            .await
            .assert_redirect_to("/e/leeds/organise");
        let page = app.visitor().get("/e/leeds").await;
        assert!(page.body.contains("NHS Hack Day Leeds") && page.body.contains("Nexus"));
        assert!(page.body.contains("Sat 21 Nov, 09:00"));
    }

    async fn organisers_move_the_event_through_its_phases_and_edit_the_schedule(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        for phase in ["team_forming", "hacking", "judging", "results", "closed"] {
            organiser.set_phase("leeds", phase).await;
        }
        assert!(app.visitor().get("/e/leeds").await.body.contains("Closed"));
        let bad = organiser.post_with_csrf("/e/leeds/organise", "/e/leeds/organise/phase", &[("phase", "lunch")]).await;
        bad.assert_status(422);

        let bad = organiser.post_with_csrf("/e/leeds/organise", "/e/leeds/organise/schedule", &[("kind", "other"), ("label", ""), ("at", "")]).await;
        bad.assert_status(422);
        assert!(bad.body.contains("The label is required"));
        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/schedule", &[
                ("kind", "submission_deadline"), ("label", "Demos due"), ("at", "2026-11-22T13:30"),
            ])
            .await
            .assert_redirect_to("/e/leeds/organise");
        let page = app.visitor().get("/e/leeds").await;
        assert!(page.body.contains("Demos due") && page.body.contains("Sun 22 Nov, 13:30"));
        let console = organiser.get("/e/leeds/organise").await;
        assert!(console.body.contains("moved the event on from"), "the audit log shows the changes, in words");
        assert!(!console.body.contains("phase_changed"), "not in internal names");
    }
}
