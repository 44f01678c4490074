//! Index and slice expressions (go/types' `index.go`).

use syntax::ast::Expr;

use super::{Checker, Operand};
use crate::ty::TypeId;

impl<'a> Checker<'a> {
    pub(super) fn index_expr(&mut self, e: &'a Expr, _x: &'a Expr, _indices: &'a [Expr], _hint: Option<TypeId>) -> Operand<'a> {
        Operand::invalid(Some(e))
    }

    pub(super) fn slice_expr(&mut self, e: &'a Expr, _x: &'a Expr, _lo: Option<&'a Expr>, _hi: Option<&'a Expr>, _max: Option<&'a Expr>, _three: bool) -> Operand<'a> {
        Operand::invalid(Some(e))
    }
}
