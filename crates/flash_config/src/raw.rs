//! The configuration file exactly as written: every key optional, unknown keys refused. Shared by `flash.toml` and
//! `flash.config.json`, which hold the same keys.

use flash_core::Dialect;
use serde::{Deserialize, Deserializer};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    pub version: Option<String>,
    /// Flash ORM wrote `schema_path` (often naming a single file) before it grew `schema_dir`.
    #[serde(alias = "schema_path")]
    pub schema_dir: Option<String>,
    pub queries: Option<String>,
    pub migrations_path: Option<String>,
    pub export_path: Option<String>,
    #[serde(default)]
    pub database: RawDatabase,
    #[serde(default)]
    pub gen: RawGen,
    #[serde(default)]
    pub databases: Vec<RawNamedDatabase>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDatabase {
    #[serde(default, deserialize_with = "dialect_opt")]
    pub provider: Option<Dialect>,
    pub url_env: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGen {
    #[serde(default)]
    pub go: RawGoGen,
    #[serde(default)]
    pub js: RawJsGen,
    #[serde(default)]
    pub python: RawPythonGen,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGoGen {
    pub enabled: Option<bool>,
    pub out: Option<String>,
    #[serde(default, deserialize_with = "go_driver")]
    pub driver: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawJsGen {
    pub enabled: Option<bool>,
    pub out: Option<String>,
    #[serde(default, deserialize_with = "js_driver")]
    pub driver: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPythonGen {
    pub enabled: Option<bool>,
    pub out: Option<String>,
    #[serde(rename = "async")]
    pub is_async: Option<bool>,
    #[serde(default, deserialize_with = "python_driver")]
    pub driver: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNamedDatabase {
    pub name: String,
    #[serde(default, deserialize_with = "dialect_opt")]
    pub provider: Option<Dialect>,
    pub url_env: Option<String>,
    pub url: Option<String>,
    #[serde(alias = "schema_path")]
    pub schema_dir: Option<String>,
    pub migrations_path: Option<String>,
}

/// Accepts every spelling `Dialect::from_str` knows (postgres, postgresql, mariadb, ...), so the error for a wrong
/// one is raised while the parser still knows where the value was.
fn dialect_opt<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Dialect>, D::Error> {
    let text = String::deserialize(deserializer)?;
    text.parse::<Dialect>()
        .map(Some)
        .map_err(serde::de::Error::custom)
}

pub(crate) const GO_DRIVERS: &[&str] = &["database/sql", "pgx", "pgx/v4"];
pub(crate) const JS_DRIVERS: &[&str] = &["pg", "mysql2", "better-sqlite3"];
pub(crate) const PYTHON_DRIVERS: &[&str] = &[
    "asyncpg",
    "psycopg",
    "aiomysql",
    "pymysql",
    "aiosqlite",
    "sqlite3",
];

fn go_driver<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    driver_from(deserializer, GO_DRIVERS)
}

fn js_driver<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    driver_from(deserializer, JS_DRIVERS)
}

fn python_driver<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    driver_from(deserializer, PYTHON_DRIVERS)
}

fn driver_from<'de, D: Deserializer<'de>>(
    deserializer: D,
    known: &[&str],
) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(deserializer)?;
    if known.contains(&text.as_str()) {
        Ok(Some(text))
    } else {
        Err(serde::de::Error::custom(format!(
            "unknown driver \"{text}\": expected one of {}",
            known.join(", ")
        )))
    }
}
