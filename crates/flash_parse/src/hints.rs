//! Planner hints written as SQL comments in schema files.

use flash_core::SourceFile;

/// The `-- flash:renamed-from old_name` hint on the line(s) just above `offset`, if any.
///
/// Only comment lines directly above count, so a hint cannot drift onto an unrelated object.
pub fn renamed_from(file: &SourceFile, offset: usize) -> Option<String> {
    let line = file.span_at(offset).line;
    let mut n = line;
    while n > 1 {
        n -= 1;
        let text = file.line_text(n).trim();
        let Some(comment) = text.strip_prefix("--") else {
            break;
        };
        if let Some(rest) = comment.trim().strip_prefix("flash:renamed-from") {
            let name = rest.trim().trim_matches(|c| c == '"' || c == '`');
            return (!name.is_empty()).then(|| name.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_hint_on_the_comment_lines_above() {
        let text = "-- flash:renamed-from people\n-- the users\nCREATE TABLE users (\n  -- flash:renamed-from \"mail\"\n  email text,\n  name text\n);";
        let file = SourceFile::new("a.sql", text);
        let at = |s: &str| text.find(s).expect("present");
        assert_eq!(renamed_from(&file, at("CREATE")).as_deref(), Some("people"));
        assert_eq!(renamed_from(&file, at("email")).as_deref(), Some("mail"));
        assert_eq!(renamed_from(&file, at("name text")), None);
    }
}
