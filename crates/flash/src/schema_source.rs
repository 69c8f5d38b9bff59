//! Where a command reads a schema from: a directory of .sql files (recursively, in path order), one .sql file, or a
//! snapshot .json. `inspect --from`, `diff --from/--to` and `migrate` all load through here.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};
use flash_core::{Dialect, Schema};
use flash_parse::ParseError;

/// A schema source named on the command line, before it is read.
#[derive(Debug, Clone)]
pub enum Source {
    Snapshot(PathBuf),
    Sql(PathBuf),
}

impl Source {
    /// Refuses a database URL: reading a live schema belongs to a later release.
    pub fn new(path: &Path) -> anyhow::Result<Source> {
        if flash_config::DatabaseUrl::looks_like_url(&path.to_string_lossy()) {
            bail!(
                "reading a schema from a live database is not supported yet: give a directory of .sql files, a .sql \
                 file or a snapshot .json"
            );
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

    pub fn path(&self) -> &Path {
        match self {
            Source::Snapshot(p) | Source::Sql(p) => p,
        }
    }

    /// A snapshot names its own dialect; .sql files are read as `dialect`, which they need.
    pub fn load(&self, dialect: Option<Dialect>) -> anyhow::Result<Schema> {
        match self {
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
