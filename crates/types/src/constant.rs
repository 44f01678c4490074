//! Constant values with go/constant's semantics (exact arithmetic for untyped constants).
//!
//! Integers are exact within `i128` (enough for `1<<100` and `math.MaxUint64`); beyond that
//! an operation reports overflow rather than wrapping, except that an untyped constant shift
//! past `i128` (`Two129 = 1 << 129` in math) keeps its value approximately as a float. Floats are
//! `f64` (go/constant keeps exact rationals; the difference only shows for untyped float
//! constants that are not representable as float64, which gc then rounds anyway).

use syntax::ast::{BinaryOp, LitKind, UnaryOp};

/// An exact constant value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    /// The bytes of a string, which need not be valid UTF-8 (`"\xff"`).
    String(Vec<u8>),
    Int(i128),
    Float(f64),
    Complex(f64, f64),
    /// A value we could not represent exactly (reported, then treated as unknown).
    Unknown,
}

impl Value {
    /// The value of a literal (`0x1F`, `1_000`, `0o17`, `1e3`, `0x1p-2`, `2i`, `'\n'`, `"a"`).
    pub fn from_literal(kind: LitKind, raw: &str) -> Value {
        match kind {
            LitKind::Int => parse_int(raw).map(Value::Int).unwrap_or_else(|| {
                parse_float(raw).map(Value::Float).unwrap_or(Value::Unknown)
            }),
            LitKind::Float => parse_float(raw).map(Value::Float).unwrap_or(Value::Unknown),
            LitKind::Imag => {
                let s = raw.strip_suffix('i').unwrap_or(raw);
                // `0123i` is decimal for backwards compatibility.
                let v = if s.chars().all(|c| c.is_ascii_digit() || c == '_') {
                    s.replace('_', "").parse::<f64>().ok()
                } else {
                    parse_int(s).map(|i| i as f64).or_else(|| parse_float(s))
                };
                v.map(|f| Value::Complex(0.0, f)).unwrap_or(Value::Unknown)
            }
            LitKind::Rune => {
                let inner = raw.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')).unwrap_or(raw);
                match unquote_chars(inner, '\'') {
                    Some(v) if v.len() == 1 => Value::Int(v[0] as i128),
                    _ => Value::Unknown,
                }
            }
            LitKind::String => {
                if let Some(s) = raw.strip_prefix('`').and_then(|s| s.strip_suffix('`')) {
                    return Value::String(s.replace('\r', "").into_bytes());
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
                        Value::String(bytes)
                    }
                    None => Value::Unknown,
                }
            }
        }
    }

    pub fn as_i128(&self) -> Option<i128> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1.7e38 => Some(*f as i128),
            Value::Complex(r, 0.0) if r.fract() == 0.0 && r.abs() < 1.7e38 => Some(*r as i128),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            Value::Complex(r, i) if *i == 0.0 => Some(*r),
            _ => None,
        }
    }

    pub fn as_complex(&self) -> Option<(f64, f64)> {
        match self {
            Value::Int(i) => Some((*i as f64, 0.0)),
            Value::Float(f) => Some((*f, 0.0)),
            Value::Complex(r, i) => Some((*r, *i)),
            _ => None,
        }
    }

    /// The value as an integer, float or complex of the given rank (0 int, 1 float, 2 complex),
    /// converting exactly where possible.
    pub fn to_rank(&self, rank: u8) -> Value {
        match rank {
            0 => self.as_i128().map(Value::Int).unwrap_or(Value::Unknown),
            1 => self.as_f64().map(Value::Float).unwrap_or(Value::Unknown),
            _ => self.as_complex().map(|(r, i)| Value::Complex(r, i)).unwrap_or(Value::Unknown),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Value::Int(_) => 0,
            Value::Float(_) => 1,
            Value::Complex(..) => 2,
            _ => 3,
        }
    }

    /// `self op other` for arithmetic and logical operators; `int_div` selects truncated
    /// integer division for `/` (both operands of integer type). `None` on division by zero
    /// or overflow.
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
                Add => Some(Value::String([a.as_slice(), b.as_slice()].concat())),
                _ => None,
            };
        }
        let rank = self.rank().max(other.rank());
        if rank > 2 {
            return Some(Value::Unknown);
        }
        let (a, b) = (self.to_rank(rank), other.to_rank(rank));
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => match op {
                Add => x.checked_add(y).map(Value::Int),
                Sub => x.checked_sub(y).map(Value::Int),
                Mul => x.checked_mul(y).map(Value::Int),
                Quo if y == 0 => None,
                Quo if int_div => x.checked_div(y).map(Value::Int),
                Quo => Some(norm_float(x as f64 / y as f64, x, y)),
                Rem if y == 0 => None,
                Rem => x.checked_rem(y).map(Value::Int),
                And => Some(Value::Int(x & y)),
                Or => Some(Value::Int(x | y)),
                Xor => Some(Value::Int(x ^ y)),
                AndNot => Some(Value::Int(x & !y)),
                _ => None,
            },
            (Value::Float(x), Value::Float(y)) => match op {
                Add => Some(Value::Float(x + y)),
                Sub => Some(Value::Float(x - y)),
                Mul => Some(Value::Float(x * y)),
                Quo if y == 0.0 => None,
                Quo => Some(Value::Float(x / y)),
                _ => None,
            },
            (Value::Complex(a, b), Value::Complex(c, d)) => match op {
                Add => Some(Value::Complex(a + c, b + d)),
                Sub => Some(Value::Complex(a - c, b - d)),
                Mul => Some(Value::Complex(a * c - b * d, a * d + b * c)),
                Quo => {
                    let den = c * c + d * d;
                    if den == 0.0 {
                        return None;
                    }
                    Some(Value::Complex((a * c + b * d) / den, (b * c - a * d) / den))
                }
                _ => None,
            },
            _ => Some(Value::Unknown),
        }
    }

    /// `self op other` for comparison operators.
    pub fn compare(&self, op: BinaryOp, other: &Value) -> Option<bool> {
        use std::cmp::Ordering;
        use BinaryOp::*;
        let ord: Option<Ordering> = match (self, other) {
            (Value::Bool(a), Value::Bool(b)) => {
                return match op {
                    Eql => Some(a == b),
                    Neq => Some(a != b),
                    _ => None,
                }
            }
            (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
            _ => {
                let rank = self.rank().max(other.rank());
                match (self.to_rank(rank), other.to_rank(rank)) {
                    (Value::Int(a), Value::Int(b)) => Some(a.cmp(&b)),
                    (Value::Float(a), Value::Float(b)) => a.partial_cmp(&b),
                    (Value::Complex(a, b), Value::Complex(c, d)) => {
                        return match op {
                            Eql => Some(a == c && b == d),
                            Neq => Some(a != c || b != d),
                            _ => None,
                        }
                    }
                    _ => None,
                }
            }
        };
        let o = ord?;
        Some(match op {
            Eql => o == Ordering::Equal,
            Neq => o != Ordering::Equal,
            Lss => o == Ordering::Less,
            Leq => o != Ordering::Greater,
            Gtr => o == Ordering::Greater,
            Geq => o != Ordering::Less,
            _ => return None,
        })
    }

    /// `op self`; for `^` on unsigned values `unsigned_bits` gives the width to mask to.
    pub fn unary(&self, op: UnaryOp, unsigned_bits: Option<u32>) -> Option<Value> {
        match (op, self) {
            (UnaryOp::Pos, v) => Some(v.clone()),
            (UnaryOp::Neg, Value::Int(i)) => i.checked_neg().map(Value::Int),
            (UnaryOp::Neg, Value::Float(f)) => Some(Value::Float(-f)),
            (UnaryOp::Neg, Value::Complex(r, i)) => Some(Value::Complex(-r, -i)),
            (UnaryOp::Not, Value::Bool(b)) => Some(Value::Bool(!b)),
            (UnaryOp::Xor, Value::Int(i)) => match unsigned_bits {
                Some(bits) if bits < 128 => Some(Value::Int(!i & ((1i128 << bits) - 1))),
                _ => Some(Value::Int(!i)),
            },
            (_, Value::Unknown) => Some(Value::Unknown),
            _ => None,
        }
    }

    /// `self << s` or `self >> s` on an integer value.
    pub fn shift(&self, left: bool, s: u64) -> Option<Value> {
        let x = self.as_i128()?;
        if left {
            if x == 0 {
                return Some(Value::Int(0));
            }
            if s >= 127 {
                return None;
            }
            let r = x.checked_shl(s as u32)?;
            if r >> s != x {
                return None;
            }
            Some(Value::Int(r))
        } else if s >= 127 {
            Some(Value::Int(if x < 0 { -1 } else { 0 }))
        } else {
            Some(Value::Int(x >> s))
        }
    }

    /// How go/types prints a constant in messages (`256`, `1.5`, `"a"`, `(1 + 2i)`).
    pub fn display(&self) -> String {
        match self {
            Value::Bool(b) => b.to_string(),
            Value::String(s) => {
                let q = format!("{:?}", String::from_utf8_lossy(s));
                if q.len() > 72 {
                    format!("{}...\"", &q[..q.char_indices().nth(60).map(|(i, _)| i).unwrap_or(q.len())])
                } else {
                    q
                }
            }
            Value::Int(i) => i.to_string(),
            Value::Float(f) => fmt_float(*f),
            Value::Complex(r, i) => format!("({} + {}i)", fmt_float(*r), fmt_float(*i)),
            Value::Unknown => "unknown".into(),
        }
    }
}

