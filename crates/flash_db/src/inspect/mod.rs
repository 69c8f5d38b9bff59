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

use flash_core::Schema;

use crate::{Connection, DbError};

pub use postgres::canonical::Canonical;

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
        Connection::Sqlite(_) => Ok(Canonical {
            schema: desired.clone(),
            unbuilt: Vec::new(),
        }),
    }
}
