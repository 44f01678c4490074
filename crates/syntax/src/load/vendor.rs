//! `vendor/modules.txt`, as the go command reads it (cmd/go/internal/modload/vendor.go).
//!
//! `go mod vendor` writes one `# path version [=> replacement [version]]` line per module
//! (or `# path => replacement` for a replacement of every version), followed by `##`
//! annotations (`explicit`: required by the main module's go.mod; `go 1.N`: the module's
//! language version) and the module's vendored packages, one import path a line. A package
//! line is what makes a module part of the build: modules listed only for their replacement
//! provide nothing.

use std::collections::HashMap;

use super::module::ModVersion;
use super::semver;

/// What modules.txt says about one module.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VendorMeta {
    /// `## explicit`.
    pub explicit: bool,
    /// The `=> ...` replacement (a directory when its version is empty), if any.
    pub replacement: Option<ModVersion>,
    /// `## go 1.N`, as written.
    pub go_version: Option<String>,
}

/// A parsed modules.txt.
#[derive(Clone, Debug, Default)]
pub struct VendorList {
    /// The module each vendored package belongs to.
    pub pkg_module: HashMap<String, ModVersion>,
    /// Modules providing packages, in file order, each path once (the highest version).
    pub modules: Vec<ModVersion>,
    /// Annotations per module (replacement-only entries have an empty version).
    pub meta: HashMap<ModVersion, VendorMeta>,
    /// Modules marked as replaced, in file order.
    pub replaced: Vec<ModVersion>,
    /// A `## workspace` line: the vendor directory was made by `go work vendor`.
    pub workspace: bool,
}

/// Parses modules.txt text; lines it does not understand are skipped, as by the go command.
pub fn parse(text: &str) -> VendorList {
    let mut list = VendorList::default();
    let mut version_of: HashMap<String, String> = HashMap::new();
    let mut cur: Option<ModVersion> = None;
    for line in text.split('\n') {
        if let Some(rest) = line.strip_prefix("# ") {
            let f: Vec<&str> = rest.split_whitespace().collect();
            if f.len() < 2 {
                continue;
            }
            let (m, tail) = if semver::is_valid(f[1]) {
                (ModVersion::new(f[0], f[1]), &f[2..])
            } else if f[1] == "=>" {
                (ModVersion::new(f[0], ""), &f[1..])
            } else {
                cur = None;
                continue;
            };
            if tail.len() >= 2 && tail[0] == "=>" {
                let repl = match tail {
                    [_, dir] => Some(ModVersion::new(dir, "")),
                    [_, p, v] if semver::is_valid(v) => Some(ModVersion::new(p, v)),
                    _ => None,
                };
                if let Some(r) = repl {
                    list.meta.entry(m.clone()).or_default().replacement = Some(r);
                    list.replaced.push(m.clone());
                }
            }
            cur = Some(m);
            continue;
        }
        if line.trim() == "## workspace" {
            list.workspace = true;
            continue;
        }
        let Some(m) = &cur else { continue };
        if let Some(ann) = line.strip_prefix("## ") {
            let meta = list.meta.entry(m.clone()).or_default();
            for entry in ann.split(';').map(str::trim) {
                if entry == "explicit" {
                    meta.explicit = true;
                } else if let Some(v) = entry.strip_prefix("go ") {
                    meta.go_version = Some(v.trim().to_string());
                }
            }
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() == 1 && !f[0].starts_with('#') {
            list.pkg_module.insert(f[0].to_string(), m.clone());
            let newer = version_of.get(&m.path).is_none_or(|v| semver::compare(v, &m.version).is_lt());
            if newer {
                list.modules.push(m.clone());
                version_of.insert(m.path.clone(), m.version.clone());
            }
        }
    }
    list
}
