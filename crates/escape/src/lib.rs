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
mod dot;
mod explain;
mod graph;
mod hints;
mod leaks;
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
    /// For a `-m=2` explanation's `from` line: the position of the node it names, which gc
    /// prints after the message (` at ./a.go:6:9`) as it prints positions.
    pub at: Option<(u32, Pos)>,
    /// A `-m=2` explanation line, which gc prints with its position even when it has none
    /// (`<unknown line number>`), where its verdicts without a position print bare.
    pub explanation: bool,
    /// The line that opens an explanation (`x escapes to heap in f:`, `parameter p leaks to
    /// {heap} for f with derefs=0:`): the explanation lines right after it, up to the next line
    /// that opens one, are the path it names, and the verdict about the same location (`moved
    /// to heap: x`, `leaking param: p`) is at its position.
    pub opens_explanation: bool,
}

impl Diagnostic {
    /// A note of the lowering or inliner (`devirtualizing ...`, `index bounds check elided`).
    fn of_note(n: &ir::Note) -> Diagnostic {
        Diagnostic {
            file: n.file,
            pos: n.pos,
            message: n.message.clone(),
            func: n.func.clone(),
            at: None,
            explanation: false,
            opens_explanation: false,
        }
    }
}

/// The tags of one function: what importers and callers in later batches see.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FuncTags {
    pub recv: Option<Leaks>,
    pub params: Vec<Leaks>,
}

/// Why a location is on the heap, in plain words, with the change that usually keeps it on the
/// stack (`goescape --explain`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    /// Where the location is (its `moved to heap` / `escapes to heap` verdict's position).
    pub file: u32,
    pub pos: Pos,
    /// The location as gc names it (`x`, `&T{...}`).
    pub subject: String,
    pub text: String,
}

/// What to produce besides gc's `-m` lines.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// gc's `-m=2` explanations among the diagnostics: why each location escapes and each
    /// parameter leaks, and how closures capture variables.
    pub explain: bool,
    /// Why each location on the heap is there, in plain words ([`Analysis::hints`], read off
    /// the paths `-m=2` explains), without `-m=2`'s lines unless [`Config::explain`] asks.
    pub hints: bool,
    /// gc's optimization log (`-json=0,DIR`): its escape and leak entries, with the flows
    /// that explain them, in [`Analysis::opt_log`].
    pub log_opts: bool,
    /// The functions (gc's names: `f`, `(*T).M`, `f.func1`) whose location graphs to draw as
    /// Graphviz DOT, in [`Analysis::graphs`].
    pub graphs: Vec<String>,
}

/// The result of analyzing one package.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// In gc's emission order.
    pub diagnostics: Vec<Diagnostic>,
    /// The location graphs [`Config::graphs`] asked for: (function, DOT text), in the order
    /// the functions were analyzed.
    pub graphs: Vec<(String, String)>,
    /// With [`Config::hints`]: why each location on the heap is there, in plain words.
    pub hints: Vec<Hint>,
    /// Indexed by [`ir::FuncId`].
    pub tags: Vec<FuncTags>,
    /// With [`Config::log_opts`]: escape analysis's entries of gc's optimization log, in the
    /// order gc logs them.
    pub opt_log: Vec<ir::OptLog>,
}

/// Analyzes every function of `pkg`, bottom-up over the call graph's strongly connected components.
pub fn analyze(pkg: &ir::Package) -> Analysis {
    analyze_with(pkg, &Config::default())
}

/// [`analyze`], with what `config` asks for besides.
pub fn analyze_with(pkg: &ir::Package, config: &Config) -> Analysis {
    let mut st = batch::State {
        explain: config.explain,
        find_hints: config.hints,
        log_opts: config.log_opts,
        opt_log: Vec::new(),
        graphs_wanted: config.graphs.clone(),
        graphs: Vec::new(),
        hints: Vec::new(),
        tags: vec![None; pkg.funcs.len()],
        closure_results_lost: vec![false; pkg.funcs.len()],
        closure_called: vec![false; pkg.funcs.len()],
        vars_of: {
            let mut v = vec![Vec::new(); pkg.funcs.len()];
            for (i, var) in pkg.vars.iter().enumerate() {
                if let Some(list) = v.get_mut(var.func.0 as usize) {
                    list.push(ir::VarId(i as u32));
                }
            }
            v
        },
        diagnostics: pkg.pre_escape_notes.iter().map(Diagnostic::of_note).collect(),
    };
    let dump = std::env::var_os("GOESCAPE_DUMP_BATCHES").is_some();
    for funcs in ir::scc::batches(pkg) {
        if dump {
            let names: Vec<String> = funcs.iter().map(|f| format!("{}#{}", pkg.func(*f).name, f.0)).collect();
            eprintln!("batch: {}", names.join(", "));
        }
        batch::Batch::new(pkg, &mut st, funcs).run();
    }
    st.diagnostics.extend(walk_notes(pkg));
    let tags = st
        .tags
        .iter()
        .map(|t| match t {
            Some(t) => {
                FuncTags { recv: t.recv.map(|l| l.to_ir()), params: t.params.iter().map(|l| l.to_ir()).collect() }
            }
            None => FuncTags::default(),
        })
        .collect();
    Analysis { diagnostics: st.diagnostics, graphs: st.graphs, hints: st.hints, tags, opt_log: st.opt_log }
}

/// The walk pass's notes, in the order gc walks functions after escape analysis: declarations
/// in order, each followed by its closures, which gc takes from a stack (so the last closure
/// first, each with its own closures right after it).
fn walk_notes(pkg: &ir::Package) -> Vec<Diagnostic> {
    if pkg.post_escape_notes.is_empty() {
        return Vec::new();
    }
    let mut closures: Vec<Vec<ir::FuncId>> = vec![Vec::new(); pkg.funcs.len()];
    for (i, f) in pkg.funcs.iter().enumerate() {
        if let Some(o) = f.outer {
            closures[o.0 as usize].push(ir::FuncId(i as u32));
        }
    }
    let mut rank = vec![usize::MAX; pkg.funcs.len()];
    let mut next = 0;
    for (i, f) in pkg.funcs.iter().enumerate() {
        if f.outer.is_some() {
            continue;
        }
        let mut todo = vec![ir::FuncId(i as u32)];
        while let Some(fid) = todo.pop() {
            rank[fid.0 as usize] = next;
            next += 1;
            todo.extend(closures[fid.0 as usize].iter().copied());
        }
    }
    // Inline-only bodies are not compiled here: their notes are printed where they are inlined.
    let mut notes: Vec<&(ir::FuncId, ir::Note)> =
        pkg.post_escape_notes.iter().filter(|(f, _)| !ir::scc::is_inline_only(pkg, *f)).collect();
    notes.sort_by_key(|(f, _)| rank.get(f.0 as usize).copied().unwrap_or(usize::MAX));
    notes.into_iter().map(|(_, n)| Diagnostic::of_note(n)).collect()
}
