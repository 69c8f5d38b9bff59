//! What a statement does to tables, read from its tokens: the shapes that lose data, rewrite a table, hold a long
//! lock or fail on rows already there. Anything else has no effect here; a statement the tokenizer cannot read has
//! none either (the database will say what is wrong with it).

use std::fmt;

use flash_core::Dialect;
use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::tokenizer::{Token, Tokenizer};

/// A table, column or other object as the statement names it: its parts without quotes, unquoted PostgreSQL names
/// folded to lower case as the server folds them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(pub Vec<String>);

impl Name {
    /// The last part: the object's own name without its schema.
    pub fn base(&self) -> &str {
        self.0.last().map_or("", String::as_str)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("."))
    }
}

/// One thing a statement does that `flash apply` and `flash lint` care about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    CreateTable {
        table: Name,
    },
    DropTable {
        table: Name,
    },
    RenameTable {
        from: Name,
        to: Name,
    },
    Truncate {
        table: Name,
    },
    /// `DELETE FROM t` without a WHERE clause.
    DeleteAll {
        table: Name,
    },
    DropColumn {
        table: Name,
        column: String,
    },
    /// PostgreSQL `ALTER COLUMN ... TYPE`: the new type alone does not say whether the table is rewritten.
    AlterColumnType {
        table: Name,
        column: String,
    },
    SetNotNull {
        table: Name,
        column: String,
    },
    AddColumn {
        table: Name,
        column: String,
        not_null: bool,
        /// A DEFAULT, or a value the database makes itself (identity, serial, AUTO_INCREMENT, generated).
        has_default: bool,
    },
    CreateIndex {
        table: Name,
        name: Option<String>,
        unique: bool,
        concurrently: bool,
        /// The key columns; empty when a key is an expression.
        columns: Vec<String>,
    },
    /// `ADD UNIQUE (...)`, `ADD CONSTRAINT ... UNIQUE (...)`, `ADD PRIMARY KEY (...)` or a column declared UNIQUE.
    AddUnique {
        table: Name,
        columns: Vec<String>,
    },
    /// `ADD ... FOREIGN KEY` or `ADD ... CHECK`: every row is validated unless `NOT VALID`.
    AddValidatedConstraint {
        table: Name,
        kind: &'static str,
        not_valid: bool,
    },
    /// `DROP TYPE`, `DROP DOMAIN`, `DROP SCHEMA`, `DROP DATABASE`, `DROP SEQUENCE`.
    DropObject {
        kind: &'static str,
        name: Name,
    },
}

/// The effects of one statement of `dialect`, in the order it has them.
pub fn effects(dialect: Dialect, sql: &str) -> Vec<Effect> {
    let tokens = match tokens(dialect, sql) {
        Some(t) => t,
        None => return Vec::new(),
    };
    let mut s = Stream {
        t: &tokens,
        i: 0,
        dialect,
    };
    if s.eat("CREATE") {
        s.eat("OR");
        s.eat("REPLACE");
        let unique = s.eat("UNIQUE");
        for w in ["FULLTEXT", "SPATIAL"] {
            s.eat(w);
        }
        if s.eat("INDEX") {
            return create_index(&mut s, unique);
        }
        for w in ["TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL"] {
            s.eat(w);
        }
        if s.eat("TABLE") {
            s.if_not_exists();
            return s
                .name()
                .map(|table| Effect::CreateTable { table })
                .into_iter()
                .collect();
        }
        return Vec::new();
    }
    if s.eat("DROP") {
        return drop(&mut s);
    }
    if s.eat("TRUNCATE") {
        s.eat("TABLE");
        s.eat("ONLY");
        return s
            .names()
            .into_iter()
            .map(|table| Effect::Truncate { table })
            .collect();
    }
    if s.eat("DELETE") {
        s.eat("FROM");
        let Some(table) = s.name() else {
            return Vec::new();
        };
        return if s.rest_has("WHERE") {
            Vec::new()
        } else {
            vec![Effect::DeleteAll { table }]
        };
    }
    if s.eat("ALTER") && s.eat("TABLE") {
        s.eat("IF");
        s.eat("EXISTS");
        s.eat("ONLY");
        let Some(table) = s.name() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for op in s.top_level_items() {
            alter_op(dialect, &table, op, &mut out);
        }
        return out;
    }
    if dialect == Dialect::Mysql && s.eat("RENAME") && s.eat("TABLE") {
        let mut out = Vec::new();
        while let Some(from) = s.name() {
            if !s.eat("TO") {
                break;
            }
            let Some(to) = s.name() else { break };
            out.push(Effect::RenameTable { from, to });
            if !s.punct(',') {
                break;
            }
        }
        return out;
    }
    Vec::new()
}

