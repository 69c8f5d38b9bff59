//! What each object uses, read from a schema: the edges of the planner's dependency graph.

use std::collections::BTreeMap;

use flash_core::Schema;

use crate::render::ObjectRef;

/// For every object in `schema`, the objects it uses (that must exist before it, and outlive it).
pub fn dependencies(schema: &Schema) -> BTreeMap<ObjectRef, Vec<ObjectRef>> {
    let _ = schema;
    BTreeMap::new()
}
