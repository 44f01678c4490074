//! Range over functions, rewritten as gc's `rangefunc` pass does before escape analysis.
//!
//! `for k, v := range seq { body }` becomes a call `seq(func(k K, v V) bool { body; return
//! true })`: the loop body is a closure (reported at the `for` keyword as `func literal`), the
//! loop variables are its parameters (so they get parameter verdicts), and a hidden state
//! variable `#stateN` of the enclosing function, which the closure assigns, tracks the loop's
//! progress — captured by reference, it moves to the heap whenever the closure escapes.
//!
//! `break` and `continue` of the loop itself set the state (`abi.RF_DONE`, `abi.RF_READY`) and
//! return false or true from the closure. A `return` in the
//! body (at any depth of range-over-func loops) is rewritten as gc does: the enclosing
//! function's unnamed results are named `#rv1`, `#rv2`, ..., the body assigns them, sets the
//! nest's `#next` to -1 and returns false, and after the outermost loop the function returns;
//! both the results and `#next` (which has no position) are captured by reference. A `goto`,
//! `defer` or labelled jump out of the body needs more hidden state that is not modelled; such
//! loops are lowered as plain loops, so the verdicts about the rewrite itself (the body closure,
//! the hidden variables) are missing for them while the body's own are kept.

use syntax::ast::{self, ExprKind as A, StmtKind as S};
use types::Type;

use super::print::Text;
use super::Lowerer;
use crate::*;

/// gc's `abi.RF_DONE`, `RF_READY`, `RF_PANIC` and `RF_EXHAUSTED`.
const RF_DONE: &str = "0";
const RF_READY: &str = "1";
const RF_PANIC: &str = "2";
const RF_EXHAUSTED: &str = "3";
/// gc's `abi.RF_MISSING_PANIC`.
const RF_MISSING_PANIC: &str = "4";

