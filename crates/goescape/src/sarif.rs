//! `--format sarif`: the verdicts as one SARIF 2.1.0 log, for code-scanning UIs (GitHub code
//! scanning, IDE SARIF viewers).
//!
//! The log has one run: a rule per verdict [`Kind`], a result per verdict (gc's `-m` line,
//! message and position as gc prints them), and, under `-m=2`, each explanation gc prints
//! before a verdict as one of that result's code flows: the line that opens it (`x escapes to
//! heap in f:`) is the flow's message and its `flow:` and `from` lines are the flow's steps,
//! each at the node it names. The explanations are matched to their verdicts by the structure
//! the pipeline keeps ([`Explains`]), never by reading the text back.
//!
//! Positions: file names relative to the module root are given against the `%SRCROOT%` base
//! (whose `file://` URI is in `originalUriBaseIds`), `$GOROOT/src/...` against `GOROOT`, others
//! as absolute `file://` URIs. gc's columns count bytes; SARIF counts UTF-16 code units (its
//! default, stated in the run's `columnKind`), so a column is converted with the line's text
//! read from the file. Where the file cannot be read (a `//line` directive naming a file that
//! is not there, `$GOROOT` with no GOROOT), gc's byte column is kept: it is the same for a
//! line with only ASCII before the position.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use crate::{Analysis, Diagnostic, Explains, Kind, Options, Position};

/// The schema the log names: the OASIS committee's SARIF 2.1.0 schema (errata 01), of which
/// `tests/schema/sarif-2.1.0.json` is a copy.
const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base that the module's files are named against.
const SRCROOT: &str = "%SRCROOT%";
/// The base of the standard library's files (`$GOROOT/src/...` in gc's lines).
const GOROOT: &str = "GOROOT";

/// Writes the SARIF log of `a`, analyzed with `opts`, to `w`.
pub fn write_sarif(a: &Analysis, opts: &Options, w: &mut impl std::io::Write) -> std::io::Result<()> {
    let log = log_of(a, opts);
    serde_json::to_writer_pretty(&mut *w, &log).map_err(std::io::Error::from)?;
    writeln!(w)
}

