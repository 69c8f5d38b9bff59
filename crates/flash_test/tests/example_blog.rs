//! The blog example in `examples/blog` is what the README runs first: its schema must load into a real SQLite
//! database in file order, and every query in `db/queries` must compile against it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/blog")
}

fn sql_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Each `-- name: X :kind` block of a query file, as (name, SQL).
fn queries(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("-- name:") {
            out.push((rest.trim().to_string(), String::new()));
        } else if let Some((_, sql)) = out.last_mut() {
            sql.push_str(line);
            sql.push('\n');
        }
    }
    out
}

#[test]
fn blog_schema_loads_and_its_queries_compile_in_sqlite() {
    let dir = example_dir();
    let config = read(&dir.join("flash.toml"));
    assert!(
        config.contains("provider = \"sqlite\""),
        "the blog example is the embedded SQLite project"
    );
    assert!(read(&dir.join(".env")).contains("DATABASE_URL=sqlite://blog.db"));

    let mut script = String::from("PRAGMA foreign_keys = ON;\n");
    let schema_files = sql_files(&dir.join("db/schema"));
    assert!(
        schema_files.len() >= 2,
        "the example spreads its schema over several files"
    );
    for file in &schema_files {
        script.push_str(&read(file));
        script.push('\n');
    }
    let mut names = Vec::new();
    for file in sql_files(&dir.join("db/queries")) {
        for (name, sql) in queries(&read(&file)) {
            // EXPLAIN compiles the statement against the schema without running it.
            script.push_str(&format!("EXPLAIN {};\n", sql.trim().trim_end_matches(';')));
            names.push(name);
        }
    }
    assert!(
        names.len() >= 3,
        "posts.sql holds the example queries: {names:?}"
    );
    script.push_str(
        "SELECT 'tables=' || count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%';\n",
    );

    let db = tempfile::tempdir().expect("temp dir");
    let out = Command::new("sqlite3")
        .arg("-bail")
        .arg(db.path().join("blog.db"))
        .arg(&script)
        .output()
        .expect("sqlite3 is installed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "sqlite3 refused the example:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("tables=5"), "{stdout}");
}
