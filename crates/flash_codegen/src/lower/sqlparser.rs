//! MySQL and SQLite queries, parsed by sqlparser (as flash_parse parses their schemas) and lowered to
//! [`sql_tree`](crate::sql_tree). Placeholders arrive as `?N` (N = parameter number), written so by the caller.

use flash_core::Dialect;
use sqlparser::ast as sp;
use sqlparser::ast::Spanned;
use sqlparser::dialect::{MySqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;

use super::LowerError;
use crate::sql_tree::*;

/// Byte offsets from sqlparser's line/column locations.
struct Lines {
    starts: Vec<usize>,
    text: String,
}

impl Lines {
    fn new(text: &str) -> Self {
        Lines {
            starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            text: text.to_string(),
        }
    }

    fn offset(&self, loc: sqlparser::tokenizer::Location) -> usize {
        if loc.line == 0 {
            return 0;
        }
        let Some(&start) = self.starts.get(loc.line as usize - 1) else {
            return self.text.len();
        };
        let line = &self.text[start..];
        start
            + line
                .char_indices()
                .nth(loc.column.saturating_sub(1) as usize)
                .map_or(line.len(), |(i, _)| i)
    }

    fn of(&self, node: &impl Spanned) -> usize {
        self.offset(node.span().start)
    }
}

pub fn lower(dialect: Dialect, sql: &str) -> Result<Statement, LowerError> {
    let parsed = match dialect {
        Dialect::Mysql => Parser::parse_sql(&MySqlDialect {}, sql),
        _ => Parser::parse_sql(&SQLiteDialect {}, sql),
    };
    let lines = Lines::new(sql);
    let mut statements = parsed.map_err(|e| parse_error(&lines, e))?;
    if statements.is_empty() {
        return Err(LowerError::at(0, "the query is empty"));
    }
    let statement = statements.remove(0);
    Lower { lines }.statement(statement)
}

/// sqlparser reports positions inside its message ("... at Line: 1, Column: 8"); turn them into an offset.
fn parse_error(lines: &Lines, e: sqlparser::parser::ParserError) -> LowerError {
    let text = e.to_string();
    let message = text.trim_start_matches("sql parser error: ").to_string();
    let (message, offset) = match message.rfind(" at Line: ") {
        Some(at) => {
            let position = &message[at + 10..];
            let mut parts = position.split(", Column: ");
            let line = parts.next().and_then(|l| l.trim().parse::<u64>().ok());
            let column = parts.next().and_then(|c| c.trim().parse::<u64>().ok());
            let offset = match (line, column) {
                (Some(line), Some(column)) => {
                    lines.offset(sqlparser::tokenizer::Location { line, column })
                }
                _ => 0,
            };
            (message[..at].to_string(), offset)
        }
        None => (message, 0),
    };
    LowerError::at(offset, format!("syntax error: {message}"))
}

struct Lower {
    lines: Lines,
}

fn ident(id: &sp::Ident) -> String {
    id.value.clone()
}

fn name_parts(name: &sp::ObjectName) -> Vec<String> {
    name.0
        .iter()
        .filter_map(|p| p.as_ident().map(ident))
        .collect()
}

impl Lower {
    fn statement(&self, s: sp::Statement) -> Result<Statement, LowerError> {
        match s {
            sp::Statement::Query(q) => Ok(Statement::Query(self.query(*q)?)),
            sp::Statement::Insert(i) => self.insert(i).map(Statement::Insert),
            sp::Statement::Update(u) => self.update(u).map(Statement::Update),
            sp::Statement::Delete(d) => self.delete(d).map(Statement::Delete),
            // The query's own start: sqlparser's span of some statements begins at their name.
            _ => Err(LowerError::at(
                0,
                "a query must be a SELECT, INSERT, UPDATE or DELETE statement",
            )),
        }
    }

    fn ctes(&self, with: Option<sp::With>) -> Result<Vec<Cte>, LowerError> {
        let Some(with) = with else {
            return Ok(Vec::new());
        };
        with.cte_tables
            .into_iter()
            .map(|cte| {
                Ok(Cte {
                    name: ident(&cte.alias.name),
                    columns: cte.alias.columns.iter().map(|c| ident(&c.name)).collect(),
                    statement: Box::new(Statement::Query(self.query(*cte.query)?)),
                })
            })
            .collect()
    }

    fn query(&self, q: sp::Query) -> Result<Query, LowerError> {
        let ctes = self.ctes(q.with)?;
        let order_by = match q.order_by.map(|o| o.kind) {
            Some(sp::OrderByKind::Expressions(list)) => list
                .into_iter()
                .map(|o| self.expr(o.expr))
                .collect::<Result<_, _>>()?,
            _ => Vec::new(),
        };
        let (limit, offset) = match q.limit_clause {
            Some(sp::LimitClause::LimitOffset { limit, offset, .. }) => (
                limit.map(|l| self.expr(l)).transpose()?,
                offset.map(|o| self.expr(o.value)).transpose()?,
            ),
            Some(sp::LimitClause::OffsetCommaLimit { offset, limit }) => {
                (Some(self.expr(limit)?), Some(self.expr(offset)?))
            }
            None => (None, None),
        };
        Ok(Query {
            ctes,
            body: self.set_expr(*q.body)?,
            order_by,
            limit,
            offset,
        })
    }

    fn set_expr(&self, body: sp::SetExpr) -> Result<SetExpr, LowerError> {
        Ok(match body {
            sp::SetExpr::Select(s) => SetExpr::Select(Box::new(self.select(*s)?)),
            sp::SetExpr::Query(q) => SetExpr::Query(Box::new(self.query(*q)?)),
            sp::SetExpr::SetOperation { left, right, .. } => SetExpr::SetOp {
                left: Box::new(self.set_expr(*left)?),
                right: Box::new(self.set_expr(*right)?),
            },
            sp::SetExpr::Values(v) => SetExpr::Values(self.values(v)?),
            other => {
                return Err(LowerError::at(
                    self.lines.of(&other),
                    "unsupported query body",
                ))
            }
        })
    }

    fn values(&self, v: sp::Values) -> Result<Vec<Vec<Expr>>, LowerError> {
        v.rows
            .into_iter()
            .map(|row| row.content.into_iter().map(|e| self.expr(e)).collect())
            .collect()
    }

    fn select(&self, s: sp::Select) -> Result<Select, LowerError> {
        let items = s
            .projection
            .into_iter()
            .map(|i| self.select_item(i))
            .collect::<Result<Vec<_>, _>>()?;
        let group_by = match s.group_by {
            sp::GroupByExpr::Expressions(list, _) => list
                .into_iter()
                .map(|e| self.expr(e))
                .collect::<Result<_, _>>()?,
            sp::GroupByExpr::All(_) => Vec::new(),
        };
        Ok(Select {
            items,
            from: self.from(s.from)?,
            filter: s.selection.map(|e| self.expr(e)).transpose()?,
            group_by,
            having: s.having.map(|e| self.expr(e)).transpose()?,
        })
    }

    fn select_item(&self, item: sp::SelectItem) -> Result<SelectItem, LowerError> {
        let offset = self.lines.of(&item);
        Ok(match item {
            sp::SelectItem::Wildcard(_) => SelectItem::Wildcard {
                qualifier: None,
                offset,
            },
            sp::SelectItem::QualifiedWildcard(kind, _) => SelectItem::Wildcard {
                qualifier: match kind {
                    sp::SelectItemQualifiedWildcardKind::ObjectName(n) => name_parts(&n).pop(),
                    sp::SelectItemQualifiedWildcardKind::Expr(_) => None,
                },
                offset,
            },
            sp::SelectItem::UnnamedExpr(e) => SelectItem::Expr {
                expr: self.expr(e)?,
                alias: None,
            },
            sp::SelectItem::ExprWithAlias { expr, alias } => SelectItem::Expr {
                expr: self.expr(expr)?,
                alias: Some(ident(&alias)),
            },
            sp::SelectItem::ExprWithAliases { expr, aliases } => SelectItem::Expr {
                expr: self.expr(expr)?,
                alias: aliases.first().map(ident),
            },
        })
    }

    fn table_ref(&self, name: &sp::ObjectName, alias: Option<String>) -> TableRef {
        let mut parts = name_parts(name);
        let table = parts.pop().unwrap_or_default();
        TableRef {
            schema: parts.pop(),
            name: table,
            alias,
            offset: self.lines.of(name),
        }
    }

    fn from(&self, list: Vec<sp::TableWithJoins>) -> Result<Vec<FromItem>, LowerError> {
        list.into_iter().map(|t| self.table_with_joins(t)).collect()
    }

    fn table_with_joins(&self, t: sp::TableWithJoins) -> Result<FromItem, LowerError> {
        let mut item = self.factor(t.relation)?;
        for join in t.joins {
            let right = self.factor(join.relation)?;
            use sp::JoinOperator as J;
            let (kind, constraint) = match join.join_operator {
                J::Join(c) | J::Inner(c) | J::StraightJoin(c) => (JoinKind::Inner, c),
                J::Left(c) | J::LeftOuter(c) => (JoinKind::Left, c),
                J::Right(c) | J::RightOuter(c) => (JoinKind::Right, c),
                J::FullOuter(c) => (JoinKind::Full, c),
                J::CrossJoin(c) => (JoinKind::Cross, c),
                _ => {
                    return Err(LowerError::at(
                        0,
                        "this kind of join is not supported by type inference",
                    ))
                }
            };
            let (on, using) = match constraint {
                sp::JoinConstraint::On(e) => (Some(self.expr(e)?), Vec::new()),
                sp::JoinConstraint::Using(cols) => (
                    None,
                    cols.iter().filter_map(|c| name_parts(c).pop()).collect(),
                ),
                sp::JoinConstraint::Natural | sp::JoinConstraint::None => (None, Vec::new()),
            };
            item = FromItem::Join {
                left: Box::new(item),
                right: Box::new(right),
                kind,
                on,
                using,
            };
        }
        Ok(item)
    }

    fn factor(&self, f: sp::TableFactor) -> Result<FromItem, LowerError> {
        let offset = self.lines.of(&f);
        match f {
            sp::TableFactor::Table { name, alias, .. } => Ok(FromItem::Table(
                self.table_ref(&name, alias.map(|a| ident(&a.name))),
            )),
            sp::TableFactor::Derived {
                subquery, alias, ..
            } => Ok(FromItem::Subquery {
                query: Box::new(self.query(*subquery)?),
                columns: alias
                    .as_ref()
                    .map(|a| a.columns.iter().map(|c| ident(&c.name)).collect())
                    .unwrap_or_default(),
                alias: alias.map(|a| ident(&a.name)),
            }),
            sp::TableFactor::NestedJoin {
                table_with_joins, ..
            } => self.table_with_joins(*table_with_joins),
            _ => Err(LowerError::at(
                offset,
                "this kind of FROM item is not supported by type inference",
            )),
        }
    }

    fn assignments(&self, list: Vec<sp::Assignment>) -> Result<Vec<Assignment>, LowerError> {
        list.into_iter()
            .map(|a| {
                let name = match &a.target {
                    sp::AssignmentTarget::ColumnName(n) => n,
                    sp::AssignmentTarget::Tuple(names) => names
                        .first()
                        .ok_or_else(|| LowerError::at(0, "an empty assignment target"))?,
                };
                Ok(Assignment {
                    column: name_parts(name).pop().unwrap_or_default(),
                    offset: self.lines.of(name),
                    value: self.expr(a.value)?,
                })
            })
            .collect()
    }

    fn returning(&self, r: Option<Vec<sp::SelectItem>>) -> Result<Vec<SelectItem>, LowerError> {
        r.unwrap_or_default()
            .into_iter()
            .map(|i| self.select_item(i))
            .collect()
    }

    fn insert(&self, i: sp::Insert) -> Result<Insert, LowerError> {
        let sp::TableObject::TableName(name) = &i.table else {
            return Err(LowerError::at(0, "INSERT into a table function"));
        };
        let table = self.table_ref(name, i.table_alias.as_ref().map(|a| ident(&a.alias)));
        let columns = i
            .columns
            .iter()
            .map(|c| (name_parts(c).pop().unwrap_or_default(), self.lines.of(c)))
            .collect();
        let source = match i.source {
            None => InsertSource::DefaultValues,
            Some(q) => match *q.body {
                sp::SetExpr::Values(v) if q.with.is_none() => InsertSource::Values(self.values(v)?),
                _ => InsertSource::Query(Box::new(self.query(*q)?)),
            },
        };
        let (on_conflict, on_conflict_filter) = match i.on {
            Some(sp::OnInsert::DuplicateKeyUpdate(list)) => (self.assignments(list)?, None),
            Some(sp::OnInsert::OnConflict(oc)) => match oc.action {
                sp::OnConflictAction::DoUpdate(du) => (
                    self.assignments(du.assignments)?,
                    du.selection.map(|e| self.expr(e)).transpose()?,
                ),
                sp::OnConflictAction::DoNothing => (Vec::new(), None),
            },
            _ => (Vec::new(), None),
        };
        Ok(Insert {
            ctes: Vec::new(),
            table,
            columns,
            source,
            on_conflict,
            on_conflict_filter,
            returning: self.returning(i.returning)?,
        })
    }

    fn single_table(&self, t: sp::TableWithJoins, what: &str) -> Result<TableRef, LowerError> {
        let offset = self.lines.of(&t);
        if !t.joins.is_empty() {
            return Err(LowerError::at(
                offset,
                format!("{what} with joins is not supported by type inference"),
            ));
        }
        match self.factor(t.relation)? {
            FromItem::Table(t) => Ok(t),
            _ => Err(LowerError::at(offset, format!("{what} of a subquery"))),
        }
    }

    fn update(&self, u: sp::Update) -> Result<Update, LowerError> {
        let from = match u.from {
            Some(sp::UpdateTableFromKind::BeforeSet(f) | sp::UpdateTableFromKind::AfterSet(f)) => {
                self.from(f)?
            }
            None => Vec::new(),
        };
        Ok(Update {
            ctes: Vec::new(),
            table: self.single_table(u.table, "UPDATE")?,
            sets: self.assignments(u.assignments)?,
            from,
            filter: u.selection.map(|e| self.expr(e)).transpose()?,
            returning: self.returning(u.returning)?,
            limit: u.limit.map(|e| self.expr(e)).transpose()?,
        })
    }

    fn delete(&self, d: sp::Delete) -> Result<Delete, LowerError> {
        let tables = match d.from {
            sp::FromTable::WithFromKeyword(t) | sp::FromTable::WithoutKeyword(t) => t,
        };
        let Some(first) = tables.into_iter().next() else {
            return Err(LowerError::at(0, "DELETE without a table"));
        };
        Ok(Delete {
            ctes: Vec::new(),
            table: self.single_table(first, "DELETE")?,
            using: d
                .using
                .map(|u| self.from(u))
                .transpose()?
                .unwrap_or_default(),
            filter: d.selection.map(|e| self.expr(e)).transpose()?,
            returning: self.returning(d.returning)?,
            limit: d.limit.map(|e| self.expr(e)).transpose()?,
        })
    }

    fn boxed(&self, e: sp::Expr) -> Result<Box<Expr>, LowerError> {
        Ok(Box::new(self.expr(e)?))
    }

    fn expr(&self, e: sp::Expr) -> Result<Expr, LowerError> {
        let offset = self.lines.of(&e);
        use sp::Expr as E;
        Ok(match e {
            E::Identifier(id) => {
                if id.quote_style.is_none() {
                    match id.value.to_ascii_uppercase().as_str() {
                        "CURRENT_TIMESTAMP" => {
                            return Ok(Expr::Keyword(KeywordValue::CurrentTimestamp))
                        }
                        "CURRENT_DATE" => return Ok(Expr::Keyword(KeywordValue::CurrentDate)),
                        "CURRENT_TIME" => return Ok(Expr::Keyword(KeywordValue::CurrentTime)),
                        "TRUE" | "FALSE" => return Ok(Expr::Literal(Literal::Bool)),
                        _ => {}
                    }
                }
                Expr::Column {
                    qualifier: None,
                    name: ident(&id),
                    offset,
                }
            }
            E::CompoundIdentifier(parts) => {
                let mut names: Vec<String> = parts.iter().map(ident).collect();
                let name = names.pop().unwrap_or_default();
                Expr::Column {
                    qualifier: names.pop(),
                    name,
                    offset,
                }
            }
            E::Value(v) => match v.value {
                sp::Value::Placeholder(p) => {
                    let number: usize = p.trim_start_matches('?').parse().unwrap_or(1);
                    Expr::Param {
                        index: number.saturating_sub(1),
                        offset,
                    }
                }
                sp::Value::Null => Expr::Literal(Literal::Null),
                sp::Value::Boolean(_) => Expr::Literal(Literal::Bool),
                sp::Value::Number(n, _) => Expr::Literal(if n.contains(['.', 'e', 'E']) {
                    Literal::Float
                } else {
                    Literal::Integer
                }),
                _ => Expr::Literal(Literal::String),
            },
            E::Nested(inner) => self.expr(*inner)?,
            E::IsNull(x)
            | E::IsNotNull(x)
            | E::IsTrue(x)
            | E::IsNotTrue(x)
            | E::IsFalse(x)
            | E::IsNotFalse(x)
            | E::IsUnknown(x)
            | E::IsNotUnknown(x) => Expr::IsTest(self.boxed(*x)?),
            E::IsDistinctFrom(l, r) | E::IsNotDistinctFrom(l, r) => Expr::IsDistinct {
                left: self.boxed(*l)?,
                right: self.boxed(*r)?,
            },
            E::InList { expr, list, .. } => Expr::InList {
                expr: self.boxed(*expr)?,
                list: list
                    .into_iter()
                    .map(|e| self.expr(e))
                    .collect::<Result<_, _>>()?,
            },
            E::InSubquery { expr, subquery, .. } => Expr::InSubquery {
                expr: self.boxed(*expr)?,
                query: Box::new(self.query(*subquery)?),
            },
            E::Between {
                expr, low, high, ..
            } => Expr::Between {
                expr: self.boxed(*expr)?,
                low: self.boxed(*low)?,
                high: self.boxed(*high)?,
            },
            E::BinaryOp { left, op, right } => Expr::Binary {
                op: binary_op(&op),
                left: self.boxed(*left)?,
                right: self.boxed(*right)?,
            },
            E::Like { expr, pattern, .. }
            | E::ILike { expr, pattern, .. }
            | E::SimilarTo { expr, pattern, .. }
            | E::RLike { expr, pattern, .. } => Expr::Like {
                expr: self.boxed(*expr)?,
                pattern: self.boxed(*pattern)?,
            },
            E::UnaryOp { op, expr } => match op {
                sp::UnaryOperator::Not | sp::UnaryOperator::BangNot => {
                    Expr::Not(self.boxed(*expr)?)
                }
                sp::UnaryOperator::Minus => Expr::Negate(self.boxed(*expr)?),
                _ => self.expr(*expr)?,
            },
            E::Cast {
                expr, data_type, ..
            } => Expr::Cast {
                expr: self.boxed(*expr)?,
                ty: type_name(&data_type),
                offset,
            },
            E::Case {
                operand,
                conditions,
                else_result,
                ..
            } => Expr::Case {
                operand: operand.map(|o| self.boxed(*o)).transpose()?,
                whens: conditions
                    .into_iter()
                    .map(|w| Ok((self.expr(w.condition)?, self.expr(w.result)?)))
                    .collect::<Result<_, LowerError>>()?,
                otherwise: else_result.map(|e| self.boxed(*e)).transpose()?,
            },
            E::Exists { subquery, .. } => Expr::Exists(Box::new(self.query(*subquery)?)),
            E::Subquery(q) => Expr::ScalarSubquery(Box::new(self.query(*q)?)),
            E::Function(f) => self.function(f, offset)?,
            E::Extract { expr, .. } => Expr::Function {
                name: "extract".into(),
                args: vec![self.expr(*expr)?],
                star: false,
                window: false,
                offset,
            },
            E::Substring { expr, .. } | E::Trim { expr, .. } => Expr::Function {
                name: "substr".into(),
                args: vec![self.expr(*expr)?],
                star: false,
                window: false,
                offset,
            },
            E::Ceil { expr, .. } | E::Floor { expr, .. } => Expr::Function {
                name: "floor".into(),
                args: vec![self.expr(*expr)?],
                star: false,
                window: false,
                offset,
            },
            E::Collate { expr, .. } => self.expr(*expr)?,
            E::Array(a) => Expr::Array(
                a.elem
                    .into_iter()
                    .map(|e| self.expr(e))
                    .collect::<Result<_, _>>()?,
            ),
            E::AnyOp { left, right, .. } | E::AllOp { left, right, .. } => Expr::AnyArray {
                left: self.boxed(*left)?,
                right: self.boxed(*right)?,
            },
            E::TypedString(_) => Expr::Literal(Literal::String),
            E::Interval(_) => Expr::Unsupported {
                what: "INTERVAL".into(),
                offset,
            },
            other => Expr::Unsupported {
                what: other.to_string(),
                offset,
            },
        })
    }

    fn function(&self, f: sp::Function, offset: usize) -> Result<Expr, LowerError> {
        let name = name_parts(&f.name)
            .pop()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let mut star = false;
        let mut args = Vec::new();
        if let sp::FunctionArguments::List(list) = f.args {
            for arg in list.args {
                let arg = match arg {
                    sp::FunctionArg::Unnamed(a)
                    | sp::FunctionArg::Named { arg: a, .. }
                    | sp::FunctionArg::ExprNamed { arg: a, .. } => a,
                };
                match arg {
                    sp::FunctionArgExpr::Expr(e) => args.push(self.expr(e)?),
                    _ => star = true,
                }
            }
        }
        Ok(match name.as_str() {
            "coalesce" | "ifnull" => Expr::Coalesce(args),
            "nullif" if args.len() == 2 => {
                let mut it = args.into_iter();
                let (a, b) = (it.next(), it.next());
                match (a, b) {
                    (Some(a), Some(b)) => Expr::NullIf(Box::new(a), Box::new(b)),
                    _ => Expr::Literal(Literal::Null),
                }
            }
            "greatest" | "least" => Expr::MinMax(args),
            "current_timestamp" | "now" => Expr::Keyword(KeywordValue::CurrentTimestamp),
            _ => Expr::Function {
                name,
                args,
                star,
                window: f.over.is_some(),
                offset,
            },
        })
    }
}

fn binary_op(op: &sp::BinaryOperator) -> BinaryOp {
    use sp::BinaryOperator as B;
    match op {
        B::Eq | B::Spaceship => BinaryOp::Eq,
        B::NotEq => BinaryOp::NotEq,
        B::Lt => BinaryOp::Lt,
        B::LtEq => BinaryOp::LtEq,
        B::Gt => BinaryOp::Gt,
        B::GtEq => BinaryOp::GtEq,
        B::And => BinaryOp::And,
        B::Or | B::Xor => BinaryOp::Or,
        B::Plus => BinaryOp::Plus,
        B::Minus => BinaryOp::Minus,
        B::Multiply => BinaryOp::Multiply,
        B::Divide | B::MyIntegerDivide => BinaryOp::Divide,
        B::Modulo => BinaryOp::Modulo,
        B::StringConcat => BinaryOp::Concat,
        B::Arrow | B::HashArrow => BinaryOp::JsonGet,
        B::LongArrow | B::HashLongArrow => BinaryOp::JsonGetText,
        B::Regexp | B::Match | B::Glob => BinaryOp::ArrayTest,
        _ => BinaryOp::Other,
    }
}

fn type_name(t: &sp::DataType) -> TypeName {
    let text = t.to_string().to_ascii_lowercase();
    let (head, args) = match text.find('(') {
        Some(open) => {
            let close = text.rfind(')').unwrap_or(text.len());
            let args = text[open + 1..close.max(open + 1)]
                .split(',')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect();
            (
                format!("{}{}", &text[..open], text.get(close + 1..).unwrap_or("")),
                args,
            )
        }
        None => (text, Vec::new()),
    };
    TypeName {
        name: head.trim().to_string(),
        args,
        array_dims: 0,
    }
}
