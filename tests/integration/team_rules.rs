//! Team rules around the results: a pitcher stays with their project until
//! they hand it over (every path: websocket, form, organiser move, joining
//! another team), a lowered cap says what happens, and the late flag is for
//! organisers only, with their overview of late submissions.

use crate::helpers::{TestApp, User, extract_between};
use crate::teams::project_id;
use crate::ws::WsClient;
use serde_json::json;

/// Priya pitched "Bed board" and Sam joined it; Ben pitched "Clinic texts".
async fn two_teams(app: &TestApp) -> (User, User, User, User, i64, i64) {
    let organiser = app.event_in_phase("leeds", "pitching").await;
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    let first = project_id(&priya.pitch("leeds", "Bed board", "", &[]).await);
    let ben = app.attendee("leeds", "Ben", &["developer"]).await;
    let second = project_id(&ben.pitch("leeds", "Clinic texts", "", &[]).await);
    organiser.set_phase("leeds", "team_forming").await;
    let sam = app.attendee("leeds", "Sam", &["designer"]).await;
    sam.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{first}/join"), &[])
        .await
        .assert_redirect_to("/e/leeds");
    (organiser, priya, ben, sam, first, second)
}

/// The id of a person from the organisers' people view (found by name).
async fn person_id(organiser: &User, name: &str) -> String {
    let people = organiser.get(&format!("/e/leeds/people?q={name}")).await;
    let matches = people
        .body
        .split_once("id=\"matches\"")
        .unwrap_or_else(|| panic!("{name} in the people view"))
        .1;
    extract_between(matches, "data-person=\"", "\"").expect("a person row")
}

