//! Package loading: data-driven checks of build constraints, file headers, go.mod, display
//! paths and whole-module loads against what `go build -gcflags='-m -l'` (go1.27.3) was
//! observed to do. Trees are built under the system temp directory; tests that need a GOROOT
//! run only when one exists.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use syntax::load::{self, constraint, header, module, paths, BuildContext, PackageSource};

fn bctx(goos: &str, goarch: &str, tags: &[&str]) -> BuildContext {
    BuildContext {
        goos: goos.into(),
        goarch: goarch.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        release_minor: 27,
        release_patch: 3,
        cgo_enabled: false,
        goroot: Some(PathBuf::from("/nonexistent-goroot")),
        modenv: load::ModEnv::default(),
    }
}

fn linux() -> BuildContext {
    bctx("linux", "amd64", &[])
}

/// A directory tree under the system temp directory, removed with everything in it when
/// dropped (a failing assertion included), so test runs leave no `goescape-load-*` behind.
struct Tree(PathBuf);

impl std::ops::Deref for Tree {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh directory tree: `files` are (relative path, contents).
fn tree(files: &[(&str, &str)]) -> Tree {
    static N: AtomicUsize = AtomicUsize::new(0);
    let root =
        std::env::temp_dir().join(format!("goescape-load-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let root = Tree(root);
    for (p, text) in files {
        let path = root.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    root
}

fn run(cwd: &Path, patterns: &[&str], b: &BuildContext) -> Result<Vec<PackageSource>, String> {
    let pats: Vec<String> = patterns.iter().map(|s| s.to_string()).collect();
    load::load(&pats, cwd, b, None).map_err(|e| e.to_string())
}

/// `# path` headers with their files' display names: `path: a.go b.go`.
fn summary(pkgs: &[PackageSource]) -> Vec<String> {
    pkgs.iter()
        .map(|p| {
            let files: Vec<&str> = p.files.iter().map(|f| f.display.as_str()).collect();
            format!("{}: {}", p.import_path, files.join(" "))
        })
        .collect()
}

#[test]
fn go_build_expressions() {
    // (line, goos, goarch, -tags, expected)
    let cases: &[(&str, &str, &str, &[&str], bool)] = &[
        ("//go:build linux", "linux", "amd64", &[], true),
        ("//go:build linux", "darwin", "arm64", &[], false),
        ("//go:build !windows", "linux", "amd64", &[], true),
        ("//go:build linux && amd64", "linux", "arm64", &[], false),
        ("//go:build (linux || darwin) && !386", "darwin", "amd64", &[], true),
        ("//go:build unix", "linux", "amd64", &[], true),
        ("//go:build unix", "windows", "amd64", &[], false),
        ("//go:build unix", "js", "wasm", &[], false),
        ("//go:build linux", "android", "arm64", &[], true),
        ("//go:build solaris", "illumos", "amd64", &[], true),
        ("//go:build darwin", "ios", "arm64", &[], true),
        ("//go:build gc", "linux", "amd64", &[], true),
        ("//go:build gccgo", "linux", "amd64", &[], false),
        ("//go:build cgo", "linux", "amd64", &[], false),
        ("//go:build !cgo", "linux", "amd64", &[], true),
        ("//go:build go1.21", "linux", "amd64", &[], true),
        ("//go:build go1.27", "linux", "amd64", &[], true),
        ("//go:build go1.28", "linux", "amd64", &[], false),
        ("//go:build ignore", "linux", "amd64", &[], false),
        ("//go:build foo", "linux", "amd64", &["foo"], true),
        ("//go:build foo && !bar", "linux", "amd64", &["foo", "bar"], false),
        ("//go:build goexperiment.jsonv2", "linux", "amd64", &[], true),
        ("//go:build amd64.v1", "linux", "amd64", &[], true),
        ("//go:build amd64.v3", "linux", "amd64", &[], false),
        ("//go:build goexperiment.regabiargs", "linux", "386", &[], false),
        ("//go:build arm.6", "linux", "arm", &[], true),
    ];
    for (line, goos, goarch, tags, want) in cases {
        let b = bctx(goos, goarch, tags);
        let x = constraint::parse_go_build(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_eq!(x.eval(&|t| constraint::match_tag(&b, t)), *want, "{line} on {goos}/{goarch} {tags:?}");
    }
    for bad in ["//go:build linux &&", "//go:build (linux", "//go:build linux darwin", "//go:build"] {
        assert!(constraint::parse_go_build(bad).is_err(), "{bad} should not parse");
    }
}

#[test]
fn plus_build_lines() {
    let b = linux();
    let cases: &[(&str, bool)] = &[
        ("// +build linux", true),
        ("// +build windows darwin", false),
        ("// +build windows linux", true),
        ("// +build linux,386", false),
        ("// +build linux,!386", true),
        ("// +build !linux", false),
    ];
    for (line, want) in cases {
        assert!(constraint::is_plus_build(line), "{line}");
        let x = constraint::parse_plus_build(line).unwrap();
        assert_eq!(x.eval(&|t| constraint::match_tag(&b, t)), *want, "{line}");
    }
    assert!(!constraint::is_plus_build("// +buildx linux"));
    assert!(!constraint::is_go_build("//go:builds linux"));
}

#[test]
fn file_name_suffixes() {
    let cases: &[(&str, &str, &str, bool)] = &[
        ("x.go", "linux", "amd64", true),
        ("linux.go", "windows", "amd64", true),
        ("x_linux.go", "linux", "amd64", true),
        ("x_linux.go", "windows", "amd64", false),
        ("x_windows_test.go", "linux", "amd64", false),
        ("x_amd64.go", "linux", "arm64", false),
        ("x_linux_amd64.go", "linux", "amd64", true),
        ("x_linux_arm64.go", "linux", "amd64", false),
        ("x_linux.go", "android", "arm64", true),
        ("x_solaris.go", "illumos", "amd64", true),
        ("x_unix.go", "windows", "amd64", true),
        ("x_foo_linux.go", "darwin", "amd64", false),
        ("x_linux_foo.go", "darwin", "amd64", true),
    ];
    for (name, goos, goarch, want) in cases {
        assert_eq!(constraint::good_os_arch_file(&bctx(goos, goarch, &[]), name), *want, "{name} on {goos}/{goarch}");
    }
}

#[test]
fn file_headers() {
    let h = header::scan("// Copyright\n\n//go:build linux\n\npackage p\n\nimport (\n\t\"fmt\"\n\tx \"os\"\n\t_ \"C\"\n)\nimport \"io\"\n\nfunc f() {}\nimport \"late\"\n");
    assert_eq!(h.go_build.as_deref(), Some("//go:build linux"));
    assert_eq!(h.package, "p");
    let imps: Vec<(String, u32, u32)> = h.imports.iter().map(|i| (i.path.clone(), i.line, i.col)).collect();
    assert_eq!(imps, vec![("fmt".into(), 8, 2), ("os".into(), 9, 2), ("C".into(), 10, 2), ("io".into(), 12, 8)]);
    assert!(h.imports_c());
    // A //go:build line after the package clause is not a constraint.
    assert_eq!(header::scan("package p\n//go:build ignore\n").go_build, None);
    // +build lines must be followed by a blank line before the package clause.
    assert!(header::scan("// +build ignore\npackage p\n").plus_build.is_empty());
    assert_eq!(header::scan("// +build ignore\n\npackage p\n").plus_build, vec!["// +build ignore".to_string()]);
    assert!(header::scan("//go:build a\n//go:build b\n\npackage p\n").error.is_some());
    assert_eq!(header::scan("/* c */ package q; import \"x\"").imports.len(), 1);
}

#[test]
fn go_mod_files() {
    let cases: &[(&str, &str, (u32, u32))] = &[
        ("module example.com/m\n\ngo 1.22\n", "example.com/m", (1, 22)),
        ("module example.com/m\n", "example.com/m", (1, 16)),
        ("module \"q\" // comment\ngo 1.22.3\n", "q", (1, 22)),
        ("module m\ngo 1.21rc1\nrequire (\n\tgolang.org/x/tools v0.1.0\n)\n", "m", (1, 21)),
    ];
    for (text, path, v) in cases {
        let m = module::parse(Path::new("/r"), text);
        assert_eq!((m.path.as_str(), m.go_version()), (*path, *v), "{text}");
    }
    let m = module::parse(Path::new("/r"), "module m\nignore ./node_modules\nignore (\n\tgen\n)\n");
    assert!(
        m.ignores("node_modules") && m.ignores("node_modules/x") && m.ignores("a/gen") && !m.ignores("a/generated")
    );
}

#[test]
fn display_paths() {
    // (cwd, package dir, file, shown): gc's paths after the go command's rewriting.
    let cases = [
        ("/w/m", "/w/m", "/w/m/main.go", "./main.go"),
        ("/w/m", "/w/m/sub", "/w/m/sub/x.go", "sub/x.go"),
        ("/w/m/sub", "/w/m/sub", "/w/m/sub/x.go", "./x.go"),
        ("/w/m/sub", "/w/m", "/w/m/main.go", "../main.go"),
        ("/w/m/sub", "/w/m/sub/deep", "/w/m/sub/deep/d.go", "deep/d.go"),
        ("/w/m", "/usr/local/go/src/fmt", "/usr/local/go/src/fmt/print.go", "/usr/local/go/src/fmt/print.go"),
        // Relative only when shorter than the absolute path.
        ("/a/b/c/d", "/a/b/x", "/a/b/x/f.go", "/a/b/x/f.go"),
        ("/home/u/proj/a", "/home/u/proj/b", "/home/u/proj/b/f.go", "../b/f.go"),
    ];
    for (cwd, dir, file, want) in cases {
        assert_eq!(paths::display(Path::new(cwd), Path::new(dir), Path::new(file)), want, "{file} from {cwd}");
    }
    assert!(paths::match_pattern("net/...", "net"));
    assert!(paths::match_pattern("net/...", "net/http"));
    assert!(!paths::match_pattern("net/...", "network"));
    assert!(!paths::match_pattern("./...", "./vendor/x"));
    assert!(paths::match_pattern("./...", "./sub/deep"));
}

const MAIN: &str = "package main\n\nimport \"example.com/m/sub\"\n\nfunc main() { sub.G() }\n";

fn module_tree() -> Tree {
    tree(&[
        ("go.mod", "module example.com/m\n\ngo 1.22\n"),
        ("main.go", MAIN),
        ("other.go", "package main\n"),
        ("sub/x.go", "package sub\n\nfunc G() {}\n"),
        ("sub/deep/d.go", "package deep\n"),
        ("testdata/t/q.go", "package q\n"),
        ("_u/q.go", "package q\n"),
        (".h/q.go", "package q\n"),
        ("nested/go.mod", "module nested\n"),
        ("nested/q.go", "package q\n"),
        ("empty/README", "nothing\n"),
        ("tonly/t_test.go", "package tonly\n"),
        ("winonly/w_windows.go", "package winonly\n"),
        ("cgo/c.go", "package cgo\n\nimport \"C\"\n"),
        ("ign/go.go", "package ign\n"),
    ])
}

#[test]
fn patterns_in_a_module() {
    let root = module_tree();
    let b = linux();
    let sub = root.join("sub");
    // (cwd, patterns, packages with display paths) — as observed with gc.
    let cases: Vec<(&Path, Vec<&str>, Vec<&str>)> = vec![
        (&root, vec!["."], vec!["example.com/m: ./main.go ./other.go"]),
        (&root, vec!["./sub"], vec!["example.com/m/sub: sub/x.go"]),
        (&root, vec!["example.com/m/sub"], vec!["example.com/m/sub: sub/x.go"]),
        (&sub, vec!["."], vec!["example.com/m/sub: ./x.go"]),
        (&sub, vec![".."], vec!["example.com/m: ../main.go ../other.go"]),
        (&sub, vec!["./deep"], vec!["example.com/m/sub/deep: deep/d.go"]),
        (&root, vec!["main.go", "other.go"], vec!["command-line-arguments: ./main.go ./other.go"]),
        // ./... skips testdata, _ and . directories, nested modules, directories with nothing
        // to build; roots come out in post-order (sub before the main package importing it).
        (
            &root,
            vec!["./..."],
            vec![
                "example.com/m/sub: sub/x.go",
                "example.com/m: ./main.go ./other.go",
                "example.com/m/ign: ign/go.go",
                "example.com/m/sub/deep: sub/deep/d.go",
            ],
        ),
        (&root, vec!["./sub/..."], vec!["example.com/m/sub: sub/x.go", "example.com/m/sub/deep: sub/deep/d.go"]),
        (
            &root,
            vec!["example.com/m/sub/..."],
            vec!["example.com/m/sub: sub/x.go", "example.com/m/sub/deep: sub/deep/d.go"],
        ),
        // Named directories are loaded even where ./... would not look.
        (
            &root,
            vec!["./testdata/t", "./_u", "./.h"],
            vec!["example.com/m/testdata/t: testdata/t/q.go", "example.com/m/_u: _u/q.go", "example.com/m/.h: .h/q.go"],
        ),
        (&root, vec!["./empty/..."], vec![]),
    ];
    for (cwd, pats, want) in cases {
        let got = run(cwd, &pats, &b).unwrap_or_else(|e| panic!("{pats:?}: {e}"));
        assert_eq!(summary(&got), want, "{pats:?} from {}", cwd.display());
    }
    let got = run(&root, &["."], &b).unwrap();
    assert_eq!((got[0].go_version, got[0].is_std), ((1, 22), false));
    let got = run(&root, &["main.go"], &b).unwrap();
    assert_eq!(got[0].go_version, (1, 27), "command-line-arguments compile with the toolchain's version");
}

#[test]
fn load_errors() {
    let root = module_tree();
    let r = root.display();
    let b = linux();
    let cases: Vec<(Vec<&str>, String)> = vec![
        (vec!["./empty"], format!("no Go files in {r}/empty")),
        (vec!["./nope"], format!("stat {r}/nope: directory not found")),
        (vec!["./nope/..."], "pattern ./nope/...: lstat ./nope/: no such file or directory".into()),
        (vec!["./nested"], "main module (example.com/m) does not contain package example.com/m/nested".into()),
        (vec!["./winonly"], format!("package example.com/m/winonly: build constraints exclude all Go files in {r}/winonly")),
        (vec!["./cgo"], format!("package example.com/m/cgo: build constraints exclude all Go files in {r}/cgo")),
        (vec!["./tonly"], format!("example.com/m/tonly: no non-test Go files in {r}/tonly")),
        (vec!["../"], "directory .. outside main module or its selected dependencies".into()),
        (vec!["example.com/m/nope"], "no required module provides package example.com/m/nope; to add it:\n\tgo get example.com/m/nope".into()),
        (vec!["github.com/a/b"], "no required module provides package github.com/a/b; to add it:\n\tgo get github.com/a/b".into()),
        (vec!["foo/bar"], "package foo/bar is not in std (/nonexistent-goroot/src/foo/bar)".into()),
        (vec!["main.go", "sub/x.go"], "named files must all be in one directory; have . and sub".into()),
        (vec!["./winonly", "./cgo"], format!(
            "package example.com/m/winonly: build constraints exclude all Go files in {r}/winonly\npackage example.com/m/cgo: build constraints exclude all Go files in {r}/cgo"
        )),
    ];
    for (pats, want) in cases {
        assert_eq!(run(&root, &pats, &b).err(), Some(want), "{pats:?}");
    }
    let outside = tree(&[("x.go", "package x\n")]);
    assert_eq!(
        run(&outside, &["."], &b).err().as_deref(),
        Some("go: go.mod file not found in current directory or any parent directory; see 'go help modules'")
    );
    let newer = tree(&[("go.mod", "module n\n\ngo 1.28\n"), ("n.go", "package n\n")]);
    assert_eq!(
        run(&newer, &["."], &b).err().as_deref(),
        Some("go: go.mod requires go >= 1.28 (running go 1.27.3; GOTOOLCHAIN=local)")
    );
}

#[test]
fn file_selection() {
    let root = tree(&[
        ("go.mod", "module f\n"),
        ("a.go", "package f\n"),
        ("b_linux.go", "package f\n"),
        ("c_windows.go", "package f\n"),
        ("d_arm64.go", "package f\n"),
        ("e.go", "//go:build ignore\n\npackage f\n"),
        ("f.go", "// +build windows\n\npackage f\n"),
        ("g.go", "//go:build linux\n// +build windows\n\npackage f\n"),
        ("h.go", "// Copyright\n\n//go:build tagged && !nope\n\npackage f\n"),
        ("i.go", "package f\n\nimport \"C\"\n"),
        ("j_test.go", "package f_test\n"),
        ("_k.go", "package other\n"),
        (".l.go", "package other\n"),
        ("m.txt", "not go\n"),
        ("n.go", "//go:build cgo\n\npackage f\n"),
        ("o.go", "//go:build go1.21 && unix\n\npackage f\n"),
    ]);
    let got = run(&root, &["."], &linux()).unwrap();
    assert_eq!(summary(&got), vec!["f: ./a.go ./b_linux.go ./g.go ./o.go"]);
    assert_eq!(got[0].go_version, (1, 16), "no go line means go 1.16");
    let got = run(&root, &["."], &bctx("linux", "amd64", &["tagged"])).unwrap();
    assert_eq!(summary(&got), vec!["f: ./a.go ./b_linux.go ./g.go ./h.go ./o.go"]);
    let got = run(&root, &["."], &bctx("windows", "arm64", &[])).unwrap();
    assert_eq!(summary(&got), vec!["f: ./a.go ./c_windows.go ./d_arm64.go ./f.go"]);
    // Named files ignore constraints and suffixes, but not tests or cgo.
    let got = run(&root, &["a.go", "c_windows.go", "e.go", "i.go", "j_test.go"], &linux());
    assert_eq!(got.map(|p| summary(&p)), Ok(vec!["command-line-arguments: ./a.go ./c_windows.go ./e.go".to_string()]));
    assert_eq!(run(&root, &["i.go"], &linux()).err().as_deref(), Some("go: no Go source files"));
}

#[test]
fn package_name_clash() {
    let root = tree(&[
        ("go.mod", "module c\n"),
        ("a.go", "package a\n"),
        ("b.go", "package b\n"),
        ("z_test.go", "package a_test\n"),
    ]);
    assert_eq!(
        run(&root, &["."], &linux()).err(),
        Some(format!("found packages a (a.go) and b (b.go) in {}", root.display()))
    );
}

#[test]
fn build_order_is_post_order() {
    let root = tree(&[
        ("go.mod", "module o\n\ngo 1.21\n"),
        ("a/f.go", "package a\n\nimport (\n\t\"o/z\"\n\t\"o/c\"\n)\n"),
        ("b/f.go", "package b\n"),
        ("c/f.go", "package c\n"),
        ("z/f.go", "package z\n"),
    ]);
    let order =
        |pats: &[&str]| run(&root, pats, &linux()).unwrap().iter().map(|p| p.import_path.clone()).collect::<Vec<_>>();
    assert_eq!(order(&["./..."]), ["o/c", "o/z", "o/a", "o/b"]);
    assert_eq!(order(&["./z", "./a", "./c"]), ["o/z", "o/c", "o/a"]);
    assert_eq!(order(&["o/..."]), ["o/c", "o/z", "o/a", "o/b"]);
}

#[test]
fn imports_within_the_module() {
    let root = module_tree();
    let b = linux();
    let main = run(&root, &["."], &b).unwrap().remove(0);
    let sub = load::load_import("example.com/m/sub", &main, &b, None).unwrap();
    assert_eq!((sub.import_path.as_str(), sub.go_version, sub.is_std), ("example.com/m/sub", (1, 22), false));
    let err = load::load_import("github.com/x/y", &main, &b, None).unwrap_err().to_string();
    assert!(err.contains("no required module provides package github.com/x/y"), "{err}");
    let err = load::load_import("example.com/m/sub", &main, &b, None);
    assert!(err.is_ok());
}

/// GOROOT checks, when the toolchain the project pins is installed.
fn goroot() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("GOESCAPE_TEST_GOROOT").map(PathBuf::from),
        Some(PathBuf::from("/root/.cache/goescape/go-1.27.3/lib/python3.11/site-packages/go")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|g| g.join("src/fmt/print.go").is_file() && g.join("src/internal/syslist").is_dir())
}

#[test]
fn standard_library_from_goroot() {
    let Some(gr) = goroot() else {
        eprintln!("no GOROOT: skipped");
        return;
    };
    let mut b = linux();
    b.goroot = Some(gr.clone());
    let root = module_tree();
    let got = run(&root, &["errors"], &b).unwrap();
    assert_eq!(got[0].import_path, "errors");
    assert!(got[0].is_std && got[0].go_version == (1, 27));
    assert_eq!(got[0].files[0].display, format!("{}/src/errors/errors.go", gr.display()));
    // std: test-only and other-OS packages are not built; vendored packages are.
    let std = run(&root, &["std"], &b).unwrap();
    let names: Vec<&str> = std.iter().map(|p| p.import_path.as_str()).collect();
    for want in ["fmt", "internal/abi", "vendor/golang.org/x/net/dns/dnsmessage", "internal/obscuretestdata"] {
        assert!(names.contains(&want), "std lacks {want}");
    }
    for not in ["builtin", "cmd/go", "runtime/cgo", "syscall/js", "internal/coverage/test"] {
        assert!(!names.contains(&not), "std has {not}");
    }
    // Post-order: errors before fmt, which imports it.
    let pos = |n: &str| names.iter().position(|x| *x == n).unwrap();
    assert!(pos("errors") < pos("fmt") && pos("internal/abi") < pos("runtime"));
    // Std importers see GOROOT's vendored golang.org/x packages.
    let net = run(&root, &["net"], &b).unwrap().remove(0);
    let dns = load::load_import("golang.org/x/net/dns/dnsmessage", &net, &b, None).unwrap();
    assert_eq!(dns.import_path, "vendor/golang.org/x/net/dns/dnsmessage");
    let err = run(&root, &["fmt/nope"], &b).err().unwrap();
    assert_eq!(err, format!("package fmt/nope is not in std ({}/src/fmt/nope)", gr.display()));
}

// ---------------------------------------------------------------------------------------------
// Module dependencies: the module cache, vendor/, go.work. Expectations follow the go command
// (gc 1.27.3, `go build` / `go list -f '{{.Dir}}'` on the same trees).

use load::modcache;
use load::semver;

#[test]
fn versions_and_cache_paths() {
    use std::cmp::Ordering::*;
    let cases = [
        ("v1.2.3", "v1.2.4", Less),
        ("v1.10.0", "v1.9.9", Greater),
        ("v1.2.0-pre", "v1.2.0", Less),
        ("v1.2", "v1.2.0", Equal),
        ("v2.0.0+incompatible", "v2.0.0", Equal),
        ("v0.0.0-20240101000000-abcdefabcdef", "v0.0.1", Less),
        ("v1.0.0-alpha.2", "v1.0.0-alpha.10", Less),
        ("v1.0.0-alpha", "v1.0.0-alpha.1", Less),
        ("v1.0.0-1", "v1.0.0-a", Less),
        ("bad", "v0.0.0", Less),
    ];
    for (a, b, want) in cases {
        assert_eq!(semver::compare(a, b), want, "{a} vs {b}");
    }
    assert!(!semver::is_valid("v1.02.0") && !semver::is_valid("1.2.3") && semver::is_valid("v1"));
    assert_eq!(modcache::escape("github.com/Azure/Go-SDK"), "github.com/!azure/!go-!s!d!k");
    let cache = Path::new("/c");
    assert_eq!(modcache::module_dir(cache, "example.com/Up", "v1.0.0-RC"), Path::new("/c/example.com/!up@v1.0.0-!r!c"));
    assert_eq!(
        modcache::download_mod_file(cache, "example.com/Up", "v1.0.0"),
        Path::new("/c/cache/download/example.com/!up/@v/v1.0.0.mod")
    );
    let env = |gomodcache: Option<&str>, gopath: Option<&str>, home: Option<&str>| load::ModEnv {
        gomodcache: gomodcache.map(PathBuf::from),
        gopath: gopath.map(String::from),
        home: home.map(PathBuf::from),
        ..Default::default()
    };
    assert_eq!(env(Some("/m"), Some("/g"), Some("/h")).mod_cache(), Some(PathBuf::from("/m")));
    assert_eq!(env(None, Some("/g1:/g2"), Some("/h")).mod_cache(), Some(PathBuf::from("/g1/pkg/mod")));
    assert_eq!(env(None, None, Some("/h")).mod_cache(), Some(PathBuf::from("/h/go/pkg/mod")));
    assert_eq!(env(None, None, None).mod_cache(), None);
    let flags = load::ModEnv { goflags: Some("-trimpath -mod=vendor --mod=mod".into()), ..Default::default() };
    assert_eq!(flags.mod_flag(), Some("mod"));
}

#[test]
fn go_mod_directives() {
    let m = module::parse(
        Path::new("/r"),
        "module example.com/m // the module\n\ngo 1.22\n\nrequire (\n\texample.com/a v1.0.0\n\t\"example.com/b\" v1.2.0 // indirect\n)\nrequire example.com/c v0.1.0\n\nexclude example.com/a v1.1.0\n\nreplace (\n\texample.com/b => ../b\n\texample.com/c v0.1.0 => example.com/d v0.2.0\n)\n",
    );
    assert_eq!(m.path, "example.com/m");
    let req: Vec<(String, bool)> = m.require.iter().map(|r| (r.module.to_string(), r.indirect)).collect();
    assert_eq!(
        req,
        [
            ("example.com/a@v1.0.0".into(), false),
            ("example.com/b@v1.2.0".into(), true),
            ("example.com/c@v0.1.0".into(), false)
        ]
    );
    assert_eq!(m.exclude, [module::ModVersion::new("example.com/a", "v1.1.0")]);
    let rep: Vec<(String, String, bool)> =
        m.replace.iter().map(|r| (r.old.to_string(), r.new.to_string(), r.is_dir())).collect();
    assert_eq!(
        rep,
        [
            ("example.com/b".into(), "../b".into(), true),
            ("example.com/c@v0.1.0".into(), "example.com/d@v0.2.0".into(), false)
        ]
    );
}

#[test]
fn vendor_modules_txt() {
    let list = load::vendor::parse(
        "# example.com/a v1.0.0\n## explicit; go 1.21\nexample.com/a\nexample.com/a/sub\n# example.com/b v1.1.0 => ../b\n## explicit\nexample.com/b\n# example.com/c => example.com/d v0.2.0\n# weird line\nignored/pkg\n",
    );
    let a = module::ModVersion::new("example.com/a", "v1.0.0");
    assert_eq!(list.pkg_module.get("example.com/a/sub"), Some(&a));
    assert_eq!(list.pkg_module.get("ignored/pkg"), None);
    assert_eq!(
        list.modules.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
        ["example.com/a@v1.0.0", "example.com/b@v1.1.0"]
    );
    assert_eq!(list.meta[&a].go_version.as_deref(), Some("1.21"));
    assert!(list.meta[&a].explicit);
    let b = module::ModVersion::new("example.com/b", "v1.1.0");
    assert_eq!(list.meta[&b].replacement, Some(module::ModVersion::new("../b", "")));
    let c = module::ModVersion::new("example.com/c", "");
    assert_eq!(list.meta[&c].replacement, Some(module::ModVersion::new("example.com/d", "v0.2.0")));
    assert!(!list.workspace);
}

/// A tree with modules in a module cache at `modcache/`: each `(path, version, go.mod,
/// files)` is extracted as the go command does and its go.mod kept in the download cache.
/// A module without files has only its go.mod (the graph needs it, the build does not).
/// A module version in a test's module cache: path, version, go.mod, files.
type Cached<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, &'a str)]);

fn with_cache(files: &[(&str, &str)], cached: &[Cached]) -> Tree {
    let mut all: Vec<(String, String)> = files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
    for (path, version, gomod, mod_files) in cached {
        let dl = modcache::download_mod_file(Path::new("modcache"), path, version);
        all.push((dl.to_string_lossy().into_owned(), gomod.to_string()));
        let dir = modcache::module_dir(Path::new("modcache"), path, version);
        if !mod_files.is_empty() {
            all.push((dir.join("go.mod").to_string_lossy().into_owned(), gomod.to_string()));
        }
        for (p, t) in mod_files.iter() {
            all.push((dir.join(p).to_string_lossy().into_owned(), t.to_string()));
        }
    }
    let refs: Vec<(&str, &str)> = all.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    tree(&refs)
}

/// linux/amd64 with the tree's module cache, `GOFLAGS` and `GOWORK` (off unless given).
fn mod_bctx(root: &Path, goflags: &str, gowork: &str) -> BuildContext {
    let mut b = linux();
    b.modenv = load::ModEnv {
        gomodcache: Some(root.join("modcache")),
        goflags: Some(goflags.to_string()).filter(|f| !f.is_empty()),
        gowork: Some(if gowork.is_empty() { "off".to_string() } else { gowork.to_string() }),
        ..Default::default()
    };
    b
}

/// Each import path's package as `path: DIR (go1.N)`, DIR relative to the tree; or the error.
fn provided(root: &Path, cwd: &str, b: &BuildContext, paths: &[&str]) -> Vec<String> {
    paths
        .iter()
        .map(|p| match run(&root.join(cwd), &[p], b) {
            Ok(pkgs) => {
                let pkg = &pkgs[0];
                let dir = pkg.dir.strip_prefix(root).unwrap_or(&pkg.dir).display().to_string();
                format!("{p}: {dir} (go{}.{})", pkg.go_version.0, pkg.go_version.1)
            }
            Err(e) => format!("{p}: error: {}", e.replace(&root.display().to_string(), "$ROOT")),
        })
        .collect()
}

const LEAF_V1: &str = "module example.com/leaf\n\ngo 1.16\n";
const LEAF_GO: &[(&str, &str)] = &[("leaf.go", "package leaf\n")];

#[test]
fn minimal_version_selection() {
    // An unpruned main module (go 1.16) reads the whole graph: dep needs leaf v1.2.0, other
    // needs leaf v1.0.0, so leaf v1.2.0 is selected; v1.1.0 is excluded and never read.
    let root = with_cache(
        &[
            (
                "main/go.mod",
                "module example.com/main\n\ngo 1.16\n\nrequire (\n\texample.com/dep v1.1.0\n\texample.com/other v1.0.0\n)\n",
            ),
            ("main/main.go", "package main\n"),
        ],
        &[
            ("example.com/dep", "v1.1.0", "module example.com/dep\n\ngo 1.16\n\nrequire example.com/leaf v1.2.0\n", &[("dep.go", "package dep\n"), ("sub/s.go", "package sub\n")]),
            ("example.com/other", "v1.0.0", "module example.com/other\n\ngo 1.16\n\nrequire example.com/leaf v1.1.0\n", &[("o.go", "package other\n")]),
            ("example.com/leaf", "v1.1.0", LEAF_V1, &[]),
            ("example.com/leaf", "v1.2.0", "module example.com/leaf\n\ngo 1.21\n\nrequire example.com/dep v1.0.0\n", LEAF_GO),
            ("example.com/dep", "v1.0.0", "module example.com/dep\n", &[]),
        ],
    );
    let b = mod_bctx(&root, "", "");
    assert_eq!(
        provided(&root, "main", &b, &["example.com/leaf", "example.com/dep/sub", "example.com/other", "example.com/nope"]),
        [
            "example.com/leaf: modcache/example.com/leaf@v1.2.0 (go1.21)",
            "example.com/dep/sub: modcache/example.com/dep@v1.1.0/sub (go1.16)",
            "example.com/other: modcache/example.com/other@v1.0.0 (go1.16)",
            "example.com/nope: error: no required module provides package example.com/nope; to add it:\n\tgo get example.com/nope",
        ]
    );
    // Excluding leaf v1.2.0 drops dep's requirement on it: other's v1.1.0 (only its go.mod is
    // in the cache) wins, and its files are missing.
    std::fs::write(
        root.join("main/go.mod"),
        "module example.com/main\n\ngo 1.16\n\nrequire (\n\texample.com/dep v1.1.0\n\texample.com/other v1.0.0\n)\n\nexclude example.com/leaf v1.2.0\n",
    )
    .unwrap();
    assert_eq!(
        provided(&root, "main", &b, &["example.com/leaf"]),
        ["example.com/leaf: error: example.com/leaf@v1.1.0, which provides package example.com/leaf, is not in the module cache: no directory $ROOT/modcache/example.com/leaf@v1.1.0; goescape does not download modules, to fetch it:\n\tgo mod download example.com/leaf@v1.1.0"]
    );
}

#[test]
fn pruned_module_graph() {
    // A go 1.17+ main module's graph is pruned: dep (go 1.22) is a root, so its requirement
    // on mid joins the graph, but mid's own requirement on leaf v1.2.0 is not followed (its
    // go.mod is not even in the cache): the main module's leaf v1.0.0 stays selected.
    let root = with_cache(
        &[
            (
                "main/go.mod",
                "module example.com/main\n\ngo 1.22\n\nrequire (\n\texample.com/dep v1.1.0\n\texample.com/leaf v1.0.0\n)\n",
            ),
            ("main/main.go", "package main\n"),
        ],
        &[
            ("example.com/dep", "v1.1.0", "module example.com/dep\n\ngo 1.22\n\nrequire example.com/mid v1.0.0\n", &[("dep.go", "package dep\n")]),
            ("example.com/mid", "v1.0.0", "", &[("mid.go", "package mid\n")]),
            ("example.com/leaf", "v1.0.0", LEAF_V1, LEAF_GO),
        ],
    );
    // mid@v1.0.0 has files but an empty go.mod: no requirements, go 1.16.
    let b = mod_bctx(&root, "", "");
    assert_eq!(
        provided(&root, "main", &b, &["example.com/leaf", "example.com/mid"]),
        [
            "example.com/leaf: modcache/example.com/leaf@v1.0.0 (go1.16)",
            "example.com/mid: modcache/example.com/mid@v1.0.0 (go1.16)"
        ]
    );
    // With -mod=mod the message for a package no module provides is the go command's there.
    let b = mod_bctx(&root, "-mod=mod", "");
    assert_eq!(
        provided(&root, "main", &b, &["example.com/nope/x"]),
        ["example.com/nope/x: error: cannot find module providing package example.com/nope/x"]
    );
}

#[test]
fn replacements() {
    let root = with_cache(
        &[
            (
                "main/go.mod",
                "module example.com/main\n\ngo 1.22\n\nrequire (\n\texample.com/old v1.0.0\n\texample.com/local v0.0.0\n\texample.com/any v1.3.0\n)\n\nreplace example.com/old v1.0.0 => example.com/new v1.0.1\n\nreplace example.com/local => ../local\n\nreplace example.com/any => example.com/fork v0.9.0\n",
            ),
            ("main/main.go", "package main\n"),
            ("local/go.mod", "module example.com/local\n\ngo 1.20\n"),
            ("local/l.go", "package local\n"),
            ("local/nested/go.mod", "module example.com/local/nested\n"),
            ("local/nested/n.go", "package nested\n"),
        ],
        &[
            ("example.com/new", "v1.0.1", "module example.com/new\n\ngo 1.19\n", &[("n.go", "package old\n")]),
            ("example.com/fork", "v0.9.0", "module example.com/fork\n\ngo 1.18\n", &[("f.go", "package any\n")]),
        ],
    );
    let b = mod_bctx(&root, "", "");
    assert_eq!(
        provided(&root, "main", &b, &["example.com/old", "example.com/local", "example.com/any", "example.com/local/nested"]),
        [
            "example.com/old: modcache/example.com/new@v1.0.1 (go1.19)",
            "example.com/local: local (go1.20)",
            "example.com/any: modcache/example.com/fork@v0.9.0 (go1.18)",
            // A directory replacement is a local tree: a nested module is not part of it.
            "example.com/local/nested: error: no required module provides package example.com/local/nested; to add it:\n\tgo get example.com/local/nested",
        ]
    );
    // A replacement whose go.mod declares another path is refused, as by the go command.
    std::fs::write(root.join("local/go.mod"), "module example.com/elsewhere\n").unwrap();
    let b = mod_bctx(&root, "", "");
    assert_eq!(
        provided(&root, "main", &b, &["example.com/local"]),
        ["example.com/local: error: go: example.com/local@v0.0.0: parsing go.mod:\n\tmodule declares its path as: example.com/elsewhere\n\t        but was required as: example.com/local"]
    );
}

fn vendored_tree(main_go: &str) -> Tree {
    let gomod = format!("module example.com/main\n\ngo {main_go}\n\nrequire example.com/dep v1.1.0\n");
    with_cache(
        &[
            ("main/go.mod", &gomod),
            ("main/main.go", "package main\n"),
            ("main/vendor/modules.txt", "# example.com/dep v1.1.0\n## explicit; go 1.21\nexample.com/dep\n"),
            ("main/vendor/example.com/dep/dep.go", "package dep\n"),
            ("main/vendor/example.com/dep/unlisted/u.go", "package unlisted\n"),
        ],
        &[("example.com/dep", "v1.1.0", "module example.com/dep\n\ngo 1.22\n", &[("dep.go", "package dep\n")])],
    )
}

#[test]
fn vendor_directory() {
    let root = vendored_tree("1.23");
    // go >= 1.14 with a vendor directory: vendor mode, modules.txt's go version; from go 1.23
    // on, a vendored package must be listed in modules.txt.
    let b = mod_bctx(&root, "", "");
    assert_eq!(
        provided(&root, "main", &b, &["example.com/dep", "example.com/dep/unlisted", "example.com/other"]),
        [
            "example.com/dep: main/vendor/example.com/dep (go1.21)",
            "example.com/dep/unlisted: error: cannot find module providing package example.com/dep/unlisted: import lookup disabled by -mod=vendor\n\t(Go version in go.mod is at least 1.14 and vendor directory exists.)",
            "example.com/other: error: cannot find module providing package example.com/other: import lookup disabled by -mod=vendor\n\t(Go version in go.mod is at least 1.14 and vendor directory exists.)",
        ]
    );
    // -mod=mod (and -mod=readonly) ignore vendor/.
    for flags in ["-mod=mod", "-mod=readonly"] {
        let b = mod_bctx(&root, flags, "");
        assert_eq!(
            provided(&root, "main", &b, &["example.com/dep"]),
            ["example.com/dep: modcache/example.com/dep@v1.1.0 (go1.22)"],
            "{flags}"
        );
    }
    // Before go 1.14 vendor/ is used only when asked for.
    let old = vendored_tree("1.13");
    assert_eq!(
        provided(&old, "main", &mod_bctx(&old, "", ""), &["example.com/dep"]),
        ["example.com/dep: modcache/example.com/dep@v1.1.0 (go1.22)"]
    );
    assert_eq!(
        provided(&old, "main", &mod_bctx(&old, "-mod=vendor", ""), &["example.com/dep", "example.com/dep/unlisted"]),
        [
            "example.com/dep: main/vendor/example.com/dep (go1.21)",
            "example.com/dep/unlisted: main/vendor/example.com/dep/unlisted (go1.16)"
        ]
    );
    // go.mod and modules.txt must agree.
    std::fs::write(root.join("main/go.mod"), "module example.com/main\n\ngo 1.23\n\nrequire example.com/dep v1.2.0\n")
        .unwrap();
    assert_eq!(
        provided(&root, "main", &b, &["example.com/dep"]),
        ["example.com/dep: error: go: inconsistent vendoring in $ROOT/main:\n\texample.com/dep@v1.2.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt\n\texample.com/dep@v1.1.0: is marked as explicit in vendor/modules.txt, but not explicitly required in go.mod\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo mod vendor"]
    );
}

#[test]
fn workspaces() {
    let root = with_cache(
        &[
            ("go.work", "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n\nreplace example.com/c => ./c2\n"),
            ("a/go.mod", "module example.com/a\n\ngo 1.22\n"),
            ("a/main.go", "package main\n\nimport \"example.com/b/util\"\n"),
            (
                "b/go.mod",
                "module example.com/b\n\ngo 1.21\n\nrequire example.com/c v1.0.0\n\nreplace example.com/c => ./c1\n",
            ),
            ("b/util/u.go", "package util\n\nimport \"example.com/c\"\n"),
            ("c2/go.mod", "module example.com/c\n\ngo 1.20\n"),
            ("c2/c.go", "package c\n"),
            ("outside/go.mod", "module example.com/outside\n"),
        ],
        &[],
    );
    let b = mod_bctx(&root, "", &root.join("go.work").display().to_string());
    // The other workspace module, and go.work's replacement over b's.
    assert_eq!(
        provided(&root, "a", &b, &["example.com/b/util", "example.com/c"]),
        ["example.com/b/util: b/util (go1.21)", "example.com/c: c2 (go1.20)"]
    );
    // Packages of several workspace modules, in build order.
    let got = run(&root, &["./a/...", "./b/..."], &b).map(|p| summary(&p));
    assert_eq!(got, Ok(vec!["example.com/b/util: b/util/u.go".into(), "example.com/a: a/main.go".into()]));
    assert_eq!(
        run(&root, &["./..."], &b).err().as_deref(),
        Some("pattern ./...: directory prefix . does not contain modules listed in go.work or their selected dependencies")
    );
    assert_eq!(
        run(&root, &["./outside"], &b).err().as_deref(),
        Some("directory outside outside modules listed in go.work or their selected dependencies")
    );
    assert!(run(&root, &["-mod=mod"], &mod_bctx(&root, "-mod=mod", &root.join("go.work").display().to_string()))
        .unwrap_err()
        .starts_with("go: -mod may only be set to readonly or vendor when in workspace mode"));
    // GOWORK=off: module a alone does not see b.
    let off = mod_bctx(&root, "", "off");
    assert_eq!(
        provided(&root, "a", &off, &["example.com/b/util"]),
        ["example.com/b/util: error: no required module provides package example.com/b/util; to add it:\n\tgo get example.com/b/util"]
    );
}

#[test]
fn missing_dependency() {
    let root = with_cache(
        &[
            ("main/go.mod", "module example.com/main\n\ngo 1.22\n\nrequire example.com/gone v1.4.0\n"),
            ("main/main.go", "package main\n\nimport \"example.com/gone/pkg\"\n"),
        ],
        &[],
    );
    let b = mod_bctx(&root, "", "");
    let main = run(&root.join("main"), &["."], &b).unwrap().remove(0);
    let err = load::load_import("example.com/gone/pkg", &main, &b, None).unwrap_err().to_string();
    assert_eq!(
        err.replace(&root.display().to_string(), "$ROOT"),
        "main.go:3:8: example.com/gone@v1.4.0, which provides package example.com/gone/pkg, is not in the module cache: no directory $ROOT/modcache/example.com/gone@v1.4.0; goescape does not download modules, to fetch it:\n\tgo mod download example.com/gone@v1.4.0"
    );
}

/// The go command's verdicts on broken go.mod files (gc 1.27.3's `go build`, verbatim, after
/// `go: errors parsing go.mod:`).
#[test]
fn go_mod_errors() {
    use syntax::load::modfile;
    let cases: &[(&str, &[&str])] = &[
        ("module m\n\ngo 1.27\n\nthis is garbage\n", &["go.mod:5: unknown directive: this"]),
        (
            "module m\n\ngo 1.27\nfoo\nbar x\n",
            &["go.mod:4: unknown directive: foo", "go.mod:5: unknown directive: bar"],
        ),
        ("module m\n\ngo 1.x\n", &["go.mod:3: invalid go version '1.x': must match format 1.23.0"]),
        ("module m\n\ngo 1.27\nrequire example.com/x\n", &["go.mod:4: usage: require module/path v1.2.3"]),
        ("module m\nmodule n\ngo 1.27\n", &["go.mod:2: repeated module statement"]),
        ("module m\ngo 1.27\n)\n", &["go.mod:3: unknown directive: )"]),
        ("module \"m\ngo 1.27\n", &["go.mod:1:10: unexpected newline in string"]),
        (
            "module m\ngo 1.27\nrequire (\nexample.com/x v1.0.0\n",
            &["go.mod:5: syntax error (unterminated block started at /r/go.mod:3:1)"],
        ),
        ("\x00\x01", &["go.mod:1: unexpected input character '\\x00'"]),
        ("module m\ngo 1.27\nrequire (\n\texample.com/x\n)\n", &["go.mod:4:2: usage: require module/path v1.2.3"]),
        ("module m\ngo 1.27\n  foo bar\n", &["go.mod:3:3: unknown directive: foo"]),
        ("module m\ngo 1.27 /* x */\n", &["go.mod:2:9: mod files must use // comments (not /* */ comments)"]),
        ("module m\ngo 1.27\nrequire (\n)x\n", &["go.mod:4:3: syntax error (expected newline after closing paren)"]),
        (
            "module m\ngo 1.27\ntoolchain 1.2\n",
            &["go.mod:3: invalid toolchain version '1.2': must match format go1.23.0 or default"],
        ),
        ("module\ngo 1.27\n", &["go.mod:1: usage: module module/path"]),
        ("module m\ngo 1.27\ngo 1.26\n", &["go.mod:3: repeated go statement"]),
        (
            "module m\ngo 1.27\nreplace a => b\n",
            &["go.mod:3: replacement module without version must be directory path (rooted or starting with . or ..)"],
        ),
        (
            "module m\ngo 1.21rc1\ntoolchain go1.27.3\nreplace a => ./b\nrequire (\n\texample.com/x v1.0.0 // c\n)\n",
            &[],
        ),
    ];
    for (text, want) in cases {
        let got: Vec<String> = modfile::check(text, "/r/go.mod").iter().map(|e| e.render("go.mod")).collect();
        assert_eq!(&got, want, "for go.mod {text:?}");
    }
}
