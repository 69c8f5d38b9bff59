//! One connection to a live database, typed per dialect.

use std::str::FromStr;

use flash_config::{DatabaseUrl, SqliteLocation};
use flash_core::Dialect;
use sqlx::mysql::{MySqlConnectOptions, MySqlConnection};
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection as _};

use crate::error::{mask_password, DbError};

/// A connection to one database. The modules that inspect or apply match on the dialect and use the typed sqlx
/// connection inside with that dialect's own queries.
#[derive(Debug)]
pub enum Connection {
    Postgres(PgConnection),
    Mysql(MySqlConnection),
    Sqlite(SqliteConnection),
}

impl Connection {
    /// Connects to `url`. A SQLite file that does not exist is created, as `sqlite3` does.
    pub async fn connect(url: &DatabaseUrl) -> Result<Connection, DbError> {
        let failed = |source| DbError::Connect {
            url: mask_password(&url.url),
            source,
        };
        Ok(match url.dialect {
            Dialect::Postgres => {
                // Named, so that a waiting `flash apply` can say who holds the migration lock.
                let mut options = PgConnectOptions::from_str(&url.url)
                    .map_err(failed)?
                    .application_name("flash")
                    .log_statements(log::LevelFilter::Off);
                // TLS to the same machine protects nothing and its handshake is most of a command's time (about
                // 80 ms of a 250 ms `flash inspect`): without an sslmode in the URL or PGSSLMODE, a loopback
                // server is reached in the clear. Any sslmode said is honoured.
                if is_loopback(options.get_host())
                    && !url.url.contains("sslmode=")
                    && std::env::var_os("PGSSLMODE").is_none()
                {
                    options = options.ssl_mode(sqlx::postgres::PgSslMode::Disable);
                }
                Connection::Postgres(options.connect().await.map_err(failed)?)
            }
            Dialect::Mysql => {
                let options = MySqlConnectOptions::from_str(&mysql_url(&url.url))
                    .map_err(failed)?
                    .log_statements(log::LevelFilter::Off);
                Connection::Mysql(options.connect().await.map_err(failed)?)
            }
            Dialect::Sqlite => {
                let options = match url.sqlite_location() {
                    Some(SqliteLocation::File(path)) => SqliteConnectOptions::new()
                        .filename(path)
                        .create_if_missing(true),
                    _ => SqliteConnectOptions::from_str("sqlite::memory:").map_err(failed)?,
                }
                .log_statements(log::LevelFilter::Off);
                Connection::Sqlite(options.connect().await.map_err(failed)?)
            }
        })
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Connection::Postgres(_) => Dialect::Postgres,
            Connection::Mysql(_) => Dialect::Mysql,
            Connection::Sqlite(_) => Dialect::Sqlite,
        }
    }

    /// Runs a script of one or more statements in one round trip, as `psql -c`, `mariadb -e` or `sqlite3` would.
    /// Stops at the first failing statement and returns the server's message.
    pub async fn execute_script(&mut self, sql: &str) -> Result<(), DbError> {
        // A migration is the user's own SQL, to be run as written: that is the point of the call.
        let script = || sqlx::raw_sql(AssertSqlSafe(sql.to_string()));
        match self {
            Connection::Postgres(c) => script().execute(c).await.map(drop)?,
            Connection::Mysql(c) => script().execute(c).await.map(drop)?,
            Connection::Sqlite(c) => script().execute(c).await.map(drop)?,
        }
        Ok(())
    }

    /// Closes the connection cleanly (the server logs no aborted client).
    pub async fn close(self) -> Result<(), DbError> {
        match self {
            Connection::Postgres(c) => c.close().await?,
            Connection::Mysql(c) => c.close().await?,
            Connection::Sqlite(c) => c.close().await?,
        }
        Ok(())
    }
}

/// `localhost`, `127.0.0.1`, `::1`, or a Unix socket directory.
fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.starts_with('/')
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// sqlx reads `mysql://` only; Flash also accepts `mariadb://`.
fn mysql_url(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("mariadb") => format!("mysql://{rest}"),
        _ => url.to_string(),
    }
}
