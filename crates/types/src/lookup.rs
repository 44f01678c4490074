//! Field and method lookup through embedding (go/types' `lookup.go` and `methodset.go`).

use crate::object::ObjId;
use crate::predicates::MAX_DEPTH;
use crate::ty::{Type, TypeId};
use crate::{Ctx, Selection, SelectionKind};

/// What a failed lookup found instead (for error messages).
#[derive(Clone, Debug)]
pub enum LookupFailure {
    NotFound,
    /// Several candidates at the same embedding depth.
    Ambiguous,
    /// A method with a pointer receiver on a value that is not addressable.
    PointerReceiver(Selection),
}

fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}

impl Ctx {
    /// Looks up field or method `name` in `t` as `x.name` would with `x` of type `t`
    /// (go/types' `LookupFieldOrMethod`). `pkg` is the path of the package the selector is
    /// written in (unexported names only match in their own package). A method with a pointer
    /// receiver on a non-addressable value of non-pointer type is not found.
    pub fn lookup_field_or_method(&self, t: TypeId, addressable: bool, pkg: &str, name: &str) -> Option<Selection> {
        self.lookup_detailed(t, addressable, pkg, name).ok()
    }

    /// [`Ctx::lookup_field_or_method`] with the reason for a failure.
    pub fn lookup_detailed(
        &self,
        t: TypeId,
        addressable: bool,
        pkg: &str,
        name: &str,
    ) -> Result<Selection, LookupFailure> {
        if name == "_" {
            return Err(LookupFailure::NotFound);
        }
        // A named pointer type `type P *T` has no methods, only T's fields.
        let mut start = t;
        let mut is_ptr = false;
        if let Type::Pointer(e) = self.ty(t) {
            start = *e;
            is_ptr = true;
        } else if let Type::Named(_) = self.ty(t) {
            if let Type::Pointer(e) = self.ty(self.underlying(t)) {
                let r = self.lookup_rec(*e, pkg, name, true)?;
                if r.kind != SelectionKind::FieldVal {
                    return Err(LookupFailure::NotFound);
                }
                return Ok(Selection { recv: t, ..r });
            }
        }
        // A pointer to an interface has no methods (go/types' `lookupFieldOrMethodImpl`).
        if is_ptr && self.is_interface(start) {
            return Err(LookupFailure::NotFound);
        }
        if let Type::TypeParam(_) = self.ty(start) {
            // Methods of a type parameter come from its constraint; fields from its core type.
            if let Type::TypeParam(tp) = self.ty(start) {
                let c = tp.constraint;
                if let Ok(mut sel) = self.lookup_rec(c, pkg, name, is_ptr) {
                    sel.recv = t;
                    return Ok(sel);
                }
                if let Some(core) = self.core_type(start) {
                    let mut sel = self.lookup_rec(core, pkg, name, is_ptr)?;
                    if sel.kind == SelectionKind::FieldVal {
                        sel.recv = t;
                        return Ok(sel);
                    }
                }
            }
            return Err(LookupFailure::NotFound);
        }
        let mut sel = self.lookup_rec(start, pkg, name, is_ptr)?;
        sel.recv = t;
        if sel.kind == SelectionKind::MethodVal && !sel.indirect && !addressable {
            if let Some(sig) = self.obj(sel.obj).ty {
                if let Type::Signature(s) = self.ty(sig) {
                    if let Some(r) = &s.recv {
                        if matches!(self.ty(r.ty), Type::Pointer(_)) {
                            return Err(LookupFailure::PointerReceiver(sel));
                        }
                    }
                }
            }
        }
        Ok(sel)
    }

    fn name_matches(&self, have: &str, have_pkg: &str, name: &str, pkg: &str) -> bool {
        have == name && (is_exported(name) || have_pkg == pkg || have_pkg.is_empty())
    }

