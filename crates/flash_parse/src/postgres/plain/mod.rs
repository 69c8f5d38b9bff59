//! The plain statements most schema files are made of — `CREATE TABLE` with columns of common types, simple
//! defaults, keys and foreign keys, and `CREATE INDEX` on columns — read into exactly the parse tree libpg_query
//! would give, without calling it. A call into libpg_query spends most of its time encoding the tree to protobuf
//! and the caller decoding it again; for these statements that round trip was most of `flash diff`'s time.
//!
//! [`statement`] answers `None` for anything it does not know exactly, and the statement goes to libpg_query as
//! before. What it does answer is proved equal to libpg_query's tree, node for node and location for location, by
//! the tests in `tests.rs`: over every PostgreSQL text in the repository, mutants of them, and every keyword of the
//! grammar in every place a name can stand.

mod expr;
mod index;
mod lex;
mod table;
mod types;

#[cfg(test)]
mod tests;

use pg_query::protobuf::{self, node::Node as N, Node};

use super::libpg_query::Keyword;
use lex::{Kind, Token};

/// The tree of `text` when it is one plain statement (comments and white space around it allowed), with locations
/// counted from the start of `text`; `None` when it is anything else.
pub fn statement(text: &str) -> Option<Node> {
    let mut p = Parser {
        text,
        tokens: lex::tokens(text)?,
        at: 0,
    };
    let tree = if p.is_kw(0, "create") && p.is_kw(1, "table") {
        N::CreateStmt(table::create_table(&mut p)?)
    } else if p.is_kw(0, "create") {
        N::IndexStmt(Box::new(index::create_index(&mut p)?))
    } else {
        return None;
    };
    p.done().then_some(node(tree))
}

/// A node holding `n`.
fn node(n: N) -> Node {
    Node { node: Some(n) }
}

/// A `String` node, as names are held in lists.
fn string(s: String) -> Node {
    node(N::String(protobuf::String { sval: s }))
}

/// Where a token starts, as libpg_query gives locations.
fn location(offset: usize) -> i32 {
    i32::try_from(offset).unwrap_or(-1)
}

struct Parser<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    at: usize,
}

impl<'t> Parser<'t> {
    fn peek(&self, ahead: usize) -> Option<&Token> {
        self.tokens.get(self.at + ahead)
    }

    fn done(&self) -> bool {
        self.at == self.tokens.len()
    }

    /// The location of the next token.
    fn loc(&self) -> i32 {
        self.peek(0).map_or(-1, |t| location(t.start))
    }

    fn token_text(&self, token: &Token) -> &'t str {
        &self.text[token.start..token.end]
    }

    /// Whether the token `ahead` is the unquoted word `word` (given in lower case).
    fn is_kw(&self, ahead: usize, word: &str) -> bool {
        self.peek(ahead).is_some_and(|t| {
            matches!(t.kind, Kind::Word(_)) && self.token_text(t).eq_ignore_ascii_case(word)
        })
    }

    fn eat_kw(&mut self, word: &str) -> bool {
        let found = self.is_kw(0, word);
        self.at += usize::from(found);
        found
    }

    fn expect_kw(&mut self, word: &str) -> Option<()> {
        self.eat_kw(word).then_some(())
    }

    fn is_punct(&self, ahead: usize, c: u8) -> bool {
        self.peek(ahead).is_some_and(|t| t.kind == Kind::Punct(c))
    }

    fn eat_punct(&mut self, c: u8) -> bool {
        let found = self.is_punct(0, c);
        self.at += usize::from(found);
        found
    }

    fn expect_punct(&mut self, c: u8) -> Option<()> {
        self.eat_punct(c).then_some(())
    }

    /// The next token if it is a word or quoted name: its text as PostgreSQL reads it, and its keyword.
    fn name_token(&self) -> Option<(String, Option<Keyword>)> {
        let token = self.peek(0)?;
        let text = self.token_text(token);
        match token.kind {
            Kind::Word(keyword) => {
                if self.is_lookahead_keyword() {
                    return None;
                }
                Some((lex::fold(text), keyword))
            }
            Kind::Quoted => Some((lex::unquote(text), None)),
            _ => None,
        }
    }

    /// Words the scanner turns into another token by what follows (`NULLS FIRST`, `WITH TIME`, `WITHOUT TIME`,
    /// `FORMAT JSON`, `NOT IN`...): never a name there.
    fn is_lookahead_keyword(&self) -> bool {
        let next_is = |words: &[&str]| words.iter().any(|w| self.is_kw(1, w));
        (self.is_kw(0, "nulls") && next_is(&["first", "last"]))
            || (self.is_kw(0, "with") && next_is(&["time", "ordinality"]))
            || (self.is_kw(0, "without") && next_is(&["time"]))
            || (self.is_kw(0, "format") && next_is(&["json"]))
            || (self.is_kw(0, "not") && next_is(&["between", "in", "like", "ilike", "similar"]))
    }

    /// `ColId`: an identifier, or a keyword that is neither reserved nor a type or function name.
    fn col_id(&mut self) -> Option<String> {
        let (name, keyword) = self.name_token()?;
        if matches!(keyword, Some(Keyword::TypeFuncName | Keyword::Reserved)) {
            return None;
        }
        self.at += 1;
        Some(name)
    }

    /// `ColLabel`: any identifier or keyword (after a `.`).
    fn label(&mut self) -> Option<String> {
        let (name, _) = self.name_token()?;
        self.at += 1;
        Some(name)
    }

    /// `qualified_name`: `name` or `schema.name`, as a `RangeVar`.
    fn qualified_name(&mut self) -> Option<protobuf::RangeVar> {
        let location = self.loc();
        let first = self.col_id()?;
        let (schemaname, relname) = if self.eat_punct(b'.') {
            (first, self.label()?)
        } else {
            (String::new(), first)
        };
        if self.is_punct(0, b'.') {
            return None;
        }
        Some(protobuf::RangeVar {
            schemaname,
            relname,
            inh: true,
            relpersistence: "p".into(),
            location,
            ..Default::default()
        })
    }

    /// `( name, ... )` as a list of `String` nodes.
    fn column_list(&mut self) -> Option<Vec<Node>> {
        self.expect_punct(b'(')?;
        let mut names = Vec::new();
        loop {
            names.push(string(self.col_id()?));
            if !self.eat_punct(b',') {
                break;
            }
        }
        self.expect_punct(b')')?;
        Some(names)
    }

    /// An integer constant.
    fn int(&mut self) -> Option<(i32, i32)> {
        let token = *self.peek(0)?;
        let Kind::Int(value) = token.kind else {
            return None;
        };
        self.at += 1;
        Some((value, location(token.start)))
    }
}
