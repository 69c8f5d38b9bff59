//! The generated code, proven by the real tools: each fixture project in `tests/proof/<dialect>` is generated for a
//! language and driver, compiled or type-checked (`mypy --strict`, `go vet`/`go build`, `tsc --strict --noEmit`),
//! and a program in that language calls every generated function against a fresh database and checks the results.
//!
//! The tools come from `.ci/run`: Python's in `target/codegen-venv` (FLASH_CODEGEN_VENV overrides it). A missing
//! tool fails the test with the command that installs it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flash_codegen::{Language, Target};
use flash_core::Dialect;

fn proof_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/proof")
}

fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(dialect: Dialect) -> PathBuf {
    proof_dir().join(dialect.provider_name())
}

/// Generates the fixture of `dialect` for one target into `out`, as `flash gen` would.
fn generate(dialect: Dialect, language: Language, driver: &str, is_async: bool, out: &Path) {
    let root = fixture(dialect);
    let schema = flash_parse::parse_path(dialect, &root.join("db/schema"))
        .expect("the fixture schema parses");
    let files = flash_codegen::read_query_files(&root.join("db/queries"))
        .expect("the fixture queries read");
    let set = match flash_codegen::analyze_files(&schema, &files) {
        Ok(set) => set,
        Err(d) => panic!("the fixture queries analyze:\n{d}"),
    };
    assert!(
        set.queries.len() >= 30,
        "the {dialect:?} fixture has {} queries",
        set.queries.len()
    );
    let target = Target {
        language,
        driver: driver.to_string(),
        is_async,
        out: out.to_path_buf(),
    };
    let rendered = flash_codegen::lang::render(&set, &target).expect("the driver fits the dialect");
    let plan = flash_codegen::incremental::plan(out, &rendered, &[]).expect("plan");
    flash_codegen::incremental::apply(&plan).expect("write the generated files");
}

/// How long one tool or proof program may take before the test kills it and fails.
const TIMEOUT: Duration = Duration::from_secs(300);

/// Runs a command, printing its output, and fails the test unless it succeeds within [`TIMEOUT`].
fn run(what: &str, command: &mut Command) -> String {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{what}: cannot run {command:?}: {e}"));
    // Read both pipes on their own threads so a chatty tool never blocks on a full pipe.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_string(&mut text);
            }
            text
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    println!("{what}:\n{stdout}{stderr}");
    match status {
        None => panic!("{what} did not finish within {TIMEOUT:?}:\n{stdout}{stderr}"),
        Some(status) => assert!(
            status.success(),
            "{what} failed ({status}):\n{stdout}{stderr}"
        ),
    }
    stdout
}

fn venv_python() -> PathBuf {
    let venv = std::env::var_os("FLASH_CODEGEN_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_dir().join("target/codegen-venv"));
    let python = venv.join("bin/python");
    assert!(
        python.exists(),
        "{} is missing: run .ci/run, or `python3 -m venv {} && {}/bin/pip install -r {}`",
        python.display(),
        venv.display(),
        venv.display(),
        proof_dir().join("requirements.txt").display()
    );
    python
}

/// `mypy --strict` over generated packages in `parent`.
fn mypy(parent: &Path, packages: &[&str]) {
    let mut cmd = Command::new(venv_python());
    cmd.current_dir(parent)
        .args(["-m", "mypy", "--strict", "--no-incremental", "--cache-dir"])
        .arg(parent.join(".mypy_cache"));
    for p in packages {
        cmd.args(["-p", p]);
    }
    run("mypy --strict", &mut cmd);
}

fn python_check(program: &str, parent: &Path, package: &str, args: &[&str]) -> String {
    let mut cmd = Command::new(venv_python());
    cmd.arg(proof_dir().join("python").join(program))
        .arg(parent)
        .arg(package)
        .args(args);
    run(&format!("{program} {package}"), &mut cmd)
}

#[test]
fn python_sqlite_drivers() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let drivers = [("sqlite3", false), ("aiosqlite", true)];
    for (driver, is_async) in drivers {
        generate(
            Dialect::Sqlite,
            Language::Python,
            driver,
            is_async,
            &tmp.path().join(format!("gen_{driver}")),
        );
    }
    mypy(tmp.path(), &["gen_sqlite3", "gen_aiosqlite"]);
    let schema = fixture(Dialect::Sqlite).join("db/schema/schema.sql");
    for (driver, _) in drivers {
        let out = python_check(
            "check_sqlite.py",
            tmp.path(),
            &format!("gen_{driver}"),
            &[schema.to_str().expect("utf-8 path"), driver],
        );
        assert!(out.contains(" passed, 0 failed"), "{out}");
    }
}

