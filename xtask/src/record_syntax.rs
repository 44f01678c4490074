//! `cargo xtask record-syntax`: gc's error output for the syntax error cases.
//!
//! Each `testdata/syntax/NAME.go` is a small program gc refuses. It is copied as `main.go` into
//! a scratch module (`module example.com/m`, `go 1.27`) and built with `-gcflags='-m -l'`; the
//! lines gc prints, without the `# example.com/m` header, become `NAME.gc`. The test
//! `crates/goescape/tests/syntax_errors.rs` runs goescape on the same file the same way and
//! compares. A case gc accepts is an error: every case is meant to show gc's messages.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use goescape::conformance::Mode;

use crate::{gc, gobin, workspace_root};

/// The directory of syntax error cases.
pub fn cases_dir() -> PathBuf {
    workspace_root().join("testdata").join("syntax")
}

/// What the scratch module's directory is called in goldens (the go command names it in a few
/// of its own messages).
pub const DIR_PLACEHOLDER: &str = "$DIR";

pub fn run(release: &str) -> anyhow::Result<()> {
    let dir = cases_dir();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    cases.sort();
    if cases.is_empty() {
        bail!("no cases in {}", dir.display());
    }
    let go = gobin::ensure(release)?;
    let goroot = gc::goroot(&go)?;
    let scratch = std::env::temp_dir().join(format!("goescape-record-syntax-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    std::fs::write(scratch.join("go.mod"), "module example.com/m\n\ngo 1.27\n")?;
    let scratch = scratch.canonicalize()?;
    let mut accepted = Vec::new();
    for case in &cases {
        std::fs::copy(case, scratch.join("main.go")).with_context(|| format!("copying {}", case.display()))?;
        let out = gc::gc_build(&go, &scratch, Mode::NoInline, &["-o", "/dev/null"], &[".".to_string()])?;
        let name = case.file_stem().expect("a file name").to_string_lossy().into_owned();
        if out.status.success() {
            accepted.push(name);
            continue;
        }
        let text = format!("{}{}", String::from_utf8_lossy(&out.stderr), String::from_utf8_lossy(&out.stdout));
        let text = gc::portable_goroot(&text, &goroot);
        let golden = golden_text(&text, &scratch);
        let path = dir.join(format!("{name}.gc"));
        std::fs::write(&path, golden).with_context(|| format!("writing {}", path.display()))?;
    }
    let _ = std::fs::remove_dir_all(&scratch);
    println!("record-syntax: {} cases, {} accepted by gc", cases.len(), accepted.len());
    if !accepted.is_empty() {
        bail!("gc accepts these cases, which should show syntax errors: {}", accepted.join(", "));
    }
    Ok(())
}

/// gc's lines without the package header, the scratch directory spelled [`DIR_PLACEHOLDER`].
fn golden_text(output: &str, scratch: &Path) -> String {
    let dir = scratch.to_string_lossy();
    output
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
        .map(|l| format!("{}\n", l.replace(dir.as_ref(), DIR_PLACEHOLDER)))
        .collect()
}
