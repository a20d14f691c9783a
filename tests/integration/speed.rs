//! Pages from the in-memory read model, compression and static files: a
//! page reflects a change as soon as it is acknowledged (on one instance
//! and across two on PostgreSQL), compressed pages never carry the CSRF
//! token in the same bytes twice, and static files answer 304.

use crate::helpers::{Db, TestApp, User, extract_between};
use crate::teams::project_id;
use std::io::Read;

/// A GET as a browser sends it (gzip accepted), answered raw.
async fn get_gzip(user: &User, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = user
        .client
        .get(format!("{}{path}", user.base))
        .header("Accept-Encoding", "gzip, deflate, br");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("GET succeeds")
}

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("a valid gzip body");
    text
}

/// The same person on another instance (cookies do not depend on the port).
fn on(user: &User, app: &TestApp) -> User {
    User {
        client: user.client.clone(),
        base: app.address.clone(),
        jar: user.jar.clone(),
    }
}

on_both_databases! {
    async fn a_person_who_just_joined_sees_themselves_on_the_next_page(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let project = project_id(&organiser.pitch("leeds", "Bed board", "Beds", &["designer"]).await);
        organiser.set_phase("leeds", "team_forming").await;
        // Someone looks first, so the page is in memory before each change.
        let watcher = app.visitor();
        let team_size = |body: &str| extract_between(body, "class=\"display-size\">", " /").expect("a team size");
        let before = team_size(&watcher.get("/e/leeds/display").await.body);
        assert!(watcher.get("/e/leeds").await.body.contains("Bed board"));
        assert!(!watcher.get("/e/leeds").await.body.contains("Priya"));

        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let mine = priya.get("/e/leeds").await;
        assert!(mine.body.contains("class=\"me\">Priya</a>"), "she is signed in on the event page");
        assert!(watcher.get("/e/leeds").await.body.contains("1 signed up"), "the count of people includes her");

        priya
            .post_with_csrf("/e/leeds", &format!("/e/leeds/p/{project}/join"), &[])
            .await
            .assert_redirect_to("/e/leeds");
        let after = priya.get("/e/leeds").await;
        assert!(after.body.contains(">Leave</button>"), "her own team offers to leave");
        let seen = watcher.get("/e/leeds").await;
        assert!(seen.body.contains("Priya"), "everyone sees her in the team at once");
        let after = team_size(&watcher.get("/e/leeds/display").await.body);
        assert_eq!(after.parse::<i32>().unwrap(), before.parse::<i32>().unwrap() + 1, "the projector too");
    }

    async fn two_compressed_pages_never_carry_the_same_token_bytes_and_both_post(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let visitor = app.visitor();
        visitor.get("/e/leeds").await.assert_status(200);
        let mut tokens = Vec::new();
        let mut bodies = Vec::new();
        for _ in 0..2 {
            let response = get_gzip(&visitor, "/e/leeds", &[]).await;
            assert_eq!(response.headers()["content-encoding"], "gzip");
            let bytes = response.bytes().await.expect("a body").to_vec();
            let html = gunzip(&bytes);
            assert!(bytes.len() < html.len() * 3 / 4, "the page is compressed");
            tokens.push(extract_between(&html, "name=\"csrf\" value=\"", "\"").expect("a token"));
            bodies.push(bytes);
        }
        assert_ne!(tokens[0], tokens[1], "each response masks the token afresh");
        assert!(
            !bodies[1].windows(tokens[0].len()).any(|w| w == tokens[0].as_bytes()),
            "the second response does not carry the first one's token bytes"
        );
        // JSON is compressed too.
        let api = get_gzip(&visitor, "/api/v1/openapi.json", &[]).await;
        assert_eq!(api.status(), 200);
        assert_eq!(api.headers()["content-encoding"], "gzip");
        assert!(gunzip(&api.bytes().await.unwrap()).starts_with('{'));
        // A damaged token is refused; both masked tokens work.
        let mut forged = tokens[0].clone().into_bytes();
        forged[0] = if forged[0] == b'A' { b'B' } else { b'A' };
        let forged = String::from_utf8(forged).unwrap();
        let refused = visitor.post("/e/leeds/join", &[("csrf", &forged), ("name", "Mallory"), ("skills", "developer"), ("conduct", "yes")]).await;
        assert!(refused.status.is_client_error(), "a damaged token is refused");
        visitor
            .post("/e/leeds/join", &[("csrf", &tokens[0]), ("name", "Priya"), ("skills", "developer"), ("conduct", "yes")])
            .await
            .assert_redirect_to("/e/leeds/me");
        visitor.post("/signout", &[("csrf", &tokens[1])]).await.assert_redirect_to("/");
    }

    async fn a_page_the_browser_holds_answers_304_until_it_changes_and_only_for_its_visitor(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        organiser.pitch("leeds", "Bed board", "Beds", &["designer"]).await;
        let visitor = app.visitor();
        visitor.get("/e/leeds").await.assert_status(200);
        let first = get_gzip(&visitor, "/e/leeds", &[]).await;
        assert_eq!(first.status(), 200);
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        assert!(etag.starts_with("W/\""), "a weak ETag (each answer masks its token afresh): {etag}");
        assert_eq!(first.headers()["cache-control"], "private, no-cache", "kept by this browser, asked again each time");
        let held = get_gzip(&visitor, "/e/leeds", &[("If-None-Match", &etag)]).await;
        assert_eq!(held.status(), 304, "unchanged: the browser keeps its copy");
        assert_eq!(held.headers()["x-content-type-options"], "nosniff");
        assert!(held.headers().get("content-security-policy").is_none(), "a 304 leaves the held copy's headers as they are");
        assert!(held.bytes().await.unwrap().is_empty());

        let stranger = app.visitor();
        stranger.get("/e/leeds").await.assert_status(200);
        let theirs = get_gzip(&stranger, "/e/leeds", &[("If-None-Match", &etag)]).await;
        assert_eq!(theirs.status(), 200, "another browser's copy carries another token");

        app.attendee("leeds", "Priya", &["clinician"]).await;
        let changed = get_gzip(&visitor, "/e/leeds", &[("If-None-Match", &etag)]).await;
        assert_eq!(changed.status(), 200, "a change is sent at once");
        assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
        assert!(gunzip(&changed.bytes().await.unwrap()).contains("1 signed up"));
    }

    async fn a_signed_in_board_carries_its_token_once_however_many_teams(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        for n in 0..6 {
            let pitcher = app.attendee("leeds", &format!("Pitcher {n}"), &["developer"]).await;
            pitcher.pitch("leeds", &format!("Idea {n}"), "A problem", &["designer"]).await;
        }
        organiser.set_phase("leeds", "team_forming").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        priya.get("/e/leeds").await.assert_status(200);
        let response = get_gzip(&priya, "/e/leeds", &[]).await;
        assert_eq!(response.headers()["content-encoding"], "gzip", "the shared page, compressed in advance");
        let html = gunzip(&response.bytes().await.unwrap());
        let board = extract_between(&html, "id=\"board\">", "</ul>").expect("the board");
        assert_eq!(board.matches("form=\"team-action\"").count(), 6, "a Join on every team: {board}");
        assert_eq!(html.matches("id=\"team-action\"").count(), 1, "one form for them all");
        assert!(html.matches("name=\"csrf\"").count() <= 3, "the token is not repeated per team");
        let token = extract_between(&html, "id=\"team-action\" method=\"post\" action=\"/e/leeds/leave\" hidden><input type=\"hidden\" name=\"csrf\" value=\"", "\"")
            .expect("the shared form carries the token");
        let join = extract_between(&html, "formaction=\"", "\"").expect("a join button's address");
        priya.post(&join, &[("csrf", &token)]).await.assert_redirect_to("/e/leeds");
        assert!(priya.get("/e/leeds").await.body.contains(">Leave</button>"), "she joined with the board's one form");
    }

    async fn static_files_have_hashed_names_and_answer_304_to_a_conditional_request(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let visitor = app.visitor();
        let page = visitor.get("/e/leeds").await;
        let css = extract_between(&page.body, "<link rel=\"stylesheet\" href=\"", "\"").expect("a stylesheet");
        assert!(css.starts_with("/static/css/app.") && css.ends_with(".css") && css != "/static/css/app.css",
            "the stylesheet's name carries its hash: {css}");
        let first = get_gzip(&visitor, &css, &[]).await;
        assert_eq!(first.status(), 200);
        assert_eq!(first.headers()["cache-control"], "public, max-age=31536000, immutable");
        assert_eq!(first.headers()["content-encoding"], "gzip");
        let etag = first.headers()["etag"].to_str().unwrap().to_string();
        assert!(etag.starts_with('"') && !etag.starts_with("W/"), "a strong ETag: {etag}");
        let body = first.bytes().await.unwrap();
        assert!(gunzip(&body).contains("body"), "the stylesheet itself");

        let again = get_gzip(&visitor, &css, &[("If-None-Match", &etag)]).await;
        assert_eq!(again.status(), 304);
        assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
        assert!(again.bytes().await.unwrap().is_empty(), "a 304 has no body");

        let changed = get_gzip(&visitor, &css, &[("If-None-Match", "\"something-else\"")]).await;
        assert_eq!(changed.status(), 200, "another ETag gets the file");
        let old_name = visitor.get("/static/css/app.0123456789ab.css").await;
        assert_eq!(old_name.status, 200, "a page of the previous release still gets its stylesheet");
        let plain = visitor.client.get(format!("{}/static/css/app.css", visitor.base)).send().await.unwrap();
        assert!(plain.headers()["cache-control"].to_str().unwrap().contains("max-age=0"),
            "an unhashed name is revalidated, never kept for a year");
    }
}

