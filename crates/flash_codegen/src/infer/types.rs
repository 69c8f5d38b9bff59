//! The model's column types (and the type names a cast spells) as [`SqlType`]s, per dialect; the schema's enums.

use flash_core::{DataType, Dialect, QualName, Schema};

use crate::ir::{EnumDef, SqlType};

/// The enums the generated code declares: every enum of the schema, and each MySQL inline `ENUM(...)` column.
#[derive(Debug, Default)]
pub struct Enums {
    pub defs: Vec<EnumDef>,
    /// PostgreSQL enum types by name, as `DataType::name` spells them (`mood`, `app.mood`).
    named: Vec<(String, usize)>,
    /// MySQL inline enums by (table, column).
    inline: Vec<((String, String), usize)>,
}

impl Enums {
    pub fn from_schema(schema: &Schema) -> Enums {
        let mut enums = Enums::default();
        for e in schema.enums.iter() {
            let spelled =
                if e.name.schema.is_empty() || e.name.schema == schema.dialect.default_schema() {
                    e.name.name.clone()
                } else {
                    format!("{}.{}", e.name.schema, e.name.name)
                };
            let words = if spelled.contains('.') {
                spelled.replace('.', "_")
            } else {
                spelled.clone()
            };
            enums.defs.push(EnumDef {
                name: words,
                values: e.values.clone(),
            });
            enums.named.push((spelled, enums.defs.len() - 1));
        }
        if schema.dialect == Dialect::Mysql {
            for table in schema.tables.iter() {
                for column in &table.columns {
                    if column.data_type.name == "enum" {
                        let values = column.data_type.args.iter().map(|a| unquote(a)).collect();
                        enums.defs.push(EnumDef {
                            name: format!("{}_{}", table.name.name, column.name),
                            values,
                        });
                        enums.inline.push((
                            (table.name.name.clone(), column.name.clone()),
                            enums.defs.len() - 1,
                        ));
                    }
                }
            }
        }
        enums
    }

    fn named(&self, name: &str) -> Option<usize> {
        self.named
            .iter()
            .find(|(n, _)| n == name || n.rsplit('.').next() == Some(name))
            .map(|(_, i)| *i)
    }

    fn inline(&self, table: &QualName, column: &str) -> Option<usize> {
        self.inline
            .iter()
            .find(|((t, c), _)| *t == table.name && c == column)
            .map(|(_, i)| *i)
    }
}

fn unquote(literal: &str) -> String {
    let inner = literal
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .unwrap_or(literal);
    inner.replace("''", "'").replace("\\'", "'")
}

/// The type of a table column.
pub fn column_type(
    dialect: Dialect,
    enums: &Enums,
    table: &QualName,
    column: &str,
    data_type: &DataType,
) -> SqlType {
    if dialect == Dialect::Mysql && data_type.name == "enum" {
        if let Some(i) = enums.inline(table, column) {
            return SqlType::Enum(i);
        }
    }
    let scalar = named_type(dialect, enums, &data_type.name, &data_type.args);
    wrap_array(scalar, data_type.array_dims)
}

pub fn wrap_array(scalar: SqlType, dims: u32) -> SqlType {
    (0..dims).fold(scalar, |t, _| SqlType::Array(Box::new(t)))
}

/// A type by the name a schema or a cast spells it (`int4`, `character varying`, `SIGNED`, `app.mood`).
pub fn named_type(dialect: Dialect, enums: &Enums, name: &str, args: &[String]) -> SqlType {
    let lower = name.trim().to_ascii_lowercase();
    if let Some(i) = enums.named(&lower).or_else(|| enums.named(name)) {
        return SqlType::Enum(i);
    }
    match dialect {
        Dialect::Postgres => postgres_type(&lower),
        Dialect::Mysql => mysql_type(&lower, args),
        Dialect::Sqlite => sqlite_type(&lower),
    }
}

