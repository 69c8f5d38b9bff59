//! PostgreSQL's raw parse tree (libpg_query, through flash_parse) lowered to [`sql_tree`](crate::sql_tree).

use flash_parse::postgres_tree::protobuf::{self as pb, node::Node as N};

use super::LowerError;
use crate::sql_tree::*;

/// Parses one statement with PostgreSQL's grammar and lowers it.
pub fn lower(sql: &str) -> Result<Statement, LowerError> {
    let parsed = flash_parse::postgres_tree::parse(sql).map_err(|e| LowerError {
        offset: e.offset.unwrap_or(0),
        message: e.message,
    })?;
    let Some(raw) = parsed.stmts.into_iter().next() else {
        return Err(LowerError::at(0, "the query is empty"));
    };
    let node = raw.stmt.and_then(|n| n.node);
    statement(node, raw.stmt_location.max(0) as usize)
}

fn statement(node: Option<N>, offset: usize) -> Result<Statement, LowerError> {
    match node {
        Some(N::SelectStmt(s)) => Ok(Statement::Query(query(*s)?)),
        Some(N::InsertStmt(s)) => insert(*s).map(Statement::Insert),
        Some(N::UpdateStmt(s)) => update(*s).map(Statement::Update),
        Some(N::DeleteStmt(s)) => delete(*s).map(Statement::Delete),
        _ => Err(LowerError::at(
            offset,
            "a query must be a SELECT, INSERT, UPDATE or DELETE statement",
        )),
    }
}

fn ctes(with: Option<pb::WithClause>) -> Result<Vec<Cte>, LowerError> {
    let Some(with) = with else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for node in with.ctes {
        if let Some(N::CommonTableExpr(cte)) = node.node {
            let location = cte.location.max(0) as usize;
            let inner = cte.ctequery.and_then(|n| n.node);
            out.push(Cte {
                name: cte.ctename,
                columns: cte
                    .aliascolnames
                    .into_iter()
                    .filter_map(string_of)
                    .collect(),
                statement: Box::new(statement(inner, location)?),
            });
        }
    }
    Ok(out)
}

fn query(s: pb::SelectStmt) -> Result<Query, LowerError> {
    let ctes = ctes(s.with_clause.clone())?;
    let order_by = s
        .sort_clause
        .iter()
        .filter_map(|n| match &n.node {
            Some(N::SortBy(sb)) => sb.node.as_deref().cloned(),
            _ => None,
        })
        .map(expr)
        .collect::<Result<Vec<_>, _>>()?;
    let limit = s.limit_count.clone().map(|n| expr(*n)).transpose()?;
    let offset = s.limit_offset.clone().map(|n| expr(*n)).transpose()?;
    Ok(Query {
        ctes,
        body: set_expr(s)?,
        order_by,
        limit,
        offset,
    })
}

fn set_expr(s: pb::SelectStmt) -> Result<SetExpr, LowerError> {
    if s.op > pb::SetOperation::SetopNone as i32 {
        let (Some(l), Some(r)) = (s.larg, s.rarg) else {
            return Err(LowerError::at(0, "a set operation without two sides"));
        };
        return Ok(SetExpr::SetOp {
            left: Box::new(nested(*l)?),
            right: Box::new(nested(*r)?),
        });
    }
    if !s.values_lists.is_empty() {
        return Ok(SetExpr::Values(values(s.values_lists)?));
    }
    let items = s
        .target_list
        .into_iter()
        .map(select_item)
        .collect::<Result<Vec<_>, _>>()?;
    let from = from_list(s.from_clause)?;
    Ok(SetExpr::Select(Box::new(Select {
        items,
        from,
        filter: s.where_clause.map(|n| expr(*n)).transpose()?,
        group_by: s
            .group_clause
            .into_iter()
            .map(expr)
            .collect::<Result<_, _>>()?,
        having: s.having_clause.map(|n| expr(*n)).transpose()?,
    })))
}

/// A side of a set operation, which may carry its own ORDER BY / LIMIT.
fn nested(s: pb::SelectStmt) -> Result<SetExpr, LowerError> {
    if s.with_clause.is_some() || !s.sort_clause.is_empty() || s.limit_count.is_some() {
        Ok(SetExpr::Query(Box::new(query(s)?)))
    } else {
        set_expr(s)
    }
}

