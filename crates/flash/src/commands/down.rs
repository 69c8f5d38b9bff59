//! `flash down`: roll back the newest applied migrations with their Downs — the file's, or the one stored in
//! `_flash_migrations` when the file is gone — newest first, under the migration lock.

use std::time::Instant;

use anyhow::bail;
use flash_db::apply::{rollback_migration, ApplyError};
use flash_db::{tracking, Connection};

use crate::cli::{DownArgs, GlobalArgs};
use crate::commands::apply::duration;
use crate::database::{block_on, Target};
use crate::exit::ExitStatus;
use crate::migrations::read::to_engine;
use crate::migrations::state::{join, Entry, Status};
use crate::migrations::SourceStatement;
use crate::printer::Printer;

pub fn down(args: &DownArgs, global: &GlobalArgs, printer: Printer) -> anyhow::Result<ExitStatus> {
    let target = Target::resolve(global)?;
    let files = target.read_migrations()?;
    block_on(async {
        let mut conn = target.connect().await?;
        let lock = target.lock(&mut conn, args.lock_timeout, printer).await?;
        let rows = tracking::read_rows(&mut conn).await?;
        let entries = join(files, rows);
        let applied: Vec<&Entry> = entries
            .iter()
            .filter(|e| {
                matches!(
                    e.status,
                    Status::Applied | Status::Modified | Status::Missing
                )
            })
            .filter(|e| e.row.as_ref().is_some_and(|r| r.finished_at.is_some()))
            .collect();
        let chosen: Vec<&Entry> = match (&args.id, args.steps) {
            (Some(id), _) => {
                if !applied.iter().any(|e| &e.id == id) {
                    bail!("{id} is not an applied migration (see `flash status`)");
                }
                applied
                    .iter()
                    .rev()
                    .take_while(|e| &e.id >= id)
                    .copied()
                    .collect()
            }
            (None, n) => applied.iter().rev().take(n.unwrap_or(1)).copied().collect(),
        };
        if chosen.is_empty() {
            printer.status("nothing to roll back: no migration is applied");
        }
        for e in &chosen {
            let statements = down_statements(&target, e)?;
            let started = Instant::now();
            roll_back(&mut conn, e, &statements).await?;
            printer.status(format!("rolled back {} in {}", e.id, duration(started)));
        }
        lock.release(&mut conn).await?;
        conn.close().await?;
        Ok(ExitStatus::Success)
    })
}

/// The Down to run for an applied migration: the file's when the file is the one that was applied, else the one
/// stored with the row. A migration with neither cannot be rolled back.
pub fn down_statements(target: &Target, e: &Entry) -> anyhow::Result<Vec<SourceStatement>> {
    if let Some(file) = e.file.as_ref().filter(|_| e.status != Status::Modified) {
        if !file.down.is_empty() {
            return Ok(file.down.clone());
        }
    }
    if let Some(stored) = e
        .row
        .as_ref()
        .and_then(|r| r.down_sql.as_deref())
        .filter(|s| !s.trim().is_empty())
    {
        let ranges = flash_parse::statement::split(target.dialect, stored)
            .map_err(|err| anyhow::anyhow!("the Down stored for {} does not parse: {err}", e.id))?;
        return Ok(ranges
            .into_iter()
            .map(|r| SourceStatement {
                sql: stored[r.clone()].to_string(),
                line: stored[..r.start].lines().count().max(1),
                no_transaction: false,
            })
            .collect());
    }
    bail!(
        "{} has no Down to roll back with (its Down section is empty{})",
        e.id,
        if e.file.is_none() {
            " and its file is gone"
        } else {
            ""
        }
    )
}

pub async fn roll_back(
    conn: &mut Connection,
    e: &Entry,
    statements: &[SourceStatement],
) -> anyhow::Result<()> {
    let engine = to_engine(statements);
    match rollback_migration(conn, &e.id, &engine).await {
        Ok(()) => Ok(()),
        Err(ApplyError::Step {
            statement, message, ..
        }) => {
            let at = match (statement, &e.file) {
                (Some(i), Some(f)) => format!(" at {}:{}", f.path.display(), statements[i].line),
                (Some(i), None) => format!(" at line {} of its stored Down", statements[i].line),
                _ => String::new(),
            };
            bail!("rolling back {} failed{at}\n{message}", e.id)
        }
        Err(ApplyError::Db(e)) => Err(e.into()),
    }
}
