//! One statement as sqlparser tokens, each tied to its byte offset in the file, and a small cursor for the
//! statements read by hand (routines, triggers, DROP) and for looking at a statement before choosing a parser.

use std::sync::Arc;

use sqlparser::dialect::MySqlDialect;
use sqlparser::tokenizer::{Location, Token, TokenWithSpan, Tokenizer};

/// Byte offset within `text` of a 1-based line and character column, as sqlparser reports positions.
pub fn offset_of(text: &str, loc: Location) -> usize {
    let mut line_start = 0;
    for _ in 1..loc.line.max(1) {
        match text.get(line_start..).and_then(|rest| rest.find('\n')) {
            Some(p) => line_start += p + 1,
            None => return text.len(),
        }
    }
    let line = text.get(line_start..).unwrap_or("");
    let col = usize::try_from(loc.column.max(1) - 1).unwrap_or(0);
    line_start + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
}

fn offset_in_line(text: &str, line_starts: &[usize], loc: Location) -> usize {
    let index = usize::try_from(loc.line.max(1) - 1).unwrap_or(usize::MAX);
    let Some(&start) = line_starts.get(index) else {
        return text.len();
    };
    let line = text.get(start..).unwrap_or("");
    let col = usize::try_from(loc.column.max(1) - 1).unwrap_or(0);
    start + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
}

/// A statement's text (a slice of the split file) and where it starts in the file.
pub struct Stmt<'a> {
    pub text: &'a str,
    pub base: usize,
    /// Every token except whitespace and comments. Shared, so that the same text at another place
    /// ([`Stmt::placed_at`]) costs no second tokenizing.
    pub tokens: Arc<[TokenWithSpan]>,
    /// Offset of each token in `tokens` from the start of `text`.
    offsets: Arc<[usize]>,
    /// Where each line of `text` starts, for turning sqlparser's line and column into an offset.
    line_starts: Arc<[usize]>,
}

/// A tokenizer failure: message and file offset.
pub struct LexError {
    pub message: String,
    pub offset: usize,
}

impl<'a> Stmt<'a> {
    pub fn new(text: &'a str, base: usize) -> Result<Self, LexError> {
        let dialect = MySqlDialect {};
        let all = Tokenizer::new(&dialect, text)
            .tokenize_with_location()
            .map_err(|e| LexError {
                message: e.message,
                offset: base + offset_of(text, e.location),
            })?;
        let tokens: Vec<TokenWithSpan> = all
            .into_iter()
            .filter(|t| !matches!(t.token, Token::Whitespace(_) | Token::EOF))
            .collect();
        // One pass over the line starts instead of one scan of the text per token.
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let offsets = tokens
            .iter()
            .map(|t| offset_in_line(text, &line_starts, t.span.start))
            .collect();
        Ok(Stmt {
            text,
            base,
            tokens: tokens.into(),
            offsets,
            line_starts: line_starts.into(),
        })
    }

    /// The same statement text at file offset `base`.
    pub fn placed_at(&self, base: usize) -> Stmt<'a> {
        Stmt {
            text: self.text,
            base,
            tokens: Arc::clone(&self.tokens),
            offsets: Arc::clone(&self.offsets),
            line_starts: Arc::clone(&self.line_starts),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The file offset of a line and column sqlparser gives for this statement's text.
    pub fn offset_at(&self, loc: Location) -> usize {
        self.base + offset_in_line(self.text, &self.line_starts, loc)
    }

    /// File offset of the statement's first token.
    pub fn start(&self) -> usize {
        self.base + self.offsets.first().copied().unwrap_or(0)
    }

    /// File offset of the end of the text.
    pub fn end(&self) -> usize {
        self.base + self.text.len()
    }

    /// The statement text from file offset `from` to the end, trimmed.
    pub fn text_from(&self, from: usize) -> &'a str {
        self.text
            .get(from.saturating_sub(self.base)..)
            .unwrap_or("")
            .trim()
    }

    pub fn cursor(&self) -> Cursor<'_> {
        Cursor {
            tokens: &self.tokens,
            offsets: &self.offsets,
            base: self.base,
            pos: 0,
            end: self.end(),
        }
    }

    /// A cursor at the token starting at file offset `offset` (at the end when there is none).
    pub fn cursor_at(&self, offset: usize) -> Cursor<'_> {
        let pos = self
            .offsets
            .iter()
            .position(|&o| self.base + o == offset)
            .unwrap_or(self.tokens.len());
        Cursor {
            tokens: &self.tokens,
            offsets: &self.offsets,
            base: self.base,
            pos,
            end: self.end(),
        }
    }
}

/// Walks a statement's tokens.
pub struct Cursor<'s> {
    tokens: &'s [TokenWithSpan],
    /// Token offsets from `base`, the file offset of the statement.
    offsets: &'s [usize],
    base: usize,
    pos: usize,
    end: usize,
}