fn create_index(s: &mut Stream<'_>, unique: bool) -> Vec<Effect> {
    let concurrently = s.eat("CONCURRENTLY");
    s.if_not_exists();
    let name = if s.is("ON") {
        None
    } else {
        s.name().map(|n| n.base().to_string())
    };
    if s.eat("USING") {
        s.next();
    }
    if !s.eat("ON") {
        return Vec::new();
    }
    s.eat("ONLY");
    let Some(table) = s.name() else {
        return Vec::new();
    };
    if s.eat("USING") {
        s.next();
    }
    let columns = s.paren_columns();
    vec![Effect::CreateIndex {
        table,
        name,
        unique,
        concurrently,
        columns,
    }]
}

fn drop(s: &mut Stream<'_>) -> Vec<Effect> {
    s.eat("TEMPORARY");
    if s.eat("TABLE") {
        s.eat("IF");
        s.eat("EXISTS");
        return s
            .names()
            .into_iter()
            .map(|table| Effect::DropTable { table })
            .collect();
    }
    for kind in ["TYPE", "DOMAIN", "SCHEMA", "DATABASE", "SEQUENCE"] {
        if s.eat(kind) {
            s.eat("IF");
            s.eat("EXISTS");
            return s
                .names()
                .into_iter()
                .map(|name| Effect::DropObject { kind, name })
                .collect();
        }
    }
    Vec::new()
}

/// One comma-separated operation of an `ALTER TABLE`.
fn alter_op(dialect: Dialect, table: &Name, op: &[Tok], out: &mut Vec<Effect>) {
    let mut s = Stream {
        t: op,
        i: 0,
        dialect,
    };
    if s.eat("ADD") {
        if s.eat("CONSTRAINT") {
            s.next();
            return add_constraint(&mut s, table, out);
        }
        if s.starts_constraint() {
            return add_constraint(&mut s, table, out);
        }
        // MySQL's `ADD INDEX`/`ADD KEY`: an index build, which MariaDB does in place.
        if ["INDEX", "KEY", "FULLTEXT", "SPATIAL"]
            .iter()
            .any(|w| s.is(w))
        {
            return;
        }
        s.eat("COLUMN");
        s.if_not_exists();
        let Some(column) = s.ident() else { return };
        let rest = &op[s.i..];
        let has = |w: &str| rest.iter().any(|t| t.is_word(w));
        let not_null = rest
            .windows(2)
            .any(|w| w[0].is_word("NOT") && w[1].is_word("NULL"))
            || (has("PRIMARY") && has("KEY"));
        let serial = rest.first().is_some_and(|t| {
            ["SERIAL", "BIGSERIAL", "SMALLSERIAL"]
                .iter()
                .any(|w| t.is_word(w))
        });
        let has_default = serial
            || [
                "DEFAULT",
                "IDENTITY",
                "AUTO_INCREMENT",
                "GENERATED",
                "AS",
                "AUTOINCREMENT",
            ]
            .iter()
            .any(|w| has(w));
        if has("UNIQUE") {
            out.push(Effect::AddUnique {
                table: table.clone(),
                columns: vec![column.clone()],
            });
        }
        out.push(Effect::AddColumn {
            table: table.clone(),
            column,
            not_null,
            has_default,
        });
        return;
    }
    if s.eat("DROP") {
        let constraint_words = [
            "CONSTRAINT",
            "INDEX",
            "KEY",
            "PRIMARY",
            "FOREIGN",
            "CHECK",
            "DEFAULT",
        ];
        if constraint_words.iter().any(|w| s.is(w)) {
            return;
        }
        s.eat("COLUMN");
        s.eat("IF");
        s.eat("EXISTS");
        if let Some(column) = s.ident() {
            out.push(Effect::DropColumn {
                table: table.clone(),
                column,
            });
        }
        return;
    }
    if s.eat("ALTER") {
        s.eat("COLUMN");
        let Some(column) = s.ident() else { return };
        if s.eat("SET") {
            if s.eat("NOT") && s.eat("NULL") {
                out.push(Effect::SetNotNull {
                    table: table.clone(),
                    column,
                });
            } else if s.eat("DATA") && s.eat("TYPE") {
                out.push(Effect::AlterColumnType {
                    table: table.clone(),
                    column,
                });
            }
        } else if s.eat("TYPE") {
            out.push(Effect::AlterColumnType {
                table: table.clone(),
                column,
            });
        }
        return;
    }
    if s.eat("RENAME") && (s.eat("TO") || s.eat("AS")) {
        if let Some(to) = s.name() {
            // A bare new name stays in the table's schema.
            let to = match (to.0.len(), table.0.len()) {
                (1, n) if n > 1 => {
                    let mut parts = table.0.clone();
                    parts[n - 1] = to.0[0].clone();
                    Name(parts)
                }
                _ => to,
            };
            out.push(Effect::RenameTable {
                from: table.clone(),
                to,
            });
        }
    }
}

