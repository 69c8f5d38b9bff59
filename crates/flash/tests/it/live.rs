//! The commands that read a live database (issue 5): `inspect --from URL`, `diff` with a URL on either side,
//! `drift`, `pull`, and `migrate` with no snapshot yet. Each test has its own database on the real server.

use flash_core::snapshot::{fingerprint, from_snapshot_json};
use flash_test::TestDatabase;

use crate::{Outcome, Sandbox};

const SHOP: &str = "CREATE TABLE users (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  \
email varchar(255) NOT NULL DEFAULT 'nobody',\n  status text NOT NULL DEFAULT 'new' CHECK (status <> ''),\n  \
created_at timestamptz NOT NULL DEFAULT now()\n);\n\
CREATE INDEX users_email_idx ON users (lower(email)) WHERE status <> 'gone';\n\
CREATE VIEW active_users AS SELECT id, email FROM users WHERE status = 'active';\n";

/// A PostgreSQL project whose schema files are `schema` and whose DATABASE_URL is a fresh database holding
/// `database`.
fn postgres_project(schema: &str, database: &str) -> (Sandbox, TestDatabase) {
    let db = TestDatabase::postgres("cli_live");
    if !database.is_empty() {
        db.run_sql(database);
    }
    let sandbox = Sandbox::new();
    sandbox
        .write(
            "flash.toml",
            "[database]\nprovider = \"postgresql\"\nurl_env = \"FLASH_IT_URL\"\n",
        )
        .write("db/schema/schema.sql", schema);
    (sandbox, db)
}

/// `flash ARGS` in the project, with the test database's URL configured; the database's name shown as `[DB]`.
fn flash(sandbox: &Sandbox, db: &TestDatabase, args: &[&str]) -> Outcome {
    let mut outcome = sandbox.flash_with_env(args, &[("FLASH_IT_URL", &db.url)]);
    outcome.stdout = outcome
        .stdout
        .replace(&db.url, "[URL]")
        .replace(&db.name, "[DB]");
    outcome.stderr = outcome
        .stderr
        .replace(&db.url, "[URL]")
        .replace(&db.name, "[DB]");
    outcome
}

#[test]
fn inspect_from_a_url_prints_the_live_model() {
    let (sandbox, db) = postgres_project("", SHOP);
    let summary = flash(&sandbox, &db, &["inspect", "--from", &db.url]);
    assert_eq!(summary.code, Some(0), "{summary}");
    insta::assert_snapshot!(summary);
    let json = flash(&sandbox, &db, &["inspect", "--from", &db.url, "--json"]);
    assert_eq!(json.code, Some(0), "{json}");
    let live = from_snapshot_json("live.json", &json.stdout).expect("the JSON is a snapshot");
    assert_eq!(live.tables.len(), 1);
    assert_eq!(
        live.indexes.len(),
        1,
        "the primary key's index is the constraint's"
    );
}

#[test]
fn diff_between_a_database_and_its_own_files_prints_nothing_either_way() {
    let (sandbox, db) = postgres_project(SHOP, SHOP);
    for (from, to) in [
        (db.url.as_str(), "db/schema"),
        ("db/schema", db.url.as_str()),
        (db.url.as_str(), db.url.as_str()),
    ] {
        let outcome = flash(&sandbox, &db, &["diff", "--from", from, "--to", to]);
        assert_eq!(outcome.code, Some(0), "{outcome}");
        assert_eq!(outcome.stdout, "", "{from} -> {to}: {outcome}");
        assert!(outcome.stderr.contains("no differences"), "{outcome}");
    }
}

#[test]
fn diff_from_a_database_to_changed_files_runs_in_psql_and_leaves_nothing_to_do() {
    let changed = SHOP
        .replace("DEFAULT 'new'", "DEFAULT 'fresh'")
        .replace("'active'", "'on'");
    let (sandbox, db) = postgres_project(&changed, SHOP);
    let outcome = flash(
        &sandbox,
        &db,
        &["diff", "--from", &db.url, "--to", "db/schema"],
    );
    assert_eq!(outcome.code, Some(0), "{outcome}");
    insta::assert_snapshot!(outcome);
    db.run_sql(&outcome.stdout);
    let again = flash(
        &sandbox,
        &db,
        &["diff", "--from", &db.url, "--to", "db/schema"],
    );
    assert_eq!(again.stdout, "", "{again}");
}

