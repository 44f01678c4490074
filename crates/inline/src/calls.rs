//! Which calls are inlined, in gc's order (gc's `interleaved.go`: `inlClosureState`,
//! `TryInlineCall`, `inlCallee`, `canInlineCallExpr`).
//!
//! Functions are visited bottom-up; in each, calls are tried children first (gc wraps every
//! call in a parenthesis node in a post-order walk and edits them in that order), and the calls
//! that inlining brings in are tried in the next round, until nothing changes. A call is
//! inlined when its callee is statically known (a function, a method, a closure literal or a
//! local variable that only ever holds one), is inlinable, fits the caller's budget (20 in a
//! big function; closures twice that, or 800 when called from one place only), and is not
//! already being inlined further up the same chain (recursion is inlined once).

use rustc_hash::FxHashMap as HashMap;

use ir::visit::{each_child_mut, each_stmt_expr_mut};
use ir::{CallKind, Callee, Expr, ExprKind, FuncId, Note, Package, Stmt, StmtKind};

use crate::cost;
use crate::statics::{func_of, Statics};

/// Inlines calls in every function of `order` (gc's batches, bottom-up). With `recursive`
/// (each batch's flag), each batch's inlinability is decided just before its calls are
/// inlined, as gc 1.22 interleaves them (`interleaved.go`); else it was decided for all first.
/// With `inlining` off (`-l`), only devirtualizes: gc's interleaved pass still turns interface
/// calls on a known concrete type into direct calls, and inlines none.
pub(crate) fn inline_calls(
    pkg: &mut Package,
    order: &[Vec<FuncId>],
    recursive: Option<&[bool]>,
    notes: &mut Vec<Note>,
    cache: &crate::Cache,
    inlining: bool,
) {
    // gc inlines from each function's body as it was before any inlining. Only inlinable
    // functions the package refers to, and closures (copied with the bodies around them), are
    // ever copied.
    let referenced = referenced_funcs(pkg);
    let originals: Vec<Option<Vec<Stmt>>> = pkg
        .funcs
        .iter()
        .enumerate()
        .map(|(i, f)| {
            // Undecided yet when batches are decided one by one: any referenced body may be needed.
            let inlinable = f.inl.is_some() || recursive.is_some();
            if f.literal || (inlinable && referenced[i]) {
                f.body.clone()
            } else {
                None
            }
        })
        .collect();
    let first_clone = pkg.funcs.len();
    let mut closure_counts: HashMap<FuncId, u32> = HashMap::default();
    for f in &pkg.funcs {
        if let Some(o) = f.outer {
            *closure_counts.entry(o).or_insert(0) += 1;
        }
    }
    let use_counts = call_site_counts(pkg, cache);
    // A bound on the work for pathological inputs (gc has none; real code stays far below).
    let mut budget: usize = 200_000;
    for (i, batch) in order.iter().enumerate() {
        if let Some(flags) = recursive {
            crate::decide_batch(pkg, batch, flags[i], notes, cache);
        }
        for &f in batch {
            let big = cache.is_big(pkg, f);
            let mut first = true;
            // The top-level statements to visit this round: all at first, then those a call was
            // inlined into or that call through a value or an interface. A direct call that was
            // not inlined stays so (the budget only shrinks), so gc's next round, which retries
            // every call, can change nothing else.
            let mut active: Option<Vec<bool>> = None;
            // For the optimization log every round visits every call: the last round, which
            // inlines nothing, then meets each call gc declines once.
            let log = pkg.log_opts && inlining;
            let mut any_change = false;
            let mut declined = Vec::new();
            loop {
                let Some(mut body) = pkg.funcs[f.0 as usize].body.take() else { break };
                // The cached static values hold until the body's first change.
                let fresh;
                let statics = match cache.statics(f) {
                    Some(s) if first => s,
                    _ => {
                        fresh = Statics::of(pkg, &body);
                        &fresh
                    }
                };
                first = false;
                let mut cx = Cx {
                    pkg,
                    caller: f,
                    big,
                    originals: &originals,
                    use_counts: &use_counts,
                    statics,
                    notes,
                    cache,
                    chain: Vec::new(),
                    changed: false,
                    budget: &mut budget,
                    closure_counts: &mut closure_counts,
                    first_clone,
                    renamed: Vec::new(),
                    consulted: false,
                    inlining,
                    declined: Vec::new(),
                };
                active = Some(cx.top_level(&mut body, active.as_deref()));
                if log {
                    active = None;
                }
                let changed = cx.changed;
                declined = std::mem::take(&mut cx.declined);
                pkg.funcs[f.0 as usize].body = Some(body);
                if !changed {
                    break;
                }
                any_change = true;
            }
            // gc retries every call of a function in each pass over it, and passes again after
            // any pass that inlined something: a declined call is logged once per pass. Its
            // first pass inlines everything it will (calls in inlined bodies included), so that
            // is two passes when anything was inlined, else one.
            if log {
                let passes = if any_change { 2 } else { 1 };
                for _ in 0..passes {
                    pkg.opt_log.extend(declined.iter().cloned());
                }
            }
        }
    }
}

