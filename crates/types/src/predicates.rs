//! Type predicates: underlying types, identity, core types, comparability, assignability
//! (go/types' `predicates.go`, `under.go`, `typeset.go` and the type-only half of
//! `operand.assignableTo`).

use crate::ty::{BasicKind, ChanDir, Method, Term, Type, TypeId};
use crate::universe::INVALID;
use crate::Ctx;

/// Nesting limit for structural walks (and chains of embedded fields and interfaces); deeper
/// types are treated as invalid rather than overflowing the stack. As deep as the parser lets
/// a type be written, for types declared in one piece; chains of declarations (`type S1
/// struct{ S0 }`, ...) gc follows without limit, and so do we this far.
pub(crate) const MAX_DEPTH: u32 = 10_000;

impl Ctx {
    /// The underlying type: a named type's underlying, anything else itself. An unresolved
    /// named type (mid-declaration) yields `invalid type`. A type parameter is its own
    /// underlying here (go/types would answer its constraint interface); use
    /// [`Ctx::core_type`] for what operations on it may do.
    pub fn underlying(&self, mut t: TypeId) -> TypeId {
        t = self.unalias(t);
        for _ in 0..MAX_DEPTH {
            match self.ty(t) {
                Type::Named(n) => match n.underlying {
                    Some(u) if u != t => t = self.unalias(u),
                    _ => return INVALID,
                },
                _ => return t,
            }
        }
        INVALID
    }

    /// The basic kind of `t`'s underlying type, if it is basic.
    pub fn basic_kind(&self, t: TypeId) -> Option<BasicKind> {
        match self.ty(self.underlying(t)) {
            Type::Basic(k) => Some(*k),
            _ => None,
        }
    }

