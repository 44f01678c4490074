//! Loading and parsing: from `go build`-style package patterns to syntax trees.
//!
//! [`load`] finds packages the way `go build` does (go.mod, GOROOT, build constraints for
//! GOOS/GOARCH with CGO_ENABLED=0) and [`parse`] turns each file into an [`ast::File`] through
//! tree-sitter-go, after a port of gc's own parser has found gc's syntax errors. Neither ever
//! fails outright on bad source: parsing returns a tree (empty after syntax errors) plus
//! gc-style [`SyntaxError`]s, and later stages decide what to do with them.

pub mod ast;
pub mod load;
pub mod parse;
pub mod stack;
pub mod visit;

pub use ast::Pos;
pub use parse::{parse_file, parse_file_with_invalid_utf8};

/// A problem in the source text, reported as gc reports it: `path:line:col: msg`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    /// Without the position, e.g. `syntax error: unexpected newline, expected comma or )`. As
    /// for gc, only messages starting `syntax error` stop the compilation after parsing.
    pub msg: String,
}
