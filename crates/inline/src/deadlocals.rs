//! Removing assignments to locals that are never used (gc's `deadlocals`).
//!
//! After inlining, a local may be assigned and never read: `f := func() {...}` whose only
//! call was inlined, or an inlined parameter the body ignores. gc turns each such assignment
//! into `_ = 0` when its right-hand side has no effects (a name, a constant, `nil` or a
//! function literal), so escape analysis never sees the value, and a function literal
//! assigned that way is not analyzed at all.

use rustc_hash::FxHashMap as HashMap;

use ir::visit::{each_child, each_part, inlined_stmts, Part};
use ir::{AssignKind, Expr, ExprKind, FuncId, Package, Stmt, StmtKind, VarClass, VarId};

/// Runs the pass on every function that is not a closure (closures are visited inside the
/// function that contains them).
pub(crate) fn run(pkg: &mut Package, order: &[Vec<FuncId>]) {
    for batch in order {
        for &f in batch {
            if pkg.func(f).outer.is_some() {
                continue;
            }
            let dead = {
                let Some(body) = &pkg.func(f).body else { continue };
                let mut v = Visitor { pkg, defs: HashMap::default(), keys: Vec::new(), discards: false };
                v.stmts(body);
                let discards = v.discards;
                (
                    v.keys.into_iter().filter(|k| v.defs.get(k).is_some_and(|d| d.is_some())).collect::<Vec<VarId>>(),
                    discards,
                )
            };
            let (dead, discards) = dead;
            if !dead.is_empty() || discards {
                kill(pkg, f, &dead);
            }
        }
    }
}

/// `Some(n)`: `n` effect-free assignments seen so far; `None`: the variable is used.
struct Visitor<'a> {
    pkg: &'a Package,
    defs: HashMap<VarId, Option<Vec<&'a Expr>>>,
    keys: Vec<VarId>,
    /// Whether some blank beside other variables discards a value.
    discards: bool,
}

impl<'a> Visitor<'a> {
    fn is_local(&self, v: VarId) -> bool {
        matches!(self.pkg.var(v).class, VarClass::Local | VarClass::Param)
    }

    fn stmts(&mut self, l: &'a [Stmt]) {
        for s in l {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &'a Stmt) {
        match &s.kind {
            StmtKind::Decl(_) => {}
            StmtKind::Assign { dst, src, kind: AssignKind::Plain | AssignKind::Spread | AssignKind::Pair, .. }
                if dst.len() == src.len() =>
            {
                let non_blank = dst.iter().any(|d| d.is_some());
                for (d, e) in dst.iter().zip(src) {
                    self.assign(d.as_ref(), e.as_ref(), non_blank && dst.len() > 1);
                }
            }
            _ => {
                each_part(s, |p| match p {
                    Part::Expr(e) => self.expr(e),
                    Part::Stmt(s) => self.stmt(s),
                    Part::List(l) => self.stmts(l),
                });
            }
        }
    }

    fn assign(&mut self, d: Option<&'a Expr>, e: Option<&'a Expr>, blank_is_not_use: bool) {
        // A blank beside other variables discards its value: gc keeps such assignments as
        // definitions of the blank name, which nothing ever uses, so they die (and their
        // values are not uses of anything).
        if d.is_none() && blank_is_not_use && !e.is_some_and(has_effects) {
            self.discards = true;
            return;
        }
        if let Some(Expr { kind: ExprKind::Var(v), .. }) = d {
            if self.is_local(*v) && !e.is_some_and(has_effects) {
                match self.defs.get_mut(v) {
                    None => {
                        self.keys.push(*v);
                        self.defs.insert(*v, Some(e.into_iter().collect()));
                        return;
                    }
                    Some(Some(list)) => {
                        list.extend(e);
                        return;
                    }
                    Some(None) => {}
                }
            }
        } else if let Some(d) = d {
            self.expr(d);
        }
        if let Some(e) = e {
            self.expr(e);
        }
    }

    fn expr(&mut self, e: &'a Expr) {
        match &e.kind {
            ExprKind::Var(_) => self.use_var(e),
            ExprKind::Closure(f) => {
                if let Some(body) = &self.pkg.func(*f).body {
                    self.stmts(body);
                }
            }
            _ => {}
        }
        each_child(e, |c| self.expr(c));
        for s in inlined_stmts(e) {
            self.stmt(s);
        }
        if let ExprKind::Inlined(ic) = &e.kind {
            // The value of an inlined call is its result variables.
            for &r in &ic.results {
                let v = self.pkg.var(r);
                let use_ = Expr { pos: e.pos, ty: v.ty, kind: ExprKind::Var(r), text: String::new() };
                self.use_var(&use_);
            }
        }
    }

    fn use_var(&mut self, e: &Expr) {
        let ExprKind::Var(v) = e.kind else { return };
        if !self.is_local(v) {
            return;
        }
        let pending = match self.defs.get_mut(&v) {
            None => {
                self.keys.push(v);
                Vec::new()
            }
            Some(d) => d.take().unwrap_or_default(),
        };
        self.defs.insert(v, None);
        for p in pending {
            self.expr(p);
        }
    }
}

/// gc's `hasEffects`: anything but a name, a constant, `nil` or a function literal.
fn has_effects(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Var(_)
            | ExprKind::Const(_)
            | ExprKind::Nil
            | ExprKind::Closure(_)
            | ExprKind::FuncName { .. }
            | ExprKind::Global(_)
    )
}

