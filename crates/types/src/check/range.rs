//! `for k, v := range x` (go/types' `range.go`).
//!
//! What a range clause yields depends on the core type of `x`: an index and element for
//! arrays, pointers to arrays, slices and strings (the element of a string is a `rune`), key
//! and value for maps, the element for channels, the loop counter for integers (of `x`'s own
//! type, so an untyped constant counter becomes `int`, or the assigned variable's type with
//! `=`), and the yield function's parameters for range-over-func iterators. Declared iteration
//! variables live in a scope of their own around the body.

use syntax::ast::{Block, Expr, ExprKind};
use syntax::Pos;

use super::stmt::{start_pos, Ctxt};
use super::{Checker, Operand};
use crate::object::ObjKind;
use crate::ty::{ChanDir, Type, TypeId};
use crate::universe::{INVALID, RUNE};
use crate::Mode;

/// What ranging over a type yields: key and value types (`None`: no such variable).
struct RangeTypes {
    key: Option<TypeId>,
    val: Option<TypeId>,
}

impl<'a> Checker<'a> {
    /// Whether the language version in effect allows a feature of `go1.minor`.
    pub(super) fn st_allow_version(&self, minor: u32) -> bool {
        let f = self.env.file as usize;
        let v = self.files.get(f).and_then(|f| f.go_version).unwrap_or(self.go_version);
        v >= (1, minor)
    }

    fn range_key_val(&mut self, orig: TypeId) -> Result<RangeTypes, String> {
        let Some(core) = self.ctx.core_type(orig) else {
            return Err("no core type".into());
        };
        let mut t = core;
        if let Type::Pointer(e) = self.ctx.ty(t) {
            let u = self.ctx.underlying(*e);
            if let Type::Array(..) = self.ctx.ty(u) {
                t = u;
            }
        }
        let int = self.ctx.basic(crate::BasicKind::Int);
        match self.ctx.ty(t).clone() {
            Type::Basic(k) if k.is_string() => Ok(RangeTypes { key: Some(int), val: Some(RUNE) }),
            Type::Basic(k) if k.is_integer() => {
                if !self.st_allow_version(22) {
                    return Err("requires go1.22 or later".into());
                }
                Ok(RangeTypes { key: Some(orig), val: None })
            }
            Type::Array(_, e) | Type::Slice(e) => Ok(RangeTypes { key: Some(int), val: Some(e) }),
            Type::Map(k, v) => Ok(RangeTypes { key: Some(k), val: Some(v) }),
            Type::Chan(d, e) => {
                if d == ChanDir::Send {
                    return Err(format!("receive from send-only channel {}", self.ty_str(orig)));
                }
                Ok(RangeTypes { key: Some(e), val: None })
            }
            Type::Signature(sig) => {
                if self.opts.range_over_func_experimental {
                    return Err(String::new());
                }
                if !self.st_allow_version(23) {
                    return Err("requires go1.23 or later".into());
                }
                const PRE: &str = "func must be func(yield func(...) bool)";
                if sig.params.len() != 1 {
                    return Err(format!("{PRE}: wrong argument count"));
                }
                if !sig.results.is_empty() {
                    return Err(format!("{PRE}: unexpected results"));
                }
                let cb = self.ctx.core_type(sig.params[0].ty);
                let Some(Type::Signature(cb)) = cb.map(|c| self.ctx.ty(c).clone()) else {
                    return Err(format!("{PRE}: argument is not func"));
                };
                if cb.params.len() > 2 {
                    return Err(format!("{PRE}: yield func has too many parameters"));
                }
                let b = self.ctx.basic(crate::BasicKind::Bool);
                if cb.results.len() != 1 || !self.ctx.identical(cb.results[0].ty, b) {
                    let user_bool = cb.results.len() == 1
                        && self.ctx.basic_kind(self.ctx.underlying(cb.results[0].ty)) == Some(crate::BasicKind::Bool);
                    return Err(if user_bool {
                        format!("{PRE}: yield func returns user-defined boolean, not bool")
                    } else {
                        format!("{PRE}: yield func does not return bool")
                    });
                }
                if cb.variadic {
                    let cbt = self.ctx.new_type(Type::Signature(cb.clone()));
                    return Err(format!("yield func of type {} cannot be variadic", self.ty_str(cbt)));
                }
                Ok(RangeTypes { key: cb.params.first().map(|p| p.ty), val: cb.params.get(1).map(|p| p.ty) })
            }
            _ => Err(String::new()),
        }
    }

