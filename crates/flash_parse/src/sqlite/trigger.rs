//! `CREATE [TEMP] TRIGGER [IF NOT EXISTS] [schema.]name [BEFORE|AFTER|INSTEAD OF] event ON table [FOR EACH ROW]
//! [WHEN expr] BEGIN ... END` into [`Trigger`].
//!
//! The header is read from tokens here; the WHEN expression goes through sqlparser so it prints canonically; the body
//! is kept as written (trimmed) but still parsed by sqlparser, so a broken statement inside it is reported.

use flash_core::{Diagnostic, QualName, Trigger};

use super::lex::{Token, TokenKind};
use super::names::find_view;
use super::split::Statement;
use super::sql::StmtText;
use super::table::print_unwrapped;
use super::Cx;

/// A cursor over the statement's tokens that explains what it expected when the header is malformed.
struct Header<'a> {
    src: &'a str,
    tokens: &'a [Token],
    at: usize,
    end: usize,
}

impl<'a> Header<'a> {
    fn peek(&self) -> Option<&'a Token> {
        self.tokens.get(self.at)
    }

    fn peek_is(&self, word: &str) -> bool {
        self.peek().is_some_and(|t| t.is_word(self.src, word))
    }

    fn eat(&mut self, word: &str) -> bool {
        let found = self.peek_is(word);
        if found {
            self.at += 1;
        }
        found
    }

    fn offset(&self) -> usize {
        self.peek().map_or(self.end, |t| t.start)
    }

    fn expect(&mut self, cx: &Cx<'_>, word: &str) -> Result<(), Diagnostic> {
        if self.eat(word) {
            Ok(())
        } else {
            Err(cx.source.error_at(
                self.offset(),
                format!("syntax error in CREATE TRIGGER: expected {word}"),
            ))
        }
    }

    fn name(&mut self, cx: &Cx<'_>, what: &str) -> Result<(String, usize), Diagnostic> {
        match self.peek() {
            Some(t) if matches!(t.kind, TokenKind::Word | TokenKind::Quoted(_)) => {
                self.at += 1;
                Ok((t.ident(self.src), t.start))
            }
            _ => Err(cx.source.error_at(
                self.offset(),
                format!("syntax error in CREATE TRIGGER: expected {what}"),
            )),
        }
    }

    /// `[schema.]name`.
    fn qualified(
        &mut self,
        cx: &Cx<'_>,
        what: &str,
    ) -> Result<(Option<String>, String, usize), Diagnostic> {
        let (first, at) = self.name(cx, what)?;
        if self.peek().is_some_and(|t| t.is_punct('.')) {
            self.at += 1;
            let (second, _) = self.name(cx, what)?;
            return Ok((Some(first), second, at));
        }
        Ok((None, first, at))
    }
}

