//! What a statement handler needs: the builder, the file, and where the statement starts.

use flash_core::Diagnostic;

use crate::builder::{FileId, Origin, SchemaBuilder};
use crate::hints;

pub struct Ctx<'b> {
    pub b: &'b mut SchemaBuilder,
    pub file: FileId,
    /// Byte offset of the statement's first token.
    pub stmt_offset: usize,
    /// What turns a node location into a file offset: the statement may have been parsed apart from its file.
    delta: i64,
}

impl<'b> Ctx<'b> {
    pub fn new(b: &'b mut SchemaBuilder, file: FileId, stmt_offset: usize) -> Self {
        Ctx {
            b,
            file,
            stmt_offset,
            delta: 0,
        }
    }

    /// A context for a statement parsed apart from its file, whose node location `l` is file offset `l + delta`.
    pub fn shifted(self, delta: i64) -> Self {
        Ctx { delta, ..self }
    }

    /// The file offset of a node `location`; the statement start when the node has none (-1).
    fn offset(&self, location: i32) -> usize {
        if location < 0 {
            return self.stmt_offset;
        }
        usize::try_from(i64::from(location) + self.delta).unwrap_or(self.stmt_offset)
    }

    /// The origin of a node `location` (a byte offset, or -1 when the node has none: then the statement start).
    pub fn at(&self, location: i32) -> Origin {
        self.b.origin(self.file, self.offset(location))
    }

    pub fn err(&self, location: i32, message: impl Into<String>) -> Diagnostic {
        self.b.error(self.at(location), message)
    }

    /// The `-- flash:renamed-from` hint above a location.
    pub fn renamed_from(&self, location: i32) -> Option<String> {
        hints::renamed_from(self.b.file(self.file), self.offset(location))
    }
}
