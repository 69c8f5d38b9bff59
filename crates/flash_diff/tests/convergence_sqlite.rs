//! The SQLite convergence suite over `tests/convergence/sqlite/*` (issue 3, acceptance 3 and 8): for each case, load
//! `before.sql` and `rows.sql` into a fresh database file with `sqlite3 -bail`, apply the plan, and require its
//! catalog (read by `flash_test::catalog`, not by Flash's own code) to equal that of a database loaded from
//! `after.sql`, every surviving table to keep its row count and `PRAGMA foreign_key_check` to find nothing. Then the
//! Down runs on the migrated database and must bring back `before.sql`'s catalog, and the rows too when the
//! migration destroys nothing.
//!
//! Then the live checks of issue 5 (acceptance 3, `live_check`): the database loaded from `after.sql` inspects to
//! exactly the model parsed from it, and after the Up the migrated database differs from `after.sql` in nothing
//! (`flash diff --from URL --to DIR` would print no statement).
//!
//! `CONVERGING`, `DOWN_CONVERGING` and `LIVE_CLEAN` are ratchets: each case listed must converge, and a case that converges but is
//! not listed fails the test too, so the lists always say exactly where the planner stands. The other cases print
//! why they do not.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use flash_core::{Dialect, QualName};
use flash_test::catalog::{sqlite_catalog, sqlite_table_rows};
use flash_test::ratchet::{assert_ratchets, corpus, Ratchet};

mod live_check;

const CONVERGING: &[&str] = &[
    "001_empty_to_full",
    "002_full_to_empty",
    "003_add_and_drop_columns",
    "004_type_changes_with_data",
    "005_nullability_and_defaults",
    "006_check_and_unique",
    "007_foreign_keys",
    "008_partial_and_expression_indexes",
    "009_view_over_rebuilt_table",
    "010_triggers",
    "011_composite_pk_without_rowid",
    "012_generated_columns",
    "013_quoted_and_reserved_identifiers",
    "014_renames_by_hint",
    "015_drop_with_dependents",
    "016_no_change",
    "017_strict_table",
    "018_column_rename_with_index_and_view",
    "019_autoincrement_and_collation",
    "020_rebuild_keeps_index_trigger_view",
    "021_drop_column_with_dependents",
    "022_unique_and_expression_default",
];

/// Today every case whose Up converges comes back down too; the list is its own so that it can say otherwise.
const DOWN_CONVERGING: &[&str] = CONVERGING;

/// Cases whose `after.sql` database inspects as parsed and whose migrated database shows no difference from
/// `after.sql`: every case.
const LIVE_CLEAN: &[&str] = CONVERGING;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// A database file that is removed when the case is done.
struct TempDb(PathBuf);

