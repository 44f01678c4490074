//! Why a value escapes: gc's `-m=2` explanations (`escape/solve.go` explainPath, explainFlow,
//! explainLoc, and the direct case in `graph.go` flow).
//!
//! When explaining, every hole carries notes, newest first: the nodes a value passes through
//! on its way into the hole and why (`address-of`, `call parameter`, `return`, ...), and every
//! edge keeps the notes of the hole it was made from. The solver remembers, for each location
//! it reaches, the location and edge it came from; when a location is found to escape, or a
//! parameter to leak, the path back to the walk's root is printed edge by edge: one `flow:`
//! line per edge, then one `from` line per note on it. gc prints these lines as it finds
//! them, interleaved with its other `-m` lines, so they join the batch's diagnostics in that
//! order.

use ir::Pos;

use crate::batch::Batch;
use crate::graph::*;
use crate::Diagnostic;

/// The location an explanation is about: its lines are all printed at its position, and
/// belong to its function.
#[derive(Clone, Debug)]
pub(crate) struct Site {
    pub file: u32,
    pub pos: Pos,
    /// The node as gc prints it (`x`, `&T{...}`, `func literal`).
    pub text: String,
    /// The function's name (gc's `ir.FuncName`).
    pub func: String,
}

impl Batch<'_> {
    /// Records that `src` flows into `k`; when its address goes straight to the heap, says so
    /// under `-m=2` (gc's `batch.flow`).
    pub(crate) fn flow(&mut self, k: Hole, src: LocId) {
        if self.g.flow(k, src) && self.g.explain {
            if let Some(site) = self.site(src) {
                self.explain_line(&site, format!("{} escapes to heap in {}:", site.text, site.func), None);
                self.explain_flow(&site, k.dst, src, k.derefs, k.notes);
            }
        }
    }

    /// `k` with a note that the value passes through `e` for reason `why` (gc's `hole.note`).
    pub(crate) fn note(&mut self, k: Hole, e: &ir::Expr, why: &'static str) -> Hole {
        let file = self.pkg.func(self.cur).file;
        self.g.note(k, why, file, e.pos, || e.text.clone())
    }

    /// `k` with a note about a statement or another node printed as `text`.
    pub(crate) fn note_text(&mut self, k: Hole, pos: Pos, why: &'static str, text: impl FnOnce() -> String) -> Hole {
        let file = self.pkg.func(self.cur).file;
        self.g.note(k, why, file, pos, text)
    }

    /// Where a location's node is and how gc prints it, with its function's name; `None` for
    /// the analysis's own temporaries.
    pub(crate) fn site(&self, l: LocId) -> Option<Site> {
        let loc = &self.g.locs[l];
        let func = self.pkg.func(loc.func?);
        let (pos, text) = match &loc.node {
            LocNode::Var(v) => {
                let var = self.pkg.var(*v);
                (var.pos, var.name.clone())
            }
            LocNode::Expr { pos, text, .. } => (*pos, text.clone()),
            LocNode::None => return None,
        };
        Some(Site { file: func.file, pos, text, func: func.name.clone() })
    }

    /// How an explanation names a location (gc's `explainLoc`).
    pub(crate) fn explain_loc(&self, l: LocId) -> String {
        if l == HEAP {
            return "{heap}".into();
        }
        match &self.g.locs[l].node {
            LocNode::None => "{temp}".into(),
            LocNode::Var(v) => self.pkg.var(*v).name.clone(),
            LocNode::Expr { text, .. } => format!("{{storage for {text}}}"),
        }
    }

    /// One line of an explanation, at the position of the location explained.
    pub(crate) fn explain_line(&mut self, site: &Site, message: String, at: Option<(u32, Pos)>) {
        let func = site.func.clone();
        self.st.diagnostics.push(Diagnostic { file: site.file, pos: site.pos, message, func, at, explanation: true });
    }

    /// The `flow:` line of one edge from `src` into `dst`, then its notes (gc's `explainFlow`).
    pub(crate) fn explain_flow(&mut self, site: &Site, dst: LocId, src: LocId, derefs: i32, notes: NoteId) {
        let ops = if derefs >= 0 { "*".repeat(derefs as usize) } else { "&".to_string() };
        let line = format!("  flow: {} ← {ops}{}:", self.explain_loc(dst), self.explain_loc(src));
        self.explain_line(site, line, None);
        let notes: Vec<(String, u32, Pos)> = self
            .g
            .notes_of(notes)
            .into_iter()
            .map(|n| (format!("    from {} ({})", n.text, n.why), n.file, n.pos))
            .collect();
        for (line, nfile, npos) in notes {
            self.explain_line(site, line, Some((nfile, npos)));
        }
    }

    /// The path by which `src` reached the walk's `root`, edge by edge (gc's `explainPath`).
    pub(crate) fn explain_path(&mut self, site: &Site, root: LocId, mut src: LocId) {
        let mut visited = rustc_hash::FxHashSet::default();
        loop {
            if !visited.insert(src) {
                let line = "  warning: truncated explanation due to assignment cycle; see golang.org/issue/35518";
                self.explain_line(site, line.into(), None);
                break;
            }
            let dst = self.g.locs[src].dst;
            let Some(edge) = self.g.locs[dst].edges.get(self.g.locs[src].dst_edge).copied() else { break };
            debug_assert_eq!(edge.src, src, "explanation path inconsistency");
            self.explain_flow(site, dst, src, edge.derefs, edge.notes);
            if dst == root {
                break;
            }
            src = dst;
        }
    }
}
