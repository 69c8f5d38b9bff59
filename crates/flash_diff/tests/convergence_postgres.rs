//! The PostgreSQL convergence suite over `tests/convergence/postgres/*` (issue 3, acceptance 8), as far as the
//! renderer goes today: for each case, load `before.sql` and `rows.sql` into a fresh database, apply the rendered
//! plan with `psql -v ON_ERROR_STOP=1`, and require its catalog (read by `flash_test::catalog`, not by Flash's own
//! code) to equal that of a database loaded from `after.sql`, with every surviving table keeping its row count.
//!
//! Then the Down: `flash_diff::migration(&from, &to).down` runs on the migrated database, which must describe as it
//! did before the Up (and keep every table's row count when the migration reports nothing irreversible).
//!
//! Then the live checks of issue 5 (acceptance 3, `live_check`): the database loaded from `after.sql` inspects to
//! exactly the model parsed from it, and after the Up the migrated database differs from `after.sql` in nothing
//! (`flash diff --from URL --to DIR` would print no statement), both with the files' expressions canonicalised
//! through the server.
//!
//! `CONVERGING`, `DOWN_CONVERGING` and `LIVE_CLEAN` are ratchets: each case listed must converge, and a case that converges but is
//! not listed fails the test too, so the lists always say exactly where the planner stands. The other cases print
//! why they do not. `FLASH_CASE=<part of a name>` runs only the matching cases and prints their scripts.

use std::collections::BTreeMap;
use std::path::Path;

use flash_core::{Dialect, QualName, Schema};
use flash_test::catalog::{postgres_catalog, table_rows};
use flash_test::ratchet::{assert_ratchets, corpus, Ratchet};
use flash_test::TestDatabase;

mod live_check;

const CONVERGING: &[&str] = &[
    "001_empty_to_full",
    "002_full_to_empty",
    "003_add_columns",
    "004_drop_column",
    "005_type_changes_with_data",
    "006_nullability",
    "007_defaults",
    "008_enum_values_added",
    "009_enum_value_removed",
    "010_fk_actions_and_new_fk",
    "011_partial_indexes",
    "012_expression_indexes",
    "013_index_include_and_methods",
    "014_check_constraints",
    "015_unique_constraints",
    "016_views_over_altered_columns",
    "017_function_and_trigger_added",
    "018_function_body_and_trigger_changed",
    "019_identity_changes",
    "020_sequences",
    "021_composite_pk_change",
    "022_generated_columns",
    "023_rls_enabled_with_policies",
    "024_rls_disabled_policy_changed",
    "025_several_schemas",
    "026_schema_dropped",
    "027_comments",
    "028_partitions",
    "029_quoted_and_reserved_identifiers",
    "030_table_rename_by_hint",
    "031_column_rename_by_hint",
    "032_drop_with_dependents",
    "033_domains",
    "034_composite_types",
    "035_materialized_views",
    "036_grants",
    "037_no_change",
    "038_procedures_and_signatures",
    "039_deferrable_fk_and_unique_target",
    "040_fk_cycle",
    "041_enum_dropped_and_ranges",
    "042_table_options_collation_inheritance",
    "043_rules_and_fk_index",
    "044_extensions",
    "045_view_options_and_view_on_view",
    "046_type_change_across_fk",
    "047_enum_value_added_and_used",
    "048_many_changes_one_table",
    "049_exclusion_constraint",
    "050_drop_column_with_dependents",
    "051_view_and_statement_triggers",
    "052_not_valid_constraints",
    "053_comments_on_types_policies_triggers",
    "054_dependency_order",
    "055_enum_value_removed_under_a_default",
    "056_range_types_created_and_dropped",
    "057_rules_replaced_and_over_altered_columns",
    "058_column_privileges_revoked",
];

