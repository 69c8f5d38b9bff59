//! Which schema objects a piece of SQL text names: the names in view queries, function bodies, defaults, checks and
//! policy and rule expressions, matched against the objects a schema holds.
//!
//! This is a scan of identifiers, not a parse: it may find a name that is only a column alias, never misses one
//! that is written out. For ordering that is the right side to err on — a spare edge only constrains an order the
//! phases already gave — and it needs no per-dialect grammar for bodies the parsers keep as text.

use std::collections::BTreeMap;

use flash_core::{QualName, Schema};

use crate::render::{ObjectKind, ObjectRef};

/// The schema's nameable objects by the forms SQL text can name them: `name` and `schema.name`, lower-cased.
pub struct NameIndex {
    by_name: BTreeMap<String, Vec<ObjectRef>>,
    /// The kinds the schema has any object of: text need not be scanned for a kind it has none of.
    kinds: Vec<ObjectKind>,
}

impl NameIndex {
    pub fn new(schema: &Schema) -> Self {
        let mut index = NameIndex {
            by_name: BTreeMap::new(),
            kinds: Vec::new(),
        };
        let kinds = [
            (
                ObjectKind::Table,
                names(schema.tables.iter().map(|t| &t.name)),
            ),
            (
                ObjectKind::View,
                names(schema.views.iter().map(|v| &v.name)),
            ),
            (
                ObjectKind::View,
                names(schema.materialized_views.iter().map(|v| &v.name)),
            ),
            (
                ObjectKind::Routine,
                names(schema.routines.iter().map(|r| &r.name)),
            ),
            (
                ObjectKind::Sequence,
                names(schema.sequences.iter().map(|s| &s.name)),
            ),
            (
                ObjectKind::Type,
                names(schema.enums.iter().map(|e| &e.name)),
            ),
            (
                ObjectKind::Type,
                names(schema.domains.iter().map(|d| &d.name)),
            ),
            (
                ObjectKind::Type,
                names(schema.composite_types.iter().map(|c| &c.name)),
            ),
            (
                ObjectKind::Type,
                names(schema.range_types.iter().map(|r| &r.name)),
            ),
        ];
        for (kind, names) in kinds {
            for name in names {
                index.add(ObjectRef::new(kind, name));
            }
        }
        // A column of a range's multirange type uses the range, which brings the multirange with it.
        for r in schema.range_types.iter() {
            index.add_as(
                &r.multirange_name(),
                ObjectRef::new(ObjectKind::Type, r.name.clone()),
            );
        }
        index
    }

    fn add(&mut self, object: ObjectRef) {
        let keys = Self::keys(&object.name);
        self.insert(keys, object);
    }

    /// `object`, under `name`.
    fn add_as(&mut self, name: &QualName, object: ObjectRef) {
        self.insert(Self::keys(name), object);
    }

    /// The forms text can name `name` by: `schema.name` (when it has a schema) and `name`.
    fn keys(name: &QualName) -> (Option<String>, String) {
        let bare = name.name.to_lowercase();
        let qualified =
            (!name.schema.is_empty()).then(|| format!("{}.{bare}", name.schema.to_lowercase()));
        (qualified, bare)
    }

    fn insert(&mut self, (qualified, bare): (Option<String>, String), object: ObjectRef) {
        if !self.kinds.contains(&object.kind) {
            self.kinds.push(object.kind);
        }
        if let Some(qualified) = qualified {
            self.by_name
                .entry(qualified)
                .or_default()
                .push(object.clone());
        }
        self.by_name.entry(bare).or_default().push(object);
    }

    /// The objects of `kinds` that `text` names.
    pub fn named_in(&self, text: &str, kinds: &[ObjectKind], out: &mut Vec<ObjectRef>) {
        if !kinds.iter().any(|k| self.kinds.contains(k)) {
            return;
        }
        for word in words(text) {
            for object in self.by_name.get(&word).into_iter().flatten() {
                if kinds.contains(&object.kind) && !out.contains(object) {
                    out.push(object.clone());
                }
            }
        }
    }

    /// The type a column or argument type names (`mood`, `app.mood`, `mood[]`), if the schema defines it.
    pub fn type_named(&self, type_name: &str, out: &mut Vec<ObjectRef>) {
        if !self.kinds.contains(&ObjectKind::Type) {
            return;
        }
        let name = type_name.trim_end_matches("[]").trim().replace('"', "");
        for object in self.by_name.get(&name.to_lowercase()).into_iter().flatten() {
            if object.kind == ObjectKind::Type && !out.contains(object) {
                out.push(object.clone());
            }
        }
    }
}

fn names<'a>(it: impl Iterator<Item = &'a QualName>) -> Vec<QualName> {
    it.cloned().collect()
}

/// The identifiers of `text`, lower-cased, each alone and joined with the one after a dot (`app.users`). Quoted
/// identifiers and the words inside string literals count too: sequences are named in strings
/// (`nextval('users_id_seq'::regclass)`).
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut previous_ended_with_dot = false;
    while i < chars.len() {
        let c = chars[i];
        let word = if c == '"' || c == '`' {
            let end = chars[i + 1..]
                .iter()
                .position(|&d| d == c)
                .map_or(chars.len(), |p| i + 1 + p);
            let w: String = chars[i + 1..end].iter().collect();
            i = end + 1;
            Some(w)
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            Some(chars[start..i].iter().collect())
        } else {
            i += 1;
            if c != '.' {
                previous_ended_with_dot = false;
            } else if let Some(last) = out.last() {
                previous_ended_with_dot = !last.is_empty();
            }
            None
        };
        if let Some(w) = word {
            let w = w.to_lowercase();
            if previous_ended_with_dot {
                if let Some(last) = out.last().cloned() {
                    out.push(format!("{last}.{w}"));
                }
            }
            previous_ended_with_dot = false;
            out.push(w);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_bare_qualified_quoted_and_inside_strings() {
        assert_eq!(
            words(r#"SELECT u.id FROM app."Users" u WHERE nextval('s_seq'::regclass) > 0"#),
            [
                "select",
                "u",
                "u.id",
                "id",
                "from",
                "app",
                "app.users",
                "users",
                "u",
                "where",
                "nextval",
                "s_seq",
                "regclass",
                "0"
            ]
        );
    }
}
