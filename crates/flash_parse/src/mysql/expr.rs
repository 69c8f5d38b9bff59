//! Column defaults in the form MariaDB's `information_schema.COLUMNS.COLUMN_DEFAULT` shows them: string literals
//! single-quoted, numbers as written, `current_timestamp()` for every spelling of "now", other expressions printed.

use sqlparser::ast::{Expr, UnaryOperator, Value};

use flash_core::DataType;

use super::types::quote_literal;

/// The canonical default; `None` for `DEFAULT NULL`, which is no default.
pub fn default_text(e: &Expr) -> Option<String> {
    match e {
        Expr::Value(v) => match &v.value {
            Value::Null => None,
            Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => Some(quote_literal(s)),
            Value::Number(n, _) => Some(n.clone()),
            Value::Boolean(b) => Some(if *b { "1" } else { "0" }.to_string()),
            Value::SingleQuotedByteStringLiteral(bits) => Some(format!("b'{bits}'")),
            Value::HexStringLiteral(hex) => Some(format!("0x{hex}")),
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
        // MariaDB drops the parentheses around a call, `(uuid())`, and keeps those around an operation.
        Expr::Nested(inner) => match inner.as_ref() {
            Expr::BinaryOp { .. } => Some(format!("({inner})")),
            _ => default_text(inner),
        },
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

/// Adjusts a default to the column's type the way MariaDB stores it: `'5'` on a number column is `5`, `5` on a
/// string column is `'5'`, a decimal default has the column's scale, a date on a DATETIME column gets a time.
pub fn fit_to_type(default: String, data_type: &DataType) -> String {
    let base = data_type.name.split(' ').next().unwrap_or("");
    let numeric = matches!(
        base,
        "tinyint" | "smallint" | "mediumint" | "int" | "bigint" | "decimal" | "float" | "double"
    );
    let quoted = default.len() >= 2 && default.starts_with('\'') && default.ends_with('\'');
    let inner = if quoted {
        default.get(1..default.len() - 1).unwrap_or("")
    } else {
        default.as_str()
    };
    let is_number = !inner.is_empty()
        && inner.trim_start_matches('-').parse::<f64>().is_ok()
        && !inner.contains(['e', 'E']);
    let stringy = matches!(
        base,
        "char"
            | "varchar"
            | "tinytext"
            | "text"
            | "mediumtext"
            | "longtext"
            | "enum"
            | "set"
            | "binary"
            | "varbinary"
    );
    if numeric && is_number {
        let number = inner.to_string();
        if base == "decimal" {
            if let Some(scale) = data_type.args.get(1).and_then(|s| s.parse::<usize>().ok()) {
                return with_scale(&number, scale);
            }
        }
        return number;
    }
    if stringy && !quoted && is_number {
        return quote_literal(&default);
    }
    if matches!(base, "datetime" | "timestamp")
        && quoted
        && inner.len() == 10
        && inner.as_bytes().get(4) == Some(&b'-')
    {
        return format!("'{inner} 00:00:00'");
    }
    default
}

/// `1.5` at scale 2 is `1.50`; digits beyond the scale are left for the database to round.
fn with_scale(number: &str, scale: usize) -> String {
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if scale == 0 || frac.len() > scale {
        return number.to_string();
    }
    format!("{int}.{frac:0<scale$}")
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
        assert_eq!(default_of("(1 + 2)").as_deref(), Some("(1 + 2)"));
        assert_eq!(default_of("b'101'").as_deref(), Some("b'101'"));
    }

    #[test]
    fn defaults_take_the_shape_of_their_column() {
        let t = |name: &str, args: &[&str]| {
            DataType::with_args(name, args.iter().map(|a| a.to_string()).collect())
        };
        assert_eq!(fit_to_type("'5'".into(), &t("int", &[])), "5");
        assert_eq!(fit_to_type("0".into(), &t("decimal", &["6", "2"])), "0.00");
        assert_eq!(
            fit_to_type("1.5".into(), &t("decimal unsigned", &["6", "2"])),
            "1.50"
        );
        assert_eq!(fit_to_type("5".into(), &t("varchar", &["5"])), "'5'");
        assert_eq!(
            fit_to_type("'2000-01-01'".into(), &t("datetime", &[])),
            "'2000-01-01 00:00:00'"
        );
        assert_eq!(fit_to_type("'abc'".into(), &t("int", &[])), "'abc'");
        assert_eq!(
            fit_to_type("current_timestamp()".into(), &t("timestamp", &[])),
            "current_timestamp()"
        );
    }
}
