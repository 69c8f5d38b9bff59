//! Reading names out of pg_query nodes.

use flash_core::QualName;
use pg_query::protobuf::{self, node::Node as N};
use pg_query::Node;

/// The string value of a `String` node.
pub fn string(node: &Node) -> Option<&str> {
    match node.node.as_ref()? {
        N::String(s) => Some(&s.sval),
        _ => None,
    }
}

/// All string values of a list of `String` nodes (qualified names, column lists).
pub fn strings(nodes: &[Node]) -> Vec<String> {
    nodes
        .iter()
        .filter_map(string)
        .map(str::to_string)
        .collect()
}

/// A `[schema.]name` from a list of name parts, qualified with `public` when the schema is left out.
pub fn qualified(parts: &[Node]) -> Option<QualName> {
    let parts = strings(parts);
    match parts.as_slice() {
        [name] => Some(QualName::new("public", name.as_str())),
        [.., schema, name] => Some(QualName::new(schema.as_str(), name.as_str())),
        [] => None,
    }
}

pub fn range_var(rv: &protobuf::RangeVar) -> QualName {
    let schema = if rv.schemaname.is_empty() {
        "public"
    } else {
        rv.schemaname.as_str()
    };
    QualName::new(schema, rv.relname.as_str())
}

/// A name shown as the user would write it: `name` in `public`, `schema.name` elsewhere.
pub fn short(name: &QualName) -> String {
    if name.schema == "public" {
        name.name.clone()
    } else {
        format!("{}.{}", name.schema, name.name)
    }
}

/// The role a `RoleSpec` node names.
pub fn role(node: &Node) -> Option<String> {
    match node.node.as_ref()? {
        N::RoleSpec(r) => Some(role_spec(r)),
        _ => None,
    }
}

pub fn role_spec(r: &protobuf::RoleSpec) -> String {
    use protobuf::RoleSpecType as R;
    match R::try_from(r.roletype).unwrap_or(R::Undefined) {
        R::RolespecPublic => "public".into(),
        R::RolespecCurrentUser => "CURRENT_USER".into(),
        R::RolespecSessionUser => "SESSION_USER".into(),
        R::RolespecCurrentRole => "CURRENT_ROLE".into(),
        _ => r.rolename.clone(),
    }
}
