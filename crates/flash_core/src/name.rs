//! Qualified object names and the identifier rules of each dialect.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::Dialect;

/// A schema-qualified name. The schema is always filled in (with the dialect's default where the source omitted it),
/// so that `users` and `public.users` are the same key. MySQL's is empty: it names the connection's database.
///
/// Compared as the derived comparisons would (schema, then name), through [`cmp_text`] and [`eq_text`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QualName {
    pub schema: String,
    pub name: String,
}

impl PartialEq for QualName {
    fn eq(&self, other: &Self) -> bool {
        eq_text(&self.schema, &other.schema) && eq_text(&self.name, &other.name)
    }
}

impl Eq for QualName {}

impl Hash for QualName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.schema.hash(state);
        self.name.hash(state);
    }
}

impl PartialOrd for QualName {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for QualName {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_text(&self.schema, &other.schema).then_with(|| cmp_text(&self.name, &other.name))
    }
}

/// `a.cmp(b)`, except that an empty string is never handed to the C library's `memcmp`. Rust's empty strings point
/// at an address nothing is mapped at, and glibc's AVX-512 `memcmp` reads there through a masked load even for zero
/// bytes, which the processor completes only through a microcode assist: about 120 ns a call instead of 4. Every
/// MySQL name has an empty schema, so every lookup by name paid it (a third of `flash diff`'s time on 500 tables).
pub fn cmp_text(a: &str, b: &str) -> Ordering {
    if a.is_empty() || b.is_empty() {
        a.len().cmp(&b.len())
    } else {
        a.cmp(b)
    }
}

/// `a == b` without a zero-length `memcmp`: see [`cmp_text`].
pub fn eq_text(a: &str, b: &str) -> bool {
    a.len() == b.len() && (a.is_empty() || a == b)
}

impl QualName {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        QualName {
            schema: schema.into(),
            name: name.into(),
        }
    }

    /// `name` alone when the schema is the dialect's default, else `schema.name`; each part quoted when needed.
    pub fn display(&self, dialect: Dialect) -> String {
        if self.schema.is_empty() || self.schema == dialect.default_schema() {
            quote_ident(&self.name, dialect)
        } else {
            format!(
                "{}.{}",
                quote_ident(&self.schema, dialect),
                quote_ident(&self.name, dialect)
            )
        }
    }
}

impl fmt::Display for QualName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.schema.is_empty() {
            f.write_str(&self.name)
        } else {
            write!(f, "{}.{}", self.schema, self.name)
        }
    }
}

/// Quotes an identifier only when the dialect would otherwise read it differently: upper case or odd characters in
/// PostgreSQL (which folds unquoted names to lower case), odd characters or reserved words everywhere.
pub fn quote_ident(ident: &str, dialect: Dialect) -> String {
    let mut out = String::with_capacity(ident.len() + 2);
    push_quoted_ident(&mut out, ident, dialect);
    out
}

/// [`quote_ident`] written at the end of `out`: the renderers print thousands of names into one statement.
pub fn push_quoted_ident(out: &mut String, ident: &str, dialect: Dialect) {
    // One pass over the bytes: a character outside ASCII is never plain, and none of its bytes is.
    let bytes = ident.as_bytes();
    let plain = bytes
        .first()
        .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.iter().all(|&b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || b == b'_'
                || (b == b'$' && dialect != Dialect::Sqlite)
                || (b.is_ascii_uppercase() && dialect != Dialect::Postgres)
        })
        && !is_reserved(ident);
    if plain {
        out.push_str(ident);
        return;
    }
    let quote = match dialect {
        Dialect::Mysql => '`',
        Dialect::Postgres | Dialect::Sqlite => '"',
    };
    out.push(quote);
    for c in ident.chars() {
        if c == quote {
            out.push(quote);
        }
        out.push(c);
    }
    out.push(quote);
}

