//! Lowering calls: conversions, builtins, function and method calls, as gc's typecheck leaves
//! them for escape analysis (`typecheck/func.go`: `tcCall`, `FixVariadicCall`,
//! `RewriteMultiValueCall`; `devirtualize/devirtualize.go` for static interface calls).

use syntax::ast::{self, ExprKind as A};
use types::{ObjKind, SelectionKind, Type};

use super::print::{prec, Text};
use super::Lowerer;
use crate::*;

impl Lowerer<'_> {
    pub(crate) fn lower_call(&mut self, e: &ast::Expr, fun: &ast::Expr, args: &[ast::Expr], ddd: bool) -> Expr {
        let t = self.type_of(e);
        // Conversions.
        if let Some(tv) = self.tv(fun) {
            if tv.mode == types::Mode::TypeExpr {
                let Some(arg) = args.first() else { return self.lower_expr(fun) };
                // gc positions a conversion at its operand (the noder writes the argument's
                // position for it).
                return self.lower_conversion(arg.pos, t, self.raw_type_of(e), arg);
            }
        }
        // Builtins.
        if let Some(b) = self.builtin_of(fun) {
            return self.lower_builtin(e, t, b, args, ddd);
        }
        let fun_u = fun.unparen();
        // Method calls.
        if let A::Selector { x, sel } = &fun_u.kind {
            if let Some(s) = self.fi().selections.get(&fun_u.id).cloned() {
                if s.kind == SelectionKind::MethodVal {
                    return self.lower_method_call(e, t, fun_u, x, sel, &s, args, ddd);
                }
                if s.kind == SelectionKind::MethodExpr {
                    let callee = self.callee_for(s.obj);
                    let f = self.lower_expr(fun_u);
                    return self.finish_call(e, t, fun, f, callee, true, None, None, args, ddd);
                }
            }
        }
        let mut f = self.lower_expr(fun);
        let dict = match self.generic_func_text(fun) {
            Some((name, dict)) => {
                f.text = name;
                Some(dict)
            }
            None => None,
        };
        let callee = match &f.kind {
            ExprKind::FuncName { func: Some(fid), .. } => Callee::Local(*fid),
            ExprKind::Closure(fid) => Callee::Local(*fid),
            ExprKind::FuncName { func: None, ext: Some(x), .. } => {
                Callee::Extern(self.out.externs[x.0 as usize].clone())
            }
            ExprKind::FuncName { func: None, .. } => match self.func_obj(fun) {
                Some(obj) => self.callee_for(obj),
                None => Callee::Dynamic,
            },
            _ => Callee::Dynamic,
        };
        let f = if matches!(callee, Callee::Dynamic) { self.spill_callee(fun.pos, self.type_of(fun), f) } else { f };
        self.finish_call(e, t, fun, f, callee, false, None, dict, args, ddd)
    }

    /// gc's `RewriteNonNameCall`: a callee expression (or an interface call's receiver) that
    /// calls or receives is first assigned to a temporary, so `f()(x)` is `t := f(); t(x)`.
    fn spill_callee(&mut self, pos: Pos, ty: types::TypeId, f: Expr) -> Expr {
        if !calls_or_receives(&f) {
            return f;
        }
        let v = self.temp(pos, ty);
        self.pending.push(Stmt { pos, kind: StmtKind::Decl(v) });
        let dst = vec![Some(self.var_expr(v, pos, ty))];
        self.pending.push(Stmt {
            pos,
            kind: StmtKind::Assign {
                dst,
                src: vec![Some(f)],
                kind: AssignKind::Plain,
                define: true,
                display: String::new(),
            },
        });
        self.var_expr(v, pos, ty)
    }

    /// How gc prints a call of an instance of a generic function: the shaped instance and the
    /// dictionary it passes first (`Id[go.shape.int]`, `&.dict.Id[int]`; for an imported one,
    /// `slices.Index[...]` and `&slices..dict.Index[...]`).
    fn generic_func_text(&self, fun: &ast::Expr) -> Option<(String, String)> {
        let naming = match &fun.unparen().kind {
            A::Index { x, .. } => x.unparen(),
            _ => fun.unparen(),
        };
        let (targs, _) = self.fi().instances.get(&naming.id)?.clone();
        let obj = self.func_obj(naming)?;
        let tparams = super::generic::type_params_of(self.ctx, obj);
        if tparams.len() != targs.len() {
            return None;
        }
        let o = self.obj(obj);
        let qual = if o.pkg != self.tpkg.path {
            let name = self.ctx.packages.get(&o.pkg).map(|p| p.name.clone()).unwrap_or_else(|| o.pkg.clone());
            format!("{name}.")
        } else {
            String::new()
        };
        let (shapes, links) = self.shapes_and_links(&tparams, &targs);
        Some((format!("{qual}{}[{shapes}]", o.name), format!("&{qual}.dict.{}[{links}]", o.name)))
    }

    /// The shapes (for the instance's name) and the link strings (for its dictionary's name)
    /// of type arguments `targs` (recorded by the checker) of type parameters `tparams`.
    fn shapes_and_links(&self, tparams: &[types::TypeId], targs: &[types::TypeId]) -> (String, String) {
        let mut shapes = Vec::new();
        let mut links = Vec::new();
        for (&tp, &a) in tparams.iter().zip(targs) {
            let constraint = match &self.ctx.types[tp.0 as usize] {
                Type::TypeParam(p) => p.constraint,
                _ => tp,
            };
            shapes.push(self.shape_name(a, constraint));
            links.push(self.link_type_string(self.sub(a)));
        }
        (shapes.join(","), links.join(","))
    }

    /// The function object a callee expression names (`f`, `pkg.F`, `f[int]`).
    fn func_obj(&self, fun: &ast::Expr) -> Option<types::ObjId> {
        let f = fun.unparen();
        let obj = match &f.kind {
            A::Ident(_) => self.fi().uses.get(&f.id).copied(),
            A::Selector { x, sel } => self.qualified(x, sel),
            A::Index { x, .. } => return self.func_obj(x),
            _ => None,
        }?;
        matches!(self.obj(obj).kind, ObjKind::Func).then_some(obj)
    }

    pub(crate) fn builtin_of(&self, fun: &ast::Expr) -> Option<types::Builtin> {
        let f = fun.unparen();
        let obj = match &f.kind {
            A::Ident(_) => self.fi().uses.get(&f.id).copied(),
            A::Selector { x, sel } => self.qualified(x, sel),
            _ => None,
        }?;
        match self.obj(obj).kind {
            ObjKind::Builtin(b) => Some(b),
            _ => None,
        }
    }

    /// The signature of a function-typed type.
    fn signature(&self, t: types::TypeId) -> Option<types::Signature> {
        match &self.ctx.types[self.ctx.underlying(t).0 as usize] {
            Type::Signature(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// Lowers the arguments of a call to a function of signature `sig`: converts each to its
    /// parameter type, packs variadic ones into an implicit slice literal, and spreads a
    /// multi-value argument through temporaries.
    fn lower_args(&mut self, call_pos: Pos, sig: &types::Signature, args: &[ast::Expr], ddd: bool) -> Vec<Expr> {
        let params: Vec<types::TypeId> = sig.params.iter().map(|p| p.ty).collect();
        // f(g()) with a multi-value g.
        let mut values: Vec<(Expr, types::TypeId)> = Vec::new();
        // Where gc positions an implicit conversion of each value (at its syntax expression),
        // and the constant a never-reassigned variable converted to an interface is printed as
        // (rewriteWithLiterals).
        let mut syntax_pos: Vec<Option<Pos>> = Vec::new();
        let mut literal: Vec<Option<String>> = Vec::new();
        if args.len() == 1 {
            let at = self.type_of(&args[0]);
            if let Type::Tuple(ts, _) = self.ctx.types[at.0 as usize].clone() {
                // The parameter (or variadic element) type each value is converted to.
                let fixed = if sig.variadic && !ddd { params.len().saturating_sub(1) } else { params.len() };
                let targets: Vec<Option<types::TypeId>> = (0..ts.len())
                    .map(|i| match params.get(i.min(fixed)) {
                        Some(&p) if i >= fixed => match &self.ctx.types[self.ctx.underlying(p).0 as usize] {
                            Type::Slice(e) => Some(*e),
                            _ => Some(p),
                        },
                        p => p.copied(),
                    })
                    .collect();
                let mut init = Vec::new();
                let xs = self.multi_value(call_pos, &args[0], &targets, &mut init);
                self.pending.append(&mut init);
                for ((x, &t), target) in xs.into_iter().zip(&ts).zip(targets) {
                    // A converted value already has its target type.
                    let from = target.filter(|&d| !self.ctx.identical(t, d)).unwrap_or(t);
                    values.push((x, from));
                }
            }
        }
        if values.is_empty() {
            for a in args {
                let x = self.lower_expr(a);
                literal.push(self.static_const_text(a, x.ty));
                values.push((x, self.type_of(a)));
                syntax_pos.push(Some(a.unparen().pos));
            }
        }
        let mut out = Vec::new();
        let fixed = if sig.variadic { params.len().saturating_sub(1) } else { params.len() };
        let mut it = values.into_iter().enumerate().map(|(i, (x, t))| {
            (x, t, (syntax_pos.get(i).copied().flatten(), literal.get_mut(i).and_then(Option::take)))
        });
        for &p in params.iter().take(fixed) {
            let Some((x, from, at)) = it.next() else { break };
            let c = self.convert_implicit(x, from, p);
            out.push(Self::at_syntax_pos(c, at));
        }
        if sig.variadic {
            let slice_t = *params.last().unwrap();
            if ddd {
                if let Some((x, _, _)) = it.next() {
                    out.push(x);
                }
            } else {
                let elem = match &self.ctx.types[self.ctx.underlying(slice_t).0 as usize] {
                    Type::Slice(e) => *e,
                    _ => slice_t,
                };
                let rest: Vec<(Expr, types::TypeId, (Option<Pos>, Option<String>))> = it.collect();
                if rest.is_empty() {
                    out.push(self.mk(call_pos, slice_t, ExprKind::Nil, Text::atom("nil")));
                } else {
                    let elts: Vec<Expr> = rest
                        .into_iter()
                        .map(|(x, from, at)| {
                            let c = self.convert_implicit(x, from, elem);
                            Self::at_syntax_pos(c, at)
                        })
                        .collect();
                    out.push(self.mk(
                        call_pos,
                        slice_t,
                        ExprKind::SliceLit { len: elts.len() as i64, elts, implicit: true },
                        Text::atom("... argument"),
                    ));
                }
            }
        }
        out
    }

    /// An implicit conversion gc inserts is positioned at the syntax expression converted,
    /// which differs from the lowered operand's position for an explicit conversion `T(x)`
    /// (positioned at `x`, while the expression `T(x)` is at its `(`).
    pub(crate) fn at_syntax_pos(mut c: Expr, at: (Option<Pos>, Option<String>)) -> Expr {
        if let ExprKind::ConvIface { implicit: true, .. } = &c.kind {
            if let Some(pos) = at.0 {
                c.pos = pos;
            }
            if let Some(text) = at.1 {
                c.text = text;
            }
        }
        c
    }

    pub(crate) fn var_expr(&mut self, v: VarId, pos: Pos, t: types::TypeId) -> Expr {
        let name = self.out.vars[v.0 as usize].name.clone();
        self.mk(pos, t, ExprKind::Var(v), Text::atom(name))
    }

    #[allow(clippy::too_many_arguments)]
    fn finish_call(
        &mut self,
        e: &ast::Expr,
        t: types::TypeId,
        fun: &ast::Expr,
        f: Expr,
        callee: Callee,
        is_method_expr: bool,
        recv: Option<Expr>,
        dict: Option<String>,
        args: &[ast::Expr],
        ddd: bool,
    ) -> Expr {
        let ft = self.type_of(fun);
        let Some(sig) = self.signature(ft) else { return self.mk(e.pos, t, ExprKind::Nil, Text::atom("?")) };
        let mut lowered = self.lower_args(e.pos, &sig, args, ddd);
        let is_method = recv.is_some() || is_method_expr;
        if let Some(r) = recv {
            lowered.insert(0, r);
        }
        // FixVariadicCall packs the variadic arguments and marks the call `...`.
        let text = self.call_text(&f, &lowered, is_method, dict, ddd || sig.variadic);
        let results = sig.results.iter().map(|r| self.ir_type(r.ty)).collect();
        let call = Call { kind: CallKind::Func { fun: Box::new(f), callee, is_method }, args: lowered, ddd, results };
        self.mk(e.pos, t, ExprKind::Call(Box::new(call)), Text::atom(text))
    }

    /// `f(args)`, with a generic instance's dictionary argument after the receiver.
    fn call_text(&self, f: &Expr, args: &[Expr], is_method: bool, dict: Option<String>, ddd: bool) -> String {
        let mut texts: Vec<String> = args.iter().map(|a| a.text.clone()).collect();
        if let Some(d) = dict {
            texts.insert(usize::from(is_method).min(texts.len()), d);
        }
        let list = texts.join(", ");
        format!("{}({list}{})", Self::text_of(f).at(prec::ATOM), if ddd { "..." } else { "" })
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_method_call(
        &mut self,
        e: &ast::Expr,
        t: types::TypeId,
        fun: &ast::Expr,
        x: &ast::Expr,
        sel: &ast::Ident,
        s: &types::Selection,
        args: &[ast::Expr],
        ddd: bool,
    ) -> Expr {
        if self.cur_inst.is_some() && self.is_type_param(x.unparen()) {
            return self.lower_dict_method_call(e, t, fun, x, sel, args, ddd);
        }
        let (recv, callee, is_iface) = self.method_receiver(fun.pos, fun.id, x, s);
        let ft = self.type_of(fun);
        if is_iface {
            if let Some(dv) = self.devirtualize(fun, &recv, sel, s) {
                let (new_recv, callee, shown) = dv;
                self.out.pre_escape_notes.push(Note {
                    file: self.file,
                    pos: e.pos,
                    message: format!("devirtualizing {}.{} to {}", recv.text, sel.name, shown),
                    func: self.out.funcs[self.func.0 as usize].name.clone(),
                });
                // The call now names the concrete method, as gc prints it: `Dog.Speak`,
                // `(*Walker).Step`.
                let method = if shown.starts_with('*') {
                    format!("({shown}).{}", sel.name)
                } else {
                    format!("{shown}.{}", sel.name)
                };
                let f = self.mk(
                    fun.pos,
                    ft,
                    ExprKind::MethodExpr { name: sel.name.clone(), func: None, devirtualized: true },
                    Text::atom(method),
                );
                return self.finish_call(e, t, fun, f, callee, false, Some(new_recv), None, args, ddd);
            }
            let Some(sig) = self.signature(ft) else { return self.mk(e.pos, t, ExprKind::Nil, Text::atom("?")) };
            let recv = self.spill_callee(fun.pos, self.type_of(x), recv);
            let lowered = self.lower_args(e.pos, &sig, args, ddd);
            let text = format!(
                "{}.{}({}{})",
                Self::text_of(&recv).at(prec::ATOM),
                sel.name,
                lowered.iter().map(|a| a.text.clone()).collect::<Vec<_>>().join(", "),
                if ddd || sig.variadic { "..." } else { "" }
            );
            let results = sig.results.iter().map(|r| self.ir_type(r.ty)).collect();
            let call = Call {
                kind: CallKind::Inter { recv: Box::new(recv), method: sel.name.clone() },
                args: lowered,
                ddd,
                results,
            };
            return self.mk(e.pos, t, ExprKind::Call(Box::new(call)), Text::atom(text));
        }
        // typecheck.FixMethodCall: `x.M(args)` becomes the function call `T.M(x, args)`, with
        // `T` the receiver's type as an `OMETHEXPR` prints it.
        let mut dict = None;
        let name = match self.method_expr_type(s.obj) {
            Some(tt) => format!("{tt}.{}", sel.name),
            None => match self.generic_method_text(x, s) {
                Some((tt, d)) => {
                    dict = Some(d);
                    format!("{tt}.{}", sel.name)
                }
                None => format!("{}.{}", Self::text_of(&recv).at(prec::ATOM), sel.name),
            },
        };
        let f = self.mk(
            fun.pos,
            ft,
            ExprKind::MethodExpr { name: name.clone(), func: None, devirtualized: false },
            Text::atom(name),
        );
        let callee = callee.unwrap_or(Callee::Dynamic);
        self.finish_call(e, t, fun, f, callee, false, Some(recv), dict, args, ddd)
    }

    /// A method called on a value of type-parameter type, in a stenciled body: gc calls the
    /// method expression the instance's dictionary holds for it, an indirect call printed as
    /// `(func(go.shape.*uint8) int)(&.dict[0])(x)` (the dictionary qualified by its package
    /// outside it). When the shape is an interface, gc's reader also warns `imprecise
    /// interface call` at the selector.
    #[allow(clippy::too_many_arguments)]
    fn lower_dict_method_call(
        &mut self,
        e: &ast::Expr,
        t: types::TypeId,
        fun: &ast::Expr,
        x: &ast::Expr,
        sel: &ast::Ident,
        args: &[ast::Expr],
        ddd: bool,
    ) -> Expr {
        let tp = self.raw_type_of(x.unparen());
        let constraint = match &self.ctx.types[tp.0 as usize] {
            Type::TypeParam(p) => p.constraint,
            _ => tp,
        };
        let shape = self.shape_name(tp, constraint);
        let recv = self.lower_expr(x);
        let ft = self.type_of(fun);
        let Some(sig) = self.signature(ft) else { return self.mk(e.pos, t, ExprKind::Nil, Text::atom("?")) };
        let mut params = vec![shape];
        for (i, p) in sig.params.iter().enumerate() {
            let text = match &self.ctx.types[p.ty.0 as usize] {
                Type::Slice(el) if sig.variadic && i + 1 == sig.params.len() => {
                    format!("...{}", self.gc_type_string(*el))
                }
                _ => self.gc_type_string(p.ty),
            };
            params.push(text);
        }
        let results: Vec<String> = sig.results.iter().map(|r| self.gc_type_string(r.ty)).collect();
        let results = match results.len() {
            0 => String::new(),
            1 => format!(" {}", results[0]),
            _ => format!(" ({})", results.join(", ")),
        };
        let index = self.dict_methods.iter().position(|(p, m)| *p == tp && *m == sel.name).unwrap_or(0);
        let qual = self.instance_package_qualifier();
        let text = format!("(func({}){results})(&{qual}.dict[{index}])", params.join(", "));
        if self.ctx.is_interface(self.sub(tp)) {
            let func = self.out.funcs[self.func.0 as usize].name.clone();
            self.out.pre_escape_notes.push(Note {
                file: self.file,
                pos: fun.pos,
                message: "imprecise interface call".into(),
                func,
            });
        }
        let f = self.mk(fun.pos, ft, ExprKind::DictEntry(index as u32), Text::atom(text));
        self.finish_call(e, t, fun, f, Callee::Dynamic, false, Some(recv), None, args, ddd)
    }

    /// `pkg.` for names of the generic function being stenciled when it is imported, else
    /// nothing.
    fn instance_package_qualifier(&self) -> String {
        let Some(i) = self.cur_inst else { return String::new() };
        let o = self.obj(self.instances.list[i].func);
        if o.pkg.is_empty() || o.pkg == self.tpkg.path {
            return String::new();
        }
        let name = self.ctx.packages.get(&o.pkg).map(|p| p.name.clone()).unwrap_or_else(|| o.pkg.clone());
        format!("{name}.")
    }

    /// The methods called or taken as values on type-parameter receivers in a generic
    /// declaration, in the order gc's dictionary lists them: first use, in the order its writer
    /// meets selectors (a receiver before its method, the method before the arguments), which
    /// is source order.
    pub(crate) fn type_param_methods(&self, fd: &ast::FuncDecl) -> Vec<(types::TypeId, String)> {
        let mut found: Vec<(Pos, types::TypeId, String)> = Vec::new();
        syntax::visit::exprs_in_func_decl(fd, &mut |e| {
            let A::Selector { x, sel } = &e.kind else { return };
            let is_method = self.fi().selections.get(&e.id).is_some_and(|s| s.kind == SelectionKind::MethodVal);
            if is_method && self.is_type_param(x.unparen()) {
                found.push((e.pos, self.raw_type_of(x.unparen()), sel.name.clone()));
            }
        });
        found.sort_by_key(|f| f.0);
        let mut out: Vec<(types::TypeId, String)> = Vec::new();
        for (_, tp, m) in found {
            if !out.iter().any(|(p, n)| *p == tp && *n == m) {
                out.push((tp, m));
            }
        }
        out
    }

    /// The type of `x` in `I(x)`, when expression `id` of the current file is an explicit
    /// conversion to an interface.
    fn explicit_iface_operand_type(&self, id: ast::ExprId) -> Option<types::TypeId> {
        let mut found = None;
        for d in &self.all[self.file as usize].ast.decls {
            syntax::visit::exprs_in_decl(d, &mut |e| {
                if e.id != id {
                    return;
                }
                if let A::Call { fun, args, .. } = &e.unparen().kind {
                    if args.len() == 1 && self.tv(fun).is_some_and(|tv| tv.mode == types::Mode::TypeExpr) {
                        found = self.fi().types.get(&args[0].id).map(|tv| tv.ty);
                    }
                }
            });
            if found.is_some() {
                break;
            }
        }
        found
    }

    /// For a method of an instantiated generic type called directly on `x`: the shaped
    /// receiver type as its `OMETHEXPR` prints (`(*Box[go.shape.int])`) and the dictionary
    /// argument (`&.dict.Box[int]`).
    fn generic_method_text(&self, x: &ast::Expr, s: &types::Selection) -> Option<(String, String)> {
        if s.index.len() != 1 {
            return None;
        }
        let mt = self.obj(s.obj).ty?;
        let Type::Signature(sig) = &self.ctx.types[mt.0 as usize] else { return None };
        let wants_ptr = matches!(self.ctx.types[sig.recv.as_ref()?.ty.0 as usize], Type::Pointer(_));
        let mut xt = self.type_of(x);
        if let Type::Pointer(e) = &self.ctx.types[xt.0 as usize] {
            xt = *e;
        }
        let Type::Named(n) = &self.ctx.types[xt.0 as usize] else { return None };
        let origin = n.origin?;
        let targs = n.type_args.clone();
        let Type::Named(on) = &self.ctx.types[origin.0 as usize] else { return None };
        let tparams = on.type_params.clone();
        if tparams.len() != targs.len() {
            return None;
        }
        let o = self.obj(n.obj);
        let qual = if !o.pkg.is_empty() && o.pkg != self.tpkg.path {
            let name = self.ctx.packages.get(&o.pkg).map(|p| p.name.clone()).unwrap_or_else(|| o.pkg.clone());
            format!("{name}.")
        } else {
            String::new()
        };
        let (shapes, links) = self.shapes_and_links(&tparams, &targs);
        let ty = format!("{qual}{}[{shapes}]", o.name);
        let ty = if wants_ptr { format!("(*{ty})") } else { ty };
        Some((ty, format!("&{qual}.dict.{}[{links}]", o.name)))
    }

    /// The receiver type of method `m` as the `X` of an `OMETHEXPR` prints (`T`, `(*T)`,
    /// `(*pkg.T)`), or `None` for a method of a generic type.
    fn method_expr_type(&self, m: types::ObjId) -> Option<String> {
        let t = self.obj(m).ty?;
        let Type::Signature(sig) = &self.ctx.types[t.0 as usize] else { return None };
        let rt = sig.recv.as_ref()?.ty;
        let (base, is_ptr) = match &self.ctx.types[rt.0 as usize] {
            Type::Pointer(e) => (*e, true),
            _ => (rt, false),
        };
        if let Type::Named(n) = &self.ctx.types[base.0 as usize] {
            if !n.type_params.is_empty() || !n.type_args.is_empty() {
                return None;
            }
        }
        let text = self.gc_type_string(rt);
        Some(if is_ptr { format!("({text})") } else { text })
    }

    /// gc's static devirtualization: an interface method call whose receiver is a local
    /// variable assigned once from a concrete value becomes a direct call on `x.(T)`.
    /// Returns the new receiver, the static callee and how gc names `T`.
    fn devirtualize(
        &mut self,
        fun: &ast::Expr,
        recv: &Expr,
        sel: &ast::Ident,
        _s: &types::Selection,
    ) -> Option<(Expr, Callee, String)> {
        let ExprKind::Var(_) = recv.kind else { return None };
        let A::Selector { x, .. } = &fun.kind else { return None };
        let obj = *self.fi().uses.get(&x.unparen().id)?;
        let &(file, init) = self.single_defs.get(&obj)?;
        if file != self.file {
            return None;
        }
        let mut init_ty = self.fi().types.get(&init)?.ty;
        if self.is_interface(init_ty) {
            // gc's `StaticValue` stops at a conversion to an interface, whose operand's type is
            // the concrete one (`w := io.Writer(h)`).
            init_ty = self.explicit_iface_operand_type(init)?;
        }
        if self.is_interface(init_ty)
            || matches!(
                self.ctx.types[self.ctx.underlying(init_ty).0 as usize],
                Type::Basic(types::BasicKind::UntypedNil)
            )
        {
            return None;
        }
        let m = self.ctx.lookup_field_or_method(init_ty, false, self.cur_pkg_path(), &sel.name)?;
        if m.kind != SelectionKind::MethodVal || !m.index.len() == 1 {
            return None;
        }
        // A pointer-receiver method is not in a value type's method set.
        let wants_ptr = matches!(
            self.signature(self.obj(m.obj).ty?)?.recv.map(|r| self.ctx.types[r.ty.0 as usize].clone()),
            Some(Type::Pointer(_))
        );
        let is_ptr = matches!(self.ctx.types[self.ctx.underlying(init_ty).0 as usize], Type::Pointer(_));
        if wants_ptr && !is_ptr {
            return None;
        }
        let shown = self.gc_type_string(init_ty);
        let text = format!("{}.({shown})", Self::text_of(recv).at(prec::ATOM));
        let mut r = self.mk(recv.pos, init_ty, ExprKind::DotType { x: Box::new(recv.clone()) }, Text::atom(text));
        if !wants_ptr && is_ptr {
            let Type::Pointer(et) = self.ctx.types[self.ctx.underlying(init_ty).0 as usize].clone() else {
                return None;
            };
            let t = Self::text_of(&r);
            r = self.mk(r.pos, et, ExprKind::Deref(Box::new(r)), t);
        }
        let callee = self.callee_for(m.obj);
        Some((r, callee, shown))
    }

    fn lower_conversion(&mut self, pos: Pos, t: types::TypeId, raw: types::TypeId, arg: &ast::Expr) -> Expr {
        let from = self.type_of(arg);
        if let Some(lit) = self.constant_string_to_runes(pos, t, raw, from, arg) {
            return lit;
        }
        let mut x = self.lower_expr(arg);
        if self.is_interface(t) && !self.is_interface(from) {
            if let Some(text) = self.static_const_text(arg, x.ty) {
                x.text = text;
            }
        }
        let tt = self.shaped_type_string(raw);
        let named = matches!(self.ctx.types[t.0 as usize], Type::Named(_) | Type::Basic(_));
        let shown = if named { tt.clone() } else { format!("({tt})") };
        let text = Text::atom(format!("{shown}({})", x.text));
        let tu = self.ctx.types[self.ctx.underlying(t).0 as usize].clone();
        let fu = self.ctx.types[self.ctx.underlying(from).0 as usize].clone();
        let elem_kind = |l: &Self, ty: types::TypeId| match &l.ctx.types[l.ctx.underlying(ty).0 as usize] {
            Type::Basic(b) => Some(*b),
            _ => None,
        };
        use types::BasicKind as B;
        let kind = match (&tu, &fu) {
            (Type::Interface(_), _) => ExprKind::ConvIface { x: Box::new(x), implicit: false },
            (Type::Basic(b), Type::Slice(e)) if b.is_string() => {
                let op = match elem_kind(self, *e) {
                    Some(B::Int32) => StrConvOp::RunesToString,
                    _ => StrConvOp::BytesToString,
                };
                ExprKind::StrConv { op, x: Box::new(x) }
            }
            (Type::Basic(b), Type::Basic(f)) if b.is_string() && f.is_integer() => {
                ExprKind::StrConv { op: StrConvOp::RuneToString, x: Box::new(x) }
            }
            (Type::Slice(e), Type::Basic(f)) if f.is_string() => {
                let op = match elem_kind(self, *e) {
                    Some(B::Int32) => StrConvOp::StringToRunes,
                    _ => StrConvOp::StringToBytes,
                };
                ExprKind::StrConv { op, x: Box::new(x) }
            }
            (Type::Array(..), Type::Slice(_)) => ExprKind::SliceToArray(Box::new(x)),
            (Type::Pointer(p), Type::Slice(_))
                if matches!(self.ctx.types[self.ctx.underlying(*p).0 as usize], Type::Array(..)) =>
            {
                ExprKind::SliceToArrayPtr(Box::new(x))
            }
            _ => ExprKind::Conv(Box::new(x)),
        };
        self.mk(pos, t, kind, text)
    }

    /// gc's typecheck rewrites the conversion of a constant string to a rune slice as the slice
    /// literal of its runes (`tcConv`'s `stringtoruneslit`): `[]rune("ab")` is `[]rune{...}`, one
    /// element per rune (an invalid byte is one rune, as Go's `range` decodes it), and is
    /// reported as that literal.
    fn constant_string_to_runes(
        &mut self,
        pos: Pos,
        t: types::TypeId,
        raw: types::TypeId,
        from: types::TypeId,
        arg: &ast::Expr,
    ) -> Option<Expr> {
        let Type::Slice(elem) = self.ctx.types[self.ctx.underlying(t).0 as usize].clone() else { return None };
        let is = |l: &Self, ty: types::TypeId, want: fn(types::BasicKind) -> bool| matches!(&l.ctx.types[l.ctx.underlying(ty).0 as usize], Type::Basic(b) if want(*b));
        if !is(self, elem, |b| b == types::BasicKind::Int32) || !is(self, from, |b| b.is_string()) {
            return None;
        }
        let types::constant::Value::String(s) = self.tv(arg)?.value? else { return None };
        let runes: usize = s.bytes().utf8_chunks().map(|c| c.valid().chars().count() + c.invalid().len()).sum();
        // The elements are constants: no flows, so only the backing array's length is kept.
        let text = Text::atom(format!("{}{{{}}}", self.shaped_type_string(raw), if runes == 0 { "" } else { "..." }));
        Some(self.mk(pos, t, ExprKind::SliceLit { elts: Vec::new(), implicit: false, len: runes as i64 }, text))
    }

    fn lower_builtin(
        &mut self,
        e: &ast::Expr,
        t: types::TypeId,
        b: types::Builtin,
        args: &[ast::Expr],
        ddd: bool,
    ) -> Expr {
        use types::Builtin as TB;
        let pos = e.pos;
        let name = builtin_name(b);
        match b {
            TB::Sizeof | TB::Alignof if args.len() == 1 => {
                // Constant everywhere but in a generic body, where it depends on the type
                // argument; in a stenciled copy the operand's type is concrete. The operand is
                // never evaluated.
                let at = self.type_of(&args[0]);
                let v = if b == TB::Sizeof { self.ctx.size_of(at) } else { self.ctx.align_of(at) };
                let text = v.to_string();
                return self.mk(pos, t, ExprKind::Const(text.clone()), Text::atom(text));
            }
            TB::New => {
                let et = args.first().map(|a| self.type_of(a)).unwrap_or(t);
                // In a stenciled body, a type that mentions the type parameters comes from the
                // dictionary at run time: gc prints that type node as `<node DYNAMICTYPE>`.
                let dynamic = self.cur_inst.is_some()
                    && args
                        .first()
                        .and_then(|a| self.fi().types.get(&a.id))
                        .is_some_and(|tv| super::generic::contains_type_param(self.ctx, tv.ty, 0));
                let shown = match args.first() {
                    _ if dynamic => "<node DYNAMICTYPE>".to_string(),
                    Some(a) => self.shown_type_of(a),
                    None => self.gc_type_string(et),
                };
                let text = format!("new({shown})");
                if dynamic {
                    // The run-time type gc's `new` reads from the dictionary, which our node
                    // leaves implicit, costs the inliner 5.
                    self.out.funcs[self.func.0 as usize].synthetic_cost += 5;
                }
                return self.mk(pos, t, ExprKind::New, Text::atom(text));
            }
            TB::Make => {
                // A size held by a never-reassigned variable is replaced by its constant
                // (gc's rewriteWithLiterals), when it is the last size given.
                let last = args.len().saturating_sub(1);
                let rest: Vec<Expr> = args
                    .iter()
                    .enumerate()
                    .skip(1)
                    .map(|(i, a)| match self.static_const(a) {
                        Some((v @ types::Value::Int(_), at)) if i == last && v.sign() >= 0 => {
                            let text = self.const_text(&v, at);
                            self.mk(a.pos, at, ExprKind::Const(v.display()), Text::atom(text))
                        }
                        _ => self.lower_expr(a),
                    })
                    .collect();
                let ts = self.shown_type_of(e);
                let mut text = format!("make({ts}");
                for r in &rest {
                    text.push_str(", ");
                    text.push_str(&r.text);
                }
                text.push(')');
                let mut it = rest.into_iter().map(Box::new);
                let kind = match self.ctx.types[self.ctx.underlying(t).0 as usize] {
                    Type::Slice(_) => {
                        let len = it.next().unwrap_or_else(|| {
                            Box::new(Expr { pos, ty: TypeId(0), kind: ExprKind::Const("0".into()), text: "0".into() })
                        });
                        ExprKind::MakeSlice { len, cap: it.next() }
                    }
                    Type::Map(..) => ExprKind::MakeMap { len: it.next() },
                    _ => ExprKind::MakeChan { len: it.next() },
                };
                return self.mk(pos, t, kind, Text::atom(text));
            }
            _ => {}
        }
        let any = self.empty_interface();
        let lowered: Vec<Expr> = match b {
            TB::Append => {
                let st = args.first().map(|a| self.type_of(a)).unwrap_or(t);
                let elem = match &self.ctx.types[self.ctx.underlying(st).0 as usize] {
                    Type::Slice(e) => *e,
                    _ => st,
                };
                for a in args.iter().skip(1).filter(|_| !ddd) {
                    // gc's walk makes each appended value safe to evaluate early: the index of
                    // an `x[i]` appended as is goes to a temporary first, and the bounds proof,
                    // which looks at the index expression, no longer sees it.
                    if let A::Index { x, .. } = &a.unparen().kind {
                        if self.ctx.identical(self.type_of(a), elem) {
                            self.index_via_temp.insert((self.file, x.id));
                        }
                    }
                }
                args.iter()
                    .enumerate()
                    .map(|(i, a)| if i == 0 || ddd { self.lower_expr(a) } else { self.lower_assigned(a, elem) })
                    .collect()
            }
            TB::Panic => args.iter().map(|a| self.lower_assigned(a, any)).collect(),
            TB::Delete => {
                let mt = args.first().map(|a| self.type_of(a)).unwrap_or(t);
                let kt = match &self.ctx.types[self.ctx.underlying(mt).0 as usize] {
                    Type::Map(k, _) => Some(*k),
                    _ => None,
                };
                args.iter()
                    .enumerate()
                    .map(|(i, a)| match (i, kt) {
                        (1, Some(k)) => self.lower_assigned(a, k),
                        _ => self.lower_expr(a),
                    })
                    .collect()
            }
            TB::Min | TB::Max => args.iter().map(|a| self.lower_assigned(a, t)).collect(),
            _ => args.iter().map(|a| self.lower_expr(a)).collect(),
        };
        let ib = match b {
            TB::Append => Builtin::Append,
            TB::Copy => Builtin::Copy,
            TB::Len => Builtin::Len,
            TB::Cap => Builtin::Cap,
            TB::Close => Builtin::Close,
            TB::Delete => Builtin::Delete,
            TB::Clear => Builtin::Clear,
            TB::Panic => Builtin::Panic,
            TB::Recover => Builtin::Recover,
            TB::Print => Builtin::Print,
            TB::Println => Builtin::Println,
            TB::Complex => Builtin::Complex,
            TB::Real => Builtin::Real,
            TB::Imag => Builtin::Imag,
            TB::Min => Builtin::Min,
            TB::Max => Builtin::Max,
            TB::Add => Builtin::UnsafeAdd,
            TB::Slice => Builtin::UnsafeSlice,
            TB::String => Builtin::UnsafeString,
            TB::StringData => Builtin::UnsafeStringData,
            TB::SliceData => Builtin::UnsafeSliceData,
            // Sizeof, Offsetof and Alignof are constants, handled before we get here.
            TB::Sizeof | TB::Offsetof | TB::Alignof | TB::New | TB::Make => {
                self.unsupported(pos, format!("builtin {name}"));
                return self.mk(pos, t, ExprKind::Nil, Text::atom(name));
            }
        };
        let list = lowered.iter().map(|a| a.text.clone()).collect::<Vec<_>>().join(", ");
        let text = format!("{name}({list}{})", if ddd { "..." } else { "" });
        let results = match self.ctx.types[t.0 as usize] {
            Type::Tuple(ref ts, _) if ts.is_empty() => vec![],
            _ => vec![self.ir_type(t)],
        };
        let call = Call { kind: CallKind::Builtin(ib), args: lowered, ddd, results };
        self.mk(pos, t, ExprKind::Call(Box::new(call)), Text::atom(text))
    }
}

fn builtin_name(b: types::Builtin) -> &'static str {
    use types::Builtin as TB;
    match b {
        TB::Append => "append",
        TB::Cap => "cap",
        TB::Clear => "clear",
        TB::Close => "close",
        TB::Complex => "complex",
        TB::Copy => "copy",
        TB::Delete => "delete",
        TB::Imag => "imag",
        TB::Len => "len",
        TB::Make => "make",
        TB::Max => "max",
        TB::Min => "min",
        TB::New => "new",
        TB::Panic => "panic",
        TB::Print => "print",
        TB::Println => "println",
        TB::Real => "real",
        TB::Recover => "recover",
        TB::Add => "unsafe.Add",
        TB::Alignof => "unsafe.Alignof",
        TB::Offsetof => "unsafe.Offsetof",
        TB::Sizeof => "unsafe.Sizeof",
        TB::Slice => "unsafe.Slice",
        TB::SliceData => "unsafe.SliceData",
        TB::String => "unsafe.String",
        TB::StringData => "unsafe.StringData",
    }
}

/// Whether evaluating `e` calls or receives (gc's `callOrChan` anywhere in it, not counting
/// `new` or what function literals do).
fn calls_or_receives(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call(_)
        | ExprKind::Recv(_)
        | ExprKind::MakeSlice { .. }
        | ExprKind::MakeChan { .. }
        | ExprKind::MakeMap { .. } => true,
        ExprKind::Closure(_) => false,
        _ => {
            let mut found = false;
            crate::visit::each_child(e, |c| found = found || calls_or_receives(c));
            found
        }
    }
}
