//! Go's tokens as gc's scanner produces them (`cmd/compile/internal/syntax`'s `scanner.go`,
//! `source.go` and `tokens.go`).
//!
//! The whole file is scanned up front into a vector of [`Token`]s, automatic semicolons
//! included. gc's scanner is driven by its parser one token at a time and reports lexical
//! errors (unterminated literals, bad escapes, malformed numbers, NUL bytes, stray characters)
//! as it goes; since our parser port ([`super::gcparser`]) must interleave them with its own
//! errors exactly as gc does, every lexical error remembers the index of the token whose
//! scanning produced it, and the parser reports it when it moves onto that token.
//!
//! Each token keeps gc's classification ([`Tok`], with operator and precedence for operators,
//! literal kind and a `bad` flag for literals) and a coarse [`TokKind`] used by the tree-sitter
//! side (masking, error guessing). Positions are gc's: 1-based line and 1-based byte column.
//!
//! The text is UTF-8: the loader turns the bytes of invalid sequences into spaces and gives
//! their positions, which [`scan_with_invalid`] treats as gc's scanner treats such bytes (an
//! `invalid UTF-8 encoding` error, and the byte skipped as if absent). Unicode classes are
//! approximated with Rust's
//! `char::is_alphabetic`/`is_numeric`, which differ from Go's `unicode.IsLetter`/`IsDigit` only
//! for rare characters (letter numbers, other numerics).

use crate::ast::Pos;
use crate::SyntaxError;

/// gc's token classes (`syntax.token`), in gc's order, so that a set of them fits in a `u64`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Tok {
    Eof = 1,
    Name,
    Literal,
    /// Every operator except `*`; see [`Token::op`].
    Operator,
    /// `op=`.
    AssignOp,
    /// `++` or `--`.
    IncOp,
    Assign,
    Define,
    Arrow,
    Star,
    Lparen,
    Lbrack,
    Lbrace,
    Rparen,
    Rbrack,
    Rbrace,
    Comma,
    Semi,
    Colon,
    Dot,
    DotDotDot,
    Break,
    Case,
    Chan,
    Const,
    Continue,
    Default,
    Defer,
    Else,
    Fallthrough,
    For,
    Func,
    Go,
    Goto,
    If,
    Import,
    Interface,
    Map,
    Package,
    Range,
    Return,
    Select,
    Struct,
    Switch,
    Type,
    Var,
}

impl Tok {
    /// The token's spelling as gc's `token.String` gives it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Tok::Eof => "EOF",
            Tok::Name => "name",
            Tok::Literal => "literal",
            Tok::Operator => "op",
            Tok::AssignOp => "op=",
            Tok::IncOp => "opop",
            Tok::Assign => "=",
            Tok::Define => ":=",
            Tok::Arrow => "<-",
            Tok::Star => "*",
            Tok::Lparen => "(",
            Tok::Lbrack => "[",
            Tok::Lbrace => "{",
            Tok::Rparen => ")",
            Tok::Rbrack => "]",
            Tok::Rbrace => "}",
            Tok::Comma => ",",
            Tok::Semi => ";",
            Tok::Colon => ":",
            Tok::Dot => ".",
            Tok::DotDotDot => "...",
            Tok::Break => "break",
            Tok::Case => "case",
            Tok::Chan => "chan",
            Tok::Const => "const",
            Tok::Continue => "continue",
            Tok::Default => "default",
            Tok::Defer => "defer",
            Tok::Else => "else",
            Tok::Fallthrough => "fallthrough",
            Tok::For => "for",
            Tok::Func => "func",
            Tok::Go => "go",
            Tok::Goto => "goto",
            Tok::If => "if",
            Tok::Import => "import",
            Tok::Interface => "interface",
            Tok::Map => "map",
            Tok::Package => "package",
            Tok::Range => "range",
            Tok::Return => "return",
            Tok::Select => "select",
            Tok::Struct => "struct",
            Tok::Switch => "switch",
            Tok::Type => "type",
            Tok::Var => "var",
        }
    }

    /// Whether the token is a keyword.
    pub(crate) fn is_keyword(self) -> bool {
        self as u8 >= Tok::Break as u8
    }

    /// This token as a one-element set.
    pub(crate) const fn bit(self) -> u64 {
        1 << self as u8
    }

    fn keyword(word: &str) -> Option<Tok> {
        Some(match word {
            "break" => Tok::Break,
            "case" => Tok::Case,
            "chan" => Tok::Chan,
            "const" => Tok::Const,
            "continue" => Tok::Continue,
            "default" => Tok::Default,
            "defer" => Tok::Defer,
            "else" => Tok::Else,
            "fallthrough" => Tok::Fallthrough,
            "for" => Tok::For,
            "func" => Tok::Func,
            "go" => Tok::Go,
            "goto" => Tok::Goto,
            "if" => Tok::If,
            "import" => Tok::Import,
            "interface" => Tok::Interface,
            "map" => Tok::Map,
            "package" => Tok::Package,
            "range" => Tok::Range,
            "return" => Tok::Return,
            "select" => Tok::Select,
            "struct" => Tok::Struct,
            "switch" => Tok::Switch,
            "type" => Tok::Type,
            "var" => Tok::Var,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Tok {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// gc's operators (`syntax.Operator`); `None` for tokens that are not operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Op {
    #[default]
    None,
    /// The `:` of `:=`.
    Def,
    Not,
    Recv,
    Tilde,
    OrOr,
    AndAnd,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
    Add,
    Sub,
    Or,
    Xor,
    Mul,
    Div,
    Rem,
    And,
    AndNot,
    Shl,
    Shr,
}

impl Op {
    /// The operator's spelling (`Operator.String`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Op::None => "",
            Op::Def => ":",
            Op::Not => "!",
            Op::Recv => "<-",
            Op::Tilde => "~",
            Op::OrOr => "||",
            Op::AndAnd => "&&",
            Op::Eql => "==",
            Op::Neq => "!=",
            Op::Lss => "<",
            Op::Leq => "<=",
            Op::Gtr => ">",
            Op::Geq => ">=",
            Op::Add => "+",
            Op::Sub => "-",
            Op::Or => "|",
            Op::Xor => "^",
            Op::Mul => "*",
            Op::Div => "/",
            Op::Rem => "%",
            Op::And => "&",
            Op::AndNot => "&^",
            Op::Shl => "<<",
            Op::Shr => ">>",
        }
    }
}

/// Operator precedences (gc's `precOrOr` .. `precMul`).
pub(crate) const PREC_OROR: u8 = 1;
pub(crate) const PREC_ANDAND: u8 = 2;
pub(crate) const PREC_CMP: u8 = 3;
pub(crate) const PREC_ADD: u8 = 4;
pub(crate) const PREC_MUL: u8 = 5;

/// The kind of a literal token (`syntax.LitKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum LitKind {
    #[default]
    Int,
    Float,
    Imag,
    Rune,
    String,
}

