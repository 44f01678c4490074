//! `cargo xtask facts`: regenerates the bundled standard-library facts from real gc.
//!
//! Two inputs, both from the installed release:
//!
//! 1. `go list std` (for the target, linux/amd64 unless `--goos`/`--goarch` say otherwise,
//!    `CGO_ENABLED=0`) for each package's directory and build-selected files; each file becomes a
//!    declaration stub (bodies and comments stripped, see `crates/facts`).
//! 2. gc's own escape diagnostics for std, from `go build -a -gcflags='-m=2
//!    -d=escapemutationscalls=1' std`. Inlining stays on: importers see tags computed with
//!    inlining. At `-m=1` gc's `reportLeaks` prints every tag exactly except the heap level above
//!    0 (`leaking param content: x`); the `-m=2` walk lines (`parameter x leaks to {heap} for F
//!    with derefs=N:`, without ` for F` up to gc 1.24) supply it, and `-d=escapemutationscalls=1`
//!    adds the mutator and callee flows (`mutates param: x derefs=N`, `calls param: x derefs=N`;
//!    gc 1.21 has neither the locations nor the flag). Each diagnostic is matched
//!    to its parameter by position (the parameter's name in the signature). The same output has
//!    gc's inlining verdicts, `can inline F with cost N as: ...` at the position of the function's
//!    declaration (its name, or a method's receiver list: the token after `func`): an inlinable
//!    function keeps its body in the stub and gets a `//goescape:inl N` line, since importers
//!    inline it from export data. The build output is cached as
//!    `$GOESCAPE_CACHE/facts/gc-goRELEASE.txt`; delete it to rebuild. The facts are written compressed
//!    (`crates/facts/data/std-goRELEASE.facts.zst`), their text beside the cached build output.
//!
//! The go command prints a file's path relative to its working directory when that is shorter
//! (`../go-1.27.3/.../src/fmt/print.go` with the default cache under `$HOME`), so printed paths
//! are resolved against the directory the build ran in before they are matched.
//!
//! The stubs are cut with tree-sitter-go directly: only byte ranges (bodies, comments, raw
//! strings) and parameter positions are needed, not a full syntax tree.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};
use facts::{FactsFile, PackageFacts, ParamTag};
use tree_sitter::{Node, Parser};

/// What gc said about one parameter.
#[derive(Default, Debug)]
struct ParamDiag {
    /// `leaking param: x` (heap at derefs 0).
    heap0: bool,
    /// `leaking param content: x` (heap at derefs >= 1).
    content: bool,
    /// `moved to heap: x`: the parameter itself escapes, so its value leaks at derefs 0.
    moved: bool,
    /// `x does not escape` without `, mutate, or call`: a bodyless `//go:noescape` function.
    noescape: bool,
    /// `leaking param: x to result RES level=N`.
    results: Vec<(String, u8)>,
    mutator: Option<u8>,
    callee: Option<u8>,
    /// `-m=2`: `parameter x leaks to ROOT for F with derefs=N:`.
    walks: Vec<(String, u8)>,
}

/// A position in a GOROOT file: (absolute file path, line, byte column).
type Key = (String, u32, u32);

/// Parameter diagnostics by the position of the parameter's name.
type Diags = HashMap<Key, ParamDiag>;

/// What gc's build output says about std's functions.
#[derive(Default)]
struct GcDiags {
    params: Diags,
    /// `can inline NAME with cost N`, by the position of the function's declaration (the token
    /// after `func`): (NAME as gc prints it, N). Function literals are left out.
    inl: HashMap<Key, (String, u32)>,
    /// Whether the release's `leaks` has the mutator and callee (gc 1.22+; 1.21's is the heap
    /// and 7 results).
    mutator_callee: bool,
}

/// Counts of things worth a look after a run.
#[derive(Default)]
struct Stats {
    funcs: usize,
    tagged_params: usize,
    /// Non-generic functions gc can inline: they keep their bodies and get `//goescape:inl`.
    inlinable: usize,
    /// `can inline` lines for generic functions, which keep their bodies anyway.
    inlinable_generic: usize,
    /// `can inline` lines whose name is not the name of the declaration at their position.
    inl_name_mismatches: usize,
    /// The positions of the `can inline` lines that matched a declaration.
    inl_matched: std::collections::HashSet<Key>,
    /// `leaking param content` without a `-m=2` heap walk line: level guessed as 1.
    content_guessed: usize,
    /// `leaking param content` but a `-m=2` walk to a non-result root at derefs 0: level 1 used.
    content_clamped: usize,
    /// `leaking param: x to result R` for a result beyond the facts' five (gc 1.21 keeps seven):
    /// not representable, dropped.
    results_dropped: usize,
    parse_errors: usize,
    /// Stubs that do not parse although their source does (a bug in the cutting).
    stub_errors: usize,
}

