//! Static type inference: a lowered statement, read against the schema model, gives the types and nullability of
//! its parameters and result columns. Parameter names come from what a parameter is compared with or stored in.

mod expr;
pub mod functions;
pub mod scope;
mod statement;
pub mod types;

#[cfg(test)]
mod tests;

use flash_core::{Dialect, Schema};

use crate::ir::{SqlType, Typed};
use crate::sql_tree::Statement;
use scope::OutCol;
use types::Enums;

/// An inference failure at a byte offset of the parsed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InferError {
    pub offset: usize,
    pub message: String,
}

impl InferError {
    pub fn at(offset: usize, message: impl Into<String>) -> Self {
        InferError {
            offset,
            message: message.into(),
        }
    }
}

/// What inference learned about one parameter.
#[derive(Debug, Clone, Default)]
pub struct ParamInfo {
    pub ty: Option<SqlType>,
    /// The parameter may be NULL: it fills a nullable column, or was declared with `sqlc.narg`.
    pub nullable: bool,
    /// The name of what it was first compared with or stored in.
    pub hint: Option<String>,
    /// Where it first appears, for the error when nothing types it.
    pub offset: usize,
}

/// The types of one statement.
#[derive(Debug, Clone)]
pub struct Inferred {
    pub params: Vec<ParamInfo>,
    pub columns: Vec<OutCol>,
    /// For `INSERT INTO t (a, b) VALUES ($1, $2)`: the table and its columns, which `:copyfrom` needs.
    pub insert_target: Option<(String, Vec<String>)>,
}

pub struct Inferrer<'a> {
    pub(crate) schema: &'a Schema,
    pub(crate) dialect: Dialect,
    pub(crate) enums: &'a Enums,
    pub(crate) params: Vec<ParamInfo>,
    /// Common table expressions in scope, innermost last.
    pub(crate) ctes: Vec<scope::Relation>,
}

/// Infers `statement`, which has `param_count` parameters (indices as in `Expr::Param`).
pub fn infer(
    schema: &Schema,
    enums: &Enums,
    statement: &Statement,
    param_count: usize,
) -> Result<Inferred, InferError> {
    let mut inferrer = Inferrer {
        schema,
        dialect: schema.dialect,
        enums,
        params: vec![ParamInfo::default(); param_count],
        ctes: Vec::new(),
    };
    let root = scope::Scope::default();
    let columns = inferrer.statement(statement, &root)?;
    let insert_target = match statement {
        Statement::Insert(i) => Some((
            i.table.name.clone(),
            i.columns.iter().map(|(c, _)| c.clone()).collect(),
        )),
        _ => None,
    };
    Ok(Inferred {
        params: inferrer.params,
        columns,
        insert_target,
    })
}

impl Inferrer<'_> {
    /// Gives parameter `index` a type, a name hint and a nullability, where it has none yet.
    pub(crate) fn bind(
        &mut self,
        index: usize,
        typed: &Typed,
        hint: Option<String>,
        nullable: bool,
    ) {
        let Some(p) = self.params.get_mut(index) else {
            return;
        };
        if (p.ty.is_none() || p.ty == Some(SqlType::Unknown)) && typed.ty != SqlType::Unknown {
            p.ty = Some(typed.ty.clone());
        }
        if p.hint.is_none() {
            p.hint = hint;
        }
        p.nullable |= nullable;
    }

    pub(crate) fn param_typed(&self, index: usize) -> Typed {
        let p = self.params.get(index);
        Typed::new(
            p.and_then(|p| p.ty.clone()).unwrap_or(SqlType::Unknown),
            p.is_some_and(|p| p.nullable),
        )
    }
}
