//! gc's `checkBranches` (`syntax/branches.go`): labels, `goto`, and where `break`, `continue`
//! and `fallthrough` may appear, checked per function body right after it is parsed.
//!
//! One walk over the body keeps the chain of enclosing blocks (each with the labeled statement
//! it belongs to) and the innermost break/continue targets. A `goto` to a label not yet seen
//! is kept as a forward jump until the label appears in the same block (then whether it jumps
//! over a variable declaration is checked) or the block ends (then it moves outward).

use std::collections::HashMap;

use super::nodes::{Expr, Stmt, S, X};
use super::Parser;
use crate::ast::Pos;
use crate::parse::scanner::Tok;

/// A declared label.
struct Label {
    /// The block declaring it.
    block: usize,
    /// Its labeled statement.
    stmt: S,
    used: bool,
}

/// One block of the walk.
struct Block {
    parent: Option<usize>,
    start: Pos,
    /// The labeled statement the block belongs to, if any.
    lstmt: Option<S>,
}

/// What unlabeled `break`, `continue` and `fallthrough` refer to.
#[derive(Clone, Copy)]
struct Targets {
    /// The innermost `for`, `switch` or `select`.
    breaks: Option<S>,
    /// The innermost `for`.
    continues: Option<S>,
    /// The index of the case clause in the innermost switch, if directly in one.
    case_index: Option<usize>,
}

struct Scope<'s> {
    labels: HashMap<&'s str, Label>,
    /// Label names in declaration order (gc reports unused labels in map order, and sorts).
    order: Vec<&'s str>,
    blocks: Vec<Block>,
}

/// A forward `goto`: its branch statement and label name.
type Fwd = (S, X);

