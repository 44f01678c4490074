//! Calls (go/types' `call.go`): function and method calls, conversions `T(x)`, the dispatch
//! to builtins, argument passing, and instantiation of generic functions.
//!
//! Arguments are matched to parameters as go/types does: a variadic callee gets one
//! parameter per extra argument (of the `...T` element type) unless the call uses `s...`;
//! a single multi-valued call argument is spread over the parameters. For a generic callee
//! the explicit type arguments are taken first, the rest are inferred from the arguments
//! (generic function arguments included), and the instantiation is recorded on the
//! identifier or selector naming the function.

use syntax::ast::{Expr, ExprKind};
use syntax::Pos;

use super::expr::{BUILTIN, NO_VALUE, TYPE_EXPR};
use super::index::IndexResult;
use super::operand::start_pos;
use super::{Checker, Operand};
use crate::ty::{Field, Signature, Type, TypeId};
use crate::universe::INVALID;
use crate::Mode;

/// The expression an instantiation is recorded on: the identifier or selector naming the
/// generic function or type (through parentheses and an index expression).
pub(super) fn inst_key(e: &Expr) -> &Expr {
    let e = e.unparen();
    match &e.kind {
        ExprKind::Index { x, .. } => x.unparen(),
        _ => e,
    }
}

impl<'a> Checker<'a> {
    /// Why a value of type `t` cannot be called: types2's `commonUnder` with the call's
    /// condition, over `t`'s type set (`t` itself unless it is a type parameter).
    fn not_callable_cause(&self, t: TypeId) -> String {
        let terms: Vec<TypeId> = match self.ctx.ty(t) {
            Type::TypeParam(p) => match self.ctx.type_terms(p.constraint) {
                Some(ts) => ts.into_iter().map(|term| term.ty).collect(),
                None => return "no specific type".into(),
            },
            _ => vec![t],
        };
        let mut common: Option<(TypeId, TypeId)> = None;
        for ty in terms {
            let u = self.ctx.underlying(ty);
            if !matches!(self.ctx.ty(u), Type::Signature(_)) {
                return format!("{} is not a function", self.ty_str(ty));
            }
            match common {
                None => common = Some((ty, u)),
                Some((ct, cu)) if !self.ctx.identical(cu, u) => {
                    return format!("{} and {} have different underlying types", self.ty_str(ct), self.ty_str(ty));
                }
                Some(_) => {}
            }
        }
        "no specific type".into()
    }

