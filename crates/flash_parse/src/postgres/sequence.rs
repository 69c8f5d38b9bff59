//! `CREATE SEQUENCE`, `ALTER SEQUENCE ... OWNED BY`, and the sequence options identity columns share.

use flash_core::{DataType, Diagnostic, Sequence, SequenceOptions, SequenceOwner};
use pg_query::protobuf::{self, node::Node as N};

use super::context::Ctx;
use super::names::{qualified, range_var, strings};
use super::types;

pub fn create_sequence(cx: &mut Ctx, s: &protobuf::CreateSeqStmt) -> Result<(), Diagnostic> {
    let Some(rv) = s.sequence.as_ref() else {
        return Ok(());
    };
    let mut seq = Sequence::new(range_var(rv));
    seq.options = sequence_options(&s.options);
    seq.options = seq
        .options
        .clone()
        .without_postgres_defaults(&value_type(&seq.options));
    seq.owned_by = owned_by(&s.options);
    let name = seq.name.to_string();
    let at = cx.at(rv.location);
    cx.b.add(|s| &mut s.sequences, "sequence", &name, seq, at)
}

pub fn alter_sequence(cx: &mut Ctx, s: &protobuf::AlterSeqStmt) -> Result<(), Diagnostic> {
    let Some(rv) = s.sequence.as_ref() else {
        return Ok(());
    };
    let name = range_var(rv);
    let at = cx.at(rv.location);
    let Some(seq) = cx.b.schema.sequences.get_mut(&name) else {
        return Err(cx
            .b
            .error(at, format!("sequence \"{name}\" does not exist")));
    };
    let changes = sequence_options(&s.options);
    merge(&mut seq.options, changes, &s.options);
    seq.options = seq
        .options
        .clone()
        .without_postgres_defaults(&value_type(&seq.options));
    if let Some(owner) = owned_by(&s.options) {
        seq.owned_by = Some(owner);
    }
    Ok(())
}

fn merge(into: &mut SequenceOptions, from: SequenceOptions, given: &[pg_query::Node]) {
    let said = |key: &str| {
        given
            .iter()
            .any(|o| matches!(o.node.as_ref(), Some(N::DefElem(d)) if d.defname == key))
    };
    if said("as") {
        into.data_type = from.data_type;
    }
    if said("start") {
        into.start = from.start;
    }
    if said("increment") {
        into.increment = from.increment;
    }
    if said("minvalue") {
        into.min_value = from.min_value;
    }
    if said("maxvalue") {
        into.max_value = from.max_value;
    }
    if said("cache") {
        into.cache = from.cache;
    }
    if said("cycle") {
        into.cycle = from.cycle;
    }
}

/// The type a sequence counts in: bigint unless it says otherwise.
fn value_type(options: &SequenceOptions) -> String {
    options
        .data_type
        .as_ref()
        .map_or_else(|| "bigint".to_string(), |t| t.name.clone())
}

/// Sequence options as written, with a bigint type left out; the callers leave out PostgreSQL's other defaults
/// ([`SequenceOptions::without_postgres_defaults`]) once they know the type the sequence counts in, so
/// `START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1` equals saying nothing.
pub fn sequence_options(options: &[pg_query::Node]) -> SequenceOptions {
    let mut out = SequenceOptions::default();
    for opt in options {
        let Some(N::DefElem(d)) = opt.node.as_ref() else {
            continue;
        };
        let arg = d.arg.as_deref().and_then(|a| a.node.as_ref());
        let number = match arg {
            Some(N::Integer(i)) => Some(i64::from(i.ival)),
            Some(N::Float(f)) => f.fval.parse::<i64>().ok(),
            _ => None,
        };
        match d.defname.as_str() {
            "as" => {
                if let Some(N::TypeName(t)) = arg {
                    let dt = types::resolve(t).data_type;
                    out.data_type = (dt != DataType::named("bigint")).then_some(dt);
                }
            }
            "start" => out.start = number,
            "increment" => out.increment = number,
            "minvalue" => out.min_value = number,
            "maxvalue" => out.max_value = number,
            "cache" => out.cache = number,
            "cycle" => out.cycle = matches!(arg, Some(N::Boolean(b)) if b.boolval) || arg.is_none(),
            _ => {}
        }
    }
    out
}

fn owned_by(options: &[pg_query::Node]) -> Option<SequenceOwner> {
    options.iter().find_map(|opt| {
        let Some(N::DefElem(d)) = opt.node.as_ref() else {
            return None;
        };
        if d.defname != "owned_by" {
            return None;
        }
        let Some(N::List(list)) = d.arg.as_deref().and_then(|a| a.node.as_ref()) else {
            return None;
        };
        let parts = strings(&list.items);
        let (column, table_parts) = parts.split_last()?;
        if parts.len() == 1 && column == "none" {
            return None;
        }
        let table_nodes = list.items.get(..table_parts.len())?.to_vec();
        Some(SequenceOwner {
            table: qualified(&table_nodes)?,
            column: column.clone(),
        })
    })
}
