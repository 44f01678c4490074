//! Type expressions (go/types' `typexpr.go`, `struct.go`, `interface.go`, `union.go`).

use syntax::ast::{BinaryOp, ChanDir as AstDir, Expr, ExprKind, UnaryOp};

use super::operand::start_pos;
use super::Checker;
use crate::object::ObjKind;
use crate::ty::{ChanDir, Field, Interface, Method, Term, Type, TypeId};
use crate::universe::INVALID;
use crate::Mode;

fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}

impl<'a> Checker<'a> {
    /// The type denoted by `e`; reports an error and returns `invalid type` if `e` is not one.
    pub(super) fn typ(&mut self, e: &'a Expr) -> TypeId {
        if let ExprKind::Ident(name) = &e.kind {
            // go/types' `ident` wanting a type: an object of another kind stops right here,
            // before its declaration is checked (a function's own name in its signature is
            // no type, not a cycle).
            if let Some(obj) = self.lookup_scope(name).filter(|_| name != "_") {
                let o = self.ctx.obj(obj);
                if !matches!(o.kind, ObjKind::TypeName { .. }) {
                    let own_var = matches!(o.kind, ObjKind::Var { .. }) && o.pkg == self.path;
                    let kind = self.object_kind(obj);
                    self.record_use(e, obj);
                    if own_var {
                        self.used.insert(obj);
                    }
                    self.error(e.pos, format!("{name} ({kind}) is not a type"));
                    return INVALID;
                }
            }
        }
        if let ExprKind::Selector { x, sel } = &e.kind {
            // go/types' `selector` wanting a type: unless `x` names a package, no field or
            // method is a type, and the selection is not looked up.
            let qualified = matches!(&x.kind, ExprKind::Ident(n)
                if self.lookup(n).is_some_and(|o| matches!(self.ctx.obj(o).kind, ObjKind::PkgName(_))));
            if !qualified {
                let x = self.raw_expr(x, None, false);
                if x.mode != Mode::Invalid {
                    let s = self.expr_string(e);
                    self.error(sel.pos, format!("{s} is not a type"));
                }
                return INVALID;
            }
        }
        let x = self.raw_expr(e, None, false);
        match x.mode {
            Mode::TypeExpr => {
                if let Type::Named(n) = self.ctx.ty(x.ty) {
                    if !n.type_params.is_empty() && n.origin.is_none() {
                        let s = self.ty_str(x.ty);
                        self.error(e.pos, format!("cannot use generic type {s} without instantiation"));
                        return INVALID;
                    }
                }
                x.ty
            }
            Mode::Invalid => INVALID,
            _ => {
                let s = self.expr_string(e);
                self.error(e.pos, format!("{s} is not a type"));
                INVALID
            }
        }
    }

    /// A type literal (`[]T`, `struct{...}`, ...); `None` if `e` is not one.
    pub(super) fn type_lit(&mut self, e: &'a Expr) -> Option<TypeId> {
        let t = match &e.kind {
            ExprKind::ArrayType { len, elem } => match len {
                None => {
                    let el = self.typ(elem);
                    self.ctx.new_slice(el)
                }
                Some(l) if matches!(l.kind, ExprKind::Ellipsis(None)) => {
                    self.error(l.pos, "invalid use of [...] array (outside a composite literal)");
                    self.typ(elem);
                    INVALID
                }
                Some(l) => {
                    let n = self.array_length(l);
                    let el = self.typ(elem);
                    if n < 0 {
                        INVALID
                    } else {
                        self.ctx.new_type(Type::Array(n, el))
                    }
                }
            },
            ExprKind::MapType { key, value } => {
                let k = self.typ(key);
                let v = self.typ(value);
                if k != INVALID
                    && !self.ctx.is_type_param(k)
                    && !self.ctx.comparable(k)
                    && self.ctx.underlying(k) != INVALID
                {
                    let s = self.ty_str(k);
                    self.error(key.pos, format!("invalid map key type {s}"));
                }
                self.ctx.new_type(Type::Map(k, v))
            }
            ExprKind::ChanType { dir, elem } => {
                let el = self.typ(elem);
                let d = match dir {
                    AstDir::Both => ChanDir::Both,
                    AstDir::Send => ChanDir::Send,
                    AstDir::Recv => ChanDir::Recv,
                };
                self.ctx.new_type(Type::Chan(d, el))
            }
            ExprKind::FuncType(ft) => {
                let (sig, _) = self.func_signature(None, &[], ft, None);
                sig
            }
            ExprKind::StructType { fields } => self.struct_type(fields),
            ExprKind::InterfaceType { elems } => self.interface_type(elems),
            _ => return None,
        };
        Some(t)
    }

