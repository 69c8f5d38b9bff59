//! Errors that point into a source file: `path:line:col: message`, the offending line, and a caret under the spot.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a source file, 1-based, columns counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub line: u32,
    pub col: u32,
}

/// A source text with its path, able to turn byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// The line and column of a byte offset; an offset past the end points just after the last character.
    pub fn span_at(&self, offset: usize) -> Span {
        let offset = offset.min(self.text.len());
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let line_start = self.line_starts[line_index];
        let prefix = self.text.get(line_start..offset).unwrap_or("");
        Span {
            line: line_index as u32 + 1,
            col: prefix.chars().count() as u32 + 1,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: u32) -> &str {
        let index = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(index) else {
            return "";
        };
        let end = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.error_at_span(self.span_at(offset), message)
    }

    pub fn error_at_span(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: self.path.clone(),
            span,
            message: message.into(),
            source_line: Some(self.line_text(span.line).to_string()),
            help: None,
        }
    }
}

/// One error in one file. `Display` renders it the way the CLI prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub span: Span,
    pub message: String,
    pub source_line: Option<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A diagnostic about a whole file, pointing at its start.
    pub fn for_file(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_path_buf(),
            span: Span { line: 1, col: 1 },
            message: message.into(),
            source_line: None,
            help: None,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.span.line,
            self.span.col,
            self.message
        )?;
        if let Some(line) = &self.source_line {
            let number = self.span.line.to_string();
            let gutter = " ".repeat(number.len());
            // Tabs would shift the caret; show them as single spaces on both lines.
            let shown = line.replace('\t', " ");
            let caret_pad = " ".repeat(
                (self.span.col as usize)
                    .saturating_sub(1)
                    .min(shown.chars().count()),
            );
            write!(
                f,
                "\n{gutter} |\n{number} | {shown}\n{gutter} | {caret_pad}^"
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let file = SourceFile::new("a.sql", "CREATE TABLE t (\n  é int,\n  x\n);");
        assert_eq!(file.span_at(0), Span { line: 1, col: 1 });
        let x = file.text.find("x").expect("x is in the text");
        assert_eq!(file.span_at(x), Span { line: 3, col: 3 });
        let after_e = file.text.find(" int").expect("int is in the text");
        assert_eq!(file.span_at(after_e), Span { line: 2, col: 4 });
        assert_eq!(file.span_at(10_000), Span { line: 4, col: 3 });
        assert_eq!(file.line_text(2), "  é int,");
        assert_eq!(file.line_text(99), "");
    }

    #[test]
    fn renders_path_line_column_and_caret() {
        let file = SourceFile::new(
            "db/schema/a.sql",
            "CREATE TABLE t (id int);\nCREATE INDEX ON t (nope);",
        );
        let offset = file.text.find("nope").expect("nope is in the text");
        let rendered = file
            .error_at(offset, "column \"nope\" does not exist in table \"t\"")
            .to_string();
        assert_eq!(
            rendered,
            "db/schema/a.sql:2:20: column \"nope\" does not exist in table \"t\"\n  |\n2 | CREATE INDEX ON t (nope);\n  |                    ^"
        );
    }
}
