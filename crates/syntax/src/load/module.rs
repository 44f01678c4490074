//! Modules: finding the `go.mod` that governs a directory and reading what the loader needs
//! from it.
//!
//! The main module is the nearest `go.mod` at or above the working directory. From the file
//! we take the `module` path, the `go` line (the language version: `go 1.22.3` and `go
//! 1.21rc1` mean 1.22 and 1.21; without a `go` line the go command assumes 1.16) and the
//! `ignore` directives, which hide directories from `./...`-style patterns.

use std::path::{Path, PathBuf};

/// The language version a module without a `go` line gets.
pub const DEFAULT_GO_VERSION: (u32, u32) = (1, 16);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    /// The directory holding go.mod.
    pub root: PathBuf,
    /// The `module` path.
    pub path: String,
    /// The `go` line's version, if any (major, minor).
    pub go: Option<(u32, u32)>,
    /// The `go` line as written.
    pub go_text: Option<String>,
    /// `ignore` directives, as written.
    pub ignore: Vec<String>,
}

impl Module {
    /// The language version the module's packages compile with.
    pub fn go_version(&self) -> (u32, u32) {
        self.go.unwrap_or(DEFAULT_GO_VERSION)
    }

    /// The import path prefix of the module's packages: `std` and `cmd` in GOROOT are special.
    pub fn prefix(&self) -> &str {
        if self.path == "std" {
            ""
        } else {
            &self.path
        }
    }

    /// The import path of directory `dir` (which must lie under the root).
    pub fn import_path(&self, dir: &Path) -> Option<String> {
        let rel = dir.strip_prefix(&self.root).ok()?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        Some(join_path(self.prefix(), &rel))
    }

    /// The directory of import path `path`, if the path belongs to the module.
    pub fn dir_of(&self, path: &str) -> Option<PathBuf> {
        let prefix = self.prefix();
        if prefix.is_empty() {
            return Some(self.root.join(path));
        }
        if path == prefix {
            return Some(self.root.clone());
        }
        let rest = path.strip_prefix(prefix)?.strip_prefix('/')?;
        Some(self.root.join(rest))
    }

    /// Whether the ignore directives hide `rel` (slash-separated, relative to the root).
    pub fn ignores(&self, rel: &str) -> bool {
        self.ignore.iter().any(|pat| {
            let pat = pat.trim_end_matches('/');
            if let Some(anchored) = pat.strip_prefix("./") {
                rel == anchored || rel.starts_with(&format!("{anchored}/"))
            } else {
                // An unanchored pattern matches that path at any depth.
                let elems: Vec<&str> = rel.split('/').collect();
                let pelems: Vec<&str> = pat.split('/').collect();
                (0..elems.len()).any(|i| elems[i..].starts_with(&pelems))
            }
        })
    }
}

/// Joins an import path prefix and a relative slash path.
pub fn join_path(prefix: &str, rel: &str) -> String {
    match (prefix.is_empty(), rel.is_empty()) {
        (_, true) => prefix.to_string(),
        (true, false) => rel.to_string(),
        _ => format!("{prefix}/{rel}"),
    }
}

/// The module whose go.mod is nearest at or above `dir`.
pub fn find(dir: &Path) -> Option<Module> {
    let mut d = Some(dir);
    while let Some(cur) = d {
        let gomod = cur.join("go.mod");
        if gomod.is_file() {
            let text = std::fs::read_to_string(&gomod).unwrap_or_default();
            return Some(parse(cur, &text));
        }
        d = cur.parent();
    }
    None
}

/// Parses go.mod text for a module rooted at `root`.
pub fn parse(root: &Path, text: &str) -> Module {
    let mut m = Module { root: root.to_path_buf(), path: String::new(), go: None, go_text: None, ignore: Vec::new() };
    let mut block: Option<String> = None;
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(verb) = &block {
            if line == ")" {
                block = None;
            } else if verb == "ignore" {
                m.ignore.push(unquote(line));
            }
            continue;
        }
        let (verb, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        if rest == "(" {
            block = Some(verb.to_string());
            continue;
        }
        match verb {
            "module" => m.path = unquote(rest),
            "go" => {
                m.go_text = Some(rest.to_string());
                m.go = parse_go_version(rest);
            }
            "ignore" => m.ignore.push(unquote(rest)),
            _ => {}
        }
    }
    m
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    s.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(s).to_string()
}

/// `1.22`, `1.22.3`, `1.21rc1` → the language version (1, 22), (1, 22), (1, 21).
pub fn parse_go_version(v: &str) -> Option<(u32, u32)> {
    let v = v.trim();
    let (major, rest) = v.split_once('.')?;
    let minor: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    Some((major.parse().ok()?, minor.parse().ok()?))
}
