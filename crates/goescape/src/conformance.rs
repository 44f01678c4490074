//! Differential comparison of goescape's `-m` lines with real gc's, and the conformance snapshot.
//!
//! This is the logic behind `cargo xtask diff` and `tests/testdata.rs`: both feed it the lines gc
//! printed and the lines we printed, per unit (a test case file or a package), and both render the
//! same Markdown snapshot, so the committed `testdata/conformance/*.md` and the insta snapshot can
//! never disagree about what "agreement" means. Everything here is a pure function over strings;
//! running gc or goescape is the caller's business.
//!
//! Lines are compared as multisets of `path:line:col: message`: gc prints some verdicts twice
//! (for example once per inlined copy), and a second copy that we do not print is a real miss.
//! Agreement is `matched / (gc + ours - matched)`, the Jaccard index of the two multisets, so both
//! a missing line and an extra line cost the same.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One `path:line:col: message` line of `-m` output.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Line {
    pub path: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
}

impl Line {
    /// Renders the line as gc prints it.
    pub fn render(&self) -> String {
        if self.line == 0 {
            return self.message.clone();
        }
        format!("{}: {}", crate::report::format_position(&self.path, self.line, self.col), self.message)
    }
}

/// `-m` output split into verdict lines and everything else.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub lines: Vec<Line>,
    /// Non-empty lines that are neither a `# pkg` header nor `path:line:col: message`, such as
    /// `go: ...` complaints; kept so callers can show them instead of silently dropping them.
    pub other: Vec<String>,
}

/// Parses gc-style output: drops `# pkg` headers and blank lines, splits verdict lines.
pub fn parse_output(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for raw in text.lines() {
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() || raw.starts_with("# ") {
            continue;
        }
        match parse_line(raw) {
            Some(line) => parsed.lines.push(line),
            // A verdict about something with no position (`moved to heap: #next`, a variable
            // of gc's range-over-func rewrite) is a line with no path.
            None if crate::Kind::of_message(raw) != crate::Kind::Other => {
                parsed.lines.push(Line { path: String::new(), line: 0, col: 0, message: raw.to_string() })
            }
            None => parsed.other.push(raw.to_string()),
        }
    }
    parsed
}

/// Parses one `path:line:col: message` line, or `path:line: message` (a line directive without
/// a column; `col` is then 0). The path is everything before the first `:<digits>[:<digits>]: `,
/// so paths containing colons still parse.
pub fn parse_line(raw: &str) -> Option<Line> {
    // A full `line:col` position anywhere wins over a bare `line` one.
    find_position(raw, true).or_else(|| find_position(raw, false))
}

/// The first `:<digits>:<digits>: ` (or `:<digits>: ` when `!with_col`) after a non-empty path.
fn find_position(raw: &str, with_col: bool) -> Option<Line> {
    let mut start = 0;
    while let Some(off) = raw[start..].find(':') {
        let colon = start + off;
        if let Some((line, col, rest)) = parse_position(&raw[colon + 1..], with_col) {
            if colon > 0 {
                return Some(Line { path: raw[..colon].to_string(), line, col, message: rest.to_string() });
            }
        }
        start = colon + 1;
        if start >= raw.len() {
            break;
        }
    }
    None
}

/// Parses `<line>:<col>: <rest>`, or `<line>: <rest>` when `!with_col` (col 0), into its parts.
fn parse_position(s: &str, with_col: bool) -> Option<(u32, u32, &str)> {
    let (line, s) = take_number(s)?;
    if !with_col {
        return Some((line, 0, s.strip_prefix(": ")?));
    }
    let s = s.strip_prefix(':')?;
    let (col, s) = take_number(s)?;
    let rest = s.strip_prefix(": ")?;
    Some((line, col, rest))
}

