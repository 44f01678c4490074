//! The pipeline: load → parse → check → lower → escape, bottom-up over the import graph.
//!
//! Packages named on the command line are analyzed and reported; the packages they import are
//! loaded, parsed and checked so their declarations are known, and contribute escape tags:
//! standard-library packages from the bundled facts (declaration stubs carrying gc's tags),
//! module packages from our own analysis of them, as gc reads both from export data.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use syntax::ast;
use syntax::load::{BuildContext, PackageSource, StdProvider};
use types::ObjId;

use crate::{report, Analysis, Diagnostic, Error, Explains, Kind, Options, PackageReport, Position, Release};

/// Analyzes the packages named by `patterns` as `go build -gcflags='-m -l'` would.
///
/// The work runs on a large stack ([`syntax::stack`]), so callers need no large stack of their
/// own (a panic is passed on as it is).
pub fn analyze(patterns: &[String], opts: &Options) -> Result<Analysis, Error> {
    syntax::stack::on_large_stack("goescape-analyze", || analyze_here(patterns, opts))
}

fn analyze_here(patterns: &[String], opts: &Options) -> Result<Analysis, Error> {
    let started = std::time::Instant::now();
    if let Some(goroot) = &opts.goroot {
        // The go command's first check, before it looks at anything else.
        if !goroot.is_dir() {
            let shown = syntax::load::paths::clean(goroot);
            return Err(Error::Load(format!("go: cannot find GOROOT directory: {}", shown.display())));
        }
    }
    if opts.release.facts().is_none() {
        let known: Vec<&str> = Release::supported().collect();
        return Err(Error::Load(format!(
            "go{}.{} is not supported yet: goescape models gc {}",
            opts.release.major,
            opts.release.minor,
            known.join(", ")
        )));
    }
    let target = format!("{}/{}", opts.goos, opts.goarch);
    if !PORTS.contains(&target.as_str()) {
        // The go command's wording; it refuses before looking at any package.
        return Err(Error::Load(format!("go: unsupported GOOS/GOARCH pair {target}")));
    }
    // gc's verdicts on calls into std depend on the target (its files, tags and inlinable
    // bodies, and the intrinsics): without that target's facts they would be another
    // target's, so the run stops.
    let (Some(bundled), Some(arch)) = (opts.release.facts_for(&target), ir::Arch::from_goarch(&opts.goarch)) else {
        let bundled: Vec<&str> = facts::targets(&opts.release.full_name()).collect();
        return Err(Error::Load(format!(
            "goescape: no standard-library facts for {target} with {}: the targets modelled are {}",
            opts.release.full_name(),
            bundled.join(", ")
        )));
    };
    let bctx = BuildContext {
        goos: opts.goos.clone(),
        goarch: opts.goarch.clone(),
        tags: opts.tags.clone(),
        release_minor: opts.release.minor,
        release_patch: opts.release.patch(),
        cgo_enabled: false,
        goroot: opts.goroot.clone(),
        modenv: opts.modenv.clone(),
    };
    // One loader for the whole build: it reads the module graph once.
    let _t = std::time::Instant::now();
    let loader = syntax::load::Loader::new(&opts.cwd, &bctx, Some(bundled));
    let roots = loader.load(patterns).map_err(|e| Error::Load(e.to_string()))?;
    timing::add(timing::Phase::Load, _t);
    let mut session = Session {
        loader,
        cwd: syntax::load::paths::clean_abs(
            &std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("/")),
            &opts.cwd,
        ),
        bundled,
        ctx: types::Ctx::new(),
        done: HashMap::default(),
        failed_loads: HashSet::default(),
        tags: HashMap::default(),
        inline_costs: HashMap::default(),
        inlinable_pkgs: HashMap::default(),
        in_progress: Vec::new(),
        generic_pkgs: Vec::new(),
        reexported_bodies: HashMap::default(),
        body_refs: HashMap::default(),
        deps: HashMap::default(),
        generic_funcs: HashSet::default(),
        inline: opts.inline,
        explain: opts.explain,
        graphs: opts.graphs.clone(),
        hints: opts.hints,
        log_opts: opts.log_opts,
        goroot: opts.goroot.clone(),
        release_minor: opts.release.minor,
        arch,
        pool: thread_pool(opts.threads),
        in_flight: None,
        reports: Vec::new(),
        dropper: Dropper::new(),
    };
    // Without a GOROOT the loader finds std packages in the bundled facts: declaration stubs,
    // fit for importing but not for analysis (their bodies are gone). Naming one on the
    // command line needs the real source.
    if opts.goroot.is_none() {
        if let Some(p) = roots.iter().find(|p| p.is_std) {
            return Err(Error::Load(format!(
                "cannot analyze {}: GOROOT is not known (set GOROOT or --goroot)",
                p.import_path
            )));
        }
    }
    let mut analysis = Analysis::default();
    // A package that fails is reported once, with its errors; the packages importing it are
    // not built (go build says nothing about them); every other package is analyzed.
    let mut failed = HashSet::default();
    let mut load_errors: Vec<String> = Vec::new();
    let mut prefetch = Prefetch::new(roots, session.pool.clone());
    while let Some((root, parsed)) = prefetch.next() {
        let import_path = root.import_path.clone();
        if timing::on() {
            let (rss, peak) = timing::rss_mb();
            eprintln!("goescape-memory\t{}\trss {rss} MB, peak {peak} MB", analysis.packages.len());
        }
        let result = session.root(root, parsed, prefetch.is_done());
        analysis.packages.append(&mut session.reports);
        match result {
            Ok(()) => {}
            Err(Error::Source { header, lines }) => {
                if failed.insert(header.clone()) {
                    let import_path = header.strip_prefix("# ").unwrap_or(&import_path).to_string();
                    analysis.packages.push(PackageReport {
                        header,
                        diagnostics: Vec::new(),
                        errors: lines,
                        graphs: Vec::new(),
                        opt_log: Vec::new(),
                        compiled_path: import_path.clone(),
                        import_path,
                    });
                }
            }
            // The go command loads every package before it compiles any, and on load errors
            // prints them all (each failed package once) and compiles nothing.
            Err(Error::Load(msg)) => {
                session.failed_loads.insert(import_path);
                if !msg.is_empty() && !load_errors.contains(&msg) {
                    load_errors.push(msg);
                }
            }
        }
    }
    session.settle();
    analysis.packages.append(&mut session.reports);
    if !load_errors.is_empty() {
        return Err(Error::Load(load_errors.join("\n")));
    }
    timing::report(started);
    if timing::on() {
        let (rss, peak) = timing::rss_mb();
        let kept_files: usize = session.generic_pkgs.iter().map(|(c, _)| c.files.len()).sum();
        eprintln!(
            "goescape-memory\tend\trss {rss} MB, peak {peak} MB; {} types, {} objects, {} interned, {} packages kept ({kept_files} files)",
            session.ctx.types.len(),
            session.ctx.objects.len(),
            session.ctx.interned.len(),
            session.generic_pkgs.len(),
        );
    }
    // The checker's arenas and the kept packages are the largest allocations: freed off the
    // caller's path.
    session.dropper.drop_later(std::mem::take(&mut session.ctx));
    session.dropper.drop_later(std::mem::take(&mut session.generic_pkgs));
    Ok(analysis)
}

/// Frees large values on a helper thread, so the analysis does not wait for deallocation.
/// The thread ends once the last value is freed.
struct Dropper {
    tx: Option<std::sync::mpsc::Sender<Box<dyn Send>>>,
}

impl Dropper {
    fn new() -> Dropper {
        let (tx, rx) = std::sync::mpsc::channel::<Box<dyn Send>>();
        // Freeing a deep tree recurses as deep as it.
        let spawned = std::thread::Builder::new()
            .name("goescape-free".into())
            .stack_size(syntax::stack::LARGE_STACK)
            .spawn(move || {
                for value in rx {
                    drop(value);
                }
            });
        // Without a thread, values are simply freed where they are.
        Dropper { tx: spawned.ok().map(|_| tx) }
    }

