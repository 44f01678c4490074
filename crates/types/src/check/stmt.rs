//! Statements (go/types' `stmt.go`).
//!
//! Statements are checked in order, in nested local scopes (`Env::scopes`), with a small set
//! of context flags saying what the enclosing statements allow. Break/continue/goto/fallthrough
//! placement and labels are not checked here but in a separate pass over the whole body
//! ([`super::labels`]), as gc does it in its parser; assignments and short variable
//! declarations live in [`super::assign`], range clauses in [`super::range`].
//!
//! Errors that go/types reports "at an expression" are placed at the expression's leftmost
//! position ([`start_pos`]), which is where gc prints them.

use syntax::ast::{AssignOp, Block, CaseClause, CommClause, Expr, ExprKind, Ident, Stmt, StmtKind, UnaryOp};
use syntax::Pos;

use super::{Checker, Operand};
use crate::object::{ObjId, ObjKind};
use crate::ty::{ChanDir, Type, TypeId};
use crate::universe::INVALID;
use crate::{Builtin, Mode};

/// What the statements around a statement allow (bits of go/types' `stmtContext`).
pub(super) type Ctxt = u8;
pub(super) const FALLTHROUGH_OK: Ctxt = 1 << 2;
pub(super) const FINAL_SWITCH_CASE: Ctxt = 1 << 3;
pub(super) const IN_TYPE_SWITCH: Ctxt = 1 << 4;

/// The leftmost position of an expression: where go/types reports errors about it.
pub(super) fn start_pos(e: &Expr) -> Pos {
    let mut e = e;
    loop {
        e = match &e.kind {
            ExprKind::CompositeLit { ty: Some(t), .. } => t,
            ExprKind::Selector { x, .. } => x,
            ExprKind::Index { x, .. } => x,
            ExprKind::TypeAssert { x, .. } => x,
            ExprKind::Binary { x, .. } => x,
            ExprKind::Call { fun, .. } => fun,
            _ => return e.pos,
        };
    }
}

/// The leftmost position of a statement (syntax's `StartPos`).
pub(super) fn stmt_start(s: &Stmt) -> Pos {
    match &s.kind {
        StmtKind::Expr(e) => start_pos(e),
        StmtKind::Send { ch, .. } => start_pos(ch),
        StmtKind::IncDec { x, .. } => start_pos(x),
        StmtKind::Assign { lhs, .. } => lhs.first().map(start_pos).unwrap_or(s.pos),
        _ => s.pos,
    }
}

/// How a call used as a statement is classified (go/types' `exprKind`).
#[derive(PartialEq, Eq)]
enum CallKind {
    Conversion,
    Expression,
    Statement,
}

/// Builtins whose calls may stand alone as statements.
fn is_statement_builtin(b: Builtin) -> bool {
    matches!(
        b,
        Builtin::Clear
            | Builtin::Close
            | Builtin::Copy
            | Builtin::Delete
            | Builtin::Panic
            | Builtin::Print
            | Builtin::Println
            | Builtin::Recover
    )
}

fn trim_trailing_empty(list: &[Stmt]) -> &[Stmt] {
    let mut n = list.len();
    while n > 0 && matches!(list[n - 1].kind, StmtKind::Empty) {
        n -= 1;
    }
    &list[..n]
}

impl<'a> Checker<'a> {
    pub(super) fn stmt_list(&mut self, stmts: &'a [Stmt]) {
        self.stmt_list_ctx(0, stmts);
    }

    pub(super) fn stmt_list_ctx(&mut self, ctxt: Ctxt, stmts: &'a [Stmt]) {
        let ok = ctxt & FALLTHROUGH_OK != 0;
        let inner = ctxt & !FALLTHROUGH_OK;
        let list = trim_trailing_empty(stmts);
        for (i, s) in list.iter().enumerate() {
            let mut c = inner;
            if ok && i + 1 == list.len() {
                c |= FALLTHROUGH_OK;
            }
            self.stmt(c, s);
        }
    }

