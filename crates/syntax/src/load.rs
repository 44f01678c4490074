//! Package loading, as `go build` does it.
//!
//! (To be written: go.mod, GOROOT and vendor lookup, build constraints, file selection.)

use std::path::PathBuf;

/// The build configuration: what `go env` would say for this build.
#[derive(Clone, Debug)]
pub struct BuildContext {
    pub goos: String,
    pub goarch: String,
    /// Extra build tags from `-tags`.
    pub tags: Vec<String>,
    /// The `go1.N` release tags satisfied are `go1.1` … `go1.{release_minor}`.
    pub release_minor: u32,
    /// Always false for us: files that `import "C"` and `cgo`-tagged files are excluded.
    pub cgo_enabled: bool,
    /// GOROOT, when one is known; without it, standard-library packages come from a
    /// [`StdProvider`].
    pub goroot: Option<PathBuf>,
}

/// One file of a loaded package.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as gc prints it in diagnostics for this invocation (e.g. `./main.go`).
    pub display: String,
    pub text: String,
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
}

/// Supplies standard-library packages when there is no GOROOT (bundled facts).
pub trait StdProvider: Send + Sync {
    /// The files of std package `import_path`, or `None` if it is unknown.
    fn package(&self, import_path: &str) -> Option<PackageSource>;
}

/// Why packages could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}")]
    Msg(String),
}

/// Loads the packages named by `patterns` (`.`, `./...`, `./sub`, files, import paths, `std`)
/// relative to `cwd`, as `go build` would. (To be written.)
pub fn load(
    patterns: &[String],
    _cwd: &std::path::Path,
    _bctx: &BuildContext,
    _std: Option<&dyn StdProvider>,
) -> Result<Vec<PackageSource>, LoadError> {
    Err(LoadError::Msg(format!("cannot load {patterns:?}: loader not written")))
}

/// Loads the package imported as `path` by package `from`. (To be written.)
pub fn load_import(
    path: &str,
    _from: &PackageSource,
    _bctx: &BuildContext,
    _std: Option<&dyn StdProvider>,
) -> Result<PackageSource, LoadError> {
    Err(LoadError::Msg(format!("package {path} is not in std")))
}
