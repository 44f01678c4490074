//! Statements: the "Statements" section of gc's `parser.go`, and function bodies.

use super::nodes::{Expr, Stmt, S, X};
use super::Parser;
use crate::ast::Pos;
use crate::parse::scanner::{Op, Tok};

impl Parser<'_, '_> {
    /// A function body; whether it has statements. Its branches are checked when it has no
    /// errors of its own.
    pub(super) fn func_body(&mut self) -> bool {
        self.fnest += 1;
        let errcnt = self.errcnt;
        let body = self.block_stmt("");
        self.fnest -= 1;
        if errcnt == self.errcnt {
            self.check_branches(body);
        }
        matches!(self.a.st(body), Stmt::Block(list) if !list.is_empty())
    }

    /// A simple statement; `lhs` is an already parsed expression list, `keyword` the statement
    /// whose header it is in (`for` allows `range`, `switch` a type switch guard).
    fn simple_stmt(&mut self, lhs: Option<X>, keyword: Option<Tok>) -> S {
        if keyword == Some(Tok::For) && self.tok() == Tok::Range {
            return self.range_clause(None, false);
        }
        let lhs = match lhs {
            Some(l) => l,
            None => self.expr_list(),
        };
        let is_list = matches!(self.a.e(lhs), Expr::List(_));
        if !is_list && self.tok() != Tok::Assign && self.tok() != Tok::Define {
            let pos = self.pos();
            match self.tok() {
                Tok::AssignOp => {
                    let op = self.t().op;
                    self.next();
                    let rhs = self.expr();
                    return self.a.s(pos, Stmt::Assign { op, lhs, rhs: Some(rhs) });
                }
                Tok::IncOp => {
                    let op = self.t().op;
                    self.next();
                    return self.a.s(pos, Stmt::Assign { op, lhs, rhs: None });
                }
                Tok::Arrow => {
                    self.next();
                    let value = self.expr();
                    return self.a.s(pos, Stmt::Send { chan: lhs, value });
                }
                _ => {
                    let at = self.a.pos(lhs);
                    return self.a.s(at, Stmt::Expression(lhs));
                }
            }
        }
        match self.tok() {
            Tok::Assign | Tok::Define => {
                let pos = self.pos();
                let op = if self.tok() == Tok::Define { Op::Def } else { Op::None };
                self.next();
                if keyword == Some(Tok::For) && self.tok() == Tok::Range {
                    return self.range_clause(Some(lhs), op == Op::Def);
                }
                let rhs = self.expr_list();
                if keyword == Some(Tok::Switch) && op == Op::Def && matches!(self.a.e(lhs), Expr::Name(_)) {
                    if let Expr::TypeSwitchGuard { lhs: guard_lhs, .. } = &mut self.a.exprs[rhs as usize] {
                        *guard_lhs = Some(lhs);
                        let at = self.a.pos(rhs);
                        return self.a.s(at, Stmt::Expression(rhs));
                    }
                }
                self.a.s(pos, Stmt::Assign { op, lhs, rhs: Some(rhs) })
            }
            _ => {
                self.syntax_error("expected := or = or comma");
                self.advance(&[Tok::Semi, Tok::Rbrace]);
                let mut x = lhs;
                if let Expr::List(list) = self.a.e(lhs) {
                    x = list[0];
                }
                let at = self.a.pos(x);
                self.a.s(at, Stmt::Expression(x))
            }
        }
    }

    fn range_clause(&mut self, lhs: Option<X>, def: bool) -> S {
        let pos = self.pos();
        self.next();
        let x = self.expr();
        self.a.s(pos, Stmt::Range { lhs, def, x })
    }

