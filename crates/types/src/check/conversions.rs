//! Conversions `T(x)` (go/types' `conversions.go`).
//!
//! A constant converted to a constant type stays constant (its value rounded or, for an
//! integer to a string type, turned into the UTF-8 of that code point); everything else
//! becomes a value. An untyped argument's recorded type becomes final here: `T` itself, or
//! the argument's default type when `T` is an interface or a non-constant type
//! (`[]byte("x")` records `"x"` as `string`).

use super::{Checker, Operand};
use crate::constant::Value;
use crate::ty::{BasicKind, Type, TypeId};
use crate::universe::INVALID;
use crate::Mode;

impl<'a> Checker<'a> {
    /// Converts `x` to `t` in place, reporting invalid conversions.
    pub(super) fn conversion(&mut self, x: &mut Operand<'a>, t: TypeId) {
        let const_arg = x.mode == Mode::Constant;
        let mut cause = String::new();
        let ok;
        if const_arg && self.is_const_type(t) {
            match self.const_convertible(x, t) {
                Some(v) => {
                    x.val = Some(v);
                    ok = true;
                }
                None => {
                    let xi = self.all_kind(x.ty, |k| k.is_integer());
                    if xi && self.all_kind(t, |k| k.is_integer()) {
                        let vs = x.val.as_ref().map(|v| v.display()).unwrap_or_default();
                        let ts = self.ty_str(t);
                        let p = x.pos();
                        self.error(p, format!("constant {vs} overflows {ts}"));
                        x.mode = Mode::Invalid;
                        return;
                    }
                    ok = false;
                }
            }
        } else if const_arg && self.ctx.is_type_param(t) {
            let terms = match self.ctx.ty(t) {
                Type::TypeParam(tp) => self.ctx.type_terms(tp.constraint),
                _ => None,
            };
            let ts = self.ty_str(t);
            match terms {
                None => {
                    cause = format!("{ts} does not contain specific types");
                    ok = false;
                }
                Some(terms) => {
                    let mut all = !terms.is_empty();
                    for term in terms {
                        let u = self.ctx.underlying(term.ty);
                        if self.ctx.basic_kind(x.ty).is_some_and(|k| k.is_string()) && self.is_bytes_or_runes(u) {
                            continue;
                        }
                        if self.const_convertible(x, u).is_none() {
                            let us = self.ty_str(u);
                            if self.all_kind(x.ty, |k| k.is_integer()) && self.all_kind(u, |k| k.is_integer()) {
                                let vs = x.val.as_ref().map(|v| v.display()).unwrap_or_default();
                                cause = format!("constant {vs} overflows {us} (in {ts})");
                            } else {
                                let xs = self.op_string(x);
                                cause = format!("cannot convert {xs} to type {us} (in {ts})");
                            }
                            all = false;
                            break;
                        }
                    }
                    ok = all;
                }
            }
            x.mode = Mode::Value;
        } else if self.convertible_to(x, t, &mut cause) {
            ok = true;
            x.mode = Mode::Value;
        } else {
            ok = false;
        }
        if !ok {
            let xs = self.op_string(x);
            let ts = self.ty_str(t);
            let p = x.pos();
            if cause.is_empty() {
                self.error(p, format!("cannot convert {xs} to type {ts}"));
            } else {
                self.error(p, format!("cannot convert {xs} to type {ts}: {cause}"));
            }
            x.mode = Mode::Invalid;
            return;
        }
        if self.ctx.is_untyped(x.ty) {
            let is_nil = self.ctx.basic_kind(x.ty) == Some(BasicKind::UntypedNil);
            let mut fin = t;
            if is_nil {
                fin = x.ty;
            } else if (self.ctx.is_interface(t) && !self.ctx.is_type_param(t)) || (const_arg && !self.is_const_type(t))
            {
                fin = self.ctx.default_type(x.ty);
            } else if x.mode == Mode::Constant
                && self.all_kind(x.ty, |k| k.is_integer())
                && self.all_kind(t, |k| k.is_string())
            {
                fin = x.ty;
            }
            if let Some(e) = x.expr {
                self.update_expr_type(e, fin, None);
            }
        }
        if x.mode != Mode::Constant {
            x.val = None;
        }
        x.ty = t;
    }

    /// Basic types other than `unsafe.Pointer` can be constant (go/types' `isConstType`).
    pub(super) fn is_const_type(&self, t: TypeId) -> bool {
        !self.ctx.is_type_param(t)
            && self
                .ctx
                .basic_kind(t)
                .is_some_and(|k| k != BasicKind::UnsafePointer && k != BasicKind::Invalid && k != BasicKind::UntypedNil)
    }

    fn is_bytes_or_runes(&self, u: TypeId) -> bool {
        match self.ctx.ty(u) {
            Type::Slice(e) => matches!(self.ctx.basic_kind(*e), Some(BasicKind::Uint8 | BasicKind::Int32)),
            _ => false,
        }
    }

