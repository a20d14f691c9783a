//! The cross-event authorisation matrix: the organiser of one event tries
//! every organiser, judge and export route of another event (the list is
//! read from the route table, so a new route cannot be forgotten) and is
//! refused each time with the other event unchanged; the other event's own
//! organiser, sending the same forms, does change it (so the forms are real).

use crate::helpers::*;
use diesel::RunQueryDsl;
use diesel::sql_types::{BigInt, Bool, Integer, Text};
use hackday::store::connection;

/// Every `(method, path)` of the `/e/{slug}` scope, read from the route
/// table, following each `.configure(…)` into the function it names (a page
/// module's `routes`), so a route registered there cannot hide.
pub fn event_routes() -> Vec<(String, String)> {
    let text = std::fs::read_to_string("src/web/mod.rs").expect("the route table");
    let scope = &text[text
        .find("web::scope(\"/e/{slug}\")")
        .expect("the event scope")..];
    routes_in(&scope.split_whitespace().collect::<String>())
}

/// The routes of flattened route-table code, with those of every function
/// it `.configure`s. Any other way to add routes (`.service(`) fails loudly,
/// as the reader would not see what it adds.
fn routes_in(flat: &str) -> Vec<(String, String)> {
    assert!(
        !flat.contains(".service(") && !flat.contains("web::resource("),
        "the event scope adds routes the matrix's reader does not follow: {flat}"
    );
    let mut routes: Vec<(String, String)> = flat
        .split(".route(\"")
        .skip(1)
        .filter_map(|rest| {
            let (path, after) = rest.split_once('"')?;
            let method = after.strip_prefix(",web::")?.split('(').next()?;
            Some((method.to_uppercase(), path.to_string()))
        })
        .collect();
    for rest in flat.split(".configure(").skip(1) {
        let name = rest.split(')').next().expect("a configured function");
        routes.extend(routes_in(&configured_fn(name)));
    }
    routes
}

/// The flattened body of a function passed to `.configure(…)`:
/// `module::routes` in `src/web/pages/module.rs`, or a plain name in
/// `src/web/mod.rs`.
fn configured_fn(name: &str) -> String {
    let (file, function) = match name.split_once("::") {
        Some((module, function)) => (format!("src/web/pages/{module}.rs"), function),
        None => ("src/web/mod.rs".to_string(), name),
    };
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let start = text
        .find(&format!("fn {function}("))
        .unwrap_or_else(|| panic!("no fn {function} in {file}"));
    let body = &text[start..];
    let end = body.find("\n}").expect("the end of the function");
    body[..end].split_whitespace().collect()
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
    "GET /poster",
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
            "pitchers",
            format!(
                "SELECT CAST(COALESCE(SUM(pitcher_id), 0) AS BIGINT) AS n FROM projects WHERE event_id = {ev}"
            ),
        ),
        (
            "scores left out",
            format!(
                "SELECT COUNT(*) AS n FROM people WHERE event_id = {ev} AND scores_excluded = true"
            ),
        ),
        (
            "announcements shown",
            format!(
                "SELECT COUNT(*) AS n FROM announcements WHERE event_id = {ev} AND cleared_at IS NULL"
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
    form: Vec<(String, String)>,
    organiser_may: bool,
}

fn t(route: &'static str, form: &[(&'static str, &str)], organiser_may: bool) -> Try {
    Try {
        route,
        form: form
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        organiser_may,
    }
}

