//! Flash project configuration.
//!
//! A project is the directory holding `flash.toml` (or Flash ORM's older `flash.config.json`). [`discover`] finds it
//! the way cargo finds `Cargo.toml`, [`Config::load`] reads it with every default filled in and every path made
//! relative to the file's directory, [`load_dotenv`] loads the `.env` beside it, and [`Config::select`] picks the
//! database a command works on (`--db NAME|URL`, `[database]`, `[[databases]]`).

mod config;
mod database_url;
mod discovery;
mod env_file;
mod error;
mod file_format;
mod raw;
mod target;

pub use config::{
    Config, ConfigFormat, DatabaseConfig, GenConfig, GenTarget, NamedDatabase, PythonGen,
};
pub use database_url::{DatabaseUrl, SqliteLocation};
pub use discovery::{discover, CONFIG_FILE_NAMES};
pub use env_file::load_dotenv;
pub use error::ConfigError;
pub use target::DatabaseTarget;
