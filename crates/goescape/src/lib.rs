//! goescape: gc's escape analysis as a library.
//!
//! This crate is the facade over the pipeline (load → parse → check → lower → escape → report).
//! Tools call [`analyze`] with `go build`-style package patterns and get structured verdicts;
//! the `goescape` binary prints them the way `go build -gcflags='-m -l'` does.

use std::path::{Path, PathBuf};

pub mod compare;
pub mod conformance;
pub mod optlog;
pub mod optlog_conformance;
mod pipeline;
mod report;
pub mod sarif;
pub mod txtar;

pub use pipeline::analyze;
pub use report::{render_gc, render_json, write_gc};

/// The argument of a go.mod or go.work file's `verb` directive (`toolchain`, `go`), if any.
fn directive<'a>(text: &'a str, verb: &str) -> Option<&'a str> {
    text.lines().find_map(|l| {
        let l = l.split("//").next().unwrap_or("").trim();
        let mut words = l.split_whitespace();
        (words.next() == Some(verb)).then(|| words.next()).flatten()
    })
}

/// A gc release whose behaviour we reproduce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Release {
    pub major: u32,
    pub minor: u32,
}

impl Release {
    pub const GO1_27: Release = Release { major: 1, minor: 27 };

    /// The release `1.N`, `1.N.P`, `go1.N` or `go1.N.P` names, if goescape models it (its
    /// standard-library facts are bundled).
    pub fn parse(name: &str) -> Option<Release> {
        let v = name.strip_prefix("go").unwrap_or(name);
        let mut parts = v.split('.');
        let (major, minor) = (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
        if parts.next().is_some_and(|p| p.parse::<u32>().is_err()) || parts.next().is_some() {
            return None;
        }
        // The patch release, when given, must be the one bundled.
        facts::Bundled::for_release(v).map(|_| Release { major, minor })
    }

    /// The releases goescape models, newest first (`go1.27.3`, ...): gc's releases whose
    /// standard-library facts are bundled.
    pub fn supported() -> impl Iterator<Item = &'static str> {
        facts::releases()
    }

    /// The gc release modelled, patch included, as `go version` names it (`go1.27.3`).
    pub fn full_name(self) -> String {
        match self.facts() {
            Some(f) => f.release().to_string(),
            None => format!("go{}.{}", self.major, self.minor),
        }
    }

    /// The patch release modelled (`3` for go1.27.3, whose facts are bundled).
    pub fn patch(self) -> u32 {
        self.full_name().rsplit('.').next().and_then(|p| p.parse().ok()).unwrap_or(0)
    }

    /// The newest release modelled, the default.
    pub fn newest() -> Release {
        facts::releases().next().and_then(Release::parse).unwrap_or(Release::GO1_27)
    }

    /// The release to model in `dir` when none is asked for: the one the `toolchain` line of
    /// the go.work or go.mod governing `dir` names, when goescape models that minor release
    /// (`toolchain go1.26.2` is modelled by go1.26.6; a `go` line asking for a newer release
    /// wins, as it does for the go command), else [`Release::newest`]. (The go
    /// command runs that toolchain when it is newer than the installed one; with a toolchain
    /// line naming an older release, a team has pinned what it builds with.) GOWORK=off in the
    /// environment skips go.work, as it does for the go command.
    pub fn default_for(dir: &Path) -> Release {
        let skip_work = std::env::var("GOWORK").is_ok_and(|w| w == "off");
        let names: &[&str] = if skip_work { &["go.mod"] } else { &["go.work", "go.mod"] };
        for name in names {
            let Some(file) = dir.ancestors().map(|d| d.join(name)).find(|f| f.is_file()) else { continue };
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let Some(pinned) = directive(&text, "toolchain").and_then(Release::of_toolchain) else {
                return Release::newest();
            };
            // The go command never runs a toolchain older than the `go` line asks for.
            let go_line = directive(&text, "go").and_then(|v| Release::of_toolchain(&format!("go{v}")));
            return go_line.map_or(pinned, |g| g.max(pinned));
        }
        Release::newest()
    }

    /// The release modelled for a toolchain name `go1.N[.P]` (with any `-suffix`), by its minor
    /// release.
    fn of_toolchain(name: &str) -> Option<Release> {
        let v = name.strip_prefix("go")?;
        let v = v.split(['-', '+']).next()?;
        let mut parts = v.split('.');
        let (major, minor) = (parts.next()?, parts.next()?);
        let minor: String = minor.chars().take_while(char::is_ascii_digit).collect();
        Release::parse(&format!("{major}.{minor}"))
    }

