//! Annotated query files to typed Go, TypeScript and Python.
//!
//! The stages: [`query_file`] splits a file into annotated queries and finds their parameters; [`lower`] parses each
//! with its dialect's grammar into [`sql_tree`]; [`infer`] types parameters and result columns against the schema
//! model; [`analyze`] assembles the language-neutral [`ir`]; [`lang`] renders it per language and driver;
//! [`incremental`] writes only what changed and refuses to overwrite a hand edit; [`oracle`] holds the inferred
//! types against the database's own description of each query.

pub mod analyze;
pub mod incremental;
pub mod infer;
pub mod ir;
pub mod lang;
pub mod lower;
pub mod naming;
pub mod oracle;
pub mod query_file;
pub mod sql_tree;

use std::path::{Path, PathBuf};

use flash_core::{Diagnostic, Schema, SourceFile};

pub use ir::{Query, QueryKind, QuerySet, SqlType};
pub use lang::{GeneratedFile, Language, Target};

#[derive(Debug, thiserror::Error)]
pub enum CodegenError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(Box<Diagnostic>),
}

impl From<Diagnostic> for CodegenError {
    fn from(d: Diagnostic) -> Self {
        CodegenError::Invalid(Box::new(d))
    }
}

/// The `.sql` files of a queries directory (recursively, in path order), or the one file.
pub fn read_query_files(path: &Path) -> Result<Vec<SourceFile>, CodegenError> {
    let paths = flash_parse::collect_sql_files(path).map_err(|source| CodegenError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|source| CodegenError::Io {
                path: p.clone(),
                source,
            })?;
            Ok(SourceFile::new(p, text))
        })
        .collect()
}

/// Every query of every file, typed against `schema`. Query names are unique across files.
pub fn analyze_files(schema: &Schema, files: &[SourceFile]) -> Result<QuerySet, Diagnostic> {
    let enums = infer::types::Enums::from_schema(schema);
    let mut queries: Vec<Query> = Vec::new();
    // (name, file index, offset) of each query seen, for the duplicate error.
    let mut seen: Vec<(String, usize, usize)> = Vec::new();
    for (file_index, file) in files.iter().enumerate() {
        let stem = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "queries".into());
        for raw in query_file::split(schema.dialect, file)? {
            if let Some((_, first_file, first_offset)) =
                seen.iter().find(|(n, _, _)| *n == raw.name)
            {
                let first = &files[*first_file];
                let span = first.span_at(*first_offset);
                return Err(file.error_at(
                    raw.name_offset,
                    format!(
                        "duplicate query name {}: first defined at {}:{}:{}",
                        raw.name,
                        first.path.display(),
                        span.line,
                        span.col
                    ),
                ));
            }
            seen.push((raw.name.clone(), file_index, raw.name_offset));
            queries.push(analyze::analyze(schema, &enums, file, &stem, &raw)?);
        }
    }
    Ok(QuerySet {
        dialect: schema.dialect,
        enums: enums.defs,
        queries,
    })
}
