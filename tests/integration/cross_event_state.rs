//! What event `leeds` is, read straight from the database, for the
//! cross-event matrix: a fingerprint that any change to it changes, and the
//! ids its forms need.

use diesel::RunQueryDsl;
use diesel::sql_types::{BigInt, Bool, Integer, Text};
use hackday::store::connection;

#[derive(diesel::QueryableByName, Debug, PartialEq)]
pub struct EventRow {
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
pub fn fingerprint(url: &str) -> (Vec<EventRow>, Vec<(String, i64)>) {
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

/// The ids the forms name, read from event `leeds` before anything is sent.
pub fn ids(url: &str) -> [(&'static str, String); 9] {
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
    [
        ("{project}", project),
        ("{other_project}", other_project),
        ("{announcement}", announcement),
        ("{attendee}", attendee),
        ("{judge}", judge),
        ("{other_judge}", other_judge),
        ("{criterion}", criterion),
        ("{prize}", prize),
        ("{item}", item),
    ]
}
