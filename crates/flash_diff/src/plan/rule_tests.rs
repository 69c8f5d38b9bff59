//! The planner on PostgreSQL rules: created after what they name, dropped before it, replaced in place, and taken
//! down around a column change they would otherwise block.

use super::tests::{position, schema, script};
use crate::migration;

const TABLES: &str =
    "CREATE TABLE t (id int PRIMARY KEY, v int);\nCREATE TABLE log (id int, v int);\n";

#[test]
fn a_rule_comes_after_its_table_and_the_tables_its_commands_write_and_goes_before_them() {
    let rule = "CREATE TABLE t (id int);\n\
                CREATE RULE t_log AS ON INSERT TO t DO ALSO INSERT INTO zz_log VALUES (new.id);\n\
                CREATE TABLE zz_log (id int);";
    let up = script("", rule);
    let create = position(
        &up,
        "CREATE RULE t_log AS ON INSERT TO public.t DO ALSO INSERT INTO zz_log",
    );
    assert!(position(&up, "CREATE TABLE public.zz_log") < create, "{up}");
    assert!(position(&up, "CREATE TABLE public.t ") < create, "{up}");
    let down = script(rule, "");
    let drop = position(&down, "DROP RULE t_log ON public.t");
    assert!(drop < position(&down, "DROP TABLE public.zz_log"), "{down}");
    assert!(drop < position(&down, "DROP TABLE public.t"), "{down}");
}

#[test]
fn a_rule_on_a_view_comes_after_the_view() {
    let s = script(
        "",
        "CREATE VIEW v AS SELECT id FROM t;\n\
         CREATE RULE v_ins AS ON INSERT TO v DO INSTEAD INSERT INTO t (id) VALUES (new.id);\n\
         CREATE TABLE t (id int);",
    );
    assert!(
        position(&s, "CREATE VIEW public.v") < position(&s, "CREATE RULE v_ins"),
        "{s}"
    );
}

#[test]
fn a_changed_rule_is_replaced_in_place_and_keeps_its_comment() {
    let from = format!(
        "{TABLES}CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING;\nCOMMENT ON RULE r ON t IS 'kept';"
    );
    let to = format!(
        "{TABLES}CREATE RULE r AS ON DELETE TO t WHERE old.id > 0 DO INSTEAD NOTHING;\n\
         COMMENT ON RULE r ON t IS 'kept';"
    );
    let s = script(&from, &to);
    assert!(
        s.contains(
            "CREATE OR REPLACE RULE r AS ON DELETE TO public.t WHERE old.id > 0 DO INSTEAD NOTHING"
        ),
        "{s}"
    );
    assert!(!s.contains("DROP RULE"), "{s}");
    assert!(!s.contains("COMMENT ON RULE"), "{s}");
}

#[test]
fn a_comment_on_a_rule_is_set_alone() {
    let from = format!("{TABLES}CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING;");
    let to = format!("{from}\nCOMMENT ON RULE r ON t IS 'new';");
    assert_eq!(
        script(&from, &to).trim(),
        "BEGIN;\nCOMMENT ON RULE r ON public.t IS 'new';\nCOMMIT;"
    );
}

#[test]
fn a_kept_rule_reading_a_column_whose_type_changes_is_dropped_before_and_created_after() {
    let rule =
        "CREATE RULE t_log AS ON UPDATE TO t DO ALSO INSERT INTO log VALUES (new.id, new.v);\n\
                COMMENT ON RULE t_log ON t IS 'audit';";
    let from = format!("{TABLES}{rule}");
    let to = format!(
        "CREATE TABLE t (id int PRIMARY KEY, v bigint);\nCREATE TABLE log (id int, v int);\n{rule}"
    );
    let s = script(&from, &to);
    let drop = position(&s, "DROP RULE t_log ON public.t");
    let alter = position(&s, "ALTER TABLE public.t ALTER COLUMN v TYPE bigint");
    let create = position(&s, "CREATE RULE t_log");
    let comment = position(&s, "COMMENT ON RULE t_log ON public.t IS 'audit'");
    assert!(drop < alter && alter < create && create < comment, "{s}");
}

#[test]
fn the_down_of_an_added_rule_drops_it() {
    let from = TABLES.to_string();
    let to = format!("{TABLES}CREATE RULE r AS ON UPDATE TO t DO INSTEAD NOTHING;");
    let m = migration(&schema(&from), &schema(&to)).expect("plans");
    assert!(m
        .up
        .script()
        .contains("CREATE RULE r AS ON UPDATE TO public.t DO INSTEAD NOTHING"));
    assert!(
        m.down.script().contains("DROP RULE r ON public.t"),
        "{}",
        m.down.script()
    );
}
