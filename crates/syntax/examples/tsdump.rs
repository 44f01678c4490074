//! Prints tree-sitter-go's concrete tree for a Go file (or stdin): a debugging aid for the parser.
use std::io::Read;

fn main() {
    let mut src = String::new();
    match std::env::args().nth(1) {
        Some(path) => src = std::fs::read_to_string(path).expect("readable file"),
        None => {
            std::io::stdin().read_to_string(&mut src).expect("readable stdin");
        }
    }
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&tree_sitter_go::LANGUAGE.into()).expect("tree-sitter-go loads");
    let tree = parser.parse(&src, None).expect("a tree");
    let mut cursor = tree.walk();
    let mut depth = 0usize;
    loop {
        let node = cursor.node();
        let field = cursor.field_name().map(|f| format!("{f}: ")).unwrap_or_default();
        let text = if node.child_count() == 0 { format!(" {:?}", &src[node.byte_range()]) } else { String::new() };
        let p = node.start_position();
        let flag = if node.is_missing() { " MISSING" } else { "" };
        println!(
            "{:indent$}{field}{}{flag} @{}:{}{text}",
            "",
            node.kind(),
            p.row + 1,
            p.column + 1,
            indent = depth * 2
        );
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            depth -= 1;
        }
    }
}
