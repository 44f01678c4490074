//! Source rewrites that keep tree-sitter-go 0.25 up with newer Go, without moving any byte.
//!
//! The grammar predates two additions gc 1.27 accepts:
//!
//! - `new(expr)`: the grammar treats `new` (and `make`) as a keyword whose first argument must
//!   be a type. When the first argument is recognizably an expression (a literal, a call, a
//!   composite literal, an operator), that `new` is shown to tree-sitter as the plain
//!   identifier `n_w` (`make` as `m_ke`, for a local function named `make`). Ordinary calls
//!   accept expressions but not every type, hence the case by case decision. Names are always
//!   read from the original text, so nothing downstream sees the difference.
//! - methods with type parameters, `func (r T) M[P any](...)`: the grammar has no such method
//!   declaration. The file is parsed with the receivers of those methods blanked (a generic
//!   function, which the grammar knows), and, for the receivers alone, a second time with the
//!   type parameter lists blanked.
//!
//! What gc's scanner skips between tokens (stray characters, NUL bytes, byte order marks) is
//! blanked too (inside a name or number it is replaced by a character the token can hold), and so are empty statements: an explicit `;` right after a `{` or another `;`
//! (outside a `for` header), which the grammar has no place for.
//!
//! Blanking replaces bytes with spaces but keeps newlines, so every position in a rewritten
//! source is the position in the original.

use super::scanner::{Tok, TokKind, Token};
use std::ops::Range;

/// A method with type parameters: its receiver `(...)` and type parameter list `[...]`.
#[derive(Clone, Debug)]
pub(crate) struct GenericMethod {
    pub func_offset: usize,
    pub recv: Range<usize>,
    pub tparams: Range<usize>,
}

/// What to show tree-sitter.
pub(crate) struct Masked {
    /// The source for the main parse.
    pub main: String,
    /// For files with generic methods: the source whose parse supplies their receivers.
    pub receivers: Option<String>,
    pub generic_methods: Vec<GenericMethod>,
}

