//! `cargo xtask typecheck-diff`: goescape's type checker against go/types, expression by
//! expression.
//!
//! Both sides describe what their checker recorded about every expression of the same packages
//! in one line format, and the lines are compared as multisets:
//!
//! ```text
//! fmt/print.go:374:22<TAB>p.fmt.fmtFlags<TAB>fmtFlags[<TAB>const=VALUE]
//! ```
//!
//! * go/types' side is `xtask/gotypes`, a small Go program built with the release's own `go`:
//!   it type-checks the packages bottom-up from source and prints `types.Info.Types`, moving
//!   each position to where gc's syntax tree puts the node (the operator, `(`, `.`, `[`, `{`),
//!   which is what our AST records.
//! * Our side loads the same packages with `syntax::load`, checks them bottom-up with
//!   `types::check_package` over one shared `Ctx`, and prints every entry of
//!   `FileInfo::types` for the expressions found by walking the files' declarations. `EXPR` is
//!   a port of `types.ExprString` (tabs and newlines inside raw strings escaped on both sides), `TYPE` is `Ctx::recorded_type_string` (qualified by package name,
//!   unqualified within the package; a comma-ok expression used for two values prints as
//!   go/types' tuple `(T, bool)`), constants are printed as go/constant's `ExactString` on
//!   both sides: exact fractions (`1/10`) for floats, which our constants keep as go/constant
//!   does (an integer-typed constant holding a float value prints as the integer it is).
//!
//! Agreement is `matched / (theirs + ours − matched)` over lines. Unmatched lines are paired by
//! position and classified by their first differing field (`expr`, `type`, `const`); lines
//! with no partner at their position are `missing` (only go/types records the expression) or
//! `extra` (only we do). The std run writes `testdata/conformance/typecheck-std.md`, capped so
//! the snapshot stays reviewable.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use syntax::ast::{self, Expr, ExprKind, UnaryOp};
use syntax::load::{BuildContext, PackageSource};

use crate::{gc, gobin, workspace_root};

/// Mismatch lines listed in the snapshot: every one while there are at most this many (so the
/// snapshot is the complete list of what differs), else the first few per package.
const SNAPSHOT_ALL_UP_TO: usize = 2000;
const SNAPSHOT_PER_PACKAGE: usize = 6;
const SNAPSHOT_TOTAL: usize = 300;
/// Rows of the per-package table in the snapshot (worst packages first).
const SNAPSHOT_PACKAGES: usize = 80;

pub fn run(release: &str, packages: Option<Vec<String>>, show: usize, write_snapshot: bool) -> anyhow::Result<()> {
    let go = gobin::ensure(release)?;
    let goroot = gc::goroot(&go)?;
    let patterns = packages.clone().unwrap_or_else(|| vec!["std".to_string()]);
    let minor: u32 = release
        .trim_start_matches("go")
        .split('.')
        .nth(1)
        .and_then(|m| m.parse().ok())
        .context("--go: want a release like 1.27.3")?;

    let dumper = build_dumper(&go, release)?;
    eprintln!("xtask: go/types on {}", patterns.join(" "));
    let cwd = std::env::temp_dir();
    let out = gc::go_command(&dumper, &cwd)
        .env("GOROOT", &goroot)
        .arg("-go")
        .arg(&go)
        .args(&patterns)
        .stderr(std::process::Stdio::inherit())
        .output()?;
    if !out.status.success() {
        bail!("gotypes failed ({})", out.status);
    }
    let theirs: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect();

    eprintln!("xtask: goescape's types on {}", patterns.join(" "));
    let bctx = BuildContext {
        goos: "linux".into(),
        goarch: "amd64".into(),
        tags: vec![],
        release_minor: minor,
        release_patch: release.rsplit('.').next().and_then(|p| p.parse().ok()).unwrap_or(0),
        cgo_enabled: false,
        goroot: Some(goroot.clone()),
        modenv: syntax::load::ModEnv::from_process(),
    };
    let src = goroot.join("src");
    // The checker recurses deeply on std's long expressions: give it a big stack.
    let ours = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || our_lines(&patterns, &cwd, &bctx, &src))?
        .join()
        .map_err(|_| anyhow::anyhow!("our checker panicked"))??;

    let cmp = compare(&theirs, &ours.lines);
    let title = match &packages {
        None => "std".to_string(),
        Some(list) => list.join(","),
    };
    let markdown = render(&cmp, &ours.notes, release, &title);
    // The terminal summary: the head of the report plus the first mismatches.
    let head: Vec<&str> = markdown.lines().take_while(|l| !l.starts_with("## Packages")).collect();
    println!("{}", head.join("\n").trim_end());
    println!("\nfirst mismatches:");
    for m in cmp.mismatches.iter().take(show) {
        println!("  {}", m.describe());
    }
    if write_snapshot && packages.is_none() {
        let path = workspace_root().join("testdata").join("conformance").join("typecheck-std.md");
        std::fs::create_dir_all(path.parent().expect("snapshot has a parent"))?;
        std::fs::write(&path, &markdown)?;
        eprintln!("xtask: wrote {}", path.display());
    }
    Ok(())
}

