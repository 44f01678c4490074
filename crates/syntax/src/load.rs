//! Package loading, as `go build` does it.
//!
//! [`load`] turns command-line patterns into packages and [`load_import`] finds the package
//! behind an import. Both follow the go command (go1.27, module mode, CGO_ENABLED=0):
//!
//! * Patterns: a list of `.go` files is one package, `command-line-arguments`; `.`, `./sub`,
//!   `../x` and absolute directories name one package each; `./...` walks a tree, skipping
//!   `testdata`, `_`/`.`-prefixed directories, nested modules, go.mod `ignore`d directories
//!   and directories without buildable files; import paths resolve to GOROOT/src (standard
//!   library) or the main module (the nearest go.mod above the working directory); `std` is
//!   every standard package for the target, `net/...`-style patterns walk like `./...`.
//! * Files ([`constraint`], [`header`]): `.go` files not starting with `_` or `.`, not
//!   `_test.go`, whose name suffixes and build constraints match, and (cgo being off) that do
//!   not import "C". Files named on the command line skip the constraint checks, as with go.
//! * Diagnostics name files as the go command rewrites gc's output ([`paths::display`]).
//! * Roots come back in the order a one-worker `go build` finishes them: a depth-first
//!   post-order over the roots (in pattern order) and their imports (sorted), so a package
//!   named on the command line follows the named packages it imports.
//!
//! * Dependencies ([`modules`]): an import outside std and the main modules comes from the
//!   module providing it in the build list (minimal version selection over the go.mod files
//!   in the module cache, with `replace` and `exclude`), from `vendor/` in vendor mode, and
//!   from the other main modules of a go.work workspace. Nothing is ever downloaded: a module
//!   that is not on disk is an error naming module@version and where we looked.
//!
//! Error messages are the go command's, except where it would download.

pub mod constraint;
pub mod header;
pub mod modcache;
pub mod modfile;
pub mod module;
pub mod modules;
pub mod paths;
pub mod semver;
pub mod vendor;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use header::Header;
pub use modcache::{ModEnv, ModMode};
use module::Module;
use modules::Modules;

/// The build configuration: what `go env` would say for this build.
#[derive(Clone, Debug)]
pub struct BuildContext {
    pub goos: String,
    pub goarch: String,
    /// Extra build tags from `-tags`.
    pub tags: Vec<String>,
    /// The `go1.N` release tags satisfied are `go1.1` … `go1.{release_minor}`.
    pub release_minor: u32,
    /// The patch release of the toolchain modelled (`3` for go1.27.3), as the go command
    /// names its own version in errors.
    pub release_patch: u32,
    /// Always false for us: files that `import "C"` and `cgo`-tagged files are excluded.
    pub cgo_enabled: bool,
    /// GOROOT, when one is known; without it, standard-library packages come from a
    /// [`StdProvider`].
    pub goroot: Option<PathBuf>,
    /// Where dependencies come from: the module cache, vendor/, go.work.
    pub modenv: ModEnv,
}

/// One file of a loaded package.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as gc prints it in diagnostics for this invocation (e.g. `./main.go`).
    pub display: String,
    /// The file's text; a byte that is not valid UTF-8 reads as a space (see [`decode_source`]).
    pub text: String,
    /// Where the file's bytes are not valid UTF-8, every such byte (for gc's `invalid UTF-8
    /// encoding`; see [`crate::parse_file_with_invalid_utf8`]).
    pub invalid_utf8: Vec<crate::ast::Pos>,
}

/// A Go file's bytes as text: every byte of an invalid UTF-8 sequence becomes a space, so each
/// position (line, byte column) stays where it was and the scanner skips it, as gc's does after
/// reporting it; returns the byte offsets of those bytes too.
pub fn decode_source(bytes: Vec<u8>) -> (String, Vec<usize>) {
    let mut bytes = bytes;
    let mut invalid = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match std::str::from_utf8(&bytes[at..]) {
            Ok(_) => break,
            Err(e) => {
                let start = at + e.valid_up_to();
                let len = e.error_len().unwrap_or(bytes.len() - start);
                bytes[start..start + len].fill(b' ');
                invalid.extend(start..start + len);
                at = start + len;
            }
        }
    }
    let text = String::from_utf8(bytes).expect("invalid bytes replaced");
    (text, invalid)
}

/// The (line, byte column) of each byte offset in `offsets` (ascending), 1-based.
/// The byte offset of `pos` (1-based line and byte column) in `text`.
fn offset_of(text: &str, pos: crate::ast::Pos) -> usize {
    let line_start = if pos.line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(pos.line as usize - 2).map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + pos.col as usize).saturating_sub(1).min(text.len())
}

fn line_cols(text: &str, offsets: &[usize]) -> Vec<crate::ast::Pos> {
    let mut out = Vec::with_capacity(offsets.len());
    let (mut line, mut line_start, mut scanned) = (1u32, 0usize, 0usize);
    for &off in offsets {
        for (i, b) in text.as_bytes()[scanned..off].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                line_start = scanned + i + 1;
            }
        }
        scanned = off;
        out.push(crate::ast::Pos::new(line, (off - line_start + 1) as u32));
    }
    out
}

/// A package's files after build-constraint selection, before parsing.
#[derive(Clone, Debug)]
pub struct PackageSource {
    /// `command-line-arguments` for a list of files, as `go build` names it.
    pub import_path: String,
    pub dir: PathBuf,
    pub files: Vec<SourceFile>,
    /// The module's language version (`go` line of go.mod); std uses the release's own.
    pub go_version: (u32, u32),
    pub is_std: bool,
    /// Only Go files are built (no assembly or object files): the go command then passes gc
    /// `-complete`, and a function without a body is an error unless it is linknamed.
    pub complete: bool,
}

/// Supplies standard-library packages when there is no GOROOT (bundled facts).
pub trait StdProvider: Send + Sync {
    /// The files of std package `import_path`, or `None` if it is unknown.
    fn package(&self, import_path: &str) -> Option<PackageSource>;

    /// Whether `import_path` is a directory of std whose Go files the target's default build
    /// constraints all exclude (`arena`, `syscall/js` outside js/wasm, `iter` in go1.22): the
    /// go command reports an import of it as such, not as a missing package.
    fn excluded(&self, _import_path: &str) -> bool {
        false
    }
}

/// Why packages could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Any other failure, worded as the go command words it.
    #[error("{0}")]
    Msg(String),
    /// Problems with several packages, one message per line, in pattern order.
    #[error("{}", .0.join("\n"))]
    Packages(Vec<String>),
    /// A problem the go command prints under the stack of imports that reached it (its
    /// `PackageError` with an import stack): `package a\n\timports b: msg` when the imported
    /// package itself is at fault (no Go files for the target), `package a\n\tpos: msg` when
    /// the import is (`use of internal package ... not allowed`). `stack` starts with the
    /// importer; a caller that knows the packages above it puts them in front.
    #[error("{}", stacked_message(.stack, .pos.as_deref(), .msg))]
    Stacked { stack: Vec<String>, pos: Option<String>, msg: String },
}

