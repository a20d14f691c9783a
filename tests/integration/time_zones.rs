//! Each event's own time zone: two events in different zones on one server
//! show their own local times, count down to their own deadlines and flag
//! late submissions by them; a deadline across the autumn clock change is
//! the right instant; and nothing reads the server's own zone.

use crate::helpers::*;
use crate::local_events::create_event;
use crate::teams::project_id;
use crate::ws::WsClient;
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc};

fn ms(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
    Utc.from_utc_datetime(
        &NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap(),
    )
    .timestamp_millis()
}

async fn add_deadline(organiser: &User, slug: &str, at: &str) {
    organiser
        .post_with_csrf(
            &format!("/e/{slug}/organise"),
            &format!("/e/{slug}/organise/schedule"),
            &[
                ("kind", "submission_deadline"),
                ("label", "Demos due"),
                ("at", at),
            ],
        )
        .await
        .assert_redirect_to(&format!("/e/{slug}/organise"));
}

/// The countdown's deadline as the live channel sends it.
async fn deadline_ms(app: &TestApp, slug: &str) -> i64 {
    let mut ws = WsClient::connect(app, slug, None).await;
    let (_, snapshot) = ws.opening().await;
    let found = snapshot
        .pointer("/board/event/deadline_ms")
        .or_else(|| snapshot.pointer("/event/deadline_ms"))
        .cloned();
    found
        .and_then(|v| v.as_i64())
        .unwrap_or_else(|| panic!("a deadline in {snapshot}"))
}

/// An event in hacking with one team; returns its organiser, pitcher and project.
async fn hacking(app: &TestApp, admin: &User, slug: &str, zone: &str) -> (User, User, i64) {
    let organiser = create_event(
        app,
        admin,
        slug,
        &[("time_zone", zone), ("starts_at", "2026-11-21T09:00")],
    )
    .await;
    organiser.set_phase(slug, "pitching").await;
    let priya = app.attendee(slug, "Priya", &["clinician"]).await;
    let project = project_id(&priya.pitch(slug, "Ward bed board", "", &[]).await);
    organiser.set_phase(slug, "hacking").await;
    (organiser, priya, project)
}

