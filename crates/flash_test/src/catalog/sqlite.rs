//! SQLite: `pragma_table_list`, `pragma_table_xinfo`, `pragma_index_list`/`index_xinfo`, `pragma_foreign_key_list`,
//! and from `sqlite_schema` the definitions the pragmas do not expose.
//!
//! SQLite keeps a table's definition as the text it was created with (edited in place by `ALTER TABLE`), so two equal
//! schemas reached by different routes hold different text. The table text is therefore not a fact; only its CHECK
//! constraints, generated-column expressions, collations, conflict clauses and AUTOINCREMENT are taken from it, per
//! column where they are written on a column. Index, view and trigger definitions are facts after normalizing:
//! whitespace collapsed, identifier quotes dropped, lower case outside string literals, and a trigger's optional
//! `FOR EACH ROW` (SQLite has no other kind) left out.

use std::path::Path;

use super::{render, sorted_lines};
use crate::command::Tool;

const CATALOG_SQL: &str = include_str!("sqlite.sql");

/// The sorted facts of the SQLite database at `path`: tables (strict, without rowid), columns (declared type,
/// nullability, default, primary-key position, generated flag), indexes (unique, origin, partial, key columns with
/// order and collation), foreign keys with actions, CHECK constraints and generated expressions, and the normalized
/// definitions of indexes, views and triggers.
#[track_caller]
pub fn sqlite_catalog(path: &Path) -> String {
    let out = run(path, CATALOG_SQL);
    let mut facts = Vec::new();
    for line in sorted_lines(&out) {
        match line.strip_prefix("sql ") {
            None => facts.push(line),
            Some(rest) => facts.extend(definition_facts(rest)),
        }
    }
    render(facts)
}

/// Every row of `table` in the SQLite database at `path`, `|`-separated, sorted.
#[track_caller]
pub fn sqlite_table_rows(path: &Path, table: &str) -> Vec<String> {
    sorted_lines(&run(path, &format!("SELECT * FROM {table};")))
}

#[track_caller]
fn run(path: &Path, sql: &str) -> String {
    match Tool::new("sqlite3")
        .arg("-bail")
        .arg(path.to_string_lossy())
        .run(sql)
    {
        Ok(out) => out,
        Err(e) => panic!("sqlite3 failed on {}: {e}", path.display()),
    }
}

/// `KIND NAME TABLE SQL` from sqlite_schema -> facts.
fn definition_facts(rest: &str) -> Vec<String> {
    let mut parts = rest.splitn(4, ' ');
    let (Some(kind), Some(name), Some(_table), Some(sql)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return vec![format!("unreadable {rest}")];
    };
    if kind == "trigger" {
        // SQLite has row triggers only, so `FOR EACH ROW` is optional spelling, not a fact.
        let mut text = normalize(sql);
        let header = text.find(" begin ").unwrap_or(text.len());
        if let Some(at) = text[..header].find(" for each row") {
            text.replace_range(at..at + " for each row".len(), "");
        }
        return vec![format!("{kind} {name} sql={text}")];
    }
    if kind != "table" {
        return vec![format!("{kind} {name} sql={}", normalize(sql))];
    }
    let normalized = normalize(sql);
    let body = normalized
        .find('(')
        .map(|open| balanced(&normalized, open))
        .and_then(|b| b.get(1..b.len().saturating_sub(1)))
        .unwrap_or("");
    let mut facts = Vec::new();
    for item in top_level_items(body) {
        let first = item.split([' ', '(']).next().unwrap_or("");
        // A table constraint starts with a keyword; anything else is a column definition starting with its name.
        let owner = if ["constraint", "primary", "unique", "check", "foreign"].contains(&first) {
            name.to_string()
        } else {
            format!("{name}.{first}")
        };
        for (keyword, label) in [("check(", "check"), ("as(", "generated")] {
            let mut from = 0;
            while let Some(found) = find_keyword(item, keyword, from) {
                let open = found + keyword.len() - 1;
                facts.push(format!("{label} {owner} {}", balanced(item, open)));
                from = open + 1;
            }
        }
        if let Some(found) = find_keyword(item, "collate ", 0) {
            let collation = item
                .get(found + "collate ".len()..)
                .and_then(|r| r.split([' ', ',', ')']).next())
                .unwrap_or("");
            facts.push(format!("collate {owner} {collation}"));
        }
        let mut from = 0;
        while let Some(found) = find_keyword(item, "on conflict ", from) {
            let resolution = item
                .get(found + "on conflict ".len()..)
                .and_then(|r| r.split([' ', ',', ')']).next())
                .unwrap_or("");
            facts.push(format!("on_conflict {owner} {resolution}"));
            from = found + 1;
        }
        if find_keyword(item, "autoincrement", 0).is_some() {
            facts.push(format!("autoincrement {owner}"));
        }
    }
    facts
}

