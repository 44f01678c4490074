//! Operands, untyped conversion, representability and assignment (go/types' `operand.go`,
//! `const.go`, `assignments.go`'s `assignment`, `expr.go`'s `implicitTypeAndValue`).

use syntax::ast::{Expr, ExprKind, UnaryOp};

use super::Checker;
use crate::constant::Value;
use crate::ty::{BasicKind, Type, TypeId};
use crate::universe::INVALID;
use crate::{Builtin, Mode};

/// The result of checking an expression (go/types' `operand`).
#[derive(Clone, Debug)]
pub(crate) struct Operand<'a> {
    pub mode: Mode,
    pub ty: TypeId,
    pub val: Option<Value>,
    pub expr: Option<&'a Expr>,
    pub builtin: Option<Builtin>,
}

impl<'a> Operand<'a> {
    pub fn invalid(e: Option<&'a Expr>) -> Self {
        Operand { mode: Mode::Invalid, ty: INVALID, val: None, expr: e, builtin: None }
    }
    pub fn new(mode: Mode, ty: TypeId, e: Option<&'a Expr>) -> Self {
        Operand { mode, ty, val: None, expr: e, builtin: None }
    }
    /// Where types2 reports errors about this operand: the start of its expression.
    pub fn pos(&self) -> syntax::Pos {
        self.expr.map(start_pos).unwrap_or_default()
    }
}

/// Why an untyped constant cannot take on a type (go/types' error codes for it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ConvCode {
    Truncated,
    Overflow,
    Invalid,
}

/// The start position of an expression (syntax's `StartPos`): types2 reports errors about an
/// operand there, not at the expression's own position.
pub(crate) fn start_pos(e: &Expr) -> syntax::Pos {
    let mut e = e;
    for _ in 0..10_000 {
        match &e.kind {
            ExprKind::CompositeLit { ty: Some(t), .. } => e = t,
            ExprKind::Selector { x, .. } | ExprKind::Index { x, .. } | ExprKind::TypeAssert { x, .. } => e = x,
            ExprKind::Binary { x, .. } => e = x,
            ExprKind::Call { fun, .. } => e = fun,
            _ => return e.pos,
        }
    }
    e.pos
}

impl<'a> Checker<'a> {
    /// `x (variable of type int)` and friends, as go/types' `operand.String`.
    pub(super) fn op_string(&self, x: &Operand<'a>) -> String {
        let es = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
        let ty = self.ty_str(x.ty);
        if self.ctx.basic_kind(x.ty) == Some(BasicKind::UntypedNil) && self.ctx.is_untyped(x.ty) {
            return "nil".into();
        }
        let mode = match x.mode {
            Mode::Invalid => "invalid operand",
            Mode::NoValue => "no value",
            Mode::Builtin => "built-in",
            Mode::TypeExpr => "type",
            Mode::Constant => "constant",
            Mode::Variable => "variable",
            Mode::MapIndex => "map index expression",
            Mode::Value => "value",
            Mode::CommaOk => "comma, ok expression",
        };
        let mut s = String::new();
        if !es.is_empty() {
            s.push_str(&es);
            s.push_str(" (");
        }
        let untyped = self.ctx.is_untyped(x.ty);
        match x.mode {
            Mode::Constant => {
                if untyped {
                    s.push_str(&format!("{ty} constant"));
                    let vs = x.val.as_ref().map(|v| v.display()).unwrap_or_default();
                    if vs != es && !es.is_empty() {
                        s.push_str(&format!(" {vs}"));
                    }
                } else {
                    s.push_str("constant");
                    let vs = x.val.as_ref().map(|v| v.display()).unwrap_or_default();
                    if vs != es {
                        s.push_str(&format!(" {vs}"));
                    }
                    s.push_str(&self.of_type(x.ty, &ty));
                }
            }
            Mode::NoValue | Mode::Builtin | Mode::TypeExpr | Mode::Invalid => s.push_str(mode),
            _ => {
                if untyped {
                    s.push_str(&format!("{ty} {mode}"));
                } else {
                    s.push_str(mode);
                    s.push_str(&self.of_type(x.ty, &ty));
                }
            }
        }
        if !es.is_empty() {
            s.push(')');
        }
        s
    }

