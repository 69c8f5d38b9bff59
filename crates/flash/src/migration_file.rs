//! The migration file `flash migrate` writes (docs/migration-files.md): its text, its name and its timestamp.

use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use flash_core::QualName;
use flash_diff::render::Placement;
use flash_diff::{Change, Object, Plan, PlanError, Step};

use crate::commands::hazard_lines;

/// Longest derived or given name, so file names stay readable in a listing.
const MAX_NAME_LEN: usize = 50;

/// A migration as Flash writes it: the Up, and the Down when the dialect's renderer can make one.
#[derive(Debug, Clone)]
pub struct Planned {
    pub up: Plan,
    /// `None` when no Down could be made; `irreversible` then says why.
    pub down: Option<Plan>,
    pub irreversible: Vec<String>,
}

/// The Up from `from` to `to`, and its Down. A Down the renderer cannot make yet does not cost the user the Up:
/// the migration is still written, and says that it has no Down and why.
pub fn plan(from: &flash_core::Schema, to: &flash_core::Schema) -> Result<Planned, PlanError> {
    let up = flash_diff::plan(from, to)?;
    Ok(match flash_diff::plan_down(from, to, &up) {
        Ok(down) => Planned {
            irreversible: flash_diff::irreversible(&up),
            up,
            down: Some(down),
        },
        Err(e) => Planned {
            up,
            down: None,
            irreversible: vec![format!("no Down could be generated: {e}")],
        },
    })
}

/// The file's text. `migration` is `None` for `--empty`: the sections are there, to fill in by hand.
pub fn render(baseline: &str, migration: Option<&Planned>) -> String {
    let mut out = format!("-- flash:baseline {baseline}\n");
    if let Some(m) = migration {
        out.push_str(&hazard_lines(&m.up.hazards));
    }
    out.push_str("-- +migrate Up\n");
    if let Some(m) = migration {
        push_steps(&mut out, &m.up.steps);
    }
    out.push_str("-- +migrate Down\n");
    if let Some(m) = migration {
        for note in &m.irreversible {
            let _ = writeln!(out, "-- flash:irreversible {note}");
        }
        if let Some(down) = &m.down {
            push_steps(&mut out, &down.steps);
        }
    }
    out
}

/// Statements in the order they run; apply groups the unmarked ones into the migration's transaction.
fn push_steps(out: &mut String, steps: &[Step]) {
    for step in steps {
        if step.placement != Placement::Transaction {
            out.push_str("-- flash:no-transaction\n");
        }
        let _ = writeln!(out, "{};", step.sql);
    }
}

/// `add users` -> `add_users`: lower case ASCII letters and digits, one `_` between words, at most 50 characters.
pub fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let mut out = out.trim_end_matches('_').to_string();
    if out.len() > MAX_NAME_LEN {
        // Cut at a word boundary where there is one, so the name does not end mid-word.
        out.truncate(MAX_NAME_LEN);
        if let Some(cut) = out.rfind('_').filter(|&i| i > 0) {
            out.truncate(cut);
        }
    }
    out
}

/// A short name for what the changes do, from the table they touch: `create_users`, `add_email_to_users`,
/// `drop_posts`, `alter_users`; several tables created (or dropped) together name them all while that stays short;
/// anything else is `schema_changes`, or `initial_schema` when the migration starts from an empty schema.
pub fn derive_name(changes: &[Change], from_empty: bool) -> String {
    let fallback = if from_empty {
        "initial_schema"
    } else {
        "schema_changes"
    };
    let name = derive_table_name(changes).unwrap_or_default();
    // A name cut short would claim less than the migration does.
    if name.is_empty() || name.len() >= MAX_NAME_LEN {
        return fallback.to_string();
    }
    name
}

