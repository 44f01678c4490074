//! Lowering: from a type-checked syntax tree to [`crate::Package`].
//!
//! This plays the part of gc's noder and typecheck passes up to escape analysis: it makes
//! implicit operations explicit (interface conversions at every assignment-like context,
//! automatic `&`/`*` on method receivers, embedded-field paths, the `...` slice of a variadic
//! call), rewrites what gc rewrites before escape analysis (multi-value calls as arguments or
//! results go through temporaries; `go`/`defer` of a call with arguments become a call of a
//! wrapper closure; loop variables that are captured or address-taken become per-iteration
//! variables, as the Go 1.22 loopvar pass does), resolves static callees, and renders every
//! node the way gc's `ir/fmt.go` prints it, since diagnostics quote those renderings.

mod bounds;
mod call;
mod expr;
pub mod generic;
mod globals;
mod print;
mod rangefunc;
mod stmt;
mod wrappers;

pub use generic::{collect_instances, func_bodies, has_generic_bodies, FuncBody, Imported, Instances};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use syntax::ast;
use types::{ObjId, ObjKind, Type};

use crate::*;

/// Escape tags of functions from other packages, looked up by the function's object.
pub trait ExternTags {
    /// The tags of imported function or method `obj`, or `None` when unknown (then calls to it
    /// are treated as gc treats calls to functions without tags: every argument leaks).
    fn tags(&self, ctx: &types::Ctx, obj: ObjId) -> Option<ExternFunc>;

    /// gc's inline cost of imported function `obj`, when calls to it are to be inlined (its
    /// body is then in one of the imported packages' files). `None` when gc would not inline
    /// it, or when this package is compiled without inlining.
    fn inline_cost(&self, _ctx: &types::Ctx, _obj: ObjId) -> Option<i32> {
        None
    }

    /// Whether the package being lowered is compiled with inlining (then gc's method wrappers,
    /// which only inlining makes visible, are lowered too).
    fn inlining(&self) -> bool {
        false
    }

    /// Whether gc's wrappers (of methods, method values and instantiations) are lowered
    /// without inlining: when escape analysis explains its verdicts (`-m=2` prints the flows
    /// in wrappers too).
    fn wrappers(&self) -> bool {
        self.inlining()
    }
}

/// A construct lowering does not model yet; reported, never guessed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported {
    pub file: u32,
    pub pos: Pos,
    pub what: String,
}

/// A lowered package, with what the caller needs to connect it to the checker's objects.
#[derive(Debug)]
pub struct Lowered {
    pub package: Package,
    pub unsupported: Vec<Unsupported>,
    /// The IR function of each declared function or method object.
    pub funcs: HashMap<ObjId, FuncId>,
    /// The inline-only copy of each imported function whose body lowering copied.
    pub inline_bodies: HashMap<FuncId, ObjId>,
}

/// Lowers one checked package.
pub fn lower_package(
    ctx: &types::Ctx,
    tpkg: &types::Package,
    info: &types::Info,
    files: &[ast::File],
    imported: &[Imported],
    instances: &Instances,
    tags: &dyn ExternTags,
    rules: crate::Rules,
) -> Lowered {
    let all = generic::source_files(info, files, imported);
    let mut l = Lowerer {
        ctx,
        tpkg,
        files,
        imported,
        all,
        tags,
        instances,
        cur_inst: None,
        init_parts: Vec::new(),
        index_via_temp: Default::default(),
        dict_methods: Vec::new(),
        static_lits: HashMap::default(),
        range_states: HashMap::default(),
        range_func_frames: Vec::new(),
        inst_funcs: Vec::new(),
        concrete_wrappers: HashMap::default(),
        out: Package { path: tpkg.path.clone(), name: tpkg.name.clone(), rules, ..Package::default() },
        type_map: HashMap::default(),
        var_map: HashMap::default(),
        func_map: HashMap::default(),
        unsupported: Vec::new(),
        file: 0,
        func: FuncId(0),
        closure_count: HashMap::default(),
        go_defer_count: HashMap::default(),
        range_body_count: HashMap::default(),
        range_loop_exits: std::collections::HashSet::default(),
        rename: HashMap::default(),
        escaping_loop_vars: HashSet::default(),
        reassigned_loop_copies: HashSet::default(),
        single_defs: HashMap::default(),
        dcl_len: HashMap::default(),
        late_temps: Vec::new(),
        precounted: HashSet::default(),
        pending: Vec::new(),
        backward_gotos: HashSet::default(),
        checker_types: Vec::new(),
        ptr_types: HashMap::default(),
        empty_iface: None,
        inline_funcs: HashMap::default(),
        extern_ids: HashMap::default(),
        extern_funcs: HashMap::default(),
        global_lits: None,
        inline_queue: Vec::new(),
        imported_decls: None,
        reading: Default::default(),
    };
    l.run();
    l.name_late_temps();
    let inline_bodies = l.inline_funcs.iter().filter_map(|(&o, f)| f.map(|f| (f, o))).collect();
    Lowered { package: l.out, unsupported: l.unsupported, funcs: l.func_map, inline_bodies }
}

/// What marks a late temporary's name until it is numbered.
const LATE_TEMP_MARK: char = '\u{1}';

fn late_temp_placeholder(v: VarId) -> String {
    format!("{LATE_TEMP_MARK}{}{LATE_TEMP_MARK}", v.0)
}

