//! Case folders `tests/cases/<dialect>/<case>/{from.sql,to.sql}`: the changes between the two schemas, snapshotted
//! as JSON. Adding a case is adding a folder.

use std::path::Path;

use flash_core::Dialect;

fn check(path: &Path) {
    let case = path.parent().expect("case folder");
    let dialect: Dialect = case
        .parent()
        .and_then(|d| d.file_name())
        .and_then(|n| n.to_str())
        .and_then(|n| n.parse().ok())
        .expect("cases live under a dialect folder");
    let from =
        flash_parse::parse_path(dialect, &case.join("from.sql")).unwrap_or_else(|e| panic!("{e}"));
    let to =
        flash_parse::parse_path(dialect, &case.join("to.sql")).unwrap_or_else(|e| panic!("{e}"));
    let changes = flash_diff::diff(&from, &to);
    let name = format!(
        "{dialect}_{}",
        case.file_name().and_then(|n| n.to_str()).unwrap_or("case")
    );
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_json_snapshot!(name, changes);
    });
}

#[test]
fn cases() {
    insta::glob!("cases/*/*/to.sql", check);
}
