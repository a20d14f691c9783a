//! Judging: set-up, the panel, the conflict rules, closing, fair results,
//! winners and the reveal, people's choice, and that no score or vote count
//! reaches a role that must not see it.

use crate::helpers::{TestApp, User, extract_between};
use crate::teams::project_id;
use crate::ws::WsClient;

pub struct Judging {
    pub organiser: User,
    pub judge_a: User,
    pub judge_b: User,
    pub attendee: User,
    /// Priya's team (with the attendee Sam), Ben's team (with judge B), Carl's.
    pub projects: [i64; 3],
}

pub async fn judge(app: &TestApp, organiser: &User, name: &str) -> User {
    let page = organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/people",
            &[("name", name), ("role", "judge")],
        )
        .await;
    page.assert_status(200);
    assert!(
        page.body.contains("data:image/svg+xml;base64,"),
        "a QR code of the invite link"
    );
    let link = extract_between(&page.body, &format!("{}/signin/", app.address), "\"").unwrap();
    let judge = app.visitor();
    judge
        .get(&format!("/signin/{link}"))
        .await
        .assert_redirect_to("/e/leeds/judge");
    judge
}

pub async fn set_up(app: &TestApp) -> Judging {
    let organiser = app.event_in_phase("leeds", "pitching").await;
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    let a = project_id(&priya.pitch("leeds", "Ward bed board", "", &[]).await);
    let ben = app.attendee("leeds", "Ben", &["developer"]).await;
    let b = project_id(&ben.pitch("leeds", "Clinic texts", "", &[]).await);
    let carl = app.attendee("leeds", "Carl", &["designer"]).await;
    let c = project_id(&carl.pitch("leeds", "Falls check", "", &[]).await);
    organiser.set_phase("leeds", "team_forming").await;
    let sam = app.attendee("leeds", "Sam", &["patient"]).await;
    sam.post_with_csrf("/e/leeds", &format!("/e/leeds/p/{a}/join"), &[])
        .await
        .assert_redirect_to("/e/leeds");
    let judge_a = judge(app, &organiser, "Judge Ada").await;
    let judge_b = judge(app, &organiser, "Judge Bo").await;
    judge_b
        .post_with_csrf("/e/leeds", &format!("/e/leeds/p/{b}/join"), &[])
        .await
        .assert_redirect_to("/e/leeds");
    organiser.set_phase("leeds", "judging").await;
    organiser
        .post_with_csrf(
            "/e/leeds/organise/judging",
            "/e/leeds/organise/criteria/defaults",
            &[],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/judging");
    organiser
        .post_with_csrf(
            "/e/leeds/organise/judging",
            "/e/leeds/organise/prizes",
            &[("name", "Best in show"), ("kind", "judged")],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/judging");
    organiser
        .post_with_csrf(
            "/e/leeds/organise/judging",
            "/e/leeds/organise/prizes",
            &[("name", "People's choice"), ("kind", "peoples_choice")],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/judging");
    organiser
        .post_with_csrf(
            "/e/leeds/organise/judging",
            "/e/leeds/organise/judging/open",
            &[("judging", "open")],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/judging");
    Judging {
        organiser,
        judge_a,
        judge_b,
        attendee: sam,
        projects: [a, b, c],
    }
}

fn criterion_ids(panel: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for id in panel
        .split("name=\"score_")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
    {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// Scores every criterion of a project with `value` through the form post.
pub async fn score_all(
    judge: &User,
    project: i64,
    value: &str,
    notes: &str,
) -> crate::helpers::Page {
    let panel = judge.get("/e/leeds/judge").await;
    let ids = criterion_ids(&panel.body);
    assert_eq!(ids.len(), 5, "the default criteria");
    let keys: Vec<String> = ids.iter().map(|id| format!("score_{id}")).collect();
    let mut form: Vec<(&str, &str)> = keys.iter().map(|k| (k.as_str(), value)).collect();
    form.push(("notes", notes));
    judge
        .post_with_csrf(
            "/e/leeds/judge",
            &format!("/e/leeds/judge/p/{project}"),
            &form,
        )
        .await
}

/// Picks the winner of the prize called `name` (not yet revealed) and
/// returns the prize's id.
pub async fn set_winner(organiser: &User, prize_page: &str, name: &str, project: i64) -> String {
    let prize = extract_between(prize_page, &format!("<h2>{name}</h2>"), "</section>").unwrap();
    let prize_id = extract_between(&prize, "/organise/results/", "/winner").unwrap();
    let p = project.to_string();
    organiser
        .post_with_csrf(
            "/e/leeds/organise/results",
            &format!("/e/leeds/organise/results/{prize_id}/winner"),
            &[("project", &p)],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/results");
    prize_id
}

pub async fn winner_and_reveal(organiser: &User, prize_page: &str, name: &str, project: i64) {
    let prize_id = set_winner(organiser, prize_page, name, project).await;
    organiser
        .post_with_csrf(
            "/e/leeds/organise/results",
            &format!("/e/leeds/organise/results/{prize_id}/reveal"),
            &[("show", "1")],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/results");
}

on_both_databases! {
    async fn judges_score_organisers_see_a_fair_ranking_and_reveal_the_winner_live(app: TestApp) {
        let j = set_up(&app).await;
        let [a, b, c] = j.projects;
        let panel = j.judge_a.get("/e/leeds/judge").await;
        panel.assert_status(200);
        assert!(panel.body.contains("0 of 3"), "progress before scoring");
        // Judge A is generous, judge B harsh, but they agree that A > C.
        score_all(&j.judge_a, a, "5", "Great demo").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_a, b, "4", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_a, c, "3", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_b, a, "3", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_b, c, "1", "").await.assert_redirect_to("/e/leeds/judge");
        assert!(j.judge_a.get("/e/leeds/judge").await.body.contains("3 of 3"));
        assert!(j.judge_b.get("/e/leeds/judge").await.body.contains("2 of 2"), "judge B is in team B and does not count it");

        // A mis-click is undone through the JSON endpoint the panel uses.
        let panel = j.judge_a.get("/e/leeds/judge").await;
        let first = criterion_ids(&panel.body)[0].clone();
        let response = j.judge_a.client
            .post(format!("{}/e/leeds/judge/p/{c}/scores.json", app.address))
            .header("X-CSRF-Token", panel.csrf())
            .json(&serde_json::json!({"scores": {first.clone(): 2}}))
            .send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let progress: serde_json::Value = response.json().await.unwrap();
        assert_eq!((progress["scored"].as_i64(), progress["to_score"].as_i64()), (Some(3), Some(3)));
        let forged = j.judge_a.client
            .post(format!("{}/e/leeds/judge/p/{c}/scores.json", app.address))
            .header("X-CSRF-Token", "wrong")
            .json(&serde_json::json!({"scores": {first: 5}}))
            .send().await.unwrap();
        assert_eq!(forged.status().as_u16(), 403);

        let results = j.organiser.get("/e/leeds/organise/results").await;
        results.assert_status(200);
        let best = extract_between(&results.body, "<h2>Best in show</h2>", "</section>").unwrap();
        let order: Vec<usize> = ["Ward bed board", "Clinic texts", "Falls check"].iter().map(|t| best.find(t).unwrap()).collect();
        assert!(order[0] < order[2], "A ranks above C");
        assert!(best.contains("Normalised") && best.contains("Raw mean"));
        assert!(results.body.contains("Judge Bo: 2 of 2 scored"));

        let mut projector = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = projector.opening().await;
        assert_eq!(snapshot["event"]["judged"], 5);
        assert_eq!(snapshot["event"]["to_judge"], 5);
        assert!(snapshot["event"]["revealed"].as_array().unwrap().is_empty());
        winner_and_reveal(&j.organiser, &results.body, "Best in show", a).await;
        let delta = projector.delta_where(|d| d["event"]["revealed"].as_array().is_some_and(|r| !r.is_empty())).await;
        assert_eq!(delta["event"]["revealed"][0]["prize"], "Best in show");
        assert_eq!(delta["event"]["revealed"][0]["title"], "Ward bed board");
        // The public archive shows the prize once revealed.
        let archive = app.visitor().get("/e/leeds/projects").await;
        let card = extract_between(&archive.body, &format!("id=\"project-{a}\""), "</li>").unwrap();
        assert!(card.contains("Best in show"), "{card}");
        // Judges find their panel from the navigation.
        assert!(j.judge_a.get("/e/leeds").await.body.contains("href=\"/e/leeds/judge\""));
        assert!(j.attendee.get("/e/leeds").await.body.contains("href=\"/e/leeds/vote\""));
    }

    async fn judges_cannot_score_their_own_team_or_a_declared_conflict_or_off_the_scale(app: TestApp) {
        let j = set_up(&app).await;
        let [a, b, _] = j.projects;
        let own = score_all(&j.judge_b, b, "5", "").await;
        own.assert_status(403);
        assert!(own.body.contains("You cannot score your own team"));
        assert!(j.judge_b.get("/e/leeds/judge").await.body.contains("You cannot score your own team"));

        j.judge_a.post_with_csrf("/e/leeds/judge", &format!("/e/leeds/judge/p/{a}/conflict"), &[("on", "1")]).await.assert_redirect_to("/e/leeds/judge");
        let conflicted = score_all(&j.judge_a, a, "5", "").await;
        conflicted.assert_status(403);
        assert!(conflicted.body.contains("conflict of interest"));
        j.judge_a.post_with_csrf("/e/leeds/judge", &format!("/e/leeds/judge/p/{a}/conflict"), &[("on", "0")]).await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_a, a, "5", "").await.assert_redirect_to("/e/leeds/judge");

        let off = score_all(&j.judge_a, a, "9", "").await;
        off.assert_status(409);
        assert!(off.body.contains("is scored from 1 to 5"));
        // Attendees and organisers are not judges.
        score_all_refused(&j.attendee, a).await;
    }

    async fn once_judging_closes_no_score_is_accepted(app: TestApp) {
        let j = set_up(&app).await;
        let [a, _, c] = j.projects;
        score_all(&j.judge_a, a, "4", "").await.assert_redirect_to("/e/leeds/judge");
        j.organiser.post_with_csrf("/e/leeds/organise/judging", "/e/leeds/organise/judging/open", &[("judging", "closed")]).await.assert_redirect_to("/e/leeds/organise/judging");
        let late = score_all(&j.judge_a, c, "4", "").await;
        late.assert_status(409);
        assert!(late.body.contains("Judging is closed"));
        let changed = score_all(&j.judge_a, a, "1", "").await;
        changed.assert_status(409);
        let csv = j.organiser.get("/e/leeds/export/scores.csv").await;
        assert!(!csv.body.contains(",1,"), "the earlier scores stand: {}", csv.body);
        assert_eq!(csv.body.matches("Ward bed board").count(), 5);
    }

    async fn each_attendee_has_one_vote_not_for_their_own_team_changeable_until_voting_closes(app: TestApp) {
        let j = set_up(&app).await;
        let [a, b, c] = j.projects;
        vote(&j.attendee, b).await.assert_redirect_to("/e/leeds/vote");
        let closed = j.attendee.get("/e/leeds/vote").await;
        assert!(closed.body.contains("Voting is closed"));
        // Kemi signs up before voting opens, so her vote counts (the default rule).
        let kemi = app.attendee("leeds", "Kemi", &["other"]).await;
        j.organiser.post_with_csrf("/e/leeds/organise/judging", "/e/leeds/organise/judging/open", &[("voting", "open")]).await.assert_redirect_to("/e/leeds/organise/judging");
        vote(&j.attendee, a).await.assert_redirect_to("/e/leeds/vote");
        let own = j.attendee.get("/e/leeds/vote").await;
        assert!(own.body.contains("You cannot vote for your own team"));
        vote(&j.attendee, b).await.assert_redirect_to("/e/leeds/vote");
        vote(&j.attendee, c).await.assert_redirect_to("/e/leeds/vote");
        vote(&kemi, c).await.assert_redirect_to("/e/leeds/vote");
        let page = j.attendee.get("/e/leeds/vote").await;
        assert!(page.body.contains("Your vote"));
        assert!(!page.body.contains("votes"), "no counts for attendees");
        let results = j.organiser.get("/e/leeds/organise/results").await;
        let choice = extract_between(&results.body, "<h2>People&#x27;s choice</h2>", "</section>")
            .or_else(|| extract_between(&results.body, "<h2>People's choice</h2>", "</section>"))
            .unwrap();
        let choice = extract_between(&choice, "<tbody>", "</tbody>").expect("a ranking of votes");
        assert!(choice.contains("Falls check"), "{choice}");
        assert!(!choice.contains("Clinic texts"), "the changed vote no longer counts for B");
        assert!(choice.contains("<td>2</td>"), "two votes for C: {choice}");
        j.organiser.post_with_csrf("/e/leeds/organise/judging", "/e/leeds/organise/judging/open", &[("voting", "closed")]).await.assert_redirect_to("/e/leeds/organise/judging");
        vote(&kemi, b).await.assert_redirect_to("/e/leeds/vote");
        assert!(kemi.get("/e/leeds/vote").await.body.contains("Voting is closed"));
    }

    async fn no_score_note_or_vote_count_reaches_a_role_that_must_not_see_it(app: TestApp) {
        let j = set_up(&app).await;
        let [a, _, c] = j.projects;
        score_all(&j.judge_a, a, "5", "SECRET-NOTE-A").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_b, c, "2", "SECRET-NOTE-B").await.assert_redirect_to("/e/leeds/judge");
        let panel_b = j.judge_b.get("/e/leeds/judge").await;
        assert!(panel_b.body.contains("SECRET-NOTE-B") && !panel_b.body.contains("SECRET-NOTE-A"), "a judge sees only their own notes");
        let panel_a = j.judge_a.get("/e/leeds/judge").await;
        assert!(!panel_a.body.contains("SECRET-NOTE-B"));
        for user in [&j.judge_a, &j.attendee] {
            user.get("/e/leeds/organise/results").await.assert_status(403);
            user.get("/e/leeds/export/scores.csv").await.assert_status(403);
            user.get("/e/leeds/organise/judging").await.assert_status(403);
        }
        app.visitor().get("/e/leeds/judge").await.assert_status(403);
        j.attendee.get("/e/leeds/judge").await.assert_status(403);
        for page in [app.visitor().get(&format!("/e/leeds/p/{a}")).await, j.attendee.get("/e/leeds").await, app.visitor().get("/e/leeds/projects").await, app.visitor().get("/e/leeds/display").await] {
            assert!(!page.body.contains("SECRET-NOTE"));
            assert!(!page.body.contains("Normalised"));
        }
        let mut public = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = public.opening().await;
        let text = snapshot.to_string();
        assert!(!text.contains("SECRET") && !text.contains("score") && !text.contains("vote\""), "{text}");
        let csv = j.organiser.get("/e/leeds/export/scores.csv").await;
        csv.assert_status(200);
        assert!(csv.body.contains("SECRET-NOTE-A") && csv.body.contains("SECRET-NOTE-B") && csv.body.contains("Judge Ada"));
    }

    async fn organisers_revoke_a_judge_whose_link_then_stops_working(app: TestApp) {
        let j = set_up(&app).await;
        let setup = j.organiser.get("/e/leeds/organise/judging").await;
        let id = extract_between(&setup.body, "/organise/judges/", "/revoke").unwrap();
        j.organiser.post_with_csrf("/e/leeds/organise/judging", &format!("/e/leeds/organise/judges/{id}/revoke"), &[]).await.assert_redirect_to("/e/leeds/organise/judging");
        j.judge_a.get("/e/leeds/judge").await.assert_status(403);
    }
}

async fn score_all_refused(user: &User, project: i64) {
    let page = user.get("/e/leeds").await;
    let reply = user
        .post(
            &format!("/e/leeds/judge/p/{project}"),
            &[("csrf", &page.csrf()), ("score_1", "5")],
        )
        .await;
    reply.assert_status(403);
    assert!(reply.body.contains("Only the event"));
}

pub async fn vote(user: &User, project: i64) -> crate::helpers::Page {
    let p = project.to_string();
    user.post_with_csrf("/e/leeds/vote", "/e/leeds/vote", &[("project", &p)])
        .await
}
