//! gc's width check: an array type whose size does not fit the address space
//! (`types.CalcArraySize` in `cmd/compile/internal/types/size.go`: more than
//! `(MaxWidth-1)/elemsize` elements, MaxWidth being 1<<50 on 64-bit targets) is an error,
//! `type [N]E larger than address space`. go/types accepts such types; gc finds them when it
//! computes the sizes of what the package declares.
//!
//! gc computes the sizes of the package-level types first, at each type's name, and stops
//! there when one is too large; otherwise it computes those of every variable: a package-level
//! or local variable's at its name, a function's parameters and results at the function's
//! name. Each type is computed (and reported) once. Generic code is sized only per instance:
//! an instance of one of the package's generic types met on the way is sized then, and its
//! error is reported at the generic type's name. gc also sizes the instance's shaped twin
//! (`[N]go.shape.int`), reporting it as well unless the concrete array's size, which gc
//! computes with wrapping multiplication, is itself past the limit.

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
        let mut found = Found::default();
        // The package-level types first.
        for (fi, file) in self.files.iter().enumerate() {
            for d in &file.decls {
                let Decl::Type(specs) = d else { continue };
                for spec in specs.iter().filter(|s| s.type_params.is_empty()) {
                    let Some(&obj) = self.info.files[fi].defs.get(&spec.name.pos) else { continue };
                    let Some(t) = self.ctx.obj(obj).ty else { continue };
                    let t = self.ctx.underlying(t);
                    if let Some(big) = self.oversized(t, &mut sized, 0) {
                        found.add(big, fi as u32, spec.name.pos);
                    }
                }
            }
        }
        if found.errors.is_empty() {
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
                            found.add(big, fi as u32, fd.name.pos);
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
                        found.add(big, fi as u32, p);
                    }
                }
            }
        }
        for (file, pos, ty) in found.finish() {
            self.error_at(file, pos, format!("type {ty} larger than address space"));
        }
    }

    /// The first array type inside `t` (itself, its elements and fields, not through other
    /// named types, which are sized at their own declarations, but through instances of the
    /// package's generic types) too large for the address space, as gc prints it; types
    /// already sized are skipped.
    fn oversized(&self, t: TypeId, sized: &mut HashSet<TypeId>, depth: u32) -> Option<Oversized> {
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
                (elem != 0 && n > (MAX_WIDTH - 1) / elem).then(|| Oversized {
                    at: None,
                    array: t,
                    ty: self.gc_type_string::<Vec<TypeId>>(t, None, 0),
                    shaped: None,
                    fatal: false,
                })
            }
            Type::Struct(fields) => {
                let tys: Vec<TypeId> = fields.iter().map(|f| f.ty).collect();
                tys.into_iter().find_map(|f| self.oversized(f, sized, depth + 1))
            }
            // gc checks the sizes of what pointers, slices and maps refer to as well.
            &Type::Pointer(e) | &Type::Slice(e) => self.oversized(e, sized, depth + 1),
            &Type::Map(k, v) => self.oversized(k, sized, depth + 1).or_else(|| self.oversized(v, sized, depth + 1)),
            Type::Named(n) if n.origin.is_some() => {
                let (origin, args) = (n.origin?, n.type_args.clone());
                let Type::Named(g) = self.ctx.ty(origin) else { return None };
                let decl = self.ctx.obj(g.obj);
                if decl.pkg != self.path {
                    return None;
                }
                let at = (decl.file, decl.pos);
                let generic = self.ctx.underlying(origin);
                let mut big = self.oversized(self.ctx.underlying(t), sized, depth + 1)?;
                if big.at.is_some() {
                    return Some(big);
                }
                big.at = Some(at);
                // gc computes the array's size with wrapping multiplication: past the limit,
                // the instance is too large as a whole, which ends gc's sizing.
                let Type::Array(n, e) = *self.ctx.ty(big.array) else { return Some(big) };
                big.fatal = n.wrapping_mul(self.ctx.size_of(e)) >= MAX_WIDTH;
                // The same array of the generic type, printed with the arguments' shapes.
                let mut twin = None;
                self.each_array(generic, &mut HashSet::default(), 0, &mut |a| {
                    if twin.is_none() && self.gc_type_string(a, Some(&args), 0) == big.ty {
                        twin = Some(a);
                    }
                });
                if let Some(a) = twin.filter(|_| !big.fatal) {
                    let shaped = self.gc_type_string(a, Some(&self.shapes(&args)), 0);
                    big.shaped = (shaped != big.ty).then_some(shaped);
                }
                Some(big)
            }
            _ => None,
        }
    }

    /// Calls `f` on each array type of `t`'s structure (not through named types).
    fn each_array(&self, t: TypeId, seen: &mut HashSet<TypeId>, depth: u32, f: &mut dyn FnMut(TypeId)) {
        if depth > MAX_DEPTH || !seen.insert(t) {
            return;
        }
        match self.ctx.ty(t) {
            &Type::Array(_, e) => {
                f(t);
                self.each_array(e, seen, depth + 1, f);
            }
            Type::Struct(fields) => {
                for ty in fields.iter().map(|x| x.ty).collect::<Vec<_>>() {
                    self.each_array(ty, seen, depth + 1, f);
                }
            }
            &Type::Pointer(e) | &Type::Slice(e) => self.each_array(e, seen, depth + 1, f),
            &Type::Map(k, v) => {
                self.each_array(k, seen, depth + 1, f);
                self.each_array(v, seen, depth + 1, f);
            }
            _ => {}
        }
    }

    /// The shape types gc stencils for type arguments, as it names them: `go.shape.` and the
    /// argument's underlying type (every pointer type shares the shape `*uint8`).
    fn shapes(&self, args: &[TypeId]) -> Vec<String> {
        args.iter()
            .map(|&a| {
                let u = self.ctx.underlying(a);
                match self.ctx.ty(u) {
                    Type::Pointer(_) => "go.shape.*uint8".to_string(),
                    _ => format!("go.shape.{}", self.ctx.type_string(u, "")),
                }
            })
            .collect()
    }

    /// `t` as gc's `%L` prints it: go/types' spelling but for struct types, which gc spaces
    /// out (`struct { x int }`). Type parameters are printed as `args` say (by index), when given.
    fn gc_type_string<A: TypeArgNames + ?Sized>(&self, t: TypeId, args: Option<&A>, depth: u32) -> String {
        if depth > MAX_DEPTH {
            return "...".to_string();
        }
        let inner = |x: TypeId| self.gc_type_string(x, args, depth + 1);
        match self.ctx.ty(t) {
            Type::Array(n, e) => format!("[{n}]{}", inner(*e)),
            Type::Slice(e) => format!("[]{}", inner(*e)),
            Type::Pointer(e) => format!("*{}", inner(*e)),
            Type::Map(k, v) => format!("map[{}]{}", inner(*k), inner(*v)),
            Type::Struct(fields) if fields.is_empty() => "struct {}".to_string(),
            Type::Struct(fields) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        let ty = inner(f.ty);
                        if f.embedded {
                            ty
                        } else {
                            format!("{} {ty}", f.name)
                        }
                    })
                    .collect();
                format!("struct {{ {} }}", fields.join("; "))
            }
            Type::TypeParam(p) if args.is_some() => args.map_or_else(String::new, |a| a.name(self, p.index as usize)),
            _ => self.ctx.type_string(t, &self.path),
        }
    }
}

