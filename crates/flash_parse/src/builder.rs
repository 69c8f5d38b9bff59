//! Building one [`Schema`] from many files: every dialect parser feeds this.
//!
//! It remembers where each object was defined, so a duplicate names the first definition; it resolves tables for
//! later `ALTER TABLE`/`CREATE INDEX`/`COMMENT` statements; and it checks references that may point forward (a
//! foreign key to a table in a later file) once every file has been read.

use std::collections::HashMap;

use flash_core::object_map::Keyed;
use flash_core::{Diagnostic, Dialect, ObjectMap, QualName, Schema, SourceFile, Table};

/// Index of a file in the builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId(usize);

/// A place in a source file.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub file: FileId,
    pub offset: usize,
}

enum Deferred {
    Table {
        name: QualName,
        origin: Origin,
    },
    Columns {
        table: QualName,
        columns: Vec<String>,
        origin: Origin,
    },
}

pub struct SchemaBuilder {
    pub schema: Schema,
    files: Vec<SourceFile>,
    defined: HashMap<String, Origin>,
    deferred: Vec<Deferred>,
}

impl SchemaBuilder {
    pub fn new(dialect: Dialect) -> Self {
        SchemaBuilder {
            schema: Schema::new(dialect),
            files: Vec::new(),
            defined: HashMap::new(),
            deferred: Vec::new(),
        }
    }

    pub fn dialect(&self) -> Dialect {
        self.schema.dialect
    }

