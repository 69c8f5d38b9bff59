//! Live databases: connect by URL and run SQL on PostgreSQL, MySQL/MariaDB and SQLite through sqlx.
//!
//! - [`Connection::connect`] opens one connection for a [`flash_config::DatabaseUrl`]; each dialect keeps its own
//!   typed sqlx connection so that the modules above can use the dialect's own catalog queries and types.
//! - [`Connection::execute_script`] runs a multi-statement script as the server's own client would send it (the
//!   simple query protocol), which is how a migration's SQL reaches the server.
//! - [`DbError`] is every failure, with the URL's password masked.
//! - [`tracking`], [`lock`] and [`apply`] are the apply engine: the `_flash_migrations` table, one apply at a time
//!   per database, and each migration's steps recorded as they commit; [`preflight`] the counts its checks need.

pub mod apply;
mod connection;
mod error;
pub mod inspect;
pub mod lock;
pub mod preflight;
mod query;
pub mod tracking;

pub use connection::Connection;
pub use error::{mask_password, DbError};

/// A current-thread tokio runtime for a command-line call: Flash talks to one database at a time, so one thread is
/// enough and starts fastest.
pub fn runtime() -> Result<tokio::runtime::Runtime, DbError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(DbError::Runtime)
}
