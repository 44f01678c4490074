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

/// The tool tags of the go1.`release_minor` toolchain (1.26 or 1.27) with default GOEXPERIMENT
/// and architecture levels, as `go list -f '{{context.ToolTags}}'` reports them
/// (`internal/buildcfg/exp.go`'s baseline: 1.27 turned on `jsonv2` and `sizespecializedmalloc`).
pub fn tool_tags(goos: &str, goarch: &str, release_minor: u32) -> Vec<String> {
    let mut tags = Vec::new();
    if matches!(goarch, "amd64" | "arm64" | "ppc64" | "ppc64le" | "riscv64" | "loong64" | "s390x") {
        tags.push("goexperiment.regabiwrappers");
        tags.push("goexperiment.regabiargs");
    }
    if !matches!(goos, "darwin" | "ios" | "aix") {
        tags.push("goexperiment.dwarf5");
    }
    if release_minor >= 27 {
        tags.push("goexperiment.jsonv2");
    }
    tags.extend(["goexperiment.greenteagc", "goexperiment.randomizedheapbase64"]);
    if release_minor >= 27 {
        tags.push("goexperiment.sizespecializedmalloc");
    }
    let mut tags: Vec<String> = tags.into_iter().map(String::from).collect();
    let levels: &[&str] = match goarch {
        "amd64" => &["v1"],
        "arm64" => &["v8.0"],
        "386" => &["sse2"],
        "arm" => &["5", "6", "7"],
        "riscv64" => &["rva20u64"],
        "ppc64" | "ppc64le" => &["power8"],
        "mips" | "mipsle" | "mips64" | "mips64le" => &["hardfloat"],
        "wasm" => &["satconv", "signext"],
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
