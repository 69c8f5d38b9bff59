use crate::Sandbox;

/// Kept tiny: what the summary shows depends on the parsers, so this case stays easy to re-check by eye.
const SMALL_SQLITE: &str = "CREATE TABLE authors (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL\n);\n\
CREATE TABLE books (\n  id INTEGER PRIMARY KEY,\n  author_id INTEGER NOT NULL REFERENCES authors (id),\n  title TEXT\n);\n\
CREATE INDEX books_author_id_idx ON books (author_id);\n";

#[test]
fn inspect_summary_of_a_small_sqlite_file() {
    let sandbox = Sandbox::new();
    sandbox.write("schema.sql", SMALL_SQLITE);
    insta::assert_snapshot!(sandbox.flash(&[
        "inspect",
        "--from",
        "schema.sql",
        "--dialect",
        "sqlite"
    ]));
}

#[test]
fn inspect_json_of_a_small_sqlite_file() {
    let sandbox = Sandbox::new();
    sandbox.write("schema.sql", SMALL_SQLITE);
    let outcome = sandbox.flash(&[
        "inspect",
        "--from",
        "schema.sql",
        "--dialect",
        "sqlite",
        "--json",
    ]);
    insta::assert_snapshot!(outcome);
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("stdout is JSON");
    assert_eq!(json["format_version"], 1);
    assert_eq!(json["schema"]["dialect"], "sqlite");
}

#[test]
fn inspect_reads_the_dialect_and_schema_dir_from_flash_toml() {
    let sandbox = Sandbox::new();
    sandbox
        .write(
            "flash.toml",
            "schema_dir = \"sql\"\n[database]\nprovider = \"sqlite\"\n",
        )
        .write(
            "sql/a.sql",
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n",
        )
        .write("sql/nested/deeper/keep.txt", "");
    insta::assert_snapshot!(sandbox.flash(&["inspect"]));
}

#[test]
fn inspect_finds_the_project_from_a_subdirectory() {
    let sandbox = Sandbox::new();
    sandbox
        .write("flash.toml", "[database]\nprovider = \"mariadb\"\n")
        .write("db/schema/a.sql", "");
    let sub = sandbox.join("db/queries");
    std::fs::create_dir_all(&sub).expect("mkdir");
    let outcome = std::process::Command::new(env!("CARGO_BIN_EXE_flash"))
        .args(["inspect", "--json"])
        .current_dir(&sub)
        .output()
        .expect("runs");
    assert_eq!(outcome.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&outcome.stdout).expect("JSON");
    assert_eq!(json["schema"]["dialect"], "mysql");
}

#[test]
fn inspect_reads_flash_orm_json_config() {
    let sandbox = Sandbox::new();
    sandbox
        .write(
            "flash.config.json",
            "{\"schema_path\": \"db/schema.sql\", \"database\": {\"provider\": \"sqlite\"}}",
        )
        .write("db/schema.sql", "");
    let outcome = sandbox.flash(&["inspect"]);
    assert_eq!(outcome.code, Some(0), "{outcome}");
    assert!(
        outcome.stdout.starts_with("db/schema.sql (sqlite):"),
        "{outcome}"
    );
}

#[test]
fn inspect_dialect_flag_overrides_flash_toml() {
    let sandbox = Sandbox::new();
    sandbox
        .write("flash.toml", "[database]\nprovider = \"sqlite\"\n")
        .write("db/schema/a.sql", "");
    let outcome = sandbox.flash(&["inspect", "--dialect", "postgres"]);
    assert!(
        outcome.stdout.starts_with("db/schema (postgresql):"),
        "{outcome}"
    );
}

#[test]
fn inspect_without_a_dialect_says_how_to_give_one() {
    let sandbox = Sandbox::new();
    sandbox.write("schema.sql", "");
    insta::assert_snapshot!(sandbox.flash(&["inspect", "--from", "schema.sql"]));
}

#[test]
fn inspect_outside_a_project_needs_from() {
    insta::assert_snapshot!(Sandbox::new().flash(&["inspect", "--dialect", "sqlite"]));
}

#[test]
fn inspect_of_a_missing_path() {
    insta::assert_snapshot!(Sandbox::new().flash(&[
        "inspect",
        "--from",
        "nope",
        "--dialect",
        "sqlite"
    ]));
}

#[test]
fn inspect_bad_dialect_is_a_usage_error() {
    let outcome = Sandbox::new().flash(&["inspect", "--dialect", "oracle"]);
    assert_eq!(outcome.code, Some(2), "{outcome}");
    assert!(
        outcome.stderr.contains("unknown dialect \"oracle\""),
        "{outcome}"
    );
}

#[test]
fn inspect_loads_a_snapshot() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "snap.json",
        "{\"format_version\": 1, \"schema\": {\"dialect\": \"sqlite\", \"tables\": [{\"name\": {\"schema\": \"main\", \
         \"name\": \"t\"}, \"columns\": [{\"name\": \"id\", \"data_type\": {\"name\": \"INTEGER\"}, \"nullable\": false}], \
         \"primary_key\": {\"columns\": [\"id\"]}}]}}",
    );
    insta::assert_snapshot!(sandbox.flash(&["inspect", "--from", "snap.json"]));
}

#[test]
fn inspect_points_at_a_broken_snapshot() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "snap.json",
        "{\"format_version\": 1,\n \"schema\": {\"dialect\": \"oracle\"}}",
    );
    let outcome = sandbox.flash(&["inspect", "--from", "snap.json"]);
    insta::assert_snapshot!(outcome);
}

/// A syntax error is reported with its path, line and column, not a usage dump.
#[test]
fn inspect_syntax_error_exits_1_with_the_path() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "db/bad.sql",
        "CREATE TABLE ok (id INTEGER);\nCREATE TABLE (;\n",
    );
    let outcome = sandbox.flash(&["inspect", "--from", "db/bad.sql", "--dialect", "sqlite"]);
    assert_eq!(outcome.code, Some(1), "{outcome}");
    assert!(
        outcome.stderr.starts_with("error: db/bad.sql:2:"),
        "{outcome}"
    );
    assert!(!outcome.stderr.contains("Usage:"), "{outcome}");
}

#[test]
fn inspect_help_explains_the_command() {
    insta::assert_snapshot!(Sandbox::new().flash(&["inspect", "--help"]));
}
