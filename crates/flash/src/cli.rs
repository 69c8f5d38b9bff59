//! The command line, as clap reads it. Only definitions live here; `commands/` holds what each command does.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use flash_core::Dialect;

#[derive(Debug, Parser)]
#[command(
    name = "flash",
    version,
    about = "Flash: a SQL-first database toolkit. Schema files and annotated queries in, migrations and typed code out.",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The project's configuration file (flash.toml or flash.config.json), or a directory holding one.
    /// Without it, Flash looks in the current directory and then each parent.
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub config: Option<PathBuf>,
    /// The database to work on: the name of a [[databases]] entry in flash.toml, or a URL used as is
    /// (postgres://..., mysql://..., sqlite://PATH, sqlite::memory:).
    #[arg(
        long,
        global = true,
        value_name = "NAME|URL",
        help_heading = "Global options"
    )]
    pub db: Option<String>,
    /// Print only results and errors.
    #[arg(long, short, global = true, help_heading = "Global options")]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a Flash project: flash.toml, db/schema, db/queries, db/migrations, .env and an example schema and
    /// queries for the chosen database.
    ///
    /// Existing files are kept unless --force is given; each path is listed as created, kept or overwritten.
    Init(InitArgs),
    /// Parse the schema files and print the model Flash reads from them.
    ///
    /// Prints a summary (object counts, then every table with its columns, keys and indexes, then the other
    /// objects), or with --json the model as stable JSON (documented in docs/inspect-json.md). A syntax error or a
    /// reference to something missing is reported with its path:line:col.
    Inspect(InspectArgs),
    /// Print the migration that turns one schema into another.
    ///
    /// Prints a `-- flash:hazard KIND detail` line for each hazard, then a script the dialect's own client runs as
    /// it is (`psql -v ON_ERROR_STOP=1`, `mariadb`, `sqlite3 -bail`). Equal schemas print no statement. With --json,
    /// the Up steps, hazards, Down steps and irreversible notes as stable JSON (documented in docs/diff-json.md).
    /// Differences are not an error: the exit code is 0 whenever the plan could be made.
    Diff(DiffArgs),
    /// Write a migration from the schema files' changes since the last one, and update the snapshot.
    ///
    /// Compares the schema files (schema_dir) with <migrations_path>/.flash/schema_snapshot.json; when there is no
    /// snapshot yet, with the project's database (its URL from flash.toml, .env or --db) if one is configured, else
    /// with an empty schema; writes <migrations_path>/YYYYMMDDHHMMSS_<name>.sql with its Up, Down and hazards
    /// (format in docs/migration-files.md), then saves the schema files' model as the new snapshot. When nothing
    /// changed, it writes nothing and says so. Never asks a question.
    Migrate(MigrateArgs),
    /// Compare the live database with the schema files, and exit 3 when they differ.
    ///
    /// Reads the project's database (its URL from flash.toml, .env or --db) and schema_dir, and reports every
    /// difference, one line each: what is only in the database, what is only in the files, what differs. Exit
    /// code 0 when they match, 3 when they differ. With --json, the differences and the statements that would
    /// bring the database in line, as stable JSON (documented in docs/drift-json.md).
    Drift(DriftArgs),
    /// Write the live database's schema into schema files.
    ///
    /// Reads the project's database (or --db URL) and writes every object the model holds — tables, indexes,
    /// foreign keys, types, sequences, views, functions, triggers, policies, rules, grants, comments — into
    /// DIR/schema.sql in dependency order, as CREATE statements Flash reads back as the same schema. The other .sql
    /// files under DIR are removed, since schema.sql now holds what they declared. Pull never loses a file's text
    /// unasked: when it would remove or change a file it needs --backup (copies every such file into
    /// DIR/.backup/<timestamp>/ first) or --force (no copies), and otherwise changes nothing and says so.
    Pull(PullArgs),
    /// Generate typed code from the annotated queries (queries) for every enabled [gen.go], [gen.js] and
    /// [gen.python] target.
    ///
    /// Each query is typed against the schema files: parameters and result columns, with nullability. Only files
    /// whose text changes are written. A generated file edited by hand is reported and kept unless --force is
    /// given. With --check nothing is written, and the exit code is 4 when any file is stale.
    Gen(GenArgs),
    /// Apply pending migrations to the database, in id order, under a lock (docs/apply.md).
    ///
    /// Each migration runs in one transaction with its row in _flash_migrations (PostgreSQL, SQLite); statements
    /// marked `-- flash:no-transaction` run on their own, each recorded as a step. MySQL/MariaDB: statement by
    /// statement, each recorded, so a failure says which statement failed and a re-run continues after the last
    /// one done. Before anything runs: checksums of applied files (exit 6 on a change), hazards from the file's
    /// header and from the statements themselves (exit 5 unless --allow-hazards), the baseline hash, and
    /// pre-flight counts (a NOT NULL column without default on a table with rows, a unique key over duplicates).
    Apply(ApplyArgs),
    /// Show every migration: applied, pending, failed (stopped after some steps), modified after it was applied,
    /// or recorded without a file; with the times from _flash_migrations.
    Status(StatusArgs),
    /// Roll back the newest applied migration (or --steps N of them, or every one down to ID), each with its file's
    /// Down, or the Down stored in _flash_migrations when the file is gone.
    Down(DownArgs),
    /// Roll back every applied migration (newest first, with their Downs) and drop _flash_migrations.
    ///
    /// Asks for confirmation on a terminal; without a terminal it refuses unless --force is given.
    Reset(ResetArgs),
    /// Check the migration files: they parse, applied ones still match their checksums (exit 6 when not), and
    /// their hazards, from the header and from the statements, are listed. Runs without a database when none is
    /// configured (checksums are then not checked).
    Validate(ValidateArgs),
    /// Re-record the checksums of applied migration files in _flash_migrations, on purpose: after an edit that is
    /// meant, or to replace Flash ORM's old file-length checksums with SHA-256. Says what it rewrites.
    Repair(RepairArgs),
    /// Record an existing database as up to date with the current migration files, without running them: for a
    /// database whose schema was made some other way.
    Baseline(BaselineArgs),
    /// Show the hazards of migration files, found from the statements themselves as well as the header:
    /// `path:line: KIND detail`. Exit 5 when a hazard that blocks `flash apply` is found.
    Lint(LintArgs),
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Apply at most N pending migrations.
    #[arg(long, value_name = "N")]
    pub count: Option<usize>,
    /// Print what would run, in order, and change nothing (not even _flash_migrations).
    #[arg(long)]
    pub dry_run: bool,
    /// Let migrations with these hazards run: a comma-separated list of kinds (data-loss, table-rewrite,
    /// long-lock, not-null-no-default, unsafe-enum-change, irreversible) or `all`.
    #[arg(long, value_name = "KIND[,KIND]|all")]
    pub allow_hazards: Option<String>,
    /// Apply even when the first pending migration's `-- flash:baseline` is not the schema the database is at.
    #[arg(long)]
    pub force_after_drift: bool,
    /// Apply a pending migration older than the newest applied one instead of refusing.
    #[arg(long)]
    pub allow_out_of_order: bool,
    /// How long to wait for another apply to release the database's migration lock.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub lock_timeout: f64,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print stable JSON (documented in docs/apply.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DownArgs {
    /// Roll back every applied migration newer than ID, and ID itself.
    pub id: Option<String>,
    /// Roll back the N newest applied migrations (default 1).
    #[arg(long, value_name = "N", conflicts_with = "id")]
    pub steps: Option<usize>,
    /// How long to wait for the database's migration lock.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub lock_timeout: f64,
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Do not ask: needed without a terminal.
    #[arg(long, short)]
    pub force: bool,
    /// How long to wait for the database's migration lock.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub lock_timeout: f64,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {}

