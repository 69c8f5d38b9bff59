//! The plain run of MySQL and SQLite schema text read into sqlparser's tokens directly: words, backquoted names,
//! integers and decimals, simple strings, the punctuation of a table definition, blanks and `-- ` comments.
//! sqlparser's own tokenizer spends some 300 instructions a byte on the same text (a character iterator, a string
//! grown a character at a time per token, line and column kept for each character); this reads bytes and knows each
//! token's offset.
//!
//! It gives up (`None`) on anything else — any other character or operator, a string with an escape or a doubled
//! quote, a word that runs into a quote, a number that runs into a word, `\r` — and the caller tokenizes the
//! statement with sqlparser. Where it answers, the answer is sqlparser's, to the token and the span, for its MySQL and
//! its SQLite dialect alike (the tests below compare them over every MySQL and SQLite fixture, dump and convergence
//! case, and mutants of them).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use sqlparser::keywords::{Keyword, ALL_KEYWORDS, ALL_KEYWORDS_INDEX};
use sqlparser::tokenizer::{Location, Span, Token, TokenWithSpan, Word};

/// The tokens of `text` other than blanks and comments, with their spans as sqlparser gives them and their byte
/// offsets in `text`; `None` when the text holds something only sqlparser's tokenizer reads.
pub fn tokens(text: &str) -> Option<(Vec<TokenWithSpan>, Vec<usize>)> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let mut offsets = Vec::with_capacity(bytes.len() / 4);
    let mut line: u64 = 1;
    let mut col: u64 = 1;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let token = match b {
            b' ' | b'\t' => {
                i += 1;
                col += 1;
                continue;
            }
            b'\n' => {
                i += 1;
                line += 1;
                col = 1;
                continue;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-')
                && bytes
                    .get(i + 2)
                    .is_some_and(|&c| matches!(c, b' ' | b'\t' | b'\n')) =>
            {
                // To the end of the line; the newline itself is a blank of its own.
                let end = bytes[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(bytes.len(), |p| i + p);
                col += chars_in(&bytes[i..end]);
                i = end;
                continue;
            }
            b'(' => single(&mut i, Token::LParen),
            b')' => single(&mut i, Token::RParen),
            b',' => single(&mut i, Token::Comma),
            b';' => single(&mut i, Token::SemiColon),
            b'=' if !matches!(bytes.get(i + 1), Some(b'>' | b'=')) => single(&mut i, Token::Eq),
            b'.' if !bytes
                .get(i + 1)
                .is_some_and(|&c| c == b'_' || c.is_ascii_digit()) =>
            {
                single(&mut i, Token::Period)
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                let end = i + bytes[i..].iter().take_while(|&&c| is_word_byte(c)).count();
                // `$`, `@` and non-ASCII letters continue a MySQL word; a quote right after a word may make it a
                // prefix (`x'..'`, `_utf8mb4'..'`).
                if bytes.get(end).is_some_and(|&c| {
                    matches!(c, b'$' | b'@' | b'\'' | b'"' | b'`') || !c.is_ascii()
                }) {
                    return None;
                }
                i = end;
                let word = &text[start..end];
                Token::Word(Word {
                    value: word.to_string(),
                    quote_style: None,
                    keyword: keyword(word),
                })
            }
            b'0'..=b'9' => {
                let mut end = i + digits(&bytes[i..]);
                if bytes.get(end) == Some(&b'.') {
                    let fraction = digits(&bytes[end + 1..]);
                    if fraction == 0 {
                        return None;
                    }
                    end += 1 + fraction;
                }
                // A number running into a word is a word in MySQL (`1st`), or an exponent, a hex literal, `L`.
                if bytes.get(end).is_some_and(|&c| {
                    is_word_byte(c) || matches!(c, b'$' | b'@' | b'.') || !c.is_ascii()
                }) {
                    return None;
                }
                i = end;
                Token::Number(text[start..end].to_string(), false)
            }
            b'`' => {
                let close = i + 1 + bytes[i + 1..].iter().position(|&c| c == b'`')?;
                if bytes.get(close + 1) == Some(&b'`') {
                    return None;
                }
                i = close + 1;
                Token::make_word(&text[start + 1..close], Some('`'))
            }
            b'\'' => {
                let close = i + 1 + bytes[i + 1..].iter().position(|&c| c == b'\'')?;
                if bytes.get(close + 1) == Some(&b'\'') || bytes[i + 1..close].contains(&b'\\') {
                    return None;
                }
                i = close + 1;
                Token::SingleQuotedString(text[start + 1..close].to_string())
            }
            _ => return None,
        };
        let begin = Location { line, column: col };
        if matches!(b, b'`' | b'\'') {
            // Only quoted text can hold a newline or a character outside ASCII; columns count characters, as
            // sqlparser's do.
            for &c in &bytes[start..i] {
                if c == b'\n' {
                    line += 1;
                    col = 1;
                } else if !is_continuation(c) {
                    col += 1;
                }
            }
        } else {
            col += (i - start) as u64;
        }
        out.push(TokenWithSpan {
            token,
            span: Span::new(begin, Location { line, column: col }),
        });
        offsets.push(start);
    }
    Some((out, offsets))
}

