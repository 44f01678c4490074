//! Parsing: gc's syntax errors from a port of gc's parser, the syntax tree from tree-sitter-go.
//!
//! Every file is first scanned by [`scanner`] (gc's tokens, automatic semicolons and lexical
//! errors) and parsed by [`gcparser`], a port of gc's recursive-descent parser that builds no
//! more tree than its decisions need: its errors are gc's, in gc's order and wording. When it
//! reports a syntax error, gc stops after parsing, and so do we: no tree is built (the file is
//! [`ast::File::incomplete`]). Otherwise tree-sitter parses the file and this module walks its
//! tree once to build our AST; should tree-sitter's tree have errors where gc's parser found
//! none, [`errors`] guesses gc-style messages from them.
//!
//! tree-sitter's tree is richer in kinds than gc's (`type_conversion_expression`,
//! `generic_type`, `qualified_type`, ...) and poorer in positions (it knows where a node
//! starts, gc records an operator or bracket), so each conversion looks up the token gc would
//! point at. The walk is split by syntactic category: [`expr`] (expressions and type
//! expressions, which Go does not tell apart syntactically), [`stmt`] (statements and blocks),
//! [`decl`] (the file and its declarations, pragmas, `//go:build`); [`lit`] holds literal
//! helpers (unquoting, build constraints), [`mask`] the rewrites that keep tree-sitter-go up
//! with newer Go, [`linedir`] the line directives.
//!
//! Robustness: both parsers recurse, but boundedly. Past [`MAX_DEPTH`] nested levels (gc's own
//! parser has no limit) each reports one error and stops descending, so neither parsing, nor
//! the conversion, nor dropping the resulting tree can exhaust the stack it runs on, whatever
//! the input.

mod decl;
mod errors;
mod expr;
mod gcparser;
mod linedir;
mod lit;
mod mask;
mod scanner;
mod stmt;

use crate::ast::{self, Expr, ExprId, ExprKind, Pos};
use crate::SyntaxError;
use std::path::Path;
use tree_sitter::Node;

pub use linedir::relative;
pub use lit::{build_constraint_go_version, unquote};
pub(crate) use scanner::KEYWORDS;

/// How deeply nodes may nest before the parser gives up on the subtree. gc's parser has no
/// limit; ours is what a caller can still drop (the tree's `Drop` recurses) on a 2 MiB stack in
/// a debug build, with some margin (20,000 levels were measured to work there, 40,000 not).
pub const MAX_DEPTH: u32 = 15_000;

/// Parses one file. Never fails: what cannot be parsed becomes `ExprKind::Bad` plus an error.
///
/// The work runs on a large stack ([`crate::stack`]): [`MAX_DEPTH`] levels of the recursive
/// walk need a few hundred megabytes, whatever the caller's thread has.
pub fn parse_file(path: &Path, src: &str) -> (ast::File, Vec<SyntaxError>) {
    parse_file_with_invalid_utf8(path, src, &[])
}

/// [`parse_file`] for a file whose bytes at `invalid_utf8` (positions in increasing order) were
/// not UTF-8 and read as spaces in `src` ([`crate::load::decode_source`]): gc's scanner
/// reports each such byte (`invalid UTF-8 encoding`) and reads on as if it were absent.
pub fn parse_file_with_invalid_utf8(path: &Path, src: &str, invalid_utf8: &[Pos]) -> (ast::File, Vec<SyntaxError>) {
    crate::stack::on_large_stack("goescape-parse", || parse_file_here(path, src, invalid_utf8))
}