/// The go command's `PackageError.Error` for an error with an import stack.
fn stacked_message(stack: &[String], pos: Option<&str>, msg: &str) -> String {
    let pos = pos.map(|p| format!("\n\t{p}")).unwrap_or_default();
    format!("package {}{pos}: {msg}", stack.join("\n\timports "))
}

/// How the go command places a failed import's message.
enum ImportError {
    /// At the position of the import spec: the import itself is wrong (no such package,
    /// malformed path, a package clash in the imported directory).
    AtImport(String),
    /// As it is: the message already names a position inside the imported package (a syntax
    /// error in a file's header), or the go command prints none.
    Plain(String),
    /// Under the import stack, the imported package last: its directory has no Go files for
    /// the target (`build constraints exclude all Go files in DIR`).
    NoGo(String),
    /// After the import stack, at the import's position (the stack without the imported
    /// package): `use of internal package ... not allowed`.
    Disallowed(String),
}

impl From<String> for ImportError {
    fn from(msg: String) -> Self {
        ImportError::AtImport(msg)
    }
}

/// Loads the packages named by `patterns` (`.`, `./...`, `./sub`, files, import paths, `std`)
/// relative to `cwd`, as `go build` would.
pub fn load(
    patterns: &[String],
    cwd: &Path,
    bctx: &BuildContext,
    std: Option<&dyn StdProvider>,
) -> Result<Vec<PackageSource>, LoadError> {
    Loader::new(cwd, bctx, std).load(patterns)
}

/// Loads the package imported as `path` by package `from`, in the module of `from` (run from
/// the process's working directory when that is in the same module). A build that loads many
/// imports should keep one [`Loader`] instead, which reads the module graph once.
pub fn load_import(
    path: &str,
    from: &PackageSource,
    bctx: &BuildContext,
    std: Option<&dyn StdProvider>,
) -> Result<PackageSource, LoadError> {
    let mut cwd = std::env::current_dir().unwrap_or_else(|_| from.dir.clone());
    if !from.is_std && module::find(&cwd) != module::find(&from.dir) {
        cwd = from.dir.clone();
    }
    Loader::new(&cwd, bctx, std).load_import(path, from)
}

impl Loader<'_> {
    /// Loads the packages named by `patterns` (`.`, `./...`, `./sub`, files, import paths,
    /// `std`), as `go build` would.
    pub fn load(&self, patterns: &[String]) -> Result<Vec<PackageSource>, LoadError> {
        let ld = self;
        ld.check_go_version()?;
        let patterns: Vec<String> = if patterns.is_empty() { vec![".".into()] } else { patterns.to_vec() };
        if patterns.iter().any(|p| p.ends_with(".go") && ld.cwd.join(p).is_file()) {
            return Ok(ld.files_package(&patterns)?.into_iter().collect());
        }
        let mut roots: Vec<Loaded> = Vec::new();
        let mut errors: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        for pat in &patterns {
            let found = ld.expand(pat)?;
            match found {
                Expanded::Err(e) => errors.push(e),
                Expanded::Pkgs(list) => {
                    if list.is_empty() && pat.contains("...") {
                        eprintln!("go: warning: {pat:?} matched no packages");
                    }
                    for l in list {
                        if let Loaded::Ok(p) = &l {
                            if !seen.insert(p.import_path.clone()) {
                                continue;
                            }
                        }
                        roots.push(l);
                    }
                }
            }
        }
        let mut pkgs = Vec::new();
        let mut test_only = Vec::new();
        for r in roots {
            match r {
                Loaded::Ok(p) => pkgs.push(p),
                Loaded::TestOnly(e) => test_only.push(e),
                l => errors.extend(l.root_message()),
            }
        }
        if !errors.is_empty() {
            return Err(LoadError::Packages(errors));
        }
        if !test_only.is_empty() {
            return Err(LoadError::Packages(test_only));
        }
        Ok(ld.build_order(pkgs))
    }

    /// Loads the package imported as `path` by package `from`.
    pub fn load_import(&self, path: &str, from: &PackageSource) -> Result<PackageSource, LoadError> {
        if let Err(e) = &self.modules {
            return Err(LoadError::Msg(e.clone()));
        }
        self.import(path, from).map_err(|e| import_failure(e, path, from))
    }
}

/// The go command's report of a failed import of `path` by `from`.
fn import_failure(e: ImportError, path: &str, from: &PackageSource) -> LoadError {
    match e {
        ImportError::AtImport(msg) => match import_position(from, path) {
            Some(pos) => LoadError::Msg(format!("{pos}: {msg}")),
            None => LoadError::Msg(msg),
        },
        ImportError::Plain(msg) => LoadError::Msg(msg),
        ImportError::NoGo(msg) => {
            LoadError::Stacked { stack: vec![from.import_path.clone(), path.to_string()], pos: None, msg }
        }
        ImportError::Disallowed(msg) => {
            LoadError::Stacked { stack: vec![from.import_path.clone()], pos: import_position(from, path), msg }
        }
    }
}

/// The go command's `disallowInternal`: an import of a path with an `internal` element is
/// allowed only from the tree rooted at the parent of that (last) element. For std the tree is
/// GOROOT/src's, so only std may import std's internal packages; for a module package it is
/// the import path's (`example.com/m/a/internal/x` from `example.com/m/a/...`). The message,
/// when it is not allowed.
pub fn disallow_internal(from: &PackageSource, imported: &str, imported_is_std: bool) -> Option<String> {
    let at = internal_element(imported)?;
    let parent = imported[..at].trim_end_matches('/');
    let allowed = if imported_is_std {
        // The tree is a directory of GOROOT/src, which only std's own packages lie in (and
        // they keep to the rule).
        from.is_std
    } else {
        // Files named on the command line count as their directory's package, which goescape
        // does not name: they are let through.
        from.import_path == "command-line-arguments" || has_path_prefix(&from.import_path, parent)
    };
    (!allowed).then(|| format!("use of internal package {imported} not allowed"))
}

/// The byte offset of the last `internal` element of an import path.
fn internal_element(path: &str) -> Option<usize> {
    if path.ends_with("/internal") {
        Some(path.len() - "internal".len())
    } else if let Some(i) = path.rfind("/internal/") {
        Some(i + 1)
    } else if path == "internal" || path.starts_with("internal/") {
        Some(0)
    } else {
        None
    }
}

