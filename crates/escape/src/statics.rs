//! What is statically known about expressions, independent of the flow graph: gc's
//! `isSelfAssign` (assignments escape analysis may ignore) and the `ReassignOracle` queries
//! used to find the static callee of a call through a local function variable.

use rustc_hash::FxHashMap as HashMap;

use ir::{AssignKind, Expr, ExprKind, ExternId, FuncId, Lhs, Package, Stmt, StmtKind, TypeKind, VarClass, VarId};

use crate::call::Target;

// ---- self-assignment ----

/// Whether `dst = src` stores nothing new into `dst`'s object (gc's `isSelfAssign`).
pub(crate) fn is_self_assign(pkg: &Package, dst: &Expr, src: &Expr) -> bool {
    if is_slice_self_assign(dst, src) {
        return true;
    }
    match (&dst.kind, &src.kind) {
        (ExprKind::Dot { x: dx, .. }, ExprKind::Dot { x: sx, .. })
        | (ExprKind::DotPtr { x: dx, .. }, ExprKind::DotPtr { x: sx, .. }) => same_safe_expr(pkg, dx, sx),
        (ExprKind::Index { x: dx, index: di, .. }, ExprKind::Index { x: sx, index: si, .. }) => {
            !may_affect_memory(di) && !may_affect_memory(si) && same_safe_expr(pkg, dx, sx)
        }
        _ => false,
    }
}

/// `b.buf = b.buf[i:j]` through the same pointer variable (gc's `isSliceSelfAssign`).
fn is_slice_self_assign(dst: &Expr, src: &Expr) -> bool {
    let dst_base = match &dst.kind {
        ExprKind::Deref(x) | ExprKind::DotPtr { x, .. } => x,
        _ => return false,
    };
    let ExprKind::Var(dv) = dst_base.kind else { return false };
    let ExprKind::Slice { x, .. } = &src.kind else { return false };
    // Slicing an array value (an implicit `&`) brings in a pointer to the object itself.
    if matches!(x.kind, ExprKind::Addr(_)) {
        return false;
    }
    let src_base = match &x.kind {
        ExprKind::Deref(y) | ExprKind::DotPtr { x: y, .. } => y,
        _ => return false,
    };
    matches!(src_base.kind, ExprKind::Var(sv) if sv == dv)
}

fn strip_conv(mut e: &Expr) -> &Expr {
    while let ExprKind::Conv(x) = &e.kind {
        if e.ty != x.ty {
            break;
        }
        e = x;
    }
    e
}

/// gc's `ir.SameSafeExpr`: the same side-effect-free expression.
fn same_safe_expr(pkg: &Package, l: &Expr, r: &Expr) -> bool {
    let l = strip_conv(l);
    let r = strip_conv(r);
    let same_type = l.ty == r.ty
        || pkg.types.get(l.ty.0 as usize).map(|t| &t.display) == pkg.types.get(r.ty.0 as usize).map(|t| &t.display);
    if !same_type {
        return false;
    }
    use ExprKind as K;
    match (&l.kind, &r.kind) {
        (K::Var(a), K::Var(b)) => a == b,
        (K::Global(a), K::Global(b)) => a == b,
        (K::Dot { x: lx, field: lf, .. }, K::Dot { x: rx, field: rf, .. })
        | (K::DotPtr { x: lx, field: lf, .. }, K::DotPtr { x: rx, field: rf, .. }) => {
            lf == rf && same_safe_expr(pkg, lx, rx)
        }
        (K::Deref(a), K::Deref(b)) => same_safe_expr(pkg, a, b),
        (K::Unary { op: lo, x: a }, K::Unary { op: ro, x: b }) => lo == ro && same_safe_expr(pkg, a, b),
        (K::Conv(a), K::Conv(b)) => {
            let simple = pkg
                .types
                .get(l.ty.0 as usize)
                .map(|t| {
                    matches!(
                        t.kind,
                        TypeKind::Bool | TypeKind::Int | TypeKind::Uintptr | TypeKind::Float | TypeKind::Complex
                    )
                })
                .unwrap_or(false);
            simple && same_safe_expr(pkg, a, b)
        }
        (K::Index { x: lx, index: li, .. }, K::Index { x: rx, index: ri, .. }) => {
            same_safe_expr(pkg, lx, rx) && same_safe_expr(pkg, li, ri)
        }
        (K::IndexMap { x: lx, key: li }, K::IndexMap { x: rx, key: ri }) => {
            same_safe_expr(pkg, lx, rx) && same_safe_expr(pkg, li, ri)
        }
        (K::Binary { op: lo, x: lx, y: ly }, K::Binary { op: ro, x: rx, y: ry }) => {
            lo == ro
                && matches!(*lo, "+" | "-" | "|" | "^" | "*" | "<<" | ">>" | "&" | "&^" | "/" | "%")
                && same_safe_expr(pkg, lx, rx)
                && same_safe_expr(pkg, ly, ry)
        }
        (K::Const(a), K::Const(b)) => a == b,
        (K::Nil, K::Nil) => true,
        _ => false,
    }
}