/// [`write_sarif`] into a string.
pub fn render_sarif(a: &Analysis, opts: &Options) -> String {
    let mut out = Vec::new();
    write_sarif(a, opts, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// The directory `%SRCROOT%` names: the workspace's (go.work) or the module's (go.mod) root
/// governing `cwd`, as the go command finds them, else `cwd` itself.
pub fn source_root(cwd: &Path) -> PathBuf {
    let skip_work = std::env::var("GOWORK").is_ok_and(|w| w == "off");
    let names: &[&str] = if skip_work { &["go.mod"] } else { &["go.work", "go.mod"] };
    names.iter().find_map(|name| cwd.ancestors().find(|d| d.join(name).is_file())).unwrap_or(cwd).to_path_buf()
}

/// How a code-scanning UI ranks a verdict. The heap allocations gc reports (`moved to heap`,
/// `escapes to heap`) are what a reader acts on, so they are warnings; everything else,
/// parameter leaks included (a summary of what a function does with its parameter, which
/// costs an allocation only at a call, reported there as `escapes to heap`), is a note.
pub fn level_of(kind: Kind) -> &'static str {
    match kind {
        Kind::MovedToHeap | Kind::Escapes => "warning",
        _ => "note",
    }
}

/// A rule's name, short and full descriptions, and help.
fn describe(kind: Kind) -> (&'static str, &'static str, &'static str, &'static str) {
    match kind {
        Kind::MovedToHeap => (
            "MovedToHeap",
            "A variable is allocated on the heap.",
            "gc's `moved to heap: x`: the variable's address outlives the function (it is returned, stored in the heap or a package-level variable, captured by reference by a closure that escapes, ...) or the variable is too large for the stack, so gc allocates it on the heap.",
            "Run goescape -m=2 for the path that sends the variable to the heap (it is this result's code flow), or goescape --explain for the usual fix: return a value instead of a pointer, let the caller own the storage, keep the address local.",
        ),
        Kind::Escapes => (
            "Escapes",
            "A value is allocated on the heap.",
            "gc's `X escapes to heap`: the allocation X (`new`, `&T{...}`, `make`, a composite literal, a closure, a conversion to an interface, `append`'s growth, ...) is made on the heap because it outlives the function or its size is not known or too large.",
            "Run goescape -m=2 for the path that sends the value to the heap (this result's code flow), or goescape --explain for the usual fix: preallocate with a constant size, let the caller pass a buffer, avoid the interface conversion on the hot path.",
        ),
        Kind::DoesNotEscape => (
            "DoesNotEscape",
            "A value stays on the stack.",
            "gc's `X does not escape`: the allocation, closure or parameter content X does not outlive the function, so it is on the stack.",
            "Nothing to do: this is what escape analysis proved.",
        ),
        Kind::LeakingParam => (
            "LeakingParam",
            "A parameter leaks.",
            "gc's `leaking param: p` (to the heap), `leaking param: p to result ~r0 level=0` (to a result) or `leaking param content: p` (what it points to): the function's summary of what it lets its parameter reach. Arguments a caller passes there escape with it.",
            "Run goescape -m=2 for the path by which the parameter leaks (this result's code flow).",
        ),
        Kind::LeakingClosureRef => (
            "LeakingClosureRef",
            "A variable a closure captures leaks.",
            "gc's `leaking closure reference x`: a variable captured by a closure reaches the heap through the closure.",
            "Run goescape -m=2 for the path by which it leaks.",
        ),
        Kind::SelfAssignment => (
            "SelfAssignment",
            "A self-assignment is ignored by escape analysis.",
            "gc's `f ignoring self-assignment in x.buf = x.buf[a:b]`: an assignment of a field to itself that escape analysis does not count as a flow.",
            "Nothing to do: the assignment does not make anything escape.",
        ),
        Kind::Devirtualizing => (
            "Devirtualizing",
            "An interface call is devirtualized.",
            "gc's `devirtualizing s.M to T`: the interface call is made directly to T's method, which lets it be inlined and its arguments stay on the stack.",
            "Nothing to do.",
        ),
        Kind::ZeroCopy => (
            "ZeroCopy",
            "A string to []byte conversion copies nothing.",
            "gc's `zero-copy string->[]byte conversion`: the converted bytes are never written, so the slice shares the string's memory.",
            "Nothing to do.",
        ),
        Kind::Other => (
            "Other",
            "Another compiler note.",
            "Any other line of gc's -m output: inlining decisions (`can inline f`, `inlining call to f`, `cannot inline f: reason`), closure captures (`capturing by ref`), bounds-check notes, and -m=2 explanations whose verdict is not printed.",
            "See the message.",
        ),
        Kind::Hint => (
            "Hint",
            "Why a value is on the heap, in plain words (goescape --explain).",
            "Not gc's: the cause goescape --explain reads off the path gc's -m=2 explains for the heap verdict at the same position, and the change that usually avoids it.",
            "The hint names the usual fix; the -m=2 path (the verdict's code flow) shows the details.",
        ),
    }
}

/// The whole log.
fn log_of(a: &Analysis, opts: &Options) -> Log {
    let root = source_root(&opts.cwd);
    let goroot = opts.goroot.as_ref().filter(|g| g.is_absolute()).cloned();
    let mut places = Places { cwd: &opts.cwd, root: &root, goroot: goroot.as_deref(), files: HashMap::default() };
    let mut results = Vec::new();
    for p in &a.packages {
        package_results(p, &mut places, &mut results);
    }
    let repository = option_env!("CARGO_PKG_REPOSITORY").filter(|r| !r.is_empty());
    let rules = Kind::ALL
        .iter()
        .map(|&kind| {
            let (name, short, full, help) = describe(kind);
            Rule {
                id: kind.as_str(),
                name,
                short_description: Message { text: short.into() },
                full_description: Message { text: full.into() },
                help: Message { text: help.into() },
                help_uri: repository.map(|r| format!("{r}#sarif-for-code-scanning")),
                default_configuration: Configuration { level: level_of(kind) },
            }
        })
        .collect();
    let notifications: Vec<Notification> = a
        .packages
        .iter()
        .flat_map(|p| {
            p.errors.iter().map(|e| Notification {
                level: "error",
                message: Message { text: e.clone() },
                properties: PackageProperty { package: p.import_path.clone() },
            })
        })
        .collect();
    let mut bases = BTreeMap::new();
    bases.insert(SRCROOT, BaseLocation { uri: Some(dir_uri(&root)), description: None });
    if results.iter().any(SarifResult::uses_goroot) {
        let base = match &goroot {
            Some(g) => BaseLocation { uri: Some(dir_uri(g)), description: None },
            None => BaseLocation {
                uri: None,
                description: Some(Message {
                    text: format!(
                        "The GOROOT of {}: its standard library was read from goescape's bundled facts.",
                        opts.release.full_name()
                    ),
                }),
            },
        };
        bases.insert(GOROOT, base);
    }
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "goescape",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: repository,
                    rules,
                },
            },
            invocations: vec![Invocation {
                execution_successful: notifications.is_empty(),
                tool_execution_notifications: notifications,
            }],
            original_uri_base_ids: bases,
            column_kind: "utf16CodeUnits",
            results,
            properties: RunProperties {
                gc_release: opts.release.full_name(),
                inlining: opts.inline,
                explain: opts.explain,
            },
        }],
    }
}

