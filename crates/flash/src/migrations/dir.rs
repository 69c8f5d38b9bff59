//! The migrations directory: its `.sql` files, read, in id order (the 14-digit stamp sorts them).

use std::path::Path;

use anyhow::Context;
use flash_core::Dialect;

use super::MigrationSource;

/// Every `*.sql` file directly in `dir`, sorted by name; none when the directory does not exist.
pub fn read_dir(dir: &Path, dialect: Dialect) -> anyhow::Result<Vec<MigrationSource>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot list {}", dir.display())),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot list {}", dir.display()))?
            .path();
        if path.is_file() && path.extension().is_some_and(|e| e == "sql") {
            paths.push(path);
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|p| MigrationSource::read(p, dialect).map_err(|d| anyhow::anyhow!("{d}")))
        .collect()
}
