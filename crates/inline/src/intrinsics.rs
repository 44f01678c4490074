//! The calls gc compiles as intrinsics (`ssagen/intrinsics.go`, `IsIntrinsicCall`), which the
//! hairy visitor counts as one node, per architecture: gc registers each intrinsic for a list
//! of architectures, and arm64's list is not amd64's (no `math/bits.Div64`, but `math.Abs`,
//! `math/bits.Reverse`, `runtime.memequal`, ...). Listed as `path.Name`, sorted for binary
//! search; taken from gc 1.27.3's table (its `intrinsics_test.go` names every one per
//! architecture). Older releases differ by the few entries of [`ADDED`] and [`DROPPED`], and
//! each architecture's by its own [`ADDED_AMD64`] or [`ADDED_ARM64`], which win over
//! [`ADDED`]. gc up to 1.23 builds the same tables in `ssagen/ssa.go`'s `InitTables`, from
//! 1.24 in `ssagen/intrinsics.go`; each release's registrations (`add`, `addF`, `alias`) were
//! read for amd64 and arm64 and agree with these tables for the functions that release's std
//! declares (gc 1.24 to 1.26 checked against their `intrinsics_test.go` too).

pub(crate) const AMD64: &[&str] = &[
    "crypto/internal/constanttime.Select",
    "crypto/internal/constanttime.boolToUint8",
    "internal/runtime/atomic.And",
    "internal/runtime/atomic.And32",
    "internal/runtime/atomic.And64",
    "internal/runtime/atomic.And8",
    "internal/runtime/atomic.Cas",
    "internal/runtime/atomic.Cas64",
    "internal/runtime/atomic.CasRel",
    "internal/runtime/atomic.Casint32",
    "internal/runtime/atomic.Casint64",
    "internal/runtime/atomic.Casp1",
    "internal/runtime/atomic.Casuintptr",
    "internal/runtime/atomic.Load",
    "internal/runtime/atomic.Load64",
    "internal/runtime/atomic.Load8",
    "internal/runtime/atomic.LoadAcq",
    "internal/runtime/atomic.LoadAcq64",
    "internal/runtime/atomic.LoadAcquintptr",
    "internal/runtime/atomic.Loadint32",
    "internal/runtime/atomic.Loadint64",
    "internal/runtime/atomic.Loadp",
    "internal/runtime/atomic.Loaduint",
    "internal/runtime/atomic.Loaduintptr",
    "internal/runtime/atomic.Or",
    "internal/runtime/atomic.Or32",
    "internal/runtime/atomic.Or64",
    "internal/runtime/atomic.Or8",
    "internal/runtime/atomic.Store",
    "internal/runtime/atomic.Store64",
    "internal/runtime/atomic.Store8",
    "internal/runtime/atomic.StoreRel",
    "internal/runtime/atomic.StoreRel64",
    "internal/runtime/atomic.StoreReluintptr",
    "internal/runtime/atomic.Storeint32",
    "internal/runtime/atomic.Storeint64",
    "internal/runtime/atomic.StorepNoWB",
    "internal/runtime/atomic.Storeuintptr",
    "internal/runtime/atomic.Xadd",
    "internal/runtime/atomic.Xadd64",
    "internal/runtime/atomic.Xaddint32",
    "internal/runtime/atomic.Xaddint64",
    "internal/runtime/atomic.Xadduintptr",
    "internal/runtime/atomic.Xchg",
    "internal/runtime/atomic.Xchg64",
    "internal/runtime/atomic.Xchg8",
    "internal/runtime/atomic.Xchgint32",
    "internal/runtime/atomic.Xchgint64",
    "internal/runtime/atomic.Xchguintptr",
    "internal/runtime/maps.bitsetFirst",
    "internal/runtime/maps.bitsetLowestSet",
    "internal/runtime/maps.bitsetRemoveBelow",
    "internal/runtime/maps.bitsetShiftOutLowest",
    "internal/runtime/maps.ctrlGroupMatchEmpty",
    "internal/runtime/maps.ctrlGroupMatchEmptyOrDeleted",
    "internal/runtime/maps.ctrlGroupMatchFull",
    "internal/runtime/maps.ctrlGroupMatchH2",
    "internal/runtime/math.Add64",
    "internal/runtime/math.MulUintptr",
    "internal/runtime/sys.Bswap32",
    "internal/runtime/sys.Bswap64",
    "internal/runtime/sys.GetCallerPC",
    "internal/runtime/sys.GetCallerSP",
    "internal/runtime/sys.GetClosurePtr",
    "internal/runtime/sys.Len64",
    "internal/runtime/sys.Len8",
    "internal/runtime/sys.OnesCount64",
    "internal/runtime/sys.Prefetch",
    "internal/runtime/sys.PrefetchStreamed",
    "internal/runtime/sys.TrailingZeros32",
    "internal/runtime/sys.TrailingZeros64",
    "internal/runtime/sys.TrailingZeros8",
    "math.Ceil",
    "math.FMA",
    "math.Floor",
    "math.RoundToEven",
    "math.Trunc",
    "math.sqrt",
    "math/big.mulWW",
    "math/bits.Add",
    "math/bits.Add64",
    "math/bits.Div",
    "math/bits.Div64",
    "math/bits.Len",
    "math/bits.Len16",
    "math/bits.Len32",
    "math/bits.Len64",
    "math/bits.Len8",
    "math/bits.Mul",
    "math/bits.Mul64",
    "math/bits.OnesCount",
    "math/bits.OnesCount16",
    "math/bits.OnesCount32",
    "math/bits.OnesCount64",
    "math/bits.ReverseBytes32",
    "math/bits.ReverseBytes64",
    "math/bits.RotateLeft",
    "math/bits.RotateLeft16",
    "math/bits.RotateLeft32",
    "math/bits.RotateLeft64",
    "math/bits.RotateLeft8",
    "math/bits.Sub",
    "math/bits.Sub64",
    "math/bits.TrailingZeros16",
    "math/bits.TrailingZeros32",
    "math/bits.TrailingZeros64",
    "math/bits.TrailingZeros8",
    "runtime.KeepAlive",
    "runtime.slicebytetostringtmp",
    "sync/atomic.AddInt32",
    "sync/atomic.AddInt64",
    "sync/atomic.AddUint32",
    "sync/atomic.AddUint64",
    "sync/atomic.AddUintptr",
    "sync/atomic.AndInt32",
    "sync/atomic.AndInt64",
    "sync/atomic.AndUint32",
    "sync/atomic.AndUint64",
    "sync/atomic.AndUintptr",
    "sync/atomic.CompareAndSwapInt32",
    "sync/atomic.CompareAndSwapInt64",
    "sync/atomic.CompareAndSwapUint32",
    "sync/atomic.CompareAndSwapUint64",
    "sync/atomic.CompareAndSwapUintptr",
    "sync/atomic.LoadInt32",
    "sync/atomic.LoadInt64",
    "sync/atomic.LoadPointer",
    "sync/atomic.LoadUint32",
    "sync/atomic.LoadUint64",
    "sync/atomic.LoadUintptr",
    "sync/atomic.OrInt32",
    "sync/atomic.OrInt64",
    "sync/atomic.OrUint32",
    "sync/atomic.OrUint64",
    "sync/atomic.OrUintptr",
    "sync/atomic.StoreInt32",
    "sync/atomic.StoreInt64",
    "sync/atomic.StoreUint32",
    "sync/atomic.StoreUint64",
    "sync/atomic.StoreUintptr",
    "sync/atomic.SwapInt32",
    "sync/atomic.SwapInt64",
    "sync/atomic.SwapUint32",
    "sync/atomic.SwapUint64",
    "sync/atomic.SwapUintptr",
];

