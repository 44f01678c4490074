//! Constant values with go/constant's semantics: exact arithmetic for untyped constants.
//!
//! Integers are arbitrary-precision ([`BigInt`]); go/types bounds untyped integers at 512 bits
//! itself (its `overflow` check), not here. Floats are exact fractions ([`BigRational`]) as
//! long as numerator and denominator stay under 4096 bits; past that go/constant switches to a
//! binary float of 512-bit mantissa ([`BigFloat`]) and never goes back. Complex values are
//! pairs of floats. Converting to a typed `float32`/`float64` constant rounds to the nearest
//! value of that format and keeps it as the exact fraction of the rounded value, as go/types'
//! `roundFloat32/64` do. [`Value::display`] is go/constant's `String` (six significant digits
//! for floats) and [`Value::exact_string`] its `ExactString`.

mod bigfloat;
mod conststr;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use syntax::ast::{BinaryOp, LitKind, UnaryOp};

pub use bigfloat::{BigFloat, Round};
pub use conststr::ConstStr;

/// go/constant's precision for floats that left the rationals.
const PREC: u64 = 512;
/// Fractions keep components below this many bits (go/constant's `maxExp`).
const MAX_EXP: u64 = 4 << 10;

/// An exact constant value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    /// A string (see [`ConstStr`]: shared, and joined only on demand).
    String(ConstStr),
    Int(BigInt),
    Float(Float),
    Complex(Float, Float),
    /// A value we could not represent exactly (reported, then treated as unknown).
    Unknown,
}

/// An untyped float: an exact fraction, or a 512-bit binary float once the fraction grew too
/// large (go/constant's `ratVal` and `floatVal`). Boxed: the checker records a [`Value`] with
/// every expression's type, and few of them are floats, so a float must not make each record
/// as large as two fractions.
#[derive(Clone, Debug, PartialEq)]
pub enum Float {
    Rat(Box<BigRational>),
    Big(Box<BigFloat>),
}

fn small_int(x: &BigInt) -> bool {
    x.bits() < MAX_EXP
}

impl Float {
    /// go/constant's `makeRat`: a fraction if its parts are small enough, else a float.
    pub fn rat(r: BigRational) -> Float {
        if small_int(r.numer()) && small_int(r.denom()) {
            Float::Rat(Box::new(r))
        } else {
            Float::Big(Box::new(BigFloat::from_ratio(r.numer(), r.denom(), PREC, Round::NearestEven)))
        }
    }

    pub fn from_int(i: &BigInt) -> Float {
        if small_int(i) {
            Float::Rat(Box::new(BigRational::from_integer(i.clone())))
        } else {
            Float::Big(Box::new(BigFloat::new(i.clone(), 0, PREC, Round::NearestEven)))
        }
    }

    /// go/constant's `MakeFloat64` (finite `f` only).
    pub fn from_f64(f: f64) -> Float {
        let f = f + 0.0;
        match BigRational::from_float(f) {
            Some(r) => Float::Rat(Box::new(r)),
            None => Float::Rat(Box::new(BigRational::zero())),
        }
    }

    fn zero() -> Float {
        Float::Rat(Box::new(BigRational::zero()))
    }

    fn to_big(&self) -> BigFloat {
        match self {
            Float::Rat(r) => BigFloat::from_ratio(r.numer(), r.denom(), PREC, Round::NearestEven),
            Float::Big(b) => (**b).clone(),
        }
    }

    /// The value as a fraction (exact).
    pub fn to_ratio(&self) -> (BigInt, BigInt) {
        match self {
            Float::Rat(r) => (r.numer().clone(), r.denom().clone()),
            Float::Big(b) => b.to_ratio(),
        }
    }

    pub fn signum(&self) -> i32 {
        match self {
            Float::Rat(r) => {
                if r.is_zero() {
                    0
                } else if r.is_negative() {
                    -1
                } else {
                    1
                }
            }
            Float::Big(b) => b.signum(),
        }
    }

    pub fn is_zero(&self) -> bool {
        self.signum() == 0
    }

