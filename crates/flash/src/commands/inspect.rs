//! `flash inspect`: parse the schema files (or load a snapshot, or read a live database) and print the model.

use crate::cli::{GlobalArgs, InspectArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::project;
use std::path::Path;

use anyhow::bail;

use crate::schema_source::Source;
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
    let source = Source::new(&from)?;
    if let (Some(own), Some(wanted)) = (source.own_dialect(), args.dialect) {
        if own != wanted {
            bail!(
                "{} is a {own} database, but --dialect says {wanted}",
                source.shown()
            );
        }
    }
    let schema = source.load(args.dialect.or(project.dialect))?;
    if args.json {
        printer.output(flash_core::snapshot::to_snapshot_json(&schema));
    } else {
        printer.output(render_summary(&schema, Path::new(&source.shown())));
    }
    Ok(ExitStatus::Success)
}