on_both_databases! {
    async fn two_events_in_different_zones_keep_their_own_times_deadlines_and_late_flags(app: TestApp) {
        let admin = app.admin().await;
        let (london, priya_l, first) = hacking(&app, &admin, "london", "Europe/London").await;
        let (new_york, priya_n, second) = hacking(&app, &admin, "nyc", "America/New_York").await;
        // One wall-clock time, an hour ago in London: past there, hours ahead in New York.
        let now = Utc::now().with_timezone(&chrono_tz::Europe::London).naive_local();
        let wall = now.date().and_hms_opt(now.hour(), now.minute(), 0).unwrap() - Duration::hours(1);
        let typed = wall.format("%Y-%m-%dT%H:%M").to_string();
        add_deadline(&london, "london", &typed).await;
        add_deadline(&new_york, "nyc", &typed).await;
        let london_ms = chrono_tz::Europe::London.from_local_datetime(&wall).earliest().unwrap().timestamp_millis();
        let new_york_ms = chrono_tz::America::New_York.from_local_datetime(&wall).earliest().unwrap().timestamp_millis();
        assert_eq!(deadline_ms_becomes(&app, "london", london_ms).await, london_ms);
        assert_eq!(deadline_ms_becomes(&app, "nyc", new_york_ms).await, new_york_ms);
        assert!(new_york_ms - london_ms >= 4 * 3_600_000, "the same wall clock, hours apart");

        for (user, slug, project) in [(&priya_l, "london", first), (&priya_n, "nyc", second)] {
            let path = format!("/e/{slug}/p/{project}");
            user.post_with_csrf(&path, &format!("{path}/submission"), &[("repo_url", "https://github.com/nhs/beds")]).await.assert_redirect_to(&path);
        }
        let late = |body: String| serde_json::from_str::<serde_json::Value>(&body).unwrap()[0]["late"].clone();
        assert_eq!(late(london.get("/e/london/export/projects.json").await.body), true, "past London's deadline");
        assert_eq!(late(new_york.get("/e/nyc/export/projects.json").await.body), false, "before New York's deadline");

        let london_page = app.visitor().get("/e/london").await.body;
        let nyc_page = app.visitor().get("/e/nyc").await.body;
        let shown = wall.format("%a %-d %b, %H:%M").to_string();
        assert!(london_page.contains(&shown) && nyc_page.contains(&shown), "each shows the time as typed, in its own zone");
        assert!(london_page.contains("(Europe/London)") && nyc_page.contains("(America/New_York)"));
        assert!(nyc_page.contains("Sat 21 Nov, 09:00 EST"), "the start with its zone: {nyc_page}");
        assert!(london_page.contains("Sat 21 Nov, 09:00 GMT"));
    }

    async fn a_deadline_after_the_autumn_clock_change_is_read_in_the_right_offset(app: TestApp) {
        let admin = app.admin().await;
        let organiser = create_event(&app, &admin, "autumn", &[
            ("time_zone", "Europe/London"), ("starts_at", "2026-10-24T09:00"), ("ends_at", "2026-10-26T17:00"),
        ]).await;
        organiser.set_phase("autumn", "pitching").await;
        // Saturday is BST (UTC+1); the clocks go back at 02:00 on Sunday the 25th.
        add_deadline(&organiser, "autumn", "2026-10-26T10:00").await;
        assert_eq!(deadline_ms_becomes(&app, "autumn", ms(2026, 10, 26, 10, 0)).await, ms(2026, 10, 26, 10, 0), "Monday 10:00 GMT");
        add_deadline(&organiser, "autumn", "2026-10-24T16:00").await;
        assert_eq!(deadline_ms_becomes(&app, "autumn", ms(2026, 10, 24, 15, 0)).await, ms(2026, 10, 24, 15, 0), "Saturday 16:00 BST is 15:00 UTC");
        let page = app.visitor().get("/e/autumn").await.body;
        assert!(page.contains("Sat 24 Oct, 16:00 BST") && page.contains("Mon 26 Oct, 10:00 GMT"), "{page}");
    }

    async fn an_unknown_time_zone_is_refused_with_a_message_and_changes_nothing(app: TestApp) {
        let admin = app.admin().await;
        let organiser = create_event(&app, &admin, "leeds", &[]).await;
        let bad = organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/settings", &[
                ("name", "Leeds"), ("venue", ""), ("starts_at", ""), ("ends_at", ""), ("team_size_cap", "5"),
                ("join_code", ""), ("time_zone", "Europe/Leeds"),
            ])
            .await;
        bad.assert_status(422);
        assert!(bad.body.contains("Give the time zone as its IANA name"));
        assert!(bad.body.contains("value=\"Europe/Leeds\""), "the typed zone is kept");
        organiser
            .post_with_csrf("/e/leeds/organise", "/e/leeds/organise/settings", &[
                ("name", "Leeds"), ("venue", ""), ("starts_at", "2026-11-21T09:00"), ("ends_at", ""), ("team_size_cap", "5"),
                ("join_code", ""), ("time_zone", "australia/sydney"),
            ])
            .await
            .assert_redirect_to("/e/leeds/organise");
        assert!(organiser.get("/e/leeds/organise").await.body.contains("value=\"Australia/Sydney\""));
        let made = admin.post_with_csrf("/admin", "/admin/events", &[("name", "X"), ("slug", "xx"), ("organiser", "O"), ("time_zone", "GMT+25")]).await;
        made.assert_status(422);
        assert!(made.body.contains("Give the time zone as its IANA name"));
    }
}

