//! Type argument inference (go/types' `infer.go` and `unify.go`).
//!
//! Inference unifies each generic parameter type with its typed argument's type, binding
//! the callee's type parameters as it goes; then uses constraints with a core type (a
//! single specific type binds the parameter outright); then gives parameters that only
//! received untyped constants the default type of the largest such constant; finally it
//! substitutes bound parameters into each other until nothing changes. Unification is
//! inexact at the top level of an assignment (a defined type matches a type literal with
//! the same underlying type, a defined type wins over a literal) and exact for components.

use syntax::Pos;

use super::{Checker, Operand};
use crate::ty::{BasicKind, ChanDir, Type, TypeId};
use crate::universe::INVALID;
use crate::Ctx;

const MAX_UNIFY_DEPTH: u32 = 100;

/// The type parameters being inferred and what they are bound to so far. Parameters unified
/// with each other share one binding (go/types' handles): `handle[i]` is the slot of
/// parameter `i`, `slots[h]` what that slot is bound to.
pub(super) struct Unifier {
    pub tparams: Vec<TypeId>,
    handle: Vec<usize>,
    slots: Vec<Option<TypeId>>,
}

impl Unifier {
    pub fn new(tparams: &[TypeId], targs: &[TypeId]) -> Unifier {
        let mut slots = vec![None; tparams.len()];
        for (i, &t) in targs.iter().enumerate().take(tparams.len()) {
            if t != INVALID {
                slots[i] = Some(t);
            }
        }
        Unifier { tparams: tparams.to_vec(), handle: (0..tparams.len()).collect(), slots }
    }

    fn index(&self, t: TypeId) -> Option<usize> {
        self.tparams.iter().position(|&p| p == t)
    }

    /// What parameter `i` is bound to.
    pub fn at(&self, i: usize) -> Option<TypeId> {
        self.slots[self.handle[i]]
    }

    /// Binds parameter `i` (and every parameter joined with it) to `t`.
    pub fn set(&mut self, i: usize, t: TypeId) {
        let h = self.handle[i];
        self.slots[h] = Some(t);
    }

    /// Makes parameters `i` and `j` share one binding (both unbound, or only one bound).
    fn join(&mut self, i: usize, j: usize) {
        let (hi, hj) = (self.handle[i], self.handle[j]);
        if hi == hj {
            return;
        }
        let (keep, drop) = if self.slots[hi].is_some() { (hi, hj) } else { (hj, hi) };
        for h in self.handle.iter_mut() {
            if *h == drop {
                *h = keep;
            }
        }
    }

    /// The current binding of every parameter.
    pub fn bindings(&self) -> Vec<Option<TypeId>> {
        (0..self.tparams.len()).map(|i| self.at(i)).collect()
    }

    pub fn unknowns(&self) -> usize {
        (0..self.tparams.len()).filter(|&i| self.at(i).is_none()).count()
    }

    /// Unifies `x` (which may mention the type parameters) with `y`; `exact` requires
    /// identical structure, otherwise assignment rules apply at the top level.
    pub fn unify(&mut self, ctx: &Ctx, x: TypeId, y: TypeId, exact: bool) -> bool {
        self.nify(ctx, x, y, exact, 0)
    }

