//! The pre-pass over `CREATE TABLE` and `ALTER TABLE ... ADD COLUMN` that covers sqlparser's gaps in SQLite's
//! grammar, rewriting the statement text byte for byte so every position still points into the file:
//!
//! - Declared types: SQLite accepts any run of names with up to two signed numbers (`UNSIGNED BIG INT`,
//!   `VARYING CHARACTER(255)`), which sqlparser cannot all parse. The pre-pass reads each declared type itself (it
//!   is what SQLite stores and reports back) and hands sqlparser a one-letter placeholder type padded with spaces.
//! - `ON CONFLICT <algorithm>` after a constraint, which sqlparser refuses on table constraints: read here (it
//!   decides what an INSERT does on a violation, `REPLACE` deleting the rows in the way) and blanked out.
//! - Single-quoted table and column names (`CREATE TABLE 'x'(...)`, as `sqlite3 .schema` prints shadow tables):
//!   turned into double quotes.

use flash_core::DataType;

use super::lex::{Token, TokenKind};

/// The rewritten statement text and the declared type of each column definition, in order.
pub struct Rewritten {
    pub text: String,
    pub types: Vec<DataType>,
    /// Table options after the closing parenthesis (`STRICT`, `WITHOUT ROWID`, in any order, comma separated), read
    /// here because sqlparser takes only one of them.
    pub strict: bool,
    pub without_rowid: bool,
    /// The conflict clauses of a `CREATE TABLE`, as (constraint, algorithm): `primary_key`, `not_null.<column>` or
    /// `unique.<column>,<column>`, and the algorithm in upper case.
    pub conflicts: Vec<(String, String)>,
}

/// Words that end a declared type: the start of a column constraint.
const TYPE_STOP: &[&str] = &[
    "CONSTRAINT",
    "PRIMARY",
    "NOT",
    "NULL",
    "UNIQUE",
    "CHECK",
    "DEFAULT",
    "COLLATE",
    "REFERENCES",
    "GENERATED",
    "AS",
    "ON",
];

/// Words that start a table constraint rather than a column definition.
const TABLE_CONSTRAINT: &[&str] = &["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];

struct Editor<'a> {
    src: &'a str,
    base: usize,
    bytes: Vec<u8>,
}

impl Editor<'_> {
    /// Overwrites `start..end` (file offsets) with `first` followed by spaces, keeping line breaks where they were.
    fn blank(&mut self, start: usize, end: usize, first: Option<u8>) {
        let from = start.saturating_sub(self.base);
        let to = end.saturating_sub(self.base).min(self.bytes.len());
        for (n, byte) in self.bytes.iter_mut().enumerate().take(to).skip(from) {
            if *byte == b'\n' || *byte == b'\r' {
                continue;
            }
            *byte = match first {
                Some(c) if n == from => c,
                _ => b' ',
            };
        }
    }

    /// `'name'` -> `"name"` (or `` `name` `` when the name holds a double quote), when that reads the same.
    fn requote(&mut self, token: &Token) {
        let text = token.text(self.src);
        if token.kind != TokenKind::Quoted('\'')
            || text.len() < 2
            || text
                .get(1..text.len() - 1)
                .is_some_and(|t| t.contains('\''))
        {
            return;
        }
        let quote = if !text.contains('"') {
            b'"'
        } else if !text.contains('`') {
            b'`'
        } else {
            return;
        };
        for at in [token.start, token.end - 1] {
            if let Some(byte) = self.bytes.get_mut(at.saturating_sub(self.base)) {
                *byte = quote;
            }
        }
    }

    fn finish(self) -> String {
        // Only ASCII bytes replaced whole characters' bytes... unless a type held non-ASCII letters, in which case a
        // multi-byte character was overwritten byte by byte with ASCII, which is still valid UTF-8.
        String::from_utf8(self.bytes).unwrap_or_default()
    }
}

fn is_any(src: &str, token: Option<&Token>, words: &[&str]) -> bool {
    token.is_some_and(|t| words.iter().any(|w| t.is_word(src, w)))
}