impl<'s> Parser<'_, 's> {
    pub(super) fn check_branches(&mut self, body: S) {
        let Stmt::Block(list) = self.a.st(body).clone() else { return };
        let mut scope = Scope { labels: HashMap::new(), order: Vec::new(), blocks: Vec::new() };
        let start = self.a.spos(body);
        let targets = Targets { breaks: None, continues: None, case_index: None };
        let fwd = self.block_branches(&mut scope, None, targets, None, start, &list);
        for (_, label) in fwd {
            let name = self.label_name(label);
            let at = self.a.pos(label);
            if let Some(l) = scope.labels.get_mut(name) {
                l.used = true;
                let start = scope.blocks[l.block].start;
                let msg = format!("goto {name} jumps into block starting at {}", self.pos_string(start));
                self.branch_error(at, msg);
            } else {
                self.branch_error(at, format!("label {name} not defined"));
            }
        }
        for name in scope.order {
            let l = &scope.labels[name];
            if !l.used {
                let Stmt::Labeled { label, .. } = *self.a.st(l.stmt) else { continue };
                let at = self.a.pos(label);
                self.branch_error(at, format!("label {name} defined and not used"));
            }
        }
    }

    fn label_name(&self, x: X) -> &'s str {
        match self.a.e(x) {
            Expr::Name(n) => n,
            _ => "_",
        }
    }

    /// A position as gc's `Pos.String` prints it.
    fn pos_string(&self, p: Pos) -> String {
        format!("{}:{}:{}", self.path, p.line, p.col)
    }

    fn block_branches(
        &mut self,
        scope: &mut Scope<'s>,
        parent: Option<usize>,
        ctxt: Targets,
        lstmt: Option<S>,
        start: Pos,
        body: &[S],
    ) -> Vec<Fwd> {
        scope.blocks.push(Block { parent, start, lstmt });
        let b = scope.blocks.len() - 1;
        let mut var_decl: Option<(Pos, X)> = None;
        let mut fwd_gotos: Vec<Fwd> = Vec::new();
        let mut bad_gotos: Vec<Fwd> = Vec::new();

        // Trailing empty statements do not count (for `fallthrough` as the last statement).
        let mut n = body.len();
        while n > 0 && matches!(self.a.st(body[n - 1]), Stmt::Empty) {
            n -= 1;
        }
        let list = &body[..n];
        for (index, &first) in list.iter().enumerate() {
            // The labeled statement the current statement belongs to, for its inner blocks.
            let mut lstmt = None;
            let mut stmt = first;
            loop {
                match self.a.st(stmt).clone() {
                    Stmt::Decl(Some((pos, name))) => {
                        var_decl = Some((pos, name));
                        bad_gotos = fwd_gotos.clone();
                    }
                    Stmt::Labeled { label, stmt: inner } => {
                        let name = self.label_name(label);
                        if name != "_" {
                            self.declare(scope, b, stmt, label);
                            let mut kept = Vec::new();
                            for fwd in std::mem::take(&mut fwd_gotos) {
                                if self.label_name(fwd.1) == name {
                                    if let Some(l) = scope.labels.get_mut(name) {
                                        l.used = true;
                                    }
                                    if let Some((vpos, vname)) = var_decl {
                                        if bad_gotos.iter().any(|g| g.0 == fwd.0) {
                                            let at = self.a.pos(fwd.1);
                                            let msg = format!(
                                                "goto {name} jumps over declaration of {} at {}",
                                                self.a.expr_string(vname),
                                                self.pos_string(vpos)
                                            );
                                            self.branch_error(at, msg);
                                        }
                                    }
                                } else {
                                    kept.push(fwd);
                                }
                            }
                            fwd_gotos = kept;
                            lstmt = Some(stmt);
                        }
                        stmt = inner;
                        continue;
                    }
                    Stmt::Branch { tok, label: None } => {
                        let pos = self.a.spos(stmt);
                        match tok {
                            Tok::Break if ctxt.breaks.is_none() => {
                                self.branch_error(pos, "break is not in a loop, switch, or select".into());
                            }
                            Tok::Continue if ctxt.continues.is_none() => {
                                self.branch_error(pos, "continue is not in a loop".into());
                            }
                            Tok::Fallthrough => {
                                let mut msg = Some("fallthrough statement out of place");
                                if let Some(t) = ctxt.breaks {
                                    if let Stmt::Switch { type_switch, clauses } = self.a.st(t) {
                                        if *type_switch {
                                            msg = Some("cannot fallthrough in type switch");
                                        } else if ctxt.case_index.is_none() || index + 1 < list.len() {
                                            // Not the last statement of a case: out of place.
                                        } else if ctxt.case_index.is_some_and(|i| i + 1 == clauses.len()) {
                                            msg = Some("cannot fallthrough final case in switch");
                                        } else {
                                            msg = None;
                                        }
                                    }
                                }
                                if let Some(m) = msg {
                                    self.branch_error(pos, m.into());
                                }
                            }
                            _ => {}
                        }
                    }
                    Stmt::Branch { tok, label: Some(label) } => {
                        let name = self.label_name(label);
                        let at = self.a.pos(label);
                        match tok {
                            Tok::Break => match self.enclosing_target(scope, b, name) {
                                Some(Some(t)) => {
                                    if !matches!(
                                        self.a.st(t),
                                        Stmt::Switch { .. } | Stmt::Select { .. } | Stmt::For { .. }
                                    ) {
                                        self.branch_error(at, format!("invalid break label {name}"));
                                    }
                                }
                                Some(None) => self.branch_error(at, format!("invalid break label {name}")),
                                None => self.branch_error(at, format!("break label not defined: {name}")),
                            },
                            Tok::Continue => match self.enclosing_target(scope, b, name) {
                                Some(Some(t)) => {
                                    if !matches!(self.a.st(t), Stmt::For { .. }) {
                                        self.branch_error(at, format!("invalid continue label {name}"));
                                    }
                                }
                                Some(None) => self.branch_error(at, format!("invalid continue label {name}")),
                                None => self.branch_error(at, format!("continue label not defined: {name}")),
                            },
                            Tok::Goto if !self.goto_target(scope, b, name) => fwd_gotos.push((stmt, label)),
                            _ => {}
                        }
                    }
                    Stmt::Assign { op: crate::parse::scanner::Op::Def, lhs, .. } => {
                        var_decl = Some((self.a.spos(stmt), lhs));
                        bad_gotos = fwd_gotos.clone();
                    }
                    Stmt::Block(inner) => {
                        let t = Targets { case_index: None, ..ctxt };
                        let start = self.a.spos(stmt);
                        let f = self.block_branches(scope, Some(b), t, lstmt, start, &inner);
                        fwd_gotos.extend(f);
                    }
                    Stmt::If { then, els } => {
                        let t = Targets { case_index: None, ..ctxt };
                        if let Stmt::Block(inner) = self.a.st(then).clone() {
                            let start = self.a.spos(then);
                            let f = self.block_branches(scope, Some(b), t, lstmt, start, &inner);
                            fwd_gotos.extend(f);
                        }
                        if let Some(e) = els {
                            let start = self.a.spos(e);
                            let f = self.block_branches(scope, Some(b), t, lstmt, start, &[e]);
                            fwd_gotos.extend(f);
                        }
                    }
                    Stmt::For { body } => {
                        let t = Targets { breaks: Some(stmt), continues: Some(stmt), case_index: None };
                        if let Stmt::Block(inner) = self.a.st(body).clone() {
                            let start = self.a.spos(body);
                            let f = self.block_branches(scope, Some(b), t, lstmt, start, &inner);
                            fwd_gotos.extend(f);
                        }
                    }
                    Stmt::Switch { clauses, .. } => {
                        for (i, (cpos, cbody)) in clauses.iter().enumerate() {
                            let t = Targets { breaks: Some(stmt), continues: ctxt.continues, case_index: Some(i) };
                            let f = self.block_branches(scope, Some(b), t, lstmt, *cpos, cbody);
                            fwd_gotos.extend(f);
                        }
                    }
                    Stmt::Select { clauses } => {
                        for (cpos, cbody) in &clauses {
                            let t = Targets { breaks: Some(stmt), continues: ctxt.continues, case_index: None };
                            let f = self.block_branches(scope, Some(b), t, lstmt, *cpos, cbody);
                            fwd_gotos.extend(f);
                        }
                    }
                    _ => {}
                }
                break;
            }
        }
        fwd_gotos
    }

    fn declare(&mut self, scope: &mut Scope<'s>, b: usize, stmt: S, label: X) {
        let name = self.label_name(label);
        if let Some(alt) = scope.labels.get(name) {
            let Stmt::Labeled { label: prev, .. } = *self.a.st(alt.stmt) else { return };
            let prev_pos = self.a.pos(prev);
            let msg = format!("label {name} already defined at {}", self.pos_string(prev_pos));
            self.branch_error(self.a.pos(label), msg);
            return;
        }
        scope.labels.insert(name, Label { block: b, stmt, used: false });
        scope.order.push(name);
    }

    /// Whether label `name` is declared in `b` or a block around it (marking it used).
    fn goto_target(&self, scope: &mut Scope<'s>, b: usize, name: &str) -> bool {
        let Some(l) = scope.labels.get_mut(name) else { return false };
        l.used = true;
        let target = l.block;
        let mut cur = Some(b);
        while let Some(c) = cur {
            if c == target {
                return true;
            }
            cur = scope.blocks[c].parent;
        }
        false
    }

    /// For `break L`/`continue L`: `None` if `L` is not declared, `Some(None)` if it does not
    /// label an enclosing statement, else the labeled statement.
    fn enclosing_target(&self, scope: &mut Scope<'s>, b: usize, name: &str) -> Option<Option<S>> {
        let l = scope.labels.get_mut(name)?;
        l.used = true;
        let lstmt = l.stmt;
        let mut cur = Some(b);
        while let Some(c) = cur {
            if scope.blocks[c].lstmt == Some(lstmt) {
                let Stmt::Labeled { stmt, .. } = *self.a.st(lstmt) else { return Some(None) };
                return Some(Some(stmt));
            }
            cur = scope.blocks[c].parent;
        }
        Some(None)
    }
}
