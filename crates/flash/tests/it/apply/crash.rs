//! Point 5: `flash apply` killed with SIGKILL at random moments of a multi-migration apply, many times per dialect.
//! After each kill the catalog must be exactly what the tracking table says was done — whole migrations, or the
//! steps an unfinished one recorded — and the next `flash apply` must finish the job.
//!
//! Every statement of the migrations creates one table (filled with a few thousand rows, so statements take a
//! moment), so "what was done" is a set of table names to compare with the catalog. The kill moment is drawn from
//! zero to a little past how long the whole apply takes when left alone. `FLASH_CRASH_RUNS` sets the number of kills
//! per dialect (default 50), `FLASH_CRASH_SEED` the random seed (printed on failure).

use std::process::Stdio;
use std::time::{Duration, Instant};

use super::{migration, project, Db, PROVIDERS};

/// One migration: its id and its statements, each `(table it creates, marked no-transaction)`.
type Spec = (&'static str, Vec<(&'static str, bool)>);

fn specs() -> Vec<Spec> {
    vec![
        (
            "20260101000001_a",
            vec![("a1", false), ("a2", false), ("a3", false)],
        ),
        (
            "20260101000002_b",
            vec![("b1", false), ("b2", true), ("b3", false), ("b4", false)],
        ),
        ("20260101000003_c", vec![("c1", true), ("c2", false)]),
        (
            "20260101000004_d",
            vec![("d1", false), ("d2", false), ("d3", true)],
        ),
    ]
}

fn filled_table(provider: &str, name: &str) -> String {
    match provider {
        "postgresql" => format!("CREATE TABLE {name} AS SELECT g AS id FROM generate_series(1, 5000) g"),
        "mysql" => format!("CREATE TABLE {name} AS SELECT seq AS id FROM seq_1_to_5000"),
        _ => format!(
            "CREATE TABLE {name} AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000) SELECT x AS id FROM c"
        ),
    }
}

/// The engine's step grouping, restated: runs of unmarked statements are one step, except on MySQL where every
/// statement is one.
fn steps(provider: &str, statements: &[(&'static str, bool)]) -> Vec<Vec<&'static str>> {
    let mut out: Vec<(bool, Vec<&'static str>)> = Vec::new();
    for &(table, no_tx) in statements {
        let transactional = provider != "mysql" && !no_tx;
        match out.last_mut() {
            Some((true, tables)) if transactional => tables.push(table),
            _ => out.push((transactional, vec![table])),
        }
    }
    out.into_iter().map(|(_, t)| t).collect()
}

/// The tables the tracking rows say exist, sorted, with the tracking table.
fn expected_tables(provider: &str, db: &Db) -> String {
    let has_table = db.tables().split(',').any(|t| t == "_flash_migrations");
    let mut tables = Vec::new();
    if has_table {
        tables.push("_flash_migrations".to_string());
        let rows = db.rows();
        for (id, statements) in specs() {
            let Some(row) = rows.split(' ').find(|r| r.starts_with(id)) else {
                continue;
            };
            let mut parts = row.rsplit(':');
            let finished = parts.next() == Some("yes");
            let done: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let all = steps(provider, &statements);
            let done = if finished { all.len() } else { done };
            for step in all.iter().take(done) {
                tables.extend(step.iter().map(|t| t.to_string()));
            }
        }
    }
    tables.sort();
    tables.join(",")
}

/// Until no other session is connected to the database: a killed client's statement may still be running.
fn wait_for_other_sessions(provider: &str, db: &Db) {
    let q = match provider {
        "postgresql" => "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
        "mysql" => "SELECT count(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()",
        _ => return,
    };
    for _ in 0..200 {
        if db.sql(q) == "0" {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("{provider}: the killed apply's session did not end");
}

fn reset(provider: &str, db: &Db) {
    match provider {
        "postgresql" => drop(db.sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")),
        "mysql" => drop(
            db.sql(
                "DROP DATABASE IF EXISTS `{0}`; CREATE DATABASE `{0}`;"
                    .replace("{0}", db.name())
                    .as_str(),
            ),
        ),
        _ => {
            let path = db.url.trim_start_matches("sqlite://");
            let _ = std::fs::remove_file(path);
        }
    }
}

#[test]
fn killed_applies_stop_at_recorded_boundaries_and_finish_next_time() {
    let runs: usize = std::env::var("FLASH_CRASH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let seed: u64 = std::env::var("FLASH_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20260101);
    std::thread::scope(|scope| {
        for provider in PROVIDERS {
            scope.spawn(move || crash_dialect(provider, runs, seed));
        }
    });
}

fn crash_dialect(provider: &'static str, runs: usize, seed: u64) {
    let sb = project(provider);
    let db = Db::new(provider, &sb, "crash");
    for (id, statements) in specs() {
        let up: Vec<String> = statements
            .iter()
            .map(|(t, no_tx)| {
                let mark = if *no_tx {
                    "-- flash:no-transaction\n"
                } else {
                    ""
                };
                format!("{mark}{};", filled_table(provider, t))
            })
            .collect();
        migration(&sb, id, &up.join("\n"), "");
    }
    let env = [("DATABASE_URL", db.url.as_str())];
    let all = "_flash_migrations,a1,a2,a3,b1,b2,b3,b4,c1,c2,d1,d2,d3";

    // How long the whole apply takes when left alone.
    let start = Instant::now();
    let out = sb.flash_with_env(&["apply"], &env);
    let mut full = start.elapsed();
    assert_eq!(out.code, Some(0), "{provider}: {out}");
    assert_eq!(db.tables(), all);

    let mut rng = fastrand::Rng::with_seed(seed);
    let (mut interrupted, mut mid_run) = (0, 0);
    for run in 0..runs {
        reset(provider, &db);
        let delay = Duration::from_micros(rng.u64(0..=(full.as_micros() as u64 * 6 / 5)));
        let mut child = sb
            .command(&["apply"], &env)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("flash starts");
        // Wait for the moment, noting when an apply ends before it: a faster run than the first one makes the
        // window of later kills shorter, so they keep landing inside the apply on a machine whose load changes.
        let launched = Instant::now();
        let mut killed = true;
        while launched.elapsed() < delay {
            if child.try_wait().expect("wait").is_some() {
                full = full.min(launched.elapsed());
                killed = false;
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = child.kill();
        let _ = child.wait();
        wait_for_other_sessions(provider, &db);
        let expected = expected_tables(provider, &db);
        let context = format!("{provider}: run {run} (seed {seed}), killed after {delay:?}");
        assert_eq!(
            db.tables(),
            expected,
            "{context}: the catalog is what _flash_migrations says"
        );
        mid_run += usize::from(killed);
        if killed && expected != all {
            interrupted += 1;
        }
        let out = sb.flash_with_env(&["apply"], &env);
        assert_eq!(
            out.code,
            Some(0),
            "{context}: the next apply finishes: {out}"
        );
        assert_eq!(db.tables(), all, "{context}");
        let finished: Vec<String> = specs()
            .iter()
            .map(|(id, statements)| format!("{id}:{}:yes", steps(provider, statements).len()))
            .collect();
        assert_eq!(db.rows(), finished.join(" "), "{context}");
    }
    eprintln!(
        "{provider}: {mid_run} of {runs} kills landed while flash apply ran, {interrupted} left it unfinished; each resumed cleanly"
    );
    // The kills must really land inside the apply, not all before or after it.
    assert!(
        mid_run * 2 >= runs,
        "{provider}: only {mid_run} of {runs} kills landed while flash apply ran"
    );
}
