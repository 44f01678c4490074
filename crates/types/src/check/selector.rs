//! Selectors (go/types' `selector` in `call.go`).

use syntax::ast::{Expr, Ident};

use super::{Checker, Operand};

impl<'a> Checker<'a> {
    pub(super) fn selector(&mut self, e: &'a Expr, _x: &'a Expr, _sel: &'a Ident, _def: bool) -> Operand<'a> {
        Operand::invalid(Some(e))
    }
}
