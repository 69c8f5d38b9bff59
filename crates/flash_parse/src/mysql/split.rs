//! Cutting a MySQL script into statements the way the `mysql` client does, before any parsing.
//!
//! The client, not the server, understands `DELIMITER` lines, and mysqldump wraps code in executable comments
//! (`/*!50001 CREATE VIEW ... */`) whose content the server runs. This pass produces a copy of the file in which
//! those client-side markers are overwritten with spaces, so that every byte offset in the copy is the same offset
//! in the original file and diagnostics can point into what the user wrote.

/// A statement: a byte range of [`Split::text`] (and of the original file), without its delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug)]
pub struct Split {
    /// The file with `DELIMITER` lines and executable-comment markers blanked out.
    pub text: String,
    pub statements: Vec<Piece>,
}

/// MariaDB's dump starts with `/*M!999999\- enable the sandbox mode */`: a command for the client that no server
/// version runs. Executable comments at or above this version are plain comments.
const NEVER_VERSION: u32 = 999_999;

pub fn split(source: &str) -> Split {
    let bytes = source.as_bytes();
    let mut out = bytes.to_vec();
    let mut statements = Vec::new();
    let mut delimiter: Vec<u8> = b";".to_vec();
    // Asked of every byte, so kept apart from `delimiter` rather than compared anew.
    let mut default_delimiter = true;
    // A byte-order mark is not SQL; editors on Windows like to add one.
    let bom = if source.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut start = bom;
    let mut i = bom;
    // Inside an executable comment: its `*/` is a marker to blank, not the end of a comment.
    let mut in_exec = false;
    // Whether the current statement has anything but blanks and comments yet: `DELIMITER` only counts first.
    let mut has_code = false;
    let mut blocks = Blocks::default();

    while i < bytes.len() {
        let Some(rest) = bytes.get(i..) else { break };
        let Some(&c) = rest.first() else { break };
        if !has_code && starts_with_word(rest, b"delimiter") && at_line_start(bytes, i) {
            let line_end = rest
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |p| i + p);
            let args = bytes
                .get(i + b"delimiter".len()..line_end)
                .unwrap_or_default();
            let new: Vec<u8> = args
                .iter()
                .copied()
                .skip_while(|b| b.is_ascii_whitespace())
                .take_while(|b| !b.is_ascii_whitespace())
                .collect();
            if !new.is_empty() {
                default_delimiter = new == b";";
                delimiter = new;
            }
            blank(&mut out, i, line_end);
            i = line_end;
            start = i;
            continue;
        }
        if has_code && default_delimiter && !in_exec && blocks.settled() {
            // Inside a statement that can no longer open a block, only quotes, comments and the delimiter matter:
            // everything else is passed over in one scan.
            let plain = rest
                .iter()
                .position(|&b| matches!(b, b';' | b'\'' | b'"' | b'`' | b'#' | b'-' | b'/'))
                .unwrap_or(rest.len());
            if plain > 0 {
                i += plain;
                continue;
            }
        }
        let inside_block = default_delimiter && blocks.open();
        if delimiter.first() == Some(&c) && rest.starts_with(&delimiter) && !inside_block {
            statements.push(Piece { start, end: i });
            blocks = Blocks::default();
            blank(&mut out, i, i + delimiter.len());
            i += delimiter.len();
            start = i;
            has_code = false;
            in_exec = false;
            continue;
        }
        match c {
            b'\'' | b'"' | b'`' => {
                i = skip_quoted(bytes, i);
                has_code = true;
            }
            b'#' => i = line_end_from(bytes, i),
            b'-' if rest.starts_with(b"--")
                && rest.get(2).is_none_or(|b| b.is_ascii_whitespace()) =>
            {
                i = line_end_from(bytes, i);
            }
            b'/' if rest.starts_with(b"/*") => match executable_marker(rest) {
                Some((len, version)) if version < NEVER_VERSION => {
                    blank(&mut out, i, i + len);
                    i += len;
                    in_exec = true;
                }
                _ => i = comment_end(bytes, i),
            },
            b'*' if in_exec && rest.starts_with(b"*/") => {
                blank(&mut out, i, i + 2);
                i += 2;
                in_exec = false;
            }
            // Words matter only for compound bodies, which need the default delimiter; with another one a word
            // could run into it (`END$$`).
            _ if default_delimiter
                && is_word_start(c)
                && !bytes
                    .get(i.wrapping_sub(1))
                    .is_some_and(|&p| is_word_byte(p) || p == b'@') =>
            {
                let len = rest.iter().take_while(|&&b| is_word_byte(b)).count();
                let word = rest.get(..len).unwrap_or_default();
                let after = rest.get(len..).unwrap_or_default();
                if let Some(next) = blocks.word(word, after) {
                    // `END CASE`: the CASE closes, it does not open.
                    i += len;
                    i += rest
                        .get(len..)
                        .unwrap_or_default()
                        .iter()
                        .take_while(|b| b.is_ascii_whitespace())
                        .count();
                    i += next.len();
                } else {
                    i += len;
                }
                has_code = true;
            }
            _ => {
                if !c.is_ascii_whitespace() {
                    has_code = true;
                }
                i += 1;
            }
        }
    }
    if start < bytes.len() {
        statements.push(Piece {
            start,
            end: bytes.len(),
        });
    }
    // Only ASCII bytes were blanked and only with ASCII spaces, so the copy is still valid UTF-8; the fallback is
    // never taken but keeps this function total.
    let text = String::from_utf8(out).unwrap_or_else(|_| source.to_string());
    Split { text, statements }
}