#[derive(Debug, Args)]
pub struct RepairArgs {
    /// How long to wait for the database's migration lock.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub lock_timeout: f64,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// How long to wait for the database's migration lock.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub lock_timeout: f64,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Migration files to check; by default every file in the project's migrations_path.
    pub files: Vec<PathBuf>,
    /// The SQL dialect of the files: postgresql (postgres), mysql (mariadb) or sqlite. Defaults to the
    /// project's [database] provider.
    #[arg(long, value_name = "DIALECT")]
    pub dialect: Option<Dialect>,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("dialect").multiple(false))]
pub struct InitArgs {
    /// Scaffold for PostgreSQL (the default).
    #[arg(long, group = "dialect")]
    pub postgresql: bool,
    /// Scaffold for MySQL or MariaDB.
    #[arg(long, group = "dialect", alias = "mariadb")]
    pub mysql: bool,
    /// Scaffold for SQLite.
    #[arg(long, group = "dialect")]
    pub sqlite: bool,
    /// Overwrite files that already exist.
    #[arg(long, short)]
    pub force: bool,
    /// The project directory, created if needed.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

impl InitArgs {
    pub fn dialect(&self) -> Dialect {
        if self.mysql {
            Dialect::Mysql
        } else if self.sqlite {
            Dialect::Sqlite
        } else {
            Dialect::Postgres
        }
    }
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// A directory of .sql schema files (read recursively in path order), one .sql file, a snapshot .json, or a
    /// database URL (postgres://..., mysql://..., sqlite://PATH) to read the live schema from. Defaults to the
    /// project's schema_dir.
    #[arg(long, value_name = "DIR|FILE|URL")]
    pub from: Option<PathBuf>,
    /// The SQL dialect of the files: postgresql (postgres), mysql (mariadb) or sqlite. Defaults to the
    /// project's [database] provider.
    #[arg(long, value_name = "DIALECT")]
    pub dialect: Option<Dialect>,
    /// Print the model as JSON: {"format_version": 1, "schema": {...}}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The schema to start from: a directory of .sql files, one .sql file, a snapshot .json, or a database URL
    /// (postgres://..., mysql://..., sqlite://PATH).
    #[arg(long, value_name = "SRC")]
    pub from: PathBuf,
    /// The schema to arrive at: a directory of .sql files, one .sql file, a snapshot .json, or a database URL.
    #[arg(long, value_name = "SRC")]
    pub to: PathBuf,
    /// The SQL dialect of .sql sources: postgresql (postgres), mysql (mariadb) or sqlite. Defaults to a snapshot
    /// source's dialect, then to the project's [database] provider.
    #[arg(long, value_name = "DIALECT")]
    pub dialect: Option<Dialect>,
    /// Print the plan as JSON (documented in docs/diff-json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The migration's name, made snake_case (`add users` -> add_users). Without it, a name is derived from the
    /// changes: create_users, add_email_to_users, drop_posts, alter_users, else schema_changes
    /// (initial_schema when starting from an empty schema).
    pub name: Option<String>,
    /// Write a migration with empty Up and Down sections, to fill in by hand; needs NAME. The snapshot is kept.
    #[arg(long, requires = "name")]
    pub empty: bool,
    /// Print the migration file that would be written, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct DriftArgs {
    /// Print the report as JSON (documented in docs/drift-json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// The directory to write schema.sql into. Defaults to the project's schema_dir.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Copy the files pull removes or overwrites into DIR/.backup/<timestamp>/ first.
    #[arg(long)]
    pub backup: bool,
    /// Remove or overwrite the schema files already in DIR without a copy. Without --backup or --force, pull
    /// refuses to replace a file whose text it would change.
    #[arg(long, short)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Overwrite generated files that were edited by hand.
    #[arg(long, short)]
    pub force: bool,
    /// Write nothing; exit 4 when the generated files are not what the queries produce now.
    #[arg(long, conflicts_with = "force")]
    pub check: bool,
}
