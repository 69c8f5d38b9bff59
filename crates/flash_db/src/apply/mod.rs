//! Applying and rolling back one migration, step by step, with its tracking row (DESIGN §6).
//!
//! Each step is sent together with the tracking write that records it, in one script and one round trip:
//!
//! - PostgreSQL: the step's statements and the tracking write as one simple-protocol query, which the server runs
//!   as one implicit transaction — they commit together or not at all. Once the server has the query it runs it to
//!   the end even if Flash dies, so a kill leaves either both or neither. A marked statement PostgreSQL refuses in
//!   any transaction block (`CREATE INDEX CONCURRENTLY`, SQLSTATE 25001) is then run alone and recorded right after:
//!   the one window where a kill can leave a statement done but unrecorded. The next apply waits for the lock, which
//!   the killed session holds until its statement ends, and re-running such a statement reports the object exists.
//! - SQLite: `BEGIN; step; tracking write; COMMIT;` — SQLite's journal rolls back whatever a killed process left.
//!   A marked statement gets such a transaction of its own, except `PRAGMA` and `VACUUM`, which SQLite ignores or
//!   refuses in a transaction; they are idempotent, so a kill between one and its record costs nothing.
//! - MySQL/MariaDB: every statement is a step, since DDL commits implicitly and cannot share a transaction with the
//!   tracking UPDATE. The statement and its UPDATE go together in one anonymous compound statement,
//!   `BEGIN NOT ATOMIC stmt; UPDATE ...; END`: the server receives both at once, sends the client nothing between
//!   them, and runs both to the end whether or not the client is still there, so a killed apply leaves the catalog at
//!   a recorded statement boundary. (A plain multi-statement packet `stmt; UPDATE` also held in the crash test, but
//!   there the server sends a result between the two and may find the client gone; the compound statement leaves it
//!   nothing to find.) A failing statement aborts the compound statement before the UPDATE: the row says exactly
//!   how many statements ran. Statements a compound statement cannot hold (`CREATE PROCEDURE/FUNCTION/TRIGGER`,
//!   which MariaDB refuses inside a stored program, and anything on a server without `BEGIN NOT ATOMIC`) are
//!   refused before anything runs and are then sent as `stmt; UPDATE` in one packet.
//!
//! A step that fails is reported with the statement that failed: for a multi-statement step on PostgreSQL or SQLite
//! it is found by running the step again statement by statement in a transaction that is rolled back.

mod steps;

use flash_core::Dialect;

pub use steps::{steps, Step};

use crate::tracking::{NewRow, Time, TrackingSql};
use crate::{Connection, DbError};

/// A migration as the engine runs it: the file's Up statements in order, with what the tracking row keeps.
#[derive(Debug, Clone)]
pub struct Migration {
    /// The file stem, `20260101120000_create_users`.
    pub id: String,
    pub name: String,
    /// SHA-256 of the file, lower-case hex.
    pub checksum: String,
    pub statements: Vec<Statement>,
    pub down_sql: Option<String>,
    /// The baseline hash of the schema this migration leaves, when known.
    pub schema_after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub sql: String,
    /// 1-based line of the statement's first token in the file.
    pub line: usize,
    /// Marked `-- flash:no-transaction`.
    pub no_transaction: bool,
}

/// Why a migration stopped.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("{message}")]
    Step {
        /// 0-based index of the failing step.
        step: usize,
        /// Index into the migration's statements of the one that failed, when known.
        statement: Option<usize>,
        /// The database's own message.
        message: String,
    },
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Runs `migration`'s steps from `done` on (the steps an interrupted run recorded) and records each. Returns the
/// number of steps.
pub async fn apply_migration(
    conn: &mut Connection,
    migration: &Migration,
    done: usize,
) -> Result<usize, ApplyError> {
    let dialect = conn.dialect();
    let sql = TrackingSql::new(dialect);
    let all = steps(dialect, &migration.statements);
    let row = |steps: usize, finished: Time, logs: Option<&str>| {
        sql.upsert(&NewRow {
            id: &migration.id,
            name: &migration.name,
            checksum: &migration.checksum,
            finished,
            steps,
            logs,
            down_sql: migration.down_sql.as_deref(),
            schema_after: migration.schema_after.as_deref(),
        })
    };
    if all.is_empty() {
        conn.execute_script(&row(0, Time::Now, None)).await?;
        return Ok(0);
    }
    for (k, step) in all.iter().enumerate().skip(done) {
        let last = k + 1 == all.len();
        let record = if k == 0 {
            row(k + 1, if last { Time::Now } else { Time::Null }, None)
        } else {
            sql.progress(&migration.id, k + 1, last)
        };
        let statements = &migration.statements[step.first..step.first + step.len];
        if let Err(failure) = run_step(conn, statements, step.transactional, &record).await {
            let (statement, message) = match failure {
                StepError::At(i, message) => (Some(step.first + i), message),
                StepError::Unknown(message) => (None, message),
                StepError::Db(e) => return Err(e.into()),
            };
            let logs = match statement {
                Some(i) => format!("line {}: {message}", migration.statements[i].line),
                None => message.clone(),
            };
            let keep = if k == 0 {
                row(0, Time::Null, Some(&logs))
            } else {
                sql.failure(&migration.id, &logs)
            };
            conn.execute_script(&keep).await?;
            return Err(ApplyError::Step {
                step: k,
                statement,
                message,
            });
        }
    }
    Ok(all.len())
}

