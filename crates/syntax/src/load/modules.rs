//! The main modules and their dependencies: which module provides an import path, and where
//! its files are (cmd/go/internal/modload: `init.go`, `buildlist.go`, `import.go`).
//!
//! * Main modules: the module containing the working directory, or, in workspace mode, every
//!   module a `go.work` file `use`s (GOWORK names the file; unset, it is searched for upward
//!   from the working directory; `GOWORK=off` disables workspaces).
//! * Mode ([`ModMode`]): `-mod=` in GOFLAGS, else vendor mode when a vendor directory exists
//!   (beside go.mod, or beside go.work in workspace mode), the `go` version (go.mod's, or
//!   go.work's) is at least 1.14 and modules.txt was written in the same (workspace or not)
//!   mode; else readonly, reading the module cache. We never update go.mod, so `-mod=mod`
//!   reads like readonly.
//! * The module graph (module cache modes): [`Modules::graph`] ports `readModGraph`. With a
//!   main module at go 1.17 or later the graph is pruned: the main module's requirements are
//!   its roots, each root's go.mod is read and its requirements join the graph, but a pruned
//!   module's requirements are not followed further (a go.mod older than 1.17 is followed
//!   transitively). A main module before 1.17 reads the whole graph. In workspace mode the
//!   roots are the main modules. The selected version of a path is the highest version in
//!   the graph (minimal version selection). `replace` directives (go.work's win over the
//!   modules') redirect a module version to a directory or another module version, and
//!   requirements of versions `exclude`d by a main module are dropped (Go 1.16 semantics).
//!   Not modelled: the go command's `unprune` set, which can widen a pruned graph after it
//!   finds a package in a module outside it (`go mod tidy` makes go.mod list such modules),
//!   and go.sum verification.
//! * Importing (`importFromModules`): in module-cache mode every prefix of the import path
//!   that names a main module or a selected module is a candidate, longest first; the module
//!   must be on disk (else an error naming module@version and where we looked), and the
//!   candidate counts when its directory for the path holds `.go` files (not inside a nested
//!   module, for directory trees). Two candidates are ambiguous. In vendor mode the candidates
//!   are the main modules and `vendor/PATH`, which modules.txt must list.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::modcache::{self, ModEnv, ModMode};
use super::module::{self, ModVersion, Module, Replace};
use super::paths;
use super::semver;
use super::vendor::{self, VendorList};

/// The go command's `ExplicitModulesTxtImportVersion`: from this main-module version on, a
/// vendored package must be listed in modules.txt to be imported.
const EXPLICIT_MODULES_TXT: (u32, u32) = (1, 23);

/// Where a package imported from a module lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provided {
    pub dir: PathBuf,
    /// The providing module (empty version for a main module).
    pub module: ModVersion,
    /// The language version its packages compile with.
    pub go_version: (u32, u32),
    /// Whether `module` is a main module.
    pub is_main: bool,
}

/// How a module graph treats a module's requirements (`modPruning`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Pruning {
    Pruned,
    Unpruned,
    Workspace,
}

fn pruning_for(go: (u32, u32)) -> Pruning {
    if go >= (1, 17) {
        Pruning::Pruned
    } else {
        Pruning::Unpruned
    }
}

/// Module versions waiting for their go.mod to be read, with the pruning to read them under.
type Queue = VecDeque<(ModVersion, Pruning)>;

/// What the graph needs from one module version's go.mod (`modFileSummary`).
#[derive(Clone, Debug)]
struct Summary {
    require: Vec<ModVersion>,
    pruning: Pruning,
    go_version: (u32, u32),
}

/// The main modules and the rules for finding their dependencies.
pub struct Modules {
    /// The main modules: one, or those of go.work's `use` lines in order.
    pub main: Vec<Module>,
    /// The go.work file in workspace mode.
    pub work_file: Option<PathBuf>,
    pub mode: ModMode,
    /// Why vendor mode was chosen by default (printed with import errors, as gc does).
    mode_reason: Option<String>,
    cache: Option<PathBuf>,
    /// Replacements by old module (version empty: every version), with the directory a
    /// relative replacement directory is relative to.
    replace: HashMap<ModVersion, (ModVersion, PathBuf)>,
    exclude: HashSet<ModVersion>,
    vendor_dir: Option<PathBuf>,
    vendor: OnceLock<VendorList>,
    summaries: RefCell<HashMap<ModVersion, Result<Summary, String>>>,
    graph: OnceLock<Result<HashMap<String, String>, String>>,
}

