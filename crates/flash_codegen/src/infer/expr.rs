//! Types and nullability of expressions; parameters take the type of what they meet.

use flash_core::Dialect;

use super::scope::{Lookup, Scope};
use super::{functions, types, InferError, Inferrer};
use crate::ir::{SqlType, Typed};
use crate::sql_tree::{BinaryOp, Expr, KeywordValue, Literal, Query};

/// The name a parameter compared with `e` should take: the column's, through functions and casts.
pub(crate) fn hint_of(e: &Expr) -> Option<String> {
    match e {
        Expr::Column { name, .. } => Some(name.clone()),
        Expr::Cast { expr, .. } => hint_of(expr),
        Expr::Function { args, .. } if args.len() == 1 => hint_of(&args[0]),
        Expr::Coalesce(args) => args.iter().find_map(hint_of),
        _ => None,
    }
}

fn singular(name: &str) -> String {
    match name.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('s') => stem.to_string(),
        _ => name.to_string(),
    }
}

/// The parameter an expression is, seen through casts (`$1::date`).
fn param_index(e: &Expr) -> Option<usize> {
    match e {
        Expr::Param { index, .. } => Some(*index),
        Expr::Cast { expr, .. } => param_index(expr),
        _ => None,
    }
}

fn plural(name: &str) -> String {
    if name.ends_with('s') {
        name.to_string()
    } else {
        format!("{name}s")
    }
}

