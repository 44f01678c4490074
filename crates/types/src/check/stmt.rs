//! Statements (go/types' `stmt.go`, `assignments.go`, `return.go`, `labels.go`).

use syntax::ast::Stmt;

use super::Checker;

impl<'a> Checker<'a> {
    pub(super) fn stmt_list(&mut self, _stmts: &'a [Stmt]) {}

    /// Whether the statement list ends in a terminating statement (go/types' `isTerminating`).
    pub(super) fn is_terminating_list(&mut self, _stmts: &'a [Stmt], _label: &str) -> bool {
        true
    }
}
