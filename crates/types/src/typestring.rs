//! Printing types as go/types' `TypeString` does, with names qualified by package name except
//! for the package being reported on (gc's own messages qualify by name, not path).

use rustc_hash::FxHashSet as HashSet;

use crate::predicates::MAX_DEPTH;
use crate::ty::{ChanDir, Type, TypeId};
use crate::Ctx;

/// Whose names print unqualified (`pkg`, an import path), and which packages print as their
/// quoted path.
#[derive(Clone, Copy)]
struct Qualifier<'q> {
    pkg: &'q str,
    quoted: &'q HashSet<String>,
}

impl Ctx {
    /// `t` as go/types prints it; named types of package `qualifier_pkg` (an import path) are
    /// unqualified, others are qualified by their package's name.
    pub fn type_string(&self, t: TypeId, qualifier_pkg: &str) -> String {
        self.type_string_quoting(t, qualifier_pkg, &HashSet::default())
    }

    /// [`Ctx::type_string`], with the named types of the packages in `quoted` qualified by
    /// their quoted import path (`"sync".Mutex`), as types2's checker does for a package name
    /// that more than one package of the import graph carries.
    pub fn type_string_quoting(&self, t: TypeId, qualifier_pkg: &str, quoted: &HashSet<String>) -> String {
        let mut out = String::new();
        self.write_type(&mut out, t, Qualifier { pkg: qualifier_pkg, quoted }, 0);
        out
    }

