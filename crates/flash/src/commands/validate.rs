//! `flash validate`: the migration files parse, applied ones still match their checksums, and their hazards.

use flash_db::tracking;

use crate::cli::{GlobalArgs, ValidateArgs};
use crate::database::{block_on, Target};
use crate::exit::ExitStatus;
use crate::migrations::hazards::{analyse, merged};
use crate::migrations::state::{join, Status};
use crate::printer::Printer;

pub fn validate(
    _args: &ValidateArgs,
    global: &GlobalArgs,
    printer: Printer,
) -> anyhow::Result<ExitStatus> {
    let target = Target::resolve(global)?;
    // A parse error stops here, with its path:line:col.
    let files = target.read_migrations()?;
    let rows = block_on(async {
        let mut conn = target.connect().await?;
        let rows = tracking::read_rows(&mut conn).await?;
        conn.close().await?;
        Ok(rows)
    })?;
    let mut out = String::new();
    for file in &files {
        let analysis = analyse(target.dialect, &file.up);
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
