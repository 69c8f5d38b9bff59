//! `CREATE PROCEDURE` and `CREATE FUNCTION`, read by hand: the header is parsed, the `BEGIN ... END` body (or
//! single statement) is kept as written, since sqlparser cannot parse MySQL's procedural language.

use std::collections::BTreeMap;

use flash_core::{Diagnostic, QualName, Routine, RoutineArg, RoutineKind};
use sqlparser::tokenizer::Token;

use super::ctx::Ctx;
use super::tokens::{Cursor, Stmt};
use super::types::{canonical, read_type};

pub fn kind_word(kind: RoutineKind) -> &'static str {
    match kind {
        RoutineKind::Function => "function",
        RoutineKind::Procedure => "procedure",
    }
}

pub fn create_routine(cx: &mut Ctx<'_>, stmt: &Stmt<'_>) -> Result<(), Diagnostic> {
    let mut c = stmt.cursor();
    c.eat_word("CREATE");
    let or_replace = c.eat_words(&["OR", "REPLACE"]);
    c.skip_definer();
    if c.is_word("AGGREGATE") {
        return Err(cx.err(c.offset(), "aggregate functions are not supported"));
    }
    let kind = if c.eat_word("PROCEDURE") {
        RoutineKind::Procedure
    } else if c.eat_word("FUNCTION") {
        RoutineKind::Function
    } else {
        return Err(cx.err(c.offset(), "syntax error: expected PROCEDURE or FUNCTION"));
    };
    let (schema, name, name_at) = cx.created_name(&mut c, "a routine")?;
    let name = QualName::new(schema.unwrap_or_default(), name);
    if !c.eat(&Token::LParen) {
        return Err(cx.err(
            c.offset(),
            "syntax error: expected ( after the routine name",
        ));
    }
    let args = params(cx, &mut c, kind)?;
    let returns = if kind == RoutineKind::Function {
        if !c.eat_word("RETURNS") {
            return Err(cx.err(
                c.offset(),
                "syntax error: a function needs RETURNS and a type",
            ));
        }
        Some(data_type(cx, &mut c)?)
    } else {
        None
    };
    let mut attributes = BTreeMap::new();
    let mut comment = None;
    loop {
        if c.eat_word("COMMENT") {
            comment = Some(
                c.string()
                    .ok_or_else(|| cx.err(c.offset(), "syntax error: expected a string"))?,
            );
        } else if c.eat_words(&["LANGUAGE", "SQL"])
            || c.eat_words(&["NOT", "DETERMINISTIC"])
            || c.eat_words(&["CONTAINS", "SQL"])
        {
        } else if c.eat_word("DETERMINISTIC") {
            attributes.insert("deterministic".to_string(), "YES".to_string());
        } else if c.eat_words(&["NO", "SQL"]) {
            attributes.insert("data_access".to_string(), "NO SQL".to_string());
        } else if c.eat_words(&["READS", "SQL", "DATA"]) {
            attributes.insert("data_access".to_string(), "READS SQL DATA".to_string());
        } else if c.eat_words(&["MODIFIES", "SQL", "DATA"]) {
            attributes.insert("data_access".to_string(), "MODIFIES SQL DATA".to_string());
        } else if c.eat_words(&["SQL", "SECURITY", "INVOKER"]) {
            attributes.insert("sql_security".to_string(), "INVOKER".to_string());
        } else if !c.eat_words(&["SQL", "SECURITY", "DEFINER"]) {
            break;
        }
    }
    let body = stmt.text_from(c.offset());
    if body.is_empty() {
        return Err(cx.err(c.offset(), "syntax error: the routine has no body"));
    }
    let routine = Routine {
        kind,
        name: name.clone(),
        args,
        returns,
        language: "sql".to_string(),
        body: body.to_string(),
        attributes,
        comment,
    };
    let word = kind_word(kind);
    if or_replace {
        cx.b.schema
            .routines
            .retain(|r| !(r.kind == kind && r.name == name));
        cx.b.undefine(word, &name.to_string());
    }
    cx.b.define(word, &name.to_string(), cx.origin(name_at))?;
    cx.b.schema.routines.insert(routine);
    Ok(())
}

/// The parameter list after its `(`, through the closing `)`.
fn params(
    cx: &Ctx<'_>,
    c: &mut Cursor<'_>,
    kind: RoutineKind,
) -> Result<Vec<RoutineArg>, Diagnostic> {
    let mut args = Vec::new();
    if c.eat(&Token::RParen) {
        return Ok(args);
    }
    loop {
        let mode = if kind == RoutineKind::Procedure {
            if c.eat_word("INOUT") {
                Some("inout".to_string())
            } else if c.eat_word("OUT") {
                Some("out".to_string())
            } else {
                c.eat_word("IN");
                None
            }
        } else {
            None
        };
        let at = c.offset();
        let name = c
            .ident()
            .ok_or_else(|| cx.err(at, "syntax error: expected a parameter name"))?;
        let data_type = data_type(cx, c)?;
        args.push(RoutineArg {
            mode,
            name: Some(name),
            data_type,
            default: None,
        });
        if c.eat(&Token::RParen) {
            return Ok(args);
        }
        if !c.eat(&Token::Comma) {
            return Err(cx.err(
                c.offset(),
                "syntax error: expected , or ) in the parameter list",
            ));
        }
    }
}

/// A parameter or return type, with any character set and collation after it (which do not change the type).
fn data_type(cx: &Ctx<'_>, c: &mut Cursor<'_>) -> Result<String, Diagnostic> {
    let at = c.offset();
    let raw = read_type(c).ok_or_else(|| cx.err(at, "syntax error: expected a type"))?;
    loop {
        if c.eat_words(&["CHARACTER", "SET"]) || c.eat_word("CHARSET") || c.eat_word("COLLATE") {
            c.advance();
        } else {
            break;
        }
    }
    Ok(canonical(&raw).data_type.to_string())
}
