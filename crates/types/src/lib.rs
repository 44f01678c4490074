//! The Go type checker: a port of go/types' algorithms.
//!
//! [`check_package`] takes a package's parsed files and the already-checked packages it imports,
//! and returns a [`Package`] (its scope of objects) plus [`Info`]: side tables keyed by
//! expression id that record what go/types' `types.Info` records — the type and constant value
//! of every expression, what every identifier uses or defines, and the selection behind every
//! selector. All packages of one analysis share one [`Ctx`] (types and objects arenas), so an
//! imported type is the same `TypeId` in every importer.
//!
//! The checker never panics on bad input: errors are collected as [`TypeError`]s with gc-style
//! positions, and checking goes on with `invalid type` where needed.

pub mod alias;
pub mod check;
pub mod constant;
pub mod lookup;
pub mod object;
pub mod predicates;
pub mod sizes;
pub mod subst;
pub mod ty;
pub mod typestring;
pub mod universe;

use rustc_hash::FxHashMap as HashMap;

pub use constant::{ConstStr, Value};
pub use object::{ObjId, ObjKind, Object};
pub use ty::{BasicKind, ChanDir, Field, Interface, Method, Named, Signature, Type, TypeId, TypeParam};

use syntax::ast::ExprId;
use syntax::Pos;

/// Predeclared functions (`universe` and `unsafe`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    Append,
    Cap,
    Clear,
    Close,
    Complex,
    Copy,
    Delete,
    Imag,
    Len,
    Make,
    Max,
    Min,
    New,
    Panic,
    Print,
    Println,
    Real,
    Recover,
    // package unsafe
    Add,
    Alignof,
    Offsetof,
    Sizeof,
    Slice,
    SliceData,
    String,
    StringData,
}

/// A type error, reported as gc does (`path:line:col: msg`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeError {
    pub file: u32,
    pub pos: Pos,
    pub msg: String,
    /// Further (file, position, message) lines that explain it, which gc prints indented by a
    /// tab under it (the steps of an instantiation cycle).
    pub related: Vec<(u32, Pos, String)>,
}

/// The arenas shared by every package of one analysis.
#[derive(Debug, Default)]
pub struct Ctx {
    pub types: Vec<Type>,
    pub objects: Vec<Object>,
    /// Interning of composite types (key: the structural type).
    pub interned: HashMap<String, TypeId>,
    /// [`Ctx::unalias_deep`]'s answers.
    pub unaliased: HashMap<TypeId, TypeId>,
    /// Checked packages by import path.
    pub packages: HashMap<String, Package>,
    /// The universe scope (predeclared objects by name); filled by [`Ctx::new`] or the first
    /// [`check_package`].
    pub universe: HashMap<String, ObjId>,
    /// Predeclared types that are not basic: `error`, `any` (an empty interface distinct
    /// from the interned `interface{}` so it prints as `any`) and `comparable`.
    pub error_type: TypeId,
    pub any_type: TypeId,
    pub comparable_type: TypeId,
    /// Sizes and pointer facts of defined types already computed (see `sizes.rs`).
    pub(crate) size_memo: sizes::Memo,
}

/// A checked package: what importers see.
#[derive(Clone, Debug)]
pub struct Package {
    pub path: String,
    pub name: String,
    /// Package-level objects by name (all of them, exported or not).
    pub scope: HashMap<String, ObjId>,
    /// Package-level objects in declaration order (files in order, declarations in order).
    pub decl_order: Vec<ObjId>,
    /// The language version the package is checked with (`go 1.N` of its module).
    pub go_version: (u32, u32),
    /// The paths its files import, each once, in order (types2's `Package.Imports`).
    pub imports: Vec<String>,
}

/// Whether an expression denotes a value, a type, a package, ... (go/types' operand modes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Invalid,
    NoValue,
    Builtin,
    TypeExpr,
    Constant,
    Variable,
    MapIndex,
    Value,
    CommaOk,
}

