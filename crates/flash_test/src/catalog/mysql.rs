//! MariaDB/MySQL: `information_schema`, restricted to the test database and with its name cut out of definitions.

use super::{render, sorted_lines};
use crate::TestDatabase;

const CATALOG_SQL: &str = include_str!("mysql.sql");

/// The sorted facts of a MariaDB/MySQL database: tables (engine, collation, options such as partitioning, comment),
/// columns (full type, nullability, default, extra such as `auto_increment` and `on update`, generated expression,
/// charset, collation, comment), constraints (primary, unique, foreign with actions, check), indexes, views, routines
/// with parameters, triggers, partitions and events. Grants are server-wide in MariaDB and name the database, so they
/// are not read.
#[track_caller]
pub fn mysql_catalog(db: &TestDatabase) -> String {
    render(sorted_lines(&db.run_sql(CATALOG_SQL)))
}
