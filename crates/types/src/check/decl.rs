//! Type-checking declarations (go/types' `decl.go`, `signature.go`, function bodies from
//! `stmt.go`'s `funcBody`).

use rustc_hash::FxHashMap as HashMap;

use syntax::ast::{Block, Decl, Expr, ExprKind, Field as AstField, FuncType, Ident, TypeSpec};
use syntax::Pos;

use super::{Checker, DeclInfo, Env};
use crate::object::{ObjId, ObjKind};
use crate::ty::{Field, Named, Signature, Type, TypeId, TypeParam};
use crate::universe::INVALID;
use crate::Mode;

/// A signature's parameter scope, kept for checking the body.
pub(super) struct SigScope {
    pub scope: HashMap<String, ObjId>,
}

impl<'a> Checker<'a> {
    /// Type-checks package-level object `o` if that has not happened yet.
    pub(super) fn obj_decl(&mut self, o: ObjId) {
        if self.ctx.obj(o).ty.is_some() {
            return;
        }
        let Some(d) = self.decls.get(&o).cloned() else { return };
        if self.obj_path.contains(&o) {
            // An alias met again while its right-hand side is being resolved: if that side
            // names a type whose declaration is under way (a cycle through a defined type,
            // which is valid), the alias denotes that type already.
            if let DeclInfo::Type { file, spec } = &d {
                if spec.alias && spec.type_params.is_empty() {
                    if let Some(t) = self.alias_target_early(*file, &spec.ty) {
                        self.ctx.objects[o.0 as usize].ty = Some(t);
                        return;
                    }
                }
            }
            self.decl_cycle(o);
            return;
        }
        self.obj_path.push(o);
        match d {
            DeclInfo::Const { file, ty, init, iota } => {
                let env = Env { file, iota: Some(iota as i128), ..Env::default() };
                self.with_env(env, |c| c.const_decl(o, ty, init));
            }
            DeclInfo::Var { file, ty, init, lhs } => {
                let env = Env { file, ..Env::default() };
                self.with_env(env, |c| match lhs {
                    Some(lhs) => c.var_decl_multi(&lhs, ty, init),
                    None => c.var_decl(o, ty, init),
                });
            }
            DeclInfo::Type { file, spec } => {
                let env = Env { file, ..Env::default() };
                self.with_env(env, |c| c.type_decl(o, spec, true));
            }
            DeclInfo::Func { file, decl } => {
                let env = Env { file, ..Env::default() };
                self.with_env(env, |c| {
                    let (sig, _) = c.func_signature(decl.recv.as_ref(), &decl.type_params, &decl.ty, Some(o));
                    c.ctx.objects[o.0 as usize].ty = Some(sig);
                    // A bodyless declaration is not reported here: the go command allows it
                    // when the package has assembly (`-complete` is off), which it does not
                    // know here.
                });
                self.funcs.push(o);
            }
        }
        self.obj_path.pop();
        if self.obj_path.is_empty() {
            self.finish_type_round();
        }
    }

    /// `o` was met again while it is being declared (go/types' `validCycle`). Cycles through
    /// a type definition are fine (the named type exists already); cycles of only constants
    /// and variables are initialization cycles; anything else is an invalid recursive
    /// declaration.
    fn decl_cycle(&mut self, o: ObjId) {
        let start = self.obj_path.iter().position(|&p| p == o).unwrap_or(0);
        let cycle: Vec<ObjId> = self.obj_path[start..].to_vec();
        let (mut nval, mut ndef) = (0, 0);
        for &c in &cycle {
            match self.ctx.obj(c).kind {
                ObjKind::Const(_) | ObjKind::Var { .. } => nval += 1,
                ObjKind::TypeName { alias: false } => ndef += 1,
                _ => {}
            }
        }
        if nval == cycle.len() {
            self.cycle_error(&cycle, "initialization cycle for");
        } else if nval == 0 && ndef > 0 {
            if self.ctx.obj(o).ty.is_some() {
                return;
            }
        } else {
            self.cycle_error(&cycle, "");
        }
        if let ObjKind::Const(_) = self.ctx.obj(o).kind {
            self.set_const(o, INVALID, crate::Value::Unknown);
        } else {
            self.ctx.objects[o.0 as usize].ty = Some(INVALID);
        }
    }