    /// The ` of type T` part of an operand's description (types2's `operandString`): a defined
    /// type or alias is described by its structure (`of struct type S`, `of int type MyInt`,
    /// `of interface type any`), an uninstantiated generic type as `generic`, and a type
    /// parameter by its constraint (`of type T constrained by any`).
    fn of_type(&self, t: TypeId, ty: &str) -> String {
        if self.ctx.basic_kind(t) == Some(BasicKind::Invalid) {
            return " with invalid type".into();
        }
        let raw = self.ctx.types.get(t.0 as usize);
        let named = match raw {
            Some(Type::Named(n)) => Some(n),
            _ => None,
        };
        let mut desc = String::new();
        if named.is_some_and(|n| !n.type_params.is_empty() && n.type_args.is_empty()) {
            desc.push_str("generic ");
        }
        if let Type::TypeParam(p) = self.ctx.ty(t) {
            let bound = self.ty_str(p.constraint);
            return format!(" of {desc}type {ty} constrained by {bound}");
        }
        let nominal = named.is_some() || matches!(raw, Some(Type::Alias { .. })) || t == self.ctx.any_type;
        if nominal {
            let what = self.composite_kind(t);
            if what.is_empty() {
                desc.push_str(&self.ty_str(self.ctx.underlying(t)));
            } else {
                desc.push_str(what);
            }
            desc.push(' ');
        }
        format!(" of {desc}type {ty}")
    }

    /// Whether constant `v` is representable as basic type `k`; returns the value rounded or
    /// converted to that type.
    pub(super) fn representable(&self, v: &Value, k: BasicKind) -> Option<Value> {
        use BasicKind::*;
        if matches!(v, Value::Unknown) {
            return Some(Value::Unknown);
        }
        match k {
            Bool | UntypedBool => matches!(v, Value::Bool(_)).then(|| v.clone()),
            String | UntypedString => matches!(v, Value::String(_)).then(|| v.clone()),
            Int | Int8 | Int16 | Int32 | Int64 | Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr | UntypedInt
            | UntypedRune => {
                let Value::Int(i) = v.to_int() else { return None };
                let bits: Option<(bool, u64)> = match k {
                    Int8 => Some((true, 8)),
                    Int16 => Some((true, 16)),
                    Int32 => Some((true, 32)),
                    Int | Int64 => Some((true, 64)),
                    Uint8 => Some((false, 8)),
                    Uint16 => Some((false, 16)),
                    Uint32 => Some((false, 32)),
                    Uint | Uint64 | Uintptr => Some((false, 64)),
                    _ => None,
                };
                let fits = match bits {
                    None => true,
                    // Signed n bits: -2^(n-1) <= i < 2^(n-1), i.e. the bits of i or of -i-1.
                    Some((true, n)) => {
                        (if i.sign() == num_bigint::Sign::Minus { (-&i - 1u32).bits() } else { i.bits() }) < n
                    }
                    Some((false, n)) => i.sign() != num_bigint::Sign::Minus && i.bits() <= n,
                };
                fits.then_some(Value::Int(i))
            }
            Float32 | Float64 | UntypedFloat => {
                let f = v.to_float();
                if !matches!(f, Value::Float(_)) {
                    return None;
                }
                match k {
                    Float32 => f.round_f32(),
                    Float64 => f.round_f64(),
                    _ => Some(v.clone()),
                }
            }
            Complex64 | Complex128 | UntypedComplex => {
                let Value::Complex(re, im) = v.to_complex() else { return None };
                let round = |x: crate::constant::Float| match k {
                    Complex64 => Value::Float(x).round_f32(),
                    _ => Value::Float(x).round_f64(),
                };
                match k {
                    UntypedComplex => Some(v.clone()),
                    _ => match (round(re), round(im)) {
                        (Some(Value::Float(r)), Some(Value::Float(i))) => Some(Value::Complex(r, i)),
                        _ => None,
                    },
                }
            }
            UnsafePointer | Invalid | UntypedNil => None,
        }
    }

