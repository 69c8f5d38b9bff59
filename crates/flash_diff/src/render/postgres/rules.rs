//! Rules: `CREATE [OR REPLACE] RULE`, `DROP RULE`, and the kept rules an altered column would trip over.
//!
//! PostgreSQL records which columns a rule's commands and condition read, and refuses to change the type of (or
//! drop) such a column while the rule exists, as it does for views; a rule on a view also goes when the view is
//! dropped. So kept rules over altered tables are dropped before the change and created again after it, and kept
//! rules on views recreated around the change are created again with them.

use flash_core::{QualName, Rule, Schema};

use super::comment::created_comment;
use super::ddl::{ident, qname};
use super::views::mentions;
use super::{Phase, RenderError};
use crate::render::Staged;
use crate::Object;

pub fn create_rule(r: &Rule, replace: bool) -> String {
    let mut out = format!(
        "CREATE {}RULE {} AS ON {} TO {}",
        if replace { "OR REPLACE " } else { "" },
        ident(&r.name),
        r.event,
        qname(&r.table)
    );
    if let Some(w) = &r.where_clause {
        out.push_str(&format!(" WHERE {w}"));
    }
    out.push_str(if r.instead {
        " DO INSTEAD "
    } else {
        " DO ALSO "
    });
    match r.actions.as_slice() {
        [] => out.push_str("NOTHING"),
        [one] => out.push_str(one),
        many => out.push_str(&format!("({})", many.join("; "))),
    }
    out
}

pub fn drop_rule(r: &Rule) -> String {
    format!("DROP RULE {} ON {}", ident(&r.name), qname(&r.table))
}

/// Does the rule read or write `name` (a table or view) in its condition or commands, or hang off it?
fn uses(r: &Rule, name: &QualName) -> bool {
    r.table == *name
        || r.where_clause
            .iter()
            .chain(&r.actions)
            .any(|text| mentions(text, &name.name))
}

/// Does the rule use any of `tables`?
pub fn uses_any(r: &Rule, tables: &[QualName]) -> bool {
    tables.iter().any(|t| uses(r, t))
}

/// The drops and creations of the rules kept from `from` to `to` (equal but for the comment, which the differ sets on
/// its own, and which comes in the finishing phase, after these) that use `altered` tables or the `recreated` views;
/// a rule on a recreated view went with it and is only created again.
pub fn around_altered_tables(
    altered: &[QualName],
    recreated: &[QualName],
    from: &Schema,
    to: &Schema,
) -> Result<Vec<Staged>, RenderError> {
    let mut out = Vec::new();
    if altered.is_empty() && recreated.is_empty() {
        return Ok(out);
    }
    let mut creations = Vec::new();
    for new in to.rules.iter() {
        let Some(old) = from.rules.get(&flash_core::object_map::Keyed::key(new)) else {
            continue;
        };
        let same = Rule {
            comment: None,
            ..old.clone()
        } == Rule {
            comment: None,
            ..new.clone()
        };
        if !same || !(uses_any(new, altered) || uses_any(new, recreated)) {
            continue;
        }
        let old = Object::Rule(old.clone());
        if !recreated.contains(&new.table) {
            out.push(Staged::new(Phase::DropDependents, drop_rule(new)).dropping(old.object_ref()));
        }
        let new_object = Object::Rule(new.clone());
        creations.push(
            Staged::new(Phase::Dependents, create_rule(new, false))
                .creating(new_object.object_ref()),
        );
        // A changed comment is the differ's own change; an unchanged one went with the drop.
        if super::comment::changed_comment(&old, &new_object)?.is_none() {
            if let Some(c) = created_comment(&new_object)? {
                creations.push(Staged::new(Phase::Finishing, c));
            }
        }
    }
    out.extend(creations);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(actions: &[&str], where_clause: Option<&str>, instead: bool) -> Rule {
        Rule {
            name: "r".into(),
            table: QualName::new("public", "t"),
            event: "UPDATE".into(),
            instead,
            where_clause: where_clause.map(str::to_string),
            actions: actions.iter().map(|a| a.to_string()).collect(),
            comment: None,
        }
    }

    #[test]
    fn actions_print_as_nothing_one_command_or_a_list() {
        assert_eq!(
            create_rule(&rule(&[], None, true), false),
            "CREATE RULE r AS ON UPDATE TO public.t DO INSTEAD NOTHING"
        );
        assert_eq!(
            create_rule(&rule(&["NOTIFY t"], Some("new.id > 0"), false), true),
            "CREATE OR REPLACE RULE r AS ON UPDATE TO public.t WHERE new.id > 0 DO ALSO NOTIFY t"
        );
        assert_eq!(
            create_rule(&rule(&["NOTIFY a", "NOTIFY b"], None, false), false),
            "CREATE RULE r AS ON UPDATE TO public.t DO ALSO (NOTIFY a; NOTIFY b)"
        );
    }
}