    /// Reports a declaration cycle at its first object in source order, listing who refers to
    /// whom (go/types' `cycleError`). `what` overrides the headline (initialization cycles).
    fn cycle_error(&mut self, cycle: &[ObjId], what: &str) {
        if cycle.is_empty() {
            return;
        }
        let mut key: Vec<ObjId> = cycle.to_vec();
        key.sort();
        if !self.reported_cycles.insert(key) {
            return;
        }
        let start = (0..cycle.len())
            .min_by_key(|&i| {
                let o = self.ctx.obj(cycle[i]);
                (o.file, o.pos)
            })
            .unwrap_or(0);
        let first = self.ctx.obj(cycle[start]).clone();
        let is_type = matches!(first.kind, ObjKind::TypeName { .. });
        if cycle.len() == 1 {
            let msg = if !what.is_empty() {
                format!("{what} {}: {} refers to itself", first.name, first.name)
            } else if is_type {
                format!("invalid recursive type: {} refers to itself", first.name)
            } else {
                format!("invalid cycle in declaration: {} refers to itself", first.name)
            };
            self.error_at(first.file, first.pos, msg);
            return;
        }
        let mut msg = if !what.is_empty() {
            format!("{what} {}", first.name)
        } else if is_type {
            format!("invalid recursive type {}", first.name)
        } else {
            format!("invalid cycle in declaration of {}", first.name)
        };
        for i in 0..cycle.len() {
            let a = self.ctx.obj(cycle[(start + i) % cycle.len()]);
            let b = self.ctx.obj(cycle[(start + i + 1) % cycle.len()]);
            let ps = self.st_pos_string(a.file, a.pos);
            msg.push_str(&format!("\n\t{ps}: {} refers to {}", a.name, b.name));
        }
        self.error_at(first.file, first.pos, msg);
    }

    /// go/types' `isComplete`: a defined type whose declaration is still under way (on the
    /// object path) has no underlying type yet, so a composite literal or conversion of it
    /// (`type T [len(T{})]int`) is a cycle, reported here. Chains of type names are followed.
    pub(super) fn is_complete(&mut self, t: TypeId) -> bool {
        let mut t = self.ctx.unalias(t);
        for _ in 0..64 {
            let (obj, underlying) = match self.ctx.ty(t) {
                Type::Named(n) => {
                    let obj = match n.origin.map(|o| self.ctx.ty(o)) {
                        Some(Type::Named(origin)) => origin.obj,
                        _ => n.obj,
                    };
                    (obj, n.underlying)
                }
                _ => return true,
            };
            if let Some(i) = self.obj_path.iter().position(|&p| p == obj) {
                let cycle = self.obj_path[i..].to_vec();
                self.cycle_error(&cycle, "");
                return false;
            }
            match underlying {
                Some(u) if u != t && matches!(self.ctx.ty(u), Type::Named(_)) => t = u,
                _ => return true,
            }
        }
        true
    }

    /// Follows a chain of defined types to the first non-named type; `None` if the chain
    /// reaches a type whose declaration is not finished (or loops).
    fn resolve_under(&self, t: TypeId) -> Option<TypeId> {
        let mut t = t;
        for _ in 0..64 {
            match self.ctx.ty(t) {
                Type::Named(n) => match n.underlying {
                    Some(u) if u != t => t = u,
                    _ => return None,
                },
                _ => return Some(t),
            }
        }
        None
    }

    /// At the end of a round of package-level declarations: defined types whose right-hand
    /// side was a defined type still being declared get their underlying type now (or a
    /// cycle error), then every type declared is checked for containing itself by value.
    fn finish_type_round(&mut self) {
        let lazy = std::mem::take(&mut self.lazy_named);
        for t in lazy {
            if self.resolve_under(t).is_some() {
                let u = self.resolve_under(t).unwrap_or(INVALID);
                if let Type::Named(n) = &mut self.ctx.types[t.0 as usize] {
                    n.underlying = Some(u);
                }
                continue;
            }
            // Walk the chain to find the loop.
            let mut chain: Vec<TypeId> = Vec::new();
            let mut cur = t;
            let cycle_start = loop {
                if let Some(i) = chain.iter().position(|&c| c == cur) {
                    break Some(i);
                }
                chain.push(cur);
                match self.ctx.ty(cur) {
                    Type::Named(n) => match n.underlying {
                        Some(u) if matches!(self.ctx.ty(u), Type::Named(_)) => cur = u,
                        Some(_) => break None,
                        None => break None,
                    },
                    _ => break None,
                }
            };
            if let Some(i) = cycle_start {
                let objs: Vec<ObjId> = chain[i..]
                    .iter()
                    .filter_map(|&c| match self.ctx.ty(c) {
                        Type::Named(n) => Some(n.obj),
                        _ => None,
                    })
                    .collect();
                self.cycle_error(&objs, "");
            }
            for c in chain {
                let unresolved = match self.ctx.ty(c) {
                    Type::Named(n) => n.underlying.is_none_or(|u| matches!(self.ctx.ty(u), Type::Named(_))),
                    _ => false,
                };
                if unresolved {
                    if let Type::Named(n) = &mut self.ctx.types[c.0 as usize] {
                        n.underlying = Some(INVALID);
                    }
                }
            }
        }
        let round = std::mem::take(&mut self.round_named);
        for t in round {
            let mut path = Vec::new();
            self.valid_type(t, &mut path);
        }
    }

