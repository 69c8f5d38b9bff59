//! `flash pull` round trips (issue 5, acceptance 5), one per dialect, on a database holding every object kind Flash
//! models: pull it, load the pulled file into an empty database with the dialect's own client, and require
//! `flash diff` between the two databases to print no statement — and the pulled files, read back as the project's
//! schema, to show no drift from the original.

use std::path::Path;

use flash_test::TestDatabase;

use crate::{Outcome, Sandbox};

fn dump(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../flash_parse/tests/dumps")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A project whose schema files live in `pulled/` and whose database is `url`.
fn project(provider: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write(
        "flash.toml",
        &format!("schema_dir = \"pulled\"\n[database]\nprovider = \"{provider}\"\nurl_env = \"FLASH_IT_URL\"\n"),
    );
    sandbox
}

fn flash(sandbox: &Sandbox, url: &str, args: &[&str]) -> Outcome {
    sandbox.flash_with_env(args, &[("FLASH_IT_URL", url)])
}

/// Pulls `original`, hands the pulled file to `load` (which builds a fresh database from it and returns its URL,
/// and the database itself when it must outlive the call), then checks both databases are the same schema and the
/// pulled files are the original's.
fn round_trip(
    provider: &str,
    original: &str,
    load: impl FnOnce(&str) -> (String, Option<TestDatabase>),
) {
    let sandbox = project(provider);
    let pulled = flash(&sandbox, original, &["pull"]);
    assert_eq!(pulled.code, Some(0), "{pulled}");
    let text = sandbox.read("pulled/schema.sql");
    let (copy, _keep) = load(&text);
    let diff = flash(
        &sandbox,
        original,
        &["diff", "--from", original, "--to", &copy],
    );
    assert_eq!(diff.code, Some(0), "{diff}");
    assert_eq!(
        diff.stdout, "",
        "the pulled schema loads into a different database:\n{diff}\n{text}"
    );
    let drift = flash(&sandbox, original, &["drift"]);
    assert_eq!(
        drift.code,
        Some(0),
        "the pulled files read back differently:\n{drift}\n{text}"
    );
}

#[test]
fn postgres_pull_round_trip_on_every_object_kind() {
    let original = TestDatabase::postgres("pull_rt_from");
    original.run_sql(&dump("postgres_every_object.sql"));
    round_trip("postgresql", &original.url, |text| {
        let copy = TestDatabase::postgres("pull_rt_to");
        copy.run_sql(text);
        (copy.url.clone(), Some(copy))
    });
}

#[test]
fn mysql_pull_round_trip_on_every_object_kind() {
    let original = TestDatabase::mysql("pull_rt_from");
    original.run_sql(&dump("mysql_every_object.sql"));
    round_trip("mysql", &original.url, |text| {
        let copy = TestDatabase::mysql("pull_rt_to");
        copy.run_sql(text);
        (copy.url.clone(), Some(copy))
    });
}

/// MariaDB events of every shape the model holds, pulled and loaded again a moment later: a start the server set
/// when the event was made, or computed from `CURRENT_TIMESTAMP`, must not make the two databases differ.
#[test]
fn mysql_pull_round_trip_keeps_events() {
    let original = TestDatabase::mysql("pull_ev_from");
    original.run_sql(
        "CREATE TABLE sessions (id int PRIMARY KEY, expires_at datetime NOT NULL);
CREATE EVENT purge_old ON SCHEDULE EVERY 10 MINUTE DISABLE DO DELETE FROM sessions WHERE expires_at < NOW();
CREATE EVENT `nightly report` ON SCHEDULE EVERY '1:30' HOUR_MINUTE STARTS '2030-01-01' ENDS '2031-01-01 02:30'
  ON COMPLETION PRESERVE COMMENT 'it''s nightly' DO INSERT INTO sessions VALUES (0, NOW());
CREATE EVENT once ON SCHEDULE AT CURRENT_TIMESTAMP + INTERVAL 1 YEAR DISABLE ON SLAVE DO DELETE FROM sessions;
CREATE EVENT later ON SCHEDULE EVERY 1 DAY STARTS CURRENT_TIMESTAMP + INTERVAL 1 DAY DO DELETE FROM sessions;
DELIMITER $$
CREATE EVENT compound ON SCHEDULE EVERY 2 HOUR DO BEGIN
  DELETE FROM sessions WHERE id = 1;
  DELETE FROM sessions WHERE id = 2;
END$$
DELIMITER ;",
    );
    round_trip("mysql", &original.url, |text| {
        assert_eq!(text.matches("CREATE EVENT").count(), 5, "{text}");
        // A second apart at least, so that a start taken from the clock would differ.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let copy = TestDatabase::mysql("pull_ev_to");
        copy.run_sql(text);
        (copy.url.clone(), Some(copy))
    });
}

/// Every object kind Flash models for SQLite.
const SQLITE_EVERY_OBJECT: &str = r#"
CREATE TABLE authors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL COLLATE NOCASE,
    email TEXT UNIQUE,
    born INTEGER CHECK (born > 1800),
    bio TEXT DEFAULT '' NOT NULL
);
CREATE TABLE books (
    id INTEGER NOT NULL,
    author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    pages INTEGER,
    words INTEGER GENERATED ALWAYS AS (pages * 300) VIRTUAL,
    PRIMARY KEY (id),
    CONSTRAINT books_pages_check CHECK (pages IS NULL OR pages > 0)
);
CREATE TABLE tags (name TEXT PRIMARY KEY, weight REAL NOT NULL DEFAULT 1.0) WITHOUT ROWID;
CREATE TABLE settings (key TEXT PRIMARY KEY, value ANY) STRICT;
CREATE INDEX books_title ON books (lower(title));
CREATE UNIQUE INDEX books_author_title ON books (author_id, title) WHERE pages IS NOT NULL;
CREATE VIEW long_books AS SELECT id, title FROM books WHERE pages > 500;
CREATE TRIGGER books_touch AFTER UPDATE OF title ON books FOR EACH ROW WHEN new.title <> old.title
BEGIN
    UPDATE authors SET bio = bio || '.' WHERE id = new.author_id;
END;
"#;

#[test]
fn sqlite_pull_round_trip_on_every_object_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = |path: &Path, sql: &str| {
        use std::io::Write as _;
        let mut child = std::process::Command::new("sqlite3")
            .arg("-bail")
            .arg(path)
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("sqlite3 runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(sql.as_bytes())
            .expect("script written");
        let out = child.wait_with_output().expect("sqlite3 ends");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let original = dir.path().join("original.db");
    sqlite(&original, SQLITE_EVERY_OBJECT);
    let copy = dir.path().join("copy.db");
    round_trip(
        "sqlite",
        &format!("sqlite://{}", original.display()),
        |text| {
            sqlite(&copy, text);
            (format!("sqlite://{}", copy.display()), None)
        },
    );
}
