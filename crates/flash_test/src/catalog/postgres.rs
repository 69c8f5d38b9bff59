//! PostgreSQL: the system catalogs, with the server's own `pg_get_*def` functions rendering each definition.

use super::{render, sorted_lines};
use crate::TestDatabase;

/// The catalog query: one fact per row, newlines escaped so that a fact is a line.
const CATALOG_SQL: &str = include_str!("postgres.sql");

/// The sorted facts of a PostgreSQL database's catalog: schemas, tables, columns (type, nullability, default, identity,
/// generated expression, collation), constraints, indexes, sequences, views and materialized views, rules, enums,
/// domains, composite and range types, functions and procedures, triggers, RLS flags and policies, comments, grants,
/// partitioning and inheritance, extensions.
#[track_caller]
pub fn postgres_catalog(db: &TestDatabase) -> String {
    render(sorted_lines(&db.run_sql(CATALOG_SQL)))
}
