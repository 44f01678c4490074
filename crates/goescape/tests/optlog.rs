//! gc's optimization log (`-json=0,DIR`) of a few test cases against the logs gc wrote for
//! them, without Go installed.
//!
//! `testdata/optlog/cases.txt` names the cases; `cargo xtask record-json-log` recorded gc's
//! log of each as `testdata/optlog/NAME.json.gc` (the compared lines of every log file, see
//! `goescape::optlog_conformance::golden_text`). Each case is analyzed with inlining on, as gc
//! ran, its log rendered as the command writes it, and compared entry by entry; the report is
//! an insta snapshot, so a divergence is listed rather than failing the test (STYLE.md, 6).

use std::path::{Path, PathBuf};

use goescape::optlog_conformance::{self as oc, LogTree};

fn cases_dir() -> PathBuf {
    std::fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/escape")).expect("testdata")
}

fn goldens_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/optlog")
}

/// Our log of one case, as the files `goescape -json=0,file://DIR NAME` writes.
fn our_log(dir: &Path, name: &str) -> LogTree {
    let mut opts = goescape::Options::new(dir.to_path_buf());
    opts.log_opts = true;
    let analysis = goescape::analyze(&[name.to_string()], &opts).expect("the case analyzes");
    let header =
        goescape::optlog::Header { goos: "linux".into(), goarch: "amd64".into(), gc_version: opts.release.full_name() };
    let mut tree = LogTree::new();
    for p in &analysis.packages {
        for (path, text) in goescape::optlog::render_package(&p.compiled_path, &p.opt_log, &header) {
            tree.insert(path.to_string_lossy().replace('\\', "/"), text);
        }
    }
    oc::portable_tree(&tree, dir)
}

fn report() -> String {
    let dir = cases_dir();
    let list = std::fs::read_to_string(goldens_dir().join("cases.txt")).expect("cases.txt");
    let mut exact = Vec::new();
    let mut loose = Vec::new();
    for name in list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let stem = name.strip_suffix(".go").unwrap_or(name);
        let golden = std::fs::read_to_string(goldens_dir().join(format!("{stem}.json.gc")))
            .unwrap_or_else(|e| panic!("{stem}.json.gc: {e} (record it with `cargo xtask record-json-log`)"));
        let gc = oc::parse_golden(&golden);
        let ours = our_log(&dir, name);
        exact.push(oc::compare_unit(name, &gc, &ours, false));
        loose.push(oc::compare_unit(name, &gc, &ours, true));
    }
    oc::render_markdown("testdata/optlog", "go1.27.3", &exact, &loose)
}

#[test]
fn optlog_goldens() {
    insta::assert_snapshot!("optlog_conformance", report());
}

#[test]
fn golden_files_round_trip() {
    let text = "== p/a.json\n{\"version\":0}\n{\"code\":\"escape\"}\n== p/b.json\n{\"version\":0}\n";
    assert_eq!(
        oc::golden_text(&oc::parse_golden(text), Path::new("/nowhere")),
        "== p/a.json\n{\"version\":0}\n{\"code\":\"escape\"}\n"
    );
}
