//! Composite literals (go/types' `literals.go`).
//!
//! The literal's type comes from its own type expression, or, for an element whose type is
//! elided, from the enclosing literal's element type (the `hint`); a pointer element type
//! `*T` makes `{...}` mean `&T{...}`. Elements are checked as assignments to the field,
//! element or key type, so untyped constants get their final types recorded. `[...]T`
//! arrays get their length from the elements, and the type expression is recorded then.

use rustc_hash::FxHashMap as HashMap;

use syntax::ast::{Element, Expr, ExprKind};

use super::operand::start_pos;
use super::{Checker, Operand};
use crate::constant::Value;
use crate::ty::{Type, TypeId};
use crate::universe::INVALID;
use crate::Mode;

fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}

impl<'a> Checker<'a> {
    /// A struct-literal key naming a promoted field of struct type `st`: its index path, field
    /// object and type. `Ok(None)` when there is no such field (the caller reports it);
    /// `Err` for a key that names something else or needs a pointer indirection.
    fn promoted_lit_field(
        &mut self,
        st: TypeId,
        name: &str,
    ) -> Result<Option<(Vec<usize>, Option<crate::object::ObjId>, TypeId)>, String> {
        let Some(sel) = self.ctx.lookup_field_or_method(st, false, &self.path, name) else { return Ok(None) };
        if sel.kind != crate::SelectionKind::FieldVal {
            return Err(format!("{name} is not a field"));
        }
        if sel.indirect {
            return Err(format!("invalid implicit pointer indirection to reach {name}"));
        }
        let ty = self.ctx.obj(sel.obj).ty.unwrap_or(INVALID);
        Ok(Some((sel.index, Some(sel.obj), ty)))
    }