    pub fn begin_file(&mut self, source: SourceFile) -> FileId {
        self.files.push(source);
        FileId(self.files.len() - 1)
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    pub fn origin(&self, file: FileId, offset: usize) -> Origin {
        Origin { file, offset }
    }

    pub fn error(&self, at: Origin, message: impl Into<String>) -> Diagnostic {
        self.file(at.file).error_at(at.offset, message)
    }

    fn location(&self, at: Origin) -> String {
        let file = self.file(at.file);
        let span = file.span_at(at.offset);
        format!("{}:{}:{}", file.path.display(), span.line, span.col)
    }

    /// Records that `kind name` is defined at `at`; a second definition is an error naming the first.
    pub fn define(&mut self, kind: &str, name: &str, at: Origin) -> Result<(), Diagnostic> {
        let id = format!("{kind}\u{0}{}", self.fold(name));
        if let Some(first) = self.defined.get(&id) {
            return Err(self.error(
                at,
                format!(
                    "{kind} \"{name}\" is already defined at {}",
                    self.location(*first)
                ),
            ));
        }
        self.defined.insert(id, at);
        Ok(())
    }

    /// Forgets a definition, for `DROP` statements in schema files.
    pub fn undefine(&mut self, kind: &str, name: &str) {
        let id = format!("{kind}\u{0}{}", self.fold(name));
        self.defined.remove(&id);
    }

    /// Adds an object after checking it is not a duplicate. `kind` and `name` are what the error message shows.
    pub fn add<T: Keyed>(
        &mut self,
        map: fn(&mut Schema) -> &mut ObjectMap<T>,
        kind: &str,
        name: &str,
        object: T,
        at: Origin,
    ) -> Result<(), Diagnostic> {
        self.define(kind, name, at)?;
        map(&mut self.schema).insert(object);
        Ok(())
    }

    pub fn add_table(&mut self, table: Table, at: Origin) -> Result<(), Diagnostic> {
        let name = table.name.to_string();
        self.add(|s| &mut s.tables, "table", &name, table, at)
    }

    /// Identifier comparison as the dialect does it: SQLite names are case-insensitive; PostgreSQL and MySQL table
    /// names are compared exactly (PostgreSQL has already folded unquoted names).
    fn fold(&self, name: &str) -> String {
        match self.schema.dialect {
            Dialect::Sqlite => name.to_ascii_lowercase(),
            Dialect::Postgres | Dialect::Mysql => name.to_string(),
        }
    }

    /// The key of an existing table, matching names the way the dialect does.
    pub fn find_table(&self, name: &QualName) -> Option<QualName> {
        if self.schema.tables.contains_key(name) {
            return Some(name.clone());
        }
        if self.schema.dialect == Dialect::Sqlite {
            let want = (
                name.schema.to_ascii_lowercase(),
                name.name.to_ascii_lowercase(),
            );
            return self
                .schema
                .tables
                .keys()
                .find(|k| (k.schema.to_ascii_lowercase(), k.name.to_ascii_lowercase()) == want)
                .cloned();
        }
        None
    }

    /// The table an `ALTER TABLE`, `CREATE INDEX` or `COMMENT ON` statement names; it must already exist.
    pub fn table_mut(&mut self, name: &QualName, at: Origin) -> Result<&mut Table, Diagnostic> {
        let missing = self.error(at, format!("table \"{name}\" does not exist"));
        match self.find_table(name) {
            Some(key) => self.schema.tables.get_mut(&key).ok_or(missing),
            None => Err(missing),
        }
    }

    /// Checks that `columns` exist in `table` now: for statements that follow the table's definition.
    pub fn require_columns(
        &self,
        table: &QualName,
        columns: &[String],
        at: Origin,
    ) -> Result<(), Diagnostic> {
        let Some(key) = self.find_table(table) else {
            return Err(self.error(at, format!("table \"{table}\" does not exist")));
        };
        let Some(t) = self.schema.tables.get(&key) else {
            return Ok(());
        };
        match missing_column(self.schema.dialect, t, columns) {
            Some(c) => Err(self.error(
                at,
                format!("column \"{c}\" does not exist in table \"{table}\""),
            )),
            None => Ok(()),
        }
    }

    /// A reference to a table that may be defined in a later file (a foreign key target).
    pub fn defer_table(&mut self, name: QualName, at: Origin) {
        self.deferred.push(Deferred::Table { name, origin: at });
    }

    /// References to columns of a table that may be defined in a later file.
    pub fn defer_columns(&mut self, table: QualName, columns: Vec<String>, at: Origin) {
        self.deferred.push(Deferred::Columns {
            table,
            columns,
            origin: at,
        });
    }

    /// Runs the checks that had to wait for every file, then puts the schema in canonical order.
    pub fn finish(mut self) -> Result<Schema, Diagnostic> {
        for check in std::mem::take(&mut self.deferred) {
            match check {
                Deferred::Table { name, origin } => {
                    if self.find_table(&name).is_none() {
                        return Err(self.error(
                            origin,
                            format!("referenced table \"{name}\" does not exist"),
                        ));
                    }
                }
                Deferred::Columns {
                    table,
                    columns,
                    origin,
                } => {
                    self.require_columns(&table, &columns, origin)?;
                }
            }
        }
        self.fill_implicit_fk_targets();
        self.schema.canonicalize();
        Ok(self.schema)
    }

    /// `REFERENCES t` without a column list means t's primary key; spell it out so the model is explicit.
    fn fill_implicit_fk_targets(&mut self) {
        let primary_keys: HashMap<QualName, Vec<String>> = self
            .schema
            .tables
            .iter()
            .filter_map(|t| {
                t.primary_key
                    .as_ref()
                    .map(|pk| (t.name.clone(), pk.columns.clone()))
            })
            .collect();
        for table in self.schema.tables.iter_mut() {
            for fk in table
                .foreign_keys
                .iter_mut()
                .filter(|fk| fk.ref_columns.is_empty())
            {
                if let Some(pk) = primary_keys.get(&fk.ref_table) {
                    fk.ref_columns = pk.clone();
                }
            }
        }
    }
}

/// The first of `columns` that `table` does not have, compared the way the dialect compares column names.
pub fn missing_column<'a>(
    dialect: Dialect,
    table: &Table,
    columns: &'a [String],
) -> Option<&'a str> {
    columns
        .iter()
        .find(|c| {
            !table.columns.iter().any(|have| match dialect {
                Dialect::Postgres => have.name == **c,
                Dialect::Mysql | Dialect::Sqlite => have.name.eq_ignore_ascii_case(c),
            })
        })
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flash_core::{Column, DataType};

    fn builder_with_file(text: &str) -> (SchemaBuilder, FileId) {
        let mut b = SchemaBuilder::new(Dialect::Sqlite);
        let f = b.begin_file(SourceFile::new("s.sql", text));
        (b, f)
    }

    #[test]
    fn duplicate_names_the_first_definition() {
        let (mut b, f) = builder_with_file("CREATE TABLE t (a);\nCREATE TABLE T (a);");
        b.add_table(Table::new(QualName::new("main", "t")), b.origin(f, 0))
            .expect("first is fine");
        let err = b
            .add_table(Table::new(QualName::new("main", "T")), b.origin(f, 20))
            .expect_err("duplicate");
        assert_eq!(
            err.message,
            "table \"main.T\" is already defined at s.sql:1:1"
        );
        assert_eq!(err.span.line, 2);
    }

    #[test]
    fn forward_references_are_checked_at_the_end() {
        let (mut b, f) = builder_with_file("CREATE TABLE a (b_id REFERENCES b (id));");
        let mut a = Table::new(QualName::new("main", "a"));
        a.columns
            .push(Column::new("b_id", DataType::named("INTEGER")));
        b.add_table(a, b.origin(f, 0)).expect("added");
        b.defer_table(QualName::new("main", "b"), b.origin(f, 27));
        let err = b.finish().expect_err("b is missing");
        assert_eq!(err.message, "referenced table \"main.b\" does not exist");
        assert_eq!(err.span.col, 28);
    }
}