/// arm64's table, as [`AMD64`].
pub(crate) const ARM64: &[&str] = &[
    "crypto/internal/constanttime.Select",
    "crypto/internal/constanttime.boolToUint8",
    "internal/runtime/atomic.And",
    "internal/runtime/atomic.And32",
    "internal/runtime/atomic.And64",
    "internal/runtime/atomic.And8",
    "internal/runtime/atomic.Anduintptr",
    "internal/runtime/atomic.Cas",
    "internal/runtime/atomic.Cas64",
    "internal/runtime/atomic.CasRel",
    "internal/runtime/atomic.Casint32",
    "internal/runtime/atomic.Casint64",
    "internal/runtime/atomic.Casp1",
    "internal/runtime/atomic.Casuintptr",
    "internal/runtime/atomic.Load",
    "internal/runtime/atomic.Load64",
    "internal/runtime/atomic.Load8",
    "internal/runtime/atomic.LoadAcq",
    "internal/runtime/atomic.LoadAcq64",
    "internal/runtime/atomic.LoadAcquintptr",
    "internal/runtime/atomic.Loadint32",
    "internal/runtime/atomic.Loadint64",
    "internal/runtime/atomic.Loadp",
    "internal/runtime/atomic.Loaduint",
    "internal/runtime/atomic.Loaduintptr",
    "internal/runtime/atomic.Or",
    "internal/runtime/atomic.Or32",
    "internal/runtime/atomic.Or64",
    "internal/runtime/atomic.Or8",
    "internal/runtime/atomic.Oruintptr",
    "internal/runtime/atomic.Store",
    "internal/runtime/atomic.Store64",
    "internal/runtime/atomic.Store8",
    "internal/runtime/atomic.StoreRel",
    "internal/runtime/atomic.StoreRel64",
    "internal/runtime/atomic.StoreReluintptr",
    "internal/runtime/atomic.Storeint32",
    "internal/runtime/atomic.Storeint64",
    "internal/runtime/atomic.StorepNoWB",
    "internal/runtime/atomic.Storeuintptr",
    "internal/runtime/atomic.Xadd",
    "internal/runtime/atomic.Xadd64",
    "internal/runtime/atomic.Xaddint32",
    "internal/runtime/atomic.Xaddint64",
    "internal/runtime/atomic.Xadduintptr",
    "internal/runtime/atomic.Xchg",
    "internal/runtime/atomic.Xchg64",
    "internal/runtime/atomic.Xchg8",
    "internal/runtime/atomic.Xchgint32",
    "internal/runtime/atomic.Xchgint64",
    "internal/runtime/atomic.Xchguintptr",
    "internal/runtime/math.Add64",
    "internal/runtime/math.MulUintptr",
    "internal/runtime/sys.Bswap32",
    "internal/runtime/sys.Bswap64",
    "internal/runtime/sys.GetCallerPC",
    "internal/runtime/sys.GetCallerSP",
    "internal/runtime/sys.GetClosurePtr",
    "internal/runtime/sys.Len64",
    "internal/runtime/sys.Len8",
    "internal/runtime/sys.OnesCount64",
    "internal/runtime/sys.Prefetch",
    "internal/runtime/sys.PrefetchStreamed",
    "internal/runtime/sys.TrailingZeros32",
    "internal/runtime/sys.TrailingZeros64",
    "internal/runtime/sys.TrailingZeros8",
    "math.Abs",
    "math.Ceil",
    "math.FMA",
    "math.Floor",
    "math.Round",
    "math.RoundToEven",
    "math.Trunc",
    "math.sqrt",
    "math/big.mulWW",
    "math/bits.Add",
    "math/bits.Add64",
    "math/bits.Len",
    "math/bits.Len16",
    "math/bits.Len32",
    "math/bits.Len64",
    "math/bits.Len8",
    "math/bits.Mul",
    "math/bits.Mul64",
    "math/bits.OnesCount",
    "math/bits.OnesCount16",
    "math/bits.OnesCount32",
    "math/bits.OnesCount64",
    "math/bits.Reverse",
    "math/bits.Reverse16",
    "math/bits.Reverse32",
    "math/bits.Reverse64",
    "math/bits.Reverse8",
    "math/bits.ReverseBytes32",
    "math/bits.ReverseBytes64",
    "math/bits.RotateLeft",
    "math/bits.RotateLeft32",
    "math/bits.RotateLeft64",
    "math/bits.Sub",
    "math/bits.Sub64",
    "math/bits.TrailingZeros16",
    "math/bits.TrailingZeros32",
    "math/bits.TrailingZeros64",
    "math/bits.TrailingZeros8",
    "runtime.KeepAlive",
    "runtime.memequal",
    "runtime.publicationBarrier",
    "runtime.slicebytetostringtmp",
    "sync/atomic.AddInt32",
    "sync/atomic.AddInt64",
    "sync/atomic.AddUint32",
    "sync/atomic.AddUint64",
    "sync/atomic.AddUintptr",
    "sync/atomic.AndInt32",
    "sync/atomic.AndInt64",
    "sync/atomic.AndUint32",
    "sync/atomic.AndUint64",
    "sync/atomic.AndUintptr",
    "sync/atomic.CompareAndSwapInt32",
    "sync/atomic.CompareAndSwapInt64",
    "sync/atomic.CompareAndSwapUint32",
    "sync/atomic.CompareAndSwapUint64",
    "sync/atomic.CompareAndSwapUintptr",
    "sync/atomic.LoadInt32",
    "sync/atomic.LoadInt64",
    "sync/atomic.LoadPointer",
    "sync/atomic.LoadUint32",
    "sync/atomic.LoadUint64",
    "sync/atomic.LoadUintptr",
    "sync/atomic.OrInt32",
    "sync/atomic.OrInt64",
    "sync/atomic.OrUint32",
    "sync/atomic.OrUint64",
    "sync/atomic.OrUintptr",
    "sync/atomic.StoreInt32",
    "sync/atomic.StoreInt64",
    "sync/atomic.StoreUint32",
    "sync/atomic.StoreUint64",
    "sync/atomic.StoreUintptr",
    "sync/atomic.SwapInt32",
    "sync/atomic.SwapInt64",
    "sync/atomic.SwapUint32",
    "sync/atomic.SwapUint64",
    "sync/atomic.SwapUintptr",
];

