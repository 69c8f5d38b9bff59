//! The tracking table `_flash_migrations` (DESIGN §5): one row per migration that was started.
//!
//! Flash ORM's columns, so that its databases carry on: `id` (the file stem), `checksum` (SHA-256 hex of the file;
//! Flash ORM's older versions stored the file's length in hex), `migration_name`, `started_at`, `finished_at`,
//! `rolled_back_at`, `logs` (the last error), `applied_steps_count`. Flash adds `down_sql` (the Down, so a rollback
//! works when the file is gone) and `schema_after` (the baseline hash of the schema the migration leaves, which the
//! next migration's `-- flash:baseline` must match). A table Flash ORM made gets the two with ALTER TABLE ADD COLUMN.
//!
//! A row's state: `finished_at` set — applied; `rolled_back_at` set — rolled back (pending again); neither — started
//! and stopped after `applied_steps_count` steps (failed or interrupted), resumed from there by the next apply.
//!
//! Each dialect's column types, literal quoting and upsert are in its own module; the statements here are built
//! from them, so the engine can send a tracking write in the same round trip as the step it records.

mod mysql;
mod postgres;
mod sqlite;

use flash_core::Dialect;
use sqlx::AssertSqlSafe;

use crate::{Connection, DbError};

pub const TABLE: &str = "_flash_migrations";

/// One row of `_flash_migrations`. Times are the database's text for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingRow {
    pub id: String,
    pub checksum: String,
    pub migration_name: String,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub rolled_back_at: Option<String>,
    pub logs: Option<String>,
    pub applied_steps_count: i64,
    pub down_sql: Option<String>,
    pub schema_after: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowState {
    Applied,
    RolledBack,
    /// Started, stopped after `applied_steps_count` steps.
    Unfinished,
}

impl TrackingRow {
    pub fn state(&self) -> RowState {
        if self.rolled_back_at.is_some() {
            RowState::RolledBack
        } else if self.finished_at.is_some() {
            RowState::Applied
        } else {
            RowState::Unfinished
        }
    }
}

/// The SQL of one dialect for the tracking table and the values written to it.
#[derive(Debug, Clone, Copy)]
pub struct TrackingSql {
    dialect: Dialect,
}

impl TrackingSql {
    pub fn new(dialect: Dialect) -> Self {
        TrackingSql { dialect }
    }

    fn create(self) -> &'static str {
        match self.dialect {
            Dialect::Postgres => postgres::CREATE,
            Dialect::Mysql => mysql::CREATE,
            Dialect::Sqlite => sqlite::CREATE,
        }
    }

    fn columns(self) -> &'static str {
        match self.dialect {
            Dialect::Postgres => postgres::COLUMNS,
            Dialect::Mysql => mysql::COLUMNS,
            Dialect::Sqlite => sqlite::COLUMNS,
        }
    }

    fn select(self) -> &'static str {
        match self.dialect {
            Dialect::Postgres => postgres::SELECT,
            Dialect::Mysql => mysql::SELECT,
            Dialect::Sqlite => sqlite::SELECT,
        }
    }

    pub fn now(self) -> &'static str {
        match self.dialect {
            Dialect::Postgres => postgres::NOW,
            Dialect::Mysql => mysql::NOW,
            Dialect::Sqlite => sqlite::NOW,
        }
    }

    /// `text` as a string literal of the dialect, safe for any text.
    pub fn literal(self, text: &str) -> String {
        match self.dialect {
            Dialect::Postgres => postgres::literal(text),
            Dialect::Mysql => mysql::literal(text),
            Dialect::Sqlite => sqlite::literal(text),
        }
    }

    fn opt_literal(self, text: Option<&str>) -> String {
        text.map_or_else(|| "NULL".to_string(), |t| self.literal(t))
    }

    /// A quoted identifier of the dialect.
    pub fn ident(self, name: &str) -> String {
        match self.dialect {
            Dialect::Postgres => postgres::ident(name),
            Dialect::Mysql => mysql::ident(name),
            Dialect::Sqlite => sqlite::ident(name),
        }
    }

    /// Writes the whole row for `row`, replacing any row with its id (`now` stands for the current time in
    /// `started_at`/`finished_at` when given as `Some("now")`).
    pub fn upsert(self, row: &NewRow<'_>) -> String {
        let time = |t: Time| match t {
            Time::Now => self.now().to_string(),
            Time::Null => "NULL".to_string(),
        };
        let values = format!(
            "{}, {}, {}, {}, {}, NULL, {}, {}, {}, {}",
            self.literal(row.id),
            self.literal(row.name),
            self.literal(row.checksum),
            self.now(),
            time(row.finished),
            self.opt_literal(row.logs),
            row.steps,
            self.opt_literal(row.down_sql),
            self.opt_literal(row.schema_after),
        );
        match self.dialect {
            Dialect::Postgres => postgres::upsert(&values),
            Dialect::Mysql => mysql::upsert(&values),
            Dialect::Sqlite => sqlite::upsert(&values),
        }
    }

    /// Records `steps` steps done; the last one sets `finished_at`.
    pub fn progress(self, id: &str, steps: usize, finished: bool) -> String {
        let finished_at = if finished { self.now() } else { "NULL" };
        format!(
            "UPDATE {TABLE} SET applied_steps_count = {steps}, finished_at = {finished_at}, logs = NULL WHERE id = {}",
            self.literal(id)
        )
    }

    /// Keeps the error of a failed step in `logs`; the row stays unfinished.
    pub fn failure(self, id: &str, logs: &str) -> String {
        format!(
            "UPDATE {TABLE} SET logs = {}, finished_at = NULL WHERE id = {}",
            self.literal(logs),
            self.literal(id)
        )
    }

    pub fn rolled_back(self, id: &str) -> String {
        format!(
            "UPDATE {TABLE} SET rolled_back_at = {}, finished_at = NULL, applied_steps_count = 0, logs = NULL \
             WHERE id = {}",
            self.now(),
            self.literal(id)
        )
    }

    pub fn set_checksum(self, id: &str, checksum: &str) -> String {
        format!(
            "UPDATE {TABLE} SET checksum = {} WHERE id = {}",
            self.literal(checksum),
            self.literal(id)
        )
    }
}

