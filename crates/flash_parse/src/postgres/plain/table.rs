//! `CREATE TABLE [IF NOT EXISTS] name ( column | constraint, ... )` with nothing after the closing parenthesis:
//! columns with a type and any of `NOT NULL`, `NULL`, `DEFAULT`, `PRIMARY KEY`, `UNIQUE`, `REFERENCES` and
//! `GENERATED ... AS IDENTITY`; table constraints `PRIMARY KEY`, `UNIQUE` and `FOREIGN KEY` on plain column lists,
//! each perhaps named. Options, storage, collations, checks, deferral, `LIKE`, inheritance and partitioning are
//! left to libpg_query.

use pg_query::protobuf::{self, node::Node as N, ConstrType, Node, OnCommitAction};

use super::{expr, node, types, Parser};

pub fn create_table(p: &mut Parser) -> Option<protobuf::CreateStmt> {
    p.expect_kw("create")?;
    p.expect_kw("table")?;
    // `IF` is not reserved: `CREATE TABLE if (...)` makes a table named "if".
    let if_not_exists = p.is_kw(0, "if") && p.is_kw(1, "not");
    if if_not_exists {
        p.at += 2;
        p.expect_kw("exists")?;
    }
    let relation = p.qualified_name()?;
    p.expect_punct(b'(')?;
    let mut table_elts = Vec::new();
    if !p.eat_punct(b')') {
        loop {
            table_elts.push(element(p)?);
            if !p.eat_punct(b',') {
                break;
            }
        }
        p.expect_punct(b')')?;
    }
    Some(protobuf::CreateStmt {
        relation: Some(relation),
        table_elts,
        oncommit: OnCommitAction::OncommitNoop as i32,
        if_not_exists,
        ..Default::default()
    })
}

/// `TableElement`: a column or a table constraint.
fn element(p: &mut Parser) -> Option<Node> {
    let starts_constraint = ["constraint", "primary", "unique", "foreign"]
        .iter()
        .any(|w| p.is_kw(0, w));
    if starts_constraint {
        return table_constraint(p).map(constraint_node);
    }
    // Words that start other table elements (`CHECK`, `EXCLUDE`, `LIKE`) are not taken for column names.
    if ["check", "exclude", "like"].iter().any(|w| p.is_kw(0, w)) {
        return None;
    }
    let location = p.loc();
    let colname = p.col_id()?;
    let type_name = types::type_name(p)?;
    let mut constraints = Vec::new();
    while !p.is_punct(0, b',') && !p.is_punct(0, b')') {
        constraints.push(constraint_node(column_constraint(p)?));
    }
    Some(node(N::ColumnDef(Box::new(protobuf::ColumnDef {
        colname,
        type_name: Some(type_name),
        is_local: true,
        constraints,
        location,
        ..Default::default()
    }))))
}

fn constraint_node(c: protobuf::Constraint) -> Node {
    node(N::Constraint(Box::new(c)))
}

/// `CONSTRAINT name` before a constraint: the name and where the word `CONSTRAINT` is.
fn constraint_name(p: &mut Parser) -> Option<Option<(String, i32)>> {
    let location = p.loc();
    if !p.eat_kw("constraint") {
        return Some(None);
    }
    Some(Some((p.col_id()?, location)))
}

/// A constraint with `contype` at `location`.
fn constraint(contype: ConstrType, location: i32) -> protobuf::Constraint {
    protobuf::Constraint {
        contype: contype as i32,
        location,
        ..Default::default()
    }
}

fn named(mut c: protobuf::Constraint, name: Option<(String, i32)>) -> protobuf::Constraint {
    if let Some((conname, location)) = name {
        c.conname = conname;
        c.location = location;
    }
    c
}

fn column_constraint(p: &mut Parser) -> Option<protobuf::Constraint> {
    let name = constraint_name(p)?;
    let location = p.loc();
    let c = if p.eat_kw("not") {
        p.expect_kw("null")?;
        let mut c = constraint(ConstrType::ConstrNotnull, location);
        c.is_enforced = true;
        c.initially_valid = true;
        c
    } else if p.eat_kw("null") {
        constraint(ConstrType::ConstrNull, location)
    } else if p.eat_kw("primary") {
        p.expect_kw("key")?;
        constraint(ConstrType::ConstrPrimary, location)
    } else if p.eat_kw("unique") {
        constraint(ConstrType::ConstrUnique, location)
    } else if p.eat_kw("default") {
        let mut c = constraint(ConstrType::ConstrDefault, location);
        c.raw_expr = Some(Box::new(expr::default_expr(p)?));
        c
    } else if p.eat_kw("generated") {
        let when = if p.eat_kw("always") {
            "a"
        } else {
            p.expect_kw("by")?;
            p.expect_kw("default")?;
            "d"
        };
        p.expect_kw("as")?;
        p.expect_kw("identity")?;
        // Sequence options in parentheses are left to libpg_query.
        if p.is_punct(0, b'(') {
            return None;
        }
        let mut c = constraint(ConstrType::ConstrIdentity, location);
        c.generated_when = when.into();
        c
    } else if p.eat_kw("references") {
        let mut c = constraint(ConstrType::ConstrForeign, location);
        references(p, &mut c)?;
        c
    } else {
        return None;
    };
    Some(named(c, name))
}

fn table_constraint(p: &mut Parser) -> Option<protobuf::Constraint> {
    let name = constraint_name(p)?;
    let location = p.loc();
    let c = if p.eat_kw("primary") {
        p.expect_kw("key")?;
        let mut c = constraint(ConstrType::ConstrPrimary, location);
        c.keys = p.column_list()?;
        c
    } else if p.eat_kw("unique") {
        let mut c = constraint(ConstrType::ConstrUnique, location);
        c.keys = p.column_list()?;
        c
    } else if p.eat_kw("foreign") {
        p.expect_kw("key")?;
        let mut c = constraint(ConstrType::ConstrForeign, location);
        c.fk_attrs = p.column_list()?;
        p.expect_kw("references")?;
        references(p, &mut c)?;
        c
    } else {
        return None;
    };
    Some(named(c, name))
}

/// `REFERENCES table [(columns)] [ON UPDATE action] [ON DELETE action]` after the word `REFERENCES`.
fn references(p: &mut Parser, c: &mut protobuf::Constraint) -> Option<()> {
    c.pktable = Some(p.qualified_name()?);
    if p.is_punct(0, b'(') {
        c.pk_attrs = p.column_list()?;
    }
    c.fk_matchtype = "s".into();
    let (mut update, mut delete) = (None, None);
    while p.eat_kw("on") {
        let slot = if p.eat_kw("update") {
            &mut update
        } else {
            p.expect_kw("delete")?;
            &mut delete
        };
        if slot.is_some() {
            return None;
        }
        *slot = Some(key_action(p)?);
    }
    c.fk_upd_action = update.unwrap_or("a").into();
    c.fk_del_action = delete.unwrap_or("a").into();
    c.is_enforced = true;
    c.initially_valid = true;
    Some(())
}

fn key_action(p: &mut Parser) -> Option<&'static str> {
    let action = if p.eat_kw("no") {
        p.expect_kw("action")?;
        "a"
    } else if p.eat_kw("restrict") {
        "r"
    } else if p.eat_kw("cascade") {
        "c"
    } else {
        p.expect_kw("set")?;
        if p.eat_kw("null") {
            "n"
        } else {
            p.expect_kw("default")?;
            "d"
        }
    };
    // `SET NULL (columns)` is left to libpg_query.
    (!p.is_punct(0, b'(')).then_some(action)
}
