//! The umbrella: the admin's settings, its name and principles beside every
//! event, the code of conduct at sign-up, the home page and the archive
//! across events.

use crate::helpers::*;

/// An admin of a fresh installation, signed in.
pub async fn admin_of(app: &TestApp) -> User {
    app.admin().await
}

/// The admin creates an event; its first organiser is returned signed in,
/// with the event moved to `phase`.
pub async fn event(app: &TestApp, admin: &User, slug: &str, name: &str, phase: &str) -> User {
    let page = admin.get("/admin").await;
    let created = admin
        .post(
            "/admin/events",
            &[
                ("csrf", &page.csrf()),
                ("name", name),
                ("slug", slug),
                ("organiser", "Olu"),
            ],
        )
        .await;
    created.assert_status(200);
    let link = extract_between(&created.body, &format!("{}/signin/", app.address), "\"")
        .expect("an organiser sign-in link");
    let organiser = app.visitor();
    organiser.get(&format!("/signin/{link}")).await;
    if phase != "draft" {
        organiser.set_phase(slug, phase).await;
    }
    organiser
}

/// Sets the event's name and start (`2025-06-14T09:00`).
pub async fn set_start(organiser: &User, slug: &str, name: &str, starts_at: &str) {
    organiser
        .post_with_csrf(
            &format!("/e/{slug}/organise"),
            &format!("/e/{slug}/organise/settings"),
            &[
                ("name", name),
                ("venue", "Leeds"),
                ("starts_at", starts_at),
                ("ends_at", ""),
                ("team_size_cap", "5"),
                ("join_code", ""),
            ],
        )
        .await
        .assert_redirect_to(&format!("/e/{slug}/organise"));
}

/// A closed event with two projects: the first with a submission and a
/// revealed prize, the second with only a pitch. Returns the project ids.
pub async fn closed_event(
    app: &TestApp,
    admin: &User,
    slug: &str,
    starts_at: &str,
    titles: [&str; 2],
) -> [i64; 2] {
    let organiser = event(app, admin, slug, &format!("Hack day {slug}"), "pitching").await;
    set_start(&organiser, slug, &format!("Hack day {slug}"), starts_at).await;
    let priya = app.attendee(slug, "Priya Patel", &["clinician"]).await;
    let sam = app.attendee(slug, "Sam Smith", &["developer"]).await;
    let a = priya
        .pitch(
            slug,
            titles[0],
            "Sepsis alerts reach the ward too late",
            &["developer"],
        )
        .await;
    let b = sam
        .pitch(
            slug,
            titles[1],
            "Discharge letters nobody reads",
            &["designer"],
        )
        .await;
    let id = |path: &str| path.rsplit('/').next().unwrap().parse::<i64>().unwrap();
    let (a, b) = (id(&a), id(&b));
    organiser
        .post_with_csrf(
            &format!("/e/{slug}/p/{a}"),
            &format!("/e/{slug}/p/{a}/submission"),
            &[
                ("repo_url", "https://github.com/nhs/sepsis-alert"),
                ("demo_url", "https://sepsis.example.org"),
                ("built", "A pager for sepsis scores"),
                ("licence", "MIT"),
            ],
        )
        .await
        .assert_redirect_to(&format!("/e/{slug}/p/"));
    organiser
        .post_with_csrf(
            &format!("/e/{slug}/organise/judging"),
            &format!("/e/{slug}/organise/prizes"),
            &[("name", "Best in show"), ("kind", "special")],
        )
        .await
        .assert_redirect_to(&format!("/e/{slug}/organise/judging"));
    let results = format!("/e/{slug}/organise/results");
    let page = organiser.get(&results).await;
    let section = extract_between(&page.body, "<h2>Best in show</h2>", "</section>").unwrap();
    let prize = extract_between(&section, "/organise/results/", "/winner").unwrap();
    organiser
        .post_with_csrf(
            &results,
            &format!("{results}/{prize}/winner"),
            &[("project", &a.to_string())],
        )
        .await
        .assert_redirect_to(&results);
    organiser
        .post_with_csrf(
            &results,
            &format!("{results}/{prize}/reveal"),
            &[("show", "1")],
        )
        .await
        .assert_redirect_to(&results);
    organiser.set_phase(slug, "closed").await;
    [a, b]
}

