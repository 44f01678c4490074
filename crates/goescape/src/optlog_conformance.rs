//! Comparing two optimization logs (`-json=0,DIR` trees, see [`crate::optlog`]): gc's and
//! ours, entry by entry, for the kinds goescape writes.
//!
//! A log tree is its files by path relative to DIR. Only the entries of [`CODES`] are
//! compared (gc's back end adds `nilcheck`, `isInBounds`, ... that goescape does not model),
//! plus the header line of every file that has such entries. Agreement is counted as for
//! `-m` lines: `matched / (gc + ours - matched)` over the multisets of entry lines, per file;
//! a file whose compared entries are equal in order too counts as identical. The measure can
//! also leave out the `inlineLoc` steps gc lists for code inside inlined bodies, which goescape
//! does not model (its positions are the outermost call's, as gc's `-m` lines print them).

use std::collections::BTreeMap;
use std::path::Path;

/// The entry kinds goescape writes: the inliner's and escape analysis's.
pub const CODES: &[&str] =
    &["canInlineFunction", "cannotInlineFunction", "cannotInlineCall", "escape", "escapes", "leak"];

/// A log tree: each file's path relative to the log directory (with `/`) and its text.
pub type LogTree = BTreeMap<String, String>;

/// Reads every file under `dir` (none when it does not exist).
pub fn read_tree(dir: &Path) -> std::io::Result<LogTree> {
    let mut tree = LogTree::new();
    if !dir.exists() {
        return Ok(tree);
    }
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                tree.insert(rel, std::fs::read_to_string(&path)?);
            }
        }
    }
    Ok(tree)
}

/// The code of one diagnostic line (`"code":"..."` at its top level), if any.
pub fn code_of(line: &str) -> Option<&str> {
    // The first `"code":"` is the diagnostic's own: the range before it holds only numbers,
    // and quotes inside strings are escaped.
    let rest = line.split_once("\"code\":\"")?.1;
    rest.split('"').next()
}

/// `line` without its `inlineLoc` steps (and without `relatedInformation` when none is left).
pub fn strip_inline_locs(line: &str) -> String {
    const KEY: &str = ",\"relatedInformation\":[";
    let Some(start) = line.find(KEY) else { return line.to_string() };
    let Some(body) = line[start + KEY.len()..].strip_suffix("]}") else { return line.to_string() };
    // Items all begin with `{"location":`, which cannot occur inside an escaped string.
    let items: Vec<&str> = body
        .split("{\"location\":")
        .filter(|s| !s.is_empty())
        .map(|s| s.strip_suffix(',').unwrap_or(s))
        .filter(|s| !s.ends_with("\"message\":\"inlineLoc\"}"))
        .collect();
    let head = &line[..start];
    if items.is_empty() {
        return format!("{head}}}");
    }
    let joined: Vec<String> = items.iter().map(|s| format!("{{\"location\":{s}")).collect();
    format!("{head}{KEY}{}]}}", joined.join(","))
}

/// Per file, the lines compared: the header, then the entries of [`CODES`] in file order.
/// Files without such entries are left out.
pub fn in_scope(tree: &LogTree, without_inline_locs: bool) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for (path, text) in tree {
        let mut lines = text.lines();
        let Some(header) = lines.next() else { continue };
        let entries: Vec<String> = lines
            .filter(|l| code_of(l).is_some_and(|c| CODES.contains(&c)))
            .map(|l| if without_inline_locs { strip_inline_locs(l) } else { l.to_string() })
            .collect();
        if !entries.is_empty() {
            let mut all = vec![header.to_string()];
            all.extend(entries);
            out.insert(path.clone(), all);
        }
    }
    out
}

/// A log tree as a golden file: each file's compared lines ([`in_scope`]) after a
/// `== PATH` line, with the directory the case was compiled in written `$TESTDATA` (in file
/// names and in URIs), so the golden does not depend on the checkout's place.
pub fn golden_text(tree: &LogTree, case_dir: &Path) -> String {
    let mut out = String::new();
    for (path, lines) in in_scope(tree, false) {
        out.push_str(&format!("== {path}\n"));
        for l in lines {
            out.push_str(&portable_dir(&l, case_dir));
            out.push('\n');
        }
    }
    out
}

/// Reads [`golden_text`] back into a tree.
pub fn parse_golden(text: &str) -> LogTree {
    let mut tree = LogTree::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(path) = line.strip_prefix("== ") {
            current = Some(path.to_string());
            tree.insert(path.to_string(), String::new());
        } else if let Some(p) = &current {
            let t = tree.get_mut(p).expect("inserted");
            t.push_str(line);
            t.push('\n');
        }
    }
    tree
}

/// `line` with `dir` (absolute) written `$TESTDATA`, as a file name and inside a `file://` URI.
pub fn portable_dir(line: &str, dir: &Path) -> String {
    let d = dir.to_string_lossy().trim_end_matches('/').to_string();
    let uri = crate::optlog::file_uri(&d);
    line.replace(&format!("{uri}/"), "file://$TESTDATA/")
        .replace(&format!("{}/", crate::optlog::go_json(&d).trim_matches('"')), "$TESTDATA/")
}

/// A tree with [`portable_dir`] applied to every file.
pub fn portable_tree(tree: &LogTree, dir: &Path) -> LogTree {
    tree.iter().map(|(k, v)| (k.clone(), v.lines().map(|l| portable_dir(l, dir) + "\n").collect())).collect()
}

