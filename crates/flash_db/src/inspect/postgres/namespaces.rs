//! Schemas (namespaces) and extensions.

use flash_core::{Extension, Namespace, Schema};
use sqlx::postgres::PgConnection;
use sqlx::Row;

use super::catalog::{get, Scope};
use crate::error::DbError;

/// The user schemas of the database: not the system ones, not temporary ones, not those an extension created.
const USER_NAMESPACES: &str = r"
SELECT n.nspname::text AS name, d.description AS comment,
       current_setting('server_version_num')::int4 AS version
FROM pg_namespace n
LEFT JOIN pg_description d ON d.classoid = 'pg_namespace'::regclass AND d.objoid = n.oid AND d.objsubid = 0
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid
                  AND e.deptype = 'e')
ORDER BY 1";

/// The scope of a whole-database inspection, and the schemas as model objects. `public` is every database's
/// default schema: it is not declared in schema files, so it is a model object only when its comment is not the one
/// every new database gives it (`Namespace::postgres_public`).
pub async fn user_namespaces(conn: &mut PgConnection) -> Result<(Scope, Vec<Namespace>), DbError> {
    let rows = sqlx::query(USER_NAMESPACES).fetch_all(&mut *conn).await?;
    let mut version = 0;
    let mut names = Vec::new();
    let mut namespaces = Vec::new();
    for row in &rows {
        version = row.try_get("version")?;
        let name: String = get(row, "name")?;
        names.push(name.clone());
        let namespace = Namespace {
            name,
            owner: None,
            comment: get(row, "comment")?,
        };
        if !namespace.is_default_postgres_public() {
            namespaces.push(namespace);
        }
    }
    if version == 0 {
        version = sqlx::query_scalar("SELECT current_setting('server_version_num')::int4")
            .fetch_one(conn)
            .await?;
    }
    Ok((
        Scope {
            namespaces: names,
            version,
        },
        namespaces,
    ))
}

/// Extensions but plpgsql (always installed). The schema and version are left out where they are the defaults
/// (`public`, the version the server installs), and so is the comment the extension gives itself, so a plain
/// `CREATE EXTENSION x` reads back as it was written.
const EXTENSIONS: &str = r"
SELECT x.extname::text AS name, n.nspname::text AS schema, x.extversion AS version,
       a.default_version, d.description AS comment, a.comment AS default_comment
FROM pg_extension x
JOIN pg_namespace n ON n.oid = x.extnamespace
-- pg_available_extensions reads every control file on the server: only for the extensions there are.
LEFT JOIN LATERAL (SELECT e.default_version, e.comment FROM pg_available_extensions e WHERE e.name = x.extname) a
     ON true
LEFT JOIN pg_description d ON d.classoid = 'pg_extension'::regclass AND d.objoid = x.oid AND d.objsubid = 0
WHERE x.extname <> 'plpgsql'";

pub async fn extensions(conn: &mut PgConnection, schema: &mut Schema) -> Result<(), DbError> {
    for row in sqlx::query(EXTENSIONS).fetch_all(conn).await? {
        let ext_schema: String = get(&row, "schema")?;
        let version: String = get(&row, "version")?;
        let default_version: Option<String> = get(&row, "default_version")?;
        let comment: Option<String> = get(&row, "comment")?;
        let default_comment: Option<String> = get(&row, "default_comment")?;
        schema.extensions.insert(Extension {
            name: get(&row, "name")?,
            schema: (!matches!(ext_schema.as_str(), "public" | "pg_catalog")).then_some(ext_schema),
            version: (default_version.as_ref() != Some(&version)).then_some(version),
            comment: comment.filter(|c| Some(c) != default_comment.as_ref()),
        });
    }
    Ok(())
}