    /// The constant length of an array type.
    fn array_length(&mut self, e: &'a Expr) -> i64 {
        // A name may be a type parameter declaration missing its constraint (`type T[N] ...`
        // read as an array type): types2 says so before evaluating it.
        if let ExprKind::Ident(name) = &e.kind {
            match self.lookup_scope(name) {
                None => {
                    self.error(e.pos, format!("undefined array length {name} or missing type constraint"));
                    return -1;
                }
                Some(o) if !matches!(self.ctx.obj(o).kind, ObjKind::Const(_)) => {
                    self.error(e.pos, format!("invalid array length {name}"));
                    return -1;
                }
                Some(_) => {}
            }
        }
        let x = self.expr(e, None);
        if x.mode == Mode::Invalid {
            return -1;
        }
        if x.mode != Mode::Constant {
            let s = self.op_string(&x);
            self.error(start_pos(e), format!("array length {s} must be constant"));
            return -1;
        }
        let integer = self.ctx.basic_kind(x.ty).is_some_and(|k| k.is_integer());
        if self.ctx.is_untyped(x.ty) || integer {
            if let Some(n) = x.val.as_ref().and_then(|v| v.as_i128()) {
                if n >= 0 && n <= i64::MAX as i128 {
                    // Like go/types, an untyped length keeps its untyped type.
                    return n as i64;
                }
            }
        }
        // At the operand, which types2 places where its expression starts.
        let (s, at) = (self.op_string(&x), start_pos(e));
        if integer {
            self.error(at, format!("invalid array length {s}"));
        } else {
            self.error(at, format!("array length {s} must be integer"));
        }
        -1
    }

    fn struct_type(&mut self, fields: &'a [syntax::ast::Field]) -> TypeId {
        let mut out: Vec<Field> = Vec::new();
        for f in fields {
            let t = self.typ(&f.ty);
            let tag = f.tag.clone().unwrap_or_default();
            if f.names.is_empty() {
                // Embedded field: named after the type name.
                let (name, pos) = embedded_name(&f.ty).unwrap_or(("_".to_string(), f.ty.pos));
                let pkg = if is_exported(&name) { String::new() } else { self.path.clone() };
                let o = self.new_obj(
                    &name,
                    ObjKind::Var { global: false, param: false, result: false, field: true, embedded: true },
                    Some(t),
                    pos,
                );
                self.record_def(pos, o);
                // Embedded types must be a type name T or a pointer to a non-interface type name.
                let u = self.ctx.underlying(t);
                match self.ctx.ty(t) {
                    Type::Pointer(e) => {
                        if self.ctx.is_interface(*e) || matches!(self.ctx.ty(self.ctx.underlying(*e)), Type::Pointer(_))
                        {
                            self.error(f.ty.pos, "embedded field type cannot be a pointer to an interface");
                        }
                    }
                    _ if matches!(self.ctx.ty(u), Type::Pointer(_)) => {
                        self.error(f.ty.pos, "embedded field type cannot be a pointer");
                    }
                    _ => {}
                }
                self.check_dup_field(&out, &name, pos);
                out.push(Field { name, ty: t, embedded: true, pkg, obj: Some(o), tag: tag.clone() });
                continue;
            }
            for n in &f.names {
                let pkg = if is_exported(&n.name) { String::new() } else { self.path.clone() };
                let o = self.new_obj(
                    &n.name,
                    ObjKind::Var { global: false, param: false, result: false, field: true, embedded: false },
                    Some(t),
                    n.pos,
                );
                self.record_def(n.pos, o);
                self.check_dup_field(&out, &n.name, n.pos);
                out.push(Field { name: n.name.clone(), ty: t, embedded: false, pkg, obj: Some(o), tag: tag.clone() });
            }
        }
        self.ctx.new_type(Type::Struct(out))
    }

    fn check_dup_field(&mut self, out: &[Field], name: &str, pos: syntax::Pos) {
        if name != "_" && out.iter().any(|f| f.name == name) {
            self.error(pos, format!("{name} redeclared"));
        }
    }

    fn interface_type(&mut self, elems: &'a [syntax::ast::Field]) -> TypeId {
        let mut methods = Vec::new();
        let mut embeddeds = Vec::new();
        let mut unions = Vec::new();
        for f in elems {
            if !f.names.is_empty() {
                if let ExprKind::FuncType(ft) = &f.ty.kind {
                    let (sig, _) = self.func_signature(None, &[], ft, None);
                    // The method's signature is a type expression of its own, as in go/types.
                    self.record(&f.ty, Mode::TypeExpr, sig, None);
                    for n in &f.names {
                        let o = self.new_obj(&n.name, ObjKind::Func, Some(sig), n.pos);
                        self.record_def(n.pos, o);
                        if methods.iter().any(|m: &Method| m.name == n.name) {
                            self.error(n.pos, format!("duplicate method {}", n.name));
                            continue;
                        }
                        let pkg = if is_exported(&n.name) { String::new() } else { self.path.clone() };
                        methods.push(Method { name: n.name.clone(), sig, pkg, obj: Some(o) });
                    }
                }
                continue;
            }
            let is_elem = matches!(
                &f.ty.unparen().kind,
                ExprKind::Binary { op: BinaryOp::Or, .. } | ExprKind::Unary { op: UnaryOp::Tilde, .. }
            );
            if is_elem {
                let terms = self.union_terms(&f.ty);
                unions.push(terms);
                continue;
            }
            let t = self.typ(&f.ty);
            if t == INVALID {
                continue;
            }
            if self.ctx.is_interface(t) || self.ctx.underlying(t) == INVALID {
                embeddeds.push(t);
            } else {
                unions.push(vec![Term { tilde: false, ty: t }]);
            }
        }
        methods.sort_by(|a: &Method, b: &Method| a.name.cmp(&b.name));
        let all = methods.clone();
        self.ctx.new_type(Type::Interface(Interface {
            methods,
            embeddeds,
            unions,
            comparable: false,
            complete: true,
            all_methods: all,
            implicit: false,
        }))
    }

