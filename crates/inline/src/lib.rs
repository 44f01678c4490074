//! The inliner: gc's `cmd/compile/internal/inline` over the [`ir`], run before escape analysis
//! exactly where gc runs it (`interleaved.DevirtualizeAndInlinePackage`).
//!
//! Two steps, as in gc:
//!
//! 1. [`cost`]: bottom-up over the call graph ([`ir::scc::batches`]), each function gets gc's
//!    verdict: inlinable with a cost (`can inline F`), or not (too hairy or too expensive).
//!    Imported functions come with their cost already (from the facts or from analyzing the
//!    dependency), and with their body lowered into this package as an inline-only function.
//! 2. [`calls`]: again bottom-up, each function's calls are inlined to a fixed point (calls in
//!    the bodies just inlined are considered in the next round), each replaced by an
//!    [`ir::InlinedCall`] built by [`inlcall`] (`inlining call to F`).
//!
//! Then [`deadlocals`] removes assignments to locals nothing reads any more (a closure only
//! called, and that call inlined), as gc's `deadlocals` pass does before escape analysis.
//!
//! What gc prints goes to [`ir::Package::pre_escape_notes`], before the devirtualization notes
//! lowering put there: gc prints `can inline` lines first, then, function by function, the
//! `inlining call to` lines.

pub mod calls;
pub mod cost;
mod deadlocals;
mod inlcall;
mod intrinsics;
mod statics;

use ir::{Expr, FuncId, Note, Package};

/// Runs gc's inliner on `pkg` (its functions' bodies are rewritten in place) and returns the
/// notes gc prints for it, in gc's order.
pub fn inline_package(pkg: &mut Package) -> Vec<Note> {
    let marked = ir::scc::batches_marked(pkg);
    let mut notes = Vec::new();
    let cache = Cache::of(pkg);
    let order: Vec<Vec<FuncId>> = marked.iter().map(|(b, _)| b.clone()).collect();
    if pkg.rules.can_inline_all_first {
        for (batch, recursive) in &marked {
            decide_batch(pkg, batch, *recursive, &mut notes, &cache);
        }
        calls::inline_calls(pkg, &order, None, &mut notes, &cache, true);
    } else {
        let recursive: Vec<bool> = marked.iter().map(|&(_, r)| r).collect();
        calls::inline_calls(pkg, &order, Some(&recursive), &mut notes, &cache, true);
    }
    static_inlined_inits(pkg);
    if pkg.rules.dead_locals {
        deadlocals::run(pkg, &order);
    }
    notes
}

/// gc's interleaved pass with inlining off (`-l`): interface calls whose receiver holds one
/// concrete type are devirtualized, nothing is inlined. Returns the `devirtualizing` notes.
pub fn devirtualize_package(pkg: &mut Package) -> Vec<Note> {
    let order = ir::scc::batches(pkg);
    let mut notes = Vec::new();
    let cache = Cache::of(pkg);
    calls::inline_calls(pkg, &order, None, &mut notes, &cache, false);
    // gc removes dead locals with inlining off too.
    if pkg.rules.dead_locals {
        deadlocals::run(pkg, &order);
    }
    notes
}

