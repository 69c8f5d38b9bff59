//! Expressions in canonical form: printed back from PostgreSQL's own parse tree, so `DEFAULT now( )` and
//! `default NOW()` are the same default.

use pg_query::protobuf::{self, node::Node as N};
use pg_query::Node;

/// Prints an expression node as PostgreSQL would: the simple shapes directly ([`super::simple_expr`]), the others
/// through the deparser.
pub fn deparse_expr(node: &Node) -> String {
    super::simple_expr::print(node).unwrap_or_else(|| deparse_round_trip(node))
}

/// Prints an expression through pg_query's deparser. It deparses statements, not bare expressions, so the
/// expression rides in a one-column `SELECT`.
pub fn deparse_round_trip(node: &Node) -> String {
    let select = protobuf::SelectStmt {
        target_list: vec![Node {
            node: Some(N::ResTarget(Box::new(protobuf::ResTarget {
                val: Some(Box::new(node.clone())),
                ..Default::default()
            }))),
        }],
        limit_option: protobuf::LimitOption::Default as i32,
        op: protobuf::SetOperation::SetopNone as i32,
        ..Default::default()
    };
    let text = deparse_stmt(N::SelectStmt(Box::new(select)));
    let text = text.strip_prefix("SELECT ").unwrap_or(&text);
    upper_value_functions(text)
}

/// The SQL-standard value functions (`current_timestamp`, `current_user`, ...) in capitals, as PostgreSQL prints
/// them back from its catalog; the deparser writes them in lower case. Quoted text is left alone.
fn upper_value_functions(text: &str) -> String {
    const WORDS: &[&str] = &[
        "current_catalog",
        "current_date",
        "current_role",
        "current_schema",
        "current_time",
        "current_timestamp",
        "current_user",
        "localtime",
        "localtimestamp",
        "session_user",
        "user",
    ];
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\'' || c == b'"' {
            let end = text[i + 1..]
                .find(c as char)
                .map_or(text.len(), |e| i + 2 + e);
            out.push_str(&text[i..end]);
            i = end;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let end = text[i..]
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '$'))
                .map_or(text.len(), |e| i + e);
            let word = &text[i..end];
            let qualified = i > 0 && bytes[i - 1] == b'.';
            if !qualified && WORDS.contains(&word) {
                out.push_str(&word.to_ascii_uppercase());
            } else {
                out.push_str(word);
            }
            i = end;
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// Prints a statement node (a view's query, for example).
pub fn deparse_stmt(stmt: N) -> String {
    let result = protobuf::ParseResult {
        version: 0,
        stmts: vec![protobuf::RawStmt {
            stmt: Some(Box::new(Node { node: Some(stmt) })),
            stmt_location: 0,
            stmt_len: 0,
        }],
    };
    pg_query::deparse(&result, Default::default()).unwrap_or_default()
}

/// The column names an expression mentions, in order of first mention (for PostgreSQL's default constraint names).
pub fn referenced_columns(node: &Node) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Some(inner) = node.node.as_ref() else {
        return out;
    };
    for (n, _, _, _) in inner.nodes() {
        if let pg_query::NodeRef::ColumnRef(c) = n {
            if let Some(name) = c.fields.last().and_then(super::names::string) {
                if !out.iter().any(|o| o == name) {
                    out.push(name.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::upper_value_functions;

    #[test]
    fn value_functions_print_in_capitals_outside_quotes() {
        assert_eq!(
            upper_value_functions("current_timestamp(3) + x.user - 'current_date'"),
            "CURRENT_TIMESTAMP(3) + x.user - 'current_date'"
        );
        assert_eq!(
            upper_value_functions("\"user\" = current_user"),
            "\"user\" = CURRENT_USER"
        );
    }
}
