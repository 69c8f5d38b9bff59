//! What the oracle compares: the inferred type and the database's type name, each reduced to a class that the
//! generated code treats alike. PostgreSQL's prepared statements name exact types (`int4`, `my_enum`, `text[]`), so
//! its classes are exact; MySQL and SQLite describe storage (`VARCHAR`, `INTEGER`), so theirs are coarser.

use flash_core::Dialect;

use crate::ir::{EnumDef, SqlType};

pub fn inferred_class(dialect: Dialect, ty: &SqlType, enums: &[EnumDef]) -> Option<String> {
    let pg = dialect == Dialect::Postgres;
    let sqlite = dialect == Dialect::Sqlite;
    Some(match ty {
        SqlType::Unknown => return None,
        SqlType::Bool if sqlite => "int".into(),
        SqlType::Bool => "bool".into(),
        SqlType::Int16 if pg => "int2".into(),
        SqlType::Int32 if pg => "int4".into(),
        SqlType::Int64 if pg => "int8".into(),
        SqlType::Int16 | SqlType::Int32 | SqlType::Int64 => "int".into(),
        SqlType::Float32 if pg => "float4".into(),
        SqlType::Float64 if pg => "float8".into(),
        SqlType::Float32 | SqlType::Float64 => "float".into(),
        SqlType::Decimal if sqlite => "float".into(),
        SqlType::Decimal => "decimal".into(),
        SqlType::Uuid if pg => "uuid".into(),
        SqlType::Json if pg => "json".into(),
        SqlType::Enum(i) if pg => format!("enum {}", enums.get(*i)?.name),
        SqlType::Text | SqlType::Uuid | SqlType::Json | SqlType::Enum(_) => "text".into(),
        SqlType::Date if sqlite => "text".into(),
        SqlType::Time | SqlType::Timestamp | SqlType::TimestampTz if sqlite => "text".into(),
        SqlType::Bytes => "bytes".into(),
        SqlType::Date => "date".into(),
        SqlType::Time => "time".into(),
        SqlType::TimestampTz if pg => "timestamptz".into(),
        SqlType::Timestamp | SqlType::TimestampTz => "timestamp".into(),
        SqlType::Interval => "interval".into(),
        SqlType::Array(inner) => format!("{}[]", inferred_class(dialect, inner, enums)?),
    })
}

pub fn described_class(dialect: Dialect, name: &str, enums: &[EnumDef]) -> Option<String> {
    let lower = name.trim().to_ascii_lowercase();
    if let Some(element) = lower.strip_suffix("[]") {
        return Some(format!("{}[]", described_class(dialect, element, enums)?));
    }
    match dialect {
        Dialect::Postgres => postgres(&lower, enums),
        Dialect::Mysql => mysql(&lower),
        Dialect::Sqlite => sqlite(&lower),
    }
}

fn postgres(name: &str, enums: &[EnumDef]) -> Option<String> {
    Some(
        match name {
            "bool" | "boolean" => "bool",
            "int2" | "smallint" => "int2",
            "int4" | "int" | "integer" => "int4",
            "int8" | "bigint" => "int8",
            "float4" | "real" => "float4",
            "float8" | "double precision" => "float8",
            "numeric" | "money" => "decimal",
            "text" | "varchar" | "character varying" | "char" | "character" | "bpchar" | "name"
            | "citext" => "text",
            "uuid" => "uuid",
            "json" | "jsonb" => "json",
            "bytea" => "bytes",
            "date" => "date",
            "time" | "timetz" => "time",
            "timestamp" => "timestamp",
            "timestamptz" => "timestamptz",
            "interval" => "interval",
            other => {
                let e = enums.iter().find(|e| e.name == other)?;
                return Some(format!("enum {}", e.name));
            }
        }
        .to_string(),
    )
}

fn mysql(name: &str) -> Option<String> {
    let base = name.split_whitespace().next().unwrap_or("");
    Some(
        match base {
            "boolean" => "bool",
            "tinyint" | "smallint" | "mediumint" | "int" | "integer" | "bigint" | "year" => "int",
            "float" | "double" => "float",
            "decimal" | "numeric" => "decimal",
            "char" | "varchar" | "text" | "tinytext" | "mediumtext" | "longtext" | "enum"
            | "set" | "json" => "text",
            "binary" | "varbinary" | "bit" => "bytes",
            // The driver names text with a binary collation (MariaDB's JSON is LONGTEXT COLLATE utf8mb4_bin) BLOB
            // too: text or bytes, it cannot tell.
            "blob" | "tinyblob" | "mediumblob" | "longblob" => return None,
            "date" => "date",
            "time" => "time",
            "datetime" | "timestamp" => "timestamp",
            _ => return None,
        }
        .to_string(),
    )
}

fn sqlite(name: &str) -> Option<String> {
    Some(
        match name {
            "integer" | "int" | "int4" | "int8" | "bigint" | "boolean" | "bool" => "int",
            "real" | "float" | "double" => "float",
            "text" | "date" | "datetime" | "time" => "text",
            "blob" => "bytes",
            _ => return None,
        }
        .to_string(),
    )
}
