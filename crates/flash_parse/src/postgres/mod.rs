//! PostgreSQL schema files, parsed by PostgreSQL's own grammar (libpg_query through the `pg_query` crate).
//!
//! The whole file is parsed in one call; each statement then updates the model through the shared builder.

mod alter;
mod comment;
mod constraint;
mod context;
mod expr;
mod grant;
mod index;
pub(crate) mod libpg_query;
mod names;
mod namespace;
mod naming;
mod routine;
mod sequence;
mod table;
mod trigger;
mod types;
mod user_type;
mod view;

use std::borrow::Cow;

use flash_core::Diagnostic;
use pg_query::protobuf::node::Node as N;

use crate::builder::{FileId, SchemaBuilder};
use context::Ctx;

pub fn parse_file(builder: &mut SchemaBuilder, file: FileId) -> Result<(), Diagnostic> {
    let source = builder.file(file).text.clone();
    let text = blank_meta_commands(&source);
    let parsed = match libpg_query::parse(&text) {
        Ok(parsed) => parsed,
        Err(failure) => {
            // PostgreSQL quotes the rest of the input after an unterminated string; the first line says enough.
            let message = failure
                .message
                .lines()
                .next()
                .unwrap_or_default()
                .to_string();
            return Err(builder.error(
                builder.origin(file, failure.offset.unwrap_or(text.len())),
                message,
            ));
        }
    };
    for raw in &parsed.stmts {
        let Some(stmt) = raw.stmt.as_ref().and_then(|s| s.node.as_ref()) else {
            continue;
        };
        let offset = first_token(&text, usize::try_from(raw.stmt_location).unwrap_or(0));
        let mut cx = Ctx::new(builder, file, offset);
        statement(&mut cx, stmt)?;
    }
    Ok(())
}

/// Dispatches one top-level statement (also used for the elements of `CREATE SCHEMA ... CREATE TABLE ...`).
fn statement(cx: &mut Ctx, stmt: &N) -> Result<(), Diagnostic> {
    match stmt {
        N::CreateStmt(s) => table::create_table(cx, s),
        N::IndexStmt(s) => index::create_index(cx, s),
        N::AlterTableStmt(s) => alter::alter_table(cx, s),
        N::CreateEnumStmt(s) => user_type::create_enum(cx, s),
        N::AlterEnumStmt(s) => user_type::alter_enum(cx, s),
        N::CreateDomainStmt(s) => user_type::create_domain(cx, s),
        N::CompositeTypeStmt(s) => user_type::create_composite(cx, s),
        N::CreateSeqStmt(s) => sequence::create_sequence(cx, s),
        N::AlterSeqStmt(s) => sequence::alter_sequence(cx, s),
        N::ViewStmt(s) => view::create_view(cx, s),
        N::CreateTableAsStmt(s) => view::create_table_as(cx, s),
        N::CreateFunctionStmt(s) => routine::create_routine(cx, s),
        N::CreateTrigStmt(s) => trigger::create_trigger(cx, s),
        N::CreatePolicyStmt(s) => trigger::create_policy(cx, s),
        N::CreateExtensionStmt(s) => namespace::create_extension(cx, s),
        N::CreateSchemaStmt(s) => namespace::create_schema(cx, s),
        N::CommentStmt(s) => comment::comment_on(cx, s),
        N::GrantStmt(s) => grant::grant(cx, s),
        // Session settings, ownership and the search_path reset that pg_dump writes change nothing in the model.
        N::VariableSetStmt(_) | N::AlterOwnerStmt(_) | N::AlterDefaultPrivilegesStmt(_) => Ok(()),
        N::SelectStmt(s) if is_dump_housekeeping(s) => Ok(()),
        N::TransactionStmt(_) => Ok(()),
        N::RenameStmt(_) => Err(cx.err(
            -1,
            "RENAME does not belong in a schema file: write the new name and put `-- flash:renamed-from old_name` \
             on the line above it",
        )),
        N::DropStmt(_) => Err(cx.err(
            -1,
            "DROP does not belong in a schema file: schema files declare the desired state",
        )),
        other => Err(cx.err(
            -1,
            format!("Flash does not model {} statements", statement_kind(other)),
        )),
    }
}

/// `SELECT pg_catalog.set_config('search_path', '', false);` and friends, as pg_dump writes them.
fn is_dump_housekeeping(s: &pg_query::protobuf::SelectStmt) -> bool {
    s.from_clause.is_empty()
        && !s.target_list.is_empty()
        && s.target_list.iter().all(|t| {
            let Some(N::ResTarget(rt)) = t.node.as_ref() else {
                return false;
            };
            let Some(N::FuncCall(f)) = rt.val.as_deref().and_then(|v| v.node.as_ref()) else {
                return false;
            };
            matches!(
                names::strings(&f.funcname).last().map(String::as_str),
                Some("set_config" | "setval")
            )
        })
}

fn statement_kind(stmt: &N) -> String {
    let debug = format!("{stmt:?}");
    let name = debug.split('(').next().unwrap_or("these");
    name.strip_suffix("Stmt").unwrap_or(name).to_string()
}

/// psql meta-commands (`\connect`, and the `\restrict KEY` lines recent pg_dump writes) are not SQL. They are
/// blanked with spaces, keeping every byte offset, so diagnostics still point at the right place.
pub(crate) fn blank_meta_commands(text: &str) -> Cow<'_, str> {
    if !text.lines().any(is_meta_command) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if is_meta_command(line) {
            let body = line.trim_end_matches(['\n', '\r']);
            out.extend(std::iter::repeat_n(' ', body.len()));
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

fn is_meta_command(line: &str) -> bool {
    let mut chars = line.trim_start().chars();
    chars.next() == Some('\\') && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Skips white space and comments from `start` to the statement's first token.
pub(crate) fn first_token(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start.min(bytes.len());
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes[i..].starts_with(b"--") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if bytes[i..].starts_with(b"/*") {
            match text[i + 2..].find("*/") {
                Some(end) => i += end + 4,
                None => return i,
            }
        } else {
            return i;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_commands_are_blanked_in_place() {
        let text = "\\restrict abc\nCREATE TABLE t (a int);\n  \\connect db\n";
        let blanked = blank_meta_commands(text);
        assert_eq!(blanked.len(), text.len());
        let expected = format!(
            "{}\nCREATE TABLE t (a int);\n{}\n",
            " ".repeat(13),
            " ".repeat(13)
        );
        assert_eq!(blanked, expected);
    }

    #[test]
    fn first_token_skips_comments() {
        let text = ";\n-- a\n/* b */ CREATE";
        assert_eq!(first_token(text, 1), text.find("CREATE").expect("present"));
    }
}
