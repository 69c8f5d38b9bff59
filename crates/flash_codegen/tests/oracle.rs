//! The database as an oracle: the proof fixtures' inferred types agree with what each real database describes for
//! the prepared queries, and a wrong inference is reported naming the query and the column.

use std::path::{Path, PathBuf};

use flash_codegen::ir::SqlType;
use flash_codegen::oracle;
use flash_codegen::QuerySet;
use flash_config::DatabaseUrl;
use flash_core::Dialect;
use flash_db::Connection;

fn fixture(dialect: Dialect) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/proof")
        .join(dialect.provider_name())
}

fn analyzed(dialect: Dialect) -> QuerySet {
    let root = fixture(dialect);
    let schema = flash_parse::parse_path(dialect, &root.join("db/schema")).expect("schema");
    let files = flash_codegen::read_query_files(&root.join("db/queries")).expect("queries");
    flash_codegen::analyze_files(&schema, &files).expect("the fixture analyzes")
}

fn schema_sql(dialect: Dialect) -> String {
    std::fs::read_to_string(fixture(dialect).join("db/schema/schema.sql")).expect("schema text")
}

fn runtime() -> tokio::runtime::Runtime {
    flash_db::runtime().expect("runtime")
}

fn lines(warnings: &[oracle::Warning]) -> Vec<String> {
    warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn sqlite_agrees_and_a_wrong_type_is_named() {
    let mut set = analyzed(Dialect::Sqlite);
    runtime().block_on(async {
        let mut conn = oracle::sqlite_in_memory(&schema_sql(Dialect::Sqlite))
            .await
            .expect("schema loads");
        assert_eq!(
            lines(&oracle::check(&mut conn, &set).await),
            Vec::<String>::new()
        );

        let q = set
            .queries
            .iter_mut()
            .find(|q| q.name == "GetUser")
            .expect("GetUser");
        q.columns[1].typed.ty = SqlType::Int64;
        assert_eq!(
            lines(&oracle::check(&mut conn, &set).await),
            vec!["query GetUser: column email: Flash infers int, the database describes text"]
        );
    });
}

#[test]
fn postgres_agrees_on_columns_and_parameters() {
    let db = flash_test::TestDatabase::postgres("codegen_oracle");
    db.run_sql(&schema_sql(Dialect::Postgres));
    let mut set = analyzed(Dialect::Postgres);
    runtime().block_on(async {
        let url = DatabaseUrl::parse(&db.url).expect("url");
        let mut conn = Connection::connect(&url).await.expect("connect");
        assert_eq!(lines(&oracle::check(&mut conn, &set).await), Vec::<String>::new());

        let q = set.queries.iter_mut().find(|q| q.name == "UsersByRole").expect("UsersByRole");
        q.params[0].typed.ty = SqlType::Text;
        q.columns[0].typed.ty = SqlType::Int32;
        assert_eq!(
            lines(&oracle::check(&mut conn, &set).await),
            vec![
                "query UsersByRole: column id: Flash infers int4, the database describes int8",
                "query UsersByRole: parameter $1 (role): Flash infers text, the database describes user_role",
            ]
        );
        conn.close().await.expect("close");
    });
}

#[test]
fn mysql_agrees() {
    let db = flash_test::TestDatabase::mysql("codegen_oracle");
    db.run_sql(&schema_sql(Dialect::Mysql));
    let set = analyzed(Dialect::Mysql);
    runtime().block_on(async {
        let url = DatabaseUrl::parse(&db.url).expect("url");
        let mut conn = Connection::connect(&url).await.expect("connect");
        assert_eq!(
            lines(&oracle::check(&mut conn, &set).await),
            Vec::<String>::new()
        );
        conn.close().await.expect("close");
    });
}
