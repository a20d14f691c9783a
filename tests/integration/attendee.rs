//! What attendees need and did not find: the personal link explained and
//! renewed only after a question, Join and Leave on the project page, the
//! winners first once the event has closed, and a vote page that says what
//! each project is and brings refusals back to itself.

use crate::helpers::{User, extract_between};
use crate::judging::{set_up, vote};
use crate::teams::project_id;

async fn set_cap(organiser: &User, cap: &str) {
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/settings",
            &[
                ("name", "Leeds"),
                ("venue", ""),
                ("starts_at", ""),
                ("ends_at", ""),
                ("team_size_cap", cap),
                ("join_code", ""),
            ],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
}

async fn open_voting(organiser: &User) {
    organiser
        .post_with_csrf(
            "/e/leeds/organise/judging",
            "/e/leeds/organise/judging/open",
            &[("voting", "open")],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/judging");
}

/// A prize made by the organisers; its id.
pub async fn prize(organiser: &User, name: &str) -> String {
    organiser
        .post_with_csrf(
            "/e/leeds/organise/judging",
            "/e/leeds/organise/prizes",
            &[("name", name), ("kind", "special")],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
    let results = organiser.get("/e/leeds/organise/results").await;
    let section = extract_between(&results.body, &format!("<h2>{name}</h2>"), "</section>")
        .expect("the prize");
    extract_between(&section, "/organise/results/", "/winner").expect("a prize id")
}

on_both_databases! {
    async fn the_me_page_says_the_link_is_the_only_way_back_and_a_new_link_is_asked_for_first(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let phone = app.attendee("leeds", "Sam", &["developer"]).await;
        let me = phone.get("/e/leeds/me?welcome=1").await;
        assert!(me.body.contains("This link is the only way back in if this browser forgets you"), "{}", me.body);
        assert!(me.body.contains("id=\"copy-link\"") && me.body.contains("id=\"share-link\""), "copy and share buttons");
        assert!(me.body.contains("/static/js/me."));
        assert!(me.body.contains("href=\"/e/leeds/me/link\""), "making a new link starts with a question");
        let old = extract_between(&me.body, "/signin/", "\"").expect("the link");

        let question = phone.get("/e/leeds/me/link").await;
        question.assert_status(200);
        assert!(question.body.contains("Make a new link?"));
        assert!(question.body.contains("the old link stops working"));
        assert!(question.body.contains("name=\"confirm\" value=\"yes\""));
        assert!(question.body.contains("No, keep my link"));

        // A post without the answer (an old form) asks again and changes nothing.
        let unconfirmed = phone.post_with_csrf("/e/leeds/me", "/e/leeds/me/link", &[]).await;
        unconfirmed.assert_status(200);
        assert!(unconfirmed.body.contains("Make a new link?"));
        app.visitor().get(&format!("/signin/{old}")).await.assert_redirect_to("/e/leeds");

        phone.post_with_csrf("/e/leeds/me/link", "/e/leeds/me/link", &[("confirm", "yes")]).await.assert_redirect_to("/e/leeds/me");
        let new = extract_between(&phone.get("/e/leeds/me").await.body, "/signin/", "\"").unwrap();
        assert_ne!(old, new);
        app.visitor().get(&format!("/signin/{old}")).await.assert_status(403);
    }

    async fn join_and_leave_work_from_the_project_page_and_a_full_team_comes_back_there(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let path = priya.pitch("leeds", "Ward bed board", "Beds are hard to find", &["developer"]).await;
        let id = project_id(&path);
        organiser.set_phase("leeds", "team_forming").await;
        set_cap(&organiser, "2").await;
        let sam = app.attendee("leeds", "Sam", &["developer"]).await;

        let page = sam.get(&path).await;
        assert!(page.body.contains(&format!("action=\"/e/leeds/p/{id}/join\"")), "a Join form on the project page");
        assert!(page.body.contains(&format!("name=\"back\" value=\"{path}\"")));
        assert!(page.body.contains("Join this team"));
        sam.post_with_csrf(&path, &format!("/e/leeds/p/{id}/join"), &[("back", &path)]).await.assert_redirect_to(&path);
        let page = sam.get(&path).await;
        assert!(page.body.contains("2 of 2 · full"), "{}", page.body);
        let leave_form = extract_between(&page.body, "action=\"/e/leeds/leave\"", ">").expect("a Leave form");
        assert!(!leave_form.contains("hidden"), "Leave is shown to a member: {leave_form}");

        // The team is full: Carl's join comes back to the project page with why.
        let carl = app.attendee("leeds", "Carl", &["designer"]).await;
        let page = carl.get(&path).await;
        assert!(page.body.contains("This team is full."));
        let refused = carl.post_with_csrf(&path, &format!("/e/leeds/p/{id}/join"), &[("back", &path)]).await;
        refused.assert_redirect_to(&path);
        let back = carl.get(&path).await;
        back.assert_status(200);
        assert!(back.body.contains("This team is full (2 of 2)"), "{}", back.body);

        sam.post_with_csrf(&path, "/e/leeds/leave", &[("back", &path)]).await.assert_redirect_to(&path);
        assert!(sam.get(&path).await.body.contains("1 of 2"));
    }

    async fn after_the_event_closes_its_page_leads_with_the_winners_and_their_teams(app: TestApp) {
        let j = set_up(&app).await;
        let p = prize(&j.organiser, "Patients award").await;
        crate::browser_layout::award(&j.organiser, &p, j.projects[0], true).await;
        let before = app.visitor().get("/e/leeds").await;
        assert!(!before.body.contains("id=\"winners\""), "no winners section before the event closes");
        j.organiser.set_phase("leeds", "closed").await;
        let page = app.visitor().get("/e/leeds").await;
        let winners = page.body.find("id=\"winners\"").expect("a winners section");
        let board = page.body.find("id=\"board\"").expect("the projects");
        assert!(winners < board, "the winners come first");
        let section = extract_between(&page.body, "id=\"winners\"", "</section>").unwrap();
        assert!(section.contains("Patients award") && section.contains("Ward bed board"));
        assert!(section.contains("Priya, Sam"), "the team's names: {section}");
        assert!(section.contains(&format!("href=\"/e/leeds/p/{}\"", j.projects[0])));
    }

    async fn the_vote_page_shows_each_team_and_what_it_does_and_refusals_come_back_to_it(app: TestApp) {
        let j = set_up(&app).await;
        let [own, other, _] = j.projects;
        // The attendee Sam is in Priya's team.
        let edit = format!("/e/leeds/p/{other}/edit");
        let problem = format!("Patients miss clinics because letters arrive late. {}", "More detail. ".repeat(30));
        j.organiser.post_with_csrf(&edit, &edit, &[("title", "Clinic texts"), ("problem", &problem)]).await.assert_redirect_to("/e/leeds/p/");
        let page = j.attendee.get("/e/leeds/vote").await;
        assert!(page.body.contains(&format!("href=\"/e/leeds/p/{other}\"")), "a link to each project");
        assert!(page.body.contains("Team: Ben, Judge Bo"), "{}", page.body);
        let line = extract_between(&page.body, "<p class=\"what-it-does\">", "</p>").expect("a line of what it does");
        assert!(line.starts_with("Patients miss clinics because letters arrive late.") && line.ends_with('…'), "{line}");
        assert!(line.chars().count() <= 141, "one line, clipped: {line}");

        // Voting is not open: the refusal lands on the vote page with the message.
        let refused = vote(&j.attendee, other).await;
        refused.assert_redirect_to("/e/leeds/vote");
        assert!(j.attendee.get("/e/leeds/vote").await.body.contains("Voting is closed"));

        open_voting(&j.organiser).await;
        let refused = vote(&j.attendee, own).await;
        refused.assert_redirect_to("/e/leeds/vote");
        let back = j.attendee.get("/e/leeds/vote").await;
        back.assert_status(200);
        assert!(back.body.contains("You cannot vote for your own team"), "{}", back.body);
        vote(&j.attendee, other).await.assert_redirect_to("/e/leeds/vote");
        assert!(j.attendee.get("/e/leeds/vote").await.body.contains("Your vote"));
    }

    async fn a_closed_pitch_form_says_so_instead_of_the_form_and_a_refused_post_keeps_the_text(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "team_forming").await;
        let sam = app.attendee("leeds", "Sam", &["developer"]).await;
        let form = "<form method=\"post\" action=\"/e/leeds/pitch\"";
        let page = sam.get("/e/leeds/pitch").await;
        page.assert_status(200);
        assert!(page.body.contains("Pitching is closed for this event"));
        assert!(!page.body.contains(form), "no form to fill in for nothing: {}", page.body);
        assert!(page.body.contains("href=\"/e/leeds\""), "a way back to the event");

        let refused = sam.post_with_csrf("/e/leeds", "/e/leeds/pitch", &[("title", "Late idea"), ("problem", "Typed on a phone")]).await;
        refused.assert_status(422);
        assert!(refused.body.contains(form) && refused.body.contains("value=\"Late idea\"") && refused.body.contains("Typed on a phone"));
        assert!(refused.body.contains("What you typed is kept below"));

        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/settings", &[
                ("name", "Leeds"), ("venue", ""), ("starts_at", ""), ("ends_at", ""),
                ("team_size_cap", "6"), ("join_code", ""), ("late_pitches", "on"),
            ])
            .await
            .assert_redirect_to("/e/leeds/organise");
        let late = sam.get("/e/leeds/pitch").await;
        assert!(late.body.contains(form) && !late.body.contains("Pitching is closed"), "late pitches allowed: the form");
    }
}
