//! A deterministic property test for every parser: no input may make a parser panic, and every error must be a
//! diagnostic that points inside the input.
//!
//! Inputs, per dialect: random byte strings (decoded lossily, so also odd Unicode and NULs), token soup made of SQL
//! keywords and punctuation, and mutations (delete, duplicate, swap, truncate, insert) of every `.sql` file under
//! `tests/fixtures/` and `tests/dumps/`. The runs are seeded (`fastrand`), so a failure repeats; the failing input is
//! written to the target directory and its path printed.
//!
//! `FLASH_FUZZ_ITERATIONS` (default 1000) sets the number of random inputs per test and, divided by 25, the number of
//! mutants per corpus file; `FLASH_FUZZ_SEED` changes the seed. The default run stays well under 30 s in a debug
//! build; `TIME_BUDGET` stops a run early (and says so) on a very slow machine rather than time out the suite.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flash_core::Dialect;
use flash_parse::{parse_str, ParseError};

const DEFAULT_ITERATIONS: usize = 1000;
const DEFAULT_SEED: u64 = 0xf1a5_2026;
const TIME_BUDGET: Duration = Duration::from_secs(20);
const CASE_TIME_LIMIT: Duration = Duration::from_secs(5);

fn iterations() -> usize {
    std::env::var("FLASH_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_ITERATIONS)
}

fn base_seed() -> u64 {
    std::env::var("FLASH_FUZZ_SEED")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_SEED)
}

/// A seed per test and dialect, so that tests do not share (and mask) each other's inputs.
fn seed_for(test: &str, dialect: Dialect) -> u64 {
    let mut h = base_seed() ^ (dialect as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in test.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

// ---------------------------------------------------------------------------------------------------------------
// The property

/// Parses `text` on a worker thread, catching panics, and checks that an error is a diagnostic pointing inside the
/// input. A parse that does not finish within `CASE_TIME_LIMIT` fails too: a hang or super-linear blow-up on some
/// input is a bug as much as a panic is (the stuck thread is left behind until the test process ends).
fn check(dialect: Dialect, origin: &str, case: usize, text: &str) {
    const PATH: &str = "fuzz/input.sql";
    let (tx, rx) = std::sync::mpsc::channel();
    let input = text.to_string();
    let spawned = std::thread::Builder::new()
        .name(format!("fuzz-{dialect}-{case}"))
        .spawn(move || {
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                let result = parse_str(dialect, PATH, &input);
                // Rendering the diagnostic is part of what must not panic.
                let rendered = result.as_ref().err().map(|e| e.to_string());
                (result, rendered)
            }));
            let _ = tx.send(outcome);
        });
    if let Err(e) = spawned {
        panic!("cannot start a fuzz worker thread: {e}");
    }
    let problem = match rx.recv_timeout(CASE_TIME_LIMIT) {
        Err(_) => Some(format!(
            "did not finish within {CASE_TIME_LIMIT:?} (a hang or super-linear time)"
        )),
        Ok(Err(panic)) => Some(format!("panicked: {}", panic_message(&*panic))),
        Ok(Ok((Ok(_), _))) => None,
        Ok(Ok((Err(ParseError::Invalid(d)), _))) => {
            let lines = text.matches('\n').count() + 1;
            let line_len = text
                .split('\n')
                .nth((d.span.line as usize).saturating_sub(1))
                .map(|l| l.chars().count());
            if d.path != Path::new(PATH) {
                Some(format!(
                    "the diagnostic names {} instead of the input",
                    d.path.display()
                ))
            } else if d.span.line == 0 || d.span.line as usize > lines {
                Some(format!(
                    "line {} is outside the input's {lines} lines: {d}",
                    d.span.line
                ))
            } else if d.span.col == 0 || line_len.is_some_and(|len| d.span.col as usize > len + 1) {
                Some(format!(
                    "column {} is outside line {} ({:?} chars): {d}",
                    d.span.col, d.span.line, line_len
                ))
            } else {
                None
            }
        }
        Ok(Ok((Err(e), _))) => Some(format!("failed with a non-diagnostic error: {e}")),
    };
    if let Some(problem) = problem {
        let name = format!(
            "fuzz-failure-{dialect}-{}-{case}.sql",
            origin.replace(['/', '\\', ' '], "_")
        );
        let kept = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = std::fs::write(&kept, text);
        panic!(
            "{dialect} parser, {origin} case {case} (seed {}): {problem}\ninput kept at {}",
            base_seed(),
            kept.display()
        );
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_string()
    }
}