/// Builds and runs a Go proof program against the package generated for `driver`, in GOPATH mode over Debian's
/// Go libraries (`/usr/share/gocode`), so nothing is downloaded. `go vet` checks the generated package first.
fn go_check(
    dialect: Dialect,
    driver: &str,
    program: &str,
    conn: Option<&str>,
    args: &[&str],
) -> String {
    let tmp = tempfile::tempdir().expect("tempdir");
    let gopath = tmp.path().join("gopath");
    let package = gopath.join("src/flashgen");
    generate(dialect, Language::Go, driver, false, &package);
    let check = gopath.join("src/check");
    std::fs::create_dir_all(&check).expect("mkdir");
    let mut sources = vec![(program, "main.go"), ("checks.go", "checks.go")];
    if let Some(conn) = conn {
        sources.push((conn, "conn.go"));
    }
    for (from, to) in sources {
        std::fs::copy(proof_dir().join("go").join(from), check.join(to))
            .expect("copy the proof program");
    }
    let cache = workspace_dir().join("target/codegen-gocache");
    let go = |args: &[&str]| {
        let mut cmd = Command::new("go");
        cmd.current_dir(&check)
            .env("GO111MODULE", "off")
            .env("GOPATH", format!("{}:/usr/share/gocode", gopath.display()))
            .env("GOCACHE", &cache)
            .env("GOFLAGS", "")
            .args(args);
        cmd
    };
    run(
        &format!("go vet flashgen ({driver})"),
        go(&["vet", "flashgen"]).current_dir(&package),
    );
    let unformatted = run("gofmt -l", Command::new("gofmt").arg("-l").arg(&package));
    assert!(
        unformatted.trim().is_empty(),
        "generated Go is not gofmt-formatted: {unformatted}"
    );
    let binary = tmp.path().join("check");
    run(
        &format!("go build {program}"),
        &mut go(&["build", "-o", binary.to_str().expect("utf-8 path"), "."]),
    );
    run(
        &format!("{program} ({driver})"),
        Command::new(&binary).args(args),
    )
}

#[test]
fn go_sqlite_database_sql() {
    let schema = fixture(Dialect::Sqlite).join("db/schema/schema.sql");
    let out = go_check(
        Dialect::Sqlite,
        "database/sql",
        "check_sqlite.go",
        None,
        &[schema.to_str().expect("utf-8 path")],
    );
    assert!(out.contains(" passed, 0 failed"), "{out}");
}

/// A fresh database on the test server holding the fixture's schema.
fn database_with_schema(dialect: Dialect, hint: &str) -> flash_test::TestDatabase {
    let db = match dialect {
        Dialect::Postgres => flash_test::TestDatabase::postgres(hint),
        _ => flash_test::TestDatabase::mysql(hint),
    };
    let schema = std::fs::read_to_string(fixture(dialect).join("db/schema/schema.sql"))
        .expect("read the schema");
    db.run_sql(&schema);
    db
}

#[test]
fn python_postgres_drivers() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // (driver, async, package, how the program connects)
    let drivers = [
        ("psycopg", false, "gen_psycopg", "psycopg"),
        ("psycopg", true, "gen_psycopg_async", "psycopg-async"),
        ("asyncpg", true, "gen_asyncpg", "asyncpg"),
    ];
    for (driver, is_async, package, _) in drivers {
        generate(
            Dialect::Postgres,
            Language::Python,
            driver,
            is_async,
            &tmp.path().join(package),
        );
    }
    mypy(
        tmp.path(),
        &["gen_psycopg", "gen_psycopg_async", "gen_asyncpg"],
    );
    for (_, _, package, connect) in drivers {
        let db = database_with_schema(Dialect::Postgres, &format!("codegen_{package}"));
        let out = python_check(
            "check_postgres.py",
            tmp.path(),
            package,
            &[&db.url, connect],
        );
        assert!(out.contains(" passed, 0 failed"), "{out}");
    }
}