fn take_number(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if end == 0 {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

/// Rewrites a path so that gc's and our spelling of the same file compare equal: the first of
/// `prefixes` that the path starts with is removed (with the following `/`), and a leading `./`
/// is dropped. Callers pass, for example, GOROOT's `src` directory and the working directory.
pub fn normalize_path(path: &str, prefixes: &[&str]) -> String {
    let mut p = path;
    for prefix in prefixes {
        let prefix = prefix.trim_end_matches('/');
        if prefix.is_empty() {
            continue;
        }
        if let Some(rest) = p.strip_prefix(prefix) {
            if let Some(rest) = rest.strip_prefix('/') {
                p = rest;
                break;
            }
        }
    }
    p.strip_prefix("./").unwrap_or(p).to_string()
}

/// Applies [`normalize_path`] to every line, and to the position a `-m=2` explanation's
/// `from ... at PATH:LINE:COL` line ends with.
pub fn normalize_lines(lines: &mut [Line], prefixes: &[&str]) {
    for l in lines {
        l.path = normalize_path(&l.path, prefixes);
        if let Some(i) = l.message.rfind(" at ").filter(|_| l.message.starts_with("    from ")) {
            let at = &l.message[i + " at ".len()..];
            let normalized = normalize_path(at, prefixes);
            if normalized != at {
                l.message = format!("{} at {normalized}", &l.message[..i]);
            }
        }
    }
}

/// The message kinds the report breaks agreement down by, classified by gc's wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MessageKind {
    MovedToHeap,
    EscapesToHeap,
    DoesNotEscape,
    LeakingParam,
    LeakingParamContent,
    LeakingClosureReference,
    IgnoringSelfAssignment,
    Devirtualizing,
    ZeroCopy,
    Other,
}

impl MessageKind {
    /// Every kind, in report order.
    pub const ALL: [MessageKind; 10] = [
        MessageKind::MovedToHeap,
        MessageKind::EscapesToHeap,
        MessageKind::DoesNotEscape,
        MessageKind::LeakingParam,
        MessageKind::LeakingParamContent,
        MessageKind::LeakingClosureReference,
        MessageKind::IgnoringSelfAssignment,
        MessageKind::Devirtualizing,
        MessageKind::ZeroCopy,
        MessageKind::Other,
    ];

    /// Classifies one `-m` message by its text.
    pub fn of(message: &str) -> MessageKind {
        if message.starts_with("moved to heap: ") {
            MessageKind::MovedToHeap
        } else if message.starts_with("leaking param content: ") {
            MessageKind::LeakingParamContent
        } else if message.starts_with("leaking param: ") {
            MessageKind::LeakingParam
        } else if message.starts_with("leaking closure reference ") {
            MessageKind::LeakingClosureReference
        } else if message.contains("ignoring self-assignment") {
            MessageKind::IgnoringSelfAssignment
        } else if message.starts_with("devirtualizing ") {
            MessageKind::Devirtualizing
        } else if message.starts_with("zero-copy ") {
            MessageKind::ZeroCopy
        } else if message.ends_with(" escapes to heap") {
            MessageKind::EscapesToHeap
        } else if message.ends_with(" does not escape") {
            MessageKind::DoesNotEscape
        } else {
            MessageKind::Other
        }
    }

    /// The wording the report uses for the kind.
    pub fn name(self) -> &'static str {
        match self {
            MessageKind::MovedToHeap => "moved to heap",
            MessageKind::EscapesToHeap => "escapes to heap",
            MessageKind::DoesNotEscape => "does not escape",
            MessageKind::LeakingParam => "leaking param",
            MessageKind::LeakingParamContent => "leaking param content",
            MessageKind::LeakingClosureReference => "leaking closure reference",
            MessageKind::IgnoringSelfAssignment => "ignoring self-assignment",
            MessageKind::Devirtualizing => "devirtualizing",
            MessageKind::ZeroCopy => "zero-copy",
            MessageKind::Other => "other",
        }
    }
}

/// What we produced for one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// goescape analyzed the unit and printed these lines.
    Lines(Vec<Line>),
    /// goescape could not analyze the unit; the string is the reason (its first error line).
    Failed(String),
}

