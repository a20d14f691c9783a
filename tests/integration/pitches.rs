//! Pitching from a phone: submit, edit, withdraw, and the phase rules.

on_both_databases! {
    async fn a_signed_in_attendee_pitches_and_the_pitch_is_listed_with_them_in_its_team(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let path = priya.pitch("leeds", "Discharge letters patients can read", "Letters are written for GPs.", &["developer", "clinician"]).await;
        let event = app.visitor().get("/e/leeds").await;
        assert!(event.body.contains("Discharge letters patients can read"));
        assert!(event.body.contains("Pitched by Priya"));
        assert!(event.body.contains("1 of 6 in the team"));
        let project = app.visitor().get(&path).await;
        project.assert_status(200);
        assert!(project.body.contains("Letters are written for GPs."));
        assert!(project.body.contains("Still needs: <span class=\"chip small\">Developer</span>"), "{}", project.body);
    }

    async fn a_title_of_80_characters_is_accepted_and_81_is_refused_keeping_the_text(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let sam = app.attendee("leeds", "Sam", &["developer"]).await;
        let long = "x".repeat(81);
        let reply = sam.post_with_csrf("/e/leeds/pitch", "/e/leeds/pitch", &[("title", &long), ("problem", "kept problem")]).await;
        reply.assert_status(422);
        assert!(reply.body.contains("The title can be at most 80 characters (this has 81)"));
        assert!(reply.body.contains(&long) && reply.body.contains("kept problem"), "the input is kept");
        assert!(app.visitor().get("/e/leeds").await.body.contains("No pitches yet"), "nothing was saved");
        let empty = sam.post_with_csrf("/e/leeds/pitch", "/e/leeds/pitch", &[("title", "  ")]).await;
        empty.assert_status(422);
        assert!(empty.body.contains("The title is required"));
        let problem = "p".repeat(1001);
        let too_long = sam.post_with_csrf("/e/leeds/pitch", "/e/leeds/pitch", &[("title", "ok"), ("problem", &problem)]).await;
        too_long.assert_status(422);
        assert!(too_long.body.contains("at most 1000 characters"));
        sam.pitch("leeds", &"y".repeat(80), &"p".repeat(1000), &[]).await;
    }

    async fn text_people_type_is_escaped_wherever_it_is_shown(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let mallory = app.attendee("leeds", "<b>Mallory</b>", &["other"]).await;
        let path = mallory.pitch("leeds", "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", &[]).await;
        for page in [app.visitor().get("/e/leeds").await, app.visitor().get(&path).await, app.visitor().get("/e/leeds/display").await] {
            assert!(!page.body.contains("<script>alert(1)</script>"), "{}", page.body);
            assert!(!page.body.contains("<b>Mallory</b>"));
            assert!(!page.body.contains("<img src=x"));
            assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        }
    }

    async fn only_the_pitcher_or_an_organiser_can_edit_or_withdraw_a_pitch(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let path = priya.pitch("leeds", "Bed board", "", &[]).await;
        let sam = app.attendee("leeds", "Sam", &["developer"]).await;
        sam.get(&format!("{path}/edit")).await.assert_status(403);
        let csrf = sam.get("/e/leeds").await.csrf();
        sam.post(&format!("{path}/edit"), &[("csrf", &csrf), ("title", "Hijacked")]).await.assert_status(403);
        sam.post(&format!("{path}/withdraw"), &[("csrf", &csrf)]).await.assert_status(403);
        assert!(!app.visitor().get(&path).await.body.contains("Hijacked"));

        priya.post_with_csrf(&format!("{path}/edit"), &format!("{path}/edit"), &[("title", "Ward bed board")]).await.assert_redirect_to(&path);
        assert!(app.visitor().get(&path).await.body.contains("Ward bed board"));
        organiser.post_with_csrf(&format!("{path}/edit"), &format!("{path}/edit"), &[("title", "Bed board (merged)")]).await.assert_redirect_to(&path);
        assert!(app.visitor().get(&path).await.body.contains("Bed board (merged)"));

        priya.post_with_csrf(&format!("{path}/edit"), &format!("{path}/withdraw"), &[]).await.assert_redirect_to("/e/leeds");
        app.visitor().get(&path).await.assert_status(404);
        assert!(app.visitor().get("/e/leeds").await.body.contains("No pitches yet"));
    }

    async fn after_pitching_closes_no_new_pitches_unless_organisers_allow_late_ones(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let path = priya.pitch("leeds", "Early idea", "", &[]).await;
        organiser.set_phase("leeds", "team_forming").await;
        let sam = app.attendee("leeds", "Sam", &["developer"]).await;
        // The form says pitching is closed, and a post comes back to it with what was typed.
        assert!(sam.get("/e/leeds/pitch").await.body.contains("Pitching is closed for this event"));
        let refused = sam.post_with_csrf("/e/leeds", "/e/leeds/pitch", &[("title", "Late idea"), ("problem", "Typed on a phone")]).await;
        refused.assert_status(422);
        assert!(refused.body.contains("Pitching is closed"));
        assert!(refused.body.contains("value=\"Late idea\"") && refused.body.contains("Typed on a phone"), "nothing typed is lost");
        assert!(refused.body.contains("href=\"/e/leeds\""), "a way back to the event");
        priya.get(&format!("{path}/edit")).await.assert_status(403);

        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/settings", &[
                ("name", "Leeds"), ("venue", ""), ("starts_at", ""), ("ends_at", ""),
                ("team_size_cap", "6"), ("join_code", ""), ("late_pitches", "on"),
            ])
            .await
            .assert_redirect_to("/e/leeds/organise");
        sam.pitch("leeds", "Late idea", "", &[]).await;
        assert!(app.visitor().get("/e/leeds").await.body.contains("Late idea"));
    }

    async fn a_visitor_who_has_not_signed_in_cannot_pitch(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let visitor = app.visitor();
        visitor.get("/e/leeds/pitch").await.assert_status(403);
        let reply = visitor.post_with_csrf("/e/leeds", "/e/leeds/pitch", &[("title", "Anonymous idea")]).await;
        reply.assert_status(403);
        assert!(reply.body.contains("Sign in to this event first"));
    }

    async fn a_person_has_one_open_pitch_at_a_time(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        priya.pitch("leeds", "First idea", "", &[]).await;
        let second = priya.post_with_csrf("/e/leeds", "/e/leeds/pitch", &[("title", "Second idea")]).await;
        second.assert_status(422);
        assert!(second.body.contains("You already have a pitch"));
        assert!(second.body.contains("value=\"Second idea\""), "the form keeps what was typed");
    }
}

