//! From two schemas, the ordered migration: the differ's changes rendered for the dialect, put in dependency order
//! (`order`), classified for hazards, and paired with the Down that undoes them.

mod deps;
mod down;
mod order;
mod references;
mod script;

use flash_core::{Dialect, Schema};
use serde::Serialize;

use crate::hazard::{classify, Hazard};
use crate::render::{render, Placement, RenderError};
use crate::{diff, Change};

/// What objects use, for callers outside the planner that need the same edges (the live-database canonicaliser
/// builds an object together with everything it names).
pub use deps::dependencies;
pub use order::order;
pub use script::{script, statements};

/// One statement of a migration, in the order it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub sql: String,
    pub placement: Placement,
}

/// The changes from one schema to another, as statements to run and the hazards they carry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub dialect: Dialect,
    pub changes: Vec<Change>,
    pub steps: Vec<Step>,
    pub hazards: Vec<Hazard>,
}

impl Plan {
    /// No statement to run: the schemas are equal in everything the model holds.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The plan as one script that the dialect's own client (`psql -v ON_ERROR_STOP=1`, `mariadb`, `sqlite3 -bail`)
    /// runs as it is. Empty when there is nothing to do.
    pub fn script(&self) -> String {
        script(self.dialect, &self.steps)
    }
}

/// A migration: the Up plan, the Down plan that undoes it, and what the Down cannot bring back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Migration {
    pub up: Plan,
    pub down: Plan,
    /// One line per thing the Up destroys that running the Down does not restore (a dropped column's values).
    pub irreversible: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PlanError {
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("the changes depend on each other in a cycle: {}", .objects.join(" -> "))]
    Cycle { objects: Vec<String> },
    #[error("cannot plan from a {from} schema to a {to} schema")]
    DialectMismatch { from: Dialect, to: Dialect },
}

/// The Down of `up`, the plan from `from` to `to`: the plan back from `to` to `from`, with `up`'s renames undone as
/// renames. Apart from [`migration`] for callers that keep the Up when no Down can be made.
pub fn plan_down(from: &Schema, to: &Schema, up: &Plan) -> Result<Plan, PlanError> {
    let (current, desired) = down::reversed(from, to, &up.changes);
    plan(&current, &desired)
}

/// What the Up destroys that its Down does not bring back, one line each.
pub fn irreversible(up: &Plan) -> Vec<String> {
    down::irreversible(up)
}

/// The plan that turns `from` into `to`, in `to`'s dialect.
pub fn plan(from: &Schema, to: &Schema) -> Result<Plan, PlanError> {
    if from.dialect != to.dialect {
        return Err(PlanError::DialectMismatch {
            from: from.dialect,
            to: to.dialect,
        });
    }
    let dialect = to.dialect;
    let changes = diff(from, to);
    let staged = render(dialect, &changes, from, to)?;
    let steps = order(staged, from, to)?;
    let hazards = classify(dialect, &changes, from, to);
    Ok(Plan {
        dialect,
        changes,
        steps,
        hazards,
    })
}

/// The Up from `from` to `to` and the Down back, renames undone as renames.
pub fn migration(from: &Schema, to: &Schema) -> Result<Migration, PlanError> {
    let up = plan(from, to)?;
    let down = plan_down(from, to, &up)?;
    let irreversible = down::irreversible(&up);
    Ok(Migration {
        up,
        down,
        irreversible,
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod rule_tests;