    /// Reports a defined type that contains itself through fields, array elements, embedded
    /// interfaces and union terms (go/types' `validType`); the types on such a cycle become invalid.
    fn valid_type(&mut self, t: TypeId, path: &mut Vec<TypeId>) {
        let t = self.ctx.unalias(t);
        if path.len() > 64 || self.valid_named.contains(&t) {
            return;
        }
        match self.ctx.ty(t).clone() {
            Type::Array(_, e) => self.valid_type(e, path),
            Type::Struct(fs) => {
                for f in fs {
                    self.valid_type(f.ty, path);
                }
            }
            // An interface embedding itself expands forever (`type I interface{ I; m() }`).
            Type::Interface(i) => {
                for e in i.embeddeds {
                    self.valid_type(e, path);
                }
                for t in i.unions.iter().flatten() {
                    self.valid_type(t.ty, path);
                }
            }
            Type::Named(n) => {
                if let Some(i) = path.iter().position(|&p| p == t) {
                    let objs: Vec<ObjId> = path[i..]
                        .iter()
                        .filter_map(|&c| match self.ctx.ty(c) {
                            Type::Named(n) => Some(n.obj),
                            _ => None,
                        })
                        .collect();
                    self.cycle_error(&objs, "");
                    for &c in &path[i..] {
                        if let Type::Named(n) = &mut self.ctx.types[c.0 as usize] {
                            n.underlying = Some(INVALID);
                        }
                        self.valid_named.insert(c);
                    }
                    return;
                }
                let Some(u) = n.underlying else { return };
                path.push(t);
                self.valid_type(u, path);
                path.pop();
                self.valid_named.insert(t);
            }
            _ => {}
        }
    }

    /// The type an alias's right-hand side `T` or `pkg.T` names, if known without checking
    /// anything (the named type exists once its declaration has started).
    fn alias_target_early(&self, file: u32, e: &Expr) -> Option<TypeId> {
        let obj = match &e.unparen().kind {
            ExprKind::Ident(n) => {
                let fs = self.file_scopes.get(file as usize);
                fs.and_then(|s| s.get(n)).or_else(|| self.pkg_scope.get(n)).copied()?
            }
            ExprKind::Selector { x, sel } => {
                let ExprKind::Ident(p) = &x.unparen().kind else { return None };
                let pn = *self.file_scopes.get(file as usize)?.get(p)?;
                let ObjKind::PkgName(path) = &self.ctx.obj(pn).kind else { return None };
                *self.ctx.packages.get(path)?.scope.get(&sel.name)?
            }
            _ => return None,
        };
        let o = self.ctx.obj(obj);
        match o.kind {
            ObjKind::TypeName { .. } => o.ty.filter(|&t| t != INVALID),
            _ => None,
        }
    }

    pub(super) fn const_decl(&mut self, o: ObjId, ty: Option<&'a Expr>, init: Option<&'a Expr>) {
        let t = ty.map(|e| self.typ(e));
        if let Some(t) = t {
            let ok =
                matches!(self.ctx.ty(self.ctx.underlying(t)), Type::Basic(k) if *k != crate::BasicKind::UnsafePointer);
            if !ok && t != INVALID {
                let pos = ty.map(|e| e.pos).unwrap_or_default();
                let s = self.ty_str(t);
                self.error(pos, format!("invalid constant type {s}"));
                self.set_const(o, INVALID, crate::Value::Unknown);
                return;
            }
        }
        let Some(init) = init else {
            // Reported by `arity`.
            self.set_const(o, t.unwrap_or(INVALID), crate::Value::Unknown);
            return;
        };
        let mut x = self.expr(init, None);
        if x.mode != Mode::Invalid && x.mode != Mode::Constant {
            let d = self.op_string(&x);
            self.error(init.pos, format!("{d} is not constant"));
            x.mode = Mode::Invalid;
        }
        if x.mode == Mode::Invalid {
            self.set_const(o, t.unwrap_or(INVALID), crate::Value::Unknown);
            return;
        }
        if let Some(t) = t {
            self.assignment(&mut x, Some(t), "constant declaration");
        }
        let v = x.val.clone().unwrap_or(crate::Value::Unknown);
        self.set_const(o, x.ty, v);
    }

    fn set_const(&mut self, o: ObjId, t: TypeId, v: crate::Value) {
        let obj = &mut self.ctx.objects[o.0 as usize];
        obj.ty = Some(t);
        obj.kind = ObjKind::Const(v);
    }