    /// go/constant's `ToInt` on a float: its integer value, allowing a few bits of rounding
    /// error in a 512-bit float.
    pub fn to_int(&self) -> Option<BigInt> {
        match self {
            Float::Rat(r) => r.is_integer().then(|| r.to_integer()),
            Float::Big(b) => {
                let e = b.mant_exp();
                if !(-(MAX_EXP as i64) < e && e < MAX_EXP as i64) {
                    return None;
                }
                if let Some(i) = b.to_int() {
                    return Some(i);
                }
                const DELTA: u64 = 4;
                for mode in [Round::ToZero, Round::AwayFromZero] {
                    if let Some(i) = b.round(PREC - DELTA, mode).to_int() {
                        return Some(i);
                    }
                }
                None
            }
        }
    }

    pub fn is_int(&self) -> bool {
        match self {
            Float::Rat(r) => r.is_integer(),
            Float::Big(b) => b.is_int(),
        }
    }

    /// The nearest `float64` (±∞ past its range), as math/big's `Float64`.
    pub fn to_f64(&self) -> f64 {
        let (n, d) = self.to_ratio();
        bigfloat::ratio_to_ieee(&n, &d, 53, 1023, -1074)
    }

    /// The nearest `float32`, as math/big's `Float32`.
    pub fn to_f32(&self) -> f32 {
        let (n, d) = self.to_ratio();
        let f = bigfloat::ratio_to_ieee(&n, &d, 24, 127, -149);
        if f.abs() > f32::MAX as f64 {
            if f > 0.0 {
                f32::INFINITY
            } else {
                f32::NEG_INFINITY
            }
        } else {
            f as f32
        }
    }

    fn neg(&self) -> Float {
        match self {
            Float::Rat(r) => Float::Rat(Box::new(-&**r)),
            Float::Big(b) => Float::Big(Box::new(b.neg())),
        }
    }

    /// `self op y` for `+ - * /` (`y` non-zero for `/`); `None` when a float result is
    /// infinite, which go/constant turns into an unknown value.
    fn arith(&self, op: BinaryOp, y: &Float) -> Option<Float> {
        use BinaryOp::*;
        if let (Float::Rat(a), Float::Rat(b)) = (self, y) {
            let r = match op {
                Add => &**a + &**b,
                Sub => &**a - &**b,
                Mul => &**a * &**b,
                Quo => {
                    if b.is_zero() {
                        return None;
                    }
                    &**a / &**b
                }
                _ => return None,
            };
            return Some(Float::rat(r));
        }
        let (a, b) = (self.to_big(), y.to_big());
        let r = match op {
            Add => a.add(&b, PREC),
            Sub => a.sub(&b, PREC),
            Mul => a.mul(&b, PREC),
            Quo => {
                if b.is_zero() {
                    return None;
                }
                a.quo(&b, PREC)
            }
            _ => return None,
        };
        // math/big's exponent range is that of an int32; past it the result is infinite.
        if r.mant_exp().abs() > i32::MAX as i64 {
            return None;
        }
        Some(Float::Big(Box::new(r)))
    }

    fn cmp(&self, y: &Float) -> std::cmp::Ordering {
        match (self, y) {
            (Float::Rat(a), Float::Rat(b)) => a.cmp(b),
            _ => self.to_big().cmp(&y.to_big()),
        }
    }

    /// go/constant's `String` of a float.
    pub fn display(&self) -> String {
        let b = match self {
            Float::Big(b) => (**b).clone(),
            Float::Rat(_) => self.to_big(),
        };
        let x = self.to_f64();
        if (b.signum() == 0) == (x == 0.0) && x.is_finite() {
            let s = fmt_g(x, Some(6));
            if !self.is_int() && !s.contains('.') {
                return fmt_g(x, None);
            }
            return s;
        }
        // Out of float64 range: an approximate decimal conversion, as go/constant does.
        let e2 = b.mant_exp();
        let mant = BigFloat::exact(b.mant().clone(), b.exp() - e2);
        let (n, d) = mant.to_ratio();
        let mut m = bigfloat::ratio_to_ieee(&n, &d, 53, 1023, -1074);
        let d = e2 as f64 * (std::f64::consts::LN_2 / std::f64::consts::LN_10);
        let mut e = d as i64;
        m *= 10f64.powf(d - e as f64);
        let am = m.abs();
        if am < 1.0 - 0.5e-6 {
            m *= 10.0;
            e -= 1;
        } else if am >= 10.0 {
            m /= 10.0;
            e += 1;
        }
        format!("{}e{}{}", fmt_g(m, Some(6)), if e >= 0 { "+" } else { "-" }, e.abs())
    }

