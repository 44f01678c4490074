//! The location graph of one batch (gc's `escape/graph.go`).
//!
//! Every variable and every allocating expression of the functions in a batch gets a
//! *location*; every assignment becomes an edge into the destination location weighted by its
//! dereference count (`p = &q` is -1, `p = q` 0, `p = *q` 1). Edges are kept as each
//! location's list of incoming edges, in insertion order, because the solver's traversal order
//! (and with it which location is reported first) follows that order, as in gc.
//!
//! A *hole* is an evaluation context: "whatever this expression yields flows into `dst` after
//! `derefs` dereferences". Building the graph threads holes down expression trees.

use ir::{FuncId, Pos, TypeId, VarId};

use crate::leaks::LeakSet;

/// Index of a location in [`Graph::locs`].
pub(crate) type LocId = usize;

/// The heap: everything that outlives every stack frame.
pub(crate) const HEAP: LocId = 0;
/// Pseudo-location for pointers through which memory is written.
pub(crate) const MUTATOR: LocId = 1;
/// Pseudo-location for function values that are called.
pub(crate) const CALLEE: LocId = 2;
/// Sink for values that flow nowhere.
pub(crate) const BLANK: LocId = 3;

/// Location attributes (gc's `locAttr`).
pub(crate) const ESCAPES: u8 = 1 << 0;
pub(crate) const PERSISTS: u8 = 1 << 1;
pub(crate) const MUTATES: u8 = 1 << 2;
pub(crate) const CALLS: u8 = 1 << 3;
pub(crate) const ALL_ATTRS: u8 = ESCAPES | PERSISTS | MUTATES | CALLS;

/// What kind of expression an expression location stands for, as far as reporting cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ExprLocKind {
    /// `OAPPEND`'s backing store: reported as `append escapes to heap`.
    Append,
    /// `OCLOSURE`.
    Closure(FuncId),
    /// `OSTR2BYTES`: may become a zero-copy conversion.
    StringToBytes,
    /// A synthetic wrapper closure gc reports nothing about.
    Wrapper,
    Other,
}

/// The program entity a location represents.
#[derive(Clone, Debug)]
pub(crate) enum LocNode {
    /// A temporary of the analysis itself (tee holes, range operands, defer arguments).
    None,
    Var(VarId),
    Expr {
        pos: Pos,
        text: String,
        kind: ExprLocKind,
    },
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Edge {
    pub src: LocId,
    pub derefs: i32,
    /// Why the value flows along this edge, for `-m=2` (the hole's notes when it was made).
    pub notes: NoteId,
}

/// A list of [`Note`]s in [`Graph::notes`]: 0 is the empty list, `i` the note at index `i - 1`.
pub(crate) type NoteId = u32;

/// One step a value takes on its way into a hole, kept only when explaining (gc's `note`):
/// the node it passes through, printed as gc prints it, where that node is, and why it
/// flows. A hole's notes are a list, newest first, as gc prints them.
#[derive(Clone, Debug)]
pub(crate) struct Note {
    pub next: NoteId,
    pub text: String,
    pub why: &'static str,
    pub file: u32,
    pub pos: Pos,
}

#[derive(Clone, Debug)]
pub(crate) struct Location {
    pub node: LocNode,
    /// The function it belongs to (`None` for the batch-wide pseudo-locations).
    pub func: Option<FuncId>,
    /// Incoming edges.
    pub edges: Vec<Edge>,
    pub loop_depth: i32,
    /// 1-based index among the function's results, for result variables.
    pub result_index: usize,
    // Solver state.
    pub derefs: i32,
    /// Where the walk reached this location from, and by which of its edges (gc's `dst`,
    /// `dstEdgeIdx`): the path an explanation retraces.
    pub dst: LocId,
    pub dst_edge: usize,
    pub walkgen: u32,
    pub queued_walk_all: bool,
    pub queued_walk_one: u32,
    pub attrs: u8,
    /// The leak set, for parameters.
    pub param_esc: LeakSet,
    pub captured: bool,
    pub reassigned: bool,
    pub addrtaken: bool,
    pub param: bool,
    pub param_out: bool,
    /// Set while building when gc's `HeapAllocReason` says the node cannot live on the stack:
    /// the reason it gives.
    pub must_heap: Option<&'static str>,
}

impl Location {
    pub(crate) fn new(node: LocNode, func: Option<FuncId>, loop_depth: i32) -> Self {
        Location {
            node,
            func,
            edges: Vec::new(),
            loop_depth,
            result_index: 0,
            derefs: 0,
            dst: HEAP,
            dst_edge: 0,
            walkgen: 0,
            queued_walk_all: false,
            queued_walk_one: 0,
            attrs: 0,
            param_esc: LeakSet::default(),
            captured: false,
            reassigned: false,
            addrtaken: false,
            param: false,
            param_out: false,
            must_heap: None,
        }
    }

