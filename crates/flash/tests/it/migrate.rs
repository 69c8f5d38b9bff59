use std::path::Path;

use flash_core::snapshot::{fingerprint, load_snapshot};
use flash_core::{Dialect, Schema};

use crate::{filter_stamps, Outcome, Sandbox};

const SNAPSHOT: &str = "db/migrations/.flash/schema_snapshot.json";
const USERS: &str =
    "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  name text NOT NULL,\n  bio text\n);\n";

fn postgres_project(schema: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox
        .write("flash.toml", "[database]\nprovider = \"postgresql\"\n")
        .write("db/schema/schema.sql", schema);
    sandbox
}

/// The migration files, by name, in the order they sort.
fn migration_files(sandbox: &Sandbox) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(sandbox.join("db/migrations")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    names.sort();
    names
}

fn read_migration(sandbox: &Sandbox, name: &str) -> String {
    sandbox.read(&format!("db/migrations/{name}"))
}

/// The file with its baseline shown as `[BASELINE]`: its value is checked against the snapshot separately.
fn without_baseline(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix("-- flash:baseline ") {
            Some(_) => "-- flash:baseline [BASELINE]".to_string(),
            None => l.to_string(),
        })
        .map(|l| l + "\n")
        .collect()
}

fn baseline(text: &str) -> &str {
    text.lines()
        .next()
        .and_then(|l| l.strip_prefix("-- flash:baseline "))
        .expect("first line is the baseline")
}

fn stamped(outcome: &Outcome) -> String {
    filter_stamps(&outcome.to_string())
}

fn migrate(sandbox: &Sandbox, args: &[&str]) -> Outcome {
    let mut all = vec!["migrate"];
    all.extend_from_slice(args);
    sandbox.flash(&all)
}

#[test]
fn migrate_writes_the_migration_and_the_snapshot() {
    let sandbox = postgres_project(USERS);
    let outcome = migrate(&sandbox, &[]);
    insta::assert_snapshot!("migrate_first_run", stamped(&outcome));
    let files = migration_files(&sandbox);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("_create_users.sql"), "{files:?}");
    assert_eq!(files[0].len(), "20260101000000_create_users.sql".len());
    let text = read_migration(&sandbox, &files[0]);
    insta::assert_snapshot!("migrate_first_file", without_baseline(&text));
    // No snapshot before: the migration was generated against an empty schema.
    assert_eq!(
        baseline(&text),
        fingerprint(&Schema::new(Dialect::Postgres))
    );
    let snapshot = load_snapshot(&sandbox.join(SNAPSHOT)).expect("snapshot written");
    assert!(snapshot.tables.iter().any(|t| t.name.name == "users"));
    assert!(!sandbox
        .join("db/migrations/.flash/schema_snapshot.json.tmp")
        .exists());
}

#[test]
fn migrate_again_without_changes_writes_nothing() {
    let sandbox = postgres_project(USERS);
    assert_eq!(migrate(&sandbox, &[]).code, Some(0));
    let files = migration_files(&sandbox);
    let snapshot = sandbox.read(SNAPSHOT);
    insta::assert_snapshot!(migrate(&sandbox, &[]));
    assert_eq!(migration_files(&sandbox), files);
    assert_eq!(sandbox.read(SNAPSHOT), snapshot);
}

#[test]
fn second_migration_is_based_on_the_first_snapshot_and_sorts_after_it() {
    let sandbox = postgres_project(USERS);
    assert_eq!(migrate(&sandbox, &[]).code, Some(0));
    let before = load_snapshot(&sandbox.join(SNAPSHOT)).expect("snapshot");
    sandbox.write(
        "db/schema/schema.sql",
        "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  name text NOT NULL,\n  email text\n);\n",
    );
    // Run at once: the same second as the first, so the stamp must move on rather than collide.
    let outcome = migrate(&sandbox, &[]);
    assert_eq!(outcome.code, Some(0), "{outcome}");
    let files = migration_files(&sandbox);
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0] < files[1], "{files:?}");
    assert_ne!(files[0][..14], files[1][..14]);
    assert!(files[1].ends_with("_alter_users.sql"), "{files:?}");
    let text = read_migration(&sandbox, &files[1]);
    assert_eq!(baseline(&text), fingerprint(&before));
    insta::assert_snapshot!("migrate_drop_and_add_column", without_baseline(&text));
}