    fn labeled_stmt_or_nil(&mut self, label: X) -> Option<S> {
        let pos = self.pos();
        self.want(Tok::Colon);
        if self.tok() == Tok::Rbrace {
            // An empty statement before `}`.
            let at = self.pos();
            let stmt = self.a.s(at, Stmt::Empty);
            return Some(self.a.s(pos, Stmt::Labeled { label, stmt }));
        }
        if let Some(stmt) = self.stmt_or_nil() {
            return Some(self.a.s(pos, Stmt::Labeled { label, stmt }));
        }
        self.syntax_error_at(pos, "missing statement after label");
        None
    }

    /// A block; `context` names what it belongs to, for the error when `{` is missing.
    fn block_stmt(&mut self, context: &str) -> S {
        let pos = self.pos();
        if !self.got(Tok::Lbrace) {
            self.syntax_error(&format!("expected {{ after {context}"));
            self.advance(&[Tok::Name, Tok::Rbrace]);
            if self.got(Tok::Rbrace) {
                return self.a.s(pos, Stmt::Block(Vec::new()));
            }
        }
        let list = self.stmt_list();
        self.want(Tok::Rbrace);
        self.a.s(pos, Stmt::Block(list))
    }

    fn decl_stmt(&mut self, f: fn(&mut Self) -> Option<(Pos, X)>) -> S {
        let pos = self.pos();
        self.next();
        let first_var = self.group(f);
        self.a.s(pos, Stmt::Decl(first_var))
    }

    fn for_stmt(&mut self) -> S {
        let pos = self.pos();
        self.header(Tok::For);
        let body = self.block_stmt("for clause");
        self.a.s(pos, Stmt::For { body })
    }

    /// The header of an `if`, `for` or `switch`, with gc's checks; returns the condition (the
    /// switch tag).
    fn header(&mut self, keyword: Tok) -> Option<X> {
        self.want(keyword);
        if self.tok() == Tok::Lbrace {
            if keyword == Tok::If {
                self.syntax_error("missing condition in if statement");
                return Some(self.bad_expr());
            }
            return None;
        }
        let outer = self.xnest;
        self.xnest = -1;
        let mut init = None;
        if self.tok() != Tok::Semi {
            if self.got(Tok::Var) {
                self.syntax_error(&format!("var declaration not allowed in {keyword} initializer"));
            }
            let s = self.simple_stmt(None, Some(keyword));
            if matches!(self.a.st(s), Stmt::Range { .. }) {
                self.xnest = outer;
                return None;
            }
            init = Some(s);
        }
        let mut cond_stmt = None;
        let mut semi: Option<(Pos, &str)> = None;
        if self.tok() != Tok::Lbrace {
            if self.tok() == Tok::Semi {
                semi = Some((self.pos(), self.t().text));
                self.next();
            } else {
                // Asking for `{` gives the better message.
                self.want(Tok::Lbrace);
                if self.tok() != Tok::Lbrace {
                    self.advance(&[Tok::Lbrace, Tok::Rbrace]);
                }
            }
            if keyword == Tok::For {
                let mut missing_cond = false;
                if self.tok() != Tok::Semi {
                    if self.tok() == Tok::Lbrace {
                        self.syntax_error("expected for loop condition");
                        missing_cond = true;
                    } else {
                        cond_stmt = Some(self.simple_stmt(None, None));
                    }
                }
                if !missing_cond {
                    self.want(Tok::Semi);
                    if self.tok() != Tok::Lbrace {
                        let post = self.simple_stmt(None, None);
                        if let Stmt::Assign { op: Op::Def, .. } = self.a.st(post) {
                            let at = self.a.spos(post);
                            self.syntax_error_at(at, "cannot declare in post statement of for loop");
                        }
                    }
                }
            } else if self.tok() != Tok::Lbrace {
                cond_stmt = Some(self.simple_stmt(None, Some(keyword)));
            }
        } else {
            cond_stmt = init;
        }
        let mut cond = None;
        match cond_stmt {
            None => {
                if let (Tok::If, Some((pos, lit))) = (keyword, semi) {
                    if lit != "semicolon" {
                        self.syntax_error_at(pos, &format!("unexpected {lit}, expected {{ after if clause"));
                    } else {
                        self.syntax_error_at(pos, "missing condition in if statement");
                    }
                    cond = Some(self.a.x(pos, Expr::Bad));
                }
            }
            Some(s) => match *self.a.st(s) {
                Stmt::Expression(x) => cond = Some(x),
                Stmt::Assign { op: Op::None, lhs, rhs: Some(rhs) } => {
                    let text = format!("assignment {} = {}", self.emphasize(lhs), self.emphasize(rhs));
                    let at = self.a.spos(s);
                    self.syntax_error_at(at, &format!("cannot use {text} as value"));
                }
                _ => {
                    let text = self.a.stmt_string(s);
                    let at = self.a.spos(s);
                    self.syntax_error_at(at, &format!("cannot use {text} as value"));
                }
            },
        }
        self.xnest = outer;
        cond
    }

