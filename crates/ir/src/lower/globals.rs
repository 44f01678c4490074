//! Package-level variable initialization, as gc compiles it.
//!
//! gc lays out at link time whatever part of a package-level initializer it can (its static-init
//! pass): constants, addresses of globals, function values, and struct, array and slice literals
//! whose parts are themselves static — `&T{a: 1}` and `[]int{1, 2}` cost nothing at run time.
//! Everything else (calls, `make`, `new`, map literals, and the non-static elements of otherwise
//! static literals) becomes code of a synthetic `init` function that gc escape-analyzes like any
//! other, and whose verdicts it prints (`make(map[string]int) escapes to heap`: a global holds
//! it). A function literal in a static position is not a closure at all but a top-level function
//! (`glob..func1`), analyzed on its own with no verdict about the literal itself.
//!
//! gc's `init` is one function whose positions name the file each statement came from; our
//! positions carry no file, so `init` is lowered as one part per file, all named `init` and
//! analyzed first, in file order. The parts share nothing (each initializer only assigns
//! globals and its own temporaries), so verdicts and their order are those of the one function.

use syntax::ast::{self, ExprKind as A};
use types::Type;

use super::print::Text;
use super::Lowerer;
use crate::*;

/// Whether a walk over initializers only declares the functions it finds or lowers everything.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Declare,
    Lower,
}

