//! How gc prints nodes and types in diagnostics (`cmd/compile/internal/ir/fmt.go`,
//! `types/fmt.go`, and `go/constant`'s `String` methods for literal values).

use super::Lowerer;
use types::{BasicKind, ChanDir, Type, Value};

/// gc's operator precedences (`ir.OpPrec`) for the node shapes we print.
pub(crate) mod prec {
    pub const ATOM: u8 = 8;
    pub const UNARY: u8 = 7;
    pub const MUL: u8 = 6;
    pub const ADD: u8 = 5;
    pub const CMP: u8 = 4;
    pub const ANDAND: u8 = 2;
    pub const OROR: u8 = 1;
}

/// A rendered node: its text and gc's precedence for it.
#[derive(Clone, Debug)]
pub(crate) struct Text {
    pub s: String,
    pub prec: u8,
}

impl Text {
    pub fn atom(s: impl Into<String>) -> Text {
        Text { s: s.into(), prec: prec::ATOM }
    }
    pub fn new(s: impl Into<String>, prec: u8) -> Text {
        Text { s: s.into(), prec }
    }
    /// The text as an operand of a node of precedence `p` (parenthesized when weaker).
    pub fn at(&self, p: u8) -> String {
        if self.prec < p {
            format!("({})", self.s)
        } else {
            self.s.clone()
        }
    }
}

pub(crate) fn binary_prec(op: &str) -> u8 {
    match op {
        "*" | "/" | "%" | "<<" | ">>" | "&" | "&^" => prec::MUL,
        "+" | "-" | "|" | "^" => prec::ADD,
        "==" | "!=" | "<" | "<=" | ">" | ">=" => prec::CMP,
        "&&" => prec::ANDAND,
        "||" => prec::OROR,
        _ => prec::ATOM,
    }
}