    fn nify(&mut self, ctx: &Ctx, mut x: TypeId, mut y: TypeId, exact: bool, depth: u32) -> bool {
        if depth > MAX_UNIFY_DEPTH {
            return false;
        }
        if x == y {
            return true;
        }
        // Keep a bound type parameter on the left.
        if self.index(y).is_some() && self.index(x).is_none() {
            std::mem::swap(&mut x, &mut y);
        }
        if !exact && self.index(x).is_none() && self.index(y).is_none() {
            // Basic types count as literals here (go/types' isTypeLit): they are valid
            // underlying types and may be a constraint's core type, which a defined type
            // argument must unify with (`T GoID | ProcID` has core type int64).
            let lit = |t: TypeId| !matches!(ctx.ty(t), Type::Named(_) | Type::TypeParam(_));
            if matches!(ctx.ty(x), Type::Named(_)) && lit(y) {
                x = ctx.underlying(x);
            } else if matches!(ctx.ty(y), Type::Named(_)) && lit(x) {
                y = ctx.underlying(y);
            }
        }
        // A type parameter that is not being inferred unifies through its core type.
        if !exact && self.index(x).is_none() && self.index(y).is_none() {
            if matches!(ctx.ty(x), Type::TypeParam(_)) && !ctx.has_name(y) {
                if let Some(cx) = ctx.core_type(x) {
                    return self.nify(ctx, cx, y, false, depth + 1);
                }
            } else if matches!(ctx.ty(y), Type::TypeParam(_)) && !ctx.has_name(x) {
                if let Some(cy) = ctx.core_type(y) {
                    return self.nify(ctx, x, cy, false, depth + 1);
                }
            }
        }
        match (self.index(x), self.index(y)) {
            (Some(i), Some(j)) => {
                return match (self.at(i), self.at(j)) {
                    (Some(a), Some(b)) => self.nify(ctx, a, b, exact, depth + 1),
                    _ => {
                        self.join(i, j);
                        true
                    }
                };
            }
            (Some(i), None) => {
                let Some(bx) = self.at(i) else {
                    self.set(i, y);
                    return true;
                };
                if !self.nify(ctx, bx, y, exact, depth + 1) {
                    return false;
                }
                let xi = ctx.is_interface(bx);
                let yi = ctx.is_interface(y);
                let xn = matches!(ctx.ty(bx), Type::Named(_));
                let yn = matches!(ctx.ty(y), Type::Named(_));
                if xi && yi {
                    if xn && yn {
                        return ctx.identical(bx, y);
                    }
                    if ctx.interface_methods(bx).len() != ctx.interface_methods(y).len() {
                        return false;
                    }
                } else if xi || yi {
                    return false;
                }
                if !exact {
                    if !xn && yn {
                        self.set(i, y);
                    } else if !xn && !yn {
                        if let Type::Chan(d, _) = ctx.ty(ctx.underlying(y)) {
                            if *d != ChanDir::Both {
                                self.set(i, y);
                            }
                        }
                    }
                }
                return true;
            }
            _ => {}
        }
        let d = depth + 1;
        match (ctx.ty(x).clone(), ctx.ty(y).clone()) {
            (Type::Basic(a), Type::Basic(b)) => a == b,
            (Type::Pointer(a), Type::Pointer(b)) | (Type::Slice(a), Type::Slice(b)) => self.nify(ctx, a, b, true, d),
            (Type::Array(n, a), Type::Array(m, b)) => n == m && self.nify(ctx, a, b, true, d),
            (Type::Map(k1, v1), Type::Map(k2, v2)) => {
                self.nify(ctx, k1, k2, true, d) && self.nify(ctx, v1, v2, true, d)
            }
            (Type::Chan(d1, e1), Type::Chan(d2, e2)) => (!exact || d1 == d2) && self.nify(ctx, e1, e2, true, d),
            (Type::Struct(f1), Type::Struct(f2)) => {
                f1.len() == f2.len()
                    && f1.iter().zip(&f2).all(|(a, b)| a.name == b.name && a.embedded == b.embedded)
                    && f1.iter().zip(&f2).all(|(a, b)| self.nify(ctx, a.ty, b.ty, true, d))
            }
            (Type::Tuple(a, _), Type::Tuple(b, _)) => {
                a.len() == b.len() && a.iter().zip(&b).all(|(p, q)| self.nify(ctx, *p, *q, true, d))
            }
            (Type::Signature(s1), Type::Signature(s2)) => {
                s1.variadic == s2.variadic
                    && s1.params.len() == s2.params.len()
                    && s1.results.len() == s2.results.len()
                    && s1.params.iter().zip(&s2.params).all(|(p, q)| self.nify(ctx, p.ty, q.ty, true, d))
                    && s1.results.iter().zip(&s2.results).all(|(p, q)| self.nify(ctx, p.ty, q.ty, true, d))
            }
            (Type::Named(n1), Type::Named(n2)) => match (n1.origin, n2.origin) {
                (Some(o1), Some(o2)) if o1 == o2 && n1.type_args.len() == n2.type_args.len() => {
                    n1.type_args.iter().zip(&n2.type_args).all(|(a, b)| self.nify(ctx, *a, *b, true, d))
                }
                _ => ctx.identical(x, y),
            },
            (Type::Interface(_), Type::Interface(_)) => {
                if self.mentions_any(ctx, x) {
                    let m1 = ctx.interface_methods(x);
                    let m2 = ctx.interface_methods(y);
                    m1.len() == m2.len()
                        && m1.iter().zip(&m2).all(|(a, b)| a.name == b.name && self.nify(ctx, a.sig, b.sig, true, d))
                } else {
                    ctx.identical(x, y)
                }
            }
            _ => false,
        }
    }

    fn mentions_any(&self, ctx: &Ctx, t: TypeId) -> bool {
        mentions(ctx, t, &self.tparams, 0)
    }
}

