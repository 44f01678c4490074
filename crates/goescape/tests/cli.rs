//! The `goescape` command on bad input: every case ends in a clear error or a result, never a
//! panic, a stack overflow or a hang, and where gc can be compared it says what gc says.
//!
//! Each case builds a throwaway module (`example.com/m`, `go 1.27`) under the system temp
//! directory, runs the built binary in it with a time limit, and checks the exit status and the
//! shape of stdout and stderr. The environment is gc-free: no `GOROOT`, no `GOOS`/`GOARCH`, and
//! `PATH=/usr/bin:/bin`, so the standard library can only come from the bundled facts.
//!
//! Expectations quoting gc were recorded with gc 1.27.3:
//!
//! ```text
//! CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOTOOLCHAIN=local GOPROXY=off \
//!     go build -gcflags='-m -l' -o /dev/null <packages>
//! ```
//!
//! gc prints everything on stderr and exits 1 on errors (2 for a bad GOOS/GOARCH); goescape
//! puts verdicts on stdout, errors on stderr, and exits 2 on every error. Where our text
//! differs from gc's, the case asserts the essential shape and its comment quotes gc.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Past this a run counts as a hang.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// What a case's module holds besides its `go.mod`.
enum Src {
    /// `main.go` with this text.
    Main(&'static str),
    /// Files by slash-separated path.
    Files(&'static [(&'static str, &'static str)]),
    /// Written by a function (generated, binary or special files).
    Gen(fn(&Path)),
}

/// What a stream must look like. `$DIR` stands for the module directory.
#[derive(Clone, Copy)]
enum Expect {
    Empty,
    /// Exactly this text.
    Exact(&'static str),
    /// Each of these substrings, in this order.
    Contains(&'static [&'static str]),
    /// Only a `# pkg` header and gc-style positioned lines (`file:line:col: msg`), at least one
    /// of which contains the given text.
    Positioned(&'static str),
}

struct Case {
    name: &'static str,
    src: Src,
    /// Whether to write `go.mod` (`module example.com/m`, `go 1.27`).
    module: bool,
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    /// The exit status, or `None` for "0 or 2, whichever" (a result or a clear error).
    exit: Option<i32>,
    stdout: Expect,
    stderr: Expect,
}

/// A case with the common defaults: a module, `-l .`, exit 2, nothing on stdout.
const fn err(name: &'static str, src: Src, stderr: Expect) -> Case {
    Case { name, src, module: true, args: &["-l", "."], env: &[], exit: Some(2), stdout: Expect::Empty, stderr }
}

/// A case that succeeds with `stdout` and nothing on stderr.
const fn ok(name: &'static str, src: Src, stdout: Expect) -> Case {
    Case { name, src, module: true, args: &["-l", "."], env: &[], exit: Some(0), stdout, stderr: Expect::Empty }
}

/// A stress case: whatever the outcome, it is a result or positioned errors.
const fn survives(name: &'static str, src: Src) -> Case {
    Case {
        name,
        src,
        module: true,
        args: &["-l", "."],
        env: &[],
        exit: None,
        stdout: Expect::Positioned(""),
        stderr: Expect::Positioned(""),
    }
}

const ESCAPING: &str = "package main\n\nfunc main() {\n\tx := 1\n\tsink = &x\n}\n\nvar sink *int\n";

// ---------------------------------------------------------------------------------------------
// The runner.

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// A case's scratch directory under the system temp directory, removed with everything in it
/// when dropped: after a passing case, a failing one and a panic alike, so no run leaves
/// `goescape-cli-*` behind. A failure message carries the case's output; its source is in the
/// table.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let base = std::env::temp_dir().canonicalize().unwrap_or_else(|_| std::env::temp_dir());
        let root = base.join(format!("goescape-cli-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("m")).expect("create scratch dir");
        Scratch { root }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn write(dir: &Path, rel: &str, data: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, data).unwrap();
}

/// Runs goescape in `dir`; output goes to files next to it so nothing blocks on a pipe.
fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Outcome {
    let out_path = dir.with_extension("stdout");
    let err_path = dir.with_extension("stderr");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_goescape"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("GOROOT")
        .env_remove("GOOS")
        .env_remove("GOARCH")
        .env_remove("GOFLAGS")
        .env_remove("GOESCAPE_DUMP_IR")
        .env("PATH", "/usr/bin:/bin")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn goescape");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for goescape") {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("hang: goescape {args:?} in {} ran past {TIME_LIMIT:?}", dir.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    Outcome { code: status.code(), stdout: read(&out_path), stderr: read(&err_path) }
}

/// Checks one stream; returns what is wrong.
fn check_stream(what: &str, got: &str, want: &Expect, dir: &Path) -> Option<String> {
    let dir = dir.display().to_string();
    let bad = |why: String| Some(format!("{what}: {why}\n--- {what} ---\n{}", clip(got)));
    match want {
        Expect::Empty if !got.is_empty() => bad("want nothing".into()),
        Expect::Exact(text) => {
            let text = text.replace("$DIR", &dir);
            (got != text).then(|| format!("{what}: want exactly\n{text}--- got ---\n{}", clip(got)))
        }
        Expect::Contains(parts) => {
            let mut rest = got;
            for part in parts.iter() {
                let part = part.replace("$DIR", &dir);
                match rest.find(&part) {
                    Some(i) => rest = &rest[i + part.len()..],
                    None => return bad(format!("want {part:?} (after the earlier parts)")),
                }
            }
            None
        }
        Expect::Positioned(needle) => {
            for line in got.lines() {
                if !(line.starts_with("# ") || is_positioned(line)) {
                    return bad(format!("not a header or a positioned line: {:?}", clip(line)));
                }
            }
            (!needle.is_empty() && !got.contains(needle)).then(|| format!("{what}: want {needle:?}\n{}", clip(got)))
        }
        _ => None,
    }
}

/// `file:line:col: msg` (or gc's `file:line: msg` for columns it cannot encode).
fn is_positioned(line: &str) -> bool {
    let mut parts = line.splitn(4, ':');
    let (Some(file), Some(l), Some(rest)) = (parts.next(), parts.next(), parts.next()) else { return false };
    let num = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    !file.is_empty() && num(l) && (num(rest) || rest.starts_with(' '))
}

fn clip(s: &str) -> String {
    if s.len() <= 2000 {
        return s.to_string();
    }
    let mut end = 2000;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}... ({} bytes)", &s[..end], s.len())
}

fn run_case(c: &Case) -> Result<(), String> {
    let scratch = Scratch::new(c.name);
    let dir = scratch.root.join("m");
    if c.module {
        write(&dir, "go.mod", b"module example.com/m\n\ngo 1.27\n");
    }
    match &c.src {
        Src::Main(text) => write(&dir, "main.go", text.as_bytes()),
        Src::Files(files) => {
            for (rel, text) in files.iter() {
                write(&dir, rel, text.as_bytes());
            }
        }
        Src::Gen(f) => f(&dir),
    }
    let out = run_in(&dir, c.args, c.env);
    let mut problems = Vec::new();
    for (what, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if text.contains("panicked") || text.contains("internal error") || text.contains("overflowed its stack") {
            problems.push(format!("{what} reports a crash:\n{}", clip(text)));
        }
    }
    match (out.code, c.exit) {
        (None, _) => problems.push("killed by a signal (a crash)".into()),
        (Some(got), Some(want)) if got != want => problems.push(format!("exit status {got}, want {want}")),
        (Some(got), None) if got != 0 && got != 2 => problems.push(format!("exit status {got}, want 0 or 2")),
        _ => {}
    }
    problems.extend(check_stream("stdout", &out.stdout, &c.stdout, &dir));
    problems.extend(check_stream("stderr", &out.stderr, &c.stderr, &dir));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("case {} (in {}, now removed):\n{}", c.name, dir.display(), problems.join("\n")))
    }
}

fn run_table(cases: &[Case]) {
    let failures: Vec<String> = cases.iter().filter_map(|c| run_case(c).err()).collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

// ---------------------------------------------------------------------------------------------
// Flags and environment.

#[test]
fn flags_and_environment() {
    run_table(&[
        // Without -l, gc's default: inlining on. gc -m prints `./main.go:3:6: can inline main`
        // before the line below; the cases ask only that the mode runs and keeps the escape
        // verdict, whatever the inliner prints.
        Case {
            args: &["."],
            ..ok("default_mode", Src::Main(ESCAPING), Expect::Contains(&["./main.go:4:2: moved to heap: x\n"]))
        },
        Case {
            args: &[],
            ..ok(
                "default_mode_no_packages",
                Src::Main(ESCAPING),
                Expect::Contains(&["# example.com/m\n", "./main.go:4:2: moved to heap: x\n"]),
            )
        },
        Case {
            args: &["-m", "."],
            ..ok("default_mode_m", Src::Main(ESCAPING), Expect::Contains(&["./main.go:4:2: moved to heap: x\n"]))
        },
        Case {
            args: &["-l", "."],
            ..ok(
                "l_is_accepted",
                Src::Main(ESCAPING),
                Expect::Exact("# example.com/m\n./main.go:4:2: moved to heap: x\n"),
            )
        },
        Case {
            args: &["-l", "--go", "1.20", "."],
            ..err(
                "go_1_20",
                Src::Main(ESCAPING),
                Expect::Exact("goescape: --go 1.20: the gc releases modelled are go1.27.3, go1.26.6, go1.25.5, go1.24.11, go1.23.9, go1.22.10, go1.21.13\n"),
            )
        },
        // The oldest release whose facts are bundled, with a module at its language version.
        Case {
            args: &["-l", "--go", "1.21", "."],
            ..ok(
                "go_1_21",
                Src::Files(&[("go.mod", "module example.com/m\n\ngo 1.21\n"), ("main.go", ESCAPING)]),
                Expect::Exact("# example.com/m\n./main.go:4:2: moved to heap: x\n"),
            )
        },
        // A release whose facts are bundled, with a module at its language version; the go
        // command's check of the go line against the release, verbatim.
        Case {
            args: &["-l", "--go", "1.26", "."],
            ..ok(
                "go_1_26",
                Src::Files(&[("go.mod", "module example.com/m\n\ngo 1.26\n"), ("main.go", ESCAPING)]),
                Expect::Exact("# example.com/m\n./main.go:4:2: moved to heap: x\n"),
            )
        },
        // gc 1.26.6, verbatim: a function literal copied by inlining is named after the
        // function it lands in and the inlined call (`main.mk.func1`; 1.27 says `mk.func1`).
        Case {
            args: &["--go", "1.26", "-m", "."],
            ..ok(
                "go_1_26_inlined_literal_names",
                Src::Files(&[
                    ("go.mod", "module example.com/m\n\ngo 1.26\n"),
                    ("main.go", "package main\n\nfunc mk() func() int { return func() int { return 1 } }\n\nfunc main() { println(mk()()) }\n"),
                ]),
                Expect::Exact(
                    "# example.com/m\n./main.go:3:31: can inline mk.func1\n./main.go:3:6: can inline mk\n./main.go:5:25: inlining call to mk\n./main.go:3:31: can inline main.mk.func1\n./main.go:5:27: inlining call to main.mk.func1\n./main.go:3:31: func literal escapes to heap\n./main.go:5:25: func literal does not escape\n",
                ),
            )
        },
        // `--graph dot FUNC`: the function's location graph instead of the verdicts.
        Case {
            args: &["-l", "--graph", "dot", "main", "."],
            ..ok(
                "graph_dot",
                Src::Main(ESCAPING),
                Expect::Exact("digraph \"main\" {\n    0 [ label=\"x\\n[escapes persists mutates calls]\" color=red fontcolor=red]\n}\n"),
            )
        },
        Case {
            args: &["-l", "--graph", "dot", "nosuch", "."],
            ..err("graph_unknown_func", Src::Main(ESCAPING), Expect::Exact("goescape: --graph: no function nosuch in the packages named\n"))
        },
        Case {
            args: &["-l", "--graph", "png", "main", "."],
            ..err("graph_unknown_format", Src::Main(ESCAPING), Expect::Exact("goescape: --graph png: the graph formats are: dot\n"))
        },
        // gc's `-m=2`: why x escapes, then the verdict.
        Case {
            args: &["-m=2", "-l", "."],
            ..ok(
                "explain_m2",
                Src::Main(ESCAPING),
                Expect::Exact("# example.com/m\n./main.go:4:2: x escapes to heap in main:\n./main.go:4:2:   flow: {heap} ← &x:\n./main.go:4:2:     from &x (address-of) at ./main.go:5:9\n./main.go:4:2:     from sink = &x (assign) at ./main.go:5:7\n./main.go:4:2: moved to heap: x\n"),
            )
        },
        // `--explain`: gc's lines, and after each heap verdict why, in plain words.
        Case {
            args: &["-l", "--explain", "."],
            ..ok(
                "explain_hints",
                Src::Main(ESCAPING),
                Expect::Exact("# example.com/m\n./main.go:4:2: moved to heap: x\n./main.go:4:2:   why: its address is stored in memory that outlives the function (sink = &x: a package-level variable, or memory reached through a pointer); fix: keep it local, or store a value there instead of a pointer\n"),
            )
        },
        // `--explain` adds its hints to gc's `-m` lines only, none of `-m=2`'s (`capturing by
        // ref`).
        Case {
            args: &["-l", "--explain", "."],
            ..ok(
                "explain_hints_closure",
                Src::Main("package main\n\nvar sink func() int\n\nfunc main() {\n\tv := 0\n\tsink = func() int { v++; return v }\n}\n"),
                Expect::Exact("# example.com/m\n./main.go:6:2: moved to heap: v\n./main.go:6:2:   why: a closure that outlives the function refers to it; fix: give the closure a copy (or an argument), or keep the closure from escaping\n./main.go:7:9: func literal escapes to heap\n./main.go:7:9:   why: its address is stored in memory that outlives the function (sink = func literal: a package-level variable, or memory reached through a pointer); fix: keep it local, or store a value there instead of a pointer\n"),
            )
        },
        Case {
            args: &["-l", "--format", "sarif", "--go", "1.26", "--compare-go", "1.27", "."],
            ..err(
                "format_sarif_compare_go",
                Src::Main(ESCAPING),
                Expect::Exact("goescape: --compare-go prints its changes as gc or json, not sarif\n"),
            )
        },
        // Without --go: the release the toolchain line names, by its minor release; a
        // toolchain goescape does not model leaves the newest.
        Case {
            args: &["-m", "."],
            ..ok(
                "default_release_from_toolchain_line",
                Src::Files(&[
                    ("go.mod", "module example.com/m\n\ngo 1.26\n\ntoolchain go1.26.2 // pinned\n"),
                    ("main.go", "package main\n\nfunc mk() func() int { return func() int { return 1 } }\n\nfunc main() { println(mk()()) }\n"),
                ]),
                Expect::Contains(&["./main.go:5:27: inlining call to main.mk.func1\n"]),
            )
        },
        Case {
            args: &["-m", "."],
            ..ok(
                "default_release_unmodelled_toolchain",
                Src::Files(&[
                    ("go.mod", "module example.com/m\n\ngo 1.26\n\ntoolchain go1.99.1\n"),
                    ("main.go", "package main\n\nfunc mk() func() int { return func() int { return 1 } }\n\nfunc main() { println(mk()()) }\n"),
                ]),
                Expect::Contains(&["./main.go:5:27: inlining call to mk.func1\n"]),
            )
        },
        // `--compare-go`: only what changes from one release to the other, both verdicts on
        // one line. gc 1.26.6 and 1.27.3 print the lines above for this program (checked by
        // hand); they differ in the copied literal's name only.
        Case {
            args: &["--go", "1.26", "--compare-go", "1.27", "-m", "."],
            ..ok(
                "compare_go_1_26_1_27",
                Src::Files(&[
                    ("go.mod", "module example.com/m\n\ngo 1.26\n"),
                    ("main.go", "package main\n\nfunc mk() func() int { return func() int { return 1 } }\n\nfunc main() { println(mk()()) }\n"),
                ]),
                Expect::Exact(
                    "./main.go:3:31: go1.26.6: can inline main.mk.func1 | go1.27.3: can inline mk.func1\n./main.go:5:27: go1.26.6: inlining call to main.mk.func1 | go1.27.3: inlining call to mk.func1\n",
                ),
            )
        },
        Case {
            args: &["-l", "--go", "1.27", "--compare-go", "1.19", "."],
            ..err(
                "compare_go_unknown",
                Src::Main(ESCAPING),
                Expect::Contains(&["goescape: --compare-go 1.19: the gc releases modelled are go1.27.3"]),
            )
        },
        Case {
            args: &["-l", "--go=go1.26.6", "."],
            ..err(
                "go_1_26_module_1_27",
                Src::Main(ESCAPING),
                Expect::Exact("go: go.mod requires go >= 1.27 (running go 1.26.6; GOTOOLCHAIN=local)\n"),
            )
        },
        Case {
            args: &["-l", "--go", "1.26.5", "."],
            ..err(
                "go_1_26_5",
                Src::Main(ESCAPING),
                Expect::Exact("goescape: --go 1.26.5: the gc releases modelled are go1.27.3, go1.26.6, go1.25.5, go1.24.11, go1.23.9, go1.22.10, go1.21.13\n"),
            )
        },
        Case {
            args: &["-l", "-go=1.27.3", "."],
            ..ok("go_1_27_3", Src::Main(ESCAPING), Expect::Exact("# example.com/m\n./main.go:4:2: moved to heap: x\n"))
        },
        Case {
            args: &["-l", "-format=json", "."],
            ..ok(
                "format_json_gc_style",
                Src::Main(ESCAPING),
                Expect::Contains(&[r#"{"package":"example.com/m","file":"./main.go","line":4,"#]),
            )
        },
        Case {
            args: &["-l", "--format", "xml", "."],
            ..err("format_xml", Src::Main(ESCAPING), Expect::Exact("goescape: --format xml: want gc, json or sarif\n"))
        },
        Case {
            args: &["-l", "--bogus", "."],
            ..err("unknown_flag", Src::Main(ESCAPING), Expect::Contains(&["unexpected argument '--bogus'"]))
        },
        // gc's lines for the same file.
        Case {
            args: &["-l"],
            ..ok(
                "no_packages_means_dot",
                Src::Main(ESCAPING),
                Expect::Exact("# example.com/m\n./main.go:4:2: moved to heap: x\n"),
            )
        },
        Case {
            args: &["-m", "-l", "."],
            ..ok(
                "m_l_is_accepted",
                Src::Main(ESCAPING),
                Expect::Exact("# example.com/m\n./main.go:4:2: moved to heap: x\n"),
            )
        },
        Case {
            args: &["-l", "--format", "json", "."],
            ..ok(
                "format_json",
                Src::Main(ESCAPING),
                Expect::Exact(concat!(
                    r#"{"package":"example.com/m","file":"./main.go","line":4,"col":2,"kind":"moved-to-heap","message":"moved to heap: x","function":"main.main"}"#,
                    "\n"
                )),
            )
        },
        // gc: one package that does not type-check prints its errors under its header, the
        // others still print their lines, the ones importing it are not built; exit 2.
        Case {
            args: &["-l", "./..."],
            exit: Some(2),
            stderr: Expect::Exact("# example.com/m/b\nb/b.go:3:23: undefined: undefined\n"),
            ..ok(
                "broken_package_others_reported",
                Src::Files(BROKEN),
                Expect::Exact("# example.com/m/a\na/a.go:3:8: leaking param: p to result ~r0 level=0\n"),
            )
        },
        // gc, GOOS=linux and GOOS=windows: only the file for that GOOS is built.
        ok(
            "goos_default_linux",
            Src::Files(PER_OS),
            Expect::Exact("# example.com/m\n./f_linux.go:3:12: moved to heap: x\n"),
        ),
        Case {
            env: &[("GOOS", "windows")],
            ..ok(
                "goos_windows",
                Src::Files(PER_OS),
                Expect::Exact("# example.com/m\n./f_windows.go:5:8: p does not escape\n"),
            )
        },
        Case {
            env: &[("GOARCH", "arm64")],
            ..ok(
                "goarch_arm64",
                Src::Files(PER_OS),
                Expect::Exact("# example.com/m\n./f_linux.go:3:12: moved to heap: x\n"),
            )
        },
        // gc: `go: unsupported GOOS/GOARCH pair foo/amd64`, exit status 2.
        Case {
            env: &[("GOOS", "foo")],
            ..err("goos_unknown", Src::Files(PER_OS), Expect::Exact("go: unsupported GOOS/GOARCH pair foo/amd64\n"))
        },
        Case {
            env: &[("GOARCH", "bogus")],
            ..err("goarch_unknown", Src::Files(PER_OS), Expect::Exact("go: unsupported GOOS/GOARCH pair linux/bogus\n"))
        },
        // gc -tags foo: the tagged file joins the build.
        Case { args: &["-l", "-tags", "foo", "."], ..ok("tags_gc_style", Src::Files(PER_OS), Expect::Exact(WITH_TAG)) },
        Case { args: &["-l", "-tags=foo,bar", "."], ..ok("tags_equals", Src::Files(PER_OS), Expect::Exact(WITH_TAG)) },
        Case { args: &["-l", "--tags", "foo", "."], ..ok("tags_long", Src::Files(PER_OS), Expect::Exact(WITH_TAG)) },
    ]);
}

// ---------------------------------------------------------------------------------------------
// Targets: the verdicts on calls into std differ by GOOS/GOARCH, from the std facts of each
// target (which functions exist and are inlinable there) and the architecture's intrinsics.

#[test]
fn targets() {
    run_table(&[
        Case {
            args: &["."],
            env: &[("GOOS", "linux"), ("GOARCH", "amd64")],
            ..ok("target_linux_amd64", Src::Main(PER_TARGET), Expect::Exact(PER_TARGET_LINUX_AMD64))
        },
        Case {
            args: &["."],
            env: &[("GOOS", "linux"), ("GOARCH", "arm64")],
            ..ok("target_linux_arm64", Src::Main(PER_TARGET), Expect::Exact(PER_TARGET_LINUX_ARM64))
        },
        Case {
            args: &["."],
            env: &[("GOOS", "darwin"), ("GOARCH", "arm64")],
            ..ok("target_darwin_arm64", Src::Main(PER_TARGET), Expect::Exact(PER_TARGET_DARWIN_ARM64))
        },
        Case {
            args: &["."],
            env: &[("GOOS", "darwin"), ("GOARCH", "amd64")],
            ..ok("target_darwin_amd64", Src::Main(PER_TARGET), Expect::Exact(PER_TARGET_DARWIN_AMD64))
        },
        Case {
            args: &["."],
            env: &[("GOOS", "windows"), ("GOARCH", "amd64")],
            ..ok("target_windows_amd64", Src::Main(PER_TARGET), Expect::Exact(PER_TARGET_WINDOWS_AMD64))
        },
        // A target whose std facts are not bundled is refused, not analyzed with another's.
        Case {
            env: &[("GOOS", "linux"), ("GOARCH", "riscv64")],
            ..err(
                "target_not_bundled",
                Src::Main(PER_TARGET),
                Expect::Contains(&["goescape: no standard-library facts for linux/riscv64 with go1.27.3: the targets modelled are linux/amd64, "]),
            )
        },
    ]);
}

/// Calls whose verdicts differ by target: `bits.Reverse64` is an intrinsic on arm64 (not
/// inlined), `filepath.IsAbs` is another function on windows, and `syscall.Getpid` is a
/// system call on darwin.
const PER_TARGET: &str = r#"package p

import (
	"math/bits"
	"path/filepath"
	"syscall"
)

func Rev(x uint64) uint64 { return bits.Reverse64(x) }

func Abs(p string) bool { return filepath.IsAbs(p) }

func Pid() int { return syscall.Getpid() }

func Base(p string) string { return filepath.Base(p) }
"#;

// gc 1.27.3's output for PER_TARGET, `GOOS=… GOARCH=… go build -gcflags=-m`, per target.
const PER_TARGET_LINUX_AMD64: &str = concat!(
    "# example.com/m\n",
    "./main.go:9:6: can inline Rev\n",
    "./main.go:11:6: can inline Abs\n",
    "./main.go:13:6: can inline Pid\n",
    "./main.go:15:6: can inline Base\n",
    "./main.go:9:50: inlining call to bits.Reverse64\n",
    "./main.go:11:48: inlining call to filepath.IsAbs\n",
    "./main.go:11:48: inlining call to filepathlite.IsAbs\n",
    "./main.go:11:48: inlining call to stringslite.HasPrefix\n",
    "./main.go:13:39: inlining call to syscall.Getpid\n",
    "./main.go:15:50: inlining call to filepath.Base\n",
    "./main.go:11:10: p does not escape\n",
    "./main.go:15:11: leaking param: p to result ~r0 level=0\n",
);
const PER_TARGET_LINUX_ARM64: &str = concat!(
    "# example.com/m\n",
    "./main.go:9:6: can inline Rev\n",
    "./main.go:11:6: can inline Abs\n",
    "./main.go:13:6: can inline Pid\n",
    "./main.go:15:6: can inline Base\n",
    "./main.go:11:48: inlining call to filepath.IsAbs\n",
    "./main.go:11:48: inlining call to filepathlite.IsAbs\n",
    "./main.go:11:48: inlining call to stringslite.HasPrefix\n",
    "./main.go:13:39: inlining call to syscall.Getpid\n",
    "./main.go:15:50: inlining call to filepath.Base\n",
    "./main.go:11:10: p does not escape\n",
    "./main.go:15:11: leaking param: p to result ~r0 level=0\n",
);
const PER_TARGET_DARWIN_ARM64: &str = concat!(
    "# example.com/m\n",
    "./main.go:9:6: can inline Rev\n",
    "./main.go:11:6: can inline Abs\n",
    "./main.go:13:6: can inline Pid\n",
    "./main.go:15:6: can inline Base\n",
    "./main.go:11:48: inlining call to filepath.IsAbs\n",
    "./main.go:11:48: inlining call to filepathlite.IsAbs\n",
    "./main.go:11:48: inlining call to stringslite.HasPrefix\n",
    "./main.go:15:50: inlining call to filepath.Base\n",
    "./main.go:11:10: p does not escape\n",
    "./main.go:15:11: leaking param: p to result ~r0 level=0\n",
);
const PER_TARGET_DARWIN_AMD64: &str = concat!(
    "# example.com/m\n",
    "./main.go:9:6: can inline Rev\n",
    "./main.go:11:6: can inline Abs\n",
    "./main.go:13:6: can inline Pid\n",
    "./main.go:15:6: can inline Base\n",
    "./main.go:9:50: inlining call to bits.Reverse64\n",
    "./main.go:11:48: inlining call to filepath.IsAbs\n",
    "./main.go:11:48: inlining call to filepathlite.IsAbs\n",
    "./main.go:11:48: inlining call to stringslite.HasPrefix\n",
    "./main.go:15:50: inlining call to filepath.Base\n",
    "./main.go:11:10: p does not escape\n",
    "./main.go:15:11: leaking param: p to result ~r0 level=0\n",
);
const PER_TARGET_WINDOWS_AMD64: &str = concat!(
    "# example.com/m\n",
    "./main.go:9:6: can inline Rev\n",
    "./main.go:11:6: can inline Abs\n",
    "./main.go:13:6: can inline Pid\n",
    "./main.go:15:6: can inline Base\n",
    "./main.go:9:50: inlining call to bits.Reverse64\n",
    "./main.go:11:48: inlining call to filepath.IsAbs\n",
    "./main.go:13:39: inlining call to syscall.Getpid\n",
    "./main.go:15:50: inlining call to filepath.Base\n",
    "./main.go:11:10: p does not escape\n",
    "./main.go:15:11: leaking param: p to result ~r0 level=0\n",
);

/// Package `a` is fine, `b` does not type-check, `c` imports `b`.
const BROKEN: &[(&str, &str)] = &[
    ("a/a.go", "package a\n\nfunc F(p *int) *int { return p }\n"),
    ("b/b.go", "package b\n\nfunc G() int { return undefined }\n"),
    ("c/c.go", "package c\n\nimport \"example.com/m/b\"\n\nfunc H(p *int) int { return b.G() }\n"),
];

const PER_OS: &[(&str, &str)] = &[
    ("main.go", "package main\n\nfunc main() { f() }\n"),
    ("f_windows.go", "package main\n\nfunc f() { x := 1; g(&x) }\n\nfunc g(p *int) {}\n"),
    ("f_linux.go", "package main\n\nfunc f() { x := 2; sink = &x }\n\nvar sink *int\n"),
    ("tag.go", "//go:build foo\n\npackage main\n\nfunc init() { y := 3; sink = &y }\n"),
];

const WITH_TAG: &str = "# example.com/m\n./f_linux.go:3:12: moved to heap: x\n./tag.go:5:15: moved to heap: y\n";

// ---------------------------------------------------------------------------------------------
// Source that gc refuses: syntax errors, type errors, imports that cannot be found.

#[test]
fn source_errors() {
    run_table(&[
        // gc, verbatim: in a package of Go files only, a function needs a body unless a
        // `//go:linkname` directive names it (then nothing is said).
        err(
            "missing_function_body",
            Src::Main("package main\n\nfunc f() int\n\nfunc main() { _ = f() }\n"),
            Expect::Exact("# example.com/m\n./main.go:3:6: missing function body\n"),
        ),
        ok(
            "linknamed_function_without_body",
            Src::Main(
                "package main\n\nimport _ \"unsafe\"\n\nfunc f() int64\n\n//go:linkname f runtime.nanotime\n\nfunc main() { _ = f() }\n",
            ),
            Expect::Empty,
        ),
        // gc, verbatim.
        err(
            "type_parameter_as_constraint",
            Src::Main("package main\n\nfunc f[T any, U T]() {}\n\nfunc main() {}\n"),
            Expect::Exact("# example.com/m\n./main.go:3:17: cannot use a type parameter as constraint\n"),
        ),
        // gc, verbatim: a pointer to an interface has no methods.
        err(
            "pointer_to_interface",
            Src::Main("package main\n\nfunc f() error { var err error; return &err }\n\nfunc main() { _ = f() }\n"),
            Expect::Exact(
                "# example.com/m\n./main.go:3:40: cannot use &err (value of type *error) as error value in return statement: *error does not implement error (type *error is pointer to interface, not interface)\n",
            ),
        ),
        // gc, verbatim: types2's descriptions. Function and composite literals print as the
        // syntax printer's short form, an operand of a defined type or alias says the type's
        // structure (`of struct type S`), a type parameter its constraint, and a package whose
        // name another package of the import graph shares (`internal/sync`) is its quoted path.
        err(
            "operand_descriptions",
            Src::Main(
                "package main\n\nimport \"sync\"\n\ntype S struct{ x int }\n\nfunc f[T any](x T) { x() }\n\nfunc main() {\n\tvar mu sync.Mutex\n\tvar s S\n\tvar a any\n\tfunc() int { return 1 }\n\tfunc() {}\n\t_ = S{} + s\n\ta()\n\tmu.Lok()\n}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:7:22: invalid operation: cannot call x (variable of type T constrained by any): no specific type\n./main.go:13:2: func() int {…} (value of type func() int) is not used\n./main.go:14:2: func() {} (value of type func()) is not used\n./main.go:15:6: invalid operation: operator + not defined on S{} (value of struct type S)\n./main.go:16:2: invalid operation: cannot call a (variable of interface type any): any is not a function\n./main.go:17:5: mu.Lok undefined (type \"sync\".Mutex has no field or method Lok)\n",
            ),
        ),
        // gc, verbatim: types2's `arrayLength` and `commonUnder`, and `cannot index` without
        // `invalid operation`.
        err(
            "array_lengths_and_calls",
            Src::Main(
                "package main\n\nconst c = -1\n\nvar v = 3\n\nfunc g[P ~int | ~string](p P) { p() }\nfunc h[P ~func() | ~func(int)](p P) { p() }\n\nfunc main() {\n\tvar a [stack]int\n\tvar b [c]int\n\tvar d [1.5]int\n\tvar e [v]int\n\tvar f [v + 1]int\n\tvar g [int(-2)]int\n\t_, _, _, _, _, _ = a, b, d, e, f, g\n\t_ = 0[1]\n}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:7:33: invalid operation: cannot call p (variable of type P constrained by ~int | ~string): int is not a function\n./main.go:8:39: invalid operation: cannot call p (variable of type P constrained by ~func() | ~func(int)): func() and func(int) have different underlying types\n./main.go:11:9: undefined array length stack or missing type constraint\n./main.go:12:9: invalid array length c (untyped int constant -1)\n./main.go:13:9: array length 1.5 (untyped float constant) must be integer\n./main.go:14:9: invalid array length v\n./main.go:15:9: array length v + 1 (value of type int) must be constant\n./main.go:16:9: invalid array length int(-2) (constant -2 of type int)\n./main.go:18:7: cannot index 0 (untyped int constant)\n",
            ),
        ),
        // gc, verbatim: what gc's scanner skips (NUL bytes, byte order marks) stays in the name
        // or number holding it, and type checking goes on: `sum\0` is declared and not used,
        // `od\0d` is not `odd`, a number holding one is malformed, and a name holding one is
        // undefined without a word (types2's `isValidName`), its operand invalid and unused.
        err(
            "skipped_characters_inside_tokens",
            Src::Main(
                "package main\n\nfunc od\0d(n int) bool { return n == 0 }\n\nfunc main() {\n\tsum\0 := 0.0\n\tfor _, s\u{feff} := range []int{1} {\n\t}\n\tretur\0n\n\t_ = odd(1)\n\t_ = 1\0\n}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:3:8: invalid NUL character\n./main.go:6:2: declared and not used: sum\0\n./main.go:6:5: invalid NUL character\n./main.go:7:9: declared and not used: s\u{feff}\n./main.go:7:10: invalid BOM in the middle of the file\n./main.go:9:2: retur\0n (invalid operand) is not used\n./main.go:9:7: invalid NUL character\n./main.go:10:6: undefined: odd\n./main.go:11:6: malformed constant: 1\0\n./main.go:11:7: invalid NUL character\n./main.go:7:9: too many errors\n",
            ),
        ),
        // gc: bytes that are not UTF-8 inside a number make it malformed (gc prints the bytes,
        // we print U+FFFD); after them gc's parser says nothing of an unexpected EOF, and the
        // package is type checked.
        err(
            "invalid_utf8_then_eof",
            Src::Gen(|d| {
                std::fs::write(
                    d.join("main.go"),
                    b"package main\n\nfunc main() {\n\tx := 4\xe2\x802\n\tfor _, c := range []byte(\"a\") {\n\xff\t}\n",
                )
                .unwrap()
            }),
            Expect::Contains(&[
                "# example.com/m\n./main.go:4:2: declared and not used: x\n./main.go:4:7: malformed constant: 4",
                "./main.go:4:8: invalid UTF-8 encoding\n./main.go:5:9: declared and not used: c\n./main.go:6:1: invalid UTF-8 encoding\n",
            ]),
        ),
        // gc, verbatim: the noder's pragma checks while parsing. A directive not on a line of
        // its own is misplaced, and so is one with a flag that no declaration takes before a
        // statement (a declaration statement takes it: the writer's later check is not made
        // after errors); type checking goes on.
        err(
            "misplaced_compiler_directives",
            Src::Main(
                "package main\n\nfunc main() {\n\tx := 1 //go:noinline\n\t_ = x\n\t//go:noinline\n\t_ = x\n\t//go:nosplit\n\tvar z int\n\t_ = z\n\t//go:foo\n\t_ = x\n\tvar s string = 1\n}\n\n//go:noinline\ntype T int\n\n//go:foo\nvar y int\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:4:11: misplaced compiler directive\n./main.go:6:4: misplaced compiler directive\n./main.go:13:6: declared and not used: s\n./main.go:13:17: cannot use 1 (untyped int constant) as string value in variable declaration\n",
            ),
        ),
        // gc accepts it: a `/*go:` comment is no directive (gc's scanner looks for `line`
        // only in block comments).
        ok(
            "block_comment_is_no_directive",
            Src::Main("package main\n\nfunc main() {\n\tx := 1 /*go:noinline*/\n\t_ = x\n}\n"),
            Expect::Empty,
        ),
        // gc, verbatim: a directive read while the parser looks ahead past a syntax error is
        // cleared, unused, at the end of the declaration.
        err(
            "directive_after_unclosed_struct",
            Src::Main("package main\n\ntype T struct {\n\tn int\n\n//go:noinline\nfunc f() {}\n"),
            Expect::Exact(
                "# example.com/m\n./main.go:6:3: misplaced compiler directive\n./main.go:7:1: syntax error: unexpected keyword func, expected field name or embedded type\n",
            ),
        ),
        // gc, verbatim: the noder reports a method without body at its receiver list.
        err(
            "method_missing_body",
            Src::Main("package main\n\ntype Dog struct{}\n\nfunc (Dog) Speak()\n\nfunc main() {}\n"),
            Expect::Exact("# example.com/m\n./main.go:5:6: missing function body\n"),
        ),
        // gc, verbatim: type errors are printed through the file's line directives too.
        err(
            "type_errors_under_line_directive",
            Src::Main(
                "package main\n\nvar y int = \"s\"\n\n//line gen.y:100\nfunc f() int {\n\treturn t\n}\n\nfunc main() {}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:3:13: cannot use \"s\" (untyped string constant) as int value in variable declaration\n./gen.y:101: undefined: t\n",
            ),
        ),
        // gc, verbatim: a function's own name in its signature is no type (types2's `ident`
        // stops before checking a declaration that is not a type's).
        err(
            "function_name_as_result_type",
            Src::Main("package main\n\nfunc b(x int) []b { return nil }\n\nfunc main() {}\n"),
            Expect::Exact("# example.com/m\n./main.go:3:17: b (function) is not a type\n"),
        ),
        // gc, verbatim: after an invalid argument, no inference error (go.dev/issue/60434).
        err(
            "invalid_argument_no_inference_error",
            Src::Main("package main\n\nimport \"slices\"\n\nfunc main() {\n\tv := \"a\"\n\t_ = slices.Index(string, v)\n}\n"),
            Expect::Exact("# example.com/m\n./main.go:7:19: string (type) is not an expression\n"),
        ),
        // gc, verbatim: gc stops at the tenth error of a package, syntax or type error alike.
        err(
            "too_many_syntax_errors",
            Src::Gen(|d| {
                let body: String = (1..=12).map(|i| format!("func f{i}() {{\n\tx := \n}}\n")).collect();
                main_go(d, body)
            }),
            Expect::Contains(&[
                "./main.go:5:1: syntax error: unexpected }, expected expression\n",
                "./main.go:32:1: syntax error: unexpected }, expected expression\n./main.go:32:1: too many errors\n",
            ]),
        ),
        err(
            "too_many_type_errors",
            Src::Gen(|d| {
                let body: String = (1..=12).map(|i| format!("func f{i}() int {{ return \"s\" }}\n")).collect();
                main_go(d, body)
            }),
            Expect::Contains(&[
                "./main.go:12:25: cannot use \"s\" (untyped string constant) as int value in return statement\n./main.go:12:25: too many errors\n",
            ]),
        ),
        // gc, verbatim: an anonymous interface cycle, which go/types accepts and gc refuses after
        // type checking (go.dev/issue/56103); printing its type never ends.
        err(
            "anonymous_interface_cycle",
            Src::Main(
                "package main\n\ntype A interface{ a() interface{ A; B } }\ntype B interface{ b() interface{ A } }\n\nvar _ = A.a\n\nfunc main() {}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:3:8: invalid recursive type: anonymous interface refers to itself (see https://go.dev/issue/56103)\n",
            ),
        ),
        // gc, verbatim (gc exits 1).
        err(
            "syntax_error",
            Src::Main("package main\n\nfunc main() {\n\tx := \n}\n"),
            Expect::Exact("# example.com/m\n./main.go:5:1: syntax error: unexpected }, expected expression\n"),
        ),
        // gc recovers differently:
        //   ./main.go:4:5: syntax error: missing condition in if statement
        //   ./main.go:8:6: syntax error: unexpected name f, expected (
        // we print
        //   ./main.go:4:2: syntax error: unexpected keyword if, expected expression
        //   ./main.go:6:2: syntax error: non-declaration statement outside function body
        //   ./main.go:9:1: syntax error: unexpected EOF in parameter list; possibly missing comma or )
        err(
            "syntax_error_recovery",
            Src::Main("package main\n\nfunc main() {\n\tif {\n\t}\n\tfor ;; x {\n}\nfunc f(\n"),
            Expect::Contains(&["# example.com/m\n./main.go:4:", ": syntax error: "]),
        ),
        // gc, verbatim: the first error of a dependency, under its header.
        err(
            "syntax_error_in_dependency",
            Src::Files(&[
                ("main.go", "package main\n\nimport \"example.com/m/a\"\n\nfunc main() { a.F() }\n"),
                ("a/a.go", "package a\n\nfunc F() { x := }\n"),
            ]),
            Expect::Exact("# example.com/m/a\na/a.go:3:17: syntax error: unexpected }, expected expression\n"),
        ),
        // gc, verbatim.
        err(
            "type_errors",
            Src::Main("package main\n\nfunc main() {\n\tvar x int = \"s\"\n\ty := 1\n}\n"),
            Expect::Exact(concat!(
                "# example.com/m\n",
                "./main.go:4:6: declared and not used: x\n",
                "./main.go:4:14: cannot use \"s\" (untyped string constant) as int value in variable declaration\n",
                "./main.go:5:2: declared and not used: y\n",
            )),
        ),
        // gc, verbatim: generic code that needs infinitely many instances.
        err(
            "instantiation_cycle_func",
            Src::Main("package main\n\nfunc f[T any](x T) {\n\tf[*T](&x)\n}\n\nfunc main() { f(1) }\n"),
            Expect::Exact("# example.com/m\n./main.go:3:8: instantiation cycle:\n\t./main.go:4:4: T instantiated as *T\n"),
        ),
        err(
            "instantiation_cycle_method",
            Src::Main("package main\n\ntype Box[T any] struct{ v T }\n\nfunc (b Box[T]) Wrap() Box[Box[T]] { return Box[Box[T]]{b} }\n\nfunc main() { _ = Box[int]{}.Wrap() }\n"),
            Expect::Exact("# example.com/m\n./main.go:3:10: instantiation cycle:\n\t./main.go:5:28: T instantiated as Box[T]\n"),
        ),
        // gc, verbatim.
        err(
            "missing_module_import",
            Src::Main("package main\n\nimport \"example.com/nope\"\n\nfunc main() { nope.X() }\n"),
            Expect::Exact("main.go:3:8: no required module provides package example.com/nope; to add it:\n\tgo get example.com/nope\n"),
        ),
        // gc names the directory it looked in:
        //   main.go:3:8: package nosuch/pkg is not in std (<GOROOT>/src/nosuch/pkg)
        // we have no GOROOT, and say so inside the parentheses.
        err(
            "missing_std_import",
            Src::Main("package main\n\nimport \"nosuch/pkg\"\n\nfunc main() { pkg.Y() }\n"),
            Expect::Contains(&["main.go:3:8: package nosuch/pkg is not in std ("]),
        ),
        // gc reports every missing import, we the first:
        //   main.go:3:8: no required module provides package example.com/nope; to add it:
        //   	go get example.com/nope
        //   main.go:4:8: package nosuch/pkg is not in std (<GOROOT>/src/nosuch/pkg)
        err(
            "two_missing_imports",
            Src::Main("package main\n\nimport \"example.com/nope\"\nimport \"nosuch/pkg\"\n\nfunc main() { nope.X(); pkg.Y() }\n"),
            Expect::Contains(&["main.go:3:8: no required module provides package example.com/nope"]),
        ),
        // gc, verbatim.
        err(
            "import_cycle",
            Src::Files(&[
                ("main.go", "package main\n\nimport \"example.com/m/a\"\n\nfunc main() { a.F() }\n"),
                ("a/a.go", "package a\n\nimport \"example.com/m/b\"\n\nfunc F() { b.G() }\n"),
                ("b/b.go", "package b\n\nimport \"example.com/m/a\"\n\nfunc G() { a.F() }\n"),
            ]),
            Expect::Exact(concat!(
                "package example.com/m\n",
                "\timports example.com/m/a from main.go\n",
                "\timports example.com/m/b from a.go\n",
                "\timports example.com/m/a from b.go: import cycle not allowed\n",
            )),
        ),
        // gc, verbatim: an internal package of another tree, under the stack of imports.
        err(
            "internal_import_of_another_tree",
            Src::Files(&[
                ("main.go", "package main\n\nimport \"example.com/m/b\"\n\nfunc main() { b.G() }\n"),
                ("b/b.go", "package b\n\nimport \"example.com/m/a/internal/x\"\n\nfunc G() { x.F() }\n"),
                ("a/internal/x/x.go", "package x\n\nfunc F() {}\n"),
                ("a/a.go", "package a\n\nimport \"example.com/m/a/internal/x\"\n\nfunc A() { x.F() }\n"),
            ]),
            Expect::Exact(concat!(
                "package example.com/m\n",
                "\timports example.com/m/b\n",
                "\tb/b.go:3:8: use of internal package example.com/m/a/internal/x not allowed\n",
            )),
        ),
        // gc, verbatim: std's internal packages are std's own.
        err(
            "internal_import_of_std",
            Src::Main("package main\n\nimport \"internal/bytealg\"\n\nfunc main() { _ = bytealg.MaxLen }\n"),
            Expect::Exact("package example.com/m\n\tmain.go:3:8: use of internal package internal/bytealg not allowed\n"),
        ),
        // gc, with GOROOT spelled `$GOROOT` (goescape has none): a std directory whose files
        // the default build constraints all exclude.
        err(
            "import_of_excluded_std_package",
            Src::Main("package main\n\nimport \"arena\"\n\nvar a *arena.Arena\n\nfunc main() {}\n"),
            Expect::Exact("package example.com/m\n\timports arena: build constraints exclude all Go files in $GOROOT/src/arena\n"),
        ),
        // gc prints every package's load error and compiles nothing:
        //   package example.com/m/b
        //   	b/b.go:3:8: use of internal package example.com/m/a/internal/x not allowed
        //   package example.com/m
        //   	imports example.com/m/c
        //   	imports example.com/m/c/deep: build constraints exclude all Go files in $DIR/c/deep
        // An excluded package's stack is the one of its first load, from the first root in
        // pattern order; ours starts at the first root in build order that reaches it.
        Case {
            args: &["-l", "./..."],
            ..err(
                "load_errors_of_every_package",
                Src::Files(&[
                    ("main.go", "package main\n\nimport (\n\t\"example.com/m/b\"\n\t\"example.com/m/c\"\n)\n\nfunc main() { b.G(); c.H() }\n"),
                    ("b/b.go", "package b\n\nimport \"example.com/m/a/internal/x\"\n\nfunc G() { x.F() }\n"),
                    ("a/internal/x/x.go", "package x\n\nfunc F() {}\n"),
                    ("c/c.go", "package c\n\nimport \"example.com/m/c/deep\"\n\nfunc H() { deep.D() }\n"),
                    ("c/deep/deep.go", "//go:build never\n\npackage deep\n\nfunc D() {}\n"),
                    ("d/d.go", "package d\n\nfunc E() int { var x int = \"s\"; return x }\n"),
                ]),
                Expect::Contains(&[
                    "package example.com/m/b\n\tb/b.go:3:8: use of internal package example.com/m/a/internal/x not allowed\n",
                    "\timports example.com/m/c/deep: build constraints exclude all Go files in $DIR/c/deep\n",
                ]),
            )
        },
        // gc says first that a main package cannot be imported:
        //   a/a.go:3:8: import "example.com/m" is a program, not an importable package
        // then the same cycle report as ours.
        err(
            "import_of_main",
            Src::Files(&[
                ("main.go", "package main\n\nimport \"example.com/m/a\"\n\nfunc main() { a.F() }\n"),
                ("a/a.go", "package a\n\nimport \"example.com/m\"\n\nfunc F() {}\n"),
            ]),
            Expect::Contains(&[
                "package example.com/m\n",
                "\timports example.com/m/a from main.go\n",
                "\timports example.com/m from a.go: import cycle not allowed\n",
            ]),
        ),
        // gc, verbatim: go/parser (the go command's header read) refuses the path, naming the
        // file by its absolute path.
        err(
            "invalid_import_path",
            Src::Main("package main\n\nimport _ \"fmt\\x00\"\n\nfunc main() {}\n"),
            Expect::Exact("$DIR/main.go:3:8: invalid import path: fmt\0\n"),
        ),
        // gc, verbatim: x/mod's CheckImportPath.
        err(
            "malformed_import_path",
            Src::Main("package main\n\nimport _ \"\\u00e9t\\u00e9\"\n\nfunc main() {}\n"),
            Expect::Exact("main.go:3:8: malformed import path \"été\": invalid char 'é'\n"),
        ),
        // The go command's check (cmd/go/main.go), verbatim.
        Case {
            args: &["-l", "--goroot", "/nonexistent/./goroot", "fmt"],
            ..err("goroot_missing", Src::Main("package main\n\nfunc main() {}\n"), Expect::Exact("go: cannot find GOROOT directory: /nonexistent/goroot\n"))
        },
        // gc, verbatim: the go command's modfile checks.
        err(
            "garbage_go_mod",
            Src::Files(&[("go.mod", "module example.com/m\n\ngo 1.27\n\nthis is garbage\n"), ("main.go", "package main\n\nfunc main() {}\n")]),
            Expect::Exact("go: errors parsing go.mod:\ngo.mod:5: unknown directive: this\n"),
        ),
        // gc, verbatim.
        err(
            "two_packages_in_one_dir",
            Src::Files(&[("main.go", "package main\n\nfunc main() {}\n"), ("o.go", "package other\n")]),
            Expect::Exact("found packages main (main.go) and other (o.go) in $DIR\n"),
        ),
        // gc, verbatim.
        err(
            "nul_bytes",
            Src::Main("package main\n\nvar s = \"a\0b\"\nvar t\0 = 1\n"),
            Expect::Exact("# example.com/m\n./main.go:3:11: invalid NUL character\n./main.go:4:6: invalid NUL character\n"),
        ),
        // gc, verbatim: the first byte that is not UTF-8 on each line, wherever it is; the scanner
        // then skips it.
        err(
            "invalid_utf8",
            Src::Gen(|d| {
                write(
                    d,
                    "main.go",
                    b"package main\n\nvar s = \"\xff\xfe\" // \xe9\nvar \xc3x = 1\nvar \xff = 2\nvar y = 1 \xff 2\n",
                )
            }),
            Expect::Exact(
                "# example.com/m\n./main.go:3:10: invalid UTF-8 encoding\n./main.go:4:5: invalid UTF-8 encoding\n./main.go:5:5: invalid UTF-8 encoding\n./main.go:5:7: syntax error: unexpected =, expected name\n./main.go:6:11: invalid UTF-8 encoding\n./main.go:6:13: syntax error: unexpected literal 2 after top level declaration\n",
            ),
        ),
        // gc, verbatim: the go command reads the header (up to the first declaration after the
        // imports) with go/scanner, which stops at the first such byte.
        err(
            "invalid_utf8_in_header",
            Src::Gen(|d| {
                write(d, "main.go", b"package main\n\n// caf\xe9 \xff\nimport \"os\"\n\nfunc main() { os.Exit(0) }\n")
            }),
            Expect::Exact("main.go:3:7: illegal UTF-8 encoding\n"),
        ),
        // gc, verbatim: go/types' initialization order, through functions and methods.
        err(
            "initialization_cycle_through_functions",
            Src::Main(
                "package main\n\ntype T struct{}\n\nfunc (T) m() int { return y }\n\nvar x = g()\n\nfunc g() int { return T{}.m() }\n\nvar y = x\n\nvar z = h()\n\nfunc h() int { return z }\n\nfunc main() {}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:7:5: initialization cycle for x\n\t./main.go:7:5: x refers to g\n\t./main.go:9:6: g refers to m\n\t./main.go:5:10: m refers to y\n\t./main.go:11:5: y refers to x\n./main.go:13:5: initialization cycle for z\n\t./main.go:13:5: z refers to h\n\t./main.go:15:6: h refers to z\n",
            ),
        ),
        // gc, verbatim: go/types' validType follows embedded interfaces.
        err(
            "interface_embeds_itself",
            Src::Main("package main\n\ntype I interface {\n\tI\n\tm()\n}\n\nfunc main() {}\n"),
            Expect::Exact("# example.com/m\n./main.go:3:6: invalid recursive type: I refers to itself\n"),
        ),
        // gc, verbatim: a composite literal of a type still being declared (go/types'
        // isComplete).
        err(
            "literal_of_type_being_declared",
            Src::Main("package main\n\ntype T [len(T{})]int\n\nfunc main() {}\n"),
            Expect::Exact("# example.com/m\n./main.go:3:6: invalid recursive type: T refers to itself\n"),
        ),
        // gc, verbatim: go/types names what an identifier is when a type was wanted (and the
        // variable counts as used); gc prints its first ten errors (in the order the checker
        // finds them) by position, then `too many errors` at the tenth.
        err(
            "not_a_type_ten_errors",
            Src::Main(
                "package main\n\nvar small = 1\n\nfunc f(p int) (r int) {\n\tvar a p\n\tvar b r\n\tvar c small\n\tvar d f\n\tvar e len\n\tvar g nil\n\treturn 0\n}\n\nfunc main() {}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:6:6: declared and not used: a\n./main.go:6:8: p (parameter) is not a type\n./main.go:7:6: declared and not used: b\n./main.go:7:8: r (result variable) is not a type\n./main.go:8:6: declared and not used: c\n./main.go:8:8: small (package-level variable) is not a type\n./main.go:9:6: declared and not used: d\n./main.go:9:8: f (function) is not a type\n./main.go:10:8: len (built-in function) is not a type\n./main.go:11:8: nil (untyped nil) is not a type\n./main.go:9:6: too many errors\n",
            ),
        ),
        err(
            "not_a_type_kinds",
            Src::Main(
                "package main\n\ntype S struct{ f int }\n\nfunc (s S) m() {\n\tvar a s\n\t_ = a\n}\n\nfunc main() {\n\tx := _\n\tvar y x\n\tconst k = 1\n\tvar z k\n\tvar w S.m\n}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:6:8: s (receiver) is not a type\n./main.go:11:7: cannot use _ as value or type\n./main.go:12:6: declared and not used: y\n./main.go:12:8: x (local variable) is not a type\n./main.go:14:6: declared and not used: z\n./main.go:14:8: k (constant) is not a type\n./main.go:15:6: declared and not used: w\n./main.go:15:10: S.m is not a type\n",
            ),
        ),
        // gc, verbatim: the noder's checks of linkname directives, once the package
        // type-checks (`collectDecls`), then the missing bodies; a directive of the wrong
        // length is reported while parsing and does not stop type checking.
        err(
            "linkname_directives",
            Src::Main(
                "package main\n\nimport _ \"unsafe\"\n\n//go:linkname memclr runtime.memclrNoHeapPointers\nfunc memclr(p uintptr, n uintptr)\n\n//go:linkname memclr runtime.memclrNoHeapPointers\n//go:linkname nothere runtime.x\n//go:linkname T runtime.y\n//go:linkname v runtime.v[int]\ntype T int\n\nvar v int\n\nfunc main() {}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:8:3: duplicate //go:linkname for memclr\n./main.go:9:3: //go:linkname must refer to declared function or variable\n./main.go:10:3: //go:linkname must refer to declared function or variable\n./main.go:11:3: //go:linkname reference of an instantiation is not allowed\n",
            ),
        ),
        err(
            "linkname_without_unsafe",
            Src::Main("package main\n\n//go:linkname f runtime.f\nfunc f()\n\nfunc main() {}\n"),
            Expect::Exact(
                "# example.com/m\n./main.go:3:3: //go:linkname only allowed in Go files that import \"unsafe\"\n./main.go:4:6: missing function body\n",
            ),
        ),
        err(
            "linkname_usage",
            Src::Main("package main\n\nimport _ \"unsafe\"\n\n//go:linkname a b c d\nvar x int = \"s\"\n\nfunc main() {}\n"),
            Expect::Exact(
                "# example.com/m\n./main.go:5:3: usage: //go:linkname localname [linkname]\n./main.go:6:13: cannot use \"s\" (untyped string constant) as int value in variable declaration\n",
            ),
        ),
        // go build, verbatim: a main package is linked, and without `func main` the linker
        // refuses it (after the compiler's output).
        err(
            "main_package_without_main",
            Src::Main("package main\n\nfunc f() {}\n"),
            Expect::Exact("# example.com/m\nruntime.main_main·f: function main is undeclared in the main package\n"),
        ),
        // gc, verbatim: the first of two equal imports stays in scope; the second is unused.
        err(
            "import_redeclared",
            Src::Main("package main\n\nimport (\n\t\"errors\"\n\t\"errors\"\n)\n\nvar E = errors.New(\"e\")\n\nfunc main() {}\n"),
            Expect::Exact(
                "# example.com/m\n./main.go:5:2: errors redeclared in this block\n\t./main.go:4:2: other declaration of errors\n./main.go:5:2: \"errors\" imported and not used\n",
            ),
        ),
        // gc, verbatim: calling a non-function leaves its arguments unchecked (so `s` is
        // unused), and an error about an invalid type after the first error is not said.
        err(
            "follow_on_errors",
            Src::Main(
                "package main\n\nfunc length(len, b string) int {\n\ts := a + b\n\treturn len(s)\n}\n\nfunc adder(x int) func(int) int {\n\treturn func(y int) in {\n\t\treturn x + y\n\t}\n}\n\nfunc main() {}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:4:2: declared and not used: s\n./main.go:4:7: undefined: a\n./main.go:5:9: invalid operation: cannot call len (variable of type string): string is not a function\n./main.go:9:21: undefined: in\n",
            ),
        ),
        // gc, verbatim: a constant string doubled line by line reaches go/types' limit. As in
        // go/constant, the bytes of a long concatenation are not joined until needed, so twenty
        // more constants of 1.5 GB each cost nothing.
        err(
            "constant_string_too_long",
            Src::Gen(|dir| {
                let mut src = String::from("package main\n\nconst a0 = \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"\n");
                for i in 1..=25 {
                    src += &format!("const a{i} = a{} + a{}\n", i - 1, i - 1);
                }
                for j in 0..20 {
                    src += &format!("const b{j} = a24 + a23 + \"{j}\"\n");
                }
                src += "func main() {}\n";
                std::fs::write(dir.join("main.go"), src).unwrap();
            }),
            Expect::Exact("# example.com/m\n./main.go:28:17: constant string too long (2147483648 bytes > 2000000000 bytes)\n"),
        ),
        // gc, verbatim: sizes past MaxWidth (1<<50), the package's types first.
        err(
            "type_larger_than_address_space",
            Src::Main("package main\n\ntype T [1 << 62]byte\n\nfunc f(p *[1 << 60]int) {}\n\nfunc main() {}\n"),
            Expect::Exact("# example.com/m\n./main.go:3:6: type [4611686018427387904]byte larger than address space\n"),
        ),
        err(
            "variables_larger_than_address_space",
            Src::Main(
                "package main\n\nvar g [1 << 58]struct{ a, b int }\n\nfunc f(p *[1 << 60]int) {}\n\nfunc main() {\n\tp := new([1 << 55]uint64)\n\t_ = p\n}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:3:5: type [288230376151711744]struct { a int; b int } larger than address space\n./main.go:5:6: type [1152921504606846976]int larger than address space\n./main.go:8:2: type [36028797018963968]uint64 larger than address space\n",
            ),
        ),
        // gc, verbatim: an instance of a generic type is sized when a variable or parameter
        // uses it, reported at the generic type's name; the shaped twins come after the
        // concrete types, unless an instance too large as a whole (its wrapped size, here
        // H[int8]'s) ends the sizing (found by cargo xtask fuzz).
        err(
            "generic_instance_larger_than_address_space",
            Src::Main(
                "package main\n\ntype G[T any] struct{ x [1 << 62]*T }\n\ntype H[T any] struct{ y [1 << 62]T }\n\nfunc f(g G[int], h H[int64]) {}\n\nfunc k(h H[int8], g G[string]) {}\n\nfunc main() {}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:3:6: type [4611686018427387904]*int larger than address space\n./main.go:5:6: type [4611686018427387904]int64 larger than address space\n./main.go:5:6: type [4611686018427387904]int8 larger than address space\n",
            ),
        ),
        err(
            "generic_instance_shapes_larger_than_address_space",
            Src::Main(
                "package main\n\ntype G[T any] struct{ x [1 << 62]*T }\n\ntype H[T any] struct{ y [1 << 62]T }\n\nfunc f(g G[int], h H[int64]) {}\n\nfunc main() {}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:3:6: type [4611686018427387904]*int larger than address space\n./main.go:3:6: type [4611686018427387904]*go.shape.int larger than address space\n./main.go:5:6: type [4611686018427387904]int64 larger than address space\n./main.go:5:6: type [4611686018427387904]go.shape.int64 larger than address space\n",
            ),
        ),
        // gc, verbatim: types2 reports an assignment operation's operand errors at its left
        // operand (found by cargo xtask fuzz).
        err(
            "assign_op_errors_at_left_operand",
            Src::Main(
                "package main\n\nfunc f() float64 { return 1 }\n\nfunc main() {\n\tsum := 0\n\tsum += f()\n\tvar b bool\n\tb += true\n\t_, _ = sum, b\n}\n",
            ),
            Expect::Exact(
                "# example.com/m\n./main.go:7:2: invalid operation: sum += f() (mismatched types int and float64)\n./main.go:9:2: invalid operation: operator + not defined on b (variable of type bool)\n",
            ),
        ),
        // gc, verbatim.
        err(
            "second_package_clause",
            Src::Main("package main\npackage main\n\nfunc main() {}\n"),
            Expect::Exact("# example.com/m\n./main.go:2:1: syntax error: non-declaration statement outside function body\n"),
        ),
        // gc, verbatim: the go command's header read (go/parser); a number is no package name.
        err(
            "package_clause_number",
            Src::Main("package 2\n\nimport \"fmt\"\n\nfunc main() { fmt.Println() }\n"),
            Expect::Exact("main.go:1:9: expected 'IDENT', found 2\n"),
        ),
        // gc, verbatim: go/parser wants a `;` (or `)`) after an import spec.
        err(
            "import_spec_not_ended",
            Src::Main("package main\n\nimport (\n\t\"fmt\"/ x\n)\n\nfunc main() { fmt.Println() }\n"),
            Expect::Exact("main.go:4:7: expected ';', found '/'\n"),
        ),
        // gc, verbatim: go/scanner's operators are whole tokens.
        err("package_clause_operator", Src::Main(":= main\n"), Expect::Exact("main.go:1:1: expected 'package', found ':='\n")),
        // gc, verbatim: go/parser at EOF where an import spec (or the group's `)`) belongs.
        err("import_at_eof", Src::Main("package p\n\nimport"), Expect::Exact("main.go:3:7: missing import path\n")),
        err(
            "import_group_at_eof",
            Src::Main("package p\n\nimport (\n"),
            Expect::Exact("main.go:3:10: expected ')', found 'EOF'\n"),
        ),
        // gc, verbatim: the go command's header read (go/parser).
        err("empty_file", Src::Main(""), Expect::Exact("main.go:1:1: expected 'package', found 'EOF'\n")),
        err("no_package_clause", Src::Main("\n\n  type T int\n"), Expect::Exact("main.go:3:3: expected 'package', found 'type'\n")),
        err(
            "byte_order_mark_in_header",
            Src::Main("package main\n\n// a \u{feff}\nimport \"os\"\n\nfunc main() { os.Exit(0) }\n"),
            Expect::Exact("main.go:3:6: illegal byte order mark\n"),
        ),
        // gc, verbatim (the go command's header read, go/scanner).
        err("random_bytes", Src::Gen(|d| write(d, "main.go", &random_bytes(4096, 1))), Expect::Exact("main.go:1:1: illegal character U+000B\n")),
        Case { exit: None, ..err("random_bytes_after_package", Src::Gen(random_after_package), Expect::Positioned("")) },
        // gc, verbatim: the byte order mark is skipped.
        ok("byte_order_mark", Src::Main("\u{feff}package main\n\nfunc main() { x := 1; sink = &x }\n\nvar sink *int\n"), Expect::Exact("# example.com/m\n./main.go:3:15: moved to heap: x\n")),
    ]);
}

/// Deterministic noise (xorshift), so a failure can be reproduced.
fn random_bytes(n: usize, seed: u64) -> Vec<u8> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 24) as u8
        })
        .collect()
}

/// Several files that start well and go on as noise, printable and not.
fn random_after_package(d: &Path) {
    for seed in 1..=8u64 {
        let mut text = b"package main\n\n".to_vec();
        let noise = random_bytes(2048, seed);
        if seed % 2 == 0 {
            // Printable noise reaches further into the parser than binary noise.
            const ALPHABET: &[u8] = b"(){}[]<>-+*/&|^!=:;,.\"'`\\ \n\tabcfx019_func var type if for go chan map";
            text.extend(noise.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()]));
        } else {
            text.extend(noise);
        }
        write(d, &format!("f{seed}.go"), &text);
    }
}

