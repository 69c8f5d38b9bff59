//! Tables, field by field: renames by hint, columns, constraints, options, row-level security and comments.

use std::borrow::Cow;
use std::collections::BTreeMap;

use flash_core::{Column, ObjectMap, QualName, Table};

use crate::change::{Change, ColumnChange, CommentTarget, Object};

/// Renames by `-- flash:renamed-from` hints: tables (old name to new name) and columns (per table, by its new name).
#[derive(Default)]
pub struct Renames {
    tables: BTreeMap<QualName, QualName>,
    columns: BTreeMap<QualName, BTreeMap<String, String>>,
}

impl Renames {
    /// A table's name after the renames.
    pub fn table(&self, name: &QualName) -> QualName {
        self.tables
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.clone())
    }

    /// A column's name after the renames, in a table given by its name after the renames.
    pub fn column(&self, table: &QualName, column: &str) -> String {
        self.columns
            .get(table)
            .and_then(|c| c.get(column))
            .cloned()
            .unwrap_or_else(|| column.to_string())
    }
}

pub fn diff_tables(
    from: &ObjectMap<Table>,
    to: &ObjectMap<Table>,
    out: &mut Vec<Change>,
) -> Renames {
    let mut renames = Renames::default();
    for new in to.iter() {
        let Some(old_name) = &new.renamed_from else {
            continue;
        };
        let old = QualName::new(new.name.schema.clone(), old_name.clone());
        // A hint only renames when the old table is there and the new name is not taken yet.
        if from.contains_key(&old) && !to.contains_key(&old) && !from.contains_key(&new.name) {
            out.push(Change::RenameTable {
                from: old.clone(),
                to: new.name.clone(),
            });
            renames.tables.insert(old, new.name.clone());
        }
    }
    for old in from.iter() {
        if !to.contains_key(&old.name) && !renames.tables.contains_key(&old.name) {
            out.push(Change::Drop {
                object: Box::new(Object::Table(old.clone())),
            });
        }
    }
    let renamed_from: BTreeMap<QualName, QualName> = renames
        .tables
        .iter()
        .map(|(o, n)| (n.clone(), o.clone()))
        .collect();
    for new in to.iter() {
        let old_key = renamed_from.get(&new.name).unwrap_or(&new.name);
        match from.get(old_key) {
            None => out.push(Change::Create {
                object: Box::new(Object::Table(new.clone())),
            }),
            Some(old) => diff_table(old, new, &mut renames, out),
        }
    }
    renames
}

