//! Sessions end: a cookie copied before sign-out, a new sign-in link or a
//! revocation stops working (over HTTP and the live socket, on every
//! instance), and a session expires 30 days after sign-in.

use crate::helpers::{Page, TestApp, User, extract_between};
use crate::ws::WsClient;
use hackday::store::connection;

/// A browser that replays a cookie copied from someone else's, and never
/// takes a new one.
struct Copied {
    client: reqwest::Client,
    base: String,
    cookie: String,
}

impl Copied {
    fn of(user: &User, base: &str) -> Copied {
        Copied {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("a client"),
            base: base.to_string(),
            cookie: user.cookie_header().expect("the user has a cookie"),
        }
    }

    /// The copied cookie in a user of its own, to open a live socket with.
    fn as_user(&self) -> User {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let url = self.base.parse().expect("a base URL");
        for cookie in self.cookie.split("; ") {
            jar.add_cookie_str(cookie, &url);
        }
        User {
            client: self.client.clone(),
            base: self.base.clone(),
            jar,
        }
    }

    async fn get(&self, path: &str) -> Page {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .header("Cookie", &self.cookie)
            .send()
            .await
            .expect("GET succeeds");
        let status = response.status();
        Page {
            status,
            location: None,
            body: response.text().await.expect("a body"),
        }
    }
}

async fn sign_out(user: &User, from: &str) {
    user.post_with_csrf(from, "/signout", &[])
        .await
        .assert_redirect_to("/");
}

/// Appoints someone and returns them signed in with their link, and the link.
async fn appoint(app: &TestApp, organiser: &User, name: &str, role: &str) -> (User, String) {
    let page = organiser
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/people",
            &[("name", name), ("role", role)],
        )
        .await;
    page.assert_status(200);
    let link = extract_between(&page.body, &format!("{}/signin/", app.address), "\"")
        .expect("a sign-in link");
    let user = app.visitor();
    user.get(&format!("/signin/{link}")).await;
    (user, link)
}

/// The person id in the console's row for `name`.
async fn person_id(organiser: &User, name: &str) -> String {
    let console = organiser.get("/e/leeds/organise").await;
    let row = extract_between(&console.body, &format!("<li>{name} <span"), "</li>")
        .expect("the person is listed");
    extract_between(&row, "/organise/people/", "/").expect("a person id")
}

