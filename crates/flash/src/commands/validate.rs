//! `flash validate`: the migration files parse, applied ones still match their checksums, and their hazards.

use anyhow::bail;
use flash_db::tracking;

use crate::cli::{GlobalArgs, ValidateArgs};
use crate::database::{block_on, Target};
use crate::exit::ExitStatus;
use crate::migrations::dir;
use crate::migrations::hazards::{analyse, merged};
use crate::migrations::state::{join, Status};
use crate::printer::Printer;
use crate::project;

pub fn validate(
    _args: &ValidateArgs,
    global: &GlobalArgs,
    printer: Printer,
) -> anyhow::Result<ExitStatus> {
    let target = Target::resolve_optional(global)?;
    let (dialect, migrations) = match &target {
        Some(t) => (t.dialect, t.migrations.clone()),
        None => {
            let project = project::project_schema(global)?;
            let (Some(dialect), Some(migrations)) = (project.dialect, project.migrations_path)
            else {
                bail!("cannot tell which SQL dialect the migrations are written in: set `provider` under [database] in flash.toml");
            };
            (dialect, migrations)
        }
    };
    // A parse error stops here, with its path:line:col.
    let files = dir::read_dir(&migrations, dialect)?;
    let rows = match &target {
        Some(target) => block_on(async {
            let mut conn = target.connect().await?;
            let rows = tracking::read_rows(&mut conn).await?;
            conn.close().await?;
            Ok(rows)
        })?,
        None => {
            printer.note("no database configured: the files are checked, their checksums are not");
            Vec::new()
        }
    };
    let mut out = String::new();
    for file in &files {
        let analysis = analyse(dialect, &file.up);
        out.push_str(&format!(
            "ok  {} ({} statements)\n",
            file.path.display(),
            file.up.len()
        ));
        for h in merged(&file.header_hazards, &analysis.findings) {
            out.push_str(&format!("    hazard {h}\n"));
        }
    }
    let entries = join(files, rows);
    let modified: Vec<_> = entries
        .iter()
        .filter(|e| e.status == Status::Modified)
        .collect();
    printer.output(out);
    if !modified.is_empty() {
        for e in &modified {
            eprintln!(
                "error: {} was changed after it was applied (checksum mismatch)",
                e.id
            );
        }
        eprintln!(
            "restore the file(s), or run `flash repair` to record the new checksums on purpose"
        );
        return Ok(ExitStatus::Checksum);
    }
    printer.status(format!(
        "{} migration files valid",
        entries.iter().filter(|e| e.file.is_some()).count()
    ));
    Ok(ExitStatus::Success)
}
