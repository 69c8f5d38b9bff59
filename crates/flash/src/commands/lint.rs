//! `flash lint [FILES]`: the hazards of migration files, from their header and from the statements themselves,
//! as `path:line: KIND detail`. The same analysis `flash apply` blocks on.

use anyhow::bail;

use crate::cli::{GlobalArgs, LintArgs};
use crate::exit::ExitStatus;
use crate::migrations::hazards::analyse;
use crate::migrations::{dir, MigrationSource};
use crate::printer::Printer;
use crate::project;

pub fn lint(args: &LintArgs, global: &GlobalArgs, printer: Printer) -> anyhow::Result<ExitStatus> {
    let project = project::project_schema(global)?;
    let Some(dialect) = args.dialect.or(project.dialect) else {
        bail!("cannot tell which SQL dialect the files are written in: pass --dialect, or set `provider` under [database] in flash.toml");
    };
    let files = if args.files.is_empty() {
        let Some(migrations) = project.migrations_path else {
            return Err(project::no_project(
                "pass the files to lint, or run `flash init`",
            ));
        };
        dir::read_dir(&migrations, dialect)?
    } else {
        args.files
            .iter()
            .map(|p| MigrationSource::read(p, dialect).map_err(|d| anyhow::anyhow!("{d}")))
            .collect::<anyhow::Result<_>>()?
    };
    let mut out = String::new();
    let mut blocking = 0;
    for file in &files {
        for h in &file.header_hazards {
            out.push_str(&format!("{}:1: {h} (header)\n", file.path.display()));
            blocking += usize::from(h.blocking());
        }
        for f in analyse(dialect, &file.up).findings {
            if file.header_hazards.contains(&f.hazard) {
                continue;
            }
            out.push_str(&format!(
                "{}:{}: {}\n",
                file.path.display(),
                f.line,
                f.hazard
            ));
            blocking += usize::from(f.hazard.blocking());
        }
    }
    printer.output(out);
    printer.note(format!(
        "{} file{} checked, {blocking} hazard{} that block flash apply",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        if blocking == 1 { "" } else { "s" }
    ));
    Ok(if blocking > 0 {
        ExitStatus::Hazard
    } else {
        ExitStatus::Success
    })
}
