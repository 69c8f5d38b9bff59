//! MySQL/MariaDB DDL for whole objects, printed from the model: tables (without their foreign keys and indexes,
//! which are changes of their own), indexes, views, routines, triggers, events and grants.

use flash_core::{
    CheckConstraint, Event, EventSchedule, ForeignKey, Grant, Index, PrimaryKey, QualName, Routine,
    RoutineKind, Sequence, SortOrder, Table, Trigger, UniqueConstraint, View,
};

use super::column::write_column_definition;

/// Always backtick-quoted: MySQL's reserved words are many and grow with each version (`rank`, `lead`, `range`), so
/// quoting only the words a list knows would break on the next one. The escaping is `quote_ident`'s MySQL rule.
pub fn ident(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    push_ident(&mut out, name);
    out
}

/// [`ident`] written at the end of `out`.
pub fn push_ident(out: &mut String, name: &str) {
    out.push('`');
    if name.contains('`') {
        out.push_str(&name.replace('`', "``"));
    } else {
        out.push_str(name);
    }
    out.push('`');
}

/// [`qname`] written at the end of `out`.
pub fn push_qname(out: &mut String, name: &QualName) {
    if !name.schema.is_empty() {
        push_ident(out, &name.schema);
        out.push('.');
    }
    push_ident(out, &name.name);
}

/// The table's own name when it lives in the connection's database (the model's empty schema), else `db`.`name`.
pub fn qname(name: &QualName) -> String {
    let mut out = String::new();
    push_qname(&mut out, name);
    out
}

/// A string literal under MariaDB's default SQL mode, where the backslash escapes.
pub fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_literal(&mut out, text);
    out
}

/// [`literal`] written at the end of `out`.
pub fn push_literal(out: &mut String, text: &str) {
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("''"),
            c => out.push(c),
        }
    }
    out.push('\'');
}

pub fn list(columns: &[String]) -> String {
    let mut out = String::new();
    push_list(&mut out, columns);
    out
}

/// [`list`] written at the end of `out`.
pub fn push_list(out: &mut String, columns: &[String]) {
    crate::render::push_list(out, columns, push_ident);
}

pub fn primary_key(pk: &PrimaryKey) -> String {
    // MySQL names every primary key PRIMARY: a name in the model is not the server's to keep.
    format!("PRIMARY KEY ({})", list(&pk.columns))
}

fn constraint_name(name: &Option<String>) -> String {
    name.as_ref()
        .map(|n| format!("CONSTRAINT {} ", ident(n)))
        .unwrap_or_default()
}

pub fn unique(u: &UniqueConstraint) -> String {
    format!("{}UNIQUE ({})", constraint_name(&u.name), list(&u.columns))
}

pub fn check(c: &CheckConstraint) -> String {
    format!("{}CHECK ({})", constraint_name(&c.name), c.expr)
}