/// One thing compared: a test case file or a package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The case file name or the package import path.
    pub name: String,
    pub gc: Vec<Line>,
    pub ours: Outcome,
}

/// Counts for one message kind (or for everything).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub gc: usize,
    pub ours: usize,
    pub matched: usize,
}

impl Counts {
    /// The size of the union of the two multisets.
    pub fn total(&self) -> usize {
        self.gc + self.ours - self.matched
    }

    /// `matched / total` as a percentage; an empty comparison agrees fully.
    pub fn agreement(&self) -> f64 {
        percent(self.matched, self.total()).unwrap_or(100.0)
    }

    /// Of the lines we print, how many gc prints too; `None` when we print none.
    pub fn precision(&self) -> Option<f64> {
        percent(self.matched, self.ours)
    }

    /// Of the lines gc prints, how many we print too; `None` when gc prints none.
    pub fn recall(&self) -> Option<f64> {
        percent(self.matched, self.gc)
    }

    fn add(&mut self, other: Counts) {
        self.gc += other.gc;
        self.ours += other.ours;
        self.matched += other.matched;
    }
}

fn percent(num: usize, den: usize) -> Option<f64> {
    (den != 0).then(|| num as f64 * 100.0 / den as f64)
}

/// Which side printed a line that the other did not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// gc printed it, we did not.
    Missing,
    /// We printed it, gc did not.
    Extra,
}

/// A line only one side printed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mismatch {
    pub side: Side,
    pub line: Line,
}

/// The comparison of one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitResult {
    pub name: String,
    /// Set when goescape could not analyze the unit.
    pub failure: Option<String>,
    pub counts: Counts,
    /// Sorted by path, position, message, then side.
    pub mismatches: Vec<Mismatch>,
}

/// The comparison of a whole corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Sorted by unit name.
    pub units: Vec<UnitResult>,
    pub total: Counts,
    pub per_kind: BTreeMap<MessageKind, Counts>,
}

/// Compares every unit as multisets of lines and sums the counts.
pub fn compare(units: &[Unit]) -> Comparison {
    let mut results = Vec::new();
    let mut total = Counts::default();
    let mut per_kind: BTreeMap<MessageKind, Counts> =
        MessageKind::ALL.iter().map(|k| (*k, Counts::default())).collect();
    for unit in units {
        let (ours, failure): (&[Line], _) = match &unit.ours {
            Outcome::Lines(lines) => (lines, None),
            Outcome::Failed(reason) => (&[], Some(reason.clone())),
        };
        let mut remaining: BTreeMap<&Line, usize> = BTreeMap::new();
        for l in ours {
            *remaining.entry(l).or_default() += 1;
        }
        let mut counts = Counts::default();
        let mut mismatches = Vec::new();
        for l in &unit.gc {
            let kind = per_kind.get_mut(&MessageKind::of(&l.message)).expect("every kind is present");
            kind.gc += 1;
            counts.gc += 1;
            match remaining.get_mut(l) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    kind.matched += 1;
                    counts.matched += 1;
                }
                _ => mismatches.push(Mismatch { side: Side::Missing, line: l.clone() }),
            }
        }
        for l in ours {
            per_kind.get_mut(&MessageKind::of(&l.message)).expect("every kind is present").ours += 1;
            counts.ours += 1;
        }
        for (l, n) in remaining {
            for _ in 0..n {
                mismatches.push(Mismatch { side: Side::Extra, line: l.clone() });
            }
        }
        mismatches.sort_by(|a, b| a.line.cmp(&b.line).then(a.side.cmp(&b.side)));
        total.add(counts);
        results.push(UnitResult { name: unit.name.clone(), failure, counts, mismatches });
    }
    results.sort_by(|a, b| a.name.cmp(&b.name));
    Comparison { units: results, total, per_kind }
}

