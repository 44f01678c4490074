//! Expression checking: the types (and constant values) recorded for expressions, and the
//! errors gc reports for bad ones.
//!
//! Each table entry is a function body; every `_ = expr` statement in `main` contributes
//! `TypeString(expr)` (plus ` = value` for constants) to the result, in order.

use syntax::ast::{ExprKind, StmtKind};

fn check(src: &str) -> (Vec<syntax::ast::File>, types::Ctx, types::Info, Vec<String>) {
    let (file, errs) = syntax::parse_file(std::path::Path::new("a.go"), src);
    assert!(errs.is_empty(), "syntax errors: {errs:?}");
    let files = vec![file];
    let mut ctx = types::Ctx::new();
    let (_pkg, info, mut errs) = types::check_package(&mut ctx, "main", &files, (1, 27));
    // In position order (the checker gives them in the order it finds them).
    errs.sort_by_key(|e| (e.file, e.pos));
    let msgs = errs.iter().map(|e| format!("{}:{}: {}", e.pos.line, e.pos.col, e.msg)).collect();
    (files, ctx, info, msgs)
}

/// The types of the right-hand sides of `_ = x` statements in `main`.
fn blank_types(src: &str) -> (Vec<String>, Vec<String>) {
    let (files, ctx, info, errs) = check(src);
    let mut out = Vec::new();
    for d in &files[0].decls {
        let syntax::ast::Decl::Func(f) = d else { continue };
        if f.name.name != "main" {
            continue;
        }
        for s in &f.body.as_ref().unwrap().stmts {
            if let StmtKind::Assign { lhs, rhs, .. } = &s.kind {
                if lhs.len() == 1 && matches!(&lhs[0].kind, ExprKind::Ident(n) if n == "_") {
                    let e = &rhs[0];
                    match info.files[0].types.get(&e.id) {
                        Some(tv) => {
                            let mut s = ctx.type_string(tv.ty, "main");
                            if let Some(v) = &tv.value {
                                s.push_str(&format!(" = {}", v.display()));
                            }
                            out.push(s);
                        }
                        None => out.push("<none>".into()),
                    }
                }
            }
        }
    }
    (out, errs)
}

#[track_caller]
fn expect_types(src: &str, want: &[&str]) {
    let (got, errs) = blank_types(src);
    assert!(errs.is_empty(), "unexpected errors: {errs:#?}");
    assert_eq!(got, want, "\ngot:\n{}\n", got.join("\n"));
}

#[track_caller]
fn expect_errors(src: &str, want: &[&str]) {
    let got = check(src).3;
    assert_eq!(got, want, "\ngot:\n{}\n", got.join("\n"));
}

#[test]
fn constants_and_literals() {
    expect_types(
        r#"package main

const big = 1 << 100
const c int8 = 3

func main() {
	_ = 1
	_ = 1.5
	_ = 'a'
	_ = "s" + "t"
	_ = 2i
	_ = 0x1F + 0o17 + 0b101 + 1_000
	_ = big >> 98
	_ = c * 2
	_ = 1 < 2
	_ = -c
	_ = ^uint8(1)
	_ = len("héllo")
	_ = len([3]int{})
	_ = 7 / 2
	_ = 7.0 / 2
	_ = float32(1) / 3
	_ = string(rune(65))
	_ = uint64(1<<63)
	_ = min(3, 1.5, 2)
	_ = max("a", "b")
	_ = complex(1, 2)
	_ = real(3 + 4i)
}
"#,
        &[
            "int = 1",
            "float64 = 1.5",
            "rune = 97",
            "string = \"st\"",
            "complex128 = (0 + 2i)",
            "int = 1051",
            "int = 4",
            "int8 = 6",
            "bool = true",
            "int8 = -3",
            "uint8 = 254",
            "int = 6",
            "int = 3",
            "int = 3",
            "float64 = 3.5",
            "float32 = 0.333333",
            "string = \"A\"",
            "uint64 = 9223372036854775808",
            "float64 = 1.5",
            "string = \"b\"",
            "complex128 = (1 + 2i)",
            "float64 = 3",
        ],
    );
}

#[test]
fn values() {
    expect_types(
        r#"package main

import "unsafe"

type T struct {
	a int
	*E
	s []string
}

type E struct{ b byte }

func (e *E) M(x int) string { return "" }
func (t T) V() {}

func f() (int, error) { return 0, nil }

func g(xs ...int) int { return 0 }

func main() {
	var t T
	var p *T
	var m map[string]bool
	var ch chan int
	var i interface{}
	_ = t.a
	_ = p.b
	_ = t.M
	_ = (*E).M
	_ = T.V
	_ = p.s[1:]
	_ = m["k"]
	_ = <-ch
	_ = i.(string)
	_ = &t
	_ = *p
	_ = g(1, 2)
	_ = g([]int{}...)
	_ = append([]byte("x"), "y"...)
	_ = make([]int, 3)
	_ = new(T)
	_ = []*E{{b: 1}, nil}
	_ = [...]string{2: "x"}
	_ = map[string][]int{"a": {1}}
	_ = func(x int) int { return x }
	_ = unsafe.Sizeof(t)
	_ = unsafe.Offsetof(t.s)
	_ = unsafe.Pointer(p)
	_ = cap(ch)
	_ = "abc"[1]
	_ = []byte("abc")
	_ = recover()
	_ = nil == i
	_ = i
	_ = f
}
"#,
        &[
            "int",
            "byte",
            "func(x int) string",
            "func(e *E, x int) string",
            "func(T)",
            "[]string",
            "bool",
            "int",
            "string",
            "*T",
            "T",
            "int",
            "int",
            "[]byte",
            "[]int",
            "*T",
            "[]*E",
            "[3]string",
            "map[string][]int",
            "func(x int) int",
            "uintptr = 40",
            "uintptr = 16",
            "unsafe.Pointer",
            "int",
            "byte",
            "[]byte",
            "interface{}",
            "bool",
            "interface{}",
            "func() (int, error)",
        ],
    );
}