fn values(lists: Vec<pb::Node>) -> Result<Vec<Vec<Expr>>, LowerError> {
    lists
        .into_iter()
        .map(|row| match row.node {
            Some(N::List(list)) => list.items.into_iter().map(expr).collect(),
            other => Ok(vec![expr(pb::Node { node: other })?]),
        })
        .collect()
}

fn select_item(node: pb::Node) -> Result<SelectItem, LowerError> {
    let Some(N::ResTarget(rt)) = node.node else {
        return Err(LowerError::at(0, "unexpected item in a select list"));
    };
    let location = rt.location.max(0) as usize;
    let val = rt.val.map(|v| *v);
    if let Some(pb::Node {
        node: Some(N::ColumnRef(cr)),
    }) = &val
    {
        if matches!(
            cr.fields.last().and_then(|f| f.node.as_ref()),
            Some(N::AStar(_))
        ) {
            let qualifier = (cr.fields.len() > 1)
                .then(|| string_of(cr.fields[cr.fields.len() - 2].clone()))
                .flatten();
            return Ok(SelectItem::Wildcard {
                qualifier,
                offset: cr.location.max(0) as usize,
            });
        }
    }
    let Some(val) = val else {
        return Err(LowerError::at(location, "a select item without a value"));
    };
    Ok(SelectItem::Expr {
        expr: expr(val)?,
        alias: (!rt.name.is_empty()).then_some(rt.name),
    })
}

fn returning(clause: Option<pb::ReturningClause>) -> Result<Vec<SelectItem>, LowerError> {
    clause
        .map(|c| c.exprs)
        .unwrap_or_default()
        .into_iter()
        .map(select_item)
        .collect()
}

fn table_ref(rv: pb::RangeVar) -> TableRef {
    TableRef {
        schema: (!rv.schemaname.is_empty()).then_some(rv.schemaname),
        name: rv.relname,
        alias: rv.alias.map(|a| a.aliasname),
        offset: rv.location.max(0) as usize,
    }
}

fn from_list(nodes: Vec<pb::Node>) -> Result<Vec<FromItem>, LowerError> {
    nodes.into_iter().map(from_item).collect()
}

fn from_item(node: pb::Node) -> Result<FromItem, LowerError> {
    match node.node {
        Some(N::RangeVar(rv)) => Ok(FromItem::Table(table_ref(rv))),
        Some(N::JoinExpr(j)) => {
            let kind = match j.jointype {
                x if x == pb::JoinType::JoinLeft as i32 => JoinKind::Left,
                x if x == pb::JoinType::JoinRight as i32 => JoinKind::Right,
                x if x == pb::JoinType::JoinFull as i32 => JoinKind::Full,
                _ if j.quals.is_none() && j.using_clause.is_empty() && !j.is_natural => {
                    JoinKind::Cross
                }
                _ => JoinKind::Inner,
            };
            let (Some(l), Some(r)) = (j.larg, j.rarg) else {
                return Err(LowerError::at(0, "a join without two sides"));
            };
            Ok(FromItem::Join {
                left: Box::new(from_item(*l)?),
                right: Box::new(from_item(*r)?),
                kind,
                on: j.quals.map(|q| expr(*q)).transpose()?,
                using: j.using_clause.into_iter().filter_map(string_of).collect(),
            })
        }
        Some(N::RangeSubselect(rs)) => {
            let alias = rs.alias;
            let Some(N::SelectStmt(s)) = rs.subquery.and_then(|n| n.node) else {
                return Err(LowerError::at(0, "a subquery in FROM must be a SELECT"));
            };
            Ok(FromItem::Subquery {
                query: Box::new(query(*s)?),
                columns: alias
                    .as_ref()
                    .map(|a| a.colnames.iter().cloned().filter_map(string_of).collect())
                    .unwrap_or_default(),
                alias: alias.map(|a| a.aliasname),
            })
        }
        Some(N::RangeFunction(_)) => Err(LowerError::at(
            0,
            "functions in FROM are not supported by type inference yet",
        )),
        _ => Err(LowerError::at(0, "unsupported item in FROM")),
    }
}

