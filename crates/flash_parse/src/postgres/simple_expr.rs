//! The commonest defaults printed without a trip through the deparser: constants, `CURRENT_TIMESTAMP` and its
//! kin, calls like `now()`, and string constants cast to a plain type (`'{}'::jsonb`). Each deparse is a protobuf
//! round trip through libpg_query, and a schema has thousands of these.
//!
//! [`print`] answers only for the shapes it knows and leaves the rest (`None`) to the deparser. What it prints is
//! byte for byte what the deparser prints: the tests below compare the two over many expressions.

use pg_query::protobuf::{self, a_const::Val, node::Node as N, CoercionForm, SqlValueFunctionOp};
use pg_query::Node;

/// Functions called with no arguments that are printed by name: none of them is a keyword the deparser would
/// quote.
const PLAIN_FUNCTIONS: &[&str] = &[
    "now",
    "gen_random_uuid",
    "uuid_generate_v4",
    "uuidv4",
    "uuidv7",
    "clock_timestamp",
    "statement_timestamp",
    "transaction_timestamp",
    "timeofday",
    "random",
    "pi",
];

/// Types a string constant is cast to that print as written (unqualified, no modifiers).
const PLAIN_TYPES: &[&str] = &[
    "text", "jsonb", "json", "uuid", "date", "regclass", "inet", "cidr", "bytea", "citext", "money",
];

/// `pg_catalog` types as the deparser names them, for the ones whose names need no special handling.
const CATALOG_TYPES: &[(&str, &str)] = &[
    ("varchar", "varchar"),
    ("numeric", "numeric"),
    ("int2", "smallint"),
    ("int4", "int"),
    ("int8", "bigint"),
    ("float4", "real"),
    ("float8", "double precision"),
    ("timestamp", "timestamp"),
    ("timestamptz", "timestamp with time zone"),
    ("time", "time"),
    ("interval", "interval"),
];

/// The expression as the deparser prints it, when it is one of the simple shapes; `None` otherwise.
pub fn print(node: &Node) -> Option<String> {
    match node.node.as_ref()? {
        N::AConst(c) => constant(c),
        N::SqlvalueFunction(f) => sql_value_function(f),
        N::FuncCall(f) => call(f),
        N::TypeCast(c) => cast(c),
        _ => None,
    }
}

fn constant(c: &protobuf::AConst) -> Option<String> {
    if c.isnull {
        return Some("NULL".into());
    }
    Some(match c.val.as_ref()? {
        Val::Ival(i) => i.ival.to_string(),
        Val::Fval(f) => f.fval.clone(),
        Val::Boolval(b) => b.boolval.to_string(),
        Val::Sval(s) => string_literal(&s.sval),
        Val::Bsval(_) => return None,
    })
}

/// A string constant as the deparser writes it: `E'...'` with backslashes doubled when there is a backslash.
fn string_literal(value: &str) -> String {
    let escape = value.contains('\\');
    let mut out = String::with_capacity(value.len() + 3);
    if escape {
        out.push('E');
    }
    out.push('\'');
    for ch in value.chars() {
        if ch == '\'' || (escape && ch == '\\') {
            out.push(ch);
        }
        out.push(ch);
    }
    out.push('\'');
    out
}

fn sql_value_function(f: &protobuf::SqlValueFunction) -> Option<String> {
    use SqlValueFunctionOp as Op;
    let name = match Op::try_from(f.op).ok()? {
        Op::SvfopCurrentDate => "current_date",
        Op::SvfopCurrentTime | Op::SvfopCurrentTimeN => "current_time",
        Op::SvfopCurrentTimestamp | Op::SvfopCurrentTimestampN => "current_timestamp",
        Op::SvfopLocaltime | Op::SvfopLocaltimeN => "localtime",
        Op::SvfopLocaltimestamp | Op::SvfopLocaltimestampN => "localtimestamp",
        Op::SvfopCurrentRole => "current_role",
        Op::SvfopCurrentUser => "current_user",
        Op::SvfopUser => "user",
        Op::SvfopSessionUser => "session_user",
        Op::SvfopCurrentCatalog => "current_catalog",
        Op::SvfopCurrentSchema => "current_schema",
        Op::SqlvalueFunctionOpUndefined => return None,
    };
    // In capitals, as PostgreSQL prints them back (what `expr::deparse_round_trip` makes of the deparser's output).
    let name = name.to_ascii_uppercase();
    Some(if f.typmod == -1 {
        name
    } else {
        format!("{name}({})", f.typmod)
    })
}

