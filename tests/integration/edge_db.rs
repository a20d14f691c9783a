//! The database out of reach (PostgreSQL: a test database that stops
//! accepting connections; the machine's server keeps running): pages say so
//! plainly and quickly, the live channel tells its clients, and all recovers
//! by itself when the database is back.

#[allow(unused_imports)]
use crate::helpers::*;
use crate::ws::WsClient;
use diesel::{Connection, RunQueryDsl};
use std::time::{Duration, Instant};

/// Lets the test database accept connections or not; when not, also ends
/// the ones it has.
fn allow_connections(app: &TestApp, allow: bool) {
    let (server, name) = app.database_url.rsplit_once('/').expect("a database URL");
    let mut admin = diesel::PgConnection::establish(&format!("{server}/postgres"))
        .expect("connect to postgres");
    diesel::sql_query(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS {allow}"))
        .execute(&mut admin)
        .expect("alter the test database");
    if !allow {
        diesel::sql_query(format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
        ))
        .execute(&mut admin)
        .expect("end the test database's connections");
    }
}

async fn next_status(ws: &mut WsClient) -> serde_json::Value {
    loop {
        let message = ws.next().await.expect("the socket stays open");
        if message["type"] == "status" {
            return message;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_postgres_is_out_of_reach_pages_say_so_at_once_and_live_clients_are_told() {
    let app = TestApp::spawn(Db::Postgres).await;
    let _organiser = app.event_in_phase("leeds", "pitching").await;
    let mut ws = WsClient::connect(&app, "leeds", None).await;
    ws.opening().await;
    allow_connections(&app, false);
    let visitor = app.visitor();

    let first = visitor.get("/e/leeds").await;
    first.assert_status(503);
    assert!(
        first.body.contains("cannot reach its database") && first.body.contains("retrying"),
        "{}",
        first.body
    );
    let asked = Instant::now();
    let second = visitor.get("/e/leeds").await;
    let took = asked.elapsed();
    second.assert_status(503);
    assert!(
        second.body.contains("cannot reach its database"),
        "{}",
        second.body
    );
    assert!(
        took < Duration::from_secs(2),
        "once known, it answers at once (took {took:?}, the pool waits 5 s)"
    );
    visitor.get("/healthz").await.assert_status(503);

    let down = next_status(&mut ws).await;
    assert_eq!(down["database"], "down");
    assert!(
        down["message"]
            .as_str()
            .unwrap()
            .contains("cannot reach its database"),
        "{down}"
    );

    allow_connections(&app, true);
    let back = Instant::now();
    loop {
        if visitor.get("/e/leeds").await.status.as_u16() == 200 {
            break;
        }
        assert!(
            back.elapsed() < Duration::from_secs(20),
            "the server recovers by itself"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let up = next_status(&mut ws).await;
    assert_eq!(up["database"], "up");
    assert_eq!(up["message"], "");
}
