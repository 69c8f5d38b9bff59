//! The frame the convergence suites share: one dialect's corpus, and ratchet lists that say exactly which cases
//! hold. A listed case that fails fails the test; so does a case that holds but is not listed, so a list can never
//! claim less than the code does — progress has to be written down to land.

use std::path::PathBuf;

/// The cases of `tests/convergence/<dialect_dir>/`, by folder name, in order; `FLASH_CASE=<part of a name>` keeps
/// only the matching ones (and [`assert_ratchets`] then reports instead of failing). Panics when the corpus has
/// fewer than `at_least` cases, so a lost folder cannot shrink the suite unseen.
pub fn corpus(dialect_dir: &str, at_least: usize) -> Vec<(String, PathBuf)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/convergence")
        .join(dialect_dir);
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.expect("corpus entry").path())
        .map(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            (name.to_string(), p)
        })
        .collect();
    cases.sort();
    assert!(
        cases.len() >= at_least,
        "the {dialect_dir} corpus has {} cases, fewer than {at_least}",
        cases.len()
    );
    match picked() {
        Some(part) => cases
            .into_iter()
            .filter(|(n, _)| n.contains(&part))
            .collect(),
        None => cases,
    }
}

fn picked() -> Option<String> {
    std::env::var("FLASH_CASE").ok().filter(|p| !p.is_empty())
}

/// One list of cases that must hold (`CONVERGING`, `DOWN_CONVERGING`), checked against each case's outcome.
pub struct Ratchet {
    list_name: &'static str,
    listed: &'static [&'static str],
    held: usize,
    wrong: Vec<String>,
}

impl Ratchet {
    pub fn new(list_name: &'static str, listed: &'static [&'static str]) -> Self {
        Ratchet {
            list_name,
            listed,
            held: 0,
            wrong: Vec::new(),
        }
    }

    /// `failure` is `None` when the case held, else why it did not.
    pub fn record(&mut self, case: &str, failure: Option<&str>) {
        let list = self.list_name;
        match (failure, self.listed.contains(&case)) {
            (None, true) => self.held += 1,
            (None, false) => self
                .wrong
                .push(format!("{case}: holds now; add it to {list}")),
            (Some(why), true) => self
                .wrong
                .push(format!("{case}: listed in {list} but {}", reason(why))),
            (Some(why), false) => eprintln!("not yet ({list}): {case}: {}", reason(why)),
        }
    }

    pub fn held(&self) -> usize {
        self.held
    }
}

/// Fails with every disagreement between the lists and the outcomes; with `FLASH_CASE` set only prints them, since
/// the unpicked cases were not run.
pub fn assert_ratchets(ratchets: &[&Ratchet]) {
    let wrong: Vec<&str> = ratchets
        .iter()
        .flat_map(|r| r.wrong.iter().map(String::as_str))
        .collect();
    if picked().is_some() {
        eprintln!("{}", wrong.join("\n"));
    } else {
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}

/// The line that says why: the server's error line (psql's `ERROR:`, the mariadb client's `ERROR 1146 ...`) says
/// more than the client command line before it; else the first lines.
fn reason(why: &str) -> String {
    let error = why
        .lines()
        .find(|l| l.contains("ERROR:") || l.trim_start().starts_with("ERROR "));
    match error {
        Some(line) => line.to_string(),
        None => why.lines().take(5).collect::<Vec<_>>().join("\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_must_say_exactly_which_cases_hold() {
        let mut r = Ratchet::new("LIST", &["a", "b"]);
        r.record("a", None);
        r.record(
            "b",
            Some("psql -v ON_ERROR_STOP=1 ...\npsql:<stdin>:3: ERROR:  boom"),
        );
        r.record("c", None);
        r.record("d", Some("no"));
        assert_eq!(r.held(), 1);
        assert_eq!(
            r.wrong,
            [
                "b: listed in LIST but psql:<stdin>:3: ERROR:  boom",
                "c: holds now; add it to LIST"
            ]
        );
    }
}
