//! The schema snapshot: the model as versioned JSON, written after each `flash migrate`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::Schema;

/// Bumped whenever a change to the model would make an older Flash misread the file.
pub const SNAPSHOT_FORMAT_VERSION: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("{path}: cannot read the snapshot: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: cannot write the snapshot: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not a valid Flash snapshot: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: snapshot format version {found} is newer than this Flash understands (up to {supported}); \
         upgrade Flash to read it"
    )]
    TooNew {
        path: String,
        found: u32,
        supported: u32,
    },
}

#[derive(Serialize)]
struct SnapshotOut<'a> {
    format_version: u32,
    schema: &'a Schema,
}

#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

#[derive(Deserialize)]
struct SnapshotIn {
    schema: Schema,
}

/// The snapshot text: stable, pretty-printed JSON ending in a newline.
pub fn to_snapshot_json(schema: &Schema) -> String {
    let out = SnapshotOut {
        format_version: SNAPSHOT_FORMAT_VERSION,
        schema,
    };
    // Serialising plain data into a String cannot fail.
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema's fingerprint: SHA-256 (lower-case hex) of its snapshot JSON. Migration files carry it as their
/// `-- flash:baseline`, and apply compares it with the schema it finds, so both sides must hash the same text.
pub fn fingerprint(schema: &Schema) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(to_snapshot_json(schema).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn from_snapshot_json(path: &str, text: &str) -> Result<Schema, SnapshotError> {
    let invalid = |e: serde_json::Error| SnapshotError::Invalid {
        path: path.to_string(),
        line: e.line(),
        column: e.column(),
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string(),
    };
    // Read the version first so that a newer file is refused for what it is, not for a field we do not know.
    let probe: VersionProbe = serde_json::from_str(text).map_err(invalid)?;
    if probe.format_version > SNAPSHOT_FORMAT_VERSION {
        return Err(SnapshotError::TooNew {
            path: path.to_string(),
            found: probe.format_version,
            supported: SNAPSHOT_FORMAT_VERSION,
        });
    }
    let snapshot: SnapshotIn = serde_json::from_str(text).map_err(invalid)?;
    Ok(snapshot.schema)
}

pub fn save_snapshot(path: &Path, schema: &Schema) -> Result<(), SnapshotError> {
    let write_err = |source| SnapshotError::Write {
        path: path.display().to_string(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(write_err)?;
    }
    // Write beside the target and rename, so an interrupted write never leaves half a snapshot.
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, to_snapshot_json(schema)).map_err(write_err)?;
    std::fs::rename(&tmp, path).map_err(write_err)
}

pub fn load_snapshot(path: &Path) -> Result<Schema, SnapshotError> {
    let text = std::fs::read_to_string(path).map_err(|source| SnapshotError::Read {
        path: path.display().to_string(),
        source,
    })?;
    from_snapshot_json(&path.display().to_string(), &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Column, DataType, Dialect, QualName, Table};

    fn sample() -> Schema {
        let mut schema = Schema::new(Dialect::Postgres);
        let mut table = Table::new(QualName::new("public", "users"));
        let mut id = Column::new("id", DataType::named("bigint"));
        id.nullable = false;
        table.columns.push(id);
        table
            .columns
            .push(Column::new("bio", DataType::named("text")));
        schema.tables.insert(table);
        schema
    }

    #[test]
    fn saves_and_loads_the_same_model() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("migrations/.flash/schema_snapshot.json");
        save_snapshot(&path, &sample()).expect("saved");
        assert_eq!(load_snapshot(&path).expect("loaded"), sample());
        let text = std::fs::read_to_string(&path).expect("read back");
        assert!(text.starts_with("{\n  \"format_version\": 1,"), "{text}");
    }

    #[test]
    fn fingerprint_is_the_sha256_of_the_snapshot_json() {
        let empty = Schema::new(Dialect::Postgres);
        let print = fingerprint(&empty);
        assert_eq!(print.len(), 64);
        assert!(print
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(print, fingerprint(&empty.clone()));
        assert_ne!(print, fingerprint(&sample()));
        assert_ne!(print, fingerprint(&Schema::new(Dialect::Sqlite)));
    }

    #[test]
    fn refuses_a_newer_format_version() {
        let text = r#"{"format_version": 99, "schema": {"dialect": "postgres", "whatever": []}}"#;
        let err = from_snapshot_json("snap.json", text).expect_err("refused");
        assert_eq!(
            err.to_string(),
            "snap.json: snapshot format version 99 is newer than this Flash understands (up to 1); upgrade Flash to read it"
        );
    }

    #[test]
    fn reports_where_a_broken_snapshot_breaks() {
        let err = from_snapshot_json(
            "snap.json",
            "{\"format_version\": 1,\n \"schema\": {\"dialect\": \"oracle\"}}",
        )
        .expect_err("refused");
        let text = err.to_string();
        assert!(text.starts_with("snap.json:2:"), "{text}");
        assert!(text.contains("oracle"), "{text}");
    }
}
