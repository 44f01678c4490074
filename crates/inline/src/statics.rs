//! Static values of local variables (gc's `ir.StaticValue` and `ir.Reassigned`, `ir/expr.go`
//! and `ir/reassignment.go`).
//!
//! The inliner resolves `f := func() {...}; f()` to the closure, as gc does: a local variable
//! defined once, never assigned again (in its function or in a closure) and whose address is
//! never taken stands for the expression that defined it.

use std::collections::HashMap;

use ir::visit::{expr_children, inlined_stmts, stmt_parts};
use ir::{AssignKind, Expr, ExprKind, FuncId, Package, Stmt, StmtKind, VarId};

/// What the assignments of one function (and its closures) say about each variable.
#[derive(Default)]
pub(crate) struct Statics {
    /// Assignments to each variable, definitions included.
    writes: HashMap<VarId, u32>,
    /// The expression a variable was defined with, if its definition gave it one.
    defn: HashMap<VarId, Expr>,
    addr_taken: std::collections::HashSet<VarId>,
}

impl Statics {
    /// Scans the body of `f` and of every closure in it.
    pub(crate) fn of(pkg: &Package, body: &[Stmt]) -> Statics {
        let mut s = Statics::default();
        s.stmts(pkg, body);
        s
    }

    /// gc's `StaticValue`: what `e` statically is, looking through single-definition locals
    /// and no-op conversions.
    pub(crate) fn value<'e>(&'e self, mut e: &'e Expr) -> &'e Expr {
        for _ in 0..64 {
            match &e.kind {
                ExprKind::Conv(x) if x.ty == e.ty || is_func_conversion(e) => e = x,
                ExprKind::Var(v) => match self.defn.get(v) {
                    Some(d) if self.writes.get(v) == Some(&1) && !self.addr_taken.contains(v) => e = d,
                    _ => return e,
                },
                // An inlined call with one result stands for that result's definition.
                ExprKind::Inlined(ic) if ic.results.len() == 1 => {
                    let r = ic.results[0];
                    match self.defn.get(&r) {
                        Some(d) if self.writes.get(&r) == Some(&1) && !self.addr_taken.contains(&r) => e = d,
                        _ => return e,
                    }
                }
                _ => return e,
            }
        }
        e
    }

    fn stmts(&mut self, pkg: &Package, l: &[Stmt]) {
        for s in l {
            self.stmt(pkg, s);
        }
    }

    fn stmt(&mut self, pkg: &Package, s: &Stmt) {
        match &s.kind {
            StmtKind::Assign { dst, src, define, kind, .. } => {
                for (i, d) in dst.iter().enumerate() {
                    if let Some(Expr { kind: ExprKind::Var(v), .. }) = d {
                        *self.writes.entry(*v).or_default() += 1;
                        let single = dst.len() == src.len();
                        if *define && single && matches!(kind, AssignKind::Plain) {
                            if let Some(d) = src.get(i).and_then(|e| e.as_ref()).and_then(|e| static_source(pkg, e)) {
                                self.defn.insert(*v, d);
                            }
                        }
                    }
                }
            }
            StmtKind::AssignCall { dst, .. } => self.write_all(dst.iter().flatten()),
            StmtKind::Range { key, value, .. } => self.write_all(key.iter().chain(value.iter())),
            _ => {}
        }
        let p = stmt_parts(s);
        for e in p.exprs {
            self.expr(pkg, e);
        }
        for s in p.stmts {
            self.stmt(pkg, s);
        }
        for l in p.lists {
            self.stmts(pkg, l);
        }
    }

    fn write_all<'x>(&mut self, dsts: impl Iterator<Item = &'x Expr>) {
        for d in dsts {
            if let ExprKind::Var(v) = d.kind {
                *self.writes.entry(v).or_default() += 2;
            }
        }
    }

    fn expr(&mut self, pkg: &Package, e: &Expr) {
        match &e.kind {
            ExprKind::Addr(x) => {
                if let Some(v) = addressed_var(x) {
                    self.addr_taken.insert(v);
                }
            }
            ExprKind::Closure(f) => {
                if let Some(body) = &pkg.func(*f).body {
                    self.stmts(pkg, body);
                }
            }
            _ => {}
        }
        for c in expr_children(e) {
            self.expr(pkg, c);
        }
        for s in inlined_stmts(e) {
            self.stmt(pkg, s);
        }
    }
}

/// What a definition's right-hand side stands for: an inlined call with one result stands for
/// that result variable (gc's `staticValue1` looks through `OINLCALL`).
fn static_source(pkg: &Package, e: &Expr) -> Option<Expr> {
    match &e.kind {
        ExprKind::Inlined(ic) if ic.results.len() == 1 => {
            let v = pkg.var(ic.results[0]);
            Some(Expr { pos: e.pos, ty: v.ty, kind: ExprKind::Var(ic.results[0]), text: v.name.clone() })
        }
        // Only what can lead to a function is worth keeping (and cheap to copy).
        ExprKind::Closure(_) | ExprKind::FuncName { .. } | ExprKind::MethodExpr { .. } | ExprKind::Var(_) => {
            Some(e.clone())
        }
        ExprKind::Conv(x) if matches!(x.kind, ExprKind::Closure(_) | ExprKind::FuncName { .. } | ExprKind::Var(_)) => {
            Some(e.clone())
        }
        // The concrete value behind an interface, for devirtualization.
        ExprKind::ConvIface { .. } => Some(e.clone()),
        _ => None,
    }
}

/// The variable whose storage `&x` takes the address of (`&v`, `&v.f`, `&v[i]` on an array).
fn addressed_var(x: &Expr) -> Option<VarId> {
    match &x.kind {
        ExprKind::Var(v) => Some(*v),
        ExprKind::Dot { x, .. } => addressed_var(x),
        ExprKind::Index { x, array: true, .. } => addressed_var(x),
        _ => None,
    }
}

/// A conversion between function types (gc's `OCONVNOP` on a func value).
fn is_func_conversion(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Conv(x) if matches!(x.kind, ExprKind::Closure(_) | ExprKind::FuncName { .. }))
}

/// The function an expression statically denotes, if any (for `inlCallee`).
pub(crate) fn func_of(e: &Expr) -> Option<FuncId> {
    match &e.kind {
        ExprKind::Closure(f) => Some(*f),
        ExprKind::FuncName { func: Some(f), .. } | ExprKind::MethodExpr { func: Some(f), .. } => Some(*f),
        _ => None,
    }
}