    fn st_is_integer_type(&self, t: TypeId) -> bool {
        matches!(self.ctx.ty(self.ctx.underlying(t)), Type::Basic(k) if k.is_integer())
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn range_stmt(
        &mut self,
        inner: Ctxt,
        for_pos: Pos,
        key: Option<&'a Expr>,
        value: Option<&'a Expr>,
        define: bool,
        range_x: &'a Expr,
        body: &'a Block,
    ) {
        let mut x = self.expr(range_x, None);
        let mut rt = RangeTypes { key: None, val: None };
        if x.mode != Mode::Invalid {
            match self.range_key_val(x.ty) {
                Err(cause) => {
                    let xs = self.op_string(&x);
                    let msg = if cause.is_empty() {
                        format!("cannot range over {xs}")
                    } else {
                        format!("cannot range over {xs}: {cause}")
                    };
                    self.error(start_pos(range_x), msg);
                }
                Ok(r) => {
                    if r.key.is_none() && key.is_some() {
                        let xs = self.op_string(&x);
                        self.error(start_pos(key.unwrap()), format!("range over {xs} permits no iteration variables"));
                    } else if r.val.is_none() && value.is_some() {
                        let xs = self.op_string(&x);
                        self.error(
                            start_pos(value.unwrap()),
                            format!("range over {xs} permits only one iteration variable"),
                        );
                    }
                    rt = r;
                }
            }
        }
        self.open_scope();
        let lhs = [key, value];
        let rhs = [rt.key, rt.val];
        let over_int = x.mode != Mode::Invalid && self.st_is_integer_type(x.ty);
        if define {
            let mut vars = Vec::new();
            for (i, l) in lhs.iter().enumerate() {
                let Some(l) = *l else { continue };
                let obj = match &l.kind {
                    ExprKind::Ident(name) => {
                        let o = self.new_obj(
                            name,
                            ObjKind::Var { global: false, param: false, result: false, field: false, embedded: false },
                            None,
                            l.pos,
                        );
                        self.record_def(l.pos, o);
                        if name != "_" {
                            vars.push((name.clone(), o, l.pos));
                        }
                        o
                    }
                    _ => {
                        let es = self.expr_string(l);
                        self.error(start_pos(l), format!("cannot declare {es}"));
                        self.new_var("_", INVALID, l.pos, false, false)
                    }
                };
                let t = rhs[i];
                match t {
                    None | Some(INVALID) => {
                        self.ctx.objects[obj.0 as usize].ty = Some(INVALID);
                        self.used.insert(obj);
                        continue;
                    }
                    Some(t) => {
                        if over_int {
                            self.init_var(obj, &mut x, "range clause");
                        } else {
                            let mut y = Operand::new(Mode::Value, t, Some(l));
                            self.init_var(obj, &mut y, "assignment");
                        }
                    }
                }
            }
            if vars.is_empty() {
                self.error(for_pos, "no new variables on left side of :=");
            }
            for (name, o, p) in vars {
                self.declare_local(&name, o, p);
                self.env.vars.push(o);
            }
        } else if key.is_some() {
            for (i, l) in lhs.iter().enumerate() {
                let Some(l) = *l else { continue };
                let Some(t) = rhs[i].filter(|&t| t != INVALID) else { continue };
                if over_int {
                    let xo = x.clone();
                    self.assign_var(l, None, Some(xo), "range clause");
                    // The counter takes the variable's type.
                    let lt = self.fi().types.get(&l.id).map(|tv| tv.ty);
                    if let Some(lt) = lt {
                        if self.ctx.is_untyped(x.ty) {
                            self.convert_untyped(&mut x, lt);
                        }
                        if lt != INVALID && !self.st_is_integer_type(lt) {
                            let ts = self.ty_str(lt);
                            self.error(start_pos(l), format!("cannot use iteration variable of type {ts}"));
                        }
                    }
                } else {
                    let y = Operand::new(Mode::Value, t, Some(l));
                    self.assign_var(l, None, Some(y), "assignment");
                }
            }
        } else if over_int {
            self.assignment(&mut x, None, "range clause");
        }
        self.block(inner, body);
        self.close_scope();
    }
}
