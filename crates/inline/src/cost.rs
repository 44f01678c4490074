//! Which functions can be inlined, and at what cost (gc's `CanInline`, `InlineImpossible`,
//! the `hairyVisitor` and `IsBigFunc` in `inline/inl.go`).
//!
//! The cost of a body is the number of nodes in gc's IR for it, with gc's adjustments: a call
//! costs 57 extra (17 when it calls a parameter or captured variable), or the callee's own cost
//! when that call would be inlined; a closure 15 more; `panic` 1; conversions that produce no
//! code, `OBLOCK` and `OFALL`, types and `&x.f` on a first field nothing. Our IR is lowered
//! from the same checked source gc's noder reads, so each IR node is counted as the gc node
//! (or nodes) it stands for: a definition `x := e` is gc's `ODCL x` plus `OAS x = e`, a
//! struct literal's fields are `OSTRUCTKEY`s, a multi-value assignment from one call is the
//! `OAS2FUNC` gc's compensation leaves.

use ir::visit::Part;
use ir::{Builtin, CallKind, Callee, Expr, ExprKind, FuncId, Lhs, Package, Stmt, StmtKind, VarClass};

use crate::statics::Statics;

/// gc's `inlineMaxBudget`.
pub const MAX_BUDGET: i32 = 80;
/// gc's `inlineExtraCallCost`.
const EXTRA_CALL_COST: i32 = 57;
/// gc's `inlineExtraPanicCost`.
const EXTRA_PANIC_COST: i32 = 1;
/// gc's `inlineExtraThrowCost`.
const EXTRA_THROW_COST: i32 = MAX_BUDGET;
/// gc's `inlineBigFunctionNodes`.
const BIG_FUNCTION_NODES: i32 = 5000;
/// gc's `inlineBigFunctionMaxCost`.
pub const BIG_FUNCTION_MAX_COST: i32 = 20;
/// gc's `inlineClosureCalledOnceCost`.
pub const CLOSURE_CALLED_ONCE_COST: i32 = 10 * MAX_BUDGET;

/// Why a function cannot be inlined whatever its cost (gc's `InlineImpossible`), if it can't.
pub fn inline_impossible(f: &ir::Func) -> Option<&'static str> {
    if f.pragmas.noinline {
        return Some("marked go:noinline");
    }
    if f.pragmas.cgo_unsafe_args {
        return Some("marked go:cgo_unsafe_args");
    }
    if f.uintptr_keepalive {
        return Some("marked as having a keep-alive uintptr argument");
    }
    if f.uintptr_escapes {
        return Some("marked as having an escaping uintptr argument");
    }
    if f.pragmas.yeswritebarrierrec {
        return Some("marked go:yeswritebarrierrec");
    }
    // An empty body `{}` is a body (cost 0); only a declaration without one is not.
    if f.body.is_none() {
        return Some("no function body");
    }
    None
}

/// gc's `inlineBudget` without profiles: 80, and for function literals the budget of a closure
/// called once (from gc 1.24).
pub fn budget(rules: &ir::Rules, f: &ir::Func) -> i32 {
    if f.literal && rules.closure_inline_budget {
        MAX_BUDGET.max(CLOSURE_CALLED_ONCE_COST)
    } else {
        MAX_BUDGET
    }
}

/// The result of the hairy visitor on one body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hairiness {
    /// The body's cost (it may exceed the budget: then it is "too complex").
    Cost(i32),
    /// Something that makes the function not inlinable at any cost (`call to recover`).
    Hairy(String),
}

/// gc's `inlineCostOK` without profiles: whether a callee of cost `cost` may be inlined into
/// a caller (`big`: the caller is a big function).
pub fn cost_ok(rules: &ir::Rules, callee: &ir::Func, cost: i32, big: bool, closure_called_once: bool) -> bool {
    cost <= max_cost(rules, callee, big, closure_called_once)
}

