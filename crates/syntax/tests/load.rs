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
        Some("go: go.mod requires go >= 1.28 (running go 1.27; GOTOOLCHAIN=local)")
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
