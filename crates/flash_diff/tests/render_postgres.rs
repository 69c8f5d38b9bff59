//! The PostgreSQL renderer against the real server: for each `tests/cases/postgres/<case>`, `from.sql` goes into one
//! fresh database and `to.sql` into another; the rendered migration runs on the first with `psql -v ON_ERROR_STOP=1`
//! (the transactional part in one transaction), and the two databases' `pg_dump --schema-only` must then be equal.
//! The comparison is PostgreSQL's own dump, not Flash's model.

use std::path::{Path, PathBuf};

use flash_core::Dialect;
use flash_diff::render::RenderError;
use flash_diff::PlanError;
use flash_test::TestDatabase;

/// Cases whose changes the renderer does not handle yet. Each must still fail to render, so this list cannot go
/// stale: implementing one makes its test fail until it is taken off.
const NOT_RENDERED_YET: &[(&str, &str)] = &[];

fn cases() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases/postgres");
    let mut out: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("cases")
        .map(|e| e.expect("entry").path())
        .collect();
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// pg_dump's output without its comments, settings and the random `\restrict` key.
fn normalized_dump(db: &TestDatabase) -> String {
    db.dump_schema()
        .lines()
        .filter(|l| {
            let t = l.trim();
            !(t.is_empty()
                || t.starts_with("--")
                || t.starts_with("SET ")
                || t.starts_with('\\')
                || t.starts_with("SELECT pg_catalog.set_config"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_rendered_migration_converges_on_the_real_server() {
    let mut checked = 0;
    for case in cases() {
        let name = case
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let from = flash_parse::parse_path(Dialect::Postgres, &case.join("from.sql"))
            .unwrap_or_else(|e| panic!("{e}"));
        let to = flash_parse::parse_path(Dialect::Postgres, &case.join("to.sql"))
            .unwrap_or_else(|e| panic!("{e}"));
        let rendered = flash_diff::plan(&from, &to);
        if let Some((_, why)) = NOT_RENDERED_YET.iter().find(|(n, _)| *n == name) {
            assert!(
                matches!(
                    rendered,
                    Err(PlanError::Render(RenderError::Unsupported { .. }))
                ),
                "{name} renders now ({why}): take it off the list"
            );
            continue;
        }
        let script = rendered.unwrap_or_else(|e| panic!("{name}: {e}")).script();
        insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(format!("postgres_script_{name}"), script);
        });
        let migrated = TestDatabase::postgres(&format!("render_{name}"));
        migrated.run_sql(&read(&case.join("from.sql")));
        if let Err(e) = migrated.try_run_sql(&script) {
            panic!("{name}: the migration failed on the server: {e}\n--- script ---\n{script}");
        }
        let target = TestDatabase::postgres(&format!("target_{name}"));
        target.run_sql(&read(&case.join("to.sql")));
        assert_eq!(
            normalized_dump(&migrated),
            normalized_dump(&target),
            "{name}: catalogs differ after the migration\n{script}"
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} cases were checked");
}