/// Whether import path `s` is `prefix` or lies below it.
fn has_path_prefix(s: &str, prefix: &str) -> bool {
    prefix.is_empty() || s == prefix || s.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'))
}

/// `file:line:col` of the first spec importing `path` in `from`, as the go command shows it.
pub fn import_position(from: &PackageSource, path: &str) -> Option<String> {
    for f in &from.files {
        let h = header::scan(&f.text);
        if let Some(i) = h.imports.iter().find(|i| i.path == path) {
            let shown = f.display.strip_prefix("./").unwrap_or(&f.display);
            return Some(format!("{shown}:{}:{}", i.line, i.col));
        }
    }
    None
}

/// GOROOT from the environment or the `go` on PATH, looked up once.
fn env_goroot() -> Option<PathBuf> {
    static GOROOT: OnceLock<Option<PathBuf>> = OnceLock::new();
    GOROOT
        .get_or_init(|| {
            if let Some(g) = std::env::var_os("GOROOT").filter(|g| !g.is_empty()) {
                return Some(PathBuf::from(g));
            }
            let out = std::process::Command::new("go")
                .args(["env", "GOROOT"])
                .env("GOTOOLCHAIN", "local")
                .stderr(std::process::Stdio::null())
                .output()
                .ok()?;
            let s = String::from_utf8(out.stdout).ok()?;
            let s = s.trim();
            (out.status.success() && !s.is_empty()).then(|| PathBuf::from(s))
        })
        .clone()
}

/// A pattern's expansion: packages, or one error standing for the whole pattern.
enum Expanded {
    Pkgs(Vec<Loaded>),
    Err(String),
}

/// One root package, loaded or not.
enum Loaded {
    Ok(PackageSource),
    Err(String),
    /// A package named literally that has only test files (reported after other errors).
    TestOnly(String),
    /// A syntax error in a file's header, positioned in that file.
    InFile(String),
    /// Go files the build constraints all exclude: the package's path and directory.
    Excluded {
        import_path: String,
        dir: PathBuf,
    },
}

/// What a directory holds for the target.
#[derive(Default)]
struct DirScan {
    /// Buildable, non-test, non-cgo files: (name, path, text, header, invalid UTF-8 positions).
    files: Vec<(String, PathBuf, String, Header, Vec<crate::ast::Pos>)>,
    /// Whether any candidate `.go` file exists (constraints aside).
    any_go: bool,
    /// Buildable test files.
    tests: usize,
    /// Buildable files importing "C" (dropped with cgo off).
    cgo: usize,
    /// A package-name clash or unreadable constraint.
    error: Option<String>,
    /// Whether `error` is a syntax error positioned in one of the files.
    error_in_file: bool,
    /// Buildable assembly or object files: gc then compiles the Go files without `-complete`.
    non_go: bool,
}

impl DirScan {
    /// Files that make a wildcard match the directory (tests count; cgo files do not).
    fn buildable(&self) -> usize {
        self.files.len() + self.tests
    }
}

/// Where an import path leads.
enum Origin {
    Dir {
        dir: PathBuf,
        import_path: String,
        go_version: (u32, u32),
        is_std: bool,
    },
    Provided(PackageSource),
    /// A std directory the bundled facts know as having no Go files for the target: its
    /// directory as goescape spells GOROOT's files.
    Excluded(String),
}

/// One build's loader: the working directory, the build configuration, and the main
/// modules with what they depend on (the module graph is read once, when first needed).
pub struct Loader<'a> {
    cwd: PathBuf,
    bctx: &'a BuildContext,
    std: Option<&'a dyn StdProvider>,
    goroot: Option<PathBuf>,
    /// The module containing the working directory.
    main: Option<Module>,
    /// The main modules and their dependencies, or why they cannot be read.
    modules: Result<Option<Modules>, String>,
}

const NO_GO_MOD: &str = "go: go.mod file not found in current directory or any parent directory; see 'go help modules'";

impl<'a> Loader<'a> {
    /// A loader for builds run in `cwd`.
    pub fn new(cwd: &Path, bctx: &'a BuildContext, std: Option<&'a dyn StdProvider>) -> Self {
        let base = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
        let cwd = paths::clean_abs(&base, cwd);
        let goroot = bctx.goroot.clone().or_else(env_goroot).map(|g| paths::clean_abs(&cwd, &g));
        let main = module::find(&cwd);
        // GOROOT/src as the main module (std, cmd) has no dependencies to find.
        let modules = match &main {
            Some(m) if m.path == "std" || m.path == "cmd" => Ok(None),
            _ => Modules::new(&cwd, main.as_ref(), &bctx.modenv),
        };
        Loader { cwd, bctx, std, goroot, main, modules }
    }

    /// The main modules (several in a go.work workspace).
    fn main_modules(&self) -> Vec<&Module> {
        match &self.modules {
            Ok(Some(m)) => m.main.iter().collect(),
            _ => self.main.iter().collect(),
        }
    }

    /// The main module whose tree holds `dir` (the innermost one).
    fn main_for_dir(&self, dir: &Path) -> Option<&Module> {
        self.main_modules().into_iter().filter(|m| dir.starts_with(&m.root)).max_by_key(|m| m.root.as_os_str().len())
    }

    fn std_version(&self) -> (u32, u32) {
        (1, self.bctx.release_minor)
    }

    fn goroot_src(&self) -> Option<PathBuf> {
        self.goroot.as_ref().map(|g| g.join("src"))
    }

    /// go.mod asking for a newer language than the toolchain is fatal, as with GOTOOLCHAIN=local.
    fn check_go_version(&self) -> Result<(), LoadError> {
        if let Some(m) = &self.main {
            // The go command refuses a main module whose go.mod it cannot read.
            let gomod = m.root.join("go.mod");
            let shown = paths::short(&self.cwd, &gomod);
            if !m.errors.is_empty() {
                let lines: Vec<String> = m.errors.iter().map(|e| e.render(&shown)).collect();
                return Err(LoadError::Msg(format!("go: errors parsing {shown}:\n{}", lines.join("\n"))));
            }
            if m.path.is_empty() {
                return Err(LoadError::Msg(format!(
                    "go: error reading {shown}: missing module declaration. To specify the module path:\n\tgo mod edit -module=example.com/mod"
                )));
            }
        }
        if let Err(e) = &self.modules {
            return Err(LoadError::Msg(e.clone()));
        }
        if let Some(m) = &self.main {
            if let (Some(v), Some(text)) = (m.go, &m.go_text) {
                if v > self.std_version() {
                    return Err(LoadError::Msg(format!(
                        "go: go.mod requires go >= {text} (running go 1.{}.{}; GOTOOLCHAIN=local)",
                        self.bctx.release_minor, self.bctx.release_patch
                    )));
                }
            }
        }
        Ok(())
    }

