//! Migration files as `apply`, `status`, `down`, `validate`, `repair`, `baseline` and `lint` read them (the writer is
//! `migration_file.rs`): `read` parses one file into its header, Up and Down statements with their lines; `dir`
//! lists a migrations directory in id order; `state` sets the files beside the tracking table's rows; `hazards`
//! finds from the statements themselves what they risk, and what the pre-flight checks must count.

pub mod dir;
pub mod hazards;
pub mod read;
pub mod state;

pub use read::{MigrationSource, SourceStatement};
