//! The umbrella on every page: its name in the top bar and every title
//! ("hackday" only while none is set), its principles at the foot of an
//! event's pages, where a local organiser's events stand, dates that name
//! their year when it is not this one, and the API's times with their zone.

use crate::helpers::*;
use crate::local_events::{invite_local, review};
use crate::umbrella::{NHS, admin_of, event};
use chrono::{Datelike, Duration, NaiveDateTime, Utc};
use serde_json::Value;

const BRAND: &str = r#"<a class="brand" href="/">NHS Hack Day</a>"#;
const STRIP: &str = r#"<aside class="umbrella-strip""#;

fn named_by_the_umbrella(page: &Page, path: &str) {
    assert!(
        page.body.contains(BRAND),
        "{path}: the top bar names the umbrella\n{}",
        page.body
    );
    assert!(
        page.body.contains(" · NHS Hack Day</title>"),
        "{path}: so does the title"
    );
    assert!(
        !page.body.contains(">hackday</a>"),
        "{path}: no app name once it is set"
    );
}

/// A date-time input's value `days` from now at 10:00, and that time.
fn days_from_now(days: i64) -> (String, NaiveDateTime) {
    let day = (Utc::now() + Duration::days(days)).date_naive();
    let at = day.and_hms_opt(10, 0, 0).expect("a valid time");
    (at.format("%Y-%m-%dT%H:%M").to_string(), at)
}

/// `local` proposes `slug` (London) from `starts` to `ends`.
async fn propose(local: &User, slug: &str, starts: &str, ends: &str) {
    local
        .post_with_csrf(
            "/local",
            "/local/events",
            &[
                ("name", &format!("Hack day {slug}")),
                ("slug", slug),
                ("venue", "Town hall"),
                ("starts_at", starts),
                ("ends_at", ends),
                ("time_zone", "Europe/London"),
                ("team_size_cap", ""),
                ("template", "blank"),
            ],
        )
        .await
        .assert_status(200);
}

/// The same, approved by the admin.
async fn approved(admin: &User, local: &User, slug: &str, starts: &str, ends: &str) {
    propose(local, slug, starts, ends).await;
    review(admin, slug, "approve", "")
        .await
        .assert_redirect_to("/admin");
}

/// The card of one event on `/local`.
fn card_of(body: &str, slug: &str) -> String {
    body.split("<li class=\"card\">")
        .find(|card| card.contains(&format!("/e/{slug}</span>")))
        .unwrap_or_else(|| panic!("a card for {slug} in {body}"))
        .to_string()
}

