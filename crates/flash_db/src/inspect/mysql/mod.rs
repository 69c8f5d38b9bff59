//! MySQL/MariaDB's catalog into the model, read the way `mysqldump` reads it: the server's own `SHOW CREATE` text for
//! every object of the connection's database, parsed by the same MySQL parser that reads schema files (which
//! already reads `mysqldump` output exactly). The statements go to the server in one round trip per object family
//! (one multi-statement batch), never one per table. Flash's own tables (`_flash_*`) stay out; grants, which MySQL
//! keeps per account rather than per database, are not read.

pub mod canonical;

use flash_core::{Dialect, EventSchedule, QualName, Schema};
use futures_util::TryStreamExt;
use sqlx::mysql::MySqlConnection;
use sqlx::{AssertSqlSafe, Either, Row};

use crate::error::DbError;

/// The objects of database `?` (given four times): tables, views and sequences, then routines, then triggers, then
/// events. The name is a parameter rather than `DATABASE()`, which a prepared statement keeps from the database it
/// was prepared in, whatever `USE` said since. An event whose start is the moment it was created or last altered
/// was given none (see `flash_core::EventSchedule`); its kind says so. That moment is compared in the event's time
/// zone too, in which the server prints STARTS.
const OBJECTS: &str = r"
SELECT 0 AS family, TABLE_NAME AS name, TABLE_TYPE AS kind FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ? AND TABLE_NAME NOT LIKE '\_flash\_%'
UNION ALL
SELECT 1, ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?
UNION ALL
SELECT 2, TRIGGER_NAME, 'TRIGGER' FROM information_schema.TRIGGERS
WHERE TRIGGER_SCHEMA = ? AND EVENT_OBJECT_TABLE NOT LIKE '\_flash\_%'
UNION ALL
SELECT 3, EVENT_NAME,
  IF(STARTS IN (CREATED, LAST_ALTERED)
     OR CONVERT_TZ(STARTS, TIME_ZONE, @@session.time_zone) IN (CREATED, LAST_ALTERED), 'EVENT NOW', 'EVENT')
FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?
ORDER BY 1, 2";

pub async fn inspect(conn: &mut MySqlConnection) -> Result<Schema, DbError> {
    let (text, started_when_made) = schema_text(conn).await?;
    let mut schema = super::parse_catalog_text(Dialect::Mysql, &text)?;
    for name in started_when_made {
        if let Some(event) = schema.events.get_mut(&QualName::new("", name)) {
            if let EventSchedule::Every { starts, .. } = &mut event.schedule {
                *starts = None;
            }
        }
    }
    Ok(schema)
}

/// Every object's `SHOW CREATE` text, as one script the MySQL parser reads: sequences and tables first (foreign keys
/// may point forward: the parser checks them at the end), then views, routines, triggers and events, bodies between
/// `DELIMITER` lines as `mysqldump` writes them; and the events that start when they were made.
async fn schema_text(conn: &mut MySqlConnection) -> Result<(String, Vec<String>), DbError> {
    // Over the text protocol: a prepared `SELECT DATABASE()` keeps answering the database it was prepared in.
    let database: Option<String> = sqlx::raw_sql("SELECT DATABASE() AS db")
        .fetch_one(&mut *conn)
        .await?
        .try_get("db")?;
    let Some(database) = database else {
        return Err(DbError::Catalog {
            message:
                "the connection has no current database: put one in the URL (mysql://host/DATABASE)"
                    .into(),
        });
    };
    let rows = sqlx::query(OBJECTS)
        .bind(&database)
        .bind(&database)
        .bind(&database)
        .bind(&database)
        .fetch_all(&mut *conn)
        .await?;
    let mut relations = Vec::new();
    let mut views = Vec::new();
    let mut routines = Vec::new();
    let mut triggers = Vec::new();
    let mut events = Vec::new();
    let mut started_when_made = Vec::new();
    for row in &rows {
        let name: String = row.try_get("name")?;
        let kind: String = row.try_get("kind")?;
        let quoted = quote(&name);
        match kind.as_str() {
            "VIEW" => views.push(format!("SHOW CREATE VIEW {quoted}")),
            "SEQUENCE" => relations.push(format!("SHOW CREATE SEQUENCE {quoted}")),
            "FUNCTION" => routines.push(format!("SHOW CREATE FUNCTION {quoted}")),
            "PROCEDURE" => routines.push(format!("SHOW CREATE PROCEDURE {quoted}")),
            "TRIGGER" => triggers.push(format!("SHOW CREATE TRIGGER {quoted}")),
            "EVENT" | "EVENT NOW" => {
                events.push(format!("SHOW CREATE EVENT {quoted}"));
                if kind == "EVENT NOW" {
                    started_when_made.push(name.clone());
                }
            }
            // Base tables and system-versioned tables.
            _ => relations.push(format!("SHOW CREATE TABLE {quoted}")),
        }
    }
    let mut text = String::new();
    for statement in show_all(conn, &relations, &["Create Table"]).await? {
        text.push_str(&statement);
        text.push_str(";\n");
    }
    for statement in show_all(conn, &views, &["Create View"]).await? {
        text.push_str(&statement);
        text.push_str(";\n");
    }
    let bodies = [
        (routines, &["Create Function", "Create Procedure"][..]),
        (triggers, &["SQL Original Statement"][..]),
        (events, &["Create Event"][..]),
    ];
    for (shows, columns) in bodies {
        for statement in show_all(conn, &shows, columns).await? {
            text.push_str("DELIMITER ;;\n");
            text.push_str(&statement);
            text.push_str(";;\nDELIMITER ;\n");
        }
    }
    Ok((text, started_when_made))
}

/// Runs the `SHOW CREATE` statements in one batch and returns, for each, the first of `columns` it answered with.
async fn show_all(
    conn: &mut MySqlConnection,
    shows: &[String],
    columns: &[&str],
) -> Result<Vec<String>, DbError> {
    if shows.is_empty() {
        return Ok(Vec::new());
    }
    let batch = shows.join(";\n");
    // Flash's own SHOW statements, with every name quoted.
    let mut stream = sqlx::raw_sql(AssertSqlSafe(batch)).fetch_many(&mut *conn);
    let mut out = Vec::with_capacity(shows.len());
    while let Some(item) = stream.try_next().await? {
        let Either::Right(row) = item else { continue };
        let text = columns
            .iter()
            .find_map(|c| row.try_get::<Option<String>, _>(*c).ok().flatten());
        match text {
            Some(text) => out.push(text),
            // SHOW CREATE on a routine the user may not read answers NULL: it cannot be modelled.
            None => return Err(DbError::Catalog {
                message:
                    "the server did not show the definition of every object (missing privileges?)"
                        .into(),
            }),
        }
    }
    Ok(out)
}

fn quote(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}