/// The functions some code of the package names (as callee or value) or a devirtualized call
/// may reach: the only ones a call here can inline.
fn referenced_funcs(pkg: &Package) -> Vec<bool> {
    let mut seen = vec![false; pkg.funcs.len()];
    let mut mark = |f: FuncId| {
        if let Some(s) = seen.get_mut(f.0 as usize) {
            *s = true;
        }
    };
    for t in pkg.methods.values() {
        if let Callee::Local(f) = t.callee {
            mark(f);
        }
    }
    for f in &pkg.funcs {
        let Some(body) = &f.body else { continue };
        ir::visit::for_each_expr_in_stmts(body, &mut |e| match &e.kind {
            ExprKind::FuncName { func: Some(g), .. } | ExprKind::MethodExpr { func: Some(g), .. } => mark(*g),
            ExprKind::Call(c) => {
                if let CallKind::Func { callee: Callee::Local(g), .. } = &c.kind {
                    mark(*g);
                }
            }
            ExprKind::MethodValue { callee: Callee::Local(g), .. } => mark(*g),
            _ => {}
        });
    }
    seen
}

struct Cx<'a> {
    pkg: &'a mut Package,
    caller: FuncId,
    big: bool,
    originals: &'a [Option<Vec<Stmt>>],
    use_counts: &'a HashMap<FuncId, u32>,
    statics: &'a Statics,
    notes: &'a mut Vec<Note>,
    cache: &'a crate::Cache,
    /// The functions being inlined around the current node, outermost first.
    chain: Vec<FuncId>,
    changed: bool,
    budget: &'a mut usize,
    /// How many closures each function has, for naming copies.
    closure_counts: &'a mut HashMap<FuncId, u32>,
    /// Printed forms of calls replaced in this statement: (call's text, inlined call's text).
    renamed: Vec<(String, String)>,
    /// Functions from this index on are closures copied by inlining: gc decides their
    /// inlinability (and says so) when a call to one is first considered.
    first_clone: usize,
    /// Whether a call through a function value or an interface was met (its callee may be
    /// known once other calls are inlined).
    consulted: bool,
    /// Calls are inlined (off under `-l`: only devirtualized).
    inlining: bool,
    /// The optimization log's entries for calls declined this round (gc's `cannotInlineCall`).
    declined: Vec<ir::OptLog>,
}

