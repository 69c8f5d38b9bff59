//! Python's type table per driver, and the conversions between what a driver hands back or takes and the
//! annotated type.

use crate::ir::{EnumDef, SqlType, Typed};
use crate::naming::pascal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Driver {
    Asyncpg,
    Psycopg,
    Aiomysql,
    Pymysql,
    Aiosqlite,
    Sqlite3,
}

impl Driver {
    pub fn parse(name: &str) -> Driver {
        match name {
            "asyncpg" => Driver::Asyncpg,
            "psycopg" => Driver::Psycopg,
            "aiomysql" => Driver::Aiomysql,
            "pymysql" => Driver::Pymysql,
            "aiosqlite" => Driver::Aiosqlite,
            _ => Driver::Sqlite3,
        }
    }

    fn is_sqlite(self) -> bool {
        matches!(self, Driver::Sqlite3 | Driver::Aiosqlite)
    }

    fn is_mysql(self) -> bool {
        matches!(self, Driver::Pymysql | Driver::Aiomysql)
    }
}

pub fn enum_type(e: &EnumDef) -> String {
    pascal(&e.name)
}

/// The annotation for a value of `ty`.
pub fn scalar(ty: &SqlType, enums: &[EnumDef], driver: Driver) -> String {
    match ty {
        SqlType::Bool => "bool".into(),
        SqlType::Int16 | SqlType::Int32 | SqlType::Int64 => "int".into(),
        SqlType::Float32 | SqlType::Float64 => "float".into(),
        SqlType::Decimal => "decimal.Decimal".into(),
        SqlType::Text => "str".into(),
        SqlType::Bytes => "bytes".into(),
        SqlType::Date => "datetime.date".into(),
        SqlType::Time if driver.is_mysql() => "datetime.timedelta".into(),
        SqlType::Time => "datetime.time".into(),
        SqlType::Timestamp | SqlType::TimestampTz => "datetime.datetime".into(),
        SqlType::Interval => "datetime.timedelta".into(),
        SqlType::Uuid => "uuid.UUID".into(),
        SqlType::Json | SqlType::Unknown => "Any".into(),
        SqlType::Enum(i) => enums.get(*i).map_or("str".into(), enum_type),
        SqlType::Array(inner) => format!("List[{}]", scalar(inner, enums, driver)),
    }
}

pub fn annotation(t: &Typed, enums: &[EnumDef], driver: Driver) -> String {
    let s = scalar(&t.ty, enums, driver);
    if t.nullable && s != "Any" {
        format!("Optional[{s}]")
    } else {
        s
    }
}

/// `value` (a driver's result cell) as the annotated type, or `None` when no conversion is needed.
fn decode_scalar(ty: &SqlType, driver: Driver, value: &str) -> Option<String> {
    match ty {
        SqlType::Bool if driver.is_sqlite() || driver.is_mysql() => Some(format!("bool({value})")),
        SqlType::Float32 | SqlType::Float64 if driver.is_sqlite() => {
            Some(format!("float({value})"))
        }
        SqlType::Json if driver != Driver::Psycopg => Some(format!("json.loads({value})")),
        _ => None,
    }
}

pub fn decode(t: &Typed, driver: Driver, value: &str) -> String {
    match decode_scalar(&t.ty, driver, value) {
        Some(converted) if t.nullable => format!("None if {value} is None else {converted}"),
        Some(converted) => converted,
        None => value.to_string(),
    }
}

/// `value` (an argument) as the driver takes it.
pub fn encode(t: &Typed, value: &str) -> String {
    match &t.ty {
        SqlType::Json if t.nullable => format!("None if {value} is None else json.dumps({value})"),
        SqlType::Json => format!("json.dumps({value})"),
        _ => value.to_string(),
    }
}
