//! Request logs, read from a real server process: one line per request with
//! its id (also sent back as `x-request-id`), no secret ever, and a failed
//! request logged once with its cause chain and route.

use crate::helpers::{Db, extract_between};
use crate::served::Served;
use diesel::{Connection, RunQueryDsl};
use serde_json::Value;

/// A request made with a fresh client, as (request id, status).
async fn request(served: &Served, path: &str) -> (String, u16) {
    let response = served
        .visitor()
        .client
        .get(format!("{}{path}", served.address))
        .send()
        .await
        .expect("GET succeeds");
    let id = response
        .headers()
        .get("x-request-id")
        .expect("every response carries its request id")
        .to_str()
        .expect("an ASCII id")
        .to_string();
    (id, response.status().as_u16())
}

/// Signs up an attendee and returns their personal sign-in token.
async fn attendee_token(served: &Served, slug: &str) -> String {
    let attendee = served.visitor();
    let page = attendee.get(&format!("/e/{slug}")).await;
    attendee
        .post(
            &format!("/e/{slug}/join"),
            &[
                ("csrf", &page.csrf()),
                ("name", "Pat Patient"),
                ("skills", "patient"),
                ("conduct", "yes"),
            ],
        )
        .await
        .assert_redirect_to(&format!("/e/{slug}/me"));
    let me = attendee.get(&format!("/e/{slug}/me")).await;
    extract_between(&me.body, "/signin/", "\"").expect("a personal link")
}

async fn every_request_is_one_json_line_with_its_id_and_no_secret(db: Db) {
    let served = Served::start(db, &["--log-format", "json"]).await;
    let setup_token = served.setup_token.clone().expect("a setup link");
    let (organiser, organiser_token) = served.event("logs").await;
    organiser.set_phase("logs", "pitching").await;
    let attendee_token = attendee_token(&served, "logs").await;
    let checks = [
        ("/".to_string(), "/"),
        ("/e/logs?code=querysecret123".into(), "/e/logs"),
        (
            format!("/signin/{attendee_token}?next=x"),
            "/signin/{token}",
        ),
        (format!("/signin/{organiser_token}"), "/signin/{token}"),
        (
            "/admin/signin/adminsecret456".into(),
            "/admin/signin/{token}",
        ),
        (
            format!("/admin/setup/{setup_token}"),
            "/admin/setup/{token}",
        ),
        ("/no/such/page".into(), "/no/such/page"),
    ];
    let mut made = Vec::new();
    for (path, logged_as) in &checks {
        let (id, status) = request(&served, path).await;
        made.push((id, status, *logged_as));
    }
    let ids: Vec<&str> = made.iter().map(|m| m.0.as_str()).collect();
    let log = served
        .wait_for_log(|log| ids.iter().all(|id| log.contains(id)))
        .await;
    let lines: Vec<Value> = log
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    let request_lines: Vec<&Value> = lines.iter().filter(|l| l["message"] == "request").collect();
    let mut seen: Vec<&str> = request_lines
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    seen.sort();
    let before = seen.len();
    seen.dedup();
    assert_eq!(
        seen.len(),
        before,
        "a request id on two request lines:\n{log}"
    );
    assert!(
        before > made.len(),
        "set-up requests are logged too:\n{log}"
    );
    for (id, status, path) in &made {
        let mine: Vec<&&Value> = request_lines.iter().filter(|l| l["id"] == *id).collect();
        assert_eq!(mine.len(), 1, "one line for request {id}:\n{log}");
        let line = mine[0];
        assert_eq!(line["path"], *path, "{line}");
        assert_eq!(line["status"], *status, "{line}");
        assert_eq!(line["method"], "GET", "{line}");
        assert!(line["ms"].as_f64().is_some(), "a time: {line}");
    }
    for secret in [
        setup_token.as_str(),
        organiser_token.as_str(),
        attendee_token.as_str(),
        "querysecret123",
        "adminsecret456",
    ] {
        assert!(
            !log.contains(secret),
            "the log shows a secret ({secret}):\n{log}"
        );
    }
}

/// Renames a table behind the server's back, so its next query fails.
fn break_the_events_table(db: Db, url: &str) {
    let sql = "ALTER TABLE events RENAME TO events_gone";
    match db {
        Db::Sqlite => {
            let mut conn = diesel::SqliteConnection::establish(url).expect("open SQLite");
            diesel::sql_query(sql).execute(&mut conn).expect("rename");
        }
        Db::Postgres => {
            let mut conn = diesel::PgConnection::establish(url).expect("open PostgreSQL");
            diesel::sql_query(sql).execute(&mut conn).expect("rename");
        }
    }
}

async fn a_failed_request_is_logged_once_in_text_with_its_cause_and_route(db: Db) {
    let served = Served::start(db, &["--log-format", "text"]).await;
    let (_organiser, organiser_token) = served.event("broken").await;
    let (sign_in, _) = request(&served, &format!("/signin/{organiser_token}")).await;
    break_the_events_table(db, &served.database_url);
    let (failed, status) = request(&served, "/e/broken").await;
    assert_eq!(status, 500);
    let log = served
        .wait_for_log(|log| log.contains(&failed) && log.contains(&sign_in))
        .await;
    let sign_in_lines: Vec<&str> = log.lines().filter(|l| l.contains(&sign_in)).collect();
    assert_eq!(sign_in_lines.len(), 1, "{log}");
    assert!(sign_in_lines[0].contains("path=/signin/{token}"), "{log}");
    let failed_lines: Vec<&str> = log.lines().filter(|l| l.contains(&failed)).collect();
    assert_eq!(failed_lines.len(), 1, "the failure is logged once:\n{log}");
    let line = failed_lines[0];
    assert!(
        line.contains("ERROR") && line.contains("request failed"),
        "{line}"
    );
    assert!(
        line.contains("route=/e/{slug}") && line.contains("status=500"),
        "{line}"
    );
    let cause = match db {
        Db::Sqlite => "no such table: events",
        Db::Postgres => "relation \"events\" does not exist",
    };
    assert!(
        line.contains("database query failed") && line.contains(cause),
        "{line}"
    );
    assert_eq!(
        log.matches(cause).count(),
        1,
        "the cause appears once:\n{log}"
    );
    assert!(
        !log.contains(&organiser_token),
        "the log shows a token:\n{log}"
    );
}

mod every_request_is_logged_once_as_json_with_its_id_and_no_secret {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        every_request_is_one_json_line_with_its_id_and_no_secret(Db::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        every_request_is_one_json_line_with_its_id_and_no_secret(Db::Postgres).await
    }
}

mod a_failed_request_is_logged_once_with_its_cause_chain_and_route {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        a_failed_request_is_logged_once_in_text_with_its_cause_and_route(Db::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        a_failed_request_is_logged_once_in_text_with_its_cause_and_route(Db::Postgres).await
    }
}