/// Two instances on one PostgreSQL database: a change made through one is
/// on the other's pages as soon as the writer has its answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_on_one_instance_is_on_the_pages_of_another_at_once() {
    let a = TestApp::spawn(Db::Postgres).await;
    let _organiser = a.event_in_phase("leeds", "pitching").await;
    let b = a.another_instance().await;
    let watcher_on_b = b.visitor();
    for round in 0..5 {
        // B has the page in memory, then A changes it.
        watcher_on_b.get("/e/leeds").await.assert_status(200);
        let title = format!("Pitch number {round}");
        let pitcher = a
            .attendee("leeds", &format!("Pitcher {round}"), &["developer"])
            .await;
        let count = format!("{} signed up", round + 1);
        assert!(
            watcher_on_b.get("/e/leeds").await.body.contains(&count),
            "B counts the sign-up at once"
        );
        pitcher
            .pitch("leeds", &title, "A problem", &["designer"])
            .await;
        let seen = watcher_on_b.get("/e/leeds").await;
        assert!(seen.body.contains(&title), "B shows round {round} at once");
    }
    let priya = a.attendee("leeds", "Priya", &["clinician"]).await;
    let priya_on_b = on(&priya, &b);
    let page = priya_on_b.get("/e/leeds").await;
    assert!(page.body.contains("6 signed up"));
    assert!(
        page.body.contains("class=\"me\">Priya</a>"),
        "signed in on B at once"
    );
    b.stop().await;
}

/// Many requests at once on PostgreSQL share the reads of the event's
/// version, and every one of them that starts after a change on another
/// instance was acknowledged shows it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_at_once_on_postgres_all_see_a_change_acknowledged_before_them() {
    let a = TestApp::spawn(Db::Postgres).await;
    let _organiser = a.event_in_phase("leeds", "pitching").await;
    let b = a.another_instance().await;
    let watchers: Vec<User> = (0..40).map(|_| b.visitor()).collect();
    for round in 1..=3 {
        a.attendee("leeds", &format!("Person {round}"), &["developer"])
            .await;
        let count = format!("{round} signed up");
        let pages =
            futures_util::future::join_all(watchers.iter().map(|w| w.get("/e/leeds"))).await;
        for page in pages {
            page.assert_status(200);
            assert!(
                page.body.contains(&count),
                "every request sees round {round}"
            );
        }
    }
    b.stop().await;
}
