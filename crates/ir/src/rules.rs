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
    /// From 1.26 (`inline/inl.go` hairyVisitor), slicing that changes nothing is not charged:
    /// a constant `0` low bound and a `len(x)` high bound of `x[…]` cost nothing.
    pub superfluous_slicing_credited: bool,
    /// From 1.26 (`inline/inl.go` hairyVisitor), a `defer` in a range-over-func body (the
    /// call of `runtime.deferrangefunc`) makes the function not inlinable ("defer call in
    /// range func"); before, it costs as any call.
    pub defer_in_range_func_hairy: bool,
    /// From 1.26 (`escape/escape.go` rewriteWithLiterals), `make(T, len(x))` where `x` is
    /// statically a slice literal gets that literal's length as a constant size (printed
    /// `make([]int, 3)`, and no longer a heap allocation for a non-constant size).
    pub make_len_of_slice_literal: bool,
    /// From 1.26 (`devirtualize/devirtualize.go` concreteType), an interface call is
    /// devirtualized when every assignment to its receiver, an interface local, converts the
    /// same concrete type; before, only a receiver that is itself such a conversion is.
    pub devirtualize_through_assignments: bool,
    /// From 1.26 (`types/type.go` IsDirectIface), a struct whose only non-zero-size field is
    /// a pointer is stored directly in an interface even with zero-size array fields
    /// (`struct{ _ [0]*T; u unsafe.Pointer }`); before, such a struct is boxed.
    pub zero_size_array_fields_direct_iface: bool,

    // gc 1.25's rules, absent from 1.24 and older.
    /// From 1.25 (`escape/call.go`, OAPPEND): the backing store an `append` may allocate is a
    /// location of its own, reported as `append escapes to heap` / `append does not escape`
    /// (`escape/escape.go` finish). Up to 1.24 append allocates nothing escape analysis sees,
    /// and says nothing.
    pub append_backing_store: bool,
    /// From 1.25 (`escape/utils.go` HeapAllocReason): a `make` whose size is not a constant may
    /// stay on the stack (walk gives it a small stack buffer when its capacity fits). Up to
    /// 1.24 a size that is not constant is a reason for the heap, and a zero-size element is
    /// not.
    pub variable_make_on_stack: bool,
    /// From 1.25 (`escape/escape.go` rewriteWithLiterals): a `make` size or an interface
    /// conversion's operand that is statically a constant (a never-reassigned local) is
    /// replaced by the literal, which is how it prints and where it is allocated. Up to 1.24
    /// nothing is rewritten: `make([]T, n)` stays as written.
    pub rewrite_with_literals: bool,
    /// The generic function escape analysis models itself, which the inliner counts as cheap and
    /// never inlines, by the start of its qualified name: `internal/abi.EscapeNonString[` from
    /// 1.25, `hash/maphash.escapeForHash[` in 1.24 (`escape/call.go`, `inline/inl.go`).
    pub escape_non_string_func: &'static str,

    // gc 1.24's rules, absent from 1.23 and older.
    /// `ir/cfg.go` MaxStackVarSize: explicit variables larger than this many bytes are moved
    /// to the heap; 128 KiB from 1.24, 10 MiB before.
    pub max_stack_var_size: i64,
    /// `inline/inl.go` inlineParamCallCost: the extra cost of a call through a parameter or a
    /// captured variable (it may become a known function once inlined); 17 from 1.24, the
    /// ordinary 57 (inlineExtraCallCost) before.
    pub param_call_cost: i32,
    /// From 1.24 (`inline/inl.go` inlineBudget, inlineCostOK, `inline/interleaved` useCounts):
    /// a function literal gets the budget of a closure called once (800) and may be inlined at
    /// twice the usual cost, or up to 800 at its only call site. Up to 1.23 literals are
    /// treated like any function (budget and max cost 80).
    pub closure_inline_budget: bool,
    /// From 1.24 (`inline/inl.go` CanInlineFuncs, canInlineCallExpr): a recursive function is
    /// inlinable, and recursion is stopped at each call site by its inline position chain. Up
    /// to 1.23 the functions of a recursive call-graph component with a single non-literal
    /// function are never inlinable (`-m=2`: `cannot inline F: recursive`), and a function is
    /// never inlined into itself.
    pub recursive_inlinable: bool,
    /// From 1.24 (`inline/inl.go` hairyVisitor): the calls the hairy visitor treats specially
    /// are named by package path: `internal/abi.NoEscape`, `internal/runtime/sys.GetCallerPC`
    /// and `GetCallerSP`, and `internal/byteorder`'s `LEUint64`-style names. Up to 1.23 they are
    /// `reflect.noescape`, `runtime.getcallerpc` / `getcallersp` and `LeUint64`-style names.
    pub special_calls_by_package_path: bool,
    /// From 1.24 (`deadlocals/deadlocals.go`, run by `gc/main.go` after inlining): assignments
    /// to locals nothing reads any more are removed before escape analysis, so a function
    /// literal that was only called, and whose call was inlined, is gone. Up to 1.23 it stays
    /// (`func literal does not escape`).
    pub dead_locals: bool,
    /// From 1.24 (`rangefunc/rewrite.go` bodyFunc, assertReady): the body of a range-over-func
    /// loop first copies its state variable (`#tmpState := #stateN; #stateN = abi.RF_PANIC`)
    /// and checks the copy, and the inliner counts the `runtime.panicrangestate` call of that
    /// check as cheap (`inline/inl.go`). In 1.23 the body checks `#stateN` itself, then sets
    /// it, and the call costs as much as any call.
    pub range_body_tmp_state: bool,

    // gc 1.23's rules, absent from 1.22 and older.
    /// From 1.23 (`types2/check.go` initFiles, read by `noder/writer.go` for loop variables): a
    /// file's `//go:build go1.21` downgrade makes its loop variables one per loop. gc 1.22
    /// keeps the package's per-iteration variables in such a file (measured with 1.22.10; its
    /// writer does not find the file's version), so its loops follow the package's version.
    pub loopvar_follows_file_version: bool,
    /// From 1.23 (`escape/solve.go` containsClosure): whether a closure is nested in a function
    /// is read from its chain of enclosing functions. Up to 1.22 it is read from the names: the
    /// closure's name starts with the function's name and a dot (`F.func1`), which differs
    /// for literals copied by inlining.
    pub contains_closure_by_parent: bool,
    /// From 1.23 (`inline/interleaved/interleaved.go`, `inline/inl.go` CanInlineFuncs): every
    /// function's inlinability is decided before any call is inlined. In 1.22 each call-graph
    /// component is decided, then its calls inlined, before the next one (bottom-up), so the
    /// `can inline` lines are interleaved with the `inlining call` lines.
    pub can_inline_all_first: bool,
    /// From 1.23 (`types2/stmt.go` rangeKeyVal): ranging over a function is part of the
    /// language, refused below go1.23 with `requires go1.23 or later`. In 1.22 it needs
    /// GOEXPERIMENT=rangefunc, and without it the range is refused with no reason given
    /// (read by the type checker through `types::CheckOptions`).
    pub range_over_func: bool,

    // gc 1.22's rules, absent from 1.21.
    /// Up to 1.21 (`noder/writer.go` exprConst, `ir/fmt.go` Orig and RawOrigExpr), a constant
    /// expression prints as it was written (`65 * 1024`, `syscall.EINTR`, the `1` of `b >> 1`);
    /// from 1.22 it prints as its value (`66560`, `syscall.Errno(4)`, `uint(1)`).
    pub constants_printed_as_written: bool,
    /// Up to 1.21 (`noder/reader.go` funcargs), an unnamed or blank result of an inlined call
    /// is named `~R0` (`"n=" + ~R0`); from 1.22 it keeps the callee's `~r0`.
    pub inlined_results_named_upper: bool,
    /// Up to 1.21 (`ir/func.go` closureName), a function literal of a package-level variable's
    /// initializer is named `glob..func1`, numbered across the package; from 1.22 it is a
    /// closure of the package's init function, `init.func1`.
    pub package_literals_named_glob: bool,
    /// From 1.22 (`escape/graph.go`, `escape/leaks.go`, `escape/assign.go` mutate,
    /// `escape/call.go` calleeHole, `escape/solve.go`): escape analysis has a mutator location
    /// (the pointer operand of an indirect store, of `copy`, `clear`, `append`) and a callee
    /// location (a function value called without a known callee whose results are used),
    /// recorded in parameter tags; a string->[]byte conversion nothing mutates is reported as
    /// `zero-copy`, and a closure keeps its results tracked until it reaches the heap or an
    /// unknown call. Up to 1.21 those operands are discarded, a tag holds the heap and up to
    /// seven results, and only a literal called where it is written (`func() {...}()`) has
    /// its results tracked.
    pub mutator_callee_locations: bool,
    /// Up to 1.21 (`noder/reader.go` finishWrapperFunc calls `inline.InlineCalls`, which
    /// does not look at `-l`), the method wrappers gc generates inline the calls they make
    /// even with inlining off: an imported inlinable method is inlined into its
    /// `<autogenerated>` wrapper. From 1.22 (`interleaved.DevirtualizeAndInlineFunc`,
    /// `TryInlineCall`) `-l` turns that off too.
    pub wrappers_inline_under_l: bool,
    /// Up to 1.21 (`escape/desugar.go`-era `escape/call.go` goDeferStmt), the closure that
    /// wraps a `go`/`defer` call with arguments is made by escape analysis, after inlining:
    /// the inliner never sees it (no `can inline f.deferwrap1`), and the wrapped call is not
    /// inlined. From 1.22 (`typecheck/stmt.go` normalizeGoDeferCall) the wrapper exists
    /// before inlining, is an inlining candidate, and its call may be inlined into it.
    pub go_defer_wrapped_in_escape: bool,
    /// From 1.22 (`inline/interleaved/interleaved.go`), devirtualization and inlining are
    /// interleaved, so a call devirtualized to a concrete method may then be inlined. Up to
    /// 1.21 (`gc/main.go`: `inline.InlinePackage`, then `devirtualize.Static`) the calls are
    /// devirtualized after inlining and stay calls.
    pub devirtualized_calls_inlined: bool,
    /// Up to 1.21 (`ir/func.go` closureName, called by `noder/reader.go` with the function
    /// being inlined into), a literal copied by inlining is numbered `.funcN` even when it
    /// lands in a closure (`hasAttr.func1.hasKey.func1`); from 1.22 a copy in a closure is
    /// numbered `.N` like any literal written in a closure (`hasAttr.func1.hasKey.1`).
    pub inlined_literals_func_in_closures: bool,
    /// From 1.22 (`noder/reader.go` shapify, `-d=maxshapelen`), a shape whose link string is
    /// longer than 500 bytes is named by a hash of it; up to 1.21 it is always spelled out.
    /// The hash changed twice: see [`ShapeHash`].
    pub long_shape_names: ShapeHash,
    /// 1.25 and 1.26 (`noder/reader.go` shapify, issues 54535 and 71184): a pointer type
    /// argument for a basic-interface type parameter is shaped as `*uint8` unless its element
    /// mentions shapes without being one (`*node[go.shape.int]`), which is kept as it is;
    /// before and after, every such pointer is `*uint8`.
    pub pointers_to_shaped_kept: bool,
    // Not a release's rule but the target's: gc's backend differs per architecture.
    /// The architecture compiled for (GOARCH): which calls are intrinsics
    /// (`ssagen/intrinsics.go`), which the inliner counts as one node.
    pub arch: Arch,
}