fn call(f: &protobuf::FuncCall) -> Option<String> {
    let plain = f.args.is_empty()
        && f.agg_order.is_empty()
        && f.agg_filter.is_none()
        && f.over.is_none()
        && !f.agg_within_group
        && !f.agg_star
        && !f.agg_distinct
        && !f.func_variadic
        && f.funcformat == CoercionForm::CoerceExplicitCall as i32;
    let [name] = f.funcname.as_slice() else {
        return None;
    };
    let name = super::names::string(name)?;
    (plain && PLAIN_FUNCTIONS.contains(&name)).then(|| format!("{name}()"))
}

fn cast(c: &protobuf::TypeCast) -> Option<String> {
    let Some(N::AConst(constant)) = c.arg.as_deref()?.node.as_ref() else {
        return None;
    };
    let Some(Val::Sval(value)) = constant.val.as_ref().filter(|_| !constant.isnull) else {
        return None;
    };
    let t = c.type_name.as_ref()?;
    if t.setof || t.pct_type || !t.typmods.is_empty() || !t.array_bounds.is_empty() {
        return None;
    }
    let names: Vec<&str> = t
        .names
        .iter()
        .map(super::names::string)
        .collect::<Option<_>>()?;
    let type_name = match names.as_slice() {
        [name] => PLAIN_TYPES.iter().find(|t| *t == name).copied()?,
        ["pg_catalog", name] => CATALOG_TYPES
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, printed)| *printed)?,
        _ => return None,
    };
    Some(format!("{}::{type_name}", string_literal(&value.sval)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::postgres::{expr::deparse_round_trip, libpg_query};

    /// The expression of `SELECT <expr>`, as the parser gives it.
    fn parsed(expr: &str) -> Node {
        let result = libpg_query::parse(&format!("SELECT {expr}"))
            .unwrap_or_else(|e| panic!("`{expr}`: {e:?}"));
        let stmt = result
            .stmts
            .into_iter()
            .next()
            .and_then(|s| s.stmt)
            .expect("a statement");
        let Some(N::SelectStmt(select)) = stmt.node else {
            panic!("not a SELECT: {expr}");
        };
        let Some(N::ResTarget(target)) = select.target_list.into_iter().next().and_then(|t| t.node)
        else {
            panic!("no target: {expr}");
        };
        *target.val.expect("a value")
    }

    fn strings() -> Vec<String> {
        let mut out: Vec<String> = [
            "",
            "a",
            "it''s",
            "a\\b",
            "\\",
            "{}",
            "[]",
            "{\"a\": 1}",
            "100%",
            "naïve",
            "日本",
            "line\nbreak",
            "tab\there",
            "$$",
            "\"q\"",
            "--",
            "/* c */",
            "E",
            "t",
            "f",
            "true",
            "2024-01-01",
            "1 day",
        ]
        .iter()
        .map(|s| format!("'{s}'"))
        .collect();
        out.extend(
            [
                "E'a\\\\b'",
                "E'\\n'",
                "E'it\\'s'",
                "U&'d\\0061t'",
                "$$dollar$$",
                "$t$tag'd$t$",
            ]
            .map(String::from),
        );
        out
    }

    fn expressions() -> Vec<String> {
        let mut out: Vec<String> = [
            "0",
            "1",
            "-1",
            "42",
            "-2147483648",
            "2147483647",
            "2147483648",
            "-2147483649",
            "9223372036854775807",
            "1.5",
            "-1.5",
            "0.0",
            ".5",
            "1e10",
            "1.5E-3",
            "-0",
            "00012",
            "0x1F",
            "0o17",
            "0b101",
            "1_000_000",
            "true",
            "false",
            "TRUE",
            "NULL",
            "null",
            "CURRENT_TIMESTAMP",
            "current_timestamp(3)",
            "CURRENT_DATE",
            "CURRENT_TIME",
            "CURRENT_TIME(0)",
            "LOCALTIME",
            "LOCALTIME(2)",
            "LOCALTIMESTAMP",
            "LOCALTIMESTAMP(6)",
            "CURRENT_ROLE",
            "CURRENT_USER",
            "USER",
            "SESSION_USER",
            "CURRENT_CATALOG",
            "CURRENT_SCHEMA",
            "now()",
            "NOW()",
            "pg_catalog.now()",
            "\"now\"()",
            "\"Now\"()",
            "now(1)",
            "count(*)",
            "random()",
            "left()",
            "\"left\"()",
            "gen_random_uuid()",
            "public.gen_random_uuid()",
            "uuidv7()",
            "pi()",
            "b'101'",
            "x'1F'",
            "'a' || 'b'",
            "-(1)",
            "(1)",
            "1::int",
            "'1'::int[]",
            "'a'::varchar(10)",
            "'a'::bpchar",
            "'t'::bool",
            "'x'::point",
            "'x'::\"text\"",
            "'x'::Text",
            "'1 day'::interval",
            "'1'::interval hour",
            "CAST('x' AS text)",
            "'x'::pg_catalog.text",
            "'x'::character varying",
            "'x'::timestamptz",
            "'x'::timestamp with time zone",
            "'x'::timestamp(3) with time zone",
            "'x'::double precision",
            "'x'::float",
            "'x'::real",
            "'x'::decimal",
            "'x'::smallint",
            "'x'::integer",
            "'x'::bigint",
            "'x'::time",
            "NULL::text",
            "1::text",
            "'x'::text::jsonb",
            "'x'::my_schema.t",
            "'x'::\"select\"",
            "'x'::money",
        ]
        .map(String::from)
        .to_vec();
        for s in strings() {
            out.push(s.clone());
            for t in PLAIN_TYPES.iter().chain(
                [
                    "varchar",
                    "numeric",
                    "int2",
                    "int4",
                    "int8",
                    "float4",
                    "float8",
                    "timestamp",
                    "timestamptz",
                    "time",
                    "interval",
                    "bool",
                    "bpchar",
                    "date",
                ]
                .iter(),
            ) {
                out.push(format!("{s}::{t}"));
                out.push(format!("{s}::pg_catalog.{t}"));
            }
        }
        out.extend(PLAIN_FUNCTIONS.iter().map(|f| format!("{f}()")));
        out
    }

    #[test]
    fn prints_what_the_deparser_prints() {
        let mut printed = 0;
        for expr in expressions() {
            let node = parsed(&expr);
            let Some(fast) = print(&node) else {
                continue;
            };
            printed += 1;
            assert_eq!(fast, deparse_round_trip(&node), "for `{expr}`");
        }
        // The shapes it knows must actually be met, or the comparison proves nothing.
        assert!(
            printed > 350,
            "only {printed} expressions took the simple path"
        );
    }

    #[test]
    fn leaves_other_shapes_to_the_deparser() {
        for expr in [
            "count(*)",
            "\"left\"()",
            "now(1)",
            "pg_catalog.now()",
            "'a'::varchar(10)",
            "b'101'",
            "1::text",
            "'t'::bool",
            "'x'::bpchar",
            "'a' || 'b'",
            "'x'::my_schema.t",
        ] {
            assert_eq!(print(&parsed(expr)), None, "for `{expr}`");
        }
    }
}
