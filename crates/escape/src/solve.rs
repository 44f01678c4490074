//! Solving the location graph (gc's `escape/solve.go`).
//!
//! From every location (the *root*) we compute, with a Bellman-Ford style relaxation over the
//! incoming edges, the fewest dereferences with which every other location's value reaches the
//! root. A location whose *address* reaches a root that outlives it must live on the heap; a
//! parameter whose value reaches the heap or a result records that in its leak set. Locations
//! are walked again whenever they gain an attribute, until nothing changes.

use std::collections::VecDeque;

use crate::batch::Batch;
use crate::graph::*;

impl Batch<'_> {
    /// Walks from every location until a fixed point (gc's `walkAll`).
    pub(crate) fn walk_all(&mut self) {
        let mut todo: VecDeque<LocId> = VecDeque::new();
        for id in self.g.all() {
            todo.push_front(id);
            self.g.locs[id].queued_walk_all = true;
        }
        for id in [MUTATOR, CALLEE, HEAP] {
            todo.push_front(id);
            self.g.locs[id].queued_walk_all = true;
        }
        let mut walkgen = 0u32;
        while let Some(root) = todo.pop_front() {
            self.g.locs[root].queued_walk_all = false;
            walkgen += 1;
            self.walk_one(root, walkgen, &mut todo);
        }
    }

    fn enqueue(&mut self, todo: &mut VecDeque<LocId>, loc: LocId) {
        let l = &mut self.g.locs[loc];
        if !l.queued_walk_all {
            l.queued_walk_all = true;
            if l.has(ESCAPES) {
                todo.push_front(loc);
            } else {
                todo.push_back(loc);
            }
        }
    }

    /// Computes the fewest dereferences from `root` to every location (gc's `walkOne`).
    fn walk_one(&mut self, root: LocId, walkgen: u32, walk_all: &mut VecDeque<LocId>) {
        {
            let r = &mut self.g.locs[root];
            r.walkgen = walkgen;
            r.derefs = 0;
        }
        // A closure whose results we stop tracking once it is called from somewhere unknown.
        if self.g.locs[root].has(CALLS) && self.pkg.rules.mutator_callee_locations {
            if let LocNode::Expr { kind: ExprLocKind::Closure(f), .. } = self.g.locs[root].node {
                if self.in_batch(f) && !self.st.closure_results_lost[f.0 as usize] {
                    self.st.closure_results_lost[f.0 as usize] = true;
                    let results = self.pkg.func(f).results.clone();
                    for r in results {
                        if let Some(&l) = self.var_locs.get(&r) {
                            self.enqueue(walk_all, l);
                        }
                    }
                }
            }
        }

        let mut todo: VecDeque<LocId> = VecDeque::new();
        todo.push_front(root);
        while let Some(l) = todo.pop_front() {
            self.g.locs[l].queued_walk_one = 0;
            let mut derefs = self.g.locs[l].derefs;
            let mut new_attrs = 0u8;

            // A negative count means l's address reaches the root.
            if derefs < 0 {
                derefs = 0;
                if self.outlives(root, l) {
                    if !self.g.locs[l].has(ESCAPES) && self.g.explain {
                        if let Some(site) = self.site(l) {
                            self.explain_head(&site, format!("{} escapes to heap in {}:", site.text, site.func));
                            let mut log = Vec::new();
                            let steps = self.explain_path(&site, root, l, &mut log);
                            self.hint(&site, root, &steps);
                            self.log_opt("escape", &site, format!("{} escapes to heap", site.text), log);
                        }
                    }
                    new_attrs |= ALL_ATTRS;
                } else if self.g.locs[root].has(PERSISTS) {
                    new_attrs |= PERSISTS;
                }
            }
            if derefs == 0 {
                new_attrs |= self.g.locs[root].attrs & (MUTATES | CALLS);
            }

            if self.g.locs[l].param {
                if self.outlives(root, l) {
                    if !self.g.locs[l].has(ESCAPES) && self.g.explain {
                        if let Some(site) = self.site(l) {
                            let to = self.explain_loc(root);
                            let line = format!(
                                "parameter {} leaks to {to} for {} with derefs={derefs}:",
                                site.text, site.func
                            );
                            self.explain_head(&site, line);
                            let mut log = Vec::new();
                            self.explain_path(&site, root, l, &mut log);
                            let message = format!("parameter {} leaks to {to} with derefs={derefs}", site.text);
                            self.log_opt("leak", &site, message, log);
                        }
                    }
                    self.leak_to(l, root, derefs);
                }
                if self.g.locs[root].has(MUTATES) {
                    self.g.locs[l].param_esc.add_mutator(derefs);
                }
                if self.g.locs[root].has(CALLS) {
                    self.g.locs[l].param_esc.add_callee(derefs);
                }
            }

            if new_attrs & !self.g.locs[l].attrs != 0 {
                self.g.locs[l].attrs |= new_attrs;
                self.enqueue(walk_all, l);
                if self.g.locs[l].has(ESCAPES) {
                    continue;
                }
            }

            for i in 0..self.g.locs[l].edges.len() {
                let Edge { src, derefs: ed, .. } = self.g.locs[l].edges[i];
                if self.g.locs[src].has(ESCAPES) {
                    continue;
                }
                let d = derefs + ed;
                let s = &mut self.g.locs[src];
                if s.walkgen != walkgen || s.derefs > d {
                    s.walkgen = walkgen;
                    s.derefs = d;
                    s.dst = l;
                    s.dst_edge = i;
                    if s.queued_walk_one != walkgen {
                        s.queued_walk_one = walkgen;
                        todo.push_back(src);
                    }
                }
            }
        }
    }

    /// Records that parameter `l` leaks to `sink` (gc's `location.leakTo`): to a result of its
    /// own function when the result is not itself on the heap, otherwise to the heap.
    fn leak_to(&mut self, l: LocId, sink: LocId, derefs: i32) {
        let s = &self.g.locs[sink];
        if !s.has(ESCAPES) && s.param_out && s.func == self.g.locs[l].func {
            let ri = s.result_index - 1;
            if ri < crate::leaks::NUM_RESULTS {
                self.g.locs[l].param_esc.add_result(ri, derefs);
                return;
            }
        }
        self.g.locs[l].param_esc.add_heap(derefs);
    }

    /// Whether values stored in `l` may survive beyond `other`'s lifetime (gc's `outlives`).
    pub(crate) fn outlives(&self, l: LocId, other: LocId) -> bool {
        let lo = &self.g.locs[l];
        let oo = &self.g.locs[other];
        if lo.has(ESCAPES) {
            return true;
        }
        if l == MUTATOR || l == CALLEE {
            return false;
        }
        if lo.param_out {
            // A closure's results may hold its enclosing function's locations as long as every
            // call of the closure is known (up to gc 1.21: as long as it is only called where
            // it is written).
            if let (Some(of), Some(lf)) = (oo.func, lo.func) {
                let tracked = match self.pkg.rules.mutator_callee_locations {
                    true => !self.st.closure_results_lost[lf.0 as usize],
                    false => self.st.closure_called[lf.0 as usize],
                };
                if self.contains_closure(of, lf) && tracked {
                    return false;
                }
            }
            return true;
        }
        if lo.func == oo.func && lo.loop_depth < oo.loop_depth {
            return true;
        }
        if let (Some(lf), Some(of)) = (lo.func, oo.func) {
            if self.contains_closure(lf, of) {
                return true;
            }
        }
        false
    }

    /// Whether `c` is a closure nested, at any depth, in `f`.
    pub(crate) fn contains_closure(&self, f: ir::FuncId, c: ir::FuncId) -> bool {
        if f == c {
            return false;
        }
        if !self.pkg.rules.contains_closure_by_parent {
            // gc 1.22: `F.…` is in `F`.
            let (fname, cname) = (&self.pkg.func(f).name, &self.pkg.func(c).name);
            return cname.len() > fname.len()
                && cname.starts_with(fname.as_str())
                && cname[fname.len()..].starts_with('.');
        }
        let mut p = self.pkg.func(c).outer;
        while let Some(q) = p {
            if q == f {
                return true;
            }
            p = self.pkg.func(q).outer;
        }
        false
    }
}
