use crate::Sandbox;

const USERS_V1: &str = "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  bio text\n);\n";
const USERS_V2: &str =
    "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL\n);\n\
CREATE INDEX users_email_idx ON users (email);\nCREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  \
user_id bigint NOT NULL REFERENCES users (id),\n  title text\n);\n";

fn two_postgres_dirs() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox
        .write("v1/users.sql", USERS_V1)
        .write("v2/users.sql", USERS_V2);
    sandbox
}

#[test]
fn diff_between_two_postgres_directories_prints_a_psql_script() {
    let sandbox = two_postgres_dirs();
    insta::assert_snapshot!(sandbox.flash(&[
        "diff",
        "--from",
        "v1",
        "--to",
        "v2",
        "--dialect",
        "postgresql"
    ]));
}

#[test]
fn diff_script_runs_as_is_in_psql_and_converges() {
    let sandbox = two_postgres_dirs();
    let outcome = sandbox.flash(&[
        "diff",
        "--from",
        "v1",
        "--to",
        "v2",
        "--dialect",
        "postgres",
    ]);
    assert_eq!(outcome.code, Some(0), "{outcome}");
    let db = flash_test::TestDatabase::postgres("cli_diff_psql");
    db.run_sql(USERS_V1);
    db.run_sql(&outcome.stdout);
    let tables = db.run_sql(
        "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables \
         WHERE table_schema = 'public';",
    );
    assert_eq!(tables.trim(), "posts,users");
}

#[test]
fn diff_between_two_files_reads_the_dialect_from_flash_toml() {
    let sandbox = Sandbox::new();
    sandbox
        .write("flash.toml", "[database]\nprovider = \"postgresql\"\n")
        .write("a.sql", USERS_V1)
        .write(
            "b.sql",
            "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  bio text,\n  age integer\n);\n",
        );
    let outcome = sandbox.flash(&["diff", "--from", "a.sql", "--to", "b.sql"]);
    assert_eq!(outcome.code, Some(0), "{outcome}");
    assert_eq!(
        outcome.stdout, "BEGIN;\nALTER TABLE public.users ADD COLUMN age integer;\nCOMMIT;\n",
        "{outcome}"
    );
}

/// A snapshot names its own dialect, and the .sql side is read in it.
#[test]
fn diff_from_a_snapshot_to_a_directory_takes_the_snapshot_dialect() {
    let sandbox = two_postgres_dirs();
    let inspected = sandbox.flash(&["inspect", "--from", "v1", "--dialect", "postgres", "--json"]);
    assert_eq!(inspected.code, Some(0), "{inspected}");
    sandbox.write("v1.json", &inspected.stdout);
    let from_snapshot = sandbox.flash(&["diff", "--from", "v1.json", "--to", "v2"]);
    let from_dir = sandbox.flash(&[
        "diff",
        "--from",
        "v1",
        "--to",
        "v2",
        "--dialect",
        "postgres",
    ]);
    assert_eq!(from_snapshot.code, Some(0), "{from_snapshot}");
    assert_eq!(from_snapshot.stdout, from_dir.stdout);

    let inspected = sandbox.flash(&["inspect", "--from", "v2", "--dialect", "postgres", "--json"]);
    sandbox.write("v2.json", &inspected.stdout);
    let snapshots = sandbox.flash(&["diff", "--from", "v1.json", "--to", "v2.json"]);
    assert_eq!(snapshots.stdout, from_dir.stdout, "{snapshots}");
}

#[test]
fn diff_dialect_flag_must_match_a_snapshot() {
    let sandbox = two_postgres_dirs();
    let inspected = sandbox.flash(&["inspect", "--from", "v1", "--dialect", "postgres", "--json"]);
    sandbox.write("v1.json", &inspected.stdout);
    insta::assert_snapshot!(sandbox.flash(&[
        "diff",
        "--from",
        "v1.json",
        "--to",
        "v2",
        "--dialect",
        "sqlite"
    ]));
}

