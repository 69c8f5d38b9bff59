//! The numbers the pre-flight checks of `flash apply` need (DESIGN §6): rows in a table, rows that would break a
//! new unique key, NULLs in a column about to be NOT NULL. Each is `None` when the table or column does not exist
//! yet (an earlier migration of the same run creates it): nothing to check there.

use flash_core::Dialect;

use crate::tracking::TrackingSql;
use crate::{Connection, DbError};

/// `schema.table` quoted for the dialect.
fn table_ref(dialect: Dialect, table: &[String]) -> String {
    let sql = TrackingSql::new(dialect);
    table
        .iter()
        .map(|p| sql.ident(p))
        .collect::<Vec<_>>()
        .join(".")
}

pub async fn row_count(conn: &mut Connection, table: &[String]) -> Result<Option<i64>, DbError> {
    let sql = format!("SELECT count(*) FROM {}", table_ref(conn.dialect(), table));
    optional(conn.fetch_i64(&sql).await)
}

/// Rows whose `columns` (all non-NULL) equal another row's.
pub async fn duplicate_rows(
    conn: &mut Connection,
    table: &[String],
    columns: &[String],
) -> Result<Option<i64>, DbError> {
    let q = TrackingSql::new(conn.dialect());
    let cols: Vec<String> = columns.iter().map(|c| q.ident(c)).collect();
    let not_null: Vec<String> = cols.iter().map(|c| format!("{c} IS NOT NULL")).collect();
    let sql = format!(
        "SELECT CAST(coalesce(sum(n), 0) AS {}) FROM (SELECT count(*) AS n FROM {} WHERE {} GROUP BY {} \
         HAVING count(*) > 1) d",
        int_type(conn.dialect()),
        table_ref(conn.dialect(), table),
        not_null.join(" AND "),
        cols.join(", ")
    );
    optional(conn.fetch_i64(&sql).await)
}

pub async fn null_rows(
    conn: &mut Connection,
    table: &[String],
    column: &str,
) -> Result<Option<i64>, DbError> {
    let q = TrackingSql::new(conn.dialect());
    let sql = format!(
        "SELECT count(*) FROM {} WHERE {} IS NULL",
        table_ref(conn.dialect(), table),
        q.ident(column)
    );
    optional(conn.fetch_i64(&sql).await)
}

fn int_type(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Mysql => "SIGNED",
        _ => "BIGINT",
    }
}

/// A query the server refused (no such table or column) is no answer; a lost connection is an error.
fn optional(result: Result<Option<i64>, DbError>) -> Result<Option<i64>, DbError> {
    match result {
        Ok(n) => Ok(n),
        Err(DbError::Query(sqlx::Error::Database(_))) => Ok(None),
        Err(e) => Err(e),
    }
}
