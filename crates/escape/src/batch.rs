//! One batch: the functions of one call-graph component analyzed together (gc's `Batch`).
//!
//! The steps mirror gc: give every variable of every function a location, walk the bodies of
//! the top-level functions (closure bodies are walked where the closure expression appears),
//! decide for each captured variable whether closures capture it by value or by reference,
//! force to the heap what cannot live on the stack, solve, then report and record tags.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use ir::{FuncId, Package, VarClass, VarId};

use crate::graph::*;
use crate::leaks::LeakSet;
use crate::Diagnostic;

/// gc's `ir.MaxImplicitStackVarSize`: the limit for `new`, `&T{}`, `make` and closures.
pub(crate) const MAX_IMPLICIT_STACK_VAR_SIZE: i64 = 64 * 1024;

/// Tags of a function once its batch is finished.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tagged {
    pub recv: Option<LeakSet>,
    pub params: Vec<LeakSet>,
}

/// What outlives a batch: finished tags, per-function flags and the diagnostics so far.
pub(crate) struct State {
    /// Explain verdicts (`-m=2`).
    pub explain: bool,
    /// Find why each location on the heap is there (`hints`), from the paths `-m=2` explains.
    pub find_hints: bool,
    /// Keep gc's optimization log (`-json=0,DIR`): its entries go to `opt_log`.
    pub log_opts: bool,
    pub opt_log: Vec<ir::OptLog>,
    /// The functions whose graphs to draw, and the graphs drawn.
    pub graphs_wanted: Vec<String>,
    pub graphs: Vec<(String, String)>,
    /// Plain-words reasons for heap verdicts, when explaining.
    pub hints: Vec<crate::Hint>,
    pub tags: Vec<Option<Tagged>>,
    pub closure_results_lost: Vec<bool>,
    /// Literals called where they are written (`func() {...}()`), whose results gc 1.21 keeps
    /// track of (its `ClosureCalled`).
    pub closure_called: Vec<bool>,
    pub diagnostics: Vec<Diagnostic>,
    /// Each function's variables, indexed by function (computed once per package).
    pub vars_of: Vec<Vec<VarId>>,
}

pub(crate) struct Batch<'a> {
    pub pkg: &'a Package,
    pub st: &'a mut State,
    pub funcs: Vec<FuncId>,
    pub members: HashSet<FuncId>,
    pub g: Graph,
    pub var_locs: HashMap<VarId, LocId>,
    /// Closure expressions met while walking, with the hole their captured variables flow to.
    pub closures: Vec<(Hole, FuncId)>,
    /// Variables declared but not yet given their defining assignment.
    pub awaiting_definition: HashSet<VarId>,
    /// The function being walked and the loop depth within it.
    pub cur: FuncId,
    pub loop_depth: i32,
    /// Assignment facts per outermost function, for static callee resolution.
    pub oracles: HashMap<FuncId, crate::statics::Oracle>,
}

impl<'a> Batch<'a> {
    pub(crate) fn new(pkg: &'a Package, st: &'a mut State, funcs: Vec<FuncId>) -> Self {
        let members = funcs.iter().copied().collect();
        // Notes are kept for the `-m=2` lines, the plain-words hints and the optimization log
        // alike.
        let explain = st.explain || st.find_hints || st.log_opts;
        let cur = funcs[0];
        Batch {
            pkg,
            st,
            funcs,
            members,
            g: Graph::new(explain),
            var_locs: HashMap::default(),
            closures: Vec::new(),
            awaiting_definition: HashSet::default(),
            cur,
            loop_depth: 1,
            oracles: HashMap::default(),
        }
    }

    /// Whether `f` is analyzed in this batch (and so has no tags yet).
    pub(crate) fn in_batch(&self, f: FuncId) -> bool {
        self.members.contains(&f)
    }

