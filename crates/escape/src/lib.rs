//! Escape analysis: gc's `cmd/compile/internal/escape` over the [`ir`]. (Engine to be written.)

use ir::{Leaks, Pos};

/// One verdict, as gc prints it (without the path).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// File index within the package.
    pub file: u32,
    pub pos: Pos,
    pub message: String,
    /// The function the verdict is about (gc's name, e.g. `f`, `(*T).M`, `f.func1`).
    pub func: String,
}

/// The tags of one function: what importers and callers in later batches see.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FuncTags {
    pub recv: Option<Leaks>,
    pub params: Vec<Leaks>,
}

/// The result of analyzing one package.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// In gc's emission order.
    pub diagnostics: Vec<Diagnostic>,
    /// Indexed by [`ir::FuncId`].
    pub tags: Vec<FuncTags>,
}

/// Analyzes every function of `pkg`, bottom-up over the call graph's strongly connected components.
pub fn analyze(pkg: &ir::Package) -> Analysis {
    Analysis { diagnostics: Vec::new(), tags: vec![FuncTags::default(); pkg.funcs.len()] }
}
