//! Triggers a user created (not the internal ones behind foreign keys, not a partition's clone of its parent's)
//! and row-level security policies.

use flash_core::{postgres_trigger_type, Policy, QualName, Schema, Trigger, TriggerEnabled};
use sqlx::postgres::PgConnection;

use super::catalog::{get, Scope, OWN_RELATION};
use crate::error::DbError;

const TRIGGERS: &str = r"
SELECT n.nspname::text AS schema, c.relname::text AS table_name, g.tgname::text AS name, g.tgtype::int4 AS tgtype,
       ARRAY(SELECT a.attname::text FROM unnest(g.tgattr::int2[]) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = g.tgrelid AND a.attnum = k.num ORDER BY k.i) AS update_columns,
       pg_get_triggerdef(g.oid, true) AS def, fn.nspname::text AS function_schema, p.proname::text AS function_name,
       g.tgnargs::int4 AS nargs, g.tgargs AS args, g.tgconstraint <> 0 AS is_constraint,
       g.tgdeferrable AS deferrable, g.tginitdeferred AS deferred,
       g.tgoldtable::text AS old_table, g.tgnewtable::text AS new_table, g.tgenabled::text AS enabled,
       d.description AS comment
FROM pg_trigger g
JOIN pg_class c ON c.oid = g.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc p ON p.oid = g.tgfoid
JOIN pg_namespace fn ON fn.oid = p.pronamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_trigger'::regclass AND d.objoid = g.oid AND d.objsubid = 0
WHERE NOT g.tgisinternal AND {parent_trigger} AND n.nspname = ANY($1) AND {own}";

pub async fn triggers(
    conn: &mut PgConnection,
    scope: &Scope,
    schema: &mut Schema,
) -> Result<(), DbError> {
    for row in scope
        .rows(conn, &TRIGGERS.replace("{own}", OWN_RELATION))
        .await?
    {
        let tgtype: i32 = get(&row, "tgtype")?;
        let (timing, events, for_each_row) = postgres_trigger_type(tgtype, tgtype);
        let nargs: i32 = get(&row, "nargs")?;
        let raw: Vec<u8> = get(&row, "args")?;
        let args: Vec<String> = raw
            .split(|b| *b == 0)
            .take(usize::try_from(nargs).unwrap_or(0))
            .map(|a| format!("'{}'", String::from_utf8_lossy(a).replace('\'', "''")))
            .collect();
        let function = format!(
            "{}.{}({})",
            get::<String>(&row, "function_schema")?,
            get::<String>(&row, "function_name")?,
            args.join(", ")
        );
        let mut trigger = Trigger {
            name: get(&row, "name")?,
            table: QualName::new(
                get::<String>(&row, "schema")?,
                get::<String>(&row, "table_name")?,
            ),
            timing: timing.into(),
            events,
            update_columns: get(&row, "update_columns")?,
            for_each_row,
            when: when_clause(&get::<String>(&row, "def")?),
            function: Some(function),
            body: None,
            options: Default::default(),
            enabled: TriggerEnabled::from_postgres(&get::<String>(&row, "enabled")?)
                .unwrap_or_default(),
            comment: get(&row, "comment")?,
        };
        let options = &mut trigger.options;
        if get::<bool>(&row, "is_constraint")? {
            options.insert("constraint".into(), "true".into());
        }
        if get::<bool>(&row, "deferrable")? {
            options.insert("deferrable".into(), "true".into());
        }
        if get::<bool>(&row, "deferred")? {
            options.insert("initially_deferred".into(), "true".into());
        }
        if let Some(old) = get::<Option<String>>(&row, "old_table")? {
            options.insert("referencing_old".into(), old);
        }
        if let Some(new) = get::<Option<String>>(&row, "new_table")? {
            options.insert("referencing_new".into(), new);
        }
        schema.triggers.insert(trigger);
    }
    Ok(())
}

/// The condition of `... WHEN (condition) EXECUTE ...` in `pg_get_triggerdef()` text.
pub fn when_clause(def: &str) -> Option<String> {
    let start = def.find(" WHEN (")? + " WHEN (".len();
    let mut depth = 1;
    let mut quote: Option<char> = None;
    for (i, c) in def[start..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return Some(def[start..start + i].to_string());
                }
            }
            _ => {}
        }
    }
    None
}

const POLICIES: &str = r"
SELECT n.nspname::text AS schema, c.relname::text AS table_name, p.polname::text AS name,
       p.polcmd::text AS command, p.polpermissive AS permissive,
       ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END
             FROM unnest(p.polroles) r) AS roles,
       pg_get_expr(p.polqual, p.polrelid, true) AS using_expr,
       pg_get_expr(p.polwithcheck, p.polrelid, true) AS check_expr,
       d.description AS comment
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description d ON d.classoid = 'pg_policy'::regclass AND d.objoid = p.oid AND d.objsubid = 0
WHERE n.nspname = ANY($1) AND {own}";

pub async fn policies(
    conn: &mut PgConnection,
    scope: &Scope,
    schema: &mut Schema,
) -> Result<(), DbError> {
    for row in scope
        .rows(conn, &POLICIES.replace("{own}", OWN_RELATION))
        .await?
    {
        let mut roles: Vec<String> = get(&row, "roles")?;
        roles.sort();
        let command = match get::<String>(&row, "command")?.as_str() {
            "r" => "SELECT",
            "a" => "INSERT",
            "w" => "UPDATE",
            "d" => "DELETE",
            _ => "ALL",
        };
        schema.policies.insert(Policy {
            name: get(&row, "name")?,
            table: QualName::new(
                get::<String>(&row, "schema")?,
                get::<String>(&row, "table_name")?,
            ),
            permissive: get(&row, "permissive")?,
            command: command.into(),
            roles,
            using: get(&row, "using_expr")?,
            with_check: get(&row, "check_expr")?,
            comment: get(&row, "comment")?,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::when_clause;

    #[test]
    fn when_is_cut_out_of_the_trigger_definition() {
        let def = "CREATE TRIGGER t BEFORE UPDATE ON public.x FOR EACH ROW WHEN (old.a IS DISTINCT FROM new.a AND \
                   new.b = ')') EXECUTE FUNCTION f()";
        assert_eq!(
            when_clause(def).as_deref(),
            Some("old.a IS DISTINCT FROM new.a AND new.b = ')'")
        );
        assert_eq!(
            when_clause("CREATE TRIGGER t AFTER INSERT ON x EXECUTE FUNCTION f()"),
            None
        );
    }
}