/// Builds `xtask/gotypes` with the release's `go` into `target/xtask/gotypes-RELEASE`.
fn build_dumper(go: &Path, release: &str) -> anyhow::Result<PathBuf> {
    let root = workspace_root();
    let bin = root.join("target").join("xtask").join(format!("gotypes-{release}"));
    let out =
        gc::go_command(go, &root.join("xtask").join("gotypes")).args(["build", "-o"]).arg(&bin).arg(".").output()?;
    if !out.status.success() {
        bail!("building xtask/gotypes failed:\n{}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(bin)
}

// ---- our side ----

struct Ours {
    lines: Vec<String>,
    /// Per package: load failures, parse and type errors (first one quoted).
    notes: BTreeMap<String, String>,
}

/// Loads, checks and dumps `patterns` with our front end.
fn our_lines(patterns: &[String], cwd: &Path, bctx: &BuildContext, src: &Path) -> anyhow::Result<Ours> {
    let roots = syntax::load::load(patterns, cwd, bctx, None).map_err(|e| anyhow::anyhow!("loading: {e}"))?;
    let mut s = Session {
        bctx,
        src: src.to_path_buf(),
        ctx: types::Ctx::new(),
        done: HashSet::new(),
        in_progress: Vec::new(),
        roots: roots.iter().map(|r| r.import_path.clone()).collect(),
        out: Ours { lines: Vec::new(), notes: BTreeMap::new() },
    };
    for root in &roots {
        if !s.done.contains(&root.import_path) {
            s.check(root);
        }
    }
    Ok(s.out)
}

struct Session<'a> {
    bctx: &'a BuildContext,
    src: PathBuf,
    ctx: types::Ctx,
    done: HashSet<String>,
    in_progress: Vec<String>,
    roots: HashSet<String>,
    out: Ours,
}

impl Session<'_> {
    /// Checks `pkg` after its imports (as the pipeline does) and dumps it if it is a root.
    fn check(&mut self, pkg: &PackageSource) {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for f in &pkg.files {
            let (file, errs) = syntax::parse_file(&f.path, &f.text);
            if let Some(e) = errs.first() {
                problems.push(format!(
                    "{} syntax errors, first: {}:{}: {}",
                    errs.len(),
                    self.rel(&f.path),
                    e.pos,
                    e.msg
                ));
            }
            files.push(file);
        }
        let mut imports: Vec<String> = files.iter().flat_map(|f| f.imports.iter().map(|i| i.path.clone())).collect();
        imports.sort();
        imports.dedup();
        for path in imports {
            if path == "unsafe" || path == "C" || self.done.contains(&path) || self.in_progress.contains(&path) {
                continue;
            }
            let dep = match syntax::load::load_import(&path, pkg, self.bctx, None) {
                Ok(d) => d,
                Err(e) => {
                    problems.push(format!("import {path}: {e}"));
                    continue;
                }
            };
            if !self.done.contains(&dep.import_path) {
                self.in_progress.push(path.clone());
                self.check(&dep);
                self.in_progress.pop();
            }
            // Vendored std packages are imported without their `vendor/` prefix.
            if dep.import_path != path {
                if let Some(p) = self.ctx.packages.get(&dep.import_path).cloned() {
                    self.ctx.packages.insert(path.clone(), p);
                }
            }
            self.done.insert(path);
        }
        let (tpkg, info, errors) = types::check_package(&mut self.ctx, &pkg.import_path, &files, pkg.go_version);
        if let Some(e) = errors.first() {
            let file = pkg.files.get(e.file as usize).map_or("?".to_string(), |f| self.rel(&f.path));
            let msg = e.msg.lines().next().unwrap_or("");
            problems.push(format!("{} type errors, first: {file}:{}: {msg}", errors.len(), e.pos));
        }
        // go/types does not check package unsafe's source (it is types.Unsafe), and importers
        // must keep seeing the predeclared package.
        if pkg.import_path != "unsafe" {
            self.ctx.packages.insert(pkg.import_path.clone(), tpkg);
        }
        self.done.insert(pkg.import_path.clone());
        if self.roots.contains(&pkg.import_path) && pkg.import_path != "unsafe" {
            if !problems.is_empty() {
                self.out.notes.insert(pkg.import_path.clone(), problems.join("; "));
            }
            self.dump(pkg, &files, &info);
        }
    }

    /// A file's path relative to GOROOT/src, as `xtask/gotypes` prints it.
    fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.src).unwrap_or(path).to_string_lossy().replace('\\', "/")
    }

    /// One line per recorded expression, as `xtask/gotypes` prints them.
    fn dump(&mut self, pkg: &PackageSource, files: &[ast::File], info: &types::Info) {
        for (i, file) in files.iter().enumerate() {
            let Some(finfo) = info.files.get(i) else { continue };
            let rel = self.rel(&pkg.files[i].path);
            // Walk order, so that later records win: go/types keys its map by node, and the
            // values of an implicitly repeated const spec are the same nodes as the original's
            // (our parser copies them, with fresh ids, at the same positions).
            let mut by_node: HashMap<(ast::Pos, String), String> = HashMap::new();
            let mut order: Vec<(ast::Pos, String)> = Vec::new();
            let ctx = &self.ctx;
            let mut visit = |e: &Expr| {
                let Some(tv) = finfo.types.get(&e.id) else { return };
                let text = expr_string(e).replace('\t', "\\t").replace('\n', "\\n").replace('\r', "\\r");
                let mut line = format!(
                    "{rel}:{}:{}\t{text}\t{}",
                    e.pos.line,
                    e.pos.col,
                    ctx.recorded_type_string(tv, &pkg.import_path)
                );
                if let Some(v) = &tv.value {
                    line.push_str("\tconst=");
                    line.push_str(&const_string(ctx, v, tv.ty));
                }
                let key = (e.pos, text);
                if by_node.insert(key.clone(), line).is_none() {
                    order.push(key);
                }
            };
            for d in &file.decls {
                syntax::visit::exprs_in_decl(d, &mut visit);
            }
            let mut lines: Vec<(ast::Pos, String)> =
                order.into_iter().map(|k| (k.0, by_node.remove(&k).unwrap_or_default())).collect();
            lines.sort();
            self.out.lines.extend(lines.into_iter().map(|(_, l)| l));
        }
    }
}

