//! MariaDB `CREATE SEQUENCE`, read by hand: sqlparser's MySQL dialect does not know it.

use flash_core::{Diagnostic, QualName, Sequence};
use sqlparser::tokenizer::Token;

use super::ctx::Ctx;
use super::tokens::{Cursor, Stmt};

pub fn create_sequence(cx: &mut Ctx<'_>, stmt: &Stmt<'_>) -> Result<(), Diagnostic> {
    let mut c = stmt.cursor();
    c.eat_word("CREATE");
    let or_replace = c.eat_words(&["OR", "REPLACE"]);
    c.eat_word("SEQUENCE");
    let (schema, name, name_at) = cx.created_name(&mut c, "a sequence")?;
    let name = QualName::new(schema.unwrap_or_default(), name);
    let mut seq = Sequence::new(name.clone());
    let o = &mut seq.options;
    while !c.at_end() {
        let at = c.offset();
        // `START WITH n`, `START = n` and `START n` are all MariaDB's; so for `INCREMENT BY`.
        let value = |c: &mut Cursor<'_>, filler: Option<&str>| {
            if !filler.is_some_and(|f| c.eat_word(f)) {
                c.eat(&Token::Eq);
            }
            number(c).ok_or_else(|| cx.err(c.offset(), "syntax error: expected a number"))
        };
        if c.eat_word("START") {
            o.start = Some(value(&mut c, Some("WITH"))?);
        } else if c.eat_word("INCREMENT") {
            o.increment = Some(value(&mut c, Some("BY"))?);
        } else if c.eat_word("MINVALUE") {
            o.min_value = Some(value(&mut c, None)?);
        } else if c.eat_word("MAXVALUE") {
            o.max_value = Some(value(&mut c, None)?);
        } else if c.eat_word("CACHE") {
            o.cache = Some(value(&mut c, None)?);
        } else if c.eat_word("NOCACHE") {
            o.cache = Some(0);
        } else if c.eat_words(&["NO", "MINVALUE"]) || c.eat_word("NOMINVALUE") {
            o.min_value = None;
        } else if c.eat_words(&["NO", "MAXVALUE"]) || c.eat_word("NOMAXVALUE") {
            o.max_value = None;
        } else if c.eat_word("CYCLE") {
            o.cycle = true;
        } else if c.eat_word("NOCYCLE") || c.eat_words(&["NO", "CYCLE"]) {
            o.cycle = false;
        } else if c.eat_word("ENGINE") {
            // `SHOW CREATE SEQUENCE` names the engine of the sequence's table; it is not the sequence's shape.
            c.eat(&Token::Eq);
            c.advance();
        } else if !(c.eat(&Token::Comma) || c.eat(&Token::SemiColon)) {
            return Err(cx.err(at, "unsupported sequence option"));
        }
    }
    seq.options = seq.options.without_mariadb_defaults();
    let key = name.to_string();
    if or_replace && cx.b.schema.sequences.remove(&name).is_some() {
        cx.b.undefine("sequence", &key);
    }
    cx.b.add(
        |s| &mut s.sequences,
        "sequence",
        &key,
        seq,
        cx.origin(name_at),
    )
}

/// An integer, with its sign.
fn number(c: &mut Cursor<'_>) -> Option<i64> {
    let negative = c.eat(&Token::Minus);
    match c.advance()? {
        Token::Number(n, _) => n.parse::<i64>().ok().map(|v| if negative { -v } else { v }),
        _ => None,
    }
}
