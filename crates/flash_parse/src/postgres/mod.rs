use crate::builder::{FileId, SchemaBuilder};
use flash_core::Diagnostic;

pub fn parse_file(_builder: &mut SchemaBuilder, _file: FileId) -> Result<(), Diagnostic> {
    Ok(())
}
