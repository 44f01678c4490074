//! Expressions and types: the "Expressions" and "Types" sections of gc's `parser.go`.

use super::nodes::{ChanDir, Expr, Field, X};
use super::Parser;
use crate::ast::Pos;
use crate::parse::scanner::{tok_string, Op, Tok};

impl Parser<'_, '_> {
    pub(super) fn expr(&mut self) -> X {
        self.binary_expr(None, 0)
    }

    /// `x` is an already parsed left operand, if any.
    pub(super) fn binary_expr(&mut self, x: Option<X>, prec: u8) -> X {
        let mut x = match x {
            Some(x) => x,
            None => self.unary_expr(),
        };
        while matches!(self.tok(), Tok::Operator | Tok::Star) && self.t().prec > prec {
            let pos = self.pos();
            let op = self.t().op;
            let tprec = self.t().prec;
            self.next();
            let y = self.binary_expr(None, tprec);
            x = self.a.x(pos, Expr::Operation { op, x, y: Some(y) });
        }
        x
    }

    pub(super) fn unary_expr(&mut self) -> X {
        if !self.enter() {
            return self.bad_expr();
        }
        let x = self.unary_expr_inner();
        self.leave();
        x
    }

    fn unary_expr_inner(&mut self) -> X {
        match self.tok() {
            Tok::Operator | Tok::Star => match self.t().op {
                Op::Mul | Op::Add | Op::Sub | Op::Not | Op::Xor | Op::Tilde => {
                    let pos = self.pos();
                    let op = self.t().op;
                    self.next();
                    let x = self.unary_expr();
                    return self.a.x(pos, Expr::Operation { op, x, y: None });
                }
                Op::And => {
                    let pos = self.pos();
                    self.next();
                    let x = self.unary_expr();
                    let x = self.a.unparen(x);
                    return self.a.x(pos, Expr::Operation { op: Op::And, x, y: None });
                }
                _ => {}
            },
            Tok::Arrow => {
                let pos = self.pos();
                self.next();
                let x = self.unary_expr();
                if matches!(self.a.e(x), Expr::ChanType { .. }) {
                    // `<-chan E`: the arrow belongs to the channel type, and to each channel
                    // type the element chain sends on.
                    let mut dir = ChanDir::SendOnly;
                    let mut t = x;
                    while dir == ChanDir::SendOnly {
                        let Expr::ChanType { dir: d, elem } = *self.a.e(t) else { break };
                        dir = d;
                        if dir == ChanDir::RecvOnly {
                            self.syntax_error("unexpected <-, expected chan");
                        }
                        if let Expr::ChanType { dir, .. } = &mut self.a.exprs[t as usize] {
                            *dir = ChanDir::RecvOnly;
                        }
                        t = elem;
                    }
                    if dir == ChanDir::SendOnly {
                        let s = self.a.expr_string(t);
                        self.syntax_error(&format!("unexpected {s}, expected chan"));
                    }
                    return x;
                }
                return self.a.x(pos, Expr::Operation { op: Op::Recv, x, y: None });
            }
            _ => {}
        }
        self.pexpr(None, true)
    }

    pub(super) fn operand(&mut self, keep_parens: bool) -> X {
        match self.tok() {
            Tok::Name => self.name(),
            Tok::Literal => self.oliteral().expect("a literal token"),
            Tok::Lparen => {
                let pos = self.pos();
                self.next();
                self.xnest += 1;
                let x = self.expr();
                self.xnest -= 1;
                self.want(Tok::Rparen);
                // A parenthesized composite literal type is an error only if `{` follows.
                if keep_parens || self.tok() == Tok::Lbrace {
                    return self.a.x(pos, Expr::Paren(x));
                }
                x
            }
            Tok::Func => {
                let pos = self.pos();
                self.next();
                let (_, ftyp) = self.func_type("function type");
                if self.tok() == Tok::Lbrace {
                    self.xnest += 1;
                    let nonempty = self.func_body();
                    self.xnest -= 1;
                    return self.a.x(pos, Expr::FuncLit { ty: ftyp, nonempty });
                }
                ftyp
            }
            Tok::Lbrack | Tok::Chan | Tok::Map | Tok::Struct | Tok::Interface => self.type_(),
            _ => {
                let x = self.bad_expr();
                self.syntax_error("expected expression");
                self.advance(&[Tok::Rparen, Tok::Rbrack, Tok::Rbrace]);
                x
            }
        }
    }