    /// The terms of a union `A | ~B | C` (go/types' `parseUnion`). As there, a `~T` term is
    /// recorded as the union of just itself, and each `|` node as the union of the terms up to
    /// its right operand (`A | ~B`, then `A | ~B | C`).
    pub(super) fn union_terms(&mut self, e: &'a Expr) -> Vec<Term> {
        let mut ors = Vec::new();
        let mut operands = Vec::new();
        flatten_union(e, &mut ors, &mut operands);
        let mut terms = Vec::new();
        for (i, x) in operands.into_iter().enumerate() {
            terms.push(self.union_term(x));
            if i > 0 {
                let u = self.ctx.new_type(Type::Union(terms.clone()));
                self.record(ors[i - 1], Mode::TypeExpr, u, None);
            }
        }
        terms
    }

    /// One term of a union, `T` or `~T` (go/types' `parseTilde`).
    fn union_term(&mut self, e: &'a Expr) -> Term {
        match &e.unparen().kind {
            ExprKind::Unary { op: UnaryOp::Tilde, x } => {
                let t = self.typ(x);
                if t != INVALID && !self.ctx.identical(t, self.ctx.underlying(t)) {
                    let s = self.ty_str(t);
                    self.error(e.pos, format!("invalid use of ~ ({s} is not the underlying type of {s})"));
                }
                let term = Term { tilde: true, ty: t };
                let u = self.ctx.new_type(Type::Union(vec![term.clone()]));
                self.record(e.unparen(), Mode::TypeExpr, u, None);
                term
            }
            _ => Term { tilde: false, ty: self.typ(e) },
        }
    }
}

/// The name of an embedded field: the type name without package, pointer or type arguments.
fn embedded_name(e: &Expr) -> Option<(String, syntax::Pos)> {
    match &e.unparen().kind {
        ExprKind::Ident(n) => Some((n.clone(), e.pos)),
        ExprKind::Selector { sel, .. } => Some((sel.name.clone(), sel.pos)),
        ExprKind::Star(x) => embedded_name(x),
        ExprKind::Index { x, .. } => embedded_name(x),
        _ => None,
    }
}

/// Splits union `e` into its `|` nodes (innermost first) and its terms, left to right (go/types'
/// `flattenUnion`); the tree is left-associative, so `ors[i]` joins `terms[..=i+1]`. Deep
/// unions are walked iteratively.
fn flatten_union<'e>(e: &'e Expr, ors: &mut Vec<&'e Expr>, terms: &mut Vec<&'e Expr>) {
    let mut rights = Vec::new();
    let mut x = e;
    while let ExprKind::Binary { op: BinaryOp::Or, x: l, y: r } = &x.unparen().kind {
        rights.push((x, &**r));
        x = l;
    }
    terms.push(x);
    for (or, r) in rights.into_iter().rev() {
        ors.push(or);
        terms.push(r);
    }
}

impl Checker<'_> {
    /// Whether `obj` is the receiver of the function being checked (inside a method, only its
    /// own receiver is in scope).
    fn is_receiver(&self, obj: crate::ObjId) -> bool {
        match self.env.sig.map(|s| self.ctx.ty(s)) {
            Some(Type::Signature(s)) => s.recv.as_ref().is_some_and(|r| r.obj == Some(obj)),
            _ => false,
        }
    }

    /// go/types' `objectKind`: how an error names what an object is.
    pub(super) fn object_kind(&self, obj: crate::ObjId) -> &'static str {
        let o = self.ctx.obj(obj);
        match &o.kind {
            ObjKind::PkgName(_) => "package name",
            ObjKind::Const(_) => "constant",
            ObjKind::TypeName { alias: true } => "type alias",
            ObjKind::TypeName { .. } => match o.ty.map(|t| self.ctx.ty(t)) {
                Some(Type::TypeParam { .. }) => "type parameter",
                _ => "defined type",
            },
            ObjKind::Var { global: true, .. } => "package-level variable",
            ObjKind::Var { field: true, .. } => "struct field",
            ObjKind::Var { result: true, .. } => "result variable",
            ObjKind::Var { param: true, .. } if self.is_receiver(obj) => "receiver",
            ObjKind::Var { param: true, .. } => "parameter",
            ObjKind::Var { .. } => "local variable",
            ObjKind::Func => match o.ty.map(|t| self.ctx.ty(t)) {
                Some(Type::Signature(s)) if s.recv.is_some() => "method",
                _ => "function",
            },
            ObjKind::Builtin(_) => "built-in function",
            ObjKind::Nil => "untyped nil",
            ObjKind::Label => "label",
        }
    }
}