    /// `var o [T] = init` (go/types' `varDecl` for one variable).
    pub(super) fn var_decl(&mut self, o: ObjId, ty: Option<&'a Expr>, init: Option<&'a Expr>) {
        let t = ty.map(|e| self.typ(e));
        self.ctx.objects[o.0 as usize].ty = t;
        let Some(init) = init else {
            if t.is_none() {
                self.ctx.objects[o.0 as usize].ty = Some(INVALID);
            }
            return;
        };
        let mut x = self.expr(init, t);
        self.init_var(o, &mut x, "variable declaration");
        if self.ctx.obj(o).ty.is_none() {
            self.ctx.objects[o.0 as usize].ty = Some(INVALID);
        }
    }

    /// `var a, b [T] = f()`: several variables from one (multi-valued) expression.
    pub(super) fn var_decl_multi(&mut self, lhs: &[ObjId], ty: Option<&'a Expr>, init: Option<&'a Expr>) {
        let t = ty.map(|e| self.typ(e));
        for &o in lhs {
            self.ctx.objects[o.0 as usize].ty = t;
        }
        match init {
            Some(init) => self.init_vars(lhs, std::slice::from_ref(init), None),
            None => {
                for &o in lhs {
                    self.ctx.objects[o.0 as usize].ty = Some(t.unwrap_or(INVALID));
                }
            }
        }
        for &o in lhs {
            if self.ctx.obj(o).ty.is_none() {
                self.ctx.objects[o.0 as usize].ty = Some(INVALID);
            }
        }
    }

    /// Reports a mismatch between the names and values of a const or var spec (go/types'
    /// `arity`). `inherited`: the values were repeated from an earlier const spec.
    pub(super) fn arity(&mut self, names: &[Ident], values: &[Expr], is_const: bool, inherited: bool) {
        let (l, r) = (names.len(), values.len());
        if l < r {
            let n = &values[l];
            if inherited {
                let ps = self.st_pos_string(self.env.file, n.pos);
                let at = names.first().map(|n| n.pos).unwrap_or(n.pos);
                self.error(at, format!("extra init expr at {ps}"));
            } else {
                let es = self.expr_string(n);
                self.error(super::stmt::start_pos(n), format!("extra init expr {es}"));
            }
        } else if l > r && (is_const || r != 1) {
            let n = &names[r];
            self.error(n.pos, format!("missing init expr for {}", n.name));
        }
    }

    /// A type declaration; `pkg_level` selects whether methods are attached.
    pub(super) fn type_decl(&mut self, o: ObjId, spec: &'a TypeSpec, pkg_level: bool) {
        if spec.alias {
            self.ctx.objects[o.0 as usize].ty = None;
            if !spec.type_params.is_empty() {
                self.open_scope();
                self.collect_type_params(&spec.type_params);
            }
            let mut t = self.typ(&spec.ty);
            if !spec.type_params.is_empty() {
                self.close_scope();
            } else if t != INVALID {
                // Materialized while the package is checked (see `crate::alias`).
                t = self.ctx.new_type(Type::Alias { obj: o, actual: t });
            }
            self.ctx.objects[o.0 as usize].ty = Some(t);
            return;
        }
        let methods = if pkg_level { self.unique_methods(&spec.name.name) } else { vec![] };
        let named = self.ctx.new_type(Type::Named(Named {
            obj: o,
            underlying: None,
            methods,
            type_params: vec![],
            origin: None,
            type_args: vec![],
        }));
        self.ctx.objects[o.0 as usize].ty = Some(named);
        if !spec.type_params.is_empty() {
            self.open_scope();
            let tps = self.collect_type_params_of(&spec.type_params, Some(named));
            if let Type::Named(n) = &mut self.ctx.types[named.0 as usize] {
                n.type_params = tps;
            }
        }
        let rhs = self.typ(&spec.ty);
        let rhs = self.ctx.unalias(rhs);
        if !spec.type_params.is_empty() {
            self.close_scope();
        }
        if let Type::Named(rn) = self.ctx.ty(rhs).clone() {
            if rn.underlying.is_none() && rn.origin.is_some() {
                self.ctx.expand_named(rhs);
            }
        }
        let u = if let Type::TypeParam(_) = self.ctx.ty(rhs) {
            self.error(spec.ty.pos, "cannot use a type parameter as RHS in type declaration");
            INVALID
        } else if matches!(self.ctx.ty(rhs), Type::Named(_)) {
            match self.resolve_under(rhs) {
                Some(u) => u,
                None => {
                    // The right-hand side is still being declared: resolve at the end of
                    // the round (or report the cycle then).
                    self.lazy_named.push(named);
                    rhs
                }
            }
        } else {
            rhs
        };
        if let Type::Named(n) = &mut self.ctx.types[named.0 as usize] {
            n.underlying = Some(u);
        }
        self.round_named.push(named);
        if pkg_level {
            self.check_field_uniqueness(named);
        }
        if !pkg_level && self.obj_path.is_empty() {
            self.finish_type_round();
        }
    }