/// gc's `staticinit` lays out a package-level variable initialized by an inlined call whose
/// body only returns a literal of its arguments (`var ErrX = errors.New("x")`) statically
/// (`staticAssignInlinedCall`): nothing of it is reported in `init`. The arguments must be free
/// of side effects; those modelled are constants and package-level variables
/// (`p = dll.NewProc("F")` returning `&LazyProc{l: d, Name: name}` with `d` the global `dll`),
/// which can be repeated. A global that cannot be copied statically is stored into its field
/// at run time, which allocates nothing and is not reported either.
fn static_inlined_inits(pkg: &mut Package) {
    use ir::{ExprKind as K, StmtKind as S};
    for i in 0..pkg.funcs.len() {
        let f = &pkg.funcs[i];
        if !f.is_package_init() {
            continue;
        }
        let Some(body) = &mut pkg.funcs[i].body else { continue };
        body.retain(|s| {
            let S::Assign { dst, src, .. } = &s.kind else { return true };
            let ([Some(d)], [Some(e)]) = (dst.as_slice(), src.as_slice()) else { return true };
            let (K::Global(_), K::Inlined(ic)) = (&d.kind, &e.kind) else { return true };
            !static_inlined_call(ic)
        });
    }

    fn static_inlined_call(ic: &ir::InlinedCall) -> bool {
        // Parameters assigned constants only.
        let mut consts = Vec::new();
        for s in &ic.init {
            match &s.kind {
                S::Decl(_) => {}
                S::Assign { dst, src, .. } => {
                    for (d, e) in dst.iter().zip(src) {
                        let constant =
                            e.as_ref().is_some_and(|e| matches!(e.kind, K::Const(_) | K::Nil | K::Global(_)));
                        match (d, constant) {
                            (Some(Expr { kind: K::Var(v), .. }), true) => consts.push(*v),
                            (None, true) => {}
                            _ => return false,
                        }
                    }
                }
                _ => return false,
            }
        }
        let mut returned = None;
        for s in &ic.body {
            match &s.kind {
                S::Label { .. } | S::Jump => {}
                S::Block(b) => {
                    for s in b {
                        match &s.kind {
                            S::Decl(_) | S::Jump => {}
                            S::Assign { src, .. } if src.len() == 1 && returned.is_none() => returned = src[0].clone(),
                            _ => return false,
                        }
                    }
                }
                _ => return false,
            }
        }
        fn literal(e: &Expr, consts: &[ir::VarId]) -> bool {
            match &e.kind {
                K::Const(_) | K::Nil | K::Global(_) => true,
                K::Var(v) => consts.contains(v),
                K::PtrLit(x) => literal(x, consts),
                K::StructLit(xs) | K::ArrayLit(xs) => xs.iter().all(|x| literal(x, consts)),
                K::Conv(x) | K::ConvIface { x, .. } => literal(x, consts),
                _ => false,
            }
        }
        returned.is_some_and(|e| literal(&e, &consts))
    }
}

/// gc's `CanInlineSCC`: decides whether each function of a batch is inlinable.
pub(crate) fn decide_batch(pkg: &mut Package, batch: &[FuncId], recursive: bool, notes: &mut Vec<Note>, cache: &Cache) {
    // Up to gc 1.23 (`CanInlineFuncs`), a recursive component with one function that is not a
    // literal is not inlinable at all; its literals are still decided when a call to them is
    // tried.
    if recursive && !pkg.rules.recursive_inlinable && batch.iter().filter(|&&f| !pkg.func(f).literal).count() <= 1 {
        return;
    }
    for &f in batch {
        can_inline(pkg, f, notes, cache);
    }
}

/// What every pass over the package's bodies before inlining needs of each function, computed
/// once: its static values and whether it is big. Functions inlining creates are not in it.
pub(crate) struct Cache {
    statics: Vec<Option<statics::Statics>>,
    big: Vec<bool>,
}

impl Cache {
    fn of(pkg: &Package) -> Cache {
        let statics = pkg
            .funcs
            .iter()
            .map(|f| match &f.body {
                Some(b) if !f.inline_only => Some(statics::Statics::of(pkg, b)),
                _ => None,
            })
            .collect();
        let big = (0..pkg.funcs.len()).map(|i| cost::is_big(pkg, FuncId(i as u32))).collect();
        Cache { statics, big }
    }

    /// The static values of `f`'s body as it was before inlining, if cached.
    pub(crate) fn statics(&self, f: FuncId) -> Option<&statics::Statics> {
        self.statics.get(f.0 as usize).and_then(|s| s.as_ref())
    }

    /// gc's `IsBigFunc` of `f` before inlining.
    pub(crate) fn is_big(&self, pkg: &Package, f: FuncId) -> bool {
        match self.big.get(f.0 as usize) {
            Some(&b) => b,
            None => cost::is_big(pkg, f),
        }
    }
}

