//! The typed queries every language generator reads: language-neutral, one value per annotated query.

use flash_core::Dialect;

/// A column or parameter type as the generators need it: what the value is, not how the database spells it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SqlType {
    Bool,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    /// `numeric`/`decimal`: exact, carried as text or the language's decimal type.
    Decimal,
    Text,
    Bytes,
    Date,
    /// Time of day.
    Time,
    Timestamp,
    TimestampTz,
    Interval,
    Uuid,
    Json,
    /// An enum of the schema (PostgreSQL `CREATE TYPE ... AS ENUM`, a MySQL inline `ENUM(...)`), by its index in
    /// [`QuerySet::enums`].
    Enum(usize),
    Array(Box<SqlType>),
    /// A type the inference could not pin down; generators use their language's "any value".
    Unknown,
}

impl SqlType {
    pub fn is_array(&self) -> bool {
        matches!(self, SqlType::Array(_))
    }
}

/// A type with its nullability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    pub ty: SqlType,
    pub nullable: bool,
}

impl Typed {
    pub fn new(ty: SqlType, nullable: bool) -> Self {
        Typed { ty, nullable }
    }
}

/// What a query returns, and so what its generated function returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryKind {
    /// One row or none.
    One,
    /// Every row.
    Many,
    /// Nothing.
    Exec,
    /// The number of rows affected.
    ExecRows,
    /// The driver's result (rows affected and the last inserted id where the database has one).
    ExecResult,
    /// Many rows inserted at once: the function takes a list of parameter sets and returns the count.
    CopyFrom,
}

impl QueryKind {
    pub const ALL: [(&'static str, QueryKind); 6] = [
        ("one", QueryKind::One),
        ("many", QueryKind::Many),
        ("exec", QueryKind::Exec),
        ("execrows", QueryKind::ExecRows),
        ("execresult", QueryKind::ExecResult),
        ("copyfrom", QueryKind::CopyFrom),
    ];

    pub fn parse(text: &str) -> Option<QueryKind> {
        QueryKind::ALL
            .iter()
            .find(|(name, _)| *name == text)
            .map(|(_, kind)| *kind)
    }

    pub fn name(self) -> &'static str {
        QueryKind::ALL
            .iter()
            .find(|(_, kind)| *kind == self)
            .map(|(name, _)| *name)
            .unwrap_or("exec")
    }

    pub fn returns_rows(self) -> bool {
        matches!(self, QueryKind::One | QueryKind::Many)
    }
}

/// One piece of a query's SQL: text, or the place where a parameter goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqlPart {
    Text(String),
    /// The parameter with this index in [`Query::params`].
    Param(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// A valid identifier in snake_case, unique within the query.
    pub name: String,
    pub typed: Typed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The result column's name as the database reports it.
    pub name: String,
    /// The field name: `name` made a unique snake_case identifier.
    pub field: String,
    pub typed: Typed,
}

/// For `:copyfrom`: the table and columns the rows go to, in parameter order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyTarget {
    pub table: String,
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// As written after `-- name:` (`GetUser`).
    pub name: String,
    pub kind: QueryKind,
    /// The query file's stem, which names the generated file the query goes to.
    pub file_stem: String,
    /// The SQL, cut at each parameter slot in the order the slots appear: every driver binds its own placeholder
    /// syntax (`$1`, `?`, `%s`) from this.
    pub sql: Vec<SqlPart>,
    pub params: Vec<Param>,
    pub columns: Vec<Column>,
    pub copy_target: Option<CopyTarget>,
    /// Comment lines written above the annotation, for the generated function's documentation.
    pub doc: Vec<String>,
}

impl Query {
    /// The parameters in slot order: what a driver that binds `?` or `%s` positionally takes.
    pub fn slot_params(&self) -> impl Iterator<Item = usize> + '_ {
        self.sql.iter().filter_map(|p| match p {
            SqlPart::Param(i) => Some(*i),
            SqlPart::Text(_) => None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumDef {
    /// The type's name in snake_case words, for the generators to case (`user_role`).
    pub name: String,
    pub values: Vec<String>,
}

/// Everything one `flash gen` run generates from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuerySet {
    pub dialect: Dialect,
    pub enums: Vec<EnumDef>,
    pub queries: Vec<Query>,
}

impl QuerySet {
    /// The query files' stems in the order their queries come, each once.
    pub fn file_stems(&self) -> Vec<&str> {
        let mut stems: Vec<&str> = Vec::new();
        for q in &self.queries {
            if !stems.contains(&q.file_stem.as_str()) {
                stems.push(&q.file_stem);
            }
        }
        stems
    }

    pub fn queries_of<'a>(&'a self, stem: &'a str) -> impl Iterator<Item = &'a Query> + 'a {
        self.queries.iter().filter(move |q| q.file_stem == stem)
    }
}
