//! The live half of the convergence suites (issue 5, acceptance 3): no false differences between a database and
//! the schema files it was built from.
//!
//! - [`inspects_as_parsed`]: a database loaded from `after.sql` inspects (`flash_db::inspect`) to exactly the model
//!   parsed from `after.sql`, once the parsed model's expressions are in the server's printed form
//!   (`flash_db::inspect::canonicalize`, DESIGN §3).
//! - [`no_differences`]: after the plan ran, the migrated database and `after.sql` differ in nothing — what
//!   `flash diff --from URL --to DIR` prints no statement for.

use flash_config::DatabaseUrl;
use flash_core::Schema;

/// Inspects the database at `url` and brings `files` into its printed form.
fn live_and_files(url: &str, files: &Schema) -> Result<(Schema, Schema), String> {
    let url = DatabaseUrl::parse(url).map_err(|e| e.to_string())?;
    let runtime = flash_db::runtime().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let mut conn = flash_db::Connection::connect(&url)
            .await
            .map_err(|e| e.to_string())?;
        let live = flash_db::inspect::inspect(&mut conn)
            .await
            .map_err(|e| format!("inspect: {e}"))?;
        let canonical = flash_db::inspect::canonicalize(&mut conn, &live, files)
            .await
            .map_err(|e| format!("canonicalize: {e}"))?;
        conn.close().await.map_err(|e| e.to_string())?;
        if !canonical.unbuilt.is_empty() {
            return Err(format!(
                "not built on the server: {}",
                canonical.unbuilt.join("; ")
            ));
        }
        Ok((live, canonical.schema))
    })
}

/// Why the database at `url`, loaded from the files `files` was parsed from, does not inspect to exactly that
/// model; `None` when it does.
pub fn inspects_as_parsed(url: &str, files: &Schema) -> Option<String> {
    let (live, mut files) = match live_and_files(url, files) {
        Ok(pair) => pair,
        Err(e) => return Some(e),
    };
    // Rename hints are instructions to the planner, not part of the schema.
    for t in files.tables.iter_mut() {
        t.renamed_from = None;
        t.columns.iter_mut().for_each(|c| c.renamed_from = None);
    }
    if live == files {
        return None;
    }
    let changes = flash_diff::diff(&live, &files);
    if changes.is_empty() {
        // Equal in everything the differ compares, but not field for field (column order, say): show both.
        return Some(format!(
            "inspected model differs from the parsed one:\n{}",
            first_differing_lines(
                &flash_core::snapshot::to_snapshot_json(&live),
                &flash_core::snapshot::to_snapshot_json(&files)
            )
        ));
    }
    Some(describe(
        "inspected model differs from the parsed one",
        &changes,
    ))
}

/// Why the database at `url` differs from `files`; `None` when the differ finds nothing.
pub fn no_differences(url: &str, files: &Schema) -> Option<String> {
    let (live, files) = match live_and_files(url, files) {
        Ok(pair) => pair,
        Err(e) => return Some(e),
    };
    let changes = flash_diff::diff(&live, &files);
    (!changes.is_empty())
        .then(|| describe("the migrated database differs from after.sql", &changes))
}

fn describe(what: &str, changes: &[flash_diff::Change]) -> String {
    let lines: Vec<String> = changes
        .iter()
        .map(|c| serde_json::to_string(c).unwrap_or_default())
        .collect();
    format!("{what}: {}", lines.join("\n"))
}

fn first_differing_lines(a: &str, b: &str) -> String {
    a.lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| format!("line {}: inspected {x:?}, parsed {y:?}", i + 1))
        .unwrap_or_else(|| "(lengths differ)".into())
}