impl Modules {
    /// The modules governing a build run in `cwd`: `Ok(None)` outside any module (and
    /// workspace). `main` is the module containing `cwd`, if any.
    pub fn new(cwd: &Path, main: Option<&Module>, env: &ModEnv) -> Result<Option<Modules>, String> {
        let work_file = match env.gowork.as_deref() {
            Some("off") => None,
            Some(f) if !f.is_empty() => {
                let f = paths::clean_abs(cwd, Path::new(f));
                if !f.is_file() {
                    return Err(format!("go: GOWORK file {} does not exist", f.display()));
                }
                Some(f)
            }
            _ => find_up(cwd, "go.work"),
        };
        let mut work_replace: Vec<Replace> = Vec::new();
        let mut work_go = None;
        let mains = match &work_file {
            Some(wf) => {
                let text = std::fs::read_to_string(wf).map_err(|e| format!("go: {e}"))?;
                let dir = wf.parent().unwrap_or(Path::new("/")).to_path_buf();
                let mut mains = Vec::new();
                for (verb, args, _) in module::directives(&text) {
                    match verb.as_str() {
                        "use" => {
                            let Some(u) = args.first() else { continue };
                            let root = paths::clean_abs(&dir, Path::new(u));
                            let gomod = root.join("go.mod");
                            let text = std::fs::read_to_string(&gomod).map_err(|_| {
                                format!(
                                    "go: cannot load module {} listed in go.work file: open {}: no such file or directory",
                                    paths::short(cwd, &root),
                                    paths::short(cwd, &gomod)
                                )
                            })?;
                            mains.push(module::parse(&root, &text));
                        }
                        "go" => work_go = args.first().and_then(|v| module::parse_go_version(v)),
                        "replace" => work_replace.extend(replace_of(&args)),
                        _ => {}
                    }
                }
                if let Some(m) = main {
                    if !mains.iter().any(|x| x.root == m.root) {
                        return Err("go: current directory is contained in a module that is not one of the workspace modules listed in go.work. You can add the module to the workspace using:\n\tgo work use .".into());
                    }
                }
                mains
            }
            None => match main {
                Some(m) => vec![m.clone()],
                None => return Ok(None),
            },
        };
        // Replacements: go.work's first, then each module's (in workspace mode, two modules
        // replacing the same module differently is an error unless go.work decides).
        let mut replace = HashMap::new();
        let mut source: HashMap<ModVersion, PathBuf> = HashMap::new();
        if let Some(wf) = &work_file {
            let dir = wf.parent().unwrap_or(Path::new("/")).to_path_buf();
            for r in &work_replace {
                replace.insert(r.old.clone(), (r.new.clone(), dir.clone()));
            }
        }
        let from_work: HashSet<ModVersion> = replace.keys().cloned().collect();
        for m in &mains {
            for r in &m.replace {
                if from_work.contains(&r.old) {
                    continue;
                }
                if let Some((prev, prev_dir)) = replace.get(&r.old) {
                    let same = prev == &r.new
                        && (!r.is_dir()
                            || paths::clean_abs(prev_dir, Path::new(&prev.path))
                                == paths::clean_abs(&m.root, Path::new(&r.new.path)));
                    if !same {
                        return Err(format!(
                            "go: conflicting replacements found for {} in workspace modules defined by {} and {}",
                            r.old,
                            source[&r.old].join("go.mod").display(),
                            m.root.join("go.mod").display()
                        ));
                    }
                    continue;
                }
                replace.insert(r.old.clone(), (r.new.clone(), m.root.clone()));
                source.insert(r.old.clone(), m.root.clone());
            }
        }
        let exclude = mains.iter().flat_map(|m| m.exclude.iter().cloned()).collect();
        let vendor_dir = match &work_file {
            Some(wf) => wf.parent().map(|d| d.join("vendor")),
            None => mains.first().map(|m| m.root.join("vendor")),
        };
        let mut mods = Modules {
            main: mains,
            work_file,
            mode: ModMode::Readonly,
            mode_reason: None,
            cache: env.mod_cache(),
            replace,
            exclude,
            vendor_dir,
            vendor: OnceLock::new(),
            summaries: RefCell::new(HashMap::new()),
            graph: OnceLock::new(),
        };
        mods.set_mode(env, work_go)?;
        if mods.mode == ModMode::Vendor {
            mods.check_vendor_consistency()?;
        }
        Ok(Some(mods))
    }

