//! Labels, branch placement and terminating statements.
//!
//! gc checks `break`, `continue`, `goto`, `fallthrough` and labels in its parser
//! (`syntax/branches.go`), not in the type checker, and its messages differ from go/types';
//! [`Checker::check_branches`] follows the parser's rules: one walk over a function body
//! keeping the chain of enclosing blocks (with the labeled statement each belongs to) and the
//! innermost break/continue targets; forward `goto`s are resolved when their label appears
//! later in the same block, or reported as jumping into a block / to an undefined label.
//!
//! [`Checker::is_terminating_list`] is go/types' `return.go`: whether a statement list ends in
//! a statement after which control cannot fall off (for "missing return").

use rustc_hash::FxHashMap as HashMap;

use syntax::ast::{AssignOp, BranchKind, CaseClause, CommClause, Decl, Expr, ExprKind, Ident, Stmt, StmtKind};
use syntax::Pos;

use super::Checker;
use crate::object::ObjKind;
use crate::Builtin;

/// A declared label: where, in which block (index into the block list), whether used.
struct LabelInfo {
    pos: Pos,
    block: usize,
    used: bool,
}

/// One block of the walk: its enclosing block, start position and labeled statement.
struct BlockInfo {
    parent: Option<usize>,
    start: Pos,
    /// The label of the statement this block belongs to (position identifies it).
    lstmt: Option<Pos>,
}

/// What an unlabeled `break`/`continue`/`fallthrough` may refer to.
#[derive(Clone, Copy)]
struct Targets {
    breaks: bool,
    continues: bool,
    /// Inside an expression switch: the index of the case and the number of cases.
    case: Option<(usize, usize)>,
    type_switch: bool,
}

/// What a label's statement is, for `break L` / `continue L`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LabeledKind {
    Loop,
    SwitchOrSelect,
    Other,
}

#[derive(Default)]
struct LabelScope {
    labels: HashMap<String, LabelInfo>,
    /// Labeled statement kinds by label position.
    kinds: HashMap<Pos, LabeledKind>,
    blocks: Vec<BlockInfo>,
    errors: Vec<(Pos, String)>,
}

impl LabelScope {
    fn goto_target(&mut self, b: usize, name: &str) -> bool {
        let Some(l) = self.labels.get_mut(name) else { return false };
        l.used = true;
        let lb = l.block;
        let mut cur = Some(b);
        while let Some(c) = cur {
            if c == lb {
                return true;
            }
            cur = self.blocks[c].parent;
        }
        false
    }

    /// `None`: no such label; `Some(None)`: not an enclosing label; else the statement kind.
    fn enclosing_target(&mut self, b: usize, name: &str) -> Option<Option<LabeledKind>> {
        let l = self.labels.get_mut(name)?;
        l.used = true;
        let lpos = l.pos;
        let mut cur = Some(b);
        while let Some(c) = cur {
            if self.blocks[c].lstmt == Some(lpos) {
                return Some(self.kinds.get(&lpos).copied());
            }
            cur = self.blocks[c].parent;
        }
        Some(None)
    }
}

/// A forward `goto`: its label identifier.
type Goto<'a> = &'a Ident;

impl<'a> Checker<'a> {
    /// Checks branch statements and labels of one function body (gc's `checkBranches`).
    pub(super) fn check_branches(&mut self, body: &'a syntax::ast::Block) {
        let mut ls = LabelScope::default();
        let t = Targets { breaks: false, continues: false, case: None, type_switch: false };
        let fwd = self.block_branches(&mut ls, None, t, None, body.pos, &body.stmts);
        for g in fwd {
            let name = &g.name;
            if let Some(l) = ls.labels.get_mut(name) {
                l.used = true;
                let start = ls.blocks[l.block].start;
                let ps = self.st_pos_string(self.env.file, start);
                ls.errors.push((g.pos, format!("goto {name} jumps into block starting at {ps}")));
            } else {
                ls.errors.push((g.pos, format!("label {name} not defined")));
            }
        }
        let mut unused: Vec<(Pos, String)> = ls
            .labels
            .iter()
            .filter(|(_, l)| !l.used)
            .map(|(n, l)| (l.pos, format!("label {n} defined and not used")))
            .collect();
        unused.sort();
        ls.errors.extend(unused);
        for (p, m) in ls.errors {
            self.error(p, m);
        }
    }

