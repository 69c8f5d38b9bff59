//! Small reads the tracking table, the lock and the pre-flight checks share: the first column of every row, one
//! number. Kept apart from `connection.rs` so each module that reads adds only what it needs.

use sqlx::{AssertSqlSafe, Row};

use crate::{Connection, DbError};

impl Connection {
    /// The first column of every row, as text.
    pub async fn fetch_strings(&mut self, sql: &str) -> Result<Vec<String>, DbError> {
        Ok(match self {
            Connection::Postgres(c) => sqlx::query(AssertSqlSafe(sql.to_string()))
                .fetch_all(&mut *c)
                .await?
                .iter()
                .map(|r| r.try_get::<String, _>(0))
                .collect::<Result<_, _>>()?,
            Connection::Mysql(c) => sqlx::query(AssertSqlSafe(sql.to_string()))
                .fetch_all(&mut *c)
                .await?
                .iter()
                .map(|r| r.try_get::<String, _>(0))
                .collect::<Result<_, _>>()?,
            Connection::Sqlite(c) => sqlx::query(AssertSqlSafe(sql.to_string()))
                .fetch_all(&mut *c)
                .await?
                .iter()
                .map(|r| r.try_get::<String, _>(0))
                .collect::<Result<_, _>>()?,
        })
    }

    /// The first column of the first row as a number (`SELECT count(*) ...`); `None` for no row or NULL.
    pub async fn fetch_i64(&mut self, sql: &str) -> Result<Option<i64>, DbError> {
        Ok(match self {
            Connection::Postgres(c) => match sqlx::query(AssertSqlSafe(sql.to_string()))
                .fetch_optional(&mut *c)
                .await?
            {
                Some(r) => r.try_get::<Option<i64>, _>(0)?,
                None => None,
            },
            Connection::Mysql(c) => match sqlx::query(AssertSqlSafe(sql.to_string()))
                .fetch_optional(&mut *c)
                .await?
            {
                Some(r) => r.try_get::<Option<i64>, _>(0)?,
                None => None,
            },
            Connection::Sqlite(c) => match sqlx::query(AssertSqlSafe(sql.to_string()))
                .fetch_optional(&mut *c)
                .await?
            {
                Some(r) => r.try_get::<Option<i64>, _>(0)?,
                None => None,
            },
        })
    }
}
