//! How gc prints statements (`ir/fmt.go`'s `stmtFmt`), for the notes of `-m=2`: a type
//! switch's flow into a case's variable is explained by the whole case, `case T: body`.
//!
//! Expressions carry their own text, spelled by lowering as gc spells them; this module joins
//! statements from it, as gc's short form does: loops print as `for loop`, switches and selects
//! as `switch statement` and `select statement`, an `if` in full, statements separated by `; `.
//! What gc keeps in a statement's or expression's init list is not printed: the declarations,
//! and the assignments of compiler temporaries (`.autotmp_N`) that lowering hoisted.

use crate::{Expr, ExprKind, Package, Stmt, StmtKind};

/// A statement list as gc prints `ir.Nodes`: `a := f(); return a`.
pub fn stmts(pkg: &Package, list: &[Stmt]) -> String {
    let mut parts = Vec::new();
    collect(pkg, list, &mut parts);
    parts.join("; ")
}

fn collect(pkg: &Package, list: &[Stmt], out: &mut Vec<String>) {
    for s in list {
        match &s.kind {
            StmtKind::Block(b) => match if_with_init(pkg, s.pos, b) {
                Some(text) => out.push(text),
                // An OBLOCK prints its statements; lowering's blocks hold a statement and what
                // gc keeps in its init.
                None => collect(pkg, b, out),
            },
            _ => out.extend(stmt(pkg, s)),
        }
    }
}

/// An `if` statement with its init, which lowering puts before it in a block at the `if`'s
/// position: gc prints a lone plain assignment as `if n = g(); n > 0 { ... }` and drops any
/// other init (a definition carries its declaration, so it is never simple), as `stmtFmt`
/// does outside export format.
fn if_with_init(pkg: &Package, pos: crate::Pos, block: &[Stmt]) -> Option<String> {
    let (last, init) = block.split_last()?;
    if init.is_empty() || last.pos != pos || !matches!(last.kind, StmtKind::If { .. }) {
        return None;
    }
    let if_text = stmt(pkg, last)?;
    let simple = match init {
        [one] => match &one.kind {
            StmtKind::Assign { define: false, .. } | StmtKind::AssignCall { define: false, .. } => stmt(pkg, one),
            _ => None,
        },
        _ => None,
    };
    Some(match simple {
        Some(init) => format!("if {init}; {}", if_text.strip_prefix("if ").unwrap_or(&if_text)),
        None => if_text,
    })
}

/// One statement, or `None` for what gc holds in an init list.
fn stmt(pkg: &Package, s: &Stmt) -> Option<String> {
    let temp = |e: &Option<Expr>| matches!(e, Some(Expr { kind: ExprKind::Var(v), .. }) if pkg.var(*v).name.starts_with(".autotmp_"));
    Some(match &s.kind {
        StmtKind::Decl(_) => return None,
        StmtKind::Assign { dst, .. } | StmtKind::AssignCall { dst, .. } if !dst.is_empty() && dst.iter().all(temp) => {
            return None
        }
        StmtKind::Assign { dst, src, define, display, .. } => {
            if src.iter().all(Option::is_none) {
                // `var x T`: gc's `x = <nil>`.
                let l: Vec<&str> = dst.iter().map(|d| d.as_ref().map_or("_", |e| e.text.as_str())).collect();
                format!("{} = <nil>", l.join(", "))
            } else if display.is_empty() {
                crate::assign_display(dst, src, *define)
            } else {
                display.clone()
            }
        }
        StmtKind::AssignCall { dst, call, define } => {
            let l: Vec<&str> = dst.iter().map(|d| d.as_ref().map_or("_", |e| e.text.as_str())).collect();
            format!("{} {} {}", l.join(", "), if *define { ":=" } else { "=" }, call.text)
        }
        StmtKind::Expr(e) => e.text.clone(),
        StmtKind::Send { ch, value } => format!("{} <- {}", ch.text, value.text),
        StmtKind::Return(rs) => format!("return {}", rs.iter().map(|e| e.text.as_str()).collect::<Vec<_>>().join(", ")),
        StmtKind::Go(e) => format!("go {}", e.text),
        StmtKind::Defer(e) => format!("defer {}", e.text),
        StmtKind::If { cond, then, els } => {
            let mut t = format!("if {} {{ {} }}", cond.text, stmts(pkg, then));
            if !els.is_empty() {
                t.push_str(&format!(" else {{ {} }}", stmts(pkg, els)));
            }
            t
        }
        StmtKind::For { .. } | StmtKind::Range { .. } => "for loop".into(),
        StmtKind::Switch { .. } | StmtKind::TypeSwitch { .. } => "switch statement".into(),
        StmtKind::Select { .. } => "select statement".into(),
        StmtKind::Label { name, .. } => format!("{name}: "),
        // The IR does not keep which jump (break, continue, goto): the most common in a case.
        StmtKind::Jump => "break".into(),
        StmtKind::Block(b) => match if_with_init(pkg, s.pos, b) {
            Some(text) => text,
            None => stmts(pkg, b),
        },
    })
}