    /// Checks that constant `x` is representable as `t` (a basic type) and converts its
    /// value; reports an overflow, truncation or invalid conversion otherwise (go/types'
    /// `representable`).
    pub(super) fn check_representable(&mut self, x: &mut Operand<'a>, t: TypeId) -> bool {
        let Some(k) = self.ctx.basic_kind(t) else { return true };
        match self.representation(x, k) {
            Ok(v) => {
                x.val = Some(v);
                true
            }
            Err(code) => {
                self.invalid_conversion(code, x, t);
                x.mode = Mode::Invalid;
                false
            }
        }
    }

    /// The value of constant `x` as basic kind `k`, or why it cannot be (go/types'
    /// `representation`).
    pub(super) fn representation(&self, x: &Operand<'a>, k: BasicKind) -> Result<Value, ConvCode> {
        let Some(v) = &x.val else { return Ok(Value::Unknown) };
        match self.representable(v, k) {
            Some(nv) => Ok(nv),
            None => {
                let xk = self.ctx.basic_kind(x.ty).unwrap_or(BasicKind::Invalid);
                if xk.is_numeric() && k.is_numeric() {
                    if !xk.is_integer() && k.is_integer() {
                        Err(ConvCode::Truncated)
                    } else {
                        Err(ConvCode::Overflow)
                    }
                } else {
                    Err(ConvCode::Invalid)
                }
            }
        }
    }

    /// Reports a failed implicit conversion as types2's `invalidConversion` does.
    pub(super) fn invalid_conversion(&mut self, code: ConvCode, x: &Operand<'a>, target: TypeId) {
        let xs = self.op_string(x);
        let ts = self.ty_str(target);
        let msg = match code {
            ConvCode::Truncated => format!("{xs} truncated to {ts}"),
            ConvCode::Overflow => format!("{xs} overflows {ts}"),
            ConvCode::Invalid => format!("cannot convert {xs} to type {ts}"),
        };
        let p = x.pos();
        self.error(p, msg);
    }

    /// Converts an untyped operand to `target` (go/types' `convertUntyped`), updating the
    /// recorded types of the expression tree.
    pub(super) fn convert_untyped(&mut self, x: &mut Operand<'a>, target: TypeId) {
        if x.mode == Mode::Invalid || !self.ctx.is_untyped(x.ty) || target == INVALID {
            return;
        }
        match self.implicit_type(x, target) {
            Ok((t, v)) => self.set_untyped_result(x, t, v),
            Err(code) => {
                let t = if self.ctx.is_type_param(target) { target } else { self.ctx.underlying(target) };
                self.invalid_conversion(code, x, t);
                x.mode = Mode::Invalid;
            }
        }
    }

    fn set_untyped_result(&mut self, x: &mut Operand<'a>, t: TypeId, v: Option<Value>) {
        if let Some(v) = v {
            x.val = Some(v);
        }
        if t != x.ty {
            x.ty = t;
            if let Some(e) = x.expr {
                let v = x.val.clone();
                self.update_expr_type(e, t, v);
            }
        }
    }

