//! `CREATE INDEX`.

use flash_core::{Diagnostic, Index, IndexKeyPart, NullsOrder, SortOrder};
use pg_query::protobuf::{self, node::Node as N, SortByDir, SortByNulls};

use super::context::Ctx;
use super::expr::deparse_expr;
use super::names::{range_var, strings};
use super::naming;
use super::table::{collation_name, with_options};

pub fn create_index(cx: &mut Ctx, s: &protobuf::IndexStmt) -> Result<(), Diagnostic> {
    let Some(relation) = s.relation.as_ref() else {
        return Ok(());
    };
    let table_name = range_var(relation);
    let at = cx.at(relation.location);
    let key = cx.b.find_table(&table_name).or_else(|| {
        // Materialized views can be indexed too.
        cx.b.schema
            .materialized_views
            .contains_key(&table_name)
            .then(|| table_name.clone())
    });
    let Some(table_key) = key else {
        return Err(cx
            .b
            .error(at, format!("table \"{table_name}\" does not exist")));
    };
    let mut keys = Vec::new();
    let mut plain_columns = Vec::new();
    let mut name_parts = Vec::new();
    for param in &s.index_params {
        let Some(N::IndexElem(e)) = param.node.as_ref() else {
            continue;
        };
        name_parts.push(index_column_name(e));
        let mut part = match e.expr.as_deref() {
            Some(expr) => IndexKeyPart::expression(deparse_expr(expr)),
            None => {
                plain_columns.push(e.name.clone());
                IndexKeyPart::column(e.name.clone())
            }
        };
        part.collation = (!e.collation.is_empty()).then(|| collation_name(&strings(&e.collation)));
        part.opclass = (!e.opclass.is_empty()).then(|| strings(&e.opclass).join("."));
        let desc = SortByDir::try_from(e.ordering) == Ok(SortByDir::SortbyDesc);
        part.order = if desc {
            SortOrder::Desc
        } else {
            SortOrder::Asc
        };
        // NULLS LAST is the default for ASC and NULLS FIRST for DESC; only the other choice is worth keeping.
        part.nulls = match SortByNulls::try_from(e.nulls_ordering) {
            Ok(SortByNulls::SortbyNullsFirst) if !desc => Some(NullsOrder::First),
            Ok(SortByNulls::SortbyNullsLast) if desc => Some(NullsOrder::Last),
            _ => None,
        };
        keys.push(part);
    }
    let include: Vec<String> = s
        .index_including_params
        .iter()
        .filter_map(|p| match p.node.as_ref() {
            Some(N::IndexElem(e)) => Some(e.name.clone()),
            _ => None,
        })
        .collect();
    if cx.b.schema.tables.contains_key(&table_key) {
        let mut all = plain_columns.clone();
        all.extend(include.iter().cloned());
        cx.b.require_columns(&table_key, &all, at)?;
    }
    let name = if s.idxname.is_empty() {
        let schema = table_key.schema.clone();
        let indexes = &cx.b.schema.indexes;
        naming::choose(&table_key.name, Some(&name_parts.join("_")), "idx", |n| {
            indexes
                .iter()
                .any(|i| i.table.schema == schema && i.name == n)
        })
    } else {
        s.idxname.clone()
    };
    let mut index = Index {
        name: name.clone(),
        table: table_key.clone(),
        unique: s.unique,
        method: Some(if s.access_method.is_empty() {
            "btree".into()
        } else {
            s.access_method.clone()
        }),
        keys,
        include,
        where_clause: s.where_clause.as_deref().map(deparse_expr),
        nulls_not_distinct: s.nulls_not_distinct,
        options: Default::default(),
        comment: None,
    };
    index.options.extend(with_options(&s.options));
    // Index names share the schema's namespace with tables and other indexes.
    let qualified = format!("{}.{}", table_key.schema, name);
    cx.b.add(|s| &mut s.indexes, "index", &qualified, index, at)
}

/// The name PostgreSQL derives from an index key when it names the index: the column, the function called, or `expr`.
pub fn index_column_name(e: &protobuf::IndexElem) -> String {
    if !e.indexcolname.is_empty() {
        return e.indexcolname.clone();
    }
    match e.expr.as_deref().and_then(|n| n.node.as_ref()) {
        None => e.name.clone(),
        Some(N::FuncCall(f)) => strings(&f.funcname)
            .last()
            .cloned()
            .unwrap_or_else(|| "expr".into()),
        Some(N::TypeCast(t)) => match t.arg.as_deref().and_then(|a| a.node.as_ref()) {
            Some(N::ColumnRef(c)) => strings(&c.fields)
                .last()
                .cloned()
                .unwrap_or_else(|| "expr".into()),
            _ => "expr".into(),
        },
        Some(N::ColumnRef(c)) => strings(&c.fields)
            .last()
            .cloned()
            .unwrap_or_else(|| "expr".into()),
        Some(_) => "expr".into(),
    }
}
