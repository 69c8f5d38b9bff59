//! Migration SQL as statements: where each one starts and ends ([`split`]) and what each one does to the data and
//! the locks of the tables it names ([`effects`]). `flash apply` runs a migration file statement by statement and
//! `flash lint` reports what the statements risk; neither builds a model, so this works on text and tokens.
//!
//! Splitting uses each dialect's own rules, the same the schema parsers use: PostgreSQL's grammar (libpg_query, so
//! a syntax error is found before anything runs), the `mysql` client's `DELIMITER` and executable comments, SQLite's
//! trigger bodies. Effects are read from sqlparser's tokens of the dialect: dollar quotes, backticks and brackets
//! are lexed as the database lexes them, and the few statement shapes that matter are matched on the tokens.

mod effects;

use std::ops::Range;

use flash_core::Dialect;

pub use effects::{effects, Effect, Name};

/// A statement that could not be told apart from its neighbours: the dialect's message and the byte offset it
/// points at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SplitError {
    pub message: String,
    pub offset: usize,
}

/// The statements of `text`, as byte ranges without their terminating `;` (or `DELIMITER`) and without the
/// comments and blank lines before them, in order.
pub fn split(dialect: Dialect, text: &str) -> Result<Vec<Range<usize>>, SplitError> {
    let ranges = match dialect {
        Dialect::Postgres => split_postgres(text)?,
        Dialect::Mysql => crate::mysql::split::split(text)
            .statements
            .iter()
            .map(|p| p.start..p.end)
            .collect(),
        Dialect::Sqlite => crate::sqlite::split::split_statements(text)
            .iter()
            .map(|s| s.start..s.end)
            .collect(),
    };
    Ok(ranges
        .into_iter()
        .map(|r| trim(text, r))
        .filter(|r| !r.is_empty())
        .collect())
}

fn split_postgres(text: &str) -> Result<Vec<Range<usize>>, SplitError> {
    let blanked = crate::postgres::blank_meta_commands(text);
    let parsed = crate::postgres::libpg_query::parse(&blanked).map_err(|f| SplitError {
        message: f.message.lines().next().unwrap_or_default().to_string(),
        offset: f.offset.unwrap_or(text.len()),
    })?;
    let mut out = Vec::with_capacity(parsed.stmts.len());
    for raw in &parsed.stmts {
        let start = usize::try_from(raw.stmt_location).unwrap_or(0);
        // A length of 0 means "to the end of the input".
        let end = match usize::try_from(raw.stmt_len).unwrap_or(0) {
            0 => blanked.len(),
            len => start + len,
        };
        out.push(start.min(text.len())..end.min(text.len()));
    }
    Ok(out)
}

/// `range` without leading blanks and comments, and without trailing blanks and a final `;`.
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let start = crate::postgres::first_token(text, range.start).min(range.end);
    let mut end = range.end;
    let bytes = text.as_bytes();
    while end > start && (bytes[end - 1].is_ascii_whitespace() || bytes[end - 1] == b';') {
        end -= 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(dialect: Dialect, sql: &str) -> Vec<String> {
        split(dialect, sql)
            .expect("splits")
            .into_iter()
            .map(|r| sql[r].to_string())
            .collect()
    }

    #[test]
    fn postgres_keeps_dollar_quoted_bodies_whole() {
        let sql = "-- c\nCREATE TABLE a (x int);\n\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nDROP TABLE a";
        assert_eq!(
            texts(Dialect::Postgres, sql),
            [
                "CREATE TABLE a (x int)",
                "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
                "DROP TABLE a"
            ]
        );
        let err = split(Dialect::Postgres, "CREATE TABLE a (x int,,);").expect_err("bad");
        assert_eq!(err.offset, 22);
    }

    #[test]
    fn mysql_honours_delimiter_and_sqlite_trigger_bodies() {
        let sql = "CREATE TABLE a (x int);\nDELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\nDELIMITER ;\nDROP TABLE a;";
        assert_eq!(
            texts(Dialect::Mysql, sql),
            [
                "CREATE TABLE a (x int)",
                "CREATE PROCEDURE p() BEGIN SELECT 1; END",
                "DROP TABLE a"
            ]
        );
        let sql =
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 1; END;\nDROP TABLE a;";
        assert_eq!(
            texts(Dialect::Sqlite, sql),
            [
                "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 1; END",
                "DROP TABLE a"
            ]
        );
    }
}
