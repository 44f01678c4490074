//! Facts: what a package shows its importers, our analogue of gc's export data.
//!
//! gc compiles an importing package against the export data of its imports: the declarations an
//! importer can see (types with their complete struct layouts, unexported fields included, funcs,
//! methods, consts, vars) and, for every function, the escape tag of each parameter
//! (`escape.leaks`, encoded by `leaks.Encode` in `cmd/compile/internal/escape/leaks.go`). We keep
//! the same information as Go source, so that our own parser and type checker read it exactly like
//! source:
//!
//! - A package's facts are a *declaration-only stub* of each of its files: the real file as selected
//!   for the target with `CGO_ENABLED=0`, with function bodies removed except those kept below
//!   (a function whose body was removed is a bodyless declaration), comments removed except
//!   compiler directives (`//go:...`), and type, const, var and import declarations left as they
//!   are. Imports that only removed bodies used become unused: the checker must not report that
//!   for facts packages.
//! - Before every function or method declaration the stub carries a directive line
//!   `//goescape:esc <tags>` with gc's tags for the receiver and the parameters ([`tag`]).
//! - Bodies of generic functions and of methods of generic types are kept, and they carry no
//!   `//goescape:esc` line: gc exports their bodies and every importer instantiates and analyzes
//!   them itself. They keep their comments' shape (blanked) and are preceded by a line directive
//!   `//line :N:1`, so positions inside them, which gc prints for an importer's instances, are
//!   those of the real GOROOT file.
//! - Before every non-generic function or method that gc can inline, a second directive line
//!   `//goescape:inl <cost>` follows the `//goescape:esc` line, with gc's inlining cost ([`inl`]),
//!   and the function keeps its body exactly as a generic one does (blanked comments, a
//!   `//line :N:1` directive): gc exports the bodies of inlinable functions, and an importer
//!   inlines them into its own code and analyzes the inlined copies. Generic functions keep
//!   their bodies anyway and carry no `//goescape:inl` line.
//! - A function that was bodyless in the real source (implemented in assembly or through
//!   `//go:linkname`) also carries `//go:uintptrkeepalive`: gc sets that pragma on every bodyless
//!   function during escape analysis (`paramTag`), and importers see it in export data.
//!
//! - Each package also lists the imported functions gc inlined while compiling it
//!   ([`PackageFacts::inlined`]): gc's export data carries their bodies on to importers when its
//!   exported declarations reach them, so they decide what an importer can inline.
//!
//! The standard library's facts for one gc release and target are one text file, [`container`]
//! describes its layout, bundled into the binary by [`Bundled`] (other targets than linux/amd64
//! as their differences from it, [`delta`]) and regenerated from real gc by
//! `cargo xtask facts --go RELEASE [--goos OS --goarch ARCH]`.

pub mod bundled;
pub mod container;
pub mod delta;
pub mod inl;
pub mod tag;

pub use bundled::{releases, targets, Bundled, DEFAULT_TARGET};
pub use container::{FactsFile, PackageFacts};
pub use inl::{parse_inl_pragma, print_inl_pragma};
pub use tag::{parse_esc_pragma, print_esc_pragma, ParamTag};

/// Why a facts text could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FactsError {
    /// A `//goescape:esc` directive that does not follow the grammar in [`tag`].
    #[error("bad //goescape:esc tag {text:?}: {why}")]
    BadTag { text: String, why: String },
    /// A `//goescape:inl` directive that is not a cost (see [`inl`]).
    #[error("bad //goescape:inl cost {text:?}: {why}")]
    BadInl { text: String, why: String },
    /// The facts container is malformed (see [`container`]).
    #[error("facts line {line}: {why}")]
    BadContainer { line: usize, why: String },
}