/// Runs `cases` generated inputs through one parser, stopping early (with a note) past the time budget.
fn run(
    test: &str,
    dialect: Dialect,
    cases: usize,
    mut input: impl FnMut(&mut fastrand::Rng, usize) -> (String, String),
) {
    let mut rng = fastrand::Rng::with_seed(seed_for(test, dialect));
    let start = Instant::now();
    let mut slowest = (Duration::ZERO, String::new());
    for case in 0..cases {
        if start.elapsed() > TIME_BUDGET {
            eprintln!("{test} {dialect}: time budget reached after {case} of {cases} cases");
            return;
        }
        let (origin, text) = input(&mut rng, case);
        let t = Instant::now();
        check(dialect, &origin, case, &text);
        if t.elapsed() > slowest.0 {
            slowest = (t.elapsed(), origin);
        }
    }
    eprintln!(
        "{test} {dialect}: {cases} cases in {:?}, slowest {:?} ({})",
        start.elapsed(),
        slowest.0,
        slowest.1
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

/// Characters that stress lexers: quotes, comment starts, dollar quotes, backslashes, multi-byte and control chars.
const NASTY_CHARS: &[char] = &[
    '(', ')', ',', ';', '.', ':', '\'', '"', '`', '$', '-', '/', '*', '\\', '\n', '\r', '\t', ' ',
    '\0', '[', ']', '{', '}', '@', '#', '?', '=', '<', '>', '!', '|', '&', '%', '^', '~', '+', 'é',
    'ß', '€', '😀', '\u{feff}', '\u{2028}', '\u{fffd}', 'a', 'Z', '0', '9', '_',
];

fn random_bytes(rng: &mut fastrand::Rng) -> String {
    let len = rng.usize(0..256);
    if rng.bool() {
        let bytes: Vec<u8> = (0..len).map(|_| rng.u8(..)).collect();
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        (0..len)
            .map(|_| {
                NASTY_CHARS
                    .get(rng.usize(..NASTY_CHARS.len()))
                    .copied()
                    .unwrap_or('x')
            })
            .collect()
    }
}

const KEYWORDS: &[&str] = &[
    "CREATE",
    "TABLE",
    "TEMPORARY",
    "UNLOGGED",
    "IF",
    "NOT",
    "EXISTS",
    "INDEX",
    "UNIQUE",
    "CONCURRENTLY",
    "VIEW",
    "MATERIALIZED",
    "FUNCTION",
    "PROCEDURE",
    "TRIGGER",
    "TYPE",
    "AS",
    "ENUM",
    "SET",
    "DOMAIN",
    "SEQUENCE",
    "SCHEMA",
    "EXTENSION",
    "POLICY",
    "ON",
    "FOR",
    "EACH",
    "ROW",
    "STATEMENT",
    "EXECUTE",
    "BEFORE",
    "AFTER",
    "INSTEAD",
    "OF",
    "ALTER",
    "ADD",
    "DROP",
    "RENAME",
    "COLUMN",
    "CONSTRAINT",
    "PRIMARY",
    "KEY",
    "FOREIGN",
    "REFERENCES",
    "CHECK",
    "DEFAULT",
    "NULL",
    "GENERATED",
    "ALWAYS",
    "BY",
    "IDENTITY",
    "STORED",
    "VIRTUAL",
    "PARTITION",
    "RANGE",
    "LIST",
    "HASH",
    "VALUES",
    "FROM",
    "TO",
    "IN",
    "WITH",
    "INCLUDE",
    "USING",
    "WHERE",
    "COMMENT",
    "IS",
    "GRANT",
    "REVOKE",
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "CASCADE",
    "RESTRICT",
    "NO",
    "ACTION",
    "BEGIN",
    "END",
    "RETURNS",
    "RETURN",
    "LANGUAGE",
    "DELIMITER",
    "AUTO_INCREMENT",
    "AUTOINCREMENT",
    "STRICT",
    "WITHOUT",
    "ROWID",
    "ENGINE",
    "CHARSET",
    "COLLATE",
    "INHERITS",
    "OWNED",
    "ENABLE",
    "FORCE",
    "LEVEL",
    "SECURITY",
    "EXCLUDE",
    "GIST",
    "GIN",
    "FULLTEXT",
    "SPATIAL",
    "KEY",
    "CURRENT_TIMESTAMP",
    "DEFERRABLE",
    "INITIALLY",
    "DEFERRED",
    "MATCH",
    "FULL",
    "int",
    "integer",
    "bigint",
    "smallint",
    "text",
    "varchar(255)",
    "numeric(10,2)",
    "serial",
    "jsonb",
    "json",
    "boolean",
    "timestamptz",
    "uuid",
    "text[]",
    "BLOB",
    "REAL",
    "DATETIME",
    "TINYINT(1)",
    "UNSIGNED",
    "users",
    "id",
    "\"Quoted\"",
    "`back`",
    "public.t",
    "app.\"x\"",
    "t",
    "x",
    "0",
    "1",
    "-1",
    "3.14",
    "'str'",
    "'it''s'",
    "E'\\n'",
    "$$",
    "$tag$",
    "--",
    "-- flash:renamed-from old",
    "/*",
    "*/",
    "(",
    ")",
    "((",
    "))",
    ",",
    ";",
    ";;",
    ".",
    "::",
    "=",
    "<>",
    "*",
    "\\restrict key",
    "\\",
    "@",
    "?",
    "$1",
    "/*!50003",
    "DEFINER=`root`@`%`",
    "\n",
];

fn token_soup(rng: &mut fastrand::Rng) -> String {
    let n = rng.usize(0..60);
    let mut out = String::new();
    for _ in 0..n {
        if let Some(tok) = KEYWORDS.get(rng.usize(..KEYWORDS.len())) {
            out.push_str(tok);
        }
        out.push(if rng.u8(..10) == 0 { '\n' } else { ' ' });
    }
    out
}

/// Statement-shaped soup: starts like a real statement, so parsers get past their first token.
fn statement_soup(rng: &mut fastrand::Rng) -> String {
    const STARTS: &[&str] = &[
        "CREATE TABLE t (",
        "CREATE TABLE a.b (id int PRIMARY KEY, ",
        "ALTER TABLE t ",
        "CREATE INDEX i ON t (",
        "CREATE VIEW v AS SELECT ",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$",
        "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW ",
        "CREATE TYPE e AS ENUM (",
        "COMMENT ON COLUMN t.c IS ",
        "GRANT SELECT ON t TO ",
        "CREATE POLICY p ON t ",
        "DELIMITER //\nCREATE PROCEDURE p() BEGIN ",
    ];
    let start = STARTS.get(rng.usize(..STARTS.len())).copied().unwrap_or("");
    format!("CREATE TABLE t (id int);\n{start}{}", token_soup(rng))
}

/// Every `.sql` file below `dir`, in path order.
fn sql_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            sql_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "sql") {
            out.push(path);
        }
    }
}

