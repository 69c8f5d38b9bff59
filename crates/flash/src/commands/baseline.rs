//! `flash baseline`: adopt a database whose schema was made some other way — record every migration file not yet
//! applied as applied, without running it.

use flash_db::apply::steps;
use flash_db::tracking::{self, NewRow, Time, TrackingSql};

use crate::cli::{BaselineArgs, GlobalArgs};
use crate::database::{block_on, Target};
use crate::exit::ExitStatus;
use crate::migrations::state::{join, Status};
use crate::printer::Printer;

pub fn baseline(
    args: &BaselineArgs,
    global: &GlobalArgs,
    printer: Printer,
) -> anyhow::Result<ExitStatus> {
    let target = Target::resolve(global)?;
    let files = target.read_migrations()?;
    let after: Vec<Option<String>> = (0..files.len())
        .map(|i| files.get(i + 1).and_then(|f| f.baseline.clone()))
        .collect();
    let snapshot = target.snapshot_path();
    let last_after = snapshot
        .exists()
        .then(|| flash_core::snapshot::load_snapshot(&snapshot).ok())
        .flatten()
        .map(|s| flash_core::snapshot::fingerprint(&s));
    let after: std::collections::HashMap<String, Option<String>> = files
        .iter()
        .zip(after)
        .map(|(f, a)| (f.id.clone(), a.or_else(|| last_after.clone())))
        .collect();
    block_on(async {
        let mut conn = target.connect().await?;
        let lock = target.lock(&mut conn, args.lock_timeout, printer).await?;
        tracking::ensure_table(&mut conn).await?;
        let rows = tracking::read_rows(&mut conn).await?;
        let sql = TrackingSql::new(target.dialect);
        let mut recorded = 0;
        for e in join(files, rows) {
            let Some(file) = e
                .file
                .as_ref()
                .filter(|_| matches!(e.status, Status::Pending | Status::Failed))
            else {
                continue;
            };
            let total = steps(target.dialect, &file.up_statements()).len();
            let row = NewRow {
                id: &file.id,
                name: &file.name,
                checksum: &file.checksum,
                finished: Time::Now,
                steps: total,
                logs: Some("recorded by flash baseline; not run"),
                down_sql: (!file.down.is_empty()).then_some(file.down_text.as_str()),
                schema_after: after.get(&file.id).and_then(|a| a.as_deref()),
            };
            conn.execute_script(&sql.upsert(&row)).await?;
            printer.status(format!("recorded {} as applied", file.id));
            recorded += 1;
        }
        printer.status(format!(
            "baseline: {recorded} migration{} recorded as applied without running",
            if recorded == 1 { "" } else { "s" }
        ));
        lock.release(&mut conn).await?;
        conn.close().await?;
        Ok(ExitStatus::Success)
    })
}
