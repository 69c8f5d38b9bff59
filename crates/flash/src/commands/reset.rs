//! `flash reset`: roll back every applied migration (newest first, with their Downs), then drop
//! `_flash_migrations`. Asks on a terminal; without one it needs `--force` and never waits for input.

use std::io::{BufRead, IsTerminal, Write};
use std::time::Instant;

use anyhow::bail;
use flash_db::tracking;

use crate::cli::{GlobalArgs, ResetArgs};
use crate::commands::apply::{duration, plural};
use crate::commands::down::{down_statements, roll_back};
use crate::database::{block_on, Target};
use crate::exit::ExitStatus;
use crate::migrations::state::{join, Entry, Status};
use crate::printer::Printer;

pub fn reset(
    args: &ResetArgs,
    global: &GlobalArgs,
    printer: Printer,
) -> anyhow::Result<ExitStatus> {
    let target = Target::resolve(global)?;
    if !args.force {
        if !std::io::stdin().is_terminal() {
            bail!("refusing to reset without --force: there is no terminal to confirm on");
        }
        eprint!(
            "This rolls back every applied migration of {} and drops _flash_migrations. Type `reset` to go on: ",
            flash_db::mask_password(&target.url.url)
        );
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        // End of input is a no, like any other answer.
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if answer.trim() != "reset" {
            bail!("reset cancelled: nothing was changed");
        }
    }
    let files = target.read_migrations()?;
    block_on(async {
        let mut conn = target.connect().await?;
        let lock = target.lock(&mut conn, args.lock_timeout, printer).await?;
        let rows = tracking::read_rows(&mut conn).await?;
        let entries = join(files, rows);
        let applied: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.row.as_ref().is_some_and(|r| r.finished_at.is_some()))
            .filter(|e| e.status != Status::Pending)
            .collect();
        // Every Down is found before the first one runs, so a missing one stops nothing half-way.
        let mut downs = Vec::new();
        for e in applied.iter().rev() {
            downs.push((e, down_statements(&target, e)?));
        }
        for (e, statements) in &downs {
            let started = Instant::now();
            roll_back(&mut conn, e, statements).await?;
            printer.status(format!("rolled back {} in {}", e.id, duration(started)));
        }
        tracking::drop_table(&mut conn).await?;
        printer.status(format!(
            "reset: {} migration{} rolled back, _flash_migrations dropped",
            downs.len(),
            plural(downs.len())
        ));
        lock.release(&mut conn).await?;
        conn.close().await?;
        Ok(ExitStatus::Success)
    })
}
