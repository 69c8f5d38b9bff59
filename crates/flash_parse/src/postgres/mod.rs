//! PostgreSQL schema files, parsed by PostgreSQL's own grammar (libpg_query through the `pg_query` crate).
//!
//! [`parse_sides`] reads several schemas at once: every file is cut into statements ([`split`]), each distinct
//! statement text is parsed once on some core ([`batch`]), and each schema is then built on its own thread, statement
//! by statement in file order, through the shared builder. When the statements cannot be parsed apart (a syntax
//! error, or a cut PostgreSQL disagrees with), each file is parsed whole ([`parse_file`]), which also gives the
//! error its exact position.

mod alter;
mod batch;
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
mod plain;
mod routine;
pub(crate) mod rule;
mod sequence;
mod simple_expr;
mod split;
mod table;
mod trigger;
mod types;
mod user_type;
mod view;

use std::borrow::Cow;
use std::ops::Range;

use flash_core::{Diagnostic, Dialect, Schema, SourceFile};
use pg_query::protobuf::node::Node as N;

use crate::builder::{FileId, SchemaBuilder};
use crate::ParseError;
use context::Ctx;

/// One schema per list of files (each list in load order), as [`crate::parse_sources`] would build each.
pub fn parse_sides(sides: Vec<Vec<SourceFile>>) -> Vec<Result<Schema, ParseError>> {
    let texts: Vec<Vec<Cow<str>>> = sides
        .iter()
        .map(|files| files.iter().map(|f| blank_meta_commands(&f.text)).collect())
        .collect();
    let ranges: Vec<Vec<Vec<Range<usize>>>> = texts
        .iter()
        .map(|files| files.iter().map(|t| split::statement_ranges(t)).collect())
        .collect();
    let pieces: Vec<Vec<&str>> = texts
        .iter()
        .zip(&ranges)
        .map(|(files, ranges)| {
            files
                .iter()
                .zip(ranges)
                .flat_map(|(text, ranges)| ranges.iter().map(move |r| &text[r.clone()]))
                .collect()
        })
        .collect();
    let statements = batch::Statements::new(&pieces);
    let walks: Vec<_> = sides.iter().zip(texts.iter().zip(&ranges)).collect();
    let built = std::thread::scope(|scope| {
        for _ in 0..statements.workers() {
            scope.spawn(|| statements.work());
        }
        crate::on_threads(walks, |(files, (texts, ranges))| {
            build_side(files, texts, ranges, &statements)
        })
    });
    if statements.failed() || built.iter().any(Option::is_none) {
        return crate::on_threads(sides.iter().collect(), |files| {
            crate::parse_sources_one(Dialect::Postgres, files.clone())
        });
    }
    built.into_iter().flatten().collect()
}

/// One side's schema from its parsed statements; `None` when they could not be parsed apart.
fn build_side(
    files: &[SourceFile],
    texts: &[Cow<str>],
    ranges: &[Vec<Range<usize>>],
    statements: &batch::Statements,
) -> Option<Result<Schema, ParseError>> {
    let mut builder = SchemaBuilder::new(Dialect::Postgres);
    for ((source, text), ranges) in files.iter().zip(texts).zip(ranges) {
        let file = builder.begin_file(source.clone());
        match walk_pieces(&mut builder, file, text, ranges, statements) {
            Ok(true) => {}
            Ok(false) => {
                statements.ask_all();
                return None;
            }
            Err(diagnostic) => {
                statements.ask_all();
                return Some(Err(diagnostic.into()));
            }
        }
    }
    Some(builder.finish().map_err(ParseError::from))
}

/// The statements of one file, from the trees of its pieces; `Ok(false)` when a piece has none (the statements
/// could not be parsed apart).
fn walk_pieces(
    builder: &mut SchemaBuilder,
    file: FileId,
    text: &str,
    ranges: &[Range<usize>],
    statements: &batch::Statements,
) -> Result<bool, Diagnostic> {
    for range in ranges {
        let Some(piece) = statements.take(&text[range.clone()]) else {
            return Ok(false);
        };
        // A location in the piece's batch, plus this, is an offset in the file.
        let delta = range.start as i64 - piece.base;
        for raw in &piece.stmts {
            let Some(stmt) = raw.stmt.as_ref().and_then(|s| s.node.as_ref()) else {
                continue;
            };
            let start =
                usize::try_from(i64::from(raw.stmt_location) + delta).unwrap_or(range.start);
            let offset = first_token(text, start);
            let mut cx = Ctx::new(builder, file, offset).shifted(delta);
            statement(&mut cx, stmt)?;
        }
    }
    Ok(true)
}

/// One file parsed whole, in one call: the way that gives a syntax error its exact place.
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
        N::CreateRangeStmt(s) => user_type::create_range(cx, s),
        N::CreateSeqStmt(s) => sequence::create_sequence(cx, s),
        N::AlterSeqStmt(s) => sequence::alter_sequence(cx, s),
        N::ViewStmt(s) => view::create_view(cx, s),
        N::CreateTableAsStmt(s) => view::create_table_as(cx, s),
        N::CreateFunctionStmt(s) => routine::create_routine(cx, s),
        N::CreateTrigStmt(s) => trigger::create_trigger(cx, s),
        N::CreatePolicyStmt(s) => trigger::create_policy(cx, s),
        N::RuleStmt(s) => rule::create_rule(cx, s),
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

/// Skips white space and comments (block comments nest) from `start` to the statement's first token.
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
            match split::block_comment_end(bytes, i) {
                Some(end) => i = end,
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

#[cfg(test)]
mod statement_wise_tests;