/// The name from the tables the changes touch, when they touch tables only and say it shortly.
fn derive_table_name(changes: &[Change]) -> Option<String> {
    let mut tables: Vec<(&QualName, Verb)> = Vec::new();
    for change in changes {
        let (table, verb) = table_verb(change)?;
        match tables.iter_mut().find(|(t, _)| *t == table) {
            Some((_, seen)) => *seen = seen.merge(verb),
            None => tables.push((table, verb)),
        }
    }
    let name = match tables.as_slice() {
        [] => return None,
        [(table, Verb::AddColumns(columns))] => {
            format!("add_{}_to_{}", columns.join("_"), table.name)
        }
        [(table, verb)] => format!("{}_{}", verb.word(), table.name),
        [(_, first), ..] => {
            let word = first.word();
            if !matches!(first, Verb::Create | Verb::Drop)
                || tables.iter().any(|(_, v)| v.word() != word)
            {
                return None;
            }
            let names: Vec<&str> = tables.iter().map(|(t, _)| t.name.as_str()).collect();
            format!("{word}_{}", names.join("_"))
        }
    };
    Some(snake_case(&name))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Verb {
    Create,
    Drop,
    AddColumns(Vec<String>),
    Alter,
}

impl Verb {
    fn word(&self) -> &'static str {
        match self {
            Verb::Create => "create",
            Verb::Drop => "drop",
            Verb::AddColumns(_) => "add",
            Verb::Alter => "alter",
        }
    }

    /// Creating a table with its indexes is still creating it; adding columns to it is adding them; the rest
    /// together is altering it.
    fn merge(&self, other: Verb) -> Verb {
        match (self, other) {
            (Verb::Create, Verb::Create | Verb::Alter) | (Verb::Alter, Verb::Create) => {
                Verb::Create
            }
            (Verb::Drop, Verb::Drop) => Verb::Drop,
            (Verb::AddColumns(a), Verb::AddColumns(b)) => {
                Verb::AddColumns(a.iter().cloned().chain(b).collect())
            }
            _ => Verb::Alter,
        }
    }
}

/// The table a change is about and what it does to it; `None` for changes to anything but a table and what
/// hangs off it.
fn table_verb(change: &Change) -> Option<(&QualName, Verb)> {
    match change {
        Change::Create { object } => {
            let verb = match object.as_ref() {
                Object::Table(_) => Verb::Create,
                _ => Verb::Alter,
            };
            on_table(object).map(|t| (t, verb))
        }
        Change::Drop { object } => {
            let verb = match object.as_ref() {
                Object::Table(_) => Verb::Drop,
                _ => Verb::Alter,
            };
            on_table(object).map(|t| (t, verb))
        }
        Change::Replace { to, .. } => on_table(to).map(|t| (t, Verb::Alter)),
        Change::RenameTable { to, .. } => Some((to, Verb::Alter)),
        Change::AddColumn { table, column } => {
            Some((table, Verb::AddColumns(vec![column.name.clone()])))
        }
        other => other.altered_table().map(|t| (t, Verb::Alter)),
    }
}

fn on_table(object: &Object) -> Option<&QualName> {
    match object {
        Object::Table(t) => Some(&t.name),
        Object::Index(i) => Some(&i.table),
        Object::Trigger(t) => Some(&t.table),
        Object::Policy(p) => Some(&p.table),
        Object::Rule(r) => Some(&r.table),
        _ => None,
    }
}

/// A migration's `YYYYMMDDHHMMSS` stamp, in UTC so that a team across time zones sorts its files the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp(i64);

impl Stamp {
    pub fn now() -> Stamp {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Stamp(i64::try_from(secs).unwrap_or(i64::MAX))
    }

    /// The stamp a file name starts with, if it starts with fourteen digits that make a date and time.
    pub fn parse(file_name: &str) -> Option<Stamp> {
        let digits = file_name.get(..14)?;
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let field = |r: std::ops::Range<usize>| digits[r].parse::<i64>().ok();
        let (y, mo, d) = (field(0..4)?, field(4..6)?, field(6..8)?);
        let (h, mi, s) = (field(8..10)?, field(10..12)?, field(12..14)?);
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 59 {
            return None;
        }
        Some(Stamp(
            days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s,
        ))
    }

