//! The organisers' results page: people's choice in its own columns, ties
//! shared in every column, the 0–100 score with its meaning, "too close to
//! call", each judge's chart, revoked judges' scores kept or left out, and
//! late submissions shown to organisers only.

use crate::helpers::{User, extract_between};
use crate::judging::{score_all, set_up, vote};

/// The section of the results page for the prize called `name`.
async fn prize_section(organiser: &User, name: &str) -> String {
    let page = organiser.get("/e/leeds/organise/results").await;
    page.assert_status(200);
    let escaped = name.replace('\'', "&#x27;");
    extract_between(&page.body, &format!("<h2>{escaped}</h2>"), "</section>")
        .or_else(|| extract_between(&page.body, &format!("<h2>{name}</h2>"), "</section>"))
        .unwrap_or_else(|| panic!("a section for {name}"))
}

/// The table row of the project called `title` in a prize section.
fn row_of(section: &str, title: &str) -> String {
    let at = section
        .find(title)
        .unwrap_or_else(|| panic!("{title} in {section}"));
    let start = section[..at].rfind("<tr").expect("a row");
    let end = at + section[at..].find("</tr>").expect("the end of the row");
    section[start..end].to_string()
}

/// The text of the `n`th cell (0-based) of a table row, tags stripped.
fn cell(row: &str, n: usize) -> String {
    let raw = row.split("<td").nth(n + 1).expect("a cell");
    let inner = &raw[raw.find('>').expect("a cell tag") + 1..];
    let inner = &inner[..inner.find("</td>").unwrap_or(inner.len())];
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#x3D;", "=").trim().to_string()
}

