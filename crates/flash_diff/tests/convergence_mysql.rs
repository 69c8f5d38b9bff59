//! The MySQL/MariaDB convergence suite over `tests/convergence/mysql/*` (issue 3, acceptance 3 and 8): for each case,
//! load `before.sql` and `rows.sql` into a fresh database, apply the plan with the `mariadb` client, and require its
//! catalog (read by `flash_test::catalog`, not by Flash's own code) to equal that of a database loaded from
//! `after.sql`, with every surviving table keeping its row count. Then the Down runs on the migrated database and
//! must bring back the catalog of `before.sql`, and, when the Up destroyed nothing, the rows as they were.
//!
//! Then the live checks of issue 5 (acceptance 3, `live_check`): the database loaded from `after.sql` inspects to
//! exactly the model parsed from it once the parsed objects are in the server's printed form, and after the Up the
//! migrated database differs from `after.sql` in nothing (`flash diff --from URL --to DIR` prints no statement).
//!
//! `CONVERGING`, `DOWN_CONVERGING` and `LIVE_CLEAN` are ratchets: each case listed must converge, and a case that converges but is
//! not listed fails the test too, so the lists always say exactly where the planner stands. The other cases print
//! why they do not.

use std::collections::BTreeMap;
use std::path::Path;

use flash_core::{Dialect, QualName, Schema};
use flash_test::catalog::{mysql_catalog, table_rows};
use flash_test::ratchet::{assert_ratchets, corpus, Ratchet};
use flash_test::TestDatabase;

mod live_check;

const CONVERGING: &[&str] = &[
    "001_empty_to_full",
    "002_full_to_empty",
    "003_type_changes_with_data",
    "004_nullability_and_defaults",
    "005_enum_values_added_and_removed",
    "006_foreign_keys",
    "007_indexes",
    "008_check_constraints",
    "009_view_over_altered_columns",
    "010_routines_and_triggers",
    "011_auto_increment_and_composite_pk",
    "012_generated_columns",
    "013_comments",
    "014_partitions",
    "015_quoted_and_reserved_identifiers",
    "016_renames_by_hint",
    "017_drop_with_dependents",
    "018_no_change",
    "019_engine_charset_on_update",
    "020_events",
    "021_unique_and_index_dropped",
    "022_drop_column_with_dependents",
    "023_unsigned_precision_invisible",
    "024_routine_and_trigger_changes",
    "025_fk_cycle",
];

/// Every case whose Up converges has a Down that does too, today; a case that breaks the pair gets its own list here.
const DOWN_CONVERGING: &[&str] = CONVERGING;

/// Cases whose `after.sql` database inspects as parsed and, when the Up converges, whose migrated database shows
/// no difference from `after.sql`. Every case.
const LIVE_CLEAN: &[&str] = &[
    "001_empty_to_full",
    "002_full_to_empty",
    "003_type_changes_with_data",
    "004_nullability_and_defaults",
    "005_enum_values_added_and_removed",
    "006_foreign_keys",
    "007_indexes",
    "008_check_constraints",
    "009_view_over_altered_columns",
    "010_routines_and_triggers",
    "011_auto_increment_and_composite_pk",
    "012_generated_columns",
    "013_comments",
    "014_partitions",
    "015_quoted_and_reserved_identifiers",
    "016_renames_by_hint",
    "017_drop_with_dependents",
    "018_no_change",
    "019_engine_charset_on_update",
    "020_events",
    "021_unique_and_index_dropped",
    "022_drop_column_with_dependents",
    "023_unsigned_precision_invisible",
    "024_routine_and_trigger_changes",
    "025_fk_cycle",
];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn quoted(name: &QualName) -> String {
    format!("`{}`", name.name.replace('`', "``"))
}

/// Each table of `from` that `to` keeps, with its name in `to` (a table renamed by hint keeps its rows too).
fn surviving(from: &Schema, to: &Schema) -> Vec<(QualName, QualName)> {
    from.tables
        .keys()
        .filter_map(|old| {
            if to.tables.contains_key(old) {
                return Some((old.clone(), old.clone()));
            }
            to.tables
                .iter()
                .find(|t| t.renamed_from.as_deref() == Some(old.name.as_str()))
                .map(|t| (old.clone(), t.name.clone()))
        })
        .collect()
}

/// What the Up and the Down of one case came to: `None` when it converged, else why not.
struct Outcome {
    up: Option<String>,
    down: Option<String>,
    live: Option<String>,
}

fn failed(why: String) -> Outcome {
    Outcome {
        up: Some(why),
        down: Some("the Up did not converge".into()),
        live: None,
    }
}

