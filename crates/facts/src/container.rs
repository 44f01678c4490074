//! The facts file: every package's stubs in one text file.
//!
//! ```text
//! # goescape facts: gc go1.27.3 linux/amd64
//! # any further lines starting with `#` are comments
//! package fmt
//! file doc.go 2
//! <exactly 2 bytes of stub text>
//! file print.go 8812
//! <exactly 8812 bytes of stub text>
//! package vendor/golang.org/x/net/dns/dnsmessage
//! inlined internal/abi:NoEscape internal/abi:(*Type).Kind
//! ...
//! ```
//!
//! The first line names the gc release and target the tags come from. After it, outside file
//! texts, every line is a comment (`#`), `package IMPORT_PATH` (starting a package, which has the
//! files that follow it), `absent IMPORT_PATH` and `same NAME...` (only in a target's
//! differences from another target's facts, see [`crate::delta`]: a package of the other
//! target this one does not have, and the files of the current package it shares unchanged),
//! `inlined SYMBOL...` (imported functions gc inlined while compiling the
//! package, as `IMPORT_PATH:NAME` with NAME as gc prints it in its own package, `F` or
//! `(*T).M`: gc's export data carries their bodies on to the package's importers, see
//! [`PackageFacts::inlined`]), or `file NAME LEN` followed by exactly `LEN` bytes of stub text. Because
//! file texts are length-delimited, nothing in Go source can be mistaken for a delimiter, and the
//! file can be indexed without looking into the stubs. Packages and files are written sorted, so
//! the file is deterministic.

use crate::FactsError;

/// The header's fixed prefix; the release and target follow.
pub const HEADER_PREFIX: &str = "# goescape facts: gc ";

/// A parsed facts file, borrowing its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FactsFile<'a> {
    /// The gc release, e.g. `go1.27.3`.
    pub release: &'a str,
    /// The target, e.g. `linux/amd64`.
    pub target: &'a str,
    pub packages: Vec<PackageFacts<'a>>,
    /// In a target's differences from another's ([`crate::delta`]): the other target's
    /// packages this one does not have.
    pub absent: Vec<&'a str>,
}

/// One package's stubs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackageFacts<'a> {
    pub import_path: &'a str,
    /// File name (no directory) and stub text.
    pub files: Vec<(&'a str, &'a str)>,
    /// The imported (non-generic) functions gc inlined compiling the package, as
    /// `IMPORT_PATH:NAME`. gc's export data for a package carries the bodies of its own
    /// inlinable functions and of these (`noder/linker.go`, `exportBody`), and an importer can
    /// only inline a function whose body one of its direct imports' export data carries.
    pub inlined: Vec<&'a str>,
    /// In a target's differences from another's ([`crate::delta`]): the names of the files
    /// this package shares unchanged with the other target's package of the same path.
    pub same: Vec<&'a str>,
}

impl<'a> FactsFile<'a> {
    /// Reads a facts file; see the module docs for the layout.
    pub fn parse(text: &'a str) -> Result<FactsFile<'a>, FactsError> {
        let bad = |line: usize, why: String| FactsError::BadContainer { line, why };
        let (header, mut rest) = text.split_once('\n').unwrap_or((text, ""));
        let Some(what) = header.strip_prefix(HEADER_PREFIX) else {
            return Err(bad(1, format!("header must start with {HEADER_PREFIX:?}")));
        };
        let (release, target) =
            what.split_once(' ').ok_or_else(|| bad(1, "header needs `RELEASE GOOS/GOARCH`".into()))?;
        let mut out = FactsFile { release, target, packages: Vec::new(), absent: Vec::new() };
        let mut line_no = 1;
        while !rest.is_empty() {
            line_no += 1;
            let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
            rest = after;
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(path) = line.strip_prefix("package ") {
                out.packages.push(PackageFacts { import_path: path, ..PackageFacts::default() });
            } else if let Some(path) = line.strip_prefix("absent ") {
                out.absent.push(path);
            } else if let Some(names) = line.strip_prefix("same ") {
                let pkg = out.packages.last_mut().ok_or_else(|| bad(line_no, "same before any package".into()))?;
                pkg.same.extend(names.split(' ').filter(|s| !s.is_empty()));
            } else if let Some(syms) = line.strip_prefix("inlined ") {
                let pkg = out.packages.last_mut().ok_or_else(|| bad(line_no, "inlined before any package".into()))?;
                pkg.inlined.extend(syms.split(' ').filter(|s| !s.is_empty()));
            } else if let Some(spec) = line.strip_prefix("file ") {
                let (name, len) = spec.rsplit_once(' ').ok_or_else(|| bad(line_no, "want `file NAME LEN`".into()))?;
                let len: usize = len.parse().map_err(|_| bad(line_no, format!("bad length {len:?}")))?;
                if len > rest.len() || !rest.is_char_boundary(len) {
                    return Err(bad(line_no, format!("file {name} runs past the end of the facts")));
                }
                let pkg = out.packages.last_mut().ok_or_else(|| bad(line_no, "file before any package".into()))?;
                let (stub, after) = rest.split_at(len);
                line_no += stub.matches('\n').count();
                pkg.files.push((name, stub));
                rest = after;
            } else {
                return Err(bad(line_no, format!("unexpected line {line:?}")));
            }
        }
        Ok(out)
    }

    /// Writes the file: header, then packages and files sorted by name.
    pub fn print(&self) -> String {
        let mut packages: Vec<&PackageFacts> = self.packages.iter().collect();
        packages.sort_by_key(|p| p.import_path);
        let mut s = format!("{HEADER_PREFIX}{} {}\n", self.release, self.target);
        s.push_str("# Declaration stubs of the standard library with gc's escape tags; see crates/facts.\n");
        s.push_str("# Regenerate with `cargo xtask facts --go RELEASE`; do not edit.\n");
        let mut absent = self.absent.clone();
        absent.sort();
        for path in absent {
            s.push_str(&format!("absent {path}\n"));
        }
        for p in packages {
            s.push_str(&format!("package {}\n", p.import_path));
            if !p.inlined.is_empty() {
                let mut syms = p.inlined.clone();
                syms.sort();
                syms.dedup();
                s.push_str(&format!("inlined {}\n", syms.join(" ")));
            }
            if !p.same.is_empty() {
                let mut same = p.same.clone();
                same.sort();
                s.push_str(&format!("same {}\n", same.join(" ")));
            }
            let mut files = p.files.clone();
            files.sort_by_key(|f| f.0);
            for (name, text) in files {
                s.push_str(&format!("file {name} {}\n", text.len()));
                s.push_str(text);
            }
        }
        s
    }
}
