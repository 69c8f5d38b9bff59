//! `Typename` for the spellings schema files use: any plain or schema-qualified type name with integer modifiers,
//! PostgreSQL's SQL-standard spellings (`integer`, `double precision`, `character varying(n)`, `timestamp with
//! time zone`...), and array brackets. Other SQL-standard forms (`interval` fields, `bit`, `national`, `float(p)`,
//! `setof`, `%TYPE`) are left to libpg_query.

use pg_query::protobuf::{self, node::Node as N, Node};

use super::{node, string, Parser};
use crate::postgres::libpg_query::Keyword;

pub fn type_name(p: &mut Parser) -> Option<protobuf::TypeName> {
    let location = p.loc();
    let (word, keyword) = p.name_token()?;
    // A quoted name has no keyword: `"double"` is a type named double.
    let mut t = match keyword {
        Some(Keyword::Unreserved) if word == "double" => {
            p.at += 1;
            p.expect_kw("precision")?;
            system("float8")
        }
        None | Some(Keyword::Unreserved) => generic(p, word)?,
        Some(Keyword::ColName) => standard(p, &word)?,
        Some(Keyword::TypeFuncName | Keyword::Reserved) => return None,
    };
    t.location = location;
    while p.eat_punct(b'[') {
        let bound = match p.int() {
            Some((n, _)) => n,
            None => -1,
        };
        p.expect_punct(b']')?;
        t.array_bounds
            .push(node(N::Integer(protobuf::Integer { ival: bound })));
    }
    Some(t)
}

/// `GenericType`: a name, perhaps qualified, with optional modifiers; the name token is next.
fn generic(p: &mut Parser, first: String) -> Option<protobuf::TypeName> {
    p.at += 1;
    let mut names = vec![string(first)];
    while p.eat_punct(b'.') {
        names.push(string(p.label()?));
    }
    let mut t = protobuf::TypeName {
        names,
        typemod: -1,
        ..Default::default()
    };
    t.typmods = modifiers(p)?;
    Some(t)
}

/// The SQL-standard type spellings that are keywords; the keyword is next.
fn standard(p: &mut Parser, word: &str) -> Option<protobuf::TypeName> {
    p.at += 1;
    Some(match word {
        "int" | "integer" => system("int4"),
        "smallint" => system("int2"),
        "bigint" => system("int8"),
        "real" => system("float4"),
        "boolean" => system("bool"),
        "json" => system("json"),
        "float" if !p.is_punct(0, b'(') => system("float8"),
        "decimal" | "dec" | "numeric" => {
            let mut t = system("numeric");
            t.typmods = modifiers(p)?;
            t
        }
        "character" | "char" | "varchar" => {
            let name = if word == "varchar" || p.eat_kw("varying") {
                "varchar"
            } else {
                "bpchar"
            };
            let mut t = system(name);
            if p.eat_punct(b'(') {
                let (n, at) = p.int()?;
                p.expect_punct(b')')?;
                t.typmods = vec![super::expr::int_const(n, at)];
            } else if name == "bpchar" {
                // `char` alone means `char(1)`; the 1 is the grammar's, so it has no location.
                t.typmods = vec![super::expr::int_const(1, -1)];
            }
            t
        }
        "timestamp" | "time" => {
            let precision = if p.eat_punct(b'(') {
                let (n, at) = p.int()?;
                p.expect_punct(b')')?;
                Some(super::expr::int_const(n, at))
            } else {
                None
            };
            let zoned = if p.eat_kw("with") {
                true
            } else if p.eat_kw("without") {
                false
            } else {
                return Some(datetime(word, false, precision));
            };
            p.expect_kw("time")?;
            p.expect_kw("zone")?;
            datetime(word, zoned, precision)
        }
        _ => return None,
    })
}

/// `timestamp` or `time`, with or without a time zone, and its precision if one was given.
fn datetime(word: &str, zoned: bool, precision: Option<Node>) -> protobuf::TypeName {
    let name = match (word, zoned) {
        ("timestamp", true) => "timestamptz",
        ("timestamp", false) => "timestamp",
        (_, true) => "timetz",
        (_, false) => "time",
    };
    let mut t = system(name);
    t.typmods = precision.into_iter().collect();
    t
}

/// A type of `pg_catalog`, as the grammar names the SQL-standard spellings.
fn system(name: &str) -> protobuf::TypeName {
    protobuf::TypeName {
        names: vec![string("pg_catalog".into()), string(name.into())],
        typemod: -1,
        ..Default::default()
    }
}

/// `( n, ... )` after a type name: integer modifiers only.
fn modifiers(p: &mut Parser) -> Option<Vec<Node>> {
    if !p.eat_punct(b'(') {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    loop {
        let (n, at) = p.int()?;
        out.push(super::expr::int_const(n, at));
        if !p.eat_punct(b',') {
            break;
        }
    }
    p.expect_punct(b')')?;
    Some(out)
}
