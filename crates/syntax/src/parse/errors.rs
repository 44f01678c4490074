//! gc-style syntax errors.
//!
//! Two sources feed them. A small Go scanner (gc's token rules, including automatic
//! semicolons) finds lexical errors tree-sitter glosses over, such as unterminated strings,
//! invalid characters and NUL bytes, and describes tokens the way gc does (`name x`,
//! `literal 1`, `newline`, `keyword func`). tree-sitter's ERROR and MISSING nodes say where
//! its recovery kicked in; each becomes `syntax error: unexpected TOKEN[, expected WHAT]` at
//! the token gc would have stopped at. As gc does, at most one syntax error is kept per line,
//! errors at EOF after an earlier one are dropped, and the list is sorted by position.

use crate::ast::Pos;
use crate::SyntaxError;
use tree_sitter::Node;

/// A token as gc's scanner sees it.
#[derive(Clone, Debug, PartialEq)]
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

#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub kind: TokKind,
    pub text: String,
    pub offset: usize,
    pub pos: Pos,
}

impl Token {
    /// How gc names the token in `unexpected X`.
    pub(crate) fn describe(&self) -> String {
        match self.kind {
            TokKind::Name => format!("name {}", self.text),
            TokKind::Literal => format!("literal {}", self.text),
            TokKind::Keyword => format!("keyword {}", self.text),
            TokKind::Semi => self.text.clone(),
            TokKind::Eof => "EOF".into(),
            TokKind::Op if self.text == "," => "comma".into(),
            TokKind::Op => self.text.clone(),
        }
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

/// Operators and punctuation, longest first.
const OPS: &[&str] = &[
    "<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "+=", "-=", "*=", "/=",
    "%=", "&=", "|=", "^=", "<<", ">>", "&^", "+", "-", "*", "/", "%", "&", "|", "^", "<", ">", "=", "!", "~", "(",
    ")", "[", "]", "{", "}", ",", ";", ".", ":",
];

/// A comment that may be a line directive (`//line` at the start of a line, or `/*line`).
#[derive(Clone, Debug)]
pub(crate) struct LineComment {
    /// Where the comment starts.
    pub pos: Pos,
    /// The whole comment, `//` or `/* */` included.
    pub text: String,
}

/// What the scanner finds in a file.
pub(crate) struct Scanned {
    pub tokens: Vec<Token>,
    pub errors: Vec<SyntaxError>,
    pub line_comments: Vec<LineComment>,
}

/// Scans `src` into gc's tokens (with automatic semicolons), its lexical errors, and the
/// comments that may be line directives.
pub(crate) fn scan(src: &str) -> Scanned {
    let mut s = Scanner {
        src,
        b: src.as_bytes(),
        i: 0,
        line: 1,
        line_start: 0,
        toks: vec![],
        errs: vec![],
        line_comments: vec![],
    };
    s.run();
    Scanned { tokens: s.toks, errors: s.errs, line_comments: s.line_comments }
}

struct Scanner<'s> {
    src: &'s str,
    b: &'s [u8],
    i: usize,
    line: u32,
    line_start: usize,
    toks: Vec<Token>,
    errs: Vec<SyntaxError>,
    line_comments: Vec<LineComment>,
}

impl Scanner<'_> {
    fn pos_at(&self, i: usize) -> Pos {
        Pos::new(self.line, (i - self.line_start) as u32 + 1)
    }

    fn err(&mut self, i: usize, msg: impl Into<String>) {
        let pos = self.pos_at(i);
        self.errs.push(SyntaxError { pos, msg: msg.into() });
    }

    fn push(&mut self, kind: TokKind, start: usize, end: usize, pos: Pos) {
        let text = self.src.get(start..end).unwrap_or("").to_string();
        self.toks.push(Token { kind, text, offset: start, pos });
    }

    fn newline(&mut self, at: usize) {
        self.line += 1;
        self.line_start = at + 1;
    }

