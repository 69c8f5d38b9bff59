//! Every CLI integration test, in one binary so linking happens once. Each test runs the real `flash` binary in a
//! temporary directory and snapshots its exit code, stdout and stderr with the directory's path filtered out.

mod apply;
mod config;
mod diff;
mod gen;
mod init;
mod inspect;
mod live;
mod migrate;
mod pull_round_trip;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary project directory to run `flash` in.
pub(crate) struct Sandbox {
    dir: tempfile::TempDir,
    /// Flash's parse cache, per sandbox: no test reads what another wrote, none writes to the user's cache.
    cache: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
            cache: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn cache_entries(&self) -> usize {
        std::fs::read_dir(self.cache.path().join("schemas")).map_or(0, |d| d.count())
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.join(rel)).expect("read")
    }

    /// Runs `flash ARGS` in the sandbox with a clean environment for what Flash reads.
    pub fn flash(&self, args: &[&str]) -> Outcome {
        self.flash_with_env(args, &[])
    }

    /// `flash ARGS` in the sandbox, not started yet: for tests that run several at once or kill one.
    pub fn command(&self, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_flash"));
        command
            .args(args)
            .current_dir(self.path())
            .env_remove("DATABASE_URL")
            .env_remove("FLASH_IT_URL")
            .env("COLUMNS", "100")
            .env("NO_COLOR", "1")
            .env_remove("FLASH_NO_CACHE")
            .env("FLASH_CACHE_DIR", self.cache.path())
            .envs(env.iter().copied());
        command
    }

    pub fn flash_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Outcome {
        let output = self.command(args, env).output().expect("flash runs");
        self.outcome(&output)
    }

    /// A finished process's output, with the sandbox's path filtered out.
    pub fn outcome(&self, output: &std::process::Output) -> Outcome {
        let filter = |bytes: &[u8]| {
            let text = String::from_utf8_lossy(bytes).into_owned();
            // Canonical paths too: a temp dir may sit behind a symlink.
            let canonical = self.path().canonicalize().expect("canonical temp dir");
            text.replace(&canonical.display().to_string(), "[TEMP]")
                .replace(&self.path().display().to_string(), "[TEMP]")
        };
        Outcome {
            code: output.status.code(),
            stdout: filter(&output.stdout),
            stderr: filter(&output.stderr),
        }
    }
}

/// `text` with every migration stamp (fourteen digits before `_`) shown as `[STAMP]`, so snapshots do not depend on
/// the clock.
pub(crate) fn filter_stamps(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < text.len() {
        let stamp = bytes.get(i..i + 15).is_some_and(|w| {
            w[..14].iter().all(u8::is_ascii_digit)
                && w[14] == b'_'
                && (i == 0 || !bytes[i - 1].is_ascii_digit())
        });
        if stamp {
            out.push_str("[STAMP]");
            i += 14;
        } else {
            let c = text[i..].chars().next().expect("a char");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

pub(crate) struct Outcome {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let code = self
            .code
            .map_or("killed by a signal".to_string(), |c| c.to_string());
        write!(
            f,
            "exit code: {code}\n----- stdout -----\n{}----- stderr -----\n{}",
            self.stdout, self.stderr
        )
    }
}
