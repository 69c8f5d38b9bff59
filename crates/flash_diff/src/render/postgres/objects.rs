//! Replacements PostgreSQL can make in place: a sequence's options, a domain's default, NOT NULL and checks, a
//! composite type's attributes, when a trigger fires. Altering keeps every column, default and view that uses the object attached, where
//! a drop and create would have to take them all down first.

use flash_core::{CompositeAttribute, CompositeType, Domain, Sequence, SequenceOptions, Trigger};

use super::ddl::{ident, qname, trigger_enabled};
use super::Phase;

/// `SET ...` clauses that turn `from` into `to`, without the `SET` keyword where a plain clause is enough
/// (`ALTER SEQUENCE s INCREMENT BY 5 NO CYCLE`).
pub fn sequence_alterations(from: &SequenceOptions, to: &SequenceOptions) -> Vec<String> {
    let mut out = Vec::new();
    if from.data_type != to.data_type {
        let t = to
            .data_type
            .as_ref()
            .map(|t| t.to_string())
            .unwrap_or_else(|| "bigint".into());
        out.push(format!("AS {t}"));
    }
    if from.increment != to.increment {
        out.push(format!("INCREMENT BY {}", to.increment.unwrap_or(1)));
    }
    if from.min_value != to.min_value {
        out.push(
            to.min_value
                .map(|v| format!("MINVALUE {v}"))
                .unwrap_or_else(|| "NO MINVALUE".into()),
        );
    }
    if from.max_value != to.max_value {
        out.push(
            to.max_value
                .map(|v| format!("MAXVALUE {v}"))
                .unwrap_or_else(|| "NO MAXVALUE".into()),
        );
    }
    if from.start != to.start {
        // Without a START the sequence starts at its minimum, which for an ascending one is the new MINVALUE or 1.
        let start = to.start.or(to.min_value).unwrap_or(1);
        out.push(format!("START WITH {start}"));
    }
    if from.cache != to.cache {
        out.push(format!("CACHE {}", to.cache.unwrap_or(1)));
    }
    if from.cycle != to.cycle {
        out.push(if to.cycle { "CYCLE" } else { "NO CYCLE" }.into());
    }
    out
}

/// `ALTER TABLE ... ENABLE/DISABLE TRIGGER` for a trigger that differs in nothing else (its comment aside); `None`
/// when it must be dropped and created.
pub fn alter_trigger(from: &Trigger, to: &Trigger) -> Option<Vec<(Phase, String)>> {
    let same = |t: &Trigger| Trigger {
        enabled: to.enabled,
        comment: None,
        ..t.clone()
    };
    (from.enabled != to.enabled && same(from) == same(to))
        .then(|| vec![(Phase::Finishing, trigger_enabled(to))])
}

/// `ALTER SEQUENCE` for a sequence kept by name.
pub fn alter_sequence(from: &Sequence, to: &Sequence) -> Vec<(Phase, String)> {
    let name = qname(&to.name);
    let mut out = Vec::new();
    let options = sequence_alterations(&from.options, &to.options);
    if !options.is_empty() {
        out.push((
            Phase::Columns,
            format!("ALTER SEQUENCE {name} {}", options.join(" ")),
        ));
    }
    if from.owned_by != to.owned_by {
        let owner = to
            .owned_by
            .as_ref()
            .map(|o| format!("{}.{}", qname(&o.table), ident(&o.column)))
            .unwrap_or_else(|| "NONE".into());
        out.push((
            Phase::ForeignKeys,
            format!("ALTER SEQUENCE {name} OWNED BY {owner}"),
        ));
    }
    out
}

