//! What every MySQL statement handler needs: the builder, the file, and turning sqlparser's names and positions
//! into Flash's.

use flash_core::{Diagnostic, Index, IndexKey, QualName};
use sqlparser::ast::{Ident, ObjectName, ObjectNamePart};

use super::tokens::{Cursor, Stmt};
use crate::builder::{FileId, SchemaBuilder};
use crate::hints;

pub struct Ctx<'b> {
    pub b: &'b mut SchemaBuilder,
    pub file: FileId,
}

impl Ctx<'_> {
    pub fn err(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.b.error(self.b.origin(self.file, offset), message)
    }

    pub fn origin(&self, offset: usize) -> crate::builder::Origin {
        self.b.origin(self.file, offset)
    }

    pub fn renamed_from(&self, offset: usize) -> Option<String> {
        hints::renamed_from(self.b.file(self.file), offset)
    }

    /// What follows `CREATE ... <KIND>` in the statements read by hand: `[IF NOT EXISTS] [db.]name`, as the database
    /// part if written, the name and where the name starts; without a name, an error saying a `what` name was expected.
    pub fn created_name(
        &self,
        c: &mut Cursor<'_>,
        what: &str,
    ) -> Result<(Option<String>, String, usize), Diagnostic> {
        c.eat_words(&["IF", "NOT", "EXISTS"]);
        let at = c.offset();
        let (schema, name) = c
            .qualified()
            .ok_or_else(|| self.err(at, format!("syntax error: expected {what} name")))?;
        Ok((schema, name, at))
    }

    /// A table's indexes, for name checks.
    pub fn index_names(&self, table: &QualName) -> Vec<String> {
        // Indexes are keyed by table, then name; the empty name comes first.
        let first = IndexKey {
            table: table.clone(),
            name: String::new(),
        };
        self.b
            .schema
            .indexes
            .iter_from(&first)
            .take_while(|i| &i.table == table)
            .map(|i| i.name.clone())
            .collect()
    }

    /// Adds an index, refusing a second index of the same name on the table (MySQL index names are
    /// case-insensitive).
    pub fn add_index(&mut self, index: Index, at: usize) -> Result<(), Diagnostic> {
        if index.name.eq_ignore_ascii_case("PRIMARY")
            || self
                .index_names(&index.table)
                .iter()
                .any(|n| n.eq_ignore_ascii_case(&index.name))
        {
            return Err(self.err(
                at,
                format!(
                    "index \"{}\" already exists on table \"{}\"",
                    index.name, index.table
                ),
            ));
        }
        self.b.schema.indexes.insert(index);
        Ok(())
    }
}

/// File offset of an identifier sqlparser read from `stmt`, or the statement start when it has no position.
pub fn ident_offset(stmt: &Stmt<'_>, ident: &Ident) -> usize {
    if ident.span.start.line == 0 {
        return stmt.start();
    }
    stmt.offset_at(ident.span.start)
}

/// `name` or `db.name`; anything longer is not a MySQL table name.
pub fn qual_name(cx: &Ctx<'_>, stmt: &Stmt<'_>, name: &ObjectName) -> Result<QualName, Diagnostic> {
    let parts: Vec<&Ident> = name
        .0
        .iter()
        .filter_map(|p| match p {
            ObjectNamePart::Identifier(i) => Some(i),
            ObjectNamePart::Function(_) => None,
        })
        .collect();
    match parts.as_slice() {
        [n] if name.0.len() == 1 => Ok(QualName::new("", n.value.clone())),
        [db, n] if name.0.len() == 2 => Ok(QualName::new(db.value.clone(), n.value.clone())),
        _ => {
            let at = parts
                .first()
                .map_or(stmt.start(), |i| ident_offset(stmt, i));
            Err(cx.err(at, format!("\"{name}\" is not a valid MySQL object name")))
        }
    }
}

/// MySQL's name for an unnamed index: its first column, then `_2`, `_3`... when that is taken.
pub fn auto_index_name(taken: &[String], first_column: &str) -> String {
    let free = |n: &str| {
        !n.eq_ignore_ascii_case("PRIMARY") && !taken.iter().any(|t| t.eq_ignore_ascii_case(n))
    };
    if free(first_column) {
        return first_column.to_string();
    }
    (2..)
        .map(|i| format!("{first_column}_{i}"))
        .find(|n| free(n))
        .unwrap_or_default()
}

/// The next free `<prefix><n>` counting from 1: `t_ibfk_3`, `CONSTRAINT_2`.
pub fn next_numbered(taken: &[String], prefix: &str) -> String {
    let used = taken
        .iter()
        .filter_map(|n| {
            n.get(..prefix.len())
                .filter(|p| p.eq_ignore_ascii_case(prefix))
                .and(n.get(prefix.len()..))
        })
        .filter_map(|rest| rest.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", used + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unnamed_indexes_take_the_first_column_then_a_number() {
        let taken = vec!["email".to_string(), "Email_2".to_string()];
        assert_eq!(auto_index_name(&taken, "name"), "name");
        assert_eq!(auto_index_name(&taken, "email"), "email_3");
        assert_eq!(auto_index_name(&[], "primary"), "primary_2");
    }

    #[test]
    fn numbered_names_continue_after_the_highest() {
        let taken = vec![
            "t_ibfk_1".to_string(),
            "t_ibfk_4".to_string(),
            "other".to_string(),
        ];
        assert_eq!(next_numbered(&taken, "t_ibfk_"), "t_ibfk_5");
        assert_eq!(next_numbered(&[], "CONSTRAINT_"), "CONSTRAINT_1");
        assert_eq!(
            next_numbered(&["é".to_string()], "CONSTRAINT_"),
            "CONSTRAINT_1"
        );
    }
}