/// Rewrites a `CREATE TABLE` (from `tokens`, covering `src[start..end]`) for sqlparser.
pub fn rewrite_create_table(src: &str, tokens: &[Token], start: usize, end: usize) -> Rewritten {
    let mut ed = Editor {
        src,
        base: start,
        bytes: src.get(start..end).unwrap_or("").as_bytes().to_vec(),
    };
    let mut types = Vec::new();
    let Some(open) = tokens.iter().position(|t| t.is_punct('(')) else {
        return Rewritten {
            text: ed.finish(),
            types,
            strict: false,
            without_rowid: false,
            conflicts: Vec::new(),
        };
    };
    let (strict, without_rowid) = table_options(src, tokens, open, &mut ed);
    let conflicts = conflict_clauses(src, tokens, open);
    if let Some(name) = open.checked_sub(1).and_then(|i| tokens.get(i)) {
        ed.requote(name);
    }
    blank_on_conflict(src, tokens, &mut ed);
    let mut i = open + 1;
    while i < tokens.len() {
        if !is_any(src, tokens.get(i), TABLE_CONSTRAINT) {
            if let Some(name) = tokens.get(i) {
                ed.requote(name);
            }
            types.push(scan_type(src, tokens, i + 1, &mut ed));
        }
        // On to the next element: after the next comma at this depth, or stop at the closing parenthesis.
        let mut depth = 0usize;
        let mut next = None;
        for (j, t) in tokens.iter().enumerate().skip(i) {
            match t.kind {
                TokenKind::Punct('(') => depth += 1,
                TokenKind::Punct(')') if depth == 0 => break,
                TokenKind::Punct(')') => depth -= 1,
                TokenKind::Punct(',') if depth == 0 => {
                    next = Some(j + 1);
                    break;
                }
                _ => {}
            }
        }
        match next {
            Some(n) => i = n,
            None => break,
        }
    }
    Rewritten {
        text: ed.finish(),
        types,
        strict,
        without_rowid,
        conflicts,
    }
}

/// The `ON CONFLICT` clauses of the table body opened at `tokens[open]`, each named by the constraint it follows:
/// a column's `PRIMARY KEY`, `NOT NULL` or `UNIQUE`, or a table's `PRIMARY KEY (...)` or `UNIQUE (...)`.
fn conflict_clauses(src: &str, tokens: &[Token], open: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut element = open + 1;
    for (i, t) in tokens.iter().enumerate().skip(open) {
        match t.kind {
            TokenKind::Punct('(') => depth += 1,
            TokenKind::Punct(')') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            TokenKind::Punct(',') if depth == 1 => element = i + 1,
            _ => {}
        }
        let clause = depth == 1
            && t.is_word(src, "ON")
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.is_word(src, "CONFLICT"));
        let Some(algorithm) = tokens
            .get(i + 2)
            .filter(|a| clause && a.kind == TokenKind::Word)
        else {
            continue;
        };
        let algorithm = algorithm.text(src).to_ascii_uppercase();
        let before = |k: usize| i.checked_sub(k).and_then(|j| tokens.get(j));
        let constraint = if before(1).is_some_and(|p| p.is_punct(')')) {
            // A table constraint: the word before its column list says which.
            let mut j = i - 1;
            let mut nested = 0usize;
            while j > element {
                j -= 1;
                let Some(c) = tokens.get(j) else { break };
                match c.kind {
                    TokenKind::Punct(')') => nested += 1,
                    TokenKind::Punct('(') if nested == 0 => break,
                    TokenKind::Punct('(') => nested -= 1,
                    _ => {}
                }
            }
            // Read the list forwards: the first name of each comma-separated item.
            let mut columns = Vec::new();
            let mut first = true;
            let mut level = 0usize;
            for c in tokens.get(j + 1..i - 1).unwrap_or(&[]) {
                match c.kind {
                    TokenKind::Punct('(') => level += 1,
                    TokenKind::Punct(')') => level = level.saturating_sub(1),
                    TokenKind::Punct(',') if level == 0 => first = true,
                    TokenKind::Word | TokenKind::Quoted(_) if first && level == 0 => {
                        columns.push(c.ident(src));
                        first = false;
                    }
                    _ => {}
                }
            }
            match j.checked_sub(1).and_then(|k| tokens.get(k)) {
                Some(w) if w.is_word(src, "KEY") => Some("primary_key".to_string()),
                Some(w) if w.is_word(src, "UNIQUE") => {
                    Some(format!("unique.{}", columns.join(",")))
                }
                _ => None,
            }
        } else {
            let column = tokens
                .get(element)
                .map(|c| c.ident(src))
                .unwrap_or_default();
            let mut k = 1;
            while before(k).is_some_and(|p| p.is_word(src, "ASC") || p.is_word(src, "DESC")) {
                k += 1;
            }
            match before(k) {
                Some(p) if p.is_word(src, "KEY") => Some("primary_key".to_string()),
                Some(p) if p.is_word(src, "UNIQUE") => Some(format!("unique.{column}")),
                Some(p) if p.is_word(src, "NULL") => Some(format!("not_null.{column}")),
                _ => None,
            }
        };
        if let Some(c) = constraint {
            out.push((c, algorithm));
        }
    }
    out
}

