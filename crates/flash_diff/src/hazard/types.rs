//! Which column type changes narrow (values may not fit) and which rewrite the table, per dialect. Types are read
//! from the canonical names the parsers give (`format_type` names in PostgreSQL, `COLUMN_TYPE` in MySQL).

use flash_core::{DataType, Dialect};

/// What a type can hold, as far as narrowing is concerned. Lengths and precisions of `None` are unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Int {
        bytes: u8,
        unsigned: bool,
    },
    Float {
        bytes: u8,
    },
    Numeric {
        precision: Option<u32>,
        scale: Option<u32>,
    },
    Text {
        len: Option<u64>,
    },
    Bytes {
        len: Option<u64>,
    },
    Other,
}

fn arg(t: &DataType, i: usize) -> Option<u64> {
    t.args.get(i).and_then(|a| a.trim().parse().ok())
}

fn shape(dialect: Dialect, t: &DataType) -> Shape {
    if t.array_dims != 0 {
        return Shape::Other;
    }
    let unsigned = t.name.contains(" unsigned");
    let base = t.name.split(' ').next().unwrap_or_default();
    let int = |bytes| Shape::Int { bytes, unsigned };
    let len = |default: Option<u64>| arg(t, 0).or(default);
    match dialect {
        Dialect::Postgres => match t.name.as_str() {
            "smallint" => int(2),
            "integer" => int(4),
            "bigint" => int(8),
            "real" => Shape::Float { bytes: 4 },
            "double precision" => Shape::Float { bytes: 8 },
            "numeric" => numeric(t),
            "character varying" => Shape::Text { len: len(None) },
            "character" => Shape::Text { len: len(Some(1)) },
            "text" => Shape::Text { len: None },
            "bytea" => Shape::Bytes { len: None },
            _ => Shape::Other,
        },
        Dialect::Mysql => match base {
            "tinyint" => int(1),
            "smallint" => int(2),
            "mediumint" => int(3),
            "int" => int(4),
            "bigint" => int(8),
            "float" => Shape::Float { bytes: 4 },
            "double" => Shape::Float { bytes: 8 },
            "decimal" => numeric(t),
            "varchar" | "char" => Shape::Text { len: len(Some(1)) },
            "tinytext" => Shape::Text { len: Some(255) },
            "text" => Shape::Text { len: Some(65_535) },
            "mediumtext" => Shape::Text {
                len: Some(16_777_215),
            },
            "longtext" => Shape::Text { len: None },
            "varbinary" | "binary" => Shape::Bytes { len: len(Some(1)) },
            "tinyblob" => Shape::Bytes { len: Some(255) },
            "blob" => Shape::Bytes { len: Some(65_535) },
            "mediumblob" => Shape::Bytes {
                len: Some(16_777_215),
            },
            "longblob" => Shape::Bytes { len: None },
            _ => Shape::Other,
        },
        // SQLite keeps any value in any column of a non-STRICT table and checks no lengths: nothing narrows.
        Dialect::Sqlite => Shape::Other,
    }
}

fn numeric(t: &DataType) -> Shape {
    match (arg(t, 0), arg(t, 1)) {
        (None, _) => Shape::Numeric {
            precision: None,
            scale: None,
        },
        (Some(p), s) => Shape::Numeric {
            precision: Some(p as u32),
            scale: Some(s.unwrap_or(0) as u32),
        },
    }
}

/// Decimal digits an integer of `bytes` needs to be held whole.
fn int_digits(bytes: u8, unsigned: bool) -> u32 {
    match (bytes, unsigned) {
        (1, _) => 3,
        (2, _) => 5,
        (3, false) => 7,
        (3, true) => 8,
        (4, _) => 10,
        (8, false) => 19,
        _ => 20,
    }
}