#[test]
fn generics() {
    expect_types(
        r#"package main

type List[T any] struct {
	next *List[T]
	val  T
}

func (l *List[T]) Get() T { return l.val }

type Number interface{ ~int | ~float64 }

func Sum[T Number](xs ...T) T { var s T; return s }

func Map[T, U any](xs []T, f func(T) U) []U { return nil }

func Ptr[T any](x T) *T { return &x }

func main() {
	var l List[string]
	_ = l.val
	_ = l.next
	_ = l.Get()
	_ = Sum(1, 2)
	_ = Sum(1, 2.5)
	_ = Sum[float64](1)
	_ = Map([]int{1}, func(i int) string { return "" })
	_ = Ptr("x")
	_ = Map[int, bool]
}
"#,
        &[
            "string",
            "*List[string]",
            "string",
            "int",
            "float64",
            "float64",
            "[]string",
            "*string",
            "func(xs []int, f func(int) bool) []bool",
        ],
    );
}

#[test]
fn recorded_final_types() {
    let src = r#"package main

func main() {
	var f float64 = 1 + 2
	var b byte = 'a'
	var i interface{} = 3
	var p *int = nil
	_, _, _, _ = f, b, i, p
}
"#;
    let (files, ctx, info, errs) = check(src);
    assert!(errs.is_empty(), "{errs:?}");
    // Every basic literal's recorded type.
    let mut lits = Vec::new();
    let mut nils = Vec::new();
    for (id, tv) in &info.files[0].types {
        let _ = id;
        if tv.value.is_some() {
            lits.push(ctx.type_string(tv.ty, "main"));
        }
        if ctx.type_string(tv.ty, "main") == "untyped nil" {
            nils.push(());
        }
    }
    lits.sort();
    // 1 + 2 (float64), 1 and 2 stay untyped (constant operands), 'a' byte, 3 int.
    assert_eq!(lits, ["byte", "float64", "int", "untyped int", "untyped int"]);
    assert_eq!(nils.len(), 1);
    let _ = files;
}

#[test]
fn errors() {
    expect_errors(
        r#"package main

type T struct{ a int }

func f() {}

func main() {
	var t T
	var s []int
	var x int8
	_ = undefinedName
	_ = t.b
	_ = 1 + "a"
	_ = x + 1000
	_ = s == s
	_ = 1 / 0
	_ = f()
	_ = T.a
	_ = len
	_ = int
	_ = s[-1]
	_ = [2]int{}[5]
	_ = T{1, 2}
	_ = x << -1
	_ = &f
	_ = "a" * 2
	_ = x.(int)
}
"#,
        &[
            "11:6: undefined: undefinedName",
            "12:8: t.b undefined (type T has no field or method b)",
            "13:6: invalid operation: 1 + \"a\" (mismatched types untyped int and untyped string)",
            "14:10: 1000 (untyped int constant) overflows int8",
            "15:6: invalid operation: s == s (slice can only be compared to nil)",
            "16:10: invalid operation: division by zero",
            "17:6: f() (no value) used as value",
            "18:6: operand for field selector a must be value of type T",
            "19:6: len (built-in) must be called",
            "20:6: int (type) is not an expression",
            "21:8: invalid argument: index -1 (constant of type int) must not be negative",
            "22:15: invalid argument: index 5 out of bounds [0:2]",
            "23:11: too many values in struct literal of type T",
            "24:11: invalid operation: negative shift count -1 (untyped int constant)",
            "25:7: invalid operation: cannot take address of f (value of type func())",
            "26:6: invalid operation: \"a\" * 2 (mismatched types untyped string and untyped int)",
            "27:6: invalid operation: x (variable of type int8) is not an interface",
        ],
    );
}

#[test]
fn call_errors() {
    expect_errors(
        r#"package main

func two(a, b int) {}

func g[T any](x T) {}

func h[T any]() {}

func main() {
	two(1)
	two(1, 2, 3)
	two(1, "x")
	h()
	var v int
	v()
}
"#,
        &[
            "10:6: not enough arguments in call to two\n\thave (number)\n\twant (int, int)",
            "11:12: too many arguments in call to two\n\thave (number, number, number)\n\twant (int, int)",
            "12:9: cannot use \"x\" (untyped string constant) as int value in argument to two",
            "13:3: in call to h, cannot infer T (declared at a.go:7:8)",
            "15:2: invalid operation: cannot call v (variable of type int): int is not a function",
        ],
    );
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut e = String::from("1");
    for _ in 0..2000 {
        e = format!("({e} + 1)");
    }
    let src = format!("package main\n\nfunc main() {{\n\t_ = {e}\n}}\n");
    let (file, _) = syntax::parse_file(std::path::Path::new("a.go"), &src);
    let files = vec![file];
    let mut ctx = types::Ctx::new();
    let (_pkg, _info, mut errs) = types::check_package(&mut ctx, "main", &files, (1, 27));
    // In position order (the checker gives them in the order it finds them).
    errs.sort_by_key(|e| (e.file, e.pos));
    // gc accepts it; so do we, on the caller's default stack.
    assert!(errs.is_empty(), "{errs:?}");
}
