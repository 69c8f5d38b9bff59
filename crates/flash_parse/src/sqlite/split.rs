//! Splitting a file into statements at top-level semicolons, keeping byte offsets into the file.
//!
//! A trigger body (`BEGIN ... END`) holds semicolons of its own, so inside a `CREATE TRIGGER` a semicolon ends the
//! statement only after the body's `END`; `CASE ... END` inside the body is counted so its `END` is not mistaken for
//! the body's.

use super::lex::{lex, Token};

/// One statement: its tokens (without the closing semicolon) and the byte range they cover.
#[derive(Debug, Clone)]
pub struct Statement {
    pub tokens: Vec<Token>,
    pub start: usize,
    pub end: usize,
}

impl Statement {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }
}

pub fn split_statements(src: &str) -> Vec<Statement> {
    let mut out = Vec::new();
    let mut current: Vec<Token> = Vec::new();
    let mut trigger = TriggerState::default();
    for token in lex(src) {
        if token.is_punct(';') && !trigger.in_body {
            push_statement(&mut out, std::mem::take(&mut current));
            trigger = TriggerState::default();
            continue;
        }
        if current.len() < 3
            && token.is_word(src, "TRIGGER")
            && current.first().is_some_and(|t| t.is_word(src, "CREATE"))
        {
            trigger.is_trigger = true;
        }
        if trigger.is_trigger {
            trigger.see(src, &token);
        }
        current.push(token);
    }
    push_statement(&mut out, current);
    out
}

fn push_statement(out: &mut Vec<Statement>, tokens: Vec<Token>) {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return;
    };
    let (start, end) = (first.start, last.end);
    out.push(Statement { tokens, start, end });
}

#[derive(Default)]
struct TriggerState {
    is_trigger: bool,
    in_body: bool,
    /// Open `CASE` expressions inside the body, each closed by an `END` of its own.
    open_cases: usize,
}

impl TriggerState {
    fn see(&mut self, src: &str, token: &Token) {
        if !self.in_body {
            if token.is_word(src, "BEGIN") {
                self.in_body = true;
                self.open_cases = 0;
            }
        } else if token.is_word(src, "CASE") {
            self.open_cases += 1;
        } else if token.is_word(src, "END") {
            if self.open_cases == 0 {
                self.in_body = false;
            } else {
                self.open_cases -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<&str> {
        split_statements(src).iter().map(|s| s.text(src)).collect()
    }

    #[test]
    fn splits_at_top_level_semicolons_only() {
        let src =
            "CREATE TABLE a (x DEFAULT ';'); -- c;\n/* ; */ CREATE TABLE \"b;\" (y)\n;\n;  CREATE INDEX i ON a (x)";
        assert_eq!(
            texts(src),
            [
                "CREATE TABLE a (x DEFAULT ';')",
                "CREATE TABLE \"b;\" (y)",
                "CREATE INDEX i ON a (x)"
            ]
        );
    }

    #[test]
    fn trigger_bodies_keep_their_semicolons() {
        let src = "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE a SET x = CASE WHEN 1 THEN 2 ELSE 3 END;\n  DELETE FROM b;\nEND;\nCREATE TABLE c (z);";
        let got = texts(src);
        assert_eq!(got.len(), 2);
        assert!(got[0].ends_with("DELETE FROM b;\nEND"));
        assert_eq!(got[1], "CREATE TABLE c (z)");
    }

    #[test]
    fn transaction_begin_is_not_a_trigger_body() {
        let src = "BEGIN TRANSACTION;\nCREATE TABLE a (x);\nCOMMIT;";
        assert_eq!(
            texts(src),
            ["BEGIN TRANSACTION", "CREATE TABLE a (x)", "COMMIT"]
        );
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let src = "  -- lead\n  CREATE TABLE é (x);";
        let stmts = split_statements(src);
        assert_eq!(stmts.len(), 1);
        assert_eq!(stmts[0].start, src.find("CREATE").unwrap_or(0));
        assert_eq!(stmts[0].end, src.len() - 1);
    }
}
