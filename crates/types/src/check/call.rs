//! Calls (go/types' `call.go`): function and method calls, conversions, builtins dispatch,
//! argument passing (variadic, `f(g())` spreading) and generic function instantiation.

use syntax::ast::Expr;

use super::{Checker, Operand};
use crate::ty::TypeId;

impl<'a> Checker<'a> {
    pub(super) fn call_expr(&mut self, e: &'a Expr, _fun: &'a Expr, _args: &'a [Expr], _ellipsis: bool, _hint: Option<TypeId>) -> Operand<'a> {
        Operand::invalid(Some(e))
    }

    pub(super) fn func_inst_reverse(&mut self, _x: &mut Operand<'a>, _target: TypeId) {}
}