#[test]
fn diff_between_snapshots_of_two_dialects_is_refused() {
    let sandbox = Sandbox::new();
    sandbox.write("a.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
    let pg = sandbox.flash(&[
        "inspect",
        "--from",
        "a.sql",
        "--dialect",
        "postgres",
        "--json",
    ]);
    let lite = sandbox.flash(&[
        "inspect",
        "--from",
        "a.sql",
        "--dialect",
        "sqlite",
        "--json",
    ]);
    sandbox
        .write("pg.json", &pg.stdout)
        .write("lite.json", &lite.stdout);
    insta::assert_snapshot!(sandbox.flash(&["diff", "--from", "lite.json", "--to", "pg.json"]));
}

#[test]
fn diff_json_has_steps_hazards_down_and_irreversible_notes() {
    let sandbox = two_postgres_dirs();
    let outcome = sandbox.flash(&[
        "diff",
        "--from",
        "v1",
        "--to",
        "v2",
        "--dialect",
        "postgres",
        "--json",
    ]);
    insta::assert_snapshot!(outcome);
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("stdout is JSON");
    assert_eq!(json["format_version"], 1);
    assert_eq!(json["dialect"], "postgres");
    assert!(json["steps"].as_array().is_some_and(|s| !s.is_empty()));
    assert!(json["down"]["steps"]
        .as_array()
        .is_some_and(|s| !s.is_empty()));
    assert_eq!(
        json["irreversible"][0],
        "the values of column public.users.bio are not restored"
    );
}

#[test]
fn diff_json_of_equal_schemas_has_no_steps() {
    let sandbox = two_postgres_dirs();
    let outcome = sandbox.flash(&[
        "diff",
        "--from",
        "v1",
        "--to",
        "v1",
        "--dialect",
        "postgres",
        "--json",
        "--quiet",
    ]);
    assert_eq!(outcome.code, Some(0), "{outcome}");
    assert_eq!(outcome.stderr, "");
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("stdout is JSON");
    assert_eq!(json["steps"], serde_json::json!([]));
    assert_eq!(json["down"]["steps"], serde_json::json!([]));
}

/// Equal schemas print no statement in any dialect: stdout stays empty for a pipe, the note goes to stderr.
#[test]
fn diff_of_identical_schemas_prints_nothing_in_each_dialect() {
    let sandbox = Sandbox::new();
    sandbox
        .write(
            "a/t.sql",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n",
        )
        .write(
            "b/t.sql",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n",
        );
    for dialect in ["postgresql", "mysql", "sqlite"] {
        let outcome = sandbox.flash(&["diff", "--from", "a", "--to", "b", "--dialect", dialect]);
        assert_eq!(outcome.code, Some(0), "{dialect}: {outcome}");
        assert_eq!(outcome.stdout, "", "{dialect}: {outcome}");
        assert_eq!(
            outcome.stderr, "no differences: the two schemas are the same\n",
            "{dialect}: {outcome}"
        );
        let quiet = sandbox.flash(&[
            "diff",
            "--from",
            "a",
            "--to",
            "b",
            "--dialect",
            dialect,
            "-q",
        ]);
        assert_eq!(
            (quiet.stdout.as_str(), quiet.stderr.as_str()),
            ("", ""),
            "{quiet}"
        );
    }
}

/// The MySQL and SQLite renderers are still being written: a change they cannot render yet is one sentence and
/// exit 1, never a wrong script; once they can, the script is printed.
#[test]
fn diff_in_mysql_and_sqlite_prints_a_script_or_says_what_is_not_supported() {
    let sandbox = Sandbox::new();
    sandbox
        .write("a/t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n")
        .write(
            "b/t.sql",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n",
        );
    for dialect in ["mysql", "sqlite"] {
        let outcome = sandbox.flash(&["diff", "--from", "a", "--to", "b", "--dialect", dialect]);
        match outcome.code {
            Some(0) => assert!(outcome.stdout.contains("name"), "{dialect}: {outcome}"),
            Some(1) => {
                assert_eq!(outcome.stdout, "", "{dialect}: {outcome}");
                assert_eq!(outcome.stderr.lines().count(), 1, "{dialect}: {outcome}");
                assert!(
                    outcome
                        .stderr
                        .starts_with("error: cannot plan from a to b: rendering ")
                        && outcome.stderr.ends_with(" is not implemented yet\n"),
                    "{dialect}: {outcome}"
                );
            }
            _ => panic!("{dialect}: {outcome}"),
        }
    }
}

#[test]
fn diff_of_a_syntax_error_points_at_path_line_col() {
    let sandbox = two_postgres_dirs();
    sandbox.write(
        "v2/zz_broken.sql",
        "CREATE TABLE ok (id int);\nCREATE TABLE (;\n",
    );
    let outcome = sandbox.flash(&[
        "diff",
        "--from",
        "v1",
        "--to",
        "v2",
        "--dialect",
        "postgres",
    ]);
    assert_eq!(outcome.code, Some(1), "{outcome}");
    assert!(
        outcome.stderr.starts_with("error: v2/zz_broken.sql:2:"),
        "{outcome}"
    );
    assert!(!outcome.stderr.contains("Usage:"), "{outcome}");
    assert_eq!(outcome.stdout, "");
}

#[test]
fn diff_without_a_dialect_says_how_to_give_one() {
    let sandbox = two_postgres_dirs();
    let outcome = sandbox.flash(&["diff", "--from", "v1", "--to", "v2"]);
    assert_eq!(outcome.code, Some(1), "{outcome}");
    assert!(
        outcome
            .stderr
            .starts_with("error: cannot tell which SQL dialect v1 is written in"),
        "{outcome}"
    );
}

#[test]
fn diff_help_explains_the_command() {
    insta::assert_snapshot!(Sandbox::new().flash(&["diff", "--help"]));
}

#[test]
fn unchanged_files_come_from_the_parse_cache_and_an_edit_is_seen_at_once() {
    let sandbox = two_postgres_dirs();
    let args = [
        "diff",
        "--from",
        "v1",
        "--to",
        "v2",
        "--dialect",
        "postgresql",
    ];
    let first = sandbox.flash(&args);
    assert_eq!(first.code, Some(0), "{first}");
    assert_eq!(sandbox.cache_entries(), 2, "one entry per directory");
    let again = sandbox.flash(&args);
    assert_eq!(again.stdout, first.stdout);
    assert_eq!(sandbox.cache_entries(), 2, "the second run parsed nothing");

    sandbox.write("v2/users.sql", USERS_V1);
    let edited = sandbox.flash(&args);
    assert_eq!(edited.code, Some(0), "{edited}");
    assert_eq!(edited.stdout, "", "v2 now equals v1: {edited}");

    // A syntax error is never cached: it is reported with its position every time.
    sandbox.write(
        "v2/users.sql",
        "CREATE TABLE users (id bigint PRIMARY KEY,);\n",
    );
    for _ in 0..2 {
        let broken = sandbox.flash(&args);
        assert_eq!(broken.code, Some(1), "{broken}");
        assert!(broken.stderr.contains("users.sql:1:"), "{broken}");
    }
    let off = sandbox.flash_with_env(&args, &[("FLASH_NO_CACHE", "1")]);
    assert_eq!(off.code, Some(1), "{off}");
}
