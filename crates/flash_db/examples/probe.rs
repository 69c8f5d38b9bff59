// Temporary probe: inspect a database and diff against a parsed file.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = flash_config::DatabaseUrl::parse(&args[1]).unwrap();
    let rt = flash_db::runtime().unwrap();
    rt.block_on(async {
        let mut c = flash_db::Connection::connect(&url).await.unwrap();
        let live = flash_db::inspect::inspect(&mut c).await.unwrap();
        if args.len() > 2 {
            let parsed =
                flash_parse::parse_path(url.dialect, std::path::Path::new(&args[2])).unwrap();
            let canon = flash_db::inspect::canonicalize(&mut c, &live, &parsed)
                .await
                .unwrap();
            for u in &canon.unbuilt {
                eprintln!("UNBUILT {u}");
            }
            for c in flash_diff::diff(&live, &canon.schema) {
                println!("{}", serde_json::to_string(&c).unwrap());
            }
        } else {
            println!("{}", flash_core::snapshot::to_snapshot_json(&live));
        }
    });
}
