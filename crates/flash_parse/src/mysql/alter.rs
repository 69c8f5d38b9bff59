//! `ALTER TABLE` in a schema file: changes merged into the table an earlier statement created.

use flash_core::Diagnostic;
use sqlparser::ast::{
    AlterColumnOperation, AlterTable, AlterTableOperation, ColumnOption, Ident, MySQLColumnPosition,
};

use super::ctx::{ident_offset, qual_name, Ctx};
use super::expr::{default_text, fit_to_type};
use super::table::{self, TableEdit};
use super::tokens::Stmt;

pub fn alter_table(cx: &mut Ctx<'_>, stmt: &Stmt<'_>, at: &AlterTable) -> Result<(), Diagnostic> {
    let name = qual_name(cx, stmt, &at.name)?;
    let name_at = at
        .name
        .0
        .first()
        .and_then(|p| p.as_ident())
        .map_or(stmt.start(), |i| ident_offset(stmt, i));
    let mut edit = TableEdit::existing(cx, &name, name_at)?;
    for op in &at.operations {
        operation(cx, stmt, &mut edit, op)?;
    }
    edit.store(cx)
}

fn operation(
    cx: &mut Ctx<'_>,
    stmt: &Stmt<'_>,
    edit: &mut TableEdit,
    op: &AlterTableOperation,
) -> Result<(), Diagnostic> {
    match op {
        AlterTableOperation::AddColumn {
            column_def,
            column_position,
            ..
        } => {
            table::add_column(cx, stmt, edit, column_def)?;
            place(
                cx,
                stmt,
                edit,
                &column_def.name.value,
                column_position.as_ref(),
            )
        }
        AlterTableOperation::AddConstraint { constraint, .. } => {
            table::add_constraint(cx, stmt, edit, constraint)
        }
        AlterTableOperation::ModifyColumn {
            col_name,
            options,
            column_position,
            ..
        } => {
            replace_column(cx, stmt, edit, col_name, col_name, options)?;
            place(cx, stmt, edit, &col_name.value, column_position.as_ref())
        }
        AlterTableOperation::ChangeColumn {
            old_name,
            new_name,
            options,
            column_position,
            ..
        } => {
            replace_column(cx, stmt, edit, old_name, new_name, options)?;
            place(cx, stmt, edit, &new_name.value, column_position.as_ref())
        }
        AlterTableOperation::AlterColumn { column_name, op } => {
            let at = ident_offset(stmt, column_name);
            let table_name = edit.table.name.clone();
            let column = edit.column_mut(&column_name.value).ok_or_else(|| {
                cx.err(
                    at,
                    format!(
                        "column \"{}\" does not exist in table \"{table_name}\"",
                        column_name.value
                    ),
                )
            })?;
            match op {
                AlterColumnOperation::SetDefault { value } => {
                    column.default = default_text(value).map(|d| fit_to_type(d, &column.data_type))
                }
                AlterColumnOperation::DropDefault => column.default = None,
                other => {
                    return Err(cx.err(
                        at,
                        format!("MySQL does not support ALTER COLUMN ... {other}"),
                    ))
                }
            }
            Ok(())
        }
        // Counters and execution hints, not schema.
        AlterTableOperation::AutoIncrement { .. }
        | AlterTableOperation::Algorithm { .. }
        | AlterTableOperation::Lock { .. } => Ok(()),
        _ => Err(cx.err(
            stmt.start(),
            format!("`{op}` is not supported in a schema file: edit the CREATE TABLE instead"),
        )),
    }
}

/// `FIRST` / `AFTER col`: moves a column the statement just added or redefined.
fn place(
    cx: &Ctx<'_>,
    stmt: &Stmt<'_>,
    edit: &mut TableEdit,
    name: &str,
    position: Option<&MySQLColumnPosition>,
) -> Result<(), Diagnostic> {
    let Some(position) = position else {
        return Ok(());
    };
    let Some(from) = edit
        .table
        .columns
        .iter()
        .position(|c| c.name.eq_ignore_ascii_case(name))
    else {
        return Ok(());
    };
    let column = edit.table.columns.remove(from);
    let to = match position {
        MySQLColumnPosition::First => 0,
        MySQLColumnPosition::After(after) => {
            let found = edit
                .table
                .columns
                .iter()
                .position(|c| c.name.eq_ignore_ascii_case(&after.value));
            match found {
                Some(i) => i + 1,
                None => {
                    let at = ident_offset(stmt, after);
                    let message = format!(
                        "column \"{}\" does not exist in table \"{}\"",
                        after.value, edit.table.name
                    );
                    return Err(cx.err(at, message));
                }
            }
        }
    };
    edit.table
        .columns
        .insert(to.min(edit.table.columns.len()), column);
    Ok(())
}

/// Follows a column rename into the keys and constraints that name it, as MySQL does.
fn rename_references(cx: &mut Ctx<'_>, edit: &mut TableEdit, old: &str, new: &str) {
    let rename = |c: &mut String| {
        if c.eq_ignore_ascii_case(old) {
            *c = new.to_string();
        }
    };
    if let Some(pk) = &mut edit.table.primary_key {
        pk.columns.iter_mut().for_each(rename);
    }
    for fk in &mut edit.table.foreign_keys {
        fk.columns.iter_mut().for_each(rename);
    }
    let table = edit.table.name.clone();
    let keys = edit
        .indexes
        .iter_mut()
        .chain(cx.b.schema.indexes.iter_mut().filter(|i| i.table == table))
        .flat_map(|i| i.keys.iter_mut());
    for key in keys {
        if let Some(c) = &mut key.column {
            rename(c);
        }
    }
}

/// `MODIFY` and `CHANGE`: a new definition in the old column's place.
fn replace_column(
    cx: &mut Ctx<'_>,
    stmt: &Stmt<'_>,
    edit: &mut TableEdit,
    old: &Ident,
    new: &Ident,
    options: &[ColumnOption],
) -> Result<(), Diagnostic> {
    let at = ident_offset(stmt, old);
    let Some(position) = edit
        .table
        .columns
        .iter()
        .position(|c| c.name.eq_ignore_ascii_case(&old.value))
    else {
        return Err(cx.err(
            at,
            format!(
                "column \"{}\" does not exist in table \"{}\"",
                old.value, edit.table.name
            ),
        ));
    };
    let renamed = !old.value.eq_ignore_ascii_case(&new.value);
    if renamed && edit.has_column(&new.value) {
        let at = ident_offset(stmt, new);
        return Err(cx.err(
            at,
            format!(
                "column \"{}\" is specified twice in table \"{}\"",
                new.value, edit.table.name
            ),
        ));
    }
    let mut column = table::new_column(cx, stmt, new)?;
    if renamed && column.renamed_from.is_none() {
        column.renamed_from = Some(old.value.clone());
    }
    if let Some(slot) = edit.table.columns.get_mut(position) {
        *slot = column;
    }
    if renamed {
        rename_references(cx, edit, &old.value, &new.value);
    }
    let options: Vec<(Option<&Ident>, &ColumnOption)> = options.iter().map(|o| (None, o)).collect();
    table::column_options(cx, stmt, edit, new, &options)
}