    fn drop_later<T: Send + 'static>(&self, value: T) {
        if let Some(tx) = &self.tx {
            // A value the thread cannot take back is freed here.
            let _ = tx.send(Box::new(value));
        }
    }
}

/// gc stops at its tenth error in a package, saying `too many errors` at that error's position
/// (`base.ErrorfAt`, unless `-e`).
const MAX_ERRORS: usize = 10;

/// The GOOS/GOARCH pairs gc 1.27 builds for (`go tool dist list`).
const PORTS: &[&str] = &[
    "aix/ppc64",
    "android/386",
    "android/amd64",
    "android/arm",
    "android/arm64",
    "darwin/amd64",
    "darwin/arm64",
    "dragonfly/amd64",
    "freebsd/386",
    "freebsd/amd64",
    "freebsd/arm",
    "freebsd/arm64",
    "illumos/amd64",
    "ios/amd64",
    "ios/arm64",
    "js/wasm",
    "linux/386",
    "linux/amd64",
    "linux/arm",
    "linux/arm64",
    "linux/loong64",
    "linux/mips",
    "linux/mips64",
    "linux/mips64le",
    "linux/mipsle",
    "linux/ppc64",
    "linux/ppc64le",
    "linux/riscv64",
    "linux/s390x",
    "netbsd/386",
    "netbsd/amd64",
    "netbsd/arm",
    "netbsd/arm64",
    "openbsd/386",
    "openbsd/amd64",
    "openbsd/arm",
    "openbsd/arm64",
    "openbsd/ppc64",
    "openbsd/riscv64",
    "plan9/386",
    "plan9/amd64",
    "plan9/arm",
    "solaris/amd64",
    "wasip1/wasm",
    "windows/386",
    "windows/amd64",
    "windows/arm64",
];

/// One analysis: the shared checker arenas and what is known of each loaded package.
struct Session<'a> {
    loader: syntax::load::Loader<'a>,
    /// The working directory, absolute: gc's file names are shown relative to it.
    cwd: std::path::PathBuf,
    bundled: &'static facts::Bundled,
    ctx: types::Ctx,
    /// Packages already checked, by import path: whether each is in std.
    done: HashMap<String, bool>,
    /// Packages named on the command line whose load error is reported: a package importing
    /// one fails silently (the go command prints the error once).
    failed_loads: HashSet<String>,
    /// Escape tags of functions analyzed or read from facts.
    tags: HashMap<ObjId, ir::ExternFunc>,
    /// gc's inline cost of every imported function gc would inline (from the facts' `//goescape:inl`
    /// lines, or from inlining the dependency ourselves).
    inline_costs: HashMap<ObjId, InlineCost>,
    /// The packages declaring a function in `inline_costs`.
    /// (Numbered in order of appearance, for [`InlineCost::pkg`].)
    inlinable_pkgs: HashMap<String, u32>,
    /// Whether the packages named on the command line are compiled with inlining (not `-l`);
    /// dependencies always are, as `go build` compiles them with default flags.
    inline: bool,
    /// gc's `-m=2` for the packages named on the command line.
    explain: bool,
    /// The functions whose location graphs to draw.
    graphs: Vec<String>,
    /// `--explain`: a plain-words reason after each heap verdict.
    hints: bool,
    /// gc's optimization log for the packages named on the command line.
    log_opts: bool,
    /// The GOROOT, when known: the optimization log names GOROOT's files by their real path.
    goroot: Option<std::path::PathBuf>,
    /// The minor version of the gc release modelled, for the rules that differ by release.
    release_minor: u32,
    /// The target's architecture, for the inliner's intrinsics.
    arch: ir::Arch,
    /// The import chain being loaded, from the root (cycle detection): each package's import
    /// path and the base name of the file that imports it (empty for the root).
    in_progress: Vec<(String, String)>,
    /// Imported packages declaring generic functions or inlinable functions with bodies, kept
    /// checked with their files' display paths: gc compiles the instances of imported generic
    /// functions in the importing package, and inlines from imported bodies.
    generic_pkgs: Vec<(Checked, Vec<(std::path::PathBuf, String)>)>,
    /// For each package, the imported functions whose bodies its export data carries besides
    /// its own: those gc inlined compiling it (see [`facts::PackageFacts::inlined`]).
    reexported_bodies: HashMap<String, HashSet<ObjId>>,
    /// The objects the body of each inlinable function refers to (what exporting the body
    /// brings into an export data file with it).
    body_refs: HashMap<ObjId, Vec<ObjId>>,
    /// Every package's transitive imports (by package path): only those can bring generic or
    /// inlinable bodies into it.
    deps: HashMap<String, HashSet<String>>,
    /// The generic functions and methods met so far (their bodies are always exported).
    generic_funcs: HashSet<ObjId>,
    /// The threads that parse ahead of the checker; `None` runs everything on the caller's
    /// thread (`-j 1`).
    pool: Option<std::sync::Arc<rayon::ThreadPool>>,
    /// The package named on the command line whose analysis runs while the next is checked.
    in_flight: Option<InFlight>,
    /// The reports of the packages named on the command line, in go build's order.
    reports: Vec<PackageReport>,
    /// Frees what a package leaves behind off the session's thread.
    dropper: Dropper,
}

/// One file parsed: its tree and its syntax errors.
type Parsed = (ast::File, Vec<syntax::SyntaxError>);

/// Parses a package's files, in order; `parallel`: on the current rayon pool, a file per task.
fn parse_package(src: &PackageSource, parallel: bool) -> Vec<Parsed> {
    use rayon::prelude::*;
    let one = |f: &syntax::load::SourceFile| {
        let _t = std::time::Instant::now();
        // Parsed under the name gc prints, so positions quoted inside messages read as gc's.
        let parsed = syntax::parse_file_with_invalid_utf8(std::path::Path::new(&f.display), &f.text, &f.invalid_utf8);
        timing::add(timing::Phase::Parse, _t);
        parsed
    };
    if parallel {
        src.files.par_iter().map(one).collect()
    } else {
        src.files.iter().map(one).collect()
    }
}

/// The pool of `threads` threads (0: one per core) that parse ahead, or `None` for one thread.
/// Its threads have the large stack every stage needs ([`syntax::stack`]).
fn thread_pool(threads: usize) -> Option<std::sync::Arc<rayon::ThreadPool>> {
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    if threads <= 1 {
        return None;
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("goescape-{i}"))
        .stack_size(syntax::stack::LARGE_STACK)
        .start_handler(|_| syntax::stack::mark_large_stack())
        .build()
        .ok()
        .map(std::sync::Arc::new)
}

/// The packages named on the command line, in go build's order, each with its files parsed
/// ahead on the pool: parsing is the largest phase and needs nothing from other packages, so
/// it runs beside the checking and analysis of the packages before. At most [`Prefetch::window`]
/// packages are parsed ahead (their trees are held until they are checked). Which package is
/// parsed where changes nothing: each file's tree is a function of its text.
struct Prefetch {
    roots: std::vec::IntoIter<PackageSource>,
    pool: Option<std::sync::Arc<rayon::ThreadPool>>,
    /// The packages being parsed, oldest first.
    pending: std::collections::VecDeque<std::sync::mpsc::Receiver<PrefetchResult>>,
    window: usize,
}

/// A package's source and its parsed files, or the panic that parsing it raised.
type PrefetchResult = std::thread::Result<(PackageSource, Vec<Parsed>)>;

impl Prefetch {
    fn new(roots: Vec<PackageSource>, pool: Option<std::sync::Arc<rayon::ThreadPool>>) -> Prefetch {
        let window = pool.as_ref().map_or(0, |p| 2 * p.current_num_threads());
        Prefetch { roots: roots.into_iter(), pool, pending: Default::default(), window }
    }

    /// Whether every package has been handed out.
    fn is_done(&self) -> bool {
        self.pending.is_empty() && self.roots.len() == 0
    }

