//! `goescape --format sarif`: the log is valid SARIF 2.1.0 (checked against the OASIS schema in
//! `tests/schema/`, formats included), holds one result per verdict with a rule for each, and
//! every `-m=2` explanation line as a step of a code flow. One small log is an insta snapshot,
//! its absolute paths and goescape's version replaced.
//!
//! The command runs as a user would run it, in `testdata/escape` on one case file (the way
//! `cargo xtask record` ran gc on it), gc-free: no GOROOT, the standard library from the
//! bundled facts.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata").canonicalize().expect("testdata")
}

/// The schema's validator, built once; formats (`uri`, `uri-reference`) are checked too.
fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema/sarif-2.1.0.json");
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("schema JSON");
        jsonschema::options().should_validate_formats(true).build(&schema).expect("the SARIF schema compiles")
    })
}

/// Runs `goescape ARGS` in `dir`; returns its stdout, which must be a successful run's.
fn goescape(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_goescape"))
        .args(args)
        .current_dir(dir)
        .env_remove("GOROOT")
        .env_remove("GOOS")
        .env_remove("GOARCH")
        .env_remove("GOFLAGS")
        .env("PATH", "/usr/bin:/bin")
        .stdin(Stdio::null())
        .output()
        .expect("run goescape");
    assert!(out.status.success(), "goescape {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The verdicts and explanation lines the library reports for `file` in `dir`, as the
/// command analyzes it.
fn analysis(dir: &Path, file: &str, args: &[&str]) -> goescape::Analysis {
    let mut opts = goescape::Options::new(dir.to_path_buf());
    opts.inline = !args.contains(&"-l");
    opts.explain = args.contains(&"-m=2");
    opts.hints = args.contains(&"--explain");
    goescape::analyze(&[file.to_string()], &opts).expect("analysis")
}

/// Validates `log` against the schema; returns it parsed.
fn check_valid(log: &str, what: &str) -> Value {
    let value: Value = serde_json::from_str(log).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
    let errors: Vec<String> =
        validator().iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: not valid SARIF 2.1.0:\n{}", errors.join("\n"));
    value
}

/// Checks one case in one mode: a valid log, one result per verdict in gc's order with its
/// rule, and every explanation line in a code flow. Returns the number of code flows.
fn check_case(file: &str, args: &[&str]) -> usize {
    let dir = testdata().join("escape");
    let what = format!("{file} {args:?}");
    let mut all: Vec<&str> = vec!["--format", "sarif"];
    all.extend_from_slice(args);
    all.push(file);
    let log = check_valid(&goescape(&dir, &all), &what);
    let run = &log["runs"][0];
    let rules: Vec<&str> =
        run["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(rules, goescape::Kind::ALL.map(|k| k.as_str()), "{what}: a rule per kind");
    let results = run["results"].as_array().unwrap();
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(r["ruleId"], rules[index], "{what}: ruleIndex names the rule");
    }

    let explain = args.contains(&"-m=2");
    let a = analysis(&dir, file, args);
    let diagnostics: Vec<&goescape::Diagnostic> = a.packages.iter().flat_map(|p| &p.diagnostics).collect();
    let verdicts: Vec<&str> =
        diagnostics.iter().filter(|d| d.explains.is_none()).map(|d| d.message.trim_start()).collect();
    let heads = diagnostics.iter().filter(|d| d.explains == Some(goescape::Explains::Head)).count();
    let steps = diagnostics.iter().filter(|d| matches!(d.explains, Some(goescape::Explains::Step { .. }))).count();
    // Explanations whose verdict is not printed are results of their own, after the verdicts.
    let messages: Vec<&str> = results.iter().map(|r| r["message"]["text"].as_str().unwrap()).collect();
    assert_eq!(
        &messages[..verdicts.len().min(messages.len())],
        &verdicts[..],
        "{what}: a result per verdict, in order"
    );
    let flows: Vec<&Value> = results.iter().flat_map(|r| r["codeFlows"].as_array().into_iter().flatten()).collect();
    let flow_steps: usize = flows.iter().map(|f| f["threadFlows"][0]["locations"].as_array().unwrap().len()).sum();
    assert_eq!(flows.len(), heads, "{what}: an explanation per code flow");
    assert_eq!(flow_steps, steps, "{what}: every explanation line in a code flow");
    assert_eq!(messages.len() - verdicts.len(), flows.len() - attached(results), "{what}: the rest are results");
    if !explain {
        assert_eq!(heads, 0, "{what}: no explanations without -m=2");
    }
    flows.len()
}

/// How many code flows belong to verdicts (not to results made of an explanation alone).
fn attached(results: &[Value]) -> usize {
    results.iter().filter(|r| r["ruleId"] != "other").map(|r| r["codeFlows"].as_array().map_or(0, Vec::len)).sum()
}

#[test]
fn logs_are_valid_sarif_with_a_result_per_verdict() {
    let files = [
        "closure_by_reference.go",
        "addr_local_returned.go",
        "leak_to_result.go",
        "fmt_println.go",
        // Lines at `$GOROOT/src/...` (an instance of `slices`' generic code) and at
        // `<autogenerated>:1` (method wrappers).
        "imported_generic_instance.go",
        "devirtualize.go",
    ];
    let mut flows = 0;
    for file in files {
        for args in [&["-l"][..], &["-m=2", "-l"], &[], &["-m=2"], &["-l", "--explain"]] {
            flows += check_case(file, args);
        }
    }
    assert!(flows > 0, "-m=2 explains something");
}

#[test]
fn snapshot_m2() {
    let dir = testdata().join("escape");
    let log = goescape(&dir, &["--format", "sarif", "-m=2", "-l", "closure_by_reference.go"]);
    check_valid(&log, "snapshot");
    let root = format!("file://{}/", testdata().display());
    let log = log
        .replace(&root, "file:///TESTDATA/")
        .replace(&format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")), "\"version\": \"[version]\"");
    insta::assert_snapshot!(log);
}

/// gc's columns count bytes; the log's count UTF-16 code units, as its `columnKind` says.
#[test]
fn columns_are_utf16_code_units() {
    let dir = std::env::temp_dir().join(format!("goescape-sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("go.mod"), "module example.com/m\n\ngo 1.27\n").unwrap();
    // `x` is at byte column 31 and UTF-16 column 27 (`é` and `ü` are 2 bytes, 1 unit; `𝄞` 4
    // bytes, 2 units).
    let main = "package main\n\nvar sink any\n\nfunc main() { _ = \"éü𝄞\"; x := 1; sink = &x }\n";
    std::fs::write(dir.join("main.go"), main).unwrap();
    let gc = goescape(&dir, &["-l", "."]);
    let log = goescape(&dir, &["--format", "sarif", "-l", "."]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(gc, "# example.com/m\n./main.go:5:31: moved to heap: x\n");
    let log = check_valid(&log, "utf16");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let location = &run["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "main.go");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(location["region"]["startLine"], 5);
    assert_eq!(location["region"]["startColumn"], 27);
}