// ---------------------------------------------------------------------------------------------
// Packages as `go build` takes them.

#[test]
fn package_patterns() {
    run_table(&[
        // gc, verbatim.
        Case { module: false, ..err("no_go_mod", Src::Main(ESCAPING), Expect::Exact("go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n")) },
        // gc, verbatim.
        err("empty_directory", Src::Files(&[]), Expect::Exact("no Go files in $DIR\n")),
        Case { args: &["-l", "./..."], stderr: Expect::Exact("go: warning: \"./...\" matched no packages\n"), ..ok("dot_dot_dot_matches_nothing", Src::Files(&[]), Expect::Empty) },
        Case { args: &["-l", "./sub"], ..err("subdirectory_without_go_files", Src::Gen(|d| std::fs::create_dir_all(d.join("sub")).unwrap()), Expect::Exact("no Go files in $DIR/sub\n")) },
        // gc, verbatim.
        Case { args: &["-l", "./nosuch"], ..err("missing_directory", Src::Main(ESCAPING), Expect::Exact("stat $DIR/nosuch: directory not found\n")) },
        Case {
            args: &["-l", "example.com/m/nosuch"],
            ..err("missing_package_in_module", Src::Main(ESCAPING), Expect::Exact("no required module provides package example.com/m/nosuch; to add it:\n\tgo get example.com/m/nosuch\n"))
        },
        // A file that is a directory. gc, verbatim.
        Case {
            args: &["-l", "dir.go"],
            ..err("file_is_a_directory", Src::Gen(with_dir_go), Expect::Exact("no required module provides package dir.go; to add it:\n\tgo get dir.go\n"))
        },
        // ... and in a package directory it is not a file: gc and we build without it.
        ok("directory_named_like_a_file", Src::Gen(with_dir_go), Expect::Exact("# example.com/m\n./main.go:4:2: moved to heap: x\n")),
        Case { args: &["-l", "nosuch.go"], ..err("missing_file", Src::Main(ESCAPING), Expect::Exact("no required module provides package nosuch.go; to add it:\n\tgo get nosuch.go\n")) },
        // gc, verbatim.
        Case { args: &["-l", "main.go"], ..ok("file_list", Src::Main(ESCAPING), Expect::Exact("# command-line-arguments\n./main.go:4:2: moved to heap: x\n")) },
        Case {
            args: &["-l", "main.go", "sub/s.go"],
            ..err("files_in_two_directories", Src::Files(WITH_SUB), Expect::Exact("named files must all be in one directory; have . and sub\n"))
        },
        // gc, verbatim.
        Case { args: &["-l", "./sub"], ..ok("relative_directory", Src::Files(WITH_SUB), Expect::Exact(SUB_LINES)) },
        Case { args: &["-l", "example.com/m/sub"], ..ok("module_import_path", Src::Files(WITH_SUB), Expect::Exact(SUB_LINES)) },
        // gc, verbatim: dependencies first.
        Case {
            args: &["-l", "./..."],
            ..ok("all_packages", Src::Files(WITH_SUB), Expect::Exact(concat!(
                "# example.com/m/sub\nsub/s.go:3:8: leaking param: p to result ~r0 level=0\n",
                "# example.com/m\n./main.go:6:2: moved to heap: x\n",
            )))
        },
        // gc (with a GOROOT) analyzes every std package; without one we cannot.
        Case { args: &["-l", "std"], ..err("std_without_goroot", Src::Main(ESCAPING), Expect::Contains(&["GOROOT is not known"])) },
        // The bundled facts are stubs: naming a std package needs its source.
        Case { args: &["-l", "fmt"], ..err("std_package_without_goroot", Src::Main(ESCAPING), Expect::Exact("cannot analyze fmt: GOROOT is not known (set GOROOT or --goroot)\n")) },
        // gc: `open $DIR/dangle.go: no such file or directory` (exit 1); we build without the
        // unreadable file.
        #[cfg(unix)]
        ok("dangling_symlink", Src::Gen(with_dangling_symlink), Expect::Exact("# example.com/m\n./main.go:4:2: moved to heap: x\n")),
        // gc hangs reading the FIFO; we build without it (it is not a regular file).
        #[cfg(unix)]
        ok("fifo", Src::Gen(with_fifo), Expect::Exact("# example.com/m\n./main.go:4:2: moved to heap: x\n")),
        // gc, verbatim: `./...` does not follow symbolic links to directories, so links back
        // to `.` neither repeat the package nor loop forever.
        #[cfg(unix)]
        Case {
            args: &["-l", "./..."],
            ..ok(
                "symlink_cycle",
                Src::Gen(with_symlink_cycle),
                Expect::Exact("# example.com/m\n./main.go:4:2: moved to heap: x\n"),
            )
        },
    ]);
}