pub fn run(release: &str) -> anyhow::Result<()> {
    let release = release.trim_start_matches("go");
    let cache = crate::gobin::cache_dir()?;
    let go = cache.join(format!("go-{release}")).join("bin").join("go");
    if !go.exists() {
        bail!("{} is missing: run `cargo xtask gobin --go {release}` first", go.display());
    }
    let goroot = crate::gc::goroot(&go)?;
    let packages = list_std(&go)?;
    eprintln!("xtask facts: {} std packages with Go files", packages.len());

    let build_dir = cache.join("facts");
    let (goos, goarch) = crate::gc::target();
    let target = format!("{goos}/{goarch}");
    // The cached files of the default target keep their names from before targets existed.
    let stem =
        if crate::gc::default_target() { format!("go{release}") } else { format!("go{release}-{goos}-{goarch}") };
    // The mutator and callee locations, and gc's `-d=escapemutationscalls` that prints them, are
    // gc 1.22's (1.21 rejects the unknown debug key and fails the whole build).
    let mutator_callee = minor_of(release)? >= 22;
    let gc_out = gc_escape_output(&go, &build_dir, &stem, mutator_callee)?;
    let mut diags = parse_diags(&gc_out, &goroot.join("src"), &build_dir);
    diags.mutator_callee = mutator_callee;
    if diags.params.is_empty() || diags.inl.is_empty() {
        // Every tag would silently be `-` and no body kept: the paths did not resolve.
        bail!("no gc diagnostic names a file under {}: is the cached gc output from this GOROOT?", goroot.display());
    }
    eprintln!(
        "xtask facts: {} parameters with gc diagnostics, {} declared functions gc can inline",
        diags.params.len(),
        diags.inl.len()
    );

    let inlined = inlined_by_package(&gc_out, &list_std_names(&go)?);
    eprintln!(
        "xtask facts: {} imported functions inlined, over {} packages",
        inlined.values().map(Vec::len).sum::<usize>(),
        inlined.len()
    );

    let mut stats = Stats::default();
    let mut stubs: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for (import_path, dir, files) in &packages {
        let mut out = Vec::new();
        for name in files {
            let path = dir.join(name);
            let src = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            let stub = stub_file(&src, &path.display().to_string(), &diags, &mut stats);
            out.push((name.clone(), stub));
        }
        stubs.push((import_path.clone(), out));
    }
    let file = FactsFile {
        release: &format!("go{release}"),
        target: &target,
        packages: stubs
            .iter()
            .map(|(p, files)| PackageFacts {
                import_path: p,
                files: files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect(),
                inlined: inlined.get(p).map(|v| v.iter().map(String::as_str).collect()).unwrap_or_default(),
                same: Vec::new(),
            })
            .collect(),
        absent: Vec::new(),
    }
    .print();
    // Committed compressed with the other releases (see crates/facts/src/bundled.rs); the text
    // stays beside the build output for reading and diffing.
    let dest = write_bundle(&format!("go{release}"), &target, &file)?;
    std::fs::write(build_dir.join(format!("std-{stem}.facts")), &file)?;
    eprintln!(
        "xtask facts: wrote {} ({} bytes): {} funcs, {} tagged params, {} heap levels guessed, {} clamped, {} result flows beyond the fifth dropped, {} files with parse errors, {} broken stubs",
        dest.display(),
        file.len(),
        stats.funcs,
        stats.tagged_params,
        stats.content_guessed,
        stats.content_clamped,
        stats.results_dropped,
        stats.parse_errors,
        stats.stub_errors
    );
    // `can inline` lines that matched no declaration: functions in files `go list` did not
    // select, or a position mismatch worth a look.
    let mut unmatched: Vec<_> = diags.inl.iter().filter(|(k, _)| !stats.inl_matched.contains(*k)).collect();
    unmatched.sort();
    for ((file, l, c), (name, _)) in &unmatched {
        eprintln!("xtask facts: warning: `can inline {name}` at {file}:{l}:{c} matches no declaration");
    }
    eprintln!(
        "xtask facts: {} inlinable funcs with bodies and costs, {} generic ones (bodies kept anyway), {} `can inline` lines unmatched, {} name mismatches",
        stats.inlinable,
        stats.inlinable_generic,
        unmatched.len(),
        stats.inl_name_mismatches
    );
    Ok(())
}

/// The minor version of a release: 21 for `1.21.13`.
fn minor_of(release: &str) -> anyhow::Result<u32> {
    let mut parts = release.split('.');
    match (parts.next(), parts.next().map(str::parse::<u32>)) {
        (Some("1"), Some(Ok(minor))) => Ok(minor),
        _ => bail!("release {release:?} is not 1.N or 1.N.P"),
    }
}

/// The pinned environment for std: like `gc::ENV` but without `-mod=mod`, which has no meaning
/// outside a module.
fn go_std_command(go: &Path, cwd: &Path) -> Command {
    let mut cmd = Command::new(go);
    cmd.current_dir(cwd);
    for (k, v) in crate::gc::env() {
        if k != "GOFLAGS" {
            cmd.env(k, v);
        }
    }
    cmd.env("GOFLAGS", "");
    cmd
}