    /// The methods declared for type `name`, without blank and duplicate ones (reported).
    fn unique_methods(&mut self, name: &str) -> Vec<ObjId> {
        let all = self.methods.get(name).cloned().unwrap_or_default();
        let mut out: Vec<ObjId> = Vec::new();
        for m in all {
            let mo = self.ctx.obj(m).clone();
            if mo.name == "_" {
                continue;
            }
            if let Some(&alt) = out.iter().find(|&&a| self.ctx.obj(a).name == mo.name) {
                let ao = self.ctx.obj(alt);
                let ps = self.st_pos_string(ao.file, ao.pos);
                self.error_at(mo.file, mo.pos, format!("method {name}.{} already declared at {ps}", mo.name));
                continue;
            }
            out.push(m);
        }
        out
    }

    /// Reports struct fields that have the name of a method of the type.
    fn check_field_uniqueness(&mut self, named: TypeId) {
        let Type::Named(n) = self.ctx.ty(named).clone() else { return };
        let Some(u) = n.underlying else { return };
        let Type::Struct(fields) = self.ctx.ty(u).clone() else { return };
        for f in fields {
            if f.name == "_" {
                continue;
            }
            if let Some(&m) = n.methods.iter().find(|&&m| self.ctx.obj(m).name == f.name) {
                let mo = self.ctx.obj(m).clone();
                let other = match f.obj {
                    Some(fo) => {
                        let fo = self.ctx.obj(fo);
                        format!("\n\t{}: other declaration of {}", self.st_pos_string(fo.file, fo.pos), f.name)
                    }
                    None => String::new(),
                };
                self.error_at(mo.file, mo.pos, format!("field and method with the same name {}{other}", f.name));
            }
        }
    }

    /// Declares type parameters in the current scope and returns their types.
    pub(super) fn collect_type_params(&mut self, fields: &'a [AstField]) -> Vec<TypeId> {
        self.collect_type_params_of(fields, None)
    }

    /// Declares the type parameters, binds them to the generic type `named` being declared
    /// (its constraints may instantiate it: `type T[P T[P]] interface{}`, go.dev/issue/47887),
    /// then reads their constraints.
    fn collect_type_params_of(&mut self, fields: &'a [AstField], named: Option<TypeId>) -> Vec<TypeId> {
        let mut tps = Vec::new();
        let mut per_field = Vec::new();
        for f in fields {
            let mut ids = Vec::new();
            for n in &f.names {
                let obj = self.new_obj(&n.name, ObjKind::TypeName { alias: false }, None, n.pos);
                let t =
                    self.ctx.new_type(Type::TypeParam(TypeParam { obj, index: tps.len() as u32, constraint: INVALID }));
                self.ctx.objects[obj.0 as usize].ty = Some(t);
                self.declare_local(&n.name, obj, n.pos);
                tps.push(t);
                ids.push(t);
            }
            per_field.push(ids);
        }
        if let Some(Type::Named(n)) = named.map(|n| &mut self.ctx.types[n.0 as usize]) {
            n.type_params = tps.clone();
        }
        for (f, ids) in fields.iter().zip(per_field) {
            let c = self.constraint(&f.ty);
            for t in ids {
                if let Type::TypeParam(tp) = &mut self.ctx.types[t.0 as usize] {
                    tp.constraint = c;
                }
            }
        }
        tps
    }

    /// A type constraint: an interface, or a non-interface element wrapped as `interface{E}`.
    pub(super) fn constraint(&mut self, e: &'a Expr) -> TypeId {
        let is_elem = matches!(
            &e.unparen().kind,
            ExprKind::Binary { op: syntax::ast::BinaryOp::Or, .. }
                | ExprKind::Unary { op: syntax::ast::UnaryOp::Tilde, .. }
        );
        if is_elem {
            let terms = self.union_terms(e);
            return self.ctx.new_type(Type::Interface(crate::ty::Interface {
                methods: vec![],
                embeddeds: vec![],
                unions: vec![terms],
                comparable: false,
                complete: true,
                all_methods: vec![],
                implicit: true,
            }));
        }
        let t = self.typ(e);
        if t == INVALID || self.ctx.is_interface(t) {
            return t;
        }
        if self.ctx.is_type_param(t) {
            // go/types' `collectTypeParams`: the bound is then invalid.
            self.error(e.pos, "cannot use a type parameter as constraint");
            return INVALID;
        }
        self.ctx.new_type(Type::Interface(crate::ty::Interface {
            methods: vec![],
            embeddeds: vec![],
            unions: vec![vec![crate::ty::Term { tilde: false, ty: t }]],
            comparable: false,
            complete: true,
            all_methods: vec![],
            implicit: true,
        }))
    }

