//! Prints the generated benchmark schema: `cargo run -p flash_test --example schema_gen -- postgresql 500`.

fn main() {
    let mut args = std::env::args().skip(1);
    let dialect = args
        .next()
        .and_then(|d| d.parse::<flash_core::Dialect>().ok())
        .unwrap_or(flash_core::Dialect::Postgres);
    let tables = args.next().and_then(|n| n.parse().ok()).unwrap_or(500);
    print!("{}", flash_test::schema_gen::tables(dialect, tables));
}