    /// This release's bundled standard-library facts.
    pub fn facts(self) -> Option<&'static facts::Bundled> {
        facts::Bundled::for_release(&format!("{}.{}", self.major, self.minor))
    }

    /// This release's bundled standard-library facts for `target` (`darwin/arm64`), if bundled.
    pub fn facts_for(self, target: &str) -> Option<&'static facts::Bundled> {
        facts::Bundled::for_target(&format!("{}.{}", self.major, self.minor), target)
    }
}

/// How to run the analysis: the equivalent of gc's flags and `go build`'s environment.
#[derive(Clone, Debug)]
pub struct Options {
    pub release: Release,
    /// GOROOT; `None` means use the bundled facts for the standard library.
    pub goroot: Option<PathBuf>,
    pub goos: String,
    pub goarch: String,
    /// Extra build tags (`-tags`).
    pub tags: Vec<String>,
    /// The directory patterns are resolved against (the `go build` working directory).
    pub cwd: PathBuf,
    /// Inline calls as gc does by default (`-gcflags=-m`); `false` is gc's `-l`
    /// (`-gcflags='-m -l'`). Only the packages named on the command line see `-l`: their
    /// dependencies are compiled with gc's default flags, inlining on, as `go build` does.
    pub inline: bool,
    /// gc's `-m=2`: explain each escape and leak verdict (the `flow:` and `from` lines), and how
    /// closures capture variables.
    pub explain: bool,
    /// Functions of the packages named on the command line (gc's names: `f`, `(*T).M`,
    /// `f.func1`) whose escape-analysis location graphs to draw ([`PackageReport::graphs`]).
    pub graphs: Vec<String>,
    /// After each heap verdict, why in plain words and the change that usually avoids it
    /// (`goescape --explain`), read off the path `-m=2` explains: `  why: ...` lines of
    /// [`Kind::Hint`].
    pub hints: bool,
    /// Keep gc's optimization log (`-json=0,DIR`) of the packages named on the command line:
    /// [`PackageReport::opt_log`], written by [`optlog::write`].
    pub log_opts: bool,
    /// The module environment (GOMODCACHE, GOFLAGS' `-mod`, GOWORK, ...): where dependencies
    /// of the main module come from. [`Options::new`] leaves it empty (no module cache);
    /// the `goescape` command reads it from its environment.
    pub modenv: syntax::load::ModEnv,
    /// How many threads parse ahead of the checker (`-j`, `GOESCAPE_THREADS`): 0 is one per
    /// core, 1 runs the whole analysis on one thread. The output does not depend on it.
    pub threads: usize,
}

impl Options {
    /// gc's defaults for our oracle: linux/amd64, no GOROOT (bundled facts), no tags.
    pub fn new(cwd: PathBuf) -> Options {
        Options {
            release: Release::GO1_27,
            goroot: None,
            goos: "linux".into(),
            goarch: "amd64".into(),
            tags: Vec::new(),
            cwd,
            inline: true,
            explain: false,
            graphs: Vec::new(),
            hints: false,
            log_opts: false,
            modenv: syntax::load::ModEnv::default(),
            threads: 0,
        }
    }
}

/// What a verdict is about, as gc words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `moved to heap: x`
    MovedToHeap,
    /// `X escapes to heap`
    Escapes,
    /// `X does not escape`
    DoesNotEscape,
    /// `leaking param: x`, `leaking param content: x`, `leaking param: x to result ~r0 level=0`
    LeakingParam,
    /// `leaking closure reference x`
    LeakingClosureRef,
    /// `x ignoring self-assignment in ...`
    SelfAssignment,
    /// `devirtualizing s.M to T`
    Devirtualizing,
    /// `zero-copy string->[]byte conversion`
    ZeroCopy,
    /// Anything else gc prints under `-m`.
    Other,
    /// Not gc's: `goescape --explain`'s plain-words reason for the heap verdict before it.
    Hint,
}

impl Kind {
    /// Every kind, in the order of their SARIF rules.
    pub const ALL: [Kind; 10] = [
        Kind::MovedToHeap,
        Kind::Escapes,
        Kind::DoesNotEscape,
        Kind::LeakingParam,
        Kind::LeakingClosureRef,
        Kind::SelfAssignment,
        Kind::Devirtualizing,
        Kind::ZeroCopy,
        Kind::Other,
        Kind::Hint,
    ];

