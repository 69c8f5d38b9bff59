//! The harness against the real servers: per-test databases come and go, scripts run, dumps come back, and the
//! generated schemas load on every engine.

use flash_core::Dialect;
use flash_test::{schema_gen, TestDatabase};

#[test]
fn postgres_database_runs_sql_dumps_and_is_dropped() {
    let db = TestDatabase::postgres("harness_pg");
    assert!(db.url.ends_with(&format!("/{}", db.name)));
    db.run_sql(&schema_gen::tables(Dialect::Postgres, 20));
    let count = db.run_sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public';");
    assert_eq!(count.trim(), "20");
    let fks = db.run_sql("SELECT count(*) FROM pg_constraint WHERE contype = 'f';");
    assert_eq!(fks.trim(), "20");
    let dump = db.dump_schema();
    assert!(dump.contains("CREATE TABLE public.t0019"), "{dump}");

    let err = db
        .try_run_sql("SELECT 1;\nSELEC broken;\nSELECT 2;")
        .expect_err("a syntax error fails the script");
    assert!(err.stderr.contains("syntax error"), "{err}");

    let name = db.name.clone();
    drop(db);
    let admin = TestDatabase::postgres("harness_pg_check");
    let left = admin.run_sql(&format!(
        "SELECT count(*) FROM pg_database WHERE datname = '{name}';"
    ));
    assert_eq!(left.trim(), "0", "{name} was not dropped");
}

#[test]
fn mysql_database_runs_sql_dumps_and_is_dropped() {
    let db = TestDatabase::mysql("harness_my");
    db.run_sql(&schema_gen::tables(Dialect::Mysql, 20));
    let count = db
        .run_sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE();");
    assert_eq!(count.trim(), "20");
    let fks = db.run_sql(
        "SELECT count(*) FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE();",
    );
    assert_eq!(fks.trim(), "20");
    let dump = db.dump_schema();
    assert!(dump.contains("CREATE TABLE `t0019`"), "{dump}");

    assert!(db.try_run_sql("SELECT 1;\nSELEC broken;").is_err());

    let name = db.name.clone();
    drop(db);
    let admin = TestDatabase::mysql("harness_my_check");
    let left = admin.run_sql(&format!(
        "SELECT count(*) FROM information_schema.schemata WHERE schema_name = '{name}';"
    ));
    assert_eq!(left.trim(), "0", "{name} was not dropped");
}

#[test]
fn generated_sqlite_schema_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("gen.db");
    let sql = format!(
        "PRAGMA foreign_keys = ON;\n{}",
        schema_gen::tables(Dialect::Sqlite, 20)
    );
    let out = std::process::Command::new("sqlite3")
        .arg("-bail")
        .arg(&path)
        .arg(format!(
            "{sql}\nSELECT count(*) FROM sqlite_schema WHERE type = 'table';"
        ))
        .output()
        .expect("sqlite3 is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "20");
}
