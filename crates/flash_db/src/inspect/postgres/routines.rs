//! Functions and procedures (not aggregates or window functions, which the model does not hold, nor the
//! constructors PostgreSQL creates with a range type, which belong to the type), with what PostgreSQL assumes by
//! default left out of their attributes, as the parser leaves it out.

use flash_core::{Routine, RoutineArg, RoutineKind, Schema};
use sqlx::postgres::{PgConnection, PgRow};

use super::catalog::{get, qual, Scope};
use crate::error::DbError;

const ROUTINES: &str = r"
SELECT n.nspname::text AS schema, p.proname::text AS name, p.prokind::text AS kind, l.lanname::text AS language,
       p.prosrc AS source, {sql_body} AS sql_body,
       CASE WHEN p.prokind = 'p' THEN NULL ELSE pg_get_function_result(p.oid) END AS result,
       coalesce(p.proargmodes::text[], '{}') AS arg_modes, coalesce(p.proargnames, '{}') AS arg_names,
       ARRAY(SELECT format_type(u.t, NULL) FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]))
             WITH ORDINALITY u(t, i) ORDER BY u.i) AS arg_types,
       ARRAY(SELECT pg_get_function_arg_default(p.oid, i)
             FROM generate_series(1, coalesce(array_length(p.proallargtypes, 1), p.pronargs::int4)) i
             ORDER BY i) AS arg_defaults,
       p.provolatile::text AS volatility, p.proisstrict AS strict, p.prosecdef AS security_definer,
       p.proleakproof AS leakproof, p.proparallel::text AS parallel, p.procost::float8 AS cost,
       p.prorows::float8 AS rows, p.proretset AS returns_set, coalesce(p.proconfig, '{}') AS config,
       d.description AS comment
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
LEFT JOIN pg_description d ON d.classoid = 'pg_proc'::regclass AND d.objoid = p.oid AND d.objsubid = 0
WHERE p.prokind IN ('f', 'p') AND n.nspname = ANY($1)
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid
                  AND (e.deptype = 'e' OR (e.deptype = 'i' AND e.refclassid = 'pg_type'::regclass)))";

pub async fn routines(
    conn: &mut PgConnection,
    scope: &Scope,
    schema: &mut Schema,
) -> Result<(), DbError> {
    for row in scope.rows(conn, ROUTINES).await? {
        schema.routines.insert(routine(&row)?);
    }
    Ok(())
}

fn routine(row: &PgRow) -> Result<Routine, DbError> {
    let modes: Vec<String> = get(row, "arg_modes")?;
    let names: Vec<String> = get(row, "arg_names")?;
    let types: Vec<String> = get(row, "arg_types")?;
    let defaults: Vec<Option<String>> = get(row, "arg_defaults")?;
    let mut args = Vec::new();
    for (i, data_type) in types.into_iter().enumerate() {
        let mode = match modes.get(i).map(String::as_str) {
            Some("o") => Some("out"),
            Some("b") => Some("inout"),
            Some("v") => Some("variadic"),
            // TABLE columns are part of the result, which pg_get_function_result prints.
            Some("t") => continue,
            _ => None,
        };
        args.push(RoutineArg {
            mode: mode.map(str::to_string),
            name: names.get(i).filter(|n| !n.is_empty()).cloned(),
            data_type,
            default: defaults.get(i).cloned().flatten(),
        });
    }
    let kind = if get::<String>(row, "kind")? == "p" {
        RoutineKind::Procedure
    } else {
        RoutineKind::Function
    };
    let returns_set: bool = get(row, "returns_set")?;
    let mut routine = Routine {
        kind,
        name: qual(row, "schema", "name")?,
        returns: get(row, "result")?,
        body: match get::<Option<String>>(row, "sql_body")? {
            Some(body) => body,
            None => get(row, "source")?,
        },
        args,
        language: get(row, "language")?,
        attributes: Default::default(),
        comment: get(row, "comment")?,
    };
    let attributes = &mut routine.attributes;
    match get::<String>(row, "volatility")?.as_str() {
        "i" => attributes.insert("volatility".into(), "immutable".into()),
        "s" => attributes.insert("volatility".into(), "stable".into()),
        _ => None,
    };
    if get::<bool>(row, "strict")? {
        attributes.insert("strict".into(), "true".into());
    }
    if get::<bool>(row, "security_definer")? {
        attributes.insert("security".into(), "definer".into());
    }
    if get::<bool>(row, "leakproof")? {
        attributes.insert("leakproof".into(), "true".into());
    }
    match get::<String>(row, "parallel")?.as_str() {
        "s" => attributes.insert("parallel".into(), "safe".into()),
        "r" => attributes.insert("parallel".into(), "restricted".into()),
        _ => None,
    };
    attributes.insert("cost".into(), get::<f64>(row, "cost")?.to_string());
    if returns_set {
        attributes.insert("rows".into(), get::<f64>(row, "rows")?.to_string());
    }
    for setting in get::<Vec<String>>(row, "config")? {
        if let Some((key, value)) = setting.split_once('=') {
            attributes.insert(format!("set.{key}"), value.to_string());
        }
    }
    Ok(routine.without_postgres_defaults())
}
