//! `CREATE [UNIQUE] INDEX` into [`Index`]: column keys with their collation and order, expression keys, and the
//! partial-index `WHERE`.

use flash_core::{Diagnostic, Index, IndexKeyPart, QualName, SortOrder};
use sqlparser::ast::{Expr, ObjectNamePart, OrderBySort, Statement as Ast};

use super::names::qual_name;
use super::split::Statement;
use super::sql::StmtText;
use super::table::{object_text, print_unwrapped};
use super::Cx;

pub fn create_index(cx: &mut Cx<'_>, stmt: &Statement) -> Result<(), Diagnostic> {
    let st = StmtText {
        file: cx.source,
        start: stmt.start,
        text: stmt.text(&cx.source.text),
    };
    let Ast::CreateIndex(ci) = st.parse()? else {
        return Err(st.error(stmt.start, "expected CREATE INDEX"));
    };
    let Some(index_name) = &ci.name else {
        return Err(st.error(
            st.name_offset(&ci.table_name),
            "an SQLite index needs a name: CREATE INDEX name ON ...",
        ));
    };
    let name = qual_name(&st, index_name, cx.default_schema)?;
    // The table of an index lives in the index's schema; SQLite does not let the table name be qualified.
    let table_at = st.name_offset(&ci.table_name);
    if ci.table_name.0.len() > 1 {
        return Err(st.error(
            table_at,
            "write the schema on the index name, not on its table",
        ));
    }
    let table_name = match ci.table_name.0.first() {
        Some(ObjectNamePart::Identifier(ident)) => ident.value.clone(),
        _ => ci.table_name.to_string(),
    };
    let wanted = QualName::new(name.schema.clone(), table_name);
    let Some(table) = cx.builder.find_table(&wanted) else {
        return Err(st.error(table_at, format!("table \"{wanted}\" does not exist")));
    };
    let mut keys = Vec::new();
    for ic in &ci.columns {
        let mut expr = &ic.column.expr;
        let mut collation = None;
        if let Expr::Collate {
            expr: inner,
            collation: c,
        } = expr
        {
            collation = Some(object_text(c));
            expr = inner;
        }
        let mut key = match expr {
            Expr::Identifier(ident) => {
                let origin = cx.builder.origin(cx.file, st.ident_offset(ident));
                cx.builder
                    .require_columns(&table, std::slice::from_ref(&ident.value), origin)?;
                IndexKeyPart::column(ident.value.clone())
            }
            // The collation stays inside an expression key: it is part of what is indexed.
            _ => {
                collation = None;
                IndexKeyPart::expression(print_unwrapped(&ic.column.expr))
            }
        };
        key.collation = collation;
        if matches!(ic.column.options.sort, Some(OrderBySort::Desc)) {
            key.order = SortOrder::Desc;
        }
        keys.push(key);
    }
    let index = Index {
        name: name.name.clone(),
        table,
        unique: ci.unique,
        method: None,
        keys,
        include: Vec::new(),
        where_clause: ci.predicate.as_ref().map(print_unwrapped),
        nulls_not_distinct: false,
        options: Default::default(),
        comment: None,
    };
    let origin = cx.builder.origin(cx.file, st.name_offset(index_name));
    cx.builder.add(
        |s| &mut s.indexes,
        "index",
        &name.to_string(),
        index,
        origin,
    )
}
