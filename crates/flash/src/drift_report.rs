//! What `flash drift` says about each difference between a live database and the schema files: the object, and one
//! sentence in the reader's terms ("in the database only", "column email differs: type text in the database,
//! character varying(255) in the files").

use flash_diff::{Change, ColumnChange, Object};
use serde::Serialize;
use serde_json::Value;

/// One difference between the database and the files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// The object, kind first: `table public.users`, `index public.users_email_idx`.
    pub object: String,
    /// What differs, in one sentence.
    pub detail: String,
}

/// The differences `changes` (from the database to the files) stand for, in the differ's order.
pub fn differences(changes: &[Change]) -> Vec<Difference> {
    changes.iter().map(difference).collect()
}

fn difference(change: &Change) -> Difference {
    let on = |kind: &str, name: &dyn std::fmt::Display, detail: String| Difference {
        object: format!("{kind} {name}"),
        detail,
    };
    let table = |name: &dyn std::fmt::Display, detail: String| on("table", name, detail);
    match change {
        Change::Create { object } => Difference {
            object: object.object_ref().to_string(),
            detail: "in the schema files only".into(),
        },
        Change::Drop { object } => Difference {
            object: object.object_ref().to_string(),
            detail: "in the database only".into(),
        },
        Change::Replace { from, to } => Difference {
            object: to.object_ref().to_string(),
            detail: format!("differs in {}", differing_fields(from, to).join(", ")),
        },
        Change::RenameTable { from, to } => table(
            to,
            format!("is named {from} in the database (a rename hint in the files)"),
        ),
        Change::RenameColumn { table: t, from, to } => table(
            t,
            format!("column {to} is named {from} in the database (a rename hint in the files)"),
        ),
        Change::AddEnumValue { name, value, .. } => on(
            "type",
            name,
            format!("value '{value}' is in the schema files only"),
        ),
        Change::AddColumn { table: t, column } => table(
            t,
            format!("column {} is in the schema files only", column.name),
        ),
        Change::DropColumn { table: t, column } => {
            table(t, format!("column {} is in the database only", column.name))
        }
        Change::AlterColumn {
            table: t,
            column,
            changes,
        } => {
            let parts: Vec<String> = changes.iter().map(column_change).collect();
            table(t, format!("column {column} differs: {}", parts.join("; ")))
        }
        Change::AddPrimaryKey { table: t, .. } => {
            table(t, "primary key is in the schema files only".into())
        }
        Change::DropPrimaryKey { table: t, .. } => {
            table(t, "primary key is in the database only".into())
        }
        Change::AddUnique { table: t, unique } => {
            table(t, only("unique constraint", &unique.name, "schema files"))
        }
        Change::DropUnique { table: t, unique } => {
            table(t, only("unique constraint", &unique.name, "database"))
        }
        Change::AddCheck { table: t, check } => {
            table(t, only("check constraint", &check.name, "schema files"))
        }
        Change::DropCheck { table: t, check } => {
            table(t, only("check constraint", &check.name, "database"))
        }
        Change::AddForeignKey {
            table: t,
            foreign_key,
        } => table(t, only("foreign key", &foreign_key.name, "schema files")),
        Change::DropForeignKey {
            table: t,
            foreign_key,
        } => table(t, only("foreign key", &foreign_key.name, "database")),
        Change::AddExclusion {
            table: t,
            exclusion,
        } => table(
            t,
            only("exclusion constraint", &exclusion.name, "schema files"),
        ),
        Change::DropExclusion {
            table: t,
            exclusion,
        } => table(t, only("exclusion constraint", &exclusion.name, "database")),
        Change::SetTableOptions { table: t, from, to } => table(
            t,
            format!(
                "options differ: {} in the database, {} in the files",
                json(from),
                json(to)
            ),
        ),
        Change::SetRowLevelSecurity {
            table: t,
            enabled,
            forced,
        } => table(
            t,
            format!(
                "row-level security differs: the files have it {}{}",
                if *enabled { "enabled" } else { "disabled" },
                if *forced { " and forced" } else { "" }
            ),
        ),
        Change::SetComment { target, from, to } => {
            let what = match &target.part {
                Some(part) => format!("{} {} ({part})", target.kind, target.name),
                None => format!("{} {}", target.kind, target.name),
            };
            Difference {
                object: what,
                detail: format!(
                    "comment differs: {} in the database, {} in the files",
                    json(from),
                    json(to)
                ),
            }
        }
        Change::Grant { grant } => Difference {
            object: format!("{} {}", grant.object_kind, grant.object),
            detail: format!(
                "{} to {} is granted in the schema files only",
                grant.privilege, grant.grantee
            ),
        },
        Change::Revoke { grant } => Difference {
            object: format!("{} {}", grant.object_kind, grant.object),
            detail: format!(
                "{} to {} is granted in the database only",
                grant.privilege, grant.grantee
            ),
        },
    }
}

fn only(what: &str, name: &Option<String>, side: &str) -> String {
    match name {
        Some(name) => format!("{what} {name} is in the {side} only"),
        None => format!("a {what} is in the {side} only"),
    }
}

fn column_change(change: &ColumnChange) -> String {
    let pair = |field: &str, from: String, to: String| {
        format!("{field} {from} in the database, {to} in the files")
    };
    match change {
        ColumnChange::Type { from, to } => pair("type", from.to_string(), to.to_string()),
        ColumnChange::Nullable { from, to } => {
            let null = |n: &bool| if *n { "null" } else { "not null" }.to_string();
            pair("nullability", null(from), null(to))
        }
        ColumnChange::Default { from, to } => pair("default", json(from), json(to)),
        ColumnChange::Identity { from, to } => pair("identity", json(from), json(to)),
        ColumnChange::Generated { from, to } => pair("generated", json(from), json(to)),
        ColumnChange::Collation { from, to } => pair("collation", json(from), json(to)),
        ColumnChange::Charset { from, to } => pair("charset", json(from), json(to)),
        ColumnChange::AutoIncrement { from, to } => pair("auto_increment", json(from), json(to)),
        ColumnChange::OnUpdate { from, to } => pair("on update", json(from), json(to)),
        ColumnChange::Invisible { from, to } => pair("invisible", json(from), json(to)),
    }
}

/// A value in compact JSON (`null` for none), so the reader sees exactly what differs.
fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The model fields in which two versions of an object differ, by their JSON names.
fn differing_fields(from: &Object, to: &Object) -> Vec<String> {
    let (Ok(Value::Object(a)), Ok(Value::Object(b))) =
        (serde_json::to_value(from), serde_json::to_value(to))
    else {
        return vec!["its definition".into()];
    };
    let mut keys: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect();
    keys.sort();
    keys.dedup();
    if keys.is_empty() {
        keys.push("its definition".into());
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use flash_core::{Column, DataType, QualName};

    #[test]
    fn each_change_reads_as_one_sentence_about_one_object() {
        let users = QualName::new("public", "users");
        let changes = vec![
            Change::AddColumn {
                table: users.clone(),
                column: Column::new("email", DataType::named("text")),
            },
            Change::AlterColumn {
                table: users.clone(),
                column: "name".into(),
                changes: vec![ColumnChange::Type {
                    from: DataType::named("text"),
                    to: DataType::with_args("character varying", vec!["100".into()]),
                }],
            },
        ];
        assert_eq!(
            differences(&changes),
            [
                Difference {
                    object: "table public.users".into(),
                    detail: "column email is in the schema files only".into()
                },
                Difference {
                    object: "table public.users".into(),
                    detail: "column name differs: type text in the database, character varying(100) in the files"
                        .into()
                }
            ]
        );
    }
}
