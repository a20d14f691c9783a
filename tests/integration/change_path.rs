//! The one write path: rules are checked against the event as read under
//! its lock, and a project's history holds only its team's submission saves.

use crate::helpers::{Page, TestApp, User};
use crate::teams::project_id;
use diesel::{Connection, RunQueryDsl};
use std::time::Duration;

/// A connection of the test's own to the app's database, holding the
/// event's write lock until `commit_phase` moves the event on.
enum LockHolder {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

impl LockHolder {
    fn lock(app: &TestApp, slug: &str) -> Self {
        let url = &app.database_url;
        if url.starts_with("postgres") {
            let mut conn = diesel::PgConnection::establish(url).expect("a PostgreSQL connection");
            diesel::sql_query("BEGIN")
                .execute(&mut conn)
                .expect("BEGIN");
            diesel::sql_query(format!(
                "SELECT id FROM events WHERE slug = '{slug}' FOR UPDATE"
            ))
            .execute(&mut conn)
            .expect("the event's row lock");
            LockHolder::Pg(conn)
        } else {
            let mut conn = diesel::SqliteConnection::establish(url).expect("an SQLite connection");
            diesel::sql_query("PRAGMA busy_timeout = 5000")
                .execute(&mut conn)
                .expect("busy timeout");
            diesel::sql_query("BEGIN IMMEDIATE")
                .execute(&mut conn)
                .expect("the write lock");
            LockHolder::Sqlite(conn)
        }
    }

    /// Waits until the server's request is blocked behind our lock (on
    /// PostgreSQL: a backend of this database waiting on a lock).
    async fn wait_for_a_blocked_writer(&mut self, app: &TestApp) {
        let LockHolder::Pg(_) = self else {
            // SQLite's writer waits in BEGIN IMMEDIATE; give it time to get there.
            tokio::time::sleep(Duration::from_millis(300)).await;
            return;
        };
        let mut watcher =
            diesel::PgConnection::establish(&app.database_url).expect("a second connection");
        for _ in 0..200 {
            #[derive(diesel::QueryableByName)]
            struct Waiting {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            let waiting: Waiting = diesel::sql_query(
                "SELECT count(*) AS n FROM pg_stat_activity \
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
            )
            .get_result(&mut watcher)
            .expect("pg_stat_activity");
            if waiting.n > 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("the server's write never waited for the event's lock");
    }

    fn commit_phase(self, slug: &str, phase: &str) {
        let sql = format!("UPDATE events SET phase = '{phase}' WHERE slug = '{slug}'");
        match self {
            LockHolder::Pg(mut conn) => {
                diesel::sql_query(sql).execute(&mut conn).expect("phase");
                diesel::sql_query("COMMIT")
                    .execute(&mut conn)
                    .expect("COMMIT");
            }
            LockHolder::Sqlite(mut conn) => {
                diesel::sql_query(sql).execute(&mut conn).expect("phase");
                diesel::sql_query("COMMIT")
                    .execute(&mut conn)
                    .expect("COMMIT");
            }
        }
    }
}

/// Sends `request` while the event is locked, moves the event to `phase`
/// and commits; answers the request's page.
async fn while_phase_changes<F>(app: &TestApp, phase: &str, request: F) -> Page
where
    F: std::future::Future<Output = Page> + Send + 'static,
{
    let mut holder = LockHolder::lock(app, "leeds");
    let pending = tokio::spawn(request);
    holder.wait_for_a_blocked_writer(app).await;
    holder.commit_phase("leeds", phase);
    pending.await.expect("the request finishes")
}

async fn pitch_form(user: &User) -> Vec<(String, String)> {
    let csrf = user.get("/e/leeds/pitch").await.csrf();
    vec![
        ("csrf".into(), csrf),
        ("title".into(), "Late idea".into()),
        ("problem".into(), "".into()),
    ]
}

async fn post_owned(user: User, path: String, form: Vec<(String, String)>) -> Page {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    user.post(&path, &form).await
}

on_both_databases! {
    async fn a_phase_change_committed_while_a_pitch_waits_for_the_lock_stops_the_pitch(app: TestApp) {
        let _organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let form = pitch_form(&priya).await;
        let page = while_phase_changes(&app, "hacking", post_owned(priya, "/e/leeds/pitch".into(), form)).await;
        assert_eq!(page.status.as_u16(), 422, "the pitch saw the phase as of the lock: {}", page.body);
        assert!(page.body.contains("Pitching is closed"));
        let board = app.visitor().get("/e/leeds").await;
        assert!(!board.body.contains("Late idea"), "no pitch was made");
    }

    async fn a_phase_change_committed_while_a_submission_waits_for_the_lock_stops_it(app: TestApp) {
        let organiser = app.event_in_phase("leeds", "pitching").await;
        let priya = app.attendee("leeds", "Priya", &["clinician"]).await;
        let project = project_id(&priya.pitch("leeds", "Ward bed board", "", &[]).await);
        organiser.set_phase("leeds", "hacking").await;
        let path = format!("/e/leeds/p/{project}");
        let csrf = priya.get(&path).await.csrf();
        let form = vec![
            ("csrf".to_string(), csrf),
            ("repo_url".to_string(), "https://github.com/nhs/beds".to_string()),
        ];
        let page = while_phase_changes(&app, "results", post_owned(priya, format!("{path}/submission"), form)).await;
        assert!(page.body.contains("Submissions are closed"), "refused under the lock: {} {}", page.status, page.body);
        let public = app.visitor().get(&path).await;
        assert!(!public.body.contains("github.com/nhs/beds"), "nothing was saved");
    }

    async fn a_judges_conflict_is_not_in_the_teams_submission_history(app: TestApp) {
        let j = crate::judging::set_up(&app).await;
        let [a, _, _] = j.projects;
        j.judge_a
            .post_with_csrf("/e/leeds/judge", &format!("/e/leeds/judge/p/{a}/conflict"), &[("on", "1")])
            .await
            .assert_redirect_to("/e/leeds/judge");
        // Sam is in project a's team and sees its history.
        let path = format!("/e/leeds/p/{a}");
        j.attendee
            .post_with_csrf(&path, &format!("{path}/submission"), &[("repo_url", "https://github.com/nhs/beds")])
            .await
            .assert_redirect_to(&path);
        let page = j.attendee.get(&path).await;
        assert!(page.body.contains("Sam (attendee) saved the demo submission"), "the team's own save is in its history");
        assert!(!page.body.contains("Judge Ada"), "no judge's name reaches the team: {}", page.body);
        assert!(!page.body.contains("conflict_declared") && !page.body.contains("declared a conflict"), "no conflict entry in the team's history");
        // The organisers' log still has it.
        let console = j.organiser.get("/e/leeds/organise").await;
        assert!(console.body.contains("Judge Ada"));
    }
}
