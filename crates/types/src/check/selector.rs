//! Selectors (go/types' `selector` in `call.go`, with `lookup.go` doing the search).
//!
//! `x.sel` is one of: a qualified identifier `pkg.Name` (recorded as a use of the package
//! name on `x` and of the object on the selector expression, no selection); a field or
//! method value selected through embedded fields with automatic dereferences; or a method
//! expression `T.m` / `(*T).m`, whose type is the method's signature with the receiver as
//! first parameter. The selected member's type is computed along the selection's index path
//! on the actual (possibly instantiated) types, so fields and methods of generic types come
//! out substituted.

use syntax::ast::{Expr, ExprKind, Ident};

use super::{Checker, Operand};
use crate::lookup::LookupFailure;
use crate::object::ObjKind;
use crate::ty::{Field, Signature, Type, TypeId};
use crate::universe::INVALID;
use crate::{Mode, Selection, SelectionKind};

impl<'a> Checker<'a> {
    pub(super) fn selector(&mut self, e: &'a Expr, xe: &'a Expr, sel: &'a Ident, _def: bool) -> Operand<'a> {
        if let ExprKind::Ident(name) = &xe.kind {
            if let Some(o) = self.lookup(name) {
                if let ObjKind::PkgName(path) = &self.ctx.obj(o).kind {
                    let path = path.clone();
                    return self.qualified_ident(e, xe, o, &path, sel);
                }
            }
        }
        let x = self.expr_or_type(xe, false);
        match x.mode {
            Mode::Invalid => return Operand::invalid(Some(e)),
            Mode::Builtin => {
                let s = self.op_string(&x);
                self.error(e.pos, format!("invalid use of {s} in selector expression"));
                return Operand::invalid(Some(e));
            }
            _ => {}
        }
        if x.ty == INVALID || self.ctx.underlying(x.ty) == INVALID && !self.ctx.is_type_param(x.ty) {
            return Operand::invalid(Some(e));
        }
        self.ensure_methods(x.ty);
        let xs = self.expr_string(xe);
        let name = sel.name.as_str();
        let res = self.ctx.lookup_detailed(x.ty, x.mode == Mode::Variable, &self.path, name);
        let s = match res {
            Ok(s) => s,
            Err(LookupFailure::Ambiguous) => {
                self.error(sel.pos, format!("ambiguous selector {xs}.{name}"));
                return Operand::invalid(Some(e));
            }
            Err(LookupFailure::PointerReceiver(_)) => {
                let ts = self.ty_str(x.ty);
                if x.mode == Mode::TypeExpr {
                    self.error(
                        sel.pos,
                        format!("invalid method expression {ts}.{name} (needs pointer receiver (*{ts}).{name})"),
                    );
                } else {
                    self.error(sel.pos, format!("cannot call pointer method {name} on {ts}"));
                }
                return Operand::invalid(Some(e));
            }
            Err(LookupFailure::NotFound) => {
                let why = self.lookup_error(x.ty, name);
                self.error(sel.pos, format!("{xs}.{name} undefined ({why})"));
                return Operand::invalid(Some(e));
            }
        };
        let is_field = s.kind == SelectionKind::FieldVal;
        if is_field {
            if x.mode == Mode::TypeExpr {
                let ts = self.ty_str(x.ty);
                self.error(
                    super::operand::start_pos(xe),
                    format!("operand for field selector {name} must be value of type {ts}"),
                );
                return Operand::invalid(Some(e));
            }
            let ft = self.selection_type(x.ty, &s);
            let mode = if x.mode == Mode::Variable || s.indirect { Mode::Variable } else { Mode::Value };
            self.fi().selections.insert(e.id, Selection { recv: x.ty, ..s });
            return Operand::new(mode, ft, Some(e));
        }
        if (s.obj.0 as usize) < self.ctx.objects.len() && self.ctx.obj(s.obj).ty.is_none() {
            self.obj_decl(s.obj);
        }
        let sig = self.selection_type(x.ty, &s);
        let Type::Signature(ms) = self.ctx.ty(sig).clone() else {
            return Operand::invalid(Some(e));
        };
        if x.mode == Mode::TypeExpr {
            // Name the receiver parameter when the others are named, as go/types does.
            let name = if ms.params.first().is_some_and(|p| !p.name.is_empty()) {
                ms.recv.as_ref().map(|r| r.name.clone()).filter(|n| !n.is_empty()).unwrap_or_else(|| "_".into())
            } else {
                String::new()
            };
            let mut params =
                vec![Field { name, ty: x.ty, embedded: false, pkg: String::new(), obj: None, tag: String::new() }];
            params.extend(ms.params.iter().cloned());
            let t = self.ctx.new_type(Type::Signature(Signature { recv: None, params, ..ms }));
            self.fi().selections.insert(e.id, Selection { kind: SelectionKind::MethodExpr, recv: x.ty, ..s });
            return Operand::new(Mode::Value, t, Some(e));
        }
        let t = self.ctx.new_type(Type::Signature(Signature { recv: None, ..ms }));
        self.fi().selections.insert(e.id, Selection { kind: SelectionKind::MethodVal, recv: x.ty, ..s });
        Operand::new(Mode::Value, t, Some(e))
    }

    /// `pkg.Name`.
    fn qualified_ident(
        &mut self,
        e: &'a Expr,
        xe: &'a Expr,
        pkg_obj: crate::ObjId,
        path: &str,
        sel: &'a Ident,
    ) -> Operand<'a> {
        self.record_use(xe, pkg_obj);
        self.used.insert(pkg_obj);
        let pkg_name = self.ctx.packages.get(path).map(|p| p.name.clone()).unwrap_or_default();
        let exp = self.ctx.packages.get(path).and_then(|p| p.scope.get(&sel.name).copied());
        let es = self.expr_string(e);
        let Some(exp) = exp else {
            let alt = self.ctx.packages.get(path).and_then(|p| {
                let mut names: Vec<&String> = p
                    .scope
                    .keys()
                    .filter(|n| n.eq_ignore_ascii_case(&sel.name) && n.chars().next().is_some_and(|c| c.is_uppercase()))
                    .collect();
                names.sort();
                names.first().map(|s| s.to_string())
            });
            match alt {
                _ if !super::expr::is_valid_name(&sel.name) => {}
                Some(a) => self.error(sel.pos, format!("undefined: {es} (but have {a})")),
                None => self.error(sel.pos, format!("undefined: {es}")),
            }
            return Operand::invalid(Some(e));
        };
        if !sel.name.chars().next().is_some_and(|c| c.is_uppercase()) {
            self.error(sel.pos, format!("name {} not exported by package {pkg_name}", sel.name));
        }
        self.record_use(e, exp);
        let o = self.ctx.obj(exp);
        let ty = o.ty.unwrap_or(INVALID);
        match o.kind.clone() {
            ObjKind::Const(v) => {
                let mut x = Operand::new(Mode::Constant, ty, Some(e));
                x.val = Some(v);
                x
            }
            ObjKind::TypeName { .. } => Operand::new(Mode::TypeExpr, ty, Some(e)),
            ObjKind::Var { .. } => Operand::new(Mode::Variable, ty, Some(e)),
            ObjKind::Func => Operand::new(Mode::Value, ty, Some(e)),
            ObjKind::Builtin(b) => {
                let mut x = Operand::new(Mode::Builtin, INVALID, Some(e));
                x.builtin = Some(b);
                x
            }
            _ => Operand::invalid(Some(e)),
        }
    }

