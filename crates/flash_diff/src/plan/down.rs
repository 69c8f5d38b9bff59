//! The Down of a migration: the plan from the Up's target back to its source, with the Up's renames turned into
//! hints the other way, and a note for everything whose data the Up destroys for good.

use flash_core::{Schema, Table};

use crate::hazard::HazardKind;
use crate::Change;

/// `(current, desired)` for the Down: the Up's target with its rename hints cleared, and the Up's source carrying
/// the hints that rename each renamed table and column back.
pub fn reversed(from: &Schema, to: &Schema, up: &[Change]) -> (Schema, Schema) {
    let mut current = to.clone();
    for table in current.tables.iter_mut() {
        clear_hints(table);
    }
    let mut desired = from.clone();
    for table in desired.tables.iter_mut() {
        clear_hints(table);
    }
    // Column renames name the table by its new name; the desired side knows it by its old one.
    let mut table_renames = Vec::new();
    for change in up {
        if let Change::RenameTable { from, to } = change {
            if let Some(t) = desired.tables.get_mut(from) {
                t.renamed_from = Some(to.name.clone());
            }
            table_renames.push((to.clone(), from.clone()));
        }
    }
    for change in up {
        if let Change::RenameColumn { table, from, to } = change {
            let old_table = table_renames
                .iter()
                .find(|(new, _)| new == table)
                .map(|(_, old)| old.clone())
                .unwrap_or_else(|| table.clone());
            if let Some(c) = desired
                .tables
                .get_mut(&old_table)
                .and_then(|t| t.column_mut(from))
            {
                c.renamed_from = Some(to.clone());
            }
        }
    }
    (current, desired)
}

fn clear_hints(table: &mut Table) {
    table.renamed_from = None;
    for c in &mut table.columns {
        c.renamed_from = None;
    }
}

/// What the Up destroys that the Down does not bring back: its IRREVERSIBLE hazards (the rows of a dropped table,
/// the values of a dropped column). The Down recreates the structure; the data is gone.
pub fn irreversible(up: &super::Plan) -> Vec<String> {
    up.hazards
        .iter()
        .filter(|h| h.kind == HazardKind::Irreversible)
        .map(|h| h.detail.clone())
        .collect()
}