    /// The next package, with its parsed files when a pool parsed them.
    fn next(&mut self) -> Option<(PackageSource, Option<Vec<Parsed>>)> {
        let Some(pool) = &self.pool else { return self.roots.next().map(|src| (src, None)) };
        while self.pending.len() < self.window {
            let Some(src) = self.roots.next() else { break };
            let (tx, rx) = std::sync::mpsc::sync_channel(1);
            pool.spawn(move || {
                let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let files = parse_package(&src, true);
                    (src, files)
                }));
                let _ = tx.send(parsed);
            });
            self.pending.push_back(rx);
        }
        let rx = self.pending.pop_front()?;
        match rx.recv() {
            Ok(Ok((src, files))) => Some((src, Some(files))),
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(_) => unreachable!("a prefetch task ended without sending its package"),
        }
    }
}

/// A package analyzed off the session's thread, waiting to be settled.
struct InFlight {
    src: PackageSource,
    /// The package checked, or once freed (the last package), whether it is a main package
    /// without `main` and the path gc compiles it as.
    checked: Result<Checked, (bool, String)>,
    header: String,
    analyzed: Pending,
}

/// Inlining and escape analysis of a package: running on the pool, or done.
enum Pending {
    Running(std::sync::mpsc::Receiver<std::thread::Result<Analyzed>>),
    Done(Box<Analyzed>),
}

/// A package's inlined IR, its escape analysis and its verdicts as gc prints them.
struct Analyzed {
    lowered: ir::lower::Lowered,
    result: escape::Analysis,
    diagnostics: Vec<Diagnostic>,
    graphs: Vec<(String, String)>,
    render: Render,
}

/// What turning a package's verdicts into gc's lines needs, apart from the session.
struct Render {
    /// The files lowering's file indices name (the package's, then imported bodies').
    shown: Vec<ShownFile>,
    /// The package's name, which qualifies its functions' names.
    pkg_name: String,
    /// How many of [`Render::shown`] are the package's own files.
    own_files: usize,
    /// gc's `-m=2`.
    explain: bool,
    /// `--explain`.
    hints: bool,
}

impl Render {
    /// The verdicts as gc prints them, in gc's order.
    fn diagnostics(&self, result: &escape::Analysis) -> Vec<Diagnostic> {
        let shown = &self.shown;
        let mut hints: HashMap<(u32, ir::Pos, &str), &str> = HashMap::default();
        for h in &result.hints {
            hints.entry((h.file, h.pos, h.subject.as_str())).or_insert(h.text.as_str());
        }
        result
            .diagnostics
            .iter()
            .filter(|d| self.explain || !d.explanation)
            .flat_map(|d| {
                let (path, line, col) = if d.file == ir::AUTOGENERATED_FILE {
                    ("<autogenerated>".to_string(), 1, 0)
                } else {
                    shown.get(d.file as usize).map_or((String::new(), 0, 0), |f| f.position(d.pos))
                };
                // A `-m=2` note names the position of the node it is about, as gc prints it.
                let place = |file: u32, pos: ir::Pos| {
                    if file == ir::AUTOGENERATED_FILE {
                        return "<autogenerated>:1".to_string();
                    }
                    if pos.line == 0 {
                        return "<unknown line number>".to_string();
                    }
                    let (p, l, c) = shown.get(file as usize).map_or((String::new(), 0, 0), |f| f.position(pos));
                    report::format_position(&p, l, c)
                };
                let mut message = match d.at {
                    Some((file, pos)) => format!("{} at {}", d.message, place(file, pos)),
                    None => d.message.clone(),
                };
                let explains = d.explanation.then(|| {
                    if d.opens_explanation {
                        return Explains::Head;
                    }
                    let at = d.at.filter(|(_, pos)| pos.line != 0).map(|(file, pos)| {
                        let (path, line, col) =
                            shown.get(file as usize).map_or((String::new(), 0, 0), |f| f.position(pos));
                        Position { path, line, col }
                    });
                    Explains::Step { at }
                });
                if d.explanation && d.pos.line == 0 {
                    // Printed bare below, so the position goes into the message.
                    message = format!("{}: {message}", place(d.file, d.pos));
                }
                // Instances of imported generic functions are named with their package.
                let function =
                    if (d.file as usize) < self.own_files { qualify(&self.pkg_name, &d.func) } else { d.func.clone() };
                let kind = Kind::of_message(&message);
                // `--explain`: after a heap verdict, why, in plain words.
                let subject = match kind {
                    Kind::MovedToHeap => message.strip_prefix("moved to heap: "),
                    Kind::Escapes => message.strip_suffix(" escapes to heap"),
                    _ => None,
                };
                let hint = subject.filter(|_| self.hints).and_then(|s| hints.get(&(d.file, d.pos, s))).map(|text| {
                    Diagnostic {
                        path: path.clone(),
                        line,
                        col,
                        kind: Kind::Hint,
                        message: format!("  why: {text}"),
                        function: function.clone(),
                        explains: None,
                    }
                });
                std::iter::once(Diagnostic { path, line, col, kind, message, function, explains }).chain(hint)
            })
            .collect()
    }
}

/// A file whose positions a report prints: the path gc shows for it and its line directives.
struct ShownFile {
    display: String,
    line_bases: Vec<ast::LineBase>,
    /// The file's name inside gc (absolute; `$GOROOT/src/...` for the standard library), as
    /// the optimization log names it.
    gc_name: String,
}

impl ShownFile {
    /// The file, line and column gc prints for a physical position (column 0: none).
    fn position(&self, pos: ast::Pos) -> (String, u32, u32) {
        match syntax::parse::relative(&self.line_bases, pos) {
            Some((file, line, col)) => (file.to_string(), line, col),
            None => (self.display.clone(), pos.line, pos.col),
        }
    }
}

/// A package parsed and checked.
struct Checked {
    files: Vec<ast::File>,
    tpkg: types::Package,
    info: types::Info,
    is_std: bool,
    /// Its function declarations with bodies (what importers read of it).
    bodies: Vec<ir::lower::FuncBody>,
}

