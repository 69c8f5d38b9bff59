//! The planner on small schemas (PostgreSQL, and MySQL events): orders that the phases alone would get wrong, cycles,
//! and the Down.

use flash_core::{Dialect, Schema};

use crate::{migration, plan, PlanError};

pub(super) fn schema(sql: &str) -> Schema {
    flash_parse::parse_str(Dialect::Postgres, "schema.sql", sql).expect("test schema parses")
}

pub(super) fn script(from: &str, to: &str) -> String {
    plan(&schema(from), &schema(to)).expect("plans").script()
}

pub(super) fn position(script: &str, needle: &str) -> usize {
    script
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in\n{script}"))
}

#[test]
fn a_view_is_created_after_the_view_it_reads_whatever_their_names() {
    let s = script(
        "",
        "CREATE VIEW a AS SELECT x FROM b;\nCREATE VIEW b AS SELECT 1 AS x;",
    );
    assert!(
        position(&s, "CREATE VIEW public.b") < position(&s, "CREATE VIEW public.a"),
        "{s}"
    );
}

#[test]
fn a_view_is_dropped_before_the_view_it_reads_whatever_their_names() {
    let s = script(
        "CREATE VIEW b AS SELECT x FROM a;\nCREATE VIEW a AS SELECT 1 AS x;",
        "",
    );
    assert!(
        position(&s, "DROP VIEW public.b") < position(&s, "DROP VIEW public.a"),
        "{s}"
    );
}

#[test]
fn a_function_used_by_a_default_exists_before_the_table() {
    let s = script(
        "",
        "CREATE TABLE t (id integer DEFAULT next_id());\n\
         CREATE FUNCTION next_id() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;",
    );
    assert!(
        position(&s, "FUNCTION public.next_id") < position(&s, "CREATE TABLE public.t"),
        "{s}"
    );
}

#[test]
fn a_table_using_a_new_function_still_gets_its_foreign_keys_after_it() {
    let s = script(
        "",
        "CREATE TABLE zz (id integer PRIMARY KEY);\n\
         CREATE TABLE t (id integer DEFAULT next_id(), zz_id integer REFERENCES zz (id));\n\
         CREATE FUNCTION next_id() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;",
    );
    let function = position(&s, "FUNCTION public.next_id");
    let table = position(&s, "CREATE TABLE public.t ");
    let foreign_key = position(&s, "ALTER TABLE public.t ADD CONSTRAINT t_zz_id_fkey");
    assert!(function < table && table < foreign_key, "{s}");
}

#[test]
fn a_sql_function_reading_a_table_comes_after_it() {
    let s = script(
        "",
        "CREATE FUNCTION a_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM zz $$;\n\
         CREATE TABLE zz (id integer);",
    );
    assert!(
        position(&s, "CREATE TABLE public.zz") < position(&s, "FUNCTION public.a_count"),
        "{s}"
    );
}

#[test]
fn a_cycle_is_an_error_naming_its_objects() {
    let to = schema("CREATE VIEW a AS SELECT x FROM b;\nCREATE VIEW b AS SELECT x FROM a;");
    let err = plan(&schema(""), &to).expect_err("a cycle cannot be ordered");
    assert_eq!(
        err,
        PlanError::Cycle {
            objects: vec!["create view public.a".into(), "create view public.b".into()]
        }
    );
    assert_eq!(
        err.to_string(),
        "the changes depend on each other in a cycle: create view public.a -> create view public.b"
    );
}

#[test]
fn a_rename_hint_kept_in_the_snapshot_and_removed_from_the_file_changes_nothing() {
    let hinted = schema("-- flash:renamed-from people\nCREATE TABLE users (\n  -- flash:renamed-from name\n  full_name text\n);");
    let plain = schema("CREATE TABLE users (full_name text);");
    assert!(plan(&hinted, &plain).expect("plans").is_empty());
    assert!(plan(&plain, &hinted).expect("plans").is_empty());
}

