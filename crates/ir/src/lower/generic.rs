//! Generic functions, lowered once per shape, as gc compiles them.
//!
//! gc never analyzes a generic body as such: it stencils one copy per *shape* of its type
//! arguments (all types with the same underlying type share a shape, and all pointer types share
//! one) and analyzes each copy like an ordinary function, reporting at the generic source's
//! positions. We do the same: [`collect_instances`] finds, starting from the package's
//! non-generic code and following generic bodies transitively, every (generic function, shape)
//! pair the package uses, and precomputes, for each, the concrete type of every type the
//! checker recorded in that body. Lowering then walks the body once per instance, reading types
//! through that map, so the rest of lowering never sees a type parameter.

use rustc_hash::FxHashMap as HashMap;

use syntax::ast;
use types::{ObjId, Type};

/// The package gc's shape types live in: a shape is a named type `go.shape.U` standing for all
/// type arguments with underlying type `U`.
pub const SHAPE_PKG: &str = "go.shape";

/// One stenciled copy of a generic function or method of a generic type.
#[derive(Clone, Debug)]
pub struct Instance {
    pub func: ObjId,
    /// The file declaring the generic function.
    pub file: u32,
    /// The type arguments this copy was made for (the first seen with its shape).
    pub targs: Vec<types::TypeId>,
    /// Type parameters to arguments.
    pub bindings: Vec<(types::TypeId, types::TypeId)>,
    /// The shape type of each type parameter (in `bindings`' order): a named type of
    /// [`SHAPE_PKG`] whose underlying type is the argument's shape. Inside shaped code the
    /// arguments of nested instances are written with the caller's shapes (`entry[go.shape.X]`
    /// whose shape is a struct of shapes), as gc's reader instantiates them.
    pub shapes: Vec<types::TypeId>,
    /// Every type recorded for the body that mentions a type parameter, to its concrete type.
    pub subst: HashMap<types::TypeId, types::TypeId>,
}

/// The instances of a package's generic functions, findable by use.
#[derive(Clone, Debug, Default)]
pub struct Instances {
    pub list: Vec<Instance>,
    /// Every instantiation with concrete type arguments the package's own code makes (or
    /// reaches through types), each with the instance that compiles it, in discovery order:
    /// gc compiles a wrapper `F[T]` for each that calls the shaped instance.
    pub concrete: Vec<(usize, Vec<types::TypeId>)>,
    by_shape: HashMap<(ObjId, Vec<ShapeKey>), usize>,
    /// The shape type of each shape key.
    shape_types: HashMap<ShapeKey, types::TypeId>,
    /// The type argument each shape type was first made for.
    shape_sources: HashMap<types::TypeId, types::TypeId>,
    /// Every instance of a generic type the package reads (with concrete or shape arguments),
    /// in the order met: gc compiles method wrappers for each.
    pub wrapped: Vec<types::TypeId>,
    /// Uses of generic functions: (instance whose body holds the use, or `None` for
    /// non-generic code; file; naming expression) to the instance used.
    edges: HashMap<(Option<usize>, u32, ast::ExprId), usize>,
    /// The release's [`crate::Rules::pointers_to_shaped_kept`].
    pointers_to_shaped_kept: bool,
}

/// What distinguishes shapes: the underlying type, with every pointer type alike when the type
/// parameter's constraint is a basic interface (methods only), as gc's `shapify` has it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum ShapeKey {
    Pointer,
    Under(types::TypeId),
    /// An argument kept as written in a shaped instance: a type still being read when gc's
    /// reader instantiated with it (see [`Reach`]).
    Exact(types::TypeId),
    /// A pointer to a type that mentions shapes without being one (`*node[go.shape.int]`),
    /// which gc 1.25 and 1.26 keep as its own shape: by its spelling, since the checker may
    /// hold the same instance more than once.
    Kept(String),
}

/// Why an instance is compiled: a use in shaped code (arguments written with shapes), a use
/// with concrete arguments (gc also compiles the instantiation wrapper `F[T]`), or a type whose
/// shaped arguments could not all be shaped (compiled as a shaped instance of its own, under
/// the arguments as written).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reason {
    Shaped,
    Concrete,
    Exact,
}