/// `a < b` where `None` is unbounded.
fn less(a: Option<u64>, b: Option<u64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a < b,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// Whether some value of `from` does not fit `to`: shorter strings, smaller integers, fewer digits, integers from
/// fractions. A change between unrelated types (text to integer) is not narrowing: it fails on values that do not
/// cast rather than cutting them, and is a rewrite.
pub fn narrows(dialect: Dialect, from: &DataType, to: &DataType) -> bool {
    use Shape::*;
    match (shape(dialect, from), shape(dialect, to)) {
        (
            Int {
                bytes: a,
                unsigned: ua,
            },
            Int {
                bytes: b,
                unsigned: ub,
            },
        ) => {
            // A signed value may be negative; an unsigned one needs a wider signed type to fit.
            b < a || (!ua && ub) || (ua && !ub && b <= a)
        }
        (Float { bytes: a }, Float { bytes: b }) => b < a,
        (
            Numeric {
                precision: pa,
                scale: sa,
            },
            Numeric {
                precision: pb,
                scale: sb,
            },
        ) => {
            let whole =
                |p: Option<u32>, s: Option<u32>| p.map(|p| u64::from(p - s.unwrap_or(0).min(p)));
            less(sb.map(u64::from), sa.map(u64::from)) || less(whole(pb, sb), whole(pa, sa))
        }
        (Int { bytes, unsigned }, Numeric { precision, scale }) => less(
            precision.map(|p| u64::from(p - scale.unwrap_or(0).min(p))),
            Some(u64::from(int_digits(bytes, unsigned))),
        ),
        (Float { .. }, Int { .. }) => true,
        (Numeric { precision, scale }, Int { bytes, unsigned }) => match (precision, scale) {
            (Some(p), Some(0)) => p >= int_digits(bytes, unsigned),
            _ => true,
        },
        (Text { len: a }, Text { len: b }) | (Bytes { len: a }, Bytes { len: b }) => less(b, a),
        _ => enum_values_removed(dialect, from, to).is_some(),
    }
}

/// For a MySQL ENUM or SET column type changed into another of the same kind, the members `from` has and `to` lacks
/// (quoted as written). `None` when none are lost or the change is not between two such types.
pub fn enum_values_removed<'a>(
    dialect: Dialect,
    from: &'a DataType,
    to: &DataType,
) -> Option<Vec<&'a str>> {
    let members = |t: &DataType| dialect == Dialect::Mysql && (t.name == "enum" || t.name == "set");
    if !members(from) || from.name != to.name {
        return None;
    }
    let gone: Vec<&str> = from
        .args
        .iter()
        .filter(|v| !to.args.contains(v))
        .map(String::as_str)
        .collect();
    (!gone.is_empty()).then_some(gone)
}

/// Whether PostgreSQL rewrites the table (and its indexes) for `ALTER COLUMN ... TYPE`: everything but the changes
/// it knows to be binary coercible or a no-op length check (`ATColumnChangeRequiresRewrite`).
pub fn postgres_rewrites(from: &DataType, to: &DataType) -> bool {
    if from == to {
        return false;
    }
    if from.array_dims != to.array_dims || from.array_dims != 0 {
        return true;
    }
    let (a, b) = (from.name.as_str(), to.name.as_str());
    let grows = |i| match (arg(from, i), arg(to, i)) {
        (_, None) => true,
        (Some(x), Some(y)) => y >= x,
        (None, Some(_)) => false,
    };
    match (a, b) {
        ("character varying", "text") => false,
        ("text", "character varying") => !to.args.is_empty(),
        ("character varying", "character varying") | ("bit varying", "bit varying") => !grows(0),
        ("numeric", "numeric") => {
            // Same scale and more (or unlimited) precision keeps every stored value as it is.
            !(to.args.is_empty()
                || (grows(0) && arg(from, 1).unwrap_or(0) == arg(to, 1).unwrap_or(0)))
        }
        ("cidr", "inet") => false,
        _ if a == b && is_precision_type(a) => !grows(0),
        _ => true,
    }
}

/// Types whose only modifier is a fractional-seconds precision, which PostgreSQL widens without a rewrite.
fn is_precision_type(name: &str) -> bool {
    matches!(
        name,
        "timestamp without time zone"
            | "timestamp with time zone"
            | "time without time zone"
            | "time with time zone"
            | "interval"
    )
}

/// Whether MariaDB copies the table for `MODIFY COLUMN` from `from` to `to`. The in-place exceptions: a VARCHAR or
/// VARBINARY that grows without its length prefix growing from one byte to two (`bytes_per_char` is the column's
/// character set width), and ENUM/SET members appended at the end within the same storage size.
pub fn mysql_rewrites(from: &DataType, to: &DataType, bytes_per_char: u64) -> bool {
    if from == to {
        return false;
    }
    match (from.name.as_str(), to.name.as_str()) {
        ("varchar", "varchar") | ("varbinary", "varbinary") => {
            let width = if from.name == "varbinary" {
                1
            } else {
                bytes_per_char
            };
            match (arg(from, 0), arg(to, 0)) {
                (Some(a), Some(b)) => {
                    b < a || ((a.saturating_mul(width) <= 255) != (b.saturating_mul(width) <= 255))
                }
                _ => true,
            }
        }
        ("enum", "enum") | ("set", "set") => {
            let appended =
                to.args.len() >= from.args.len() && to.args[..from.args.len()] == from.args[..];
            let size = |n: usize| match from.name.as_str() {
                "enum" => usize::from(n > 255),
                _ => n.div_ceil(8).next_power_of_two(),
            };
            !(appended && size(from.args.len()) == size(to.args.len()))
        }
        _ => true,
    }
}

