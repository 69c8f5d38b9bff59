//! Running a database client tool with SQL on its stdin and reporting failures with everything needed to fix them.

use std::fmt;
use std::io::Write;
use std::process::{Command, Stdio};

/// A client tool that could not be started or exited with a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandError {
    /// The command line, with any password masked.
    pub command: String,
    pub status: Option<i32>,
    pub stderr: String,
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(code) => write!(f, "`{}` exited with status {code}", self.command)?,
            None => write!(f, "`{}` could not run", self.command)?,
        }
        let stderr = self.stderr.trim();
        if !stderr.is_empty() {
            write!(f, ":\n{stderr}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CommandError {}

/// A tool invocation: program, arguments, environment (for passwords, kept out of the printed command line).
pub(crate) struct Tool {
    program: &'static str,
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
}

impl Tool {
    pub(crate) fn new(program: &'static str) -> Tool {
        Tool {
            program,
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    pub(crate) fn arg(mut self, arg: impl Into<String>) -> Tool {
        self.args.push(arg.into());
        self
    }

    pub(crate) fn args(mut self, args: impl IntoIterator<Item = String>) -> Tool {
        self.args.extend(args);
        self
    }

    pub(crate) fn env(mut self, name: &'static str, value: Option<&str>) -> Tool {
        if let Some(value) = value {
            self.env.push((name, value.to_string()));
        }
        self
    }

    fn command_line(&self) -> String {
        std::iter::once(self.program.to_string())
            .chain(self.args.iter().map(|a| mask_password(a)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Runs the tool with `stdin` as its input and returns its stdout.
    pub(crate) fn run(&self, stdin: &str) -> Result<String, CommandError> {
        let fail = |status: Option<i32>, stderr: String| CommandError {
            command: self.command_line(),
            status,
            stderr,
        };
        let mut child = Command::new(self.program)
            .args(&self.args)
            .envs(self.env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                fail(
                    None,
                    format!("{e} (is `{}` installed and on PATH?)", self.program),
                )
            })?;
        // Feed stdin from a thread: a large script and a chatty tool would otherwise block each other on full pipes.
        let writer = child.stdin.take().map(|mut pipe| {
            let input = stdin.to_string();
            std::thread::spawn(move || {
                let _ = pipe.write_all(input.as_bytes());
            })
        });
        let output = child
            .wait_with_output()
            .map_err(|e| fail(None, e.to_string()))?;
        if let Some(writer) = writer {
            let _ = writer.join();
        }
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        if !output.status.success() {
            return Err(fail(output.status.code(), stderr));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

/// `postgres://user:secret@host/db` -> `postgres://user:***@host/db`, so logs never show a password.
pub(crate) fn mask_password(arg: &str) -> String {
    let Some((scheme, rest)) = arg.split_once("://") else {
        return arg.to_string();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return arg.to_string();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => arg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_passwords_in_urls() {
        assert_eq!(
            mask_password("postgres://u:pw@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(mask_password("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(mask_password("--host=h"), "--host=h");
    }

    #[test]
    fn a_missing_program_is_a_clear_error() {
        let err = Tool::new("flash-test-no-such-program")
            .run("")
            .expect_err("must fail");
        assert_eq!(err.status, None);
        assert!(
            err.to_string()
                .contains("is `flash-test-no-such-program` installed"),
            "{err}"
        );
    }

    #[test]
    fn a_failing_program_reports_status_and_stderr() {
        let err = Tool::new("sh")
            .arg("-c")
            .arg("cat >/dev/null; echo boom >&2; exit 3")
            .run("input")
            .expect_err("must fail");
        assert_eq!(err.status, Some(3));
        assert!(err.to_string().ends_with(":\nboom"), "{err}");
        assert_eq!(
            Tool::new("cat").run("echo").expect("test input is valid"),
            "echo"
        );
    }
}