// ---- printing ----

/// go/types' `ExprString`: the expression in Go syntax, composite literal bodies as `{…}` and
/// function literal bodies left out.
pub fn expr_string(e: &Expr) -> String {
    let mut s = String::new();
    write_expr(&mut s, e);
    s
}

fn write_expr(s: &mut String, e: &Expr) {
    match &e.kind {
        ExprKind::Ident(n) => s.push_str(n),
        ExprKind::BasicLit { raw, .. } => s.push_str(raw),
        ExprKind::CompositeLit { ty, elts } => {
            if let Some(t) = ty {
                write_expr(s, t);
            }
            s.push_str(if elts.is_empty() { "{}" } else { "{…}" });
        }
        ExprKind::FuncLit { ty, .. } => {
            s.push_str("(func");
            write_sig(s, ty.func_type());
            s.push_str(" literal)");
        }
        ExprKind::Paren(x) => {
            s.push('(');
            write_expr(s, x);
            s.push(')');
        }
        ExprKind::Selector { x, sel } => {
            write_expr(s, x);
            s.push('.');
            s.push_str(&sel.name);
        }
        ExprKind::Index { x, indices } => {
            write_expr(s, x);
            s.push('[');
            write_list(s, indices);
            s.push(']');
        }
        ExprKind::Slice { x, lo, hi, max, three } => {
            write_expr(s, x);
            s.push('[');
            if let Some(l) = lo {
                write_expr(s, l);
            }
            s.push(':');
            if let Some(h) = hi {
                write_expr(s, h);
            }
            if *three {
                s.push(':');
                if let Some(m) = max {
                    write_expr(s, m);
                }
            }
            s.push(']');
        }
        ExprKind::TypeAssert { x, ty } => {
            write_expr(s, x);
            s.push_str(".(");
            match ty {
                Some(t) => write_expr(s, t),
                None => s.push_str("type"),
            }
            s.push(')');
        }
        ExprKind::Call { fun, args, ellipsis } => {
            write_expr(s, fun);
            s.push('(');
            write_list(s, args);
            if *ellipsis {
                s.push_str("...");
            }
            s.push(')');
        }
        ExprKind::Star(x) => {
            s.push('*');
            write_expr(s, x);
        }
        ExprKind::Unary { op, x } => {
            s.push_str(match op {
                UnaryOp::Pos => "+",
                UnaryOp::Neg => "-",
                UnaryOp::Not => "!",
                UnaryOp::Xor => "^",
                UnaryOp::Addr => "&",
                UnaryOp::Recv => "<-",
                UnaryOp::Tilde => "~",
            });
            write_expr(s, x);
        }
        ExprKind::Binary { op, x, y } => {
            write_expr(s, x);
            s.push(' ');
            s.push_str(op.as_str());
            s.push(' ');
            write_expr(s, y);
        }
        ExprKind::ArrayType { len, elem } => {
            s.push('[');
            if let Some(l) = len {
                write_expr(s, l);
            }
            s.push(']');
            write_expr(s, elem);
        }
        ExprKind::StructType { fields } => {
            s.push_str("struct{");
            write_fields(s, fields, "; ", false);
            s.push('}');
        }
        ExprKind::FuncType(ft) => {
            s.push_str("func");
            write_sig(s, ft);
        }
        ExprKind::InterfaceType { elems } => {
            s.push_str("interface{");
            write_fields(s, elems, "; ", true);
            s.push('}');
        }
        ExprKind::MapType { key, value } => {
            s.push_str("map[");
            write_expr(s, key);
            s.push(']');
            write_expr(s, value);
        }
        ExprKind::ChanType { dir, elem } => {
            s.push_str(match dir {
                ast::ChanDir::Both => "chan ",
                ast::ChanDir::Send => "chan<- ",
                ast::ChanDir::Recv => "<-chan ",
            });
            write_expr(s, elem);
        }
        ExprKind::Ellipsis(x) => {
            s.push_str("...");
            if let Some(x) = x {
                write_expr(s, x);
            }
        }
        ExprKind::Bad => s.push_str("BadExpr"),
    }
}

