//! `CREATE SCHEMA` and `CREATE EXTENSION`.

use flash_core::{Diagnostic, Extension, Namespace};
use pg_query::protobuf::{self, node::Node as N};

use super::context::Ctx;
use super::table::def_value;

pub fn create_schema(cx: &mut Ctx, s: &protobuf::CreateSchemaStmt) -> Result<(), Diagnostic> {
    let name = if s.schemaname.is_empty() {
        s.authrole
            .as_ref()
            .map(super::names::role_spec)
            .unwrap_or_default()
    } else {
        s.schemaname.clone()
    };
    let at = cx.at(-1);
    if !(s.if_not_exists && cx.b.schema.namespaces.contains_key(&name)) {
        let ns = Namespace {
            name: name.clone(),
            owner: None,
            comment: None,
        };
        cx.b.add(|s| &mut s.namespaces, "schema", &name, ns, at)?;
    }
    // `CREATE SCHEMA s CREATE TABLE t ...`: the elements are ordinary statements inside the new schema.
    for elt in &s.schema_elts {
        if let Some(stmt) = elt.node.as_ref() {
            super::statement(cx, stmt)?;
        }
    }
    Ok(())
}

pub fn create_extension(cx: &mut Ctx, s: &protobuf::CreateExtensionStmt) -> Result<(), Diagnostic> {
    let mut ext = Extension {
        name: s.extname.clone(),
        schema: None,
        version: None,
        comment: None,
    };
    for opt in &s.options {
        let Some(N::DefElem(d)) = opt.node.as_ref() else {
            continue;
        };
        let value = d.arg.as_deref().map(def_value);
        match d.defname.as_str() {
            // `public` is where an extension goes when no schema is named.
            "schema" => ext.schema = value.filter(|s| s != "public"),
            "new_version" => ext.version = value,
            _ => {}
        }
    }
    let at = cx.at(-1);
    if s.if_not_exists && cx.b.schema.extensions.contains_key(&ext.name) {
        return Ok(());
    }
    let name = ext.name.clone();
    cx.b.add(|s| &mut s.extensions, "extension", &name, ext, at)
}