pub fn create_trigger(cx: &mut Cx<'_>, stmt: &Statement) -> Result<(), Diagnostic> {
    let src = cx.source.text.as_str();
    let mut h = Header {
        src,
        tokens: &stmt.tokens,
        at: 1,
        end: stmt.end,
    };
    let temporary = h.eat("TEMP") || h.eat("TEMPORARY");
    h.expect(cx, "TRIGGER")?;
    if h.eat("IF") {
        h.expect(cx, "NOT")?;
        h.expect(cx, "EXISTS")?;
    }
    let (schema, name, name_at) = h.qualified(cx, "the trigger's name")?;
    let timing = if h.eat("BEFORE") {
        "BEFORE"
    } else if h.eat("AFTER") {
        "AFTER"
    } else if h.eat("INSTEAD") {
        h.expect(cx, "OF")?;
        "INSTEAD OF"
    } else {
        // SQLite's default, spelled out so that writing it or not gives the same model.
        "BEFORE"
    };
    let event = if h.eat("INSERT") {
        "INSERT"
    } else if h.eat("DELETE") {
        "DELETE"
    } else if h.eat("UPDATE") {
        "UPDATE"
    } else {
        return Err(cx.source.error_at(
            h.offset(),
            "syntax error in CREATE TRIGGER: expected INSERT, UPDATE or DELETE",
        ));
    };
    let mut update_columns = Vec::new();
    let mut columns_at = h.offset();
    if event == "UPDATE" && h.eat("OF") {
        columns_at = h.offset();
        loop {
            update_columns.push(h.name(cx, "a column name")?.0);
            if !h.peek().is_some_and(|t| t.is_punct(',')) {
                break;
            }
            h.at += 1;
        }
    }
    h.expect(cx, "ON")?;
    let (table_schema, table_name, table_at) = h.qualified(cx, "the table's name")?;
    if h.eat("FOR") {
        h.expect(cx, "EACH")?;
        h.expect(cx, "ROW")?;
    }
    let when_token = h.peek().filter(|t| t.is_word(src, "WHEN"));
    let Some(begin) = h
        .tokens
        .iter()
        .skip(h.at)
        .position(|t| t.is_word(src, "BEGIN"))
        .map(|p| p + h.at)
    else {
        return Err(cx
            .source
            .error_at(h.offset(), "syntax error in CREATE TRIGGER: expected BEGIN"));
    };
    let (Some(begin_token), Some(end_token)) = (h.tokens.get(begin), h.tokens.last()) else {
        return Err(cx
            .source
            .error_at(h.offset(), "syntax error in CREATE TRIGGER: expected BEGIN"));
    };
    if !end_token.is_word(src, "END") || begin + 1 >= h.tokens.len() {
        return Err(cx.source.error_at(
            stmt.end,
            "syntax error in CREATE TRIGGER: the body must end with END",
        ));
    }
    let when = match when_token {
        Some(w) => {
            let text = src.get(w.end..begin_token.start).unwrap_or("");
            Some(print_unwrapped(
                &StmtText {
                    file: cx.source,
                    start: w.end,
                    text,
                }
                .parse_expr()?,
            ))
        }
        None if h.at != begin => {
            return Err(cx.source.error_at(
                h.offset(),
                "syntax error in CREATE TRIGGER: expected WHEN or BEGIN",
            ));
        }
        None => None,
    };
    let body_text = src.get(begin_token.end..end_token.start).unwrap_or("");
    let body = StmtText {
        file: cx.source,
        start: begin_token.end,
        text: body_text,
    };
    if body.parse_statements()?.is_empty() {
        return Err(cx.source.error_at(
            end_token.start,
            "a trigger body needs at least one statement",
        ));
    }

    let trigger_schema = schema.unwrap_or_else(|| {
        if temporary {
            "temp".into()
        } else {
            cx.default_schema.into()
        }
    });
    // An unqualified table is in the trigger's schema; a TEMP trigger may watch a table of any schema, and SQLite
    // looks in `temp` first, then in the main database.
    let wanted = match table_schema {
        Some(schema) => QualName::new(schema, table_name),
        None if trigger_schema == "temp" => {
            let in_temp = QualName::new("temp", table_name.clone());
            if cx.builder.find_table(&in_temp).is_some() || find_view(cx, &in_temp).is_some() {
                in_temp
            } else {
                QualName::new(cx.default_schema, table_name)
            }
        }
        None => QualName::new(trigger_schema.clone(), table_name),
    };
    let table = resolve_target(cx, timing, &wanted, &update_columns, table_at, columns_at)?;
    let trigger = Trigger {
        name: name.clone(),
        table,
        timing: timing.into(),
        events: vec![event.into()],
        update_columns,
        for_each_row: true,
        when,
        function: None,
        body: Some(body_text.trim().to_string()),
        options: Default::default(),
        enabled: Default::default(),
        comment: None,
    };
    let origin = cx.builder.origin(cx.file, name_at);
    let key = QualName::new(trigger_schema, name).to_string();
    cx.builder
        .add(|s| &mut s.triggers, "trigger", &key, trigger, origin)
}

/// The key of the table or view the trigger watches. INSTEAD OF triggers belong on views, which must exist already;
/// BEFORE/AFTER triggers belong on tables, which may come in a later file.
fn resolve_target(
    cx: &mut Cx<'_>,
    timing: &str,
    wanted: &QualName,
    update_columns: &[String],
    table_at: usize,
    columns_at: usize,
) -> Result<QualName, Diagnostic> {
    let view = find_view(cx, wanted);
    if timing == "INSTEAD OF" {
        if view.is_none() && cx.builder.find_table(wanted).is_some() {
            let message =
                format!("INSTEAD OF triggers are only for views, and \"{wanted}\" is a table");
            return Err(cx.source.error_at(table_at, message));
        }
        return view.ok_or_else(|| {
            cx.source.error_at(
                table_at,
                format!("INSTEAD OF triggers are for views, and view \"{wanted}\" does not exist"),
            )
        });
    }
    if view.is_some() {
        return Err(cx.source.error_at(
            table_at,
            format!("cannot create a {timing} trigger on view \"{wanted}\""),
        ));
    }
    let table_origin = cx.builder.origin(cx.file, table_at);
    let columns_origin = cx.builder.origin(cx.file, columns_at);
    match cx.builder.find_table(wanted) {
        Some(key) => {
            cx.builder
                .require_columns(&key, update_columns, columns_origin)?;
            Ok(key)
        }
        None => {
            cx.builder.defer_table(wanted.clone(), table_origin);
            if !update_columns.is_empty() {
                cx.builder
                    .defer_columns(wanted.clone(), update_columns.to_vec(), columns_origin);
            }
            Ok(wanted.clone())
        }
    }
}
