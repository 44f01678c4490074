//! Every bundled standard-library package (declaration stubs from `facts`) type-checks without
//! errors, each after the packages it imports, as the pipeline checks them for user code.

use std::collections::{BTreeMap, HashSet};

use syntax::load::StdProvider;

/// Checks `path` (after its imports) into `ctx`, collecting errors per package.
fn check_rec(
    ctx: &mut types::Ctx,
    bundled: &facts::Bundled,
    path: &str,
    done: &mut HashSet<String>,
    errors: &mut BTreeMap<String, Vec<String>>,
    stack: &mut Vec<String>,
) {
    if path == "unsafe" || path == "C" || done.contains(path) {
        return;
    }
    let Some(src) = bundled.package(path) else {
        errors.entry(path.to_string()).or_default().push("not bundled".into());
        done.insert(path.to_string());
        return;
    };
    if stack.contains(&src.import_path) {
        errors.entry(path.to_string()).or_default().push(format!("import cycle: {stack:?}"));
        return;
    }
    stack.push(src.import_path.clone());
    let mut files = Vec::new();
    for f in &src.files {
        let (file, errs) = syntax::parse_file(&f.path, &f.text);
        for e in errs {
            errors
                .entry(src.import_path.clone())
                .or_default()
                .push(format!("{}:{}:{}: syntax: {}", f.display, e.pos.line, e.pos.col, e.msg));
        }
        files.push(file);
    }
    let mut imports: Vec<String> = files.iter().flat_map(|f| f.imports.iter().map(|i| i.path.clone())).collect();
    imports.sort();
    imports.dedup();
    for imp in &imports {
        check_rec(ctx, bundled, imp, done, errors, stack);
        // Vendored packages are imported without their `vendor/` prefix.
        let key = bundled.package(imp).map(|p| p.import_path);
        if let Some(k) = key {
            if k != *imp {
                if let Some(p) = ctx.packages.get(&k).cloned() {
                    ctx.packages.insert(imp.clone(), p);
                }
            }
        }
    }
    stack.pop();
    let (pkg, _info, errs) =
        types::check_package_with(ctx, &src.import_path, &files, src.go_version, types::CheckOptions::facts());
    for e in errs {
        let file = src.files.get(e.file as usize).map(|f| f.display.as_str()).unwrap_or("?");
        errors
            .entry(src.import_path.clone())
            .or_default()
            .push(format!("{file}:{}:{}: {}", e.pos.line, e.pos.col, e.msg));
    }
    ctx.packages.insert(src.import_path.clone(), pkg);
    done.insert(src.import_path.clone());
    done.insert(path.to_string());
}

/// Checks the given packages (and their imports); returns errors by package.
fn check_all(paths: &[&str]) -> BTreeMap<String, Vec<String>> {
    let bundled = facts::Bundled::get();
    let mut ctx = types::Ctx::new();
    let mut done = HashSet::new();
    let mut errors = BTreeMap::new();
    for p in paths {
        check_rec(&mut ctx, bundled, p, &mut done, &mut errors, &mut Vec::new());
    }
    errors
}

fn report(errors: &BTreeMap<String, Vec<String>>, per_pkg: usize) -> String {
    let mut out = String::new();
    let total: usize = errors.values().map(|v| v.len()).sum();
    out.push_str(&format!("{total} errors in {} packages\n", errors.len()));
    for (p, errs) in errors {
        out.push_str(&format!("# {p} ({} errors)\n", errs.len()));
        for e in errs.iter().take(per_pkg) {
            out.push_str(&format!("  {e}\n"));
        }
    }
    out
}

fn per_pkg() -> usize {
    std::env::var("STD_FACTS_ERRORS").ok().and_then(|v| v.parse().ok()).unwrap_or(5)
}

#[test]
fn fmt_and_its_imports_check() {
    let errors = check_all(&["fmt"]);
    assert!(errors.is_empty(), "{}", report(&errors, per_pkg()));
}

#[test]
fn every_bundled_package_checks() {
    let paths: Vec<&str> = facts::Bundled::get().package_paths().collect();
    let errors = check_all(&paths);
    assert!(errors.is_empty(), "{}", report(&errors, per_pkg()));
}
