//! Lowering statements (gc's `typecheck/stmt.go`, plus the rewrites that run before escape
//! analysis: `normalizeGoDeferCall` and the Go 1.22 per-iteration loop variables of
//! `loopvar/loopvar.go`).

use syntax::ast::{self, ExprKind as A, StmtKind as S};
use types::{ObjId, Type};

use super::print::Text;
use super::Lowerer;
use crate::*;

impl Lowerer<'_> {
    /// Lowers a statement list. Like gc's noder, statements after one that terminates are
    /// dropped unless a label follows them (a `goto` may still reach it).
    pub(crate) fn lower_block(&mut self, stmts: &[ast::Stmt]) -> Vec<Stmt> {
        let mut out = Vec::new();
        let last_label = stmts.iter().rposition(|s| matches!(s.kind, S::Labeled { .. }));
        let mut dead = false;
        for (i, s) in stmts.iter().enumerate() {
            if dead && last_label.is_none_or(|l| i > l) && !matches!(s.kind, S::Labeled { .. }) {
                continue;
            }
            self.lower_stmt(s, &mut out);
            // Only statements after this one can be dead (the walk into nested blocks costs
            // their depth).
            dead = i + 1 < stmts.len() && self.terminates(s);
        }
        out
    }

    /// Whether a condition is statically true (+1) or false (-1), or not known (0): constants,
    /// and `!`, `&&`, `||` over them (gc's `staticBool`). As in gc, a parenthesized operand
    /// that is not itself constant is not looked into (`false || (false && x)` is unknown).
    fn static_bool(&self, e: &ast::Expr) -> i32 {
        if let Some(tv) = self.tv(e) {
            if let Some(types::Value::Bool(b)) = tv.value {
                return if b { 1 } else { -1 };
            }
        }
        match &e.kind {
            A::Unary { op: ast::UnaryOp::Not, x } => self.static_bool(x),
            A::Binary { op: ast::BinaryOp::LAnd, x, y } => {
                let a = self.static_bool(x);
                if a < 0 {
                    return a;
                }
                let b = self.static_bool(y);
                if a > 0 || b < 0 {
                    return b;
                }
                0
            }
            A::Binary { op: ast::BinaryOp::LOr, x, y } => {
                let a = self.static_bool(x);
                if a > 0 {
                    return a;
                }
                let b = self.static_bool(y);
                if a < 0 || b > 0 {
                    return b;
                }
                0
            }
            _ => 0,
        }
    }

    /// The part of a statically known condition gc's writer keeps (`staticBool` rewrites the
    /// expression in place): `x && y` with `x` always false is `x`, with `x` a constant true
    /// (or `y` always false) it is `y`; `||` alike.
    fn static_bool_cut<'e>(&self, e: &'e ast::Expr) -> &'e ast::Expr {
        let is_const = |x: &ast::Expr| self.tv(x).is_some_and(|tv| tv.value.is_some());
        if is_const(e) {
            return e;
        }
        match &e.kind {
            A::Binary { op: ast::BinaryOp::LAnd, x, y } => {
                let a = self.static_bool(x);
                if a < 0 {
                    return self.static_bool_cut(x);
                }
                if (a > 0 || self.static_bool(y) < 0) && is_const(x) {
                    return self.static_bool_cut(y);
                }
                e
            }
            A::Binary { op: ast::BinaryOp::LOr, x, y } => {
                let a = self.static_bool(x);
                if a > 0 {
                    return self.static_bool_cut(x);
                }
                if (a < 0 || self.static_bool(y) > 0) && is_const(x) {
                    return self.static_bool_cut(y);
                }
                e
            }
            _ => e,
        }
    }

    /// Whether control never falls through `s` (gc's noder `terminates`, which is coarser than
    /// the language's terminating statements).
    fn terminates(&self, s: &ast::Stmt) -> bool {
        match &s.kind {
            S::Branch { kind: ast::BranchKind::Goto, .. } | S::Return(_) => true,
            S::Expr(e) => match &e.unparen().kind {
                A::Call { fun, .. } => matches!(self.builtin_of(fun), Some(types::Builtin::Panic)),
                _ => false,
            },
            S::If { cond, then, els, .. } => {
                let c = self.static_bool(cond);
                let then_t =
                    then.stmts.iter().rev().find(|s| !matches!(s.kind, S::Empty)).is_some_and(|s| self.terminates(s));
                let els_t = els.as_deref().is_some_and(|e| self.terminates(e));
                (c < 0 || then_t) && (c > 0 || els_t)
            }
            S::Block(b) => {
                b.stmts.iter().rev().find(|s| !matches!(s.kind, S::Empty)).is_some_and(|s| self.terminates(s))
            }
            _ => false,
        }
    }

    /// Lowers `s`, appending to `out` the statements it becomes (temporaries first).
    fn lower_stmt(&mut self, s: &ast::Stmt, out: &mut Vec<Stmt>) {
        let saved = std::mem::take(&mut self.pending);
        let mut produced = Vec::new();
        self.lower_stmt_inner(s, &mut produced);
        out.append(&mut self.pending);
        out.append(&mut produced);
        self.pending = saved;
    }

    fn lower_stmt_inner(&mut self, s: &ast::Stmt, out: &mut Vec<Stmt>) {
        let pos = s.pos;
        match &s.kind {
            S::Empty => {}
            S::Expr(e) => {
                let x = self.lower_expr(e);
                out.push(Stmt { pos, kind: StmtKind::Expr(x) });
            }
            S::Send { ch, value } => {
                let ct = self.type_of(ch);
                let elem = match &self.ctx.types[self.ctx.underlying(ct).0 as usize] {
                    Type::Chan(_, e) => *e,
                    _ => ct,
                };
                let ch = self.lower_expr(ch);
                let value = self.lower_assigned(value, elem);
                out.push(Stmt { pos, kind: StmtKind::Send { ch, value } });
            }
            S::IncDec { x, inc } => {
                let t = self.type_of(x);
                let dst = self.lower_expr(x);
                let one = self.mk(pos, t, ExprKind::Const("1".into()), Text::atom("1"));
                let display = format!("{}{}", dst.text, if *inc { "++" } else { "--" });
                out.push(Stmt {
                    pos,
                    kind: StmtKind::Assign {
                        dst: vec![Some(dst)],
                        src: vec![Some(one)],
                        kind: AssignKind::Op,
                        define: false,
                        display,
                    },
                });
            }
            S::Assign { lhs, op, rhs } => self.lower_assign(pos, lhs, *op, rhs, out),
            S::Decl(d) => self.lower_local_decl(d, out),
            S::Go(e) | S::Defer(e) => {
                let call = self.lower_go_defer(pos, e, matches!(s.kind, S::Go(_)), out);
                let kind = if matches!(s.kind, S::Go(_)) { StmtKind::Go(call) } else { StmtKind::Defer(call) };
                out.push(Stmt { pos, kind });
            }
            S::Return(es) => match self.range_func_frames.last().copied().flatten() {
                Some(frame) => self.lower_rangefunc_return(pos, es, frame, out),
                None => self.lower_return(pos, es, out),
            },
            S::Branch { kind: ast::BranchKind::Fallthrough, .. } => {}
            S::Branch { kind: k @ (ast::BranchKind::Break | ast::BranchKind::Continue), label: None }
                if self.range_loop_exits.contains(&s.pos) =>
            {
                match self.range_func_frames.last().copied().flatten() {
                    Some(frame) => self.lower_rangefunc_exit(pos, matches!(k, ast::BranchKind::Break), frame, out),
                    None => out.push(Stmt { pos, kind: StmtKind::Jump }),
                }
            }
            S::Branch { .. } => out.push(Stmt { pos, kind: StmtKind::Jump }),
            S::Block(b) => {
                let body = self.lower_block(&b.stmts);
                out.push(Stmt { pos, kind: StmtKind::Block(body) });
            }
            S::If { init, cond, then, els } => {
                let mut block = Vec::new();
                if let Some(i) = init {
                    self.lower_stmt(i, &mut block);
                }
                let known = self.static_bool(cond);
                if known != 0 {
                    // gc drops the branch that cannot run and keeps the condition only for its
                    // side effects, once its writer has cut it down to what decides it
                    // (`false && f()` is `false`).
                    let kept = self.static_bool_cut(cond);
                    let c = self.lower_expr(kept);
                    block.append(&mut self.pending);
                    if !matches!(c.kind, ExprKind::Const(_)) {
                        block.push(Stmt { pos, kind: StmtKind::Expr(c) });
                    }
                    if known > 0 {
                        block.extend(self.lower_block(&then.stmts));
                    } else if let Some(e) = els {
                        self.lower_stmt(e, &mut block);
                    }
                    out.push(Stmt { pos, kind: StmtKind::Block(block) });
                    return;
                }
                let c = self.lower_expr(cond);
                block.append(&mut self.pending);
                let then = self.lower_block(&then.stmts);
                let els = match els {
                    Some(e) => {
                        let mut v = Vec::new();
                        self.lower_stmt(e, &mut v);
                        v
                    }
                    None => Vec::new(),
                };
                block.push(Stmt { pos, kind: StmtKind::If { cond: c, then, els } });
                out.push(Stmt { pos, kind: StmtKind::Block(block) });
            }
            S::Switch { init, tag, body, .. } => {
                let mut block = Vec::new();
                if let Some(i) = init {
                    self.lower_stmt(i, &mut block);
                }
                if let Some(target) = self.constant_switch_target(tag.as_ref(), body) {
                    // gc's noder keeps only the clause a constant switch always takes, as its
                    // body alone (`switch runtime.GOOS { ... }`).
                    let cases = target
                        .map(|i| SwitchCase { exprs: Vec::new(), body: self.lower_block(&body[i].body) })
                        .into_iter()
                        .collect();
                    block.push(Stmt { pos, kind: StmtKind::Switch { tag: None, cases } });
                    out.push(Stmt { pos, kind: StmtKind::Block(block) });
                    return;
                }
                let tag_t = tag.as_ref().map(|t| self.type_of(t));
                let tag = tag.as_ref().map(|t| self.lower_expr(t));
                block.append(&mut self.pending);
                let mut cases = Vec::new();
                for c in body {
                    let exprs = c
                        .exprs
                        .iter()
                        .map(|e| match tag_t {
                            Some(tt) => self.lower_assigned(e, tt),
                            None => self.lower_expr(e),
                        })
                        .collect();
                    let body = self.lower_block(&c.body);
                    cases.push(SwitchCase { exprs, body });
                }
                block.push(Stmt { pos, kind: StmtKind::Switch { tag, cases } });
                out.push(Stmt { pos, kind: StmtKind::Block(block) });
            }
            S::TypeSwitch { init, x, body, .. } => {
                let mut block = Vec::new();
                if let Some(i) = init {
                    self.lower_stmt(i, &mut block);
                }
                let xe = self.lower_expr(x);
                block.append(&mut self.pending);
                let mut cases = Vec::new();
                for c in body {
                    // Each clause's variable is declared where gc's noder leaves it: at the
                    // "end" of the clause's last type (`typeExprEndPos`), or at `default`.
                    let var_pos = c.exprs.last().map_or(c.pos, type_expr_end_pos);
                    let var = self.fi().implicits.get(&c.pos).copied().map(|obj| self.local_var(obj, var_pos));
                    if let Some(v) = var {
                        self.out.vars[v.0 as usize].pos = var_pos;
                    }
                    let list = c
                        .exprs
                        .iter()
                        .map(|e| match &e.unparen().kind {
                            A::Ident(n)
                                if n == "nil"
                                    && matches!(
                                        self.ctx.types[self.type_of(e).0 as usize],
                                        Type::Basic(types::BasicKind::UntypedNil)
                                    ) =>
                            {
                                "nil".to_string()
                            }
                            _ => self.shown_type_of(e),
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    let body = self.lower_block(&c.body);
                    cases.push(TypeCase { pos: c.pos, list, var, body });
                }
                block.push(Stmt { pos, kind: StmtKind::TypeSwitch { x: xe, cases } });
                out.push(Stmt { pos, kind: StmtKind::Block(block) });
            }
            S::Select { body } => {
                let mut cases = Vec::new();
                for c in body {
                    let comm = c.comm.as_ref().map(|cs| {
                        let mut v = Vec::new();
                        self.lower_stmt(cs, &mut v);
                        // A definition in a comm clause declares its variables first.
                        let last = v.pop();
                        (v, last)
                    });
                    let mut pre = Vec::new();
                    let comm = match comm {
                        Some((decls, last)) => {
                            pre = decls;
                            last.map(Box::new)
                        }
                        None => None,
                    };
                    let mut body = pre;
                    body.extend(self.lower_block(&c.body));
                    cases.push(SelectCase { comm, body });
                }
                out.push(Stmt { pos, kind: StmtKind::Select { cases } });
            }
            S::For { init, cond, post, body } => self.lower_for(pos, init, cond, post, body, out),
            S::Range { key, value, define, x, body, range_pos } => {
                self.lower_range(pos, *range_pos, key, value, *define, x, body, out)
            }
            S::Labeled { label, stmt } => {
                let looping = self.label_is_looping(label, stmt);
                out.push(Stmt { pos, kind: StmtKind::Label { name: label.name.clone(), looping } });
                self.lower_stmt(stmt, out);
            }
        }
    }

    /// Whether a `goto` later in the function jumps back to this label: gc then treats the
    /// labelled code as a loop. We approximate "later" by position: any `goto L` after it.
    fn label_is_looping(&self, label: &ast::Ident, _stmt: &ast::Stmt) -> bool {
        self.backward_gotos.contains(&label.name)
    }

    fn lvalue(&mut self, e: &ast::Expr) -> Lhs {
        if let A::Ident(n) = &e.unparen().kind {
            if n == "_" {
                return None;
            }
        }
        Some(self.lower_expr(e))
    }

    fn define_var(&mut self, e: &ast::Expr, out: &mut Vec<Stmt>) -> Lhs {
        let A::Ident(n) = &e.kind else { return self.lvalue(e) };
        if n == "_" {
            return None;
        }
        match self.fi().defs.get(&e.pos).copied() {
            Some(obj) => {
                let v = self.local_var(obj, e.pos);
                out.push(Stmt { pos: e.pos, kind: StmtKind::Decl(v) });
                let t = self.obj_ty(obj).unwrap_or(self.invalid_type());
                Some(self.var_expr(v, e.pos, t))
            }
            // Redeclared in `:=`: a plain assignment.
            None => self.lvalue(e),
        }
    }

    fn lower_assign(&mut self, pos: Pos, lhs: &[ast::Expr], op: ast::AssignOp, rhs: &[ast::Expr], out: &mut Vec<Stmt>) {
        let define = op == ast::AssignOp::Define;
        if let ast::AssignOp::Op(bop) = op {
            let (Some(l), Some(r)) = (lhs.first(), rhs.first()) else { return };
            let dst = self.lower_expr(l);
            let src = self.lower_expr(r);
            let display = format!("{} {}= {}", dst.text, bop.as_str(), src.text);
            out.push(Stmt {
                pos,
                kind: StmtKind::Assign {
                    dst: vec![Some(dst)],
                    src: vec![Some(src)],
                    kind: AssignKind::Op,
                    define: false,
                    display,
                },
            });
            return;
        }
        if define {
            self.precount_defs(lhs);
        }
        if lhs.len() > 1 && rhs.len() == 1 {
            let targets: Vec<Option<types::TypeId>> = lhs.iter().map(|l| self.lhs_type(l, define)).collect();
            let srcs = self.multi_value(pos, &rhs[0], &targets, out);
            let mut decls = Vec::new();
            let dst: Vec<Lhs> =
                lhs.iter().map(|l| if define { self.define_var(l, &mut decls) } else { self.lvalue(l) }).collect();
            out.append(&mut decls);
            let srcs: Vec<Option<Expr>> = srcs.into_iter().map(Some).collect();
            let display = crate::assign_display(&dst, &srcs, define);
            out.push(Stmt {
                pos,
                kind: StmtKind::Assign { dst, src: srcs, kind: AssignKind::Spread, define, display },
            });
            return;
        }
        let mut srcs = Vec::new();
        for (i, r) in rhs.iter().enumerate() {
            let target = lhs.get(i).and_then(|l| self.lhs_type(l, define));
            let x = match target {
                Some(t) => self.lower_assigned(r, t),
                None => self.lower_expr(r),
            };
            srcs.push(Some(x));
        }
        let mut decls = Vec::new();
        let dst: Vec<Lhs> =
            lhs.iter().map(|l| if define { self.define_var(l, &mut decls) } else { self.lvalue(l) }).collect();
        out.append(&mut decls);
        let display = crate::assign_display(&dst, &srcs, define);
        out.push(Stmt { pos, kind: StmtKind::Assign { dst, src: srcs, kind: AssignKind::Plain, define, display } });
    }

    /// gc's N:1 form (the noder's `multiExpr`): the values of a multi-value expression `e` (a
    /// call, or a comma-ok `x.(T)`, `m[k]` or `<-c`) go to new temporaries first, `t1, t2 :=
    /// e` (pushed on `out`), and each temporary then stands for its value, converted to
    /// `targets[i]` where the types differ. gc hangs the temporaries' assignment on the first
    /// value (an `InitExpr`), which wraps a bare name in a conversion to its own type, so it
    /// prints as `(*T)(.autotmp_3)`.
    pub(crate) fn multi_value(
        &mut self,
        pos: Pos,
        e: &ast::Expr,
        targets: &[Option<types::TypeId>],
        out: &mut Vec<Stmt>,
    ) -> Vec<Expr> {
        let comma_ok = match &e.unparen().kind {
            A::Index { .. } => Some(AssignKind::MapIndex),
            A::TypeAssert { .. } => Some(AssignKind::DotType),
            A::Unary { op: ast::UnaryOp::Recv, .. } => Some(AssignKind::Recv),
            _ => None,
        };
        let tuple = |l: &Self, t: types::TypeId| match &l.ctx.types[t.0 as usize] {
            Type::Tuple(ts, _) => ts.clone(),
            _ => vec![t],
        };
        let mut elems = tuple(self, self.type_of(e));
        let mut raw = tuple(self, self.raw_type_of(e));
        if comma_ok.is_some() && elems.len() == 1 {
            let b = self.universe_type("bool").unwrap_or(self.invalid_type());
            elems.push(b);
            raw.push(b);
        }
        let x = self.lower_expr(e);
        out.append(&mut self.pending);
        let temps: Vec<VarId> = elems.iter().map(|&t| self.temp(pos, t)).collect();
        out.extend(temps.iter().map(|&v| Stmt { pos, kind: StmtKind::Decl(v) }));
        let dst: Vec<Lhs> = temps.iter().zip(&elems).map(|(&v, &t)| Some(self.var_expr(v, pos, t))).collect();
        out.push(match comma_ok {
            Some(kind) => {
                let src = vec![Some(x), None];
                let display = crate::assign_display(&dst, &src[..1], true);
                Stmt { pos, kind: StmtKind::Assign { dst, src, kind, define: true, display } }
            }
            None => Stmt { pos, kind: StmtKind::AssignCall { dst, call: x, define: true } },
        });
        let mut values = Vec::new();
        for (i, (&v, &t)) in temps.iter().zip(&elems).enumerate() {
            let x = self.var_expr(v, pos, t);
            let target = targets.get(i).copied().flatten().filter(|&d| !self.ctx.identical(t, d));
            values.push(match target {
                Some(d) => self.convert_implicit(x, t, d),
                None if i == 0 => {
                    let named = matches!(self.ctx.types[t.0 as usize], Type::Named(_) | Type::Basic(_));
                    let shown = self.shaped_type_string(raw.first().copied().unwrap_or(t));
                    let shown = if named { shown } else { format!("({shown})") };
                    let text = Text::atom(format!("{shown}({})", x.text));
                    self.mk(pos, t, ExprKind::Conv(Box::new(x)), text)
                }
                None => x,
            });
        }
        values
    }

    /// The type a value assigned to `l` is converted to (`None` for `_` or a new variable
    /// whose type comes from the value).
    fn lhs_type(&self, l: &ast::Expr, define: bool) -> Option<types::TypeId> {
        if let A::Ident(n) = &l.unparen().kind {
            if n == "_" {
                return None;
            }
            if define {
                if let Some(&obj) = self.fi().defs.get(&l.pos) {
                    return self.obj_ty(obj);
                }
            }
        }
        Some(self.type_of(l))
    }

    fn lower_local_decl(&mut self, d: &ast::Decl, out: &mut Vec<Stmt>) {
        let ast::Decl::Var(specs) = d else { return };
        for spec in specs {
            for n in &spec.names {
                self.precount_def(&n.name, n.pos);
            }
            if spec.values.len() == 1 && spec.names.len() > 1 {
                let targets: Vec<Option<types::TypeId>> = spec
                    .names
                    .iter()
                    .map(|n| if n.is_blank() { None } else { self.fi().defs.get(&n.pos).and_then(|&o| self.obj_ty(o)) })
                    .collect();
                // gc positions the declaration at its first name.
                let pos = spec.names[0].pos;
                let srcs = self.multi_value(pos, &spec.values[0], &targets, out);
                let mut dst = Vec::new();
                for n in &spec.names {
                    dst.push(self.decl_name(n, out));
                }
                let srcs: Vec<Option<Expr>> = srcs.into_iter().map(Some).collect();
                let display = crate::assign_display(&dst, &srcs, true);
                out.push(Stmt {
                    pos,
                    kind: StmtKind::Assign { dst, src: srcs, kind: AssignKind::Spread, define: true, display },
                });
                continue;
            }
            let mut srcs = Vec::new();
            for (i, n) in spec.names.iter().enumerate() {
                let t = self.fi().defs.get(&n.pos).and_then(|&o| self.obj_ty(o));
                srcs.push(spec.values.get(i).map(|v| match t {
                    Some(t) => self.lower_assigned(v, t),
                    None => self.lower_expr(v),
                }));
            }
            for (n, src) in spec.names.iter().zip(srcs) {
                let dst = self.decl_name(n, out);
                let display = match (&dst, &src) {
                    (Some(d), Some(s)) => format!("{} := {}", d.text, s.text),
                    (Some(d), None) => format!("var {}", d.text),
                    _ => String::new(),
                };
                out.push(Stmt {
                    pos: n.pos,
                    kind: StmtKind::Assign {
                        dst: vec![dst],
                        src: vec![src],
                        kind: AssignKind::Plain,
                        define: true,
                        display,
                    },
                });
            }
        }
    }

    fn decl_name(&mut self, n: &ast::Ident, out: &mut Vec<Stmt>) -> Lhs {
        if n.is_blank() {
            return None;
        }
        let obj = self.fi().defs.get(&n.pos).copied()?;
        let v = self.local_var(obj, n.pos);
        out.push(Stmt { pos: n.pos, kind: StmtKind::Decl(v) });
        let t = self.obj_ty(obj).unwrap_or(self.invalid_type());
        Some(self.var_expr(v, n.pos, t))
    }

    fn lower_return(&mut self, pos: Pos, es: &[ast::Expr], out: &mut Vec<Stmt>) {
        let results = self.out.funcs[self.func.0 as usize].results.clone();
        if es.len() == 1 && results.len() > 1 {
            // `return f()` with a multi-value f goes through temporaries.
            let targets: Vec<Option<types::TypeId>> = results.iter().map(|&r| Some(self.result_type(r))).collect();
            let rs = self.multi_value(pos, &es[0], &targets, out);
            out.push(Stmt { pos, kind: StmtKind::Return(rs) });
            return;
        }
        let mut rs = Vec::new();
        for (e, r) in es.iter().zip(&results) {
            let rt = self.result_type(*r);
            rs.push(self.lower_assigned(e, rt));
        }
        out.push(Stmt { pos, kind: StmtKind::Return(rs) });
    }

    /// For a switch whose tag is constant (or absent) and whose cases are all constant, the
    /// clause it always takes (`Some(None)`: none), as gc's noder finds it; `None` when that
    /// rewrite does not apply (a non-constant case, or a target ending in `fallthrough`).
    fn constant_switch_target(&self, tag: Option<&ast::Expr>, body: &[ast::CaseClause]) -> Option<Option<usize>> {
        let tag_value = match tag {
            Some(t) => self.tv(t)?.value?,
            None => types::Value::Bool(true),
        };
        let mut target = None;
        'clauses: for (i, c) in body.iter().enumerate() {
            if c.is_default {
                target = Some(i);
            }
            for e in &c.exprs {
                let v = self.tv(e)?.value?;
                if tag_value.compare(ast::BinaryOp::Eql, &v) == Some(true) {
                    target = Some(i);
                    break 'clauses;
                }
            }
        }
        if let Some(i) = target {
            let last = body[i].body.iter().rev().find(|s| !matches!(s.kind, S::Empty));
            if last.is_some_and(|s| matches!(s.kind, S::Branch { kind: ast::BranchKind::Fallthrough, .. })) {
                return None;
            }
        }
        Some(target)
    }

    fn result_type(&self, v: VarId) -> types::TypeId {
        let ir_ty = self.out.vars[v.0 as usize].ty;
        self.checker_type(ir_ty)
    }

    /// `go`/`defer`: gc wraps a call with arguments (or results) in a closure with none,
    /// evaluating the arguments into temporaries first (`normalizeGoDeferCall`).
    fn lower_go_defer(&mut self, pos: Pos, e: &ast::Expr, is_go: bool, out: &mut Vec<Stmt>) -> Expr {
        let call = self.lower_expr(e);
        out.append(&mut self.pending);
        let ExprKind::Call(c) = &call.kind else { return call };
        let already_normal = match &c.kind {
            CallKind::Func { fun, .. } => {
                let ft = &self.out.types[fun.ty.0 as usize];
                ft.params.is_empty() && ft.results.is_empty() && c.args.is_empty()
            }
            _ => false,
        };
        if already_normal {
            return call;
        }
        let fty = self.niladic_func_type();
        // gc places the wrapper at the statement (`can inline f.deferwrap1` names it).
        let fid = self.new_closure_named(call.pos, fty, Some(if is_go { "gowrap" } else { "deferwrap" }));
        self.out.funcs[fid.0 as usize].wrapper = true;
        self.out.funcs[fid.0 as usize].go_defer_wrapper = true;
        self.out.funcs[fid.0 as usize].decl_pos = pos;
        let Expr { pos: cpos, ty, kind, text } = call;
        let ExprKind::Call(mut c) = kind else { unreachable!() };
        let mut temps = Vec::new();
        let mut srcs = Vec::new();
        match &mut c.kind {
            CallKind::Func { fun, .. } => self.spill_go_arg(pos, fun, &mut temps, &mut srcs),
            CallKind::Inter { recv, .. } => self.spill_go_arg(pos, recv, &mut temps, &mut srcs),
            CallKind::Builtin(_) => {}
        }
        for a in c.args.iter_mut() {
            self.spill_go_arg(pos, a, &mut temps, &mut srcs);
        }
        if !temps.is_empty() {
            for &v in &temps {
                out.push(Stmt { pos, kind: StmtKind::Decl(v) });
            }
            let dst = temps
                .iter()
                .map(|&v| {
                    let t = self.out.vars[v.0 as usize].ty;
                    Some(Expr { pos, ty: t, kind: ExprKind::Var(v), text: self.out.vars[v.0 as usize].name.clone() })
                })
                .collect();
            let display = String::new();
            out.push(Stmt {
                pos,
                kind: StmtKind::Assign {
                    dst,
                    src: srcs.into_iter().map(Some).collect(),
                    kind: AssignKind::Plain,
                    define: true,
                    display,
                },
            });
        }
        let inner = Expr { pos: cpos, ty, kind: ExprKind::Call(c), text };
        let f = &mut self.out.funcs[fid.0 as usize];
        f.body = Some(vec![Stmt { pos: cpos, kind: StmtKind::Expr(inner) }]);
        // The wrapper refers to its temporaries where the statement is.
        f.capture_pos = vec![pos; temps.len()];
        f.captures = temps;
        let clo = Expr { pos: cpos, ty: fty, kind: ExprKind::Closure(fid), text: "func literal".into() };
        let call = Call {
            kind: CallKind::Func { fun: Box::new(clo.clone()), callee: Callee::Local(fid), is_method: false },
            args: Vec::new(),
            ddd: false,
            results: Vec::new(),
        };
        Expr { pos: cpos, ty: fty, kind: ExprKind::Call(Box::new(call)), text: "func literal()".into() }
    }

    /// Moves a go/defer argument into a temporary the wrapper captures, as gc's `visit` in
    /// `normalizeGoDeferCall` does (composite literals element by element; constants stay).
    fn spill_go_arg(&mut self, pos: Pos, arg: &mut Expr, temps: &mut Vec<VarId>, srcs: &mut Vec<Expr>) {
        if let ExprKind::ArrayLit(elts) | ExprKind::StructLit(elts) | ExprKind::SliceLit { elts, .. } = &mut arg.kind {
            for e in elts.iter_mut() {
                self.spill_go_arg(pos, e, temps, srcs);
            }
            return;
        }
        if !needs_temp(arg) {
            return;
        }
        let v = self.temp(pos, self.checker_type(arg.ty));
        // Keep the argument's own summary: lowering-made types have no checker type.
        self.out.vars[v.0 as usize].ty = arg.ty;
        let placeholder = Expr { pos: arg.pos, ty: arg.ty, kind: ExprKind::Var(v), text: arg.text.clone() };
        srcs.push(std::mem::replace(arg, placeholder));
        temps.push(v);
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_for(
        &mut self,
        pos: Pos,
        init: &Option<Box<ast::Stmt>>,
        cond: &Option<ast::Expr>,
        post: &Option<Box<ast::Stmt>>,
        body: &ast::Block,
        out: &mut Vec<Stmt>,
    ) {
        if let Some(c) = cond {
            if self.static_bool(c) < 0 && self.tv(c).is_some_and(|tv| tv.value.is_some()) {
                // `for init; false; post {}` is just `init`.
                if let Some(i) = init {
                    self.lower_stmt(i, out);
                }
                return;
            }
        }
        let mut block = Vec::new();
        // Loop variables that are captured or address-taken become per-iteration copies.
        let mut per_iter: Vec<(ObjId, VarId)> = Vec::new();
        if let Some(i) = init {
            self.lower_stmt(i, &mut block);
            if let S::Assign { lhs, op: ast::AssignOp::Define, .. } = &i.kind {
                for l in lhs {
                    if let Some(&obj) = self.fi().defs.get(&l.pos) {
                        if self.escaping_loop_vars.contains(&obj) {
                            if let Some(&outer) = self.var_map.get(&obj) {
                                per_iter.push((obj, outer));
                            }
                        }
                    }
                }
            }
        }
        let c = cond.as_ref().map(|c| self.lower_expr(c));
        block.append(&mut self.pending);
        let p = post.as_ref().map(|p| {
            let mut v = Vec::new();
            self.lower_stmt(p, &mut v);
            Box::new(if v.len() == 1 { v.pop().unwrap() } else { Stmt { pos: p.pos, kind: StmtKind::Block(v) } })
        });
        let mut inner = Vec::new();
        let mut copies = Vec::new();
        for &(obj, outer) in &per_iter {
            let o = self.obj(obj);
            let t = self.obj_ty(obj).unwrap_or(self.invalid_type());
            let ident = ast::Ident { name: o.name.clone(), pos: o.pos };
            let v = self.new_var(ident.name.clone(), ident.pos, t, VarClass::Local);
            inner.push(Stmt { pos, kind: StmtKind::Decl(v) });
            let src = self.var_expr(outer, pos, t);
            let dst = self.var_expr(v, pos, t);
            let define = !self.reassigned_loop_copies.contains(&obj);
            inner.push(Stmt {
                pos,
                kind: StmtKind::Assign {
                    dst: vec![Some(dst)],
                    src: vec![Some(src)],
                    kind: AssignKind::Plain,
                    define,
                    display: String::new(),
                },
            });
            self.rename.insert(obj, v);
            copies.push((obj, outer, v, t));
        }
        inner.extend(self.lower_block(&body.stmts));
        for &(obj, outer, v, t) in &copies {
            self.rename.remove(&obj);
            let src = self.var_expr(v, pos, t);
            let dst = self.var_expr(outer, pos, t);
            inner.push(Stmt {
                pos,
                kind: StmtKind::Assign {
                    dst: vec![Some(dst)],
                    src: vec![Some(src)],
                    kind: AssignKind::Plain,
                    define: false,
                    display: String::new(),
                },
            });
        }
        let loopvar_copies = copies.len() as u8;
        block.push(Stmt { pos, kind: StmtKind::For { cond: c, post: p, body: inner, loopvar_copies } });
        out.push(Stmt { pos, kind: StmtKind::Block(block) });
    }

    #[allow(clippy::too_many_arguments)]
    #[allow(clippy::too_many_arguments)]
    fn lower_range(
        &mut self,
        pos: Pos,
        range_pos: Pos,
        key: &Option<ast::Expr>,
        value: &Option<ast::Expr>,
        define: bool,
        x: &ast::Expr,
        body: &ast::Block,
        out: &mut Vec<Stmt>,
    ) {
        let xt = self.type_of(x);
        if matches!(self.ctx.types[self.ctx.underlying(xt).0 as usize], Type::Signature(_))
            && self.lower_range_func(pos, key, value, define, x, body, out)
        {
            return;
        }
        if define {
            // gc declares the loop's variables before it reads the ranged-over expression.
            let vars: Vec<ast::Expr> = key.iter().chain(value).cloned().collect();
            self.precount_defs(&vars);
        }
        let xe = self.lower_expr(x);
        out.append(&mut self.pending);
        let x_is_array = matches!(self.ctx.types[self.ctx.underlying(xt).0 as usize], Type::Array(..));
        let mut pre_body = Vec::new();
        let slot = |l: &mut Self, e: &Option<ast::Expr>, pre: &mut Vec<Stmt>| -> Lhs {
            let e = e.as_ref()?;
            if !define {
                return l.lvalue(e);
            }
            let A::Ident(n) = &e.kind else { return l.lvalue(e) };
            if n == "_" {
                return None;
            }
            let obj = l.fi().defs.get(&e.pos).copied()?;
            let t = l.obj_ty(obj).unwrap_or(l.invalid_type());
            if l.escaping_loop_vars.contains(&obj) {
                // Per-iteration variable: a hidden one receives the value, and a fresh variable
                // declared in the body copies it.
                // gc's loop-variable pass makes it after reading the function.
                let hidden = l.late_temp(e.pos, t);
                let v = l.local_var(obj, e.pos);
                pre.push(Stmt { pos: e.pos, kind: StmtKind::Decl(v) });
                let src = l.var_expr(hidden, e.pos, t);
                let dst = l.var_expr(v, e.pos, t);
                let define = !l.reassigned_loop_copies.contains(&obj);
                let (dst, src) = (vec![Some(dst)], vec![Some(src)]);
                let display = crate::assign_display(&dst, &src, define);
                // gc's copy sits where the loop is (its `range` keyword).
                pre.push(Stmt {
                    pos: range_pos,
                    kind: StmtKind::Assign { dst, src, kind: AssignKind::Plain, define, display },
                });
                Some(l.var_expr(hidden, e.pos, t))
            } else {
                let v = l.local_var(obj, e.pos);
                Some(l.var_expr(v, e.pos, t))
            }
        };
        let k = slot(self, key, &mut pre_body);
        let v = slot(self, value, &mut pre_body);
        let named = |e: &Option<ast::Expr>| e.as_ref().is_some_and(|e| !matches!(&e.kind, A::Ident(n) if n == "_"));
        let shape = RangeShape {
            defined: if define { named(key) as u8 + named(value) as u8 } else { 0 },
            blank_key: key.as_ref().is_some_and(|e| matches!(&e.kind, A::Ident(n) if n == "_")),
            loopvar_copies: (pre_body.len() / 2) as u8,
        };
        let mut b = pre_body;
        b.extend(self.lower_block(&body.stmts));
        out.push(Stmt {
            pos,
            kind: StmtKind::Range {
                x: Box::new(xe),
                key: Box::new(k),
                value: Box::new(v),
                x_is_array,
                body: b,
                shape,
                range_pos,
            },
        });
    }
}

/// Whether gc's `normalizeGoDeferCall` evaluates an argument into a temporary.
fn needs_temp(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Const(_) | ExprKind::Nil | ExprKind::MethodExpr { .. } | ExprKind::New | ExprKind::FuncName { .. }
    )
}

/// gc's `typeExprEndPos` (a Go 1.17 position quirk the noder keeps for type-switch variables):
/// a name's position, a qualified name's package, and for composite types that of their last
/// component (element, value, last result or parameter, last method, last type argument).
fn type_expr_end_pos(e: &ast::Expr) -> Pos {
    fn last_field(fs: &[ast::Field]) -> Option<&ast::Expr> {
        fs.last().map(|f| &f.ty)
    }
    let mut e = e;
    loop {
        e = match &e.kind {
            A::Selector { x, .. } => return x.pos,
            A::Paren(x) | A::Star(x) => x,
            A::ArrayType { elem, .. } | A::ChanType { elem, .. } => elem,
            A::Ellipsis(Some(x)) => x,
            A::MapType { value, .. } => value,
            A::InterfaceType { elems } => match last_field(elems) {
                Some(t) => t,
                None => return e.pos,
            },
            A::FuncType(ft) => match last_field(&ft.results).or_else(|| last_field(&ft.params)) {
                Some(t) => t,
                None => return e.pos,
            },
            A::Index { indices, .. } => match indices.last() {
                Some(t) => t,
                None => return e.pos,
            },
            _ => return e.pos,
        };
    }
}
