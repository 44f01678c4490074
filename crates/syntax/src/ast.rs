//! The Go syntax tree that every later stage reads.
//!
//! It mirrors `cmd/compile/internal/syntax` rather than tree-sitter's concrete tree: parentheses,
//! comments and punctuation are gone, and every node carries the position gc would report for it
//! (`Expr::pos`), which is often not where the node starts: a call sits at its `(`, a binary
//! expression at its operator, a selector at its `.`, a composite literal at its `{`. Diagnostics
//! are compared byte for byte with gc, so the positions are part of the contract.
//!
//! Expressions carry an [`ExprId`] unique within a [`File`], so the type checker can record facts
//! about them (type, constant value, implicit conversion) in side tables rather than in the tree.

/// A 1-based line and 1-based byte column, as gc prints them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const NONE: Pos = Pos { line: 0, col: 0 };
    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// Identifies an expression within its file. Ids are dense, starting at 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExprId(pub u32);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub pos: Pos,
}

impl Ident {
    pub fn is_blank(&self) -> bool {
        self.name == "_"
    }
}

/// One parsed source file.
#[derive(Clone, Debug)]
pub struct File {
    /// The path the file was read from.
    pub path: std::path::PathBuf,
    pub package: Ident,
    pub imports: Vec<ImportSpec>,
    /// All top-level declarations except imports, in source order.
    pub decls: Vec<Decl>,
    /// The `//go:build` constraint's minimum language version (`go1.N`), if any.
    pub go_version: Option<(u32, u32)>,
    /// How many expression ids were handed out (`ExprId(0..expr_count)`).
    pub expr_count: u32,
    /// The position bases its line directives set, in source order (see [`File::relative`]).
    pub line_bases: Vec<LineBase>,
    /// The file's well-formed `//go:linkname` directives (a function they name may have no
    /// body).
    pub linknames: Vec<Linkname>,
    /// Whether the declarations are not the file's whole content: the parse stopped at syntax
    /// errors, or tree-sitter's tree has errors where gc's scanner skipped something (after
    /// lexical errors gc type checks, but this tree is not worth checking).
    pub incomplete: bool,
}

/// Where a line directive (`//line file:line:col`) makes positions read relative to it: gc's
/// relative position base. Nodes keep their physical positions; only printing maps them.
/// A `//go:linkname local [remote]` directive (std's `//go:linknamestd` too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Linkname {
    /// Where the comment starts.
    pub pos: Pos,
    /// Spelled `//go:linknamestd`.
    pub std: bool,
    pub local: String,
    pub remote: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineBase {
    /// The physical position the base starts at (just after the directive).
    pub at: Pos,
    /// The file name positions from `at` on are printed with.
    pub filename: String,
    /// The line and column `at` is given; a column of 0 means unknown (not printed).
    pub line: u32,
    pub col: u32,
}

#[derive(Clone, Debug)]
pub struct ImportSpec {
    /// `None` for a plain import, `Some("_")`, `Some(".")` or an alias.
    pub name: Option<Ident>,
    /// The unquoted import path.
    pub path: String,
    pub pos: Pos,
}

// Declarations are few per file: a boxed function would only cost an indirection everywhere.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Decl {
    Func(FuncDecl),
    Var(Vec<ValueSpec>),
    Const(Vec<ValueSpec>),
    Type(Vec<TypeSpec>),
}

#[derive(Clone, Debug)]
pub struct FuncDecl {
    /// Where gc places the declaration (`ir.Line(fn)`, e.g. in `can inline F`): the function's
    /// name, or a method's receiver list.
    pub pos: Pos,
    pub recv: Option<Field>,
    pub name: Ident,
    pub type_params: Vec<Field>,
    pub ty: FuncType,
    /// `None` for a function implemented elsewhere (assembly, linkname).
    pub body: Option<Block>,
    /// Compiler directives in the comment block just above the declaration, without the `//`,
    /// e.g. `go:noescape`, `go:noinline`, `go:linkname x y`, `goescape:leaks ...`.
    pub pragmas: Vec<String>,
}

impl FuncDecl {
    pub fn has_pragma(&self, name: &str) -> bool {
        self.pragmas.iter().any(|p| p == name || p.starts_with(&format!("{name} ")))
    }

    /// Whether the declaration is generic: type parameters of its own, or a receiver of a
    /// generic type (`func (l *List[T]) Len()`).
    pub fn is_generic(&self) -> bool {
        !self.type_params.is_empty()
            || self.recv.as_ref().is_some_and(|r| {
                let mut t = r.ty.unparen();
                if let ExprKind::Star(x) = &t.kind {
                    t = x.unparen();
                }
                matches!(t.kind, ExprKind::Index { .. })
            })
    }
}