    /// A primary expression; `x` is an already parsed operand, if any.
    pub(super) fn pexpr(&mut self, x: Option<X>, keep_parens: bool) -> X {
        let mut x = match x {
            Some(x) => x,
            None => self.operand(keep_parens),
        };
        loop {
            let pos = self.pos();
            match self.tok() {
                Tok::Dot => {
                    self.next();
                    match self.tok() {
                        Tok::Name => {
                            let sel = self.name();
                            x = self.a.x(pos, Expr::Selector { x, sel });
                        }
                        Tok::Lparen => {
                            self.next();
                            if self.got(Tok::Type) {
                                x = self.a.x(pos, Expr::TypeSwitchGuard { lhs: None, x });
                            } else {
                                let ty = self.type_();
                                x = self.a.x(pos, Expr::Assert { x, ty });
                            }
                            self.want(Tok::Rparen);
                        }
                        _ => {
                            self.syntax_error("expected name or (");
                            self.advance(&[Tok::Semi, Tok::Rparen]);
                        }
                    }
                }
                Tok::Lbrack => {
                    self.next();
                    let mut i = None;
                    if self.tok() != Tok::Colon {
                        let mut comma = false;
                        let idx = if self.tok() == Tok::Rbrack {
                            self.syntax_error("expected operand");
                            self.bad_expr()
                        } else {
                            let (idx, c) = self.type_list(false);
                            comma = c;
                            idx
                        };
                        i = Some(idx);
                        if comma || self.tok() == Tok::Rbrack {
                            self.want(Tok::Rbrack);
                            x = self.a.x(pos, Expr::Index { x, index: idx });
                            continue;
                        }
                    }
                    // A slice expression.
                    if !self.got(Tok::Colon) {
                        self.syntax_error("expected comma, : or ]");
                        self.advance(&[Tok::Comma, Tok::Colon, Tok::Rbrack]);
                    }
                    self.xnest += 1;
                    let mut index = [i, None, None];
                    if self.tok() != Tok::Colon && self.tok() != Tok::Rbrack {
                        index[1] = Some(self.expr());
                    }
                    if self.tok() == Tok::Colon {
                        if index[1].is_none() {
                            self.error("middle index required in 3-index slice");
                            index[1] = Some(self.bad_expr());
                        }
                        self.next();
                        if self.tok() != Tok::Rbrack {
                            index[2] = Some(self.expr());
                        } else {
                            self.error("final index required in 3-index slice");
                            index[2] = Some(self.bad_expr());
                        }
                    }
                    self.xnest -= 1;
                    self.want(Tok::Rbrack);
                    x = self.a.x(pos, Expr::Slice { x, index });
                }
                Tok::Lparen => {
                    self.next();
                    let (args, dots) = self.arg_list();
                    x = self.a.x(pos, Expr::Call { fun: x, args, dots });
                }
                Tok::Lbrace => {
                    // A composite literal or the block of a statement?
                    let t = self.a.unparen(x);
                    let complit_ok = match self.a.e(t) {
                        Expr::Name(_) | Expr::Selector { .. } => self.xnest >= 0,
                        Expr::Index { .. } => self.xnest >= 0 && !self.a.is_value(t),
                        Expr::ArrayType { .. }
                        | Expr::SliceType(_)
                        | Expr::StructType { .. }
                        | Expr::MapType { .. } => true,
                        _ => false,
                    };
                    if !complit_ok {
                        break;
                    }
                    if t != x {
                        self.syntax_error("cannot parenthesize type in composite literal");
                    }
                    x = self.complitexpr(Some(x));
                }
                _ => break,
            }
        }
        x
    }

    fn bare_complitexpr(&mut self) -> X {
        if self.tok() == Tok::Lbrace {
            return self.complitexpr(None);
        }
        self.expr()
    }

