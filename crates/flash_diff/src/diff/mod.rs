//! Comparing two schemas kind by kind. Each kind compares objects by key: only in `to` is created, only in `from` is
//! dropped, in both and different is altered (tables, enums) or replaced (everything else).

mod objects;
mod table;

use flash_core::object_map::Keyed;
use flash_core::{Dialect, Namespace, ObjectMap, QualName, RoutineKind, Schema};

use crate::change::{Change, CommentTarget, Object};
use objects::{diff_enums, diff_grants};
use table::{diff_tables, Renames};

/// How to compare one kind: how to wrap it, name it and reach its comment.
struct Kind<T> {
    wrap: fn(T) -> Object,
    label: fn(&T) -> &'static str,
    name: fn(&T) -> String,
    comment: fn(&mut T) -> &mut Option<String>,
}

/// The changes that turn `from` into `to`, grouped by object kind in a fixed order. An empty list means the schemas
/// are equal in everything the model holds.
pub fn diff(from: &Schema, to: &Schema) -> Vec<Change> {
    let mut out = Vec::new();
    let namespaces = Kind {
        wrap: Object::Namespace,
        label: |_| "schema",
        name: |n| n.name.clone(),
        comment: |n| &mut n.comment,
    };
    diff_objects(&with_public(from), &with_public(to), &namespaces, &mut out);
    let extensions = Kind {
        wrap: Object::Extension,
        label: |_| "extension",
        name: |e| e.name.clone(),
        comment: |e| &mut e.comment,
    };
    diff_objects(&from.extensions, &to.extensions, &extensions, &mut out);
    diff_enums(&from.enums, &to.enums, &mut out);
    let domains = Kind {
        wrap: Object::Domain,
        label: |_| "domain",
        name: |d| d.name.to_string(),
        comment: |d| &mut d.comment,
    };
    diff_objects(&from.domains, &to.domains, &domains, &mut out);
    let composites = Kind {
        wrap: Object::CompositeType,
        label: |_| "type",
        name: |c| c.name.to_string(),
        comment: |c| &mut c.comment,
    };
    diff_objects(
        &from.composite_types,
        &to.composite_types,
        &composites,
        &mut out,
    );
    let ranges = Kind {
        wrap: Object::RangeType,
        label: |_| "type",
        name: |r| r.name.to_string(),
        comment: |r| &mut r.comment,
    };
    diff_objects(&from.range_types, &to.range_types, &ranges, &mut out);
    let sequences = Kind {
        wrap: Object::Sequence,
        label: |_| "sequence",
        name: |s| s.name.to_string(),
        comment: |s| &mut s.comment,
    };
    diff_objects(&from.sequences, &to.sequences, &sequences, &mut out);

    let renames = diff_tables(&from.tables, &to.tables, &mut out);

    let indexes = Kind {
        wrap: Object::Index,
        label: |_| "index",
        name: |i| format!("{}.{}", i.table.schema, i.name),
        comment: |i| &mut i.comment,
    };
    // PostgreSQL and SQLite carry renames into indexes themselves: compare them under the new names.
    let from_indexes: ObjectMap<_> = retarget(&from.indexes, &renames, |i| &mut i.table)
        .iter()
        .cloned()
        .map(|mut i| {
            let table = i.table.clone();
            i.keys
                .iter_mut()
                .filter_map(|k| k.column.as_mut())
                .for_each(|c| *c = renames.column(&table, c));
            i.include
                .iter_mut()
                .for_each(|c| *c = renames.column(&table, c));
            i
        })
        .collect();
    diff_objects(&from_indexes, &to.indexes, &indexes, &mut out);
    let views = Kind {
        wrap: Object::View,
        label: |_| "view",
        name: |v| v.name.to_string(),
        comment: |v| &mut v.comment,
    };
    diff_objects(&from.views, &to.views, &views, &mut out);
    let matviews = Kind {
        wrap: Object::MaterializedView,
        label: |_| "materialized view",
        name: |v| v.name.to_string(),
        comment: |v| &mut v.comment,
    };
    diff_objects(
        &from.materialized_views,
        &to.materialized_views,
        &matviews,
        &mut out,
    );
    let routines = Kind {
        wrap: Object::Routine,
        label: |r| {
            if r.kind == RoutineKind::Procedure {
                "procedure"
            } else {
                "function"
            }
        },
        name: |r| format!("{}({})", r.name, r.arg_types()),
        comment: |r| &mut r.comment,
    };
    diff_objects(&from.routines, &to.routines, &routines, &mut out);
    let triggers = Kind {
        wrap: Object::Trigger,
        label: |_| "trigger",
        name: |t| format!("{} on {}", t.name, t.table),
        comment: |t| &mut t.comment,
    };
    diff_objects(
        &retarget(&from.triggers, &renames, |t| &mut t.table),
        &to.triggers,
        &triggers,
        &mut out,
    );
    let policies = Kind {
        wrap: Object::Policy,
        label: |_| "policy",
        name: |p| format!("{} on {}", p.name, p.table),
        comment: |p| &mut p.comment,
    };
    diff_objects(
        &retarget(&from.policies, &renames, |p| &mut p.table),
        &to.policies,
        &policies,
        &mut out,
    );
    let rules = Kind {
        wrap: Object::Rule,
        label: |_| "rule",
        name: |r| format!("{} on {}", r.name, r.table),
        comment: |r| &mut r.comment,
    };
    diff_objects(
        &retarget(&from.rules, &renames, |r| &mut r.table),
        &to.rules,
        &rules,
        &mut out,
    );
    diff_grants(from, to, |t| renames.table(t), &mut out);
    let events = Kind {
        wrap: Object::Event,
        label: |_| "event",
        name: |e| e.name.to_string(),
        comment: |e| &mut e.comment,
    };
    diff_objects(&from.events, &to.events, &events, &mut out);
    out
}

