//! `flash drift`: the live database against the schema files; exit 3 when they differ.

use anyhow::Context;
use flash_core::Dialect;
use flash_diff::{Hazard, Step};
use serde::Serialize;

use crate::cli::{DriftArgs, GlobalArgs};
use crate::drift_report::{differences, Difference};
use crate::exit::ExitStatus;
use crate::live::{shown, LiveDatabase};
use crate::printer::Printer;
use crate::project;
use crate::schema_source::load_schema;

/// Bumped whenever a field of `--json` changes meaning or goes; new fields do not bump it.
const DRIFT_JSON_FORMAT_VERSION: u32 = 1;

pub fn drift(
    args: &DriftArgs,
    global: &GlobalArgs,
    printer: Printer,
) -> anyhow::Result<ExitStatus> {
    let project = project::project_database(global)?;
    let Some(schema_path) = project.schema_path.clone() else {
        return Err(project::no_project(
            "run `flash init` to create a project, or pass --config PATH",
        ));
    };
    let url = project.require_url()?.clone();
    // The database and the files are independent: read them on two threads.
    let (live, files) = std::thread::scope(|scope| {
        let live = scope.spawn(|| LiveDatabase::open(&url));
        let files = load_schema(&schema_path, Some(url.dialect));
        let live = live
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (live, files)
    });
    let (mut live, files) = (live?, files?);
    let files = live.canonicalize(&files, printer)?;
    let changes = flash_diff::diff(&live.schema, &files);
    // The statements are a help, not the verdict: a difference Flash cannot render is still a difference.
    let plan = flash_diff::plan(&live.schema, &files);
    live.close();
    let found = differences(&changes);
    let (database, schema) = (shown(&url), schema_path.display().to_string());

    if args.json {
        let (steps, hazards, plan_error) = match &plan {
            Ok(plan) => (Some(plan.steps.as_slice()), plan.hazards.as_slice(), None),
            Err(e) => (None, &[][..], Some(e.to_string())),
        };
        let out = DriftJson {
            format_version: DRIFT_JSON_FORMAT_VERSION,
            dialect: url.dialect,
            database: &database,
            schema: &schema,
            drift: !found.is_empty(),
            differences: &found,
            steps,
            hazards,
            plan_error,
        };
        let mut text =
            serde_json::to_string_pretty(&out).context("cannot print the report as JSON")?;
        text.push('\n');
        printer.output(text);
    } else if found.is_empty() {
        printer.output(format!("no drift: {database} matches {schema}\n"));
    } else {
        let mut text = format!(
            "drift: {database} differs from {schema} in {} {}:\n",
            found.len(),
            if found.len() == 1 { "place" } else { "places" }
        );
        for d in &found {
            text.push_str(&format!("  {}: {}\n", d.object, d.detail));
        }
        text.push_str(&format!(
            "`flash diff --from DATABASE_URL --to {schema}` prints the statements that bring the database in line \
             with the files.\n"
        ));
        printer.output(text);
    }
    Ok(if found.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Drift
    })
}

#[derive(Serialize)]
struct DriftJson<'a> {
    format_version: u32,
    dialect: Dialect,
    /// The database's URL, password masked.
    database: &'a str,
    /// The schema files' directory.
    schema: &'a str,
    drift: bool,
    differences: &'a [Difference],
    /// The statements that turn the database into the files' schema; `null` when they cannot be rendered
    /// (`plan_error` says why).
    steps: Option<&'a [Step]>,
    hazards: &'a [Hazard],
    #[serde(skip_serializing_if = "Option::is_none")]
    plan_error: Option<String>,
}