    fn in_workspace(&self) -> bool {
        matches!(&self.modules, Ok(Some(m)) if m.work_file.is_some())
    }

    /// The main module holding directory `abs`, or the go command's complaint about a
    /// pattern naming a directory outside them all.
    fn main_for_pattern(
        &self,
        abs: &Path,
        shown: &str,
        pattern: Option<&str>,
    ) -> Result<Result<&Module, String>, LoadError> {
        if self.main_modules().is_empty() {
            return Err(LoadError::Msg(NO_GO_MOD.into()));
        }
        if let Some(m) = self.main_for_dir(abs) {
            return Ok(Ok(m));
        }
        let whose = if self.in_workspace() { "modules listed in go.work" } else { "main module" };
        Ok(Err(match pattern {
            Some(pat) if self.in_workspace() => format!(
                "pattern {pat}: directory prefix {shown} does not contain modules listed in go.work or their selected dependencies"
            ),
            Some(_) => format!("directory {} is outside main module or its selected dependencies", abs.display()),
            None => format!("directory {shown} outside {whose} or their selected dependencies")
                .replace("main module or their", "main module or its"),
        }))
    }

    /// Module metadata for packages of module `m`.
    fn module_meta(&self, m: &Module) -> ((u32, u32), bool) {
        if m.path == "std" || m.path == "cmd" {
            (self.std_version(), true)
        } else {
            (m.go_version(), false)
        }
    }

    // ---- files ----

    /// Reads directory `dir` as go/build does. With `named`, only those files, and build
    /// constraints do not apply (the go command's treatment of files on the command line).
    fn scan_dir(&self, dir: &Path, named: Option<&[PathBuf]>) -> std::io::Result<DirScan> {
        let mut names: Vec<(String, PathBuf)> = match named {
            Some(list) => list
                .iter()
                .map(|p| (p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), p.clone()))
                .collect(),
            None => {
                let mut v = Vec::new();
                for e in std::fs::read_dir(dir)? {
                    let e = e?;
                    let path = e.path();
                    if path.is_file() {
                        v.push((e.file_name().to_string_lossy().into_owned(), path));
                    }
                }
                v.sort();
                v
            }
        };
        // Assembly and object files the go command would hand the assembler or the linker.
        let non_go = named.is_none()
            && names.iter().any(|(n, path)| {
                let ext = n.rsplit_once('.').map_or("", |(_, e)| e);
                if n.starts_with('_') || n.starts_with('.') || !["s", "S", "sx", "syso"].contains(&ext) {
                    return false;
                }
                if !constraint::good_os_arch_file(self.bctx, n) {
                    return false;
                }
                // An assembly file's `//go:build` line counts too; one that cannot be read
                // is taken as built.
                ext == "syso"
                    || std::fs::read(path)
                        .map(|b| self.should_build(&header::scan(&String::from_utf8_lossy(&b))).unwrap_or(true))
                        .unwrap_or(true)
            });
        names.retain(|(n, _)| n.ends_with(".go") && !n.starts_with('_') && !n.starts_with('.'));
        let mut scan = DirScan { any_go: !names.is_empty(), non_go, ..Default::default() };
        let mut pkg_name: Option<(String, String)> = None;
        for (name, path) in names {
            let (text, invalid) = match std::fs::read(&path) {
                Ok(b) => decode_source(b),
                Err(_) => continue,
            };
            let h = header::scan(&text);
            // How the go command names the file in what it says of the header.
            let shown_name = || {
                let shown = paths::display(&self.cwd, dir, &path);
                shown.strip_prefix("./").unwrap_or(&shown).to_string()
            };
            // The go command reads the header with go/build's import reader, which refuses NUL
            // bytes, then parses what it read with go/parser; after a byte the reader does not
            // expect, go/parser gets the whole file and scans up to the token after the
            // imports. The compiler reports what lies beyond.
            let extent = {
                let mut raw = text.as_bytes().to_vec();
                for &i in &invalid {
                    raw[i] = 0x80;
                }
                header::read_extent(&raw)
            };
            if extent.nul {
                scan.error.get_or_insert(format!("read {}: unexpected NUL in input", path.display()));
                continue;
            }
            let end = if extent.syntax_error { h.end } else { extent.header_len };
            let end_pos = line_cols(&text, &[end])[0];
            // go/parser's complaints, of which the go command shows the first by position.
            let mut complaints: Vec<(crate::ast::Pos, String)> = Vec::new();
            // go/scanner refuses bytes that are not UTF-8,
            if let Some(&bad) = invalid.first().filter(|&&b| b < end) {
                complaints.push((line_cols(&text, &[bad])[0], "illegal UTF-8 encoding".into()));
            }
            // and byte order marks but at the very start;
            if let Some(bom) = text.match_indices('\u{feff}').map(|(i, _)| i).find(|&i| i > 0 && i < end) {
                complaints.push((line_cols(&text, &[bom])[0], "illegal byte order mark".into()));
            }
            // go/parser wants a package clause first, with a name, and strings terminated;
            if let Some((line, col, msg)) = &h.no_package {
                if extent.syntax_error || (*line, *col) < (end_pos.line, end_pos.col) {
                    complaints.push((crate::ast::Pos::new(*line, *col), msg.clone()));
                }
            }
            // go/scanner checks line directives as gc does.
            let mut header_end = end.min(text.len());
            while !text.is_char_boundary(header_end) {
                header_end += 1;
            }
            if let Some(e) = crate::parse::line_directive_error(&shown_name(), &text[..header_end]) {
                complaints.push((e.pos, e.msg));
            }
            // go/parser drops one of its own complaints on the line of the error recorded just
            // before it: a scanner's error in or right after the token it complains about.
            let parser_own = |msg: &str| msg.starts_with("expected ") || msg.contains("import path");
            if let Some(i) = complaints.iter().position(|(_, msg)| parser_own(msg)) {
                let at = complaints[i].0;
                let start = offset_of(&text, at);
                let token_len = text[start..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
                let token_end = start + token_len.max(1);
                let earlier = complaints
                    .iter()
                    .any(|(p, msg)| !parser_own(msg) && p.line == at.line && offset_of(&text, *p) <= token_end);
                if earlier {
                    complaints.remove(i);
                }
            }
            if let Some((at, msg)) = complaints.into_iter().min_by_key(|(at, _)| *at) {
                if scan.error.is_none() {
                    scan.error = Some(format!("{}:{}:{}: {msg}", shown_name(), at.line, at.col));
                    scan.error_in_file = true;
                }
                continue;
            }
            // go/parser, reading the header for the go command, refuses some import paths.
            if let Some(bad) = h.imports.iter().find(|i| !is_valid_import(&i.path)) {
                scan.error.get_or_insert(format!(
                    "{}:{}:{}: invalid import path: {}",
                    path.display(),
                    bad.line,
                    bad.col,
                    bad.path
                ));
                continue;
            }
            let invalid_utf8 = line_cols(&text, &invalid);
            if named.is_none() {
                if !constraint::good_os_arch_file(self.bctx, &name) {
                    continue;
                }
                match self.should_build(&h) {
                    Ok(true) => {}
                    Ok(false) => continue,
                    Err(e) => {
                        scan.error.get_or_insert(format!("{name}: {e}"));
                        continue;
                    }
                }
            }
            let mut pkg = h.package.clone();
            if pkg == "documentation" {
                continue;
            }
            let is_test = name.ends_with("_test.go");
            if is_test {
                if let Some(base) = pkg.strip_suffix("_test") {
                    if pkg_name.as_ref().map(|(p, _)| p.as_str()) != Some(pkg.as_str()) {
                        pkg = base.to_string();
                    }
                }
            }
            match &pkg_name {
                None => pkg_name = Some((pkg.clone(), name.clone())),
                Some((first, first_file)) if *first != pkg && scan.error.is_none() => {
                    scan.error =
                        Some(format!("found packages {first} ({first_file}) and {pkg} ({name}) in {}", dir.display()));
                }
                _ => {}
            }
            if is_test {
                scan.tests += 1;
            } else if h.imports_c() && !self.bctx.cgo_enabled {
                scan.cgo += 1;
            } else {
                scan.files.push((name, path, text, h, invalid_utf8));
            }
        }
        Ok(scan)
    }

