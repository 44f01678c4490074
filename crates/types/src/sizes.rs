//! Type sizes and alignments, as gc computes them for amd64 and arm64 alike (`types.CalcSize` in
//! `cmd/compile/internal/types/size.go`): PtrSize = RegSize = 8; a struct's fields are laid out
//! in order, each at its alignment; a non-empty struct ending in a zero-size field gets one byte
//! of padding; the size is rounded up to the struct's alignment (the largest field alignment).

use crate::predicates::MAX_DEPTH;
use crate::ty::{BasicKind, Type, TypeId};
use crate::Ctx;

const PTR: i64 = 8;

/// What size computations learned of defined types, so that a chain of types embedding one
/// another is walked once, not once per type of the chain. Only answers that met no type still
/// being declared are kept.
#[derive(Debug, Default)]
pub(crate) struct Memo {
    size_align: std::cell::RefCell<rustc_hash::FxHashMap<TypeId, (i64, i64)>>,
    has_ptr: std::cell::RefCell<rustc_hash::FxHashMap<TypeId, bool>>,
    /// Set when a computation meets a type with no underlying type yet.
    provisional: std::cell::Cell<bool>,
}

fn round(x: i64, a: i64) -> i64 {
    (x + a - 1) / a * a
}

impl Ctx {
    /// The size in bytes of a value of type `t` (gc's `Type.Size`). Type parameters and
    /// invalid types have size 8 (a pointer-shaped guess; gc never sees them).
    pub fn size_of(&self, t: TypeId) -> i64 {
        self.size_align(t, 0).0
    }

    /// The alignment in bytes of `t` (gc's `Type.Alignment`).
    pub fn align_of(&self, t: TypeId) -> i64 {
        self.size_align(t, 0).1
    }

    /// The byte offsets of a struct type's fields (gc's `Field.Offset`); empty for non-structs.
    pub fn offsets_of(&self, t: TypeId) -> Vec<i64> {
        let Type::Struct(fields) = self.ty(self.underlying(t)) else { return vec![] };
        let mut off = 0;
        let mut out = Vec::with_capacity(fields.len());
        for f in fields {
            let (s, a) = self.size_align(f.ty, 1);
            off = round(off, a);
            out.push(off);
            off += s;
        }
        out
    }

    fn size_align(&self, t: TypeId, depth: u32) -> (i64, i64) {
        if depth > MAX_DEPTH {
            return (PTR, PTR);
        }
        self.memoized(&self.size_memo.size_align, t, || self.size_align_of(t, depth))
    }

    /// `compute()` for `t`, kept in `memo` when `t` is a defined type and the computation met no
    /// type still being declared.
    fn memoized<V: Copy>(
        &self,
        memo: &std::cell::RefCell<rustc_hash::FxHashMap<TypeId, V>>,
        t: TypeId,
        compute: impl FnOnce() -> V,
    ) -> V {
        if !matches!(self.ty(t), Type::Named(_)) {
            return compute();
        }
        if let Some(&known) = memo.borrow().get(&t) {
            return known;
        }
        let provisional = &self.size_memo.provisional;
        let outer = provisional.replace(false);
        let r = compute();
        if !provisional.get() {
            memo.borrow_mut().insert(t, r);
        }
        provisional.set(outer || provisional.get());
        r
    }

    fn size_align_of(&self, t: TypeId, depth: u32) -> (i64, i64) {
        let u = self.underlying(t);
        match self.ty(u) {
            Type::Basic(k) => {
                use BasicKind::*;
                match k {
                    Bool | Int8 | Uint8 => (1, 1),
                    Int16 | Uint16 => (2, 2),
                    Int32 | Uint32 | Float32 | UntypedRune => (4, 4),
                    Complex64 => (8, 4),
                    Complex128 | UntypedComplex => (16, 8),
                    String | UntypedString => (16, 8),
                    UntypedBool => (1, 1),
                    _ => (8, 8),
                }
            }
            Type::Pointer(_) | Type::Map(..) | Type::Chan(..) | Type::Signature(_) => (PTR, PTR),
            Type::Slice(_) => (3 * PTR, PTR),
            Type::Interface(_) => (2 * PTR, PTR),
            Type::Array(n, e) => {
                let (s, a) = self.size_align(*e, depth + 1);
                (n.saturating_mul(s), a)
            }
            Type::Struct(fields) => {
                let mut max_align = 1;
                if self.is_atomic_align64(t) {
                    max_align = 8;
                }
                let mut off = 0i64;
                let mut last_zero = false;
                for f in fields {
                    let (s, a) = self.size_align(f.ty, depth + 1);
                    off = round(off, a);
                    off = off.saturating_add(s);
                    max_align = max_align.max(a);
                    last_zero = s == 0;
                }
                if off > 0 && last_zero && !fields.is_empty() {
                    off += 1;
                }
                (round(off, max_align), max_align)
            }
            Type::Tuple(ts, _) => {
                let mut off = 0;
                let mut max_align = 1;
                for &e in ts {
                    let (s, a) = self.size_align(e, depth + 1);
                    off = round(off, a) + s;
                    max_align = max_align.max(a);
                }
                (round(off, max_align), max_align)
            }
            Type::Named(_) => {
                self.size_memo.provisional.set(true);
                (PTR, PTR)
            }
            Type::TypeParam(_) | Type::Union(_) | Type::Alias { .. } => (PTR, PTR),
        }
    }