#[test]
fn go_postgres_drivers() {
    for (driver, conn) in [
        ("database/sql", "conn_postgres_database_sql.go"),
        ("pgx/v4", "conn_postgres_pgx.go"),
    ] {
        let db = database_with_schema(Dialect::Postgres, "codegen_go");
        let out = go_check(
            Dialect::Postgres,
            driver,
            "check_postgres.go",
            Some(conn),
            &[&db.url],
        );
        assert!(out.contains(" passed, 0 failed"), "{out}");
    }
}

#[test]
fn python_mysql_drivers() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let drivers = [("pymysql", false), ("aiomysql", true)];
    for (driver, is_async) in drivers {
        generate(
            Dialect::Mysql,
            Language::Python,
            driver,
            is_async,
            &tmp.path().join(format!("gen_{driver}")),
        );
    }
    mypy(tmp.path(), &["gen_pymysql", "gen_aiomysql"]);
    for (driver, _) in drivers {
        let db = database_with_schema(Dialect::Mysql, &format!("codegen_py_{driver}"));
        let out = python_check(
            "check_mysql.py",
            tmp.path(),
            &format!("gen_{driver}"),
            &[&db.url, driver],
        );
        assert!(out.contains(" passed, 0 failed"), "{out}");
    }
}

#[test]
fn go_mysql_database_sql() {
    let db = database_with_schema(Dialect::Mysql, "codegen_go");
    let out = go_check(
        Dialect::Mysql,
        "database/sql",
        "check_mysql.go",
        None,
        &[&db.url],
    );
    assert!(out.contains(" passed, 0 failed"), "{out}");
}

/// Type-checks the generated package and a proof program with `tsc --strict` (from the committed package.json,
/// installed by .ci/run), then runs the program with node.
fn ts_check(dialect: Dialect, driver: &str, program: &str, args: &[&str]) -> String {
    let modules = proof_dir().join("typescript/node_modules");
    assert!(
        modules.join("typescript").exists(),
        "{} is missing: run .ci/run, or `npm ci` in {}",
        modules.display(),
        proof_dir().join("typescript").display()
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    generate(
        dialect,
        Language::TypeScript,
        driver,
        false,
        &tmp.path().join("gen"),
    );
    std::fs::copy(
        proof_dir().join("typescript").join(program),
        tmp.path().join("check.ts"),
    )
    .expect("copy");
    std::fs::copy(
        proof_dir().join("typescript/checks.ts"),
        tmp.path().join("checks.ts"),
    )
    .expect("copy");
    std::os::unix::fs::symlink(&modules, tmp.path().join("node_modules"))
        .expect("link node_modules");
    std::fs::write(
        tmp.path().join("tsconfig.json"),
        r#"{"compilerOptions": {"strict": true, "target": "ES2020", "module": "commonjs", "esModuleInterop": true,
            "outDir": "build", "rootDir": ".", "types": ["node"]}, "include": ["gen/*.ts", "check.ts", "checks.ts"]}"#,
    )
    .expect("write tsconfig.json");
    run(
        &format!("tsc --strict ({driver})"),
        Command::new("node")
            .arg(modules.join("typescript/bin/tsc"))
            .args(["--strict", "-p"])
            .arg(tmp.path()),
    );
    run(
        &format!("{program} ({driver})"),
        Command::new("node")
            .arg(tmp.path().join("build/check.js"))
            .args(args),
    )
}

#[test]
fn typescript_sqlite_better_sqlite3() {
    let schema = fixture(Dialect::Sqlite).join("db/schema/schema.sql");
    let out = ts_check(
        Dialect::Sqlite,
        "better-sqlite3",
        "check_sqlite.ts",
        &[schema.to_str().expect("utf-8 path")],
    );
    assert!(out.contains(" passed, 0 failed"), "{out}");
}

#[test]
fn typescript_postgres_pg() {
    let db = database_with_schema(Dialect::Postgres, "codegen_ts");
    let out = ts_check(Dialect::Postgres, "pg", "check_postgres.ts", &[&db.url]);
    assert!(out.contains(" passed, 0 failed"), "{out}");
}

#[test]
fn typescript_mysql_mysql2() {
    let db = database_with_schema(Dialect::Mysql, "codegen_ts");
    let out = ts_check(Dialect::Mysql, "mysql2", "check_mysql.ts", &[&db.url]);
    assert!(out.contains(" passed, 0 failed"), "{out}");
}
