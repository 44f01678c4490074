//! Type representation: an interning arena of Go types, as in go/types' `Type` implementations.
//!
//! Types are referred to by [`TypeId`] into a [`TypeArena`]; structurally identical composite
//! types share an id (interning), so identity of unnamed types is id equality, as go/types'
//! `Identical` is for them. Named types and type parameters are nominal: each declaration (and
//! each instantiation of a generic named type) gets its own id.

use crate::object::ObjId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub u32);

impl Default for TypeId {
    /// `invalid type`.
    fn default() -> TypeId {
        TypeId(0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BasicKind {
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
}

impl BasicKind {
    pub fn is_untyped(self) -> bool {
        use BasicKind::*;
        matches!(
            self,
            UntypedBool | UntypedInt | UntypedRune | UntypedFloat | UntypedComplex | UntypedString | UntypedNil
        )
    }
    pub fn is_integer(self) -> bool {
        use BasicKind::*;
        matches!(
            self,
            Int | Int8
                | Int16
                | Int32
                | Int64
                | Uint
                | Uint8
                | Uint16
                | Uint32
                | Uint64
                | Uintptr
                | UntypedInt
                | UntypedRune
        )
    }
    pub fn is_unsigned(self) -> bool {
        use BasicKind::*;
        matches!(self, Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
    }
    pub fn is_float(self) -> bool {
        matches!(self, BasicKind::Float32 | BasicKind::Float64 | BasicKind::UntypedFloat)
    }
    pub fn is_complex(self) -> bool {
        matches!(self, BasicKind::Complex64 | BasicKind::Complex128 | BasicKind::UntypedComplex)
    }
    pub fn is_numeric(self) -> bool {
        self.is_integer() || self.is_float() || self.is_complex()
    }
    pub fn is_string(self) -> bool {
        matches!(self, BasicKind::String | BasicKind::UntypedString)
    }
    /// The name go/types prints (`untyped int` for untyped kinds, `unsafe.Pointer`).
    pub fn name(self) -> &'static str {
        use BasicKind::*;
        match self {
            Invalid => "invalid type",
            Bool => "bool",
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            Float32 => "float32",
            Float64 => "float64",
            Complex64 => "complex64",
            Complex128 => "complex128",
            String => "string",
            UnsafePointer => "unsafe.Pointer",
            UntypedBool => "untyped bool",
            UntypedInt => "untyped int",
            UntypedRune => "untyped rune",
            UntypedFloat => "untyped float",
            UntypedComplex => "untyped complex",
            UntypedString => "untyped string",
            UntypedNil => "untyped nil",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

/// A struct field or a parameter/result.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    /// Empty for unnamed parameters; for an embedded field, the type's name.
    pub name: String,
    pub ty: TypeId,
    pub embedded: bool,
    /// The package path of an unexported field's package (unexported names are qualified by
    /// package for identity), empty for exported ones.
    pub pkg: String,
    /// The field's object (`Var`), when declared in source.
    pub obj: Option<ObjId>,
    /// A struct field's tag (unquoted; empty if none). Printed as go/types does, but
    /// [`crate::Ctx::identical`] ignores it (as conversions do), unlike go/types' `Identical`.
    pub tag: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signature {
    pub recv: Option<Field>,
    pub params: Vec<Field>,
    pub results: Vec<Field>,
    /// The last parameter is `...T` (its type is `[]T`).
    pub variadic: bool,
    /// Type parameters of a generic function (objects of kind `TypeName` with `TypeParam` types).
    pub type_params: Vec<TypeId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Method {
    pub name: String,
    /// A `Signature` type (receiver omitted for interface methods).
    pub sig: TypeId,
    pub pkg: String,
    pub obj: Option<ObjId>,
}

/// A term of an interface's type set: `T` or `~T`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    pub tilde: bool,
    pub ty: TypeId,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Interface {
    /// Explicitly declared methods.
    pub methods: Vec<Method>,
    /// Embedded interfaces and type-set unions (each union is a list of terms).
    pub embeddeds: Vec<TypeId>,
    /// For union elements embedded in constraint interfaces.
    pub unions: Vec<Vec<Term>>,
    /// `comparable` or an interface embedding it.
    pub comparable: bool,
    /// `true` once `all_methods` is computed (embedded interfaces flattened, sorted by name).
    pub complete: bool,
    pub all_methods: Vec<Method>,
    /// The interface a constraint that is not an interface stands for: `~int | string` in
    /// `[T ~int | string]` means `interface{~int | string}`, and prints as its element
    /// (go/types' implicit interfaces).
    pub implicit: bool,
}

#[derive(Clone, Debug)]
pub struct Named {
    /// The `TypeName` object.
    pub obj: ObjId,
    /// `None` until resolved (cycles are detected through this).
    pub underlying: Option<TypeId>,
    /// Declared methods (`Func` objects), in source order.
    pub methods: Vec<ObjId>,
    /// Type parameters of a generic type.
    pub type_params: Vec<TypeId>,
    /// For an instance: the generic type it instantiates and the arguments.
    pub origin: Option<TypeId>,
    pub type_args: Vec<TypeId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TypeParam {
    pub obj: ObjId,
    pub index: u32,
    /// An interface type.
    pub constraint: TypeId,
}

/// The types themselves. Composite ones are interned; `Named` and `TypeParam` are not.
#[derive(Clone, Debug)]
pub enum Type {
    Basic(BasicKind),
    Pointer(TypeId),
    Slice(TypeId),
    Array(i64, TypeId),
    Map(TypeId, TypeId),
    Chan(ChanDir, TypeId),
    Struct(Vec<Field>),
    Signature(Signature),
    Interface(Interface),
    /// The values of a multi-valued expression, and their variable names as go/types keeps
    /// them (a call's tuple is its signature's results: `(n int, err error)`). The names are
    /// empty when no value is named, otherwise one per value (`""` for an unnamed one); they
    /// are for printing only, identity ignores them as go/types' does.
    Tuple(Vec<TypeId>, Vec<String>),
    Named(Named),
    TypeParam(TypeParam),
    /// A union of terms (`~int | string`), as go/types records for a term or union
    /// expression inside a constraint. Only ever the recorded type of such an expression:
    /// interfaces keep their type sets in [`Interface::unions`], and no value has a union type.
    Union(Vec<Term>),
    /// A use of an alias declared in the package being checked (`type _type = abi.Type`), as
    /// go/types materializes them: it prints as the alias' name. [`crate::Ctx::ty`] looks
    /// through it, and no checked package exposes it (see [`crate::alias`]).
    Alias {
        obj: ObjId,
        actual: TypeId,
    },
}
