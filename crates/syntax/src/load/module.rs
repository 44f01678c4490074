//! Modules: finding the `go.mod` that governs a directory and reading what the loader needs
//! from it.
//!
//! The main module is the nearest `go.mod` at or above the working directory. From the file
//! we take the `module` path, the `go` line (the language version: `go 1.22.3` and `go
//! 1.21rc1` mean 1.22 and 1.21; without a `go` line the go command assumes 1.16) and the
//! `ignore` directives, which hide directories from `./...`-style patterns; and, for loading
//! dependencies, the `require`, `replace` and `exclude` directives (the go command's
//! `modfile` package reads the same lines; this reader skips what it does not need).

use std::path::{Path, PathBuf};

/// The language version a module without a `go` line gets.
pub const DEFAULT_GO_VERSION: (u32, u32) = (1, 16);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    /// The directory holding go.mod.
    pub root: PathBuf,
    /// The `module` path.
    pub path: String,
    /// The `go` line's version, if any (major, minor).
    pub go: Option<(u32, u32)>,
    /// The `go` line as written.
    pub go_text: Option<String>,
    /// `ignore` directives, as written.
    pub ignore: Vec<String>,
    /// `require` directives, in file order.
    pub require: Vec<Require>,
    /// `replace` directives, in file order.
    pub replace: Vec<Replace>,
    /// `exclude` directives.
    pub exclude: Vec<ModVersion>,
    /// What the go command finds wrong with the file (checked for a main module only).
    pub errors: Vec<super::modfile::ModError>,
}

impl Module {
    /// The language version the module's packages compile with.
    pub fn go_version(&self) -> (u32, u32) {
        self.go.unwrap_or(DEFAULT_GO_VERSION)
    }

    /// The import path prefix of the module's packages: `std` and `cmd` in GOROOT are special.
    pub fn prefix(&self) -> &str {
        if self.path == "std" {
            ""
        } else {
            &self.path
        }
    }

    /// The import path of directory `dir` (which must lie under the root).
    pub fn import_path(&self, dir: &Path) -> Option<String> {
        let rel = dir.strip_prefix(&self.root).ok()?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        Some(join_path(self.prefix(), &rel))
    }

    /// The directory of import path `path`, if the path belongs to the module.
    pub fn dir_of(&self, path: &str) -> Option<PathBuf> {
        let prefix = self.prefix();
        if prefix.is_empty() {
            return Some(self.root.join(path));
        }
        if path == prefix {
            return Some(self.root.clone());
        }
        let rest = path.strip_prefix(prefix)?.strip_prefix('/')?;
        Some(self.root.join(rest))
    }

    /// Whether the ignore directives hide `rel` (slash-separated, relative to the root).
    pub fn ignores(&self, rel: &str) -> bool {
        self.ignore.iter().any(|pat| {
            let pat = pat.trim_end_matches('/');
            if let Some(anchored) = pat.strip_prefix("./") {
                rel == anchored || rel.starts_with(&format!("{anchored}/"))
            } else {
                // An unanchored pattern matches that path at any depth.
                let elems: Vec<&str> = rel.split('/').collect();
                let pelems: Vec<&str> = pat.split('/').collect();
                (0..elems.len()).any(|i| elems[i..].starts_with(&pelems))
            }
        })
    }
}

/// Joins an import path prefix and a relative slash path.
pub fn join_path(prefix: &str, rel: &str) -> String {
    match (prefix.is_empty(), rel.is_empty()) {
        (_, true) => prefix.to_string(),
        (true, false) => rel.to_string(),
        _ => format!("{prefix}/{rel}"),
    }
}

/// The module whose go.mod is nearest at or above `dir`.
pub fn find(dir: &Path) -> Option<Module> {
    let mut d = Some(dir);
    while let Some(cur) = d {
        let gomod = cur.join("go.mod");
        if gomod.is_file() {
            let text = std::fs::read(&gomod).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
            let mut m = parse(cur, &text);
            m.errors = super::modfile::check(&text, &gomod.to_string_lossy());
            return Some(m);
        }
        d = cur.parent();
    }
    None
}