/// Whether `t` mentions any of `tps` (go/types' `isParameterized`).
pub(super) fn mentions(ctx: &Ctx, t: TypeId, tps: &[TypeId], depth: u32) -> bool {
    if depth > MAX_UNIFY_DEPTH {
        return false;
    }
    let d = depth + 1;
    match ctx.ty(t) {
        Type::TypeParam(_) => tps.contains(&t),
        Type::Basic(_) => false,
        Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => mentions(ctx, *e, tps, d),
        Type::Map(k, v) => mentions(ctx, *k, tps, d) || mentions(ctx, *v, tps, d),
        Type::Struct(fs) => fs.iter().any(|f| mentions(ctx, f.ty, tps, d)),
        Type::Tuple(ts, _) => ts.iter().any(|&e| mentions(ctx, e, tps, d)),
        Type::Union(terms) => terms.iter().any(|term| mentions(ctx, term.ty, tps, d)),
        // `ty` looks through aliases.
        Type::Alias { actual, .. } => mentions(ctx, *actual, tps, d),
        Type::Signature(s) => s.params.iter().chain(&s.results).any(|f| mentions(ctx, f.ty, tps, d)),
        Type::Interface(i) => {
            i.methods.iter().any(|m| mentions(ctx, m.sig, tps, d))
                || i.embeddeds.iter().any(|&e| mentions(ctx, e, tps, d))
                || i.unions.iter().flatten().any(|term| mentions(ctx, term.ty, tps, d))
        }
        Type::Named(n) => n.type_args.iter().any(|&a| mentions(ctx, a, tps, d)),
    }
}

