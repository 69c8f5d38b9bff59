//! Column defaults in the form MariaDB's `information_schema.COLUMNS.COLUMN_DEFAULT` shows them: string literals
//! single-quoted, numbers as written, `current_timestamp()` for every spelling of "now", other expressions printed.

use sqlparser::ast::{Expr, UnaryOperator, Value};

use super::types::quote_literal;

/// The canonical default; `None` for `DEFAULT NULL`, which is no default.
pub fn default_text(e: &Expr) -> Option<String> {
    match e {
        Expr::Value(v) => match &v.value {
            Value::Null => None,
            Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => Some(quote_literal(s)),
            Value::Number(n, _) => Some(n.clone()),
            Value::Boolean(b) => Some(if *b { "1" } else { "0" }.to_string()),
            other => Some(other.to_string()),
        },
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => match expr.as_ref() {
            Expr::Value(v) => match &v.value {
                Value::Number(n, _) => Some(format!("-{n}")),
                _ => Some(e.to_string()),
            },
            _ => Some(e.to_string()),
        },
        Expr::Nested(inner) => default_text(inner),
        other => Some(now_or_text(other)),
    }
}

/// `CURRENT_TIMESTAMP`, `now()`, `LOCALTIMESTAMP(3)`... as `current_timestamp()` / `current_timestamp(3)`;
/// anything else as printed.
pub fn now_or_text(e: &Expr) -> String {
    let text = e.to_string();
    let lower = text.to_ascii_lowercase();
    let (head, args) = match lower.split_once('(') {
        Some((head, rest)) => (head.trim(), rest.trim_end_matches(')').trim()),
        None => (lower.trim(), ""),
    };
    if matches!(
        head,
        "current_timestamp" | "now" | "localtime" | "localtimestamp"
    ) && args.chars().all(|c| c.is_ascii_digit())
    {
        let fsp = if args == "0" { "" } else { args };
        return format!("current_timestamp({fsp})");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlparser::dialect::MySqlDialect;
    use sqlparser::parser::Parser;

    fn default_of(sql: &str) -> Option<String> {
        let dialect = MySqlDialect {};
        let e = Parser::new(&dialect)
            .try_with_sql(sql)
            .and_then(|mut p| p.parse_expr())
            .expect("parses");
        default_text(&e)
    }

    #[test]
    fn literals_and_now() {
        assert_eq!(default_of("NULL"), None);
        assert_eq!(default_of("'it''s'").as_deref(), Some("'it''s'"));
        assert_eq!(default_of("\"x\"").as_deref(), Some("'x'"));
        assert_eq!(default_of("0.00").as_deref(), Some("0.00"));
        assert_eq!(default_of("-1").as_deref(), Some("-1"));
        assert_eq!(default_of("TRUE").as_deref(), Some("1"));
        assert_eq!(
            default_of("CURRENT_TIMESTAMP").as_deref(),
            Some("current_timestamp()")
        );
        assert_eq!(default_of("now()").as_deref(), Some("current_timestamp()"));
        assert_eq!(
            default_of("CURRENT_TIMESTAMP(3)").as_deref(),
            Some("current_timestamp(3)")
        );
        assert_eq!(default_of("(uuid())").as_deref(), Some("uuid()"));
    }
}
