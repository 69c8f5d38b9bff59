//! Placeholder.

use crate::ir::QuerySet;
use crate::lang::GeneratedFile;

pub fn render(_set: &QuerySet, _driver: &str) -> Vec<GeneratedFile> {
    Vec::new()
}