    pub(super) fn composite_lit(
        &mut self,
        e: &'a Expr,
        ty: Option<&'a Expr>,
        elts: &'a [Element],
        hint: Option<TypeId>,
    ) -> Operand<'a> {
        let mut is_elem = false;
        let mut open_array: Option<&'a Expr> = None;
        let (typ, base) = match (ty, hint) {
            (Some(te), _) => {
                if let ExprKind::ArrayType { len: Some(l), elem } = &te.kind {
                    if matches!(l.kind, ExprKind::Ellipsis(None)) {
                        let el = self.typ(elem);
                        open_array = Some(te);
                        let t = self.ctx.new_type(Type::Array(-1, el));
                        (t, t)
                    } else {
                        let t = self.typ(te);
                        (t, t)
                    }
                } else {
                    let t = self.typ(te);
                    (t, t)
                }
            }
            (None, Some(h)) => {
                is_elem = true;
                let mut base = h;
                if let Some(c) = self.ctx.core_type(h) {
                    if let Type::Pointer(b) = self.ctx.ty(c) {
                        base = *b;
                    }
                }
                (h, base)
            }
            (None, None) => {
                self.error(e.pos, "invalid composite literal type: missing type");
                self.use_elements(elts);
                return Operand::invalid(Some(e));
            }
        };
        if typ == INVALID || !self.is_complete(base) {
            self.use_elements(elts);
            return Operand::invalid(Some(e));
        }
        let core = self.ctx.core_type(base);
        match core.map(|c| self.ctx.ty(c).clone()) {
            Some(Type::Struct(fields)) => {
                if elts.is_empty() {
                } else if elts[0].key.is_some() {
                    // Keys are field paths (Go 1.27 allows promoted fields): a key may not
                    // repeat, nor be a prefix of another (an embedded field and a field
                    // promoted through it), as go/types' trie of visited paths reports.
                    let mut visited: Vec<(Vec<usize>, String)> = Vec::new();
                    for el in elts {
                        let Some(k) = &el.key else {
                            self.error(
                                start_pos(&el.value),
                                "mixture of field:value and value elements in struct literal",
                            );
                            let _ = self.expr(&el.value, None);
                            continue;
                        };
                        let ExprKind::Ident(kname) = &k.kind else {
                            let _ = self.expr(&el.value, None);
                            let ks = self.expr_string(k);
                            self.error(start_pos(k), format!("invalid field name {ks} in struct literal"));
                            continue;
                        };
                        let direct = fields.iter().position(|f| {
                            f.name == *kname && (is_exported(kname) || f.pkg == self.path || f.pkg.is_empty())
                        });
                        let found: Option<(Vec<usize>, Option<crate::object::ObjId>, TypeId)> = match direct {
                            Some(i) => Some((vec![i], fields[i].obj, fields[i].ty)),
                            None => match self.promoted_lit_field(core.expect("a struct core type"), kname) {
                                Ok(found) => found,
                                Err(msg) => {
                                    let _ = self.expr(&el.value, None);
                                    self.error(start_pos(k), msg);
                                    continue;
                                }
                            },
                        };
                        let Some((index, obj, fty)) = found else {
                            let _ = self.expr(&el.value, None);
                            let bs = self.ty_str(base);
                            let alt =
                                fields.iter().find(|f| f.name.eq_ignore_ascii_case(kname)).map(|f| f.name.clone());
                            let msg = match alt {
                                Some(a) if a == *kname => {
                                    format!("cannot refer to unexported field {a} in struct literal of type {bs}")
                                }
                                Some(a) if !is_exported(&a) && is_exported(kname) => {
                                    format!("unknown field {kname} in struct literal of type {bs}, but does have unexported {a}")
                                }
                                Some(a) => {
                                    format!("unknown field {kname} in struct literal of type {bs}, but does have {a}")
                                }
                                None => format!("unknown field {kname} in struct literal of type {bs}"),
                            };
                            self.error(k.pos, msg);
                            continue;
                        };
                        if let Some(o) = obj {
                            self.record_use(k, o);
                        }
                        let mut x = self.expr(&el.value, Some(fty));
                        self.assignment(&mut x, Some(fty), "struct literal");
                        // An earlier key that is a prefix of (or equal to) this one, else the
                        // first (smallest) earlier key that this one is a prefix of.
                        let conflict = visited.iter().find(|(p, _)| index.starts_with(p)).or_else(|| {
                            visited.iter().filter(|(p, _)| p.starts_with(&index)).min_by(|a, b| a.0.cmp(&b.0))
                        });
                        match conflict {
                            None => visited.push((index, kname.clone())),
                            Some((p, alt)) => {
                                let msg = if *p == index {
                                    format!("duplicate field name {kname} in struct literal")
                                } else if p.len() < index.len() {
                                    format!("cannot specify promoted field {kname} and enclosing embedded field {alt}")
                                } else {
                                    format!("cannot specify embedded field {kname} and enclosed promoted field {alt}")
                                };
                                self.error(start_pos(k), msg);
                            }
                        }
                    }
                } else {
                    let bs = self.ty_str(base);
                    for (i, el) in elts.iter().enumerate() {
                        if let Some(k) = &el.key {
                            self.error(start_pos(k), "mixture of field:value and value elements in struct literal");
                            let _ = self.expr(&el.value, None);
                            continue;
                        }
                        let fty = fields.get(i).map(|f| f.ty);
                        let mut x = self.expr(&el.value, fty);
                        let Some(f) = fields.get(i) else {
                            let p = x.pos();
                            self.error(p, format!("too many values in struct literal of type {bs}"));
                            break;
                        };
                        if !is_exported(&f.name) && !f.pkg.is_empty() && f.pkg != self.path {
                            let p = x.pos();
                            self.error(
                                p,
                                format!(
                                    "implicit assignment to unexported field {} in struct literal of type {bs}",
                                    f.name
                                ),
                            );
                            continue;
                        }
                        self.assignment(&mut x, Some(f.ty), "struct literal");
                    }
                    if elts.len() < fields.len() {
                        let p = self.lit_end(e);
                        self.error(p, format!("too few values in struct literal of type {bs}"));
                    }
                }
            }
            Some(Type::Array(len, elem)) => {
                let n = self.indexed_elts(elts, elem, len);
                if len < 0 {
                    let t = self.ctx.new_type(Type::Array(n, elem));
                    if let Some(te) = open_array {
                        self.record(te, Mode::TypeExpr, t, None);
                    }
                    return Operand::new(Mode::Value, if typ == base { t } else { typ }, Some(e));
                }
            }
            Some(Type::Slice(elem)) => {
                self.indexed_elts(elts, elem, -1);
            }
            Some(Type::Map(kt, vt)) => {
                let key_is_iface = self.ctx.is_interface(kt) && !self.ctx.is_type_param(kt);
                let mut visited: HashMap<String, Vec<TypeId>> = HashMap::default();
                for el in elts {
                    let Some(k) = &el.key else {
                        self.error(start_pos(&el.value), "missing key in map literal");
                        let _ = self.expr(&el.value, None);
                        continue;
                    };
                    let mut x = self.expr(k, Some(kt));
                    self.assignment(&mut x, Some(kt), "map literal");
                    if x.mode == Mode::Constant {
                        if let Some(v) = &x.val {
                            if !matches!(v, Value::Unknown) {
                                let key = key_string(v);
                                let seen = visited.entry(key).or_default();
                                let dup = if key_is_iface {
                                    seen.iter().any(|&t| self.ctx.identical(t, x.ty))
                                } else {
                                    !seen.is_empty()
                                };
                                seen.push(x.ty);
                                if dup {
                                    let p = x.pos();
                                    let vs = v.display();
                                    self.error(p, format!("duplicate key {vs} in map literal"));
                                    continue;
                                }
                            }
                        }
                    }
                    let mut y = self.expr(&el.value, Some(vt));
                    self.assignment(&mut y, Some(vt), "map literal");
                }
            }
            _ => {
                self.use_elements(elts);
                if core.is_none() || core != Some(INVALID) {
                    let q = if is_elem { " element" } else { "" };
                    let cause = if core.is_none() { " (no core type)" } else { "" };
                    let ts = self.ty_str(typ);
                    self.error(start_pos(e), format!("invalid composite literal{q} type {ts}{cause}"));
                }
                return Operand::invalid(Some(e));
            }
        }
        Operand::new(Mode::Value, typ, Some(e))
    }

    /// Where gc reports "too few values": the closing brace, which the AST does not keep;
    /// the literal's `{` is the best we have.
    fn lit_end(&self, e: &Expr) -> syntax::Pos {
        e.pos
    }

    fn use_elements(&mut self, elts: &'a [Element]) {
        for el in elts {
            let _ = self.raw_expr(&el.value, None, false);
        }
    }

    /// Elements of an array or slice literal (go/types' `indexedElts`); returns the length.
    fn indexed_elts(&mut self, elts: &'a [Element], elem: TypeId, length: i64) -> i64 {
        let mut visited = rustc_hash::FxHashSet::default();
        let (mut index, mut max) = (0i64, 0i64);
        for el in elts {
            let mut valid = false;
            if let Some(k) = &el.key {
                let mut x = self.expr(k, None);
                if self.is_valid_index(&mut x, "index", false) {
                    match x.val.as_ref().and_then(|v| v.as_i128()) {
                        Some(i) if x.mode == Mode::Constant => {
                            if length >= 0 && i >= length as i128 {
                                let p = x.pos();
                                self.error(p, format!("invalid argument: index {i} out of bounds [0:{length}]"));
                            } else {
                                index = i as i64;
                                valid = true;
                            }
                        }
                        _ => {
                            let ks = self.expr_string(k);
                            self.error(start_pos(k), format!("index {ks} must be integer constant"));
                        }
                    }
                }
            } else if length >= 0 && index >= length {
                self.error(start_pos(&el.value), format!("index {index} is out of bounds (>= {length})"));
            } else {
                valid = true;
            }
            if valid && !visited.insert(index) {
                let p = el.key.as_ref().map(start_pos).unwrap_or_else(|| start_pos(&el.value));
                self.error(p, format!("duplicate index {index} in array or slice literal"));
            }
            index += 1;
            max = max.max(index);
            let mut x = self.expr(&el.value, Some(elem));
            self.assignment(&mut x, Some(elem), "array or slice literal");
        }
        max
    }
}

fn key_string(v: &Value) -> String {
    match v {
        // go/types' keyVal: numbers by integer value when integral, else as float64s.
        Value::Int(_) | Value::Float(_) | Value::Complex(..) => match (v.to_int(), v.as_complex()) {
            (Value::Int(i), _) => format!("n{i}"),
            (_, Some((r, 0.0))) if !matches!(v, Value::Complex(_, i) if !i.is_zero()) => format!("f{r}"),
            (_, Some((r, i))) => format!("c{r},{i}"),
            _ => "?".into(),
        },
        Value::String(s) => format!("s{}", Value::String(s.clone()).exact_string()),
        Value::Bool(b) => format!("b{b}"),
        Value::Unknown => "?".into(),
    }
}