    fn write_type(&self, out: &mut String, t: TypeId, q: Qualifier, depth: u32) {
        if depth > MAX_DEPTH {
            out.push_str("...");
            return;
        }
        let d = depth + 1;
        if let Some(Type::Alias { obj, .. }) = self.types.get(t.0 as usize) {
            self.write_type_name(out, *obj, q);
            return;
        }
        if t == self.any_type && !self.types.is_empty() && t.0 != 0 {
            out.push_str("any");
            return;
        }
        match self.ty(t) {
            Type::Basic(b) => out.push_str(self.basic_name(t, *b)),
            Type::Pointer(e) => {
                out.push('*');
                self.write_type(out, *e, q, d);
            }
            Type::Slice(e) => {
                out.push_str("[]");
                self.write_type(out, *e, q, d);
            }
            Type::Array(n, e) => {
                out.push_str(&format!("[{n}]"));
                self.write_type(out, *e, q, d);
            }
            Type::Map(k, v) => {
                out.push_str("map[");
                self.write_type(out, *k, q, d);
                out.push(']');
                self.write_type(out, *v, q, d);
            }
            Type::Chan(dir, e) => {
                let paren = *dir == ChanDir::Both && matches!(self.ty(*e), Type::Chan(ChanDir::Recv, _));
                out.push_str(match dir {
                    ChanDir::Both => "chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Recv => "<-chan ",
                });
                if paren {
                    out.push('(');
                }
                self.write_type(out, *e, q, d);
                if paren {
                    out.push(')');
                }
            }
            Type::Struct(fields) => {
                out.push_str("struct{");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    if !f.embedded {
                        out.push_str(&f.name);
                        out.push(' ');
                    }
                    self.write_type(out, f.ty, q, d);
                    if !f.tag.is_empty() {
                        out.push(' ');
                        out.push_str(&go_quote(&f.tag));
                    }
                }
                out.push('}');
            }
            Type::Signature(_) => {
                out.push_str("func");
                self.write_signature(out, t, q, d);
            }
            Type::Interface(i) => {
                if t == self.any_type {
                    out.push_str("any");
                    return;
                }
                if i.implicit && i.methods.is_empty() && !i.comparable && i.embeddeds.len() + i.unions.len() == 1 {
                    // An implicit interface prints as its one element.
                    if let Some(&e) = i.embeddeds.first() {
                        self.write_type(out, e, q, d);
                    }
                    if let Some(u) = i.unions.first() {
                        self.write_terms(out, u, q, d);
                    }
                    return;
                }
                out.push_str("interface{");
                let mut first = true;
                let mut sep = |out: &mut String| {
                    if !first {
                        out.push_str("; ");
                    }
                    first = false;
                };
                if i.comparable {
                    sep(out);
                    out.push_str("comparable");
                }
                for m in &i.methods {
                    sep(out);
                    out.push_str(&m.name);
                    self.write_signature(out, m.sig, q, d);
                }
                for &e in &i.embeddeds {
                    sep(out);
                    self.write_type(out, e, q, d);
                }
                for u in &i.unions {
                    sep(out);
                    self.write_terms(out, u, q, d);
                }
                out.push('}');
            }
            Type::Tuple(ts, names) => {
                out.push('(');
                for (i, &e) in ts.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if let Some(name) = names.get(i).filter(|n| !n.is_empty()) {
                        out.push_str(name);
                        out.push(' ');
                    }
                    self.write_type(out, e, q, d);
                }
                out.push(')');
            }
            Type::Named(n) => {
                self.write_type_name(out, n.obj, q);
                if n.type_args.is_empty() && !n.type_params.is_empty() {
                    // A generic type itself (not an instance) shows its type parameters.
                    self.write_type_params(out, &n.type_params, q, d);
                } else if !n.type_args.is_empty() {
                    out.push('[');
                    for (i, &a) in n.type_args.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        self.write_type(out, a, q, d);
                    }
                    out.push(']');
                }
            }
            Type::TypeParam(tp) => out.push_str(&self.obj(tp.obj).name),
            Type::Union(terms) => self.write_terms(out, terms, q, d),
            Type::Alias { obj, .. } => self.write_type_name(out, *obj, q),
        }
    }

    /// The type go/types records for an expression: `tv.ty`, or the tuple `(ty, ok)` of a
    /// comma-ok expression used for two values (see [`crate::TypeAndValue::comma_ok`]).
    pub fn recorded_type_string(&self, tv: &crate::TypeAndValue, qualifier_pkg: &str) -> String {
        let ty = tv.alias_ty.unwrap_or(tv.ty);
        match tv.comma_ok {
            None => self.type_string(ty, qualifier_pkg),
            Some(ok) => format!("({}, {})", self.type_string(ty, qualifier_pkg), self.type_string(ok, qualifier_pkg)),
        }
    }

    /// A type's name, qualified by its package's name outside that package.
    fn write_type_name(&self, out: &mut String, obj: crate::ObjId, q: Qualifier) {
        let o = self.obj(obj);
        if !o.pkg.is_empty() && o.pkg != q.pkg {
            if q.quoted.contains(&o.pkg) {
                out.push_str(&format!("{:?}.", o.pkg));
                out.push_str(&o.name);
                return;
            }
            let name = self
                .packages
                .get(&o.pkg)
                .map(|p| p.name.as_str())
                .unwrap_or_else(|| o.pkg.rsplit('/').next().unwrap_or(&o.pkg));
            out.push_str(name);
            out.push('.');
        }
        out.push_str(&o.name);
    }

    /// The terms of a union, `~int | string`.
    fn write_terms(&self, out: &mut String, terms: &[crate::ty::Term], q: Qualifier, d: u32) {
        for (j, term) in terms.iter().enumerate() {
            if j > 0 {
                out.push_str(" | ");
            }
            if term.tilde {
                out.push('~');
            }
            self.write_type(out, term.ty, q, d);
        }
    }

    /// A type parameter list, `[K comparable, V any]`: consecutive parameters with the same
    /// constraint share it, `[K, V any]` (go/types' `tParamList`).
    fn write_type_params(&self, out: &mut String, tparams: &[TypeId], q: Qualifier, d: u32) {
        let constraint = |tp: TypeId| match self.ty(tp) {
            Type::TypeParam(p) => Some(p.constraint),
            _ => None,
        };
        out.push('[');
        for (i, &tp) in tparams.iter().enumerate() {
            if i > 0 {
                let prev = constraint(tparams[i - 1]);
                if prev != constraint(tp) {
                    if let Some(c) = prev {
                        out.push(' ');
                        self.write_type(out, c, q, d);
                    }
                }
                out.push_str(", ");
            }
            self.write_type(out, tp, q, d);
        }
        if let Some(c) = tparams.last().and_then(|&tp| constraint(tp)) {
            out.push(' ');
            self.write_type(out, c, q, d);
        }
        out.push(']');
    }

    /// `(params) results` of a signature type.
    fn write_signature(&self, out: &mut String, t: TypeId, q: Qualifier, d: u32) {
        let Type::Signature(s) = self.ty(t) else {
            out.push_str("()");
            return;
        };
        if !s.type_params.is_empty() {
            self.write_type_params(out, &s.type_params, q, d);
        }
        out.push('(');
        for (i, p) in s.params.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if !p.name.is_empty() {
                out.push_str(&p.name);
                out.push(' ');
            }
            if s.variadic && i == s.params.len() - 1 {
                match self.ty(p.ty) {
                    Type::Slice(e) => {
                        out.push_str("...");
                        self.write_type(out, *e, q, d);
                    }
                    // `append(b, "s"...)`: the string parameter prints as `string...`.
                    _ => {
                        self.write_type(out, p.ty, q, d);
                        out.push_str("...");
                    }
                }
            } else {
                self.write_type(out, p.ty, q, d);
            }
        }
        out.push(')');
        if s.results.is_empty() {
            return;
        }
        out.push(' ');
        if s.results.len() == 1 && s.results[0].name.is_empty() {
            self.write_type(out, s.results[0].ty, q, d);
            return;
        }
        out.push('(');
        for (i, p) in s.results.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if !p.name.is_empty() {
                out.push_str(&p.name);
                out.push(' ');
            }
            self.write_type(out, p.ty, q, d);
        }
        out.push(')');
    }
}

/// `strconv.Quote` for struct tags: Go escapes for quotes, backslashes and control characters
/// (other characters are taken as printable).
fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
