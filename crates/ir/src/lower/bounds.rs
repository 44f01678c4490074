//! The one walk-pass diagnostic gc prints under `-m`: `index bounds check elided`.
//!
//! When gc's walk pass lowers `a[i]` with `a` an array (or pointer to one) or a constant string,
//! it drops the bounds check if the index's type and shape prove it in range — an unsigned
//! 8-bit index into a 256-element table, `i & 15` or `i % 16` into 16 elements, `i >> 60` into
//! 16 — and says so when the index is not itself a constant. The proof (`bounded` in gc's
//! `walk/expr.go`) looks only at the index expression, so it is reproduced here on the checked
//! syntax tree. The note is printed after escape analysis, when the function is walked.

use syntax::ast::{self, BinaryOp, ExprKind as A};
use types::{BasicKind, Type};

use super::Lowerer;
use crate::Note;

impl Lowerer<'_> {
    /// Records the note for `x[index]` at `pos` (the `[`) if gc elides its bounds check.
    pub(crate) fn note_bounds_check(&mut self, pos: crate::Pos, x: &ast::Expr, index: &ast::Expr) {
        if self.small_int_const(index).is_some() || self.tv(index).is_some_and(|tv| tv.value.is_some()) {
            return;
        }
        if self.index_via_temp.contains(&(self.file, x.id)) {
            return;
        }
        let xt = self.type_of(x);
        let mut u = self.ctx.underlying(xt);
        if let Type::Pointer(e) = &self.ctx.types[u.0 as usize] {
            u = self.ctx.underlying(*e);
        }
        let max = match &self.ctx.types[u.0 as usize] {
            Type::Array(n, _) => *n,
            _ => match self.tv(x).and_then(|tv| tv.value) {
                Some(types::Value::String(s)) => s.len() as i64,
                _ => return,
            },
        };
        if !self.bounded(index, max) {
            return;
        }
        let func = self.func;
        let note = Note {
            file: self.file,
            pos,
            message: "index bounds check elided".into(),
            func: self.out.funcs[func.0 as usize].name.clone(),
        };
        self.out.post_escape_notes.push((func, note));
    }

    /// The value of a constant that fits in an int64 (gc's `IsSmallIntConst`).
    fn small_int_const(&self, e: &ast::Expr) -> Option<i64> {
        match self.tv(e)?.value? {
            v @ types::Value::Int(_) => v.as_i64(),
            _ => None,
        }
    }

    /// Whether integer expression `e` always lies in `0..max` (gc's `bounded`).
    fn bounded(&self, e: &ast::Expr, max: i64) -> bool {
        let t = self.type_of(e);
        let kind = match &self.ctx.types[self.ctx.underlying(t).0 as usize] {
            Type::Basic(k) => *k,
            _ => return false,
        };
        let (signed, size) = match kind {
            BasicKind::Int8 => (true, 1),
            BasicKind::Int16 => (true, 2),
            BasicKind::Int32 => (true, 4),
            BasicKind::Int64 | BasicKind::Int => (true, 8),
            BasicKind::Uint8 => (false, 1),
            BasicKind::Uint16 => (false, 2),
            BasicKind::Uint32 => (false, 4),
            BasicKind::Uint64 | BasicKind::Uint | BasicKind::Uintptr => (false, 8),
            _ => return false,
        };
        let mut bits: i64 = 8 * size;
        if let Some(v) = self.small_int_const(e) {
            return 0 <= v && v < max;
        }
        match &e.unparen().kind {
            A::Binary { op: op @ (BinaryOp::And | BinaryOp::AndNot), x, y } => {
                let mut v = -1i64;
                if let Some(c) = self.small_int_const(x) {
                    v = c;
                } else if let Some(c) = self.small_int_const(y) {
                    v = c;
                    if *op == BinaryOp::AndNot {
                        v = !v;
                        if !signed {
                            v &= ((1u128 << bits) - 1) as i64;
                        }
                    }
                }
                if 0 <= v && v < max {
                    return true;
                }
            }
            A::Binary { op: BinaryOp::Rem, y, .. } if !signed => {
                if let Some(v) = self.small_int_const(y) {
                    if 0 <= v && v <= max {
                        return true;
                    }
                }
            }
            A::Binary { op: BinaryOp::Quo, y, .. } if !signed => {
                if let Some(mut v) = self.small_int_const(y) {
                    while bits > 0 && v >= 2 {
                        bits -= 1;
                        v >>= 1;
                    }
                }
            }
            A::Binary { op: BinaryOp::Shr, y, .. } if !signed => {
                if let Some(v) = self.small_int_const(y) {
                    if v > bits {
                        return max > 0;
                    }
                    bits -= v;
                }
            }
            _ => {}
        }
        !signed && bits <= 62 && (1i64 << bits) <= max
    }
}