    /// `setDefaultBuildMod`.
    fn set_mode(&mut self, env: &ModEnv, work_go: Option<(u32, u32)>) -> Result<(), String> {
        let in_workspace = self.work_file.is_some();
        if let Some(flag) = env.mod_flag() {
            self.mode = match flag {
                "vendor" => ModMode::Vendor,
                "readonly" => ModMode::Readonly,
                "mod" if !in_workspace => ModMode::Mod,
                "mod" => {
                    return Err("go: -mod may only be set to readonly or vendor when in workspace mode, but it is set to \"mod\"\n\tRemove the -mod flag to use the default readonly value, \n\tor set GOWORK=off to disable workspace mode.".into())
                }
                other => return Err(format!("go: invalid -mod={other}: want readonly, vendor or mod")),
            };
            return Ok(());
        }
        let (go, source) = if in_workspace { (work_go, "go.work") } else { (self.main[0].go, "go.mod") };
        let Some(vendor_dir) = self.vendor_dir.clone().filter(|d| d.is_dir()) else { return Ok(()) };
        let Some(go) = go else { return Ok(()) };
        if go < (1, 14) {
            return Ok(());
        }
        if self.vendor_list().workspace != in_workspace {
            return Ok(());
        }
        let _ = vendor_dir;
        self.mode = ModMode::Vendor;
        self.mode_reason = Some(format!("Go version in {source} is at least 1.14 and vendor directory exists."));
        Ok(())
    }

    fn vendor_list(&self) -> &VendorList {
        self.vendor.get_or_init(|| {
            let text = self
                .vendor_dir
                .as_ref()
                .and_then(|d| std::fs::read_to_string(d.join("modules.txt")).ok())
                .unwrap_or_default();
            vendor::parse(&text)
        })
    }

    fn is_main_path(&self, path: &str) -> Option<&Module> {
        self.main.iter().find(|m| m.path == path)
    }

    /// The language version of the main modules taken together (go.work's in workspace mode
    /// is not needed here: only single-module builds use it).
    fn main_go(&self) -> (u32, u32) {
        self.main.first().map_or(module::DEFAULT_GO_VERSION, |m| m.go_version())
    }

    /// `checkVendorConsistency`, for what can disagree between go.mod and modules.txt.
    fn check_vendor_consistency(&self) -> Result<(), String> {
        let list = self.vendor_list();
        let in_workspace = self.work_file.is_some();
        let pre114 = !in_workspace && self.main_go() < (1, 14);
        let mut errs = String::new();
        let mut versions: HashMap<&str, &str> = HashMap::new();
        for m in &list.modules {
            versions.insert(&m.path, &m.version);
        }
        for m in &self.main {
            for r in &m.require {
                if list.meta.get(&r.module).is_some_and(|x| x.explicit) {
                    continue;
                }
                if pre114 {
                    if let Some(v) = versions.get(r.module.path.as_str()).filter(|v| **v != r.module.version) {
                        errs.push_str(&format!(
                            "\n\t{}: is explicitly required in go.mod, but vendor/modules.txt indicates {}@{v}",
                            r.module, r.module.path
                        ));
                    }
                } else {
                    errs.push_str(&format!(
                        "\n\t{}: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt",
                        r.module
                    ));
                }
            }
        }
        for m in &list.modules {
            if list.meta.get(m).is_some_and(|x| x.explicit)
                && !self.main.iter().any(|mm| mm.require.iter().any(|r| &r.module == m))
            {
                let article = if in_workspace { "a " } else { "" };
                errs.push_str(&format!(
                    "\n\t{m}: is marked as explicit in vendor/modules.txt, but not explicitly required in {article}go.mod"
                ));
            }
        }
        for m in &list.replaced {
            if self.replacement(m).is_none() {
                let source = if in_workspace { "the workspace" } else { "go.mod" };
                errs.push_str(&format!(
                    "\n\t{m}: is marked as replaced in vendor/modules.txt, but not replaced in {source}"
                ));
            }
        }
        if errs.is_empty() {
            return Ok(());
        }
        let dir =
            self.vendor_dir.as_ref().and_then(|d| d.parent()).map(|d| d.display().to_string()).unwrap_or_default();
        let sub = if in_workspace { "work" } else { "mod" };
        Err(format!(
            "go: inconsistent vendoring in {dir}:{errs}\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo {sub} vendor"
        ))
    }