/// The most frequent mismatching messages, most frequent first: `(side, message, count)`.
/// Used for the terminal summary of `cargo xtask diff`.
pub fn top_mismatches(cmp: &Comparison, n: usize) -> Vec<(Side, String, usize)> {
    let mut by_message: BTreeMap<(Side, &str), usize> = BTreeMap::new();
    for unit in &cmp.units {
        for m in &unit.mismatches {
            *by_message.entry((m.side, m.line.message.as_str())).or_default() += 1;
        }
    }
    let mut v: Vec<_> = by_message.into_iter().map(|((s, m), c)| (s, m.to_string(), c)).collect();
    v.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (a.0, &a.1).cmp(&(b.0, &b.1))));
    v.truncate(n);
    v
}

/// Which gc command line a comparison reproduces: gc's `-gcflags='-m -l'` (inlining off, what
/// goescape has modelled from the start), its default `-gcflags=-m` (inlining on), or either
/// with gc's explanations (`-m=2`). Everything
/// that depends on the mode is here, so `cargo xtask record`/`diff`/`bench` and
/// `tests/testdata.rs` cannot disagree about flags, golden names or snapshot names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    /// `-gcflags='-m -l'`; `--mode m-l`.
    NoInline,
    /// `-gcflags=-m`, gc's default with inlining; `--mode m`.
    Inline,
    /// `-gcflags='-m=2 -l'`: explanations, inlining off; `--mode m2-l`.
    ExplainNoInline,
    /// `-gcflags=-m=2`: explanations, inlining on; `--mode m2`.
    ExplainInline,
}

impl Mode {
    /// The modes testdata keeps goldens for, the historical one first.
    pub const ALL: [Mode; 2] = [Mode::NoInline, Mode::Inline];
    /// Every mode `--mode` accepts.
    pub const EVERY: [Mode; 4] = [Mode::NoInline, Mode::Inline, Mode::ExplainNoInline, Mode::ExplainInline];

    /// The `--mode` spelling: `m-l` or `m`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::NoInline => "m-l",
            Mode::Inline => "m",
            Mode::ExplainNoInline => "m2-l",
            Mode::ExplainInline => "m2",
        }
    }

    /// The value of gc's `-gcflags` for this mode.
    pub fn gcflags(self) -> &'static str {
        match self {
            Mode::NoInline => "-m -l",
            Mode::Inline => "-m",
            Mode::ExplainNoInline => "-m=2 -l",
            Mode::ExplainInline => "-m=2",
        }
    }

    /// `go build`'s `-gcflags=...` argument for this mode.
    pub fn gcflags_arg(self) -> String {
        format!("-gcflags={}", self.gcflags())
    }

    /// The flags that make the `goescape` binary reproduce this mode.
    pub fn goescape_args(self) -> &'static [&'static str] {
        match self {
            Mode::NoInline => &["-m", "-l"],
            Mode::Inline => &["-m"],
            Mode::ExplainNoInline => &["-m=2", "-l"],
            Mode::ExplainInline => &["-m=2"],
        }
    }

    /// The library's [`crate::Options::inline`] for this mode.
    pub fn inline(self) -> bool {
        matches!(self, Mode::Inline | Mode::ExplainInline)
    }

    /// The library's [`crate::Options::explain`] for this mode.
    pub fn explain(self) -> bool {
        matches!(self, Mode::ExplainNoInline | Mode::ExplainInline)
    }

    /// The golden gc output recorded for the test case `NAME.go`: `NAME.gc` for `-m -l`,
    /// `NAME.m.gc` for `-m`.
    pub fn golden_name(self, case: &str) -> String {
        let stem = case.strip_suffix(".go").unwrap_or(case);
        match self {
            Mode::NoInline => format!("{stem}.gc"),
            Mode::Inline => format!("{stem}.m.gc"),
            Mode::ExplainNoInline => format!("{stem}.m2-l.gc"),
            Mode::ExplainInline => format!("{stem}.m2.gc"),
        }
    }

    /// The snapshot's file stem for a corpus: `testdata` for `-m -l`, `testdata-m` for `-m`.
    pub fn snapshot_stem(self, corpus: &str) -> String {
        match self {
            Mode::NoInline => corpus.to_string(),
            Mode::Inline => format!("{corpus}-m"),
            Mode::ExplainNoInline => format!("{corpus}-m2-l"),
            Mode::ExplainInline => format!("{corpus}-m2"),
        }
    }

    /// The corpus as a snapshot's title names it ([`RenderOptions::corpus`]): the `-m -l`
    /// snapshots keep their plain titles, the `-m` ones say which flags gc ran with.
    pub fn corpus_title(self, corpus: &str) -> String {
        match self {
            Mode::NoInline => corpus.to_string(),
            _ => format!("{corpus} (-gcflags={})", self.gcflags()),
        }
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Mode {
    type Err = String;

    fn from_str(s: &str) -> Result<Mode, String> {
        Mode::EVERY
            .into_iter()
            .find(|m| m.name() == s)
            .ok_or_else(|| format!("unknown mode {s:?}: want m-l, m, m2-l or m2"))
    }
}

/// How to render a snapshot.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// The corpus name shown in the title (`testdata`, `std`, a module directory's name).
    pub corpus: String,
    /// The gc release compared against, e.g. `go1.27.3`.
    pub gc_release: String,
    /// At most this many mismatching lines per file are listed (the rest are counted), so a
    /// large corpus keeps a reviewable snapshot. `None` lists all.
    pub max_lines_per_file: Option<usize>,
}

