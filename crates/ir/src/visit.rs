//! Generic traversal of the IR: the children of a node, in gc's `DoChildren` order.
//!
//! Passes that only need to reach every node (the inliner's cost visitor and call rewriting,
//! dead-local elimination) use these instead of spelling out every node kind again. Statement
//! children come in two kinds: nested statement lists (bodies) and expressions; a closure's body
//! is not a child of the closure expression (as in gc, where a `ClosureExpr`'s children are its
//! init and preallocation only).

use smallvec::{smallvec, SmallVec};

use crate::{CallKind, Expr, ExprKind, Stmt, StmtKind};

/// A node's direct sub-expressions: few, so kept inline rather than on the heap.
pub type Children<'a> = SmallVec<[&'a Expr; 4]>;

/// The direct sub-expressions of `e`, in evaluation order. An inlined call's statements are not
/// expressions: see [`inlined_stmts`].
pub fn expr_children(e: &Expr) -> Children<'_> {
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
        | K::Inlined(_) => SmallVec::new(),
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
        | K::StrConv { x, .. } => smallvec![&**x],
        K::Binary { x, y, .. } | K::Index { x, index: y, .. } | K::IndexMap { x, key: y } => smallvec![&**x, &**y],
        K::Slice { x, lo, hi, max } => {
            let mut v: Children<'_> = smallvec![&**x];
            v.extend([lo, hi, max].into_iter().flatten().map(|b| &**b));
            v
        }
        K::Call(c) => {
            let mut v: Children<'_> = match &c.kind {
                CallKind::Func { fun, .. } => smallvec![&**fun],
                CallKind::Inter { recv, .. } => smallvec![&**recv],
                CallKind::Builtin(_) => SmallVec::new(),
            };
            v.extend(c.args.iter());
            v
        }
        K::MakeSlice { len, cap } => {
            let mut v: Children<'_> = smallvec![&**len];
            v.extend(cap.iter().map(|b| &**b));
            v
        }
        K::MakeChan { len } | K::MakeMap { len } => len.iter().map(|b| &**b).collect(),
        K::MethodValue { recv, .. } => smallvec![&**recv],
        K::ArrayLit(xs) | K::StructLit(xs) | K::AddStr(xs) | K::SliceLit { elts: xs, .. } => xs.iter().collect(),
        K::MapLit(kvs) => kvs.iter().flat_map(|(k, v)| [k, v]).collect(),
    }
}