fn write_list(s: &mut String, list: &[Expr]) {
    for (i, x) in list.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        write_expr(s, x);
    }
}

/// go/types' `writeFieldList`: names, then the type (interface methods: the signature only).
fn write_fields(s: &mut String, fields: &[ast::Field], sep: &str, iface: bool) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            s.push_str(sep);
        }
        for (j, n) in f.names.iter().enumerate() {
            if j > 0 {
                s.push_str(", ");
            }
            s.push_str(&n.name);
        }
        if let (true, ExprKind::FuncType(ft)) = (iface, &f.ty.kind) {
            write_sig(s, ft);
            continue;
        }
        if !f.names.is_empty() {
            s.push(' ');
        }
        write_expr(s, &f.ty);
    }
}

/// go/types' `writeSigExpr`: `(params) result` or `(params) (results)`.
fn write_sig(s: &mut String, ft: &ast::FuncType) {
    s.push('(');
    write_fields(s, &ft.params, ", ", false);
    s.push(')');
    let n: usize = ft.results.iter().map(|f| f.names.len().max(1)).sum();
    if n == 0 {
        return;
    }
    s.push(' ');
    if n == 1 && ft.results[0].names.is_empty() {
        write_expr(s, &ft.results[0].ty);
        return;
    }
    s.push('(');
    write_fields(s, &ft.results, ", ", false);
    s.push(')');
}

