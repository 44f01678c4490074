//! Calls (gc's `escape/call.go`).
//!
//! An argument flows wherever the callee's tag for that parameter says: to the heap, to the
//! call's results, to the mutator or callee pseudo-locations, each after the recorded number
//! of dereferences. A callee analyzed in the same batch has no tags yet, so its parameter and
//! result variables are wired into the graph directly. With no static callee every argument
//! flows to the heap. Builtins have their own fixed flows.

use ir::{Builtin, Call, CallKind, Callee, Expr, ExprKind, ExternFunc, FuncId, TypeKind};

use crate::batch::Batch;
use crate::graph::*;
use crate::leaks::{LeakSet, NUM_RESULTS};

/// A statically known callee.
#[derive(Clone, Debug)]
pub(crate) enum Target<'a> {
    Local(FuncId),
    Extern(&'a ExternFunc),
}

impl<'a> Target<'a> {
    pub(crate) fn of(c: &'a Callee) -> Option<Self> {
        match c {
            Callee::Local(f) => Some(Target::Local(*f)),
            Callee::Extern(x) => Some(Target::Extern(x)),
            Callee::Dynamic => None,
        }
    }
}

/// Which parameter slot an argument goes to.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Slot {
    Recv,
    Param(usize),
}

impl Batch<'_> {
    fn target_has_recv(&self, t: &Target) -> bool {
        match t {
            Target::Local(f) => self.pkg.func(*f).recv.is_some(),
            Target::Extern(x) => x.recv.is_some(),
        }
    }

    fn target_nparams(&self, t: &Target) -> usize {
        match t {
            Target::Local(f) => self.pkg.func(*f).params.len(),
            Target::Extern(x) => x.params.len(),
        }
    }

    /// Evaluates call `e`; `ks` are the holes its results flow to (`None` for a call statement).
    pub(crate) fn call(&mut self, ks: Option<&[Hole]>, e: &Expr) {
        if let ExprKind::Inlined(ic) = &e.kind {
            self.inlined_call(ks, ic);
            return;
        }
        let ExprKind::Call(call) = &e.kind else {
            self.discard(e);
            return;
        };
        match &call.kind {
            CallKind::Func { fun, callee, is_method } => {
                if let ExprKind::Closure(f) = fun.kind {
                    self.st.closure_called[f.0 as usize] = true;
                }
                let targets = match Target::of(callee) {
                    Some(t) => vec![t],
                    None => crate::statics::static_callees(self.pkg, self.cur, fun, &mut self.oracles),
                };
                self.call_func(ks, e, call, fun, &targets, *is_method);
            }
            CallKind::Inter { recv, .. } => {
                // No static callee: the receiver and every argument go to the heap.
                self.argument(Hole::to(HEAP), e, recv);
                for a in &call.args {
                    self.argument(Hole::to(HEAP), e, a);
                }
            }
            CallKind::Builtin(b) => self.call_builtin(ks, e, call, *b),
        }
    }

    /// An inlined call (gc's `OINLCALL`): its init (the parameters' assignment), its body, then
    /// each result variable into its hole.
    fn inlined_call(&mut self, ks: Option<&[Hole]>, ic: &ir::InlinedCall) {
        self.stmts(&ic.init);
        self.stmts(&ic.body);
        for (i, &r) in ic.results.iter().enumerate() {
            let k = ks.and_then(|ks| ks.get(i).copied()).unwrap_or(Hole::to(BLANK));
            let v = self.pkg.var(r);
            let e = Expr { pos: v.pos, ty: v.ty, kind: ExprKind::Var(r), text: v.name.clone() };
            self.expr(k, &e);
        }
    }

    fn call_func(
        &mut self,
        ks: Option<&[Hole]>,
        e: &Expr,
        call: &Call,
        fun: &Expr,
        targets: &[Target],
        is_method: bool,
    ) {
        // Results of a callee in this batch flow straight from its result variables.
        if let Some(ks) = ks {
            for t in targets {
                let Target::Local(f) = t else { continue };
                if !self.in_batch(*f) {
                    continue;
                }
                let results = self.pkg.func(*f).results.clone();
                for (i, r) in results.iter().enumerate() {
                    let Some(&k) = ks.get(i) else { break };
                    let v = self.pkg.var(*r);
                    let rexpr = Expr { pos: v.pos, ty: v.ty, kind: ExprKind::Var(*r), text: String::new() };
                    self.expr(k, &rexpr);
                }
            }
        }

        let mut callee_k = Hole::to(BLANK);
        if targets.is_empty()
            && self.pkg.rules.mutator_callee_locations
            && ks.map(|ks| ks.iter().any(|k| k.dst != BLANK)).unwrap_or(false)
        {
            // A closure flowing here may have its results go anywhere.
            callee_k = self.note(Hole::to(CALLEE), e, "callee operand");
        }
        self.expr(callee_k, fun);

        // With one callee its signature decides whether args[0] is a receiver; with several
        // (or none) the call's own function type does, which never has one.
        let mut args: &[Expr] = &call.args;
        let mut recv_arg = None;
        if let [t] = targets {
            if (self.target_has_recv(t) || is_method) && !args.is_empty() {
                recv_arg = Some(&args[0]);
                args = &args[1..];
            }
        }
        let (keepalive, uintptr_escapes) = targets.iter().fold((false, false), |acc, t| match t {
            Target::Local(f) => {
                let func = self.pkg.func(*f);
                (
                    acc.0 || func.uintptr_keepalive || (func.body.is_none() && !self.in_batch(*f)),
                    acc.1 || func.uintptr_escapes,
                )
            }
            Target::Extern(_) => acc,
        });
        let nparams = args.len();
        if let Some(r) = recv_arg {
            let k = self.merged_tag_hole(ks, targets, -1, nparams);
            self.argument(k, e, r);
        }
        for (i, a) in args.iter().enumerate() {
            if (keepalive || uintptr_escapes) && self.keep_uintptr_args(a, uintptr_escapes) {
                continue;
            }
            let k = self.merged_tag_hole(ks, targets, i as i64, nparams);
            self.argument(k, e, a);
        }
    }

    /// The hole for argument `index` (-1: the receiver) when calling any of `targets`
    /// (gc's `mergedTagHole`).
    fn merged_tag_hole(&mut self, ks: Option<&[Hole]>, targets: &[Target], index: i64, nparams: usize) -> Hole {
        if targets.is_empty() {
            return Hole::to(HEAP);
        }
        let mut holes = Vec::with_capacity(targets.len());
        for t in targets {
            let offset = nparams as i64 - self.target_nparams(t) as i64;
            let j = index - offset;
            let slot = if j >= 0 { Slot::Param(j as usize) } else { Slot::Recv };
            holes.push(self.tag_hole(ks, Some(t), slot));
        }
        self.tee(&holes)
    }

    /// `uintptr(unsafe.Pointer(p))` arguments to syscall-like functions keep `p` alive (and
    /// with `//go:uintptrescapes`, on the heap) through a temporary (gc's `rewriteArgument`).
    /// Returns whether `arg` itself was such a conversion, whose value then needs no further
    /// evaluation (it is a `uintptr`, which carries no pointers).
    fn keep_uintptr_args(&mut self, arg: &Expr, escapes: bool) -> bool {
        let elts: Vec<&Expr> = match &arg.kind {
            ExprKind::SliceLit { elts, .. } => elts.iter().collect(),
            _ => vec![arg],
        };
        let mut whole = false;
        for el in elts {
            let ExprKind::Conv(x) = &el.kind else { continue };
            let is_unsafe =
                self.pkg.types.get(x.ty.0 as usize).map(|t| t.kind == TypeKind::UnsafePointer).unwrap_or(false);
            let is_uintptr = self.pkg.types.get(el.ty.0 as usize).map(|t| t.kind == TypeKind::Uintptr).unwrap_or(false);
            if !is_unsafe || !is_uintptr {
                continue;
            }
            let tmp = self.new_loc(LocNode::None, true);
            self.expr(Hole::to(tmp), x);
            let k = if escapes { Hole::to(HEAP) } else { self.mutator_hole() };
            self.flow(k, tmp);
            whole |= std::ptr::eq(el, arg);
        }
        whole
    }

    /// The hole for an argument passed to `slot` of `target` (gc's `tagHole`).
    pub(crate) fn tag_hole(&mut self, ks: Option<&[Hole]>, target: Option<&Target>, slot: Slot) -> Hole {
        let Some(t) = target else { return Hole::to(HEAP) };
        if let Target::Local(f) = t {
            if self.in_batch(*f) {
                let func = self.pkg.func(*f);
                let p = match slot {
                    Slot::Recv => func.recv.as_ref(),
                    Slot::Param(i) => func.params.get(i),
                };
                return match p.and_then(|p| p.var) {
                    Some(v) => self.var_hole(v),
                    None => Hole::to(BLANK),
                };
            }
        }
        let esc = self.tag_of(t, slot);
        let mut tag_ks = Vec::new();
        if esc.heap() >= 0 {
            tag_ks.push(Hole::to(HEAP).shift(esc.heap()));
        }
        if esc.mutator() >= 0 {
            tag_ks.push(Hole::to(MUTATOR).shift(esc.mutator()));
        }
        if esc.callee() >= 0 {
            tag_ks.push(Hole::to(CALLEE).shift(esc.callee()));
        }
        if let Some(ks) = ks {
            for i in 0..NUM_RESULTS {
                let x = esc.result(i);
                if x >= 0 {
                    if let Some(k) = ks.get(i) {
                        tag_ks.push(k.shift(x));
                    }
                }
            }
        }
        self.tee(&tag_ks)
    }

    /// The leak set a finished callee's tag gives `slot`.
    fn tag_of(&self, t: &Target, slot: Slot) -> LeakSet {
        match t {
            Target::Local(f) => {
                let Some(Some(tags)) = self.st.tags.get(f.0 as usize) else { return LeakSet::heap_leak() };
                match slot {
                    Slot::Recv => tags.recv.unwrap_or_else(LeakSet::heap_leak),
                    Slot::Param(i) => tags.params.get(i).copied().unwrap_or_else(LeakSet::heap_leak),
                }
            }
            Target::Extern(x) => {
                let l = match slot {
                    Slot::Recv => x.recv.as_ref(),
                    Slot::Param(i) => x.params.get(i),
                };
                l.map(|l| LeakSet::from_ir(l).through_tag()).unwrap_or_else(LeakSet::heap_leak)
            }
        }
    }

    /// Evaluates argument `arg` of `call` into `k` (gc's `argument`).
    fn argument(&mut self, k: Hole, call: &Expr, arg: &Expr) {
        let k = self.note(k, call, "call parameter");
        self.expr(k, arg);
    }

    fn call_builtin(&mut self, ks: Option<&[Hole]>, e: &Expr, call: &Call, b: Builtin) {
        let k0 = ks.and_then(|ks| ks.first().copied()).unwrap_or(Hole::to(BLANK));
        let args = &call.args;
        let elem_has_pointers = |this: &Self, x: &Expr| -> bool {
            let Some(t) = this.pkg.types.get(x.ty.0 as usize) else { return true };
            t.kind == TypeKind::Slice && t.elem.map(|el| this.has_pointers(el)).unwrap_or(true)
        };
        match b {
            Builtin::Append => {
                let Some(first) = args.first() else { return };
                let mut appendee_k = match self.pkg.rules.mutator_callee_locations {
                    true => self.tee(&[k0, Hole::to(MUTATOR)]),
                    false => k0,
                };
                if elem_has_pointers(self, first) {
                    let heap = self.note(Hole::to(HEAP).deref(), e, "appendee slice");
                    appendee_k = self.tee(&[appendee_k, heap]);
                }
                self.argument(appendee_k, e, first);
                if call.ddd {
                    if let Some(second) = args.get(1) {
                        let k = if elem_has_pointers(self, second) {
                            self.note(Hole::to(HEAP).deref(), e, "appended slice...")
                        } else {
                            Hole::to(BLANK)
                        };
                        self.argument(k, e, second);
                    }
                } else {
                    for a in &args[1..] {
                        self.argument(Hole::to(HEAP), e, a);
                    }
                }
                // The new backing store append may allocate; it is reused only by this append,
                // so it counts as outside any loop (gc 1.25 and newer).
                if self.pkg.rules.append_backing_store {
                    let backing = self.spill(k0, e);
                    self.g.locs[backing.dst].loop_depth = 0;
                }
            }
            Builtin::Copy => {
                if let Some(dst) = args.first() {
                    let k = self.mutator_hole();
                    self.argument(k, e, dst);
                }
                if let Some(src) = args.get(1) {
                    let k = if elem_has_pointers(self, src) {
                        self.note(Hole::to(HEAP).deref(), e, "copied slice")
                    } else {
                        Hole::to(BLANK)
                    };
                    self.argument(k, e, src);
                }
            }
            Builtin::Panic => {
                for a in args {
                    self.argument(Hole::to(HEAP), e, a);
                }
            }
            Builtin::Complex | Builtin::Delete | Builtin::Print | Builtin::Println | Builtin::Recover => {
                for a in args {
                    self.discard(a);
                }
            }
            Builtin::Min | Builtin::Max => {
                for a in args {
                    self.argument(k0, e, a);
                }
            }
            Builtin::Len | Builtin::Cap | Builtin::Real | Builtin::Imag | Builtin::Close => {
                for a in args {
                    self.discard(a);
                }
            }
            Builtin::Clear => {
                let k = self.mutator_hole();
                for a in args {
                    self.argument(k, e, a);
                }
            }
            Builtin::UnsafeStringData | Builtin::UnsafeSliceData => {
                for a in args {
                    self.argument(k0, e, a);
                }
            }
            Builtin::UnsafeAdd | Builtin::UnsafeSlice | Builtin::UnsafeString => {
                if let Some(x) = args.first() {
                    self.argument(k0, e, x);
                }
                for a in args.iter().skip(1) {
                    self.discard(a);
                }
            }
        }
    }
}
