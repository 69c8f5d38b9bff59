//! `flash status`: every migration file and tracking row, side by side, with times. Reads only: a database without
//! `_flash_migrations` has every file pending, and the table is not created.

use flash_db::apply::steps;
use flash_db::tracking;
use serde::Serialize;

use crate::cli::{GlobalArgs, StatusArgs};
use crate::database::{block_on, Target};
use crate::exit::ExitStatus;
use crate::migrations::state::{join, Entry, Status};
use crate::printer::Printer;

/// Bumped whenever a field of `--json` changes meaning or goes; new fields do not bump it.
const STATUS_JSON_FORMAT_VERSION: u32 = 1;

pub fn status(
    args: &StatusArgs,
    global: &GlobalArgs,
    printer: Printer,
) -> anyhow::Result<ExitStatus> {
    let target = Target::resolve(global)?;
    let files = target.read_migrations()?;
    let rows = block_on(async {
        let mut conn = target.connect().await?;
        let rows = tracking::read_rows(&mut conn).await?;
        conn.close().await?;
        Ok(rows)
    })?;
    let entries = join(files, rows);
    let json: Vec<MigrationJson> = entries
        .iter()
        .map(|e| MigrationJson::new(&target, e))
        .collect();
    if args.json {
        let out = StatusJson {
            format_version: STATUS_JSON_FORMAT_VERSION,
            migrations: json,
        };
        let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
        text.push('\n');
        printer.output(text);
        return Ok(ExitStatus::Success);
    }
    if entries.is_empty() {
        printer.output(format!(
            "no migrations in {}\n",
            target.migrations.display()
        ));
        return Ok(ExitStatus::Success);
    }
    let mut out = String::new();
    for m in &json {
        let label = match m.status {
            Status::Applied => "applied ",
            Status::Pending => "pending ",
            Status::Failed => "failed  ",
            Status::Modified => "modified",
            Status::Missing => "missing ",
        };
        let detail = match m.status {
            Status::Applied => format!("at {}", m.finished_at.as_deref().unwrap_or("?")),
            Status::Pending => match &m.rolled_back_at {
                Some(t) => format!("rolled back at {t}"),
                None => String::new(),
            },
            Status::Failed => format!(
                "stopped after {} of {} steps, started at {}{}",
                m.applied_steps,
                m.total_steps.map_or("?".to_string(), |t| t.to_string()),
                m.started_at.as_deref().unwrap_or("?"),
                m.error
                    .as_deref()
                    .map(|e| format!(": {e}"))
                    .unwrap_or_default()
            ),
            Status::Modified => format!(
                "applied at {}, the file has changed since (flash repair records it)",
                m.finished_at
                    .as_deref()
                    .or(m.started_at.as_deref())
                    .unwrap_or("?")
            ),
            Status::Missing => "recorded in _flash_migrations, no file".to_string(),
        };
        let legacy = if m.legacy_checksum {
            " (Flash ORM checksum; flash repair updates it)"
        } else {
            ""
        };
        out.push_str(format!("{label}  {}  {detail}{legacy}", m.id).trim_end());
        out.push('\n');
    }
    let count = |s| entries.iter().filter(|e: &&Entry| e.status == s).count();
    out.push_str(&format!(
        "{} applied, {} pending, {} failed, {} modified, {} missing\n",
        count(Status::Applied),
        count(Status::Pending),
        count(Status::Failed),
        count(Status::Modified),
        count(Status::Missing)
    ));
    printer.output(out);
    Ok(ExitStatus::Success)
}

#[derive(Serialize)]
struct StatusJson {
    format_version: u32,
    migrations: Vec<MigrationJson>,
}

#[derive(Serialize)]
struct MigrationJson {
    id: String,
    status: Status,
    /// The file's path, `null` for a row without a file.
    file: Option<String>,
    started_at: Option<String>,
    finished_at: Option<String>,
    rolled_back_at: Option<String>,
    applied_steps: i64,
    /// Steps of the file's Up, `null` without a file.
    total_steps: Option<usize>,
    legacy_checksum: bool,
    /// The error a failed migration stopped on.
    error: Option<String>,
}

impl MigrationJson {
    fn new(target: &Target, e: &Entry) -> Self {
        let row = e.row.as_ref();
        MigrationJson {
            id: e.id.clone(),
            status: e.status,
            file: e.file.as_ref().map(|f| f.path.display().to_string()),
            started_at: row.and_then(|r| r.started_at.clone()),
            finished_at: row.and_then(|r| r.finished_at.clone()),
            rolled_back_at: row.and_then(|r| r.rolled_back_at.clone()),
            applied_steps: row.map_or(0, |r| r.applied_steps_count),
            total_steps: e
                .file
                .as_ref()
                .map(|f| steps(target.dialect, &f.up_statements()).len()),
            legacy_checksum: e.legacy_checksum,
            error: row
                .filter(|_| e.status == Status::Failed)
                .and_then(|r| r.logs.clone()),
        }
    }
}
