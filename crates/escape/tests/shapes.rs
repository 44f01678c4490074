//! Small hand-built packages for the key shapes of escape analysis, checked against what gc
//! prints for the equivalent Go source (the source is in each test's comment).

use escape::analyze;
use ir::*;

/// Builds an `ir::Package` by hand.
struct Pkg {
    p: Package,
}

fn pos(line: u32, col: u32) -> Pos {
    Pos::new(line, col)
}

impl Pkg {
    fn new() -> Self {
        let mut b = Pkg { p: Package { path: "p".into(), name: "p".into(), ..Package::default() } };
        // 0 int, 1 *int, 2 any, 3 func() (filled by helpers), 4 []int, 5 []*int
        b.ty(TypeKind::Int, 8, false, false, None, "int");
        b.ty(TypeKind::Pointer, 8, true, true, Some(TypeId(0)), "*int");
        b.ty(TypeKind::Interface, 16, true, false, None, "interface {}");
        b.ty(TypeKind::Func, 8, true, true, None, "func()");
        b.ty(TypeKind::Slice, 24, true, false, Some(TypeId(0)), "[]int");
        b.ty(TypeKind::Slice, 24, true, false, Some(TypeId(1)), "[]*int");
        b
    }

    fn ty(
        &mut self,
        kind: TypeKind,
        size: i64,
        has_pointers: bool,
        direct_iface: bool,
        elem: Option<TypeId>,
        display: &str,
    ) -> TypeId {
        self.p.types.push(TypeInfo {
            kind,
            size,
            has_pointers,
            direct_iface,
            elem,
            params: vec![],
            results: vec![],
            display: display.into(),
            underlying: display.into(),
        });
        TypeId(self.p.types.len() as u32 - 1)
    }

    fn func(&mut self, name: &str, at: Pos, outer: Option<FuncId>) -> FuncId {
        self.p.funcs.push(Func { decl_pos: at, outer, body: Some(vec![]), ..Func::new(name.into(), 0, at, TypeId(3)) });
        FuncId(self.p.funcs.len() as u32 - 1)
    }

    fn var(&mut self, f: FuncId, name: &str, ty: TypeId, at: Pos, class: VarClass) -> VarId {
        self.p.vars.push(Var { name: name.into(), pos: at, ty, class, func: f });
        VarId(self.p.vars.len() as u32 - 1)
    }

    fn param(&mut self, f: FuncId, name: &str, ty: TypeId, at: Pos) -> VarId {
        let v = self.var(f, name, ty, at, VarClass::Param);
        self.p.funcs[f.0 as usize].params.push(Param { var: Some(v), ty, pos: at });
        v
    }

    fn result(&mut self, f: FuncId, name: &str, ty: TypeId, at: Pos) -> VarId {
        let v = self.var(f, name, ty, at, VarClass::Result);
        self.p.funcs[f.0 as usize].results.push(v);
        v
    }

    fn body(&mut self, f: FuncId, stmts: Vec<Stmt>) {
        self.p.funcs[f.0 as usize].body = Some(stmts);
    }

    fn lines(&self) -> Vec<String> {
        analyze(&self.p).diagnostics.iter().map(|d| format!("{}:{}: {}", d.pos.line, d.pos.col, d.message)).collect()
    }
}

fn e(kind: ExprKind, ty: TypeId, at: Pos, text: &str) -> Expr {
    Expr { pos: at, ty, kind, text: text.into() }
}

fn var(v: VarId, ty: TypeId, name: &str) -> Expr {
    e(ExprKind::Var(v), ty, pos(0, 0), name)
}

fn st(kind: StmtKind) -> Stmt {
    Stmt { pos: pos(0, 0), kind }
}

fn define(v: VarId, ty: TypeId, name: &str, value: Expr) -> Vec<Stmt> {
    vec![
        st(StmtKind::Decl(v)),
        st(StmtKind::Assign {
            dst: vec![Some(var(v, ty, name))],
            src: vec![Some(value)],
            kind: AssignKind::Plain,
            define: true,
            display: String::new(),
        }),
    ]
}

fn assign(dst: Expr, src: Expr) -> Stmt {
    st(StmtKind::Assign {
        dst: vec![Some(dst)],
        src: vec![Some(src)],
        kind: AssignKind::Plain,
        define: false,
        display: String::new(),
    })
}

fn zero() -> Expr {
    e(ExprKind::Const("0".into()), TypeId(0), pos(0, 0), "0")
}