    pub(super) fn call_expr(
        &mut self,
        e: &'a Expr,
        fun: &'a Expr,
        args: &'a [Expr],
        ellipsis: bool,
        _hint: Option<TypeId>,
    ) -> Operand<'a> {
        let mut inst: Option<&'a [Expr]> = None;
        let mut x = if let ExprKind::Index { x: fx, indices } = &fun.kind {
            let r = match self.index_expr_inner(fun, fx, indices) {
                IndexResult::Done(o) => o,
                IndexResult::FuncInst(mut o) => {
                    inst = Some(indices);
                    o.expr = Some(fun);
                    o
                }
            };
            self.record_operand(fun, &r);
            r
        } else {
            self.expr_or_type(fun, true)
        };
        match x.mode {
            Mode::Invalid => {
                self.use_exprs(args);
                return Operand::invalid(Some(e));
            }
            Mode::TypeExpr => return self.conversion_call(e, x, args, ellipsis),
            Mode::Builtin => {
                let b = x.builtin.unwrap_or(crate::Builtin::Panic);
                let mut r = self.builtin_call(e, &mut x, b, args, ellipsis);
                r.expr = Some(e);
                return r;
            }
            _ => {}
        }
        let sig_t = match self.ctx.core_type(x.ty) {
            Some(c) if matches!(self.ctx.ty(c), Type::Signature(_)) => c,
            _ => {
                let s = self.op_string(&x);
                let cause = self.not_callable_cause(x.ty);
                // gc 1.27 leaves the arguments unchecked (and their variables unused).
                self.error(x.pos(), format!("invalid operation: cannot call {s}: {cause}"));
                return Operand::invalid(Some(e));
            }
        };
        let Type::Signature(mut sig) = self.ctx.ty(sig_t).clone() else { return Operand::invalid(Some(e)) };
        let was_generic = !sig.type_params.is_empty();
        let mut sig_id = sig_t;
        let mut targs: Vec<TypeId> = Vec::new();
        let mut xlist: Option<&'a [Expr]> = None;
        if let Some(indices) = inst {
            let Some(ta) = self.type_list(indices) else {
                self.use_exprs(args);
                return Operand::invalid(Some(e));
            };
            let (got, want) = (ta.len(), sig.type_params.len());
            if got > want {
                let fs = self.expr_string(x.expr.map(inst_key).unwrap_or(fun));
                self.error(
                    start_pos(&indices[want]),
                    format!("got {got} type arguments but {fs} has {want} type parameters"),
                );
                self.use_exprs(args);
                return Operand::invalid(Some(e));
            }
            if got == want && want > 0 {
                sig_id = self.instantiate_signature(e.pos, fun, sig_t, &ta, Some(indices));
                if let Type::Signature(s) = self.ctx.ty(sig_id).clone() {
                    sig = s;
                }
            } else {
                targs = ta;
                xlist = Some(indices);
            }
        }
        let mut argv = self.generic_args(args);
        let rsig = self.arguments(e, fun, sig_id, &sig, targs, xlist, &mut argv, ellipsis);
        let Some(rsig_id) = rsig else {
            return self.call_result(e, &sig, true);
        };
        let Type::Signature(rs) = self.ctx.ty(rsig_id).clone() else { return Operand::invalid(Some(e)) };
        if was_generic && rs.type_params.is_empty() {
            self.record(fun, Mode::Value, rsig_id, None);
            let u = fun.unparen();
            if u.id != fun.id {
                self.record(u, Mode::Value, rsig_id, None);
            }
        }
        self.call_result(e, &rs, false)
    }

    fn call_result(&mut self, e: &'a Expr, sig: &Signature, failed: bool) -> Operand<'a> {
        let mut x = match sig.results.len() {
            0 => Operand::new(Mode::NoValue, INVALID, Some(e)),
            1 => Operand::new(Mode::Value, sig.results[0].ty, Some(e)),
            _ => {
                let t = self.ctx.new_var_tuple(&sig.results);
                Operand::new(Mode::Value, t, Some(e))
            }
        };
        if x.mode == Mode::Value
            && !sig.type_params.is_empty()
            && super::infer::mentions(self.ctx, x.ty, &sig.type_params, 0)
        {
            x.mode = Mode::Invalid;
        }
        if failed && x.mode == Mode::Value && x.ty == INVALID {
            x.mode = Mode::Invalid;
        }
        x
    }

    /// `T(x)`.
    fn conversion_call(&mut self, e: &'a Expr, x: Operand<'a>, args: &'a [Expr], ellipsis: bool) -> Operand<'a> {
        let t = x.ty;
        if let Type::Named(n) = self.ctx.ty(t) {
            if !n.type_params.is_empty() && n.origin.is_none() {
                let es = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
                self.error(x.pos(), format!("cannot use generic type {es} without instantiation"));
                self.use_exprs(args);
                return Operand::invalid(Some(e));
            }
        }
        let ts = self.ty_str(t);
        match args.len() {
            0 => {
                self.error(start_pos(e), format!("missing argument in conversion to {ts}"));
                Operand::invalid(Some(e))
            }
            1 => {
                let mut y = self.expr(&args[0], None);
                if y.mode == Mode::Invalid {
                    return Operand::invalid(Some(e));
                }
                let u = self.ctx.underlying(t);
                if matches!(self.ctx.ty(u), Type::Interface(_))
                    && !self.ctx.is_type_param(t)
                    && !self.ctx.is_method_set_only(u)
                {
                    self.error(
                        start_pos(e),
                        format!("cannot use interface {ts} in conversion (contains specific type constraints or is comparable)"),
                    );
                    return Operand::invalid(Some(e));
                }
                if ellipsis {
                    self.error(start_pos(&args[0]), format!("invalid use of ... in conversion to {ts}"));
                    return Operand::invalid(Some(e));
                }
                self.conversion(&mut y, t);
                if y.mode == Mode::Invalid {
                    return Operand::invalid(Some(e));
                }
                y.expr = Some(e);
                y
            }
            n => {
                self.use_exprs(args);
                self.error(start_pos(&args[n - 1]), format!("too many arguments in conversion to {ts}"));
                Operand::invalid(Some(e))
            }
        }
    }

    /// Evaluates call arguments, spreading a single multi-valued call (go/types'
    /// `genericExprList`). Generic functions may be passed uninstantiated.
    pub(super) fn generic_args(&mut self, args: &'a [Expr]) -> Vec<Operand<'a>> {
        if args.len() == 1 {
            let mut x = self.raw_expr(&args[0], None, true);
            self.exclude(&mut x, NO_VALUE | BUILTIN | TYPE_EXPR);
            if x.mode != Mode::Invalid {
                if let Type::Tuple(ts, _) = self.ctx.ty(x.ty).clone() {
                    return ts.into_iter().map(|t| Operand::new(Mode::Value, t, Some(&args[0]))).collect();
                }
            }
            return vec![x];
        }
        args.iter()
            .map(|a| {
                let mut x = self.raw_expr(a, None, true);
                self.exclude(&mut x, NO_VALUE | BUILTIN | TYPE_EXPR);
                self.single_value(&mut x);
                x
            })
            .collect()
    }

    /// Checks the arguments against the signature, inferring missing type arguments
    /// (go/types' `arguments`). Returns the (instantiated) signature, or `None` on error.
    #[allow(clippy::too_many_arguments)]
    fn arguments(
        &mut self,
        call: &'a Expr,
        fun: &'a Expr,
        sig_id: TypeId,
        sig: &Signature,
        targs: Vec<TypeId>,
        xlist: Option<&'a [Expr]>,
        args: &mut [Operand<'a>],
        ddd: bool,
    ) -> Option<TypeId> {
        let nargs = args.len();
        let mut npars = sig.params.len();
        let mut params: Vec<TypeId> = sig.params.iter().map(|f| f.ty).collect();
        let mut adjusted = false;
        let fs = self.expr_string(fun);
        if sig.variadic {
            if ddd {
                let spread = nargs > 1 && args.iter().all(|a| a.expr.map(|e| e.id) == args[0].expr.map(|e| e.id));
                if spread {
                    let a0 = args[0].expr.map(|a| self.expr_string(a)).unwrap_or_default();
                    self.error(start_pos(call), format!("cannot use ... with {nargs}-valued {a0}"));
                    return None;
                }
            } else if nargs + 1 >= npars {
                let last = params.pop().unwrap_or(INVALID);
                let elem = match self.ctx.ty(self.ctx.core_type(last).unwrap_or(last)) {
                    Type::Slice(e) => *e,
                    _ => INVALID,
                };
                while params.len() < nargs {
                    params.push(elem);
                }
                adjusted = true;
                npars = nargs;
            } else {
                npars -= 1;
            }
        } else if ddd {
            self.error(start_pos(call), format!("cannot use ... in call to non-variadic {fs}"));
            return None;
        }
        if nargs != npars {
            let (q, at) = if nargs > npars {
                ("too many", args[npars].pos())
            } else if nargs > 0 {
                ("not enough", args[nargs - 1].pos())
            } else {
                ("not enough", start_pos(call))
            };
            let have: Vec<TypeId> = args.iter().map(|a| a.ty).collect();
            let want: Vec<TypeId> = sig.params.iter().map(|f| f.ty).collect();
            let hs = self.args_summary(&have, false, ddd);
            let ws = self.args_summary(&want, sig.variadic, false);
            self.error(at, format!("{q} arguments in call to {fs}\n\thave {hs}\n\twant {ws}"));
            return None;
        }
        let mut rsig = sig_id;
        // Type parameters of the callee, then of generic function arguments.
        let n = sig.type_params.len();
        let mut tparams: Vec<TypeId> = sig.type_params.clone();
        // A recursive call passes the callee's own type parameters: rename them so that
        // inference can tell the two apart (go/types' `renameTParams`).
        if n > 0 && args.iter().any(|a| super::infer::mentions(self.ctx, a.ty, &sig.type_params, 0)) {
            let fresh = self.rename_tparams(&sig.type_params);
            let map: Vec<(TypeId, TypeId)> = sig.type_params.iter().copied().zip(fresh.iter().copied()).collect();
            params = params.iter().map(|&p| self.ctx.substitute(p, &map)).collect();
            tparams = fresh;
        }
        let mut all_targs = targs.clone();
        all_targs.resize(n, INVALID);
        let mut generic_args: Vec<(usize, Vec<TypeId>)> = Vec::new();
        for (i, a) in args.iter().enumerate() {
            if a.mode == Mode::Invalid {
                continue;
            }
            if let Type::Signature(asig) = self.ctx.ty(a.ty) {
                if !asig.type_params.is_empty() {
                    let atp = asig.type_params.clone();
                    tparams.extend(atp.iter().copied());
                    all_targs.resize(tparams.len(), INVALID);
                    generic_args.push((i, atp));
                }
            }
        }
        if !tparams.is_empty() {
            let arg_copy: Vec<Operand<'a>> = args.to_vec();
            match self.infer(call.pos, &tparams, &all_targs, &params, &arg_copy) {
                Ok(inferred) => {
                    if n > 0 {
                        rsig = self.instantiate_signature(call.pos, fun, sig_id, &inferred[..n], xlist);
                        let map: Vec<(TypeId, TypeId)> =
                            tparams[..n].iter().copied().zip(inferred[..n].iter().copied()).collect();
                        if adjusted {
                            params = params.iter().map(|&p| self.ctx.substitute(p, &map)).collect();
                        } else if let Type::Signature(s) = self.ctx.ty(rsig) {
                            params = s.params.iter().map(|f| f.ty).collect();
                        }
                    }
                    let mut j = n;
                    for (i, atp) in generic_args {
                        let k = j + atp.len();
                        let Some(ae) = args[i].expr else { continue };
                        let t = self.instantiate_signature(call.pos, ae, args[i].ty, &inferred[j..k], None);
                        args[i].ty = t;
                        self.record(ae, Mode::Value, t, None);
                        j = k;
                    }
                }
                Err((p, msg)) => {
                    if !msg.is_empty() {
                        self.error(p, format!("in call to {fs}, {msg}"));
                    }
                    return None;
                }
            }
        }
        let context = format!("argument to {fs}");
        for (a, &p) in args.iter_mut().zip(&params) {
            self.assignment(a, Some(p), &context);
        }
        Some(rsig)
    }

    /// Fresh copies of type parameters, with constraints referring to the copies.
    pub(super) fn rename_tparams(&mut self, tps: &[TypeId]) -> Vec<TypeId> {
        let mut fresh = Vec::new();
        for &tp in tps {
            let Type::TypeParam(p) = self.ctx.ty(tp).clone() else {
                fresh.push(tp);
                continue;
            };
            fresh.push(self.ctx.new_type(Type::TypeParam(crate::ty::TypeParam { constraint: INVALID, ..p })));
        }
        let map: Vec<(TypeId, TypeId)> = tps.iter().copied().zip(fresh.iter().copied()).collect();
        for (&old, &new) in tps.iter().zip(&fresh) {
            if let Type::TypeParam(p) = self.ctx.ty(old).clone() {
                let c = self.ctx.substitute(p.constraint, &map);
                if let Type::TypeParam(np) = &mut self.ctx.types[new.0 as usize] {
                    np.constraint = c;
                }
            }
        }
        fresh
    }

    /// `(int, string)` for argument count messages (go/types' `typesSummary`).
    fn args_summary(&self, list: &[TypeId], variadic: bool, has_dots: bool) -> String {
        let n = list.len();
        let parts: Vec<String> = list
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                let mut s = if t == INVALID {
                    "unknown type".to_string()
                } else if self.ctx.is_untyped(t) {
                    let k = self.ctx.basic_kind(t).unwrap_or(crate::BasicKind::Invalid);
                    if k.is_numeric() {
                        "number".to_string()
                    } else {
                        k.name().replace("untyped ", "")
                    }
                } else {
                    self.ty_str(t)
                };
                if variadic && i + 1 == n {
                    s = format!("...{}", s.strip_prefix("[]").unwrap_or(&s));
                }
                if has_dots && i + 1 == n {
                    s.push_str("...");
                }
                s
            })
            .collect();
        format!("({})", parts.join(", "))
    }

    /// Instantiates generic signature `sig` with `targs`, verifies the constraints and
    /// records the instance on the expression naming the function.
    pub(super) fn instantiate_signature(
        &mut self,
        pos: Pos,
        fun: &'a Expr,
        sig: TypeId,
        targs: &[TypeId],
        xlist: Option<&'a [Expr]>,
    ) -> TypeId {
        let tparams = match self.ctx.ty(sig) {
            Type::Signature(s) => s.type_params.clone(),
            _ => return sig,
        };
        let inst = self.ctx.instantiate(sig, targs);
        let key = inst_key(fun);
        self.fi().instances.insert(key.id, (targs.to_vec(), inst));
        self.record_mono_instance(&tparams, targs, |i| xlist.and_then(|xl| xl.get(i)).map(start_pos).unwrap_or(pos));
        if let Some((i, msg)) = self.verify_targs(&tparams, targs) {
            let p = xlist.and_then(|xl| xl.get(i)).map(start_pos).unwrap_or(pos);
            self.error(p, msg);
        }
        inst
    }

    /// `f[A]` used as a value (not called): explicit type arguments, the rest inferred from
    /// the target type `hint` if any (go/types' `funcInst`).
    pub(super) fn func_inst(
        &mut self,
        e: &'a Expr,
        x: Operand<'a>,
        indices: &'a [Expr],
        hint: Option<TypeId>,
    ) -> Operand<'a> {
        let Some(targs) = self.type_list(indices) else { return Operand::invalid(Some(e)) };
        let Type::Signature(sig) = self.ctx.ty(self.ctx.underlying(x.ty)).clone() else {
            return Operand::invalid(Some(e));
        };
        let (got, want) = (targs.len(), sig.type_params.len());
        if got > want {
            self.error(start_pos(&indices[got - 1]), format!("got {got} type arguments but want {want}"));
            return Operand::invalid(Some(e));
        }
        let mut targs = targs;
        if got < want {
            match self.reverse_infer(e.pos, x.ty, &sig, &targs, hint) {
                Some(t) => targs = t,
                None => return Operand::invalid(Some(e)),
            }
        }
        let t = self.instantiate_signature(e.pos, e, x.ty, &targs, Some(indices));
        Operand::new(Mode::Value, t, Some(e))
    }

    /// Infers all type arguments of generic function value `x` from the function type
    /// `target` it is assigned to.
    pub(super) fn func_inst_reverse(&mut self, x: &mut Operand<'a>, target: TypeId) {
        let Type::Signature(sig) = self.ctx.ty(self.ctx.underlying(x.ty)).clone() else { return };
        let Some(e) = x.expr else { return };
        match self.reverse_infer(e.pos, x.ty, &sig, &[], Some(target)) {
            Some(targs) => {
                let t = self.instantiate_signature(e.pos, e, x.ty, &targs, None);
                x.ty = t;
            }
            None => {
                x.mode = Mode::Invalid;
                x.ty = INVALID;
            }
        }
    }

    fn reverse_infer(
        &mut self,
        pos: Pos,
        gen: TypeId,
        sig: &Signature,
        targs: &[TypeId],
        hint: Option<TypeId>,
    ) -> Option<Vec<TypeId>> {
        let _ = gen;
        let mut params = Vec::new();
        let mut args = Vec::new();
        if let Some(h) = hint.filter(|&h| matches!(self.ctx.ty(self.ctx.underlying(h)), Type::Signature(_))) {
            let g = self.ctx.new_type(Type::Signature(Signature {
                recv: None,
                params: sig.params.clone(),
                results: sig.results.clone(),
                variadic: sig.variadic,
                type_params: vec![],
            }));
            params.push(g);
            args.push(Operand::new(Mode::Value, h, None));
        }
        let mut ta = targs.to_vec();
        ta.resize(sig.type_params.len(), INVALID);
        match self.infer(pos, &sig.type_params, &ta, &params, &args) {
            Ok(t) => Some(t),
            Err((p, msg)) => {
                if !msg.is_empty() {
                    self.error(p, msg);
                }
                None
            }
        }
    }

    /// A signature's parameters as fields (for building method expression types).
    #[allow(dead_code)]
    pub(super) fn param_field(ty: TypeId) -> Field {
        Field { name: String::new(), ty, embedded: false, pkg: String::new(), obj: None, tag: String::new() }
    }
}
