//! PostgreSQL: a session advisory lock. Advisory locks are scoped to the current database, so one key serves
//! every database on a server.

use crate::{Connection, DbError};

/// "flash" in ASCII: the key of Flash's advisory lock.
const KEY: i64 = 0x66_6c_61_73_68;

pub async fn try_lock(conn: &mut Connection) -> Result<bool, DbError> {
    let got = conn
        .fetch_strings(&format!("SELECT pg_try_advisory_lock({KEY})::text"))
        .await?;
    Ok(got.first().is_some_and(|v| v == "true"))
}

pub async fn unlock(conn: &mut Connection) -> Result<(), DbError> {
    conn.execute_script(&format!("SELECT pg_advisory_unlock({KEY})"))
        .await
}

/// "process 1234 (flash, user postgres from 127.0.0.1, connected since ..., running: ...)".
pub async fn holder(conn: &mut Connection) -> Result<String, DbError> {
    let (hi, lo) = (KEY >> 32, KEY & 0xffff_ffff);
    let rows = conn
        .fetch_strings(&format!(
            "SELECT format('process %s (%s, user %s from %s, connected since %s, %s: %s)', a.pid, \
             coalesce(nullif(a.application_name, ''), 'no application name'), a.usename, \
             coalesce(host(a.client_addr), 'a local socket'), \
             to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS TZ'), a.state, left(a.query, 200)) \
             FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
             WHERE l.locktype = 'advisory' AND l.granted AND l.classid = {hi} AND l.objid = {lo} \
             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        ))
        .await?;
    Ok(rows
        .into_iter()
        .next()
        .unwrap_or_else(|| "a session that has just ended".to_string()))
}
