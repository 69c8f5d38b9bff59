//! Every exit code Flash uses, defined once (DESIGN §5).

use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    /// A runtime error, reported on stderr.
    Failure,
    /// Bad arguments; clap exits with this code on its own.
    Usage,
    /// `flash drift`: the live database differs from the schema files.
    Drift,
    /// `flash gen --check`: generated code is out of date.
    Stale,
    /// `flash apply`: blocked by a hazard that was not allowed.
    Hazard,
    /// An applied migration file changed after it was applied.
    Checksum,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Usage => 2,
            ExitStatus::Drift => 3,
            ExitStatus::Stale => 4,
            ExitStatus::Hazard => 5,
            ExitStatus::Checksum => 6,
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(status.code())
    }
}
