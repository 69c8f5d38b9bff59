//! Finding schema files: every `.sql` file under a directory, in path order, so that loading is deterministic and a
//! later file can extend a table an earlier one created.

use std::io;
use std::path::{Path, PathBuf};

pub fn collect_sql_files(path: &Path) -> io::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path)?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    walk(path, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        // Hidden entries (.flash snapshots, editor files) are not schema.
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type()?.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("sql"))
        {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_sql_files_recursively_in_path_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        for rel in [
            "b.sql",
            "a/z.sql",
            "a/c.SQL",
            "notes.md",
            ".hidden.sql",
            ".flash/s.sql",
        ] {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().expect("has parent")).expect("mkdir");
            std::fs::write(&p, "").expect("write");
        }
        let found: Vec<String> = collect_sql_files(dir.path())
            .expect("listed")
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .expect("under dir")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(found, ["a/c.SQL", "a/z.sql", "b.sql"]);
    }
}