fn parse_file_here(path: &Path, src: &str, invalid_utf8: &[Pos]) -> (ast::File, Vec<SyntaxError>) {
    let scanner::Scanned { tokens, errors: mut lexical, line_comments: directives, directives: go_directives } =
        scanner::scan_with_invalid(src, invalid_utf8);
    let (line_comments, linknames_found): (Vec<_>, Vec<_>) =
        directives.into_iter().partition(|c| !c.text.starts_with("//go:linkname"));
    // The noder's reading of the directives (`//go:linknamestd` is std's own spelling); one of
    // the wrong length is an error that does not stop type checking.
    let mut linknames: Vec<ast::Linkname> = Vec::new();
    for c in &linknames_found {
        // The noder sees the directive's text after the `//`.
        let pos = Pos::new(c.pos.line, c.pos.col + 2);
        let fields: Vec<&str> = c.text[2..].split_whitespace().collect();
        let std = match fields.first() {
            Some(&"go:linkname") => false,
            Some(&"go:linknamestd") => true,
            _ => continue,
        };
        if !(2..=3).contains(&fields.len()) {
            let msg = format!("usage: //{} localname [linkname]", fields[0]);
            lexical.push(scanner::LexError { tok_index: c.tok_index, err: SyntaxError { pos, msg } });
            continue;
        }
        let (local, remote) = (fields[1].to_string(), fields.get(2).map(|r| r.to_string()));
        linknames.push(ast::Linkname { pos, std, local, remote });
    }
    let path_text = path.to_string_lossy();
    let (line_bases, directive_errors) = linedir::line_bases(&path_text, &line_comments);
    // gc reports a directive's errors while scanning the token after the comment.
    for err in directive_errors {
        let tok_index = line_comments.iter().find(|c| c.pos.line == err.pos.line).map_or(0, |c| c.tok_index);
        lexical.push(scanner::LexError { tok_index, err });
    }
    lexical.sort_by_key(|e| e.tok_index);

    // gc's own parser decides what is a syntax error.
    let gc = gcparser::parse(&path_text, &tokens, &lexical, &go_directives);
    let mut conv = Converter::new(src);
    conv.invalid = scanner::offsets(src, invalid_utf8);
    conv.bad_literals = tokens.iter().filter(|t| t.bad).map(|t| t.offset).collect();
    if gc.stop {
        // gc stops after parsing when there are syntax errors: no tree is needed.
        let file = unparsed_file(path, &tokens, line_bases, linknames);
        return (file, gc.errors);
    }

    let masked = mask::mask(src, &tokens);
    let mut parser = tree_sitter::Parser::new();
    let tree =
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).ok().and_then(|()| parser.parse(&masked.main, None));
    let Some(tree) = tree else {
        let mut errors = gc.errors;
        errors.push(SyntaxError { pos: Pos::new(1, 1), msg: "syntax error: cannot parse file".to_string() });
        let file = unparsed_file(path, &tokens, line_bases, linknames);
        return (file, errors);
    };
    if let Some(recv_src) = &masked.receivers {
        if let Some(recv_tree) = parser.parse(recv_src, None) {
            conv.generic_receivers(recv_tree.root_node(), &masked.generic_methods);
        }
    }
    let root = tree.root_node();
    let mut file = conv.file(root, path);
    file.expr_count = conv.next_id;
    file.line_bases = line_bases;
    file.linknames = linknames;
    let errors = if !gc.errors.is_empty() {
        // Lexical (or other non-syntax) errors only: the parser port has the whole story, and
        // tree-sitter's complaints are about what gc's scanner skipped. The nesting limit of the
        // conversion still counts.
        let mut errors = gc.errors;
        errors.extend(conv.errors.into_iter().filter(|e| e.msg == DEPTH_ERROR));
        errors.sort_by_key(|e| e.pos);
        file.incomplete = errors_before_eof(root, &tokens);
        errors
    } else if root.has_error() {
        // gc's parser found nothing but tree-sitter did: fall back on its guesses.
        let structural = errors::tree_errors(&tokens, root);
        errors::merge(Vec::new(), structural, conv.errors)
    } else {
        conv.errors
    };
    (file, errors)
}

