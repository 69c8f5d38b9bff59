//! `ALTER TABLE` merged into the table an earlier statement (in this file or an earlier one) created: SQLite's
//! `ADD [COLUMN]`, `RENAME [COLUMN] a TO b`, `RENAME TO t2` and `DROP [COLUMN]`.
//!
//! Renames carry through the model the way SQLite carries them through the schema: indexes, triggers and foreign
//! keys in other tables follow a renamed table or column.

use std::ops::ControlFlow;

use flash_core::{DataType, Diagnostic, QualName, Schema};
use sqlparser::ast::{visit_expressions_mut, Expr};
use sqlparser::ast::{AlterTableOperation, ObjectNamePart, RenameTableNameKind, Statement as Ast};
use sqlparser::dialect::SQLiteDialect;
use sqlparser::parser::Parser;

use super::names::{check_foreign_refs, qual_name};
use super::prepass::rewrite_alter_table;
use super::split::Statement;
use super::sql::StmtText;
use super::table::{add_column, print_unwrapped};
use super::Cx;

pub fn alter_table(cx: &mut Cx<'_>, stmt: &Statement) -> Result<(), Diagnostic> {
    let src = cx.source.text.as_str();
    let rewritten = rewrite_alter_table(src, &stmt.tokens, stmt.start, stmt.end);
    let st = StmtText {
        file: cx.source,
        start: stmt.start,
        text: &rewritten.text,
    };
    let Ast::AlterTable(at) = st.parse()? else {
        return Err(st.error(stmt.start, "expected ALTER TABLE"));
    };
    let wanted = qual_name(&st, &at.name, cx.default_schema)?;
    let name_at = st.name_offset(&at.name);
    let Some(key) = cx.builder.find_table(&wanted) else {
        return Err(st.error(name_at, format!("table \"{wanted}\" does not exist")));
    };
    if at.operations.len() != 1 {
        return Err(st.error(stmt.start, "SQLite's ALTER TABLE takes exactly one action"));
    }
    for op in &at.operations {
        match op {
            AlterTableOperation::AddColumn { column_def, .. } => {
                let origin = cx.builder.origin(cx.file, name_at);
                let table = cx.builder.table_mut(&key, origin)?;
                let mut refs = Vec::new();
                let data_type = rewritten
                    .types
                    .first()
                    .cloned()
                    .unwrap_or_else(|| DataType::named(""));
                add_column(&st, table, column_def, data_type, &mut refs)?;
                check_foreign_refs(cx, refs)?;
            }
            AlterTableOperation::RenameColumn {
                old_column_name,
                new_column_name,
            } => {
                let at_old = st.ident_offset(old_column_name);
                let table = cx.builder.schema.tables.get(&key);
                let Some(old) = table.and_then(|t| {
                    t.columns
                        .iter()
                        .find(|c| c.name.eq_ignore_ascii_case(&old_column_name.value))
                }) else {
                    return Err(st.error(
                        at_old,
                        format!(
                            "column \"{}\" does not exist in table \"{key}\"",
                            old_column_name.value
                        ),
                    ));
                };
                let old = old.name.clone();
                let new = new_column_name.value.clone();
                if table.is_some_and(|t| {
                    t.columns.iter().any(|c| {
                        c.name.eq_ignore_ascii_case(&new) && !c.name.eq_ignore_ascii_case(&old)
                    })
                }) {
                    return Err(st.error(
                        st.ident_offset(new_column_name),
                        format!("column \"{new}\" already exists in table \"{key}\""),
                    ));
                }
                rename_column(&mut cx.builder.schema, &key, &old, &new);
            }
            AlterTableOperation::RenameTable { table_name } => {
                let (RenameTableNameKind::To(new_name) | RenameTableNameKind::As(new_name)) =
                    table_name;
                let new_at = st.name_offset(new_name);
                let new = match new_name.0.as_slice() {
                    [ObjectNamePart::Identifier(ident)] => {
                        QualName::new(key.schema.clone(), ident.value.clone())
                    }
                    _ => {
                        return Err(
                            st.error(new_at, "the new name of a table cannot change its schema")
                        )
                    }
                };
                if cx.builder.find_table(&new).is_some_and(|k| k != key)
                    || super::names::find_view(cx, &new).is_some()
                {
                    return Err(st.error(
                        new_at,
                        format!("there is already a table or view named \"{new}\""),
                    ));
                }
                cx.builder.undefine("table", &key.to_string());
                let origin = cx.builder.origin(cx.file, new_at);
                cx.builder.define("table", &new.to_string(), origin)?;
                rename_table(&mut cx.builder.schema, &key, &new);
            }
            AlterTableOperation::DropColumn { column_names, .. } => {
                let origin = cx.builder.origin(cx.file, name_at);
                let table = cx.builder.table_mut(&key, origin)?;
                for column in column_names {
                    let before = table.columns.len();
                    table
                        .columns
                        .retain(|c| !c.name.eq_ignore_ascii_case(&column.value));
                    // Its conflict clauses go with it (SQLite refuses to drop a UNIQUE column anyway).
                    table.options.retain(|k, _| {
                        k.strip_prefix("on_conflict.not_null.")
                            .is_none_or(|c| !same(c, &column.value))
                    });
                    if table.columns.len() == before {
                        return Err(st.error(
                            st.ident_offset(column),
                            format!(
                                "column \"{}\" does not exist in table \"{key}\"",
                                column.value
                            ),
                        ));
                    }
                }
            }
            other => {
                return Err(st.error(
                    stmt.start,
                    format!("SQLite's ALTER TABLE cannot {other}: rewrite the CREATE TABLE"),
                ))
            }
        }
    }
    Ok(())
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

fn rename_in(list: &mut [String], old: &str, new: &str) {
    for c in list.iter_mut().filter(|c| same(c, old)) {
        *c = new.to_string();
    }
}

/// An expression (in printed form) with every bare reference to column `old` renamed, the way SQLite rewrites
/// CHECK, generated-column and index expressions on `RENAME COLUMN`. Text that does not parse is left alone.
fn rename_in_expr(text: &str, old: &str, new: &str) -> String {
    let dialect = SQLiteDialect {};
    let parsed = Parser::new(&dialect)
        .try_with_sql(text)
        .and_then(|mut p| p.parse_expr());
    let Ok(mut expr) = parsed else {
        return text.to_string();
    };
    let _ = visit_expressions_mut(&mut expr, |e| {
        match e {
            Expr::Identifier(ident) if same(&ident.value, old) => ident.value = new.to_string(),
            Expr::CompoundIdentifier(parts) => {
                if let Some(last) = parts.last_mut().filter(|l| same(&l.value, old)) {
                    last.value = new.to_string();
                }
            }
            _ => {}
        }
        ControlFlow::<()>::Continue(())
    });
    print_unwrapped(&expr)
}

/// The `on_conflict.not_null.<column>` and `on_conflict.unique.<columns>` options name their columns.
fn rename_in_conflicts(
    options: &mut std::collections::BTreeMap<String, String>,
    old: &str,
    new: &str,
) {
    let renamed: Vec<(String, String, String)> = options
        .iter()
        .filter_map(|(key, value)| {
            let (head, columns) = key
                .strip_prefix("on_conflict.not_null.")
                .map(|c| ("on_conflict.not_null.", c))
                .or_else(|| {
                    key.strip_prefix("on_conflict.unique.")
                        .map(|c| ("on_conflict.unique.", c))
                })?;
            let mut list: Vec<String> = columns.split(',').map(str::to_string).collect();
            rename_in(&mut list, old, new);
            let new_key = format!("{head}{}", list.join(","));
            (new_key != *key).then(|| (key.clone(), new_key, value.clone()))
        })
        .collect();
    for (key, new_key, value) in renamed {
        options.remove(&key);
        options.insert(new_key, value);
    }
}

fn rename_column(schema: &mut Schema, table: &QualName, old: &str, new: &str) {
    if let Some(t) = schema.tables.get_mut(table) {
        for c in t.columns.iter_mut() {
            if same(&c.name, old) {
                c.name = new.to_string();
            }
            if let Some(g) = &mut c.generated {
                g.expr = rename_in_expr(&g.expr, old, new);
            }
        }
        for check in &mut t.checks {
            check.expr = rename_in_expr(&check.expr, old, new);
        }
        if let Some(pk) = &mut t.primary_key {
            rename_in(&mut pk.columns, old, new);
        }
        for u in &mut t.uniques {
            rename_in(&mut u.columns, old, new);
        }
        for fk in &mut t.foreign_keys {
            rename_in(&mut fk.columns, old, new);
        }
        rename_in_conflicts(&mut t.options, old, new);
    }
    for t in schema.tables.iter_mut() {
        for fk in t
            .foreign_keys
            .iter_mut()
            .filter(|fk| &fk.ref_table == table)
        {
            rename_in(&mut fk.ref_columns, old, new);
        }
    }
    for index in schema.indexes.iter_mut().filter(|i| &i.table == table) {
        for key in &mut index.keys {
            if key.column.as_deref().is_some_and(|c| same(c, old)) {
                key.column = Some(new.to_string());
            }
            if let Some(expr) = &mut key.expr {
                *expr = rename_in_expr(expr, old, new);
            }
        }
        if let Some(clause) = &mut index.where_clause {
            *clause = rename_in_expr(clause, old, new);
        }
    }
    for trigger in schema.triggers.iter_mut().filter(|t| &t.table == table) {
        rename_in(&mut trigger.update_columns, old, new);
    }
}

fn rename_table(schema: &mut Schema, old: &QualName, new: &QualName) {
    if let Some(mut t) = schema.tables.remove(old) {
        t.name = new.clone();
        schema.tables.insert(t);
    }
    for t in schema.tables.iter_mut() {
        for fk in t
            .foreign_keys
            .iter_mut()
            .filter(|fk| same(&fk.ref_table.name, &old.name) && fk.ref_table.schema == old.schema)
        {
            fk.ref_table = new.clone();
        }
    }
    // Indexes and triggers are keyed by their table: take them out and put them back under the new name.
    let moved: Vec<_> = schema
        .indexes
        .iter()
        .filter(|i| &i.table == old)
        .map(|i| (i.table.clone(), i.name.clone()))
        .collect();
    for (table, name) in moved {
        if let Some(mut i) = schema.indexes.remove(&flash_core::IndexKey { table, name }) {
            i.table = new.clone();
            schema.indexes.insert(i);
        }
    }
    let moved: Vec<_> = schema
        .triggers
        .iter()
        .filter(|t| &t.table == old)
        .map(|t| (t.table.clone(), t.name.clone()))
        .collect();
    for (table, name) in moved {
        if let Some(mut t) = schema
            .triggers
            .remove(&flash_core::TriggerKey { table, name })
        {
            t.table = new.clone();
            schema.triggers.insert(t);
        }
    }
}
