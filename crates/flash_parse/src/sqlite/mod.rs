//! SQLite schema files: split into statements, classify each by its leading words, and hand the object kinds to their
//! modules. sqlparser (`SQLiteDialect`) parses tables, indexes, views and ALTERs after a byte-for-byte pre-pass
//! ([`prepass`]); triggers and virtual tables are read from tokens, because their bodies and module arguments are
//! kept as written.
//!
//! Conventions (shared with reading a live database, whose `sqlite_schema` text goes through this same parser):
//! unqualified names live in schema `main` (`temp` for TEMP objects); declared types are upper-cased with their
//! numbers as arguments; `CREATE ... IF NOT EXISTS` of an object that already exists is still a duplicate, because a
//! schema file declares, it does not guard.

mod alter;
mod index;
pub(crate) mod lex;
mod names;
mod prepass;
#[cfg(test)]
mod readback_tests;
pub(crate) mod split;
mod sql;
mod table;
mod trigger;
mod view;
mod virtual_table;

use flash_core::{Diagnostic, SourceFile};

use crate::builder::{FileId, SchemaBuilder};
use lex::Token;
use split::{split_statements, Statement};
use sql::StmtText;

/// What the statements of one file need: the builder, the file's id, and its text.
pub struct Cx<'a> {
    pub builder: &'a mut SchemaBuilder,
    pub file: FileId,
    pub source: &'a SourceFile,
    /// The schema unqualified names belong to: `main` for schema files; the attached database's name when the text
    /// comes from that database's `sqlite_schema`.
    pub default_schema: &'a str,
}

pub fn parse_file(builder: &mut SchemaBuilder, file: FileId) -> Result<(), Diagnostic> {
    parse_file_in_schema(builder, file, "main")
}

/// Parses a file whose unqualified names belong to `default_schema`: what reading the `sqlite_schema` of an attached
/// database (or `temp`) needs, since SQLite stores the declared text without the schema name.
pub fn parse_file_in_schema(
    builder: &mut SchemaBuilder,
    file: FileId,
    default_schema: &str,
) -> Result<(), Diagnostic> {
    debug_assert_eq!(builder.dialect(), flash_core::Dialect::Sqlite);
    let source = builder.file(file).clone();
    let mut cx = Cx {
        builder,
        file,
        source: &source,
        default_schema,
    };
    for statement in split_statements(&source.text) {
        parse_statement(&mut cx, &statement)?;
    }
    Ok(())
}

/// Object kinds other databases have and SQLite does not, with how the error names them.
const NOT_IN_SQLITE: &[(&str, &str)] = &[
    ("TYPE", "user-defined types"),
    ("DOMAIN", "domains"),
    (
        "SEQUENCE",
        "sequences (use INTEGER PRIMARY KEY [AUTOINCREMENT])",
    ),
    ("FUNCTION", "SQL-defined functions"),
    ("PROCEDURE", "stored procedures"),
    ("POLICY", "row-level security policies"),
    (
        "EXTENSION",
        "CREATE EXTENSION (extensions are loaded at run time)",
    ),
    (
        "SCHEMA",
        "CREATE SCHEMA (attach another database file instead)",
    ),
    ("DATABASE", "CREATE DATABASE (a database is a file)"),
    ("MATERIALIZED", "materialized views"),
    ("ROLE", "roles"),
    ("USER", "users"),
    ("AGGREGATE", "SQL-defined aggregates"),
    ("OPERATOR", "user-defined operators"),
    ("CAST", "user-defined casts"),
    ("COLLATION", "SQL-defined collations"),
    ("PUBLICATION", "publications"),
    ("EVENT", "events"),
    ("RULE", "rules"),
];