/// The architectures whose backend differences goescape models (those of the targets whose
/// standard-library facts are bundled). Both are 64-bit, little-endian and merge unaligned
/// loads (`cmd/internal/sys` `CanMergeLoads`), so pointer sizes and the inliner's cheap
/// byte-order calls are the same for both; only the intrinsics differ.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Arch {
    #[default]
    Amd64,
    Arm64,
}

impl Arch {
    /// The architecture GOARCH names, if modelled.
    pub fn from_goarch(goarch: &str) -> Option<Arch> {
        match goarch {
            "amd64" => Some(Arch::Amd64),
            "arm64" => Some(Arch::Arm64),
            _ => None,
        }
    }
}

/// How a release names a shape whose link string is too long to spell out: the hex of a
/// SHA-256 of it, altered so that it is not one (the compiler's hashes must not pass for
/// cryptographic ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShapeHash {
    /// Up to 1.21: no limit, the link string itself.
    SpelledOut,
    /// 1.22 and 1.23: `cmd/internal/notsha256`, SHA-256 with every output byte inverted.
    NotSha256,
    /// 1.24: `cmd/internal/hash.Sum32`, SHA-256 with the first byte's low bit flipped.
    Sha256FirstByteXor1,
    /// From 1.25: `cmd/internal/hash.Sum32`, SHA-256 with the first byte inverted.
    Sha256FirstByteInverted,
}