fn norm_float(f: f64, _x: i128, _y: i128) -> Value {
    Value::Float(f)
}

fn fmt_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{}", f as i128)
    } else {
        let s = format!("{f}");
        if s.len() > 12 {
            format!("{f:e}")
        } else {
            s
        }
    }
}

/// Parses an integer literal with Go's prefixes and underscores.
pub fn parse_int(raw: &str) -> Option<i128> {
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
    i128::from_str_radix(&digits, radix).ok()
}

/// Parses a decimal or hexadecimal (`0x1.8p3`) floating-point literal.
pub fn parse_float(raw: &str) -> Option<f64> {
    let s: String = raw.chars().filter(|&c| c != '_').collect();
    let lower = s.to_ascii_lowercase();
    if let Some(h) = lower.strip_prefix("0x") {
        let (mant, exp) = match h.split_once('p') {
            Some((m, e)) => (m, e.parse::<i32>().ok()?),
            None => (h, 0),
        };
        let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
        let mut v = 0f64;
        for c in int_part.chars() {
            v = v * 16.0 + c.to_digit(16)? as f64;
        }
        let mut scale = 1.0 / 16.0;
        for c in frac_part.chars() {
            v += c.to_digit(16)? as f64 * scale;
            scale /= 16.0;
        }
        return Some(v * 2f64.powi(exp));
    }
    lower.parse::<f64>().ok()
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
