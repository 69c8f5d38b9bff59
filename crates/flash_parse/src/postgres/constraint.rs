//! Table constraints (PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY, EXCLUDE), from CREATE TABLE, column definitions and
//! ALTER TABLE ADD CONSTRAINT alike.

use flash_core::{
    CheckConstraint, Diagnostic, ExclusionConstraint, ExclusionElement, FkAction, FkMatch,
    ForeignKey, PrimaryKey, Table, UniqueConstraint,
};
use pg_query::protobuf::{self, node::Node as N, ConstrType};

use super::context::Ctx;
use super::expr::{deparse_expr, referenced_columns};
use super::index::index_column_name;
use super::names::{range_var, strings};
use super::naming;
use crate::builder::missing_column;

/// Where a constraint was written: a column constraint applies to that column.
pub enum Scope<'a> {
    Table,
    Column(&'a str),
}

pub fn constr_type(c: &protobuf::Constraint) -> ConstrType {
    ConstrType::try_from(c.contype).unwrap_or(ConstrType::Undefined)
}

/// Adds a PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY or EXCLUDE constraint to `table`.
pub fn add_constraint(
    cx: &mut Ctx,
    table: &mut Table,
    c: &protobuf::Constraint,
    scope: Scope,
) -> Result<(), Diagnostic> {
    let columns = match (&scope, c.keys.is_empty()) {
        (Scope::Column(col), true) => vec![col.to_string()],
        _ => strings(&c.keys),
    };
    let explicit = (!c.conname.is_empty()).then(|| c.conname.clone());
    if let Some(name) = &explicit {
        if table.constraint_names().any(|n| n == name) {
            return Err(cx.err(
                c.location,
                format!(
                    "constraint \"{name}\" is already defined on table \"{}\"",
                    table.name
                ),
            ));
        }
    }
    let dialect = cx.b.dialect();
    let check_columns =
        |cx: &Ctx, table: &Table, cols: &[String]| match missing_column(dialect, table, cols) {
            Some(m) => Err(cx.err(
                c.location,
                format!("column \"{m}\" does not exist in table \"{}\"", table.name),
            )),
            None => Ok(()),
        };
    let table_name = table.name.name.clone();
    match constr_type(c) {
        ConstrType::ConstrPrimary => {
            if table.primary_key.is_some() {
                return Err(cx.err(
                    c.location,
                    format!("table \"{}\" already has a primary key", table.name),
                ));
            }
            check_columns(cx, table, &columns)?;
            for col in &columns {
                if let Some(column) = table.column_mut(col) {
                    column.nullable = false;
                }
            }
            let name = explicit.unwrap_or_else(|| naming::object_name(&table_name, None, "pkey"));
            table.primary_key = Some(PrimaryKey {
                name: Some(name),
                columns,
            });
        }
        ConstrType::ConstrUnique => {
            check_columns(cx, table, &columns)?;
            let name = explicit.unwrap_or_else(|| default_name(table, &columns.join("_"), "key"));
            table.uniques.push(UniqueConstraint {
                name: Some(name),
                columns,
                include: strings(&c.including),
                nulls_not_distinct: c.nulls_not_distinct,
                deferrable: c.deferrable,
                initially_deferred: c.initdeferred,
            });
        }
        ConstrType::ConstrCheck => {
            let Some(raw) = c.raw_expr.as_deref() else {
                return Ok(());
            };
            let referenced = referenced_columns(raw);
            let name = explicit.unwrap_or_else(|| {
                // PostgreSQL names a check after its column when it mentions exactly one.
                let col = match (&scope, referenced.as_slice()) {
                    (Scope::Column(col), _) => Some(col.to_string()),
                    (Scope::Table, [only]) => Some(only.clone()),
                    _ => None,
                };
                default_name(table, col.as_deref().unwrap_or(""), "check")
            });
            table.checks.push(CheckConstraint {
                name: Some(name),
                expr: deparse_expr(raw),
                no_inherit: c.is_no_inherit,
                not_valid: c.skip_validation,
            });
        }
        ConstrType::ConstrForeign => {
            let columns = match &scope {
                Scope::Column(col) => vec![col.to_string()],
                Scope::Table => strings(&c.fk_attrs),
            };
            check_columns(cx, table, &columns)?;
            let Some(pktable) = c.pktable.as_ref() else {
                return Ok(());
            };
            let ref_table = range_var(pktable);
            let ref_columns = strings(&c.pk_attrs);
            if ref_table == table.name {
                check_columns(cx, table, &ref_columns)?;
            } else {
                let at = cx.at(pktable.location);
                cx.b.defer_table(ref_table.clone(), at);
                if !ref_columns.is_empty() {
                    cx.b.defer_columns(ref_table.clone(), ref_columns.clone(), at);
                }
            }
            let name = explicit.unwrap_or_else(|| default_name(table, &columns.join("_"), "fkey"));
            table.foreign_keys.push(ForeignKey {
                name: Some(name),
                columns,
                ref_table,
                ref_columns,
                on_delete: FkAction::from_postgres_code(&c.fk_del_action),
                on_update: FkAction::from_postgres_code(&c.fk_upd_action),
                match_type: match c.fk_matchtype.as_str() {
                    "f" => FkMatch::Full,
                    "p" => FkMatch::Partial,
                    _ => FkMatch::Simple,
                },
                deferrable: c.deferrable,
                initially_deferred: c.initdeferred,
                not_valid: c.skip_validation,
            });
        }
        ConstrType::ConstrExclusion => {
            let mut elements = Vec::new();
            let mut names = Vec::new();
            for pair in &c.exclusions {
                let Some(N::List(list)) = pair.node.as_ref() else {
                    continue;
                };
                let (Some(elem), Some(op)) = (list.items.first(), list.items.get(1)) else {
                    continue;
                };
                let Some(N::IndexElem(elem)) = elem.node.as_ref() else {
                    continue;
                };
                let operator = match op.node.as_ref() {
                    Some(N::List(ops)) => strings(&ops.items).join("."),
                    _ => String::new(),
                };
                names.push(index_column_name(elem));
                let expr = match elem.expr.as_deref() {
                    Some(e) => deparse_expr(e),
                    None => elem.name.clone(),
                };
                let opclass = (!elem.opclass.is_empty()).then(|| strings(&elem.opclass).join("."));
                elements.push(ExclusionElement {
                    expr,
                    opclass,
                    operator,
                });
            }
            let name = explicit.unwrap_or_else(|| default_name(table, &names.join("_"), "excl"));
            table.exclusions.push(ExclusionConstraint {
                name: Some(name),
                method: if c.access_method.is_empty() {
                    "btree".into()
                } else {
                    c.access_method.clone()
                },
                elements,
                include: strings(&c.including),
                where_clause: c.where_clause.as_deref().map(deparse_expr),
                deferrable: c.deferrable,
                initially_deferred: c.initdeferred,
            });
        }
        ConstrType::ConstrAttrDeferrable => set_deferrable(table, Some(true), None),
        ConstrType::ConstrAttrNotDeferrable => set_deferrable(table, Some(false), None),
        ConstrType::ConstrAttrDeferred => set_deferrable(table, None, Some(true)),
        ConstrType::ConstrAttrImmediate => set_deferrable(table, None, Some(false)),
        _ => {}
    }
    Ok(())
}

/// `DEFERRABLE`/`INITIALLY DEFERRED` written after a column constraint apply to the one just added.
fn set_deferrable(table: &mut Table, deferrable: Option<bool>, deferred: Option<bool>) {
    let target = table
        .foreign_keys
        .last_mut()
        .map(|fk| (&mut fk.deferrable, &mut fk.initially_deferred))
        .or_else(|| {
            table
                .uniques
                .last_mut()
                .map(|u| (&mut u.deferrable, &mut u.initially_deferred))
        });
    if let Some((d, i)) = target {
        if let Some(v) = deferrable {
            *d = v;
        }
        if let Some(v) = deferred {
            *i = v;
            *d |= v;
        }
    }
}

fn default_name(table: &Table, columns: &str, label: &str) -> String {
    let name2 = (!columns.is_empty()).then_some(columns);
    naming::choose(&table.name.name, name2, label, |n| {
        table.constraint_names().any(|t| t == n)
    })
}