    /// The replacement of module version `m` (`Replacement`): a version-specific `replace`
    /// wins over one for every version. A directory comes back absolute, as an empty-version
    /// [`ModVersion`] whose path is the directory.
    pub fn replacement(&self, m: &ModVersion) -> Option<ModVersion> {
        let (new, base) = self.replace.get(m).or_else(|| self.replace.get(&ModVersion::new(&m.path, "")))?;
        if new.version.is_empty() {
            let dir = paths::clean_abs(base, Path::new(&new.path));
            return Some(ModVersion::new(&dir.to_string_lossy(), ""));
        }
        Some(new.clone())
    }

    /// What the graph needs from `m`'s go.mod (`goModSummary`), read once.
    fn summary(&self, m: &ModVersion) -> Result<Summary, String> {
        if let Some(s) = self.summaries.borrow().get(m) {
            return s.clone();
        }
        let s = self.read_summary(m);
        self.summaries.borrow_mut().insert(m.clone(), s.clone());
        s
    }

    fn read_summary(&self, m: &ModVersion) -> Result<Summary, String> {
        let (parsed, declared_as) =
            if let Some(main) = self.main.iter().find(|x| x.path == m.path && m.version.is_empty()) {
                (main.clone(), m.path.clone())
            } else {
                match self.replacement(m) {
                    Some(r) if r.version.is_empty() => {
                        let dir = PathBuf::from(&r.path);
                        let gomod = dir.join("go.mod");
                        let text = std::fs::read_to_string(&gomod).map_err(|_| {
                            if dir.is_dir() {
                                format!("go: {m}: replacement directory {} has no go.mod", dir.display())
                            } else {
                                format!("go: {m}: replacement directory {} does not exist", dir.display())
                            }
                        })?;
                        (module::parse(&dir, &text), m.path.clone())
                    }
                    Some(r) => (self.cached_go_mod(&r, m)?, r.path.clone()),
                    None => (self.cached_go_mod(m, m)?, m.path.clone()),
                }
            };
        if !parsed.path.is_empty() && parsed.path != declared_as {
            return Err(format!(
                "go: {m}: parsing go.mod:\n\tmodule declares its path as: {}\n\t        but was required as: {declared_as}",
                parsed.path
            ));
        }
        let require = parsed.require.iter().map(|r| r.module.clone()).filter(|r| !self.exclude.contains(r)).collect();
        let go_version = parsed.go_version();
        Ok(Summary { require, pruning: pruning_for(go_version), go_version })
    }

    /// The go.mod of module version `m` from the module cache: the download cache's copy,
    /// else the extracted module's (a module without go.mod has an implicit one requiring
    /// nothing). `wanted` is the version the graph asked for, for messages.
    fn cached_go_mod(&self, m: &ModVersion, wanted: &ModVersion) -> Result<Module, String> {
        let Some(cache) = &self.cache else {
            return Err(format!("go: {wanted}: no module cache: set GOMODCACHE, GOPATH or HOME"));
        };
        let dl = modcache::download_mod_file(cache, &m.path, &m.version);
        let dir = modcache::module_dir(cache, &m.path, &m.version);
        if let Ok(text) = std::fs::read_to_string(&dl) {
            return Ok(module::parse(&dir, &text));
        }
        if let Ok(text) = std::fs::read_to_string(dir.join("go.mod")) {
            return Ok(module::parse(&dir, &text));
        }
        if dir.is_dir() {
            return Ok(module::parse(&dir, &format!("module {}\n", m.path)));
        }
        let shown = if m == wanted { m.to_string() } else { format!("{wanted} (replaced by {m})") };
        Err(format!(
            "go: {shown}: reading go.mod: not in the module cache (looked for {} and {}); goescape does not download modules, to fetch it:\n\tgo mod download {m}",
            dl.display(),
            dir.join("go.mod").display()
        ))
    }