#[test]
fn address_of_local_returned_moves_it_to_the_heap() {
    // func f() *int { x := 0; return &x }
    let mut b = Pkg::new();
    let f = b.func("f", pos(3, 6), None);
    b.result(f, "~r0", TypeId(1), pos(3, 10));
    let x = b.var(f, "x", TypeId(0), pos(4, 2), VarClass::Local);
    let mut body = define(x, TypeId(0), "x", zero());
    body.push(st(StmtKind::Return(vec![e(
        ExprKind::Addr(Box::new(var(x, TypeId(0), "x"))),
        TypeId(1),
        pos(5, 9),
        "&x",
    )])));
    b.body(f, body);
    assert_eq!(b.lines(), ["4:2: moved to heap: x"]);
}

#[test]
fn param_returned_leaks_to_result() {
    // func f(p *int) *int { return p }
    let mut b = Pkg::new();
    let f = b.func("f", pos(3, 6), None);
    let p = b.param(f, "p", TypeId(1), pos(3, 8));
    b.result(f, "~r0", TypeId(1), pos(3, 16));
    b.body(f, vec![st(StmtKind::Return(vec![var(p, TypeId(1), "p")]))]);
    assert_eq!(b.lines(), ["3:8: leaking param: p to result ~r0 level=0"]);
    let tags = analyze(&b.p).tags;
    assert_eq!(tags[0].params[0].results[0], Some(0));
    assert_eq!(tags[0].params[0].heap, None);
}

#[test]
fn param_stored_to_global_leaks() {
    // var G *int; func f(p *int) { G = p }
    let mut b = Pkg::new();
    let f = b.func("f", pos(3, 6), None);
    let p = b.param(f, "p", TypeId(1), pos(3, 8));
    b.body(f, vec![assign(e(ExprKind::Global("G".into()), TypeId(1), pos(4, 2), "G"), var(p, TypeId(1), "p"))]);
    assert_eq!(b.lines(), ["3:8: leaking param: p"]);
}

#[test]
fn new_that_stays_local_does_not_escape() {
    // func f() int { p := new(int); *p = 1; return *p }
    let mut b = Pkg::new();
    let f = b.func("f", pos(3, 6), None);
    b.result(f, "~r0", TypeId(0), pos(3, 10));
    let p = b.var(f, "p", TypeId(1), pos(4, 2), VarClass::Local);
    let mut body = define(p, TypeId(1), "p", e(ExprKind::New, TypeId(1), pos(4, 10), "new(int)"));
    body.push(assign(e(ExprKind::Deref(Box::new(var(p, TypeId(1), "p"))), TypeId(0), pos(5, 2), "*p"), zero()));
    body.push(st(StmtKind::Return(vec![e(
        ExprKind::Deref(Box::new(var(p, TypeId(1), "p"))),
        TypeId(0),
        pos(6, 9),
        "*p",
    )])));
    b.body(f, body);
    assert_eq!(b.lines(), ["4:10: new(int) does not escape"]);
}

#[test]
fn new_returned_escapes() {
    // func f() *int { return new(int) }
    let mut b = Pkg::new();
    let f = b.func("f", pos(3, 6), None);
    b.result(f, "~r0", TypeId(1), pos(3, 10));
    b.body(f, vec![st(StmtKind::Return(vec![e(ExprKind::New, TypeId(1), pos(4, 12), "new(int)")]))]);
    assert_eq!(b.lines(), ["4:12: new(int) escapes to heap"]);
}

/// `func counter() func() int { n := 0; return func() int { n++; return n } }`
fn counter(reassign_inside: bool) -> Vec<String> {
    let mut b = Pkg::new();
    let fty = b.ty(TypeKind::Func, 8, true, true, None, "func() int");
    let f = b.func("counter", pos(3, 6), None);
    b.result(f, "~r0", fty, pos(3, 16));
    let n = b.var(f, "n", TypeId(0), pos(4, 2), VarClass::Local);
    let c = b.func("counter.func1", pos(5, 9), Some(f));
    b.result(c, "~r0", TypeId(0), pos(5, 16));
    b.p.funcs[c.0 as usize].captures = vec![n];
    let mut cbody = Vec::new();
    if reassign_inside {
        cbody.push(st(StmtKind::Assign {
            dst: vec![Some(var(n, TypeId(0), "n"))],
            src: vec![Some(e(ExprKind::Const("1".into()), TypeId(0), pos(6, 3), "1"))],
            kind: AssignKind::Op,
            define: false,
            display: "n += 1".into(),
        }));
    }
    cbody.push(st(StmtKind::Return(vec![var(n, TypeId(0), "n")])));
    b.body(c, cbody);
    let mut body = define(n, TypeId(0), "n", zero());
    body.push(st(StmtKind::Return(vec![e(ExprKind::Closure(c), fty, pos(5, 9), "func literal")])));
    b.body(f, body);
    b.lines()
}

