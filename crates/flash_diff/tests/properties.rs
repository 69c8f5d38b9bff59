//! Properties every schema must satisfy, checked on every parser fixture of every dialect: a schema diffed with
//! itself gives nothing; from an empty schema gives only creations; to an empty schema gives only drops (a comment on
//! PostgreSQL's `public`, which no schema creates or drops, is set and reset instead).

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

/// PostgreSQL's `public` is in every database: a schema that comments on it has it as an object, which a plan from
/// or to nothing comments on or resets rather than creates or drops.
fn public_comment(c: &Change) -> bool {
    matches!(c, Change::SetComment { target, .. } if target.kind == "schema" && target.name == "public")
}

/// A privilege every new object gives PUBLIC, revoked: a schema from nothing revokes it as it creates the object.
fn default_taken_away(c: &Change) -> bool {
    matches!(c, Change::Revoke { grant } if grant.grantee == "public"
        && flash_core::postgres_public_defaults(&grant.object_kind).contains(&grant.privilege.as_str()))
}

#[test]
fn from_nothing_everything_is_created_and_to_nothing_everything_is_dropped() {
    for (path, schema) in fixture_schemas() {
        let empty = Schema::new(schema.dialect);
        let up = diff(&empty, &schema);
        assert!(
            up.iter().all(
                |c| matches!(c, Change::Create { .. } | Change::Grant { .. })
                    || public_comment(c)
                    || default_taken_away(c)
            ),
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
                .filter(|c| matches!(c, Change::Create { .. }) || public_comment(c))
                .count(),
            objects,
            "{}",
            path.display()
        );
        let down = diff(&schema, &empty);
        assert!(
            down.iter()
                .all(|c| matches!(c, Change::Drop { .. } | Change::Revoke { .. })
                    || public_comment(c)),
            "{}: {down:#?}",
            path.display()
        );
        // What is granted or revoked on a dropped object goes with it, unsaid.
        let count = |changes: &[Change], kind: fn(&Change) -> bool| {
            changes.iter().filter(|c| kind(c)).count()
        };
        let whole = |c: &Change| {
            matches!(c, Change::Create { .. } | Change::Drop { .. }) || public_comment(c)
        };
        let privilege = |c: &Change| matches!(c, Change::Grant { .. } | Change::Revoke { .. });
        assert_eq!(count(&down, whole), count(&up, whole), "{}", path.display());
        assert!(
            count(&down, privilege) <= count(&up, privilege),
            "{}",
            path.display()
        );
    }
}