impl TempDb {
    fn new(hint: &str) -> TempDb {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "flash_conv_sqlite_{}_{n}_{hint}.db",
            std::process::id()
        ));
        let _ = std::fs::remove_file(&path);
        TempDb(path)
    }

    /// Runs `sql` as the migration tool would: foreign keys enforced, stopping at the first error.
    fn url(&self) -> String {
        format!("sqlite://{}", self.0.display())
    }

    fn run(&self, sql: &str) -> Result<String, String> {
        let out = std::process::Command::new("sqlite3")
            .arg("-bail")
            .arg(&self.0)
            .arg(format!("PRAGMA foreign_keys = ON;\n{sql}"))
            .output()
            .map_err(|e| format!("sqlite3 could not run: {e}"))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn rows(db: &TempDb, table: &QualName) -> Vec<String> {
    sqlite_table_rows(&db.0, &format!("\"{}\"", table.name.replace('"', "\"\"")))
}

/// The rows of every table in `tables`, by table.
fn all_rows(db: &TempDb, tables: &[QualName]) -> BTreeMap<QualName, Vec<String>> {
    tables.iter().map(|t| (t.clone(), rows(db, t))).collect()
}

/// What one case shows: `Ok(())` when it converges, else why not. The Up's outcome comes first; the Down is tried
/// only on an Up that converged.
struct Outcome {
    up: Result<(), String>,
    down: Result<(), String>,
    live: Result<(), String>,
}

fn run_case(name: &str, case: &Path) -> Outcome {
    let not_run = || Err("the Up does not converge".to_string());
    let parse = |file: &str| flash_parse::parse_path(Dialect::Sqlite, &case.join(file));
    let (from, to) = match (parse("before.sql"), parse("after.sql")) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            return Outcome {
                up: Err(format!("parse: {e}")),
                down: not_run(),
                live: Err(format!("parse: {e}")),
            }
        }
    };
    let load = |db: &TempDb, file: &str| {
        db.run(&read(&case.join(file)))
            .unwrap_or_else(|e| panic!("{name}/{file} does not load: {e}"))
    };
    let target = TempDb::new(&format!("{name}_target"));
    load(&target, "after.sql");
    let mut live = match live_check::inspects_as_parsed(&target.url(), &to) {
        Some(why) => Err(why),
        None => Ok(()),
    };
    let migration = match flash_diff::migration(&from, &to) {
        Ok(m) => m,
        Err(e) => {
            return Outcome {
                up: Err(format!("plan: {e}")),
                down: not_run(),
                live,
            }
        }
    };
    let migrated = TempDb::new(name);
    load(&migrated, "before.sql");
    let before_catalog = sqlite_catalog(&migrated.0);
    load(&migrated, "rows.sql");
    let from_tables: Vec<QualName> = from.tables.keys().cloned().collect();
    let rows_before = all_rows(&migrated, &from_tables);
    let up = (|| {
        migrated
            .run(&migration.up.script())
            .map_err(|e| format!("apply: {e}"))?;
        if sqlite_catalog(&migrated.0) != sqlite_catalog(&target.0) {
            return Err(format!(
                "catalog differs from after.sql's:\n{}",
                catalog_diff(&sqlite_catalog(&target.0), &sqlite_catalog(&migrated.0))
            ));
        }
        for (table, before) in &rows_before {
            if !to.tables.contains_key(table) {
                continue;
            }
            let after = rows(&migrated, table).len();
            if after != before.len() {
                return Err(format!("{table} had {} rows and has {after}", before.len()));
            }
        }
        let violations = migrated
            .run("PRAGMA foreign_key_check;")
            .map_err(|e| format!("foreign_key_check: {e}"))?;
        if !violations.trim().is_empty() {
            return Err(format!("foreign key violations: {}", violations.trim()));
        }
        Ok(())
    })();
    if up.is_err() {
        return Outcome {
            up,
            down: not_run(),
            live,
        };
    }
    if let Some(why) = live_check::no_differences(&migrated.url(), &to) {
        live = live.and(Err(why));
    }
    let down = (|| {
        migrated
            .run(&migration.down.script())
            .map_err(|e| format!("apply down: {e}"))?;
        let catalog = sqlite_catalog(&migrated.0);
        if catalog != before_catalog {
            return Err(format!(
                "catalog differs from before.sql's:\n{}",
                catalog_diff(&before_catalog, &catalog)
            ));
        }
        if migration.irreversible.is_empty() && all_rows(&migrated, &from_tables) != rows_before {
            return Err("the rows differ from before the Up".into());
        }
        Ok(())
    })();
    Outcome { up, down, live }
}

/// The lines only one side has: `-` expected, `+` got.
fn catalog_diff(expected: &str, got: &str) -> String {
    let want: Vec<&str> = expected.lines().collect();
    let have: Vec<&str> = got.lines().collect();
    let mut out = Vec::new();
    out.extend(
        want.iter()
            .filter(|l| !have.contains(l))
            .map(|l| format!("  - {l}")),
    );
    out.extend(
        have.iter()
            .filter(|l| !want.contains(l))
            .map(|l| format!("  + {l}")),
    );
    out.join("\n")
}

#[test]
fn sqlite_convergence_corpus() {
    let mut up = Ratchet::new("CONVERGING", CONVERGING);
    let mut down = Ratchet::new("DOWN_CONVERGING", DOWN_CONVERGING);
    let mut live = Ratchet::new("LIVE_CLEAN", LIVE_CLEAN);
    let cases = corpus("sqlite", 20);
    for (name, case) in &cases {
        let outcome = run_case(name, case);
        up.record(name, outcome.up.as_ref().err().map(String::as_str));
        down.record(name, outcome.down.as_ref().err().map(String::as_str));
        live.record(name, outcome.live.as_ref().err().map(String::as_str));
    }
    eprintln!(
        "{} of {} SQLite cases converge up, {} down, {} live-clean",
        up.held(),
        cases.len(),
        down.held(),
        live.held()
    );
    assert_ratchets(&[&up, &down, &live]);
}