    fn simple_stmt(&mut self, s: Option<&'a Stmt>) {
        if let Some(s) = s {
            self.stmt(0, s);
        }
    }

    /// A block in its own scope.
    pub(super) fn block(&mut self, ctxt: Ctxt, b: &'a Block) {
        self.open_scope();
        self.stmt_list_ctx(ctxt, &b.stmts);
        self.close_scope();
    }

    /// Formats a position of a file of this package as gc prints it inside messages.
    pub(super) fn st_pos_string(&self, file: u32, pos: Pos) -> String {
        let path = self.files.get(file as usize).map(|f| f.path.display().to_string()).unwrap_or_default();
        format!("{path}:{}:{}", pos.line, pos.col)
    }

    pub(super) fn stmt(&mut self, ctxt: Ctxt, s: &'a Stmt) {
        let inner = ctxt & !(FALLTHROUGH_OK | FINAL_SWITCH_CASE | IN_TYPE_SWITCH);
        match &s.kind {
            StmtKind::Empty => {}
            StmtKind::Decl(d) => self.local_decl(d),
            StmtKind::Labeled { stmt, .. } => self.stmt(ctxt, stmt),
            StmtKind::Expr(e) => self.expr_stmt(e),
            StmtKind::Send { ch, value } => {
                let c = self.expr(ch, None);
                let mut v = self.expr(value, None);
                if c.mode == Mode::Invalid || v.mode == Mode::Invalid {
                    return;
                }
                if let Some(elem) = self.st_chan_elem(stmt_start(s), &c, false) {
                    self.assignment(&mut v, Some(elem), "send");
                }
            }
            StmtKind::IncDec { x, inc } => {
                let xo = self.expr(x, None);
                if xo.mode == Mode::Invalid {
                    return;
                }
                if !self.st_all_numeric(xo.ty) {
                    let op = if *inc { "++" } else { "--" };
                    let es = self.expr_string(x);
                    let ts = self.ty_str(xo.ty);
                    self.error(start_pos(x), format!("invalid operation: {es}{op} (non-numeric type {ts})"));
                    return;
                }
                self.assign_var(x, None, Some(xo), "assignment");
            }
            StmtKind::Assign { lhs, op, rhs } => match op {
                AssignOp::Assign => self.assign_vars(lhs, rhs),
                AssignOp::Define => self.short_var_decl(s.pos, lhs, rhs),
                AssignOp::Op(bop) => {
                    if lhs.len() != 1 || rhs.len() != 1 {
                        self.error(
                            stmt_start(s),
                            format!("assignment operation {}= requires single-valued expressions", bop.as_str()),
                        );
                        return;
                    }
                    let x = self.op_assign_value(&lhs[0], &rhs[0], *bop);
                    self.assign_var(&lhs[0], None, Some(x), "assignment");
                }
            },
            StmtKind::Go(e) => self.suspended_call("go", e),
            StmtKind::Defer(e) => self.suspended_call("defer", e),
            StmtKind::Return(results) => self.return_stmt(s, results),
            // Placement of branches is checked by the label pass.
            StmtKind::Branch { .. } => {}
            StmtKind::Block(b) => self.block(inner, b),
            StmtKind::If { init, cond, then, els } => {
                self.open_scope();
                self.simple_stmt(init.as_deref());
                let x = self.expr(cond, None);
                if x.mode != Mode::Invalid && !self.st_all_boolean(x.ty) {
                    self.error(start_pos(cond), "non-boolean condition in if statement");
                }
                self.block(inner, then);
                if let Some(e) = els {
                    self.stmt(inner, e);
                }
                self.close_scope();
            }
            StmtKind::Switch { init, tag, body, lbrace } => {
                self.open_scope();
                self.simple_stmt(init.as_deref());
                self.switch_stmt(inner, tag.as_ref(), body, *lbrace);
                self.close_scope();
            }
            StmtKind::TypeSwitch { init, bind, x, body, .. } => {
                self.open_scope();
                self.simple_stmt(init.as_deref());
                self.type_switch_stmt(inner | IN_TYPE_SWITCH, bind.as_ref(), x, body);
                self.close_scope();
            }
            StmtKind::Select { body } => self.select_stmt(inner, body),
            StmtKind::For { init, cond, post, body } => {
                self.open_scope();
                self.simple_stmt(init.as_deref());
                if let Some(c) = cond {
                    let x = self.expr(c, None);
                    if x.mode != Mode::Invalid && !self.st_all_boolean(x.ty) {
                        self.error(start_pos(c), "non-boolean condition in for statement");
                    }
                }
                self.simple_stmt(post.as_deref());
                if let Some(p) = post {
                    if let StmtKind::Assign { lhs, op: AssignOp::Define, .. } = &p.kind {
                        // Avoid follow-up "declared and not used" errors.
                        for l in lhs {
                            if let ExprKind::Ident(n) = &l.kind {
                                if let Some(o) = self.st_lookup_local(n) {
                                    self.used.insert(o);
                                }
                            }
                        }
                    }
                }
                self.block(inner, body);
                self.close_scope();
            }
            StmtKind::Range { key, value, define, x, body, .. } => {
                self.range_stmt(inner, s.pos, key.as_ref(), value.as_ref(), *define, x, body);
            }
        }
    }

