//! Expressions (go/types' `expr.go`): the dispatcher every expression goes through, plus
//! identifiers, literals, unary and binary operators, shifts and comparisons.
//!
//! The idea, as in go/types: checking an expression yields an [`Operand`] (mode, type,
//! constant value) and records it in the file's side table before returning. Untyped
//! operands are recorded with their untyped type; when the context later fixes their type
//! (assignment, a binary operation with a typed operand, a comparison) the recorded types of
//! the whole untyped subtree are rewritten by `update_expr_type`. Selectors, indexing,
//! composite literals, calls, conversions and builtins live in sibling modules.

use syntax::ast::{BinaryOp, Expr, ExprKind, LitKind, UnaryOp};
use syntax::Pos;

use super::operand::start_pos;
use super::{Checker, Operand, MAX_EXPR_DEPTH};
use crate::constant::Value;
use crate::object::ObjKind;
use crate::ty::{BasicKind, Type, TypeId};
use crate::universe::INVALID;
use crate::Mode;

/// Which modes `exclude` rejects.
pub(super) const NO_VALUE: u8 = 1;
pub(super) const BUILTIN: u8 = 2;
pub(super) const TYPE_EXPR: u8 = 4;

/// The longest string constant gc accepts, in bytes (`cmd/internal/obj.MaxSymSize`).
const MAX_CONST_STRING: u64 = 2_000_000_000;

