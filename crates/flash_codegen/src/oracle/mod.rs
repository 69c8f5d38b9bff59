//! The database as an oracle: each query is prepared on a live database (any with `--db URL`; SQLite always, in
//! memory with the schema loaded) and the types it describes for the result columns (and, on PostgreSQL, the
//! parameters) are held against the inferred ones. A disagreement is a [`Warning`] naming the query and the column;
//! generation goes on. Nullability stays Flash's own inference: prepared statements do not describe it.

mod classes;

use std::fmt;

use flash_core::Dialect;
use flash_db::{Connection, DbError};
use sqlx::{
    AssertSqlSafe, Column as _, Either, Executor as _, SqlSafeStr as _, Statement as _,
    TypeInfo as _,
};

use crate::ir::{Query, QuerySet};
use crate::lang::{sql_text, Placeholder};
use classes::{described_class, inferred_class};

/// One place where the database and the inference disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub query: String,
    /// `column email`, `parameter $1 (id)`, `result columns` or `the query`.
    pub subject: String,
    pub inferred: String,
    pub described: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "query {}: {}: Flash infers {}, the database describes {}",
            self.query, self.subject, self.inferred, self.described
        )
    }
}

/// What a database says about one prepared query: result columns (name, type name) and, where it tells, the
/// parameters' type names.
struct Described {
    columns: Vec<(String, String)>,
    params: Option<Vec<String>>,
}

/// Loads `schema_sql` into a fresh in-memory SQLite database: the oracle every SQLite project gets.
pub async fn sqlite_in_memory(schema_sql: &str) -> Result<Connection, DbError> {
    let url = flash_config::DatabaseUrl {
        url: "sqlite::memory:".into(),
        dialect: Dialect::Sqlite,
    };
    let mut conn = Connection::connect(&url).await?;
    conn.execute_script(schema_sql).await?;
    Ok(conn)
}

/// Prepares every query of `set` on `conn` and returns the disagreements, in query order.
pub async fn check(conn: &mut Connection, set: &QuerySet) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for q in &set.queries {
        let style = if set.dialect == Dialect::Postgres {
            Placeholder::Dollar
        } else {
            Placeholder::Question
        };
        let sql = sql_text(q, style);
        match describe(conn, &sql).await {
            Ok(described) => compare(set, q, &described, &mut warnings),
            Err(e) => warnings.push(Warning {
                query: q.name.clone(),
                subject: "the query".into(),
                inferred: "a valid statement".into(),
                described: format!("an error: {e}"),
            }),
        }
    }
    warnings
}

async fn describe(conn: &mut Connection, sql: &str) -> Result<Described, sqlx::Error> {
    let sql = || AssertSqlSafe(sql.to_string()).into_sql_str();
    macro_rules! described {
        ($statement:expr) => {{
            let statement = $statement;
            Described {
                columns: statement
                    .columns()
                    .iter()
                    .map(|c| (c.name().to_string(), c.type_info().name().to_string()))
                    .collect(),
                params: match statement.parameters() {
                    Some(Either::Left(types)) => {
                        Some(types.iter().map(|t| t.name().to_string()).collect())
                    }
                    _ => None,
                },
            }
        }};
    }
    Ok(match conn {
        Connection::Postgres(c) => described!((&mut *c).prepare(sql()).await?),
        Connection::Mysql(c) => described!((&mut *c).prepare(sql()).await?),
        Connection::Sqlite(c) => described!((&mut *c).prepare(sql()).await?),
    })
}

fn compare(set: &QuerySet, q: &Query, described: &Described, warnings: &mut Vec<Warning>) {
    let dialect = set.dialect;
    let warn = |subject: String, inferred: String, described: String| Warning {
        query: q.name.clone(),
        subject,
        inferred,
        described,
    };
    // MariaDB describes no result columns for INSERT/DELETE ... RETURNING: nothing to compare.
    let undescribed = dialect == Dialect::Mysql && described.columns.is_empty();
    if undescribed {
        return;
    }
    if described.columns.len() != q.columns.len() {
        warnings.push(warn(
            "result columns".into(),
            format!("{} columns", q.columns.len()),
            format!("{} columns", described.columns.len()),
        ));
        return;
    }
    for (column, (name, type_name)) in q.columns.iter().zip(&described.columns) {
        let ours = inferred_class(dialect, &column.typed.ty, &set.enums);
        let theirs = described_class(dialect, type_name, &set.enums);
        if let (Some(ours), Some(theirs)) = (ours, theirs) {
            if ours != theirs {
                warnings.push(warn(
                    format!("column {name}"),
                    ours,
                    type_name.to_ascii_lowercase(),
                ));
            }
        }
    }
    if let Some(params) = &described.params {
        for (i, (param, type_name)) in q.params.iter().zip(params).enumerate() {
            let ours = inferred_class(dialect, &param.typed.ty, &set.enums);
            let theirs = described_class(dialect, type_name, &set.enums);
            if let (Some(ours), Some(theirs)) = (ours, theirs) {
                if ours != theirs {
                    warnings.push(warn(
                        format!("parameter ${} ({})", i + 1, param.name),
                        ours,
                        type_name.to_ascii_lowercase(),
                    ));
                }
            }
        }
    }
}
