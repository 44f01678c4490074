//! Pre-order walks over the syntax tree.
//!
//! Later stages often need "every expression inside this function" (which types a generic body
//! mentions, which variables have their address taken) without caring about statement shapes.
//! [`exprs_in_stmts`] and [`exprs_in_expr`] visit every [`Expr`] node — values, types, function
//! literal signatures and bodies, nested declarations — parent before children.

use crate::ast::{Decl, Expr, ExprKind, Field, FuncDecl, FuncType, Stmt, StmtKind};

/// Calls `f` on every expression in `stmts`, outermost first.
pub fn exprs_in_stmts(stmts: &[Stmt], f: &mut dyn FnMut(&Expr)) {
    for s in stmts {
        stmt(s, f);
    }
}

/// Calls `f` on `e` and every expression inside it, outermost first.
pub fn exprs_in_expr(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    match &e.kind {
        ExprKind::Ident(_) | ExprKind::BasicLit { .. } | ExprKind::Bad => {}
        ExprKind::CompositeLit { ty, elts } => {
            if let Some(t) = ty {
                exprs_in_expr(t, f);
            }
            for el in elts {
                if let Some(k) = &el.key {
                    exprs_in_expr(k, f);
                }
                exprs_in_expr(&el.value, f);
            }
        }
        ExprKind::FuncLit { ty, body } => {
            exprs_in_expr(ty, f);
            exprs_in_stmts(&body.stmts, f);
        }
        ExprKind::Paren(x) | ExprKind::Star(x) => exprs_in_expr(x, f),
        ExprKind::Selector { x, .. } => exprs_in_expr(x, f),
        ExprKind::Index { x, indices } => {
            exprs_in_expr(x, f);
            for i in indices {
                exprs_in_expr(i, f);
            }
        }
        ExprKind::Slice { x, lo, hi, max, .. } => {
            exprs_in_expr(x, f);
            for part in [lo, hi, max].into_iter().flatten() {
                exprs_in_expr(part, f);
            }
        }
        ExprKind::TypeAssert { x, ty } => {
            exprs_in_expr(x, f);
            if let Some(t) = ty {
                exprs_in_expr(t, f);
            }
        }
        ExprKind::Call { fun, args, .. } => {
            exprs_in_expr(fun, f);
            for a in args {
                exprs_in_expr(a, f);
            }
        }
        ExprKind::Unary { x, .. } => exprs_in_expr(x, f),
        ExprKind::Binary { x, y, .. } => {
            exprs_in_expr(x, f);
            exprs_in_expr(y, f);
        }
        ExprKind::ArrayType { len, elem } => {
            if let Some(l) = len {
                exprs_in_expr(l, f);
            }
            exprs_in_expr(elem, f);
        }
        ExprKind::StructType { fields } | ExprKind::InterfaceType { elems: fields } => field_list(fields, f),
        ExprKind::FuncType(ft) => func_type(ft, f),
        ExprKind::MapType { key, value } => {
            exprs_in_expr(key, f);
            exprs_in_expr(value, f);
        }
        ExprKind::ChanType { elem, .. } => exprs_in_expr(elem, f),
        ExprKind::Ellipsis(x) => {
            if let Some(x) = x {
                exprs_in_expr(x, f);
            }
        }
    }
}

/// Calls `f` on every expression in a function declaration (receiver, signature, body).
pub fn exprs_in_func_decl(fd: &FuncDecl, f: &mut dyn FnMut(&Expr)) {
    if let Some(r) = &fd.recv {
        exprs_in_expr(&r.ty, f);
    }
    field_list(&fd.type_params, f);
    func_type(&fd.ty, f);
    if let Some(b) = &fd.body {
        exprs_in_stmts(&b.stmts, f);
    }
}

/// Calls `f` on every expression in a declaration (types, initializers).
pub fn exprs_in_decl(d: &Decl, f: &mut dyn FnMut(&Expr)) {
    match d {
        Decl::Func(fd) => exprs_in_func_decl(fd, f),
        Decl::Var(specs) | Decl::Const(specs) => {
            for s in specs {
                if let Some(t) = &s.ty {
                    exprs_in_expr(t, f);
                }
                for v in &s.values {
                    exprs_in_expr(v, f);
                }
            }
        }
        Decl::Type(specs) => {
            for s in specs {
                field_list(&s.type_params, f);
                exprs_in_expr(&s.ty, f);
            }
        }
    }
}

fn field_list(fields: &[Field], f: &mut dyn FnMut(&Expr)) {
    for fl in fields {
        exprs_in_expr(&fl.ty, f);
    }
}

fn func_type(ft: &FuncType, f: &mut dyn FnMut(&Expr)) {
    field_list(&ft.params, f);
    field_list(&ft.results, f);
}

fn opt_stmt(s: &Option<Box<Stmt>>, f: &mut dyn FnMut(&Expr)) {
    if let Some(s) = s {
        stmt(s, f);
    }
}

fn stmt(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    match &s.kind {
        StmtKind::Empty | StmtKind::Branch { .. } => {}
        StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => exprs_in_expr(e, f),
        StmtKind::Send { ch, value } => {
            exprs_in_expr(ch, f);
            exprs_in_expr(value, f);
        }
        StmtKind::IncDec { x, .. } => exprs_in_expr(x, f),
        StmtKind::Assign { lhs, rhs, .. } => {
            for e in lhs.iter().chain(rhs) {
                exprs_in_expr(e, f);
            }
        }
        StmtKind::Decl(d) => exprs_in_decl(d, f),
        StmtKind::Return(es) => {
            for e in es {
                exprs_in_expr(e, f);
            }
        }
        StmtKind::Block(b) => exprs_in_stmts(&b.stmts, f),
        StmtKind::If { init, cond, then, els } => {
            opt_stmt(init, f);
            exprs_in_expr(cond, f);
            exprs_in_stmts(&then.stmts, f);
            opt_stmt(els, f);
        }
        StmtKind::Switch { init, tag, body, .. } => {
            opt_stmt(init, f);
            if let Some(t) = tag {
                exprs_in_expr(t, f);
            }
            for c in body {
                for e in &c.exprs {
                    exprs_in_expr(e, f);
                }
                exprs_in_stmts(&c.body, f);
            }
        }
        StmtKind::TypeSwitch { init, x, body, .. } => {
            opt_stmt(init, f);
            exprs_in_expr(x, f);
            for c in body {
                for e in &c.exprs {
                    exprs_in_expr(e, f);
                }
                exprs_in_stmts(&c.body, f);
            }
        }
        StmtKind::Select { body } => {
            for c in body {
                opt_stmt(&c.comm, f);
                exprs_in_stmts(&c.body, f);
            }
        }
        StmtKind::For { init, cond, post, body } => {
            opt_stmt(init, f);
            if let Some(c) = cond {
                exprs_in_expr(c, f);
            }
            opt_stmt(post, f);
            exprs_in_stmts(&body.stmts, f);
        }
        StmtKind::Range { key, value, x, body, .. } => {
            for e in [key, value].into_iter().flatten() {
                exprs_in_expr(e, f);
            }
            exprs_in_expr(x, f);
            exprs_in_stmts(&body.stmts, f);
        }
        StmtKind::Labeled { stmt: inner, .. } => stmt(inner, f),
    }
}