/// [`expr_children`], mutably.
pub fn expr_children_mut(e: &mut Expr) -> SmallVec<[&mut Expr; 4]> {
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
        | K::Inlined(_) => SmallVec::new(),
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
        | K::StrConv { x, .. } => smallvec![&mut **x],
        K::Binary { x, y, .. } | K::Index { x, index: y, .. } | K::IndexMap { x, key: y } => {
            smallvec![&mut **x, &mut **y]
        }
        K::Slice { x, lo, hi, max } => {
            let mut v: SmallVec<[&mut Expr; 4]> = smallvec![&mut **x];
            v.extend([lo, hi, max].into_iter().flatten().map(|b| &mut **b));
            v
        }
        K::Call(c) => {
            let c = &mut **c;
            let mut v: SmallVec<[&mut Expr; 4]> = match &mut c.kind {
                CallKind::Func { fun, .. } => smallvec![&mut **fun],
                CallKind::Inter { recv, .. } => smallvec![&mut **recv],
                CallKind::Builtin(_) => SmallVec::new(),
            };
            v.extend(c.args.iter_mut());
            v
        }
        K::MakeSlice { len, cap } => {
            let mut v: SmallVec<[&mut Expr; 4]> = smallvec![&mut **len];
            v.extend(cap.iter_mut().map(|b| &mut **b));
            v
        }
        K::MakeChan { len } | K::MakeMap { len } => len.iter_mut().map(|b| &mut **b).collect(),
        K::MethodValue { recv, .. } => smallvec![&mut **recv],
        K::ArrayLit(xs) | K::StructLit(xs) | K::AddStr(xs) | K::SliceLit { elts: xs, .. } => xs.iter_mut().collect(),
        K::MapLit(kvs) => kvs.iter_mut().flat_map(|(k, v)| [k, v]).collect(),
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

/// What a statement holds directly: its expressions (destinations included, `None` for the blank
/// identifier) and its nested statement lists, each in gc's child order.
pub struct StmtParts<'a> {
    pub exprs: Children<'a>,
    pub lists: SmallVec<[&'a [Stmt]; 2]>,
    /// Nested single statements (a `for` loop's post statement, a select case's communication).
    pub stmts: SmallVec<[&'a Stmt; 1]>,
}

/// The parts of `s` (see [`StmtParts`]).
pub fn stmt_parts(s: &Stmt) -> StmtParts<'_> {
    let mut p = StmtParts { exprs: SmallVec::new(), lists: SmallVec::new(), stmts: SmallVec::new() };
    match &s.kind {
        StmtKind::Decl(_) | StmtKind::Label { .. } | StmtKind::Jump => {}
        StmtKind::Assign { dst, src, .. } => {
            p.exprs.extend(dst.iter().flatten());
            p.exprs.extend(src.iter().flatten());
        }
        StmtKind::AssignCall { dst, call, .. } => {
            p.exprs.extend(dst.iter().flatten());
            p.exprs.push(call);
        }
        StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => p.exprs.push(e),
        StmtKind::Send { ch, value } => p.exprs.extend([ch, value]),
        StmtKind::Return(rs) => p.exprs.extend(rs.iter()),
        StmtKind::Block(b) => p.lists.push(b),
        StmtKind::If { cond, then, els } => {
            p.exprs.push(cond);
            p.lists.extend([&then[..], &els[..]]);
        }
        StmtKind::For { cond, post, body, .. } => {
            p.exprs.extend(cond.iter());
            p.stmts.extend(post.iter().map(|b| &**b));
            p.lists.push(body);
        }
        StmtKind::Range { x, key, value, body, .. } => {
            p.exprs.extend(key.iter());
            p.exprs.extend(value.iter());
            p.exprs.push(x);
            p.lists.push(body);
        }
        StmtKind::Switch { tag, cases } => {
            p.exprs.extend(tag.iter());
            for c in cases {
                p.exprs.extend(c.exprs.iter());
                p.lists.push(&c.body);
            }
        }
        StmtKind::TypeSwitch { x, cases } => {
            p.exprs.push(x);
            p.lists.extend(cases.iter().map(|c| &c.body[..]));
        }
        StmtKind::Select { cases } => {
            for c in cases {
                p.stmts.extend(c.comm.iter().map(|b| &**b));
                p.lists.push(&c.body);
            }
        }
    }
    p
}

/// Calls `f` on every expression of `stmts` and of what they contain, children before parents
/// (closure bodies excluded; inlined calls' statements included).
pub fn for_each_expr_in_stmts(stmts: &[Stmt], f: &mut dyn FnMut(&Expr)) {
    for s in stmts {
        for_each_expr_in_stmt(s, f);
    }
}

fn for_each_expr_in_stmt(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    let p = stmt_parts(s);
    for e in p.exprs {
        for_each_expr(e, f);
    }
    for s in p.stmts {
        for_each_expr_in_stmt(s, f);
    }
    for l in p.lists {
        for_each_expr_in_stmts(l, f);
    }
}

/// Calls `f` on `e` and every expression inside it, children first.
pub fn for_each_expr(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    for c in expr_children(e) {
        for_each_expr(c, f);
    }
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

/// The expressions a statement holds directly, mutably (destinations included).
pub fn stmt_exprs_mut(s: &mut Stmt) -> Vec<&mut Expr> {
    match &mut s.kind {
        StmtKind::Decl(_) | StmtKind::Label { .. } | StmtKind::Jump | StmtKind::Block(_) => Vec::new(),
        StmtKind::Assign { dst, src, .. } => dst.iter_mut().flatten().chain(src.iter_mut().flatten()).collect(),
        StmtKind::AssignCall { dst, call, .. } => {
            let mut v: Vec<&mut Expr> = dst.iter_mut().flatten().collect();
            v.push(call);
            v
        }
        StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => vec![e],
        StmtKind::Send { ch, value } => vec![ch, value],
        StmtKind::Return(rs) => rs.iter_mut().collect(),
        StmtKind::If { cond, .. } => vec![cond],
        StmtKind::For { cond, .. } => cond.iter_mut().collect(),
        StmtKind::Range { x, key, value, .. } => key.iter_mut().chain(value.iter_mut()).chain([x]).collect(),
        StmtKind::Switch { tag, cases } => {
            let mut v: Vec<&mut Expr> = tag.iter_mut().collect();
            for c in cases {
                v.extend(c.exprs.iter_mut());
            }
            v
        }
        StmtKind::TypeSwitch { x, .. } => vec![x],
        StmtKind::Select { .. } => Vec::new(),
    }
}
