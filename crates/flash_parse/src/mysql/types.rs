//! MySQL column types in the canonical form MariaDB's `information_schema.COLUMNS.COLUMN_TYPE` uses, minus the
//! integer display widths that MySQL 8 dropped.
//!
//! Types are read from the statement's own tokens rather than from sqlparser's `DataType`, because sqlparser does
//! not know every spelling (`ZEROFILL`, `NATIONAL CHAR`, `INT3`) and what matters here is the spelling.

use flash_core::DataType;
use sqlparser::tokenizer::Token;

use super::tokens::Cursor;

/// A type as written: lower-case name words, the arguments in parentheses, and the trailing attributes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RawType {
    pub name: String,
    pub args: Vec<String>,
    /// `unsigned`, `zerofill` (lower case); `signed` is dropped.
    pub attrs: Vec<String>,
}

/// Words that continue a multi-word type name: `double precision`, `character varying`, `national char`,
/// `long varchar`.
const CONTINUATIONS: &[&str] = &[
    "precision",
    "varying",
    "char",
    "character",
    "varchar",
    "varbinary",
    "varcharacter",
];
const STARTS_MULTI: &[&str] = &["double", "character", "char", "national", "long", "nchar"];

/// Reads a type at the cursor: `name [words] [(args)] [unsigned|signed|zerofill]...`. `None` when the cursor is
/// not at a word.
pub fn read_type(c: &mut Cursor<'_>) -> Option<RawType> {
    let Some(Token::Word(first)) = c.peek() else {
        return None;
    };
    c.advance();
    let mut name = first.value.to_ascii_lowercase();
    if STARTS_MULTI.contains(&name.as_str()) {
        while let Some(Token::Word(w)) = c.peek() {
            let lower = w.value.to_ascii_lowercase();
            if w.quote_style.is_some() || !CONTINUATIONS.contains(&lower.as_str()) {
                break;
            }
            name.push(' ');
            name.push_str(&lower);
            c.advance();
        }
    }
    let mut args = Vec::new();
    if c.eat(&Token::LParen) {
        let mut current = String::new();
        let mut depth = 1usize;
        while let Some(t) = c.advance() {
            match t {
                Token::LParen => depth += 1,
                Token::RParen => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Token::Comma if depth == 1 => {
                    args.push(std::mem::take(&mut current));
                    continue;
                }
                _ => {}
            }
            current.push_str(&arg_text(t));
        }
        if !current.is_empty() {
            args.push(current);
        }
    }
    let mut attrs = Vec::new();
    loop {
        if c.eat_word("unsigned") {
            attrs.push("unsigned".to_string());
        } else if c.eat_word("zerofill") {
            attrs.push("zerofill".to_string());
        } else if !c.eat_word("signed") {
            break;
        }
    }
    Some(RawType { name, args, attrs })
}

/// One token of a type argument; strings are re-quoted with MySQL's doubling of `'`.
fn arg_text(t: &Token) -> String {
    match t {
        Token::SingleQuotedString(s) | Token::DoubleQuotedString(s) => quote_literal(s),
        other => other.to_string(),
    }
}

pub fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A canonical type, and whether it was `SERIAL`, which adds more than a type.
#[derive(Debug, PartialEq, Eq)]
pub struct Canonical {
    pub data_type: DataType,
    /// `SERIAL`: NOT NULL, AUTO_INCREMENT and a unique index.
    pub serial: bool,
}