fn add_constraint(s: &mut Stream<'_>, table: &Name, out: &mut Vec<Effect>) {
    let not_valid = s.rest_has_pair("NOT", "VALID");
    if s.eat("UNIQUE") || (s.eat("PRIMARY") && s.eat("KEY")) {
        s.eat("KEY");
        s.eat("INDEX");
        if !s.is_punct('(') {
            s.next();
        }
        let columns = s.paren_columns();
        out.push(Effect::AddUnique {
            table: table.clone(),
            columns,
        });
    } else if s.is("FOREIGN") {
        out.push(Effect::AddValidatedConstraint {
            table: table.clone(),
            kind: "FOREIGN KEY",
            not_valid,
        });
    } else if s.is("CHECK") {
        out.push(Effect::AddValidatedConstraint {
            table: table.clone(),
            kind: "CHECK",
            not_valid,
        });
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word { text: String, quoted: bool },
    Punct(char),
    Other,
}

impl Tok {
    fn is_word(&self, w: &str) -> bool {
        matches!(self, Tok::Word { text, quoted: false } if text.eq_ignore_ascii_case(w))
    }
}

fn tokens(dialect: Dialect, sql: &str) -> Option<Vec<Tok>> {
    let raw = match dialect {
        Dialect::Postgres => Tokenizer::new(&PostgreSqlDialect {}, sql).tokenize(),
        Dialect::Mysql => Tokenizer::new(&MySqlDialect {}, sql).tokenize(),
        Dialect::Sqlite => Tokenizer::new(&SQLiteDialect {}, sql).tokenize(),
    }
    .ok()?;
    Some(
        raw.into_iter()
            .filter_map(|t| match t {
                Token::Whitespace(_) => None,
                Token::Word(w) => {
                    let quoted = w.quote_style.is_some();
                    let text = if !quoted && dialect == Dialect::Postgres {
                        w.value.to_lowercase()
                    } else {
                        w.value
                    };
                    Some(Tok::Word { text, quoted })
                }
                Token::LParen => Some(Tok::Punct('(')),
                Token::RParen => Some(Tok::Punct(')')),
                Token::Comma => Some(Tok::Punct(',')),
                Token::Period => Some(Tok::Punct('.')),
                Token::SemiColon => Some(Tok::Punct(';')),
                _ => Some(Tok::Other),
            })
            .collect(),
    )
}

struct Stream<'a> {
    t: &'a [Tok],
    i: usize,
    dialect: Dialect,
}

