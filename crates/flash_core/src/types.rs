//! Column types in canonical form.
//!
//! Each parser maps the spellings its dialect accepts (`int4`, `INT`, `integer`) onto one canonical name, the one the
//! database's own catalog reports (`format_type` in PostgreSQL, `COLUMN_TYPE` in MySQL, the declared type in SQLite),
//! so that files, snapshots and live databases compare equal.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DataType {
    /// Canonical name, e.g. `integer`, `character varying`, `timestamp with time zone`, `mood` or `app.mood` (user
    /// types are qualified only outside the default schema), `int unsigned`.
    pub name: String,
    /// Type modifiers in order: `(255)`, `(10,2)`, or MySQL ENUM/SET members as quoted literals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
    /// Number of array dimensions (PostgreSQL); 0 for a scalar.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub array_dims: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl DataType {
    pub fn named(name: impl Into<String>) -> Self {
        DataType {
            name: name.into(),
            args: Vec::new(),
            array_dims: 0,
        }
    }

    pub fn with_args(name: impl Into<String>, args: Vec<String>) -> Self {
        DataType {
            name: name.into(),
            args,
            array_dims: 0,
        }
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.args.is_empty() {
            f.write_str(&self.name)?;
            for _ in 0..self.array_dims {
                f.write_str("[]")?;
            }
            return Ok(());
        }
        // PostgreSQL writes modifiers inside the multi-word time types: `timestamp(3) with time zone`.
        let (head, tail) = match self.name.split_once(" with") {
            Some((head, rest))
                if !self.args.is_empty() && (head == "timestamp" || head == "time") =>
            {
                (head, Some(format!(" with{rest}")))
            }
            _ => (self.name.as_str(), None),
        };
        // MySQL's trailing attributes follow the modifiers: `int(10) unsigned`, `decimal(10,2) unsigned zerofill`.
        let (head, suffix) = match head.find(" unsigned").or_else(|| head.find(" zerofill")) {
            Some(i) if !self.args.is_empty() => (&head[..i], Some(&head[i..])),
            _ => (head, None),
        };
        f.write_str(head)?;
        if !self.args.is_empty() {
            write!(f, "({})", self.args.join(","))?;
        }
        if let Some(suffix) = suffix {
            f.write_str(suffix)?;
        }
        if let Some(tail) = tail {
            f.write_str(&tail)?;
        }
        for _ in 0..self.array_dims {
            f.write_str("[]")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_places_modifiers_where_the_database_prints_them() {
        let mut t = DataType::with_args("timestamp with time zone", vec!["3".into()]);
        assert_eq!(t.to_string(), "timestamp(3) with time zone");
        t.array_dims = 1;
        assert_eq!(t.to_string(), "timestamp(3) with time zone[]");
        assert_eq!(
            DataType::with_args("numeric", vec!["10".into(), "2".into()]).to_string(),
            "numeric(10,2)"
        );
        assert_eq!(
            DataType::with_args("decimal unsigned", vec!["10".into(), "2".into()]).to_string(),
            "decimal(10,2) unsigned"
        );
        assert_eq!(DataType::named("text").to_string(), "text");
    }
}
