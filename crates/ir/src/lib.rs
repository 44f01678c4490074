//! The intermediate representation that escape analysis consumes.
//!
//! It is a deliberately small mirror of gc's `cmd/compile/internal/ir` *after type checking and
//! before walk*: the form gc's escape pass sees. Everything type-directed is already explicit:
//! address-of and dereference (`p.f` on a pointer is `DotPtr`, `v.M()` on an addressable value
//! with a pointer receiver passes `Addr(v)`), implicit interface conversions (`ConvIface`),
//! variadic calls (the `...` slice literal), closures with the variables they capture, calls with
//! their callee resolved where gc resolves it, and the positions and printed forms gc uses in its
//! diagnostics. Node kinds carry gc's op names in their docs (`OADDR`, `OCONVIFACE`, ...), so the
//! escape crate reads beside gc's `escape/expr.go` and `escape/stmt.go`.
//!
//! Architecture invariant: nothing here refers to tree-sitter or to the type checker's data
//! structures; types are summarised in [`TypeInfo`], which holds exactly what escape analysis asks
//! of a type.

pub mod lower;
pub mod scc;
pub mod visit;

pub use syntax::Pos;

/// Index into [`Package::funcs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FuncId(pub u32);

/// Index into [`Package::vars`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VarId(pub u32);

/// Index into [`Package::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub u32);

/// One package, lowered.
#[derive(Clone, Debug, Default)]
pub struct Package {
    /// The package path as gc names it in diagnostics (`main`, `example.com/m/sub`).
    pub path: String,
    /// The package name (`main`, `sub`).
    pub name: String,
    /// Every function with a body or declared bodyless, then every closure, each closure after
    /// the function that contains it. Top-level functions appear in gc's order: files in order,
    /// declarations in source order.
    pub funcs: Vec<Func>,
    /// All local variables (parameters, results, locals, captured ones) of all functions.
    pub vars: Vec<Var>,
    pub types: Vec<TypeInfo>,
    /// Diagnostics gc prints before escape analysis (devirtualization), in gc's order.
    pub pre_escape_notes: Vec<Note>,
    /// Diagnostics gc's walk pass prints after escape analysis (`index bounds check elided`),
    /// with the function they are in, in each function's source order.
    pub post_escape_notes: Vec<(FuncId, Note)>,
}

impl Package {
    pub fn func(&self, id: FuncId) -> &Func {
        &self.funcs[id.0 as usize]
    }
    pub fn var(&self, id: VarId) -> &Var {
        &self.vars[id.0 as usize]
    }
    pub fn ty(&self, id: TypeId) -> &TypeInfo {
        &self.types[id.0 as usize]
    }
}

/// A diagnostic line produced outside the escape pass proper.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub file: u32,
    pub pos: Pos,
    pub message: String,
    /// The function it belongs to, as gc prints it (`main.f`, `(*T).M`, `main.f.func1`).
    pub func: String,
}

/// What escape analysis needs to know about a type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeInfo {
    pub kind: TypeKind,
    /// Size in bytes on the target (amd64: gc's sizes and alignments).
    pub size: i64,
    /// `types.Type.HasPointers`.
    pub has_pointers: bool,
    /// `types.IsDirectIface`: stored directly in an interface's data word (pointer-shaped).
    pub direct_iface: bool,
    /// Element type of pointers, slices, arrays, channels and maps (the value type).
    pub elem: Option<TypeId>,
    /// For functions: parameter and result types (receiver excluded).
    pub params: Vec<TypeId>,
    pub results: Vec<TypeId>,
    /// How gc prints the type (`[]byte`, `*Point`, `interface {}`, `map[string]*int`).
    pub display: String,
    /// How gc prints its underlying type: equal for two types exactly when a conversion
    /// between them changes nothing (gc's `OCONVNOP`).
    pub underlying: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeKind {
    Bool,
    /// Any integer type other than `uintptr`.
    Int,
    Uintptr,
    Float,
    Complex,
    String,
    UnsafePointer,
    Pointer,
    /// Arrays, with their length.
    Array(i64),
    Slice,
    Struct,
    Map,
    Chan,
    Func,
    Interface,
    /// Untyped constants and `nil` before conversion.
    Untyped,
    /// A tuple (multi-value call result), or no value at all.
    Tuple,
}