impl Stream<'_> {
    fn is(&self, w: &str) -> bool {
        self.t.get(self.i).is_some_and(|t| t.is_word(w))
    }

    fn is_punct(&self, c: char) -> bool {
        self.t.get(self.i) == Some(&Tok::Punct(c))
    }

    fn eat(&mut self, w: &str) -> bool {
        let yes = self.is(w);
        if yes {
            self.i += 1;
        }
        yes
    }

    fn punct(&mut self, c: char) -> bool {
        let yes = self.is_punct(c);
        if yes {
            self.i += 1;
        }
        yes
    }

    fn next(&mut self) {
        self.i += 1;
    }

    fn if_not_exists(&mut self) {
        if self.is("IF") {
            self.i += 3;
        }
    }

    fn starts_constraint(&self) -> bool {
        ["UNIQUE", "PRIMARY", "FOREIGN", "CHECK", "EXCLUDE"]
            .iter()
            .any(|w| self.is(w))
    }

    fn ident(&mut self) -> Option<String> {
        match self.t.get(self.i) {
            Some(Tok::Word { text, .. }) => {
                self.i += 1;
                Some(text.clone())
            }
            _ => None,
        }
    }

    /// A dotted name.
    fn name(&mut self) -> Option<Name> {
        let mut parts = vec![self.ident()?];
        while self.is_punct('.') {
            self.i += 1;
            parts.push(self.ident()?);
        }
        Some(Name(parts))
    }

    /// Comma-separated names (`DROP TABLE a, b`), stopping at the first thing that is not one.
    fn names(&mut self) -> Vec<Name> {
        let mut out = Vec::new();
        while let Some(n) = self.name() {
            out.push(n);
            if !self.punct(',') {
                break;
            }
        }
        // `CASCADE`/`RESTRICT` are words too: a name list never ends in one.
        out.retain(|n| {
            !(n.0.len() == 1 && ["cascade", "restrict"].contains(&n.0[0].to_lowercase().as_str()))
        });
        let _ = self.dialect;
        out
    }

    fn rest_has(&self, w: &str) -> bool {
        self.t[self.i.min(self.t.len())..]
            .iter()
            .any(|t| t.is_word(w))
    }

    fn rest_has_pair(&self, a: &str, b: &str) -> bool {
        self.t[self.i.min(self.t.len())..]
            .windows(2)
            .any(|p| p[0].is_word(a) && p[1].is_word(b))
    }

    /// The key columns in the parentheses that start here, when every key is a bare column (with an optional order
    /// or length); empty when one is an expression.
    fn paren_columns(&mut self) -> Vec<String> {
        if !self.punct('(') {
            return Vec::new();
        }
        let start = self.i;
        let mut depth = 1;
        while depth > 0 && self.i < self.t.len() {
            match self.t[self.i] {
                Tok::Punct('(') => depth += 1,
                Tok::Punct(')') => depth -= 1,
                _ => {}
            }
            self.i += 1;
        }
        let inner = &self.t[start..self.i.saturating_sub(1)];
        let items = split_top_level(inner);
        let columns: Vec<String> = items
            .iter()
            .filter_map(|item| match item.first() {
                Some(Tok::Word { text, .. })
                    if !item
                        .get(1)
                        .is_some_and(|t| matches!(t, Tok::Punct('.') | Tok::Punct('('))) =>
                {
                    Some(text.clone())
                }
                _ => None,
            })
            .collect();
        // An expression key makes the list meaningless for a duplicate count.
        if columns.len() == items.len() {
            columns
        } else {
            Vec::new()
        }
    }

    /// What is left, cut at top-level commas (an `ALTER TABLE`'s operations).
    fn top_level_items(&self) -> Vec<&[Tok]> {
        split_top_level(&self.t[self.i.min(self.t.len())..])
    }
}

