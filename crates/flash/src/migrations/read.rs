//! One migration file (docs/migration-files.md): `-- flash:baseline`, `-- flash:hazard` lines, `-- +migrate Up`,
//! `-- +migrate Down` (Flash ORM's and sql-migrate's markers, any case), statements split by the dialect's own rules,
//! each with its line and its `-- flash:no-transaction` mark. A file without markers is all Up, as Flash ORM reads it.

use std::ops::Range;
use std::path::{Path, PathBuf};

use flash_core::{Diagnostic, Dialect, SourceFile};
use flash_diff::{Hazard, HazardKind};
use sha2::{Digest, Sha256};

/// A migration file, read.
#[derive(Debug, Clone)]
pub struct MigrationSource {
    /// The file stem: `20260101120000_create_users`.
    pub id: String,
    /// The part after the stamp: `create_users`.
    pub name: String,
    pub path: PathBuf,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub checksum: String,
    /// The file's length in bytes: Flash ORM's older versions stored it (in hex) as the checksum.
    pub len: usize,
    pub baseline: Option<String>,
    pub header_hazards: Vec<Hazard>,
    pub up: Vec<SourceStatement>,
    pub down: Vec<SourceStatement>,
    /// The Down section's text as written, kept in the tracking row.
    pub down_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceStatement {
    pub sql: String,
    /// 1-based line of its first token.
    pub line: usize,
    pub no_transaction: bool,
}

const NO_TRANSACTION: &str = "-- flash:no-transaction";

impl MigrationSource {
    pub fn read(path: &Path, dialect: Dialect) -> Result<MigrationSource, Diagnostic> {
        let bytes = std::fs::read(path)
            .map_err(|e| Diagnostic::for_file(path, format!("cannot read the file: {e}")))?;
        let text = String::from_utf8(bytes.clone())
            .map_err(|_| Diagnostic::for_file(path, "the file is not UTF-8 text"))?;
        let mut source = parse(path, &text, dialect)?;
        source.checksum = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        source.len = bytes.len();
        Ok(source)
    }

    /// Whether a stored checksum is Flash ORM's old one (the length in hex) for this very file.
    pub fn is_legacy_checksum_of(&self, stored: &str) -> bool {
        stored.len() != 64 && stored.eq_ignore_ascii_case(&format!("{:x}", self.len))
    }

    pub fn up_statements(&self) -> Vec<flash_db::apply::Statement> {
        to_engine(&self.up)
    }
}

/// The statements as the apply engine takes them.
pub fn to_engine(statements: &[SourceStatement]) -> Vec<flash_db::apply::Statement> {
    statements
        .iter()
        .map(|s| flash_db::apply::Statement {
            sql: s.sql.clone(),
            line: s.line,
            no_transaction: s.no_transaction,
        })
        .collect()
}

fn parse(path: &Path, text: &str, dialect: Dialect) -> Result<MigrationSource, Diagnostic> {
    let file = SourceFile::new(path, text);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match stem.split_once('_') {
        Some((stamp, rest)) if stamp.bytes().all(|b| b.is_ascii_digit()) => rest.to_string(),
        _ => stem.clone(),
    };
    let (mut up_at, mut down_at) = (None, None);
    let mut baseline = None;
    let mut header_hazards = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let lower = trimmed.to_ascii_lowercase();
        let marker = lower.strip_prefix("--").map(str::trim_start);
        if marker == Some("+migrate up") && up_at.is_none() {
            up_at = Some(offset..offset + line.len());
        } else if marker == Some("+migrate down") && down_at.is_none() {
            down_at = Some(offset..offset + line.len());
        } else if up_at.is_none() {
            if let Some(hash) = trimmed.strip_prefix("-- flash:baseline ") {
                baseline = Some(hash.trim().to_string());
            } else if let Some(rest) = trimmed.strip_prefix("-- flash:hazard ") {
                let (kind, detail) = rest.split_once(' ').unwrap_or((rest, ""));
                let kind: HazardKind =
                    kind.parse()
                        .map_err(|e: flash_diff::hazard::UnknownHazardKind| {
                            file.error_at(offset + line.find(kind).unwrap_or(0), e.to_string())
                        })?;
                header_hazards.push(Hazard::new(kind, detail.trim()));
            }
        }
        offset += line.len();
    }
    let (up, down): (Range<usize>, Range<usize>) = match (up_at, down_at) {
        (Some(u), Some(d)) if d.start > u.start => (u.end..d.start, d.end..text.len()),
        (Some(u), Some(d)) => (u.end..text.len(), d.end..u.start),
        (Some(u), None) => (u.end..text.len(), text.len()..text.len()),
        (None, Some(d)) => (0..d.start, d.end..text.len()),
        (None, None) => (0..text.len(), text.len()..text.len()),
    };
    Ok(MigrationSource {
        id: stem,
        name,
        path: path.to_path_buf(),
        checksum: String::new(),
        len: text.len(),
        baseline,
        header_hazards,
        up: statements(&file, dialect, up)?,
        down: statements(&file, dialect, down.clone())?,
        down_text: text[down].trim().to_string(),
    })
}