impl Session<'_> {
    /// Checks and lowers a package named on the command line, then hands its inlining and
    /// escape analysis to the pool ([`Session::in_flight`]); [`Session::settle`] finishes it.
    /// The package before it is settled once this one is checked (checking needs nothing of its
    /// analysis), so the two overlap; the order of everything that changes the session is the
    /// same for every number of threads.
    ///
    /// `last`: no package comes after this one, so none can import it: its syntax and the
    /// checker's records of it are freed as soon as it is lowered.
    fn root(&mut self, src: PackageSource, parsed: Option<Vec<Parsed>>, last: bool) -> Result<(), Error> {
        let header = format!("# {}", src.import_path);
        self.in_progress = vec![(src.import_path.clone(), String::new())];
        let checked = self.check(&src, true, parsed);
        timing::memory(&src.import_path, "checked");
        self.in_progress.clear();
        self.settle();
        let checked = checked?;
        if src.is_std && src.import_path == "unsafe" {
            // The compiler provides package unsafe; the go command never compiles its source,
            // which only documents it, so gc says nothing about it.
            self.reports.push(PackageReport {
                header,
                import_path: src.import_path.clone(),
                diagnostics: Vec::new(),
                errors: Vec::new(),
                graphs: Vec::new(),
                opt_log: Vec::new(),
                compiled_path: src.import_path.clone(),
            });
            return Ok(());
        }
        let _t = std::time::Instant::now();
        // gc 1.21's method wrappers inline imported calls even under `-l`: their bodies are
        // needed then too.
        let rules = ir::Rules::for_release(self.release_minor);
        let bodies = self.inline || rules.wrappers_inline_under_l;
        let (mut lowered, shown) = self.lower(&checked, &src, bodies);
        lowered.package.log_opts = self.log_opts;
        timing::add(timing::Phase::Lower, _t);
        timing::memory(&src.import_path, "lowered");
        // What an imported generic body needs that is not modelled costs only that instance's
        // verdicts, never the importing package's.
        if let Some(u) = lowered.unsupported.iter().find(|u| (u.file as usize) < src.files.len()) {
            let (file, line, col) = shown.get(u.file as usize).map_or(("?".into(), 0, 0), |f| f.position(u.pos));
            let at = report::format_position(&file, line, col);
            return Err(Error::Source {
                header,
                lines: vec![format!("{at}: goescape: {} is not modelled yet", u.what)],
            });
        }
        // The plain-words hints are read off the same paths `-m=2` prints.
        let config = escape::Config {
            explain: self.explain,
            hints: self.hints,
            log_opts: self.log_opts,
            graphs: self.graphs.clone(),
        };
        let render = Render {
            shown,
            pkg_name: checked.tpkg.name.clone(),
            own_files: src.files.len(),
            explain: self.explain,
            hints: self.hints,
        };
        let inline = self.inline;
        let checked = if last {
            let main_missing = checked.tpkg.name == "main" && !checked.tpkg.scope.contains_key("main");
            let compiled = if checked.tpkg.name == "main" { "main".to_string() } else { src.import_path.clone() };
            self.dropper.drop_later(checked);
            Err((main_missing, compiled))
        } else {
            Ok(checked)
        };
        let work = move || {
            let _t = std::time::Instant::now();
            if inline {
                inline_package(&mut lowered.package);
            } else {
                devirtualize_package(&mut lowered.package);
            }
            timing::add(timing::Phase::Inline, _t);
            if std::env::var_os("GOESCAPE_DUMP_IR").is_some() {
                // A developer aid: the IR escape analysis sees, on stderr.
                eprintln!("{:#?}", lowered.package);
            }
            let _t = std::time::Instant::now();
            let mut result = escape::analyze_with(&lowered.package, &config);
            timing::add(timing::Phase::Escape, _t);
            timing::memory("", "escaped");
            let _t = std::time::Instant::now();
            let diagnostics = render.diagnostics(&result);
            let graphs = std::mem::take(&mut result.graphs);
            timing::add(timing::Phase::Report, _t);
            Analyzed { lowered, result, diagnostics, graphs, render }
        };
        let analyzed = match &self.pool {
            Some(pool) => {
                let (tx, rx) = std::sync::mpsc::sync_channel(1);
                pool.spawn(move || {
                    let _ = tx.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)));
                });
                Pending::Running(rx)
            }
            None => Pending::Done(Box::new(work())),
        };
        self.in_flight = Some(InFlight { src, checked, header, analyzed });
        Ok(())
    }

    /// Finishes the package whose analysis is in flight, if any: records what its importers
    /// read of it (escape tags, inline costs, exported bodies, kept bodies) and its report.
    fn settle(&mut self) {
        let Some(InFlight { src, checked, header, analyzed }) = self.in_flight.take() else { return };
        let Analyzed { lowered, result, diagnostics, graphs, render } = match analyzed {
            Pending::Done(a) => *a,
            Pending::Running(rx) => match rx.recv() {
                Ok(Ok(a)) => a,
                Ok(Err(panic)) => std::panic::resume_unwind(panic),
                Err(_) => unreachable!("an analysis task ended without sending its package"),
            },
        };
        let _t = std::time::Instant::now();
        self.record_tags(&lowered, &result);
        let (main_missing, compiled_path) = match &checked {
            Ok(checked) => {
                // Importers named after this package read its export data like any other's.
                let inlined = if src.is_std {
                    self.bundled.inlined(&src.import_path).iter().filter_map(|sym| self.gc_named_func(sym)).collect()
                } else {
                    inlined_imports(&lowered)
                };
                self.record_exported_bodies(checked, &src.import_path, inlined);
                let name = &checked.tpkg.name;
                let compiled = if name == "main" { "main".to_string() } else { src.import_path.clone() };
                (name == "main" && !checked.tpkg.scope.contains_key("main"), compiled)
            }
            Err((main_missing, compiled)) => (*main_missing, compiled.clone()),
        };
        // go build links a main package (and discards the program): without a `main` function
        // the linker refuses it, after the compiler's output.
        let mut errors = Vec::new();
        if main_missing {
            errors.push("runtime.main_main·f: function main is undeclared in the main package".to_string());
        }
        let opt_log = if self.log_opts {
            // The inliner logs before escape analysis does.
            let entries = lowered.package.opt_log.iter().chain(&result.opt_log);
            self.opt_log_entries(entries, &render.shown, src.files.len())
        } else {
            Vec::new()
        };
        if let Ok(checked) = checked {
            self.keep_generics(checked, &src);
        }
        self.dropper.drop_later((lowered, result, render));
        timing::add(timing::Phase::Report, _t);
        self.reports.push(PackageReport {
            header,
            import_path: src.import_path.clone(),
            diagnostics,
            errors,
            graphs,
            opt_log,
            compiled_path,
        });
    }

    /// The optimization log's entries with their files named as gc names them, sorted as gc
    /// sorts them before writing: stably by file, then position.
    fn opt_log_entries<'e>(
        &self,
        entries: impl Iterator<Item = &'e ir::OptLog>,
        shown: &[ShownFile],
        own_files: usize,
    ) -> Vec<crate::optlog::Entry> {
        // The name gc sorts by, and the one it writes (`$GOROOT` replaced when it is known).
        // Positions in the package's own files are physical (gc's log ignores line
        // directives); those of imported bodies are what the export data recorded, the lines
        // the bundled stubs' directives restore.
        let own = own_files;
        let place = |file: u32, pos: ir::Pos| -> (String, u32, u32) {
            match file {
                ir::AUTOGENERATED_FILE => ("<autogenerated>".into(), 1, 0),
                // gc's unknown position has no file.
                _ if file == ir::UNKNOWN_FILE || pos.line == 0 => (String::new(), 0, 0),
                _ => match shown.get(file as usize) {
                    Some(f) if (file as usize) >= own => {
                        let (_, line, col) = f.position(pos);
                        (f.gc_name.clone(), line, col)
                    }
                    Some(f) => (f.gc_name.clone(), pos.line, pos.col),
                    None => (String::new(), pos.line, pos.col),
                },
            }
        };
        let written = |name: String| -> String {
            if name.is_empty() {
                return "__unnamed__".into();
            }
            match (&self.goroot, name.strip_prefix("$GOROOT/")) {
                (Some(root), Some(rest)) => format!("{}/{rest}", root.to_string_lossy().trim_end_matches('/')),
                _ => name,
            }
        };
        let mut out: Vec<(String, crate::optlog::Entry)> = entries
            .map(|e| {
                let (name, line, col) = place(e.file, e.pos);
                let related = e
                    .related
                    .iter()
                    .map(|s| {
                        let (file, line, col) = place(s.file, s.pos);
                        crate::optlog::Step { file: written(file), line, col, message: s.message.clone() }
                    })
                    .collect();
                let entry = crate::optlog::Entry {
                    code: e.code.to_string(),
                    file: written(name.clone()),
                    line,
                    col,
                    message: e.message.clone(),
                    related,
                };
                (name, entry)
            })
            .collect();
        out.sort_by(|(a, x), (b, y)| a.cmp(b).then((x.line, x.col).cmp(&(y.line, y.col))));
        out.into_iter().map(|(_, e)| e).collect()
    }

    /// Keeps a checked package that declares generic functions, for its importers to stencil,
    /// or inlinable ones, for its importers to inline.
    fn keep_generics(&mut self, mut checked: Checked, src: &PackageSource) {
        let inlinable = self.inlinable_pkgs.contains_key(&src.import_path);
        if inlinable || ir::lower::has_generic_bodies(&self.ctx, &checked.info, &checked.files) {
            // Importers read only the inlinable and the generic bodies: the rest is let go,
            // with what the checker recorded of it.
            for (file, finfo) in checked.files.iter_mut().zip(&mut checked.info.files) {
                let mut dropped = HashSet::default();
                let mut dropped_spans = Vec::new();
                // Package-level variables and constants are known to importers by their objects;
                // their initializers are never read again.
                file.decls.retain(|d| match d {
                    ast::Decl::Var(_) | ast::Decl::Const(_) => {
                        syntax::visit::exprs_in_decl(d, &mut |e| {
                            dropped.insert(e.id);
                        });
                        false
                    }
                    _ => true,
                });
                for d in &mut file.decls {
                    let ast::Decl::Func(fd) = d else { continue };
                    let keep = fd.is_generic()
                        || finfo
                            .defs
                            .get(&fd.name.pos)
                            .is_some_and(|o| self.inline_costs.contains_key(o) || self.generic_funcs.contains(o));
                    if keep {
                        continue;
                    }
                    if let Some(body) = fd.body.take() {
                        syntax::visit::exprs_in_stmts(&body.stmts, &mut |e| {
                            dropped.insert(e.id);
                        });
                        dropped_spans.push((body.pos, body.end));
                    }
                }
                if !dropped.is_empty() {
                    finfo.types.retain(|id, _| !dropped.contains(id));
                    finfo.uses.retain(|id, _| !dropped.contains(id));
                    finfo.selections.retain(|id, _| !dropped.contains(id));
                    finfo.instances.retain(|id, _| !dropped.contains(id));
                    // The locals of dropped bodies.
                    dropped_spans.sort_unstable();
                    let in_dropped = |p: &ast::Pos| {
                        let i = dropped_spans.partition_point(|(start, _)| start <= p);
                        i > 0 && *p <= dropped_spans[i - 1].1
                    };
                    finfo.defs.retain(|p, _| !in_dropped(p));
                    finfo.implicits.retain(|p, _| !in_dropped(p));
                    finfo.types.shrink_to_fit();
                    finfo.uses.shrink_to_fit();
                    finfo.selections.shrink_to_fit();
                    finfo.defs.shrink_to_fit();
                }
            }
            checked.bodies = ir::lower::func_bodies(&checked.info, &checked.files);
            let files = src.files.iter().map(|f| (f.path.clone(), f.display.clone())).collect();
            self.generic_pkgs.push((checked, files));
        }
    }

    /// Parses and checks `src` after everything it imports. Errors in packages from the
    /// bundled facts are not the user's and are ignored; others stop the analysis.
    ///
    /// `parsed` is the package's files already parsed ([`Prefetch`]), in order; without it they
    /// are parsed here.
    fn check(
        &mut self,
        src: &PackageSource,
        report_errors: bool,
        parsed: Option<Vec<Parsed>>,
    ) -> Result<Checked, Error> {
        let header = format!("# {}", src.import_path);
        let parsed = parsed.unwrap_or_else(|| match &self.pool {
            Some(pool) => pool.install(|| parse_package(src, true)),
            None => parse_package(src, false),
        });
        timing::memory(&src.import_path, "parsed");
        let mut files = Vec::new();
        let mut lines = Vec::new();
        // The parse's errors (file index, position, line), for reporting with the type
        // checker's.
        let mut parse_errors: Vec<(u32, syntax::Pos, String, String)> = Vec::new();
        let mut syntax_failed = false;
        let mut errors_so_far = 0;
        for (index, (f, (file, errs))) in src.files.iter().zip(parsed).enumerate() {
            syntax_failed |= file.incomplete || errs.iter().any(|e| e.msg.starts_with("syntax error"));
            for e in errs {
                if errors_so_far == MAX_ERRORS {
                    break;
                }
                // Where gc prints it: through the file's line directives.
                let at = match file.relative(e.pos) {
                    Some((name, line, col)) => report::format_position(name, line, col),
                    None => format!("{}:{}:{}", f.display, e.pos.line, e.pos.col),
                };
                let line = format!("{at}: {}", e.msg);
                lines.push(line.clone());
                errors_so_far += 1;
                if errors_so_far == MAX_ERRORS {
                    lines.push(format!("{at}: too many errors"));
                }
                parse_errors.push((index as u32, e.pos, at, line));
            }
            files.push(file);
        }
        // gc stops after parsing on syntax errors proper (or at its tenth error); after lexical
        // errors alone (`invalid character`, `invalid UTF-8 encoding`, ...) it type checks, and
        // reports both.
        if !lines.is_empty() && report_errors && (syntax_failed || errors_so_far == MAX_ERRORS) {
            return Err(Error::Source { header, lines });
        }
        let mut imports: Vec<String> = files.iter().flat_map(|f| f.imports.iter().map(|i| i.path.clone())).collect();
        imports.sort();
        imports.dedup();
        for path in imports {
            if path == "unsafe" || path == "C" {
                continue;
            }
            if self.failed_loads.contains(&path) {
                return Err(Error::Load(String::new()));
            }
            if let Some(&is_std) = self.done.get(&path) {
                // The go command checks each import of an internal package, loaded or not.
                if let Some(msg) = syntax::load::disallow_internal(src, &path, is_std) {
                    return Err(self.import_error(src, &path, msg));
                }
                continue;
            }
            let importer = src
                .files
                .iter()
                .zip(&files)
                .find(|(_, f)| f.imports.iter().any(|i| i.path == path))
                .and_then(|(sf, _)| sf.path.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if self.in_progress.iter().any(|(p, _)| *p == path) {
                return Err(Error::Load(self.cycle_message(&path, &importer)));
            }
            let _t = std::time::Instant::now();
            let dep = self.load_import(&path, src)?;
            timing::add(timing::Phase::Load, _t);
            self.in_progress.push((path.clone(), importer));
            let from_facts = dep.is_std;
            let checked = self.check(&dep, !from_facts, None)?;
            self.in_progress.pop();
            if from_facts {
                self.read_fact_tags(&checked);
                let inlined: HashSet<ObjId> =
                    self.bundled.inlined(&dep.import_path).iter().filter_map(|sym| self.gc_named_func(sym)).collect();
                self.record_exported_bodies(&checked, &dep.import_path, inlined);
            } else {
                // A dependency is compiled with gc's default flags: inlining on. It may import
                // the package whose analysis is in flight: that is finished first.
                self.settle();
                let _t = std::time::Instant::now();
                let (mut lowered, _) = self.lower(&checked, &dep, true);
                timing::add(timing::Phase::Lower, _t);
                let _t = std::time::Instant::now();
                inline_package(&mut lowered.package);
                timing::add(timing::Phase::Inline, _t);
                let inlined = inlined_imports(&lowered);
                let _t = std::time::Instant::now();
                let result = escape::analyze(&lowered.package);
                timing::add(timing::Phase::Escape, _t);
                self.record_tags(&lowered, &result);
                self.record_exported_bodies(&checked, &dep.import_path, inlined);
            }
            self.keep_generics(checked, &dep);
            // Register under the path the importer used as well (vendored std packages).
            if dep.import_path != path {
                if let Some(p) = self.ctx.packages.get(&dep.import_path).cloned() {
                    self.ctx.packages.insert(path.clone(), p);
                }
            }
            self.done.insert(path, dep.is_std);
        }
        let opts = if src.is_std && !report_errors {
            types::CheckOptions::facts()
        } else {
            // The go command never compiles package unsafe (its source only documents it).
            let complete = src.complete && !(src.is_std && src.import_path == "unsafe");
            types::CheckOptions {
                complete,
                parse_errors: !parse_errors.is_empty(),
                release_minor: self.release_minor,
                ..types::CheckOptions::default()
            }
        };
        let _t = std::time::Instant::now();
        let (tpkg, info, errors) =
            types::check_package_with(&mut self.ctx, &src.import_path, &files, src.go_version, opts);
        timing::add(timing::Phase::Check, _t);
        if report_errors && (!errors.is_empty() || !parse_errors.is_empty()) {
            let path = |file: u32| src.files.get(file as usize).map(|f| f.display.as_str()).unwrap_or("?");
            // Where gc prints a position: through the file's line directives.
            let at_of = |file: u32, pos: syntax::Pos| match files.get(file as usize).and_then(|f| f.relative(pos)) {
                Some((name, line, col)) => report::format_position(name, line, col),
                None => format!("{}:{}:{}", path(file), pos.line, pos.col),
            };
            // In gc's order of emission (the parse's errors first). gc's `ErrorfAt` drops a type
            // error equal to the one just before it on the same line, and the tenth error ends
            // the compile; `FlushErrors` then prints them by position (an identical text once),
            // and `too many errors` at the tenth's position.
            let mut reported: Vec<(u32, syntax::Pos, String, Vec<String>)> = parse_errors
                .iter()
                .map(|(file, pos, at, line)| (*file, *pos, at.clone(), vec![line.clone()]))
                .collect();
            let mut last: Option<&types::TypeError> = None;
            for e in &errors {
                if last.is_some_and(|l| l.file == e.file && l.pos.line == e.pos.line && l.msg == e.msg) {
                    continue;
                }
                last = Some(e);
                let at = at_of(e.file, e.pos);
                let mut text = vec![format!("{at}: {}", e.msg)];
                for (file, pos, msg) in &e.related {
                    text.push(format!("\t{}: {msg}", at_of(*file, *pos)));
                }
                reported.push((e.file, e.pos, at, text));
            }
            let too_many = reported.get(MAX_ERRORS - 1).map(|(_, _, at, _)| format!("{at}: too many errors"));
            reported.truncate(MAX_ERRORS);
            reported.sort_by_key(|(file, pos, _, _)| (*file, *pos));
            reported.dedup_by(|b, a| a.3 == b.3);
            let mut lines: Vec<String> = reported.into_iter().flat_map(|(_, _, _, text)| text).collect();
            lines.extend(too_many);
            return Err(Error::Source { header, lines });
        }
        let mut deps = HashSet::default();
        for f in &files {
            for i in &f.imports {
                let Some(p) = self.ctx.packages.get(&i.path) else { continue };
                if deps.insert(p.path.clone()) {
                    deps.extend(self.deps.get(&p.path).into_iter().flatten().cloned());
                }
            }
        }
        self.deps.insert(src.import_path.clone(), deps);
        // Package unsafe's source only documents it: importers must keep seeing the
        // predeclared package (go/types' `types.Unsafe`), whatever `std` checks of it.
        if src.import_path != "unsafe" {
            self.ctx.packages.insert(src.import_path.clone(), tpkg.clone());
        }
        self.done.insert(src.import_path.clone(), src.is_std);
        let bodies = ir::lower::func_bodies(&info, &files);
        Ok(Checked { files, tpkg, info, is_std: src.is_std, bodies })
    }

    /// The go command's report of an import cycle closed by importing `path` from file
    /// `importer` of the innermost package being loaded:
    ///
    /// ```text
    /// package example.com/m
    /// 	imports example.com/m/a from main.go
    /// 	imports example.com/m/a from b.go: import cycle not allowed
    /// ```
    fn cycle_message(&self, path: &str, importer: &str) -> String {
        let mut msg = String::new();
        for (i, (p, from)) in self.in_progress.iter().enumerate() {
            if i == 0 {
                msg.push_str(&format!("package {p}\n"));
            } else {
                msg.push_str(&format!("\timports {p} from {from}\n"));
            }
        }
        msg.push_str(&format!("\timports {path} from {importer}: import cycle not allowed"));
        msg
    }

    /// Lowers a checked package, with the instances of generic functions (its own and
    /// imported ones) it uses; returns the display path of each file lowering's file indices
    /// name (the package's files, then those of the imported generic packages).
    fn lower(&mut self, checked: &Checked, src: &PackageSource, inline: bool) -> (ir::lower::Lowered, Vec<ShownFile>) {
        // Only the package's own dependencies can bring bodies into it.
        let empty = HashSet::default();
        let deps = self.deps.get(&src.import_path).unwrap_or(&empty);
        let relevant: Vec<usize> =
            (0..self.generic_pkgs.len()).filter(|&i| deps.contains(&self.generic_pkgs[i].0.tpkg.path)).collect();
        let imported: Vec<ir::lower::Imported> = relevant
            .iter()
            .map(|&i| &self.generic_pkgs[i].0)
            .map(|c| ir::lower::Imported { tpkg: &c.tpkg, info: &c.info, files: &c.files, bodies: &c.bodies })
            .collect();
        let costs = self.available_inline_costs(checked);
        let inlinable = |obj| inline && costs.get(&self.inline_costs, obj).is_some();
        let rules = ir::Rules::for_release(self.release_minor).on(self.arch);
        let instances =
            ir::lower::collect_instances(&mut self.ctx, &checked.info, &checked.files, &imported, &inlinable, &rules);
        let tags = TagTable {
            tags: &self.tags,
            inline_costs: inline.then_some((&self.inline_costs, &costs)),
            explain: self.explain,
        };
        let mut lowered = ir::lower::lower_package(
            &self.ctx,
            &checked.tpkg,
            &checked.info,
            &checked.files,
            &imported,
            &instances,
            &tags,
            rules,
        );
        lowered.package.own_files = src.files.len() as u32;
        let mut shown: Vec<ShownFile> = src
            .files
            .iter()
            .zip(&checked.files)
            .map(|(f, ast)| ShownFile {
                display: f.display.clone(),
                line_bases: ast.line_bases.clone(),
                gc_name: gc_file_name(&self.cwd, &f.path),
            })
            .collect();
        for &i in &relevant {
            let (c, files) = &self.generic_pkgs[i];
            for ((path, display), ast) in files.iter().zip(&c.files) {
                // gc prints the file's absolute name; the go command then rewrites the
                // directory of the package being compiled, or the nearest ancestor of it, to
                // its path relative to the working directory when that is shorter
                // (`./lib/lib.go`, `../modcache/example.com/m@v1.0.0/m.go`).
                let shown_path = if c.is_std || !path.is_absolute() {
                    display.clone()
                } else {
                    syntax::load::paths::display(&self.cwd, &src.dir, path)
                };
                let gc_name = if c.is_std { display.clone() } else { gc_file_name(&self.cwd, path) };
                shown.push(ShownFile { display: shown_path, line_bases: ast.line_bases.clone(), gc_name });
            }
        }
        (lowered, shown)
    }

    /// Standard-library imports come from the bundled facts; the rest as `go build` finds them.
    fn load_import(&self, path: &str, from: &PackageSource) -> Result<PackageSource, Error> {
        if let Some(p) = self.bundled.package(path) {
            return match syntax::load::disallow_internal(from, path, true) {
                None => Ok(p),
                Some(msg) => Err(self.import_error(from, path, msg)),
            };
        }
        self.loader.load_import(path, from).map_err(|e| self.load_error(e))
    }

    /// The go command's `use of internal package ... not allowed` for `from` importing `path`.
    fn import_error(&self, from: &PackageSource, path: &str, msg: String) -> Error {
        let pos = syntax::load::import_position(from, path);
        self.load_error(syntax::load::LoadError::Stacked { stack: vec![from.import_path.clone()], pos, msg })
    }

    /// A load error as the go command prints it: under the whole stack of imports that led to
    /// the importer, when it has one.
    fn load_error(&self, e: syntax::load::LoadError) -> Error {
        Error::Load(match e {
            syntax::load::LoadError::Stacked { stack, pos, msg } => {
                let importer = stack.first().cloned().unwrap_or_default();
                let above = self.in_progress.iter().map(|(p, _)| p.clone()).take_while(|p| *p != importer);
                let stack = above.chain(stack).collect();
                syntax::load::LoadError::Stacked { stack, pos, msg }.to_string()
            }
            e => e.to_string(),
        })
    }

    /// Records which imported functions' bodies the export data of package `path` carries,
    /// given the imported functions `inlined` compiling it (gc's `HaveDcl`): as gc's linker
    /// (`writeNewExport`, `relocObj`) builds the file, those among them that the file
    /// references. It starts from the package's exported objects; an object brings its type, a
    /// named type its methods, and a function whose body is exported (an inlinable one of the
    /// package, or an inlined import) what that body refers to.
    fn record_exported_bodies(&mut self, checked: &Checked, path: &str, inlined: HashSet<ObjId>) {
        // What the body of each of the package's inlinable and generic functions refers to.
        let mut todo_types: Vec<types::TypeId> = Vec::new();
        for (file, finfo) in checked.files.iter().zip(&checked.info.files) {
            for d in &file.decls {
                if let ast::Decl::Func(fd) = d {
                    let Some(&obj) = finfo.defs.get(&fd.name.pos) else { continue };
                    // Generic bodies are always exported (importers stencil them).
                    let generic = fd.is_generic();
                    if fd.body.is_none() || !(generic || self.inline_costs.contains_key(&obj)) {
                        continue;
                    }
                    if generic {
                        self.generic_funcs.insert(obj);
                    }
                    let mut refs = Vec::new();
                    let mut body_types = Vec::new();
                    syntax::visit::exprs_in_decl(d, &mut |e| {
                        refs.extend(finfo.uses.get(&e.id).copied());
                        refs.extend(finfo.selections.get(&e.id).map(|s| s.obj));
                        if let Some(tv) = finfo.types.get(&e.id) {
                            body_types.push(tv.ty);
                        }
                    });
                    // A type a body mentions stands for its named types' objects.
                    for t in body_types {
                        if let types::Type::Named(n) = &self.ctx.types[t.0 as usize] {
                            refs.push(n.obj);
                        }
                    }
                    refs.sort();
                    refs.dedup();
                    self.body_refs.insert(obj, refs);
                }
            }
        }
        // The package's exported objects (the linker's roots).
        let mut todo_objs: Vec<ObjId> =
            checked.tpkg.decl_order.iter().copied().filter(|&o| self.ctx.objects[o.0 as usize].is_exported()).collect();
        todo_types.clear();
        let mut exported = HashSet::default();
        let mut seen_objs = HashSet::default();
        let mut seen_types = HashSet::default();
        while !todo_objs.is_empty() || !todo_types.is_empty() {
            while let Some(o) = todo_objs.pop() {
                if !seen_objs.insert(o) {
                    continue;
                }
                let ob = &self.ctx.objects[o.0 as usize];
                todo_types.extend(ob.ty);
                // A generic body travels with its object, whichever package declares it.
                let local_body =
                    (ob.pkg == path && self.inline_costs.contains_key(&o)) || self.generic_funcs.contains(&o);
                if local_body || (inlined.contains(&o) && exported.insert(o)) {
                    todo_objs.extend(self.body_refs.get(&o).into_iter().flatten().copied());
                }
            }
            while let Some(t) = todo_types.pop() {
                if !seen_types.insert(t) {
                    continue;
                }
                use types::Type as T;
                match &self.ctx.types[t.0 as usize] {
                    T::Basic(_) | T::TypeParam(_) => {}
                    T::Pointer(e) | T::Slice(e) | T::Array(_, e) | T::Chan(_, e) => todo_types.push(*e),
                    T::Map(k, v) => todo_types.extend([*k, *v]),
                    T::Struct(fs) => todo_types.extend(fs.iter().map(|f| f.ty)),
                    T::Tuple(ts, _) => todo_types.extend(ts.iter().copied()),
                    T::Union(terms) => todo_types.extend(terms.iter().map(|x| x.ty)),
                    T::Alias { actual, .. } => todo_types.push(*actual),
                    T::Signature(s) => {
                        todo_types.extend(s.params.iter().chain(&s.results).chain(s.recv.iter()).map(|f| f.ty))
                    }
                    T::Interface(i) => {
                        todo_types.extend(i.methods.iter().map(|m| m.sig));
                        todo_types.extend(i.embeddeds.iter().copied());
                    }
                    T::Named(n) => {
                        todo_types.extend(n.underlying);
                        todo_types.extend(n.type_args.iter().copied());
                        todo_objs.extend(n.methods.iter().copied());
                        todo_objs.push(n.obj);
                    }
                }
            }
        }
        if std::env::var_os("GOESCAPE_DUMP_EXPORTS").is_some() {
            // A developer aid: which imported bodies each package's export data carries.
            let mut names: Vec<String> = exported
                .iter()
                .map(|o| {
                    let ob = &self.ctx.objects[o.0 as usize];
                    format!("{}.{}", ob.pkg, ob.name)
                })
                .collect();
            names.sort();
            eprintln!("goescape-exports\t{path}\t{}", names.join(" "));
        }
        self.reexported_bodies.insert(path.to_string(), exported);
    }

    /// The function `IMPORT_PATH:NAME` names, NAME as gc prints it in its own package (`F`,
    /// `(*T).M`, `T.M`).
    fn gc_named_func(&self, sym: &str) -> Option<ObjId> {
        let (path, name) = sym.split_once(':')?;
        let pkg = self.ctx.packages.get(path)?;
        let Some((recv, method)) = name.rsplit_once('.') else { return pkg.scope.get(name).copied() };
        let recv = recv.strip_prefix("(*").and_then(|r| r.strip_suffix(')')).unwrap_or(recv);
        let t = self.ctx.objects[pkg.scope.get(recv)?.0 as usize].ty?;
        match &self.ctx.types[t.0 as usize] {
            types::Type::Named(n) => n.methods.iter().copied().find(|&m| self.ctx.objects[m.0 as usize].name == method),
            _ => None,
        }
    }

    /// The imported functions the package being compiled can inline: gc reads only its direct
    /// imports' export data, and each carries the bodies of its own inlinable functions and of
    /// those it inlined itself ([`Session::reexported_bodies`]).
    fn available_inline_costs(&self, checked: &Checked) -> AvailableCosts {
        let mut paths: HashSet<&str> = HashSet::default();
        for f in &checked.files {
            for i in &f.imports {
                if let Some(p) = self.ctx.packages.get(&i.path) {
                    paths.insert(p.path.as_str());
                }
            }
        }
        let mut direct = vec![false; self.inlinable_pkgs.len()];
        for p in &paths {
            if let Some(&i) = self.inlinable_pkgs.get(*p) {
                direct[i as usize] = true;
            }
        }
        let reexported =
            paths.iter().flat_map(|p| self.reexported_bodies.get(*p).into_iter().flatten()).copied().collect();
        AvailableCosts { direct, reexported }
    }

    /// Reads the `//goescape:esc` directives of a facts package's functions.
    fn read_fact_tags(&mut self, checked: &Checked) {
        for &obj in &checked.tpkg.decl_order {
            self.read_obj_tags(obj);
        }
        // Methods are not in the package scope: find them on the named types.
        let named: Vec<ObjId> = checked
            .tpkg
            .decl_order
            .iter()
            .filter_map(|&o| self.ctx.objects[o.0 as usize].ty)
            .filter_map(|t| match &self.ctx.types[t.0 as usize] {
                types::Type::Named(n) => Some(n.methods.clone()),
                _ => None,
            })
            .flatten()
            .collect();
        for m in named {
            self.read_obj_tags(m);
        }
    }

    fn read_obj_tags(&mut self, obj: ObjId) {
        let o = &self.ctx.objects[obj.0 as usize];
        if !matches!(o.kind, types::ObjKind::Func) {
            return;
        }
        let Some(p) = o.pragmas.iter().find_map(|p| p.strip_prefix("goescape:esc")) else { return };
        let Ok(tags) = facts::parse_esc_pragma(p.trim()) else { return };
        let mut recv = None;
        let mut params = Vec::new();
        for (name, t) in tags {
            let l = ir::Leaks { heap: t.heap, mutator: t.mutator, callee: t.callee, results: t.results };
            if name == "recv" {
                recv = Some(l);
            } else {
                params.push(l);
            }
        }
        let name = self.symbol_name(obj);
        if let Some(cost) = o.pragmas.iter().find_map(|p| p.strip_prefix("goescape:inl")) {
            if let Ok(cost) = cost.trim().parse::<i32>() {
                self.add_inline_cost(obj, cost);
            }
        }
        self.tags.insert(obj, ir::ExternFunc { name, recv, params, inline: None });
    }

    fn record_tags(&mut self, lowered: &ir::lower::Lowered, result: &escape::Analysis) {
        for (&obj, &fid) in &lowered.funcs {
            if let Some(inl) = lowered.package.func(fid).inl {
                self.add_inline_cost(obj, inl.cost);
            }
            let Some(t) = result.tags.get(fid.0 as usize) else { continue };
            let name = self.symbol_name(obj);
            self.tags.insert(obj, ir::ExternFunc { name, recv: t.recv, params: t.params.clone(), inline: None });
        }
    }

    fn add_inline_cost(&mut self, obj: ObjId, cost: i32) {
        let path = &self.ctx.objects[obj.0 as usize].pkg;
        let next = self.inlinable_pkgs.len() as u32;
        let pkg = match self.inlinable_pkgs.get(path) {
            Some(&i) => i,
            None => *self.inlinable_pkgs.entry(path.clone()).or_insert(next),
        };
        self.inline_costs.insert(obj, InlineCost { cost, pkg });
    }

    /// How importers name function `obj`: `path.Name`, or `path.Recv.Name` for a method (gc's
    /// inliner knows intrinsics and some special callees by that name).
    fn symbol_name(&self, obj: ObjId) -> String {
        let o = &self.ctx.objects[obj.0 as usize];
        let recv = o.ty.and_then(|t| match &self.ctx.types[t.0 as usize] {
            types::Type::Signature(sig) => sig.recv.as_ref().map(|r| r.ty),
            _ => None,
        });
        let recv_name = recv.and_then(|mut t| {
            if let types::Type::Pointer(e) = &self.ctx.types[t.0 as usize] {
                t = *e;
            }
            match &self.ctx.types[t.0 as usize] {
                types::Type::Named(n) => Some(self.ctx.objects[n.obj.0 as usize].name.clone()),
                _ => None,
            }
        });
        match recv_name {
            Some(r) => format!("{}.{r}.{}", o.pkg, o.name),
            None => format!("{}.{}", o.pkg, o.name),
        }
    }
}