    /// go/constant's `ExactString` of a float: `1/3`, `5`, or `0x.8p+4097`.
    pub fn exact_string(&self) -> String {
        match self {
            Float::Rat(r) if r.is_integer() => r.numer().to_string(),
            Float::Rat(r) => format!("{}/{}", r.numer(), r.denom()),
            Float::Big(b) => b.text_p(),
        }
    }
}

impl Value {
    pub fn int(i: impl Into<BigInt>) -> Value {
        Value::Int(i.into())
    }

    /// go/constant's `MakeFloat64`: unknown for infinities and NaN.
    pub fn float64(f: f64) -> Value {
        if !f.is_finite() {
            return Value::Unknown;
        }
        Value::Float(Float::from_f64(f))
    }

    /// The value of a literal (`0x1F`, `1_000`, `0o17`, `1e3`, `0x1p-2`, `2i`, `'\n'`, `"a"`).
    pub fn from_literal(kind: LitKind, raw: &str) -> Value {
        match kind {
            LitKind::Int => match parse_int(raw) {
                Some(i) => Value::Int(i),
                None => Value::Unknown,
            },
            LitKind::Float => parse_float(raw).map(Value::Float).unwrap_or(Value::Unknown),
            LitKind::Imag => {
                let s = raw.strip_suffix('i').unwrap_or(raw);
                parse_float(s).map(|f| Value::Complex(Float::zero(), f)).unwrap_or(Value::Unknown)
            }
            LitKind::Rune => {
                let inner = raw.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')).unwrap_or(raw);
                match unquote_chars(inner, '\'') {
                    Some(v) if v.len() == 1 => Value::int(v[0]),
                    _ => Value::Unknown,
                }
            }
            LitKind::String => {
                if let Some(s) = raw.strip_prefix('`').and_then(|s| s.strip_suffix('`')) {
                    return Value::String(ConstStr::new(s.replace('\r', "").into_bytes()));
                }
                let inner = raw.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(raw);
                match unquote_chars(inner, '"') {
                    Some(cs) => {
                        // Bytes (\x, octal) and code points (everything else) mix: build bytes.
                        let mut bytes = Vec::new();
                        for c in cs {
                            if c >= 0x1_0000_0000 {
                                bytes.push((c - 0x1_0000_0000) as u8);
                            } else {
                                let ch = char::from_u32(c as u32).unwrap_or('\u{FFFD}');
                                let mut buf = [0u8; 4];
                                bytes.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                            }
                        }
                        Value::String(ConstStr::new(bytes))
                    }
                    None => Value::Unknown,
                }
            }
        }
    }

    /// go/constant's `ToInt`: the integer value of an integer, an integral float or a
    /// complex with integral real and zero imaginary part; unknown otherwise.
    pub fn to_int(&self) -> Value {
        match self {
            Value::Int(_) => self.clone(),
            Value::Float(f) => f.to_int().map(Value::Int).unwrap_or(Value::Unknown),
            Value::Complex(re, im) if im.is_zero() => re.to_int().map(Value::Int).unwrap_or(Value::Unknown),
            _ => Value::Unknown,
        }
    }

    /// go/constant's `ToFloat`.
    pub fn to_float(&self) -> Value {
        match self {
            Value::Int(i) => Value::Float(Float::from_int(i)),
            Value::Float(_) => self.clone(),
            Value::Complex(re, im) if im.is_zero() => Value::Float(re.clone()),
            _ => Value::Unknown,
        }
    }

    /// go/constant's `ToComplex`.
    pub fn to_complex(&self) -> Value {
        match self {
            Value::Int(i) => Value::Complex(Float::from_int(i), Float::zero()),
            Value::Float(f) => Value::Complex(f.clone(), Float::zero()),
            Value::Complex(..) => self.clone(),
            _ => Value::Unknown,
        }
    }

    /// The integer value (see [`Value::to_int`]).
    pub fn as_bigint(&self) -> Option<BigInt> {
        match self.to_int() {
            Value::Int(i) => Some(i),
            _ => None,
        }
    }

    pub fn as_i128(&self) -> Option<i128> {
        self.as_bigint()?.to_i128()
    }

    pub fn as_i64(&self) -> Option<i64> {
        self.as_bigint()?.to_i64()
    }

    /// The nearest `float64` of a numeric value with no imaginary part (go/constant's
    /// `Float64Val`, which may round).
    pub fn as_f64(&self) -> Option<f64> {
        match self.to_float() {
            Value::Float(f) => Some(f.to_f64()),
            _ => None,
        }
    }

