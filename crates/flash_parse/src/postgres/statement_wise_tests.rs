//! The statement-wise parse ([`super::parse_sides`]) must build exactly what parsing each file whole builds, and
//! fail with exactly the same diagnostic: over every PostgreSQL fixture and dump in the repository, and over seeded
//! mutants of them that throw quotes, comments, dollar quotes and semicolons into the text.

use std::path::{Path, PathBuf};

use flash_core::{Dialect, SourceFile};

use super::{batch, blank_meta_commands, parse_sides, split};

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out = Vec::new();
    for dir in ["fixtures/postgres/ok", "fixtures/postgres/err", "dumps"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let is_pg = dir != "dumps" || name.starts_with("postgres");
            if is_pg && path.extension().is_some_and(|e| e == "sql") {
                out.push(path);
            }
        }
    }
    out.sort();
    assert!(
        out.len() > 90,
        "the PostgreSQL corpus went missing: {out:?}"
    );
    out
}

fn outcome(result: Result<flash_core::Schema, crate::ParseError>) -> String {
    match result {
        Ok(schema) => serde_json::to_string(&schema).expect("a schema serialises"),
        Err(e) => format!("error: {e}"),
    }
}

/// Both ways, for one text; true when the statement-wise parse held (no fallback to the whole file).
fn same_both_ways(path: &str, text: &str) -> bool {
    let file = SourceFile::new(path, text);
    let whole = outcome(crate::parse_sources_one(
        Dialect::Postgres,
        vec![file.clone()],
    ));
    let sides = outcome(parse_sides(vec![vec![file]]).pop().expect("one side"));
    assert_eq!(
        sides, whole,
        "{path}: statement-wise and whole-file parses differ for:\n{text}"
    );
    let blanked = blank_meta_commands(text);
    let pieces: Vec<&str> = split::statement_ranges(&blanked)
        .into_iter()
        .map(|r| &blanked[r])
        .collect();
    batch::parse_pieces(&pieces).is_some()
}

#[test]
fn every_fixture_and_dump_parses_the_same_statement_by_statement() {
    let mut whole_only = Vec::new();
    for path in corpus() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let name = path.display().to_string();
        if !same_both_ways(&name, &text) && name.contains("/ok/") {
            whole_only.push(path.file_name().map(|n| n.to_string_lossy().into_owned()));
        }
    }
    // Files that fall back to the whole-file parse although they are valid: only SQL-standard routine bodies
    // (`BEGIN ATOMIC ... END`), whose inner `;`s the cut cannot tell from statement ends.
    assert_eq!(
        whole_only,
        [Some("067_sql_standard_function_body.sql".to_string())]
    );
}

#[test]
fn mutants_parse_the_same_statement_by_statement() {
    const NOISE: &[&str] = &[
        "'",
        "\"",
        "$$",
        "$a$",
        "--",
        "/*",
        "*/",
        ";",
        "(",
        ")",
        "E'\\'",
        "\n",
        "BEGIN ATOMIC ",
    ];
    let mut rng = fastrand::Rng::with_seed(0x5eed_5717);
    for path in corpus() {
        let text = std::fs::read_to_string(&path).expect("readable");
        for _ in 0..12 {
            let mut mutant = text.clone();
            for _ in 0..rng.usize(1..4) {
                let mut at = rng.usize(0..=mutant.len());
                while !mutant.is_char_boundary(at) {
                    at -= 1;
                }
                mutant.insert_str(at, NOISE[rng.usize(0..NOISE.len())]);
            }
            same_both_ways(&path.display().to_string(), &mutant);
        }
    }
}
