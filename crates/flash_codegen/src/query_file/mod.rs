//! Query files: `-- name: GetUser :one` above each query, the SQL up to the next annotation.

pub mod placeholders;

use flash_core::{Diagnostic, Dialect, SourceFile};

use crate::ir::QueryKind;
pub use placeholders::{ParamDecl, Placeholders, Slot};

/// One annotated query as written, before any type is known.
#[derive(Debug, Clone)]
pub struct RawQuery {
    pub name: String,
    /// Byte offset of the name in the file.
    pub name_offset: usize,
    pub kind: QueryKind,
    pub doc: Vec<String>,
    /// The SQL without the annotation, surrounding blank lines or a trailing `;`.
    pub body: String,
    /// Byte offset of `body` in the file: diagnostics inside the SQL add this.
    pub body_offset: usize,
    pub placeholders: Placeholders,
}

/// Splits a query file into its queries. Text before the first annotation may only be comments.
pub fn split(dialect: Dialect, file: &SourceFile) -> Result<Vec<RawQuery>, Diagnostic> {
    let text = &file.text;
    let mut queries: Vec<RawQuery> = Vec::new();
    let mut pending_doc: Vec<String> = Vec::new();
    // (annotation, body start) of the query being read.
    let mut open: Option<(Annotation, usize, Vec<String>)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if let Some(annotation) = parse_annotation(file, line, line_start)? {
            if let Some((previous, body_start, doc)) = open.take() {
                queries.push(finish(
                    dialect, file, previous, body_start, line_start, doc,
                )?);
            }
            open = Some((annotation, offset, std::mem::take(&mut pending_doc)));
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix("--") {
            pending_doc.push(comment.trim().to_string());
        } else if trimmed.is_empty() {
            pending_doc.clear();
        } else {
            pending_doc.clear();
            if open.is_none() {
                let lead = line.len() - line.trim_start().len();
                return Err(file.error_at(
                    line_start + lead,
                    "SQL before the first `-- name: <Name> :<kind>` annotation; every query needs one",
                ));
            }
        }
    }
    if let Some((annotation, body_start, doc)) = open {
        queries.push(finish(
            dialect,
            file,
            annotation,
            body_start,
            text.len(),
            doc,
        )?);
    }
    Ok(queries)
}

struct Annotation {
    name: String,
    name_offset: usize,
    kind: QueryKind,
}

/// `-- name: GetUser :one`. A line that is not an annotation is `None`; a broken annotation is an error.
fn parse_annotation(
    file: &SourceFile,
    line: &str,
    line_start: usize,
) -> Result<Option<Annotation>, Diagnostic> {
    let lead = line.len() - line.trim_start().len();
    let Some(after_dashes) = line[lead..].strip_prefix("--") else {
        return Ok(None);
    };
    let spaces = after_dashes.len() - after_dashes.trim_start().len();
    let Some(after_key) = after_dashes[spaces..].strip_prefix("name:") else {
        return Ok(None);
    };
    let mut at = line_start + lead + 2 + spaces + 5;
    let rest = after_key.trim_end();
    let name_lead = rest.len() - rest.trim_start().len();
    at += name_lead;
    let mut words = rest.split_whitespace();
    let Some(name) = words.next() else {
        return Err(file.error_at(at, "`-- name:` without a query name"));
    };
    if name.starts_with(':') {
        return Err(file.error_at(at, "`-- name:` without a query name before the kind"));
    }
    if !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(file.error_at(
            at,
            format!("\"{name}\" is not a query name: use letters, digits and underscores, starting with a letter"),
        ));
    }
    let name_offset = at;
    let kind_offset = line_start + line.find(name).map_or(0, |i| i + name.len());
    let Some(kind_word) = words.next() else {
        return Err(file.error_at(
            kind_offset,
            format!("query {name} has no kind: add one of {}", kinds_list()),
        ));
    };
    let kind_at = line_start
        + line[kind_offset - line_start..]
            .find(kind_word)
            .unwrap_or(0)
        + (kind_offset - line_start);
    let Some(kind) = kind_word.strip_prefix(':').and_then(QueryKind::parse) else {
        return Err(file.error_at(
            kind_at,
            format!(
                "unknown query kind \"{kind_word}\": expected one of {}",
                kinds_list()
            ),
        ));
    };
    if let Some(extra) = words.next() {
        let extra_at = line_start + line.rfind(extra).unwrap_or(0);
        return Err(file.error_at(
            extra_at,
            format!("unexpected \"{extra}\" after the query kind"),
        ));
    }
    Ok(Some(Annotation {
        name: name.to_string(),
        name_offset,
        kind,
    }))
}