    /// Whether a newline after the last token ends a statement.
    fn nlsemi(&self) -> bool {
        match self.toks.last() {
            None => false,
            Some(t) => match t.kind {
                TokKind::Name | TokKind::Literal => true,
                TokKind::Keyword => matches!(t.text.as_str(), "break" | "continue" | "fallthrough" | "return"),
                TokKind::Op => matches!(t.text.as_str(), "++" | "--" | ")" | "]" | "}"),
                _ => false,
            },
        }
    }

    fn semi(&mut self, at: usize, what: &str) {
        let pos = self.pos_at(at);
        self.toks.push(Token { kind: TokKind::Semi, text: what.into(), offset: at, pos });
    }

    fn run(&mut self) {
        while self.i < self.b.len() {
            let c = self.b[self.i];
            let start = self.i;
            match c {
                b' ' | b'\t' | b'\r' => self.i += 1,
                b'\n' => {
                    if self.nlsemi() {
                        self.semi(start, "newline");
                    }
                    self.newline(start);
                    self.i += 1;
                }
                0 => {
                    self.err(start, "invalid NUL character");
                    self.i += 1;
                }
                b'/' if self.b.get(self.i + 1) == Some(&b'/') => {
                    while self.i < self.b.len() && self.b[self.i] != b'\n' {
                        self.i += 1;
                    }
                    // gc honours `//line` and `//go:` directives only at the start of a line.
                    if start == self.line_start
                        && (self.src[start..].starts_with("//line ") || self.src[start..].starts_with("//go:linkname"))
                    {
                        let text = self.src.get(start..self.i).unwrap_or("").to_string();
                        self.line_comments.push(LineComment { pos: self.pos_at(start), text });
                    }
                }
                b'/' if self.b.get(self.i + 1) == Some(&b'*') => self.block_comment(),
                b'"' => self.string(),
                b'`' => self.raw_string(),
                b'\'' => self.rune(),
                b'0'..=b'9' => self.number(),
                b'.' if self.b.get(self.i + 1).is_some_and(|d| d.is_ascii_digit()) => self.number(),
                _ if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => self.word(),
                _ => {
                    let rest = &self.src[self.i..];
                    match OPS.iter().find(|op| rest.starts_with(**op)) {
                        Some(op) => {
                            let pos = self.pos_at(start);
                            self.i += op.len();
                            if *op == ";" {
                                self.toks.push(Token {
                                    kind: TokKind::Semi,
                                    text: "semicolon".into(),
                                    offset: start,
                                    pos,
                                });
                            } else {
                                self.push(TokKind::Op, start, self.i, pos);
                            }
                        }
                        None => {
                            let ch = rest.chars().next().unwrap_or('\0');
                            self.err(start, format!("invalid character {}", describe_char(ch)));
                            self.i += ch.len_utf8().max(1);
                        }
                    }
                }
            }
        }
        let end = self.b.len();
        if self.nlsemi() {
            self.semi(end, "EOF");
        }
        let pos = self.pos_at(end);
        self.toks.push(Token { kind: TokKind::Eof, text: "EOF".into(), offset: end, pos });
    }

    fn block_comment(&mut self) {
        let start = self.i;
        let start_pos = self.pos_at(start);
        let directive = self.src[start..].starts_with("/*line ");
        let had_semi = self.nlsemi();
        let mut saw_newline = false;
        self.i += 2;
        loop {
            if self.i >= self.b.len() {
                self.errs.push(SyntaxError { pos: start_pos, msg: "comment not terminated".into() });
                return;
            }
            match self.b[self.i] {
                b'*' if self.b.get(self.i + 1) == Some(&b'/') => {
                    self.i += 2;
                    break;
                }
                b'\n' => {
                    if !saw_newline && had_semi {
                        self.toks.push(Token {
                            kind: TokKind::Semi,
                            text: "newline".into(),
                            offset: start,
                            pos: start_pos,
                        });
                    }
                    saw_newline = true;
                    self.newline(self.i);
                    self.i += 1;
                }
                0 => {
                    self.err(self.i, "invalid NUL character");
                    self.i += 1;
                }
                _ => self.i += 1,
            }
        }
        // A block comment spanning lines is never a line directive.
        if directive && !saw_newline {
            let text = self.src.get(start..self.i).unwrap_or("").to_string();
            self.line_comments.push(LineComment { pos: start_pos, text });
        }
    }

