//! The organisers' console: the run of show's next step and what it
//! changes, "saved" after every save, asking first before going back or
//! losing work, and the first-run checklist that ticks itself.

use crate::helpers::{User, extract_between};

/// Whether the checklist line `key` is ticked on the console.
async fn ticked(organiser: &User, key: &str) -> bool {
    let console = organiser.get("/e/leeds/organise").await;
    let done = format!("class=\"check-item done\" data-check=\"{key}\"");
    let todo = format!("class=\"check-item todo\" data-check=\"{key}\"");
    assert!(
        console.body.contains(&done) || console.body.contains(&todo),
        "the checklist has a line {key}"
    );
    console.body.contains(&done)
}

fn phase_form(phase: &str) -> Vec<(&str, &str)> {
    vec![("phase", phase)]
}

on_both_databases! {
    async fn the_next_step_is_one_button_that_says_what_it_changes_and_the_save_is_confirmed(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let console = organiser.get("/e/leeds/organise").await;
        assert!(console.body.contains(">Open team forming</button>"), "the next step is the button");
        assert!(console.body.contains("People join and leave teams from their phones"), "what it changes for people");
        assert!(console.body.contains("The team board, filling up live"), "what the projector shows");
        assert!(console.body.contains("class=\"step current\">Pitching"), "the timeline marks now");

        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/phase", &phase_form("team_forming"))
            .await
            .assert_redirect_to("/e/leeds/organise");
        let after = organiser.get("/e/leeds/organise").await;
        assert!(after.body.contains("class=\"notice saved\" role=\"status\">Team forming is on."), "the save is said: {}", after.body);
        assert!(after.body.contains(">Start hacking</button>"), "the next step moved on");
        let again = organiser.get("/e/leeds/organise").await;
        assert!(!again.body.contains("notice saved"), "said once, not on every page view");

        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/settings", &[
                ("name", "NHS Hack Day Leeds"), ("venue", "Nexus"), ("starts_at", "2026-11-21T09:00"),
                ("ends_at", ""), ("team_size_cap", "5"), ("join_code", ""),
            ])
            .await
            .assert_redirect_to("/e/leeds/organise");
        assert!(organiser.get("/e/leeds/organise").await.body.contains(">Settings saved.</p>"));
    }

    async fn going_back_a_phase_asks_first_and_changes_nothing_until_confirmed(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "hacking").await;
        let asked = organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/phase", &phase_form("team_forming"))
            .await;
        asked.assert_status(200);
        assert!(asked.body.contains("Go back to Team forming?"), "{}", asked.body);
        assert!(asked.body.contains("name=\"confirm\" value=\"1\""), "the page posts again with confirm=1");
        assert!(asked.body.contains("name=\"phase\" value=\"team_forming\""), "with the same phase");
        assert!(asked.body.contains("href=\"/e/leeds/organise#run-of-show\""), "and a way back");
        assert!(app.visitor().get("/e/leeds").await.body.contains("Hacking"), "nothing changed yet");

        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/phase", &[("phase", "team_forming"), ("confirm", "1")])
            .await
            .assert_redirect_to("/e/leeds/organise");
        assert!(app.visitor().get("/e/leeds").await.body.contains("Team forming"));
        assert!(organiser.get("/e/leeds/organise").await.body.contains("Back to Team forming."));

        // Forward, even skipping a phase, does not ask.
        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/phase", &phase_form("judging"))
            .await
            .assert_redirect_to("/e/leeds/organise");
    }

    async fn a_new_sign_in_link_revoking_and_removing_a_criterion_ask_first(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let added = organiser.post_with_csrf("/e/leeds/organise", "/e/leeds/organise/people", &[("name", "Judge Judy"), ("role", "judge")]).await;
        let link = extract_between(&added.body, "/signin/", "\"").expect("a judge link");
        let judge = app.visitor();
        judge.get(&format!("/signin/{link}")).await.assert_redirect_to("/e/leeds/judge");
        let console = organiser.get("/e/leeds/organise").await;
        let row = extract_between(&console.body, "<li>Judge Judy <span", "</li>").expect("the judge is listed");
        let id = extract_between(&row, "/organise/people/", "/").expect("an id");

        for (path, question) in [("link", "Make a new sign-in link?"), ("revoke", "Revoke this person?")] {
            let asked = organiser
                .post_with_csrf("/e/leeds/organise", &format!("/e/leeds/organise/people/{id}/{path}"), &[])
                .await;
            asked.assert_status(200);
            assert!(asked.body.contains(question), "{path}: {}", asked.body);
            assert!(!asked.body.contains("/signin/"), "no new link before yes");
            judge.get("/e/leeds/judge").await.assert_status(200);
        }
        organiser
            .post_with_csrf("/e/leeds/organise", &format!("/e/leeds/organise/people/{id}/revoke"), &[("confirm", "1")])
            .await
            .assert_redirect_to("/e/leeds/organise");
        judge.get("/e/leeds/judge").await.assert_status(403);

        organiser
            .post_with_csrf("/e/leeds/organise/judging", "/e/leeds/organise/criteria/defaults", &[])
            .await
            .assert_redirect_to("/e/leeds/organise/judging");
        let setup = organiser.get("/e/leeds/organise/judging").await;
        let criterion = extract_between(&setup.body, "/organise/criteria/", "/delete").expect("a criterion");
        let remove = format!("/e/leeds/organise/criteria/{criterion}/delete");
        let asked = organiser.post_with_csrf("/e/leeds/organise/judging", &remove, &[]).await;
        asked.assert_status(200);
        assert!(asked.body.contains("Remove this criterion?"));
        assert!(organiser.get("/e/leeds/organise/judging").await.body.contains(&remove), "still there");
        organiser.post_with_csrf("/e/leeds/organise/judging", &remove, &[("confirm", "1")]).await.assert_redirect_to("/e/leeds/organise/judging");
        let after = organiser.get("/e/leeds/organise/judging").await;
        assert!(!after.body.contains(&remove), "removed once confirmed");
        assert!(after.body.contains("Criterion removed"), "and said so");
    }

    async fn the_first_run_checklist_ticks_itself_as_the_event_is_set_up(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "draft").await;
        for key in ["settings", "schedule", "join_code", "criteria", "prizes", "judges", "projector"] {
            assert!(!ticked(&organiser, key).await, "{key} is not done on a new event");
        }
        assert!(organiser.get("/e/leeds/organise").await.body.contains("6 to do"));

        organiser.post_with_csrf("/e/leeds/organise", "/e/leeds/organise/settings", &[
            ("name", "Leeds"), ("venue", "Nexus"), ("starts_at", "2026-11-21T09:00"),
            ("ends_at", ""), ("team_size_cap", "5"), ("join_code", "LEEDS2026"),
        ]).await.assert_redirect_to("/e/leeds/organise");
        assert!(ticked(&organiser, "settings").await && ticked(&organiser, "join_code").await);

        organiser.post_with_csrf("/e/leeds/organise", "/e/leeds/organise/schedule", &[
            ("kind", "submission_deadline"), ("label", "Demos due"), ("at", "2026-11-22T13:30"),
        ]).await.assert_redirect_to("/e/leeds/organise");
        organiser.post_with_csrf("/e/leeds/organise/judging", "/e/leeds/organise/criteria/defaults", &[]).await;
        organiser.post_with_csrf("/e/leeds/organise/judging", "/e/leeds/organise/prizes", &[("name", "Best in show"), ("kind", "judged")]).await;
        organiser.post_with_csrf("/e/leeds/organise", "/e/leeds/organise/people", &[("name", "Judge Judy"), ("role", "judge")]).await.assert_status(200);
        for key in ["schedule", "criteria", "prizes", "judges"] {
            assert!(ticked(&organiser, key).await, "{key} ticked itself");
        }
        assert!(!ticked(&organiser, "projector").await);

        organiser.set_phase("leeds", "pitching").await;
        app.visitor().get("/e/leeds/display").await.assert_status(200);
        assert!(ticked(&organiser, "projector").await, "opening the projector page ticks it");
        assert!(organiser.get("/e/leeds/organise").await.body.contains("<span class=\"count\">ready</span>"));
    }

    async fn the_console_reaches_the_people_view_and_counts_who_has_no_team(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "team_forming").await;
        app.attendee("leeds", "Sam", &["developer"]).await;
        app.attendee("leeds", "Dana", &["designer"]).await;
        let console = organiser.get("/e/leeds/organise").await;
        assert!(console.body.contains("2 not in a team yet"), "{}", console.body);
        assert!(console.body.contains("action=\"/e/leeds/people\""), "finding someone leads to the people view");
    }
}