/// Whether tree-sitter's tree has an error other than closing brackets it supplies at the end
/// of the file: after an earlier error gc's parser says nothing of an unexpected EOF
/// (`syntaxErrorAt`), so its tree is whole and gc type checks it.
fn errors_before_eof(root: Node, tokens: &[scanner::Token<'_>]) -> bool {
    if !root.has_error() {
        return false;
    }
    let last_end = tokens
        .iter()
        .rev()
        .find(|t| !matches!(t.kind, scanner::TokKind::Semi | scanner::TokKind::Eof))
        .map_or(0, |t| t.offset + t.text.len());
    let mut work = vec![root];
    while let Some(n) = work.pop() {
        if n.is_error() || (n.is_missing() && n.start_byte() < last_end) {
            return true;
        }
        let mut cursor = n.walk();
        work.extend(n.children(&mut cursor).filter(|c| c.has_error()));
    }
    false
}

/// The first error in the line directives of `header` (go/scanner checks them as gc's scanner
/// does, in the part of a file the go command parses).
pub(crate) fn line_directive_error(path: &str, header: &str) -> Option<SyntaxError> {
    if !header.contains("line ") {
        return None;
    }
    let scanned = scanner::scan_with_invalid(header, &[]);
    let (_, errors) = linedir::line_bases(path, &scanned.line_comments);
    errors.into_iter().min_by_key(|e| e.pos)
}

/// The message for input nested deeper than [`MAX_DEPTH`].
const DEPTH_ERROR: &str = "syntax error: exceeded max nesting depth";

/// The file of a parse that stopped at syntax errors: its package name and directives only.
fn unparsed_file(
    path: &Path,
    tokens: &[scanner::Token<'_>],
    line_bases: Vec<ast::LineBase>,
    linknames: Vec<ast::Linkname>,
) -> ast::File {
    let package = match tokens {
        [p, n, ..] if p.tok == scanner::Tok::Package && n.tok == scanner::Tok::Name => {
            ast::Ident { name: n.text.to_string(), pos: n.pos }
        }
        _ => ast::Ident { name: String::new(), pos: Pos::new(1, 1) },
    };
    ast::File {
        path: path.to_path_buf(),
        package,
        imports: vec![],
        decls: vec![],
        go_version: None,
        expr_count: 0,
        line_bases,
        linknames,
        incomplete: true,
    }
}

/// The state of one file's conversion.
pub(crate) struct Converter<'s> {
    pub(crate) src: &'s str,
    next_id: u32,
    /// Errors found while converting (beyond what the tree's ERROR nodes say).
    errors: Vec<SyntaxError>,
    depth: u32,
    depth_reported: bool,
    /// The receivers of methods with type parameters, by the offset of their `func`.
    receivers: rustc_hash::FxHashMap<usize, ast::Field>,
    /// Byte offsets of the bytes that are not UTF-8 (spaces in `src`), sorted.
    invalid: Vec<usize>,
    /// Byte offsets of the literals gc's scanner found malformed (its `bad` flag), sorted.
    bad_literals: Vec<usize>,
}

impl<'s> Converter<'s> {
    fn new(src: &'s str) -> Self {
        Converter {
            src,
            next_id: 0,
            errors: vec![],
            depth: 0,
            depth_reported: false,
            receivers: Default::default(),
            invalid: Vec::new(),
            bad_literals: Vec::new(),
        }
    }

    /// Converts the receivers of generic methods from the parse that kept them (see [`mask`]).
    fn generic_receivers(&mut self, root: Node, methods: &[mask::GenericMethod]) {
        for c in children(root) {
            let Some(m) = methods.iter().find(|m| m.func_offset == c.start_byte()) else { continue };
            if c.kind() != "method_declaration" {
                continue;
            }
            if let Some(r) = c.child_by_field_name("receiver") {
                let mut recv = self.params(r);
                self.drop_misplaced_dots(&mut recv, false);
                if let Some(f) = recv.into_iter().next() {
                    self.receivers.insert(m.func_offset, f);
                }
            }
        }
    }

    pub(crate) fn error(&mut self, pos: Pos, msg: String) {
        self.errors.push(SyntaxError { pos, msg });
    }

    /// A new expression with the next id.
    pub(crate) fn mk(&mut self, pos: Pos, kind: ExprKind) -> Expr {
        let id = ExprId(self.next_id);
        self.next_id += 1;
        Expr { id, pos, kind }
    }

    pub(crate) fn bad(&mut self, pos: Pos) -> Expr {
        self.mk(pos, ExprKind::Bad)
    }

    /// Enters one nesting level; `false` (after reporting once) when the limit is reached.
    pub(crate) fn enter(&mut self, at: Pos) -> bool {
        if self.depth >= MAX_DEPTH {
            if !self.depth_reported {
                self.depth_reported = true;
                self.error(at, DEPTH_ERROR.to_string());
            }
            return false;
        }
        self.depth += 1;
        true
    }

    pub(crate) fn leave(&mut self) {
        self.depth -= 1;
    }

    pub(crate) fn text(&self, n: Node) -> &'s str {
        self.src.get(n.byte_range()).unwrap_or("")
    }

    pub(crate) fn ident(&self, n: Node) -> ast::Ident {
        ast::Ident { name: self.token_text(n), pos: pos(n) }
    }

    /// A name's or literal's text as gc keeps it: bytes that are not UTF-8 stay in it (gc's
    /// scanner skips them inside the token); each run of them shows as U+FFFD, as a
    /// terminal shows gc's bytes.
    pub(crate) fn token_text(&self, n: Node) -> String {
        let r = n.byte_range();
        let first = self.invalid.partition_point(|&o| o < r.start);
        if self.invalid.get(first).is_none_or(|&o| o >= r.end) {
            return self.text(n).to_string();
        }
        let mut out = String::new();
        let mut prev_invalid = false;
        for (i, c) in self.text(n).char_indices() {
            let invalid = self.invalid[first..].binary_search(&(r.start + i)).is_ok();
            if !invalid {
                out.push(c);
            } else if !prev_invalid {
                out.push('\u{fffd}');
            }
            prev_invalid = invalid;
        }
        out
    }

    /// A copy of `e` with fresh ids throughout (for implicitly repeated const specs).
    pub(crate) fn refresh_ids(&mut self, e: &Expr) -> Expr {
        let mut copy = e.clone();
        self.renumber(&mut copy);
        copy
    }

    fn renumber(&mut self, e: &mut Expr) {
        e.id = ExprId(self.next_id);
        self.next_id += 1;
        let fields = |c: &mut Self, fs: &mut Vec<ast::Field>| {
            for f in fs {
                c.renumber(&mut f.ty);
            }
        };
        match &mut e.kind {
            ExprKind::Ident(_) | ExprKind::BasicLit { .. } | ExprKind::Bad => {}
            ExprKind::CompositeLit { ty, elts } => {
                if let Some(t) = ty {
                    self.renumber(t);
                }
                for el in elts {
                    if let Some(k) = &mut el.key {
                        self.renumber(k);
                    }
                    self.renumber(&mut el.value);
                }
            }
            // Function literals cannot be repeated meaningfully (their bodies hold statements);
            // their ids inside stay those of the copy source, only the literal itself is fresh.
            ExprKind::FuncLit { .. } => {}
            ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary { x, .. } => self.renumber(x),
            ExprKind::Selector { x, .. } => self.renumber(x),
            ExprKind::Index { x, indices } => {
                self.renumber(x);
                for i in indices {
                    self.renumber(i);
                }
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                self.renumber(x);
                for y in [lo, hi, max].into_iter().flatten() {
                    self.renumber(y);
                }
            }
            ExprKind::TypeAssert { x, ty } => {
                self.renumber(x);
                if let Some(t) = ty {
                    self.renumber(t);
                }
            }
            ExprKind::Call { fun, args, .. } => {
                self.renumber(fun);
                for a in args {
                    self.renumber(a);
                }
            }
            ExprKind::Binary { x, y, .. } => {
                self.renumber(x);
                self.renumber(y);
            }
            ExprKind::ArrayType { len, elem } => {
                if let Some(l) = len {
                    self.renumber(l);
                }
                self.renumber(elem);
            }
            ExprKind::StructType { fields: fs } => fields(self, fs),
            ExprKind::FuncType(ft) => {
                fields(self, &mut ft.params);
                fields(self, &mut ft.results);
            }
            ExprKind::InterfaceType { elems } => fields(self, elems),
            ExprKind::MapType { key, value } => {
                self.renumber(key);
                self.renumber(value);
            }
            ExprKind::ChanType { elem, .. } => self.renumber(elem),
            ExprKind::Ellipsis(x) => {
                if let Some(x) = x {
                    self.renumber(x);
                }
            }
        }
    }
}