/// What a new or restarted row holds.
#[derive(Debug, Clone, Copy)]
pub struct NewRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub checksum: &'a str,
    pub finished: Time,
    pub steps: usize,
    pub logs: Option<&'a str>,
    pub down_sql: Option<&'a str>,
    pub schema_after: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Time {
    Now,
    Null,
}

/// Creates the table when it is missing and adds the columns a Flash ORM table lacks. Returns the columns it
/// added, so the caller can say so.
pub async fn ensure_table(conn: &mut Connection) -> Result<Vec<&'static str>, DbError> {
    let sql = TrackingSql::new(conn.dialect());
    conn.execute_script(sql.create()).await?;
    let have = conn.fetch_strings(sql.columns()).await?;
    let mut added = Vec::new();
    for (column, ty) in [
        ("logs", "TEXT"),
        ("down_sql", "TEXT"),
        ("schema_after", "VARCHAR(64)"),
    ] {
        if !have.iter().any(|c| c.eq_ignore_ascii_case(column)) {
            conn.execute_script(&format!("ALTER TABLE {TABLE} ADD COLUMN {column} {ty}"))
                .await?;
            added.push(column);
        }
    }
    Ok(added)
}

/// Whether the table exists; reading commands never create it.
pub async fn table_exists(conn: &mut Connection) -> Result<bool, DbError> {
    let sql = TrackingSql::new(conn.dialect());
    Ok(!conn.fetch_strings(sql.columns()).await?.is_empty())
}

/// Every row, ordered by id; none when the table does not exist. A Flash ORM table without Flash's columns reads
/// them as NULL.
pub async fn read_rows(conn: &mut Connection) -> Result<Vec<TrackingRow>, DbError> {
    let sql = TrackingSql::new(conn.dialect());
    let columns = conn.fetch_strings(sql.columns()).await?;
    if columns.is_empty() {
        return Ok(Vec::new());
    }
    let mut select = sql.select().to_string();
    for missing in ["logs", "down_sql", "schema_after"] {
        if !columns.iter().any(|c| c.eq_ignore_ascii_case(missing)) {
            // Only in a table Flash ORM made and Flash has not written to yet.
            select = select.replace(&format!("CAST({missing} AS CHAR)"), "NULL");
            select = select.replacen(&format!(", {missing}"), ", NULL", 1);
        }
    }
    type Raw = (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        i64,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Raw> = match conn {
        Connection::Postgres(c) => {
            sqlx::query_as(AssertSqlSafe(select))
                .fetch_all(&mut *c)
                .await?
        }
        Connection::Mysql(c) => {
            sqlx::query_as(AssertSqlSafe(select))
                .fetch_all(&mut *c)
                .await?
        }
        Connection::Sqlite(c) => {
            sqlx::query_as(AssertSqlSafe(select))
                .fetch_all(&mut *c)
                .await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|r| TrackingRow {
            id: r.0,
            checksum: r.1,
            migration_name: r.2,
            started_at: r.3,
            finished_at: r.4,
            rolled_back_at: r.5,
            logs: r.6,
            applied_steps_count: r.7,
            down_sql: r.8,
            schema_after: r.9,
        })
        .collect())
}

/// Drops the tracking table (`flash reset`, after everything it tracked is gone).
pub async fn drop_table(conn: &mut Connection) -> Result<(), DbError> {
    conn.execute_script(&format!("DROP TABLE IF EXISTS {TABLE}"))
        .await
}