impl Lowerer<'_> {
    /// A type as gc prints it in diagnostics: local named types unqualified, others qualified by
    /// package name, `interface {}` with a space, `byte` and `rune` kept as written.
    pub(crate) fn gc_type_string(&self, t: types::TypeId) -> String {
        let mut out = String::new();
        self.write_type(&mut out, t, 0);
        out
    }

    /// A type as gc's `LinkString` spells it, which names shapes and dictionaries: named types
    /// and unexported struct fields qualified by full package path (`[]*example.com/m.P`).
    pub(crate) fn link_type_string(&self, t: types::TypeId) -> String {
        let mut out = String::new();
        self.write_type_in(&mut out, t, 0, true);
        out
    }

    /// A type recorded by the checker, as gc prints it in the body being lowered: in a
    /// stenciled copy of a generic function, type parameters are replaced by their shapes
    /// (`[]go.shape.int`, `Pair[go.shape.string,go.shape.*uint8]`).
    pub(crate) fn shaped_type_string(&self, raw: types::TypeId) -> String {
        let mut out = String::new();
        self.write_type(&mut out, raw, 0);
        out
    }

    /// How gc prints the type of expression `e` in the body being lowered.
    pub(crate) fn shown_type_of(&self, e: &syntax::ast::Expr) -> String {
        self.shaped_type_string(self.raw_type_of(e))
    }

    /// The type the checker recorded for `e`, before the current instance's substitution.
    pub(crate) fn raw_type_of(&self, e: &syntax::ast::Expr) -> types::TypeId {
        match self.fi().types.get(&e.id) {
            Some(tv) => tv.ty,
            None => self.invalid_type(),
        }
    }

    /// A shape's name: `go.shape.` and the link string of its underlying type `under`, read
    /// while `source` (the type argument the shape was first made for) is being read.
    fn shape_text(&self, source: Option<types::TypeId>, under: types::TypeId) -> String {
        let origin = source.and_then(|s| self.origin_of(s));
        if let Some(o) = origin {
            self.reading.borrow_mut().push(o);
        }
        let link = self.link_type_string(under);
        let name = bounded_shape_name(link, self.out.rules.long_shape_names);
        let text = format!("go.shape.{name}");
        if origin.is_some() {
            self.reading.borrow_mut().pop();
        }
        text
    }

    /// The generic type a (pointer to an) instance instantiates.
    fn origin_of(&self, t: types::TypeId) -> Option<types::TypeId> {
        match &self.ctx.types[t.0 as usize] {
            Type::Named(n) => n.origin,
            _ => None,
        }
    }

    /// Whether `t` is a shape already: a shape type, or a type parameter standing for one.
    fn is_shape_like(&self, t: types::TypeId) -> bool {
        match &self.ctx.types[t.0 as usize] {
            Type::TypeParam(_) => self.shape_of_param(t).is_some(),
            Type::Named(n) => self.obj(n.obj).pkg == super::generic::SHAPE_PKG,
            _ => false,
        }
    }

    /// Whether instance `t` is one whose underlying type is being read (gc's `TFORW`).
    fn being_read(&self, t: types::TypeId) -> bool {
        self.origin_of(t).is_some_and(|o| self.reading.borrow().contains(&o))
    }

    /// The shape type the current instance binds type parameter `tp` to.
    fn shape_of_param(&self, tp: types::TypeId) -> Option<types::TypeId> {
        let inst = &self.instances.list[self.cur_inst?];
        let i = inst.bindings.iter().position(|&(p, _)| p == tp)?;
        inst.shapes.get(i).copied()
    }

    /// gc's `noder.Shapify`, by name: the shape standing for type argument `targ` (as the
    /// checker recorded it, so it may mention the current instance's type parameters, which
    /// stand for their shapes) of a type parameter with constraint `constraint`. It is named
    /// after the underlying type; any pointer instantiating a basic (method-only) constraint has
    /// the shape `*uint8`. A link string longer than gc's `-d=maxshapelen` (500) is replaced by
    /// its hash, as gc bounds symbol names for large structs.
    pub(crate) fn shape_name(&self, targ: types::TypeId, constraint: types::TypeId) -> String {
        let targ = match &self.ctx.types[targ.0 as usize] {
            Type::TypeParam(_) => self.shape_of_param(targ).unwrap_or(targ),
            _ => targ,
        };
        let u = self.ctx.underlying(targ);
        if let Type::Pointer(elem) = self.ctx.types[u.0 as usize] {
            if super::generic::is_basic_interface(self.ctx, constraint, 0) {
                // gc 1.25 and 1.26 keep a pointer to a type that mentions shapes as it is.
                let mentions_shapes = |e| {
                    !self.is_shape_like(e)
                        && super::generic::has_shape(self.ctx, e, &|p| self.shape_of_param(p).is_some(), 0)
                };
                if self.out.rules.pointers_to_shaped_kept && mentions_shapes(elem) {
                    return self.link_type_string(targ);
                }
                return "go.shape.*uint8".to_string();
            }
        }
        let source = match &self.ctx.types[targ.0 as usize] {
            Type::Named(n) if self.obj(n.obj).pkg == super::generic::SHAPE_PKG => self.instances.shape_source(targ),
            _ => Some(targ),
        };
        self.shape_text(source, u)
    }

    /// How gc qualifies a symbol of package `path` in link strings (its `Pkg.Prefix`): the path
    /// escaped by `objabi.PathToPrefix`, and `main` for a command, which the go command
    /// compiles with `-p main`.
    fn symbol_prefix(&self, path: &str) -> String {
        let command = self
            .ctx
            .packages
            .get(path)
            .map_or(path == self.tpkg.path && self.tpkg.name == "main", |p| p.name == "main");
        if command {
            return "main".to_string();
        }
        path_to_prefix(path)
    }

    /// Whether embedded field `f` is named by its type's own symbol (`T` or `*T` for a type
    /// `T` that is not an instance), so LinkString can leave the name out.
    fn embeds_own_name(&self, f: &types::Field) -> bool {
        let mut t = f.ty;
        if let Type::Pointer(e) = &self.ctx.types[t.0 as usize] {
            t = *e;
        }
        match &self.ctx.types[t.0 as usize] {
            Type::Named(n) => {
                let obj = self.obj(n.obj);
                // A universe type (`error`) has a builtin symbol; the field's is the package's.
                n.type_args.is_empty() && obj.name == f.name && !obj.pkg.is_empty()
            }
            _ => false,
        }
    }

    fn write_type(&self, out: &mut String, t: types::TypeId, depth: u32) {
        self.write_type_in(out, t, depth, false)
    }

    fn write_type_in(&self, out: &mut String, t: types::TypeId, depth: u32, link: bool) {
        if depth > 50 {
            out.push_str("...");
            return;
        }
        let d = depth + 1;
        match &self.ctx.types[t.0 as usize] {
            // LinkString collapses the predeclared aliases `byte`, `rune` and `any`.
            Type::Basic(b) if link => out.push_str(b.name()),
            Type::Basic(b) => out.push_str(self.ctx.basic_name(t, *b)),
            Type::Named(n) => {
                let obj = self.obj(n.obj);
                if obj.pkg == super::generic::SHAPE_PKG {
                    let under = n.underlying.unwrap_or(t);
                    let source = self.instances.shape_source(t);
                    out.push_str(&self.shape_text(source, under));
                    return;
                }
                if obj.name == "any" && obj.pkg.is_empty() && !link {
                    out.push_str("any");
                    return;
                }
                if link && !obj.pkg.is_empty() {
                    out.push_str(&self.symbol_prefix(&obj.pkg));
                    out.push('.');
                } else if !link && !obj.pkg.is_empty() && obj.pkg != self.tpkg.path {
                    let pkg_name = self.ctx.packages.get(&obj.pkg).map(|p| p.name.as_str()).unwrap_or(obj.pkg.as_str());
                    out.push_str(pkg_name);
                    out.push('.');
                }
                out.push_str(&obj.name);
                if !n.type_args.is_empty() {
                    // An instance's name is part of its symbol (the reader's `mangle`): its type
                    // arguments are spelled as link strings wherever it is printed. gc's reader
                    // shapes every argument of an instance any of whose arguments is shaped
                    // (an instance met inside shaped code), except a type still being read
                    // (a recursive reference, which stays as written).
                    let is_shape = |p: types::TypeId| self.shape_of_param(p).is_some();
                    let shaped = n.type_args.iter().any(|&a| super::generic::has_shape(self.ctx, a, &is_shape, 0));
                    let tparams = n.origin.map(|o| match &self.ctx.types[o.0 as usize] {
                        Type::Named(g) => g.type_params.clone(),
                        _ => Vec::new(),
                    });
                    out.push('[');
                    for (i, &a) in n.type_args.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        let constraint = tparams.as_ref().and_then(|ps| ps.get(i)).and_then(|&p| {
                            match &self.ctx.types[p.0 as usize] {
                                Type::TypeParam(tp) => Some(tp.constraint),
                                _ => None,
                            }
                        });
                        match constraint {
                            Some(c) if shaped && !self.is_shape_like(a) && !self.being_read(a) => {
                                out.push_str(&self.shape_name(a, c))
                            }
                            _ => self.write_type_in(out, a, d, true),
                        }
                    }
                    out.push(']');
                }
            }
            Type::TypeParam(p) => match self.shape_of_param(t) {
                Some(shape) => self.write_type_in(out, shape, d, link),
                None => out.push_str(&self.obj(p.obj).name),
            },
            Type::Pointer(e) => {
                out.push('*');
                self.write_type_in(out, *e, d, link);
            }
            Type::Slice(e) => {
                out.push_str("[]");
                self.write_type_in(out, *e, d, link);
            }
            Type::Array(n, e) => {
                out.push_str(&format!("[{n}]"));
                self.write_type_in(out, *e, d, link);
            }
            Type::Map(k, v) => {
                out.push_str("map[");
                self.write_type_in(out, *k, d, link);
                out.push(']');
                self.write_type_in(out, *v, d, link);
            }
            Type::Chan(dir, e) => {
                out.push_str(match dir {
                    ChanDir::Both => "chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Recv => "<-chan ",
                });
                self.write_type_in(out, *e, d, link);
            }
            Type::Struct(fields) => {
                if fields.is_empty() {
                    out.push_str("struct {}");
                    return;
                }
                out.push_str("struct { ");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    // LinkString names an embedded field only when its name is not the
                    // embedded type's symbol (an instance `node[K, V]`, or a renaming alias),
                    // as `name = type`.
                    if !f.embedded || (link && !self.embeds_own_name(f)) {
                        if link && !f.pkg.is_empty() {
                            out.push_str(&self.symbol_prefix(&f.pkg));
                            out.push('.');
                        }
                        out.push_str(&f.name);
                        out.push_str(if f.embedded { " = " } else { " " });
                    }
                    self.write_type_in(out, f.ty, d, link);
                }
                out.push_str(" }");
            }
            Type::Signature(sig) => {
                out.push_str("func");
                self.write_sig(out, sig, d, link);
            }
            Type::Interface(iface) => {
                // The universe's `any` keeps its name (gc's `types.AnyType`); an empty interface
                // spelled out prints as one.
                if t == self.ctx.any_type && !link {
                    out.push_str("any");
                    return;
                }
                if iface.methods.is_empty() && iface.embeddeds.is_empty() && iface.unions.is_empty() {
                    out.push_str("interface {}");
                    return;
                }
                // gc prints the whole method set, embedded interfaces flattened, in its symbol
                // order: exported names first, then by name, then by package path; unexported
                // names qualified by their package's path (`go/ast.declNode()`).
                let mut methods = self.ctx.interface_methods(t);
                methods.sort_by(|a, b| {
                    let (ea, eb) = (is_exported(&a.name), is_exported(&b.name));
                    eb.cmp(&ea).then_with(|| a.name.cmp(&b.name)).then_with(|| a.pkg.cmp(&b.pkg))
                });
                out.push_str("interface {");
                for (i, m) in methods.iter().enumerate() {
                    if i > 0 {
                        out.push(';');
                    }
                    out.push(' ');
                    if !is_exported(&m.name) {
                        out.push_str(&self.symbol_prefix(&m.pkg));
                        out.push('.');
                    }
                    out.push_str(&m.name);
                    if let Type::Signature(sig) = &self.ctx.types[m.sig.0 as usize] {
                        self.write_sig(out, sig, d, link);
                    }
                }
                out.push_str(if methods.is_empty() { "}" } else { " }" });
            }
            Type::Tuple(ts, _) => {
                out.push('(');
                for (i, e) in ts.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write_type_in(out, *e, d, link);
                }
                out.push(')');
            }
            // Checked packages expose no aliases, and gc prints none: the actual type.
            Type::Alias { actual, .. } => self.write_type_in(out, *actual, d, link),
            Type::Union(terms) => {
                for (i, term) in terms.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" | ");
                    }
                    if term.tilde {
                        out.push('~');
                    }
                    self.write_type_in(out, term.ty, d, link);
                }
            }
        }
    }

    fn write_sig(&self, out: &mut String, sig: &types::Signature, d: u32, link: bool) {
        out.push('(');
        for (i, p) in sig.params.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if sig.variadic && i + 1 == sig.params.len() {
                out.push_str("...");
                if let Type::Slice(e) = &self.ctx.types[p.ty.0 as usize] {
                    self.write_type_in(out, *e, d, link);
                    continue;
                }
            }
            self.write_type_in(out, p.ty, d, link);
        }
        out.push(')');
        match sig.results.len() {
            0 => {}
            1 => {
                out.push(' ');
                self.write_type_in(out, sig.results[0].ty, d, link);
            }
            _ => {
                out.push_str(" (");
                for (i, r) in sig.results.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write_type_in(out, r.ty, d, link);
                }
                out.push(')');
            }
        }
    }

    /// A constant as gc prints an `OLITERAL` of type `t` (`ir/fmt.go`): runes quoted, values of
    /// their kind's default type bare, others as a conversion `T(v)`.
    pub(crate) fn const_text(&self, v: &Value, t: types::TypeId) -> String {
        let u = self.ctx.underlying(t);
        let basic = match &self.ctx.types[u.0 as usize] {
            Type::Basic(b) => Some(*b),
            _ => None,
        };
        let is_rune = self.ctx.basic_name(t, basic.unwrap_or(BasicKind::Invalid)) == "rune"
            || basic == Some(BasicKind::UntypedRune);
        if is_rune {
            if let Some(x) = v.as_i64().filter(|_| matches!(v, Value::Int(_))) {
                if (0..=0x10FFFF).contains(&x) {
                    if let Some(c) = char::from_u32(x as u32) {
                        return go_quote_rune(c);
                    }
                }
            }
        }
        let val = value_string(v);
        let named = matches!(&self.ctx.types[t.0 as usize], Type::Named(_));
        let default = match (v, basic) {
            (_, Some(b)) if b.is_untyped() => true,
            (_, None) => true,
            (Value::Int(_), Some(BasicKind::Int)) => !named && self.ctx.basic_name(t, BasicKind::Int) == "int",
            (Value::Float(_), Some(BasicKind::Float64)) => !named,
            (Value::Complex(..), Some(BasicKind::Complex128)) => !named,
            (Value::String(_), Some(BasicKind::String)) => !named,
            (Value::Bool(_), Some(BasicKind::Bool)) => !named,
            _ => false,
        };
        if default {
            val
        } else {
            format!("{}({})", self.gc_type_string(t), val)
        }
    }
}

