//! The human summary `flash inspect` prints: counts per kind, each table in full, then the other objects by name.

use std::path::Path;

use flash_core::{
    Column, Dialect, Event, EventSchedule, ForeignKey, Index, IndexKeyPart, NullsOrder, QualName,
    Routine, RoutineKind, Schema, SortOrder, Table,
};

pub fn render_summary(schema: &Schema, from: &Path) -> String {
    let d = schema.dialect;
    let mut out = format!("{} ({}): {}\n", from.display(), d, count_line(schema));
    for table in schema.tables.iter() {
        out.push('\n');
        render_table(&mut out, schema, table);
    }
    render_other_objects(&mut out, schema, d);
    out
}

fn count_line(schema: &Schema) -> String {
    let parts: Vec<String> = schema
        .counts()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| format!("{n} {}", if n == 1 { singular(kind) } else { kind }))
        .collect();
    if parts.is_empty() {
        "no objects".to_string()
    } else {
        parts.join(", ")
    }
}

fn singular(kind: &str) -> &str {
    match kind {
        "indexes" => "index",
        "policies" => "policy",
        "functions and procedures" => "function or procedure",
        plural => plural.strip_suffix('s').unwrap_or(plural),
    }
}

fn render_table(out: &mut String, schema: &Schema, table: &Table) {
    let d = schema.dialect;
    out.push_str(&format!("table {}\n", table.name.display(d)));
    let rows: Vec<[String; 3]> = table.columns.iter().map(|c| column_cells(c, d)).collect();
    let name_width = rows.iter().map(|r| r[0].chars().count()).max().unwrap_or(0);
    let type_width = rows.iter().map(|r| r[1].chars().count()).max().unwrap_or(0);
    for [name, data_type, rest] in rows {
        let line = format!("  {name:name_width$}  {data_type:type_width$}  {rest}");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    for line in table_lines(schema, table) {
        out.push_str(&format!("  {line}\n"));
    }
}

fn column_cells(column: &Column, d: Dialect) -> [String; 3] {
    let mut rest = vec![if column.nullable { "null" } else { "not null" }.to_string()];
    if let Some(default) = &column.default {
        rest.push(format!("default {default}"));
    }
    if let Some(identity) = &column.identity {
        rest.push(format!(
            "identity {}",
            if identity.always {
                "always"
            } else {
                "by default"
            }
        ));
    }
    if let Some(generated) = &column.generated {
        let kind = if generated.stored {
            "stored"
        } else {
            "virtual"
        };
        rest.push(format!("generated as ({}) {kind}", generated.expr));
    }
    if column.auto_increment {
        rest.push("auto_increment".to_string());
    }
    if let Some(on_update) = &column.on_update {
        rest.push(format!("on update {on_update}"));
    }
    if let Some(charset) = &column.charset {
        rest.push(format!("charset {charset}"));
    }
    if let Some(collation) = &column.collation {
        rest.push(format!("collate {collation}"));
    }
    if let Some(comment) = &column.comment {
        rest.push(format!("comment {}", quoted(comment)));
    }
    if let Some(old) = &column.renamed_from {
        rest.push(format!("renamed from {old}"));
    }
    [
        flash_core::name::quote_ident(&column.name, d),
        column.data_type.to_string(),
        rest.join("  "),
    ]
}

fn table_lines(schema: &Schema, table: &Table) -> Vec<String> {
    let d = schema.dialect;
    let mut lines = Vec::new();
    if let Some(pk) = &table.primary_key {
        lines.push(format!(
            "primary key {}{}",
            named(&pk.name),
            list(&pk.columns)
        ));
    }
    for u in &table.uniques {
        let mut line = format!("unique {}{}", named(&u.name), list(&u.columns));
        if !u.include.is_empty() {
            line.push_str(&format!(" include {}", list(&u.include)));
        }
        if u.nulls_not_distinct {
            line.push_str(" nulls not distinct");
        }
        line.push_str(deferral(u.deferrable, u.initially_deferred));
        lines.push(line);
    }
    for c in &table.checks {
        let mut line = format!("check {}({})", named(&c.name), c.expr);
        if c.no_inherit {
            line.push_str(" no inherit");
        }
        if c.not_valid {
            line.push_str(" not valid");
        }
        lines.push(line);
    }
    for fk in &table.foreign_keys {
        lines.push(foreign_key_line(fk, d));
    }
    for x in &table.exclusions {
        let elements: Vec<String> = x
            .elements
            .iter()
            .map(|e| format!("{} with {}", e.expr, e.operator))
            .collect();
        let mut line = format!(
            "exclude {}using {} ({})",
            named(&x.name),
            x.method,
            elements.join(", ")
        );
        if let Some(w) = &x.where_clause {
            line.push_str(&format!(" where ({w})"));
        }
        lines.push(line);
    }
    if let Some(p) = &table.partition_by {
        lines.push(format!(
            "partition by {} ({})",
            p.strategy,
            p.keys.join(", ")
        ));
    }
    if let Some(p) = &table.partition_of {
        lines.push(format!("partition of {} {}", p.parent.display(d), p.bound));
    }
    if !table.inherits.is_empty() {
        let parents: Vec<String> = table.inherits.iter().map(|q| q.display(d)).collect();
        lines.push(format!("inherits ({})", parents.join(", ")));
    }
    if !table.options.is_empty() {
        let options: Vec<String> = table
            .options
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        lines.push(format!("options {}", options.join(", ")));
    }
    if table.rls_enabled || table.rls_forced {
        lines.push(format!(
            "row level security {}",
            if table.rls_forced {
                "forced"
            } else {
                "enabled"
            }
        ));
    }
    if let Some(comment) = &table.comment {
        lines.push(format!("comment {}", quoted(comment)));
    }
    if let Some(old) = &table.renamed_from {
        lines.push(format!("renamed from {old}"));
    }
    for index in schema.indexes.iter().filter(|i| i.table == table.name) {
        lines.push(index_line(index));
    }
    for trigger in schema.triggers.iter().filter(|t| t.table == table.name) {
        let timing = trigger.timing.to_lowercase();
        let events = trigger.events.join(" or ").to_lowercase();
        let each = if trigger.for_each_row {
            "row"
        } else {
            "statement"
        };
        let firing = match trigger.enabled {
            flash_core::TriggerEnabled::Origin => "",
            flash_core::TriggerEnabled::Replica => ", on replicas only",
            flash_core::TriggerEnabled::Always => ", always",
            flash_core::TriggerEnabled::Disabled => ", disabled",
        };
        lines.push(format!(
            "trigger {} {timing} {events} for each {each}{firing}",
            trigger.name
        ));
    }
    for policy in schema.policies.iter().filter(|p| p.table == table.name) {
        let roles = policy.roles.join(", ");
        lines.push(format!(
            "policy {} for {} to {roles}",
            policy.name,
            policy.command.to_lowercase()
        ));
    }
    for rule in schema.rules.iter().filter(|r| r.table == table.name) {
        let action = if rule.instead { "instead" } else { "also" };
        lines.push(format!(
            "rule {} on {} do {action}",
            rule.name,
            rule.event.to_lowercase()
        ));
    }
    lines
}

fn foreign_key_line(fk: &ForeignKey, d: Dialect) -> String {
    let mut line = format!(
        "foreign key {}{} references {} {}",
        named(&fk.name),
        list(&fk.columns),
        fk.ref_table.display(d),
        list(&fk.ref_columns)
    );
    if !fk.on_delete.is_default() {
        line.push_str(&format!(" on delete {}", fk.on_delete.sql().to_lowercase()));
    }
    if !fk.on_update.is_default() {
        line.push_str(&format!(" on update {}", fk.on_update.sql().to_lowercase()));
    }
    if !fk.match_type.is_default() {
        line.push_str(&format!(" match {:?}", fk.match_type).to_lowercase());
    }
    line.push_str(deferral(fk.deferrable, fk.initially_deferred));
    if fk.not_valid {
        line.push_str(" not valid");
    }
    line
}

fn index_line(index: &Index) -> String {
    let mut line = format!(
        "{} {}",
        if index.unique {
            "unique index"
        } else {
            "index"
        },
        index.name
    );
    if let Some(method) = &index.method {
        line.push_str(&format!(" using {method}"));
    }
    let keys: Vec<String> = index.keys.iter().map(index_key).collect();
    line.push_str(&format!(" ({})", keys.join(", ")));
    if !index.include.is_empty() {
        line.push_str(&format!(" include {}", list(&index.include)));
    }
    if index.nulls_not_distinct {
        line.push_str(" nulls not distinct");
    }
    if let Some(w) = &index.where_clause {
        line.push_str(&format!(" where ({w})"));
    }
    line
}

fn index_key(key: &IndexKeyPart) -> String {
    let mut text = match (&key.column, &key.expr) {
        (Some(column), _) => column.clone(),
        (None, Some(expr)) => format!("({expr})"),
        (None, None) => "?".to_string(),
    };
    if let Some(length) = key.length {
        text.push_str(&format!("({length})"));
    }
    if let Some(collation) = &key.collation {
        text.push_str(&format!(" collate {collation}"));
    }
    if let Some(opclass) = &key.opclass {
        text.push_str(&format!(" {opclass}"));
    }
    if key.order == SortOrder::Desc {
        text.push_str(" desc");
    }
    match key.nulls {
        Some(NullsOrder::First) => text.push_str(" nulls first"),
        Some(NullsOrder::Last) => text.push_str(" nulls last"),
        None => {}
    }
    text
}

fn render_other_objects(out: &mut String, schema: &Schema, d: Dialect) {
    let name = |q: &QualName| q.display(d);
    section(
        out,
        "schemas",
        schema.namespaces.iter().map(|n| n.name.clone()),
    );
    section(
        out,
        "extensions",
        schema.extensions.iter().map(|e| match &e.version {
            Some(v) => format!("{} {v}", e.name),
            None => e.name.clone(),
        }),
    );
    section(
        out,
        "enums",
        schema.enums.iter().map(|e| {
            let values: Vec<String> = e.values.iter().map(|v| quoted(v)).collect();
            format!("{} ({})", name(&e.name), values.join(", "))
        }),
    );
    section(
        out,
        "domains",
        schema
            .domains
            .iter()
            .map(|t| format!("{} {}", name(&t.name), t.data_type)),
    );
    section(
        out,
        "composite types",
        schema.composite_types.iter().map(|t| {
            let attrs: Vec<String> = t
                .attributes
                .iter()
                .map(|a| format!("{} {}", a.name, a.data_type))
                .collect();
            format!("{} ({})", name(&t.name), attrs.join(", "))
        }),
    );
    section(
        out,
        "range types",
        schema
            .range_types
            .iter()
            .map(|r| format!("{} range of {}", name(&r.name), r.subtype)),
    );
    section(
        out,
        "sequences",
        schema.sequences.iter().map(|s| match &s.owned_by {
            Some(owner) => format!(
                "{} owned by {}.{}",
                name(&s.name),
                name(&owner.table),
                owner.column
            ),
            None => name(&s.name),
        }),
    );
    section(out, "views", schema.views.iter().map(|v| name(&v.name)));
    section(
        out,
        "materialized views",
        schema.materialized_views.iter().map(|v| name(&v.name)),
    );
    section(
        out,
        "functions and procedures",
        schema.routines.iter().map(|r| routine_line(r, d)),
    );
    section(
        out,
        "grants",
        schema.grants.iter().map(|g| {
            let verb = if g.revoked { "revoked from" } else { "to" };
            format!(
                "{} on {} {} {verb} {}",
                g.privilege, g.object_kind, g.object, g.grantee
            )
        }),
    );
    section(
        out,
        "events",
        schema.events.iter().map(|e| event_line(e, d)),
    );
}

fn event_line(event: &Event, d: Dialect) -> String {
    let mut line = format!("{} ", event.name.display(d));
    match &event.schedule {
        EventSchedule::At(at) => line.push_str(&format!("at {at}")),
        EventSchedule::Every { interval, unit, .. } => {
            line.push_str(&format!("every {interval} {}", unit.to_lowercase()))
        }
    }
    if !event.status.is_enabled() {
        line.push_str(&format!(" {}", event.status.sql().to_lowercase()));
    }
    line
}

fn routine_line(routine: &Routine, d: Dialect) -> String {
    let kind = match routine.kind {
        RoutineKind::Function => "function",
        RoutineKind::Procedure => "procedure",
    };
    let mut line = format!(
        "{kind} {}({})",
        routine.name.display(d),
        routine.arg_types()
    );
    if let Some(returns) = &routine.returns {
        line.push_str(&format!(" returns {returns}"));
    }
    line
}

fn section(out: &mut String, title: &str, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    if lines.is_empty() {
        return;
    }
    out.push_str(&format!("\n{title}\n"));
    for line in lines {
        out.push_str(&format!("  {line}\n"));
    }
}

fn named(name: &Option<String>) -> String {
    name.as_ref().map(|n| format!("{n} ")).unwrap_or_default()
}

fn list(items: &[String]) -> String {
    format!("({})", items.join(", "))
}

fn deferral(deferrable: bool, initially_deferred: bool) -> &'static str {
    match (deferrable, initially_deferred) {
        (true, true) => " deferrable initially deferred",
        (true, false) => " deferrable",
        _ => "",
    }
}

fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use flash_core::{
        Column, DataType, EnumType, FkAction, ForeignKey, Index, IndexKeyPart, PrimaryKey,
        QualName, Schema, SortOrder, Table, UniqueConstraint, View,
    };

    use super::*;

    fn not_null(name: &str, data_type: DataType) -> Column {
        let mut column = Column::new(name, data_type);
        column.nullable = false;
        column
    }

    /// Built by hand so the rendering is tested apart from any parser.
    fn blog() -> Schema {
        let mut schema = Schema::new(Dialect::Postgres);
        let users = QualName::new("public", "users");
        let mut t = Table::new(users.clone());
        t.columns.push(not_null("id", DataType::named("bigint")));
        t.columns.push(not_null("email", DataType::named("text")));
        let mut created = not_null("created_at", DataType::named("timestamp with time zone"));
        created.default = Some("now()".into());
        t.columns.push(created);
        t.primary_key = Some(PrimaryKey {
            name: Some("users_pkey".into()),
            columns: vec!["id".into()],
        });
        t.uniques.push(UniqueConstraint {
            name: Some("users_email_key".into()),
            columns: vec!["email".into()],
            include: vec![],
            nulls_not_distinct: false,
            deferrable: false,
            initially_deferred: false,
        });
        schema.tables.insert(t);

        let posts = QualName::new("public", "posts");
        let mut p = Table::new(posts.clone());
        p.columns.push(not_null("id", DataType::named("bigint")));
        p.columns
            .push(not_null("user_id", DataType::named("bigint")));
        p.columns.push(Column::new(
            "title",
            DataType::with_args("character varying", vec!["200".into()]),
        ));
        p.primary_key = Some(PrimaryKey {
            name: None,
            columns: vec!["id".into()],
        });
        p.foreign_keys.push(ForeignKey {
            name: Some("posts_user_id_fkey".into()),
            columns: vec!["user_id".into()],
            ref_table: users,
            ref_columns: vec!["id".into()],
            on_delete: FkAction::Cascade,
            on_update: FkAction::NoAction,
            match_type: Default::default(),
            deferrable: false,
            initially_deferred: false,
            not_valid: false,
        });
        schema.tables.insert(p);

        let mut desc = IndexKeyPart::column("id");
        desc.order = SortOrder::Desc;
        schema.indexes.insert(Index {
            name: "posts_user_id_idx".into(),
            table: posts,
            unique: false,
            method: Some("btree".into()),
            keys: vec![IndexKeyPart::column("user_id"), desc],
            include: vec![],
            where_clause: Some("title IS NOT NULL".into()),
            nulls_not_distinct: false,
            options: Default::default(),
            comment: None,
        });
        schema.enums.insert(EnumType {
            name: QualName::new("app", "mood"),
            values: vec!["sad".into(), "happy".into()],
            comment: None,
        });
        schema.views.insert(View {
            name: QualName::new("public", "recent_posts"),
            columns: vec![],
            query: "SELECT 1".into(),
            options: Default::default(),
            comment: None,
            column_comments: Default::default(),
        });
        schema
    }

    #[test]
    fn summary_lists_counts_tables_and_other_objects() {
        insta::assert_snapshot!(render_summary(&blog(), Path::new("db/schema")));
    }

    #[test]
    fn empty_schema_says_so() {
        let text = render_summary(&Schema::new(Dialect::Sqlite), Path::new("schema.sql"));
        assert_eq!(text, "schema.sql (sqlite): no objects\n");
    }
}
