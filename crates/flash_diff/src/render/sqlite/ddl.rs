//! SQLite DDL for whole objects: the CREATE statements, printed from the model.
//!
//! SQLite keeps an object's text as written and reports some facts per place of writing (a CHECK written on a column
//! belongs to that column, AUTOINCREMENT exists only on an inline `INTEGER PRIMARY KEY`), so single-column
//! constraints are printed on their column, the way schema files usually write them.

use flash_core::name::quote_ident;
use flash_core::{
    CheckConstraint, Column, Dialect, FkAction, ForeignKey, Index, QualName, SortOrder, Table,
    Trigger, View,
};

pub fn ident(name: &str) -> String {
    quote_ident(name, Dialect::Sqlite)
}

/// The table's own name, qualified only outside the main database.
pub fn qname(name: &QualName) -> String {
    name.display(Dialect::Sqlite)
}

/// Collation names (`NOCASE`, `BINARY`) are not identifiers a reserved word can clash with: bare unless odd.
fn collation(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        ident(name)
    }
}

fn list(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| ident(c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A literal SQLite accepts where `ALTER TABLE ADD COLUMN` wants a constant default: numbers, strings, blobs, NULL,
/// TRUE/FALSE. Anything else (CURRENT_TIMESTAMP, a function call) needs a rebuild.
pub fn is_constant(expr: &str) -> bool {
    let e = expr.trim();
    let unsigned = e.trim_start_matches(['-', '+']);
    let number = !unsigned.is_empty()
        && unsigned
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    let quoted = |q: &str| {
        e.len() >= 2 && e.ends_with('\'') && e.starts_with(q) && {
            let inner = &e[q.len()..e.len() - 1];
            !inner.replace("''", "").contains('\'')
        }
    };
    number
        || quoted("'")
        || quoted("X'")
        || quoted("x'")
        || ["null", "true", "false"].contains(&e.to_ascii_lowercase().as_str())
}

/// `DEFAULT x` for literals and the CURRENT_* keywords, `DEFAULT (expr)` for the rest: SQLite stores both without
/// the parentheses.
fn default_clause(expr: &str) -> String {
    let bare = is_constant(expr)
        || ["current_time", "current_date", "current_timestamp"]
            .contains(&expr.trim().to_ascii_lowercase().as_str());
    if bare {
        format!(" DEFAULT {expr}")
    } else {
        format!(" DEFAULT ({expr})")
    }
}

/// A column as `ALTER TABLE ADD COLUMN` and `CREATE TABLE` write it, without the constraints that live on the table.
pub fn column_definition(c: &Column) -> String {
    let mut out = ident(&c.name);
    let ty = c.data_type.to_string();
    if !ty.is_empty() {
        out.push(' ');
        out.push_str(&ty);
    }
    column_tail(c, None, &mut out);
    out
}

/// ` ON CONFLICT <algorithm>` for the constraint the parser recorded it on (`on_conflict.<constraint>` options).
fn on_conflict(table: &Table, constraint: &str) -> String {
    table
        .options
        .get(&format!("on_conflict.{constraint}"))
        .map(|a| format!(" ON CONFLICT {a}"))
        .unwrap_or_default()
}

fn column_tail(c: &Column, table: Option<&Table>, out: &mut String) {
    if !c.nullable {
        out.push_str(" NOT NULL");
        if let Some(t) = table {
            out.push_str(&on_conflict(t, &format!("not_null.{}", c.name)));
        }
    }
    if let Some(d) = &c.default {
        out.push_str(&default_clause(d));
    }
    if let Some(coll) = &c.collation {
        out.push_str(&format!(" COLLATE {}", collation(coll)));
    }
    if let Some(g) = &c.generated {
        out.push_str(&format!(
            " GENERATED ALWAYS AS ({}) {}",
            g.expr,
            if g.stored { "STORED" } else { "VIRTUAL" }
        ));
    }
}

fn constraint_name(name: &Option<String>) -> String {
    name.as_ref()
        .map(|n| format!("CONSTRAINT {} ", ident(n)))
        .unwrap_or_default()
}

pub fn check(c: &CheckConstraint) -> String {
    format!("{}CHECK ({})", constraint_name(&c.name), c.expr)
}

fn references(f: &ForeignKey) -> String {
    let mut out = format!("REFERENCES {}", ident(&f.ref_table.name));
    if !f.ref_columns.is_empty() {
        out.push_str(&format!(" ({})", list(&f.ref_columns)));
    }
    if f.on_update != FkAction::NoAction {
        out.push_str(&format!(" ON UPDATE {}", f.on_update.sql()));
    }
    if f.on_delete != FkAction::NoAction {
        out.push_str(&format!(" ON DELETE {}", f.on_delete.sql()));
    }
    match (f.deferrable, f.initially_deferred) {
        (_, true) => out.push_str(" DEFERRABLE INITIALLY DEFERRED"),
        (true, false) => out.push_str(" DEFERRABLE"),
        _ => {}
    }
    out
}

/// Whether `text` uses `name` as an identifier: a whole word, bare or quoted, in any case, outside string literals.
pub fn mentions(text: &str, name: &str) -> bool {
    let lower = name.to_lowercase();
    let mut in_string = false;
    let mut word = String::new();
    let mut quoted: Option<(char, String)> = None;
    for c in text.chars().chain(std::iter::once(' ')) {
        if let Some((close, buf)) = &mut quoted {
            if c == *close {
                if buf.to_lowercase() == lower {
                    return true;
                }
                quoted = None;
            } else {
                buf.push(c);
            }
            continue;
        }
        if in_string {
            in_string = c != '\'';
            continue;
        }
        if c.is_alphanumeric() || c == '_' || c == '$' {
            word.push(c);
            continue;
        }
        if !word.is_empty() && word.to_lowercase() == lower {
            return true;
        }
        word.clear();
        match c {
            '\'' => in_string = true,
            '"' => quoted = Some(('"', String::new())),
            '`' => quoted = Some(('`', String::new())),
            '[' => quoted = Some((']', String::new())),
            _ => {}
        }
    }
    false
}

/// The one column of `table` a CHECK names, when it names exactly one and has no name of its own: such a check is
/// written on its column.
fn check_column<'a>(table: &'a Table, c: &CheckConstraint) -> Option<&'a str> {
    if c.name.is_some() {
        return None;
    }
    let mut named = table
        .columns
        .iter()
        .filter(|col| mentions(&c.expr, &col.name));
    match (named.next(), named.next()) {
        (Some(col), None) => Some(&col.name),
        _ => None,
    }
}