/// The coarse classes the tree-sitter side works with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    Name,
    Literal,
    Keyword,
    /// An automatic or explicit semicolon; the text is `newline`, `semicolon` or `EOF`.
    Semi,
    /// Operators and punctuation.
    Op,
    Eof,
}

/// A token as gc's scanner sees it.
#[derive(Clone, Debug)]
pub(crate) struct Token<'s> {
    pub kind: TokKind,
    pub tok: Tok,
    /// The source text; for semicolons gc's description (`semicolon`, `newline`, `EOF`).
    pub text: &'s str,
    /// Byte offset of the token's start.
    pub offset: usize,
    pub pos: Pos,
    /// For `Operator`, `AssignOp`, `IncOp` and `Star`.
    pub op: Op,
    /// For `Operator`, `AssignOp`, `IncOp` and `Star`.
    pub prec: u8,
    /// For literals.
    pub lit_kind: LitKind,
    /// For literals: the scanner reported an error in it.
    pub bad: bool,
}

impl Token<'_> {
    /// How gc names the token in `unexpected X`.
    pub(crate) fn describe(&self) -> String {
        match self.tok {
            Tok::Name => format!("name {}", self.text),
            Tok::Literal => format!("literal {}", self.text),
            Tok::Semi => self.text.to_string(),
            Tok::Operator | Tok::Star => self.op.as_str().to_string(),
            Tok::AssignOp => format!("{}=", self.op.as_str()),
            Tok::IncOp => format!("{0}{0}", self.op.as_str()),
            t => tok_string(t),
        }
    }
}

/// gc's `tokstring`: the English word for a few punctuation tokens, `keyword X` for keywords.
pub(crate) fn tok_string(t: Tok) -> String {
    match t {
        Tok::Comma => "comma".into(),
        Tok::Semi => "semicolon or newline".into(),
        t if t.is_keyword() => format!("keyword {}", t.as_str()),
        t => t.as_str().into(),
    }
}

/// Go's keywords.
pub(crate) const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

/// A comment that may be a directive (`//line` or `//go:linkname` at the start of a line, or
/// `/*line` on one line).
#[derive(Clone, Debug)]
pub(crate) struct LineComment {
    /// Where the comment starts.
    pub pos: Pos,
    /// The whole comment, `//` or `/* */` included.
    pub text: String,
    /// The index of the token whose scanning read the comment (gc reports a directive's errors
    /// then).
    pub tok_index: u32,
}

/// A `//go:` comment, which gc's scanner hands its parser's pragma handler (a `/*go:` one is
/// no directive).
#[derive(Clone, Debug)]
pub(crate) struct Directive {
    /// Where the text after `//` or `/*` starts (gc's pragma position).
    pub pos: Pos,
    /// Whether only white space precedes the comment on its line (gc's `scanner.blank`).
    pub blank: bool,
    /// The text after `//`.
    pub text: String,
    /// The index of the token whose scanning read the comment.
    pub tok_index: u32,
}

