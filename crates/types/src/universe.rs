//! The universe scope: predeclared types, constants, nil and builtins (go/types' `universe.go`),
//! plus the arena primitives every other module uses (interning, object creation).
//!
//! Layout invariant: `TypeId(k as u32)` is `Type::Basic(k)` for every [`BasicKind`] `k`, so
//! [`Ctx::basic`] needs no lookup; `byte` and `rune` follow as distinct ids ([`BYTE`], [`RUNE`])
//! that are identical to `uint8`/`int32` but print as written.

use crate::constant::Value;
use crate::object::{ObjId, ObjKind, Object};
use crate::ty::{BasicKind, Field, Interface, Method, Named, Signature, Type, TypeId};
use crate::{Builtin, Ctx, Package};
use rustc_hash::FxHashMap as HashMap;
use syntax::Pos;

/// Every basic kind, in declaration order (which is also their `TypeId`).
pub const BASIC_KINDS: [BasicKind; 26] = {
    use BasicKind::*;
    [
        Invalid,
        Bool,
        Int,
        Int8,
        Int16,
        Int32,
        Int64,
        Uint,
        Uint8,
        Uint16,
        Uint32,
        Uint64,
        Uintptr,
        Float32,
        Float64,
        Complex64,
        Complex128,
        String,
        UnsafePointer,
        UntypedBool,
        UntypedInt,
        UntypedRune,
        UntypedFloat,
        UntypedComplex,
        UntypedString,
        UntypedNil,
    ]
};

/// The `byte` type: a `Basic(Uint8)` distinct from `uint8` only in how it prints.
pub const BYTE: TypeId = TypeId(26);
/// The `rune` type: a `Basic(Int32)` distinct from `int32` only in how it prints.
pub const RUNE: TypeId = TypeId(27);
/// `invalid type`.
pub const INVALID: TypeId = TypeId(0);

const BUILTINS: [(&str, Builtin); 18] = [
    ("append", Builtin::Append),
    ("cap", Builtin::Cap),
    ("clear", Builtin::Clear),
    ("close", Builtin::Close),
    ("complex", Builtin::Complex),
    ("copy", Builtin::Copy),
    ("delete", Builtin::Delete),
    ("imag", Builtin::Imag),
    ("len", Builtin::Len),
    ("make", Builtin::Make),
    ("max", Builtin::Max),
    ("min", Builtin::Min),
    ("new", Builtin::New),
    ("panic", Builtin::Panic),
    ("print", Builtin::Print),
    ("println", Builtin::Println),
    ("real", Builtin::Real),
    ("recover", Builtin::Recover),
];

const UNSAFE_BUILTINS: [(&str, Builtin); 8] = [
    ("Add", Builtin::Add),
    ("Alignof", Builtin::Alignof),
    ("Offsetof", Builtin::Offsetof),
    ("Sizeof", Builtin::Sizeof),
    ("Slice", Builtin::Slice),
    ("SliceData", Builtin::SliceData),
    ("String", Builtin::String),
    ("StringData", Builtin::StringData),
];

impl Ctx {
    /// A context with the universe scope and package `unsafe` in place.
    pub fn new() -> Ctx {
        let mut ctx = Ctx::default();
        ctx.ensure_universe();
        ctx
    }

    /// The basic type of kind `k`.
    pub fn basic(&self, k: BasicKind) -> TypeId {
        TypeId(k as u32)
    }

    /// The type behind `id`, looking through aliases.
    pub fn ty(&self, id: TypeId) -> &Type {
        &self.types[self.unalias(id).0 as usize]
    }

    /// `t` with aliases looked through (only the outermost type; see [`Ctx::unalias_deep`]).
    pub fn unalias(&self, mut t: TypeId) -> TypeId {
        while let Some(Type::Alias { actual, .. }) = self.types.get(t.0 as usize) {
            t = *actual;
        }
        t
    }

    /// The object behind `id`.
    pub fn obj(&self, id: ObjId) -> &Object {
        &self.objects[id.0 as usize]
    }

    /// Adds a type. Composite types are interned (a structurally equal type written with the
    /// same component ids gets the same id); `Named` and `TypeParam` always get a fresh id.
    pub fn new_type(&mut self, t: Type) -> TypeId {
        let key = match &t {
            Type::Named(_) | Type::TypeParam(_) | Type::Alias { .. } => None,
            Type::Basic(k) => return self.basic(*k),
            _ => Some(format!("{t:?}")),
        };
        if let Some(k) = &key {
            if let Some(&id) = self.interned.get(k) {
                return id;
            }
        }
        let id = TypeId(self.types.len() as u32);
        self.types.push(t);
        if let Some(k) = key {
            self.interned.insert(k, id);
        }
        id
    }

    pub fn new_pointer(&mut self, elem: TypeId) -> TypeId {
        self.new_type(Type::Pointer(elem))
    }

    pub fn new_slice(&mut self, elem: TypeId) -> TypeId {
        self.new_type(Type::Slice(elem))
    }

    /// A tuple of unnamed values.
    pub fn new_tuple(&mut self, elems: Vec<TypeId>) -> TypeId {
        self.new_type(Type::Tuple(elems, Vec::new()))
    }

    /// The tuple of `vars` (a signature's results), keeping their names for printing.
    pub fn new_var_tuple(&mut self, vars: &[Field]) -> TypeId {
        let elems = vars.iter().map(|f| f.ty).collect();
        let names = if vars.iter().all(|f| f.name.is_empty()) {
            Vec::new()
        } else {
            vars.iter().map(|f| f.name.clone()).collect()
        };
        self.new_type(Type::Tuple(elems, names))
    }

