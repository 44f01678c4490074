//! Objects: what identifiers denote (go/types' `Object` implementations).

use crate::constant::Value;
use crate::ty::TypeId;
use syntax::Pos;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjId(pub u32);

/// Which package-level or local thing an identifier denotes.
#[derive(Clone, Debug)]
pub enum ObjKind {
    /// A variable: package-level (`global`), local, parameter, result or struct field.
    Var {
        global: bool,
        param: bool,
        result: bool,
        field: bool,
        embedded: bool,
    },
    /// A constant with its exact value.
    Const(Value),
    /// A type name (declared type, alias, or type parameter).
    TypeName {
        alias: bool,
    },
    /// A function or method (its type is a `Signature`).
    Func,
    /// An imported package: the import path.
    PkgName(String),
    /// A predeclared builtin function (`append`, `len`, `unsafe.Sizeof`, ...).
    Builtin(crate::Builtin),
    /// The predeclared `nil`.
    Nil,
    Label,
}

#[derive(Clone, Debug)]
pub struct Object {
    pub name: String,
    pub kind: ObjKind,
    /// `None` while a package-level object is not yet type-checked.
    pub ty: Option<TypeId>,
    /// The package path (empty for the universe).
    pub pkg: String,
    /// Index of the file (within its package) and position of the declaring identifier.
    pub file: u32,
    pub pos: Pos,
    /// For package-level functions and methods: the index of the declaration in the package's
    /// files (`(file, decl)`), so lowering can find the body.
    pub decl: Option<(u32, u32)>,
    /// Compiler directives on a function declaration (`go:noescape`, `goescape:leaks ...`).
    pub pragmas: Vec<String>,
}

impl Object {
    pub fn is_exported(&self) -> bool {
        self.name.chars().next().is_some_and(|c| c.is_uppercase())
    }
}
