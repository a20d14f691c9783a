//! Local organisers: invited by the admin, they propose events that stay
//! out of sight until an admin approves them, then run them alone; a
//! password works as a second way in and its guesses are rate limited.

use crate::helpers::*;

/// The admin creates an event `slug` (with `extra` form fields) and its
/// first organiser, who is returned signed in.
pub async fn create_event(app: &TestApp, admin: &User, slug: &str, extra: &[(&str, &str)]) -> User {
    let name = format!("Event {slug}");
    let mut form = vec![
        ("name", name.as_str()),
        ("slug", slug),
        ("organiser", "Olu Organiser"),
    ];
    form.extend_from_slice(extra);
    let created = admin.post_with_csrf("/admin", "/admin/events", &form).await;
    created.assert_status(200);
    let link = extract_between(&created.body, &format!("{}/signin/", app.address), "\"")
        .expect("an organiser link");
    let organiser = app.visitor();
    organiser
        .get(&format!("/signin/{link}"))
        .await
        .assert_redirect_to(&format!("/e/{slug}/organise"));
    organiser
}

/// The admin invites a local organiser; returns them signed in with their link.
pub async fn invite_local(app: &TestApp, admin: &User, name: &str, email: &str) -> User {
    let invited = admin
        .post_with_csrf(
            "/admin",
            "/admin/local-organisers",
            &[("name", name), ("email", email)],
        )
        .await;
    invited.assert_status(200);
    let link = extract_between(
        &invited.body,
        &format!("{}/local/signin/", app.address),
        "\"",
    )
    .expect("a local organiser link");
    let local = app.visitor();
    local
        .get(&format!("/local/signin/{link}"))
        .await
        .assert_redirect_to("/local");
    local
}

/// A local organiser proposes `slug` in `zone` from `template`.
pub async fn propose(local: &User, slug: &str, zone: &str, template: &str, starts: &str) -> Page {
    let name = format!("Hack day {slug}");
    local
        .post_with_csrf(
            "/local",
            "/local/events",
            &[
                ("name", name.as_str()),
                ("slug", slug),
                ("venue", "Town hall"),
                ("starts_at", starts),
                ("ends_at", "2026-12-31T17:00"),
                ("time_zone", zone),
                ("team_size_cap", ""),
                ("template", template),
            ],
        )
        .await
}

pub async fn review(admin: &User, slug: &str, decision: &str, note: &str) -> Page {
    admin
        .post_with_csrf(
            "/admin",
            &format!("/admin/events/{slug}/review"),
            &[("decision", decision), ("note", note)],
        )
        .await
}

/// Every public way to see an event answers "not found" (or leaves it out).
async fn assert_hidden(app: &TestApp, slug: &str) {
    let visitor = app.visitor();
    for path in [
        "",
        "/projects",
        "/display",
        "/live",
        "/export/projects.json",
        "/organise",
    ] {
        let status = visitor
            .get(&format!("/e/{slug}{path}"))
            .await
            .status
            .as_u16();
        assert!(
            matches!(status, 403 | 404),
            "/e/{slug}{path} answered {status}"
        );
    }
    visitor
        .get(&format!("/api/v1/events/{slug}"))
        .await
        .assert_status(404);
    assert!(
        !visitor.get("/api/v1/events").await.body.contains(slug),
        "the API lists {slug}"
    );
    assert!(
        !visitor.get("/").await.body.contains(&format!("/e/{slug}")),
        "the home page lists {slug}"
    );
}

