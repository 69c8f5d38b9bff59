//! Moving a schema's objects into scratch namespaces and back: every qualified name in the model, and every
//! qualified reference to one of those objects in SQL text (defaults, checks, queries, bodies, `'s.seq'::regclass`
//! literals), so that the objects can be built beside the live ones without touching them, and what the server
//! prints about them can be read back under their real names.

use std::collections::{BTreeMap, BTreeSet};

use flash_core::name::quote_ident;
use flash_core::{DataType, Dialect, ObjectMap, QualName, Schema};

/// Real namespaces and their scratch stand-ins, and the objects that move.
pub struct Remap {
    /// Real namespace to scratch namespace.
    to_scratch: BTreeMap<String, String>,
    /// Scratch namespace to real namespace.
    to_real: BTreeMap<String, String>,
    /// The objects that move, by real namespace and name: only references to these are rewritten.
    moved: BTreeSet<(String, String)>,
}

impl Remap {
    /// Scratch names `<prefix>_<n>`, `public` first (number 0) so that a scratch search_path can start with it.
    pub fn new(prefix: &str, moved: BTreeSet<(String, String)>) -> Self {
        let mut namespaces: Vec<&String> = moved.iter().map(|(s, _)| s).collect();
        namespaces.sort_by_key(|s| (s.as_str() != "public", s.as_str()));
        namespaces.dedup();
        let mut to_scratch = BTreeMap::new();
        if !namespaces.iter().any(|s| s.as_str() == "public") {
            to_scratch.insert("public".to_string(), format!("{prefix}_000"));
        }
        for ns in namespaces {
            let n = to_scratch.len();
            to_scratch.insert(ns.clone(), format!("{prefix}_{n:03}"));
        }
        let to_real = to_scratch
            .iter()
            .map(|(real, scratch)| (scratch.clone(), real.clone()))
            .collect();
        Remap {
            to_scratch,
            to_real,
            moved,
        }
    }

    /// The scratch namespace standing in for `public`.
    pub fn scratch_public(&self) -> &str {
        self.to_scratch
            .get("public")
            .map(String::as_str)
            .unwrap_or_default()
    }

    pub fn scratch_namespaces(&self) -> Vec<String> {
        self.to_real.keys().cloned().collect()
    }

    fn forward_name(&self, q: &QualName) -> QualName {
        if self.moved.contains(&(q.schema.clone(), q.name.clone())) {
            if let Some(scratch) = self.to_scratch.get(&q.schema) {
                return QualName::new(scratch.clone(), q.name.clone());
            }
        }
        q.clone()
    }

    fn back_name(&self, q: &QualName) -> QualName {
        match self.to_real.get(&q.schema) {
            Some(real) => QualName::new(real.clone(), q.name.clone()),
            None => q.clone(),
        }
    }

    /// `sql` with each qualified reference to a moved object pointing at its scratch namespace.
    fn forward_text(&self, sql: &str) -> String {
        rewrite_qualified(sql, |schema, name| {
            self.moved
                .contains(&(schema.to_string(), name.to_string()))
                .then(|| self.to_scratch.get(schema).cloned())
                .flatten()
        })
    }

    /// `sql` with every scratch namespace the server printed named by its real name again.
    fn back_text(&self, sql: &str) -> String {
        let mut out = sql.to_string();
        // Longest first, so no scratch name is cut short by another that prefixes it.
        for (scratch, real) in self.to_real.iter().rev() {
            if out.contains(scratch.as_str()) {
                out = out.replace(scratch.as_str(), &quote_ident(real, Dialect::Postgres));
            }
        }
        out
    }

    /// A type name as the model writes it (`mood`, `app.mood`) in the scratch namespaces.
    fn forward_type(&self, name: &str) -> String {
        match name.split_once('.') {
            Some((schema, rest)) => {
                let moved = self.forward_name(&QualName::new(schema, rest));
                format!("{}.{}", moved.schema, moved.name)
            }
            None => name.to_string(),
        }
    }

    fn back_type(&self, name: &str) -> String {
        match name.split_once('.') {
            Some((schema, rest)) => match self.to_real.get(schema) {
                Some(real) if real == "public" => rest.to_string(),
                Some(real) => format!("{real}.{rest}"),
                None => name.to_string(),
            },
            None => name.to_string(),
        }
    }

    /// `schema` with its objects and references moved into the scratch namespaces.
    pub fn to_scratch(&self, schema: &mut Schema) {
        map_schema(
            schema,
            &|q| self.forward_name(q),
            &|t| self.forward_text(t),
            &|t| self.forward_type(t),
        );
    }

    /// `schema`, read from the scratch namespaces, under its real names.
    pub fn to_real(&self, schema: &mut Schema) {
        map_schema(
            schema,
            &|q| self.back_name(q),
            &|t| self.back_text(t),
            &|t| self.back_type(t),
        );
    }
}

