//! One apply at a time per database (DESIGN §6). The lock is taken before the tracking table is read and held until
//! the last migration is recorded, so a second `flash apply` waits, then finds nothing pending.
//!
//! - PostgreSQL: a session advisory lock on a fixed key. The server drops it with the session, so a killed apply
//!   never leaves it behind; the waiter names the holder from `pg_locks` and `pg_stat_activity`.
//! - MySQL/MariaDB: `GET_LOCK` on a name made from the database's name (its locks are server-wide); released with
//!   the connection too; the holder is `IS_USED_LOCK`'s connection id, looked up in the process list.
//! - SQLite: see `sqlite.rs` — an OS file lock beside the database file.
//!
//! Waiting polls every 100 ms, up to the timeout, so the waiter can say once, at the start, who it waits for.

mod mysql;
mod postgres;
mod sqlite;

use std::time::{Duration, Instant};

use flash_config::{DatabaseUrl, SqliteLocation};

use crate::{Connection, DbError};

const POLL: Duration = Duration::from_millis(100);

/// The held lock; [`MigrationLock::release`] gives it back (dropping the connection or ending the process does too).
#[derive(Debug)]
pub struct MigrationLock {
    held: Held,
}

#[derive(Debug)]
enum Held {
    Server,
    File(sqlite::FileLock),
    /// An in-memory SQLite database: no other process can see it.
    Nothing,
}

impl MigrationLock {
    /// Takes the lock, waiting at most `timeout`. `on_wait` is told once who holds it when it is not free at once.
    pub async fn acquire(
        conn: &mut Connection,
        url: &DatabaseUrl,
        timeout: Duration,
        mut on_wait: impl FnMut(&str),
    ) -> Result<MigrationLock, DbError> {
        let start = Instant::now();
        let mut told = false;
        loop {
            let held = match conn {
                Connection::Postgres(_) => postgres::try_lock(conn).await?.then_some(Held::Server),
                Connection::Mysql(_) => mysql::try_lock(conn).await?.then_some(Held::Server),
                Connection::Sqlite(_) => match url.sqlite_location() {
                    Some(SqliteLocation::File(path)) => sqlite::try_lock(&path)?.map(Held::File),
                    _ => Some(Held::Nothing),
                },
            };
            if let Some(held) = held {
                return Ok(MigrationLock { held });
            }
            if !told || start.elapsed() >= timeout {
                let holder = match conn {
                    Connection::Postgres(_) => postgres::holder(conn).await?,
                    Connection::Mysql(_) => mysql::holder(conn).await?,
                    Connection::Sqlite(_) => match url.sqlite_location() {
                        Some(SqliteLocation::File(path)) => sqlite::holder(&path),
                        _ => String::new(),
                    },
                };
                if start.elapsed() >= timeout {
                    return Err(DbError::LockTimeout {
                        seconds: timeout.as_secs_f64(),
                        holder,
                    });
                }
                on_wait(&holder);
                told = true;
            }
            tokio::time::sleep(POLL.min(timeout.saturating_sub(start.elapsed()))).await;
        }
    }

    pub async fn release(self, conn: &mut Connection) -> Result<(), DbError> {
        match self.held {
            Held::Server => match conn {
                Connection::Postgres(_) => postgres::unlock(conn).await,
                Connection::Mysql(_) => mysql::unlock(conn).await,
                Connection::Sqlite(_) => Ok(()),
            },
            Held::File(lock) => {
                drop(lock);
                Ok(())
            }
            Held::Nothing => Ok(()),
        }
    }
}
