//! Collecting package-level objects and imports (go/types' `resolver.go`).

use syntax::ast::{Decl, Expr, ExprKind};

use super::{Checker, DeclInfo, Env};
use crate::object::{ObjId, ObjKind};

/// The receiver's base type name: `T` for `T`, `*T`, `T[P]`, `*T[P]`, `(T)`.
pub(super) fn recv_base_name(e: &Expr) -> Option<&str> {
    match &e.unparen().kind {
        ExprKind::Ident(n) => Some(n),
        ExprKind::Star(x) => recv_base_name(x),
        ExprKind::Index { x, .. } => recv_base_name(x),
        _ => None,
    }
}

impl<'a> Checker<'a> {
    pub(super) fn collect_objects(&mut self) {
        let files = self.files;
        for (fi, file) in files.iter().enumerate() {
            let fi32 = fi as u32;
            self.env = Env { file: fi32, ..Env::default() };
            for imp in &file.imports {
                let Some(pkg) = self.ctx.packages.get(&imp.path) else {
                    self.error_at(fi32, imp.pos, format!("could not import {} (package not found)", imp.path));
                    continue;
                };
                let pkg_name = pkg.name.clone();
                let exported: Vec<(String, ObjId)> = match imp.name.as_ref().map(|n| n.name.as_str()) {
                    Some(".") => pkg
                        .scope
                        .iter()
                        .filter(|(n, _)| n.chars().next().is_some_and(|c| c.is_uppercase()))
                        .map(|(n, &o)| (n.clone(), o))
                        .collect(),
                    _ => vec![],
                };
                let (name, pos) = match &imp.name {
                    Some(n) => (n.name.clone(), n.pos),
                    None => (pkg_name.clone(), imp.pos),
                };
                // gc reports unused imports at the import spec.
                let path_pos = imp.pos;
                let obj = self.new_obj(&name, ObjKind::PkgName(imp.path.clone()), None, pos);
                if let Some(n) = &imp.name {
                    self.record_def(n.pos, obj);
                }
                match name.as_str() {
                    "_" => {}
                    "." => {
                        // Dot imports: the package's exported objects join the file scope; the
                        // import counts as used once any of them is looked up.
                        for (n, o) in exported {
                            self.file_scopes[fi].insert(n, o);
                            self.dot_imported[fi].insert(o, obj);
                        }
                        self.imports.push((fi32, obj, path_pos));
                    }
                    _ => {
                        // The first declaration stays in scope (go/types' `Scope.Insert`).
                        if let Some(&alt) = self.file_scopes[fi].get(&name) {
                            let ao = self.ctx.obj(alt);
                            let ps = self.st_pos_string(ao.file, ao.pos);
                            self.error_at(
                                fi32,
                                pos,
                                format!("{name} redeclared in this block\n\t{ps}: other declaration of {name}"),
                            );
                        } else {
                            self.file_scopes[fi].insert(name.clone(), obj);
                        }
                        self.imports.push((fi32, obj, path_pos));
                    }
                }
            }
            for (di, decl) in file.decls.iter().enumerate() {
                match decl {
                    Decl::Const(specs) => {
                        for spec in specs {
                            for (i, n) in spec.names.iter().enumerate() {
                                let obj = self.new_obj(&n.name, ObjKind::Const(crate::Value::Unknown), None, n.pos);
                                self.record_def(n.pos, obj);
                                self.decls.insert(
                                    obj,
                                    DeclInfo::Const {
                                        file: fi32,
                                        ty: spec.ty.as_ref(),
                                        init: spec.values.get(i),
                                        iota: spec.iota,
                                    },
                                );
                                self.declare_pkg(&n.name, obj, n.pos);
                            }
                            self.arity(&spec.names, &spec.values, true, spec.implicit);
                        }
                    }
                    Decl::Var(specs) => {
                        for spec in specs {
                            let objs: Vec<ObjId> = spec
                                .names
                                .iter()
                                .map(|n| {
                                    let o = self.new_obj(
                                        &n.name,
                                        ObjKind::Var {
                                            global: true,
                                            param: false,
                                            result: false,
                                            field: false,
                                            embedded: false,
                                        },
                                        None,
                                        n.pos,
                                    );
                                    self.record_def(n.pos, o);
                                    o
                                })
                                .collect();
                            let multi = spec.values.len() == 1 && spec.names.len() > 1;
                            for (i, n) in spec.names.iter().enumerate() {
                                let init = if multi { spec.values.first() } else { spec.values.get(i) };
                                self.decls.insert(
                                    objs[i],
                                    DeclInfo::Var {
                                        file: fi32,
                                        ty: spec.ty.as_ref(),
                                        init,
                                        lhs: if multi { Some(objs.clone()) } else { None },
                                    },
                                );
                                self.declare_pkg(&n.name, objs[i], n.pos);
                            }
                            if spec.ty.is_none() || !spec.values.is_empty() {
                                self.arity(&spec.names, &spec.values, false, false);
                            }
                        }
                    }
                    Decl::Type(specs) => {
                        for spec in specs {
                            let obj = self.new_obj(
                                &spec.name.name,
                                ObjKind::TypeName { alias: spec.alias },
                                None,
                                spec.name.pos,
                            );
                            self.record_def(spec.name.pos, obj);
                            self.decls.insert(obj, DeclInfo::Type { file: fi32, spec });
                            self.declare_pkg(&spec.name.name, obj, spec.name.pos);
                        }
                    }
                    Decl::Func(fd) => {
                        let obj = self.new_obj(&fd.name.name, ObjKind::Func, None, fd.name.pos);
                        {
                            let o = &mut self.ctx.objects[obj.0 as usize];
                            o.decl = Some((fi32, di as u32));
                            o.pragmas = fd.pragmas.clone();
                        }
                        self.record_def(fd.name.pos, obj);
                        self.decls.insert(obj, DeclInfo::Func { file: fi32, decl: fd });
                        match &fd.recv {
                            Some(r) => {
                                if let Some(base) = recv_base_name(&r.ty) {
                                    self.methods.entry(base.to_string()).or_default().push(obj);
                                }
                                self.decl_order.push(obj);
                            }
                            None => {
                                let n = &fd.name.name;
                                if n == "init" || (n == "main" && self.name == "main") {
                                    if !fd.type_params.is_empty()
                                        || !fd.ty.params.is_empty()
                                        || !fd.ty.results.is_empty()
                                    {
                                        self.error_at(
                                            fi32,
                                            fd.name.pos,
                                            format!("func {n} must have no arguments and no return values"),
                                        );
                                    }
                                }
                                if n == "init" {
                                    self.decl_order.push(obj);
                                    if fd.body.is_none() && !self.opts.ignore_missing_bodies {
                                        self.error_at(fi32, fd.name.pos, "missing function body".into());
                                    }
                                } else {
                                    self.declare_pkg(n, obj, fd.name.pos);
                                }
                            }
                        }
                    }
                }
            }
        }
        // Package-level names must not clash with imports.
        for (fi, fs) in self.file_scopes.clone().iter().enumerate() {
            for (name, &o) in fs {
                if let ObjKind::PkgName(path) = &self.ctx.obj(o).kind {
                    if let Some(&p) = self.pkg_scope.get(name) {
                        let pos = self.ctx.obj(p).pos;
                        let pf = self.ctx.obj(p).file;
                        let pkgname = self.ctx.packages.get(path).map(|p| p.name.clone()).unwrap_or_default();
                        let ip = self.st_pos_string(fi as u32, self.ctx.obj(o).pos);
                        let msg = format!(
                            "{name} already declared through import of package {pkgname} ({path:?})\n\t{ip}: other declaration of {name}"
                        );
                        self.error_at(pf, pos, msg);
                    }
                }
            }
        }
        self.env = Env::default();
    }

    fn declare_pkg(&mut self, name: &str, obj: ObjId, pos: syntax::Pos) {
        self.decl_order.push(obj);
        if name == "_" {
            return;
        }
        if let Some(&alt) = self.pkg_scope.get(name) {
            let f = self.env.file;
            let ao = self.ctx.obj(alt);
            let ps = self.st_pos_string(ao.file, ao.pos);
            self.error_at(f, pos, format!("{name} redeclared in this block\n\t{ps}: other declaration of {name}"));
            return;
        }
        self.pkg_scope.insert(name.to_string(), obj);
    }

    /// Type-checks every package-level object: types first (so that methods and constants
    /// see complete types), then everything else in source order.
    pub(super) fn package_objects(&mut self) {
        let order = self.decl_order.clone();
        for &o in &order {
            if matches!(self.ctx.obj(o).kind, ObjKind::TypeName { alias: false }) {
                self.obj_decl(o);
            }
        }
        for &o in &order {
            if matches!(self.ctx.obj(o).kind, ObjKind::TypeName { alias: true }) {
                self.obj_decl(o);
            }
        }
        for &o in &order {
            self.obj_decl(o);
        }
    }
}