#[cfg(unix)]
fn with_symlink_cycle(d: &Path) {
    write(d, "main.go", ESCAPING.as_bytes());
    std::os::unix::fs::symlink(".", d.join("x")).unwrap();
    std::os::unix::fs::symlink(".", d.join("y")).unwrap();
}

const WITH_SUB: &[(&str, &str)] = &[
    ("main.go", "package main\n\nimport \"example.com/m/sub\"\n\nfunc main() {\n\tx := 1\n\tsink = sub.F(&x)\n}\n\nvar sink *int\n"),
    ("sub/s.go", "package sub\n\nfunc F(p *int) *int { return p }\n"),
];

const SUB_LINES: &str = "# example.com/m/sub\nsub/s.go:3:8: leaking param: p to result ~r0 level=0\n";

fn with_dir_go(d: &Path) {
    write(d, "main.go", ESCAPING.as_bytes());
    std::fs::create_dir_all(d.join("dir.go")).unwrap();
}

#[cfg(unix)]
fn with_dangling_symlink(d: &Path) {
    write(d, "main.go", ESCAPING.as_bytes());
    std::os::unix::fs::symlink(d.join("nowhere.go"), d.join("dangle.go")).unwrap();
}

#[cfg(unix)]
fn with_fifo(d: &Path) {
    write(d, "main.go", ESCAPING.as_bytes());
    let made = Command::new("mkfifo").arg(d.join("fifo.go")).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
}

