//! `cargo xtask record`: golden `-m` output from real gc, and the check that keeps the test
//! cases' `// ERROR` comments truthful.
//!
//! Each case gets one golden per [`Mode`]: `NAME.gc` from `-gcflags='-m -l'`, `NAME.m.gc` from
//! `-gcflags=-m`, from the newest release. Older releases (`--go 1.26.6`) are recorded into one
//! file per release and mode, `releases/go1.26.6.gc` and `go1.26.6.m.gc` (see [`run_release`]).
//! A case's ERROR comments describe one of them, named by a first-line header in gc's
//! errorcheck style: `// errorcheck -0 -m` for `-m`; `// errorcheck -0 -m -l`, or no header,
//! for `-m -l`. Only the golden of that mode is checked against the comments.
//!
//! The check follows gc's own errorcheck (`test/run.go`): each `// ERROR "re" "re"...` comment
//! holds one or more quoted regexps, each of which must match at least one of the messages gc
//! prints for that line, and every message gc prints for a line must be matched by some regexp
//! on it. A line without an ERROR comment must get no message at all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use goescape::conformance::{self, CaseGolden, Mode};
use regex::Regex;

use crate::{gc, gobin, workspace_root};

/// The directory of test cases.
pub fn cases_dir() -> PathBuf {
    workspace_root().join("testdata").join("escape")
}

/// Every `testdata/escape/*.go`, sorted by name.
pub fn case_files() -> anyhow::Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(cases_dir())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    v.sort();
    Ok(v)
}

/// Whether `release` is the newest gc release modelled, whose goldens sit beside each case
/// (`NAME.gc`, `NAME.m.gc`) and are checked against the cases' ERROR comments. Every older
/// release has one golden file per mode in [`release_goldens_dir`].
pub fn is_newest(release: &str) -> bool {
    release.trim_start_matches("go") == gobin::DEFAULT_RELEASE
}

/// The golden files of the releases older than the newest.
pub fn release_goldens_dir() -> PathBuf {
    cases_dir().join("releases")
}

/// The module the cases are built in under `release`: testdata/escape itself for the newest
/// (testdata/go.mod), else a scratch copy under target/ whose go.mod says that release's
/// language version, as a module of someone on that release would. (An older go refuses a
/// module whose `go` line is newer than itself, and the language version decides loop
/// variables and which features a case may use.)
pub fn release_module(release: &str) -> anyhow::Result<PathBuf> {
    if is_newest(release) {
        return Ok(cases_dir());
    }
    let version = language_version(release)?;
    let dir = workspace_root().join("target").join(format!("testdata-go{}", release.trim_start_matches("go")));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir)?;
    for case in case_files()? {
        std::fs::copy(&case, dir.join(file_name(&case)))?;
    }
    std::fs::write(dir.join("go.mod"), format!("module goescape.test\n\ngo {version}\n"))?;
    Ok(dir)
}

/// `1.N` of a release `1.N.P` (or `go1.N.P`).
pub fn language_version(release: &str) -> anyhow::Result<String> {
    let v = release.trim_start_matches("go");
    let mut parts = v.split('.');
    match (parts.next(), parts.next()) {
        (Some(major), Some(minor)) if !major.is_empty() && !minor.is_empty() => Ok(format!("{major}.{minor}")),
        _ => bail!("--go {release}: want a release such as 1.26.6"),
    }
}

/// Records every case's gc output under a release older than the newest into one golden file
/// per mode. A case gc refuses (a feature or std API newer than the release) is recorded as
/// refused, with gc's errors, rather than stopping the run.
fn run_release(release: &str, mode: Mode) -> anyhow::Result<()> {
    let cases = case_files()?;
    let go = gobin::ensure(release)?;
    let goroot = gc::goroot(&go)?;
    let dir = release_module(release)?;
    let names: Vec<String> = cases.iter().map(|p| file_name(p)).collect();
    let outputs = crate::diff::parallel_map(&names, crate::diff::threads(), |name| {
        let out = gc::gc_build(&go, &dir, mode, &["-o", "/dev/null"], std::slice::from_ref(name))?;
        let stderr = gc::portable_goroot(&String::from_utf8_lossy(&out.stderr), &goroot);
        Ok::<_, anyhow::Error>(CaseGolden { refused: !out.status.success(), output: stderr })
    });
    let mut goldens = BTreeMap::new();
    for (name, golden) in names.into_iter().zip(outputs) {
        goldens.insert(name, golden?);
    }
    let refused: Vec<(&String, &CaseGolden)> = goldens.iter().filter(|(_, g)| g.refused).collect();
    let path = release_goldens_dir().join(conformance::release_golden_name(release, mode));
    std::fs::create_dir_all(release_goldens_dir())?;
    std::fs::write(&path, conformance::render_release_goldens(&goldens))
        .with_context(|| format!("writing {}", path.display()))?;
    println!(
        "record ({}, go{}): {} cases, {} refused by gc; wrote {}",
        mode.gcflags_arg(),
        release.trim_start_matches("go"),
        goldens.len(),
        refused.len(),
        path.display()
    );
    for (name, golden) in refused {
        let first = golden.output.lines().find(|l| !l.starts_with("# ")).unwrap_or("");
        println!("  refused {name}: {first}");
    }
    Ok(())
}