/// `go list std`: (import path, dir, GoFiles) for every package with Go files, `cmd/...` excluded
/// (`std` never includes it), vendored `golang.org/x/...` included under `vendor/`.
/// `go list -e -f FORMAT std`, each line's three tab-separated fields.
fn go_list_std(go: &Path, format: &str) -> anyhow::Result<Vec<[String; 3]>> {
    let tmp = std::env::temp_dir();
    let out = go_std_command(go, &tmp).args(["list", "-e", "-f", format, "std"]).output()?;
    if !out.status.success() {
        bail!("go list std failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let mut rows = Vec::new();
    for line in String::from_utf8(out.stdout)?.lines() {
        let mut parts = line.split('\t');
        let (Some(a), Some(b), Some(c)) = (parts.next(), parts.next(), parts.next()) else {
            bail!("unexpected go list line {line:?}");
        };
        rows.push([a.to_string(), b.to_string(), c.to_string()]);
    }
    Ok(rows)
}

fn list_std(go: &Path) -> anyhow::Result<Vec<(String, PathBuf, Vec<String>)>> {
    let mut pkgs = Vec::new();
    for [path, dir, files] in go_list_std(go, "{{.ImportPath}}\t{{.Dir}}\t{{join .GoFiles \" \"}}")? {
        if path.starts_with("cmd/") || files.is_empty() {
            continue;
        }
        pkgs.push((path, PathBuf::from(dir), files.split(' ').map(String::from).collect()));
    }
    Ok(pkgs)
}

/// Every std package's name and transitive imports (`go list -deps`'s `Deps`).
fn list_std_names(go: &Path) -> anyhow::Result<HashMap<String, (String, Vec<String>)>> {
    let rows = go_list_std(go, "{{.ImportPath}}\t{{.Name}}\t{{join .Deps \" \"}}")?;
    Ok(rows
        .into_iter()
        .map(|[path, name, deps]| {
            let deps = deps.split(' ').filter(|d| !d.is_empty()).map(String::from).collect();
            (path, (name, deps))
        })
        .collect())
}

/// For each std package, the imported functions gc inlined while compiling it, as
/// `IMPORT_PATH:NAME` (see `facts::PackageFacts::inlined`), from the `inlining call to NAME`
/// lines of its section of the build output (`# IMPORT_PATH`). gc names an imported function
/// `pkgname.NAME` and a local one `NAME`; the package is the dependency of that name that
/// declares an inlinable `NAME` (`can inline NAME` in its own section). Two dependencies of one
/// name (`internal/runtime/atomic`, `sync/atomic`) can both qualify: both are listed, at worst
/// letting an importer inline a body gc would not have.
fn inlined_by_package(text: &str, std: &HashMap<String, (String, Vec<String>)>) -> HashMap<String, Vec<String>> {
    let mut can: HashMap<&str, std::collections::HashSet<&str>> = HashMap::new();
    let mut calls: HashMap<&str, std::collections::BTreeSet<&str>> = HashMap::new();
    let mut pkg = "";
    for line in text.lines() {
        if let Some(p) = line.strip_prefix("# ") {
            pkg = p.trim();
            continue;
        }
        let Some((_, msg)) = line.split_once(": ") else { continue };
        if let Some(rest) = msg.strip_prefix("can inline ") {
            let name = rest.split_once(' ').map_or(rest, |(n, _)| n);
            can.entry(pkg).or_default().insert(name);
        } else if let Some(name) = msg.strip_prefix("inlining call to ") {
            if !name.contains('[') && !is_closure(name) {
                calls.entry(pkg).or_default().insert(name.trim());
            }
        }
    }
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (p, names) in &calls {
        let Some((_, deps)) = std.get(*p) else { continue };
        let local = can.get(p);
        for name in names {
            if local.is_some_and(|l| l.contains(name)) {
                continue;
            }
            let Some((qual, rest)) = name.split_once('.') else { continue };
            for d in deps {
                let Some((dname, _)) = std.get(d) else { continue };
                if dname == qual && can.get(d.as_str()).is_some_and(|c| c.contains(rest)) {
                    out.entry(p.to_string()).or_default().push(format!("{d}:{rest}"));
                }
            }
        }
    }
    out
}

/// gc's escape diagnostics for all of std, from the cache or from a fresh build.
fn gc_escape_output(go: &Path, dir: &Path, stem: &str, mutator_callee: bool) -> anyhow::Result<String> {
    let cached = dir.join(format!("gc-{stem}.txt"));
    if let Ok(text) = std::fs::read_to_string(&cached) {
        eprintln!("xtask facts: using cached gc output {}", cached.display());
        return Ok(text);
    }
    std::fs::create_dir_all(dir)?;
    eprintln!("xtask facts: building std with gc's escape diagnostics (a few minutes)");
    let gcflags = if mutator_callee { "-gcflags=-m=2 -d=escapemutationscalls=1" } else { "-gcflags=-m=2" };
    let out = go_std_command(go, dir).args(["build", "-a", gcflags, "std"]).output()?;
    if !out.status.success() {
        bail!("go build std failed: {}", String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or(""));
    }
    let text = String::from_utf8(out.stderr)?;
    let partial = dir.join(format!("gc-{stem}.partial"));
    std::fs::write(&partial, &text)?;
    std::fs::rename(&partial, &cached)?;
    Ok(text)
}

/// Collects the per-parameter diagnostics and the inlining verdicts. Lines look like
/// `GOROOT/src/fmt/print.go:374:22: leaking param: arg`, the path possibly relative to
/// `build_dir`, where the build ran.
fn parse_diags(text: &str, src: &Path, build_dir: &Path) -> GcDiags {
    let mut out = GcDiags::default();
    let diags = &mut out.params;
    // The go command computes relative paths from the real working directory; compare real
    // paths, but key by `src` as given, which is how `go list` names the files.
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (build_dir, real_src) = (real(build_dir), real(src));
    let mut files: HashMap<&str, Option<String>> = HashMap::new();
    for line in text.lines() {
        let mut parts = line.splitn(4, ':');
        let (Some(file), Some(l), Some(c), Some(msg)) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(l), Ok(c)) = (l.parse::<u32>(), c.parse::<u32>()) else { continue };
        let Some(file) = files
            .entry(file)
            .or_insert_with(|| {
                let rel = lexical_join(&build_dir, file);
                let rel = rel.strip_prefix(&real_src).or_else(|_| rel.strip_prefix(src)).ok()?;
                Some(src.join(rel).display().to_string())
            })
            .as_deref()
        else {
            continue;
        };
        let msg = msg.trim_start();
        let key = || (file.to_string(), l, c);
        let num = |s: &str| s.parse::<u32>().ok().map(|n| n.min(255) as u8);
        if let Some(rest) = msg.strip_prefix("can inline ") {
            // `can inline NAME with cost N as: func(...) { ... }`, also for function literals
            // and gc's wrappers, which are no declarations.
            let Some((name, r)) = rest.split_once(" with cost ") else { continue };
            let Some(Ok(cost)) = r.split_once(' ').map(|(n, _)| n.parse::<u32>()) else { continue };
            if !is_closure(name) {
                out.inl.insert(key(), (name.to_string(), cost));
            }
        } else if let Some(rest) = msg.strip_prefix("leaking param content: ") {
            let _ = rest;
            diags.entry(key()).or_default().content = true;
        } else if let Some(rest) = msg.strip_prefix("leaking param: ") {
            if let Some((_, r)) = rest.split_once(" to result ") {
                let Some((res, level)) = r.rsplit_once(" level=") else { continue };
                let Some(level) = num(level) else { continue };
                diags.entry(key()).or_default().results.push((res.to_string(), level));
            } else {
                diags.entry(key()).or_default().heap0 = true;
            }
        } else if let Some(rest) = msg.strip_prefix("mutates param: ") {
            let Some(n) = rest.rsplit_once(" derefs=").and_then(|(_, n)| num(n)) else { continue };
            let d = diags.entry(key()).or_default();
            d.mutator = Some(d.mutator.map_or(n, |m| m.min(n)));
        } else if let Some(rest) = msg.strip_prefix("calls param: ") {
            let Some(n) = rest.rsplit_once(" derefs=").and_then(|(_, n)| num(n)) else { continue };
            let d = diags.entry(key()).or_default();
            d.callee = Some(d.callee.map_or(n, |m| m.min(n)));
        } else if msg.starts_with("moved to heap: ") {
            diags.entry(key()).or_default().moved = true;
        } else if let Some(rest) = msg.strip_prefix("parameter ") {
            // `parameter x leaks to ROOT for F with derefs=N:` (gc 1.25+) or `parameter x leaks
            // to ROOT with derefs=N:` (up to 1.24). The parameter is known by the position, so
            // F is not needed either way.
            let Some((_, r)) = rest.split_once(" leaks to ") else { continue };
            let Some((r, n)) = r.trim_end_matches(':').rsplit_once(" with derefs=") else { continue };
            let (Some(root), Some(n)) = (walk_root(r), num(n)) else { continue };
            diags.entry(key()).or_default().walks.push((root.to_string(), n));
        } else if msg.ends_with(" does not escape") {
            diags.entry(key()).or_default().noescape = true;
        }
        // `x does not escape, mutate, or call` and `assuming x is unsafe uintptr` mean no flows.
    }
    out
}

/// The root of a `-m=2` walk line, from the text between `leaks to ` and ` with derefs=`: gc's
/// `explainLoc`, a name (`~r0`, `x`) or a braced description (`{heap}`, `{temp}`, `{storage for
/// &T{...}}`, which may hold spaces and braces), followed by ` for F` from gc 1.25 on.
fn walk_root(text: &str) -> Option<&str> {
    if !text.starts_with('{') {
        return text.split(' ').next();
    }
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[..=i]);
                }
            }
            _ => {}
        }
    }
    None
}