/// What the checker learned about one expression (go/types' `TypeAndValue`).
#[derive(Clone, Debug)]
pub struct TypeAndValue {
    pub mode: Mode,
    /// After untyped constants have been given their final (context) type.
    pub ty: TypeId,
    pub value: Option<Value>,
    /// For a comma-ok expression used for two values (`v, ok := m[k]`, `x.(T)`, `<-ch`): the
    /// type of the `ok` value (`bool`, or the boolean type of the variable it is assigned to).
    /// go/types then records the tuple `(ty, ok)` as the expression's type; we keep `ty` the
    /// type of the first value, which is what consumers such as the IR lowering need, and
    /// [`Ctx::recorded_type_string`] prints go/types' tuple.
    pub comma_ok: Option<TypeId>,
    /// When `ty` was written with aliases of the package (`*_type` for `*abi.Type`): the type
    /// as go/types records it, aliases kept. `ty` never mentions an alias (see [`alias`]).
    pub alias_ty: Option<TypeId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectionKind {
    /// `x.f`: a struct field.
    FieldVal,
    /// `x.m`: a method with a receiver value.
    MethodVal,
    /// `T.m`: a method expression.
    MethodExpr,
}

/// The resolution of `x.sel` when it is not a qualified identifier (go/types' `Selection`).
#[derive(Clone, Debug)]
pub struct Selection {
    pub kind: SelectionKind,
    /// The type of `x`.
    pub recv: TypeId,
    /// The field (`Var`) or method (`Func`) selected.
    pub obj: ObjId,
    /// The path of field indices through embedded fields; the last entry is the selected
    /// field's index for `FieldVal`, or the method's index for methods.
    pub index: Vec<usize>,
    /// Whether any pointer indirection was needed to get from `x` to the field or method.
    pub indirect: bool,
}

/// What the checker records about one file's expressions, keyed by [`ExprId`].
#[derive(Clone, Debug, Default)]
pub struct FileInfo {
    pub types: HashMap<ExprId, TypeAndValue>,
    /// Identifiers that denote an object (`ExprKind::Ident` expressions).
    pub uses: HashMap<ExprId, ObjId>,
    /// Declaring identifiers, by position.
    pub defs: HashMap<Pos, ObjId>,
    /// Identifiers declared implicitly: the type-switch clause variables, by clause position.
    pub implicits: HashMap<Pos, ObjId>,
    /// Selector expressions (`ExprKind::Selector` ids) that are not qualified identifiers.
    pub selections: HashMap<ExprId, Selection>,
    /// For calls to generic functions and uses of generic types: the instantiation
    /// (keyed by the identifier or selector expression naming the generic object).
    pub instances: HashMap<ExprId, (Vec<TypeId>, TypeId)>,
}

/// Everything the checker learned about a package's files, one [`FileInfo`] per file.
#[derive(Clone, Debug, Default)]
pub struct Info {
    pub files: Vec<FileInfo>,
}

/// Type-checks `files` as package `path`, whose imports are already in `ctx.packages`.
pub fn check_package(
    ctx: &mut Ctx,
    path: &str,
    files: &[syntax::ast::File],
    go_version: (u32, u32),
) -> (Package, Info, Vec<TypeError>) {
    check_package_with(ctx, path, files, go_version, CheckOptions::default())
}

/// Options for [`check_package_with`].
#[derive(Clone, Copy, Debug, Default)]
pub struct CheckOptions {
    /// Do not report `"p" imported and not used` (facts stubs: bodies that used imports are gone).
    pub ignore_unused_imports: bool,
    /// Do not report declarations that need a body and have none (facts stubs' `init`).
    pub ignore_missing_bodies: bool,
    /// The package is built from Go files only (gc's `-complete`): every function without a
    /// body, not just `init`, is `missing function body` unless a `//go:linkname` names it.
    pub complete: bool,
    /// Parsing already reported errors (lexical ones, which do not stop gc before type
    /// checking): the checks gc makes only once everything type-checks are skipped.
    pub parse_errors: bool,
    /// Range-over-func is an experiment of the release (gc 1.22, `ir::Rules::range_over_func`
    /// off): ranging over a function is refused without the version that would allow it.
    pub range_over_func_experimental: bool,
}

impl CheckOptions {
    /// The options for checking declaration-only stubs (the standard library's facts).
    pub fn facts() -> CheckOptions {
        CheckOptions { ignore_unused_imports: true, ignore_missing_bodies: true, ..CheckOptions::default() }
    }
}

/// [`check_package`] with options. Errors come in the order go/types finds them (gc prints the
/// first ten sorted by position).
pub fn check_package_with(
    ctx: &mut Ctx,
    path: &str,
    files: &[syntax::ast::File],
    go_version: (u32, u32),
    opts: CheckOptions,
) -> (Package, Info, Vec<TypeError>) {
    // The checker recurses as deep as expressions nest.
    syntax::stack::on_large_stack("goescape-check", || check::check_package_opts(ctx, path, files, go_version, opts))
}