/// Intrinsics of the tables above that older releases lack, with the first release having
/// them: on every architecture, unless its own list ([`ADDED_AMD64`], [`ADDED_ARM64`]) names
/// the function too. The atomics' `And`/`Or` exist from gc 1.22 (`runtime/internal/atomic`)
/// and 1.23 (`sync/atomic`) but were intrinsics on arm64 from 1.23 and on amd64 from 1.24;
/// `Add64` of the runtime's math package exists from 1.22, an intrinsic from 1.24.
pub(crate) const ADDED: &[(&str, u32)] = &[
    ("crypto/internal/constanttime.Select", 26),
    ("crypto/internal/constanttime.boolToUint8", 26),
    ("internal/runtime/math.Add64", 24),
];

/// The atomics' `And` and `Or` of both packages: intrinsics on amd64 from gc 1.24.
const AND_OR: &[&str] = &[
    "internal/runtime/atomic.And32",
    "internal/runtime/atomic.And64",
    "internal/runtime/atomic.Anduintptr",
    "internal/runtime/atomic.Or32",
    "internal/runtime/atomic.Or64",
    "internal/runtime/atomic.Oruintptr",
    "sync/atomic.AndInt32",
    "sync/atomic.AndInt64",
    "sync/atomic.AndUint32",
    "sync/atomic.AndUint64",
    "sync/atomic.AndUintptr",
    "sync/atomic.OrInt32",
    "sync/atomic.OrInt64",
    "sync/atomic.OrUint32",
    "sync/atomic.OrUint64",
    "sync/atomic.OrUintptr",
];