/// The inline costs of the imported functions one package can inline: those of its direct
/// imports and those its direct imports re-export.
struct AvailableCosts {
    /// By [`InlineCost::pkg`]: whether that package is a direct import.
    direct: Vec<bool>,
    /// The functions of other packages whose bodies the direct imports carry.
    reexported: HashSet<ObjId>,
}

impl AvailableCosts {
    fn get(&self, all: &HashMap<ObjId, InlineCost>, obj: ObjId) -> Option<i32> {
        let c = all.get(&obj)?;
        let direct = self.direct.get(c.pkg as usize).copied().unwrap_or(false);
        (direct || self.reexported.contains(&obj)).then_some(c.cost)
    }
}

/// gc's inline cost of an imported function, with its package's number in
/// [`Session::inlinable_pkgs`].
struct InlineCost {
    cost: i32,
    pkg: u32,
}

/// The escape tags and inline costs known so far, as lowering looks them up.
struct TagTable<'t> {
    tags: &'t HashMap<ObjId, ir::ExternFunc>,
    /// `None` when the package is compiled without inlining.
    inline_costs: Option<(&'t HashMap<ObjId, InlineCost>, &'t AvailableCosts)>,
    /// `-m=2`: escape analysis explains its verdicts, in wrappers too.
    explain: bool,
}