// ---------------------------------------------------------------------------------------------
// The standard library without a toolchain.

/// `PATH=/usr/bin:/bin`, no GOROOT: `fmt` comes from the bundled facts, and the verdicts are
/// gc's, verbatim.
#[test]
fn std_from_bundled_facts() {
    run_table(&[ok(
        "import_fmt",
        Src::Main("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := 1\n\tx++\n\tfmt.Println(x, \"hi\")\n\ts := []int{1}\n\tfmt.Sprint(s)\n}\n"),
        Expect::Exact(concat!(
            "# example.com/m\n",
            "./main.go:8:13: ... argument does not escape\n",
            "./main.go:8:14: x escapes to heap\n",
            "./main.go:8:17: \"hi\" escapes to heap\n",
            "./main.go:9:12: []int{...} escapes to heap\n",
            "./main.go:10:12: ... argument does not escape\n",
            "./main.go:10:13: s escapes to heap\n",
        )),
    )]);
}

// ---------------------------------------------------------------------------------------------
// Deep nesting and long chains.

/// `n` copies of `s`.
fn rep(s: &str, n: usize) -> String {
    s.repeat(n)
}

fn main_go(d: &Path, body: String) {
    write(d, "main.go", format!("package main\n\n{body}").as_bytes());
}

/// Past the parser's nesting limit (15,000 nodes) every construct is one positioned error. gc
/// has no such limit and compiles all of these (`a+a+...` 100000 long takes it over a minute);
/// up to the limit so do we (`deep_as_gc`).
#[test]
fn nesting_past_the_limit() {
    const N: usize = 15_001;
    let deep = Expect::Positioned("syntax error: exceeded max nesting depth");
    run_table(&[
        err("parens", Src::Gen(|d| main_go(d, format!("var x = {}1{}\n", rep("(", N), rep(")", N)))), deep),
        err("braces", Src::Gen(|d| main_go(d, format!("func main() {{\n{}{}\n}}\n", rep("{", N), rep("}", N)))), deep),
        err("brackets", Src::Gen(|d| main_go(d, format!("var x {}int\n", rep("[]", N)))), deep),
        err("index_chain", Src::Gen(|d| main_go(d, format!("var x = a{}\n", rep("[0]", N)))), deep),
        err(
            "func_literals",
            Src::Gen(|d| main_go(d, format!("var x = {}1{}\n", rep("func() { _ = ", N), rep(" }", N)))),
            deep,
        ),
        err(
            "composite_literals",
            Src::Gen(|d| main_go(d, format!("var x = {}1{}\n", rep("[]any{", N), rep("}", N)))),
            deep,
        ),
        err("binary_chain", Src::Gen(|d| main_go(d, format!("var a = 1\nvar x = a{}\n", rep("+a", 100_000)))), deep),
        err(
            "unclosed",
            Src::Gen(|d| main_go(d, format!("func main() {{\n{}\n", rep("{(([", N)))),
            Expect::Positioned("syntax error"),
        ),
    ]);
}

