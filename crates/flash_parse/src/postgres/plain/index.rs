//! `CREATE [UNIQUE] INDEX [[IF NOT EXISTS] name] ON table [USING method] (column [ASC|DESC] [NULLS FIRST|LAST],
//! ...)`: indexes on plain columns. Expressions, `INCLUDE`, `WHERE`, operator classes, collations, options and
//! `CONCURRENTLY` are left to libpg_query.

use pg_query::protobuf::{self, node::Node as N, SortByDir, SortByNulls};

use super::{node, Parser};

pub fn create_index(p: &mut Parser) -> Option<protobuf::IndexStmt> {
    p.expect_kw("create")?;
    let unique = p.eat_kw("unique");
    p.expect_kw("index")?;
    let if_not_exists = p.is_kw(0, "if") && p.is_kw(1, "not");
    if if_not_exists {
        p.at += 2;
        p.expect_kw("exists")?;
    }
    // `ON` is reserved, so a name is there when the next word is not `ON`.
    let idxname = if if_not_exists || !p.is_kw(0, "on") {
        if p.is_kw(0, "concurrently") {
            return None;
        }
        p.col_id()?
    } else {
        String::new()
    };
    p.expect_kw("on")?;
    if p.is_kw(0, "only") {
        return None;
    }
    let relation = p.qualified_name()?;
    let access_method = if p.eat_kw("using") {
        p.col_id()?
    } else {
        "btree".into()
    };
    p.expect_punct(b'(')?;
    let mut index_params = Vec::new();
    loop {
        index_params.push(node(N::IndexElem(Box::new(element(p)?))));
        if !p.eat_punct(b',') {
            break;
        }
    }
    p.expect_punct(b')')?;
    Some(protobuf::IndexStmt {
        idxname,
        relation: Some(relation),
        access_method,
        index_params,
        unique,
        if_not_exists,
        ..Default::default()
    })
}

fn element(p: &mut Parser) -> Option<protobuf::IndexElem> {
    // A column name followed by `(` is a function call: an expression.
    if p.is_punct(1, b'(') {
        return None;
    }
    let name = p.col_id()?;
    let ordering = if p.eat_kw("asc") {
        SortByDir::SortbyAsc
    } else if p.eat_kw("desc") {
        SortByDir::SortbyDesc
    } else {
        SortByDir::SortbyDefault
    };
    let nulls_ordering = if p.eat_kw("nulls") {
        if p.eat_kw("first") {
            SortByNulls::SortbyNullsFirst
        } else {
            p.expect_kw("last")?;
            SortByNulls::SortbyNullsLast
        }
    } else {
        SortByNulls::SortbyNullsDefault
    };
    Some(protobuf::IndexElem {
        name,
        ordering: ordering as i32,
        nulls_ordering: nulls_ordering as i32,
        ..Default::default()
    })
}
