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
    text.strip_prefix("SELECT ")
        .map(str::to_string)
        .unwrap_or(text)
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