    /// `x` printed, in parentheses if it is a binary operation.
    fn emphasize(&self, x: X) -> String {
        let s = self.a.expr_string(x);
        if matches!(self.a.e(x), Expr::Operation { y: Some(_), .. }) {
            return format!("({s})");
        }
        s
    }

    fn if_stmt(&mut self) -> S {
        if !self.enter() {
            let pos = self.pos();
            return self.a.s(pos, Stmt::Empty);
        }
        let pos = self.pos();
        self.header(Tok::If);
        let then = self.block_stmt("if clause");
        let mut els = None;
        if self.got(Tok::Else) {
            match self.tok() {
                Tok::If => els = Some(self.if_stmt()),
                Tok::Lbrace => els = Some(self.block_stmt("")),
                _ => {
                    self.syntax_error("else must be followed by if or statement block");
                    self.advance(&[Tok::Name, Tok::Rbrace]);
                }
            }
        }
        self.leave();
        self.a.s(pos, Stmt::If { then, els })
    }

    fn switch_stmt(&mut self) -> S {
        let pos = self.pos();
        let tag = self.header(Tok::Switch);
        let type_switch = tag.is_some_and(|t| matches!(self.a.e(t), Expr::TypeSwitchGuard { .. }));
        if !self.got(Tok::Lbrace) {
            self.syntax_error("missing { after switch clause");
            self.advance(&[Tok::Case, Tok::Default, Tok::Rbrace]);
        }
        let mut clauses = Vec::new();
        while self.tok() != Tok::Eof && self.tok() != Tok::Rbrace {
            clauses.push(self.case_clause(false));
        }
        self.want(Tok::Rbrace);
        self.a.s(pos, Stmt::Switch { type_switch, clauses })
    }

    fn select_stmt(&mut self) -> S {
        let pos = self.pos();
        self.want(Tok::Select);
        if !self.got(Tok::Lbrace) {
            self.syntax_error("missing { after select clause");
            self.advance(&[Tok::Case, Tok::Default, Tok::Rbrace]);
        }
        let mut clauses = Vec::new();
        while self.tok() != Tok::Eof && self.tok() != Tok::Rbrace {
            clauses.push(self.case_clause(true));
        }
        self.want(Tok::Rbrace);
        self.a.s(pos, Stmt::Select { clauses })
    }

    /// A `case` or `default` clause of a switch, or of a select (`comm`).
    fn case_clause(&mut self, comm: bool) -> (Pos, Vec<S>) {
        let pos = self.pos();
        match self.tok() {
            Tok::Case => {
                self.next();
                if comm {
                    self.simple_stmt(None, None);
                } else {
                    self.expr_list();
                }
            }
            Tok::Default => self.next(),
            _ => {
                self.syntax_error("expected case or default or }");
                self.advance(&[Tok::Colon, Tok::Case, Tok::Default, Tok::Rbrace]);
            }
        }
        self.want(Tok::Colon);
        let body = self.stmt_list();
        (pos, body)
    }

