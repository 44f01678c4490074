//! `cargo xtask bench`: wall time of goescape and of gc on the same packages, side by side.
//!
//! gc's build cache would hide its work (a second `go build` replays the cached `-m` output), so
//! each gc run must recompile. Caveat, measured here: `go build -a` on one small file that
//! imports fmt takes about 9 s on 2 cores, because `-a` recompiles every dependency (runtime,
//! fmt, ...), not only the named package. So:
//! - `testdata`: the cases are copied into a scratch module, one directory per case, and each
//!   repetition writes a fresh nonce comment into every case file; that changes the cache key of
//!   the case packages only, so gc recompiles exactly the user packages (dependencies stay
//!   cached, as goescape's bundled facts are precomputed). One `go build ./...` builds them all.
//! - `std`: `go build -a std`, since every package is a user package there.
//!
//! gc and goescape run with the flags of the `--mode` (`-m -l`, or `-m` with inlining on).
//! Both numbers include process start-up; gc's also includes the go command's own planning, and
//! nothing is linked (a multi-package `go build` discards its results).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use goescape::conformance::Mode;

use crate::{gc, gobin, record, BenchCorpus, GoescapeArgs};

pub fn run(release: &str, mode: Mode, corpus: BenchCorpus, reps: usize, goescape: &GoescapeArgs) -> anyhow::Result<()> {
    let go = gobin::ensure(release)?;
    let bin = gc::goescape_binary(goescape)?;
    let reps = reps.max(1);
    let (label, gc_times, ours_times) = match corpus {
        BenchCorpus::Testdata => {
            let scratch = scratch_module()?;
            let scratch = scratch.path();
            let dirs = case_dirs(scratch)?;
            let mut gc_times = Vec::new();
            let mut ours_times = Vec::new();
            for rep in 0..reps {
                stamp(&dirs, rep)?;
                let mut gc_cmd = gc::go_command(&go, scratch);
                gc_cmd.arg("build").arg(mode.gcflags_arg()).arg("./...");
                gc_times.push(time(&mut gc_cmd)?.0);
                let mut cmd = Command::new(&bin);
                cmd.current_dir(scratch)
                    .envs(gc::ENV.iter().copied())
                    .env_remove("GOROOT")
                    .args(mode.goescape_args())
                    .arg("./...");
                ours_times.push(time(&mut cmd)?);
            }
            (format!("testdata ({} cases, {})", dirs.len(), mode.gcflags_arg()), gc_times, ours_times)
        }
        BenchCorpus::Std => {
            let goroot = gc::goroot(&go)?;
            let cwd = std::env::temp_dir();
            let mut gc_times = Vec::new();
            let mut ours_times = Vec::new();
            for _ in 0..reps {
                let mut gc_cmd = gc::go_command(&go, &cwd);
                gc_cmd.env("GOROOT", &goroot).args(["build", "-a"]).arg(mode.gcflags_arg()).arg("std");
                gc_times.push(time(&mut gc_cmd)?.0);
                let mut cmd = Command::new(&bin);
                cmd.current_dir(&cwd)
                    .envs(gc::ENV.iter().copied())
                    .env("GOROOT", &goroot)
                    .args(mode.goescape_args())
                    .arg("std");
                ours_times.push(time(&mut cmd)?);
            }
            (format!("std ({})", mode.gcflags_arg()), gc_times, ours_times)
        }
    };
    let failed = ours_times.iter().filter(|(_, ok)| !ok).count();
    let ours: Vec<Duration> = ours_times.iter().map(|(d, _)| *d).collect();
    println!("| corpus | tool | median wall time | runs |");
    println!("| --- | --- | ---: | ---: |");
    println!(
        "| {label} | gc go{} | {} | {} |",
        release.trim_start_matches("go"),
        fmt(median(&gc_times)),
        gc_times.len()
    );
    println!("| {label} | goescape | {} | {} |", fmt(median(&ours)), ours.len());
    if failed > 0 {
        println!("\nnote: goescape exited non-zero in {failed} of {} runs; its time is not comparable yet", ours.len());
    }
    Ok(())
}

/// Runs a command to completion, discarding its output; returns the wall time and success.
fn time(cmd: &mut Command) -> anyhow::Result<(Duration, bool)> {
    let start = Instant::now();
    let out = cmd.output().with_context(|| format!("running {cmd:?}"))?;
    Ok((start.elapsed(), out.status.success()))
}

fn median(v: &[Duration]) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn fmt(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

/// A directory removed, with everything in it, when the value is dropped (also on an early
/// error return), so a bench run leaves nothing behind in the temp directory.
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A scratch module with each test case in its own package directory.
fn scratch_module() -> anyhow::Result<ScratchDir> {
    let dir = std::env::temp_dir().join(format!("goescape-bench-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    let scratch = ScratchDir(dir);
    let dir = scratch.path();
    std::fs::write(dir.join("go.mod"), "module goescape.bench\n\ngo 1.27\n")?;
    for case in record::case_files()? {
        let name = record::file_name(&case);
        let pkg = dir.join(name.trim_end_matches(".go"));
        std::fs::create_dir_all(&pkg)?;
        std::fs::copy(&case, pkg.join(&name))?;
    }
    Ok(scratch)
}

fn case_dirs(scratch: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(scratch)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    v.sort();
    if v.is_empty() {
        bail!("no test cases to time");
    }
    Ok(v)
}

/// Appends a per-repetition nonce comment to every case file, so gc's cache misses on the case
/// packages only.
fn stamp(dirs: &[PathBuf], rep: usize) -> anyhow::Result<()> {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let nonce = format!("// goescape bench nonce {nanos} {rep}\n");
    for dir in dirs {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let mut text = std::fs::read_to_string(&path)?;
            if let Some(i) = text.find("// goescape bench nonce ") {
                text.truncate(i);
            }
            text.push_str(&nonce);
            std::fs::write(&path, text)?;
        }
    }
    Ok(())
}