/// One explanation gathered from its lines, waiting for the verdict at its position.
struct Flow {
    /// The line that opens it: its position is the verdict's.
    head: Diagnostic,
    steps: Vec<ThreadFlowLocation>,
}

/// A position as a key: explanations wait for their verdict under it.
type At<'d> = (&'d str, u32, u32);

fn at(d: &Diagnostic) -> At<'_> {
    (&d.path, d.line, d.col)
}

/// A package's results, in gc's order, each verdict with the explanations printed before it
/// at its position. An explanation with no such verdict (a parameter without pointers that
/// leaks, a method gc compiles but reports nothing about) is a result of its own, after the
/// package's verdicts.
fn package_results(p: &crate::PackageReport, places: &mut Places, out: &mut Vec<SarifResult>) {
    // The explanations in the order they were printed (`None` once taken by a verdict), and
    // where each waits.
    let mut flows: Vec<Option<Flow>> = Vec::new();
    let mut waiting: HashMap<At, Vec<usize>> = HashMap::default();
    for d in &p.diagnostics {
        match &d.explains {
            Some(Explains::Head) => {
                waiting.entry(at(d)).or_default().push(flows.len());
                flows.push(Some(Flow { head: d.clone(), steps: Vec::new() }));
            }
            Some(Explains::Step { at: node }) => {
                let own = Position { path: d.path.clone(), line: d.line, col: d.col };
                let location = places.location(node.as_ref().unwrap_or(&own), None);
                let message = Some(Message { text: d.message.trim_start().to_string() });
                let step = ThreadFlowLocation { location: Location { message, ..location } };
                match flows.last_mut().and_then(Option::as_mut).filter(|f| at(&f.head) == at(d)) {
                    Some(flow) => flow.steps.push(step),
                    // A step always follows the line that opens its explanation; should one
                    // not, it still belongs to the verdict at its position.
                    None => {
                        waiting.entry(at(d)).or_default().push(flows.len());
                        flows.push(Some(Flow { head: d.clone(), steps: vec![step] }));
                    }
                }
            }
            None => {
                let explained =
                    matches!(d.kind, Kind::MovedToHeap | Kind::Escapes | Kind::LeakingParam | Kind::LeakingClosureRef);
                let mine = if explained { waiting.remove(&at(d)).unwrap_or_default() } else { Vec::new() };
                let mine = mine.into_iter().filter_map(|i| flows[i].take()).collect();
                out.push(result_of(p, d, mine, places));
            }
        }
    }
    for flow in flows.into_iter().flatten() {
        let d = Diagnostic { kind: Kind::Other, explains: None, ..flow.head.clone() };
        out.push(result_of(p, &d, vec![flow], places));
    }
}

fn result_of(p: &crate::PackageReport, d: &Diagnostic, flows: Vec<Flow>, places: &mut Places) -> SarifResult {
    let position = Position { path: d.path.clone(), line: d.line, col: d.col };
    let function = (!d.function.is_empty()).then(|| d.function.clone());
    let location = places.location(&position, function);
    let code_flows = flows
        .into_iter()
        .map(|f| CodeFlow {
            message: Message { text: f.head.message.trim_start().to_string() },
            thread_flows: vec![ThreadFlow { locations: f.steps }],
        })
        .collect();
    SarifResult {
        rule_id: d.kind.as_str(),
        rule_index: Kind::ALL.iter().position(|&k| k == d.kind).expect("every kind has a rule"),
        level: level_of(d.kind),
        message: Message { text: d.message.trim_start().to_string() },
        locations: vec![location],
        code_flows,
        properties: PackageProperty { package: p.import_path.clone() },
    }
}

/// Turns gc's positions into SARIF locations, reading files to convert columns.
struct Places<'a> {
    cwd: &'a Path,
    root: &'a Path,
    goroot: Option<&'a Path>,
    /// Each file read, by (under GOROOT, its path): its lines, or `None` when unreadable.
    files: HashMap<(bool, PathBuf), Option<Vec<String>>>,
}