    /// How gc prints a basic type: `byte` and `rune` as written, others by kind.
    pub fn basic_name(&self, t: TypeId, b: BasicKind) -> &'static str {
        match t {
            crate::universe::BYTE => "byte",
            crate::universe::RUNE => "rune",
            _ => b.name(),
        }
    }

    pub fn is_untyped(&self, t: TypeId) -> bool {
        matches!(self.ty(t), Type::Basic(k) if k.is_untyped())
    }

    /// Whether `t` is an interface type (not a type parameter).
    pub fn is_interface(&self, t: TypeId) -> bool {
        matches!(self.ty(self.underlying(t)), Type::Interface(_))
    }

    pub fn is_type_param(&self, t: TypeId) -> bool {
        matches!(self.ty(t), Type::TypeParam(_))
    }

    /// Named types, basic types and type parameters have names (go/types' `hasName`).
    pub fn has_name(&self, t: TypeId) -> bool {
        matches!(self.ty(t), Type::Named(_) | Type::Basic(_) | Type::TypeParam(_))
    }

    /// The default type of an untyped type (`untyped int` → `int`, ...); others unchanged.
    pub fn default_type(&self, t: TypeId) -> TypeId {
        match self.ty(t) {
            Type::Basic(k) => match k {
                BasicKind::UntypedBool => self.basic(BasicKind::Bool),
                BasicKind::UntypedInt => self.basic(BasicKind::Int),
                BasicKind::UntypedRune => crate::universe::RUNE,
                BasicKind::UntypedFloat => self.basic(BasicKind::Float64),
                BasicKind::UntypedComplex => self.basic(BasicKind::Complex128),
                BasicKind::UntypedString => self.basic(BasicKind::String),
                _ => t,
            },
            _ => t,
        }
    }

    /// All methods of an interface type (declared and embedded, sorted by name).
    pub fn interface_methods(&self, t: TypeId) -> Vec<Method> {
        let mut out: Vec<Method> = Vec::new();
        self.collect_methods(t, &mut out, 0);
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out.dedup_by(|a, b| a.name == b.name);
        out
    }

    fn collect_methods(&self, t: TypeId, out: &mut Vec<Method>, depth: u32) {
        let mut seen = rustc_hash::FxHashSet::default();
        self.collect_methods_once(t, out, depth, &mut seen);
    }

    /// Each embedded interface once (a diamond of embeddings is not walked twice).
    fn collect_methods_once(
        &self,
        t: TypeId,
        out: &mut Vec<Method>,
        depth: u32,
        seen: &mut rustc_hash::FxHashSet<TypeId>,
    ) {
        if depth > MAX_DEPTH || !seen.insert(t) {
            return;
        }
        let u = self.underlying(t);
        if let Type::Interface(i) = self.ty(u) {
            out.extend(i.methods.iter().cloned());
            for &e in &i.embeddeds {
                self.collect_methods_once(e, out, depth + 1, seen);
            }
        }
    }

    /// The type terms of an interface's type set; `None` when unrestricted (all types).
    pub fn type_terms(&self, t: TypeId) -> Option<Vec<Term>> {
        self.terms_rec(t, 0)
    }

    fn terms_rec(&self, t: TypeId, depth: u32) -> Option<Vec<Term>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let u = self.underlying(t);
        let Type::Interface(i) = self.ty(u) else {
            return Some(vec![Term { tilde: false, ty: t }]);
        };
        let mut acc: Option<Vec<Term>> = None;
        let mut sets: Vec<Vec<Term>> = Vec::new();
        for un in &i.unions {
            let mut flat = Vec::new();
            let mut all = false;
            for term in un {
                if !term.tilde && self.is_interface(term.ty) {
                    match self.terms_rec(term.ty, depth + 1) {
                        Some(ts) => flat.extend(ts),
                        None => all = true,
                    }
                } else {
                    flat.push(term.clone());
                }
            }
            if !all {
                sets.push(flat);
            }
        }
        for &e in &i.embeddeds {
            if let Some(ts) = self.terms_rec(e, depth + 1) {
                sets.push(ts);
            }
        }
        for s in sets {
            acc = Some(match acc {
                None => s,
                Some(prev) => self.intersect_terms(&prev, &s),
            });
        }
        acc
    }

    fn intersect_terms(&self, a: &[Term], b: &[Term]) -> Vec<Term> {
        let mut out = Vec::new();
        for x in a {
            for y in b {
                if self.identical(x.ty, y.ty) {
                    out.push(Term { tilde: x.tilde && y.tilde, ty: x.ty });
                } else if x.tilde && self.identical(x.ty, self.underlying(y.ty)) {
                    out.push(y.clone());
                } else if y.tilde && self.identical(y.ty, self.underlying(x.ty)) {
                    out.push(x.clone());
                }
            }
        }
        out
    }

    /// Whether the interface (or constraint) `t` requires comparability.
    pub fn iface_is_comparable(&self, t: TypeId) -> bool {
        self.iface_cmp_rec(t, 0)
    }

    fn iface_cmp_rec(&self, t: TypeId, depth: u32) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        match self.ty(self.underlying(t)) {
            Type::Interface(i) => i.comparable || i.embeddeds.iter().any(|&e| self.iface_cmp_rec(e, depth + 1)),
            _ => false,
        }
    }

    /// Whether `t` is a "basic interface" (methods only, usable as a value type).
    pub fn is_method_set_only(&self, t: TypeId) -> bool {
        self.type_terms(t).is_none() && !self.iface_is_comparable(t)
    }

    /// The core type (go/types' `coreType`): for a non-type-parameter its underlying type;
    /// for a type parameter the single underlying type of all types in its type set, if any.
    pub fn core_type(&self, t: TypeId) -> Option<TypeId> {
        let Type::TypeParam(tp) = self.ty(t) else {
            let u = self.underlying(t);
            if let Type::Interface(_) = self.ty(u) {
                if let Some(terms) = self.type_terms(u) {
                    return self.single_under(&terms);
                }
            }
            return Some(u);
        };
        let terms = self.type_terms(tp.constraint)?;
        self.single_under(&terms)
    }

    fn single_under(&self, terms: &[Term]) -> Option<TypeId> {
        let mut su: Option<TypeId> = None;
        for term in terms {
            let u = self.underlying(term.ty);
            match su {
                None => su = Some(u),
                Some(p) if self.identical(p, u) => {}
                Some(p) => {
                    // Channels with different directions have the restrictive one as core type.
                    if let (Type::Chan(d1, e1), Type::Chan(d2, e2)) = (self.ty(p), self.ty(u)) {
                        if self.identical(*e1, *e2) {
                            if *d1 == ChanDir::Both {
                                su = Some(u);
                            } else if *d2 != ChanDir::Both && d1 != d2 {
                                return None;
                            }
                            continue;
                        }
                    }
                    return None;
                }
            }
        }
        su
    }

    /// Like [`Ctx::core_type`], but a type set of only byte slices and strings has core type
    /// `[]byte` (go/types' `coreString`).
    pub fn core_string(&self, t: TypeId) -> Option<TypeId> {
        if let Type::TypeParam(tp) = self.ty(t) {
            if let Some(terms) = self.type_terms(tp.constraint) {
                let all_bs = !terms.is_empty()
                    && terms.iter().all(|term| {
                        let u = self.underlying(term.ty);
                        matches!(self.ty(u), Type::Basic(k) if k.is_string())
                            || matches!(self.ty(u), Type::Slice(e) if self.basic_kind(*e) == Some(BasicKind::Uint8))
                    });
                if all_bs {
                    if let Some(c) = self.core_type(t) {
                        return Some(c);
                    }
                    return Some(self.basic(BasicKind::String));
                }
            }
        }
        self.core_type(t)
    }

    /// Type identity (go/types' `Identical`).
    pub fn identical(&self, a: TypeId, b: TypeId) -> bool {
        self.ident_rec(a, b, 0)
    }

    fn ident_rec(&self, a: TypeId, b: TypeId, depth: u32) -> bool {
        let (a, b) = (self.unalias(a), self.unalias(b));
        if a == b {
            return true;
        }
        if depth > MAX_DEPTH {
            return false;
        }
        let d = depth + 1;
        match (self.ty(a), self.ty(b)) {
            (Type::Basic(x), Type::Basic(y)) => x == y,
            (Type::Pointer(x), Type::Pointer(y)) | (Type::Slice(x), Type::Slice(y)) => self.ident_rec(*x, *y, d),
            (Type::Array(n, x), Type::Array(m, y)) => n == m && self.ident_rec(*x, *y, d),
            (Type::Map(k1, v1), Type::Map(k2, v2)) => self.ident_rec(*k1, *k2, d) && self.ident_rec(*v1, *v2, d),
            (Type::Chan(d1, e1), Type::Chan(d2, e2)) => d1 == d2 && self.ident_rec(*e1, *e2, d),
            (Type::Struct(f1), Type::Struct(f2)) => {
                f1.len() == f2.len()
                    && f1.iter().zip(f2).all(|(x, y)| {
                        x.name == y.name && x.embedded == y.embedded && x.pkg == y.pkg && self.ident_rec(x.ty, y.ty, d)
                    })
            }
            (Type::Tuple(x, _), Type::Tuple(y, _)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(p, q)| self.ident_rec(*p, *q, d))
            }
            (Type::Signature(s1), Type::Signature(s2)) => {
                s1.variadic == s2.variadic
                    && s1.type_params.len() == s2.type_params.len()
                    && s1.params.len() == s2.params.len()
                    && s1.results.len() == s2.results.len()
                    && s1.params.iter().zip(&s2.params).all(|(p, q)| self.ident_rec(p.ty, q.ty, d))
                    && s1.results.iter().zip(&s2.results).all(|(p, q)| self.ident_rec(p.ty, q.ty, d))
            }
            (Type::Interface(_), Type::Interface(_)) => {
                let m1 = self.interface_methods(a);
                let m2 = self.interface_methods(b);
                if m1.len() != m2.len() || self.iface_is_comparable(a) != self.iface_is_comparable(b) {
                    return false;
                }
                if !m1.iter().zip(&m2).all(|(x, y)| x.name == y.name && x.pkg_eq(y) && self.ident_rec(x.sig, y.sig, d))
                {
                    return false;
                }
                match (self.type_terms(a), self.type_terms(b)) {
                    (None, None) => true,
                    (Some(t1), Some(t2)) => {
                        t1.len() == t2.len()
                            && t1.iter().all(|x| t2.iter().any(|y| x.tilde == y.tilde && self.ident_rec(x.ty, y.ty, d)))
                    }
                    _ => false,
                }
            }
            (Type::Named(n1), Type::Named(n2)) => match (n1.origin, n2.origin) {
                (Some(o1), Some(o2)) => {
                    o1 == o2
                        && n1.type_args.len() == n2.type_args.len()
                        && n1.type_args.iter().zip(&n2.type_args).all(|(x, y)| self.ident_rec(*x, *y, d))
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether values of `t` can be compared with `==` (go/types' `comparableType`).
    pub fn comparable(&self, t: TypeId) -> bool {
        self.cmp_rec(t, 0)
    }

    fn cmp_rec(&self, t: TypeId, depth: u32) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        if let Type::TypeParam(tp) = self.ty(t) {
            if self.iface_is_comparable(tp.constraint) {
                return true;
            }
            return match self.type_terms(tp.constraint) {
                Some(ts) => !ts.is_empty() && ts.iter().all(|x| self.cmp_rec(x.ty, depth + 1)),
                None => false,
            };
        }
        match self.ty(self.underlying(t)) {
            Type::Basic(k) => *k != BasicKind::UntypedNil,
            Type::Pointer(_) | Type::Chan(..) | Type::Interface(_) => true,
            Type::Struct(fs) => fs.iter().all(|f| self.cmp_rec(f.ty, depth + 1)),
            Type::Array(_, e) => self.cmp_rec(*e, depth + 1),
            _ => false,
        }
    }

    /// Whether a value of type `v` is assignable to type `t` (go/types' `assignableTo`, for
    /// values whose constant-ness is unknown: an untyped constant type is taken to be
    /// representable when its kind fits).
    pub fn assignable(&self, v: TypeId, t: TypeId) -> bool {
        if self.identical(v, t) || v == INVALID || t == INVALID {
            return true;
        }
        let vu = self.underlying(v);
        let tu = self.underlying(t);
        if let Type::Basic(k) = self.ty(v) {
            if k.is_untyped() {
                return self.untyped_assignable(*k, t);
            }
        }
        // Identical underlying types and at least one is not a named type.
        if self.identical(vu, tu)
            && (!self.has_name(v) || !self.has_name(t))
            && !self.is_type_param(v)
            && !self.is_type_param(t)
        {
            return true;
        }
        // T is an interface and v implements it.
        if matches!(self.ty(tu), Type::Interface(_)) && !self.is_type_param(t) && self.implements(v, t) {
            return true;
        }
        // Bidirectional channel to a channel type with identical element, one unnamed.
        if let (Type::Chan(ChanDir::Both, e1), Type::Chan(_, e2)) = (self.ty(vu), self.ty(tu)) {
            if self.identical(*e1, *e2) && (!self.has_name(v) || !self.has_name(t)) {
                return true;
            }
        }
        false
    }

    fn untyped_assignable(&self, k: BasicKind, t: TypeId) -> bool {
        if let Type::TypeParam(tp) = self.ty(t) {
            return match self.type_terms(tp.constraint) {
                Some(ts) => !ts.is_empty() && ts.iter().all(|x| self.untyped_assignable(k, x.ty)),
                // No core type terms: no untyped constant (not even `nil`) is assignable.
                None => false,
            };
        }
        let tu = self.underlying(t);
        match self.ty(tu) {
            Type::Basic(tk) => match k {
                BasicKind::UntypedBool => *tk == BasicKind::Bool || *tk == BasicKind::UntypedBool,
                BasicKind::UntypedString => tk.is_string(),
                BasicKind::UntypedNil => *tk == BasicKind::UnsafePointer || *tk == BasicKind::UntypedNil,
                BasicKind::UntypedInt | BasicKind::UntypedRune => tk.is_numeric(),
                BasicKind::UntypedFloat => tk.is_numeric(),
                BasicKind::UntypedComplex => tk.is_numeric(),
                _ => false,
            },
            Type::Interface(_) => {
                if k == BasicKind::UntypedNil {
                    return true;
                }
                self.is_method_set_only(tu) && self.implements(self.default_type(self.basic(k)), t)
            }
            Type::Pointer(_) | Type::Slice(_) | Type::Map(..) | Type::Chan(..) | Type::Signature(_) => {
                k == BasicKind::UntypedNil
            }
            _ => false,
        }
    }

    /// Whether type `v` implements interface `t` (methods and type set; comparability of
    /// `comparable` constraints is checked with go1.20+ rules).
    pub fn implements(&self, v: TypeId, t: TypeId) -> bool {
        self.missing_method(v, t).is_none() && self.satisfies_type_set(v, t)
    }

    pub(crate) fn satisfies_type_set(&self, v: TypeId, t: TypeId) -> bool {
        if self.is_interface(v) && !self.is_type_param(v) {
            // An interface satisfies a type set only if its own is a subset; for basic
            // interfaces against unrestricted sets that is trivially true.
            if self.type_terms(t).is_some() {
                return match (self.type_terms(v), self.type_terms(t)) {
                    (Some(vs), Some(ts)) => vs.iter().all(|x| ts.iter().any(|y| self.term_includes(y, x.ty))),
                    _ => false,
                };
            }
            return true;
        }
        if self.iface_is_comparable(t) && !self.comparable(v) {
            // go1.20: spec-comparable types satisfy comparable, but not non-comparable ones.
            return false;
        }
        match self.type_terms(t) {
            None => true,
            Some(ts) => {
                if let Type::TypeParam(tp) = self.ty(v) {
                    return match self.type_terms(tp.constraint) {
                        Some(vs) => !vs.is_empty() && vs.iter().all(|x| ts.iter().any(|y| self.term_includes(y, x.ty))),
                        None => false,
                    };
                }
                ts.iter().any(|y| self.term_includes(y, v))
            }
        }
    }

    fn term_includes(&self, term: &Term, v: TypeId) -> bool {
        if term.tilde {
            self.identical(self.underlying(term.ty), self.underlying(v))
        } else {
            self.identical(term.ty, v)
        }
    }

    /// The first method of interface `t` that `v` lacks (or has with the wrong signature, or
    /// only with a pointer receiver), by name.
    pub fn missing_method(&self, v: TypeId, t: TypeId) -> Option<String> {
        let wanted = self.interface_methods(t);
        if wanted.is_empty() {
            return None;
        }
        let v_is_iface = self.is_interface(v) && !self.is_type_param(v);
        let vms = if v_is_iface { self.interface_methods(v) } else { vec![] };
        for m in &wanted {
            if v_is_iface {
                match vms.iter().find(|x| x.name == m.name) {
                    Some(x) if self.identical(x.sig, m.sig) => continue,
                    _ => return Some(m.name.clone()),
                }
            }
            match self.lookup_field_or_method(v, false, &m.pkg, &m.name) {
                Some(sel) if sel.kind == crate::SelectionKind::MethodVal => {
                    let fty = self.obj(sel.obj).ty;
                    let ok = fty.is_some_and(|f| self.method_sig_identical(f, m.sig, v));
                    if !ok {
                        return Some(m.name.clone());
                    }
                }
                _ => return Some(m.name.clone()),
            }
        }
        None
    }

    /// Compares a concrete method's signature (receiver ignored) with an interface method's,
    /// substituting an instantiated receiver's type arguments.
    fn method_sig_identical(&self, f: TypeId, m: TypeId, recv: TypeId) -> bool {
        let (Type::Signature(s1), Type::Signature(s2)) = (self.ty(f), self.ty(m)) else {
            return false;
        };
        let map = self.recv_type_arg_map(recv);
        let same = |a: TypeId, b: TypeId| -> bool {
            if map.is_empty() {
                self.identical(a, b)
            } else {
                self.identical_under_map(a, b, &map, 0)
            }
        };
        s1.variadic == s2.variadic
            && s1.params.len() == s2.params.len()
            && s1.results.len() == s2.results.len()
            && s1.params.iter().zip(&s2.params).all(|(p, q)| same(p.ty, q.ty))
            && s1.results.iter().zip(&s2.results).all(|(p, q)| same(p.ty, q.ty))
    }

    /// For an instantiated named type (or pointer to one): its origin's receiver type
    /// parameters mapped to the type arguments, found through the methods' receivers.
    pub(crate) fn recv_type_arg_map(&self, recv: TypeId) -> Vec<(TypeId, TypeId)> {
        let mut t = recv;
        if let Type::Pointer(e) = self.ty(t) {
            t = *e;
        }
        let Type::Named(n) = self.ty(t) else { return vec![] };
        let Some(origin) = n.origin else { return vec![] };
        let Type::Named(o) = self.ty(origin) else { return vec![] };
        let mut map: Vec<(TypeId, TypeId)> = o.type_params.iter().copied().zip(n.type_args.iter().copied()).collect();
        // Methods declare their own receiver type parameters; map those too.
        for &m in &o.methods {
            if let Some(Type::Signature(s)) = self.obj(m).ty.map(|t| self.ty(t)) {
                if let Some(r) = &s.recv {
                    let mut rt = r.ty;
                    if let Type::Pointer(e) = self.ty(rt) {
                        rt = *e;
                    }
                    if let Type::Named(rn) = self.ty(rt) {
                        for (i, a) in rn.type_args.iter().enumerate() {
                            if let (true, Some(&arg)) = (self.is_type_param(*a), n.type_args.get(i)) {
                                map.push((*a, arg));
                            }
                        }
                    }
                }
            }
        }
        map
    }

    /// Identity where type parameters on the left are first replaced through `map`.
    fn identical_under_map(&self, a: TypeId, b: TypeId, map: &[(TypeId, TypeId)], depth: u32) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        if let Some((_, r)) = map.iter().find(|(p, _)| *p == a) {
            return self.identical(*r, b);
        }
        if a == b {
            return true;
        }
        let d = depth + 1;
        match (self.ty(a), self.ty(b)) {
            (Type::Pointer(x), Type::Pointer(y)) | (Type::Slice(x), Type::Slice(y)) => {
                self.identical_under_map(*x, *y, map, d)
            }
            (Type::Array(n, x), Type::Array(m, y)) => n == m && self.identical_under_map(*x, *y, map, d),
            (Type::Map(k1, v1), Type::Map(k2, v2)) => {
                self.identical_under_map(*k1, *k2, map, d) && self.identical_under_map(*v1, *v2, map, d)
            }
            (Type::Chan(d1, e1), Type::Chan(d2, e2)) => d1 == d2 && self.identical_under_map(*e1, *e2, map, d),
            (Type::Signature(s1), Type::Signature(s2)) => {
                s1.variadic == s2.variadic
                    && s1.params.len() == s2.params.len()
                    && s1.results.len() == s2.results.len()
                    && s1.params.iter().zip(&s2.params).all(|(p, q)| self.identical_under_map(p.ty, q.ty, map, d))
                    && s1.results.iter().zip(&s2.results).all(|(p, q)| self.identical_under_map(p.ty, q.ty, map, d))
            }
            (Type::Named(n1), Type::Named(n2)) if n1.origin.is_some() && n1.origin == n2.origin => {
                n1.type_args.len() == n2.type_args.len()
                    && n1.type_args.iter().zip(&n2.type_args).all(|(x, y)| self.identical_under_map(*x, *y, map, d))
            }
            _ => self.identical(a, b),
        }
    }
}

impl Method {
    fn pkg_eq(&self, other: &Method) -> bool {
        let exported = self.name.chars().next().is_some_and(|c| c.is_uppercase());
        exported || self.pkg == other.pkg
    }
}