    /// The nearest `float64`s of the parts of a numeric value.
    pub fn as_complex(&self) -> Option<(f64, f64)> {
        match self.to_complex() {
            Value::Complex(re, im) => Some((re.to_f64(), im.to_f64())),
            _ => None,
        }
    }

    /// go/constant's `Real` and `Imag`.
    pub fn real(&self) -> Value {
        match self {
            Value::Int(_) | Value::Float(_) => self.clone(),
            Value::Complex(re, _) => Value::Float(re.clone()),
            _ => Value::Unknown,
        }
    }

    pub fn imag(&self) -> Value {
        match self {
            Value::Int(_) | Value::Float(_) => Value::int(0),
            Value::Complex(_, im) => Value::Float(im.clone()),
            _ => Value::Unknown,
        }
    }

    /// `complex(re, im)` of two numeric values with no imaginary part.
    pub fn make_complex(re: &Value, im: &Value) -> Value {
        match (re.to_float(), im.to_float()) {
            (Value::Float(r), Value::Float(i)) => Value::Complex(r, i),
            _ => Value::Unknown,
        }
    }

    /// go/constant's `Sign`: -1, 0 or 1; for complex values 0 only if both parts are 0.
    pub fn sign(&self) -> i32 {
        match self {
            Value::Int(i) => i.signum().to_i32().unwrap_or(0),
            Value::Float(f) => f.signum(),
            Value::Complex(re, im) => re.signum() | im.signum(),
            _ => 1,
        }
    }

    /// go/constant's `BitLen` of an integer: bits of its magnitude.
    pub fn bit_len(&self) -> u64 {
        match self {
            Value::Int(i) => i.bits(),
            _ => 0,
        }
    }

    /// go/types' `roundFloat64`: the value rounded to the nearest `float64`, or `None` if it
    /// overflows.
    pub fn round_f64(&self) -> Option<Value> {
        let Value::Float(f) = self.to_float() else { return None };
        let x = f.to_f64();
        x.is_finite().then(|| Value::Float(Float::from_f64(x)))
    }

    /// go/types' `roundFloat32`.
    pub fn round_f32(&self) -> Option<Value> {
        let Value::Float(f) = self.to_float() else { return None };
        let x = f.to_f32();
        x.is_finite().then(|| Value::Float(Float::from_f64(x as f64)))
    }

    /// go/constant's ordering of representations for mixed operands: int < float < complex.
    fn rank(&self) -> u8 {
        match self {
            Value::Int(_) => 0,
            Value::Float(_) => 1,
            Value::Complex(..) => 2,
            _ => 3,
        }
    }

    /// `self` and `other` in the representation of the more complex one (go/constant's
    /// `match`).
    fn matched(&self, other: &Value) -> (Value, Value) {
        let rank = self.rank().max(other.rank());
        let conv = |v: &Value| match rank {
            0 => v.clone(),
            1 => v.to_float(),
            _ => v.to_complex(),
        };
        (conv(self), conv(other))
    }

