//! A renamed table keeps the names PostgreSQL generated from its old name (`customer_pkey`, `customer_id_seq`). When
//! the target names them after the new table, the differ sees a drop and an add of the same constraint, index or
//! sequence; this pass turns each such pair into a rename, which keeps the object (and what depends on it, such
//! as a foreign key on the primary key) in place.

use std::borrow::Cow;

use flash_core::{QualName, Sequence};

use super::ddl::{ident, qname};
use super::Phase;
use crate::render::Staged;
use crate::{Change, ColumnChange, Object};

/// The name `old` would have after its table was renamed from `from_table` to `to_table`, when it follows the old
/// table's name.
fn follows(old: &str, from_table: &str, to_table: &str) -> Option<String> {
    old.strip_prefix(from_table)
        .filter(|rest| rest.starts_with('_'))
        .map(|rest| format!("{to_table}{rest}"))
}

/// `(old, new)` names of a dropped and an added constraint that differ only by a name following the table rename
/// (the same name when only a foreign key's target was renamed, which PostgreSQL follows by itself).
fn constraint_pair(
    drop: &Change,
    add: &Change,
    from_table: &QualName,
    to_table: &QualName,
) -> Option<(String, String)> {
    let (from, to) = (from_table.name.as_str(), to_table.name.as_str());
    let retarget = |fk: &mut flash_core::ForeignKey| {
        if fk.ref_table == *from_table {
            fk.ref_table = to_table.clone();
        }
    };
    macro_rules! pair {
        ($a:expr, $b:expr) => {
            pair!($a, $b, |_| {})
        };
        ($a:expr, $b:expr, $adjust:expr) => {{
            let (a, b) = ($a, $b);
            let old = a.name.clone()?;
            let new = b.name.clone()?;
            let mut renamed = a.clone();
            renamed.name = Some(new.clone());
            $adjust(&mut renamed);
            let follows = old == new || follows(&old, from, to).as_deref() == Some(new.as_str());
            (follows && renamed == *b).then_some((old, new))
        }};
    }
    use Change as C;
    match (drop, add) {
        (
            C::DropPrimaryKey {
                table: t1,
                primary_key: a,
            },
            C::AddPrimaryKey {
                table: t2,
                primary_key: b,
            },
        ) if t1 == t2 => {
            pair!(a, b)
        }
        (
            C::DropUnique {
                table: t1,
                unique: a,
            },
            C::AddUnique {
                table: t2,
                unique: b,
            },
        ) if t1 == t2 => pair!(a, b),
        (
            C::DropCheck {
                table: t1,
                check: a,
            },
            C::AddCheck {
                table: t2,
                check: b,
            },
        ) if t1 == t2 => pair!(a, b),
        (
            C::DropForeignKey {
                table: t1,
                foreign_key: a,
            },
            C::AddForeignKey {
                table: t2,
                foreign_key: b,
            },
        ) if t1 == t2 => {
            pair!(a, b, retarget)
        }
        (
            C::DropExclusion {
                table: t1,
                exclusion: a,
            },
            C::AddExclusion {
                table: t2,
                exclusion: b,
            },
        ) if t1 == t2 => {
            pair!(a, b)
        }
        _ => None,
    }
}

fn constraint_table(change: &Change) -> Option<&QualName> {
    use Change as C;
    match change {
        C::DropPrimaryKey { table, .. }
        | C::DropUnique { table, .. }
        | C::DropCheck { table, .. }
        | C::DropForeignKey { table, .. }
        | C::DropExclusion { table, .. } => Some(table),
        _ => None,
    }
}

/// A sequence as it would be after the rename: its name and owner following the new table.
fn sequence_after(seq: &Sequence, from: &QualName, to: &QualName) -> Option<Sequence> {
    let mut s = seq.clone();
    s.name.name = follows(&seq.name.name, &from.name, &to.name)?;
    if let Some(owner) = &mut s.owned_by {
        if owner.table == *from {
            owner.table = to.clone();
        }
    }
    Some(s)
}