/// Renders the conformance snapshot: the gc release, agreement, the per-kind table, the units
/// goescape could not analyze, then the mismatching lines grouped by file. Output is ASCII and
/// deterministic, so a change in agreement or in the mismatch list is a visible diff in review.
pub fn render_markdown(cmp: &Comparison, opts: &RenderOptions) -> String {
    let mut out = String::new();
    let t = cmp.total;
    let _ = writeln!(out, "# Conformance: {} against gc {}", opts.corpus, opts.gc_release);
    out.push('\n');
    let _ = writeln!(out, "Agreement: {}/{} ({:.2}%)", t.matched, t.total(), t.agreement());
    out.push('\n');
    let _ = writeln!(
        out,
        "Lines printed by gc: {}, by goescape: {}. Units: {}, not analyzed by goescape: {}.",
        t.gc,
        t.ours,
        cmp.units.len(),
        cmp.units.iter().filter(|u| u.failure.is_some()).count()
    );
    out.push('\n');
    out.push_str("| kind | gc | goescape | matched | precision | recall |\n");
    out.push_str("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    let rows = MessageKind::ALL.iter().map(|k| (k.name(), cmp.per_kind[k])).chain([("total", t)]);
    for (name, c) in rows {
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} | {} |",
            c.gc,
            c.ours,
            c.matched,
            fmt_percent(c.precision()),
            fmt_percent(c.recall())
        );
    }

    let failed: Vec<_> = cmp.units.iter().filter(|u| u.failure.is_some()).collect();
    if !failed.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "## Not analyzed by goescape ({})", failed.len());
        out.push('\n');
        for u in failed {
            let reason = u.failure.as_deref().unwrap_or_default();
            let _ = writeln!(
                out,
                "- `{}`: {} gc lines missing; {}",
                ascii(&u.name),
                u.counts.gc,
                ascii(reason.lines().next().unwrap_or(""))
            );
        }
    }

    // Mismatches of analyzed units, grouped by the file they are about.
    let mut by_file: BTreeMap<&str, Vec<&Mismatch>> = BTreeMap::new();
    for u in cmp.units.iter().filter(|u| u.failure.is_none()) {
        for m in &u.mismatches {
            by_file.entry(m.line.path.as_str()).or_default().push(m);
        }
    }
    if !by_file.is_empty() {
        out.push('\n');
        let n: usize = by_file.values().map(Vec::len).sum();
        let _ = writeln!(out, "## Mismatches ({n}; `-` gc only, `+` goescape only)");
        for (file, mut ms) in by_file {
            ms.sort_by(|a, b| a.line.cmp(&b.line).then(a.side.cmp(&b.side)));
            out.push('\n');
            let _ = writeln!(out, "### {}", ascii(file));
            out.push('\n');
            out.push_str("```diff\n");
            let shown = opts.max_lines_per_file.unwrap_or(usize::MAX).min(ms.len());
            for m in &ms[..shown] {
                let sign = match m.side {
                    Side::Missing => '-',
                    Side::Extra => '+',
                };
                let _ = writeln!(out, "{sign} {}", ascii(&m.line.render()));
            }
            if shown < ms.len() {
                let _ = writeln!(out, "  ... and {} more", ms.len() - shown);
            }
            out.push_str("```\n");
        }
    }
    out
}