    /// Adds an object.
    pub fn new_obj(&mut self, o: Object) -> ObjId {
        let id = ObjId(self.objects.len() as u32);
        self.objects.push(o);
        id
    }

    /// Fills in the universe and package `unsafe` once.
    pub fn ensure_universe(&mut self) {
        if !self.types.is_empty() {
            return;
        }
        for k in BASIC_KINDS {
            self.types.push(Type::Basic(k));
        }
        self.types.push(Type::Basic(BasicKind::Uint8)); // byte
        self.types.push(Type::Basic(BasicKind::Int32)); // rune
        let mut scope = HashMap::default();
        let mut add = |ctx: &mut Ctx, name: &str, kind: ObjKind, ty: Option<TypeId>| {
            let id = ctx.new_obj(univ_obj(name, kind, ty));
            scope.insert(name.to_string(), id);
            id
        };
        for k in &BASIC_KINDS[1..18] {
            add(self, k.name(), ObjKind::TypeName { alias: false }, Some(self.basic(*k)));
        }
        add(self, "byte", ObjKind::TypeName { alias: true }, Some(BYTE));
        add(self, "rune", ObjKind::TypeName { alias: true }, Some(RUNE));
        let ub = self.basic(BasicKind::UntypedBool);
        add(self, "true", ObjKind::Const(Value::Bool(true)), Some(ub));
        add(self, "false", ObjKind::Const(Value::Bool(false)), Some(ub));
        let ui = self.basic(BasicKind::UntypedInt);
        add(self, "iota", ObjKind::Const(Value::int(0)), Some(ui));
        let un = self.basic(BasicKind::UntypedNil);
        add(self, "nil", ObjKind::Nil, Some(un));
        for (name, b) in BUILTINS {
            add(self, name, ObjKind::Builtin(b), Some(INVALID));
        }

        // any: an empty interface with its own id (so that it prints as `any`).
        let empty = Interface {
            methods: vec![],
            embeddeds: vec![],
            unions: vec![],
            comparable: false,
            complete: true,
            all_methods: vec![],
            implicit: false,
        };
        self.types.push(Type::Interface(empty.clone()));
        self.any_type = TypeId(self.types.len() as u32 - 1);
        let any = self.any_type;
        add(self, "any", ObjKind::TypeName { alias: true }, Some(any));

        // error: type error interface { Error() string }
        let err_obj = add(self, "error", ObjKind::TypeName { alias: false }, None);
        let str_ty = self.basic(BasicKind::String);
        let sig = self.new_type(Type::Signature(Signature {
            recv: None,
            params: vec![],
            results: vec![Field {
                name: String::new(),
                ty: str_ty,
                embedded: false,
                pkg: String::new(),
                obj: None,
                tag: String::new(),
            }],
            variadic: false,
            type_params: vec![],
        }));
        let m_obj = self.new_obj(univ_obj("Error", ObjKind::Func, Some(sig)));
        let m = Method { name: "Error".into(), sig, pkg: String::new(), obj: Some(m_obj) };
        let iface = self.new_type(Type::Interface(Interface {
            methods: vec![m.clone()],
            embeddeds: vec![],
            unions: vec![],
            comparable: false,
            complete: true,
            all_methods: vec![m],
            implicit: false,
        }));
        self.error_type = self.new_type(Type::Named(Named {
            obj: err_obj,
            underlying: Some(iface),
            methods: vec![],
            type_params: vec![],
            origin: None,
            type_args: vec![],
        }));
        self.objects[err_obj.0 as usize].ty = Some(self.error_type);

        // comparable: type comparable interface{ comparable }
        let cmp_obj = add(self, "comparable", ObjKind::TypeName { alias: false }, None);
        let ciface = self.new_type(Type::Interface(Interface { comparable: true, ..empty }));
        self.comparable_type = self.new_type(Type::Named(Named {
            obj: cmp_obj,
            underlying: Some(ciface),
            methods: vec![],
            type_params: vec![],
            origin: None,
            type_args: vec![],
        }));
        self.objects[cmp_obj.0 as usize].ty = Some(self.comparable_type);
        self.universe = scope;

        // package unsafe
        let mut uscope = HashMap::default();
        let mut order = Vec::new();
        let up = self.basic(BasicKind::UnsafePointer);
        let mut pobj = univ_obj("Pointer", ObjKind::TypeName { alias: false }, Some(up));
        pobj.pkg = "unsafe".into();
        let pid = self.new_obj(pobj);
        uscope.insert("Pointer".to_string(), pid);
        order.push(pid);
        for (name, b) in UNSAFE_BUILTINS {
            let mut o = univ_obj(name, ObjKind::Builtin(b), Some(INVALID));
            o.pkg = "unsafe".into();
            let id = self.new_obj(o);
            uscope.insert(name.to_string(), id);
            order.push(id);
        }
        self.packages.insert(
            "unsafe".into(),
            Package {
                path: "unsafe".into(),
                name: "unsafe".into(),
                scope: uscope,
                decl_order: order,
                go_version: (1, 27),
                imports: Vec::new(),
            },
        );
    }
}

fn univ_obj(name: &str, kind: ObjKind, ty: Option<TypeId>) -> Object {
    Object {
        name: name.to_string(),
        kind,
        ty,
        pkg: String::new(),
        file: 0,
        pos: Pos::NONE,
        decl: None,
        pragmas: vec![],
    }
}