impl Lowerer<'_> {
    /// Lowers `for key, value := range x` over a function; `false` (having emitted nothing)
    /// when the loop's shape is beyond what is modelled.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn lower_range_func(
        &mut self,
        pos: Pos,
        key: &Option<ast::Expr>,
        value: &Option<ast::Expr>,
        define: bool,
        x: &ast::Expr,
        body: &ast::Block,
        out: &mut Vec<Stmt>,
    ) -> bool {
        let xt = self.type_of(x);
        let Type::Signature(sig) = self.ctx.types[self.ctx.underlying(xt).0 as usize].clone() else { return false };
        let Some(yield_param) = sig.params.first() else { return false };
        let yt = yield_param.ty;
        let Type::Signature(ysig) = self.ctx.types[self.ctx.underlying(yt).0 as usize].clone() else { return false };
        let vars = [key, value];
        if !define && vars.iter().any(|v| v.as_ref().is_some_and(|e| !matches!(&e.kind, A::Ident(n) if n == "_"))) {
            return false;
        }
        if !rewritable_body(&body.stmts) {
            // Lowered as a plain loop instead: the body's own verdicts are right, the closure's
            // and the hidden variables' are missing.
            return false;
        }
        let Some(int_t) = self.universe_type("int") else { return false };
        let Some(bool_t) = self.universe_type("bool") else { return false };

        let fun = self.lower_expr(x);
        out.append(&mut self.pending);
        // The innermost range-over-func body this loop is in, if any (a function literal in
        // between starts afresh).
        let enclosing = self.range_func_frames.last().cloned().flatten();
        let next = match &enclosing {
            Some(f) => f.next,
            None if any_return(&body.stmts) => {
                // The whole nest shares one `#next`, declared before the outermost loop's state,
                // and the function returns through named results.
                self.name_results_for_rangefunc();
                let next = self.new_var("#next".into(), Pos::NONE, int_t, VarClass::Local);
                out.push(Stmt { pos, kind: StmtKind::Decl(next) });
                Some(next)
            }
            None => None,
        };
        let returns_from = enclosing.as_ref().map_or(self.func, |f| f.returns_from);
        let state = self.range_state_var(pos, int_t);
        out.push(Stmt { pos, kind: StmtKind::Decl(state) });
        out.push(self.set_state(state, pos, int_t, RF_READY));

        // The body closure, `func(k K, v V) bool`.
        let yt_ir = self.ir_type(yt);
        let fid = self.new_closure_named(pos, yt_ir, Some("-range"));
        let saved = self.func;
        self.func = fid;
        let mut params = Vec::new();
        for (i, p) in ysig.params.iter().enumerate() {
            let ty = self.ir_type(p.ty);
            let ident = vars.get(i).and_then(|v| v.as_ref()).and_then(|e| match &e.kind {
                A::Ident(n) if n != "_" => Some(ast::Ident { name: n.clone(), pos: e.pos }),
                _ => None,
            });
            let var = ident.and_then(|n| {
                let obj = self.fi().defs.get(&n.pos).copied()?;
                Some(self.new_var_for(obj, &n, p.ty, VarClass::Param))
            });
            let ppos = vars.get(i).and_then(|v| v.as_ref()).map(|e| e.pos).unwrap_or(pos);
            params.push(Param { var, ty, pos: ppos });
        }
        let result = self.new_var("~r0".into(), pos, bool_t, VarClass::Result);
        {
            let f = &mut self.out.funcs[fid.0 as usize];
            f.params = params;
            f.results = vec![result];
        }
        self.note_capture(state, Pos::NONE);
        // `#tmpState := #stateN; #stateN = abi.RF_PANIC; if #tmpState != abi.RF_READY {
        // runtime.panicrangestate(#tmpState) }`: the body checks it runs at most once at a time.
        // gc 1.23 checks `#stateN` itself first, then sets it.
        let mut stmts = if self.out.rules.range_body_tmp_state {
            let tmp = self.new_var("#tmpState".into(), pos, int_t, VarClass::Local);
            let tmp_e = self.var_expr(tmp, pos, int_t);
            let state_e = self.var_expr(state, pos, int_t);
            let mut stmts = vec![
                Stmt { pos, kind: StmtKind::Decl(tmp) },
                single_assign(pos, tmp_e, state_e, true),
                self.set_state(state, pos, int_t, RF_PANIC),
            ];
            stmts.push(self.panic_range_state_check(tmp, "!=", RF_READY, pos, int_t, bool_t));
            stmts
        } else {
            let check = self.panic_range_state_check(state, "!=", RF_READY, pos, int_t, bool_t);
            vec![check, self.set_state(state, pos, int_t, RF_PANIC)]
        };
        self.range_func_frames.push(Some(RangeFuncFrame { state, next, returns_from }));
        loop_exits(&body.stmts, true, &mut self.range_loop_exits);
        stmts.extend(self.lower_block(&body.stmts));
        self.range_func_frames.pop();
        stmts.push(self.set_state(state, pos, int_t, RF_READY));
        let yes = self.bool_const(pos, bool_t, true);
        stmts.push(Stmt { pos, kind: StmtKind::Return(vec![yes]) });
        self.out.funcs[fid.0 as usize].body = Some(stmts);
        self.func = saved;
        let f = &self.out.funcs[fid.0 as usize];
        let caps: Vec<(VarId, Pos)> = f.captures.iter().copied().zip(f.capture_pos.iter().copied()).collect();
        for (v, at) in caps {
            self.note_capture(v, at);
        }
        let closure = self.mk(pos, yt, ExprKind::Closure(fid), Text::atom("func literal"));
        // `#yieldN := closure; x(#yieldN)`, numbered as the loop's `#stateN`.
        let n = self.out.vars[state.0 as usize].name.trim_start_matches("#state").to_string();
        let yield_var = self.new_var(format!("#yield{n}"), pos, yt, VarClass::Local);
        let yield_e = self.var_expr(yield_var, pos, yt);
        out.push(Stmt { pos, kind: StmtKind::Decl(yield_var) });
        out.push(single_assign(pos, yield_e.clone(), closure, true));

        // `x(#yieldN)`
        let callee = match &fun.kind {
            ExprKind::FuncName { func: Some(f), .. } | ExprKind::Closure(f) => Callee::Local(*f),
            _ => Callee::Dynamic,
        };
        let text = format!("{}({})", fun.text, yield_e.text);
        let call = Call {
            kind: CallKind::Func { fun: Box::new(fun), callee, is_method: false },
            args: vec![yield_e],
            ddd: false,
            results: Vec::new(),
        };
        let none = self.invalid_type();
        let call = Expr { pos, ty: self.ir_type(none), kind: ExprKind::Call(Box::new(call)), text };
        out.push(Stmt { pos, kind: StmtKind::Expr(call) });
        // gc's check after the call, `if #stateN == abi.RF_PANIC { panic(...) }`: a read of the
        // state, which is what keeps its assignments alive (deadlocals) and so on the heap.
        let check = self.panic_range_state_check(state, "==", RF_PANIC, pos, int_t, bool_t);
        out.push(check);
        out.push(self.set_state(state, pos, int_t, RF_EXHAUSTED));
        if next.is_some() && any_return(&body.stmts) {
            // `if #next == -1 { return }` after the outermost loop; inside an enclosing body,
            // `if #next < 0 { #stateK = abi.RF_DONE; return false }` passes the return outwards.
            let next = next.expect("checked above");
            let then = match &enclosing {
                None => vec![Stmt { pos, kind: StmtKind::Return(Vec::new()) }],
                Some(f) => vec![
                    self.set_state(f.state, pos, int_t, RF_DONE),
                    Stmt { pos, kind: StmtKind::Return(vec![self.bool_const(pos, bool_t, false)]) },
                ],
            };
            // The read of `#next` keeps the body's assignments to it alive (deadlocals).
            let (op, value) = if enclosing.is_none() { ("==", "-1") } else { ("<", "0") };
            let x = self.var_expr(next, pos, int_t);
            let y = self.mk(pos, int_t, ExprKind::Const(value.into()), Text::atom(value));
            let text = format!("{} {op} {}", x.text, y.text);
            let cond = self.mk(pos, bool_t, ExprKind::Binary { op, x: Box::new(x), y: Box::new(y) }, Text::atom(text));
            out.push(Stmt { pos, kind: StmtKind::If { cond, then, els: Vec::new() } });
        }
        true
    }

    /// `return` inside a range-over-func body (`frame`'s): `#rv1, ... = results; #next = -1;
    /// #stateN = abi.RF_DONE; return false`.
    pub(crate) fn lower_rangefunc_return(
        &mut self,
        pos: Pos,
        es: &[ast::Expr],
        frame: RangeFuncFrame,
        out: &mut Vec<Stmt>,
    ) {
        let (Some(int_t), Some(bool_t)) = (self.universe_type("int"), self.universe_type("bool")) else { return };
        let results = self.out.funcs[frame.returns_from.0 as usize].results.clone();
        for &r in &results {
            self.note_capture(r, pos);
        }
        let dst: Vec<Option<Expr>> = results
            .iter()
            .map(|&r| {
                let t = self.result_checker_type(r);
                Some(self.var_expr(r, pos, t))
            })
            .collect();
        if es.len() == 1 && results.len() > 1 {
            let call = self.lower_expr(&es[0]);
            out.append(&mut self.pending);
            out.push(Stmt { pos, kind: StmtKind::AssignCall { dst, call, define: false } });
        } else if !es.is_empty() {
            let src: Vec<Option<Expr>> = es
                .iter()
                .zip(&results)
                .map(|(e, &r)| {
                    let rt = self.result_checker_type(r);
                    Some(self.lower_assigned(e, rt))
                })
                .collect();
            out.append(&mut self.pending);
            let texts =
                |xs: &[Option<Expr>]| xs.iter().flatten().map(|x| x.text.clone()).collect::<Vec<_>>().join(", ");
            let display = format!("{} = {}", texts(&dst), texts(&src));
            out.push(Stmt {
                pos,
                kind: StmtKind::Assign { dst, src, kind: AssignKind::Plain, define: false, display },
            });
        }
        if let Some(next) = frame.next {
            self.note_capture(next, pos);
            let dst = self.var_expr(next, pos, int_t);
            let src = self.mk(pos, int_t, ExprKind::Const("-1".into()), Text::atom("-1"));
            out.push(single_assign(pos, dst, src, false));
        }
        out.push(self.set_state(frame.state, pos, int_t, RF_DONE));
        out.push(Stmt { pos, kind: StmtKind::Return(vec![self.bool_const(pos, bool_t, false)]) });
    }

    /// gc's rewrite names the results of a function whose range-over-func loop returns:
    /// unnamed ones become `#rv1`, `#rv2`, ... (in every verdict that mentions them).
    fn name_results_for_rangefunc(&mut self) {
        let results = self.out.funcs[self.func.0 as usize].results.clone();
        for (i, r) in results.into_iter().enumerate() {
            let var = &mut self.out.vars[r.0 as usize];
            let base = var.name.rsplit('.').next().unwrap_or(&var.name);
            if base.starts_with('~') {
                var.name = format!("#rv{}", i + 1);
            }
        }
    }

    fn result_checker_type(&self, v: VarId) -> types::TypeId {
        let ir_ty = self.out.vars[v.0 as usize].ty;
        self.checker_type(ir_ty)
    }

    fn bool_const(&mut self, pos: Pos, bool_t: types::TypeId, v: bool) -> Expr {
        let text = if v { "true" } else { "false" };
        self.mk(pos, bool_t, ExprKind::Const(text.into()), Text::atom(text))
    }

    /// The hidden `#stateN` variable of the next range-over-func loop in this function.
    fn range_state_var(&mut self, pos: Pos, int_t: types::TypeId) -> VarId {
        let mut top = self.func;
        while let Some(o) = self.out.funcs[top.0 as usize].outer {
            top = o;
        }
        let n = self.range_states.entry(top).or_insert(0);
        *n += 1;
        let name = format!("#state{n}");
        self.new_var(name, pos, int_t, VarClass::Local)
    }

    /// `if v OP value { runtime.panicrangestate(ARG) }`, the checks gc's rewrite makes: in the
    /// body, of the state it found (`#tmpState != abi.RF_READY`, passing it), and after the
    /// loop, of the state the body left (`#stateN == abi.RF_PANIC`, passing `abi.RF_MISSING_PANIC`).
    fn panic_range_state_check(
        &mut self,
        v: VarId,
        op: &'static str,
        value: &str,
        pos: Pos,
        int_t: types::TypeId,
        bool_t: types::TypeId,
    ) -> Stmt {
        let x = self.var_expr(v, pos, int_t);
        let y = self.mk(pos, int_t, ExprKind::Const(value.into()), Text::atom(value));
        let text = format!("{} {op} {}", x.text, y.text);
        let cond = self.mk(pos, bool_t, ExprKind::Binary { op, x: Box::new(x), y: Box::new(y) }, Text::atom(text));
        let arg = if op == "!=" {
            self.var_expr(v, pos, int_t)
        } else {
            self.mk(pos, int_t, ExprKind::Const(RF_MISSING_PANIC.into()), Text::atom(RF_MISSING_PANIC))
        };
        let name = "runtime.panicrangestate".to_string();
        let callee = Callee::Extern(std::sync::Arc::new(ExternFunc {
            name: name.clone(),
            recv: None,
            params: vec![Leaks::default()],
            inline: None,
        }));
        let fun_ty = self.invalid_type();
        let fun = self.mk(
            pos,
            fun_ty,
            ExprKind::FuncName { name: name.clone(), func: None, ext: None },
            Text::atom(name.clone()),
        );
        let text = format!("{name}({})", arg.text);
        let none = self.invalid_type();
        let call = Call {
            kind: CallKind::Func { fun: Box::new(fun), callee, is_method: false },
            args: vec![arg],
            ddd: false,
            results: Vec::new(),
        };
        let call = Expr { pos, ty: self.ir_type(none), kind: ExprKind::Call(Box::new(call)), text };
        Stmt { pos, kind: StmtKind::If { cond, then: vec![Stmt { pos, kind: StmtKind::Expr(call) }], els: Vec::new() } }
    }

    fn set_state(&mut self, state: VarId, pos: Pos, int_t: types::TypeId, value: &str) -> Stmt {
        let dst = self.var_expr(state, pos, int_t);
        let src = self.mk(pos, int_t, ExprKind::Const(value.into()), Text::atom(value));
        single_assign(pos, dst, src, false)
    }

    /// A predeclared type by name.
    pub(crate) fn universe_type(&self, name: &str) -> Option<types::TypeId> {
        let &obj = self.ctx.universe.get(name)?;
        self.ctx.objects[obj.0 as usize].ty
    }
}

