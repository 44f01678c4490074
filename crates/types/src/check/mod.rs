//! The checker proper: a port of go/types' `Checker` (`check.go`).
//!
//! Phases, as in go/types: [`resolver`] collects package-level objects and imports; [`decl`]
//! type-checks each object on first use (so declaration order does not matter, and cycles
//! are detected along the path of objects being checked); function bodies are checked last,
//! in source order ([`stmt`]). Expressions ([`expr`], [`call`], [`builtins`]) produce
//! [`Operand`]s and record what they learn in [`crate::Info`] as they go; an untyped
//! expression's recorded type is rewritten when its final type is known
//! (`update_expr_type`, go/types' `updateExprType`).

mod anon_cycles;
mod assign;
mod builtins;
mod call;
mod conversions;
mod decl;
mod directives;
mod expr;
mod index;
mod infer;
mod initorder;
mod labels;
mod literals;
mod mono;
mod operand;
pub use operand::syntax_string;
mod range;
mod resolver;
mod selector;
mod stmt;
mod typexpr;
mod widths;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use syntax::ast::{Expr, File, FuncDecl, TypeSpec};
use syntax::Pos;

use crate::object::{ObjId, ObjKind, Object};
use crate::ty::TypeId;
use crate::{CheckOptions, Ctx, FileInfo, Info, Mode, Package, TypeAndValue, TypeError};

pub(crate) use operand::Operand;

/// Expression nesting limit: deeper expressions are reported instead of overflowing the stack.
const MAX_EXPR_DEPTH: u32 = 100_000;

/// How a package-level object is declared (go/types' `declInfo`).
#[derive(Clone)]
enum DeclInfo<'a> {
    Const {
        file: u32,
        ty: Option<&'a Expr>,
        init: Option<&'a Expr>,
        iota: u32,
    },
    /// `lhs` lists all variables of an `a, b = f()` declaration (n:1), in order.
    Var {
        file: u32,
        ty: Option<&'a Expr>,
        init: Option<&'a Expr>,
        lhs: Option<Vec<ObjId>>,
    },
    Type {
        file: u32,
        spec: &'a TypeSpec,
    },
    Func {
        file: u32,
        decl: &'a FuncDecl,
    },
}

/// The per-function (or per package-level declaration) environment (go/types' `environment`).
#[derive(Clone, Default)]
struct Env {
    file: u32,
    /// Local scopes, innermost last.
    scopes: Vec<HashMap<String, ObjId>>,
    /// The signature of the function whose body is being checked.
    sig: Option<TypeId>,
    /// The value of `iota` in a constant declaration.
    iota: Option<i128>,
    /// Local variables declared in this function (for "declared and not used").
    vars: Vec<ObjId>,
    /// Whether the current function literal or body has named results (for naked returns).
    in_func: bool,
}

pub(crate) struct Checker<'a> {
    ctx: &'a mut Ctx,
    path: String,
    name: String,
    files: &'a [File],
    go_version: (u32, u32),
    info: Info,
    errors: Vec<TypeError>,
    pkg_scope: HashMap<String, ObjId>,
    decl_order: Vec<ObjId>,
    /// Per-file imports (`PkgName` objects, and dot-imported objects).
    file_scopes: Vec<HashMap<String, ObjId>>,
    decls: HashMap<ObjId, DeclInfo<'a>>,
    /// Objects currently being declared (cycle detection).
    obj_path: Vec<ObjId>,
    /// Methods by receiver base type name.
    methods: HashMap<String, Vec<ObjId>>,
    /// Used variables and package names.
    used: HashSet<ObjId>,
    env: Env,
    /// Function declarations whose bodies are checked after all package-level objects.
    funcs: Vec<ObjId>,
    depth: u32,
    /// Named types whose methods have been resolved.
    methods_done: HashSet<TypeId>,
    opts: CheckOptions,
    /// Defined types whose right-hand side was a defined type still being declared; their
    /// underlying types are settled when the current round of declarations ends.
    lazy_named: Vec<TypeId>,
    /// Defined types declared in the current round (checked for self-containment at its end).
    round_named: Vec<TypeId>,
    /// Defined types known not to contain themselves.
    valid_named: HashSet<TypeId>,
    /// Imports that must be used: file, `PkgName` object, position of the spec.
    imports: Vec<(u32, ObjId, Pos)>,
    /// Per file: objects a dot import brought in, with the import's `PkgName`.
    dot_imported: Vec<HashMap<ObjId, ObjId>>,
    /// Declaration cycles already reported (sorted members).
    reported_cycles: HashSet<Vec<ObjId>>,
    /// Instantiations of the package's type parameters, for cycle detection.
    mono: mono::MonoGraph,
    /// Import paths its messages print quoted (see `ambiguous_package_paths`).
    quoted_paths: HashSet<String>,
}

