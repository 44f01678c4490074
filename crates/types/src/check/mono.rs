//! Instantiation cycles (go/types' `mono.go`): generic code that would need infinitely many
//! instances, such as `func f[T any](x T) { f[*T](&x) }` or `type L[T any] struct{ n *L[L[T]] }`.
//!
//! Every instantiation inside the package records, for each of the package's own type
//! parameters it instantiates, an edge from each type parameter its type argument mentions:
//! weight 0 when the argument is that parameter itself (`f[T]`), 1 when it is built from it
//! (`f[*T]`, `L[L[T]]`). A cycle of positive weight means the instances never end; it is found
//! as go/types does, by relaxing heaviest paths until one is as long as there are vertices, and
//! reported at the type parameter where it closes, with one indented line per step.
//!
//! Not ported: the vertices go/types adds for types declared inside generic functions
//! (implicitly parameterized by the function's type parameters).

use rustc_hash::FxHashMap as HashMap;

use crate::{Type, TypeError, TypeId};
use syntax::Pos;

use super::Checker;

#[derive(Default)]
pub(crate) struct MonoGraph {
    vertices: Vec<Vertex>,
    edges: Vec<Edge>,
    /// A method's receiver type parameters to those of its receiver's type declaration.
    canon: HashMap<TypeId, TypeId>,
    index: HashMap<TypeId, usize>,
}

struct Vertex {
    /// The type parameter.
    tpar: TypeId,
    /// The heaviest known path to the vertex: weight, last edge, length.
    weight: i64,
    pre: usize,
    len: usize,
}

struct Edge {
    dst: usize,
    src: usize,
    weight: i64,
    /// Where the type argument is (file, position), and the argument itself.
    at: (u32, Pos),
    targ: TypeId,
}

impl MonoGraph {
    pub(crate) fn record_canon(&mut self, method_tpar: TypeId, type_tpar: TypeId) {
        self.canon.insert(method_tpar, type_tpar);
    }

    fn vertex(&mut self, tpar: TypeId) -> usize {
        let tpar = self.canon.get(&tpar).copied().unwrap_or(tpar);
        if let Some(&i) = self.index.get(&tpar) {
            return i;
        }
        let i = self.vertices.len();
        self.vertices.push(Vertex { tpar, weight: 0, pre: 0, len: 0 });
        self.index.insert(tpar, i);
        i
    }
}

impl Checker<'_> {
    /// Records an instantiation of `tparams` with `targs`; `at(i)` is where argument `i` is.
    pub(super) fn record_mono_instance(&mut self, tparams: &[TypeId], targs: &[TypeId], at: impl Fn(usize) -> Pos) {
        let file = self.env.file;
        for (i, (&tpar, &targ)) in tparams.iter().zip(targs).enumerate() {
            if !self.is_local_type_param(tpar) {
                continue;
            }
            let mut found = Vec::new();
            self.type_params_in(targ, &mut found, 0);
            let dst = self.mono.vertex(tpar);
            for p in found {
                if !self.is_local_type_param(p) {
                    continue;
                }
                let src = self.mono.vertex(p);
                let weight = if p == targ { 0 } else { 1 };
                self.mono.edges.push(Edge { dst, src, weight, at: (file, at(i)), targ });
            }
        }
    }

    fn is_local_type_param(&self, t: TypeId) -> bool {
        match self.ctx.ty(t) {
            Type::TypeParam(p) => self.ctx.objects[p.obj.0 as usize].pkg == self.path,
            _ => false,
        }
    }

    /// The type parameters `t` mentions, through type arguments, elements, fields and
    /// signatures (as go/types' `assign` walks a type argument).
    fn type_params_in(&self, t: TypeId, out: &mut Vec<TypeId>, depth: u32) {
        if depth > 64 {
            return;
        }
        let d = depth + 1;
        match self.ctx.ty(t) {
            Type::TypeParam(_) => out.push(t),
            Type::Named(n) => {
                for &a in &n.type_args {
                    self.type_params_in(a, out, d);
                }
            }
            Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => self.type_params_in(*e, out, d),
            Type::Map(k, v) => {
                self.type_params_in(*k, out, d);
                self.type_params_in(*v, out, d);
            }
            Type::Struct(fs) => {
                for f in fs {
                    self.type_params_in(f.ty, out, d);
                }
            }
            Type::Signature(s) => {
                for f in s.params.iter().chain(&s.results) {
                    self.type_params_in(f.ty, out, d);
                }
            }
            Type::Interface(i) => {
                for m in &i.methods {
                    self.type_params_in(m.sig, out, d);
                }
            }
            _ => {}
        }
    }

    /// Looks for a positive-weight cycle and reports the first found (go/types' `monomorph`).
    pub(super) fn check_instantiation_cycles(&mut self) {
        let n = self.mono.vertices.len();
        let mut again = true;
        while again {
            again = false;
            for i in 0..self.mono.edges.len() {
                let e = &self.mono.edges[i];
                let w = self.mono.vertices[e.src].weight + e.weight;
                if w <= self.mono.vertices[e.dst].weight {
                    continue;
                }
                let len = self.mono.vertices[e.src].len + 1;
                let dst = e.dst;
                let v = &mut self.mono.vertices[dst];
                v.pre = i;
                v.len = len;
                if len == n {
                    self.report_instance_loop(dst);
                    return;
                }
                v.weight = w;
                again = true;
            }
        }
    }

    fn report_instance_loop(&mut self, mut v: usize) {
        let mut stack = Vec::new();
        let mut seen = vec![false; self.mono.vertices.len()];
        while !seen[v] {
            stack.push(v);
            seen[v] = true;
            v = self.mono.edges[self.mono.vertices[v].pre].src;
        }
        while stack.first().is_some_and(|&s| s != v) {
            stack.remove(0);
        }
        let obj0 = self.type_param_obj(self.mono.vertices[v].tpar);
        let related = stack
            .iter()
            .map(|&s| {
                let e = &self.mono.edges[self.mono.vertices[s].pre];
                let name = self.type_param_obj(self.mono.vertices[e.dst].tpar).name.clone();
                (e.at.0, e.at.1, format!("{name} instantiated as {}", self.ty_str(e.targ)))
            })
            .collect();
        self.errors.push(TypeError { file: obj0.file, pos: obj0.pos, msg: "instantiation cycle:".into(), related });
    }

    fn type_param_obj(&self, t: TypeId) -> crate::Object {
        match self.ctx.ty(t) {
            Type::TypeParam(p) => self.ctx.objects[p.obj.0 as usize].clone(),
            _ => unreachable!("mono graph vertices are type parameters"),
        }
    }
}