    /// A name in the local scopes only.
    pub(super) fn st_lookup_local(&self, name: &str) -> Option<ObjId> {
        self.env.scopes.iter().rev().find_map(|s| s.get(name).copied())
    }

    /// How the call `e` (already checked) is classified: a conversion, a builtin producing a
    /// value, or a statement (function and method calls, statement builtins).
    fn call_kind(&mut self, e: &'a Expr) -> CallKind {
        let ExprKind::Call { fun, .. } = &e.unparen().kind else { return CallKind::Expression };
        let f = self.env.file as usize;
        let fun_mode = self.info.files[f].types.get(&fun.id).map(|tv| tv.mode);
        match fun_mode {
            Some(Mode::TypeExpr) => CallKind::Conversion,
            Some(Mode::Builtin) => {
                let obj = self.info.files[f].uses.get(&fun.unparen().id).copied();
                let b = obj.and_then(|o| match self.ctx.obj(o).kind {
                    ObjKind::Builtin(b) => Some(b),
                    _ => None,
                });
                let b = b.or_else(|| match &fun.unparen().kind {
                    ExprKind::Ident(n) => match self.ctx.universe.get(n).map(|&o| &self.ctx.obj(o).kind) {
                        Some(ObjKind::Builtin(b)) => Some(*b),
                        _ => None,
                    },
                    _ => None,
                });
                if b.is_some_and(is_statement_builtin) {
                    CallKind::Statement
                } else {
                    CallKind::Expression
                }
            }
            _ => CallKind::Statement,
        }
    }

    fn expr_stmt(&mut self, e: &'a Expr) {
        let x = self.raw_expr(e, None, false);
        let kind = match &e.unparen().kind {
            ExprKind::Call { .. } => self.call_kind(e),
            ExprKind::Unary { op: UnaryOp::Recv, .. } => CallKind::Statement,
            _ => CallKind::Expression,
        };
        let msg = match x.mode {
            // types2 says an invalid name or selector is not used too, which its error filter
            // drops after any earlier error: it shows only when the operand went invalid
            // silently (a name holding a NUL byte is undefined without a word). Any other
            // invalid expression counts as a statement (types2's `exprInternal` error exit).
            Mode::Invalid if !matches!(e.unparen().kind, ExprKind::Ident(_) | ExprKind::Selector { .. }) => return,
            Mode::Invalid => "is not used",
            Mode::Builtin => "must be called",
            Mode::TypeExpr => "is not an expression",
            _ => {
                if kind == CallKind::Statement {
                    return;
                }
                "is not used"
            }
        };
        let xs = self.op_string(&x);
        self.error(start_pos(e), format!("{xs} {msg}"));
    }