    /// Checks a signature. For a method, the receiver (with receiver type parameters) is
    /// included. Parameter objects are recorded as defs and returned as a scope for the body.
    pub(super) fn func_signature(
        &mut self,
        recv: Option<&'a AstField>,
        tparams: &'a [AstField],
        ft: &'a FuncType,
        _func: Option<ObjId>,
    ) -> (TypeId, SigScope) {
        self.open_scope();
        let mut recv_field = None;
        if let Some(r) = recv {
            recv_field = Some(self.receiver(r));
        }
        let type_params = if tparams.is_empty() { vec![] } else { self.collect_type_params(tparams) };
        let (params, variadic) = self.params(&ft.params, false);
        let (results, _) = self.params(&ft.results, true);
        // Parameter names are in scope in the body only, not in the signature's types.
        for f in recv_field.iter().chain(&params).chain(&results) {
            if let Some(o) = f.obj {
                let pos = self.ctx.obj(o).pos;
                self.declare_local(&f.name, o, pos);
            }
        }
        let scope = self.env.scopes.pop().unwrap_or_default();
        let sig =
            self.ctx.new_type(Type::Signature(Signature { recv: recv_field, params, results, variadic, type_params }));
        (sig, SigScope { scope })
    }

    fn receiver(&mut self, r: &'a AstField) -> Field {
        // Receiver type parameters: `func (l *List[T]) ...` declares T, bound to List's.
        let mut te = r.ty.unparen();
        let mut ptr = false;
        if let ExprKind::Star(x) = &te.kind {
            te = x.unparen();
            ptr = true;
        }
        let t = if let ExprKind::Index { x, indices } = &te.kind {
            let base = self.generic_base(x);
            match base {
                Some(base) => {
                    let Type::Named(bn) = self.ctx.ty(base).clone() else { unreachable!() };
                    let mut new_tps = Vec::new();
                    for (i, ix) in indices.iter().enumerate() {
                        let name = match &ix.kind {
                            ExprKind::Ident(n) => n.clone(),
                            _ => "_".to_string(),
                        };
                        let obj = self.new_obj(&name, ObjKind::TypeName { alias: false }, None, ix.pos);
                        let tp =
                            self.ctx.new_type(Type::TypeParam(TypeParam { obj, index: i as u32, constraint: INVALID }));
                        self.ctx.objects[obj.0 as usize].ty = Some(tp);
                        self.declare_local(&name, obj, ix.pos);
                        self.record(ix, Mode::TypeExpr, tp, None);
                        new_tps.push(tp);
                    }
                    if new_tps.len() != bn.type_params.len() {
                        self.error(
                            te.pos,
                            format!(
                                "receiver declares {} type parameters, but receiver base type declares {}",
                                new_tps.len(),
                                bn.type_params.len()
                            ),
                        );
                    }
                    let map: Vec<(TypeId, TypeId)> =
                        bn.type_params.iter().copied().zip(new_tps.iter().copied()).collect();
                    for &(type_tpar, method_tpar) in &map {
                        self.mono.record_canon(method_tpar, type_tpar);
                    }
                    for (i, &tp) in new_tps.iter().enumerate() {
                        let c = bn.type_params.get(i).and_then(|&p| match self.ctx.ty(p) {
                            Type::TypeParam(op) => Some(op.constraint),
                            _ => None,
                        });
                        let c = c.map(|c| self.ctx.substitute(c, &map)).unwrap_or(INVALID);
                        if let Type::TypeParam(p) = &mut self.ctx.types[tp.0 as usize] {
                            p.constraint = c;
                        }
                    }
                    let inst = self.ctx.instantiate_named(base, &new_tps);
                    self.record(te, Mode::TypeExpr, inst, None);
                    inst
                }
                None => INVALID,
            }
        } else {
            let t = self.typ(te);
            if let Type::Named(n) = self.ctx.ty(t) {
                if !n.type_params.is_empty() {
                    let s = self.ty_str(t);
                    self.error(te.pos, format!("cannot use generic type {s} without instantiation"));
                }
            }
            t
        };
        let rt = if ptr { self.ctx.new_pointer(t) } else { t };
        if ptr {
            self.record(r.ty.unparen(), Mode::TypeExpr, rt, None);
        }
        // The receiver base must be a defined type of this package, not a pointer or interface
        // (go/types' `validRecv`).
        if t != INVALID {
            let ts = self.ty_str(t);
            let full = if ptr { self.ctx.new_pointer(t) } else { t };
            let rs = self.ty_str(full);
            let msg = match self.ctx.ty(t) {
                Type::Named(n) => {
                    if self.ctx.obj(n.obj).pkg != self.path {
                        Some(format!("cannot define new methods on non-local type {ts}"))
                    } else {
                        match self.ctx.ty(self.ctx.underlying(t)) {
                            Type::Basic(crate::BasicKind::UnsafePointer) => {
                                Some(format!("invalid receiver type {ts} (unsafe.Pointer)"))
                            }
                            Type::Pointer(_) | Type::Interface(_) => {
                                Some(format!("invalid receiver type {ts} (pointer or interface type)"))
                            }
                            _ => None,
                        }
                    }
                }
                Type::Basic(_) => Some(format!("cannot define new methods on non-local type {ts}")),
                _ => Some(format!("invalid receiver type {rs}")),
            };
            if let Some(m) = msg {
                self.error(super::stmt::start_pos(te), m);
            }
        }
        let name = r.names.first().map(|n| n.name.clone()).unwrap_or_default();
        let mut obj = None;
        if let Some(n) = r.names.first() {
            let o = self.new_var(&n.name, rt, n.pos, true, false);
            obj = Some(o);
        }
        Field { name, ty: rt, embedded: false, pkg: String::new(), obj, tag: String::new() }
    }

