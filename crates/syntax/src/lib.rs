//! Loading and parsing: from `go build`-style package patterns to syntax trees.
//!
//! [`load`] finds packages the way `go build` does (go.mod, GOROOT, build constraints for
//! GOOS/GOARCH with CGO_ENABLED=0) and [`parse`] turns each file into an [`ast::File`] through
//! tree-sitter-go. Neither ever fails outright on bad source: parsing returns a tree plus
//! gc-style [`SyntaxError`]s, and later stages decide what to do with them.

pub mod ast;
pub mod load;
pub mod parse;
pub mod stack;
pub mod visit;

pub use ast::Pos;
pub use parse::parse_file;

/// A problem in the source text, reported as gc reports it: `path:line:col: msg`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    /// Without the position, e.g. `syntax error: unexpected newline, expected comma or )`.
    pub msg: String,
}
