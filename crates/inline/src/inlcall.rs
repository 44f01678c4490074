//! The IR of an inlined call (gc's `unifiedInlineCall` and `inlReturn`, `noder/reader.go`).
//!
//! The callee's body is copied with fresh variables owned by the caller: its parameters become
//! locals assigned from the arguments in one `OAS2` (declared first), its results `~r0`...
//! locals too, each `return` an assignment of the results and a jump to the end label.
//! Results are declared and zeroed before the body unless gc can delay them (one `return`,
//! unnamed results), in which case the `return` declares them. Every position in the copy is
//! the call's: gc prints the outermost position of inlined code. Function literals in the body
//! become new closures of the caller, keeping their names (`mk.func1`).

use rustc_hash::FxHashMap as HashMap;

use ir::{
    AssignKind, CallKind, Expr, ExprKind, FuncId, InlinedCall, Lhs, Package, Pos, Stmt, StmtKind, VarClass, VarId,
};

/// Inlines `g` at `call` (a call of `g` in `caller`); returns the expression replacing the call,
/// and how many statements it copied. `originals` holds every function's body before inlining.
pub(crate) fn inline_call(
    pkg: &mut Package,
    caller: FuncId,
    call: Expr,
    g: FuncId,
    originals: &[Option<Vec<Stmt>>],
    closure_counts: &mut HashMap<FuncId, u32>,
    inlined_names: &[String],
) -> (Expr, usize) {
    let pos = call.pos;
    let (ty, text_fallback) = (call.ty, call.text.clone());
    let ExprKind::Call(c) = call.kind else { unreachable!("inline_call on a non-call") };
    let c = *c;
    let gf = pkg.func(g);
    let delay = gf.inl.is_some_and(|i| i.can_delay_results);
    // The callee's signature (not its body: that is copied statement by statement below).
    let params: Vec<Option<VarId>> = gf.recv.iter().chain(&gf.params).map(|p| p.var).collect();
    let (callee_results, callee_name) = (gf.results.clone(), gf.name.clone());
    let mut cl = Cloner {
        pkg,
        owner: caller,
        pos,
        vars: HashMap::default(),
        size: 0,
        originals,
        copying: vec![(g, caller)],
        in_closure: false,
        closure_counts,
        inlined_names,
    };

    // gc's `CalleeEffects`: what evaluating the callee expression did stays, before the
    // parameters (an inlined call that produced the function value keeps its body).
    let mut init = Vec::new();
    if let CallKind::Func { fun, .. } = c.kind {
        if let ExprKind::Inlined(f) = fun.kind {
            let f = *f;
            init.extend(f.init);
            init.extend(f.body);
        }
    }
    let inlvars: Vec<Option<VarId>> = params.iter().map(|p| p.map(|v| cl.local(v))).collect();
    for v in inlvars.iter().flatten() {
        init.push(Stmt { pos, kind: StmtKind::Decl(*v) });
    }
    let dst: Vec<Lhs> = inlvars.iter().map(|v| v.map(|v| cl.var_expr(v))).collect();
    let src: Vec<Option<Expr>> = c.args.into_iter().map(Some).collect();
    if !src.is_empty() || !inlvars.is_empty() {
        let display = ir::assign_display(&dst, &src, true);
        init.push(Stmt { pos, kind: StmtKind::Assign { dst, src, kind: AssignKind::Pair, define: true, display } });
    }
    let results: Vec<VarId> = callee_results.iter().map(|&r| cl.local(r)).collect();
    if !delay {
        for &r in &results {
            init.push(Stmt { pos, kind: StmtKind::Decl(r) });
            let dst = vec![Some(cl.var_expr(r))];
            init.push(Stmt {
                pos,
                kind: StmtKind::Assign {
                    dst,
                    src: vec![None],
                    kind: AssignKind::Plain,
                    define: false,
                    display: String::new(),
                },
            });
        }
    }
    let mut body = cl.copy_body(g);
    rewrite_returns(&mut body, &results, delay, &mut cl);
    body.push(Stmt { pos, kind: StmtKind::Label { name: ".i".into(), looping: false } });
    let size = cl.size;

    let text = match results.as_slice() {
        [r] => cl.pkg.var(*r).name.clone(),
        [] => text_fallback,
        rs => format!("(.[{}])", rs.iter().map(|r| cl.pkg.var(*r).name.clone()).collect::<Vec<_>>().join(" ")),
    };
    let ic = InlinedCall { callee: callee_name, func: g, init, body, results };
    (Expr { pos, ty, kind: ExprKind::Inlined(Box::new(ic)), text }, size)
}

