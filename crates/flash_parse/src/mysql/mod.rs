//! MySQL and MariaDB schema files, mysqldump output included.
//!
//! [`split`] cuts the file into statements the way the `mysql` client does. Tables, indexes, views and ALTER TABLE
//! go through sqlparser's `MySqlDialect`; routines, triggers, events and DROP are read by hand from sqlparser's tokens,
//! because their BEGIN ... END bodies are beyond what sqlparser parses and only their headers matter here.

mod alter;
mod ctx;
mod drop;
mod event;
mod expr;
mod grant;
mod index;
#[cfg(test)]
mod live_dump;
mod routine;
mod sequence;
pub(crate) mod split;
mod table;
pub(crate) mod tokens;
mod trigger;
mod types;
mod view;

use std::collections::HashMap;

use flash_core::{Diagnostic, Dialect, Schema, SourceFile};
use sqlparser::ast::Statement;
use sqlparser::dialect::MySqlDialect;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::{Token, TokenWithSpan, Whitespace};

use crate::builder::{FileId, SchemaBuilder};
use crate::ParseError;
use ctx::Ctx;
use tokens::Stmt;

pub fn parse_file(builder: &mut SchemaBuilder, file: FileId) -> Result<(), Diagnostic> {
    let source = builder.file(file).text.clone();
    let split = split::split(&source);
    let mut cx = Ctx { b: builder, file };
    for piece in &split.statements {
        let text = split.text.get(piece.start..piece.end).unwrap_or("");
        let stmt = Stmt::new(text, piece.start)
            .map_err(|e| cx.err(e.offset, format!("syntax error: {}", e.message)))?;
        if !stmt.is_empty() {
            statement(&mut cx, &stmt, None)?;
        }
    }
    Ok(())
}

/// One schema per list of files (each list in load order), as [`crate::parse_sources`] would build each. Each
/// distinct statement text is tokenized and parsed once (the two sides of `flash diff` share most of theirs), on
/// every core, a little ahead of the threads that build the schemas (one per side), which take the statements in
/// file order exactly as [`parse_file`] does, errors included.
pub fn parse_sides(sides: Vec<Vec<SourceFile>>) -> Vec<Result<Schema, ParseError>> {
    let splits: Vec<Vec<split::Split>> = crate::on_threads(sides.iter().collect(), |files| {
        files.iter().map(|f| split::split(&f.text)).collect()
    });
    let pieces: Vec<Vec<&str>> = splits
        .iter()
        .map(|files| {
            files
                .iter()
                .flat_map(|split| {
                    split
                        .statements
                        .iter()
                        .map(|p| split.text.get(p.start..p.end).unwrap_or(""))
                })
                .collect()
        })
        .collect();
    // The sides' statements in the order they are needed together: first statements of every side first.
    let mut distinct: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let longest = pieces.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..longest {
        for side in &pieces {
            if let Some(&text) = side.get(i) {
                index.entry(text).or_insert_with(|| {
                    distinct.push(text);
                    distinct.len() - 1
                });
            }
        }
    }
    let mut uses = vec![0; distinct.len()];
    for text in pieces.iter().flatten() {
        if let Some(&i) = index.get(text) {
            uses[i] += 1;
        }
    }
    let work: Vec<_> = sides.iter().zip(&splits).collect();
    crate::ahead::ahead(
        &distinct,
        &uses,
        |text| Prepared::new(text),
        |prepared| {
            crate::on_threads(work, |(files, splits)| {
                let mut builder = SchemaBuilder::new(Dialect::Mysql);
                for (source, split) in files.iter().zip(splits) {
                    let file = builder.begin_file(source.clone());
                    let mut cx = Ctx {
                        b: &mut builder,
                        file,
                    };
                    for piece in &split.statements {
                        let text = split.text.get(piece.start..piece.end).unwrap_or("");
                        let Some(pre) = index.get(text).and_then(|&i| prepared.take(i)) else {
                            continue;
                        };
                        let stmt = match &pre.stmt {
                            Ok(stmt) => stmt.placed_at(piece.start),
                            Err(e) => {
                                let message = format!("syntax error: {}", e.message);
                                return Err(cx.err(piece.start + e.offset, message).into());
                            }
                        };
                        if !stmt.is_empty() {
                            statement(&mut cx, &stmt, pre.parsed.as_ref())?;
                        }
                    }
                }
                Ok(builder.finish()?)
            })
        },
    )
}

