//! `flash pull`: the live database's schema into schema files that Flash reads back as the same schema.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use flash_core::Schema;

use crate::cli::{GlobalArgs, PullArgs};
use crate::exit::ExitStatus;
use crate::live::{shown, LiveDatabase};
use crate::migration_file::Stamp;
use crate::printer::Printer;
use crate::project;

/// The file pull writes under the schema directory.
pub const PULLED_FILE: &str = "schema.sql";

pub fn pull(args: &PullArgs, global: &GlobalArgs, printer: Printer) -> anyhow::Result<ExitStatus> {
    let project = project::project_database(global)?;
    let dir = match (&args.output, &project.schema_path) {
        (Some(dir), _) => dir.clone(),
        (None, Some(dir)) => dir.clone(),
        (None, None) => return Err(project::no_project(
            "pass -o DIR to say where the schema files go, or run `flash init` to create a project",
        )),
    };
    let url = project.require_url()?.clone();
    let live = LiveDatabase::open(&url)?;
    let schema = live.schema.clone();
    live.close();
    let text = schema_file(&schema, &shown(&url))?;

    if dir.exists() && !dir.is_dir() {
        bail!(
            "cannot write schema files into {}: it is a file, not a directory",
            dir.display()
        );
    }
    let existing = if dir.is_dir() {
        flash_parse::collect_sql_files(&dir)
            .with_context(|| format!("cannot list {}", dir.display()))?
    } else {
        Vec::new()
    };
    let target = dir.join(PULLED_FILE);
    // What pull would lose: every other schema file, and schema.sql itself unless it already holds this text.
    let replaced: Vec<&PathBuf> = existing
        .iter()
        .filter(|f| **f != target || std::fs::read_to_string(f).ok().as_deref() != Some(&text))
        .collect();
    if !replaced.is_empty() && !args.backup && !args.force {
        bail!(
            "{} {} {} that pull would replace ({}): pass --backup to keep copies in {} first, or --force to replace them",
            dir.display(),
            if replaced.len() == 1 { "holds" } else { "hold" },
            count(replaced.len(), "schema file"),
            listed(&replaced, &dir),
            dir.join(".backup").display()
        );
    }
    if args.backup && !replaced.is_empty() {
        let backup = dir.join(".backup").join(Stamp::now().to_string());
        for file in &replaced {
            let rel = file.strip_prefix(&dir).unwrap_or(file);
            let copy = backup.join(rel);
            create_dir(copy.parent().unwrap_or(&backup))?;
            std::fs::copy(file, &copy).with_context(|| {
                format!("cannot back {} up to {}", file.display(), copy.display())
            })?;
        }
        printer.status(format!(
            "backed up {} to {}",
            count(replaced.len(), "file"),
            backup.display()
        ));
    }
    // schema.sql first: an interrupted pull leaves the old files beside the new one, never neither.
    create_dir(&dir)?;
    write_atomically(&target, &text)?;
    for file in existing.iter().filter(|f| **f != target) {
        std::fs::remove_file(file).with_context(|| format!("cannot remove {}", file.display()))?;
        printer.status(format!(
            "removed {} (its objects are in {PULLED_FILE} now)",
            file.display()
        ));
    }
    let objects: usize = schema.counts().iter().map(|(_, n)| n).sum();
    printer.status(format!(
        "wrote {} with {} from {}",
        target.display(),
        count(objects, "object"),
        shown(&url)
    ));
    Ok(ExitStatus::Success)
}

/// The schema as one file: the CREATE statements Flash's planner writes for it, in dependency order.
pub fn schema_file(schema: &Schema, source: &str) -> anyhow::Result<String> {
    let plan = flash_diff::plan(&Schema::new(schema.dialect), schema)
        .with_context(|| format!("cannot write the schema of {source} as SQL"))?;
    let mut text = format!(
        "-- The schema of {source}, written by `flash pull` in dependency order.\n\
         -- Flash reads this file as the project's schema; edit it, split it, or add files beside it.\n\n"
    );
    text.push_str(&flash_diff::plan::statements(schema.dialect, &plan.steps));
    Ok(text)
}

/// At most three of `files`, relative to `dir`, and how many more.
fn listed(files: &[&PathBuf], dir: &Path) -> String {
    let mut names: Vec<String> = files
        .iter()
        .take(3)
        .map(|f| f.strip_prefix(dir).unwrap_or(f).display().to_string())
        .collect();
    if files.len() > 3 {
        names.push(format!("{} more", files.len() - 3));
    }
    names.join(", ")
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn create_dir(path: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(path)
        .with_context(|| format!("cannot create directory {}", path.display()))
}

/// Writes through a temporary file in the same directory, so an interrupted pull never leaves half a schema.
fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    let tmp: PathBuf = path.with_extension("sql.tmp");
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}
