// Temporary probe (not committed): prints what the loader finds.
use syntax::load::*;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bctx = BuildContext { goos: "linux".into(), goarch: "amd64".into(), tags: vec![], release_minor: 27, cgo_enabled: false, goroot: None };
    let cwd = std::env::current_dir().unwrap();
    match load(&args, &cwd, &bctx, None) {
        Ok(ps) => for p in ps {
            println!("# {} {:?} std={} dir={}", p.import_path, p.go_version, p.is_std, p.dir.display());
            for f in &p.files { println!("  {}", f.display); }
            if std::env::var("IMPORTS").is_ok() { for f in &p.files { for i in syntax::load::header::scan(&f.text).imports { if i.path != "C" && i.path != "unsafe" { match load_import(&i.path, &p, &bctx, None) { Ok(d) => println!("  -> {} {}", d.import_path, d.files.len()), Err(e) => println!("  !! {e}") } } } } }
        },
        Err(e) => println!("ERR {e}"),
    }
}
