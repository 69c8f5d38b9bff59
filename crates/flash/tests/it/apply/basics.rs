//! Applying in order, transactions and steps, resuming, --count, --dry-run, status, checksums, output.

use super::{filter_times, filter_timestamps, flash, migration, project, Db, PROVIDERS};

/// Points 1, 2, 9: the table is created on first use; migrations run in id order with one line and a duration each;
/// a second apply finds nothing pending.
#[test]
fn applies_in_order_and_records_each() {
    for provider in PROVIDERS {
        let sb = project(provider);
        let db = Db::new(provider, &sb, "apply_order");
        migration(
            &sb,
            "20260101000002_b",
            "CREATE TABLE b (id int);",
            "DROP TABLE b;",
        );
        migration(
            &sb,
            "20260101000001_a",
            "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);",
            "DROP TABLE a;",
        );
        let out = flash(&sb, &db, &["apply"]);
        assert_eq!(out.code, Some(0), "{provider}: {out}");
        assert_eq!(
            filter_times(&out.stdout),
            "applied 20260101000001_a in [TIME]\napplied 20260101000002_b in [TIME]\n",
            "{provider}"
        );
        assert_eq!(db.tables(), "_flash_migrations,a,b", "{provider}");
        let steps = if provider == "mysql" { 2 } else { 1 };
        assert_eq!(
            db.rows(),
            format!("20260101000001_a:{steps}:yes 20260101000002_b:1:yes"),
            "{provider}"
        );
        let again = flash(&sb, &db, &["apply"]);
        assert_eq!(again.code, Some(0));
        assert_eq!(
            again.stdout,
            "nothing pending: 2 migrations applied, the database is up to date\n"
        );
    }
}