pub fn canonical(raw: &RawType) -> Canonical {
    let args: Vec<String> = raw.args.iter().map(|a| a.trim().to_string()).collect();
    let mut serial = false;
    let (name, args): (&str, Vec<String>) = match raw.name.as_str() {
        "int" | "integer" | "int4" => ("int", vec![]),
        "tinyint" | "int1" => ("tinyint", if args == ["1"] { args } else { vec![] }),
        "smallint" | "int2" => ("smallint", vec![]),
        "mediumint" | "int3" | "middleint" => ("mediumint", vec![]),
        "bigint" | "int8" => ("bigint", vec![]),
        "bool" | "boolean" => ("tinyint", vec!["1".to_string()]),
        "serial" => {
            serial = true;
            ("bigint unsigned", vec![])
        }
        "decimal" | "dec" | "numeric" | "fixed" => {
            let precision = args.first().cloned().unwrap_or_else(|| "10".to_string());
            let scale = args.get(1).cloned().unwrap_or_else(|| "0".to_string());
            ("decimal", vec![precision, scale])
        }
        "real" | "double" | "double precision" => {
            ("double", if args.len() == 2 { args } else { vec![] })
        }
        "float" => match args.as_slice() {
            [p] if p.parse::<u32>().is_ok_and(|p| p > 24) => ("double", vec![]),
            [_] | [] => ("float", vec![]),
            _ => ("float", args),
        },
        "char" | "character" | "nchar" | "national char" | "national character" => {
            ("char", or_one(args))
        }
        "varchar"
        | "character varying"
        | "char varying"
        | "nvarchar"
        | "national varchar"
        | "national character varying"
        | "national char varying"
        | "nchar varying"
        | "varcharacter" => ("varchar", args),
        "binary" => ("binary", or_one(args)),
        "bit" => ("bit", or_one(args)),
        "datetime" | "timestamp" | "time" => {
            (raw.name.as_str(), if args == ["0"] { vec![] } else { args })
        }
        "year" => ("year", vec![]),
        "long" | "long varchar" | "long char varying" => ("mediumtext", vec![]),
        "long varbinary" => ("mediumblob", vec![]),
        "enum" | "set" => (raw.name.as_str(), args),
        other => (other, args),
    };
    let mut full = name.to_string();
    let zerofill = raw.attrs.iter().any(|a| a == "zerofill");
    if (zerofill || raw.attrs.iter().any(|a| a == "unsigned")) && !full.ends_with(" unsigned") {
        full.push_str(" unsigned");
    }
    if zerofill {
        full.push_str(" zerofill");
    }
    Canonical {
        data_type: DataType::with_args(full, args),
        serial,
    }
}

fn or_one(args: Vec<String>) -> Vec<String> {
    if args.is_empty() {
        vec!["1".to_string()]
    } else {
        args
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mysql::tokens::Stmt;

    fn canon(src: &str) -> String {
        let stmt = Stmt::new(src, 0).ok().expect("lexes");
        let mut c = stmt.cursor();
        let raw = read_type(&mut c).expect("a type");
        assert!(c.at_end(), "{src}: left {:?}", c.peek());
        canonical(&raw).data_type.to_string()
    }

    #[test]
    fn integers_lose_their_display_width_except_tinyint_1() {
        assert_eq!(canon("INT(11)"), "int");
        assert_eq!(canon("integer"), "int");
        assert_eq!(canon("bigint(20) unsigned"), "bigint unsigned");
        assert_eq!(canon("INT(10) UNSIGNED ZEROFILL"), "int unsigned zerofill");
        assert_eq!(canon("tinyint(1)"), "tinyint(1)");
        assert_eq!(canon("tinyint(4)"), "tinyint");
        assert_eq!(canon("BOOLEAN"), "tinyint(1)");
        assert_eq!(canon("int signed"), "int");
        assert_eq!(canon("MEDIUMINT"), "mediumint");
    }

    #[test]
    fn decimals_get_their_default_precision_and_scale() {
        assert_eq!(canon("decimal"), "decimal(10,0)");
        assert_eq!(canon("NUMERIC(5)"), "decimal(5,0)");
        assert_eq!(canon("dec(12, 2) unsigned"), "decimal(12,2) unsigned");
        assert_eq!(canon("fixed(3,1)"), "decimal(3,1)");
    }

    #[test]
    fn floating_point_spellings() {
        assert_eq!(canon("REAL"), "double");
        assert_eq!(canon("double precision"), "double");
        assert_eq!(canon("float(24)"), "float");
        assert_eq!(canon("float(25)"), "double");
        assert_eq!(canon("float(7,4)"), "float(7,4)");
        assert_eq!(canon("double(10,2)"), "double(10,2)");
    }

    #[test]
    fn strings_bits_and_times() {
        assert_eq!(canon("char"), "char(1)");
        assert_eq!(canon("CHARACTER VARYING(20)"), "varchar(20)");
        assert_eq!(canon("national char(3)"), "char(3)");
        assert_eq!(canon("bit"), "bit(1)");
        assert_eq!(canon("datetime(3)"), "datetime(3)");
        assert_eq!(canon("timestamp(0)"), "timestamp");
        assert_eq!(canon("year(4)"), "year");
        assert_eq!(canon("JSON"), "json");
        assert_eq!(canon("mediumtext"), "mediumtext");
    }

    #[test]
    fn enum_and_set_members_are_single_quoted_literals() {
        assert_eq!(canon("ENUM('a', \"b\", 'it''s')"), "enum('a','b','it''s')");
        assert_eq!(canon("set('x','y')"), "set('x','y')");
    }

    #[test]
    fn serial_is_an_unsigned_bigint_with_extras() {
        let stmt = Stmt::new("SERIAL", 0).ok().expect("lexes");
        let raw = read_type(&mut stmt.cursor()).expect("a type");
        let c = canonical(&raw);
        assert!(c.serial);
        assert_eq!(c.data_type.to_string(), "bigint unsigned");
    }
}