type NameFn<'a> = &'a dyn Fn(&QualName) -> QualName;
type TextFn<'a> = &'a dyn Fn(&str) -> String;

/// Applies `name` to every qualified name, `text` to every piece of SQL text and `type_name` to every type name the
/// schema holds, rebuilding the maps under their new keys.
fn map_schema(schema: &mut Schema, name: NameFn, text: TextFn, type_name: TextFn) {
    let data_type = |t: &mut DataType| t.name = type_name(&t.name);
    let opt = |o: &mut Option<String>| {
        if let Some(s) = o {
            *s = text(s);
        }
    };
    rebuild(&mut schema.enums, |e| e.name = name(&e.name));
    rebuild(&mut schema.domains, |d| {
        d.name = name(&d.name);
        data_type(&mut d.data_type);
        opt(&mut d.default);
        d.checks.iter_mut().for_each(|c| c.expr = text(&c.expr));
    });
    rebuild(&mut schema.composite_types, |c| {
        c.name = name(&c.name);
        c.attributes
            .iter_mut()
            .for_each(|a| data_type(&mut a.data_type));
    });
    rebuild(&mut schema.range_types, |r| {
        r.name = name(&r.name);
        data_type(&mut r.subtype);
        if let Some(m) = &mut r.multirange_type_name {
            *m = name(m);
        }
        opt(&mut r.canonical);
        opt(&mut r.subtype_diff);
    });
    rebuild(&mut schema.sequences, |s| {
        s.name = name(&s.name);
        if let Some(o) = &mut s.owned_by {
            o.table = name(&o.table);
        }
    });
    rebuild(&mut schema.tables, |t| {
        t.name = name(&t.name);
        for c in &mut t.columns {
            data_type(&mut c.data_type);
            opt(&mut c.default);
            if let Some(g) = &mut c.generated {
                g.expr = text(&g.expr);
            }
        }
        t.checks.iter_mut().for_each(|c| c.expr = text(&c.expr));
        for fk in &mut t.foreign_keys {
            fk.ref_table = name(&fk.ref_table);
        }
        for x in &mut t.exclusions {
            x.elements.iter_mut().for_each(|e| e.expr = text(&e.expr));
            opt(&mut x.where_clause);
        }
        if let Some(p) = &mut t.partition_by {
            p.keys.iter_mut().for_each(|k| *k = text(k));
        }
        if let Some(p) = &mut t.partition_of {
            p.parent = name(&p.parent);
            p.bound = text(&p.bound);
        }
        t.inherits.iter_mut().for_each(|p| *p = name(p));
    });
    rebuild(&mut schema.indexes, |i| {
        i.table = name(&i.table);
        i.keys.iter_mut().for_each(|k| opt(&mut k.expr));
        opt(&mut i.where_clause);
    });
    rebuild(&mut schema.views, |v| {
        v.name = name(&v.name);
        v.query = text(&v.query);
    });
    rebuild(&mut schema.materialized_views, |v| {
        v.name = name(&v.name);
        v.query = text(&v.query);
    });
    rebuild(&mut schema.routines, |r| {
        r.name = name(&r.name);
        for a in &mut r.args {
            a.data_type = text(&a.data_type);
            opt(&mut a.default);
        }
        opt(&mut r.returns);
        r.body = text(&r.body);
    });
    rebuild(&mut schema.triggers, |t| {
        t.table = name(&t.table);
        opt(&mut t.when);
        opt(&mut t.function);
    });
    rebuild(&mut schema.policies, |p| {
        p.table = name(&p.table);
        opt(&mut p.using);
        opt(&mut p.with_check);
    });
    rebuild(&mut schema.rules, |r| {
        r.table = name(&r.table);
        opt(&mut r.where_clause);
        r.actions.iter_mut().for_each(|a| *a = text(a));
    });
}

fn rebuild<T: flash_core::object_map::Keyed>(map: &mut ObjectMap<T>, mut edit: impl FnMut(&mut T)) {
    let old = std::mem::take(map);
    let mut items: Vec<T> = old.into_iter().collect();
    items.iter_mut().for_each(&mut edit);
    *map = items.into_iter().collect();
}

