//! The `goescape` command: gc's `-m` escape verdicts without a Go toolchain.
//!
//! Flags follow gc's and `go build`'s habits (`-m`, `-l`, `-tags`), so
//! `goescape -m -l ./...` prints what `go build -gcflags='-m -l' ./...` prints.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// The analysis allocates many small, short-lived values (syntax trees, IR, checker maps) and
/// frees the largest of them on a helper thread; mimalloc's per-thread pages make both cheaper
/// than the system allocator (std: about a fifth less time with inlining, a sixth without; see
/// `cargo xtask bench`). Transparent huge pages are off: they raise peak RSS for little gain.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(name = "goescape", version, about = "gc's escape analysis verdicts, without a Go toolchain")]
struct Cli {
    /// Print escape analysis decisions (gc's -m; always on).
    #[arg(short = 'm', action = clap::ArgAction::Count)]
    m: u8,
    /// Disable inlining (gc's -l), as `go build -gcflags='-m -l'`.
    #[arg(short = 'l')]
    no_inline: bool,
    /// The gc release whose behaviour to reproduce (`1.27`, `1.27.3`, `1.26`, ...; see the
    /// README's table of releases). Default: the release the module's `toolchain` line names,
    /// when modelled, else the newest modelled.
    #[arg(long = "go")]
    go: Option<String>,
    /// Print only the verdicts that change from the `--go` release to this one, one line per
    /// change with both verdicts (`path:line:col: go1.22.10: ... | go1.27.3: ...`).
    #[arg(long = "compare-go", value_name = "RELEASE")]
    compare_go: Option<String>,
    /// Instead of the verdicts, write the escape-analysis location graph of function FUNC (gc's
    /// name: `f`, `(*T).M`, `f.func1`) of the packages named, in FORMAT (`dot`: Graphviz, e.g.
    /// `goescape --graph dot f . | dot -Tsvg > f.svg`). May be repeated.
    #[arg(long = "graph", num_args = 2, value_names = ["FORMAT", "FUNC"], action = clap::ArgAction::Append)]
    graph: Vec<String>,
    /// After each heap verdict, say why in plain words and what usually avoids it (read off
    /// the path gc's -m=2 explains; not part of gc's output).
    #[arg(long)]
    explain: bool,
    /// GOROOT to load standard-library packages named on the command line from.
    #[arg(long)]
    goroot: Option<PathBuf>,
    /// Comma-separated build tags (go build's -tags).
    #[arg(long = "tags", default_value = "")]
    tags: String,
    /// Output format: gc (gc's exact lines), json (one object per verdict) or sarif (one SARIF
    /// 2.1.0 log: a rule per kind of verdict, a result per verdict, -m=2's paths as code flows).
    #[arg(long, default_value = "gc")]
    format: String,
    /// Also write gc's optimization log, as `go build -gcflags=-json=0,file://DIR` does: one
    /// JSON file per source file under DIR/<package>/ (inliner and escape-analysis entries).
    #[arg(long = "json", value_name = "0,file://DIR")]
    json_log_flag: Option<String>,
    /// The same as `-json=0,file://DIR`.
    #[arg(long = "json-log", value_name = "DIR", conflicts_with = "json_log_flag")]
    json_log: Option<PathBuf>,
    /// How many threads to use (default: one per core, or `GOESCAPE_THREADS`); `-j 1` runs
    /// the analysis on one thread. The output is the same for every number.
    #[arg(short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Packages, as go build takes them: `.`, `./...`, `./sub`, files, import paths, `std`.
    packages: Vec<String>,
}

/// C's `calloc` on mimalloc (whose `mi_calloc` is outside the functions `libmimalloc-sys`
/// exports by default): zeroed memory for `n` values of `size` bytes, null on overflow.
unsafe extern "C" fn mi_calloc(n: usize, size: usize) -> *mut std::ffi::c_void {
    match n.checked_mul(size) {
        // SAFETY: mimalloc's allocation function, called as C's calloc would be.
        Some(bytes) => unsafe { libmimalloc_sys::mi_zalloc(bytes) },
        None => std::ptr::null_mut(),
    }
}

