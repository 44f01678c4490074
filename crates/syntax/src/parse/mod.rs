//! Tree-sitter-go's concrete tree to [`ast::File`].
//!
//! tree-sitter does the parsing (and the error recovery); this module walks its tree once and
//! builds our AST, giving every node the position gc's parser would give it. tree-sitter's tree
//! is richer in kinds than gc's (`type_conversion_expression`, `generic_type`,
//! `qualified_type`, ...) and poorer in positions (it knows where a node starts, gc records an
//! operator or bracket), so each conversion looks up the token gc would point at.
//!
//! The walk is split by syntactic category: [`expr`] (expressions and type expressions, which
//! Go does not tell apart syntactically), [`stmt`] (statements and blocks), [`decl`] (the file
//! and its declarations, pragmas, `//go:build`). [`errors`] turns tree-sitter's ERROR and MISSING
//! nodes, and what a small Go scanner finds wrong lexically, into gc-style messages; [`lit`]
//! holds literal helpers (unquoting, build constraints).
//!
//! Robustness: the walk is recursive but bounded. Past [`MAX_DEPTH`] nested nodes (gc's own
//! parser has no limit) it reports one error and substitutes `Bad`/empty nodes, so
//! neither the conversion nor dropping the resulting tree can exhaust the stack it runs on,
//! whatever the input.

mod decl;
mod errors;
mod expr;
mod linedir;
mod lit;
mod mask;
mod stmt;

use crate::ast::{self, Expr, ExprId, ExprKind, Pos};
use crate::SyntaxError;
use std::path::Path;
use tree_sitter::Node;

pub(crate) use errors::KEYWORDS;
pub use linedir::relative;
pub use lit::{build_constraint_go_version, unquote};

/// How deeply nodes may nest before the parser gives up on the subtree. gc's parser has no
/// limit; ours is what a caller can still drop (the tree's `Drop` recurses) on a 2 MiB stack in
/// a debug build, with some margin (20,000 levels were measured to work there, 40,000 not).
pub const MAX_DEPTH: u32 = 15_000;

/// Parses one file. Never fails: what cannot be parsed becomes `ExprKind::Bad` plus an error.
///
/// The work runs on a large stack ([`crate::stack`]): [`MAX_DEPTH`] levels of the recursive
/// walk need a few hundred megabytes, whatever the caller's thread has.
pub fn parse_file(path: &Path, src: &str) -> (ast::File, Vec<SyntaxError>) {
    crate::stack::on_large_stack("goescape-parse", || parse_file_here(path, src))
}

fn parse_file_here(path: &Path, src: &str) -> (ast::File, Vec<SyntaxError>) {
    let mut conv = Converter::new(src);
    let errors::Scanned { tokens, errors: mut lexical, line_comments: directives } = errors::scan(src);
    let (line_comments, linknames): (Vec<_>, Vec<_>) =
        directives.into_iter().partition(|c| !c.text.starts_with("//go:linkname"));
    let linknames: Vec<String> = linknames
        .iter()
        .filter_map(|c| {
            // `//go:linknamestd` is std's own spelling.
            let rest = c.text.strip_prefix("//go:linknamestd ").or_else(|| c.text.strip_prefix("//go:linkname "))?;
            rest.split_whitespace().next().map(String::from)
        })
        .collect();
    let (line_bases, directive_errors) = linedir::line_bases(&path.to_string_lossy(), &line_comments);
    lexical.extend(directive_errors);
    let masked = mask::mask(src, &tokens);
    let mut parser = tree_sitter::Parser::new();
    let tree =
        parser.set_language(&tree_sitter_go::LANGUAGE.into()).ok().and_then(|()| parser.parse(&masked.main, None));
    let Some(tree) = tree else {
        conv.error(Pos::new(1, 1), "syntax error: cannot parse file".to_string());
        let file = ast::File {
            path: path.to_path_buf(),
            package: ast::Ident { name: String::new(), pos: Pos::new(1, 1) },
            imports: vec![],
            decls: vec![],
            go_version: None,
            expr_count: 0,
            line_bases,
            linknames,
        };
        return (file, conv.errors);
    };
    if let Some(recv_src) = &masked.receivers {
        if let Some(recv_tree) = parser.parse(recv_src, None) {
            conv.generic_receivers(recv_tree.root_node(), &masked.generic_methods);
        }
    }
    let root = tree.root_node();
    let structural = if root.has_error() { errors::tree_errors(&tokens, root) } else { vec![] };
    let mut file = conv.file(root, path);
    file.expr_count = conv.next_id;
    file.line_bases = line_bases;
    file.linknames = linknames;
    let mut errors = errors::merge(lexical, structural, conv.errors);
    // gc gives up on a file that does not start with its package clause.
    if let Some(first) = tokens.iter().find(|t| t.kind != errors::TokKind::Semi) {
        if !(first.kind == errors::TokKind::Keyword && first.text == "package") {
            let msg = "syntax error: package statement must be first".to_string();
            errors = vec![SyntaxError { pos: first.pos, msg }];
        }
    }
    (file, errors)
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
    receivers: std::collections::HashMap<usize, ast::Field>,
}

impl<'s> Converter<'s> {
    fn new(src: &'s str) -> Self {
        Converter { src, next_id: 0, errors: vec![], depth: 0, depth_reported: false, receivers: Default::default() }
    }

    /// Converts the receivers of generic methods from the parse that kept them (see [`mask`]).
    fn generic_receivers(&mut self, root: Node, methods: &[mask::GenericMethod]) {
        for c in children(root) {
            let Some(m) = methods.iter().find(|m| m.func_offset == c.start_byte()) else { continue };
            if c.kind() != "method_declaration" {
                continue;
            }
            if let Some(r) = c.child_by_field_name("receiver") {
                if let Some(f) = self.params(r).into_iter().next() {
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
                self.error(at, "syntax error: exceeded max nesting depth".to_string());
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
        ast::Ident { name: self.text(n).to_string(), pos: pos(n) }
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
