//! Connecting to each real server by URL and running a script on it.

use flash_config::DatabaseUrl;
use flash_db::{Connection, DbError};
use flash_test::TestDatabase;

fn run(url: &str, script: &str) -> Result<(), DbError> {
    let url = DatabaseUrl::parse(url).expect("a valid URL");
    flash_db::runtime()?.block_on(async {
        let mut connection = Connection::connect(&url).await?;
        connection.execute_script(script).await?;
        connection.close().await
    })
}

#[test]
fn postgres_runs_a_multi_statement_script() {
    let db = TestDatabase::postgres("connect");
    run(
        &db.url,
        "CREATE TABLE a (id int); INSERT INTO a VALUES (1), (2);",
    )
    .expect("script runs");
    assert_eq!(db.run_sql("SELECT count(*) FROM a;").trim(), "2");
}

#[test]
fn mysql_runs_a_multi_statement_script() {
    let db = TestDatabase::mysql("connect");
    run(
        &db.url,
        "CREATE TABLE a (id int); INSERT INTO a VALUES (1), (2);",
    )
    .expect("script runs");
    assert_eq!(db.run_sql("SELECT count(*) FROM a;").trim(), "2");
}

#[test]
fn sqlite_creates_the_file_and_runs_a_script() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("app.db");
    let url = format!("sqlite://{}", path.display());
    run(
        &url,
        "CREATE TABLE a (id int); INSERT INTO a VALUES (1), (2);",
    )
    .expect("script runs");
    let out = std::process::Command::new("sqlite3")
        .arg(&path)
        .arg("SELECT count(*) FROM a;")
        .output()
        .expect("sqlite3 runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "2");
}

#[test]
fn a_failing_statement_returns_the_servers_message() {
    let db = TestDatabase::postgres("connect_err");
    let err = run(&db.url, "SELECT 1; SELECT * FROM missing_table;").expect_err("must fail");
    assert!(err.to_string().contains("missing_table"), "{err}");
}

#[test]
fn an_unreachable_server_names_the_masked_url() {
    let err = run("postgres://app:s3cret@127.0.0.1:1/x", "SELECT 1")
        .expect_err("nothing listens on port 1");
    let message = err.to_string();
    assert!(message.contains("app:***@127.0.0.1:1"), "{message}");
    assert!(!message.contains("s3cret"), "{message}");
}
