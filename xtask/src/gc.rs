//! Running real gc and goescape the way the comparison needs them.
//!
//! gc runs as `go build` with the `-gcflags` of a [`Mode`] (`-m -l`, or `-m` with inlining on)
//! and goescape with the matching flags, both in a pinned environment (linux/amd64 unless
//! `--goos`/`--goarch` chose another target, no cgo, no toolchain switching, no module proxy),
//! so the two analyze the same files under the same build constraints.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use goescape::conformance::Mode;

use crate::GoescapeArgs;

/// The environment every gc and goescape run gets, for the default target; [`env`] is the one
/// to use, with the target [`set_target`] chose.
const ENV: &[(&str, &str)] = &[
    ("CGO_ENABLED", "0"),
    ("GOOS", "linux"),
    ("GOARCH", "amd64"),
    ("GOTOOLCHAIN", "local"),
    ("GOPROXY", "off"),
    ("GOFLAGS", "-mod=mod"),
    ("GOWORK", "off"),
];

/// The target (GOOS, GOARCH) of this run, when not linux/amd64.
static TARGET: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();

/// Chooses the target every gc and goescape run of this process builds for (once, before the
/// first run).
pub fn set_target(goos: &str, goarch: &str) {
    let _ = TARGET.set((goos.to_string(), goarch.to_string()));
}

/// The target of this run, `("linux", "amd64")` unless [`set_target`] chose another.
pub fn target() -> (&'static str, &'static str) {
    TARGET.get().map_or(("linux", "amd64"), |(os, arch)| (os.as_str(), arch.as_str()))
}

/// Whether this run builds for the default target, linux/amd64.
pub fn default_target() -> bool {
    target() == ("linux", "amd64")
}

/// The pinned environment every gc and goescape run gets, with this run's target.
pub fn env() -> Vec<(&'static str, &'static str)> {
    let (goos, goarch) = target();
    ENV.iter()
        .map(|&(k, v)| match k {
            "GOOS" => (k, goos),
            "GOARCH" => (k, goarch),
            _ => (k, v),
        })
        .collect()
}

/// A `go` command with the pinned environment.
pub fn go_command(go: &Path, cwd: &Path) -> Command {
    let mut cmd = Command::new(go);
    cmd.current_dir(cwd);
    for (k, v) in env() {
        cmd.env(k, v);
    }
    cmd
}

