//! Pre-flight checks of `flash apply` (DESIGN §6): before anything runs, count the rows that would make a pending
//! statement fail, and say which table, column and how many rows, with the fix. A table an earlier pending migration
//! creates does not exist yet and holds no rows: nothing to count there.

use flash_core::Dialect;
use flash_db::{preflight, Connection};

use crate::migrations::hazards::{analyse, Check};
use crate::migrations::MigrationSource;

pub async fn check<'a>(
    conn: &mut Connection,
    dialect: Dialect,
    files: impl Iterator<Item = &'a MigrationSource>,
) -> anyhow::Result<Vec<String>> {
    let mut failures = Vec::new();
    for file in files {
        for check in analyse(dialect, &file.up).checks {
            let at = |line: usize| format!("{}:{line}", file.path.display());
            match check {
                Check::EmptyTable {
                    table,
                    column,
                    line,
                } => {
                    if let Some(n @ 1..) = preflight::row_count(conn, &table.0).await? {
                        failures.push(format!(
                            "{}: adds NOT NULL column {table}.{column} without a default, but {table} has {n} row{}; \
                             give the column a DEFAULT, or add it nullable, fill it, then SET NOT NULL",
                            at(line),
                            plural(n)
                        ));
                    }
                }
                Check::NoDuplicates {
                    table,
                    columns,
                    line,
                } => {
                    if let Some(n @ 1..) =
                        preflight::duplicate_rows(conn, &table.0, &columns).await?
                    {
                        let cols = columns.join(", ");
                        failures.push(format!(
                            "{}: a unique key on {table} ({cols}), but {n} rows of {table} share their ({cols}) with \
                             another row; remove or merge the duplicates first (SELECT {cols}, count(*) FROM {table} \
                             GROUP BY {cols} HAVING count(*) > 1 lists them)",
                            at(line)
                        ));
                    }
                }
                Check::NoNulls {
                    table,
                    column,
                    line,
                } => {
                    if let Some(n @ 1..) = preflight::null_rows(conn, &table.0, &column).await? {
                        failures.push(format!(
                            "{}: makes {table}.{column} NOT NULL, but it is NULL in {n} row{}; fill them first \
                             (UPDATE {table} SET {column} = ... WHERE {column} IS NULL)",
                            at(line),
                            plural(n)
                        ));
                    }
                }
            }
        }
    }
    Ok(failures)
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