fn run_case(name: &str, case: &Path) -> Outcome {
    let parse = |file: &str| flash_parse::parse_path(Dialect::Mysql, &case.join(file));
    let (from, to) = match (parse("before.sql"), parse("after.sql")) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            let mut outcome = failed(format!("parse: {e}"));
            outcome.live = Some(format!("parse: {e}"));
            return outcome;
        }
    };
    let target = TestDatabase::mysql(&format!("conv_to_{}", &name[..3]));
    target.run_sql(&read(&case.join("after.sql")));
    let live = live_check::inspects_as_parsed(&target.url, &to);
    let mut outcome = converge(case, &from, &to, &target);
    outcome.live = live.or(outcome.live);
    outcome
}

/// The Up, the live check on the migrated database, then the Down.
fn converge(case: &Path, from: &Schema, to: &Schema, target: &TestDatabase) -> Outcome {
    let name = case.file_name().and_then(|n| n.to_str()).unwrap_or("case");
    let (from, to) = (from.clone(), to.clone());
    let migration = match flash_diff::migration(&from, &to) {
        Ok(m) => m,
        Err(e) => return failed(format!("plan: {e}")),
    };
    let migrated = TestDatabase::mysql(&format!("conv_{}", &name[..3]));
    migrated.run_sql(&read(&case.join("before.sql")));
    migrated.run_sql(&read(&case.join("rows.sql")));
    let rows_before: BTreeMap<QualName, Vec<String>> = from
        .tables
        .keys()
        .map(|t| (t.clone(), table_rows(&migrated, &quoted(t))))
        .collect();
    if let Err(e) = migrated.try_run_sql(&migration.up.script()) {
        return failed(format!("apply: {e}"));
    }
    if mysql_catalog(&migrated) != mysql_catalog(target) {
        return failed(format!(
            "catalog differs from after.sql's:\n{}",
            difference(&mysql_catalog(&migrated), &mysql_catalog(target))
        ));
    }
    for (old, new) in surviving(&from, &to) {
        let before = rows_before.get(&old).map_or(0, Vec::len);
        let after = table_rows(&migrated, &quoted(&new)).len();
        if after != before {
            return failed(format!("{new} had {before} rows and has {after}"));
        }
    }
    let live = live_check::no_differences(&migrated.url, &to);
    Outcome {
        up: None,
        down: down(case, &migrated, &migration, &rows_before),
        live,
    }
}

/// Why the Down does not bring `before.sql` back, or `None` when it does.
fn down(
    case: &Path,
    migrated: &TestDatabase,
    migration: &flash_diff::Migration,
    rows_before: &BTreeMap<QualName, Vec<String>>,
) -> Option<String> {
    if let Err(e) = migrated.try_run_sql(&migration.down.script()) {
        return Some(format!("apply: {e}"));
    }
    let source = TestDatabase::mysql("conv_from");
    source.run_sql(&read(&case.join("before.sql")));
    let (got, want) = (mysql_catalog(migrated), mysql_catalog(&source));
    if got != want {
        return Some(format!(
            "catalog differs from before.sql's:\n{}",
            difference(&got, &want)
        ));
    }
    if migration.irreversible.is_empty() {
        for (table, rows) in rows_before {
            if &table_rows(migrated, &quoted(table)) != rows {
                return Some(format!("the rows of {table} are not as they were"));
            }
        }
    }
    None
}

/// The lines only one of two catalogs has, marked `-` (migrated) and `+` (expected).
fn difference(got: &str, want: &str) -> String {
    let mut out = Vec::new();
    out.extend(
        got.lines()
            .filter(|l| !want.lines().any(|w| w == *l))
            .map(|l| format!("  - {l}")),
    );
    out.extend(
        want.lines()
            .filter(|l| !got.lines().any(|g| g == *l))
            .map(|l| format!("  + {l}")),
    );
    out.join("\n")
}

#[test]
fn mysql_convergence_corpus() {
    let mut up = Ratchet::new("CONVERGING", CONVERGING);
    let mut down = Ratchet::new("DOWN_CONVERGING", DOWN_CONVERGING);
    let mut live = Ratchet::new("LIVE_CLEAN", LIVE_CLEAN);
    let cases = corpus("mysql", 25);
    for (name, case) in &cases {
        let outcome = run_case(name, case);
        up.record(name, outcome.up.as_deref());
        down.record(name, outcome.down.as_deref());
        live.record(name, outcome.live.as_deref());
    }
    eprintln!(
        "{} of {} MySQL cases converge up, {} down, {} live-clean",
        up.held(),
        cases.len(),
        down.held(),
        live.held()
    );
    assert_ratchets(&[&up, &down, &live]);
}
