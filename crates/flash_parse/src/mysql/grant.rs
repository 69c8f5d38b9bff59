//! `GRANT privileges ON object TO grantee`, read by hand: sqlparser's GRANT is shaped after PostgreSQL's.

use flash_core::{Diagnostic, Grant};
use sqlparser::tokenizer::Token;

use super::ctx::Ctx;
use super::tokens::{Cursor, Stmt};

pub fn grant(cx: &mut Ctx<'_>, stmt: &Stmt<'_>) -> Result<(), Diagnostic> {
    let mut c = stmt.cursor();
    c.eat_word("GRANT");
    let mut privileges: Vec<(String, Vec<String>)> = Vec::new();
    loop {
        let at = c.offset();
        let mut words = Vec::new();
        while let Some(Token::Word(w)) = c.peek() {
            if w.value.eq_ignore_ascii_case("ON") {
                break;
            }
            words.push(w.value.to_ascii_uppercase());
            c.advance();
        }
        if words.is_empty() {
            return Err(cx.err(at, "syntax error: expected a privilege"));
        }
        // ALL PRIVILEGES is ALL.
        if words == ["ALL", "PRIVILEGES"] {
            words.truncate(1);
        }
        let columns = if c.eat(&Token::LParen) {
            column_list(cx, &mut c)?
        } else {
            Vec::new()
        };
        privileges.push((words.join(" "), columns));
        if !c.eat(&Token::Comma) {
            break;
        }
    }
    if !c.eat_word("ON") {
        return Err(cx.err(c.offset(), "syntax error: expected ON"));
    }
    let object_kind = if c.eat_word("FUNCTION") {
        "function"
    } else if c.eat_word("PROCEDURE") {
        "procedure"
    } else {
        c.eat_word("TABLE");
        "table"
    };
    let object_at = c.offset();
    let (object_kind, object) = object_name(&mut c, object_kind)
        .ok_or_else(|| cx.err(object_at, "syntax error: expected an object name"))?;
    if !c.eat_word("TO") {
        return Err(cx.err(c.offset(), "syntax error: expected TO"));
    }
    let grantee_at = c.offset();
    let mut grantees = Vec::new();
    loop {
        let from = c.offset();
        while c.peek().is_some() && c.peek() != Some(&Token::Comma) && !c.is_word("WITH") {
            c.advance();
        }
        let text = stmt.text_from(from);
        let end = text.len().min(c.offset().saturating_sub(from));
        let grantee = text.get(..end).unwrap_or(text).trim().to_string();
        if grantee.is_empty() {
            return Err(cx.err(grantee_at, "syntax error: expected a grantee"));
        }
        grantees.push(canonical_grantee(&grantee));
        if !c.eat(&Token::Comma) {
            break;
        }
    }
    let with_grant_option = c.eat_words(&["WITH", "GRANT", "OPTION"]);
    if !c.at_end() {
        return Err(cx.err(c.offset(), "syntax error: unexpected text after GRANT"));
    }
    for grantee in &grantees {
        for (privilege, columns) in &privileges {
            cx.b.schema.grants.push(Grant {
                object_kind: object_kind.to_string(),
                object: object.clone(),
                privilege: privilege.clone(),
                columns: columns.clone(),
                grantee: grantee.clone(),
                with_grant_option,
                revoked: false,
            });
        }
    }
    Ok(())
}

/// `'user'@'host'` however it was quoted, as `information_schema` shows grantees; no host means `%`.
fn canonical_grantee(text: &str) -> String {
    let unquote = |s: &str| {
        s.trim()
            .trim_matches(|c| c == '\'' || c == '"' || c == '`')
            .to_string()
    };
    let (user, host) = match text.rsplit_once('@') {
        Some((user, host)) => (unquote(user), unquote(host)),
        None => (unquote(text), "%".to_string()),
    };
    format!("'{user}'@'{host}'")
}

/// The column list of a column-level privilege, after its `(`.
fn column_list(cx: &Ctx<'_>, c: &mut Cursor<'_>) -> Result<Vec<String>, Diagnostic> {
    let mut columns = Vec::new();
    loop {
        let at = c.offset();
        columns.push(
            c.ident()
                .ok_or_else(|| cx.err(at, "syntax error: expected a column name"))?,
        );
        if c.eat(&Token::RParen) {
            return Ok(columns);
        }
        if !c.eat(&Token::Comma) {
            return Err(cx.err(c.offset(), "syntax error: expected , or )"));
        }
    }
}

/// `*.*` (global), `db.*` (database), `db.t` or `t`.
fn object_name(c: &mut Cursor<'_>, kind: &'static str) -> Option<(&'static str, String)> {
    let first = if c.eat(&Token::Mul) {
        "*".to_string()
    } else {
        c.ident()?
    };
    if !c.eat(&Token::Period) {
        return Some((kind, first));
    }
    if c.eat(&Token::Mul) {
        return Some(if first == "*" {
            ("global", "*".to_string())
        } else {
            ("database", first)
        });
    }
    let second = c.ident()?;
    Some((kind, format!("{first}.{second}")))
}
