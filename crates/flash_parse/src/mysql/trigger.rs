//! `CREATE TRIGGER`, read by hand: MySQL trigger bodies are procedural code that sqlparser does not parse.

use std::collections::BTreeMap;

use flash_core::{Diagnostic, QualName, Trigger};

use super::ctx::Ctx;
use super::tokens::Stmt;

pub fn create_trigger(cx: &mut Ctx<'_>, stmt: &Stmt<'_>) -> Result<(), Diagnostic> {
    let mut c = stmt.cursor();
    c.eat_word("CREATE");
    let or_replace = c.eat_words(&["OR", "REPLACE"]);
    c.skip_definer();
    c.eat_word("TRIGGER");
    let (schema, name, name_at) = cx.created_name(&mut c, "a trigger")?;
    let timing = if c.eat_word("BEFORE") {
        "BEFORE"
    } else if c.eat_word("AFTER") {
        "AFTER"
    } else {
        return Err(cx.err(c.offset(), "syntax error: expected BEFORE or AFTER"));
    };
    let mut events = Vec::new();
    loop {
        let event = ["INSERT", "UPDATE", "DELETE"]
            .into_iter()
            .find(|e| c.eat_word(e));
        match event {
            Some(e) => events.push(e.to_string()),
            None => {
                return Err(cx.err(
                    c.offset(),
                    "syntax error: expected INSERT, UPDATE or DELETE",
                ))
            }
        }
        if !c.eat_word("OR") {
            break;
        }
    }
    events.sort_by_key(|e| ["INSERT", "UPDATE", "DELETE"].iter().position(|x| x == e));
    if !c.eat_word("ON") {
        return Err(cx.err(c.offset(), "syntax error: expected ON and the table"));
    }
    let table_at = c.offset();
    let (table_schema, table) = c
        .qualified()
        .ok_or_else(|| cx.err(table_at, "syntax error: expected a table name"))?;
    let table = QualName::new(table_schema.unwrap_or_default(), table);
    if !c.eat_words(&["FOR", "EACH", "ROW"]) {
        return Err(cx.err(c.offset(), "syntax error: expected FOR EACH ROW"));
    }
    let mut options = BTreeMap::new();
    for word in ["FOLLOWS", "PRECEDES"] {
        if c.eat_word(word) {
            let other_at = c.offset();
            let other = c
                .ident()
                .ok_or_else(|| cx.err(other_at, "syntax error: expected a trigger name"))?;
            options.insert("order".to_string(), format!("{word} {other}"));
        }
    }
    let body = stmt.text_from(c.offset());
    if body.is_empty() {
        return Err(cx.err(c.offset(), "syntax error: the trigger has no body"));
    }
    let trigger = Trigger {
        name: name.clone(),
        table: table.clone(),
        timing: timing.to_string(),
        events,
        update_columns: Vec::new(),
        for_each_row: true,
        when: None,
        function: None,
        body: Some(body.to_string()),
        options,
        enabled: Default::default(),
        comment: None,
    };
    // Trigger names are per database in MySQL, not per table.
    let trigger_schema = schema.unwrap_or_else(|| table.schema.clone());
    let key = QualName::new(trigger_schema.clone(), name).to_string();
    if or_replace {
        cx.b.schema
            .triggers
            .retain(|t| !(t.name == trigger.name && t.table.schema == trigger_schema));
        cx.b.undefine("trigger", &key);
    }
    cx.b.define("trigger", &key, cx.origin(name_at))?;
    cx.b.defer_table(table, cx.origin(table_at));
    cx.b.schema.triggers.insert(trigger);
    Ok(())
}