on_both_databases! {
    async fn peoples_choice_shows_votes_and_their_share_not_judges_columns(app: TestApp) {
        let j = set_up(&app).await;
        let [_, b, c] = j.projects;
        let kemi = app.attendee("leeds", "Kemi", &["other"]).await;
        let lu = app.attendee("leeds", "Lu", &["other"]).await;
        j.organiser.post_with_csrf("/e/leeds/organise/judging", "/e/leeds/organise/judging/open", &[("voting", "open")]).await.assert_redirect_to("/e/leeds/organise/judging");
        vote(&j.attendee, c).await.assert_redirect_to("/e/leeds/vote");
        vote(&kemi, c).await.assert_redirect_to("/e/leeds/vote");
        vote(&lu, b).await.assert_redirect_to("/e/leeds/vote");
        let choice = prize_section(&j.organiser, "People's choice").await;
        let head = extract_between(&choice, "<thead>", "</thead>").expect("a table head");
        assert!(head.contains("Votes") && head.contains("Share of votes"), "{head}");
        for judged in ["Normalised", "Raw mean", "Judges", "Score"] {
            assert!(!head.contains(judged), "no “{judged}” column for a vote: {head}");
        }
        let falls = row_of(&choice, "Falls check");
        assert_eq!((cell(&falls, 0), cell(&falls, 2), cell(&falls, 3)), ("1".into(), "2".into(), "67%".into()));
        let texts = row_of(&choice, "Clinic texts");
        assert_eq!((cell(&texts, 0), cell(&texts, 2), cell(&texts, 3)), ("2".into(), "1".into(), "33%".into()));
        assert!(choice.contains("3 votes counted"));
    }

    async fn equal_raw_means_share_a_place_and_read_the_same(app: TestApp) {
        let j = set_up(&app).await;
        let [a, b, c] = j.projects;
        // On 1–5: A gets 5 and 1 (shares 1 and 0), C gets 4 and 2 (¾ and ¼):
        // both average half the scale, by different marks.
        score_all(&j.judge_a, a, "5", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_a, b, "2", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_a, c, "4", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_b, a, "1", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_b, c, "2", "").await.assert_redirect_to("/e/leeds/judge");
        let best = prize_section(&j.organiser, "Best in show").await;
        let (ward, falls) = (row_of(&best, "Ward bed board"), row_of(&best, "Falls check"));
        assert_eq!(cell(&ward, 3), cell(&falls, 3), "the same raw mean reads the same");
        assert_eq!(cell(&ward, 3), "50% (=1)", "{ward}");
        let texts = row_of(&best, "Clinic texts");
        assert_eq!(cell(&texts, 3), "25% (3)", "the next raw place is 3, after a shared first");
        // The bias-corrected places differ (judge Bo put C above A), and say so.
        assert_ne!(cell(&ward, 0), cell(&falls, 0));
        assert!(!cell(&ward, 0).starts_with('='));
    }

    async fn the_score_reads_on_a_hundred_scale_with_its_meaning_and_a_chart_per_judge(app: TestApp) {
        let j = set_up(&app).await;
        let [a, b, c] = j.projects;
        // Ada is generous and agrees with Bo's order; A and C are one mark apart for both.
        score_all(&j.judge_a, a, "5", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_a, b, "2", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_a, c, "5", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_b, a, "2", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_b, c, "2", "").await.assert_redirect_to("/e/leeds/judge");
        let page = j.organiser.get("/e/leeds/organise/results").await;
        assert!(page.body.contains("Score (0–100)"));
        assert!(page.body.contains("100 is the highest score for this prize, 0 the lowest"), "one line of meaning");
        let best = extract_between(&page.body, "<h2>Best in show</h2>", "</section>").unwrap();
        let ward = row_of(&best, "Ward bed board");
        assert_eq!(cell(&ward, 2), "100", "{ward}");
        assert_eq!(cell(&row_of(&best, "Clinic texts"), 2), "0");
        // A and C tie on every figure: shared place, same score, too close to call.
        assert_eq!(cell(&ward, 0), "=1 (tie)");
        assert!(ward.contains("too close to call") && row_of(&best, "Falls check").contains("too close to call"));
        assert!(best.contains("Too close to call"), "the prize says it is close");
        assert!(page.body.contains("within 0.25 of a judge's standard deviation"), "how close is decided, in one line");
        let charts = extract_between(&page.body, "id=\"judges-marks\"", "</section>").expect("the judges' charts");
        assert_eq!(charts.matches("<svg class=\"judge-chart\"").count(), 2, "one chart per judge");
        assert!(charts.contains("Judge Ada") && charts.contains("Judge Bo"));
        assert!(charts.contains("Generous: marks") && charts.contains("Harsh: marks"), "{charts}");
    }

    async fn organisers_keep_or_leave_out_a_revoked_judges_scores_and_the_page_says_which(app: TestApp) {
        let j = set_up(&app).await;
        let [a, b, c] = j.projects;
        // Ada ranks A over C; Bo ranks C far over A and is then revoked.
        score_all(&j.judge_a, a, "4", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_a, b, "1", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_a, c, "3", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_b, a, "1", "").await.assert_redirect_to("/e/leeds/judge");
        score_all(&j.judge_b, c, "5", "").await.assert_redirect_to("/e/leeds/judge");
        let setup = j.organiser.get("/e/leeds/organise/judging").await;
        let after_bo = &setup.body[setup.body.find("Judge Bo").expect("Bo on the set-up page")..];
        let bo = extract_between(after_bo, "/organise/judges/", "/revoke").unwrap();
        j.organiser.post_with_csrf("/e/leeds/organise/judging", &format!("/e/leeds/organise/judges/{bo}/revoke"), &[("confirm", "1")]).await.assert_redirect_to("/e/leeds/organise/judging");

        let page = j.organiser.get("/e/leeds/organise/results").await;
        let revoked = extract_between(&page.body, "id=\"revoked\"", "</section>").expect("a revoked judges section");
        assert!(revoked.contains("Judge Bo") && revoked.contains("their scores are <strong>counted</strong>"), "{revoked}");
        let counted = prize_section(&j.organiser, "Best in show").await;
        assert_eq!(cell(&row_of(&counted, "Falls check"), 0), "1", "with Bo's scores C comes first: {counted}");

        j.organiser.post_with_csrf("/e/leeds/organise/results", &format!("/e/leeds/organise/results/judges/{bo}/scores"), &[("exclude", "1")]).await.assert_redirect_to("/e/leeds/organise/results");
        let page = j.organiser.get("/e/leeds/organise/results").await;
        let revoked = extract_between(&page.body, "id=\"revoked\"", "</section>").unwrap();
        assert!(revoked.contains("their scores are <strong>left out</strong>"), "{revoked}");
        let without = prize_section(&j.organiser, "Best in show").await;
        assert_eq!(cell(&row_of(&without, "Ward bed board"), 0), "1", "without Bo, A comes first: {without}");
        assert_eq!(cell(&row_of(&without, "Ward bed board"), 4), "1", "one judge counted");
        let console = j.organiser.get("/e/leeds/organise").await;
        assert!(console.body.contains("Judge Bo&#x27;s scores are left out of the ranking") || console.body.contains("Judge Bo's scores are left out of the ranking"), "the audit log says it in words");

        // Only a revoked judge's scores can be left out; the refusal comes back to the page.
        let ada = extract_between(&setup.body, "/organise/judges/", "/revoke").unwrap();
        let refused = j.organiser.post_with_csrf("/e/leeds/organise/results", &format!("/e/leeds/organise/results/judges/{ada}/scores"), &[("exclude", "1")]).await;
        refused.assert_redirect_to("/e/leeds/organise/results");
        assert!(j.organiser.get("/e/leeds/organise/results").await.body.contains("Only a revoked judge"));
    }
}