/// The first release in which `name` is an intrinsic on amd64, where that is not what
/// [`ADDED`] says.
fn added_amd64(name: &str) -> Option<u32> {
    AND_OR.contains(&name).then_some(24)
}

/// arm64 intrinsics of [`ARM64`] that older releases lack, with the first release having them.
pub(crate) const ADDED_ARM64: &[(&str, u32)] = &[
    ("internal/runtime/atomic.And32", 23),
    ("internal/runtime/atomic.And64", 23),
    ("internal/runtime/atomic.Anduintptr", 23),
    ("internal/runtime/atomic.Or32", 23),
    ("internal/runtime/atomic.Or64", 23),
    ("internal/runtime/atomic.Oruintptr", 23),
    ("math/bits.OnesCount", 25),
    ("runtime.memequal", 26),
];

/// Intrinsics of older releases that are no longer in the tables above, with the last
/// release having them, on both architectures: gc 1.26's aliases of `math/bits.Mul64` and of
/// the atomics `sync` linknames; the runtime's `getcallerpc`, `getcallersp` and
/// `getclosureptr` up to 1.23 (from 1.24 they are `internal/runtime/sys`'s `GetCallerPC`,
/// ...); 1.21's `runtime.mulUintptr`, an alias of the runtime's `MulUintptr`.
pub(crate) const DROPPED: &[(&str, u32)] = &[
    ("internal/runtime/math.Mul64", 26),
    ("runtime.getcallerpc", 23),
    ("runtime.getcallersp", 23),
    ("runtime.getclosureptr", 23),
    ("runtime.mulUintptr", 21),
    ("sync.runtime_LoadAcquintptr", 26),
    ("sync.runtime_StoreReluintptr", 26),
];