pub(crate) struct Lowerer<'a> {
    /// While printing a shape's name: the generic types whose instance's underlying type is
    /// being printed, as gc's reader has them still being read.
    pub(crate) reading: std::cell::RefCell<Vec<types::TypeId>>,
    pub(crate) ctx: &'a types::Ctx,
    pub(crate) tpkg: &'a types::Package,
    pub(crate) files: &'a [ast::File],
    /// Packages whose generic functions this one instantiates, and every file of this package
    /// and of those (an instance of an imported generic function is lowered from its own
    /// package's file, whose index is past this package's files).
    imported: &'a [Imported<'a>],
    all: Vec<generic::SrcFile<'a>>,
    pub(crate) tags: &'a dyn ExternTags,
    /// Range-over-func loops lowered so far per top-level function (for `#stateN` names).
    pub(crate) range_states: HashMap<FuncId, u32>,
    /// Range-over-func bodies being lowered, innermost last; `None` for a function literal
    /// inside one, whose `return`s are its own.
    pub(crate) range_func_frames: Vec<Option<rangefunc::RangeFuncFrame>>,
    /// The dictionary's method expressions of the generic function being stenciled: (type
    /// parameter, method name), by dictionary index.
    pub(crate) dict_methods: Vec<(types::TypeId, String)>,
    /// Operands `x` (by file) of index expressions `x[i]` whose index gc evaluates into a temporary
    /// before walking the indexing, so that no bounds proof applies (see [`bounds`]).
    pub(crate) index_via_temp: rustc_hash::FxHashSet<(u32, ast::ExprId)>,
    /// gc's package initialization function, when package-level variables need one: one part
    /// per file with initializers (see [`globals`]), indexed by file.
    pub(crate) init_parts: Vec<Option<FuncId>>,
    /// Function literals in static initializers, by (file, expression): top-level functions.
    pub(crate) static_lits: HashMap<(u32, ast::ExprId), FuncId>,
    /// The generic instances this package compiles, and which one is being lowered.
    instances: &'a Instances,
    cur_inst: Option<usize>,
    /// The IR function of each instance.
    inst_funcs: Vec<FuncId>,
    /// The instantiation wrapper `F[T]` of each (instance, concrete type arguments).
    pub(crate) concrete_wrappers: HashMap<(usize, Vec<types::TypeId>), FuncId>,
    pub(crate) out: Package,
    type_map: HashMap<types::TypeId, TypeId>,
    pub(crate) var_map: HashMap<ObjId, VarId>,
    pub(crate) func_map: HashMap<ObjId, FuncId>,
    pub(crate) unsupported: Vec<Unsupported>,
    /// The file being lowered.
    pub(crate) file: u32,
    /// The function being lowered.
    pub(crate) func: FuncId,
    /// Closures numbered so far per top-level function (for `f.func1` names).
    closure_count: HashMap<FuncId, u32>,
    /// go/defer wrappers numbered so far per function (`f.deferwrap1`).
    go_defer_count: HashMap<FuncId, u32>,
    /// Range-over-func bodies numbered so far per function (`f-range1`).
    range_body_count: HashMap<FuncId, u32>,
    /// The `break`/`continue` statements (by position) that leave or continue a
    /// range-over-func loop from its body, which gc's rewrite turns into returns.
    pub(crate) range_loop_exits: std::collections::HashSet<Pos>,
    /// Objects temporarily standing for another variable (loop-variable rewrites).
    pub(crate) rename: HashMap<ObjId, VarId>,
    /// Loop variables whose address is taken or that closures capture (per-iteration copies).
    pub(crate) escaping_loop_vars: HashSet<ObjId>,
    /// Per-iteration copies that escape analysis sees as reassigned (see `Prescan::note_capture`).
    pub(crate) reassigned_loop_copies: HashSet<ObjId>,
    /// Local variables assigned exactly once, at their definition, with their initializer:
    /// what gc's `ir.StaticValue` sees (used for devirtualization).
    pub(crate) single_defs: HashMap<ObjId, (u32, ast::ExprId)>,
    /// How many names each function has declared so far, as gc's `Func.Dcl` counts them while
    /// the noder reads the body: parameters and results (a shaped function's dictionary
    /// too), then locals and temporaries in reading order. A temporary is numbered by it
    /// (`.autotmp_N`, gc's `TempAt`).
    dcl_len: HashMap<FuncId, u32>,
    /// Temporaries gc makes after reading the function (its loop-variable pass), numbered after
    /// everything the function declares: named by [`Lowerer::name_late_temps`].
    late_temps: Vec<VarId>,
    /// Locals already counted in `dcl_len` before lowering reached their definition: gc reads
    /// the left side of an assignment before its right side.
    precounted: HashSet<ObjId>,
    /// Statements an expression needs run before the statement that contains it
    /// (temporaries for multi-value calls).
    pub(crate) pending: Vec<Stmt>,
    /// Labels that some later `goto` jumps back to, in the function being lowered.
    pub(crate) backward_gotos: HashSet<String>,
    /// For each IR type, the checker type it summarises (`TypeId(0)` for types lowering made).
    checker_types: Vec<types::TypeId>,
    /// Pointer types lowering made for automatic `&` (`*T` for an IR `T`).
    ptr_types: HashMap<TypeId, TypeId>,
    empty_iface: Option<types::TypeId>,
    /// The numbers of the function literals in package-level initializers, by (file, position).
    global_lits: Option<HashMap<(u32, Pos), u32>>,
    /// Inline-only copies of imported functions, by object (`None`: not inlinable here).
    inline_funcs: HashMap<ObjId, Option<FuncId>>,
    /// Imported functions used as values, by object: their entry in `out.externs`.
    extern_ids: HashMap<ObjId, Option<crate::ExternId>>,
    /// The escape tags of each imported function called so far (`None`: not known).
    extern_funcs: HashMap<ObjId, Option<std::sync::Arc<ExternFunc>>>,
    /// Inline-only functions whose bodies are still to be lowered: (file, declaration, function).
    inline_queue: Vec<(u32, &'a ast::FuncDecl, FuncId)>,
    /// The function declarations of the imported packages' files, by object (made on first use).
    imported_decls: Option<HashMap<ObjId, (u32, &'a ast::FuncDecl)>>,
}

impl<'a> Lowerer<'a> {
    fn run(&mut self) {
        // gc's package initialization function comes first.
        self.declare_init();
        // Declare every function first so calls can refer to later ones.
        let mut bodies = Vec::new();
        for (fi, file) in self.files.iter().enumerate() {
            self.file = fi as u32;
            for decl in &file.decls {
                match decl {
                    ast::Decl::Func(fd) => {
                        if let Some(fid) = self.declare_func(fd) {
                            bodies.push((fi as u32, fd, fid));
                        }
                    }
                    ast::Decl::Var(specs) => self.declare_global_funcs(specs),
                    _ => {}
                }
            }
        }
        // Shells for the instances of generic functions; their parameters are declared with
        // their bodies, since every instance has its own variables for the same objects.
        let mut generic_decls = HashMap::default();
        for sf in self.all.iter().take(self.files.len()) {
            for decl in &sf.ast.decls {
                if let ast::Decl::Func(fd) = decl {
                    if let Some(&obj) = sf.info.defs.get(&fd.name.pos) {
                        generic_decls.insert(obj, fd);
                    }
                }
            }
        }
        for (_, obj, fd) in generic::imported_func_decls(self.files.len(), self.imported) {
            generic_decls.insert(obj, fd);
        }
        for inst in &self.instances.list {
            let fd = generic_decls[&inst.func];
            self.file = inst.file;
            let fid = self.push_func_shell(fd, inst.func, true);
            self.out.funcs[fid.0 as usize].shaped = true;
            let name = self.instance_func_name(fd, inst);
            let name = match self.foreign_pkg() {
                Some(p) => format!("{}.{name}", p.name),
                None => name,
            };
            self.out.funcs[fid.0 as usize].name = name;
            self.inst_funcs.push(fid);
        }
        self.lower_globals();
        for (fi, fd, fid) in bodies {
            self.file = fi;
            self.func = fid;
            self.lower_body(fd);
        }
        for (i, inst) in self.instances.list.iter().enumerate() {
            let fd = generic_decls[&inst.func];
            let fid = self.inst_funcs[i];
            self.file = inst.file;
            self.func = fid;
            self.cur_inst = Some(i);
            let saved = self.var_map.clone();
            self.dict_methods = self.type_param_methods(fd);
            self.declare_signature(fd, fid);
            self.lower_body(fd);
            self.var_map = saved;
            self.cur_inst = None;
        }
        if self.tags.inlining() {
            self.declare_method_wrappers();
            self.declare_instance_wrappers(&generic_decls);
            self.declare_generic_type_wrappers();
        } else if self.tags.wrappers() {
            self.declare_method_wrappers();
            self.declare_instance_wrappers(&generic_decls);
        }
        self.lower_inline_bodies();
        if self.tags.inlining() {
            // Methods reached this way may bring inline bodies of their own, which convert
            // further types: twice is what real code needs.
            let mut scan = BodyScan::default();
            for _ in 0..2 {
                scan.update(&self.out);
                self.record_methods_of_converted_types(&scan);
                self.lower_inline_bodies();
            }
            scan.update(&self.out);
            self.declare_method_value_wrappers(&scan.method_values);
        } else {
            // Without inlining gc still devirtualizes, which needs the converted types' methods.
            let mut scan = BodyScan::default();
            scan.update(&self.out);
            self.record_methods_of_converted_types(&scan);
            if self.tags.wrappers() {
                self.declare_method_value_wrappers(&scan.method_values);
            }
        }
    }

    /// Fills [`Package::methods`] for every concrete type some function converts to an
    /// interface: its methods declared directly on it (promoted methods are not devirtualized
    /// here).
    fn record_methods_of_converted_types(&mut self, scan: &BodyScan) {
        let (converted, called) = (&scan.converted, &scan.called);
        for &ir_ty in converted {
            let t = self.checker_type(ir_ty);
            if t == types::TypeId(0) || self.is_interface(t) {
                continue;
            }
            let (base, is_ptr) = match self.ctx.types[t.0 as usize] {
                Type::Pointer(e) => (e, true),
                _ => (t, false),
            };
            let Type::Named(n) = &self.ctx.types[base.0 as usize] else { continue };
            if !n.type_params.is_empty() || n.origin.is_some() {
                continue;
            }
            for m in n.methods.clone() {
                let name = self.obj(m).name.clone();
                if !called.contains(&name) || self.out.methods.contains_key(&(ir_ty, name.clone())) {
                    continue;
                }
                let wants_ptr = self.method_wants_ptr(m);
                if wants_ptr && !is_ptr {
                    continue;
                }
                let shown = self.gc_type_string(t);
                let method =
                    if shown.starts_with('*') { format!("({shown}).{name}") } else { format!("{shown}.{name}") };
                let callee = self.callee_for(m);
                self.out.methods.insert((ir_ty, name), MethodTarget { callee, wants_ptr, name: method, shown });
            }
        }
    }

    /// Lowers the bodies of the imported functions calls may be inlined from (gc reads them
    /// from export data), including those their own bodies call. What they would print on
    /// their own before escape analysis is dropped: they are not compiled here; their walk
    /// notes are kept for the inliner to repeat at each call it inlines. A body with a
    /// construct lowering does not model is not inlined.
    fn lower_inline_bodies(&mut self) {
        let notes = self.out.pre_escape_notes.len();
        while let Some((file, fd, fid)) = self.inline_queue.pop() {
            self.file = file;
            self.func = fid;
            self.cur_inst = None;
            self.dict_methods = Vec::new();
            let unsupported = self.unsupported.len();
            self.declare_signature(fd, fid);
            self.lower_body(fd);
            if self.unsupported.len() > unsupported {
                self.unsupported.truncate(unsupported);
                self.out.funcs[fid.0 as usize].inl = None;
            }
        }
        self.out.pre_escape_notes.truncate(notes);
    }

    /// The inline-only copy of imported function `obj`, when calls to it are inlined.
    pub(crate) fn inline_body(&mut self, obj: ObjId) -> Option<FuncId> {
        if let Some(&f) = self.inline_funcs.get(&obj) {
            return f;
        }
        self.inline_funcs.insert(obj, None);
        let cost = self.tags.inline_cost(self.ctx, obj)?;
        if self.imported_decls.is_none() {
            let decls = generic::imported_func_decls(self.files.len(), self.imported)
                .into_iter()
                .map(|(i, o, fd)| (o, (i, fd)))
                .collect();
            self.imported_decls = Some(decls);
        }
        let (file, fd) = *self.imported_decls.as_ref()?.get(&obj)?;
        if fd.body.is_none() || !generic::type_params_of(self.ctx, obj).is_empty() {
            return None;
        }
        let (saved_file, saved_func) = (self.file, self.func);
        self.file = file;
        let fid = self.push_func_shell(fd, obj, false);
        let name = self.method_or_func_name(fd);
        let name = match self.foreign_pkg() {
            Some(p) => format!("{}.{name}", p.name),
            None => name,
        };
        self.file = saved_file;
        self.func = saved_func;
        let f = &mut self.out.funcs[fid.0 as usize];
        f.name = name;
        f.inline_only = true;
        f.inl = Some(Inline { cost, can_delay_results: false });
        self.inline_funcs.insert(obj, Some(fid));
        self.inline_queue.push((file, fd, fid));
        Some(fid)
    }

    fn lower_body(&mut self, fd: &ast::FuncDecl) {
        if let Some(body) = &fd.body {
            self.prescan_body(&body.stmts);
            self.backward_gotos = backward_gotos(&body.stmts);
            let stmts = self.lower_block(&body.stmts);
            self.out.funcs[self.func.0 as usize].body = Some(stmts);
        }
    }

    /// A checker type as the function being lowered sees it: type parameters replaced by the
    /// current instance's type arguments.
    pub(crate) fn sub(&self, t: types::TypeId) -> types::TypeId {
        match self.cur_inst {
            Some(i) => self.instances.list[i].subst.get(&t).copied().unwrap_or(t),
            None => t,
        }
    }

    /// The declared type of an object, through the current instance's substitution.
    pub(crate) fn obj_ty(&self, obj: ObjId) -> Option<types::TypeId> {
        self.obj(obj).ty.map(|t| self.sub(t))
    }

    /// Whether a type recorded by the checker (before substitution) is a type parameter.
    pub(crate) fn is_type_param(&self, e: &ast::Expr) -> bool {
        self.fi().types.get(&e.id).is_some_and(|tv| matches!(self.ctx.types[tv.ty.0 as usize], Type::TypeParam(_)))
    }

    /// The instance a use of a generic function or method (by its naming expression) reaches.
    pub(crate) fn instance_at(&self, id: ast::ExprId) -> Option<FuncId> {
        let i = self.instances.edge(self.cur_inst, self.file, id)?;
        self.inst_funcs.get(i).copied()
    }

    pub(crate) fn fi(&self) -> &'a types::FileInfo {
        self.all[self.file as usize].info
    }

    /// The imported package whose file is being lowered (an instance of its generic function),
    /// or `None` in the package's own files.
    pub(crate) fn foreign_pkg(&self) -> Option<&'a types::Package> {
        let k = self.all.get(self.file as usize)?.pkg?;
        Some(self.imported[k].tpkg)
    }

    /// The language version of the file being lowered: its `//go:build go1.N` line, else its
    /// package's (the module's `go` line).
    pub(crate) fn file_go_version(&self) -> (u32, u32) {
        let pkg = self.foreign_pkg().unwrap_or(self.tpkg);
        self.all.get(self.file as usize).and_then(|f| f.ast.go_version).unwrap_or(pkg.go_version)
    }

    /// The path of the package whose code is being lowered.
    pub(crate) fn cur_pkg_path(&self) -> &'a str {
        match self.foreign_pkg() {
            Some(p) => &p.path,
            None => &self.tpkg.path,
        }
    }

    /// An identifier as gc prints it: qualified by its package when it belongs to an imported
    /// package whose generic function is being lowered (`slices.data`).
    pub(crate) fn qualify_ident(&self, name: &str) -> String {
        match self.foreign_pkg() {
            Some(p) if !name.starts_with('~') && !name.starts_with('.') && name != "_" => format!("{}.{name}", p.name),
            _ => name.to_string(),
        }
    }

    pub(crate) fn obj(&self, id: ObjId) -> &'a types::Object {
        &self.ctx.objects[id.0 as usize]
    }

    /// The type go/types recorded for an expression (invalid when missing).
    pub(crate) fn type_of(&self, e: &ast::Expr) -> types::TypeId {
        match self.fi().types.get(&e.id) {
            Some(tv) => self.sub(tv.ty),
            None => self.invalid_type(),
        }
    }

    pub(crate) fn tv(&self, e: &ast::Expr) -> Option<types::TypeAndValue> {
        let mut tv = self.fi().types.get(&e.id)?.clone();
        tv.ty = self.sub(tv.ty);
        Some(tv)
    }

    pub(crate) fn invalid_type(&self) -> types::TypeId {
        types::TypeId(0)
    }

    pub(crate) fn unsupported(&mut self, pos: Pos, what: impl Into<String>) {
        self.unsupported.push(Unsupported { file: self.file, pos, what: what.into() });
    }

    // ---- types ----

    /// The IR summary of a checker type, memoized.
    pub(crate) fn ir_type(&mut self, t: types::TypeId) -> TypeId {
        if let Some(&id) = self.type_map.get(&t) {
            return id;
        }
        let u = self.ctx.underlying(t);
        let kind = match &self.ctx.types[u.0 as usize] {
            Type::Basic(b) => {
                use types::BasicKind as B;
                match b {
                    B::Bool | B::UntypedBool => TypeKind::Bool,
                    B::Uintptr => TypeKind::Uintptr,
                    B::Float32 | B::Float64 | B::UntypedFloat => TypeKind::Float,
                    B::Complex64 | B::Complex128 | B::UntypedComplex => TypeKind::Complex,
                    B::String | B::UntypedString => TypeKind::String,
                    B::UnsafePointer => TypeKind::UnsafePointer,
                    B::UntypedNil | B::Invalid => TypeKind::Untyped,
                    _ => TypeKind::Int,
                }
            }
            Type::Pointer(_) => TypeKind::Pointer,
            Type::Slice(_) => TypeKind::Slice,
            Type::Array(n, _) => TypeKind::Array(*n),
            Type::Map(..) => TypeKind::Map,
            Type::Chan(..) => TypeKind::Chan,
            Type::Struct(_) => TypeKind::Struct,
            Type::Signature(_) => TypeKind::Func,
            Type::Interface(_) => TypeKind::Interface,
            Type::Tuple(..) => TypeKind::Tuple,
            // A type parameter's underlying type is its constraint interface; gc analyzes
            // instantiated (shaped) bodies, which we approximate by the constraint.
            Type::TypeParam(_) | Type::Named(_) => TypeKind::Interface,
            // Only constraint expressions have union types; no value does. `underlying`
            // looks through aliases.
            Type::Union(_) | Type::Alias { .. } => TypeKind::Interface,
        };
        let untyped = matches!(&self.ctx.types[u.0 as usize], Type::Basic(b) if b.is_untyped());
        let (size, has_pointers) = match kind {
            TypeKind::Tuple | TypeKind::Untyped => (0, false),
            _ if untyped => (0, false),
            _ => (self.ctx.size_of(t), self.ctx.has_pointers(t)),
        };
        let direct_iface = self.direct_iface(t);
        let display = self.gc_type_string(t);
        let underlying = self.link_type_string(u);
        // Reserve the slot before recursing: types can be recursive.
        let id = TypeId(self.out.types.len() as u32);
        self.out.types.push(TypeInfo {
            kind,
            size,
            has_pointers,
            direct_iface,
            elem: None,
            params: Vec::new(),
            results: Vec::new(),
            display,
            underlying,
        });
        self.type_map.insert(t, id);
        self.checker_types.push(t);
        let (elem, params, results) = match self.ctx.types[u.0 as usize].clone() {
            Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => {
                (Some(self.ir_type(e)), vec![], vec![])
            }
            Type::Map(_, v) => (Some(self.ir_type(v)), vec![], vec![]),
            Type::Signature(sig) => {
                let p = sig.params.iter().map(|f| self.ir_type(f.ty)).collect();
                let r = sig.results.iter().map(|f| self.ir_type(f.ty)).collect();
                (None, p, r)
            }
            _ => (None, vec![], vec![]),
        };
        let info = &mut self.out.types[id.0 as usize];
        info.elem = elem;
        info.params = params;
        info.results = results;
        id
    }

    /// gc's `types.IsDirectIface`: pointer-shaped types (one word, and that word a pointer,
    /// e.g. `struct{ _ [0]*T; u unsafe.Pointer }`) are stored in an interface directly. Up to
    /// gc 1.25 the rule is structural: a pointer, map, channel or function, or an array of one
    /// or a struct of exactly one field that is itself direct.
    fn direct_iface(&self, t: types::TypeId) -> bool {
        if self.out.rules.zero_size_array_fields_direct_iface {
            return self.ctx.size_of(t) == 8 && self.ctx.ptr_data_size(t) == 8;
        }
        self.structurally_direct_iface(t, 0)
    }

    fn structurally_direct_iface(&self, t: types::TypeId, depth: u32) -> bool {
        if depth > 64 {
            return false;
        }
        match self.ctx.ty(self.ctx.underlying(t)) {
            types::Type::Pointer(elem) => !self.ctx.not_in_heap(*elem, 0),
            types::Type::Map(..) | types::Type::Chan(..) | types::Type::Signature(_) => true,
            types::Type::Basic(types::BasicKind::UnsafePointer) => true,
            types::Type::Array(n, elem) => *n == 1 && self.structurally_direct_iface(*elem, depth + 1),
            types::Type::Struct(fields) => fields.len() == 1 && self.structurally_direct_iface(fields[0].ty, depth + 1),
            _ => false,
        }
    }

    /// The checker type an IR type summarises.
    pub(crate) fn checker_type(&self, t: TypeId) -> types::TypeId {
        self.checker_types.get(t.0 as usize).copied().unwrap_or(types::TypeId(0))
    }

    /// `*T` for an IR type `T`, made by lowering itself (for automatic `&`).
    pub(crate) fn ptr_to(&mut self, elem: TypeId) -> TypeId {
        if let Some(&p) = self.ptr_types.get(&elem) {
            return p;
        }
        let display = format!("*{}", self.out.types[elem.0 as usize].display);
        let underlying = display.clone();
        let id = self.push_made_type(TypeInfo {
            kind: TypeKind::Pointer,
            size: 8,
            has_pointers: true,
            direct_iface: true,
            elem: Some(elem),
            params: Vec::new(),
            results: Vec::new(),
            display,
            underlying,
        });
        self.ptr_types.insert(elem, id);
        id
    }

    /// `func()`, the type of go/defer wrappers.
    pub(crate) fn niladic_func_type(&mut self) -> TypeId {
        self.push_made_type(TypeInfo {
            kind: TypeKind::Func,
            size: 8,
            has_pointers: true,
            direct_iface: true,
            elem: None,
            params: Vec::new(),
            results: Vec::new(),
            display: "func()".into(),
            underlying: "func()".into(),
        })
    }

    fn push_made_type(&mut self, info: TypeInfo) -> TypeId {
        let id = TypeId(self.out.types.len() as u32);
        self.out.types.push(info);
        self.checker_types.push(types::TypeId(0));
        id
    }

    /// The predeclared empty interface (`any`), the parameter type of `panic`.
    pub(crate) fn empty_interface(&mut self) -> types::TypeId {
        if let Some(t) = self.empty_iface {
            return t;
        }
        let t = self
            .ctx
            .objects
            .iter()
            .find(|o| o.pkg.is_empty() && o.name == "any" && matches!(o.kind, ObjKind::TypeName { .. }))
            .and_then(|o| o.ty)
            .unwrap_or(types::TypeId(0));
        self.empty_iface = Some(t);
        t
    }

    // ---- functions and variables ----

    fn declare_func(&mut self, fd: &ast::FuncDecl) -> Option<FuncId> {
        // gc's noder writes no blank function or method (`func _() {...}`, the compile-time
        // checks of stringer's output): it is never compiled, so nothing is said about it.
        if fd.name.name == "_" {
            return None;
        }
        let obj = *self.fi().defs.get(&fd.name.pos)?;
        if !generic::type_params_of(self.ctx, obj).is_empty() {
            // Generic functions are lowered per instance (see `generic`).
            return None;
        }
        let fid = self.push_func_shell(fd, obj, false);
        if fd.recv.is_none() && fd.name.name == "init" {
            // gc numbers the package's own `init` functions: `init.0`, `init.1`, ...
            let is_user_init = |n: &str| n.strip_prefix("init.").is_some_and(|k| k.bytes().all(|b| b.is_ascii_digit()));
            let k = self.out.funcs.iter().filter(|f| f.outer.is_none() && is_user_init(&f.name)).count();
            self.out.funcs[fid.0 as usize].name = format!("init.{k}");
        }
        self.func_map.insert(obj, fid);
        self.declare_signature(fd, fid);
        Some(fid)
    }

    /// Adds the IR function for a declaration, without its parameters.
    fn push_func_shell(&mut self, fd: &ast::FuncDecl, obj: ObjId, dupok: bool) -> FuncId {
        let fid = FuncId(self.out.funcs.len() as u32);
        let ty = self.obj(obj).ty.unwrap_or(self.invalid_type());
        let name = self.method_or_func_name(fd);
        let fty = self.ir_type(ty);
        self.out.funcs.push(Func {
            dupok,
            decl_pos: fd.pos,
            noescape: fd.has_pragma("go:noescape"),
            uintptr_escapes: fd.has_pragma("go:uintptrescapes"),
            uintptr_keepalive: fd.has_pragma("go:uintptrkeepalive"),
            pragmas: Pragmas {
                noinline: fd.has_pragma("go:noinline"),
                cgo_unsafe_args: fd.has_pragma("go:cgo_unsafe_args"),
                yeswritebarrierrec: fd.has_pragma("go:yeswritebarrierrec"),
            },
            ..Func::new(name, self.file, fd.name.pos, fty)
        });
        fid
    }

    /// Declares the receiver, parameters and results of `fid` from its declaration.
    fn declare_signature(&mut self, fd: &ast::FuncDecl, fid: FuncId) {
        self.func = fid;
        let recv = fd.recv.as_ref().map(|r| self.declare_params(std::slice::from_ref(r), VarClass::Param));
        if self.cur_inst.is_some() {
            // A shaped function's dictionary parameter follows the receiver.
            self.next_dcl();
        }
        let params = self.declare_params(&fd.ty.params, VarClass::Param);
        let results = self.declare_results(&fd.ty.results, fd.ty.pos);
        let f = &mut self.out.funcs[fid.0 as usize];
        f.recv = recv.and_then(|mut v| v.pop());
        f.params = params;
        f.results = results;
    }

    /// gc's name for a stenciled instance: the generic function or receiver type with its
    /// shapes (`Map[go.shape.int,go.shape.string]`, `(*Stack[go.shape.string]).Pop`).
    fn instance_func_name(&self, fd: &ast::FuncDecl, inst: &generic::Instance) -> String {
        let shapes: Vec<String> = inst.shapes.iter().map(|&s| self.link_type_string(s)).collect();
        Self::instantiated_name(fd, &shapes.join(","))
    }

    /// A generic function or method's name with its type arguments spelled `args`
    /// (`F[int]`, `(*Stack[go.shape.string]).Pop`).
    pub(crate) fn instantiated_name(fd: &ast::FuncDecl, shapes: &str) -> String {
        let Some(r) = &fd.recv else { return format!("{}[{shapes}]", fd.name.name) };
        let mut t = r.ty.unparen();
        let mut ptr = false;
        if let ast::ExprKind::Star(x) = &t.kind {
            t = x.unparen();
            ptr = true;
        }
        if let ast::ExprKind::Index { x, .. } = &t.kind {
            t = x.unparen();
        }
        let base = match &t.kind {
            ast::ExprKind::Ident(n) => n.clone(),
            _ => "?".to_string(),
        };
        if ptr {
            format!("(*{base}[{shapes}]).{}", fd.name.name)
        } else {
            format!("{base}[{shapes}].{}", fd.name.name)
        }
    }

    /// gc's name for a declared function in diagnostics: `f`, `T.M`, `(*T).M`.
    fn method_or_func_name(&self, fd: &ast::FuncDecl) -> String {
        let Some(r) = &fd.recv else { return fd.name.name.clone() };
        let mut t = r.ty.unparen();
        let mut ptr = false;
        if let ast::ExprKind::Star(x) = &t.kind {
            t = x.unparen();
            ptr = true;
        }
        if let ast::ExprKind::Index { x, .. } = &t.kind {
            t = x.unparen();
        }
        let base = match &t.kind {
            ast::ExprKind::Ident(n) => n.clone(),
            _ => "?".to_string(),
        };
        if ptr {
            format!("(*{base}).{}", fd.name.name)
        } else {
            format!("{base}.{}", fd.name.name)
        }
    }

    pub(crate) fn declare_params(&mut self, fields: &[ast::Field], class: VarClass) -> Vec<Param> {
        let mut out = Vec::new();
        for f in fields {
            let fty = self.param_field_type(f);
            let ty = self.ir_type(fty);
            if f.names.is_empty() {
                self.next_dcl();
                out.push(Param { var: None, ty, pos: f.ty.pos });
                continue;
            }
            for n in &f.names {
                self.next_dcl();
                let var = if n.is_blank() {
                    None
                } else {
                    self.fi().defs.get(&n.pos).copied().map(|obj| self.new_var_for(obj, n, fty, class))
                };
                out.push(Param { var, ty, pos: n.pos });
            }
        }
        out
    }

    /// The declared type of a parameter field (`...T` is `[]T`).
    fn param_field_type(&self, f: &ast::Field) -> types::TypeId {
        if let Some(n) = f.names.first() {
            if let Some(&obj) = self.fi().defs.get(&n.pos) {
                if let Some(t) = self.obj_ty(obj) {
                    return t;
                }
            }
        }
        self.type_of(&f.ty)
    }

    pub(crate) fn declare_results(&mut self, fields: &[ast::Field], _pos: Pos) -> Vec<VarId> {
        let mut out = Vec::new();
        let mut index = 0;
        for f in fields {
            let fty = self.param_field_type(f);
            if f.names.is_empty() {
                self.next_dcl();
                out.push(self.new_var(format!("~r{index}"), f.ty.pos, fty, VarClass::Result));
                index += 1;
                continue;
            }
            for n in &f.names {
                self.next_dcl();
                let v = match self.fi().defs.get(&n.pos).copied() {
                    Some(obj) if !n.is_blank() => self.new_var_for(obj, n, fty, VarClass::Result),
                    _ => self.new_var(format!("~r{index}"), n.pos, fty, VarClass::Result),
                };
                out.push(v);
                index += 1;
            }
        }
        out
    }

    pub(crate) fn new_var(&mut self, name: String, pos: Pos, t: types::TypeId, class: VarClass) -> VarId {
        let ty = self.ir_type(t);
        let name = self.qualify_ident(&name);
        let id = VarId(self.out.vars.len() as u32);
        self.out.vars.push(Var { name, pos, ty, class, func: self.func });
        id
    }

    pub(crate) fn new_var_for(&mut self, obj: ObjId, n: &ast::Ident, t: types::TypeId, class: VarClass) -> VarId {
        let v = self.new_var(n.name.clone(), n.pos, t, class);
        self.var_map.insert(obj, v);
        v
    }

    /// A compiler temporary (gc's `.autotmp_N`), never reported.
    pub(crate) fn temp(&mut self, pos: Pos, t: types::TypeId) -> VarId {
        let name = format!(".autotmp_{}", self.next_dcl());
        self.new_var(name, pos, t, VarClass::Local)
    }

    /// A temporary gc makes only after reading the whole function ([`Self::late_temps`]).
    pub(crate) fn late_temp(&mut self, pos: Pos, t: types::TypeId) -> VarId {
        let v = self.new_var(String::new(), pos, t, VarClass::Local);
        self.out.vars[v.0 as usize].name = late_temp_placeholder(v);
        self.late_temps.push(v);
        v
    }

    /// Numbers the late temporaries after their functions' declarations, and puts their names
    /// into the text that refers to them.
    fn name_late_temps(&mut self) {
        if self.late_temps.is_empty() {
            return;
        }
        let mut names: HashMap<String, String> = HashMap::default();
        let mut funcs = HashSet::default();
        for v in std::mem::take(&mut self.late_temps) {
            let f = self.out.vars[v.0 as usize].func;
            let n = self.dcl_len.entry(f).or_insert(0);
            let name = format!(".autotmp_{n}");
            *n += 1;
            let var = &mut self.out.vars[v.0 as usize];
            names.insert(std::mem::replace(&mut var.name, name.clone()), name);
            funcs.insert(f);
        }
        let rename = |text: &mut String| {
            if text.contains(LATE_TEMP_MARK) {
                for (from, to) in &names {
                    if text.contains(from.as_str()) {
                        *text = text.replace(from.as_str(), to);
                    }
                }
            }
        };
        fn exprs(e: &mut Expr, rename: &dyn Fn(&mut String)) {
            rename(&mut e.text);
            crate::visit::each_child_mut(e, |c| exprs(c, rename));
        }
        for f in funcs {
            let Some(body) = self.out.funcs[f.0 as usize].body.as_mut() else { continue };
            crate::visit::for_each_stmt_mut(body, &mut |s| {
                if let StmtKind::Assign { display, .. } = &mut s.kind {
                    rename(display);
                }
                crate::visit::each_stmt_expr_mut(s, |e| exprs(e, &rename));
            });
        }
    }

    /// Counts one more name declared by the function being lowered; returns how many it had.
    pub(crate) fn next_dcl(&mut self) -> u32 {
        let n = self.dcl_len.entry(self.func).or_insert(0);
        *n += 1;
        *n - 1
    }

    /// Counts the variables an assignment's left side defines before its right side is
    /// lowered, as gc's noder declares them first.
    pub(crate) fn precount_defs(&mut self, lhs: &[ast::Expr]) {
        for l in lhs {
            if let ast::ExprKind::Ident(n) = &l.unparen().kind {
                self.precount_def(n, l.pos);
            }
        }
    }

    /// [`Self::precount_defs`] for one name at `pos`.
    pub(crate) fn precount_def(&mut self, name: &str, pos: Pos) {
        if name == "_" {
            return;
        }
        if let Some(&obj) = self.fi().defs.get(&pos) {
            if !self.var_map.contains_key(&obj) && self.precounted.insert(obj) {
                self.next_dcl();
            }
        }
    }

    /// Starts a closure nested in the current function; returns its id.
    pub(crate) fn new_closure(&mut self, pos: Pos, t: types::TypeId) -> FuncId {
        let fty = self.ir_type(t);
        self.new_closure_ir(pos, fty)
    }

    pub(crate) fn new_closure_ir(&mut self, pos: Pos, fty: TypeId) -> FuncId {
        self.new_closure_named(pos, fty, None)
    }

    /// A closure of the current function; `wrap` names a go/defer wrapper instead of a function
    /// literal (`f.gowrap1`, `f.deferwrap2`: gc numbers those apart, go and defer together), or
    /// with `-range` the body of a range-over-func loop (`f-range1`, nested `f-range1-range1`).
    pub(crate) fn new_closure_named(&mut self, pos: Pos, fty: TypeId, wrap: Option<&str>) -> FuncId {
        let outer = self.func;
        // The function whose name and counters the new one takes: the enclosing one, or with
        // gc 1.26's rules, for one made inside a range-over-func body, the function the loop
        // is in.
        let namer = match self.out.funcs[outer.0 as usize].range_parent {
            Some(parent) if self.out.rules.range_bodies_named_in_range_parent => parent,
            _ => outer,
        };
        let outer_name = self.out.funcs[namer.0 as usize].name.clone();
        // The parts of `init` are one function to gc: their closures are numbered together.
        let counted = match self.init_parts.iter().flatten().next() {
            Some(&first) if self.init_parts.contains(&Some(namer)) => first,
            _ => namer,
        };
        let name = match wrap {
            Some("-range") => {
                let n = self.range_body_count.entry(namer).or_insert(0);
                *n += 1;
                format!("{outer_name}-range{n}")
            }
            Some(kind) => {
                let n = self.go_defer_count.entry(counted).or_insert(0);
                *n += 1;
                format!("{outer_name}.{kind}{n}")
            }
            None if self.init_parts.contains(&Some(namer)) && self.global_lit_number(pos).is_some() => {
                let n = self.global_lit_number(pos).unwrap_or(0);
                self.package_literal_name(n)
            }
            None => {
                let n = self.closure_count.entry(counted).or_insert(0);
                *n += 1;
                if self.out.funcs[namer.0 as usize].outer.is_none() {
                    format!("{outer_name}.func{n}")
                } else {
                    format!("{outer_name}.{n}")
                }
            }
        };
        let dupok = self.out.funcs[outer.0 as usize].dupok;
        let fid = FuncId(self.out.funcs.len() as u32);
        let range_parent =
            (wrap == Some("-range")).then(|| self.out.funcs[outer.0 as usize].range_parent.unwrap_or(outer));
        self.out.funcs.push(Func {
            outer: Some(outer),
            dupok,
            literal: true,
            range_parent,
            ..Func::new(name, self.file, pos, fty)
        });
        fid
    }

    /// The local variable an object denotes, creating it on first sight (a definition).
    pub(crate) fn local_var(&mut self, obj: ObjId, pos: Pos) -> VarId {
        if let Some(&v) = self.rename.get(&obj) {
            return v;
        }
        if let Some(&v) = self.var_map.get(&obj) {
            return v;
        }
        if !self.precounted.remove(&obj) {
            self.next_dcl();
        }
        let o = self.obj(obj);
        let t = self.obj_ty(obj).unwrap_or(self.invalid_type());
        let ident = ast::Ident { name: o.name.clone(), pos: if o.pos == Pos::NONE { pos } else { o.pos } };
        self.new_var_for(obj, &ident, t, VarClass::Local)
    }

    /// Whether `obj` is a local variable of the function being lowered (or an enclosing one).
    pub(crate) fn is_local_var(&self, obj: ObjId) -> bool {
        matches!(self.obj(obj).kind, ObjKind::Var { global: false, field: false, .. })
    }

    /// Records, for a closure being lowered, every variable it uses from outside itself, and
    /// where it first refers to it.
    pub(crate) fn note_capture(&mut self, v: VarId, pos: Pos) {
        let owner = self.out.vars[v.0 as usize].func;
        let mut f = self.func;
        while f != owner {
            let func = &mut self.out.funcs[f.0 as usize];
            match func.captures.iter().position(|&c| c == v) {
                // gc reads an assignment's left side before its right side, which lowering
                // visits first: the reference earliest in the source is the first gc sees.
                Some(i) => func.capture_pos[i] = func.capture_pos[i].min(pos),
                None => {
                    func.captures.push(v);
                    func.capture_pos.push(pos);
                }
            }
            match func.outer {
                Some(o) => f = o,
                None => break,
            }
        }
    }

    // ---- prescan: what gc's frontend knows before escape analysis ----

    /// Finds loop variables that are captured by closures or have their address taken (they
    /// become per-iteration variables), and locals assigned only at their definition.
    fn prescan_body(&mut self, stmts: &[ast::Stmt]) {
        let mut scan = expr::Prescan::new(self);
        for s in stmts {
            scan.stmt(s);
        }
        let (loop_vars, deep_captured, single) = scan.finish();
        // Before Go 1.22 a loop's variables are one per loop, not per iteration: no copies.
        let version = if self.out.rules.loopvar_follows_file_version {
            self.file_go_version()
        } else {
            self.foreign_pkg().unwrap_or(self.tpkg).go_version
        };
        if version >= (1, 22) {
            self.escaping_loop_vars = loop_vars;
            self.reassigned_loop_copies = deep_captured;
        } else {
            self.escaping_loop_vars = HashSet::default();
            self.reassigned_loop_copies = HashSet::default();
        }
        self.single_defs = single;
    }
}