impl<'s> Cursor<'s> {
    pub fn peek(&self) -> Option<&'s Token> {
        self.tokens.get(self.pos).map(|t| &t.token)
    }

    pub fn peek_at(&self, ahead: usize) -> Option<&'s Token> {
        self.tokens.get(self.pos + ahead).map(|t| &t.token)
    }

    /// File offset of the next token, or of the end of the statement.
    pub fn offset(&self) -> usize {
        self.offsets
            .get(self.pos)
            .map_or(self.end, |o| self.base + o)
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    pub fn advance(&mut self) -> Option<&'s Token> {
        let t = self.peek();
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    /// Whether the next token is the unquoted word `word` (case-insensitive).
    pub fn is_word(&self, word: &str) -> bool {
        self.is_word_at(0, word)
    }

    pub fn is_word_at(&self, ahead: usize, word: &str) -> bool {
        matches!(self.peek_at(ahead), Some(Token::Word(w)) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(word))
    }

    pub fn eat_word(&mut self, word: &str) -> bool {
        let yes = self.is_word(word);
        if yes {
            self.pos += 1;
        }
        yes
    }

    /// Eats a sequence of words, all or nothing.
    pub fn eat_words(&mut self, words: &[&str]) -> bool {
        let yes = words.iter().enumerate().all(|(i, w)| self.is_word_at(i, w));
        if yes {
            self.pos += words.len();
        }
        yes
    }

    pub fn eat(&mut self, token: &Token) -> bool {
        let yes = self.peek() == Some(token);
        if yes {
            self.pos += 1;
        }
        yes
    }

    /// An identifier, quoted or not; `None` (without moving) when the next token is not a word.
    pub fn ident(&mut self) -> Option<String> {
        match self.peek() {
            Some(Token::Word(w)) => {
                self.pos += 1;
                Some(w.value.clone())
            }
            _ => None,
        }
    }

    /// `name` or `db.name`.
    pub fn qualified(&mut self) -> Option<(Option<String>, String)> {
        let first = self.ident()?;
        if self.peek() == Some(&Token::Period) {
            self.pos += 1;
            let second = self.ident()?;
            return Some((Some(first), second));
        }
        Some((None, first))
    }

    /// A string literal's value.
    pub fn string(&mut self) -> Option<String> {
        let value = match self.peek() {
            Some(Token::SingleQuotedString(s)) | Some(Token::DoubleQuotedString(s)) => s.clone(),
            _ => return None,
        };
        self.pos += 1;
        Some(value)
    }

    /// Skips `DEFINER = user[@host]` (or `CURRENT_USER[()]`), which is not part of the schema.
    /// Returns whether there was one.
    pub fn skip_definer(&mut self) -> bool {
        if !(self.is_word("DEFINER") && self.peek_at(1) == Some(&Token::Eq)) {
            return false;
        }
        self.pos += 2;
        if self.eat_word("CURRENT_USER") {
            if self.peek() == Some(&Token::LParen) && self.peek_at(1) == Some(&Token::RParen) {
                self.pos += 2;
            }
            return true;
        }
        self.advance();
        // `user@host` arrives as a word followed by `@host`, or as one `@`-prefixed word, depending on quoting.
        while let Some(Token::AtSign) | Some(Token::Word(_)) | Some(Token::SingleQuotedString(_)) =
            self.peek()
        {
            match self.peek() {
                Some(Token::AtSign) => self.pos += 1,
                Some(Token::Word(w)) if w.value.starts_with('@') => self.pos += 1,
                Some(Token::Word(_)) | Some(Token::SingleQuotedString(_))
                    if matches!(
                        self.tokens.get(self.pos.wrapping_sub(1)).map(|t| &t.token),
                        Some(Token::AtSign)
                    ) =>
                {
                    self.pos += 1
                }
                _ => break,
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_map_to_byte_offsets() {
        let text = "a\né b\nc";
        assert_eq!(offset_of(text, Location { line: 2, column: 3 }), 5);
        assert_eq!(offset_of(text, Location { line: 3, column: 1 }), 7);
        assert_eq!(offset_of(text, Location { line: 9, column: 1 }), text.len());
        assert_eq!(offset_of(text, Location { line: 0, column: 0 }), 0);
    }

    #[test]
    fn definers_of_every_spelling_are_skipped() {
        for src in [
            "DEFINER=`root`@`localhost` TRIGGER",
            "DEFINER = 'root'@'%' TRIGGER",
            "DEFINER=root@localhost TRIGGER",
            "DEFINER=CURRENT_USER() TRIGGER",
            "DEFINER=CURRENT_USER TRIGGER",
        ] {
            let stmt = Stmt::new(src, 0).ok().expect("lexes");
            let mut c = stmt.cursor();
            c.skip_definer();
            assert!(c.is_word("TRIGGER"), "{src}: at {:?}", c.peek());
        }
    }
}