impl ir::lower::ExternTags for TagTable<'_> {
    fn tags(&self, _ctx: &types::Ctx, obj: ObjId) -> Option<ir::ExternFunc> {
        self.tags.get(&obj).cloned()
    }

    fn inline_cost(&self, _ctx: &types::Ctx, obj: ObjId) -> Option<i32> {
        let (all, available) = self.inline_costs?;
        available.get(all, obj)
    }

    fn inlining(&self) -> bool {
        self.inline_costs.is_some()
    }

    fn wrappers(&self) -> bool {
        self.inlining() || self.explain
    }
}

/// The imported functions inlining copied into a package's code (gc's `HaveDcl`).
fn inlined_imports(lowered: &ir::lower::Lowered) -> HashSet<ObjId> {
    let mut found = HashSet::default();
    for f in &lowered.package.funcs {
        let Some(body) = &f.body else { continue };
        ir::visit::for_each_expr_in_stmts(body, &mut |e| {
            if let ir::ExprKind::Inlined(call) = &e.kind {
                if let Some(&obj) = lowered.inline_bodies.get(&call.func) {
                    found.insert(obj);
                }
            }
        });
    }
    found
}

/// Runs gc's inliner on a lowered package. gc prints its `can inline` lines first, then the
/// calls it devirtualizes (lowering found them), then its `inlining call to` lines; other notes
/// lowering recorded come last.
fn inline_package(pkg: &mut ir::Package) {
    inline::prepare_inline_only(pkg);
    let mut notes = inline::inline_package(pkg);
    let (devirtualized, rest): (Vec<ir::Note>, Vec<ir::Note>) =
        std::mem::take(&mut pkg.pre_escape_notes).into_iter().partition(|n| n.message.starts_with("devirtualizing "));
    let at = notes.iter().position(|n| n.message.starts_with("inlining call to ")).unwrap_or(notes.len());
    notes.splice(at..at, devirtualized);
    notes.extend(rest);
    pkg.pre_escape_notes = notes;
}