/// gc's `mayAffectMemory`.
fn may_affect_memory(n: &Expr) -> bool {
    use ExprKind as K;
    match &n.kind {
        K::Var(_) | K::Global(_) | K::Const(_) | K::Nil => false,
        K::Binary { op, x, y } if matches!(*op, "+" | "-" | "|" | "^" | "*" | "<<" | ">>" | "&" | "&^" | "/" | "%") => {
            may_affect_memory(x) || may_affect_memory(y)
        }
        K::Index { x, index, .. } => may_affect_memory(x) || may_affect_memory(index),
        K::Conv(x) | K::Unary { x, .. } | K::Dot { x, .. } | K::DotPtr { x, .. } | K::Deref(x) => may_affect_memory(x),
        K::Call(c) if matches!(c.kind, ir::CallKind::Builtin(ir::Builtin::Len | ir::Builtin::Cap)) => {
            c.args.iter().any(may_affect_memory)
        }
        _ => true,
    }
}

// ---- static callees ----

/// What an assigned value is, as far as finding callees cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Value {
    /// A function, method expression or closure of this package.
    Func(FuncId),
    /// An imported function.
    Extern(ExternId),
    /// Another local variable (after stripping conversions).
    Var(VarId),
    Nil,
    Other,
}

fn summarize(e: &Expr) -> Value {
    match &strip_all_conv(e).kind {
        ExprKind::FuncName { func: Some(f), .. }
        | ExprKind::MethodExpr { func: Some(f), .. }
        | ExprKind::Closure(f) => Value::Func(*f),
        ExprKind::FuncName { func: None, ext: Some(x), .. } => Value::Extern(*x),
        ExprKind::Var(v) => Value::Var(*v),
        ExprKind::Nil => Value::Nil,
        _ => Value::Other,
    }
}

fn strip_all_conv(mut e: &Expr) -> &Expr {
    while let ExprKind::Conv(x) = &e.kind {
        e = x;
    }
    e
}

/// How one local variable is assigned within its outermost function (gc's `ReassignOracle`).
#[derive(Default)]
struct VarFacts {
    addr_taken: bool,
    /// The defining assignment's value, when the definition is a plain `x := e` / `var x = e`.
    def_value: Option<Value>,
    /// The constant the definition assigns, when it assigns one: its printed value.
    def_const: Option<String>,
    /// The backing array length of the slice literal the definition assigns, if it assigns one.
    def_slice_len: Option<i64>,
    /// Some assignment other than the definition.
    reassigned: bool,
    /// Values of the simple assignments `x = e` (including the definition), `None` once some
    /// other kind of assignment is seen.
    simple: Option<Vec<Value>>,
}

/// The assignments of every local variable of one function and its closures.
pub(crate) struct Oracle {
    vars: HashMap<VarId, VarFacts>,
}

impl Oracle {
    pub(crate) fn new(pkg: &Package, outermost: FuncId) -> Self {
        let mut o = Oracle { vars: HashMap::default() };
        let mut scan = Scan { pkg, oracle: &mut o, awaiting: Default::default() };
        if let Some(body) = &pkg.func(outermost).body {
            scan.stmts(body);
        }
        o
    }

    /// The constant `e` statically is, when it is a never-reassigned local variable (through
    /// others) defined by a constant: gc's `StaticValue` ending at an `OLITERAL`.
    pub(crate) fn static_const(&self, pkg: &Package, e: &Expr) -> Option<String> {
        let ExprKind::Var(x) = e.kind else { return None };
        self.follow_definitions(pkg, x, |f| f.def_const.clone())
    }

