//! The tokens of a plain statement, read as PostgreSQL's scanner reads them — or `None` as soon as the text holds
//! anything this reader does not know exactly (an operator, a prefixed string, a parameter, an identifier the
//! scanner would truncate), which leaves the statement to libpg_query.

use crate::postgres::libpg_query::{self, Keyword};

/// Longest identifier PostgreSQL keeps whole (NAMEDATALEN - 1); the scanner truncates longer ones.
const MAX_IDENTIFIER: usize = 63;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An unquoted word, and the keyword it is (if any).
    Word(Option<Keyword>),
    /// A double-quoted identifier.
    Quoted,
    /// A standard string constant `'...'`.
    Str,
    /// An integer constant that fits in 32 bits.
    Int(i32),
    /// A number the scanner keeps as text: with a decimal point, or an integer too large for 32 bits.
    Float,
    /// `(`, `)`, `,`, `.`, `[`, `]`, or a `-` right before a number.
    Punct(u8),
    /// `::`.
    Cast,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// The tokens of `text`, comments and white space left out; `None` if any part of it is not plain.
pub fn tokens(text: &str) -> Option<Vec<Token>> {
    let bytes = text.as_bytes();
    // libpg_query refuses any text with a NUL byte in it, even inside a string.
    if bytes.contains(&0) {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        let kind = match b {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => {
                i += 1;
                continue;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = bytes[i..]
                    .iter()
                    .position(|&c| c == b'\n' || c == b'\r')
                    .map_or(bytes.len(), |p| i + p);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = crate::postgres::split::block_comment_end(bytes, i)?;
                continue;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' | 0x80..=0xff => {
                while i < bytes.len() && is_word_byte(bytes[i]) {
                    i += 1;
                }
                let word = &text[start..i];
                // A quote right after a word is a prefixed string (E'', B'', X'', N'', U&'') or worse.
                if word.len() > MAX_IDENTIFIER || matches!(bytes.get(i), Some(b'\'' | b'"')) {
                    return None;
                }
                Kind::Word(libpg_query::keyword(word))
            }
            b'"' => {
                i = quoted_end(bytes, i, b'"')?;
                let inner = i - start - 2;
                // Empty names are an error; long ones are truncated, doubled quotes counted once: both left alone.
                if inner == 0 || inner > MAX_IDENTIFIER {
                    return None;
                }
                Kind::Quoted
            }
            b'\'' => {
                i = quoted_end(bytes, i, b'\'')?;
                Kind::Str
            }
            b'0'..=b'9' => {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                let mut float = false;
                if bytes.get(i) == Some(&b'.') && bytes.get(i + 1) != Some(&b'.') {
                    float = true;
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                // Exponents, `1_000`, `0x1F`, and the scanner's "trailing junk" errors.
                if bytes.get(i).is_some_and(|&c| is_word_byte(c) || c == b'.') {
                    return None;
                }
                let digits = &text[start..i];
                match digits.parse::<i32>() {
                    Ok(value) if !float => Kind::Int(value),
                    _ => Kind::Float,
                }
            }
            b'-' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i += 1;
                Kind::Punct(b'-')
            }
            b':' if bytes.get(i + 1) == Some(&b':') && bytes.get(i + 2) != Some(&b'=') => {
                i += 2;
                Kind::Cast
            }
            b'(' | b')' | b',' | b'[' | b']' => {
                i += 1;
                Kind::Punct(b)
            }
            // A `.` starts a number when a digit follows (`.5`): left to the parser.
            b'.' if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i += 1;
                Kind::Punct(b)
            }
            _ => return None,
        };
        out.push(Token {
            kind,
            start,
            end: i,
        });
    }
    Some(out)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// The end of a quoted run starting at `start` (a doubled quote is part of it); `None` if it never ends.
fn quoted_end(bytes: &[u8], start: usize, quote: u8) -> Option<usize> {
    let mut i = start + 1;
    loop {
        let at = i + bytes.get(i..)?.iter().position(|&c| c == quote)?;
        if bytes.get(at + 1) == Some(&quote) {
            i = at + 2;
        } else {
            return Some(at + 1);
        }
    }
}

/// The text a quoted token stands for: its quotes off, doubled quotes single.
pub fn unquote(token: &str) -> String {
    let quote = &token[..1];
    token[1..token.len() - 1].replace(&quote.repeat(2), quote)
}

/// An unquoted identifier as PostgreSQL folds it: ASCII letters to lower case, every other byte kept.
pub fn fold(word: &str) -> String {
    word.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Option<Vec<Kind>> {
        tokens(text).map(|t| t.into_iter().map(|t| t.kind).collect())
    }

    #[test]
    fn reads_plain_tokens_and_refuses_the_rest() {
        assert_eq!(
            kinds("a -- x\n \"B\"/* /* */ */ 'c''d' 12 1.5 -3 99999999999 :: ( ) , . [ ]"),
            Some(vec![
                Kind::Word(None),
                Kind::Quoted,
                Kind::Str,
                Kind::Int(12),
                Kind::Float,
                Kind::Punct(b'-'),
                Kind::Int(3),
                Kind::Float,
                Kind::Cast,
                Kind::Punct(b'('),
                Kind::Punct(b')'),
                Kind::Punct(b','),
                Kind::Punct(b'.'),
                Kind::Punct(b'['),
                Kind::Punct(b']'),
            ])
        );
        for text in [
            "E'x'", "a + b", "1e5", "1_000", "0x1F", "12abc", "$1", "'open", "\"\"", "a - b", ".5",
            "a := 1", "/* open", ";", "'a\0b'",
        ] {
            assert_eq!(kinds(text), None, "{text}");
        }
        assert_eq!(kinds(&"x".repeat(64)), None);
        assert!(kinds(&"x".repeat(63)).is_some());
    }

    #[test]
    fn names_are_folded_and_unquoted_as_postgres_does() {
        assert_eq!(fold("MixedCase_É"), "mixedcase_É");
        assert_eq!(unquote("\"a\"\"b\""), "a\"b");
        assert_eq!(unquote("'it''s'"), "it's");
    }
}
