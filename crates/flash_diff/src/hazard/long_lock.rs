//! LONG_LOCK: a lock held on an existing table while its rows are scanned — index builds, constraint validation,
//! SET NOT NULL. Each line offers the safe form where the database has one. SQLite takes no such lock that its
//! rebuild (a TABLE_REWRITE) does not already say.

use flash_core::{Dialect, Index};

use super::{constraint_label, set_not_null, Ctx, Hazard, HazardKind};
use crate::{Change, Object};

pub(super) fn hazards(ctx: &Ctx<'_>, change: &Change) -> Vec<Hazard> {
    let detail = match ctx.dialect {
        Dialect::Postgres => postgres(ctx, change),
        Dialect::Mysql => mysql(ctx, change),
        Dialect::Sqlite => Vec::new(),
    };
    detail
        .into_iter()
        .map(|d| Hazard::new(HazardKind::LongLock, d))
        .collect()
}

fn created_index(change: &Change) -> Option<&Index> {
    match change {
        Change::Create { object } | Change::Replace { to: object, .. } => match object.as_ref() {
            Object::Index(i) => Some(i),
            _ => None,
        },
        _ => None,
    }
}

const NOT_VALID: &str =
    "the safe form is ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in a later step";

fn postgres(ctx: &Ctx<'_>, change: &Change) -> Vec<String> {
    if let Some(index) = created_index(change) {
        if !ctx.existing(&index.table) || index.options.contains_key("concurrently") {
            return Vec::new();
        }
        let unique = if index.unique { "UNIQUE " } else { "" };
        return vec![format!(
            "CREATE {unique}INDEX {} ON {} blocks writes to the table while it builds; the safe form is CREATE {unique}INDEX CONCURRENTLY",
            index.name, index.table
        )];
    }
    if let Some((table, column)) = set_not_null(change) {
        return vec![format!(
            "SET NOT NULL on {table}.{column} scans every row under an ACCESS EXCLUSIVE lock; the safe form is \
             ADD CONSTRAINT ... CHECK ({column} IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL \
             (which uses the validated check) and drop the check"
        )];
    }
    let (label, safe) = match change {
        Change::AddCheck { table, check } if !check.not_valid => (
            format!(
                "adds {}, validating every row under an ACCESS EXCLUSIVE lock",
                constraint_label("CHECK", check.name.as_deref(), table)
            ),
            NOT_VALID.to_string(),
        ),
        Change::AddForeignKey { table, foreign_key } if !foreign_key.not_valid => (
            format!(
                "adds {}, validating every row while {table} and {} are locked against writes",
                constraint_label("FOREIGN KEY", foreign_key.name.as_deref(), table),
                foreign_key.ref_table
            ),
            NOT_VALID.to_string(),
        ),
        Change::AddUnique { table, unique } => (
            format!(
                "adds {}, building its index while writes are blocked",
                constraint_label("UNIQUE", unique.name.as_deref(), table)
            ),
            "the safe form is CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX".to_string(),
        ),
        Change::AddPrimaryKey { table, primary_key } => (
            format!(
                "adds {}, building its index while writes are blocked",
                constraint_label("PRIMARY KEY", primary_key.name.as_deref(), table)
            ),
            "the safe form is CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX"
                .to_string(),
        ),
        Change::AddExclusion { table, exclusion } => (
            format!(
                "adds {}, building its index while writes are blocked",
                constraint_label("EXCLUDE", exclusion.name.as_deref(), table)
            ),
            String::new(),
        ),
        _ => return Vec::new(),
    };
    match change_table(change) {
        Some(table) if ctx.existing(table) => {
            if safe.is_empty() {
                vec![label]
            } else {
                vec![format!("{label}; {safe}")]
            }
        }
        _ => Vec::new(),
    }
}

fn change_table(change: &Change) -> Option<&flash_core::QualName> {
    match change {
        Change::AddCheck { table, .. }
        | Change::AddForeignKey { table, .. }
        | Change::AddUnique { table, .. }
        | Change::AddPrimaryKey { table, .. }
        | Change::AddExclusion { table, .. } => Some(table),
        _ => None,
    }
}

/// MariaDB builds ordinary indexes online; FULLTEXT and SPATIAL ones, foreign keys (with `foreign_key_checks` on)
/// and CHECK constraints copy or lock the table against writes, and it has no NOT VALID.
fn mysql(ctx: &Ctx<'_>, change: &Change) -> Vec<String> {
    if let Some(index) = created_index(change) {
        let method = index.method.as_deref().unwrap_or_default();
        if ctx.existing(&index.table) && matches!(method, "fulltext" | "spatial") {
            return vec![format!(
                "CREATE {} INDEX {} ON {} blocks writes to the table while it builds",
                method.to_uppercase(),
                index.name,
                index.table
            )];
        }
        return Vec::new();
    }
    let (table, label) = match change {
        Change::AddCheck { table, check } => (
            table,
            constraint_label("CHECK", check.name.as_deref(), table),
        ),
        Change::AddForeignKey { table, foreign_key } => (
            table,
            constraint_label("FOREIGN KEY", foreign_key.name.as_deref(), table),
        ),
        _ => return Vec::new(),
    };
    if !ctx.existing(table) {
        return Vec::new();
    }
    vec![format!(
        "adds {label}, copying {table} to validate every row while writes are blocked"
    )]
}

#[cfg(test)]
mod tests {
    use flash_core::Dialect;

    use super::super::test_support::lines;
    use super::hazards;

    #[test]
    fn postgres_existing_tables_only() {
        let from = "
            CREATE TABLE users (id bigint, email text, age integer, org_id bigint, nick text);
            CREATE TABLE orgs (id bigint PRIMARY KEY);
        ";
        let to = "
            CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE, age integer NOT NULL CHECK (age > 0),
                                org_id bigint REFERENCES orgs (id), nick text);
            ALTER TABLE users ADD CONSTRAINT users_nick_check CHECK (nick <> '') NOT VALID;
            CREATE TABLE orgs (id bigint PRIMARY KEY);
            CREATE INDEX users_email_idx ON users (email);
            CREATE TABLE fresh (id bigint PRIMARY KEY, org_id bigint REFERENCES orgs (id) CHECK (id > 0), code text UNIQUE);
            CREATE INDEX fresh_code_idx ON fresh (code);
        ";
        insta::assert_snapshot!(lines(Dialect::Postgres, from, to, hazards));
    }

    #[test]
    fn mysql_validation_copies() {
        let from = "
            CREATE TABLE orgs (id BIGINT PRIMARY KEY);
            CREATE TABLE users (id BIGINT PRIMARY KEY, org_id BIGINT, bio TEXT, age INT);
        ";
        let to = "
            CREATE TABLE orgs (id BIGINT PRIMARY KEY);
            CREATE TABLE users (id BIGINT PRIMARY KEY, org_id BIGINT, bio TEXT, age INT,
                                CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id),
                                CONSTRAINT users_age CHECK (age > 0));
            CREATE INDEX users_age_idx ON users (age);
            CREATE FULLTEXT INDEX users_bio_ft ON users (bio);
        ";
        insta::assert_snapshot!(lines(Dialect::Mysql, from, to, hazards));
    }

    #[test]
    fn sqlite_has_none() {
        let from = "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);";
        let to =
            "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL); CREATE INDEX t_a ON t (a);";
        assert_eq!(lines(Dialect::Sqlite, from, to, hazards), "");
    }
}
