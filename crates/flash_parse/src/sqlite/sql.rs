//! Running sqlparser on one statement and pointing its positions back into the file.
//!
//! sqlparser reports lines and columns within the text it was given (counted in characters); the statement's byte
//! offset in the file plus a walk over that text turns them into file offsets. The pre-pass only ever rewrites text
//! byte for byte (same length, same newlines), so positions in the rewritten text are positions in the file.

use flash_core::{Diagnostic, SourceFile};
use sqlparser::ast::{Expr, Ident, ObjectName, ObjectNamePart, Statement};
use sqlparser::dialect::SQLiteDialect;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::Location;

/// Statement text handed to sqlparser, and where it starts in the file.
pub struct StmtText<'a> {
    pub file: &'a SourceFile,
    pub start: usize,
    pub text: &'a str,
}

impl StmtText<'_> {
    /// The file offset of a sqlparser location inside this statement.
    pub fn offset(&self, loc: Location) -> usize {
        self.start + offset_in(self.text, loc.line, loc.column)
    }

    pub fn ident_offset(&self, ident: &Ident) -> usize {
        self.offset(ident.span.start)
    }

    pub fn name_offset(&self, name: &ObjectName) -> usize {
        match name.0.first() {
            Some(ObjectNamePart::Identifier(ident)) => self.ident_offset(ident),
            _ => self.start,
        }
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.file.error_at(offset, message)
    }

    pub fn parse(&self) -> Result<Statement, Diagnostic> {
        let dialect = SQLiteDialect {};
        // The plain run of a schema tokenized byte by byte; anything else by sqlparser's own tokenizer.
        let mut parser = match crate::plain_tokens::tokens(self.text) {
            Some((tokens, _)) => Parser::new(&dialect).with_tokens_with_locations(tokens),
            None => Parser::new(&dialect)
                .try_with_sql(self.text)
                .map_err(|e| self.parser_error(e))?,
        };
        let statement = parser.parse_statement().map_err(|e| self.parser_error(e))?;
        // Anything after the statement (a second statement without a semicolon, stray tokens) is an error too.
        let next = parser.peek_token();
        if next.token != sqlparser::tokenizer::Token::EOF {
            return Err(self.error(
                self.offset(next.span.start),
                format!("unexpected \"{}\" after the statement", next),
            ));
        }
        Ok(statement)
    }

    pub fn parse_expr(&self) -> Result<Expr, Diagnostic> {
        let dialect = SQLiteDialect {};
        let mut parser = Parser::new(&dialect)
            .try_with_sql(self.text)
            .map_err(|e| self.parser_error(e))?;
        let expr = parser.parse_expr().map_err(|e| self.parser_error(e))?;
        let next = parser.peek_token();
        if next.token != sqlparser::tokenizer::Token::EOF {
            return Err(self.error(
                self.offset(next.span.start),
                format!("unexpected \"{}\" after the expression", next),
            ));
        }
        Ok(expr)
    }

    pub fn parse_statements(&self) -> Result<Vec<Statement>, Diagnostic> {
        let dialect = SQLiteDialect {};
        Parser::parse_sql(&dialect, self.text).map_err(|e| self.parser_error(e))
    }

    /// sqlparser's message carries its position as a trailing ` at Line: L, Column: C`; move that into the span.
    fn parser_error(&self, error: ParserError) -> Diagnostic {
        let message = match error {
            ParserError::TokenizerError(s) | ParserError::ParserError(s) => s,
            ParserError::RecursionLimitExceeded => "expression nested too deeply".to_string(),
        };
        match split_location(&message) {
            Some((text, line, column)) => self.error(
                self.start + offset_in(self.text, line, column),
                format!("syntax error: {text}"),
            ),
            None => self.error(self.start, format!("syntax error: {message}")),
        }
    }
}

fn split_location(message: &str) -> Option<(&str, u64, u64)> {
    let (text, place) = message.rsplit_once(" at Line: ")?;
    let (line, column) = place.split_once(", Column: ")?;
    let column = column.split(|c: char| !c.is_ascii_digit()).next()?;
    Some((text, line.trim().parse().ok()?, column.parse().ok()?))
}

/// The byte offset of a 1-based line and character column in `text`, clamped to the text.
fn offset_in(text: &str, line: u64, column: u64) -> usize {
    let mut offset = 0;
    for (current, piece) in (1..).zip(text.split_inclusive('\n')) {
        if current == line {
            let wanted = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
            let within = piece
                .char_indices()
                .nth(wanted)
                .map_or(piece.len(), |(i, _)| i);
            return offset + within;
        }
        offset += piece.len();
    }
    if line == 0 {
        0
    } else {
        text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_become_byte_offsets() {
        let text = "CREATE TABLE é (\n  x ints,\n  y)";
        assert_eq!(offset_in(text, 1, 1), 0);
        assert_eq!(offset_in(text, 1, 16), text.find('(').unwrap_or(0));
        assert_eq!(offset_in(text, 2, 3), text.find('x').unwrap_or(0));
        assert_eq!(offset_in(text, 9, 9), text.len());
        assert_eq!(offset_in(text, 0, 0), 0);
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let file = SourceFile::new("a.sql", "-- x\nCREATE TABLE t (a INT,, b)");
        let start = file.text.find("CREATE").unwrap_or(0);
        let stmt = StmtText {
            file: &file,
            start,
            text: file.text.get(start..).unwrap_or(""),
        };
        let err = stmt.parse().expect_err("double comma");
        assert_eq!((err.span.line, err.span.col), (2, 23));
        assert!(
            err.message.starts_with("syntax error: Expected"),
            "{}",
            err.message
        );
    }
}