/// The fixture and dump files of every dialect, plus a small generated schema: any parser must survive any of them.
fn corpus() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut paths = Vec::new();
    sql_files(&root.join("fixtures"), &mut paths);
    sql_files(&root.join("dumps"), &mut paths);
    let mut corpus: Vec<(String, String)> = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read(p).ok()?;
            let name = p.strip_prefix(&root).unwrap_or(p).display().to_string();
            Some((name, String::from_utf8_lossy(&text).into_owned()))
        })
        .collect();
    for dialect in Dialect::ALL {
        corpus.push((
            format!("schema_gen/{dialect}"),
            flash_test::schema_gen::tables(dialect, 4),
        ));
    }
    assert!(
        corpus.len() > 3,
        "no fixture or dump files found under {}",
        root.display()
    );
    corpus
}

/// One random edit of `text`, done on bytes so that it may also split a multi-byte character.
fn mutate(rng: &mut fastrand::Rng, text: &[u8]) -> Vec<u8> {
    let mut bytes = text.to_vec();
    let len = bytes.len();
    let span = |rng: &mut fastrand::Rng| {
        let a = rng.usize(..=len);
        let b = (a + rng.usize(..=64.min(len - a))).min(len);
        (a, b)
    };
    match rng.u8(..6) {
        0 => {
            let (a, b) = span(rng);
            bytes.drain(a..b);
        }
        1 => {
            let (a, b) = span(rng);
            let piece: Vec<u8> = bytes.get(a..b).map(<[u8]>::to_vec).unwrap_or_default();
            let at = rng.usize(..=len);
            bytes.splice(at..at, piece);
        }
        2 => {
            let (a, b) = span(rng);
            let (c, d) = span(rng);
            let (first, second) = if a <= c {
                ((a, b), (c, d))
            } else {
                ((c, d), (a, b))
            };
            if first.1 <= second.0 {
                let x = bytes
                    .get(first.0..first.1)
                    .map(<[u8]>::to_vec)
                    .unwrap_or_default();
                let y = bytes
                    .get(second.0..second.1)
                    .map(<[u8]>::to_vec)
                    .unwrap_or_default();
                bytes.splice(second.0..second.1, x);
                bytes.splice(first.0..first.1, y);
            }
        }
        3 => bytes.truncate(rng.usize(..=len)),
        4 => {
            let at = rng.usize(..=len);
            let junk = random_bytes(rng);
            let junk = junk
                .as_bytes()
                .get(..junk.len().min(16))
                .unwrap_or_default()
                .to_vec();
            bytes.splice(at..at, junk);
        }
        _ => {
            let at = rng.usize(..=len);
            let token = KEYWORDS
                .get(rng.usize(..KEYWORDS.len()))
                .copied()
                .unwrap_or("");
            bytes.splice(at..at, format!(" {token} ").into_bytes());
        }
    }
    bytes
}

