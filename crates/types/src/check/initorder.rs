//! Initialization cycles through functions (go/types' `initorder.go`).
//!
//! Each package-level variable, constant and function depends on the package-level objects its
//! declaration refers to (a function: its body; a method counts when selected). go/types orders
//! the variables' initialization over that graph with the functions eliminated (a variable
//! depends on what the functions it calls refer to), and an object whose dependencies never
//! all come first is on a cycle: `var x = f(); func f() int { return x }` is `initialization
//! cycle for x`, listing who refers to whom. Cycles of constants and variables alone are found
//! while declaring them (see `decl.rs`); this pass reports those through functions.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use syntax::ast::{Decl, Expr, ExprKind};

use super::Checker;
use crate::object::{ObjId, ObjKind};

impl Checker<'_> {
    /// Reports the initialization cycles that go through a function, as go/types does while
    /// computing the initialization order.
    pub(super) fn init_cycles(&mut self) {
        let deps = self.declaration_deps();
        if deps.is_empty() {
            return;
        }
        let order = |o: ObjId| {
            let obj = self.ctx.obj(o);
            (obj.file, obj.pos)
        };
        let is_func = |o: ObjId| matches!(self.ctx.obj(o).kind, ObjKind::Func);
        // The transposed graph, functions eliminated, cheapest first (go/types'
        // `dependencyGraph`).
        let mut succ: HashMap<ObjId, BTreeSet<ObjId>> =
            deps.iter().map(|(&o, ds)| (o, ds.iter().copied().filter(|d| deps.contains_key(d)).collect())).collect();
        let mut pred: HashMap<ObjId, BTreeSet<ObjId>> = deps.keys().map(|&o| (o, BTreeSet::new())).collect();
        for (&o, ss) in &succ {
            for s in ss {
                pred.entry(*s).or_default().insert(o);
            }
        }
        let mut funcs: Vec<ObjId> = deps.keys().copied().filter(|&o| is_func(o)).collect();
        funcs.sort_by_key(|&f| (pred[&f].len() * succ[&f].len(), order(f)));
        for n in funcs {
            let preds: Vec<ObjId> = pred[&n].iter().copied().filter(|&p| p != n).collect();
            let succs: Vec<ObjId> = succ[&n].iter().copied().filter(|&s| s != n).collect();
            for &p in &preds {
                for &s in &succs {
                    succ.get_mut(&p).map(|x| x.insert(s));
                    pred.get_mut(&s).map(|x| x.insert(p));
                }
                succ.get_mut(&p).map(|x| x.remove(&n));
            }
            for &s in &succs {
                pred.get_mut(&s).map(|x| x.remove(&n));
            }
        }
        let nodes: Vec<ObjId> = deps.keys().copied().filter(|&o| !is_func(o)).collect();
        let rank = |o: ObjId, ndeps: usize| {
            let is_const = matches!(self.ctx.obj(o).kind, ObjKind::Const(_));
            (!is_const, ndeps, order(o), o)
        };
        let mut ndeps: HashMap<ObjId, usize> = nodes.iter().map(|&n| (n, succ[&n].len())).collect();
        let mut queue: BTreeSet<_> = nodes.iter().map(|&n| rank(n, ndeps[&n])).collect();
        let mut cycles = Vec::new();
        while let Some(first) = queue.pop_first() {
            let n = first.3;
            if ndeps[&n] > 0 {
                let mut seen = HashSet::default();
                if let Some(cycle) = self.find_path(&deps, n, n, &mut seen, &order) {
                    cycles.push(cycle);
                }
            }
            for &p in &pred[&n] {
                let Some(&d) = ndeps.get(&p) else { continue };
                if queue.remove(&rank(p, d)) {
                    let d = d.saturating_sub(1);
                    ndeps.insert(p, d);
                    queue.insert(rank(p, d));
                }
            }
        }
        // Cycles of constants and variables alone were reported when they were declared.
        cycles.retain(|c| c.iter().any(|&o| is_func(o)));
        for cycle in cycles {
            self.report_init_cycle(&cycle);
        }
    }

    /// go/types' `findPath`: a path from `from` to `to` through the dependencies, visiting each
    /// object's dependencies in source order; returned from its end (`to`) back.
    fn find_path(
        &self,
        deps: &HashMap<ObjId, Vec<ObjId>>,
        from: ObjId,
        to: ObjId,
        seen: &mut HashSet<ObjId>,
        order: &dyn Fn(ObjId) -> (u32, syntax::ast::Pos),
    ) -> Option<Vec<ObjId>> {
        if !seen.insert(from) {
            return None;
        }
        let mut ds: Vec<ObjId> = deps.get(&from)?.clone();
        ds.sort_by_key(|&d| order(d));
        for d in ds {
            if d == to {
                return Some(vec![d]);
            }
            if let Some(mut p) = self.find_path(deps, d, to, seen, order) {
                p.push(d);
                return Some(p);
            }
        }
        None
    }

    /// go/types' `reportCycle`.
    fn report_init_cycle(&mut self, cycle: &[ObjId]) {
        let first = self.ctx.obj(cycle[0]).clone();
        if cycle.len() == 1 {
            self.error_at(first.file, first.pos, format!("initialization cycle: {} refers to itself", first.name));
            return;
        }
        let mut msg = format!("initialization cycle for {}", first.name);
        let mut obj = cycle[0];
        for &next in cycle.iter().rev() {
            let (a, b) = (self.ctx.obj(obj), self.ctx.obj(next));
            let at = self.st_pos_string(a.file, a.pos);
            msg.push_str(&format!("\n\t{at}: {} refers to {}", a.name, b.name));
            obj = next;
        }
        self.error_at(first.file, first.pos, msg);
    }

    /// The package-level objects each package-level variable, constant and function (methods
    /// included) refers to.
    fn declaration_deps(&self) -> HashMap<ObjId, Vec<ObjId>> {
        let mut out: HashMap<ObjId, Vec<ObjId>> = HashMap::default();
        for (fi, file) in self.files.iter().enumerate() {
            let info = &self.info.files[fi];
            let is_dep = |o: ObjId| {
                let obj = self.ctx.obj(o);
                obj.pkg == self.path
                    && match obj.kind {
                        ObjKind::Var { global, .. } => global,
                        ObjKind::Const(_) => self.pkg_scope.get(&obj.name) == Some(&o),
                        ObjKind::Func => true,
                        _ => false,
                    }
            };
            let refs = |e: &Expr, found: &mut Vec<ObjId>| {
                let o = match &e.kind {
                    ExprKind::Ident(_) => info.uses.get(&e.id).copied(),
                    ExprKind::Selector { .. } => info.selections.get(&e.id).map(|s| s.obj),
                    _ => None,
                };
                if let Some(o) = o.filter(|&o| is_dep(o)) {
                    if !found.contains(&o) {
                        found.push(o);
                    }
                }
            };
            for d in &file.decls {
                match d {
                    Decl::Var(specs) | Decl::Const(specs) => {
                        for spec in specs {
                            let mut found = Vec::new();
                            for v in &spec.values {
                                syntax::visit::exprs_in_expr(v, &mut |e| refs(e, &mut found));
                            }
                            for n in &spec.names {
                                if let Some(&o) = info.defs.get(&n.pos) {
                                    out.insert(o, found.clone());
                                }
                            }
                        }
                    }
                    Decl::Func(fd) => {
                        let Some(&o) = info.defs.get(&fd.name.pos) else { continue };
                        let mut found = Vec::new();
                        if let Some(body) = &fd.body {
                            syntax::visit::exprs_in_stmts(&body.stmts, &mut |e| refs(e, &mut found));
                        }
                        out.insert(o, found);
                    }
                    _ => {}
                }
            }
        }
        out
    }
}