    /// The type (and converted constant value) an untyped operand takes on in a context of
    /// type `target` (go/types' `implicitTypeAndValue`). Untyped nil stays untyped nil.
    pub(super) fn implicit_type(
        &mut self,
        x: &Operand<'a>,
        target: TypeId,
    ) -> Result<(TypeId, Option<Value>), ConvCode> {
        if x.mode == Mode::Invalid || !self.ctx.is_untyped(x.ty) || target == INVALID {
            return Ok((x.ty, None));
        }
        let xk = self.ctx.basic_kind(x.ty).unwrap_or(BasicKind::Invalid);
        if self.ctx.is_untyped(target) {
            // Both untyped: the larger numeric kind wins.
            let tk = self.ctx.basic_kind(target).unwrap_or(BasicKind::Invalid);
            if xk.is_numeric() && tk.is_numeric() {
                let rank = |k: BasicKind| match k {
                    BasicKind::UntypedInt => 0,
                    BasicKind::UntypedRune => 1,
                    BasicKind::UntypedFloat => 2,
                    _ => 3,
                };
                return Ok((if rank(xk) >= rank(tk) { x.ty } else { target }, None));
            }
            if xk != tk {
                return Err(ConvCode::Invalid);
            }
            return Ok((x.ty, None));
        }
        if xk == BasicKind::UntypedNil {
            return if self.has_nil(target) { Ok((x.ty, None)) } else { Err(ConvCode::Invalid) };
        }
        if let Type::TypeParam(tp) = self.ctx.ty(target).clone() {
            // Every type in the type set must accept x.
            let Some(terms) = self.ctx.type_terms(tp.constraint) else { return Err(ConvCode::Invalid) };
            if terms.is_empty() {
                return Err(ConvCode::Invalid);
            }
            for term in &terms {
                let u = self.ctx.underlying(term.ty);
                self.implicit_type(x, u).map_err(|_| ConvCode::Invalid)?;
            }
            return Ok((target, None));
        }
        let u = self.ctx.underlying(target);
        match self.ctx.ty(u).clone() {
            Type::Basic(tk) => {
                if x.mode == Mode::Constant {
                    let v = self.representation(x, tk)?;
                    return Ok((target, Some(v)));
                }
                let ok = match xk {
                    BasicKind::UntypedBool => tk == BasicKind::Bool,
                    BasicKind::UntypedInt
                    | BasicKind::UntypedRune
                    | BasicKind::UntypedFloat
                    | BasicKind::UntypedComplex => tk.is_numeric(),
                    BasicKind::UntypedString => tk == BasicKind::String,
                    _ => false,
                };
                if ok {
                    Ok((target, None))
                } else {
                    Err(ConvCode::Invalid)
                }
            }
            Type::Interface(_) => {
                // Values in interfaces have concrete dynamic types: their default type.
                if !self.ctx.is_method_set_only(u) || !self.ctx.interface_methods(u).is_empty() {
                    return Err(ConvCode::Invalid);
                }
                Ok((self.ctx.default_type(x.ty), None))
            }
            _ => Err(ConvCode::Invalid),
        }
    }

    /// Whether `t` has a nil value (go/types' `hasNil`).
    pub(super) fn has_nil(&self, t: TypeId) -> bool {
        if let Type::TypeParam(tp) = self.ctx.ty(t) {
            return match self.ctx.type_terms(tp.constraint) {
                Some(ts) => !ts.is_empty() && ts.iter().all(|x| self.has_nil(x.ty)),
                None => false,
            };
        }
        let u = self.ctx.underlying(t);
        match self.ctx.ty(u) {
            Type::Basic(k) => *k == BasicKind::UnsafePointer,
            Type::Interface(_)
            | Type::Pointer(_)
            | Type::Signature(_)
            | Type::Slice(_)
            | Type::Map(..)
            | Type::Chan(..) => true,
            _ => false,
        }
    }

    /// Rewrites the recorded type of untyped expression `e` (and its untyped operands) to `t`
    /// (go/types' `updateExprType`). Operands of constant expressions keep their untyped
    /// types (they are never materialized); untyped nil stays untyped nil.
    pub(super) fn update_expr_type(&mut self, e: &Expr, t: TypeId, val: Option<Value>) {
        self.update_rec(e, t, val, 0);
    }

    fn update_rec(&mut self, e: &Expr, t: TypeId, val: Option<Value>, depth: u32) {
        if depth > 400 {
            return;
        }
        let Some(old) = self.fi().types.get(&e.id).cloned() else { return };
        if !self.ctx.is_untyped(old.ty) {
            return;
        }
        let is_const = old.value.is_some();
        match &e.kind {
            // Only the converted expression itself takes the converted value (go/types'
            // `updateExprVal`); what it is made of keeps its exact untyped value.
            ExprKind::Paren(x) => self.update_rec(x, t, None, depth + 1),
            ExprKind::Unary { op: UnaryOp::Pos | UnaryOp::Neg | UnaryOp::Xor | UnaryOp::Not, x } if !is_const => {
                self.update_rec(x, t, None, depth + 1)
            }
            ExprKind::Binary { op, x, y } if !is_const => {
                if op.is_comparison() {
                    // The operands keep their own types.
                } else if matches!(op, syntax::ast::BinaryOp::Shl | syntax::ast::BinaryOp::Shr) {
                    self.update_rec(x, t, None, depth + 1);
                } else {
                    self.update_rec(x, t, None, depth + 1);
                    self.update_rec(y, t, None, depth + 1);
                }
            }
            _ => {}
        }
        let mut value = old.value.clone();
        if value.is_some() {
            if let Some(v) = val {
                value = Some(v);
            } else if let (Some(v), Some(k)) = (&value, self.ctx.basic_kind(t)) {
                // Integers as integers (`1e9` as a Duration is 1000000000); floats stay exact.
                if !self.ctx.is_untyped(t) && k.is_integer() {
                    if let Some(nv) = self.representable(v, k) {
                        value = Some(nv);
                    }
                }
            }
        }
        let nt = if self.ctx.basic_kind(old.ty) == Some(BasicKind::UntypedNil) {
            old.ty
        } else if self.ctx.is_interface(t) && !self.ctx.is_type_param(t) {
            self.ctx.default_type(old.ty)
        } else {
            t
        };
        self.fi().types.insert(
            e.id,
            crate::TypeAndValue { mode: old.mode, ty: nt, value, comma_ok: old.comma_ok, alias_ty: None },
        );
    }