/// `CREATE TABLE` for `table`, under `name` (a rebuild creates the target definition under a temporary name).
pub fn create_table(table: &Table, name: &QualName) -> String {
    let single_pk = table
        .primary_key
        .as_ref()
        .filter(|pk| pk.columns.len() == 1 && pk.name.is_none());
    let mut items = Vec::new();
    for col in &table.columns {
        let mut out = ident(&col.name);
        let ty = col.data_type.to_string();
        if !ty.is_empty() {
            out.push(' ');
            out.push_str(&ty);
        }
        if single_pk.is_some_and(|pk| pk.columns[0] == col.name) {
            out.push_str(" PRIMARY KEY");
            out.push_str(&on_conflict(table, "primary_key"));
            if col.auto_increment {
                out.push_str(" AUTOINCREMENT");
            }
        }
        column_tail(col, Some(table), &mut out);
        for u in &table.uniques {
            if u.name.is_none() && u.columns.len() == 1 && u.columns[0] == col.name {
                out.push_str(" UNIQUE");
                out.push_str(&on_conflict(table, &format!("unique.{}", col.name)));
            }
        }
        for c in &table.checks {
            if check_column(table, c) == Some(col.name.as_str()) {
                out.push(' ');
                out.push_str(&check(c));
            }
        }
        for f in &table.foreign_keys {
            if f.name.is_none() && f.columns.len() == 1 && f.columns[0] == col.name {
                out.push(' ');
                out.push_str(&references(f));
            }
        }
        items.push(out);
    }
    if let Some(pk) = &table.primary_key {
        if single_pk.is_none() {
            items.push(format!(
                "{}PRIMARY KEY ({}){}",
                constraint_name(&pk.name),
                list(&pk.columns),
                on_conflict(table, "primary_key")
            ));
        }
    }
    for u in &table.uniques {
        if u.name.is_some() || u.columns.len() != 1 {
            items.push(format!(
                "{}UNIQUE ({}){}",
                constraint_name(&u.name),
                list(&u.columns),
                on_conflict(table, &format!("unique.{}", u.columns.join(",")))
            ));
        }
    }
    for c in &table.checks {
        if check_column(table, c).is_none() {
            items.push(check(c));
        }
    }
    for f in &table.foreign_keys {
        if f.name.is_some() || f.columns.len() != 1 {
            items.push(format!(
                "{}FOREIGN KEY ({}) {}",
                constraint_name(&f.name),
                list(&f.columns),
                references(f)
            ));
        }
    }
    let mut options = Vec::new();
    if table.options.contains_key("without_rowid") {
        options.push("WITHOUT ROWID");
    }
    if table.options.contains_key("strict") {
        options.push("STRICT");
    }
    let tail = if options.is_empty() {
        String::new()
    } else {
        format!(" {}", options.join(", "))
    };
    format!("CREATE TABLE {} ({}){tail}", qname(name), items.join(", "))
}