/// Labels that a `goto` placed after them jumps to: gc treats such a label as the head of a
/// loop (`escape/stmt.go`, "looping label").
fn backward_gotos(stmts: &[ast::Stmt]) -> HashSet<String> {
    fn walk(stmts: &[ast::Stmt], seen: &mut HashSet<String>, out: &mut HashSet<String>) {
        for s in stmts {
            walk_stmt(s, seen, out);
        }
    }
    fn walk_stmt(s: &ast::Stmt, seen: &mut HashSet<String>, out: &mut HashSet<String>) {
        use ast::StmtKind as S;
        match &s.kind {
            S::Labeled { label, stmt } => {
                seen.insert(label.name.clone());
                walk_stmt(stmt, seen, out);
            }
            S::Branch { kind: ast::BranchKind::Goto, label: Some(l) } if seen.contains(&l.name) => {
                out.insert(l.name.clone());
            }
            S::Block(b) => walk(&b.stmts, seen, out),
            S::If { then, els, .. } => {
                walk(&then.stmts, seen, out);
                if let Some(e) = els {
                    walk_stmt(e, seen, out);
                }
            }
            S::For { body, .. } | S::Range { body, .. } => walk(&body.stmts, seen, out),
            S::Switch { body, .. } | S::TypeSwitch { body, .. } => {
                for c in body {
                    walk(&c.body, seen, out);
                }
            }
            S::Select { body } => {
                for c in body {
                    walk(&c.body, seen, out);
                }
            }
            _ => {}
        }
    }
    let mut seen = HashSet::default();
    let mut out = HashSet::default();
    walk(stmts, &mut seen, &mut out);
    out
}