    /// `align64` in sync/atomic and internal/runtime/atomic forces 8-byte alignment.
    fn is_atomic_align64(&self, t: TypeId) -> bool {
        if let Type::Named(n) = self.ty(t) {
            let o = self.obj(n.obj);
            return o.name == "align64" && (o.pkg == "sync/atomic" || o.pkg == "internal/runtime/atomic");
        }
        false
    }

    /// Whether values of `t` contain pointers (gc's `types.HasPointers`): strings, pointers,
    /// slices, maps, channels, funcs, interfaces and `unsafe.Pointer` do; arrays of length 0 and
    /// structs without pointer fields (e.g. `struct{}`) do not.
    pub fn has_pointers(&self, t: TypeId) -> bool {
        self.has_ptr_rec(t, 0)
    }

    fn has_ptr_rec(&self, t: TypeId, depth: u32) -> bool {
        if depth > MAX_DEPTH {
            return true;
        }
        self.memoized(&self.size_memo.has_ptr, t, || self.has_ptr_of(t, depth))
    }

    fn has_ptr_of(&self, t: TypeId, depth: u32) -> bool {
        match self.ty(self.underlying(t)) {
            Type::Named(_) => {
                self.size_memo.provisional.set(true);
                true
            }
            Type::Basic(k) => matches!(k, BasicKind::String | BasicKind::UnsafePointer | BasicKind::UntypedString),
            Type::Array(n, e) => *n > 0 && self.has_ptr_rec(*e, depth + 1),
            Type::Struct(fs) => fs.iter().any(|f| self.has_ptr_rec(f.ty, depth + 1)),
            Type::Tuple(ts, _) => ts.iter().any(|&e| self.has_ptr_rec(e, depth + 1)),
            // gc does not count a pointer to memory the garbage collector never manages.
            Type::Pointer(e) => !self.not_in_heap(*e, depth + 1),
            _ => true,
        }
    }

    /// The length of the prefix of a `t` value that holds pointers (gc's `types.PtrDataSize`):
    /// up to the end of the last pointer word, 0 without pointers.
    pub fn ptr_data_size(&self, t: TypeId) -> i64 {
        self.ptr_data_rec(t, 0)
    }

    fn ptr_data_rec(&self, t: TypeId, depth: u32) -> i64 {
        if depth > MAX_DEPTH || !self.has_ptr_rec(t, depth) {
            return 0;
        }
        match self.ty(self.underlying(t)) {
            // The data pointer of a string or slice is its first word; both words of an
            // interface may point.
            Type::Interface(_) => 2 * PTR,
            Type::Array(n, e) => (n - 1) * self.size_of(*e) + self.ptr_data_rec(*e, depth + 1),
            Type::Struct(fs) => {
                let offsets = self.offsets_of(t);
                fs.iter()
                    .zip(offsets)
                    .rev()
                    .find(|(f, _)| self.has_ptr_rec(f.ty, depth + 1))
                    .map_or(0, |(f, off)| off + self.ptr_data_rec(f.ty, depth + 1))
            }
            _ => PTR,
        }
    }

    /// Whether values of `t` can never be heap-allocated: the runtime's `sys.NotInHeap` marker
    /// (its unexported `nih` type), and structs and arrays that contain one (gc's
    /// `Type.NotInHeap`). The marker's package is `internal/runtime/sys` from gc 1.24 on and
    /// `runtime/internal/sys` before (each release's std has only one of them, and neither can be
    /// imported from outside the runtime).
    pub fn not_in_heap(&self, t: TypeId, depth: u32) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        if let Type::Named(n) = self.ty(t) {
            let o = &self.objects[n.obj.0 as usize];
            if o.name == "nih" && matches!(o.pkg.as_str(), "internal/runtime/sys" | "runtime/internal/sys") {
                return true;
            }
        }
        match self.ty(self.underlying(t)) {
            Type::Array(_, e) => self.not_in_heap(*e, depth + 1),
            Type::Struct(fs) => fs.iter().any(|f| self.not_in_heap(f.ty, depth + 1)),
            _ => false,
        }
    }
}
