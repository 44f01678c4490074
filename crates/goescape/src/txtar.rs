//! Module test cases as txtar archives, the go command's own format for test trees
//! (golang.org/x/tools/txtar): a comment, then files, each introduced by a `-- NAME --` line.
//!
//! A case's comment holds its settings, one `key: value` a line (other lines are prose):
//!
//! * `cwd: DIR` — where the build runs, relative to the tree (default: the tree's root);
//! * `env: KEY=VALUE` — the build's environment, `$ROOT` standing for the tree; GOMODCACHE
//!   defaults to `$ROOT/modcache` and GOWORK to `off`;
//! * `args: -m ./...` — goescape's arguments (`-m`, `-l`, packages), as `go build -gcflags`
//!   takes the flags.
//!
//! The tests write the tree into a scratch directory and compare goescape with gc's recorded
//! output; `cargo xtask record-modules` records that output by running gc on the same tree.

use std::path::Path;

/// A parsed archive: its comment and its files in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Archive {
    pub comment: String,
    pub files: Vec<(String, String)>,
}

/// The name in a `-- NAME --` marker line.
fn marker(line: &str) -> Option<&str> {
    let name = line.strip_prefix("-- ")?.strip_suffix(" --")?.trim();
    (!name.is_empty()).then_some(name)
}

/// Parses txtar text.
pub fn parse(text: &str) -> Archive {
    let mut ar = Archive::default();
    let mut cur: Option<(String, String)> = None;
    for line in text.split_inclusive('\n') {
        if let Some(name) = marker(line.trim_end_matches('\n')) {
            if let Some(f) = cur.take() {
                ar.files.push(f);
            }
            cur = Some((name.to_string(), String::new()));
            continue;
        }
        match &mut cur {
            Some((_, data)) => data.push_str(line),
            None => ar.comment.push_str(line),
        }
    }
    if let Some(f) = cur {
        ar.files.push(f);
    }
    ar
}

/// One module test case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleCase {
    pub cwd: String,
    /// `env:` settings as written (`$ROOT` not yet substituted).
    pub env: Vec<(String, String)>,
    pub args: Vec<String>,
    pub files: Vec<(String, String)>,
}

impl ModuleCase {
    pub fn parse(text: &str) -> Result<ModuleCase, String> {
        let ar = parse(text);
        let mut case = ModuleCase { cwd: String::new(), env: Vec::new(), args: Vec::new(), files: ar.files };
        for line in ar.comment.lines() {
            if let Some(v) = line.strip_prefix("cwd:") {
                case.cwd = v.trim().to_string();
            } else if let Some(v) = line.strip_prefix("env:") {
                let (k, v) = v.trim().split_once('=').ok_or_else(|| format!("env without `=`: {line}"))?;
                case.env.push((k.to_string(), v.to_string()));
            } else if let Some(v) = line.strip_prefix("args:") {
                case.args = v.split_whitespace().map(String::from).collect();
            }
        }
        if case.args.is_empty() {
            return Err("the case has no `args:` line".into());
        }
        Ok(case)
    }

    /// Writes the case's files under `root`.
    pub fn write(&self, root: &Path) -> std::io::Result<()> {
        for (name, data) in &self.files {
            let path = root.join(name);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(path, data)?;
        }
        Ok(())
    }

    /// The environment for a tree written at `root`, defaults included.
    pub fn env_in(&self, root: &Path) -> Vec<(String, String)> {
        let root_s = root.to_string_lossy();
        let mut env: Vec<(String, String)> =
            self.env.iter().map(|(k, v)| (k.clone(), v.replace("$ROOT", &root_s))).collect();
        for (k, v) in [("GOMODCACHE", format!("{root_s}/modcache")), ("GOWORK", "off".to_string())] {
            if !env.iter().any(|(e, _)| e == k) {
                env.push((k.to_string(), v));
            }
        }
        env
    }

    /// Whether inlining is on (no `-l`).
    pub fn inline(&self) -> bool {
        !self.args.iter().any(|a| a == "-l" || a == "-m=-l")
    }

    /// The package arguments.
    pub fn patterns(&self) -> Vec<String> {
        self.args.iter().filter(|a| !a.starts_with('-')).cloned().collect()
    }

    /// The `-gcflags` value gc gets for these arguments.
    pub fn gcflags(&self) -> String {
        if self.inline() {
            "-gcflags=-m".into()
        } else {
            "-gcflags=-m -l".into()
        }
    }
}

/// The module environment a case's `env` describes.
pub fn mod_env(env: &[(String, String)]) -> syntax::load::ModEnv {
    let get = |k: &str| env.iter().find(|(e, _)| e == k).map(|(_, v)| v.clone()).filter(|v| !v.is_empty());
    syntax::load::ModEnv {
        gomodcache: get("GOMODCACHE").map(Into::into),
        gopath: get("GOPATH"),
        home: get("HOME").map(Into::into),
        goflags: get("GOFLAGS"),
        gowork: get("GOWORK"),
    }
}

/// gc's output split into packages (`# path` headers), sorted by path: with several roots
/// that do not import one another gc's order depends on which compile finishes first.
pub fn by_package(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("# ") {
            out.push((h.to_string(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        } else {
            out.push((String::new(), format!("{line}\n")));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
