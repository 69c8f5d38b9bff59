//! Kinds with their own rules: enums (values can be added in place, not removed) and grants (a set).

use std::collections::BTreeSet;

use flash_core::object_map::Keyed;
use flash_core::{EnumType, Grant, ObjectMap, QualName, Schema};

use crate::change::{Change, CommentTarget, Object};

pub fn diff_enums(from: &ObjectMap<EnumType>, to: &ObjectMap<EnumType>, out: &mut Vec<Change>) {
    for old in from.iter() {
        if !to.contains_key(&old.key()) {
            out.push(Change::Drop {
                object: Box::new(Object::Enum(old.clone())),
            });
        }
    }
    for new in to.iter() {
        let Some(old) = from.get(&new.key()) else {
            out.push(Change::Create {
                object: Box::new(Object::Enum(new.clone())),
            });
            continue;
        };
        if old.values != new.values {
            match added_values(&old.values, &new.values) {
                // Only additions, with every old value kept in order: ALTER TYPE ... ADD VALUE, no rebuild.
                Some(added) => {
                    out.extend(
                        added
                            .into_iter()
                            .map(|(value, before)| Change::AddEnumValue {
                                name: new.name.clone(),
                                value,
                                before,
                            }),
                    )
                }
                None => out.push(Change::Replace {
                    from: Box::new(Object::Enum(old.clone())),
                    to: Box::new(Object::Enum(new.clone())),
                }),
            }
        }
        if old.comment != new.comment {
            let target = CommentTarget {
                kind: "type".into(),
                name: new.name.to_string(),
                part: None,
            };
            out.push(Change::SetComment {
                target,
                from: old.comment.clone(),
                to: new.comment.clone(),
            });
        }
    }
}

/// When `new` is `old` with values inserted (old values all kept, in order), the inserted values, each with the old
/// value it goes before (`None` when it goes at the end).
fn added_values(old: &[String], new: &[String]) -> Option<Vec<(String, Option<String>)>> {
    let kept: Vec<&String> = new.iter().filter(|v| old.contains(v)).collect();
    if kept.len() != old.len() || kept.iter().zip(old).any(|(a, b)| *a != b) {
        return None;
    }
    let mut added = Vec::new();
    for (i, value) in new.iter().enumerate() {
        if !old.contains(value) {
            let before = new.iter().skip(i + 1).find(|v| old.contains(v)).cloned();
            added.push((value.clone(), before));
        }
    }
    Some(added)
}

/// Grants are a set: what `to` adds is granted, what it lacks is revoked, except on an object the migration drops
/// (the drop takes its privileges with it). A default privilege revoked (`Grant::revoked`) turns the other way: it
/// is revoked when `to` adds it and granted back when `to` lacks it.
pub fn diff_grants(
    from: &Schema,
    to: &Schema,
    renamed: impl Fn(&QualName) -> QualName,
    out: &mut Vec<Change>,
) {
    let removed: Vec<&Grant> = from
        .grants
        .iter()
        .filter(|g| !to.grants.contains(g))
        .collect();
    if !removed.is_empty() {
        let before = grantable(from, renamed);
        let after = grantable(to, |n| n.clone());
        let dropped = |g: &Grant| {
            category(&g.object_kind).is_some_and(|c| {
                let key = (c, g.object.clone());
                before.contains(&key) && !after.contains(&key)
            })
        };
        out.extend(
            removed
                .into_iter()
                .filter(|g| !dropped(g))
                .map(|g| set_back(g, false)),
        );
    }
    out.extend(
        to.grants
            .iter()
            .filter(|g| !from.grants.contains(g))
            .map(|g| set_back(g, true)),
    );
}

/// The change that adds `g` to the set (`added`) or takes it out.
fn set_back(g: &Grant, added: bool) -> Change {
    let grant = Grant {
        revoked: false,
        ..g.clone()
    };
    if added != g.revoked {
        Change::Grant { grant }
    } else {
        Change::Revoke { grant }
    }
}

/// The kinds of object a grant names, with one name for the variants of a kind.
fn category(object_kind: &str) -> Option<&'static str> {
    Some(match object_kind {
        "table" => "table",
        "sequence" => "sequence",
        "function" | "procedure" | "routine" => "routine",
        "type" => "type",
        "schema" => "schema",
        _ => return None,
    })
}

/// Every object of `schema` a grant can name, named as grants name them, tables after `renamed` (a renamed table is
/// not dropped).
fn grantable(
    schema: &Schema,
    renamed: impl Fn(&QualName) -> QualName,
) -> BTreeSet<(&'static str, String)> {
    let mut out = BTreeSet::new();
    let tables = schema.tables.keys().map(renamed);
    let relations = tables
        .chain(schema.views.keys().cloned())
        .chain(schema.materialized_views.keys().cloned());
    out.extend(relations.map(|n| ("table", n.to_string())));
    out.extend(schema.sequences.keys().map(|n| ("sequence", n.to_string())));
    out.extend(
        schema
            .routines
            .iter()
            .map(|r| ("routine", format!("{}({})", r.name, r.arg_types()))),
    );
    let types = schema
        .enums
        .keys()
        .chain(schema.domains.keys())
        .chain(schema.composite_types.keys())
        .chain(schema.range_types.keys());
    out.extend(types.map(|n| ("type", n.to_string())));
    out.extend(schema.namespaces.keys().map(|n| ("schema", n.to_string())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(values: &[&str]) -> Vec<String> {
        values.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn insertions_keep_their_place() {
        let added =
            added_values(&v(&["a", "c"]), &v(&["a", "b", "c", "d"])).expect("only additions");
        assert_eq!(
            added,
            vec![
                ("b".to_string(), Some("c".to_string())),
                ("d".to_string(), None)
            ]
        );
    }

    #[test]
    fn removal_or_reorder_is_not_an_addition() {
        assert_eq!(added_values(&v(&["a", "b"]), &v(&["a"])), None);
        assert_eq!(added_values(&v(&["a", "b"]), &v(&["b", "a"])), None);
    }
}
