//! Syntax errors guessed from tree-sitter's tree: the fallback when gc's parser
//! ([`super::gcparser`]) finds nothing wrong but tree-sitter's tree has ERROR or MISSING nodes
//! (gc accepts something tree-sitter-go does not, such as a type as a call argument).
//!
//! Each outermost ERROR node and each MISSING node becomes `syntax error: unexpected
//! TOKEN[, expected WHAT]` at the token gc would have stopped at, worded with the tokens of
//! [`super::scanner`]. As gc does, at most one syntax error is kept per line, errors at EOF
//! after an earlier one are dropped, and the list is sorted by position.

use super::scanner::{TokKind, Token};
use crate::SyntaxError;
use tree_sitter::Node;

/// One error per outermost ERROR node and per MISSING node in the tree.
pub(crate) fn tree_errors(toks: &[Token<'_>], root: Node) -> Vec<SyntaxError> {
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
fn token_index(toks: &[Token<'_>], offset: usize) -> usize {
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
fn ends_operand(t: &Token<'_>) -> bool {
    matches!(t.kind, TokKind::Name | TokKind::Literal)
        || matches!(t.text, ")" | "]" | "}")
        || (t.kind == TokKind::Keyword && matches!(t.text, "break" | "continue" | "fallthrough" | "return"))
}

/// Whether `t` can start a statement.
fn starts_statement(t: &Token<'_>) -> bool {
    match t.kind {
        TokKind::Name | TokKind::Literal | TokKind::Semi => true,
        TokKind::Keyword => !matches!(t.text, "case" | "default" | "else" | "import" | "package"),
        TokKind::Op => matches!(t.text, "(" | "[" | "{" | "*" | "&" | "<-" | "+" | "-" | "!" | "^"),
        TokKind::Eof => false,
    }
}

fn at_top_level(n: Node) -> bool {
    n.parent().is_none_or(|p| p.kind() == "source_file")
}

/// gc's message when it meets `toks[i]` unexpectedly under `n`.
fn unexpected(toks: &[Token<'_>], i: usize, n: Node) -> SyntaxError {
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
        if prev.is_some_and(|p| p.kind == TokKind::Keyword && matches!(p.text, "var" | "const" | "type")) {
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
    if prev.is_some_and(|p| p.kind == TokKind::Keyword && matches!(p.text, "var" | "const" | "type")) {
        return say(", expected name");
    }
    if prev.is_some_and(|p| p.kind == TokKind::Op && !matches!(p.text, ")" | "]" | "}" | "++" | "--")) {
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

fn missing_error(toks: &[Token<'_>], n: Node) -> SyntaxError {
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
            if i.checked_sub(1)
                .is_some_and(|j| toks[j].kind == TokKind::Op && !matches!(toks[j].text, "." | ")" | "]" | "}")) =>
        {
            "expression".to_string()
        }
        "identifier" | "type_identifier" | "field_identifier" => "name".to_string(),
        k if k.chars().all(|c| c.is_ascii_punctuation()) => k.to_string(),
        k => k.replace('_', " "),
    };
    SyntaxError { pos: tok.pos, msg: format!("syntax error: unexpected {}, expected {want}", tok.describe()) }
}

fn error_node_error(toks: &[Token<'_>], n: Node) -> SyntaxError {
    let first = token_index(toks, n.start_byte());
    // An ERROR that starts with a complete construct was cut short by the token after it;
    // one that starts with a bare token was that token's fault.
    let starts_with_construct = n.child(0).is_some_and(|c| c.is_named() && !c.is_error());
    let prev_ends_operand = first.checked_sub(1).is_some_and(|j| ends_operand(&toks[j]));
    let binary_op_first = toks[first].kind == TokKind::Op
        && matches!(
            toks[first].text,
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
        && matches!(toks[first].text, "var" | "const" | "type")
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