/// Whether `name` (`path.Name`) is an intrinsic in the release and on the architecture `rules`
/// model.
pub(crate) fn is_intrinsic(name: &str, rules: &ir::Rules) -> bool {
    // The runtime's internal packages were `runtime/internal/…` before gc 1.23 (atomic) and
    // 1.24 (sys, math): their intrinsics are the same functions under the older path.
    for (old, new) in [
        ("runtime/internal/sys.", "internal/runtime/sys."),
        ("runtime/internal/atomic.", "internal/runtime/atomic."),
        ("runtime/internal/math.", "internal/runtime/math."),
    ] {
        if let Some(rest) = name.strip_prefix(old) {
            return is_intrinsic(&format!("{new}{rest}"), rules);
        }
    }
    let (table, added_on_arch) = match rules.arch {
        ir::Arch::Amd64 => (AMD64, added_amd64(name)),
        ir::Arch::Arm64 => (ARM64, ADDED_ARM64.iter().find(|(n, _)| *n == name).map(|&(_, first)| first)),
    };
    let added = added_on_arch.or_else(|| ADDED.iter().find(|(n, _)| *n == name).map(|&(_, first)| first));
    if added.is_some_and(|first| !rules.at_least(first)) {
        return false;
    }
    if let Some(&(_, last)) = DROPPED.iter().find(|(n, _)| *n == name) {
        return !rules.at_least(last + 1);
    }
    table.binary_search(&name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intrinsic(name: &str, minor: u32, arch: ir::Arch) -> bool {
        is_intrinsic(name, &ir::Rules::for_release(minor).on(arch))
    }

    #[test]
    fn tables_are_sorted() {
        for table in [AMD64, ARM64] {
            assert!(table.windows(2).all(|w| w[0] < w[1]), "not sorted: binary search would miss entries");
        }
    }

    /// What each release's registrations say for functions its std declares, on both
    /// architectures (read from `ssagen/ssa.go` up to gc 1.23, `ssagen/intrinsics.go` after).
    #[test]
    fn per_release_and_architecture() {
        use ir::Arch::{Amd64, Arm64};
        // The runtime's caller PC/SP and closure pointer: `runtime.getcallerpc` up to 1.23,
        // `internal/runtime/sys.GetCallerPC` from 1.24.
        for arch in [Amd64, Arm64] {
            for minor in [21, 22, 23] {
                assert!(intrinsic("runtime.getcallerpc", minor, arch), "1.{minor}");
                assert!(intrinsic("runtime.getclosureptr", minor, arch), "1.{minor}");
            }
            assert!(!intrinsic("runtime.getcallersp", 24, arch));
            assert!(intrinsic("internal/runtime/sys.GetCallerSP", 24, arch));
            assert!(intrinsic("runtime.mulUintptr", 21, arch));
            assert!(!intrinsic("runtime.mulUintptr", 22, arch));
            // Add64 of the runtime's math package exists from 1.22, an intrinsic from 1.24.
            assert!(!intrinsic("runtime/internal/math.Add64", 23, arch));
            assert!(intrinsic("internal/runtime/math.Add64", 24, arch));
            // The atomics' And/Or exist from 1.22 and are intrinsics on no architecture then.
            assert!(!intrinsic("runtime/internal/atomic.And32", 22, arch));
        }
        // arm64 has And/Or as intrinsics from 1.23, amd64 from 1.24.
        for name in ["internal/runtime/atomic.Or64", "sync/atomic.AndInt32"] {
            assert!(intrinsic(name, 23, Arm64), "{name}");
            assert!(!intrinsic(name, 23, Amd64), "{name}");
            assert!(intrinsic(name, 24, Amd64), "{name}");
        }
        assert!(intrinsic("internal/runtime/atomic.Anduintptr", 23, Arm64));
        assert!(!intrinsic("internal/runtime/atomic.Anduintptr", 24, Amd64));
        // Entries that did not move: arm64's bit reversal, amd64's Div64, in every release.
        for minor in [21, 24, 27] {
            assert!(intrinsic("math/bits.Reverse64", minor, Arm64));
            assert!(!intrinsic("math/bits.Reverse64", minor, Amd64));
            assert!(intrinsic("math/bits.Div64", minor, Amd64));
            assert!(!intrinsic("math/bits.Div64", minor, Arm64));
        }
    }
}