pub fn check_package(
    ctx: &mut Ctx,
    path: &str,
    files: &[File],
    go_version: (u32, u32),
) -> (Package, Info, Vec<TypeError>) {
    check_package_opts(ctx, path, files, go_version, CheckOptions::default())
}

pub fn check_package_opts(
    ctx: &mut Ctx,
    path: &str,
    files: &[File],
    go_version: (u32, u32),
    opts: CheckOptions,
) -> (Package, Info, Vec<TypeError>) {
    ctx.ensure_universe();
    let (first_obj, first_type) = (ctx.objects.len(), ctx.types.len());
    let name = files.first().map(|f| f.package.name.clone()).unwrap_or_default();
    let mut chk = Checker {
        ctx,
        path: path.to_string(),
        name: name.clone(),
        files,
        go_version,
        info: Info { files: vec![FileInfo::default(); files.len()] },
        errors: Vec::new(),
        pkg_scope: HashMap::default(),
        decl_order: Vec::new(),
        file_scopes: vec![HashMap::default(); files.len()],
        decls: HashMap::default(),
        obj_path: Vec::new(),
        methods: HashMap::default(),
        used: HashSet::default(),
        env: Env::default(),
        funcs: Vec::new(),
        depth: 0,
        methods_done: HashSet::default(),
        opts,
        lazy_named: Vec::new(),
        round_named: Vec::new(),
        valid_named: HashSet::default(),
        reported_cycles: HashSet::default(),
        imports: Vec::new(),
        dot_imported: vec![HashMap::default(); files.len()],
        mono: Default::default(),
        quoted_paths: HashSet::default(),
    };
    for (i, f) in files.iter().enumerate() {
        if f.package.name != name {
            chk.error_at(i as u32, f.package.pos, format!("package {}; expected package {}", f.package.name, name));
        }
    }
    chk.collect_objects();
    let imports = chk.direct_imports();
    chk.quoted_paths = chk.ambiguous_package_paths(&imports);
    chk.package_objects();
    chk.function_bodies();
    chk.check_instantiation_cycles();
    chk.init_cycles();
    if !opts.ignore_unused_imports {
        chk.unused_imports();
    }
    // gc looks for anonymous interface cycles once the package type-checks, then (writing
    // its export data) checks the linkname directives and looks for bodies that are missing.
    if chk.errors.is_empty() && !opts.parse_errors {
        chk.anonymous_interface_cycles();
    }
    if chk.errors.is_empty() && !opts.parse_errors {
        // Stubs' directives may name declarations the stubs left out: theirs all count.
        let linknamed = if opts.ignore_unused_imports {
            chk.files.iter().flat_map(|f| f.linknames.iter().map(|l| l.local.clone())).collect()
        } else {
            chk.linkname_directives()
        };
        if opts.complete {
            chk.missing_bodies(&linknamed);
        }
    }
    if chk.errors.is_empty() && !opts.parse_errors {
        chk.oversized_types();
    }
    chk.finish_instances();
    let pkg = Package {
        path: path.to_string(),
        name,
        scope: chk.pkg_scope.clone(),
        decl_order: chk.decl_order.clone(),
        go_version,
        imports,
    };
    // In the order they were found: gc's error reporting stops at the tenth.
    let errors = std::mem::take(&mut chk.errors);
    let mut info = std::mem::take(&mut chk.info);
    chk.ctx.unalias_package(&mut info, first_obj, first_type);
    (pkg, info, errors)
}

impl<'a> Checker<'a> {
    /// The paths the package's files import, each once, in order of appearance.
    fn direct_imports(&self) -> Vec<String> {
        let mut seen = HashSet::default();
        let mut out = Vec::new();
        for f in self.files {
            for imp in &f.imports {
                if self.ctx.packages.contains_key(&imp.path) && seen.insert(imp.path.as_str()) {
                    out.push(imp.path.clone());
                }
            }
        }
        out
    }

