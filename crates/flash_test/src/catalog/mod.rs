//! What a database's catalog says, as sorted text: one line per fact a migration can change.
//!
//! The convergence suite compares a database migrated by Flash's plan with one built straight from the target schema.
//! The comparison must not trust Flash's own model, so these functions read each server's catalog with queries of their
//! own and never use `flash_core` or `flash_parse`. Nothing in the text names the database itself, so two databases
//! holding the same schema describe equally; Flash's bookkeeping table `_flash_migrations` is left out.
//!
//! Column order is deliberately not a fact: PostgreSQL cannot reorder columns without rebuilding the table, so a plan
//! that adds a column puts it last while the target may have it in the middle, and both are the same schema.

mod mysql;
mod postgres;
mod sqlite;

use crate::{TestDatabase, TestServer};

pub use mysql::mysql_catalog;
pub use postgres::postgres_catalog;
pub use sqlite::{sqlite_catalog, sqlite_table_rows};

/// The catalog of a PostgreSQL or MariaDB/MySQL test database, whichever server it lives on.
#[track_caller]
pub fn catalog(db: &TestDatabase) -> String {
    match db.server {
        TestServer::Postgres => postgres_catalog(db),
        TestServer::Mysql => mysql_catalog(db),
    }
}

/// Every row of `table` as text, sorted, for the "rows intact" check. `table` is written as SQL names it
/// (`public.users`, `"Order"`, `` `order` ``). PostgreSQL renders a row as its record literal, MariaDB as
/// tab-separated values.
#[track_caller]
pub fn table_rows(db: &TestDatabase, table: &str) -> Vec<String> {
    let sql = match db.server {
        TestServer::Postgres => format!("SELECT t::text FROM {table} AS t;"),
        TestServer::Mysql => format!("SELECT * FROM {table};"),
    };
    sorted_lines(&db.run_sql(&sql))
}

/// Output lines, sorted, with blank lines dropped.
pub(crate) fn sorted_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

/// Sorted facts joined into one text, a line each, ending with a newline when there is any fact.
pub(crate) fn render(mut facts: Vec<String>) -> String {
    facts.sort();
    facts.dedup();
    let mut out = facts.join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}
