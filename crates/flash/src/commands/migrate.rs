//! `flash migrate`: the schema files against the last snapshot; a migration file for the difference, then the new
//! snapshot.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use flash_core::snapshot::{fingerprint, load_snapshot, save_snapshot};
use flash_core::Schema;

use crate::cli::{GlobalArgs, MigrateArgs};
use crate::exit::ExitStatus;
use crate::live::{shown, LiveDatabase};
use crate::migration_file::{self, snake_case, Stamp};
use crate::printer::Printer;
use crate::project;
use crate::schema_source::load_schema;

/// Where the snapshot lives under `migrations_path`.
const SNAPSHOT_PATH: &str = ".flash/schema_snapshot.json";

pub fn migrate(
    args: &MigrateArgs,
    global: &GlobalArgs,
    printer: Printer,
) -> anyhow::Result<ExitStatus> {
    let project = project::project_schema(global)?;
    let (Some(schema_path), Some(migrations)) = (project.schema_path, project.migrations_path)
    else {
        return Err(project::no_project(
            "run `flash init` to create a project, or pass --config PATH",
        ));
    };
    let Some(dialect) = project.dialect else {
        bail!(
            "cannot tell which SQL dialect the schema files are written in: set `provider` under [database] in \
             flash.toml"
        );
    };
    let given_name = match args.name.as_deref() {
        Some(raw) => {
            let name = snake_case(raw);
            if name.is_empty() {
                bail!("the migration name {raw:?} has no letters or digits to name a file with");
            }
            Some(name)
        }
        None => None,
    };

    let snapshot_path = migrations.join(SNAPSHOT_PATH);
    let mut live = None;
    let current = if snapshot_path.exists() {
        let schema = load_snapshot(&snapshot_path)?;
        if schema.dialect != dialect {
            bail!(
                "{} is a {} snapshot, but the project's provider is {dialect}",
                snapshot_path.display(),
                schema.dialect
            );
        }
        schema
    } else {
        // No snapshot yet: the migration starts from what the database holds, when there is one to ask.
        match project::project_database(global)?.url {
            Some(url) => {
                let database = LiveDatabase::open(&url).with_context(|| {
                    format!(
                        "there is no snapshot yet ({}), so the migration starts from the database",
                        snapshot_path.display()
                    )
                })?;
                printer.note(format!(
                    "no snapshot yet: comparing the schema files with the database at {}",
                    shown(&url)
                ));
                let schema = database.schema.clone();
                live = Some(database);
                schema
            }
            None => Schema::new(dialect),
        }
    };
    // The baseline is the state the migration was made against: the snapshot, or the live database.
    let baseline = fingerprint(&current);

    let (text, name, new_snapshot) = if args.empty {
        let text = migration_file::render(&baseline, None);
        (text, given_name.unwrap_or_default(), None)
    } else {
        let files = load_schema(&schema_path, Some(dialect))?;
        let desired = match live.as_mut() {
            Some(database) => database.canonicalize(&files, printer)?,
            None => files.clone(),
        };
        let from = if live.is_some() {
            "the database".to_string()
        } else {
            snapshot_path.display().to_string()
        };
        let migration = migration_file::plan(&current, &desired).with_context(|| {
            format!(
                "cannot plan the migration from {from} to {}",
                schema_path.display()
            )
        })?;
        if migration.up.is_empty() && migration.up.changes.is_empty() {
            printer.status(if live.is_some() {
                "no changes: the schema files match the database"
            } else {
                "no changes: the schema files match the snapshot"
            });
            return Ok(ExitStatus::Success);
        }
        let name = given_name.unwrap_or_else(|| {
            migration_file::derive_name(&migration.up.changes, current == Schema::new(dialect))
        });
        if migration.down.is_none() {
            for note in &migration.irreversible {
                printer.note(format!("warning: {note}; the migration has an empty Down"));
            }
        }
        (
            migration_file::render(&baseline, Some(&migration)),
            name,
            Some(files),
        )
    };
    if let Some(database) = live {
        database.close();
    }

    if args.dry_run {
        let path = migrations.join(format!("{}_{name}.sql", next_stamp(&migrations)?));
        printer.note(format!(
            "would write {} (--dry-run: nothing written)",
            path.display()
        ));
        printer.output(text);
        return Ok(ExitStatus::Success);
    }
    let path = write_new_file(&migrations, &name, &text)?;
    printer.status(format!("created {}", path.display()));
    if let Some(schema) = new_snapshot {
        save_snapshot(&snapshot_path, &schema)?;
        printer.status(format!("updated {}", snapshot_path.display()));
    }
    Ok(ExitStatus::Success)
}

/// Now, or one second past the newest migration already there, so files sort in the order they were made even
/// when two are made in the same second.
fn next_stamp(migrations: &Path) -> anyhow::Result<Stamp> {
    let now = Stamp::now();
    let entries = match std::fs::read_dir(migrations) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(now),
        Err(e) => {
            return Err(e).with_context(|| format!("cannot list {}", migrations.display()));
        }
    };
    let mut stamp = now;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", migrations.display()))?;
        if let Some(taken) = Stamp::parse(&entry.file_name().to_string_lossy()) {
            stamp = stamp.max(taken.next());
        }
    }
    Ok(stamp)
}

/// Creates the file under a stamp no other file has; a file appearing meanwhile (a second `flash migrate`) moves
/// this one to the next second rather than overwriting it.
fn write_new_file(migrations: &Path, name: &str, text: &str) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(migrations)
        .with_context(|| format!("cannot create directory {}", migrations.display()))?;
    let mut stamp = next_stamp(migrations)?;
    loop {
        let path = migrations.join(format!("{stamp}_{name}.sql"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(text.as_bytes())
                    .and_then(|()| file.sync_all())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => stamp = stamp.next(),
            Err(e) => return Err(e).with_context(|| format!("cannot write {}", path.display())),
        }
    }
}