impl Cx<'_> {
    /// Visits the statements of a function body `active` selects (all when `None`); returns,
    /// per statement, whether the next round must visit it again.
    fn top_level(&mut self, body: &mut [Stmt], active: Option<&[bool]>) -> Vec<bool> {
        let mut again = vec![false; body.len()];
        let mut changed_before = self.changed;
        for (i, s) in body.iter_mut().enumerate() {
            if active.is_some_and(|a| !a.get(i).copied().unwrap_or(true)) {
                continue;
            }
            self.changed = false;
            self.consulted = false;
            self.stmt(s);
            again[i] = self.changed || self.consulted;
            changed_before |= self.changed;
        }
        self.changed = changed_before;
        again
    }

    fn stmts(&mut self, l: &mut [Stmt]) {
        for s in l {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &mut Stmt) {
        match &mut s.kind {
            // gc never inlines the call of a `go` or `defer` statement itself.
            StmtKind::Go(e) | StmtKind::Defer(e) => {
                each_child_mut(e, |c| self.expr(c));
                return;
            }
            StmtKind::Select { cases } => {
                for c in cases {
                    if let Some(comm) = &mut c.comm {
                        self.stmt(comm);
                    }
                    self.stmts(&mut c.body);
                }
                return;
            }
            _ => {}
        }
        // Renamings inside a statement concern only its own expressions.
        let base = self.renamed.len();
        each_stmt_expr_mut(s, |e| {
            self.expr(e);
            self.renamed.truncate(base);
        });
        match &mut s.kind {
            StmtKind::Block(b) => self.stmts(b),
            StmtKind::If { then, els, .. } => {
                self.stmts(then);
                self.stmts(els);
            }
            StmtKind::For { post, body, .. } => {
                if let Some(p) = post {
                    self.stmt(p);
                }
                self.stmts(body);
            }
            StmtKind::Range { body, .. } => self.stmts(body),
            StmtKind::Switch { cases, .. } => cases.iter_mut().for_each(|c| self.stmts(&mut c.body)),
            StmtKind::TypeSwitch { cases, .. } => cases.iter_mut().for_each(|c| self.stmts(&mut c.body)),
            _ => {}
        }
    }

    fn expr(&mut self, e: &mut Expr) {
        if let ExprKind::Inlined(ic) = &mut e.kind {
            self.chain.push(ic.func);
            self.stmts(&mut ic.init);
            self.stmts(&mut ic.body);
            self.chain.pop();
            return;
        }
        let mark = self.renamed.len();
        each_child_mut(e, |c| self.expr(c));
        // gc prints an inlined call (`OINLCALL`, which has the lowest precedence) in parentheses
        // where it is an operand of an operator or the base of a selector, index, slice or
        // type assertion: `(~r0) + 7`, `(~r0).f`; not as a call argument or in a string
        // concatenation (`OADDSTR` passes no precedence down).
        for c in operands_printed_with_precedence(self.pkg, e) {
            if let ExprKind::Inlined(ic) = &c.kind {
                if ic.results.len() == 1 {
                    if let Some(entry) = self.renamed[mark..].iter_mut().rev().find(|(_, new)| *new == c.text) {
                        entry.1 = format!("({})", c.text);
                    }
                }
            }
        }
        // A node's printed form embeds its operands': an inlined call below now prints as its
        // result, and so does every enclosing node's text.
        for (old, new) in &self.renamed[mark..] {
            if !old.is_empty() {
                e.text = e.text.replacen(old.as_str(), new, 1);
            }
        }
        if let ExprKind::Call(c) = &e.kind {
            self.consulted |= matches!(c.kind, CallKind::Inter { .. } | CallKind::Func { callee: Callee::Dynamic, .. });
        }
        self.devirtualize(e);
        if let Some(g) = self.target(e) {
            let call = std::mem::replace(e, placeholder());
            let old = call.text.clone();
            // gc 1.26 and older name a function literal the inlined body brings after the
            // inlined calls around it (their names as declared, without the package); newer
            // releases do not need them.
            let inlined_names: Vec<String> = if !self.pkg.rules.inlined_literals_named_by_call_chain {
                Vec::new()
            } else {
                self.chain
                    .iter()
                    .chain([&g])
                    .map(|&f| {
                        let func = self.pkg.func(f);
                        // An imported function, or an instance stenciled here of an imported
                        // generic one (`slices.Backward[go.shape.int]`: a package before the
                        // type arguments), is named without its package.
                        let before_targs = func.name.split('[').next().unwrap_or("");
                        let imported = func.inline_only || (func.shaped && before_targs.contains('.'));
                        match func.name.split_once('.') {
                            Some((_, local)) if imported => local.to_string(),
                            _ => func.name.clone(),
                        }
                    })
                    .collect()
            };
            let (inlined, size) = crate::inlcall::inline_call(
                self.pkg,
                self.caller,
                call,
                g,
                self.originals,
                self.closure_counts,
                &inlined_names,
            );
            *self.budget = self.budget.saturating_sub(size);
            // gc's walk of the caller meets the callee's index expressions again: what it says
            // about them (`index bounds check elided`) it says at the call.
            let repeated: Vec<(FuncId, Note)> = self
                .pkg
                .post_escape_notes
                .iter()
                .filter(|(f, _)| *f == g)
                .map(|(_, n)| {
                    let caller = self.pkg.func(self.caller);
                    (self.caller, Note { file: caller.file, pos: inlined.pos, func: caller.name.clone(), ..n.clone() })
                })
                .collect();
            self.pkg.post_escape_notes.extend(repeated);
            let caller = self.pkg.func(self.caller);
            let callee = self.pkg.func(g);
            self.notes.push(Note {
                file: caller.file,
                pos: inlined.pos,
                message: format!("inlining call to {}", callee.name),
                func: caller.name.clone(),
            });
            self.renamed.push((old, inlined.text.clone()));
            *e = inlined;
            self.changed = true;
        }
    }

    /// gc's `devirtualize.StaticCall`: an interface method call whose receiver is statically a
    /// conversion of a concrete value becomes a call of the concrete method on `x.(T)`.
    fn devirtualize(&mut self, e: &mut Expr) {
        let ExprKind::Call(c) = &e.kind else { return };
        let CallKind::Inter { recv, method } = &c.kind else { return };
        let concrete = if self.pkg.rules.devirtualize_through_assignments {
            self.statics.concrete_type(self.pkg, recv)
        } else {
            self.statics.converted_type(self.pkg, recv)
        };
        let crate::statics::Concrete::Type(concrete) = concrete else { return };
        let Some(target) = self.pkg.methods.get(&(concrete, method.clone())).cloned() else { return };
        let caller = self.pkg.func(self.caller);
        self.notes.push(Note {
            file: caller.file,
            pos: e.pos,
            message: format!("devirtualizing {}.{method} to {}", recv.text, target.shown),
            func: caller.name.clone(),
        });
        let ExprKind::Call(c) = &mut e.kind else { return };
        let call = &mut **c;
        let CallKind::Inter { recv, .. } = std::mem::replace(&mut call.kind, CallKind::Builtin(ir::Builtin::Len))
        else {
            return;
        };
        let pos = recv.pos;
        let text = format!("{}.({})", recv.text, target.shown);
        let mut r = Expr { pos, ty: concrete, kind: ExprKind::DotType { x: recv }, text: text.clone() };
        let info = self.pkg.ty(concrete);
        if !target.wants_ptr && info.kind == ir::TypeKind::Pointer {
            if let Some(elem) = info.elem {
                r = Expr { pos, ty: elem, kind: ExprKind::Deref(Box::new(r)), text };
            }
        }
        let func = match target.callee {
            Callee::Local(f) => Some(f),
            _ => None,
        };
        let fun = Expr {
            pos,
            ty: concrete,
            kind: ExprKind::MethodExpr { name: target.name.clone(), func },
            text: target.name.clone(),
        };
        call.args.insert(0, r);
        call.kind = CallKind::Func { fun: Box::new(fun), callee: target.callee, is_method: true };
    }

    /// The function a call would be inlined from, if gc would inline it.
    fn target(&mut self, e: &Expr) -> Option<FuncId> {
        if *self.budget == 0 || !self.inlining {
            return None;
        }
        let ExprKind::Call(c) = &e.kind else { return None };
        let CallKind::Func { fun, callee, .. } = &c.kind else { return None };
        let g = callee_of(self.pkg, self.statics, self.caller, fun, callee)?;
        // Copies of literals, and the literals of a recursive component gc 1.23 and older do
        // not decide up front, are decided when first called.
        let undecided = g.0 as usize >= self.first_clone || !ir::scc::is_inline_only(self.pkg, g);
        if undecided && !self.pkg.func(g).inl_checked {
            crate::can_inline(self.pkg, g, self.notes, self.cache);
        }
        let gf = self.pkg.func(g);
        let inl = gf.inl?;
        // gc's `inlineCallCheck`: intrinsics are compiled by the backend, not inlined.
        match callee {
            Callee::Extern(x) => {
                if x.name.starts_with(self.pkg.rules.escape_non_string_func)
                    || crate::cost::is_intrinsic(self.pkg, &x.name)
                {
                    return None;
                }
            }
            Callee::Local(f) => {
                if crate::cost::qualified_local_name(self.pkg, *f)
                    .is_some_and(|n| crate::cost::is_intrinsic(self.pkg, &n))
                {
                    return None;
                }
            }
            Callee::Dynamic => {}
        }
        // A closure that inlining copied has one call site: the one in the copy (gc counts call
        // sites as it finds them).
        let once = gf.literal && self.use_counts.get(&g).map_or(g.0 as usize >= self.first_clone, |&c| c == 1);
        if !cost::cost_ok(&self.pkg.rules, gf, inl.cost, self.big, once) {
            if self.pkg.log_opts {
                let max = cost::max_cost(&self.pkg.rules, gf, self.big, once);
                let message = format!("cost {} of {} exceeds max caller cost {max}", inl.cost, self.pkg_func_name(g));
                self.decline(e, message);
            }
            return None;
        }
        if self.chain.contains(&g) {
            if self.pkg.log_opts {
                self.decline_recursive(e, g);
            }
            return None;
        }
        // Up to gc 1.23 a function is never inlined into itself (`canInlineCallExpr`).
        if !self.pkg.rules.recursive_inlinable && g == self.caller {
            return None;
        }
        Some(g)
    }
}

