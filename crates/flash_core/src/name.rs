//! Qualified object names and the identifier rules of each dialect.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Dialect;

/// A schema-qualified name. The schema is always filled in (with the dialect's default where the source omitted it),
/// so that `users` and `public.users` are the same key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QualName {
    pub schema: String,
    pub name: String,
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
    let plain = !ident.is_empty()
        && ident
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && ident.chars().all(|c| {
            c.is_ascii_alphanumeric() || c == '_' || (c == '$' && dialect != Dialect::Sqlite)
        })
        && !(dialect == Dialect::Postgres && ident.chars().any(|c| c.is_ascii_uppercase()))
        && !is_reserved(ident);
    if plain {
        return ident.to_string();
    }
    match dialect {
        Dialect::Mysql => format!("`{}`", ident.replace('`', "``")),
        Dialect::Postgres | Dialect::Sqlite => format!("\"{}\"", ident.replace('"', "\"\"")),
    }
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