/// Just under the parser's limit: each construct is analyzed (or, for expressions past the
/// checker's `MAX_EXPR_DEPTH`, refused with positioned errors), without overflowing a stack in
/// the checker, the lowering or the escape analysis.
#[test]
fn nesting_under_the_limit() {
    run_table(&[
        survives(
            "parens",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!("func main() {{\n\tx := 1\n\tp := {}&x{}\n\tprintln(p)\n}}\n", rep("(", D), rep(")", D)),
                )
            }),
        ),
        survives(
            "blocks",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!(
                        "var sink *int\n\nfunc main() {{\n{}\n\tx := 1\n\tsink = &x\n{}\n}}\n",
                        rep("{", D),
                        rep("}", D)
                    ),
                )
            }),
        ),
        survives(
            "func_literals",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!(
                        "var g *int\n\nfunc main() {{\n\tx := 1\n\t{} g = &x {}\n}}\n",
                        rep("func() {", D / 4),
                        rep("}()", D / 4)
                    ),
                )
            }),
        ),
        survives(
            "returned_closures",
            Src::Gen(|d| {
                main_go(d, format!("type F func() F\n\nvar g F\n\nfunc main() {{\n\tx := 1\n\tf := {}func() F {{ _ = &x; return g }}{}\n\t_ = f\n}}\n", rep("func() F { return ", D / 4), rep(" }", D / 4)))
            }),
        ),
        survives(
            "composite_literals",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!(
                        "func main() {{\n\tx := 1\n\tv := {}&x{}\n\tprintln(len(v))\n}}\n",
                        rep("[]any{", D / 3),
                        rep("}", D / 3)
                    ),
                )
            }),
        ),
        survives(
            "index_chain",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!(
                        "type T []T\n\nfunc main() {{\n\tvar a T\n\tb := a{}\n\tprintln(len(b))\n}}\n",
                        rep("[0]", D)
                    ),
                )
            }),
        ),
        survives(
            "binary_chain",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!(
                        "func f(s string) string {{\n\treturn s{}\n}}\n\nfunc main() {{ println(f(\"x\")) }}\n",
                        rep("+s", D)
                    ),
                )
            }),
        ),
        survives(
            "unary_chain",
            Src::Gen(|d| main_go(d, format!("func main() {{\n\ta := 1\n\tb := {}a\n\tprintln(b)\n}}\n", rep("-", D)))),
        ),
        survives(
            "addr_deref_chain",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!("func main() {{\n\ta := 1\n\tp := &a\n\tq := {}p\n\tprintln(q)\n}}\n", rep("&*", D / 2)),
                )
            }),
        ),
        survives(
            "selector_chain",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!(
                        "type T struct{{ n *T }}\n\nfunc main() {{\n\tt := &T{{}}\n\tu := t{}\n\tprintln(u)\n}}\n",
                        rep(".n", D)
                    ),
                )
            }),
        ),
        survives(
            "call_chain",
            Src::Gen(|d| {
                main_go(d, format!("type F func() F\n\nfunc f() F {{ return f }}\n\nfunc main() {{\n\tg := f{}\n\tprintln(g == nil)\n}}\n", rep("()", D)))
            }),
        ),
        survives(
            "conversion_chain",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!(
                        "type T int\n\nfunc main() {{\n\tb := {}1{}\n\tprintln(b)\n}}\n",
                        rep("T(", D),
                        rep(")", D)
                    ),
                )
            }),
        ),
        survives(
            "ifs",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!("func main() {{\n\tx := 1\n{}\n\tprintln(&x)\n{}\n}}\n", rep("if x > 0 {", D), rep("}", D)),
                )
            }),
        ),
        survives(
            "fors",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!(
                        "func main() {{\n\tx := 1\n{}\n\tprintln(&x)\n\tbreak\n{}\n}}\n",
                        rep("for {", D),
                        rep("}", D)
                    ),
                )
            }),
        ),
        survives(
            "switches",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!(
                        "func main() {{\n\tx := 1\n{}\n\tprintln(&x)\n{}\n}}\n",
                        rep("switch { case x > 0: ", D),
                        rep("}", D)
                    ),
                )
            }),
        ),
        survives(
            "else_ifs",
            Src::Gen(|d| {
                let arms: String = (1..D).map(|i| format!("\t}} else if x == {i} {{\n\t\tprintln(&x)\n")).collect();
                main_go(d, format!("func main() {{\n\tx := 1\n\tif x == 0 {{\n{arms}\t}}\n}}\n"))
            }),
        ),
        survives(
            "labels",
            Src::Gen(|d| {
                let labels: String = (0..D).map(|i| format!("L{i}:\n")).collect();
                let gotos: String = (0..D).map(|i| format!("\t\tgoto L{i}\n")).collect();
                main_go(d, format!("func main() {{\n{labels}\tprintln()\n\tif false {{\n{gotos}\t}}\n}}\n"))
            }),
        ),
        survives(
            "slice_type",
            Src::Gen(|d| main_go(d, format!("var v {}int\n\nfunc main() {{ println(len(v)) }}\n", rep("[]", D)))),
        ),
        survives(
            "pointer_type",
            Src::Gen(|d| main_go(d, format!("var v {}int\n\nfunc main() {{ println(v) }}\n", rep("*", D)))),
        ),
        survives(
            "struct_type",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!("var v {}int{}\n\nfunc main() {{ println(&v) }}\n", rep("struct{ a ", D), rep(" }", D)),
                )
            }),
        ),
        survives(
            "func_type",
            Src::Gen(|d| {
                main_go(d, format!("var v {}int\n\nfunc main() {{ println(v == nil) }}\n", rep("func() ", D)))
            }),
        ),
        survives(
            "map_type",
            Src::Gen(|d| main_go(d, format!("var v {}int\n\nfunc main() {{ println(len(v)) }}\n", rep("map[int]", D)))),
        ),
        survives(
            "generic_type",
            Src::Gen(|d| {
                main_go(
                    d,
                    format!(
                        "type L[T any] struct{{ v T }}\n\nvar v {}int{}\n\nfunc main() {{ println(&v) }}\n",
                        rep("L[", D / 2),
                        rep("]", D / 2)
                    ),
                )
            }),
        ),
        survives(
            "chan_type",
            Src::Gen(|d| main_go(d, format!("var v {}int\n\nfunc main() {{ println(v) }}\n", rep("chan ", D)))),
        ),
        survives(
            "array_type",
            Src::Gen(|d| main_go(d, format!("var v {}int\n\nfunc main() {{ println(&v) }}\n", rep("[1]", D)))),
        ),
    ]);
}

