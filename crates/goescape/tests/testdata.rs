//! The test cases in `testdata/escape` against their recorded gc output, without Go installed.
//!
//! Each `NAME.go` is analyzed on its own, the way `cargo xtask record` ran gc on it, once per
//! [`Mode`]: with inlining off against the golden `NAME.gc` (gc's `-gcflags='-m -l'`), and with
//! inlining on against `NAME.m.gc` (gc's `-gcflags=-m`). Our lines are compared with the golden by
//! `goescape::conformance`. Each mode's report is one insta snapshot, rendered by the same
//! function as `testdata/conformance/testdata.md` (`testdata-m.md`), so a change in agreement or
//! in the list of mismatches shows up in review. A divergence from gc does not fail the test: it
//! is recorded in the snapshot until it is fixed (see STYLE.md, point 6).
//!
//! Every older release goescape models is checked the same way against its own goldens
//! (`testdata/escape/releases/goR.gc`, `goR.m.gc`, recorded by `cargo xtask record --go R`), in
//! a scratch copy of the cases whose go.mod says that release's language version, as `record`
//! built them. A case that release's gc refused is compared by its error lines.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use goescape::conformance::{self, CaseGolden, Mode, Outcome, RenderOptions, Unit};

/// The newest gc release, whose goldens sit beside the cases (`cargo xtask record --go 1.27.3`).
const GC_RELEASE: &str = "go1.27.3";

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/escape")
}

/// What goescape prints for one case file in `mode`, or why it could not analyze it (the first
/// line of its error, as the CLI's first stderr line, so this report matches `cargo xtask
/// diff`'s).
/// When gc refused the case (`refused`), goescape's errors are its lines, compared with gc's.
fn analyze_case(dir: &Path, name: &str, mode: Mode, release: goescape::Release, refused: bool) -> Outcome {
    let mut opts = goescape::Options::new(dir.to_path_buf());
    opts.release = release;
    opts.goroot = None;
    opts.goos = "linux".into();
    opts.goarch = "amd64".into();
    opts.tags = Vec::new();
    opts.inline = mode.inline();
    opts.explain = mode.explain();
    let patterns = [name.to_string()];
    match catch_unwind(AssertUnwindSafe(|| goescape::analyze(&patterns, &opts))) {
        Ok(Ok(analysis)) => {
            let errors: Vec<&String> = analysis.packages.iter().flat_map(|p| &p.errors).collect();
            let text = if refused && !errors.is_empty() {
                errors.iter().map(|e| format!("{e}\n")).collect()
            } else {
                goescape::render_gc(&analysis)
            };
            Outcome::Lines(lines_in(&text, dir))
        }
        Ok(Err(err)) if refused => Outcome::Lines(lines_in(&err.to_string(), dir)),
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

fn lines_in(text: &str, dir: &Path) -> Vec<conformance::Line> {
    let dir_str = dir.to_string_lossy().into_owned();
    let mut lines = conformance::parse_output(text).lines;
    conformance::normalize_lines(&mut lines, &[&dir_str]);
    lines
}

fn first_line(text: &str) -> String {
    text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("# ")).unwrap_or("").to_string()
}

/// The case file names, sorted.
fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir())
        .expect("readable testdata/escape")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".go"))
        .collect();
    names.sort();
    assert!(names.len() >= 75, "expected the full case set, found {} cases", names.len());
    names
}

/// The newest release's goldens, one file per case.
fn newest_goldens(mode: Mode) -> BTreeMap<String, CaseGolden> {
    case_names()
        .into_iter()
        .map(|name| {
            let path = cases_dir().join(mode.golden_name(&name));
            let output = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (run `cargo xtask record --mode {mode}`)", path.display()));
            (name, CaseGolden { refused: false, output })
        })
        .collect()
}

/// An older release's goldens, from its file in `releases/`, checked to cover every case.
fn release_goldens(release: &str, mode: Mode) -> BTreeMap<String, CaseGolden> {
    let path = cases_dir().join("releases").join(conformance::release_golden_name(release, mode));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run `cargo xtask record --go {release} --mode {mode}`)", path.display()));
    let goldens = conformance::parse_release_goldens(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let names: Vec<&String> = goldens.keys().collect();
    assert_eq!(
        names,
        case_names().iter().collect::<Vec<_>>(),
        "{}: not recorded for the current cases (run `cargo xtask record --go {release} --mode {mode}`)",
        path.display()
    );
    goldens
}

/// A scratch module holding a copy of the cases, with a go.mod at `release`'s language version.
fn scratch_module(release: &str, mode: Mode) -> PathBuf {
    let version: Vec<&str> = release.trim_start_matches("go").split('.').take(2).collect();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("testdata-{release}-{mode}"));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("clearing the scratch module");
    }
    std::fs::create_dir_all(&dir).expect("creating the scratch module");
    for name in case_names() {
        std::fs::copy(cases_dir().join(&name), dir.join(&name)).expect("copying a case");
    }
    std::fs::write(dir.join("go.mod"), format!("module goescape.test\n\ngo {}\n", version.join(".")))
        .expect("writing go.mod");
    dir.canonicalize().expect("the scratch module exists")
}

/// The conformance report of every case against its golden for `release` and `mode`.
fn report(release: &str, mode: Mode) -> String {
    let model = goescape::Release::parse(release).unwrap_or_else(|| panic!("{release} is not modelled"));
    let (dir, goldens) = if release == GC_RELEASE {
        (cases_dir().canonicalize().expect("testdata/escape exists"), newest_goldens(mode))
    } else {
        (scratch_module(release, mode), release_goldens(release, mode))
    };
    let mut units = Vec::new();
    for (name, golden) in &goldens {
        let parsed = conformance::parse_output(&golden.output);
        if !golden.refused {
            assert!(parsed.other.is_empty(), "{name}: the golden has non-verdict lines: {:?}", parsed.other);
        }
        let mut gc = parsed.lines;
        conformance::normalize_lines(&mut gc, &[]);
        units.push(Unit { name: name.clone(), gc, ours: analyze_case(&dir, name, mode, model, golden.refused) });
    }

    let cmp = conformance::compare(&units);
    conformance::render_markdown(
        &cmp,
        &RenderOptions { corpus: mode.corpus_title("testdata"), gc_release: release.into(), max_lines_per_file: None },
    )
}

/// The releases older than the newest that goescape models, newest first, as `goR.P.Q`.
fn older_releases() -> Vec<String> {
    goescape::Release::supported()
        .map(|r| format!("go{}", r.trim_start_matches("go")))
        .filter(|r| r != GC_RELEASE)
        .collect()
}

/// `-gcflags='-m -l'`: inlining off.
#[test]
fn testdata_conformance() {
    insta::assert_snapshot!("testdata_conformance", report(GC_RELEASE, Mode::NoInline));
}

/// `-gcflags=-m`: gc's default, inlining on.
#[test]
fn testdata_conformance_m() {
    insta::assert_snapshot!("testdata_conformance_m", report(GC_RELEASE, Mode::Inline));
}

/// Every older release modelled, both modes, each against its own goldens.
#[test]
fn testdata_conformance_older_releases() {
    for release in older_releases() {
        for mode in Mode::ALL {
            let name = format!("{}_{release}", mode.snapshot_stem("testdata_conformance").replace('-', "_"));
            insta::assert_snapshot!(name, report(&release, mode));
        }
    }
}
