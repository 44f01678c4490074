//! Type-parameter substitution and instantiation (go/types' `subst.go`, `instantiate.go`).
//!
//! An instance of a generic named type is a fresh `Named` whose `origin` is the generic type
//! and whose `type_args` are the arguments; its underlying type is the origin's with the type
//! parameters substituted, computed as soon as the origin's is known ("expansion"). Its
//! methods are the origin's method objects: their signatures mention the origin's receiver
//! type parameters, which [`Ctx::method_type`] substitutes on demand.
//! Instances are cached by `(origin, args)`, which also ends the recursion through
//! self-referential generic types; a nesting limit ends infinitely expanding ones.

use crate::predicates::MAX_DEPTH;
use crate::ty::{Field, Interface, Method, Named, Signature, Term, Type, TypeId};
use crate::universe::INVALID;
use crate::Ctx;

/// Limit on nested instantiation (`type T[P any] struct{ f *T[[]P] }` grows forever).
const MAX_INSTANCE_DEPTH: u32 = 64;

thread_local! {
    static INSTANCE_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

impl Ctx {
    /// Replaces type parameters by the types `map` gives them.
    pub fn substitute(&mut self, t: TypeId, map: &[(TypeId, TypeId)]) -> TypeId {
        if map.is_empty() {
            return t;
        }
        self.subst_rec(t, map, 0)
    }

    fn subst_rec(&mut self, t: TypeId, map: &[(TypeId, TypeId)], depth: u32) -> TypeId {
        if depth > MAX_DEPTH {
            return INVALID;
        }
        let d = depth + 1;
        let ty = self.ty(t).clone();
        match ty {
            // `ty` looks through aliases, so this is not met.
            Type::Basic(_) | Type::Alias { .. } => t,
            Type::TypeParam(_) => map.iter().find(|(p, _)| *p == t).map(|(_, a)| *a).unwrap_or(t),
            Type::Pointer(e) => {
                let n = self.subst_rec(e, map, d);
                if n == e {
                    t
                } else {
                    self.new_type(Type::Pointer(n))
                }
            }
            Type::Slice(e) => {
                let n = self.subst_rec(e, map, d);
                if n == e {
                    t
                } else {
                    self.new_type(Type::Slice(n))
                }
            }
            Type::Array(len, e) => {
                let n = self.subst_rec(e, map, d);
                if n == e {
                    t
                } else {
                    self.new_type(Type::Array(len, n))
                }
            }
            Type::Map(k, v) => {
                let nk = self.subst_rec(k, map, d);
                let nv = self.subst_rec(v, map, d);
                if nk == k && nv == v {
                    t
                } else {
                    self.new_type(Type::Map(nk, nv))
                }
            }
            Type::Chan(dir, e) => {
                let n = self.subst_rec(e, map, d);
                if n == e {
                    t
                } else {
                    self.new_type(Type::Chan(dir, n))
                }
            }
            Type::Tuple(ts, names) => {
                let ns: Vec<TypeId> = ts.iter().map(|&e| self.subst_rec(e, map, d)).collect();
                if ns == ts {
                    t
                } else {
                    self.new_type(Type::Tuple(ns, names))
                }
            }
            Type::Struct(fs) => {
                let nfs = self.subst_fields(&fs, map, d);
                if nfs == fs {
                    t
                } else {
                    self.new_type(Type::Struct(nfs))
                }
            }
            Type::Signature(s) => {
                let params = self.subst_fields(&s.params, map, d);
                let results = self.subst_fields(&s.results, map, d);
                let recv = s.recv.as_ref().map(|r| self.subst_fields(std::slice::from_ref(r), map, d).remove(0));
                if params == s.params && results == s.results && recv == s.recv {
                    return t;
                }
                self.new_type(Type::Signature(Signature { recv, params, results, ..s }))
            }
            Type::Union(terms) => {
                let nterms: Vec<Term> =
                    terms.iter().map(|x| Term { tilde: x.tilde, ty: self.subst_rec(x.ty, map, d) }).collect();
                if nterms == terms {
                    t
                } else {
                    self.new_type(Type::Union(nterms))
                }
            }
            Type::Interface(i) => {
                let methods: Vec<Method> =
                    i.methods.iter().map(|m| Method { sig: self.subst_rec(m.sig, map, d), ..m.clone() }).collect();
                let embeddeds: Vec<TypeId> = i.embeddeds.iter().map(|&e| self.subst_rec(e, map, d)).collect();
                let unions: Vec<Vec<Term>> = i
                    .unions
                    .iter()
                    .map(|u| u.iter().map(|x| Term { tilde: x.tilde, ty: self.subst_rec(x.ty, map, d) }).collect())
                    .collect();
                if methods == i.methods && embeddeds == i.embeddeds && unions == i.unions {
                    return t;
                }
                self.new_type(Type::Interface(Interface { methods, embeddeds, unions, all_methods: vec![], ..i }))
            }
            Type::Named(n) => {
                let Some(origin) = n.origin else { return t };
                let args: Vec<TypeId> = n.type_args.iter().map(|&a| self.subst_rec(a, map, d)).collect();
                if args == n.type_args {
                    return t;
                }
                self.instantiate_named(origin, &args)
            }
        }
    }

    fn subst_fields(&mut self, fs: &[Field], map: &[(TypeId, TypeId)], d: u32) -> Vec<Field> {
        fs.iter().map(|f| Field { ty: self.subst_rec(f.ty, map, d), ..f.clone() }).collect()
    }

    /// Instantiates a generic named type or generic function signature with `args`
    /// (go/types' `Instantiate`, without constraint verification, which the checker does).
    /// Anything else is returned unchanged.
    pub fn instantiate(&mut self, generic: TypeId, args: &[TypeId]) -> TypeId {
        match self.ty(generic).clone() {
            Type::Named(_) => self.instantiate_named(generic, args),
            Type::Signature(s) => {
                let map: Vec<(TypeId, TypeId)> = s.type_params.iter().copied().zip(args.iter().copied()).collect();
                let plain = self.new_type(Type::Signature(Signature { type_params: vec![], ..s }));
                self.substitute(plain, &map)
            }
            _ => generic,
        }
    }

    /// The instance `origin[args]`, cached.
    pub fn instantiate_named(&mut self, origin: TypeId, args: &[TypeId]) -> TypeId {
        let origin = self.unalias(origin);
        let Type::Named(on) = self.ty(origin).clone() else { return origin };
        if on.type_params.is_empty() {
            return origin;
        }
        // One instance per list of actual types: `P[_type]` is `P[abi.Type]`.
        let args: Vec<TypeId> = args.iter().map(|&a| self.unalias_deep(a)).collect();
        let args = args.as_slice();
        let key = format!("inst:{}:{:?}", origin.0, args);
        if let Some(&id) = self.interned.get(&key) {
            return id;
        }
        let depth = INSTANCE_DEPTH.with(|c| c.get());
        if depth > MAX_INSTANCE_DEPTH {
            return INVALID;
        }
        let id = self.new_type(Type::Named(Named {
            obj: on.obj,
            underlying: None,
            methods: on.methods.clone(),
            type_params: vec![],
            origin: Some(origin),
            type_args: args.to_vec(),
        }));
        self.interned.insert(key, id);
        INSTANCE_DEPTH.with(|c| c.set(depth + 1));
        self.expand_named(id);
        INSTANCE_DEPTH.with(|c| c.set(depth));
        id
    }

    /// Computes an instance's underlying type once its origin's is known; returns whether the
    /// instance is expanded.
    pub fn expand_named(&mut self, t: TypeId) -> bool {
        let Type::Named(n) = self.ty(t).clone() else { return true };
        if n.underlying.is_some() {
            return true;
        }
        let Some(origin) = n.origin else { return false };
        let Type::Named(on) = self.ty(origin).clone() else { return false };
        let Some(ou) = on.underlying else { return false };
        // Mark as in progress (invalid) to stop cycles through the underlying type itself.
        if let Type::Named(m) = &mut self.types[t.0 as usize] {
            m.underlying = Some(INVALID);
        }
        let map: Vec<(TypeId, TypeId)> = on.type_params.iter().copied().zip(n.type_args.iter().copied()).collect();
        let mut u = self.substitute(ou, &map);
        // The underlying of a named type is never named.
        u = self.underlying(u);
        if let Type::Named(m) = &mut self.types[t.0 as usize] {
            m.underlying = Some(u);
            m.methods = on.methods.clone();
        }
        true
    }

    /// The type of method `m` (a `Func` object) selected on receiver type `recv`: its
    /// signature with an instantiated receiver's type arguments substituted.
    pub fn method_type(&mut self, m: crate::ObjId, recv: TypeId) -> TypeId {
        let Some(sig) = self.obj(m).ty else { return INVALID };
        let map = self.recv_type_arg_map(recv);
        self.substitute(sig, &map)
    }
}
