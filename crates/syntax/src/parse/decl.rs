//! The file: package clause, imports, top-level declarations, pragmas and `//go:build`.
//!
//! Pragmas are the directive comments (`//go:...`, `//goescape:...`, each alone on its line)
//! that appear after the previous top-level declaration and before a function; gc attaches
//! them to that function the same way. Constant groups are numbered here (`iota`), and a
//! constant spec without type and values gets a fresh-id copy of the last one that had values.

use super::{field_all, named, pos, token_pos, Converter};
use crate::ast::{self, Decl, Expr, FuncDecl, ImportSpec, Pos, TypeSpec, ValueSpec};
use tree_sitter::Node;

impl Converter<'_> {
    pub(crate) fn file(&mut self, root: Node, path: &std::path::Path) -> ast::File {
        let mut package = None;
        let mut imports = vec![];
        let mut decls = vec![];
        let mut go_version = None;
        let mut pragmas: Vec<String> = vec![];
        let mut cursor = root.walk();
        let kids: Vec<Node> = root.children(&mut cursor).collect();
        for c in kids {
            match c.kind() {
                "comment" => {
                    let text = self.text(c);
                    if package.is_none() && go_version.is_none() {
                        if let Some(expr) = text.strip_prefix("//go:build") {
                            if expr.is_empty() || expr.starts_with([' ', '\t']) {
                                go_version = super::build_constraint_go_version(expr);
                            }
                        }
                    }
                    if let Some(p) = self.directive(c) {
                        pragmas.push(p);
                    }
                }
                "package_clause" => {
                    if package.is_some() {
                        // gc's parser reads a second clause as a statement.
                        let msg = "syntax error: non-declaration statement outside function body";
                        self.error(pos(c), msg.into());
                    } else if let Some(name) = named(c).first() {
                        package = Some(self.ident(*name));
                    }
                    pragmas.clear();
                }
                "import_declaration" => {
                    if !decls.is_empty() {
                        let msg = "syntax error: imports must appear before other declarations";
                        self.error(pos(c), msg.into());
                    }
                    for spec in import_specs(c) {
                        let name = spec.child_by_field_name("name").map(|n| self.ident(n));
                        let path = spec
                            .child_by_field_name("path")
                            .map(|p| super::unquote(self.text(p)).unwrap_or_default())
                            .unwrap_or_default();
                        imports.push(ImportSpec { name, path, pos: pos(spec) });
                    }
                    pragmas.clear();
                }
                "function_declaration" | "method_declaration" => {
                    decls.push(Decl::Func(self.func_decl(c, std::mem::take(&mut pragmas))));
                }
                "var_declaration" | "const_declaration" | "type_declaration" => {
                    if let Some(d) = self.gen_decl(c) {
                        decls.push(d);
                    }
                    pragmas.clear();
                }
                ";" | "ERROR" => {}
                _ if c.is_named() && !c.is_missing() => {
                    let after_bodyless_func = c.kind() == "block"
                        && c.prev_named_sibling().is_some_and(|f| {
                            matches!(f.kind(), "function_declaration" | "method_declaration")
                                && f.child_by_field_name("body").is_none()
                        });
                    let msg = if after_bodyless_func {
                        "syntax error: unexpected semicolon or newline before {"
                    } else {
                        "syntax error: non-declaration statement outside function body"
                    };
                    self.error(pos(c), msg.into());
                    pragmas.clear();
                }
                _ => {}
            }
        }
        let package = package.unwrap_or_else(|| ast::Ident { name: String::new(), pos: Pos::new(1, 1) });
        ast::File {
            path: path.to_path_buf(),
            package,
            imports,
            decls,
            go_version,
            expr_count: 0,
            line_bases: Vec::new(),
            linknames: Vec::new(),
            incomplete: false,
        }
    }

    /// The directive in a comment alone on its line (`go:...`, `goescape:...`), without `//`.
    fn directive(&self, c: Node) -> Option<String> {
        let text = self.text(c);
        let body = text.strip_prefix("//")?;
        if !(body.starts_with("go:") || body.starts_with("goescape:")) {
            return None;
        }
        let line_start = self.src[..c.start_byte()].rfind('\n').map(|i| i + 1).unwrap_or(0);
        if !self.src[line_start..c.start_byte()].trim().is_empty() {
            return None;
        }
        Some(body.trim_end().to_string())
    }

    fn func_decl(&mut self, n: Node, pragmas: Vec<String>) -> FuncDecl {
        let kw = token_pos(n, "func");
        let name = match n.child_by_field_name("name") {
            Some(x) => self.ident(x),
            None => ast::Ident { name: "_".into(), pos: kw },
        };
        let mut pos = name.pos;
        let recv = match n.child_by_field_name("receiver") {
            Some(r) => {
                pos = crate::parse::pos(r);
                let mut recv = self.params(r);
                self.drop_misplaced_dots(&mut recv, false);
                recv.into_iter().next()
            }
            None => self.receivers.remove(&n.start_byte()),
        };
        let type_params = self.type_params(n.child_by_field_name("type_parameters"));
        let ty = self.func_type(n, kw);
        let body = n.child_by_field_name("body").map(|b| self.block(b));
        FuncDecl { pos, recv, name, type_params, ty, body, pragmas }
    }

    pub(crate) fn var_specs(&mut self, n: Node) -> Vec<ValueSpec> {
        let mut specs = vec![];
        for s in spec_nodes(n, "var_spec") {
            let names = field_all(s, "name").into_iter().map(|x| self.ident(x)).collect();
            let ty = self.opt_expr(s.child_by_field_name("type"));
            let values = match s.child_by_field_name("value") {
                Some(v) => self.expr_list(v),
                None => vec![],
            };
            specs.push(ValueSpec { names, ty, values, iota: 0, implicit: false });
        }
        specs
    }

    pub(crate) fn const_specs(&mut self, n: Node) -> Vec<ValueSpec> {
        let mut specs = vec![];
        let mut last: Option<(Option<Expr>, Vec<Expr>)> = None;
        for (i, s) in spec_nodes(n, "const_spec").into_iter().enumerate() {
            let names = field_all(s, "name").into_iter().map(|x| self.ident(x)).collect();
            let ty = self.opt_expr(s.child_by_field_name("type"));
            let values = match s.child_by_field_name("value") {
                Some(v) => self.expr_list(v),
                None => vec![],
            };
            let iota = i as u32;
            if ty.is_none() && values.is_empty() {
                if let Some((lty, lvals)) = &last {
                    let ty = lty.as_ref().map(|t| self.refresh_ids(t));
                    let values = lvals.iter().map(|v| self.refresh_ids(v)).collect();
                    specs.push(ValueSpec { names, ty, values, iota, implicit: true });
                    continue;
                }
            }
            if !values.is_empty() {
                last = Some((ty.clone(), values.clone()));
            }
            specs.push(ValueSpec { names, ty, values, iota, implicit: false });
        }
        specs
    }

    pub(crate) fn type_specs(&mut self, n: Node) -> Vec<TypeSpec> {
        let mut specs = vec![];
        for s in named(n) {
            let alias = match s.kind() {
                "type_spec" => false,
                "type_alias" => true,
                _ => continue,
            };
            let Some(name) = s.child_by_field_name("name") else { continue };
            let name = self.ident(name);
            let type_params = self.type_params(s.child_by_field_name("type_parameters"));
            let ty = match s.child_by_field_name("type") {
                Some(t) => self.expr(t),
                None => self.bad(name.pos),
            };
            specs.push(TypeSpec { name, type_params, alias, ty });
        }
        specs
    }
}

/// The specs of a declaration, looking through a parenthesized `*_spec_list`.
fn spec_nodes<'t>(n: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    let mut out = vec![];
    for c in named(n) {
        if c.kind() == kind {
            out.push(c);
        } else if c.kind().ends_with("_spec_list") {
            out.extend(named(c).into_iter().filter(|s| s.kind() == kind));
        }
    }
    out
}

fn import_specs(n: Node) -> Vec<Node> {
    spec_nodes(n, "import_spec")
}
