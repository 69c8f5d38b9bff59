//! SQLite migration statements from changes.
//!
//! SQLite alters a table in place only for a few things (add a plain column, drop an unused one, renames); every
//! other change to a table is the documented rebuild (`rebuild.rs`). A table that needs one gets exactly one, which
//! takes all of its changes at once; its in-place changes are then left out.

mod ddl;
mod rebuild;

pub(crate) use rebuild::tables_to_rebuild;

use std::collections::BTreeSet;

use flash_core::{Dialect, QualName, Schema};

use super::{ObjectKind, ObjectRef, Phase, RenderError, Staged};
use crate::{Change, Object};
use ddl::{ident, qname};

pub fn render(changes: &[Change], from: &Schema, to: &Schema) -> Result<Vec<Staged>, RenderError> {
    let rebuilt = rebuild::tables_to_rebuild(changes, from, to)?;
    let mut out = Out::default();
    for change in changes {
        render_change(change, &rebuilt, &mut out)?;
    }
    for table in &rebuilt {
        rebuild::rebuild(table, changes, from, to, &mut out)?;
    }
    // A dropped view takes its INSTEAD OF triggers with it; those the target keeps come back with the view.
    let dropped_views: Vec<QualName> = out
        .dropped
        .iter()
        .filter(|r| r.kind == ObjectKind::View)
        .map(|r| r.name.clone())
        .collect();
    for t in from
        .triggers
        .iter()
        .filter(|t| dropped_views.contains(&t.table))
    {
        out.drop(&Object::Trigger(t.clone()))?;
        if let Some(kept) = to
            .triggers
            .iter()
            .find(|n| n.name == t.name && n.table == t.table)
        {
            out.create(&Object::Trigger(kept.clone()))?;
        }
    }
    let drops_table = changes.iter().any(
        |c| matches!(c, Change::Drop { object } if matches!(object.as_ref(), Object::Table(_))),
    );
    // Dropping or rebuilding a table under enforced foreign keys deletes (or refuses to delete) the rows that
    // reference it; the check at the end of the transaction reports what the new definitions no longer allow.
    if !rebuilt.is_empty() || drops_table {
        out.push(Phase::BeforeTransaction, "PRAGMA foreign_keys = OFF".into());
        out.push(Phase::Finishing, "PRAGMA foreign_key_check".into());
        out.push(Phase::AfterTransaction, "PRAGMA foreign_keys = ON".into());
    }
    Ok(out.staged)
}

fn unsupported(what: impl Into<String>) -> RenderError {
    RenderError::Unsupported {
        dialect: Dialect::Sqlite,
        what: what.into(),
    }
}

/// The statements so far, and which objects they already create or drop: a rebuild recreates a table's indexes,
/// triggers and views, which the differ may also create or drop, and each must happen once.
#[derive(Default)]
pub struct Out {
    staged: Vec<Staged>,
    created: BTreeSet<ObjectRef>,
    dropped: BTreeSet<ObjectRef>,
}

impl Out {
    fn push(&mut self, phase: Phase, sql: String) {
        self.staged.push(Staged::new(phase, sql));
    }

    fn create(&mut self, object: &Object) -> Result<(), RenderError> {
        let r = object.object_ref();
        if self.created.insert(r.clone()) {
            let (phase, sql) = create(object)?;
            self.staged.push(Staged::new(phase, sql).creating(r));
        }
        Ok(())
    }

    fn drop(&mut self, object: &Object) -> Result<(), RenderError> {
        let r = object.object_ref();
        if self.dropped.insert(r.clone()) {
            let (phase, sql) = drop(object)?;
            let staged = Staged::new(phase, sql).dropping(r);
            // Triggers go first among the dependents: dropping the view a trigger is on drops the trigger too.
            if matches!(object, Object::Trigger(_)) {
                self.staged.insert(0, staged);
            } else {
                self.staged.push(staged);
            }
        }
        Ok(())
    }
}

