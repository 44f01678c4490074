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
//! - `std`: `go build -a std` with a cold build cache (`GOCACHE` a fresh directory for each
//!   repetition), since every package is a user package there.
//!
//! gc and goescape run with the flags of the `--mode` (`-m -l`, or `-m` with inlining on).
//! Both numbers include process start-up; gc's also includes the go command's own planning, and
//! nothing is linked (a multi-package `go build` discards its results). Each run's CPU time and
//! peak RSS come from `wait4`: CPU time includes the processes the tool waited for (gc's compile
//! processes), peak RSS is that of the largest single process.
//!
//! `--modes` times goescape's two modes against each other instead (`-m -l`, then default `-m`,
//! alternated run by run so both see the same machine): what inlining costs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use goescape::conformance::Mode;

use crate::{gc, gobin, record, BenchCorpus, GoescapeArgs};

pub fn run(
    release: &str,
    mode: Mode,
    corpus: BenchCorpus,
    reps: usize,
    goescape: &GoescapeArgs,
    modes: bool,
) -> anyhow::Result<()> {
    let go = gobin::ensure(release)?;
    let bin = gc::goescape_binary(goescape)?;
    let reps = reps.max(1);
    if modes {
        return compare_modes(&go, &bin, corpus, reps);
    }
    let (label, gc_runs, ours_runs) = match corpus {
        BenchCorpus::Testdata => {
            let scratch = scratch_module()?;
            let scratch = scratch.path();
            let dirs = case_dirs(scratch)?;
            let mut gc_runs = Vec::new();
            let mut ours_runs = Vec::new();
            for rep in 0..reps {
                stamp(&dirs, rep)?;
                let mut gc_cmd = gc::go_command(&go, scratch);
                gc_cmd.arg("build").arg(mode.gcflags_arg()).arg("./...");
                gc_runs.push(measure(&mut gc_cmd)?);
                ours_runs.push(measure(&mut ours(&bin, scratch, corpus, mode, &go)?)?);
            }
            (format!("testdata ({} cases, {})", dirs.len(), mode.gcflags_arg()), gc_runs, ours_runs)
        }
        BenchCorpus::Std => {
            let goroot = gc::goroot(&go)?;
            let cwd = std::env::temp_dir();
            let mut gc_runs = Vec::new();
            let mut ours_runs = Vec::new();
            for rep in 0..reps {
                // A cold build cache, new for each repetition: nothing is replayed.
                let cache = ScratchDir(
                    std::env::temp_dir().join(format!("goescape-bench-gocache-{}-{rep}", std::process::id())),
                );
                std::fs::create_dir_all(cache.path())?;
                let mut gc_cmd = gc::go_command(&go, &cwd);
                gc_cmd.env("GOROOT", &goroot).env("GOCACHE", cache.path());
                gc_cmd.args(["build", "-a"]).arg(mode.gcflags_arg()).arg("std");
                gc_runs.push(measure(&mut gc_cmd)?);
                drop(cache);
                ours_runs.push(measure(&mut ours(&bin, &cwd, corpus, mode, &go)?)?);
            }
            (format!("std ({})", mode.gcflags_arg()), gc_runs, ours_runs)
        }
    };
    let failed = ours_runs.iter().filter(|r| !r.ok).count();
    print_header();
    print_row(&label, &format!("gc go{}", release.trim_start_matches("go")), &gc_runs);
    print_row(&label, "goescape", &ours_runs);
    let (gc_wall, gc_cpu) = (median(&gc_runs, |r| r.wall), median(&gc_runs, |r| r.cpu));
    let (our_wall, our_cpu) = (median(&ours_runs, |r| r.wall), median(&ours_runs, |r| r.cpu));
    let rss = |runs: &[Run]| runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0) as f64;
    println!(
        "\ngoescape takes {:.2}× less wall time and {:.2}× less CPU time than gc (ratios of medians); its peak RSS is {:.2}× gc's largest process's",
        gc_wall.as_secs_f64() / our_wall.as_secs_f64().max(1e-9),
        gc_cpu.as_secs_f64() / our_cpu.as_secs_f64().max(1e-9),
        rss(&ours_runs) / rss(&gc_runs).max(1.0),
    );
    print_load();
    if failed > 0 {
        println!(
            "\nnote: goescape exited non-zero in {failed} of {} runs; its time is not comparable yet",
            ours_runs.len()
        );
    }
    Ok(())
}