fn parse_statement(cx: &mut Cx<'_>, stmt: &Statement) -> Result<(), Diagnostic> {
    let src = cx.source.text.as_str();
    let word = |i: usize| {
        stmt.tokens
            .get(i)
            .map(|t| t.text(src).to_ascii_uppercase())
            .unwrap_or_default()
    };
    let first = word(0);
    match first.as_str() {
        // Session and transaction statements that dumps and scripts wrap schemas in.
        "PRAGMA" | "BEGIN" | "COMMIT" | "END" | "ANALYZE" => return Ok(()),
        // `.fullschema` writes statistics rows; they are not schema.
        "INSERT" if word(2).starts_with("SQLITE_STAT") => return Ok(()),
        "GRANT" | "REVOKE" => {
            return Err(unsupported(
                cx,
                stmt.tokens.first(),
                "privileges (GRANT/REVOKE)",
            ))
        }
        "COMMENT" => {
            return Err(unsupported(
                cx,
                stmt.tokens.first(),
                "COMMENT ON (write a -- comment instead)",
            ))
        }
        "CREATE" => return create(cx, stmt),
        "ALTER" if word(1) == "TABLE" => return alter::alter_table(cx, stmt),
        _ => {}
    }
    // Anything else: a syntax error if sqlparser cannot read it, else a statement that declares nothing.
    let st = StmtText {
        file: cx.source,
        start: stmt.start,
        text: stmt.text(src),
    };
    st.parse()?;
    Err(st.error(
        stmt.start,
        format!("{first} does not belong in a schema file: schema files declare tables, indexes, views and triggers"),
    ))
}

fn create(cx: &mut Cx<'_>, stmt: &Statement) -> Result<(), Diagnostic> {
    let src = cx.source.text.as_str();
    // Skip the modifiers to find the kind of object: CREATE [TEMP|TEMPORARY] [UNIQUE] [VIRTUAL] [OR REPLACE] <kind>.
    let mut i = 1;
    let mut is_virtual = false;
    while let Some(t) = stmt.tokens.get(i) {
        let w = t.text(src).to_ascii_uppercase();
        match w.as_str() {
            "TEMP" | "TEMPORARY" | "UNIQUE" | "OR" | "REPLACE" => i += 1,
            "VIRTUAL" => {
                is_virtual = true;
                i += 1;
            }
            _ => break,
        }
    }
    let kind = stmt.tokens.get(i);
    let kind_word = kind
        .map(|t| t.text(src).to_ascii_uppercase())
        .unwrap_or_default();
    match kind_word.as_str() {
        "TABLE" if is_virtual => virtual_table::create_virtual_table(cx, stmt, i),
        "TABLE" => create_table(cx, stmt, i),
        "INDEX" => index::create_index(cx, stmt),
        "VIEW" => view::create_view(cx, stmt),
        "TRIGGER" => trigger::create_trigger(cx, stmt),
        _ => match NOT_IN_SQLITE.iter().find(|(k, _)| *k == kind_word) {
            Some((_, what)) => Err(unsupported(cx, kind, what)),
            None => {
                let st = StmtText {
                    file: cx.source,
                    start: stmt.start,
                    text: stmt.text(src),
                };
                st.parse()?;
                Err(st.error(
                    kind.map_or(stmt.start, |t| t.start),
                    "SQLite has no such object",
                ))
            }
        },
    }
}

fn unsupported(cx: &Cx<'_>, at: Option<&Token>, what: &str) -> Diagnostic {
    let offset = at.map_or(0, |t| t.start);
    cx.source.error_at(offset, format!("SQLite has no {what}"))
}

/// Tables SQLite creates itself, which `sqlite3 .schema` prints: not part of a declared schema.
fn is_internal_table(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "sqlite_sequence" || lower.starts_with("sqlite_stat")
}

fn create_table(cx: &mut Cx<'_>, stmt: &Statement, table_word: usize) -> Result<(), Diagnostic> {
    let src = cx.source.text.as_str();
    if let Some((schema, name)) = names::name_after(src, &stmt.tokens, table_word + 1) {
        if is_internal_table(&name)
            || virtual_table::is_shadow_table(
                cx.builder,
                cx.default_schema,
                schema.as_deref(),
                &name,
            )
        {
            return Ok(());
        }
    }
    let rewritten = prepass::rewrite_create_table(src, &stmt.tokens, stmt.start, stmt.end);
    let st = StmtText {
        file: cx.source,
        start: stmt.start,
        text: &rewritten.text,
    };
    let sqlparser::ast::Statement::CreateTable(ct) = st.parse()? else {
        return Err(st.error(stmt.start, "expected CREATE TABLE"));
    };
    let default_schema = if ct.temporary {
        "temp"
    } else {
        cx.default_schema
    };
    let name = names::qual_name(&st, &ct.name, default_schema)?;
    let at = st.name_offset(&ct.name);
    names::check_name_free(cx, false, &name, at)?;
    let built = table::build_table(&st, &ct, name, &rewritten)?;
    let origin = cx.builder.origin(cx.file, at);
    cx.builder.add_table(built.table, origin)?;
    names::check_foreign_refs(cx, built.refs)
}

#[cfg(test)]
mod tests {
    use flash_core::{Dialect, Schema};

