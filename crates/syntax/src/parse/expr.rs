//! Expressions and type expressions.
//!
//! Go's grammar does not separate types from values (`[]byte(s)`, `f[int]`, `(*T)(x)`), and
//! neither does our AST, so one function converts both. tree-sitter does distinguish them,
//! which gives several node kinds per gc node: a conversion `[]byte(s)` and a call `f(s)` are
//! both gc `CallExpr`s at their `(`; `generic_type`, `type_instantiation_expression` and
//! `index_expression` are all `IndexExpr`s at their `[`; `qualified_type` is a selector at its
//! `.`. Parentheses stay as `Paren`, except under `&` where gc drops them too.

use super::{children, field_all, named, pos, token, token_pos, Converter};
use crate::ast::{BinaryOp, ChanDir, Element, Expr, ExprKind, Field, FuncType, Ident, LitKind, UnaryOp};
use tree_sitter::Node;

impl Converter<'_> {
    /// Converts an expression or type node; anything unexpected becomes `Bad`.
    pub(crate) fn expr(&mut self, n: Node) -> Expr {
        if !self.enter(pos(n)) {
            return self.bad(pos(n));
        }
        let e = self.expr_inner(n);
        self.leave();
        e
    }

    pub(crate) fn opt_expr(&mut self, n: Option<Node>) -> Option<Expr> {
        n.map(|n| self.expr(n))
    }

    fn boxed(&mut self, n: Option<Node>, at: Node) -> Box<Expr> {
        Box::new(match n {
            Some(n) => self.expr(n),
            None => self.bad(pos(at)),
        })
    }

    /// The expressions of an `expression_list` (or of a single expression node).
    pub(crate) fn expr_list(&mut self, n: Node) -> Vec<Expr> {
        if n.kind() == "expression_list" {
            named(n).into_iter().map(|c| self.expr(c)).collect()
        } else {
            vec![self.expr(n)]
        }
    }

    fn expr_inner(&mut self, n: Node) -> Expr {
        let at = pos(n);
        match n.kind() {
            "identifier" | "type_identifier" | "field_identifier" | "package_identifier" | "iota" | "nil" | "true"
            | "false" | "blank_identifier" | "label_name" => {
                let name = self.token_text(n);
                self.mk(at, ExprKind::Ident(name))
            }
            "int_literal" => self.lit(n, LitKind::Int),
            "float_literal" => self.lit(n, LitKind::Float),
            "imaginary_literal" => self.lit(n, LitKind::Imag),
            "rune_literal" => self.lit(n, LitKind::Rune),
            "interpreted_string_literal" | "raw_string_literal" => self.lit(n, LitKind::String),
            "parenthesized_expression" | "parenthesized_type" => {
                let inner = self.boxed(named(n).first().copied(), n);
                self.mk(at, ExprKind::Paren(inner))
            }
            "binary_expression" => {
                let op_node = n.child_by_field_name("operator");
                let op = op_node.and_then(|o| binary_op(o.kind()));
                let x = self.boxed(n.child_by_field_name("left"), n);
                let y = self.boxed(n.child_by_field_name("right"), n);
                let p = op_node.map(pos).unwrap_or(at);
                match op {
                    Some(op) => self.mk(p, ExprKind::Binary { op, x, y }),
                    None => self.bad(p),
                }
            }
            "unary_expression" => {
                let op_node = n.child_by_field_name("operator");
                let p = op_node.map(pos).unwrap_or(at);
                let x = self.boxed(n.child_by_field_name("operand"), n);
                match op_node.map(|o| o.kind()).unwrap_or("") {
                    "*" => self.mk(p, ExprKind::Star(x)),
                    "&" => {
                        // gc drops parentheses around the operand of `&`.
                        let mut x = *x;
                        while let ExprKind::Paren(inner) = x.kind {
                            x = *inner;
                        }
                        self.mk(p, ExprKind::Unary { op: UnaryOp::Addr, x: Box::new(x) })
                    }
                    "+" => self.mk(p, ExprKind::Unary { op: UnaryOp::Pos, x }),
                    "-" => self.mk(p, ExprKind::Unary { op: UnaryOp::Neg, x }),
                    "!" => self.mk(p, ExprKind::Unary { op: UnaryOp::Not, x }),
                    "^" => self.mk(p, ExprKind::Unary { op: UnaryOp::Xor, x }),
                    "<-" => self.mk(p, ExprKind::Unary { op: UnaryOp::Recv, x }),
                    "~" => self.mk(p, ExprKind::Unary { op: UnaryOp::Tilde, x }),
                    _ => self.bad(p),
                }
            }
            "negated_type" => {
                let p = token_pos(n, "~");
                let x = self.boxed(named(n).first().copied(), n);
                self.mk(p, ExprKind::Unary { op: UnaryOp::Tilde, x })
            }
            "call_expression" => {
                let mut fun = self.boxed(n.child_by_field_name("function"), n);
                if let Some(targs) = n.child_by_field_name("type_arguments") {
                    let indices = self.type_args(targs);
                    fun = Box::new(self.mk(token_pos(targs, "["), ExprKind::Index { x: fun, indices }));
                }
                let (args, ellipsis, p) = match n.child_by_field_name("arguments") {
                    Some(a) => {
                        let (args, ellipsis) = self.arguments(a);
                        (args, ellipsis, token_pos(a, "("))
                    }
                    None => (vec![], false, at),
                };
                self.mk(p, ExprKind::Call { fun, args, ellipsis })
            }
            "type_conversion_expression" => {
                // In Go `*T(x)` is `*(T(x))`, but tree-sitter reads `*T` as the type: peel the
                // leading stars off and apply them to the conversion.
                let mut ty = n.child_by_field_name("type");
                let mut stars = Vec::new();
                while let Some(t) = ty.filter(|t| t.kind() == "pointer_type") {
                    stars.push(token_pos(t, "*"));
                    ty = named(t).first().copied();
                }
                let fun = self.boxed(ty, n);
                let arg = self.boxed(n.child_by_field_name("operand"), n);
                let ellipsis = token(n, "...").is_some();
                let mut e = self.mk(token_pos(n, "("), ExprKind::Call { fun, args: vec![*arg], ellipsis });
                for p in stars.into_iter().rev() {
                    e = self.mk(p, ExprKind::Star(Box::new(e)));
                }
                e
            }
            "type_instantiation_expression" => {
                let x = self.boxed(n.child_by_field_name("type"), n);
                let ty_node = n.child_by_field_name("type").map(|t| t.id());
                let indices: Vec<Expr> =
                    named(n).into_iter().filter(|c| Some(c.id()) != ty_node).map(|c| self.expr(c)).collect();
                self.mk(token_pos(n, "["), ExprKind::Index { x, indices })
            }
            "generic_type" => {
                let x = self.boxed(n.child_by_field_name("type"), n);
                let (indices, p) = match n.child_by_field_name("type_arguments") {
                    Some(t) => (self.type_args(t), token_pos(t, "[")),
                    None => (vec![], at),
                };
                self.mk(p, ExprKind::Index { x, indices })
            }
            "index_expression" => {
                let x = self.boxed(n.child_by_field_name("operand"), n);
                let i = self.boxed(n.child_by_field_name("index"), n);
                self.mk(token_pos(n, "["), ExprKind::Index { x, indices: vec![*i] })
            }
            "slice_expression" => {
                let x = self.boxed(n.child_by_field_name("operand"), n);
                let lo = self.opt_expr(n.child_by_field_name("start")).map(Box::new);
                let hi = self.opt_expr(n.child_by_field_name("end")).map(Box::new);
                let max = self.opt_expr(n.child_by_field_name("capacity")).map(Box::new);
                let colons = children(n).iter().filter(|c| c.kind() == ":" && !c.is_missing()).count();
                self.mk(token_pos(n, "["), ExprKind::Slice { x, lo, hi, max, three: colons >= 2 })
            }
            "selector_expression" => {
                let x = self.boxed(n.child_by_field_name("operand"), n);
                let sel = match n.child_by_field_name("field") {
                    Some(f) => self.ident(f),
                    None => crate::ast::Ident { name: "_".into(), pos: at },
                };
                self.mk(token_pos(n, "."), ExprKind::Selector { x, sel })
            }
            "qualified_type" => {
                let x = self.boxed(n.child_by_field_name("package"), n);
                let sel = match n.child_by_field_name("name") {
                    Some(f) => self.ident(f),
                    None => crate::ast::Ident { name: "_".into(), pos: at },
                };
                self.mk(token_pos(n, "."), ExprKind::Selector { x, sel })
            }
            "type_assertion_expression" => {
                let x = self.boxed(n.child_by_field_name("operand"), n);
                let ty = Some(self.boxed(n.child_by_field_name("type"), n));
                self.mk(token_pos(n, "."), ExprKind::TypeAssert { x, ty })
            }
            "composite_literal" => {
                let ty = self.opt_expr(n.child_by_field_name("type")).map(Box::new);
                match n.child_by_field_name("body") {
                    Some(body) => {
                        let elts = self.literal_value(body);
                        self.mk(pos(body), ExprKind::CompositeLit { ty, elts })
                    }
                    None => self.bad(at),
                }
            }
            "literal_value" => {
                let elts = self.literal_value(n);
                self.mk(at, ExprKind::CompositeLit { ty: None, elts })
            }
            "literal_element" => match named(n).first() {
                Some(c) => self.expr(*c),
                None => self.bad(at),
            },
            "func_literal" => {
                let sig = self.func_type(n, at);
                let ty = Box::new(self.mk(at, ExprKind::FuncType(sig)));
                let body = match n.child_by_field_name("body") {
                    Some(b) => self.block(b),
                    None => crate::ast::Block { pos: at, stmts: vec![], end: at },
                };
                self.mk(at, ExprKind::FuncLit { ty, body })
            }
            "function_type" => {
                let ty = self.func_type(n, at);
                self.mk(at, ExprKind::FuncType(ty))
            }
            "pointer_type" => {
                let x = self.boxed(named(n).first().copied(), n);
                self.mk(token_pos(n, "*"), ExprKind::Star(x))
            }
            "array_type" => {
                let len = Some(self.boxed(n.child_by_field_name("length"), n));
                let elem = self.boxed(n.child_by_field_name("element"), n);
                self.mk(token_pos(n, "["), ExprKind::ArrayType { len, elem })
            }
            "implicit_length_array_type" => {
                let dots = self.mk(token_pos(n, "..."), ExprKind::Ellipsis(None));
                let elem = self.boxed(n.child_by_field_name("element"), n);
                self.mk(token_pos(n, "["), ExprKind::ArrayType { len: Some(Box::new(dots)), elem })
            }
            "slice_type" => {
                let elem = self.boxed(n.child_by_field_name("element"), n);
                self.mk(token_pos(n, "["), ExprKind::ArrayType { len: None, elem })
            }
            "map_type" => {
                let key = self.boxed(n.child_by_field_name("key"), n);
                let value = self.boxed(n.child_by_field_name("value"), n);
                self.mk(at, ExprKind::MapType { key, value })
            }
            "channel_type" => {
                let first = children(n).first().map(|c| c.kind()).unwrap_or("");
                let dir = if first == "<-" {
                    ChanDir::Recv
                } else if token(n, "<-").is_some() {
                    ChanDir::Send
                } else {
                    ChanDir::Both
                };
                let elem = self.boxed(n.child_by_field_name("value"), n);
                self.mk(at, ExprKind::ChanType { dir, elem })
            }
            "struct_type" => {
                let fields = match named(n).into_iter().find(|c| c.kind() == "field_declaration_list") {
                    Some(list) => self.struct_fields(list),
                    None => vec![],
                };
                self.mk(at, ExprKind::StructType { fields })
            }
            "interface_type" => {
                let elems = self.interface_elems(n);
                self.mk(at, ExprKind::InterfaceType { elems })
            }
            "type_elem" | "type_constraint" => self.union(n),
            "variadic_argument" => {
                // Only reached when misplaced; the argument list handles the normal case.
                match named(n).first() {
                    Some(c) => self.expr(*c),
                    None => self.bad(at),
                }
            }
            "expression_list" => {
                // An expression list where one expression belongs (error recovery).
                match named(n).first() {
                    Some(c) => self.expr(*c),
                    None => self.bad(at),
                }
            }
            _ => {
                if !n.is_error() && !n.is_missing() {
                    self.error(at, format!("syntax error: unexpected {}", n.kind()));
                }
                self.bad(at)
            }
        }
    }

    fn lit(&mut self, n: Node, kind: LitKind) -> Expr {
        // A literal the scanner complained about is no value (types2 skips a `Bad` one).
        if self.bad_literals.binary_search(&n.start_byte()).is_ok() {
            return self.bad(pos(n));
        }
        // A string keeps its bytes' count (a byte that is not UTF-8 reads as one space).
        let raw = match kind {
            LitKind::Int | LitKind::Float | LitKind::Imag => self.token_text(n),
            _ => self.text(n).to_string(),
        };
        self.mk(pos(n), ExprKind::BasicLit { kind, raw })
    }

    /// `A | ~B | C` as a left-associated chain of `Or`s at each `|`.
    fn union(&mut self, n: Node) -> Expr {
        let mut acc: Option<Expr> = None;
        let mut bar = None;
        for c in children(n) {
            if c.kind() == "|" {
                bar = Some(pos(c));
                continue;
            }
            if !c.is_named() {
                continue;
            }
            let term = self.expr(c);
            acc = Some(match acc {
                None => term,
                Some(x) => {
                    let p = bar.unwrap_or(term.pos);
                    self.mk(p, ExprKind::Binary { op: BinaryOp::Or, x: Box::new(x), y: Box::new(term) })
                }
            });
        }
        match acc {
            Some(e) => e,
            None => self.bad(pos(n)),
        }
    }

    fn type_args(&mut self, n: Node) -> Vec<Expr> {
        named(n).into_iter().map(|c| self.expr(c)).collect()
    }

    fn arguments(&mut self, n: Node) -> (Vec<Expr>, bool) {
        let mut ellipsis = false;
        let mut args = vec![];
        for c in named(n) {
            if c.kind() == "variadic_argument" {
                ellipsis = true;
                match named(c).first() {
                    Some(x) => args.push(self.expr(*x)),
                    None => args.push(self.bad(pos(c))),
                }
            } else {
                args.push(self.expr(c));
            }
        }
        (args, ellipsis)
    }

    fn literal_value(&mut self, n: Node) -> Vec<Element> {
        let mut elts = vec![];
        for c in named(n) {
            match c.kind() {
                "keyed_element" => {
                    let key = self.opt_expr(c.child_by_field_name("key"));
                    let value = match c.child_by_field_name("value") {
                        Some(v) => self.expr(v),
                        None => self.bad(pos(c)),
                    };
                    elts.push(Element { key, value });
                }
                _ => {
                    let value = self.expr(c);
                    elts.push(Element { key: None, value });
                }
            }
        }
        elts
    }

    /// The signature of a function type, literal or declaration; `at` is its `func` keyword.
    pub(crate) fn func_type(&mut self, n: Node, at: crate::ast::Pos) -> FuncType {
        let params = match n.child_by_field_name("parameters") {
            Some(p) => {
                let mut params = self.params(p);
                self.drop_misplaced_dots(&mut params, true);
                params
            }
            None => vec![],
        };
        let results = match n.child_by_field_name("result") {
            Some(r) if r.kind() == "parameter_list" => {
                let mut results = self.params(r);
                self.drop_misplaced_dots(&mut results, false);
                results
            }
            Some(r) => {
                let ty = self.expr(r);
                vec![Field { names: vec![], ty, tag: None, pos: pos(r) }]
            }
            None => vec![],
        };
        FuncType { pos: at, params, results }
    }

    /// A `parameter_list`: parameters, results or a receiver.
    pub(crate) fn params(&mut self, n: Node) -> Vec<Field> {
        let mut fields = vec![];
        for c in named(n) {
            match c.kind() {
                "parameter_declaration" => {
                    let names: Vec<_> = field_all(c, "name").into_iter().map(|x| self.ident(x)).collect();
                    let ty = match c.child_by_field_name("type") {
                        Some(t) => self.expr(t),
                        None => self.bad(pos(c)),
                    };
                    fields.push(Field { names, ty, tag: None, pos: pos(c) });
                }
                "variadic_parameter_declaration" => {
                    let names: Vec<_> = field_all(c, "name").into_iter().map(|x| self.ident(x)).collect();
                    let elem = match c.child_by_field_name("type") {
                        Some(t) => self.expr(t),
                        None => self.bad(pos(c)),
                    };
                    let ty = self.mk(token_pos(c, "..."), ExprKind::Ellipsis(Some(Box::new(elem))));
                    fields.push(Field { names, ty, tag: None, pos: pos(c) });
                }
                _ => {}
            }
        }
        regroup_names(&mut fields);
        fields
    }

    /// gc's parser reports `...T` anywhere but on the last parameter of a function (`dddok`)
    /// and reads it as `T` from then on; so do we, so that the type checker sees what gc's
    /// sees. `a, b ...T` keeps `...T` for `b` alone.
    pub(crate) fn drop_misplaced_dots(&mut self, fields: &mut Vec<Field>, dddok: bool) {
        // tree-sitter reads `a, b ...T` as a parameter of type `a` and `b ...T`; gc reads names
        // sharing the type to their right.
        let mut i = 0;
        while i < fields.len() {
            if matches!(fields[i].ty.kind, ExprKind::Ellipsis(Some(_))) && !fields[i].names.is_empty() {
                let mut j = i;
                while j > 0 && fields[j - 1].names.is_empty() && matches!(fields[j - 1].ty.kind, ExprKind::Ident(_)) {
                    j -= 1;
                }
                if j < i {
                    let mut names: Vec<Ident> = fields
                        .drain(j..i)
                        .map(|f| match f.ty.kind {
                            ExprKind::Ident(name) => Ident { name, pos: f.ty.pos },
                            _ => unreachable!("an identifier type"),
                        })
                        .collect();
                    i = j;
                    fields[i].pos = names[0].pos;
                    names.append(&mut fields[i].names);
                    fields[i].names = names;
                }
            }
            i += 1;
        }
        let n = fields.len();
        let mut out = Vec::with_capacity(n);
        for (i, mut f) in std::mem::take(fields).into_iter().enumerate() {
            let ExprKind::Ellipsis(Some(elem)) = &f.ty.kind else {
                out.push(f);
                continue;
            };
            let elem = (**elem).clone();
            if !dddok || i + 1 < n {
                f.ty = elem;
                out.push(f);
            } else if f.names.len() > 1 {
                // The final name keeps `...T`; the others get `T`.
                let last = f.names.pop().expect("several names");
                let pos = last.pos;
                let dots = Field { names: vec![last], ty: f.ty.clone(), tag: None, pos };
                f.ty = self.refresh_ids(&elem);
                out.push(f);
                out.push(dots);
            } else {
                out.push(f);
            }
        }
        *fields = out;
    }

    /// A `type_parameter_list`.
    pub(crate) fn type_params(&mut self, n: Option<Node>) -> Vec<Field> {
        let Some(n) = n else { return vec![] };
        let mut fields = vec![];
        for c in named(n) {
            if c.kind() != "type_parameter_declaration" {
                continue;
            }
            let names: Vec<_> = field_all(c, "name").into_iter().map(|x| self.ident(x)).collect();
            let ty = match c.child_by_field_name("type") {
                Some(t) => self.expr(t),
                None => self.bad(pos(c)),
            };
            fields.push(Field { names, ty, tag: None, pos: pos(c) });
        }
        fields
    }

    fn struct_fields(&mut self, list: Node) -> Vec<Field> {
        let mut fields = vec![];
        for c in named(list) {
            if c.kind() != "field_declaration" {
                continue;
            }
            let names: Vec<_> = field_all(c, "name").into_iter().map(|x| self.ident(x)).collect();
            let mut ty = match c.child_by_field_name("type") {
                Some(t) => self.expr(t),
                None => self.bad(pos(c)),
            };
            if names.is_empty() {
                // An embedded `*T` keeps its star as a token of the field declaration.
                if let Some(star) = token(c, "*") {
                    ty = self.mk(pos(star), ExprKind::Star(Box::new(ty)));
                }
            }
            let tag = c.child_by_field_name("tag").map(|t| super::unquote(self.text(t)).unwrap_or_default());
            fields.push(Field { names, ty, tag, pos: pos(c) });
        }
        fields
    }

    fn interface_elems(&mut self, n: Node) -> Vec<Field> {
        let mut elems = vec![];
        for c in named(n) {
            match c.kind() {
                "method_elem" => {
                    let Some(name) = c.child_by_field_name("name") else { continue };
                    let name = self.ident(name);
                    let at = c.child_by_field_name("parameters").map(pos).unwrap_or(name.pos);
                    let ft = self.func_type(c, at);
                    let ty = self.mk(at, ExprKind::FuncType(ft));
                    elems.push(Field { names: vec![name], ty, tag: None, pos: pos(c) });
                }
                "type_elem" => {
                    let ty = self.union(c);
                    elems.push(Field { names: vec![], ty, tag: None, pos: pos(c) });
                }
                _ => {}
            }
        }
        elems
    }
}

