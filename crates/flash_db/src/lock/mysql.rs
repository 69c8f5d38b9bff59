//! MySQL/MariaDB: `GET_LOCK`. Its names are server-wide, so the name carries the database's.

use crate::{Connection, DbError};

const NAME: &str = "CONCAT('flash_migrations.', DATABASE())";

pub async fn try_lock(conn: &mut Connection) -> Result<bool, DbError> {
    Ok(conn
        .fetch_i64(&format!("SELECT GET_LOCK({NAME}, 0)"))
        .await?
        == Some(1))
}

pub async fn unlock(conn: &mut Connection) -> Result<(), DbError> {
    conn.execute_script(&format!("DO RELEASE_LOCK({NAME})"))
        .await
}

/// "connection 42 (user root from 127.0.0.1:5123, for 3 s, Query: ...)".
pub async fn holder(conn: &mut Connection) -> Result<String, DbError> {
    let rows = conn
        .fetch_strings(&format!(
            "SELECT CAST(CONCAT('connection ', p.ID, ' (user ', p.USER, ' from ', p.HOST, ', for ', p.TIME, ' s, ', \
             p.COMMAND, IF(p.INFO IS NULL, '', CONCAT(': ', LEFT(p.INFO, 200))), ')') AS CHAR) \
             FROM information_schema.PROCESSLIST p WHERE p.ID = IS_USED_LOCK({NAME})"
        ))
        .await?;
    Ok(rows
        .into_iter()
        .next()
        .unwrap_or_else(|| "a connection that has just ended".to_string()))
}