/// The comparison of one unit (one case, one package): its log files' compared lines.
#[derive(Clone, Debug, Default)]
pub struct UnitComparison {
    pub name: String,
    pub matched: usize,
    pub gc: usize,
    pub ours: usize,
    /// Files whose compared lines are equal, order included, out of the files either side has.
    pub identical_files: usize,
    pub files: usize,
    /// (file, line) only gc has, then only we have.
    pub missing: Vec<(String, String)>,
    pub extra: Vec<(String, String)>,
    /// Per code: (gc's count, matched count, ours).
    pub per_code: BTreeMap<String, (usize, usize, usize)>,
    /// When goescape could not analyze the unit: its first error line.
    pub failure: Option<String>,
}

/// Compares gc's log tree with ours.
pub fn compare_unit(name: &str, gc: &LogTree, ours: &LogTree, without_inline_locs: bool) -> UnitComparison {
    let (g, o) = (in_scope(gc, without_inline_locs), in_scope(ours, without_inline_locs));
    let mut u = UnitComparison { name: name.to_string(), ..Default::default() };
    let paths: std::collections::BTreeSet<&String> = g.keys().chain(o.keys()).collect();
    let empty = Vec::new();
    for path in paths {
        let (gl, ol) = (g.get(path).unwrap_or(&empty), o.get(path).unwrap_or(&empty));
        u.files += 1;
        if gl == ol {
            u.identical_files += 1;
        }
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for l in ol {
            *left.entry(l.as_str()).or_default() += 1;
        }
        let kind = |l: &str| code_of(l).unwrap_or("header").to_string();
        for l in gl {
            let c = u.per_code.entry(kind(l)).or_default();
            c.0 += 1;
            match left.get_mut(l.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    c.1 += 1;
                    u.matched += 1;
                }
                _ => u.missing.push((path.clone(), l.clone())),
            }
        }
        for l in ol {
            u.per_code.entry(kind(l)).or_default().2 += 1;
        }
        for (l, n) in left {
            for _ in 0..n {
                u.extra.push((path.clone(), l.to_string()));
            }
        }
        u.gc += gl.len();
        u.ours += ol.len();
    }
    u
}

/// `matched / (gc + ours - matched)` as a percentage (100 for nothing on either side).
pub fn agreement(matched: usize, gc: usize, ours: usize) -> f64 {
    let total = gc + ours - matched;
    if total == 0 {
        100.0
    } else {
        100.0 * matched as f64 / total as f64
    }
}

/// The totals over units: (matched, gc, ours, identical files, files).
pub fn totals(units: &[UnitComparison]) -> (usize, usize, usize, usize, usize) {
    units.iter().fold((0, 0, 0, 0, 0), |t, u| {
        (t.0 + u.matched, t.1 + u.gc, t.2 + u.ours, t.3 + u.identical_files, t.4 + u.files)
    })
}

/// The committed snapshot: the gc release, the agreement with and without `inlineLoc` steps,
/// per-code counts, then every mismatching entry per unit (`-` gc only, `+` goescape only).
pub fn render_markdown(
    corpus: &str,
    gc_release: &str,
    exact: &[UnitComparison],
    without_inline_locs: &[UnitComparison],
) -> String {
    let mut out = format!("# Optimization log (`-json=0,DIR`) conformance: {corpus}\n\n");
    let (m, g, o, idf, nf) = totals(exact);
    out.push_str(&format!("gc release: {gc_release}\n\n"));
    out.push_str(&format!("Agreement: {m}/{} ({:.2}%), files identical: {idf}/{nf}\n", g + o - m, agreement(m, g, o)));
    let (m2, g2, o2, idf2, nf2) = totals(without_inline_locs);
    out.push_str(&format!(
        "Without `inlineLoc` steps: {m2}/{} ({:.2}%), files identical: {idf2}/{nf2}\n\n",
        g2 + o2 - m2,
        agreement(m2, g2, o2)
    ));
    out.push_str("Entries compared: the header line of each file, and ");
    out.push_str(&CODES.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", "));
    out.push_str(".\n\n| code | gc | goescape | matched |\n| --- | ---: | ---: | ---: |\n");
    let mut per: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for u in exact {
        for (k, (a, b, c)) in &u.per_code {
            let e = per.entry(k.clone()).or_default();
            e.0 += a;
            e.1 += b;
            e.2 += c;
        }
    }
    for (k, (gc, matched, ours)) in &per {
        out.push_str(&format!("| {k} | {gc} | {ours} | {matched} |\n"));
    }
    let failed: Vec<&UnitComparison> = exact.iter().filter(|u| u.failure.is_some()).collect();
    if !failed.is_empty() {
        out.push_str("\n## Not analyzed by goescape\n\n");
        for u in failed {
            out.push_str(&format!("- {}: {}\n", u.name, u.failure.as_deref().unwrap_or("")));
        }
    }
    out.push_str("\n## Mismatches\n");
    for u in exact {
        if u.missing.is_empty() && u.extra.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {}\n\n```\n", u.name));
        for (f, l) in &u.missing {
            out.push_str(&format!("- {f}: {l}\n"));
        }
        for (f, l) in &u.extra {
            out.push_str(&format!("+ {f}: {l}\n"));
        }
        out.push_str("```\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_locs_are_stripped() {
        let one = r#"{"range":{},"code":"escape","message":"","relatedInformation":[{"location":{"uri":"file:///a.go","range":{}},"message":"inlineLoc"}]}"#;
        assert_eq!(strip_inline_locs(one), r#"{"range":{},"code":"escape","message":""}"#);
        let mixed = r#"{"code":"escape","relatedInformation":[{"location":{"uri":"u","range":{}},"message":"escflow: x"},{"location":{"uri":"v","range":{}},"message":"inlineLoc"}]}"#;
        assert_eq!(
            strip_inline_locs(mixed),
            r#"{"code":"escape","relatedInformation":[{"location":{"uri":"u","range":{}},"message":"escflow: x"}]}"#
        );
        assert_eq!(code_of(mixed), Some("escape"));
    }
}
