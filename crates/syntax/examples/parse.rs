//! Parses Go files and prints their syntax errors as gc does (`path:line:col: msg`);
//! with `-ast`, also the syntax tree. A debugging aid for the parser.
fn main() {
    let mut show_ast = false;
    for arg in std::env::args().skip(1) {
        if arg == "-ast" {
            show_ast = true;
            continue;
        }
        let path = std::path::Path::new(&arg);
        let bytes = std::fs::read(path).expect("readable file");
        let src = String::from_utf8_lossy(&bytes);
        let (file, errors) = syntax::parse_file(path, &src);
        if show_ast {
            println!("{file:#?}");
        }
        for e in errors {
            println!("{}:{}: {}", path.display(), e.pos, e.msg);
        }
    }
}
