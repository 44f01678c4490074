//! Static values of local variables (gc's `ir.StaticValue` and `ir.Reassigned`, `ir/expr.go`
//! and `ir/reassignment.go`).
//!
//! The inliner resolves `f := func() {...}; f()` to the closure, as gc does: a local variable
//! defined once, never assigned again (in its function or in a closure) and whose address is
//! never taken stands for the expression that defined it.

use rustc_hash::FxHashMap as HashMap;

use ir::visit::{each_child, each_part, inlined_stmts, Part};
use ir::{AssignKind, Expr, ExprKind, FuncId, Package, Stmt, StmtKind, VarId};

/// What the assignments of one function (and its closures) say about each variable.
#[derive(Default)]
pub(crate) struct Statics {
    /// Assignments to each variable, definitions included.
    writes: HashMap<VarId, u32>,
    /// The expression a variable was defined with, if its definition gave it one.
    defn: HashMap<VarId, Expr>,
    addr_taken: rustc_hash::FxHashSet<VarId>,
    /// For interface-typed variables, what each assignment stores (`None`: something whose
    /// concrete type is unknown); assignments of `nil` are left out (gc's `devirtualize.State`).
    iface_assigns: HashMap<VarId, Vec<Option<Expr>>>,
}

/// What [`Statics::concrete_type`] finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Concrete {
    /// Always this concrete type.
    Type(ir::TypeId),
    /// Nothing but `nil` (gc's `noType`).
    NoType,
    Unknown,
}

impl Statics {
    /// Scans the body of `f` and of every closure in it.
    pub(crate) fn of(pkg: &Package, body: &[Stmt]) -> Statics {
        let mut s = Statics::default();
        if consults_statics(body) {
            s.stmts(pkg, body);
        }
        s
    }

    /// gc's `concreteType` (devirtualize.go): the one concrete type an interface-typed
    /// expression always holds, looking through conversions, inlined calls, type assertions and
    /// every assignment to a local variable.
    pub(crate) fn concrete_type(&self, pkg: &Package, e: &Expr) -> Concrete {
        let mut seen = rustc_hash::FxHashSet::default();
        self.concrete1(pkg, e, &mut seen, 0)
    }

    fn concrete1(&self, pkg: &Package, mut e: &Expr, seen: &mut rustc_hash::FxHashSet<VarId>, depth: u32) -> Concrete {
        if depth > 64 {
            return Concrete::Unknown;
        }
        let v = loop {
            if pkg.ty(e.ty).kind != ir::TypeKind::Interface {
                return Concrete::Type(e.ty);
            }
            match &e.kind {
                ExprKind::Conv(x) | ExprKind::ConvIface { x, .. } | ExprKind::DotType { x } => e = x,
                // An inlined call is its result variable.
                ExprKind::Inlined(ic) if ic.results.len() == 1 => break ic.results[0],
                ExprKind::Var(v) => break *v,
                _ => return Concrete::Unknown,
            }
        };
        if pkg.var(v).class != ir::VarClass::Local || self.addr_taken.contains(&v) {
            return Concrete::Unknown;
        }
        if !seen.insert(v) {
            return Concrete::NoType;
        }
        let mut found = None;
        for a in self.iface_assigns.get(&v).map(|l| &l[..]).unwrap_or(&[]) {
            let t = match a {
                Some(x) => match self.concrete1(pkg, x, seen, depth + 1) {
                    Concrete::NoType => continue,
                    Concrete::Unknown => return Concrete::Unknown,
                    Concrete::Type(t) => t,
                },
                None => return Concrete::Unknown,
            };
            if found.is_some_and(|f| f != t) {
                return Concrete::Unknown;
            }
            found = Some(t);
        }
        match found {
            Some(t) => Concrete::Type(t),
            None => Concrete::NoType,
        }
    }

