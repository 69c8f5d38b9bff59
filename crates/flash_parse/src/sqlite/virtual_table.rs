//! `CREATE VIRTUAL TABLE name USING module(args)`: kept as a [`Table`] without columns whose
//! `options.virtual_using` holds `module(args)` as written, since the module alone decides what the arguments mean.
//!
//! Modules such as FTS5 create "shadow" tables (`docs_data`, `docs_idx`, ...) that `sqlite3 .schema` and
//! `sqlite_schema` list beside the virtual table. They belong to the module, so they are skipped.

use flash_core::{Diagnostic, QualName, Table};

use super::names::{check_name_free, name_after};
use super::split::Statement;
use super::Cx;
use crate::builder::SchemaBuilder;

/// Suffixes of the shadow tables of FTS3/4, FTS5 and R*Tree.
const SHADOW_SUFFIXES: &[&str] = &[
    "_data",
    "_idx",
    "_content",
    "_docsize",
    "_config",
    "_segments",
    "_segdir",
    "_stat",
    "_node",
    "_parent",
    "_rowid",
];

pub fn create_virtual_table(
    cx: &mut Cx<'_>,
    stmt: &Statement,
    table_word: usize,
) -> Result<(), Diagnostic> {
    let src = cx.source.text.as_str();
    let tokens = &stmt.tokens;
    let Some((schema, name)) = name_after(src, tokens, table_word + 1) else {
        return Err(cx
            .source
            .error_at(stmt.end, "expected the virtual table's name"));
    };
    let Some(using) = tokens.iter().position(|t| t.is_word(src, "USING")) else {
        return Err(cx.source.error_at(
            stmt.end,
            "expected USING module(...) after the virtual table's name",
        ));
    };
    let Some(module) = tokens.get(using + 1) else {
        return Err(cx
            .source
            .error_at(stmt.end, "expected a module name after USING"));
    };
    let name_index = if tokens
        .get(table_word + 1)
        .is_some_and(|t| t.is_word(src, "IF"))
    {
        table_word + 4
    } else {
        table_word + 1
    };
    let name_at = tokens.get(name_index).map_or(stmt.start, |t| t.start);
    let qual = QualName::new(schema.unwrap_or_else(|| cx.default_schema.into()), name);
    check_name_free(cx, false, &qual, name_at)?;
    let mut table = Table::new(qual);
    let module_text = src
        .get(module.start..stmt.end)
        .unwrap_or("")
        .trim()
        .to_string();
    table.options.insert("virtual_using".into(), module_text);
    let origin = cx.builder.origin(cx.file, name_at);
    cx.builder.add_table(table, origin)
}

/// Whether `name` is a shadow table of a virtual table already read.
pub fn is_shadow_table(
    builder: &SchemaBuilder,
    default_schema: &str,
    schema: Option<&str>,
    name: &str,
) -> bool {
    let lower = name.to_ascii_lowercase();
    SHADOW_SUFFIXES.iter().any(|suffix| {
        let Some(owner) = lower.strip_suffix(suffix) else {
            return false;
        };
        let key = QualName::new(schema.unwrap_or(default_schema), owner);
        builder
            .find_table(&key)
            .and_then(|k| builder.schema.tables.get(&k))
            .is_some_and(|t| t.options.contains_key("virtual_using"))
    })
}