/// The body `f` had before inlining began, when it was kept; `None` for a closure that
/// inlining itself copied (it has not changed since it was made) or a function nothing
/// referred to: then its current body, which the caller clones.
fn original_body(originals: &[Option<Vec<Stmt>>], f: FuncId) -> Option<&[Stmt]> {
    originals.get(f.0 as usize).and_then(|b| b.as_deref())
}

/// Replaces each `return` of the copied body (closures excluded) by the results' assignment
/// and a jump to the end (gc's `inlReturn`).
fn rewrite_returns(stmts: &mut [Stmt], results: &[VarId], delay: bool, cl: &mut Cloner) {
    ir::visit::for_each_stmt_mut(stmts, &mut |s| {
        let StmtKind::Return(rs) = &mut s.kind else { return };
        let rs = std::mem::take(rs);
        let pos = s.pos;
        let mut block = Vec::new();
        if !rs.is_empty() {
            if delay {
                block.extend(results.iter().map(|&r| Stmt { pos, kind: StmtKind::Decl(r) }));
            }
            let dst: Vec<Lhs> = results.iter().map(|&r| Some(cl.var_expr(r))).collect();
            if rs.len() == 1 && results.len() > 1 {
                let call = rs.into_iter().next().expect("one result");
                block.push(Stmt { pos, kind: StmtKind::AssignCall { dst, call, define: delay } });
            } else {
                let src: Vec<Option<Expr>> = rs.into_iter().map(Some).collect();
                // gc's result assignment never defines, even when it declares the results.
                let display = ir::assign_display(&dst, &src, false);
                block.push(Stmt {
                    pos,
                    kind: StmtKind::Assign { dst, src, kind: AssignKind::Pair, define: delay, display },
                });
            }
        }
        block.push(Stmt { pos, kind: StmtKind::Jump });
        s.kind = StmtKind::Block(block);
    });
}

/// Copies IR from a callee into the caller.
struct Cloner<'a> {
    pkg: &'a mut Package,
    /// The function the copied variables belong to.
    owner: FuncId,
    pos: Pos,
    vars: HashMap<VarId, VarId>,
    size: usize,
    originals: &'a [Option<Vec<Stmt>>],
    /// The functions whose variables are being copied (the callee, and closures of it being
    /// copied), each with the function their copies belong to.
    copying: Vec<(FuncId, FuncId)>,
    /// Copying a function literal's body: that stays a function of its own, whose positions
    /// gc keeps (only code inlined into the caller prints at the call).
    in_closure: bool,
    /// How many closures each function has (functions with `outer` set to it).
    closure_counts: &'a mut HashMap<FuncId, u32>,
    /// The inlined calls around the copy, outermost first, the callee last, as gc 1.26 and
    /// older name them in a copied literal's name.
    inlined_names: &'a [String],
}