/// gc's `Shapify`: the shape type of type argument `t` for type parameter `tparam`, made once
/// per shape key.
fn shapify(
    ctx: &mut types::Ctx,
    out: &mut Instances,
    t: types::TypeId,
    tparam: Option<types::TypeId>,
) -> types::TypeId {
    let key = shape_key(ctx, t, tparam, out.pointers_to_shaped_kept);
    if let Some(&s) = out.shape_types.get(&key) {
        return s;
    }
    let under = match &key {
        ShapeKey::Kept(_) => {
            out.shape_types.insert(key, t);
            return t;
        }
        ShapeKey::Under(u) | ShapeKey::Exact(u) => *u,
        ShapeKey::Pointer => {
            let byte = ctx.basic(types::BasicKind::Uint8);
            ctx.new_pointer(byte)
        }
    };
    let obj = ctx.new_obj(types::Object {
        name: String::new(),
        kind: types::ObjKind::TypeName { alias: false },
        ty: None,
        pkg: SHAPE_PKG.to_string(),
        file: 0,
        pos: Default::default(),
        decl: None,
        pragmas: Vec::new(),
    });
    let shape = ctx.new_type(Type::Named(types::Named {
        obj,
        underlying: Some(under),
        methods: Vec::new(),
        type_params: Vec::new(),
        origin: None,
        type_args: Vec::new(),
    }));
    ctx.objects[obj.0 as usize].ty = Some(shape);
    out.shape_types.insert(key, shape);
    out.shape_sources.insert(shape, t);
    shape
}

fn shape_key(ctx: &types::Ctx, t: types::TypeId, tparam: Option<types::TypeId>, keep_shaped: bool) -> ShapeKey {
    let u = ctx.underlying(t);
    let basic = tparam.is_none_or(|tp| match &ctx.types[tp.0 as usize] {
        Type::TypeParam(p) => is_basic_interface(ctx, p.constraint, 0),
        _ => true,
    });
    match &ctx.types[u.0 as usize] {
        Type::Pointer(e) if basic && keep_shaped && !is_shape(ctx, *e) && has_shape(ctx, *e, &|_| false, 0) => {
            ShapeKey::Kept(ctx.type_string(t, ""))
        }
        Type::Pointer(_) if basic => ShapeKey::Pointer,
        _ => ShapeKey::Under(u),
    }
}

/// The shape keys of `targs` for the type parameters of generic `func`.
fn shape_keys(ctx: &types::Ctx, func: ObjId, targs: &[types::TypeId], keep_shaped: bool) -> Vec<ShapeKey> {
    let tparams = type_params_of(ctx, func);
    targs.iter().enumerate().map(|(i, &t)| shape_key(ctx, t, tparams.get(i).copied(), keep_shaped)).collect()
}

/// Whether an interface is basic: only methods, no type terms, not `comparable` (go/types'
/// `IsMethodSet`).
pub(crate) fn is_basic_interface(ctx: &types::Ctx, t: types::TypeId, depth: u32) -> bool {
    if depth > 16 {
        return true;
    }
    let u = ctx.underlying(t);
    match &ctx.types[u.0 as usize] {
        Type::Interface(i) => {
            !i.comparable && i.unions.is_empty() && i.embeddeds.iter().all(|&e| is_basic_interface(ctx, e, depth + 1))
        }
        _ => false,
    }
}

impl Instances {
    /// The instance of generic `func` for type arguments `targs` (concrete, or written with
    /// shape types).
    pub fn find(&self, ctx: &types::Ctx, func: ObjId, targs: &[types::TypeId]) -> Option<usize> {
        self.by_shape.get(&(func, shape_keys(ctx, func, targs, self.pointers_to_shaped_kept))).copied()
    }

    /// Every shape type made, in the order made.
    pub fn shapes(&self) -> Vec<types::TypeId> {
        let mut v: Vec<types::TypeId> = self.shape_sources.keys().copied().collect();
        v.sort();
        v
    }

    /// The type argument shape type `shape` was first made for.
    pub fn shape_source(&self, shape: types::TypeId) -> Option<types::TypeId> {
        self.shape_sources.get(&shape).copied()
    }

    /// The instance used by expression `id` of `file`, in instance `within`'s body (or in
    /// non-generic code).
    pub fn edge(&self, within: Option<usize>, file: u32, id: ast::ExprId) -> Option<usize> {
        self.edges.get(&(within, file, id)).copied()
    }
}

/// A package whose generic functions the package being lowered may instantiate: gc compiles
/// the instances of imported generic functions in the importing package.
#[derive(Clone, Copy)]
pub struct Imported<'a> {
    pub tpkg: &'a types::Package,
    pub info: &'a types::Info,
    pub files: &'a [ast::File],
    /// Its function declarations with bodies ([`func_bodies`]), the only ones lowering reads.
    pub bodies: &'a [FuncBody],
}

/// A function declaration with a body: its object, the index of its file in its package, and
/// of the declaration in the file.
pub type FuncBody = (ObjId, u32, u32);

/// The function declarations with bodies of a checked package (for [`Imported::bodies`]):
/// computed once per package, so that each importer need not scan every declaration.
pub fn func_bodies(info: &types::Info, files: &[ast::File]) -> Vec<FuncBody> {
    let mut out = Vec::new();
    for (fi, (file, finfo)) in files.iter().zip(&info.files).enumerate() {
        for (di, d) in file.decls.iter().enumerate() {
            let ast::Decl::Func(fd) = d else { continue };
            if fd.body.is_none() {
                continue;
            }
            if let Some(&obj) = finfo.defs.get(&fd.name.pos) {
                out.push((obj, fi as u32, di as u32));
            }
        }
    }
    out
}