/// The comma-separated items of a table body, splitting only outside parentheses and string literals.
fn top_level_items(body: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut in_string, mut start) = (0usize, false, 0);
    for (i, c) in body.char_indices() {
        match c {
            '\'' => in_string = !in_string,
            '(' if !in_string => depth += 1,
            ')' if !in_string => depth = depth.saturating_sub(1),
            ',' if !in_string && depth == 0 => {
                items.push(body.get(start..i).unwrap_or("").trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(body.get(start..).unwrap_or("").trim());
    items.retain(|i| !i.is_empty());
    items
}

/// The next `keyword` at a word boundary at or after byte `from`, outside string literals.
fn find_keyword(text: &str, keyword: &str, from: usize) -> Option<usize> {
    let mut in_string = false;
    for (i, c) in text.char_indices() {
        if c == '\'' {
            in_string = !in_string;
        }
        if i < from || in_string {
            continue;
        }
        let boundary = text[..i]
            .chars()
            .next_back()
            .is_none_or(|p| !(p.is_alphanumeric() || p == '_'));
        if boundary && text[i..].starts_with(keyword) {
            return Some(i);
        }
    }
    None
}

/// The parenthesized text starting at the `(` at byte `open`, parentheses included; to the end if unbalanced.
fn balanced(text: &str, open: usize) -> &str {
    let rest = text.get(open..).unwrap_or("");
    let mut depth = 0usize;
    let mut in_string = false;
    for (i, c) in rest.char_indices() {
        match c {
            '\'' => in_string = !in_string,
            '(' if !in_string => depth += 1,
            ')' if !in_string => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &rest[..=i];
                }
            }
            _ => {}
        }
    }
    rest
}

/// Whitespace collapsed (and dropped next to punctuation), identifier quotes dropped, lower case outside strings.
fn normalize(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut in_string = false;
    let mut pending_space = false;
    for c in sql.chars() {
        if in_string {
            out.push(c);
            if c == '\'' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' | '`' | '[' | ']' => {}
            c if c.is_whitespace() => pending_space = true,
            c => {
                let punct = |p: char| matches!(p, '(' | ')' | ',' | ';' | '=' | '<' | '>');
                let opens = |p: char| matches!(p, '(' | ',' | ';' | '=' | '<' | '>');
                if pending_space && !out.is_empty() && !punct(c) && !out.ends_with(opens) {
                    out.push(' ');
                }
                pending_space = false;
                if c == '\'' {
                    in_string = true;
                }
                out.extend(c.to_lowercase());
            }
        }
    }
    out.trim_end_matches(';').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_spelling_not_meaning() {
        assert_eq!(
            normalize("CREATE  VIEW \"v\" AS\n SELECT a ,b FROM [t] WHERE s = 'Keep  Case'"),
            "create view v as select a,b from t where s='Keep  Case'"
        );
    }

    #[test]
    fn for_each_row_is_spelling() {
        assert_eq!(
            definition_facts(
                "trigger t x CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW BEGIN SELECT 1; END"
            ),
            definition_facts("trigger t x CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END"),
        );
    }

    #[test]
    fn takes_checks_and_generated_expressions_from_table_text() {
        let facts = definition_facts(
            "table t t CREATE TABLE \"t\" (a int CHECK (a > (0)), b int GENERATED ALWAYS AS (a * 2), \
             c text DEFAULT 'check(no)', CONSTRAINT ok CHECK(length(c) > 1))",
        );
        assert_eq!(
            definition_facts(
                "table t t CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, c TEXT COLLATE NOCASE, \
                 d NUMERIC(10,2) UNIQUE ON CONFLICT REPLACE)"
            ),
            [
                "autoincrement t.id",
                "collate t.c nocase",
                "on_conflict t.d replace"
            ]
        );
        assert_eq!(
            facts,
            [
                "check t.a (a>(0))",
                "generated t.b (a * 2)",
                "check t (length(c)>1)"
            ]
        );
    }
}