    fn word(&mut self) {
        let start = self.i;
        let pos = self.pos_at(start);
        while self.i < self.b.len() {
            let rest = &self.src[self.i..];
            let ch = rest.chars().next().unwrap_or('\0');
            if ch == '_' || ch.is_alphanumeric() {
                self.i += ch.len_utf8();
            } else {
                break;
            }
        }
        if self.i == start {
            // A non-ASCII character that cannot start an identifier.
            let ch = self.src[start..].chars().next().unwrap_or('\0');
            if ch == '\u{feff}' && start != 0 {
                self.err(start, "invalid BOM in the middle of the file");
            } else if ch != '\u{feff}' {
                self.err(start, format!("invalid character {}", describe_char(ch)));
            }
            self.i += ch.len_utf8().max(1);
            return;
        }
        let text = &self.src[start..self.i];
        let kind = if KEYWORDS.contains(&text) { TokKind::Keyword } else { TokKind::Name };
        self.push(kind, start, self.i, pos);
    }

    fn number(&mut self) {
        let start = self.i;
        let pos = self.pos_at(start);
        while self.i < self.b.len() {
            let c = self.b[self.i];
            let prev = self.b[self.i - 1.min(self.i)];
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' {
                self.i += 1;
            } else if (c == b'+' || c == b'-') && self.i > start && matches!(prev, b'e' | b'E' | b'p' | b'P') {
                let text = &self.src[start..self.i];
                let hex = text.starts_with("0x") || text.starts_with("0X");
                if hex == matches!(prev, b'p' | b'P') {
                    self.i += 1;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        self.push(TokKind::Literal, start, self.i, pos);
    }

    fn string(&mut self) {
        let start = self.i;
        let pos = self.pos_at(start);
        self.i += 1;
        loop {
            match self.b.get(self.i) {
                None => {
                    self.errs.push(SyntaxError { pos, msg: "string not terminated".into() });
                    break;
                }
                Some(b'"') => {
                    self.i += 1;
                    break;
                }
                Some(b'\n') => {
                    self.err(self.i, "newline in string");
                    break;
                }
                Some(b'\\') => self.i += 2.min(self.b.len() - self.i),
                Some(0) => {
                    self.err(self.i, "invalid NUL character");
                    self.i += 1;
                }
                Some(_) => self.i += 1,
            }
        }
        self.push(TokKind::Literal, start, self.i.min(self.b.len()), pos);
    }

    fn raw_string(&mut self) {
        let start = self.i;
        let pos = self.pos_at(start);
        self.i += 1;
        loop {
            match self.b.get(self.i) {
                None => {
                    self.errs.push(SyntaxError { pos, msg: "string not terminated".into() });
                    break;
                }
                Some(b'`') => {
                    self.i += 1;
                    break;
                }
                Some(b'\n') => {
                    self.newline(self.i);
                    self.i += 1;
                }
                Some(0) => {
                    self.err(self.i, "invalid NUL character");
                    self.i += 1;
                }
                Some(_) => self.i += 1,
            }
        }
        self.push(TokKind::Literal, start, self.i, pos);
    }

    fn rune(&mut self) {
        let start = self.i;
        let pos = self.pos_at(start);
        self.i += 1;
        let mut n = 0;
        loop {
            match self.b.get(self.i) {
                None => {
                    self.errs.push(SyntaxError { pos, msg: "rune literal not terminated".into() });
                    break;
                }
                Some(b'\'') => {
                    if n == 0 {
                        self.err(self.i, "empty rune literal or unescaped '");
                    } else if n > 1 {
                        self.errs.push(SyntaxError { pos, msg: "more than one character in rune literal".into() });
                    }
                    self.i += 1;
                    break;
                }
                Some(b'\n') => {
                    self.err(self.i, "newline in rune literal");
                    break;
                }
                Some(b'\\') => {
                    n += 1;
                    self.i += 1;
                    // Skip the escape body: up to the next quote for simplicity.
                    match self.b.get(self.i) {
                        Some(b'x') => self.i += 3,
                        Some(b'u') => self.i += 5,
                        Some(b'U') => self.i += 9,
                        Some(b'0'..=b'7') => self.i += 3,
                        Some(_) => self.i += 1,
                        None => {}
                    }
                    self.i = self.i.min(self.b.len());
                    while !self.src.is_char_boundary(self.i) {
                        self.i += 1;
                    }
                }
                Some(_) => {
                    n += 1;
                    let ch = self.src[self.i..].chars().next().unwrap_or('\0');
                    self.i += ch.len_utf8().max(1);
                }
            }
        }
        self.push(TokKind::Literal, start, self.i.min(self.b.len()), pos);
    }
}

/// `U+0023 '#'`, as Go's `%#U` prints a character.
fn describe_char(c: char) -> String {
    let code = format!("U+{:04X}", c as u32);
    if c.is_control() || c.is_whitespace() && c != ' ' {
        code
    } else {
        format!("{code} '{c}'")
    }
}

/// One error per outermost ERROR node and per MISSING node in the tree.
pub(crate) fn tree_errors(toks: &[Token], root: Node) -> Vec<SyntaxError> {
    let mut out = vec![];
    let mut cursor = root.walk();
    loop {
        let n = cursor.node();
        let mut descend = true;
        if n.is_missing() {
            out.push(missing_error(toks, n));
            descend = false;
        } else if n.is_error() {
            out.push(error_node_error(toks, n));
            descend = false;
        } else if !n.has_error() {
            descend = false;
        }
        if descend && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
        }
    }
}

/// The index of the first token starting at or after byte `offset`.
fn token_index(toks: &[Token], offset: usize) -> usize {
    toks.partition_point(|t| t.offset < offset).min(toks.len() - 1)
}

/// The innermost list-like construct around `n`, as gc names it in "in X; possibly missing".
fn list_context(n: Node) -> Option<(&'static str, &'static str)> {
    let mut cur = n.parent();
    while let Some(p) = cur {
        match p.kind() {
            "argument_list" | "special_argument_list" => return Some(("argument list", ")")),
            "literal_value" => return Some(("composite literal", "}")),
            "parameter_list" => return Some(("parameter list", ")")),
            "block" | "source_file" | "statement_list" | "func_literal" => return None,
            _ => cur = p.parent(),
        }
    }
    None
}

/// Whether a token ends an operand (so an operator or a comma may follow).
fn ends_operand(t: &Token) -> bool {
    matches!(t.kind, TokKind::Name | TokKind::Literal)
        || matches!(t.text.as_str(), ")" | "]" | "}")
        || (t.kind == TokKind::Keyword && matches!(t.text.as_str(), "break" | "continue" | "fallthrough" | "return"))
}

/// Whether `t` can start a statement.
fn starts_statement(t: &Token) -> bool {
    match t.kind {
        TokKind::Name | TokKind::Literal | TokKind::Semi => true,
        TokKind::Keyword => !matches!(t.text.as_str(), "case" | "default" | "else" | "import" | "package"),
        TokKind::Op => matches!(t.text.as_str(), "(" | "[" | "{" | "*" | "&" | "<-" | "+" | "-" | "!" | "^"),
        TokKind::Eof => false,
    }
}

fn at_top_level(n: Node) -> bool {
    n.parent().is_none_or(|p| p.kind() == "source_file")
}

/// gc's message when it meets `toks[i]` unexpectedly under `n`.
fn unexpected(toks: &[Token], i: usize, n: Node) -> SyntaxError {
    let tok = &toks[i];
    let prev = i.checked_sub(1).map(|j| &toks[j]);
    let say =
        |rest: &str| SyntaxError { pos: tok.pos, msg: format!("syntax error: unexpected {}{rest}", tok.describe()) };
    if at_top_level(n) {
        let at_decl_start = prev.is_none_or(|p| p.kind == TokKind::Semi);
        if tok.text == "{" && prev.is_some_and(|p| p.kind == TokKind::Semi && p.text == "newline") {
            return SyntaxError { pos: tok.pos, msg: "syntax error: unexpected semicolon or newline before {".into() };
        }
        if at_decl_start && tok.kind != TokKind::Eof {
            return SyntaxError {
                pos: tok.pos,
                msg: "syntax error: non-declaration statement outside function body".into(),
            };
        }
        if prev.is_some_and(|p| p.kind == TokKind::Keyword && matches!(p.text.as_str(), "var" | "const" | "type")) {
            return say(", expected name");
        }
        if prev.is_some_and(ends_operand) {
            return say(" after top level declaration");
        }
        return say("");
    }
    if let Some((what, close)) = list_context(n) {
        if prev.is_some_and(ends_operand) || tok.kind == TokKind::Semi {
            return say(&format!(" in {what}; possibly missing comma or {close}"));
        }
    }
    if prev.is_some_and(|p| p.kind == TokKind::Keyword && matches!(p.text.as_str(), "var" | "const" | "type")) {
        return say(", expected name");
    }
    if prev.is_some_and(|p| p.kind == TokKind::Op && !matches!(p.text.as_str(), ")" | "]" | "}" | "++" | "--")) {
        return say(", expected expression");
    }
    if prev.is_some_and(|p| p.kind == TokKind::Semi || p.text == "{") {
        if !starts_statement(tok) {
            return say(", expected }");
        }
        return say("");
    }
    if prev.is_some_and(ends_operand) {
        if in_top_level_declaration(n) {
            return say(" after top level declaration");
        }
        return say(" at end of statement");
    }
    say("")
}

/// Whether `n` lies in a package-level declaration outside any body, literal or bracketed list
/// (where gc's parser, having read a whole declaration, expects `;`).
fn in_top_level_declaration(n: Node) -> bool {
    let mut cur = Some(n);
    while let Some(c) = cur {
        match c.kind() {
            "source_file" => return true,
            "block"
            | "literal_value"
            | "argument_list"
            | "parameter_list"
            | "field_declaration_list"
            | "func_literal"
            | "parenthesized_expression"
            | "index_expression"
            | "type_arguments"
            | "method_spec_list"
            | "interface_type"
            | "struct_type" => return false,
            _ => cur = c.parent(),
        }
    }
    false
}

fn missing_error(toks: &[Token], n: Node) -> SyntaxError {
    let i = token_index(toks, n.start_byte());
    let tok = &toks[i];
    let kind = n.kind();
    if let Some((what, close)) = list_context(n) {
        if kind == close || kind == "," {
            return SyntaxError {
                pos: tok.pos,
                msg: format!(
                    "syntax error: unexpected {} in {what}; possibly missing comma or {close}",
                    tok.describe()
                ),
            };
        }
    }
    let want = match kind {
        "," => "comma".to_string(),
        ";" => "semicolon or newline".to_string(),
        "]" if n.parent().is_some_and(|p| p.kind() == "index_expression" || p.kind() == "slice_expression") => {
            "comma, : or ]".to_string()
        }
        "identifier" | "type_identifier" | "field_identifier"
            if i.checked_sub(1).is_some_and(|j| {
                toks[j].kind == TokKind::Op && !matches!(toks[j].text.as_str(), "." | ")" | "]" | "}")
            }) =>
        {
            "expression".to_string()
        }
        "identifier" | "type_identifier" | "field_identifier" => "name".to_string(),
        k if k.chars().all(|c| c.is_ascii_punctuation()) => k.to_string(),
        k => k.replace('_', " "),
    };
    SyntaxError { pos: tok.pos, msg: format!("syntax error: unexpected {}, expected {want}", tok.describe()) }
}

fn error_node_error(toks: &[Token], n: Node) -> SyntaxError {
    let first = token_index(toks, n.start_byte());
    // An ERROR that starts with a complete construct was cut short by the token after it;
    // one that starts with a bare token was that token's fault.
    let starts_with_construct = n.child(0).is_some_and(|c| c.is_named() && !c.is_error());
    let prev_ends_operand = first.checked_sub(1).is_some_and(|j| ends_operand(&toks[j]));
    let binary_op_first = toks[first].kind == TokKind::Op
        && matches!(
            toks[first].text.as_str(),
            "+" | "-"
                | "*"
                | "/"
                | "%"
                | "<<"
                | ">>"
                | "&"
                | "|"
                | "^"
                | "&^"
                | "&&"
                | "||"
                | "=="
                | "!="
                | "<"
                | "<="
                | ">"
                | ">="
                | "."
        );
    let brace_after_newline = toks[first].text == "{"
        && first.checked_sub(1).is_some_and(|j| toks[j].kind == TokKind::Semi && toks[j].text == "newline");
    // `x.(type)` outside a type switch.
    let end = token_index(toks, n.end_byte());
    for j in first..end.min(toks.len().saturating_sub(3)) {
        if toks[j].text == "." && toks[j + 1].text == "(" && toks[j + 2].text == "type" {
            let msg = "invalid syntax tree: use of .(type) outside type switch".to_string();
            // gc points at the operand (for a simple one, the token before the dot).
            let at = if j > 0 { toks[j - 1].pos } else { toks[j].pos };
            return SyntaxError { pos: at, msg };
        }
    }
    let mut i = first;
    let newline_before =
        first.checked_sub(1).is_some_and(|j| toks[j].kind == TokKind::Semi && toks[j].text == "newline");
    if newline_before && list_context(n).is_some() {
        // Inside a list, the automatic semicolon is what gc trips over.
        i = first - 1;
    } else if brace_after_newline {
        // `func f()` NEWLINE `{`: gc blames the `{`.
    } else if binary_op_first && prev_ends_operand {
        // A dangling operator: the operand that should follow is what is missing.
        i = token_index(toks, n.end_byte());
    } else if starts_with_construct {
        i = token_index(toks, n.end_byte());
    } else if toks[first].kind == TokKind::Keyword
        && matches!(toks[first].text.as_str(), "var" | "const" | "type")
        && toks.get(first + 1).is_some_and(|t| t.kind != TokKind::Name && t.text != "(")
    {
        i = first + 1;
    }
    unexpected(toks, i, n)
}

/// Combines the error lists the way gc reports them: sorted, one syntax error per line, and
/// nothing at EOF once something else was reported.
pub(crate) fn merge(
    lexical: Vec<SyntaxError>,
    structural: Vec<SyntaxError>,
    conversion: Vec<SyntaxError>,
) -> Vec<SyntaxError> {
    // The scanner's complaints explain what tree-sitter stumbled on: keep them instead.
    let lexical_lines: Vec<u32> = lexical.iter().map(|e| e.pos.line).collect();
    let runaway = lexical.iter().filter(|e| e.msg.ends_with("not terminated")).map(|e| e.pos).min();
    let structural =
        structural.into_iter().filter(|e| !lexical_lines.contains(&e.pos.line) && runaway.is_none_or(|r| e.pos < r));
    let mut all: Vec<SyntaxError> = lexical.into_iter().chain(structural).chain(conversion).collect();
    all.sort_by_key(|e| e.pos);
    let mut out: Vec<SyntaxError> = vec![];
    for e in all {
        if e.msg.is_empty() {
            continue;
        }
        if let Some(last) = out.last() {
            if last.pos.line == e.pos.line && (e.msg.starts_with("syntax error") || last.pos == e.pos) {
                continue;
            }
        }
        out.push(e);
    }
    out
}
