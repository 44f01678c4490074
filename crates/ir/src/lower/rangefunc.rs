//! Range over functions, rewritten as gc's `rangefunc` pass does before escape analysis.
//!
//! `for k, v := range seq { body }` becomes a call `seq(func(k K, v V) bool { body; return
//! true })`: the loop body is a closure (reported at the `for` keyword as `func literal`), the
//! loop variables are its parameters (so they get parameter verdicts), and a hidden state
//! variable `#stateN` of the enclosing function, which the closure assigns, tracks the loop's
//! progress — captured by reference, it moves to the heap whenever the closure escapes.
//!
//! Only loops whose rewrite needs nothing more are lowered this way: `break` and `continue` of
//! the loop itself are plain returns of the closure, but a `return`, `goto`, `defer` or labelled
//! jump out of the body needs more hidden state (`#next`, result copies) that is not modelled;
//! such loops are lowered as plain loops, so the verdicts about the rewrite itself (the body
//! closure, the hidden variables) are missing for them while the body's own are kept.

use syntax::ast::{self, ExprKind as A, StmtKind as S};
use types::Type;

use super::print::Text;
use super::Lowerer;
use crate::*;

/// gc's `abi.RF_READY`, `RF_PANIC` and `RF_EXHAUSTED`.
const RF_READY: &str = "1";
const RF_PANIC: &str = "2";
const RF_EXHAUSTED: &str = "3";

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
        if !simple_body(&body.stmts) {
            // Lowered as a plain loop instead: the body's own verdicts are right, the closure's
            // and the hidden variables' are missing.
            return false;
        }
        let Some(int_t) = self.universe_type("int") else { return false };
        let Some(bool_t) = self.universe_type("bool") else { return false };

        let fun = self.lower_expr(x);
        out.append(&mut self.pending);
        let state = self.range_state_var(pos, int_t);
        out.push(Stmt { pos, kind: StmtKind::Decl(state) });
        out.push(self.set_state(state, pos, int_t, RF_READY));

        // The body closure, `func(k K, v V) bool`.
        let fid = self.new_closure(pos, yt);
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
        self.note_capture(state);
        let mut stmts = vec![self.set_state(state, pos, int_t, RF_PANIC)];
        stmts.extend(self.lower_block(&body.stmts));
        stmts.push(self.set_state(state, pos, int_t, RF_READY));
        let yes = self.mk(pos, bool_t, ExprKind::Const("true".into()), Text::atom("true"));
        stmts.push(Stmt { pos, kind: StmtKind::Return(vec![yes]) });
        self.out.funcs[fid.0 as usize].body = Some(stmts);
        self.func = saved;
        let caps = self.out.funcs[fid.0 as usize].captures.clone();
        for v in caps {
            self.note_capture(v);
        }
        let closure = self.mk(pos, yt, ExprKind::Closure(fid), Text::atom("func literal"));

        // `x(closure)`
        let callee = match &fun.kind {
            ExprKind::FuncName { func: Some(f), .. } | ExprKind::Closure(f) => Callee::Local(*f),
            _ => Callee::Dynamic,
        };
        let text = format!("{}(func literal)", fun.text);
        let call = Call { kind: CallKind::Func { fun: Box::new(fun), callee, is_method: false }, args: vec![closure], ddd: false, results: Vec::new() };
        let none = self.invalid_type();
        let call = Expr { pos, ty: self.ir_type(none), kind: ExprKind::Call(Box::new(call)), text };
        out.push(Stmt { pos, kind: StmtKind::Expr(call) });
        out.push(self.set_state(state, pos, int_t, RF_EXHAUSTED));
        true
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

    fn set_state(&mut self, state: VarId, pos: Pos, int_t: types::TypeId, value: &str) -> Stmt {
        let dst = self.var_expr(state, pos, int_t);
        let src = self.mk(pos, int_t, ExprKind::Const(value.into()), Text::atom(value));
        let display = format!("{} = {}", dst.text, src.text);
        Stmt { pos, kind: StmtKind::Assign { dst: vec![Some(dst)], src: vec![Some(src)], kind: AssignKind::Plain, define: false, display } }
    }

    /// A predeclared type by name.
    fn universe_type(&self, name: &str) -> Option<types::TypeId> {
        let &obj = self.ctx.universe.get(name)?;
        self.ctx.objects[obj.0 as usize].ty
    }
}

/// Whether a range-over-func body rewrites without extra hidden state: no `return`, `goto` or
/// `defer`, and no labelled `break`/`continue` (they may leave the loop). Function literals in
/// the body are expressions, not statements, so their own `return`s are not seen here.
fn simple_body(stmts: &[ast::Stmt]) -> bool {
    stmts.iter().all(simple_stmt)
}

fn simple_stmt(s: &ast::Stmt) -> bool {
    match &s.kind {
        S::Return(_) | S::Defer(_) => false,
        S::Branch { kind: ast::BranchKind::Goto, .. } | S::Branch { label: Some(_), .. } => false,
        S::Labeled { stmt, .. } => simple_stmt(stmt),
        S::Block(b) => simple_body(&b.stmts),
        S::If { init, then, els, .. } => {
            init.as_deref().is_none_or(simple_stmt) && simple_body(&then.stmts) && els.as_deref().is_none_or(simple_stmt)
        }
        S::For { body, .. } | S::Range { body, .. } => simple_body(&body.stmts),
        S::Switch { body, .. } | S::TypeSwitch { body, .. } => body.iter().all(|c| simple_body(&c.body)),
        S::Select { body } => body.iter().all(|c| simple_body(&c.body)),
        _ => true,
    }
}