/// Parses go.mod text for a module rooted at `root`. Syntax errors are not reported: the
/// go command rejects such a file before gc runs, and we take what we can read.
pub fn parse(root: &Path, text: &str) -> Module {
    let mut m = Module {
        root: root.to_path_buf(),
        path: String::new(),
        go: None,
        go_text: None,
        ignore: Vec::new(),
        require: Vec::new(),
        replace: Vec::new(),
        exclude: Vec::new(),
        errors: Vec::new(),
    };
    for (verb, args, comment) in directives(text) {
        match verb.as_str() {
            "module" => m.path = args.first().cloned().unwrap_or_default(),
            "go" => {
                let v = args.first().cloned().unwrap_or_default();
                m.go = parse_go_version(&v);
                m.go_text = Some(v);
            }
            "ignore" => m.ignore.extend(args.first().cloned()),
            "require" if args.len() >= 2 => m.require.push(Require {
                module: ModVersion::new(&args[0], &args[1]),
                indirect: comment.split_whitespace().next() == Some("indirect"),
            }),
            "exclude" if args.len() >= 2 => m.exclude.push(ModVersion::new(&args[0], &args[1])),
            "replace" => m.replace.extend(parse_replace(&args)),
            _ => {}
        }
    }
    m
}

/// A module path at a version (`""` for a main module or a directory).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModVersion {
    pub path: String,
    pub version: String,
}

impl ModVersion {
    pub fn new(path: &str, version: &str) -> ModVersion {
        ModVersion { path: path.to_string(), version: version.to_string() }
    }
}

impl std::fmt::Display for ModVersion {
    /// `path@version`, or just the path without a version, as the go command names modules.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.version.is_empty() {
            f.write_str(&self.path)
        } else {
            write!(f, "{}@{}", self.path, self.version)
        }
    }
}

/// A `require` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Require {
    pub module: ModVersion,
    /// Marked `// indirect`.
    pub indirect: bool,
}

/// A `replace` line: `old [version] => new [version]`. An `old` without a version replaces
/// every version; a `new` without a version is a directory (`./x`, `../x`, `/abs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replace {
    pub old: ModVersion,
    pub new: ModVersion,
}

impl Replace {
    /// Whether the replacement is a directory rather than a module version.
    pub fn is_dir(&self) -> bool {
        self.new.version.is_empty()
    }
}

fn parse_replace(args: &[String]) -> Option<Replace> {
    let arrow = args.iter().position(|a| a == "=>")?;
    let (old, new) = (&args[..arrow], &args[arrow + 1..]);
    let old = match old {
        [p] => ModVersion::new(p, ""),
        [p, v] => ModVersion::new(p, v),
        _ => return None,
    };
    let new = match new {
        [p] => ModVersion::new(p, ""),
        [p, v] => ModVersion::new(p, v),
        _ => return None,
    };
    Some(Replace { old, new })
}

/// The directives of a go.mod or go.work file: `(verb, arguments, trailing comment)`, with
/// blocks (`require ( ... )`) flattened into one directive per line and quoted arguments
/// unquoted.
pub fn directives(text: &str) -> Vec<(String, Vec<String>, String)> {
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        let (toks, comment) = tokens(line);
        if toks.is_empty() {
            continue;
        }
        if let Some(verb) = &block {
            if toks.len() == 1 && toks[0] == ")" {
                block = None;
            } else {
                out.push((verb.clone(), toks, comment));
            }
            continue;
        }
        if toks.len() == 2 && toks[1] == "(" {
            block = Some(toks[0].clone());
            continue;
        }
        let mut toks = toks;
        let verb = toks.remove(0);
        out.push((verb, toks, comment));
    }
    out
}

/// Splits one line into tokens (`"quoted"` and `` `raw` `` strings unquoted; `(`, `)` and
/// `=>` are tokens of their own) and the text of a trailing `//` comment.
fn tokens(line: &str) -> (Vec<String>, String) {
    let mut toks = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if line[i..].starts_with("//") {
            return (toks, line[i + 2..].trim().to_string());
        } else if c == '"' || c == '`' {
            chars.next();
            let mut s = String::new();
            while let Some((_, d)) = chars.next() {
                if d == c {
                    break;
                }
                if d == '\\' && c == '"' {
                    if let Some((_, e)) = chars.next() {
                        s.push(e);
                    }
                    continue;
                }
                s.push(d);
            }
            toks.push(s);
        } else if c == '(' || c == ')' {
            chars.next();
            toks.push(c.to_string());
        } else {
            let mut s = String::new();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_whitespace() || d == '(' || d == ')' || line[j..].starts_with("//") {
                    break;
                }
                s.push(d);
                chars.next();
            }
            toks.push(s);
        }
    }
    (toks, String::new())
}

/// `1.22`, `1.22.3`, `1.21rc1` → the language version (1, 22), (1, 22), (1, 21).
pub fn parse_go_version(v: &str) -> Option<(u32, u32)> {
    let v = v.trim();
    let (major, rest) = v.split_once('.')?;
    let minor: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    Some((major.parse().ok()?, minor.parse().ok()?))
}
