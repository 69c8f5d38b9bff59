//! `flash inspect`: parse the schema files (or load a snapshot) and print the model.

use crate::cli::{GlobalArgs, InspectArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::project;
use crate::schema_source::load_schema;
use crate::schema_summary::render_summary;

pub fn inspect(
    args: &InspectArgs,
    global: &GlobalArgs,
    printer: Printer,
) -> anyhow::Result<ExitStatus> {
    let project = project::project_schema(global)?;
    let from = match (&args.from, project.schema_path) {
        (Some(from), _) => from.clone(),
        (None, Some(path)) => path,
        (None, None) => {
            return Err(project::no_project(
                "pass --from DIR|FILE, or run `flash init` to create a project",
            ))
        }
    };
    let schema = load_schema(&from, args.dialect.or(project.dialect))?;
    if args.json {
        printer.output(flash_core::snapshot::to_snapshot_json(&schema));
    } else {
        printer.output(render_summary(&schema, &from));
    }
    Ok(ExitStatus::Success)
}