/// The innermost range-over-func body being lowered: its `#stateN`, the nest's `#next` (when
/// some body returns), and the function a `return` in it returns from.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RangeFuncFrame {
    pub state: VarId,
    pub next: Option<VarId>,
    pub returns_from: FuncId,
}

/// The unlabelled `break` and `continue` statements of a range-over-func body that leave or
/// continue the loop itself, by position: those not inside a loop of the body, nor (for
/// `break`) inside a `switch` or `select`.
fn loop_exits(stmts: &[ast::Stmt], breaks: bool, out: &mut std::collections::HashSet<Pos>) {
    for s in stmts {
        match &s.kind {
            S::Branch { kind: ast::BranchKind::Break, label: None } if breaks => {
                out.insert(s.pos);
            }
            S::Branch { kind: ast::BranchKind::Continue, label: None } => {
                out.insert(s.pos);
            }
            S::Block(b) => loop_exits(&b.stmts, breaks, out),
            S::If { then, els, .. } => {
                loop_exits(&then.stmts, breaks, out);
                if let Some(e) = els {
                    loop_exits(std::slice::from_ref(&**e), breaks, out);
                }
            }
            S::Labeled { stmt, .. } => loop_exits(std::slice::from_ref(&**stmt), breaks, out),
            S::Switch { body, .. } | S::TypeSwitch { body, .. } => {
                for c in body {
                    loop_exits(&c.body, false, out);
                }
            }
            S::Select { body } => {
                for c in body {
                    loop_exits(&c.body, false, out);
                }
            }
            _ => {}
        }
    }
}