/// Compound statements written without `DELIMITER`: in `CREATE TRIGGER|PROCEDURE|FUNCTION|EVENT` and `ALTER EVENT`,
/// a `;` between BEGIN and its END does not end the statement, as the server would read it if the client sent it
/// whole.
#[derive(Default)]
struct Blocks {
    /// Words seen so far in the statement (only the first few matter).
    words: u32,
    /// The statement starts with ALTER: only `EVENT` (or `DEFINER = ... EVENT`) can make it compound.
    alter: bool,
    compound: bool,
    depth: u32,
    cases: u32,
}

impl Blocks {
    fn open(&self) -> bool {
        self.compound && self.depth > 0
    }

    /// No word can change anything any more: the statement is past the words that make it compound, and is not.
    fn settled(&self) -> bool {
        !self.compound && self.words >= 9
    }

    /// Takes one word and the text after it; returns the word after it when that was consumed too (`END CASE`).
    fn word<'r>(&mut self, word: &[u8], after: &'r [u8]) -> Option<&'r [u8]> {
        let is = |w: &[u8], k: &str| w.eq_ignore_ascii_case(k.as_bytes());
        self.words = self.words.saturating_add(1);
        if self.words == 1 {
            self.compound = false;
            self.alter = is(word, "alter");
            if !is(word, "create") && !self.alter {
                self.words = u32::MAX / 2;
            }
            return None;
        }
        if self.alter && self.words == 2 && !is(word, "event") && !is(word, "definer") {
            self.words = u32::MAX / 2;
            return None;
        }
        let kinds: &[&str] = if self.alter {
            &["event"]
        } else {
            &["trigger", "procedure", "function", "event"]
        };
        if self.words < 10 && kinds.iter().any(|k| is(word, k)) {
            self.compound = true;
        }
        if !self.compound {
            return None;
        }
        if is(word, "begin") {
            self.depth += 1;
        } else if is(word, "case") {
            self.cases += 1;
        } else if is(word, "end") {
            let next = next_word(after);
            if ["if", "loop", "while", "repeat"]
                .iter()
                .any(|k| is(next, k))
            {
                return None;
            }
            if is(next, "case") {
                self.cases = self.cases.saturating_sub(1);
                return Some(next);
            }
            if self.cases > 0 {
                self.cases -= 1;
            } else {
                self.depth = self.depth.saturating_sub(1);
            }
        }
        None
    }
}

fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// The word after blanks at the start of `rest`, or nothing.
fn next_word(rest: &[u8]) -> &[u8] {
    let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let after = rest.get(skip..).unwrap_or_default();
    let len = if after.first().is_some_and(|&b| is_word_start(b)) {
        after.iter().take_while(|&&b| is_word_byte(b)).count()
    } else {
        0
    };
    after.get(..len).unwrap_or_default()
}

fn blank(out: &mut [u8], from: usize, to: usize) {
    for b in out.iter_mut().take(to).skip(from) {
        if !matches!(*b, b'\n' | b'\r') && b.is_ascii() {
            *b = b' ';
        }
    }
}

fn starts_with_word(rest: &[u8], word: &[u8]) -> bool {
    rest.len() > word.len()
        && rest
            .iter()
            .zip(word)
            .all(|(a, b)| a.eq_ignore_ascii_case(b))
        && rest
            .get(word.len())
            .is_some_and(|b| b.is_ascii_whitespace())
}

fn at_line_start(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(..i)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|&&b| b != b'\n')
        .all(|b| b.is_ascii_whitespace())
}

fn line_end_from(bytes: &[u8], i: usize) -> usize {
    bytes
        .iter()
        .skip(i)
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| i + p)
}

/// The end of a `/* ... */` comment starting at `i` (the whole rest of the file when it is not closed: the
/// tokenizer then reports the unterminated comment).
fn comment_end(bytes: &[u8], i: usize) -> usize {
    let body = i + 2;
    bytes
        .get(body..)
        .and_then(|rest| rest.windows(2).position(|w| w == b"*/"))
        .map_or(bytes.len(), |p| body + p + 2)
}

/// The end of a quoted string or identifier starting at `i`. Backslash escapes apply inside string quotes (MySQL's
/// default SQL mode); a doubled quote is read as a close and a reopen, which lands in the same place.
fn skip_quoted(bytes: &[u8], i: usize) -> usize {
    let Some(&quote) = bytes.get(i) else {
        return bytes.len();
    };
    let mut j = i + 1;
    while j < bytes.len() {
        let b = bytes[j];
        if b == b'\\' && quote != b'`' {
            j += 2;
            continue;
        }
        if b == quote {
            return j + 1;
        }
        j += 1;
    }
    bytes.len()
}

