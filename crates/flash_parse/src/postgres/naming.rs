//! PostgreSQL's names for things the user did not name (`users_pkey`, `users_email_key`, `users_id_seq`), so that a
//! model parsed from files matches what the database reports.

/// PostgreSQL identifiers are truncated to 63 bytes (NAMEDATALEN - 1).
const MAX_IDENT: usize = 63;

/// `makeObjectName`: `name1[_name2][_label]`, shortening the longer of name1/name2 until the result fits.
pub fn object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let overhead =
        if label.is_empty() { 0 } else { label.len() + 1 } + usize::from(name2.is_some());
    let mut n1 = name1.len();
    let mut n2 = name2.map_or(0, str::len);
    while n1 + n2 + overhead > MAX_IDENT {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let mut out = String::from(clip(name1, n1));
    if let Some(name2) = name2 {
        out.push('_');
        out.push_str(clip(name2, n2));
    }
    if !label.is_empty() {
        out.push('_');
        out.push_str(label);
    }
    out
}

/// The longest prefix of `s` of at most `len` bytes that ends on a character boundary.
fn clip(s: &str, len: usize) -> &str {
    let mut end = len.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `ChooseConstraintName`/`ChooseRelationName`: the object name, with a number appended to the label until it is
/// not `taken`.
pub fn choose(
    name1: &str,
    name2: Option<&str>,
    label: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    let mut candidate = object_name(name1, name2, label);
    let mut n = 0;
    while taken(&candidate) {
        n += 1;
        candidate = object_name(name1, name2, &format!("{label}{n}"));
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_postgres_default_names() {
        assert_eq!(object_name("users", None, "pkey"), "users_pkey");
        assert_eq!(
            object_name("users", Some("email"), "key"),
            "users_email_key"
        );
        assert_eq!(choose("t", None, "check", |n| n == "t_check"), "t_check1");
    }

    #[test]
    fn truncates_the_longer_part_to_63_bytes() {
        let long = "a".repeat(70);
        let name = object_name(&long, Some("col"), "fkey");
        assert_eq!(name.len(), 63);
        assert!(name.ends_with("a_col_fkey"));
    }
}
