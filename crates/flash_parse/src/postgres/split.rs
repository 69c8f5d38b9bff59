//! Where a file's statements are: each from its first token to the `;` that ends it (or the end of the file).
//!
//! The cut only has to know what can hide a `;`: string literals (`'...'`, `E'...'` with backslash escapes),
//! quoted identifiers, dollar quotes, comments (block comments nest) and parentheses (a rule's action list). It
//! is a guess that PostgreSQL's grammar then checks: [`super::batch`] parses the pieces and refuses the lot — the
//! file is then parsed whole, as one text — unless every piece parses into statements that start at its start and
//! stay inside it. A `;` inside a literal or comment that this cut missed leaves its piece unterminated, which
//! either fails or runs into the next piece; so a wrong cut is never taken for a right one. (`BEGIN ATOMIC ... END`
//! bodies hold `;`s at depth 0: their pieces fail to parse and the file is read whole.)

use std::ops::Range;

/// The byte ranges of the statements of `text`, in order; each starts at its first token (comments and white space
/// before it skipped) and ends before its `;`. Pieces with no token are left out.
pub fn statement_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b';' if depth == 0 => {
                push_piece(text, start, i, &mut out);
                start = i + 1;
                i += 1;
            }
            b'(' => {
                depth += 1;
                i += 1;
            }
            b')' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = memchr(b'\n', bytes, i).unwrap_or(bytes.len());
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = block_comment_end(bytes, i).unwrap_or(bytes.len())
            }
            b'\'' => {
                let escapes = i > 0
                    && matches!(bytes[i - 1], b'e' | b'E')
                    && !ident_byte_before(bytes, i - 1);
                i = quoted_end(bytes, i, b'\'', escapes);
            }
            b'"' => i = quoted_end(bytes, i, b'"', false),
            b'$' if !ident_byte_before(bytes, i) => match dollar_tag_len(bytes, i) {
                Some(len) => {
                    let tag = &bytes[i..i + len];
                    i = find(bytes, tag, i + len).map_or(bytes.len(), |end| end + len);
                }
                None => i += 1,
            },
            _ if is_ident_byte(b) => {
                // A whole word at once: a quote right after letters belongs to the word's prefix (E'', U&'', B'')
                // only for the one-letter prefixes handled above.
                while i < bytes.len() && (is_ident_byte(bytes[i]) || bytes[i] == b'$') {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    push_piece(text, start, bytes.len(), &mut out);
    out
}

fn push_piece(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let first = super::first_token(text, start).min(end);
    if first < end {
        out.push(first..end);
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Whether the byte before `i` continues an identifier or number (so a `$` at `i` is part of it, not a quote).
fn ident_byte_before(bytes: &[u8], i: usize) -> bool {
    i > 0 && (is_ident_byte(bytes[i - 1]) || bytes[i - 1] == b'$')
}

/// `$$` or `$tag$` at `i`: its length.
fn dollar_tag_len(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    if bytes.get(j).is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    while j < bytes.len() && is_ident_byte(bytes[j]) {
        j += 1;
    }
    (bytes.get(j) == Some(&b'$')).then_some(j + 1 - i)
}

/// The end of a quoted literal or identifier opened at `i`; a doubled quote stays inside, and so does a
/// backslash-escaped character in an `E''` string.
fn quoted_end(bytes: &[u8], i: usize, quote: u8, escapes: bool) -> usize {
    let mut j = i + 1;
    while j < bytes.len() {
        let b = bytes[j];
        if escapes && b == b'\\' {
            j += 2;
        } else if b == quote {
            if bytes.get(j + 1) == Some(&quote) {
                j += 2;
            } else {
                return j + 1;
            }
        } else {
            j += 1;
        }
    }
    bytes.len()
}

/// The end of a block comment opened at `i` (PostgreSQL's comments nest); `None` when it is never closed.
pub fn block_comment_end(bytes: &[u8], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = i;
    while j + 1 < bytes.len() {
        if bytes[j] == b'/' && bytes[j + 1] == b'*' {
            depth += 1;
            j += 2;
        } else if bytes[j] == b'*' && bytes[j + 1] == b'/' {
            depth -= 1;
            j += 2;
            if depth == 0 {
                return Some(j);
            }
        } else {
            j += 1;
        }
    }
    None
}

fn memchr(needle: u8, bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| b == needle)
        .map(|p| p + from)
}

fn find(bytes: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        statement_ranges(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn cuts_at_semicolons_outside_literals_comments_and_parentheses() {
        let text = "-- head; note\nCREATE TABLE a (x text DEFAULT 'a;b''c;');\n\
                    /* one; /* nested; */ still; */ CREATE TABLE \"b;\" (y int);\n\
                    CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n\
                    CREATE RULE r AS ON INSERT TO a DO ALSO (NOTIFY a; NOTIFY b);\n\
                    SELECT E'it\\'s; fine', $$x;$$, a$b$c FROM t;;\n  \n\
                    CREATE TABLE last (z int)";
        assert_eq!(
            pieces(text),
            [
                "CREATE TABLE a (x text DEFAULT 'a;b''c;')",
                "CREATE TABLE \"b;\" (y int)",
                "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql",
                "CREATE RULE r AS ON INSERT TO a DO ALSO (NOTIFY a; NOTIFY b)",
                "SELECT E'it\\'s; fine', $$x;$$, a$b$c FROM t",
                "CREATE TABLE last (z int)",
            ]
        );
    }

    #[test]
    fn a_parameter_is_not_a_dollar_quote_and_unterminated_text_runs_to_the_end() {
        assert_eq!(pieces("SELECT $1; SELECT 2"), ["SELECT $1", "SELECT 2"]);
        assert_eq!(pieces("SELECT 'open; SELECT 2"), ["SELECT 'open; SELECT 2"]);
        assert_eq!(pieces("/* open; */ */ x; y"), ["*/ x", "y"]);
        assert!(pieces("  -- only a comment;\n /* and; */ ").is_empty());
    }
}
