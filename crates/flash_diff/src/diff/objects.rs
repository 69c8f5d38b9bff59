//! Kinds with their own rules: enums (values can be added in place, not removed) and grants (a set).

use flash_core::object_map::Keyed;
use flash_core::{EnumType, Grant, ObjectMap};

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

pub fn diff_grants(from: &[Grant], to: &[Grant], out: &mut Vec<Change>) {
    out.extend(
        from.iter()
            .filter(|g| !to.contains(g))
            .map(|g| Change::Revoke { grant: g.clone() }),
    );
    out.extend(
        to.iter()
            .filter(|g| !from.contains(g))
            .map(|g| Change::Grant { grant: g.clone() }),
    );
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
