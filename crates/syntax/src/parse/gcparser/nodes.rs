//! The parser port's syntax tree: just enough of gc's `syntax` nodes (`nodes.go`) to make the
//! parser's decisions and to print what its messages quote.
//!
//! Nodes live in arenas owned by the parser and are referred to by index ([`X`] for
//! expressions, [`S`] for statements); the arenas are emptied after each top-level
//! declaration, since nothing looks back further. Positions are gc's node positions: an
//! operation at its operator, a call at its `(`, an index or slice at its `[`, a selector or
//! assertion at its `.`, a composite literal at its `{`, an assignment at its operator.
//!
//! [`Printer`] is gc's `syntax.String` (the printer's short form, `printer.go`) for the nodes
//! messages quote: expressions and simple statements.

use super::super::scanner::{LitKind, Op, Tok};
use crate::ast::Pos;

/// An expression: an index into the parser's expression arena.
pub(super) type X = u32;
/// A statement: an index into the parser's statement arena.
pub(super) type S = u32;

/// A channel type's direction (gc's `ChanDir`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ChanDir {
    Both,
    SendOnly,
    RecvOnly,
}

/// A parameter, result, struct field or interface element (gc's `Field`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Field {
    pub pos: Pos,
    pub name: Option<X>,
    pub ty: Option<X>,
}

/// An expression node (gc's `Expr` implementations).
#[derive(Clone, Debug)]
pub(super) enum Expr<'s> {
    Bad,
    Name(&'s str),
    BasicLit {
        text: &'s str,
        kind: LitKind,
        bad: bool,
    },
    /// The elements matter only as "some or none" (the short form prints `{…}`).
    CompositeLit {
        ty: Option<X>,
        nonempty: bool,
    },
    KeyValue {
        key: X,
        value: X,
    },
    FuncLit {
        ty: X,
        nonempty: bool,
    },
    Paren(X),
    Selector {
        x: X,
        sel: X,
    },
    Index {
        x: X,
        index: X,
    },
    Slice {
        x: X,
        index: [Option<X>; 3],
    },
    Assert {
        x: X,
        ty: X,
    },
    TypeSwitchGuard {
        lhs: Option<X>,
        x: X,
    },
    /// A unary operation when `y` is `None`.
    Operation {
        op: Op,
        x: X,
        y: Option<X>,
    },
    Call {
        fun: X,
        args: Vec<X>,
        dots: bool,
    },
    List(Vec<X>),
    /// `len` is `None` for `[...]T`.
    ArrayType {
        len: Option<X>,
        elem: X,
    },
    SliceType(X),
    DotsType(X),
    /// `tags[i]` belongs to `fields[i]`.
    StructType {
        fields: Vec<Field>,
        tags: Vec<Option<X>>,
    },
    FuncType {
        params: Vec<Field>,
        results: Vec<Field>,
    },
    InterfaceType(Vec<Field>),
    MapType {
        key: X,
        value: X,
    },
    ChanType {
        dir: ChanDir,
        elem: X,
    },
}

/// A statement node (gc's `Stmt` implementations, reduced to what the parser and the branch
/// checker look at).
#[derive(Clone, Debug)]
pub(super) enum Stmt {
    Empty,
    Labeled {
        label: X,
        stmt: S,
    },
    Block(Vec<S>),
    Expression(X),
    Send {
        chan: X,
        value: X,
    },
    /// `op` is `Op::None` for `=`, `Op::Def` for `:=`; `rhs` is `None` for `++`/`--`.
    Assign {
        op: Op,
        lhs: X,
        rhs: Option<X>,
    },
    Range {
        lhs: Option<X>,
        def: bool,
        x: X,
    },
    /// A declaration statement; for the branch checker, where its first variable is declared
    /// (the position of the first `var` spec and its first name).
    Decl(Option<(Pos, X)>),
    Branch {
        tok: Tok,
        label: Option<X>,
    },
    Call,
    Return,
    If {
        then: S,
        els: Option<S>,
    },
    For {
        body: S,
    },
    /// Each clause: its position and body.
    Switch {
        type_switch: bool,
        clauses: Vec<(Pos, Vec<S>)>,
    },
    Select {
        clauses: Vec<(Pos, Vec<S>)>,
    },
}

/// The arenas of one declaration.
#[derive(Default)]
pub(super) struct Arena<'s> {
    pub exprs: Vec<Expr<'s>>,
    pub expr_pos: Vec<Pos>,
    pub stmts: Vec<Stmt>,
    pub stmt_pos: Vec<Pos>,
}