/// Rewrites `src` for tree-sitter (see the module docs).
pub(crate) fn mask(src: &str, toks: &[Token<'_>]) -> Masked {
    let mut bytes = src.as_bytes().to_vec();
    for at in expression_new_calls(toks) {
        bytes[at + 1] = b'_';
    }
    blank_skipped(&mut bytes, src, toks);
    fill_skipped_in_tokens(&mut bytes, toks);
    blank_empty_statements(&mut bytes, toks);
    append_closers(&mut bytes, toks);
    let methods = generic_methods(toks);
    if methods.is_empty() {
        return Masked { main: into_string(bytes, src), receivers: None, generic_methods: methods };
    }
    let mut recv_src = bytes.clone();
    for m in &methods {
        blank(&mut bytes, m.recv.clone());
        blank(&mut recv_src, m.tparams.clone());
    }
    Masked { main: into_string(bytes, src), receivers: Some(into_string(recv_src, src)), generic_methods: methods }
}

/// Blanks what gc's scanner skips between tokens after complaining (characters that start no
/// token, NUL bytes, misplaced byte order marks), so that tree-sitter does not trip over them.
/// Inside a token they stay: gc keeps them in the token's text.
fn blank_skipped(bytes: &mut [u8], src: &str, toks: &[Token<'_>]) {
    let mut at = 0;
    for t in toks {
        let len = match t.kind {
            TokKind::Semi if t.text == "semicolon" => 1,
            TokKind::Semi | TokKind::Eof => 0,
            _ => t.text.len(),
        };
        if t.offset > at {
            blank_gap(bytes, src, at, t.offset);
        }
        at = at.max(t.offset + len);
    }
}

/// Inside a name or a number, what gc's scanner skipped (NUL bytes, byte order marks, bytes
/// that are not UTF-8, read as spaces) stays part of the token's text: `sum\0` is one name,
/// `4\xe2\x802` one number (a malformed constant). tree-sitter sees those bytes replaced by
/// one the token can hold (`_` in a name, `0` in a number), so the token stays whole.
fn fill_skipped_in_tokens(bytes: &mut [u8], toks: &[Token<'_>]) {
    for t in toks {
        let fill = match t.kind {
            TokKind::Name => b'_',
            TokKind::Literal if t.text.starts_with(|c: char| c.is_ascii_digit() || c == '.') => b'0',
            _ => continue,
        };
        for (i, c) in t.text.char_indices() {
            if c == '\0' || c == '\u{feff}' || c == ' ' {
                for k in t.offset + i..t.offset + i + c.len_utf8() {
                    bytes[k] = fill;
                }
            }
        }
    }
}

/// Blanks, in `src[from..to]` (white space and comments), every character that is neither,
/// and NUL bytes and byte order marks inside comments.
fn blank_gap(bytes: &mut [u8], src: &str, from: usize, to: usize) {
    let b = src.as_bytes();
    let mut i = from;
    while i < to {
        let comment_end = match (b[i], b.get(i + 1)) {
            (b' ' | b'\t' | b'\r' | b'\n', _) => {
                i += 1;
                continue;
            }
            (b'/', Some(b'/')) => src[i..to].find('\n').map_or(to, |n| i + n),
            (b'/', Some(b'*')) => src[i + 2..to].find("*/").map_or(to, |n| i + 2 + n + 2),
            // A `/` in a gap starts a comment whose second character follows skipped ones
            // (`/\xff/`: gc's scanner reads `//`); tree-sitter sees the comment blanked.
            (b'/', _) => {
                let mut j = i + 1;
                while j < to && (b[j] == b' ' || b[j] == 0 || src[j..].starts_with('\u{feff}')) {
                    j += if b[j] == 0xef { 3 } else { 1 };
                }
                let end = match b.get(j) {
                    Some(b'*') => src[j + 1..to].find("*/").map_or(to, |n| j + 1 + n + 2),
                    _ => src[i..to].find('\n').map_or(to, |n| i + n),
                };
                blank(bytes, i..end);
                i = end;
                continue;
            }
            _ => {
                let len = src[i..].chars().next().map_or(1, char::len_utf8);
                blank(bytes, i..(i + len).min(to));
                i += len;
                continue;
            }
        };
        for k in i..comment_end {
            if b[k] == 0 {
                bytes[k] = b' ';
            } else if b[k] == 0xef && src[k..].starts_with('\u{feff}') {
                blank(bytes, k..k + 3);
            }
        }
        i = comment_end;
    }
}

/// Blanks each explicit `;` that ends an empty statement (see the module docs). A `for`
/// header, where `;;` separates clauses, lasts until the `{` at the `for`'s nesting.
fn blank_empty_statements(bytes: &mut [u8], toks: &[Token<'_>]) {
    let explicit_semi = |t: &Token<'_>| t.tok == Tok::Semi && t.text == "semicolon";
    let (mut depth, mut header) = (0i32, None);
    for (i, t) in toks.iter().enumerate() {
        match t.tok {
            Tok::Lparen | Tok::Lbrack => depth += 1,
            Tok::Rparen | Tok::Rbrack => depth -= 1,
            Tok::For => header = Some(depth),
            Tok::Lbrace if header == Some(depth) => header = None,
            _ => {}
        }
        let after_empty = i > 0 && (toks[i - 1].tok == Tok::Lbrace || explicit_semi(&toks[i - 1]));
        if header.is_none() && explicit_semi(t) && after_empty {
            bytes[t.offset] = b' ';
        }
    }
}

/// Closes at the end of the file the brackets still open there. gc's parser says nothing of
/// an unexpected EOF after an earlier error (a lexical one) and type checks the file; the
/// closers, past every byte of the source, let tree-sitter build the same tree.
fn append_closers(bytes: &mut Vec<u8>, toks: &[Token<'_>]) {
    let mut open = Vec::new();
    for t in toks {
        match t.tok {
            Tok::Lparen => open.push(b')'),
            Tok::Lbrack => open.push(b']'),
            Tok::Lbrace => open.push(b'}'),
            Tok::Rparen | Tok::Rbrack | Tok::Rbrace => {
                open.pop();
            }
            _ => {}
        }
    }
    if open.is_empty() {
        return;
    }
    // A line comment ending the file without a newline would swallow the closers: it is
    // blanked (comments mean nothing to the tree).
    let last_end = toks
        .iter()
        .rev()
        .find(|t| !matches!(t.kind, TokKind::Semi | TokKind::Eof))
        .map_or(0, |t| t.offset + t.text.len());
    let tail = &bytes[last_end.min(bytes.len())..];
    if let Some(k) = tail.windows(2).rposition(|w| w == b"//") {
        if !tail[k..].contains(&b'\n') {
            let from = last_end + k;
            let to = bytes.len();
            blank(bytes, from..to);
        }
    }
    bytes.extend(open.iter().rev());
}

fn into_string(bytes: Vec<u8>, fallback: &str) -> String {
    String::from_utf8(bytes).unwrap_or_else(|_| fallback.to_string())
}

fn blank(bytes: &mut [u8], r: Range<usize>) {
    for b in &mut bytes[r] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

/// The offsets of the `new`/`make` tokens whose first argument is an expression, not a type.
fn expression_new_calls(toks: &[Token<'_>]) -> Vec<usize> {
    let mut out = vec![];
    for (i, t) in toks.iter().enumerate() {
        let builtin = t.kind == TokKind::Name && (t.text == "new" || t.text == "make");
        if builtin && toks.get(i + 1).is_some_and(|p| p.text == "(") && first_arg_is_expr(&toks[i + 2..]) {
            out.push(t.offset);
        }
    }
    out
}

/// Whether the tokens starting a call's first argument can only be an expression.
fn first_arg_is_expr(toks: &[Token<'_>]) -> bool {
    let mut depth = 0i64;
    let mut prev: Option<&Token<'_>> = None;
    // After `[`, `map`, `*`, ... only a literal's `{` or a conversion's `(` makes a value: an
    // operator there belongs to the type (`[]*T`).
    let type_literal =
        toks.first().is_some_and(|t| matches!(t.text, "[" | "map" | "chan" | "func" | "struct" | "interface" | "*"));
    for (j, t) in toks.iter().enumerate() {
        let text = t.text;
        if depth == 0 {
            match t.kind {
                TokKind::Literal => return true,
                TokKind::Semi | TokKind::Eof => return false,
                TokKind::Op => {
                    let after_operand = prev.is_some_and(|p| {
                        matches!(p.kind, TokKind::Name | TokKind::Literal) || matches!(p.text, ")" | "]" | "}")
                    });
                    match text {
                        "," | ")" => return false,
                        "(" if after_operand || prev.is_some_and(|p| p.text == ".") => return true,
                        "{" if !prev.is_some_and(|p| p.text == "struct" || p.text == "interface") => return true,
                        "-" | "+" | "!" | "^" | "&" if j == 0 => return true,
                        "<-" if j == 0 => return toks.get(1).is_none_or(|n| n.text != "chan"),
                        "+" | "-" | "/" | "%" | "<<" | ">>" | "&" | "|" | "^" | "&&" | "||" | "==" | "!=" | "<"
                        | "<=" | ">" | ">=" | "&^" | "*"
                            if after_operand && !type_literal =>
                        {
                            return true
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        if t.kind == TokKind::Op {
            match text {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => {
                    depth -= 1;
                    if depth < 0 {
                        return false;
                    }
                }
                _ => {}
            }
        }
        prev = Some(t);
    }
    false
}

/// Finds `func ( ... ) Name [ ... ]` at the top level of the file.
fn generic_methods(toks: &[Token<'_>]) -> Vec<GenericMethod> {
    let mut out = vec![];
    let mut depth = 0i64;
    for (i, t) in toks.iter().enumerate() {
        if t.kind == TokKind::Op {
            match t.text {
                "{" | "(" | "[" => depth += 1,
                "}" | ")" | "]" => depth -= 1,
                _ => {}
            }
        }
        if depth != 0 || t.kind != TokKind::Keyword || t.text != "func" {
            continue;
        }
        let Some(open) = toks.get(i + 1).filter(|t| t.text == "(") else { continue };
        let Some(close) = matching(toks, i + 1) else { continue };
        let Some(name) = toks.get(close + 1).filter(|t| t.kind == TokKind::Name) else { continue };
        let _ = name;
        let Some(lbrack) = toks.get(close + 2).filter(|t| t.text == "[") else { continue };
        let Some(rbrack) = matching(toks, close + 2) else { continue };
        out.push(GenericMethod {
            func_offset: t.offset,
            recv: open.offset..toks[close].offset + 1,
            tparams: lbrack.offset..toks[rbrack].offset + 1,
        });
    }
    out
}

/// The index of the bracket closing the one at `open`.
fn matching(toks: &[Token<'_>], open: usize) -> Option<usize> {
    let mut depth = 0i64;
    for (j, t) in toks.iter().enumerate().skip(open) {
        if t.kind != TokKind::Op {
            continue;
        }
        match t.text {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}
