//! `flash init`: scaffold a project, never overwriting a file unless asked to.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::cli::InitArgs;
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::scaffold::{project_entries, ScaffoldEntry};

pub fn init(args: &InitArgs, printer: Printer) -> anyhow::Result<ExitStatus> {
    let dialect = args.dialect();
    if args.dir.exists() && !args.dir.is_dir() {
        bail!(
            "cannot create a project in {}: it is a file, not a directory",
            args.dir.display()
        );
    }
    for entry in project_entries(dialect) {
        match entry {
            ScaffoldEntry::Dir(rel) => {
                let path = args.dir.join(rel);
                let shown = shown(&args.dir, rel);
                if path.is_dir() {
                    printer.status(format!("kept {shown}/ (exists)"));
                } else {
                    create_dir(&path)?;
                    printer.status(format!("created {shown}/"));
                }
            }
            ScaffoldEntry::File {
                path: rel,
                contents,
            } => {
                let path = args.dir.join(rel);
                let shown = shown(&args.dir, rel);
                if path.is_dir() {
                    bail!("cannot write {shown}: a directory is in the way");
                }
                let existed = path.exists();
                if existed && !args.force {
                    printer.status(format!("kept {shown} (exists; --force overwrites)"));
                    continue;
                }
                if let Some(parent) = path.parent() {
                    create_dir(parent)?;
                }
                std::fs::write(&path, contents).with_context(|| format!("cannot write {shown}"))?;
                printer.status(format!(
                    "{} {shown}",
                    if existed { "overwrote" } else { "created" }
                ));
            }
        }
    }
    if args.dir.join("flash.config.json").is_file() {
        printer.status(format!(
            "note: {} is still there; flash.toml takes precedence over it",
            shown(&args.dir, "flash.config.json")
        ));
    }
    printer.status(format!(
        "Flash project for {dialect} ready: set DATABASE_URL in {}, edit {}, then run `flash inspect`.",
        shown(&args.dir, ".env"),
        shown(&args.dir, "db/schema/schema.sql"),
    ));
    Ok(ExitStatus::Success)
}

/// The path as the user would type it from where they ran `flash init`.
fn shown(dir: &Path, rel: &str) -> String {
    if dir == Path::new(".") {
        rel.to_string()
    } else {
        PathBuf::from(dir).join(rel).display().to_string()
    }
}

fn create_dir(path: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(path)
        .with_context(|| format!("cannot create directory {}", path.display()))
}