    fn should_build(&self, h: &Header) -> Result<bool, String> {
        if let Some(e) = &h.error {
            return Err(e.clone());
        }
        let tag = |t: &str| constraint::match_tag(self.bctx, t);
        if let Some(line) = &h.go_build {
            let x = constraint::parse_go_build(line).map_err(|e| format!("parsing //go:build line: {e}"))?;
            return Ok(x.eval(&tag));
        }
        Ok(h.plus_build.iter().all(|l| match constraint::parse_plus_build(l) {
            Ok(x) => x.eval(&tag),
            Err(_) => true,
        }))
    }

    /// A package from a directory scan, or the go command's complaint about it.
    fn package(&self, import_path: &str, dir: &Path, scan: DirScan, go_version: (u32, u32), is_std: bool) -> Loaded {
        if let Some(e) = scan.error {
            return if scan.error_in_file { Loaded::InFile(e) } else { Loaded::Err(e) };
        }
        if scan.files.is_empty() {
            if scan.tests > 0 {
                return Loaded::TestOnly(format!("{import_path}: no non-test Go files in {}", dir.display()));
            }
            if scan.any_go {
                return Loaded::Excluded { import_path: import_path.to_string(), dir: dir.to_path_buf() };
            }
            return Loaded::Err(format!("no Go files in {}", dir.display()));
        }
        // The go command's exceptions: standard packages with declarations the runtime
        // supplies behind the scenes (`cmd/go/internal/work/gc.go`).
        const RUNTIME_SUPPLIED: &[&str] = &[
            "bytes",
            "internal/poll",
            "net",
            "os",
            "runtime/metrics",
            "runtime/pprof",
            "runtime/trace",
            "sync",
            "syscall",
            "time",
        ];
        let complete = !(scan.non_go || is_std && RUNTIME_SUPPLIED.contains(&import_path));
        let files = scan
            .files
            .into_iter()
            .map(|(_, path, text, _, invalid_utf8)| SourceFile {
                display: paths::display(&self.cwd, dir, &path),
                path,
                text,
                invalid_utf8,
            })
            .collect();
        let pkg = PackageSource {
            import_path: import_path.to_string(),
            dir: dir.to_path_buf(),
            files,
            go_version,
            is_std,
            complete,
        };
        Loaded::Ok(pkg)
    }

    fn load_dir(&self, import_path: &str, dir: &Path, go_version: (u32, u32), is_std: bool) -> Loaded {
        match self.scan_dir(dir, None) {
            Ok(scan) => self.package(import_path, dir, scan, go_version, is_std),
            Err(e) => Loaded::Err(format!("open {}: {e}", dir.display())),
        }
    }

    /// `go build a.go b.go`: one package of the named files.
    fn files_package(&self, files: &[String]) -> Result<Option<PackageSource>, LoadError> {
        let mut dir: Option<String> = None;
        let mut list = Vec::new();
        for f in files {
            if !f.ends_with(".go") {
                return Err(LoadError::Msg(format!("named files must be .go files: {f}")));
            }
            let abs = paths::clean_abs(&self.cwd, Path::new(f));
            if abs.is_dir() {
                return Err(LoadError::Msg(format!("{f} is a directory, should be a Go file")));
            }
            if !abs.exists() {
                return Err(LoadError::Msg(format!("stat {f}: no such file or directory")));
            }
            let d1 = match Path::new(f).parent().map(|p| p.to_string_lossy().into_owned()) {
                Some(p) if !p.is_empty() => paths::clean(Path::new(&p)).to_string_lossy().into_owned(),
                _ => ".".to_string(),
            };
            match &dir {
                None => dir = Some(d1),
                Some(d) if *d != d1 => {
                    return Err(LoadError::Msg(format!("named files must all be in one directory; have {d} and {d1}")))
                }
                _ => {}
            }
            list.push(abs);
        }
        let dir = paths::clean_abs(&self.cwd, Path::new(dir.as_deref().unwrap_or(".")));
        let scan = self.scan_dir(&dir, Some(&list)).map_err(|e| LoadError::Msg(e.to_string()))?;
        if scan.files.is_empty() {
            if scan.cgo > 0 && scan.tests == 0 {
                return Err(LoadError::Msg("go: no Go source files".into()));
            }
            if let Some(e) = scan.error {
                return Err(LoadError::Packages(vec![e]));
            }
            return Ok(None);
        }
        match self.package("command-line-arguments", &dir, scan, self.std_version(), false) {
            Loaded::Ok(p) => Ok(Some(p)),
            l => Err(LoadError::Packages(l.root_message().into_iter().collect())),
        }
    }

    // ---- patterns ----