    /// Why looking up `name` in `t` failed, as types2's `lookupError` says it.
    pub(super) fn lookup_error(&mut self, t: TypeId, name: &str) -> String {
        let ts = self.ty_str(t);
        if let Type::Pointer(b) = self.ctx.ty(self.ctx.underlying(t)) {
            let b = *b;
            if self.ctx.is_type_param(b) {
                return format!("type {ts} is pointer to type parameter, not type parameter");
            }
            if self.ctx.is_interface(b) {
                return format!("type {ts} is pointer to interface, not interface");
            }
        }
        // A member with different capitalization?
        let mut alt = None;
        let mut cands: Vec<String> = Vec::new();
        let base = match self.ctx.ty(t) {
            Type::Pointer(b) => *b,
            _ => t,
        };
        if let Type::Named(n) = self.ctx.ty(base) {
            let ms = match n.origin.map(|o| self.ctx.ty(o)) {
                Some(Type::Named(on)) => on.methods.clone(),
                _ => n.methods.clone(),
            };
            cands.extend(ms.iter().map(|&m| self.ctx.obj(m).name.clone()));
        }
        match self.ctx.ty(self.ctx.underlying(base)) {
            Type::Struct(fs) => cands.extend(fs.iter().map(|f| f.name.clone())),
            Type::Interface(_) => {
                cands.extend(self.ctx.interface_methods(self.ctx.underlying(base)).into_iter().map(|m| m.name))
            }
            _ => {}
        }
        for c in cands {
            if c != name && c.eq_ignore_ascii_case(name) {
                if let Some(s) = self.ctx.lookup_field_or_method(t, true, &self.path, &c) {
                    let what = if s.kind == SelectionKind::FieldVal { "field" } else { "method" };
                    alt = Some(format!("{what} {c}"));
                    break;
                }
            }
        }
        match alt {
            Some(a) => format!("type {ts} has no field or method {name}, but does have {a}"),
            None => format!("type {ts} has no field or method {name}"),
        }
    }

