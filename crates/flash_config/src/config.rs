//! The configuration with every default filled in and every path resolved against the file's directory.

use std::path::{Path, PathBuf};

use flash_core::Dialect;

use crate::error::ConfigError;
use crate::file_format::{parse_json, parse_toml};
use crate::raw::{RawConfig, RawNamedDatabase};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigFormat {
    Toml,
    /// Flash ORM's older `flash.config.json`.
    Json,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file it was read from; `None` for a project without one (defaults only).
    pub file: Option<PathBuf>,
    pub format: ConfigFormat,
    /// The project directory: the file's directory, against which every path below was resolved.
    pub root: PathBuf,
    pub version: String,
    /// `schema_dir`, or `schema_path` which may name a single `.sql` file.
    pub schema_path: PathBuf,
    pub queries: PathBuf,
    pub migrations_path: PathBuf,
    pub export_path: PathBuf,
    pub database: DatabaseConfig,
    pub gen: GenConfig,
    /// `[[databases]]`, picked by name with `--db`.
    pub databases: Vec<NamedDatabase>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseConfig {
    pub provider: Option<Dialect>,
    /// The environment variable holding the URL (`DATABASE_URL` unless set).
    pub url_env: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedDatabase {
    pub name: String,
    pub provider: Option<Dialect>,
    pub url_env: Option<String>,
    pub url: Option<String>,
    pub schema_path: Option<PathBuf>,
    pub migrations_path: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenConfig {
    pub go: GenTarget,
    pub js: GenTarget,
    pub python: PythonGen,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenTarget {
    pub enabled: bool,
    pub out: PathBuf,
    pub driver: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PythonGen {
    pub enabled: bool,
    pub out: PathBuf,
    pub is_async: bool,
    pub driver: String,
}

pub const DEFAULT_VERSION: &str = "2";
pub const DEFAULT_SCHEMA_DIR: &str = "db/schema";
pub const DEFAULT_QUERIES: &str = "db/queries";
pub const DEFAULT_MIGRATIONS_PATH: &str = "db/migrations";
pub const DEFAULT_EXPORT_PATH: &str = "db/export";
pub const DEFAULT_URL_ENV: &str = "DATABASE_URL";
/// Flash ORM writes generated code for every language under one directory.
pub const DEFAULT_GEN_OUT: &str = "flash_gen";

impl Config {
    /// Reads `flash.toml`, or `flash.config.json` when the name ends in `.json`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json {
            Config::from_json_str(path, &text)
        } else {
            Config::from_toml_str(path, &text)
        }
    }

    pub fn from_toml_str(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let raw = parse_toml(path, text)?;
        Config::from_raw(raw, Some(path), ConfigFormat::Toml)
    }

    pub fn from_json_str(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let raw = parse_json(path, text)?;
        Config::from_raw(raw, Some(path), ConfigFormat::Json)
    }

    /// Every default, for a project directory that has no configuration file.
    pub fn defaults(root: &Path) -> Config {
        let mut config = Config::base(RawConfig::default(), None, ConfigFormat::Toml);
        config.rebase(root);
        config
    }

    fn from_raw(
        mut raw: RawConfig,
        file: Option<&Path>,
        format: ConfigFormat,
    ) -> Result<Config, ConfigError> {
        let entries = std::mem::take(&mut raw.databases);
        let mut config = Config::base(raw, file, format);
        config.databases = named_databases(entries, &config.root, file)?;
        Ok(config)
    }

    /// Everything but `[[databases]]`, which is the only part that can still be refused.
    fn base(raw: RawConfig, file: Option<&Path>, format: ConfigFormat) -> Config {
        let root = file
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let resolve = |p: Option<String>, default: &str| root.join(p.as_deref().unwrap_or(default));
        let provider = raw.database.provider;
        let gen = raw.gen;
        let python_async = gen.python.is_async.unwrap_or(false);
        Config {
            file: file.map(Path::to_path_buf),
            format,
            version: raw.version.unwrap_or_else(|| DEFAULT_VERSION.to_string()),
            schema_path: resolve(raw.schema_dir, DEFAULT_SCHEMA_DIR),
            queries: resolve(raw.queries, DEFAULT_QUERIES),
            migrations_path: resolve(raw.migrations_path, DEFAULT_MIGRATIONS_PATH),
            export_path: resolve(raw.export_path, DEFAULT_EXPORT_PATH),
            database: DatabaseConfig {
                provider,
                url_env: raw
                    .database
                    .url_env
                    .unwrap_or_else(|| DEFAULT_URL_ENV.to_string()),
                url: raw.database.url,
            },
            gen: GenConfig {
                go: GenTarget {
                    enabled: gen.go.enabled.unwrap_or(false),
                    out: resolve(gen.go.out, DEFAULT_GEN_OUT),
                    driver: gen.go.driver.unwrap_or_else(|| "database/sql".to_string()),
                },
                js: GenTarget {
                    enabled: gen.js.enabled.unwrap_or(false),
                    out: resolve(gen.js.out, DEFAULT_GEN_OUT),
                    driver: gen
                        .js
                        .driver
                        .unwrap_or_else(|| default_js_driver(provider).to_string()),
                },
                python: PythonGen {
                    enabled: gen.python.enabled.unwrap_or(false),
                    out: resolve(gen.python.out, DEFAULT_GEN_OUT),
                    is_async: python_async,
                    driver: gen.python.driver.unwrap_or_else(|| {
                        default_python_driver(provider, python_async).to_string()
                    }),
                },
            },
            databases: Vec::new(),
            root,
        }
    }

    /// Re-resolves every path against `root`; used for defaults, which have no file to be relative to.
    fn rebase(&mut self, root: &Path) {
        for p in [
            &mut self.schema_path,
            &mut self.queries,
            &mut self.migrations_path,
            &mut self.export_path,
            &mut self.gen.go.out,
            &mut self.gen.js.out,
            &mut self.gen.python.out,
        ] {
            *p = root.join(&*p);
        }
        self.root = root.to_path_buf();
    }

    pub fn database_names(&self) -> Vec<&str> {
        self.databases.iter().map(|d| d.name.as_str()).collect()
    }
}

fn named_databases(
    raw: Vec<RawNamedDatabase>,
    root: &Path,
    file: Option<&Path>,
) -> Result<Vec<NamedDatabase>, ConfigError> {
    let mut out: Vec<NamedDatabase> = Vec::with_capacity(raw.len());
    for entry in raw {
        if out.iter().any(|d| d.name == entry.name) {
            let path = file.map(Path::to_path_buf).unwrap_or_default();
            return Err(ConfigError::DuplicateDatabase {
                path,
                name: entry.name,
            });
        }
        out.push(NamedDatabase {
            name: entry.name,
            provider: entry.provider,
            url_env: entry.url_env,
            url: entry.url,
            schema_path: entry.schema_dir.map(|p| root.join(p)),
            migrations_path: entry.migrations_path.map(|p| root.join(p)),
        });
    }
    Ok(out)
}

/// The driver each language uses for the dialect when the file names none; without a provider, PostgreSQL's.
fn default_js_driver(provider: Option<Dialect>) -> &'static str {
    match provider {
        Some(Dialect::Mysql) => "mysql2",
        Some(Dialect::Sqlite) => "better-sqlite3",
        Some(Dialect::Postgres) | None => "pg",
    }
}

fn default_python_driver(provider: Option<Dialect>, is_async: bool) -> &'static str {
    match (provider, is_async) {
        (Some(Dialect::Mysql), true) => "aiomysql",
        (Some(Dialect::Mysql), false) => "pymysql",
        (Some(Dialect::Sqlite), true) => "aiosqlite",
        (Some(Dialect::Sqlite), false) => "sqlite3",
        (Some(Dialect::Postgres) | None, true) => "asyncpg",
        (Some(Dialect::Postgres) | None, false) => "psycopg",
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