impl Inferrer<'_> {
    /// Infers `e` where a value like `target` belongs (a column it is stored in or compared with): a parameter
    /// takes that type, `hint` as its name and, when `nullable`, may be NULL.
    pub(crate) fn expect(
        &mut self,
        e: &Expr,
        scope: &Scope<'_>,
        target: &Typed,
        hint: Option<String>,
        nullable: bool,
    ) -> Result<Typed, InferError> {
        if let Expr::Param { index, .. } = e {
            self.bind(*index, target, hint, nullable);
            return Ok(self.param_typed(*index));
        }
        self.expr(e, scope)
    }

    /// Both sides of a comparison (or arithmetic): a parameter on one side takes the other side's type and name.
    fn pair(
        &mut self,
        left: &Expr,
        right: &Expr,
        scope: &Scope<'_>,
    ) -> Result<(Typed, Typed), InferError> {
        let l_param = matches!(left, Expr::Param { .. });
        let r_param = matches!(right, Expr::Param { .. });
        let lt = if l_param {
            None
        } else {
            Some(self.expr(left, scope)?)
        };
        let rt = if r_param {
            None
        } else {
            Some(self.expr(right, scope)?)
        };
        let lt = match lt {
            Some(t) => t,
            None => {
                let target = rt.clone().unwrap_or(Typed::new(SqlType::Unknown, false));
                self.expect(left, scope, &target, hint_of(right), false)?
            }
        };
        let rt = match rt {
            Some(t) => t,
            None => self.expect(right, scope, &lt, hint_of(left), false)?,
        };
        // A cast parameter (`col >= $1::date`) has its type from the cast, and its name from the other side.
        let unknown = Typed::new(SqlType::Unknown, false);
        if let (Some(i), false) = (param_index(right), r_param) {
            self.bind(i, &unknown, hint_of(left), false);
        }
        if let (Some(i), false) = (param_index(left), l_param) {
            self.bind(i, &unknown, hint_of(right), false);
        }
        Ok((lt, rt))
    }

    pub(crate) fn expr(&mut self, e: &Expr, scope: &Scope<'_>) -> Result<Typed, InferError> {
        let bool_of = |nullable| Typed::new(SqlType::Bool, nullable);
        Ok(match e {
            Expr::Column {
                qualifier,
                name,
                offset,
            } => match scope.lookup(qualifier.as_deref(), name) {
                Lookup::Found(c) => c.typed.clone(),
                Lookup::NoRelation => {
                    return Err(InferError::at(
                        *offset,
                        format!(
                            "unknown table or alias \"{}\"",
                            qualifier.as_deref().unwrap_or("")
                        ),
                    ))
                }
                Lookup::NoColumn => {
                    let whole = match qualifier {
                        Some(q) => format!("{q}.{name}"),
                        None => name.clone(),
                    };
                    return Err(InferError::at(
                        *offset,
                        format!("unknown column \"{whole}\""),
                    ));
                }
                Lookup::Ambiguous => {
                    return Err(InferError::at(
                        *offset,
                        format!("column \"{name}\" is ambiguous: qualify it with its table"),
                    ))
                }
            },
            Expr::Param { index, offset } => {
                if let Some(p) = self.params.get_mut(*index) {
                    if p.offset == 0 {
                        p.offset = *offset;
                    }
                }
                self.param_typed(*index)
            }
            Expr::Literal(l) => match l {
                Literal::Null => Typed::new(SqlType::Unknown, true),
                Literal::Bool => bool_of(false),
                Literal::Integer => Typed::new(
                    if self.dialect == Dialect::Postgres {
                        SqlType::Int32
                    } else {
                        SqlType::Int64
                    },
                    false,
                ),
                Literal::Float => Typed::new(
                    if self.dialect == Dialect::Postgres {
                        SqlType::Decimal
                    } else {
                        SqlType::Float64
                    },
                    false,
                ),
                Literal::String => Typed::new(SqlType::Text, false),
            },
            Expr::Not(inner) => {
                let t = self.expect(inner, scope, &bool_of(false), None, false)?;
                bool_of(t.nullable)
            }
            Expr::Negate(inner) => self.expr(inner, scope)?,
            Expr::Binary { op, left, right } => self.binary(*op, left, right, scope)?,
            Expr::IsTest(inner) => {
                self.expr(inner, scope)?;
                bool_of(false)
            }
            Expr::IsDistinct { left, right } => {
                self.pair(left, right, scope)?;
                bool_of(false)
            }
            Expr::Between { expr, low, high } => {
                let t = self.expr(expr, scope)?;
                let hint = hint_of(expr);
                let lo = self.expect(
                    low,
                    scope,
                    &t,
                    hint.as_ref().map(|h| format!("{h}_start")),
                    false,
                )?;
                let hi = self.expect(high, scope, &t, hint.map(|h| format!("{h}_end")), false)?;
                bool_of(t.nullable || lo.nullable || hi.nullable)
            }
            Expr::InList { expr, list } => {
                let t = self.expr(expr, scope)?;
                let hint = hint_of(expr);
                let mut nullable = t.nullable;
                for item in list {
                    nullable |= self.expect(item, scope, &t, hint.clone(), false)?.nullable;
                }
                bool_of(nullable)
            }
            Expr::InSubquery { expr, query } | Expr::AnySubquery { left: expr, query } => {
                let cols = self.subquery(query, scope)?;
                let first = cols
                    .into_iter()
                    .next()
                    .unwrap_or(Typed::new(SqlType::Unknown, true));
                let t = self.expect(expr, scope, &first, None, false)?;
                bool_of(t.nullable || first.nullable)
            }
            Expr::AnyArray { left, right } => {
                if let Expr::Param { .. } = left.as_ref() {
                    let arr = self.expr(right, scope)?;
                    let elem = match arr.ty {
                        SqlType::Array(e) => *e,
                        other => other,
                    };
                    let hint = hint_of(right).map(|h| singular(&h));
                    self.expect(left, scope, &Typed::new(elem, false), hint, false)?;
                    bool_of(arr.nullable)
                } else {
                    let t = self.expr(left, scope)?;
                    let arr = Typed::new(SqlType::Array(Box::new(t.ty.clone())), false);
                    let a =
                        self.expect(right, scope, &arr, hint_of(left).map(|h| plural(&h)), false)?;
                    bool_of(t.nullable || a.nullable)
                }
            }
            Expr::Exists(q) => {
                self.subquery(q, scope)?;
                bool_of(false)
            }
            Expr::ScalarSubquery(q) => {
                let cols = self.subquery(q, scope)?;
                let ty = cols.into_iter().next().map_or(SqlType::Unknown, |c| c.ty);
                Typed::new(ty, true)
            }
            Expr::ArraySubquery(q) => {
                let cols = self.subquery(q, scope)?;
                let ty = cols.into_iter().next().map_or(SqlType::Unknown, |c| c.ty);
                Typed::new(SqlType::Array(Box::new(ty)), false)
            }
            Expr::Like { expr, pattern } => {
                let text = Typed::new(SqlType::Text, false);
                let t = self.expect(expr, scope, &text, None, false)?;
                let p = self.expect(pattern, scope, &text, hint_of(expr), false)?;
                bool_of(t.nullable || p.nullable)
            }
            Expr::Function {
                name,
                args,
                star: _,
                window,
                offset: _,
            } => self.function(name, args, *window, scope)?,
            Expr::Cast { expr, ty, .. } => {
                let scalar = types::named_type(self.dialect, self.enums, &ty.name, &ty.args);
                let target = Typed::new(types::wrap_array(scalar, ty.array_dims), false);
                let inner = self.expect(expr, scope, &target, None, false)?;
                Typed::new(target.ty, inner.nullable)
            }
            Expr::Case {
                operand,
                whens,
                otherwise,
            } => {
                let operand_t = match operand {
                    Some(o) => Some(self.expr(o, scope)?),
                    None => None,
                };
                let mut result: Option<Typed> = None;
                let mut nullable = otherwise.is_none();
                let mut pending_params = Vec::new();
                for (cond, value) in whens {
                    match &operand_t {
                        Some(t) => {
                            self.expect(
                                cond,
                                scope,
                                t,
                                operand.as_deref().and_then(hint_of),
                                false,
                            )?;
                        }
                        None => {
                            self.expect(cond, scope, &bool_of(false), None, false)?;
                        }
                    }
                    if matches!(value, Expr::Param { .. }) {
                        pending_params.push(value);
                        continue;
                    }
                    let t = self.expr(value, scope)?;
                    nullable |= t.nullable;
                    merge(&mut result, t);
                }
                if let Some(o) = otherwise {
                    if matches!(o.as_ref(), Expr::Param { .. }) {
                        pending_params.push(o);
                    } else {
                        let t = self.expr(o, scope)?;
                        nullable |= t.nullable;
                        merge(&mut result, t);
                    }
                }
                let ty = result.map_or(SqlType::Unknown, |r| r.ty);
                for p in pending_params {
                    let t = self.expect(p, scope, &Typed::new(ty.clone(), false), None, false)?;
                    nullable |= t.nullable;
                }
                Typed::new(ty, nullable)
            }
            Expr::Coalesce(args) => {
                let mut result: Option<Typed> = None;
                let mut all_nullable = true;
                let mut params = Vec::new();
                for a in args {
                    if matches!(a, Expr::Param { .. }) {
                        params.push(a);
                        continue;
                    }
                    let t = self.expr(a, scope)?;
                    all_nullable &= t.nullable;
                    merge(&mut result, t);
                }
                let ty = result.map_or(SqlType::Unknown, |r| r.ty);
                let hint = args.iter().find_map(hint_of);
                for p in params {
                    let t = self.expect(
                        p,
                        scope,
                        &Typed::new(ty.clone(), false),
                        hint.clone(),
                        false,
                    )?;
                    all_nullable &= t.nullable;
                }
                Typed::new(ty, all_nullable)
            }
            Expr::NullIf(a, b) => {
                let (t, _) = self.pair(a, b, scope)?;
                Typed::new(t.ty, true)
            }
            Expr::MinMax(args) => {
                let mut result: Option<Typed> = None;
                let mut all = true;
                let mut any = false;
                for a in args {
                    let t = self.expr(a, scope)?;
                    all &= t.nullable;
                    any |= t.nullable;
                    merge(&mut result, t);
                }
                let nullable = if self.dialect == Dialect::Postgres {
                    all
                } else {
                    any
                };
                Typed::new(result.map_or(SqlType::Unknown, |r| r.ty), nullable)
            }
            Expr::Array(items) => {
                let mut elem: Option<Typed> = None;
                for item in items {
                    let t = self.expr(item, scope)?;
                    merge(&mut elem, t);
                }
                Typed::new(
                    SqlType::Array(Box::new(elem.map_or(SqlType::Unknown, |t| t.ty))),
                    false,
                )
            }
            Expr::Subscript(inner) => {
                let t = self.expr(inner, scope)?;
                let ty = match t.ty {
                    SqlType::Array(e) => *e,
                    SqlType::Json => SqlType::Json,
                    _ => SqlType::Unknown,
                };
                Typed::new(ty, true)
            }
            Expr::Keyword(k) => Typed::new(
                match (k, self.dialect) {
                    (KeywordValue::CurrentTimestamp, d) => functions::timestamp_now(d),
                    (_, Dialect::Sqlite) => SqlType::Text,
                    (KeywordValue::LocalTimestamp, _) => SqlType::Timestamp,
                    (KeywordValue::CurrentDate, _) => SqlType::Date,
                    (KeywordValue::CurrentTime, _) => SqlType::Time,
                    (KeywordValue::CurrentUser, _) => SqlType::Text,
                },
                false,
            ),
            Expr::Default => Typed::new(SqlType::Unknown, false),
            Expr::Unsupported { .. } => Typed::new(SqlType::Unknown, true),
        })
    }

    fn binary(
        &mut self,
        op: BinaryOp,
        left: &Expr,
        right: &Expr,
        scope: &Scope<'_>,
    ) -> Result<Typed, InferError> {
        let bool_t = Typed::new(SqlType::Bool, false);
        Ok(match op {
            BinaryOp::And | BinaryOp::Or => {
                let l = self.expect(left, scope, &bool_t, None, false)?;
                let r = self.expect(right, scope, &bool_t, None, false)?;
                Typed::new(SqlType::Bool, l.nullable || r.nullable)
            }
            BinaryOp::JsonGet | BinaryOp::JsonGetText => {
                let l = self.expr(left, scope)?;
                let key_ty = if matches!(right, Expr::Param { .. }) {
                    SqlType::Text
                } else {
                    SqlType::Unknown
                };
                self.expect(right, scope, &Typed::new(key_ty, false), None, false)?;
                let ty = if op == BinaryOp::JsonGet {
                    SqlType::Json
                } else {
                    SqlType::Text
                };
                let _ = l;
                Typed::new(ty, true)
            }
            BinaryOp::Concat => {
                let text = Typed::new(SqlType::Text, false);
                let l = self.expect(left, scope, &text, hint_of(right), false)?;
                let r = self.expect(right, scope, &text, hint_of(left), false)?;
                let nullable = l.nullable || r.nullable;
                if let (SqlType::Array(_), _) = (&l.ty, &r.ty) {
                    Typed::new(l.ty, nullable)
                } else {
                    Typed::new(SqlType::Text, nullable)
                }
            }
            BinaryOp::ArrayTest => {
                let (l, r) = self.pair(left, right, scope)?;
                Typed::new(SqlType::Bool, l.nullable || r.nullable)
            }
            _ if op.is_comparison() => {
                let (l, r) = self.pair(left, right, scope)?;
                Typed::new(SqlType::Bool, l.nullable || r.nullable)
            }
            _ => {
                let (l, r) = self.pair(left, right, scope)?;
                let ty = arithmetic_type(self.dialect, op, &l.ty, &r.ty);
                Typed::new(ty, l.nullable || r.nullable)
            }
        })
    }

    fn function(
        &mut self,
        name: &str,
        args: &[Expr],
        window: bool,
        scope: &Scope<'_>,
    ) -> Result<Typed, InferError> {
        // MySQL's `VALUES(col)` in ON DUPLICATE KEY UPDATE is the value the row would have had.
        if name == "values" && args.len() == 1 {
            return self.expr(&args[0], scope);
        }
        let text_args = matches!(
            name,
            "lower"
                | "upper"
                | "trim"
                | "length"
                | "char_length"
                | "concat"
                | "replace"
                | "substr"
                | "substring"
        );
        let mut typed = Vec::with_capacity(args.len());
        let mut first_known: Option<Typed> = None;
        for a in args {
            if let Expr::Param { .. } = a {
                typed.push(None);
            } else {
                let t = self.expr(a, scope)?;
                if first_known.is_none() {
                    first_known = Some(t.clone());
                }
                typed.push(Some(t));
            }
        }
        let element_of = matches!(name, "array_append" | "array_remove" | "array_prepend");
        let hint = args
            .iter()
            .find_map(hint_of)
            .map(|h| if element_of { singular(&h) } else { h });
        let mut resolved = Vec::with_capacity(args.len());
        for (a, t) in args.iter().zip(typed) {
            resolved.push(match t {
                Some(t) => t,
                None => {
                    let element_arg =
                        matches!(name, "array_append" | "array_remove" | "array_prepend");
                    let target = if element_arg {
                        match first_known.as_ref().map(|t| &t.ty) {
                            Some(SqlType::Array(e)) => Typed::new((**e).clone(), false),
                            _ => Typed::new(SqlType::Unknown, false),
                        }
                    } else if text_args {
                        Typed::new(SqlType::Text, false)
                    } else {
                        first_known
                            .clone()
                            .unwrap_or(Typed::new(SqlType::Unknown, false))
                    };
                    self.expect(a, scope, &target, hint.clone(), false)?
                }
            });
        }
        if let Some(t) = functions::call_type(self.dialect, name, &resolved, window) {
            return Ok(t);
        }
        // A function of the schema: its declared return type.
        if let Some(r) = self
            .schema
            .routines
            .iter()
            .find(|r| r.name.name.eq_ignore_ascii_case(name))
        {
            if let Some(ret) = &r.returns {
                let ty = types::named_type(self.dialect, self.enums, ret, &[]);
                return Ok(Typed::new(ty, true));
            }
        }
        Ok(Typed::new(SqlType::Unknown, true))
    }

    /// The column types of a subquery that sees `scope` as its outer query.
    pub(crate) fn subquery(
        &mut self,
        q: &Query,
        scope: &Scope<'_>,
    ) -> Result<Vec<Typed>, InferError> {
        Ok(self.query(q, scope)?.into_iter().map(|c| c.typed).collect())
    }
}

/// Keeps the first known type of several branches.
fn merge(result: &mut Option<Typed>, t: Typed) {
    match result {
        Some(r) if r.ty != SqlType::Unknown => {}
        _ => *result = Some(t),
    }
}

fn arithmetic_type(dialect: Dialect, op: BinaryOp, l: &SqlType, r: &SqlType) -> SqlType {
    use SqlType::*;
    let rank = |t: &SqlType| match t {
        Int16 => 1,
        Int32 => 2,
        Int64 => 3,
        Decimal => 4,
        Float32 => 5,
        Float64 => 6,
        _ => 0,
    };
    match (l, r) {
        (Timestamp | TimestampTz | Date, Timestamp | TimestampTz | Date)
            if op == BinaryOp::Minus =>
        {
            if dialect == Dialect::Postgres && !matches!(l, Date) {
                Interval
            } else {
                Int64
            }
        }
        (Timestamp | TimestampTz | Date, _) => l.clone(),
        (Unknown, _) => r.clone(),
        (_, Unknown) => l.clone(),
        _ if op == BinaryOp::Divide && dialect == Dialect::Mysql => Decimal,
        _ => {
            if rank(l) >= rank(r) {
                l.clone()
            } else {
                r.clone()
            }
        }
    }
}
