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

/// The steps as one script for the dialect's own client: statements that cannot share a transaction first, each on
/// its own, then the rest in a single transaction (left out when there is nothing transactional).
pub fn script(steps: &[Step]) -> String {
    let mut out = String::new();
    for s in steps.iter().filter(|s| !s.transactional) {
        out.push_str(&format!("{};\n", s.sql));
    }
    if steps.iter().any(|s| s.transactional) {
        out.push_str("BEGIN;\n");
        for s in steps.iter().filter(|s| s.transactional) {
            out.push_str(&format!("{};\n", s.sql));
        }
        out.push_str("COMMIT;\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(sql: &str, transactional: bool) -> Step {
        Step {
            sql: sql.into(),
            transactional,
        }
    }

    #[test]
    fn non_transactional_steps_run_first_and_alone() {
        let steps = [
            step("ALTER TABLE t ADD c int", true),
            step("ALTER TYPE e ADD VALUE 'x'", false),
        ];
        assert_eq!(
            script(&steps),
            "ALTER TYPE e ADD VALUE 'x';\nBEGIN;\nALTER TABLE t ADD c int;\nCOMMIT;\n"
        );
        assert_eq!(script(&steps[1..]), "ALTER TYPE e ADD VALUE 'x';\n");
        assert_eq!(script(&[]), "");
    }
}
