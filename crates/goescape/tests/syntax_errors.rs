//! The syntax error cases in `testdata/syntax` against gc's recorded output, without Go.
//!
//! Each `NAME.go` is a small program gc refuses, and `NAME.gc` holds the lines gc printed for
//! it (recorded by `cargo xtask record-syntax --go 1.27.3`, which builds the file as the
//! `main.go` of a scratch module). Here goescape analyzes the same file the same way and must
//! print the same lines: the parser's syntax errors (`crates/syntax/src/parse/gcparser`), the
//! scanner's lexical errors, the branch checker's, in gc's order and with gc's positions.
//!
//! A case where we still differ is listed in [`KNOWN_DIFFERENCES`] with the reason; the test
//! checks that it still differs, so that fixing it means removing it from the list.

use std::path::{Path, PathBuf};

/// Cases whose output is known to differ from gc's, and why.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[];

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/syntax")
}

/// What goescape prints for `src` as the `main.go` of a module `example.com/m` in `dir`: its
/// error lines (without `# pkg` headers), the scratch directory spelled `$DIR`.
fn goescape_lines(dir: &Path, src: &[u8]) -> Vec<String> {
    std::fs::write(dir.join("main.go"), src).expect("writing main.go");
    let mut opts = goescape::Options::new(dir.to_path_buf());
    opts.inline = false;
    let text = match goescape::analyze(&[".".to_string()], &opts) {
        Err(e) => e.to_string(),
        Ok(analysis) => {
            let errors: Vec<String> = analysis.packages.iter().flat_map(|p| p.errors.iter().cloned()).collect();
            if errors.is_empty() {
                goescape::render_gc(&analysis)
            } else {
                errors.join("\n")
            }
        }
    };
    let dir_text = dir.to_string_lossy();
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
        .map(|l| l.replace(dir_text.as_ref(), "$DIR"))
        .collect()
}

#[test]
fn syntax_errors_match_gc() {
    let dir = cases_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("readable testdata/syntax")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".go").map(String::from))
        .collect();
    names.sort();
    assert!(names.len() >= 60, "expected the full case set, found {} cases", names.len());

    let scratch = std::env::temp_dir().join(format!("goescape-syntax-errors-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("scratch directory");
    std::fs::write(scratch.join("go.mod"), "module example.com/m\n\ngo 1.27\n").expect("go.mod");
    let scratch = scratch.canonicalize().expect("scratch directory");

    let mut failures = Vec::new();
    for name in &names {
        let src = std::fs::read(dir.join(format!("{name}.go"))).expect("case source");
        let golden_path = dir.join(format!("{name}.gc"));
        let golden = std::fs::read_to_string(&golden_path)
            .unwrap_or_else(|e| panic!("{}: {e} (run `cargo xtask record-syntax`)", golden_path.display()));
        let want: Vec<String> = golden.lines().map(String::from).collect();
        let got = goescape_lines(&scratch, &src);
        let known = KNOWN_DIFFERENCES.iter().find(|(n, _)| n == name);
        match (got == want, known) {
            (true, None) | (false, Some(_)) => {}
            (true, Some((_, why))) => {
                failures.push(format!("{name}: now matches gc; remove it from KNOWN_DIFFERENCES ({why})"))
            }
            (false, None) => failures.push(format!(
                "{name}:\n  gc:\n    {}\n  goescape:\n    {}",
                want.join("\n    "),
                got.join("\n    ")
            )),
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from gc:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