impl Cx<'_> {
    /// Records that gc declines to inline call `e` (`cannotInlineCall`).
    fn decline(&mut self, e: &Expr, message: String) {
        let file = self.pkg.func(self.caller).file;
        self.declined.push(ir::OptLog { code: "cannotInlineCall", file, pos: e.pos, message, related: Vec::new() });
    }

    /// A call of `g`, which is already being inlined around it. gc first compares positions:
    /// when the call is the very call an enclosing inlined call came from (the same call of
    /// `g` in the same body), it is a recursive call and gc logs no detail; otherwise `g` is
    /// an ancestor in the inlining tree, a repeated recursive cycle. Positions inside inlined
    /// bodies are the outermost call's here, so the first case is read off the chain: some
    /// call in the chain was made from the body the current call is in, and called `g`.
    fn decline_recursive(&mut self, e: &Expr, g: FuncId) {
        let here = self.chain.last().copied().unwrap_or(self.caller);
        let same_call = std::iter::once(self.caller)
            .chain(self.chain.iter().copied())
            .zip(self.chain.iter().copied())
            .any(|(from, called)| from == here && called == g);
        let message =
            if same_call { String::new() } else { format!("repeated recursive cycle to {}", self.pkg_func_name(g)) };
        self.decline(e, message);
    }

    /// gc's `ir.PkgFuncName`: the function's name after its package's path.
    fn pkg_func_name(&self, g: FuncId) -> String {
        let func = self.pkg.func(g);
        if func.inline_only {
            // Imported bodies are named with their package already.
            func.name.clone()
        } else {
            format!("{}.{}", self.pkg.path, func.name)
        }
    }
}

