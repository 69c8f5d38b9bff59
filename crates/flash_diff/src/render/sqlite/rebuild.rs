//! The twelve-step table rebuild of <https://www.sqlite.org/lang_altertable.html> (§7) for every change SQLite
//! cannot make in place: create the target definition under a new name, copy the rows over, drop the old table,
//! rename the new one, and put back the indexes, triggers and views that went with the old one.
//!
//! Foreign keys are switched off around the migration by the caller (`PRAGMA foreign_keys` is a no-op inside a
//! transaction), so dropping the old table neither cascades nor fails on the rows that reference it.

use std::collections::BTreeSet;

use flash_core::{Column, QualName, Schema, Table, Trigger, View};

use super::ddl::{self, ident, mentions, qname};
use super::{Out, RenderError};
use crate::render::Phase;
use crate::{Change, Object};

/// The tables (by their name in `to`) whose changes SQLite cannot make in place.
pub fn tables_to_rebuild(
    changes: &[Change],
    from: &Schema,
    to: &Schema,
) -> Result<BTreeSet<QualName>, RenderError> {
    let mut out = BTreeSet::new();
    let followed = renamed_references(changes);
    for (i, change) in changes.iter().enumerate() {
        if followed.contains(&i) {
            continue;
        }
        let table = match change {
            Change::AlterColumn { table, .. }
            | Change::AddPrimaryKey { table, .. }
            | Change::DropPrimaryKey { table, .. }
            | Change::AddUnique { table, .. }
            | Change::DropUnique { table, .. }
            | Change::AddCheck { table, .. }
            | Change::DropCheck { table, .. }
            | Change::AddForeignKey { table, .. }
            | Change::DropForeignKey { table, .. }
            | Change::SetTableOptions { table, .. } => table,
            Change::AddColumn { table, column } if !can_add(to, table, column) => table,
            Change::DropColumn { table, column }
                if !can_drop(changes, from, to, table, &column.name) =>
            {
                table
            }
            _ => continue,
        };
        if !to.tables.contains_key(table) {
            return Err(super::unsupported(format!(
                "changing table {table}, which the target schema does not have"
            )));
        }
        out.insert(table.clone());
    }
    Ok(out)
}

/// The foreign key changes (by index) that only follow a rename: SQLite rewrites every REFERENCES to a renamed
/// table or column itself, so a dropped key whose renamed twin is added needs no rebuild.
fn renamed_references(changes: &[Change]) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for (i, c) in changes.iter().enumerate() {
        let Change::DropForeignKey {
            table: t,
            foreign_key: old,
        } = c
        else {
            continue;
        };
        let mut renamed = old.clone();
        renamed.ref_table = renamed_table(changes, &old.ref_table, true);
        renamed.columns = old
            .columns
            .iter()
            .map(|n| renamed_column(changes, t, n))
            .collect();
        renamed.ref_columns = old
            .ref_columns
            .iter()
            .map(|n| renamed_column(changes, &renamed.ref_table, n))
            .collect();
        if renamed == *old {
            continue;
        }
        let twin = changes.iter().enumerate().position(|(j, a)| {
            !out.contains(&j)
                && matches!(a, Change::AddForeignKey { table: at, foreign_key }
                    if at == t && *foreign_key == renamed)
        });
        if let Some(j) = twin {
            out.insert(i);
            out.insert(j);
        }
    }
    out
}

/// `ALTER TABLE ADD COLUMN` takes a column that is not a key, whose default is a constant (non-NULL when the column
/// is NOT NULL) and that is not a stored generated column.
fn can_add(to: &Schema, table: &QualName, column: &Column) -> bool {
    let Some(t) = to.tables.get(table) else {
        return false;
    };
    let name = &column.name;
    let keyed = t
        .primary_key
        .as_ref()
        .is_some_and(|pk| pk.columns.contains(name))
        || t.uniques.iter().any(|u| u.columns.contains(name));
    let default_ok = match &column.default {
        None => column.nullable || column.generated.is_some(),
        Some(d) => ddl::is_constant(d) && (column.nullable || !d.eq_ignore_ascii_case("null")),
    };
    let stored = column.generated.as_ref().is_some_and(|g| g.stored);
    !keyed && default_ok && !stored
}

/// `ALTER TABLE DROP COLUMN` refuses a column that a key, constraint, generated column, index, view or trigger uses.
/// What the old table's constraints use counts (they go with a rebuild only); of the indexes, views and triggers,
/// those the target keeps, since the migration drops the others before the column.
fn can_drop(
    changes: &[Change],
    from: &Schema,
    to: &Schema,
    table: &QualName,
    column: &str,
) -> bool {
    let Some(old) = from.tables.get(&old_name(changes, table)) else {
        return false;
    };
    let has = |cols: &[String]| cols.iter().any(|c| c == column);
    if old.primary_key.as_ref().is_some_and(|pk| has(&pk.columns))
        || old.uniques.iter().any(|u| has(&u.columns))
        || old.foreign_keys.iter().any(|f| has(&f.columns))
        || old.checks.iter().any(|c| mentions(&c.expr, column))
        || old
            .columns
            .iter()
            .filter_map(|c| c.generated.as_ref())
            .any(|g| mentions(&g.expr, column))
    {
        return false;
    }
    let indexed = to.indexes.iter().filter(|i| &i.table == table).any(|i| {
        i.keys.iter().any(|k| {
            k.column.as_deref() == Some(column)
                || k.expr.as_deref().is_some_and(|e| mentions(e, column))
        }) || i
            .where_clause
            .as_deref()
            .is_some_and(|w| mentions(w, column))
    });
    let used = |text: &str| mentions(text, column) && mentions(text, &table.name);
    let in_view = to.views.iter().any(|v| used(&v.query));
    let in_trigger = to.triggers.iter().any(|t| used(&trigger_text(t)));
    !(indexed || in_view || in_trigger)
}

