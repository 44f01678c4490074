//! Generic traversal of the IR: the children of a node, in gc's `DoChildren` order.
//!
//! Passes that only need to reach every node (the inliner's cost visitor and call rewriting,
//! dead-local elimination) use these instead of spelling out every node kind again. Statement
//! children come in two kinds: nested statement lists (bodies) and expressions; a closure's body
//! is not a child of the closure expression (as in gc, where a `ClosureExpr`'s children are its
//! init and preallocation only).

use crate::{CallKind, Expr, ExprKind, Stmt, StmtKind};

/// Calls `f` on each direct sub-expression of `e`, in evaluation order. An inlined call's
/// statements are not expressions: see [`inlined_stmts`]. The walkers call this once per node,
/// so it hands out children one by one instead of collecting them.
#[inline]
pub fn each_child<'a>(e: &'a Expr, mut f: impl FnMut(&'a Expr)) {
    use ExprKind as K;
    match &e.kind {
        K::Const(_)
        | K::Nil
        | K::DictEntry(_)
        | K::Var(_)
        | K::Global(_)
        | K::FuncName { .. }
        | K::MethodExpr { .. }
        | K::Type
        | K::New
        | K::Closure(_)
        | K::Inlined(_) => {}
        K::Unary { x, .. }
        | K::Addr(x)
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
        | K::StrConv { x, .. }
        | K::MethodValue { recv: x, .. } => f(x),
        K::Binary { x, y, .. } | K::Index { x, index: y, .. } | K::IndexMap { x, key: y } => {
            f(x);
            f(y);
        }
        K::Slice { x, lo, hi, max } => {
            f(x);
            [lo, hi, max].into_iter().flatten().for_each(|b| f(b));
        }
        K::Call(c) => {
            match &c.kind {
                CallKind::Func { fun, .. } => f(fun),
                CallKind::Inter { recv, .. } => f(recv),
                CallKind::Builtin(_) => {}
            }
            c.args.iter().for_each(f);
        }
        K::MakeSlice { len, cap } => {
            f(len);
            cap.iter().for_each(|b| f(b));
        }
        K::MakeChan { len } | K::MakeMap { len } => len.iter().for_each(|b| f(b)),
        K::ArrayLit(xs) | K::StructLit(xs) | K::AddStr(xs) | K::SliceLit { elts: xs, .. } => xs.iter().for_each(f),
        K::MapLit(kvs) => kvs.iter().for_each(|(k, v)| {
            f(k);
            f(v);
        }),
    }
}

/// [`each_child`], mutably.
#[inline]
pub fn each_child_mut(e: &mut Expr, mut f: impl FnMut(&mut Expr)) {
    use ExprKind as K;
    match &mut e.kind {
        K::Const(_)
        | K::Nil
        | K::DictEntry(_)
        | K::Var(_)
        | K::Global(_)
        | K::FuncName { .. }
        | K::MethodExpr { .. }
        | K::Type
        | K::New
        | K::Closure(_)
        | K::Inlined(_) => {}
        K::Unary { x, .. }
        | K::Addr(x)
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
        | K::StrConv { x, .. }
        | K::MethodValue { recv: x, .. } => f(x),
        K::Binary { x, y, .. } | K::Index { x, index: y, .. } | K::IndexMap { x, key: y } => {
            f(x);
            f(y);
        }
        K::Slice { x, lo, hi, max } => {
            f(x);
            [lo, hi, max].into_iter().flatten().for_each(|b| f(b));
        }
        K::Call(c) => {
            let c = &mut **c;
            match &mut c.kind {
                CallKind::Func { fun, .. } => f(fun),
                CallKind::Inter { recv, .. } => f(recv),
                CallKind::Builtin(_) => {}
            }
            c.args.iter_mut().for_each(f);
        }
        K::MakeSlice { len, cap } => {
            f(len);
            cap.iter_mut().for_each(|b| f(b));
        }
        K::MakeChan { len } | K::MakeMap { len } => len.iter_mut().for_each(|b| f(b)),
        K::ArrayLit(xs) | K::StructLit(xs) | K::AddStr(xs) | K::SliceLit { elts: xs, .. } => xs.iter_mut().for_each(f),
        K::MapLit(kvs) => kvs.iter_mut().for_each(|(k, v)| {
            f(k);
            f(v);
        }),
    }
}

/// The statements of an inlined call: its init, then its body.
pub fn inlined_stmts(e: &Expr) -> impl Iterator<Item = &Stmt> {
    let ic = match &e.kind {
        ExprKind::Inlined(ic) => Some(&**ic),
        _ => None,
    };
    ic.into_iter().flat_map(|ic| ic.init.iter().chain(&ic.body))
}

