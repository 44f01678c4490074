//! The verdicts that change between two gc releases: `goescape --go 1.22 --compare-go 1.27`.
//!
//! The same packages are analyzed under each release, and the two reports are joined position
//! by position (`path:line:col`, as gc prints it). Where the multisets of messages at a position
//! differ, what only one release prints is paired with what only the other prints about the
//! same thing, its [subject](subject) (the variable, parameter, expression or function the verdict
//! names): `moved to heap: x` under one release and nothing under the other is one change,
//! `leaking param: p` and `p does not escape` is another. Messages both releases print are not
//! changes, so a user sees exactly what an upgrade (or a downgrade) would change in their code.

use std::collections::BTreeMap;

use crate::report::{format_position, json_str};
use crate::{Analysis, Kind};

/// One verdict that differs between two releases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The package's import path.
    pub package: String,
    /// The position exactly as gc prints it (see [`crate::Diagnostic`]).
    pub path: String,
    pub line: u32,
    pub col: u32,
    /// What the first release prints there, if anything.
    pub before: Option<String>,
    /// What the second release prints there, if anything.
    pub after: Option<String>,
}

impl Change {
    /// The kind of verdict, from whichever side has one (the first release's when both do).
    pub fn kind(&self) -> Kind {
        Kind::of_message(self.before.as_deref().or(self.after.as_deref()).unwrap_or(""))
    }
}

/// The changes from `before` to `after`, two analyses of the same packages: in `before`'s
/// package order (packages only `after` reports come last), then by position, then in the
/// order gc printed the lines.
pub fn changes(before: &Analysis, after: &Analysis) -> Vec<Change> {
    let mut order: Vec<&str> = before.packages.iter().map(|p| p.import_path.as_str()).collect();
    for p in &after.packages {
        if !order.contains(&p.import_path.as_str()) {
            order.push(&p.import_path);
        }
    }
    let mut out = Vec::new();
    for pkg in order {
        let at = |a: &Analysis| -> BTreeMap<(String, u32, u32), Vec<String>> {
            let mut by_pos: BTreeMap<(String, u32, u32), Vec<String>> = BTreeMap::new();
            for p in a.packages.iter().filter(|p| p.import_path == pkg) {
                for d in &p.diagnostics {
                    by_pos.entry((d.path.clone(), d.line, d.col)).or_default().push(d.message.clone());
                }
            }
            by_pos
        };
        let (mut a, mut b) = (at(before), at(after));
        let mut positions: Vec<(String, u32, u32)> = a.keys().chain(b.keys()).cloned().collect();
        positions.sort();
        positions.dedup();
        for pos in positions {
            let (only_a, only_b) =
                multiset_difference(a.remove(&pos).unwrap_or_default(), b.remove(&pos).unwrap_or_default());
            for (before, after) in pair_by_subject(only_a, only_b) {
                out.push(Change {
                    package: pkg.to_string(),
                    path: pos.0.clone(),
                    line: pos.1,
                    col: pos.2,
                    before,
                    after,
                });
            }
        }
    }
    out
}

/// What only `a` has and what only `b` has, counting repeats, each in its original order.
fn multiset_difference(a: Vec<String>, mut b: Vec<String>) -> (Vec<String>, Vec<String>) {
    let mut only_a = Vec::new();
    for m in a {
        match b.iter().position(|x| *x == m) {
            Some(i) => {
                b.remove(i);
            }
            None => only_a.push(m),
        }
    }
    (only_a, b)
}