fn kinds_list() -> String {
    QueryKind::ALL
        .iter()
        .map(|(n, _)| format!(":{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn finish(
    dialect: Dialect,
    file: &SourceFile,
    annotation: Annotation,
    body_start: usize,
    body_end: usize,
    doc: Vec<String>,
) -> Result<RawQuery, Diagnostic> {
    let region = &file.text[body_start.min(body_end)..body_end];
    // Comment lines at the end belong to the next query's documentation, not to this SQL.
    let mut kept = region.len();
    for line in region
        .split_inclusive('\n')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let t = line.trim();
        if t.is_empty() || t.starts_with("--") {
            kept -= line.len();
        } else {
            break;
        }
    }
    let region = &region[..kept];
    let lead = region.len() - region.trim_start().len();
    let body_offset = body_start + lead;
    let mut body = region.trim().to_string();
    if body.is_empty() {
        return Err(file.error_at(
            annotation.name_offset,
            format!("query {} has no SQL", annotation.name),
        ));
    }
    let placeholders = placeholders::scan(dialect, &body)
        .map_err(|e| file.error_at(body_offset + e.offset, e.message))?;
    let mut placeholders = placeholders;
    // One trailing `;` ends the statement; any other outside strings and comments starts a second one.
    if let Some(&last) = placeholders.semicolons.last() {
        if body[last + 1..].trim().is_empty() {
            body.truncate(last);
            let trimmed = body.trim_end().len();
            body.truncate(trimmed);
            placeholders.semicolons.pop();
        }
    }
    if let Some(&second) = placeholders.semicolons.first() {
        let next = body[second + 1..].len() - body[second + 1..].trim_start().len();
        return Err(file.error_at(
            body_offset + second + 1 + next,
            format!(
                "query {} holds more than one statement; give each its own `-- name:`",
                annotation.name
            ),
        ));
    }
    Ok(RawQuery {
        name: annotation.name,
        name_offset: annotation.name_offset,
        kind: annotation.kind,
        doc,
        body,
        body_offset,
        placeholders,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_str(text: &str) -> Result<Vec<RawQuery>, Diagnostic> {
        split(Dialect::Postgres, &SourceFile::new("q.sql", text))
    }

    #[test]
    fn splits_annotated_queries_with_their_docs() {
        let queries = split_str(
            "-- users\n\n-- Finds one.\n-- name: GetUser :one\nSELECT 1;\n\n-- name: ListUsers :many\nSELECT 2\n",
        )
        .expect("splits");
        assert_eq!(queries.len(), 2);
        assert_eq!(queries[0].name, "GetUser");
        assert_eq!(queries[0].doc, vec!["Finds one."]);
        assert_eq!(queries[0].body, "SELECT 1");
        assert_eq!(queries[1].kind, QueryKind::Many);
        assert_eq!(queries[1].body, "SELECT 2");
    }

    #[test]
    fn annotation_errors_point_at_the_problem() {
        let missing = split_str("-- name: GetUser\nSELECT 1").expect_err("no kind");
        assert_eq!((missing.span.line, missing.span.col), (1, 17));
        assert!(missing.message.contains("no kind"), "{}", missing.message);
        let unknown = split_str("-- name: GetUser :single\nSELECT 1").expect_err("kind");
        assert_eq!((unknown.span.line, unknown.span.col), (1, 18));
        let loose = split_str("SELECT 1;\n-- name: A :one\nSELECT 2").expect_err("loose");
        assert_eq!(loose.span.line, 1);
        let two = split_str("-- name: A :one\nSELECT 1; SELECT 2;").expect_err("two");
        assert_eq!((two.span.line, two.span.col), (2, 11));
    }
}
