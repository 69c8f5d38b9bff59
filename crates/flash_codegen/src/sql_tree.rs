//! The part of a query that type inference reads, the same for every dialect. PostgreSQL's parse tree
//! (`lower::postgres`) and sqlparser's (`lower::sqlparser`) are both lowered to it, so inference is written once.
//! Offsets are byte offsets into the text that was parsed.

#[derive(Debug, Clone)]
pub enum Statement {
    Query(Query),
    Insert(Insert),
    Update(Update),
    Delete(Delete),
}

#[derive(Debug, Clone)]
pub struct Cte {
    pub name: String,
    pub columns: Vec<String>,
    pub statement: Box<Statement>,
}

#[derive(Debug, Clone)]
pub struct Query {
    pub ctes: Vec<Cte>,
    pub body: SetExpr,
    pub order_by: Vec<Expr>,
    pub limit: Option<Expr>,
    pub offset: Option<Expr>,
}

#[derive(Debug, Clone)]
pub enum SetExpr {
    Select(Box<Select>),
    /// UNION / INTERSECT / EXCEPT: the left side names the columns.
    SetOp {
        left: Box<SetExpr>,
        right: Box<SetExpr>,
    },
    Values(Vec<Vec<Expr>>),
    Query(Box<Query>),
}

#[derive(Debug, Clone)]
pub struct Select {
    pub items: Vec<SelectItem>,
    pub from: Vec<FromItem>,
    pub filter: Option<Expr>,
    pub group_by: Vec<Expr>,
    pub having: Option<Expr>,
}

#[derive(Debug, Clone)]
pub enum SelectItem {
    /// `*` or `t.*`.
    Wildcard {
        qualifier: Option<String>,
        offset: usize,
    },
    Expr {
        expr: Expr,
        alias: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub struct TableRef {
    pub schema: Option<String>,
    pub name: String,
    pub alias: Option<String>,
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinKind {
    Inner,
    Left,
    Right,
    Full,
    Cross,
}

#[derive(Debug, Clone)]
pub enum FromItem {
    Table(TableRef),
    Subquery {
        query: Box<Query>,
        alias: Option<String>,
        columns: Vec<String>,
    },
    Join {
        left: Box<FromItem>,
        right: Box<FromItem>,
        kind: JoinKind,
        on: Option<Expr>,
        using: Vec<String>,
    },
}

#[derive(Debug, Clone)]
pub struct Assignment {
    pub column: String,
    pub offset: usize,
    pub value: Expr,
}

#[derive(Debug, Clone)]
pub enum InsertSource {
    Values(Vec<Vec<Expr>>),
    Query(Box<Query>),
    DefaultValues,
}

#[derive(Debug, Clone)]
pub struct Insert {
    pub ctes: Vec<Cte>,
    pub table: TableRef,
    /// Named columns with their offsets; empty means every column in table order.
    pub columns: Vec<(String, usize)>,
    pub source: InsertSource,
    /// ON CONFLICT DO UPDATE / ON DUPLICATE KEY UPDATE assignments.
    pub on_conflict: Vec<Assignment>,
    pub on_conflict_filter: Option<Expr>,
    pub returning: Vec<SelectItem>,
}

#[derive(Debug, Clone)]
pub struct Update {
    pub ctes: Vec<Cte>,
    pub table: TableRef,
    pub sets: Vec<Assignment>,
    pub from: Vec<FromItem>,
    pub filter: Option<Expr>,
    pub returning: Vec<SelectItem>,
    pub limit: Option<Expr>,
}

#[derive(Debug, Clone)]
pub struct Delete {
    pub ctes: Vec<Cte>,
    pub table: TableRef,
    pub using: Vec<FromItem>,
    pub filter: Option<Expr>,
    pub returning: Vec<SelectItem>,
    pub limit: Option<Expr>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Eq,
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    And,
    Or,
    Plus,
    Minus,
    Multiply,
    Divide,
    Modulo,
    Concat,
    /// `->`: a JSON value.
    JsonGet,
    /// `->>`: text.
    JsonGetText,
    /// Array containment and overlap (`@>`, `<@`, `&&`): boolean.
    ArrayTest,
    /// Anything else: typed as its left operand.
    Other,
}

impl BinaryOp {
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinaryOp::Eq
                | BinaryOp::NotEq
                | BinaryOp::Lt
                | BinaryOp::LtEq
                | BinaryOp::Gt
                | BinaryOp::GtEq
        )
    }
}

#[derive(Debug, Clone)]
pub enum Literal {
    Null,
    Bool,
    Integer,
    Float,
    String,
}

/// A type named in the query (a cast): the spelling as written, lower-cased, with array dimensions apart.
#[derive(Debug, Clone)]
pub struct TypeName {
    pub name: String,
    pub args: Vec<String>,
    pub array_dims: u32,
}

#[derive(Debug, Clone)]
pub enum Expr {
    Column {
        qualifier: Option<String>,
        name: String,
        offset: usize,
    },
    /// The parameter with this index (0-based) in the query's parameter list.
    Param {
        index: usize,
        offset: usize,
    },
    Literal(Literal),
    Not(Box<Expr>),
    Negate(Box<Expr>),
    Binary {
        op: BinaryOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// IS [NOT] NULL, IS [NOT] TRUE, IS [NOT] DISTINCT FROM with a literal: a boolean that is never NULL.
    IsTest(Box<Expr>),
    IsDistinct {
        left: Box<Expr>,
        right: Box<Expr>,
    },
    Between {
        expr: Box<Expr>,
        low: Box<Expr>,
        high: Box<Expr>,
    },
    InList {
        expr: Box<Expr>,
        list: Vec<Expr>,
    },
    InSubquery {
        expr: Box<Expr>,
        query: Box<Query>,
    },
    /// `x op ANY(array)` / `x op ALL(array)`.
    AnyArray {
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `x op ANY(subquery)`.
    AnySubquery {
        left: Box<Expr>,
        query: Box<Query>,
    },
    Exists(Box<Query>),
    ScalarSubquery(Box<Query>),
    /// `ARRAY(subquery)`.
    ArraySubquery(Box<Query>),
    Like {
        expr: Box<Expr>,
        pattern: Box<Expr>,
    },
    Function {
        /// Lower-case, without a schema.
        name: String,
        args: Vec<Expr>,
        /// `count(*)`.
        star: bool,
        /// An OVER clause: a window function keeps rows, so its NULL rules differ from the aggregate's.
        window: bool,
        offset: usize,
    },
    Cast {
        expr: Box<Expr>,
        ty: TypeName,
        offset: usize,
    },
    Case {
        operand: Option<Box<Expr>>,
        whens: Vec<(Expr, Expr)>,
        otherwise: Option<Box<Expr>>,
    },
    Coalesce(Vec<Expr>),
    NullIf(Box<Expr>, Box<Expr>),
    /// GREATEST / LEAST.
    MinMax(Vec<Expr>),
    Array(Vec<Expr>),
    /// `arr[i]`.
    Subscript(Box<Expr>),
    /// CURRENT_TIMESTAMP, CURRENT_DATE and friends, already typed.
    Keyword(KeywordValue),
    Default,
    /// An expression inference does not model; its type is unknown.
    Unsupported {
        what: String,
        offset: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordValue {
    CurrentTimestamp,
    LocalTimestamp,
    CurrentDate,
    CurrentTime,
    CurrentUser,
}