/// Pairs each message of `a` with the first unpaired message of `b` about the same subject,
/// then what is left by kind of verdict, in order (`can inline hasAttr.func1.hasKey.1` and
/// `can inline hasKey.1`: one function, named differently); the rest stand alone.
fn pair_by_subject(a: Vec<String>, b: Vec<String>) -> Vec<(Option<String>, Option<String>)> {
    let mut b: Vec<Option<String>> = b.into_iter().map(Some).collect();
    let mut pairs: Vec<(String, Option<String>)> = Vec::new();
    for m in a {
        let partner = b.iter_mut().find(|x| x.as_deref().is_some_and(|x| subject(x) == subject(&m)));
        pairs.push((m, partner.and_then(Option::take)));
    }
    for (m, partner) in pairs.iter_mut().filter(|(_, p)| p.is_none()) {
        let shape = shape(m);
        *partner = b.iter_mut().find(|x| x.as_deref().is_some_and(|x| self::shape(x) == shape)).and_then(Option::take);
    }
    let mut out: Vec<(Option<String>, Option<String>)> = pairs.into_iter().map(|(m, p)| (Some(m), p)).collect();
    out.extend(b.into_iter().flatten().map(|m| (None, Some(m))));
    out
}

/// The fixed words of gc's verdicts around the name they are about.
const PREFIXES: &[&str] = &[
    "moved to heap: ",
    "leaking param content: ",
    "leaking param: ",
    "leaking closure reference ",
    "can inline ",
    "cannot inline ",
    "inlining call to ",
    "devirtualizing ",
];
const SUFFIXES: &[&str] = &[" escapes to heap", " does not escape", " does not escape, mutate, or call"];

/// The fixed words of a verdict (`can inline `, ` escapes to heap`), or the whole message.
fn shape(message: &str) -> &str {
    PREFIXES
        .iter()
        .find(|p| message.starts_with(*p))
        .or_else(|| SUFFIXES.iter().find(|s| message.ends_with(*s)))
        .copied()
        .unwrap_or(message)
}

/// What a verdict is about: the name or expression it gives a verdict on, so that
/// `x escapes to heap` and `x does not escape` (or `leaking param: x` and `x does not escape`)
/// are recognised as two verdicts on one thing. Messages of another shape are their own subject.
pub fn subject(message: &str) -> &str {
    for p in PREFIXES {
        if let Some(rest) = message.strip_prefix(p) {
            // The subject ends where the detail starts: `p to result ~r0 level=0`,
            // `f with cost 4 as: ...`, `f: function too complex: ...`, `x.M to *T`.
            let end = [" to ", " with cost ", ": ", " as: "].iter().filter_map(|sep| rest.find(sep)).min();
            return &rest[..end.unwrap_or(rest.len())];
        }
    }
    for s in SUFFIXES {
        if let Some(rest) = message.strip_suffix(s) {
            return rest;
        }
    }
    message
}

/// The changes as text, one line per change: `path:line:col: goA: VERDICT | goB: VERDICT`, with
/// `(nothing)` for the release that prints no verdict there.
pub fn render_changes(changes: &[Change], before: &str, after: &str) -> String {
    let mut out = String::new();
    for c in changes {
        out.push_str(&format!(
            "{}: {before}: {} | {after}: {}\n",
            format_position(&c.path, c.line, c.col),
            c.before.as_deref().unwrap_or("(nothing)"),
            c.after.as_deref().unwrap_or("(nothing)"),
        ));
    }
    out
}