#[test]
fn drift_is_exit_0_when_the_database_matches_and_3_with_a_report_when_not() {
    let (sandbox, db) = postgres_project(SHOP, SHOP);
    let clean = flash(&sandbox, &db, &["drift"]);
    assert_eq!(clean.code, Some(0), "{clean}");
    assert_eq!(clean.stdout, "no drift: [URL] matches db/schema\n");

    db.run_sql(
        "ALTER TABLE users ADD COLUMN nickname text; ALTER TABLE users ALTER COLUMN status SET DEFAULT 'old'; \
         DROP INDEX users_email_idx; CREATE TABLE audit (id int);",
    );
    let drifted = flash(&sandbox, &db, &["drift"]);
    assert_eq!(drifted.code, Some(3), "{drifted}");
    insta::assert_snapshot!("drift_report", drifted);
    let json = flash(&sandbox, &db, &["drift", "--json"]);
    assert_eq!(json.code, Some(3), "{json}");
    insta::assert_snapshot!("drift_json", json.stdout);
}

#[test]
fn drift_needs_a_database_url_and_says_how_to_give_one() {
    let (sandbox, _db) = postgres_project(SHOP, "");
    let outcome = sandbox.flash(&["drift"]);
    assert_eq!(outcome.code, Some(1), "{outcome}");
    assert!(
        outcome
            .stderr
            .starts_with("error: no database URL: set FLASH_IT_URL"),
        "{outcome}"
    );
}

#[test]
fn an_unreachable_database_is_one_sentence_with_the_password_masked() {
    let sandbox = Sandbox::new();
    let outcome = sandbox.flash(&["inspect", "--from", "postgres://app:s3cret@127.0.0.1:1/x"]);
    assert_eq!(outcome.code, Some(1), "{outcome}");
    assert!(
        outcome
            .stderr
            .starts_with("error: cannot connect to postgres://app:***@127.0.0.1:1/x: "),
        "{outcome}"
    );
    assert_eq!(
        outcome.stderr.matches("127.0.0.1:1").count(),
        1,
        "said once: {outcome}"
    );
    assert!(!outcome.stderr.contains("s3cret"), "{outcome}");
    assert_eq!(outcome.stderr.lines().count(), 1, "{outcome}");
}

#[test]
fn pull_writes_files_that_load_into_the_same_schema_and_backs_up_what_it_replaces() {
    let (sandbox, db) = postgres_project("", SHOP);
    sandbox
        .write("db/schema/old.sql", "CREATE TABLE old (id int);\n")
        .write("db/schema/more/other.sql", "CREATE TABLE other (id int);\n");
    let outcome = flash(&sandbox, &db, &["pull", "--backup"]);
    assert_eq!(outcome.code, Some(0), "{outcome}");
    let pulled = sandbox.read("db/schema/schema.sql");
    assert!(!sandbox.join("db/schema/old.sql").exists());
    assert!(!sandbox.join("db/schema/more/other.sql").exists());
    let backups: Vec<_> = std::fs::read_dir(sandbox.join("db/schema/.backup"))
        .expect("a backup directory")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(
        std::fs::read_to_string(backups[0].join("more/other.sql")).expect("kept"),
        "CREATE TABLE other (id int);\n"
    );
    // The pulled file is the project's schema now: no drift, and loaded elsewhere it is the same database.
    assert_eq!(flash(&sandbox, &db, &["drift"]).code, Some(0));
    let copy = TestDatabase::postgres("cli_pull_copy");
    copy.run_sql(&pulled);
    let same = flash(
        &sandbox,
        &db,
        &["diff", "--from", &db.url, "--to", &copy.url],
    );
    assert_eq!(same.stdout, "", "{same}");
    // Into a new directory nothing is replaced, so no flag is needed and nothing is copied.
    let again = flash(&sandbox, &db, &["pull", "-o", "elsewhere"]);
    assert_eq!(again.code, Some(0), "{again}");
    assert_eq!(sandbox.read("elsewhere/schema.sql"), pulled);
    assert!(!sandbox.join("elsewhere/.backup").exists());
    // Pulling again over an up-to-date schema.sql loses nothing either.
    let same_again = flash(&sandbox, &db, &["pull"]);
    assert_eq!(same_again.code, Some(0), "{same_again}");
}

