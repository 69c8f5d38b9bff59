//! What can go wrong talking to a live database.

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot start the async runtime: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("cannot connect to {url}: {source}")]
    Connect {
        /// The URL with its password masked.
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("{0}")]
    Query(#[from] sqlx::Error),
    #[error("the migration lock is still held after {seconds} s, by {holder}")]
    LockTimeout { seconds: f64, holder: String },
    #[error("cannot use the lock file {path}: {source}")]
    LockFile {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The catalog holds something Flash cannot read into its model.
    #[error("{message}")]
    Catalog { message: String },
}

/// `url` with any password replaced by `***`, for messages.
pub fn mask_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((userinfo, host)) = rest.rsplit_once('@') else {
        return url.to_string();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::mask_password;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            mask_password("postgres://app:s3cret@db:5432/x"),
            "postgres://app:***@db:5432/x"
        );
        assert_eq!(mask_password("postgres://app@db/x"), "postgres://app@db/x");
        assert_eq!(mask_password("sqlite::memory:"), "sqlite::memory:");
    }
}
