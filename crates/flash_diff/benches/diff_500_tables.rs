//! `flash diff` on the generated 500-table schema (10 columns, 1 index and 1 foreign key per table), per dialect, in
//! two cases: an empty directory to the full schema, and the full schema to the same with one column's type changed
//! in 50 tables. Three figures per case:
//!
//! - **process, cold**: `flash diff --from DIR --to DIR --dialect D` run as a whole process with `FLASH_NO_CACHE=1`
//!   (process start, parse of both directories, plan, script), beside the target of issue 3: 50 ms;
//! - **in-process**: the same work as library calls in this process (`flash_parse::parse_many`, `flash_diff::plan`,
//!   `Plan::script`), warm;
//! - **plan + script alone**: the planner's share.
//!
//! It prints the figures; it asserts nothing about them. The binary timed is `FLASH_BIN`, else `target/release/flash`
//! (`scripts/bench` builds it first); without one the process figures are left out, and it says so.
//!
//! `cargo bench -p flash_diff --bench diff_500_tables` (or `scripts/bench`). `FLASH_BENCH_RUNS` sets the timed runs
//! per case (default 20), `FLASH_BENCH_TABLES` the table count (default 500), `FLASH_BENCH_DIALECTS` a comma list
//! to run only some dialects, and `FLASH_BENCH_KEEP=DIR` writes the schema directories under `DIR/<dialect>/`
//! instead of a temporary directory and prints one `result` line per case, which `scripts/bench-migra` reads.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flash_core::Dialect;
use flash_test::bench::{env_usize, min_median, ms};
use flash_test::schema_gen;

/// Tables whose `quantity` column changes type in the second case.
const CHANGED_TABLES: usize = 50;

/// Issue 3's bound for one cold `flash diff` process on this schema.
const TARGET: Duration = Duration::from_millis(50);

/// The generated schema with the `quantity` column of every tenth table (up to `CHANGED_TABLES` of them) widened
/// to a bigger integer type: a type change per table, the commonest ALTER a migration carries.
fn with_changed_columns(dialect: Dialect, sql: &str, tables: usize) -> (String, usize) {
    let (from, to) = match dialect {
        Dialect::Postgres => ("    quantity integer ", "    quantity bigint "),
        Dialect::Mysql => ("    quantity INT ", "    quantity BIGINT "),
        Dialect::Sqlite => ("    quantity INTEGER ", "    quantity BIGINT "),
    };
    let step = (tables / CHANGED_TABLES).max(1);
    let mut changed = 0;
    let blocks: Vec<String> = sql
        .split_inclusive("\n\n")
        .enumerate()
        .map(|(i, block)| {
            if i % step == 0 && changed < CHANGED_TABLES && block.contains(from) {
                changed += 1;
                block.replacen(from, to, 1)
            } else {
                block.to_string()
            }
        })
        .collect();
    (blocks.concat(), changed)
}

struct Case {
    name: &'static str,
    from: PathBuf,
    to: PathBuf,
}

/// One `flash diff --from DIR --to DIR`: what the command does before printing.
fn diff_dirs(dialect: Dialect, from: &Path, to: &Path) -> Result<(usize, usize), String> {
    let read = |dir: &Path| flash_parse::read_sources(dir).map_err(|e| e.to_string());
    let mut parsed = flash_parse::parse_many(dialect, vec![read(from)?, read(to)?]).into_iter();
    let mut next = || match parsed.next() {
        Some(schema) => schema.map_err(|e| e.to_string()),
        None => Err("a schema went missing".to_string()),
    };
    let (from, to) = (next()?, next()?);
    let plan = flash_diff::plan(&from, &to).map_err(|e| e.to_string())?;
    let script = plan.script();
    Ok((plan.steps.len(), script.len()))
}

/// The `flash` executable whose whole-process time is measured.
fn flash_binary() -> Option<PathBuf> {
    if let Some(bin) = std::env::var_os("FLASH_BIN") {
        return Some(PathBuf::from(bin));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let bin = target.join("release").join("flash");
    bin.is_file().then_some(bin)
}

/// `runs` cold `flash diff` processes for the case (after one untimed run that loads the binary into the page
/// cache); min and median.
fn process_times(
    bin: &Path,
    dialect: Dialect,
    case: &Case,
    runs: usize,
) -> Result<(Duration, Duration), String> {
    let run = || -> Result<Duration, String> {
        let start = Instant::now();
        let status = Command::new(bin)
            .args(["diff", "--dialect", &dialect.to_string(), "--from"])
            .arg(&case.from)
            .arg("--to")
            .arg(&case.to)
            .env("FLASH_NO_CACHE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        let elapsed = start.elapsed();
        if !status.success() {
            return Err(format!("{} diff failed ({status})", bin.display()));
        }
        Ok(elapsed)
    };
    run()?;
    let times = (0..runs).map(|_| run()).collect::<Result<Vec<_>, _>>()?;
    Ok(min_median(times))
}

/// The same case with both schemas parsed once beforehand: how much of the whole is the planner's.
fn plan_alone(dialect: Dialect, case: &Case, runs: usize) -> Option<(Duration, Duration)> {
    let from = flash_parse::parse_path(dialect, &case.from).ok()?;
    let to = flash_parse::parse_path(dialect, &case.to).ok()?;
    let times = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let script = flash_diff::plan(&from, &to).map(|p| p.script());
            let elapsed = start.elapsed();
            std::hint::black_box(script.is_ok());
            elapsed
        })
        .collect();
    Some(min_median(times))
}