    fn labeled_kind(s: &Stmt) -> LabeledKind {
        match &s.kind {
            StmtKind::For { .. } | StmtKind::Range { .. } => LabeledKind::Loop,
            StmtKind::Switch { .. } | StmtKind::TypeSwitch { .. } | StmtKind::Select { .. } => {
                LabeledKind::SwitchOrSelect
            }
            _ => LabeledKind::Other,
        }
    }

    fn block_branches(
        &mut self,
        ls: &mut LabelScope,
        parent: Option<usize>,
        ctxt: Targets,
        lstmt: Option<Pos>,
        start: Pos,
        body: &'a [Stmt],
    ) -> Vec<Goto<'a>> {
        let b = ls.blocks.len();
        ls.blocks.push(BlockInfo { parent, start, lstmt });
        let mut var_decl: Option<(Pos, String)> = None;
        let mut fwd: Vec<Goto<'a>> = Vec::new();
        let mut bad: Vec<Pos> = Vec::new();
        let mut n = body.len();
        while n > 0 && matches!(body[n - 1].kind, StmtKind::Empty) {
            n -= 1;
        }
        let list = &body[..n];
        for (idx, stmt) in list.iter().enumerate() {
            let mut lstmt: Option<Pos> = None;
            let mut s = stmt;
            // Labels first: a labeled statement's label applies to the statement it labels.
            while let StmtKind::Labeled { label, stmt: inner } = &s.kind {
                if label.name != "_" {
                    if let Some(alt) = ls.labels.get(&label.name) {
                        let ps = self.st_pos_string(self.env.file, alt.pos);
                        ls.errors.push((label.pos, format!("label {} already defined at {ps}", label.name)));
                    } else {
                        ls.labels.insert(label.name.clone(), LabelInfo { pos: label.pos, block: b, used: false });
                        ls.kinds.insert(label.pos, Self::labeled_kind(inner));
                        let obj = self.new_obj(&label.name, ObjKind::Label, None, label.pos);
                        self.record_def(label.pos, obj);
                    }
                    let mut keep = Vec::new();
                    for g in fwd.drain(..) {
                        if g.name == label.name {
                            if let Some(l) = ls.labels.get_mut(&label.name) {
                                l.used = true;
                            }
                            if let Some((vp, vn)) = &var_decl {
                                if bad.contains(&g.pos) {
                                    let ps = self.st_pos_string(self.env.file, *vp);
                                    ls.errors.push((
                                        g.pos,
                                        format!("goto {} jumps over declaration of {vn} at {ps}", g.name),
                                    ));
                                }
                            }
                        } else {
                            keep.push(g);
                        }
                    }
                    fwd = keep;
                    lstmt = Some(label.pos);
                }
                s = inner;
            }
            let inner = |ls: &mut LabelScope,
                         this: &mut Self,
                         t: Targets,
                         start: Pos,
                         body: &'a [Stmt],
                         fwd: &mut Vec<Goto<'a>>| {
                let more = this.block_branches(ls, Some(b), t, lstmt, start, body);
                fwd.extend(more);
            };
            match &s.kind {
                StmtKind::Decl(Decl::Var(specs)) => {
                    if let Some(n0) = specs.first().and_then(|sp| sp.names.first()) {
                        var_decl = Some((n0.pos, n0.name.clone()));
                        bad = fwd.iter().map(|g| g.pos).collect();
                    }
                }
                StmtKind::Assign { lhs, op: AssignOp::Define, .. } => {
                    let names: Vec<String> = lhs.iter().map(|e| self.expr_string(e)).collect();
                    var_decl = Some((s.pos, names.join(", ")));
                    bad = fwd.iter().map(|g| g.pos).collect();
                }
                StmtKind::Branch { kind, label: None } => match kind {
                    BranchKind::Break => {
                        if !ctxt.breaks {
                            ls.errors.push((s.pos, "break is not in a loop, switch, or select".into()));
                        }
                    }
                    BranchKind::Continue => {
                        if !ctxt.continues {
                            ls.errors.push((s.pos, "continue is not in a loop".into()));
                        }
                    }
                    BranchKind::Fallthrough => {
                        let mut msg = Some("fallthrough statement out of place");
                        if ctxt.type_switch {
                            msg = Some("cannot fallthrough in type switch");
                        } else if let Some((ci, nc)) = ctxt.case {
                            if idx + 1 < list.len() {
                            } else if ci + 1 == nc {
                                msg = Some("cannot fallthrough final case in switch");
                            } else {
                                msg = None;
                            }
                        }
                        if let Some(m) = msg {
                            ls.errors.push((s.pos, m.into()));
                        }
                    }
                    BranchKind::Goto => {}
                },
                StmtKind::Branch { kind, label: Some(l) } => {
                    let name = &l.name;
                    match kind {
                        BranchKind::Break => match ls.enclosing_target(b, name) {
                            Some(Some(LabeledKind::Loop | LabeledKind::SwitchOrSelect)) => {}
                            Some(_) => ls.errors.push((l.pos, format!("invalid break label {name}"))),
                            None => ls.errors.push((l.pos, format!("break label not defined: {name}"))),
                        },
                        BranchKind::Continue => match ls.enclosing_target(b, name) {
                            Some(Some(LabeledKind::Loop)) => {}
                            Some(_) => ls.errors.push((l.pos, format!("invalid continue label {name}"))),
                            None => ls.errors.push((l.pos, format!("continue label not defined: {name}"))),
                        },
                        BranchKind::Goto => {
                            if !ls.goto_target(b, name) {
                                fwd.push(l);
                            }
                        }
                        BranchKind::Fallthrough => {}
                    }
                }
                StmtKind::Block(bl) => {
                    let t = Targets { case: None, ..ctxt };
                    inner(ls, self, t, bl.pos, &bl.stmts, &mut fwd);
                }
                StmtKind::If { then, els, .. } => {
                    let t = Targets { case: None, ..ctxt };
                    inner(ls, self, t, then.pos, &then.stmts, &mut fwd);
                    if let Some(e) = els {
                        inner(ls, self, t, e.pos, std::slice::from_ref(&**e), &mut fwd);
                    }
                }
                StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
                    let t = Targets { breaks: true, continues: true, case: None, type_switch: false };
                    inner(ls, self, t, body.pos, &body.stmts, &mut fwd);
                }
                StmtKind::Switch { body, .. } => {
                    for (i, cc) in body.iter().enumerate() {
                        let t = Targets {
                            breaks: true,
                            continues: ctxt.continues,
                            case: Some((i, body.len())),
                            type_switch: false,
                        };
                        inner(ls, self, t, cc.pos, &cc.body, &mut fwd);
                    }
                }
                StmtKind::TypeSwitch { body, .. } => {
                    for cc in body {
                        let t = Targets { breaks: true, continues: ctxt.continues, case: None, type_switch: true };
                        inner(ls, self, t, cc.pos, &cc.body, &mut fwd);
                    }
                }
                StmtKind::Select { body } => {
                    for cc in body {
                        let t = Targets { breaks: true, continues: ctxt.continues, case: None, type_switch: false };
                        inner(ls, self, t, cc.pos, &cc.body, &mut fwd);
                    }
                }
                _ => {}
            }
        }
        fwd
    }

    /// Whether the statement list ends in a terminating statement (go/types' `isTerminating`).
    pub(super) fn is_terminating_list(&mut self, stmts: &'a [Stmt], label: &str) -> bool {
        match stmts.iter().rev().find(|s| !matches!(s.kind, StmtKind::Empty)) {
            Some(s) => self.is_terminating(s, label),
            None => false,
        }
    }

    fn is_panic_call(&self, e: &Expr) -> bool {
        let ExprKind::Call { fun, .. } = &e.unparen().kind else { return false };
        let f = fun.unparen();
        let ExprKind::Ident(name) = &f.kind else { return false };
        let fi = self.env.file as usize;
        match self.info.files.get(fi).and_then(|i| i.uses.get(&f.id)) {
            Some(&o) => matches!(self.ctx.obj(o).kind, ObjKind::Builtin(Builtin::Panic)),
            None => name == "panic",
        }
    }

    fn is_terminating(&mut self, s: &'a Stmt, label: &str) -> bool {
        match &s.kind {
            StmtKind::Labeled { label, stmt } => self.is_terminating(stmt, &label.name),
            StmtKind::Expr(e) => self.is_panic_call(e),
            StmtKind::Return(_) => true,
            StmtKind::Branch { kind, .. } => matches!(kind, BranchKind::Goto | BranchKind::Fallthrough),
            StmtKind::Block(b) => self.is_terminating_list(&b.stmts, ""),
            StmtKind::If { then, els, .. } => match els {
                Some(e) => self.is_terminating_list(&then.stmts, "") && self.is_terminating(e, ""),
                None => false,
            },
            StmtKind::Switch { body, .. } | StmtKind::TypeSwitch { body, .. } => {
                self.is_terminating_switch(body, label)
            }
            StmtKind::Select { body } => {
                for cc in body {
                    if !self.is_terminating_list(&cc.body, "") || has_break_list(&cc.body, label, true) {
                        return false;
                    }
                }
                true
            }
            StmtKind::For { cond, body, .. } => cond.is_none() && !has_break_list(&body.stmts, label, true),
            _ => false,
        }
    }

    fn is_terminating_switch(&mut self, body: &'a [CaseClause], label: &str) -> bool {
        let mut has_default = false;
        for cc in body {
            if cc.is_default {
                has_default = true;
            }
            if !self.is_terminating_list(&cc.body, "") || has_break_list(&cc.body, label, true) {
                return false;
            }
        }
        has_default
    }
}