#[derive(Clone, Debug)]
pub struct FuncType {
    /// Position of the `func` keyword (or of the parameter list for methods in interfaces).
    pub pos: Pos,
    pub params: Vec<Field>,
    pub results: Vec<Field>,
}

/// A parameter, result, struct field or interface element.
#[derive(Clone, Debug)]
pub struct Field {
    /// Empty for an unnamed parameter or an embedded field.
    pub names: Vec<Ident>,
    /// For a variadic parameter this is `ExprKind::Ellipsis(Some(elem))`.
    pub ty: Expr,
    /// Struct tag, unquoted.
    pub tag: Option<String>,
    pub pos: Pos,
}

#[derive(Clone, Debug)]
pub struct ValueSpec {
    pub names: Vec<Ident>,
    pub ty: Option<Expr>,
    pub values: Vec<Expr>,
    /// The value of `iota` for this spec (its index within the const group).
    pub iota: u32,
    /// For a const spec with no type and no values: the spec it repeats is the nearest one
    /// above it that has values; the parser copies those in here, with fresh ids.
    pub implicit: bool,
}

#[derive(Clone, Debug)]
pub struct TypeSpec {
    pub name: Ident,
    pub type_params: Vec<Field>,
    /// `type A = B`
    pub alias: bool,
    pub ty: Expr,
}

#[derive(Clone, Debug)]
pub struct Block {
    /// Position of `{`.
    pub pos: Pos,
    pub stmts: Vec<Stmt>,
    /// Position of `}`.
    pub end: Pos,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub id: ExprId,
    /// The position gc reports for this node (see the module docs).
    pub pos: Pos,
    pub kind: ExprKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LitKind {
    Int,
    Float,
    Imag,
    Rune,
    String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `+x`
    Pos,
    /// `-x`
    Neg,
    /// `!x`
    Not,
    /// `^x`
    Xor,
    /// `&x`
    Addr,
    /// `<-x`
    Recv,
    /// `~T` in a constraint
    Tilde,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Quo,
    Rem,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    AndNot,
    LAnd,
    LOr,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
}

impl BinaryOp {
    pub fn as_str(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Quo => "/",
            Rem => "%",
            And => "&",
            Or => "|",
            Xor => "^",
            Shl => "<<",
            Shr => ">>",
            AndNot => "&^",
            LAnd => "&&",
            LOr => "||",
            Eql => "==",
            Neq => "!=",
            Lss => "<",
            Leq => "<=",
            Gtr => ">",
            Geq => ">=",
        }
    }