/// Rewrites every assignment to the `dead` variables in `f` (closures and inlined calls
/// included) as an assignment of `0` to the blank identifier.
fn kill(pkg: &mut Package, f: FuncId, dead: &[VarId]) {
    let mut closures = Vec::new();
    if let Some(mut body) = pkg.funcs[f.0 as usize].body.take() {
        kill_in(&mut body, dead, &mut closures);
        pkg.funcs[f.0 as usize].body = Some(body);
    }
    while let Some(c) = closures.pop() {
        if let Some(mut body) = pkg.funcs[c.0 as usize].body.take() {
            kill_in(&mut body, dead, &mut closures);
            pkg.funcs[c.0 as usize].body = Some(body);
        }
    }
}

fn kill_in(stmts: &mut [Stmt], dead: &[VarId], closures: &mut Vec<FuncId>) {
    ir::visit::for_each_stmt_mut(stmts, &mut |s| {
        if let StmtKind::Assign {
            dst,
            src,
            kind: AssignKind::Plain | AssignKind::Spread | AssignKind::Pair,
            define,
            display,
        } = &mut s.kind
        {
            if dst.len() == src.len() {
                let discards = dst.len() > 1 && dst.iter().any(|d| d.is_some());
                let mut changed = false;
                for (d, e) in dst.iter_mut().zip(src.iter_mut()) {
                    let is_dead = match d {
                        Some(Expr { kind: ExprKind::Var(v), .. }) => dead.contains(v),
                        Some(_) => false,
                        None => discards,
                    };
                    if is_dead && !e.as_ref().is_some_and(has_effects) {
                        let pos = d.as_ref().map_or(s.pos, |d| d.pos);
                        *d = None;
                        if let Some(x) = e {
                            if !matches!(&x.kind, ExprKind::Const(c) if c == "0") {
                                *x = Expr { pos, ty: x.ty, kind: ExprKind::Const("0".into()), text: "0".into() };
                                changed = true;
                            }
                        }
                    }
                }
                if changed {
                    *display = ir::assign_display(dst, src, *define);
                }
            }
        }
        ir::visit::each_stmt_expr_mut(s, |e| kill_in_expr(e, dead, closures));
    });
}

fn kill_in_expr(e: &mut Expr, dead: &[VarId], closures: &mut Vec<FuncId>) {
    match &mut e.kind {
        ExprKind::Closure(f) => closures.push(*f),
        ExprKind::Inlined(ic) => {
            kill_in(&mut ic.init, dead, closures);
            kill_in(&mut ic.body, dead, closures);
        }
        _ => {}
    }
    ir::visit::each_child_mut(e, |c| kill_in_expr(c, dead, closures));
}