    /// Checks that `x` can be assigned to a variable of type `t` (`None`: a variable declared
    /// without type, or the blank identifier, so untyped values take their default type);
    /// go/types' `assignment`. `context` names the assignment in messages
    /// (`assignment`, `argument`, `return statement`, `variable declaration`, ...).
    pub(super) fn assignment(&mut self, x: &mut Operand<'a>, t: Option<TypeId>, context: &str) {
        self.single_value(x);
        match x.mode {
            Mode::Invalid => return,
            Mode::Constant | Mode::Variable | Mode::MapIndex | Mode::Value | Mode::CommaOk => {}
            _ => {
                let s = self.op_string(x);
                let ts = t.map(|t| self.ty_str(t)).unwrap_or_else(|| "_".into());
                let p = x.pos();
                self.error(p, format!("cannot assign {s} to {ts} in {context}"));
                x.mode = Mode::Invalid;
                return;
            }
        }
        if self.ctx.is_untyped(x.ty) {
            let is_nil = self.ctx.basic_kind(x.ty) == Some(BasicKind::UntypedNil);
            let target = match t {
                None if is_nil => {
                    let p = x.pos();
                    self.error(p, format!("use of untyped nil in {context}"));
                    x.mode = Mode::Invalid;
                    return;
                }
                None => self.ctx.default_type(x.ty),
                Some(t) if !is_nil && self.ctx.is_interface(t) && !self.ctx.is_type_param(t) => {
                    self.ctx.default_type(x.ty)
                }
                Some(t) => t,
            };
            match self.implicit_type(x, target) {
                Ok((nt, v)) => self.set_untyped_result(x, nt, v),
                Err(code) => {
                    let xs = self.op_string(x);
                    let ts = self.ty_str(target);
                    let mut msg = format!("cannot use {xs} as {ts} value in {context}");
                    match code {
                        ConvCode::Truncated => msg.push_str(" (truncated)"),
                        ConvCode::Overflow => msg.push_str(" (overflows)"),
                        ConvCode::Invalid => {}
                    }
                    let p = x.pos();
                    self.error(p, msg);
                    x.mode = Mode::Invalid;
                    return;
                }
            }
        }
        if let Type::Signature(s) = self.ctx.ty(self.ctx.underlying(x.ty)) {
            if !s.type_params.is_empty() {
                let es = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
                let p = x.pos();
                self.error(p, format!("cannot use generic function {es} without instantiation in {context}"));
                x.mode = Mode::Invalid;
                return;
            }
        }
        let Some(t) = t else { return };
        if t == INVALID || x.ty == INVALID {
            return;
        }
        if let Some(msg) = self.assignable_to(x, t) {
            let xs = self.op_string(x);
            let ts = self.ty_str(t);
            let msg = if msg.is_empty() {
                format!("cannot use {xs} as {ts} value in {context}")
            } else {
                format!("cannot use {xs} as {ts} value in {context}: {msg}")
            };
            let p = x.pos();
            self.error(p, msg);
            x.mode = Mode::Invalid;
        }
    }

