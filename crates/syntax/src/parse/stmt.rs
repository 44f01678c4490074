//! Statements and blocks.
//!
//! gc places an assignment (`=`, `:=`, `op=`), an increment and a send at its operator, a
//! labeled statement at its `:`, an expression statement at its expression, and every other
//! statement at its keyword; clauses (`case`, `default`) sit at their keyword too.

use super::{field_all, named, pos, token, token_pos, Converter};
use crate::ast::{AssignOp, Block, BranchKind, CaseClause, CommClause, Decl, Expr, Stmt, StmtKind};
use tree_sitter::Node;

impl Converter<'_> {
    /// A `block` node (`{ ... }`).
    pub(crate) fn block(&mut self, n: Node) -> Block {
        let lbrace = token_pos(n, "{");
        let end = token(n, "}").map(pos).unwrap_or_else(|| super::end_pos(n));
        let stmts = match named(n).into_iter().find(|c| c.kind() == "statement_list") {
            Some(list) => self.stmt_list(list),
            None => vec![],
        };
        Block { pos: lbrace, stmts, end }
    }

    /// The statements of a `statement_list` (or of whatever node holds statements directly).
    pub(crate) fn stmt_list(&mut self, n: Node) -> Vec<Stmt> {
        let mut out = vec![];
        for c in named(n) {
            if c.kind() == "statement_list" {
                out.extend(self.stmt_list(c));
            } else if let Some(s) = self.stmt(c) {
                out.push(s);
            }
        }
        out
    }

    /// A statement; `None` for what is not one (error nodes, stray tokens).
    pub(crate) fn stmt(&mut self, n: Node) -> Option<Stmt> {
        if n.is_error() || n.is_missing() {
            return None;
        }
        if !self.enter(pos(n)) {
            return None;
        }
        let s = self.stmt_inner(n);
        self.leave();
        s
    }

    fn boxed_stmt(&mut self, n: Option<Node>) -> Option<Box<Stmt>> {
        n.and_then(|n| self.stmt(n)).map(Box::new)
    }

    fn stmt_inner(&mut self, n: Node) -> Option<Stmt> {
        let at = pos(n);
        let kind = match n.kind() {
            "expression_statement" => {
                let x = match named(n).first() {
                    Some(c) => self.expr(*c),
                    None => self.bad(at),
                };
                return Some(Stmt { pos: x.pos, kind: StmtKind::Expr(x) });
            }
            "send_statement" => {
                let ch = self.req(n.child_by_field_name("channel"), n);
                let value = self.req(n.child_by_field_name("value"), n);
                return Some(Stmt { pos: token_pos(n, "<-"), kind: StmtKind::Send { ch, value } });
            }
            "inc_statement" | "dec_statement" => {
                let inc = n.kind() == "inc_statement";
                let x = self.req(named(n).first().copied(), n);
                let p = token_pos(n, if inc { "++" } else { "--" });
                return Some(Stmt { pos: p, kind: StmtKind::IncDec { x, inc } });
            }
            "assignment_statement" => {
                let op_node = n.child_by_field_name("operator");
                let op = match op_node.map(|o| o.kind()).unwrap_or("=") {
                    "=" => AssignOp::Assign,
                    s => match super::expr::binary_op(s.trim_end_matches('=')) {
                        Some(b) => AssignOp::Op(b),
                        None => AssignOp::Assign,
                    },
                };
                let lhs = self.list_field(n, "left");
                let rhs = self.list_field(n, "right");
                return Some(Stmt { pos: op_node.map(pos).unwrap_or(at), kind: StmtKind::Assign { lhs, op, rhs } });
            }
            "short_var_declaration" => {
                let lhs = self.list_field(n, "left");
                let rhs = self.list_field(n, "right");
                let p = token_pos(n, ":=");
                return Some(Stmt { pos: p, kind: StmtKind::Assign { lhs, op: AssignOp::Define, rhs } });
            }
            "var_declaration" | "const_declaration" | "type_declaration" => StmtKind::Decl(self.gen_decl(n)?),
            "go_statement" => StmtKind::Go(self.call_of(n)),
            "defer_statement" => StmtKind::Defer(self.call_of(n)),
            "return_statement" => StmtKind::Return(match named(n).first() {
                Some(list) => self.expr_list(*list),
                None => vec![],
            }),
            "break_statement" => StmtKind::Branch { kind: BranchKind::Break, label: self.label(n) },
            "continue_statement" => StmtKind::Branch { kind: BranchKind::Continue, label: self.label(n) },
            "goto_statement" => StmtKind::Branch { kind: BranchKind::Goto, label: self.label(n) },
            "fallthrough_statement" => StmtKind::Branch { kind: BranchKind::Fallthrough, label: None },
            "block" => {
                let b = self.block(n);
                return Some(Stmt { pos: b.pos, kind: StmtKind::Block(b) });
            }
            "empty_statement" => StmtKind::Empty,
            "if_statement" => return Some(self.if_stmt(n)),
            "expression_switch_statement" => {
                let init = self.boxed_stmt(n.child_by_field_name("initializer"));
                let tag = self.opt_expr(n.child_by_field_name("value"));
                let body = self.cases(n);
                StmtKind::Switch { init, tag, body, lbrace: token_pos(n, "{") }
            }
            "type_switch_statement" => {
                let init = self.boxed_stmt(n.child_by_field_name("initializer"));
                let bind =
                    n.child_by_field_name("alias").and_then(|a| named(a).first().copied()).map(|a| self.ident(a));
                let x = self.req(n.child_by_field_name("value"), n);
                let body = self.cases(n);
                StmtKind::TypeSwitch { init, bind, x, body, lbrace: token_pos(n, "{") }
            }
            "select_statement" => StmtKind::Select { body: self.comm_clauses(n) },
            "for_statement" => self.for_stmt(n)?,
            "labeled_statement" => {
                let label = match n.child_by_field_name("label") {
                    Some(l) => self.ident(l),
                    None => return None,
                };
                let colon = token_pos(n, ":");
                let inner = named(n).into_iter().filter(|c| c.kind() != "label_name").find_map(|c| self.stmt(c));
                let inner = inner.unwrap_or_else(|| {
                    // A label right before `}` labels an empty statement there.
                    let p = n.next_sibling().filter(|s| s.kind() == "}").map(pos).unwrap_or(super::end_pos(n));
                    Stmt { pos: p, kind: StmtKind::Empty }
                });
                return Some(Stmt { pos: colon, kind: StmtKind::Labeled { label, stmt: Box::new(inner) } });
            }
            // A stray type or expression where a statement belongs.
            _ => {
                let x = self.expr(n);
                return Some(Stmt { pos: x.pos, kind: StmtKind::Expr(x) });
            }
        };
        Some(Stmt { pos: at, kind })
    }

    fn req(&mut self, n: Option<Node>, parent: Node) -> Expr {
        match n {
            Some(n) => self.expr(n),
            None => self.bad(pos(parent)),
        }
    }

    fn list_field(&mut self, n: Node, name: &str) -> Vec<Expr> {
        match n.child_by_field_name(name) {
            Some(l) => self.expr_list(l),
            None => vec![],
        }
    }

    fn call_of(&mut self, n: Node) -> Expr {
        let x = self.req(named(n).first().copied(), n);
        // gc reports `go (f())` and drops the parentheses.
        let mut x = x;
        if matches!(x.kind, crate::ast::ExprKind::Paren(_)) {
            let kw = if n.kind() == "go_statement" { "go" } else { "defer" };
            self.error(x.pos, format!("expression in {kw} must not be parenthesized"));
            while let crate::ast::ExprKind::Paren(inner) = x.kind {
                x = *inner;
            }
        }
        x
    }

    fn label(&mut self, n: Node) -> Option<crate::ast::Ident> {
        named(n).into_iter().find(|c| c.kind() == "label_name").map(|l| self.ident(l))
    }

    fn if_stmt(&mut self, n: Node) -> Stmt {
        let at = pos(n);
        let init = self.boxed_stmt(n.child_by_field_name("initializer"));
        let cond = self.req(n.child_by_field_name("condition"), n);
        let then = match n.child_by_field_name("consequence") {
            Some(b) => self.block(b),
            None => Block { pos: at, stmts: vec![], end: at },
        };
        let els = self.boxed_stmt(n.child_by_field_name("alternative"));
        Stmt { pos: at, kind: StmtKind::If { init, cond, then, els } }
    }

    fn cases(&mut self, n: Node) -> Vec<CaseClause> {
        let mut out = vec![];
        for c in named(n) {
            let is_default = c.kind() == "default_case";
            let exprs = match c.kind() {
                "expression_case" => self.list_field(c, "value"),
                "type_case" => field_all(c, "type").into_iter().map(|t| self.expr(t)).collect(),
                "default_case" => vec![],
                _ => continue,
            };
            let body = self.clause_body(c);
            out.push(CaseClause { pos: pos(c), exprs, is_default, body });
        }
        out
    }

    fn clause_body(&mut self, c: Node) -> Vec<Stmt> {
        match named(c).into_iter().find(|s| s.kind() == "statement_list") {
            Some(list) => self.stmt_list(list),
            None => vec![],
        }
    }

    fn comm_clauses(&mut self, n: Node) -> Vec<CommClause> {
        let mut out = vec![];
        for c in named(n) {
            let comm = match c.kind() {
                "default_case" => None,
                "communication_case" => match c.child_by_field_name("communication") {
                    Some(x) if x.kind() == "receive_statement" => Some(Box::new(self.receive(x))),
                    Some(x) => self.stmt(x).map(Box::new),
                    None => None,
                },
                _ => continue,
            };
            let body = self.clause_body(c);
            out.push(CommClause { pos: pos(c), comm, body });
        }
        out
    }

    /// `<-c`, `v := <-c`, `v, ok = <-c` in a select case.
    fn receive(&mut self, n: Node) -> Stmt {
        let rhs = self.req(n.child_by_field_name("right"), n);
        match n.child_by_field_name("left") {
            None => Stmt { pos: rhs.pos, kind: StmtKind::Expr(rhs) },
            Some(left) => {
                let lhs = self.expr_list(left);
                let (op, p) = match token(n, ":=") {
                    Some(t) => (AssignOp::Define, pos(t)),
                    None => (AssignOp::Assign, token_pos(n, "=")),
                };
                Stmt { pos: p, kind: StmtKind::Assign { lhs, op, rhs: vec![rhs] } }
            }
        }
    }

    fn for_stmt(&mut self, n: Node) -> Option<StmtKind> {
        let at = pos(n);
        let body = match n.child_by_field_name("body") {
            Some(b) => self.block(b),
            None => Block { pos: at, stmts: vec![], end: at },
        };
        let header = named(n).into_iter().find(|c| Some(c.id()) != n.child_by_field_name("body").map(|b| b.id()));
        Some(match header {
            None => StmtKind::For { init: None, cond: None, post: None, body },
            Some(h) if h.kind() == "for_clause" => {
                let init = self.boxed_stmt(h.child_by_field_name("initializer"));
                let cond = self.opt_expr(h.child_by_field_name("condition"));
                let post = self.boxed_stmt(h.child_by_field_name("update"));
                StmtKind::For { init, cond, post, body }
            }
            Some(h) if h.kind() == "range_clause" => {
                let mut lhs = match h.child_by_field_name("left") {
                    Some(l) => self.expr_list(l),
                    None => vec![],
                }
                .into_iter();
                let key = lhs.next();
                let value = lhs.next();
                let define = token(h, ":=").is_some();
                let x = self.req(h.child_by_field_name("right"), h);
                let range_pos = token(h, "range").map_or(x.pos, pos);
                StmtKind::Range { key, value, define, x, body, range_pos }
            }
            Some(h) => {
                let cond = Some(self.expr(h));
                StmtKind::For { init: None, cond, post: None, body }
            }
        })
    }

    /// A `var`, `const` or `type` declaration node.
    pub(crate) fn gen_decl(&mut self, n: Node) -> Option<Decl> {
        match n.kind() {
            "var_declaration" => Some(Decl::Var(self.var_specs(n))),
            "const_declaration" => Some(Decl::Const(self.const_specs(n))),
            "type_declaration" => Some(Decl::Type(self.type_specs(n))),
            _ => None,
        }
    }
}
