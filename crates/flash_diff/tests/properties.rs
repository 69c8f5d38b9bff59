//! Properties every schema must satisfy, checked on every parser fixture of every dialect: a schema diffed with
//! itself gives nothing; from an empty schema gives only creations; to an empty schema gives only drops.

use std::path::PathBuf;

use flash_core::{Dialect, Schema};
use flash_diff::{diff, Change};

fn fixture_schemas() -> Vec<(PathBuf, Schema)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../flash_parse/tests/fixtures");
    let mut out = Vec::new();
    for (dir, dialect) in [
        ("postgres", Dialect::Postgres),
        ("mysql", Dialect::Mysql),
        ("sqlite", Dialect::Sqlite),
    ] {
        let ok = root.join(dir).join("ok");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&ok)
            .expect("fixture folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "sql"))
            .collect();
        paths.sort();
        for path in paths {
            let schema = flash_parse::parse_path(dialect, &path).unwrap_or_else(|e| panic!("{e}"));
            out.push((path, schema));
        }
    }
    assert!(
        out.len() > 150,
        "expected the parser fixtures, found {}",
        out.len()
    );
    out
}

#[test]
fn a_schema_diffed_with_itself_is_empty() {
    for (path, schema) in fixture_schemas() {
        let changes = diff(&schema, &schema);
        assert!(changes.is_empty(), "{}: {changes:#?}", path.display());
    }
}

#[test]
fn from_nothing_everything_is_created_and_to_nothing_everything_is_dropped() {
    for (path, schema) in fixture_schemas() {
        let empty = Schema::new(schema.dialect);
        let up = diff(&empty, &schema);
        assert!(
            up.iter()
                .all(|c| matches!(c, Change::Create { .. } | Change::Grant { .. })),
            "{}: {up:#?}",
            path.display()
        );
        let objects = schema
            .counts()
            .iter()
            .filter(|(k, _)| *k != "grants")
            .map(|(_, n)| n)
            .sum::<usize>();
        assert_eq!(
            up.iter()
                .filter(|c| matches!(c, Change::Create { .. }))
                .count(),
            objects,
            "{}",
            path.display()
        );
        let down = diff(&schema, &empty);
        assert!(
            down.iter()
                .all(|c| matches!(c, Change::Drop { .. } | Change::Revoke { .. })),
            "{}: {down:#?}",
            path.display()
        );
        assert_eq!(down.len(), up.len(), "{}", path.display());
    }
}