    /// The type of the field or method (a signature with receiver) that selection `s` on a
    /// value of type `recv` denotes, following the index path through the actual types.
    pub(super) fn selection_type(&mut self, recv: TypeId, s: &Selection) -> TypeId {
        let deref = |c: &Self, t: TypeId| -> TypeId {
            match c.ctx.ty(t) {
                Type::Pointer(b) => *b,
                _ => match c.ctx.ty(c.ctx.underlying(t)) {
                    Type::Pointer(b) if matches!(c.ctx.ty(t), Type::Named(_)) => *b,
                    _ => t,
                },
            }
        };
        let mut t = deref(self, recv);
        if let Type::TypeParam(tp) = self.ctx.ty(t).clone() {
            if s.kind == SelectionKind::FieldVal {
                t = self.ctx.core_type(t).unwrap_or(INVALID);
                t = deref(self, t);
            } else {
                // Methods of a type parameter come from its constraint.
                let ms = self.ctx.interface_methods(tp.constraint);
                if s.index.len() == 1 {
                    return ms.get(s.index[0]).map(|m| m.sig).unwrap_or(INVALID);
                }
                t = tp.constraint;
            }
        }
        let n = s.index.len();
        for (k, &i) in s.index.iter().enumerate() {
            let last = k + 1 == n;
            if last && s.kind != SelectionKind::FieldVal {
                if let Type::Named(nm) = self.ctx.ty(t).clone() {
                    if !self.ctx.is_interface(t) {
                        let ms = match nm.origin.map(|o| self.ctx.ty(o).clone()) {
                            Some(Type::Named(on)) => on.methods,
                            _ => nm.methods,
                        };
                        let Some(&m) = ms.get(i) else { return INVALID };
                        if self.ctx.obj(m).ty.is_none() {
                            self.obj_decl(m);
                        }
                        return self.ctx.method_type(m, t);
                    }
                }
                let u = self.ctx.underlying(t);
                return self.ctx.interface_methods(u).get(i).map(|m| m.sig).unwrap_or(INVALID);
            }
            let u = self.ctx.underlying(t);
            let Type::Struct(fs) = self.ctx.ty(u) else { return INVALID };
            let Some(f) = fs.get(i) else { return INVALID };
            if last {
                return f.ty;
            }
            t = deref(self, f.ty);
        }
        INVALID
    }
}