/// Every function declaration with a body of the imported packages, as (index of its file in
/// [`source_files`]' list, which starts with the package's own `own_files`; object;
/// declaration).
pub(crate) fn imported_func_decls<'a>(
    own_files: usize,
    imported: &[Imported<'a>],
) -> Vec<(u32, ObjId, &'a ast::FuncDecl)> {
    let mut out = Vec::new();
    let mut offset = own_files;
    for imp in imported {
        for &(obj, fi, di) in imp.bodies {
            if let Some(ast::Decl::Func(fd)) = imp.files.get(fi as usize).and_then(|f| f.decls.get(di as usize)) {
                out.push(((offset + fi as usize) as u32, obj, fd));
            }
        }
        offset += imp.files.len();
    }
    out
}

/// One file lowering may read: the package's own files first, then each imported package's,
/// so a file index names a file of any of them.
#[derive(Clone, Copy)]
pub(crate) struct SrcFile<'a> {
    pub ast: &'a ast::File,
    pub info: &'a types::FileInfo,
    /// Index into the imported packages, `None` for the package's own files.
    pub pkg: Option<usize>,
}

pub(crate) fn source_files<'a>(
    info: &'a types::Info,
    files: &'a [ast::File],
    imported: &[Imported<'a>],
) -> Vec<SrcFile<'a>> {
    let mut out: Vec<SrcFile<'a>> =
        files.iter().zip(&info.files).map(|(ast, info)| SrcFile { ast, info, pkg: None }).collect();
    for (k, imp) in imported.iter().enumerate() {
        for (ast, info) in imp.files.iter().zip(&imp.info.files) {
            out.push(SrcFile { ast, info, pkg: Some(k) });
        }
    }
    out
}

/// Whether a checked package declares generic functions or methods with bodies (that an
/// importer may have to stencil).
pub fn has_generic_bodies(ctx: &types::Ctx, info: &types::Info, files: &[ast::File]) -> bool {
    files.iter().enumerate().any(|(fi, file)| {
        file.decls.iter().any(|d| {
            let ast::Decl::Func(fd) = d else { return false };
            fd.body.is_some()
                && info
                    .files
                    .get(fi)
                    .and_then(|f| f.defs.get(&fd.name.pos))
                    .is_some_and(|&o| !type_params_of(ctx, o).is_empty())
        })
    })
}

/// A use of a generic function found while scanning code: where, what, with which arguments.
struct Use {
    id: ast::ExprId,
    func: ObjId,
    targs: Vec<types::TypeId>,
    /// Only a reason to compile the instance, not a reference to it.
    implied: bool,
}

/// A generic function or method declaration of the package.
struct GenericDecl<'f> {
    file: u32,
    decl: &'f ast::FuncDecl,
    /// Its type parameters (the receiver's, for a method).
    tparams: Vec<types::TypeId>,
}

/// The type parameters of a generic function object, or of a method's generic receiver.
pub(crate) fn type_params_of(ctx: &types::Ctx, func: ObjId) -> Vec<types::TypeId> {
    let Some(t) = ctx.objects[func.0 as usize].ty else { return Vec::new() };
    let Type::Signature(sig) = &ctx.types[t.0 as usize] else { return Vec::new() };
    if !sig.type_params.is_empty() {
        return sig.type_params.clone();
    }
    let Some(recv) = &sig.recv else { return Vec::new() };
    let mut rt = recv.ty;
    if let Type::Pointer(e) = &ctx.types[rt.0 as usize] {
        rt = *e;
    }
    match &ctx.types[rt.0 as usize] {
        Type::Named(n) if !n.type_args.is_empty() => n.type_args.clone(),
        Type::Named(n) => n.type_params.clone(),
        _ => Vec::new(),
    }
}

/// The type arguments of a (possibly pointer to) instantiated named type.
fn named_type_args(ctx: &types::Ctx, t: types::TypeId) -> Option<Vec<types::TypeId>> {
    let mut t = t;
    if let Type::Pointer(e) = &ctx.types[t.0 as usize] {
        t = *e;
    }
    match &ctx.types[t.0 as usize] {
        Type::Named(n) if n.origin.is_some() => Some(n.type_args.clone()),
        _ => None,
    }
}