    fn complitexpr(&mut self, ty: Option<X>) -> X {
        if !self.enter() {
            return self.bad_expr();
        }
        let pos = self.pos();
        self.xnest += 1;
        self.want(Tok::Lbrace);
        let mut nonempty = false;
        self.list("composite literal", Tok::Comma, Tok::Rbrace, &mut |p| {
            let e = p.bare_complitexpr();
            if p.tok() == Tok::Colon {
                let pos = p.pos();
                p.next();
                let value = p.bare_complitexpr();
                p.a.x(pos, Expr::KeyValue { key: e, value });
            }
            nonempty = true;
            false
        });
        self.xnest -= 1;
        self.leave();
        self.a.x(pos, Expr::CompositeLit { ty, nonempty })
    }

    // ---- types ------------------------------------------------------------------------------

    pub(super) fn type_(&mut self) -> X {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let t = self.bad_expr();
                self.syntax_error("expected type");
                self.advance(&[Tok::Comma, Tok::Colon, Tok::Semi, Tok::Rparen, Tok::Rbrack, Tok::Rbrace]);
                t
            }
        }
    }

    pub(super) fn type_or_nil(&mut self) -> Option<X> {
        if !self.enter() {
            return Some(self.bad_expr());
        }
        let t = self.type_or_nil_inner();
        self.leave();
        t
    }

    fn type_or_nil_inner(&mut self) -> Option<X> {
        let pos = self.pos();
        Some(match self.tok() {
            Tok::Star => {
                self.next();
                let x = self.type_();
                self.a.x(pos, Expr::Operation { op: Op::Mul, x, y: None })
            }
            Tok::Arrow => {
                self.next();
                self.want(Tok::Chan);
                let elem = self.chan_elem();
                self.a.x(pos, Expr::ChanType { dir: ChanDir::RecvOnly, elem })
            }
            Tok::Func => {
                self.next();
                self.func_type("function type").1
            }
            Tok::Lbrack => {
                self.next();
                if self.got(Tok::Rbrack) {
                    return Some(self.slice_type(pos));
                }
                self.array_type(pos, None)
            }
            Tok::Chan => {
                self.next();
                let dir = if self.got(Tok::Arrow) { ChanDir::SendOnly } else { ChanDir::Both };
                let elem = self.chan_elem();
                self.a.x(pos, Expr::ChanType { dir, elem })
            }
            Tok::Map => {
                self.next();
                self.want(Tok::Lbrack);
                let key = self.type_();
                self.want(Tok::Rbrack);
                let value = self.type_();
                self.a.x(pos, Expr::MapType { key, value })
            }
            Tok::Struct => self.struct_type(),
            Tok::Interface => self.interface_type(),
            Tok::Name => self.qualified_name(None),
            Tok::Lparen => {
                self.next();
                let t = self.type_();
                self.want(Tok::Rparen);
                t
            }
            _ => return None,
        })
    }

    fn type_instance(&mut self, ty: X) -> X {
        let pos = self.pos();
        self.want(Tok::Lbrack);
        let index = if self.tok() == Tok::Rbrack {
            self.syntax_error("expected type argument list");
            self.bad_expr()
        } else {
            self.type_list(true).0
        };
        self.want(Tok::Rbrack);
        self.a.x(pos, Expr::Index { x: ty, index })
    }

    /// A signature after `func` (and a name). A non-empty `context` names what may not have
    /// type parameters. Returns the type parameters, if any, and the function type.
    pub(super) fn func_type(&mut self, context: &str) -> (Vec<Field>, X) {
        let pos = self.pos();
        let mut tparams = Vec::new();
        if self.got(Tok::Lbrack) {
            if !context.is_empty() {
                self.syntax_error_at(pos, &format!("{context} must have no type parameters"));
            }
            if self.tok() == Tok::Rbrack {
                self.syntax_error("empty type parameter list");
                self.next();
            } else {
                tparams = self.param_list(None, None, Tok::Rbrack, true, false);
            }
        }
        self.want(Tok::Lparen);
        let params = self.param_list(None, None, Tok::Rparen, false, true);
        let results = self.func_result();
        let t = self.a.x(pos, Expr::FuncType { params, results });
        (tparams, t)
    }

    /// After `[` (at `pos`); `len` is the already parsed length, if any.
    pub(super) fn array_type(&mut self, pos: Pos, len: Option<X>) -> X {
        let mut len = len;
        if len.is_none() && !self.got(Tok::DotDotDot) {
            self.xnest += 1;
            len = Some(self.expr());
            self.xnest -= 1;
        }
        if self.tok() == Tok::Comma {
            self.syntax_error("unexpected comma; expected ]");
            self.next();
        }
        self.want(Tok::Rbrack);
        let elem = self.type_();
        self.a.x(pos, Expr::ArrayType { len, elem })
    }

    /// After `[]` (the `[` at `pos`).
    pub(super) fn slice_type(&mut self, pos: Pos) -> X {
        let elem = self.type_();
        self.a.x(pos, Expr::SliceType(elem))
    }

    fn chan_elem(&mut self) -> X {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let t = self.bad_expr();
                self.syntax_error("missing channel element type");
                t
            }
        }
    }

    fn struct_type(&mut self) -> X {
        let pos = self.pos();
        self.want(Tok::Struct);
        self.want(Tok::Lbrace);
        let mut fields = Vec::new();
        let mut tags = Vec::new();
        self.list("struct type", Tok::Semi, Tok::Rbrace, &mut |p| {
            p.field_decl(&mut fields, &mut tags);
            false
        });
        self.a.x(pos, Expr::StructType { fields, tags })
    }

    fn interface_type(&mut self) -> X {
        let pos = self.pos();
        self.want(Tok::Interface);
        self.want(Tok::Lbrace);
        let mut methods = Vec::new();
        self.list("interface type", Tok::Semi, Tok::Rbrace, &mut |p| {
            let mut f = None;
            if p.tok() == Tok::Name {
                f = Some(p.method_decl());
            }
            let f = match f {
                Some(f) if f.name.is_some() => f,
                f => p.embedded_elem(f),
            };
            methods.push(f);
            false
        });
        self.a.x(pos, Expr::InterfaceType(methods))
    }

    fn func_result(&mut self) -> Vec<Field> {
        if self.got(Tok::Lparen) {
            return self.param_list(None, None, Tok::Rparen, false, false);
        }
        let pos = self.pos();
        match self.type_or_nil() {
            Some(t) => vec![Self::new_field(pos, None, Some(t))],
            None => Vec::new(),
        }
    }

    fn field_decl(&mut self, fields: &mut Vec<Field>, tags: &mut Vec<Option<X>>) {
        let pos = self.pos();
        let mut add = |fields: &mut Vec<Field>, pos: Pos, name: Option<X>, ty: X, tag: Option<X>| {
            fields.push(Self::new_field(pos, name, Some(ty)));
            tags.push(tag);
        };
        match self.tok() {
            Tok::Name => {
                let name = self.name();
                if matches!(self.tok(), Tok::Dot | Tok::Literal | Tok::Semi | Tok::Rbrace) {
                    // An embedded type.
                    let ty = self.qualified_name(Some(name));
                    let tag = self.oliteral();
                    add(fields, pos, None, ty, tag);
                    return;
                }
                let names = self.name_list(name);
                let ty;
                // `T[P1, P2]` embedded, or a field `T` of type `[N]E` or `[]E`?
                if names.len() == 1 && self.tok() == Tok::Lbrack {
                    ty = self.array_or_targs();
                    if matches!(self.a.e(ty), Expr::Index { .. }) {
                        if let Expr::Index { x, .. } = &mut self.a.exprs[ty as usize] {
                            *x = name;
                        }
                        let tag = self.oliteral();
                        add(fields, pos, None, ty, tag);
                        return;
                    }
                } else {
                    ty = self.type_();
                }
                let tag = self.oliteral();
                for n in names {
                    let npos = self.a.pos(n);
                    add(fields, npos, Some(n), ty, tag);
                }
            }
            Tok::Star => {
                self.next();
                let ty = if self.tok() == Tok::Lparen {
                    self.syntax_error("cannot parenthesize embedded type");
                    self.next();
                    let t = self.qualified_name(None);
                    self.got(Tok::Rparen);
                    t
                } else {
                    self.qualified_name(None)
                };
                let tag = self.oliteral();
                let ptr = self.a.x(pos, Expr::Operation { op: Op::Mul, x: ty, y: None });
                add(fields, pos, None, ptr, tag);
            }
            Tok::Lparen => {
                self.syntax_error("cannot parenthesize embedded type");
                self.next();
                let ty = if self.tok() == Tok::Star {
                    let spos = self.pos();
                    self.next();
                    let t = self.qualified_name(None);
                    self.a.x(spos, Expr::Operation { op: Op::Mul, x: t, y: None })
                } else {
                    self.qualified_name(None)
                };
                self.got(Tok::Rparen);
                let tag = self.oliteral();
                add(fields, pos, None, ty, tag);
            }
            _ => {
                self.syntax_error("expected field name or embedded type");
                self.advance(&[Tok::Semi, Tok::Rbrace]);
            }
        }
    }

    /// `[N]E`, `[]E`, or type arguments `[A, B]` whose instantiated type the caller fills in.
    fn array_or_targs(&mut self) -> X {
        let pos = self.pos();
        self.want(Tok::Lbrack);
        if self.got(Tok::Rbrack) {
            return self.slice_type(pos);
        }
        let (n, comma) = self.type_list(false);
        self.want(Tok::Rbrack);
        if !comma {
            if let Some(elem) = self.type_or_nil() {
                return self.a.x(pos, Expr::ArrayType { len: Some(n), elem });
            }
        }
        let placeholder = self.a.x(pos, Expr::Bad);
        self.a.x(pos, Expr::Index { x: placeholder, index: n })
    }

    fn method_decl(&mut self) -> Field {
        let mut f = Self::new_field(self.pos(), None, None);
        let name = self.name();
        const CONTEXT: &str = "interface method";
        match self.tok() {
            Tok::Lparen => {
                f.name = Some(name);
                f.ty = Some(self.func_type(CONTEXT).1);
            }
            Tok::Lbrack => {
                // A generic method (an error) or an embedded instantiated type.
                let pos = self.pos();
                self.next();
                if self.tok() == Tok::Rbrack {
                    let pos = self.pos();
                    self.next();
                    if self.tok() == Tok::Lparen {
                        self.error_at(pos, "empty type parameter list".into());
                        f.name = Some(name);
                        f.ty = Some(self.func_type(CONTEXT).1);
                    } else {
                        self.error_at(pos, "empty type argument list".into());
                        f.ty = Some(name);
                    }
                    return f;
                }
                let list = self.param_list(None, None, Tok::Rbrack, false, false);
                if list.is_empty() {
                    if self.tok() == Tok::Lparen {
                        f.name = Some(name);
                        f.ty = Some(self.func_type(CONTEXT).1);
                    } else {
                        f.ty = Some(name);
                    }
                    return f;
                }
                if list[0].name.is_some() {
                    f.name = Some(name);
                    f.ty = Some(self.func_type(CONTEXT).1);
                    self.error_at(pos, "interface method must have no type parameters".into());
                    return f;
                }
                let index = if list.len() == 1 {
                    list[0].ty.unwrap_or(name)
                } else {
                    let elems = list.iter().filter_map(|f| f.ty).collect();
                    self.a.x(list[0].pos, Expr::List(elems))
                };
                f.ty = Some(self.a.x(pos, Expr::Index { x: name, index }));
            }
            _ => f.ty = Some(self.qualified_name(Some(name))),
        }
        f
    }

    /// `term { "|" term }`, continuing `f` if it holds the first term.
    fn embedded_elem(&mut self, f: Option<Field>) -> Field {
        let mut f = match f {
            Some(f) => f,
            None => {
                let pos = self.pos();
                let t = self.embedded_term();
                Self::new_field(pos, None, Some(t))
            }
        };
        while self.tok() == Tok::Operator && self.t().op == Op::Or {
            let pos = self.pos();
            self.next();
            let y = self.embedded_term();
            let x = f.ty.unwrap_or(y);
            f.ty = Some(self.a.x(pos, Expr::Operation { op: Op::Or, x, y: Some(y) }));
        }
        f
    }

    fn embedded_term(&mut self) -> X {
        if self.tok() == Tok::Operator && self.t().op == Op::Tilde {
            let pos = self.pos();
            self.next();
            let x = self.type_();
            return self.a.x(pos, Expr::Operation { op: Op::Tilde, x, y: None });
        }
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let t = self.bad_expr();
                self.syntax_error("expected ~ term or type");
                self.advance(&[Tok::Operator, Tok::Semi, Tok::Rparen, Tok::Rbrack, Tok::Rbrace]);
                t
            }
        }
    }

    fn is_or(&self) -> bool {
        self.tok() == Tok::Operator && self.t().op == Op::Or
    }

    /// One parameter; `name` is an already parsed first name, if any.
    fn param_decl_or_nil(&mut self, name: Option<X>, follow: Tok) -> Option<Field> {
        // Type set notation is allowed in type parameter lists.
        let type_sets_ok = follow == Tok::Rbrack;
        let mut pos = self.pos();
        if let Some(n) = name {
            pos = self.a.pos(n);
        } else if type_sets_ok && self.tok() == Tok::Operator && self.t().op == Op::Tilde {
            return Some(self.embedded_elem(None));
        }
        let mut f = Self::new_field(pos, None, None);
        if self.tok() == Tok::Name || name.is_some() {
            let name = match name {
                Some(n) => n,
                None => self.name(),
            };
            if self.tok() == Tok::Lbrack {
                let t = self.array_or_targs();
                f.ty = Some(t);
                if matches!(self.a.e(t), Expr::Index { .. }) {
                    if let Expr::Index { x, .. } = &mut self.a.exprs[t as usize] {
                        *x = name;
                    }
                } else {
                    f.name = Some(name);
                }
                if type_sets_ok && self.is_or() {
                    f = self.embedded_elem(Some(f));
                }
                return Some(f);
            }
            if self.tok() == Tok::Dot {
                f.ty = Some(self.qualified_name(Some(name)));
                if type_sets_ok && self.is_or() {
                    f = self.embedded_elem(Some(f));
                }
                return Some(f);
            }
            if type_sets_ok && self.is_or() {
                f.ty = Some(name);
                return Some(self.embedded_elem(Some(f)));
            }
            f.name = Some(name);
        }
        if self.tok() == Tok::DotDotDot {
            let dpos = self.pos();
            self.next();
            match self.type_or_nil() {
                Some(elem) => f.ty = Some(self.a.x(dpos, Expr::DotsType(elem))),
                None => {
                    f.ty = Some(self.bad_expr());
                    self.syntax_error("... is missing type");
                }
            }
            return Some(f);
        }
        if type_sets_ok && self.tok() == Tok::Operator && self.t().op == Op::Tilde {
            f.ty = self.embedded_elem(None).ty;
            return Some(f);
        }
        f.ty = self.type_or_nil();
        if type_sets_ok && self.is_or() && f.ty.is_some() {
            f = self.embedded_elem(Some(f));
        }
        if f.name.is_some() || f.ty.is_some() {
            return Some(f);
        }
        self.syntax_error(&format!("expected {}", tok_string(follow)));
        self.advance(&[Tok::Comma, follow]);
        None
    }

    /// A parameter list after its `(` or `[`. `name` and `ty` are an already parsed first
    /// name and type. As gc, either all fields end up named or none.
    pub(super) fn param_list(
        &mut self,
        name: Option<X>,
        ty: Option<X>,
        close: Tok,
        require_names: bool,
        dddok: bool,
    ) -> Vec<Field> {
        if let (Some(n), Some(t)) = (name, ty) {
            if self.tok() == close {
                self.next();
                return vec![Self::new_field(self.a.pos(n), Some(n), Some(t))];
            }
        }
        let mut name = name;
        let mut ty = ty;
        let mut named = 0;
        let mut typed = 0;
        let mut list: Vec<Field> = Vec::new();
        let end = self.list("parameter list", Tok::Comma, close, &mut |p| {
            let par = match ty {
                Some(t) => {
                    let n = name.expect("a first type comes with its name");
                    Some(Self::new_field(p.a.pos(n), Some(n), Some(t)))
                }
                None => p.param_decl_or_nil(name, close),
            };
            name = None;
            ty = None;
            if let Some(par) = par {
                if par.name.is_some() && par.ty.is_some() {
                    named += 1;
                }
                if par.ty.is_some() {
                    typed += 1;
                }
                list.push(par);
            }
            false
        });
        if list.is_empty() {
            return list;
        }
        if named == 0 && !require_names {
            // All unnamed: the names found are types.
            for par in &mut list {
                if let Some(n) = par.name.take() {
                    par.ty = Some(n);
                }
            }
        } else if named != list.len() {
            // Some named, or type parameters: all must be named.
            let mut err_pos: Option<Pos> = None;
            let mut typ: Option<X> = None;
            for i in (0..list.len()).rev() {
                if let Some(t) = list[i].ty {
                    typ = Some(t);
                    if list[i].name.is_none() {
                        let at = self.a.start_pos(t);
                        err_pos = Some(at);
                        list[i].name = Some(self.a.x(at, Expr::Name("_")));
                    }
                } else if typ.is_some() {
                    list[i].ty = typ;
                } else {
                    let at = list[i].name.map(|n| self.a.pos(n)).unwrap_or(list[i].pos);
                    err_pos = Some(at);
                    list[i].ty = Some(self.a.x(at, Expr::Bad));
                }
            }
            if let Some(mut at) = err_pos {
                let msg = if named == typed {
                    at = end;
                    if require_names {
                        "missing type constraint".to_string()
                    } else {
                        "missing parameter type".to_string()
                    }
                } else if require_names {
                    if list.len() == 1 {
                        "missing type parameter name or invalid array length".to_string()
                    } else {
                        "missing type parameter name".to_string()
                    }
                } else {
                    "missing parameter name".to_string()
                };
                self.syntax_error_at(at, &msg);
            }
        }
        // `...` only on the final parameter of a function.
        let mut first = true;
        let n = list.len();
        for (i, par) in list.iter_mut().enumerate() {
            let Some(t) = par.ty else { continue };
            if let Expr::DotsType(elem) = *self.a.e(t) {
                if !dddok || i + 1 < n {
                    if first {
                        first = false;
                        let at = self.a.pos(t);
                        let msg = if dddok { "can only use ... with final parameter" } else { "invalid use of ..." };
                        self.error_at(at, msg.into());
                    }
                    par.ty = Some(elem);
                }
            }
        }
        list
    }

    pub(super) fn qualified_name(&mut self, name: Option<X>) -> X {
        let mut x = match name {
            Some(n) => n,
            None if self.tok() == Tok::Name => self.name(),
            None => {
                let pos = self.pos();
                let n = self.a.x(pos, Expr::Name("_"));
                self.syntax_error("expected name");
                self.advance(&[Tok::Dot, Tok::Semi, Tok::Rbrace]);
                n
            }
        };
        if self.tok() == Tok::Dot {
            let pos = self.pos();
            self.next();
            let sel = self.name();
            x = self.a.x(pos, Expr::Selector { x, sel });
        }
        if self.tok() == Tok::Lbrack {
            x = self.type_instance(x);
        }
        x
    }

    pub(super) fn expr_list(&mut self) -> X {
        let x = self.expr();
        if self.got(Tok::Comma) {
            let mut list = vec![x, self.expr()];
            while self.got(Tok::Comma) {
                list.push(self.expr());
            }
            let pos = self.a.pos(x);
            return self.a.x(pos, Expr::List(list));
        }
        x
    }

    /// A non-empty list of types (the first may be an expression unless `strict`), with an
    /// optional trailing comma; also whether a comma was seen.
    pub(super) fn type_list(&mut self, strict: bool) -> (X, bool) {
        self.xnest += 1;
        let mut x = if strict { self.type_() } else { self.expr() };
        let mut comma = false;
        if self.got(Tok::Comma) {
            comma = true;
            if let Some(t) = self.type_or_nil() {
                let mut list = vec![x, t];
                while self.got(Tok::Comma) {
                    match self.type_or_nil() {
                        Some(t) => list.push(t),
                        None => break,
                    }
                }
                let pos = self.a.pos(x);
                x = self.a.x(pos, Expr::List(list));
            }
        }
        self.xnest -= 1;
        (x, comma)
    }

    /// Call arguments after `(`; whether the last one had `...`.
    fn arg_list(&mut self) -> (Vec<X>, bool) {
        let mut list = Vec::new();
        let mut dots = false;
        self.xnest += 1;
        self.list("argument list", Tok::Comma, Tok::Rparen, &mut |p| {
            list.push(p.expr());
            dots = p.got(Tok::DotDotDot);
            dots
        });
        self.xnest -= 1;
        (list, dots)
    }
}
