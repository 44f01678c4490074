//! Escape analysis: gc's `cmd/compile/internal/escape` over the [`ir`].
//!
//! The package's functions are split into batches bottom-up over the call graph
//! ([`order`]); each batch builds a location graph from its bodies ([`build`], [`call`]),
//! solves it ([`solve`]) and reports verdicts and parameter tags ([`report`]). Diagnostics
//! come out in the order gc prints them: the devirtualization notes gc prints before escape
//! analysis, then batch after batch.

mod batch;
mod build;
mod call;
mod graph;
mod leaks;
mod order;
mod report;
mod solve;
mod statics;

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
    let mut st = batch::State {
        tags: vec![None; pkg.funcs.len()],
        closure_results_lost: vec![false; pkg.funcs.len()],
        diagnostics: pkg
            .pre_escape_notes
            .iter()
            .map(|n| Diagnostic { file: n.file, pos: n.pos, message: n.message.clone(), func: n.func.clone() })
            .collect(),
    };
    for funcs in order::batches(pkg) {
        batch::Batch::new(pkg, &mut st, funcs).run();
    }
    let tags = st
        .tags
        .iter()
        .map(|t| match t {
            Some(t) => FuncTags { recv: t.recv.map(|l| l.to_ir()), params: t.params.iter().map(|l| l.to_ir()).collect() },
            None => FuncTags::default(),
        })
        .collect();
    Analysis { diagnostics: st.diagnostics, tags }
}