    pub(crate) fn run(mut self) {
        for f in self.funcs.clone() {
            let vars = std::mem::take(&mut self.st.vars_of[f.0 as usize]);
            self.init_func(f, &vars);
            self.st.vars_of[f.0 as usize] = vars;
        }
        for f in self.funcs.clone() {
            if !ir::scc::is_closure(self.pkg, f) {
                self.walk_func(f);
            }
        }
        for (k, clo) in std::mem::take(&mut self.closures) {
            self.flow_closure(k, clo);
        }
        for id in self.g.all() {
            if let Some(why) = self.must_heap(id) {
                let mut k = Hole::to(HEAP).addr();
                if let Some(site) = self.site(id) {
                    k = self.g.note(k, why, site.file, site.pos, || site.text);
                }
                self.flow(k, id);
            }
        }
        self.walk_all();
        for f in self.funcs.clone() {
            let name = &self.pkg.func(f).name;
            if self.st.graphs_wanted.iter().any(|w| w == name) {
                let dot = self.dot(f);
                self.st.graphs.push((name.clone(), dot));
            }
        }
        self.finish();
    }

    /// Gives every variable of `f` its location (gc's `initFunc`).
    fn init_func(&mut self, f: FuncId, vars: &[VarId]) {
        self.cur = f;
        self.loop_depth = 1;
        for &v in vars {
            let var = self.pkg.var(v);
            let mut loc = Location::new(LocNode::Var(v), Some(f), 1);
            loc.attrs |= PERSISTS;
            match var.class {
                VarClass::Param => loc.param = true,
                VarClass::Result => loc.param_out = true,
                VarClass::Local => {}
            }
            let id = self.g.add(loc);
            self.var_locs.insert(v, id);
        }
        for (i, r) in self.pkg.func(f).results.iter().enumerate() {
            if let Some(&l) = self.var_locs.get(r) {
                self.g.locs[l].result_index = i + 1;
            }
        }
    }

    /// Decides how a closure captures each variable, and flows the variables into it.
    fn flow_closure(&mut self, k: Hole, clo: FuncId) {
        let closure = self.pkg.func(clo);
        for (i, &cv) in closure.captures.iter().enumerate() {
            let Some(&loc) = self.var_locs.get(&cv) else { continue };
            let l = &self.g.locs[loc];
            let var = self.pkg.var(cv);
            let size = type_size(self.pkg, var.ty);
            let by_value = !l.addrtaken && !l.reassigned && size <= 128;
            if self.st.explain {
                let owner = self.pkg.func(var.func);
                let message = format!(
                    "{} capturing by {}: {} (addr={} assign={} width={size})",
                    owner.name,
                    if by_value { "value" } else { "ref" },
                    var.name,
                    l.addrtaken,
                    l.reassigned
                );
                let func = owner.name.clone();
                self.st.diagnostics.push(Diagnostic {
                    file: owner.file,
                    pos: var.pos,
                    message,
                    func,
                    at: None,
                    explanation: false,
                    opens_explanation: false,
                });
            }
            // gc's closure variable is where the closure first refers to the variable.
            let pos = closure.capture_pos.get(i).copied().unwrap_or(var.pos);
            let name = var.name.clone();
            let file = closure.file;
            let mut k = k;
            if !by_value {
                k = self.g.note(k.addr(), "reference", file, pos, || name.clone());
            }
            let k = self.g.note(k, "captured by a closure", file, pos, || name);
            self.flow(k, loc);
        }
    }

    /// gc's `HeapAllocReason`, for variables (expressions were judged when spilled): why the
    /// location cannot live on the stack, if it cannot.
    fn must_heap(&self, id: LocId) -> Option<&'static str> {
        let l = &self.g.locs[id];
        match &l.node {
            LocNode::Var(v) => {
                let var = self.pkg.var(*v);
                (var.class == VarClass::Local && type_size(self.pkg, var.ty) > self.pkg.rules.max_stack_var_size)
                    .then_some("too large for stack")
            }
            LocNode::Expr { .. } => l.must_heap,
            LocNode::None => None,
        }
    }
}