/// gc's `HasShape`: whether `t` is or mentions a shape type, counting type parameters for which
/// `param_is_shape` holds (those of the instance being lowered stand for their shapes).
pub(crate) fn has_shape(
    ctx: &types::Ctx,
    t: types::TypeId,
    param_is_shape: &dyn Fn(types::TypeId) -> bool,
    depth: u32,
) -> bool {
    if depth > 16 {
        return false;
    }
    let d = depth + 1;
    let rec = |x: types::TypeId| has_shape(ctx, x, param_is_shape, d);
    match &ctx.types[t.0 as usize] {
        Type::TypeParam(_) => param_is_shape(t),
        Type::Basic(_) | Type::Interface(_) => false,
        Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => rec(*e),
        Type::Map(k, v) => rec(*k) || rec(*v),
        Type::Struct(fs) => fs.iter().any(|f| rec(f.ty)),
        Type::Tuple(ts, _) => ts.iter().any(|&x| rec(x)),
        Type::Union(terms) => terms.iter().any(|term| rec(term.ty)),
        Type::Alias { actual, .. } => rec(*actual),
        Type::Signature(s) => s.params.iter().chain(&s.results).chain(s.recv.iter()).any(|f| rec(f.ty)),
        Type::Named(n) => ctx.objects[n.obj.0 as usize].pkg == SHAPE_PKG || n.type_args.iter().any(|&a| rec(a)),
    }
}

pub(crate) fn contains_type_param(ctx: &types::Ctx, t: types::TypeId, depth: u32) -> bool {
    if depth > 16 {
        return false;
    }
    let d = depth + 1;
    match &ctx.types[t.0 as usize] {
        Type::TypeParam(_) => true,
        Type::Basic(_) => false,
        Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => contains_type_param(ctx, *e, d),
        Type::Map(k, v) => contains_type_param(ctx, *k, d) || contains_type_param(ctx, *v, d),
        Type::Struct(fs) => fs.iter().any(|f| contains_type_param(ctx, f.ty, d)),
        Type::Tuple(ts, _) => ts.iter().any(|&x| contains_type_param(ctx, x, d)),
        Type::Union(terms) => terms.iter().any(|term| contains_type_param(ctx, term.ty, d)),
        // Checked packages expose no aliases; were one met, it stands for its actual type.
        Type::Alias { actual, .. } => contains_type_param(ctx, *actual, d),
        Type::Signature(s) => {
            s.params.iter().chain(&s.results).chain(s.recv.iter()).any(|f| contains_type_param(ctx, f.ty, d))
        }
        Type::Named(n) => n.type_args.iter().any(|&a| contains_type_param(ctx, a, d)),
        Type::Interface(_) => false,
    }
}

