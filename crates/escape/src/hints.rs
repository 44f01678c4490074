//! Heap verdicts in plain words (`goescape --explain`): the root cause found on the path that
//! put a location on the heap, and the change that usually avoids it.
//!
//! The path is the one `-m=2` prints: the notes gc attaches to each step (`address-of`,
//! `return`, `call parameter`, `interface-converted`, `captured by a closure`, ...) and where
//! it ends: the heap, a result of the function, or another location already on the heap. The
//! first cause that applies, in the order below, names the sentence; it is a reading aid built
//! on gc's own explanation, not a verdict of its own.

use crate::batch::Batch;
use crate::graph::*;

/// The sentence for a location whose path to `root` carries `steps` (notes, innermost first).
pub(crate) fn hint(b: &Batch, root: LocId, steps: &[(&'static str, String)]) -> String {
    let has = |why: &str| steps.iter().any(|(w, _)| *w == why);
    let last = |why: &str| steps.iter().rev().find(|(w, _)| *w == why).map(|(_, t)| t.as_str());
    if let Some((why, _)) = steps.iter().find(|(w, _)| {
        matches!(*w, "too large for stack" | "too aligned for stack" | "zero-sized element" | "non-constant size")
    }) {
        return format!(
            "it cannot live on the stack ({why}); fix: allocate it with a smaller constant size, or reuse one buffer"
        );
    }
    if root != HEAP && b.g.locs[root].param_out {
        let to = b.explain_loc(root);
        let via = last("return").map(|t| format!(" ({t})")).unwrap_or_default();
        return format!(
            "its address is returned through {to}{via}, and a caller may keep it; fix: return the value itself, or let the caller pass in the storage"
        );
    }
    if has("captured by a closure") {
        return "a closure that outlives the function refers to it; fix: give the closure a copy (or an argument), or keep the closure from escaping".into();
    }
    if has("interface-converted") {
        let via = last("call parameter").map(|c| format!(", passed to {c},")).unwrap_or_default();
        return format!(
            "it is converted to an interface value{via} which may be kept; fix: keep a concrete type (or a generic function) on the hot path"
        );
    }
    if has("send") {
        return "it is sent on a channel, whose receiver may keep it; fix: send a value rather than a pointer".into();
    }
    if has("map literal key") || has("map literal value") || has("key of map put") {
        return "it is stored in a map, which lives on the heap; fix: store values, not pointers, in the map".into();
    }
    if let Some(call) = last("call parameter") {
        return format!(
            "it is passed to {call}, which keeps its argument (see that function's `leaking param` line); fix: pass a value, or change the callee not to retain it"
        );
    }
    if has("appendee slice") || has("copied slice") || has("slice-literal-element") {
        return "it is stored in a slice whose backing array is on the heap; fix: store values in the slice, or keep the slice local".into();
    }
    if root != HEAP && b.g.locs[root].has(ESCAPES) {
        return format!(
            "its address is stored in {}, which is itself on the heap; fix: see why that escapes",
            b.explain_loc(root)
        );
    }
    if let Some(assign) = last("assign") {
        return format!(
            "its address is stored in memory that outlives the function ({assign}: a package-level variable, or memory reached through a pointer); fix: keep it local, or store a value there instead of a pointer"
        );
    }
    "its address reaches memory that outlives the function; fix: keep the pointer local".into()
}