fn render_change(
    change: &Change,
    rebuilt: &BTreeSet<QualName>,
    out: &mut Out,
) -> Result<(), RenderError> {
    use Phase::*;
    match change {
        Change::Create { object } => out.create(object)?,
        Change::Drop { object } => out.drop(object)?,
        Change::Replace { from, to } => match (from.as_ref(), to.as_ref()) {
            (Object::Table(_), _) => return Err(unsupported("replacing a table")),
            _ => {
                out.drop(from)?;
                out.create(to)?;
            }
        },
        Change::RenameTable { from, to } => out.push(
            Renames,
            format!("ALTER TABLE {} RENAME TO {}", qname(from), ident(&to.name)),
        ),
        Change::RenameColumn { table, from, to } => out.push(
            Renames,
            format!(
                "ALTER TABLE {} RENAME COLUMN {} TO {}",
                qname(table),
                ident(from),
                ident(to)
            ),
        ),
        // Everything else changes one table, in place unless the table is rebuilt.
        Change::AddColumn { table, column } => {
            if !rebuilt.contains(table) {
                out.push(
                    Columns,
                    format!(
                        "ALTER TABLE {} ADD COLUMN {}",
                        qname(table),
                        ddl::column_definition(column)
                    ),
                );
            }
        }
        Change::DropColumn { table, column } => {
            if !rebuilt.contains(table) {
                out.push(
                    DropTables,
                    format!(
                        "ALTER TABLE {} DROP COLUMN {}",
                        qname(table),
                        ident(&column.name)
                    ),
                );
            }
        }
        Change::AlterColumn { .. }
        | Change::AddPrimaryKey { .. }
        | Change::DropPrimaryKey { .. }
        | Change::AddUnique { .. }
        | Change::DropUnique { .. }
        | Change::AddCheck { .. }
        | Change::DropCheck { .. }
        | Change::AddForeignKey { .. }
        | Change::DropForeignKey { .. }
        | Change::SetTableOptions { .. } => {}
        Change::AddEnumValue { .. } => return Err(unsupported("enum types")),
        Change::AddExclusion { .. } | Change::DropExclusion { .. } => {
            return Err(unsupported("exclusion constraints"))
        }
        Change::SetRowLevelSecurity { .. } => return Err(unsupported("row-level security")),
        Change::SetComment { .. } => return Err(unsupported("comments")),
        Change::Grant { .. } | Change::Revoke { .. } => return Err(unsupported("grants")),
    }
    Ok(())
}

fn create(object: &Object) -> Result<(Phase, String), RenderError> {
    Ok(match object {
        Object::Table(t) => (Phase::Tables, ddl::create_table(t, &t.name)),
        Object::Index(i) => (Phase::Constraints, ddl::create_index(i)),
        Object::View(v) => (Phase::Dependents, ddl::create_view(v)),
        // Triggers come after the tables and views their bodies use.
        Object::Trigger(t) => (Phase::Finishing, ddl::create_trigger(t)),
        other => return Err(unsupported(format!("creating {}", other.object_ref()))),
    })
}

fn drop(object: &Object) -> Result<(Phase, String), RenderError> {
    Ok(match object {
        Object::Table(t) => (Phase::DropTables, format!("DROP TABLE {}", qname(&t.name))),
        Object::Index(i) => {
            let name = QualName::new(i.table.schema.clone(), i.name.clone());
            (
                Phase::DropConstraintsAndIndexes,
                format!("DROP INDEX {}", qname(&name)),
            )
        }
        Object::View(v) => (
            Phase::DropDependents,
            format!("DROP VIEW {}", qname(&v.name)),
        ),
        Object::Trigger(t) => (
            Phase::DropDependents,
            format!("DROP TRIGGER {}", ddl::trigger_name(t)),
        ),
        other => return Err(unsupported(format!("dropping {}", other.object_ref()))),
    })
}

#[cfg(test)]
mod tests;
