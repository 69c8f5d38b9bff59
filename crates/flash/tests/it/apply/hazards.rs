//! Point 3 (hazards from the statements, lint, --allow-hazards, --force-after-drift) and point 8 (pre-flight).

use super::{flash, migration, project, Db, PROVIDERS};

/// A hand-written `DROP TABLE` in a file without a hazard header is caught; --allow-hazards lets it through.
#[test]
fn hand_written_hazards_block_apply() {
    for provider in PROVIDERS {
        let sb = project(provider);
        let db = Db::new(provider, &sb, "hazard_block");
        migration(
            &sb,
            "20260101000001_a",
            "CREATE TABLE a (id int, bio text);",
            "DROP TABLE a;",
        );
        assert_eq!(flash(&sb, &db, &["apply"]).code, Some(0));
        migration(
            &sb,
            "20260101000002_b",
            "ALTER TABLE a DROP COLUMN bio;\nDROP TABLE a;",
            "",
        );
        let out = flash(&sb, &db, &["apply"]);
        assert_eq!(out.code, Some(5), "{provider}: {out}");
        assert_eq!(
            out.stderr,
            "hazard: db/migrations/20260101000002_b.sql: DATA_LOSS drops column a.bio\n\
             hazard: db/migrations/20260101000002_b.sql: DATA_LOSS drops table a\n\
             error: nothing was applied: 2 hazards not allowed; review them, then pass --allow-hazards data-loss\n",
            "{provider}"
        );
        assert_eq!(db.tables(), "_flash_migrations,a");
        assert_eq!(
            flash(&sb, &db, &["apply", "--allow-hazards", "long-lock"]).code,
            Some(5)
        );
        let out = flash(&sb, &db, &["apply", "--allow-hazards", "DATA_LOSS"]);
        assert_eq!(out.code, Some(0), "{provider}: {out}");
        assert_eq!(db.tables(), "_flash_migrations");
    }
}

/// `flash lint` shows the same analysis, with each statement's line, and exits 5 on a blocking hazard.
#[test]
fn lint_shows_statement_hazards_with_lines() {
    let sb = project("postgresql");
    sb.write(
        "db/migrations/20260101000001_a.sql",
        "-- flash:hazard DATA_LOSS drops column public.users.bio\n-- +migrate Up\n\
         ALTER TABLE public.users DROP COLUMN bio;\n\
         CREATE INDEX users_name ON users (name);\n\
         ALTER TABLE users ALTER COLUMN age TYPE bigint;\n\
         ALTER TABLE users ADD COLUMN email text NOT NULL;\n\
         ALTER TABLE users ALTER COLUMN name SET NOT NULL;\n\
         ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n\
         TRUNCATE audit;\n\
         CREATE TABLE fresh (id int);\n\
         CREATE INDEX fresh_id ON fresh (id);\n\
         -- +migrate Down\n",
    );
    let out = sb.flash(&["lint"]);
    assert_eq!(out.code, Some(5));
    insta::assert_snapshot!(out.to_string());
    sb.write("ok.sql", "-- +migrate Up\nCREATE TABLE t (id int);\n");
    let out = sb.flash(&["lint", "ok.sql", "--dialect", "sqlite"]);
    assert_eq!(out.code, Some(0), "{out}");
}

/// The first pending migration's baseline must be the schema the database is at; --force-after-drift overrides.
#[test]
fn baseline_mismatch_stops_apply_until_forced() {
    let sb = project("sqlite");
    let db = Db::new("sqlite", &sb, "drift");
    sb.write(
        "db/migrations/20260101000001_a.sql",
        "-- flash:baseline 0123456789abcdef\n-- +migrate Up\nCREATE TABLE a (id int);\n",
    );
    let out = flash(&sb, &db, &["apply"]);
    assert_eq!(out.code, Some(3), "{out}");
    assert!(
        out.stderr.starts_with("error: db/migrations/20260101000001_a.sql was generated against schema 0123456789ab, but the database is at schema "),
        "{out}"
    );
    assert!(out.stderr.contains("--force-after-drift"), "{out}");
    assert_eq!(db.tables(), "_flash_migrations");
    let out = flash(&sb, &db, &["apply", "--force-after-drift"]);
    assert_eq!(out.code, Some(0), "{out}");
}

