use std::path::PathBuf;

use flash_core::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A key the file may not hold, or a value of the wrong type, with the place it was written.
    #[error("{0}")]
    Invalid(Box<Diagnostic>),
    #[error("{}: two [[databases]] entries are named \"{name}\"", path.display())]
    DuplicateDatabase { path: PathBuf, name: String },
    #[error("no database named \"{name}\" in {}; known: {known}", path.display())]
    UnknownDatabase {
        name: String,
        path: PathBuf,
        known: String,
    },
    #[error("no database named \"{name}\": there is no flash.toml to define it (pass a URL such as postgres://... instead)")]
    NoProjectForName { name: String },
    #[error(
        "cannot tell the database from URL \"{url}\": expected postgres://, postgresql://, mysql://, sqlite://PATH or \
         sqlite::memory:"
    )]
    UnknownUrlScheme { url: String },
    #[error("database URL \"{url}\" is {url_dialect} but the configured provider is {provider}")]
    ProviderMismatch {
        url: String,
        url_dialect: String,
        provider: String,
    },
    #[error(
        "no database URL{for_name}: set {url_env} (in the environment or in .env beside flash.toml), set `url` in the \
         configuration, or pass --db URL"
    )]
    MissingUrl { for_name: String, url_env: String },
    #[error("{}: {message}", path.display())]
    DotEnv { path: PathBuf, message: String },
}

impl From<Diagnostic> for ConfigError {
    fn from(d: Diagnostic) -> Self {
        ConfigError::Invalid(Box::new(d))
    }
}