impl<'a> Checker<'a> {
    /// Infers the missing type arguments of a call (go/types' `infer`). `targs` holds the
    /// explicit ones (a prefix); `params` are the (variadic-adjusted) parameter types and
    /// `args` the arguments. On failure, returns where and why (the caller words it).
    pub(super) fn infer(
        &mut self,
        pos: Pos,
        tparams: &[TypeId],
        targs: &[TypeId],
        params: &[TypeId],
        args: &[Operand<'a>],
    ) -> Result<Vec<TypeId>, (Pos, String)> {
        if targs.len() >= tparams.len() && targs.iter().all(|&t| t != INVALID) {
            return Ok(targs.to_vec());
        }
        // An invalid argument had its error: no inference error follows (go.dev/issue/60434).
        if args.iter().any(|a| a.mode == crate::Mode::Invalid) {
            return Err((pos, String::new()));
        }
        // Substitute the explicit type arguments first (`INVALID` marks a missing one).
        let map: Vec<(TypeId, TypeId)> =
            tparams.iter().copied().zip(targs.iter().copied()).filter(|(_, t)| *t != INVALID).collect();
        let params: Vec<TypeId> = params.iter().map(|&p| self.ctx.substitute(p, &map)).collect();
        let mut u = Unifier::new(tparams, targs);
        let mut untyped: Vec<usize> = Vec::new();
        for (i, arg) in args.iter().enumerate() {
            if arg.mode == crate::Mode::Invalid {
                continue;
            }
            let Some(&par) = params.get(i) else { break };
            if !mentions(self.ctx, par, tparams, 0) && !mentions(self.ctx, arg.ty, tparams, 0) {
                continue;
            }
            if !self.ctx.is_untyped(arg.ty) {
                self.ensure_methods(arg.ty);
                if !u.unify(self.ctx, par, arg.ty, false) {
                    let all_failed = u.bindings().iter().all(|b| b.is_none());
                    let ts = self.ty_str(arg.ty);
                    let es = arg.expr.map(|e| self.expr_string(e)).unwrap_or_default();
                    let ps = self.ty_str(par);
                    let p = arg.pos();
                    if all_failed {
                        let names = self.tparams_string(tparams);
                        return Err((p, format!("type {ts} of {es} does not match {ps} (cannot infer {names})")));
                    } else {
                        let inferred: Vec<(TypeId, TypeId)> = tparams
                            .iter()
                            .copied()
                            .zip(u.bindings().iter().map(|b| b.unwrap_or(INVALID)))
                            .filter(|(_, b)| *b != INVALID)
                            .collect();
                        let it = self.ctx.substitute(par, &inferred);
                        if it != par {
                            let is = self.ty_str(it);
                            return Err((p, format!("type {ts} of {es} does not match inferred type {is} for {ps}")));
                        } else {
                            return Err((p, format!("type {ts} of {es} does not match {ps}")));
                        }
                    }
                }
            } else if self.ctx.is_type_param(par) && self.ctx.basic_kind(arg.ty) != Some(BasicKind::UntypedNil) {
                untyped.push(i);
            }
        }
        // Constraints with a core type.
        loop {
            let before = u.unknowns();
            for (i, &tp) in tparams.iter().enumerate() {
                let Type::TypeParam(p) = self.ctx.ty(tp).clone() else { continue };
                let Some(terms) = self.ctx.type_terms(p.constraint) else { continue };
                if terms.is_empty() {
                    continue;
                }
                let single = terms.len() == 1;
                let core = if single {
                    Some((terms[0].ty, terms[0].tilde))
                } else {
                    self.ctx.core_type(tp).map(|c| (c, true))
                };
                let Some((ct, tilde)) = core else { continue };
                match u.at(i) {
                    Some(tx) => {
                        if !u.unify(self.ctx, tx, ct, false) {
                            let (a, b, c) = (self.ty_str(tp), self.ty_str(tx), self.ty_str(p.constraint));
                            return Err((pos, format!("{a} (type {b}) does not satisfy {c}")));
                        }
                    }
                    None if single && !tilde => u.set(i, ct),
                    None => {
                        // A core type mentioning other parameters can still bind them
                        // once this one is known; nothing to do yet.
                    }
                }
            }
            if u.unknowns() == before {
                break;
            }
        }
        // Untyped constants: the default type of the largest one.
        let mut max_untyped: Vec<(usize, TypeId)> = Vec::new();
        for &ai in &untyped {
            let par = params[ai];
            let Some(ti) = tparams.iter().position(|&t| t == par) else { continue };
            if u.at(ti).is_some() {
                continue;
            }
            let at = args[ai].ty;
            match max_untyped.iter_mut().find(|(k, _)| *k == ti) {
                None => max_untyped.push((ti, at)),
                Some((_, m)) => {
                    let (mk, ak) = (self.ctx.basic_kind(*m), self.ctx.basic_kind(at));
                    let rank = |k: Option<BasicKind>| match k {
                        Some(BasicKind::UntypedInt) => Some(0),
                        Some(BasicKind::UntypedRune) => Some(1),
                        Some(BasicKind::UntypedFloat) => Some(2),
                        Some(BasicKind::UntypedComplex) => Some(3),
                        _ => None,
                    };
                    match (rank(mk), rank(ak)) {
                        (Some(a), Some(b)) => {
                            if b > a {
                                *m = at;
                            }
                        }
                        _ if mk == ak => {}
                        _ => {
                            let (ms, ats, ps) = (self.ty_str(*m), self.ty_str(at), self.ty_str(par));
                            let p = args[ai].pos();
                            return Err((p, format!("mismatched types {ms} and {ats} (cannot infer {ps})")));
                        }
                    }
                }
            }
        }
        for (ti, t) in max_untyped {
            u.set(ti, self.ctx.default_type(t));
        }
        // Simplify: substitute bound parameters into each other.
        let mut inferred: Vec<Option<TypeId>> = u.bindings();
        for (i, b) in inferred.iter_mut().enumerate() {
            if let Some(t) = *b {
                if targs.get(i).is_some_and(|&t| t != INVALID) {
                    continue;
                }
                // A parameter bound to a type containing itself cannot be resolved.
                if mentions(self.ctx, t, &tparams[i..=i], 0) {
                    *b = None;
                }
            }
        }
        for _ in 0..tparams.len() + 1 {
            let map: Vec<(TypeId, TypeId)> =
                tparams.iter().copied().zip(inferred.iter().copied()).filter_map(|(p, t)| t.map(|t| (p, t))).collect();
            let mut changed = false;
            for b in inferred.iter_mut() {
                if let Some(t) = *b {
                    let n = self.ctx.substitute(t, &map);
                    if n != t {
                        *b = Some(n);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let mut out = Vec::new();
        for (i, b) in inferred.iter().enumerate() {
            match b {
                Some(t) if !mentions(self.ctx, *t, tparams, 0) => out.push(*t),
                _ => {
                    let Type::TypeParam(p) = self.ctx.ty(tparams[i]).clone() else { return Err((pos, String::new())) };
                    let o = self.ctx.obj(p.obj).clone();
                    let at = self.decl_pos_string(&o);
                    return Err((pos, format!("cannot infer {} (declared at {at})", o.name)));
                }
            }
        }
        Ok(out)
    }

    /// `T, U` for messages.
    fn tparams_string(&self, tps: &[TypeId]) -> String {
        tps.iter().map(|&t| self.ty_str(t)).collect::<Vec<_>>().join(", ")
    }

    /// `path:line:col` of an object's declaration.
    pub(super) fn decl_pos_string(&self, o: &crate::Object) -> String {
        let file = if o.pkg == self.path {
            self.files.get(o.file as usize).map(|f| f.path.display().to_string()).unwrap_or_default()
        } else {
            String::new()
        };
        format!("{file}:{}:{}", o.pos.line, o.pos.col)
    }
}
