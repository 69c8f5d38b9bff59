//! Changes to SQL, per dialect.
//!
//! Only PostgreSQL is rendered so far, and its statement order is a fixed sequence of phases (drops of dependents,
//! drops, creations, dependents) standing in for the dependency-ordering planner that is still to come.

mod postgres;

use flash_core::Dialect;

use crate::Change;

/// One statement of a migration script.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Step {
    pub sql: String,
    /// False for statements PostgreSQL refuses inside a transaction block or whose effect a later statement in the
    /// same transaction cannot see (`ALTER TYPE ... ADD VALUE`); they run on their own, before the transaction.
    pub transactional: bool,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RenderError {
    #[error("rendering {what} for {dialect} is not implemented yet")]
    Unsupported { dialect: Dialect, what: String },
}

pub fn render(dialect: Dialect, changes: &[Change]) -> Result<Vec<Step>, RenderError> {
    match dialect {
        Dialect::Postgres => postgres::render(changes),
        other => Err(RenderError::Unsupported {
            dialect: other,
            what: "migrations".into(),
        }),
    }
}