    /// types2's `markImports`: every package reachable from this one through imports, by
    /// name; a name that more than one path carries is printed as the quoted path.
    fn ambiguous_package_paths(&self, imports: &[String]) -> HashSet<String> {
        let mut by_name: HashMap<&str, Vec<&str>> = HashMap::default();
        by_name.entry(self.name.as_str()).or_default().push(self.path.as_str());
        let mut seen: HashSet<&str> = HashSet::default();
        seen.insert(self.path.as_str());
        let mut work: Vec<&str> = imports.iter().map(|s| s.as_str()).collect();
        while let Some(path) = work.pop() {
            if !seen.insert(path) {
                continue;
            }
            let Some(pkg) = self.ctx.packages.get(path) else { continue };
            by_name.entry(pkg.name.as_str()).or_default().push(path);
            work.extend(pkg.imports.iter().map(|s| s.as_str()));
        }
        by_name.into_values().filter(|paths| paths.len() > 1).flatten().map(|p| p.to_string()).collect()
    }

    fn error_at(&mut self, file: u32, pos: Pos, msg: String) {
        // As go/types does once an error is out: a message that mentions an invalid operand or
        // type past its start is a consequence of that error, and is not said.
        let past_start = |m: &str, what: &str| m.find(what).is_some_and(|i| i > 0);
        let consequence = |m: &str| past_start(m, "invalid operand") || past_start(m, "invalid type");
        if !self.errors.is_empty() && consequence(&msg) {
            return;
        }
        self.errors.push(TypeError { file, pos, msg, related: Vec::new() });
    }

    /// Reports an error in the file being checked.
    fn error(&mut self, pos: Pos, msg: impl Into<String>) {
        let f = self.env.file;
        self.error_at(f, pos, msg.into());
    }

    fn fi(&mut self) -> &mut FileInfo {
        let f = self.env.file as usize;
        &mut self.info.files[f]
    }

    fn record(&mut self, e: &Expr, mode: Mode, ty: TypeId, value: Option<crate::Value>) {
        if mode == Mode::Invalid {
            return;
        }
        self.fi().types.insert(e.id, TypeAndValue { mode, ty, value, comma_ok: None, alias_ty: None });
    }

    fn record_use(&mut self, e: &Expr, obj: ObjId) {
        self.fi().uses.insert(e.id, obj);
    }

    fn record_def(&mut self, pos: Pos, obj: ObjId) {
        self.fi().defs.insert(pos, obj);
    }

    fn new_obj(&mut self, name: &str, kind: ObjKind, ty: Option<TypeId>, pos: Pos) -> ObjId {
        let file = self.env.file;
        self.ctx.new_obj(Object {
            name: name.to_string(),
            kind,
            ty,
            pkg: self.path.clone(),
            file,
            pos,
            decl: None,
            pragmas: vec![],
        })
    }

    fn new_var(&mut self, name: &str, ty: TypeId, pos: Pos, param: bool, result: bool) -> ObjId {
        self.new_obj(name, ObjKind::Var { global: false, param, result, field: false, embedded: false }, Some(ty), pos)
    }

    /// Declares `obj` in the innermost local scope (`_` is never declared), recording the def.
    fn declare_local(&mut self, name: &str, obj: ObjId, pos: Pos) {
        self.record_def(pos, obj);
        if name == "_" {
            return;
        }
        let alt = self.env.scopes.last().and_then(|s| s.get(name)).copied();
        if let Some(alt) = alt {
            let f = self.env.file;
            let ao = self.ctx.obj(alt);
            let other = if ao.pos != Pos::NONE {
                format!("\n\t{}: other declaration of {name}", self.st_pos_string(ao.file, ao.pos))
            } else {
                String::new()
            };
            self.error_at(f, pos, format!("{name} redeclared in this block{other}"));
            return;
        }
        if let Some(s) = self.env.scopes.last_mut() {
            s.insert(name.to_string(), obj);
        }
    }

    fn open_scope(&mut self) {
        self.env.scopes.push(HashMap::default());
    }

