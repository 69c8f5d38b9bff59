//! Reading the two file formats into [`RawConfig`], with errors that name the key and point at `line:col`.

use std::path::Path;

use flash_core::{Diagnostic, SourceFile, Span};

use crate::raw::RawConfig;

pub(crate) fn parse_toml(path: &Path, text: &str) -> Result<RawConfig, Diagnostic> {
    let source = SourceFile::new(path, text);
    let located = |message: String, span: Option<std::ops::Range<usize>>| match span {
        Some(span) => source.error_at(span.start, message),
        None => Diagnostic::for_file(path, message),
    };
    let deserializer =
        toml::Deserializer::parse(text).map_err(|e| located(e.message().to_string(), e.span()))?;
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let message = describe(&e.path().to_string(), e.inner().message());
        located(message, e.inner().span())
    })
}

pub(crate) fn parse_json(path: &Path, text: &str) -> Result<RawConfig, Diagnostic> {
    let source = SourceFile::new(path, text);
    let located = |message: String, e: &serde_json::Error| {
        if e.line() == 0 {
            return Diagnostic::for_file(path, message);
        }
        let mut span = Span {
            line: e.line() as u32,
            col: (e.column() as u32).max(1),
        };
        // serde_json stops after an unknown key; point at the key's opening quote instead.
        if let Some(field) = unknown_field(&message) {
            let line = source.line_text(span.line);
            let before: String = line.chars().take(span.col as usize).collect();
            if let Some(at) = before.rfind(&format!("\"{field}\"")) {
                span.col = before.get(..at).unwrap_or_default().chars().count() as u32 + 1;
            }
        }
        source.error_at_span(span, message)
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let raw = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let message = describe(&e.path().to_string(), &json_message(e.inner()));
        located(message, e.inner())
    })?;
    deserializer
        .end()
        .map_err(|e| located(json_message(&e), &e))?;
    Ok(raw)
}

/// The last segment of the key an "unknown key `a.b.c`" message names.
fn unknown_field(message: &str) -> Option<&str> {
    let key = message.strip_prefix("unknown key `")?.split('`').next()?;
    key.rsplit('.').next()
}

/// serde_json appends " at line L column C" to its messages; the diagnostic says that already.
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text.get(..i).unwrap_or(&text).to_string(),
        None => text,
    }
}

/// Turns serde's message and the path to the failing value into one sentence naming the full key.
fn describe(path: &str, message: &str) -> String {
    let parent = if path == "." { "" } else { path };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((field, expected)) = rest.split_once('`') {
            // serde_path_to_error's path already ends in the unknown key itself.
            let key = if parent.is_empty() {
                field.to_string()
            } else {
                parent.to_string()
            };
            let expected = expected.trim_start_matches(", ");
            return if expected.is_empty() {
                format!("unknown key `{key}`")
            } else {
                format!("unknown key `{key}` ({expected})")
            };
        }
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        if let Some((field, _)) = rest.split_once('`') {
            let key = if parent.is_empty() {
                field.to_string()
            } else {
                format!("{parent}.{field}")
            };
            let note = if field == "schema_dir" {
                " (schema_path is another name for it)"
            } else {
                ""
            };
            return format!("key `{key}` is given twice{note}");
        }
    }
    if parent.is_empty() {
        message.to_string()
    } else {
        format!("key `{parent}`: {message}")
    }
}
