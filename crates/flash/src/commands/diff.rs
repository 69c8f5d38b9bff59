//! `flash diff`: the migration from one schema to another, printed as a script (or JSON), never applied.

use std::path::Path;

use anyhow::{bail, Context};
use flash_core::{Dialect, Schema};
use flash_diff::{Hazard, Step};
use serde::Serialize;

use crate::cli::{DiffArgs, GlobalArgs};
use crate::exit::ExitStatus;
use crate::live::LiveDatabase;
use crate::migration_file;
use crate::printer::Printer;
use crate::project;
use crate::schema_source::{self, Source};

/// Bumped whenever a field of `--json` changes meaning or goes; new fields do not bump it.
const DIFF_JSON_FORMAT_VERSION: u32 = 1;

pub fn diff(args: &DiffArgs, global: &GlobalArgs, printer: Printer) -> anyhow::Result<ExitStatus> {
    let from = Source::new(&args.from)?;
    let to = Source::new(&args.to)?;
    let (from_schema, to_schema) = load_pair(&from, &to, args.dialect, global, printer)?;
    let context = || format!("cannot plan from {} to {}", from.shown(), to.shown());

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

/// One side of a diff, read: a live database stays open until the other side is in its printed form.
enum Side {
    Live(LiveDatabase),
    Read(Schema),
}

impl Side {
    fn schema(&self) -> &Schema {
        match self {
            Side::Live(live) => &live.schema,
            Side::Read(schema) => schema,
        }
    }
}

/// Both sides, .sql ones read in `--dialect`, else in a snapshot's or a database's dialect, else in the project's.
/// When one side is a live database, the other is brought into its printed form (DESIGN §3), so only real
/// differences remain.
pub fn load_pair(
    from: &Source,
    to: &Source,
    dialect: Option<Dialect>,
    global: &GlobalArgs,
    printer: Printer,
) -> anyhow::Result<(Schema, Schema)> {
    let mut snapshots = [None, None];
    for (slot, source) in snapshots.iter_mut().zip([from, to]) {
        if let Some(own) = source.own_dialect() {
            if let Some(wanted) = dialect.filter(|d| *d != own) {
                bail!(
                    "{} is a {own} database, but --dialect says {wanted}",
                    source.shown()
                );
            }
        }
        if let Source::Snapshot(_) = source {
            let schema = source.load(None)?;
            if let Some(wanted) = dialect.filter(|d| *d != schema.dialect) {
                bail!(
                    "{} is a {} snapshot, but --dialect says {wanted}",
                    source.shown(),
                    schema.dialect
                );
            }
            *slot = Some(schema);
        }
    }
    let named = snapshots
        .iter()
        .flatten()
        .map(|s| s.dialect)
        .chain([from, to].iter().filter_map(|s| s.own_dialect()))
        .next();
    let mut dialect = dialect.or(named);
    let needs_dialect = [from, to].iter().any(|s| matches!(s, Source::Sql(_)));
    if dialect.is_none() && needs_dialect {
        dialect = project::project_schema(global)?.dialect;
    }
    // The .sql sides are parsed together (parsing dominates the command, and they share most statements) while a
    // database side is read on a thread of its own.
    let sql_paths: Vec<&Path> = [from, to]
        .into_iter()
        .zip(&snapshots)
        .filter_map(|(source, snapshot)| match (source, snapshot) {
            (Source::Sql(path), None) => Some(path.as_path()),
            _ => None,
        })
        .collect();
    let (mut parsed, mut opened) = std::thread::scope(|scope| {
        let opening: Vec<_> = [from, to]
            .into_iter()
            .filter_map(|source| match source {
                Source::Database(url) => Some(scope.spawn(move || LiveDatabase::open(url))),
                _ => None,
            })
            .collect();
        let parsed = schema_source::parse_schemas(dialect, &sql_paths);
        let opened: Vec<anyhow::Result<LiveDatabase>> = opening
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        (parsed.into_iter(), opened.into_iter())
    });
    let [from_snapshot, to_snapshot] = snapshots;
    let mut side = |snapshot: Option<Schema>, source: &Source| -> anyhow::Result<Side> {
        Ok(match (snapshot, source) {
            (Some(schema), _) => Side::Read(schema),
            (None, Source::Database(_)) => Side::Live(
                opened
                    .next()
                    .unwrap_or_else(|| bail!("a database went missing while reading"))?,
            ),
            (None, _) => Side::Read(
                parsed
                    .next()
                    .unwrap_or_else(|| bail!("a schema went missing while parsing"))?,
            ),
        })
    };
    let from_side = side(from_snapshot, from);
    let to_side = side(to_snapshot, to);
    let (from_side, to_side) = (from_side?, to_side?);
    let (from_dialect, to_dialect) = (from_side.schema().dialect, to_side.schema().dialect);
    if from_dialect != to_dialect {
        bail!(
            "{} is a {from_dialect} schema and {} a {to_dialect} one: diff compares two schemas of one dialect",
            from.shown(),
            to.shown(),
        );
    }
    Ok(match (from_side, to_side) {
        (Side::Live(mut live), Side::Read(files)) => {
            let files = live.canonicalize(&files, printer)?;
            let current = std::mem::replace(&mut live.schema, Schema::new(from_dialect));
            live.close();
            (current, files)
        }
        (Side::Read(files), Side::Live(mut live)) => {
            let files = live.canonicalize(&files, printer)?;
            let desired = std::mem::replace(&mut live.schema, Schema::new(to_dialect));
            live.close();
            (files, desired)
        }
        (from_side, to_side) => (into_schema(from_side), into_schema(to_side)),
    })
}

fn into_schema(side: Side) -> Schema {
    match side {
        Side::Read(schema) => schema,
        Side::Live(mut live) => {
            let schema = std::mem::replace(&mut live.schema, Schema::new(live.url.dialect));
            live.close();
            schema
        }
    }
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