/// Runs `statements` (a Down) and marks the migration rolled back with the last step.
pub async fn rollback_migration(
    conn: &mut Connection,
    id: &str,
    statements: &[Statement],
) -> Result<(), ApplyError> {
    let dialect = conn.dialect();
    let sql = TrackingSql::new(dialect);
    let all = steps(dialect, statements);
    let record = sql.rolled_back(id);
    if all.is_empty() {
        conn.execute_script(&record).await?;
        return Ok(());
    }
    for (k, step) in all.iter().enumerate() {
        let record = if k + 1 == all.len() {
            record.as_str()
        } else {
            ""
        };
        let chunk = &statements[step.first..step.first + step.len];
        if let Err(failure) = run_step(conn, chunk, step.transactional, record).await {
            return Err(match failure {
                StepError::At(i, message) => ApplyError::Step {
                    step: k,
                    statement: Some(step.first + i),
                    message,
                },
                StepError::Unknown(message) => ApplyError::Step {
                    step: k,
                    statement: None,
                    message,
                },
                StepError::Db(e) => e.into(),
            });
        }
    }
    Ok(())
}

enum StepError {
    /// Statement `i` of the step failed with the database's message.
    At(usize, String),
    Unknown(String),
    Db(DbError),
}

/// One step and its tracking write (`record`, possibly empty) in one script.
async fn run_step(
    conn: &mut Connection,
    statements: &[crate::apply::Statement],
    transactional: bool,
    record: &str,
) -> Result<(), StepError> {
    let dialect = conn.dialect();
    let mut script = String::new();
    let wrap = dialect == Dialect::Sqlite
        && (transactional || !sqlite_outside_transaction(&statements[0].sql));
    if wrap {
        script.push_str("BEGIN;\n");
    }
    // MySQL steps are one statement each; with a tracking write they go in one compound statement.
    let compound = dialect == Dialect::Mysql && !record.is_empty();
    if compound {
        script.push_str("BEGIN NOT ATOMIC\n");
    }
    for s in statements {
        script.push_str(&s.sql);
        script.push_str(";\n");
    }
    if !record.is_empty() {
        script.push_str(record);
        script.push_str(";\n");
    }
    if wrap {
        script.push_str("COMMIT;\n");
    }
    if compound {
        script.push_str("END");
    }
    let Err(error) = conn.execute_script(&script).await else {
        return Ok(());
    };
    if wrap {
        // SQLite leaves the transaction open after a failing statement.
        let _ = conn.execute_script("ROLLBACK").await;
    }
    let (message, code) = database_message(&error).ok_or_else(|| StepError::Db(error))?;
    if dialect == Dialect::Postgres && !transactional && code.as_deref() == Some("25001") {
        // Refused in the implicit transaction: run it alone, then record it.
        if let Err(e) = conn.execute_script(&statements[0].sql).await {
            let (message, _) = database_message(&e).ok_or_else(|| StepError::Db(e))?;
            return Err(StepError::At(0, message));
        }
        if !record.is_empty() {
            conn.execute_script(record).await.map_err(StepError::Db)?;
        }
        return Ok(());
    }
    if dialect == Dialect::Mysql
        && compound
        && matches!(code.as_deref(), Some("2F003" | "0A000" | "42000"))
    {
        // Refused at parse time, so nothing ran: the statement cannot sit in a compound statement.
        let plain = if record.is_empty() {
            statements[0].sql.clone()
        } else {
            format!("{};\n{record}", statements[0].sql)
        };
        return match conn.execute_script(&plain).await {
            Ok(()) => Ok(()),
            Err(e) => {
                let (message, _) = database_message(&e).ok_or_else(|| StepError::Db(e))?;
                Err(StepError::At(0, message))
            }
        };
    }
    if statements.len() == 1 || dialect == Dialect::Mysql {
        return Err(StepError::At(0, message));
    }
    Err(locate_failure(conn, statements)
        .await
        .map_err(StepError::Db)?
        .map_or(StepError::Unknown(message.clone()), |(i, m)| {
            StepError::At(i, m)
        }))
}

/// SQLite statements that must run outside a transaction: `VACUUM` refuses one, and a `PRAGMA` such as
/// `foreign_keys` is silently ignored inside one. Both are idempotent, so running one again after a crash between it
/// and its tracking write changes nothing. Any other marked statement gets a transaction of its own with its
/// tracking write.
fn sqlite_outside_transaction(sql: &str) -> bool {
    let word: String = sql
        .trim_start()
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    word.eq_ignore_ascii_case("PRAGMA") || word.eq_ignore_ascii_case("VACUUM")
}

/// Runs the statements one by one in a transaction that is rolled back, and returns the first that fails.
async fn locate_failure(
    conn: &mut Connection,
    statements: &[Statement],
) -> Result<Option<(usize, String)>, DbError> {
    conn.execute_script("BEGIN").await?;
    let mut found = None;
    for (i, s) in statements.iter().enumerate() {
        if let Err(e) = conn.execute_script(&s.sql).await {
            match database_message(&e) {
                Some((message, _)) => found = Some((i, message)),
                None => return Err(e),
            }
            break;
        }
    }
    conn.execute_script("ROLLBACK").await?;
    Ok(found)
}

/// The server's own message and SQLSTATE, for an error the server sent; `None` for a broken connection.
pub fn database_message(error: &DbError) -> Option<(String, Option<String>)> {
    let DbError::Query(sqlx::Error::Database(db)) = error else {
        return None;
    };
    let code = db.code().map(|c| c.into_owned());
    // SQLite's codes are its own result codes, not SQLSTATEs.
    let label = if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
        "SQLite error"
    } else {
        "SQLSTATE"
    };
    let message = match &code {
        Some(c) => format!("{} ({label} {c})", db.message()),
        None => db.message().to_string(),
    };
    Some((message, code))
}
