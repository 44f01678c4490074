//! Modules with dependencies, without Go installed: each case in `testdata/modules`
//! (`NAME.txtar`, see `goescape::txtar`) is written into a scratch directory — a main module
//! with its module cache, its vendor directory, or a go.work workspace — and goescape's output
//! must be gc's, byte for byte, as `cargo xtask record-modules` recorded it in `NAME.gc`.
//! Packages are compared one by one: gc prints independent packages in the order its
//! parallel compiles finish.

use std::path::{Path, PathBuf};

use goescape::txtar::{self, ModuleCase};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/modules")
}

/// A scratch directory removed with everything in it when dropped, a failing case included.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// goescape's output on a case, or its error.
fn run_case(name: &str, case: &ModuleCase) -> Result<String, String> {
    let base = std::env::temp_dir().canonicalize().unwrap_or_else(|_| std::env::temp_dir());
    // The tree's own name is fixed (`tree`) so that paths gc prints relative to the working
    // directory stay the same; the scratch directory around it is unique.
    let scratch = Scratch(base.join(format!("goescape-modules-{}-{name}", std::process::id())));
    let root = scratch.0.join("tree");
    let _ = std::fs::remove_dir_all(&scratch.0);
    case.write(&root).map_err(|e| format!("writing the tree: {e}"))?;
    let mut opts = goescape::Options::new(root.join(&case.cwd));
    opts.inline = case.inline();
    opts.modenv = txtar::mod_env(&case.env_in(&root));
    let analysis = goescape::analyze(&case.patterns(), &opts).map_err(|e| match e {
        goescape::Error::Source { header, lines } => format!("{header}\n{}", lines.join("\n")),
        goescape::Error::Load(msg) => msg,
    })?;
    Ok(goescape::render_gc(&analysis))
}

#[test]
fn modules_match_gc() {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir())
        .expect("testdata/modules exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".txtar").map(String::from))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "expected the module cases, found {names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let dir = cases_dir();
        let case = ModuleCase::parse(&std::fs::read_to_string(dir.join(format!("{name}.txtar"))).unwrap())
            .unwrap_or_else(|e| panic!("{name}.txtar: {e}"));
        let golden = std::fs::read_to_string(dir.join(format!("{name}.gc")))
            .unwrap_or_else(|e| panic!("{name}.gc: {e} (run `cargo xtask record-modules`)"));
        match run_case(name, &case) {
            Ok(ours) => {
                let (want, got) = (txtar::by_package(&golden), txtar::by_package(&ours));
                if want != got {
                    failures.push(format!("{name}: goescape differs from gc\n--- gc\n{golden}--- goescape\n{ours}"));
                }
            }
            Err(e) => failures.push(format!("{name}: goescape failed: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn missing_module_is_named() {
    // cache.txtar without its module cache: the first import from a module that is not on
    // disk stops its package with an error naming module@version and where we looked; as
    // the go command, every package's load error is reported, and nothing is compiled.
    let text = std::fs::read_to_string(cases_dir().join("cache.txtar")).unwrap();
    let mut case = ModuleCase::parse(&text).unwrap();
    case.files.retain(|(name, _)| !name.starts_with("modcache/"));
    let all = run_case("missing", &case).expect_err("the dependencies are missing");
    assert!(all.contains("\nlib/lib.go:3:8: example.com/dep@v1.1.0, which provides package example.com/dep"), "{all}");
    let err = all.split("\nlib/lib.go").next().unwrap_or_default().to_string();
    let (head, tail) = err.split_once(" no directory ").unwrap_or_else(|| panic!("{err}"));
    assert_eq!(
        head,
        "main.go:6:2: example.com/Upper@v1.0.0, which provides package example.com/Upper, is not in the module cache:"
    );
    assert!(
        tail.ends_with(
            "/tree/modcache/example.com/!upper@v1.0.0; goescape does not download modules, to fetch it:\n\tgo mod download example.com/Upper@v1.0.0"
        ),
        "{err}"
    );
}