pub(crate) fn binary_op(s: &str) -> Option<BinaryOp> {
    use BinaryOp::*;
    Some(match s {
        "+" => Add,
        "-" => Sub,
        "*" => Mul,
        "/" => Quo,
        "%" => Rem,
        "&" => And,
        "|" => Or,
        "^" => Xor,
        "<<" => Shl,
        ">>" => Shr,
        "&^" => AndNot,
        "&&" => LAnd,
        "||" => LOr,
        "==" => Eql,
        "!=" => Neq,
        "<" => Lss,
        "<=" => Leq,
        ">" => Gtr,
        ">=" => Geq,
        _ => return None,
    })
}

/// In a parameter list where some parameter is named, every parameter is (gc's `paramList`): a
/// bare identifier before `name T` is another name of that group. tree-sitter, whose parse of
/// `a, b, c T` is ambiguous until `T`, reads a long group (ten names) as unnamed parameters of
/// types `a`, `b`, ... and one named `c T`; the names are put back in their group here.
fn regroup_names(fields: &mut Vec<Field>) {
    if !fields.iter().any(|f| !f.names.is_empty()) {
        return;
    }
    let mut out: Vec<Field> = Vec::with_capacity(fields.len());
    let mut pending: Vec<Field> = Vec::new();
    for mut f in fields.drain(..) {
        if f.names.is_empty() && matches!(f.ty.kind, ExprKind::Ident(_)) {
            pending.push(f);
            continue;
        }
        if !f.names.is_empty() && !pending.is_empty() {
            let mut names: Vec<Ident> = pending
                .drain(..)
                .map(|p| match p.ty.kind {
                    ExprKind::Ident(name) => Ident { name, pos: p.ty.pos },
                    _ => unreachable!("an identifier type"),
                })
                .collect();
            f.pos = names[0].pos;
            names.append(&mut f.names);
            f.names = names;
        }
        out.append(&mut pending);
        out.push(f);
    }
    out.append(&mut pending);
    *fields = out;
}
