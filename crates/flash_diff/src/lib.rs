//! From two schemas, the migration between them.
//!
//! [`diff`] compares two [`flash_core::Schema`] values object by object and, for tables, field by field: *what*
//! differs, as a list of [`Change`]s. [`render`] turns changes into statements per dialect, [`plan::order`] puts
//! them in dependency order, [`hazard::classify`] says what each change risks, and [`plan::migration`] puts it all
//! together with the Down.

mod change;
mod diff;
pub mod hazard;
pub mod plan;
pub mod render;

pub use change::{Change, ColumnChange, CommentTarget, Object};
pub use diff::diff;
pub use hazard::{Hazard, HazardKind};
pub use plan::{irreversible, migration, plan, plan_down, Migration, Plan, PlanError, Step};