/// MariaDB's own name for an unnamed foreign key: `<table>_ibfk_<n>`.
pub fn is_generated_fk_name(table: &QualName, name: &str) -> bool {
    name.strip_prefix(&table.name)
        .and_then(|rest| rest.strip_prefix("_ibfk_"))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// A foreign key as `ALTER TABLE ... ADD` takes it. One the server named itself is added unnamed, so that the index
/// MariaDB creates for it is named after its first column, as it is when the key is declared in CREATE TABLE.
pub fn foreign_key(table: &QualName, f: &ForeignKey) -> String {
    let mut out = String::with_capacity(96);
    if let Some(n) = f.name.as_ref().filter(|n| !is_generated_fk_name(table, n)) {
        out.push_str("CONSTRAINT ");
        push_ident(&mut out, n);
        out.push(' ');
    }
    out.push_str("FOREIGN KEY (");
    push_list(&mut out, &f.columns);
    out.push_str(") REFERENCES ");
    push_qname(&mut out, &f.ref_table);
    out.push_str(" (");
    push_list(&mut out, &f.ref_columns);
    out.push(')');
    if !f.on_delete.is_default() {
        out.push_str(" ON DELETE ");
        out.push_str(f.on_delete.sql());
    }
    if !f.on_update.is_default() {
        out.push_str(" ON UPDATE ");
        out.push_str(f.on_update.sql());
    }
    out
}

/// Table options as CREATE/ALTER TABLE writes them, in a fixed order.
pub fn table_options(options: &std::collections::BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    for (key, value) in options {
        match key.as_str() {
            "engine" => out.push(format!("ENGINE={value}")),
            "charset" => out.push(format!("DEFAULT CHARSET={value}")),
            "collate" => out.push(format!("COLLATE={value}")),
            "row_format" => out.push(format!("ROW_FORMAT={value}")),
            "auto_increment" => out.push(format!("AUTO_INCREMENT={value}")),
            _ => {}
        }
    }
    out
}

/// `CREATE TABLE` with columns, primary key, unique and check constraints; foreign keys and indexes come after.
pub fn create_table(t: &Table) -> String {
    // Written into one String: a plan creating a schema prints thousands of columns.
    let mut out = String::with_capacity(64 + 64 * t.columns.len());
    out.push_str("CREATE TABLE ");
    push_qname(&mut out, &t.name);
    out.push_str(" (");
    let constraints = t
        .primary_key
        .iter()
        .map(primary_key)
        .chain(t.uniques.iter().map(unique))
        .chain(t.checks.iter().map(check));
    let mut separator = "\n    ";
    for c in &t.columns {
        out.push_str(separator);
        write_column_definition(&mut out, c);
        separator = ",\n    ";
    }
    for constraint in constraints {
        out.push_str(separator);
        out.push_str(&constraint);
        separator = ",\n    ";
    }
    if separator == "\n    " {
        // Nothing at all, printed as the items' join always printed it.
        out.push_str(separator);
    }
    out.push_str("\n)");
    let mut options = table_options(&t.options);
    if let Some(c) = &t.comment {
        options.push(format!("COMMENT={}", literal(c)));
    }
    // Partitioning closes the statement, after every other option.
    options.extend(t.options.get("partition").cloned());
    if !options.is_empty() {
        out.push(' ');
        out.push_str(&options.join(" "));
    }
    out
}

/// An index's kind word (`UNIQUE `, `FULLTEXT `, ...) and what follows its name: keys, method, comment. CREATE INDEX
/// and ALTER TABLE ... ADD INDEX share them.
fn index_parts(i: &Index) -> (&'static str, String) {
    let mut rest = String::from("(");
    for (n, k) in i.keys.iter().enumerate() {
        if n > 0 {
            rest.push_str(", ");
        }
        crate::render::push_index_key(&mut rest, k, push_ident);
        if let Some(len) = k.length {
            rest.push_str(&format!("({len})"));
        }
        if k.order == SortOrder::Desc {
            rest.push_str(" DESC");
        }
    }
    rest.push(')');
    let kind = match i.method.as_deref() {
        Some("fulltext") => "FULLTEXT ",
        Some("spatial") => "SPATIAL ",
        _ if i.unique => "UNIQUE ",
        _ => "",
    };
    if i.method.as_deref() == Some("hash") {
        rest.push_str(" USING HASH");
    }
    if let Some(c) = &i.comment {
        rest.push_str(&format!(" COMMENT {}", literal(c)));
    }
    (kind, rest)
}

pub fn create_index(i: &Index) -> String {
    let (kind, rest) = index_parts(i);
    let mut out = String::with_capacity(32 + i.name.len() + rest.len());
    out.push_str("CREATE ");
    out.push_str(kind);
    out.push_str("INDEX ");
    push_ident(&mut out, &i.name);
    out.push_str(" ON ");
    push_qname(&mut out, &i.table);
    out.push(' ');
    out.push_str(&rest);
    out
}

/// The index dropped and added back in one statement, so a foreign key that needs an index on those columns always
/// has one.
pub fn rebuild_index(i: &Index) -> String {
    let (kind, rest) = index_parts(i);
    format!(
        "ALTER TABLE {} DROP INDEX {}, ADD {kind}INDEX {} {rest}",
        qname(&i.table),
        ident(&i.name),
        ident(&i.name)
    )
}

pub fn drop_index(table: &QualName, name: &str) -> String {
    format!("DROP INDEX {} ON {}", ident(name), qname(table))
}

/// `CREATE OR REPLACE VIEW`, which also serves a changed view: MySQL keeps no dependencies on views to break.
pub fn create_view(v: &View) -> String {
    let mut out = String::from("CREATE OR REPLACE");
    if let Some(a) = v.options.get("algorithm") {
        out.push_str(&format!(" ALGORITHM={a}"));
    }
    if let Some(s) = v.options.get("sql_security") {
        out.push_str(&format!(" SQL SECURITY {s}"));
    }
    out.push_str(&format!(" VIEW {}", qname(&v.name)));
    if !v.columns.is_empty() {
        out.push_str(&format!(" ({})", list(&v.columns)));
    }
    out.push_str(&format!(" AS {}", v.query));
    match v.options.get("check_option").map(String::as_str) {
        Some("local") => out.push_str(" WITH LOCAL CHECK OPTION"),
        Some(_) => out.push_str(" WITH CASCADED CHECK OPTION"),
        None => {}
    }
    out
}

fn routine_kind(r: &Routine) -> &'static str {
    if r.kind == RoutineKind::Procedure {
        "PROCEDURE"
    } else {
        "FUNCTION"
    }
}

