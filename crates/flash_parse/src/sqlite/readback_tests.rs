//! The convention check behind this parser: a live SQLite database is read back by parsing the declared text it keeps
//! in `sqlite_schema` with this same parser, so every `ok` fixture, once run through the real `sqlite3`, must give
//! the same model as the file itself. Rename hints are file-only and are left out of the comparison.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use flash_core::{Dialect, Schema, SourceFile};

use crate::builder::SchemaBuilder;
use crate::parse_str;

/// Fixtures SQLite itself cannot run as they are.
const NOT_RUNNABLE: &[&str] = &[
    // Shadow tables written out by hand collide with the ones FTS5 creates.
    "virtual_table_fts5.sql",
    // Dumps: `.fullschema` writes into sqlite_stat1 before ANALYZE created it, `.schema` repeats the shadow tables.
    "sqlite3_fullschema_dump.sql",
    "sqlite3_schema_dump.sql",
    // sqlite_sequence and sqlite_stat1 are reserved names a script may not create.
    "pragmas_and_transactions.sql",
];

const SCHEMAS: [&str; 3] = ["main", "temp", "aux"];
const MARK: &str = "-- schema: ";

/// Runs `script` in a fresh in-memory database (with `aux` attached) and parses what `sqlite_schema` holds, each
/// schema's text in that schema, the way a live inspection does.
fn read_back(script: &str) -> Result<(Result<Schema, String>, String), String> {
    let stored = run_sqlite3(script)?;
    let mut builder = SchemaBuilder::new(Dialect::Sqlite);
    let mut parsed = Ok(());
    for part in stored.split(MARK).filter(|p| !p.trim().is_empty()) {
        let (schema, text) = part.split_once('\n').unwrap_or((part, ""));
        let file = builder.begin_file(SourceFile::new(format!("{schema}.sqlite_schema"), text));
        if let Err(e) = super::parse_file_in_schema(&mut builder, file, schema) {
            parsed = Err(e.to_string());
            break;
        }
    }
    let schema = parsed.and_then(|()| builder.finish().map_err(|e| e.to_string()));
    Ok((schema, stored))
}

fn run_sqlite3(script: &str) -> Result<String, String> {
    let mut child = Command::new("sqlite3")
        .arg(":memory:")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run sqlite3: {e}"))?;
    let mut query = String::from("\n;\n.mode list\n");
    for schema in SCHEMAS {
        query.push_str(&format!(
            "SELECT '{MARK}{schema}';\nSELECT sql || ';' FROM {schema}.sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid;\n"
        ));
    }
    let input = format!(".bail on\nATTACH ':memory:' AS aux;\n{script}{query}");
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(input.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn without_hints(schema: Schema) -> serde_json::Value {
    let mut value = serde_json::to_value(schema).unwrap_or_default();
    if let Some(tables) = value.get_mut("tables").and_then(|t| t.as_array_mut()) {
        for table in tables {
            if let Some(t) = table.as_object_mut() {
                t.remove("renamed_from");
            }
            if let Some(columns) = table.get_mut("columns").and_then(|c| c.as_array_mut()) {
                for c in columns.iter_mut().filter_map(|c| c.as_object_mut()) {
                    c.remove("renamed_from");
                }
            }
        }
    }
    value
}

#[test]
fn every_ok_fixture_reads_back_from_a_live_database_as_the_same_model() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sqlite/ok");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    assert!(!entries.is_empty(), "no fixtures under {}", dir.display());
    let mut failures = Vec::new();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if NOT_RUNNABLE.contains(&name.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let from_file = match parse_str(Dialect::Sqlite, &name, &text) {
            Ok(s) => without_hints(s),
            Err(e) => {
                failures.push(format!("{name}: does not parse: {e}"));
                continue;
            }
        };
        let (schema, stored) = match read_back(&text) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{name}: sqlite3 refused it: {e}"));
                continue;
            }
        };
        match schema.map(without_hints) {
            Ok(s) if s == from_file => {}
            Ok(s) => failures.push(format!(
                "{name}: read back differently\n--- file\n{from_file}\n--- database\n{s}\n--- stored text\n{stored}"
            )),
            Err(e) => failures.push(format!("{name}: stored text does not parse: {e}\n{stored}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