#[test]
fn pull_never_replaces_a_schema_file_without_backup_or_force() {
    let (sandbox, db) = postgres_project("", SHOP);
    let hand = "CREATE TABLE hand_written (id int);\n";
    sandbox
        .write("db/schema/schema.sql", "-- an older pull, edited\n")
        .write("db/schema/hand.sql", hand);
    let refused = flash(&sandbox, &db, &["pull"]);
    assert_eq!(refused.code, Some(1), "{refused}");
    assert_eq!(refused.stderr.lines().count(), 1, "one sentence: {refused}");
    assert!(
        refused.stderr.contains("2 schema files")
            && refused.stderr.contains("hand.sql")
            && refused.stderr.contains("--backup")
            && refused.stderr.contains("--force"),
        "{refused}"
    );
    assert_eq!(sandbox.read("db/schema/hand.sql"), hand, "left as it was");
    assert_eq!(
        sandbox.read("db/schema/schema.sql"),
        "-- an older pull, edited\n",
        "left as it was"
    );
    let forced = flash(&sandbox, &db, &["pull", "--force"]);
    assert_eq!(forced.code, Some(0), "{forced}");
    assert!(!sandbox.join("db/schema/hand.sql").exists());
    assert!(
        !sandbox.join("db/schema/.backup").exists(),
        "--force keeps no copies"
    );
    assert!(sandbox
        .read("db/schema/schema.sql")
        .contains("CREATE TABLE"));
    assert_eq!(flash(&sandbox, &db, &["drift"]).code, Some(0));
}

#[test]
fn migrate_without_a_snapshot_starts_from_the_live_database() {
    let (sandbox, db) = postgres_project(
        &format!("{SHOP}CREATE TABLE posts (id int PRIMARY KEY, user_id bigint REFERENCES users (id));\n"),
        SHOP,
    );
    let outcome = flash(&sandbox, &db, &["migrate", "add_posts"]);
    assert_eq!(outcome.code, Some(0), "{outcome}");
    let dir = sandbox.join("db/migrations");
    let file = std::fs::read_dir(&dir)
        .expect("migrations")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "sql"))
        .expect("a migration file");
    let text = std::fs::read_to_string(file).expect("readable");
    let up = text.split("-- +migrate Down").next().unwrap_or_default();
    assert!(up.contains("CREATE TABLE public.posts"), "{text}");
    assert!(
        !up.contains("CREATE TABLE public.users"),
        "only what the database lacks: {text}"
    );
    // The baseline is the state the migration was made against: the live database's schema.
    let live = flash(&sandbox, &db, &["inspect", "--from", &db.url, "--json"]);
    let live = from_snapshot_json("live.json", &live.stdout).expect("snapshot JSON");
    assert!(
        text.starts_with(&format!("-- flash:baseline {}\n", fingerprint(&live))),
        "{text}"
    );
    // The Up brings the database to the files: nothing left to do.
    db.run_sql(up);
    assert_eq!(flash(&sandbox, &db, &["drift"]).code, Some(0));
}

#[test]
fn sqlite_database_files_are_inspected_drifted_and_pulled() {
    let sandbox = Sandbox::new();
    let schema = "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL DEFAULT '');\n\
                  CREATE INDEX notes_body ON notes (body);\n";
    sandbox
        .write(
            "flash.toml",
            "[database]\nprovider = \"sqlite\"\nurl_env = \"FLASH_IT_URL\"\n",
        )
        .write("db/schema/schema.sql", schema);
    let path = sandbox.join("app.db");
    let url = format!("sqlite://{}", path.display());
    let env = [("FLASH_IT_URL", url.as_str())];
    // No database file yet: an empty database, and Flash does not create the file to look at it.
    let missing = sandbox.flash_with_env(&["drift"], &env);
    assert_eq!(missing.code, Some(3), "{missing}");
    assert!(!path.exists());
    let out = std::process::Command::new("sqlite3")
        .arg(&path)
        .arg(schema)
        .output()
        .expect("sqlite3 runs");
    assert!(out.status.success());
    assert_eq!(sandbox.flash_with_env(&["drift"], &env).code, Some(0));
    let pulled = sandbox.flash_with_env(&["pull", "-o", "pulled"], &env);
    assert_eq!(pulled.code, Some(0), "{pulled}");
    let same = sandbox.flash_with_env(&["diff", "--from", &url, "--to", "pulled"], &env);
    assert_eq!(same.stdout, "", "{same}");
}

#[test]
fn drift_and_pull_help_explain_the_commands() {
    let sandbox = Sandbox::new();
    insta::assert_snapshot!("drift_help", sandbox.flash(&["drift", "--help"]));
    insta::assert_snapshot!("pull_help", sandbox.flash(&["pull", "--help"]));
}
