//! Golden files: every file each language and driver generates for the proof fixtures, as `flash gen` writes it,
//! kept in `tests/golden/<dialect>/<language>-<driver>/`. A change to a generator shows up as a reviewable diff.
//! `FLASH_UPDATE_GOLDEN=1 cargo test -p flash_codegen --test golden` rewrites them.

use std::path::{Path, PathBuf};

use flash_codegen::{Language, Target};
use flash_core::Dialect;

const TARGETS: &[(Dialect, Language, &str, bool)] = &[
    (Dialect::Postgres, Language::Go, "database/sql", false),
    (Dialect::Postgres, Language::Go, "pgx", false),
    (Dialect::Postgres, Language::TypeScript, "pg", false),
    (Dialect::Postgres, Language::Python, "psycopg", false),
    (Dialect::Postgres, Language::Python, "asyncpg", true),
    (Dialect::Mysql, Language::Go, "database/sql", false),
    (Dialect::Mysql, Language::TypeScript, "mysql2", false),
    (Dialect::Mysql, Language::Python, "pymysql", false),
    (Dialect::Mysql, Language::Python, "aiomysql", true),
    (Dialect::Sqlite, Language::Go, "database/sql", false),
    (
        Dialect::Sqlite,
        Language::TypeScript,
        "better-sqlite3",
        false,
    ),
    (Dialect::Sqlite, Language::Python, "sqlite3", false),
    (Dialect::Sqlite, Language::Python, "aiosqlite", true),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

#[test]
fn generated_files_match_the_golden_files() {
    let update = std::env::var_os("FLASH_UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for &(dialect, language, driver, is_async) in TARGETS {
        let fixture = root().join("proof").join(dialect.provider_name());
        let schema = flash_parse::parse_path(dialect, &fixture.join("db/schema")).expect("schema");
        let files = flash_codegen::read_query_files(&fixture.join("db/queries")).expect("queries");
        let set = flash_codegen::analyze_files(&schema, &files).expect("the fixture analyzes");
        let dir = root()
            .join("golden")
            .join(dialect.provider_name())
            .join(format!("{}-{}", language.name(), driver.replace('/', "_")));
        let target = Target {
            language,
            driver: driver.to_string(),
            is_async,
            out: PathBuf::from("flash_gen"),
        };
        let rendered = flash_codegen::lang::render(&set, &target).expect("driver fits");
        if update {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("mkdir");
        }
        let mut names = Vec::new();
        for file in &rendered {
            let path = dir.join(&file.path);
            let text = flash_codegen::incremental::seal(&file.contents);
            names.push(file.path.clone());
            if update {
                std::fs::write(&path, &text).expect("write golden");
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                mismatches.push(path.display().to_string());
            }
        }
        let on_disk = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        if on_disk != names.len() {
            mismatches.push(format!(
                "{} holds {on_disk} files, {} generated",
                dir.display(),
                names.len()
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "generated code differs from the golden files (FLASH_UPDATE_GOLDEN=1 rewrites them, then review the diff):\n{}",
        mismatches.join("\n")
    );
}