impl Lowerer<'_> {
    /// Adds the synthetic `init` function, first in the package so that it is analyzed first
    /// as gc does: a part for each file in which a package-level variable has an initializer.
    pub(crate) fn declare_init(&mut self) {
        let files = self.files;
        self.init_parts = vec![None; files.len()];
        for (fi, f) in files.iter().enumerate() {
            let has_vars = f
                .decls
                .iter()
                .any(|d| matches!(d, ast::Decl::Var(specs) if specs.iter().any(|s| !s.values.is_empty())));
            if has_vars {
                self.init_parts[fi] = Some(self.declare_init_part(fi as u32));
            }
        }
    }

    fn declare_init_part(&mut self, file: u32) -> FuncId {
        let fty = self.niladic_func_type();
        let init = FuncId(self.out.funcs.len() as u32);
        self.out.funcs.push(Func::new("init".into(), file, Pos::NONE, fty));
        init
    }

    /// Declares the top-level functions that the static function literals of a `var`
    /// declaration become, in declaration order among the package's functions.
    pub(crate) fn declare_global_funcs(&mut self, specs: &[ast::ValueSpec]) {
        let mut sink = Vec::new();
        for spec in specs {
            self.global_spec(spec, &mut sink, Mode::Declare);
        }
    }

    /// Lowers the package's variable initializers into `init`, and the bodies of the static
    /// function literals.
    pub(crate) fn lower_globals(&mut self) {
        let files = self.files;
        for (fi, file) in files.iter().enumerate() {
            let Some(init) = self.init_parts.get(fi).copied().flatten() else { continue };
            let mut body = Vec::new();
            for d in &file.decls {
                let ast::Decl::Var(specs) = d else { continue };
                self.file = fi as u32;
                for spec in specs {
                    self.func = init;
                    self.dcl_len.insert(init, 0);
                    self.global_spec(spec, &mut body, Mode::Lower);
                }
            }
            self.out.funcs[init.0 as usize].body = Some(body);
        }
    }

    fn global_spec(&mut self, spec: &ast::ValueSpec, out: &mut Vec<Stmt>, mode: Mode) {
        if spec.values.is_empty() {
            return;
        }
        if spec.values.len() != spec.names.len() {
            if mode == Mode::Declare {
                return;
            }
            // `var a, b = f()`: always run time.
            let call = self.lower_expr(&spec.values[0]);
            let dst = spec.names.iter().map(|n| self.global_lhs(n)).collect();
            out.append(&mut self.pending);
            out.push(Stmt { pos: spec.values[0].pos, kind: StmtKind::AssignCall { dst, call, define: false } });
            return;
        }
        for (name, value) in spec.names.iter().zip(&spec.values) {
            let target =
                self.fi().defs.get(&name.pos).and_then(|&o| self.obj_ty(o)).unwrap_or_else(|| self.type_of(value));
            self.global_value(name, value, target, out, mode);
        }
    }

    /// The assignment target for global `name` (`None` for `_`).
    fn global_lhs(&mut self, name: &ast::Ident) -> Lhs {
        if name.is_blank() {
            return None;
        }
        let t = self.fi().defs.get(&name.pos).and_then(|&o| self.obj_ty(o)).unwrap_or(self.invalid_type());
        Some(self.mk(name.pos, t, ExprKind::Global(name.name.clone()), Text::atom(name.name.clone())))
    }

    /// Emits the run-time part of initializing global `name` with `e` (of type `target`).
    fn global_value(
        &mut self,
        name: &ast::Ident,
        e: &ast::Expr,
        target: types::TypeId,
        out: &mut Vec<Stmt>,
        mode: Mode,
    ) {
        if self.tv(e).is_some_and(|tv| tv.value.is_some()) {
            return;
        }
        let u = e.unparen();
        if self.is_fips_package() {
            // gc lays out no address statically in a FIPS module package: only numeric constants
            // and the elements of array and struct literals stay static.
            let lt = self.ctx.underlying(self.type_of(u));
            if let A::CompositeLit { elts, .. } = &u.kind {
                if matches!(self.ctx.types[lt.0 as usize], Type::Array(..) | Type::Struct(..)) {
                    self.static_elements(name, self.type_of(u), elts, out, mode);
                    return;
                }
            }
            if matches!(u.kind, A::Ident(_))
                || matches!(&u.kind, A::Selector { x, sel } if self.qualified(x, sel).is_some())
            {
                return;
            }
            if mode == Mode::Lower {
                self.global_store(name, e, target, out);
            }
            return;
        }
        if let Some(val) = self.static_iface_operand(u, target) {
            // gc lays out the interface statically (its OCONVIFACE case): the type word, and a
            // data word pointing at a static temporary (or holding a pointer-shaped value) that
            // the operand initializes, statically if it can, else at run time.
            let vt = self.type_of(val);
            self.global_value(name, val, vt, out, mode);
            return;
        }
        if self.is_static_bytes(u) {
            return;
        }
        match &u.kind {
            A::Ident(_) => return,
            A::Selector { x, sel } if self.qualified(x, sel).is_some() => return,
            A::FuncLit { ty, body } => {
                match mode {
                    Mode::Declare => {
                        let fid = self.declare_static_func_lit(u.pos, self.type_of(u));
                        self.static_lits.insert((self.file, u.id), fid);
                    }
                    Mode::Lower => {
                        if let Some(&fid) = self.static_lits.get(&(self.file, u.id)) {
                            self.lower_static_func_lit(fid, ty.func_type(), body);
                        }
                    }
                }
                return;
            }
            A::Unary { op: ast::UnaryOp::Addr, x } => {
                if let A::CompositeLit { elts, .. } = &x.unparen().kind {
                    let lt = self.type_of(x);
                    if !matches!(self.ctx.types[self.ctx.underlying(lt).0 as usize], Type::Map(..)) {
                        self.static_elements(name, lt, elts, out, mode);
                        return;
                    }
                }
            }
            A::CompositeLit { elts, .. } => {
                let lt = self.type_of(u);
                if !matches!(self.ctx.types[self.ctx.underlying(lt).0 as usize], Type::Map(..)) {
                    self.static_elements(name, lt, elts, out, mode);
                    return;
                }
            }
            _ => {}
        }
        if mode == Mode::Declare {
            return;
        }
        self.global_store(name, e, target, out);
    }

    /// gc's `obj.Link.IsFIPS`: a package of the FIPS 140 module, whose data must hold no
    /// relocations, so that its package-level initializers take no address statically.
    fn is_fips_package(&self) -> bool {
        let p = &self.tpkg.path;
        !p.ends_with("_test") && (p == "crypto/internal/fips140" || p.starts_with("crypto/internal/fips140/"))
    }

    /// The run-time store of `e` into global `name`, in `init`.
    fn global_store(&mut self, name: &ast::Ident, e: &ast::Expr, target: types::TypeId, out: &mut Vec<Stmt>) {
        let Some(dst) = self.global_lhs(name) else {
            let x = self.lower_expr(e);
            out.append(&mut self.pending);
            out.push(Stmt { pos: e.pos, kind: StmtKind::Expr(x) });
            return;
        };
        let src = self.lower_assigned(e, target);
        out.append(&mut self.pending);
        let display = format!("{} = {}", dst.text, src.text);
        // gc places the store at the variable's name.
        out.push(Stmt {
            pos: name.pos,
            kind: StmtKind::Assign {
                dst: vec![Some(dst)],
                src: vec![Some(src)],
                kind: AssignKind::Plain,
                define: false,
                display,
            },
        });
    }

    /// The non-interface operand of an interface conversion of `e` to `target`: implicit (an
    /// assignment to an interface) or explicit (`any(x)`, nested ones unwrapped).
    fn static_iface_operand<'e>(&self, e: &'e ast::Expr, target: types::TypeId) -> Option<&'e ast::Expr> {
        let mut val = e;
        if !self.ctx.is_interface(target) {
            return None;
        }
        loop {
            if !self.ctx.is_interface(self.type_of(val)) {
                return Some(val);
            }
            match &val.unparen().kind {
                A::Call { fun, args, .. } if args.len() == 1 && self.is_conversion(fun) => val = args[0].unparen(),
                _ => return None,
            }
        }
    }

    /// A constant string converted to a byte slice: gc lays out the bytes statically.
    fn is_static_bytes(&self, e: &ast::Expr) -> bool {
        let A::Call { fun, args, .. } = &e.kind else { return false };
        if args.len() != 1 || !self.is_conversion(fun) {
            return false;
        }
        let constant_string = self.tv(&args[0]).is_some_and(|tv| matches!(tv.value, Some(types::Value::String(_))));
        let to = self.ctx.underlying(self.type_of(e));
        let to_bytes = match &self.ctx.types[to.0 as usize] {
            Type::Slice(el) => self.ctx.basic_kind(*el) == Some(types::BasicKind::Uint8),
            _ => false,
        };
        constant_string && to_bytes
    }

    fn is_conversion(&self, fun: &ast::Expr) -> bool {
        self.tv(fun).is_some_and(|tv| tv.mode == types::Mode::TypeExpr)
    }

    /// The elements of a static struct, array or slice literal: each one that is not itself
    /// static is stored into the global at run time.
    fn static_elements(
        &mut self,
        name: &ast::Ident,
        lit_ty: types::TypeId,
        elts: &[ast::Element],
        out: &mut Vec<Stmt>,
        mode: Mode,
    ) {
        let u = self.ctx.underlying(lit_ty);
        let u = match &self.ctx.types[u.0 as usize] {
            Type::Pointer(e) => self.ctx.underlying(*e),
            _ => u,
        };
        let shape = self.ctx.types[u.0 as usize].clone();
        for (i, el) in elts.iter().enumerate() {
            let et = match &shape {
                Type::Struct(fields) => {
                    let field = match &el.key {
                        Some(k) => match &k.kind {
                            A::Ident(n) => fields.iter().find(|f| &f.name == n),
                            _ => None,
                        },
                        None => fields.get(i),
                    };
                    match field {
                        Some(f) => f.ty,
                        None => self.type_of(&el.value),
                    }
                }
                Type::Array(_, e) | Type::Slice(e) => *e,
                _ => self.type_of(&el.value),
            };
            self.global_value(name, &el.value, et, out, mode);
        }
    }

    /// A function literal laid out statically: a top-level function `glob..funcN`.
    ///
    /// Before staticinit moves it out (and renames it `glob..funcN` for the linker), gc made it
    /// a closure of `init` like the others, numbered with them in source order: that is the
    /// name the inliner prints (`can inline init.func2`).
    fn declare_static_func_lit(&mut self, pos: Pos, t: types::TypeId) -> FuncId {
        let name = match self.global_lit_number(pos) {
            Some(n) => self.package_literal_name(n),
            None => {
                let n = self.out.funcs.iter().filter(|f| f.name.starts_with("glob..func")).count() + 1;
                format!("glob..func{n}")
            }
        };
        let fty = self.ir_type(t);
        let fid = FuncId(self.out.funcs.len() as u32);
        self.out.funcs.push(Func { literal: true, ..Func::new(name, self.file, pos, fty) });
        fid
    }

    /// The name of the `n`th function literal of the package's variable initializers:
    /// `init.funcN`, or `glob..funcN` up to gc 1.21.
    pub(crate) fn package_literal_name(&self, n: u32) -> String {
        match self.out.rules.package_literals_named_glob {
            true => format!("glob..func{n}"),
            false => format!("init.func{n}"),
        }
    }

    /// The number gc gives the function literal at `pos` of the current file among the
    /// package's variable initializers' literals (not nested in another), in source order.
    pub(crate) fn global_lit_number(&mut self, pos: Pos) -> Option<u32> {
        if self.global_lits.is_none() {
            let mut order = rustc_hash::FxHashMap::default();
            let mut n = 0;
            for (fi, file) in self.files.iter().enumerate() {
                for d in &file.decls {
                    let ast::Decl::Var(_) = d else { continue };
                    let mut open: Vec<(Pos, Pos)> = Vec::new();
                    syntax::visit::exprs_in_decl(d, &mut |e| {
                        if let ast::ExprKind::FuncLit { body, .. } = &e.kind {
                            if open.iter().any(|&(s, end)| e.pos > s && e.pos < end) {
                                return;
                            }
                            open.push((e.pos, body.end));
                            n += 1;
                            order.insert((fi as u32, e.pos), n);
                        }
                    });
                }
            }
            self.global_lits = Some(order);
        }
        self.global_lits.as_ref()?.get(&(self.file, pos)).copied()
    }

    fn lower_static_func_lit(&mut self, fid: FuncId, ty: &ast::FuncType, body: &ast::Block) {
        let saved = self.func;
        self.func = fid;
        self.dcl_len.insert(fid, 0);
        let params = self.declare_params(&ty.params, VarClass::Param);
        let results = self.declare_results(&ty.results, ty.pos);
        {
            let f = &mut self.out.funcs[fid.0 as usize];
            f.params = params;
            f.results = results;
        }
        self.prescan_body(&body.stmts);
        self.backward_gotos = super::backward_gotos(&body.stmts);
        let stmts = self.lower_block(&body.stmts);
        self.out.funcs[fid.0 as usize].body = Some(stmts);
        self.func = saved;
    }
}