/// `/*!` or `/*M!` with an optional version: the marker's length and the version (0 when absent).
fn executable_marker(rest: &[u8]) -> Option<(usize, u32)> {
    let after = if rest.starts_with(b"/*!") {
        3
    } else if rest.starts_with(b"/*M!") || rest.starts_with(b"/*m!") {
        4
    } else {
        return None;
    };
    let digits = rest
        .iter()
        .skip(after)
        .take_while(|b| b.is_ascii_digit())
        .count();
    let version = std::str::from_utf8(rest.get(after..after + digits)?)
        .ok()?
        .parse()
        .unwrap_or(0);
    Some((after + digits, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(src: &str) -> Vec<String> {
        let s = split(src);
        assert_eq!(s.text.len(), src.len(), "offsets are kept");
        s.statements
            .iter()
            .map(|p| s.text[p.start..p.end].trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    }

    #[test]
    fn splits_on_semicolons_outside_quotes_and_comments() {
        let src = "CREATE TABLE a (x varchar(3) DEFAULT ';');\n-- a; comment\n# another;\n/* and ; one */ CREATE TABLE `b;` (y int); ";
        assert_eq!(
            pieces(src),
            [
                "CREATE TABLE a (x varchar(3) DEFAULT ';')",
                "-- a; comment\n# another;\n/* and ; one */ CREATE TABLE `b;` (y int)"
            ]
        );
    }

    #[test]
    fn backslash_escapes_and_doubled_quotes_stay_inside_strings() {
        assert_eq!(
            pieces(r"SELECT 'it\'s;', 'a''b;'; SELECT 2"),
            [r"SELECT 'it\'s;', 'a''b;'", "SELECT 2"]
        );
    }

    #[test]
    fn delimiter_lines_change_the_terminator() {
        let src = "DELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END;;\nDELIMITER ;\nSELECT 1;";
        assert_eq!(
            pieces(src),
            [
                "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END",
                "SELECT 1"
            ]
        );
    }

    #[test]
    fn executable_comments_are_unwrapped_in_place() {
        let src = "/*M!999999\\- enable the sandbox mode */ \n/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`root`@`%` */\n/*!50001 VIEW v AS select 1 */;";
        let s = split(src);
        let texts = pieces(src);
        assert_eq!(texts.len(), 1);
        let text = &texts[0];
        assert!(
            text.starts_with("/*M!999999"),
            "the sandbox line stays a comment: {text}"
        );
        assert!(!text.contains("/*!") && !text.contains("*/\n"), "{text}");
        let at = src.find("VIEW v").expect("present");
        assert_eq!(&s.text[at..at + 6], "VIEW v");
    }

    #[test]
    fn compound_bodies_without_delimiter_stay_whole() {
        let src = "CREATE TABLE a (x int);\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW\nBEGIN\n  IF NEW.x > 0 THEN SET NEW.x = CASE WHEN NEW.x > 9 THEN 9 ELSE NEW.x END; END IF;\n  CASE NEW.x WHEN 1 THEN SET NEW.x = 2; END CASE;\n  lbl: BEGIN SET @a = 1; END lbl;\nEND;\nCREATE PROCEDURE p() SELECT 1;\nCREATE TABLE b (`begin` int);\nSELECT 2";
        let got = pieces(src);
        assert_eq!(got.len(), 5, "{got:#?}");
        assert!(
            got[1].starts_with("CREATE TRIGGER") && got[1].ends_with("END lbl;\nEND"),
            "{}",
            got[1]
        );
        assert_eq!(got[2], "CREATE PROCEDURE p() SELECT 1");
    }

    #[test]
    fn event_bodies_without_delimiter_stay_whole() {
        let src =
            "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; DELETE FROM b; END;\n\
                   ALTER EVENT e ON SCHEDULE EVERY 2 DAY DO BEGIN DELETE FROM a; END;\n\
                   ALTER DEFINER=root@localhost EVENT e DO BEGIN SELECT 1; END;\n\
                   ALTER TABLE t ADD COLUMN begin int; SELECT 2;\n\
                   DROP EVENT e";
        assert_eq!(
            pieces(src),
            [
                "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; DELETE FROM b; END",
                "ALTER EVENT e ON SCHEDULE EVERY 2 DAY DO BEGIN DELETE FROM a; END",
                "ALTER DEFINER=root@localhost EVENT e DO BEGIN SELECT 1; END",
                "ALTER TABLE t ADD COLUMN begin int",
                "SELECT 2",
                "DROP EVENT e"
            ]
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let s = split("\u{feff}SELECT 1;");
        assert_eq!(s.statements.first().map(|p| p.start), Some(3));
    }

    #[test]
    fn minus_minus_needs_a_space_to_be_a_comment() {
        assert_eq!(pieces("SELECT 1--1;SELECT 2"), ["SELECT 1--1", "SELECT 2"]);
    }

    #[test]
    fn unterminated_input_does_not_panic() {
        for src in [
            "'abc",
            "/* x",
            "/*!500",
            "DELIMITER",
            "DELIMITER \n",
            "`",
            "\\",
            "--",
            "é;'é",
        ] {
            let _ = split(src);
        }
    }
}