fn insert(s: pb::InsertStmt) -> Result<Insert, LowerError> {
    let ctes = ctes(s.with_clause)?;
    let Some(relation) = s.relation else {
        return Err(LowerError::at(0, "INSERT without a table"));
    };
    let columns = s
        .cols
        .into_iter()
        .filter_map(|c| match c.node {
            Some(N::ResTarget(rt)) => Some((rt.name, rt.location.max(0) as usize)),
            _ => None,
        })
        .collect();
    let source = match s.select_stmt.and_then(|n| n.node) {
        None => InsertSource::DefaultValues,
        Some(N::SelectStmt(sel)) => {
            if !sel.values_lists.is_empty() && sel.with_clause.is_none() {
                InsertSource::Values(values(sel.values_lists)?)
            } else {
                InsertSource::Query(Box::new(query(*sel)?))
            }
        }
        Some(_) => return Err(LowerError::at(0, "unsupported INSERT source")),
    };
    let (on_conflict, on_conflict_filter) = match s.on_conflict_clause {
        Some(oc) => (
            assignments(oc.target_list)?,
            oc.where_clause.map(|w| expr(*w)).transpose()?,
        ),
        None => (Vec::new(), None),
    };
    Ok(Insert {
        ctes,
        table: table_ref(relation),
        columns,
        source,
        on_conflict,
        on_conflict_filter,
        returning: returning(s.returning_clause)?,
    })
}

fn assignments(targets: Vec<pb::Node>) -> Result<Vec<Assignment>, LowerError> {
    targets
        .into_iter()
        .filter_map(|t| match t.node {
            Some(N::ResTarget(rt)) => Some(rt),
            _ => None,
        })
        .map(|rt| {
            let offset = rt.location.max(0) as usize;
            let value = match rt.val {
                Some(v) => expr(*v)?,
                None => Expr::Default,
            };
            Ok(Assignment {
                column: rt.name,
                offset,
                value,
            })
        })
        .collect()
}

fn update(s: pb::UpdateStmt) -> Result<Update, LowerError> {
    let Some(relation) = s.relation else {
        return Err(LowerError::at(0, "UPDATE without a table"));
    };
    Ok(Update {
        ctes: ctes(s.with_clause)?,
        table: table_ref(relation),
        sets: assignments(s.target_list)?,
        from: from_list(s.from_clause)?,
        filter: s.where_clause.map(|w| expr(*w)).transpose()?,
        returning: returning(s.returning_clause)?,
        limit: None,
    })
}

fn delete(s: pb::DeleteStmt) -> Result<Delete, LowerError> {
    let Some(relation) = s.relation else {
        return Err(LowerError::at(0, "DELETE without a table"));
    };
    Ok(Delete {
        ctes: ctes(s.with_clause)?,
        table: table_ref(relation),
        using: from_list(s.using_clause)?,
        filter: s.where_clause.map(|w| expr(*w)).transpose()?,
        returning: returning(s.returning_clause)?,
        limit: None,
    })
}

fn string_of(node: pb::Node) -> Option<String> {
    match node.node {
        Some(N::String(s)) => Some(s.sval),
        _ => None,
    }
}

fn names(nodes: &[pb::Node]) -> Vec<String> {
    nodes.iter().cloned().filter_map(string_of).collect()
}

fn boxed(node: Option<Box<pb::Node>>) -> Result<Box<Expr>, LowerError> {
    match node {
        Some(n) => Ok(Box::new(expr(*n)?)),
        None => Ok(Box::new(Expr::Literal(Literal::Null))),
    }
}

fn list_items(node: Option<Box<pb::Node>>) -> Result<Vec<Expr>, LowerError> {
    match node.and_then(|n| n.node) {
        Some(N::List(list)) => list.items.into_iter().map(expr).collect(),
        Some(other) => Ok(vec![expr(pb::Node { node: Some(other) })?]),
        None => Ok(Vec::new()),
    }
}

fn subquery(node: Option<Box<pb::Node>>) -> Result<Box<Query>, LowerError> {
    match node.and_then(|n| n.node) {
        Some(N::SelectStmt(s)) => Ok(Box::new(query(*s)?)),
        _ => Err(LowerError::at(0, "a subquery must be a SELECT")),
    }
}

fn binary_op(name: &str) -> BinaryOp {
    match name {
        "=" => BinaryOp::Eq,
        "<>" | "!=" => BinaryOp::NotEq,
        "<" => BinaryOp::Lt,
        "<=" => BinaryOp::LtEq,
        ">" => BinaryOp::Gt,
        ">=" => BinaryOp::GtEq,
        "+" => BinaryOp::Plus,
        "-" => BinaryOp::Minus,
        "*" => BinaryOp::Multiply,
        "/" => BinaryOp::Divide,
        "%" => BinaryOp::Modulo,
        "||" => BinaryOp::Concat,
        "->" | "#>" => BinaryOp::JsonGet,
        "->>" | "#>>" => BinaryOp::JsonGetText,
        "@>" | "<@" | "&&" | "?" | "?|" | "?&" | "~" | "~*" | "!~" | "!~*" => BinaryOp::ArrayTest,
        _ => BinaryOp::Other,
    }
}

