//! `flash diff`: the migration from one schema to another, printed as a script (or JSON), never applied.

use std::path::Path;

use anyhow::{bail, Context};
use flash_core::{Dialect, Schema};
use flash_diff::{Hazard, Step};
use serde::Serialize;

use crate::cli::{DiffArgs, GlobalArgs};
use crate::exit::ExitStatus;
use crate::migration_file;
use crate::printer::Printer;
use crate::project;
use crate::schema_source::{self, Source};

/// Bumped whenever a field of `--json` changes meaning or goes; new fields do not bump it.
const DIFF_JSON_FORMAT_VERSION: u32 = 1;

pub fn diff(args: &DiffArgs, global: &GlobalArgs, printer: Printer) -> anyhow::Result<ExitStatus> {
    let from = Source::new(&args.from)?;
    let to = Source::new(&args.to)?;
    let (from_schema, to_schema) = load_pair(&from, &to, args.dialect, global)?;
    let context = || {
        format!(
            "cannot plan from {} to {}",
            from.path().display(),
            to.path().display()
        )
    };

    if args.json {
        let migration = migration_file::plan(&from_schema, &to_schema).with_context(context)?;
        let out = DiffJson {
            format_version: DIFF_JSON_FORMAT_VERSION,
            dialect: migration.up.dialect,
            steps: &migration.up.steps,
            hazards: &migration.up.hazards,
            down: migration.down.as_ref().map(|down| DownJson {
                steps: &down.steps,
                hazards: &down.hazards,
            }),
            irreversible: &migration.irreversible,
        };
        // Plain data into a String cannot fail.
        let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
        text.push('\n');
        printer.output(text);
        if migration.up.is_empty() {
            printer.note("no differences: the two schemas are the same");
        }
        return Ok(ExitStatus::Success);
    }

    let plan = flash_diff::plan(&from_schema, &to_schema).with_context(context)?;
    if plan.is_empty() {
        printer.note("no differences: the two schemas are the same");
        return Ok(ExitStatus::Success);
    }
    printer.output(hazard_lines(&plan.hazards));
    printer.output(plan.script());
    // The process ends right after this: freeing two schemas and a plan object by object is work nobody waits for
    // (a tenth of a cold run on a large schema).
    std::mem::forget((from_schema, to_schema, plan));
    Ok(ExitStatus::Success)
}

/// `-- flash:hazard KIND detail`, one line each: comments to every client, so the script still runs as it is.
pub fn hazard_lines(hazards: &[Hazard]) -> String {
    hazards
        .iter()
        .map(|h| format!("-- flash:hazard {h}\n"))
        .collect()
}

/// Both sides, .sql ones read in `--dialect`, else in a snapshot side's dialect, else in the project's.
fn load_pair(
    from: &Source,
    to: &Source,
    dialect: Option<Dialect>,
    global: &GlobalArgs,
) -> anyhow::Result<(Schema, Schema)> {
    let mut snapshots = [None, None];
    for (slot, source) in snapshots.iter_mut().zip([from, to]) {
        if let Source::Snapshot(_) = source {
            let schema = source.load(None)?;
            if let Some(wanted) = dialect.filter(|d| *d != schema.dialect) {
                bail!(
                    "{} is a {} snapshot, but --dialect says {wanted}",
                    source.path().display(),
                    schema.dialect
                );
            }
            *slot = Some(schema);
        }
    }
    let snapshot_dialect = snapshots.iter().flatten().map(|s| s.dialect).next();
    let mut dialect = dialect.or(snapshot_dialect);
    if dialect.is_none() && snapshots.iter().any(Option::is_none) {
        dialect = project::project_schema(global)?.dialect;
    }
    // The .sql sides are parsed together: parsing dominates the command, and they share most statements.
    let sql_paths: Vec<&Path> = snapshots
        .iter()
        .zip([from, to])
        .filter(|(snapshot, _)| snapshot.is_none())
        .map(|(_, source)| source.path())
        .collect();
    let mut parsed = schema_source::parse_schemas(dialect, &sql_paths).into_iter();
    let [from_schema, to_schema] = snapshots.map(|snapshot| match snapshot {
        Some(schema) => Ok(schema),
        None => parsed
            .next()
            .unwrap_or_else(|| bail!("a schema went missing while parsing")),
    });
    let (from_schema, to_schema) = (from_schema?, to_schema?);
    if from_schema.dialect != to_schema.dialect {
        bail!(
            "{} is a {} schema and {} a {} one: diff compares two schemas of one dialect",
            from.path().display(),
            from_schema.dialect,
            to.path().display(),
            to_schema.dialect
        );
    }
    Ok((from_schema, to_schema))
}

#[derive(Serialize)]
struct DiffJson<'a> {
    format_version: u32,
    dialect: Dialect,
    steps: &'a [Step],
    hazards: &'a [Hazard],
    /// `null` when no Down could be made; `irreversible` says why.
    down: Option<DownJson<'a>>,
    irreversible: &'a [String],
}

#[derive(Serialize)]
struct DownJson<'a> {
    steps: &'a [Step],
    hazards: &'a [Hazard],
}