    pub fn next(self) -> Stamp {
        Stamp(self.0 + 1)
    }
}

impl std::fmt::Display for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (days, secs) = (self.0.div_euclid(86_400), self.0.rem_euclid(86_400));
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}{m:02}{d:02}{:02}{:02}{:02}",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}

// Howard Hinnant's algorithms for the proleptic Gregorian calendar: days since 1970-01-01 and back.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_read_back_what_they_print() {
        for text in [
            "19700101000000",
            "20000229235959",
            "20261231235959",
            "21000301120000",
        ] {
            let stamp = Stamp::parse(text).expect("a stamp");
            assert_eq!(stamp.to_string(), text);
        }
        assert_eq!(
            Stamp::parse("20261231235959_x.sql").map(|s| s.next().to_string()),
            Some("20270101000000".to_string())
        );
        assert_eq!(Stamp::parse("2026123123595_x.sql"), None);
        assert_eq!(Stamp::parse("20261331000000_x.sql"), None);
        assert_eq!(Stamp::parse("notes.md"), None);
    }

    #[test]
    fn file_carries_hazards_transaction_marks_and_irreversible_notes() {
        use flash_diff::{Hazard, HazardKind, Plan};
        let plan = |steps: Vec<Step>, hazards| Plan {
            dialect: flash_core::Dialect::Postgres,
            changes: Vec::new(),
            steps,
            hazards,
        };
        let step = |sql: &str, placement| Step {
            sql: sql.into(),
            placement,
        };
        let migration = Planned {
            up: plan(
                vec![
                    step(
                        "ALTER TYPE mood ADD VALUE 'meh'",
                        Placement::BeforeTransaction,
                    ),
                    step(
                        "ALTER TABLE public.users DROP COLUMN bio",
                        Placement::Transaction,
                    ),
                    step(
                        "CREATE INDEX CONCURRENTLY users_name_idx ON public.users (name)",
                        Placement::AfterTransaction,
                    ),
                ],
                vec![Hazard::new(
                    HazardKind::DataLoss,
                    "drops column public.users.bio",
                )],
            ),
            down: Some(plan(
                vec![
                    step(
                        "DROP INDEX CONCURRENTLY public.users_name_idx",
                        Placement::BeforeTransaction,
                    ),
                    step(
                        "ALTER TABLE public.users ADD COLUMN bio text",
                        Placement::Transaction,
                    ),
                ],
                Vec::new(),
            )),
            irreversible: vec!["the values of column public.users.bio are not restored".into()],
        };
        assert_eq!(
            render("abc", Some(&migration)),
            "-- flash:baseline abc\n\
             -- flash:hazard DATA_LOSS drops column public.users.bio\n\
             -- +migrate Up\n\
             -- flash:no-transaction\n\
             ALTER TYPE mood ADD VALUE 'meh';\n\
             ALTER TABLE public.users DROP COLUMN bio;\n\
             -- flash:no-transaction\n\
             CREATE INDEX CONCURRENTLY users_name_idx ON public.users (name);\n\
             -- +migrate Down\n\
             -- flash:irreversible the values of column public.users.bio are not restored\n\
             -- flash:no-transaction\n\
             DROP INDEX CONCURRENTLY public.users_name_idx;\n\
             ALTER TABLE public.users ADD COLUMN bio text;\n"
        );
        assert_eq!(
            render("abc", None),
            "-- flash:baseline abc\n-- +migrate Up\n-- +migrate Down\n"
        );
    }

    #[test]
    fn names_are_snake_case_and_short() {
        assert_eq!(snake_case("Add Users!"), "add_users");
        assert_eq!(snake_case("  --x--y-- "), "x_y");
        assert_eq!(snake_case("ümlaut"), "mlaut");
        let long = snake_case(&"word ".repeat(20));
        assert!(
            long.len() <= MAX_NAME_LEN && long.ends_with("word"),
            "{long}"
        );
    }
}