/// A function or closure.
#[derive(Clone, Debug)]
pub struct Func {
    /// How gc names it in diagnostics: `f`, `T.M`, `(*T).M`, `f.func1`, `f.func1.1` … without the
    /// package qualifier.
    pub name: String,
    /// Which file of the package it is in (index in load order).
    pub file: u32,
    /// Position of the declaration's name (`func literal`: of the `func` keyword).
    pub pos: Pos,
    /// Where gc places the function itself (`ir.Line(fn)`): `pos`, except for a method, whose
    /// declaration gc places at its receiver list.
    pub decl_pos: Pos,
    /// The enclosing function, for closures.
    pub outer: Option<FuncId>,
    /// The receiver parameter, if a method.
    pub recv: Option<Param>,
    pub params: Vec<Param>,
    /// Result parameters, named `~r0`, `~r1` … when unnamed (as gc names them).
    pub results: Vec<VarId>,
    /// `None` for a function declared without a body (assembly or linkname).
    pub body: Option<Vec<Stmt>>,
    /// Variables this closure captures, as (variable of the enclosing function, how it is used
    /// inside). References to them in the body use the outer [`VarId`] directly, as gc's
    /// `Canonical()` does.
    pub captures: Vec<VarId>,
    /// `//go:noescape`
    pub noescape: bool,
    /// A wrapper closure gc made for `go f(x)` / `defer f(x)`: analyzed like any closure, but
    /// gc prints no verdict for it.
    pub wrapper: bool,
    /// A stenciled copy of a generic function (gc marks instantiations DUPOK): analyzed like
    /// any function, but gc prints no verdict about its parameters (`leaking param`,
    /// `p does not escape`); other verdicts inside it are printed, at the generic source's
    /// positions.
    pub dupok: bool,
    /// `//go:uintptrescapes`
    pub uintptr_escapes: bool,
    /// `//go:uintptrkeepalive`
    pub uintptr_keepalive: bool,
    /// The function's own type (for `TypeKind::Func`).
    pub ty: TypeId,
    /// gc's pragmas that decide inlinability by themselves (`//go:noinline`, ...).
    pub pragmas: Pragmas,
    /// The body of a function of another package, lowered here only to be inlined (gc's
    /// export-data inline body): never analyzed or reported on its own.
    pub inline_only: bool,
    /// Set when gc would find the function inlinable (`fn.Inl`): by the inliner for this
    /// package's functions, from the facts for imported ones.
    pub inl: Option<Inline>,
    /// The inliner has decided `inl` (gc's `InlinabilityChecked`).
    pub inl_checked: bool,
}

/// Pragmas gc's `InlineImpossible` reads (the escape-related ones live on [`Func`] itself).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pragmas {
    /// `//go:noinline`
    pub noinline: bool,
    /// `//go:cgo_unsafe_args`
    pub cgo_unsafe_args: bool,
    /// `//go:yeswritebarrierrec`
    pub yeswritebarrierrec: bool,
}

/// What gc keeps of an inlinable function (`ir.Inline`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inline {
    /// The hairy visitor's cost of the body (at most the budget, 80; 800 for closures).
    pub cost: i32,
    /// `canDelayResults`: one non-empty `return` and unnamed results, so inlined calls declare
    /// the result variables at that `return` rather than before the body.
    pub can_delay_results: bool,
}

/// A parameter slot. Unnamed and blank parameters have no variable.
#[derive(Clone, Debug)]
pub struct Param {
    pub var: Option<VarId>,
    pub ty: TypeId,
    /// Position of the parameter's name (where gc reports `leaking param`), or of its type
    /// when unnamed.
    pub pos: Pos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarClass {
    Param,
    Result,
    Local,
}

/// A local variable: gc's `ONAME` of class `PAUTO`, `PPARAM` or `PPARAMOUT`.
#[derive(Clone, Debug)]
pub struct Var {
    /// As gc prints it: the source name, `~r0` for an unnamed result.
    pub name: String,
    /// Position of the declaring identifier (where gc reports `moved to heap`).
    pub pos: Pos,
    pub ty: TypeId,
    pub class: VarClass,
    /// The function that declares it.
    pub func: FuncId,
}

/// How a leak tag says a parameter flows, for functions analyzed elsewhere (gc's `leaks`):
/// the minimum number of dereferences on any path to each sink, or `None` for no path.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Leaks {
    pub heap: Option<u8>,
    pub mutator: Option<u8>,
    pub callee: Option<u8>,
    /// Flows to the first results (gc keeps 5).
    pub results: [Option<u8>; 5],
}

/// A function analyzed outside this package, known by its escape tags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternFunc {
    /// `fmt.Println`, `(*strings.Builder).WriteString`: for diagnostics and debugging.
    pub name: String,
    /// Tag of the receiver, if a method.
    pub recv: Option<Leaks>,
    /// One tag per parameter (a variadic parameter is its slice).
    pub params: Vec<Leaks>,
    /// The function's inline body, lowered into the package being compiled (an
    /// [`Func::inline_only`] function), when gc would inline calls to it.
    pub inline: Option<FuncId>,
}

