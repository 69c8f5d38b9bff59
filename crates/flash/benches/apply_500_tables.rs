//! `flash apply` of the generated 500-table migration beside the database's own client running the same SQL:
//! `psql -1 -f` (one transaction, as apply does), `mariadb < file`, `sqlite3` with the file in one transaction.
//!
//! The migration is written by `flash migrate` from `flash_test::schema_gen` (not timed); each run applies it to a
//! fresh database (created and dropped outside the timing). Flash is timed as a process, start-up, lock, checks,
//! parsing the file and the tracking row included; the client is timed as a process too. Prints min and median per
//! side and the ratios of the medians and of the minimums (the minimum is the steadier on a busy machine). `FLASH_BENCH_RUNS` (default 5), `FLASH_BENCH_TABLES` (default 500),
//! `FLASH_BENCH_DIALECTS` (default `postgresql,mysql,sqlite`).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flash_core::Dialect;
use flash_test::bench::{env_usize, min_median, ms};
use flash_test::{schema_gen, TestDatabase};

fn main() {
    let runs = env_usize("FLASH_BENCH_RUNS", 5);
    let tables = env_usize("FLASH_BENCH_TABLES", 500);
    let dialects =
        std::env::var("FLASH_BENCH_DIALECTS").unwrap_or_else(|_| "postgresql,mysql,sqlite".into());
    for name in dialects.split(',') {
        let dialect: Dialect = name.trim().parse().expect("a dialect name");
        bench(dialect, tables, runs);
    }
}

fn bench(dialect: Dialect, tables: usize, runs: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path();
    let provider = match dialect {
        Dialect::Postgres => "postgresql",
        Dialect::Mysql => "mysql",
        Dialect::Sqlite => "sqlite",
    };
    std::fs::create_dir_all(project.join("db/schema")).expect("mkdir");
    std::fs::write(
        project.join("flash.toml"),
        format!("[database]\nprovider = \"{provider}\"\n"),
    )
    .expect("write flash.toml");
    std::fs::write(
        project.join("db/schema/schema.sql"),
        schema_gen::tables(dialect, tables),
    )
    .expect("write schema");
    run_ok(flash(project).arg("migrate").arg("generated"));
    let file = std::fs::read_dir(project.join("db/migrations"))
        .expect("migrations")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "sql"))
        .expect("a migration file");
    let text = std::fs::read_to_string(&file).expect("read migration");
    let up = text
        .split("-- +migrate Down")
        .next()
        .and_then(|s| s.split("-- +migrate Up").nth(1))
        .expect("an Up section")
        .to_string();
    let up_path = project.join("up.sql");
    std::fs::write(&up_path, &up).expect("write up.sql");

    let (mut flash_times, mut client_times) = (Vec::new(), Vec::new());
    for i in 0..runs {
        // Alternate which side goes first, so neither always meets a warmer server.
        for side in [i % 2, 1 - i % 2] {
            let target = Target::new(dialect, project, &format!("{side}_{i}"));
            let took = if side == 0 {
                timed(flash(project).arg("apply").env("DATABASE_URL", &target.url))
            } else {
                timed(&mut target.client(&up_path))
            };
            if side == 0 {
                flash_times.push(took);
            } else {
                client_times.push(took);
            }
        }
    }
    let (fmin, fmed) = min_median(flash_times);
    let (cmin, cmed) = min_median(client_times);
    let client = match dialect {
        Dialect::Postgres => "psql -1 -f",
        Dialect::Mysql => "mariadb < file",
        Dialect::Sqlite => "sqlite3 (BEGIN/COMMIT around the file)",
    };
    println!(
        "apply_500_tables/{provider}: {tables} tables, {} bytes of SQL, {runs} runs\n  flash apply   min {} median {}\n  {client:<13} min {} median {}\n  ratio flash / client: median {:.3}, min {:.3}",
        up.len(),
        ms(fmin),
        ms(fmed),
        ms(cmin),
        ms(cmed),
        fmed.as_secs_f64() / cmed.as_secs_f64(),
        fmin.as_secs_f64() / cmin.as_secs_f64()
    );
}

/// A fresh database for one run.
struct Target {
    url: String,
    dialect: Dialect,
    _server: Option<TestDatabase>,
}

impl Target {
    fn new(dialect: Dialect, project: &Path, tag: &str) -> Target {
        match dialect {
            Dialect::Postgres => {
                let db = TestDatabase::postgres("bench_apply");
                Target {
                    url: db.url.clone(),
                    dialect,
                    _server: Some(db),
                }
            }
            Dialect::Mysql => {
                let db = TestDatabase::mysql("bench_apply");
                Target {
                    url: db.url.clone(),
                    dialect,
                    _server: Some(db),
                }
            }
            Dialect::Sqlite => {
                let path = project.join(format!("bench_{tag}.db"));
                Target {
                    url: format!("sqlite://{}", path.display()),
                    dialect,
                    _server: None,
                }
            }
        }
    }

    fn client(&self, up: &Path) -> Command {
        match self.dialect {
            Dialect::Postgres => {
                let mut c = Command::new("psql");
                c.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f"])
                    .arg(up)
                    .arg(&self.url);
                c
            }
            Dialect::Mysql => {
                let u = flash_test::DbUrl::parse(&self.url).expect("a MySQL URL");
                let mut c = Command::new("mariadb");
                c.arg("--protocol=TCP").arg(format!("--host={}", u.host));
                if let Some(port) = u.port {
                    c.arg(format!("--port={port}"));
                }
                if let Some(user) = &u.user {
                    c.arg(format!("--user={user}"));
                }
                if let Some(password) = &u.password {
                    c.env("MYSQL_PWD", password);
                }
                c.arg(format!(
                    "--database={}",
                    u.database.as_deref().unwrap_or_default()
                ));
                c.stdin(Stdio::from(std::fs::File::open(up).expect("open up.sql")));
                c
            }
            Dialect::Sqlite => {
                let path = self.url.trim_start_matches("sqlite://");
                let wrapped = up.with_extension("tx.sql");
                let text = std::fs::read_to_string(up).expect("read up.sql");
                std::fs::write(&wrapped, format!("BEGIN;\n{text}\nCOMMIT;\n")).expect("write");
                let mut c = Command::new("sqlite3");
                c.args(["-bail", path])
                    .stdin(Stdio::from(std::fs::File::open(&wrapped).expect("open")));
                c
            }
        }
    }
}

fn flash(project: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_flash"));
    c.current_dir(project)
        .env("FLASH_NO_CACHE", "1")
        .env_remove("DATABASE_URL");
    c
}

fn timed(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    run_ok(cmd);
    start.elapsed()
}

fn run_ok(cmd: &mut Command) {
    let out = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
