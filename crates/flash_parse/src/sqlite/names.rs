//! Object names: qualifying them, finding them before sqlparser has run, and SQLite's rule that tables and views
//! share one namespace.

use flash_core::{Diagnostic, QualName};
use sqlparser::ast::{ObjectName, ObjectNamePart};

use super::lex::Token;
use super::sql::StmtText;
use super::table::ForeignRef;
use super::Cx;

/// `[schema.]name` starting at `tokens[i]`, skipping `IF NOT EXISTS`: for the checks that run before sqlparser.
pub fn name_after(src: &str, tokens: &[Token], mut i: usize) -> Option<(Option<String>, String)> {
    if tokens.get(i).is_some_and(|t| t.is_word(src, "IF")) {
        i += 3;
    }
    let first = tokens.get(i)?.ident(src);
    if tokens.get(i + 1).is_some_and(|t| t.is_punct('.')) {
        let second = tokens.get(i + 2)?.ident(src);
        return Some((Some(first), second));
    }
    Some((None, first))
}

pub fn qual_name(
    st: &StmtText<'_>,
    name: &ObjectName,
    default_schema: &str,
) -> Result<QualName, Diagnostic> {
    let mut parts = Vec::new();
    for part in &name.0 {
        match part {
            ObjectNamePart::Identifier(ident) => parts.push(ident.value.clone()),
            other => {
                return Err(st.error(st.name_offset(name), format!("\"{other}\" is not a name")))
            }
        }
    }
    match parts.as_slice() {
        [name] => Ok(QualName::new(default_schema, name.clone())),
        [schema, name] => Ok(QualName::new(schema.clone(), name.clone())),
        _ => Err(st.error(
            st.name_offset(name),
            format!("\"{name}\" has too many parts: write [schema.]name"),
        )),
    }
}

/// SQLite keeps tables and views in one namespace: a view may not take a table's name, nor the reverse.
/// A table/table or view/view clash is left to the builder, which names the first definition.
pub fn check_name_free(
    cx: &Cx<'_>,
    defining_view: bool,
    name: &QualName,
    at: usize,
) -> Result<(), Diagnostic> {
    let clash = if defining_view {
        cx.builder.find_table(name).map(|t| ("table", t))
    } else {
        find_view(cx, name).map(|v| ("view", v))
    };
    match clash {
        Some((kind, existing)) => Err(cx.source.error_at(
            at,
            format!("there is already a {kind} named \"{existing}\""),
        )),
        None => Ok(()),
    }
}

/// The key of an existing view, matched case-insensitively as SQLite does.
pub fn find_view(cx: &Cx<'_>, name: &QualName) -> Option<QualName> {
    let want = (
        name.schema.to_ascii_lowercase(),
        name.name.to_ascii_lowercase(),
    );
    cx.builder
        .schema
        .views
        .keys()
        .find(|k| (k.schema.to_ascii_lowercase(), k.name.to_ascii_lowercase()) == want)
        .cloned()
}

/// Foreign key targets: checked now when the table is already known (including a table referencing itself), else
/// left for the end, when every file has been read.
pub fn check_foreign_refs(cx: &mut Cx<'_>, refs: Vec<ForeignRef>) -> Result<(), Diagnostic> {
    for r in refs {
        let origin = cx.builder.origin(cx.file, r.offset);
        if cx.builder.find_table(&r.table).is_some() {
            if !r.columns.is_empty() {
                cx.builder.require_columns(&r.table, &r.columns, origin)?;
            }
        } else {
            cx.builder.defer_table(r.table.clone(), origin);
            if !r.columns.is_empty() {
                cx.builder.defer_columns(r.table, r.columns, origin);
            }
        }
    }
    Ok(())
}
