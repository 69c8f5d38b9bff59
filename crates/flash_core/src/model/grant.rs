use serde::{Deserialize, Serialize};

/// One privilege granted on one object to one grantee. Grants are a set: the schema keeps them sorted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Grant {
    /// `table`, `sequence`, `function`, `schema`, `type`, `database`, ...
    pub object_kind: String,
    /// The object's qualified name (for routines, with the argument types).
    pub object: String,
    /// Upper-case privilege, e.g. `SELECT`, `USAGE`, `ALL`.
    pub privilege: String,
    /// Column-level grants name their columns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    pub grantee: String,
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub with_grant_option: bool,
    /// PostgreSQL: a privilege PUBLIC holds on every new object of its kind ([`postgres_public_defaults`]) that
    /// was revoked. The object lacks it, which no grant can say.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub revoked: bool,
}

/// Every privilege PostgreSQL knows for an object kind: what `GRANT ALL` gives. `None` for kinds Flash does not
/// expand.
pub fn postgres_privileges(object_kind: &str) -> Option<&'static [&'static str]> {
    Some(match object_kind {
        "table" => &[
            "SELECT",
            "INSERT",
            "UPDATE",
            "DELETE",
            "TRUNCATE",
            "REFERENCES",
            "TRIGGER",
        ],
        "sequence" => &["USAGE", "SELECT", "UPDATE"],
        "function" | "procedure" | "routine" => &["EXECUTE"],
        "schema" => &["USAGE", "CREATE"],
        "type" | "language" => &["USAGE"],
        "database" => &["CREATE", "CONNECT", "TEMPORARY"],
        _ => return None,
    })
}

/// What PostgreSQL gives PUBLIC on every new object of a kind (`acldefault`) that Flash follows when revoked:
/// EXECUTE on routines, USAGE on types. (The `public` schema's initial privileges depend on the server's version
/// and are not followed.)
pub fn postgres_public_defaults(object_kind: &str) -> &'static [&'static str] {
    match object_kind {
        "function" | "procedure" | "routine" => &["EXECUTE"],
        "type" => &["USAGE"],
        _ => &[],
    }
}

/// Grants in canonical form: a column grant names all its columns at once, sorted (two `GRANT SELECT (a)` and
/// `GRANT SELECT (b)` are one grant on `(a, b)`); in PostgreSQL a grantee holding every privilege of an object's
/// kind holds `ALL` (how `pg_dump` writes it, and one row however it was granted), and what PostgreSQL gives PUBLIC
/// anyway is no grant (a revoked default stays, one privilege each); then sorted, without duplicates.
pub fn canonical_grants(grants: &mut Vec<Grant>, postgres: bool) {
    use std::collections::BTreeMap;

    let mut merged: BTreeMap<(String, String, String, String, bool), Vec<String>> = BTreeMap::new();
    let mut out: Vec<Grant> = Vec::with_capacity(grants.len());
    for g in grants.drain(..) {
        if g.columns.is_empty() || g.revoked {
            out.push(g);
        } else {
            merged
                .entry((
                    g.object_kind,
                    g.object,
                    g.privilege,
                    g.grantee,
                    g.with_grant_option,
                ))
                .or_default()
                .extend(g.columns);
        }
    }
    for ((object_kind, object, privilege, grantee, with_grant_option), mut columns) in merged {
        columns.sort();
        columns.dedup();
        out.push(Grant {
            object_kind,
            object,
            privilege,
            columns,
            grantee,
            with_grant_option,
            revoked: false,
        });
    }
    if postgres {
        let mut held: BTreeMap<(String, String, String, bool), Vec<String>> = BTreeMap::new();
        for g in out.iter().filter(|g| g.columns.is_empty() && !g.revoked) {
            held.entry((
                g.object_kind.clone(),
                g.object.clone(),
                g.grantee.clone(),
                g.with_grant_option,
            ))
            .or_default()
            .push(g.privilege.clone());
        }
        for ((object_kind, object, grantee, with_grant_option), privileges) in held {
            let Some(all) = postgres_privileges(&object_kind) else {
                continue;
            };
            let full = privileges.iter().any(|p| p == "ALL")
                || all.iter().all(|p| privileges.iter().any(|h| h == p));
            if full {
                out.retain(|g| {
                    !(g.columns.is_empty()
                        && !g.revoked
                        && g.object_kind == object_kind
                        && g.object == object
                        && g.grantee == grantee
                        && g.with_grant_option == with_grant_option)
                });
                out.push(Grant {
                    object_kind,
                    object,
                    privilege: "ALL".into(),
                    columns: Vec::new(),
                    grantee,
                    with_grant_option,
                    revoked: false,
                });
            }
        }
    }
    if postgres {
        out.retain(|g| !is_postgres_default(g));
    }
    out.sort();
    out.dedup();
    *grants = out;
}

/// What PostgreSQL grants PUBLIC on every new object of a kind (and on the `public` schema): a GRANT of it
/// changes nothing, and a catalog does not show it as a grant.
fn is_postgres_default(g: &Grant) -> bool {
    if g.grantee != "public" || !g.columns.is_empty() || g.revoked {
        return false;
    }
    let all_or = |p: &str| g.privilege == "ALL" || g.privilege == p;
    match g.object_kind.as_str() {
        "function" | "procedure" | "routine" => all_or("EXECUTE"),
        "type" | "language" => all_or("USAGE"),
        "schema" => g.object == "public" && g.privilege == "USAGE",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(kind: &str, privilege: &str, columns: &[&str]) -> Grant {
        Grant {
            object_kind: kind.into(),
            object: "public.t".into(),
            privilege: privilege.into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            grantee: "app".into(),
            with_grant_option: false,
            revoked: false,
        }
    }

    #[test]
    fn column_grants_merge_and_full_sets_are_all() {
        let mut grants = vec![
            grant("table", "SELECT", &["b"]),
            grant("table", "SELECT", &["a"]),
            grant("function", "EXECUTE", &[]),
        ];
        canonical_grants(&mut grants, true);
        assert_eq!(
            grants,
            [
                grant("function", "ALL", &[]),
                grant("table", "SELECT", &["a", "b"])
            ]
        );
        let mut partial = vec![grant("table", "SELECT", &[]), grant("table", "INSERT", &[])];
        canonical_grants(&mut partial, true);
        assert_eq!(partial.len(), 2);
        let mut defaults = vec![Grant {
            grantee: "public".into(),
            ..grant("function", "EXECUTE", &[])
        }];
        canonical_grants(&mut defaults, true);
        assert!(defaults.is_empty());
        // A revoked default is what makes the object differ from a new one: it stays, and is never `ALL`.
        let revoked = Grant {
            grantee: "public".into(),
            revoked: true,
            ..grant("function", "EXECUTE", &[])
        };
        let mut kept = vec![revoked.clone(), revoked.clone()];
        canonical_grants(&mut kept, true);
        assert_eq!(kept, [revoked]);
        let mut mysql = vec![grant("function", "EXECUTE", &[])];
        canonical_grants(&mut mysql, false);
        assert_eq!(mysql[0].privilege, "EXECUTE");
    }
}
