//! Paths as the go command shows them, and package patterns.
//!
//! gc is handed absolute file names; the go command then rewrites its output, replacing the
//! package directory — or failing that the nearest ancestor — by its path relative to the
//! working directory whenever that is shorter. So files of the current directory read
//! `./x.go`, a subdirectory's `sub/x.go`, a parent's `../x.go`, and a distant GOROOT stays
//! absolute. All of this is lexical, on cleaned absolute paths.
//!
//! Patterns: `...` matches any string, a trailing `/...` also matches nothing (so `net/...`
//! matches `net`), and a pattern that does not mention `vendor` does not reach into vendor
//! directories.

use std::path::{Component, Path, PathBuf};

/// Makes `p` absolute against `cwd` and removes `.`/`..` lexically.
pub fn clean_abs(cwd: &Path, p: &Path) -> PathBuf {
    let joined = if p.is_absolute() { p.to_path_buf() } else { cwd.join(p) };
    clean(&joined)
}

/// Removes `.` and `..` components lexically.
pub fn clean(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() && !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// `target` relative to `base` (both clean and absolute), like Go's `filepath.Rel`.
pub fn relative(base: &Path, target: &Path) -> String {
    let b: Vec<_> = base.components().collect();
    let t: Vec<_> = target.components().collect();
    let common = b.iter().zip(&t).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = Vec::new();
    for _ in common..b.len() {
        parts.push("..".into());
    }
    for c in &t[common..] {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// How the go command shows `file` of the package in `dir` when run in `cwd`.
pub fn display(cwd: &Path, dir: &Path, file: &Path) -> String {
    let file_s = file.to_string_lossy().into_owned();
    let mut d = Some(dir);
    while let Some(cur) = d {
        let cur_s = cur.to_string_lossy();
        let rel = relative(cwd, cur);
        if rel.len() < cur_s.len() && file_s.starts_with(cur_s.as_ref()) {
            return format!("{rel}{}", &file_s[cur_s.len()..]);
        }
        d = cur.parent();
    }
    file_s
}

/// `path` as the go command's `ShortPath` shows it: relative to `cwd` when that is shorter.
pub fn short(cwd: &Path, path: &Path) -> String {
    let rel = relative(cwd, path);
    let abs = path.to_string_lossy();
    if rel.len() < abs.len() {
        rel
    } else {
        abs.into_owned()
    }
}

/// Whether pattern `pat` (with `...` wildcards) matches `name`.
pub fn match_pattern(pat: &str, name: &str) -> bool {
    if !pat.contains("vendor") && has_vendor_elem(name) {
        return false;
    }
    if let Some(base) = pat.strip_suffix("/...") {
        if glob(base, name) {
            return true;
        }
    }
    glob(pat, name)
}

/// Whether a directory `name` could contain matches of `pat` (used to prune walks).
pub fn tree_can_match(pat: &str, name: &str) -> bool {
    match pat.find("...") {
        None => name == pat || pat.starts_with(&format!("{name}/")),
        Some(i) => {
            let lit = &pat[..i];
            name.starts_with(lit) || lit.starts_with(&format!("{name}/")) || lit == name
        }
    }
}

fn has_vendor_elem(name: &str) -> bool {
    name.split('/').any(|e| e == "vendor")
}

/// Glob where `...` matches any string.
fn glob(pat: &str, name: &str) -> bool {
    match pat.find("...") {
        None => pat == name,
        Some(i) => {
            let (lit, rest) = (&pat[..i], &pat[i + 3..]);
            let Some(tail) = name.strip_prefix(lit) else { return false };
            (0..=tail.len()).filter(|&k| tail.is_char_boundary(k)).any(|k| glob(rest, &tail[k..]))
        }
    }
}