pub fn create_routine(r: &Routine) -> String {
    let args: Vec<String> = r
        .args
        .iter()
        .map(|a| {
            let mut s = String::new();
            if let Some(m) = &a.mode {
                s.push_str(&format!("{} ", m.to_uppercase()));
            }
            if let Some(n) = &a.name {
                s.push_str(&format!("{} ", ident(n)));
            }
            s.push_str(&a.data_type);
            s
        })
        .collect();
    let mut out = format!(
        "CREATE {} {}({})",
        routine_kind(r),
        qname(&r.name),
        args.join(", ")
    );
    if let Some(ret) = &r.returns {
        out.push_str(&format!(" RETURNS {ret}"));
    }
    for (key, value) in &r.attributes {
        match key.as_str() {
            "deterministic" if value == "YES" => out.push_str(" DETERMINISTIC"),
            "data_access" => out.push_str(&format!(" {value}")),
            "sql_security" => out.push_str(&format!(" SQL SECURITY {value}")),
            _ => {}
        }
    }
    if let Some(c) = &r.comment {
        out.push_str(&format!(" COMMENT {}", literal(c)));
    }
    out.push_str(&format!("\n{}", r.body));
    out
}

pub fn drop_routine(r: &Routine) -> String {
    format!("DROP {} {}", routine_kind(r), qname(&r.name))
}

pub fn create_trigger(t: &Trigger) -> String {
    let mut out = format!(
        "CREATE TRIGGER {} {} {} ON {} FOR EACH ROW",
        ident(&t.name),
        t.timing,
        t.events.join(" OR "),
        qname(&t.table)
    );
    if let Some((word, other)) = t.options.get("order").and_then(|o| o.split_once(' ')) {
        out.push_str(&format!(" {word} {}", ident(other)));
    }
    out.push_str(&format!("\n{}", t.body.as_deref().unwrap_or_default()));
    out
}

/// Triggers are named per database in MySQL: no table in the DROP.
pub fn drop_trigger(t: &Trigger) -> String {
    let name = QualName::new(t.table.schema.clone(), t.name.clone());
    format!("DROP TRIGGER {}", qname(&name))
}

/// MariaDB `CREATE SEQUENCE`, options left out where the model leaves them to the server.
pub fn create_event(e: &Event) -> String {
    format!(
        "CREATE EVENT {}{}",
        qname(&e.name),
        event_definition(e, false)
    )
}

/// `ALTER EVENT` restating everything but the name, so the event ends as [`create_event`] would make it — except
/// for an ENDS it no longer has ([`event_loses_ends`]).
pub fn alter_event(e: &Event) -> String {
    format!(
        "ALTER EVENT {}{}",
        qname(&e.name),
        event_definition(e, true)
    )
}

/// Whether going from `from` to `to` takes away an ENDS, which `ALTER EVENT` cannot do.
pub fn event_loses_ends(from: &Event, to: &Event) -> bool {
    let ends = |e: &Event| matches!(&e.schedule, EventSchedule::Every { ends: Some(_), .. });
    ends(from) && !ends(to)
}

/// What follows the name in CREATE and ALTER EVENT: schedule, completion, status, comment and body. An ALTER says
/// `COMMENT ''` when there is none, so that a comment the event had goes.
fn event_definition(e: &Event, alter: bool) -> String {
    let mut out = String::from(" ON SCHEDULE ");
    match &e.schedule {
        EventSchedule::At(at) => out.push_str(&format!("AT {at}")),
        EventSchedule::Every {
            interval,
            unit,
            starts,
            ends,
        } => {
            out.push_str(&format!("EVERY {interval} {unit}"));
            if let Some(s) = starts {
                out.push_str(&format!(" STARTS {s}"));
            }
            if let Some(s) = ends {
                out.push_str(&format!(" ENDS {s}"));
            }
        }
    }
    let not = if e.preserve { "" } else { "NOT " };
    out.push_str(&format!(" ON COMPLETION {not}PRESERVE {}", e.status.sql()));
    match &e.comment {
        Some(c) => out.push_str(&format!(" COMMENT {}", literal(c))),
        None if alter => out.push_str(" COMMENT ''"),
        None => {}
    }
    out.push_str(&format!("\nDO {}", e.body));
    out
}

pub fn create_sequence(s: &Sequence) -> String {
    let o = &s.options;
    let mut out = format!("CREATE SEQUENCE {}", qname(&s.name));
    let options = [
        ("START WITH", o.start),
        ("INCREMENT BY", o.increment),
        ("MINVALUE", o.min_value),
        ("MAXVALUE", o.max_value),
        ("CACHE", o.cache),
    ];
    for (word, value) in options {
        if let Some(v) = value {
            out.push_str(&format!(" {word} {v}"));
        }
    }
    if o.cycle {
        out.push_str(" CYCLE");
    }
    out
}

