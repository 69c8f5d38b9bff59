//! A column's whole definition. MySQL has no `ALTER COLUMN ... TYPE`: `MODIFY COLUMN` restates the column, and what
//! it leaves out is lost, so every attribute the model holds is printed each time.

use flash_core::Column;

use super::ddl::{ident, literal};

/// `name type [CHARACTER SET] [COLLATE] [AS (expr) STORED|VIRTUAL] [NULL|NOT NULL] [DEFAULT] [ON UPDATE]
/// [AUTO_INCREMENT] [COMMENT]`, the order MariaDB's grammar takes.
pub fn column_definition(c: &Column) -> String {
    use std::fmt::Write;
    // Writing into one String: a plan creating a schema prints thousands of these.
    let mut out = ident(&c.name);
    let _ = write!(out, " {}", c.data_type);
    if let Some(cs) = &c.charset {
        let _ = write!(out, " CHARACTER SET {cs}");
    }
    if let Some(coll) = &c.collation {
        let _ = write!(out, " COLLATE {coll}");
    }
    if let Some(g) = &c.generated {
        // MariaDB takes no NULL/NOT NULL or DEFAULT on a generated column.
        let _ = write!(
            out,
            " AS ({}) {}",
            g.expr,
            if g.stored { "STORED" } else { "VIRTUAL" }
        );
    } else {
        // NULL said out loud: a bare TIMESTAMP is NOT NULL under explicit_defaults_for_timestamp=OFF.
        out.push_str(if c.nullable { " NULL" } else { " NOT NULL" });
        if let Some(d) = &c.default {
            out.push_str(" DEFAULT ");
            out.push_str(d);
        }
        if let Some(u) = &c.on_update {
            out.push_str(" ON UPDATE ");
            out.push_str(u);
        }
        if c.auto_increment {
            out.push_str(" AUTO_INCREMENT");
        }
    }
    if c.invisible {
        out.push_str(" INVISIBLE");
    }
    if let Some(comment) = &c.comment {
        out.push_str(" COMMENT ");
        out.push_str(&literal(comment));
    }
    out
}
