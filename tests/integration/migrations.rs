//! Migrations run up, down and up again on both backends.

use crate::helpers::*;
use hackday::store::{connection, migrate};

fn up_down_up(db: Db) {
    let database = TestDatabase::create(db);
    let mut conn = connection::establish_first(&database.url(), connection::SqliteSync::Full)
        .expect("a connection");
    let applied = migrate::apply_pending(&mut conn).expect("up");
    assert!(!applied.is_empty());
    let reverted = migrate::revert_all(&mut conn).expect("down");
    assert_eq!(reverted.len(), applied.len());
    let again = migrate::apply_pending(&mut conn).expect("up again");
    assert_eq!(again, applied);
    assert!(
        migrate::apply_pending(&mut conn)
            .expect("nothing pending")
            .is_empty()
    );
}

#[test]
fn migrations_run_up_down_and_up_on_sqlite() {
    up_down_up(Db::Sqlite);
}

#[test]
fn migrations_run_up_down_and_up_on_postgres() {
    up_down_up(Db::Postgres);
}

#[test]
fn both_backends_have_migrations_with_the_same_names() {
    let names = |dir: &str| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names("migrations/sqlite"), names("migrations/postgres"));
}