#[test]
fn migration_up_runs_in_psql_and_creates_the_table() {
    let sandbox = postgres_project(
        "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n\
         CREATE INDEX users_name_idx ON users (name);\n",
    );
    assert_eq!(migrate(&sandbox, &[]).code, Some(0));
    let text = read_migration(&sandbox, &migration_files(&sandbox)[0]);
    let (up, down) = text
        .split_once("-- +migrate Up\n")
        .and_then(|(_, rest)| rest.split_once("-- +migrate Down\n"))
        .expect("Up and Down sections");
    let db = flash_test::TestDatabase::postgres("cli_migrate_up");
    db.run_sql(up);
    let exists = "SELECT to_regclass('public.users') IS NOT NULL, to_regclass('public.users_name_idx') IS NOT NULL;";
    assert_eq!(db.run_sql(exists).trim(), "t\tt");
    db.run_sql(down);
    assert_eq!(db.run_sql(exists).trim(), "f\tf");
}

#[test]
fn migrate_dry_run_prints_the_file_and_writes_nothing() {
    let sandbox = postgres_project(USERS);
    let outcome = migrate(&sandbox, &["--dry-run"]);
    insta::assert_snapshot!(without_baseline(&stamped(&outcome)));
    assert_eq!(migration_files(&sandbox), Vec::<String>::new());
    assert!(!sandbox.join(SNAPSHOT).exists());
}

#[test]
fn migrate_empty_writes_empty_sections_and_keeps_the_snapshot() {
    let sandbox = postgres_project(USERS);
    let outcome = migrate(&sandbox, &["Backfill Names", "--empty"]);
    insta::assert_snapshot!(stamped(&outcome));
    let files = migration_files(&sandbox);
    assert_eq!(files.len(), 1);
    assert!(files[0].ends_with("_backfill_names.sql"), "{files:?}");
    assert_eq!(
        without_baseline(&read_migration(&sandbox, &files[0])),
        "-- flash:baseline [BASELINE]\n-- +migrate Up\n-- +migrate Down\n"
    );
    assert!(!sandbox.join(SNAPSHOT).exists());
}

#[test]
fn migrate_empty_needs_a_name() {
    let outcome = migrate(&postgres_project(USERS), &["--empty"]);
    assert_eq!(outcome.code, Some(2), "{outcome}");
}

/// The first migration of a project that creates more than one kind of thing is the initial schema; a later one
/// with the same mix of changes is not.
#[test]
fn migrate_names_a_mixed_first_migration_initial_schema() {
    let schema =
        "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE users (id bigint PRIMARY KEY, m mood);\n";
    let sandbox = postgres_project(schema);
    assert_eq!(migrate(&sandbox, &[]).code, Some(0));
    sandbox.write(
        "db/schema/schema.sql",
        &format!("{schema}CREATE TYPE size AS ENUM ('s');\nCREATE TABLE posts (id bigint PRIMARY KEY, s size);\n"),
    );
    assert_eq!(migrate(&sandbox, &[]).code, Some(0));
    let files = migration_files(&sandbox);
    assert!(files[0].ends_with("_initial_schema.sql"), "{files:?}");
    assert!(files[1].ends_with("_schema_changes.sql"), "{files:?}");
}