fn expr(node: pb::Node) -> Result<Expr, LowerError> {
    let Some(node) = node.node else {
        return Ok(Expr::Literal(Literal::Null));
    };
    Ok(match node {
        N::ColumnRef(cr) => {
            let parts = names(&cr.fields);
            let offset = cr.location.max(0) as usize;
            match parts.as_slice() {
                [name] => Expr::Column {
                    qualifier: None,
                    name: name.clone(),
                    offset,
                },
                [.., q, name] => Expr::Column {
                    qualifier: Some(q.clone()),
                    name: name.clone(),
                    offset,
                },
                [] => Expr::Unsupported {
                    what: "a column reference".into(),
                    offset,
                },
            }
        }
        N::ParamRef(p) => Expr::Param {
            index: (p.number.max(1) - 1) as usize,
            offset: p.location.max(0) as usize,
        },
        N::AConst(c) => Expr::Literal(match c.val {
            _ if c.isnull => Literal::Null,
            Some(pb::a_const::Val::Ival(_)) => Literal::Integer,
            Some(pb::a_const::Val::Fval(_)) => Literal::Float,
            Some(pb::a_const::Val::Boolval(_)) => Literal::Bool,
            Some(_) => Literal::String,
            None => Literal::Null,
        }),
        N::TypeCast(tc) => {
            let offset = tc.location.max(0) as usize;
            let ty = tc.type_name.map(type_name).unwrap_or(TypeName {
                name: "unknown".into(),
                args: Vec::new(),
                array_dims: 0,
            });
            // `'t'::boolean` and `true` come out of the grammar as casts of a string constant; keep them casts.
            Expr::Cast {
                expr: boxed(tc.arg)?,
                ty,
                offset,
            }
        }
        N::AExpr(a) => a_expr(*a)?,
        N::BoolExpr(b) => {
            let mut args = b
                .args
                .into_iter()
                .map(expr)
                .collect::<Result<Vec<_>, _>>()?;
            if b.boolop == pb::BoolExprType::NotExpr as i32 {
                Expr::Not(Box::new(args.pop().unwrap_or(Expr::Literal(Literal::Null))))
            } else {
                let op = if b.boolop == pb::BoolExprType::OrExpr as i32 {
                    BinaryOp::Or
                } else {
                    BinaryOp::And
                };
                let mut iter = args.into_iter();
                let first = iter.next().unwrap_or(Expr::Literal(Literal::Bool));
                iter.fold(first, |left, right| Expr::Binary {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                })
            }
        }
        N::NullTest(t) => Expr::IsTest(boxed(t.arg)?),
        N::BooleanTest(t) => Expr::IsTest(boxed(t.arg)?),
        N::FuncCall(f) => {
            let offset = f.location.max(0) as usize;
            let name = names(&f.funcname)
                .pop()
                .unwrap_or_default()
                .to_ascii_lowercase();
            Expr::Function {
                name,
                args: f.args.into_iter().map(expr).collect::<Result<_, _>>()?,
                star: f.agg_star,
                window: f.over.is_some(),
                offset,
            }
        }
        N::CoalesceExpr(c) => {
            Expr::Coalesce(c.args.into_iter().map(expr).collect::<Result<_, _>>()?)
        }
        N::MinMaxExpr(m) => Expr::MinMax(m.args.into_iter().map(expr).collect::<Result<_, _>>()?),
        N::CaseExpr(c) => {
            let mut whens = Vec::new();
            for w in c.args {
                if let Some(N::CaseWhen(cw)) = w.node {
                    whens.push((*boxed(cw.expr)?, *boxed(cw.result)?));
                }
            }
            Expr::Case {
                operand: c.arg.map(|a| expr(*a).map(Box::new)).transpose()?,
                whens,
                otherwise: c.defresult.map(|d| expr(*d).map(Box::new)).transpose()?,
            }
        }
        N::SubLink(s) => {
            let kind = s.sub_link_type;
            if kind == pb::SubLinkType::ExistsSublink as i32 {
                Expr::Exists(subquery(s.subselect)?)
            } else if kind == pb::SubLinkType::ExprSublink as i32 {
                Expr::ScalarSubquery(subquery(s.subselect)?)
            } else if kind == pb::SubLinkType::ArraySublink as i32 {
                Expr::ArraySubquery(subquery(s.subselect)?)
            } else if kind == pb::SubLinkType::AnySublink as i32 && s.oper_name.is_empty() {
                Expr::InSubquery {
                    expr: boxed(s.testexpr)?,
                    query: subquery(s.subselect)?,
                }
            } else if s.testexpr.is_some() {
                Expr::AnySubquery {
                    left: boxed(s.testexpr)?,
                    query: subquery(s.subselect)?,
                }
            } else {
                Expr::Unsupported {
                    what: "this kind of subquery".into(),
                    offset: s.location.max(0) as usize,
                }
            }
        }
        N::AArrayExpr(a) => {
            Expr::Array(a.elements.into_iter().map(expr).collect::<Result<_, _>>()?)
        }
        N::AIndirection(i) => Expr::Subscript(boxed(i.arg)?),
        N::SqlvalueFunction(f) => Expr::Keyword(match f.op {
            1 => KeywordValue::CurrentDate,
            2 | 3 | 6 | 7 => KeywordValue::CurrentTime,
            4 | 5 => KeywordValue::CurrentTimestamp,
            8 | 9 => KeywordValue::LocalTimestamp,
            _ => KeywordValue::CurrentUser,
        }),
        N::SetToDefault(_) => Expr::Default,
        N::CollateClause(c) => *boxed(c.arg)?,
        other => Expr::Unsupported {
            what: format!("{:?}", std::mem::discriminant(&other)),
            offset: 0,
        },
    })
}

