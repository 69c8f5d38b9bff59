//! What a statement handler needs: the builder, the file, and where the statement starts.

use flash_core::Diagnostic;

use crate::builder::{FileId, Origin, SchemaBuilder};
use crate::hints;

pub struct Ctx<'b> {
    pub b: &'b mut SchemaBuilder,
    pub file: FileId,
    /// Byte offset of the statement's first token.
    pub stmt_offset: usize,
}

impl<'b> Ctx<'b> {
    pub fn new(b: &'b mut SchemaBuilder, file: FileId, stmt_offset: usize) -> Self {
        Ctx {
            b,
            file,
            stmt_offset,
        }
    }

    /// The origin of a node `location` (a byte offset, or -1 when the node has none: then the statement start).
    pub fn at(&self, location: i32) -> Origin {
        let offset = usize::try_from(location).unwrap_or(self.stmt_offset);
        self.b.origin(self.file, offset)
    }

    pub fn err(&self, location: i32, message: impl Into<String>) -> Diagnostic {
        self.b.error(self.at(location), message)
    }

    /// The `-- flash:renamed-from` hint above a location.
    pub fn renamed_from(&self, location: i32) -> Option<String> {
        let offset = usize::try_from(location).unwrap_or(self.stmt_offset);
        hints::renamed_from(self.b.file(self.file), offset)
    }
}