/// Whether `s` contains a `break` that leaves the statement labeled `label` (or, with
/// `implicit`, an unlabeled `break` of the enclosing statement).
fn has_break(s: &Stmt, label: &str, implicit: bool) -> bool {
    match &s.kind {
        StmtKind::Labeled { stmt, .. } => has_break(stmt, label, implicit),
        StmtKind::Branch { kind: BranchKind::Break, label: l } => match l {
            None => implicit,
            Some(l) => l.name == label,
        },
        StmtKind::Block(b) => has_break_list(&b.stmts, label, implicit),
        StmtKind::If { then, els, .. } => {
            has_break_list(&then.stmts, label, implicit) || els.as_ref().is_some_and(|e| has_break(e, label, implicit))
        }
        StmtKind::Switch { body, .. } | StmtKind::TypeSwitch { body, .. } => {
            !label.is_empty() && body.iter().any(|c| has_break_list(&c.body, label, false))
        }
        StmtKind::Select { body } => !label.is_empty() && has_break_comm(body, label),
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
            !label.is_empty() && has_break_list(&body.stmts, label, false)
        }
        _ => false,
    }
}

fn has_break_list(list: &[Stmt], label: &str, implicit: bool) -> bool {
    list.iter().any(|s| has_break(s, label, implicit))
}

fn has_break_comm(list: &[CommClause], label: &str) -> bool {
    list.iter().any(|c| has_break_list(&c.body, label, false))
}