    fn expand(&self, pat: &str) -> Result<Expanded, LoadError> {
        if pat == "std" {
            return self.match_std(None);
        }
        if matches!(pat, "all" | "cmd" | "tool" | "work") || pat.starts_with("cmd/") {
            return Err(LoadError::Msg(format!("goescape: pattern {pat:?} is not supported")));
        }
        let local = pat == "."
            || pat == ".."
            || pat.starts_with("./")
            || pat.starts_with("../")
            || Path::new(pat).is_absolute();
        if local {
            if pat.contains("...") {
                return self.match_local(pat);
            }
            return Ok(Expanded::Pkgs(vec![self.local_literal(pat)?]));
        }
        if pat.contains("...") {
            let mut found = Vec::new();
            if is_std_like(pat) {
                if let Expanded::Pkgs(v) = self.match_std(Some(pat))? {
                    found.extend(v);
                }
            }
            for m in self.main_modules() {
                found.extend(self.match_module(m, pat));
            }
            found.sort_by(|a, b| loaded_path(a).cmp(loaded_path(b)));
            return Ok(Expanded::Pkgs(found));
        }
        Ok(Expanded::Pkgs(vec![match self.resolve(pat, false) {
            Ok(Origin::Dir { dir, import_path, go_version, is_std }) => {
                self.load_dir(&import_path, &dir, go_version, is_std)
            }
            Ok(Origin::Provided(p)) => Loaded::Ok(p),
            Ok(Origin::Excluded(dir)) => Loaded::Excluded { import_path: pat.to_string(), dir: dir.into() },
            Err(e) => Loaded::Err(e),
        }]))
    }