/// A lexical error and the index of the token whose scanning reported it.
#[derive(Clone, Debug)]
pub(crate) struct LexError {
    pub tok_index: u32,
    pub err: SyntaxError,
}

/// What the scanner finds in a file.
pub(crate) struct Scanned<'s> {
    /// gc's tokens, ending with one `Eof`.
    pub tokens: Vec<Token<'s>>,
    /// Lexical errors in the order gc reports them.
    pub errors: Vec<LexError>,
    pub line_comments: Vec<LineComment>,
    pub directives: Vec<Directive>,
}

/// Scans `src` the way gc's scanner does (see the module docs).
#[cfg(test)]
pub(crate) fn scan(src: &str) -> Scanned<'_> {
    scan_with_invalid(src, &[])
}

/// Like [`scan`], where the bytes at `invalid` (positions in increasing order) stand for bytes
/// that are not UTF-8.
pub(crate) fn scan_with_invalid<'s>(src: &'s str, invalid: &[Pos]) -> Scanned<'s> {
    let mut s = Scanner {
        invalid: offsets(src, invalid),
        next_invalid: 0,
        src,
        b: src.as_bytes(),
        r: 0,
        ch: b' ' as i32,
        chw: 0,
        line: 0,
        col: 0,
        nlsemi: false,
        tline: 0,
        tcol: 0,
        tstart: 0,
        toks: Vec::with_capacity(src.len() / 4 + 1),
        errs: Vec::new(),
        line_comments: Vec::new(),
        directives: Vec::new(),
    };
    s.nextch();
    loop {
        let t = s.next();
        let eof = t.tok == Tok::Eof;
        s.toks.push(t);
        if eof {
            break;
        }
    }
    Scanned { tokens: s.toks, errors: s.errs, line_comments: s.line_comments, directives: s.directives }
}

/// The end-of-input marker for [`Scanner::ch`].
const EOF: i32 = -1;

/// The byte offsets of `positions` (increasing) in `src`.
pub(crate) fn offsets(src: &str, positions: &[Pos]) -> Vec<usize> {
    let mut out = Vec::with_capacity(positions.len());
    let (mut line, mut line_start) = (1u32, 0usize);
    let bytes = src.as_bytes();
    let mut i = 0;
    for p in positions {
        while line < p.line && i < bytes.len() {
            if bytes[i] == b'\n' {
                line += 1;
                line_start = i + 1;
            }
            i += 1;
        }
        out.push(line_start + p.col as usize - 1);
    }
    out
}

struct Scanner<'s> {
    /// Offsets of bytes that stand for invalid UTF-8, and the next one not yet read.
    invalid: Vec<usize>,
    next_invalid: usize,
    src: &'s str,
    b: &'s [u8],
    /// Offset of the byte after the current character.
    r: usize,
    /// The current character, or [`EOF`].
    ch: i32,
    /// Its width in bytes.
    chw: usize,
    /// 0-based line and byte column of the current character.
    line: u32,
    col: u32,
    nlsemi: bool,
    /// 1-based position and offset of the token being scanned.
    tline: u32,
    tcol: u32,
    tstart: usize,
    toks: Vec<Token<'s>>,
    errs: Vec<LexError>,
    line_comments: Vec<LineComment>,
    directives: Vec<Directive>,
}

fn is_letter(c: i32) -> bool {
    let l = c | 0x20;
    (b'a' as i32..=b'z' as i32).contains(&l) || c == b'_' as i32
}

fn is_decimal(c: i32) -> bool {
    (b'0' as i32..=b'9' as i32).contains(&c)
}

fn is_hex(c: i32) -> bool {
    let l = c | 0x20;
    is_decimal(c) || (b'a' as i32..=b'f' as i32).contains(&l)
}

fn lower(c: i32) -> i32 {
    c | 0x20
}

fn as_char(c: i32) -> char {
    char::from_u32(c as u32).unwrap_or('\u{fffd}')
}

impl<'s> Scanner<'s> {
    /// The 1-based position of the current character.
    fn pos(&self) -> (u32, u32) {
        (self.line + 1, self.col + 1)
    }

    fn error_at(&mut self, line: u32, col: u32, msg: String) {
        let tok_index = self.toks.len() as u32;
        self.errs.push(LexError { tok_index, err: SyntaxError { pos: Pos::new(line, col), msg } });
    }

    /// An error at the current character.
    fn errorf(&mut self, msg: String) {
        let (l, c) = self.pos();
        self.error_at(l, c, msg);
    }

    /// An error `offset` bytes into the current token.
    fn error_atf(&mut self, offset: u32, msg: String) {
        self.error_at(self.tline, self.tcol + offset, msg);
    }