/// What can be read from a statement's text alone, at offset 0: its tokens and, when it goes to sqlparser, the
/// syntax tree (or the error, its offset counted from the text's start).
struct Prepared<'t> {
    stmt: Result<Stmt<'t>, tokens::LexError>,
    parsed: Option<Result<Statement, (String, usize)>>,
}

impl<'t> Prepared<'t> {
    fn new(text: &'t str) -> Self {
        let stmt = Stmt::new(text, 0);
        let parsed = match &stmt {
            Ok(stmt) if !stmt.is_empty() => match route(stmt) {
                Route::Sqlparser(fulltext) => Some(parse_with_sqlparser(stmt, fulltext.is_some())),
                _ => None,
            },
            _ => None,
        };
        Prepared { stmt, parsed }
    }
}

/// Kinds of object PostgreSQL has and MySQL does not, as the word after CREATE.
const FOREIGN_KINDS: &[(&str, &str)] = &[
    ("TYPE", "types"),
    ("DOMAIN", "domains"),
    ("POLICY", "row-level security policies"),
    ("EXTENSION", "extensions"),
    ("MATERIALIZED", "materialized views"),
];

/// Who reads a statement, from its first words.
enum Route {
    /// Session and client statements: dumps are full of them and none of them is schema.
    Ignore,
    Grant,
    Drop,
    Trigger,
    Routine,
    Sequence,
    Event,
    Refuse(usize, String),
    /// sqlparser, with the `FULLTEXT`/`SPATIAL` word it cannot read taken out.
    Sqlparser(Option<&'static str>),
}

fn route(stmt: &Stmt<'_>) -> Route {
    let mut c = stmt.cursor();
    if ["SET", "USE", "LOCK", "UNLOCK"]
        .iter()
        .any(|w| c.is_word(w))
    {
        return Route::Ignore;
    }
    if c.is_word("GRANT") {
        return Route::Grant;
    }
    if c.is_word("DROP") {
        return Route::Drop;
    }
    if c.eat_word("CREATE") {
        c.eat_words(&["OR", "REPLACE"]);
        // View attributes come before DEFINER; sqlparser reads them, this only looks for the object kind.
        loop {
            if c.is_word("ALGORITHM") {
                c.advance();
                c.eat(&Token::Eq);
                c.advance();
            } else if c.eat_words(&["SQL", "SECURITY"]) {
                c.advance();
            } else if !c.skip_definer() {
                break;
            }
        }
        if c.is_word("DATABASE") || c.is_word("SCHEMA") {
            return Route::Ignore;
        }
        if c.is_word("TRIGGER") {
            return Route::Trigger;
        }
        if c.is_word("PROCEDURE") || c.is_word("FUNCTION") || c.is_word("AGGREGATE") {
            return Route::Routine;
        }
        if c.is_word("SEQUENCE") {
            return Route::Sequence;
        }
        if c.is_word("EVENT") {
            return Route::Event;
        }
        for (word, what) in FOREIGN_KINDS {
            if c.is_word(word) {
                return Route::Refuse(c.offset(), format!("MySQL has no {what}"));
            }
        }
    }
    Route::Sqlparser(prefixed_index_kind(stmt))
}

/// One statement into the model. `parsed` is sqlparser's reading of the same text made beforehand at offset 0
/// ([`Prepared`]), if any.
fn statement(
    cx: &mut Ctx<'_>,
    stmt: &Stmt<'_>,
    parsed: Option<&Result<Statement, (String, usize)>>,
) -> Result<(), Diagnostic> {
    let fulltext = match route(stmt) {
        Route::Ignore => return Ok(()),
        Route::Grant => return grant::grant(cx, stmt),
        Route::Drop => return drop::drop(cx, stmt),
        Route::Trigger => return trigger::create_trigger(cx, stmt),
        Route::Routine => return routine::create_routine(cx, stmt),
        Route::Sequence => return sequence::create_sequence(cx, stmt),
        Route::Event => return event::create_event(cx, stmt),
        Route::Refuse(at, message) => return Err(cx.err(at, message)),
        Route::Sqlparser(fulltext) => fulltext,
    };
    let fresh;
    let parsed = match parsed {
        Some(Ok(parsed)) => parsed,
        Some(Err((message, at))) => return Err(cx.err(stmt.base + at, message.clone())),
        None => {
            fresh = parse_with_sqlparser(stmt, fulltext.is_some())
                .map_err(|(msg, at)| cx.err(at, msg))?;
            &fresh
        }
    };
    match parsed {
        Statement::CreateTable(ct) => table::create_table(cx, stmt, ct),
        Statement::AlterTable(at) => alter::alter_table(cx, stmt, at),
        Statement::CreateIndex(ci) => index::create_index(cx, stmt, ci, fulltext),
        Statement::CreateView(cv) => view::create_view(cx, stmt, cv),
        _ => Err(cx.err(
            stmt.start(),
            "this statement is not supported in a MySQL schema file",
        )),
    }
}

/// `CREATE FULLTEXT|SPATIAL INDEX`, which sqlparser does not read: the word is taken out before parsing and the
/// method put back afterwards.
fn prefixed_index_kind(stmt: &Stmt<'_>) -> Option<&'static str> {
    let c = stmt.cursor();
    if !(c.is_word("CREATE") && c.is_word_at(2, "INDEX")) {
        return None;
    }
    if c.is_word_at(1, "FULLTEXT") {
        Some("fulltext")
    } else if c.is_word_at(1, "SPATIAL") {
        Some("spatial")
    } else {
        None
    }
}

/// Parses one statement with sqlparser, after adjusting the few MariaDB spellings it does not know. Errors carry
/// the file offset of sqlparser's position.
fn parse_with_sqlparser(
    stmt: &Stmt<'_>,
    drop_second_word: bool,
) -> Result<Statement, (String, usize)> {
    let blank = |t: &TokenWithSpan| TokenWithSpan {
        token: Token::Whitespace(Whitespace::Space),
        span: t.span,
    };
    let mut tokens: Vec<TokenWithSpan> = Vec::with_capacity(stmt.tokens.len());
    // `view` reads the check option and `table` the partitioning from the original tokens; sqlparser's MySQL
    // dialect cannot parse either, so the tail they start is blanked.
    let check_option_at = view::trailing_check_option(&stmt.tokens)
        .map(|(i, _)| i)
        .or_else(|| table::partition_clause(stmt).map(|(i, _)| i));
    let storage_details = storage_detail_options(stmt);
    for (i, t) in stmt.tokens.iter().enumerate() {
        if storage_details.contains(&i) {
            tokens.push(blank(t));
            continue;
        }
        if check_option_at.is_some_and(|start| i >= start) {
            if !matches!(t.token, Token::SemiColon) {
                tokens.push(blank(t));
            }
            continue;
        }
        // Compared in place: an upper-case copy of every word would cost an allocation per token.
        let word = match &t.token {
            Token::Word(w) if w.quote_style.is_none() => w.value.as_str(),
            _ => "",
        };
        let is = |keyword: &str| word.eq_ignore_ascii_case(keyword);
        let after_paren = i > 0
            && matches!(
                stmt.tokens.get(i - 1).map(|t| &t.token),
                Some(Token::RParen)
            );
        if is("ZEROFILL") || is("NATIONAL") || (drop_second_word && i == 1) {
            // The type reader in `types` sees the original tokens; sqlparser does not need to.
            tokens.push(blank(t));
        } else if is("CHARSET") && charset_is_column_option(stmt, i) {
            // sqlparser knows `CHARSET x` as a table option only; on a column it means CHARACTER SET.
            tokens.push(TokenWithSpan {
                token: Token::make_keyword("CHARACTER"),
                span: t.span,
            });
            tokens.push(TokenWithSpan {
                token: Token::make_keyword("SET"),
                span: t.span,
            });
        } else if is("PERSISTENT") && after_paren {
            // MariaDB's synonym for STORED on generated columns.
            tokens.push(TokenWithSpan {
                token: Token::make_keyword("STORED"),
                span: t.span,
            });
        } else {
            tokens.push(t.clone());
        }
    }
    let dialect = MySqlDialect {};
    let mut parser = Parser::new(&dialect).with_tokens_with_locations(tokens);
    let parsed = parser
        .parse_statement()
        .map_err(|e| parser_error(stmt, e))?;
    let next = parser.peek_token();
    if next.token != Token::EOF {
        let at = stmt.offset_at(next.span.start);
        return Err((format!("syntax error: unexpected {}", next.token), at));
    }
    Ok(parsed)
}

/// The tokens of the Aria and InnoDB storage details `SHOW CREATE TABLE` prints after the column list
/// (`PAGE_CHECKSUM=1`, `TRANSACTIONAL=1`, `PAGE_COMPRESSED=...`), which sqlparser cannot read. The engine sets them
/// itself (every Aria table gets `PAGE_CHECKSUM=1`); like `AUTO_INCREMENT=N` they are not schema.
fn storage_detail_options(stmt: &Stmt<'_>) -> Vec<usize> {
    const OPTIONS: &[&str] = &[
        "PAGE_CHECKSUM",
        "TRANSACTIONAL",
        "PAGE_COMPRESSED",
        "PAGE_COMPRESSION_LEVEL",
    ];
    let mut out = Vec::new();
    let (mut depth, mut columns_seen) = (0usize, false);
    let mut i = 0;
    while i < stmt.tokens.len() {
        match &stmt.tokens[i].token {
            Token::LParen => {
                depth += 1;
                columns_seen = true;
            }
            Token::RParen => depth = depth.saturating_sub(1),
            Token::Word(w)
                if depth == 0
                    && columns_seen
                    && w.quote_style.is_none()
                    && OPTIONS.iter().any(|o| w.value.eq_ignore_ascii_case(o)) =>
            {
                out.push(i);
                // `= value` (or ` value`): blank up to and including the value.
                let mut j = i + 1;
                while let Some(t) = stmt.tokens.get(j) {
                    out.push(j);
                    j += 1;
                    if !matches!(t.token, Token::Whitespace(_) | Token::Eq) {
                        break;
                    }
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// `CHARSET name` without `=` and not after DEFAULT: the column attribute rather than the table option.
fn charset_is_column_option(stmt: &Stmt<'_>, i: usize) -> bool {
    let prev_is_default = i > 0
        && matches!(stmt.tokens.get(i - 1).map(|t| &t.token),
            Some(Token::Word(w)) if w.value.eq_ignore_ascii_case("DEFAULT"));
    let next_is_name = matches!(
        stmt.tokens.get(i + 1).map(|t| &t.token),
        Some(Token::Word(_))
    );
    !prev_is_default && next_is_name
}

/// sqlparser puts the position at the end of its message: `... at Line: 3, Column: 7`.
fn parser_error(stmt: &Stmt<'_>, e: ParserError) -> (String, usize) {
    let message = match e {
        ParserError::TokenizerError(m) | ParserError::ParserError(m) => m,
        ParserError::RecursionLimitExceeded => {
            return ("statement is nested too deeply".to_string(), stmt.start())
        }
    };
    let Some(i) = message.rfind(" at Line: ") else {
        return (format!("syntax error: {message}"), stmt.start());
    };
    let (text, position) = message.split_at(i);
    let mut numbers = position
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    let line = numbers.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let column = numbers.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let at = if line == 0 {
        stmt.start()
    } else {
        stmt.offset_at(sqlparser::tokenizer::Location { line, column })
    };
    (format!("syntax error: {text}"), at)
}

/// `base` with one to three random edits (one of `pieces` put in, the rest cut off, a few bytes taken out): broken
/// text for the tests of the readers.
#[cfg(test)]
pub(crate) fn mutant(rng: &mut fastrand::Rng, base: &str, pieces: &[&str]) -> String {
    let mut text = base.to_string();
    for _ in 0..rng.usize(1..4) {
        let mut at = rng.usize(0..=text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        match rng.u8(0..3) {
            0 => text.insert_str(at, pieces[rng.usize(0..pieces.len())]),
            1 => text.truncate(at),
            _ => {
                let mut end = (at + rng.usize(0..20)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, "");
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use flash_core::Dialect;

    /// A table spread over several files: later files alter it, index it and point foreign keys at it, and a foreign
    /// key may name a table from a later file.
    #[test]
    fn tables_merge_across_files() {
        let files = vec![
            flash_core::SourceFile::new(
                "a.sql",
                "CREATE TABLE users (id INT NOT NULL PRIMARY KEY, org_id INT,\n  FOREIGN KEY (org_id) REFERENCES orgs (id));",
            ),
            flash_core::SourceFile::new(
                "b.sql",
                "ALTER TABLE users ADD COLUMN email VARCHAR(255) NOT NULL;\nCREATE UNIQUE INDEX users_email ON users (email);",
            ),
            flash_core::SourceFile::new("c.sql", "CREATE TABLE orgs (id INT NOT NULL PRIMARY KEY);"),
        ];
        let schema = crate::parse_sources(Dialect::Mysql, files).expect("parses");
        let users = schema
            .tables
            .get(&flash_core::QualName::new("", "users"))
            .expect("users");
        assert_eq!(users.columns.len(), 3);
        assert_eq!(users.foreign_keys.len(), 1);
        assert_eq!(schema.indexes.len(), 1);

        let missing = vec![
            flash_core::SourceFile::new("a.sql", "CREATE TABLE users (id INT);"),
            flash_core::SourceFile::new("b.sql", "\nALTER TABLE users ADD INDEX (nope);"),
        ];
        let err = crate::parse_sources(Dialect::Mysql, missing).expect_err("nope is not a column");
        assert_eq!(
            err.to_string().lines().next(),
            Some("b.sql:2:30: column \"nope\" does not exist in table \"users\"")
        );
    }

    /// Mutated fixtures must come back as a schema or a diagnostic, never a panic.
    #[test]
    fn mutated_fixtures_never_panic() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mysql");
        let mut texts = Vec::new();
        for sub in ["ok", "err"] {
            for entry in std::fs::read_dir(format!("{dir}/{sub}"))
                .into_iter()
                .flatten()
                .flatten()
            {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    texts.push(text);
                }
            }
        }
        let pieces = [
            "(",
            ")",
            "'",
            "\"",
            "`",
            ";",
            ";;",
            "/*!",
            "*/",
            "/*",
            "-- ",
            "#",
            "\n",
            "DELIMITER ;;\n",
            "DELIMITER\n",
            "BEGIN",
            "END",
            "é",
            "ZEROFILL",
            "PERSISTENT",
            "CHARSET",
            "DEFINER=",
            "@",
            "(10)",
            "FULLTEXT",
            ",",
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        for round in 0..3000 {
            let Some(base) = texts.get(round % texts.len().max(1)) else {
                return;
            };
            let text = super::mutant(&mut rng, base, &pieces);
            let _ = crate::parse_str(Dialect::Mysql, "fuzz.sql", &text);
        }
    }
}
