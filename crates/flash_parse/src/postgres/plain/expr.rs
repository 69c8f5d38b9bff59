//! A column's `DEFAULT`: a constant (a number, perhaps negative; a string; `true`, `false`, `null`), one of the
//! SQL-standard date and time functions without a precision, a call of a plain-named function with no arguments,
//! any of these cast with `::` — the shapes `simple_expr` prints without the deparser. Anything else, operators
//! above all, is left to libpg_query.

use pg_query::protobuf::{
    self, a_const::Val, node::Node as N, CoercionForm, Node, SqlValueFunctionOp,
};

use super::lex::{self, Kind};
use super::{node, string, types, Parser};

pub fn default_expr(p: &mut Parser) -> Option<Node> {
    let mut expr = if p.is_punct(0, b'-') {
        let at = p.loc();
        p.at += 1;
        let value = number(p)?;
        // `-1::int` is `-(1::int)`, an operator applied to a cast.
        if p.peek(0).is_some_and(|t| t.kind == Kind::Cast) {
            return None;
        }
        negate(value, at)?
    } else {
        primary(p)?
    };
    while p.peek(0).is_some_and(|t| t.kind == Kind::Cast) {
        let at = p.loc();
        p.at += 1;
        let type_name = types::type_name(p)?;
        expr = node(N::TypeCast(Box::new(protobuf::TypeCast {
            arg: Some(Box::new(expr)),
            type_name: Some(type_name),
            location: at,
        })));
    }
    Some(expr)
}

/// An integer constant node (`makeIntConst`).
pub fn int_const(ival: i32, location: i32) -> Node {
    constant(Some(Val::Ival(protobuf::Integer { ival })), location)
}

fn constant(val: Option<Val>, location: i32) -> Node {
    node(N::AConst(protobuf::AConst {
        isnull: val.is_none(),
        location,
        val,
    }))
}

fn number(p: &mut Parser) -> Option<Node> {
    let token = *p.peek(0)?;
    let at = super::location(token.start);
    let node = match token.kind {
        Kind::Int(ival) => int_const(ival, at),
        Kind::Float => constant(
            Some(Val::Fval(protobuf::Float {
                fval: p.token_text(&token).to_string(),
            })),
            at,
        ),
        _ => return None,
    };
    p.at += 1;
    Some(node)
}

/// `doNegate`: the constant's sign flipped, and its location moved to the `-`.
fn negate(constant: Node, at: i32) -> Option<Node> {
    let Some(N::AConst(mut c)) = constant.node else {
        return None;
    };
    c.location = at;
    c.val = Some(match c.val? {
        Val::Ival(i) => Val::Ival(protobuf::Integer {
            ival: i.ival.checked_neg()?,
        }),
        Val::Fval(f) => Val::Fval(protobuf::Float {
            fval: format!("-{}", f.fval),
        }),
        _ => return None,
    });
    Some(node(N::AConst(c)))
}

fn primary(p: &mut Parser) -> Option<Node> {
    let token = *p.peek(0)?;
    let at = super::location(token.start);
    match token.kind {
        Kind::Int(_) | Kind::Float => number(p),
        Kind::Str => {
            p.at += 1;
            let sval = lex::unquote(p.token_text(&token));
            Some(constant(Some(Val::Sval(protobuf::String { sval })), at))
        }
        Kind::Word(keyword) => {
            let word = lex::fold(p.token_text(&token));
            if keyword.is_none() {
                // A function called with no arguments: `now()`.
                p.at += 1;
                p.expect_punct(b'(')?;
                p.expect_punct(b')')?;
                return Some(node(N::FuncCall(Box::new(protobuf::FuncCall {
                    funcname: vec![string(word)],
                    funcformat: CoercionForm::CoerceExplicitCall as i32,
                    location: at,
                    ..Default::default()
                }))));
            }
            let node = match word.as_str() {
                "true" | "false" => constant(
                    Some(Val::Boolval(protobuf::Boolean {
                        boolval: word == "true",
                    })),
                    at,
                ),
                "null" => constant(None, at),
                _ => {
                    let op = match word.as_str() {
                        "current_date" => SqlValueFunctionOp::SvfopCurrentDate,
                        "current_time" => SqlValueFunctionOp::SvfopCurrentTime,
                        "current_timestamp" => SqlValueFunctionOp::SvfopCurrentTimestamp,
                        "localtime" => SqlValueFunctionOp::SvfopLocaltime,
                        "localtimestamp" => SqlValueFunctionOp::SvfopLocaltimestamp,
                        _ => return None,
                    };
                    // With a precision (`CURRENT_TIMESTAMP(3)`) it is another function.
                    if p.is_punct(1, b'(') {
                        return None;
                    }
                    node(N::SqlvalueFunction(Box::new(protobuf::SqlValueFunction {
                        op: op as i32,
                        typmod: -1,
                        location: at,
                        ..Default::default()
                    })))
                }
            };
            p.at += 1;
            Some(node)
        }
        _ => None,
    }
}
