//! Sqlite migration statements from changes.

use flash_core::{Dialect, Schema};

use super::{RenderError, Staged};
use crate::Change;

pub fn render(changes: &[Change], from: &Schema, to: &Schema) -> Result<Vec<Staged>, RenderError> {
    let _ = (from, to);
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    Err(RenderError::Unsupported {
        dialect: Dialect::Sqlite,
        what: "migrations".into(),
    })
}
