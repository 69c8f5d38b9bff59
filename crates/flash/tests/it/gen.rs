//! `flash gen`: errors in query files with their file:line:col, incremental writes, `--check` and hand edits.

use crate::Sandbox;

const SCHEMA: &str =
    "CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  email TEXT NOT NULL,\n  bio TEXT\n);\n";
const QUERIES: &str = "-- name: GetUser :one\nSELECT id, email, bio FROM users WHERE id = ?;\n\n-- name: SetBio :execrows\nUPDATE users SET bio = ? WHERE id = ?;\n";
const CONFIG: &str = "[database]\nprovider = \"sqlite\"\n\n[gen.go]\nenabled = true\nout = \"gen/db\"\n\n[gen.js]\nenabled = true\nout = \"gen/ts\"\n\n[gen.python]\nenabled = true\nout = \"gen/py\"\n";

fn project(queries: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox
        .write("flash.toml", CONFIG)
        .write("db/schema/schema.sql", SCHEMA)
        .write("db/queries/users.sql", queries);
    sandbox
}

/// `flash gen` on a project whose users.sql holds `queries`: the error it reports.
fn error_of(queries: &str) -> String {
    let outcome = project(queries).flash(&["gen"]);
    assert_eq!(outcome.code, Some(1), "{outcome}");
    assert!(outcome.stdout.is_empty(), "{outcome}");
    outcome.stderr
}

#[test]
fn bad_queries_exit_1_with_their_position() {
    insta::assert_snapshot!(
        "gen_unknown_table",
        error_of("-- name: GetUser :one\nSELECT id FROM people WHERE id = ?;\n")
    );
    insta::assert_snapshot!(
        "gen_unknown_column",
        error_of("-- name: GetUser :one\nSELECT id, nickname FROM users WHERE id = ?;\n")
    );
    insta::assert_snapshot!(
        "gen_missing_kind",
        error_of("-- name: GetUser\nSELECT id FROM users;\n")
    );
    insta::assert_snapshot!(
        "gen_unknown_kind",
        error_of("-- name: GetUser :single\nSELECT id FROM users;\n")
    );
    insta::assert_snapshot!(
        "gen_duplicate_name",
        error_of("-- name: GetUser :one\nSELECT id FROM users;\n\n-- name: GetUser :many\nSELECT id FROM users;\n")
    );
    insta::assert_snapshot!(
        "gen_syntax_error",
        error_of("-- name: GetUser :one\nSELECT id FROM users WHERE id = = ?;\n")
    );
    insta::assert_snapshot!(
        "gen_untyped_parameter",
        error_of("-- name: Echo :one\nSELECT ? AS value;\n")
    );
}

#[test]
fn postgres_syntax_errors_point_into_the_query() {
    let sandbox = Sandbox::new();
    sandbox
        .write("flash.toml", "[database]\nprovider = \"postgresql\"\n\n[gen.go]\nenabled = true\n")
        .write("db/schema/schema.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n")
        .write("db/queries/users.sql", "-- name: A :one\nSELECT id FROM users;\n\n-- name: B :many\nSELECT id FROM users WHERE id IN (1,,2);\n");
    let outcome = sandbox.flash(&["gen"]);
    assert_eq!(outcome.code, Some(1));
    insta::assert_snapshot!("gen_postgres_syntax_error", outcome.stderr);
}

