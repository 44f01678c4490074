//! `cargo xtask diff --mode json-log`: gc's optimization log (`-gcflags=-json=0,file://DIR`)
//! against goescape's (`goescape -json=0,file://DIR`), entry by entry.
//!
//! Both run with inlining on (gc's default flags plus `-json`), each into a fresh directory:
//! gc's build cache would otherwise replay the compile without writing the log, and a new
//! directory is a new flag value, so a new cache key. The comparison is
//! `goescape::optlog_conformance`'s; the snapshot is `testdata/conformance/CORPUS-json-log.md`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context};
use goescape::optlog_conformance::{self as oc, LogTree, UnitComparison};

use crate::diff::{parallel_map, threads};
use crate::{gc, gobin, record, workspace_root, GoescapeArgs};

pub fn run(
    release: &str,
    corpus: &str,
    fail_below: Option<f64>,
    goescape: &GoescapeArgs,
    write_snapshot: bool,
) -> anyhow::Result<()> {
    let go = gobin::ensure(release)?;
    let bin = gc::goescape_binary(goescape)?;
    let goroot = gc::goroot(&go)?;
    let scratch = workspace_root().join("target").join("json-log").join(format!("{}-{}", std::process::id(), nonce()));
    let (name, units): (String, Vec<(String, PathBuf, Vec<String>)>) = match corpus {
        "testdata" => {
            let dir = record::release_module(release)?;
            let names: Vec<String> = record::case_files()?.iter().map(|p| record::file_name(p)).collect();
            ("testdata".into(), names.into_iter().map(|n| (n.clone(), dir.clone(), vec![n])).collect())
        }
        dir => {
            let dir =
                std::fs::canonicalize(dir).with_context(|| format!("--corpus {dir}: not testdata or a directory"))?;
            (record::file_name(&dir), vec![(record::file_name(&dir), dir, vec!["./...".to_string()])])
        }
    };
    let results = parallel_map(&units, threads(), |(unit, cwd, targets)| -> anyhow::Result<[UnitComparison; 2]> {
        let gc_dir = scratch.join("gc").join(unit);
        let our_dir = scratch.join("goescape").join(unit);
        let flag = |d: &Path| format!("-json=0,file://{}", d.display());
        let out = gc::go_command(&go, cwd)
            .arg("build")
            .arg("-o")
            .arg("/dev/null")
            .arg(format!("-gcflags={}", flag(&gc_dir)))
            .args(targets)
            .output()?;
        let refused = !out.status.success();
        if refused && record::is_newest(release) {
            bail!("gc failed on {unit}:\n{}", String::from_utf8_lossy(&out.stderr));
        }
        let gc_tree: LogTree =
            oc::read_tree(&gc_dir)?.into_iter().map(|(k, v)| (k, gc::portable_goroot(&v, &goroot))).collect();
        let mut cmd = std::process::Command::new(&bin);
        cmd.current_dir(cwd);
        for (k, v) in gc::env() {
            cmd.env(k, v);
        }
        cmd.env_remove("GOROOT");
        cmd.arg(format!("--go={}", release.trim_start_matches("go"))).arg(flag(&our_dir)).args(targets);
        let failure = match gc::output_within_pub(&mut cmd, Duration::from_secs(300))? {
            Some(o) if o.status.success() || refused => None,
            Some(o) => Some(
                String::from_utf8_lossy(&o.stderr).lines().find(|l| !l.starts_with("# ")).unwrap_or("").to_string(),
            ),
            None => Some("goescape timed out".to_string()),
        };
        let ours = oc::read_tree(&our_dir)?;
        let mut exact = oc::compare_unit(unit, &gc_tree, &ours, false);
        let mut loose = oc::compare_unit(unit, &gc_tree, &ours, true);
        exact.failure = failure.clone();
        loose.failure = failure;
        Ok([exact, loose])
    });
    let mut exact = Vec::new();
    let mut loose = Vec::new();
    for r in results {
        let [e, l] = r?;
        exact.push(e);
        loose.push(l);
    }
    let _ = std::fs::remove_dir_all(&scratch);
    let gc_release = format!("go{}", release.trim_start_matches("go"));
    let markdown = oc::render_markdown(&name, &gc_release, &exact, &loose);
    let head: String = markdown.split("\n## ").next().unwrap_or("").to_string();
    println!("{}", head.trim_end());
    if write_snapshot {
        let stem = if corpus == "testdata" && !record::is_newest(release) {
            format!("testdata-{gc_release}-json-log")
        } else {
            format!("{name}-json-log")
        };
        let path = workspace_root().join("testdata").join("conformance").join(format!("{stem}.md"));
        std::fs::write(&path, &markdown)?;
        println!("\nwrote {}", path.display());
    }
    if let Some(min) = fail_below {
        let (m, g, o, _, _) = oc::totals(&exact);
        let got = oc::agreement(m, g, o);
        if got < min {
            eprintln!("xtask: optimization-log agreement {got:.2}% is below --fail-below {min}%");
            std::process::exit(1);
        }
    }
    Ok(())
}

/// `cargo xtask record-json-log`: gc's log of each case `testdata/optlog/cases.txt` lists,
/// reduced to what is compared ([`oc::golden_text`]), into `testdata/optlog/NAME.json.gc`.
pub fn record(release: &str) -> anyhow::Result<()> {
    if !record::is_newest(release) {
        bail!("record-json-log records the newest release only ({})", gobin::DEFAULT_RELEASE);
    }
    let go = gobin::ensure(release)?;
    let goroot = gc::goroot(&go)?;
    let dir = record::release_module(release)?;
    let goldens = workspace_root().join("testdata").join("optlog");
    let list = std::fs::read_to_string(goldens.join("cases.txt"))?;
    let scratch = workspace_root().join("target").join("json-log").join(format!("record-{}", nonce()));
    for name in list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let out_dir = scratch.join(name);
        let out = gc::go_command(&go, &dir)
            .arg("build")
            .arg("-o")
            .arg("/dev/null")
            .arg(format!("-gcflags=-json=0,file://{}", out_dir.display()))
            .arg(name)
            .output()?;
        if !out.status.success() {
            bail!("gc failed on {name}:\n{}", String::from_utf8_lossy(&out.stderr));
        }
        let tree: LogTree =
            oc::read_tree(&out_dir)?.into_iter().map(|(k, v)| (k, gc::portable_goroot(&v, &goroot))).collect();
        let stem = name.strip_suffix(".go").unwrap_or(name);
        std::fs::write(goldens.join(format!("{stem}.json.gc")), oc::golden_text(&tree, &dir))?;
        println!("recorded {stem}.json.gc");
    }
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}

/// A number that differs between runs, for scratch directory names.
fn nonce() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}