/// With inlining off: the calls gc's interleaved pass devirtualizes beyond those lowering
/// found (through assignments), printed after lowering's.
fn devirtualize_package(pkg: &mut ir::Package) {
    if pkg.rules.wrappers_inline_under_l {
        inline::prepare_inline_only(pkg);
    }
    let found = inline::devirtualize_package(pkg);
    let at = pkg.pre_escape_notes.iter().rposition(|n| n.message.starts_with("devirtualizing ")).map_or(0, |i| i + 1);
    pkg.pre_escape_notes.splice(at..at, found);
}

/// The name gc gives a source file: its absolute path (the go command passes gc full paths),
/// or `$GOROOT/src/...` as the bundled standard library spells it.
fn gc_file_name(cwd: &std::path::Path, path: &std::path::Path) -> String {
    let s = path.to_string_lossy();
    if s.starts_with("$GOROOT/") || path.is_absolute() {
        return syntax::load::paths::clean(path).to_string_lossy().into_owned();
    }
    syntax::load::paths::clean_abs(cwd, path).to_string_lossy().into_owned()
}

/// A function name as tools want it: package-qualified (`main.f`, `main.(*T).M`).
fn qualify(pkg_name: &str, func: &str) -> String {
    if func.is_empty() {
        return String::new();
    }
    format!("{pkg_name}.{func}")
}