/// The largest cost `inlineCostOK` accepts for `callee` at a call site.
pub fn max_cost(rules: &ir::Rules, callee: &ir::Func, big: bool, closure_called_once: bool) -> i32 {
    let mut max = if big { BIG_FUNCTION_MAX_COST } else { MAX_BUDGET };
    if callee.literal && rules.closure_inline_budget {
        max *= 2;
        if closure_called_once {
            max = max.max(CLOSURE_CALLED_ONCE_COST);
        }
    }
    max
}

/// Runs the hairy visitor over the body of `f`. Callees' `inl` must already be set (functions
/// are visited bottom-up).
pub(crate) fn hairiness(pkg: &Package, f: FuncId, big: bool, cached: Option<&Statics>) -> Hairiness {
    let func = pkg.func(f);
    let Some(body) = &func.body else { return Hairiness::Hairy("no function body".into()) };
    let fresh;
    let statics = match cached {
        Some(s) => s,
        None => {
            fresh = Statics::of(pkg, body);
            &fresh
        }
    };
    let mut v = Hairy { pkg, cur: f, big, cost: func.synthetic_cost, reason: None, statics };
    v.stmts(body);
    match v.reason {
        Some(r) => Hairiness::Hairy(r),
        None => Hairiness::Cost(v.cost),
    }
}

/// gc's `IsBigFunc`: more than 5000 nodes.
pub fn is_big(pkg: &Package, f: FuncId) -> bool {
    let Some(body) = &pkg.func(f).body else { return false };
    let mut n = NodeCount(0);
    n.stmts(body);
    n.0 > BIG_FUNCTION_NODES
}

/// gc's `canDelayResults`: exactly one `return`, with results, and no named results.
pub fn can_delay_results(pkg: &Package, f: FuncId) -> bool {
    let func = pkg.func(f);
    let Some(body) = &func.body else { return false };
    let mut returns = 0;
    count_returns(body, &mut returns);
    if returns != 1 {
        return false;
    }
    func.results.iter().all(|&r| {
        let name = &pkg.var(r).name;
        name.starts_with("~r") || name == "_" || name.ends_with("._")
    })
}

fn count_returns(stmts: &[Stmt], n: &mut u32) {
    for s in stmts {
        if let StmtKind::Return(rs) = &s.kind {
            *n += if rs.is_empty() { 2 } else { 1 };
        }
        ir::visit::each_part(s, |p| match p {
            Part::Expr(_) => {}
            Part::Stmt(s) => count_returns(std::slice::from_ref(s), n),
            Part::List(l) => count_returns(l, n),
        });
    }
}

struct Hairy<'a> {
    pkg: &'a Package,
    cur: FuncId,
    big: bool,
    cost: i32,
    reason: Option<String>,
    statics: &'a Statics,
}