/// `ALTER DOMAIN` for a domain kept with the same base type and collation; `None` when those change and only a
/// rebuild would do.
pub fn alter_domain(from: &Domain, to: &Domain) -> Option<Vec<(Phase, String)>> {
    if from.data_type != to.data_type || from.collation != to.collation {
        return None;
    }
    let name = qname(&to.name);
    let mut out = Vec::new();
    for check in &from.checks {
        if !to.checks.contains(check) {
            out.push(format!(
                "ALTER DOMAIN {name} DROP CONSTRAINT {}",
                ident(check.name.as_ref()?)
            ));
        }
    }
    if from.default != to.default {
        out.push(match &to.default {
            Some(d) => format!("ALTER DOMAIN {name} SET DEFAULT {d}"),
            None => format!("ALTER DOMAIN {name} DROP DEFAULT"),
        });
    }
    if from.not_null != to.not_null {
        out.push(format!(
            "ALTER DOMAIN {name} {} NOT NULL",
            if to.not_null { "SET" } else { "DROP" }
        ));
    }
    for check in &to.checks {
        if !from.checks.contains(check) {
            let constraint = check
                .name
                .as_ref()
                .map(|n| format!("CONSTRAINT {} ", ident(n)))
                .unwrap_or_default();
            out.push(format!(
                "ALTER DOMAIN {name} ADD {constraint}CHECK ({})",
                check.expr
            ));
        }
    }
    Some(out.into_iter().map(|sql| (Phase::Columns, sql)).collect())
}

/// `ALTER TYPE ... ADD/DROP/ALTER ATTRIBUTE` for a composite type kept by name. Attributes are matched by name;
/// PostgreSQL appends added ones, so a target that inserts one in the middle still reads the same by name.
pub fn alter_composite(from: &CompositeType, to: &CompositeType) -> Vec<(Phase, String)> {
    let name = qname(&to.name);
    let mut clauses = Vec::new();
    for old in &from.attributes {
        match to.attributes.iter().find(|a| a.name == old.name) {
            None => clauses.push(format!("DROP ATTRIBUTE {}", ident(&old.name))),
            Some(new) if new != old => clauses.push(format!(
                "ALTER ATTRIBUTE {} TYPE {}",
                ident(&new.name),
                attribute_type(new)
            )),
            Some(_) => {}
        }
    }
    for new in &to.attributes {
        if !from.attributes.iter().any(|a| a.name == new.name) {
            clauses.push(format!(
                "ADD ATTRIBUTE {} {}",
                ident(&new.name),
                attribute_type(new)
            ));
        }
    }
    if clauses.is_empty() {
        return Vec::new();
    }
    vec![(
        Phase::CreateTypes,
        format!("ALTER TYPE {name} {}", clauses.join(", ")),
    )]
}

/// An attribute's type with its collation.
fn attribute_type(a: &CompositeAttribute) -> String {
    match &a.collation {
        Some(c) => format!("{} COLLATE {}", a.data_type, ident(c)),
        None => a.data_type.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flash_core::{DomainCheck, QualName};

    #[test]
    fn only_changed_sequence_options_are_set() {
        let from = SequenceOptions {
            start: Some(100),
            ..Default::default()
        };
        let to = SequenceOptions {
            start: Some(100),
            increment: Some(5),
            cycle: true,
            ..Default::default()
        };
        assert_eq!(
            sequence_alterations(&from, &to),
            ["INCREMENT BY 5", "CYCLE"]
        );
        assert_eq!(
            sequence_alterations(&to, &from),
            ["INCREMENT BY 1", "NO CYCLE"]
        );
    }

    #[test]
    fn a_domain_changes_its_checks_default_and_not_null_in_place() {
        let check = |name: &str, expr: &str| DomainCheck {
            name: Some(name.into()),
            expr: expr.into(),
        };
        let from = Domain {
            name: QualName::new("public", "email"),
            data_type: flash_core::DataType::named("text"),
            default: None,
            not_null: false,
            collation: None,
            checks: vec![check("email_check", "VALUE ~~ '%@%'")],
            comment: None,
        };
        let mut to = from.clone();
        to.not_null = true;
        to.default = Some("'x@y'".into());
        to.checks = vec![check("email_check", "VALUE ~ '@'")];
        let sql: Vec<String> = alter_domain(&from, &to)
            .unwrap_or_default()
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(
            sql,
            [
                "ALTER DOMAIN public.email DROP CONSTRAINT email_check",
                "ALTER DOMAIN public.email SET DEFAULT 'x@y'",
                "ALTER DOMAIN public.email SET NOT NULL",
                "ALTER DOMAIN public.email ADD CONSTRAINT email_check CHECK (VALUE ~ '@')",
            ]
        );
        to.data_type = flash_core::DataType::named("citext");
        assert!(alter_domain(&from, &to).is_none());
    }
}
