//! Index keys and `CREATE INDEX`. In MySQL every UNIQUE constraint is an index, so they all land in
//! `Schema::indexes`.

use flash_core::{Diagnostic, Index, IndexKeyPart, SortOrder};
use sqlparser::ast::{
    CreateIndex, Expr, FunctionArg, FunctionArgExpr, FunctionArguments, IndexColumn, IndexOption,
    IndexType, OrderBySort, Value,
};

use super::ctx::{auto_index_name, ident_offset, qual_name, Ctx};
use super::table::TableEdit;
use super::tokens::Stmt;

/// One key part and where it was written.
pub struct Key {
    pub part: IndexKeyPart,
    pub at: usize,
}

pub fn key_parts(stmt: &Stmt<'_>, columns: &[IndexColumn]) -> Vec<Key> {
    columns
        .iter()
        .map(|c| {
            let (mut part, at) = key_part(stmt, &c.column.expr);
            if matches!(c.column.options.sort, Some(OrderBySort::Desc)) {
                part.order = SortOrder::Desc;
            }
            Key { part, at }
        })
        .collect()
}

/// A column, a column with a prefix length (`name(10)`, which sqlparser reads as a call), or an expression.
fn key_part(stmt: &Stmt<'_>, e: &Expr) -> (IndexKeyPart, usize) {
    match e {
        Expr::Identifier(i) => (IndexKeyPart::column(i.value.clone()), ident_offset(stmt, i)),
        Expr::Function(f) => {
            let name = match f.name.0.as_slice() {
                [sqlparser::ast::ObjectNamePart::Identifier(i)] => Some(i),
                _ => None,
            };
            let length = match &f.args {
                FunctionArguments::List(list) => match list.args.as_slice() {
                    [FunctionArg::Unnamed(FunctionArgExpr::Expr(Expr::Value(v)))] => match &v.value
                    {
                        Value::Number(n, _) => n.parse::<u32>().ok(),
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            };
            match (name, length) {
                (Some(i), Some(length)) => {
                    let mut part = IndexKeyPart::column(i.value.clone());
                    part.length = Some(length);
                    (part, ident_offset(stmt, i))
                }
                _ => (IndexKeyPart::expression(e.to_string()), stmt.start()),
            }
        }
        Expr::Nested(inner) => (IndexKeyPart::expression(inner.to_string()), stmt.start()),
        other => (IndexKeyPart::expression(other.to_string()), stmt.start()),
    }
}

pub fn method_name(t: &IndexType) -> String {
    match t {
        IndexType::BTree => "btree".to_string(),
        IndexType::Hash => "hash".to_string(),
        other => other.to_string().to_ascii_lowercase(),
    }
}

/// The method from `USING` before the key list or in the options after it; `btree` when not given.
pub fn method(using: Option<&IndexType>, options: &[IndexOption]) -> String {
    let from_options = options.iter().find_map(|o| match o {
        IndexOption::Using(t) => Some(t),
        IndexOption::Comment(_) => None,
    });
    using
        .or(from_options)
        .map_or_else(|| "btree".to_string(), method_name)
}

pub fn comment(options: &[IndexOption]) -> Option<String> {
    options.iter().find_map(|o| match o {
        IndexOption::Comment(c) => Some(c.clone()),
        IndexOption::Using(_) => None,
    })
}

/// Everything an index needs besides its table.
pub struct IndexSpec {
    pub name: Option<String>,
    pub unique: bool,
    pub method: String,
    pub keys: Vec<Key>,
    pub comment: Option<String>,
    pub at: usize,
}

/// Checks the key columns exist, names the index if it has no name, refuses a duplicate name, and queues it.
pub fn add_index(cx: &Ctx<'_>, edit: &mut TableEdit, spec: IndexSpec) -> Result<(), Diagnostic> {
    for key in &spec.keys {
        if let Some(col) = &key.part.column {
            if !edit.has_column(col) {
                return Err(cx.err(
                    key.at,
                    format!(
                        "column \"{col}\" does not exist in table \"{}\"",
                        edit.table.name
                    ),
                ));
            }
        }
    }
    let taken = edit.index_names();
    let name = match spec.name {
        Some(n) => {
            if n.eq_ignore_ascii_case("PRIMARY") || taken.iter().any(|t| t.eq_ignore_ascii_case(&n))
            {
                return Err(cx.err(
                    spec.at,
                    format!(
                        "index \"{n}\" already exists on table \"{}\"",
                        edit.table.name
                    ),
                ));
            }
            n
        }
        None => {
            let first = spec
                .keys
                .first()
                .and_then(|k| k.part.column.clone())
                .unwrap_or_else(|| "expr".to_string());
            auto_index_name(&taken, &first)
        }
    };
    let index = Index {
        name,
        table: edit.table.name.clone(),
        unique: spec.unique,
        method: Some(spec.method),
        keys: spec.keys.into_iter().map(|k| k.part).collect(),
        include: Vec::new(),
        where_clause: None,
        nulls_not_distinct: false,
        options: Default::default(),
        comment: spec.comment,
    };
    edit.indexes.push(index);
    Ok(())
}

/// `CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name ON t (...)`: an index on a table defined earlier.
pub fn create_index(
    cx: &mut Ctx<'_>,
    stmt: &Stmt<'_>,
    ci: &CreateIndex,
    prefixed_kind: Option<&str>,
) -> Result<(), Diagnostic> {
    let table = qual_name(cx, stmt, &ci.table_name)?;
    let mut edit = TableEdit::existing(cx, &table, stmt.start())?;
    let name = ci
        .name
        .as_ref()
        .and_then(|n| n.0.last())
        .and_then(|p| p.as_ident())
        .map(|i| i.value.clone());
    let method = match prefixed_kind {
        Some(kind) => kind.to_string(),
        None => method(ci.using.as_ref(), &ci.index_options),
    };
    let spec = IndexSpec {
        name,
        unique: ci.unique,
        method,
        keys: key_parts(stmt, &ci.columns),
        comment: comment(&ci.index_options),
        at: stmt.start(),
    };
    add_index(cx, &mut edit, spec)?;
    edit.store(cx)
}
