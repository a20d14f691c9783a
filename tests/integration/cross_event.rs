//! The cross-event authorisation matrix: the organiser of one event tries
//! every organiser, judge and export route of another event (the list is
//! read from the route table, so a new route cannot be forgotten) and is
//! refused each time with the other event unchanged; the other event's own
//! organiser, sending the same forms, does change it (so the forms are real).

use crate::helpers::*;
use diesel::RunQueryDsl;
use diesel::sql_types::{BigInt, Bool, Integer, Text};
use hackday::store::connection;

/// Every `(method, path)` of the `/e/{slug}` scope, read from the route table.
pub fn event_routes() -> Vec<(String, String)> {
    let text = std::fs::read_to_string("src/web/mod.rs").expect("the route table");
    let scope = &text[text
        .find("web::scope(\"/e/{slug}\")")
        .expect("the event scope")..];
    let flat: String = scope.split_whitespace().collect();
    flat.split(".route(\"")
        .skip(1)
        .filter_map(|rest| {
            let (path, after) = rest.split_once('"')?;
            let method = after.strip_prefix(",web::")?.split('(').next()?;
            Some((method.to_uppercase(), path.to_string()))
        })
        .collect()
}

/// Routes anyone may use at any event, so not refused: the event's pages,
/// signing up (which makes the person an attendee there, nothing more).
const PUBLIC: &[&str] = &[
    "GET ",
    "GET /me",
    "GET /me/link",
    "GET /pitch",
    "GET /p/{id}",
    "GET /p/{id}/edit",
    "GET /display",
    "GET /live",
    "GET /projects",
    "GET /vote",
    "POST /join",
];

#[derive(diesel::QueryableByName, Debug, PartialEq)]
struct EventRow {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    phase: String,
    #[diesel(sql_type = Integer)]
    team_size_cap: i32,
    #[diesel(sql_type = BigInt)]
    version: i64,
    #[diesel(sql_type = Bool)]
    judging_open: bool,
    #[diesel(sql_type = Bool)]
    voting_open: bool,
    #[diesel(sql_type = Text)]
    scene: String,
    #[diesel(sql_type = Text)]
    voter_rule: String,
    #[diesel(sql_type = BigInt)]
    timer_ms: i64,
    #[diesel(sql_type = BigInt)]
    presenting: i64,
}

#[derive(diesel::QueryableByName)]
struct Number {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// What the event `leeds` is, read straight from the database: its row and
/// the number of every kind of thing under it.
fn fingerprint(url: &str) -> (Vec<EventRow>, Vec<(String, i64)>) {
    let mut conn = connection::establish(url, connection::SqliteSync::Full).expect("a connection");
    let row = diesel::sql_query(
        "SELECT name, phase, team_size_cap, version, judging_open, voting_open, \
         COALESCE(display_scene, '') AS scene, voter_rule, timer_remaining_ms AS timer_ms, \
         COALESCE(now_presenting, 0) AS presenting FROM events WHERE slug = 'leeds'",
    )
    .load::<EventRow>(&mut conn)
    .expect("the event");
    let ev = "(SELECT id FROM events WHERE slug = 'leeds')";
    let counts = [
        (
            "schedule",
            format!("SELECT COUNT(*) AS n FROM schedule_items WHERE event_id = {ev}"),
        ),
        (
            "people",
            format!("SELECT COUNT(*) AS n FROM people WHERE event_id = {ev} AND revoked = false"),
        ),
        (
            "open projects",
            format!("SELECT COUNT(*) AS n FROM projects WHERE event_id = {ev} AND status = 'open'"),
        ),
        (
            "order",
            format!(
                "SELECT CAST(COALESCE(SUM(COALESCE(running_order, 0) * id), 0) AS BIGINT) AS n FROM projects WHERE event_id = {ev}"
            ),
        ),
        (
            "members",
            format!("SELECT COUNT(*) AS n FROM memberships WHERE event_id = {ev}"),
        ),
        (
            "criteria",
            format!("SELECT COUNT(*) AS n FROM criteria WHERE event_id = {ev}"),
        ),
        (
            "prizes",
            format!("SELECT COUNT(*) AS n FROM prizes WHERE event_id = {ev}"),
        ),
        (
            "scores",
            format!("SELECT COUNT(*) AS n FROM scores WHERE event_id = {ev}"),
        ),
        (
            "votes",
            format!("SELECT COUNT(*) AS n FROM votes WHERE event_id = {ev} AND voided = false"),
        ),
        (
            "submissions",
            format!(
                "SELECT COUNT(*) AS n FROM submissions WHERE project_id IN (SELECT id FROM projects WHERE event_id = {ev})"
            ),
        ),
        (
            "awards",
            format!(
                "SELECT COUNT(*) AS n FROM awards WHERE prize_id IN (SELECT id FROM prizes WHERE event_id = {ev})"
            ),
        ),
        (
            "conflicts",
            format!(
                "SELECT COUNT(*) AS n FROM conflicts WHERE project_id IN (SELECT id FROM projects WHERE event_id = {ev})"
            ),
        ),
        (
            "audit",
            format!("SELECT COUNT(*) AS n FROM audit_log WHERE event_id = {ev}"),
        ),
    ];
    let counts = counts
        .into_iter()
        .map(|(what, sql)| {
            let n = diesel::sql_query(sql)
                .get_result::<Number>(&mut conn)
                .expect(what)
                .n;
            (what.to_string(), n)
        })
        .collect();
    (row, counts)
}

fn first_id(url: &str, sql: &str) -> String {
    id_of(url, "MIN", sql)
}

fn id_of(url: &str, agg: &str, sql: &str) -> String {
    let mut conn = connection::establish(url, connection::SqliteSync::Full).expect("a connection");
    let sql = sql.replace("{ev}", "(SELECT id FROM events WHERE slug = 'leeds')");
    diesel::sql_query(format!("SELECT CAST({agg}(id) AS BIGINT) AS n FROM {sql}"))
        .get_result::<Number>(&mut conn)
        .expect("an id")
        .n
        .to_string()
}

/// One route of the matrix: the form that would change the event if the
/// sender were allowed, and whether B's organiser should see it work.
struct Try {
    route: &'static str,
    form: Vec<(&'static str, String)>,
    organiser_may: bool,
}

fn t(route: &'static str, form: &[(&'static str, &str)], organiser_may: bool) -> Try {
    Try {
        route,
        form: form.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        organiser_may,
    }
}

