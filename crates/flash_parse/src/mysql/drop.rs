//! `DROP` in a schema file. Dumps start every object with `DROP ... IF EXISTS`, and mysqldump replaces a view's
//! placeholder with `DROP VIEW` and a second CREATE, so a DROP removes what an earlier statement defined and is a
//! no-op with IF EXISTS when there is nothing to remove.

use flash_core::{Diagnostic, QualName, RoutineKind};
use sqlparser::tokenizer::Token;

use super::ctx::Ctx;
use super::tokens::Stmt;

pub fn drop(cx: &mut Ctx<'_>, stmt: &Stmt<'_>) -> Result<(), Diagnostic> {
    let mut c = stmt.cursor();
    c.eat_word("DROP");
    c.eat_word("TEMPORARY");
    let kind_at = c.offset();
    let kind = match c.ident() {
        Some(k) => k.to_ascii_uppercase(),
        None => return Err(cx.err(kind_at, "syntax error: expected an object kind after DROP")),
    };
    if kind == "DATABASE" || kind == "SCHEMA" {
        return Ok(());
    }
    let if_exists = c.eat_words(&["IF", "EXISTS"]);
    loop {
        let at = c.offset();
        let Some((schema, name)) = c.qualified() else {
            return Err(cx.err(at, "syntax error: expected a name"));
        };
        let qual = QualName::new(schema.unwrap_or_default(), name);
        let found = match kind.as_str() {
            "TABLE" | "TABLES" => drop_table(cx, &qual),
            "VIEW" => drop_view(cx, &qual),
            "PROCEDURE" => drop_routine(cx, &qual, RoutineKind::Procedure),
            "FUNCTION" => drop_routine(cx, &qual, RoutineKind::Function),
            "TRIGGER" => drop_trigger(cx, &qual),
            "EVENT" => drop_event(cx, &qual),
            "INDEX" => {
                if !c.eat_word("ON") {
                    return Err(
                        cx.err(c.offset(), "syntax error: expected ON after the index name")
                    );
                }
                let table_at = c.offset();
                let Some((schema, table)) = c.qualified() else {
                    return Err(cx.err(table_at, "syntax error: expected a table name"));
                };
                drop_index(
                    cx,
                    &QualName::new(schema.unwrap_or_default(), table),
                    &qual.name,
                )
            }
            _ => {
                return Err(cx.err(
                    kind_at,
                    format!("DROP {kind} is not supported in a schema file"),
                ))
            }
        };
        if !found && !if_exists {
            return Err(cx.err(
                at,
                format!("{} \"{qual}\" does not exist", kind.to_ascii_lowercase()),
            ));
        }
        if !c.eat(&Token::Comma) {
            break;
        }
    }
    c.eat_word("RESTRICT");
    c.eat_word("CASCADE");
    if !c.at_end() {
        return Err(cx.err(c.offset(), "syntax error: unexpected text after DROP"));
    }
    Ok(())
}

fn drop_table(cx: &mut Ctx<'_>, name: &QualName) -> bool {
    let Some(key) = cx.b.find_table(name) else {
        return false;
    };
    cx.b.schema.tables.remove(&key);
    cx.b.undefine("table", &key.to_string());
    cx.b.schema.indexes.retain(|i| i.table != key);
    cx.b.schema.triggers.retain(|t| t.table != key);
    true
}

fn drop_view(cx: &mut Ctx<'_>, name: &QualName) -> bool {
    if cx.b.schema.views.remove(name).is_none() {
        return false;
    }
    cx.b.undefine("view", &name.to_string());
    true
}

fn drop_routine(cx: &mut Ctx<'_>, name: &QualName, kind: RoutineKind) -> bool {
    let before = cx.b.schema.routines.len();
    cx.b.schema.routines.retain(|r| {
        !(r.kind == kind
            && r.name.schema == name.schema
            && r.name.name.eq_ignore_ascii_case(&name.name))
    });
    let found = cx.b.schema.routines.len() != before;
    if found {
        cx.b.undefine(super::routine::kind_word(kind), &name.to_string());
    }
    found
}

fn drop_trigger(cx: &mut Ctx<'_>, name: &QualName) -> bool {
    let before = cx.b.schema.triggers.len();
    cx.b.schema
        .triggers
        .retain(|t| !(t.table.schema == name.schema && t.name == name.name));
    let found = cx.b.schema.triggers.len() != before;
    if found {
        cx.b.undefine("trigger", &name.to_string());
    }
    found
}

fn drop_event(cx: &mut Ctx<'_>, name: &QualName) -> bool {
    if cx.b.schema.events.remove(name).is_none() {
        return false;
    }
    cx.b.undefine("event", &name.to_string());
    true
}

fn drop_index(cx: &mut Ctx<'_>, table: &QualName, name: &str) -> bool {
    let before = cx.b.schema.indexes.len();
    cx.b.schema
        .indexes
        .retain(|i| !(&i.table == table && i.name.eq_ignore_ascii_case(name)));
    cx.b.schema.indexes.len() != before
}