    /// The length of the slice literal `e` statically is (a never-reassigned local defined by
    /// one, or the literal itself): gc's `StaticValue` ending at an `OSLICELIT`.
    pub(crate) fn static_slice_len(&self, pkg: &Package, e: &Expr) -> Option<i64> {
        match &strip_all_conv(e).kind {
            ExprKind::SliceLit { len, .. } => Some(*len),
            ExprKind::Var(x) => self.follow_definitions(pkg, *x, |f| f.def_slice_len),
            _ => None,
        }
    }

    /// Follows never-reassigned local variables defined by one another from `x` until `found`
    /// says what a definition is.
    fn follow_definitions<T>(&self, pkg: &Package, mut x: VarId, found: impl Fn(&VarFacts) -> Option<T>) -> Option<T> {
        // Bounded: a cycle of definitions cannot be longer than the number of variables.
        for _ in 0..=self.vars.len() {
            if pkg.var(x).class != VarClass::Local {
                return None;
            }
            let f = self.vars.get(&x)?;
            if f.addr_taken || f.reassigned {
                return None;
            }
            if let Some(v) = found(f) {
                return Some(v);
            }
            match f.def_value {
                Some(Value::Var(y)) => x = y,
                _ => return None,
            }
        }
        None
    }

    /// gc's `StaticValue`: follows never-reassigned local variables to their value.
    fn static_value(&self, pkg: &Package, mut v: Value) -> Value {
        // Bounded: a cycle of definitions cannot be longer than the number of variables.
        for _ in 0..=self.vars.len() {
            let Value::Var(x) = v else { return v };
            if pkg.var(x).class != VarClass::Local {
                return v;
            }
            let Some(f) = self.vars.get(&x) else { return v };
            match f.def_value {
                Some(val) if !f.addr_taken && !f.reassigned => v = val,
                _ => return v,
            }
        }
        v
    }
}

struct Scan<'a, 'o> {
    pkg: &'a Package,
    oracle: &'o mut Oracle,
    awaiting: rustc_hash::FxHashSet<VarId>,
}

