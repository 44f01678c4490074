//! One target's facts as their differences from another target's facts of the same release.
//!
//! Most of the standard library is the same on every target: the files a package selects differ
//! (`_linux.go`, `_arm64.s`, build constraints), and with them some tags and inline costs, but
//! `fmt` or `net/http` come out identical. The bundle therefore keeps the facts of each extra
//! target as a facts file ([`crate::container`]) that lists only what differs from the default
//! target's facts of the same release:
//!
//! - every package whose facts differ in any way, with its `inlined` line in full, the files
//!   whose text is new or changed, and `same NAME...` naming the files it shares unchanged;
//! - `absent IMPORT_PATH` for each package of the default target this one does not build
//!   (`internal/syscall/unix` on windows);
//! - nothing for a package whose facts are identical.
//!
//! [`apply`] rebuilds the target's facts from the default's and these differences, borrowing
//! the texts of both.

use std::collections::{BTreeMap, BTreeSet};

use crate::{FactsError, FactsFile, PackageFacts};

/// `target`'s facts as their differences from `base`'s (see the module docs).
pub fn diff<'a>(base: &FactsFile<'a>, target: &FactsFile<'a>) -> FactsFile<'a> {
    let base_pkgs: BTreeMap<&str, &PackageFacts> = base.packages.iter().map(|p| (p.import_path, p)).collect();
    let target_paths: BTreeSet<&str> = target.packages.iter().map(|p| p.import_path).collect();
    let mut out = FactsFile {
        release: target.release,
        target: target.target,
        packages: Vec::new(),
        absent: base_pkgs.keys().copied().filter(|p| !target_paths.contains(p)).collect(),
    };
    for p in &target.packages {
        let Some(b) = base_pkgs.get(p.import_path) else {
            out.packages.push(p.clone());
            continue;
        };
        let base_files: BTreeMap<&str, &str> = b.files.iter().copied().collect();
        let (same, changed): (Vec<_>, Vec<_>) =
            p.files.iter().copied().partition(|(name, text)| base_files.get(name) == Some(text));
        let sorted = |v: &[&'a str]| v.iter().copied().collect::<BTreeSet<_>>();
        if changed.is_empty() && same.len() == b.files.len() && sorted(&p.inlined) == sorted(&b.inlined) {
            continue;
        }
        out.packages.push(PackageFacts {
            import_path: p.import_path,
            files: changed,
            inlined: p.inlined.clone(),
            same: same.into_iter().map(|(name, _)| name).collect(),
        });
    }
    out
}

/// The target's facts from `base` (the default target's) and `delta`, its differences from
/// them ([`diff`]).
pub fn apply<'a>(base: &FactsFile<'a>, delta: &FactsFile<'a>) -> Result<FactsFile<'a>, FactsError> {
    let bad = |why: String| FactsError::BadContainer { line: 0, why };
    let absent: BTreeSet<&str> = delta.absent.iter().copied().collect();
    let changed: BTreeMap<&str, &PackageFacts> = delta.packages.iter().map(|p| (p.import_path, p)).collect();
    let base_pkgs: BTreeMap<&str, &PackageFacts> = base.packages.iter().map(|p| (p.import_path, p)).collect();
    let mut packages: Vec<PackageFacts<'a>> = base
        .packages
        .iter()
        .filter(|p| !absent.contains(p.import_path) && !changed.contains_key(p.import_path))
        .cloned()
        .collect();
    for p in &delta.packages {
        let mut files = p.files.clone();
        if !p.same.is_empty() {
            let b = base_pkgs
                .get(p.import_path)
                .ok_or_else(|| bad(format!("{}: `same` files but no such package in the base", p.import_path)))?;
            for name in &p.same {
                let file = b
                    .files
                    .iter()
                    .find(|(n, _)| n == name)
                    .ok_or_else(|| bad(format!("{}: `same` file {name} is not in the base", p.import_path)))?;
                files.push(*file);
            }
        }
        files.sort_by_key(|f| f.0);
        packages.push(PackageFacts { import_path: p.import_path, files, inlined: p.inlined.clone(), same: Vec::new() });
    }
    packages.sort_by_key(|p| p.import_path);
    Ok(FactsFile { release: delta.release, target: delta.target, packages, absent: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg<'a>(path: &'a str, files: &[(&'a str, &'a str)], inlined: &[&'a str]) -> PackageFacts<'a> {
        PackageFacts { import_path: path, files: files.to_vec(), inlined: inlined.to_vec(), same: Vec::new() }
    }

    /// The differences hold only what differs, and applying them gives the target's facts
    /// back, printed byte for byte as they were.
    #[test]
    fn diff_then_apply_round_trips() {
        let base = FactsFile {
            release: "go1.27.3",
            target: "linux/amd64",
            packages: vec![
                pkg("fmt", &[("print.go", "package fmt\n")], &[]),
                pkg("internal/syscall/unix", &[("at.go", "package unix\n")], &[]),
                pkg("os", &[("file.go", "package os\n"), ("file_unix.go", "package os\n// unix\n")], &["a:B"]),
            ],
            absent: Vec::new(),
        };
        let target = FactsFile {
            release: "go1.27.3",
            target: "windows/amd64",
            packages: vec![
                pkg("fmt", &[("print.go", "package fmt\n")], &[]),
                pkg("internal/syscall/windows", &[("w.go", "package windows\n")], &[]),
                pkg("os", &[("file.go", "package os\n"), ("file_windows.go", "package os\n// windows\n")], &["a:B"]),
            ],
            absent: Vec::new(),
        };
        let delta = diff(&base, &target);
        assert_eq!(delta.absent, ["internal/syscall/unix"]);
        let paths: Vec<&str> = delta.packages.iter().map(|p| p.import_path).collect();
        assert_eq!(paths, ["internal/syscall/windows", "os"]);
        assert_eq!(delta.packages[1].same, ["file.go"]);
        assert_eq!(delta.packages[1].files, [("file_windows.go", "package os\n// windows\n")]);

        let text = delta.print();
        let parsed = FactsFile::parse(&text).expect("the differences parse");
        let rebuilt = apply(&base, &parsed).expect("the differences apply");
        assert_eq!(rebuilt.print(), target.print());
    }

    /// A package whose `inlined` list alone changed is listed, with all its files `same`.
    #[test]
    fn inlined_change_alone_is_a_difference() {
        let base = FactsFile {
            release: "go1.27.3",
            target: "linux/amd64",
            packages: vec![pkg("os", &[("file.go", "package os\n")], &["a:B"])],
            absent: Vec::new(),
        };
        let target = FactsFile {
            release: "go1.27.3",
            target: "linux/arm64",
            packages: vec![pkg("os", &[("file.go", "package os\n")], &["a:B", "c:D"])],
            absent: Vec::new(),
        };
        let delta = diff(&base, &target);
        assert_eq!(delta.packages.len(), 1);
        assert!(delta.packages[0].files.is_empty());
        assert_eq!(apply(&base, &delta).expect("applies").print(), target.print());
    }
}