    /// `.`, `./sub`, `../x`, `/abs/dir`.
    fn local_literal(&self, pat: &str) -> Result<Loaded, LoadError> {
        let abs = paths::clean_abs(&self.cwd, Path::new(pat));
        if let Some(src) = self.goroot_src() {
            if let Ok(rel) = abs.strip_prefix(&src) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                if !rel.is_empty()
                    && rel != "cmd"
                    && !rel.starts_with("cmd/")
                    && self.main.as_ref().is_none_or(|m| m.root != src)
                {
                    return Ok(self.load_dir(&rel, &abs, self.std_version(), true));
                }
            }
        }
        let shown = paths::clean(Path::new(pat)).to_string_lossy().into_owned();
        let m = match self.main_for_pattern(&abs, &shown, None)? {
            Ok(m) => m,
            Err(e) => return Ok(Loaded::Err(e)),
        };
        if !abs.is_dir() {
            return Ok(Loaded::Err(format!("stat {}: directory not found", abs.display())));
        }
        let import_path = m.import_path(&abs).unwrap_or_default();
        if let Some(e) = nested_module_error(m, &abs, &import_path) {
            return Ok(Loaded::Err(e));
        }
        let (v, is_std) = self.module_meta(m);
        Ok(self.load_dir(&import_path, &abs, v, is_std))
    }

    /// `./...`, `./sub/...`, `../x/...`.
    fn match_local(&self, pat: &str) -> Result<Expanded, LoadError> {
        if self.main_modules().is_empty() {
            return Err(LoadError::Msg(NO_GO_MOD.into()));
        }
        let i = pat.find("...").unwrap_or(pat.len());
        let dir_part = match pat[..i].rfind('/') {
            Some(j) => &pat[..=j],
            None => "",
        };
        let root = paths::clean_abs(&self.cwd, Path::new(if dir_part.is_empty() { "." } else { dir_part }));
        if !root.is_dir() {
            return Ok(Expanded::Err(format!("pattern {pat}: lstat {dir_part}: no such file or directory")));
        }
        let shown = if dir_part.is_empty() {
            ".".to_string()
        } else {
            paths::clean(Path::new(dir_part)).to_string_lossy().into_owned()
        };
        let m = match self.main_for_pattern(&root, &shown, Some(pat))? {
            Ok(m) => m,
            Err(e) => return Ok(Expanded::Err(e)),
        };
        let mut dirs = Vec::new();
        self.walk(&root, true, &mut |d, top| {
            let elem = d.file_name().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
            if (elem.starts_with('.') && elem != "." && elem != "..") || elem.starts_with('_') || elem == "testdata" {
                return false;
            }
            let rel_mod = d.strip_prefix(&m.root).map(|r| r.to_string_lossy().replace('\\', "/")).unwrap_or_default();
            if !rel_mod.is_empty() && m.ignores(&rel_mod) {
                return false;
            }
            if !top && d.join("go.mod").is_file() {
                return false;
            }
            let rel = paths::relative(&self.cwd, d);
            let name =
                if pat.starts_with("./") && rel != "." && !rel.starts_with("../") { format!("./{rel}") } else { rel };
            let name = if Path::new(pat).is_absolute() { d.to_string_lossy().into_owned() } else { name };
            let clean_pat = if pat.starts_with("./") && pat != "./..." {
                format!("./{}", paths::clean(Path::new(pat)).to_string_lossy())
            } else {
                paths::clean(Path::new(pat)).to_string_lossy().into_owned()
            };
            if paths::match_pattern(&clean_pat, &name) {
                dirs.push(d.to_path_buf());
            }
            true
        });
        let (v, is_std) = self.module_meta(m);
        let mut out = Vec::new();
        for d in dirs {
            let import_path = m.import_path(&d).unwrap_or_default();
            if let Some(l) = self.matched_dir(&import_path, &d, v, is_std) {
                out.push(l);
            }
        }
        Ok(Expanded::Pkgs(out))
    }

    /// A directory found by a wildcard: skipped when it has nothing to build.
    fn matched_dir(&self, import_path: &str, dir: &Path, v: (u32, u32), is_std: bool) -> Option<Loaded> {
        let scan = self.scan_dir(dir, None).ok()?;
        if scan.error.is_none() && scan.buildable() == 0 {
            return None;
        }
        match self.package(import_path, dir, scan, v, is_std) {
            Loaded::TestOnly(_) => None,
            l => Some(l),
        }
    }

    /// Depth-first walk over directories in name order; `visit` returns false to prune. As the
    /// go command's walk, it does not follow symbolic links to directories (so a link cycle
    /// ends).
    fn walk(&self, dir: &Path, top: bool, visit: &mut dyn FnMut(&Path, bool) -> bool) {
        if !visit(dir, top) {
            return;
        }
        let Ok(rd) = std::fs::read_dir(dir) else { return };
        let mut subs: Vec<PathBuf> =
            rd.filter_map(|e| e.ok()).filter(|e| e.file_type().is_ok_and(|t| t.is_dir())).map(|e| e.path()).collect();
        subs.sort();
        for s in subs {
            self.walk(&s, false, visit);
        }
    }

    /// `std`, or a std pattern like `net/...`: packages in GOROOT/src, sorted.
    fn match_std(&self, pat: Option<&str>) -> Result<Expanded, LoadError> {
        let Some(src) = self.goroot_src() else {
            return Err(LoadError::Msg(format!(
                "cannot expand {}: GOROOT is not known (set GOROOT or --goroot)",
                pat.unwrap_or("std")
            )));
        };
        let mut names = Vec::new();
        self.walk(&src, true, &mut |d, top| {
            if top {
                return true;
            }
            let rel = d.strip_prefix(&src).map(|r| r.to_string_lossy().replace('\\', "/")).unwrap_or_default();
            let elem = rel.rsplit('/').next().unwrap_or("");
            if elem.starts_with('.') || elem.starts_with('_') || elem == "testdata" || d.join("go.mod").is_file() {
                return false;
            }
            if let Some(p) = pat {
                if !paths::tree_can_match(p, &rel) {
                    return false;
                }
            }
            let skip = rel == "builtin" || (rel == "runtime/cgo" && !self.bctx.cgo_enabled);
            if !skip && pat.is_none_or(|p| paths::match_pattern(p, &rel)) {
                names.push(rel);
            }
            true
        });
        names.sort();
        let v = self.std_version();
        Ok(Expanded::Pkgs(names.iter().filter_map(|n| self.matched_dir(n, &src.join(n), v, true)).collect()))
    }

    /// An import-path pattern over the main module.
    fn match_module(&self, m: &Module, pat: &str) -> Vec<Loaded> {
        let mut names = Vec::new();
        let root = m.root.clone();
        self.walk(&root, true, &mut |d, top| {
            let rel = d.strip_prefix(&root).map(|r| r.to_string_lossy().replace('\\', "/")).unwrap_or_default();
            if !top {
                let elem = rel.rsplit('/').next().unwrap_or("");
                if elem.starts_with('.') || elem.starts_with('_') || elem == "testdata" || d.join("go.mod").is_file() {
                    return false;
                }
                if rel.split('/').any(|e| e == "vendor") && !rel.ends_with("vendor") {
                    return false;
                }
                if m.ignores(&rel) {
                    return false;
                }
            }
            let name = module::join_path(m.prefix(), &rel);
            if !paths::tree_can_match(pat, &name) {
                return false;
            }
            if paths::match_pattern(pat, &name) {
                names.push((name, d.to_path_buf()));
            }
            true
        });
        let (v, is_std) = self.module_meta(m);
        names.into_iter().filter_map(|(n, d)| self.matched_dir(&n, &d, v, is_std)).collect()
    }

    // ---- imports ----

    /// Where import path `path` leads, for an importer in module `m` (std importers see
    /// GOROOT's vendored golang.org/x packages).
    fn resolve(&self, path: &str, from_std: bool) -> Result<Origin, String> {
        let std_like = is_std_like(path);
        let v = self.std_version();
        if from_std && !std_like {
            let vpath = format!("vendor/{path}");
            if let Some(src) = self.goroot_src() {
                let d = src.join(&vpath);
                if d.is_dir() {
                    return Ok(Origin::Dir { dir: d, import_path: vpath, go_version: v, is_std: true });
                }
            }
            if let Some(p) = self.std.and_then(|s| s.package(&vpath)) {
                return Ok(Origin::Provided(p));
            }
        }
        if std_like {
            if let Some(src) = self.goroot_src() {
                let d = src.join(path);
                if d.is_dir() {
                    return Ok(Origin::Dir { dir: d, import_path: path.to_string(), go_version: v, is_std: true });
                }
            }
            if let Some(p) = self.std.and_then(|s| s.package(path)) {
                return Ok(Origin::Provided(p));
            }
            if self.goroot_src().is_none() && self.std.is_some_and(|s| s.excluded(path)) {
                return Ok(Origin::Excluded(format!("$GOROOT/src/{path}")));
            }
        }
        // Std packages never import module packages.
        let mains = if from_std { Vec::new() } else { self.main_modules() };
        if let (Ok(Some(mods)), false, false) = (&self.modules, from_std, std_like) {
            return match mods.import(path)? {
                Some(p) if p.is_main => {
                    let m = mains.iter().find(|m| m.path == p.module.path).copied();
                    if let Some(e) = m.and_then(|m| nested_module_error(m, &p.dir, path)) {
                        return Err(e);
                    }
                    Ok(Origin::Dir {
                        dir: p.dir,
                        import_path: path.to_string(),
                        go_version: p.go_version,
                        is_std: false,
                    })
                }
                Some(p) => Ok(Origin::Dir {
                    dir: p.dir,
                    import_path: path.to_string(),
                    go_version: p.go_version,
                    is_std: false,
                }),
                None => Err(mods.missing_message(path)),
            };
        }
        let owner = mains.iter().filter(|m| m.dir_of(path).is_some_and(|d| d.is_dir())).max_by_key(|m| m.path.len());
        if let Some(m) = owner {
            let d = m.dir_of(path).unwrap_or_default();
            if let Some(e) = nested_module_error(m, &d, path) {
                return Err(e);
            }
            let (gv, is_std) = self.module_meta(m);
            return Ok(Origin::Dir { dir: d, import_path: path.to_string(), go_version: gv, is_std });
        }
        if std_like {
            return Err(match self.goroot_src() {
                Some(src) => format!("package {path} is not in std ({})", src.join(path).display()),
                // Without a GOROOT the bundled facts stand for it, spelled as goescape spells
                // GOROOT's files.
                None => format!("package {path} is not in std ($GOROOT/src/{path})"),
            });
        }
        Err(match mains.first() {
            Some(_) => format!("no required module provides package {path}; to add it:\n\tgo get {path}"),
            None => format!(
                "no required module provides package {path}: go.mod file not found in current directory or any parent directory; see 'go help modules'"
            ),
        })
    }

    fn import(&self, path: &str, from: &PackageSource) -> Result<PackageSource, ImportError> {
        if path.starts_with('/') {
            return Err(format!("{path:?} is not a package path; see 'go help packages'").into());
        }
        if !from.is_std {
            check_import_path(path).map_err(|why| format!("malformed import path {path:?}: {why}"))?;
        }
        let pkg = match self.resolve(path, from.is_std)? {
            Origin::Provided(p) => p,
            Origin::Dir { dir, import_path, go_version, is_std } => {
                match self.load_dir(&import_path, &dir, go_version, is_std) {
                    Loaded::Ok(p) => p,
                    Loaded::Err(e) => return Err(ImportError::AtImport(e)),
                    Loaded::TestOnly(e) | Loaded::InFile(e) => return Err(ImportError::Plain(e)),
                    Loaded::Excluded { dir, .. } => {
                        return Err(ImportError::NoGo(format!(
                            "build constraints exclude all Go files in {}",
                            dir.display()
                        )))
                    }
                }
            }
            Origin::Excluded(dir) => {
                return Err(ImportError::NoGo(format!("build constraints exclude all Go files in {dir}")))
            }
        };
        match disallow_internal(from, &pkg.import_path, pkg.is_std) {
            Some(msg) => Err(ImportError::Disallowed(msg)),
            None => Ok(pkg),
        }
    }

    // ---- order ----

    /// The roots in the order a one-worker `go build` completes them: post-order over the
    /// roots and their (sorted) imports. Std packages are only walked when a root is in std,
    /// since nothing in std imports a module package.
    fn build_order(&self, roots: Vec<PackageSource>) -> Vec<PackageSource> {
        if roots.len() <= 1 {
            return roots;
        }
        let walk_std = roots.iter().any(|r| r.is_std);
        let mut imports: HashMap<String, Vec<String>> = HashMap::new();
        let mut by_path: HashMap<String, PackageSource> = HashMap::new();
        let mut order = Vec::new();
        for r in &roots {
            imports.insert(r.import_path.clone(), provided_imports(r));
            order.push(r.import_path.clone());
        }
        for r in roots {
            by_path.insert(r.import_path.clone(), r);
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for ip in order {
            self.visit(&ip, walk_std, &by_path, &mut imports, &mut seen, &mut out);
        }
        out.into_iter().filter_map(|ip| by_path.remove(&ip)).collect()
    }

    fn visit(
        &self,
        ip: &str,
        walk_std: bool,
        roots: &HashMap<String, PackageSource>,
        imports: &mut HashMap<String, Vec<String>>,
        seen: &mut HashSet<String>,
        out: &mut Vec<String>,
    ) {
        if !seen.insert(ip.to_string()) {
            return;
        }
        let deps = match imports.get(ip) {
            Some(d) => d.clone(),
            None => Vec::new(),
        };
        let from_std = roots.get(ip).map(|p| p.is_std).unwrap_or(is_std_like(ip));
        for dep in deps {
            if dep == "C" || dep == "unsafe" {
                continue;
            }
            let Ok(origin) = self.resolve(&dep, from_std) else { continue };
            let (dep_ip, dep_imports, dep_is_std) = match origin {
                Origin::Provided(p) => {
                    let i = provided_imports(&p);
                    (p.import_path.clone(), i, true)
                }
                Origin::Excluded(_) => continue,
                Origin::Dir { dir, import_path, is_std, .. } => {
                    if is_std && !walk_std {
                        continue;
                    }
                    if imports.contains_key(&import_path) {
                        (import_path, Vec::new(), is_std)
                    } else {
                        let i = match self.scan_dir(&dir, None) {
                            Ok(s) => {
                                let mut v: Vec<String> =
                                    s.files.iter().flat_map(|f| f.3.imports.iter().map(|i| i.path.clone())).collect();
                                v.sort();
                                v.dedup();
                                v
                            }
                            Err(_) => Vec::new(),
                        };
                        (import_path, i, is_std)
                    }
                }
            };
            if dep_is_std && !walk_std {
                continue;
            }
            imports.entry(dep_ip.clone()).or_insert(dep_imports);
            self.visit(&dep_ip, walk_std, roots, imports, seen, out);
        }
        out.push(ip.to_string());
    }
}

