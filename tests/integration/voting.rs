//! People's choice cannot be stuffed: organisers choose who may vote (by
//! default attendees who signed up before voting opened), judges and
//! organisers never vote, and organisers see votes by sign-up minute and
//! void a burst, in the audit log.

use crate::helpers::{Page, User, extract_between};
use crate::judging::{Judging, set_up, vote};

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

async fn set_rule(organiser: &User, rule: &str) {
    organiser
        .post_with_csrf(
            "/e/leeds/organise/votes",
            "/e/leeds/organise/votes/rule",
            &[("rule", rule)],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/votes");
}

/// "N counted of M cast; V voided." on the organisers' votes page.
async fn tally(organiser: &User) -> (usize, usize, usize) {
    let page = organiser.get("/e/leeds/organise/votes").await;
    page.assert_status(200);
    let number = |from: &str, to: &str| -> usize {
        extract_between(&page.body, from, to)
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("a figure between {from:?} and {to:?}: {}", page.body))
    };
    (
        number("<span class=\"count\">", "</span> counted"),
        number("counted of ", " cast"),
        number("cast; ", " voided"),
    )
}

/// The people's choice ranking on the results page (empty when no vote counts).
async fn peoples_choice(organiser: &User) -> String {
    let results = organiser.get("/e/leeds/organise/results").await;
    let prize = extract_between(&results.body, "<h2>People&#x27;s choice</h2>", "</section>")
        .or_else(|| extract_between(&results.body, "<h2>People's choice</h2>", "</section>"))
        .expect("the people's choice prize");
    extract_between(&prize, "<tbody>", "</tbody>").unwrap_or_default()
}

/// Signs up `n` people one after another and has each vote for `project`;
/// the vote page each lands on (a vote, refused or not, comes back to it).
async fn burst(app: &crate::helpers::TestApp, n: usize, project: i64) -> Vec<Page> {
    let mut replies = Vec::new();
    for i in 0..n {
        let user = app.attendee("leeds", &format!("Bot {i}"), &["other"]).await;
        vote(&user, project)
            .await
            .assert_redirect_to("/e/leeds/vote");
        replies.push(user.get("/e/leeds/vote").await);
    }
    replies
}

on_both_databases! {
    async fn a_burst_of_fifty_sign_ups_after_voting_opened_casts_no_counted_vote_by_default(app: TestApp) {
        let Judging { organiser, attendee, projects: [_, b, c], .. } = set_up(&app).await;
        open_voting(&organiser).await;
        vote(&attendee, b).await.assert_redirect_to("/e/leeds/vote");
        for reply in burst(&app, 50, c).await {
            reply.assert_status(200);
            assert!(!reply.body.contains("Your vote"), "not counted");
            assert!(reply.body.contains("Only people who signed up before voting opened can vote"), "{}", reply.body);
        }
        assert_eq!(tally(&organiser).await, (1, 1, 0), "one vote cast and counted");
        let choice = peoples_choice(&organiser).await;
        assert!(choice.contains("Clinic texts") && !choice.contains("Falls check"), "{choice}");
        let late = app.attendee("leeds", "Late Lou", &["other"]).await;
        let page = late.get("/e/leeds/vote").await;
        assert!(page.body.contains("Only people who signed up before voting opened can vote"), "the vote page says why");
        assert!(!page.body.contains("Vote for this"), "and offers no vote buttons");
    }

    async fn judges_and_organisers_are_refused_a_peoples_choice_vote_with_a_clear_message(app: TestApp) {
        let j = set_up(&app).await;
        open_voting(&j.organiser).await;
        set_rule(&j.organiser, "everyone").await;
        for user in [&j.judge_a, &j.organiser] {
            // Refused back to the vote page, with the message there (never a 403 page).
            vote(user, j.projects[2]).await.assert_redirect_to("/e/leeds/vote");
            let reply = user.get("/e/leeds/vote").await;
            reply.assert_status(200);
            assert!(reply.body.contains("Judges and organisers do not vote for people&#x27;s choice")
                || reply.body.contains("Judges and organisers do not vote for people's choice"), "{}", reply.body);
        }
        assert_eq!(tally(&j.organiser).await, (0, 0, 0));
        for user in [&j.attendee, &j.judge_a] {
            user.get("/e/leeds/organise/votes").await.assert_status(403);
            user.post_with_csrf("/e/leeds", "/e/leeds/organise/votes/rule", &[("rule", "everyone")]).await.assert_status(403);
            let when = "2026-01-01T00:00:00";
            user.post_with_csrf("/e/leeds", "/e/leeds/organise/votes/void", &[("from", when), ("to", "2099-01-01T00:00:00")]).await.assert_status(403);
        }
    }

    async fn organisers_void_a_burst_of_sign_ups_and_the_counts_and_audit_log_follow(app: TestApp) {
        let Judging { organiser, attendee, projects: [_, b, c], .. } = set_up(&app).await;
        open_voting(&organiser).await;
        set_rule(&organiser, "everyone").await;
        vote(&attendee, b).await.assert_redirect_to("/e/leeds/vote");
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let from = chrono::Utc::now().naive_utc().format("%Y-%m-%dT%H:%M:%S").to_string();
        for reply in burst(&app, 12, c).await {
            assert!(reply.body.contains("Your vote"), "{}", reply.body);
        }
        let to = (chrono::Utc::now().naive_utc() + chrono::Duration::seconds(1)).format("%Y-%m-%dT%H:%M:%S").to_string();
        assert_eq!(tally(&organiser).await, (13, 13, 0), "under 'everyone' the burst counts");
        let page = organiser.get("/e/leeds/organise/votes").await;
        assert!(page.body.contains("void this minute"), "each sign-up minute can be voided");
        assert!(peoples_choice(&organiser).await.contains("<td>12</td>"));

        let bad = organiser
            .post_with_csrf("/e/leeds/organise/votes", "/e/leeds/organise/votes/void", &[("from", &to), ("to", &from)])
            .await;
        bad.assert_status(422);
        assert!(bad.body.contains("The end of the window comes after its start"));
        assert_eq!(tally(&organiser).await, (13, 13, 0), "a bad window changes nothing");

        organiser
            .post_with_csrf("/e/leeds/organise/votes", "/e/leeds/organise/votes/void", &[("from", &from), ("to", &to)])
            .await
            .assert_redirect_to("/e/leeds/organise/votes");
        assert_eq!(tally(&organiser).await, (1, 13, 12), "the burst is voided, the earlier vote stays");
        let choice = peoples_choice(&organiser).await;
        assert!(choice.contains("Clinic texts") && !choice.contains("Falls check"), "{choice}");
        let console = organiser.get("/e/leeds/organise").await;
        assert!(console.body.contains("voided 12 votes of people who signed up"), "in the audit log, with how many");
    }
}
