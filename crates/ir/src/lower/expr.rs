//! Lowering expressions and calls (gc's typecheck of expressions, `typecheck/func.go`,
//! `typecheck/expr.go`, and the implicit conversions of `typecheck.AssignConv`).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use syntax::ast::{self, ExprKind as A};
use types::{ObjId, ObjKind, SelectionKind, Type};

use super::print::{binary_prec, prec, Text};
use super::Lowerer;
use crate::*;

/// Past this many bytes a node's printed form is cut short, with `...` (the longest line gc
/// prints for all of std is under 800 bytes). Every node keeps its own text, which embeds its
/// operands': without a bound a chain `a + a + ... + a` of n terms would hold n²/2 bytes.
const MAX_TEXT: usize = 4096;

fn bounded_text(mut s: String) -> String {
    if s.len() > MAX_TEXT {
        let mut cut = MAX_TEXT;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push_str("...");
    }
    s
}

impl Lowerer<'_> {
    pub(crate) fn mk(&mut self, pos: Pos, t: types::TypeId, kind: ExprKind, text: Text) -> Expr {
        let ty = self.ir_type(t);
        Expr { pos, ty, kind, text: bounded_text(text.s) }
    }

    /// Precedence of an already-lowered node, for printing it as an operand.
    /// An implicit `&x` or `*p` (an automatic receiver adjustment) prints as its operand, as
    /// gc's `exprFmt` skips implicit nodes before choosing parentheses; it is recognisable by
    /// carrying its operand's text.
    pub(crate) fn text_of(e: &Expr) -> Text {
        if let ExprKind::Addr(x) | ExprKind::Deref(x) = &e.kind {
            if x.text == e.text {
                return Self::text_of(x);
            }
        }
        let p = match &e.kind {
            ExprKind::Binary { op, .. } => binary_prec(op),
            ExprKind::AddStr(_) => prec::ADD,
            ExprKind::Unary { .. }
            | ExprKind::Addr(_)
            | ExprKind::Deref(_)
            | ExprKind::Recv(_)
            | ExprKind::PtrLit(_) => prec::UNARY,
            _ => prec::ATOM,
        };
        Text::new(e.text.clone(), p)
    }

    pub(crate) fn is_interface(&self, t: types::TypeId) -> bool {
        let u = self.ctx.underlying(t);
        matches!(self.ctx.types[u.0 as usize], Type::Interface(_))
    }

    pub(crate) fn under(&self, t: types::TypeId) -> &Type {
        let u = self.ctx.underlying(t);
        &self.ctx.types[u.0 as usize]
    }

    /// An expression in a context that assigns it to type `target`: gc inserts an implicit
    /// `OCONVIFACE` when a non-interface value meets an interface type.
    pub(crate) fn lower_assigned(&mut self, e: &ast::Expr, target: types::TypeId) -> Expr {
        let x = self.lower_expr(e);
        let c = self.convert_implicit(x, self.type_of(e), target);
        let mut c = Self::at_syntax_pos(c, (Some(e.unparen().pos), None));
        if let ExprKind::ConvIface { x, .. } = &c.kind {
            if let Some(text) = self.static_const_text(e, x.ty) {
                c.text = text;
            }
        }
        c
    }

    /// A constant expression as gc 1.21 prints it: as written (the syntax printer's form of the
    /// expression without its outer parentheses), parenthesized by the precedence of its
    /// outermost operator when it is an operand.
    fn written_const_text(e: &ast::Expr) -> Text {
        let e = e.unparen();
        let prec = match &e.kind {
            A::Binary { op, .. } => super::print::binary_prec(op.as_str()),
            A::Unary { .. } => super::print::prec::UNARY,
            _ => super::print::prec::ATOM,
        };
        Text::new(types::check::syntax_string(e, MAX_TEXT), prec)
    }

    /// gc's `rewriteWithLiterals`: a variable that is never reassigned and holds a constant is
    /// replaced by that constant where it is converted to an interface or sizes a `make`, so
    /// gc prints (and sizes) the literal. Returns the literal as gc prints it.
    pub(crate) fn static_const_text(&self, e: &ast::Expr, _ty: TypeId) -> Option<String> {
        let (v, t) = self.static_const(e)?;
        Some(self.const_text(&v, t))
    }

    /// The constant a local variable statically holds (`ir.StaticValue`), with the variable's
    /// type.
    pub(crate) fn static_const(&self, e: &ast::Expr) -> Option<(types::Value, types::TypeId)> {
        // Only for gc's `rewriteWithLiterals`, which 1.24 and older do not have.
        if !self.out.rules.rewrite_with_literals {
            return None;
        }
        let cur = e.unparen();
        let var_ty = self.type_of(cur);
        let A::Ident(_) = &cur.kind else { return None };
        let obj = *self.fi().uses.get(&cur.id)?;
        if !self.is_local_var(obj) {
            return None;
        }
        let &(file, init) = self.single_defs.get(&obj)?;
        if file != self.file {
            return None;
        }
        match &self.fi().types.get(&init)?.value {
            Some(types::Value::Unknown) | None => None,
            Some(v) => Some((v.clone(), var_ty)),
        }
    }

    pub(crate) fn convert_implicit(&mut self, x: Expr, from: types::TypeId, target: types::TypeId) -> Expr {
        if self.is_interface(target) && !self.is_interface(from) && !matches!(x.kind, ExprKind::Nil) {
            if matches!(self.ctx.types[self.ctx.underlying(from).0 as usize], Type::Basic(types::BasicKind::UntypedNil))
            {
                return x;
            }
            let pos = x.pos;
            let text = Text::atom(x.text.clone());
            return self.mk(pos, target, ExprKind::ConvIface { x: Box::new(x), implicit: true }, text);
        }
        // Between two different interface types gc's `assignconv` makes an OCONVIFACE too (no
        // allocation; it costs the inliner a node).
        if self.is_interface(target)
            && self.is_interface(from)
            && !matches!(x.kind, ExprKind::Nil)
            && !self.ctx.identical(from, target)
        {
            let pos = x.pos;
            let text = Text::atom(x.text.clone());
            return self.mk(pos, target, ExprKind::ConvIface { x: Box::new(x), implicit: true }, text);
        }
        // gc's `assignconv` converts a function value to a non-identical (named) function type
        // with an implicit OCONVNOP. It prints as its operand and costs nothing, but it has
        // effects for `deadlocals`: an unused copy of a function literal returned as an
        // `iter.Seq` stays, and is analyzed.
        if matches!(self.ctx.types[self.ctx.underlying(target).0 as usize], Type::Signature(_))
            && !matches!(x.kind, ExprKind::Nil)
            && !self.ctx.identical(from, target)
        {
            let (pos, text) = (x.pos, Text::atom(x.text.clone()));
            return self.mk(pos, target, ExprKind::Conv(Box::new(x)), text);
        }
        x
    }

    pub(crate) fn lower_expr(&mut self, e: &ast::Expr) -> Expr {
        let t = self.type_of(e);
        if let Some(tv) = self.tv(e) {
            if let Some(v) = &tv.value {
                if tv.mode == types::Mode::Constant {
                    let text = match self.out.rules.constants_printed_as_written {
                        true => Self::written_const_text(e),
                        false => Text::atom(self.const_text(v, t)),
                    };
                    return self.mk(e.pos, t, ExprKind::Const(super::print::value_string(v)), text);
                }
            }
            if tv.mode == types::Mode::TypeExpr {
                let s = self.shown_type_of(e);
                return self.mk(e.pos, t, ExprKind::Type, Text::atom(s));
            }
        }
        match &e.kind {
            A::Paren(x) => self.lower_expr(x),
            A::Ident(name) => self.lower_ident(e, name),
            A::BasicLit { raw, .. } => self.mk(e.pos, t, ExprKind::Const(raw.clone()), Text::atom(raw.clone())),
            A::CompositeLit { elts, .. } => self.lower_composite(e.pos, t, self.raw_type_of(e), elts),
            A::FuncLit { ty, body } => self.lower_func_lit(e.pos, t, ty.func_type(), body),
            A::Selector { x, sel } => self.lower_selector(e, x, sel),
            A::Index { x, indices } => {
                let xt = self.type_of(x);
                if let Some(tv) = self.tv(x) {
                    if tv.mode == types::Mode::TypeExpr {
                        return self.mk(e.pos, t, ExprKind::Type, Text::atom(self.shown_type_of(e)));
                    }
                }
                if matches!(self.ctx.types[xt.0 as usize], Type::Signature(_))
                    || self.fi().instances.contains_key(&x.id)
                {
                    // An instantiated generic function used as a value.
                    return self.lower_expr(x);
                }
                let Some(index) = indices.first() else { return self.bad(e) };
                self.lower_index(e.pos, t, x, index)
            }
            A::Slice { x, lo, hi, max, .. } => self.lower_slice(e.pos, t, x, lo, hi, max),
            A::TypeAssert { x, .. } => {
                let xe = self.lower_expr(x);
                let text = format!("{}.({})", Self::text_of(&xe).at(prec::ATOM), self.shown_type_of(e));
                self.mk(e.pos, t, ExprKind::DotType { x: Box::new(xe) }, Text::atom(text))
            }
            A::Call { fun, args, ellipsis } => self.lower_call(e, fun, args, *ellipsis),
            A::Star(x) => {
                let xe = self.lower_expr(x);
                let text = format!("*{}", Self::text_of(&xe).at(prec::UNARY + 1));
                self.mk(e.pos, t, ExprKind::Deref(Box::new(xe)), Text::new(text, prec::UNARY))
            }
            A::Unary { op, x } => self.lower_unary(e, t, *op, x),
            A::Binary { op, x, y } => self.lower_binary(e, t, *op, x, y),
            _ => self.bad(e),
        }
    }

    fn bad(&mut self, e: &ast::Expr) -> Expr {
        self.unsupported(e.pos, "expression");
        let t = self.type_of(e);
        self.mk(e.pos, t, ExprKind::Nil, Text::atom("?"))
    }

    fn lower_ident(&mut self, e: &ast::Expr, name: &str) -> Expr {
        let t = self.type_of(e);
        let Some(&obj) = self.fi().uses.get(&e.id) else {
            if name == "_" {
                return self.mk(e.pos, t, ExprKind::Nil, Text::atom("_"));
            }
            return self.bad(e);
        };
        let name = &if self.foreign_pkg().is_some_and(|p| p.path == self.obj(obj).pkg) {
            self.qualify_ident(name)
        } else {
            name.to_string()
        };
        if let Some(fid) = self.instance_at(e.id) {
            return self.mk(
                e.pos,
                t,
                ExprKind::FuncName { name: name.to_string(), func: Some(fid), ext: None },
                Text::atom(name),
            );
        }
        self.lower_obj_ref(e.pos, t, obj, name)
    }

    fn lower_obj_ref(&mut self, pos: Pos, t: types::TypeId, obj: ObjId, name: &str) -> Expr {
        let o = self.obj(obj);
        match &o.kind {
            ObjKind::Var { global: false, field: false, .. } => {
                let v = self.local_var(obj, pos);
                self.note_capture(v, pos);
                self.mk(pos, t, ExprKind::Var(v), Text::atom(name))
            }
            ObjKind::Var { .. } => self.mk(pos, t, ExprKind::Global(name.to_string()), Text::atom(name)),
            ObjKind::Func => {
                let func = self.func_map.get(&obj).copied();
                let ext = match func {
                    Some(_) => None,
                    None => self.extern_value(obj),
                };
                self.mk(pos, t, ExprKind::FuncName { name: name.to_string(), func, ext }, Text::atom(name))
            }
            ObjKind::Nil => self.mk(pos, t, ExprKind::Nil, Text::atom("nil")),
            ObjKind::Const(v) => {
                let v = v.clone();
                let text = self.const_text(&v, t);
                self.mk(pos, t, ExprKind::Const(super::print::value_string(&v)), Text::atom(text))
            }
            _ => self.mk(pos, t, ExprKind::Type, Text::atom(name)),
        }
    }

    /// A composite literal of type `t`; `raw` is its type as the checker recorded it, before an
    /// instance's substitution, which is how it prints (`Pair[go.shape.int]{...}`).
    fn lower_composite(&mut self, pos: Pos, t: types::TypeId, raw: types::TypeId, elts: &[ast::Element]) -> Expr {
        let type_text = self.shaped_type_string(raw);
        let text = Text::atom(format!("{type_text}{{{}}}", if elts.is_empty() { "" } else { "..." }));
        match self.under(t).clone() {
            Type::Pointer(elem) => {
                // An elided `&T` inside another literal.
                let raw_elem = match &self.ctx.types[self.ctx.underlying(raw).0 as usize] {
                    Type::Pointer(e) => *e,
                    _ => elem,
                };
                let lit = self.lower_composite(pos, elem, raw_elem, elts);
                let text = Text::new(format!("&{}", lit.text), prec::UNARY);
                self.mk(pos, t, ExprKind::PtrLit(Box::new(lit)), text)
            }
            Type::Struct(fields) => {
                let mut vals = Vec::new();
                for el in elts {
                    let field_ty = match &el.key {
                        Some(k) => match &k.kind {
                            A::Ident(n) => fields.iter().find(|f| &f.name == n).map(|f| f.ty),
                            _ => None,
                        },
                        None => fields.get(vals.len()).map(|f| f.ty),
                    };
                    let v = match field_ty {
                        Some(ft) => self.lower_elem(&el.value, ft),
                        None => self.lower_expr(&el.value),
                    };
                    vals.push(v);
                }
                self.mk(pos, t, ExprKind::StructLit(vals), text)
            }
            Type::Array(_, elem) => {
                let vals = elts.iter().map(|el| self.lower_elem(&el.value, elem)).collect();
                self.mk(pos, t, ExprKind::ArrayLit(vals), text)
            }
            Type::Slice(elem) => {
                // The backing array's length: one past the largest index, keys counted.
                let (mut next, mut len) = (0i64, 0i64);
                for el in elts {
                    if let Some(k) = el.key.as_ref().and_then(|k| self.tv(k)).and_then(|tv| tv.value.clone()) {
                        next = k.as_i64().unwrap_or(next);
                    }
                    next += 1;
                    len = len.max(next);
                }
                let vals = elts.iter().map(|el| self.lower_elem(&el.value, elem)).collect();
                self.mk(pos, t, ExprKind::SliceLit { elts: vals, implicit: false, len }, text)
            }
            Type::Map(kt, vt) => {
                let mut pairs = Vec::new();
                for el in elts {
                    let v = self.lower_elem(&el.value, vt);
                    let k = match &el.key {
                        Some(k) => self.lower_elem(k, kt),
                        None => continue,
                    };
                    pairs.push((k, v));
                }
                self.mk(pos, t, ExprKind::MapLit(pairs), text)
            }
            _ => {
                self.unsupported(pos, "composite literal of this type");
                self.mk(pos, t, ExprKind::Nil, text)
            }
        }
    }

    /// A composite-literal element, which may itself be a literal with its type elided.
    fn lower_elem(&mut self, e: &ast::Expr, target: types::TypeId) -> Expr {
        if let A::CompositeLit { ty: None, elts } = &e.kind {
            let lt = self.type_of(e);
            let (lt, raw) = if lt == self.invalid_type() { (target, target) } else { (lt, self.raw_type_of(e)) };
            let x = self.lower_composite(e.pos, lt, raw, elts);
            return self.convert_implicit(x, lt, target);
        }
        self.lower_assigned(e, target)
    }

    fn lower_func_lit(&mut self, pos: Pos, t: types::TypeId, ty: &ast::FuncType, body: &ast::Block) -> Expr {
        let fid = self.new_closure(pos, t);
        let saved = self.func;
        self.func = fid;
        let params = self.declare_params(&ty.params, VarClass::Param);
        let results = self.declare_results(&ty.results, ty.pos);
        {
            let f = &mut self.out.funcs[fid.0 as usize];
            f.params = params;
            f.results = results;
        }
        self.range_func_frames.push(None);
        let stmts = self.lower_block(&body.stmts);
        self.range_func_frames.pop();
        self.out.funcs[fid.0 as usize].body = Some(stmts);
        self.func = saved;
        // Captured variables are used by the enclosing function too (when it is itself a
        // closure, it captures them in turn).
        let f = &self.out.funcs[fid.0 as usize];
        let caps: Vec<(VarId, Pos)> = f.captures.iter().copied().zip(f.capture_pos.iter().copied()).collect();
        for (v, at) in caps {
            self.note_capture(v, at);
        }
        self.mk(pos, t, ExprKind::Closure(fid), Text::atom("func literal"))
    }

    /// Follows an embedded-field path from `x`, inserting `ODOT`/`ODOTPTR` for each step.
    pub(crate) fn walk_fields(
        &mut self,
        mut x: Expr,
        mut xt: types::TypeId,
        path: &[usize],
        pos: Pos,
    ) -> (Expr, types::TypeId) {
        for &i in path {
            let (is_ptr, st) = match self.under(xt).clone() {
                Type::Pointer(e) => (true, e),
                _ => (false, xt),
            };
            let Type::Struct(fields) = self.under(st).clone() else { break };
            let Some(f) = fields.get(i) else { break };
            let text = Text::atom(format!("{}.{}", Self::text_of(&x).at(prec::ATOM), f.name));
            let offset = self.ctx.offsets_of(st).get(i).copied().unwrap_or(-1);
            let kind = if is_ptr {
                ExprKind::DotPtr { x: Box::new(x), field: f.name.clone(), offset }
            } else {
                ExprKind::Dot { x: Box::new(x), field: f.name.clone(), offset }
            };
            x = self.mk(pos, f.ty, kind, text);
            xt = f.ty;
        }
        (x, xt)
    }

    /// The object a qualified identifier `pkg.Name` denotes, if `x` names a package.
    pub(crate) fn qualified(&self, x: &ast::Expr, sel: &ast::Ident) -> Option<ObjId> {
        let A::Ident(_) = &x.unparen().kind else { return None };
        let obj = *self.fi().uses.get(&x.unparen().id)?;
        let ObjKind::PkgName(path) = &self.obj(obj).kind else { return None };
        self.ctx.packages.get(path)?.scope.get(&sel.name).copied()
    }

    fn lower_selector(&mut self, e: &ast::Expr, x: &ast::Expr, sel: &ast::Ident) -> Expr {
        let t = self.type_of(e);
        if let Some(obj) = self.qualified(x, sel) {
            let pkg_name = match &x.unparen().kind {
                A::Ident(n) => n.clone(),
                _ => String::new(),
            };
            let name = format!("{pkg_name}.{}", sel.name);
            if let Some(fid) = self.instance_at(e.id) {
                return self.mk(
                    e.pos,
                    t,
                    ExprKind::FuncName { name: name.clone(), func: Some(fid), ext: None },
                    Text::atom(name),
                );
            }
            return self.lower_obj_ref(e.pos, t, obj, &name);
        }
        let Some(selection) = self.fi().selections.get(&e.id).cloned() else { return self.bad(e) };
        match selection.kind {
            SelectionKind::FieldVal => {
                let xe = self.lower_expr(x);
                let xt = self.type_of(x);
                let (r, _) = self.walk_fields(xe, xt, &selection.index, e.pos);
                r
            }
            SelectionKind::MethodVal => {
                let wrapper = self.cur_inst.is_some() && self.is_type_param(x.unparen());
                if wrapper {
                    // gc builds a method value of a type parameter as a synthetic closure
                    // (`syntheticClosure`), numbered with the function's literals and reported
                    // only by `can inline`; its flows are the method value's, modelled below.
                    let ft = self.ir_type(t);
                    let fid = self.new_closure_named(e.pos, ft, None);
                    let f = &mut self.out.funcs[fid.0 as usize];
                    f.wrapper = true;
                    f.body = Some(Vec::new());
                }
                let (recv, callee, _) = self.method_receiver(e.pos, e.id, x, &selection);
                let text = Text::atom(format!("{}.{}", Self::text_of(&recv).at(prec::ATOM), sel.name));
                let callee = if wrapper { Callee::Dynamic } else { callee.unwrap_or(Callee::Dynamic) };
                self.mk(e.pos, t, ExprKind::MethodValue { recv: Box::new(recv), callee, wrapper }, text)
            }
            SelectionKind::MethodExpr => {
                let func = self.func_map.get(&selection.obj).copied();
                let xs = self.shown_type_of(x);
                let xs = if xs.starts_with('*') { format!("({xs})") } else { xs };
                let name = format!("{xs}.{}", sel.name);
                self.mk(
                    e.pos,
                    t,
                    ExprKind::MethodExpr { name: name.clone(), func, devirtualized: false },
                    Text::atom(name),
                )
            }
        }
    }

    /// The receiver operand of a method selection after embedded-field steps and automatic
    /// `&`/`*`, the static callee (`None` for interface methods), and whether the method is an
    /// interface method.
    pub(crate) fn method_receiver(
        &mut self,
        pos: Pos,
        sel_id: ast::ExprId,
        x: &ast::Expr,
        s: &types::Selection,
    ) -> (Expr, Option<Callee>, bool) {
        let xe = self.lower_expr(x);
        let xt = self.type_of(x);
        if self.is_type_param(x) {
            // In a stenciled body, a method of a type parameter is reached through the
            // dictionary: gc converts the receiver to its constraint and calls the method
            // dynamically.
            let raw = self.fi().types[&x.id].ty;
            let constraint = match &self.ctx.types[raw.0 as usize] {
                Type::TypeParam(tp) => tp.constraint,
                _ => raw,
            };
            let text = Text::atom(xe.text.clone());
            let conv = self.mk(xe.pos, constraint, ExprKind::ConvIface { x: Box::new(xe), implicit: true }, text);
            return (conv, None, true);
        }
        let path = &s.index[..s.index.len().saturating_sub(1)];
        let (mut r, rt) = self.walk_fields(xe, xt, path, pos);
        if self.is_interface(rt) {
            return (r, None, true);
        }
        if let Some(fid) = self.instance_at(sel_id) {
            let mobj = s.obj;
            let wants_ptr = self.method_wants_ptr(mobj);
            let is_ptr = matches!(self.under(rt), Type::Pointer(_));
            r = self.adjust_receiver(r, rt, wants_ptr, is_ptr);
            return (r, Some(Callee::Local(fid)), false);
        }
        let mobj = s.obj;
        let wants_ptr = self.method_wants_ptr(mobj);
        let is_ptr = matches!(self.under(rt), Type::Pointer(_));
        r = self.adjust_receiver(r, rt, wants_ptr, is_ptr);
        (r, Some(self.callee_for(mobj)), false)
    }

    /// Automatic `&x` or `*p` to match the receiver the method wants.
    pub(crate) fn adjust_receiver(&mut self, r: Expr, rt: types::TypeId, wants_ptr: bool, is_ptr: bool) -> Expr {
        if wants_ptr && !is_ptr {
            let pt = self.ptr_to(r.ty);
            let text = Self::text_of(&r);
            Expr { pos: r.pos, ty: pt, text: text.s, kind: ExprKind::Addr(Box::new(r)) }
        } else if !wants_ptr && is_ptr {
            let Type::Pointer(et) = self.under(rt).clone() else { return r };
            let text = Self::text_of(&r);
            self.mk(r.pos, et, ExprKind::Deref(Box::new(r)), text)
        } else {
            r
        }
    }

    pub(crate) fn method_wants_ptr(&self, m: ObjId) -> bool {
        let Some(t) = self.obj(m).ty else { return false };
        match &self.ctx.types[t.0 as usize] {
            Type::Signature(sig) => {
                sig.recv.as_ref().is_some_and(|r| matches!(self.ctx.types[r.ty.0 as usize], Type::Pointer(_)))
            }
            _ => false,
        }
    }

    /// The static callee for a function or method object.
    /// An imported function `obj` used as a value, entered once in [`ir::Package::externs`].
    fn extern_value(&mut self, obj: ObjId) -> Option<crate::ExternId> {
        if let Some(&id) = self.extern_ids.get(&obj) {
            return id;
        }
        let id = match self.callee_for(obj) {
            Callee::Extern(x) => {
                self.out.externs.push(x);
                Some(crate::ExternId(self.out.externs.len() as u32 - 1))
            }
            _ => None,
        };
        self.extern_ids.insert(obj, id);
        id
    }

    pub(crate) fn callee_for(&mut self, obj: ObjId) -> Callee {
        if let Some(&f) = self.func_map.get(&obj) {
            return Callee::Local(f);
        }
        // Each imported function's tags are read once, and shared by all its calls.
        let known = match self.extern_funcs.get(&obj) {
            Some(x) => x.clone(),
            None => {
                let x = self.tags.tags(self.ctx, obj).map(std::sync::Arc::new);
                self.extern_funcs.insert(obj, x.clone());
                x
            }
        };
        let Some(known) = known else { return Callee::Dynamic };
        let inline = self.inline_body(obj);
        if known.inline == inline {
            return Callee::Extern(known);
        }
        let x = std::sync::Arc::new(ExternFunc { inline, ..(*known).clone() });
        self.extern_funcs.insert(obj, Some(x.clone()));
        Callee::Extern(x)
    }

    fn lower_index(&mut self, pos: Pos, t: types::TypeId, x: &ast::Expr, index: &ast::Expr) -> Expr {
        let xt = self.type_of(x);
        let xe = self.lower_expr(x);
        self.note_bounds_check(pos, x, index);
        match self.under(xt).clone() {
            Type::Map(kt, _) => {
                let k = self.lower_assigned(index, kt);
                let text = Text::atom(format!("{}[{}]", Self::text_of(&xe).at(prec::ATOM), k.text));
                self.mk(pos, t, ExprKind::IndexMap { x: Box::new(xe), key: Box::new(k) }, text)
            }
            Type::Pointer(at) => {
                let i = self.lower_expr(index);
                let text = Text::atom(format!("{}[{}]", Self::text_of(&xe).at(prec::ATOM), i.text));
                let d_text = Self::text_of(&xe);
                let d = self.mk(pos, at, ExprKind::Deref(Box::new(xe)), d_text);
                self.mk(pos, t, ExprKind::Index { x: Box::new(d), index: Box::new(i), array: true }, text)
            }
            other => {
                let i = self.lower_expr(index);
                let text = Text::atom(format!("{}[{}]", Self::text_of(&xe).at(prec::ATOM), i.text));
                let array = matches!(other, Type::Array(..));
                self.mk(pos, t, ExprKind::Index { x: Box::new(xe), index: Box::new(i), array }, text)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_slice(
        &mut self,
        pos: Pos,
        t: types::TypeId,
        x: &ast::Expr,
        lo: &Option<Box<ast::Expr>>,
        hi: &Option<Box<ast::Expr>>,
        max: &Option<Box<ast::Expr>>,
    ) -> Expr {
        let xt = self.type_of(x);
        let mut xe = self.lower_expr(x);
        let base_text = Self::text_of(&xe).at(prec::ATOM);
        if let Type::Array(..) = self.under(xt) {
            // Slicing an addressable array slices its address (`OSLICEARR`).
            let pt = self.ptr_to(xe.ty);
            let text = Self::text_of(&xe);
            xe = Expr { pos: xe.pos, ty: pt, text: text.s, kind: ExprKind::Addr(Box::new(xe)) };
        }
        let part = |l: &mut Self, o: &Option<Box<ast::Expr>>| o.as_ref().map(|e| Box::new(l.lower_expr(e)));
        let lo = part(self, lo);
        let hi = part(self, hi);
        let mx = part(self, max);
        let s = |o: &Option<Box<Expr>>| o.as_ref().map(|e| e.text.clone()).unwrap_or_default();
        let mut text = format!("{base_text}[{}:{}", s(&lo), s(&hi));
        if max.is_some() {
            text.push(':');
            text.push_str(&s(&mx));
        }
        text.push(']');
        self.mk(pos, t, ExprKind::Slice { x: Box::new(xe), lo, hi, max: mx }, Text::atom(text))
    }

    fn lower_unary(&mut self, e: &ast::Expr, t: types::TypeId, op: ast::UnaryOp, x: &ast::Expr) -> Expr {
        use ast::UnaryOp as U;
        match op {
            U::Addr => {
                if let A::CompositeLit { elts, .. } = &x.unparen().kind {
                    let lt = self.type_of(x);
                    let lit = self.lower_composite(x.unparen().pos, lt, self.raw_type_of(x), elts);
                    let text = Text::new(format!("&{}", lit.text), prec::UNARY);
                    return self.mk(e.pos, t, ExprKind::PtrLit(Box::new(lit)), text);
                }
                let xe = self.lower_expr(x);
                let text = Text::new(format!("&{}", Self::text_of(&xe).at(prec::UNARY + 1)), prec::UNARY);
                self.mk(e.pos, t, ExprKind::Addr(Box::new(xe)), text)
            }
            U::Recv => {
                let xe = self.lower_expr(x);
                let text = Text::new(format!("<-{}", Self::text_of(&xe).at(prec::UNARY + 1)), prec::UNARY);
                self.mk(e.pos, t, ExprKind::Recv(Box::new(xe)), text)
            }
            _ => {
                let s = match op {
                    U::Pos => "+",
                    U::Neg => "-",
                    U::Not => "!",
                    U::Xor => "^",
                    _ => "~",
                };
                let xe = self.lower_expr(x);
                let text = Text::new(format!("{s}{}", Self::text_of(&xe).at(prec::UNARY + 1)), prec::UNARY);
                self.mk(e.pos, t, ExprKind::Unary { op: s, x: Box::new(xe) }, text)
            }
        }
    }

    fn lower_binary(
        &mut self,
        e: &ast::Expr,
        t: types::TypeId,
        op: ast::BinaryOp,
        x: &ast::Expr,
        y: &ast::Expr,
    ) -> Expr {
        let is_string = matches!(self.under(t), Type::Basic(b) if b.is_string());
        if op == ast::BinaryOp::Add && is_string {
            // gc flattens `a + b + c` into one OADDSTR.
            let mut operands = Vec::new();
            self.flatten_add(e, &mut operands);
            let list: Vec<Expr> = operands.iter().map(|o| self.lower_expr(o)).collect();
            let text = list.iter().map(|o| Self::text_of(o).at(prec::ADD)).collect::<Vec<_>>().join(" + ");
            return self.mk(e.pos, t, ExprKind::AddStr(list), Text::new(text, prec::ADD));
        }
        let (xt, yt) = (self.type_of(x), self.type_of(y));
        let mut xe = self.lower_expr(x);
        let mut ye = self.lower_expr(y);
        if matches!(op, ast::BinaryOp::Shl | ast::BinaryOp::Shr) && self.ctx.is_untyped(yt) {
            // An untyped constant shift count is typed uint by gc's typecheck (`b >> uint(1)`);
            // go/types records it untyped.
            if let (Some(v), Some(uint)) = (self.tv(y).and_then(|tv| tv.value), self.universe_type("uint")) {
                let text = match self.out.rules.constants_printed_as_written {
                    true => Self::written_const_text(y),
                    false => Text::atom(self.const_text(&v, uint)),
                };
                ye = self.mk(y.pos, uint, ExprKind::Const(super::print::value_string(&v)), text);
            }
        }
        if op.is_comparison() {
            // Mixed interface/concrete comparisons convert the concrete side.
            if self.is_interface(xt) && !self.is_interface(yt) {
                ye = self.convert_implicit(ye, yt, xt);
            } else if self.is_interface(yt) && !self.is_interface(xt) {
                xe = self.convert_implicit(xe, xt, yt);
            }
        }
        let s = op.as_str();
        let p = binary_prec(s);
        let text = format!("{} {s} {}", Self::text_of(&xe).at(p), Self::text_of(&ye).at(p + 1));
        self.mk(e.pos, t, ExprKind::Binary { op: s, x: Box::new(xe), y: Box::new(ye) }, Text::new(text, p))
    }

    fn flatten_add<'e>(&self, e: &'e ast::Expr, out: &mut Vec<&'e ast::Expr>) {
        let inner = e.unparen();
        if let A::Binary { op: ast::BinaryOp::Add, x, y } = &inner.kind {
            let not_const = self.tv(inner).is_none_or(|tv| tv.value.is_none());
            if not_const && std::ptr::eq(inner, e) {
                self.flatten_add(x, out);
                out.push(y);
                return;
            }
        }
        out.push(e);
    }
}

/// What gc's frontend knows about variables before escape analysis: which loop variables must
/// become per-iteration variables (captured or address-taken), and which locals are assigned
/// exactly once (`ir.StaticValue`).
pub(crate) struct Prescan<'l, 'a> {
    l: &'l Lowerer<'a>,
    addr_taken: HashSet<ObjId>,
    captured: HashSet<ObjId>,
    loop_vars: Vec<ObjId>,
    defs: HashMap<ObjId, (u32, ast::ExprId)>,
    reassigned: HashSet<ObjId>,
    /// Spans of the function literals we are inside (start, end), with how many loops were
    /// open where each starts.
    lits: Vec<(Pos, Pos, usize)>,
    /// The loops open at this point, each with the variables it declares.
    loops: Vec<Vec<ObjId>>,
    /// Loop variables captured by a function literal that sits in a loop nested inside the
    /// variable's own loop.
    deep_captured: HashSet<ObjId>,
}

impl<'l, 'a> Prescan<'l, 'a> {
    pub(crate) fn new(l: &'l Lowerer<'a>) -> Self {
        Prescan {
            l,
            addr_taken: HashSet::default(),
            captured: HashSet::default(),
            loop_vars: Vec::new(),
            defs: HashMap::default(),
            reassigned: HashSet::default(),
            lits: Vec::new(),
            loops: Vec::new(),
            deep_captured: HashSet::default(),
        }
    }

    /// The per-iteration loop variables, those of them that gc's rewrite leaves looking
    /// reassigned (see [`Prescan::note_capture`]), and the locals assigned exactly once.
    pub(crate) fn finish(self) -> (HashSet<ObjId>, HashSet<ObjId>, HashMap<ObjId, (u32, ast::ExprId)>) {
        let esc: HashSet<ObjId> = self
            .loop_vars
            .iter()
            .copied()
            .filter(|o| self.addr_taken.contains(o) || self.captured.contains(o))
            .collect();
        let mut defs = self.defs;
        for o in &self.reassigned {
            defs.remove(o);
        }
        for o in &self.addr_taken {
            defs.remove(o);
        }
        let deep = self.deep_captured.intersection(&esc).copied().collect();
        (esc, deep, defs)
    }

    /// A use of local `o` inside a function literal. When `o` is the variable of a loop and the
    /// outermost literal capturing it from that loop's function sits in a further loop nested
    /// in it, gc's loopvar rewrite leaves the per-iteration copy looking reassigned to escape
    /// analysis (`capturing by ref ... assign=true`), as measured: such a copy is captured by
    /// reference. A literal directly in the variable's own loop body captures it by value.
    fn note_capture(&mut self, o: ObjId) {
        self.captured.insert(o);
        let Some(level) = self.loops.iter().position(|vars| vars.contains(&o)) else { return };
        if let Some(&(_, _, open)) = self.lits.iter().find(|l| l.2 > level) {
            if open > level + 1 {
                self.deep_captured.insert(o);
            }
        }
    }

    fn def_obj(&self, id: &ast::Ident) -> Option<ObjId> {
        self.l.fi().defs.get(&id.pos).copied()
    }

    fn use_obj(&self, e: &ast::Expr) -> Option<ObjId> {
        match &e.unparen().kind {
            A::Ident(_) => self.l.fi().uses.get(&e.unparen().id).copied(),
            _ => None,
        }
    }

    /// The local variable at the root of an addressable expression (`x`, `x.f`, `x[i]` on an
    /// array), whose address `&expr` would take.
    fn addr_root(&self, e: &ast::Expr) -> Option<ObjId> {
        match &e.unparen().kind {
            A::Ident(_) => self.use_obj(e),
            A::Selector { x, .. } => {
                let sel = self.l.fi().selections.get(&e.unparen().id)?;
                if sel.indirect {
                    return None;
                }
                self.addr_root(x)
            }
            A::Index { x, .. } => {
                let xt = self.l.type_of(x);
                match self.l.under(xt) {
                    Type::Array(..) => self.addr_root(x),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn lhs(&mut self, e: &ast::Expr) {
        if let Some(o) = self.use_obj(e) {
            self.reassigned.insert(o);
        } else {
            self.expr(e);
        }
    }

    pub(crate) fn stmt(&mut self, s: &ast::Stmt) {
        use ast::StmtKind as S;
        match &s.kind {
            S::Empty | S::Branch { .. } => {}
            S::Expr(e) | S::Go(e) | S::Defer(e) => self.expr(e),
            S::Send { ch, value } => {
                self.expr(ch);
                self.expr(value);
            }
            S::IncDec { x, .. } => {
                self.lhs(x);
                self.expr(x);
            }
            S::Assign { lhs, op, rhs } => {
                for r in rhs {
                    self.expr(r);
                }
                for (i, l) in lhs.iter().enumerate() {
                    let def = if *op == ast::AssignOp::Define {
                        match &l.kind {
                            A::Ident(n) => self.def_obj(&ast::Ident { name: n.clone(), pos: l.pos }),
                            _ => None,
                        }
                    } else {
                        None
                    };
                    match def {
                        Some(o) => {
                            if lhs.len() == rhs.len() {
                                self.defs.insert(o, (self.l.file, rhs[i].id));
                            }
                        }
                        None => self.lhs(l),
                    }
                    if *op != ast::AssignOp::Define {
                        if let Some(o) = self.use_obj(l) {
                            self.reassigned.insert(o);
                        }
                    }
                }
            }
            S::Decl(d) => self.decl(d),
            S::Return(es) => es.iter().for_each(|e| self.expr(e)),
            S::Block(b) => self.block(b),
            S::If { init, cond, then, els } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.expr(cond);
                self.block(then);
                if let Some(e) = els {
                    self.stmt(e);
                }
            }
            S::Switch { init, tag, body, .. } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(t) = tag {
                    self.expr(t);
                }
                for c in body {
                    c.exprs.iter().for_each(|e| self.expr(e));
                    c.body.iter().for_each(|s| self.stmt(s));
                }
            }
            S::TypeSwitch { init, x, body, .. } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.expr(x);
                for c in body {
                    c.body.iter().for_each(|s| self.stmt(s));
                }
            }
            S::Select { body } => {
                for c in body {
                    if let Some(comm) = &c.comm {
                        self.stmt(comm);
                    }
                    c.body.iter().for_each(|s| self.stmt(s));
                }
            }
            S::For { init, cond, post, body } => {
                let mut vars = Vec::new();
                if let Some(i) = init {
                    if let S::Assign { lhs, op: ast::AssignOp::Define, .. } = &i.kind {
                        for l in lhs {
                            if let A::Ident(n) = &l.kind {
                                if let Some(o) = self.def_obj(&ast::Ident { name: n.clone(), pos: l.pos }) {
                                    self.loop_vars.push(o);
                                    vars.push(o);
                                }
                            }
                        }
                    }
                    self.stmt(i);
                }
                self.loops.push(vars);
                if let Some(c) = cond {
                    self.expr(c);
                }
                if let Some(p) = post {
                    self.stmt(p);
                }
                self.block(body);
                self.loops.pop();
            }
            S::Range { key, value, define, x, body, .. } => {
                self.expr(x);
                let mut vars = Vec::new();
                for e in [key, value].into_iter().flatten() {
                    if *define {
                        if let A::Ident(n) = &e.kind {
                            if let Some(o) = self.def_obj(&ast::Ident { name: n.clone(), pos: e.pos }) {
                                self.loop_vars.push(o);
                                self.reassigned.insert(o);
                                vars.push(o);
                            }
                        }
                    } else {
                        self.lhs(e);
                    }
                }
                self.loops.push(vars);
                self.block(body);
                self.loops.pop();
            }
            S::Labeled { stmt, .. } => self.stmt(stmt),
        }
    }

    fn decl(&mut self, d: &ast::Decl) {
        if let ast::Decl::Var(specs) = d {
            for s in specs {
                for (i, n) in s.names.iter().enumerate() {
                    if let (Some(o), Some(v)) = (self.def_obj(n), s.values.get(i)) {
                        if s.names.len() == s.values.len() {
                            self.defs.insert(o, (self.l.file, v.id));
                        }
                    }
                }
                s.values.iter().for_each(|v| self.expr(v));
            }
        }
    }

    fn block(&mut self, b: &ast::Block) {
        b.stmts.iter().for_each(|s| self.stmt(s));
    }

    fn expr(&mut self, e: &ast::Expr) {
        match &e.kind {
            A::Ident(_) => {
                if let Some(o) = self.use_obj(e) {
                    if let Some(&(start, end, _)) = self.lits.last() {
                        let p = self.l.obj(o).pos;
                        if self.l.is_local_var(o) && !(p >= start && p <= end) {
                            self.note_capture(o);
                        }
                    }
                }
            }
            A::BasicLit { .. } | A::Bad => {}
            A::CompositeLit { elts, .. } => {
                for el in elts {
                    if let Some(k) = &el.key {
                        if !matches!(k.kind, A::Ident(_)) {
                            self.expr(k);
                        }
                    }
                    self.expr(&el.value);
                }
            }
            A::FuncLit { body, .. } => {
                self.lits.push((e.pos, body.end, self.loops.len()));
                self.block(body);
                self.lits.pop();
            }
            A::Paren(x) | A::Star(x) => self.expr(x),
            A::Selector { x, .. } => {
                // A method call on an addressable value with a pointer receiver takes its address.
                if let Some(sel) = self.l.fi().selections.get(&e.id) {
                    if sel.kind == SelectionKind::MethodVal && self.l.method_wants_ptr(sel.obj) {
                        let xt = self.l.type_of(x);
                        if !matches!(self.l.under(xt), Type::Pointer(_)) {
                            if let Some(o) = self.addr_root(x) {
                                self.addr_taken.insert(o);
                            }
                        }
                    }
                }
                self.expr(x)
            }
            A::Index { x, indices } => {
                self.expr(x);
                indices.iter().for_each(|i| self.expr(i));
            }
            A::Slice { x, lo, hi, max, .. } => {
                let xt = self.l.type_of(x);
                if matches!(self.l.under(xt), Type::Array(..)) {
                    if let Some(o) = self.addr_root(x) {
                        self.addr_taken.insert(o);
                    }
                }
                self.expr(x);
                for p in [lo, hi, max].into_iter().flatten() {
                    self.expr(p);
                }
            }
            A::TypeAssert { x, .. } => self.expr(x),
            A::Call { fun, args, .. } => {
                self.expr(fun);
                args.iter().for_each(|a| self.expr(a));
            }
            A::Unary { op, x } => {
                if *op == ast::UnaryOp::Addr {
                    if let Some(o) = self.addr_root(x) {
                        self.addr_taken.insert(o);
                    }
                }
                self.expr(x)
            }
            A::Binary { x, y, .. } => {
                self.expr(x);
                self.expr(y);
            }
            _ => {}
        }
    }
}
