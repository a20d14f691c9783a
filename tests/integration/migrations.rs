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

/// Every table of `src/store/schema.rs` with its columns (name, nullable).
fn declared_schema() -> std::collections::BTreeMap<String, Vec<(String, bool)>> {
    let text = std::fs::read_to_string("src/store/schema.rs").expect("the schema file");
    let mut tables = std::collections::BTreeMap::new();
    for block in text.split("diesel::table! {").skip(1) {
        let body = &block[..block.find("\n}").expect("a table block ends")];
        let name = body.split_whitespace().next().expect("a table name");
        let columns = body
            .lines()
            .filter_map(|line| line.trim().split_once(" -> "))
            .map(|(column, kind)| (column.to_string(), kind.starts_with("Nullable<")))
            .collect::<Vec<_>>();
        tables.insert(name.to_string(), columns);
    }
    tables
}

#[derive(diesel::QueryableByName)]
struct ColumnRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    nullable: bool,
}

/// The migrated database's columns of `table`, as (name, nullable).
fn migrated_columns(conn: &mut connection::DbConn, table: &str) -> Vec<(String, bool)> {
    use diesel::RunQueryDsl;
    let sql = match conn {
        connection::DbConn::Sqlite(_) => format!(
            "SELECT name, (\"notnull\" = 0 AND pk = 0) AS nullable FROM pragma_table_info('{table}')"
        ),
        connection::DbConn::Pg(_) => format!(
            "SELECT column_name::text AS name, (is_nullable = 'YES') AS nullable \
             FROM information_schema.columns WHERE table_name = '{table}' AND table_schema = 'public'"
        ),
    };
    let rows: Vec<ColumnRow> = diesel::sql_query(sql)
        .load(conn)
        .expect("the table's columns");
    rows.into_iter().map(|r| (r.name, r.nullable)).collect()
}

fn schema_matches_migrations(db: Db) {
    let database = TestDatabase::create(db);
    let mut conn = connection::establish_first(&database.url(), connection::SqliteSync::Full)
        .expect("a connection");
    migrate::apply_pending(&mut conn).expect("up");
    let declared = declared_schema();
    assert!(
        declared.len() > 10,
        "the schema file was read: {declared:?}"
    );
    for (table, columns) in declared {
        let mut want = columns.clone();
        let mut have = migrated_columns(&mut conn, &table);
        want.sort();
        have.sort();
        assert_eq!(
            have, want,
            "table {table}: migrated columns (name, nullable) vs schema.rs"
        );
    }
}

#[test]
fn the_schema_file_matches_the_migrated_tables_on_sqlite() {
    schema_matches_migrations(Db::Sqlite);
}

#[test]
fn the_schema_file_matches_the_migrated_tables_on_postgres() {
    schema_matches_migrations(Db::Postgres);
}