/// The matrix; destructive changes last, so B's own organiser can run it in order.
fn matrix(url: &str) -> Vec<Try> {
    let project = first_id(url, "projects WHERE event_id = {ev} AND status = 'open'");
    // The last to sign up: Sam, in no team yet.
    let attendee = id_of(
        url,
        "MAX",
        "people WHERE event_id = {ev} AND role = 'attendee'",
    );
    let judge = first_id(url, "people WHERE event_id = {ev} AND role = 'judge'");
    let other_judge = id_of(
        url,
        "MAX",
        "people WHERE event_id = {ev} AND role = 'judge'",
    );
    let criterion = first_id(url, "criteria WHERE event_id = {ev}");
    let prize = first_id(url, "prizes WHERE event_id = {ev}");
    let item = first_id(url, "schedule_items WHERE event_id = {ev}");
    let ids = [
        ("{project}", project.clone()),
        ("{attendee}", attendee),
        ("{judge}", judge),
        ("{other_judge}", other_judge),
        ("{criterion}", criterion),
        ("{prize}", prize),
        ("{item}", item),
    ];
    let mut list = vec![
        t("GET /organise", &[], true),
        t("GET /organise/order", &[], true),
        t("GET /organise/judging", &[], true),
        t("GET /organise/results", &[], true),
        t("GET /organise/votes", &[], true),
        t("GET /export/projects.csv", &[], true),
        t("GET /export/projects.json", &[], true),
        t("GET /export/scores.csv", &[], true),
        t("GET /judge", &[], false),
        t(
            "POST /organise/settings",
            &[
                ("name", "Hijacked"),
                ("venue", "Elsewhere"),
                ("team_size_cap", "9"),
                ("join_code", ""),
                ("starts_at", ""),
                ("ends_at", ""),
            ],
            true,
        ),
        t(
            "POST /organise/schedule",
            &[
                ("kind", "other"),
                ("label", "Hijack"),
                ("at", "2026-11-22T10:00"),
            ],
            true,
        ),
        t(
            "POST /organise/people",
            &[("name", "Mallory"), ("role", "organiser")],
            true,
        ),
        t(
            "POST /organise/people/{id}/link",
            &[("id", "{judge}")],
            true,
        ),
        t(
            "POST /organise/move",
            &[("person", "{attendee}"), ("to", "{project}")],
            true,
        ),
        t(
            "POST /organise/display/scene",
            &[("scene", "welcome")],
            true,
        ),
        t(
            "POST /organise/display/timer",
            &[("op", "start"), ("minutes", "5")],
            true,
        ),
        t("POST /organise/order", &[("op", "shuffle")], true),
        t(
            "POST /organise/present",
            &[("op", "project"), ("project", "{project}")],
            true,
        ),
        t(
            "POST /organise/criteria",
            &[
                ("name", "Hijack"),
                ("description", ""),
                ("weight", "2"),
                ("scale_max", "5"),
            ],
            true,
        ),
        t("POST /organise/criteria/defaults", &[], false),
        t(
            "POST /organise/prizes",
            &[("name", "Hijack prize"), ("kind", "special")],
            true,
        ),
        t("POST /organise/judging/open", &[("voting", "open")], true),
        t("POST /organise/votes/rule", &[("rule", "everyone")], true),
        t(
            "POST /organise/votes/void",
            &[
                ("from", "2000-01-01T00:00:00"),
                ("to", "2100-01-01T00:00:00"),
            ],
            true,
        ),
        t(
            "POST /organise/results/{id}/winner",
            &[("id", "{prize}"), ("project", "{project}")],
            true,
        ),
        t(
            "POST /organise/results/{id}/reveal",
            &[("id", "{prize}"), ("show", "1")],
            true,
        ),
        t(
            "POST /p/{id}/edit",
            &[
                ("id", "{project}"),
                ("title", "Hijacked title"),
                ("problem", "x"),
            ],
            true,
        ),
        t(
            "POST /p/{id}/submission",
            &[
                ("id", "{project}"),
                ("repo_url", "https://github.com/evil/repo"),
            ],
            true,
        ),
        t(
            "POST /judge/p/{id}",
            &[("id", "{project}"), ("notes", "hijack")],
            false,
        ),
        t(
            "POST /judge/p/{id}/scores.json",
            &[("id", "{project}")],
            false,
        ),
        t(
            "POST /judge/p/{id}/conflict",
            &[("id", "{project}"), ("on", "1")],
            false,
        ),
        t(
            "POST /pitch",
            &[("title", "Hijack pitch"), ("problem", "x")],
            false,
        ),
        t("POST /p/{id}/join", &[("id", "{project}")], false),
        t("POST /leave", &[], false),
        t("POST /vote", &[("project", "{project}")], false),
        t("POST /me/link", &[], false),
        t(
            "POST /p/{id}/hide",
            &[("id", "{project}"), ("hidden", "1")],
            true,
        ),
        t(
            "POST /organise/schedule/{id}/delete",
            &[("id", "{item}")],
            true,
        ),
        t(
            "POST /organise/criteria/{id}/delete",
            &[("id", "{criterion}")],
            true,
        ),
        t(
            "POST /organise/prizes/{id}/delete",
            &[("id", "{prize}")],
            true,
        ),
        t(
            "POST /organise/judges/{id}/revoke",
            &[("id", "{judge}")],
            true,
        ),
        t(
            "POST /organise/people/{id}/revoke",
            &[("id", "{other_judge}")],
            true,
        ),
        t("POST /p/{id}/withdraw", &[("id", "{project}")], true),
        t("POST /organise/phase", &[("phase", "closed")], true),
    ];
    for entry in &mut list {
        for (_, value) in &mut entry.form {
            for (key, id) in &ids {
                *value = value.replace(key, id);
            }
        }
    }
    list
}