fn a_expr(a: pb::AExpr) -> Result<Expr, LowerError> {
    let op_name = names(&a.name).pop().unwrap_or_default();
    let kind = a.kind;
    use pb::AExprKind as K;
    Ok(if kind == K::AexprOp as i32 {
        match (a.lexpr, a.rexpr) {
            (Some(l), Some(r)) => Expr::Binary {
                op: binary_op(&op_name),
                left: Box::new(expr(*l)?),
                right: Box::new(expr(*r)?),
            },
            (None, Some(r)) if op_name == "-" => Expr::Negate(Box::new(expr(*r)?)),
            (None, Some(r)) => expr(*r)?,
            (l, None) => *boxed(l)?,
        }
    } else if kind == K::AexprOpAny as i32 || kind == K::AexprOpAll as i32 {
        Expr::AnyArray {
            left: boxed(a.lexpr)?,
            right: boxed(a.rexpr)?,
        }
    } else if kind == K::AexprIn as i32 {
        Expr::InList {
            expr: boxed(a.lexpr)?,
            list: list_items(a.rexpr)?,
        }
    } else if kind == K::AexprLike as i32
        || kind == K::AexprIlike as i32
        || kind == K::AexprSimilar as i32
    {
        Expr::Like {
            expr: boxed(a.lexpr)?,
            pattern: boxed(a.rexpr)?,
        }
    } else if (K::AexprBetween as i32..=K::AexprNotBetweenSym as i32).contains(&kind) {
        let mut bounds = list_items(a.rexpr)?.into_iter();
        let low = bounds.next().unwrap_or(Expr::Literal(Literal::Null));
        let high = bounds.next().unwrap_or(Expr::Literal(Literal::Null));
        Expr::Between {
            expr: boxed(a.lexpr)?,
            low: Box::new(low),
            high: Box::new(high),
        }
    } else if kind == K::AexprNullif as i32 {
        Expr::NullIf(boxed(a.lexpr)?, boxed(a.rexpr)?)
    } else if kind == K::AexprDistinct as i32 || kind == K::AexprNotDistinct as i32 {
        Expr::IsDistinct {
            left: boxed(a.lexpr)?,
            right: boxed(a.rexpr)?,
        }
    } else {
        Expr::Unsupported {
            what: "this operator".into(),
            offset: a.location.max(0) as usize,
        }
    })
}

fn type_name(t: pb::TypeName) -> TypeName {
    let mut parts = names(&t.names);
    let name = parts.pop().unwrap_or_default().to_ascii_lowercase();
    let args = t
        .typmods
        .iter()
        .filter_map(|m| match &m.node {
            Some(N::AConst(c)) => match &c.val {
                Some(pb::a_const::Val::Ival(i)) => Some(i.ival.to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    TypeName {
        name,
        args,
        array_dims: t.array_bounds.len() as u32,
    }
}