    /// The generic named type a receiver or instantiation names.
    fn generic_base(&mut self, x: &'a Expr) -> Option<TypeId> {
        let op = self.raw_expr(x, None, true);
        if op.mode != Mode::TypeExpr {
            return None;
        }
        match self.ctx.ty(op.ty) {
            Type::Named(n) if !n.type_params.is_empty() => Some(op.ty),
            _ => {
                let s = self.ty_str(op.ty);
                self.error(x.pos, format!("{s} is not a generic type"));
                None
            }
        }
    }

    fn params(&mut self, fields: &'a [AstField], results: bool) -> (Vec<Field>, bool) {
        let mut out = Vec::new();
        let mut variadic = false;
        let n = fields.len();
        for (i, f) in fields.iter().enumerate() {
            let (te, is_var) = match &f.ty.kind {
                ExprKind::Ellipsis(Some(elem)) => (&**elem, true),
                _ => (&f.ty, false),
            };
            let mut t = self.typ(te);
            if is_var {
                if results || i != n - 1 || f.names.len() > 1 {
                    self.error(f.ty.pos, "can only use ... with final parameter in list");
                } else {
                    variadic = true;
                }
                t = self.ctx.new_slice(t);
                self.record(&f.ty, Mode::TypeExpr, t, None);
            }
            if f.names.is_empty() {
                out.push(Field {
                    name: String::new(),
                    ty: t,
                    embedded: false,
                    pkg: String::new(),
                    obj: None,
                    tag: String::new(),
                });
            }
            for name in &f.names {
                let o = self.new_var(&name.name, t, name.pos, !results, results);
                out.push(Field {
                    name: name.name.clone(),
                    ty: t,
                    embedded: false,
                    pkg: String::new(),
                    obj: Some(o),
                    tag: String::new(),
                });
            }
        }
        (out, variadic)
    }

    /// Checks the bodies of all functions and methods, in source order.
    pub(super) fn function_bodies(&mut self) {
        let order = self.decl_order.clone();
        for o in order {
            let Some(DeclInfo::Func { file, decl }) = self.decls.get(&o).cloned() else { continue };
            let Some(body) = &decl.body else { continue };
            let env = Env { file, ..Env::default() };
            self.with_env(env, |c| {
                // Re-enter the signature's scope: declare the parameter objects again (their
                // defs are already recorded and point at the same objects).
                let sig = c.ctx.obj(o).ty.unwrap_or(INVALID);
                let scope = c.sig_scope(sig, decl.recv.as_ref(), &decl.type_params);
                c.func_body(sig, scope, body);
            });
        }
    }

    /// Rebuilds the scope of a checked signature: receiver, type parameters, parameters.
    fn sig_scope(
        &mut self,
        sig: TypeId,
        recv: Option<&'a AstField>,
        tparams: &'a [AstField],
    ) -> HashMap<String, ObjId> {
        let mut scope = HashMap::default();
        let Type::Signature(s) = self.ctx.ty(sig).clone() else { return scope };
        let add = |f: &Field, scope: &mut HashMap<String, ObjId>| {
            if let Some(o) = f.obj {
                if !f.name.is_empty() && f.name != "_" {
                    scope.insert(f.name.clone(), o);
                }
            }
        };
        if let Some(r) = &s.recv {
            add(r, &mut scope);
            // Receiver type parameters.
            let mut rt = r.ty;
            if let Type::Pointer(e) = self.ctx.ty(rt) {
                rt = *e;
            }
            if let Type::Named(n) = self.ctx.ty(rt) {
                for &a in &n.type_args {
                    if let Type::TypeParam(tp) = self.ctx.ty(a) {
                        let o = self.ctx.obj(tp.obj);
                        if o.name != "_" {
                            scope.insert(o.name.clone(), tp.obj);
                        }
                    }
                }
            }
            let _ = recv;
        }
        let _ = tparams;
        for &tp in &s.type_params {
            if let Type::TypeParam(p) = self.ctx.ty(tp) {
                let o = self.ctx.obj(p.obj);
                scope.insert(o.name.clone(), p.obj);
            }
        }
        for f in s.params.iter().chain(&s.results) {
            add(f, &mut scope);
        }
        scope
    }

