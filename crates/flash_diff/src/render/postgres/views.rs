//! Views over altered columns. PostgreSQL refuses to change the type of (or drop) a column that a view reads, so
//! every kept view and materialized view over such a table, and every view over those, is dropped before the
//! change and created again after it from the target schema.

use flash_core::object_map::Keyed;
use flash_core::{ObjectMap, QualName, Schema};

use super::comment::{changed_comment, created_comment, view_column_comments};
use super::ddl::{self, qname};
use super::{Phase, RenderError};
use crate::render::Staged;
use crate::Object;

/// Does `query` name `name` as a whole word? A cheap reading of the view text that errs towards recreating a view
/// too many, which costs a statement, never a wrong schema.
pub(super) fn mentions(query: &str, name: &str) -> bool {
    let query = query.to_lowercase();
    let name = name.to_lowercase();
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    query.match_indices(&name).any(|(at, _)| {
        let before = query[..at].chars().next_back();
        let after = query[at + name.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

/// A view kept (the same in both schemas but for its comment, which the differ sets on its own): its name, query
/// and the object it is in each schema.
type Kept = (QualName, String, Object, Object);

fn kept<T: Keyed + Clone + PartialEq>(
    from: &ObjectMap<T>,
    to: &ObjectMap<T>,
    comment: fn(&mut T) -> &mut Option<String>,
    wrap: fn(T) -> Object,
    name_and_query: fn(&T) -> (QualName, String),
    out: &mut Vec<Kept>,
) {
    for v in to.iter() {
        if let Some(old) = from.get(&v.key()) {
            let (mut a, mut b) = (old.clone(), v.clone());
            (*comment(&mut a), *comment(&mut b)) = (None, None);
            if a == b {
                let (name, query) = name_and_query(v);
                out.push((name, query, wrap(old.clone()), wrap(v.clone())));
            }
        }
    }
}

fn kept_views(from: &Schema, to: &Schema) -> Vec<Kept> {
    let mut out = Vec::new();
    kept(
        &from.views,
        &to.views,
        |v| &mut v.comment,
        Object::View,
        |v| (v.name.clone(), v.query.clone()),
        &mut out,
    );
    kept(
        &from.materialized_views,
        &to.materialized_views,
        |v| &mut v.comment,
        Object::MaterializedView,
        |v| (v.name.clone(), v.query.clone()),
        &mut out,
    );
    out
}

/// The drops and creations of the kept views that read `tables`, directly or through each other.
pub fn around_altered_tables(
    tables: &[QualName],
    from: &Schema,
    to: &Schema,
) -> Result<Vec<Staged>, RenderError> {
    let views = kept_views(from, to);
    let mut reached: Vec<QualName> = tables.to_vec();
    let mut chosen: Vec<usize> = Vec::new();
    // A fixed point: each round adds the views over anything reached so far.
    loop {
        let before = chosen.len();
        for (i, (name, query, _, _)) in views.iter().enumerate() {
            if !chosen.contains(&i) && reached.iter().any(|t| mentions(query, &t.name)) {
                chosen.push(i);
                reached.push(name.clone());
            }
        }
        if chosen.len() == before {
            break;
        }
    }
    // Views over other chosen views after them: created in this order, dropped in the reverse.
    let mut ordered: Vec<usize> = Vec::new();
    while ordered.len() < chosen.len() {
        let before = ordered.len();
        for &i in &chosen {
            let waits = chosen.iter().any(|&j| {
                j != i && !ordered.contains(&j) && mentions(&views[i].1, &views[j].0.name)
            });
            if !ordered.contains(&i) && !waits {
                ordered.push(i);
            }
        }
        if ordered.len() == before {
            // Views naming each other (or a word that only looks like a view): keep discovery order.
            ordered.extend(
                chosen
                    .iter()
                    .filter(|i| !ordered.contains(i))
                    .collect::<Vec<_>>(),
            );
        }
    }
    let mut out = Vec::new();
    for &i in ordered.iter().rev() {
        let (_, _, old, _) = &views[i];
        if let Some(sql) = drop_view(old) {
            out.push(Staged::new(Phase::DropDependents, sql).dropping(old.object_ref()));
        }
    }
    for &i in &ordered {
        let (name, _, old, new) = &views[i];
        let create = match new {
            Object::MaterializedView(v) => ddl::create_materialized_view(v),
            Object::View(v) => ddl::create_view(v),
            _ => continue,
        };
        out.push(Staged::new(Phase::Dependents, create).creating(new.object_ref()));
        // A changed comment is the differ's own change; an unchanged one went with the drop.
        if changed_comment(old, new)?.is_none() {
            if let Some(c) = created_comment(new)? {
                out.push(Staged::new(Phase::Finishing, c));
            }
        }
        for c in view_column_comments(new) {
            out.push(Staged::new(Phase::Finishing, c));
        }
        // Grants, indexes and triggers on the view go with it; new ones are the differ's to create.
        let on_view = name.to_string();
        for g in to
            .grants
            .iter()
            .filter(|g| g.object == on_view && from.grants.contains(g))
        {
            out.push(Staged::new(Phase::Finishing, ddl::grant(g, true)));
        }
        let kept_index =
            |i: &&flash_core::Index| &i.table == name && from.indexes.iter().any(|f| f == *i);
        for index in to.indexes.iter().filter(kept_index) {
            out.push(Staged::new(Phase::Finishing, ddl::create_index(index)));
        }
        let kept_trigger =
            |t: &&flash_core::Trigger| &t.table == name && from.triggers.iter().any(|f| f == *t);
        for trigger in to.triggers.iter().filter(kept_trigger) {
            out.push(Staged::new(Phase::Finishing, ddl::create_trigger(trigger)));
        }
    }
    Ok(out)
}

fn drop_view(view: &Object) -> Option<String> {
    match view {
        Object::MaterializedView(v) => Some(format!("DROP MATERIALIZED VIEW {}", qname(&v.name))),
        Object::View(v) => Some(format!("DROP VIEW {}", qname(&v.name))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::mentions;

    #[test]
    fn a_table_is_mentioned_as_a_word() {
        assert!(mentions("SELECT id FROM staff", "staff"));
        assert!(mentions("SELECT s.id FROM public.staff s", "staff"));
        assert!(!mentions("SELECT id FROM staff_names", "staff"));
        assert!(!mentions("SELECT id FROM old_staff", "staff"));
    }
}
