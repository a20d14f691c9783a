//! Backups: `hackday backup` on a live SQLite database under write load,
//! scheduled backups with rotation, and `hackday restore`, which refuses to
//! replace a running server's database; on PostgreSQL each points to
//! pg_dump / pg_restore.

use crate::helpers::{Db, TestApp, TestDatabase, User};
use crate::served::{BINARY, Served};
use hackday::config::{BackupSchedule, Settings};
use hackday::startup::Application;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// Runs the `hackday` command with `args`: (succeeded, standard error).
async fn hackday(args: &[&str]) -> (bool, String) {
    let run = tokio::process::Command::new(BINARY)
        .args(args)
        .env("RUST_LOG", "warn")
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .unwrap_or_else(|_| panic!("hackday {args:?} did not finish"))
        .expect("the hackday binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    (output.status.success(), stderr)
}

fn visitor_at(base: &str) -> User {
    let jar = Arc::new(reqwest::cookie::Jar::default());
    User {
        client: reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client"),
        base: base.to_string(),
        jar,
    }
}

fn title(n: usize) -> String {
    format!("Load idea {n:04}")
}

/// A new attendee of the event `load`, signed in.
async fn pitcher(base: &str, name: &str) -> User {
    let person = visitor_at(base);
    let page = person.get("/e/load").await;
    let form = [
        ("csrf", page.csrf()),
        ("name", name.into()),
        ("skills", "developer".into()),
        ("conduct", "yes".into()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    person
        .post("/e/load/join", &form)
        .await
        .assert_redirect_to("/e/load/me");
    person
}

/// Signs up one attendee per pitch and pitches until `stop`; `acked` counts
/// the pitches the server acknowledged (numbered in order from 0).
async fn keep_writing(base: String, acked: Arc<AtomicUsize>, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::SeqCst) {
        let n = acked.load(Ordering::SeqCst);
        pitcher(&base, &format!("Writer {n}"))
            .await
            .pitch("load", &title(n), "A problem worth solving", &["developer"])
            .await;
        acked.fetch_add(1, Ordering::SeqCst);
    }
}

/// Serves `database` in-process and returns the archive page's text and the
/// migrations the server had to apply.
async fn archive_of(database: &str) -> (String, Vec<String>) {
    let app = Application::build(Settings::for_tests(database))
        .await
        .expect("the copy opens");
    let applied = app.migrations_applied.clone();
    let address = format!("http://127.0.0.1:{}", app.port);
    let handle = app.server.handle();
    tokio::spawn(app.server);
    let page = visitor_at(&address).get("/e/load/projects").await;
    page.assert_status(200);
    handle.stop(false).await;
    (page.body, applied)
}

async fn backup_under_write_load(db: Db) {
    let app = TestApp::spawn(db).await;
    app.event_in_phase("load", "pitching").await;
    let folder = tempfile::tempdir().expect("a folder");
    let copy = folder.path().join("copy.sqlite3");
    let copy_arg = copy.to_str().expect("a UTF-8 path");
    if db == Db::Postgres {
        let (ok, stderr) =
            hackday(&["backup", copy_arg, "--database-url", &app.database_url]).await;
        assert!(!ok && stderr.contains("pg_dump"), "{stderr}");
        assert!(!copy.exists());
        return;
    }
    let acked = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = tokio::spawn(keep_writing(
        app.address.clone(),
        acked.clone(),
        stop.clone(),
    ));
    while acked.load(Ordering::SeqCst) < 5 {
        assert!(!writer.is_finished(), "the writer stopped early");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let acked_before = acked.load(Ordering::SeqCst);
    let (ok, stderr) = hackday(&["backup", copy_arg, "--database-url", &app.database_url]).await;
    let acked_after = acked.load(Ordering::SeqCst);
    assert!(ok, "the backup ran: {stderr}");
    stop.store(true, Ordering::SeqCst);
    writer.await.expect("the writer finishes");
    let (archive, applied) = archive_of(copy_arg).await;
    assert!(
        applied.is_empty(),
        "the copy's migrations are current: {applied:?}"
    );
    for n in 0..acked_before {
        assert!(
            archive.contains(&title(n)),
            "{} is missing from the copy",
            title(n)
        );
    }
    assert!(
        !archive.contains(&title(acked_after + 1)),
        "the copy holds no write made after the backup finished"
    );
    let (ok, stderr) = hackday(&["backup", copy_arg, "--database-url", &app.database_url]).await;
    assert!(
        !ok && stderr.contains("exists"),
        "an existing file is never overwritten: {stderr}"
    );
}

fn backups_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|name| name.ends_with(".sqlite3"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

async fn scheduled_backups(db: Db) {
    let folder = tempfile::tempdir().expect("a folder");
    let schedule = BackupSchedule {
        every: Duration::from_millis(200),
        dir: folder.path().to_path_buf(),
        keep: 2,
    };
    if db == Db::Postgres {
        let database = TestDatabase::create(db);
        let mut settings = Settings::for_tests(&database.url());
        settings.backup = Some(schedule);
        let refused = Application::build(settings).await.err().expect("refused");
        assert!(refused.to_string().contains("pg_dump"), "{refused}");
        return;
    }
    let app = TestApp::spawn_with(db, |s| s.backup = Some(schedule)).await;
    app.event_in_phase("load", "pitching").await;
    let mut first = None;
    for _ in 0..200 {
        let names = backups_in(folder.path());
        match (&first, names.first()) {
            (None, Some(name)) => first = Some(name.clone()),
            (Some(oldest), _) if !names.contains(oldest) => break,
            _ => {}
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let first = first.expect("a backup was written");
    let names = backups_in(folder.path());
    assert!(
        !names.contains(&first),
        "the oldest backup was rotated out: {names:?}"
    );
    assert_eq!(names.len(), 2, "the newest two are kept: {names:?}");
    for name in &names {
        assert!(
            name.starts_with("hackday-") && name.ends_with(".sqlite3"),
            "{name}"
        );
    }
    // The newest copy stays for two more periods: open a copy of it, away
    // from the rotation that keeps running.
    let elsewhere = tempfile::tempdir().expect("a folder");
    let newest = elsewhere.path().join("newest.sqlite3");
    std::fs::copy(folder.path().join(&names[1]), &newest).expect("copy the newest backup");
    let (archive, applied) = archive_of(newest.to_str().expect("UTF-8")).await;
    assert!(applied.is_empty(), "{applied:?}");
    assert!(
        archive.contains("Test Hack Day"),
        "the copy holds the event"
    );
}

async fn restore(db: Db) {
    if db == Db::Postgres {
        let database = TestDatabase::create(db);
        let (ok, stderr) =
            hackday(&["restore", "x.sqlite3", "--database-url", &database.url()]).await;
        assert!(!ok && stderr.contains("pg_restore"), "{stderr}");
        return;
    }
    let mut served = Served::start(db, &[]).await;
    let (organiser, _) = served.event("load").await;
    organiser.set_phase("load", "pitching").await;
    pitcher(&served.address, "Early")
        .await
        .pitch("load", &title(1), "Kept", &["developer"])
        .await;
    let folder = tempfile::tempdir().expect("a folder");
    let copy = folder.path().join("copy.sqlite3");
    let copy = copy.to_str().expect("UTF-8");
    let url = served.database_url.clone();
    assert!(hackday(&["backup", copy, "--database-url", &url]).await.0);
    pitcher(&served.address, "Late")
        .await
        .pitch("load", &title(2), "Lost on restore", &["developer"])
        .await;

    let (ok, stderr) = hackday(&["restore", copy, "--database-url", &url, "--force"]).await;
    assert!(
        !ok && stderr.contains("in use by a running hackday server"),
        "{stderr}"
    );
    let (ok, stderr) = hackday(&["serve", "--bind", "127.0.0.1:0", "--database-url", &url]).await;
    assert!(
        !ok && stderr.contains("in use"),
        "a second server is refused: {stderr}"
    );
    served.kill().await;
    let (ok, stderr) = hackday(&["restore", copy, "--database-url", &url]).await;
    assert!(!ok && stderr.contains("--force"), "{stderr}");
    let (ok, stderr) = hackday(&["restore", copy, "--database-url", &url, "--force"]).await;
    assert!(ok, "{stderr}");
    let (archive, applied) = archive_of(&url).await;
    assert!(applied.is_empty());
    assert!(archive.contains(&title(1)), "the backup's pitch is back");
    assert!(!archive.contains(&title(2)), "the later pitch is gone");
}

mod hackday_backup_copies_a_live_database_with_every_acknowledged_write {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        backup_under_write_load(Db::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        backup_under_write_load(Db::Postgres).await
    }
}

mod scheduled_backups_keep_the_newest_n_copies {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        scheduled_backups(Db::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        scheduled_backups(Db::Postgres).await
    }
}

mod restore_refuses_a_running_servers_database_and_replaces_a_stopped_one {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        restore(Db::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        restore(Db::Postgres).await
    }
}