impl<'a> Checker<'a> {
    /// Checks `e` as a single value (or type, for `raw_expr`), with `hint` the type an untyped
    /// composite literal element or a func literal would get from context.
    pub(super) fn expr(&mut self, e: &'a Expr, hint: Option<TypeId>) -> Operand<'a> {
        let mut x = self.raw_expr(e, hint, false);
        self.exclude(&mut x, NO_VALUE | BUILTIN | TYPE_EXPR);
        self.single_value(&mut x);
        x
    }

    /// Checks `e` as a value or a type (go/types' `exprOrType`).
    pub(super) fn expr_or_type(&mut self, e: &'a Expr, allow_generic: bool) -> Operand<'a> {
        let mut x = self.raw_expr(e, None, allow_generic);
        self.exclude(&mut x, NO_VALUE);
        self.single_value(&mut x);
        x
    }

    /// Checks `e` in any mode (value, type, builtin, ...). `allow_generic`: a generic function or
    /// type may be left uninstantiated.
    pub(super) fn raw_expr(&mut self, e: &'a Expr, hint: Option<TypeId>, allow_generic: bool) -> Operand<'a> {
        if self.depth >= MAX_EXPR_DEPTH {
            self.error(e.pos, "expression nesting too deep");
            return Operand::invalid(Some(e));
        }
        self.depth += 1;
        let mut x = self.expr_internal(e, hint);
        self.depth -= 1;
        if x.mode == Mode::Invalid {
            x.ty = INVALID;
            x.val = None;
        }
        x.expr = Some(e);
        if !allow_generic {
            self.non_generic(&mut x, hint);
        }
        self.record_operand(e, &x);
        x
    }

    /// Records what `x` says about `e` (go/types' `record`).
    pub(super) fn record_operand(&mut self, e: &Expr, x: &Operand<'a>) {
        match x.mode {
            Mode::Invalid => {}
            Mode::NoValue => {
                let t = self.ctx.new_tuple(vec![]);
                self.record(e, Mode::NoValue, t, None);
            }
            Mode::Constant => self.record(e, x.mode, x.ty, x.val.clone()),
            _ => self.record(e, x.mode, x.ty, None),
        }
    }

    /// Checks `e`, which may be a multi-valued call; `allow_comma_ok` for `v, ok = m[k]` etc.
    /// A comma-ok expression yields its value and an untyped bool (go/types' `multiExpr`); the
    /// flag says it was used so (see [`Self::record_comma_ok_types`]).
    pub(super) fn multi_expr(&mut self, e: &'a Expr, allow_comma_ok: bool) -> (Vec<Operand<'a>>, bool) {
        let mut x = self.raw_expr(e, None, false);
        self.exclude(&mut x, NO_VALUE | BUILTIN | TYPE_EXPR);
        if x.mode == Mode::Invalid {
            return (vec![x], false);
        }
        if let Type::Tuple(ts, _) = self.ctx.ty(x.ty).clone() {
            let list = ts.into_iter().map(|t| Operand::new(Mode::Value, t, Some(e))).collect();
            return (list, false);
        }
        if allow_comma_ok && matches!(x.mode, Mode::MapIndex | Mode::CommaOk) {
            let ub = self.ctx.basic(BasicKind::UntypedBool);
            let ok = Operand::new(Mode::Value, ub, Some(e));
            x.mode = Mode::Value;
            return (vec![x, ok], true);
        }
        (vec![x], false)
    }

    /// Marks comma-ok expression `e` (and the expressions inside its parentheses) as used for
    /// two values, `ok_type` the type the `ok` value ended up with (go/types'
    /// `recordCommaOkTypes`, which records the tuple `(T, ok_type)` instead).
    pub(super) fn record_comma_ok_types(&mut self, e: &Expr, ok_type: TypeId) {
        let mut e = e;
        loop {
            if let Some(tv) = self.fi().types.get_mut(&e.id) {
                tv.comma_ok = Some(ok_type);
            }
            match &e.kind {
                ExprKind::Paren(x) => e = x,
                _ => break,
            }
        }
    }

    /// Reports and invalidates `x` if its mode is in `modes` (go/types' `exclude`).
    pub(super) fn exclude(&mut self, x: &mut Operand<'a>, modes: u8) {
        let msg = match x.mode {
            Mode::NoValue if modes & NO_VALUE != 0 => {
                if modes & TYPE_EXPR != 0 {
                    "used as value"
                } else {
                    "used as value or type"
                }
            }
            Mode::Builtin if modes & BUILTIN != 0 => "must be called",
            Mode::TypeExpr if modes & TYPE_EXPR != 0 => "is not an expression",
            _ => return,
        };
        let s = self.op_string(x);
        let p = x.pos();
        self.error(p, format!("{s} {msg}"));
        x.mode = Mode::Invalid;
        x.ty = INVALID;
    }

    /// Rejects an uninstantiated generic type or function (go/types' `nonGeneric`); a generic
    /// function whose type arguments can be inferred from the target `hint` is instantiated.
    fn non_generic(&mut self, x: &mut Operand<'a>, hint: Option<TypeId>) {
        if matches!(x.mode, Mode::Invalid | Mode::NoValue) {
            return;
        }
        let what = match self.ctx.ty(x.ty) {
            Type::Named(n) if x.mode == Mode::TypeExpr && !n.type_params.is_empty() && n.origin.is_none() => "type",
            Type::Signature(s) if x.mode != Mode::TypeExpr && !s.type_params.is_empty() => {
                if let Some(t) = hint {
                    if matches!(self.ctx.ty(self.ctx.underlying(t)), Type::Signature(_)) {
                        self.func_inst_reverse(x, t);
                        return;
                    }
                }
                "function"
            }
            _ => return,
        };
        let es = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
        let p = x.pos();
        self.error(p, format!("cannot use generic {what} {es} without instantiation"));
        x.mode = Mode::Invalid;
        x.ty = INVALID;
    }

    fn expr_internal(&mut self, e: &'a Expr, hint: Option<TypeId>) -> Operand<'a> {
        match &e.kind {
            ExprKind::Bad => Operand::invalid(Some(e)),
            ExprKind::Ident(name) => self.ident(e, name),
            ExprKind::Ellipsis(_) => {
                self.error(e.pos, "invalid use of ...");
                Operand::invalid(Some(e))
            }
            ExprKind::BasicLit { kind, raw } => self.basic_lit(e, *kind, raw),
            ExprKind::FuncLit { ty, body } => {
                let sig = self.func_lit(ty, body);
                Operand::new(Mode::Value, sig, Some(e))
            }
            ExprKind::CompositeLit { ty, elts } => self.composite_lit(e, ty.as_deref(), elts, hint),
            ExprKind::Paren(x) => {
                let mut o = self.raw_expr(x, None, false);
                o.expr = Some(e);
                o
            }
            ExprKind::Selector { x, sel } => self.selector(e, x, sel, false),
            ExprKind::Index { x, indices } => self.index_expr(e, x, indices, hint),
            ExprKind::Slice { x, lo, hi, max, three } => {
                self.slice_expr(e, x, lo.as_deref(), hi.as_deref(), max.as_deref(), *three)
            }
            ExprKind::TypeAssert { x, ty } => self.type_assert(e, x, ty.as_deref()),
            ExprKind::Call { fun, args, ellipsis } => self.call_expr(e, fun, args, *ellipsis, hint),
            ExprKind::Star(x) => self.star(e, x),
            ExprKind::Unary { op, x } => self.unary(e, *op, x),
            ExprKind::Binary { .. } => self.binary_chain(e),
            _ => match self.type_lit(e) {
                Some(t) if t != INVALID => Operand::new(Mode::TypeExpr, t, Some(e)),
                Some(_) => Operand::invalid(Some(e)),
                None => {
                    let s = self.expr_string(e);
                    self.error(e.pos, format!("{s} is not an expression"));
                    Operand::invalid(Some(e))
                }
            },
        }
    }

    /// An identifier (go/types' `ident`): looked up through local, file, package and universe
    /// scopes; the use is recorded and variables are marked used.
    fn ident(&mut self, e: &'a Expr, name: &str) -> Operand<'a> {
        if name == "_" {
            self.error(e.pos, "cannot use _ as value or type");
            return Operand::invalid(Some(e));
        }
        let Some(obj) = self.lookup(name) else {
            // A name holding what gc's scanner skipped (a NUL byte, a byte order mark) has
            // had its error already: types2 says nothing more.
            if is_valid_name(name) {
                self.error(e.pos, format!("undefined: {name}"));
            }
            return Operand::invalid(Some(e));
        };
        self.record_use(e, obj);
        self.object_operand(e, obj, name)
    }

    /// The operand an identifier (or qualified identifier) denoting `obj` yields.
    pub(super) fn object_operand(&mut self, e: &'a Expr, obj: crate::ObjId, name: &str) -> Operand<'a> {
        let o = self.ctx.obj(obj);
        let kind = o.kind.clone();
        let ty = o.ty.unwrap_or(INVALID);
        match kind {
            ObjKind::PkgName(_) => {
                self.used.insert(obj);
                self.error(e.pos, format!("use of package {name} not in selector"));
                Operand::invalid(Some(e))
            }
            ObjKind::Const(v) => {
                if ty == INVALID {
                    return Operand::invalid(Some(e));
                }
                let mut x = Operand::new(Mode::Constant, ty, Some(e));
                if self.ctx.universe.get("iota") == Some(&obj) {
                    match self.env.iota {
                        Some(i) => x.val = Some(Value::int(i)),
                        None => {
                            self.error(e.pos, "cannot use iota outside constant declaration");
                            return Operand::invalid(Some(e));
                        }
                    }
                } else {
                    x.val = Some(v);
                }
                x
            }
            ObjKind::TypeName { .. } => {
                if ty == INVALID {
                    return Operand::invalid(Some(e));
                }
                Operand::new(Mode::TypeExpr, ty, Some(e))
            }
            ObjKind::Var { .. } => {
                self.used.insert(obj);
                if ty == INVALID {
                    return Operand::invalid(Some(e));
                }
                Operand::new(Mode::Variable, ty, Some(e))
            }
            ObjKind::Func => {
                if ty == INVALID {
                    return Operand::invalid(Some(e));
                }
                Operand::new(Mode::Value, ty, Some(e))
            }
            ObjKind::Builtin(b) => {
                let mut x = Operand::new(Mode::Builtin, INVALID, Some(e));
                x.builtin = Some(b);
                x
            }
            ObjKind::Nil => Operand::new(Mode::Value, self.ctx.basic(BasicKind::UntypedNil), Some(e)),
            ObjKind::Label => {
                self.error(e.pos, format!("undefined: {name}"));
                Operand::invalid(Some(e))
            }
        }
    }

    fn basic_lit(&mut self, e: &'a Expr, kind: LitKind, raw: &str) -> Operand<'a> {
        if matches!(kind, LitKind::Int | LitKind::Float | LitKind::Imag) && raw.len() > 10000 {
            self.error(e.pos, format!("excessively long constant: {}... ({} chars)", &raw[..10], raw.len()));
            return Operand::invalid(Some(e));
        }
        let k = match kind {
            LitKind::Int => BasicKind::UntypedInt,
            LitKind::Float => BasicKind::UntypedFloat,
            LitKind::Imag => BasicKind::UntypedComplex,
            LitKind::Rune => BasicKind::UntypedRune,
            LitKind::String => BasicKind::UntypedString,
        };
        let v = Value::from_literal(kind, raw);
        // A number holding what gc's scanner skipped (a NUL byte, a byte that is not UTF-8)
        // is no number go/constant reads.
        let stray = |c: char| !(c.is_ascii_alphanumeric() || "_.+-".contains(c));
        let malformed_number = matches!(kind, LitKind::Int | LitKind::Float | LitKind::Imag) && raw.contains(stray);
        if malformed_number || (matches!(v, Value::Unknown) && matches!(kind, LitKind::Rune | LitKind::String)) {
            self.error(e.pos, format!("malformed constant: {raw}"));
            return Operand::invalid(Some(e));
        }
        let mut x = Operand::new(Mode::Constant, self.ctx.basic(k), Some(e));
        x.val = Some(v);
        x
    }

    /// `*x`: a pointer type or a pointer indirection.
    fn star(&mut self, e: &'a Expr, xe: &'a Expr) -> Operand<'a> {
        let mut x = self.expr_or_type(xe, false);
        match x.mode {
            Mode::Invalid => x,
            Mode::TypeExpr => {
                let t = self.ctx.new_pointer(x.ty);
                Operand::new(Mode::TypeExpr, t, Some(e))
            }
            _ => {
                if self.ctx.basic_kind(x.ty) == Some(BasicKind::UntypedNil) {
                    self.error(x.pos(), "invalid operation: cannot indirect nil");
                    return Operand::invalid(Some(e));
                }
                let base = self.ctx.core_type(x.ty).and_then(|u| match self.ctx.ty(u) {
                    Type::Pointer(b) => Some(*b),
                    _ => None,
                });
                match base {
                    Some(b) => {
                        x.mode = Mode::Variable;
                        x.ty = b;
                        x.val = None;
                        x
                    }
                    None => {
                        let s = self.op_string(&x);
                        self.error(x.pos(), format!("invalid operation: cannot indirect {s}"));
                        Operand::invalid(Some(e))
                    }
                }
            }
        }
    }

    /// The element type of channel operand `x` for a receive (`recv`) or send; reports an
    /// error at `pos` if the operation is invalid (go/types' `chanElem`).
    pub(super) fn chan_elem(&mut self, pos: Pos, x: &Operand<'a>, recv: bool) -> Option<TypeId> {
        let s = self.op_string(x);
        let is_tp = self.ctx.is_type_param(x.ty);
        let cause = match self.ctx.core_type(x.ty).map(|u| self.ctx.ty(u).clone()) {
            None => "no specific channel type".to_string(),
            Some(Type::Chan(dir, elem)) => {
                if recv && dir == crate::ChanDir::Send {
                    format!("send-only channel {}", self.ty_str(x.ty))
                } else if !recv && dir == crate::ChanDir::Recv {
                    format!("receive-only channel {}", self.ty_str(x.ty))
                } else {
                    return Some(elem);
                }
            }
            Some(_) => format!("non-channel {}", self.ty_str(x.ty)),
        };
        let what = if recv { "receive from" } else { "send to" };
        let msg = if is_tp {
            format!("invalid operation: cannot {what} {s}: {cause}")
        } else {
            let cause = cause.rsplit_once(' ').map(|(c, _)| c.to_string()).unwrap_or(cause);
            format!("invalid operation: cannot {what} {cause} {s}")
        };
        self.error(pos, msg);
        None
    }

    fn unary(&mut self, e: &'a Expr, op: UnaryOp, xe: &'a Expr) -> Operand<'a> {
        let mut x = self.expr(xe, None);
        if x.mode == Mode::Invalid {
            return x;
        }
        let mut op = op;
        match op {
            UnaryOp::Addr => {
                if !matches!(xe.unparen().kind, ExprKind::CompositeLit { .. }) && x.mode != Mode::Variable {
                    let s = self.op_string(&x);
                    self.error(x.pos(), format!("invalid operation: cannot take address of {s}"));
                    return Operand::invalid(Some(e));
                }
                let t = self.ctx.new_pointer(x.ty);
                return Operand::new(Mode::Value, t, Some(e));
            }
            UnaryOp::Recv => {
                let p = x.pos();
                return match self.chan_elem(p, &x, true) {
                    Some(elem) => Operand::new(Mode::CommaOk, elem, Some(e)),
                    None => Operand::invalid(Some(e)),
                };
            }
            UnaryOp::Tilde => {
                if !self.all_kind(x.ty, |k| k.is_integer()) {
                    self.error(e.pos, "cannot use ~ outside of interface or type constraint");
                    return Operand::invalid(Some(e));
                }
                self.error(
                    e.pos,
                    "cannot use ~ outside of interface or type constraint (use ^ for bitwise complement)",
                );
                op = UnaryOp::Xor;
            }
            _ => {}
        }
        let ok = match op {
            UnaryOp::Pos | UnaryOp::Neg => self.all_kind(x.ty, |k| k.is_numeric()),
            UnaryOp::Xor => self.all_kind(x.ty, |k| k.is_integer()),
            UnaryOp::Not => self.all_kind(x.ty, |k| matches!(k, BasicKind::Bool | BasicKind::UntypedBool)),
            _ => false,
        };
        if !ok {
            let s = self.op_string(&x);
            let os = match op {
                UnaryOp::Pos => "+",
                UnaryOp::Neg => "-",
                UnaryOp::Xor => "^",
                _ => "!",
            };
            self.error(x.pos(), format!("invalid operation: operator {os} not defined on {s}"));
            return Operand::invalid(Some(e));
        }
        if x.mode == Mode::Constant {
            let v = x.val.clone().unwrap_or(Value::Unknown);
            if matches!(v, Value::Unknown) {
                x.expr = Some(e);
                return x;
            }
            let bits = match self.ctx.basic_kind(x.ty) {
                Some(k) if k.is_unsigned() => Some((self.ctx.size_of(x.ty) * 8) as u32),
                _ => None,
            };
            x.val = v.unary(op, bits);
            x.expr = Some(e);
            if x.val.is_none() {
                let name = if op == UnaryOp::Xor { "bitwise complement " } else { "" };
                self.error(e.pos, format!("constant {name}overflow"));
                x.val = Some(Value::Unknown);
                return x;
            }
            self.overflow(&mut x, e.pos);
            return x;
        }
        x.mode = Mode::Value;
        x.expr = Some(e);
        x
    }

    /// Whether every type in `t`'s type set has a basic underlying type satisfying `f`
    /// (go/types' `allBoolean`, `allInteger`, ...).
    pub(super) fn all_kind(&self, t: TypeId, f: impl Fn(BasicKind) -> bool + Copy) -> bool {
        if let Type::TypeParam(tp) = self.ctx.ty(t) {
            return match self.ctx.type_terms(tp.constraint) {
                Some(ts) => !ts.is_empty() && ts.iter().all(|x| self.all_kind(x.ty, f)),
                None => false,
            };
        }
        self.ctx.basic_kind(t).is_some_and(|k| k != BasicKind::Invalid && f(k))
    }

    fn all_ordered(&self, t: TypeId) -> bool {
        self.all_kind(t, |k| k.is_integer() || k.is_float() || k.is_string())
    }

    /// Checks that constant `x` is still valid after an operation (go/types' `overflow`; its
    /// limit on string length is checked where strings are joined, see [`MAX_CONST_STRING`]).
    pub(super) fn overflow(&mut self, x: &mut Operand<'a>, op_pos: Pos) {
        if matches!(x.val, Some(Value::Unknown) | None) {
            self.error(op_pos, "constant result is not representable");
            return;
        }
        if !self.ctx.is_untyped(x.ty) {
            let t = x.ty;
            self.check_representable(x, t);
            return;
        }
        // Untyped integers must not grow arbitrarily: 512 bits is the constant precision.
        if x.val.as_ref().is_some_and(|v| v.bit_len() > 512) {
            let name = match x.expr.map(|e| &e.kind) {
                Some(ExprKind::Unary { op: UnaryOp::Xor, .. }) => "bitwise complement ",
                Some(ExprKind::Binary { op, .. }) => match op {
                    BinaryOp::Add => "addition ",
                    BinaryOp::Sub => "subtraction ",
                    BinaryOp::Xor => "bitwise XOR ",
                    BinaryOp::Mul => "multiplication ",
                    BinaryOp::Shl => "shift ",
                    _ => "",
                },
                _ => "",
            };
            self.error(op_pos, format!("constant {name}overflow"));
            x.val = Some(Value::Unknown);
        }
    }

    /// A left-leaning chain of binary operations (`a + b + c + ...`, as in long generated
    /// string tables) is checked iteratively, so its length does not count as nesting.
    fn binary_chain(&mut self, e: &'a Expr) -> Operand<'a> {
        let mut spine: Vec<&'a Expr> = vec![e];
        let mut leaf = e;
        while let ExprKind::Binary { x, .. } = &leaf.kind {
            leaf = x;
            if matches!(leaf.kind, ExprKind::Binary { .. }) {
                spine.push(leaf);
            }
        }
        let mut x = self.expr(leaf, None);
        while let Some(node) = spine.pop() {
            let ExprKind::Binary { op, x: lhs, y: rhs } = &node.kind else { break };
            let y = self.expr(rhs, None);
            let mut r = self.binary_ops(Some(node), x, y, lhs, rhs, *op, node.pos);
            if spine.is_empty() {
                return r;
            }
            if r.mode == Mode::Invalid {
                r.ty = INVALID;
                r.val = None;
            }
            r.expr = Some(node);
            self.record_operand(node, &r);
            x = r;
        }
        x
    }

    /// A binary operation `lhs op rhs` (go/types' `binary`); `e` is `None` for `x op= y`.
    #[allow(dead_code)]
    pub(super) fn binary(
        &mut self,
        e: Option<&'a Expr>,
        lhs: &'a Expr,
        rhs: &'a Expr,
        op: BinaryOp,
        op_pos: Pos,
    ) -> Operand<'a> {
        let x = self.expr(lhs, None);
        let y = self.expr(rhs, None);
        self.binary_ops(e, x, y, lhs, rhs, op, op_pos)
    }

    #[allow(clippy::too_many_arguments)]
    fn binary_ops(
        &mut self,
        e: Option<&'a Expr>,
        mut x: Operand<'a>,
        mut y: Operand<'a>,
        lhs: &'a Expr,
        rhs: &'a Expr,
        op: BinaryOp,
        op_pos: Pos,
    ) -> Operand<'a> {
        if x.mode == Mode::Invalid {
            return x;
        }
        if y.mode == Mode::Invalid {
            return Operand::invalid(e);
        }
        if matches!(op, BinaryOp::Shl | BinaryOp::Shr) {
            self.shift(&mut x, &mut y, e, op, op_pos);
            return x;
        }
        self.match_types(&mut x, &mut y);
        if x.mode == Mode::Invalid {
            return x;
        }
        if op.is_comparison() {
            self.comparison(&mut x, &mut y, op, false);
            x.expr = e.or(x.expr);
            return x;
        }
        if !self.ctx.identical(x.ty, y.ty) {
            if x.ty != INVALID && y.ty != INVALID {
                let (xt, yt) = (self.ty_str(x.ty), self.ty_str(y.ty));
                let msg = match e {
                    Some(e) => format!("invalid operation: {} (mismatched types {xt} and {yt})", self.expr_string(e)),
                    None => format!(
                        "invalid operation: {} {}= {} (mismatched types {xt} and {yt})",
                        self.expr_string(lhs),
                        op.as_str(),
                        self.expr_string(rhs)
                    ),
                };
                self.error(x.pos(), msg);
            }
            return Operand::invalid(e);
        }
        let ok = match op {
            BinaryOp::Add => self.all_kind(x.ty, |k| k.is_numeric() || k.is_string()),
            BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Quo => self.all_kind(x.ty, |k| k.is_numeric()),
            BinaryOp::Rem | BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::AndNot => {
                self.all_kind(x.ty, |k| k.is_integer())
            }
            BinaryOp::LAnd | BinaryOp::LOr => {
                self.all_kind(x.ty, |k| matches!(k, BasicKind::Bool | BasicKind::UntypedBool))
            }
            _ => false,
        };
        if !ok {
            let s = self.op_string(&x);
            self.error(x.pos(), format!("invalid operation: operator {} not defined on {s}", op.as_str()));
            return Operand::invalid(e);
        }
        if matches!(op, BinaryOp::Quo | BinaryOp::Rem) {
            let zero = match &y.val {
                Some(v @ (Value::Int(_) | Value::Float(_) | Value::Complex(..))) => v.sign() == 0,
                _ => false,
            };
            if (x.mode == Mode::Constant || self.all_kind(x.ty, |k| k.is_integer())) && y.mode == Mode::Constant && zero
            {
                self.error(y.pos(), "invalid operation: division by zero");
                return Operand::invalid(e);
            }
        }
        if x.mode == Mode::Constant && y.mode == Mode::Constant {
            let (xv, yv) = (x.val.clone().unwrap_or(Value::Unknown), y.val.clone().unwrap_or(Value::Unknown));
            x.expr = e.or(x.expr);
            if matches!(xv, Value::Unknown) || matches!(yv, Value::Unknown) {
                x.val = Some(Value::Unknown);
                return x;
            }
            // String constants must not grow arbitrarily (gc's limit is its largest symbol):
            // the length is checked before the bytes are joined.
            if let (Value::String(a), Value::String(b), BinaryOp::Add) = (&xv, &yv, op) {
                let len = a.len() as u64 + b.len() as u64;
                if len > MAX_CONST_STRING {
                    self.error(op_pos, format!("constant string too long ({len} bytes > {MAX_CONST_STRING} bytes)"));
                    x.val = Some(Value::Unknown);
                    return x;
                }
            }
            let int_div = op == BinaryOp::Quo && self.all_kind(x.ty, |k| k.is_integer());
            match xv.binary(op, &yv, int_div) {
                Some(v) => {
                    x.val = Some(v);
                    self.overflow(&mut x, op_pos);
                }
                None => {
                    let name = match op {
                        BinaryOp::Add => "addition ",
                        BinaryOp::Sub => "subtraction ",
                        BinaryOp::Mul => "multiplication ",
                        BinaryOp::Xor => "bitwise XOR ",
                        _ => "",
                    };
                    self.error(op_pos, format!("constant {name}overflow"));
                    x.val = Some(Value::Unknown);
                }
            }
            return x;
        }
        x.mode = Mode::Value;
        x.val = None;
        x.expr = e.or(x.expr);
        x
    }

    /// Converts untyped operands of a binary operation to each other's types where that may
    /// work (go/types' `matchTypes`).
    pub(super) fn match_types(&mut self, x: &mut Operand<'a>, y: &mut Operand<'a>) {
        let may_convert = {
            let (xt, yt) = (x.ty, y.ty);
            let num = |t: TypeId| self.all_kind(t, |k| k.is_numeric());
            let boolean = |t: TypeId| self.all_kind(t, |k| matches!(k, BasicKind::Bool | BasicKind::UntypedBool));
            let string = |t: TypeId| self.all_kind(t, |k| k.is_string());
            let iface = |t: TypeId| self.ctx.is_interface(t) && !self.ctx.is_type_param(t);
            let is_nil = |t: TypeId| self.ctx.basic_kind(t) == Some(BasicKind::UntypedNil) && self.ctx.is_untyped(t);
            let is_ptr = |t: TypeId| matches!(self.ctx.ty(self.ctx.underlying(t)), Type::Pointer(_));
            if !self.ctx.is_untyped(xt) && !self.ctx.is_untyped(yt) {
                false
            } else if num(xt) != num(yt) {
                false
            } else if iface(xt) || iface(yt) {
                true
            } else if boolean(xt) != boolean(yt) || string(xt) != string(yt) {
                false
            } else if is_nil(xt) {
                self.has_nil(yt)
            } else if is_nil(yt) {
                self.has_nil(xt)
            } else {
                !(is_ptr(xt) || is_ptr(yt))
            }
        };
        if may_convert {
            let yt = y.ty;
            self.convert_untyped(x, yt);
            if x.mode == Mode::Invalid {
                return;
            }
            let xt = x.ty;
            self.convert_untyped(y, xt);
            if y.mode == Mode::Invalid {
                x.mode = Mode::Invalid;
            }
        }
    }

    /// `x op y` for comparison operators, or a switch case (`switch_case`) comparing case `x`
    /// with tag `y` (go/types' `comparison`). The result is an untyped bool.
    pub(super) fn comparison(&mut self, x: &mut Operand<'a>, y: &mut Operand<'a>, op: BinaryOp, switch_case: bool) {
        if x.ty == INVALID || y.ty == INVALID {
            x.mode = Mode::Invalid;
            return;
        }
        let op = if switch_case { BinaryOp::Eql } else { op };
        let is_nil = |c: &Self, t: TypeId| c.ctx.basic_kind(t) == Some(BasicKind::UntypedNil) && c.ctx.is_untyped(t);
        let mut err_on_y = false;
        let mut cause = String::new();
        let mut bad = false;
        if self.assignable_to(x, y.ty).is_some() && self.assignable_to(y, x.ty).is_some() {
            err_on_y = true;
            cause = format!("mismatched types {} and {}", self.ty_str(x.ty), self.ty_str(y.ty));
            bad = true;
        } else if matches!(op, BinaryOp::Eql | BinaryOp::Neq) {
            if is_nil(self, x.ty) || is_nil(self, y.ty) {
                let t = if is_nil(self, x.ty) { y.ty } else { x.ty };
                if !self.has_nil(t) {
                    err_on_y = true;
                    bad = true;
                }
            } else if !self.ctx.comparable(x.ty) {
                cause = self.incomparable_cause(x.ty);
                bad = true;
            } else if !self.ctx.comparable(y.ty) {
                err_on_y = true;
                cause = self.incomparable_cause(y.ty);
                bad = true;
            }
        } else if !self.all_ordered(x.ty) {
            bad = true;
        } else if !self.all_ordered(y.ty) {
            err_on_y = true;
            bad = true;
        }
        if bad {
            let (xt, yt) = (x.ty, y.ty);
            if cause.is_empty() {
                if self.ctx.is_type_param(xt) || self.ctx.is_type_param(yt) {
                    if !self.ctx.is_type_param(xt) {
                        err_on_y = true;
                    }
                    let t = if err_on_y { yt } else { xt };
                    cause = format!("type parameter {} cannot use operator {}", self.ty_str(t), op.as_str());
                } else {
                    let t = if err_on_y { yt } else { xt };
                    let what = match self.composite_kind(t) {
                        "" => self.ty_str(t),
                        k => k.to_string(),
                    };
                    cause = format!("operator {} not defined on {what}", op.as_str());
                }
            }
            let xs = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
            let ys = y.expr.map(|e| self.expr_string(e)).unwrap_or_default();
            if switch_case {
                self.error(x.pos(), format!("invalid case {xs} in switch on {ys} ({cause})"));
            } else {
                let p = if err_on_y { y.pos() } else { x.pos() };
                self.error(p, format!("invalid operation: {xs} {} {ys} ({cause})", op.as_str()));
            }
            x.mode = Mode::Invalid;
            return;
        }
        if x.mode == Mode::Constant && y.mode == Mode::Constant {
            let r = match (&x.val, &y.val) {
                (Some(a), Some(b)) if !matches!(a, Value::Unknown) && !matches!(b, Value::Unknown) => {
                    a.compare(op, b).map(Value::Bool).unwrap_or(Value::Unknown)
                }
                _ => Value::Unknown,
            };
            x.val = Some(r);
        } else {
            x.mode = Mode::Value;
            x.val = None;
            let (xd, yd) = (self.ctx.default_type(x.ty), self.ctx.default_type(y.ty));
            if let Some(xe) = x.expr {
                self.update_expr_type(xe, xd, None);
            }
            if let Some(ye) = y.expr {
                self.update_expr_type(ye, yd, None);
            }
        }
        x.ty = self.ctx.basic(BasicKind::UntypedBool);
    }

    fn incomparable_cause(&mut self, t: TypeId) -> String {
        let u = self.ctx.underlying(t);
        match self.ctx.ty(u) {
            Type::Slice(_) | Type::Signature(_) | Type::Map(..) => {
                format!("{} can only be compared to nil", self.composite_kind(t))
            }
            Type::Struct(fs) => {
                for f in fs.clone() {
                    if !self.ctx.comparable(f.ty) {
                        return format!("struct containing {} cannot be compared", self.ty_str(f.ty));
                    }
                }
                String::new()
            }
            Type::Array(_, e) => {
                let e = *e;
                format!("{} cannot be compared", self.ty_str(e))
            }
            _ => String::new(),
        }
    }

    /// `array`, `slice`, `struct`, ... for composite types; empty for basic ones.
    pub(super) fn composite_kind(&self, t: TypeId) -> &'static str {
        match self.ctx.ty(self.ctx.underlying(t)) {
            Type::Basic(_) => "",
            Type::Array(..) => "array",
            Type::Slice(_) => "slice",
            Type::Struct(_) => "struct",
            Type::Pointer(_) => "pointer",
            Type::Signature(_) => "func",
            Type::Interface(_) => "interface",
            Type::Map(..) => "map",
            Type::Chan(..) => "chan",
            Type::Tuple(_, _) => "tuple",
            _ => "",
        }
    }

    /// `x << y` / `x >> y` (go/types' `shift`).
    fn shift(&mut self, x: &mut Operand<'a>, y: &mut Operand<'a>, e: Option<&'a Expr>, op: BinaryOp, op_pos: Pos) {
        let xval = if x.mode == Mode::Constant { x.val.as_ref().and_then(|v| v.as_bigint()) } else { None };
        let x_unknown = matches!(x.val, Some(Value::Unknown));
        let lhs_ok =
            self.all_kind(x.ty, |k| k.is_integer()) || (self.ctx.is_untyped(x.ty) && (xval.is_some() || x_unknown));
        if !lhs_ok {
            let s = self.op_string(x);
            self.error(x.pos(), format!("invalid operation: shifted operand {s} must be integer"));
            x.mode = Mode::Invalid;
            return;
        }
        let mut yval: Option<i128> = None;
        if y.mode == Mode::Constant {
            yval = y.val.as_ref().and_then(|v| v.as_i128());
            if yval.is_some_and(|v| v < 0) {
                let s = self.op_string(y);
                self.error(y.pos(), format!("invalid operation: negative shift count {s}"));
                x.mode = Mode::Invalid;
                return;
            }
            if self.ctx.is_untyped(y.ty) {
                let uint = self.ctx.basic(BasicKind::Uint);
                if !self.check_representable(y, uint) {
                    x.mode = Mode::Invalid;
                    return;
                }
            }
        } else if self.all_kind(y.ty, |k| k.is_integer()) {
        } else if self.ctx.is_untyped(y.ty) {
            let uint = self.ctx.basic(BasicKind::Uint);
            self.convert_untyped(y, uint);
            if y.mode == Mode::Invalid {
                x.mode = Mode::Invalid;
                return;
            }
        } else {
            let s = self.op_string(y);
            self.error(y.pos(), format!("invalid operation: shift count {s} must be integer"));
            x.mode = Mode::Invalid;
            return;
        }
        if x.mode == Mode::Constant {
            if y.mode == Mode::Constant {
                let is_int = self.ctx.basic_kind(x.ty).is_some_and(|k| k.is_integer());
                if x_unknown || matches!(y.val, Some(Value::Unknown)) {
                    x.val = Some(Value::Unknown);
                    if !is_int {
                        x.ty = self.ctx.basic(BasicKind::UntypedInt);
                    }
                    x.expr = e.or(x.expr);
                    return;
                }
                let s = match yval {
                    Some(s) if (0..=1023 - 1 + 52).contains(&s) => s as u64,
                    _ => {
                        let ys = self.op_string(y);
                        self.error(y.pos(), format!("invalid operation: invalid shift count {ys}"));
                        x.mode = Mode::Invalid;
                        return;
                    }
                };
                if !is_int {
                    x.ty = self.ctx.basic(BasicKind::UntypedInt);
                }
                x.expr = e.or(x.expr);
                let xv = Value::Int(xval.unwrap_or_default());
                x.val = xv.shift(op == BinaryOp::Shl, s);
                self.overflow(x, op_pos);
                return;
            }
            if self.ctx.is_untyped(x.ty) {
                // The lhs keeps its untyped type until the context decides it.
                x.mode = Mode::Value;
                x.val = None;
                x.expr = e.or(x.expr);
                return;
            }
        }
        if !self.all_kind(x.ty, |k| k.is_integer()) {
            let s = self.op_string(x);
            self.error(x.pos(), format!("invalid operation: shifted operand {s} must be integer"));
            x.mode = Mode::Invalid;
            return;
        }
        x.mode = Mode::Value;
        x.val = None;
        x.expr = e.or(x.expr);
    }

    /// `x.(T)` (go/types' type assertion case of `exprInternal`).
    fn type_assert(&mut self, e: &'a Expr, xe: &'a Expr, te: Option<&'a Expr>) -> Operand<'a> {
        let x = self.expr(xe, None);
        let Some(te) = te else {
            self.error(e.pos, "invalid syntax tree: use of .(type) outside type switch");
            return Operand::invalid(Some(e));
        };
        if x.mode == Mode::Invalid {
            self.typ(te);
            return Operand::invalid(Some(e));
        }
        if self.ctx.is_type_param(x.ty) {
            let s = self.op_string(&x);
            self.error(x.pos(), format!("invalid operation: cannot use type assertion on type parameter value {s}"));
            self.typ(te);
            return Operand::invalid(Some(e));
        }
        if !self.ctx.is_interface(x.ty) {
            let s = self.op_string(&x);
            self.error(x.pos(), format!("invalid operation: {s} is not an interface"));
            self.typ(te);
            return Operand::invalid(Some(e));
        }
        let t = self.typ(te);
        if t == INVALID {
            return Operand::invalid(Some(e));
        }
        self.type_assertion(e, &x, t, false);
        Operand::new(Mode::CommaOk, t, Some(e))
    }

    /// Reports an impossible assertion of interface operand `x` to `t` (go/types'
    /// `typeAssertion`); `type_switch` selects the type-switch wording.
    pub(super) fn type_assertion(&mut self, e: &'a Expr, x: &Operand<'a>, t: TypeId, type_switch: bool) {
        if self.ctx.is_interface(t) && !self.ctx.is_type_param(t) {
            return;
        }
        self.ensure_methods(t);
        self.ensure_methods(x.ty);
        let Some(m) = self.ctx.missing_method(t, x.ty) else { return };
        let cause = self.missing_method_cause(t, x.ty, &m);
        if type_switch {
            let ts = self.ty_str(t);
            let s = self.expr_string(e);
            self.error(
                e.pos,
                format!(
                    "impossible type switch case: {s} (type {}) cannot have dynamic type {ts} ({})",
                    self.ty_str(x.ty),
                    cause.split_once(" (").map(|(_, r)| r.trim_end_matches(')')).unwrap_or(&cause)
                ),
            );
        } else {
            let s = self.expr_string(e);
            self.error(start_pos(e), format!("impossible type assertion: {s}\n\t{cause}"));
        }
    }
}

/// Whether `s` is a Go identifier (types2's `isValidName`).
pub(super) fn is_valid_name(s: &str) -> bool {
    s.char_indices().all(|(i, c)| c.is_alphabetic() || c == '_' || (i > 0 && c.is_numeric()))
}
