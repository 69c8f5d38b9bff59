//! A live database as a schema source: connected once, inspected, and kept open so the schema files it is compared
//! with can be brought into its printed form (`flash_db::inspect::canonicalize`) before the two are diffed.

use anyhow::anyhow;
use flash_config::{DatabaseUrl, SqliteLocation};
use flash_core::Schema;
use flash_db::Connection;

use crate::printer::Printer;

pub struct LiveDatabase {
    runtime: tokio::runtime::Runtime,
    /// `None` for a SQLite file that does not exist yet: an empty database, which Flash does not create just to
    /// look at it.
    connection: Option<Connection>,
    pub url: DatabaseUrl,
    /// What the database holds, inspected.
    pub schema: Schema,
}

impl LiveDatabase {
    /// Connects to `url` and reads its schema.
    pub fn open(url: &DatabaseUrl) -> anyhow::Result<LiveDatabase> {
        let runtime = flash_db::runtime()?;
        let missing_file =
            matches!(url.sqlite_location(), Some(SqliteLocation::File(path)) if !path.exists());
        if missing_file {
            return Ok(LiveDatabase {
                runtime,
                connection: None,
                url: url.clone(),
                schema: Schema::new(url.dialect),
            });
        }
        let (connection, schema) = runtime
            .block_on(async {
                let mut connection = Connection::connect(url).await?;
                let schema = flash_db::inspect::inspect(&mut connection).await?;
                Ok::<_, flash_db::DbError>((connection, schema))
            })
            .map_err(|e| match e {
                // Already one sentence naming the URL; its sources repeat it.
                flash_db::DbError::Connect { .. } => anyhow!("{e}"),
                other => anyhow!("cannot read the schema of {}: {other}", shown(url)),
            })?;
        Ok(LiveDatabase {
            runtime,
            connection: Some(connection),
            url: url.clone(),
            schema,
        })
    }

    /// `files` with its expressions in this database's printed form where they differ from the live objects, so
    /// that a diff shows real differences only. Objects the server refused to build keep the files' form; each is
    /// named in a warning.
    pub fn canonicalize(&mut self, files: &Schema, printer: Printer) -> anyhow::Result<Schema> {
        let Some(connection) = self.connection.as_mut() else {
            return Ok(files.clone());
        };
        let canonical = self
            .runtime
            .block_on(flash_db::inspect::canonicalize(
                connection,
                &self.schema,
                files,
            ))
            .map_err(|e| {
                anyhow!(
                    "cannot compare the schema files with {} in its own terms: {e}",
                    shown(&self.url)
                )
            })?;
        for refused in &canonical.unbuilt {
            printer.note(format!(
                "warning: {} could not build this to compare it, so it is compared as written: {refused}",
                shown(&self.url)
            ));
        }
        Ok(canonical.schema)
    }

    /// Closes the connection cleanly.
    pub fn close(mut self) {
        if let Some(connection) = self.connection.take() {
            // A failed goodbye changes nothing the command did.
            let _ = self.runtime.block_on(connection.close());
        }
    }
}

/// The URL as messages show it: the password masked.
pub fn shown(url: &DatabaseUrl) -> String {
    flash_db::mask_password(&url.url)
}
