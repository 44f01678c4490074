//! gc's check for anonymous interface cycles (`noder/irgen.go`'s `cycleFinder`, go.dev/issue/56103):
//! an unnamed interface whose methods mention, through other unnamed types only, an unnamed
//! interface that leads back to it, as in
//! `type A interface{ a() interface{ A; B } }; type B interface{ b() interface{ A } }`.
//! go/types accepts such a package; gc refuses it after type checking with
//! `invalid recursive type: anonymous interface refers to itself (see https://go.dev/issue/56103)`,
//! at each outermost interface type expression that is part of a cycle. Named types end the walk,
//! so every walk is finite.
//!
//! Also here, the other check gc makes after type checking: in a package built from Go files
//! only (`-complete`), a function without a body must be linknamed (`noder/writer.go`).

use rustc_hash::FxHashMap as HashMap;

use syntax::ast::{Decl, Expr, ExprKind};

use super::Checker;
use crate::ty::{Type, TypeId};

/// The message gc gives.
const MESSAGE: &str = "invalid recursive type: anonymous interface refers to itself (see https://go.dev/issue/56103)";

/// Past this depth of unnamed types a walk stops (and finds no cycle).
const MAX_DEPTH: u32 = 10_000;

impl Checker<'_> {
    /// Reports each function declared without a body and not named by an accepted
    /// `//go:linkname` directive of the package (`linknamed`), in source order (`init` is
    /// reported when it is declared).
    pub(super) fn missing_bodies(&mut self, linknamed: &rustc_hash::FxHashSet<String>) {
        let mut found = Vec::new();
        for (fi, file) in self.files.iter().enumerate() {
            for d in &file.decls {
                let Decl::Func(fd) = d else { continue };
                // A method cannot be linknamed; its name is not a package-level name.
                let linknamed = fd.recv.is_none() && linknamed.contains(fd.name.name.as_str());
                if fd.body.is_none() && !linknamed && !(fd.recv.is_none() && fd.name.name == "init") {
                    // At the declaration's position: a method's receiver list (the noder's `decl`).
                    found.push((fi as u32, fd.pos));
                }
            }
        }
        for (file, pos) in found {
            self.error_at(file, pos, "missing function body".to_string());
        }
    }

    /// Reports each outermost interface type expression of the package that is part of an
    /// anonymous interface cycle, in source order.
    pub(super) fn anonymous_interface_cycles(&mut self) {
        let mut finder = CycleFinder { cyclic: HashMap::default() };
        let mut found = Vec::new();
        for (fi, file) in self.files.iter().enumerate() {
            // Interface type expressions, and those inside another one (gc does not look
            // inside an interface type on its own).
            let mut ifaces: Vec<(syntax::ast::ExprId, syntax::ast::Pos)> = Vec::new();
            let mut nested = rustc_hash::FxHashSet::default();
            for d in &file.decls {
                let mut visit = |e: &Expr| {
                    if let ExprKind::InterfaceType { elems } = &e.kind {
                        ifaces.push((e.id, e.pos));
                        for f in elems {
                            syntax::visit::exprs_in_expr(&f.ty, &mut |inner| {
                                if matches!(inner.kind, ExprKind::InterfaceType { .. }) {
                                    nested.insert(inner.id);
                                }
                            });
                        }
                    }
                };
                match d {
                    Decl::Func(fd) => syntax::visit::exprs_in_func_decl(fd, &mut visit),
                    _ => syntax::visit::exprs_in_decl(d, &mut visit),
                }
            }
            for (id, pos) in ifaces {
                if nested.contains(&id) {
                    continue;
                }
                let Some(tv) = self.info.files[fi].types.get(&id) else { continue };
                if finder.has_cycle(self.ctx, tv.ty, 0) {
                    found.push((fi as u32, pos));
                    // Each interface of the cycle is reported once.
                    finder.cyclic.values_mut().for_each(|c| *c = false);
                }
            }
        }
        for (file, pos) in found {
            self.error_at(file, pos, MESSAGE.to_string());
        }
    }
}

struct CycleFinder {
    /// Unnamed interfaces met: `true` while being walked (or once found cyclic).
    cyclic: HashMap<TypeId, bool>,
}

impl CycleFinder {
    /// Whether interface `t` is part of an anonymous interface cycle: through its methods,
    /// embedded interfaces' included.
    fn has_cycle(&mut self, ctx: &crate::Ctx, t: TypeId, depth: u32) -> bool {
        ctx.interface_methods(t).iter().any(|m| self.visit(ctx, m.sig, depth + 1))
    }

    fn visit(&mut self, ctx: &crate::Ctx, t: TypeId, depth: u32) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        let d = depth + 1;
        match ctx.ty(ctx.unalias(t)).clone() {
            Type::Pointer(e) | Type::Array(_, e) | Type::Chan(_, e) | Type::Slice(e) => self.visit(ctx, e, d),
            Type::Map(k, v) => self.visit(ctx, k, d) || self.visit(ctx, v, d),
            Type::Struct(fs) => fs.iter().any(|f| self.visit(ctx, f.ty, d)),
            Type::Signature(s) => s.params.iter().chain(&s.results).any(|f| self.visit(ctx, f.ty, d)),
            Type::Tuple(ts, _) => ts.iter().any(|&x| self.visit(ctx, x, d)),
            Type::Interface(i) => {
                // The empty interface cannot be part of a cycle.
                if i.methods.is_empty() && i.embeddeds.is_empty() {
                    return false;
                }
                let t = ctx.unalias(t);
                if let Some(&c) = self.cyclic.get(&t) {
                    return c;
                }
                self.cyclic.insert(t, true);
                if self.has_cycle(ctx, t, d) {
                    return true;
                }
                self.cyclic.insert(t, false);
                false
            }
            // Named types (and basic ones, type parameters) cannot be part of an anonymous cycle.
            _ => false,
        }
    }
}