/// Finds every instance of the package's generic functions that its code reaches.
///
/// `inlinable` says which imported functions gc may inline here (their bodies are in the
/// imported files): gc reads an inlined body's calls of generic functions as calls of their
/// shaped instances, which it then compiles in this package.
pub fn collect_instances(
    ctx: &mut types::Ctx,
    info: &types::Info,
    files: &[ast::File],
    imported: &[Imported],
    inlinable: &dyn Fn(ObjId) -> bool,
    rules: &crate::Rules,
) -> Instances {
    let all = source_files(info, files, imported);
    let mut generics: HashMap<ObjId, GenericDecl> = HashMap::default();
    for (fi, sf) in all.iter().enumerate().take(files.len()) {
        for d in &sf.ast.decls {
            let ast::Decl::Func(fd) = d else { continue };
            let Some(&obj) = sf.info.defs.get(&fd.name.pos) else { continue };
            let tparams = type_params_of(ctx, obj);
            if !tparams.is_empty() && fd.body.is_some() {
                generics.insert(obj, GenericDecl { file: fi as u32, decl: fd, tparams });
            }
        }
    }
    let imported_decls = imported_func_decls(files.len(), imported);
    for &(fi, obj, fd) in &imported_decls {
        let tparams = type_params_of(ctx, obj);
        if !tparams.is_empty() {
            generics.insert(obj, GenericDecl { file: fi, decl: fd, tparams });
        }
    }
    let mut out = Instances { pointers_to_shaped_kept: rules.pointers_to_shaped_kept, ..Instances::default() };
    if generics.is_empty() {
        return out;
    }
    // One walk of the package's non-generic code finds three things. Seeds: uses whose type
    // arguments are concrete. A work item is (function, concrete type arguments, the same
    // written with the shapes of the instance making the use, whether the package's own code
    // makes it). Roots: gc also compiles every method of each instantiated generic type it
    // reads while importing what the package refers to: types are read whole (underlying
    // types, method signatures), so an instance inside an imported struct (sync.Map's
    // HashTrieMap[any, any]) counts. Generic declarations are not read until instantiated, so
    // only the types of the package's other code count (every variable's type is that of some
    // expression: a type expression or an initializer); generic types and signatures reached
    // are skipped by the walk. References: what the code names, from which the imported
    // inline bodies it may reach are found.
    let mut work: Vec<(ObjId, Vec<types::TypeId>, Vec<types::TypeId>, Reason)> = Vec::new();
    // Uses still to be resolved to instances once all exist.
    let mut pending: Vec<(Option<usize>, u32, ast::ExprId, ObjId, Vec<types::TypeId>)> = Vec::new();
    let mut roots = Vec::new();
    let mut referenced = Vec::new();
    let inlines_bodies = imported_decls.iter().any(|&(_, obj, _)| inlinable(obj));
    for (fi, sf) in all.iter().enumerate().filter(|(_, sf)| sf.pkg.is_none()) {
        for d in &sf.ast.decls {
            if let ast::Decl::Func(fd) = d {
                if sf.info.defs.get(&fd.name.pos).is_some_and(|o| !type_params_of(ctx, *o).is_empty()) {
                    continue;
                }
            }
            let all_generic_types =
                matches!(d, ast::Decl::Type(specs) if specs.iter().all(|s| !s.type_params.is_empty()));
            let mut uses = Vec::new();
            syntax::visit::exprs_in_decl(d, &mut |e| {
                uses_of_generics(ctx, sf.info, &generics, e, &mut uses);
                if !all_generic_types {
                    if let Some(tv) = sf.info.types.get(&e.id) {
                        roots.push(tv.ty);
                    }
                }
                if let Some(&o) = sf.info.uses.get(&e.id) {
                    if !all_generic_types {
                        roots.extend(ctx.objects[o.0 as usize].ty);
                    }
                    if inlines_bodies {
                        referenced.push(o);
                    }
                }
                if inlines_bodies {
                    referenced.extend(sf.info.selections.get(&e.id).map(|sel| sel.obj));
                }
            });
            for u in uses {
                if !u.implied {
                    pending.push((None, fi as u32, u.id, u.func, u.targs.clone()));
                }
                work.push((u.func, u.targs.clone(), u.targs, Reason::Concrete));
            }
        }
    }
    for (fi, fd) in reachable_inline_bodies(ctx, &all, &imported_decls, inlinable, referenced) {
        let finfo = all[fi as usize].info;
        let mut uses = Vec::new();
        syntax::visit::exprs_in_func_decl(fd, &mut |e| uses_of_generics(ctx, finfo, &generics, e, &mut uses));
        // Only what an inlined body calls: the method set of an instance it merely mentions
        // (converting one to an interface) was compiled by the package it comes from.
        for u in uses.into_iter().filter(|u| !u.implied) {
            pending.push((None, fi, u.id, u.func, u.targs.clone()));
            work.push((u.func, u.targs.clone(), u.targs, Reason::Shaped));
        }
    }
    let mut reach = Reach { generics: &generics, seen: Default::default(), reading: Vec::new(), methods: Vec::new() };
    for t in roots {
        reach.visit(ctx, &mut out, t, 0);
    }
    for (func, targs, reason) in std::mem::take(&mut reach.methods) {
        work.push((func, targs.clone(), targs, reason));
    }
    let mut concrete_seen = rustc_hash::FxHashSet::default();
    // Breadth-first, so instances are numbered in the order uses reach them.
    work.reverse();
    // The types each new instance's body reads, with its shapes: gc reads them (and so
    // compiles the methods of the instances among them) while compiling the instance.
    let mut shaped_reads: Vec<types::TypeId> = Vec::new();
    // Each file's definitions in position order, for those inside one declaration.
    let mut defs_by_pos: HashMap<usize, Vec<(ast::Pos, ObjId)>> = HashMap::default();
    loop {
        if work.is_empty() {
            for t in std::mem::take(&mut shaped_reads) {
                reach.visit(ctx, &mut out, t, 0);
            }
            for (func, targs, reason) in std::mem::take(&mut reach.methods) {
                work.insert(0, (func, targs.clone(), targs, reason));
            }
            if work.is_empty() {
                break;
            }
        }
        let Some((func, targs, shaped, reason)) = work.pop() else { break };
        let concrete = reason == Reason::Concrete;
        let Some(g) = generics.get(&func) else { continue };
        if targs.len() != g.tparams.len() || targs.iter().any(|&t| contains_type_param(ctx, t, 0)) {
            continue;
        }
        let key = if reason == Reason::Exact {
            // An argument gc 1.25–1.26 keeps as its own shape is the same instance either way.
            let keep = out.pointers_to_shaped_kept;
            let exact = |(&tp, &a): (&types::TypeId, &types::TypeId)| match shape_key(ctx, a, Some(tp), keep) {
                kept @ ShapeKey::Kept(_) => kept,
                _ => ShapeKey::Exact(a),
            };
            g.tparams.iter().zip(&shaped).map(exact).collect()
        } else {
            shape_keys(ctx, func, &shaped, out.pointers_to_shaped_kept)
        };
        let known = out.by_shape.get(&(func, key.clone())).copied();
        if concrete && concrete_seen.insert((func, targs.clone())) {
            out.concrete.push((known.unwrap_or(out.list.len()), targs.clone()));
        }
        if known.is_some() {
            continue;
        }
        let bindings: Vec<(types::TypeId, types::TypeId)> =
            g.tparams.iter().copied().zip(targs.iter().copied()).collect();
        let shapes: Vec<types::TypeId> = if reason == Reason::Exact {
            shaped.clone()
        } else {
            g.tparams.iter().zip(&shaped).map(|(&tp, &a)| shapify(ctx, &mut out, a, Some(tp))).collect()
        };
        let shape_bindings: Vec<(types::TypeId, types::TypeId)> =
            g.tparams.iter().copied().zip(shapes.iter().copied()).collect();
        let fi = g.file as usize;
        let finfo = all[fi].info;
        // Every type recorded for the declaration, and every object declared in it.
        let mut seen_types = Vec::new();
        let mut nested = Vec::new();
        syntax::visit::exprs_in_func_decl(g.decl, &mut |e| {
            if let Some(tv) = finfo.types.get(&e.id) {
                seen_types.push(tv.ty);
            }
            uses_of_generics(ctx, finfo, &generics, e, &mut nested);
        });
        let end = g.decl.body.as_ref().map(|b| b.end).unwrap_or(g.decl.pos);
        let start = g.decl.recv.as_ref().map(|r| r.pos).unwrap_or(g.decl.pos);
        let defs = defs_by_pos.entry(fi).or_insert_with(|| {
            let mut v: Vec<(ast::Pos, ObjId)> = finfo.defs.iter().map(|(&p, &o)| (p, o)).collect();
            v.sort_unstable();
            v
        });
        let first = defs.partition_point(|&(p, _)| p < start);
        for &(_, obj) in defs[first..].iter().take_while(|&&(p, _)| p <= end) {
            if let Some(t) = ctx.objects[obj.0 as usize].ty {
                seen_types.push(t);
            }
        }
        if let Some(t) = ctx.objects[func.0 as usize].ty {
            seen_types.push(t);
        }
        let mut subst = HashMap::default();
        for t in seen_types {
            if subst.contains_key(&t) {
                continue;
            }
            // Compiling the instance reads its body's types, those of the generic code
            // itself included (they were not read before).
            if !contains_type_param(ctx, t, 0) {
                shaped_reads.push(t);
                continue;
            }
            let c = ctx.substitute(t, &bindings);
            subst.insert(t, c);
            shaped_reads.push(ctx.substitute(t, &shape_bindings));
        }
        for tp in &g.tparams {
            if let Some(&(_, a)) = bindings.iter().find(|(p, _)| p == tp) {
                subst.insert(*tp, a);
            }
        }
        let me = out.list.len();
        for u in nested {
            let args: Vec<types::TypeId> = u.targs.iter().map(|&a| ctx.substitute(a, &bindings)).collect();
            let shaped: Vec<types::TypeId> = u.targs.iter().map(|&a| ctx.substitute(a, &shape_bindings)).collect();
            if !u.implied {
                pending.push((Some(me), g.file, u.id, u.func, shaped.clone()));
            }
            work.insert(0, (u.func, args, shaped, Reason::Shaped));
        }
        out.by_shape.insert((func, key), me);
        out.list.push(Instance { func, file: g.file, targs, bindings, shapes, subst });
    }
    for (within, file, id, func, targs) in pending {
        if let Some(i) = out.find(ctx, func, &targs) {
            out.edges.insert((within, file, id), i);
        }
    }
    out
}