/// gc's `CanInline`: decides whether `f` is inlinable, sets its [`ir::Func::inl`] and says
/// `can inline F` when it is.
fn can_inline(pkg: &mut Package, f: FuncId, notes: &mut Vec<Note>, cache: &Cache) {
    if pkg.func(f).inl_checked {
        return;
    }
    pkg.funcs[f.0 as usize].inl_checked = true;
    let func = pkg.func(f);
    // Method wrappers and the package's generated `init` are not candidates; go/defer
    // wrappers are, like any function literal.
    let generated_init = func.outer.is_none() && func.pos == ir::Pos::NONE;
    // gc 1.21 makes go/defer wrappers after inlining.
    let late_wrapper = func.go_defer_wrapper && pkg.rules.go_defer_wrapped_in_escape;
    if func.file == ir::AUTOGENERATED_FILE || generated_init || late_wrapper || func.inl.is_some() {
        return;
    }
    if let Some(reason) = cost::inline_impossible(func) {
        log_decision(pkg, f, "cannotInlineFunction", reason.to_string());
        return;
    }
    // The hairy visitor resolves a call of a function literal by deciding that literal first
    // (gc's `inlCallee` calls `CanInline` on it), so it is decided, and said, before `f`.
    for g in calls::closure_callees(pkg, f, cache) {
        can_inline(pkg, g, notes, cache);
    }
    let budget = cost::budget(&pkg.rules, pkg.func(f));
    let big = cache.is_big(pkg, f);
    let hairiness = cost::hairiness(pkg, f, big, cache.statics(f));
    static DUMP: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *DUMP.get_or_init(|| std::env::var_os("GOESCAPE_DUMP_INL").is_some()) {
        // A developer aid for comparing costs with gc's `-m=2` (`can inline F with cost N`).
        let func = pkg.func(f);
        let (line, col) = (func.decl_pos.line, func.decl_pos.col);
        eprintln!("goescape-inl\t{}\t{line}:{col}\t{}\t{hairiness:?}", pkg.path, func.name);
    }
    let c = match hairiness {
        cost::Hairiness::Cost(c) if c <= budget => c,
        cost::Hairiness::Cost(c) => {
            let reason = format!("function too complex: cost {c} exceeds budget {budget}");
            log_decision(pkg, f, "cannotInlineFunction", reason);
            return;
        }
        cost::Hairiness::Hairy(reason) => {
            log_decision(pkg, f, "cannotInlineFunction", reason);
            return;
        }
    };
    log_decision(pkg, f, "canInlineFunction", format!("cost: {c}"));
    let delay = cost::can_delay_results(pkg, f);
    let func = &mut pkg.funcs[f.0 as usize];
    func.inl = Some(ir::Inline { cost: c, can_delay_results: delay });
    notes.push(Note {
        file: func.file,
        pos: func.decl_pos,
        message: format!("can inline {}", func.name),
        func: func.name.clone(),
    });
}

/// Records gc's optimization-log entry for the decision about `f` (at its declaration, as gc's
/// `can inline` line), when the log is kept.
fn log_decision(pkg: &mut Package, f: FuncId, code: &'static str, message: String) {
    if pkg.log_opts {
        let func = pkg.func(f);
        let entry = ir::OptLog { code, file: func.file, pos: func.decl_pos, message, related: Vec::new() };
        pkg.opt_log.push(entry);
    }
}

/// Sets up an imported function's inline-only body (its `inl` came from the facts): only
/// whether inlined calls may delay declaring its results is left to compute.
pub fn prepare_inline_only(pkg: &mut Package) {
    for i in 0..pkg.funcs.len() {
        let f = FuncId(i as u32);
        if pkg.func(f).inline_only {
            let delay = cost::can_delay_results(pkg, f);
            if let Some(inl) = &mut pkg.funcs[i].inl {
                inl.can_delay_results = delay;
            }
        }
    }
}