    /// `go` or `defer` and its call.
    fn call_stmt(&mut self) -> S {
        let pos = self.pos();
        let keyword = self.tok();
        self.next();
        let keep_parens = self.tok() == Tok::Lparen;
        let x = self.pexpr(None, keep_parens);
        if self.a.unparen(x) != x {
            let at = self.a.pos(x);
            self.error_at(at, format!("expression in {keyword} must not be parenthesized"));
        }
        self.a.s(pos, Stmt::Call)
    }

    /// A statement, or `None` where none starts.
    fn stmt_or_nil(&mut self) -> Option<S> {
        if !self.enter() {
            return None;
        }
        let s = self.stmt_or_nil_inner();
        self.leave();
        s
    }

    fn stmt_or_nil_inner(&mut self) -> Option<S> {
        if self.tok() == Tok::Name {
            self.clear_pragma();
            let lhs = self.expr_list();
            if matches!(self.a.e(lhs), Expr::Name(_)) && self.tok() == Tok::Colon {
                return self.labeled_stmt_or_nil(lhs);
            }
            return Some(self.simple_stmt(Some(lhs), None));
        }
        let pos = self.pos();
        match self.tok() {
            Tok::Var => return Some(self.decl_stmt(Parser::var_decl)),
            Tok::Const => return Some(self.decl_stmt(Parser::const_decl)),
            Tok::Type => return Some(self.decl_stmt(Parser::type_decl)),
            _ => {}
        }
        self.clear_pragma();
        Some(match self.tok() {
            Tok::Lbrace => self.block_stmt(""),
            Tok::Operator | Tok::Star => match self.t().op {
                Op::Add | Op::Sub | Op::Mul | Op::And | Op::Xor | Op::Not => self.simple_stmt(None, None),
                _ => return None,
            },
            Tok::Literal
            | Tok::Func
            | Tok::Lparen
            | Tok::Lbrack
            | Tok::Struct
            | Tok::Map
            | Tok::Chan
            | Tok::Interface
            | Tok::Arrow => self.simple_stmt(None, None),
            Tok::For => self.for_stmt(),
            Tok::Switch => self.switch_stmt(),
            Tok::Select => self.select_stmt(),
            Tok::If => self.if_stmt(),
            Tok::Fallthrough => {
                self.next();
                self.a.s(pos, Stmt::Branch { tok: Tok::Fallthrough, label: None })
            }
            Tok::Break | Tok::Continue => {
                let tok = self.tok();
                self.next();
                let label = if self.tok() == Tok::Name { Some(self.name()) } else { None };
                self.a.s(pos, Stmt::Branch { tok, label })
            }
            Tok::Go | Tok::Defer => self.call_stmt(),
            Tok::Goto => {
                self.next();
                let label = Some(self.name());
                self.a.s(pos, Stmt::Branch { tok: Tok::Goto, label })
            }
            Tok::Return => {
                self.next();
                if self.tok() != Tok::Semi && self.tok() != Tok::Rbrace {
                    self.expr_list();
                }
                self.a.s(pos, Stmt::Return)
            }
            Tok::Semi => self.a.s(pos, Stmt::Empty),
            _ => return None,
        })
    }

    fn stmt_list(&mut self) -> Vec<S> {
        let mut list = Vec::new();
        while !matches!(self.tok(), Tok::Eof | Tok::Rbrace | Tok::Case | Tok::Default) {
            let s = self.stmt_or_nil();
            self.clear_pragma();
            let Some(s) = s else { break };
            list.push(s);
            // `;` is optional before `}`.
            if !self.got(Tok::Semi) && self.tok() != Tok::Rbrace {
                self.syntax_error("at end of statement");
                self.advance(&[Tok::Semi, Tok::Rbrace, Tok::Case, Tok::Default]);
                self.got(Tok::Semi);
            }
        }
        list
    }
}