/// An array too large for the address space: where gc reports it (the generic type's name,
/// for an array inside an instance; else where the walk started) and the type it prints.
struct Oversized {
    at: Option<(u32, Pos)>,
    /// The array type (of the instance, when inside one).
    array: TypeId,
    ty: String,
    /// The same array in the instance's shaped twin, when it differs.
    shaped: Option<String>,
    /// The instance is too large as a whole: gc sizes nothing after it.
    fatal: bool,
}

/// The arrays found, in gc's order: each as it is sized, then the shaped twins of instances
/// (sized once every concrete type is), unless an instance too large as a whole stopped it.
#[derive(Default)]
struct Found {
    errors: Vec<(u32, Pos, String)>,
    shaped: Vec<(u32, Pos, String)>,
    stopped: bool,
}

impl Found {
    /// Adds `big`, at `(file, pos)` unless it was found inside an instance.
    fn add(&mut self, big: Oversized, file: u32, pos: Pos) {
        if self.stopped {
            return;
        }
        let (file, pos) = big.at.unwrap_or((file, pos));
        self.errors.push((file, pos, big.ty));
        self.shaped.extend(big.shaped.map(|t| (file, pos, t)));
        self.stopped = big.fatal;
    }

    fn finish(mut self) -> Vec<(u32, Pos, String)> {
        if !self.stopped {
            self.errors.append(&mut self.shaped);
        }
        self.errors
    }
}

/// How type parameters are printed by [`Checker::gc_type_string`]: as the type arguments, or
/// as names given outright (shapes).
trait TypeArgNames {
    fn name(&self, c: &Checker<'_>, index: usize) -> String;
}

impl TypeArgNames for Vec<TypeId> {
    fn name(&self, c: &Checker<'_>, index: usize) -> String {
        self.get(index).map_or_else(String::new, |&t| c.gc_type_string::<Vec<TypeId>>(t, None, 0))
    }
}

impl TypeArgNames for Vec<String> {
    fn name(&self, _: &Checker<'_>, index: usize) -> String {
        self.get(index).cloned().unwrap_or_default()
    }
}
