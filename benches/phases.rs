//! Throughput per phase (parse, check, analyze) on pinned inputs: the Go files of `testdata/`.
//!
//! Run with `cargo bench -p goescape-benches`. Each phase runs several times; the median is
//! reported with bytes per second. `cargo xtask bench` compares whole runs with gc side by side.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn inputs() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/escape");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "go")).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect()
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
}
