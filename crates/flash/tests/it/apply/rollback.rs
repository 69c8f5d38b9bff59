//! Point 7: down (by steps, to an id, from the stored Down when the file is gone), reset, baseline.

use super::{flash, migration, project, Db, PROVIDERS};

fn three(sb: &crate::Sandbox) {
    migration(
        sb,
        "20260101000001_a",
        "CREATE TABLE a (id int);",
        "DROP TABLE a;",
    );
    migration(
        sb,
        "20260101000002_b",
        "CREATE TABLE b (id int);",
        "DROP TABLE b;",
    );
    migration(
        sb,
        "20260101000003_c",
        "CREATE TABLE c (id int);",
        "DROP TABLE c;",
    );
}

#[test]
fn down_rolls_back_newest_first() {
    for provider in PROVIDERS {
        let sb = project(provider);
        let db = Db::new(provider, &sb, "down");
        three(&sb);
        assert_eq!(flash(&sb, &db, &["apply"]).code, Some(0));
        let out = flash(&sb, &db, &["down"]);
        assert_eq!(out.code, Some(0), "{provider}: {out}");
        assert!(
            out.stdout.starts_with("rolled back 20260101000003_c in "),
            "{out}"
        );
        assert_eq!(db.tables(), "_flash_migrations,a,b", "{provider}");
        // The file is gone: the Down stored in _flash_migrations still works.
        std::fs::remove_file(sb.join("db/migrations/20260101000002_b.sql")).expect("rm");
        let status = flash(&sb, &db, &["status"]);
        assert!(
            status
                .stdout
                .contains("missing   20260101000002_b  recorded in _flash_migrations, no file"),
            "{status}"
        );
        let out = flash(&sb, &db, &["down", "--steps", "2"]);
        assert_eq!(out.code, Some(0), "{provider}: {out}");
        assert_eq!(db.tables(), "_flash_migrations", "{provider}");
        let status = flash(&sb, &db, &["status"]);
        assert!(
            status
                .stdout
                .contains("pending   20260101000001_a  rolled back at "),
            "{status}"
        );
        // Rolled back is pending again.
        assert_eq!(flash(&sb, &db, &["apply"]).code, Some(0));
        assert_eq!(db.tables(), "_flash_migrations,a,c", "{provider}");
    }
}

#[test]
fn down_to_an_id_and_a_missing_down() {
    let sb = project("postgresql");
    let db = Db::new("postgresql", &sb, "down_id");
    three(&sb);
    migration(
        &sb,
        "20260101000004_d",
        "CREATE TABLE d (id int);",
        "-- flash:irreversible nothing to undo with",
    );
    assert_eq!(flash(&sb, &db, &["apply"]).code, Some(0));
    let out = flash(&sb, &db, &["down"]);
    assert_eq!(out.code, Some(1));
    insta::assert_snapshot!(out.stderr, @"error: 20260101000004_d has no Down to roll back with (its Down section is empty)\n");
    std::fs::remove_file(sb.join("db/migrations/20260101000004_d.sql")).expect("rm");
    db.sql("DROP TABLE d; DELETE FROM _flash_migrations WHERE id = '20260101000004_d';");
    let out = flash(&sb, &db, &["down", "20260101000002_b"]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(db.tables(), "_flash_migrations,a");
}

/// Without a terminal and without --force, reset refuses in one sentence and never waits for input.
#[test]
fn reset_needs_force_without_a_terminal() {
    for provider in PROVIDERS {
        let sb = project(provider);
        let db = Db::new(provider, &sb, "reset");
        three(&sb);
        assert_eq!(flash(&sb, &db, &["apply"]).code, Some(0));
        // `Sandbox::flash` gives the child no terminal: stdin is whatever the test has (closed or a pipe).
        let out = flash(&sb, &db, &["reset"]);
        assert_eq!(out.code, Some(1));
        assert_eq!(
            out.stderr,
            "error: refusing to reset without --force: there is no terminal to confirm on\n"
        );
        assert_eq!(db.tables(), "_flash_migrations,a,b,c");
        let out = flash(&sb, &db, &["reset", "--force"]);
        assert_eq!(out.code, Some(0), "{provider}: {out}");
        assert!(
            out.stdout
                .ends_with("reset: 3 migrations rolled back, _flash_migrations dropped\n"),
            "{out}"
        );
        assert_eq!(db.tables(), "", "{provider}");
    }
}

/// baseline: a database made some other way is recorded as up to date, and apply then finds nothing pending.
#[test]
fn baseline_adopts_an_existing_database() {
    for provider in PROVIDERS {
        let sb = project(provider);
        let db = Db::new(provider, &sb, "baseline");
        three(&sb);
        db.sql("CREATE TABLE a (id int); CREATE TABLE b (id int); CREATE TABLE c (id int);");
        let out = flash(&sb, &db, &["baseline"]);
        assert_eq!(out.code, Some(0), "{provider}: {out}");
        assert!(
            out.stdout
                .ends_with("baseline: 3 migrations recorded as applied without running\n"),
            "{out}"
        );
        let out = flash(&sb, &db, &["apply"]);
        assert_eq!(
            out.stdout, "nothing pending: 3 migrations applied, the database is up to date\n",
            "{provider}"
        );
        migration(
            &sb,
            "20260101000004_d",
            "CREATE TABLE d (id int);",
            "DROP TABLE d;",
        );
        assert_eq!(flash(&sb, &db, &["apply"]).code, Some(0));
        assert_eq!(db.tables(), "_flash_migrations,a,b,c,d", "{provider}");
    }
}
