//! Expressions (go/types' `expr.go`, `selector`, `index.go`, `literals.go`, `conversions.go`):
//! every expression becomes an [`Operand`] and is recorded in [`crate::Info`].

use syntax::ast::Expr;

use super::{Checker, Operand};
use crate::ty::TypeId;

impl<'a> Checker<'a> {
    /// Checks `e` as a single value (or type, for `raw_expr`), with `hint` the type an untyped
    /// composite literal element or a func literal would get from context.
    pub(super) fn expr(&mut self, e: &'a Expr, hint: Option<TypeId>) -> Operand<'a> {
        self.raw_expr(e, hint, false)
    }

    /// Checks `e` in any mode (value, type, builtin, ...). `allow_generic`: a generic function or
    /// type may be left uninstantiated.
    pub(super) fn raw_expr(&mut self, e: &'a Expr, _hint: Option<TypeId>, _allow_generic: bool) -> Operand<'a> {
        Operand::invalid(Some(e))
    }

    /// Checks `e`, which may be a multi-valued call; `allow_comma_ok` for `v, ok = m[k]` etc.
    pub(super) fn multi_expr(&mut self, e: &'a Expr, _allow_comma_ok: bool) -> Vec<Operand<'a>> {
        vec![self.expr(e, None)]
    }
}
