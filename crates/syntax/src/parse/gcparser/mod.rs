//! A port of gc's parser (`cmd/compile/internal/syntax/parser.go`) for its syntax errors.
//!
//! tree-sitter builds our syntax tree, but its error recovery is not gc's, and gc's messages
//! (`unexpected X, expected Y`, `non-declaration statement outside function body`, `cannot use
//! x = 1 as value`, ...) come out of the decisions its recursive-descent parser makes token by
//! token. So this module runs gc's parser itself over the tokens of [`super::scanner`]: the
//! same productions, the same `got`/`want`/`advance` recovery with gc's follow sets and
//! statement-keyword stop set, the same suppression of errors at EOF once something was
//! reported, and the lexical errors of each token reported when the parser moves onto it, as
//! gc's scanner reports them. It builds only a small tree ([`nodes`]) for the decisions that
//! look back (composite literal or block, type parameters or array length, header checks) and
//! for what messages quote. gc's `checkBranches` ([`branches`]) runs on each function body
//! without errors, as the noder asks for (`syntax.CheckBranches`); its findings are kept only
//! when the file has syntax errors, since otherwise gc goes on to type check and our type
//! checker's own port of it (`types::check::labels`) reports them.
//!
//! Reporting follows gc's `base.ErrorfAt`: at most one `syntax error` per line (compared with
//! the previous one reported), an identical non-syntax error on the same line dropped, then
//! all sorted by position. The ten-error cap is the caller's (it spans the package's files).
//!
//! Like gc's, the parser recurses as deep as the input nests; past [`MAX_DEPTH`] levels it
//! reports one error and stops, so that the stack it runs on is never exhausted.
//!
//! The productions are split as gc's file is: declarations here, expressions and types in
//! [`expr`], statements in [`stmt`].

mod branches;
mod expr;
mod nodes;
mod stmt;

use super::scanner::{tok_string, Directive, LexError, LitKind, Op, Tok, Token};
use super::MAX_DEPTH;
use crate::ast::Pos;
use crate::SyntaxError;
use nodes::{Arena, Expr, Field, X};

/// What parsing one file found.
pub(crate) struct Outcome {
    /// gc's errors for the file, filtered and sorted as gc prints them.
    pub errors: Vec<SyntaxError>,
    /// Whether gc stops after parsing: a syntax error proper, or a package clause with any
    /// error (gc then drops the whole file); after other errors it type checks.
    pub stop: bool,
}

/// Parses the tokens of one file the way gc does and returns its errors. `path` is the name
/// positions are printed with inside messages (`goto L jumps into block starting at
/// PATH:3:2`).
pub(crate) fn parse(path: &str, toks: &[Token<'_>], lexical: &[LexError], directives: &[Directive]) -> Outcome {
    let mut p = Parser {
        toks,
        i: 0,
        lexical,
        lex_next: 0,
        directives,
        dir_next: 0,
        pragma: None,
        path,
        first: false,
        errcnt: 0,
        fnest: 0,
        xnest: 0,
        depth: 0,
        aborted: false,
        emitted: Vec::new(),
        a: Arena::default(),
        decls: 0,
        last_bodyless_func: false,
    };
    p.emit_lexical();
    let parsed = p.file();
    let mut outcome = p.outcome();
    outcome.stop |= !parsed;
    outcome
}

/// The noder's `pragmaFlag`: whether a directive sets a flag (`go:build` included; the
/// field-tracking `go:nointerface` only with that experiment, which is off).
fn pragma_flag(verb: &str) -> bool {
    matches!(
        verb,
        "go:build"
            | "go:noescape"
            | "go:norace"
            | "go:nosplit"
            | "go:noinline"
            | "go:nocheckptr"
            | "go:systemstack"
            | "go:nowritebarrier"
            | "go:nowritebarrierrec"
            | "go:yeswritebarrierrec"
            | "go:cgo_unsafe_args"
            | "go:uintptrkeepalive"
            | "go:uintptrescapes"
            | "go:registerparams"
    )
}

/// Keywords that start statements: recovery inside functions stops at them (gc's `stopset`).
const STOPSET: u64 = Tok::Break.bit()
    | Tok::Const.bit()
    | Tok::Continue.bit()
    | Tok::Defer.bit()
    | Tok::Fallthrough.bit()
    | Tok::For.bit()
    | Tok::Go.bit()
    | Tok::Goto.bit()
    | Tok::If.bit()
    | Tok::Return.bit()
    | Tok::Select.bit()
    | Tok::Switch.bit()
    | Tok::Type.bit()
    | Tok::Var.bit();

/// Where an emitted error came from, for gc's filtering.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The scanner or the parser (gc's `errorAt`).
    Parser,
    /// The noder's pragma handler, which reports through the handler directly.
    Pragma,
    /// The branch checker, which reports through the handler directly.
    Branches,
}

