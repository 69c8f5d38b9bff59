//! The model every schema source turns into.
//!
//! Schema files, snapshots and live databases all produce a [`Schema`]; the differ only ever compares two of them.
//! This crate holds no parser and no database code: it is the meeting point the rest of Flash depends on.

pub mod diagnostic;
pub mod dialect;
pub mod model;
pub mod name;
pub mod object_map;
pub mod snapshot;
pub mod types;

pub use diagnostic::{Diagnostic, SourceFile, Span};
pub use dialect::Dialect;
pub use model::*;
pub use name::QualName;
pub use object_map::ObjectMap;
pub use types::DataType;
