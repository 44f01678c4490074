//! Binary floating-point numbers of bounded precision, the part of math/big's `Float` that
//! go/constant needs.
//!
//! A [`BigFloat`] is `mant × 2^exp` with an integer mantissa kept odd (or zero), so equal
//! values have equal representations. Every operation computes the exact result and rounds it
//! to the requested number of mantissa bits; division and conversion from a fraction carry a
//! sticky bit for the discarded remainder, so rounding is correct in every mode. go/constant
//! uses these at 512 bits for untyped floats whose fraction would be too large; the same
//! rounding, with the exponent range of IEEE formats, gives exact `float64`/`float32`
//! conversions of rationals.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// How a result with more bits than the precision is rounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Round {
    NearestEven,
    ToZero,
    AwayFromZero,
}

/// `mant × 2^exp`, with `mant` odd or zero (and then `exp == 0`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigFloat {
    mant: BigInt,
    exp: i64,
}

impl BigFloat {
    pub fn zero() -> BigFloat {
        BigFloat { mant: BigInt::zero(), exp: 0 }
    }

    /// The exact value `mant × 2^exp` (not rounded).
    pub fn exact(mant: BigInt, exp: i64) -> BigFloat {
        if mant.is_zero() {
            return BigFloat::zero();
        }
        let tz = mant.trailing_zeros().unwrap_or(0);
        BigFloat { mant: mant >> tz, exp: exp + tz as i64 }
    }

    /// `mant × 2^exp` rounded to `prec` bits.
    pub fn new(mant: BigInt, exp: i64, prec: u64, mode: Round) -> BigFloat {
        round_parts(mant.sign(), mant.magnitude().clone(), exp, false, prec, mode)
    }

    /// `num / den` rounded to `prec` bits (`den` non-zero).
    pub fn from_ratio(num: &BigInt, den: &BigInt, prec: u64, mode: Round) -> BigFloat {
        let sign = if num.sign() == den.sign() || num.is_zero() { num.sign() } else { Sign::Minus };
        let (n, d) = (num.magnitude(), den.magnitude());
        if n.is_zero() {
            return BigFloat::zero();
        }
        // A quotient of at least prec+2 bits, plus a sticky bit for the remainder.
        let k = prec as i64 + 2 + d.bits() as i64 - n.bits() as i64;
        let (q, r) = if k >= 0 { (n << k as u64).div_rem(d) } else { n.div_rem(&(d << (-k) as u64)) };
        round_parts(sign, q, -k, !r.is_zero(), prec, mode)
    }

    pub fn mant(&self) -> &BigInt {
        &self.mant
    }

    pub fn exp(&self) -> i64 {
        self.exp
    }

    pub fn is_zero(&self) -> bool {
        self.mant.is_zero()
    }

    pub fn signum(&self) -> i32 {
        match self.mant.sign() {
            Sign::Minus => -1,
            Sign::NoSign => 0,
            Sign::Plus => 1,
        }
    }

    /// math/big's `MantExp`: the `e` with `0.5 <= |x| / 2^e < 1` (0 for zero).
    pub fn mant_exp(&self) -> i64 {
        if self.is_zero() {
            0
        } else {
            self.mant.bits() as i64 + self.exp
        }
    }

    pub fn is_int(&self) -> bool {
        self.exp >= 0 || self.is_zero()
    }

    /// The integer value, if this is one.
    pub fn to_int(&self) -> Option<BigInt> {
        if self.is_zero() {
            return Some(BigInt::zero());
        }
        (self.exp >= 0).then(|| &self.mant << self.exp as u64)
    }

    /// The value as a fraction `(num, den)` with `den` a power of two.
    pub fn to_ratio(&self) -> (BigInt, BigInt) {
        if self.exp >= 0 {
            (&self.mant << self.exp as u64, BigInt::one())
        } else {
            (self.mant.clone(), BigInt::one() << (-self.exp) as u64)
        }
    }

    /// This value rounded to `prec` bits.
    pub fn round(&self, prec: u64, mode: Round) -> BigFloat {
        BigFloat::new(self.mant.clone(), self.exp, prec, mode)
    }

    pub fn neg(&self) -> BigFloat {
        BigFloat { mant: -&self.mant, exp: self.exp }
    }

    pub fn add(&self, y: &BigFloat, prec: u64) -> BigFloat {
        if self.is_zero() {
            return y.round(prec, Round::NearestEven);
        }
        if y.is_zero() {
            return self.round(prec, Round::NearestEven);
        }
        let e = self.exp.min(y.exp);
        let a = &self.mant << (self.exp - e) as u64;
        let b = &y.mant << (y.exp - e) as u64;
        BigFloat::new(a + b, e, prec, Round::NearestEven)
    }

    pub fn sub(&self, y: &BigFloat, prec: u64) -> BigFloat {
        self.add(&y.neg(), prec)
    }