/// The table's name in `from`: renames run first, so a rebuild works on the new name but reads the old definition.
fn old_name(changes: &[Change], table: &QualName) -> QualName {
    renamed_table(changes, table, false)
}

/// A table's name after (`forward`) or before the migration's renames.
fn renamed_table(changes: &[Change], table: &QualName, forward: bool) -> QualName {
    changes
        .iter()
        .find_map(|c| match c {
            Change::RenameTable { from, to } if forward && from == table => Some(to.clone()),
            Change::RenameTable { from, to } if !forward && to == table => Some(from.clone()),
            _ => None,
        })
        .unwrap_or_else(|| table.clone())
}

/// A column's name after the renames, in a table given by its name after them.
fn renamed_column(changes: &[Change], table: &QualName, column: &str) -> String {
    changes
        .iter()
        .find_map(|c| match c {
            Change::RenameColumn { table: t, from, to } if t == table && from == column => {
                Some(to.clone())
            }
            _ => None,
        })
        .unwrap_or_else(|| column.to_string())
}

fn trigger_text(t: &Trigger) -> String {
    format!(
        "{} {} {} {}",
        t.table.name,
        t.update_columns.join(" "),
        t.when.as_deref().unwrap_or(""),
        t.body.as_deref().unwrap_or("")
    )
}

/// The views and triggers of `from` that must go while `table` is rebuilt: its own triggers, and every view or
/// trigger that names it, or names a view that goes (renaming the new table re-checks every view and trigger of the
/// schema, and a view over a missing table fails it).
fn dependents<'a>(from: &'a Schema, names: &[&str]) -> (Vec<&'a View>, Vec<&'a Trigger>) {
    let mut gone: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let mut views: Vec<&View> = Vec::new();
    loop {
        let before = views.len();
        for v in from.views.iter() {
            if !views.iter().any(|w| w.name == v.name) && gone.iter().any(|g| mentions(&v.query, g))
            {
                views.push(v);
                gone.push(v.name.name.clone());
            }
        }
        if views.len() == before {
            break;
        }
    }
    let triggers = from
        .triggers
        .iter()
        .filter(|t| {
            let text = trigger_text(t);
            gone.iter()
                .any(|g| t.table.name.eq_ignore_ascii_case(g) || mentions(&text, g))
        })
        .collect();
    (views, triggers)
}

/// The rebuild of `table` (its name in `to`, which it already has: renames run first).
pub fn rebuild(
    table: &QualName,
    changes: &[Change],
    from: &Schema,
    to: &Schema,
    out: &mut Out,
) -> Result<(), RenderError> {
    let old = old_name(changes, table);
    let (Some(source), Some(target)) = (from.tables.get(&old), to.tables.get(table)) else {
        return Err(super::unsupported(format!(
            "rebuilding table {table}, which one of the schemas does not have"
        )));
    };
    let (views, triggers) = dependents(from, &[&old.name, &table.name]);
    for v in &views {
        out.drop(&Object::View((*v).clone()))?;
    }
    for t in &triggers {
        out.drop(&Object::Trigger((*t).clone()))?;
    }

    // `new_<table>`, unless a table of either schema has that name already.
    let mut new_name = QualName::new(table.schema.clone(), format!("new_{}", table.name));
    while from.tables.contains_key(&new_name) || to.tables.contains_key(&new_name) {
        new_name.name.insert(0, '_');
    }
    let (columns, values) = copied_columns(changes, source, target);
    out.push(Phase::Tables, ddl::create_table(target, &new_name));
    if !columns.is_empty() {
        out.push(
            Phase::Tables,
            format!(
                "INSERT INTO {} ({}) SELECT {} FROM {}",
                qname(&new_name),
                columns.join(", "),
                values.join(", "),
                qname(table)
            ),
        );
    }
    out.push(Phase::Tables, format!("DROP TABLE {}", qname(table)));
    out.push(
        Phase::Tables,
        format!(
            "ALTER TABLE {} RENAME TO {}",
            qname(&new_name),
            ident(&table.name)
        ),
    );

    for i in to.indexes.iter().filter(|i| &i.table == table) {
        out.create(&Object::Index(i.clone()))?;
    }
    for v in &views {
        if let Some(v) = to.views.get(&v.name) {
            out.create(&Object::View(v.clone()))?;
        }
    }
    let own = to.triggers.iter().filter(|t| &t.table == table);
    // Trigger names are unique in a schema, whatever table they watch.
    let others = triggers.iter().filter_map(|t| {
        to.triggers
            .iter()
            .find(|n| n.name == t.name && n.table.schema == t.table.schema)
    });
    for t in own.chain(others) {
        out.create(&Object::Trigger(t.clone()))?;
    }
    Ok(())
}

/// The columns both versions have (by their name after renames) that the new table stores, and what to copy into
/// each: the old value, or its default where the column becomes NOT NULL.
fn copied_columns(
    changes: &[Change],
    source: &Table,
    target: &Table,
) -> (Vec<String>, Vec<String>) {
    let mut columns = Vec::new();
    let mut values = Vec::new();
    for old in &source.columns {
        let name = renamed_column(changes, &target.name, &old.name);
        let Some(new) = target.column(&name) else {
            continue;
        };
        if new.generated.is_some() {
            continue;
        }
        let value = match &new.default {
            Some(d) if old.nullable && !new.nullable => {
                format!("coalesce({}, {d})", ident(&name))
            }
            _ => ident(&name),
        };
        columns.push(ident(&name));
        values.push(value);
    }
    (columns, values)
}