    /// Whether `x` is assignable to `t`: `None` if so, else the cause (possibly empty) for
    /// the message (go/types' `operand.assignableTo`).
    pub(super) fn assignable_to(&mut self, x: &Operand<'a>, t: TypeId) -> Option<String> {
        if x.mode == Mode::Invalid || t == INVALID || x.ty == INVALID {
            return None;
        }
        self.ensure_methods(x.ty);
        self.ensure_methods(t);
        if self.ctx.is_untyped(x.ty) {
            let mut y = x.clone();
            return match self.implicit_type(&mut y, t) {
                Ok(_) => None,
                Err(_) => Some(String::new()),
            };
        }
        if self.ctx.assignable(x.ty, t) {
            return None;
        }
        let (vp, tp) = (self.ctx.is_type_param(x.ty), self.ctx.is_type_param(t));
        if self.ctx.is_interface(t) && !tp {
            if let Some(m) = self.ctx.missing_method(x.ty, t) {
                if !vp {
                    return Some(self.missing_method_cause(x.ty, t, &m));
                }
            }
        }
        // Type parameters: every specific type of the type set must be assignable.
        let terms = |c: &Self, ty: TypeId| -> Option<Vec<TypeId>> {
            match c.ctx.ty(ty) {
                Type::TypeParam(p) => c.ctx.type_terms(p.constraint).map(|ts| ts.into_iter().map(|t| t.ty).collect()),
                _ => None,
            }
        };
        if tp && !self.ctx.has_name(x.ty) {
            let Some(ts) = terms(self, t) else { return Some(String::new()) };
            if ts.is_empty() {
                return Some(String::new());
            }
            for tt in ts {
                if self.assignable_to(x, tt).is_some() {
                    let (a, b, c) = (self.ty_str(x.ty), self.ty_str(tt), self.ty_str(t));
                    return Some(format!("cannot assign {a} to {b} (in {c})"));
                }
            }
            return None;
        }
        if vp && !self.ctx.has_name(t) {
            let Some(vs) = terms(self, x.ty) else { return Some(String::new()) };
            if vs.is_empty() {
                return Some(String::new());
            }
            for v in vs {
                let mut y = x.clone();
                y.ty = v;
                if self.assignable_to(&y, t).is_some() {
                    let (a, b, c) = (self.ty_str(v), self.ty_str(x.ty), self.ty_str(t));
                    return Some(format!("cannot assign {a} (in {b}) to {c}"));
                }
            }
            return None;
        }
        Some(String::new())
    }

    /// `T does not implement I (missing method m)` and its variants.
    pub(super) fn missing_method_cause(&mut self, v: TypeId, t: TypeId, m: &str) -> String {
        let vs = self.ty_str(v);
        let ts = self.ty_str(t);
        let is_ptr = matches!(self.ctx.ty(v), Type::Pointer(_));
        let ptr = self.ctx.new_pointer(v);
        let ptr_to_iface = match self.ctx.ty(self.ctx.underlying(v)) {
            Type::Pointer(b) => self.ctx.is_interface(*b),
            _ => false,
        };
        let detail = if ptr_to_iface {
            // go/types' `missingMethod`: the method is the interface's, not its pointer's.
            format!("type {vs} is pointer to interface, not interface")
        } else if !is_ptr
            && !self.ctx.is_interface(v)
            && self
                .ctx
                .lookup_field_or_method(ptr, false, &self.path, m)
                .is_some_and(|s| s.kind == crate::SelectionKind::MethodVal)
        {
            format!("method {m} has pointer receiver")
        } else if let Some(sel) = self
            .ctx
            .lookup_field_or_method(v, false, &self.path, m)
            .filter(|s| s.kind == crate::SelectionKind::MethodVal)
        {
            let have = self.ctx.method_type(sel.obj, v);
            let want = self.ctx.interface_methods(t).into_iter().find(|x| x.name == m).map(|x| x.sig);
            match want {
                Some(w) => format!(
                    "wrong type for method {m})\n\t\thave {m}{}\n\t\twant {m}{}",
                    self.sig_string(have),
                    self.sig_string(w)
                ),
                None => format!("missing method {m}"),
            }
        } else {
            format!("missing method {m}")
        };
        let detail = if detail.starts_with("wrong type") { detail } else { format!("{detail})") };
        format!("{vs} does not implement {ts} ({detail}")
    }

