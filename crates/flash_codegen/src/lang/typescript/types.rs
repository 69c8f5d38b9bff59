//! TypeScript's type table per driver: what `pg`, `mysql2` and `better-sqlite3` hand back for each type (pg keeps
//! int8 and numeric as strings so nothing is rounded; SQLite's booleans are 0/1), and the conversions to and from
//! the declared types.

use crate::ir::{EnumDef, SqlType, Typed};
use crate::naming::pascal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Driver {
    Pg,
    Mysql2,
    BetterSqlite3,
}

impl Driver {
    pub fn parse(name: &str) -> Driver {
        match name {
            "mysql2" => Driver::Mysql2,
            "better-sqlite3" => Driver::BetterSqlite3,
            _ => Driver::Pg,
        }
    }
}

pub fn enum_type(e: &EnumDef) -> String {
    pascal(&e.name)
}

pub fn scalar(ty: &SqlType, enums: &[EnumDef], driver: Driver) -> String {
    match ty {
        SqlType::Bool => "boolean".into(),
        SqlType::Int16 | SqlType::Int32 | SqlType::Float32 | SqlType::Float64 => "number".into(),
        SqlType::Int64 if driver == Driver::Pg => "string".into(),
        SqlType::Int64 => "number".into(),
        SqlType::Decimal | SqlType::Text | SqlType::Time | SqlType::Uuid => "string".into(),
        SqlType::Interval => "unknown".into(),
        SqlType::Bytes => "Buffer".into(),
        SqlType::Date | SqlType::Timestamp | SqlType::TimestampTz => "Date".into(),
        SqlType::Json | SqlType::Unknown => "unknown".into(),
        SqlType::Enum(i) => enums.get(*i).map_or("string".into(), enum_type),
        SqlType::Array(inner) => {
            let element = scalar(inner, enums, driver);
            if element.contains(' ') {
                format!("({element})[]")
            } else {
                format!("{element}[]")
            }
        }
    }
}

pub fn ts_type(t: &Typed, enums: &[EnumDef], driver: Driver) -> String {
    let s = scalar(&t.ty, enums, driver);
    if t.nullable && s != "unknown" {
        format!("{s} | null")
    } else {
        s
    }
}

/// A result cell (`unknown`) as the declared type.
pub fn decode(t: &Typed, enums: &[EnumDef], driver: Driver, value: &str) -> String {
    let target = ts_type(t, enums, driver);
    let converted = match (&t.ty, driver) {
        (SqlType::Bool, Driver::Mysql2 | Driver::BetterSqlite3) => {
            Some(format!("Boolean({value})"))
        }
        (SqlType::Json, Driver::Mysql2 | Driver::BetterSqlite3) => Some(format!(
            "(typeof {value} === \"string\" ? JSON.parse({value}) : {value})"
        )),
        _ => None,
    };
    match converted {
        Some(c) if t.nullable => format!("({value} === null ? null : {c}) as {target}"),
        Some(c) => format!("{c} as {target}"),
        None if target == "unknown" => value.to_string(),
        None => format!("{value} as {target}"),
    }
}

/// An argument as the driver binds it.
pub fn encode(t: &Typed, driver: Driver, value: &str) -> String {
    let converted = match (&t.ty, driver) {
        (SqlType::Json, _) => Some(format!("JSON.stringify({value})")),
        (SqlType::Bool, Driver::BetterSqlite3) => Some(format!("({value} ? 1 : 0)")),
        _ => None,
    };
    match converted {
        Some(c) if t.nullable => {
            format!("({value} === null || {value} === undefined ? null : {c})")
        }
        Some(c) => c,
        None => value.to_string(),
    }
}
