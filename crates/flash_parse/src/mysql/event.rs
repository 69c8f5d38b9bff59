//! `CREATE EVENT`, read by hand: sqlparser does not know events, and the body after `DO` is procedural code kept as
//! written (as for routines and triggers). Times and intervals are put in the form `SHOW CREATE EVENT` prints where
//! that can be told from the text alone (`'2030-01-01'` is `'2030-01-01 00:00:00'`, `'10'` MINUTE is `10`); the rest
//! is kept as written, and the live comparison asks the server (`flash_db::inspect`).

use flash_core::{Diagnostic, Event, EventSchedule, EventStatus, QualName};
use sqlparser::tokenizer::Token;

use super::ctx::Ctx;
use super::tokens::{Cursor, Stmt};

/// The interval units an event schedule takes (MySQL's `interval` without the microsecond ones).
const UNITS: &[&str] = &[
    "YEAR",
    "QUARTER",
    "MONTH",
    "WEEK",
    "DAY",
    "HOUR",
    "MINUTE",
    "SECOND",
    "YEAR_MONTH",
    "DAY_HOUR",
    "DAY_MINUTE",
    "DAY_SECOND",
    "HOUR_MINUTE",
    "HOUR_SECOND",
    "MINUTE_SECOND",
];

/// Words that end a schedule time: the clauses that may follow it.
const AFTER_TIME: &[&str] = &["STARTS", "ENDS", "ON", "ENABLE", "DISABLE", "COMMENT", "DO"];

pub fn create_event(cx: &mut Ctx<'_>, stmt: &Stmt<'_>) -> Result<(), Diagnostic> {
    let mut c = stmt.cursor();
    c.eat_word("CREATE");
    let or_replace = c.eat_words(&["OR", "REPLACE"]);
    c.skip_definer();
    c.eat_word("EVENT");
    let (schema, name, name_at) = cx.created_name(&mut c, "an event")?;
    let name = QualName::new(schema.unwrap_or_default(), name);
    if !c.eat_words(&["ON", "SCHEDULE"]) {
        return Err(cx.err(c.offset(), "syntax error: expected ON SCHEDULE"));
    }
    let schedule = schedule(cx, stmt, &mut c)?;
    let mut event = Event {
        name: name.clone(),
        schedule,
        preserve: false,
        status: EventStatus::Enabled,
        comment: None,
        body: String::new(),
    };
    loop {
        if c.eat_words(&["ON", "COMPLETION", "NOT", "PRESERVE"]) {
            event.preserve = false;
        } else if c.eat_words(&["ON", "COMPLETION", "PRESERVE"]) {
            event.preserve = true;
        } else if c.eat_word("ENABLE") {
            event.status = EventStatus::Enabled;
        } else if c.eat_words(&["DISABLE", "ON", "SLAVE"])
            || c.eat_words(&["DISABLE", "ON", "REPLICA"])
        {
            event.status = EventStatus::DisabledOnReplica;
        } else if c.eat_word("DISABLE") {
            event.status = EventStatus::Disabled;
        } else if c.eat_word("COMMENT") {
            let text = c
                .string()
                .ok_or_else(|| cx.err(c.offset(), "syntax error: expected a string"))?;
            event.comment = Some(text).filter(|t| !t.is_empty());
        } else {
            break;
        }
    }
    if !c.eat_word("DO") {
        return Err(cx.err(c.offset(), "syntax error: expected DO and the event's body"));
    }
    event.body = stmt.text_from(c.offset()).to_string();
    if event.body.is_empty() {
        return Err(cx.err(c.offset(), "syntax error: the event has no body"));
    }
    if or_replace {
        cx.b.schema.events.remove(&name);
        cx.b.undefine("event", &name.to_string());
    }
    cx.b.add(
        |s| &mut s.events,
        "event",
        &name.to_string(),
        event,
        cx.origin(name_at),
    )
}

/// `AT time` or `EVERY interval unit [STARTS time] [ENDS time]`.
fn schedule(
    cx: &Ctx<'_>,
    stmt: &Stmt<'_>,
    c: &mut Cursor<'_>,
) -> Result<EventSchedule, Diagnostic> {
    if c.eat_word("AT") {
        return Ok(EventSchedule::At(time(cx, stmt, c)?));
    }
    if !c.eat_word("EVERY") {
        return Err(cx.err(c.offset(), "syntax error: expected AT or EVERY"));
    }
    let value_at = c.offset();
    let mut depth = 0usize;
    let mut last = value_at;
    while !(depth == 0 && UNITS.iter().any(|u| c.is_word(u))) {
        if at_clause_end(c, depth) {
            // The word before the clause that follows is where the unit should have been.
            return Err(cx.err(
                last,
                "syntax error: expected an interval unit (MINUTE, HOUR, DAY, ...)",
            ));
        }
        last = c.offset();
        step(c, &mut depth);
    }
    let raw = between(stmt, value_at, c.offset());
    if raw.is_empty() {
        return Err(cx.err(value_at, "syntax error: expected an interval"));
    }
    let unit = match c.advance() {
        Some(Token::Word(w)) => w.value.to_ascii_uppercase(),
        _ => return Err(cx.err(c.offset(), "syntax error: expected an interval unit")),
    };
    let interval = interval(raw, &unit);
    let starts = if c.eat_word("STARTS") {
        Some(time(cx, stmt, c)?).filter(|t| !is_now(t))
    } else {
        None
    };
    let ends = if c.eat_word("ENDS") {
        Some(time(cx, stmt, c)?)
    } else {
        None
    };
    Ok(EventSchedule::Every {
        interval,
        unit,
        starts,
        ends,
    })
}

