//! `flash repair`: record the current files' checksums for applied migrations, saying which and why — a file
//! edited on purpose, or Flash ORM's old file-length checksum replaced by SHA-256.

use flash_db::tracking::{self, TrackingSql};

use crate::cli::{GlobalArgs, RepairArgs};
use crate::database::{block_on, Target};
use crate::exit::ExitStatus;
use crate::migrations::state::{join, Status};
use crate::printer::Printer;

pub fn repair(
    args: &RepairArgs,
    global: &GlobalArgs,
    printer: Printer,
) -> anyhow::Result<ExitStatus> {
    let target = Target::resolve(global)?;
    let files = target.read_migrations()?;
    block_on(async {
        let mut conn = target.connect().await?;
        let lock = target.lock(&mut conn, args.lock_timeout, printer).await?;
        tracking::ensure_table(&mut conn).await?;
        let rows = tracking::read_rows(&mut conn).await?;
        let sql = TrackingSql::new(target.dialect);
        let mut fixed = 0;
        for e in join(files, rows) {
            let (Some(file), Some(row)) = (&e.file, &e.row) else {
                continue;
            };
            if row.checksum == file.checksum || e.status == Status::Pending {
                continue;
            }
            let why = if e.legacy_checksum {
                "Flash ORM's file-length checksum"
            } else {
                "the file was changed after it was applied"
            };
            printer.status(format!(
                "{}: checksum {} -> {} ({why})",
                e.id, row.checksum, file.checksum
            ));
            conn.execute_script(&sql.set_checksum(&e.id, &file.checksum))
                .await?;
            fixed += 1;
        }
        printer.status(if fixed == 0 {
            "nothing to repair: every applied migration's checksum matches its file".to_string()
        } else {
            format!(
                "repaired {fixed} checksum{}",
                if fixed == 1 { "" } else { "s" }
            )
        });
        lock.release(&mut conn).await?;
        conn.close().await?;
        Ok(ExitStatus::Success)
    })
}