    fn close_scope(&mut self) {
        self.env.scopes.pop();
    }

    /// Resolves `name` through local, file, package and universe scopes, type-checking a
    /// package-level object on first use.
    fn lookup(&mut self, name: &str) -> Option<ObjId> {
        let o = self.lookup_scope(name)?;
        if self.pkg_scope.get(name) == Some(&o) {
            self.obj_decl(o);
        }
        Some(o)
    }

    /// [`Checker::lookup`] without type-checking the object found (types2's `lookupScope`).
    fn lookup_scope(&mut self, name: &str) -> Option<ObjId> {
        for s in self.env.scopes.iter().rev() {
            if let Some(&o) = s.get(name) {
                return Some(o);
            }
        }
        let f = self.env.file as usize;
        if let Some(&o) = self.file_scopes.get(f).and_then(|s| s.get(name)) {
            if let Some(&pkg) = self.dot_imported.get(f).and_then(|d| d.get(&o)) {
                self.used.insert(pkg);
            }
            return Some(o);
        }
        if let Some(&o) = self.pkg_scope.get(name) {
            return Some(o);
        }
        self.ctx.universe.get(name).copied()
    }

    fn ty_str(&self, t: TypeId) -> String {
        self.ctx.type_string_quoting(t, &self.path, &self.quoted_paths)
    }

    /// Runs `f` with a fresh environment for package-level declaration checking in `file`.
    fn with_env<R>(&mut self, env: Env, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = std::mem::replace(&mut self.env, env);
        let r = f(self);
        self.env = saved;
        r
    }

    /// `"p" imported and not used`, in import order, at the import spec.
    fn unused_imports(&mut self) {
        let mut errs = Vec::new();
        for &(file, o, pos) in &self.imports {
            if self.used.contains(&o) {
                continue;
            }
            let obj = self.ctx.obj(o);
            let ObjKind::PkgName(path) = &obj.kind else { continue };
            let pkgname = self.ctx.packages.get(path).map(|p| p.name.clone()).unwrap_or_default();
            let msg = if obj.name == "." || pkgname == obj.name || pkgname.is_empty() {
                format!("{path:?} imported and not used")
            } else {
                format!("{path:?} imported as {} and not used", obj.name)
            };
            errs.push((file, pos, msg));
        }
        for (f, p, m) in errs {
            self.error_at(f, p, m);
        }
    }

    /// Expands every instance whose origin became known after it was created.
    fn finish_instances(&mut self) {
        let n = self.ctx.types.len();
        for i in 0..n {
            if let crate::Type::Named(nm) = &self.ctx.types[i] {
                if nm.underlying.is_none() && nm.origin.is_some() {
                    self.ctx.expand_named(TypeId(i as u32));
                }
            }
        }
    }

    /// Makes sure the methods of named types reachable from `t` (through pointers and embedded
    /// fields) have their signatures, so that lookups and `implements` see them.
    fn ensure_methods(&mut self, t: TypeId) {
        let mut todo = vec![(t, 0u32)];
        while let Some((t, d)) = todo.pop() {
            if d > 16 {
                continue;
            }
            let mut t = t;
            if let crate::Type::Pointer(e) = self.ctx.ty(t) {
                t = *e;
            }
            if let crate::Type::Named(n) = self.ctx.ty(t).clone() {
                if !self.methods_done.insert(t) {
                    continue;
                }
                if n.underlying.is_none() {
                    self.ctx.expand_named(t);
                }
                let origin = n.origin.unwrap_or(t);
                if let crate::Type::Named(on) = self.ctx.ty(origin).clone() {
                    if on.obj.0 as usize >= self.ctx.objects.len() {
                        continue;
                    }
                    if self.ctx.obj(on.obj).ty.is_none() {
                        self.obj_decl(on.obj);
                    }
                    if let crate::Type::Named(on) = self.ctx.ty(origin).clone() {
                        for m in on.methods {
                            if self.ctx.obj(m).ty.is_none() {
                                self.obj_decl(m);
                            }
                        }
                    }
                }
            }
            let u = self.ctx.underlying(t);
            if let crate::Type::Struct(fs) = self.ctx.ty(u) {
                for f in fs.clone() {
                    if f.embedded {
                        todo.push((f.ty, d + 1));
                    }
                }
            }
        }
    }
}
