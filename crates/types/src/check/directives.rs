//! What gc's noder checks of `//go:linkname` directives once the package type-checks
//! (`pkgWriter.collectDecls`): the file must import `unsafe`, the remote name must not be an
//! instantiation, and the local name must be a package-level function or variable named by one
//! directive only.

use super::Checker;
use crate::object::ObjKind;

impl Checker<'_> {
    /// Reports the directives gc refuses; returns the local names of those it accepts.
    pub(super) fn linkname_directives(&mut self) -> rustc_hash::FxHashSet<String> {
        let mut named = rustc_hash::FxHashSet::default();
        let mut accepted = rustc_hash::FxHashSet::default();
        let mut found = Vec::new();
        for (fi, file) in self.files.iter().enumerate() {
            let imports_unsafe = file.imports.iter().any(|i| i.path == "unsafe");
            for l in &file.linknames {
                let directive = if l.std { "go:linknamestd" } else { "go:linkname" };
                let msg = if !imports_unsafe {
                    format!("//{directive} only allowed in Go files that import \"unsafe\"")
                } else if l.remote.as_deref().is_some_and(|r| r.contains('[') && r.contains(']')) {
                    format!("//{directive} reference of an instantiation is not allowed")
                } else {
                    match self.pkg_scope.get(&l.local).map(|&o| (o, &self.ctx.obj(o).kind)) {
                        Some((o, ObjKind::Func | ObjKind::Var { .. })) => {
                            if named.insert(o) {
                                accepted.insert(l.local.clone());
                                continue;
                            }
                            format!("duplicate //{directive} for {}", l.local)
                        }
                        _ => format!("//{directive} must refer to declared function or variable"),
                    }
                };
                found.push((fi as u32, l.pos, msg));
            }
        }
        for (f, pos, msg) in found {
            self.error_at(f, pos, msg);
        }
        accepted
    }
}