/// What the inlining-mode passes at the end of lowering need of every body, gathered in one walk
/// per body however often they run (bodies lowered in between are walked when next updated).
#[derive(Default)]
struct BodyScan {
    /// Bodies walked so far.
    scanned: Vec<bool>,
    /// The types some body converts to an interface.
    converted: std::collections::BTreeSet<TypeId>,
    /// The method names some interface call names.
    called: HashSet<String>,
    /// The method values of non-inline-only bodies, first sites first: (receiver type and target
    /// key, callee, target).
    method_values: Vec<(String, Callee, FuncId)>,
}

impl BodyScan {
    fn update(&mut self, pkg: &Package) {
        self.scanned.resize(pkg.funcs.len(), false);
        for (i, f) in pkg.funcs.iter().enumerate() {
            let Some(body) = &f.body else { continue };
            if std::mem::replace(&mut self.scanned[i], true) {
                continue;
            }
            crate::visit::for_each_expr_in_stmts(body, &mut |e| match &e.kind {
                ExprKind::ConvIface { x, .. } => {
                    self.converted.insert(x.ty);
                }
                ExprKind::Call(c) => {
                    if let CallKind::Inter { method, .. } = &c.kind {
                        if !self.called.contains(method) {
                            self.called.insert(method.clone());
                        }
                    }
                }
                ExprKind::MethodValue { recv, callee, wrapper: false } if !f.inline_only => {
                    let target = match callee {
                        Callee::Local(g) => Some(*g),
                        Callee::Extern(x) => x.inline,
                        Callee::Dynamic => None,
                    };
                    if let Some(g) = target {
                        let key = format!("{}\u{0}{}", pkg.types[recv.ty.0 as usize].display, g.0);
                        if !self.method_values.iter().any(|(k, _, _)| *k == key) {
                            self.method_values.push((key, callee.clone(), g));
                        }
                    }
                }
                _ => {}
            });
        }
    }
}
