//! Templates: a new event starts from a past event's set-up or the
//! umbrella's defaults; the schedule moves to the new start day; nothing
//! personal (people, pitches, scores, votes) is ever copied.

use crate::helpers::*;
use crate::local_events::{create_event, invite_local, propose, review};
use diesel::RunQueryDsl;
use diesel::sql_types::BigInt;
use hackday::store::connection;

#[derive(diesel::QueryableByName)]
struct Number {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

pub fn count(url: &str, table: &str, slug: &str) -> i64 {
    let mut conn = connection::establish(url, connection::SqliteSync::Full).expect("a connection");
    diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table} WHERE event_id = (SELECT id FROM events WHERE slug = '{slug}')"))
        .get_result::<Number>(&mut conn)
        .expect("a count")
        .n
}

/// A past event full of set-up and of people, pitches, scores and votes.
async fn past_event(app: &TestApp, admin: &User) {
    let organiser = create_event(
        app,
        admin,
        "leeds",
        &[("starts_at", "2026-03-07T09:00"), ("team_size_cap", "4")],
    )
    .await;
    for (kind, label, at) in [
        ("other", "Pitches", "2026-03-07T10:15"),
        ("submission_deadline", "Demos due", "2026-03-08T13:30"),
    ] {
        organiser
            .post_with_csrf(
                "/e/leeds/organise",
                "/e/leeds/organise/schedule",
                &[("kind", kind), ("label", label), ("at", at)],
            )
            .await
            .assert_redirect_to("/e/leeds/organise");
    }
    let judging = "/e/leeds/organise/judging";
    organiser
        .post_with_csrf(
            judging,
            "/e/leeds/organise/criteria",
            &[
                ("name", "Clinical safety"),
                ("description", "Is it safe?"),
                ("weight", "7"),
                ("scale_max", "10"),
            ],
        )
        .await
        .assert_redirect_to(judging);
    organiser
        .post_with_csrf(
            judging,
            "/e/leeds/organise/prizes",
            &[
                ("name", "Safest idea"),
                ("description", "For the careful"),
                ("kind", "judged"),
            ],
        )
        .await
        .assert_redirect_to(judging);
    organiser.set_phase("leeds", "pitching").await;
    let priya = app.attendee("leeds", "Priya Private", &["clinician"]).await;
    priya
        .pitch("leeds", "Ward bed board", "Beds, live.", &[])
        .await;
    crate::judging::judge(app, &organiser, "Judge Ada").await;
}

on_both_databases! {
    async fn a_copy_of_a_past_event_takes_its_set_up_on_the_new_days_and_nobody_and_nothing_personal(app: TestApp) {
        let admin = app.admin().await;
        past_event(&app, &admin).await;
        let copy = create_event(&app, &admin, "glos", &[
            ("template", "event:leeds"), ("starts_at", "2026-10-24T09:00"), ("time_zone", "Europe/London"),
        ]).await;
        let setup = copy.get("/e/glos/organise/judging").await;
        assert!(setup.body.contains("Clinical safety") && setup.body.contains("Is it safe?"), "criteria and their texts");
        assert!(setup.body.contains("Safest idea"), "prizes");
        assert!(!setup.body.contains("Judge Ada"), "no judges");
        let console = copy.get("/e/glos/organise").await.body;
        assert!(console.contains("value=\"4\""), "the team cap");
        assert!(console.contains("Sat 24 Oct, 10:15") && console.contains("Sun 25 Oct, 13:30"), "the schedule on the new days: {console}");
        assert!(!console.contains("Mar"), "no old dates");
        for (table, expected) in [("people", 1), ("projects", 0), ("memberships", 0), ("scores", 0), ("votes", 0), ("criteria", 1), ("prizes", 1), ("schedule_items", 2)] {
            assert_eq!(count(&app.database_url, table, "glos"), expected, "{table} of the copy");
        }
        assert!(!console.contains("Priya Private") && !console.contains("Ward bed board"));
    }

    async fn a_proposal_from_the_umbrellas_defaults_gets_its_criteria_prizes_and_schedule(app: TestApp) {
        let admin = app.admin().await;
        let gill = invite_local(&app, &admin, "Gill Local", "").await;
        let form = gill.get("/local").await.body;
        assert!(form.contains("The umbrella&#x27;s defaults") || form.contains("The umbrella's defaults"), "{form}");
        propose(&gill, "glos", "America/New_York", "defaults", "2026-12-05T09:00").await.assert_status(200);
        review(&admin, "glos", "approve", "").await.assert_redirect_to("/admin");
        assert_eq!(count(&app.database_url, "criteria", "glos"), 5);
        assert_eq!(count(&app.database_url, "prizes", "glos"), 2);
        assert_eq!(count(&app.database_url, "schedule_items", "glos"), 5);
        gill.post_with_csrf("/local", "/local/events/glos/enter", &[]).await.assert_redirect_to("/e/glos/organise");
        let console = gill.get("/e/glos/organise").await.body;
        assert!(console.contains("Sat 5 Dec, 09:30") && console.contains("Sun 6 Dec, 13:00"), "{console}");
        assert!(console.contains("value=\"6\""), "the defaults' team cap");
        assert!(console.contains("value=\"America/New_York\""));
    }

    async fn an_admins_event_without_a_template_starts_empty_as_before(app: TestApp) {
        let admin = app.admin().await;
        create_event(&app, &admin, "leeds", &[]).await;
        for table in ["criteria", "prizes", "schedule_items"] {
            assert_eq!(count(&app.database_url, table, "leeds"), 0, "{table}");
        }
        let page = admin.get("/admin").await.body;
        assert!(page.contains("Copy the set-up of Event leeds"), "past events are offered as templates");
    }
}