    /// `go f()` / `defer f()`.
    fn suspended_call(&mut self, keyword: &str, e: &'a Expr) {
        if !matches!(e.unparen().kind, ExprKind::Call { .. }) {
            self.error(start_pos(e), format!("expression in {keyword} must be function call"));
            self.raw_expr(e, None, false);
            return;
        }
        let x = self.raw_expr(e, None, false);
        if x.mode == Mode::Invalid {
            return;
        }
        let msg = match self.call_kind(e) {
            CallKind::Conversion => "requires function call, not conversion",
            CallKind::Expression => "discards result of",
            CallKind::Statement => return,
        };
        let xs = self.op_string(&x);
        self.error(start_pos(e), format!("{keyword} {msg} {xs}"));
    }

    fn return_stmt(&mut self, s: &'a Stmt, results: &'a [Expr]) {
        let sig = self.env.sig.unwrap_or(INVALID);
        let res: Vec<crate::ty::Field> = match self.ctx.ty(sig) {
            Type::Signature(sg) => sg.results.clone(),
            _ => vec![],
        };
        if results.is_empty() && !res.is_empty() && !res[0].name.is_empty() {
            // A naked return: every named result must be visible.
            for f in &res {
                let Some(obj) = f.obj else { continue };
                if f.name == "_" {
                    continue;
                }
                if let Some(alt) = self.lookup(&f.name) {
                    if alt != obj {
                        let ao = self.ctx.obj(alt);
                        let (af, ap) = (ao.file, ao.pos);
                        let at = ao.ty.map(|t| self.ty_str(t)).unwrap_or_default();
                        let kind = match ao.kind {
                            ObjKind::Const(_) => "const",
                            ObjKind::TypeName { .. } => "type",
                            ObjKind::Func => "func",
                            _ => "var",
                        };
                        let ps = self.st_pos_string(af, ap);
                        self.error(
                            s.pos,
                            format!("result parameter {} not in scope at return\n\t{ps}: inner declaration of {kind} {} {at}", f.name, f.name),
                        );
                    }
                }
            }
            return;
        }
        let lhs: Vec<ObjId> = res
            .iter()
            .map(|f| match f.obj {
                Some(o) => o,
                None => self.new_var("", f.ty, s.pos, false, true),
            })
            .collect();
        self.init_vars(&lhs, results, Some(s.pos));
    }

    /// The element type of channel `x` for a send (`recv` false) or receive; reports an error
    /// and returns `None` if `x` is not such a channel.
    pub(super) fn st_chan_elem(&mut self, pos: Pos, x: &Operand<'a>, recv: bool) -> Option<TypeId> {
        let cause = match self.ctx.core_type(x.ty) {
            None => "no specific channel type".to_string(),
            Some(u) => match self.ctx.ty(u).clone() {
                Type::Chan(d, elem) => {
                    if recv && d == ChanDir::Send {
                        format!("send-only channel {}", self.ty_str(x.ty))
                    } else if !recv && d == ChanDir::Recv {
                        format!("receive-only channel {}", self.ty_str(x.ty))
                    } else {
                        return Some(elem);
                    }
                }
                _ => format!("non-channel {}", self.ty_str(x.ty)),
            },
        };
        let xs = self.op_string(x);
        let what = if recv { "receive from" } else { "send to" };
        let msg = if self.ctx.is_type_param(x.ty) {
            format!("invalid operation: cannot {what} {xs}: {cause}")
        } else {
            format!("invalid operation: cannot {what} {cause} {xs}")
        };
        self.error(pos, msg);
        None
    }