/// Migrations made by `flash migrate` chain their baselines: the second applies after the first with no flag.
#[test]
fn migrate_then_apply_chains_baselines() {
    let sb = project("sqlite");
    let db = Db::new("sqlite", &sb, "chain");
    sb.write(
        "db/schema/a.sql",
        "CREATE TABLE a (id INTEGER PRIMARY KEY);\n",
    );
    assert_eq!(sb.flash(&["migrate", "first"]).code, Some(0));
    assert_eq!(flash(&sb, &db, &["apply"]).code, Some(0));
    sb.write(
        "db/schema/b.sql",
        "CREATE TABLE b (id INTEGER PRIMARY KEY);\n",
    );
    assert_eq!(sb.flash(&["migrate", "second"]).code, Some(0));
    let out = flash(&sb, &db, &["apply"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(db.tables(), "_flash_migrations,a,b");
}

/// Point 8: a NOT NULL column without default on a table with rows, and a unique key over duplicate rows, are
/// reported before anything runs, with table, column, row count and the fix.
#[test]
fn preflight_reports_rows_that_would_fail() {
    for provider in PROVIDERS {
        let sb = project(provider);
        let db = Db::new(provider, &sb, "preflight");
        migration(
            &sb,
            "20260101000001_a",
            "CREATE TABLE users (id int, email varchar(100), name varchar(100));\n\
             INSERT INTO users VALUES (1, 'a@x', 'a'), (2, 'a@x', 'b'), (3, 'c@x', 'c'), (4, 'c@x', NULL);",
            "DROP TABLE users;",
        );
        assert_eq!(flash(&sb, &db, &["apply"]).code, Some(0));
        migration(
            &sb,
            "20260101000002_b",
            "CREATE TABLE marker (id int);",
            "DROP TABLE marker;",
        );
        migration(
            &sb,
            "20260101000003_c",
            "ALTER TABLE users ADD COLUMN age int NOT NULL;\nCREATE UNIQUE INDEX users_email ON users (email);",
            "",
        );
        let out = flash(&sb, &db, &["apply", "--allow-hazards", "all"]);
        assert_eq!(out.code, Some(1), "{provider}: {out}");
        insta::assert_snapshot!(format!("preflight_{provider}"), out.stderr);
        assert_eq!(
            db.tables(),
            "_flash_migrations,users",
            "{provider}: nothing ran, not even the first migration"
        );
    }
}

/// --lock-timeout: a held lock makes apply give up after the timeout, naming who holds it.
#[test]
fn lock_timeout_names_the_holder() {
    let sb = project("postgresql");
    let db = Db::new("postgresql", &sb, "lock_timeout");
    migration(
        &sb,
        "20260101000001_a",
        "CREATE TABLE a (id int);",
        "DROP TABLE a;",
    );
    let mut holder = std::process::Command::new("psql")
        .arg(db.url.as_str())
        .args([
            "-X",
            "-q",
            "-c",
            "SELECT pg_advisory_lock(439904990056)",
            "-c",
            "SELECT pg_sleep(30)",
        ])
        .env("PGAPPNAME", "the_holder")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("psql starts");
    // Until psql holds the lock. Other tests take advisory locks on the same server at the same time, so only this
    // database's lock held by this holder counts.
    let held = "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) \
                WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'the_holder' \
                AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
    let mut waited = 0;
    while db.sql(held) != "1" {
        assert!(
            waited < 200,
            "psql did not take the advisory lock within 10 s"
        );
        waited += 1;
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = flash(&sb, &db, &["apply", "--lock-timeout", "0.5"]);
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(out.code, Some(1), "{out}");
    assert!(
        out.stderr
            .contains("waiting up to 0.5 s for the migration lock, held by process "),
        "{out}"
    );
    assert!(out.stderr.contains("error: cannot take the migration lock: the migration lock is still held after 0.5 s, by process "), "{out}");
    assert!(out.stderr.contains("(the_holder, user postgres"), "{out}");
    assert_eq!(db.tables(), "");
}