    /// A signature without the leading `func` (`(x int) string`).
    pub(super) fn sig_string(&self, sig: TypeId) -> String {
        let s = self.ty_str(sig);
        s.strip_prefix("func").map(|r| r.to_string()).unwrap_or(s)
    }

    /// Reports a multi-value operand in a single-value context (go/types' `singleValue`).
    pub(super) fn single_value(&mut self, x: &mut Operand<'a>) {
        if x.mode == Mode::Value {
            if let Type::Tuple(ts, _) = self.ctx.ty(x.ty) {
                if ts.len() != 1 {
                    let s = self.op_string(x);
                    let p = x.pos();
                    self.error(p, format!("multiple-value {s} in single-value context"));
                    x.mode = Mode::Invalid;
                }
            }
        }
    }

    /// Prints an expression as types2's `ExprString` does: `syntax.String`, the syntax printer's
    /// short form (a non-empty function or composite literal body is `{…}`).
    pub(super) fn expr_string(&self, e: &Expr) -> String {
        let mut s = String::new();
        write_expr(&mut s, e, 0, SHORT_LIMIT);
        s
    }
}

/// How long an expression the checker's messages spell out before cutting it short.
const SHORT_LIMIT: usize = 200;

/// An expression as the syntax printer's `ShortForm` renders it (`syntax.String`), spelled out
/// up to `limit` bytes. gc 1.21 prints a constant expression this way, as it was written.
pub fn syntax_string(e: &Expr, limit: usize) -> String {
    let mut s = String::new();
    write_expr(&mut s, e, 0, limit);
    s
}

