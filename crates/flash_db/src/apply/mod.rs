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
//!   tracking write. The rest of the migration goes as one anonymous compound statement (`mysql_in_one_compound`):
//!   the server has all of it before it starts and sends the client nothing until the end, so a killed apply changes
//!   nothing — the server runs the block to its end, tracking write included — and an exit handler records how many
//!   statements ran when one fails. A migration the server will not take as one block (a `CREATE PROCEDURE`,
//!   `FUNCTION` or `TRIGGER`, which MariaDB refuses inside a stored program) goes statement by statement: each
//!   statement and its UPDATE in a compound statement of their own, or for those statements in one multi-statement
//!   packet (the crash test found that to hold too, but there the server answers between the two).
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
    let mut done = done;
    if dialect == Dialect::Mysql {
        match mysql_in_one_compound(conn, migration, done, &row(0, Time::Null, None)).await? {
            Compound::Applied => return Ok(all.len()),
            Compound::Failed { at, message } => {
                let logs = format!("line {}: {message}", migration.statements[at].line);
                conn.execute_script(&sql.failure(&migration.id, &logs))
                    .await?;
                return Err(ApplyError::Step {
                    step: at,
                    statement: Some(at),
                    message,
                });
            }
            // Statement by statement below, from where the compound statement got to.
            Compound::Refused { done_now } => done = done_now,
        }
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

enum Compound {
    Applied,
    /// Statement `at` failed; the ones before it are done and recorded.
    Failed {
        at: usize,
        message: String,
    },
    /// The server would not take the compound statement (a statement it cannot hold, or no `BEGIN NOT ATOMIC`);
    /// `done_now` statements are recorded.
    Refused {
        done_now: usize,
    },
}

/// MySQL/MariaDB: the rest of the migration as one compound statement. Each statement is followed by
/// `SET @flash_done = n`; an exit handler records `@flash_done` in the row and re-raises the error, and the last
/// statement of the block records the migration finished. The server has the whole block before it starts and sends
/// nothing until it ends, so a killed client changes nothing; and the tracking row is written twice per migration
/// instead of once per statement, which is what a commit per statement would cost.
async fn mysql_in_one_compound(
    conn: &mut Connection,
    migration: &Migration,
    done: usize,
    start_row: &str,
) -> Result<Compound, DbError> {
    let sql = TrackingSql::new(Dialect::Mysql);
    let id = sql.literal(&migration.id);
    let mut block = format!(
        "BEGIN NOT ATOMIC\nDECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN\n\
         UPDATE _flash_migrations SET applied_steps_count = @flash_done, finished_at = NULL WHERE id = {id};\n\
         RESIGNAL;\nEND;\nSET @flash_done = {done};\n"
    );
    if done == 0 {
        block.push_str(start_row);
        block.push_str(";\n");
    }
    for (i, s) in migration.statements.iter().enumerate().skip(done) {
        block.push_str(&s.sql);
        block.push_str(&format!(";\nSET @flash_done = {};\n", i + 1));
    }
    block.push_str(&sql.progress(&migration.id, migration.statements.len(), true));
    block.push_str(";\nEND");
    let Err(error) = conn.execute_script(&block).await else {
        return Ok(Compound::Applied);
    };
    let Some((message, _)) = database_message(&error) else {
        return Err(error);
    };
    let done_now = conn
        .fetch_i64(&format!(
            "SELECT applied_steps_count FROM _flash_migrations WHERE id = {id}"
        ))
        .await?
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(done);
    if cannot_sit_in_compound(&error) {
        return Ok(Compound::Refused { done_now });
    }
    Ok(Compound::Failed {
        at: done_now.min(migration.statements.len().saturating_sub(1)),
        message,
    })
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
    let refused = cannot_sit_in_compound(&error);
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
    if dialect == Dialect::Mysql && compound && refused {
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

/// Whether MySQL refused a compound statement for a statement inside it, before running any of it: by SQLSTATE, or
/// (MariaDB's `Recursion of EVENT DDL statements is forbidden when body is present`, error 1576, SQLSTATE HY000)
/// because an event's CREATE or ALTER with a body cannot sit in another body.
fn cannot_sit_in_compound(error: &DbError) -> bool {
    const EVENT_DDL_IN_BODY: u16 = 1576;
    let DbError::Query(sqlx::Error::Database(db)) = error else {
        return false;
    };
    let number = db
        .try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>()
        .map(|e| e.number());
    number == Some(EVENT_DDL_IN_BODY)
        || matches!(db.code().as_deref(), Some("2F003" | "0A000" | "42000"))
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