    /// Whether every type in `t`'s type set satisfies `pred` on its underlying basic kind.
    fn st_all_basic(&self, t: TypeId, pred: fn(crate::BasicKind) -> bool) -> bool {
        if let Type::TypeParam(tp) = self.ctx.ty(t) {
            return match self.ctx.type_terms(tp.constraint) {
                Some(terms) => !terms.is_empty() && terms.iter().all(|term| self.st_all_basic(term.ty, pred)),
                None => false,
            };
        }
        match self.ctx.ty(self.ctx.underlying(t)) {
            Type::Basic(k) => pred(*k),
            _ => false,
        }
    }

    pub(super) fn st_all_numeric(&self, t: TypeId) -> bool {
        self.st_all_basic(t, |k| k.is_numeric())
    }

    pub(super) fn st_all_boolean(&self, t: TypeId) -> bool {
        self.st_all_basic(t, |k| matches!(k, crate::BasicKind::Bool | crate::BasicKind::UntypedBool))
    }

    fn st_all_integer(&self, t: TypeId) -> bool {
        self.st_all_basic(t, |k| k.is_integer())
    }

    /// The value of `lhs op= rhs`: both operands checked, the right one converted to the
    /// left one's type (the left one is a typed variable), the operator checked against it.
    fn op_assign_value(&mut self, lhs: &'a Expr, rhs: &'a Expr, op: syntax::ast::BinaryOp) -> Operand<'a> {
        use syntax::ast::BinaryOp::*;
        let x = self.expr(lhs, None);
        let mut y = self.expr(rhs, None);
        if x.mode == Mode::Invalid || y.mode == Mode::Invalid {
            return Operand::invalid(Some(lhs));
        }
        let ls = self.expr_string(lhs);
        let rs = self.expr_string(rhs);
        if matches!(op, Shl | Shr) {
            // As in go/types' `shift`: an untyped constant count must be representable as a
            // uint but stays untyped; any other untyped count is converted to uint.
            if self.ctx.is_untyped(y.ty) {
                let u = self.ctx.basic(crate::BasicKind::Uint);
                if let Some(v) = &y.val {
                    if v.as_i128().is_some_and(|n| n >= 0) && !self.check_representable(&mut y, u) {
                        return Operand::invalid(Some(lhs));
                    }
                } else {
                    self.convert_untyped(&mut y, u);
                }
            }
            if !self.st_all_integer(x.ty) {
                let xs = self.op_string(&x);
                self.error(start_pos(lhs), format!("invalid operation: shifted operand {xs} must be integer"));
                return Operand::invalid(Some(lhs));
            }
            if !self.st_all_integer(y.ty) {
                let ys = self.op_string(&y);
                self.error(start_pos(rhs), format!("invalid operation: shift count {ys} must be integer"));
                return Operand::invalid(Some(lhs));
            }
            return Operand::new(Mode::Value, x.ty, Some(lhs));
        }
        if self.ctx.is_untyped(y.ty) {
            self.convert_untyped(&mut y, x.ty);
            if y.mode == Mode::Invalid {
                return Operand::invalid(Some(lhs));
            }
        }
        if !self.ctx.identical(x.ty, y.ty) {
            let (xt, yt) = (self.ty_str(x.ty), self.ty_str(y.ty));
            // types2's `binary` reports at its left operand (`errorf(x, ...)`), where it starts.
            self.error(
                start_pos(lhs),
                format!("invalid operation: {ls} {}= {rs} (mismatched types {xt} and {yt})", op.as_str()),
            );
            return Operand::invalid(Some(lhs));
        }
        let ok = match op {
            Add => self.st_all_basic(x.ty, |k| k.is_numeric() || k.is_string()),
            Sub | Mul | Quo => self.st_all_numeric(x.ty),
            Rem | And | Or | Xor | AndNot => self.st_all_integer(x.ty),
            _ => false,
        };
        if !ok {
            let xs = self.op_string(&x);
            self.error(start_pos(lhs), format!("invalid operation: operator {} not defined on {xs}", op.as_str()));
            return Operand::invalid(Some(lhs));
        }
        if matches!(op, Quo | Rem)
            && self.st_all_integer(x.ty)
            && y.val.as_ref().is_some_and(|v| v.as_i128() == Some(0))
        {
            self.error(start_pos(rhs), "invalid operation: division by zero");
            return Operand::invalid(Some(lhs));
        }
        Operand::new(Mode::Value, x.ty, Some(lhs))
    }

    /// `multiple defaults (first at P)` for every default after the first.
    fn multiple_defaults(&mut self, clauses: &[(Pos, bool)]) {
        let mut first: Option<Pos> = None;
        for &(p, is_default) in clauses {
            if !is_default {
                continue;
            }
            match first {
                Some(f) => {
                    let fs = self.st_pos_string(self.env.file, f);
                    self.error(p, format!("multiple defaults (first at {fs})"));
                }
                None => first = Some(p),
            }
        }
    }

    fn switch_stmt(&mut self, inner: Ctxt, tag: Option<&'a Expr>, body: &'a [CaseClause], lbrace: Pos) {
        let _ = lbrace;
        let mut x = match tag {
            Some(t) => {
                let mut x = self.expr(t, None);
                self.assignment(&mut x, None, "switch expression");
                if x.mode != Mode::Invalid && !self.ctx.comparable(x.ty) && !self.st_has_nil(x.ty) {
                    let xs = self.op_string(&x);
                    let ts = self.ty_str(x.ty);
                    self.error(start_pos(t), format!("cannot switch on {xs} ({ts} is not comparable)"));
                    x.mode = Mode::Invalid;
                }
                x
            }
            None => {
                let mut x = Operand::new(Mode::Constant, self.ctx.basic(crate::BasicKind::Bool), None);
                x.val = Some(crate::Value::Bool(true));
                x
            }
        };
        let defaults: Vec<(Pos, bool)> = body.iter().map(|c| (c.pos, c.is_default)).collect();
        self.multiple_defaults(&defaults);
        let mut seen: Vec<(String, Pos, TypeId)> = Vec::new();
        for (i, clause) in body.iter().enumerate() {
            let mut c = inner;
            if i + 1 < body.len() {
                c |= FALLTHROUGH_OK;
            } else {
                c |= FINAL_SWITCH_CASE;
            }
            self.case_values(&mut x, tag, &clause.exprs, &mut seen);
            self.open_scope();
            self.stmt_list_ctx(c, &clause.body);
            self.close_scope();
        }
    }

    /// Whether values of `t` can be compared with `nil`.
    fn st_has_nil(&self, t: TypeId) -> bool {
        match self.ctx.ty(self.ctx.underlying(t)) {
            Type::Basic(k) => *k == crate::BasicKind::UnsafePointer,
            Type::Slice(_) | Type::Pointer(_) | Type::Signature(_) | Type::Map(..) | Type::Chan(..) => true,
            Type::Interface(_) => !self.ctx.is_type_param(t),
            _ => false,
        }
    }

    fn case_values(
        &mut self,
        x: &mut Operand<'a>,
        tag: Option<&'a Expr>,
        values: &'a [Expr],
        seen: &mut Vec<(String, Pos, TypeId)>,
    ) {
        for e in values {
            let mut v = self.expr(e, None);
            if x.mode == Mode::Invalid || v.mode == Mode::Invalid {
                continue;
            }
            self.convert_untyped(&mut v, x.ty);
            if v.mode == Mode::Invalid {
                continue;
            }
            // The case value must be comparable with the tag.
            let ok = self.ctx.assignable(v.ty, x.ty) || self.ctx.assignable(x.ty, v.ty);
            let tag_s = tag.map(|t| self.expr_string(t)).unwrap_or_else(|| "true".into());
            let es = self.expr_string(e);
            if !ok {
                let (vt, xt) = (self.ty_str(v.ty), self.ty_str(x.ty));
                self.error(
                    start_pos(e),
                    format!("invalid case {es} in switch on {tag_s} (mismatched types {vt} and {xt})"),
                );
                continue;
            }
            let v_nil = self.ctx.basic_kind(v.ty) == Some(crate::BasicKind::UntypedNil);
            if !v_nil && !self.ctx.comparable(v.ty) && !self.ctx.is_type_param(v.ty) {
                let vt = self.ty_str(v.ty);
                self.error(
                    start_pos(e),
                    format!("invalid case {es} in switch on {tag_s} (operator == not defined on {vt})"),
                );
                continue;
            }
            if v.mode != Mode::Constant {
                continue;
            }
            let Some(val) = &v.val else { continue };
            // Like gc, go/types looks for duplicates among integer, float and string values
            // only: `case GOOS == "a", GOOS == "b"` may repeat `false`.
            if !matches!(val, crate::Value::Int(_) | crate::Value::Float(_) | crate::Value::String(_)) {
                continue;
            }
            let key = val.exact_string();
            if let Some(&(_, p, _)) = seen.iter().find(|(k, _, t)| *k == key && self.ctx.identical(*t, v.ty)) {
                let vs = self.op_string(&v);
                let ps = self.st_pos_string(self.env.file, p);
                self.error(start_pos(e), format!("duplicate case {vs} in expression switch\n\t{ps}: previous case"));
                continue;
            }
            seen.push((key, start_pos(e), v.ty));
        }
    }

    /// Whether `e` denotes the predeclared `nil`.
    fn st_is_nil_expr(&mut self, e: &Expr) -> bool {
        if let ExprKind::Ident(n) = &e.unparen().kind {
            if self.st_lookup_local(n).is_some() {
                return false;
            }
            let f = self.env.file as usize;
            if self.file_scopes[f].contains_key(n) || self.pkg_scope.contains_key(n) {
                return false;
            }
            return self.ctx.universe.get(n).is_some_and(|&o| matches!(self.ctx.obj(o).kind, ObjKind::Nil));
        }
        false
    }

    fn type_switch_stmt(&mut self, inner: Ctxt, bind: Option<&'a Ident>, x: &'a Expr, body: &'a [CaseClause]) {
        let mut bind = bind;
        if let Some(b) = bind {
            if b.name == "_" {
                self.error(b.pos, "no new variable on left side of :=");
                bind = None;
            }
        }
        let xo = self.expr(x, None);
        let mut sx: Option<Operand<'a>> = None;
        if xo.mode != Mode::Invalid {
            if self.ctx.is_type_param(xo.ty) {
                let xs = self.op_string(&xo);
                self.error(start_pos(x), format!("cannot use type switch on type parameter value {xs}"));
            } else if self.ctx.is_interface(xo.ty) {
                sx = Some(xo);
            } else {
                let xs = self.op_string(&xo);
                self.error(start_pos(x), format!("{xs} is not an interface"));
            }
        }
        let defaults: Vec<(Pos, bool)> = body.iter().map(|c| (c.pos, c.is_default)).collect();
        self.multiple_defaults(&defaults);
        let mut lhs_vars = Vec::new();
        let mut seen: Vec<(Option<TypeId>, Pos)> = Vec::new();
        for clause in body {
            let t = self.case_types(sx.as_ref(), &clause.exprs, &mut seen);
            self.open_scope();
            if let Some(b) = bind {
                let obj = self.new_var(&b.name, t, b.pos, false, false);
                if let Some(s) = self.env.scopes.last_mut() {
                    s.insert(b.name.clone(), obj);
                }
                self.fi().implicits.insert(clause.pos, obj);
                lhs_vars.push(obj);
            }
            self.stmt_list_ctx(inner, &clause.body);
            self.close_scope();
        }
        if let Some(b) = bind {
            let mut used = false;
            for v in lhs_vars {
                used |= self.used.contains(&v);
                self.used.insert(v);
            }
            if !used {
                self.error(b.pos, format!("{} declared and not used", b.name));
            }
        }
    }

    /// Checks the types of a type-switch clause and returns the type of the clause's variable.
    fn case_types(
        &mut self,
        x: Option<&Operand<'a>>,
        types: &'a [Expr],
        seen: &mut Vec<(Option<TypeId>, Pos)>,
    ) -> TypeId {
        let mut last: Option<TypeId> = None;
        for e in types {
            let t = if self.st_is_nil_expr(e) {
                self.expr(e, None);
                None
            } else {
                let t = self.typ(e);
                if t == INVALID {
                    last = Some(INVALID);
                    continue;
                }
                Some(t)
            };
            last = t;
            let dup = seen.iter().find(|(st, _)| match (st, t) {
                (None, None) => true,
                (Some(a), Some(b)) => self.ctx.identical(*a, b),
                _ => false,
            });
            if let Some(&(_, p)) = dup {
                let ts = t.map(|t| self.ty_str(t)).unwrap_or_else(|| "nil".into());
                let ps = self.st_pos_string(self.env.file, p);
                self.error(start_pos(e), format!("duplicate case {ts} in type switch\n\t{ps}: previous case"));
                continue;
            }
            seen.push((t, start_pos(e)));
            if let (Some(x), Some(t)) = (x, t) {
                self.type_switch_case_assertable(e, x, t);
            }
        }
        if types.len() != 1 || last.is_none() {
            return x.map(|x| x.ty).unwrap_or(INVALID);
        }
        last.unwrap_or(INVALID)
    }

    /// Reports a type-switch case `t` that no dynamic type of `x` can have.
    fn type_switch_case_assertable(&mut self, e: &'a Expr, x: &Operand<'a>, t: TypeId) {
        if self.ctx.is_interface(t) && !self.ctx.is_type_param(t) {
            return;
        }
        self.ensure_methods(t);
        self.ensure_methods(x.ty);
        let Some(m) = self.ctx.missing_method(t, x.ty) else { return };
        let ptr = self.ctx.new_pointer(t);
        let cause = if !matches!(self.ctx.ty(t), Type::Pointer(_))
            && self.ctx.lookup_field_or_method(ptr, false, &self.path, &m).is_some()
        {
            format!("(method {m} has pointer receiver)")
        } else if self.ctx.lookup_field_or_method(t, false, &self.path, &m).is_some() {
            format!("(wrong type for method {m})")
        } else {
            format!("(missing method {m})")
        };
        let es = self.expr_string(e);
        let xs = self.op_string(x);
        let ts = self.ty_str(t);
        self.error(
            start_pos(e),
            format!("impossible type switch case: {es}\n\t{xs} cannot have dynamic type {ts} {cause}"),
        );
    }

    fn select_stmt(&mut self, inner: Ctxt, body: &'a [CommClause]) {
        let defaults: Vec<(Pos, bool)> = body.iter().map(|c| (c.pos, c.comm.is_none())).collect();
        self.multiple_defaults(&defaults);
        for clause in body {
            let valid = match clause.comm.as_deref() {
                None => true,
                Some(Stmt { kind: StmtKind::Send { .. }, .. }) => true,
                Some(Stmt { kind: StmtKind::Assign { rhs, op, .. }, .. }) => {
                    rhs.len() == 1
                        && matches!(rhs[0].unparen().kind, ExprKind::Unary { op: UnaryOp::Recv, .. })
                        && matches!(op, AssignOp::Assign | AssignOp::Define)
                }
                Some(Stmt { kind: StmtKind::Expr(e), .. }) => {
                    matches!(e.unparen().kind, ExprKind::Unary { op: UnaryOp::Recv, .. })
                }
                Some(_) => false,
            };
            if !valid {
                let p = clause.comm.as_deref().map(stmt_start).unwrap_or(clause.pos);
                self.error(p, "select case must be send or receive (possibly with assignment)");
                continue;
            }
            self.open_scope();
            if let Some(c) = clause.comm.as_deref() {
                self.stmt(inner, c);
            }
            self.stmt_list_ctx(inner, &clause.body);
            self.close_scope();
        }
    }
}