impl<'s> Arena<'s> {
    pub fn clear(&mut self) {
        self.exprs.clear();
        self.expr_pos.clear();
        self.stmts.clear();
        self.stmt_pos.clear();
    }

    pub fn x(&mut self, pos: Pos, e: Expr<'s>) -> X {
        self.exprs.push(e);
        self.expr_pos.push(pos);
        (self.exprs.len() - 1) as X
    }

    pub fn s(&mut self, pos: Pos, s: Stmt) -> S {
        self.stmts.push(s);
        self.stmt_pos.push(pos);
        (self.stmts.len() - 1) as S
    }

    pub fn e(&self, x: X) -> &Expr<'s> {
        &self.exprs[x as usize]
    }

    pub fn pos(&self, x: X) -> Pos {
        self.expr_pos[x as usize]
    }

    pub fn st(&self, s: S) -> &Stmt {
        &self.stmts[s as usize]
    }

    pub fn spos(&self, s: S) -> Pos {
        self.stmt_pos[s as usize]
    }

    /// `x` without enclosing parentheses (gc's `Unparen`).
    pub fn unparen(&self, mut x: X) -> X {
        while let Expr::Paren(inner) = self.e(x) {
            x = *inner;
        }
        x
    }

    /// Whether `x` must be a value, not a type (gc's `isValue`).
    pub fn is_value(&self, mut x: X) -> bool {
        loop {
            match self.e(x) {
                Expr::BasicLit { .. }
                | Expr::CompositeLit { .. }
                | Expr::FuncLit { .. }
                | Expr::Slice { .. }
                | Expr::Assert { .. }
                | Expr::TypeSwitchGuard { .. }
                | Expr::Call { .. } => return true,
                Expr::Operation { op, y, .. } => return *op != Op::Mul || y.is_some(),
                Expr::Paren(inner) => x = *inner,
                Expr::Index { x: base, index } => {
                    if self.is_value(*index) {
                        return true;
                    }
                    x = *base;
                }
                _ => return false,
            }
        }
    }

    /// Whether `x` is certainly a type element, not a value (gc's `isTypeElem`). Iterative
    /// along left operands, which chains of `|` nest.
    pub fn is_type_elem(&self, mut x: X) -> bool {
        loop {
            match self.e(x) {
                Expr::ArrayType { .. }
                | Expr::StructType { .. }
                | Expr::FuncType { .. }
                | Expr::InterfaceType(_)
                | Expr::SliceType(_)
                | Expr::MapType { .. }
                | Expr::ChanType { .. } => return true,
                Expr::Operation { op, x: lhs, y } => {
                    if *op == Op::Tilde || y.is_some_and(|y| self.is_type_elem(y)) {
                        return true;
                    }
                    x = *lhs;
                }
                Expr::Paren(inner) => x = *inner,
                _ => return false,
            }
        }
    }

    /// The leftmost position of `x` (gc's `StartPos`, for expressions).
    pub fn start_pos(&self, mut x: X) -> Pos {
        loop {
            match self.e(x) {
                Expr::CompositeLit { ty: Some(t), .. } => x = *t,
                Expr::KeyValue { key, .. } => x = *key,
                Expr::Selector { x: inner, .. }
                | Expr::Index { x: inner, .. }
                | Expr::Assert { x: inner, .. }
                | Expr::Call { fun: inner, .. } => x = *inner,
                Expr::TypeSwitchGuard { lhs, x: inner } => x = lhs.unwrap_or(*inner),
                Expr::Operation { x: inner, y: Some(_), .. } => x = *inner,
                Expr::List(list) if !list.is_empty() => x = list[0],
                _ => return self.pos(x),
            }
        }
    }

    /// gc's `String` of an expression.
    pub fn expr_string(&self, x: X) -> String {
        let mut p = Printer::new(self);
        p.expr(x);
        p.finish()
    }

    /// gc's `String` of a simple statement.
    pub fn stmt_string(&self, s: S) -> String {
        let mut p = Printer::new(self);
        p.stmt(s);
        p.finish()
    }
}

/// Pending whitespace in the printer (gc's `ctrlSymbol`; the short form prints no newlines).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ws {
    None,
    Semi,
    Blank,
}

/// Printing deeper than this prints `…` instead (gc has no limit; ours keeps recursion bounded
/// for pathological trees that only an error message would print).
const MAX_PRINT_DEPTH: u32 = 10_000;

