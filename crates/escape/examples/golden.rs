//! Runs the front end and the escape engine on single Go files without the package loader:
//! parse, check (standard-library imports from the bundled facts), lower, analyze, and print
//! what gc would print. Used to compare the engine with `testdata/escape/*.gc` while the
//! loader is unfinished.
//!
//! Usage: `cargo run -p escape --example golden -- FILE.go...`

use std::collections::HashMap;
use std::path::Path;

use syntax::load::StdProvider;
use types::ObjId;

struct Tags(HashMap<ObjId, ir::ExternFunc>);

impl ir::lower::ExternTags for Tags {
    fn tags(&self, _ctx: &types::Ctx, obj: ObjId) -> Option<ir::ExternFunc> {
        self.0.get(&obj).cloned()
    }
}

/// Checked std packages with generic bodies, whose instances the file's package compiles.
type Generic = (Vec<syntax::ast::File>, types::Info, types::Package);

fn check_std(ctx: &mut types::Ctx, tags: &mut Tags, done: &mut Vec<String>, generics: &mut Vec<Generic>, path: &str) {
    if path == "unsafe" || done.iter().any(|d| d == path) {
        return;
    }
    done.push(path.to_string());
    let bundled = facts::Bundled::get();
    let Some(src) = bundled.package(path) else {
        eprintln!("unknown import {path}");
        return;
    };
    let files: Vec<_> = src.files.iter().map(|f| syntax::parse_file(&f.path, &f.text).0).collect();
    let mut imports: Vec<String> = files.iter().flat_map(|f| f.imports.iter().map(|i| i.path.clone())).collect();
    imports.sort();
    imports.dedup();
    for i in imports {
        check_std(ctx, tags, done, generics, &i);
    }
    let (tpkg, info, _errs) = types::check_package(ctx, &src.import_path, &files, src.go_version);
    let mut objs: Vec<ObjId> = tpkg.decl_order.clone();
    for &o in &tpkg.decl_order {
        if let Some(t) = ctx.objects[o.0 as usize].ty {
            if let types::Type::Named(n) = &ctx.types[t.0 as usize] {
                objs.extend(n.methods.iter().copied());
            }
        }
    }
    for obj in objs {
        let o = &ctx.objects[obj.0 as usize];
        if !matches!(o.kind, types::ObjKind::Func) {
            continue;
        }
        let Some(p) = o.pragmas.iter().find_map(|p| p.strip_prefix("goescape:esc")) else { continue };
        let Ok(parsed) = facts::parse_esc_pragma(p.trim()) else { continue };
        let mut recv = None;
        let mut params = Vec::new();
        for (name, t) in parsed {
            let l = ir::Leaks { heap: t.heap, mutator: t.mutator, callee: t.callee, results: t.results };
            if name == "recv" {
                recv = Some(l);
            } else {
                params.push(l);
            }
        }
        tags.0.insert(obj, ir::ExternFunc { name: format!("{}.{}", o.pkg, o.name), recv, params, inline: None });
    }
    if src.import_path != path {
        if let Some(p) = ctx.packages.get(&src.import_path).cloned() {
            ctx.packages.insert(path.to_string(), p);
        }
    }
    if ir::lower::has_generic_bodies(ctx, &info, &files) {
        generics.push((files, info, tpkg.clone()));
    }
    ctx.packages.insert(src.import_path.clone(), tpkg);
}

pub fn run(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read");
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    // Parsed under the name gc prints, which line directives are relative to.
    let shown = format!("./{name}");
    let (file, errs) = syntax::parse_file(Path::new(&shown), &text);
    if !errs.is_empty() {
        return format!("parse errors: {:?}\n", errs.iter().map(|e| e.msg.clone()).collect::<Vec<_>>());
    }
    let mut ctx = types::Ctx::new();
    let mut tags = Tags(HashMap::new());
    let mut done = Vec::new();
    let mut generics = Vec::new();
    for i in &file.imports {
        check_std(&mut ctx, &mut tags, &mut done, &mut generics, &i.path);
    }
    let bodies: Vec<Vec<ir::lower::FuncBody>> =
        generics.iter().map(|(files, info, _)| ir::lower::func_bodies(info, files)).collect();
    let imported: Vec<ir::lower::Imported> = generics
        .iter()
        .zip(&bodies)
        .map(|((files, info, tpkg), bodies)| ir::lower::Imported { tpkg, info, files, bodies })
        .collect();
    let files = vec![file];
    let (tpkg, info, errors) = types::check_package(&mut ctx, "command-line-arguments", &files, (1, 27));
    if !errors.is_empty() && std::env::var_os("STRICT").is_some() {
        return format!(
            "type errors: {:?}\n",
            errors.iter().map(|e| format!("{}:{}: {}", e.pos.line, e.pos.col, e.msg)).collect::<Vec<_>>()
        );
    }
    let instances = ir::lower::collect_instances(&mut ctx, &info, &files, &imported, &|_| false, &ir::Rules::default());
    let lowered = ir::lower::lower_package(&ctx, &tpkg, &info, &files, &imported, &instances, &tags, ir::Rules::NEWEST);
    if let Some(u) = lowered.unsupported.iter().find(|u| u.file == 0) {
        return format!("unsupported: {}:{}: {}\n", u.pos.line, u.pos.col, u.what);
    }
    if std::env::var_os("DUMP_IR").is_some() {
        eprintln!("{:#?}", lowered.package.funcs);
    }
    let a = escape::analyze(&lowered.package);
    let mut out = String::new();
    if !a.diagnostics.is_empty() {
        out.push_str("# command-line-arguments\n");
    }
    // Only the file's own lines: instances of imported generic functions report in GOROOT.
    for d in a.diagnostics.iter().filter(|d| d.file == 0) {
        if d.pos.line == 0 {
            out.push_str(&format!("{}\n", d.message));
            continue;
        }
        let at = match files[0].relative(d.pos) {
            Some((file, line, 0)) => format!("{file}:{line}"),
            Some((file, line, col)) => format!("{file}:{line}:{col}"),
            None => format!("{shown}:{}:{}", d.pos.line, d.pos.col),
        };
        out.push_str(&format!("{at}: {}\n", d.message));
    }
    out
}

#[allow(dead_code)]
fn main() {
    for arg in std::env::args().skip(1) {
        print!("{}", run(Path::new(&arg)));
    }
}
