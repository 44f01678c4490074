//! Index and slice expressions (go/types' `index.go`), and instantiation of generic types
//! `T[A, B]` (go/types' `instantiatedType`).
//!
//! `x[i]` is an instantiation when `x` denotes a generic type or function; otherwise it
//! indexes a string, array, pointer to array, slice or map (through the core type of a type
//! parameter). Constant indices are checked against the known length, as go/types does.

use syntax::ast::Expr;

use super::operand::start_pos;
use super::{Checker, Operand};
use crate::constant::Value;
use crate::ty::{BasicKind, Type, TypeId};
use crate::universe::{BYTE, INVALID};
use crate::Mode;

/// What `index_expr_inner` found: a finished operand, or a generic function awaiting its
/// (explicit and inferred) type arguments.
pub(super) enum IndexResult<'a> {
    Done(Operand<'a>),
    FuncInst(Operand<'a>),
}

impl<'a> Checker<'a> {
    pub(super) fn index_expr(
        &mut self,
        e: &'a Expr,
        xe: &'a Expr,
        indices: &'a [Expr],
        hint: Option<TypeId>,
    ) -> Operand<'a> {
        match self.index_expr_inner(e, xe, indices) {
            IndexResult::Done(x) => x,
            IndexResult::FuncInst(x) => self.func_inst(e, x, indices, hint),
        }
    }

    /// Indexing a value of type parameter type (go/types' `indexExpr` on an `*Interface`): every
    /// type of its type set must be indexable with identical element types (and, for maps,
    /// identical keys); no core type is needed, so `[3]int | [4]int` indexes to `int` with the
    /// shorter length as the bound.
    fn index_type_param(&mut self, e: &'a Expr, mut x: Operand<'a>, indices: &'a [Expr]) -> IndexResult<'a> {
        let terms = match self.ctx.ty(x.ty) {
            Type::TypeParam(tp) => self.ctx.type_terms(tp.constraint).unwrap_or_default(),
            _ => Vec::new(),
        };
        let mut length: i64 = -1;
        let mut key: Option<Option<TypeId>> = None;
        let mut elem: Option<TypeId> = None;
        let mut mode = Mode::Variable;
        let mut ok = !terms.is_empty();
        for term in &terms {
            let u = self.ctx.underlying(term.ty);
            let (l, k, el) = match self.ctx.ty(u).clone() {
                Type::Basic(b) if b.is_string() => {
                    mode = Mode::Value;
                    (-1, None, Some(BYTE))
                }
                Type::Array(n, el) => {
                    if x.mode != Mode::Variable {
                        mode = Mode::Value;
                    }
                    (n, None, Some(el))
                }
                Type::Pointer(b) => match self.ctx.ty(self.ctx.underlying(b)).clone() {
                    Type::Array(n, el) => (n, None, Some(el)),
                    _ => (-1, None, None),
                },
                Type::Slice(el) => (-1, None, Some(el)),
                Type::Map(k, v) => (-1, Some(k), Some(v)),
                _ => (-1, None, None),
            };
            let Some(el) = el else {
                ok = false;
                break;
            };
            match (key, elem) {
                (Some(first_key), Some(first_elem)) => {
                    let same_key = match (first_key, k) {
                        (None, None) => true,
                        (Some(a), Some(b)) => self.ctx.identical(a, b),
                        _ => false,
                    };
                    if !same_key || !self.ctx.identical(first_elem, el) {
                        ok = false;
                        break;
                    }
                    if l >= 0 && l < length {
                        length = l;
                    }
                }
                _ => {
                    length = l;
                    key = Some(k);
                    elem = Some(el);
                }
            }
        }
        let (true, Some(elem)) = (ok, elem) else {
            let s = self.op_string(&x);
            self.error(e.pos, format!("cannot index {s}"));
            self.use_exprs(indices);
            return IndexResult::Done(Operand::invalid(Some(e)));
        };
        if let Some(Some(k)) = key {
            let Some(index) = self.single_index(e, indices) else {
                return IndexResult::Done(Operand::invalid(Some(e)));
            };
            let mut kx = self.expr(index, None);
            self.assignment(&mut kx, Some(k), "map index");
            return IndexResult::Done(Operand::new(Mode::MapIndex, elem, Some(e)));
        }
        x.mode = mode;
        x.ty = elem;
        x.val = None;
        let Some(index) = self.single_index(e, indices) else {
            return IndexResult::Done(Operand::invalid(Some(e)));
        };
        self.index(index, length);
        x.expr = Some(e);
        IndexResult::Done(x)
    }

    /// go/types' `indexExpr`.
    pub(super) fn index_expr_inner(&mut self, e: &'a Expr, xe: &'a Expr, indices: &'a [Expr]) -> IndexResult<'a> {
        let mut x = self.expr_or_type(xe, true);
        match x.mode {
            Mode::Invalid => {
                self.use_exprs(indices);
                return IndexResult::Done(Operand::invalid(Some(e)));
            }
            Mode::TypeExpr => {
                let t = self.instantiated_type(xe, x.ty, indices);
                if t == INVALID {
                    return IndexResult::Done(Operand::invalid(Some(e)));
                }
                return IndexResult::Done(Operand::new(Mode::TypeExpr, t, Some(e)));
            }
            Mode::Value => {
                if let Type::Signature(s) = self.ctx.ty(self.ctx.underlying(x.ty)) {
                    if !s.type_params.is_empty() {
                        return IndexResult::FuncInst(x);
                    }
                }
            }
            _ => {}
        }
        let mut length: i64 = -1;
        let mut valid = false;
        if self.ctx.is_type_param(x.ty) {
            return self.index_type_param(e, x, indices);
        }
        let core = Some(self.ctx.underlying(x.ty));
        let u = core.map(|c| self.ctx.ty(c).clone());
        match u {
            Some(Type::Basic(k)) if k.is_string() => {
                valid = true;
                if x.mode == Mode::Constant {
                    if let Some(Value::String(s)) = &x.val {
                        length = s.len() as i64;
                    }
                }
                x.mode = Mode::Value;
                x.ty = BYTE;
                x.val = None;
            }
            Some(Type::Array(n, elem)) => {
                valid = true;
                length = n;
                if x.mode != Mode::Variable {
                    x.mode = Mode::Value;
                }
                x.ty = elem;
            }
            Some(Type::Pointer(b)) => {
                if let Type::Array(n, elem) = self.ctx.ty(self.ctx.underlying(b)).clone() {
                    valid = true;
                    length = n;
                    x.mode = Mode::Variable;
                    x.ty = elem;
                }
            }
            Some(Type::Slice(elem)) => {
                valid = true;
                x.mode = Mode::Variable;
                x.ty = elem;
            }
            Some(Type::Map(k, v)) => {
                let Some(index) = self.single_index(e, indices) else {
                    return IndexResult::Done(Operand::invalid(Some(e)));
                };
                let mut key = self.expr(index, None);
                self.assignment(&mut key, Some(k), "map index");
                let mut r = Operand::new(Mode::MapIndex, v, Some(e));
                r.val = None;
                return IndexResult::Done(r);
            }
            _ => {}
        }
        if !valid {
            let s = self.op_string(&x);
            self.error(e.pos, format!("cannot index {s}"));
            self.use_exprs(indices);
            return IndexResult::Done(Operand::invalid(Some(e)));
        }
        let Some(index) = self.single_index(e, indices) else {
            return IndexResult::Done(Operand::invalid(Some(e)));
        };
        self.index(index, length);
        x.expr = Some(e);
        IndexResult::Done(x)
    }

    fn single_index(&mut self, e: &'a Expr, indices: &'a [Expr]) -> Option<&'a Expr> {
        match indices.len() {
            0 => {
                self.error(e.pos, "invalid operation: missing index");
                None
            }
            1 => Some(&indices[0]),
            _ => {
                self.use_exprs(&indices[1..]);
                self.error(start_pos(&indices[1]), "invalid operation: more than one index");
                Some(&indices[0])
            }
        }
    }

    /// Checks an index (go/types' `index`); returns its constant value, or -1.
    pub(super) fn index(&mut self, e: &'a Expr, max: i64) -> i64 {
        let mut x = self.expr(e, None);
        if !self.is_valid_index(&mut x, "index", false) {
            return -1;
        }
        if x.mode != Mode::Constant {
            return -1;
        }
        let Some(v) = x.val.as_ref().and_then(|v| v.as_i128()) else { return -1 };
        if max >= 0 && v >= max as i128 {
            let p = x.pos();
            self.error(p, format!("invalid argument: index {v} out of bounds [0:{max}]"));
            return -1;
        }
        v as i64
    }

    /// go/types' `isValidIndex`: an integer, converting untyped constants to int.
    pub(super) fn is_valid_index(&mut self, x: &mut Operand<'a>, what: &str, allow_negative: bool) -> bool {
        if x.mode == Mode::Invalid {
            return false;
        }
        let int = self.ctx.basic(BasicKind::Int);
        self.convert_untyped(x, int);
        if x.mode == Mode::Invalid {
            return false;
        }
        if !self.all_kind(x.ty, |k| k.is_integer()) {
            let s = self.op_string(x);
            let p = x.pos();
            self.error(p, format!("invalid argument: {what} {s} must be integer"));
            return false;
        }
        if x.mode == Mode::Constant {
            let v = x.val.as_ref().and_then(|v| v.as_i128());
            if !allow_negative && v.is_some_and(|v| v < 0) {
                let s = self.op_string(x);
                let p = x.pos();
                self.error(p, format!("invalid argument: {what} {s} must not be negative"));
                return false;
            }
            if v.is_some_and(|v| v > i64::MAX as i128 || v < i64::MIN as i128) {
                let s = self.op_string(x);
                let p = x.pos();
                self.error(p, format!("invalid argument: {what} {s} overflows int"));
                return false;
            }
        }
        true
    }

    /// Checks expressions only for their side effects on `used` and the side tables.
    pub(super) fn use_exprs(&mut self, es: &'a [Expr]) {
        for e in es {
            let _ = self.raw_expr(e, None, false);
        }
    }

    /// `x[lo:hi:max]` (go/types' `sliceExpr`).
    pub(super) fn slice_expr(
        &mut self,
        e: &'a Expr,
        xe: &'a Expr,
        lo: Option<&'a Expr>,
        hi: Option<&'a Expr>,
        max: Option<&'a Expr>,
        three: bool,
    ) -> Operand<'a> {
        let mut x = self.expr(xe, None);
        let idx = [lo, hi, max];
        if x.mode == Mode::Invalid {
            for i in idx.into_iter().flatten() {
                let _ = self.expr(i, None);
            }
            return Operand::invalid(Some(e));
        }
        let mut length: i64 = -1;
        let mut valid = false;
        let Some(core) = self.ctx.core_string(x.ty) else {
            let s = self.op_string(&x);
            let ts = self.ty_str(x.ty);
            self.error(x.pos(), format!("invalid operation: cannot slice {s}: {ts} has no core type"));
            return Operand::invalid(Some(e));
        };
        match self.ctx.ty(core).clone() {
            Type::Basic(k) if k.is_string() => {
                if three {
                    let at = max.map(start_pos).unwrap_or(e.pos);
                    self.error(at, "invalid operation: 3-index slice of string");
                    return Operand::invalid(Some(e));
                }
                valid = true;
                if x.mode == Mode::Constant {
                    if let Some(Value::String(s)) = &x.val {
                        length = s.len() as i64;
                    }
                }
                if self.ctx.is_untyped(x.ty) {
                    x.ty = self.ctx.basic(BasicKind::String);
                }
            }
            Type::Array(n, elem) => {
                valid = true;
                length = n;
                if x.mode != Mode::Variable {
                    let s = self.op_string(&x);
                    self.error(x.pos(), format!("invalid operation: cannot slice {s} (value not addressable)"));
                    return Operand::invalid(Some(e));
                }
                x.ty = self.ctx.new_slice(elem);
            }
            Type::Pointer(b) => {
                if let Type::Array(n, elem) = self.ctx.ty(self.ctx.underlying(b)).clone() {
                    valid = true;
                    length = n;
                    x.ty = self.ctx.new_slice(elem);
                }
            }
            Type::Slice(_) => valid = true,
            _ => {}
        }
        if !valid {
            let s = self.op_string(&x);
            self.error(x.pos(), format!("cannot slice {s}"));
            return Operand::invalid(Some(e));
        }
        x.mode = Mode::Value;
        x.val = None;
        if three && (hi.is_none() || max.is_none()) {
            self.error(e.pos, "invalid syntax tree: 2nd and 3rd index required in 3-index slice");
            return Operand::invalid(Some(e));
        }
        let mut ind = [-1i64; 3];
        for (i, ie) in idx.iter().enumerate() {
            ind[i] = match ie {
                Some(ie) => {
                    let m = if length >= 0 { length + 1 } else { -1 };
                    self.index(ie, m)
                }
                None if i == 0 => 0,
                None if length >= 0 => length,
                None => -1,
            };
        }
        'outer: for i in 0..2 {
            let a = ind[i];
            if a > 0 {
                for j in i + 1..3 {
                    let b = ind[j];
                    if b >= 0 && b < a {
                        if let Some(be) = idx[j] {
                            self.error(start_pos(be), format!("invalid slice indices: {b} < {a}"));
                        }
                        break 'outer;
                    }
                }
            }
        }
        x.expr = Some(e);
        x
    }

    /// Checks a list of type arguments.
    pub(super) fn type_list(&mut self, es: &'a [Expr]) -> Option<Vec<TypeId>> {
        let mut out = Vec::new();
        let mut ok = true;
        for e in es {
            let t = self.typ(e);
            if t == INVALID {
                ok = false;
            }
            out.push(t);
        }
        ok.then_some(out)
    }

    /// `G[A, B]` for a generic named type `G` (go/types' `instantiatedType`): records the
    /// instance on `xe`, and verifies the type arguments against their constraints.
    fn instantiated_type(&mut self, xe: &'a Expr, gen: TypeId, indices: &'a [Expr]) -> TypeId {
        let tparams = match self.ctx.ty(gen) {
            Type::Named(n) if !n.type_params.is_empty() && n.origin.is_none() => n.type_params.clone(),
            _ => {
                let s = self.ty_str(gen);
                self.error(start_pos(xe), format!("{s} is not a generic type"));
                self.use_exprs(indices);
                return INVALID;
            }
        };
        let Some(targs) = self.type_list(indices) else { return INVALID };
        let name = self.ty_str(gen);
        if targs.len() != tparams.len() {
            let (have, want) = (targs.len(), tparams.len());
            let (what, at) = if have < want {
                ("not enough", indices.last().map(|e| e.pos).unwrap_or(xe.pos))
            } else {
                ("too many", indices[want].pos)
            };
            let _ = at;
            let p = if have < want { start_pos(xe) } else { start_pos(&indices[want]) };
            self.error(p, format!("{what} type arguments for type {name}: have {have}, want {want}"));
            return INVALID;
        }
        let inst = self.ctx.instantiate_named(gen, &targs);
        self.fi().instances.insert(xe.unparen().id, (targs.clone(), inst));
        self.record_mono_instance(&tparams, &targs, |i| start_pos(&indices[i]));
        if let Some((i, msg)) = self.verify_targs(&tparams, &targs) {
            self.error(start_pos(&indices[i]), msg);
        }
        inst
    }

    /// Checks that each type argument satisfies its (substituted) constraint; returns the
    /// index of the first that does not, with the message (go/types' `verify`).
    pub(super) fn verify_targs(&mut self, tparams: &[TypeId], targs: &[TypeId]) -> Option<(usize, String)> {
        let map: Vec<(TypeId, TypeId)> = tparams.iter().copied().zip(targs.iter().copied()).collect();
        for (i, (&tp, &ta)) in tparams.iter().zip(targs).enumerate() {
            if ta == INVALID {
                continue;
            }
            let Type::TypeParam(p) = self.ctx.ty(tp).clone() else { continue };
            if p.constraint == INVALID {
                continue;
            }
            // Types still being declared cannot be judged yet (go/types verifies later).
            if matches!(self.ctx.ty(ta), Type::Named(n) if n.underlying.is_none()) {
                continue;
            }
            if matches!(self.ctx.ty(ta), Type::TypeParam(tp) if tp.constraint == INVALID) {
                continue;
            }
            let c = self.ctx.substitute(p.constraint, &map);
            let methods = self.ctx.interface_methods(c);
            if methods.is_empty() && self.ctx.type_terms(c).is_none() && !self.ctx.iface_is_comparable(c) {
                continue;
            }
            if let Type::TypeParam(tp) = self.ctx.ty(ta).clone() {
                // A type parameter has the methods of its constraint (instantiated).
                let have = self.ctx.interface_methods(tp.constraint);
                let ok_methods =
                    methods.iter().all(|m| have.iter().any(|h| h.name == m.name && self.ctx.identical(h.sig, m.sig)));
                if ok_methods && self.ctx.satisfies_type_set(ta, c) {
                    continue;
                }
            } else {
                if !methods.is_empty() {
                    self.ensure_methods(ta);
                }
                if self.ctx.implements(ta, c) {
                    continue;
                }
            }
            let ts = self.ty_str(ta);
            let cs = self.constraint_string(c);
            let cause = if let Some(m) = self.ctx.missing_method(ta, c) {
                let full = self.missing_method_cause(ta, c, &m);
                full.split_once(" (").map(|(_, r)| r.trim_end_matches(')').to_string()).unwrap_or(full)
            } else if self.ctx.iface_is_comparable(c) && !self.ctx.comparable(ta) {
                if self.ctx.is_type_param(ta) {
                    format!("incomparable types in type set")
                } else {
                    format!("{ts} is not comparable")
                }
            } else if self.ctx.is_type_param(ta) {
                let tc = match self.ctx.ty(ta) {
                    Type::TypeParam(tp) => tp.constraint,
                    _ => INVALID,
                };
                let tcs = self.constraint_string(tc);
                format!("{tcs} is not a subset of {cs}")
            } else {
                format!("{ts} missing in {}", self.terms_string(c))
            };
            return Some((i, format!("{ts} does not satisfy {cs} ({cause})")));
        }
        None
    }

    fn constraint_string(&self, c: TypeId) -> String {
        self.ty_str(c)
    }

    fn terms_string(&self, c: TypeId) -> String {
        match self.ctx.type_terms(c) {
            Some(ts) => ts
                .iter()
                .map(|t| format!("{}{}", if t.tilde { "~" } else { "" }, self.ty_str(t.ty)))
                .collect::<Vec<_>>()
                .join(" | "),
            None => self.ty_str(c),
        }
    }
}