/// go/constant's `ExactString` (an integer-typed constant holding a float value prints as the
/// integer it is, as on go/types' side).
fn const_string(ctx: &types::Ctx, v: &types::Value, t: types::TypeId) -> String {
    if ctx.basic_kind(ctx.underlying(t)).is_some_and(|k| k.is_integer()) {
        if let i @ types::Value::Int(_) = v.to_int() {
            return i.exact_string();
        }
    }
    v.exact_string()
}

// ---- comparison ----

/// One unmatched line or pair of lines at the same position.
struct Mismatch {
    /// `expr`, `type`, `const`, `missing` or `extra`.
    kind: &'static str,
    package: String,
    theirs: Option<String>,
    ours: Option<String>,
}

/// At most `n` characters of a line's fields, so that a 2 KiB string constant stays readable.
fn clip(line: &str, n: usize) -> String {
    line.split('\t')
        .map(|f| {
            if f.chars().count() > n {
                format!("{}…", f.chars().take(n).collect::<String>())
            } else {
                f.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\t")
}

impl Mismatch {
    fn describe(&self) -> String {
        let theirs = self.theirs.as_deref().map(|l| clip(l, 100));
        let ours = self.ours.as_deref().map(|l| clip(l, 100));
        match (&theirs, &ours) {
            (Some(t), Some(o)) => {
                let (pos, t_rest) = t.split_once('\t').unwrap_or((t, ""));
                let o_rest = o.split_once('\t').map_or(o.as_str(), |x| x.1);
                format!(
                    "{} `{pos}`: go/types `{}` / ours `{}`",
                    self.kind,
                    t_rest.replace('\t', "  "),
                    o_rest.replace('\t', "  ")
                )
            }
            (Some(t), None) => format!("missing `{}`", t.replace('\t', "  ")),
            (None, Some(o)) => format!("extra `{}`", o.replace('\t', "  ")),
            (None, None) => String::new(),
        }
    }
}

struct Comparison {
    theirs: usize,
    ours: usize,
    matched: usize,
    /// Per package: (theirs, ours, matched).
    packages: BTreeMap<String, (usize, usize, usize)>,
    mismatches: Vec<Mismatch>,
}

/// The package of a line: its file's directory (import paths are directories in GOROOT/src).
fn package_of(line: &str) -> String {
    let path = line.split(':').next().unwrap_or("");
    path.rsplit_once('/').map_or(".", |(d, _)| d).to_string()
}

fn pos_of(line: &str) -> &str {
    line.split('\t').next().unwrap_or(line)
}

fn compare(theirs: &[String], ours: &[String]) -> Comparison {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for l in theirs {
        counts.entry(l).or_default().0 += 1;
    }
    for l in ours {
        counts.entry(l).or_default().1 += 1;
    }
    let mut cmp = Comparison {
        theirs: theirs.len(),
        ours: ours.len(),
        matched: 0,
        packages: BTreeMap::new(),
        mismatches: Vec::new(),
    };
    // Unmatched lines by (package, position), in line order.
    let mut left: BTreeMap<(String, String), (Vec<String>, Vec<String>)> = BTreeMap::new();
    for (&line, &(t, o)) in &counts {
        let m = t.min(o);
        cmp.matched += m;
        let p = cmp.packages.entry(package_of(line)).or_default();
        p.0 += t;
        p.1 += o;
        p.2 += m;
        if t == o {
            continue;
        }
        let slot = left.entry((package_of(line), pos_of(line).to_string())).or_default();
        for _ in m..t {
            slot.0.push(line.to_string());
        }
        for _ in m..o {
            slot.1.push(line.to_string());
        }
    }
    for ((package, _), (mut ts, mut os)) in left {
        let field = |l: &str, i: usize| l.split('\t').nth(i).map(str::to_string);
        // Pair lines about the same expression first, then whatever is left, in order.
        let mut pairs = Vec::new();
        ts.retain(|t| {
            if let Some(j) = os.iter().position(|o| field(o, 1) == field(t, 1)) {
                pairs.push((t.clone(), os.remove(j)));
                false
            } else {
                true
            }
        });
        while !ts.is_empty() && !os.is_empty() {
            pairs.push((ts.remove(0), os.remove(0)));
        }
        for (t, o) in pairs {
            let kind = if field(&t, 1) != field(&o, 1) {
                "expr"
            } else if field(&t, 2) != field(&o, 2) {
                "type"
            } else {
                "const"
            };
            cmp.mismatches.push(Mismatch { kind, package: package.clone(), theirs: Some(t), ours: Some(o) });
        }
        for t in ts {
            cmp.mismatches.push(Mismatch { kind: "missing", package: package.clone(), theirs: Some(t), ours: None });
        }
        for o in os {
            cmp.mismatches.push(Mismatch { kind: "extra", package: package.clone(), theirs: None, ours: Some(o) });
        }
    }
    // Position order within packages (paths, then numeric line and column).
    let key = |m: &Mismatch| {
        let l = m.theirs.as_deref().or(m.ours.as_deref()).unwrap_or("");
        let mut parts = pos_of(l).rsplitn(3, ':');
        let col: u32 = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
        let line: u32 = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
        (parts.next().unwrap_or("").to_string(), line, col)
    };
    cmp.mismatches.sort_by_cached_key(key);
    cmp
}

fn percent(n: usize, d: usize) -> String {
    if d == 0 {
        "100.0%".into()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / d as f64)
    }
}

/// The snapshot: summary, the breakdown, the worst packages, then capped mismatch lists.
fn render(cmp: &Comparison, notes: &BTreeMap<String, String>, release: &str, title: &str) -> String {
    let mut s = String::new();
    let total = cmp.theirs + cmp.ours - cmp.matched;
    let _ = writeln!(s, "# Type-checker conformance: {title}\n");
    let _ = writeln!(
        s,
        "go/types of gc {release} (`xtask/gotypes`) against goescape's `types`, one line per recorded \
         expression; written by `cargo xtask typecheck-diff --go {release}`.\n"
    );
    let _ = writeln!(
        s,
        "Agreement: **{} / {} ({})** lines (go/types {}, ours {}, matched {}).\n",
        cmp.matched,
        total,
        percent(cmp.matched, total),
        cmp.theirs,
        cmp.ours,
        cmp.matched
    );
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &cmp.mismatches {
        *kinds.entry(m.kind).or_default() += 1;
    }
    let _ = writeln!(s, "| first difference | count |\n| --- | --- |");
    for k in ["type", "const", "expr", "missing", "extra"] {
        let _ = writeln!(s, "| {k} | {} |", kinds.get(k).copied().unwrap_or(0));
    }
    let _ = writeln!(
        s,
        "\n`type`/`const`/`expr`: both record an expression at the position, the first differing field; \
         `missing`: only go/types records one; `extra`: only we do.\n"
    );
    let with_problems = notes.len();
    if with_problems > 0 {
        let _ = writeln!(s, "Packages where our front end reported errors: {with_problems} (listed below).\n");
    }

    let mut bad: Vec<(&String, &(usize, usize, usize))> =
        cmp.packages.iter().filter(|(_, &(t, o, m))| t != m || o != m).collect();
    bad.sort_by_key(|(p, &(t, o, m))| (std::cmp::Reverse(t + o - 2 * m), (*p).clone()));
    let _ = writeln!(s, "## Packages\n");
    let _ = writeln!(
        s,
        "{} of {} packages agree fully. The {} with the most unmatched lines:\n",
        cmp.packages.len() - bad.len(),
        cmp.packages.len(),
        bad.len().min(SNAPSHOT_PACKAGES)
    );
    let _ = writeln!(s, "| package | go/types | ours | matched | agreement |\n| --- | --- | --- | --- | --- |");
    for (p, &(t, o, m)) in bad.iter().take(SNAPSHOT_PACKAGES) {
        let _ = writeln!(s, "| {p} | {t} | {o} | {m} | {} |", percent(m, t + o - m));
    }
    if !notes.is_empty() {
        let _ = writeln!(s, "\n## Our errors\n");
        for (p, n) in notes.iter().take(SNAPSHOT_PACKAGES) {
            let _ = writeln!(s, "- {p}: {}", n.replace('`', "'"));
        }
        if notes.len() > SNAPSHOT_PACKAGES {
            let _ = writeln!(s, "- … and {} more", notes.len() - SNAPSHOT_PACKAGES);
        }
    }

    let _ = writeln!(s, "\n## Mismatches\n");
    let everything = cmp.mismatches.len() <= SNAPSHOT_ALL_UP_TO;
    let (per_package, total) =
        if everything { (usize::MAX, usize::MAX) } else { (SNAPSHOT_PER_PACKAGE, SNAPSHOT_TOTAL) };
    if everything {
        let _ = writeln!(s, "All {} of them.", cmp.mismatches.len());
    } else {
        let _ = writeln!(s, "The first {SNAPSHOT_PER_PACKAGE} per package, at most {SNAPSHOT_TOTAL} in all.");
    }
    let mut listed = 0;
    let mut by_pkg: BTreeMap<&str, Vec<&Mismatch>> = BTreeMap::new();
    for m in &cmp.mismatches {
        by_pkg.entry(&m.package).or_default().push(m);
    }
    for (p, ms) in by_pkg {
        if listed >= total {
            break;
        }
        let _ = writeln!(s, "\n### {p} ({} mismatches)\n", ms.len());
        for m in ms.iter().take(per_package) {
            if listed >= total {
                break;
            }
            let _ = writeln!(s, "- {}", m.describe());
            listed += 1;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_classifies_first_difference() {
        let theirs = vec![
            "a/x.go:1:1\tx\tint".to_string(),
            "a/x.go:2:1\ty\tint\tconst=1".to_string(),
            "a/x.go:3:1\tz\tint".to_string(),
        ];
        let ours = vec![
            "a/x.go:1:1\tx\tint".to_string(),
            "a/x.go:2:1\ty\tint\tconst=2".to_string(),
            "a/x.go:4:1\tw\tint".to_string(),
        ];
        let cmp = compare(&theirs, &ours);
        assert_eq!(cmp.matched, 1);
        let kinds: Vec<&str> = cmp.mismatches.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, ["const", "missing", "extra"]);
    }
}
