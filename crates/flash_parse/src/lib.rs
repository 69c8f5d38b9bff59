//! SQL schema files to Flash's model.
//!
//! [`parse_path`] reads a directory of `.sql` files (in path order) or one file and returns one [`Schema`]. Each
//! dialect has its own module; they share [`builder::SchemaBuilder`], which merges objects spread over several files,
//! refuses duplicates and checks references once every file is read.

mod ahead;
mod builder;
mod files;
mod hints;
mod mysql;
mod plain_tokens;
mod postgres;
mod sqlite;
pub mod statement;

use std::path::{Path, PathBuf};

use flash_core::{Diagnostic, Dialect, Schema, SourceFile};

pub use files::collect_sql_files;

/// PostgreSQL's own parser for other crates (code generation parses queries with it), so that the C parser is built
/// and linked once, here.
pub mod postgres_tree {
    pub use crate::postgres::libpg_query::{parse, ParseFailure};
    pub use pg_query::protobuf;
}

/// A PostgreSQL rule from the `CREATE RULE` text `pg_get_ruledef` prints, on `table`, in the form the parser gives
/// rules in schema files; `None` when the text is not one rule.
pub fn postgres_rule(definition: &str, table: flash_core::QualName) -> Option<flash_core::Rule> {
    postgres::rule::rule_from_definition(definition, table)
}

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
        // Valid UTF-8 (the usual case) becomes the String without a copy.
        let text = String::from_utf8(text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        sources.push(SourceFile::new(p, text));
    }
    Ok(sources)
}

/// Parses source texts already in memory, in the order given.
pub fn parse_sources(dialect: Dialect, sources: Vec<SourceFile>) -> Result<Schema, ParseError> {
    parse_many(dialect, vec![sources])
        .pop()
        .unwrap_or_else(|| Ok(Schema::new(dialect)))
}

/// Parses several schemas at once, each from its own files (in the order given), and gives their results in the
/// same order: what `flash diff` needs for its two sides. The work is spread over the machine's cores, and for
/// PostgreSQL a statement the schemas share is parsed once.
pub fn parse_many(
    dialect: Dialect,
    sides: Vec<Vec<SourceFile>>,
) -> Vec<Result<Schema, ParseError>> {
    match dialect {
        Dialect::Postgres => postgres::parse_sides(sides),
        Dialect::Mysql => mysql::parse_sides(sides),
        Dialect::Sqlite => on_threads(sides, |files| parse_sources_one(dialect, files)),
    }
}

/// `work` on each item, the first on this thread and each other one on a thread of its own.
fn on_threads<T: Send, R: Send>(items: Vec<T>, work: impl Fn(T) -> R + Sync) -> Vec<R> {
    std::thread::scope(|scope| {
        let mut items = items.into_iter();
        let first = items.next();
        let others: Vec<_> = items.map(|item| scope.spawn(|| work(item))).collect();
        let mut out: Vec<R> = first.into_iter().map(&work).collect();
        out.extend(others.into_iter().map(|h| {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }));
        out
    })
}

/// One schema from its files, each parsed whole in turn.
fn parse_sources_one(dialect: Dialect, sources: Vec<SourceFile>) -> Result<Schema, ParseError> {
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
