//! Composite literals (go/types' `literals.go`).

use syntax::ast::{Element, Expr};

use super::{Checker, Operand};
use crate::ty::TypeId;

impl<'a> Checker<'a> {
    pub(super) fn composite_lit(&mut self, e: &'a Expr, _ty: Option<&'a Expr>, _elts: &'a [Element], _hint: Option<TypeId>) -> Operand<'a> {
        Operand::invalid(Some(e))
    }
}