/// The schema's namespaces with PostgreSQL's `public` as a new database has it where the model leaves it out: a
/// comment on `public` is then set or reset, and `public` itself never created or dropped.
fn with_public(schema: &Schema) -> ObjectMap<Namespace> {
    let mut namespaces = schema.namespaces.clone();
    if schema.dialect == Dialect::Postgres && !namespaces.contains_key(&"public".to_string()) {
        namespaces.insert(Namespace::postgres_public());
    }
    namespaces
}

/// The same objects with the tables they hang off renamed as the rename hints say, so a renamed table's indexes,
/// triggers, policies and rules compare equal to their counterparts.
fn retarget<T: Keyed + Clone>(
    map: &ObjectMap<T>,
    renames: &Renames,
    table: fn(&mut T) -> &mut QualName,
) -> ObjectMap<T> {
    map.iter()
        .cloned()
        .map(|mut o| {
            let t = table(&mut o);
            *t = renames.table(t);
            o
        })
        .collect()
}

/// Create, drop, or (when anything but the comment differs) replace; a comment-only difference is a `SetComment`.
fn diff_objects<T: Keyed + Clone + PartialEq>(
    from: &ObjectMap<T>,
    to: &ObjectMap<T>,
    kind: &Kind<T>,
    out: &mut Vec<Change>,
) {
    for old in from.iter() {
        if !to.contains_key(&old.key()) {
            out.push(Change::Drop {
                object: Box::new((kind.wrap)(old.clone())),
            });
        }
    }
    for new in to.iter() {
        let Some(old) = from.get(&new.key()) else {
            out.push(Change::Create {
                object: Box::new((kind.wrap)(new.clone())),
            });
            continue;
        };
        if old == new {
            continue;
        }
        let (mut a, mut b) = (old.clone(), new.clone());
        let before = (kind.comment)(&mut a).take();
        let after = (kind.comment)(&mut b).take();
        if a == b {
            let target = CommentTarget {
                kind: (kind.label)(new).into(),
                name: (kind.name)(new),
                part: None,
            };
            out.push(Change::SetComment {
                target,
                from: before,
                to: after,
            });
        } else {
            out.push(Change::Replace {
                from: Box::new((kind.wrap)(old.clone())),
                to: Box::new((kind.wrap)(new.clone())),
            });
        }
    }
}