/// The declarations of the imported, non-generic functions whose bodies inlining may copy into
/// the package: those its own code refers to (`todo`, from the caller's walk), and, transitively,
/// those their bodies refer to.
fn reachable_inline_bodies<'f>(
    ctx: &types::Ctx,
    all: &[SrcFile<'f>],
    imported_decls: &[(u32, ObjId, &'f ast::FuncDecl)],
    inlinable: &dyn Fn(ObjId) -> bool,
    mut todo: Vec<ObjId>,
) -> Vec<(u32, &'f ast::FuncDecl)> {
    let mut decls: HashMap<ObjId, (u32, &'f ast::FuncDecl)> = HashMap::default();
    for &(fi, obj, fd) in imported_decls {
        if inlinable(obj) && type_params_of(ctx, obj).is_empty() {
            decls.insert(obj, (fi, fd));
        }
    }
    if decls.is_empty() {
        return Vec::new();
    }
    let referenced = |finfo: &types::FileInfo, e: &ast::Expr, out: &mut Vec<ObjId>| {
        out.extend(finfo.uses.get(&e.id).copied());
        out.extend(finfo.selections.get(&e.id).map(|sel| sel.obj));
    };
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out = Vec::new();
    while let Some(obj) = todo.pop() {
        let Some(&(fi, fd)) = decls.get(&obj) else { continue };
        if !seen.insert(obj) {
            continue;
        }
        out.push((fi, fd));
        let finfo = all[fi as usize].info;
        syntax::visit::exprs_in_func_decl(fd, &mut |e| referenced(finfo, e, &mut todo));
    }
    out
}

/// gc's reading of types: every type reachable from those some code mentions, through type
/// structure (elements, fields, signatures, and named types' underlying types and method
/// signatures). Each instance of a generic type met is recorded for its methods to be
/// compiled (and [`Instances::wrapped`] for its wrappers). As gc's reader does, an instance
/// any of whose arguments is shaped has all of them shaped, except an instance still being read
/// (a recursive reference inside its own definition), which stays as written.
struct Reach<'g, 'f> {
    generics: &'g HashMap<ObjId, GenericDecl<'f>>,
    seen: rustc_hash::FxHashSet<types::TypeId>,
    /// Generic types whose instance's definition is being read.
    reading: Vec<types::TypeId>,
    /// (method, type arguments, why it is compiled).
    methods: Vec<(ObjId, Vec<types::TypeId>, Reason)>,
}

impl Reach<'_, '_> {
    fn visit(&mut self, ctx: &mut types::Ctx, out: &mut Instances, t: types::TypeId, depth: u32) {
        if depth > 64 || !self.seen.insert(t) {
            return;
        }
        let d = depth + 1;
        match ctx.types[t.0 as usize].clone() {
            Type::Basic(_) | Type::TypeParam(_) => {}
            Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => self.visit(ctx, out, e, d),
            Type::Map(k, v) => {
                self.visit(ctx, out, k, d);
                self.visit(ctx, out, v, d);
            }
            Type::Struct(fs) => fs.iter().for_each(|f| self.visit(ctx, out, f.ty, d)),
            Type::Tuple(ts, _) => ts.iter().for_each(|&x| self.visit(ctx, out, x, d)),
            Type::Union(terms) => terms.iter().for_each(|term| self.visit(ctx, out, term.ty, d)),
            Type::Alias { actual, .. } => self.visit(ctx, out, actual, d),
            // A generic function's or method's signature is only read with its instances.
            Type::Signature(s)
                if !s.type_params.is_empty() || s.recv.as_ref().is_some_and(|r| contains_type_param(ctx, r.ty, 0)) => {}
            Type::Signature(s) => {
                for f in s.params.iter().chain(&s.results).chain(s.recv.iter()) {
                    self.visit(ctx, out, f.ty, d);
                }
            }
            Type::Interface(i) => {
                i.methods.iter().for_each(|m| self.visit(ctx, out, m.sig, d));
                i.embeddeds.iter().for_each(|&e| self.visit(ctx, out, e, d));
            }
            // A generic type, uninstantiated or instantiated with type parameters (inside generic
            // code), is only read with the instances of that code; a shape has nothing to read.
            Type::Named(n)
                if (!n.type_params.is_empty() && n.origin.is_none())
                    || n.type_args.iter().any(|&a| contains_type_param(ctx, a, 0))
                    || ctx.objects[n.obj.0 as usize].pkg == SHAPE_PKG => {}
            Type::Named(n) => {
                let mut t = t;
                let mut args = n.type_args.clone();
                if let Some(origin) = n.origin {
                    let no_params = |_: types::TypeId| false;
                    if args.iter().any(|&a| has_shape(ctx, a, &no_params, 0)) {
                        let shaped = self.shaped_args(ctx, out, origin, &args, true);
                        if shaped != args {
                            t = ctx.instantiate_named(origin, &shaped);
                            if !self.seen.insert(t) {
                                return;
                            }
                            args = shaped;
                        }
                    }
                    out.wrapped.push(t);
                    let reason = if args.iter().all(|&a| is_shape(ctx, a)) {
                        Reason::Shaped
                    } else if args.iter().any(|&a| has_shape(ctx, a, &|_| false, 0)) {
                        Reason::Exact
                    } else {
                        Reason::Concrete
                    };
                    if let Type::Named(o) = &ctx.types[origin.0 as usize] {
                        for m in o.methods.iter().filter(|m| self.generics.contains_key(m)) {
                            self.methods.push((*m, args.clone(), reason));
                        }
                    }
                    // gc's reader follows a concrete instance with its shaped one (for the
                    // dictionary), whose arguments' shapes then need method wrappers too.
                    if reason == Reason::Concrete {
                        let shaped = self.shaped_args(ctx, out, origin, &args, false);
                        let st = ctx.instantiate_named(origin, &shaped);
                        self.visit(ctx, out, st, d);
                    }
                }
                // Only the underlying type is read while the type is incomplete; its methods'
                // signatures are read after.
                self.reading.push(n.origin.unwrap_or(t));
                let under = ctx.underlying(t);
                self.visit(ctx, out, under, d);
                self.reading.pop();
                let methods = match &ctx.types[t.0 as usize] {
                    Type::Named(n) => n.methods.clone(),
                    _ => Vec::new(),
                };
                for m in methods {
                    // An instance's methods are read with its type arguments.
                    let mt = ctx.method_type(m, t);
                    self.visit(ctx, out, mt, d);
                }
                for a in args {
                    self.visit(ctx, out, a, d);
                }
            }
        }
    }

    /// The shapes of instance arguments `args` of generic type `origin`. A shape stays itself,
    /// and so, with `keep_being_read`, does an instance still being read (gc's reader leaves
    /// it as written).
    fn shaped_args(
        &self,
        ctx: &mut types::Ctx,
        out: &mut Instances,
        origin: types::TypeId,
        args: &[types::TypeId],
        keep_being_read: bool,
    ) -> Vec<types::TypeId> {
        let tparams = match &ctx.types[origin.0 as usize] {
            Type::Named(g) => g.type_params.clone(),
            _ => Vec::new(),
        };
        args.iter()
            .enumerate()
            .map(|(i, &a)| {
                if is_shape(ctx, a) || (keep_being_read && self.being_read(ctx, a)) {
                    a
                } else {
                    shapify(ctx, out, a, tparams.get(i).copied())
                }
            })
            .collect()
    }

    /// Whether `t` is an instance of a generic type whose instance is being read.
    fn being_read(&self, ctx: &types::Ctx, t: types::TypeId) -> bool {
        match &ctx.types[t.0 as usize] {
            Type::Named(n) => n.origin.is_some_and(|o| self.reading.contains(&o)),
            _ => false,
        }
    }
}

/// Whether `t` is a shape type.
fn is_shape(ctx: &types::Ctx, t: types::TypeId) -> bool {
    matches!(&ctx.types[t.0 as usize], Type::Named(n) if ctx.objects[n.obj.0 as usize].pkg == SHAPE_PKG)
}

/// Records `e` if it names a generic function of the package with type arguments, or selects a
/// method of an instantiated generic type of the package.
fn uses_of_generics(
    ctx: &types::Ctx,
    finfo: &types::FileInfo,
    generics: &HashMap<ObjId, GenericDecl>,
    e: &ast::Expr,
    out: &mut Vec<Use>,
) {
    if let Some((targs, _)) = finfo.instances.get(&e.id) {
        if let Some(obj) = named_obj(ctx, finfo, e) {
            if generics.contains_key(&obj) {
                out.push(Use { id: e.id, func: obj, targs: targs.clone(), implied: false });
            }
        }
    }
    if let Some(sel) = finfo.selections.get(&e.id) {
        if generics.contains_key(&sel.obj) {
            // The receiver after the embedded-field steps: its instantiated named type.
            let recv_ty = method_recv_type(ctx, sel);
            if let Some(args) = recv_ty.and_then(|t| named_type_args(ctx, t)) {
                out.push(Use { id: e.id, func: sel.obj, targs: args, implied: false });
            }
        }
    }
    // Methods of an instantiated generic type are all compiled with it.
    if let Some(tv) = finfo.types.get(&e.id) {
        if let Some(args) = named_type_args(ctx, tv.ty) {
            let mut t = tv.ty;
            if let Type::Pointer(p) = &ctx.types[t.0 as usize] {
                t = *p;
            }
            if let Type::Named(n) = &ctx.types[t.0 as usize] {
                let origin = n.origin.unwrap_or(t);
                if let Type::Named(o) = &ctx.types[origin.0 as usize] {
                    for m in &o.methods {
                        if generics.contains_key(m) {
                            out.push(Use { id: e.id, func: *m, targs: args.clone(), implied: true });
                        }
                    }
                }
            }
        }
    }
}

/// The object an identifier or qualified identifier (`pkg.Name`) denotes.
fn named_obj(ctx: &types::Ctx, finfo: &types::FileInfo, e: &ast::Expr) -> Option<ObjId> {
    if let Some(&o) = finfo.uses.get(&e.id) {
        return Some(o);
    }
    let ast::ExprKind::Selector { x, sel } = &e.kind else { return None };
    let pkg = *finfo.uses.get(&x.unparen().id)?;
    let types::ObjKind::PkgName(path) = &ctx.objects[pkg.0 as usize].kind else { return None };
    ctx.packages.get(path)?.scope.get(&sel.name).copied()
}

/// The type that a method selection's method is found on (after embedded fields).
fn method_recv_type(ctx: &types::Ctx, sel: &types::Selection) -> Option<types::TypeId> {
    let mut t = sel.recv;
    for &i in &sel.index[..sel.index.len().saturating_sub(1)] {
        let mut s = ctx.underlying(t);
        if let Type::Pointer(p) = &ctx.types[s.0 as usize] {
            s = ctx.underlying(*p);
        }
        let Type::Struct(fs) = &ctx.types[s.0 as usize] else { return None };
        t = fs.get(i)?.ty;
    }
    Some(t)
}