/// `dir` joined with a path as the go command printed it (absolute, or relative to `dir`),
/// with `.` and `..` resolved lexically, as Go's `filepath.Rel` made it.
fn lexical_join(dir: &Path, printed: &str) -> PathBuf {
    let mut out = PathBuf::new();
    for c in dir.join(printed).components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// gc's name of a function without type arguments: `(*Tree[go.shape.int]).Insert` is
/// `(*Tree).Insert`.
fn without_type_args(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    for ch in name.chars() {
        match ch {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out
}

/// Whether gc's name of a function is that of a function literal or of a wrapper gc made
/// (`F.func1`, `F.deferwrap1`, `F.gowrap1`, `F-range1`, and `F.1` for a literal inside an
/// inlined call) rather than of a declaration (`F`, `T.M`, `(*T).M`, `pkg.F[...]`).
fn is_closure(name: &str) -> bool {
    let name = without_type_args(name);
    let numbered = |part: &str| {
        let n = ["func", "deferwrap", "gowrap"].iter().find_map(|p| part.strip_prefix(p)).unwrap_or(part);
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
    };
    name.contains('-') || name.split('.').skip(1).any(numbered)
}

/// A function's parameter as the tag needs it.
struct Param {
    name: String,
    /// False for an unnamed parameter (`func(int)`).
    named: bool,
    /// 1-based line and byte column of the name, if named.
    pos: Option<(u32, u32)>,
}

fn pos_of(node: Node) -> (u32, u32) {
    let p = node.start_position();
    (p.row as u32 + 1, p.column as u32 + 1)
}

/// The parameters of a `parameter_list` in order: one per name, or one for an unnamed parameter.
///
/// In a list where some parameter is named, every one is (gc's `paramList`). tree-sitter, whose
/// parse of `a, b, c T` is ambiguous until `T`, reads a long group (ten names or more, as in
/// darwin's `syscall.syscall9`) as unnamed parameters of types `a`, `b`, ... before a named
/// group; such a bare identifier is read back as a name here, at its own position.
fn params_of(list: Option<Node>, src: &str) -> Vec<Param> {
    let mut out = Vec::new();
    let Some(list) = list else { return out };
    let mut cursor = list.walk();
    let decls: Vec<Node> = list
        .named_children(&mut cursor)
        .filter(|d| matches!(d.kind(), "parameter_declaration" | "variadic_parameter_declaration"))
        .collect();
    let some_named = decls.iter().any(|d| d.child_by_field_name("name").is_some());
    for decl in decls {
        let mut c2 = decl.walk();
        let mut names: Vec<Node> = decl.children_by_field_name("name", &mut c2).collect();
        if names.is_empty() && some_named && decl.kind() == "parameter_declaration" {
            names.extend(decl.child_by_field_name("type").filter(|t| t.kind() == "type_identifier"));
        }
        if names.is_empty() {
            out.push(Param { name: "_".into(), named: false, pos: None });
        }
        for n in names {
            let name = &src[n.byte_range()];
            out.push(Param { name: name.to_string(), named: true, pos: (name != "_").then(|| pos_of(n)) });
        }
    }
    out
}

/// Result names as gc prints them: the name, `~rI` for an unnamed result, `~bI` for a blank one.
fn result_names(result: Option<Node>, src: &str) -> Vec<String> {
    match result {
        Some(r) if r.kind() == "parameter_list" => params_of(Some(r), src)
            .into_iter()
            .enumerate()
            .map(|(i, p)| match (p.named, p.name.as_str()) {
                (false, _) => format!("~r{i}"),
                (true, "_") => format!("~b{i}"),
                (true, n) => n.to_string(),
            })
            .collect(),
        Some(_) => vec!["~r0".into()],
        None => Vec::new(),
    }
}

/// gc's tag for one parameter, from its diagnostics.
fn tag_of(
    d: Option<&ParamDiag>,
    results: &[String],
    bodyless: bool,
    mutator_callee: bool,
    stats: &mut Stats,
) -> ParamTag {
    let mut t = ParamTag::NONE;
    let Some(d) = d else { return t };
    if d.moved || d.heap0 {
        t.heap = Some(0);
    } else if d.content {
        // The heap level is the shortest walk to a root that is not one of this function's own
        // results (a result root records a result flow, see `location.leakTo`).
        let level = d.walks.iter().filter(|(root, _)| !results.contains(root)).map(|w| w.1).min();
        if level == Some(0) {
            stats.content_clamped += 1;
        }
        let level = level.map(|l| l.max(1));
        t.heap = Some(level.unwrap_or_else(|| {
            stats.content_guessed += 1;
            1
        }));
    }
    if bodyless && d.noescape && mutator_callee {
        // `paramTag` for a bodyless `//go:noescape` function: mutator and callee at 0 (1.22+).
        t.mutator = Some(0);
        t.callee = Some(0);
    }
    for (res, level) in &d.results {
        match results.iter().position(|r| r == res) {
            Some(i) if i < t.results.len() => t.results[i] = Some(t.results[i].map_or(*level, |l| l.min(*level))),
            Some(_) => stats.results_dropped += 1,
            None => {}
        }
    }
    t.mutator = t.mutator.or(d.mutator);
    t.callee = t.callee.or(d.callee);
    t.optimize();
    t
}

/// An edit of the source text: replace `range` with `with`.
struct Edit {
    start: usize,
    end: usize,
    with: String,
}

/// Cuts one file down to its declaration stub.
fn stub_file(src: &str, path: &str, diags: &GcDiags, stats: &mut Stats) -> String {
    let mut parser = Parser::new();
    parser.set_language(&tree_sitter_go::LANGUAGE.into()).expect("tree-sitter-go loads");
    let tree = parser.parse(src, None).expect("tree-sitter returns a tree");
    let root = tree.root_node();
    if root.has_error() {
        stats.parse_errors += 1;
        let at = first_error(root).map_or((0, 0), pos_of);
        eprintln!("xtask facts: warning: tree-sitter reports a syntax error at {path}:{}:{}", at.0, at.1);
    }
    // Generic and inlinable declarations are kept whole, at their original lines and columns:
    // gc prints positions inside them when an importer instantiates or inlines them. Each is one
    // segment of the stub (up to the end of its last line), led by a `//line :N:1` directive,
    // which `keep_whole` returns.
    let mut kept: Vec<(usize, usize)> = Vec::new();
    let mut keep_whole = |decl: Node| {
        let end = src[decl.end_byte()..].find('\n').map_or(src.len(), |i| decl.end_byte() + i + 1);
        kept.push((decl.start_byte(), end));
        format!("//line :{}:1\n", decl.start_position().row + 1)
    };
    let mut edits = Vec::new();
    let mut cursor = root.walk();
    for decl in root.named_children(&mut cursor) {
        if !matches!(decl.kind(), "function_declaration" | "method_declaration") {
            continue;
        }
        let name = decl.child_by_field_name("name").map_or("", |n| &src[n.byte_range()]);
        let recv = decl.child_by_field_name("receiver");
        if recv.is_none() && (name == "init" || name == "_") {
            // Neither is visible to importers.
            edits.push(Edit { start: decl.start_byte(), end: decl.end_byte(), with: String::new() });
            continue;
        }
        let generic = decl.child_by_field_name("type_parameters").is_some()
            || recv.is_some_and(|r| src[r.byte_range()].contains('['));
        let body = decl.child_by_field_name("body");
        // gc's `can inline` verdict, at the position of the declaration, which gc takes from the
        // token after `func`: the name, or a method's receiver list.
        let at = recv.or(decl.child_by_field_name("name")).map(|n| {
            let (l, c) = pos_of(n);
            (path.to_string(), l, c)
        });
        let inl = at.as_ref().and_then(|k| diags.inl.get(k));
        if let (Some((gc_name, _)), Some(at)) = (inl, at) {
            stats.inl_matched.insert(at);
            // gc names a method `(*T).M` or `T.M`: the last part is the declared name.
            if without_type_args(gc_name).rsplit('.').next() != Some(name) {
                stats.inl_name_mismatches += 1;
                eprintln!("xtask facts: warning: gc's `can inline {gc_name}` is at {path}'s declaration of {name}");
            }
        }
        if generic {
            // Importers instantiate generic bodies themselves: keep the body, no tags.
            if inl.is_some() {
                stats.inlinable_generic += 1;
            }
            let with = keep_whole(decl);
            edits.push(Edit { start: decl.start_byte(), end: decl.start_byte(), with });
            continue;
        }
        stats.funcs += 1;
        let results = result_names(decl.child_by_field_name("result"), src);
        let mut params = params_of(recv, src);
        if let Some(r) = params.first_mut() {
            r.name = "recv".into();
        }
        params.extend(params_of(decl.child_by_field_name("parameters"), src));
        let tags: Vec<(String, ParamTag)> = params
            .iter()
            .map(|p| {
                let d = p.pos.and_then(|(l, c)| diags.params.get(&(path.to_string(), l, c)));
                if d.is_some() {
                    stats.tagged_params += 1;
                }
                (p.name.clone(), tag_of(d, &results, body.is_none(), diags.mutator_callee, stats))
            })
            .collect();
        let mut directive = facts::print_esc_pragma(tags.iter().map(|(n, t)| (n.as_str(), *t)));
        directive.push('\n');
        if body.is_none() && !has_directive_above(decl, src, "//go:uintptrkeepalive") {
            directive.push_str("//go:uintptrkeepalive\n");
        }
        match (inl, body) {
            (Some(&(_, cost)), Some(_)) => {
                // Importers inline the body from export data: keep it, as a generic one.
                stats.inlinable += 1;
                directive.push_str(&facts::print_inl_pragma(cost));
                directive.push('\n');
                directive.push_str(&keep_whole(decl));
            }
            (_, Some(b)) => edits.push(Edit { start: b.start_byte(), end: b.end_byte(), with: String::new() }),
            (_, None) => {}
        }
        edits.push(Edit { start: decl.start_byte(), end: decl.start_byte(), with: directive });
    }
    collect_comments(root, src, &kept, &mut edits);
    edits.sort_by_key(|e| (e.start, e.end));
    // Segments alternate between squeezed text and kept generic declarations.
    let mut stub = String::with_capacity(src.len() / 2);
    let mut edits = edits.into_iter().peekable();
    let mut at = 0;
    for &(start, end) in kept.iter().chain(std::iter::once(&(src.len(), src.len()))) {
        let between = apply_edits(src, at, start, &mut edits);
        stub.push_str(&squeeze_blank_lines(&between, &mut parser));
        stub.push_str(&apply_edits(src, start, end, &mut edits));
        at = end;
    }

    // A stub must parse wherever its source did: cutting must never break syntax.
    if !root.has_error() {
        let tree = parser.parse(&stub, None).expect("tree-sitter returns a tree");
        if let Some(e) = first_error(tree.root_node()) {
            stats.stub_errors += 1;
            let (l, c) = pos_of(e);
            eprintln!("xtask facts: warning: the stub of {path} has a syntax error at stub line {l}:{c}");
        }
    }
    stub
}

/// `src[from..to]` with the edits that start inside it applied (sorted by start; an edit inside
/// an earlier removal is dropped).
fn apply_edits(src: &str, from: usize, to: usize, edits: &mut std::iter::Peekable<std::vec::IntoIter<Edit>>) -> String {
    let mut out = String::new();
    let mut at = from;
    while let Some(e) = edits.next_if(|e| e.start < to) {
        if e.start < at {
            continue;
        }
        out.push_str(&src[at..e.start]);
        out.push_str(&e.with);
        at = e.end;
    }
    out.push_str(&src[at..to]);
    out
}

/// The first ERROR or MISSING node, for reporting where tree-sitter gave up.
fn first_error(node: Node) -> Option<Node> {
    if node.is_error() || node.is_missing() {
        return Some(node);
    }
    let mut cursor = node.walk();
    let children: Vec<Node> = node.children(&mut cursor).collect();
    children.into_iter().filter(|c| c.has_error()).find_map(first_error)
}

/// Whether a comment line `text` directly precedes `decl` (among its preceding siblings).
fn has_directive_above(decl: Node, src: &str, text: &str) -> bool {
    let mut prev = decl.prev_sibling();
    while let Some(p) = prev {
        if p.kind() != "comment" {
            return false;
        }
        if src[p.byte_range()].trim_end() == text {
            return true;
        }
        prev = p.prev_sibling();
    }
    false
}

/// Marks every comment for removal except compiler directives (`//go:...`). A block comment
/// that spans lines becomes a newline, since it ends a line for semicolon insertion; inside a
/// `kept` range it becomes blanks of its own shape, so that lines and columns stay as they were.
fn collect_comments(node: Node, src: &str, kept: &[(usize, usize)], edits: &mut Vec<Edit>) {
    if node.kind() == "comment" {
        let text = &src[node.byte_range()];
        if !text.starts_with("//go:") {
            let inside = kept.iter().any(|&(s, e)| s <= node.start_byte() && node.end_byte() <= e);
            let with = if inside {
                let blanks: String = text.chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect();
                blanks.trim_end_matches(' ').to_string()
            } else if text.starts_with("/*") {
                if text.contains('\n') {
                    "\n".to_string()
                } else {
                    " ".to_string()
                }
            } else {
                String::new()
            };
            edits.push(Edit { start: node.start_byte(), end: node.end_byte(), with });
        }
        return;
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        collect_comments(child, src, kept, edits);
    }
}

/// Drops trailing whitespace and blank lines, except inside raw string literals (the only tokens
/// that can span lines).
fn squeeze_blank_lines(text: &str, parser: &mut Parser) -> String {
    let tree = parser.parse(text, None).expect("tree-sitter returns a tree");
    let mut raw = Vec::new();
    collect_raw_strings(tree.root_node(), &mut raw);
    let in_raw = |offset: usize| raw.iter().any(|&(s, e)| s < offset && offset < e);
    let mut out = String::with_capacity(text.len());
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.strip_suffix('\n').unwrap_or(line);
        if in_raw(start) || in_raw(start + body.len()) {
            // The line starts or ends inside a raw string: keep it exactly.
            out.push_str(line);
            continue;
        }
        let trimmed = body.trim_end();
        if trimmed.is_empty() {
            continue;
        }
        out.push_str(trimmed);
        out.push('\n');
    }
    out
}

fn collect_raw_strings(node: Node, out: &mut Vec<(usize, usize)>) {
    if node.kind() == "raw_string_literal" {
        if node.end_position().row > node.start_position().row {
            out.push((node.start_byte(), node.end_byte()));
        }
        return;
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        collect_raw_strings(child, out);
    }
}

/// Every facts text of the bundle as it is on disk in `data` (`crates/facts/data`), not as this
/// binary was built with it, so that runs of one xtask binary for several releases and targets
/// add up: (release, target, text), the default target's texts first. Another target's text is
/// its differences applied to its release's default text and printed, as the facts crate does.
fn bundle_on_disk(data: &Path) -> anyhow::Result<Vec<(String, String, String)>> {
    let frame = |stem: &str| -> anyhow::Result<(Vec<u8>, String)> {
        let zst = data.join(format!("{stem}.zst"));
        let compressed = std::fs::read(&zst).with_context(|| format!("reading {}", zst.display()))?;
        let index = data.join(format!("{stem}.index"));
        let index = std::fs::read_to_string(&index).with_context(|| format!("reading {}", index.display()))?;
        let mut decoder = zstd::stream::Decoder::new(compressed.as_slice())?;
        decoder.window_log_max(27)?;
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut decoder, &mut bytes)?;
        Ok((bytes, index))
    };
    // Cuts a frame's text into its entries: every index line ends with the entry's length.
    let split = |bytes: &[u8], index: &str| -> anyhow::Result<Vec<(Vec<String>, String)>> {
        let mut out = Vec::new();
        let mut at = 0;
        for line in index.lines().filter(|l| !l.trim().is_empty()) {
            let mut words: Vec<String> = line.split(' ').map(String::from).collect();
            let len: usize = words.pop().and_then(|n| n.trim().parse().ok()).context(format!("index line {line:?}"))?;
            let text = bytes.get(at..at + len).context(format!("{line:?}: the frame is shorter"))?;
            out.push((words, String::from_utf8(text.to_vec())?));
            at += len;
        }
        if at != bytes.len() {
            bail!("the index covers {at} of the frame's {} bytes", bytes.len());
        }
        Ok(out)
    };
    let default = facts::DEFAULT_TARGET;
    let (bytes, index) = frame("std.facts")?;
    let mut texts: Vec<(String, String, String)> = Vec::new();
    for (words, text) in split(&bytes, &index)? {
        let [release] = words.as_slice() else { bail!("std.facts.index: {words:?} is not one release") };
        texts.push((release.clone(), default.to_string(), text));
    }
    let (bytes, index) = frame("std-targets.facts")?;
    for (words, delta) in split(&bytes, &index)? {
        let [release, target] = words.as_slice() else { bail!("std-targets.facts.index: {words:?}") };
        let Some((_, _, base)) = texts.iter().find(|(r, t, _)| r == release && t == default) else {
            bail!("{release} {target}: no {default} text to apply its differences to");
        };
        let base = FactsFile::parse(base).map_err(|e| anyhow::anyhow!("{release} {default}: {e}"))?;
        let delta_file = FactsFile::parse(&delta).map_err(|e| anyhow::anyhow!("{release} {target}: {e}"))?;
        let full = facts::delta::apply(&base, &delta_file).map_err(|e| anyhow::anyhow!("{release} {target}: {e}"))?;
        let full = full.print();
        texts.push((release.clone(), target.clone(), full));
    }
    Ok(texts)
}

/// Puts `text` into the bundle as the facts of `release` for `target`, beside the releases and
/// targets already bundled (read back from disk, [`bundle_on_disk`]), and rewrites the bundle
/// (`crates/facts/data`): the default target's texts, newest first, in one zstd frame whose
/// window spans them all, so each release is stored as its differences from the ones before
/// it (`std.facts.zst` and its index, rewritten only when a default target's text changes);
/// every other target's differences from its release's default text in a second frame, newest
/// release first (`std-targets.facts.zst` and its index). Returns the blob's path.
fn write_bundle(release: &str, target: &str, text: &str) -> anyhow::Result<PathBuf> {
    let default = facts::DEFAULT_TARGET;
    let data = crate::workspace_root().join("crates/facts/data");
    let mut texts = bundle_on_disk(&data)?;
    texts.retain(|(r, t, _)| (r.as_str(), t.as_str()) != (release, target));
    texts.push((release.to_string(), target.to_string(), text.to_string()));
    // Newest first: `go1.27.3` before `go1.26.6` before `go1.9.1`; the default target first.
    let version =
        |r: &str| -> Vec<u32> { r.trim_start_matches("go").split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    texts.sort_by(|a, b| {
        version(&b.0).cmp(&version(&a.0)).then_with(|| (a.1 != default, &a.1).cmp(&(b.1 != default, &b.1)))
    });
    let compress = |parts: &[(String, &str)]| -> anyhow::Result<(Vec<u8>, String)> {
        let mut encoder = zstd::stream::Encoder::new(Vec::new(), 19)?;
        encoder.long_distance_matching(true)?;
        // 128 MiB: every text is within reach (the decoder's default limit).
        encoder.window_log(27)?;
        let mut index = String::new();
        for (name, t) in parts {
            std::io::Write::write_all(&mut encoder, t.as_bytes())?;
            index.push_str(&format!("{name} {}\n", t.len()));
        }
        Ok((encoder.finish()?, index))
    };
    let blob = data.join("std.facts.zst");
    if target == default {
        let parts: Vec<(String, &str)> =
            texts.iter().filter(|(_, t, _)| t == default).map(|(r, _, x)| (r.clone(), x.as_str())).collect();
        let (bytes, index) = compress(&parts)?;
        std::fs::write(&blob, bytes)?;
        std::fs::write(data.join("std.facts.index"), index)?;
    }
    let mut deltas: Vec<(String, String)> = Vec::new();
    for (r, t, x) in texts.iter().filter(|(_, t, _)| t != default) {
        let Some((_, _, base)) = texts.iter().find(|(r2, t2, _)| r2 == r && t2 == default) else {
            bail!("{r} {t}: the facts of another target are stored as differences from {default}'s, which are not bundled for {r}");
        };
        let base = FactsFile::parse(base).map_err(|e| anyhow::anyhow!("{r} {default}: {e}"))?;
        let full = FactsFile::parse(x).map_err(|e| anyhow::anyhow!("{r} {t}: {e}"))?;
        deltas.push((format!("{r} {t}"), facts::delta::diff(&base, &full).print()));
    }
    let parts: Vec<(String, &str)> = deltas.iter().map(|(n, x)| (n.clone(), x.as_str())).collect();
    let (bytes, index) = compress(&parts)?;
    std::fs::write(data.join("std-targets.facts.zst"), bytes)?;
    std::fs::write(data.join("std-targets.facts.index"), index)?;
    Ok(if target == default { blob } else { data.join("std-targets.facts.zst") })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parameters `params_of` finds in the first function of `src`: name, whether named,
    /// position.
    fn params(src: &str) -> Vec<(String, bool, Option<(u32, u32)>)> {
        let mut parser = Parser::new();
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).expect("tree-sitter-go loads");
        let tree = parser.parse(src, None).expect("a tree");
        let mut cursor = tree.root_node().walk();
        let decl = tree
            .root_node()
            .named_children(&mut cursor)
            .find(|d| d.kind() == "function_declaration")
            .expect("a function declaration");
        params_of(decl.child_by_field_name("parameters"), src).into_iter().map(|p| (p.name, p.named, p.pos)).collect()
    }

    /// The bundle read back from disk is the bundle the facts crate reads (when, as after a
    /// commit, the binary was built with the files on disk): every default text, and the first
    /// entry of the other targets rebuilt from its differences.
    #[test]
    fn bundle_on_disk_is_the_bundled_one() {
        let texts = bundle_on_disk(&crate::workspace_root().join("crates/facts/data")).expect("the bundle reads");
        let defaults: Vec<&str> =
            texts.iter().filter(|(_, t, _)| t == facts::DEFAULT_TARGET).map(|(r, _, _)| r.as_str()).collect();
        assert_eq!(defaults, facts::releases().collect::<Vec<_>>());
        for (r, _, text) in texts.iter().filter(|(_, t, _)| t == facts::DEFAULT_TARGET) {
            assert!(facts::bundled::text(r) == Some(text.as_str()), "{r}: the texts differ");
        }
        if let Some((r, t, text)) = texts.iter().find(|(_, t, _)| t != facts::DEFAULT_TARGET) {
            assert!(facts::bundled::target_text(r, t).as_deref() == Some(text.as_str()), "{r} {t}: the texts differ");
        }
    }

    /// A long group of names sharing one type (`fn, a1, ..., a9 uintptr`, darwin's
    /// `syscall.syscall9`) is that many named parameters, each at its name, however many there
    /// are; in a list without names, identifiers stay types.
    #[test]
    fn long_parameter_groups_stay_named() {
        for n in [2, 9, 10, 16] {
            let names: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
            let src = format!("package p\n\nfunc F({} uintptr) (r1, r2 uintptr, err error)\n", names.join(", "));
            let mut col = 8;
            let want: Vec<_> = names
                .iter()
                .map(|name| {
                    let p = (name.clone(), true, Some((3, col)));
                    col += name.len() as u32 + 2;
                    p
                })
                .collect();
            assert_eq!(params(&src), want, "{src}");
        }
        let unnamed = params("package p\n\nfunc F(int, string, T)\n");
        assert_eq!(unnamed.iter().filter(|p| p.1).count(), 0, "{unnamed:?}");
        assert_eq!(unnamed.len(), 3);
        let mixed = params("package p\n\nfunc F(a, b, c, d, e, f, g, h, i, j int, k ...string)\n");
        let got: Vec<&str> = mixed.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(got, ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"]);
        assert!(mixed.iter().all(|p| p.1 && p.2.is_some()), "{mixed:?}");
    }
}
