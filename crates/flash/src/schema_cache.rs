//! Parsed schema directories kept on disk, so that running Flash again over files that have not changed skips the
//! parse, which is most of what `flash diff` and `flash migrate` cost on a large schema.
//!
//! An entry is keyed by everything the parse depends on: this very executable (its path, size and modification
//! time, so a rebuilt or upgraded Flash never reads what another build wrote), the dialect, and every file's path
//! and text. Only successful parses are stored: errors are always found again, with their exact positions. An
//! entry that does not load is treated as missing. The cache lives in `$FLASH_CACHE_DIR`, else
//! `$XDG_CACHE_HOME/flash`, else `~/.cache/flash`; `FLASH_NO_CACHE=1` turns it off. Failing to write it is never an
//! error: it only costs the next run a parse.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use flash_core::snapshot::{from_snapshot_json, to_snapshot_json};
use flash_core::{Dialect, Schema, SourceFile};
use flash_parse::ParseError;
use sha2::{Digest, Sha256};

/// Entries kept; the oldest go first.
const MAX_ENTRIES: usize = 32;

/// The schema the `.sql` files at `path` describe, from the cache when they are unchanged since a parse.
pub fn parse_path(dialect: Dialect, path: &Path) -> Result<Schema, ParseError> {
    parse_paths(dialect, &[path])
        .pop()
        .unwrap_or_else(|| Ok(Schema::new(dialect)))
}

/// The schemas of several paths, in order: those the cache holds from it, the others parsed together
/// ([`flash_parse::parse_many`]), so that the statements they share are parsed once.
pub fn parse_paths(dialect: Dialect, paths: &[&Path]) -> Vec<Result<Schema, ParseError>> {
    let dir = cache_dir();
    let mut results: Vec<Option<Result<Schema, ParseError>>> = Vec::with_capacity(paths.len());
    // What is still to parse: the result's index, the cache entry to fill, the files.
    let mut misses: Vec<(usize, Option<PathBuf>, Vec<SourceFile>)> = Vec::new();
    for (index, path) in paths.iter().enumerate() {
        let sources = match flash_parse::read_sources(path) {
            Ok(sources) => sources,
            Err(e) => {
                results.push(Some(Err(e)));
                continue;
            }
        };
        let entry = dir
            .as_ref()
            .and_then(|dir| key(dialect, &sources).map(|key| dir.join(format!("{key}.json"))));
        match entry.as_deref().and_then(|e| load(e, dialect)) {
            Some(schema) => results.push(Some(Ok(schema))),
            None => {
                results.push(None);
                misses.push((index, entry, sources));
            }
        }
    }
    let (places, sides): (Vec<_>, Vec<_>) = misses
        .into_iter()
        .map(|(index, entry, sources)| ((index, entry), sources))
        .unzip();
    for ((index, entry), parsed) in places
        .into_iter()
        .zip(flash_parse::parse_many(dialect, sides))
    {
        if let (Some(dir), Some(entry), Ok(schema)) = (&dir, &entry, &parsed) {
            store(dir, entry, schema);
        }
        results[index] = Some(parsed);
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Ok(Schema::new(dialect))))
        .collect()
}

fn cache_dir() -> Option<PathBuf> {
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if set("FLASH_NO_CACHE").is_some_and(|v| v != "0") {
        return None;
    }
    let root = set("FLASH_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| set("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("flash")))
        .or_else(|| set("HOME").map(|h| PathBuf::from(h).join(".cache/flash")))?;
    Some(root.join("schemas"))
}

/// The hex SHA-256 of what the parse depends on; `None` when this executable cannot be identified, so that an
/// entry can never be read by another build.
fn key(dialect: Dialect, sources: &[SourceFile]) -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    let mut hash = Sha256::new();
    hash.update(b"flash schema cache 1\0");
    hash.update(exe.to_string_lossy().as_bytes());
    hash.update(meta.len().to_le_bytes());
    hash.update(modified.as_nanos().to_le_bytes());
    hash.update(dialect.to_string().as_bytes());
    for source in sources {
        let path = source.path.to_string_lossy();
        // Lengths first, so no two different lists of files can run together into the same bytes.
        hash.update((path.len() as u64).to_le_bytes());
        hash.update(path.as_bytes());
        hash.update((source.text.len() as u64).to_le_bytes());
        hash.update(source.text.as_bytes());
    }
    Some(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn load(entry: &Path, dialect: Dialect) -> Option<Schema> {
    let text = std::fs::read_to_string(entry).ok()?;
    match from_snapshot_json(&entry.to_string_lossy(), &text) {
        Ok(schema) if schema.dialect == dialect => Some(schema),
        _ => {
            let _ = std::fs::remove_file(entry);
            None
        }
    }
}

/// Writes the entry whole or not at all (a temporary file renamed into place), then trims the oldest entries.
fn store(dir: &Path, entry: &Path, schema: &Schema) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let temp = entry.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::write(&temp, to_snapshot_json(schema)).is_err()
        || std::fs::rename(&temp, entry).is_err()
    {
        let _ = std::fs::remove_file(&temp);
        return;
    }
    prune(dir);
}

fn prune(dir: &Path) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = read
        .flatten()
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if entries.len() <= MAX_ENTRIES {
        return;
    }
    entries.sort();
    for (_, path) in &entries[..entries.len() - MAX_ENTRIES] {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(path: &str, text: &str) -> SourceFile {
        SourceFile::new(path, text)
    }

    #[test]
    fn the_key_changes_with_any_file_its_path_or_the_dialect() {
        let a = [source("a.sql", "CREATE TABLE t (id int);")];
        let base = key(Dialect::Postgres, &a);
        assert!(base.is_some());
        assert_eq!(base, key(Dialect::Postgres, &a));
        assert_ne!(base, key(Dialect::Sqlite, &a));
        assert_ne!(
            base,
            key(
                Dialect::Postgres,
                &[source("b.sql", "CREATE TABLE t (id int);")]
            )
        );
        assert_ne!(
            base,
            key(
                Dialect::Postgres,
                &[source("a.sql", "CREATE TABLE t (id bigint);")]
            )
        );
        // Two files whose texts run together differently are different inputs.
        assert_ne!(
            key(Dialect::Postgres, &[source("a", "xy"), source("b", "z")]),
            key(Dialect::Postgres, &[source("a", "x"), source("b", "yz")])
        );
    }

    #[test]
    fn a_broken_or_foreign_entry_is_a_miss_and_goes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let entry = dir.path().join("k.json");
        std::fs::write(&entry, "{ not json").expect("write");
        assert_eq!(load(&entry, Dialect::Postgres), None);
        assert!(!entry.exists());
        let schema = Schema::new(Dialect::Sqlite);
        store(dir.path(), &entry, &schema);
        assert_eq!(load(&entry, Dialect::Postgres), None);
        store(dir.path(), &entry, &schema);
        assert_eq!(load(&entry, Dialect::Sqlite), Some(schema));
    }

    #[test]
    fn only_the_newest_entries_are_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let schema = Schema::new(Dialect::Sqlite);
        for i in 0..MAX_ENTRIES + 3 {
            store(dir.path(), &dir.path().join(format!("{i}.json")), &schema);
        }
        let left = std::fs::read_dir(dir.path()).expect("read").count();
        assert_eq!(left, MAX_ENTRIES);
    }
}
