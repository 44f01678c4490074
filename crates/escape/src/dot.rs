//! One function's location graph as Graphviz DOT (`goescape --graph dot FUNC`), built on
//! petgraph: the picture behind a verdict.
//!
//! The nodes are the function's locations (its variables and allocating expressions, named as
//! `-m=2` names them: `x`, `{storage for &T{...}}`, `{temp}`), the locations of the same batch
//! they exchange values with (closures, callees analyzed together), and the heap, mutator and
//! callee roots when something flows into them. An edge goes from a value's source to where it
//! flows, labelled with its dereferences as `-m=2` writes them (`&` for an address, `*` per
//! dereference, nothing for a plain copy). Locations that end up on the heap are red, the
//! parameters are boxes, and each node lists the attributes the solver gave it.

use petgraph::dot::{Config, Dot};
use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::FxHashMap as HashMap;

use crate::batch::Batch;
use crate::graph::*;

/// A node: how it is named, and how it is drawn.
#[derive(Debug)]
struct Node {
    label: String,
    escapes: bool,
    param: bool,
}

impl Batch<'_> {
    /// The DOT text of `func`'s part of this batch's graph.
    pub(crate) fn dot(&self, func: ir::FuncId) -> String {
        let mut g: DiGraph<Node, i32> = DiGraph::new();
        let mut nodes: HashMap<LocId, NodeIndex> = HashMap::default();
        let mine = |l: LocId| self.g.locs[l].func == Some(func);
        let mut node = |g: &mut DiGraph<Node, i32>, l: LocId| -> NodeIndex {
            *nodes.entry(l).or_insert_with(|| {
                let loc = &self.g.locs[l];
                let mut label = match l {
                    MUTATOR => "{mutator}".to_string(),
                    CALLEE => "{callee}".to_string(),
                    _ => self.explain_loc(l),
                };
                if l > BLANK && loc.func != Some(func) {
                    if let Some(f) = loc.func {
                        label = format!("{label} in {}", self.pkg.func(f).name);
                    }
                }
                let attrs: Vec<&str> =
                    [(ESCAPES, "escapes"), (PERSISTS, "persists"), (MUTATES, "mutates"), (CALLS, "calls")]
                        .into_iter()
                        .filter(|(a, _)| l > BLANK && loc.has(*a))
                        .map(|(_, name)| name)
                        .collect();
                if !attrs.is_empty() {
                    label = format!("{label}\n[{}]", attrs.join(" "));
                }
                g.add_node(Node { label, escapes: l > BLANK && loc.has(ESCAPES), param: loc.param })
            })
        };
        for l in self.g.all().filter(|&l| mine(l)) {
            node(&mut g, l);
        }
        for dst in 0..self.g.locs.len() {
            for e in &self.g.locs[dst].edges {
                if e.src == BLANK || dst == BLANK || !(mine(dst) || mine(e.src)) {
                    continue;
                }
                let (s, d) = (node(&mut g, e.src), node(&mut g, dst));
                g.add_edge(s, d, e.derefs);
            }
        }
        let name = self.pkg.func(func).name.replace('"', "\\\"");
        let body = Dot::with_attr_getters(
            &g,
            &[Config::EdgeNoLabel, Config::NodeNoLabel],
            &|_, e| {
                let d = *e.weight();
                let ops = if d < 0 { "&".to_string() } else { "*".repeat(d as usize) };
                format!("label=\"{ops}\"")
            },
            &|_, (_, n)| {
                let mut attrs = format!("label=\"{}\"", escape_label(&n.label));
                if n.escapes {
                    attrs.push_str(" color=red fontcolor=red");
                }
                if n.param {
                    attrs.push_str(" shape=box");
                }
                attrs
            },
        );
        // petgraph writes `digraph {`; the function's name is the graph's.
        format!("{body:?}").replacen("digraph {", &format!("digraph \"{name}\" {{"), 1)
    }
}

/// A label as a DOT string's contents: quotes and backslashes escaped, newlines as `\n`.
fn escape_label(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}
