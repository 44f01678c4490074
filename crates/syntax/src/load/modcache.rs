//! The module environment and the module cache, as the go command lays it out
//! (cmd/go/internal/modfetch, golang.org/x/mod/module).
//!
//! * [`ModEnv`]: what the go command's environment says about modules: GOMODCACHE (else the
//!   first GOPATH entry's `pkg/mod`, else `$HOME/go/pkg/mod`), `-mod=` from GOFLAGS, GOWORK.
//!   Settings written by `go env -w` (the GOENV file) count when the variable is unset.
//! * Paths in the cache are case-encoded so that they survive case-insensitive file systems:
//!   each upper-case letter becomes `!` and its lower-case form (`github.com/Azure` →
//!   `github.com/!azure`). A module version's files are extracted into
//!   `CACHE/ESCAPED_PATH@ESCAPED_VERSION`; its go.mod is kept, for the module graph, at
//!   `CACHE/cache/download/ESCAPED_PATH/@v/ESCAPED_VERSION.mod`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The module-related environment of one run. The default is an empty environment: no
/// module cache is known, `-mod` is not set, and go.work is searched for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModEnv {
    /// GOMODCACHE.
    pub gomodcache: Option<PathBuf>,
    /// GOPATH (a list, `:`-separated on Unix).
    pub gopath: Option<String>,
    /// HOME (for the default GOPATH).
    pub home: Option<PathBuf>,
    /// GOFLAGS, of which only `-mod=` matters here.
    pub goflags: Option<String>,
    /// GOWORK: a go.work path, `off`, or unset/empty to search upward from the working
    /// directory.
    pub gowork: Option<String>,
}

/// How the build finds dependencies: gc's `-mod` (`cfg.BuildMod`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModMode {
    /// `-mod=readonly` (the default without a usable vendor directory): the module cache.
    Readonly,
    /// `-mod=mod`: the module cache; go.mod could be updated (we never update it).
    Mod,
    /// `-mod=vendor`: the main module's (or workspace's) vendor directory.
    Vendor,
}

impl ModEnv {
    /// The environment of this process (plus the GOENV file for what it leaves unset).
    pub fn from_process() -> ModEnv {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let file = goenv_file(var("GOENV"), var("XDG_CONFIG_HOME"), var("HOME"));
        let get = |k: &str| var(k).or_else(|| file.get(k).cloned().filter(|v| !v.is_empty()));
        ModEnv {
            gomodcache: get("GOMODCACHE").map(PathBuf::from),
            gopath: get("GOPATH"),
            home: var("HOME").map(PathBuf::from),
            goflags: get("GOFLAGS"),
            gowork: get("GOWORK"),
        }
    }

    /// The module cache directory, if one can be named.
    pub fn mod_cache(&self) -> Option<PathBuf> {
        if let Some(c) = &self.gomodcache {
            return Some(c.clone());
        }
        let gopath = match &self.gopath {
            Some(p) => p.split(':').find(|e| !e.is_empty()).map(PathBuf::from)?,
            None => self.home.as_ref()?.join("go"),
        };
        Some(gopath.join("pkg").join("mod"))
    }

    /// `-mod=` as set in GOFLAGS (the last one wins, as with flags), if any.
    pub fn mod_flag(&self) -> Option<&str> {
        let flags = self.goflags.as_deref()?;
        flags.split_whitespace().filter_map(|f| f.trim_start_matches('-').strip_prefix("mod=")).next_back()
    }
}

/// The settings `go env -w` wrote: `$GOENV`, else `$XDG_CONFIG_HOME/go/env`, else
/// `$HOME/.config/go/env`.
fn goenv_file(goenv: Option<String>, xdg: Option<String>, home: Option<String>) -> HashMap<String, String> {
    let path = match goenv {
        Some(g) if g == "off" => return HashMap::new(),
        Some(g) => PathBuf::from(g),
        None => match (xdg, home) {
            (Some(x), _) => Path::new(&x).join("go/env"),
            (None, Some(h)) => Path::new(&h).join(".config/go/env"),
            _ => return HashMap::new(),
        },
    };
    let Ok(text) = std::fs::read_to_string(path) else { return HashMap::new() };
    text.lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect()
}

/// The go command's case-encoding of a module path or version (`module.EscapePath`).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('!');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The directory a module version is extracted into.
pub fn module_dir(cache: &Path, path: &str, version: &str) -> PathBuf {
    cache.join(format!("{}@{}", escape(path), escape(version)))
}

/// Where the go command keeps a module version's go.mod for the module graph.
pub fn download_mod_file(cache: &Path, path: &str, version: &str) -> PathBuf {
    cache.join("cache").join("download").join(escape(path)).join("@v").join(format!("{}.mod", escape(version)))
}
