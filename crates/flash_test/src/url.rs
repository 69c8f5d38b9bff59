//! Test server addresses and the small URL parsing the client tools need (`mariadb` takes no URL, only flags).

pub const DEFAULT_PG_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
pub const DEFAULT_MYSQL_URL: &str = "mysql://root@127.0.0.1:3306/";
pub const DEFAULT_REDIS_URL: &str = "redis://127.0.0.1:6379";

fn env_or(name: &str, default: &str) -> String {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => value.trim().to_string(),
        _ => default.to_string(),
    }
}

/// The PostgreSQL server for tests: `FLASH_TEST_PG_URL`, else the local trust server.
pub fn pg_url() -> String {
    env_or("FLASH_TEST_PG_URL", DEFAULT_PG_URL)
}

/// The MySQL/MariaDB server for tests: `FLASH_TEST_MYSQL_URL`, else the local root account.
pub fn mysql_url() -> String {
    env_or("FLASH_TEST_MYSQL_URL", DEFAULT_MYSQL_URL)
}

/// The Redis server for tests: `FLASH_TEST_REDIS_URL`, else the local server.
pub fn redis_url() -> String {
    env_or("FLASH_TEST_REDIS_URL", DEFAULT_REDIS_URL)
}

/// `scheme://[user[:password]@]host[:port][/database][?query]`, with user and password percent-decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbUrl {
    pub scheme: String,
    pub user: Option<String>,
    pub password: Option<String>,
    pub host: String,
    pub port: Option<u16>,
    pub database: Option<String>,
    pub query: Option<String>,
}

impl DbUrl {
    pub fn parse(url: &str) -> Result<DbUrl, String> {
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| format!("{url:?} is not a URL (no scheme://)"))?;
        let (rest, query) = match rest.split_once('?') {
            Some((r, q)) => (r, Some(q.to_string())),
            None => (rest, None),
        };
        let (authority, database) = match rest.split_once('/') {
            Some((a, d)) if !d.is_empty() => (a, Some(percent_decode(d))),
            Some((a, _)) => (a, None),
            None => (rest, None),
        };
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let (user, password) = match userinfo {
            Some(u) => match u.split_once(':') {
                Some((name, pass)) => (Some(percent_decode(name)), Some(percent_decode(pass))),
                None => (Some(percent_decode(u)), None),
            },
            None => (None, None),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || hostport.starts_with('[') => {
                let port = p
                    .parse::<u16>()
                    .map_err(|_| format!("{url:?} has a bad port {p:?}"))?;
                (h.to_string(), Some(port))
            }
            _ => (hostport.to_string(), None),
        };
        if host.is_empty() {
            return Err(format!("{url:?} names no host"));
        }
        Ok(DbUrl {
            scheme: scheme.to_string(),
            user,
            password,
            host,
            port,
            database,
            query,
        })
    }

    /// The same server with another database.
    pub fn with_database(&self, database: &str) -> DbUrl {
        DbUrl {
            database: Some(database.to_string()),
            ..self.clone()
        }
    }
}

impl std::fmt::Display for DbUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://", self.scheme)?;
        if let Some(user) = &self.user {
            write!(f, "{}", percent_encode(user))?;
            if let Some(password) = &self.password {
                write!(f, ":{}", percent_encode(password))?;
            }
            write!(f, "@")?;
        }
        write!(f, "{}", self.host)?;
        if let Some(port) = self.port {
            write!(f, ":{port}")?;
        }
        write!(f, "/")?;
        if let Some(database) = &self.database {
            write!(f, "{}", percent_encode(database))?;
        }
        if let Some(query) = &self.query {
            write!(f, "?{query}")?;
        }
        Ok(())
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (b, hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_defaults() {
        let pg = DbUrl::parse(DEFAULT_PG_URL).expect("test input is valid");
        assert_eq!(pg.user.as_deref(), Some("postgres"));
        assert_eq!(pg.host, "127.0.0.1");
        assert_eq!(pg.port, Some(5432));
        assert_eq!(pg.database.as_deref(), Some("postgres"));
        let my = DbUrl::parse(DEFAULT_MYSQL_URL).expect("test input is valid");
        assert_eq!(my.user.as_deref(), Some("root"));
        assert_eq!(my.password, None);
        assert_eq!(my.port, Some(3306));
        assert_eq!(my.database, None);
        let redis = DbUrl::parse(DEFAULT_REDIS_URL).expect("test input is valid");
        assert_eq!((redis.host.as_str(), redis.port), ("127.0.0.1", Some(6379)));
    }

    #[test]
    fn decodes_credentials_and_keeps_the_query() {
        let url = DbUrl::parse("postgresql://me:p%40ss%3Aword@db.internal/app?sslmode=disable")
            .expect("test input is valid");
        assert_eq!(url.user.as_deref(), Some("me"));
        assert_eq!(url.password.as_deref(), Some("p@ss:word"));
        assert_eq!(url.port, None);
        assert_eq!(url.query.as_deref(), Some("sslmode=disable"));
        assert_eq!(
            url.with_database("other").to_string(),
            "postgresql://me:p%40ss%3Aword@db.internal/other?sslmode=disable"
        );
    }

    #[test]
    fn swaps_the_database() {
        let url = DbUrl::parse(DEFAULT_PG_URL)
            .expect("test input is valid")
            .with_database("flash_t_1");
        assert_eq!(
            url.to_string(),
            "postgres://postgres@127.0.0.1:5432/flash_t_1"
        );
    }

    #[test]
    fn refuses_what_is_not_a_url() {
        assert!(DbUrl::parse("127.0.0.1:5432").is_err());
        assert!(DbUrl::parse("postgres://host:notaport/db").is_err());
        assert!(DbUrl::parse("postgres:///db").is_err());
    }

    #[test]
    fn percent_decoding_never_panics_on_odd_input() {
        for text in ["%", "%4", "%zz", "%C3%A9", "a%2", "é%"] {
            let _ = percent_decode(text);
        }
        assert_eq!(percent_decode("%C3%A9t%C3%A9"), "été");
    }
}
