//! Constant arithmetic with go/constant's exact semantics: each entry is a constant
//! expression, the type go/types records for it in `const _ = EXPR`, and the value's
//! `ExactString` and `String`. The expected columns were produced by go/types itself (go
//! 1.27.3) from the same declarations, so they pin arbitrary-precision integers, exact
//! fractions, the switch to 512-bit floats past 2^±4096, rounding to float32/float64,
//! complex division, shifts and literal syntax.

use syntax::ast::Decl;

/// `(expr, type, ExactString, String)`.
const CASES: &[(&str, &str, &str, &str)] = &[
    ("1 << 129", "untyped int", "680564733841876926926749214863536422912", "680564733841876926926749214863536422912"),
    ("1 << 100 - 1", "untyped int", "1267650600228229401496703205375", "1267650600228229401496703205375"),
    ("1 << 64 - 1", "untyped int", "18446744073709551615", "18446744073709551615"),
    ("-7 / 2", "untyped int", "-3", "-3"),
    ("-7 % 2", "untyped int", "-1", "-1"),
    ("-7 >> 1", "untyped int", "-4", "-4"),
    ("-1 >> 100", "untyped int", "-1", "-1"),
    ("^uint8(3)", "uint8", "252", "252"),
    ("^0", "untyped int", "-1", "-1"),
    ("^uint64(0)", "uint64", "18446744073709551615", "18446744073709551615"),
    ("int8(-128)", "int8", "-128", "-128"),
    ("1.0 / 3", "untyped float", "1/3", "0.333333"),
    ("5.0 / 2", "untyped float", "5/2", "2.5"),
    ("0.1 + 0.2", "untyped float", "3/10", "0.3"),
    ("float64(0.1)", "float64", "3602879701896397/36028797018963968", "0.1"),
    ("float32(0.1)", "float32", "13421773/134217728", "0.1"),
    ("float64(1 << 53 + 1)", "float64", "9007199254740992", "9.0072e+15"),
    ("float32(16777217)", "float32", "16777216", "1.67772e+07"),
    ("0x1p-1074", "untyped float", "1/202402253307310618352495346718917307049556649764142118356901358027430339567995346891960383701437124495187077864316811911389808737385793476867013399940738509921517424276566361364466907742093216341239767678472745068562007483424692698618103355649159556340810056512358769552333414615230502532186327508646006263307707741093494784", "4.94066e-324"),
    ("float64(0x1p-1075)", "float64", "0", "0"),
    ("float64(0x3p-1076)", "float64", "1/202402253307310618352495346718917307049556649764142118356901358027430339567995346891960383701437124495187077864316811911389808737385793476867013399940738509921517424276566361364466907742093216341239767678472745068562007483424692698618103355649159556340810056512358769552333414615230502532186327508646006263307707741093494784", "4.94066e-324"),
    ("float32(0x1p-150)", "float32", "0", "0"),
    ("1e300 * 1e300", "untyped float", "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", "1e+600"),
    ("1e1300", "untyped float", "0x.b5d6f63476b4ae830450cdc5fc6c12e7866ada7924272e875304dfaa4d0c02df31ebf85a185476feb10f881751b14d6cb98ab51f4f85976eeb341112d500b631p+4319", "1e+1300"),
    ("-1e1300 / 3", "untyped float", "-0x.f273f2f09e463e0405c1125d50901934b339234c30343e09c4067f8dbc1003d4428ff5cd75c5f3fe416a0ac9c241bc90f7639c29bf5cc9e9399ac16e71564841p+4317", "-3.33333e+1299"),
    ("1e-1300", "untyped float", "0x.b433e2bfe0562ca834427eb454334e7bb15af547dde4ab5b58bff737d97c94567312a3f1ebd1bba7d67ed9862f11c4e21ae513892c3a3e971956cc94454359b9p-4318", "1e-1300"),
    ("1e1300 * 0", "untyped float", "0", "0"),
    ("2.5e3 / 1e1300", "untyped float", "0x.dbf9564b3959318353cb2bab20c8a14dfdff886a3a5da32d01d65547acfc931387784120d05d85926155d8884c7530d601d4a258f27d1967726e74bafe8cb707p-4307", "2.5e-1297"),
    ("(1 + 2i) * (3 - 4i)", "untyped complex", "(11 + 2i)", "(11 + 2i)"),
    ("(1 + 2i) / (3 - 4i)", "untyped complex", "(-1/5 + 2/5i)", "(-0.2 + 0.4i)"),
    ("complex64(1i / 3)", "complex64", "(0 + 11184811/33554432i)", "(0 + 0.333333i)"),
    ("real(3 + 4i)", "untyped float", "3", "3"),
    ("imag(2i)", "untyped float", "2", "2"),
    ("'a' * 2.5", "untyped float", "485/2", "242.5"),
    ("1e6", "untyped float", "1000000", "1e+06"),
    ("1.5e-7", "untyped float", "3/20000000", "1.5e-07"),
    ("3.0", "untyped float", "3", "3"),
    ("1.0000001", "untyped float", "10000001/10000000", "1.0000001"),
    ("100000000.5", "untyped float", "200000001/2", "1.000000005e+08"),
    ("123456789.0", "untyped float", "123456789", "1.23457e+08"),
    ("0.000012345", "untyped float", "2469/200000000", "1.2345e-05"),
    ("1e21", "untyped float", "1000000000000000000000", "1e+21"),
    ("0x1.8p3", "untyped float", "12", "12"),
    ("0o17", "untyped int", "15", "15"),
    ("0b1011", "untyped int", "11", "11"),
    ("1_000_000", "untyped int", "1000000", "1000000"),
    ("017", "untyped int", "15", "15"),
    ("0123i", "untyped complex", "(0 + 123i)", "(0 + 123i)"),
    ("0x10p-2i", "untyped complex", "(0 + 4i)", "(0 + 4i)"),
    ("'\\377'", "untyped rune", "255", "255"),
    ("\"a\\x00\\u00e9\\n\"", "untyped string", "\"a\\x00é\\n\"", "\"a\\x00é\\n\""),
    ("len(\"héllo\")", "int", "6", "6"),
    ("string(rune(65))", "string", "\"A\"", "\"A\""),
    ("1 << 511", "untyped int", "6703903964971298549787012499102923063739682910296196688861780721860882015036773488400937149083451713845015929093243025426876941405973284973216824503042048", "6703903964971298549787012499102923063739682910296196688861780721860882015036773488400937149083451713845015929093243025426876941405973284973216824503042048"),
    ("(1 << 511 - 1) * 2 + 1", "untyped int", "13407807929942597099574024998205846127479365820592393377723561443721764030073546976801874298166903427690031858186486050853753882811946569946433649006084095", "13407807929942597099574024998205846127479365820592393377723561443721764030073546976801874298166903427690031858186486050853753882811946569946433649006084095"),
    ("1.5 == 3.0 / 2", "untyped bool", "true", "true"),
    ("2.0 << 3", "untyped int", "16", "16"),
    ("(1 << 200) / (1 << 190)", "untyped int", "1024", "1024"),
    ("uint(1 << 63) >> 2", "uint", "2305843009213693952", "2305843009213693952"),
    ("1e1300 * 1e-1300", "untyped float", "0x.8p+1", "1"),
    ("0x1p4095", "untyped float", "0x.8p+4096", "5.22194e+1232"),
    ("0x1p4096", "untyped float", "0x.8p+4097", "1.04439e+1233"),
    ("1 / 1e1300", "untyped float", "0x.b433e2bfe0562ca834427eb454334e7bb15af547dde4ab5b58bff737d97c94567312a3f1ebd1bba7d67ed9862f11c4e21ae513892c3a3e971956cc94454359b9p-4318", "1e-1300"),
    ("\"\\xff\\xd8\" + \"a\"", "untyped string", "\"\\xff\\xd8a\"", "\"\\xff\\xd8a\""),
    ("len(\"\\xff\\xd8\")", "int", "2", "2"),
    ("\"\\x89PNG\" < \"\\x89PNH\"", "untyped bool", "true", "true"),
    ("string(rune(0xD800))", "string", "\"\u{fffd}\"", "\"\u{fffd}\""),
];