struct Parser<'t, 's> {
    toks: &'t [Token<'s>],
    /// The current token (gc's lookahead `p.tok`).
    i: usize,
    lexical: &'t [LexError],
    lex_next: usize,
    /// The `go:` directives and the next one to hand the pragma handler.
    directives: &'t [Directive],
    dir_next: usize,
    /// The directives read since a declaration last took them (gc's `p.pragma`): the position
    /// of each one with a flag, and whether any has (`pragma.Flag != 0`).
    pragma: Option<(Vec<Pos>, bool)>,
    path: &'t str,
    /// Whether any error was reported (gc's `p.first != nil`).
    first: bool,
    /// How many errors the scanner and parser reported (gc's `p.errcnt`).
    errcnt: u32,
    /// Function nesting (gc's `p.fnest`).
    fnest: i32,
    /// Expression nesting (gc's `p.xnest`), negative inside statement headers.
    xnest: i32,
    depth: u32,
    aborted: bool,
    emitted: Vec<(Source, SyntaxError)>,
    a: Arena<'s>,
    /// How many declarations the file has so far, and whether the last was a function without
    /// body (for `unexpected semicolon or newline before {`).
    decls: usize,
    last_bodyless_func: bool,
}

impl<'t, 's> Parser<'t, 's> {
    // ---- tokens ----------------------------------------------------------------------------

    fn t(&self) -> &'t Token<'s> {
        &self.toks[self.i]
    }

    fn tok(&self) -> Tok {
        self.toks[self.i].tok
    }

    fn pos(&self) -> Pos {
        self.toks[self.i].pos
    }

    fn next(&mut self) {
        if self.i + 1 < self.toks.len() {
            self.i += 1;
            self.emit_lexical();
        }
    }

    /// Reports the scanner's errors for the token just moved onto, and hands the directives
    /// read while scanning it to the pragma handler.
    fn emit_lexical(&mut self) {
        self.emit_lexical_errors();
        while let Some(d) = self.directives.get(self.dir_next) {
            if d.tok_index as usize > self.i {
                break;
            }
            self.dir_next += 1;
            self.pragma_directive(d);
        }
    }

    /// The noder's `pragma` handler for one directive: one not on a line of its own is
    /// misplaced; one with a flag (`go:noinline`, ...) waits for a declaration to take it.
    fn pragma_directive(&mut self, d: &Directive) {
        if !d.blank {
            self.pragma_error(d.pos, "misplaced compiler directive".into());
            return;
        }
        let verb = d.text.split(' ').next().unwrap_or("");
        let flag = pragma_flag(verb);
        // gc's checks of runtime-only and std-only directives need the package being
        // compiled, which the parser does not know; they are not made here.
        let (positions, any) = self.pragma.get_or_insert_with(Default::default);
        // Every directive but the line and linkname ones is recorded with its flag, 0 or not.
        if !verb.starts_with("go:linkname") && !matches!(verb, "go:wasmimport" | "go:wasmexport" | "go:embed") {
            if flag {
                positions.push(d.pos);
            }
            *any |= flag;
        }
    }

