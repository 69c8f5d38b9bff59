//! From two schemas, the changes that turn the first into the second.
//!
//! [`diff`] compares two [`Schema`] values object by object and, for tables, field by field. It decides *what*
//! differs; ordering by dependency, hazards, transaction steps and per-dialect SQL are later stages that take this
//! list as their input.

mod change;
mod diff;
pub mod render;

pub use change::{Change, ColumnChange, CommentTarget, Object};
pub use diff::diff;
