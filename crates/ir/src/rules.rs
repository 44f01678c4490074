//! The rules that differ between the gc releases modelled, as one table of named switches.
//!
//! goescape models the newest release; an older one is the newest minus a few rules. Each
//! switch below names one such rule, the release that introduced it and the gc source file it
//! lives in, so "what changed in 1.26" reads as one diff of [`Rules::for_release`]. Lowering,
//! the inliner and escape analysis read the table from [`crate::Package::rules`]; none of them
//! compares release numbers itself.

/// The release-dependent rules of one gc release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// The minor version of the release (`26` for go1.26); `0` means the newest modelled.
    pub release_minor: u32,
    /// Up to 1.26 (`ir/func.go` closureName), a function literal, go/defer wrapper or loop
    /// body made inside the body of a range-over-func loop is named and numbered as if it
    /// were written directly in the function containing the loop (gc's `RangeParent`):
    /// the inner loop of two nested ones is `f-range2`, where 1.27 says `f-range1-range1`.
    pub range_bodies_named_in_range_parent: bool,
    /// Up to 1.26 (`ir/func.go` closureName, `inline/inl.go`), a function literal copied by
    /// inlining is named after the function it lands in joined with the inlined calls
    /// around it (`hasAttr.func1.hasKey.1`); 1.27 names it after the function it was written
    /// in (`hasKey.1`).
    pub inlined_literals_named_by_call_chain: bool,
    /// From 1.27 (`escape/call.go` callCommon, `ir/reassignment.go` FuncAssignments), a call
    /// through a local function variable assigned several functions (`f := keep; if b { f =
    /// drop }`) flows each argument to every one of them; before, only a variable holding a
    /// single function statically has a callee, and the arguments of any other go to the heap.
    pub callees_of_reassigned_func_vars: bool,
}

impl Rules {
    /// The newest release modelled.
    pub const NEWEST: Rules = Rules::for_release(0);

    /// The rules of go1.`minor` (`0`: the newest modelled).
    pub const fn for_release(minor: u32) -> Rules {
        // Whether the release is go1.`n` or newer.
        const fn at_least(minor: u32, n: u32) -> bool {
            minor == 0 || minor >= n
        }
        Rules {
            release_minor: minor,
            range_bodies_named_in_range_parent: !at_least(minor, 27),
            inlined_literals_named_by_call_chain: !at_least(minor, 27),
            callees_of_reassigned_func_vars: at_least(minor, 27),
        }
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules::NEWEST
    }
}
