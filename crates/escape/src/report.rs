//! Finishing a batch (gc's `batch.finish`, `paramTag` and `reportLeaks`): parameter verdicts
//! and tags first, function by function, then one verdict per location in the order the
//! locations were created — `moved to heap` for variables, `escapes to heap` / `does not
//! escape` for allocating expressions.

use ir::{FuncId, Param, TypeKind};

use crate::batch::{Batch, Tagged};
use crate::graph::*;
use crate::leaks::LeakSet;
use crate::Diagnostic;

impl Batch<'_> {
    fn warn(&mut self, f: FuncId, pos: ir::Pos, message: String) {
        let func = self.pkg.func(f);
        self.st.diagnostics.push(Diagnostic {
            file: func.file,
            pos,
            message,
            func: func.name.clone(),
            at: None,
            explanation: false,
            opens_explanation: false,
        });
    }

    pub(crate) fn finish(&mut self) {
        for f in self.funcs.clone() {
            let func = self.pkg.func(f);
            let mut tagged = Tagged::default();
            let mut narg = 0;
            if let Some(r) = &func.recv {
                narg += 1;
                tagged.recv = Some(self.param_tag(f, narg, r));
            }
            for p in &func.params {
                narg += 1;
                let t = self.param_tag(f, narg, p);
                tagged.params.push(t);
            }
            self.st.tags[f.0 as usize] = Some(tagged);
        }

        for id in self.g.all() {
            let loc = &self.g.locs[id];
            let Some(f) = loc.func else { continue };
            let escapes = loc.has(ESCAPES);
            let mutates = loc.has(MUTATES);
            match loc.node.clone() {
                LocNode::None => {}
                LocNode::Var(v) => {
                    if escapes {
                        let var = self.pkg.var(v);
                        let (pos, msg) = (var.pos, format!("moved to heap: {}", var.name));
                        self.warn(var.func, pos, msg);
                    }
                }
                LocNode::Expr { pos, text, kind } => {
                    let wrapper = match kind {
                        ExprLocKind::Closure(c) => self.pkg.func(c).wrapper,
                        ExprLocKind::Wrapper => true,
                        _ => false,
                    };
                    if escapes && self.st.log_opts {
                        // gc logs every allocation it puts on the heap, go/defer wrappers
                        // included, with no detail.
                        let file = self.pkg.func(f).file;
                        let entry =
                            ir::OptLog { code: "escape", file, pos, message: String::new(), related: Vec::new() };
                        self.st.opt_log.push(entry);
                    }
                    if !wrapper {
                        let msg = match (kind, escapes) {
                            (ExprLocKind::Append, true) => "append escapes to heap".to_string(),
                            (ExprLocKind::Append, false) => "append does not escape".to_string(),
                            (_, true) => format!("{text} escapes to heap"),
                            (_, false) => format!("{text} does not escape"),
                        };
                        self.warn(f, pos, msg);
                    }
                    if kind == ExprLocKind::StringToBytes && !mutates && self.pkg.rules.mutator_callee_locations {
                        self.warn(f, pos, "zero-copy string->[]byte conversion".to_string());
                    }
                }
            }
        }
    }

    /// The tag of one parameter, reporting its verdict (gc's `paramTag`).
    fn param_tag(&mut self, f: FuncId, narg: usize, p: &Param) -> LeakSet {
        let func = self.pkg.func(f);
        let diagnose = !(func.wrapper || func.dupok);
        let name = match p.var {
            Some(v) => self.pkg.var(v).name.clone(),
            None => format!("arg#{narg}"),
        };
        let ty = self.pkg.types.get(p.ty.0 as usize);
        let is_uintptr = ty.map(|t| t.kind == TypeKind::Uintptr).unwrap_or(false);
        let has_pointers = ty.map(|t| t.has_pointers).unwrap_or(true);
        let named = p.var.is_some();

        if func.body.is_none() {
            // Assembly or linknamed: uintptr arguments are kept alive across the call, and
            // pointers leak unless the declaration promises otherwise.
            if is_uintptr {
                if diagnose {
                    self.warn(f, p.pos, format!("assuming {name} is unsafe uintptr"));
                }
                return LeakSet::heap_leak();
            }
            if !has_pointers {
                return LeakSet::heap_leak();
            }
            let mut esc = LeakSet::default();
            if func.noescape {
                if diagnose && named {
                    self.warn(f, p.pos, format!("{name} does not escape"));
                }
                if self.pkg.rules.mutator_callee_locations {
                    esc.add_mutator(0);
                    esc.add_callee(0);
                }
            } else {
                if diagnose && named {
                    self.warn(f, p.pos, format!("leaking param: {name}"));
                }
                esc.add_heap(0);
            }
            return esc.through_tag();
        }

        if func.uintptr_escapes {
            if is_uintptr {
                if diagnose {
                    self.warn(f, p.pos, format!("marking {name} as escaping uintptr"));
                }
                return LeakSet::heap_leak();
            }
            let is_last = func.params.last().map(|l| std::ptr::eq(l, p)).unwrap_or(false);
            let variadic = self.pkg.types.get(func.ty.0 as usize).map(|t| t.display.contains("...")).unwrap_or(false);
            let elem_uintptr = ty
                .and_then(|t| if t.kind == TypeKind::Slice { t.elem } else { None })
                .and_then(|e| self.pkg.types.get(e.0 as usize))
                .map(|e| e.kind == TypeKind::Uintptr)
                .unwrap_or(false);
            if is_last && variadic && elem_uintptr {
                if diagnose {
                    self.warn(f, p.pos, format!("marking {name} as escaping ...uintptr"));
                }
                return LeakSet::heap_leak();
            }
        }

        if !has_pointers {
            return LeakSet::heap_leak();
        }
        let Some(v) = p.var else { return LeakSet::default() };
        let Some(&loc) = self.var_locs.get(&v) else { return LeakSet::default() };
        let mut esc = self.g.locs[loc].param_esc;
        esc.optimize();
        if diagnose && !self.g.locs[loc].has(ESCAPES) {
            self.report_leaks(f, p.pos, &name, esc);
        }
        esc.through_tag()
    }

    /// gc's `reportLeaks`.
    fn report_leaks(&mut self, f: FuncId, pos: ir::Pos, name: &str, esc: LeakSet) {
        let mut warned = false;
        let h = esc.heap();
        if h >= 0 {
            let msg = if h == 0 { format!("leaking param: {name}") } else { format!("leaking param content: {name}") };
            self.warn(f, pos, msg);
            warned = true;
        }
        let results = self.pkg.func(f).results.clone();
        for i in 0..crate::leaks::NUM_RESULTS {
            let x = esc.result(i);
            if x >= 0 {
                let res = results.get(i).map(|&r| self.pkg.var(r).name.clone()).unwrap_or_default();
                self.warn(f, pos, format!("leaking param: {name} to result {res} level={x}"));
                warned = true;
            }
        }
        if !warned {
            self.warn(f, pos, format!("{name} does not escape"));
        }
    }
}