/// The sorted imports of a package's files.
fn provided_imports(p: &PackageSource) -> Vec<String> {
    let mut v: Vec<String> =
        p.files.iter().flat_map(|f| header::scan(&f.text).imports.into_iter().map(|i| i.path)).collect();
    v.sort();
    v.dedup();
    v
}

fn loaded_path(l: &Loaded) -> &str {
    match l {
        Loaded::Ok(p) => &p.import_path,
        Loaded::Excluded { import_path, .. } => import_path,
        Loaded::Err(e) | Loaded::TestOnly(e) | Loaded::InFile(e) => e,
    }
}

impl Loaded {
    /// The go command's message for a package named on the command line that failed to load.
    fn root_message(self) -> Option<String> {
        match self {
            Loaded::Ok(_) => None,
            Loaded::Err(e) | Loaded::TestOnly(e) | Loaded::InFile(e) => Some(e),
            Loaded::Excluded { import_path, dir } => {
                Some(format!("package {import_path}: build constraints exclude all Go files in {}", dir.display()))
            }
        }
    }
}

/// Whether an import path looks like a standard-library one (no dot in its first element).
pub fn is_std_like(path: &str) -> bool {
    !path.split('/').next().unwrap_or("").contains('.')
}

/// The go command's complaint when `dir` lies in a module nested inside `m`.
fn nested_module_error(m: &Module, dir: &Path, import_path: &str) -> Option<String> {
    let mut d = Some(dir);
    while let Some(cur) = d {
        if cur == m.root {
            return None;
        }
        if cur.join("go.mod").is_file() {
            return Some(format!("main module ({}) does not contain package {import_path}", m.path));
        }
        d = cur.parent();
    }
    None
}

/// go/parser's `isValidImport`: a non-empty path of graphic, non-space characters, none of
/// `` !"#$%&'()*,:;<=>?[\]^{|}` `` or U+FFFD.
fn is_valid_import(path: &str) -> bool {
    const ILLEGAL: &str = "!\"#$%&'()*,:;<=>?[\\]^{|}`\u{FFFD}";
    !path.is_empty() && path.chars().all(|c| !c.is_control() && !c.is_whitespace() && !ILLEGAL.contains(c))
}

/// x/mod's `module.CheckImportPath`: why the go command calls `path` malformed, if it does.
fn check_import_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("empty string".into());
    }
    if path.starts_with('-') {
        return Err("leading dash".into());
    }
    if path.contains("//") {
        return Err("double slash".into());
    }
    if path.ends_with('/') {
        return Err("trailing slash".into());
    }
    const BAD_WINDOWS_NAMES: [&str; 22] = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1",
        "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    for elem in path.split('/') {
        if elem.is_empty() {
            return Err("empty path element".into());
        }
        if elem.chars().all(|c| c == '.') {
            return Err(format!("invalid path element {elem:?}"));
        }
        if elem.ends_with('.') {
            return Err("trailing dot in path element".into());
        }
        if let Some(c) = elem.chars().find(|&c| !(c.is_ascii_alphanumeric() || "-._~+".contains(c))) {
            return Err(format!("invalid char {}", go_quote_rune(c)));
        }
        let short = elem.split('.').next().unwrap_or(elem);
        if BAD_WINDOWS_NAMES.iter().any(|b| b.eq_ignore_ascii_case(short)) {
            return Err(format!("{short:?} disallowed as path element component on Windows"));
        }
    }
    Ok(())
}

/// A rune as Go's `%q` prints it: printable ones as they are.
fn go_quote_rune(c: char) -> String {
    match c {
        '\'' => "'\\''".into(),
        '\\' => "'\\\\'".into(),
        c if !c.is_control() => format!("'{c}'"),
        c if (c as u32) < 0x80 => format!("'\\x{:02x}'", c as u32),
        c => format!("'\\u{:04x}'", c as u32),
    }
}