on_both_databases! {
    async fn a_cookie_copied_before_sign_out_stops_working_for_pages_and_the_live_socket(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let (judge, _) = appoint(&app, &organiser, "Judge Ada", "judge").await;
        let copy = Copied::of(&judge, &app.address);
        copy.get("/e/leeds/judge").await.assert_status(200);
        let copied_judge = copy.as_user();
        let mut socket = WsClient::connect(&app, "leeds", Some(&copied_judge)).await;
        let (hello, _) = socket.opening().await;
        assert_eq!(hello["name"], "Judge Ada", "the copy works before sign-out: {hello}");
        let copy_organiser = Copied::of(&organiser, &app.address);
        copy_organiser.get("/e/leeds/organise").await.assert_status(200);
        // The event page is served from memory, its visitors' sessions too:
        // seen signed in there just before the sign-out, and twice, so the
        // second look is the one kept.
        for _ in 0..2 {
            assert!(copy.get("/e/leeds").await.body.contains("Judge Ada"), "the copy is signed in on the event page");
        }

        sign_out(&judge, "/e/leeds").await;
        sign_out(&organiser, "/e/leeds/organise").await;
        let refused = copy.get("/e/leeds/judge").await;
        refused.assert_status(403);
        copy_organiser.get("/e/leeds/organise").await.assert_status(403);
        let page = copy.get("/e/leeds").await;
        assert!(!page.body.contains("Judge Ada"), "the copy is nobody now");

        let mut socket = WsClient::connect(&app, "leeds", Some(&copied_judge)).await;
        let (hello, _) = socket.opening().await;
        assert!(hello["you"].is_null(), "the live socket does not know the copy: {hello}");
    }

    async fn a_new_sign_in_link_ends_the_sessions_of_the_old_one(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let (judge, old_link) = appoint(&app, &organiser, "Judge Ada", "judge").await;
        let copy = Copied::of(&judge, &app.address);
        copy.get("/e/leeds/judge").await.assert_status(200);
        let id = person_id(&organiser, "Judge Ada").await;
        organiser
            .post_with_csrf("/e/leeds/organise", &format!("/e/leeds/organise/people/{id}/link"), &[("confirm", "1")])
            .await
            .assert_status(200);
        copy.get("/e/leeds/judge").await.assert_status(403);
        judge.get("/e/leeds/judge").await.assert_status(403);
        app.visitor().get(&format!("/signin/{old_link}")).await.assert_status(403);
        organiser.get("/e/leeds/organise").await.assert_status(200);

        // An attendee's own new link ends their other devices, not this one.
        let phone = app.attendee("leeds", "Sam", &["developer"]).await;
        let link = extract_between(&phone.get("/e/leeds/me").await.body, "/signin/", "\"").expect("a personal link");
        let laptop = app.visitor();
        laptop.get(&format!("/signin/{link}")).await.assert_redirect_to("/e/leeds");
        laptop.get("/e/leeds/me").await.assert_status(200);
        assert!(laptop.get("/e/leeds").await.body.contains("class=\"me\">Sam</a>"), "signed in on the event page");
        phone.post_with_csrf("/e/leeds/me", "/e/leeds/me/link", &[("confirm", "yes")]).await.assert_redirect_to("/e/leeds/me");
        laptop.get("/e/leeds/me").await.assert_status(403);
        assert!(!laptop.get("/e/leeds").await.body.contains("class=\"me\">Sam</a>"), "and nobody there at once");
        phone.get("/e/leeds/me").await.assert_status(200);
    }

    async fn revoking_an_organiser_ends_their_sessions_and_the_last_organiser_stays(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let (oona, link) = appoint(&app, &organiser, "Oona", "organiser").await;
        let copy = Copied::of(&oona, &app.address);
        copy.get("/e/leeds/organise").await.assert_status(200);
        let console = organiser.get("/e/leeds/organise").await;
        assert!(console.body.contains("/revoke\""), "the console has a revoke button");
        let id = person_id(&organiser, "Oona").await;
        organiser
            .post_with_csrf("/e/leeds/organise", &format!("/e/leeds/organise/people/{id}/revoke"), &[("confirm", "1")])
            .await
            .assert_redirect_to("/e/leeds/organise");
        copy.get("/e/leeds/organise").await.assert_status(403);
        oona.get("/e/leeds/organise").await.assert_status(403);
        app.visitor().get(&format!("/signin/{link}")).await.assert_status(403);
        let log = organiser.get("/e/leeds/organise").await;
        assert!(log.body.contains("revoked Oona (organiser)"), "the audit log records it");
        assert!(!log.body.contains("<li>Oona <span"), "Oona is no longer listed");

        let me = person_id(&organiser, "Olu Organiser").await;
        let refused = organiser
            .post_with_csrf("/e/leeds/organise", &format!("/e/leeds/organise/people/{me}/revoke"), &[("confirm", "1")])
            .await;
        refused.assert_status(422);
        assert!(refused.body.contains("at least one organiser"), "{}", refused.body);
        assert!(refused.body.contains("class=\"field-error\""), "the message is on the console");
        organiser.get("/e/leeds/organise").await.assert_status(200);
    }

    async fn a_session_expires_thirty_days_after_sign_in(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        organiser.get("/e/leeds/organise").await.assert_status(200);
        let mut conn = connection::establish_first(&app.database_url, connection::SqliteSync::Full)
            .expect("a connection to the test database");
        let age = |days: i64| chrono::Utc::now().naive_utc() - chrono::Duration::days(days);
        use diesel::RunQueryDsl;
        diesel::sql_query("UPDATE sessions SET created_at = $1")
            .bind::<diesel::sql_types::Timestamp, _>(age(29))
            .execute(&mut conn)
            .expect("age the sessions");
        organiser.get("/e/leeds/organise").await.assert_status(200);
        diesel::sql_query("UPDATE sessions SET created_at = $1")
            .bind::<diesel::sql_types::Timestamp, _>(age(31))
            .execute(&mut conn)
            .expect("age the sessions");
        organiser.get("/e/leeds/organise").await.assert_status(403);
    }

    async fn an_admin_cookie_copied_before_sign_out_stops_working(app: TestApp) {
        let admin = app.admin().await;
        let copy = Copied::of(&admin, &app.address);
        copy.get("/admin").await.assert_status(200);
        sign_out(&admin, "/admin").await;
        copy.get("/admin").await.assert_status(403);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ended_on_one_instance_is_ended_on_the_other() {
    let a = TestApp::spawn(crate::helpers::Db::Postgres).await;
    let organiser = a.event_in_phase("leeds", "pitching").await;
    let b = a.another_instance().await;
    let (judge, _) = appoint(&a, &organiser, "Judge Ada", "judge").await;
    let (oona, _) = appoint(&a, &organiser, "Oona", "organiser").await;
    let judge_on_b = Copied::of(&judge, &b.address);
    let oona_on_b = Copied::of(&oona, &b.address);
    let organiser_on_b = Copied::of(&organiser, &b.address);
    judge_on_b.get("/e/leeds/judge").await.assert_status(200);
    oona_on_b.get("/e/leeds/organise").await.assert_status(200);
    organiser_on_b
        .get("/e/leeds/organise")
        .await
        .assert_status(200);

    let judge_id = person_id(&organiser, "Judge Ada").await;
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            &format!("/e/leeds/organise/people/{judge_id}/link"),
            &[("confirm", "1")],
        )
        .await
        .assert_status(200);
    judge_on_b.get("/e/leeds/judge").await.assert_status(403);

    let oona_id = person_id(&organiser, "Oona").await;
    organiser
        .post_with_csrf(
            "/e/leeds/organise",
            &format!("/e/leeds/organise/people/{oona_id}/revoke"),
            &[("confirm", "1")],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
    oona_on_b.get("/e/leeds/organise").await.assert_status(403);

    sign_out(&organiser, "/e/leeds/organise").await;
    organiser_on_b
        .get("/e/leeds/organise")
        .await
        .assert_status(403);

    // The event page is served from B's memory, its visitors' sessions
    // too; a sign-out on A changes no event, yet B knows of it at once.
    let sam = a.attendee("leeds", "Sam", &["developer"]).await;
    let sam_on_b = Copied::of(&sam, &b.address);
    for _ in 0..2 {
        let page = sam_on_b.get("/e/leeds").await;
        assert!(page.body.contains("class=\"me\">Sam</a>"), "signed in on B");
    }
    sign_out(&sam, "/e/leeds").await;
    let page = sam_on_b.get("/e/leeds").await;
    assert!(
        !page.body.contains("class=\"me\">Sam</a>"),
        "nobody on B at once"
    );
}
