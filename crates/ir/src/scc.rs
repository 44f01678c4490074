//! The order in which functions are inlined and analyzed (gc's `ir.VisitFuncsBottomUp`, `ir/scc.go`).
//!
//! Functions are grouped into the strongly connected components of the static call graph and
//! handed out callees first, so a function's callers see its finished tags. Closures never
//! start a component of their own: they are analyzed in the same batch as the function that
//! contains them. This is Tarjan's algorithm in the exact form gc uses (two numbers per
//! function, closures barred from being roots, references visited in the order gc's `ir.Visit`
//! meets them), because the order of batches, and of functions within a batch, is the order
//! in which diagnostics are printed.

use rustc_hash::FxHashMap as HashMap;

use crate::{CallKind, Callee, Expr, ExprKind, FuncId, Package, Stmt, StmtKind};

/// Every batch of functions, bottom-up, each in gc's order within the batch. Inline-only
/// bodies of other packages' functions (and their closures) are not compiled here: they are in
/// no batch.
pub fn batches(pkg: &Package) -> Vec<Vec<FuncId>> {
    batches_marked(pkg).into_iter().map(|(b, _)| b).collect()
}

/// [`batches`], each with whether it is recursive (gc's `recursive` argument): its functions
/// call one another in a cycle, or its one function calls itself.
pub fn batches_marked(pkg: &Package) -> Vec<(Vec<FuncId>, bool)> {
    let mut v = Visitor { pkg, visitgen: 0, node_id: HashMap::default(), stack: Vec::new(), out: Vec::new() };
    for i in 0..pkg.funcs.len() {
        let f = FuncId(i as u32);
        if !is_closure(pkg, f) && !is_inline_only(pkg, f) {
            v.visit(f);
        }
    }
    v.out
}

/// Whether `f` is, or is a closure of, a function lowered only to be inlined.
pub fn is_inline_only(pkg: &Package, mut f: FuncId) -> bool {
    loop {
        let func = pkg.func(f);
        if func.inline_only {
            return true;
        }
        match func.outer {
            Some(o) => f = o,
            None => return false,
        }
    }
}

/// gc's `Func.IsClosure`: a function literal that captures at least one variable. One that
/// captures nothing is analyzed like a top-level function, in a batch of its own.
pub fn is_closure(pkg: &Package, f: FuncId) -> bool {
    let func = pkg.func(f);
    func.outer.is_some() && !func.captures.is_empty()
}

struct Visitor<'a> {
    pkg: &'a Package,
    visitgen: u32,
    node_id: HashMap<FuncId, u32>,
    stack: Vec<FuncId>,
    out: Vec<(Vec<FuncId>, bool)>,
}

impl Visitor<'_> {
    fn visit(&mut self, n: FuncId) -> u32 {
        if let Some(&id) = self.node_id.get(&n) {
            return id;
        }
        self.visitgen += 1;
        let id = self.visitgen;
        self.node_id.insert(n, id);
        self.visitgen += 1;
        let mut min = self.visitgen;
        self.stack.push(n);

        let mut refs = Vec::new();
        if let Some(body) = &self.pkg.func(n).body {
            references_in_stmts(body, &mut refs);
        }
        for r in refs {
            if r.0 as usize >= self.pkg.funcs.len() {
                continue;
            }
            let m = self.visit(r);
            if m < min {
                min = m;
            }
        }

        if (min == id || min == id + 1) && !is_closure(self.pkg, n) {
            let i = self.stack.iter().rposition(|&x| x == n).unwrap_or(0);
            for &x in &self.stack[i..] {
                self.node_id.insert(x, u32::MAX);
            }
            let block = self.stack.split_off(i);
            // The search came back to `n` itself only through a cycle.
            self.out.push((block, min == id));
        }
        min
    }
}

/// Functions referenced by `stmts`, in the preorder gc's `ir.Visit` walks them (closure bodies
/// are not entered: the closure itself is the reference).
pub fn references_in_stmts(stmts: &[Stmt], out: &mut Vec<FuncId>) {
    for s in stmts {
        references_in_stmt(s, out);
    }
}