impl Cloner<'_> {
    /// The caller's copy of a callee variable (made on first use); variables of enclosing
    /// frames, which a closure being inlined captures, stay themselves.
    fn var(&mut self, v: VarId) -> VarId {
        if let Some(&n) = self.vars.get(&v) {
            return n;
        }
        v
    }

    fn new_var(&mut self, v: VarId) -> VarId {
        let of = self.pkg.var(v).func;
        let owner = self.copying.iter().rev().find(|(f, _)| *f == of).map_or(self.owner, |&(_, o)| o);
        let mut var = self.pkg.var(v).clone();
        if !self.in_closure {
            var.pos = self.pos;
        }
        var.func = owner;
        // The inlined function's parameters and results become the caller's locals; a copied
        // closure's stay its own parameters and results.
        let inlined_fn = self.copying.first().map(|&(g, _)| g);
        if inlined_fn == Some(of) {
            // gc 1.21 names an unnamed or blank result of an inlined call `~R0`, not `~r0`.
            if var.class == VarClass::Result && self.pkg.rules.inlined_results_named_upper {
                if let Some(i) = var.name.strip_prefix("~r") {
                    var.name = format!("~R{i}");
                }
            }
            var.class = VarClass::Local;
        }
        let n = VarId(self.pkg.vars.len() as u32);
        self.pkg.vars.push(var);
        self.vars.insert(v, n);
        n
    }

    fn var_expr(&self, v: VarId) -> Expr {
        let var = self.pkg.var(v);
        Expr { pos: self.pos, ty: var.ty, kind: ExprKind::Var(v), text: var.name.clone() }
    }

    /// A copy of `f`'s body as it was before inlining began.
    fn copy_body(&mut self, f: FuncId) -> Vec<Stmt> {
        if let Some(b) = original_body(self.originals, f) {
            return self.stmts(b);
        }
        // Its current body, lent out of the package while it is copied (copying reads only
        // other functions').
        let body = self.pkg.funcs[f.0 as usize].body.take().unwrap_or_default();
        let copy = self.stmts(&body);
        self.pkg.funcs[f.0 as usize].body = Some(body);
        copy
    }

    fn stmts(&mut self, l: &[Stmt]) -> Vec<Stmt> {
        l.iter().map(|s| self.stmt(s)).collect()
    }

    fn stmt(&mut self, s: &Stmt) -> Stmt {
        self.size += 1;
        let mut s = s.clone();
        if !self.in_closure {
            s.pos = self.pos;
        }
        self.fix_stmt(&mut s);
        s
    }

    /// Renames variables, moves positions and copies closures in a cloned statement.
    fn fix_stmt(&mut self, s: &mut Stmt) {
        if !self.in_closure {
            s.pos = self.pos;
        }
        match &mut s.kind {
            StmtKind::Decl(v) => *v = self.local(*v),
            StmtKind::TypeSwitch { cases, .. } => {
                for c in cases.iter_mut() {
                    if let Some(v) = &mut c.var {
                        *v = self.local(*v);
                    }
                }
            }
            _ => {}
        }
        ir::visit::each_stmt_expr_mut(s, |e| self.fix_expr(e));
        match &mut s.kind {
            StmtKind::Block(b) => b.iter_mut().for_each(|s| self.fix_stmt(s)),
            StmtKind::If { then, els, .. } => then.iter_mut().chain(els.iter_mut()).for_each(|s| self.fix_stmt(s)),
            StmtKind::For { post, body, .. } => {
                if let Some(p) = post {
                    self.fix_stmt(p);
                }
                body.iter_mut().for_each(|s| self.fix_stmt(s));
            }
            StmtKind::Range { body, .. } => body.iter_mut().for_each(|s| self.fix_stmt(s)),
            StmtKind::Switch { cases, .. } => {
                cases.iter_mut().flat_map(|c| c.body.iter_mut()).for_each(|s| self.fix_stmt(s))
            }
            StmtKind::TypeSwitch { cases, .. } => {
                cases.iter_mut().flat_map(|c| c.body.iter_mut()).for_each(|s| self.fix_stmt(s))
            }
            StmtKind::Select { cases } => {
                for c in cases {
                    if let Some(comm) = &mut c.comm {
                        self.fix_stmt(comm);
                    }
                    c.body.iter_mut().for_each(|s| self.fix_stmt(s));
                }
            }
            _ => {}
        }
    }

    /// A variable of the function being copied: its copy, made on first sight.
    fn local(&mut self, v: VarId) -> VarId {
        if let Some(&n) = self.vars.get(&v) {
            return n;
        }
        self.new_var(v)
    }

    fn fix_expr(&mut self, e: &mut Expr) {
        if !self.in_closure {
            e.pos = self.pos;
        }
        match &mut e.kind {
            ExprKind::Var(v) => {
                if let Some(&n) = self.vars.get(v) {
                    *v = n;
                } else if self.is_callee_var(*v) {
                    *v = self.local(*v);
                }
            }
            ExprKind::Closure(h) => *h = self.closure(*h),
            ExprKind::Inlined(ic) => {
                ic.init.iter_mut().chain(ic.body.iter_mut()).for_each(|s| self.fix_stmt(s));
                for r in ic.results.iter_mut() {
                    *r = self.local(*r);
                }
            }
            _ => {}
        }
        ir::visit::each_child_mut(e, |c| self.fix_expr(c));
    }

    /// Whether `v` belongs to a function being copied (rather than to an enclosing frame).
    fn is_callee_var(&self, v: VarId) -> bool {
        let of = self.pkg.var(v).func;
        self.copying.iter().any(|(f, _)| *f == of)
    }

    /// The function whose name and counters a closure made in `f` takes: `f`, or with gc
    /// 1.26's rules, for a range-over-func body, the function its loop is in.
    fn namer(&self, f: FuncId) -> FuncId {
        match self.pkg.func(f).range_parent {
            Some(parent) if self.pkg.rules.range_bodies_named_in_range_parent => parent,
            _ => f,
        }
    }

    /// Copies the function literal `h` of the callee as a closure of the owner.
    fn closure(&mut self, h: FuncId) -> FuncId {
        // Its signature and names; the body is copied statement by statement below.
        let body = self.pkg.funcs[h.0 as usize].body.take();
        let mut f = self.pkg.func(h).clone();
        self.pkg.funcs[h.0 as usize].body = body;
        let new_id = FuncId(self.pkg.funcs.len() as u32);
        f.outer = Some(self.owner);
        f.inline_only = false;
        f.inl = None;
        f.inl_checked = false;
        f.body = None;
        // gc's `closureName`: a literal of the inlined function is named after that function
        // (`mk.func1`), one nested in a copied literal after the copy (`mk.func1.1`); the
        // number follows `.func` inside a function, `.` inside a closure.
        let suffix = if self.pkg.func(self.owner).outer.is_some() { "." } else { ".func" };
        let count = self.closure_counts.entry(self.owner).or_insert(0);
        *count += 1;
        let n = *count;
        if self.copying.len() > 1 {
            let outer = &self.pkg.func(self.owner).name;
            f.name = format!("{outer}{suffix}{n}");
        } else if self.pkg.rules.inlined_literals_named_by_call_chain && !f.wrapper {
            // gc 1.26's `closureName`: the function the copy lands in (for a range-over-func
            // body, the function its loop is in), joined with the inlined calls around its
            // position, then the next number of that function's function literals, or of its
            // loop bodies for a copied loop body (each kind has its own counter):
            // `hasAttr.func1.hasKey.1`, `Call.mk.func1`, `Event.String.printStack-range1`.
            let is_range = f.range_parent.is_some();
            let namer = self.namer(self.owner);
            let made = self
                .pkg
                .funcs
                .iter()
                .filter(|g| {
                    g.outer.is_some_and(|o| self.namer(o) == namer)
                        && !g.wrapper
                        && g.range_parent.is_some() == is_range
                })
                .count();
            let outer = &self.pkg.func(namer).name;
            // gc 1.21 numbers the copy `.funcN` even when it lands in a closure.
            let in_closure = self.pkg.func(namer).outer.is_some() && !self.pkg.rules.inlined_literals_func_in_closures;
            let suffix = match (is_range, in_closure) {
                (true, _) => "-range",
                (false, true) => ".",
                (false, false) => ".func",
            };
            f.name = format!("{outer}.{}{suffix}{}", self.inlined_names.join("."), made + 1);
        } else if let Some(n) = literal_number(&self.pkg.func(self.copying[0].0).name, &f.name) {
            let callee = &self.pkg.func(self.copying[0].0).name;
            f.name = format!("{callee}{suffix}{n}");
        }
        // A copied loop body's loop is now in the owner.
        if f.range_parent.is_some() {
            f.range_parent = Some(self.pkg.func(self.owner).range_parent.unwrap_or(self.owner));
        }
        let (recv, params, results, captures) =
            (f.recv.clone(), f.params.clone(), f.results.clone(), f.captures.clone());
        self.pkg.funcs.push(f);
        let saved_owner = std::mem::replace(&mut self.owner, new_id);
        let saved_in_closure = std::mem::replace(&mut self.in_closure, true);
        self.copying.push((h, new_id));
        // A copied closure's parameters keep their declarations' positions (gc reports
        // `yield does not escape` for the copy where the literal declares it).
        let keep_pos = |cl: &mut Self, v: VarId| {
            let pos = cl.pkg.var(v).pos;
            let n = cl.local(v);
            let var = &mut cl.pkg.vars[n.0 as usize];
            var.pos = pos;
            // The copy is a function of this package: its parameters print unqualified.
            if !var.name.starts_with(['.', '~']) {
                if let Some((_, short)) = var.name.split_once('.') {
                    var.name = short.to_string();
                }
            }
            n
        };
        let recv = recv.as_ref().and_then(|p| p.var).map(|v| keep_pos(self, v));
        let params: Vec<Option<VarId>> = params.iter().map(|p| p.var.map(|v| keep_pos(self, v))).collect();
        let results: Vec<VarId> = results.iter().map(|&r| self.local(r)).collect();
        let body = self.copy_body(h);
        self.copying.pop();
        self.owner = saved_owner;
        self.in_closure = saved_in_closure;
        let captures = captures.iter().map(|&v| self.var(v)).collect();
        let nf = &mut self.pkg.funcs[new_id.0 as usize];
        if let (Some(r), Some(p)) = (recv, nf.recv.as_mut()) {
            p.var = Some(r);
        }
        for (p, v) in nf.params.iter_mut().zip(params) {
            p.var = v;
        }
        nf.results = results;
        nf.body = Some(body);
        nf.captures = captures;
        new_id
    }
}

/// The number `N` of a function literal named `{outer}.funcN` or `{outer}.N` directly inside
/// function `outer`.
fn literal_number<'a>(outer: &str, literal: &'a str) -> Option<&'a str> {
    let rest = literal.strip_prefix(outer)?.strip_prefix('.')?;
    let n = rest.strip_prefix("func").unwrap_or(rest);
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some(n)
}