    /// The value of constant `x` converted to `t`, if it can be.
    fn const_convertible(&self, x: &Operand<'a>, t: TypeId) -> Option<Value> {
        let k = self.ctx.basic_kind(t)?;
        let v = x.val.clone().unwrap_or(Value::Unknown);
        if let Some(nv) = self.representable(&v, k) {
            return Some(nv);
        }
        if self.all_kind(x.ty, |k| k.is_integer()) && k.is_string() {
            let c = v.as_i128().and_then(|i| u32::try_from(i).ok()).and_then(char::from_u32).unwrap_or('\u{FFFD}');
            return Some(Value::String(crate::ConstStr::new(c.to_string().into_bytes())));
        }
        None
    }

    /// Whether non-constant `x` can be converted to `t` (go/types' `convertibleTo`).
    pub(super) fn convertible_to(&mut self, x: &Operand<'a>, t: TypeId, cause: &mut String) -> bool {
        if self.assignable_to(x, t).is_none() {
            return true;
        }
        let v = x.ty;
        let (vu, tu) = (self.ctx.underlying(v), self.ctx.underlying(t));
        let (vp, tp) = (self.ctx.is_type_param(v), self.ctx.is_type_param(t));
        if !vp && !tp && self.ctx.identical(vu, tu) {
            return true;
        }
        if let (Type::Pointer(a), Type::Pointer(b)) = (self.ctx.ty(v).clone(), self.ctx.ty(t).clone()) {
            if self.ctx.identical(self.ctx.underlying(a), self.ctx.underlying(b))
                && !self.ctx.is_type_param(a)
                && !self.ctx.is_type_param(b)
            {
                return true;
            }
        }
        if vp || tp {
            return self.convertible_generic(x, t, cause);
        }
        self.convertible_under(vu, tu)
    }

    /// The rules between underlying types that do not involve type parameters.
    fn convertible_under(&self, vu: TypeId, tu: TypeId) -> bool {
        let vk = match self.ctx.ty(vu) {
            Type::Basic(k) => Some(*k),
            _ => None,
        };
        let tk = match self.ctx.ty(tu) {
            Type::Basic(k) => Some(*k),
            _ => None,
        };
        let int_or_float = |k: Option<BasicKind>| k.is_some_and(|k| k.is_integer() || k.is_float());
        if int_or_float(vk) && int_or_float(tk) {
            return true;
        }
        if vk.is_some_and(|k| k.is_complex()) && tk.is_some_and(|k| k.is_complex()) {
            return true;
        }
        let t_string = tk.is_some_and(|k| k.is_string());
        if (vk.is_some_and(|k| k.is_integer()) || self.is_bytes_or_runes(vu)) && t_string {
            return true;
        }
        if vk.is_some_and(|k| k.is_string()) && self.is_bytes_or_runes(tu) {
            return true;
        }
        let is_ptr = |u: TypeId| matches!(self.ctx.ty(u), Type::Pointer(_));
        let uptr = |k: Option<BasicKind>| k == Some(BasicKind::UnsafePointer);
        let uintptr = |k: Option<BasicKind>| k == Some(BasicKind::Uintptr);
        if (is_ptr(vu) || uintptr(vk)) && uptr(tk) {
            return true;
        }
        if uptr(vk) && (is_ptr(tu) || uintptr(tk)) {
            return true;
        }
        if let Type::Slice(se) = self.ctx.ty(vu) {
            match self.ctx.ty(tu) {
                Type::Array(_, ae) => return self.ctx.identical(*se, *ae),
                Type::Pointer(p) => {
                    if let Type::Array(_, ae) = self.ctx.ty(self.ctx.underlying(*p)) {
                        return self.ctx.identical(*se, *ae);
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// Conversions involving type parameters: every pair of specific types must convert.
    fn convertible_generic(&mut self, x: &Operand<'a>, t: TypeId, cause: &mut String) -> bool {
        let terms_of = |c: &Self, ty: TypeId| -> Option<Vec<TypeId>> {
            match c.ctx.ty(ty) {
                Type::TypeParam(tp) => c.ctx.type_terms(tp.constraint).map(|ts| ts.into_iter().map(|t| t.ty).collect()),
                _ => Some(vec![ty]),
            }
        };
        let (Some(vs), Some(ts)) = (terms_of(self, x.ty), terms_of(self, t)) else { return false };
        if vs.is_empty() || ts.is_empty() {
            return false;
        }
        for &v in &vs {
            for &tt in &ts {
                let mut y = x.clone();
                y.ty = v;
                let vu = self.ctx.underlying(v);
                let tu = self.ctx.underlying(tt);
                let ok = self.assignable_to(&y, tt).is_none()
                    || self.ctx.identical(vu, tu)
                    || self.convertible_under(vu, tu);
                if !ok {
                    let (a, b) = (self.ty_str(v), self.ty_str(tt));
                    if self.ctx.is_type_param(x.ty) && self.ctx.is_type_param(t) {
                        *cause = format!(
                            "cannot convert {a} (in {}) to type {b} (in {})",
                            self.ty_str(x.ty),
                            self.ty_str(t)
                        );
                    } else if self.ctx.is_type_param(x.ty) {
                        *cause = format!("cannot convert {a} (in {}) to type {b}", self.ty_str(x.ty));
                    } else {
                        let xs = self.op_string(x);
                        *cause = format!("cannot convert {xs} to type {b} (in {})", self.ty_str(t));
                    }
                    return false;
                }
            }
        }
        let _ = INVALID;
        true
    }
}
