//! Tidy checks run by `cargo test`: every module says what it is, and no test is silently skipped.
//!
//! Every `.rs` file under `crates/*/src` and `xtask/src` must open with a `//!` module doc (STYLE.md:
//! each module names what it mirrors), and an ignore attribute anywhere in the workspace must give
//! its reason as a string, so a skipped test always says why.

use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

/// Every `.rs` file below `dir`, skipping build output.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && name != ".git" && name != "snapshots" {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn source_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![root.join("xtask/src")];
    let crates = std::fs::read_dir(root.join("crates")).expect("crates/ exists");
    for entry in crates.filter_map(|e| e.ok()) {
        dirs.push(entry.path().join("src"));
    }
    dirs.sort();
    dirs
}

#[test]
fn every_module_has_a_doc_comment() {
    let root = workspace_root();
    let mut files = Vec::new();
    for dir in source_dirs(&root) {
        rust_files(&dir, &mut files);
    }
    assert!(!files.is_empty());
    let mut missing = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable source");
        if !text.trim_start_matches('\u{feff}').starts_with("//!") {
            missing.push(file.strip_prefix(&root).unwrap_or(&file).display().to_string());
        }
    }
    missing.sort();
    assert!(missing.is_empty(), "these files do not start with a `//!` module doc:\n{}", missing.join("\n"));
}

#[test]
fn no_ignore_without_a_reason() {
    let root = workspace_root();
    let mut files = Vec::new();
    for dir in ["crates", "xtask", "benches"] {
        rust_files(&root.join(dir), &mut files);
    }
    // Spelled in two pieces so this file does not flag itself.
    let bare = concat!("#[", "ignore]");
    let mut offenders = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable source");
        for (i, line) in text.lines().enumerate() {
            if line.contains(bare) {
                offenders.push(format!(
                    "{}:{}: {}",
                    file.strip_prefix(&root).unwrap_or(&file).display(),
                    i + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "give every ignored test a reason (`#[ignore = \"why\"]`):\n{}",
        offenders.join("\n")
    );
}
