//! The planner on small PostgreSQL schemas: orders that the phases alone would get wrong, cycles, and the Down.

use flash_core::{Dialect, Schema};

use crate::{migration, plan, PlanError};

fn schema(sql: &str) -> Schema {
    flash_parse::parse_str(Dialect::Postgres, "schema.sql", sql).expect("test schema parses")
}

fn script(from: &str, to: &str) -> String {
    plan(&schema(from), &schema(to)).expect("plans").script()
}

fn position(script: &str, needle: &str) -> usize {
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