impl Hairy<'_> {
    fn hairy(&mut self, why: impl Into<String>) {
        if self.reason.is_none() {
            self.reason = Some(why.into());
        }
    }

    /// Charges a call of `name` if the hairy visitor treats it specially; true when it did.
    fn special(&mut self, name: &str) -> bool {
        match special_callee(&self.pkg.rules, name) {
            Special::Cheap => {}
            Special::Throw => self.cost += EXTRA_THROW_COST,
            Special::Hairy(why) => self.hairy(why),
            Special::None => return false,
        }
        true
    }

    fn stmts(&mut self, l: &[Stmt]) {
        for s in l {
            self.stmt(s);
        }
    }

    fn lhs(&mut self, l: &Lhs) {
        match l {
            Some(e) => self.expr(e),
            // The blank identifier is gc's `BlankNode`, an ONAME.
            None => self.cost += 1,
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            // ODCL and its ONAME.
            StmtKind::Decl(_) => self.cost += 2,
            StmtKind::Assign { dst, src, kind, .. } => {
                self.cost += 1;
                if *kind == ir::AssignKind::Spread {
                    // gc's compensation for the N:1 form's temporaries: each appears three
                    // times (declared, assigned, read) with its declaration node, and their
                    // assignment is one more statement.
                    self.cost -= spread_compensation(dst.len());
                }
                dst.iter().for_each(|d| self.lhs(d));
                src.iter().flatten().for_each(|e| self.expr(e));
            }
            StmtKind::AssignCall { dst, call, .. } => {
                self.cost += 1;
                dst.iter().for_each(|d| self.lhs(d));
                self.expr(call);
            }
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Send { ch, value } => {
                self.cost += 1;
                self.expr(ch);
                self.expr(value);
            }
            StmtKind::Return(rs) => {
                self.cost += 1;
                rs.iter().for_each(|e| self.expr(e));
            }
            StmtKind::Go(_) => self.hairy("unhandled op GO"),
            StmtKind::Defer(_) => self.hairy("unhandled op DEFER"),
            StmtKind::Block(b) => self.stmts(b),
            StmtKind::If { cond, then, els } => {
                self.cost += 1;
                self.expr(cond);
                self.stmts(then);
                self.stmts(els);
            }
            StmtKind::For { cond, post, body, loopvar_copies } => {
                // Declaration (2) and copy in (3), copy out (3) of each per-iteration variable.
                self.cost += 1 - 8 * i32::from(*loopvar_copies);
                if let Some(c) = cond {
                    self.expr(c);
                }
                if let Some(p) = post {
                    self.stmt(p);
                }
                self.stmts(body);
            }
            StmtKind::Range { x, key, value, body, shape, .. } => {
                // ORANGE, the ODCLs of its variables (less what per-iteration copies added).
                self.cost += 1 + 2 * i32::from(shape.defined) - 5 * i32::from(shape.loopvar_copies);
                if let Some(k) = &**key {
                    self.expr(k);
                } else if shape.blank_key {
                    self.cost += 1;
                }
                if let Some(v) = &**value {
                    self.expr(v);
                }
                self.expr(x);
                self.stmts(body);
            }
            StmtKind::Switch { tag, cases } => {
                self.cost += 1;
                if let Some(t) = tag {
                    self.expr(t);
                }
                for c in cases {
                    self.cost += 1;
                    c.exprs.iter().for_each(|e| self.expr(e));
                    self.stmts(&c.body);
                }
            }
            StmtKind::TypeSwitch { x, cases } => {
                // OSWITCH and its OTYPESW guard.
                self.cost += 2;
                self.expr(x);
                for c in cases {
                    self.cost += 1;
                    if c.var.is_some() {
                        self.cost += 1;
                    }
                    self.stmts(&c.body);
                }
            }
            StmtKind::Select { cases } => {
                self.cost += 1;
                for c in cases {
                    self.cost += 1;
                    if let Some(comm) = &c.comm {
                        self.stmt(comm);
                    }
                    self.stmts(&c.body);
                }
            }
            StmtKind::Label { .. } | StmtKind::Jump => self.cost += 1,
        }
    }

    fn expr(&mut self, e: &Expr) {
        use ExprKind as K;
        match &e.kind {
            K::Type => return,
            // OCONVNOP (free), OADDR, OINDEX of the `.dict` name by a literal.
            K::DictEntry(_) => {
                self.cost += 4;
                return;
            }
            // OMETHEXPR: +1 -1 in gc ("hack for toolstash"), its type operand free.
            K::MethodExpr { .. } => return,
            K::Call(c) => return self.call(e, c),
            K::Closure(_) => self.cost += 15,
            // OMETHVALUE, OSLICELIT: one more in gc ("hack for toolstash").
            K::MethodValue { .. } | K::SliceLit { .. } => self.cost += 1,
            K::Addr(x) => {
                // `&v.f` with f at offset 0 costs what `v` does.
                if let K::Dot { x: v, offset: 0, .. } | K::DotPtr { x: v, offset: 0, .. } = &x.kind {
                    if matches!(v.kind, K::Var(_) | K::Global(_)) {
                        self.cost -= 2;
                    }
                }
            }
            K::Deref(x) => {
                let mut p = &**x;
                while let K::Conv(y) = &p.kind {
                    if !conv_is_nop(self.pkg, p) {
                        break;
                    }
                    p = y;
                }
                if matches!(p.kind, K::Addr(_)) {
                    self.cost -= 1;
                }
            }
            K::Conv(_) if conv_is_nop(self.pkg, e) => self.cost -= 1,
            K::Slice { x, lo, hi, .. } if self.pkg.rules.superfluous_slicing_credited => {
                if lo.as_ref().is_some_and(|l| matches!(&l.kind, K::Const(c) if c == "0")) {
                    self.cost -= 1;
                }
                if let Some(h) = hi {
                    if let K::Call(c) = &h.kind {
                        if matches!(c.kind, CallKind::Builtin(Builtin::Len)) {
                            if c.args.first().is_some_and(|a| same_safe_expr(a, x)) {
                                self.cost -= 2;
                            }
                        }
                    }
                }
            }
            // OSTRUCTLIT / OMAPLIT: each field or entry is a key node.
            K::StructLit(xs) => self.cost += xs.len() as i32,
            K::MapLit(kvs) => self.cost += kvs.len() as i32,
            // typecheck gives `make(map[K]V)` and `make(chan T)` a size of 0.
            K::MakeMap { len: None } | K::MakeChan { len: None } => self.cost += 1,
            K::Inlined(_) => {}
            _ => {}
        }
        self.cost += 1;
        ir::visit::each_child(e, |c| self.expr(c));
    }

    fn call(&mut self, e: &Expr, c: &ir::Call) {
        // The call node itself.
        self.cost += 1;
        match &c.kind {
            CallKind::Builtin(b) => match b {
                Builtin::Recover => self.hairy("call to recover"),
                Builtin::Panic => {
                    self.cost += EXTRA_PANIC_COST;
                    if c.args.first().is_some_and(|a| matches!(a.kind, ExprKind::ConvIface { implicit: true, .. })) {
                        self.cost -= 1;
                    }
                }
                _ => {}
            },
            CallKind::Inter { recv, .. } => {
                self.cost += EXTRA_CALL_COST;
                // ODOTINTER.
                self.cost += 1;
                self.expr(recv);
            }
            CallKind::Func { fun, callee, .. } => {
                self.func_call_cost(fun, callee);
                self.expr(fun);
            }
        }
        for a in &c.args {
            self.expr(a);
        }
        let _ = e;
    }

    /// Whether the function being visited is an instance of a generic function, or a closure
    /// in one (which reads the instance's dictionary).
    fn in_shaped_code(&self) -> bool {
        let mut f = self.cur;
        for _ in 0..64 {
            let func = self.pkg.func(f);
            if func.shaped {
                return true;
            }
            match func.outer {
                Some(o) => f = o,
                None => return false,
            }
        }
        false
    }

    fn func_call_cost(&mut self, fun: &Expr, callee: &Callee) {
        // gc's typecheck turns runtime's `getg()` into an OGETG node: no call at all.
        if self.pkg.path == "runtime" && matches!(&fun.kind, ExprKind::FuncName { name, .. } if name == "getg") {
            return;
        }
        // gc's intrinsics are keyed by package path, so a local function can be one (`sqrt` in
        // package math); the special runtime callees are only the imported runtime's
        // (`RuntimeSymName`).
        if let Callee::Local(g) = callee {
            if let Some(name) = qualified_local_name(self.pkg, *g) {
                if is_intrinsic(self.pkg, &name) {
                    return;
                }
                // Up to gc 1.23 the special calls are matched by package path, so the runtime's
                // and reflect's own calls of them count too (`RuntimeSymName`, `ReflectSymName`).
                if !self.pkg.rules.special_calls_by_package_path && self.special(&name) {
                    return;
                }
            }
        }
        if let Callee::Extern(x) = callee {
            let name = x.name.as_str();
            if self.special(name) {
                return;
            }
            if is_intrinsic(self.pkg, name) {
                return;
            }
        }
        let mut extra = EXTRA_CALL_COST;
        if let ExprKind::Var(v) = fun.kind {
            let var = self.pkg.var(v);
            if var.class == VarClass::Param || var.func != self.cur {
                extra = extra.min(self.pkg.rules.param_call_cost);
            }
        }
        if let Some(g) = self.callee(fun, callee) {
            let gf = self.pkg.func(g);
            if gf.shaped {
                // The dictionary argument: `&.dict.F[int]` (OADDR, ONAME), or from shaped code
                // a subdictionary `(*[N]uintptr)(.dict[i])` (OCONVNOP, OINDEX, ONAME, OLITERAL).
                self.cost += if self.in_shaped_code() { 4 } else { 2 };
            }
            if let Some(inl) = gf.inl {
                if cost_ok(&self.pkg.rules, gf, inl.cost, self.big, false) {
                    self.cost += inl.cost;
                    return;
                }
            }
        }
        self.cost += extra;
    }

    /// gc's `inlCallee` for the hairy visitor.
    fn callee(&self, fun: &Expr, callee: &Callee) -> Option<FuncId> {
        match callee {
            Callee::Local(f) => Some(*f),
            Callee::Extern(x) => x.inline,
            // The call sites' own rule: a closure capturing variables of another function's
            // frame is not inlined, one nested in the visited function is.
            Callee::Dynamic => crate::calls::callee_of(self.pkg, self.statics, self.cur, fun, callee)
                .filter(|&g| self.pkg.func(g).body.is_some()),
        }
    }
}