pub fn create_index(i: &Index) -> String {
    let keys: Vec<String> = i
        .keys
        .iter()
        .map(|k| {
            let mut out = match (&k.column, &k.expr) {
                (Some(c), _) => ident(c),
                (None, Some(e)) => e.clone(),
                (None, None) => String::new(),
            };
            if let Some(coll) = &k.collation {
                out.push_str(&format!(" COLLATE {}", collation(coll)));
            }
            if k.order == SortOrder::Desc {
                out.push_str(" DESC");
            }
            out
        })
        .collect();
    let name = QualName::new(i.table.schema.clone(), i.name.clone());
    let mut out = format!(
        "CREATE {}INDEX {} ON {} ({})",
        if i.unique { "UNIQUE " } else { "" },
        qname(&name),
        ident(&i.table.name),
        keys.join(", ")
    );
    if let Some(w) = &i.where_clause {
        out.push_str(&format!(" WHERE {w}"));
    }
    out
}

pub fn create_view(v: &View) -> String {
    let columns = if v.columns.is_empty() {
        String::new()
    } else {
        format!(" ({})", list(&v.columns))
    };
    format!("CREATE VIEW {}{columns} AS {}", qname(&v.name), v.query)
}

/// The trigger's name in its schema: SQLite triggers belong to the schema, not to the table.
pub fn trigger_name(t: &Trigger) -> String {
    qname(&QualName::new(t.table.schema.clone(), t.name.clone()))
}

pub fn create_trigger(t: &Trigger) -> String {
    let mut events = t.events.join(" OR ");
    if !t.update_columns.is_empty() {
        events.push_str(&format!(" OF {}", list(&t.update_columns)));
    }
    let mut out = format!(
        "CREATE TRIGGER {} {} {events} ON {}",
        trigger_name(t),
        t.timing,
        ident(&t.table.name)
    );
    if let Some(w) = &t.when {
        out.push_str(&format!(" WHEN {w}"));
    }
    out.push_str(&format!(" BEGIN {} END", t.body.as_deref().unwrap_or("")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_literals_only() {
        for c in ["0", "-1.5", "'x'", "'it''s'", "NULL", "X'00'", "1e3"] {
            assert!(is_constant(c), "{c}");
        }
        for c in [
            "CURRENT_TIMESTAMP",
            "json_object()",
            "1 + 2",
            "'a' || 'b'",
            "abc",
        ] {
            assert!(!is_constant(c), "{c}");
        }
    }

    #[test]
    fn mentions_whole_identifiers_outside_strings() {
        assert!(mentions("SELECT fname FROM people", "people"));
        assert!(mentions("SELECT o.\"select\" FROM \"order\" o", "order"));
        assert!(!mentions("SELECT 'people' FROM x", "people"));
        assert!(!mentions("SELECT people_id FROM x", "people"));
        assert!(mentions("UPDATE Notes SET a = 1", "notes"));
    }
}
