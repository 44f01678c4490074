//! Statement and declaration checking: the errors gc reports (messages and positions were
//! recorded from gc go1.27 with `-gcflags=-e`), and what the checker records for later stages.

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

fn errors(src: &str) -> Vec<String> {
    check(src).3
}

#[track_caller]
fn expect(src: &str, want: &[&str]) {
    let got = errors(src);
    assert_eq!(got, want, "\ngot:\n{}\n", got.join("\n"));
}

#[test]
fn cycles() {
    expect(
        "package main

type A B
type B A

type T struct{ x T }

type U [2]V
type V struct{ u U }

type W W

type X = Y
type Y = X

type P *P

type L struct{ next *L }
type M struct{ a *N }
type N M

const c = d
const d = c

func main() {}
",
        &[
            "3:6: invalid recursive type A\n\ta.go:3:6: A refers to B\n\ta.go:4:6: B refers to A",
            "6:6: invalid recursive type: T refers to itself",
            "8:6: invalid recursive type U\n\ta.go:8:6: U refers to V\n\ta.go:9:6: V refers to U",
            "11:6: invalid recursive type: W refers to itself",
            "13:6: invalid recursive type X\n\ta.go:13:6: X refers to Y\n\ta.go:14:6: Y refers to X",
            "22:7: initialization cycle for c\n\ta.go:22:7: c refers to d\n\ta.go:23:7: d refers to c",
        ],
    );
}

#[test]
fn switches_labels_returns() {
    expect(
        "package main

func f(x int) int {
	switch x {
	case 1:
	case 1:
	default:
	default:
	}
	var i interface{}
	switch i.(type) {
	case int:
	case int:
	}
	switch y := i.(type) {
	}
L:
L:
	for {
		goto M
		z := 1
		_ = z
	M:
	}
	select {
	default:
	default:
	}
}

func g() (x int) {
	{
		x := 2
		_ = x
		return
	}
}

func main() {
	a := 1
	for i := range 3 {
	}
}
",
        &[
            "6:7: duplicate case 1 (constant of type int) in expression switch\n\ta.go:5:7: previous case",
            "8:2: multiple defaults (first at a.go:7:2)",
            "13:7: duplicate case int in type switch\n\ta.go:12:7: previous case",
            "15:9: y declared and not used",
            "17:1: label L defined and not used",
            "18:1: label L already defined at a.go:17:1",
            "20:8: goto M jumps over declaration of z at a.go:21:5",
            "27:2: multiple defaults (first at a.go:26:2)",
            "29:1: missing return",
            "35:3: result parameter x not in scope at return\n\ta.go:33:3: inner declaration of var x int",
            "40:2: declared and not used: a",
            "41:6: declared and not used: i",
        ],
    );
}

/// Checks `src` as package main after registering package `dep` (named like its path).
fn errors_with_deps(src: &str, deps: &[&str]) -> Vec<String> {
    let mut ctx = types::Ctx::new();
    for d in deps {
        let (f, errs) = syntax::parse_file(
            std::path::Path::new("d.go"),
            &format!("package {d}\n\nconst MinRead = 512\nvar X int\nfunc F() {{}}\n"),
        );
        assert!(errs.is_empty());
        let (pkg, _, errs) = types::check_package(&mut ctx, d, &[f], (1, 27));
        assert!(errs.is_empty(), "{errs:?}");
        ctx.packages.insert(d.to_string(), pkg);
    }
    let (file, errs) = syntax::parse_file(std::path::Path::new("a.go"), src);
    assert!(errs.is_empty(), "syntax errors: {errs:?}");
    let (_pkg, _info, mut errs) = types::check_package(&mut ctx, "main", &[file], (1, 27));
    // In position order (the checker gives them in the order it finds them).
    errs.sort_by_key(|e| (e.file, e.pos));
    errs.iter().map(|e| format!("{}:{}: {}", e.pos.line, e.pos.col, e.msg)).collect()
}

#[test]
fn package_level_declarations() {
    let got = errors_with_deps(
        r#"package main

import "fmt"
import f "strings"
import . "os"
import _ "io"
import "bytes"
import "errors"

type T struct{ m int }

func (T) m()   {}
func (T) n()   {}
func (*T) n()  {}
func (int) x() {}

var x, y = 1

const (
	a = iota
	b
	c, d = iota, 1
	e
)

var _ = bytes.MinRead

func main() { var s int; s = 1 }
func fn(a int, a string)
func ff() {}
func ff() {}

var errors = 1
var k, l, m = 1, 2
"#,
        &["fmt", "strings", "os", "io", "bytes", "errors"],
    );
    let want = [
        "3:8: \"fmt\" imported and not used",
        "4:8: \"strings\" imported as f and not used",
        "5:8: \"os\" imported and not used",
        "8:8: \"errors\" imported and not used",
        "12:10: field and method with the same name m\n\ta.go:10:16: other declaration of m",
        "14:11: method T.n already declared at a.go:13:10",
        "15:7: cannot define new methods on non-local type int",
        "17:12: assignment mismatch: 2 variables but 1 value",
        "23:2: extra init expr at a.go:22:15",
        "28:19: declared and not used: s",
        "29:16: a redeclared in this block\n\ta.go:29:9: other declaration of a",
        "31:6: ff redeclared in this block\n\ta.go:30:6: other declaration of ff",
        "33:5: errors already declared through import of package errors (\"errors\")\n\ta.go:8:8: other declaration of errors",
        "34:11: missing init expr for m",
    ];
    assert_eq!(got, want, "\ngot:\n{}\n", got.join("\n"));
}

/// Idioms of go1.27's standard library that the checker once refused (messages from gc).
#[test]
fn std_go127_idioms() {
    expect(
        "package main

type Inner struct{ x, y int }

type Outer struct {
	Inner
	z int
}

type GoID int64
type ProcID int64

func Make[T interface{ GoID | ProcID }](id T) int { return int(id) }

func Apply[S any, R any](s S, f func(S) R) R { return f(s) }

func G[T any](x T) T { return x }

func SortFunc[S ~[]E, E any](x S, cmp func(a, b E) int) {}

func Compare[S ~[]E, E comparable](s1, s2 S) int { return 0 }

const Two129 = 1 << 129

var _ = float64(Two129)

func main() {
	_ = Outer{x: 1, y: 2, z: 3}
	_ = Outer{Inner: Inner{}, x: 1}
	_ = Outer{x: 1, Inner: Inner{}}
	_ = Outer{x: 1, x: 2}
	const GOOS = \"linux\"
	switch {
	case GOOS == \"a\", GOOS == \"b\":
	}
	_ = Make(GoID(1))
	_ = Apply(3, G)
	SortFunc([][]uintptr{}, Compare)
	var i int = Two129
	_ = i
}
",
        &[
            "29:28: cannot specify promoted field x and enclosing embedded field Inner",
            "30:18: cannot specify embedded field Inner and enclosed promoted field x",
            "31:18: duplicate field name x in struct literal",
            "39:14: cannot use Two129 (untyped int constant 680564733841876926926749214863536422912) as int value in variable declaration (overflows)",
        ],
    );
}