/// The same ratchet for the Down: after the Up converged, `migration.down` brings the catalog back to before.sql's,
/// and every table's row count too when the migration reports nothing irreversible. The same cases as the Up today;
/// give it a list of its own when they part.
const DOWN_CONVERGING: &[&str] = CONVERGING;

/// Cases whose `after.sql` database inspects as parsed and, when the Up converges, whose migrated database shows
/// no difference from `after.sql`. Every case: Flash parses them all.
const LIVE_CLEAN: &[&str] = &[
    "001_empty_to_full",
    "002_full_to_empty",
    "003_add_columns",
    "004_drop_column",
    "005_type_changes_with_data",
    "006_nullability",
    "007_defaults",
    "008_enum_values_added",
    "009_enum_value_removed",
    "010_fk_actions_and_new_fk",
    "011_partial_indexes",
    "012_expression_indexes",
    "013_index_include_and_methods",
    "014_check_constraints",
    "015_unique_constraints",
    "016_views_over_altered_columns",
    "017_function_and_trigger_added",
    "018_function_body_and_trigger_changed",
    "019_identity_changes",
    "020_sequences",
    "021_composite_pk_change",
    "022_generated_columns",
    "023_rls_enabled_with_policies",
    "024_rls_disabled_policy_changed",
    "025_several_schemas",
    "026_schema_dropped",
    "027_comments",
    "028_partitions",
    "029_quoted_and_reserved_identifiers",
    "030_table_rename_by_hint",
    "031_column_rename_by_hint",
    "032_drop_with_dependents",
    "033_domains",
    "034_composite_types",
    "035_materialized_views",
    "036_grants",
    "037_no_change",
    "038_procedures_and_signatures",
    "039_deferrable_fk_and_unique_target",
    "040_fk_cycle",
    "041_enum_dropped_and_ranges",
    "042_table_options_collation_inheritance",
    "043_rules_and_fk_index",
    "044_extensions",
    "045_view_options_and_view_on_view",
    "046_type_change_across_fk",
    "047_enum_value_added_and_used",
    "048_many_changes_one_table",
    "049_exclusion_constraint",
    "050_drop_column_with_dependents",
    "051_view_and_statement_triggers",
    "052_not_valid_constraints",
    "053_comments_on_types_policies_triggers",
    "054_dependency_order",
    "055_enum_value_removed_under_a_default",
    "056_range_types_created_and_dropped",
    "057_rules_replaced_and_over_altered_columns",
    "058_column_privileges_revoked",
];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// A table's own rows only (`ONLY`): a partitioned or inherited parent would otherwise count its children's rows,
/// which leave with a dropped partition by design and are checked on the partitions themselves.
fn own_rows(name: &QualName) -> String {
    format!(
        "ONLY \"{}\".\"{}\"",
        name.schema.replace('"', "\"\""),
        name.name.replace('"', "\"\"")
    )
}

/// How far a case gets: why its Up does not converge, or else why its Down does not (`None` when it does).
struct Outcome {
    up: Option<String>,
    down: Option<String>,
    live: Option<String>,
}

impl Outcome {
    fn up_fails(why: String) -> Self {
        Outcome {
            up: Some(why),
            down: Some("the Up does not converge".into()),
            live: None,
        }
    }
}

/// Row counts of `tables`, each table's own rows.
fn row_counts<'a>(
    db: &TestDatabase,
    tables: impl Iterator<Item = &'a QualName>,
) -> BTreeMap<&'a QualName, usize> {
    tables
        .map(|t| (t, table_rows(db, &own_rows(t)).len()))
        .collect()
}

/// The first table whose row count moved, as a sentence.
fn rows_moved(before: &BTreeMap<&QualName, usize>, db: &TestDatabase) -> Option<String> {
    before.iter().find_map(|(table, before)| {
        let after = table_rows(db, &own_rows(table)).len();
        (after != *before).then(|| format!("{table} had {before} rows and has {after}"))
    })
}

