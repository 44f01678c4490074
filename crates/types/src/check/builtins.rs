//! Calls of predeclared functions (go/types' `builtins.go`).
//!
//! Each builtin checks its arguments by its own rules and computes its result: constant
//! folding for `len`/`cap` of arrays and constant strings, `min`/`max`, `complex`/`real`/
//! `imag` and `unsafe.Sizeof`/`Alignof`/`Offsetof` (gc's amd64 layout from `sizes.rs`). As in
//! go/types, a non-constant call records the builtin's call-site signature on the function
//! expression (mode `Builtin`).

use syntax::ast::{Expr, ExprKind, UnaryOp};

use super::operand::start_pos;
use super::{Checker, Operand};
use crate::constant::Value;
use crate::lookup::LookupFailure;
use crate::ty::{BasicKind, Field, Interface, Signature, Type, TypeId};
use crate::universe::{BYTE, INVALID};
use crate::{Builtin, Mode, SelectionKind};

/// Name, minimum argument count, variadic.
fn builtin_info(b: Builtin) -> (&'static str, usize, bool) {
    use Builtin::*;
    match b {
        Append => ("append", 1, true),
        Cap => ("cap", 1, false),
        Clear => ("clear", 1, false),
        Close => ("close", 1, false),
        Complex => ("complex", 2, false),
        Copy => ("copy", 2, false),
        Delete => ("delete", 2, false),
        Imag => ("imag", 1, false),
        Len => ("len", 1, false),
        Make => ("make", 1, true),
        Max => ("max", 1, true),
        Min => ("min", 1, true),
        New => ("new", 1, false),
        Panic => ("panic", 1, false),
        Print => ("print", 0, true),
        Println => ("println", 0, true),
        Real => ("real", 1, false),
        Recover => ("recover", 0, false),
        Add => ("Add", 2, false),
        Alignof => ("Alignof", 1, false),
        Offsetof => ("Offsetof", 1, false),
        Sizeof => ("Sizeof", 1, false),
        Slice => ("Slice", 2, false),
        SliceData => ("SliceData", 1, false),
        String => ("String", 2, false),
        StringData => ("StringData", 1, false),
    }
}

