//! `COMMENT ON`: for comments changed on kept objects, and for the comment of an object created or recreated whole
//! (CREATE has no comment clause, and a drop takes the comment with it).

use super::ddl::{ident, literal, qname};
use super::unsupported;
use super::RenderError;
use crate::{CommentTarget, Object};

/// A dotted name as the differ prints it (`schema.name`), quoted part by part.
fn dotted(n: &str) -> String {
    n.split_once('.')
        .map(|(s, o)| format!("{}.{}", ident(s), ident(o)))
        .unwrap_or_else(|| ident(n))
}

pub fn comment(target: &CommentTarget, text: Option<&str>) -> Result<String, RenderError> {
    let value = text.map(literal).unwrap_or_else(|| "NULL".into());
    Ok(match (target.kind.as_str(), &target.part) {
        ("column", Some(col)) => format!(
            "COMMENT ON COLUMN {}.{} IS {value}",
            dotted(&target.name),
            ident(col)
        ),
        ("constraint", Some(c)) => format!(
            "COMMENT ON CONSTRAINT {} ON {} IS {value}",
            ident(c),
            dotted(&target.name)
        ),
        (
            "table" | "view" | "index" | "sequence" | "schema" | "extension" | "materialized view"
            | "domain",
            None,
        ) => format!(
            "COMMENT ON {} {} IS {value}",
            target.kind.to_uppercase(),
            dotted(&target.name)
        ),
        ("type", None) => format!("COMMENT ON TYPE {} IS {value}", dotted(&target.name)),
        // `name on schema.table`, as the differ names triggers, policies and rules.
        ("trigger" | "policy" | "rule", None) => {
            let (name, table) = target
                .name
                .split_once(" on ")
                .ok_or_else(|| unsupported(format!("a comment on {}", target.name)))?;
            format!(
                "COMMENT ON {} {} ON {} IS {value}",
                target.kind.to_uppercase(),
                ident(name),
                dotted(table)
            )
        }
        // `schema.name(argument types)`: the types are printed by PostgreSQL already.
        ("function" | "procedure", None) => {
            let (name, args) = target
                .name
                .split_once('(')
                .ok_or_else(|| unsupported(format!("a comment on {}", target.name)))?;
            format!(
                "COMMENT ON {} {}({args} IS {value}",
                target.kind.to_uppercase(),
                dotted(name)
            )
        }
        _ => return Err(unsupported(format!("comments on {}", target.kind))),
    })
}

/// The comment of an object created whole, as a statement; tables' comments are written with their columns'.
pub fn created_comment(object: &Object) -> Result<Option<String>, RenderError> {
    match comment_of(object) {
        Some((target, Some(text))) => comment(&target, Some(&text)).map(Some),
        _ => Ok(None),
    }
}

/// The comments on a view's columns, for a view created whole (a drop takes them with it).
pub fn view_column_comments(object: &Object) -> Vec<String> {
    let (name, columns) = match object {
        Object::View(v) => (&v.name, &v.column_comments),
        Object::MaterializedView(v) => (&v.name, &v.column_comments),
        _ => return Vec::new(),
    };
    columns
        .iter()
        .map(|(column, text)| {
            format!(
                "COMMENT ON COLUMN {}.{} IS {}",
                qname(name),
                ident(column),
                literal(text)
            )
        })
        .collect()
}

/// The comment statement for an object altered in place, when its comment changes with it.
pub fn changed_comment(from: &Object, to: &Object) -> Result<Option<String>, RenderError> {
    match (comment_of(from), comment_of(to)) {
        (Some((_, old)), Some((target, new))) if old != new => {
            comment(&target, new.as_deref()).map(Some)
        }
        _ => Ok(None),
    }
}

/// What an object's comment is on, and the comment; `None` for tables, whose comments the differ handles itself.
fn comment_of(object: &Object) -> Option<(CommentTarget, Option<String>)> {
    let on = |kind: &str, name: String| CommentTarget {
        kind: kind.into(),
        name,
        part: None,
    };
    let (target, text) = match object {
        Object::Table(_) => return None,
        Object::Namespace(n) => (on("schema", n.name.clone()), &n.comment),
        Object::Extension(e) => (on("extension", e.name.clone()), &e.comment),
        Object::Enum(e) => (on("type", e.name.to_string()), &e.comment),
        Object::Domain(d) => (on("domain", d.name.to_string()), &d.comment),
        Object::CompositeType(c) => (on("type", c.name.to_string()), &c.comment),
        Object::RangeType(r) => (on("type", r.name.to_string()), &r.comment),
        Object::Sequence(s) => (on("sequence", s.name.to_string()), &s.comment),
        Object::Index(i) => (
            on("index", format!("{}.{}", i.table.schema, i.name)),
            &i.comment,
        ),
        Object::View(v) => (on("view", v.name.to_string()), &v.comment),
        Object::MaterializedView(v) => (on("materialized view", v.name.to_string()), &v.comment),
        Object::Routine(r) => {
            let kind = if r.kind == flash_core::RoutineKind::Procedure {
                "procedure"
            } else {
                "function"
            };
            (
                on(kind, format!("{}({})", r.name, r.arg_types())),
                &r.comment,
            )
        }
        Object::Trigger(t) => (
            on("trigger", format!("{} on {}", t.name, t.table)),
            &t.comment,
        ),
        Object::Policy(p) => (
            on("policy", format!("{} on {}", p.name, p.table)),
            &p.comment,
        ),
        Object::Rule(r) => (on("rule", format!("{} on {}", r.name, r.table)), &r.comment),
    };
    Some((target, text.clone()))
}

/// Table, column and constraint comments of a table created whole.
pub fn table_comments(t: &flash_core::Table) -> Vec<String> {
    let mut out = Vec::new();
    for (constraint, c) in &t.constraint_comments {
        out.push(format!(
            "COMMENT ON CONSTRAINT {} ON {} IS {}",
            ident(constraint),
            qname(&t.name),
            literal(c)
        ));
    }
    if let Some(c) = &t.comment {
        out.push(format!(
            "COMMENT ON TABLE {} IS {}",
            qname(&t.name),
            literal(c)
        ));
    }
    for col in &t.columns {
        if let Some(c) = &col.comment {
            out.push(format!(
                "COMMENT ON COLUMN {}.{} IS {}",
                qname(&t.name),
                ident(&col.name),
                literal(c)
            ));
        }
    }
    out
}