on_both_databases! {
    async fn a_pitcher_stays_with_their_project_until_they_hand_it_over(app: TestApp) {
        let (organiser, priya, _ben, sam, first, second) = two_teams(&app).await;
        let project = format!("/e/leeds/p/{first}");
        // The no-JavaScript form: refused, back on the page, with the way out.
        let refused = priya.post_with_csrf(&project, "/e/leeds/leave", &[("back", &project)]).await;
        refused.assert_redirect_to(&project);
        let back = priya.get(&project).await;
        assert!(back.body.contains("You pitched “Bed board”"), "the reason, on the project page");
        assert!(back.body.contains("hand it over to another member"));
        let moved = priya.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{second}/join"), &[]).await;
        moved.assert_redirect_to("/e/leeds");
        assert!(priya.get("/e/leeds").await.body.contains("You pitched “Bed board”"));
        // The websocket command, the same rule.
        let mut phone = WsClient::connect(&app, "leeds", Some(&priya)).await;
        phone.opening().await;
        phone.send(json!({"type": "leave", "id": "l"})).await;
        assert!(phone.expect("error").await["message"].as_str().unwrap().contains("You pitched “Bed board”"));
        phone.send(json!({"type": "join", "id": "j", "team": second})).await;
        assert!(phone.expect("error").await["message"].as_str().unwrap().contains("hand it over"));
        // The organiser's move, the same rule, told in the organiser's words.
        let priya_id = person_id(&organiser, "Priya").await;
        let to = second.to_string();
        organiser.post_with_csrf("/e/leeds/organise", "/e/leeds/organise/move", &[("person", &priya_id), ("to", &to)]).await.assert_redirect_to("/e/leeds/organise");
        assert!(organiser.get("/e/leeds/organise").await.body.contains("Priya pitched “Bed board”"));
        organiser.post_with_csrf("/e/leeds/organise", "/e/leeds/organise/move", &[("person", &priya_id), ("to", "")]).await.assert_redirect_to("/e/leeds/organise");
        assert!(app.visitor().get(&project).await.body.contains("Priya"), "still in her team");

        // Only the pitcher is offered the hand-over.
        assert!(!sam.get(&project).await.body.contains("Hand the project over to"));
        let page = priya.get(&project).await;
        assert!(page.body.contains("Hand the project over to") && page.body.contains(">Sam</option>"));
        let sam_id = person_id(&organiser, "Sam").await;
        let handed = priya.post_with_csrf(&project, &format!("{project}/hand-over"), &[("to", &sam_id), ("back", &project)]).await;
        handed.assert_redirect_to(&project);
        assert!(app.visitor().get(&project).await.body.contains("Pitched by Sam"));
        // Now Priya may go, and Sam may not.
        priya.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{second}/join"), &[]).await.assert_redirect_to("/e/leeds");
        assert!(app.visitor().get(&format!("/e/leeds/p/{second}")).await.body.contains("Priya"));
        sam.post_with_csrf(&project, "/e/leeds/leave", &[("back", &project)]).await.assert_redirect_to(&project);
        assert!(sam.get(&project).await.body.contains("You pitched “Bed board”"));
        assert!(organiser.get("/e/leeds/organise").await.body.contains("“Bed board” from Priya to Sam"), "the audit log");
    }

    async fn a_hand_over_goes_only_to_a_member_and_only_from_the_pitcher(app: TestApp) {
        let (organiser, priya, ben, sam, first, _second) = two_teams(&app).await;
        let project = format!("/e/leeds/p/{first}");
        let ben_id = person_id(&organiser, "Ben").await;
        let sam_id = person_id(&organiser, "Sam").await;
        let outside = priya.post_with_csrf(&project, &format!("{project}/hand-over"), &[("to", &ben_id), ("back", &project)]).await;
        outside.assert_redirect_to(&project);
        assert!(priya.get(&project).await.body.contains("someone else who is in its team"));
        ben.post_with_csrf(&project, &format!("{project}/hand-over"), &[("to", &sam_id)]).await.assert_status(403);
        assert!(app.visitor().get(&project).await.body.contains("Pitched by Priya"));
        let _ = sam;
    }

    async fn lowering_the_cap_below_a_team_says_what_happens(app: TestApp) {
        let (organiser, _priya, _ben, _sam, first, _second) = two_teams(&app).await;
        let kemi = app.attendee("leeds", "Kemi", &["patient"]).await;
        kemi.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{first}/join"), &[]).await.assert_redirect_to("/e/leeds");
        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/settings", &[
                ("name", "Leeds"), ("venue", ""), ("starts_at", ""), ("ends_at", ""), ("team_size_cap", "2"), ("join_code", ""),
            ])
            .await
            .assert_redirect_to("/e/leeds/organise");
        let console = organiser.get("/e/leeds/organise").await;
        assert!(console.body.contains("One team is over the new team cap: “Bed board” (3)"), "said on save");
        assert!(console.body.contains("Their members stay; nobody new can join"));
        let board = app.visitor().get("/e/leeds").await;
        assert!(board.body.contains("3 of 2 in the team · <strong class=\"over-cap\">over the cap: no new members</strong>"), "the card says it");
        assert!(!board.body.contains("3 of 2 in the team · full"));
        assert!(app.visitor().get(&format!("/e/leeds/p/{first}")).await.body.contains("over the cap"));
        assert!(kemi.get(&format!("/e/leeds/p/{first}")).await.body.contains("Kemi"), "members stay");
    }

    async fn the_late_flag_is_for_organisers_who_see_every_late_team_in_one_place(app: TestApp) {
        let (organiser, priya, ben, _sam, first, second) = two_teams(&app).await;
        organiser.set_phase("leeds", "hacking").await;
        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/schedule", &[
                ("kind", "submission_deadline"), ("label", "Demos were due"), ("at", "2020-01-01T12:00"),
            ])
            .await
            .assert_redirect_to("/e/leeds/organise");
        let path = format!("/e/leeds/p/{first}");
        priya.post_with_csrf(&path, &format!("{path}/submission"), &[("repo_url", "https://github.com/nhs/late")]).await.assert_redirect_to("/e/leeds/p/");
        for viewer in [app.visitor(), priya, ben] {
            let page = viewer.get(&path).await;
            assert!(page.body.contains("https://github.com/nhs/late"));
            assert!(!page.body.contains("Submitted after the deadline"), "no late mark for anyone but organisers");
        }
        assert!(organiser.get(&path).await.body.contains("Submitted after the deadline"));
        let results = organiser.get("/e/leeds/organise/results").await;
        let late = crate::helpers::extract_between(&results.body, "id=\"late\"", "</section>").expect("a late section");
        assert!(late.contains("Bed board") && !late.contains("Clinic texts"), "{late}");
        assert!(late.contains("days after the deadline"), "how late: {late}");
        assert!(late.contains("Priya") && late.contains("Sam"), "the team: {late}");
        let _ = second;
    }
}
