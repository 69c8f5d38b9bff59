//! Where a command reads a schema from: a directory of .sql files (recursively, in path order), one .sql file, a
//! snapshot .json, or a live database by URL. `inspect --from`, `diff --from/--to` and `migrate` all load through
//! here.

use std::path::{Path, PathBuf};

use anyhow::anyhow;
use flash_config::DatabaseUrl;
use flash_core::{Dialect, Schema};
use flash_parse::ParseError;

use crate::live::{shown, LiveDatabase};

/// A schema source named on the command line, before it is read.
#[derive(Debug, Clone)]
pub enum Source {
    Snapshot(PathBuf),
    Sql(PathBuf),
    Database(DatabaseUrl),
}

impl Source {
    pub fn new(path: &Path) -> anyhow::Result<Source> {
        let text = path.to_string_lossy();
        if DatabaseUrl::looks_like_url(&text) {
            return Ok(Source::Database(DatabaseUrl::parse(&text)?));
        }
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        Ok(if is_json {
            Source::Snapshot(path.to_path_buf())
        } else {
            Source::Sql(path.to_path_buf())
        })
    }

    /// The source as messages name it: a path, or a URL with its password masked.
    pub fn shown(&self) -> String {
        match self {
            Source::Snapshot(p) | Source::Sql(p) => p.display().to_string(),
            Source::Database(url) => shown(url),
        }
    }

    /// The dialect the source names itself: a database's URL does.
    pub fn own_dialect(&self) -> Option<Dialect> {
        match self {
            Source::Database(url) => Some(url.dialect),
            Source::Snapshot(_) | Source::Sql(_) => None,
        }
    }

    /// A snapshot names its own dialect; .sql files are read as `dialect`, which they need. A database is
    /// inspected (and closed: see [`LiveDatabase`] to keep it open).
    pub fn load(&self, dialect: Option<Dialect>) -> anyhow::Result<Schema> {
        match self {
            Source::Database(url) => {
                let live = LiveDatabase::open(url)?;
                let schema = live.schema.clone();
                live.close();
                Ok(schema)
            }
            Source::Snapshot(path) => Ok(flash_core::snapshot::load_snapshot(path)?),
            Source::Sql(path) => {
                let Some(dialect) = dialect else {
                    return Err(unknown_dialect(path));
                };
                parse_schema(dialect, path)
            }
        }
    }
}

/// The schema at `src`: see [`Source`].
pub fn load_schema(src: &Path, dialect: Option<Dialect>) -> anyhow::Result<Schema> {
    Source::new(src)?.load(dialect)
}

fn parse_schema(dialect: Dialect, from: &Path) -> anyhow::Result<Schema> {
    crate::schema_cache::parse_path(dialect, from).map_err(parse_error)
}

/// The schemas of several directories or .sql files at once, in order: what they share is parsed once.
pub fn parse_schemas(dialect: Option<Dialect>, paths: &[&Path]) -> Vec<anyhow::Result<Schema>> {
    let Some(dialect) = dialect else {
        return paths.iter().map(|p| Err(unknown_dialect(p))).collect();
    };
    crate::schema_cache::parse_paths(dialect, paths)
        .into_iter()
        .map(|r| r.map_err(parse_error))
        .collect()
}

fn unknown_dialect(path: &Path) -> anyhow::Error {
    anyhow!(
        "cannot tell which SQL dialect {} is written in: pass --dialect postgresql|mysql|sqlite, or set `provider` \
         under [database] in flash.toml",
        path.display()
    )
}

fn parse_error(e: ParseError) -> anyhow::Error {
    match e {
        ParseError::Io { path, source } => {
            anyhow!("cannot read schema files from {}: {source}", path.display())
        }
        // The diagnostic already says where and what, with the offending line.
        ParseError::Invalid(diagnostic) => anyhow!("{diagnostic}"),
    }
}