fn split_top_level(t: &[Tok]) -> Vec<&[Tok]> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, tok) in t.iter().enumerate() {
        match tok {
            Tok::Punct('(') => depth += 1,
            Tok::Punct(')') => depth = depth.saturating_sub(1),
            Tok::Punct(',') | Tok::Punct(';') if depth == 0 => {
                out.push(&t[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&t[start..]);
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Name {
        Name(s.split('.').map(str::to_string).collect())
    }

    #[test]
    fn drops_and_data_loss() {
        assert_eq!(
            effects(
                Dialect::Postgres,
                "DROP TABLE IF EXISTS public.Users, \"Posts\" CASCADE"
            ),
            [
                Effect::DropTable {
                    table: name("public.users")
                },
                Effect::DropTable {
                    table: name("Posts")
                }
            ]
        );
        assert_eq!(
            effects(
                Dialect::Mysql,
                "ALTER TABLE `users` DROP COLUMN bio, DROP INDEX x, ADD COLUMN age int"
            ),
            [
                Effect::DropColumn {
                    table: name("users"),
                    column: "bio".into()
                },
                Effect::AddColumn {
                    table: name("users"),
                    column: "age".into(),
                    not_null: false,
                    has_default: false
                },
            ]
        );
        assert_eq!(
            effects(Dialect::Sqlite, "DELETE FROM t"),
            [Effect::DeleteAll { table: name("t") }]
        );
        assert_eq!(effects(Dialect::Sqlite, "DELETE FROM t WHERE id = 1"), []);
        assert_eq!(
            effects(Dialect::Postgres, "DROP TYPE mood"),
            [Effect::DropObject {
                kind: "TYPE",
                name: name("mood")
            }]
        );
    }

    /// An event's body runs later, if ever: a `DELETE` in it is not one the migration does, and the event
    /// statements themselves touch no table.
    #[test]
    fn event_statements_have_no_effect() {
        for sql in [
            "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t",
            "CREATE DEFINER=`root`@`%` EVENT e ON SCHEDULE AT '2030-01-01 00:00:00' DO TRUNCATE t",
            "ALTER EVENT e ON SCHEDULE EVERY 2 DAY DO BEGIN DELETE FROM t; DROP TABLE u; END",
            "ALTER EVENT e RENAME TO f",
            "DROP EVENT IF EXISTS e",
        ] {
            assert_eq!(effects(Dialect::Mysql, sql), [], "{sql}");
        }
    }

    #[test]
    fn columns_indexes_and_constraints() {
        assert_eq!(
            effects(Dialect::Postgres, "ALTER TABLE t ADD COLUMN c text NOT NULL, ALTER COLUMN d TYPE bigint, ALTER COLUMN e SET NOT NULL"),
            [
                Effect::AddColumn { table: name("t"), column: "c".into(), not_null: true, has_default: false },
                Effect::AlterColumnType { table: name("t"), column: "d".into() },
                Effect::SetNotNull { table: name("t"), column: "e".into() },
            ]
        );
        assert_eq!(
            effects(
                Dialect::Postgres,
                "ALTER TABLE t ADD COLUMN c text NOT NULL DEFAULT 'x'"
            ),
            [Effect::AddColumn {
                table: name("t"),
                column: "c".into(),
                not_null: true,
                has_default: true
            }]
        );
        assert_eq!(
            effects(Dialect::Postgres, "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a ON ONLY s.t USING btree (a, lower(b), c DESC)"),
            [Effect::CreateIndex {
                table: name("s.t"),
                name: Some("t_a".into()),
                unique: true,
                concurrently: true,
                columns: Vec::new(),
            }]
        );
        assert_eq!(
            effects(
                Dialect::Mysql,
                "ALTER TABLE t ADD CONSTRAINT u UNIQUE KEY u_idx (a, b)"
            ),
            [Effect::AddUnique {
                table: name("t"),
                columns: vec!["a".into(), "b".into()]
            }]
        );
        assert_eq!(
            effects(
                Dialect::Postgres,
                "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id) NOT VALID"
            ),
            [Effect::AddValidatedConstraint {
                table: name("t"),
                kind: "FOREIGN KEY",
                not_valid: true
            }]
        );
        assert_eq!(
            effects(Dialect::Sqlite, "ALTER TABLE t RENAME TO u"),
            [Effect::RenameTable {
                from: name("t"),
                to: name("u")
            }]
        );
        assert_eq!(effects(Dialect::Postgres, "SELECT 'DROP TABLE x'"), []);
    }
}