    pub fn mul(&self, y: &BigFloat, prec: u64) -> BigFloat {
        BigFloat::new(&self.mant * &y.mant, self.exp + y.exp, prec, Round::NearestEven)
    }

    /// `self / y` (`y` non-zero).
    pub fn quo(&self, y: &BigFloat, prec: u64) -> BigFloat {
        let q = BigFloat::from_ratio(&self.mant, &y.mant, prec, Round::NearestEven);
        if q.is_zero() {
            return q;
        }
        BigFloat { mant: q.mant, exp: q.exp + self.exp - y.exp }
    }

    pub fn cmp(&self, y: &BigFloat) -> std::cmp::Ordering {
        let e = self.exp.min(y.exp);
        if self.signum() != y.signum() || self.is_zero() || y.is_zero() {
            return self.signum().cmp(&y.signum());
        }
        // Same sign, both non-zero: compare magnitudes by size first to avoid huge shifts.
        let (ma, mb) = (self.mant_exp(), y.mant_exp());
        if ma != mb {
            let o = ma.cmp(&mb);
            return if self.signum() < 0 { o.reverse() } else { o };
        }
        let a = &self.mant << (self.exp - e) as u64;
        let b = &y.mant << (y.exp - e) as u64;
        a.cmp(&b)
    }

    /// math/big's `Text('p', 0)`: `-0x.8p+1` for -1.
    pub fn text_p(&self) -> String {
        if self.is_zero() {
            return "0".into();
        }
        let mag = self.mant.magnitude();
        let bits = mag.bits();
        let pad = (4 - bits % 4) % 4;
        let hex = (mag << pad).to_str_radix(16);
        let hex = hex.trim_end_matches('0');
        let e = self.mant_exp();
        let sign = if self.signum() < 0 { "-" } else { "" };
        let esign = if e >= 0 { "+" } else { "" };
        format!("{sign}0x.{hex}p{esign}{e}")
    }
}

/// Rounds `sign × (mag + sticky·ε) × 2^exp` to `prec` bits.
fn round_parts(sign: Sign, mut mag: BigUint, mut exp: i64, sticky: bool, prec: u64, mode: Round) -> BigFloat {
    if mag.is_zero() {
        return BigFloat::zero();
    }
    let bits = mag.bits();
    let mut up = false;
    if bits > prec {
        let shift = bits - prec;
        let rem = &mag & ((BigUint::one() << shift) - 1u32);
        mag >>= shift;
        exp += shift as i64;
        let half = BigUint::one() << (shift - 1);
        let inexact = sticky || !rem.is_zero();
        up = match mode {
            Round::NearestEven => rem > half || (rem == half && (sticky || mag.is_odd())),
            Round::ToZero => false,
            Round::AwayFromZero => inexact,
        };
    }
    if up {
        mag += 1u32;
    }
    BigFloat::exact(BigInt::from_biguint(if sign == Sign::NoSign { Sign::Plus } else { sign }, mag), exp)
}

/// `num / den` correctly rounded (to nearest, ties to even) to an IEEE binary format with
/// `prec` mantissa bits, normal exponents up to `emax` and subnormals down to a last bit of
/// `2^lsb_min`; returned as the `f64` holding that value (±∞ past the range).
pub fn ratio_to_ieee(num: &BigInt, den: &BigInt, prec: u64, emax: i64, lsb_min: i64) -> f64 {
    if num.is_zero() {
        return if den.is_negative() { -0.0 } else { 0.0 };
    }
    let neg = num.is_negative() != den.is_negative();
    let (n, d) = (num.magnitude(), den.magnitude());
    // floor(log2(n/d)).
    let mut l = n.bits() as i64 - d.bits() as i64;
    let ge = if l >= 0 { *n >= (d << l as u64) } else { (n << (-l) as u64) >= *d };
    if !ge {
        l -= 1;
    }
    let v = if l > emax {
        f64::INFINITY
    } else {
        let lsb = (l - (prec as i64 - 1)).max(lsb_min);
        // q = round(n / d / 2^lsb).
        let (nn, dd) = if lsb >= 0 { (n.clone(), d << lsb as u64) } else { (n << (-lsb) as u64, d.clone()) };
        let (mut q, r) = nn.div_rem(&dd);
        let r2 = r << 1u32;
        if r2 > dd || (r2 == dd && q.is_odd()) {
            q += 1u32;
        }
        if q.bits() as i64 + lsb - 1 > emax {
            f64::INFINITY
        } else {
            scale2(q.to_f64().unwrap_or(f64::INFINITY), lsb)
        }
    };
    if neg {
        -v
    } else {
        v
    }
}

/// `x × 2^e`, exact whenever the result is representable.
fn scale2(mut x: f64, mut e: i64) -> f64 {
    while e > 0 {
        let s = e.min(1000);
        x *= 2f64.powi(s as i32);
        e -= s;
    }
    while e < 0 {
        let s = (-e).min(1000);
        x *= 2f64.powi(-(s as i32));
        e += s;
    }
    x
}