fn main() -> ExitCode {
    // tree-sitter, written in C, allocates with malloc unless told otherwise; glibc's malloc
    // keeps what a parse freed (a large file's tree is larger than the file's syntax tree), so
    // its trees come from mimalloc too, which returns freed memory to the system.
    // SAFETY: set before any tree-sitter object exists; mimalloc's functions are C's malloc
    // family in behaviour.
    unsafe {
        tree_sitter::set_allocator(
            Some(libmimalloc_sys::mi_malloc),
            Some(mi_calloc),
            Some(libmimalloc_sys::mi_realloc),
            Some(libmimalloc_sys::mi_free),
        );
    }
    // gc-style single-dash long flags (`-tags x`) are accepted too, and gc's `-m=N` is `-m`
    // N times. Arguments that are not UTF-8 go to clap as they are, which refuses them with a
    // usage error.
    let args = std::env::args_os().flat_map(|arg| {
        let Some(a) = arg.to_str() else { return vec![arg] };
        if let Some(n) = a.strip_prefix("-m=").and_then(|n| n.parse::<u8>().ok()) {
            return vec![OsString::from("-m"); usize::from(n.max(1))];
        }
        vec![OsString::from(match a {
            "-tags" => "--tags".to_string(),
            "-go" => "--go".to_string(),
            "-goroot" => "--goroot".to_string(),
            "-format" => "--format".to_string(),
            "-compare-go" => "--compare-go".to_string(),
            "-json" => "--json".to_string(),
            _ if ["-tags=", "-go=", "-goroot=", "-format=", "-compare-go=", "-json="]
                .iter()
                .any(|p| a.starts_with(p)) =>
            {
                format!("-{a}")
            }
            _ => a.to_string(),
        })]
    });
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    // On a thread of its own, so that a panic becomes an error message (the analysis sizes
    // its own stack).
    let outcome = std::thread::Builder::new()
        .name("goescape".into())
        .spawn(move || run(cli))
        .map_err(|e| format!("goescape: {e}"))
        .and_then(|h| h.join().unwrap_or_else(|_| Err("goescape: internal error (panic)".into())));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`goescape ./... | head`): nothing more to say.
        Err(msg) if msg.is_empty() => ExitCode::from(1),
        Err(msg) => {
            // Even a closed or full stderr must not turn into a panic.
            let _ = writeln!(std::io::stderr(), "{msg}");
            ExitCode::from(2)
        }
    }
}

/// How the verdicts are printed (`--format`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Gc,
    Json,
    Sarif,
}

/// Writes the report to stdout. A closed pipe ends the run quietly (`Err` with an empty
/// message); any other write error is reported.
fn emit(analysis: &goescape::Analysis, format: Format, opts: &goescape::Options) -> Result<(), String> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match format {
        Format::Json => out.write_all(goescape::render_json(analysis).as_bytes()),
        Format::Sarif => goescape::sarif::write_sarif(analysis, opts, &mut out),
        Format::Gc => goescape::write_gc(analysis, &mut out),
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(String::new()),
        Err(e) => Err(format!("goescape: writing the report: {e}")),
    }
}

/// The release `name` names, or the error listing the releases modelled.
fn parse_release(flag: &str, name: &str) -> Result<goescape::Release, String> {
    goescape::Release::parse(name).ok_or_else(|| {
        let known: Vec<&str> = goescape::Release::supported().collect();
        format!("goescape: {flag} {name}: the gc releases modelled are {}", known.join(", "))
    })
}