    /// The selected version of every module path in the graph (`readModGraph` + MVS).
    fn graph(&self) -> Result<&HashMap<String, String>, String> {
        self.graph.get_or_init(|| self.read_graph()).as_ref().map_err(Clone::clone)
    }

    fn read_graph(&self) -> Result<HashMap<String, String>, String> {
        let mut selected: HashMap<String, String> = HashMap::new();
        let mut required_by: HashMap<ModVersion, Vec<ModVersion>> = HashMap::new();
        let mut queue: Queue = VecDeque::new();
        let mut queued: HashSet<(ModVersion, Pruning)> = HashSet::new();
        let mut first_err: Option<String> = None;
        let note = |selected: &mut HashMap<String, String>, r: &ModVersion| {
            let cur = selected.entry(r.path.clone()).or_insert_with(|| r.version.clone());
            if semver::compare(cur, &r.version).is_lt() {
                *cur = r.version.clone();
            }
        };
        let workspace = self.work_file.is_some();
        let mut enqueue = |m: ModVersion, p: Pruning, queue: &mut Queue| {
            if m.version == "none" {
                return;
            }
            if queued.insert((m.clone(), p)) {
                queue.push_back((m, p));
            }
        };
        if workspace {
            for m in &self.main {
                enqueue(ModVersion::new(&m.path, ""), Pruning::Workspace, &mut queue);
            }
        } else {
            let main = &self.main[0];
            let roots: Vec<ModVersion> =
                main.require.iter().map(|r| r.module.clone()).filter(|r| !self.exclude.contains(r)).collect();
            for r in &roots {
                note(&mut selected, r);
            }
            let p = pruning_for(main.go_version());
            for r in roots {
                enqueue(r, p, &mut queue);
            }
        }
        let mut drain = |queue: &mut Queue,
                         selected: &mut HashMap<String, String>,
                         required_by: &mut HashMap<ModVersion, Vec<ModVersion>>,
                         enqueue: &mut dyn FnMut(ModVersion, Pruning, &mut Queue)| {
            while let Some((m, pruning)) = queue.pop_front() {
                let s = match self.summary(&m) {
                    Ok(s) => s,
                    Err(e) => {
                        first_err.get_or_insert(e);
                        continue;
                    }
                };
                if !required_by.contains_key(&m) {
                    for r in &s.require {
                        note(selected, r);
                    }
                    required_by.insert(m.clone(), s.require.clone());
                }
                let next = if pruning == Pruning::Unpruned { Pruning::Unpruned } else { s.pruning };
                for r in &s.require {
                    if pruning != Pruning::Pruned || s.pruning == Pruning::Unpruned {
                        enqueue(r.clone(), next, queue);
                    }
                }
            }
        };
        drain(&mut queue, &mut selected, &mut required_by, &mut enqueue);
        if workspace {
            // Modules whose selected version is higher than some main module (or module
            // loaded this way) requires have their own requirements loaded too, until
            // nothing changes.
            let mut has_deps: HashSet<String> = self.main.iter().map(|m| m.path.clone()).collect();
            let mut seen: HashSet<ModVersion> = HashSet::new();
            loop {
                let mut todo: Vec<ModVersion> = Vec::new();
                for p in &has_deps {
                    let m = ModVersion::new(p, self.selected_in(&selected, p));
                    if !seen.contains(&m) {
                        todo.push(m);
                        continue;
                    }
                    for r in required_by.get(&m).into_iter().flatten() {
                        let s = ModVersion::new(&r.path, self.selected_in(&selected, &r.path));
                        if semver::compare(&s.version, &r.version).is_gt() && !seen.contains(&s) {
                            todo.push(s);
                        }
                    }
                }
                if todo.is_empty() {
                    break;
                }
                todo.sort();
                todo.dedup();
                for m in todo {
                    has_deps.insert(m.path.clone());
                    seen.insert(m.clone());
                    enqueue(m, Pruning::Workspace, &mut queue);
                }
                drain(&mut queue, &mut selected, &mut required_by, &mut enqueue);
            }
        }
        if let Some(e) = first_err {
            return Err(e);
        }
        for m in &self.main {
            selected.insert(m.path.clone(), String::new());
        }
        Ok(selected)
    }

