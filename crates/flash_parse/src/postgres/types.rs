//! PostgreSQL type names in canonical form: the spelling `format_type()` prints, so that `int4`, `int` and `integer`
//! are one type and a live database reads back the same names.

use flash_core::DataType;
use pg_query::protobuf::{self, a_const::Val, node::Node as N};

use super::names::strings;

/// What `serial`-style pseudo types expand to.
pub struct Resolved {
    pub data_type: DataType,
    /// True for `serial`/`bigserial`/`smallserial`: the column also gets a sequence and a default.
    pub serial: bool,
}

pub fn resolve(tn: &protobuf::TypeName) -> Resolved {
    let parts = strings(&tn.names);
    let (schema, name) = match parts.as_slice() {
        [name] => (None, name.as_str()),
        [.., schema, name] => (Some(schema.as_str()), name.as_str()),
        [] => (None, ""),
    };
    let builtin = schema.is_none() || schema == Some("pg_catalog");
    let args: Vec<String> = tn.typmods.iter().map(typmod).collect();
    let (canonical, serial) = match (builtin, name) {
        (true, "serial" | "serial4") => ("integer", true),
        (true, "bigserial" | "serial8") => ("bigint", true),
        (true, "smallserial" | "serial2") => ("smallint", true),
        (true, other) => (builtin_name(other).unwrap_or(other), false),
        (false, _) => ("", false),
    };
    let name = if builtin {
        canonical.to_string()
    } else {
        match schema {
            // The default schema is left implicit, as format_type() prints types on the search path.
            Some("public") | None => name.to_string(),
            Some(s) => format!("{s}.{name}"),
        }
    };
    // `char` and `bit` without a length already carry the implicit (1) from PostgreSQL's grammar.
    let data_type = DataType {
        name,
        args,
        array_dims: tn.array_bounds.len() as u32,
    };
    Resolved { data_type, serial }
}

/// Internal and alias spellings of built-in types, mapped to format_type() names.
fn builtin_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "int2" | "smallint" => "smallint",
        "int4" | "int" | "integer" => "integer",
        "int8" | "bigint" => "bigint",
        "float4" | "real" => "real",
        "float8" | "double precision" => "double precision",
        "bool" | "boolean" => "boolean",
        "varchar" | "character varying" => "character varying",
        "bpchar" | "character" | "char" => "character",
        "varbit" | "bit varying" => "bit varying",
        "bit" => "bit",
        "numeric" | "decimal" => "numeric",
        "timestamp" => "timestamp without time zone",
        "timestamptz" => "timestamp with time zone",
        "time" => "time without time zone",
        "timetz" => "time with time zone",
        "text" => "text",
        "bytea" => "bytea",
        "json" => "json",
        "jsonb" => "jsonb",
        "uuid" => "uuid",
        "date" => "date",
        "interval" => "interval",
        "inet" => "inet",
        "cidr" => "cidr",
        "macaddr" => "macaddr",
        "macaddr8" => "macaddr8",
        "money" => "money",
        "xml" => "xml",
        "tsvector" => "tsvector",
        "tsquery" => "tsquery",
        "oid" => "oid",
        "name" => "name",
        "regclass" => "regclass",
        "point" => "point",
        "line" => "line",
        "lseg" => "lseg",
        "box" => "box",
        "path" => "path",
        "polygon" => "polygon",
        "circle" => "circle",
        "int4range" => "int4range",
        "int8range" => "int8range",
        "numrange" => "numrange",
        "tsrange" => "tsrange",
        "tstzrange" => "tstzrange",
        "daterange" => "daterange",
        "trigger" => "trigger",
        "void" => "void",
        "record" => "record",
        "anyelement" => "anyelement",
        "event_trigger" => "event_trigger",
        _ => return None,
    })
}

fn typmod(node: &pg_query::Node) -> String {
    match node.node.as_ref() {
        Some(N::AConst(c)) => match c.val.as_ref() {
            Some(Val::Ival(i)) => i.ival.to_string(),
            Some(Val::Fval(f)) => f.fval.clone(),
            Some(Val::Sval(s)) => s.sval.clone(),
            _ => String::new(),
        },
        Some(N::ColumnRef(c)) => strings(&c.fields).join("."),
        _ => super::expr::deparse_expr(node),
    }
}

/// Canonical text of a type, for places the model keeps types as text (routine arguments, return types).
pub fn type_text(tn: &protobuf::TypeName) -> String {
    let resolved = resolve(tn);
    let text = resolved.data_type.to_string();
    if tn.setof {
        format!("SETOF {text}")
    } else {
        text
    }
}

/// A type in a routine's signature or result: PostgreSQL drops type modifiers there (`varchar(10)` is
/// `character varying`), so the model does too.
pub fn routine_type_text(tn: &protobuf::TypeName) -> String {
    let mut data_type = resolve(tn).data_type;
    data_type.args.clear();
    let text = data_type.to_string();
    if tn.setof {
        format!("SETOF {text}")
    } else {
        text
    }
}
