//! A small SQLite lexer for the pre-pass: it only needs to know where words, quoted names, strings and punctuation
//! start and end (as byte offsets into the original text), skipping comments. sqlparser does the real parsing.

/// What a token is, as far as statement splitting and the pre-pass care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A bare word or number: `CREATE`, `users`, `255`.
    Word,
    /// A quoted token; the char is its opening quote: `'` (string), `"`, `` ` `` or `[` (identifiers).
    Quoted(char),
    /// Any other single character: `(`, `,`, `;`, `.`, operators.
    Punct(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }

    pub fn is_word(&self, src: &str, word: &str) -> bool {
        self.kind == TokenKind::Word && self.text(src).eq_ignore_ascii_case(word)
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }

    /// The identifier this token names, with its quotes removed.
    pub fn ident(&self, src: &str) -> String {
        let text = self.text(src);
        match self.kind {
            TokenKind::Word | TokenKind::Punct(_) => text.to_string(),
            TokenKind::Quoted(open) => unquote(text, open),
        }
    }
}

/// Removes the quotes around an identifier or string and undoes the doubling of the quote character inside it.
pub fn unquote(text: &str, open: char) -> String {
    let close = if open == '[' { ']' } else { open };
    let inner = text.strip_prefix(open).unwrap_or(text);
    let inner = inner.strip_suffix(close).unwrap_or(inner);
    if open == '[' {
        return inner.to_string();
    }
    let doubled: String = [close, close].iter().collect();
    inner.replace(&doubled, &close.to_string())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$' || !c.is_ascii()
}

/// Splits `src` into tokens. Never fails: an unterminated quote or comment runs to the end of the text, and the
/// parser that sees the statement later reports it.
pub fn lex(src: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = src.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c == '-' && chars.peek().is_some_and(|&(_, n)| n == '-') {
            for (_, n) in chars.by_ref() {
                if n == '\n' {
                    break;
                }
            }
            continue;
        }
        if c == '/' && chars.peek().is_some_and(|&(_, n)| n == '*') {
            chars.next();
            let mut prev = ' ';
            for (_, n) in chars.by_ref() {
                if prev == '*' && n == '/' {
                    break;
                }
                prev = n;
            }
            continue;
        }
        let kind = match c {
            '\'' | '"' | '`' | '[' => {
                let close = if c == '[' { ']' } else { c };
                loop {
                    match chars.next() {
                        None => break,
                        Some((_, n)) if n == close => {
                            // A doubled quote is an escaped quote, not the end (brackets cannot be escaped).
                            if close != ']' && chars.peek().is_some_and(|&(_, m)| m == close) {
                                chars.next();
                            } else {
                                break;
                            }
                        }
                        Some(_) => {}
                    }
                }
                TokenKind::Quoted(c)
            }
            c if is_word_char(c) => {
                while chars.peek().is_some_and(|&(_, n)| is_word_char(n)) {
                    chars.next();
                }
                TokenKind::Word
            }
            c => TokenKind::Punct(c),
        };
        let end = chars.peek().map_or(src.len(), |&(i, _)| i);
        tokens.push(Token { kind, start, end });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<&str> {
        lex(src).iter().map(|t| t.text(src)).collect()
    }

    #[test]
    fn skips_comments_and_keeps_quotes_whole() {
        let src =
            "CREATE TABLE \"a \"\"b\" ( -- note; here\n x [odd;name] /* ; */ DEFAULT 'it''s' );";
        assert_eq!(
            texts(src),
            [
                "CREATE",
                "TABLE",
                "\"a \"\"b\"",
                "(",
                "x",
                "[odd;name]",
                "DEFAULT",
                "'it''s'",
                ")",
                ";"
            ]
        );
        let toks = lex(src);
        assert_eq!(toks[2].ident(src), "a \"b");
        assert_eq!(toks[5].ident(src), "odd;name");
        assert_eq!(toks[7].ident(src), "it's");
    }

    #[test]
    fn unterminated_input_does_not_panic() {
        for src in ["'abc", "\"abc", "[abc", "/* abc", "-- abc", "é'", "x'é"] {
            let toks = lex(src);
            assert!(toks
                .iter()
                .all(|t| t.end <= src.len() && src.is_char_boundary(t.start)));
        }
    }
}
