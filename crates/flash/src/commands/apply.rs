//! `flash apply`: pending migrations, in id order, under the database's migration lock (docs/apply.md).
//!
//! Everything that can refuse does so before the first statement runs: changed checksums (exit 6), out-of-order
//! files, hazards not allowed (exit 5), a baseline the database is not at (exit 3), and the pre-flight counts.

use std::collections::BTreeSet;
use std::time::Instant;

use anyhow::bail;
use flash_core::snapshot::{fingerprint, load_snapshot};
use flash_core::Schema;
use flash_db::apply::{apply_migration, steps, ApplyError, Migration};
use flash_db::{tracking, Connection};
use flash_diff::HazardKind;

use crate::cli::{ApplyArgs, GlobalArgs};
use crate::database::{block_on, Target};
use crate::exit::ExitStatus;
use crate::migrations::hazards::{analyse, merged};
use crate::migrations::state::{join, Entry, Status};
use crate::migrations::MigrationSource;
use crate::preflight;
use crate::printer::Printer;
use crate::progress::Progress;

pub fn apply(
    args: &ApplyArgs,
    global: &GlobalArgs,
    printer: Printer,
) -> anyhow::Result<ExitStatus> {
    let allowed = allowed_hazards(args.allow_hazards.as_deref())?;
    let target = Target::resolve(global)?;
    let files = target.read_migrations()?;
    block_on(async {
        let mut conn = target.connect().await?;
        let status = if args.dry_run {
            run(args, &allowed, &target, &mut conn, files, printer).await
        } else {
            let lock = target.lock(&mut conn, args.lock_timeout, printer).await?;
            let added = tracking::ensure_table(&mut conn).await?;
            if !added.is_empty() {
                printer.status(format!(
                    "added column{} {} to _flash_migrations (a table Flash ORM made)",
                    if added.len() == 1 { "" } else { "s" },
                    added.join(", ")
                ));
            }
            let status = run(args, &allowed, &target, &mut conn, files, printer).await;
            lock.release(&mut conn).await?;
            status
        };
        conn.close().await?;
        status
    })
}