    /// gc's `takePragma`: a declaration takes the directives before it.
    fn take_pragma(&mut self) {
        self.pragma = None;
    }

    /// gc's `clearPragma`, where no directive belongs: those with a flag are misplaced.
    fn clear_pragma(&mut self) {
        if let Some((positions, any)) = self.pragma.take() {
            if any {
                for pos in positions {
                    self.pragma_error(pos, "misplaced compiler directive".into());
                }
            }
        }
    }

    fn pragma_error(&mut self, pos: Pos, msg: String) {
        if !self.aborted {
            self.emitted.push((Source::Pragma, SyntaxError { pos, msg }));
        }
    }

    fn emit_lexical_errors(&mut self) {
        while let Some(e) = self.lexical.get(self.lex_next) {
            if e.tok_index as usize > self.i {
                break;
            }
            self.lex_next += 1;
            let err = e.err.clone();
            self.error_at(err.pos, err.msg);
        }
    }

    fn got(&mut self, t: Tok) -> bool {
        if self.tok() == t {
            self.next();
            return true;
        }
        false
    }

    fn want(&mut self, t: Tok) {
        if !self.got(t) {
            self.syntax_error(&format!("expected {}", tok_string(t)));
            self.advance(&[]);
        }
    }

    /// `=`, or `:=` with a complaint (gc's `gotAssign`).
    fn got_assign(&mut self) -> bool {
        match self.tok() {
            Tok::Define => {
                self.syntax_error("expected =");
                self.next();
                true
            }
            Tok::Assign => {
                self.next();
                true
            }
            _ => false,
        }
    }

    // ---- errors ----------------------------------------------------------------------------

    fn error_at(&mut self, pos: Pos, msg: String) {
        self.first = true;
        self.errcnt += 1;
        if !self.aborted {
            self.emitted.push((Source::Parser, SyntaxError { pos, msg }));
        }
    }

    fn error(&mut self, msg: &str) {
        self.error_at(self.pos(), msg.to_string());
    }

    fn syntax_error(&mut self, msg: &str) {
        self.syntax_error_at(self.pos(), msg);
    }

    fn syntax_error_at(&mut self, pos: Pos, msg: &str) {
        if self.tok() == Tok::Eof && self.first {
            return;
        }
        let msg = if msg.is_empty() {
            String::new()
        } else if msg.starts_with("in ") || msg.starts_with("at ") || msg.starts_with("after ") {
            format!(" {msg}")
        } else if msg.starts_with("expected ") {
            format!(", {msg}")
        } else {
            self.error_at(pos, format!("syntax error: {msg}"));
            return;
        };
        let tok = self.t().describe();
        self.error_at(pos, format!("syntax error: unexpected {tok}{msg}"));
    }

    fn branch_error(&mut self, pos: Pos, msg: String) {
        if !self.aborted {
            self.emitted.push((Source::Branches, SyntaxError { pos, msg }));
        }
    }

    /// Skips tokens up to one in `follow` (or, inside functions, a statement keyword); with an
    /// empty list, skips exactly one token. Never skips EOF.
    fn advance(&mut self, follow: &[Tok]) {
        let mut set = Tok::Eof.bit();
        if !follow.is_empty() {
            if self.fnest > 0 {
                set |= STOPSET;
            }
            for t in follow {
                set |= t.bit();
            }
        }
        while set & self.tok().bit() == 0 {
            self.next();
            if follow.is_empty() {
                break;
            }
        }
    }

