//! Parsing a query with its dialect's grammar and lowering the tree to [`sql_tree`](crate::sql_tree).

pub mod postgres;
pub mod sqlparser;

use flash_core::Dialect;

use crate::sql_tree::Statement;

/// A query the grammar refuses, or a statement inference cannot read: the byte offset in the parsed text and one
/// sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LowerError {
    pub offset: usize,
    pub message: String,
}

impl LowerError {
    pub fn at(offset: usize, message: impl Into<String>) -> Self {
        LowerError {
            offset,
            message: message.into(),
        }
    }
}

/// Parses one statement of `dialect`. Parameters are written `$N` for PostgreSQL and `?N` for the others.
pub fn lower(dialect: Dialect, sql: &str) -> Result<Statement, LowerError> {
    match dialect {
        Dialect::Postgres => postgres::lower(sql),
        Dialect::Mysql | Dialect::Sqlite => sqlparser::lower(dialect, sql),
    }
}