    /// `self op other` for arithmetic and logical operators; `int_div` selects truncated
    /// integer division for `/` (both operands of integer type). `None` on division by zero
    /// or an operator the operands do not support; an unknown value when a float result is
    /// out of go/constant's range.
    pub fn binary(&self, op: BinaryOp, other: &Value, int_div: bool) -> Option<Value> {
        use BinaryOp::*;
        if let (Value::Bool(a), Value::Bool(b)) = (self, other) {
            return match op {
                LAnd => Some(Value::Bool(*a && *b)),
                LOr => Some(Value::Bool(*a || *b)),
                _ => None,
            };
        }
        if let (Value::String(a), Value::String(b)) = (self, other) {
            return match op {
                Add => Some(Value::String(ConstStr::concat(a, b))),
                _ => None,
            };
        }
        if self.rank() > 2 || other.rank() > 2 {
            return Some(Value::Unknown);
        }
        let float = |r: Option<Float>| Some(r.map(Value::Float).unwrap_or(Value::Unknown));
        match self.matched(other) {
            (Value::Int(x), Value::Int(y)) => match op {
                Add => Some(Value::Int(x + y)),
                Sub => Some(Value::Int(x - y)),
                Mul => Some(Value::Int(x * y)),
                Quo | Rem if y.is_zero() => None,
                Quo if int_div => Some(Value::Int(x / y)),
                Quo => Some(Value::Float(Float::rat(BigRational::new(x, y)))),
                Rem => Some(Value::Int(x % y)),
                And => Some(Value::Int(x & y)),
                Or => Some(Value::Int(x | y)),
                Xor => Some(Value::Int(x ^ y)),
                AndNot => Some(Value::Int(x & !y)),
                _ => None,
            },
            (Value::Float(x), Value::Float(y)) => match op {
                Quo if y.is_zero() => None,
                Add | Sub | Mul | Quo => float(x.arith(op, &y)),
                _ => None,
            },
            (Value::Complex(a, b), Value::Complex(c, d)) => {
                let parts = match op {
                    Add => a.arith(Add, &c).zip(b.arith(Add, &d)),
                    Sub => a.arith(Sub, &c).zip(b.arith(Sub, &d)),
                    Mul => (|| {
                        let (ac, bd) = (a.arith(Mul, &c)?, b.arith(Mul, &d)?);
                        let (bc, ad) = (b.arith(Mul, &c)?, a.arith(Mul, &d)?);
                        Some((ac.arith(Sub, &bd)?, bc.arith(Add, &ad)?))
                    })(),
                    Quo => {
                        if c.is_zero() && d.is_zero() {
                            return None;
                        }
                        (|| {
                            let (ac, bd) = (a.arith(Mul, &c)?, b.arith(Mul, &d)?);
                            let (bc, ad) = (b.arith(Mul, &c)?, a.arith(Mul, &d)?);
                            let s = c.arith(Mul, &c)?.arith(Add, &d.arith(Mul, &d)?)?;
                            let re = ac.arith(Add, &bd)?.arith(Quo, &s)?;
                            let im = bc.arith(Sub, &ad)?.arith(Quo, &s)?;
                            Some((re, im))
                        })()
                    }
                    _ => return None,
                };
                Some(parts.map(|(re, im)| Value::Complex(re, im)).unwrap_or(Value::Unknown))
            }
            _ => Some(Value::Unknown),
        }
    }

    /// `self op other` for comparison operators.
    pub fn compare(&self, op: BinaryOp, other: &Value) -> Option<bool> {
        use std::cmp::Ordering;
        use BinaryOp::*;
        let ord: Ordering = match (self, other) {
            (Value::Bool(a), Value::Bool(b)) => {
                return match op {
                    Eql => Some(a == b),
                    Neq => Some(a != b),
                    _ => None,
                }
            }
            (Value::String(a), Value::String(b)) => a.bytes().cmp(b.bytes()),
            _ => {
                if self.rank() > 2 || other.rank() > 2 {
                    return None;
                }
                match self.matched(other) {
                    (Value::Int(a), Value::Int(b)) => a.cmp(&b),
                    (Value::Float(a), Value::Float(b)) => a.cmp(&b),
                    (Value::Complex(a, b), Value::Complex(c, d)) => {
                        let eq = a.cmp(&c) == Ordering::Equal && b.cmp(&d) == Ordering::Equal;
                        return match op {
                            Eql => Some(eq),
                            Neq => Some(!eq),
                            _ => None,
                        };
                    }
                    _ => return None,
                }
            }
        };
        Some(match op {
            Eql => ord == Ordering::Equal,
            Neq => ord != Ordering::Equal,
            Lss => ord == Ordering::Less,
            Leq => ord != Ordering::Greater,
            Gtr => ord == Ordering::Greater,
            Geq => ord != Ordering::Less,
            _ => return None,
        })
    }

    /// `op self`; for `^` on unsigned values `unsigned_bits` gives the width to mask to.
    pub fn unary(&self, op: UnaryOp, unsigned_bits: Option<u32>) -> Option<Value> {
        match (op, self) {
            (_, Value::Unknown) => Some(Value::Unknown),
            (UnaryOp::Pos, v) if v.rank() <= 2 => Some(v.clone()),
            (UnaryOp::Neg, Value::Int(i)) => Some(Value::Int(-i)),
            (UnaryOp::Neg, Value::Float(f)) => Some(Value::Float(f.neg())),
            (UnaryOp::Neg, Value::Complex(r, i)) => Some(Value::Complex(r.neg(), i.neg())),
            (UnaryOp::Not, Value::Bool(b)) => Some(Value::Bool(!b)),
            (UnaryOp::Xor, Value::Int(i)) => {
                let z = !i;
                Some(Value::Int(match unsigned_bits {
                    Some(bits) if bits > 0 => z & ((BigInt::one() << bits) - 1),
                    _ => z,
                }))
            }
            _ => None,
        }
    }