pub fn run(release: &str, mode: Mode, check_only: bool) -> anyhow::Result<()> {
    if !is_newest(release) {
        if check_only {
            bail!(
                "--check-only checks the ERROR comments, which describe the newest release ({})",
                gobin::DEFAULT_RELEASE
            );
        }
        return run_release(release, mode);
    }
    let cases = case_files()?;
    if cases.is_empty() {
        bail!("no test cases in {}", cases_dir().display());
    }
    let go = if check_only { None } else { Some(gobin::ensure(release)?) };
    let goroot = go.as_deref().map(gc::goroot).transpose()?;
    let mut compile_errors = Vec::new();
    let mut violations = Vec::new();
    let mut checked = 0;
    for case in &cases {
        let name = file_name(case);
        let golden = cases_dir().join(mode.golden_name(&name));
        if let (Some(go), Some(goroot)) = (&go, &goroot) {
            let out = gc::gc_build(go, &cases_dir(), mode, &["-o", "/dev/null"], &[name.clone()])?;
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            if !out.status.success() {
                compile_errors.push(format!("{name}: gc failed:\n{stderr}"));
                continue;
            }
            let stderr = gc::portable_goroot(&stderr, goroot);
            std::fs::write(&golden, &stderr).with_context(|| format!("writing {}", golden.display()))?;
        }
        let source = std::fs::read_to_string(case)?;
        let recorded = std::fs::read_to_string(&golden)
            .with_context(|| format!("reading {} (run `cargo xtask record --mode {mode}`)", golden.display()))?;
        match comments_mode(&source) {
            Err(e) => violations.push(format!("{name}:1: {e}")),
            // The comments describe the other mode's output: this golden is only recorded.
            Ok(m) if m != mode => {}
            Ok(_) => {
                checked += 1;
                violations.extend(check_error_comments(&name, &source, &recorded));
            }
        }
    }
    println!(
        "record ({}): {} cases, {} gc failures, {} checked against their ERROR comments, {} violations",
        mode.gcflags_arg(),
        cases.len(),
        compile_errors.len(),
        checked,
        violations.len()
    );
    for e in &compile_errors {
        println!("{e}");
    }
    for v in &violations {
        println!("{v}");
    }
    if !compile_errors.is_empty() || !violations.is_empty() {
        bail!("the test cases and gc disagree");
    }
    Ok(())
}

pub fn file_name(path: &Path) -> String {
    path.file_name().expect("a file").to_string_lossy().into_owned()
}

/// The mode whose output a case's ERROR comments describe, from its first line, gc's
/// errorcheck header: `// errorcheck -0 -m` is `-m`, `// errorcheck -0 -m -l` or no header is
/// `-m -l`. Any other flag is refused rather than guessed at.
pub fn comments_mode(source: &str) -> Result<Mode, String> {
    let first = source.lines().next().unwrap_or("");
    let Some(flags) = first.strip_prefix("// errorcheck") else {
        return Ok(Mode::NoInline);
    };
    let flags: Vec<&str> = flags.split_whitespace().collect();
    if let Some(bad) = flags.iter().find(|f| !["-0", "-m", "-l"].contains(f)) {
        return Err(format!("errorcheck header: flag {bad} is not supported (want `-0 -m` or `-0 -m -l`)"));
    }
    if !flags.contains(&"-m") {
        return Err("errorcheck header without -m: the cases check escape analysis output".into());
    }
    Ok(if flags.contains(&"-l") { Mode::NoInline } else { Mode::Inline })
}