/// `go/constant`'s `Value.String()`, which gc's `ir/fmt.go` prints constants with.
pub(crate) fn value_string(v: &Value) -> String {
    v.display()
}

/// `strconv.QuoteRune` (what `%q` does for a rune).
pub(crate) fn go_quote_rune(c: char) -> String {
    let mut out = String::from("'");
    quote_char(&mut out, c, '\'');
    out.push('\'');
    out
}

fn quote_char(out: &mut String, c: char, quote: char) {
    match c {
        '\x07' => out.push_str("\\a"),
        '\x08' => out.push_str("\\b"),
        '\x0c' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\x0b' => out.push_str("\\v"),
        '\\' => out.push_str("\\\\"),
        c if c == quote => {
            out.push('\\');
            out.push(c);
        }
        c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if (c as u32) < 0x80 => out.push(c),
        c if is_go_printable(c) => out.push(c),
        c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push_str(&format!("\\U{:08x}", c as u32)),
    }
}

/// An approximation of `strconv.IsPrint` for non-ASCII: letters, marks, numbers, punctuation
/// and symbols, plus U+0020; not other spaces, controls, format characters or private use.
fn is_go_printable(c: char) -> bool {
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c as u32, 0xAD | 0x200B..=0x200F | 0x2028..=0x202E | 0xFEFF | 0xE000..=0xF8FF | 0xFFF9..=0xFFFB))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_print_like_go_constant() {
        use syntax::ast::LitKind;
        let lit = |k, raw| value_string(&Value::from_literal(k, raw));
        assert_eq!(lit(LitKind::Float, "1.5"), "1.5");
        assert_eq!(lit(LitKind::Float, "1234567.5"), "1.23457e+06");
        assert_eq!(lit(LitKind::Int, "66560"), "66560");
        assert_eq!(lit(LitKind::String, "\"hi\\n\""), "\"hi\\n\"");
    }

    #[test]
    fn runes_quote_like_strconv() {
        assert_eq!(go_quote_rune('a'), "'a'");
        assert_eq!(go_quote_rune('\''), "'\\''");
    }
}

fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// A package path as gc's symbol prefix spells it (`objabi.PathToPrefix`): control characters,
/// space, `%`, `"`, non-ASCII bytes, and dots after the last slash, escaped as `%xx`.
fn path_to_prefix(path: &str) -> String {
    let slash = path.rfind('/');
    let mut out = String::with_capacity(path.len());
    for (i, &c) in path.as_bytes().iter().enumerate() {
        let after_slash = slash.is_none_or(|s| i > s);
        if c <= b' ' || (c == b'.' && after_slash) || c == b'%' || c == b'"' || c >= 0x7f {
            out.push_str(&format!("%{c:02x}"));
        } else {
            out.push(c as char);
        }
    }
    out
}

/// gc's default `-d=maxshapelen`: longer shape names are hashed.
const MAX_SHAPE_LEN: usize = 500;

/// A shape's link string, or, past [`MAX_SHAPE_LEN`] bytes, the hex of the release's hash of
/// it ([`crate::rules::ShapeHash`]).
fn bounded_shape_name(link: String, hash: crate::rules::ShapeHash) -> String {
    use crate::rules::ShapeHash;
    use sha2::{Digest, Sha256};
    if link.len() <= MAX_SHAPE_LEN || hash == ShapeHash::SpelledOut {
        return link;
    }
    let mut sum: [u8; 32] = Sha256::digest(link.as_bytes()).into();
    match hash {
        ShapeHash::SpelledOut => {}
        ShapeHash::NotSha256 => sum.iter_mut().for_each(|b| *b ^= 0xff),
        ShapeHash::Sha256FirstByteXor1 => sum[0] ^= 1,
        ShapeHash::Sha256FirstByteInverted => sum[0] ^= 0xff,
    }
    sum.iter().map(|b| format!("{b:02x}")).collect()
}