/// One thing a statement holds directly (see [`each_part`]).
pub enum Part<'a> {
    /// An expression (destinations included; the blank identifier is skipped).
    Expr(&'a Expr),
    /// A nested single statement (a `for` loop's post statement, a select case's communication).
    Stmt(&'a Stmt),
    /// A nested statement list (a body).
    List(&'a [Stmt]),
}

/// Calls `f` on what `s` holds directly: all its expressions first, then its nested single
/// statements, then its statement lists, each kind in gc's child order.
#[inline]
pub fn each_part<'a>(s: &'a Stmt, mut f: impl FnMut(Part<'a>)) {
    let mut exprs = |es: &mut dyn Iterator<Item = &'a Expr>| es.for_each(|e| f(Part::Expr(e)));
    match &s.kind {
        StmtKind::Decl(_) | StmtKind::Label { .. } | StmtKind::Jump => {}
        StmtKind::Assign { dst, src, .. } => exprs(&mut dst.iter().flatten().chain(src.iter().flatten())),
        StmtKind::AssignCall { dst, call, .. } => exprs(&mut dst.iter().flatten().chain([call])),
        StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => f(Part::Expr(e)),
        StmtKind::Send { ch, value } => exprs(&mut [ch, value].into_iter()),
        StmtKind::Return(rs) => exprs(&mut rs.iter()),
        StmtKind::Block(b) => f(Part::List(b)),
        StmtKind::If { cond, then, els } => {
            f(Part::Expr(cond));
            f(Part::List(then));
            f(Part::List(els));
        }
        StmtKind::For { cond, post, body, .. } => {
            exprs(&mut cond.iter());
            if let Some(p) = post {
                f(Part::Stmt(p));
            }
            f(Part::List(body));
        }
        StmtKind::Range { x, key, value, body, .. } => {
            exprs(&mut key.iter().chain(value.iter()).chain([&**x]));
            f(Part::List(body));
        }
        StmtKind::Switch { tag, cases } => {
            exprs(&mut tag.iter().chain(cases.iter().flat_map(|c| c.exprs.iter())));
            cases.iter().for_each(|c| f(Part::List(&c.body)));
        }
        StmtKind::TypeSwitch { x, cases } => {
            f(Part::Expr(x));
            cases.iter().for_each(|c| f(Part::List(&c.body)));
        }
        StmtKind::Select { cases } => {
            cases.iter().filter_map(|c| c.comm.as_deref()).for_each(|c| f(Part::Stmt(c)));
            cases.iter().for_each(|c| f(Part::List(&c.body)));
        }
    }
}

/// Calls `f` on every expression of `stmts` and of what they contain, children before parents
/// (closure bodies excluded; inlined calls' statements included).
pub fn for_each_expr_in_stmts(stmts: &[Stmt], f: &mut dyn FnMut(&Expr)) {
    for s in stmts {
        for_each_expr_in_stmt(s, f);
    }
}

fn for_each_expr_in_stmt(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    each_part(s, |p| match p {
        Part::Expr(e) => for_each_expr(e, f),
        Part::Stmt(s) => for_each_expr_in_stmt(s, f),
        Part::List(l) => for_each_expr_in_stmts(l, f),
    });
}

/// Calls `f` on `e` and every expression inside it, children first.
pub fn for_each_expr(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    each_child(e, |c| for_each_expr(c, f));
    for s in inlined_stmts(e) {
        for_each_expr_in_stmt(s, f);
    }
    f(e);
}

/// Calls `f` on every statement of `stmts` and of the statements nested in them (bodies, a
/// `for` loop's post statement, select communications), parents before children. Statements
/// inside inlined calls and closure bodies are not visited.
pub fn for_each_stmt_mut(stmts: &mut [Stmt], f: &mut dyn FnMut(&mut Stmt)) {
    for s in stmts.iter_mut() {
        for_each_stmt_in_stmt_mut(s, f);
    }
}

fn for_each_stmt_in_stmt_mut(s: &mut Stmt, f: &mut dyn FnMut(&mut Stmt)) {
    f(s);
    match &mut s.kind {
        StmtKind::Block(b) => for_each_stmt_mut(b, f),
        StmtKind::If { then, els, .. } => {
            for_each_stmt_mut(then, f);
            for_each_stmt_mut(els, f);
        }
        StmtKind::For { post, body, .. } => {
            if let Some(p) = post {
                for_each_stmt_in_stmt_mut(p, f);
            }
            for_each_stmt_mut(body, f);
        }
        StmtKind::Range { body, .. } => for_each_stmt_mut(body, f),
        StmtKind::Switch { cases, .. } => cases.iter_mut().for_each(|c| for_each_stmt_mut(&mut c.body, f)),
        StmtKind::TypeSwitch { cases, .. } => cases.iter_mut().for_each(|c| for_each_stmt_mut(&mut c.body, f)),
        StmtKind::Select { cases, .. } => {
            for c in cases {
                if let Some(comm) = &mut c.comm {
                    for_each_stmt_in_stmt_mut(comm, f);
                }
                for_each_stmt_mut(&mut c.body, f);
            }
        }
        _ => {}
    }
}

/// Calls `f` on the expressions a statement holds directly, mutably (destinations included),
/// in the order of [`each_part`].
#[inline]
pub fn each_stmt_expr_mut(s: &mut Stmt, mut f: impl FnMut(&mut Expr)) {
    match &mut s.kind {
        StmtKind::Decl(_) | StmtKind::Label { .. } | StmtKind::Jump | StmtKind::Block(_) | StmtKind::Select { .. } => {}
        StmtKind::Assign { dst, src, .. } => dst.iter_mut().flatten().chain(src.iter_mut().flatten()).for_each(f),
        StmtKind::AssignCall { dst, call, .. } => {
            dst.iter_mut().flatten().for_each(&mut f);
            f(call);
        }
        StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) | StmtKind::If { cond: e, .. } => f(e),
        StmtKind::TypeSwitch { x, .. } => f(x),
        StmtKind::Send { ch, value } => {
            f(ch);
            f(value);
        }
        StmtKind::Return(rs) => rs.iter_mut().for_each(f),
        StmtKind::For { cond, .. } => cond.iter_mut().for_each(f),
        StmtKind::Range { x, key, value, .. } => key.iter_mut().chain(value.iter_mut()).chain([&mut **x]).for_each(f),
        StmtKind::Switch { tag, cases } => {
            tag.iter_mut().for_each(&mut f);
            cases.iter_mut().flat_map(|c| c.exprs.iter_mut()).for_each(f);
        }
    }
}