/// `break` (`continue`) of a range-over-func loop, in its body: `#stateN = abi.RF_DONE;
/// return false` (`#stateN = abi.RF_READY; return true`), as gc's rewrite makes it.
impl Lowerer<'_> {
    pub(crate) fn lower_rangefunc_exit(&mut self, pos: Pos, brk: bool, frame: RangeFuncFrame, out: &mut Vec<Stmt>) {
        let (Some(int_t), Some(bool_t)) = (self.universe_type("int"), self.universe_type("bool")) else { return };
        out.push(self.set_state(frame.state, pos, int_t, if brk { RF_DONE } else { RF_READY }));
        out.push(Stmt { pos, kind: StmtKind::Return(vec![self.bool_const(pos, bool_t, !brk)]) });
    }
}

/// Whether a range-over-func body rewrites with the modelled hidden state: no `goto` or `defer`,
/// and no labelled `break`/`continue` (they may leave the loop). Function literals in the body
/// are expressions, not statements, so their own statements are not seen here.
fn rewritable_body(stmts: &[ast::Stmt]) -> bool {
    !any_stmt(stmts, &|s| {
        matches!(
            &s.kind,
            S::Defer(_) | S::Branch { kind: ast::BranchKind::Goto, .. } | S::Branch { label: Some(_), .. }
        )
    })
}