pub const NHS: [(&str, &str); 5] = [
    ("name", "NHS Hack Day"),
    (
        "description",
        "Clinicians, patients and developers build things for the NHS.",
    ),
    (
        "principles",
        "Free to attend\nOpen source by default\nNo product pitches",
    ),
    ("code_of_conduct", "https://nhshackday.com/conduct"),
    ("colour", "#ffeb3b"),
];

on_both_databases! {
    async fn the_admin_sets_the_umbrella_and_the_home_and_event_pages_show_it(app: TestApp) {
        let admin = admin_of(&app).await;
        let _organiser = event(&app, &admin, "leeds", "Leeds", "pitching").await;
        admin.post_with_csrf("/admin/umbrella", "/admin/umbrella", &NHS).await.assert_redirect_to("/admin/umbrella");
        let home = app.visitor().get("/").await;
        for text in ["NHS Hack Day", "Open source by default", "No product pitches", "https://nhshackday.com/conduct"] {
            assert!(home.body.contains(text), "the home page shows {text}");
        }
        let event = app.visitor().get("/e/leeds").await;
        assert!(event.body.contains("Part of <a href=\"/\"><strong>NHS Hack Day</strong>"), "{}", event.body);
        assert!(event.body.contains("Free to attend"));
        let css = app.visitor().get("/umbrella.css").await;
        assert!(css.body.contains("--brand: #ffeb3b") && css.body.contains("--brand-text: #000000"), "{}", css.body);
        assert!(home.body.contains("href=\"/umbrella.css\""));
    }

    async fn bad_umbrella_settings_get_messages_by_their_fields_and_change_nothing(app: TestApp) {
        let admin = admin_of(&app).await;
        admin.post_with_csrf("/admin/umbrella", "/admin/umbrella", &NHS).await.assert_redirect_to("/admin/umbrella");
        let reply = admin
            .post_with_csrf("/admin/umbrella", "/admin/umbrella", &[
                ("name", "Renamed <b>series</b>"), ("description", ""), ("principles", "Free"),
                ("code_of_conduct", ""), ("colour", "blue"),
            ])
            .await;
        reply.assert_status(422);
        assert!(reply.body.contains("A colour is # and six hex digits"));
        assert!(reply.body.contains("A code of conduct is required"));
        assert!(reply.body.contains("value=\"Renamed &lt;b&gt;series&lt;/b&gt;\""), "the typed name is kept, escaped");
        assert!(app.visitor().get("/").await.body.contains("<h1>NHS Hack Day</h1>"), "nothing changed");
    }

    async fn only_admins_see_or_change_the_umbrella_export_or_import(app: TestApp) {
        let admin = admin_of(&app).await;
        let organiser = event(&app, &admin, "leeds", "Leeds", "pitching").await;
        let stranger = app.visitor();
        for user in [&organiser, &stranger] {
            user.get("/admin/umbrella").await.assert_status(403);
            user.get("/admin/export.json").await.assert_status(403);
            let csrf = user.get("/e/leeds").await.csrf();
            let mut form = vec![("csrf", csrf.as_str())];
            form.extend_from_slice(&NHS);
            user.post("/admin/umbrella", &form).await.assert_status(403);
            user.post("/admin/import", &[("csrf", &csrf), ("document", "{}")]).await.assert_status(403);
        }
        assert!(!app.visitor().get("/").await.body.contains("NHS Hack Day"), "nothing changed");
    }

    async fn signing_up_needs_the_code_of_conduct_ticked_and_records_when(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let visitor = app.visitor();
        let page = visitor.get("/e/leeds").await;
        assert!(page.body.contains("name=\"conduct\""), "the form has the checkbox");
        let reply = visitor
            .post("/e/leeds/join", &[("csrf", &page.csrf()), ("name", "Kemi"), ("skills", "patient")])
            .await;
        reply.assert_status(422);
        assert!(reply.body.contains("Tick the box to accept the code of conduct"), "{}", reply.body);
        assert!(reply.body.contains("value=\"Kemi\""), "the typed name is kept");
        assert!(reply.body.contains("value=\"patient\" checked"), "the chosen skill is kept");
        assert!(app.visitor().get("/e/leeds").await.body.contains(">0 signed up"), "nobody was saved");
        assert_eq!(accepted_conduct(&app), 0);
        visitor
            .post("/e/leeds/join", &[("csrf", &page.csrf()), ("name", "Kemi"), ("skills", "patient"), ("conduct", "yes")])
            .await
            .assert_redirect_to("/e/leeds/me");
        assert_eq!(accepted_conduct(&app), 1, "the acceptance is recorded");
    }

    async fn the_home_page_shows_public_events_live_upcoming_and_past(app: TestApp) {
        let admin = admin_of(&app).await;
        let live = event(&app, &admin, "live", "Live Leeds", "team_forming").await;
        set_start(&live, "live", "Live Leeds", "2020-06-14T09:00").await;
        let soon = event(&app, &admin, "soon", "Gloucester Soon", "pitching").await;
        set_start(&soon, "soon", "Gloucester Soon", "2099-03-01T09:00").await;
        event(&app, &admin, "old", "Old Oxford", "closed").await;
        event(&app, &admin, "secret", "Secret Draft", "draft").await;
        let home = app.visitor().get("/").await;
        let section = |id: &str| extract_between(&home.body, &format!("id=\"{id}\""), "</ul>").unwrap_or_default();
        assert!(section("live-events").contains("Live Leeds"), "{}", home.body);
        assert!(section("upcoming-events").contains("Gloucester Soon"));
        assert!(section("upcoming-events").contains("href=\"/e/soon#join\""), "a sign-up link");
        assert!(section("past-events").contains("Old Oxford"));
        assert!(!home.body.contains("Secret Draft"), "a draft is not public");
    }

    async fn the_archive_shows_every_closed_events_projects_and_searches_by_words_skill_and_year(app: TestApp) {
        let admin = admin_of(&app).await;
        closed_event(&app, &admin, "leeds", "2024-06-14T09:00", ["Sepsis pager", "Discharge letters"]).await;
        closed_event(&app, &admin, "oxford", "2025-03-01T09:00", ["Ward rota", "Falls sensor"]).await;
        let _open = event(&app, &admin, "open", "Still open", "pitching").await;
        let person = app.attendee("open", "Ann", &["other"]).await;
        person.pitch("open", "Not archived yet", "", &["other"]).await;
        let all = app.visitor().get("/archive").await;
        all.assert_status(200);
        for title in ["Sepsis pager", "Discharge letters", "Ward rota", "Falls sensor"] {
            assert!(all.body.contains(title), "{title} is in the archive");
        }
        assert!(!all.body.contains("Not archived yet"), "only closed events");
        assert!(all.body.contains("Winner: Best in show") && all.body.contains("https://github.com/nhs/sepsis-alert"));
        assert!(all.body.contains("Priya Patel") && all.body.contains("Hack day oxford"));
        let app = &app;
        let found = |q: &'static str| async move { app.visitor().get(&format!("/archive?{q}")).await.body };
        let by_words = found("q=ROTA").await;
        assert!(by_words.contains("Ward rota") && !by_words.contains("Sepsis pager"));
        let by_year = found("year=2024").await;
        assert!(by_year.contains("Sepsis pager") && by_year.contains("Discharge letters") && !by_year.contains("Ward rota"));
        let by_skill = found("skill=designer").await;
        assert!(by_skill.contains("Discharge letters") && by_skill.contains("Falls sensor") && !by_skill.contains("Sepsis pager"));
        let both = found("q=rota&year=2024").await;
        assert!(both.contains("0 of 4 projects match") && both.contains("Nothing matches"));
        let nonsense = found("year=soon&skill=wizard").await;
        assert!(nonsense.contains("4 of 4 projects"), "values that mean nothing are ignored");
    }
}

/// How many people have accepted the code of conduct, read from the database.
fn accepted_conduct(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    use hackday::store::schema::people;
    let mut conn =
        hackday::store::connection::establish(&app.database_url, hackday::store::SqliteSync::Full)
            .expect("a connection");
    people::table
        .filter(people::accepted_conduct_at.is_not_null())
        .count()
        .get_result(&mut conn)
        .expect("a count")
}
