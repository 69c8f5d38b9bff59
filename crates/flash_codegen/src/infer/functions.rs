//! Result types of the functions queries call: aggregates, window functions and the common scalar ones.

use flash_core::Dialect;

use crate::ir::{SqlType, Typed};

/// What a call returns, given its arguments' types. `None` for a function this table does not know.
pub fn call_type(dialect: Dialect, name: &str, args: &[Typed], window: bool) -> Option<Typed> {
    let first = args.first().cloned();
    let first_ty = first
        .as_ref()
        .map(|t| t.ty.clone())
        .unwrap_or(SqlType::Unknown);
    let any_nullable = args.iter().any(|a| a.nullable);
    let int64 = |nullable| Typed::new(SqlType::Int64, nullable);
    let text = |nullable| Typed::new(SqlType::Text, nullable);
    Some(match name {
        // Aggregates: count is never NULL; the others are NULL over no rows.
        "count" => int64(false),
        "sum" => Typed::new(sum_type(dialect, &first_ty), true),
        "avg" => Typed::new(avg_type(dialect, &first_ty), true),
        "min" | "max" => Typed::new(first_ty, true),
        "array_agg" => Typed::new(SqlType::Array(Box::new(first_ty)), true),
        "string_agg" | "group_concat" => text(true),
        "json_agg" | "jsonb_agg" | "json_object_agg" | "jsonb_object_agg" | "json_arrayagg"
        | "json_objectagg" | "json_group_array" | "json_group_object" => {
            Typed::new(SqlType::Json, dialect == Dialect::Postgres)
        }
        "bool_and" | "bool_or" | "every" => Typed::new(SqlType::Bool, true),
        // Window functions.
        "row_number" | "rank" | "dense_rank" | "ntile" => int64(false),
        "percent_rank" | "cume_dist" => Typed::new(SqlType::Float64, false),
        "lag" | "lead" | "first_value" | "last_value" | "nth_value" => Typed::new(first_ty, true),
        // Strings.
        "lower" | "upper" | "trim" | "ltrim" | "rtrim" | "btrim" | "substr" | "substring"
        | "replace" | "left" | "right" | "lpad" | "rpad" | "reverse" | "initcap" | "md5"
        | "repeat" | "split_part" | "to_char" | "format" | "quote_ident" | "quote_literal"
        | "hex" | "char" | "typeof" | "date_format" | "printf" | "strftime" => text(any_nullable),
        "concat" | "concat_ws" => text(dialect == Dialect::Mysql && any_nullable),
        "length" | "char_length" | "character_length" | "octet_length" | "bit_length"
        | "position" | "strpos" | "instr" | "locate" => Typed::new(
            if dialect == Dialect::Postgres {
                SqlType::Int32
            } else {
                SqlType::Int64
            },
            any_nullable,
        ),
        // Numbers.
        "abs" | "round" | "ceil" | "ceiling" | "floor" | "trunc" | "truncate" | "sign" | "mod" => {
            Typed::new(first_ty, any_nullable)
        }
        "random" => Typed::new(
            if dialect == Dialect::Sqlite {
                SqlType::Int64
            } else {
                SqlType::Float64
            },
            false,
        ),
        "rand" => Typed::new(SqlType::Float64, false),
        "sqrt" | "power" | "pow" | "exp" | "ln" | "log" | "pi" => {
            Typed::new(SqlType::Float64, any_nullable)
        }
        "extract" | "date_part" => Typed::new(
            if dialect == Dialect::Postgres {
                SqlType::Decimal
            } else {
                SqlType::Int64
            },
            any_nullable,
        ),
        // Times.
        "now" | "transaction_timestamp" | "statement_timestamp" | "clock_timestamp" => {
            Typed::new(timestamp_now(dialect), false)
        }
        "date_trunc" => Typed::new(
            args.get(1)
                .map(|a| a.ty.clone())
                .unwrap_or(SqlType::TimestampTz),
            any_nullable,
        ),
        "age" => Typed::new(SqlType::Interval, any_nullable),
        "date" if dialect != Dialect::Postgres => Typed::new(
            if dialect == Dialect::Sqlite {
                SqlType::Text
            } else {
                SqlType::Date
            },
            true,
        ),
        "datetime" | "julianday" | "unixepoch" if dialect == Dialect::Sqlite => {
            Typed::new(SqlType::Text, true)
        }
        "utc_timestamp" | "sysdate" | "localtimestamp" => Typed::new(SqlType::Timestamp, false),
        "curdate" | "utc_date" => Typed::new(SqlType::Date, false),
        "unix_timestamp" => int64(false),
        // Identifiers and JSON.
        "gen_random_uuid" | "uuid_generate_v4" => Typed::new(SqlType::Uuid, false),
        "uuid" if dialect == Dialect::Mysql => text(false),
        "json_build_object" | "jsonb_build_object" | "json_build_array" | "jsonb_build_array"
        | "to_json" | "to_jsonb" | "json_object" | "json_array" | "json_set" | "json_insert"
        | "json_replace" | "json_remove" | "jsonb_set" | "json" => {
            Typed::new(SqlType::Json, any_nullable)
        }
        "json_extract" | "jsonb_extract_path" | "json_extract_path" => {
            Typed::new(SqlType::Json, true)
        }
        "json_unquote"
        | "jsonb_extract_path_text"
        | "json_extract_path_text"
        | "json_type"
        | "jsonb_typeof"
        | "json_typeof" => text(true),
        "json_array_length" | "jsonb_array_length" | "json_length" => {
            Typed::new(SqlType::Int64, any_nullable)
        }
        "cardinality" | "array_length" => Typed::new(SqlType::Int32, true),
        "array_append" | "array_prepend" | "array_cat" | "array_remove" => {
            Typed::new(first_ty, any_nullable)
        }
        "last_insert_id" | "last_insert_rowid" | "changes" | "row_count" | "found_rows" => {
            int64(false)
        }
        "if" | "iif" => Typed::new(
            args.get(1)
                .map(|a| a.ty.clone())
                .unwrap_or(SqlType::Unknown),
            args.iter().skip(1).any(|a| a.nullable),
        ),
        _ => {
            let _ = window;
            return None;
        }
    })
}

fn sum_type(dialect: Dialect, arg: &SqlType) -> SqlType {
    match (dialect, arg) {
        (_, SqlType::Float32 | SqlType::Float64) => SqlType::Float64,
        (Dialect::Postgres, SqlType::Int16 | SqlType::Int32) => SqlType::Int64,
        (Dialect::Postgres, SqlType::Interval) => SqlType::Interval,
        (Dialect::Sqlite, SqlType::Int16 | SqlType::Int32 | SqlType::Int64 | SqlType::Bool) => {
            SqlType::Int64
        }
        (Dialect::Sqlite, _) => SqlType::Float64,
        _ => SqlType::Decimal,
    }
}

fn avg_type(dialect: Dialect, arg: &SqlType) -> SqlType {
    match (dialect, arg) {
        (_, SqlType::Float32 | SqlType::Float64) | (Dialect::Sqlite, _) => SqlType::Float64,
        (Dialect::Postgres, SqlType::Interval) => SqlType::Interval,
        _ => SqlType::Decimal,
    }
}

pub fn timestamp_now(dialect: Dialect) -> SqlType {
    match dialect {
        Dialect::Postgres => SqlType::TimestampTz,
        Dialect::Mysql => SqlType::Timestamp,
        Dialect::Sqlite => SqlType::Text,
    }
}