    /// Enters one level of recursion; at [`MAX_DEPTH`] reports once and stops the parse (every
    /// later token reads as EOF).
    fn enter(&mut self) -> bool {
        if self.aborted {
            return false;
        }
        if self.depth >= MAX_DEPTH {
            let pos = self.pos();
            self.error_at(pos, "syntax error: exceeded max nesting depth".into());
            self.aborted = true;
            self.i = self.toks.len() - 1;
            return false;
        }
        self.depth += 1;
        true
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// gc's filtering (`base.ErrorfAt`) and order (`FlushErrors`).
    fn outcome(self) -> Outcome {
        let fatal = self.emitted.iter().any(|(s, e)| *s == Source::Parser && e.msg.starts_with("syntax error"));
        let mut out: Vec<SyntaxError> = Vec::new();
        let mut last_syntax: Option<u32> = None;
        let mut last_other: Option<(u32, String)> = None;
        for (source, e) in self.emitted {
            // Without syntax errors gc goes on to type check, and our type checker reports
            // the branch checker's findings (gc reports them from here, in the same order).
            if source == Source::Branches && !fatal {
                continue;
            }
            if e.msg.starts_with("syntax error") {
                if last_syntax == Some(e.pos.line) {
                    continue;
                }
                last_syntax = Some(e.pos.line);
            } else {
                if last_other.as_ref().is_some_and(|(l, m)| *l == e.pos.line && *m == e.msg) {
                    continue;
                }
                last_other = Some((e.pos.line, e.msg.clone()));
            }
            out.push(e);
        }
        out.sort_by_key(|e| e.pos);
        out.dedup();
        Outcome { errors: out, stop: fatal }
    }

    // ---- the file and its declarations ------------------------------------------------------

    /// The file; false when gc gives up on it after its package clause.
    fn file(&mut self) -> bool {
        if !self.got(Tok::Package) {
            self.syntax_error("package statement must be first");
            return false;
        }
        self.take_pragma();
        self.name();
        self.want(Tok::Semi);
        if self.first {
            return false;
        }
        let mut prev = Tok::Import;
        while self.tok() != Tok::Eof {
            if self.tok() == Tok::Import && prev != Tok::Import {
                self.syntax_error("imports must appear before other declarations");
            }
            prev = self.tok();
            match self.tok() {
                Tok::Import => {
                    self.next();
                    self.group(Parser::import_decl);
                }
                Tok::Const => {
                    self.next();
                    self.group(Parser::const_decl);
                }
                Tok::Type => {
                    self.next();
                    self.group(Parser::type_decl);
                }
                Tok::Var => {
                    self.next();
                    self.group(Parser::var_decl);
                }
                Tok::Func => {
                    self.next();
                    self.func_decl();
                }
                _ => {
                    if self.tok() == Tok::Lbrace && self.decls > 0 && self.last_bodyless_func {
                        self.syntax_error("unexpected semicolon or newline before {");
                    } else {
                        self.syntax_error("non-declaration statement outside function body");
                    }
                    self.advance(&[Tok::Import, Tok::Const, Tok::Type, Tok::Var, Tok::Func]);
                    continue;
                }
            }
            self.a.clear();
            // Before the `;`: the comments after it belong to the next declaration.
            self.clear_pragma();
            if self.tok() != Tok::Eof && !self.got(Tok::Semi) {
                self.syntax_error("after top level declaration");
                self.advance(&[Tok::Import, Tok::Const, Tok::Type, Tok::Var, Tok::Func]);
            }
        }
        self.clear_pragma();
        true
    }

    /// gc's `list`: `[ f { sep f } [sep] ] close`, where `f` returning true ends the list.
    /// Returns the position of the closing token.
    fn list(&mut self, context: &str, sep: Tok, close: Tok, f: &mut dyn FnMut(&mut Self) -> bool) -> Pos {
        let mut done = false;
        while self.tok() != Tok::Eof && self.tok() != close && !done {
            done = f(self);
            if !self.got(sep) && self.tok() != close {
                self.syntax_error(&format!(
                    "in {context}; possibly missing {} or {}",
                    tok_string(sep),
                    tok_string(close)
                ));
                self.advance(&[Tok::Rparen, Tok::Rbrack, Tok::Rbrace]);
                if self.tok() != close {
                    return self.pos();
                }
            }
        }
        let pos = self.pos();
        self.want(close);
        pos
    }

    /// gc's `appendGroup`: one spec, or a parenthesized group of them. Returns the position and
    /// first name of the first `var` spec (for the branch checker).
    fn group(&mut self, f: fn(&mut Self) -> Option<(Pos, X)>) -> Option<(Pos, X)> {
        let mut first_var = None;
        if self.tok() == Tok::Lparen {
            self.clear_pragma();
            self.next();
            self.list("grouped declaration", Tok::Semi, Tok::Rparen, &mut |p| {
                let v = f(p);
                first_var = first_var.or(v);
                p.decls += 1;
                p.last_bodyless_func = false;
                false
            });
        } else {
            first_var = f(self);
            self.decls += 1;
            self.last_bodyless_func = false;
        }
        first_var
    }

    fn import_decl(&mut self) -> Option<(Pos, X)> {
        self.take_pragma();
        match self.tok() {
            Tok::Name => {
                self.name();
            }
            Tok::Dot => self.next(),
            _ => {}
        }
        let Some(path) = self.oliteral() else {
            self.syntax_error("missing import path");
            self.advance(&[Tok::Semi, Tok::Rparen]);
            return None;
        };
        if let Expr::BasicLit { kind, bad, .. } = *self.a.e(path) {
            if !bad && kind != LitKind::String {
                self.syntax_error_at(self.a.pos(path), "import path must be a string");
            }
        }
        None
    }

    fn const_decl(&mut self) -> Option<(Pos, X)> {
        self.take_pragma();
        let first = self.name();
        self.name_list(first);
        if !matches!(self.tok(), Tok::Eof | Tok::Semi | Tok::Rparen) {
            self.type_or_nil();
            if self.got_assign() {
                self.expr_list();
            }
        }
        None
    }

    fn type_decl(&mut self) -> Option<(Pos, X)> {
        self.take_pragma();
        self.name();
        let ty = if self.tok() == Tok::Lbrack {
            let pos = self.pos();
            self.next();
            match self.tok() {
                Tok::Name => {
                    let mut x = self.name();
                    if self.tok() != Tok::Lbrack {
                        self.xnest += 1;
                        let px = self.pexpr(Some(x), false);
                        x = self.binary_expr(Some(px), 0);
                        self.xnest -= 1;
                    }
                    let (pname, ptype) = self.extract_name(x, self.tok() == Tok::Comma);
                    match pname {
                        Some(pname) if ptype.is_some() || self.tok() != Tok::Rbrack => {
                            self.param_list(Some(pname), ptype, Tok::Rbrack, true, false);
                            self.got_assign();
                            self.type_or_nil()
                        }
                        _ => Some(self.array_type(pos, Some(x))),
                    }
                }
                Tok::Rbrack => {
                    self.next();
                    Some(self.slice_type(pos))
                }
                _ => Some(self.array_type(pos, None)),
            }
        } else {
            self.got_assign();
            self.type_or_nil()
        };
        if ty.is_none() {
            self.syntax_error("in type declaration");
            self.advance(&[Tok::Semi, Tok::Rparen]);
        }
        None
    }

    /// gc's `extractName`: splits `x` into a type parameter name and its constraint when `x`
    /// can be read as `name constraint` (see gc's table of examples). gc recurses along the
    /// left operands of `|`; this walks down that spine first and rebuilds it on the way up.
    fn extract_name(&mut self, x: X, force: bool) -> (Option<X>, Option<X>) {
        // The `|` operations from `x` down.
        let mut spine: Vec<X> = Vec::new();
        let mut cur = x;
        let mut f = force;
        let mut split = loop {
            match self.a.e(cur).clone() {
                Expr::Name(_) => break (Some(cur), None),
                Expr::Operation { op: Op::Or, x: lhs, y: Some(rhs) } => {
                    spine.push(cur);
                    f = f || self.a.is_type_elem(rhs);
                    cur = lhs;
                    continue;
                }
                Expr::Operation { op: Op::Mul, x: lhs, y: Some(rhs) }
                    if matches!(self.a.e(lhs), Expr::Name(_)) && (f || self.a.is_type_elem(rhs)) =>
                {
                    let pos = self.a.pos(cur);
                    let t = self.a.x(pos, Expr::Operation { op: Op::Mul, x: rhs, y: None });
                    break (Some(lhs), Some(t));
                }
                Expr::Call { fun, args, dots }
                    if matches!(self.a.e(fun), Expr::Name(_))
                        && args.len() == 1
                        && !dots
                        && (f || self.a.is_type_elem(args[0])) =>
                {
                    break (Some(fun), Some(self.a.unparen(args[0])));
                }
                _ => break (None, Some(cur)),
            }
        };
        // Each `|` takes the split of its left operand if that split off a name and a term.
        while let Some(or) = spine.pop() {
            split = match split {
                (Some(name), Some(lhs)) => {
                    let Expr::Operation { y, .. } = *self.a.e(or) else { unreachable!("a | operation") };
                    let pos = self.a.pos(or);
                    (Some(name), Some(self.a.x(pos, Expr::Operation { op: Op::Or, x: lhs, y })))
                }
                _ => (None, Some(or)),
            };
        }
        split
    }

    fn var_decl(&mut self) -> Option<(Pos, X)> {
        self.take_pragma();
        let pos = self.pos();
        let first = self.name();
        self.name_list(first);
        if self.got_assign() {
            self.expr_list();
        } else {
            self.type_();
            if self.got_assign() {
                self.expr_list();
            }
        }
        Some((pos, first))
    }

    fn func_decl(&mut self) {
        self.take_pragma();
        let mut has_recv = false;
        if self.got(Tok::Lparen) {
            has_recv = true;
            let rcvr = self.param_list(None, None, Tok::Rparen, false, false);
            match rcvr.len() {
                0 => self.error("method has no receiver"),
                1 => {}
                _ => self.error("method has multiple receivers"),
            }
        }
        if self.tok() == Tok::Name {
            self.name();
            self.func_type("");
        } else {
            self.syntax_error(if has_recv { "expected name" } else { "expected name or (" });
            self.advance(&[Tok::Lbrace, Tok::Semi]);
        }
        let has_body = self.tok() == Tok::Lbrace;
        if has_body {
            self.func_body();
        }
        self.decls += 1;
        self.last_bodyless_func = !has_body;
    }

    // ---- common productions -----------------------------------------------------------------

    fn name(&mut self) -> X {
        let pos = self.pos();
        if self.tok() == Tok::Name {
            let text = self.t().text;
            self.next();
            return self.a.x(pos, Expr::Name(text));
        }
        let n = self.a.x(pos, Expr::Name("_"));
        self.syntax_error("expected name");
        self.advance(&[]);
        n
    }

    fn name_list(&mut self, first: X) -> Vec<X> {
        let mut list = vec![first];
        while self.got(Tok::Comma) {
            list.push(self.name());
        }
        list
    }

    fn oliteral(&mut self) -> Option<X> {
        if self.tok() != Tok::Literal {
            return None;
        }
        let t = self.t();
        let x = self.a.x(t.pos, Expr::BasicLit { text: t.text, kind: t.lit_kind, bad: t.bad });
        self.next();
        Some(x)
    }

    fn bad_expr(&mut self) -> X {
        let pos = self.pos();
        self.a.x(pos, Expr::Bad)
    }

    fn new_field(pos: Pos, name: Option<X>, ty: Option<X>) -> Field {
        Field { pos, name, ty }
    }
}
