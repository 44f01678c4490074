//! `goescape::analyze` called as a library user would, on a thread with the default stack
//! (the test harness's, 2 MiB), on input nested as deep as the parser accepts: every stage
//! recurses over it, and none may overflow the caller's stack.

use std::path::PathBuf;

/// A scratch module removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn analyze_main(name: &str, main_go: &str, inline: bool) -> String {
    let dir = std::env::temp_dir().join(format!("goescape-stack-{}-{name}", std::process::id()));
    let scratch = Scratch(dir.clone());
    std::fs::create_dir_all(&scratch.0).unwrap();
    std::fs::write(dir.join("go.mod"), "module example.com/m\n\ngo 1.27\n").unwrap();
    std::fs::write(dir.join("main.go"), main_go).unwrap();
    let mut opts = goescape::Options::new(dir);
    opts.inline = inline;
    match goescape::analyze(&[".".to_string()], &opts) {
        Ok(a) => {
            let errors: Vec<String> = a.packages.iter().flat_map(|p| p.errors.iter().cloned()).collect();
            goescape::render_gc(&a) + &errors.join("\n")
        }
        Err(goescape::Error::Source { header, lines }) => format!("{header}\n{}", lines.join("\n")),
        Err(goescape::Error::Load(msg)) => msg,
    }
}

/// Far deeper than a default stack holds across the stages' recursion, as gc accepts.
const DEPTH: usize = 10_000;

#[test]
fn deep_blocks_on_a_default_stack() {
    let src = format!(
        "package main\n\nvar sink *int\n\nfunc main() {{\n{}x := 1\nsink = &x\n{}\n}}\n",
        "{\n".repeat(DEPTH),
        "}\n".repeat(DEPTH)
    );
    for inline in [false, true] {
        let out = analyze_main(&format!("blocks-{inline}"), &src, inline);
        assert!(out.contains("moved to heap: x"), "{out}");
    }
}

#[test]
fn deep_expressions_on_a_default_stack() {
    let src = format!(
        "package main\n\nvar sink *int\n\nfunc main() {{\n\tx := 1\n\tsink = {}&x{}\n}}\n",
        "(".repeat(DEPTH),
        ")".repeat(DEPTH)
    );
    let out = analyze_main("parens", &src, true);
    assert!(out.contains("moved to heap: x") || out.contains("main.go:"), "{out}");
    let src = format!(
        "package main\n\nfunc f() any {{\n\treturn {}1{}\n}}\n\nfunc main() {{ _ = f() }}\n",
        "[]any{".repeat(DEPTH),
        "}".repeat(DEPTH)
    );
    let out = analyze_main("literals", &src, true);
    assert!(out.contains("main.go:"), "{out}");
}
