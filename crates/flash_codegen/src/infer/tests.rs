//! The inference rules one by one: each query's parameters and columns as `name: type[?]` (`?` = may be NULL).

use flash_core::{Dialect, SourceFile};

use crate::ir::{Query, SqlType, Typed};

const SCHEMA: &str = "
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, bio text, mood mood NOT NULL, tags text[] NOT NULL,
    doc jsonb, born date, score numeric(8,2));
CREATE TABLE posts (id serial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), title text NOT NULL,
    views integer NOT NULL);
";

fn analyze(dialect: Dialect, schema: &str, sql: &str) -> Query {
    let schema = flash_parse::parse_str(dialect, "schema.sql", schema).expect("schema parses");
    let kind = if sql.contains("RETURNING") || sql.starts_with("SELECT") || sql.starts_with("WITH")
    {
        "many"
    } else {
        "exec"
    };
    let file = SourceFile::new("q.sql", format!("-- name: Q :{kind}\n{sql}"));
    let set = crate::analyze_files(&schema, &[file]).unwrap_or_else(|d| panic!("{d}"));
    set.queries.into_iter().next().expect("one query")
}

fn show(t: &Typed) -> String {
    fn ty(t: &SqlType) -> String {
        match t {
            SqlType::Array(inner) => format!("{}[]", ty(inner)),
            SqlType::Enum(_) => "enum".into(),
            other => format!("{other:?}").to_lowercase(),
        }
    }
    format!("{}{}", ty(&t.ty), if t.nullable { "?" } else { "" })
}

/// `params | columns`, each `name: type`.
fn pg(sql: &str) -> String {
    signature(&analyze(Dialect::Postgres, SCHEMA, sql))
}

fn signature(q: &Query) -> String {
    let params: Vec<String> = q
        .params
        .iter()
        .map(|p| format!("{}: {}", p.name, show(&p.typed)))
        .collect();
    let columns: Vec<String> = q
        .columns
        .iter()
        .map(|c| format!("{}: {}", c.field, show(&c.typed)))
        .collect();
    format!("{} | {}", params.join(", "), columns.join(", "))
}

#[test]
fn outer_joins_make_the_outer_side_nullable() {
    assert_eq!(
        pg("SELECT u.id, p.id AS post_id, p.title FROM users u LEFT JOIN posts p ON p.user_id = u.id"),
        " | id: int64, post_id: int32?, title: text?"
    );
    assert_eq!(
        pg("SELECT u.email, p.title FROM users u RIGHT JOIN posts p ON p.user_id = u.id"),
        " | email: text?, title: text"
    );
    assert_eq!(
        pg("SELECT u.email, p.title FROM users u FULL JOIN posts p ON p.user_id = u.id"),
        " | email: text?, title: text?"
    );
    assert_eq!(
        pg("SELECT u.email FROM users u JOIN posts p USING (id)"),
        " | email: text"
    );
}

#[test]
fn aggregates_coalesce_and_case() {
    assert_eq!(
        pg("SELECT count(*), sum(views), avg(views), min(title), max(id), coalesce(sum(views), 0) AS total FROM posts"),
        " | count: int64, sum: int64?, avg: decimal?, min: text?, max: int32?, total: int64"
    );
    assert_eq!(
        pg("SELECT coalesce(bio, email) AS b, coalesce(bio, NULL) AS c FROM users"),
        " | b: text, c: text?"
    );
    assert_eq!(
        pg("SELECT CASE WHEN id > 1 THEN 'a' ELSE 'b' END AS x, CASE WHEN id > 1 THEN 'a' END AS y FROM users"),
        " | x: text, y: text?"
    );
    assert_eq!(
        pg("SELECT (SELECT title FROM posts LIMIT 1) AS t"),
        " | t: text?"
    );
}

#[test]
fn parameters_take_type_name_and_nullability_from_what_they_meet() {
    assert_eq!(
        pg("SELECT id FROM users WHERE email = $1 AND id > $2 AND id < $3"),
        "email: text, id: int64, id_2: int64 | id: int64"
    );
    assert_eq!(
        pg("INSERT INTO users (id, email, bio, mood, tags) VALUES ($1, $2, $3, $4, $5)"),
        "id: int64, email: text, bio: text?, mood: enum, tags: text[] | "
    );
    assert_eq!(
        pg("UPDATE users SET bio = $1 WHERE id = $2"),
        "bio: text?, id: int64 | "
    );
    assert_eq!(
        pg("SELECT id FROM users WHERE id = ANY($1) AND $2 = ANY(tags) LIMIT $3 OFFSET $4"),
        "ids: int64[], tag: text, limit: int64, offset: int64 | id: int64"
    );
    assert_eq!(
        pg("SELECT id FROM users WHERE born BETWEEN $1 AND $2 AND id IN ($3, $4)"),
        "born_start: date, born_end: date, id: int64, id_2: int64 | id: int64"
    );
    assert_eq!(
        pg("SELECT id FROM users WHERE born > $1::date"),
        "born: date | id: int64"
    );
    assert_eq!(
        pg("SELECT id FROM users WHERE bio = sqlc.narg(bio) OR email = @email"),
        "bio: text?, email: text | id: int64"
    );
}

#[test]
fn star_ctes_subqueries_returning_and_json() {
    assert_eq!(
        pg("SELECT p.*, u.email FROM posts p JOIN users u ON u.id = p.user_id"),
        " | id: int32, user_id: int64, title: text, views: int32, email: text"
    );
    assert_eq!(
        pg("WITH c AS (SELECT user_id, count(*) AS n FROM posts GROUP BY user_id) SELECT s.n FROM (SELECT n FROM c) s"),
        " | n: int64"
    );
    assert_eq!(
        pg("DELETE FROM posts WHERE id = $1 RETURNING id, title"),
        "id: int32 | id: int32, title: text"
    );
    assert_eq!(
        pg("SELECT doc -> 'a' AS j, doc ->> 'a' AS t, tags[1] AS first, score::float8 AS f, mood FROM users"),
        " | j: json?, t: text?, first: text?, f: float64?, mood: enum"
    );
    assert_eq!(
        pg("INSERT INTO users (id, email, mood, tags) VALUES ($1, $2, 'sad', '{}') ON CONFLICT (email) DO UPDATE SET bio = EXCLUDED.bio || $3 RETURNING *")
            .split(" | ")
            .next()
            .unwrap_or_default(),
        "id: int64, email: text, bio: text"
    );
}

#[test]
fn mysql_and_sqlite_read_the_same_way() {
    let mysql = "CREATE TABLE t (id BIGINT PRIMARY KEY, kind ENUM('a','b') NOT NULL, flag BOOLEAN, n INT NOT NULL);";
    assert_eq!(
        signature(&analyze(
            Dialect::Mysql,
            mysql,
            "SELECT id, kind, flag FROM t WHERE kind = ? AND n > ? LIMIT ?"
        )),
        "kind: enum, n: int32, limit: int64 | id: int64, kind: enum, flag: bool?"
    );
    assert_eq!(
        signature(&analyze(
            Dialect::Mysql,
            mysql,
            "INSERT INTO t (id, kind, n) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE n = n + VALUES(n)"
        )),
        "id: int64, kind: enum, n: int32 | "
    );
    let sqlite = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, ok BOOLEAN NOT NULL, at DATETIME);";
    assert_eq!(
        signature(&analyze(
            Dialect::Sqlite,
            sqlite,
            "SELECT id, ok, at, count(*) AS n FROM t WHERE name = ? GROUP BY id"
        )),
        "name: text | id: int64, ok: bool, at: text?, n: int64"
    );
}