/// Whether the body returns from the enclosing function.
fn any_return(stmts: &[ast::Stmt]) -> bool {
    any_stmt(stmts, &|s| matches!(s.kind, S::Return(_)))
}

/// Whether `pred` holds for a statement in `stmts`, at any depth outside function literals.
fn any_stmt(stmts: &[ast::Stmt], pred: &dyn Fn(&ast::Stmt) -> bool) -> bool {
    stmts.iter().any(|s| {
        pred(s)
            || match &s.kind {
                S::Labeled { stmt, .. } => any_stmt(std::slice::from_ref(stmt), pred),
                S::Block(b) => any_stmt(&b.stmts, pred),
                S::If { init, then, els, .. } => {
                    init.as_deref().is_some_and(|i| any_stmt(std::slice::from_ref(i), pred))
                        || any_stmt(&then.stmts, pred)
                        || els.as_deref().is_some_and(|e| any_stmt(std::slice::from_ref(e), pred))
                }
                S::For { body, .. } | S::Range { body, .. } => any_stmt(&body.stmts, pred),
                S::Switch { body, .. } | S::TypeSwitch { body, .. } => body.iter().any(|c| any_stmt(&c.body, pred)),
                S::Select { body } => body.iter().any(|c| any_stmt(&c.body, pred)),
                _ => false,
            }
    })
}

/// `dst = src` (`dst := src` when `define`), printed as gc prints it.
fn single_assign(pos: Pos, dst: Expr, src: Expr, define: bool) -> Stmt {
    let display = format!("{} {} {}", dst.text, if define { ":=" } else { "=" }, src.text);
    Stmt {
        pos,
        kind: StmtKind::Assign { dst: vec![Some(dst)], src: vec![Some(src)], kind: AssignKind::Plain, define, display },
    }
}