/// `ALTER SEQUENCE` for the options that changed; one the target leaves out goes back to MariaDB's default, so the
/// sequence keeps its current value where a drop and create would restart it.
pub fn alter_sequence(from: &Sequence, to: &Sequence) -> String {
    let (a, b) = (&from.options, &to.options);
    let mut parts = Vec::new();
    let increment = b.increment.unwrap_or(1);
    if a.increment != b.increment {
        parts.push(format!("INCREMENT BY {increment}"));
    }
    if a.min_value != b.min_value {
        parts.push(
            b.min_value
                .map_or("NO MINVALUE".into(), |v| format!("MINVALUE {v}")),
        );
    }
    if a.max_value != b.max_value {
        parts.push(
            b.max_value
                .map_or("NO MAXVALUE".into(), |v| format!("MAXVALUE {v}")),
        );
    }
    if a.start != b.start || a.min_value != b.min_value || a.max_value != b.max_value {
        // The default start is the bound the sequence counts away from.
        let start = b.start.unwrap_or(if increment < 0 {
            b.max_value.unwrap_or(-1)
        } else {
            b.min_value.unwrap_or(1)
        });
        parts.push(format!("START WITH {start}"));
    }
    if a.cache != b.cache {
        parts.push(format!("CACHE {}", b.cache.unwrap_or(1000)));
    }
    if a.cycle != b.cycle {
        parts.push(if b.cycle { "CYCLE" } else { "NOCYCLE" }.into());
    }
    format!("ALTER SEQUENCE {} {}", qname(&to.name), parts.join(" "))
}

/// `GRANT`/`REVOKE` of one privilege on one object; `grant` picks which. Grantees are already `'user'@'host'`.
pub fn grant(g: &Grant, grant: bool) -> String {
    let columns = if g.columns.is_empty() {
        String::new()
    } else {
        format!(" ({})", list(&g.columns))
    };
    let dotted = |s: &str| {
        s.split('.')
            .map(|p| if p == "*" { p.to_string() } else { ident(p) })
            .collect::<Vec<_>>()
            .join(".")
    };
    let object = match g.object_kind.as_str() {
        "global" => "*.*".to_string(),
        "database" => format!("{}.*", ident(&g.object)),
        "function" => format!("FUNCTION {}", dotted(&g.object)),
        "procedure" => format!("PROCEDURE {}", dotted(&g.object)),
        _ => format!("TABLE {}", dotted(&g.object)),
    };
    if grant {
        let option = if g.with_grant_option {
            " WITH GRANT OPTION"
        } else {
            ""
        };
        format!(
            "GRANT {}{columns} ON {object} TO {}{option}",
            g.privilege, g.grantee
        )
    } else {
        format!(
            "REVOKE {}{columns} ON {object} FROM {}",
            g.privilege, g.grantee
        )
    }
}

#[cfg(test)]
mod tests {
    use flash_core::{Column, DataType};

    use super::super::column::column_definition;
    use super::*;

    #[test]
    fn modify_restates_every_attribute() {
        let mut c = Column::new("at", DataType::with_args("datetime", vec!["6".into()]));
        c.default = Some("current_timestamp(6)".into());
        c.on_update = Some("current_timestamp(6)".into());
        c.charset = None;
        c.comment = Some("it's \\ here".into());
        c.invisible = true;
        assert_eq!(
            column_definition(&c),
            "`at` datetime(6) NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6) INVISIBLE \
             COMMENT 'it''s \\\\ here'"
        );
    }

    #[test]
    fn server_named_foreign_keys_are_added_unnamed() {
        let t = QualName::new("", "posts");
        assert!(is_generated_fk_name(&t, "posts_ibfk_12"));
        assert!(!is_generated_fk_name(&t, "posts_ibfk_"));
        assert!(!is_generated_fk_name(&t, "posts_user_fk"));
        let fk = ForeignKey {
            name: Some("posts_ibfk_1".into()),
            columns: vec!["user".into()],
            ref_table: QualName::new("", "order"),
            ref_columns: vec!["id".into()],
            on_delete: flash_core::FkAction::Cascade,
            on_update: Default::default(),
            match_type: Default::default(),
            deferrable: false,
            initially_deferred: false,
            not_valid: false,
        };
        assert_eq!(
            foreign_key(&t, &fk),
            "FOREIGN KEY (`user`) REFERENCES `order` (`id`) ON DELETE CASCADE"
        );
    }

    #[test]
    fn altered_sequence_options_fall_back_to_the_server_defaults() {
        let mut a = Sequence::new(QualName::new("", "s"));
        a.options.start = Some(100);
        a.options.cache = Some(5);
        let b = Sequence::new(QualName::new("", "s"));
        assert_eq!(
            alter_sequence(&a, &b),
            "ALTER SEQUENCE `s` START WITH 1 CACHE 1000"
        );
    }
}