/// gc's printer in its short form, for expressions and simple statements.
pub(super) struct Printer<'a, 's> {
    arena: &'a Arena<'s>,
    out: String,
    pending: Vec<(Option<Tok>, Ws)>,
    last_tok: Option<Tok>,
    depth: u32,
}

/// What a printed token is, for the whitespace rules.
#[derive(Clone, Copy)]
enum Item<'t> {
    Tok(Tok),
    /// A name, literal or other word (gc prints them as `_Name`).
    Word(&'t str),
    Op(Op),
    Blank,
    Semi,
}

impl<'a, 's> Printer<'a, 's> {
    fn new(arena: &'a Arena<'s>) -> Self {
        Printer { arena, out: String::new(), pending: Vec::new(), last_tok: None, depth: 0 }
    }

    fn finish(mut self) -> String {
        self.flush(Tok::Eof);
        self.out
    }

    fn flush(&mut self, next: Tok) {
        let mut saw_newline = next == Tok::Eof;
        let mut saw_paren = next == Tok::Rparen || next == Tok::Rbrace;
        for i in (0..self.pending.len()).rev() {
            if self.pending[i].1 == Ws::Semi {
                let mut k = Ws::Semi;
                if saw_paren {
                    saw_paren = false;
                    k = Ws::None;
                } else if saw_newline && self.pending[i].0.is_some_and(implies_semi) {
                    saw_newline = false;
                    k = Ws::None;
                }
                self.pending[i].1 = k;
            }
        }
        let mut prev = Ws::None;
        for &(_, k) in &self.pending {
            match k {
                Ws::None => {}
                Ws::Semi => {
                    self.out.push(';');
                    prev = Ws::Semi;
                }
                Ws::Blank => {
                    if prev != Ws::Blank {
                        self.out.push(' ');
                        prev = Ws::Blank;
                    }
                }
            }
        }
        self.pending.clear();
    }

    fn put(&mut self, item: Item) {
        match item {
            Item::Tok(Tok::Semi) | Item::Semi => {
                self.pending.push((self.last_tok, Ws::Semi));
                self.last_tok = Some(Tok::Semi);
            }
            Item::Tok(t) => {
                self.flush(t);
                self.out.push_str(t.as_str());
                self.last_tok = Some(t);
            }
            Item::Word(w) => {
                self.flush(Tok::Name);
                self.out.push_str(w);
                self.last_tok = Some(Tok::Name);
            }
            Item::Op(op) => {
                if op != Op::None {
                    self.flush(Tok::Operator);
                    self.out.push_str(op.as_str());
                }
            }
            Item::Blank => self.pending.push((self.last_tok, Ws::Blank)),
        }
    }

    fn expr(&mut self, x: X) {
        if self.depth >= MAX_PRINT_DEPTH {
            self.put(Item::Word("…"));
            return;
        }
        self.depth += 1;
        self.expr_inner(x);
        self.depth -= 1;
    }

