//! A column's whole definition. MySQL has no `ALTER COLUMN ... TYPE`: `MODIFY COLUMN` restates the column, and what
//! it leaves out is lost, so every attribute the model holds is printed each time.

use flash_core::Column;

use super::ddl::{push_ident, push_literal};

/// `name type [CHARACTER SET] [COLLATE] [AS (expr) STORED|VIRTUAL] [NULL|NOT NULL] [DEFAULT] [ON UPDATE]
/// [AUTO_INCREMENT] [COMMENT]`, the order MariaDB's grammar takes.
pub fn column_definition(c: &Column) -> String {
    let mut out = String::with_capacity(64);
    write_column_definition(&mut out, c);
    out
}

/// [`column_definition`] written at the end of `out`: a plan creating a schema prints thousands of these.
pub fn write_column_definition(out: &mut String, c: &Column) {
    push_ident(out, &c.name);
    out.push(' ');
    let _ = c.data_type.write_sql(out);
    if let Some(cs) = &c.charset {
        out.push_str(" CHARACTER SET ");
        out.push_str(cs);
    }
    if let Some(coll) = &c.collation {
        out.push_str(" COLLATE ");
        out.push_str(coll);
    }
    if let Some(g) = &c.generated {
        // MariaDB takes no NULL/NOT NULL or DEFAULT on a generated column.
        out.push_str(" AS (");
        out.push_str(&g.expr);
        out.push_str(if g.stored { ") STORED" } else { ") VIRTUAL" });
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
        push_literal(out, comment);
    }
}