/// Each step's name says what it did to which table.
#[test]
fn migrate_derives_names_from_the_changes() {
    let sandbox = postgres_project(USERS);
    let steps: [(&str, &str); 6] = [
        ("", "schema_changes"),
        (USERS, "create_users"),
        (
            "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, bio text, email text);\n",
            "add_email_to_users",
        ),
        (
            "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, bio text, email text);\n\
             CREATE TABLE posts (id bigint PRIMARY KEY);\nCREATE TABLE tags (id bigint PRIMARY KEY);\n",
            "create_posts_tags",
        ),
        (
            "CREATE TABLE users (id bigint PRIMARY KEY, name text, bio text, email text);\n\
             CREATE TABLE tags (id bigint PRIMARY KEY);\n",
            "schema_changes",
        ),
        (
            "CREATE TABLE users (id bigint PRIMARY KEY, name text, bio text, email text);\n\
             CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE tags (id bigint PRIMARY KEY);\n",
            "schema_changes",
        ),
    ];
    // The first step starts from an empty schema file: nothing to migrate yet.
    sandbox.write("db/schema/schema.sql", steps[0].0);
    assert!(migrate(&sandbox, &[]).stdout.starts_with("no changes"));
    let mut expected = Vec::new();
    for (schema, name) in &steps[1..] {
        sandbox.write("db/schema/schema.sql", schema);
        let outcome = migrate(&sandbox, &[]);
        assert_eq!(outcome.code, Some(0), "{outcome}");
        expected.push(format!("[STAMP]_{name}.sql"));
    }
    sandbox.write(
        "db/schema/schema.sql",
        "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE tags (id bigint PRIMARY KEY);\n",
    );
    assert_eq!(migrate(&sandbox, &[]).code, Some(0));
    expected.push("[STAMP]_drop_users.sql".into());
    let got: Vec<String> = migration_files(&sandbox)
        .iter()
        .map(|f| filter_stamps(f))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn migrate_name_is_snake_cased_and_kept_short() {
    let sandbox = postgres_project(USERS);
    let outcome = migrate(
        &sandbox,
        &["Add Users & Their Names, and a very long tail that goes on and on"],
    );
    assert_eq!(outcome.code, Some(0), "{outcome}");
    let files = migration_files(&sandbox);
    assert_eq!(
        filter_stamps(&files[0]),
        "[STAMP]_add_users_their_names_and_a_very_long_tail_that.sql"
    );
}

#[test]
fn migrate_of_a_syntax_error_points_at_path_line_col_and_writes_nothing() {
    let sandbox = postgres_project(USERS);
    sandbox.write(
        "db/schema/more.sql",
        "CREATE TABLE ok (id int);\nCREATE TABLE (;\n",
    );
    let outcome = migrate(&sandbox, &[]);
    insta::assert_snapshot!(outcome);
    assert_eq!(outcome.code, Some(1));
    assert_eq!(migration_files(&sandbox), Vec::<String>::new());
    assert!(!sandbox.join(SNAPSHOT).exists());
}

#[test]
fn migrate_outside_a_project_says_how_to_start_one() {
    let outcome = Sandbox::new().flash(&["migrate"]);
    assert_eq!(outcome.code, Some(1), "{outcome}");
    assert!(
        outcome
            .stderr
            .starts_with("error: no flash.toml or flash.config.json in [TEMP]"),
        "{outcome}"
    );
}

/// Until the SQLite renderer lands, a SQLite project's first migration is one sentence and exit 1, with nothing
/// written; once it lands, the file and the snapshot are written.
#[test]
fn migrate_in_sqlite_writes_a_migration_or_says_what_is_not_supported() {
    let sandbox = Sandbox::new();
    sandbox
        .write("flash.toml", "[database]\nprovider = \"sqlite\"\n")
        .write(
            "db/schema/schema.sql",
            "CREATE TABLE t (id INTEGER PRIMARY KEY);\n",
        );
    // An empty schema against no snapshot has no changes, so this holds whatever the renderer does.
    let outcome = migrate(&sandbox, &[]);
    match outcome.code {
        Some(0) => {
            assert_eq!(migration_files(&sandbox).len(), 1, "{outcome}");
            assert!(sandbox.join(SNAPSHOT).exists());
        }
        Some(1) => {
            assert_eq!(outcome.stderr.lines().count(), 1, "{outcome}");
            assert!(
                outcome.stderr.ends_with(" is not implemented yet\n"),
                "{outcome}"
            );
            assert_eq!(migration_files(&sandbox), Vec::<String>::new());
            assert!(!Path::new(&sandbox.join(SNAPSHOT)).exists());
        }
        _ => panic!("{outcome}"),
    }
}

#[test]
fn migrate_help_explains_the_command() {
    insta::assert_snapshot!(Sandbox::new().flash(&["migrate", "--help"]));
}

/// An enum value added and used in one migration: the ADD VALUE is marked to run on its own, before the
/// transaction that uses it, and the Up still runs in psql as it is.
#[test]
fn migrate_marks_statements_that_run_outside_the_transaction() {
    let v1 = "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE t (id int PRIMARY KEY, m mood);\n";
    let sandbox = postgres_project(v1);
    assert_eq!(migrate(&sandbox, &[]).code, Some(0));
    sandbox.write(
        "db/schema/schema.sql",
        "CREATE TYPE mood AS ENUM ('ok', 'meh');\nCREATE TABLE t (id int PRIMARY KEY, m mood DEFAULT 'meh');\n",
    );
    assert_eq!(migrate(&sandbox, &[]).code, Some(0));
    let files = migration_files(&sandbox);
    assert!(files[1].ends_with("_schema_changes.sql"), "{files:?}");
    let text = read_migration(&sandbox, &files[1]);
    insta::assert_snapshot!(without_baseline(&text));
    let up = text
        .split_once("-- +migrate Up\n")
        .and_then(|(_, rest)| rest.split_once("-- +migrate Down\n"))
        .map(|(up, _)| up)
        .expect("an Up section");
    let db = flash_test::TestDatabase::postgres("cli_migrate_no_txn");
    db.run_sql(v1);
    db.run_sql(up);
    assert_eq!(
        db.run_sql("SELECT column_default FROM information_schema.columns WHERE table_name = 't' AND column_name = 'm';")
            .trim(),
        "'meh'::mood"
    );
    // The Down rebuilds the enum without 'meh', dropping the default that names the old type first.
    let down = text
        .split_once("-- +migrate Down\n")
        .map(|(_, down)| down)
        .expect("a Down section");
    db.run_sql(down);
    assert_eq!(
        db.run_sql(
            "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum \
             WHERE enumtypid = 'mood'::regtype;"
        )
        .trim(),
        "ok"
    );
}

/// README's first command: `flash --config examples/blog/flash.toml migrate --dry-run` prints the migration that
/// creates the example's schema, and writes nothing into the example; its Up runs in `sqlite3` as it is.
#[test]
fn readme_first_command_prints_the_blog_migration_and_writes_nothing() {
    let blog = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/blog");
    let config = blog.join("flash.toml");
    let migrations = blog.join("db/migrations");
    let before: Vec<_> = std::fs::read_dir(&migrations)
        .expect("migrations dir")
        .collect();
    let sandbox = Sandbox::new();
    let outcome = sandbox.flash(&[
        "--config",
        config.to_str().expect("utf-8 path"),
        "migrate",
        "--dry-run",
    ]);
    assert_eq!(outcome.code, Some(0), "{outcome}");
    let after: Vec<_> = std::fs::read_dir(&migrations)
        .expect("migrations dir")
        .collect();
    assert_eq!(
        before.len(),
        after.len(),
        "--dry-run wrote into the example"
    );
    let up: String = outcome
        .stdout
        .split("-- +migrate Up\n")
        .nth(1)
        .and_then(|rest| rest.split("-- +migrate Down\n").next())
        .expect("an Up section")
        .to_string();
    let db = sandbox.join("blog.db");
    let load = std::process::Command::new("sqlite3")
        .arg("-bail")
        .arg(&db)
        .arg(&up)
        .output()
        .expect("sqlite3 runs");
    assert!(
        load.status.success(),
        "{}",
        String::from_utf8_lossy(&load.stderr)
    );
    let tables = std::process::Command::new("sqlite3")
        .arg(&db)
        .arg("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name)")
        .output()
        .expect("sqlite3 runs");
    assert_eq!(
        String::from_utf8_lossy(&tables.stdout).trim(),
        "comments,post_tags,posts,published_posts,sqlite_sequence,tags,users"
    );
}