    /// `self << s` or `self >> s` on an integer value (`>>` rounds toward negative infinity).
    pub fn shift(&self, left: bool, s: u64) -> Option<Value> {
        let x = self.as_bigint()?;
        Some(Value::Int(if left { x << s } else { x >> s }))
    }

    /// go/constant's `String`: how go/types prints a constant in messages (`256`, `1.5`,
    /// `"a"`, `(1 + 2i)`, `1e+100`).
    pub fn display(&self) -> String {
        match self {
            Value::Bool(b) => b.to_string(),
            Value::String(s) => {
                const MAX_LEN: usize = 72;
                // Each character quoted takes at most four bytes: a prefix is enough.
                let q = go_quote(&s.prefix(4 * MAX_LEN));
                if q.chars().count() > MAX_LEN {
                    let mut t: String = q.chars().take(MAX_LEN - 3).collect();
                    t.push_str("...");
                    t
                } else {
                    q
                }
            }
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.display(),
            Value::Complex(r, i) => format!("({} + {}i)", r.display(), i.display()),
            Value::Unknown => "unknown".into(),
        }
    }

    /// go/constant's `ExactString`: exact fractions (`1/10`) and hexadecimal floats.
    pub fn exact_string(&self) -> String {
        match self {
            Value::String(s) => go_quote(s.bytes()),
            Value::Float(f) => f.exact_string(),
            Value::Complex(r, i) => format!("({} + {}i)", r.exact_string(), i.exact_string()),
            _ => self.display(),
        }
    }
}

/// Go's `%g` (`prec` `None`: shortest digits that round-trip) and `%.{prec}g`.
pub fn fmt_g(x: f64, prec: Option<usize>) -> String {
    if x == 0.0 {
        return if x.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN".into()
        } else if x > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let e = match prec {
        Some(p) => format!("{:.*e}", p.max(1) - 1, x),
        None => format!("{x:e}"),
    };
    let (mant, exp) = e.split_once('e').expect("{:e} has an exponent");
    let exp: i64 = exp.parse().expect("{:e} exponent is an integer");
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let nd = digits.len() as i64;
    let dp = exp + 1;
    let eprec = match prec {
        None => 6,
        Some(p) => {
            let p = p.max(1) as i64;
            if p > nd && nd >= dp {
                nd
            } else {
                p
            }
        }
    };
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if exp < -4 || exp >= eprec {
        out.push_str(&digits[..1]);
        if nd > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str(&format!("e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs()));
    } else if dp <= 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat((-dp) as usize));
        out.push_str(digits);
    } else if nd <= dp {
        out.push_str(digits);
        out.push_str(&"0".repeat((dp - nd) as usize));
    } else {
        out.push_str(&digits[..dp as usize]);
        out.push('.');
        out.push_str(&digits[dp as usize..]);
    }
    out
}

/// `strconv.Quote` of a string's bytes: Go's escapes, `\xNN` for bytes that are not UTF-8,
/// and `\u`/`\U` for runes that are not printable (approximated by Rust's control and format
/// character knowledge).
pub fn go_quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for chunk in s.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\x07' => out.push_str("\\a"),
                '\x08' => out.push_str("\\b"),
                '\x0c' => out.push_str("\\f"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\x0b' => out.push_str("\\v"),
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
                c if c.is_ascii() || go_printable(c) => out.push(c),
                c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push_str(&format!("\\U{:08x}", c as u32)),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out.push('"');
    out
}

/// An approximation of `unicode.IsPrint` for non-ASCII runes.
fn go_printable(c: char) -> bool {
    let u = c as u32;
    !(c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(u, 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB)
        || (0xD800..=0xDFFF).contains(&u)
        || (0xE000..=0xF8FF).contains(&u)
        || u >= 0xF0000
        || matches!(u & 0xFFFF, 0xFFFE | 0xFFFF))
}