/// The keyword an unquoted word is, as sqlparser's tokenizer finds it (a binary search over its sorted keyword list
/// with a case-insensitive comparison, some 200 instructions a word), from a hash table of the same list made once.
fn keyword(word: &str) -> Keyword {
    static TABLE: OnceLock<Keywords> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let by_name: HashMap<&'static str, Keyword, BuildHasherDefault<Fnv>> = ALL_KEYWORDS
            .iter()
            .copied()
            .zip(ALL_KEYWORDS_INDEX.iter().copied())
            .collect();
        let longest = ALL_KEYWORDS.iter().map(|k| k.len()).max().unwrap_or(0);
        Keywords { by_name, longest }
    });
    let mut upper = [0u8; 64];
    let Some(buf) = upper
        .get_mut(..word.len())
        .filter(|_| word.len() <= table.longest)
    else {
        return Keyword::NoKeyword;
    };
    for (u, b) in buf.iter_mut().zip(word.bytes()) {
        *u = b.to_ascii_uppercase();
    }
    std::str::from_utf8(buf)
        .ok()
        .and_then(|w| table.by_name.get(w).copied())
        .unwrap_or(Keyword::NoKeyword)
}

struct Keywords {
    by_name: HashMap<&'static str, Keyword, BuildHasherDefault<Fnv>>,
    longest: usize,
}

/// FNV-1a: for short keys in a table nobody outside chooses, a fraction of the default hasher's cost.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

fn single(i: &mut usize, token: Token) -> Token {
    *i += 1;
    token
}

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn digits(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|c| c.is_ascii_digit()).count()
}

fn is_continuation(c: u8) -> bool {
    c & 0xC0 == 0x80
}