/// Where the time goes, per phase, for `GOESCAPE_TIMINGS=1` (a developer aid: printed on stderr
/// at the end of a run). A phase's time is summed over the threads that ran it, so with a
/// parallel pipeline the phases add up to more than the run's wall time (printed as `wall`).
pub(crate) mod timing {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::{Duration, Instant};

    /// A stage of the pipeline.
    #[derive(Clone, Copy)]
    pub(crate) enum Phase {
        /// Finding the packages and reading their files (`go list`'s work).
        Load,
        Parse,
        Check,
        Lower,
        Inline,
        Escape,
        /// Turning verdicts into gc's lines, recording what importers read (tags, costs,
        /// exported bodies), keeping generic and inlinable bodies.
        Report,
    }

    const NAMES: [&str; 7] = ["load", "parse", "check", "lower", "inline", "escape", "report"];

    static TOTALS: [AtomicU64; 7] = [const { AtomicU64::new(0) }; 7];

    /// Adds the time since `since` to `phase`.
    pub(crate) fn add(phase: Phase, since: Instant) {
        let d = since.elapsed().as_nanos() as u64;
        TOTALS[phase as usize].fetch_add(d, Ordering::Relaxed);
    }

    /// The process's resident set and its high-water mark, in MB (Linux; zeros elsewhere).
    pub(crate) fn rss_mb() -> (u64, u64) {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
                .map_or(0, |kb| kb / 1024)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    /// With `GOESCAPE_TIMINGS`: the resident set after a stage of a package.
    pub(crate) fn memory(pkg: &str, stage: &str) {
        if on() {
            let (rss, peak) = rss_mb();
            eprintln!("goescape-memory\t{pkg}\t{stage}\trss {rss} MB, peak {peak} MB");
        }
    }

    /// Whether `GOESCAPE_TIMINGS` is set.
    pub(crate) fn on() -> bool {
        std::env::var_os("GOESCAPE_TIMINGS").is_some()
    }

    /// Prints the totals and the run's wall time (since `start`) when `GOESCAPE_TIMINGS` is set.
    pub(crate) fn report(start: Instant) {
        if std::env::var_os("GOESCAPE_TIMINGS").is_none() {
            return;
        }
        for (name, d) in NAMES.iter().zip(TOTALS.iter()) {
            let d = Duration::from_nanos(d.load(Ordering::Relaxed));
            eprintln!("goescape-timing\t{name}\t{:.3}s", d.as_secs_f64());
        }
        eprintln!("goescape-timing\twall\t{:.3}s", start.elapsed().as_secs_f64());
    }
}
