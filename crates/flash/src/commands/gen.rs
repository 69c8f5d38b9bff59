//! `flash gen`: the query files typed against the schema files, rendered for every enabled language, written where
//! they changed. `--check` writes nothing and exits 4 when something is stale; a generated file edited by hand is
//! never overwritten without `--force`.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context};
use flash_codegen::incremental;
use flash_codegen::{Language, Target};
use flash_config::Config;
use flash_core::Dialect;

use crate::cli::{GenArgs, GlobalArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::project;
use crate::schema_source::load_schema;

pub fn gen(args: &GenArgs, global: &GlobalArgs, printer: Printer) -> anyhow::Result<ExitStatus> {
    let Some(config) = project::find_config(global)? else {
        return Err(project::no_project(
            "run `flash init` to create a project, or pass --config PATH",
        ));
    };
    let Some(dialect) = config.database.provider else {
        bail!("cannot tell which SQL dialect the queries are written in: set `provider` under [database] in flash.toml");
    };
    let targets = targets(&config);
    if targets.is_empty() {
        bail!("no generator is enabled: set `enabled = true` under [gen.go], [gen.js] or [gen.python] in flash.toml");
    }
    let schema = load_schema(&config.schema_path, Some(dialect))?;
    let files = flash_codegen::read_query_files(&config.queries).map_err(|e| match e {
        flash_codegen::CodegenError::Io { path, source } => {
            anyhow!("cannot read query files from {}: {source}", path.display())
        }
        flash_codegen::CodegenError::Invalid(d) => anyhow!("{d}"),
    })?;
    let set = flash_codegen::analyze_files(&schema, &files).map_err(|d| anyhow!("{d}"))?;
    for warning in oracle_warnings(&config, global, &set)? {
        printer.note(format!("warning: {warning}"));
    }

    let mut plans = Vec::new();
    for target in &targets {
        let rendered = flash_codegen::lang::render(&set, target)
            .with_context(|| format!("cannot generate [gen.{}]", target.language.name()))?;
        let plan = incremental::plan(&target.out, &rendered, extensions(target.language))
            .with_context(|| format!("cannot read {}", target.out.display()))?;
        plans.push(plan);
    }

    if args.check {
        let stale: Vec<PathBuf> = plans
            .iter()
            .flat_map(|p| {
                p.writes
                    .iter()
                    .map(|(path, _)| path.clone())
                    .chain(p.removals.clone())
            })
            .collect();
        if stale.is_empty() {
            printer.status(format!(
                "generated code is up to date ({} queries)",
                set.queries.len()
            ));
            return Ok(ExitStatus::Success);
        }
        let lines: String = stale
            .iter()
            .map(|path| format!("stale: {}\n", path.display()))
            .collect();
        printer.output(lines);
        printer.note("run `flash gen` to bring it up to date");
        return Ok(ExitStatus::Stale);
    }

    let edited: Vec<PathBuf> = plans.iter().flat_map(|p| p.edited.clone()).collect();
    if !edited.is_empty() && !args.force {
        let list: Vec<String> = edited.iter().map(|p| p.display().to_string()).collect();
        bail!(
            "{} changed since flash gen wrote it (edited by hand?); pass --force to overwrite",
            list.join(", ")
        );
    }
    let (mut written, mut unchanged, mut removed) = (0, 0, 0);
    for plan in &plans {
        incremental::apply(plan).context("cannot write the generated files")?;
        written += plan.writes.len();
        unchanged += plan.unchanged.len();
        removed += plan.removals.len();
    }
    printer.status(format!(
        "{}: {written} files written, {unchanged} unchanged{}",
        queries(set.queries.len()),
        if removed > 0 {
            format!(", {removed} removed")
        } else {
            String::new()
        }
    ));
    Ok(ExitStatus::Success)
}

/// The inferred types held against the database's description of each prepared query: the database of `--db`,
/// else, for SQLite, the schema files loaded into an in-memory database. Other projects without `--db` are not
/// checked.
fn oracle_warnings(
    config: &Config,
    global: &GlobalArgs,
    set: &flash_codegen::QuerySet,
) -> anyhow::Result<Vec<flash_codegen::oracle::Warning>> {
    let url = match global.db.as_deref() {
        Some(db) => Some(config.select(Some(db))?.require_url()?.clone()),
        None if set.dialect == Dialect::Sqlite => None,
        None => return Ok(Vec::new()),
    };
    let runtime = flash_db::runtime()?;
    runtime.block_on(async {
        let mut conn = match &url {
            Some(url) => {
                if url.dialect != set.dialect {
                    bail!(
                        "--db is a {} database, but the queries are written for {}",
                        url.dialect.provider_name(),
                        set.dialect.provider_name()
                    );
                }
                flash_db::Connection::connect(url).await?
            }
            None => {
                let sources = flash_parse::read_sources(&config.schema_path)?;
                let text: String = sources.iter().map(|s| format!("{}\n", s.text)).collect();
                match flash_codegen::oracle::sqlite_in_memory(&text).await {
                    Ok(conn) => conn,
                    Err(e) => {
                        return Ok(vec![flash_codegen::oracle::Warning {
                            query: "(all)".into(),
                            subject: "the schema".into(),
                            inferred: "schema files SQLite can load".into(),
                            described: format!("an error loading them in memory: {e}"),
                        }])
                    }
                }
            }
        };
        let warnings = flash_codegen::oracle::check(&mut conn, set).await;
        let _ = conn.close().await;
        Ok(warnings)
    })
}

fn targets(config: &Config) -> Vec<Target> {
    let gen = &config.gen;
    let mut out = Vec::new();
    if gen.go.enabled {
        out.push(Target {
            language: Language::Go,
            driver: gen.go.driver.clone(),
            is_async: false,
            out: gen.go.out.clone(),
        });
    }
    if gen.js.enabled {
        out.push(Target {
            language: Language::TypeScript,
            driver: gen.js.driver.clone(),
            is_async: false,
            out: gen.js.out.clone(),
        });
    }
    if gen.python.enabled {
        out.push(Target {
            language: Language::Python,
            driver: gen.python.driver.clone(),
            is_async: gen.python.is_async,
            out: gen.python.out.clone(),
        });
    }
    out
}

fn extensions(language: Language) -> &'static [&'static str] {
    match language {
        Language::Go => &["go"],
        Language::TypeScript => &["ts"],
        Language::Python => &["py"],
    }
}

fn queries(n: usize) -> String {
    if n == 1 {
        "1 query".into()
    } else {
        format!("{n} queries")
    }
}