/// The path of a matrix entry at `slug`, with `{id}` filled in.
fn path_of(entry: &Try, slug: &str) -> (String, String, Vec<(&'static str, String)>) {
    let (method, route) = entry.route.split_once(' ').expect("METHOD path");
    let id = entry
        .form
        .iter()
        .find(|(k, _)| *k == "id")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let form = entry
        .form
        .iter()
        .filter(|(k, _)| *k != "id")
        .cloned()
        .collect();
    (
        method.to_string(),
        format!("/e/{slug}{}", route.replace("{id}", &id)),
        form,
    )
}

async fn send(user: &User, entry: &Try, slug: &str, csrf: &str) -> Page {
    let (method, path, form) = path_of(entry, slug);
    if method == "GET" {
        return user.get(&path).await;
    }
    let mut full: Vec<(&str, &str)> = vec![("csrf", csrf)];
    full.extend(form.iter().map(|(k, v)| (*k, v.as_str())));
    user.post(&path, &full).await
}

/// Two events and their organisers: `leeds` (B) full of people, pitches,
/// criteria, prizes, scores and a schedule; `alpha` (A) empty.
async fn two_events(app: &TestApp) -> (User, User) {
    let admin = app.admin().await;
    let organiser_a = crate::local_events::create_event(app, &admin, "alpha", &[]).await;
    let organiser_b = crate::local_events::create_event(app, &admin, "leeds", &[]).await;
    organiser_b.set_phase("leeds", "pitching").await;
    organiser_b
        .post_with_csrf(
            "/e/leeds/organise",
            "/e/leeds/organise/schedule",
            &[
                ("kind", "other"),
                ("label", "Lunch"),
                ("at", "2026-11-21T12:30"),
            ],
        )
        .await
        .assert_redirect_to("/e/leeds/organise");
    let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
    priya.pitch("leeds", "Ward bed board", "", &[]).await;
    let ben = app.attendee("leeds", "Ben", &["developer"]).await;
    ben.pitch("leeds", "Clinic texts", "", &[]).await;
    organiser_b.set_phase("leeds", "team_forming").await;
    app.attendee("leeds", "Sam", &["patient"]).await;
    crate::judging::judge(app, &organiser_b, "Judge Ada").await;
    crate::judging::judge(app, &organiser_b, "Judge Bo").await;
    for (path, form) in [
        ("/e/leeds/organise/criteria/defaults", vec![]),
        (
            "/e/leeds/organise/prizes",
            vec![("name", "Best in show"), ("kind", "judged")],
        ),
        ("/e/leeds/organise/judging/open", vec![("judging", "open")]),
    ] {
        organiser_b
            .post_with_csrf("/e/leeds/organise/judging", path, &form)
            .await
            .assert_redirect_to("/e/leeds/organise/judging");
    }
    (organiser_a, organiser_b)
}

#[test]
fn the_matrix_covers_every_organiser_judge_and_export_route_of_the_route_table() {
    let routes = event_routes();
    assert!(routes.len() > 40, "the route table was read: {routes:?}");
    let covered = matrix_routes();
    let missing: Vec<String> = routes
        .iter()
        .map(|(method, path)| format!("{method} {path}"))
        .filter(|key| !covered.contains(key) && !PUBLIC.contains(&key.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "routes the cross-event matrix does not try: {missing:?}"
    );
}

/// The routes the matrix tries, read from its source without a database.
fn matrix_routes() -> Vec<String> {
    let source = include_str!("cross_event.rs");
    source
        .match_indices("t(")
        .filter(|(at, _)| !source[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .filter_map(|(at, _)| source[at + 2..].trim_start().strip_prefix('"'))
        .filter_map(|rest| rest.split_once('"').map(|(route, _)| route.to_string()))
        .filter(|route| route.starts_with("GET ") || route.starts_with("POST "))
        .collect()
}

on_both_databases! {
    async fn an_organiser_of_one_event_is_refused_every_organiser_action_on_another(app: TestApp) {
        let (organiser_a, organiser_b) = two_events(&app).await;
        let csrf = organiser_a.get("/e/alpha/organise").await.csrf();
        let before = fingerprint(&app.database_url);
        let list = matrix(&app.database_url);
        assert_eq!(list.len(), matrix_routes().len(), "every entry is tried");
        for entry in &list {
            let reply = send(&organiser_a, entry, "leeds", &csrf).await;
            let status = reply.status.as_u16();
            if entry.route.starts_with("GET ") {
                assert!(matches!(status, 403 | 404), "{}: answered {status}", entry.route);
                assert!(!reply.body.contains("Ward bed board"), "{} shows B's projects", entry.route);
            } else {
                assert!(!(200..300).contains(&status), "{}: answered {status}", entry.route);
            }
            assert_eq!(fingerprint(&app.database_url), before, "{} changed event B", entry.route);
        }
        // A is still A's organiser: the refusals were about B only.
        organiser_a.get("/e/alpha/organise").await.assert_status(200);
        // The same forms from B's own organiser change B: they are real actions.
        let csrf_b = organiser_b.get("/e/leeds/organise").await.csrf();
        for entry in list.iter().filter(|e| e.organiser_may) {
            let seen = fingerprint(&app.database_url);
            let reply = send(&organiser_b, entry, "leeds", &csrf_b).await;
            let status = reply.status.as_u16();
            if entry.route.starts_with("GET ") {
                assert_eq!(status, 200, "{}: B's organiser reads it", entry.route);
            } else {
                assert!(matches!(status, 200 | 303), "{}: B's organiser got {status}: {}", entry.route, reply.body);
                assert_ne!(fingerprint(&app.database_url), seen, "{}: B's organiser changed nothing", entry.route);
            }
        }
    }

    async fn an_organiser_link_of_one_event_signs_in_to_that_event_only(app: TestApp) {
        let (organiser_a, _b) = two_events(&app).await;
        organiser_a.get("/e/leeds/organise").await.assert_status(403);
        let me = organiser_a.get("/e/leeds/me").await;
        assert!(!me.body.contains("Olu Organiser"), "A is nobody at B");
    }
}