on_both_databases! {
    async fn every_page_names_the_umbrella_in_its_top_bar_and_title_and_hackday_until_it_is_set(app: TestApp) {
        let admin = admin_of(&app).await;
        let organiser = event(&app, &admin, "leeds", "Leeds", "pitching").await;
        let visitor = app.visitor();
        let before = visitor.get("/e/leeds").await;
        assert!(before.body.contains(r#"<a class="brand" href="/">hackday</a>"#), "{}", before.body);
        assert!(before.body.contains("<title>Leeds · hackday</title>"));

        admin.post_with_csrf("/admin/umbrella", "/admin/umbrella", &NHS).await.assert_redirect_to("/admin/umbrella");
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let project = priya.pitch("leeds", "Bed board", "Nobody knows where the beds are", &["developer"]).await;
        let local = invite_local(&app, &admin, "Gill Local", "").await;
        for path in ["/e/leeds", project.as_str(), "/e/leeds/projects", "/e/leeds/pitch", "/e/leeds/me"] {
            named_by_the_umbrella(&priya.get(path).await, path);
        }
        named_by_the_umbrella(&organiser.get("/e/leeds/organise").await, "/e/leeds/organise");
        named_by_the_umbrella(&admin.get("/admin").await, "/admin");
        named_by_the_umbrella(&local.get("/local").await, "/local");
        named_by_the_umbrella(&visitor.get("/archive").await, "/archive");
        let missing = visitor.get("/e/nowhere").await;
        missing.assert_status(404);
        named_by_the_umbrella(&missing, "an error page");
        let home = visitor.get("/").await;
        assert!(home.body.contains(BRAND) && home.body.contains("<title>NHS Hack Day</title>"), "{}", home.body);

        let mut escaped = NHS;
        escaped[0] = ("name", "NHS <b>Hack</b> Day");
        admin.post_with_csrf("/admin/umbrella", "/admin/umbrella", &escaped).await.assert_redirect_to("/admin/umbrella");
        let page = visitor.get("/e/leeds").await;
        assert!(page.body.contains(r#"<a class="brand" href="/">NHS &lt;b&gt;Hack&lt;/b&gt; Day</a>"#), "escaped: {}", page.body);
        assert!(!page.body.contains("<b>Hack</b>"));
    }

    async fn an_events_other_pages_carry_the_umbrellas_principles_and_the_projector_only_its_name(app: TestApp) {
        let admin = admin_of(&app).await;
        let organiser = event(&app, &admin, "leeds", "Leeds", "pitching").await;
        admin.post_with_csrf("/admin/umbrella", "/admin/umbrella", &NHS).await.assert_redirect_to("/admin/umbrella");
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let project = priya.pitch("leeds", "Bed board", "Nobody knows where the beds are", &["developer"]).await;
        organiser.set_phase("leeds", "judging").await;
        for path in [project.as_str(), "/e/leeds/pitch", "/e/leeds/me", "/e/leeds/vote", "/e/leeds/projects"] {
            let page = priya.get(path).await;
            page.assert_status(200);
            let strip = extract_between(&page.body, STRIP, "</aside>")
                .unwrap_or_else(|| panic!("{path} has the umbrella's strip: {}", page.body));
            for text in ["NHS Hack Day", "Free to attend", "Open source by default", "No product pitches",
                         r#"href="https://nhshackday.com/conduct""#, r#"href="/#umbrella""#] {
                assert!(strip.contains(text), "{path}: {text} in {strip}");
            }
        }
        let board = priya.get("/e/leeds").await;
        assert!(board.body.contains("Part of <a href=\"/\"><strong>NHS Hack Day</strong>"), "the event page keeps its banner");
        assert!(!board.body.contains(STRIP), "and no strip besides");
        assert!(app.visitor().get("/").await.body.contains(r#"id="umbrella""#), "the strip's link lands on the principles");
        let projector = app.visitor().get("/e/leeds/display").await;
        assert!(projector.body.contains(r#"<span class="stage-umbrella one-line">NHS Hack Day</span>"#), "{}", projector.body);
        assert!(!projector.body.contains(STRIP) && !projector.body.contains("Open source by default"), "no room for principles");
    }

    async fn a_local_organisers_page_says_where_each_approved_event_stands(app: TestApp) {
        let admin = admin_of(&app).await;
        let gill = invite_local(&app, &admin, "Gill Local", "").await;
        let (soon, _) = days_from_now(30);
        let (soon_end, _) = days_from_now(31);
        let (started, _) = days_from_now(-1);
        let (ends, _) = days_from_now(1);
        approved(&admin, &gill, "glos", &soon, &soon_end).await;
        approved(&admin, &gill, "bath", &started, &ends).await;
        approved(&admin, &gill, "york", &started, &ends).await;
        admin.set_phase("bath", "pitching").await;
        admin.set_phase("york", "closed").await;

        let page = gill.get("/local").await;
        let upcoming = card_of(&page.body, "glos");
        assert!(upcoming.contains(">Coming up</strong>") && upcoming.contains("Run this event"), "{upcoming}");
        let live = card_of(&page.body, "bath");
        assert!(live.contains(">Live now</strong>") && live.contains("Run this event"), "{live}");
        let closed = card_of(&page.body, "york");
        assert!(closed.contains(">Closed</strong>"), "{closed}");
        assert!(!closed.contains("Run this event") && !closed.contains("Approved"), "nothing left to run: {closed}");
        assert!(closed.contains(r#"<a href="/e/york/projects">"#), "its archive: {closed}");
        gill.get("/e/york/projects").await.assert_status(200);
    }

    async fn a_closed_events_organiser_opens_its_console_for_the_results_and_downloads(app: TestApp) {
        let admin = admin_of(&app).await;
        let gill = invite_local(&app, &admin, "Gill Local", "").await;
        let (started, _) = days_from_now(-2);
        let (ended, _) = days_from_now(-1);
        approved(&admin, &gill, "york", &started, &ended).await;
        admin.set_phase("york", "closed").await;
        let closed = card_of(&gill.get("/local").await.body, "york");
        assert!(
            closed.contains(r#"<form method="post" action="/local/events/york/enter">"#) && closed.contains(">Open its console</button>"),
            "the button says what it does: {closed}"
        );
        gill.post_with_csrf("/local", "/local/events/york/enter", &[])
            .await
            .assert_redirect_to("/e/york/organise");
        let console = gill.get("/e/york/organise").await;
        assert!(console.body.contains("The event is closed") && console.body.contains("/e/york/export/projects.csv"), "{}", console.body);
        gill.get("/e/york/export/scores.csv").await.assert_status(200);
        gill.get("/e/york/organise/results").await.assert_status(200);
    }

    async fn dates_name_their_year_when_it_is_not_this_one(app: TestApp) {
        let admin = admin_of(&app).await;
        let this_year = Utc::now().year();
        let organiser = event(&app, &admin, "old", "Old", "pitching").await;
        crate::umbrella::set_start(&organiser, "old", "Old", &format!("{}-06-14T09:00", this_year - 1)).await;
        organiser.set_phase("old", "closed").await;
        let last_year = chrono::NaiveDate::from_ymd_opt(this_year - 1, 6, 14).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let home = app.visitor().get("/").await;
        let past = extract_between(&home.body, "id=\"past-events\"", "</ul>").expect("past events");
        let shown = last_year.format("%a %-d %b %Y, 09:00").to_string();
        assert!(past.contains(&shown), "{shown} in {past}");

        let gill = invite_local(&app, &admin, "Gill Local", "").await;
        let next_year = this_year + 1;
        approved(&admin, &gill, "next", &format!("{next_year}-03-07T10:00"), &format!("{next_year}-03-08T17:00")).await;
        propose(&gill, "later", &format!("{next_year}-05-02T10:00"), &format!("{next_year}-05-03T17:00")).await;
        let (today, this) = days_from_now(0);
        approved(&admin, &gill, "now", &today, &format!("{this_year}-12-31T23:00")).await;
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(next_year, m, d).unwrap();
        let next_shown = day(3, 7).format("%a %-d %b %Y, 10:00").to_string();
        let this_shown = this.format("%a %-d %b, 10:00").to_string();
        let local = gill.get("/local").await;
        assert!(card_of(&local.body, "next").contains(&next_shown), "{next_shown} on /local");
        assert!(card_of(&local.body, "now").contains(&this_shown), "{this_shown}: no year this year");
        let proposals = admin.get("/admin").await;
        let later_shown = day(5, 2).format("%a %-d %b %Y, 10:00").to_string();
        assert!(proposals.body.contains(&later_shown), "{later_shown} on the admin's proposals");
    }

    async fn the_api_gives_each_event_its_time_zone_and_its_times_with_their_offset(app: TestApp) {
        let admin = admin_of(&app).await;
        let organiser = event(&app, &admin, "nyc", "New York", "pitching").await;
        organiser
            .post_with_csrf("/e/nyc/organise", "/e/nyc/organise/settings", &[
                ("name", "New York"), ("venue", "Brooklyn"), ("starts_at", "2026-03-07T09:00"),
                ("ends_at", "2026-03-08T17:00"), ("time_zone", "America/New_York"),
                ("team_size_cap", "5"), ("join_code", ""),
            ])
            .await
            .assert_redirect_to("/e/nyc/organise");
        // Clocks go forward in New York in the small hours of 8 March 2026.
        organiser
            .post_with_csrf("/e/nyc/organise", "/e/nyc/organise/schedule", &[
                ("kind", "presentations"), ("label", "Demos"), ("at", "2026-03-08T14:00"),
            ])
            .await
            .assert_redirect_to("/e/nyc/organise");
        let get = |path: &'static str| {
            let url = format!("{}{path}", app.address);
            async move { reqwest::get(url).await.unwrap().json::<Value>().await.unwrap() }
        };
        let detail = get("/api/v1/events/nyc").await;
        assert_eq!(detail["time_zone"], "America/New_York");
        assert_eq!(detail["starts_at"], "2026-03-07T09:00:00", "the old field is kept");
        assert_eq!(detail["starts_at_with_offset"], "2026-03-07T09:00:00-05:00");
        assert_eq!(detail["ends_at_with_offset"], "2026-03-08T17:00:00-04:00");
        assert_eq!(detail["schedule"][0]["at"], "2026-03-08T14:00:00");
        assert_eq!(detail["schedule"][0]["at_with_offset"], "2026-03-08T14:00:00-04:00");
        let list = get("/api/v1/events").await;
        let listed = &list["events"][0];
        assert_eq!(listed["time_zone"], "America/New_York");
        assert_eq!(listed["starts_at_with_offset"], "2026-03-07T09:00:00-05:00");
        let doc = get("/api/v1/openapi.json").await;
        for path in ["/api/v1/events", "/api/v1/events/{slug}"] {
            let schema = crate::api_schema::response_schema(&doc, path);
            let body = if path.ends_with("{slug}") { &detail } else { &list };
            crate::api_schema::check(&doc, schema, body, path).unwrap_or_else(|e| panic!("{e}"));
        }
        let text = doc.to_string();
        assert!(text.contains("at_with_offset") && text.contains("IANA time zone"), "documented");
    }
}