    /// Classifies one of gc's `-m` messages.
    pub fn of_message(msg: &str) -> Kind {
        if msg.starts_with("moved to heap: ") {
            Kind::MovedToHeap
        } else if msg.starts_with("leaking param") {
            Kind::LeakingParam
        } else if msg.starts_with("leaking closure reference") {
            Kind::LeakingClosureRef
        } else if msg.contains(" ignoring self-assignment in ") {
            Kind::SelfAssignment
        } else if msg.starts_with("devirtualizing ") {
            Kind::Devirtualizing
        } else if msg.starts_with("zero-copy string->[]byte") {
            Kind::ZeroCopy
        } else if msg.ends_with(" escapes to heap") {
            Kind::Escapes
        } else if msg.ends_with(" does not escape") {
            Kind::DoesNotEscape
        } else {
            Kind::Other
        }
    }

    /// A stable lowercase name, used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::MovedToHeap => "moved-to-heap",
            Kind::Escapes => "escapes",
            Kind::DoesNotEscape => "does-not-escape",
            Kind::LeakingParam => "leaking-param",
            Kind::LeakingClosureRef => "leaking-closure-ref",
            Kind::SelfAssignment => "self-assignment",
            Kind::Devirtualizing => "devirtualizing",
            Kind::ZeroCopy => "zero-copy",
            Kind::Other => "other",
            Kind::Hint => "hint",
        }
    }
}

/// One line of gc's `-m` output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file path exactly as gc prints it for this invocation (e.g. `./main.go`), after
    /// line directives (`//line file:N`) are applied, as are `line` and `col`.
    pub path: String,
    pub line: u32,
    /// 0 when a line directive without a column is in force (gc then prints `file:line`).
    pub col: u32,
    pub kind: Kind,
    pub message: String,
    /// The function the verdict belongs to (e.g. `main.(*T).M`), for tools.
    pub function: String,
    /// For a line of a `-m=2` explanation, its part in it; `None` for verdicts and gc's other
    /// lines.
    pub explains: Option<Explains>,
}

/// A line's part in gc's `-m=2` explanation of a verdict. An explanation is printed at the
/// position of the location it explains, which is the verdict's (`moved to heap: x`, `leaking
/// param: p`): a [`Explains::Head`], then its path as [`Explains::Step`]s, all in a row, and
/// the verdict later in the package's lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Explains {
    /// Opens an explanation: `x escapes to heap in f:`, `parameter p leaks to {heap} for f
    /// with derefs=0:`.
    Head,
    /// One line of its path: `  flow: {heap} ← &x:`, `    from &x (address-of) at
    /// ./main.go:5:9`, `  warning: truncated explanation ...`.
    Step {
        /// Where the node a `from` line names is (printed after it, ` at ./main.go:5:9`);
        /// `None` for the other lines, and for a node without a position (`at <unknown line
        /// number>`).
        at: Option<Position>,
    },
}

/// A position as gc prints it: the file path (`./main.go`), line and byte column (0: unknown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub path: String,
    pub line: u32,
    pub col: u32,
}

/// The verdicts for one package, in gc's order.
#[derive(Clone, Debug)]
pub struct PackageReport {
    /// The header `go build` prints before the package's lines, e.g. `# example.com/m`.
    pub header: String,
    pub import_path: String,
    pub diagnostics: Vec<Diagnostic>,
    /// gc-style `file:line:col: message` lines when the package does not parse or type-check
    /// (then there are no diagnostics). As `go build` does, the other packages are still
    /// analyzed, and those importing this one are left out.
    pub errors: Vec<String>,
    /// The location graphs [`Options::graphs`] asked for, of this package's functions:
    /// (function, Graphviz DOT text).
    pub graphs: Vec<(String, String)>,
    /// With [`Options::log_opts`]: gc's optimization-log entries of the inliner and escape
    /// analysis, in the order gc writes them.
    pub opt_log: Vec<optlog::Entry>,
    /// The package path gc compiles the package as (go build's `-p`): the import path, but
    /// `main` for every main package. The optimization log is filed under it.
    pub compiled_path: String,
}

#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub packages: Vec<PackageReport>,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Source that does not parse or type-check: gc-style `file:line:col: msg` lines.
    #[error("{}", .lines.join("\n"))]
    Source { header: String, lines: Vec<String> },
    #[error("{0}")]
    Load(String),
}
