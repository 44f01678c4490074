//! Assignments, short variable declarations and returns (go/types' `assignments.go`).
//!
//! Two shapes are handled alike: `n = n` (one value per left-hand side, each checked against
//! its target) and `n = 1` (a single multi-valued call, or a comma-ok expression when two
//! targets are expected). Left-hand sides are checked as expressions too, but without counting
//! as a use of the variable assigned to, so `x = 1` alone still leaves `x` "declared and not
//! used". Variables being declared (`:=`, returns into result variables, `var` with an
//! initializer) get their type from the value when they have none yet.

use syntax::ast::{Expr, ExprKind};
use syntax::Pos;

use super::stmt::start_pos;
use super::{Checker, Operand};
use crate::object::{ObjId, ObjKind};
use crate::ty::{Type, TypeId};
use crate::universe::INVALID;
use crate::{BasicKind, Mode};

fn measure(n: usize, unit: &str) -> String {
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

impl<'a> Checker<'a> {
    /// Gives variable `lhs` the type of `x` if it has none yet, then checks `x` is assignable
    /// to it (go/types' `initVar`).
    pub(super) fn init_var(&mut self, lhs: ObjId, x: &mut Operand<'a>, context: &str) {
        let lt = self.ctx.obj(lhs).ty;
        if x.mode == Mode::Invalid || x.ty == INVALID || lt == Some(INVALID) {
            if lt.is_none() {
                self.ctx.objects[lhs.0 as usize].ty = Some(INVALID);
            }
            x.mode = Mode::Invalid;
            return;
        }
        let lt = match lt {
            Some(t) => t,
            None => {
                let mut t = x.ty;
                if self.ctx.is_untyped(t) {
                    if self.ctx.basic_kind(t) == Some(BasicKind::UntypedNil) {
                        self.error(
                            x.expr.map(start_pos).unwrap_or_default(),
                            format!("use of untyped nil in {context}"),
                        );
                        self.ctx.objects[lhs.0 as usize].ty = Some(INVALID);
                        x.mode = Mode::Invalid;
                        return;
                    }
                    t = self.ctx.default_type(t);
                }
                self.ctx.objects[lhs.0 as usize].ty = Some(t);
                t
            }
        };
        self.assignment(x, Some(lt), context);
    }

    /// The type of assignment target `lhs` (`None` for `_`, `invalid type` after an error).
    fn lhs_var(&mut self, lhs: &'a Expr) -> Option<TypeId> {
        let ident = match &lhs.unparen().kind {
            ExprKind::Ident(n) => Some(n.as_str()),
            _ => None,
        };
        if ident == Some("_") {
            return None;
        }
        // Assigning to a variable is not a use of it.
        let mut restore = None;
        if let Some(n) = ident {
            if let Some(o) = self.lookup(n) {
                let obj = self.ctx.obj(o);
                if matches!(obj.kind, ObjKind::Var { .. }) && obj.pkg == self.path {
                    restore = Some((o, self.used.contains(&o)));
                }
            }
        }
        let x = self.expr(lhs, None);
        if let Some((o, was)) = restore {
            if !was {
                self.used.remove(&o);
            }
        }
        if x.mode == Mode::Invalid || x.ty == INVALID {
            return Some(INVALID);
        }
        match x.mode {
            Mode::Variable | Mode::MapIndex => Some(x.ty),
            _ => {
                if let ExprKind::Selector { x: sx, .. } = &lhs.unparen().kind {
                    let op = self.expr(sx, None);
                    if op.mode == Mode::MapIndex {
                        let es = self.expr_string(lhs);
                        self.error(start_pos(lhs), format!("cannot assign to struct field {es} in map"));
                        return Some(INVALID);
                    }
                }
                let es = self.expr_string(lhs);
                self.error(
                    start_pos(lhs),
                    format!("cannot assign to {es} (neither addressable nor a map index expression)"),
                );
                Some(INVALID)
            }
        }
    }

    /// Assigns `x` (or, if `None`, the value of `rhs`) to `lhs` (go/types' `assignVar`); the
    /// type of the value assigned, unless the assignment failed.
    pub(super) fn assign_var(
        &mut self,
        lhs: &'a Expr,
        rhs: Option<&'a Expr>,
        x: Option<Operand<'a>>,
        context: &str,
    ) -> Option<TypeId> {
        let t = self.lhs_var(lhs);
        if t == Some(INVALID) {
            if x.is_none() {
                if let Some(r) = rhs {
                    self.raw_expr(r, None, false);
                }
            }
            return None;
        }
        let mut x = match x {
            Some(x) => x,
            None => {
                let Some(r) = rhs else { return None };
                let hint = t.filter(|&t| matches!(self.ctx.ty(self.ctx.underlying(t)), Type::Signature(_)));
                self.expr(r, hint)
            }
        };
        let context = if t.is_none() && context == "assignment" { "assignment to _ identifier" } else { context };
        self.assignment(&mut x, t, context);
        (x.mode != Mode::Invalid).then_some(x.ty)
    }

    /// Checks expressions whose values are not needed (after a count mismatch); returns whether
    /// all were valid, and their operands.
    fn st_use_exprs(&mut self, es: &'a [Expr]) -> (bool, Vec<Operand<'a>>) {
        let mut ok = true;
        let mut out = Vec::new();
        for e in es {
            let x = self.raw_expr(e, None, false);
            ok &= x.mode != Mode::Invalid;
            out.push(x);
        }
        (ok, out)
    }

    /// Like [`Self::st_use_exprs`] for assignment targets: plain variables are not marked used.
    fn st_use_lhs(&mut self, es: &'a [Expr]) -> bool {
        let mut ok = true;
        for e in es {
            let mut restore = None;
            if let ExprKind::Ident(n) = &e.unparen().kind {
                if n == "_" {
                    continue;
                }
                if let Some(o) = self.lookup(n) {
                    let obj = self.ctx.obj(o);
                    if matches!(obj.kind, ObjKind::Var { .. }) && obj.pkg == self.path {
                        restore = Some((o, self.used.contains(&o)));
                    }
                }
            }
            let x = self.raw_expr(e, None, false);
            ok &= x.mode != Mode::Invalid;
            if let Some((o, was)) = restore {
                if !was {
                    self.used.remove(&o);
                }
            }
        }
        ok
    }

    /// `assignment mismatch: 2 variables but f() returns 1 value`.
    pub(super) fn assign_error(&mut self, rhs: &'a [Expr], l: usize, r: usize) {
        let vars = measure(l, "variable");
        let vals = measure(r, "value");
        let Some(r0) = rhs.first() else { return };
        if rhs.len() == 1 {
            if let ExprKind::Call { fun, .. } = &r0.unparen().kind {
                let fs = self.expr_string(fun);
                self.error(start_pos(r0), format!("assignment mismatch: {vars} but {fs} returns {vals}"));
                return;
            }
        }
        self.error(start_pos(r0), format!("assignment mismatch: {vars} but {vals}"));
    }

    /// `(int, string)` lists in return-count errors; untyped constants show as their kind.
    fn types_summary(&self, list: &[TypeId]) -> String {
        let parts: Vec<String> = list
            .iter()
            .map(|&t| {
                if t == INVALID {
                    "unknown type".to_string()
                } else if self.ctx.is_untyped(t) {
                    let k = self.ctx.basic_kind(t).unwrap_or(BasicKind::Invalid);
                    if k.is_numeric() {
                        "number".to_string()
                    } else {
                        k.name().trim_start_matches("untyped ").to_string()
                    }
                } else {
                    self.ty_str(t)
                }
            })
            .collect();
        format!("({})", parts.join(", "))
    }

    fn return_error(&mut self, at: Pos, lhs: &[ObjId], rhs: &[Operand<'a>]) {
        let (l, r) = (lhs.len(), rhs.len());
        let mut at = at;
        let mut qualifier = "not enough";
        if r > l {
            at = rhs[l].expr.map(start_pos).unwrap_or(at);
            qualifier = "too many";
        } else if r > 0 {
            at = rhs[r - 1].expr.map(start_pos).unwrap_or(at);
        }
        let have: Vec<TypeId> = rhs.iter().map(|x| x.ty).collect();
        let want: Vec<TypeId> = lhs.iter().map(|&o| self.ctx.obj(o).ty.unwrap_or(INVALID)).collect();
        let hs = self.types_summary(&have);
        let ws = self.types_summary(&want);
        self.error(at, format!("{qualifier} return values\n\thave {hs}\n\twant {ws}"));
    }

    /// Initializes variables `lhs` from `rhs` (go/types' `initVars`); `ret` is the position of
    /// the return statement when the variables are the function's results.
    pub(super) fn init_vars(&mut self, lhs: &[ObjId], rhs: &'a [Expr], ret: Option<Pos>) {
        let (l, r) = (lhs.len(), rhs.len());
        let context = if ret.is_some() {
            "return statement"
        } else if l > 1 {
            "multiple assignment"
        } else {
            "assignment"
        };
        let is_call = r == 1 && matches!(rhs[0].unparen().kind, ExprKind::Call { .. });
        if l == r && !is_call {
            for (i, &o) in lhs.iter().enumerate() {
                let hint = self.ctx.obj(o).ty;
                let mut x = self.expr(&rhs[i], hint);
                self.init_var(o, &mut x, context);
            }
            return;
        }
        if r != 1 {
            let (ok, xs) = self.st_use_exprs(rhs);
            if ok {
                match ret {
                    Some(p) => self.return_error(p, lhs, &xs),
                    None => self.assign_error(rhs, l, r),
                }
            }
            self.invalidate_untyped(lhs);
            return;
        }
        let (mut xs, comma_ok) = self.multi_expr(&rhs[0], l == 2 && ret.is_none());
        if xs.len() == l {
            for (i, x) in xs.iter_mut().enumerate() {
                self.init_var(lhs[i], x, context);
            }
            // Only when both initializations succeeded (go.dev/issue/59371).
            if comma_ok && xs.iter().all(|x| x.mode != Mode::Invalid) {
                self.record_comma_ok_types(&rhs[0], xs[1].ty);
            }
            return;
        }
        if xs.first().is_some_and(|x| x.mode != Mode::Invalid) {
            let xs: Vec<Operand<'a>> = xs.into_iter().filter(|x| x.mode != Mode::NoValue).collect();
            match ret {
                Some(p) => self.return_error(p, lhs, &xs),
                None => self.assign_error(rhs, l, xs.len()),
            }
        }
        self.invalidate_untyped(lhs);
    }

    fn invalidate_untyped(&mut self, lhs: &[ObjId]) {
        for &o in lhs {
            if self.ctx.obj(o).ty.is_none() {
                self.ctx.objects[o.0 as usize].ty = Some(INVALID);
            }
        }
    }

    /// `lhs = rhs` with `=` (go/types' `assignVars`).
    pub(super) fn assign_vars(&mut self, lhs: &'a [Expr], rhs: &'a [Expr]) {
        let (l, r) = (lhs.len(), rhs.len());
        let context = if l > 1 { "multiple assignment" } else { "assignment" };
        let is_call = r == 1 && matches!(rhs[0].unparen().kind, ExprKind::Call { .. });
        if l == r && !is_call {
            for (lh, rh) in lhs.iter().zip(rhs) {
                self.assign_var(lh, Some(rh), None, context);
            }
            return;
        }
        if r != 1 {
            let ok_l = self.st_use_lhs(lhs);
            let (ok_r, _) = self.st_use_exprs(rhs);
            if ok_l && ok_r {
                self.assign_error(rhs, l, r);
            }
            return;
        }
        let (xs, comma_ok) = self.multi_expr(&rhs[0], l == 2);
        if xs.len() == l {
            let mut assigned = Vec::new();
            for (lh, x) in lhs.iter().zip(xs) {
                assigned.push(self.assign_var(lh, None, Some(x), context));
            }
            // Only when both assignments succeeded (go.dev/issue/59371).
            if let (true, [Some(_), Some(ok_type)]) = (comma_ok, assigned.as_slice()) {
                self.record_comma_ok_types(&rhs[0], *ok_type);
            }
            return;
        }
        if xs.first().is_some_and(|x| x.mode != Mode::Invalid) {
            let n = xs.iter().filter(|x| x.mode != Mode::NoValue).count();
            self.assign_error(rhs, l, n);
        }
        self.st_use_lhs(lhs);
    }

    /// `lhs := rhs` (go/types' `shortVarDecl`): at least one new non-blank variable; names
    /// already declared in the same scope are assigned to.
    pub(super) fn short_var_decl(&mut self, pos: Pos, lhs: &'a [Expr], rhs: &'a [Expr]) {
        let mut seen: Vec<&str> = Vec::new();
        let mut lhs_vars: Vec<Option<ObjId>> = vec![None; lhs.len()];
        let mut new_vars: Vec<(String, ObjId, Pos)> = Vec::new();
        let mut has_err = false;
        for (i, l) in lhs.iter().enumerate() {
            let ExprKind::Ident(name) = &l.kind else {
                self.st_use_lhs(std::slice::from_ref(l));
                let es = self.expr_string(l);
                self.error(start_pos(l), format!("non-name {es} on left side of :="));
                has_err = true;
                continue;
            };
            if name != "_" {
                if seen.contains(&name.as_str()) {
                    self.error(l.pos, format!("{name} repeated on left side of :="));
                    has_err = true;
                    continue;
                }
                seen.push(name);
            }
            let alt = if name == "_" { None } else { self.env.scopes.last().and_then(|s| s.get(name)).copied() };
            if let Some(alt) = alt {
                self.record_use(l, alt);
                if matches!(self.ctx.obj(alt).kind, ObjKind::Var { .. }) {
                    lhs_vars[i] = Some(alt);
                } else {
                    self.error(l.pos, format!("cannot assign to {name}"));
                    has_err = true;
                }
                continue;
            }
            let obj = self.new_obj(
                name,
                ObjKind::Var { global: false, param: false, result: false, field: false, embedded: false },
                None,
                l.pos,
            );
            lhs_vars[i] = Some(obj);
            if name != "_" {
                new_vars.push((name.clone(), obj, l.pos));
            }
            self.record_def(l.pos, obj);
        }
        let vars: Vec<ObjId> = lhs_vars
            .iter()
            .zip(lhs)
            .map(|(v, l)| match v {
                Some(v) => *v,
                None => self.new_obj(
                    "_",
                    ObjKind::Var { global: false, param: false, result: false, field: false, embedded: false },
                    None,
                    l.pos,
                ),
            })
            .collect();
        self.init_vars(&vars, rhs, None);
        if new_vars.is_empty() && !has_err {
            self.error(pos, "no new variables on left side of :=");
            return;
        }
        for (name, obj, p) in new_vars {
            self.declare_local(&name, obj, p);
            self.env.vars.push(obj);
        }
    }
}