    /// Reads the next character, skipping (and reporting) NUL bytes and byte order marks.
    fn nextch(&mut self) {
        self.col += self.chw as u32;
        if self.ch == b'\n' as i32 {
            self.line += 1;
            self.col = 0;
        }
        loop {
            let Some(&b0) = self.b.get(self.r) else {
                self.ch = EOF;
                self.chw = 0;
                return;
            };
            if self.invalid.get(self.next_invalid) == Some(&self.r) {
                self.next_invalid += 1;
                self.r += 1;
                self.ch = 0xfffd;
                self.chw = 1;
                let (l, cl) = self.pos();
                self.error_at(l, cl, "invalid UTF-8 encoding".into());
                self.col += 1;
                continue;
            }
            let (c, w) = if b0 < 0x80 {
                (b0 as i32, 1)
            } else {
                let c = self.src[self.r..].chars().next().unwrap_or('\u{fffd}');
                (c as i32, c.len_utf8())
            };
            self.r += w;
            if c == 0 {
                self.ch = 0;
                self.chw = 1;
                let (l, cl) = self.pos();
                self.error_at(l, cl, "invalid NUL character".into());
                self.col += 1;
                continue;
            }
            if c == 0xfeff {
                self.ch = c;
                self.chw = w;
                if self.line > 0 || self.col > 0 {
                    let (l, cl) = self.pos();
                    self.error_at(l, cl, "invalid BOM in the middle of the file".into());
                }
                self.col += w as u32;
                continue;
            }
            self.ch = c;
            self.chw = w;
            return;
        }
    }

    /// The offset of the current character.
    fn here(&self) -> usize {
        self.r - self.chw
    }