/// The changes as JSON lines, one object per change; a side with no verdict is `null`.
pub fn render_changes_json(changes: &[Change], before: &str, after: &str) -> String {
    let side = |m: &Option<String>| m.as_deref().map_or("null".to_string(), json_str);
    let mut out = String::new();
    for c in changes {
        out.push_str(&format!(
            "{{\"package\":{},\"file\":{},\"line\":{},\"col\":{},\"kind\":{},\"before\":{{\"release\":{},\"message\":{}}},\"after\":{{\"release\":{},\"message\":{}}}}}\n",
            json_str(&c.package),
            json_str(&c.path),
            c.line,
            c.col,
            json_str(c.kind().as_str()),
            json_str(before),
            side(&c.before),
            json_str(after),
            side(&c.after),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Diagnostic, PackageReport};

    fn analysis(lines: &[(u32, u32, &str)]) -> Analysis {
        let diagnostics = lines
            .iter()
            .map(|&(line, col, message)| Diagnostic {
                path: "./a.go".into(),
                line,
                col,
                kind: Kind::of_message(message),
                message: message.into(),
                function: String::new(),
                explains: None,
            })
            .collect();
        Analysis {
            packages: vec![PackageReport {
                header: "# m".into(),
                import_path: "m".into(),
                diagnostics,
                errors: Vec::new(),
                graphs: Vec::new(),
                opt_log: Vec::new(),
                compiled_path: "m".into(),
            }],
        }
    }

    #[test]
    fn verdicts_on_one_subject_pair_up() {
        let old = analysis(&[
            (3, 6, "can inline f"),
            (4, 2, "moved to heap: x"),
            (7, 9, "p does not escape"),
            (9, 13, "make([]int, n) escapes to heap"),
        ]);
        let new = analysis(&[
            (3, 6, "can inline f"),
            (7, 9, "leaking param: p to result ~r0 level=0"),
            (9, 13, "make([]int, n) does not escape"),
            (12, 15, "append does not escape"),
        ]);
        let text = render_changes(&changes(&old, &new), "go1.24", "go1.27");
        assert_eq!(
            text,
            "./a.go:4:2: go1.24: moved to heap: x | go1.27: (nothing)\n\
             ./a.go:7:9: go1.24: p does not escape | go1.27: leaking param: p to result ~r0 level=0\n\
             ./a.go:9:13: go1.24: make([]int, n) escapes to heap | go1.27: make([]int, n) does not escape\n\
             ./a.go:12:15: go1.24: (nothing) | go1.27: append does not escape\n"
        );
        let json = render_changes_json(&changes(&old, &new), "go1.24", "go1.27");
        assert!(json.starts_with("{\"package\":\"m\",\"file\":\"./a.go\",\"line\":4,\"col\":2,\"kind\":\"moved-to-heap\",\"before\":{\"release\":\"go1.24\",\"message\":\"moved to heap: x\"},\"after\":{\"release\":\"go1.27\",\"message\":null}}\n"), "{json}");
    }

    #[test]
    fn renamed_subjects_pair_by_kind() {
        let old = analysis(&[(15, 9, "can inline hasAttr.func1.hasKey.1")]);
        let new = analysis(&[(15, 9, "can inline hasKey.1")]);
        assert_eq!(
            render_changes(&changes(&old, &new), "go1.26", "go1.27"),
            "./a.go:15:9: go1.26: can inline hasAttr.func1.hasKey.1 | go1.27: can inline hasKey.1\n"
        );
    }

    #[test]
    fn repeated_lines_count() {
        // gc prints a verdict once per inlined copy: a lost copy is a change.
        let old = analysis(&[(5, 10, "&T{} escapes to heap"), (5, 10, "&T{} escapes to heap")]);
        let new = analysis(&[(5, 10, "&T{} escapes to heap")]);
        let c = changes(&old, &new);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].before.as_deref(), c[0].after.as_deref()), (Some("&T{} escapes to heap"), None));
        assert!(changes(&old, &old).is_empty());
    }

    #[test]
    fn subjects() {
        assert_eq!(subject("leaking param: p to result ~r0 level=0"), "p");
        assert_eq!(subject("leaking param content: p"), "p");
        assert_eq!(subject("can inline f with cost 4 as: func() { }"), "f");
        assert_eq!(subject("cannot inline f: function too complex: cost 90 exceeds budget 80"), "f");
        assert_eq!(subject("inlining call to strings.Index"), "strings.Index");
        assert_eq!(subject("devirtualizing s.Speak to Dog"), "s.Speak");
        assert_eq!(subject("x escapes to heap"), "x");
        assert_eq!(subject("func literal does not escape"), "func literal");
        assert_eq!(subject("zero-copy string->[]byte conversion"), "zero-copy string->[]byte conversion");
    }
}