/// How deep the "just under the limit" cases nest (well under the parser's limit: the checks
/// are about every stage's stack, `deep_as_gc` goes further).
const D: usize = 990;

/// Nesting gc compiles, far past what a default stack holds (gc 1.27.3, verbatim).
#[test]
fn deep_as_gc() {
    run_table(&[
        Case {
            args: &["."],
            ..ok(
                "parens_5000",
                Src::Gen(|d| {
                    main_go(
                        d,
                        format!(
                            "var sink *int\n\nfunc main() {{\n\tx := 1\n\tsink = {}&x{}\n}}\n",
                            rep("(", 5000),
                            rep(")", 5000)
                        ),
                    )
                }),
                Expect::Exact("# example.com/m\n./main.go:5:6: can inline main\n./main.go:6:2: moved to heap: x\n"),
            )
        },
        Case {
            args: &["."],
            ..ok(
                "blocks_10000",
                Src::Gen(|d| {
                    main_go(
                        d,
                        format!(
                            "var sink *int\n\nfunc main() {{\n{}x := 1\nsink = &x\n{}}}\n",
                            rep("{\n", 10_000),
                            rep("}\n", 10_000)
                        ),
                    )
                }),
                Expect::Exact("# example.com/m\n./main.go:5:6: can inline main\n./main.go:10006:1: moved to heap: x\n"),
            )
        },
        Case {
            args: &["."],
            ..ok(
                "sum_12000",
                Src::Gen(|d| main_go(d, format!("var a = 1\nvar x = a{}\nfunc main() {{}}\n", rep("+a", 12_000)))),
                Expect::Exact("# example.com/m\n./main.go:5:6: can inline main\n"),
            )
        },
    ]);
}