    fn segment(&self) -> &'s str {
        self.src.get(self.tstart..self.here()).unwrap_or("")
    }

    fn token(&self, tok: Tok, kind: TokKind, text: &'s str) -> Token<'s> {
        Token {
            kind,
            tok,
            text,
            offset: self.tstart,
            pos: Pos::new(self.tline, self.tcol),
            op: Op::None,
            prec: 0,
            lit_kind: LitKind::Int,
            bad: false,
        }
    }

    fn punct(&mut self, tok: Tok) -> Token<'s> {
        self.token(tok, TokKind::Op, self.segment())
    }

    fn operator(&mut self, tok: Tok, op: Op, prec: u8) -> Token<'s> {
        let mut t = self.token(tok, TokKind::Op, self.segment());
        t.op = op;
        t.prec = prec;
        t
    }

    /// `op` or `op=`, after the operator's characters.
    fn assign_op(&mut self, op: Op, prec: u8) -> Token<'s> {
        if self.ch == b'=' as i32 {
            self.nextch();
            return self.operator(Tok::AssignOp, op, prec);
        }
        self.operator(Tok::Operator, op, prec)
    }

    fn semi(&mut self, text: &'static str) -> Token<'s> {
        self.token(Tok::Semi, TokKind::Semi, text)
    }

    fn next(&mut self) -> Token<'s> {
        let nlsemi = self.nlsemi;
        self.nlsemi = false;
        loop {
            while self.ch == b' ' as i32
                || self.ch == b'\t' as i32
                || (self.ch == b'\n' as i32 && !nlsemi)
                || self.ch == b'\r' as i32
            {
                self.nextch();
            }
            let (l, c) = self.pos();
            self.tline = l;
            self.tcol = c;
            self.tstart = self.here();
            if is_letter(self.ch) || (self.ch >= 0x80 && self.at_ident_char(true)) {
                self.nextch();
                return self.ident();
            }
            let ch = self.ch;
            if ch == EOF {
                if nlsemi {
                    return self.semi("EOF");
                }
                return self.token(Tok::Eof, TokKind::Eof, "EOF");
            }
            // Every non-ASCII character was taken as (part of) an identifier above.
            let c = ch as u8 as char;
            match c {
                '\n' => {
                    self.nextch();
                    return self.semi("newline");
                }
                '0'..='9' => return self.number(false),
                '"' => return self.std_string(),
                '`' => return self.raw_string(),
                '\'' => return self.rune(),
                '(' => {
                    self.nextch();
                    return self.punct(Tok::Lparen);
                }
                '[' => {
                    self.nextch();
                    return self.punct(Tok::Lbrack);
                }
                '{' => {
                    self.nextch();
                    return self.punct(Tok::Lbrace);
                }
                ',' => {
                    self.nextch();
                    return self.punct(Tok::Comma);
                }
                ';' => {
                    self.nextch();
                    return self.semi("semicolon");
                }
                ')' => {
                    self.nextch();
                    self.nlsemi = true;
                    return self.punct(Tok::Rparen);
                }
                ']' => {
                    self.nextch();
                    self.nlsemi = true;
                    return self.punct(Tok::Rbrack);
                }
                '}' => {
                    self.nextch();
                    self.nlsemi = true;
                    return self.punct(Tok::Rbrace);
                }
                ':' => {
                    self.nextch();
                    if self.ch == b'=' as i32 {
                        self.nextch();
                        return self.punct(Tok::Define);
                    }
                    return self.punct(Tok::Colon);
                }
                '.' => {
                    self.nextch();
                    if is_decimal(self.ch) {
                        return self.number(true);
                    }
                    if self.ch == b'.' as i32 && self.b.get(self.r) == Some(&b'.') {
                        self.nextch();
                        self.nextch();
                        return self.punct(Tok::DotDotDot);
                    }
                    return self.punct(Tok::Dot);
                }
                '+' | '-' => {
                    self.nextch();
                    let op = if c == '+' { Op::Add } else { Op::Sub };
                    if self.ch != ch {
                        return self.assign_op(op, PREC_ADD);
                    }
                    self.nextch();
                    self.nlsemi = true;
                    return self.operator(Tok::IncOp, op, PREC_ADD);
                }
                '*' => {
                    self.nextch();
                    if self.ch == b'=' as i32 {
                        self.nextch();
                        return self.operator(Tok::AssignOp, Op::Mul, PREC_MUL);
                    }
                    return self.operator(Tok::Star, Op::Mul, PREC_MUL);
                }
                '/' => {
                    self.nextch();
                    if self.ch == b'/' as i32 {
                        self.nextch();
                        self.line_comment();
                        continue;
                    }
                    if self.ch == b'*' as i32 {
                        self.nextch();
                        self.full_comment();
                        if self.line + 1 > self.tline && nlsemi {
                            // A comment spanning lines ends the statement like a newline.
                            return self.semi("newline");
                        }
                        continue;
                    }
                    return self.assign_op(Op::Div, PREC_MUL);
                }
                '%' => {
                    self.nextch();
                    return self.assign_op(Op::Rem, PREC_MUL);
                }
                '&' => {
                    self.nextch();
                    if self.ch == b'&' as i32 {
                        self.nextch();
                        return self.operator(Tok::Operator, Op::AndAnd, PREC_ANDAND);
                    }
                    if self.ch == b'^' as i32 {
                        self.nextch();
                        return self.assign_op(Op::AndNot, PREC_MUL);
                    }
                    return self.assign_op(Op::And, PREC_MUL);
                }
                '|' => {
                    self.nextch();
                    if self.ch == b'|' as i32 {
                        self.nextch();
                        return self.operator(Tok::Operator, Op::OrOr, PREC_OROR);
                    }
                    return self.assign_op(Op::Or, PREC_ADD);
                }
                '^' => {
                    self.nextch();
                    return self.assign_op(Op::Xor, PREC_ADD);
                }
                '<' => {
                    self.nextch();
                    if self.ch == b'=' as i32 {
                        self.nextch();
                        return self.operator(Tok::Operator, Op::Leq, PREC_CMP);
                    }
                    if self.ch == b'<' as i32 {
                        self.nextch();
                        return self.assign_op(Op::Shl, PREC_MUL);
                    }
                    if self.ch == b'-' as i32 {
                        self.nextch();
                        return self.punct(Tok::Arrow);
                    }
                    return self.operator(Tok::Operator, Op::Lss, PREC_CMP);
                }
                '>' => {
                    self.nextch();
                    if self.ch == b'=' as i32 {
                        self.nextch();
                        return self.operator(Tok::Operator, Op::Geq, PREC_CMP);
                    }
                    if self.ch == b'>' as i32 {
                        self.nextch();
                        return self.assign_op(Op::Shr, PREC_MUL);
                    }
                    return self.operator(Tok::Operator, Op::Gtr, PREC_CMP);
                }
                '=' => {
                    self.nextch();
                    if self.ch == b'=' as i32 {
                        self.nextch();
                        return self.operator(Tok::Operator, Op::Eql, PREC_CMP);
                    }
                    return self.punct(Tok::Assign);
                }
                '!' => {
                    self.nextch();
                    if self.ch == b'=' as i32 {
                        self.nextch();
                        return self.operator(Tok::Operator, Op::Neq, PREC_CMP);
                    }
                    return self.operator(Tok::Operator, Op::Not, 0);
                }
                '~' => {
                    self.nextch();
                    return self.operator(Tok::Operator, Op::Tilde, 0);
                }
                _ => {
                    self.errorf(format!("invalid character {}", describe_char(as_char(ch))));
                    self.nextch();
                    continue;
                }
            }
        }
    }

    fn ident(&mut self) -> Token<'s> {
        while is_letter(self.ch) || is_decimal(self.ch) {
            self.nextch();
        }
        if self.ch >= 0x80 {
            while self.at_ident_char(false) {
                self.nextch();
            }
        }
        let lit = self.segment();
        if lit.len() >= 2 {
            if let Some(tok) = Tok::keyword(lit) {
                self.nlsemi = matches!(tok, Tok::Break | Tok::Continue | Tok::Fallthrough | Tok::Return);
                return self.token(tok, TokKind::Keyword, lit);
            }
        }
        self.nlsemi = true;
        self.token(Tok::Name, TokKind::Name, lit)
    }

    fn at_ident_char(&mut self, first: bool) -> bool {
        let ch = self.ch;
        if ch < 0 {
            return false;
        }
        let c = as_char(ch);
        if c.is_alphabetic() || c == '_' {
            // A letter.
        } else if c.is_numeric() {
            if first {
                self.errorf(format!("identifier cannot begin with digit {}", describe_char(c)));
            }
        } else if ch >= 0x80 {
            self.errorf(format!("invalid character {} in identifier", describe_char(c)));
        } else {
            return false;
        }
        true
    }

    /// `{ digit | '_' }`; returns bit 0 for a digit seen, bit 1 for a separator.
    fn digits(&mut self, base: u32, invalid: &mut Option<u32>) -> u32 {
        let mut digsep = 0;
        if base <= 10 {
            let max = b'0' as i32 + base as i32;
            while is_decimal(self.ch) || self.ch == b'_' as i32 {
                let mut ds = 1;
                if self.ch == b'_' as i32 {
                    ds = 2;
                } else if self.ch >= max && invalid.is_none() {
                    *invalid = Some(self.col + 1 - self.tcol);
                }
                digsep |= ds;
                self.nextch();
            }
        } else {
            while is_hex(self.ch) || self.ch == b'_' as i32 {
                digsep |= if self.ch == b'_' as i32 { 2 } else { 1 };
                self.nextch();
            }
        }
        digsep
    }

    fn number(&mut self, seen_point: bool) -> Token<'s> {
        let mut seen_point = seen_point;
        let mut ok = true;
        let mut kind = LitKind::Int;
        let mut base = 10;
        let mut prefix = 0u8;
        let mut digsep = 0;
        let mut invalid = None;
        if !seen_point {
            if self.ch == b'0' as i32 {
                self.nextch();
                match lower(self.ch) as u8 {
                    b'x' if self.ch >= 0 => {
                        self.nextch();
                        base = 16;
                        prefix = b'x';
                    }
                    b'o' if self.ch >= 0 => {
                        self.nextch();
                        base = 8;
                        prefix = b'o';
                    }
                    b'b' if self.ch >= 0 => {
                        self.nextch();
                        base = 2;
                        prefix = b'b';
                    }
                    _ => {
                        base = 8;
                        prefix = b'0';
                        digsep = 1;
                    }
                }
            }
            digsep |= self.digits(base, &mut invalid);
            if self.ch == b'.' as i32 {
                if prefix == b'o' || prefix == b'b' {
                    self.errorf(format!("invalid radix point in {} literal", base_name(base)));
                    ok = false;
                }
                self.nextch();
                seen_point = true;
            }
        }
        if seen_point {
            kind = LitKind::Float;
            digsep |= self.digits(base, &mut invalid);
        }
        if digsep & 1 == 0 && ok {
            self.errorf(format!("{} literal has no digits", base_name(base)));
            ok = false;
        }
        let e = lower(self.ch);
        if self.ch >= 0 && (e == b'e' as i32 || e == b'p' as i32) {
            if ok {
                if e == b'e' as i32 && prefix != 0 && prefix != b'0' {
                    self.errorf(format!("{} exponent requires decimal mantissa", go_quote_char(as_char(self.ch))));
                    ok = false;
                } else if e == b'p' as i32 && prefix != b'x' {
                    self.errorf(format!("{} exponent requires hexadecimal mantissa", go_quote_char(as_char(self.ch))));
                    ok = false;
                }
            }
            self.nextch();
            kind = LitKind::Float;
            if self.ch == b'+' as i32 || self.ch == b'-' as i32 {
                self.nextch();
            }
            let mut none = None;
            digsep = self.digits(10, &mut none) | (digsep & 2);
            if digsep & 1 == 0 && ok {
                self.errorf("exponent has no digits".into());
                ok = false;
            }
        } else if prefix == b'x' && kind == LitKind::Float && ok {
            self.errorf("hexadecimal mantissa requires a 'p' exponent".into());
            ok = false;
        }
        if self.ch == b'i' as i32 {
            kind = LitKind::Imag;
            self.nextch();
        }
        let lit = self.segment();
        self.nlsemi = true;
        if kind == LitKind::Int && ok {
            if let Some(i) = invalid {
                let c = lit.as_bytes().get(i as usize).copied().unwrap_or(b'?');
                self.error_atf(i, format!("invalid digit {} in {} literal", go_quote_char(c as char), base_name(base)));
                ok = false;
            }
        }
        if digsep & 2 != 0 && ok {
            if let Some(i) = invalid_sep(lit) {
                self.error_atf(i as u32, "'_' must separate successive digits".into());
                ok = false;
            }
        }
        let mut t = self.token(Tok::Literal, TokKind::Literal, lit);
        t.lit_kind = kind;
        t.bad = !ok;
        t
    }

    fn literal(&mut self, kind: LitKind, ok: bool) -> Token<'s> {
        self.nlsemi = true;
        let mut t = self.token(Tok::Literal, TokKind::Literal, self.segment());
        t.lit_kind = kind;
        t.bad = !ok;
        t
    }

    fn rune(&mut self) -> Token<'s> {
        let mut ok = true;
        self.nextch();
        let mut n = 0;
        loop {
            if self.ch == b'\'' as i32 {
                if ok {
                    if n == 0 {
                        self.errorf("empty rune literal or unescaped '".into());
                        ok = false;
                    } else if n != 1 {
                        self.error_atf(0, "more than one character in rune literal".into());
                        ok = false;
                    }
                }
                self.nextch();
                break;
            }
            if self.ch == b'\\' as i32 {
                self.nextch();
                if !self.escape(b'\'') {
                    ok = false;
                }
                n += 1;
                continue;
            }
            if self.ch == b'\n' as i32 {
                if ok {
                    self.errorf("newline in rune literal".into());
                    ok = false;
                }
                break;
            }
            if self.ch < 0 {
                if ok {
                    self.error_atf(0, "rune literal not terminated".into());
                    ok = false;
                }
                break;
            }
            self.nextch();
            n += 1;
        }
        self.literal(LitKind::Rune, ok)
    }

    fn std_string(&mut self) -> Token<'s> {
        let mut ok = true;
        self.nextch();
        loop {
            if self.ch == b'"' as i32 {
                self.nextch();
                break;
            }
            if self.ch == b'\\' as i32 {
                self.nextch();
                if !self.escape(b'"') {
                    ok = false;
                }
                continue;
            }
            if self.ch == b'\n' as i32 {
                self.errorf("newline in string".into());
                ok = false;
                break;
            }
            if self.ch < 0 {
                self.error_atf(0, "string not terminated".into());
                ok = false;
                break;
            }
            self.nextch();
        }
        self.literal(LitKind::String, ok)
    }

    fn raw_string(&mut self) -> Token<'s> {
        let mut ok = true;
        self.nextch();
        loop {
            if self.ch == b'`' as i32 {
                self.nextch();
                break;
            }
            if self.ch < 0 {
                self.error_atf(0, "string not terminated".into());
                ok = false;
                break;
            }
            self.nextch();
        }
        self.literal(LitKind::String, ok)
    }

    fn skip_line(&mut self) {
        while self.ch >= 0 && self.ch != b'\n' as i32 {
            self.nextch();
        }
    }

    /// After `//`.
    fn line_comment(&mut self) {
        let start = self.tstart;
        let at_line_start = self.tcol == 1;
        self.skip_line();
        let text = self.src.get(start..self.here()).unwrap_or("");
        if let Some(inner) = text.strip_prefix("//") {
            self.directive(start, inner);
        }
        // gc honours `//line` only at the start of a line; `//go:linkname` is recorded there
        // too (our loader's convention).
        if at_line_start && (text.starts_with("//line ") || text.starts_with("//go:linkname")) {
            let tok_index = self.toks.len() as u32;
            self.line_comments.push(LineComment {
                pos: Pos::new(self.tline, self.tcol),
                text: text.to_string(),
                tok_index,
            });
        }
    }

    /// Records a `go:` directive whose comment starts at byte `start`.
    fn directive(&mut self, start: usize, text: &str) {
        if !text.starts_with("go:") {
            return;
        }
        let line_start = self.src[..start].rfind('\n').map_or(0, |i| i + 1);
        let blank = self.src[line_start..start].bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r'));
        self.directives.push(Directive {
            pos: Pos::new(self.tline, self.tcol + 2),
            blank,
            text: text.trim_end_matches('\r').to_string(),
            tok_index: self.toks.len() as u32,
        });
    }

    /// After `/*`; false if the comment is not terminated.
    fn skip_comment(&mut self) -> bool {
        while self.ch >= 0 {
            while self.ch == b'*' as i32 {
                self.nextch();
                if self.ch == b'/' as i32 {
                    self.nextch();
                    return true;
                }
            }
            self.nextch();
        }
        self.error_atf(0, "comment not terminated".into());
        false
    }

    fn full_comment(&mut self) {
        let start = self.tstart;
        let start_line = self.line;
        if self.skip_comment() {
            let text = self.src.get(start..self.here()).unwrap_or("");
            // A block comment spanning lines is never a line directive.
            if text.starts_with("/*line ") && self.line == start_line {
                let tok_index = self.toks.len() as u32;
                self.line_comments.push(LineComment {
                    pos: Pos::new(self.tline, self.tcol),
                    text: text.to_string(),
                    tok_index,
                });
            }
        }
    }

    /// After `\` in a literal quoted by `quote`; false after reporting a bad escape.
    fn escape(&mut self, quote: u8) -> bool {
        let ch = self.ch;
        let (n, base, max): (u32, u32, u32) = match ch {
            c if c == quote as i32 => {
                self.nextch();
                return true;
            }
            c if (0..0x80).contains(&c) && b"abfnrtv\\".contains(&(c as u8)) => {
                self.nextch();
                return true;
            }
            c if (b'0' as i32..=b'7' as i32).contains(&c) => (3, 8, 255),
            c if c == b'x' as i32 => {
                self.nextch();
                (2, 16, 255)
            }
            c if c == b'u' as i32 => {
                self.nextch();
                (4, 16, 0x10ffff)
            }
            c if c == b'U' as i32 => {
                self.nextch();
                (8, 16, 0x10ffff)
            }
            c => {
                if c < 0 {
                    return true;
                }
                self.errorf("unknown escape".into());
                return false;
            }
        };
        let mut x: u32 = 0;
        for _ in 0..n {
            if self.ch < 0 {
                return true;
            }
            let mut d = base;
            if is_decimal(self.ch) {
                d = (self.ch - b'0' as i32) as u32;
            } else if (b'a' as i32..=b'f' as i32).contains(&lower(self.ch)) {
                d = (lower(self.ch) - b'a' as i32) as u32 + 10;
            }
            if d >= base {
                let c = as_char(self.ch);
                self.errorf(format!("invalid character {} in {} escape", go_quote_char(c), base_name(base)));
                return false;
            }
            x = x.wrapping_mul(base).wrapping_add(d);
            self.nextch();
        }
        if x > max && base == 8 {
            self.errorf(format!("octal escape value {x} > 255"));
            return false;
        }
        if x > max || (0xd800..0xe000).contains(&x) {
            self.errorf(format!("escape is invalid Unicode code point {}", describe_code(x)));
            return false;
        }
        true
    }
}