/// Checks `const _ = EXPR` for every expression and returns, per expression, its recorded
/// type and value, plus the errors.
fn check_consts(exprs: &[&str]) -> (Vec<(String, String, String)>, Vec<String>) {
    let mut src = String::from("package main\n\n");
    for e in exprs {
        src.push_str(&format!("const _ = {e}\n"));
    }
    let (file, errs) = syntax::parse_file(std::path::Path::new("a.go"), &src);
    assert!(errs.is_empty(), "syntax errors: {errs:?}");
    let files = vec![file];
    let mut ctx = types::Ctx::new();
    let (_pkg, info, mut errs) = types::check_package(&mut ctx, "main", &files, (1, 27));
    // In position order (the checker gives them in the order it finds them).
    errs.sort_by_key(|e| (e.file, e.pos));
    let msgs = errs.iter().map(|e| format!("{}:{}: {}", e.pos.line, e.pos.col, e.msg)).collect();
    let mut out = Vec::new();
    for d in &files[0].decls {
        let Decl::Const(specs) = d else { continue };
        let e = &specs[0].values[0];
        let (ty, exact, approx) = match info.files[0].types.get(&e.id) {
            Some(tv) => {
                let v = tv.value.as_ref();
                (
                    ctx.type_string(tv.ty, "main"),
                    v.map(|v| v.exact_string()).unwrap_or_else(|| "<nil>".into()),
                    v.map(|v| v.display()).unwrap_or_else(|| "<nil>".into()),
                )
            }
            None => ("<none>".into(), String::new(), String::new()),
        };
        out.push((ty, exact, approx));
    }
    (out, msgs)
}