/// The matrix; destructive changes last, so B's own organiser can run it in order.
fn matrix(url: &str) -> Vec<Try> {
    let project = first_id(url, "projects WHERE event_id = {ev} AND status = 'open'");
    let other_project = id_of(
        url,
        "MAX",
        "projects WHERE event_id = {ev} AND status = 'open'",
    );
    let announcement = first_id(url, "announcements WHERE event_id = {ev}");
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
        ("{other_project}", other_project),
        ("{announcement}", announcement),
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
        t("GET /people", &[], true),
        t("GET /organise/print", &[], true),
        t("GET /organise/print/sheets", &[], true),
        t("GET /organise/print/teams", &[], true),
        t("GET /organise/announcements", &[], true),
        t("GET /organise/merge", &[], true),
        t("GET /organise/paper-scores", &[], true),
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
            &[("id", "{judge}"), ("confirm", "1")],
            true,
        ),
        t(
            "POST /people/move",
            &[("person", "{attendee}"), ("to", "{other_project}")],
            true,
        ),
        t(
            "POST /organise/move",
            &[("person", "{attendee}"), ("to", "{project}")],
            true,
        ),
        // Sam, moved in just before, takes the pitch over from Priya.
        t(
            "POST /p/{id}/hand-over",
            &[("id", "{project}"), ("to", "{attendee}")],
            true,
        ),
        t(
            "POST /organise/announcements",
            &[("message", "Hijacked announcement")],
            true,
        ),
        t(
            "POST /organise/announcements/{id}/clear",
            &[("id", "{announcement}")],
            true,
        ),
        t("POST /organise/announcements/clear", &[], true),
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
        t(
            "POST /organise/paper-scores",
            &[
                ("judge", "{judge}"),
                ("project", "{project}"),
                ("c{criterion}", "3"),
            ],
            true,
        ),
        t(
            "POST /organise/merge",
            &[("keep", "{project}"), ("merge", "{other_project}")],
            true,
        ),
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
            &[("id", "{project}"), ("{criterion}", "3")],
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
        t("POST /me/link", &[("confirm", "yes")], false),
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
            "POST /organise/judges/{id}/revoke",
            &[("id", "{judge}"), ("confirm", "1")],
            true,
        ),
        // Ada, just revoked, entered paper scores above: leave them out, then keep them.
        t(
            "POST /organise/results/judges/{id}/scores",
            &[("id", "{judge}"), ("exclude", "1")],
            true,
        ),
        t(
            "POST /organise/results/judges/{id}/scores",
            &[("id", "{judge}"), ("exclude", "0")],
            true,
        ),
        t(
            "POST /organise/criteria/{id}/delete",
            &[("id", "{criterion}"), ("confirm", "1")],
            true,
        ),
        t(
            "POST /organise/prizes/{id}/delete",
            &[("id", "{prize}")],
            true,
        ),
        t(
            "POST /organise/people/{id}/revoke",
            &[("id", "{other_judge}"), ("confirm", "1")],
            true,
        ),
        t("POST /p/{id}/withdraw", &[("id", "{project}")], true),
        t(
            "POST /organise/phase",
            &[("phase", "pitching"), ("confirm", "1")],
            true,
        ),
        t("POST /organise/phase", &[("phase", "closed")], true),
    ];
    for entry in &mut list {
        for (name, value) in &mut entry.form {
            for (key, id) in &ids {
                *name = name.replace(key, id);
                *value = value.replace(key, id);
            }
        }
    }
    list
}

/// The path of a matrix entry at `slug`, with `{id}` filled in.
fn path_of(entry: &Try, slug: &str) -> (String, String, Vec<(String, String)>) {
    let (method, route) = entry.route.split_once(' ').expect("METHOD path");
    let id = entry
        .form
        .iter()
        .find(|(k, _)| k == "id")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let form = entry
        .form
        .iter()
        .filter(|(k, _)| k != "id")
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
    if path.ends_with("/scores.json") {
        return send_json(user, &path, &form, csrf).await;
    }
    let mut full: Vec<(&str, &str)> = vec![("csrf", csrf)];
    full.extend(form.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    user.post(&path, &full).await
}

/// The panel script's JSON request: the form's pairs as scores, the CSRF
/// token in its header.
async fn send_json(user: &User, path: &str, form: &[(String, String)], csrf: &str) -> Page {
    let scores: serde_json::Map<String, serde_json::Value> = form
        .iter()
        .map(|(k, v)| (k.clone(), v.parse::<i64>().expect("a score").into()))
        .collect();
    let response = user
        .client
        .post(format!("{}{path}", user.base))
        .header("X-CSRF-Token", csrf)
        .json(&serde_json::json!({ "scores": scores }))
        .send()
        .await
        .expect("POST succeeds");
    Page {
        status: response.status(),
        location: None,
        body: response.text().await.expect("a body"),
    }
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
    organiser_b
        .post_with_csrf(
            "/e/leeds/organise/announcements",
            "/e/leeds/organise/announcements",
            &[("message", "Lunch is in the atrium")],
        )
        .await
        .assert_redirect_to("/e/leeds/organise/announcements");
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
    for configured in [
        "POST /organise/announcements/{id}/clear",
        "POST /organise/merge",
        "GET /organise/print/sheets",
        "POST /organise/paper-scores",
    ] {
        assert!(
            routes.iter().any(|(m, p)| format!("{m} {p}") == configured),
            "the reader follows .configure(…) into page modules: {configured} in {routes:?}"
        );
    }
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
                // Refused for who A is at B, not turned away for a bad form.
                assert!(matches!(status, 403 | 404), "{}: answered {status}: {}", entry.route, reply.body);
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
