//! Go's type table: NULL-able values are pointers (`*string`, `*time.Time`), which `database/sql` and pgx both scan
//! into and bind from; enums are named string types; PostgreSQL arrays are slices (through `pq.Array` with
//! `database/sql`).

use crate::ir::{EnumDef, SqlType, Typed};
use crate::naming::pascal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Driver {
    DatabaseSql,
    /// pgx's native interface; `v4` is the import path Debian packages.
    Pgx {
        v4: bool,
    },
}

impl Driver {
    pub fn parse(name: &str) -> Driver {
        match name {
            "pgx" => Driver::Pgx { v4: false },
            "pgx/v4" => Driver::Pgx { v4: true },
            _ => Driver::DatabaseSql,
        }
    }
}

const PGX_NUMERIC: &str = "pgtype.Numeric";

pub fn enum_type(e: &EnumDef) -> String {
    pascal(&e.name)
}

pub fn scalar(ty: &SqlType, enums: &[EnumDef], driver: Driver) -> String {
    match ty {
        // pgx will not turn a numeric into a string; it has its own exact type.
        SqlType::Decimal if matches!(driver, Driver::Pgx { .. }) => PGX_NUMERIC.into(),
        SqlType::Bool => "bool".into(),
        SqlType::Int16 => "int16".into(),
        SqlType::Int32 => "int32".into(),
        SqlType::Int64 => "int64".into(),
        SqlType::Float32 => "float32".into(),
        SqlType::Float64 => "float64".into(),
        SqlType::Decimal | SqlType::Text | SqlType::Time | SqlType::Interval | SqlType::Uuid => {
            "string".into()
        }
        SqlType::Bytes => "[]byte".into(),
        SqlType::Date | SqlType::Timestamp | SqlType::TimestampTz => "time.Time".into(),
        SqlType::Json => "json.RawMessage".into(),
        SqlType::Enum(i) => enums.get(*i).map_or("string".into(), enum_type),
        SqlType::Array(inner) => format!("[]{}", scalar(inner, enums, driver)),
        SqlType::Unknown => "interface{}".into(),
    }
}

/// The Go type of a value: a pointer where it may be NULL (slices, byte slices, JSON and `interface{}` already
/// have nil).
pub fn go_type(t: &Typed, enums: &[EnumDef], driver: Driver) -> String {
    let s = scalar(&t.ty, enums, driver);
    // pgtype.Numeric carries its own NULL.
    let has_nil =
        s.starts_with("[]") || s == "json.RawMessage" || s == "interface{}" || s == PGX_NUMERIC;
    if t.nullable && !has_nil {
        format!("*{s}")
    } else {
        s
    }
}

/// Wraps an argument for the driver: `database/sql` writes PostgreSQL arrays through lib/pq's `pq.Array`, and
/// JSON as text, and a nil message as NULL (`jsonArg` in db.go): drivers send bytes as binary data, and pgx a
/// nil `json.RawMessage` as the JSON value `null`.
pub fn wrap(t: &Typed, driver: Driver, postgres: bool, value: &str) -> String {
    if t.ty == SqlType::Json {
        format!("jsonArg({value})")
    } else if driver == Driver::DatabaseSql && postgres && t.ty.is_array() {
        format!("pq.Array({value})")
    } else {
        value.to_string()
    }
}

/// Wraps a scan destination (`&i.Field`): arrays as for arguments, and JSON read as the bytes it is (drivers hand
/// JSON text back as a string or bytes, which `database/sql` only stores into a `*[]byte`).
pub fn wrap_scan(t: &Typed, driver: Driver, postgres: bool, dest: &str) -> String {
    if t.ty == SqlType::Json {
        format!("(*[]byte)({dest})")
    } else if driver == Driver::DatabaseSql && postgres && t.ty.is_array() {
        format!("pq.Array({dest})")
    } else {
        dest.to_string()
    }
}