async fn run(
    args: &ApplyArgs,
    allowed: &BTreeSet<HazardKind>,
    target: &Target,
    conn: &mut Connection,
    files: Vec<MigrationSource>,
    printer: Printer,
) -> anyhow::Result<ExitStatus> {
    let rows = tracking::read_rows(conn).await?;
    let schema_after = schema_after_each(target, &files);
    let entries = join(files, rows);

    let modified: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.status == Status::Modified)
        .collect();
    if !modified.is_empty() {
        for e in &modified {
            let path = e
                .file
                .as_ref()
                .map(|f| f.path.display().to_string())
                .unwrap_or_default();
            eprintln!("error: {path} was changed after it was applied (its checksum no longer matches _flash_migrations)");
        }
        eprintln!(
            "restore the file(s), or run `flash repair` to record the new checksums on purpose"
        );
        return Ok(ExitStatus::Checksum);
    }
    for e in entries.iter().filter(|e| e.status == Status::Missing) {
        printer.note(format!(
            "warning: {} is recorded in _flash_migrations but has no file",
            e.id
        ));
    }
    if entries.iter().any(|e| e.legacy_checksum) {
        printer.note(
            "note: some applied migrations carry Flash ORM's file-length checksum; `flash repair` records SHA-256",
        );
    }

    let newest_applied = entries
        .iter()
        .filter(|e| e.status == Status::Applied)
        .map(|e| e.id.as_str())
        .max();
    let mut pending: Vec<&Entry> = entries
        .iter()
        .filter(|e| matches!(e.status, Status::Pending | Status::Failed))
        .collect();
    if let Some(newest) = newest_applied {
        let early: Vec<&str> = pending
            .iter()
            .filter(|e| e.id.as_str() < newest)
            .map(|e| e.id.as_str())
            .collect();
        if !early.is_empty() && !args.allow_out_of_order {
            bail!(
                "{} older than {newest}, the newest applied migration; apply them anyway with --allow-out-of-order",
                if early.len() == 1 {
                    format!("pending migration {} is", early[0])
                } else {
                    format!("pending migrations {} are", early.join(", "))
                }
            );
        }
    }
    if let Some(n) = args.count {
        pending.truncate(n);
    }
    if pending.is_empty() {
        let applied = entries
            .iter()
            .filter(|e| e.status == Status::Applied)
            .count();
        printer.status(format!(
            "nothing pending: {applied} migration{} applied, the database is up to date",
            plural(applied)
        ));
        return Ok(ExitStatus::Success);
    }

    // Hazards, from the header and from the statements.
    let mut blocked = Vec::new();
    for e in &pending {
        let file = source(e);
        let analysis = analyse(target.dialect, &file.up);
        for h in merged(&file.header_hazards, &analysis.findings) {
            if h.blocking() && !allowed.contains(&h.kind) {
                blocked.push((file, h));
            }
        }
    }
    if !blocked.is_empty() && !args.dry_run {
        for (file, h) in &blocked {
            eprintln!("hazard: {}: {h}", file.path.display());
        }
        let kinds: BTreeSet<String> = blocked
            .iter()
            .map(|(_, h)| h.kind.as_str().to_lowercase().replace('_', "-"))
            .collect();
        eprintln!(
            "error: nothing was applied: {} hazard{} not allowed; review them, then pass --allow-hazards {}",
            blocked.len(),
            plural(blocked.len()),
            kinds.into_iter().collect::<Vec<_>>().join(",")
        );
        return Ok(ExitStatus::Hazard);
    }

    // The baseline: the first pending migration must have been generated against the schema the database is at.
    let first = pending[0];
    if first.status == Status::Pending && !args.force_after_drift {
        if let Some(expected) = current_baseline(target, &entries) {
            if let Some(baseline) = source(first).baseline.as_deref() {
                if baseline != expected {
                    eprintln!(
                        "error: {} was generated against schema {}, but the database is at schema {} (the baseline \
                         of its last applied migration); regenerate it with `flash migrate`, or apply it anyway with \
                         --force-after-drift",
                        source(first).path.display(),
                        short(baseline),
                        short(&expected)
                    );
                    return Ok(ExitStatus::Drift);
                }
            }
        }
    }

    let failures =
        preflight::check(conn, target.dialect, pending.iter().map(|e| source(e))).await?;
    if !failures.is_empty() {
        for f in &failures {
            eprintln!("error: {f}");
        }
        bail!(
            "nothing was applied: {} pre-flight check{} failed",
            failures.len(),
            plural(failures.len())
        );
    }

    if args.dry_run {
        for (file, h) in &blocked {
            printer.note(format!(
                "hazard (would block without --allow-hazards): {}: {h}",
                file.path.display()
            ));
        }
        for e in &pending {
            print_dry_run(target, e, printer);
        }
        printer.note(format!(
            "--dry-run: {} migration{} would be applied; nothing was changed",
            pending.len(),
            plural(pending.len())
        ));
        return Ok(ExitStatus::Success);
    }

    let mut progress = Progress::new(pending.len());
    for (k, e) in pending.iter().enumerate() {
        let file = source(e);
        progress.show(k, &file.id);
        let migration = Migration {
            id: file.id.clone(),
            name: file.name.clone(),
            checksum: file.checksum.clone(),
            statements: file.up_statements(),
            down_sql: (!file.down.is_empty()).then(|| file.down_text.clone()),
            schema_after: schema_after.get(&file.id).cloned().flatten(),
        };
        let done = e.done_steps();
        let started = Instant::now();
        let result = apply_migration(conn, &migration, done).await;
        progress.clear();
        match result {
            Ok(total) => {
                let resumed = if done > 0 {
                    format!(" (resumed after step {done} of {total})")
                } else {
                    String::new()
                };
                printer.status(format!(
                    "applied {} in {}{resumed}",
                    file.id,
                    duration(started)
                ));
            }
            Err(ApplyError::Step {
                step,
                statement,
                message,
            }) => {
                let total = steps(target.dialect, &migration.statements).len();
                let at = match statement {
                    Some(i) => {
                        let s = &file.up[i];
                        format!("{}:{}: {}", file.path.display(), s.line, first_line(&s.sql))
                    }
                    None => file.path.display().to_string(),
                };
                let left = pending.len() - k - 1;
                bail!(
                    "migration {} failed at {at}\n{message}\n{step} of {total} step{} of {} recorded; {} and {left} \
                     later migration{} not applied. Fix the statement and run `flash apply` again to continue from \
                     there.",
                    file.id,
                    plural(total),
                    file.id,
                    if step + 1 == total { "the failing step".to_string() } else { format!("steps {} to {total}", step + 1) },
                    plural(left)
                );
            }
            Err(ApplyError::Db(e)) => return Err(e.into()),
        }
    }
    Ok(ExitStatus::Success)
}