/// Point 2: a file older than the newest applied one is refused unless --allow-out-of-order.
#[test]
fn out_of_order_files_need_a_flag() {
    let sb = project("sqlite");
    let db = Db::new("sqlite", &sb, "out_of_order");
    migration(
        &sb,
        "20260101000003_c",
        "CREATE TABLE c (id int);",
        "DROP TABLE c;",
    );
    assert_eq!(flash(&sb, &db, &["apply"]).code, Some(0));
    migration(
        &sb,
        "20260101000002_b",
        "CREATE TABLE b (id int);",
        "DROP TABLE b;",
    );
    let out = flash(&sb, &db, &["apply"]);
    assert_eq!(out.code, Some(1));
    insta::assert_snapshot!(out.stderr, @"error: pending migration 20260101000002_b is older than 20260101000003_c, the newest applied migration; apply them anyway with --allow-out-of-order\n");
    assert!(
        !out.stderr.contains("Usage"),
        "no usage dump after a runtime error"
    );
    let out = flash(&sb, &db, &["apply", "--allow-out-of-order"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(db.tables(), "_flash_migrations,b,c");
}

/// Point 2: on PostgreSQL and SQLite a failing migration leaves nothing behind (its statements and its row commit
/// together); the error names the migration, the statement with its line, and the database's message (point 9).
/// Fixing the file lets the next apply run it whole.
#[test]
fn a_failing_transactional_migration_leaves_nothing() {
    for provider in ["postgresql", "sqlite"] {
        let sb = project(provider);
        let db = Db::new(provider, &sb, "apply_fail");
        migration(
            &sb,
            "20260101000001_a",
            "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\nINSERT INTO missing_table VALUES (1);\nCREATE TABLE z (id int);",
            "DROP TABLE a;",
        );
        let out = flash(&sb, &db, &["apply"]);
        assert_eq!(out.code, Some(1), "{out}");
        let first = out.stderr.lines().next().unwrap_or_default();
        assert_eq!(
            first,
            "error: migration 20260101000001_a failed at db/migrations/20260101000001_a.sql:4: INSERT INTO missing_table VALUES (1)"
        );
        assert!(
            out.stderr.contains("missing_table"),
            "{provider}: the database's own message: {out}"
        );
        assert!(
            out.stderr
                .contains("0 of 1 step of 20260101000001_a recorded"),
            "{out}"
        );
        assert_eq!(
            db.tables(),
            "_flash_migrations",
            "{provider}: the transaction was rolled back"
        );
        assert_eq!(db.rows(), "20260101000001_a:0:no");
        let status = flash(&sb, &db, &["status"]);
        assert!(
            status
                .stdout
                .starts_with("failed    20260101000001_a  stopped after 0 of 1 steps"),
            "{status}"
        );
        assert!(status.stdout.contains("line 4: "), "{status}");

        migration(
            &sb,
            "20260101000001_a",
            "CREATE TABLE a (id int);\nCREATE TABLE z (id int);",
            "DROP TABLE a;",
        );
        let out = flash(&sb, &db, &["apply"]);
        assert_eq!(out.code, Some(0), "{provider}: {out}");
        assert_eq!(db.tables(), "_flash_migrations,a,z");
        assert_eq!(db.rows(), "20260101000001_a:1:yes");
    }
}

/// Point 2: MySQL runs statement by statement with progress recorded: the error names the statement and what
/// remains, and the next apply continues after the last statement done.
#[test]
fn mysql_resumes_after_the_last_statement_done() {
    let sb = project("mysql");
    let db = Db::new("mysql", &sb, "apply_resume");
    migration(
        &sb,
        "20260101000001_a",
        "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nINSERT INTO later VALUES (1);\nCREATE TABLE c (id int);",
        "DROP TABLE c;\nDROP TABLE b;\nDROP TABLE a;",
    );
    let out = flash(&sb, &db, &["apply"]);
    assert_eq!(out.code, Some(1));
    insta::assert_snapshot!(out.stderr.replace(db.name(), "[DB]"), @r"
    error: migration 20260101000001_a failed at db/migrations/20260101000001_a.sql:4: INSERT INTO later VALUES (1)
    Table '[DB].later' doesn't exist (SQLSTATE 42S02)
    2 of 4 steps of 20260101000001_a recorded; steps 3 to 4 and 0 later migrations not applied. Fix the statement and run `flash apply` again to continue from there.
    ");
    assert_eq!(db.tables(), "_flash_migrations,a,b");
    assert_eq!(db.rows(), "20260101000001_a:2:no");
    db.sql("CREATE TABLE later (id int);");
    let out = flash(&sb, &db, &["apply"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        filter_times(&out.stdout),
        "applied 20260101000001_a in [TIME] (resumed after step 2 of 4)\n"
    );
    assert_eq!(db.tables(), "_flash_migrations,a,b,c,later");
    assert_eq!(db.sql("SELECT count(*) FROM later"), "1");
}

/// MariaDB will not take `CREATE EVENT` or `ALTER EVENT` with a body inside the compound statement a MySQL migration
/// runs in (error 1576): the migration goes statement by statement instead, event bodies with statements of their
/// own included, and rolls back the same way. (An ALTER EVENT that does not restate the status keeps it.)
#[test]
fn mysql_applies_and_rolls_back_events() {
    let sb = project("mysql");
    let db = Db::new("mysql", &sb, "apply_events");
    migration(
        &sb,
        "20260101000001_a",
        "CREATE TABLE a (id int);
         CREATE EVENT e ON SCHEDULE EVERY 1 HOUR DISABLE DO DELETE FROM a;
         DELIMITER $$
         ALTER EVENT e ON SCHEDULE EVERY 2 HOUR DO BEGIN DELETE FROM a WHERE id = 1; DELETE FROM a; END$$
         DELIMITER ;",
        "DROP EVENT e;
DROP TABLE a;",
    );
    let out = flash(&sb, &db, &["apply"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(db.rows(), "20260101000001_a:3:yes");
    assert_eq!(
        db.sql("SELECT CONCAT(INTERVAL_VALUE, ' ', INTERVAL_FIELD, ' ', STATUS) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()"),
        "2 HOUR DISABLED"
    );
    let out = flash(&sb, &db, &["down"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        db.sql("SELECT count(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()"),
        "0"
    );
}

/// Point 2: `-- flash:no-transaction` statements run on their own, each counted as a step — PostgreSQL's
/// `ALTER TYPE ... ADD VALUE` before the transaction, `CREATE INDEX CONCURRENTLY` after it.
#[test]
fn postgres_no_transaction_statements_are_steps() {
    let sb = project("postgresql");
    let db = Db::new("postgresql", &sb, "apply_notx");
    db.sql("CREATE TYPE mood AS ENUM ('ok'); CREATE TABLE t (id int, m mood);");
    migration(
        &sb,
        "20260101000001_a",
        "-- flash:no-transaction\nALTER TYPE mood ADD VALUE 'meh';\nINSERT INTO t VALUES (1, 'meh');\nALTER TABLE t ADD COLUMN n int;\n-- flash:no-transaction\nCREATE INDEX CONCURRENTLY t_n ON t (n);",
        "DROP INDEX t_n;",
    );
    let out = flash(&sb, &db, &["apply"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(db.rows(), "20260101000001_a:3:yes");
    assert_eq!(
        db.sql("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_n'::regclass"),
        "t"
    );
    assert_eq!(db.sql("SELECT m FROM t"), "meh");
}

/// Point 3: --count and --dry-run; a dry run changes nothing, not even the tracking table.
#[test]
fn count_and_dry_run() {
    for provider in PROVIDERS {
        let sb = project(provider);
        let db = Db::new(provider, &sb, "apply_count");
        migration(
            &sb,
            "20260101000001_a",
            "CREATE TABLE a (id int);",
            "DROP TABLE a;",
        );
        migration(
            &sb,
            "20260101000002_b",
            "-- a comment\nCREATE TABLE b (id int);",
            "DROP TABLE b;",
        );
        let out = flash(&sb, &db, &["apply", "--dry-run"]);
        assert_eq!(out.code, Some(0), "{out}");
        insta::assert_snapshot!(format!("dry_run_{provider}"), out.to_string());
        assert_eq!(db.tables(), "", "{provider}: a dry run creates nothing");
        let out = flash(&sb, &db, &["apply", "--count", "1"]);
        assert_eq!(
            filter_times(&out.stdout),
            "applied 20260101000001_a in [TIME]\n"
        );
        assert_eq!(db.tables(), "_flash_migrations,a");
        let out = flash(&sb, &db, &["apply", "--dry-run"]);
        assert_eq!(
            out.stdout,
            "-- 20260101000002_b (1 statement)\nCREATE TABLE b (id int);\n"
        );
    }
}

/// Point 6: an applied file edited afterwards shows as modified; apply exits 6 naming it, until `flash repair`.
#[test]
fn an_edited_applied_file_stops_apply_until_repair() {
    let sb = project("postgresql");
    let db = Db::new("postgresql", &sb, "apply_checksum");
    migration(
        &sb,
        "20260101000001_a",
        "CREATE TABLE a (id int);",
        "DROP TABLE a;",
    );
    assert_eq!(flash(&sb, &db, &["apply"]).code, Some(0));
    migration(
        &sb,
        "20260101000001_a",
        "CREATE TABLE a (id bigint);",
        "DROP TABLE a;",
    );
    migration(
        &sb,
        "20260101000002_b",
        "CREATE TABLE b (id int);",
        "DROP TABLE b;",
    );
    let status = flash(&sb, &db, &["status"]);
    assert!(
        status
            .stdout
            .starts_with("modified  20260101000001_a  applied at "),
        "{status}"
    );
    let out = flash(&sb, &db, &["apply"]);
    assert_eq!(out.code, Some(6), "{out}");
    insta::assert_snapshot!(out.stderr, @r"
    error: db/migrations/20260101000001_a.sql was changed after it was applied (its checksum no longer matches _flash_migrations)
    restore the file(s), or run `flash repair` to record the new checksums on purpose
    ");
    assert_eq!(flash(&sb, &db, &["validate"]).code, Some(6));
    let out = flash(&sb, &db, &["repair"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(
        out.stdout
            .contains("(the file was changed after it was applied)"),
        "{out}"
    );
    assert_eq!(flash(&sb, &db, &["apply"]).code, Some(0));
    assert_eq!(db.tables(), "_flash_migrations,a,b");
}

/// Point 7: status, human and --json, with the times filtered.
#[test]
fn status_lists_every_state() {
    let sb = project("sqlite");
    let db = Db::new("sqlite", &sb, "status");
    migration(
        &sb,
        "20260101000001_a",
        "CREATE TABLE a (id int);",
        "DROP TABLE a;",
    );
    migration(
        &sb,
        "20260101000002_b",
        "CREATE TABLE b (id int);\nSELECT * FROM nope;",
        "DROP TABLE b;",
    );
    migration(
        &sb,
        "20260101000003_c",
        "CREATE TABLE c (id int);",
        "DROP TABLE c;",
    );
    assert_eq!(flash(&sb, &db, &["apply"]).code, Some(1));
    let times = |s: &str| {
        s.lines()
            .map(|l| match l.find("\"20") {
                Some(i) if l.contains("_at\"") => format!("{}\"[TIME]\",", &l[..i]),
                _ => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let out = flash(&sb, &db, &["status", "--json"]);
    insta::assert_snapshot!(times(&out.stdout));
    let out = flash(&sb, &db, &["status"]);
    insta::assert_snapshot!(filter_timestamps(&out.stdout));
}

/// Point 7: validate lists hazards and stops on a file that does not parse, with its path:line:col.
#[test]
fn validate_reports_parse_errors_and_hazards() {
    let sb = project("postgresql");
    let db = Db::new("postgresql", &sb, "validate");
    migration(
        &sb,
        "20260101000001_a",
        "CREATE TABLE a (id int);\nDROP TABLE old_stuff;",
        "",
    );
    let out = flash(&sb, &db, &["validate"]);
    assert_eq!(out.code, Some(0), "{out}");
    insta::assert_snapshot!(out.stdout, @r"
    ok  db/migrations/20260101000001_a.sql (2 statements)
        hazard DATA_LOSS drops table old_stuff
    1 migration files valid
    ");
    // Without a database: the files alone.
    let out = sb.flash(&["validate"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        out.stderr,
        "no database configured: the files are checked, their checksums are not\n"
    );
    migration(&sb, "20260101000002_b", "CREATE TABLE b (id int,,);", "");
    let out = flash(&sb, &db, &["validate"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.starts_with(
            "error: db/migrations/20260101000002_b.sql:2:24: syntax error at or near \",\""
        ),
        "{out}"
    );
}
