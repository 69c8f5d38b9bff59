//! Parse speed on the generated 500-table schema (10 columns, 1 index and 1 foreign key per table), per dialect.
//! Issue 2 asks for at most 100 ms; this prints the figure, it does not assert it.
//!
//! `cargo bench -p flash_parse --bench parse_500_tables` (or `scripts/bench`). `FLASH_BENCH_RUNS` sets the number of
//! timed parses per dialect (default 30), `FLASH_BENCH_TABLES` the table count (default 500).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flash_core::Dialect;
use flash_test::bench::{env_usize, min_median, ms};
use flash_test::schema_gen;

const TARGET: Duration = Duration::from_millis(100);

/// How long the `sqlite3` shell takes to execute the same SQLite schema into an in-memory database, process start
/// included: a yardstick for what "fast" means for this input, not a competitor.
fn sqlite3_reference(sql: &str) -> Option<Duration> {
    let start = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(":memory:")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .ok()?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take()?;
        stdin.write_all(sql.as_bytes()).ok()?;
    }
    let status = child.wait().ok()?;
    status.success().then(|| start.elapsed())
}

fn main() {
    let runs = env_usize("FLASH_BENCH_RUNS", 30).max(1);
    let tables = env_usize("FLASH_BENCH_TABLES", 500);
    let mut failed = false;
    println!("parse_500_tables: {tables} tables x 10 columns, 1 index + 1 FK each; {runs} timed runs per dialect");
    for dialect in Dialect::ALL {
        let name = dialect.to_string();
        let sql = schema_gen::tables(dialect, tables);
        let statements = sql.lines().filter(|l| l.starts_with("CREATE ")).count();
        // One untimed parse: warms caches and checks that the parser takes the whole schema.
        let complete = match flash_parse::parse_str(dialect, "generated.sql", &sql) {
            Ok(schema) if schema.tables.len() == tables => true,
            Ok(schema) => {
                println!(
                    "  {name:<10} parsed, but the model has {} tables instead of {tables}",
                    schema.tables.len()
                );
                failed = true;
                false
            }
            Err(e) => {
                println!("  {name:<10} does not parse the generated schema:\n{e}");
                failed = true;
                continue;
            }
        };
        let times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let parsed = flash_parse::parse_str(dialect, "generated.sql", &sql);
                let elapsed = start.elapsed();
                std::hint::black_box(parsed.is_ok());
                elapsed
            })
            .collect();
        let (min, median) = min_median(times);
        let verdict = match (complete, median <= TARGET) {
            (false, _) => "no verdict: the model is incomplete".to_string(),
            (true, true) => format!("within the {} target", ms(TARGET)),
            (true, false) => format!("OVER the {} target", ms(TARGET)),
        };
        println!(
            "  {name:<10} min {:>10}  median {:>10}  ({} bytes, {statements} statements, {:.1} MB/s)  {verdict}",
            ms(min),
            ms(median),
            sql.len(),
            sql.len() as f64 / median.as_secs_f64().max(1e-9) / 1e6,
        );
        if dialect == Dialect::Sqlite {
            if let Some(reference) = sqlite3_reference(&sql) {
                println!(
                    "  {:<10} reference: the sqlite3 shell executes the same schema in {}",
                    "",
                    ms(reference)
                );
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}