// ---------------------------------------------------------------------------------------------------------------
// Tests: one per input kind and dialect, so they run in parallel.

fn random_inputs(dialect: Dialect) {
    run("random_bytes", dialect, iterations(), |rng, _| {
        ("random bytes".to_string(), random_bytes(rng))
    });
}

fn soup_inputs(dialect: Dialect) {
    run("token_soup", dialect, iterations() * 2, |rng, case| {
        if case % 2 == 0 {
            ("token soup".to_string(), token_soup(rng))
        } else {
            ("statement soup".to_string(), statement_soup(rng))
        }
    });
}

fn mutated_inputs(dialect: Dialect) {
    let corpus = corpus();
    let per_file = (iterations() / 25).max(1);
    // Every file once unchanged (a fixture of one dialect is random input to another), then its mutants.
    run(
        "mutations",
        dialect,
        corpus.len() * (per_file + 1),
        |rng, case| {
            let (name, text) = corpus.get(case % corpus.len()).cloned().unwrap_or_default();
            if case < corpus.len() {
                return (name, text);
            }
            let mut bytes = text.into_bytes();
            for _ in 0..rng.usize(1..=3) {
                bytes = mutate(rng, &bytes);
            }
            (
                format!("mutant of {name}"),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        },
    );
}

#[test]
fn postgres_random_bytes() {
    random_inputs(Dialect::Postgres);
}

#[test]
fn mysql_random_bytes() {
    random_inputs(Dialect::Mysql);
}

#[test]
fn sqlite_random_bytes() {
    random_inputs(Dialect::Sqlite);
}

#[test]
fn postgres_token_soup() {
    soup_inputs(Dialect::Postgres);
}

#[test]
fn mysql_token_soup() {
    soup_inputs(Dialect::Mysql);
}

#[test]
fn sqlite_token_soup() {
    soup_inputs(Dialect::Sqlite);
}

#[test]
fn postgres_mutations() {
    mutated_inputs(Dialect::Postgres);
}

#[test]
fn mysql_mutations() {
    mutated_inputs(Dialect::Mysql);
}

#[test]
fn sqlite_mutations() {
    mutated_inputs(Dialect::Sqlite);
}

#[test]
fn mutations_stay_in_bounds() {
    let mut rng = fastrand::Rng::with_seed(7);
    for text in ["", "a", "é", "CREATE TABLE t (id int);"] {
        for _ in 0..500 {
            let _ = mutate(&mut rng, text.as_bytes());
        }
    }
}

#[test]
fn panic_messages_are_read_from_the_payload() {
    let payload = catch_unwind(|| panic!("boom {}", 1)).expect_err("the closure panics");
    assert_eq!(panic_message(&*payload), "boom 1");
}