/// Reads and blanks the options after the table's closing parenthesis, if they are only `STRICT` and `WITHOUT ROWID`.
fn table_options(src: &str, tokens: &[Token], open: usize, ed: &mut Editor<'_>) -> (bool, bool) {
    let mut depth = 0usize;
    let mut close = None;
    for (j, t) in tokens.iter().enumerate().skip(open) {
        match t.kind {
            TokenKind::Punct('(') => depth += 1,
            TokenKind::Punct(')') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    close = Some(j);
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(close) = close else {
        return (false, false);
    };
    let rest = tokens.get(close + 1..).unwrap_or(&[]);
    let (mut strict, mut without_rowid) = (false, false);
    let mut i = 0;
    while let Some(t) = rest.get(i) {
        if t.is_word(src, "STRICT") {
            strict = true;
            i += 1;
        } else if t.is_word(src, "WITHOUT")
            && rest.get(i + 1).is_some_and(|r| r.is_word(src, "ROWID"))
        {
            without_rowid = true;
            i += 2;
        } else {
            // Something else: leave the text alone and let sqlparser report it.
            return (false, false);
        }
        match rest.get(i) {
            Some(comma) if comma.is_punct(',') && rest.get(i + 1).is_some() => i += 1,
            Some(_) => return (false, false),
            None => {}
        }
    }
    if let (Some(first), Some(last)) = (rest.first(), rest.last()) {
        ed.blank(first.start, last.end, None);
    }
    (strict, without_rowid)
}

/// Rewrites an `ALTER TABLE t ADD [COLUMN] name type ...` for sqlparser; other ALTERs pass through unchanged.
pub fn rewrite_alter_table(src: &str, tokens: &[Token], start: usize, end: usize) -> Rewritten {
    let mut ed = Editor {
        src,
        base: start,
        bytes: src.get(start..end).unwrap_or("").as_bytes().to_vec(),
    };
    let mut types = Vec::new();
    if let Some(add) = tokens.iter().position(|t| t.is_word(src, "ADD")) {
        let mut name = add + 1;
        if tokens.get(name).is_some_and(|t| t.is_word(src, "COLUMN")) {
            name += 1;
        }
        if !is_any(src, tokens.get(name), TABLE_CONSTRAINT) {
            if let Some(t) = tokens.get(name) {
                ed.requote(t);
            }
            blank_on_conflict(src, tokens, &mut ed);
            types.push(scan_type(src, tokens, name + 1, &mut ed));
        }
    }
    Rewritten {
        text: ed.finish(),
        types,
        strict: false,
        without_rowid: false,
        conflicts: Vec::new(),
    }
}

fn blank_on_conflict(src: &str, tokens: &[Token], ed: &mut Editor<'_>) {
    for (i, t) in tokens.iter().enumerate() {
        if t.is_word(src, "ON")
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.is_word(src, "CONFLICT"))
        {
            if let Some(algorithm) = tokens.get(i + 2).filter(|a| a.kind == TokenKind::Word) {
                ed.blank(t.start, algorithm.end, None);
            }
        }
    }
}

/// Reads the declared type starting at `tokens[i]` and replaces it with a placeholder.
fn scan_type(src: &str, tokens: &[Token], mut i: usize, ed: &mut Editor<'_>) -> DataType {
    let mut words = Vec::new();
    let first = i;
    while let Some(t) = tokens.get(i) {
        if t.kind != TokenKind::Word || is_any(src, Some(t), TYPE_STOP) {
            break;
        }
        words.push(t.text(src).to_ascii_uppercase());
        i += 1;
    }
    if words.is_empty() {
        return DataType::named("");
    }
    let mut args = Vec::new();
    let mut last = i - 1;
    if tokens.get(i).is_some_and(|t| t.is_punct('(')) {
        if let Some(close) = tokens
            .iter()
            .skip(i)
            .position(|t| t.is_punct(')'))
            .map(|p| p + i)
        {
            let mut arg_start = i + 1;
            for j in (i + 1)..=close {
                let is_end = tokens
                    .get(j)
                    .is_some_and(|t| t.is_punct(',') || t.is_punct(')'));
                if is_end {
                    let text = match (
                        tokens.get(arg_start),
                        j.checked_sub(1).and_then(|k| tokens.get(k)),
                    ) {
                        (Some(a), Some(b)) if arg_start < j => {
                            src.get(a.start..b.end).unwrap_or("")
                        }
                        _ => "",
                    };
                    // `+5` and `5` are the same number; SQLite keeps the sign only in the declared text.
                    let arg = text.split_whitespace().collect::<String>();
                    args.push(arg.strip_prefix('+').map(str::to_string).unwrap_or(arg));
                    arg_start = j + 1;
                }
            }
            last = close;
        }
    }
    if let (Some(a), Some(b)) = (tokens.get(first), tokens.get(last)) {
        ed.blank(a.start, b.end, Some(b'T'));
    }
    DataType::with_args(words.join(" "), args)
}

#[cfg(test)]
mod tests {
    use super::super::split::split_statements;
    use super::*;

    fn rewrite(src: &str) -> Rewritten {
        let stmts = split_statements(src);
        let s = stmts.first().expect("one statement");
        rewrite_create_table(src, &s.tokens, s.start, s.end)
    }

    #[test]
    fn declared_types_are_read_and_replaced_in_place() {
        let src = "CREATE TABLE 'x' (a unsigned  big int NOT NULL, b VARYING CHARACTER( 255 ), c, d decimal(10, -2)\n, 'e' TEXT ON CONFLICT ABORT, PRIMARY KEY (a) ON CONFLICT REPLACE)";
        let r = rewrite(src);
        assert_eq!(r.text.len(), src.len());
        let collapsed: Vec<&str> = r.text.split_whitespace().collect();
        assert_eq!(
            collapsed.join(" "),
            "CREATE TABLE \"x\" (a T NOT NULL, b T , c, d T , \"e\" T , PRIMARY KEY (a) )"
        );
        assert_eq!(r.text.find('\n'), src.find('\n'));
        let shown: Vec<String> = r
            .types
            .iter()
            .map(|t| format!("{}|{}", t.name, t.args.join(";")))
            .collect();
        assert_eq!(
            shown,
            [
                "UNSIGNED BIG INT|",
                "VARYING CHARACTER|255",
                "|",
                "DECIMAL|10;-2",
                "TEXT|"
            ]
        );
    }

    #[test]
    fn non_ascii_types_stay_valid_text() {
        let r = rewrite("CREATE TABLE t (a tëxt)");
        assert_eq!(r.types[0].name, "TëXT");
        assert!(r.text.starts_with("CREATE TABLE t (a T"));
    }
}