impl Rules {
    /// Whether the release is go1.`minor` or newer, for tables of release data keyed by the
    /// release that changed an entry (the rules themselves are the named switches above).
    pub const fn at_least(&self, minor: u32) -> bool {
        self.release_minor == 0 || self.release_minor >= minor
    }

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
            superfluous_slicing_credited: at_least(minor, 26),
            defer_in_range_func_hairy: at_least(minor, 26),
            make_len_of_slice_literal: at_least(minor, 26),
            devirtualize_through_assignments: at_least(minor, 26),
            zero_size_array_fields_direct_iface: at_least(minor, 26),
            append_backing_store: at_least(minor, 25),
            variable_make_on_stack: at_least(minor, 25),
            rewrite_with_literals: at_least(minor, 25),
            escape_non_string_func: if at_least(minor, 25) {
                "internal/abi.EscapeNonString["
            } else {
                "hash/maphash.escapeForHash["
            },
            max_stack_var_size: if at_least(minor, 24) { 128 * 1024 } else { 10 * 1024 * 1024 },
            param_call_cost: if at_least(minor, 24) { 17 } else { 57 },
            closure_inline_budget: at_least(minor, 24),
            recursive_inlinable: at_least(minor, 24),
            special_calls_by_package_path: at_least(minor, 24),
            dead_locals: at_least(minor, 24),
            range_body_tmp_state: at_least(minor, 24),
            loopvar_follows_file_version: at_least(minor, 23),
            contains_closure_by_parent: at_least(minor, 23),
            can_inline_all_first: at_least(minor, 23),
            range_over_func: at_least(minor, 23),
            constants_printed_as_written: !at_least(minor, 22),
            inlined_results_named_upper: !at_least(minor, 22),
            package_literals_named_glob: !at_least(minor, 22),
            mutator_callee_locations: at_least(minor, 22),
            wrappers_inline_under_l: !at_least(minor, 22),
            go_defer_wrapped_in_escape: !at_least(minor, 22),
            devirtualized_calls_inlined: at_least(minor, 22),
            inlined_literals_func_in_closures: !at_least(minor, 22),
            long_shape_names: match minor {
                ..=21 => ShapeHash::SpelledOut,
                22 | 23 => ShapeHash::NotSha256,
                24 => ShapeHash::Sha256FirstByteXor1,
                _ => ShapeHash::Sha256FirstByteInverted,
            },
            pointers_to_shaped_kept: matches!(minor, 25 | 26),
            arch: Arch::Amd64,
        }
    }

    /// These rules on another architecture.
    pub const fn on(self, arch: Arch) -> Rules {
        Rules { arch, ..self }
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules::NEWEST
    }
}
