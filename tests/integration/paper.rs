//! Paper for when everything fails: the public venue poster (join code only
//! when shown), the organisers' judging sheets and team list, and scores
//! typed in from paper on a judge's behalf, marked as such.

use crate::helpers::{User, extract_between};
use crate::ws::WsClient;

async fn save_code(organiser: &User, code: &str, show: bool) {
    let mut form = vec![
        ("name", "Leeds"),
        ("venue", "Nexus"),
        ("starts_at", ""),
        ("ends_at", ""),
        ("team_size_cap", "6"),
        ("join_code", code),
    ];
    if show {
        form.push(("show_join_code", "on"));
    }
    organiser
        .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/settings", &form)
        .await
        .assert_redirect_to("/e/leeds/organise");
}

/// The criteria ids from the paper-scores form.
fn criterion_fields(page: &str) -> Vec<String> {
    page.split("name=\"c")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|id| id.chars().all(|c| c.is_ascii_digit()))
        .map(|id| format!("c{id}"))
        .collect()
}

async fn enter(organiser: &User, judge: &str, project: i64, value: &str) -> crate::helpers::Page {
    let page = organiser.get("/e/leeds/organise/paper-scores").await;
    let fields = criterion_fields(&page.body);
    assert_eq!(fields.len(), 5, "the default criteria");
    let judge_id = extract_between(
        &page.body,
        "<option value=\"",
        &format!("\">{judge}</option>"),
    )
    .map(|s| s.rsplit('"').next().unwrap().to_string())
    .expect("the judge is offered");
    let p = project.to_string();
    let mut form: Vec<(&str, &str)> = vec![("judge", judge_id.as_str()), ("project", p.as_str())];
    form.extend(fields.iter().map(|f| (f.as_str(), value)));
    organiser
        .post_with_csrf(
            "/e/leeds/organise/paper-scores",
            "/e/leeds/organise/paper-scores",
            &form,
        )
        .await
}

on_both_databases! {
    async fn the_poster_is_public_with_the_qr_code_and_the_join_code_only_when_shown(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        save_code(&organiser, "WARD-7Q2", false).await;
        let poster = app.visitor().get("/e/leeds/poster").await;
        poster.assert_status(200);
        assert!(poster.body.contains("data:image/svg+xml;base64,"), "a QR code");
        assert!(poster.body.contains(&format!("{}/e/leeds", app.address)));
        assert!(!poster.body.contains("WARD-7Q2"), "the code stays private");
        save_code(&organiser, "WARD-7Q2", true).await;
        assert!(app.visitor().get("/e/leeds/poster").await.body.contains("WARD-7Q2"));
    }

    async fn judging_sheets_list_the_running_order_and_criteria_for_each_judge_and_organisers_only(app: TestApp) {
        let j = crate::judging::set_up(&app).await;
        let sheets = j.organiser.get("/e/leeds/organise/print/sheets").await;
        sheets.assert_status(200);
        assert!(sheets.body.contains("Judging sheet · Judge Ada"));
        assert!(sheets.body.contains("Judging sheet · Judge Bo"));
        for title in ["Ward bed board", "Clinic texts", "Falls check"] {
            assert!(sheets.body.contains(title));
        }
        let bo = extract_between(&sheets.body, "Judging sheet · Judge Bo", "</article>").unwrap();
        assert!(bo.contains("Your team: do not score"), "Bo is in Clinic texts");
        let ada = extract_between(&sheets.body, "Judging sheet · Judge Ada", "</article>").unwrap();
        assert!(!ada.contains("Your team"));
        assert!(ada.matches("class=\"box\"").count() >= 15, "a box per criterion and team");
        let teams = j.organiser.get("/e/leeds/organise/print/teams").await;
        teams.assert_status(200);
        let ward = extract_between(&teams.body, "<h2>Ward bed board</h2>", "</li>\n").unwrap();
        assert!(ward.contains("Priya") && ward.contains("Sam"), "{ward}");
        for path in ["/e/leeds/organise/print", "/e/leeds/organise/print/sheets", "/e/leeds/organise/print/teams", "/e/leeds/organise/paper-scores"] {
            assert_eq!(j.attendee.get(path).await.status.as_u16(), 403, "{path}");
            assert_eq!(j.judge_a.get(path).await.status.as_u16(), 403, "{path}");
        }
    }

    async fn an_organiser_types_in_a_paper_sheet_on_the_judges_behalf_and_it_is_marked(app: TestApp) {
        let j = crate::judging::set_up(&app).await;
        let [_, b, c] = j.projects;
        let mut projector = WsClient::connect(&app, "leeds", None).await;
        let (_, snapshot) = projector.opening().await;
        assert_eq!(snapshot["event"]["judged"], 0);

        let refused = enter(&j.organiser, "Judge Ada", c, "9").await;
        refused.assert_status(422);
        assert!(refused.body.contains("is scored from 1 to 5"), "{}", refused.body);
        assert!(refused.body.contains("value=\"9\""), "the input is kept");
        let own = enter(&j.organiser, "Judge Bo", b, "3").await;
        own.assert_status(422);
        assert!(own.body.contains("may not score it"));

        enter(&j.organiser, "Judge Ada", c, "4").await.assert_redirect_to("/e/leeds/organise/paper-scores");
        let delta = projector.delta_where(|d| d["event"]["judged"] == 1).await;
        assert_eq!(delta["event"]["judged"], 1);
        let log = j.organiser.get("/e/leeds/organise").await.body;
        assert!(log.contains("on behalf of Judge Ada by Olu Organiser"), "the log names both");
        let page = j.organiser.get("/e/leeds/organise/paper-scores").await.body;
        let row = extract_between(&page, "<tbody>", "</tbody>").unwrap();
        assert!(row.contains("Judge Ada") && row.contains("from paper") && row.contains("Falls check"), "{row}");
        // The judge sees the scores as theirs on the panel.
        let panel = j.judge_a.get("/e/leeds/judge").await.body;
        assert!(panel.contains("1 of 3"), "the judge's progress counts them");

        // When the judge scores it again themselves, the paper mark goes.
        crate::judging::score_all(&j.judge_a, c, "5", "").await.assert_redirect_to("/e/leeds/judge");
        let page = j.organiser.get("/e/leeds/organise/paper-scores").await.body;
        assert!(!page.contains("<tbody>"), "no longer marked as typed in from paper");
    }
}