impl<'a> Checker<'a> {
    /// `b(args...)`; `x` is the builtin operand.
    pub(super) fn builtin_call(
        &mut self,
        call: &'a Expr,
        x: &mut Operand<'a>,
        b: Builtin,
        args: &'a [Expr],
        ddd: bool,
    ) -> Operand<'a> {
        let fun = match &call.kind {
            ExprKind::Call { fun, .. } => &**fun,
            _ => call,
        };
        match self.builtin_inner(call, fun, x, b, args, ddd) {
            Some(r) => r,
            None => Operand::invalid(Some(call)),
        }
    }

    fn builtin_inner(
        &mut self,
        call: &'a Expr,
        fun: &'a Expr,
        _x: &mut Operand<'a>,
        b: Builtin,
        arg_list: &'a [Expr],
        ddd: bool,
    ) -> Option<Operand<'a>> {
        let (name, min_args, variadic) = builtin_info(b);
        if ddd && b != Builtin::Append {
            self.error(start_pos(call), format!("invalid operation: invalid use of ... with built-in {name}"));
            self.use_exprs(arg_list);
            return None;
        }
        let mut args: Vec<Operand<'a>> = Vec::new();
        let nargs;
        match b {
            Builtin::Make | Builtin::New | Builtin::Offsetof => nargs = arg_list.len(),
            _ => {
                args = self.builtin_args(arg_list);
                nargs = args.len();
                if args.iter().any(|a| a.mode == Mode::Invalid) {
                    return None;
                }
            }
        }
        let msg = if nargs < min_args {
            "not enough"
        } else if !variadic && nargs > min_args {
            "too many"
        } else {
            ""
        };
        if !msg.is_empty() {
            let cs = self.expr_string(call);
            self.error(
                start_pos(call),
                format!("invalid operation: {msg} arguments for {cs} (expected {min_args}, found {nargs})"),
            );
            return None;
        }
        let int = self.ctx.basic(BasicKind::Int);
        let uintptr = self.ctx.basic(BasicKind::Uintptr);
        let mut x = args.first().cloned().unwrap_or_else(|| Operand::new(Mode::NoValue, INVALID, Some(call)));
        match b {
            Builtin::Append => {
                let elem = match self.slice_elem(&x) {
                    Ok(e) => e,
                    Err(msg) => {
                        self.error(x.pos(), format!("invalid append: {msg}"));
                        return None;
                    }
                };
                if nargs == 2 && ddd {
                    let bs = self.ctx.new_slice(BYTE);
                    if self.assignable_to(&x, bs).is_none() {
                        let y = args[1].clone();
                        let mut has_string = false;
                        let ok = self.under_all(y.ty, |c, u| match c.ctx.ty(u) {
                            Type::Slice(e) => c.ctx.identical(*e, BYTE),
                            Type::Basic(k) if k.is_string() => {
                                has_string = true;
                                true
                            }
                            _ => false,
                        });
                        if ok && has_string {
                            let sig = self.make_sig(Some(x.ty), &[x.ty, y.ty], true);
                            self.record_builtin_type(fun, sig);
                            x.mode = Mode::Value;
                            x.val = None;
                            return Some(self.finish(call, x));
                        }
                    }
                }
                let es = self.ctx.new_slice(elem);
                let sig_id = self.make_sig(Some(x.ty), &[x.ty, es], true);
                let Type::Signature(sig) = self.ctx.ty(sig_id).clone() else { return None };
                let _ = self.arguments_for_builtin(call, fun, sig_id, &sig, &mut args, ddd);
                self.record_builtin_type(fun, sig_id);
                x.mode = Mode::Value;
                x.val = None;
            }
            Builtin::Cap | Builtin::Len => {
                let is_len = b == Builtin::Len;
                let mut mode = Mode::Invalid;
                let mut val = None;
                let ok_under = |c: &Self, u: TypeId| -> Option<bool> {
                    // Some(true): array length known statically.
                    let u = match c.ctx.ty(u) {
                        Type::Pointer(p) => match c.ctx.ty(c.ctx.underlying(*p)) {
                            Type::Array(..) => c.ctx.underlying(*p),
                            _ => u,
                        },
                        _ => u,
                    };
                    match c.ctx.ty(u) {
                        Type::Basic(k) if k.is_string() && is_len => Some(false),
                        Type::Array(..) => Some(true),
                        Type::Slice(_) | Type::Chan(..) => Some(false),
                        Type::Map(..) if is_len => Some(false),
                        _ => None,
                    }
                };
                if let Type::TypeParam(tp) = self.ctx.ty(x.ty).clone() {
                    if let Some(ts) = self.ctx.type_terms(tp.constraint) {
                        if !ts.is_empty() && ts.iter().all(|t| ok_under(self, self.ctx.underlying(t.ty)).is_some()) {
                            mode = Mode::Value;
                        }
                    }
                } else {
                    let u = self.ctx.underlying(x.ty);
                    match ok_under(self, u) {
                        Some(true) => {
                            mode = Mode::Value;
                            let arr = match self.ctx.ty(u) {
                                Type::Pointer(p) => self.ctx.underlying(*p),
                                _ => u,
                            };
                            if !self.has_call_or_recv(&arg_list[0], 0) {
                                mode = Mode::Constant;
                                if let Type::Array(n, _) = self.ctx.ty(arr) {
                                    val = Some(if *n < 0 { Value::Unknown } else { Value::int(*n) });
                                }
                            }
                        }
                        Some(false) => {
                            mode = Mode::Value;
                            if is_len && x.mode == Mode::Constant {
                                if let Some(Value::String(s)) = &x.val {
                                    mode = Mode::Constant;
                                    val = Some(Value::int(s.len()));
                                }
                            }
                        }
                        None => {}
                    }
                }
                if mode == Mode::Invalid {
                    if x.ty != INVALID {
                        let s = self.op_string(&x);
                        self.error(x.pos(), format!("invalid argument: {s} for built-in {name}"));
                    }
                    return None;
                }
                if mode != Mode::Constant {
                    let sig = self.make_sig(Some(int), &[x.ty], false);
                    self.record_builtin_type(fun, sig);
                }
                x.mode = mode;
                x.ty = int;
                x.val = val;
            }
            Builtin::Clear => {
                let ok = self.under_all(x.ty, |c, u| matches!(c.ctx.ty(u), Type::Map(..) | Type::Slice(_)));
                if !ok {
                    let s = self.op_string(&x);
                    self.error(
                        x.pos(),
                        format!(
                            "invalid argument: cannot clear {s}: argument must be (or constrained by) map or slice"
                        ),
                    );
                    return None;
                }
                let sig = self.make_sig(None, &[x.ty], false);
                self.record_builtin_type(fun, sig);
                x.mode = Mode::NoValue;
            }
            Builtin::Close => {
                let mut err = None;
                self.under_all(x.ty, |c, u| match c.ctx.ty(u) {
                    Type::Chan(d, _) if *d == crate::ChanDir::Recv => {
                        err = Some("cannot close receive-only channel");
                        false
                    }
                    Type::Chan(..) => true,
                    _ => {
                        err = Some("cannot close non-channel");
                        false
                    }
                });
                if let Some(m) = err {
                    let s = self.op_string(&x);
                    self.error(x.pos(), format!("invalid operation: {m} {s}"));
                    return None;
                }
                let sig = self.make_sig(None, &[x.ty], false);
                self.record_builtin_type(fun, sig);
                x.mode = Mode::NoValue;
            }
            Builtin::Complex => {
                let mut y = args[1].clone();
                let d = (self.ctx.is_untyped(x.ty) as u8) | ((self.ctx.is_untyped(y.ty) as u8) << 1);
                match d {
                    1 => {
                        let yt = y.ty;
                        self.convert_untyped(&mut x, yt);
                    }
                    2 => {
                        let xt = x.ty;
                        self.convert_untyped(&mut y, xt);
                    }
                    3 => {
                        if x.mode == Mode::Constant && y.mode == Mode::Constant {
                            let uf = self.ctx.basic(BasicKind::UntypedFloat);
                            for o in [&mut x, &mut y] {
                                let real = match &o.val {
                                    Some(Value::Complex(_, i)) => i.is_zero(),
                                    _ => true,
                                };
                                if self.ctx.basic_kind(o.ty).is_some_and(|k| k.is_numeric()) && real {
                                    o.ty = uf;
                                }
                            }
                        } else {
                            let f64t = self.ctx.basic(BasicKind::Float64);
                            self.convert_untyped(&mut x, f64t);
                            self.convert_untyped(&mut y, f64t);
                        }
                    }
                    _ => {}
                }
                if x.mode == Mode::Invalid || y.mode == Mode::Invalid {
                    return None;
                }
                if !self.ctx.identical(x.ty, y.ty) {
                    let cs = self.expr_string(call);
                    let (a, bt) = (self.ty_str(x.ty), self.ty_str(y.ty));
                    self.error(x.pos(), format!("invalid operation: {cs} (mismatched types {a} and {bt})"));
                    return None;
                }
                let res = self.apply_type_func(x.ty, |k| match k {
                    BasicKind::Float32 => Some(BasicKind::Complex64),
                    BasicKind::Float64 => Some(BasicKind::Complex128),
                    BasicKind::UntypedFloat => Some(BasicKind::UntypedComplex),
                    _ => None,
                });
                let Some(res) = res else {
                    let ts = self.ty_str(x.ty);
                    self.error(x.pos(), format!("invalid argument: arguments have type {ts}, expected floating-point"));
                    return None;
                };
                if x.mode == Mode::Constant && y.mode == Mode::Constant {
                    let (re, im) = (x.val.clone().unwrap_or(Value::Unknown), y.val.clone().unwrap_or(Value::Unknown));
                    x.val = Some(Value::make_complex(&re, &im));
                } else {
                    x.mode = Mode::Value;
                    x.val = None;
                    let sig = self.make_sig(Some(res), &[x.ty, x.ty], false);
                    self.record_builtin_type(fun, sig);
                }
                x.ty = res;
            }
            Builtin::Copy => {
                let y = args[1].clone();
                let bs = self.ctx.new_slice(BYTE);
                let mut special = false;
                if self.assignable_to(&x, bs).is_none() {
                    special = self.under_all(y.ty, |c, u| match c.ctx.ty(u) {
                        Type::Slice(e) => c.ctx.identical(*e, BYTE),
                        Type::Basic(k) => k.is_string(),
                        _ => false,
                    });
                }
                if !special {
                    let dst = match self.slice_elem(&x) {
                        Ok(e) => e,
                        Err(m) => {
                            self.error(x.pos(), format!("invalid copy: {m}"));
                            return None;
                        }
                    };
                    let src = match self.slice_elem(&y) {
                        Ok(e) => e,
                        Err(m) => {
                            if !self.all_kind(y.ty, |k| k.is_string()) {
                                self.error(y.pos(), format!("invalid copy: {m}"));
                                return None;
                            }
                            BYTE
                        }
                    };
                    if !self.ctx.identical(dst, src) {
                        let (xs, ys) = (self.op_string(&x), self.op_string(&y));
                        let (ds, ss) = (self.ty_str(dst), self.ty_str(src));
                        self.error(
                            x.pos(),
                            format!("invalid copy: arguments {xs} and {ys} have different element types {ds} and {ss}"),
                        );
                        return None;
                    }
                }
                let sig = self.make_sig(Some(int), &[x.ty, y.ty], false);
                self.record_builtin_type(fun, sig);
                x.mode = Mode::Value;
                x.ty = int;
                x.val = None;
            }
            Builtin::Delete => {
                let map = x.ty;
                let mut key: Option<TypeId> = None;
                let mut err = None;
                self.under_all(map, |c, u| match c.ctx.ty(u) {
                    Type::Map(k, _) => {
                        if let Some(pk) = key {
                            if !c.ctx.identical(pk, *k) {
                                err = Some(true);
                                return false;
                            }
                        }
                        key = Some(*k);
                        true
                    }
                    _ => {
                        err = Some(false);
                        false
                    }
                });
                if let Some(e) = err {
                    let s = self.op_string(&x);
                    let m = if e {
                        format!("invalid argument: maps of {s} must have identical key types")
                    } else {
                        format!("invalid argument: {s} is not a map")
                    };
                    self.error(x.pos(), m);
                    return None;
                }
                let key = key.unwrap_or(INVALID);
                let mut k = args[1].clone();
                self.assignment(&mut k, Some(key), "argument to delete");
                if k.mode == Mode::Invalid {
                    return None;
                }
                let sig = self.make_sig(None, &[map, key], false);
                self.record_builtin_type(fun, sig);
                x.mode = Mode::NoValue;
            }
            Builtin::Imag | Builtin::Real => {
                if self.ctx.is_untyped(x.ty) {
                    if x.mode == Mode::Constant {
                        if self.ctx.basic_kind(x.ty).is_some_and(|k| k.is_numeric()) {
                            x.ty = self.ctx.basic(BasicKind::UntypedComplex);
                        }
                    } else {
                        let c128 = self.ctx.basic(BasicKind::Complex128);
                        self.convert_untyped(&mut x, c128);
                        if x.mode == Mode::Invalid {
                            return None;
                        }
                    }
                }
                let res = self.apply_type_func(x.ty, |k| match k {
                    BasicKind::Complex64 => Some(BasicKind::Float32),
                    BasicKind::Complex128 => Some(BasicKind::Float64),
                    BasicKind::UntypedComplex => Some(BasicKind::UntypedFloat),
                    _ => None,
                });
                let Some(res) = res else {
                    let ts = self.ty_str(x.ty);
                    self.error(x.pos(), format!("invalid argument: argument has type {ts}, expected complex type"));
                    return None;
                };
                if x.mode == Mode::Constant {
                    let v = x.val.clone().unwrap_or(Value::Unknown);
                    x.val = Some(if b == Builtin::Real { v.real() } else { v.imag() });
                } else {
                    x.mode = Mode::Value;
                    let sig = self.make_sig(Some(res), &[x.ty], false);
                    self.record_builtin_type(fun, sig);
                }
                x.ty = res;
            }
            Builtin::Make => {
                let arg0 = &arg_list[0];
                let t = self.typ(arg0);
                if t == INVALID {
                    self.use_exprs(&arg_list[1..]);
                    return None;
                }
                let min = match self.ctx.core_type(t).map(|c| self.ctx.ty(c).clone()) {
                    Some(Type::Slice(_)) => 2,
                    Some(Type::Map(..)) | Some(Type::Chan(..)) => 1,
                    other => {
                        let a = self.expr_string(arg0);
                        let cause =
                            if other.is_none() { "no specific type" } else { "type must be slice, map, or channel" };
                        self.error(start_pos(arg0), format!("invalid argument: cannot make {a}: {cause}"));
                        self.use_exprs(&arg_list[1..]);
                        return None;
                    }
                };
                if nargs < min || min + 1 < nargs {
                    let cs = self.expr_string(call);
                    self.error(
                        start_pos(call),
                        format!("invalid operation: {cs} expects {min} or {} arguments; found {nargs}", min + 1),
                    );
                    self.use_exprs(&arg_list[1..]);
                    return None;
                }
                let mut types = vec![t];
                let mut sizes = Vec::new();
                for a in &arg_list[1..] {
                    let v = self.index(a, -1);
                    let at = self.fi().types.get(&a.id).map(|tv| tv.ty).unwrap_or(INVALID);
                    types.push(at);
                    if v >= 0 {
                        sizes.push(v);
                    }
                }
                if sizes.len() == 2 && sizes[0] > sizes[1] {
                    self.error(start_pos(&arg_list[1]), "invalid argument: length and capacity swapped");
                }
                let sig = self.make_sig(Some(t), &types, false);
                self.record_builtin_type(fun, sig);
                x = Operand::new(Mode::Value, t, Some(call));
            }
            Builtin::Max | Builtin::Min => {
                let mut acc = x.clone();
                for (i, a) in args.iter_mut().enumerate() {
                    if !self.all_kind(a.ty, |k| k.is_integer() || k.is_float() || k.is_string()) {
                        let s = self.op_string(a);
                        self.error(a.pos(), format!("invalid argument: {s} cannot be ordered"));
                        return None;
                    }
                    if i == 0 {
                        continue;
                    }
                    self.match_types(&mut acc, a);
                    if acc.mode == Mode::Invalid {
                        return None;
                    }
                    if !self.ctx.identical(acc.ty, a.ty) {
                        let (xt, at) = (self.ty_str(acc.ty), self.ty_str(a.ty));
                        let ae = a.expr.map(|e| self.expr_string(e)).unwrap_or_default();
                        self.error(
                            a.pos(),
                            format!(
                                "invalid argument: mismatched types {xt} (previous argument) and {at} (type of {ae})"
                            ),
                        );
                        return None;
                    }
                    if acc.mode == Mode::Constant && a.mode == Mode::Constant {
                        let op =
                            if b == Builtin::Max { syntax::ast::BinaryOp::Gtr } else { syntax::ast::BinaryOp::Lss };
                        if let (Some(av), Some(xv)) = (&a.val, &acc.val) {
                            if av.compare(op, xv) == Some(true) {
                                acc = a.clone();
                            }
                        }
                    } else {
                        acc.mode = Mode::Value;
                        acc.val = None;
                    }
                }
                let t = acc.ty;
                for a in &args {
                    if let Some(e) = a.expr {
                        self.update_expr_type(e, t, None);
                    }
                }
                if acc.mode != Mode::Constant {
                    let types = vec![t; nargs];
                    let sig = self.make_sig(Some(t), &types, false);
                    self.record_builtin_type(fun, sig);
                }
                x = acc;
            }
            Builtin::New => {
                let arg = &arg_list[0];
                let mut y = self.raw_expr(arg, None, false);
                self.exclude(&mut y, super::expr::NO_VALUE | super::expr::BUILTIN);
                self.single_value(&mut y);
                match y.mode {
                    Mode::Invalid => return None,
                    Mode::TypeExpr => {}
                    _ => {
                        if self.ctx.is_untyped(y.ty) {
                            self.assignment(&mut y, None, "argument to new");
                            if y.mode == Mode::Invalid {
                                return None;
                            }
                        }
                    }
                }
                let t = y.ty;
                let p = self.ctx.new_pointer(t);
                let sig = self.make_sig(Some(p), &[t], false);
                self.record_builtin_type(fun, sig);
                x = Operand::new(Mode::Value, p, Some(call));
            }
            Builtin::Panic => {
                let empty = self.empty_interface();
                self.assignment(&mut x, Some(empty), "argument to panic");
                if x.mode == Mode::Invalid {
                    return None;
                }
                let sig = self.make_sig(None, &[empty], false);
                self.record_builtin_type(fun, sig);
                x.mode = Mode::NoValue;
            }
            Builtin::Print | Builtin::Println => {
                let mut params = Vec::new();
                for a in args.iter_mut() {
                    self.assignment(a, None, &format!("argument to built-in {name}"));
                    if a.mode == Mode::Invalid {
                        return None;
                    }
                    params.push(a.ty);
                }
                let sig = self.make_sig(None, &params, false);
                self.record_builtin_type(fun, sig);
                x = Operand::new(Mode::NoValue, INVALID, Some(call));
            }
            Builtin::Recover => {
                let empty = self.empty_interface();
                let sig = self.make_sig(Some(empty), &[], false);
                self.record_builtin_type(fun, sig);
                x = Operand::new(Mode::Value, empty, Some(call));
            }
            Builtin::Add => {
                let up = self.ctx.basic(BasicKind::UnsafePointer);
                self.assignment(&mut x, Some(up), "argument to unsafe.Add");
                if x.mode == Mode::Invalid {
                    return None;
                }
                let mut y = args[1].clone();
                if !self.is_valid_index(&mut y, "length", true) {
                    return None;
                }
                let sig = self.make_sig(Some(up), &[up, y.ty], false);
                self.record_builtin_type(fun, sig);
                x = Operand::new(Mode::Value, up, Some(call));
            }
            Builtin::Alignof | Builtin::Sizeof => {
                let what =
                    if b == Builtin::Alignof { "argument to unsafe.Alignof" } else { "argument to unsafe.Sizeof" };
                self.assignment(&mut x, None, what);
                if x.mode == Mode::Invalid {
                    return None;
                }
                if self.has_var_size(x.ty, 0) {
                    let sig = self.make_sig(Some(uintptr), &[x.ty], false);
                    self.record_builtin_type(fun, sig);
                    x.mode = Mode::Value;
                    x.val = None;
                } else {
                    let v = if b == Builtin::Alignof { self.ctx.align_of(x.ty) } else { self.ctx.size_of(x.ty) };
                    x.mode = Mode::Constant;
                    x.val = Some(Value::int(v));
                }
                x.ty = uintptr;
            }
            Builtin::Offsetof => {
                let arg0 = &arg_list[0];
                let ExprKind::Selector { x: sx, sel } = &arg0.unparen().kind else {
                    let a = self.expr_string(arg0);
                    self.error(start_pos(arg0), format!("invalid argument: {a} is not a selector expression"));
                    self.use_exprs(std::slice::from_ref(arg0));
                    return None;
                };
                let selx = arg0.unparen();
                let y = self.expr(sx, None);
                if y.mode == Mode::Invalid {
                    return None;
                }
                let base = match self.ctx.ty(y.ty) {
                    Type::Pointer(p) if matches!(self.ctx.ty(self.ctx.underlying(*p)), Type::Struct(_)) => *p,
                    _ => y.ty,
                };
                self.ensure_methods(base);
                let bs = self.ty_str(base);
                let s = match self.ctx.lookup_detailed(base, false, &self.path, &sel.name) {
                    Ok(s) => s,
                    Err(LookupFailure::PointerReceiver(_)) => {
                        let a = self.expr_string(arg0);
                        self.error(start_pos(arg0), format!("invalid argument: {a} is a method value"));
                        return None;
                    }
                    Err(_) => {
                        self.error(y.pos(), format!("invalid argument: {bs} has no single field {}", sel.name));
                        return None;
                    }
                };
                if s.kind != SelectionKind::FieldVal {
                    let a = self.expr_string(arg0);
                    self.error(start_pos(arg0), format!("invalid argument: {a} is a method value"));
                    return None;
                }
                if s.indirect {
                    self.error(
                        y.pos(),
                        format!("invalid argument: field {} is embedded via a pointer in {bs}", sel.name),
                    );
                    return None;
                }
                let ft = self.selection_type(base, &s);
                self.fi().selections.insert(selx.id, crate::Selection { recv: base, ..s.clone() });
                let mode = if y.mode == Mode::Variable { Mode::Variable } else { Mode::Value };
                self.record(selx, mode, ft, None);
                if self.has_var_size(base, 0) {
                    let sig = self.make_sig(Some(uintptr), &[ft], false);
                    self.record_builtin_type(fun, sig);
                    x = Operand::new(Mode::Value, uintptr, Some(call));
                } else {
                    let off = self.offset_of(base, &s.index);
                    x = Operand::new(Mode::Constant, uintptr, Some(call));
                    x.val = Some(Value::int(off));
                }
            }
            Builtin::Slice => {
                let ptr = match self.ctx.core_type(x.ty).map(|c| self.ctx.ty(c).clone()) {
                    Some(Type::Pointer(b)) => b,
                    _ => {
                        let s = self.op_string(&x);
                        self.error(x.pos(), format!("invalid argument: {s} is not a pointer"));
                        return None;
                    }
                };
                let mut y = args[1].clone();
                if !self.is_valid_index(&mut y, "length", false) {
                    return None;
                }
                let st = self.ctx.new_slice(ptr);
                let pt = self.ctx.new_pointer(ptr);
                let sig = self.make_sig(Some(st), &[pt, y.ty], false);
                self.record_builtin_type(fun, sig);
                x = Operand::new(Mode::Value, st, Some(call));
            }
            Builtin::SliceData => {
                let elem = match self.ctx.core_type(x.ty).map(|c| self.ctx.ty(c).clone()) {
                    Some(Type::Slice(e)) => e,
                    _ => {
                        let s = self.op_string(&x);
                        self.error(x.pos(), format!("invalid argument: {s} is not a slice"));
                        return None;
                    }
                };
                let p = self.ctx.new_pointer(elem);
                let st = self.ctx.new_slice(elem);
                let sig = self.make_sig(Some(p), &[st], false);
                self.record_builtin_type(fun, sig);
                x = Operand::new(Mode::Value, p, Some(call));
            }
            Builtin::String => {
                let pb = self.ctx.new_pointer(BYTE);
                self.assignment(&mut x, Some(pb), "argument to unsafe.String");
                if x.mode == Mode::Invalid {
                    return None;
                }
                let mut y = args[1].clone();
                if !self.is_valid_index(&mut y, "length", false) {
                    return None;
                }
                let st = self.ctx.basic(BasicKind::String);
                let sig = self.make_sig(Some(st), &[pb, y.ty], false);
                self.record_builtin_type(fun, sig);
                x = Operand::new(Mode::Value, st, Some(call));
            }
            Builtin::StringData => {
                let st = self.ctx.basic(BasicKind::String);
                self.assignment(&mut x, Some(st), "argument to unsafe.StringData");
                if x.mode == Mode::Invalid {
                    return None;
                }
                let pb = self.ctx.new_pointer(BYTE);
                let sig = self.make_sig(Some(pb), &[st], false);
                self.record_builtin_type(fun, sig);
                x = Operand::new(Mode::Value, pb, Some(call));
            }
        }
        Some(self.finish(call, x))
    }

    fn finish(&mut self, call: &'a Expr, mut x: Operand<'a>) -> Operand<'a> {
        x.expr = Some(call);
        if x.mode != Mode::Constant {
            x.val = None;
        }
        x
    }

    /// Arguments of a builtin: a single multi-valued call is spread.
    fn builtin_args(&mut self, args: &'a [Expr]) -> Vec<Operand<'a>> {
        if args.len() == 1 {
            let mut x = self.raw_expr(&args[0], None, false);
            self.exclude(&mut x, super::expr::NO_VALUE | super::expr::BUILTIN | super::expr::TYPE_EXPR);
            if x.mode != Mode::Invalid {
                if let Type::Tuple(ts, _) = self.ctx.ty(x.ty).clone() {
                    return ts.into_iter().map(|t| Operand::new(Mode::Value, t, Some(&args[0]))).collect();
                }
            }
            return vec![x];
        }
        args.iter().map(|a| self.expr(a, None)).collect()
    }

    fn arguments_for_builtin(
        &mut self,
        call: &'a Expr,
        fun: &'a Expr,
        sig_id: TypeId,
        sig: &Signature,
        args: &mut [Operand<'a>],
        ddd: bool,
    ) -> bool {
        let fs = self.expr_string(fun);
        let nargs = args.len();
        let mut params: Vec<TypeId> = sig.params.iter().map(|f| f.ty).collect();
        if ddd {
            if nargs != params.len() {
                let a0 = args.first().and_then(|a| a.expr).map(|e| self.expr_string(e)).unwrap_or_default();
                self.error(start_pos(call), format!("cannot use ... with {nargs}-valued {a0}"));
                return false;
            }
        } else {
            let last = params.pop().unwrap_or(INVALID);
            let elem = match self.ctx.ty(last) {
                Type::Slice(e) => *e,
                _ => INVALID,
            };
            while params.len() < nargs {
                params.push(elem);
            }
        }
        let _ = sig_id;
        let ctx = format!("argument to {fs}");
        for (a, &p) in args.iter_mut().zip(&params) {
            self.assignment(a, Some(p), &ctx);
        }
        true
    }

    /// The element type shared by all slice types in `x`'s type set (go/types' `sliceElem`).
    fn slice_elem(&mut self, x: &Operand<'a>) -> Result<TypeId, String> {
        let types: Vec<TypeId> = match self.ctx.ty(x.ty) {
            Type::TypeParam(tp) => match self.ctx.type_terms(tp.constraint) {
                Some(ts) if !ts.is_empty() => ts.iter().map(|t| self.ctx.underlying(t.ty)).collect(),
                _ => vec![INVALID],
            },
            _ => vec![self.ctx.underlying(x.ty)],
        };
        let mut elem: Option<TypeId> = None;
        for u in types {
            let Type::Slice(e) = self.ctx.ty(u).clone() else {
                if self.ctx.basic_kind(x.ty) == Some(BasicKind::UntypedNil) {
                    return Err("argument must be a slice; have untyped nil".into());
                }
                let s = self.op_string(x);
                return Err(format!("argument must be a slice; have {s}"));
            };
            match elem {
                None => elem = Some(e),
                Some(p) if !self.ctx.identical(p, e) => {
                    let s = self.op_string(x);
                    let (a, b) = (self.ty_str(p), self.ty_str(e));
                    return Err(format!("mismatched slice element types {a} and {b} in {s}"));
                }
                _ => {}
            }
        }
        Ok(elem.unwrap_or(INVALID))
    }

    /// Whether `f` holds for the underlying type of every type in `t`'s type set.
    fn under_all(&mut self, t: TypeId, mut f: impl FnMut(&Self, TypeId) -> bool) -> bool {
        let types: Vec<TypeId> = match self.ctx.ty(t) {
            Type::TypeParam(tp) => match self.ctx.type_terms(tp.constraint) {
                Some(ts) if !ts.is_empty() => ts.iter().map(|x| self.ctx.underlying(x.ty)).collect(),
                _ => return false,
            },
            _ => vec![self.ctx.underlying(t)],
        };
        types.into_iter().all(|u| f(self, u))
    }

    /// The result type `f` maps `t`'s basic kind to; for a type parameter, the common
    /// result over its type set.
    fn apply_type_func(&self, t: TypeId, f: impl Fn(BasicKind) -> Option<BasicKind>) -> Option<TypeId> {
        if let Type::TypeParam(tp) = self.ctx.ty(t) {
            let ts = self.ctx.type_terms(tp.constraint)?;
            let mut res = None;
            for term in ts {
                let k = f(self.ctx.basic_kind(term.ty)?)?;
                if res.is_some_and(|r| r != k) {
                    return None;
                }
                res = Some(k);
            }
            return res.map(|k| self.ctx.basic(k));
        }
        let k = f(self.ctx.basic_kind(t)?)?;
        Some(self.ctx.basic(k))
    }

    /// A builtin's call-site signature (go/types' `makeSig`: untyped parameter types are
    /// replaced by their default types).
    fn make_sig(&mut self, res: Option<TypeId>, params: &[TypeId], variadic: bool) -> TypeId {
        let fld = |t: TypeId| Field {
            name: String::new(),
            ty: t,
            embedded: false,
            pkg: String::new(),
            obj: None,
            tag: String::new(),
        };
        let params = params.iter().map(|&t| fld(self.ctx.default_type(t))).collect();
        self.ctx.new_type(Type::Signature(Signature {
            recv: None,
            params,
            results: res.map(|t| vec![fld(t)]).unwrap_or_default(),
            variadic,
            type_params: vec![],
        }))
    }

    /// Records a builtin's call-site signature on its (possibly parenthesized or
    /// qualified) name.
    fn record_builtin_type(&mut self, fun: &'a Expr, sig: TypeId) {
        let mut f = fun;
        loop {
            self.record(f, Mode::Builtin, sig, None);
            match &f.kind {
                ExprKind::Paren(x) => f = x,
                _ => break,
            }
        }
    }

    /// `interface{}` as types2 prints it.
    pub(super) fn empty_interface(&mut self) -> TypeId {
        self.ctx.new_type(Type::Interface(Interface {
            methods: vec![],
            embeddeds: vec![],
            unions: vec![],
            comparable: false,
            complete: true,
            all_methods: vec![],
            implicit: false,
        }))
    }

    /// Whether `t`'s size depends on type parameters (go/types' `hasVarSize`).
    fn has_var_size(&self, t: TypeId, depth: u32) -> bool {
        if depth > 100 {
            return false;
        }
        match self.ctx.ty(t) {
            Type::TypeParam(_) => true,
            Type::Named(_) => {
                let u = self.ctx.underlying(t);
                u != t && self.has_var_size(u, depth + 1)
            }
            Type::Array(_, e) => self.has_var_size(*e, depth + 1),
            Type::Struct(fs) => fs.iter().any(|f| self.has_var_size(f.ty, depth + 1)),
            _ => false,
        }
    }

    /// The byte offset of the field at `index` (through embedded fields) in `t`.
    fn offset_of(&self, t: TypeId, index: &[usize]) -> i64 {
        let mut off = 0;
        let mut t = t;
        for &i in index {
            let offs = self.ctx.offsets_of(t);
            off += offs.get(i).copied().unwrap_or(0);
            let u = self.ctx.underlying(t);
            t = match self.ctx.ty(u) {
                Type::Struct(fs) => fs.get(i).map(|f| f.ty).unwrap_or(INVALID),
                _ => INVALID,
            };
        }
        off
    }

    /// Whether `e` contains a function call or a channel receive (other than conversions
    /// and constant builtin calls), which makes `len`/`cap` of an array non-constant.
    fn has_call_or_recv(&mut self, e: &Expr, depth: u32) -> bool {
        if depth > 200 {
            return true;
        }
        let d = depth + 1;
        match &e.kind {
            ExprKind::Call { fun, args, .. } => {
                let tv = self.fi().types.get(&fun.id).map(|t| t.mode);
                let me = self.fi().types.get(&e.id).map(|t| t.mode);
                if tv == Some(Mode::TypeExpr)
                    || (tv == Some(Mode::Builtin) && me == Some(Mode::Constant))
                    || (me == Some(Mode::Constant))
                {
                    return args.iter().any(|a| self.has_call_or_recv(a, d));
                }
                if tv.is_none() && me == Some(Mode::Constant) {
                    return false;
                }
                true
            }
            ExprKind::Unary { op: UnaryOp::Recv, .. } => true,
            ExprKind::Unary { x, .. } | ExprKind::Star(x) | ExprKind::Paren(x) => self.has_call_or_recv(x, d),
            ExprKind::Binary { x, y, .. } => self.has_call_or_recv(x, d) || self.has_call_or_recv(y, d),
            ExprKind::Selector { x, .. } | ExprKind::TypeAssert { x, .. } => self.has_call_or_recv(x, d),
            ExprKind::Index { x, indices } => {
                self.has_call_or_recv(x, d) || indices.iter().any(|i| self.has_call_or_recv(i, d))
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                self.has_call_or_recv(x, d) || [lo, hi, max].into_iter().flatten().any(|i| self.has_call_or_recv(i, d))
            }
            ExprKind::CompositeLit { elts, .. } => elts.iter().any(|el| {
                el.key.as_ref().is_some_and(|k| self.has_call_or_recv(k, d)) || self.has_call_or_recv(&el.value, d)
            }),
            _ => false,
        }
    }
}