    pub(crate) fn has(&self, attr: u8) -> bool {
        self.attrs & attr != 0
    }
}

/// An evaluation context: values flow into `dst` after `derefs` dereferences.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hole {
    pub dst: LocId,
    pub derefs: i32,
    /// The context takes the address of the expression.
    pub addrtaken: bool,
    /// The steps to the destination so far, for `-m=2`.
    pub notes: NoteId,
}

impl Hole {
    pub(crate) fn to(dst: LocId) -> Self {
        Hole { dst, derefs: 0, addrtaken: false, notes: 0 }
    }

    pub(crate) fn shift(mut self, delta: i32) -> Self {
        self.derefs += delta;
        debug_assert!(self.derefs >= -1, "derefs underflow");
        self.addrtaken = delta < 0;
        self
    }

    pub(crate) fn deref(self) -> Self {
        self.shift(1)
    }

    pub(crate) fn addr(self) -> Self {
        self.shift(-1)
    }

    /// The context of the operand of a type assertion to `t`: asserting to a type stored
    /// indirectly in an interface reads through the interface's data pointer.
    pub(crate) fn dot_type(self, t: &ir::TypeInfo) -> Self {
        if t.kind != ir::TypeKind::Interface && !t.direct_iface {
            self.shift(1)
        } else {
            self
        }
    }
}

/// All locations of one batch; the first four are the pseudo-locations.
pub(crate) struct Graph {
    pub locs: Vec<Location>,
    /// Whether to keep notes and explain verdicts (`-m=2`).
    pub explain: bool,
    pub notes: Vec<Note>,
}

impl Graph {
    pub(crate) fn new(explain: bool) -> Self {
        let mut locs = Vec::new();
        for attrs in [ALL_ATTRS, MUTATES, CALLS, 0] {
            let mut l = Location::new(LocNode::None, None, 0);
            l.attrs = attrs;
            locs.push(l);
        }
        Graph { locs, explain, notes: Vec::new() }
    }

    /// `k` with one more note, when explaining (gc's `hole.note`).
    pub(crate) fn note(
        &mut self,
        mut k: Hole,
        why: &'static str,
        file: u32,
        pos: Pos,
        text: impl FnOnce() -> String,
    ) -> Hole {
        if self.explain {
            self.notes.push(Note { next: k.notes, text: text(), why, file, pos });
            k.notes = self.notes.len() as NoteId;
        }
        k
    }

    /// The notes of list `id`, newest first.
    pub(crate) fn notes_of(&self, mut id: NoteId) -> Vec<&Note> {
        let mut out = Vec::new();
        while id != 0 {
            let n = &self.notes[id as usize - 1];
            out.push(n);
            id = n.next;
        }
        out
    }

    /// Indices of the locations gc keeps in `allLocs`, in creation order.
    pub(crate) fn all(&self) -> std::ops::Range<LocId> {
        BLANK + 1..self.locs.len()
    }

    pub(crate) fn add(&mut self, loc: Location) -> LocId {
        self.locs.push(loc);
        self.locs.len() - 1
    }

    /// Records that the value of `src` flows into hole `k` (gc's `batch.flow`). Returns true
    /// when `src`'s address flows straight into a location already on the heap, which puts
    /// `src` there at once (and is explained at once under `-m=2`).
    pub(crate) fn flow(&mut self, k: Hole, src: LocId) -> bool {
        if k.addrtaken {
            self.locs[src].addrtaken = true;
        }
        let dst = k.dst;
        if dst == BLANK {
            return false;
        }
        if dst == src && k.derefs >= 0 {
            return false;
        }
        if self.locs[dst].has(ESCAPES) && k.derefs < 0 {
            self.locs[src].attrs |= ALL_ATTRS;
            return true;
        }
        self.locs[dst].edges.push(Edge { src, derefs: k.derefs, notes: k.notes });
        false
    }
}

/// The size gc's `TypeInfo` says a type has, or 0 for an unknown id.
pub(crate) fn type_size(pkg: &ir::Package, t: TypeId) -> i64 {
    pkg.types.get(t.0 as usize).map(|t| t.size).unwrap_or(0)
}