/// Parses an integer literal with Go's prefixes and underscores.
pub fn parse_int(raw: &str) -> Option<BigInt> {
    let s: String = raw.chars().filter(|&c| c != '_').collect();
    let lower = s.to_ascii_lowercase();
    let (digits, radix) = if let Some(r) = lower.strip_prefix("0x") {
        (r.to_string(), 16)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (r.to_string(), 2)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (r.to_string(), 8)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (lower[1..].to_string(), 8)
    } else {
        (lower, 10)
    };
    if digits.is_empty() {
        return None;
    }
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

/// Parses a floating-point literal (decimal, or hexadecimal with a binary exponent: `0x1.8p3`;
/// a leading `0` is decimal, as in `0123i`) exactly, as go/constant's `makeFloatFromLiteral`:
/// a fraction unless the value is beyond 2^±4096, then a 512-bit float.
pub fn parse_float(raw: &str) -> Option<Float> {
    let s: String = raw.chars().filter(|&c| c != '_').collect();
    let lower = s.to_ascii_lowercase();
    // value = mant × base^exp, with base 10 or 2.
    let (radix, body, exp_char, base) = if let Some(h) = lower.strip_prefix("0x") {
        (16, h, 'p', 2u32)
    } else if let Some(b) = lower.strip_prefix("0b") {
        (2, b, 'p', 2)
    } else if let Some(o) = lower.strip_prefix("0o") {
        (8, o, 'p', 2)
    } else {
        (10, lower.as_str(), 'e', 10)
    };
    let (mant, exp) = match body.split_once(exp_char) {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (body, 0),
    };
    let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
    let digits = format!("{int_part}{frac_part}");
    if digits.is_empty() {
        return None;
    }
    let m = BigInt::parse_bytes(digits.as_bytes(), radix)?;
    // Each fraction digit scales by 1/radix: for radix 10 that is base 10, else 2^log2(radix).
    let frac = frac_part.len() as i64;
    let exp = if base == 10 { exp - frac } else { exp - frac * (radix as f64).log2() as i64 };
    if m.is_zero() {
        return Some(Float::zero());
    }
    // Estimate the binary exponent to decide between a fraction and a float.
    let e2 = m.bits() as f64 + exp as f64 * (base as f64).log2();
    if e2.abs() > 3.0e6 {
        return None;
    }
    let pow = |e: u64| -> BigInt { num_traits::pow(BigInt::from(base), e as usize) };
    let (num, den) = if exp >= 0 { (m * pow(exp as u64), BigInt::one()) } else { (m, pow((-exp) as u64)) };
    let small = e2.abs() < MAX_EXP as f64 - 8.0;
    if small || {
        let b = BigFloat::from_ratio(&num, &den, PREC, Round::NearestEven).mant_exp();
        -(MAX_EXP as i64) < b && b < MAX_EXP as i64
    } {
        let r = BigRational::new(num, den);
        return Some(Float::Rat(Box::new(r)));
    }
    Some(Float::Big(Box::new(BigFloat::from_ratio(&num, &den, PREC, Round::NearestEven))))
}

/// Decodes the escapes of a quoted literal's contents. Code points are returned as is; raw
/// bytes (`\x`, octal escapes) as `0x1_0000_0000 + byte`.
fn unquote_chars(s: &str, quote: char) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c as u64);
            continue;
        }
        let e = it.next()?;
        let v: u64 = match e {
            'a' => 7,
            'b' => 8,
            'f' => 12,
            'n' => 10,
            'r' => 13,
            't' => 9,
            'v' => 11,
            '\\' => '\\' as u64,
            '\'' if quote == '\'' => '\'' as u64,
            '"' if quote == '"' => '"' as u64,
            'x' => {
                let h: String = (0..2).filter_map(|_| it.next()).collect();
                let b = u64::from_str_radix(&h, 16).ok()?;
                if quote == '\'' {
                    b
                } else {
                    0x1_0000_0000 + b
                }
            }
            'u' | 'U' => {
                let n = if e == 'u' { 4 } else { 8 };
                let h: String = (0..n).filter_map(|_| it.next()).collect();
                u64::from_str_radix(&h, 16).ok()?
            }
            '0'..='7' => {
                let mut o = String::from(e);
                o.extend((0..2).filter_map(|_| it.next()));
                let b = u64::from_str_radix(&o, 8).ok()?;
                if quote == '\'' {
                    b
                } else {
                    0x1_0000_0000 + b
                }
            }
            _ => return None,
        };
        out.push(v);
    }
    Some(out)
}