fn references_in_stmt(s: &Stmt, out: &mut Vec<FuncId>) {
    let e = |x: &Expr, out: &mut Vec<FuncId>| references_in_expr(x, out);
    match &s.kind {
        StmtKind::Decl(_) | StmtKind::Label { .. } | StmtKind::Jump => {}
        StmtKind::Assign { dst, src, .. } => {
            for d in dst.iter().flatten() {
                e(d, out);
            }
            for x in src.iter().flatten() {
                e(x, out);
            }
        }
        StmtKind::AssignCall { dst, call, .. } => {
            for d in dst.iter().flatten() {
                e(d, out);
            }
            e(call, out);
        }
        StmtKind::Expr(x) | StmtKind::Go(x) | StmtKind::Defer(x) => e(x, out),
        StmtKind::Send { ch, value } => {
            e(ch, out);
            e(value, out);
        }
        StmtKind::Return(xs) => xs.iter().for_each(|x| e(x, out)),
        StmtKind::Block(b) => references_in_stmts(b, out),
        StmtKind::If { cond, then, els } => {
            e(cond, out);
            references_in_stmts(then, out);
            references_in_stmts(els, out);
        }
        StmtKind::For { cond, post, body, .. } => {
            if let Some(c) = cond {
                e(c, out);
            }
            if let Some(p) = post {
                references_in_stmt(p, out);
            }
            references_in_stmts(body, out);
        }
        StmtKind::Range { x, key, value, body, .. } => {
            e(x, out);
            for k in [&**key, &**value].into_iter().flatten() {
                e(k, out);
            }
            references_in_stmts(body, out);
        }
        StmtKind::Switch { tag, cases } => {
            if let Some(t) = tag {
                e(t, out);
            }
            for c in cases {
                c.exprs.iter().for_each(|x| e(x, out));
                references_in_stmts(&c.body, out);
            }
        }
        StmtKind::TypeSwitch { x, cases } => {
            e(x, out);
            for c in cases {
                references_in_stmts(&c.body, out);
            }
        }
        StmtKind::Select { cases } => {
            for c in cases {
                if let Some(comm) = &c.comm {
                    references_in_stmt(comm, out);
                }
                references_in_stmts(&c.body, out);
            }
        }
    }
}

fn references_in_expr(x: &Expr, out: &mut Vec<FuncId>) {
    let e = |x: &Expr, out: &mut Vec<FuncId>| references_in_expr(x, out);
    match &x.kind {
        ExprKind::FuncName { func: Some(f), .. } | ExprKind::MethodExpr { func: Some(f), .. } => out.push(*f),
        ExprKind::Closure(f) => out.push(*f),
        ExprKind::Const(_)
        | ExprKind::Nil
        | ExprKind::DictEntry(_)
        | ExprKind::Var(_)
        | ExprKind::Global(_)
        | ExprKind::FuncName { .. }
        | ExprKind::MethodExpr { .. }
        | ExprKind::Type
        | ExprKind::New => {}
        ExprKind::Unary { x, .. }
        | ExprKind::Addr(x)
        | ExprKind::Deref(x)
        | ExprKind::Dot { x, .. }
        | ExprKind::DotPtr { x, .. }
        | ExprKind::DotType { x }
        | ExprKind::Conv(x)
        | ExprKind::ConvIface { x, .. }
        | ExprKind::SliceToArray(x)
        | ExprKind::SliceToArrayPtr(x)
        | ExprKind::Recv(x)
        | ExprKind::PtrLit(x)
        | ExprKind::StrConv { x, .. } => e(x, out),
        ExprKind::Binary { x, y, .. } => {
            e(x, out);
            e(y, out);
        }
        ExprKind::Index { x, index, .. } => {
            e(x, out);
            e(index, out);
        }
        ExprKind::IndexMap { x, key } => {
            e(x, out);
            e(key, out);
        }
        ExprKind::Slice { x, lo, hi, max } => {
            e(x, out);
            for y in [lo, hi, max].into_iter().flatten() {
                e(y, out);
            }
        }
        ExprKind::Call(c) => {
            match &c.kind {
                CallKind::Func { fun, callee, .. } => {
                    let before = out.len();
                    e(fun, out);
                    if out.len() == before {
                        if let Callee::Local(f) = callee {
                            if matches!(fun.kind, ExprKind::FuncName { .. } | ExprKind::MethodExpr { .. }) {
                                out.push(*f);
                            }
                        }
                    }
                }
                CallKind::Inter { recv, .. } => e(recv, out),
                CallKind::Builtin(_) => {}
            }
            c.args.iter().for_each(|a| e(a, out));
        }
        ExprKind::MakeSlice { len, cap } => {
            e(len, out);
            if let Some(c) = cap {
                e(c, out);
            }
        }
        ExprKind::MakeChan { len } | ExprKind::MakeMap { len } => {
            if let Some(l) = len {
                e(l, out);
            }
        }
        ExprKind::MethodValue { recv, callee, .. } => {
            if let Callee::Local(f) = callee {
                out.push(*f);
            }
            e(recv, out);
        }
        ExprKind::ArrayLit(xs) | ExprKind::StructLit(xs) | ExprKind::AddStr(xs) => xs.iter().for_each(|x| e(x, out)),
        ExprKind::SliceLit { elts, .. } => elts.iter().for_each(|x| e(x, out)),
        ExprKind::MapLit(kvs) => {
            for (k, v) in kvs {
                e(k, out);
                e(v, out);
            }
        }
        ExprKind::Inlined(ic) => {
            ic.init.iter().chain(&ic.body).for_each(|s| references_in_stmt(s, out));
        }
    }
}