impl Places<'_> {
    /// The location of a position gc prints (`./main.go`, `$GOROOT/src/fmt/print.go`, an
    /// absolute path, `<autogenerated>`), with the function it is in, if known.
    fn location(&mut self, pos: &Position, function: Option<String>) -> Location {
        let logical_locations =
            function.map(|f| vec![LogicalLocation { fully_qualified_name: f, kind: "function" }]).unwrap_or_default();
        let physical_location = self.artifact(&pos.path).map(|(artifact, file)| {
            let region = (pos.line > 0).then(|| Region {
                start_line: pos.line,
                start_column: (pos.col > 0).then(|| self.utf16_column(file, pos.line, pos.col)),
            });
            PhysicalLocation { artifact_location: artifact, region }
        });
        Location { physical_location, logical_locations, message: None }
    }

    /// Where a file gc names is: its artifact location, and the file to read (under GOROOT or
    /// not, its path); `None` for a file that is not one (`<autogenerated>`, no name).
    fn artifact(&self, path: &str) -> Option<(ArtifactLocation, (bool, PathBuf))> {
        if path.is_empty() || path == "<autogenerated>" {
            return None;
        }
        if let Some(rest) = path.strip_prefix("$GOROOT/") {
            let artifact = ArtifactLocation { uri: encode_path(rest), uri_base_id: Some(GOROOT) };
            return Some((artifact, (true, PathBuf::from(rest))));
        }
        let file = normalize(&self.cwd.join(path));
        let artifact = match file.strip_prefix(self.root) {
            Ok(rel) => ArtifactLocation { uri: encode_path(&slashes(rel)), uri_base_id: Some(SRCROOT) },
            Err(_) => ArtifactLocation { uri: file_uri(&file), uri_base_id: None },
        };
        Some((artifact, (false, file)))
    }

    /// gc's byte column `col` on line `line` of `file` in UTF-16 code units, or `col` itself
    /// when the file or line cannot be read or the column is not at a character.
    fn utf16_column(&mut self, file: (bool, PathBuf), line: u32, col: u32) -> u32 {
        let goroot = self.goroot;
        let lines = self.files.entry(file).or_insert_with_key(|(in_goroot, path)| {
            let path = if *in_goroot { goroot?.join(path) } else { path.clone() };
            let bytes = std::fs::read(path).ok()?;
            Some(String::from_utf8_lossy(&bytes).split('\n').map(String::from).collect())
        });
        let Some(text) = lines.as_ref().and_then(|l| l.get(line as usize - 1)) else { return col };
        let at = col as usize - 1;
        if at > text.len() || !text.is_char_boundary(at) {
            return col;
        }
        text[..at].encode_utf16().count() as u32 + 1
    }
}

impl SarifResult {
    fn uses_goroot(&self) -> bool {
        let named = |l: &Location| {
            l.physical_location.as_ref().is_some_and(|p| p.artifact_location.uri_base_id == Some(GOROOT))
        };
        self.locations.iter().any(named)
            || self
                .code_flows
                .iter()
                .flat_map(|c| &c.thread_flows)
                .flat_map(|t| &t.locations)
                .any(|s| named(&s.location))
    }
}

/// `path` without `.` and with `..` applied, as written (no links followed).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// A relative path with `/` between its parts.
fn slashes(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The `file://` URI of an absolute path.
fn file_uri(path: &Path) -> String {
    let s = slashes(path);
    // `/home/x` has the root as its first part (`/`), which `slashes` joined as `//home/x`.
    let s = s.trim_start_matches('/');
    format!("file:///{}", encode_path(s))
}

/// The `file://` URI of a directory, ending in `/` as SARIF wants a base URI to.
fn dir_uri(path: &Path) -> String {
    let uri = file_uri(path);
    if uri.ends_with('/') {
        uri
    } else {
        uri + "/"
    }
}

/// A path as a URI path: every byte but unreserved ones, sub-delimiters, `:`, `@` and `/`
/// percent-encoded (RFC 3986).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

// The SARIF 2.1.0 objects written, with only the properties goescape fills in.

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    original_uri_base_ids: BTreeMap<&'static str, BaseLocation>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
    properties: RunProperties,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Message,
    full_description: Message,
    help: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
    properties: PackageProperty,
}

#[derive(Serialize)]
struct PackageProperty {
    /// The import path of the package.
    package: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties {
    /// The gc release modelled (`go1.27.3`).
    gc_release: String,
    /// Inlining on (gc's default) or off (`-l`).
    inlining: bool,
    /// gc's `-m=2`: the results carry their explanations as code flows.
    explain: bool,
}

#[derive(Serialize)]
struct BaseLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    code_flows: Vec<CodeFlow>,
    properties: PackageProperty,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    physical_location: Option<PhysicalLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CodeFlow {
    message: Message,
    thread_flows: Vec<ThreadFlow>,
}

#[derive(Serialize)]
struct ThreadFlow {
    locations: Vec<ThreadFlowLocation>,
}

#[derive(Serialize)]
struct ThreadFlowLocation {
    location: Location,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(encode_path("a b/ü%#?.go"), "a%20b/%C3%BC%25%23%3F.go");
        assert_eq!(file_uri(Path::new("/tmp/x y")), "file:///tmp/x%20y");
        assert_eq!(dir_uri(Path::new("/tmp/m")), "file:///tmp/m/");
    }

    #[test]
    fn paths_are_normalized_lexically() {
        assert_eq!(normalize(Path::new("/a/b/./c/../d.go")), PathBuf::from("/a/b/d.go"));
    }
}
