//! Privileges granted on the objects in scope. What every object has without a GRANT is not a grant: the owner's
//! own privileges, and what PostgreSQL gives PUBLIC by default (`acldefault`: EXECUTE on functions, USAGE on types,
//! and the initial privileges on the `public` schema). A routine's or type's default that was revoked from PUBLIC
//! is a grant marked `revoked` (`flash_core::postgres_public_defaults`).

use flash_core::{Grant, Schema};
use sqlx::postgres::PgConnection;

use super::catalog::{get, Scope, OWN_RELATION};
use crate::error::DbError;

const GRANTS: &str = r#"
WITH acl AS (
    SELECT CASE WHEN c.relkind = 'S' THEN 'sequence' ELSE 'table' END AS kind,
           n.nspname || '.' || c.relname AS object, NULL::text AS column_name, c.relowner AS owner,
           c.relacl AS acl, CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char" AS default_kind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND c.relacl IS NOT NULL AND n.nspname = ANY($1) AND {own}
  UNION ALL
    SELECT 'table', n.nspname || '.' || c.relname, a.attname::text, c.relowner, a.attacl, NULL
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname = ANY($1) AND {own}
  UNION ALL
    SELECT CASE WHEN p.prokind = 'p' THEN 'procedure' ELSE 'function' END,
           n.nspname || '.' || p.proname || '(' ||
           array_to_string(ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, i)
                                 ORDER BY i), ', ') || ')',
           NULL, p.proowner, p.proacl, 'f'
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.proacl IS NOT NULL AND p.prokind IN ('f', 'p') AND n.nspname = ANY($1)
      AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid
                      AND e.deptype = 'e')
  UNION ALL
    SELECT 'schema', n.nspname, NULL, n.nspowner, n.nspacl, 'n'
    FROM pg_namespace n WHERE n.nspacl IS NOT NULL AND n.nspname = ANY($1)
  UNION ALL
    SELECT 'type', n.nspname || '.' || t.typname, NULL, t.typowner, t.typacl, 'T'
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typacl IS NOT NULL AND n.nspname = ANY($1) AND t.typtype IN ('e', 'd', 'c', 'r')
      AND (t.typtype <> 'c' OR EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c'))
      AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid
                      AND e.deptype = 'e')
)
SELECT acl.kind, acl.object, acl.column_name,
       CASE WHEN x.grantee = 0 THEN 'public' ELSE pg_get_userbyid(x.grantee)::text END AS grantee,
       x.privilege_type AS privilege, x.is_grantable AS grantable, false AS revoked
FROM acl, aclexplode(acl.acl) x
WHERE x.grantee <> acl.owner
  AND NOT (acl.kind = 'schema' AND acl.object = 'public' AND x.grantee = 0)
  AND (acl.default_kind IS NULL OR NOT EXISTS (
        SELECT 1 FROM aclexplode(acldefault(acl.default_kind, acl.owner)) d
        WHERE d.grantee = x.grantee AND d.privilege_type = x.privilege_type))
UNION ALL
SELECT acl.kind, acl.object, NULL, 'public', d.privilege_type, false, true
FROM acl, aclexplode(acldefault(acl.default_kind, acl.owner)) d
WHERE acl.default_kind IN ('f', 'T') AND d.grantee = 0
  AND NOT EXISTS (SELECT 1 FROM aclexplode(acl.acl) x WHERE x.grantee = 0 AND x.privilege_type = d.privilege_type)"#;

/// Every grant, one privilege each; [`Schema::canonicalize`] then folds a full set into `ALL` and column grants
/// into one list, as it does for the parsers.
pub async fn grants(
    conn: &mut PgConnection,
    scope: &Scope,
    schema: &mut Schema,
) -> Result<(), DbError> {
    let own = OWN_RELATION;
    for row in scope.rows(conn, &GRANTS.replace("{own}", own)).await? {
        let column: Option<String> = get(&row, "column_name")?;
        schema.grants.push(Grant {
            object_kind: get(&row, "kind")?,
            object: get(&row, "object")?,
            privilege: get(&row, "privilege")?,
            columns: column.into_iter().collect(),
            grantee: get(&row, "grantee")?,
            with_grant_option: get(&row, "grantable")?,
            revoked: get(&row, "revoked")?,
        });
    }
    Ok(())
}