/// Checks a case's `// ERROR` comments against gc's recorded output for it; returns one
/// human-readable line per violation.
pub fn check_error_comments(name: &str, source: &str, gc_output: &str) -> Vec<String> {
    let mut violations = Vec::new();
    let parsed = conformance::parse_output(gc_output);
    for other in &parsed.other {
        violations.push(format!("{name}: unexpected gc output: {other}"));
    }
    let mut by_line: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let placed_by_directives = names_in_line_directives(source);
    for l in parsed.lines {
        if l.line == 0 {
            // About something without a position (a variable of gc's own rewrites, such as
            // `moved to heap: #next`): no line for a comment; the golden file checks it.
            continue;
        }
        let path = conformance::normalize_path(&l.path, &[]);
        if path == "<autogenerated>" || path.starts_with("$GOROOT/") {
            // A wrapper gc generates, or a standard-library function gc compiles or inlines
            // here (`can inline slices.Index[...]` with `-m`): no line of the case to comment.
            continue;
        }
        if path != name && placed_by_directives.contains(&path) {
            // Placed by a line directive: no comment can sit at that position; the golden
            // file alone checks the line.
            continue;
        }
        if path != name {
            violations.push(format!("{name}: gc line about another file: {}", l.render()));
            continue;
        }
        by_line.entry(l.line).or_default().push(l.message);
    }
    let quoted = Regex::new(r#""([^"]*)""#).expect("valid regexp");
    for (idx, text) in source.lines().enumerate() {
        let lineno = idx as u32 + 1;
        let mut messages = by_line.remove(&lineno).unwrap_or_default();
        let Some(pos) = text.find("// ERROR ") else {
            for m in messages {
                violations.push(format!("{name}:{lineno}: gc says {m:?} but the line has no ERROR comment"));
            }
            continue;
        };
        for cap in quoted.captures_iter(&text[pos + "// ERROR ".len()..]) {
            let pattern = &cap[1];
            let re = match Regex::new(pattern) {
                Ok(re) => re,
                Err(e) => {
                    violations.push(format!("{name}:{lineno}: bad regexp {pattern:?}: {e}"));
                    continue;
                }
            };
            // As in gc's errorcheck, a regexp consumes every message it matches.
            let before = messages.len();
            messages.retain(|m| !re.is_match(m));
            if messages.len() == before {
                violations.push(format!("{name}:{lineno}: ERROR {pattern:?} matches no gc message on this line"));
            }
        }
        for m in messages {
            violations.push(format!("{name}:{lineno}: gc says {m:?}, which no ERROR regexp matches"));
        }
    }
    for (lineno, messages) in by_line {
        for m in messages {
            violations.push(format!("{name}:{lineno}: gc says {m:?} past the end of the file"));
        }
    }
    violations
}

/// The file names the `//line` and `/*line*/` directives of `source` mention, as gc prints them
/// for a case (base names: a case is a single file in its directory).
fn names_in_line_directives(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in source.lines() {
        let specs = line
            .strip_prefix("//line ")
            .into_iter()
            .chain(line.split("/*line ").skip(1).filter_map(|rest| rest.split_once("*/").map(|(spec, _)| spec)));
        for spec in specs {
            // `file:line[:col]`: the name is what precedes the line number.
            let name = spec.rsplitn(3, ':').last().unwrap_or("");
            if !name.is_empty() && !name.chars().all(|c| c.is_ascii_digit()) {
                names.push(name.rsplit('/').next().unwrap_or(name).to_string());
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use goescape::conformance::Mode;

    use super::{case_files, cases_dir, check_error_comments, comments_mode, file_name};

    /// The committed goldens and the cases' ERROR comments agree, each case against the golden
    /// of the mode its header names, and every case has a golden for every mode; needs no Go,
    /// so `cargo test` catches a case edited without re-running `cargo xtask record`.
    #[test]
    fn every_case_agrees_with_its_golden() {
        let cases = case_files().expect("testdata/escape is readable");
        assert!(!cases.is_empty());
        let mut violations = Vec::new();
        for case in cases {
            let name = file_name(&case);
            let source = std::fs::read_to_string(&case).expect("readable case");
            for mode in Mode::ALL {
                if !cases_dir().join(mode.golden_name(&name)).is_file() {
                    violations
                        .push(format!("{name}: no golden for --mode {mode}; run `cargo xtask record --mode {mode}`"));
                }
            }
            let mode = match comments_mode(&source) {
                Ok(mode) => mode,
                Err(e) => {
                    violations.push(format!("{name}:1: {e}"));
                    continue;
                }
            };
            let Ok(golden) = std::fs::read_to_string(cases_dir().join(mode.golden_name(&name))) else { continue };
            violations.extend(check_error_comments(&name, &source, &golden));
        }
        assert!(violations.is_empty(), "{}", violations.join("\n"));
    }

    #[test]
    fn the_errorcheck_header_names_the_mode() {
        let body = "\npackage p\n";
        assert_eq!(comments_mode("package p\n"), Ok(Mode::NoInline));
        assert_eq!(comments_mode(&format!("// errorcheck -0 -m{body}")), Ok(Mode::Inline));
        assert_eq!(comments_mode(&format!("// errorcheck -0 -m -l{body}")), Ok(Mode::NoInline));
        assert_eq!(comments_mode(&format!("// errorcheck -0 -l -m{body}")), Ok(Mode::NoInline));
        assert!(comments_mode(&format!("// errorcheck -0 -m=2{body}")).is_err());
        assert!(comments_mode(&format!("// errorcheck -0{body}")).is_err());
        // Only the first line is a header.
        assert_eq!(comments_mode("package p\n// errorcheck -0 -m\n"), Ok(Mode::NoInline));
    }

    #[test]
    fn error_comments_must_match_both_ways() {
        let src = "package p\nfunc f() *int {\n\tx := 0 // ERROR \"moved to heap: x$\"\n\treturn &x // ERROR \"nothing\"\n}\n";
        let gc = "# command-line-arguments\n./a.go:3:2: moved to heap: x\n./a.go:5:1: stray\n";
        let v = check_error_comments("a.go", src, gc);
        assert_eq!(v.len(), 2, "{v:?}");
        assert!(v[0].contains("a.go:4: ERROR \"nothing\" matches no gc message"), "{v:?}");
        assert!(v[1].contains("a.go:5: gc says \"stray\" but the line has no ERROR comment"), "{v:?}");
    }
}