    fn selected_in<'s>(&self, selected: &'s HashMap<String, String>, path: &str) -> &'s str {
        if self.is_main_path(path).is_some() {
            return "";
        }
        selected.get(path).map_or("none", String::as_str)
    }

    /// The root requirements of a single pruned main module: enough to find most packages
    /// without reading any other go.mod, as the go command first tries.
    fn root_selected(&self) -> Option<HashMap<String, String>> {
        if self.work_file.is_some() || pruning_for(self.main_go()) != Pruning::Pruned {
            return None;
        }
        let mut sel: HashMap<String, String> = HashMap::new();
        for r in self.main[0].require.iter().map(|r| &r.module).filter(|r| !self.exclude.contains(r)) {
            let cur = sel.entry(r.path.clone()).or_insert_with(|| r.version.clone());
            if semver::compare(cur, &r.version).is_lt() {
                *cur = r.version.clone();
            }
        }
        Some(sel)
    }

    /// The directory holding module version `m`'s files, and whether it is a local tree (a
    /// directory replacement), or an error saying where we looked.
    fn module_root(&self, m: &ModVersion, for_pkg: &str) -> Result<(PathBuf, bool), String> {
        let target = match self.replacement(m) {
            Some(r) if r.version.is_empty() => {
                let dir = PathBuf::from(&r.path);
                if !dir.is_dir() {
                    return Err(format!("{m}: replacement directory {} does not exist", dir.display()));
                }
                return Ok((dir, true));
            }
            Some(r) => r,
            None => m.clone(),
        };
        let Some(cache) = &self.cache else {
            return Err(format!(
                "{m}: no module cache to look in (GOMODCACHE, GOPATH and HOME are unset); goescape does not download modules"
            ));
        };
        let dir = modcache::module_dir(cache, &target.path, &target.version);
        if dir.is_dir() {
            return Ok((dir, false));
        }
        let what = if &target == m { m.to_string() } else { format!("{m} (replaced by {target})") };
        Err(format!(
            "{what}, which provides package {for_pkg}, is not in the module cache: no directory {}; goescape does not download modules, to fetch it:\n\tgo mod download {target}",
            dir.display()
        ))
    }

    /// The language version of a (non-main) module's packages.
    fn go_version_of(&self, m: &ModVersion) -> Result<(u32, u32), String> {
        self.summary(m).map(|s| s.go_version)
    }

    /// Finds the package `path` among the main modules and their dependencies: `Ok(None)`
    /// when no module provides it, `Err` for what the go command reports instead of
    /// looking further (a module not on disk, an ambiguous import, an unreadable graph).
    pub fn import(&self, path: &str) -> Result<Option<Provided>, String> {
        if self.mode == ModMode::Vendor {
            return Ok(self.import_vendored(path));
        }
        if let Some(roots) = self.root_selected() {
            if let Some(p) = self.import_from(path, &roots)? {
                return Ok(Some(p));
            }
        }
        let graph = self.graph()?;
        self.import_from(path, graph)
    }

    /// The message for an import no module provides (`ImportMissingError`).
    pub fn missing_message(&self, path: &str) -> String {
        match self.mode {
            ModMode::Vendor => {
                let mut msg =
                    format!("cannot find module providing package {path}: import lookup disabled by -mod=vendor");
                if let Some(r) = &self.mode_reason {
                    msg.push_str(&format!("\n\t({r})"));
                }
                msg
            }
            ModMode::Mod => format!("cannot find module providing package {path}"),
            ModMode::Readonly => format!("no required module provides package {path}; to add it:\n\tgo get {path}"),
        }
    }

    fn import_vendored(&self, path: &str) -> Option<Provided> {
        if let Some(p) = self.in_main(path) {
            return Some(p);
        }
        let vendor_dir = self.vendor_dir.as_ref()?;
        let dir = vendor_dir.join(path);
        if !has_go_files(&dir) {
            return None;
        }
        let list = self.vendor_list();
        match list.pkg_module.get(path) {
            Some(m) => {
                let go = list
                    .meta
                    .get(m)
                    .and_then(|x| x.go_version.as_deref())
                    .and_then(module::parse_go_version)
                    .unwrap_or(module::DEFAULT_GO_VERSION);
                Some(Provided { dir, module: m.clone(), go_version: go, is_main: false })
            }
            None if self.work_file.is_none() && self.main_go() < EXPLICIT_MODULES_TXT => Some(Provided {
                dir,
                module: ModVersion::new("", ""),
                go_version: module::DEFAULT_GO_VERSION,
                is_main: false,
            }),
            None => {
                let sub = if self.work_file.is_some() { "work" } else { "mod" };
                eprintln!("go: ignoring package {path} which exists in the vendor directory but is missing from vendor/modules.txt. To sync the vendor directory run go {sub} vendor.");
                None
            }
        }
    }

    /// The main module holding package `path`, if one has its directory.
    fn in_main(&self, path: &str) -> Option<Provided> {
        let m = self.main.iter().filter(|m| m.dir_of(path).is_some_and(|d| d.is_dir())).max_by_key(|m| m.path.len())?;
        Some(Provided {
            dir: m.dir_of(path)?,
            module: ModVersion::new(&m.path, ""),
            go_version: m.go_version(),
            is_main: true,
        })
    }

    /// `importFromModules` over the selected versions `sel`.
    fn import_from(&self, path: &str, sel: &HashMap<String, String>) -> Result<Option<Provided>, String> {
        let mut found: Vec<Provided> = Vec::new();
        let mut prefix = path;
        loop {
            if let Some(m) = self.is_main_path(prefix) {
                if let Some(d) = m.dir_of(path).filter(|d| d.is_dir()) {
                    found.push(Provided {
                        dir: d,
                        module: ModVersion::new(&m.path, ""),
                        go_version: m.go_version(),
                        is_main: true,
                    });
                }
            } else if let Some(v) = sel.get(prefix).filter(|v| v.as_str() != "none") {
                let m = ModVersion::new(prefix, v);
                let (root, local) = self.module_root(&m, path)?;
                if let Some(dir) = dir_in_module(path, prefix, &root, local) {
                    found.push(Provided { dir, go_version: self.go_version_of(&m)?, module: m, is_main: false });
                }
            }
            match prefix.rfind('/') {
                Some(i) => prefix = &prefix[..i],
                None => break,
            }
        }
        if found.len() > 1 {
            found.reverse();
            let mut msg = format!("ambiguous import: found package {path} in multiple modules:");
            for p in &found {
                msg.push_str(&format!("\n\t{} ({})", p.module, p.dir.display()));
            }
            return Err(msg);
        }
        Ok(found.pop())
    }
}