/// Where a node starts, as gc counts: 1-based line, 1-based byte column.
pub(crate) fn pos(n: Node) -> Pos {
    let p = n.start_position();
    Pos::new(p.row as u32 + 1, p.column as u32 + 1)
}

/// Where a node ends (the position just past its last byte).
pub(crate) fn end_pos(n: Node) -> Pos {
    let p = n.end_position();
    Pos::new(p.row as u32 + 1, p.column as u32 + 1)
}

/// All children except comments.
pub(crate) fn children<'t>(n: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = n.walk();
    n.children(&mut cursor).filter(|c| c.kind() != "comment").collect()
}

/// Named children except comments.
pub(crate) fn named<'t>(n: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = n.walk();
    n.named_children(&mut cursor).filter(|c| c.kind() != "comment").collect()
}

/// The children in field `name` (comments and punctuation excluded).
pub(crate) fn field_all<'t>(n: Node<'t>, name: &str) -> Vec<Node<'t>> {
    let mut cursor = n.walk();
    n.children_by_field_name(name, &mut cursor).filter(|c| c.is_named() && c.kind() != "comment").collect()
}

/// The first direct child that is the token `kind` (and really present in the source).
pub(crate) fn token<'t>(n: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = n.walk();
    let found = n.children(&mut cursor).find(|c| !c.is_named() && c.kind() == kind && !c.is_missing());
    found
}

/// The position of token `kind` among `n`'s children, else where `n` starts.
pub(crate) fn token_pos(n: Node, kind: &str) -> Pos {
    token(n, kind).map(pos).unwrap_or_else(|| pos(n))
}