/// What a call calls, as far as gc knows statically (`ir.StaticCalleeName`).
#[derive(Clone, Debug)]
pub enum Callee {
    /// A function or method of this package (`ONAME` of class `PFUNC`, or `OMETHEXPR`).
    Local(FuncId),
    /// A function or method of another package, with its escape tags.
    Extern(ExternFunc),
    /// No static callee: a function value, a closure variable, a method of an interface.
    Dynamic,
}

/// A builtin call gc keeps as its own op.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// `OAPPEND`; args[0] is the slice. `ddd` on the call means `append(s, t...)`.
    Append,
    /// `OCOPY`
    Copy,
    /// `OLEN`, `OCAP`
    Len,
    Cap,
    /// `OCLOSE`
    Close,
    /// `ODELETE`
    Delete,
    /// `OCLEAR`
    Clear,
    /// `OPANIC`
    Panic,
    /// `ORECOVER`
    Recover,
    /// `OPRINT`, `OPRINTLN`
    Print,
    Println,
    /// `OCOMPLEX`, `OREAL`, `OIMAG`
    Complex,
    Real,
    Imag,
    /// `OMIN`, `OMAX`
    Min,
    Max,
    /// `OUNSAFEADD`, `OUNSAFESLICE`, `OUNSAFESTRING`, `OUNSAFESTRINGDATA`, `OUNSAFESLICEDATA`
    UnsafeAdd,
    UnsafeSlice,
    UnsafeString,
    UnsafeStringData,
    UnsafeSliceData,
}

/// A call: gc's `OCALLFUNC` (methods included, receiver first), `OCALLINTER`, or a builtin.
#[derive(Clone, Debug)]
pub struct Call {
    pub kind: CallKind,
    /// Arguments after gc's rewrites: one per parameter, the variadic ones packed in a
    /// `SliceLit` marked `implicit` (printed `... argument`); a method's receiver is `args[0]`
    /// for `CallKind::Func` on a method.
    pub args: Vec<Expr>,
    /// `f(s...)` or `append(s, t...)`.
    pub ddd: bool,
    /// The result types (several for a multi-value call).
    pub results: Vec<TypeId>,
}