fn fmt_percent(p: Option<f64>) -> String {
    match p {
        Some(p) => format!("{p:.2}%"),
        None => "-".to_string(),
    }
}

/// Escapes non-ASCII characters as `\u{..}` so snapshots stay plain ASCII; gc quotes string
/// constants in some messages, and those may hold any Unicode.
fn ascii(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() && (c == '\t' || !c.is_ascii_control()) {
            o.push(c);
        } else {
            let _ = write!(o, "\\u{{{:x}}}", c as u32);
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(path: &str, line: u32, col: u32, message: &str) -> Line {
        Line { path: path.into(), line, col, message: message.into() }
    }

    #[test]
    fn parses_gc_output_and_drops_headers() {
        let text = "# command-line-arguments\n./a.go:6:2: moved to heap: x\n\ngo: something odd\n./a.go:11:11: make([]byte, n) escapes to heap\n";
        let p = parse_output(text);
        assert_eq!(
            p.lines,
            vec![line("./a.go", 6, 2, "moved to heap: x"), line("./a.go", 11, 11, "make([]byte, n) escapes to heap")]
        );
        assert_eq!(p.other, vec!["go: something odd".to_string()]);
    }

    #[test]
    fn parses_paths_with_colons_and_messages_with_positions() {
        assert_eq!(
            parse_line("C:/x/a.go:3:4: leaking param: p to result ~r0 level=0"),
            Some(line("C:/x/a.go", 3, 4, "leaking param: p to result ~r0 level=0"))
        );
        // A line directive without a column: gc prints none.
        assert_eq!(parse_line("a.y:3: moved to heap: x"), Some(line("a.y", 3, 0, "moved to heap: x")));
        assert_eq!(line("a.y", 3, 0, "moved to heap: x").render(), "a.y:3: moved to heap: x");
        assert_eq!(parse_line("a.go:3 no colon"), None);
        assert_eq!(parse_line(":3:4 no path"), None);
        assert_eq!(parse_line(":3: no path"), None);
    }

    #[test]
    fn normalizes_prefixes_and_dot_slash() {
        let prefixes = ["/go/src", "/work/m/"];
        assert_eq!(normalize_path("/go/src/fmt/print.go", &prefixes), "fmt/print.go");
        assert_eq!(normalize_path("/work/m/a.go", &prefixes), "a.go");
        assert_eq!(normalize_path("./a.go", &prefixes), "a.go");
        assert_eq!(normalize_path("/go/srcx/a.go", &prefixes), "/go/srcx/a.go");
    }

    #[test]
    fn classifies_messages() {
        use MessageKind::*;
        let cases = [
            ("moved to heap: x", MovedToHeap),
            ("make([]byte, n) escapes to heap", EscapesToHeap),
            ("... argument does not escape", DoesNotEscape),
            ("leaking param: p", LeakingParam),
            ("leaking param: p to result ~r0 level=0", LeakingParam),
            ("leaking param content: p", LeakingParamContent),
            ("leaking closure reference x", LeakingClosureReference),
            ("b.buf ignoring self-assignment in b.buf = b.buf[1:]", IgnoringSelfAssignment),
            ("devirtualizing s.M to T", Devirtualizing),
            ("zero-copy string->[]byte conversion", ZeroCopy),
            ("can inline f", Other),
        ];
        for (msg, want) in cases {
            assert_eq!(MessageKind::of(msg), want, "{msg}");
        }
    }

    #[test]
    fn modes_name_their_flags_goldens_and_snapshots() {
        assert_eq!("m-l".parse(), Ok(Mode::NoInline));
        assert_eq!("m".parse(), Ok(Mode::Inline));
        assert!("l".parse::<Mode>().is_err());
        assert_eq!(Mode::NoInline.gcflags_arg(), "-gcflags=-m -l");
        assert_eq!(Mode::Inline.goescape_args(), ["-m"]);
        assert_eq!(Mode::NoInline.golden_name("a_b.go"), "a_b.gc");
        assert_eq!(Mode::Inline.golden_name("a_b.go"), "a_b.m.gc");
        assert_eq!(Mode::NoInline.snapshot_stem("std"), "std");
        assert_eq!(Mode::Inline.snapshot_stem("std"), "std-m");
        assert_eq!(Mode::Inline.corpus_title("testdata"), "testdata (-gcflags=-m)");
    }

    #[test]
    fn multiset_agreement_counts_duplicates() {
        let a = line("a.go", 1, 1, "moved to heap: x");
        let b = line("a.go", 2, 1, "y escapes to heap");
        let units = [Unit {
            name: "a.go".into(),
            gc: vec![a.clone(), a.clone(), b.clone()],
            ours: Outcome::Lines(vec![a.clone(), line("a.go", 3, 1, "z does not escape")]),
        }];
        let cmp = compare(&units);
        assert_eq!(cmp.total, Counts { gc: 3, ours: 2, matched: 1 });
        assert_eq!(cmp.total.total(), 4);
        assert!((cmp.total.agreement() - 25.0).abs() < 1e-9);
        let moved = cmp.per_kind[&MessageKind::MovedToHeap];
        assert_eq!(moved, Counts { gc: 2, ours: 1, matched: 1 });
        assert_eq!(moved.precision(), Some(100.0));
        assert_eq!(moved.recall(), Some(50.0));
        let sides: Vec<_> = cmp.units[0].mismatches.iter().map(|m| (m.side, m.line.line)).collect();
        assert_eq!(sides, vec![(Side::Missing, 1), (Side::Missing, 2), (Side::Extra, 3)]);
    }

    #[test]
    fn failed_units_count_every_gc_line_as_missing() {
        let units = [Unit {
            name: "b.go".into(),
            gc: vec![line("b.go", 1, 1, "moved to heap: x")],
            ours: Outcome::Failed("goescape: cannot parse".into()),
        }];
        let cmp = compare(&units);
        assert_eq!(cmp.total, Counts { gc: 1, ours: 0, matched: 0 });
        let md = render_markdown(
            &cmp,
            &RenderOptions { corpus: "t".into(), gc_release: "go1.27.3".into(), max_lines_per_file: None },
        );
        assert!(md.contains("Agreement: 0/1 (0.00%)"), "{md}");
        assert!(md.contains("- `b.go`: 1 gc lines missing; goescape: cannot parse"), "{md}");
    }

    #[test]
    fn renders_a_deterministic_ascii_snapshot() {
        let units = [
            Unit {
                name: "z.go".into(),
                gc: vec![line("z.go", 2, 1, "\"\u{e9}\" escapes to heap")],
                ours: Outcome::Lines(vec![]),
            },
            Unit {
                name: "a.go".into(),
                gc: vec![line("a.go", 1, 1, "moved to heap: x")],
                ours: Outcome::Lines(vec![line("a.go", 1, 1, "moved to heap: x")]),
            },
        ];
        let md = render_markdown(
            &compare(&units),
            &RenderOptions { corpus: "t".into(), gc_release: "go1.27.3".into(), max_lines_per_file: Some(5) },
        );
        assert!(md.is_ascii());
        assert!(md.starts_with("# Conformance: t against gc go1.27.3\n\nAgreement: 1/2 (50.00%)\n"), "{md}");
        assert!(md.contains("### z.go\n\n```diff\n- z.go:2:1: \"\\u{e9}\" escapes to heap\n```\n"), "{md}");
        assert_eq!(top_mismatches(&compare(&units), 20).len(), 1);
    }
}

/// What gc printed for one test case under a release other than the newest: the whole of its
/// stderr, and whether it refused the case (a language feature or std API newer than that
/// release). A refusal is an outcome like any other: its error lines are compared with the
/// errors goescape reports for the same release.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseGolden {
    pub refused: bool,
    pub output: String,
}