fn run(cli: Cli) -> Result<(), String> {
    let cwd = std::env::current_dir().map_err(|e| format!("goescape: {e}"))?;
    let release = match &cli.go {
        Some(name) => parse_release("--go", name)?,
        None => goescape::Release::default_for(&cwd),
    };
    let compare_with = cli.compare_go.as_deref().map(|name| parse_release("--compare-go", name)).transpose()?;
    let format = match cli.format.as_str() {
        "gc" => Format::Gc,
        "json" => Format::Json,
        "sarif" => Format::Sarif,
        other => return Err(format!("goescape: --format {other}: want gc, json or sarif")),
    };
    if format == Format::Sarif && cli.compare_go.is_some() {
        return Err("goescape: --compare-go prints its changes as gc or json, not sarif".into());
    }
    let log_dir = match (&cli.json_log_flag, &cli.json_log) {
        (Some(v), _) => Some(goescape::optlog::parse_flag(v).map_err(|e| format!("goescape: {e}"))?),
        (None, Some(d)) => Some(d.clone()),
        (None, None) => None,
    }
    .map(|d| cwd.join(d));
    let mut opts = goescape::Options::new(cwd);
    opts.log_opts = log_dir.is_some();
    opts.release = release;
    opts.inline = !cli.no_inline;
    opts.explain = cli.m >= 2;
    opts.hints = cli.explain;
    for pair in cli.graph.chunks(2) {
        if pair[0] != "dot" {
            return Err(format!("goescape: --graph {}: the graph formats are: dot", pair[0]));
        }
        opts.graphs.push(pair[1].clone());
    }
    opts.goroot = cli.goroot.or_else(|| std::env::var_os("GOROOT").map(PathBuf::from));
    if let Ok(goos) = std::env::var("GOOS") {
        if !goos.is_empty() {
            opts.goos = goos;
        }
    }
    if let Ok(goarch) = std::env::var("GOARCH") {
        if !goarch.is_empty() {
            opts.goarch = goarch;
        }
    }
    opts.modenv = syntax::load::ModEnv::from_process();
    opts.threads = match cli.jobs {
        Some(n) => n,
        None => match std::env::var("GOESCAPE_THREADS") {
            Ok(v) if !v.is_empty() => {
                v.parse().map_err(|_| format!("goescape: GOESCAPE_THREADS={v}: want a number of threads"))?
            }
            _ => 0,
        },
    };
    opts.tags = cli.tags.split(',').filter(|t| !t.is_empty()).map(String::from).collect();
    let packages = if cli.packages.is_empty() { vec![".".to_string()] } else { cli.packages };
    if let Some(after) = compare_with {
        return run_compare(&packages, opts, after, format == Format::Json);
    }
    let analysis = analyze(&packages, &opts)?;
    if !opts.graphs.is_empty() {
        return emit_graphs(&analysis, &opts.graphs);
    }
    if let Some(dir) = &log_dir {
        let header = goescape::optlog::Header {
            goos: opts.goos.clone(),
            goarch: opts.goarch.clone(),
            gc_version: opts.release.full_name(),
        };
        goescape::optlog::write(&analysis, dir, &header)
            .map_err(|e| format!("goescape: writing the optimization log to {}: {e}", dir.display()))?;
    }
    emit(&analysis, format, &opts)?;
    errors_of(&analysis, "")
}

fn analyze(packages: &[String], opts: &goescape::Options) -> Result<goescape::Analysis, String> {
    goescape::analyze(packages, opts).map_err(|e| match e {
        goescape::Error::Source { header, lines } => format!("{header}\n{}", lines.join("\n")),
        goescape::Error::Load(msg) => msg,
    })
}

/// `--graph`: the graphs asked for, in DOT, or which function was not found.
fn emit_graphs(analysis: &goescape::Analysis, wanted: &[String]) -> Result<(), String> {
    let graphs: Vec<&(String, String)> = analysis.packages.iter().flat_map(|p| &p.graphs).collect();
    let mut out = String::new();
    for (_, dot) in &graphs {
        out.push_str(dot);
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Err(String::new()),
        Err(e) => return Err(format!("goescape: writing the graph: {e}")),
    }
    errors_of(analysis, "")?;
    let missing: Vec<&str> =
        wanted.iter().filter(|w| !graphs.iter().any(|(f, _)| f == *w)).map(String::as_str).collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("goescape: --graph: no function {} in the packages named", missing.join(", ")))
    }
}

/// Packages that failed: their errors under their headers, as go build prints them (with
/// `suffix` after the header), and exit status 2.
fn errors_of(analysis: &goescape::Analysis, suffix: &str) -> Result<(), String> {
    let failed: Vec<String> = analysis
        .packages
        .iter()
        .filter(|p| !p.errors.is_empty())
        .map(|p| format!("{}{suffix}\n{}", p.header, p.errors.join("\n")))
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("\n"))
    }
}

/// `--compare-go`: the packages analyzed under both releases (at the same time, one thread
/// each), then only the verdicts that differ. A package that fails under either release has
/// its errors reported under a header naming that release.
fn run_compare(
    packages: &[String],
    opts: goescape::Options,
    after: goescape::Release,
    json: bool,
) -> Result<(), String> {
    let before = opts.release;
    let mut opts_after = opts.clone();
    opts_after.release = after;
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| analyze(packages, &opts));
        let b = analyze(packages, &opts_after);
        (a.join().unwrap_or_else(|_| Err("goescape: internal error (panic)".into())), b)
    });
    let (a, b) = (a?, b?);
    let (name_a, name_b) = (before.full_name(), after.full_name());
    let changes = goescape::compare::changes(&a, &b);
    let text = if json {
        goescape::compare::render_changes_json(&changes, &name_a, &name_b)
    } else {
        goescape::compare::render_changes(&changes, &name_a, &name_b)
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Err(String::new()),
        Err(e) => return Err(format!("goescape: writing the report: {e}")),
    }
    let errors: Vec<String> = [errors_of(&a, &format!(" ({name_a})")), errors_of(&b, &format!(" ({name_b})"))]
        .into_iter()
        .filter_map(Result::err)
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}