/// gc's `inlCallee`: the function a call's callee expression statically is.
pub(crate) fn callee_of(
    pkg: &Package,
    statics: &Statics,
    caller: FuncId,
    fun: &Expr,
    callee: &Callee,
) -> Option<FuncId> {
    match callee {
        Callee::Local(f) => Some(*f),
        Callee::Extern(x) => x.inline,
        Callee::Dynamic => {
            let value = statics.value(fun);
            if let ExprKind::FuncName { func: None, ext: Some(x), .. } = value.kind {
                return pkg.extern_func(x).inline;
            }
            let g = func_of(value)?;
            let gf = pkg.func(g);
            // The inliner does not inline a closure across frames.
            let mut owner = caller;
            while let Some(o) = pkg.func(owner).outer.filter(|_| pkg.func(owner).captures.is_empty()) {
                owner = o;
            }
            // gc asks where the first captured variable's outer copy lives: in the literal's
            // enclosing function, which captures it in turn when it is not its own.
            let foreign = gf
                .captures
                .first()
                .is_some_and(|&v| pkg.var(v).func != caller && pkg.var(v).func != owner && gf.outer != Some(caller));
            (!foreign).then_some(g)
        }
    }
}

/// The function literals the body of `f` calls, in the order the calls appear.
pub(crate) fn closure_callees(pkg: &Package, f: FuncId, cache: &crate::Cache) -> Vec<FuncId> {
    let Some(body) = &pkg.func(f).body else { return Vec::new() };
    let fresh;
    let statics = match cache.statics(f) {
        Some(s) => s,
        None => {
            fresh = Statics::of(pkg, body);
            &fresh
        }
    };
    let mut out = Vec::new();
    ir::visit::for_each_expr_in_stmts(body, &mut |e| {
        if let ExprKind::Call(c) = &e.kind {
            if let CallKind::Func { fun, callee, .. } = &c.kind {
                if let Some(g) = callee_of(pkg, &statics, f, fun, callee) {
                    if pkg.func(g).literal && g != f && !out.contains(&g) {
                        out.push(g);
                    }
                }
            }
        }
    });
    out
}

