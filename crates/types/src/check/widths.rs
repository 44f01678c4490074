//! gc's width check: an array type whose size does not fit the address space
//! (`types.CalcArraySize` in `cmd/compile/internal/types/size.go`: more than
//! `(MaxWidth-1)/elemsize` elements, MaxWidth being 1<<50 on 64-bit targets) is an error,
//! `type [N]E larger than address space`. go/types accepts such types; gc finds them when it
//! computes the sizes of what the package declares.
//!
//! gc computes the sizes of the package-level types first, at each type's name, and stops
//! there when one is too large; otherwise it computes those of every variable: a package-level
//! or local variable's at its name, a function's parameters and results at the function's
//! name. Each type is computed (and reported) once. Generic code is sized only per instance,
//! which this check leaves alone.

use rustc_hash::FxHashSet as HashSet;

use syntax::ast::{Decl, Pos};

use super::Checker;
use crate::object::ObjKind;
use crate::ty::{Type, TypeId};

/// gc's `MaxWidth` on 64-bit targets.
const MAX_WIDTH: i64 = 1 << 50;

/// Past this depth of nested types the walk stops.
const MAX_DEPTH: u32 = 1_000;

impl Checker<'_> {
    /// Reports the types too large for the address space among those the package declares.
    pub(super) fn oversized_types(&mut self) {
        let mut sized = HashSet::default();
        let mut found: Vec<(u32, Pos, String)> = Vec::new();
        // The package-level types first.
        for (fi, file) in self.files.iter().enumerate() {
            for d in &file.decls {
                let Decl::Type(specs) = d else { continue };
                for spec in specs.iter().filter(|s| s.type_params.is_empty()) {
                    let Some(&obj) = self.info.files[fi].defs.get(&spec.name.pos) else { continue };
                    let Some(t) = self.ctx.obj(obj).ty else { continue };
                    let t = self.ctx.underlying(t);
                    if let Some(big) = self.oversized(t, &mut sized, 0) {
                        found.push((fi as u32, spec.name.pos, big));
                    }
                }
            }
        }
        if found.is_empty() {
            // Then the variables, and the functions' signatures.
            for (fi, file) in self.files.iter().enumerate() {
                let generic_spans: Vec<(Pos, Pos)> = file
                    .decls
                    .iter()
                    .filter_map(|d| match d {
                        Decl::Func(fd) if fd.is_generic() => Some((fd.pos, fd.body.as_ref().map_or(fd.pos, |b| b.end))),
                        _ => None,
                    })
                    .collect();
                let in_generic = |p: Pos| generic_spans.iter().any(|&(a, b)| a <= p && p <= b);
                for d in &file.decls {
                    let Decl::Func(fd) = d else { continue };
                    if in_generic(fd.pos) {
                        continue;
                    }
                    let Some(&obj) = self.info.files[fi].defs.get(&fd.name.pos) else { continue };
                    let Some(sig) = self.ctx.obj(obj).ty else { continue };
                    let Type::Signature(s) = self.ctx.ty(sig).clone() else { continue };
                    for p in s.recv.iter().chain(&s.params).chain(&s.results) {
                        if let Some(big) = self.oversized(p.ty, &mut sized, 0) {
                            found.push((fi as u32, fd.name.pos, big));
                        }
                    }
                }
                let mut vars: Vec<(Pos, TypeId)> = self.info.files[fi]
                    .defs
                    .iter()
                    .filter(|(p, _)| !in_generic(**p))
                    .filter_map(|(&p, &o)| {
                        let obj = self.ctx.obj(o);
                        match obj.kind {
                            ObjKind::Var { param: false, result: false, field: false, .. } => obj.ty.map(|t| (p, t)),
                            _ => None,
                        }
                    })
                    .collect();
                vars.sort_by_key(|&(p, _)| p);
                for (p, t) in vars {
                    if let Some(big) = self.oversized(t, &mut sized, 0) {
                        found.push((fi as u32, p, big));
                    }
                }
            }
        }
        for (file, pos, ty) in found {
            self.error_at(file, pos, format!("type {ty} larger than address space"));
        }
    }

    /// The first array type inside `t` (itself, its elements and fields, not through other
    /// named types, which are sized at their own declarations) too large for the address
    /// space, as gc prints it; types already sized are skipped.
    fn oversized(&self, t: TypeId, sized: &mut HashSet<TypeId>, depth: u32) -> Option<String> {
        if depth > MAX_DEPTH || !sized.insert(t) {
            return None;
        }
        match self.ctx.ty(t) {
            Type::Array(n, e) => {
                let (n, e) = (*n, *e);
                if let Some(big) = self.oversized(e, sized, depth + 1) {
                    return Some(big);
                }
                let elem = self.ctx.size_of(e);
                (elem != 0 && n > (MAX_WIDTH - 1) / elem).then(|| self.gc_type_string(t, 0))
            }
            Type::Struct(fields) => {
                let tys: Vec<TypeId> = fields.iter().map(|f| f.ty).collect();
                tys.into_iter().find_map(|f| self.oversized(f, sized, depth + 1))
            }
            // gc checks the sizes of what pointers, slices and maps refer to as well.
            &Type::Pointer(e) | &Type::Slice(e) => self.oversized(e, sized, depth + 1),
            &Type::Map(k, v) => self.oversized(k, sized, depth + 1).or_else(|| self.oversized(v, sized, depth + 1)),
            _ => None,
        }
    }

    /// `t` as gc's `%L` prints it: go/types' spelling but for struct types, which gc spaces
    /// out (`struct { x int }`).
    fn gc_type_string(&self, t: TypeId, depth: u32) -> String {
        if depth > MAX_DEPTH {
            return "...".to_string();
        }
        match self.ctx.ty(t) {
            Type::Array(n, e) => format!("[{n}]{}", self.gc_type_string(*e, depth + 1)),
            Type::Slice(e) => format!("[]{}", self.gc_type_string(*e, depth + 1)),
            Type::Pointer(e) => format!("*{}", self.gc_type_string(*e, depth + 1)),
            Type::Struct(fields) if fields.is_empty() => "struct {}".to_string(),
            Type::Struct(fields) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        let ty = self.gc_type_string(f.ty, depth + 1);
                        if f.embedded {
                            ty
                        } else {
                            format!("{} {ty}", f.name)
                        }
                    })
                    .collect();
                format!("struct {{ {} }}", fields.join("; "))
            }
            _ => self.ctx.type_string(t, &self.path),
        }
    }
}