/// A time up to the next clause, in the server's form when it is a literal the server would only reformat.
fn time(cx: &Ctx<'_>, stmt: &Stmt<'_>, c: &mut Cursor<'_>) -> Result<String, Diagnostic> {
    let at = c.offset();
    let mut depth = 0usize;
    while !at_clause_end(c, depth) {
        step(c, &mut depth);
    }
    let raw = between(stmt, at, c.offset());
    if raw.is_empty() {
        return Err(cx.err(at, "syntax error: expected a time"));
    }
    let mut one = stmt.cursor_at(at);
    match (one.string(), one.offset() == c.offset()) {
        (Some(text), true) => Ok(datetime_literal(&text)),
        _ => Ok(raw.to_string()),
    }
}

/// One token of an expression, keeping count of the parentheses it is inside.
fn step(c: &mut Cursor<'_>, depth: &mut usize) {
    match c.advance() {
        Some(Token::LParen) => *depth += 1,
        Some(Token::RParen) => *depth = depth.saturating_sub(1),
        _ => {}
    }
}

/// Whether the cursor is past a schedule part: at the end, or at the clause after it outside parentheses.
fn at_clause_end(c: &Cursor<'_>, depth: usize) -> bool {
    c.at_end() || (depth == 0 && AFTER_TIME.iter().any(|w| c.is_word(w)))
}

/// The statement's text between two file offsets, trimmed.
fn between<'a>(stmt: &Stmt<'a>, from: usize, to: usize) -> &'a str {
    stmt.text
        .get(from.saturating_sub(stmt.base)..to.saturating_sub(stmt.base))
        .unwrap_or("")
        .trim()
}

/// `CURRENT_TIMESTAMP`, `NOW()` and their synonyms: the moment the statement runs, which is what no STARTS means.
fn is_now(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let t = t.strip_suffix("()").unwrap_or(&t);
    ["CURRENT_TIMESTAMP", "NOW", "LOCALTIME", "LOCALTIMESTAMP"].contains(&t)
}

/// An interval as `SHOW CREATE EVENT` prints it: a plain unit's count as a bare number (`'10'` and `010` are `10`),
/// a compound unit's value quoted (`'1:30'`). Expressions (`1+1`) stay as written.
fn interval(raw: &str, unit: &str) -> String {
    let unquoted = raw
        .strip_prefix('\'')
        .and_then(|r| r.strip_suffix('\''))
        .filter(|r| !r.contains('\''));
    if unit.contains('_') {
        return match unquoted {
            Some(v) => format!("'{v}'"),
            None => raw.to_string(),
        };
    }
    let digits = unquoted.unwrap_or(raw).trim();
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = digits.trim_start_matches('0');
        return if trimmed.is_empty() { "0" } else { trimmed }.to_string();
    }
    raw.to_string()
}

/// A date or date-time literal as the server prints a schedule time: `'YYYY-MM-DD HH:MM:SS'`, missing time parts
/// zero and fractions of a second cut off (the server keeps whole seconds). Other spellings are quoted as written.
fn datetime_literal(text: &str) -> String {
    let t = text.trim();
    let (date, clock) = t.split_once([' ', 'T']).unwrap_or((t, ""));
    let clock = clock.split('.').next().unwrap_or("");
    let parts = |s: &str, sep: char| -> Option<Vec<u32>> {
        s.split(sep)
            .map(|p| {
                (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| p.parse().ok())
                    .flatten()
            })
            .collect()
    };
    let date = parts(date, '-').filter(|d| d.len() == 3 && d[0] >= 1000);
    let clock = if clock.is_empty() {
        Some(vec![0, 0, 0])
    } else {
        parts(clock, ':').filter(|c| (2..=3).contains(&c.len()))
    };
    match (date, clock) {
        (Some(d), Some(c)) => format!(
            "'{:04}-{:02}-{:02} {:02}:{:02}:{:02}'",
            d[0],
            d[1],
            d[2],
            c[0],
            c[1],
            c.get(2).copied().unwrap_or(0)
        ),
        _ => format!("'{}'", text.replace('\'', "''")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_take_the_printed_form() {
        assert_eq!(datetime_literal("2030-01-01"), "'2030-01-01 00:00:00'");
        assert_eq!(datetime_literal("2030-1-2 3:04"), "'2030-01-02 03:04:00'");
        assert_eq!(
            datetime_literal("2031-01-01 10:00:00.75"),
            "'2031-01-01 10:00:00'"
        );
        assert_eq!(datetime_literal("20300101"), "'20300101'");
        assert_eq!(interval("'10'", "MINUTE"), "10");
        assert_eq!(interval("010", "MINUTE"), "10");
        assert_eq!(interval("'1:30'", "HOUR_MINUTE"), "'1:30'");
        assert_eq!(interval("1+1", "HOUR"), "1+1");
        assert!(
            is_now("now( )") && is_now("CURRENT_TIMESTAMP") && !is_now("NOW() + INTERVAL 1 DAY")
        );
    }
}
