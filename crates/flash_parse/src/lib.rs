//! SQL schema files to Flash's model.
//!
//! [`parse_path`] reads a directory of `.sql` files (in path order) or one file and returns one [`Schema`]. Each
//! dialect has its own module; they share [`builder::SchemaBuilder`], which merges objects spread over several files,
//! refuses duplicates and checks references once every file is read.

mod builder;
mod files;
mod hints;
mod mysql;
mod postgres;
mod sqlite;
pub mod statement;

use std::path::{Path, PathBuf};

use flash_core::{Diagnostic, Dialect, Schema, SourceFile};

pub use files::collect_sql_files;

#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(Box<Diagnostic>),
}

impl From<Diagnostic> for ParseError {
    fn from(d: Diagnostic) -> Self {
        ParseError::Invalid(Box::new(d))
    }
}

/// Parses a directory of schema files (recursively, in path order) or a single `.sql` file.
pub fn parse_path(dialect: Dialect, path: &Path) -> Result<Schema, ParseError> {
    parse_sources(dialect, read_sources(path)?)
}

/// The `.sql` files of a directory (recursively, in path order) or the one file, read into memory: what
/// [`parse_path`] parses, for callers that also need the texts (a cache keyed by them).
pub fn read_sources(path: &Path) -> Result<Vec<SourceFile>, ParseError> {
    let paths = collect_sql_files(path).map_err(|source| ParseError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut sources = Vec::with_capacity(paths.len());
    for p in paths {
        let text = std::fs::read(&p).map_err(|source| ParseError::Io {
            path: p.clone(),
            source,
        })?;
        sources.push(SourceFile::new(
            p,
            String::from_utf8_lossy(&text).into_owned(),
        ));
    }
    Ok(sources)
}

/// Parses source texts already in memory, in the order given.
pub fn parse_sources(dialect: Dialect, sources: Vec<SourceFile>) -> Result<Schema, ParseError> {
    let mut builder = builder::SchemaBuilder::new(dialect);
    for source in sources {
        let file = builder.begin_file(source);
        match dialect {
            Dialect::Postgres => postgres::parse_file(&mut builder, file)?,
            Dialect::Mysql => mysql::parse_file(&mut builder, file)?,
            Dialect::Sqlite => sqlite::parse_file(&mut builder, file)?,
        }
    }
    Ok(builder.finish()?)
}

/// Parses one SQL text as if it were a file at `path`: for tests, tools and the fuzzer.
pub fn parse_str(dialect: Dialect, path: &str, text: &str) -> Result<Schema, ParseError> {
    parse_sources(dialect, vec![SourceFile::new(path, text)])
}