/// Words that need quoting as identifiers in at least one of the dialects. Quoting a word one dialect would accept
/// bare is harmless; missing one is a broken script, so the list errs on the long side.
fn is_reserved(ident: &str) -> bool {
    const RESERVED: &[&str] = &[
        "all",
        "alter",
        "analyse",
        "analyze",
        "and",
        "any",
        "array",
        "as",
        "asc",
        "asymmetric",
        "authorization",
        "between",
        "binary",
        "both",
        "by",
        "case",
        "cast",
        "check",
        "collate",
        "collation",
        "column",
        "concurrently",
        "constraint",
        "create",
        "cross",
        "current_catalog",
        "current_date",
        "current_role",
        "current_schema",
        "current_time",
        "current_timestamp",
        "current_user",
        "default",
        "deferrable",
        "delete",
        "desc",
        "distinct",
        "do",
        "drop",
        "else",
        "end",
        "except",
        "exists",
        "false",
        "fetch",
        "for",
        "foreign",
        "freeze",
        "from",
        "full",
        "grant",
        "group",
        "having",
        "ilike",
        "in",
        "index",
        "initially",
        "inner",
        "insert",
        "intersect",
        "into",
        "is",
        "isnull",
        "join",
        "key",
        "lateral",
        "leading",
        "left",
        "like",
        "limit",
        "localtime",
        "localtimestamp",
        "natural",
        "not",
        "notnull",
        "null",
        "offset",
        "on",
        "only",
        "or",
        "order",
        "outer",
        "overlaps",
        "placing",
        "primary",
        "references",
        "returning",
        "right",
        "select",
        "session_user",
        "set",
        "similar",
        "some",
        "symmetric",
        "system_user",
        "table",
        "tablesample",
        "then",
        "to",
        "trailing",
        "true",
        "union",
        "unique",
        "update",
        "user",
        "using",
        "values",
        "variadic",
        "verbose",
        "when",
        "where",
        "window",
        "with",
    ];
    // The words are lower case; compare without allocating a lower-cased copy of every identifier.
    RESERVED
        .binary_search_by(|word| {
            word.bytes()
                .cmp(ident.bytes().map(|b| b.to_ascii_lowercase()))
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair of a set of names with empty ones, prefixes, case and non-ASCII: the comparisons that skip
    /// `memcmp` for empty strings order and equate exactly as `str` and the derived tuple comparisons do.
    #[test]
    fn names_compare_as_their_parts_do() {
        let parts = [
            "",
            "a",
            "A",
            "ab",
            "b",
            "public",
            "main",
            "é",
            "ée",
            "a\u{0}",
            "orders_10",
            "orders_2",
        ];
        for a in parts {
            for b in parts {
                assert_eq!(cmp_text(a, b), a.cmp(b), "{a:?} vs {b:?}");
                assert_eq!(eq_text(a, b), a == b, "{a:?} vs {b:?}");
            }
        }
        let names: Vec<QualName> = parts
            .iter()
            .flat_map(|s| parts.iter().map(move |n| QualName::new(*s, *n)))
            .collect();
        use std::hash::BuildHasher;
        let state = std::collections::hash_map::RandomState::new();
        for x in &names {
            for y in &names {
                let tuple = (&x.schema, &x.name).cmp(&(&y.schema, &y.name));
                assert_eq!(x.cmp(y), tuple, "{x:?} vs {y:?}");
                assert_eq!(x.partial_cmp(y), Some(tuple));
                assert_eq!(x == y, tuple.is_eq());
                if x == y {
                    assert_eq!(state.hash_one(x), state.hash_one(y));
                }
            }
        }
    }

    #[test]
    fn reserved_list_is_sorted_for_binary_search() {
        let words = [
            "all",
            "and",
            "check",
            "current_time",
            "current_timestamp",
            "in",
            "index",
            "is",
            "isnull",
            "with",
        ];
        assert!(words.iter().all(|w| is_reserved(w)));
        assert!(is_reserved("select") && is_reserved("USER") && is_reserved("order"));
        assert!(!is_reserved("users"));
    }

    #[test]
    fn quoting_follows_the_dialect() {
        assert_eq!(quote_ident("users", Dialect::Postgres), "users");
        assert_eq!(quote_ident("Users", Dialect::Postgres), "\"Users\"");
        assert_eq!(quote_ident("Users", Dialect::Mysql), "Users");
        assert_eq!(quote_ident("order", Dialect::Mysql), "`order`");
        assert_eq!(quote_ident("we\"ird", Dialect::Sqlite), "\"we\"\"ird\"");
        assert_eq!(quote_ident("a$b_1", Dialect::Postgres), "a$b_1");
        assert_eq!(quote_ident("a$b", Dialect::Sqlite), "\"a$b\"");
        assert_eq!(quote_ident("_x1", Dialect::Mysql), "_x1");
        assert_eq!(quote_ident("1a", Dialect::Mysql), "`1a`");
        assert_eq!(quote_ident("café", Dialect::Postgres), "\"café\"");
        assert_eq!(quote_ident("a`b", Dialect::Mysql), "`a``b`");
        assert_eq!(quote_ident("", Dialect::Postgres), "\"\"");
    }

    #[test]
    fn default_schema_is_left_out_of_display() {
        assert_eq!(QualName::new("public", "t").display(Dialect::Postgres), "t");
        assert_eq!(
            QualName::new("app", "T").display(Dialect::Postgres),
            "app.\"T\""
        );
    }
}