    use crate::{parse_str, ParseError};

    fn parse(text: &str) -> Result<Schema, String> {
        parse_str(Dialect::Sqlite, "t.sql", text).map_err(|e| match e {
            ParseError::Invalid(d) => d.to_string(),
            other => other.to_string(),
        })
    }

    const SAMPLE: &str = "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, n varchar(10) NOT NULL DEFAULT 'x' CHECK (n <> ''));\n\
        CREATE TABLE b (id, a_id REFERENCES a (id) ON DELETE CASCADE, UNIQUE (a_id) ON CONFLICT IGNORE) STRICT;\n\
        CREATE INDEX b_a ON b (a_id COLLATE NOCASE DESC) WHERE a_id > 0;\n\
        CREATE VIEW v (x) AS SELECT id FROM a;\n\
        CREATE TRIGGER t AFTER UPDATE OF n ON a WHEN NEW.n <> OLD.n BEGIN\n  UPDATE b SET id = CASE WHEN 1 THEN 2 END;\nEND;\n\
        CREATE VIRTUAL TABLE f USING fts5(x);\n\
        ALTER TABLE a ADD COLUMN 'é' unsigned big int;";

    #[test]
    fn trigger_body_is_kept_as_written_and_when_is_printed() {
        let schema = parse(SAMPLE).expect("sample parses");
        let trigger = schema.triggers.iter().next().expect("one trigger");
        assert_eq!(
            trigger.body.as_deref(),
            Some("UPDATE b SET id = CASE WHEN 1 THEN 2 END;")
        );
        assert_eq!(trigger.when.as_deref(), Some("NEW.n <> OLD.n"));
        assert_eq!(trigger.update_columns, ["n"]);
    }

    #[test]
    fn truncated_and_mangled_input_never_panics() {
        let mut cuts: Vec<usize> = SAMPLE.char_indices().map(|(i, _)| i).collect();
        cuts.push(SAMPLE.len());
        for cut in cuts {
            let _ = parse(SAMPLE.get(..cut).unwrap_or(""));
            let _ = parse(SAMPLE.get(cut..).unwrap_or(""));
        }
        let mut rng = fastrand::Rng::with_seed(7);
        let pieces = [
            "(", ")", ",", ";", "'", "\"", "[", "`", "BEGIN", "END", "CASE", "é", "--", "/*", " ",
            "\n",
        ];
        for _ in 0..300 {
            let mut text = SAMPLE.to_string();
            for _ in 0..3 {
                let at = rng.usize(..=text.len());
                if text.is_char_boundary(at) {
                    text.insert_str(at, pieces[rng.usize(..pieces.len())]);
                }
            }
            let _ = parse(&text);
        }
    }
}

#[cfg(test)]
mod merge_tests {
    use flash_core::{Dialect, SourceFile};

    use crate::parse_sources;

    #[test]
    fn later_files_extend_earlier_tables_and_may_be_referenced_forward() {
        let files = vec![
            SourceFile::new("a.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, team_id REFERENCES teams (id));"),
            SourceFile::new(
                "b.sql",
                "ALTER TABLE users ADD COLUMN email TEXT;\nCREATE UNIQUE INDEX users_email ON users (email);",
            ),
            SourceFile::new("c.sql", "CREATE TABLE teams (id INTEGER PRIMARY KEY);"),
        ];
        let schema = parse_sources(Dialect::Sqlite, files).map_err(|e| e.to_string());
        let schema = schema.unwrap_or_else(|e| panic!("{e}"));
        let users = schema
            .tables
            .iter()
            .find(|t| t.name.name == "users")
            .map(|t| t.columns.len());
        assert_eq!(users, Some(3));
        assert_eq!(schema.indexes.len(), 1);
    }

    #[test]
    fn a_missing_forward_reference_points_at_its_file() {
        let files = vec![
            SourceFile::new(
                "a.sql",
                "CREATE TABLE users (id INTEGER PRIMARY KEY, team_id REFERENCES teams (id));",
            ),
            SourceFile::new("b.sql", "CREATE TABLE teams (key TEXT PRIMARY KEY);"),
        ];
        let err = parse_sources(Dialect::Sqlite, files)
            .map(|_| ())
            .map_err(|e| e.to_string());
        let err = err.expect_err("teams has no id");
        assert!(
            err.starts_with("a.sql:1:64: column \"id\" does not exist in table \"main.teams\""),
            "{err}"
        );
    }
}