fn base_name(base: u32) -> &'static str {
    match base {
        2 => "binary",
        8 => "octal",
        10 => "decimal",
        _ => "hexadecimal",
    }
}

/// The offset of the first `_` that does not separate two digits, as gc's `invalidSep`.
fn invalid_sep(x: &str) -> Option<usize> {
    let x = x.as_bytes();
    let mut x1 = b' ';
    let mut d = b'.';
    let mut i = 0;
    if x.len() >= 2 && x[0] == b'0' {
        x1 = x[1] | 0x20;
        if x1 == b'x' || x1 == b'o' || x1 == b'b' {
            d = b'0';
            i = 2;
        }
    }
    while i < x.len() {
        let p = d;
        d = x[i];
        if d == b'_' {
            if p != b'0' {
                return Some(i);
            }
        } else if d.is_ascii_digit() || (x1 == b'x' && d.is_ascii_hexdigit()) {
            d = b'0';
        } else {
            if p == b'_' {
                return Some(i - 1);
            }
            d = b'.';
        }
        i += 1;
    }
    if d == b'_' {
        return Some(x.len() - 1);
    }
    None
}

/// `U+0023 '#'`, as Go's `%#U` prints a character.
pub(crate) fn describe_char(c: char) -> String {
    describe_code(c as u32)
}