fn write_schema(dir: &Path, sql: Option<&str>) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    if let Some(sql) = sql {
        std::fs::write(dir.join("schema.sql"), sql)?;
    }
    Ok(dir.to_path_buf())
}

fn main() {
    let runs = env_usize("FLASH_BENCH_RUNS", 20).max(1);
    let tables = env_usize("FLASH_BENCH_TABLES", 500);
    let only: Option<Vec<Dialect>> = std::env::var("FLASH_BENCH_DIALECTS")
        .ok()
        .map(|v| v.split(',').filter_map(|d| d.parse().ok()).collect());
    let keep = std::env::var_os("FLASH_BENCH_KEEP").map(PathBuf::from);
    let temp = match tempfile::tempdir() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("diff_500_tables: cannot make a temporary directory: {e}");
            std::process::exit(1);
        }
    };
    let root = keep.clone().unwrap_or_else(|| temp.path().to_path_buf());
    let mut failed = false;
    let binary = flash_binary();
    println!(
        "diff_500_tables: parse both directories + plan + script; {tables} tables x 10 columns, 1 index + 1 FK each; \
         {runs} timed runs per case"
    );
    match &binary {
        Some(bin) => println!("process figures: {} (FLASH_NO_CACHE=1)", bin.display()),
        None => println!(
            "process figures left out: no target/release/flash (run `cargo build --release` or set FLASH_BIN)"
        ),
    }
    for dialect in Dialect::ALL {
        if only.as_ref().is_some_and(|o| !o.contains(&dialect)) {
            continue;
        }
        let name = dialect.to_string();
        let full = schema_gen::tables(dialect, tables);
        let (changed, n_changed) = with_changed_columns(dialect, &full, tables);
        let dir = root.join(&name);
        let dirs = (|| -> std::io::Result<_> {
            Ok((
                write_schema(&dir.join("empty"), None)?,
                write_schema(&dir.join("full"), Some(&full))?,
                write_schema(&dir.join("changed"), Some(&changed))?,
            ))
        })();
        let (empty, full, changed) = match dirs {
            Ok(d) => d,
            Err(e) => {
                println!(
                    "  {name:<10} cannot write the schema directories under {}: {e}",
                    dir.display()
                );
                failed = true;
                continue;
            }
        };
        let cases = [
            Case {
                name: "empty -> full",
                from: empty,
                to: full.clone(),
            },
            Case {
                name: "full -> changed",
                from: full,
                to: changed,
            },
        ];
        for case in &cases {
            // One untimed run: warms caches and says whether this dialect's renderer handles the case at all.
            let (steps, bytes) = match diff_dirs(dialect, &case.from, &case.to) {
                Ok(r) => r,
                Err(e) => {
                    println!("  {name:<10} {:<16} renderer not available: {e}", case.name);
                    continue;
                }
            };
            let times: Vec<Duration> = (0..runs)
                .map(|_| {
                    let start = Instant::now();
                    let r = diff_dirs(dialect, &case.from, &case.to);
                    let elapsed = start.elapsed();
                    std::hint::black_box(r.is_ok());
                    elapsed
                })
                .collect();
            let (min, median) = min_median(times);
            let planning = plan_alone(dialect, case, runs);
            let note = if case.name.starts_with("full") {
                format!(", {n_changed} columns changed")
            } else {
                String::new()
            };
            let process = binary
                .as_deref()
                .map(|bin| process_times(bin, dialect, case, runs));
            match &process {
                Some(Ok((pmin, pmedian))) => println!(
                    "  {name:<10} {:<16} process, cold: min {:>10}  median {:>10}  target {}: {}",
                    case.name,
                    ms(*pmin),
                    ms(*pmedian),
                    ms(TARGET),
                    if *pmedian <= TARGET { "met" } else { "NOT MET" },
                ),
                Some(Err(e)) => {
                    println!("  {name:<10} {:<16} process: {e}", case.name);
                    failed = true;
                }
                None => {}
            }
            println!(
                "  {:<10} {:<16} in-process:    min {:>10}  median {:>10}  ({steps} statements, {bytes} bytes of script{note})",
                "",
                "",
                ms(min),
                ms(median),
            );
            if let Some((pmin, pmedian)) = planning {
                println!(
                    "  {:<10} {:<16} plan + script: min {:>10}  median {:>10}",
                    "",
                    "",
                    ms(pmin),
                    ms(pmedian)
                );
            }
            if keep.is_some() {
                // The cold process figures when there are some, else the in-process ones.
                let (rmin, rmedian) = match process {
                    Some(Ok(times)) => times,
                    _ => (min, median),
                };
                println!(
                    "result {name} {} {:.3} {:.3}",
                    case.name.replace(" -> ", "->"),
                    rmin.as_secs_f64() * 1000.0,
                    rmedian.as_secs_f64() * 1000.0
                );
            }
        }
        if n_changed != CHANGED_TABLES.min(tables) {
            println!("  {name:<10} changed {n_changed} columns instead of {CHANGED_TABLES}: the generator's column spelling moved");
            failed = true;
        }
    }
    if failed {
        std::process::exit(1);
    }
}