/// The file holding every case's [`CaseGolden`] for one release and mode, in
/// `testdata/escape/releases/`: `go1.26.6.gc` for `-m -l`, `go1.26.6.m.gc` for `-m`. The newest
/// release keeps one golden per case beside the case (its ERROR comments are checked against
/// them); older releases keep one file each, so a release is a reviewable unit.
pub fn release_golden_name(release: &str, mode: Mode) -> String {
    mode.golden_name(&format!("go{}", release.trim_start_matches("go")))
}

/// The header that opens a case's section in a release golden file.
const CASE_HEADER: &str = "=== ";
const REFUSED: &str = " (refused)";

/// Renders a release golden file: for each case, `=== NAME.go` (with ` (refused)` when gc
/// refused it), then gc's output verbatim. gc's output never starts a line with `=== `.
pub fn render_release_goldens(cases: &BTreeMap<String, CaseGolden>) -> String {
    let mut out = String::new();
    for (name, golden) in cases {
        let _ = writeln!(out, "{CASE_HEADER}{name}{}", if golden.refused { REFUSED } else { "" });
        out.push_str(&golden.output);
        if !golden.output.is_empty() && !golden.output.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Parses a file written by [`render_release_goldens`].
pub fn parse_release_goldens(text: &str) -> Result<BTreeMap<String, CaseGolden>, String> {
    let mut cases: BTreeMap<String, CaseGolden> = BTreeMap::new();
    let mut current: Option<String> = None;
    for (idx, line) in text.split_inclusive('\n').enumerate() {
        if let Some(header) = line.strip_prefix(CASE_HEADER) {
            let header = header.trim_end_matches('\n');
            let (name, refused) = match header.strip_suffix(REFUSED) {
                Some(name) => (name, true),
                None => (header, false),
            };
            if cases.insert(name.to_string(), CaseGolden { refused, output: String::new() }).is_some() {
                return Err(format!("line {}: case {name} appears twice", idx + 1));
            }
            current = Some(name.to_string());
            continue;
        }
        let Some(name) = &current else {
            return Err(format!("line {}: output before the first `{CASE_HEADER}NAME.go` header", idx + 1));
        };
        cases.get_mut(name).expect("inserted with its header").output.push_str(line);
    }
    Ok(cases)
}

#[cfg(test)]
mod release_golden_tests {
    use super::*;

    #[test]
    fn release_goldens_round_trip() {
        let mut cases = BTreeMap::new();
        cases.insert("a.go".to_string(), CaseGolden { refused: false, output: String::new() });
        cases.insert(
            "b.go".to_string(),
            CaseGolden { refused: false, output: "# command-line-arguments\n./b.go:3:2: moved to heap: x\n".into() },
        );
        cases.insert(
            "c.go".to_string(),
            CaseGolden {
                refused: true,
                output: "# command-line-arguments\n./c.go:4:17: undefined: strings.SplitSeq\n".into(),
            },
        );
        let text = render_release_goldens(&cases);
        assert!(text.starts_with("=== a.go\n=== b.go\n# command-line-arguments\n"), "{text}");
        assert!(text.contains("=== c.go (refused)\n"), "{text}");
        assert_eq!(parse_release_goldens(&text), Ok(cases));
        assert_eq!(release_golden_name("1.26.6", Mode::Inline), "go1.26.6.m.gc");
        assert_eq!(release_golden_name("go1.21.13", Mode::NoInline), "go1.21.13.gc");
        assert!(parse_release_goldens("stray\n=== a.go\n").is_err());
        assert!(parse_release_goldens("=== a.go\n=== a.go\n").is_err());
    }
}