/// One node in the syntax printer's `ShortForm` (`cmd/compile/internal/syntax/printer.go`):
/// tokens separated as it separates them, everything on one line.
fn write_expr(s: &mut String, e: &Expr, depth: u32, limit: usize) {
    if depth > 50 || s.len() > limit {
        s.push('…');
        return;
    }
    let d = depth + 1;
    match &e.kind {
        ExprKind::Ident(n) => s.push_str(n),
        ExprKind::BasicLit { raw, .. } => s.push_str(raw),
        ExprKind::CompositeLit { ty, elts } => {
            if let Some(t) = ty {
                write_expr(s, t, d, limit);
            }
            s.push_str(if elts.is_empty() { "{}" } else { "{…}" });
        }
        ExprKind::FuncLit { ty, body } => {
            write_expr(s, ty, d, limit);
            s.push_str(if body.stmts.is_empty() { " {}" } else { " {…}" });
        }
        ExprKind::Paren(x) => {
            s.push('(');
            write_expr(s, x, d, limit);
            s.push(')');
        }
        ExprKind::Selector { x, sel } => {
            write_expr(s, x, d, limit);
            s.push('.');
            s.push_str(&sel.name);
        }
        ExprKind::Index { x, indices } => {
            write_expr(s, x, d, limit);
            s.push('[');
            for (i, ix) in indices.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_expr(s, ix, d, limit);
            }
            s.push(']');
        }
        ExprKind::Slice { x, lo, hi, max, .. } => {
            write_expr(s, x, d, limit);
            s.push('[');
            if let Some(l) = lo {
                write_expr(s, l, d, limit);
            }
            s.push(':');
            if let Some(h) = hi {
                write_expr(s, h, d, limit);
            }
            if let Some(m) = max {
                s.push(':');
                write_expr(s, m, d, limit);
            }
            s.push(']');
        }
        ExprKind::TypeAssert { x, ty } => {
            write_expr(s, x, d, limit);
            s.push_str(".(");
            match ty {
                Some(t) => write_expr(s, t, d, limit),
                None => s.push_str("type"),
            }
            s.push(')');
        }
        ExprKind::Call { fun, args, ellipsis } => {
            write_expr(s, fun, d, limit);
            s.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_expr(s, a, d, limit);
            }
            if *ellipsis {
                s.push_str("...");
            }
            s.push(')');
        }
        ExprKind::Star(x) => {
            s.push('*');
            write_expr(s, x, d, limit);
        }
        ExprKind::Unary { op, x } => {
            s.push_str(match op {
                UnaryOp::Pos => "+",
                UnaryOp::Neg => "-",
                UnaryOp::Not => "!",
                UnaryOp::Xor => "^",
                UnaryOp::Addr => "&",
                UnaryOp::Recv => "<-",
                UnaryOp::Tilde => "~",
            });
            write_expr(s, x, d, limit);
        }
        ExprKind::Binary { op, x, y } => {
            write_expr(s, x, d, limit);
            s.push(' ');
            s.push_str(op.as_str());
            s.push(' ');
            write_expr(s, y, d, limit);
        }
        ExprKind::ArrayType { len, elem } => {
            s.push('[');
            if let Some(l) = len {
                write_expr(s, l, d, limit);
            }
            s.push(']');
            write_expr(s, elem, d, limit);
        }
        ExprKind::StructType { fields } => {
            s.push_str("struct{");
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    s.push_str("; ");
                }
                for (j, n) in f.names.iter().enumerate() {
                    if j > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&n.name);
                }
                if !f.names.is_empty() {
                    s.push(' ');
                }
                write_expr(s, &f.ty, d, limit);
                if let Some(tag) = &f.tag {
                    s.push(' ');
                    s.push_str(&format!("{tag:?}"));
                }
            }
            s.push('}');
        }
        ExprKind::FuncType(ft) => {
            s.push_str("func");
            write_signature(s, ft, d, limit);
        }
        ExprKind::InterfaceType { elems } => {
            // The printer's method list: a method is its name and signature, an embedded
            // element its type, separated by `; `.
            s.push_str("interface{");
            for (i, m) in elems.iter().enumerate() {
                if i > 0 {
                    s.push_str("; ");
                }
                match (m.names.first(), &m.ty.kind) {
                    (Some(n), ExprKind::FuncType(ft)) => {
                        s.push_str(&n.name);
                        write_signature(s, ft, d, limit);
                    }
                    _ => write_expr(s, &m.ty, d, limit),
                }
            }
            s.push('}');
        }
        ExprKind::MapType { key, value } => {
            s.push_str("map[");
            write_expr(s, key, d, limit);
            s.push(']');
            write_expr(s, value, d, limit);
        }
        ExprKind::ChanType { dir, elem } => {
            s.push_str(match dir {
                syntax::ast::ChanDir::Both => "chan ",
                syntax::ast::ChanDir::Send => "chan<- ",
                syntax::ast::ChanDir::Recv => "<-chan ",
            });
            // `chan (<-chan T)` keeps its parentheses, as the printer adds them.
            let recv_elem = matches!(elem.kind, ExprKind::ChanType { dir: syntax::ast::ChanDir::Recv, .. });
            if *dir == syntax::ast::ChanDir::Both && recv_elem {
                s.push('(');
                write_expr(s, elem, d, limit);
                s.push(')');
            } else {
                write_expr(s, elem, d, limit);
            }
        }
        ExprKind::Ellipsis(x) => {
            s.push_str("...");
            if let Some(x) = x {
                write_expr(s, x, d, limit);
            }
        }
        ExprKind::Bad => s.push_str("<bad expr>"),
    }
}

/// The printer's `printSignature`: parameters, then a single unnamed result bare, others in
/// parentheses.
fn write_signature(s: &mut String, ft: &syntax::ast::FuncType, d: u32, limit: usize) {
    write_params(s, &ft.params, d, limit);
    if !ft.results.is_empty() {
        s.push(' ');
        if ft.results.len() == 1 && ft.results[0].names.is_empty() {
            write_expr(s, &ft.results[0].ty, d, limit);
        } else {
            write_params(s, &ft.results, d, limit);
        }
    }
}

fn write_params(s: &mut String, ps: &[syntax::ast::Field], d: u32, limit: usize) {
    s.push('(');
    for (i, f) in ps.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        for (j, n) in f.names.iter().enumerate() {
            if j > 0 {
                s.push_str(", ");
            }
            s.push_str(&n.name);
        }
        if !f.names.is_empty() {
            s.push(' ');
        }
        write_expr(s, &f.ty, d, limit);
    }
    s.push(')');
}