#[test]
fn closure_capturing_a_reassigned_variable_captures_by_reference() {
    assert_eq!(counter(true), ["4:2: moved to heap: n", "5:9: func literal escapes to heap"]);
}

#[test]
fn closure_capturing_an_unchanged_small_variable_captures_by_value() {
    assert_eq!(counter(false), ["5:9: func literal escapes to heap"]);
}

#[test]
fn non_pointer_converted_to_interface_escapes_when_returned() {
    // func f(x int) any { return x }
    let mut b = Pkg::new();
    let f = b.func("f", pos(3, 6), None);
    let x = b.param(f, "x", TypeId(0), pos(3, 8));
    b.result(f, "~r0", TypeId(2), pos(3, 15));
    let conv =
        e(ExprKind::ConvIface { x: Box::new(var(x, TypeId(0), "x")), implicit: true }, TypeId(2), pos(4, 9), "x");
    b.body(f, vec![st(StmtKind::Return(vec![conv]))]);
    assert_eq!(b.lines(), ["4:9: x escapes to heap"]);
}

#[test]
fn callees_are_analyzed_first_and_their_tags_used() {
    // func use(p *int) { }   (declared after its caller)
    // func caller() { x := 0; use(&x) }
    let mut b = Pkg::new();
    let caller = b.func("caller", pos(3, 6), None);
    let callee = b.func("use", pos(8, 6), None);
    b.param(callee, "p", TypeId(1), pos(8, 10));
    let x = b.var(caller, "x", TypeId(0), pos(4, 2), VarClass::Local);
    let mut body = define(x, TypeId(0), "x", zero());
    let call = Call {
        kind: CallKind::Func {
            fun: Box::new(e(
                ExprKind::FuncName { name: "use".into(), func: Some(callee), ext: None },
                TypeId(3),
                pos(5, 2),
                "use",
            )),
            callee: Callee::Local(callee),
            is_method: false,
        },
        args: vec![e(ExprKind::Addr(Box::new(var(x, TypeId(0), "x"))), TypeId(1), pos(5, 6), "&x")],
        ddd: false,
        results: vec![],
    };
    body.push(st(StmtKind::Expr(e(ExprKind::Call(Box::new(call)), TypeId(3), pos(5, 5), "use(&x)"))));
    b.body(caller, body);
    assert_eq!(b.lines(), ["8:10: p does not escape"]);
}

#[test]
fn pointers_appended_to_a_slice_escape() {
    // func f(s []*int) []*int { v := 0; return append(s, &v) }
    let mut b = Pkg::new();
    let f = b.func("f", pos(3, 6), None);
    let s = b.param(f, "s", TypeId(5), pos(3, 8));
    b.result(f, "~r0", TypeId(5), pos(3, 17));
    let v = b.var(f, "v", TypeId(0), pos(4, 2), VarClass::Local);
    let mut body = define(v, TypeId(0), "v", zero());
    let call = Call {
        kind: CallKind::Builtin(Builtin::Append),
        args: vec![
            var(s, TypeId(5), "s"),
            e(ExprKind::Addr(Box::new(var(v, TypeId(0), "v"))), TypeId(1), pos(5, 19), "&v"),
        ],
        ddd: false,
        results: vec![TypeId(5)],
    };
    body.push(st(StmtKind::Return(vec![e(ExprKind::Call(Box::new(call)), TypeId(5), pos(5, 15), "append(s, &v)")])));
    b.body(f, body);
    assert_eq!(
        b.lines(),
        [
            "3:8: leaking param content: s",
            "3:8: leaking param: s to result ~r0 level=0",
            "4:2: moved to heap: v",
            "5:15: append escapes to heap"
        ]
    );
}

#[test]
fn devirtualization_notes_come_first() {
    let mut b = Pkg::new();
    let f = b.func("f", pos(3, 6), None);
    b.p.pre_escape_notes.push(Note {
        file: 0,
        pos: pos(9, 9),
        message: "devirtualizing s.M to T".into(),
        func: "f".into(),
    });
    let p = b.param(f, "p", TypeId(1), pos(3, 8));
    let _ = p;
    assert_eq!(b.lines(), ["9:9: devirtualizing s.M to T", "3:8: p does not escape"]);
}