    /// gc 1.25's devirtualization: the concrete type of an interface-typed expression that
    /// statically is a conversion of a concrete value (no other assignment is looked at).
    pub(crate) fn converted_type(&self, pkg: &Package, e: &Expr) -> Concrete {
        match &self.value(e).kind {
            ExprKind::ConvIface { x, .. } if pkg.ty(x.ty).kind != ir::TypeKind::Interface => Concrete::Type(x.ty),
            _ => Concrete::Unknown,
        }
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
                        if *define && single && matches!(kind, AssignKind::Plain | AssignKind::Pair) {
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
        self.iface_assignments(pkg, s);
        each_part(s, |p| match p {
            Part::Expr(e) => self.expr(pkg, e),
            Part::Stmt(s) => self.stmt(pkg, s),
            Part::List(l) => self.stmts(pkg, l),
        });
    }

    /// Records what `s` assigns to interface-typed variables.
    fn iface_assignments(&mut self, pkg: &Package, s: &Stmt) {
        let is_iface_var = |e: &Expr| match e.kind {
            ExprKind::Var(v) if pkg.ty(pkg.var(v).ty).kind == ir::TypeKind::Interface => Some(v),
            _ => None,
        };
        let mut record = |v: VarId, a: Option<Expr>| self.iface_assigns.entry(v).or_default().push(a);
        match &s.kind {
            // `v, ok := x.(I)`: `v` holds what `x.(I)` does (gc's `OAS2DOTTYPE`).
            StmtKind::Assign { dst, src, kind: AssignKind::DotType, .. } => {
                for (i, d) in dst.iter().enumerate() {
                    let Some(v) = d.as_ref().and_then(is_iface_var) else { continue };
                    match src.first().and_then(|x| x.as_ref()).filter(|_| i == 0) {
                        Some(x) => record(v, Some(x.clone())),
                        None => record(v, None),
                    }
                }
            }
            StmtKind::Assign { dst, src, kind, .. } => {
                let paired = dst.len() == src.len()
                    && matches!(kind, AssignKind::Plain | AssignKind::Spread | AssignKind::Pair | AssignKind::Op);
                for (i, d) in dst.iter().enumerate() {
                    let Some(v) = d.as_ref().and_then(is_iface_var) else { continue };
                    match src.get(i).filter(|_| paired) {
                        Some(Some(x)) if matches!(x.kind, ExprKind::Nil) => {}
                        Some(Some(x)) => record(v, Some(x.clone())),
                        // `var x I` (or an inlined call's zeroed result): gc's `x = <nil>`
                        // assigns nothing it looks at.
                        Some(None) => {}
                        None => record(v, None),
                    }
                }
            }
            StmtKind::AssignCall { dst, .. } => {
                for v in dst.iter().flatten().filter_map(is_iface_var) {
                    record(v, None);
                }
            }
            StmtKind::Range { key, value, .. } => {
                for v in key.iter().chain(value.iter()).filter_map(is_iface_var) {
                    record(v, None);
                }
            }
            StmtKind::TypeSwitch { cases, .. } => {
                for v in cases.iter().filter_map(|c| c.var) {
                    if pkg.ty(pkg.var(v).ty).kind == ir::TypeKind::Interface {
                        record(v, None);
                    }
                }
            }
            _ => {}
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
        each_child(e, |c| self.expr(pkg, c));
        for s in inlined_stmts(e) {
            self.stmt(pkg, s);
        }
    }
}

/// Whether anything asks about a body's static values: only a call through a function value
/// (which function it calls) or an interface (which concrete type it holds) does. A body
/// without either keeps an empty [`Statics`].
fn consults_statics(body: &[Stmt]) -> bool {
    let mut found = false;
    ir::visit::for_each_expr_in_stmts(body, &mut |e| {
        if let ExprKind::Call(c) = &e.kind {
            found |=
                matches!(c.kind, ir::CallKind::Inter { .. } | ir::CallKind::Func { callee: ir::Callee::Dynamic, .. });
        }
    });
    found
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