#[test]
fn the_server_never_reads_its_own_time_zone() {
    let mut offenders = vec![];
    let mut dirs = vec![std::path::PathBuf::from("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                if text.contains("chrono::Local")
                    || text.contains("Local::now")
                    || text.contains("naive_local()") && !path.ends_with("timezone.rs")
                {
                    offenders.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "these read the server's zone: {offenders:?}"
    );
}

/// The deadline once the change has reached the live hub (a snapshot may
/// be a moment behind a commit; its delta follows), or the last one seen.
async fn deadline_ms_becomes(app: &TestApp, slug: &str, expected: i64) -> i64 {
    let mut seen = deadline_ms(app, slug).await;
    for _ in 0..40 {
        if seen == expected {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        seen = deadline_ms(app, slug).await;
    }
    seen
}

on_both_databases! {
    async fn the_people_view_and_the_log_give_times_in_the_events_zone_with_the_year_when_not_this_one(app: TestApp) {
        let admin = app.admin().await;
        let organiser = create_event(&app, &admin, "akl", &[("time_zone", "Pacific/Auckland")]).await;
        organiser.set_phase("akl", "pitching").await;
        let in_auckland = |at: chrono::DateTime<Utc>| {
            at.with_timezone(&chrono_tz::Pacific::Auckland).format("%a %-d %b, %H:%M %Z").to_string()
        };
        // To the second: two people of one name often sign up in the same minute.
        let to_the_second = |at: chrono::DateTime<Utc>| {
            at.with_timezone(&chrono_tz::Pacific::Auckland).format("%a %-d %b, %H:%M:%S %Z").to_string()
        };
        let before = to_the_second(Utc::now());
        app.attendee("akl", "Priya", &["clinician"]).await;
        let after = to_the_second(Utc::now());
        let people = organiser.get("/e/akl/people").await.body;
        assert!(
            [before.as_str(), after.as_str()]
                .iter()
                .any(|at| people.contains(&format!("signed up <span class=\"signed-up\">{at}</span>"))),
            "signed up at {before} Auckland time: {people}"
        );

        let next_year = Utc::now().year() + 1;
        let before = in_auckland(Utc::now());
        add_deadline(&organiser, "akl", &format!("{next_year}-03-07T10:00")).await;
        let after = in_auckland(Utc::now());
        let day = NaiveDate::from_ymd_opt(next_year, 3, 7).unwrap().format("%a %-d %b %Y");
        let console = organiser.get("/e/akl/organise").await.body;
        let line = [before, after]
            .iter()
            .map(|at| format!("<span class=\"time\">{at}</span> Olu Organiser (organiser) added to the schedule “Demos due” at {day}, 10:00 NZDT"))
            .find(|line| console.contains(line.as_str()));
        assert!(line.is_some(), "the log's line, its time on Auckland's clock: {console}");
    }
}

on_both_databases! {
    async fn announcements_a_demos_update_and_the_late_list_read_on_the_events_clock(app: TestApp) {
        let admin = app.admin().await;
        let (organiser, priya, project) = hacking(&app, &admin, "akl", "Pacific/Auckland").await;
        add_deadline(&organiser, "akl", "2026-01-05T10:00").await;
        let in_auckland = |at: chrono::DateTime<Utc>| {
            at.with_timezone(&chrono_tz::Pacific::Auckland).format("%a %-d %b, %H:%M %Z").to_string()
        };
        let shown_at = |page: &str, pattern: &dyn Fn(&str) -> String, before: &str, after: &str| {
            [before, after].iter().any(|at| page.contains(&pattern(at)))
        };
        let before = in_auckland(Utc::now());
        let path = format!("/e/akl/p/{project}");
        priya.post_with_csrf(&path, &format!("{path}/submission"), &[("repo_url", "https://github.com/nhs/beds")]).await.assert_redirect_to(&path);
        let page = "/e/akl/organise/announcements";
        organiser.post_with_csrf(page, page, &[("message", "Lunch is served")]).await;
        let after = in_auckland(Utc::now());

        let demo = app.visitor().get(&path).await.body;
        assert!(shown_at(&demo, &|at| format!("Updated {at}"), &before, &after), "updated at {before} Auckland time: {demo}");
        let said = organiser.get(page).await.body;
        assert!(shown_at(&said, &|at| format!("{at} · <strong>shown now"), &before, &after), "said at {before}: {said}");
        let results = organiser.get("/e/akl/organise/results").await.body;
        assert!(results.contains("Deadline: Mon 5 Jan, 10:00 NZDT"), "{results}");
        assert!(shown_at(&results, &|at| format!("(saved {at}"), &before, &after), "saved at {before}: {results}");
    }
}