/// The directory of package `path` in module `mpath` rooted at `root` if it holds `.go`
/// files; in a local tree, not when a nested go.mod lies in between (`dirInModule`).
fn dir_in_module(path: &str, mpath: &str, root: &Path, local: bool) -> Option<PathBuf> {
    let dir = if path == mpath { root.to_path_buf() } else { root.join(path.strip_prefix(mpath)?.strip_prefix('/')?) };
    if local {
        let mut d = dir.as_path();
        while d != root && d.starts_with(root) {
            if d.join("go.mod").is_file() {
                return None;
            }
            d = d.parent()?;
        }
    }
    has_go_files(&dir).then_some(dir)
}

/// Whether `dir` holds a `.go` file (tests and excluded files count: the go command only
/// asks whether the directory is plausibly a package).
fn has_go_files(dir: &Path) -> bool {
    let Ok(rd) = std::fs::read_dir(dir) else { return false };
    rd.filter_map(|e| e.ok()).any(|e| e.file_name().to_string_lossy().ends_with(".go") && e.path().is_file())
}

/// The nearest `name` file at or above `dir`.
fn find_up(dir: &Path, name: &str) -> Option<PathBuf> {
    let mut d = Some(dir);
    while let Some(cur) = d {
        let f = cur.join(name);
        if f.is_file() {
            return Some(f);
        }
        d = cur.parent();
    }
    None
}

fn replace_of(args: &[String]) -> Option<Replace> {
    let text = args.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(" ");
    module::parse(Path::new("/"), &format!("replace {text}\n")).replace.pop()
}