    pub fn is_comparison(self) -> bool {
        use BinaryOp::*;
        matches!(self, Eql | Neq | Lss | Leq | Gtr | Geq)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

/// An element of a composite literal: `value` or `key: value`.
#[derive(Clone, Debug)]
pub struct Element {
    pub key: Option<Expr>,
    pub value: Expr,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// A name; `_` included.
    Ident(String),
    /// A literal with its source text (`0x1F`, `"a\n"`, `` `raw` ``, `'x'`).
    BasicLit {
        kind: LitKind,
        raw: String,
    },
    /// `T{...}`; `ty` is `None` when elided inside another literal. `pos` is the `{`.
    CompositeLit {
        ty: Option<Box<Expr>>,
        elts: Vec<Element>,
    },
    /// `func(...) {...}`; `pos` is the `func` keyword. `ty` is the literal's signature as an
    /// `ExprKind::FuncType` expression of its own (go/types records its type, as for any type
    /// expression); [`Expr::func_type`] reads it.
    FuncLit {
        ty: Box<Expr>,
        body: Block,
    },
    /// `(x)`; kept so that printing and `(*T)(x)` conversions are faithful. `pos` is the `(`.
    Paren(Box<Expr>),
    /// `x.sel`; `pos` is the `.`.
    Selector {
        x: Box<Expr>,
        sel: Ident,
    },
    /// `x[i]` or an instantiation `f[T1, T2]`; `pos` is the `[`.
    Index {
        x: Box<Expr>,
        indices: Vec<Expr>,
    },
    /// `x[lo:hi:max]`; `pos` is the `[`.
    Slice {
        x: Box<Expr>,
        lo: Option<Box<Expr>>,
        hi: Option<Box<Expr>>,
        max: Option<Box<Expr>>,
        three: bool,
    },
    /// `x.(T)`, or `x.(type)` in a type switch when `ty` is `None`; `pos` is the `.`.
    TypeAssert {
        x: Box<Expr>,
        ty: Option<Box<Expr>>,
    },
    /// `fun(args)`; `pos` is the `(`. `ellipsis` for `f(s...)`.
    Call {
        fun: Box<Expr>,
        args: Vec<Expr>,
        ellipsis: bool,
    },
    /// `*x`: a dereference or a pointer type; `pos` is the `*`.
    Star(Box<Expr>),
    /// `op x`; `pos` is the operator.
    Unary {
        op: UnaryOp,
        x: Box<Expr>,
    },
    /// `x op y`; `pos` is the operator.
    Binary {
        op: BinaryOp,
        x: Box<Expr>,
        y: Box<Expr>,
    },
    /// `[N]T`, `[...]T` (len is `Ellipsis(None)`), or `[]T` (len `None`).
    ArrayType {
        len: Option<Box<Expr>>,
        elem: Box<Expr>,
    },
    StructType {
        fields: Vec<Field>,
    },
    FuncType(FuncType),
    /// Methods are fields whose type is a `FuncType`; embedded elements and type-set terms are
    /// fields with no names (a union `A | ~B` is a `Binary` with `Or`).
    InterfaceType {
        elems: Vec<Field>,
    },
    MapType {
        key: Box<Expr>,
        value: Box<Expr>,
    },
    ChanType {
        dir: ChanDir,
        elem: Box<Expr>,
    },
    /// `...T` in a parameter list, or `...` as an array length.
    Ellipsis(Option<Box<Expr>>),
    /// What the parser could not make sense of (a diagnostic was reported).
    Bad,
}

impl Expr {
    /// The signature of an `ExprKind::FuncType` expression (the `ty` of a function literal
    /// always is one); an empty signature for any other expression.
    pub fn func_type(&self) -> &FuncType {
        static EMPTY: FuncType = FuncType { pos: Pos::NONE, params: Vec::new(), results: Vec::new() };
        match &self.kind {
            ExprKind::FuncType(ft) => ft,
            _ => &EMPTY,
        }
    }

    /// The expression with any parentheses removed.
    pub fn unparen(&self) -> &Expr {
        let mut e = self;
        while let ExprKind::Paren(inner) = &e.kind {
            e = inner;
        }
        e
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`
    Assign,
    /// `:=`
    Define,
    /// `op=`
    Op(BinaryOp),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BranchKind {
    Break,
    Continue,
    Goto,
    Fallthrough,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    /// gc's position: the operator for assignments, the keyword for the others.
    pub pos: Pos,
    pub kind: StmtKind,
}

#[derive(Clone, Debug)]
pub struct CaseClause {
    pub pos: Pos,
    /// Empty for `default`.
    pub exprs: Vec<Expr>,
    pub is_default: bool,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug)]
pub struct CommClause {
    pub pos: Pos,
    /// `None` for `default`; otherwise a send statement, a receive expression statement, or an
    /// assignment/definition whose right-hand side is a receive.
    pub comm: Option<Box<Stmt>>,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    Empty,
    Expr(Expr),
    /// `ch <- value`
    Send {
        ch: Expr,
        value: Expr,
    },
    /// `x++` / `x--`
    IncDec {
        x: Expr,
        inc: bool,
    },
    Assign {
        lhs: Vec<Expr>,
        op: AssignOp,
        rhs: Vec<Expr>,
    },
    /// A `var`, `const` or `type` declaration inside a function.
    Decl(Decl),
    Go(Expr),
    Defer(Expr),
    Return(Vec<Expr>),
    Branch {
        kind: BranchKind,
        label: Option<Ident>,
    },
    Block(Block),
    If {
        init: Option<Box<Stmt>>,
        cond: Expr,
        then: Block,
        /// An `If` or a `Block` statement.
        els: Option<Box<Stmt>>,
    },
    Switch {
        init: Option<Box<Stmt>>,
        tag: Option<Expr>,
        body: Vec<CaseClause>,
        lbrace: Pos,
    },
    /// `switch bind := x.(type) { ... }`; the case expressions are types (`nil` allowed).
    TypeSwitch {
        init: Option<Box<Stmt>>,
        bind: Option<Ident>,
        /// The operand of `.(type)`.
        x: Expr,
        body: Vec<CaseClause>,
        lbrace: Pos,
    },
    Select {
        body: Vec<CommClause>,
    },
    For {
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        post: Option<Box<Stmt>>,
        body: Block,
    },
    /// `for key, value := range x` (`define`) or `for key, value = range x`.
    Range {
        key: Option<Expr>,
        value: Option<Expr>,
        define: bool,
        x: Expr,
        body: Block,
        /// The `range` keyword, where gc places the statement.
        range_pos: Pos,
    },
    Labeled {
        label: Ident,
        stmt: Box<Stmt>,
    },
}
