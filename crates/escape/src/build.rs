//! Building the location graph from function bodies (gc's `escape/stmt.go`, `expr.go` and
//! `assign.go`).
//!
//! Each statement is modelled as flows between locations, without regard to control flow:
//! `x = e` evaluates `e` into the hole of `x`. Expressions that allocate (`new`, `&T{}`,
//! `make`, slice and map literals, closures, interface conversions of non-pointer values,
//! string conversions and concatenations, `append`'s backing store) get a location of their
//! own whose address flows into the surrounding hole. Loop depth is tracked so that a value
//! stored in a variable declared outside a loop is known to outlive a location declared
//! inside it.

use ir::{Expr, ExprKind, FuncId, Lhs, Stmt, StmtKind, StrConvOp, TypeKind, VarId};

use crate::batch::{Batch, MAX_IMPLICIT_STACK_VAR_SIZE};
use crate::graph::*;

impl Batch<'_> {
    /// Walks the body of `f` with a fresh loop depth (gc's `walkFunc`).
    pub(crate) fn walk_func(&mut self, f: FuncId) {
        let saved = (self.cur, self.loop_depth);
        self.cur = f;
        self.loop_depth = 1;
        if let Some(body) = &self.pkg.func(f).body {
            self.stmts(body);
        }
        (self.cur, self.loop_depth) = saved;
    }

    fn ty(&self, t: ir::TypeId) -> Option<&ir::TypeInfo> {
        self.pkg.types.get(t.0 as usize)
    }

    pub(crate) fn has_pointers(&self, t: ir::TypeId) -> bool {
        self.ty(t).map(|t| t.has_pointers).unwrap_or(true)
    }

    pub(crate) fn var_hole(&self, v: VarId) -> Hole {
        match self.var_locs.get(&v) {
            Some(&l) => Hole::to(l),
            None => Hole::to(HEAP),
        }
    }

    /// A new location for the current function.
    pub(crate) fn new_loc(&mut self, node: LocNode, persists: bool) -> LocId {
        let mut loc = Location::new(node, Some(self.cur), self.loop_depth);
        if persists {
            loc.attrs |= PERSISTS;
        }
        self.g.add(loc)
    }

    /// A location for allocating expression `e`, whose address flows to `k`; returns the hole
    /// that stores into it (gc's `spill`).
    pub(crate) fn spill(&mut self, k: Hole, e: &Expr) -> Hole {
        let kind = match &e.kind {
            ExprKind::Call(c) if matches!(c.kind, ir::CallKind::Builtin(ir::Builtin::Append)) => ExprLocKind::Append,
            ExprKind::Closure(f) => ExprLocKind::Closure(*f),
            ExprKind::StrConv { op: StrConvOp::StringToBytes, .. } => ExprLocKind::StringToBytes,
            ExprKind::MethodValue { wrapper: true, .. } => ExprLocKind::Wrapper,
            _ => ExprLocKind::Other,
        };
        let (text, must_heap) = self.rewrite_with_literals(e);
        let k = self.note_text(k.addr(), e.pos, "spill", || text.clone());
        let loc = self.new_loc(LocNode::Expr { pos: e.pos, text, kind }, false);
        self.g.locs[loc].must_heap = must_heap;
        self.flow(k, loc);
        Hole::to(loc)
    }

    /// A hole flowing into each of `ks` (gc's `teeHole`).
    pub(crate) fn tee(&mut self, ks: &[Hole]) -> Hole {
        match ks {
            [] => Hole::to(BLANK),
            [k] => *k,
            _ => {
                let loc = self.new_loc(LocNode::None, false);
                for &k in ks {
                    self.flow(k, loc);
                }
                Hole::to(loc)
            }
        }
    }

    /// A hole that flows into `k` some time later (gc's `later`).
    pub(crate) fn later(&mut self, k: Hole) -> Hole {
        let loc = self.new_loc(LocNode::None, true);
        self.flow(k, loc);
        Hole::to(loc)
    }

    /// gc's `rewriteWithLiterals`: a `make` whose size, or an interface conversion whose
    /// operand, is statically a constant (a never-reassigned local defined by one) is rewritten
    /// to use the literal, which decides where it is allocated and how it prints. Returns the
    /// node's printed form and why it must be on the heap, if it must.
    fn rewrite_with_literals(&mut self, e: &Expr) -> (String, Option<&'static str>) {
        if !self.pkg.rules.rewrite_with_literals {
            return (e.text.clone(), self.heap_alloc_reason(e));
        }
        match &e.kind {
            ExprKind::MakeSlice { len, cap } => {
                let r = cap.as_deref().unwrap_or(len);
                if !matches!(r.kind, ExprKind::Const(_)) {
                    let oracle = crate::statics::oracle_for(self.pkg, self.cur, &mut self.oracles);
                    // `len(s)` of a slice literal is its length (from gc 1.26).
                    let slice_len = match &r.kind {
                        ExprKind::Call(c)
                            if self.pkg.rules.make_len_of_slice_literal
                                && matches!(c.kind, ir::CallKind::Builtin(ir::Builtin::Len))
                                && c.args.len() == 1 =>
                        {
                            oracle.static_slice_len(self.pkg, &c.args[0]).map(|n| n.to_string())
                        }
                        _ => None,
                    };
                    if let Some(c) = slice_len.or_else(|| oracle.static_const(self.pkg, r)) {
                        if c.parse::<i64>().is_ok_and(|n| n >= 0) {
                            let mut lit = r.clone();
                            lit.kind = ExprKind::Const(c.clone());
                            lit.text = c.clone();
                            let mut made = e.clone();
                            if let ExprKind::MakeSlice { len, cap } = &mut made.kind {
                                match cap {
                                    Some(cp) => **cp = lit,
                                    None => **len = lit,
                                }
                            }
                            let text = match e.text.rfind(&r.text) {
                                Some(i) => format!("{}{c}{}", &e.text[..i], &e.text[i + r.text.len()..]),
                                None => e.text.clone(),
                            };
                            return (text, self.heap_alloc_reason(&made));
                        }
                    }
                }
            }
            ExprKind::ConvIface { x, .. } => {
                let is_iface = self.ty(x.ty).is_some_and(|t| t.kind == TypeKind::Interface);
                if !matches!(x.kind, ExprKind::Const(_)) && !is_iface {
                    // gc's `StaticValue` looks through conversions that change only the type
                    // (`OCONVNOP`: `ConnErr(code)` of a `Code` variable with the same
                    // underlying type).
                    let mut operand: &Expr = x;
                    while let ExprKind::Conv(inner) = &operand.kind {
                        let same_repr = match (self.ty(operand.ty), self.ty(inner.ty)) {
                            (Some(a), Some(b)) => a.underlying == b.underlying,
                            _ => false,
                        };
                        if !same_repr {
                            break;
                        }
                        operand = inner;
                    }
                    let oracle = crate::statics::oracle_for(self.pkg, self.cur, &mut self.oracles);
                    if let Some(c) = oracle.static_const(self.pkg, operand) {
                        // The literal has the operand's type: a named type prints around it.
                        let text = match self.ty(x.ty) {
                            Some(t) if t.display != t.underlying => format!("{}({c})", t.display),
                            _ => c,
                        };
                        return (text, self.heap_alloc_reason(e));
                    }
                }
            }
            _ => {}
        }
        (e.text.clone(), self.heap_alloc_reason(e))
    }

    /// gc's `HeapAllocReason` for an expression node: why it cannot live on the stack.
    fn heap_alloc_reason(&self, e: &Expr) -> Option<&'static str> {
        const TOO_LARGE: &str = "too large for stack";
        let t = self.ty(e.ty)?;
        // gc's `ir.MaxStackVarSize`, which applies to every node.
        if t.size > self.pkg.rules.max_stack_var_size {
            return Some(TOO_LARGE);
        }
        let elem = t.elem.and_then(|el| self.ty(el));
        match &e.kind {
            ExprKind::New | ExprKind::PtrLit(_) => {
                elem.is_some_and(|el| el.size > MAX_IMPLICIT_STACK_VAR_SIZE).then_some(TOO_LARGE)
            }
            ExprKind::MakeSlice { len, cap } => {
                let el = elem?;
                let r = cap.as_deref().unwrap_or(len);
                if !self.pkg.rules.variable_make_on_stack {
                    // gc 1.24 and older: a size that is not constant is reason enough, and
                    // zero-size elements are not one.
                    return match small_int_const(r) {
                        Some(n) => (el.size != 0 && n > MAX_IMPLICIT_STACK_VAR_SIZE / el.size).then_some(TOO_LARGE),
                        None => Some("non-constant size"),
                    };
                }
                if el.size == 0 {
                    return Some("zero-sized element");
                }
                small_int_const(r).is_some_and(|n| n > MAX_IMPLICIT_STACK_VAR_SIZE / el.size).then_some(TOO_LARGE)
            }
            _ => None,
        }
    }

    // ---- statements ----

    pub(crate) fn stmts(&mut self, l: &[Stmt]) {
        for s in l {
            self.stmt(s);
        }
    }

    /// Like `stmts`, but restores the loop depth afterwards.
    fn block(&mut self, l: &[Stmt]) {
        let old = self.loop_depth;
        self.stmts(l);
        self.loop_depth = old;
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Jump => {}
            StmtKind::Block(b) => self.stmts(b),
            StmtKind::Decl(v) => {
                self.dcl(*v);
                self.awaiting_definition.insert(*v);
            }
            StmtKind::Label { looping, .. } => {
                if *looping {
                    self.loop_depth += 1;
                }
            }
            StmtKind::If { cond, then, els } => {
                self.discard(cond);
                self.block(then);
                self.block(els);
            }
            StmtKind::For { cond, post, body, .. } => {
                self.loop_depth += 1;
                if let Some(c) = cond {
                    self.discard(c);
                }
                if let Some(p) = post {
                    self.stmt(p);
                }
                self.block(body);
                self.loop_depth -= 1;
            }
            StmtKind::Range { x, key, value, x_is_array, body, range_pos, .. } => {
                // The ranged-over value lives until the loop ends.
                let tmp = self.new_loc(LocNode::None, true);
                self.expr(Hole::to(tmp), x);
                self.loop_depth += 1;
                let ks = vec![self.addr((**key).as_ref()), self.addr((**value).as_ref())];
                // gc prints a loop as `for loop`.
                let text = || "for loop".to_string();
                if *x_is_array {
                    let k = self.note_text(ks[1], *range_pos, "range", text);
                    self.flow(k, tmp);
                } else {
                    let k = self.note_text(ks[1].deref(), *range_pos, "range-deref", text);
                    self.flow(k, tmp);
                }
                self.reassigned(&ks, &[]);
                self.block(body);
                self.loop_depth -= 1;
            }
            StmtKind::Switch { tag, cases } => {
                if let Some(t) = tag {
                    self.discard(t);
                }
                for c in cases {
                    for e in &c.exprs {
                        self.discard(e);
                    }
                    self.block(&c.body);
                }
            }
            StmtKind::TypeSwitch { x, cases } => {
                let mut ks = Vec::new();
                for c in cases {
                    if let Some(v) = c.var {
                        let k = self.dcl(v);
                        let vt = self.pkg.var(v).ty;
                        if self.has_pointers(vt) {
                            if let Some(t) = self.ty(vt) {
                                let k = k.dot_type(t);
                                let pkg = self.pkg;
                                ks.push(self.note_text(k, c.pos, "switch case", || {
                                    let body = ir::print::stmts(pkg, &c.body);
                                    match c.list.as_str() {
                                        "" => format!("default: {body}"),
                                        list => format!("case {list}: {body}"),
                                    }
                                }));
                            }
                        }
                    }
                }
                let k = self.tee(&ks);
                self.expr(k, x);
                for c in cases {
                    self.block(&c.body);
                }
            }
            StmtKind::Select { cases } => {
                for c in cases {
                    if let Some(comm) = &c.comm {
                        self.stmt(comm);
                    }
                    self.block(&c.body);
                }
            }
            StmtKind::Send { ch, value } => {
                self.discard(ch);
                let k = self.note_text(Hole::to(HEAP), s.pos, "send", || format!("{} <- {}", ch.text, value.text));
                self.expr(k, value);
            }
            StmtKind::Assign { dst, src, define, display, kind } => {
                let why = match kind {
                    ir::AssignKind::Plain if dst.len() > 1 => "assign-pair",
                    ir::AssignKind::Spread | ir::AssignKind::Pair => "assign-pair",
                    ir::AssignKind::Plain | ir::AssignKind::Op => "assign",
                    ir::AssignKind::DotType => "assign-pair-dot-type",
                    ir::AssignKind::MapIndex => "assign-pair-mapr",
                    ir::AssignKind::Recv => "assign-pair-receive",
                };
                self.assign_list(dst, src, *define, s, display, why);
            }
            StmtKind::AssignCall { dst, call, define } => {
                let ks = self.addrs(dst);
                self.call(Some(&ks), call);
                let defined = self.defined_by(dst, *define);
                self.reassigned(&ks, &defined);
            }
            StmtKind::Expr(e) => match &e.kind {
                ExprKind::Call(_) | ExprKind::Inlined(_) => self.call(None, e),
                _ => self.discard(e),
            },
            StmtKind::Return(results) => {
                let dsts: Vec<Lhs> = self
                    .pkg
                    .func(self.cur)
                    .results
                    .iter()
                    .map(|&r| {
                        let v = self.pkg.var(r);
                        Some(Expr { pos: v.pos, ty: v.ty, kind: ExprKind::Var(r), text: v.name.clone() })
                    })
                    .collect();
                let srcs: Vec<Option<Expr>> = results.iter().cloned().map(Some).collect();
                let display = if self.g.explain { return_text(results) } else { String::new() };
                self.assign_list(&dsts, &srcs, false, s, &display, "return");
            }
            StmtKind::Go(call) | StmtKind::Defer(call) => {
                let is_defer = matches!(s.kind, StmtKind::Defer(_));
                let mut k = Hole::to(HEAP);
                if is_defer && self.loop_depth == 1 {
                    // Arguments of a top-level defer live until the function returns.
                    k = self.later(Hole::to(BLANK));
                }
                match &call.kind {
                    ExprKind::Call(c) => match &c.kind {
                        ir::CallKind::Func { fun, .. } => self.expr(k, fun),
                        _ => self.call(None, call),
                    },
                    _ => self.expr(k, call),
                }
            }
        }
    }

    /// Records the loop depth at a variable's declaration (gc's `dcl`).
    fn dcl(&mut self, v: VarId) -> Hole {
        match self.var_locs.get(&v) {
            Some(&l) => {
                self.g.locs[l].loop_depth = self.loop_depth;
                Hole::to(l)
            }
            None => Hole::to(BLANK),
        }
    }

    // ---- assignments ----

    /// The hole for storing into an addressable expression (gc's `addr`).
    pub(crate) fn addr(&mut self, n: Option<&Expr>) -> Hole {
        let Some(n) = n else { return Hole::to(BLANK) };
        match &n.kind {
            ExprKind::Var(v) => self.var_hole(*v),
            ExprKind::Global(_) => Hole::to(HEAP),
            ExprKind::Dot { x, .. } => self.addr(Some(x)),
            ExprKind::Index { x, index, array } => {
                self.discard(index);
                if *array {
                    self.addr(Some(x))
                } else {
                    self.mutate(x);
                    Hole::to(HEAP)
                }
            }
            ExprKind::Deref(x) | ExprKind::DotPtr { x, .. } => {
                self.mutate(x);
                Hole::to(HEAP)
            }
            ExprKind::IndexMap { x, key } => {
                self.discard(x);
                let k = self.note(Hole::to(HEAP), n, "key of map put");
                self.expr(k, key);
                Hole::to(HEAP)
            }
            _ => Hole::to(HEAP),
        }
    }

    fn mutate(&mut self, x: &Expr) {
        let k = self.mutator_hole();
        self.expr(k, x);
    }

    /// Where a pointer whose memory is written flows: the mutator location, or (gc 1.21,
    /// which has none) nowhere.
    pub(crate) fn mutator_hole(&self) -> Hole {
        match self.pkg.rules.mutator_callee_locations {
            true => Hole::to(MUTATOR),
            false => Hole::to(BLANK),
        }
    }

    pub(crate) fn addrs(&mut self, l: &[Lhs]) -> Vec<Hole> {
        l.iter().map(|n| self.addr(n.as_ref())).collect()
    }

    /// `dsts... = srcs...` (gc's `assignList`).
    fn assign_list(
        &mut self,
        dsts: &[Lhs],
        srcs: &[Option<Expr>],
        define: bool,
        where_: &Stmt,
        display: &str,
        why: &'static str,
    ) {
        let ks = self.addrs(dsts);
        for (i, &k) in ks.iter().enumerate() {
            let src = srcs.get(i).and_then(|s| s.as_ref());
            let mut k = k;
            if let (Some(dst), Some(src)) = (&dsts[i], src) {
                if crate::statics::is_self_assign(self.pkg, dst, src) {
                    let f = self.pkg.func(self.cur);
                    self.st.diagnostics.push(crate::Diagnostic {
                        file: f.file,
                        pos: where_.pos,
                        message: format!("{} ignoring self-assignment in {}", f.name, display),
                        func: f.name.clone(),
                        at: None,
                        explanation: false,
                        opens_explanation: false,
                    });
                    k = Hole::to(BLANK);
                }
            }
            if let Some(src) = src {
                let k = self.note_text(k, where_.pos, why, || display.to_string());
                self.expr(k, src);
            }
        }
        let defined = self.defined_by(dsts, define);
        self.reassigned(&ks, &defined);
    }

    /// The variables a defining assignment to `dsts` declares (gc: `Defn` is the statement).
    fn defined_by(&mut self, dsts: &[Lhs], define: bool) -> Vec<VarId> {
        let mut out = Vec::new();
        if !define {
            return out;
        }
        for d in dsts.iter().flatten() {
            if let ExprKind::Var(v) = d.kind {
                if self.awaiting_definition.remove(&v) {
                    out.push(v);
                }
            }
        }
        out
    }

    /// Marks the destinations of an assignment as reassigned, except variables it defines.
    pub(crate) fn reassigned(&mut self, ks: &[Hole], defined: &[VarId]) {
        for k in ks {
            let loc = &mut self.g.locs[k.dst];
            if let LocNode::Var(v) = loc.node {
                if defined.contains(&v) {
                    continue;
                }
            }
            loc.reassigned = true;
        }
    }

    // ---- expressions ----

    pub(crate) fn discard(&mut self, e: &Expr) {
        self.expr(Hole::to(BLANK), e);
    }

    /// Evaluates `n`, flowing its value into `k` (gc's `exprSkipInit`).
    pub(crate) fn expr(&mut self, mut k: Hole, n: &Expr) {
        if k.derefs >= 0 {
            if let Some(t) = self.ty(n.ty) {
                if t.kind != TypeKind::Untyped && !t.has_pointers {
                    k.dst = BLANK;
                }
            }
        }
        match &n.kind {
            ExprKind::Const(_)
            | ExprKind::Nil
            | ExprKind::DictEntry(_)
            | ExprKind::Type
            | ExprKind::MethodExpr { .. }
            | ExprKind::FuncName { .. }
            | ExprKind::Global(_) => {}
            ExprKind::Var(v) => {
                if let Some(&l) = self.var_locs.get(v) {
                    self.flow(k, l);
                }
            }
            ExprKind::Unary { x, .. } => self.discard(x),
            ExprKind::Binary { x, y, .. } => {
                self.discard(x);
                self.discard(y);
            }
            ExprKind::Addr(x) => {
                let k = self.note(k.addr(), n, "address-of");
                self.expr(k, x)
            }
            ExprKind::Deref(x) => {
                let k = self.note(k.deref(), n, "indirection");
                self.expr(k, x)
            }
            ExprKind::DotPtr { x, .. } => {
                let k = self.note(k.deref(), n, "dot of pointer");
                self.expr(k, x)
            }
            ExprKind::Dot { x, .. } => {
                let k = self.note(k, n, "dot");
                self.expr(k, x)
            }
            ExprKind::DotType { x } => {
                let k = match self.ty(n.ty) {
                    Some(t) => k.dot_type(t),
                    None => k,
                };
                let k = self.note(k, n, "dot");
                self.expr(k, x)
            }
            ExprKind::Index { x, index, array } => {
                if *array {
                    let k = self.note(k, n, "fixed-array-index-of");
                    self.expr(k, x);
                } else {
                    let k = self.note(k.deref(), n, "dot of pointer");
                    self.expr(k, x);
                }
                self.discard(index);
            }
            ExprKind::IndexMap { x, key } => {
                self.discard(x);
                self.discard(key);
            }
            ExprKind::Slice { x, lo, hi, max } => {
                let k = self.note(k, n, "slice");
                self.expr(k, x);
                for y in [lo, hi, max].into_iter().flatten() {
                    self.discard(y);
                }
            }
            ExprKind::Conv(x) => {
                let to_unsafe = self.ty(n.ty).map(|t| t.kind == TypeKind::UnsafePointer).unwrap_or(false);
                let from_uintptr = self.ty(x.ty).map(|t| t.kind == TypeKind::Uintptr).unwrap_or(false);
                if to_unsafe && from_uintptr {
                    self.unsafe_value(k, x);
                } else {
                    self.expr(k, x);
                }
            }
            ExprKind::ConvIface { x, .. } => {
                let boxed = self.ty(x.ty).map(|t| t.kind != TypeKind::Interface && !t.direct_iface).unwrap_or(false);
                let k = if boxed { self.spill(k, n) } else { k };
                let k = self.note(k, n, "interface-converted");
                self.expr(k, x);
            }
            ExprKind::SliceToArray(x) => {
                let k = self.note(k.deref(), n, "slice-to-array");
                self.expr(k, x)
            }
            ExprKind::SliceToArrayPtr(x) => self.expr(k, x),
            ExprKind::Recv(x) => self.discard(x),
            ExprKind::Call(_) | ExprKind::Inlined(_) => self.call(Some(&[k]), n),
            ExprKind::New => {
                self.spill(k, n);
            }
            ExprKind::MakeSlice { len, cap } => {
                self.spill(k, n);
                self.discard(len);
                if let Some(c) = cap {
                    self.discard(c);
                }
            }
            ExprKind::MakeChan { len } => {
                if let Some(l) = len {
                    self.discard(l);
                }
            }
            ExprKind::MakeMap { len } => {
                self.spill(k, n);
                if let Some(l) = len {
                    self.discard(l);
                }
            }
            ExprKind::MethodValue { recv, callee, .. } => {
                // The receiver flows both into the bound closure and to the method's receiver.
                let closure_k = self.spill(k, n);
                let nresults = self.ty(n.ty).map(|t| t.results.len()).unwrap_or(0);
                let ks = vec![Hole::to(HEAP); nresults];
                let target = crate::call::Target::of(callee);
                let param_k = self.tag_hole(Some(&ks), target.as_ref(), crate::call::Slot::Recv);
                let k = self.tee(&[param_k, closure_k]);
                self.expr(k, recv);
            }
            ExprKind::PtrLit(x) => {
                let k = self.spill(k, n);
                self.expr(k, x);
            }
            ExprKind::ArrayLit(elts) | ExprKind::StructLit(elts) => {
                let why = if matches!(n.kind, ExprKind::ArrayLit(_)) {
                    "array literal element"
                } else {
                    "struct literal element"
                };
                for e in elts {
                    let k = self.note(k, n, why);
                    self.expr(k, e);
                }
            }
            ExprKind::SliceLit { elts, .. } => {
                let k = self.spill(k, n);
                for e in elts {
                    let k = self.note(k, n, "slice-literal-element");
                    self.expr(k, e);
                }
            }
            ExprKind::MapLit(kvs) => {
                self.spill(k, n);
                for (key, v) in kvs {
                    let k = self.note(Hole::to(HEAP), n, "map literal key");
                    self.expr(k, key);
                    let k = self.note(Hole::to(HEAP), n, "map literal value");
                    self.expr(k, v);
                }
            }
            ExprKind::Closure(f) => {
                let k = self.spill(k, n);
                self.closures.push((k, *f));
                for &cv in &self.pkg.func(*f).captures {
                    if let Some(&l) = self.var_locs.get(&cv) {
                        let loop_depth = self.loop_depth;
                        let loc = &mut self.g.locs[l];
                        if !loc.captured {
                            loc.captured = true;
                            // Reassignments in straight-line code before the first capture
                            // do not count.
                            if loc.loop_depth == loop_depth {
                                loc.reassigned = false;
                            }
                        }
                    }
                }
                // A literal that captures nothing is analyzed on its own (see `order`).
                if ir::scc::is_closure(self.pkg, *f) {
                    self.walk_func(*f);
                }
            }
            ExprKind::StrConv { x, .. } => {
                self.spill(k, n);
                self.discard(x);
            }
            ExprKind::AddStr(xs) => {
                self.spill(k, n);
                for x in xs {
                    self.discard(x);
                }
            }
        }
    }

    /// Evaluates a `uintptr` expression converted to `unsafe.Pointer`, following the
    /// pointers converted into it (gc's `unsafeValue`).
    fn unsafe_value(&mut self, k: Hole, n: &Expr) {
        match &n.kind {
            ExprKind::Conv(x) => {
                if self.ty(x.ty).map(|t| t.kind == TypeKind::UnsafePointer).unwrap_or(false) {
                    self.expr(k, x);
                } else {
                    self.discard(x);
                }
            }
            ExprKind::DotPtr { x, .. } => self.discard(x),
            ExprKind::Unary { op, x } if matches!(*op, "+" | "-" | "^") => self.unsafe_value(k, x),
            ExprKind::Binary { op, x, y } if matches!(*op, "+" | "-" | "|" | "^" | "*" | "/" | "%" | "&" | "&^") => {
                self.unsafe_value(k, x);
                self.unsafe_value(k, y);
            }
            ExprKind::Binary { op, x, y } if matches!(*op, "<<" | ">>") => {
                self.unsafe_value(k, x);
                self.discard(y);
            }
            _ => self.discard(n),
        }
    }
}

/// The value of a constant that gc's `ir.IsSmallIntConst` accepts (an integer fitting in 32
/// bits).
pub(crate) fn small_int_const(e: &Expr) -> Option<i64> {
    let ExprKind::Const(s) = &e.kind else { return None };
    let v: i64 = s.trim().parse().ok()?;
    (i32::MIN as i64..=i32::MAX as i64).contains(&v).then_some(v)
}

/// How gc prints a return statement (`return x, &y`).
fn return_text(results: &[Expr]) -> String {
    if results.is_empty() {
        return "return".into();
    }
    let list: Vec<&str> = results.iter().map(|e| e.text.as_str()).collect();
    format!("return {}", list.join(", "))
}