on_both_databases! {
    async fn a_proposed_event_is_hidden_until_approved_then_its_proposer_runs_it_alone(app: TestApp) {
        let admin = app.admin().await;
        let leeds = create_event(&app, &admin, "leeds", &[]).await;
        leeds.set_phase("leeds", "pitching").await;
        let gill = invite_local(&app, &admin, "Gill Local", "gill@example.org").await;
        let proposed = propose(&gill, "glos", "America/New_York", "defaults", "2026-12-05T09:00").await;
        proposed.assert_status(200);
        assert!(proposed.body.contains("Waiting for approval"), "{}", proposed.body);
        assert_hidden(&app, "glos").await;
        let pending = admin.get("/admin").await;
        assert!(pending.body.contains("Proposed events waiting for you") && pending.body.contains("proposed by Gill Local"));
        // Before approval the proposer has no power there either.
        gill.get("/e/glos/organise").await.assert_status(404);
        assert_eq!(gill.post_with_csrf("/local", "/local/events/glos/enter", &[]).await.status.as_u16(), 403);
        // An admin can step in, and even a phase change does not make it public.
        admin.get("/e/glos/organise").await.assert_status(200);
        admin.set_phase("glos", "pitching").await;
        assert_hidden(&app, "glos").await;

        review(&admin, "glos", "approve", "Have a great day").await.assert_redirect_to("/admin");
        let mine = gill.get("/local").await;
        // Approved: it says where the event stands (see umbrella_pages) and offers to run it.
        assert!(mine.body.contains("Run this event") && mine.body.contains("Have a great day"), "{}", mine.body);
        assert!(!mine.body.contains("Waiting for approval"), "{}", mine.body);
        gill.post_with_csrf("/local", "/local/events/glos/enter", &[]).await.assert_redirect_to("/e/glos/organise");
        let console = gill.get("/e/glos/organise").await;
        console.assert_status(200);
        assert!(console.body.contains("Gill Local"), "she is the event's organiser");
        let co = gill.post_with_csrf("/e/glos/organise", "/e/glos/organise/people", &[("name", "Cora Co"), ("role", "organiser")]).await;
        co.assert_status(200);
        assert!(co.body.contains("/signin/"), "a co-organiser's link");
        let judge = gill.post_with_csrf("/e/glos/organise", "/e/glos/organise/people", &[("name", "Jude Judge"), ("role", "judge")]).await;
        judge.assert_status(200);
        gill.set_phase("glos", "team_forming").await;
        assert!(app.visitor().get("/e/glos").await.body.contains("Hack day glos"), "approved and open: public");
        // Her power stops at her event's edge.
        gill.get("/e/leeds/organise").await.assert_status(403);
        assert_eq!(review(&admin, "glos", "decline", "").await.status.as_u16(), 422, "a reviewed event is not reviewed again");
    }

    async fn a_declined_event_stays_hidden_and_its_proposer_reads_the_note(app: TestApp) {
        let admin = app.admin().await;
        let gill = invite_local(&app, &admin, "Gill Local", "").await;
        propose(&gill, "nope", "Europe/London", "blank", "2026-12-05T09:00").await.assert_status(200);
        let bad = review(&admin, "nope", "maybe", "").await;
        bad.assert_status(422);
        assert!(bad.body.contains("Approve or decline the event"));
        review(&admin, "nope", "decline", "Too close to the Leeds event <b>sorry</b>").await.assert_redirect_to("/admin");
        let mine = gill.get("/local").await;
        assert!(mine.body.contains("Declined"));
        assert!(mine.body.contains("Too close to the Leeds event &lt;b&gt;sorry&lt;/b&gt;"), "the note, escaped");
        assert!(!mine.body.contains("Run this event"));
        admin.set_phase("nope", "pitching").await;
        assert_hidden(&app, "nope").await;
    }

    async fn proposals_with_mistakes_are_refused_next_to_their_fields_and_make_nothing(app: TestApp) {
        let admin = app.admin().await;
        let gill = invite_local(&app, &admin, "Gill Local", "gill@example.org").await;
        let bad = propose(&gill, "Bad Slug", "Mars/Olympus", "event:secret", "").await;
        bad.assert_status(422);
        assert!(bad.body.contains("Give the time zone as its IANA name"), "{}", bad.body);
        assert!(bad.body.contains("When does it start?"));
        assert!(bad.body.contains("Use only letters, digits and dashes"));
        assert!(bad.body.contains("value=\"Mars/Olympus\""), "the typed zone is kept");
        // A template the proposer may not see is as if it did not exist.
        let _secret = create_event(&app, &admin, "secret", &[]).await;
        let hidden = propose(&gill, "glos", "Europe/London", "event:secret", "2026-12-05T09:00").await;
        hidden.assert_status(422);
        assert!(hidden.body.contains("Choose a template from the list"));
        assert!(!gill.get("/local").await.body.contains("Copy the set-up of Event secret"), "a draft is not offered");
        assert!(gill.get("/local").await.body.contains("None yet"), "nothing was made");
        let again = invite_local_refused(&admin).await;
        assert!(again.contains("Another local organiser has this email address"));
    }

    async fn a_local_organiser_signs_in_with_a_password_and_guesses_are_rate_limited(app: TestApp) {
        let admin = app.admin().await;
        let gill = invite_local(&app, &admin, "Gill Local", "gill@example.org").await;
        let short = gill.post_with_csrf("/local", "/local/password", &[("password", "short")]).await;
        short.assert_status(422);
        assert!(short.body.contains("at least 10 characters"));
        let set = gill.post_with_csrf("/local", "/local/password", &[("password", "a long enough secret")]).await;
        set.assert_status(200);
        assert!(set.body.contains("Your password is set"));
        let phone = app.visitor();
        let csrf = phone.get("/local/login").await.csrf();
        let wrong = phone.post("/local/login", &[("csrf", &csrf), ("login", "gill@example.org"), ("password", "not the secret")]).await;
        wrong.assert_status(403);
        assert!(wrong.body.contains("do not match") && wrong.body.contains("value=\"gill@example.org\""));
        phone.post("/local/login", &[("csrf", &csrf), ("login", "Gill Local"), ("password", "a long enough secret")]).await.assert_redirect_to("/local");
        assert!(phone.get("/local").await.body.contains("Signed in as Gill Local"));
        let guesser = app.visitor();
        let csrf = guesser.get("/local/login").await.csrf();
        let mut statuses = vec![];
        for _ in 0..8 {
            statuses.push(guesser.post("/local/login", &[("csrf", &csrf), ("login", "gill@example.org"), ("password", "guess guess guess")]).await.status.as_u16());
        }
        assert!(statuses.contains(&429), "password guesses are limited like sign-in links: {statuses:?}");
        app.visitor().get("/local").await.assert_status(403);
    }
}

async fn invite_local_refused(admin: &User) -> String {
    let page = admin
        .post_with_csrf(
            "/admin",
            "/admin/local-organisers",
            &[("name", "Gill Two"), ("email", "GILL@example.org")],
        )
        .await;
    page.assert_status(422);
    page.body
}