#[test]
fn constant_values_match_go_constant() {
    let exprs: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    let (got, errs) = check_consts(&exprs);
    assert!(errs.is_empty(), "unexpected errors: {errs:#?}");
    let mut bad = Vec::new();
    for (c, g) in CASES.iter().zip(&got) {
        if (c.1, c.2, c.3) != (g.0.as_str(), g.1.as_str(), g.2.as_str()) {
            bad.push(format!("{}:\n  want {} | {} | {}\n  got  {} | {} | {}", c.0, c.1, c.2, c.3, g.0, g.1, g.2));
        }
    }
    assert!(bad.is_empty(), "{} of {} constants differ:\n{}", bad.len(), CASES.len(), bad.join("\n"));
}

#[test]
fn constant_errors_match_go_types() {
    let (_, errs) = check_consts(&["float32(1e38) * 10", "1 << 513", "1.0 << 2000"]);
    assert_eq!(
        errs,
        [
            "3:11: float32(1e38) * 10 (constant 1e+39 of type float32) overflows float32",
            "4:13: constant shift overflow",
            "5:18: invalid operation: invalid shift count 2000 (untyped int constant)",
        ]
    );
}

#[test]
fn floats_print_as_go_g() {
    use types::constant::fmt_g;
    assert_eq!(fmt_g(1.0, None), "1");
    assert_eq!(fmt_g(0.5, None), "0.5");
    assert_eq!(fmt_g(1e6, None), "1e+06");
    assert_eq!(fmt_g(123456.0, None), "123456");
    assert_eq!(fmt_g(100000.5, None), "100000.5");
    assert_eq!(fmt_g(123456789.25, None), "1.2345678925e+08");
    assert_eq!(fmt_g(0.0001, None), "0.0001");
    assert_eq!(fmt_g(0.00001, None), "1e-05");
    assert_eq!(fmt_g(-2.5e-300, None), "-2.5e-300");
    assert_eq!(fmt_g(std::f64::consts::PI, None), "3.141592653589793");
    assert_eq!(fmt_g(std::f64::consts::PI, Some(6)), "3.14159");
    assert_eq!(fmt_g(100000.0, Some(6)), "100000");
    assert_eq!(fmt_g(1234567.0, Some(6)), "1.23457e+06");
    assert_eq!(fmt_g(0.000012345, Some(6)), "1.2345e-05");
}

#[test]
fn strings_quote_as_go() {
    assert_eq!(types::constant::go_quote("a\"b\\\n\t\x01é\u{200b}".as_bytes()), "\"a\\\"b\\\\\\n\\t\\x01é\\u200b\"");
    assert_eq!(types::constant::go_quote(b"\x89PNG\xff\xc3"), "\"\\x89PNG\\xff\\xc3\"");
}