/// Rewrites the `schema.name` references in `sql` for which `scratch(schema, name)` gives a new schema: qualified
/// identifiers (plain or quoted) and string literals that are exactly such a name (`'app.seq'::regclass`).
pub fn rewrite_qualified(sql: &str, scratch: impl Fn(&str, &str) -> Option<String>) -> String {
    let bytes = sql.as_bytes();
    let mut out = String::with_capacity(sql.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\'' {
            let end = string_end(sql, i);
            let literal = &sql[i + 1..end - 1];
            match qualified_at(literal, 0) {
                Some((schema, name, len)) if len == literal.len() => {
                    match scratch(&schema, &name) {
                        Some(new) => {
                            let part = schema_part_len(literal).unwrap_or(0);
                            out.push('\'');
                            out.push_str(&quote_ident(&new, Dialect::Postgres).replace('\'', "''"));
                            out.push_str(&literal[part..]);
                            out.push('\'');
                        }
                        None => out.push_str(&sql[i..end]),
                    }
                }
                _ => out.push_str(&sql[i..end]),
            }
            i = end;
        } else if c == b'"' || c.is_ascii_alphabetic() || c == b'_' {
            // An identifier that does not continue another one (not the `b` of `a.b.c` handled already).
            let continues = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
            match (continues, qualified_at(sql, i)) {
                (false, Some((schema, name, _))) => {
                    let part = schema_part_len(&sql[i..]).unwrap_or(0);
                    match scratch(&schema, &name) {
                        Some(new) => out.push_str(&quote_ident(&new, Dialect::Postgres)),
                        None => out.push_str(&sql[i..i + part]),
                    }
                    i += part;
                }
                _ => {
                    let end = ident_end(sql, i);
                    out.push_str(&sql[i..end]);
                    i = end;
                }
            }
        } else {
            let ch = sql[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// The end (exclusive) of the string literal opening at `start`, doubled quotes included.
fn string_end(sql: &str, start: usize) -> usize {
    let bytes = sql.as_bytes();
    let mut i = start + 1;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

/// The end (exclusive) of the identifier starting at `start`, plain or quoted.
fn ident_end(sql: &str, start: usize) -> usize {
    let bytes = sql.as_bytes();
    if bytes[start] == b'"' {
        let mut i = start + 1;
        while i < bytes.len() {
            if bytes[i] == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i += 1;
        }
        return bytes.len();
    }
    sql[start..]
        .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '$'))
        .map_or(sql.len(), |e| start + e)
}

/// The identifier at `start` as the database reads it: a quoted one exactly, a plain one in lower case.
fn ident_value(sql: &str, start: usize, end: usize) -> String {
    let raw = &sql[start..end];
    match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => raw.to_ascii_lowercase(),
    }
}

/// The length of the schema part of `schema.name` at the start of `text`.
fn schema_part_len(text: &str) -> Option<usize> {
    let first = text.as_bytes().first()?;
    if !(first.is_ascii_alphabetic() || *first == b'_' || *first == b'"') {
        return None;
    }
    Some(ident_end(text, 0))
}

/// `schema.name` starting at `start`: both parts as the database reads them, and the length it spans.
fn qualified_at(sql: &str, start: usize) -> Option<(String, String, usize)> {
    let bytes = sql.as_bytes();
    let first = *bytes.get(start)?;
    if !(first.is_ascii_alphabetic() || first == b'_' || first == b'"') {
        return None;
    }
    let end1 = ident_end(sql, start);
    if bytes.get(end1) != Some(&b'.') {
        return None;
    }
    let second = *bytes.get(end1 + 1)?;
    if !(second.is_ascii_alphabetic() || second == b'_' || second == b'"') {
        return None;
    }
    let end2 = ident_end(sql, end1 + 1);
    Some((
        ident_value(sql, start, end1),
        ident_value(sql, end1 + 1, end2),
        end2 - start,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remap() -> Remap {
        Remap::new(
            "flash_s1",
            [("app", "orders"), ("app", "seq"), ("public", "users")]
                .iter()
                .map(|(s, n)| (s.to_string(), n.to_string()))
                .collect(),
        )
    }

    #[test]
    fn references_to_moved_objects_point_at_scratch_namespaces() {
        let r = remap();
        assert_eq!(r.scratch_public(), "flash_s1_000");
        assert_eq!(
            r.forward_text(
                "SELECT app.orders.id, \"app\".\"orders\".x FROM app.orders o, app.other, public.users \
                 WHERE nextval('app.seq'::regclass) > 0 AND 'app.orders' <> 'it''s'"
            ),
            "SELECT flash_s1_001.orders.id, flash_s1_001.\"orders\".x FROM flash_s1_001.orders o, app.other, \
             flash_s1_000.users WHERE nextval('flash_s1_001.seq'::regclass) > 0 AND 'flash_s1_001.orders' <> \
             'it''s'"
        );
        assert_eq!(r.forward_type("app.seq"), "flash_s1_001.seq");
        assert_eq!(r.forward_type("mood"), "mood");
    }

    #[test]
    fn what_the_server_prints_comes_back_under_real_names() {
        let r = remap();
        assert_eq!(
            r.back_text("SELECT o.id FROM flash_s1_001.orders o"),
            "SELECT o.id FROM app.orders o"
        );
        assert_eq!(r.back_type("flash_s1_001.orders"), "app.orders");
        assert_eq!(r.back_type("flash_s1_000.users"), "users");
        assert_eq!(
            r.back_name(&QualName::new("flash_s1_000", "users")),
            QualName::new("public", "users")
        );
    }
}