on_both_databases! {
    async fn an_error_page_is_the_sites_own_page_with_a_way_back_to_the_event(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let missing = app.visitor().get("/e/leeds/p/9999").await;
        missing.assert_status(404);
        assert!(missing.body.contains("href=\"/e/leeds\">Back to the event"), "{}", missing.body);
        assert!(missing.body.contains("class=\"topbar\""), "rendered inside the layout");
        let nowhere = app.visitor().get("/nowhere").await;
        nowhere.assert_status(404);
        assert!(nowhere.body.contains("href=\"/\">All events"));
    }

    async fn organisers_hide_a_pitch_from_everyone_and_show_it_again(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let spammer = app.attendee("leeds", "Spammer", &["other"]).await;
        let path = spammer.pitch("leeds", "Buy cheap watches", "", &[]).await;
        spammer.post_with_csrf(&path, &format!("{path}/hide"), &[("hidden", "1")]).await.assert_status(403);
        organiser.post_with_csrf(&path, &format!("{path}/hide"), &[("hidden", "1")]).await.assert_redirect_to(&path);
        assert!(!app.visitor().get("/e/leeds").await.body.contains("Buy cheap watches"));
        app.visitor().get(&path).await.assert_status(404);
        assert!(organiser.get(&path).await.body.contains("Hidden by the organisers"));
        organiser.post_with_csrf(&path, &format!("{path}/hide"), &[("hidden", "0")]).await.assert_redirect_to(&path);
        assert!(app.visitor().get("/e/leeds").await.body.contains("Buy cheap watches"));
    }
}