    /// Checks a function body with the given signature and parameter scope (go/types'
    /// `funcBody`), then reports a missing return and unused variables.
    pub(super) fn func_body(&mut self, sig: TypeId, scope: HashMap<String, ObjId>, body: &'a Block) {
        let saved_sig = self.env.sig;
        let saved_vars = std::mem::take(&mut self.env.vars);
        let saved_in = self.env.in_func;
        self.env.sig = Some(sig);
        self.env.in_func = true;
        self.env.scopes.push(scope);
        self.stmt_list(&body.stmts);
        self.env.scopes.pop();
        self.check_branches(body);
        let has_results = matches!(self.ctx.ty(sig), Type::Signature(s) if !s.results.is_empty());
        if has_results && !self.is_terminating_list(&body.stmts, "") {
            self.error(body.end, "missing return");
        }
        let vars = std::mem::replace(&mut self.env.vars, saved_vars);
        let mut unused: Vec<(Pos, String)> = vars
            .iter()
            .filter(|v| !self.used.contains(v))
            .map(|&v| (self.ctx.obj(v).pos, self.ctx.obj(v).name.clone()))
            .filter(|(_, n)| n != "_")
            .collect();
        unused.sort();
        for (p, n) in unused {
            self.error(p, format!("declared and not used: {n}"));
        }
        self.env.sig = saved_sig;
        self.env.in_func = saved_in;
    }

    /// A declaration inside a function body.
    pub(super) fn local_decl(&mut self, d: &'a Decl) {
        match d {
            Decl::Const(specs) => {
                for spec in specs {
                    let saved = self.env.iota;
                    self.env.iota = Some(spec.iota as i128);
                    let mut objs = Vec::new();
                    for (i, n) in spec.names.iter().enumerate() {
                        let o = self.new_obj(&n.name, ObjKind::Const(crate::Value::Unknown), None, n.pos);
                        self.const_decl(o, spec.ty.as_ref(), spec.values.get(i));
                        objs.push((n, o));
                    }
                    self.arity(&spec.names, &spec.values, true, spec.implicit);
                    self.env.iota = saved;
                    for (n, o) in objs {
                        self.declare_local(&n.name, o, n.pos);
                    }
                }
            }
            Decl::Var(specs) => {
                for spec in specs {
                    let objs: Vec<ObjId> = spec
                        .names
                        .iter()
                        .map(|n| {
                            self.new_obj(
                                &n.name,
                                ObjKind::Var {
                                    global: false,
                                    param: false,
                                    result: false,
                                    field: false,
                                    embedded: false,
                                },
                                None,
                                n.pos,
                            )
                        })
                        .collect();
                    if spec.values.len() == 1 && spec.names.len() > 1 {
                        self.var_decl_multi(&objs, spec.ty.as_ref(), spec.values.first());
                    } else {
                        for (i, &o) in objs.iter().enumerate() {
                            self.var_decl(o, spec.ty.as_ref(), spec.values.get(i));
                        }
                    }
                    if spec.ty.is_none() || !spec.values.is_empty() {
                        self.arity(&spec.names, &spec.values, false, false);
                    }
                    for (n, &o) in spec.names.iter().zip(&objs) {
                        self.declare_local(&n.name, o, n.pos);
                        self.env.vars.push(o);
                    }
                }
            }
            Decl::Type(specs) => {
                for spec in specs {
                    let o = self.new_obj(&spec.name.name, ObjKind::TypeName { alias: spec.alias }, None, spec.name.pos);
                    self.declare_local(&spec.name.name, o, spec.name.pos);
                    self.type_decl(o, spec, false);
                }
            }
            Decl::Func(f) => {
                self.error(f.pos, "function declaration not allowed in function body");
            }
        }
    }

    /// Declares a function literal's signature and checks its body.
    /// A function literal: its signature (`ty`, recorded as the type expression it is) and
    /// its body.
    pub(super) fn func_lit(&mut self, ty: &'a Expr, body: &'a Block) -> TypeId {
        let (sig, scope) = self.func_signature(None, &[], ty.func_type(), None);
        self.record(ty, Mode::TypeExpr, sig, None);
        self.func_body(sig, scope.scope, body);
        sig
    }

    #[allow(dead_code)]
    fn ident_pos(i: &Ident) -> Pos {
        i.pos
    }
}