/// Calls gc's hairy visitor treats specially, by the callee's `path.Name`.
enum Special {
    None,
    /// Costs like any other node.
    Cheap,
    /// `runtime.throw`: as expensive as the whole budget.
    Throw,
    Hairy(&'static str),
}

fn special_callee(rules: &ir::Rules, name: &str) -> Special {
    if name.starts_with(rules.escape_non_string_func) {
        return Special::Cheap;
    }
    // Up to gc 1.23 the table is keyed by runtime and reflect names.
    let by_path = rules.special_calls_by_package_path;
    match name {
        "internal/abi.NoEscape" if by_path => Special::Cheap,
        "reflect.noescape" if !by_path => Special::Cheap,
        "runtime.panicrangestate" if rules.range_body_tmp_state => Special::Cheap,
        "internal/runtime/sys.GetCallerPC" if by_path => Special::Hairy("call to GetCallerPC"),
        "internal/runtime/sys.GetCallerSP" if by_path => Special::Hairy("call to GetCallerSP"),
        "runtime.getcallerpc" if !by_path => Special::Hairy("call to getcallerpc"),
        "runtime.getcallersp" if !by_path => Special::Hairy("call to getcallersp"),
        "runtime.throw" => Special::Throw,
        "runtime.deferrangefunc" if rules.defer_in_range_func_hairy => Special::Hairy("defer call in range func"),
        _ => {
            // Where unaligned loads merge (`CanMergeLoads`: amd64 and arm64, every architecture
            // modelled, see `ir::Arch`), encoding/binary's byte-order methods are cheap.
            if let Some(m) = name
                .strip_prefix("encoding/binary.littleEndian.")
                .or_else(|| name.strip_prefix("encoding/binary.bigEndian."))
            {
                let sizes = ["Uint64", "Uint32", "Uint16"];
                if sizes
                    .iter()
                    .any(|s| m == *s || m.strip_prefix("Put") == Some(s) || m.strip_prefix("Append") == Some(s))
                {
                    return Special::Cheap;
                }
            }
            if let Some(f) = name.strip_prefix("internal/byteorder.") {
                // gc 1.23 spelled the byte orders `Le` and `Be`.
                let orders: [&str; 2] = if by_path { ["LE", "BE"] } else { ["Le", "Be"] };
                let cheap = orders.iter().any(|e| {
                    f.strip_prefix(e).is_some_and(|r| {
                        ["Uint64", "Uint32", "Uint16", "PutUint64", "PutUint32", "PutUint16"]
                            .iter()
                            .chain(["AppendUint64", "AppendUint32", "AppendUint16"].iter())
                            .any(|s| r == *s)
                    })
                });
                if cheap {
                    return Special::Cheap;
                }
            }
            Special::None
        }
    }
}

/// Calls the target architecture's backend implements as intrinsics (gc's `IsIntrinsicCall`): they cost one node.
pub(crate) fn is_intrinsic(pkg: &Package, name: &str) -> bool {
    crate::intrinsics::is_intrinsic(name, &pkg.rules)
}

/// Whether a conversion node is gc's `OCONVNOP` (no code): between types with the same
/// representation, which the IR shows as the same type kind and size, with no interface or
/// numeric-representation change.
pub(crate) fn conv_is_nop(pkg: &Package, e: &Expr) -> bool {
    use ir::TypeKind as T;
    let ExprKind::Conv(x) = &e.kind else { return false };
    // Converting `nil` only types the nil (gc's ONIL of the target type).
    if matches!(x.kind, ExprKind::Nil) {
        return true;
    }
    let (to, from) = (pkg.ty(e.ty), pkg.ty(x.ty));
    match (to.kind, from.kind) {
        (T::Pointer | T::UnsafePointer, T::Pointer | T::UnsafePointer) => true,
        (T::Uintptr, T::UnsafePointer) | (T::UnsafePointer, T::Uintptr) => true,
        // gc's `convertOp`: integers of the same machine type (`SimType`: int and int64, uint,
        // uint64 and uintptr on amd64) convert without code; a float or complex conversion is
        // always an OCONV (`tcConv` keeps even a same-kind one, for rounding).
        (T::Int | T::Uintptr, T::Int | T::Uintptr) => sim_type(&to.underlying) == sim_type(&from.underlying),
        (T::Float | T::Complex, _) | (_, T::Float | T::Complex) => false,
        // Identical underlying types convert without code.
        _ => to.underlying == from.underlying,
    }
}

/// A package-level function or method of this package as facts name imported ones
/// (`path.F`, `path.T.M`), to look it up among gc's intrinsics.
pub(crate) fn qualified_local_name(pkg: &Package, g: FuncId) -> Option<String> {
    let f = pkg.func(g);
    if f.outer.is_some() || f.inline_only {
        return None;
    }
    let name = f.name.strip_prefix("(*").map(|r| r.replacen(')', "", 1)).unwrap_or_else(|| f.name.clone());
    Some(format!("{}.{name}", pkg.path))
}

/// gc's `ir.SameSafeExpr`: the same variable, global or field path, with no side effects.
fn same_safe_expr(a: &Expr, b: &Expr) -> bool {
    use ExprKind as K;
    match (&a.kind, &b.kind) {
        (K::Var(x), K::Var(y)) => x == y,
        (K::Global(x), K::Global(y)) => x == y,
        (K::Dot { x, field: f, .. }, K::Dot { x: y, field: g, .. })
        | (K::DotPtr { x, field: f, .. }, K::DotPtr { x: y, field: g, .. }) => f == g && same_safe_expr(x, y),
        (K::Deref(x), K::Deref(y)) => same_safe_expr(x, y),
        _ => false,
    }
}

/// gc's `types.SimType` of an integer type on amd64, by name.
fn sim_type(name: &str) -> &str {
    match name {
        "int" => "int64",
        "uint" | "uintptr" => "uint64",
        "byte" => "uint8",
        "rune" => "int32",
        other => other,
    }
}

/// What gc's inliner leaves uncounted of an N:1 assignment to `n` variables
/// ([`ir::AssignKind::Spread`]): its temporaries' nodes and their assignment.
fn spread_compensation(n: usize) -> i32 {
    4 * n as i32 + 1
}

/// Counts every node of a body (for `IsBigFunc`).
struct NodeCount(i32);

impl NodeCount {
    fn stmts(&mut self, l: &[Stmt]) {
        for s in l {
            self.0 += 1;
            if let StmtKind::Assign { dst, kind: ir::AssignKind::Spread, .. } = &s.kind {
                self.0 -= spread_compensation(dst.len());
            }
            ir::visit::each_part(s, |p| match p {
                Part::Expr(e) => self.expr(e),
                Part::Stmt(s) => self.stmts(std::slice::from_ref(s)),
                Part::List(l) => self.stmts(l),
            });
        }
    }

    fn expr(&mut self, e: &Expr) {
        self.0 += 1;
        ir::visit::each_child(e, |c| self.expr(c));
    }
}