    /// Breadth-first search through embedded fields, one depth level at a time.
    fn lookup_rec(&self, start: TypeId, pkg: &str, name: &str, is_ptr: bool) -> Result<Selection, LookupFailure> {
        // (type, index path, indirect)
        let mut current: Vec<(TypeId, Vec<usize>, bool)> = vec![(start, vec![], is_ptr)];
        let mut seen: Vec<TypeId> = Vec::new();
        let mut depth = 0;
        while !current.is_empty() && depth < MAX_DEPTH {
            depth += 1;
            let mut next = Vec::new();
            let mut found: Option<Selection> = None;
            let mut count = 0;
            for (typ, path, indirect) in current {
                let mut typ = typ;
                if let Type::Named(n) = self.ty(typ) {
                    if seen.contains(&typ) {
                        continue;
                    }
                    seen.push(typ);
                    let methods = match n.origin {
                        Some(o) => match self.ty(o) {
                            Type::Named(on) => on.methods.clone(),
                            _ => vec![],
                        },
                        None => n.methods.clone(),
                    };
                    if let Some(i) = methods.iter().position(|&m| {
                        let o = self.obj(m);
                        self.name_matches(&o.name, &o.pkg, name, pkg)
                    }) {
                        count += 1;
                        let mut index = path.clone();
                        index.push(i);
                        found = Some(Selection {
                            kind: SelectionKind::MethodVal,
                            recv: start,
                            obj: methods[i],
                            index,
                            indirect,
                        });
                        continue;
                    }
                    typ = self.underlying(typ);
                }
                match self.ty(typ) {
                    Type::Struct(fields) => {
                        for (i, f) in fields.iter().enumerate() {
                            if self.name_matches(&f.name, &f.pkg, name, pkg) {
                                count += 1;
                                let mut index = path.clone();
                                index.push(i);
                                let obj = f.obj.unwrap_or(ObjId(u32::MAX));
                                found = Some(Selection {
                                    kind: SelectionKind::FieldVal,
                                    recv: start,
                                    obj,
                                    index,
                                    indirect,
                                });
                                continue;
                            }
                            if found.is_none() && f.embedded {
                                let (et, ptr) = match self.ty(f.ty) {
                                    Type::Pointer(e) => (*e, true),
                                    _ => (f.ty, false),
                                };
                                let mut index = path.clone();
                                index.push(i);
                                next.push((et, index, indirect || ptr));
                            }
                        }
                    }
                    Type::Interface(_) => {
                        let ms = self.interface_methods(typ);
                        if let Some(i) = ms.iter().position(|m| self.name_matches(&m.name, &m.pkg, name, pkg)) {
                            count += 1;
                            let mut index = path.clone();
                            index.push(i);
                            let obj = ms[i].obj.unwrap_or(ObjId(u32::MAX));
                            found =
                                Some(Selection { kind: SelectionKind::MethodVal, recv: start, obj, index, indirect });
                        }
                    }
                    _ => {}
                }
            }
            if count > 1 {
                return Err(LookupFailure::Ambiguous);
            }
            if let Some(f) = found {
                return Ok(f);
            }
            current = next;
        }
        Err(LookupFailure::NotFound)
    }

    /// The method set of `t` (go/types' `NewMethodSet`): each method with its selection,
    /// sorted by name. For a non-pointer, non-interface `t`, methods with pointer receivers
    /// are excluded.
    pub fn method_set(&self, t: TypeId) -> Vec<Selection> {
        let mut names: Vec<(String, String)> = Vec::new();
        let collect = |ty: TypeId, names: &mut Vec<(String, String)>, ctx: &Ctx| {
            let mut todo = vec![(ty, 0u32)];
            while let Some((ty, d)) = todo.pop() {
                if d > 20 {
                    continue;
                }
                let mut ty = ty;
                if let Type::Pointer(e) = ctx.ty(ty) {
                    ty = *e;
                }
                if let Type::Named(n) = ctx.ty(ty) {
                    let ms = match n.origin.map(|o| ctx.ty(o)) {
                        Some(Type::Named(on)) => on.methods.clone(),
                        _ => n.methods.clone(),
                    };
                    for m in ms {
                        let o = ctx.obj(m);
                        names.push((o.name.clone(), o.pkg.clone()));
                    }
                }
                let u = ctx.underlying(ty);
                match ctx.ty(u) {
                    Type::Struct(fs) => {
                        for f in fs.iter().filter(|f| f.embedded) {
                            todo.push((f.ty, d + 1));
                        }
                    }
                    Type::Interface(_) => {
                        for m in ctx.interface_methods(u) {
                            names.push((m.name, m.pkg));
                        }
                    }
                    _ => {}
                }
            }
        };
        collect(t, &mut names, self);
        names.sort();
        names.dedup();
        let mut out = Vec::new();
        for (n, p) in names {
            if let Ok(sel) = self.lookup_detailed(t, false, &p, &n) {
                if sel.kind == SelectionKind::MethodVal {
                    out.push(sel);
                }
            }
        }
        out
    }
}