/// The changes left after the renames are taken out, and the rename statements.
pub fn fold_renames(changes: &[Change]) -> (Cow<'_, [Change]>, Vec<Staged>) {
    // Without a table rename there is nothing to fold, and a plan creating a whole schema should not copy it.
    if !changes
        .iter()
        .any(|c| matches!(c, Change::RenameTable { .. }))
    {
        return (Cow::Borrowed(changes), Vec::new());
    }
    let mut changes: Vec<Option<Change>> = changes.iter().cloned().map(Some).collect();
    let mut out = Vec::new();
    let table_renames: Vec<(QualName, QualName)> = changes
        .iter()
        .flatten()
        .filter_map(|c| match c {
            Change::RenameTable { from, to } => Some((from.clone(), to.clone())),
            _ => None,
        })
        .collect();
    for (from, to) in &table_renames {
        for i in 0..changes.len() {
            let Some(drop) = changes[i].clone() else {
                continue;
            };
            let points_here = matches!(&drop, Change::DropForeignKey { foreign_key, .. } if foreign_key.ref_table == *from);
            if constraint_table(&drop) == Some(to) || points_here {
                let table = constraint_table(&drop)
                    .cloned()
                    .unwrap_or_else(|| to.clone());
                let found = (0..changes.len()).find_map(|j| {
                    let add = changes[j].as_ref()?;
                    constraint_pair(&drop, add, from, to).map(|names| (j, names))
                });
                if let Some((j, (old, new))) = found {
                    if old != new {
                        out.push(Staged::new(
                            Phase::Renames,
                            format!(
                                "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
                                qname(&table),
                                ident(&old),
                                ident(&new)
                            ),
                        ));
                    }
                    changes[i] = None;
                    changes[j] = None;
                }
                continue;
            }
            let Change::Drop { object } = &drop else {
                continue;
            };
            match object.as_ref() {
                Object::Index(index) if index.table == *to => {
                    let Some(new_name) = follows(&index.name, &from.name, &to.name) else {
                        continue;
                    };
                    let mut renamed = index.clone();
                    renamed.name = new_name.clone();
                    let found = changes.iter().position(|c| {
                        matches!(c, Some(Change::Create { object }) if **object == Object::Index(renamed.clone()))
                    });
                    if let Some(j) = found {
                        let old = QualName::new(to.schema.clone(), index.name.clone());
                        out.push(Staged::new(
                            Phase::Renames,
                            format!("ALTER INDEX {} RENAME TO {}", qname(&old), ident(&new_name)),
                        ));
                        changes[i] = None;
                        changes[j] = None;
                    }
                }
                Object::Sequence(seq) => {
                    let Some(renamed) = sequence_after(seq, from, to) else {
                        continue;
                    };
                    let found = changes.iter().position(|c| {
                        matches!(c, Some(Change::Create { object }) if **object == Object::Sequence(renamed.clone()))
                    });
                    if let Some(j) = found {
                        out.push(Staged::new(
                            Phase::Renames,
                            format!(
                                "ALTER SEQUENCE {} RENAME TO {}",
                                qname(&seq.name),
                                ident(&renamed.name.name)
                            ),
                        ));
                        changes[i] = None;
                        changes[j] = None;
                        forget_default_change(&mut changes, to, &seq.name, &renamed.name);
                    }
                }
                _ => {}
            }
        }
    }
    (Cow::Owned(changes.into_iter().flatten().collect()), out)
}

/// A default that only follows the sequence's rename (`nextval('customer_id_seq'::regclass)` to the new name)
/// follows it by itself: PostgreSQL stores the sequence's oid, not its name.
fn forget_default_change(
    changes: &mut [Option<Change>],
    table: &QualName,
    old: &QualName,
    new: &QualName,
) {
    for slot in changes.iter_mut() {
        let Some(Change::AlterColumn {
            table: t,
            changes: column_changes,
            ..
        }) = slot
        else {
            continue;
        };
        if t != table {
            continue;
        }
        column_changes.retain(|c| match c {
            ColumnChange::Default {
                from: Some(a),
                to: Some(b),
            } => a.replace(&old.name, &new.name) != *b,
            _ => true,
        });
        if column_changes.is_empty() {
            *slot = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::follows;

    #[test]
    fn generated_names_follow_the_table() {
        assert_eq!(
            follows("customer_pkey", "customer", "client").as_deref(),
            Some("client_pkey")
        );
        assert_eq!(
            follows("customer_id_seq", "customer", "client").as_deref(),
            Some("client_id_seq")
        );
        assert_eq!(follows("customers_pkey", "customer", "client"), None);
        assert_eq!(follows("pk_customer", "customer", "client"), None);
    }
}