on_both_databases! {
    async fn the_run_of_shows_start_judging_step_opens_judging_for_the_judges(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "hacking").await;
        let console = organiser.get("/e/leeds/organise").await;
        assert!(console.body.contains(">Start judging</button>"), "the next step is the button");
        assert!(console.body.contains("Judges can score from their panel from now on"), "it says judging opens: {}", console.body);
        let setup = organiser.get("/e/leeds/organise/judging").await;
        assert!(setup.body.contains("Judging is <strong>closed</strong>"), "closed while hacking");

        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/phase", &phase_form("judging"))
            .await
            .assert_redirect_to("/e/leeds/organise");
        let after = organiser.get("/e/leeds/organise").await;
        assert!(after.body.contains(">Judging is on. Judges can score from their panel from now on"), "the save is said: {}", after.body);
        let setup = organiser.get("/e/leeds/organise/judging").await;
        assert!(setup.body.contains("Judging is <strong>open</strong>"), "the step opened judging");
        assert!(after.body.contains("judging opened"), "and the console's log says so");
    }

    async fn moving_on_to_results_closes_judging_and_voting_so_the_scores_stand_still(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "judging").await;
        organiser
            .post_with_csrf("/e/leeds/organise/judging", "/e/leeds/organise/judging/open", &[("voting", "open")])
            .await
            .assert_redirect_to("/e/leeds/organise/judging");
        let setup = organiser.get("/e/leeds/organise/judging").await;
        assert!(setup.body.contains("Judging is <strong>open</strong>. People's choice voting is <strong>open</strong>"), "{}", setup.body);
        let console = organiser.get("/e/leeds/organise").await;
        assert!(console.body.contains("Judging and people&#x27;s choice voting are closed"), "the step says so first: {}", console.body);

        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/phase", &phase_form("results"))
            .await
            .assert_redirect_to("/e/leeds/organise");
        let setup = organiser.get("/e/leeds/organise/judging").await;
        assert!(setup.body.contains("Judging is <strong>closed</strong>. People's choice voting is <strong>closed</strong>"), "{}", setup.body);
        assert!(organiser.get("/e/leeds/organise").await.body.contains("judging closed, voting closed"), "the log says so");
    }
}