fn describe_code(x: u32) -> String {
    let code = format!("U+{x:04X}");
    match char::from_u32(x) {
        Some(c) if is_go_printable(c) => format!("{code} '{c}'"),
        _ => code,
    }
}

/// Go's `strconv.IsPrint`, approximately: graphic characters and the ASCII space.
fn is_go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{feff}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}'))
}

/// A character as Go's `%q` quotes it: `'x'`, `'\n'`, `'\x00'`, `'\u00a0'`.
pub(crate) fn go_quote_char(c: char) -> String {
    let body = match c {
        '\'' => "\\'".to_string(),
        '\\' => "\\\\".to_string(),
        '\u{7}' => "\\a".into(),
        '\u{8}' => "\\b".into(),
        '\u{c}' => "\\f".into(),
        '\n' => "\\n".into(),
        '\r' => "\\r".into(),
        '\t' => "\\t".into(),
        '\u{b}' => "\\v".into(),
        c if is_go_printable(c) => c.to_string(),
        c if (c as u32) < 0x80 => format!("\\x{:02x}", c as u32),
        c if (c as u32) < 0x10000 => format!("\\u{:04x}", c as u32),
        c => format!("\\U{:08x}", c as u32),
    };
    format!("'{body}'")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<String> {
        scan(src).tokens.iter().map(|t| t.describe()).collect()
    }

    #[test]
    fn automatic_semicolons() {
        assert_eq!(toks("x\n"), ["name x", "newline", "EOF"]);
        assert_eq!(toks("x"), ["name x", "EOF", "EOF"]);
        assert_eq!(toks("x /* a\n b */ y"), ["name x", "newline", "name y", "EOF", "EOF"]);
        assert_eq!(toks("a..b"), ["name a", ".", ".", "name b", "EOF", "EOF"]);
        assert_eq!(toks("a += b++"), ["name a", "+=", "name b", "++", "EOF", "EOF"]);
    }

    #[test]
    fn lexical_errors() {
        let errs = |src: &str| -> Vec<String> {
            scan(src).errors.iter().map(|e| format!("{}: {}", e.err.pos, e.err.msg)).collect()
        };
        assert_eq!(errs("0x"), ["1:3: hexadecimal literal has no digits"]);
        assert_eq!(errs("09"), ["1:2: invalid digit '9' in octal literal"]);
        assert_eq!(errs("1__2"), ["1:3: '_' must separate successive digits"]);
        assert_eq!(errs("'ab'"), ["1:1: more than one character in rune literal"]);
        assert_eq!(errs("\"\\q\""), ["1:3: unknown escape"]);
        assert_eq!(errs("a#b"), ["1:2: invalid character U+0023 '#'"]);
    }
}