#[test]
fn the_down_renames_back_what_the_up_renamed() {
    let from = schema("CREATE TABLE people (name text);");
    let to = schema(
        "-- flash:renamed-from people\nCREATE TABLE users (\n  -- flash:renamed-from name\n  full_name text\n);",
    );
    let m = migration(&from, &to).expect("plans");
    assert_eq!(
        m.up.script(),
        "BEGIN;\nALTER TABLE public.people RENAME TO users;\n\
         ALTER TABLE public.users RENAME COLUMN name TO full_name;\nCOMMIT;\n"
    );
    assert_eq!(
        m.down.script(),
        "BEGIN;\nALTER TABLE public.users RENAME TO people;\n\
         ALTER TABLE public.people RENAME COLUMN full_name TO name;\nCOMMIT;\n"
    );
    assert!(m.irreversible.is_empty());
}

#[test]
fn the_down_of_a_dropped_column_says_its_values_are_gone() {
    let m = migration(
        &schema("CREATE TABLE users (id integer, bio text);"),
        &schema("CREATE TABLE users (id integer);"),
    )
    .expect("plans");
    assert!(
        m.down.script().contains("ADD COLUMN bio text"),
        "{}",
        m.down.script()
    );
    assert_eq!(
        m.irreversible,
        ["the values of column public.users.bio are not restored"]
    );
}

fn mysql(sql: &str) -> Schema {
    flash_parse::parse_str(Dialect::Mysql, "schema.sql", sql).expect("test schema parses")
}

const SESSIONS: &str = "CREATE TABLE sessions (id int PRIMARY KEY, at datetime NOT NULL);\n";

#[test]
fn an_event_comes_after_the_table_it_touches_and_goes_before_it() {
    let with_event = format!(
        "{SESSIONS}CREATE EVENT purge ON SCHEDULE EVERY 1 HOUR DO DELETE FROM sessions WHERE at < NOW();"
    );
    let m = migration(&mysql(""), &mysql(&with_event)).expect("plans");
    let (up, down) = (m.up.script(), m.down.script());
    assert!(
        position(&up, "CREATE TABLE `sessions`") < position(&up, "CREATE EVENT `purge`"),
        "{up}"
    );
    assert!(
        position(&down, "DROP EVENT `purge`") < position(&down, "DROP TABLE `sessions`"),
        "{down}"
    );
}

#[test]
fn a_changed_event_is_altered_whole_unless_it_loses_its_end() {
    let event = |schedule: &str, rest: &str| {
        mysql(&format!(
            "{SESSIONS}CREATE EVENT purge ON SCHEDULE {schedule} {rest} DO DELETE FROM sessions;"
        ))
    };
    let m = migration(
        &event("EVERY 1 HOUR", "COMMENT 'old'"),
        &event("EVERY 10 MINUTE", "ON COMPLETION PRESERVE DISABLE"),
    )
    .expect("plans");
    assert_eq!(
        m.up.script(),
        "ALTER EVENT `purge` ON SCHEDULE EVERY 10 MINUTE ON COMPLETION PRESERVE DISABLE COMMENT ''\n\
         DO DELETE FROM sessions;\n"
    );
    assert_eq!(
        m.down.script(),
        "ALTER EVENT `purge` ON SCHEDULE EVERY 1 HOUR ON COMPLETION NOT PRESERVE ENABLE COMMENT 'old'\n\
         DO DELETE FROM sessions;\n"
    );

    // ALTER EVENT keeps an ENDS it does not restate: taking one away is a drop and a create.
    let ends = event("EVERY 1 HOUR ENDS '2031-01-01'", "");
    let m = migration(&ends, &event("EVERY 1 HOUR", "")).expect("plans");
    let up = m.up.script();
    assert!(
        position(&up, "DROP EVENT `purge`") < position(&up, "CREATE EVENT `purge`"),
        "{up}"
    );
    assert!(
        m.down.script().starts_with(
            "ALTER EVENT `purge` ON SCHEDULE EVERY 1 HOUR ENDS '2031-01-01 00:00:00' "
        ),
        "{}",
        m.down.script()
    );

    let m = migration(
        &ends,
        &event("EVERY 1 HOUR ENDS '2031-01-01'", "COMMENT 'x'"),
    )
    .expect("plans");
    assert_eq!(m.up.script(), "ALTER EVENT `purge` COMMENT 'x';\n");
}