/// The toolchain's GOROOT, as `go env GOROOT` reports it.
pub fn goroot(go: &Path) -> anyhow::Result<PathBuf> {
    let out = go_command(go, Path::new(".")).args(["env", "GOROOT"]).output()?;
    if !out.status.success() {
        bail!("go env GOROOT failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(PathBuf::from(String::from_utf8(out.stdout)?.trim()))
}

/// Runs `go build -gcflags=MODE [extra] targets` in `cwd` and returns its output; gc's `-m`
/// lines are on stderr.
pub fn gc_build(go: &Path, cwd: &Path, mode: Mode, extra: &[&str], targets: &[String]) -> anyhow::Result<Output> {
    let mut cmd = go_command(go, cwd);
    cmd.arg("build").arg(mode.gcflags_arg()).args(extra).args(targets);
    cmd.output().with_context(|| format!("running {cmd:?}"))
}

/// gc's output with the toolchain's own directory spelled `$GOROOT`. gc prints positions in
/// GOROOT (instances of imported generic functions, `can inline` lines of what it inlines from
/// std) with the absolute path of the installation, which depends on the machine (`$HOME`, the
/// venv's python); goescape without a GOROOT spells the same files `$GOROOT/src/...`. Goldens
/// are recorded through this, so they do not change with where gc was installed. Paths inside
/// a message (`package iter is not in std (/.../src/iter)`) are rewritten too.
pub fn portable_goroot(text: &str, goroot: &Path) -> String {
    let root = goroot.to_string_lossy().trim_end_matches('/').to_string();
    if root.is_empty() {
        return text.to_string();
    }
    text.replace(&format!("{root}/"), "$GOROOT/")
}

/// Finds or builds the goescape binary.
pub fn goescape_binary(args: &GoescapeArgs) -> anyhow::Result<PathBuf> {
    if let Some(bin) = &args.binary {
        return Ok(std::fs::canonicalize(bin).with_context(|| format!("--goescape {}", bin.display()))?);
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(crate::workspace_root()).args([
        "build",
        "-p",
        "goescape",
        "--bin",
        "goescape",
        "--message-format=json-render-diagnostics",
    ]);
    if args.release_build {
        cmd.arg("--release");
    }
    eprintln!("xtask: building goescape ({})", if args.release_build { "release" } else { "dev" });
    let out = cmd.output().context("running cargo build")?;
    if !out.status.success() {
        bail!("cargo build -p goescape failed:\n{}", String::from_utf8_lossy(&out.stderr));
    }
    // cargo reports each artifact as one JSON line; the binary's has `"executable":"PATH"`.
    let stdout = String::from_utf8_lossy(&out.stdout);
    for line in stdout.lines() {
        if !line.contains("\"reason\":\"compiler-artifact\"") || !line.contains("\"name\":\"goescape\"") {
            continue;
        }
        if let Some(rest) = line.split("\"executable\":\"").nth(1) {
            if let Some(path) = rest.split('"').next() {
                return Ok(PathBuf::from(path.replace("\\\\", "\\")));
            }
        }
    }
    bail!("cargo build did not report the goescape executable")
}

/// How long one goescape invocation may take before it counts as a failure (a hang must not
/// stall a corpus run; a whole std batch takes seconds).
const GOESCAPE_TIMEOUT: Duration = Duration::from_secs(300);

/// [`output_within`] for other commands of the xtask.
pub fn output_within_pub(cmd: &mut Command, limit: Duration) -> std::io::Result<Option<Output>> {
    let taken = std::mem::replace(cmd, Command::new("true"));
    output_within(taken, limit)
}

/// Runs `cmd` to completion, or kills it after `limit` (`Ok(None)`).
fn output_within(mut cmd: Command, limit: Duration) -> std::io::Result<Option<Output>> {
    use std::io::Read;
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    // Drain both pipes on their own threads so a chatty child cannot block on a full pipe.
    let drain = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out_t = drain(child.stdout.take().map(|r| Box::new(r) as Box<dyn Read + Send>));
    let err_t = drain(child.stderr.take().map(|r| Box::new(r) as Box<dyn Read + Send>));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = out_t.join().unwrap_or_default();
    let stderr = err_t.join().unwrap_or_default();
    Ok(status.map(|status| Output { status, stdout, stderr }))
}

/// Runs goescape with `mode`'s flags on `targets` in `cwd`. `Ok(stdout)` when it analyzed them,
/// `Err(reason)` with its first error line when it could not (exit status 2, or any other
/// failure).
pub fn run_goescape(
    bin: &Path,
    release: &str,
    mode: Mode,
    cwd: &Path,
    goroot: Option<&Path>,
    targets: &[String],
) -> Result<String, String> {
    let out = run_goescape_output(bin, release, mode, cwd, goroot, targets)?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr
        .lines()
        .chain(String::from_utf8_lossy(&out.stdout).lines())
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("# "))
        .unwrap_or("")
        .to_string();
    // The reason is goescape's own first line, exactly as `tests/testdata.rs` shows the library's
    // error, so the xtask snapshot and the insta snapshot of testdata stay byte-identical.
    if first.is_empty() {
        Err(format!("goescape exited with {} and printed nothing", out.status))
    } else {
        Err(first)
    }
}

/// Runs goescape as [`run_goescape`] does and returns its whole output whatever its exit status;
/// `Err` only when it could not be run or timed out.
pub fn run_goescape_output(
    bin: &Path,
    release: &str,
    mode: Mode,
    cwd: &Path,
    goroot: Option<&Path>,
    targets: &[String],
) -> Result<Output, String> {
    let mut cmd = Command::new(bin);
    cmd.current_dir(cwd);
    for (k, v) in env() {
        cmd.env(k, v);
    }
    if let Some(root) = goroot {
        cmd.env("GOROOT", root);
    } else {
        cmd.env_remove("GOROOT");
    }
    // The release gc is, so goescape models the same one (and reads its std facts).
    cmd.arg(format!("--go={}", release.trim_start_matches("go"))).args(mode.goescape_args()).args(targets);
    match output_within(cmd, GOESCAPE_TIMEOUT) {
        Ok(Some(out)) => Ok(out),
        Ok(None) => Err(format!("goescape timed out after {}s", GOESCAPE_TIMEOUT.as_secs())),
        Err(e) => Err(format!("cannot run {}: {e}", bin.display())),
    }
}

/// Splits `go build` style output into packages by their `# import/path` headers. Lines before
/// any header go under `default`.
pub fn split_by_package(text: &str, default: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut current = default.to_string();
    for line in text.lines() {
        if let Some(pkg) = line.strip_prefix("# ") {
            current = pkg.trim().to_string();
            continue;
        }
        match out.iter_mut().find(|(p, _)| *p == current) {
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None => out.push((current.clone(), format!("{line}\n"))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn goroot_positions_become_portable() {
        let gc = "# p\n/home/u/go/src/slices/slices.go:96:6: can inline slices.Index[[]string,string]\n./a.go:3:6: can inline f\n";
        assert_eq!(
            super::portable_goroot(gc, Path::new("/home/u/go/")),
            "# p\n$GOROOT/src/slices/slices.go:96:6: can inline slices.Index[[]string,string]\n./a.go:3:6: can inline f\n"
        );
        let refused = "a.go:3:8: package iter is not in std (/home/u/go/src/iter)\n";
        assert_eq!(
            super::portable_goroot(refused, Path::new("/home/u/go")),
            "a.go:3:8: package iter is not in std ($GOROOT/src/iter)\n"
        );
    }
}
