//! MariaDB/MySQL: `information_schema`, restricted to the test database and with its name cut out of definitions.

use super::{render, sorted_lines};
use crate::TestDatabase;

const CATALOG_SQL: &str = include_str!("mysql.sql");

/// The sorted facts of a MariaDB/MySQL database: tables (engine, collation, options such as partitioning, comment),
/// columns (full type, nullability, default, extra such as `auto_increment` and `on update`, generated expression,
/// charset, collation, comment), constraints (primary, unique, foreign with actions, check), indexes, views, routines
/// with parameters, triggers, partitions, events and MariaDB sequences. Grants are server-wide in MariaDB and name the
/// database, so they are not read.
#[track_caller]
pub fn mysql_catalog(db: &TestDatabase) -> String {
    let mut facts = sorted_lines(&db.run_sql(CATALOG_SQL));
    facts.extend(sequence_facts(db));
    render(facts)
}

/// `information_schema` has no sequence options in MariaDB 10/11, but `SHOW CREATE SEQUENCE` has them and does not
/// name the database.
#[track_caller]
fn sequence_facts(db: &TestDatabase) -> Vec<String> {
    let names = db.run_sql(
        "SELECT TABLE_NAME FROM information_schema.TABLES \
         WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SEQUENCE';",
    );
    let script: String = names
        .lines()
        .filter(|n| !n.is_empty())
        .map(|n| format!("SHOW CREATE SEQUENCE `{}`;\n", n.replace('`', "``")))
        .collect();
    if script.is_empty() {
        return Vec::new();
    }
    db.run_sql(&script)
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(name, create)| format!("sequence {name} {create}"))
        .collect()
}