/// `FLASH_CASE=016` runs only the cases whose name contains it and prints their scripts: the way to look at one case.
fn show(label: &str, script: &str) {
    if std::env::var_os("FLASH_CASE").is_some() {
        eprintln!("--- {label}\n{script}");
    }
}

fn run_case(name: &str, case: &Path) -> Outcome {
    let parse = |file: &str| flash_parse::parse_path(Dialect::Postgres, &case.join(file));
    let (from, to) = match (parse("before.sql"), parse("after.sql")) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            let mut outcome = Outcome::up_fails(format!("parse: {e}"));
            outcome.live = Some(format!("parse: {e}"));
            return outcome;
        }
    };
    let target = TestDatabase::postgres(&format!("conv_target_{name}"));
    target.run_sql(&read(&case.join("after.sql")));
    let live = live_check::inspects_as_parsed(&target.url, &to);
    let mut outcome = converge(name, case, &from, &to, &target);
    outcome.live = live.or(outcome.live);
    outcome
}

/// The Up, the live check on the migrated database, then the Down.
fn converge(name: &str, case: &Path, from: &Schema, to: &Schema, target: &TestDatabase) -> Outcome {
    let up = match flash_diff::plan(from, to) {
        Ok(plan) => plan.script(),
        Err(e) => return Outcome::up_fails(format!("plan: {e}")),
    };
    show(&format!("{name} up"), &up);
    let migrated = TestDatabase::postgres(&format!("conv_{name}"));
    migrated.run_sql(&read(&case.join("before.sql")));
    migrated.run_sql(&read(&case.join("rows.sql")));
    let before_catalog = postgres_catalog(&migrated);
    let surviving: Vec<QualName> = from
        .tables
        .keys()
        .filter(|k| to.tables.contains_key(k))
        .cloned()
        .collect();
    let rows_before = row_counts(&migrated, surviving.iter());
    let all_rows_before = row_counts(&migrated, from.tables.keys());
    if let Err(e) = migrated.try_run_sql(&up) {
        return Outcome::up_fails(format!("apply: {e}"));
    }
    if postgres_catalog(&migrated) != postgres_catalog(target) {
        return Outcome::up_fails("catalog differs from after.sql's".into());
    }
    if let Some(why) = rows_moved(&rows_before, &migrated) {
        return Outcome::up_fails(why);
    }
    let live = live_check::no_differences(&migrated.url, to);
    let migration = match flash_diff::migration(from, to) {
        Ok(m) => m,
        Err(e) => {
            return Outcome {
                up: None,
                down: Some(format!("plan: {e}")),
                live,
            }
        }
    };
    let down = migration.down.script();
    show(&format!("{name} down"), &down);
    let down = if let Err(e) = migrated.try_run_sql(&down) {
        Some(format!("apply: {e}"))
    } else if postgres_catalog(&migrated) != before_catalog {
        Some("catalog differs from before.sql's".into())
    } else if migration.irreversible.is_empty() {
        rows_moved(&all_rows_before, &migrated)
    } else {
        None
    };
    Outcome {
        up: None,
        down,
        live,
    }
}

#[test]
fn postgres_convergence_corpus() {
    let mut up = Ratchet::new("CONVERGING", CONVERGING);
    let mut down = Ratchet::new("DOWN_CONVERGING", DOWN_CONVERGING);
    let mut live = Ratchet::new("LIVE_CLEAN", LIVE_CLEAN);
    let cases = corpus("postgres", 40);
    for (name, case) in &cases {
        let outcome = run_case(name, case);
        up.record(name, outcome.up.as_deref());
        down.record(name, outcome.down.as_deref());
        live.record(name, outcome.live.as_deref());
    }
    eprintln!(
        "{} of {} PostgreSQL cases converge up, {} down, {} live-clean",
        up.held(),
        cases.len(),
        down.held(),
        live.held()
    );
    assert_ratchets(&[&up, &down, &live]);
}
