//! Identifier casing for the generators: words from `GetUserByID`, `user_id` or `createdAt`, joined back in each
//! language's convention. Query names are kept as written where the language allows (`GetUser` in Go).

/// The words of an identifier: split at `_`, spaces and other punctuation, and where the case changes
/// (`GetUserByID` -> get, user, by, id; `HTTPServer` -> http, server).
pub fn words(ident: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let chars: Vec<char> = ident.chars().collect();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase()
                        && next.is_some_and(|n| n.is_ascii_lowercase())
                        && !plural_initialism(&chars, i))
            });
        if boundary && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// `IDs`, `URLs`: an initialism with a plural `s` stays one word.
fn plural_initialism(chars: &[char], i: usize) -> bool {
    chars.get(i + 1) == Some(&'s') && !chars.get(i + 2).is_some_and(|c| c.is_ascii_lowercase())
}

pub fn snake(ident: &str) -> String {
    let w = words(ident);
    if w.is_empty() {
        return "value".into();
    }
    let joined = w.join("_");
    if joined.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{joined}")
    } else {
        joined
    }
}

/// Words Go writes in capitals as a whole (`UserID`, `APIKey`).
const INITIALISMS: &[&str] = &[
    "id", "url", "uuid", "json", "api", "ip", "sql", "http", "uri",
];

pub fn pascal(ident: &str) -> String {
    let mut out = String::new();
    for w in words(ident) {
        if INITIALISMS.contains(&w.as_str()) {
            out.push_str(&w.to_ascii_uppercase());
        } else {
            let mut chars = w.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
                out.extend(chars);
            }
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

pub fn camel(ident: &str) -> String {
    let mut out = String::new();
    for (i, w) in words(ident).into_iter().enumerate() {
        if i == 0 {
            out.push_str(&w);
        } else {
            let mut chars = w.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
                out.extend(chars);
            }
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'v');
    }
    out
}

/// A query name as written, with its first letter lower-cased: `GetUser` -> `getUser` (TypeScript functions).
pub fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Makes `name` unique among `taken` with `_2`, `_3`... and records it.
pub fn unique(name: String, taken: &mut Vec<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}_{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing_keeps_the_words() {
        assert_eq!(words("GetUserByID"), vec!["get", "user", "by", "id"]);
        assert_eq!(snake("GetUserByID"), "get_user_by_id");
        assert_eq!(snake("createdAt"), "created_at");
        assert_eq!(snake("ListUsersByIDs"), "list_users_by_ids");
        assert_eq!(snake("HTTPServer"), "http_server");
        assert_eq!(pascal("user_id"), "UserID");
        assert_eq!(pascal("created_at"), "CreatedAt");
        assert_eq!(camel("created_at"), "createdAt");
        assert_eq!(lower_first("GetUser"), "getUser");
        let mut taken = vec!["id".to_string()];
        assert_eq!(unique("id".into(), &mut taken), "id_2");
        assert_eq!(unique("id".into(), &mut taken), "id_3");
    }
}