fn chars_in(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&c| !is_continuation(c)).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// sqlparser's tokens for `text` in `dialect` without blanks and comments, and each one's byte offset.
    fn sqlparser_tokens(
        dialect: &dyn sqlparser::dialect::Dialect,
        text: &str,
    ) -> Option<(Vec<TokenWithSpan>, Vec<usize>)> {
        let tokens: Vec<TokenWithSpan> = sqlparser::tokenizer::Tokenizer::new(dialect, text)
            .tokenize_with_location()
            .ok()?
            .into_iter()
            .filter(|t| !matches!(t.token, Token::Whitespace(_) | Token::EOF))
            .collect();
        let offsets = tokens
            .iter()
            .map(|t| crate::mysql::tokens::offset_of(text, t.span.start))
            .collect();
        Some((tokens, offsets))
    }

    /// Every MySQL and SQLite text the repository holds: parser fixtures, dumps, the convergence corpus, the
    /// generated benchmark schema.
    fn corpus() -> Vec<String> {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut dirs = vec![
            format!("{root}/tests/fixtures/mysql/ok"),
            format!("{root}/tests/fixtures/mysql/err"),
            format!("{root}/tests/fixtures/mysql/live"),
            format!("{root}/tests/fixtures/sqlite/ok"),
            format!("{root}/tests/fixtures/sqlite/err"),
            format!("{root}/tests/dumps"),
            format!("{root}/../flash_diff/tests/cases/mysql/modify_and_index"),
        ];
        for dialect in ["mysql", "sqlite"] {
            let convergence = format!("{root}/../../tests/convergence/{dialect}");
            for case in std::fs::read_dir(&convergence)
                .into_iter()
                .flatten()
                .flatten()
            {
                dirs.push(case.path().display().to_string());
            }
        }
        let mut texts: Vec<String> = dirs
            .iter()
            .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten())
            .filter(|e| e.path().extension().is_some_and(|x| x == "sql"))
            .filter(|e| !e.path().display().to_string().contains("dumps/postgres"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        for dialect in [flash_core::Dialect::Mysql, flash_core::Dialect::Sqlite] {
            texts.push(flash_test::schema_gen::tables(dialect, 30));
        }
        texts
    }

    fn statements(text: &str) -> Vec<String> {
        let split = crate::mysql::split::split(text);
        split
            .statements
            .iter()
            .map(|p| split.text[p.start..p.end].to_string())
            .collect()
    }

    fn agrees(text: &str) -> bool {
        match tokens(text) {
            None => false,
            Some(fast) => {
                let mysql = sqlparser_tokens(&sqlparser::dialect::MySqlDialect {}, text);
                assert_eq!(Some(&fast), mysql.as_ref(), "MySQL tokens of {text:?}");
                let sqlite = sqlparser_tokens(&sqlparser::dialect::SQLiteDialect {}, text);
                assert_eq!(Some(&fast), sqlite.as_ref(), "SQLite tokens of {text:?}");
                true
            }
        }
    }

    #[test]
    fn agrees_with_sqlparser_wherever_it_answers() {
        let mut answered = 0;
        let mut total = 0;
        for text in corpus() {
            for stmt in statements(&text) {
                total += 1;
                answered += usize::from(agrees(&stmt));
            }
        }
        assert!(total > 800, "only {total} statements found");
        eprintln!("{answered} of {total} statements read without sqlparser's tokenizer");
        // Most of what schema files hold is the plain run this reads.
        assert!(
            answered * 2 > total,
            "{answered} of {total} statements read"
        );
    }

    #[test]
    fn agrees_with_sqlparser_on_mutants() {
        let texts: Vec<String> = corpus().iter().flat_map(|t| statements(t)).collect();
        let pieces = [
            "'", "''", "\\", "`", "``", "\"", "-- ", "--", "-", "\n", "\r\n", "\t", ".", "._",
            ".5", "1", "1.", "1e5", "0x1F", "é", "$", "@", "x'", "=>", "==", "=", " ", "(", ")",
            ",", ";", "a", "_",
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..20_000 {
            let Some(base) = texts.get(rng.usize(0..texts.len().max(1))) else {
                return;
            };
            let text = crate::mysql::mutant(&mut rng, base, &pieces);
            agrees(&text);
        }
    }

    #[test]
    fn keywords_are_found_as_sqlparser_finds_them() {
        let mut words: Vec<String> = ALL_KEYWORDS.iter().map(|k| k.to_string()).collect();
        words.extend(ALL_KEYWORDS.iter().map(|k| k.to_ascii_lowercase()));
        words.extend(ALL_KEYWORDS.iter().map(|k| format!("{k}_")));
        words.extend(ALL_KEYWORDS.iter().map(|k| k[..k.len() - 1].to_string()));
        words.extend(["t0001", "quantity", "x", "_"].map(String::from));
        words.push("a".repeat(80));
        for word in words.iter().filter(|w| !w.is_empty()) {
            let Token::Word(w) = Token::make_word(word, None) else {
                unreachable!("make_word makes words");
            };
            assert_eq!(keyword(word), w.keyword, "{word}");
        }
    }

    #[test]
    fn plain_table_definitions_are_read_and_the_rest_is_left_to_sqlparser() {
        let table = "CREATE TABLE `t` (\n  id BIGINT NOT NULL, -- the key\n  price DECIMAL(12,2) DEFAULT 0.50,\n  \
                     s VARCHAR(10) DEFAULT 'é'\n) ENGINE=InnoDB;";
        assert!(agrees(table));
        for other in [
            "SELECT 'a\\'b'",
            "SELECT 'it''s'",
            "SELECT x'1F'",
            "SELECT 1e5",
            "SELECT a\r\nFROM t",
            "SELECT @x",
            "SELECT 1 + 2",
            "/*!50001 x */",
            "# comment",
            "SELECT `a``b`",
            "SELECT 'unterminated",
        ] {
            assert!(tokens(other).is_none(), "{other}");
        }
    }
}
