//! Alias types, materialized while a package is checked and gone once it is.
//!
//! go/types (1.27) keeps an alias as a type of its own: `var t *_type` with
//! `type _type = abi.Type` has type `*_type`, and prints so. We do the same while checking a
//! package: the alias' object gets a [`Type::Alias`] that every type written with it embeds,
//! and the recorded types keep the spelling. But gc never sees aliases, and neither may
//! anything downstream of the checker (the IR lowering reads the arena directly). So when the
//! package is checked, [`Ctx::unalias_package`] replaces every alias by its actual type
//! everywhere a consumer can reach: each recorded type becomes alias-free (the spelled one
//! moves to `TypeAndValue::alias_ty`, for the conformance diff), as do the types of the
//! package's objects and the underlying types, type arguments and constraints of the named
//! types and type parameters it created. Importers therefore see the actual types of an
//! imported package's aliases, where go/types would still show `os.FileInfo`.
//!
//! While checking, [`Ctx::ty`] looks through aliases, so code that matches on a type's
//! structure never meets one; code comparing type ids must compare [`Ctx::unalias`]ed ids.

use crate::predicates::MAX_DEPTH;
use crate::ty::{Field, Interface, Method, Signature, Term, Type, TypeId};
use crate::{Ctx, Info};

impl Ctx {
    /// `t` with every alias in it replaced by its actual type.
    pub fn unalias_deep(&mut self, t: TypeId) -> TypeId {
        self.unalias_rec(t, 0)
    }

    fn unalias_rec(&mut self, t: TypeId, depth: u32) -> TypeId {
        if depth > MAX_DEPTH {
            return t;
        }
        if let Some(&u) = self.unaliased.get(&t) {
            return u;
        }
        let d = depth + 1;
        let ty = self.types[t.0 as usize].clone();
        let u = match ty {
            Type::Alias { actual, .. } => self.unalias_rec(actual, d),
            // Nominal types are rewritten in place (see `unalias_package`).
            Type::Basic(_) | Type::Named(_) | Type::TypeParam(_) => t,
            Type::Pointer(e) => {
                let n = self.unalias_rec(e, d);
                if n == e {
                    t
                } else {
                    self.new_type(Type::Pointer(n))
                }
            }
            Type::Slice(e) => {
                let n = self.unalias_rec(e, d);
                if n == e {
                    t
                } else {
                    self.new_type(Type::Slice(n))
                }
            }
            Type::Array(len, e) => {
                let n = self.unalias_rec(e, d);
                if n == e {
                    t
                } else {
                    self.new_type(Type::Array(len, n))
                }
            }
            Type::Map(k, v) => {
                let (nk, nv) = (self.unalias_rec(k, d), self.unalias_rec(v, d));
                if nk == k && nv == v {
                    t
                } else {
                    self.new_type(Type::Map(nk, nv))
                }
            }
            Type::Chan(dir, e) => {
                let n = self.unalias_rec(e, d);
                if n == e {
                    t
                } else {
                    self.new_type(Type::Chan(dir, n))
                }
            }
            Type::Tuple(ts, names) => {
                let ns: Vec<TypeId> = ts.iter().map(|&e| self.unalias_rec(e, d)).collect();
                if ns == ts {
                    t
                } else {
                    self.new_type(Type::Tuple(ns, names))
                }
            }
            Type::Struct(fs) => {
                let nfs = self.unalias_fields(&fs, d);
                if nfs == fs {
                    t
                } else {
                    self.new_type(Type::Struct(nfs))
                }
            }
            Type::Signature(s) => {
                let params = self.unalias_fields(&s.params, d);
                let results = self.unalias_fields(&s.results, d);
                let recv = s.recv.as_ref().map(|r| Field { ty: self.unalias_rec(r.ty, d), ..r.clone() });
                if params == s.params && results == s.results && recv == s.recv {
                    t
                } else {
                    self.new_type(Type::Signature(Signature { recv, params, results, ..s }))
                }
            }
            Type::Union(terms) => {
                let nterms = self.unalias_terms(&terms, d);
                if nterms == terms {
                    t
                } else {
                    self.new_type(Type::Union(nterms))
                }
            }
            Type::Interface(i) => {
                let methods = self.unalias_methods(&i.methods, d);
                let all_methods = self.unalias_methods(&i.all_methods, d);
                let embeddeds: Vec<TypeId> = i.embeddeds.iter().map(|&e| self.unalias_rec(e, d)).collect();
                let unions: Vec<Vec<Term>> = i.unions.iter().map(|u| self.unalias_terms(u, d)).collect();
                if methods == i.methods
                    && all_methods == i.all_methods
                    && embeddeds == i.embeddeds
                    && unions == i.unions
                {
                    t
                } else {
                    self.new_type(Type::Interface(Interface { methods, embeddeds, unions, all_methods, ..i }))
                }
            }
        };
        self.unaliased.insert(t, u);
        u
    }

    fn unalias_fields(&mut self, fs: &[Field], d: u32) -> Vec<Field> {
        fs.iter().map(|f| Field { ty: self.unalias_rec(f.ty, d), ..f.clone() }).collect()
    }

    fn unalias_terms(&mut self, terms: &[Term], d: u32) -> Vec<Term> {
        terms.iter().map(|x| Term { tilde: x.tilde, ty: self.unalias_rec(x.ty, d) }).collect()
    }

    fn unalias_methods(&mut self, ms: &[Method], d: u32) -> Vec<Method> {
        ms.iter().map(|m| Method { sig: self.unalias_rec(m.sig, d), ..m.clone() }).collect()
    }

    /// Removes aliases from everything a checked package exposes: `info`, the objects from
    /// `first_obj` on and the named types and type parameters from `first_type` on (those
    /// the package's check created).
    pub fn unalias_package(&mut self, info: &mut Info, first_obj: usize, first_type: usize) {
        for i in first_obj..self.objects.len() {
            if let Some(t) = self.objects[i].ty {
                let u = self.unalias_deep(t);
                self.objects[i].ty = Some(u);
            }
        }
        // Types appended while rewriting are alias-free already.
        let end = self.types.len();
        for i in first_type..end {
            match self.types[i].clone() {
                Type::Named(mut n) => {
                    n.underlying = n.underlying.map(|u| self.unalias_deep(u));
                    n.type_args = n.type_args.iter().map(|&a| self.unalias_deep(a)).collect();
                    self.types[i] = Type::Named(n);
                }
                Type::TypeParam(mut p) => {
                    p.constraint = self.unalias_deep(p.constraint);
                    self.types[i] = Type::TypeParam(p);
                }
                _ => {}
            }
        }
        for fi in &mut info.files {
            for tv in fi.types.values_mut() {
                let u = self.unalias_deep(tv.ty);
                if u != tv.ty {
                    tv.alias_ty = Some(tv.ty);
                    tv.ty = u;
                }
                tv.comma_ok = tv.comma_ok.map(|t| self.unalias_deep(t));
            }
            for s in fi.selections.values_mut() {
                s.recv = self.unalias_deep(s.recv);
            }
            for (args, inst) in fi.instances.values_mut() {
                for a in args.iter_mut() {
                    *a = self.unalias_deep(*a);
                }
                *inst = self.unalias_deep(*inst);
            }
        }
    }
}
