//! The test cases in `testdata/escape` against their recorded gc output, without Go installed.
//!
//! Each `NAME.go` is analyzed on its own, the way `cargo xtask record` ran gc on it, once per
//! [`Mode`]: with inlining off against the golden `NAME.gc` (gc's `-gcflags='-m -l'`), and with
//! inlining on against `NAME.m.gc` (gc's `-gcflags=-m`). Our lines are compared with the golden by
//! `goescape::conformance`. Each mode's report is one insta snapshot, rendered by the same
//! function as `testdata/conformance/testdata.md` (`testdata-m.md`), so a change in agreement or
//! in the list of mismatches shows up in review. A divergence from gc does not fail the test: it
//! is recorded in the snapshot until it is fixed (see STYLE.md, point 6).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use goescape::conformance::{self, Mode, Outcome, RenderOptions, Unit};

/// The gc release the goldens were recorded with (`cargo xtask record --go 1.27.3`).
const GC_RELEASE: &str = "go1.27.3";

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/escape")
}

/// What goescape prints for one case file in `mode`, or why it could not analyze it (the first
/// line of its error, as the CLI's first stderr line, so this report matches `cargo xtask
/// diff`'s).
fn analyze_case(dir: &Path, name: &str, mode: Mode) -> Outcome {
    let mut opts = goescape::Options::new(dir.to_path_buf());
    opts.release = goescape::Release::GO1_27;
    opts.goroot = None;
    opts.goos = "linux".into();
    opts.goarch = "amd64".into();
    opts.tags = Vec::new();
    opts.inline = mode.inline();
    let patterns = [name.to_string()];
    match catch_unwind(AssertUnwindSafe(|| goescape::analyze(&patterns, &opts))) {
        Ok(Ok(analysis)) => {
            let dir_str = dir.to_string_lossy().into_owned();
            let mut lines = conformance::parse_output(&goescape::render_gc(&analysis)).lines;
            conformance::normalize_lines(&mut lines, &[&dir_str]);
            Outcome::Lines(lines)
        }
        Ok(Err(err)) => Outcome::Failed(first_line(&err.to_string())),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Outcome::Failed(format!("goescape panicked: {}", first_line(&msg)))
        }
    }
}

fn first_line(text: &str) -> String {
    text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("# ")).unwrap_or("").to_string()
}

/// The conformance report of every case against its golden for `mode`.
fn report(mode: Mode) -> String {
    let dir = cases_dir().canonicalize().expect("testdata/escape exists");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("readable testdata/escape")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".go"))
        .collect();
    names.sort();
    assert!(names.len() >= 75, "expected the full case set, found {} cases", names.len());

    let mut units = Vec::new();
    for name in &names {
        let golden_path = dir.join(mode.golden_name(name));
        let golden = std::fs::read_to_string(&golden_path)
            .unwrap_or_else(|e| panic!("{}: {e} (run `cargo xtask record --mode {mode}`)", golden_path.display()));
        let parsed = conformance::parse_output(&golden);
        assert!(parsed.other.is_empty(), "{name}: the golden has non-verdict lines: {:?}", parsed.other);
        let mut gc = parsed.lines;
        conformance::normalize_lines(&mut gc, &[]);
        units.push(Unit { name: name.clone(), gc, ours: analyze_case(&dir, name, mode) });
    }

    let cmp = conformance::compare(&units);
    conformance::render_markdown(
        &cmp,
        &RenderOptions {
            corpus: mode.corpus_title("testdata"),
            gc_release: GC_RELEASE.into(),
            max_lines_per_file: None,
        },
    )
}

/// `-gcflags='-m -l'`: inlining off.
#[test]
fn testdata_conformance() {
    insta::assert_snapshot!("testdata_conformance", report(Mode::NoInline));
}

/// `-gcflags=-m`: gc's default, inlining on.
#[test]
fn testdata_conformance_m() {
    insta::assert_snapshot!("testdata_conformance_m", report(Mode::Inline));
}