/// Bytes per character of a MariaDB character set; unknown ones count as the widest, so a length-prefix change is
/// never missed.
pub fn charset_width(charset: Option<&str>) -> u64 {
    match charset.map(str::to_ascii_lowercase).as_deref() {
        Some("latin1" | "ascii" | "binary" | "latin2" | "cp1250" | "cp1251" | "cp1252") => 1,
        Some("ucs2") => 2,
        Some("utf8" | "utf8mb3") => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str, args: &[&str]) -> DataType {
        DataType::with_args(name, args.iter().map(|a| a.to_string()).collect())
    }

    #[test]
    fn narrowing_per_shape() {
        let pg = Dialect::Postgres;
        let varchar = |n: &str| t("character varying", &[n]);
        assert!(narrows(pg, &varchar("50"), &varchar("10")));
        assert!(!narrows(pg, &varchar("10"), &varchar("50")));
        assert!(narrows(pg, &t("text", &[]), &varchar("10")));
        assert!(!narrows(pg, &varchar("10"), &t("text", &[])));
        assert!(narrows(pg, &t("bigint", &[]), &t("integer", &[])));
        assert!(!narrows(pg, &t("integer", &[]), &t("bigint", &[])));
        assert!(narrows(
            pg,
            &t("numeric", &["10", "2"]),
            &t("numeric", &["10", "1"])
        ));
        assert!(narrows(
            pg,
            &t("numeric", &["10", "2"]),
            &t("numeric", &["8", "2"])
        ));
        assert!(!narrows(
            pg,
            &t("numeric", &["10", "2"]),
            &t("numeric", &["12", "2"])
        ));
        assert!(narrows(pg, &t("numeric", &[]), &t("numeric", &["12", "2"])));
        assert!(narrows(pg, &t("double precision", &[]), &t("integer", &[])));
        assert!(narrows(pg, &t("bigint", &[]), &t("numeric", &["10", "0"])));
        assert!(!narrows(
            pg,
            &t("integer", &[]),
            &t("numeric", &["12", "2"])
        ));
        assert!(!narrows(pg, &t("text", &[]), &t("integer", &[])));
        let my = Dialect::Mysql;
        assert!(narrows(my, &t("int", &[]), &t("int unsigned", &[])));
        assert!(narrows(my, &t("int unsigned", &[]), &t("int", &[])));
        assert!(!narrows(my, &t("int unsigned", &[]), &t("bigint", &[])));
        assert!(narrows(my, &t("text", &[]), &t("varchar", &["100"])));
        assert!(narrows(
            my,
            &t("enum", &["'a'", "'b'"]),
            &t("enum", &["'a'"])
        ));
        assert!(!narrows(
            my,
            &t("enum", &["'a'"]),
            &t("enum", &["'a'", "'b'"])
        ));
        assert!(!narrows(
            Dialect::Sqlite,
            &t("INTEGER", &[]),
            &t("TINYINT", &[])
        ));
    }

    #[test]
    fn postgres_rewrites_all_but_binary_coercible_changes() {
        let varchar = |n: &str| t("character varying", &[n]);
        assert!(!postgres_rewrites(&varchar("10"), &varchar("20")));
        assert!(!postgres_rewrites(&varchar("10"), &t("text", &[])));
        assert!(!postgres_rewrites(
            &varchar("10"),
            &t("character varying", &[])
        ));
        assert!(!postgres_rewrites(
            &t("text", &[]),
            &t("character varying", &[])
        ));
        assert!(postgres_rewrites(&t("text", &[]), &varchar("10")));
        assert!(postgres_rewrites(&varchar("20"), &varchar("10")));
        assert!(!postgres_rewrites(
            &t("numeric", &["10", "2"]),
            &t("numeric", &["12", "2"])
        ));
        assert!(!postgres_rewrites(
            &t("numeric", &["10", "2"]),
            &t("numeric", &[])
        ));
        assert!(postgres_rewrites(
            &t("numeric", &["10", "2"]),
            &t("numeric", &["12", "3"])
        ));
        assert!(postgres_rewrites(&t("integer", &[]), &t("bigint", &[])));
        assert!(postgres_rewrites(&t("text", &[]), &t("integer", &[])));
        let ts = |p: &[&str]| t("timestamp with time zone", p);
        assert!(!postgres_rewrites(&ts(&["3"]), &ts(&[])));
        assert!(postgres_rewrites(&ts(&[]), &ts(&["3"])));
    }

    #[test]
    fn mysql_rewrites_all_but_in_place_growth() {
        let varchar = |n: &str| t("varchar", &[n]);
        assert!(!mysql_rewrites(&varchar("10"), &varchar("60"), 4));
        assert!(mysql_rewrites(&varchar("60"), &varchar("70"), 4));
        assert!(!mysql_rewrites(&varchar("60"), &varchar("70"), 1));
        assert!(mysql_rewrites(&varchar("70"), &varchar("60"), 1));
        assert!(mysql_rewrites(&t("int", &[]), &t("bigint", &[]), 4));
        assert!(!mysql_rewrites(
            &t("enum", &["'a'"]),
            &t("enum", &["'a'", "'b'"]),
            4
        ));
        assert!(mysql_rewrites(
            &t("enum", &["'a'", "'b'"]),
            &t("enum", &["'b'", "'a'"]),
            4
        ));
    }
}
