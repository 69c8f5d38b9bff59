//! Views over altered columns. PostgreSQL refuses to change the type of (or drop) a column that a view reads, so
//! every kept view and materialized view over such a table, and every view over those, is dropped before the
//! change and created again after it from the target schema.

use flash_core::{QualName, Schema};

use super::comment::created_comment;
use super::ddl::{self, qname};
use super::{Phase, RenderError};
use crate::render::Staged;
use crate::Object;

/// Does `query` name `name` as a whole word? A cheap reading of the view text that errs towards recreating a view
/// too many, which costs a statement, never a wrong schema.
fn mentions(query: &str, name: &str) -> bool {
    let query = query.to_lowercase();
    let name = name.to_lowercase();
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    query.match_indices(&name).any(|(at, _)| {
        let before = query[..at].chars().next_back();
        let after = query[at + name.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

/// A view kept unchanged (same object in both schemas), with the object it is in each.
fn kept_views(from: &Schema, to: &Schema) -> Vec<(QualName, String, Object, Object)> {
    let mut out = Vec::new();
    for v in to.views.iter() {
        if let Some(old) = from.views.get(&v.name) {
            if old == v {
                out.push((
                    v.name.clone(),
                    v.query.clone(),
                    Object::View(old.clone()),
                    Object::View(v.clone()),
                ));
            }
        }
    }
    for v in to.materialized_views.iter() {
        if let Some(old) = from.materialized_views.get(&v.name) {
            if old == v {
                out.push((
                    v.name.clone(),
                    v.query.clone(),
                    Object::MaterializedView(old.clone()),
                    Object::MaterializedView(v.clone()),
                ));
            }
        }
    }
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
    let mut out = Vec::new();
    for &i in &chosen {
        let (name, _, old, new) = &views[i];
        let (drop, create) = match new {
            Object::MaterializedView(v) => (
                format!("DROP MATERIALIZED VIEW {}", qname(name)),
                ddl::create_materialized_view(v),
            ),
            Object::View(v) => (format!("DROP VIEW {}", qname(name)), ddl::create_view(v)),
            _ => continue,
        };
        out.push(Staged::new(Phase::DropDependents, drop).dropping(old.object_ref()));
        out.push(Staged::new(Phase::Dependents, create).creating(new.object_ref()));
        if let Some(c) = created_comment(new)? {
            out.push(Staged::new(Phase::Finishing, c));
        }
        // Indexes and triggers on the view go with it; new ones are the differ's to create.
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