#[derive(Clone, Debug)]
pub enum CallKind {
    /// `OCALLFUNC`: `fun` is the function expression (a `FuncName`, `MethodExpr`, closure, or
    /// any function-typed value) and `callee` what it statically resolves to.
    Func {
        fun: Box<Expr>,
        callee: Callee,
        is_method: bool,
    },
    /// `OCALLINTER`: `recv` is the interface value; `method` its name.
    Inter {
        recv: Box<Expr>,
        method: String,
    },
    Builtin(Builtin),
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub pos: Pos,
    pub ty: TypeId,
    pub kind: ExprKind,
    /// How gc prints this node (`&Point{...}`, `make([]byte, 66560)`, `func literal`,
    /// `... argument`, `s + t`, `42`): filled in by lowering for every node that can become a
    /// location of its own and so appear in `X escapes to heap` / `X does not escape`; empty
    /// otherwise.
    pub text: String,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// `OLITERAL`: a constant, printed as gc prints it (`42`, `"hi"`, `66560`).
    Const(String),
    /// `ONIL`
    Nil,
    /// `ONAME` of a local variable.
    Var(VarId),
    /// `ONAME` of class `PEXTERN`: a package-level variable (printed name, e.g. `G`).
    Global(String),
    /// `ONAME` of class `PFUNC`: a function used as a value or callee.
    FuncName { name: String, func: Option<FuncId> },
    /// `OMETHEXPR`: `T.M` or `(*T).M`.
    MethodExpr { name: String, func: Option<FuncId> },
    /// `OTYPE` (e.g. the operand of a conversion kept for printing), flows nothing.
    Type,
    /// `OPLUS`, `ONEG`, `OBITNOT`, `ONOT`: operand discarded.
    Unary { op: &'static str, x: Box<Expr> },
    /// Arithmetic, comparison and logical operators: operands discarded.
    Binary { op: &'static str, x: Box<Expr>, y: Box<Expr> },
    /// `OADDR`
    Addr(Box<Expr>),
    /// `ODEREF`
    Deref(Box<Expr>),
    /// `ODOT`: field of a struct value (also `ODOTMETH`/`ODOTINTER` when they occur), at
    /// byte `offset` in the struct.
    Dot { x: Box<Expr>, field: String, offset: i64 },
    /// `ODOTPTR`: field through a pointer.
    DotPtr { x: Box<Expr>, field: String, offset: i64 },
    /// `ODOTTYPE`, `ODOTTYPE2`: `x.(T)`; the expression's type is `T`.
    DotType { x: Box<Expr> },
    /// `OINDEX`: `array` is true when `x` is an array value (not a slice or string).
    Index { x: Box<Expr>, index: Box<Expr>, array: bool },
    /// `OINDEXMAP`
    IndexMap { x: Box<Expr>, key: Box<Expr> },
    /// `OSLICE`, `OSLICEARR` (x is a pointer to an array), `OSLICE3`, `OSLICESTR`.
    Slice { x: Box<Expr>, lo: Option<Box<Expr>>, hi: Option<Box<Expr>>, max: Option<Box<Expr>> },
    /// `OCONV`, `OCONVNOP`: a conversion that does not allocate.
    Conv(Box<Expr>),
    /// `OCONVIFACE`: conversion of a non-interface value to an interface (allocates unless the
    /// value is pointer-shaped), or of one interface to another.
    ConvIface { x: Box<Expr>, implicit: bool },
    /// `OSLICE2ARR`: `[N]T(s)`
    SliceToArray(Box<Expr>),
    /// `OSLICE2ARRPTR`: `(*[N]T)(s)`
    SliceToArrayPtr(Box<Expr>),
    /// `ORECV`: `<-ch`
    Recv(Box<Expr>),
    /// Calls, including builtins that gc treats as calls in escape analysis.
    Call(Box<Call>),
    /// `ONEW`: `new(T)`.
    New,
    /// `OMAKESLICE`: `make([]T, len, cap)`; `len` and `cap` are `Const` when constant.
    MakeSlice { len: Box<Expr>, cap: Option<Box<Expr>> },
    /// `OMAKECHAN`
    MakeChan { len: Option<Box<Expr>> },
    /// `OMAKEMAP`
    MakeMap { len: Option<Box<Expr>> },
    /// `OMETHVALUE`: `x.M` as a func value; `callee` is the method, `recv` the receiver
    /// expression after any automatic `&`/`*`. `wrapper`: a method of a type parameter in a
    /// stenciled body, which gc builds as a synthetic wrapper closure and reports nothing about.
    MethodValue { recv: Box<Expr>, callee: Callee, wrapper: bool },
    /// `OPTRLIT`: `&T{...}`; `x` is the composite literal.
    PtrLit(Box<Expr>),
    /// `OARRAYLIT` (keys dropped: values in order).
    ArrayLit(Vec<Expr>),
    /// `OSLICELIT`; `implicit` for the `...` argument gc builds for a variadic call.
    SliceLit { elts: Vec<Expr>, implicit: bool },
    /// `OSTRUCTLIT`: field values in order, omitted fields absent.
    StructLit(Vec<Expr>),
    /// `OMAPLIT`
    MapLit(Vec<(Expr, Expr)>),
    /// `OCLOSURE`: a function literal.
    Closure(FuncId),
    /// `ORUNES2STR`, `OBYTES2STR`, `OSTR2RUNES`, `OSTR2BYTES`, `ORUNESTR`.
    StrConv { op: StrConvOp, x: Box<Expr> },
    /// `OADDSTR`: `a + b + c` on strings.
    AddStr(Vec<Expr>),
    /// `OINLCALL`: a call replaced by the callee's body (see [`InlinedCall`]).
    Inlined(Box<InlinedCall>),
}

/// gc's `InlinedCallExpr`: what the inliner puts in place of a call. Its value is its result
/// variables; it prints as its only result (`~r0`), or `(.[~r0 ~r1])`.
#[derive(Clone, Debug)]
pub struct InlinedCall {
    /// The inlined function as gc names it in `inlining call to F` (`strings.HasPrefix`).
    pub callee: String,
    /// The function whose body this is (a function of this package, or an inline-only copy of
    /// another package's).
    pub func: FuncId,
    /// gc's init list: the side effects of the callee expression, the parameters' declarations
    /// and their assignment from the arguments (one `OAS2`), and, unless results are delayed,
    /// the results' declarations and zeroing.
    pub init: Vec<Stmt>,
    /// The callee's body with its own variables, each `return` an assignment of the results
    /// followed by a jump to the end.
    pub body: Vec<Stmt>,
    /// The result variables.
    pub results: Vec<VarId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrConvOp {
    RunesToString,
    BytesToString,
    StringToRunes,
    StringToBytes,
    RuneToString,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub pos: Pos,
    pub kind: StmtKind,
}

/// The left-hand side of an assignment: `None` is the blank identifier.
pub type Lhs = Option<Expr>;

#[derive(Clone, Debug)]
pub enum AssignKind {
    /// `OAS` / `OAS2`
    Plain,
    /// `OASOP`: `x op= y`
    Op,
    /// `OAS2DOTTYPE`: `v, ok = x.(T)`
    DotType,
    /// `OAS2MAPR`: `v, ok = m[k]`
    MapIndex,
    /// `OAS2RECV`, `OSELRECV2`: `v, ok = <-ch`
    Recv,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    /// `ODCL`: the variable comes into scope here (sets its loop depth).
    Decl(VarId),
    /// `OAS`, `OASOP`, `OAS2`, `OAS2DOTTYPE`, `OAS2MAPR`, `OAS2RECV`. `src` entries may be
    /// `None` for an implicit zero value (`var x T`). `display` is how gc prints the statement
    /// (used in `ignoring self-assignment in ...`).
    Assign {
        dst: Vec<Lhs>,
        src: Vec<Option<Expr>>,
        kind: AssignKind,
        define: bool,
        display: String,
    },
    /// `OAS2FUNC`: `a, b = f()`.
    AssignCall {
        dst: Vec<Lhs>,
        call: Expr,
        define: bool,
    },
    /// An expression statement (a call, a receive).
    Expr(Expr),
    /// `OSEND`
    Send {
        ch: Expr,
        value: Expr,
    },
    /// `ORETURN`: one expression per result, or empty for a bare return (or `return f()`
    /// with a multi-value `f`, as a single call).
    Return(Vec<Expr>),
    /// `OGO`, `ODEFER`: gc has already wrapped the call in a closure when it had arguments
    /// (`go f(x)` is `x1 := x; go func() { f(x1) }()`), so `call` is a call.
    Go(Expr),
    Defer(Expr),
    Block(Vec<Stmt>),
    If {
        cond: Expr,
        then: Vec<Stmt>,
        els: Vec<Stmt>,
    },
    /// `OFOR`: `init` has already been hoisted before the loop.
    For {
        cond: Option<Expr>,
        post: Option<Box<Stmt>>,
        body: Vec<Stmt>,
        /// Per-iteration copies of loop variables this lowering added to `body` (a declaration
        /// and a copy in, a copy out, each): gc's loopvar pass makes them only after inlining.
        loopvar_copies: u8,
    },
    /// `ORANGE`. `key`/`value` are the assigned destinations (per-iteration variables are
    /// declared by `Decl` at the top of `body` with a copy from hidden ones, as gc's loopvar
    /// rewrite does). `x_is_array` when ranging over an array value.
    Range {
        x: Expr,
        key: Lhs,
        value: Lhs,
        x_is_array: bool,
        body: Vec<Stmt>,
        /// How the statement spells its variables, for the inliner's node count: variables
        /// it declares (`for k, v := range`), a blank key (`for _, v := range`), and the
        /// per-iteration copies lowering added to `body` (a declaration and a copy each).
        shape: RangeShape,
    },
    /// `OSWITCH` with a value tag (or none).
    Switch {
        tag: Option<Expr>,
        cases: Vec<SwitchCase>,
    },
    /// `OSWITCH` with a type-switch guard. Each case has its own variable when the guard binds
    /// one (`switch v := x.(type)`).
    TypeSwitch {
        x: Expr,
        cases: Vec<TypeCase>,
    },
    /// `OSELECT`: each case's communication is a `Send`, `Expr(Recv)` or `Assign` of a receive.
    Select {
        cases: Vec<SelectCase>,
    },
    /// `OLABEL`; `looping` when some `goto` jumps back to it (gc bumps the loop depth).
    Label {
        name: String,
        looping: bool,
    },
    /// `OBREAK`, `OCONTINUE`, `OGOTO`: no flows. (`OFALL` is not kept: it is not a node gc's
    /// inliner counts.)
    Jump,
}

/// See [`StmtKind::Range`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RangeShape {
    pub defined: u8,
    pub blank_key: bool,
    pub loopvar_copies: u8,
}

#[derive(Clone, Debug)]
pub struct SwitchCase {
    pub exprs: Vec<Expr>,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug)]
pub struct TypeCase {
    /// The clause's variable, when the guard binds one.
    pub var: Option<VarId>,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug)]
pub struct SelectCase {
    pub comm: Option<Box<Stmt>>,
    pub body: Vec<Stmt>,
}