/// goescape's two modes on the same corpus, alternated run by run so that both see the same
/// machine: what inlining (default `-m`) costs over `-m -l`.
fn compare_modes(go: &Path, bin: &Path, corpus: BenchCorpus, reps: usize) -> anyhow::Result<()> {
    let scratch = match corpus {
        BenchCorpus::Testdata => Some(scratch_module()?),
        BenchCorpus::Std => None,
    };
    let cwd = scratch.as_ref().map_or_else(std::env::temp_dir, |s| s.path().to_path_buf());
    let mut off = Vec::new();
    let mut on = Vec::new();
    for _ in 0..reps {
        off.push(measure(&mut ours(bin, &cwd, corpus, Mode::NoInline, go)?)?);
        on.push(measure(&mut ours(bin, &cwd, corpus, Mode::Inline, go)?)?);
    }
    let label = match corpus {
        BenchCorpus::Testdata => "testdata",
        BenchCorpus::Std => "std",
    };
    print_header();
    print_row(label, "goescape -m -l", &off);
    print_row(label, "goescape -m", &on);
    let ratio = |f: fn(&Run) -> Duration| median(&on, f).as_secs_f64() / median(&off, f).as_secs_f64().max(1e-9);
    let mut pairs: Vec<f64> =
        off.iter().zip(&on).map(|(a, b)| b.wall.as_secs_f64() / a.wall.as_secs_f64().max(1e-9)).collect();
    pairs.sort_by(f64::total_cmp);
    println!(
        "\ndefault -m costs {:.2}× the -m -l wall time (ratio of medians; median of the {} pairs' ratios {:.2}), {:.2}× its CPU time",
        ratio(|r| r.wall),
        pairs.len(),
        pairs[pairs.len() / 2],
        ratio(|r| r.cpu),
    );
    print_load();
    Ok(())
}

/// goescape on `corpus` in `mode`, run in `cwd`.
fn ours(bin: &Path, cwd: &Path, corpus: BenchCorpus, mode: Mode, go: &Path) -> anyhow::Result<Command> {
    let mut cmd = Command::new(bin);
    cmd.current_dir(cwd).envs(gc::env()).args(mode.goescape_args());
    match corpus {
        BenchCorpus::Testdata => {
            cmd.env_remove("GOROOT").arg("./...");
        }
        BenchCorpus::Std => {
            cmd.env("GOROOT", gc::goroot(go)?).arg("std");
        }
    }
    Ok(cmd)
}

/// One run: wall time, CPU time (user and system, with the processes it waited for) and peak
/// RSS (of its largest process: the go command's compiles are separate processes).
struct Run {
    wall: Duration,
    cpu: Duration,
    max_rss_kb: u64,
    ok: bool,
}

/// Runs a command to completion, discarding its output, and reads its resource use.
fn measure(cmd: &mut Command) -> anyhow::Result<Run> {
    use std::process::Stdio;
    let start = Instant::now();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("running {cmd:?}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data, filled by `wait4`; the child is ours and not yet waited.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if waited != pid {
        bail!("waiting for {cmd:?}: {}", std::io::Error::last_os_error());
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    // Linux and the BSDs report kilobytes; macOS bytes.
    let max_rss_kb = if cfg!(target_os = "macos") { usage.ru_maxrss as u64 / 1024 } else { usage.ru_maxrss as u64 };
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    Ok(Run { wall, cpu: tv(usage.ru_utime) + tv(usage.ru_stime), max_rss_kb, ok })
}

/// The machine's load average when the runs ended: other work on it skews wall times (CPU time
/// and peak RSS much less).
fn print_load() {
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average at the end: {}", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    }
}

fn print_header() {
    println!("| corpus | tool | median wall time | median CPU time | peak RSS (largest) | runs |");
    println!("| --- | --- | ---: | ---: | ---: | ---: |");
}

fn print_row(label: &str, tool: &str, runs: &[Run]) {
    let rss = runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0);
    println!(
        "| {label} | {tool} | {} | {} | {} MB | {} |",
        fmt(median(runs, |r| r.wall)),
        fmt(median(runs, |r| r.cpu)),
        rss / 1024,
        runs.len()
    );
}

fn median(runs: &[Run], f: impl Fn(&Run) -> Duration) -> Duration {
    let mut v: Vec<Duration> = runs.iter().map(f).collect();
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