impl<'a> Scan<'a, '_> {
    fn facts(&mut self, v: VarId) -> &mut VarFacts {
        self.oracle.vars.entry(v).or_insert_with(|| VarFacts { simple: Some(Vec::new()), ..Default::default() })
    }

    /// The variable an assignment to `e` writes (gc's `OuterValue`).
    fn outer_var(e: &Expr) -> Option<VarId> {
        match &e.kind {
            ExprKind::Var(v) => Some(*v),
            ExprKind::Dot { x, .. } => Self::outer_var(x),
            ExprKind::Index { x, array: true, .. } => Self::outer_var(x),
            ExprKind::Conv(x) => Self::outer_var(x),
            _ => None,
        }
    }

    /// Records an assignment to `dst` of `value`. `simple`: a one-to-one `x = e`; `paired`: one
    /// value per destination (`OAS` or `OAS2`), which is what a definition's static value needs.
    fn assigned(&mut self, dst: &Lhs, value: Option<&'a Expr>, simple: bool, paired: bool, defining: bool) {
        let Some(d) = dst else { return };
        let Some(v) = Self::outer_var(d) else { return };
        let direct = matches!(d.kind, ExprKind::Var(_));
        let f = self.facts(v);
        if defining && direct {
            if paired {
                f.def_value = value.map(summarize);
                f.def_const = value.and_then(|x| match &x.kind {
                    ExprKind::Const(c) => Some(c.clone()),
                    _ => None,
                });
                f.def_slice_len = value.and_then(|x| match &strip_all_conv(x).kind {
                    ExprKind::SliceLit { len, .. } => Some(*len),
                    _ => None,
                });
            }
        } else {
            f.reassigned = true;
        }
        let is_nil = match value {
            None => true,
            Some(x) => matches!(strip_conv(x).kind, ExprKind::Nil),
        };
        if simple && direct {
            if !is_nil {
                if let Some(list) = &mut f.simple {
                    list.push(summarize(value.unwrap()));
                }
            }
        } else {
            f.simple = None;
        }
    }

    fn stmts(&mut self, l: &'a [Stmt]) {
        for s in l {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &'a Stmt) {
        match &s.kind {
            StmtKind::Decl(v) => {
                self.awaiting.insert(*v);
                self.facts(*v);
            }
            StmtKind::Assign { dst, src, kind, define, .. } => {
                for x in src.iter().flatten() {
                    self.expr(x);
                }
                for d in dst.iter().flatten() {
                    self.lvalue(d);
                }
                let simple = dst.len() == 1 && matches!(kind, AssignKind::Plain);
                let plain_list = matches!(kind, AssignKind::Plain | AssignKind::Spread | AssignKind::Pair);
                for (i, d) in dst.iter().enumerate() {
                    let defining =
                        *define && matches!(d, Some(Expr { kind: ExprKind::Var(v), .. }) if self.awaiting.remove(v));
                    let value = if plain_list { src.get(i).and_then(|x| x.as_ref()) } else { None };
                    let paired = plain_list && dst.len() == src.len();
                    self.assigned(d, value, simple, paired, defining && plain_list);
                }
            }
            StmtKind::AssignCall { dst, call, define } => {
                self.expr(call);
                for d in dst.iter().flatten() {
                    self.lvalue(d);
                }
                for d in dst {
                    if *define {
                        if let Some(Expr { kind: ExprKind::Var(v), .. }) = d {
                            self.awaiting.remove(v);
                        }
                    }
                    self.assigned(d, None, false, false, false);
                }
            }
            StmtKind::Range { x, key, value, body, .. } => {
                self.expr(x);
                self.assigned(key, None, false, false, false);
                self.assigned(value, None, false, false, false);
                self.stmts(body);
            }
            StmtKind::Expr(x) | StmtKind::Go(x) | StmtKind::Defer(x) => self.expr(x),
            StmtKind::Send { ch, value } => {
                self.expr(ch);
                self.expr(value);
            }
            StmtKind::Return(xs) => xs.iter().for_each(|x| self.expr(x)),
            StmtKind::Block(b) => self.stmts(b),
            StmtKind::If { cond, then, els } => {
                self.expr(cond);
                self.stmts(then);
                self.stmts(els);
            }
            StmtKind::For { cond, post, body, .. } => {
                if let Some(c) = cond {
                    self.expr(c);
                }
                if let Some(p) = post {
                    self.stmt(p);
                }
                self.stmts(body);
            }
            StmtKind::Switch { tag, cases } => {
                if let Some(t) = tag {
                    self.expr(t);
                }
                for c in cases {
                    c.exprs.iter().for_each(|x| self.expr(x));
                    self.stmts(&c.body);
                }
            }
            StmtKind::TypeSwitch { x, cases } => {
                self.expr(x);
                for c in cases {
                    self.stmts(&c.body);
                }
            }
            StmtKind::Select { cases } => {
                for c in cases {
                    if let Some(comm) = &c.comm {
                        self.stmt(comm);
                    }
                    self.stmts(&c.body);
                }
            }
            StmtKind::Label { .. } | StmtKind::Jump => {}
        }
    }

    fn lvalue(&mut self, e: &'a Expr) {
        match &e.kind {
            ExprKind::Var(_) => {}
            _ => self.expr(e),
        }
    }

    fn expr(&mut self, e: &'a Expr) {
        use ExprKind as K;
        match &e.kind {
            K::Addr(x) => {
                if let Some(v) = Self::outer_var(x) {
                    self.facts(v).addr_taken = true;
                }
                self.expr(x);
            }
            K::Closure(f) => {
                if let Some(body) = &self.pkg.func(*f).body {
                    self.stmts(body);
                }
            }
            K::Const(_)
            | K::Nil
            | K::DictEntry(_)
            | K::Var(_)
            | K::Global(_)
            | K::FuncName { .. }
            | K::MethodExpr { .. }
            | K::Type
            | K::New => {}
            K::Unary { x, .. }
            | K::Deref(x)
            | K::Dot { x, .. }
            | K::DotPtr { x, .. }
            | K::DotType { x }
            | K::Conv(x)
            | K::ConvIface { x, .. }
            | K::SliceToArray(x)
            | K::SliceToArrayPtr(x)
            | K::Recv(x)
            | K::PtrLit(x)
            | K::StrConv { x, .. } => self.expr(x),
            K::Binary { x, y, .. } | K::Index { x, index: y, .. } | K::IndexMap { x, key: y } => {
                self.expr(x);
                self.expr(y);
            }
            K::Slice { x, lo, hi, max } => {
                self.expr(x);
                for y in [lo, hi, max].into_iter().flatten() {
                    self.expr(y);
                }
            }
            K::Call(c) => {
                match &c.kind {
                    ir::CallKind::Func { fun, .. } => self.expr(fun),
                    ir::CallKind::Inter { recv, .. } => self.expr(recv),
                    ir::CallKind::Builtin(_) => {}
                }
                c.args.iter().for_each(|a| self.expr(a));
            }
            K::MakeSlice { len, cap } => {
                self.expr(len);
                if let Some(c) = cap {
                    self.expr(c);
                }
            }
            K::MakeChan { len } | K::MakeMap { len } => {
                if let Some(l) = len {
                    self.expr(l);
                }
            }
            K::MethodValue { recv, .. } => self.expr(recv),
            K::Inlined(ic) => {
                self.stmts(&ic.init);
                self.stmts(&ic.body);
            }
            K::ArrayLit(xs) | K::StructLit(xs) | K::AddStr(xs) | K::SliceLit { elts: xs, .. } => {
                xs.iter().for_each(|x| self.expr(x))
            }
            K::MapLit(kvs) => {
                for (k, v) in kvs {
                    self.expr(k);
                    self.expr(v);
                }
            }
        }
    }
}