    fn expr_inner(&mut self, x: X) {
        let a = self.arena;
        match a.e(x) {
            Expr::Bad => self.put(Item::Word("<bad expr>")),
            Expr::Name(n) => self.put(Item::Word(n)),
            Expr::BasicLit { text, .. } => self.put(Item::Word(text)),
            Expr::FuncLit { ty, nonempty } => {
                self.expr(*ty);
                self.put(Item::Blank);
                self.put(Item::Tok(Tok::Lbrace));
                if *nonempty {
                    self.put(Item::Word("…"));
                }
                self.put(Item::Tok(Tok::Rbrace));
            }
            Expr::CompositeLit { ty, nonempty } => {
                if let Some(t) = ty {
                    self.expr(*t);
                }
                self.put(Item::Tok(Tok::Lbrace));
                if *nonempty {
                    self.put(Item::Word("…"));
                }
                self.put(Item::Tok(Tok::Rbrace));
            }
            Expr::Paren(inner) => {
                self.put(Item::Tok(Tok::Lparen));
                self.expr(*inner);
                self.put(Item::Tok(Tok::Rparen));
            }
            Expr::Selector { x, sel } => {
                self.expr(*x);
                self.put(Item::Tok(Tok::Dot));
                self.expr(*sel);
            }
            Expr::Index { x, index } => {
                self.expr(*x);
                self.put(Item::Tok(Tok::Lbrack));
                self.expr(*index);
                self.put(Item::Tok(Tok::Rbrack));
            }
            Expr::Slice { x, index } => {
                self.expr(*x);
                self.put(Item::Tok(Tok::Lbrack));
                if let Some(i) = index[0] {
                    self.expr(i);
                }
                self.put(Item::Tok(Tok::Colon));
                if let Some(j) = index[1] {
                    self.expr(j);
                }
                if let Some(k) = index[2] {
                    self.put(Item::Tok(Tok::Colon));
                    self.expr(k);
                }
                self.put(Item::Tok(Tok::Rbrack));
            }
            Expr::Assert { x, ty } => {
                self.expr(*x);
                self.put(Item::Tok(Tok::Dot));
                self.put(Item::Tok(Tok::Lparen));
                self.expr(*ty);
                self.put(Item::Tok(Tok::Rparen));
            }
            Expr::TypeSwitchGuard { lhs, x } => {
                if let Some(l) = lhs {
                    self.expr(*l);
                    self.put(Item::Blank);
                    self.put(Item::Tok(Tok::Define));
                    self.put(Item::Blank);
                }
                self.expr(*x);
                self.put(Item::Tok(Tok::Dot));
                self.put(Item::Tok(Tok::Lparen));
                self.put(Item::Tok(Tok::Type));
                self.put(Item::Tok(Tok::Rparen));
            }
            Expr::Call { fun, args, dots } => {
                self.expr(*fun);
                self.put(Item::Tok(Tok::Lparen));
                self.expr_list(args);
                if *dots {
                    self.put(Item::Tok(Tok::DotDotDot));
                }
                self.put(Item::Tok(Tok::Rparen));
            }
            Expr::Operation { op, x, y } => match y {
                None => {
                    self.put(Item::Op(*op));
                    self.expr(*x);
                }
                Some(y) => {
                    self.expr(*x);
                    self.put(Item::Blank);
                    self.put(Item::Op(*op));
                    self.put(Item::Blank);
                    self.expr(*y);
                }
            },
            Expr::KeyValue { key, value } => {
                self.expr(*key);
                self.put(Item::Tok(Tok::Colon));
                self.put(Item::Blank);
                self.expr(*value);
            }
            Expr::List(list) => self.expr_list(list),
            Expr::ArrayType { len, elem } => {
                self.put(Item::Tok(Tok::Lbrack));
                match len {
                    Some(l) => self.expr(*l),
                    None => self.put(Item::Tok(Tok::DotDotDot)),
                }
                self.put(Item::Tok(Tok::Rbrack));
                self.expr(*elem);
            }
            Expr::SliceType(elem) => {
                self.put(Item::Tok(Tok::Lbrack));
                self.put(Item::Tok(Tok::Rbrack));
                self.expr(*elem);
            }
            Expr::DotsType(elem) => {
                self.put(Item::Tok(Tok::DotDotDot));
                self.expr(*elem);
            }
            Expr::StructType { fields, tags } => {
                self.put(Item::Tok(Tok::Struct));
                self.put(Item::Tok(Tok::Lbrace));
                if !fields.is_empty() {
                    self.field_list(fields, tags);
                }
                self.put(Item::Tok(Tok::Rbrace));
            }
            Expr::FuncType { params, results } => {
                self.put(Item::Tok(Tok::Func));
                self.signature(params, results);
            }
            Expr::InterfaceType(methods) => {
                self.put(Item::Tok(Tok::Interface));
                self.put(Item::Tok(Tok::Lbrace));
                for (i, m) in methods.iter().enumerate() {
                    if i > 0 {
                        self.put(Item::Semi);
                        self.put(Item::Blank);
                    }
                    match (m.name, m.ty) {
                        (Some(n), Some(t)) => {
                            self.expr(n);
                            if let Expr::FuncType { params, results } = a.e(t) {
                                self.signature(params, results);
                            } else {
                                self.expr(t);
                            }
                        }
                        (_, Some(t)) => self.expr(t),
                        (Some(n), None) => self.expr(n),
                        (None, None) => {}
                    }
                }
                self.put(Item::Tok(Tok::Rbrace));
            }
            Expr::MapType { key, value } => {
                self.put(Item::Tok(Tok::Map));
                self.put(Item::Tok(Tok::Lbrack));
                self.expr(*key);
                self.put(Item::Tok(Tok::Rbrack));
                self.expr(*value);
            }
            Expr::ChanType { dir, elem } => {
                if *dir == ChanDir::RecvOnly {
                    self.put(Item::Tok(Tok::Arrow));
                }
                self.put(Item::Tok(Tok::Chan));
                if *dir == ChanDir::SendOnly {
                    self.put(Item::Tok(Tok::Arrow));
                }
                self.put(Item::Blank);
                let paren =
                    *dir == ChanDir::Both && matches!(a.e(*elem), Expr::ChanType { dir: ChanDir::RecvOnly, .. });
                if paren {
                    self.put(Item::Tok(Tok::Lparen));
                }
                self.expr(*elem);
                if paren {
                    self.put(Item::Tok(Tok::Rparen));
                }
            }
        }
    }

