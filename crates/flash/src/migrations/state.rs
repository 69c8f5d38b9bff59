//! The migration files set beside the tracking table's rows: what is applied, pending, unfinished, modified after
//! it was applied, or recorded without a file.

use flash_db::tracking::{RowState, TrackingRow};
use serde::Serialize;

use super::MigrationSource;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Applied,
    /// Never started, or rolled back.
    Pending,
    /// Started and stopped after some steps (failed or interrupted); apply resumes it.
    Failed,
    /// Applied (or started) from a file whose checksum has changed since.
    Modified,
    /// A row without a file.
    Missing,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub file: Option<MigrationSource>,
    pub row: Option<TrackingRow>,
    pub status: Status,
    /// The row holds Flash ORM's old checksum (the file's length in hex), which still matches the file.
    pub legacy_checksum: bool,
}

impl Entry {
    /// Steps an interrupted apply already recorded.
    pub fn done_steps(&self) -> usize {
        match (&self.row, self.status) {
            (Some(row), Status::Failed) => usize::try_from(row.applied_steps_count).unwrap_or(0),
            _ => 0,
        }
    }
}

/// One entry per id in files or rows, in id order.
pub fn join(files: Vec<MigrationSource>, rows: Vec<TrackingRow>) -> Vec<Entry> {
    let mut rows: std::collections::BTreeMap<String, TrackingRow> =
        rows.into_iter().map(|r| (r.id.clone(), r)).collect();
    let mut out: Vec<Entry> = files
        .into_iter()
        .map(|file| {
            let row = rows.remove(&file.id);
            let (status, legacy_checksum) = match &row {
                None => (Status::Pending, false),
                Some(r) if r.state() == RowState::RolledBack => (Status::Pending, false),
                Some(r) => {
                    let legacy = file.is_legacy_checksum_of(&r.checksum);
                    let same = r.checksum.eq_ignore_ascii_case(&file.checksum) || legacy;
                    // A migration that failed before its first step committed left nothing behind: fixing the
                    // file is how it is meant to go on.
                    let untouched = r.state() == RowState::Unfinished && r.applied_steps_count == 0;
                    let status = match (same || untouched, r.state()) {
                        (false, _) => Status::Modified,
                        (true, RowState::Applied) => Status::Applied,
                        (true, _) => Status::Failed,
                    };
                    (status, legacy)
                }
            };
            Entry {
                id: file.id.clone(),
                file: Some(file),
                row,
                status,
                legacy_checksum,
            }
        })
        .collect();
    out.extend(
        rows.into_values()
            .filter(|r| r.state() != RowState::RolledBack)
            .map(|row| Entry {
                id: row.id.clone(),
                file: None,
                row: Some(row),
                status: Status::Missing,
                legacy_checksum: false,
            }),
    );
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}
