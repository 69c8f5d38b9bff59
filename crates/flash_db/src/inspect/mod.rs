//! Live catalogs into the model: each dialect's inspector reads what the database holds into the same
//! [`flash_core::Schema`] the parsers fill, leaving out system objects, what extensions own, what the engine creates
//! by itself (indexes behind constraints, partitions' copies of their parent's indexes and keys, identity
//! sequences) and Flash's own tables (`_flash_migrations` and every table whose name starts with `_flash_`).
//!
//! [`canonicalize`] is the other half of comparing a live database with schema files: it brings the files' model
//! into the form the server prints, where the server is the one that decides it.

mod closure;
mod mysql;
pub mod postgres;
mod sqlite;

use flash_core::{Dialect, Schema};

use crate::{Connection, DbError};

/// A parsed schema with the server's printed forms where the server decides them, and what could not be built to
/// learn them.
#[derive(Debug, Clone)]
pub struct Canonical {
    pub schema: Schema,
    /// One line per statement the server refused while building the scratch copy (that object keeps its parsed
    /// form): usually a real error the migration would hit too.
    pub unbuilt: Vec<String>,
}

impl Canonical {
    /// `schema` as it is: nothing had to be built to compare it.
    pub fn unchanged(schema: &Schema) -> Self {
        Canonical {
            schema: schema.clone(),
            unbuilt: Vec::new(),
        }
    }
}

/// Everything the database holds that the model can hold.
pub async fn inspect(conn: &mut Connection) -> Result<Schema, DbError> {
    match conn {
        Connection::Postgres(c) => postgres::inspect(c).await,
        Connection::Sqlite(c) => sqlite::inspect(c).await,
        Connection::Mysql(c) => mysql::inspect(c).await,
    }
}

/// `desired` (parsed from files, or loaded from a snapshot) with its expressions, queries and bodies in the form
/// this database prints them, wherever they differ from `live` (this database, inspected): what the differ needs to
/// compare the two without reporting differences of form.
pub async fn canonicalize(
    conn: &mut Connection,
    live: &Schema,
    desired: &Schema,
) -> Result<Canonical, DbError> {
    match conn {
        Connection::Postgres(c) => postgres::canonical::canonicalize(c, live, desired).await,
        Connection::Mysql(c) => mysql::canonical::canonicalize(c, live, desired).await,
        // SQLite stores the text it was given, and reads it back through the same parser: nothing to do.
        Connection::Sqlite(_) => Ok(Canonical::unchanged(desired)),
    }
}

/// The DDL text a database keeps or prints for its objects (SQLite's `sqlite_schema`, MySQL's `SHOW CREATE`), read
/// by the dialect's schema parser. A `-- flash:renamed-from` comment kept inside a stored CREATE TABLE was an
/// instruction for one migration, and is dropped.
fn parse_catalog_text(dialect: Dialect, text: &str) -> Result<Schema, DbError> {
    flash_parse::parse_str(dialect, "the database's own DDL", text)
        .map(Schema::without_rename_hints)
        .map_err(|e| DbError::Catalog {
            message: format!("the database's own DDL does not parse: {e}"),
        })
}
