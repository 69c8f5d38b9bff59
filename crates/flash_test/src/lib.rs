//! Test harness shared by Flash's crates.
//!
//! - [`pg_url`], [`mysql_url`], [`redis_url`]: where the test servers are (`FLASH_TEST_*_URL`, else 127.0.0.1).
//! - [`TestDatabase`]: a fresh, uniquely named database per test on the real server, dropped when the test ends. A
//!   server that cannot be reached fails the test: tests never skip silently.
//! - [`schema_gen`]: deterministic generated schemas (the 500-table benchmark, load tests).
//!
//! It shells out to `psql`, `pg_dump`, `mariadb` and `mysqldump` so that it needs no database driver crates.

pub mod bench;
pub mod catalog;
mod command;
mod database;
pub mod ratchet;
pub mod schema_gen;
mod url;

pub use command::CommandError;
pub use database::{TestDatabase, TestServer};
pub use url::{mysql_url, pg_url, redis_url, DbUrl};