#[test]
fn unchanged_inputs_rewrite_nothing_and_check_reports_staleness() {
    let sandbox = project(QUERIES);
    let first = sandbox.flash(&["gen"]);
    assert_eq!(first.code, Some(0), "{first}");
    insta::assert_snapshot!("gen_first_run", first.to_string());
    for file in ["gen/db/users.go", "gen/ts/users.ts", "gen/py/users.py"] {
        assert!(sandbox.join(file).exists(), "{file} written");
    }
    let written = std::fs::metadata(sandbox.join("gen/db/users.go"))
        .and_then(|m| m.modified())
        .expect("mtime");

    let again = sandbox.flash(&["gen"]);
    assert_eq!(again.code, Some(0));
    assert!(
        again.stdout.contains("0 files written, 9 unchanged"),
        "{again}"
    );
    let still = std::fs::metadata(sandbox.join("gen/db/users.go"))
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(written, still, "an unchanged file is not rewritten");
    let check = sandbox.flash(&["gen", "--check"]);
    assert_eq!(check.code, Some(0), "{check}");

    sandbox.write(
        "db/queries/users.sql",
        &QUERIES.replace("SELECT id, email, bio", "SELECT id, email"),
    );
    let stale = sandbox.flash(&["gen", "--check"]);
    assert_eq!(stale.code, Some(4), "{stale}");
    insta::assert_snapshot!("gen_check_stale", stale.to_string());
    assert!(
        sandbox.read("gen/db/users.go").contains("Bio"),
        "--check writes nothing"
    );
    let regenerate = sandbox.flash(&["gen"]);
    assert_eq!(regenerate.code, Some(0));
    assert!(!sandbox.read("gen/db/users.go").contains("Bio *string"));
}

#[test]
fn a_hand_edit_is_kept_unless_forced() {
    let sandbox = project(QUERIES);
    assert_eq!(sandbox.flash(&["gen"]).code, Some(0));
    let edited = sandbox.read("gen/py/users.py") + "\n# my helper\n";
    sandbox.write("gen/py/users.py", &edited);
    sandbox.write(
        "db/queries/users.sql",
        &format!("{QUERIES}\n-- name: CountUsers :one\nSELECT count(*) AS n FROM users;\n"),
    );

    let refused = sandbox.flash(&["gen"]);
    assert_eq!(refused.code, Some(1), "{refused}");
    insta::assert_snapshot!("gen_hand_edit_refused", refused.to_string());
    assert_eq!(
        sandbox.read("gen/py/users.py"),
        edited,
        "the edited file is kept"
    );
    assert!(
        !sandbox.read("gen/db/users.go").contains("CountUsers"),
        "nothing is written"
    );

    let forced = sandbox.flash(&["gen", "--force"]);
    assert_eq!(forced.code, Some(0), "{forced}");
    assert!(sandbox.read("gen/py/users.py").contains("def count_users"));
    assert!(!sandbox.read("gen/py/users.py").contains("my helper"));
}

#[test]
fn db_oracle_warns_where_the_database_disagrees() {
    let db = flash_test::TestDatabase::postgres("gen_oracle");
    // The live database has drifted from the schema files: age is text there.
    db.run_sql("CREATE TABLE users (id bigint PRIMARY KEY, age text);");
    let sandbox = Sandbox::new();
    sandbox
        .write(
            "flash.toml",
            "[database]\nprovider = \"postgresql\"\n\n[gen.go]\nenabled = true\n",
        )
        .write(
            "db/schema/schema.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, age integer);\n",
        )
        .write(
            "db/queries/users.sql",
            "-- name: GetUser :one\nSELECT id, age FROM users WHERE id = $1;\n",
        );
    let outcome = sandbox.flash(&["gen", "--db", &db.url]);
    assert_eq!(outcome.code, Some(0), "{outcome}");
    insta::assert_snapshot!("gen_oracle_warning", outcome.to_string());

    let quiet = Sandbox::new();
    quiet
        .write(
            "flash.toml",
            "[database]\nprovider = \"postgresql\"\n\n[gen.go]\nenabled = true\n",
        )
        .write(
            "db/schema/schema.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY, age text);\n",
        )
        .write(
            "db/queries/users.sql",
            "-- name: GetUser :one\nSELECT id, age FROM users WHERE id = $1;\n",
        );
    let agreed = quiet.flash(&["gen", "--db", &db.url]);
    assert_eq!(agreed.code, Some(0), "{agreed}");
    assert!(!agreed.stderr.contains("warning"), "{agreed}");
}