    fn expr_list(&mut self, list: &[X]) {
        for (i, &x) in list.iter().enumerate() {
            if i > 0 {
                self.put(Item::Tok(Tok::Comma));
                self.put(Item::Blank);
            }
            self.expr(x);
        }
    }

    fn opt(&mut self, x: Option<X>) {
        if let Some(x) = x {
            self.expr(x);
        }
    }

    /// gc's `printFields`: fields `i..j`, which share one type.
    fn fields(&mut self, fields: &[Field], tags: &[Option<X>], i: usize, j: usize) {
        if i + 1 == j && fields[i].name.is_none() {
            self.opt(fields[i].ty);
        } else {
            for (k, f) in fields[i..j].iter().enumerate() {
                if k > 0 {
                    self.put(Item::Tok(Tok::Comma));
                    self.put(Item::Blank);
                }
                self.opt(f.name);
            }
            self.put(Item::Blank);
            self.opt(fields[i].ty);
        }
        if let Some(Some(tag)) = tags.get(i) {
            self.put(Item::Blank);
            self.expr(*tag);
        }
    }

    fn field_list(&mut self, fields: &[Field], tags: &[Option<X>]) {
        let mut i0 = 0;
        let mut ty = None;
        for (i, f) in fields.iter().enumerate() {
            if f.name.is_none() || f.ty != ty {
                if i0 < i {
                    self.fields(fields, tags, i0, i);
                    self.put(Item::Semi);
                    self.put(Item::Blank);
                    i0 = i;
                }
                ty = f.ty;
            }
        }
        self.fields(fields, tags, i0, fields.len());
    }

    fn signature(&mut self, params: &[Field], results: &[Field]) {
        self.parameter_list(params);
        if !results.is_empty() {
            self.put(Item::Blank);
            if results.len() == 1 && results[0].name.is_none() {
                self.opt(results[0].ty);
            } else {
                self.parameter_list(results);
            }
        }
    }

    fn parameter_list(&mut self, list: &[Field]) {
        self.put(Item::Tok(Tok::Lparen));
        for (i, f) in list.iter().enumerate() {
            if i > 0 {
                self.put(Item::Tok(Tok::Comma));
                self.put(Item::Blank);
            }
            if let Some(n) = f.name {
                self.expr(n);
                if let Some(next) = list.get(i + 1) {
                    if next.name.is_some() && next.ty == f.ty {
                        continue;
                    }
                }
                self.put(Item::Blank);
            }
            self.opt(f.ty);
        }
        self.put(Item::Tok(Tok::Rparen));
    }

    /// A simple statement (what a header's condition can be).
    fn stmt(&mut self, s: S) {
        match self.arena.st(s).clone() {
            Stmt::Expression(x) => self.expr(x),
            Stmt::Send { chan, value } => {
                self.expr(chan);
                self.put(Item::Blank);
                self.put(Item::Tok(Tok::Arrow));
                self.put(Item::Blank);
                self.expr(value);
            }
            Stmt::Assign { op, lhs, rhs } => {
                self.expr(lhs);
                match rhs {
                    None => {
                        self.put(Item::Op(op));
                        self.put(Item::Op(op));
                    }
                    Some(r) => {
                        self.put(Item::Blank);
                        self.put(Item::Op(op));
                        self.put(Item::Tok(Tok::Assign));
                        self.put(Item::Blank);
                        self.expr(r);
                    }
                }
            }
            Stmt::Range { lhs, def, x } => {
                if let Some(l) = lhs {
                    self.expr(l);
                    self.put(Item::Blank);
                    self.put(Item::Tok(if def { Tok::Define } else { Tok::Assign }));
                    self.put(Item::Blank);
                }
                self.put(Item::Tok(Tok::Range));
                self.put(Item::Blank);
                self.expr(x);
            }
            _ => {}
        }
    }
}

/// Whether a semicolon after `t` would be implied by a newline (gc's `impliesSemi`).
fn implies_semi(t: Tok) -> bool {
    matches!(
        t,
        Tok::Name
            | Tok::Break
            | Tok::Continue
            | Tok::Fallthrough
            | Tok::Return
            | Tok::Rparen
            | Tok::Rbrack
            | Tok::Rbrace
    )
}