/// Chains through declarations rather than syntax: nothing in the parser bounds their length.
#[test]
fn long_declaration_chains() {
    const N: usize = 3000;
    run_table(&[
        survives(
            "type_definitions",
            Src::Gen(|d| {
                main_go(
                    d,
                    (0..N).map(|i| format!("type T{i} T{}\n", i + 1)).collect::<String>()
                        + &format!("type T{N} *int\n\nfunc main() {{ var x T0; println(x) }}\n"),
                )
            }),
        ),
        survives(
            "type_aliases",
            Src::Gen(|d| {
                main_go(
                    d,
                    (0..N).map(|i| format!("type T{i} = T{}\n", i + 1)).collect::<String>()
                        + &format!("type T{N} = *int\n\nfunc main() {{ var x T0; println(x) }}\n"),
                )
            }),
        ),
        survives(
            "type_cycle",
            Src::Gen(|d| {
                main_go(
                    d,
                    (0..N).map(|i| format!("type T{i} T{}\n", i + 1)).collect::<String>()
                        + &format!("type T{N} T0\n\nfunc main() {{}}\n"),
                )
            }),
        ),
        survives(
            "constants",
            Src::Gen(|d| {
                main_go(
                    d,
                    (0..N).map(|i| format!("const c{i} = c{}\n", i + 1)).collect::<String>()
                        + &format!("const c{N} = 1\n\nfunc main() {{ println(c0) }}\n"),
                )
            }),
        ),
        survives(
            "constant_cycle",
            Src::Gen(|d| {
                main_go(
                    d,
                    (0..N).map(|i| format!("const c{i} = c{}\n", i + 1)).collect::<String>()
                        + &format!("const c{N} = c0\n\nfunc main() {{}}\n"),
                )
            }),
        ),
        survives(
            "variables",
            Src::Gen(|d| {
                main_go(
                    d,
                    (0..N).map(|i| format!("var v{i} = v{}\n", i + 1)).collect::<String>()
                        + &format!("var v{N} = new(int)\n\nfunc main() {{ println(v0) }}\n"),
                )
            }),
        ),
        survives(
            "embedded_structs",
            Src::Gen(|d| {
                main_go(d, (0..N).map(|i| format!("type T{i} struct{{ T{} }}\n", i + 1)).collect::<String>() + &format!("type T{N} struct{{ x *int }}\n\nfunc (T{N}) M() {{}}\n\nfunc main() {{ var t T0; t.M(); println(t.x) }}\n"))
            }),
        ),
        survives(
            "embedded_interfaces",
            Src::Gen(|d| {
                main_go(
                    d,
                    (0..N).map(|i| format!("type I{i} interface{{ I{} }}\n", i + 1)).collect::<String>()
                        + &format!("type I{N} interface{{ M() }}\n\nfunc main() {{ var i I0; println(i) }}\n"),
                )
            }),
        ),
        survives(
            "call_chain",
            Src::Gen(|d| {
                main_go(
                    d,
                    (0..N).map(|i| format!("func f{i}(p *int) *int {{ return f{}(p) }}\n", i + 1)).collect::<String>()
                        + &format!(
                            "func f{N}(p *int) *int {{ return p }}\n\nfunc main() {{ x := 1; println(f0(&x)) }}\n"
                        ),
                )
            }),
        ),
        survives(
            "recursive_ring",
            Src::Gen(|d| {
                main_go(
                    d,
                    (0..N)
                        .map(|i| {
                            format!(
                                "func f{i}(p *int) *int {{ if p == nil {{ return f{}(p) }}; return p }}\n",
                                (i + 1) % N
                            )
                        })
                        .collect::<String>()
                        + "\nfunc main() { x := 1; println(f0(&x)) }\n",
                )
            }),
        ),
        survives(
            "generic_chain",
            Src::Gen(|d| {
                main_go(
                    d,
                    (0..N)
                        .map(|i| format!("func g{i}[T any](p *T) *T {{ return g{}[T](p) }}\n", i + 1))
                        .collect::<String>()
                        + &format!(
                            "func g{N}[T any](p *T) *T {{ return p }}\n\nfunc main() {{ x := 1; println(g0(&x)) }}\n"
                        ),
                )
            }),
        ),
        survives("package_chain", Src::Gen(package_chain)),
    ]);
}