fn postgres_type(name: &str) -> SqlType {
    let name = name.trim_start_matches("pg_catalog.");
    match name {
        "boolean" | "bool" => SqlType::Bool,
        "smallint" | "int2" | "smallserial" | "serial2" => SqlType::Int16,
        "integer" | "int" | "int4" | "serial" | "serial4" => SqlType::Int32,
        "bigint" | "int8" | "bigserial" | "serial8" => SqlType::Int64,
        "real" | "float4" => SqlType::Float32,
        "double precision" | "float8" | "float" => SqlType::Float64,
        "numeric" | "decimal" | "money" => SqlType::Decimal,
        "text" | "character varying" | "varchar" | "character" | "char" | "bpchar" | "name"
        | "citext" | "inet" | "cidr" | "macaddr" | "xml" | "tsvector" | "bit" | "bit varying"
        | "varbit" => SqlType::Text,
        "bytea" => SqlType::Bytes,
        "date" => SqlType::Date,
        "time" | "time without time zone" | "time with time zone" | "timetz" => SqlType::Time,
        "timestamp" | "timestamp without time zone" => SqlType::Timestamp,
        "timestamp with time zone" | "timestamptz" => SqlType::TimestampTz,
        "interval" => SqlType::Interval,
        "uuid" => SqlType::Uuid,
        "json" | "jsonb" => SqlType::Json,
        _ => SqlType::Unknown,
    }
}

fn mysql_type(name: &str, args: &[String]) -> SqlType {
    let unsigned = name.contains("unsigned");
    let base = name.split_whitespace().next().unwrap_or("");
    match base {
        "tinyint" if args == ["1"] => SqlType::Bool,
        "bool" | "boolean" => SqlType::Bool,
        "tinyint" | "smallint" => SqlType::Int32,
        "mediumint" => SqlType::Int32,
        "int" | "integer" if !unsigned => SqlType::Int32,
        "int" | "integer" | "bigint" | "signed" | "unsigned" | "year" => SqlType::Int64,
        "float" => SqlType::Float32,
        "double" | "real" => SqlType::Float64,
        "decimal" | "numeric" | "dec" | "fixed" => SqlType::Decimal,
        "char" | "varchar" | "tinytext" | "text" | "mediumtext" | "longtext" | "set" | "enum" => {
            SqlType::Text
        }
        "binary" | "varbinary" | "tinyblob" | "blob" | "mediumblob" | "longblob" | "bit" => {
            SqlType::Bytes
        }
        "date" => SqlType::Date,
        "time" => SqlType::Time,
        "datetime" | "timestamp" => SqlType::Timestamp,
        "json" => SqlType::Json,
        _ => SqlType::Unknown,
    }
}

/// SQLite has no types, only affinities; the declared name is all there is. The names people declare are mapped
/// to what each driver hands back for them (booleans are stored as 0/1, times as text).
fn sqlite_type(name: &str) -> SqlType {
    match name {
        "boolean" | "bool" => return SqlType::Bool,
        "json" | "jsonb" => return SqlType::Json,
        "" => return SqlType::Unknown,
        _ => {}
    }
    // SQLite's own affinity rules (section 3.1 of its datatype page), in its order.
    if name.contains("int") {
        SqlType::Int64
    } else if name.contains("char") || name.contains("clob") || name.contains("text") {
        SqlType::Text
    } else if name.contains("blob") {
        SqlType::Bytes
    } else if name.contains("real") || name.contains("floa") || name.contains("doub") {
        SqlType::Float64
    } else if name.contains("date") || name.contains("time") {
        SqlType::Text
    } else {
        // NUMERIC affinity: decimals are stored as REAL or INTEGER; DECIMAL comes back as a float.
        SqlType::Float64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_tables_per_dialect() {
        let none = Enums::default();
        assert_eq!(
            named_type(Dialect::Postgres, &none, "int4", &[]),
            SqlType::Int32
        );
        assert_eq!(
            named_type(Dialect::Postgres, &none, "timestamp with time zone", &[]),
            SqlType::TimestampTz
        );
        assert_eq!(
            named_type(Dialect::Mysql, &none, "tinyint", &["1".into()]),
            SqlType::Bool
        );
        assert_eq!(
            named_type(Dialect::Mysql, &none, "int unsigned", &[]),
            SqlType::Int64
        );
        assert_eq!(
            named_type(Dialect::Sqlite, &none, "varchar", &[]),
            SqlType::Text
        );
        assert_eq!(
            named_type(Dialect::Sqlite, &none, "bigint", &[]),
            SqlType::Int64
        );
        assert_eq!(
            named_type(Dialect::Sqlite, &none, "datetime", &[]),
            SqlType::Text
        );
    }
}