fn diff_table(old: &Table, new: &Table, renames: &mut Renames, out: &mut Vec<Change>) {
    // Most tables of a large schema are unchanged: one comparison instead of a walk over every part.
    if old == new {
        return;
    }
    let name = &new.name;
    let shape = |t: &Table| {
        (
            t.partition_by.clone(),
            t.partition_of.clone(),
            t.inherits.clone(),
        )
    };
    if shape(old) != shape(new) {
        // Partitioning and inheritance cannot be altered in place: the table is rebuilt.
        out.push(Change::Replace {
            from: Box::new(Object::Table(old.clone())),
            to: Box::new(Object::Table(new.clone())),
        });
        return;
    }
    let old = with_column_renames(old, new, renames, out);
    diff_columns(&old, new, out);
    if old.primary_key != new.primary_key {
        if let Some(pk) = &old.primary_key {
            out.push(Change::DropPrimaryKey {
                table: name.clone(),
                primary_key: pk.clone(),
            });
        }
        if let Some(pk) = &new.primary_key {
            out.push(Change::AddPrimaryKey {
                table: name.clone(),
                primary_key: pk.clone(),
            });
        }
    }
    let (gone, added) = set_diff(&old.uniques, &new.uniques);
    out.extend(gone.into_iter().map(|u| Change::DropUnique {
        table: name.clone(),
        unique: u,
    }));
    out.extend(added.into_iter().map(|u| Change::AddUnique {
        table: name.clone(),
        unique: u,
    }));
    let (gone, added) = set_diff(&old.checks, &new.checks);
    out.extend(gone.into_iter().map(|c| Change::DropCheck {
        table: name.clone(),
        check: c,
    }));
    out.extend(added.into_iter().map(|c| Change::AddCheck {
        table: name.clone(),
        check: c,
    }));
    let (gone, added) = set_diff(&old.foreign_keys, &new.foreign_keys);
    out.extend(gone.into_iter().map(|f| Change::DropForeignKey {
        table: name.clone(),
        foreign_key: f,
    }));
    out.extend(added.into_iter().map(|f| Change::AddForeignKey {
        table: name.clone(),
        foreign_key: f,
    }));
    let (gone, added) = set_diff(&old.exclusions, &new.exclusions);
    out.extend(gone.into_iter().map(|e| Change::DropExclusion {
        table: name.clone(),
        exclusion: e,
    }));
    out.extend(added.into_iter().map(|e| Change::AddExclusion {
        table: name.clone(),
        exclusion: e,
    }));
    if old.options != new.options {
        out.push(Change::SetTableOptions {
            table: name.clone(),
            from: old.options.clone(),
            to: new.options.clone(),
        });
    }
    if (old.rls_enabled, old.rls_forced) != (new.rls_enabled, new.rls_forced) {
        out.push(Change::SetRowLevelSecurity {
            table: name.clone(),
            enabled: new.rls_enabled,
            forced: new.rls_forced,
        });
    }
    if old.comment != new.comment {
        let target = CommentTarget {
            kind: "table".into(),
            name: name.to_string(),
            part: None,
        };
        out.push(Change::SetComment {
            target,
            from: old.comment.clone(),
            to: new.comment.clone(),
        });
    }
    let constraints: std::collections::BTreeSet<&String> = old
        .constraint_comments
        .keys()
        .chain(new.constraint_comments.keys())
        .collect();
    // A dropped constraint takes its comment with it, and one dropped to be added again comes back without.
    let dropped = if constraints.is_empty() {
        Default::default()
    } else {
        dropped_constraints(out, name)
    };
    for constraint in constraints {
        if !new.constraint_names().any(|n| n == constraint.as_str()) {
            continue;
        }
        let before = old
            .constraint_comments
            .get(constraint)
            .filter(|_| !dropped.contains(constraint.as_str()));
        let after = new.constraint_comments.get(constraint);
        if before != after {
            let target = CommentTarget {
                kind: "constraint".into(),
                name: name.to_string(),
                part: Some(constraint.clone()),
            };
            out.push(Change::SetComment {
                target,
                from: before.cloned(),
                to: after.cloned(),
            });
        }
    }
}

/// The names of the constraints of `table` that `changes` drop.
fn dropped_constraints(changes: &[Change], table: &QualName) -> std::collections::BTreeSet<String> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::DropPrimaryKey {
                table: t,
                primary_key,
            } if t == table => primary_key.name.clone(),
            Change::DropUnique { table: t, unique } if t == table => unique.name.clone(),
            Change::DropCheck { table: t, check } if t == table => check.name.clone(),
            Change::DropForeignKey {
                table: t,
                foreign_key,
            } if t == table => foreign_key.name.clone(),
            Change::DropExclusion {
                table: t,
                exclusion,
            } if t == table => exclusion.name.clone(),
            _ => None,
        })
        .collect()
}