fn placeholder() -> Expr {
    Expr { pos: ir::Pos::NONE, ty: ir::TypeId(0), kind: ExprKind::Nil, text: String::new() }
}

/// How many call sites in the package resolve to each function literal (gc's `useCounts`, for
/// "closure called once").
fn call_site_counts(pkg: &Package, cache: &crate::Cache) -> HashMap<FuncId, u32> {
    let mut counts = HashMap::default();
    for (i, f) in pkg.funcs.iter().enumerate() {
        if f.inline_only {
            continue;
        }
        let Some(body) = &f.body else { continue };
        let fresh;
        let statics = match cache.statics(FuncId(i as u32)) {
            Some(s) => s,
            None => {
                fresh = Statics::of(pkg, body);
                &fresh
            }
        };
        ir::visit::for_each_expr_in_stmts(body, &mut |e| {
            if let ExprKind::Call(c) = &e.kind {
                if let CallKind::Func { fun, callee, .. } = &c.kind {
                    if let Some(g) = callee_of(pkg, statics, FuncId(i as u32), fun, callee) {
                        if pkg.func(g).literal {
                            *counts.entry(g).or_insert(0) += 1;
                        }
                    }
                }
            }
        });
    }
    counts
}

/// The operands of `e` that gc's `exprFmt` prints with a precedence above the lowest.
fn operands_printed_with_precedence<'e>(pkg: &Package, e: &'e Expr) -> Vec<&'e Expr> {
    match &e.kind {
        // A string `+` is gc's `OADDSTR`, whose operands are printed without precedence.
        ExprKind::Binary { op: "+", .. } if pkg.ty(e.ty).kind == ir::TypeKind::String => Vec::new(),
        ExprKind::Binary { x, y, .. } => vec![x, y],
        ExprKind::Unary { x, .. }
        | ExprKind::Deref(x)
        | ExprKind::Dot { x, .. }
        | ExprKind::DotPtr { x, .. }
        | ExprKind::DotType { x }
        | ExprKind::Index { x, .. }
        | ExprKind::IndexMap { x, .. }
        | ExprKind::Slice { x, .. } => vec![x],
        _ => Vec::new(),
    }
}