/// The statements of `section`, with lines counted in the whole file and the mark that precedes each.
fn statements(
    file: &SourceFile,
    dialect: Dialect,
    section: Range<usize>,
) -> Result<Vec<SourceStatement>, Diagnostic> {
    let text = &file.text[section.clone()];
    let ranges = flash_parse::statement::split(dialect, text)
        .map_err(|e| file.error_at(section.start + e.offset, e.message))?;
    let mut out = Vec::with_capacity(ranges.len());
    let mut previous_end = 0;
    for r in ranges {
        let gap = &text[previous_end..r.start];
        let no_transaction = gap
            .lines()
            .any(|l| l.trim().eq_ignore_ascii_case(NO_TRANSACTION));
        previous_end = r.end;
        out.push(SourceStatement {
            sql: text[r.clone()].to_string(),
            line: file.span_at(section.start + r.start).line as usize,
            no_transaction,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_header_sections_marks_and_lines() {
        let text = "-- flash:baseline abc\n-- flash:hazard DATA_LOSS drops column public.users.bio\n-- +migrate Up\n\
                    -- flash:no-transaction\nALTER TYPE mood ADD VALUE 'meh';\nALTER TABLE users DROP COLUMN bio;\n\
                    CREATE TABLE t (\n  id int\n);\n-- +migrate Down\nDROP TABLE t;\n";
        let m = parse(
            Path::new("db/20260101000000_x_y.sql"),
            text,
            Dialect::Postgres,
        )
        .expect("parses");
        assert_eq!(m.id, "20260101000000_x_y");
        assert_eq!(m.name, "x_y");
        assert_eq!(m.baseline.as_deref(), Some("abc"));
        assert_eq!(
            m.header_hazards,
            [Hazard::new(
                HazardKind::DataLoss,
                "drops column public.users.bio"
            )]
        );
        let up: Vec<(usize, bool)> = m.up.iter().map(|s| (s.line, s.no_transaction)).collect();
        assert_eq!(up, [(5, true), (6, false), (7, false)]);
        assert_eq!(m.up[2].sql, "CREATE TABLE t (\n  id int\n)");
        assert_eq!(m.down.len(), 1);
        assert_eq!(m.down_text, "DROP TABLE t;");
    }

    #[test]
    fn flash_orm_files_and_errors() {
        let m = parse(
            Path::new("1_a.sql"),
            "CREATE TABLE a (id int);\n",
            Dialect::Sqlite,
        )
        .expect("parses");
        assert_eq!(m.up.len(), 1);
        assert!(m.down.is_empty());
        let m = parse(
            Path::new("1_a.sql"),
            "-- +Migrate UP\nSELECT 1;\n-- +MIGRATE down\nSELECT 2;",
            Dialect::Mysql,
        )
        .expect("parses");
        assert_eq!((m.up.len(), m.down.len()), (1, 1));
        let err = parse(
            Path::new("1_a.sql"),
            "-- +migrate Up\nCREATE TABLE a (id int,,);\n",
            Dialect::Postgres,
        )
        .expect_err("syntax error");
        assert_eq!((err.span.line, err.span.col), (2, 24));
    }
}