/// gc's `StaticCalleeName`: a function name, method expression or closure.
fn static_callee_name<'a>(pkg: &'a Package, e: &Expr) -> Option<Target<'a>> {
    match &e.kind {
        ExprKind::FuncName { func: Some(f), .. }
        | ExprKind::MethodExpr { func: Some(f), .. }
        | ExprKind::Closure(f) => Some(Target::Local(*f)),
        ExprKind::FuncName { func: None, ext: Some(x), .. } => Some(Target::Extern(pkg.extern_func(*x))),
        _ => None,
    }
}

/// The oracle of the outermost function enclosing `cur`, made on first use.
pub(crate) fn oracle_for<'o>(pkg: &Package, cur: FuncId, oracles: &'o mut HashMap<FuncId, Oracle>) -> &'o Oracle {
    let top = oracle_root(pkg, cur);
    oracles.entry(top).or_insert_with(|| Oracle::new(pkg, top))
}

/// The function whose oracle answers for `cur`: its outermost enclosing function, except that
/// a closure of the package initializers answers for itself (gc's `reassignOracle`).
fn oracle_root(pkg: &Package, cur: FuncId) -> FuncId {
    let mut top = cur;
    while let Some(o) = pkg.func(top).outer.filter(|&o| !pkg.func(o).is_package_init()) {
        top = o;
    }
    top
}

/// The static callees of a call through `fun` in function `cur`, when gc can resolve them:
/// the value of a never-reassigned local, or every function assigned to a local function
/// variable (from gc 1.27). Empty when unknown.
pub(crate) fn static_callees<'a>(
    pkg: &'a Package,
    cur: FuncId,
    fun: &Expr,
    oracles: &mut HashMap<FuncId, Oracle>,
) -> Vec<Target<'a>> {
    if let Some(t) = static_callee_name(pkg, fun) {
        return vec![t];
    }
    let ExprKind::Var(_) = strip_all_conv(fun).kind else { return Vec::new() };
    let top = oracle_root(pkg, cur);
    let oracle = oracles.entry(top).or_insert_with(|| Oracle::new(pkg, top));
    let v = oracle.static_value(pkg, summarize(fun));
    match v {
        Value::Func(f) => return vec![Target::Local(f)],
        Value::Extern(x) => return vec![Target::Extern(pkg.extern_func(x))],
        _ => {}
    }
    // Up to gc 1.26 a variable that is not statically one function has no callee.
    if !pkg.rules.callees_of_reassigned_func_vars {
        return Vec::new();
    }
    let Value::Var(name) = v else { return Vec::new() };
    let var = pkg.var(name);
    if var.class != VarClass::Local || pkg.types.get(var.ty.0 as usize).map(|t| t.kind) != Some(TypeKind::Func) {
        return Vec::new();
    }
    let Some(f) = oracle.vars.get(&name) else { return Vec::new() };
    if f.addr_taken {
        return Vec::new();
    }
    let Some(values) = &f.simple else { return Vec::new() };
    let mut out = Vec::new();
    for val in values {
        match *val {
            Value::Func(fid) => {
                let func = pkg.func(fid);
                if func.uintptr_escapes || func.uintptr_keepalive {
                    return Vec::new();
                }
                out.push(Target::Local(fid));
            }
            Value::Extern(x) => out.push(Target::Extern(pkg.extern_func(x))),
            Value::Nil => {}
            _ => return Vec::new(),
        }
    }
    out
}
