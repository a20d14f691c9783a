//! The organisers' people view and the attendee's team suggestions: who is
//! not in a team yet and which teams need them, moving someone found by
//! name when two people share it, and "these teams need a designer like you".

use crate::helpers::extract_between;

/// The `<li>` of each person row on a people page, with its person id.
fn rows(body: &str) -> Vec<(String, String)> {
    body.split("<li class=\"person-row\" id=\"person-")
        .skip(1)
        .map(|chunk| {
            let id = chunk[..chunk.find('"').expect("an id")].to_string();
            let row = chunk[..chunk.find("</li>").expect("the row ends")].to_string();
            (id, row)
        })
        .collect()
}

/// The rows of the search results only.
fn matches(body: &str) -> Vec<(String, String)> {
    let list = extract_between(body, "<ul class=\"people-list\" id=\"matches\">", "</ul>\n")
        .expect("search results");
    rows(&list)
}

on_both_databases! {
    async fn two_people_with_the_same_name_are_told_apart_and_a_move_by_name_moves_the_right_one(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let bed_board = priya.pitch("leeds", "Bed board", "Beds are lost", &["designer"]).await;
        organiser.set_phase("leeds", "team_forming").await;
        let project = bed_board.rsplit('/').next().expect("an id").to_string();
        app.attendee("leeds", "Sam Jones", &["developer"]).await;
        let designer = app.attendee("leeds", "Sam Jones", &["designer", "patient"]).await;

        let found = organiser.get("/e/leeds/people?q=sam+jones").await;
        found.assert_status(200);
        let hits = matches(&found.body);
        assert_eq!(hits.len(), 2, "both people called Sam Jones are found");
        assert!(found.body.contains("More than one person has this name"));
        assert!(hits.iter().all(|(_, row)| row.contains("signed up ")), "each with when they signed up");
        let (designer_id, _) = hits.iter().find(|(_, r)| r.contains("Patient, Designer")).expect("the designer's row");
        let (developer_id, _) = hits.iter().find(|(_, r)| r.contains("Developer")).expect("the developer's row");
        assert_ne!(designer_id, developer_id);

        let moved = organiser
            .post_with_csrf("/e/leeds/people?q=sam+jones", "/e/leeds/people/move", &[
                ("person", designer_id), ("to", &project), ("q", "sam jones"),
            ])
            .await;
        moved.assert_redirect_to("/e/leeds/people?q=sam+jones");
        let after = organiser.get("/e/leeds/people?q=sam+jones").await;
        assert!(after.body.contains("Sam Jones (Patient, Designer) is now in “Bed board”."), "the move is said: {}", after.body);
        let hits = matches(&after.body);
        let row = |id: &str| hits.iter().find(|(i, _)| i == id).expect("the row").1.clone();
        assert!(row(designer_id).contains("In <a"), "the designer moved");
        assert!(row(developer_id).contains("Not in a team"), "the other Sam Jones did not");
        let mine = designer.get("/e/leeds").await;
        assert!(mine.body.contains("card project mine\" id=\"project-"), "the designer sees the team as theirs");

        organiser
            .post_with_csrf("/e/leeds/people", "/e/leeds/people/move", &[("person", designer_id), ("to", "")])
            .await
            .assert_redirect_to("/e/leeds/people");
        assert!(organiser.get("/e/leeds/people").await.body.contains("Sam Jones (Patient, Designer) is now in no team."));
    }

    async fn people_without_a_team_are_listed_with_the_teams_that_need_what_they_do(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        priya.pitch("leeds", "Bed board", "", &["designer", "clinician"]).await;
        organiser.set_phase("leeds", "team_forming").await;
        app.attendee("leeds", "Dana", &["designer"]).await;
        app.attendee("leeds", "Dev", &["developer"]).await;

        let page = organiser.get("/e/leeds/people").await;
        let free = extract_between(&page.body, "id=\"without-team\"", "</section>").expect("the list");
        let person = |name: &str| {
            free.split("class=\"person-row\" id=\"free-")
                .find(|chunk| chunk.contains(&format!(">{name}</strong>")))
                .unwrap_or_else(|| panic!("{name} is listed: {free}"))
                .to_string()
        };
        assert!(person("Dana").contains("Put in “Bed board”"), "a team that needs a designer is suggested for Dana");
        assert!(!person("Dev").contains("Put in"), "but not for the developer");
        assert!(free.contains("No team with room is asking for what they do"), "nothing fits the developer");
        assert!(!free.contains(">Priya</strong>"), "the pitcher is in her own team: {free}");

        let dana_id = extract_between(&free, "id=\"free-", "\"").expect("Dana's id");
        let project = extract_between(&free, "name=\"to\" value=\"", "\"").expect("the team");
        organiser
            .post_with_csrf("/e/leeds/people", "/e/leeds/people/move", &[("person", &dana_id), ("to", &project)])
            .await
            .assert_redirect_to("/e/leeds/people");
        let page = organiser.get("/e/leeds/people").await;
        let free = extract_between(&page.body, "id=\"without-team\"", "</section>").expect("the list");
        assert!(!free.contains("Dana"), "Dana is in a team now");
    }

    async fn an_attendee_without_a_team_sees_the_teams_that_need_someone_like_them(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let bed_board = priya.pitch("leeds", "Bed board", "", &["designer"]).await;
        organiser.set_phase("leeds", "team_forming").await;
        let dana = app.attendee("leeds", "Dana", &["designer"]).await;
        let dev = app.attendee("leeds", "Dev", &["developer"]).await;

        let page = dana.get("/e/leeds").await;
        assert!(page.body.contains("These teams need a designer like you"), "{}", page.body);
        let line = extract_between(&page.body, "id=\"suggestions\"", "</section>").expect("the suggestions");
        assert!(line.contains("Bed board") && line.contains("places left"));
        assert!(!dev.get("/e/leeds").await.body.contains("like you"), "nobody asks for a developer");

        let join = format!("{bed_board}/join");
        dana.post_with_csrf("/e/leeds", &join, &[("back", "/e/leeds")]).await.assert_redirect_to("/e/leeds");
        assert!(!dana.get("/e/leeds").await.body.contains("like you"), "not once in a team");
    }

    async fn only_organisers_see_the_people_view(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "team_forming").await;
        let sam = app.attendee("leeds", "Sam", &["developer"]).await;
        sam.get("/e/leeds/people").await.assert_status(403);
        app.visitor().get("/e/leeds/people?q=sam").await.assert_status(403);
        let csrf = sam.get("/e/leeds").await.csrf();
        sam.post("/e/leeds/people/move", &[("csrf", &csrf), ("person", "1"), ("to", "")]).await.assert_status(403);
    }
}