fn source(e: &Entry) -> &MigrationSource {
    e.file.as_ref().expect("pending entries come from files")
}

/// The baseline hash the schema is at after each file: the next file's baseline, or for the newest file the
/// snapshot `flash migrate` saved with it.
fn schema_after_each(
    target: &Target,
    files: &[MigrationSource],
) -> std::collections::HashMap<String, Option<String>> {
    let snapshot = target.snapshot_path();
    let last = snapshot
        .exists()
        .then(|| load_snapshot(&snapshot).ok())
        .flatten()
        .map(|s| fingerprint(&s));
    files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let after = match files.get(i + 1) {
                Some(next) => next.baseline.clone(),
                None => last.clone(),
            };
            (f.id.clone(), after)
        })
        .collect()
}

/// The baseline hash the database is at: what its newest applied migration recorded, or the empty schema when
/// nothing was ever applied; `None` when that is not known (a row Flash ORM wrote).
fn current_baseline(target: &Target, entries: &[Entry]) -> Option<String> {
    let applied: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.status == Status::Applied)
        .collect();
    match applied.last() {
        Some(e) => e.row.as_ref().and_then(|r| r.schema_after.clone()),
        None if entries.iter().all(|e| e.row.is_none()) => {
            Some(fingerprint(&Schema::new(target.dialect)))
        }
        None => None,
    }
}

fn print_dry_run(target: &Target, e: &Entry, printer: Printer) {
    let file = source(e);
    let done = e.done_steps();
    let all = steps(target.dialect, &file.up_statements());
    let mut out = format!(
        "-- {} ({} statement{})\n",
        file.id,
        file.up.len(),
        plural(file.up.len())
    );
    if done > 0 {
        out.push_str(&format!("-- resumes after step {done} of {}\n", all.len()));
    }
    for step in all.iter().skip(done) {
        for s in &file.up[step.first..step.first + step.len] {
            if s.no_transaction {
                out.push_str("-- flash:no-transaction\n");
            }
            out.push_str(&s.sql);
            out.push_str(";\n");
        }
    }
    printer.output(out);
}

/// `--allow-hazards data-loss,long-lock` or `all`.
fn allowed_hazards(arg: Option<&str>) -> anyhow::Result<BTreeSet<HazardKind>> {
    let Some(arg) = arg else {
        return Ok(BTreeSet::new());
    };
    if arg.trim().eq_ignore_ascii_case("all") {
        return Ok(HazardKind::ALL.into_iter().collect());
    }
    arg.split(',')
        .filter(|k| !k.trim().is_empty())
        .map(|k| {
            k.parse::<HazardKind>()
                .map_err(|e| anyhow::anyhow!("--allow-hazards: {e}"))
        })
        .collect()
}

pub fn duration(started: Instant) -> String {
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

fn first_line(sql: &str) -> String {
    let line = sql.lines().next().unwrap_or_default();
    if sql.contains('\n') {
        format!("{line} ...")
    } else {
        line.to_string()
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