/// Applies the column rename hints of `new` to a copy of `old` (columns and the constraints naming them), emitting a
/// `RenameColumn` for each, so that everything after compares by the new names. Without a rename, `old` itself.
fn with_column_renames<'t>(
    old: &'t Table,
    new: &Table,
    renames: &mut Renames,
    out: &mut Vec<Change>,
) -> Cow<'t, Table> {
    let mut old = Cow::Borrowed(old);
    for column in &new.columns {
        let Some(from) = &column.renamed_from else {
            continue;
        };
        if old.column(from).is_none()
            || old.column(&column.name).is_some()
            || new.column(from).is_some()
        {
            continue;
        }
        out.push(Change::RenameColumn {
            table: new.name.clone(),
            from: from.clone(),
            to: column.name.clone(),
        });
        renames
            .columns
            .entry(new.name.clone())
            .or_default()
            .insert(from.clone(), column.name.clone());
        let rename = |c: &mut String| {
            if c == from {
                *c = column.name.clone();
            }
        };
        let old = old.to_mut();
        if let Some(c) = old.column_mut(from) {
            c.name = column.name.clone();
        }
        old.primary_key
            .iter_mut()
            .for_each(|pk| pk.columns.iter_mut().for_each(rename));
        old.uniques
            .iter_mut()
            .for_each(|u| u.columns.iter_mut().for_each(rename));
        old.foreign_keys
            .iter_mut()
            .for_each(|f| f.columns.iter_mut().for_each(rename));
    }
    old
}

fn diff_columns(old: &Table, new: &Table, out: &mut Vec<Change>) {
    let table = &new.name;
    for column in &old.columns {
        if new.column(&column.name).is_none() {
            out.push(Change::DropColumn {
                table: table.clone(),
                column: column.clone(),
            });
        }
    }
    for column in &new.columns {
        match old.column(&column.name) {
            None => out.push(Change::AddColumn {
                table: table.clone(),
                column: without_hint(column),
            }),
            Some(before) => {
                let changes = column_changes(before, column);
                if !changes.is_empty() {
                    out.push(Change::AlterColumn {
                        table: table.clone(),
                        column: column.name.clone(),
                        changes,
                    });
                }
                if before.comment != column.comment {
                    let target = CommentTarget {
                        kind: "column".into(),
                        name: table.to_string(),
                        part: Some(column.name.clone()),
                    };
                    out.push(Change::SetComment {
                        target,
                        from: before.comment.clone(),
                        to: column.comment.clone(),
                    });
                }
            }
        }
    }
}

fn without_hint(column: &Column) -> Column {
    Column {
        renamed_from: None,
        ..column.clone()
    }
}

fn column_changes(a: &Column, b: &Column) -> Vec<ColumnChange> {
    let mut out = Vec::new();
    if a.data_type != b.data_type {
        out.push(ColumnChange::Type {
            from: a.data_type.clone(),
            to: b.data_type.clone(),
        });
    }
    if a.nullable != b.nullable {
        out.push(ColumnChange::Nullable {
            from: a.nullable,
            to: b.nullable,
        });
    }
    if a.default != b.default {
        out.push(ColumnChange::Default {
            from: a.default.clone(),
            to: b.default.clone(),
        });
    }
    if a.identity != b.identity {
        out.push(ColumnChange::Identity {
            from: a.identity.clone(),
            to: b.identity.clone(),
        });
    }
    if a.generated != b.generated {
        out.push(ColumnChange::Generated {
            from: a.generated.clone(),
            to: b.generated.clone(),
        });
    }
    if a.collation != b.collation {
        out.push(ColumnChange::Collation {
            from: a.collation.clone(),
            to: b.collation.clone(),
        });
    }
    if a.charset != b.charset {
        out.push(ColumnChange::Charset {
            from: a.charset.clone(),
            to: b.charset.clone(),
        });
    }
    if a.auto_increment != b.auto_increment {
        out.push(ColumnChange::AutoIncrement {
            from: a.auto_increment,
            to: b.auto_increment,
        });
    }
    if a.invisible != b.invisible {
        out.push(ColumnChange::Invisible {
            from: a.invisible,
            to: b.invisible,
        });
    }
    if a.on_update != b.on_update {
        out.push(ColumnChange::OnUpdate {
            from: a.on_update.clone(),
            to: b.on_update.clone(),
        });
    }
    out
}

/// Constraints are a set: what is only in `old` and what is only in `new`. A changed constraint is one of each.
fn set_diff<T: Clone + PartialEq>(old: &[T], new: &[T]) -> (Vec<T>, Vec<T>) {
    let gone = old.iter().filter(|c| !new.contains(c)).cloned().collect();
    let added = new.iter().filter(|c| !old.contains(c)).cloned().collect();
    (gone, added)
}