/// `main` imports p0, which imports p1, ... p199.
fn package_chain(d: &Path) {
    const N: usize = 200;
    write(d, "main.go", b"package main\n\nimport \"example.com/m/p0\"\n\nfunc main() { x := 1; println(p0.F(&x)) }\n");
    for i in 0..N {
        let text = if i + 1 < N {
            format!(
                "package p{i}\n\nimport \"example.com/m/p{}\"\n\nfunc F(p *int) *int {{ return p{}.F(p) }}\n",
                i + 1,
                i + 1
            )
        } else {
            format!("package p{i}\n\nfunc F(p *int) *int {{ return p }}\n")
        };
        write(d, &format!("p{i}/p.go"), text.as_bytes());
    }
}

// ---------------------------------------------------------------------------------------------
// Huge literals.

#[test]
fn huge_literals() {
    run_table(&[
        // gc, verbatim: nothing to say.
        ok("string_10mb", Src::Gen(|d| main_go(d, format!("var s = \"{}\"\n\nfunc main() {{ println(s) }}\n", rep("a", 10 << 20)))), Expect::Empty),
        ok("raw_string_10mb", Src::Gen(|d| main_go(d, format!("var s = `{}`\n\nfunc main() {{ println(s) }}\n", rep("ab\n", 3 << 20)))), Expect::Empty),
        // gc: `./main.go:3:11: constant overflow` (untyped integers are limited to 512 bits);
        // our checker approximates such constants and accepts the unused one.
        ok("integer_10000_digits", Src::Gen(|d| main_go(d, format!("const c = {}\n\nfunc main() {{}}\n", rep("9", 10_000)))), Expect::Empty),
        // gc: `./main.go:3:11: constant overflow`; we report its use:
        //   ./main.go:5:9: cannot use c (untyped int constant inf) as int value in variable declaration (overflows)
        err("integer_10000_digits_used", Src::Gen(|d| main_go(d, format!("const c = {}\n\nvar v = c\n\nfunc main() {{ println(v) }}\n", rep("9", 10_000)))), Expect::Positioned("(overflows)")),
        // gc, verbatim.
        err(
            "integer_too_long",
            Src::Gen(|d| main_go(d, format!("const c = {}\n\nfunc main() {{}}\n", rep("9", 10_001)))),
            Expect::Exact("# example.com/m\n./main.go:3:11: excessively long constant: 9999999999... (10001 chars)\n"),
        ),
        // gc, verbatim.
        err("shift_count", Src::Main("package main\n\nconst c = 1 << 100000\n\nfunc main() {}\n"), Expect::Exact("# example.com/m\n./main.go:3:16: invalid operation: invalid shift count 100000 (untyped int constant)\n")),
        // gc, verbatim: an unused huge float constant is fine.
        ok("float_1e100000", Src::Main("package main\n\nconst f = 1e100000\n\nfunc main() {}\n"), Expect::Empty),
        ok("float_1e_minus_100000", Src::Main("package main\n\nconst f = 1e-100000\n\nfunc main() { println(f) }\n"), Expect::Empty),
        // gc: `... (untyped float constant 1e+100000) as float64 value in argument to built-in
        // println (overflows)`; we print the approximation, `inf`.
        err(
            "float_1e100000_used",
            Src::Main("package main\n\nconst f = 1e100000\n\nfunc main() { println(f) }\n"),
            Expect::Contains(&["# example.com/m\n./main.go:5:23: cannot use f (untyped float constant ", ") as float64 value in argument to built-in println (overflows)\n"]),
        ),
    ]);
}

/// Constants that overflow `float64` are type errors, as gc reports them, e.g.
/// `./main.go:3:23: cannot use 1e100000i (untyped complex constant (0 + 1e+100000i)) as
/// complex128 value in argument to built-in println (overflows)`.
#[test]
fn non_finite_constants() {
    let positioned = || Expect::Positioned("./main.go:3:");
    run_table(&[
        err("complex128", Src::Main("package main\n\nfunc main() { println(1e100000i) }\n"), positioned()),
        err(
            "complex64",
            Src::Main("package main\n\nfunc main() { var x complex64 = 1e100i; println(x) }\n"),
            positioned(),
        ),
        err(
            "complex_builtin",
            Src::Main("package main\n\nfunc main() { println(complex(1e100000, 0)) }\n"),
            positioned(),
        ),
        err(
            "float32_conversion",
            Src::Main("package main\n\nfunc main() { println(float32(1e100000)) }\n"),
            positioned(),
        ),
    ]);
}

/// Where the report cannot be written, or an argument is not UTF-8: a clear error (or, for a
/// reader that went away, a quiet exit), never a panic.
#[cfg(unix)]
#[test]
fn output_and_argument_errors() {
    use std::os::unix::ffi::OsStringExt;
    let s = Scratch::new("output_errors");
    let dir = s.root.join("m");
    write(&dir, "go.mod", b"module example.com/m\n\ngo 1.27\n");
    write(&dir, "main.go", ESCAPING.as_bytes());
    let base = || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_goescape"));
        cmd.current_dir(&dir).env_remove("GOROOT").env("PATH", "/usr/bin:/bin").stdin(Stdio::null());
        cmd
    };
    let no_panic = |what: &str, stderr: &[u8]| {
        let text = String::from_utf8_lossy(stderr);
        assert!(!text.contains("panicked"), "{what}: {text}");
    };

    // A full device: the write error is said, with status 2.
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        let out = base().args(["-l", "."]).stdout(full).output().expect("run goescape");
        no_panic("stdout on /dev/full", &out.stderr);
        assert_eq!(out.status.code(), Some(2), "stdout on /dev/full");
        assert!(String::from_utf8_lossy(&out.stderr).contains("writing the report"));
        // Errors that cannot be printed either still end in status 2.
        let full_err = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let full_out = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let status = base().args(["-l", "."]).stdout(full_out).stderr(full_err).status().expect("run goescape");
        assert_eq!(status.code(), Some(2), "stdout and stderr on /dev/full");
    }

    // A reader that closed the pipe before the report: a quiet exit.
    let mut child =
        base().args(["-l", "."]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn goescape");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait for goescape");
    no_panic("closed stdout", &out.stderr);
    assert_eq!(out.status.code(), Some(1), "closed stdout: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "closed stdout: {}", String::from_utf8_lossy(&out.stderr));

    // Arguments that are not UTF-8, as a package and as a flag's value: a usage error.
    for arg in [b"\xfe.go".to_vec(), b"--tags=\xff".to_vec()] {
        let out = base().arg(std::ffi::OsString::from_vec(arg)).arg("-l").output().expect("run goescape");
        no_panic("non-UTF-8 argument", &out.stderr);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8"));
    }
}
