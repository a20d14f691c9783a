//! Merging two pitches: titles, problems and members kept, the removed
//! team leaves every board live, the cap holds unless the organiser says
//! so, the log says what happened, and a pitch that judging holds is not
//! merged away.

use crate::helpers::{TestApp, User};
use crate::teams::project_id;
use crate::ws::{WsClient, member_names, team};

const PAGE: &str = "/e/leeds/organise/merge";

pub async fn merge(organiser: &User, keep: i64, gone: i64, over_cap: bool) -> crate::helpers::Page {
    let (keep, gone) = (keep.to_string(), gone.to_string());
    let mut form = vec![("keep", keep.as_str()), ("merge", gone.as_str())];
    if over_cap {
        form.push(("over_cap", "yes"));
    }
    organiser.post_with_csrf(PAGE, PAGE, &form).await
}

async fn set_cap(organiser: &User, cap: &str) {
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/settings",
            &[
                ("name", "Leeds Hack Day"),
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

/// Two pitches about beds: Priya's alone, Ben's with Sam.
async fn two_bed_pitches(app: &TestApp) -> (User, i64, i64) {
    let organiser = app.event_in_phase("leeds", "pitching").await;
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    let kept = project_id(
        &priya
            .pitch("leeds", "Bed board", "Beds are lost", &["developer"])
            .await,
    );
    let ben = app.attendee("leeds", "Ben", &["developer"]).await;
    let gone = project_id(
        &ben.pitch(
            "leeds",
            "Ward beds",
            "Nobody knows which bed is free",
            &["designer"],
        )
        .await,
    );
    organiser.set_phase("leeds", "team_forming").await;
    let sam = app.attendee("leeds", "Sam", &["patient"]).await;
    sam.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{gone}/join"), &[])
        .await
        .assert_redirect_to("/e/leeds");
    (organiser, kept, gone)
}

on_both_databases! {
    async fn a_merge_keeps_both_pitches_words_and_everyone_and_the_boards_follow_live(app: TestApp) {
        let (organiser, kept, gone) = two_bed_pitches(&app).await;
        let mut board = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = board.opening().await;
        assert!(team(&snapshot, gone).is_some());

        merge(&organiser, kept, gone, false).await.assert_redirect_to(&format!("/e/leeds/p/{kept}"));
        let delta = board.delta_where(|d| d["removed"].as_array().is_some_and(|r| !r.is_empty())).await;
        assert_eq!(delta["removed"], serde_json::json!([gone]));
        let merged = team(&delta, kept).expect("the kept team is updated");
        let mut names = member_names(merged);
        names.sort();
        assert_eq!(names, vec!["Ben", "Priya", "Sam"]);
        assert!(merged["needs"].to_string().contains("Designer") || merged["needs"].to_string().contains("designer"),
            "the skills the other pitch needed are kept: {}", merged["needs"]);

        let page = organiser.get(&format!("/e/leeds/p/{kept}")).await;
        assert!(page.body.contains("Beds are lost"), "the kept problem");
        assert!(page.body.contains("Merged from “Ward beds”"), "the other title");
        assert!(page.body.contains("Nobody knows which bed is free"), "the other problem");
        let board_page = organiser.get("/e/leeds").await.body;
        assert!(!board_page.contains(&format!("id=\"project-{gone}\"")), "gone from the board");
        let log = organiser.get("/e/leeds/organise").await.body;
        assert!(log.contains("merged the pitch “Ward beds” into “Bed board”"), "the log says it in plain words");
    }

    async fn a_merge_over_the_cap_needs_the_organisers_say_so(app: TestApp) {
        let (organiser, kept, gone) = two_bed_pitches(&app).await;
        set_cap(&organiser, "2").await;
        let page = merge(&organiser, kept, gone, false).await;
        page.assert_status(422);
        assert!(page.body.contains("over the team size cap of 2"), "{}", page.body);
        assert!(page.body.contains(&format!("<option value=\"{kept}\" selected>")), "the choice is kept");
        assert!(organiser.get("/e/leeds").await.body.contains(&format!("id=\"project-{gone}\"")), "nothing changed");

        merge(&organiser, kept, gone, true).await.assert_redirect_to(&format!("/e/leeds/p/{kept}"));
        let mut board = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = board.opening().await;
        assert_eq!(member_names(team(&snapshot, kept).unwrap()).len(), 3);
        assert!(team(&snapshot, gone).is_none());
        let log = organiser.get("/e/leeds/organise").await.body;
        assert!(log.contains("over the cap: 3 of 2"));
    }

    async fn a_pitch_with_judges_scores_is_not_merged_away(app: TestApp) {
        let j = crate::judging::set_up(&app).await;
        let [a, _, c] = j.projects;
        crate::judging::score_all(&j.judge_a, c, "4", "").await.assert_redirect_to("/e/leeds/judge");
        let page = merge(&j.organiser, a, c, true).await;
        page.assert_status(422);
        assert!(page.body.contains("already has judges&#x27; scores") || page.body.contains("already has judges' scores"), "{}", page.body);
        let mut board = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = board.opening().await;
        assert!(team(&snapshot, c).is_some(), "still on the board");
        // The same pitch twice is refused too.
        let page = merge(&j.organiser, a, a, false).await;
        page.assert_status(422);
        assert!(page.body.contains("Pick two different pitches"));
    }

    async fn only_organisers_can_merge(app: TestApp) {
        let (_organiser, kept, gone) = two_bed_pitches(&app).await;
        let sam = app.attendee("leeds", "Sam Two", &["patient"]).await;
        assert_eq!(sam.get(PAGE).await.status.as_u16(), 403);
        let page = sam
            .post_with_csrf("/e/leeds", PAGE, &[("keep", &kept.to_string()), ("merge", &gone.to_string())])
            .await;
        assert_eq!(page.status.as_u16(), 403);
        assert!(sam.get("/e/leeds").await.body.contains(&format!("id=\"project-{gone}\"")));
    }
}
