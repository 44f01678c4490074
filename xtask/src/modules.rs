//! `cargo xtask record-modules`: gc's output for the module cases in `testdata/modules`.
//!
//! Each `NAME.txtar` (see `goescape::txtar`) is written into a scratch tree and gc is run on
//! it with the case's arguments and environment; its output becomes `NAME.gc`. The go command
//! does not read a module cache it did not fill itself (it wants each module's zip and hash
//! beside the extracted files), so the case's `modcache/` is turned into a file-system module
//! proxy (`GOPROXY=file://...`: `@v/list`, `.info`, `.mod`, `.zip` per version) from which gc
//! fills a fresh `modcache/` at the same place; the files are the same, and so are the paths
//! gc prints. Without `-mod` in the case, gc runs with `-mod=mod` (outside workspaces) so that
//! it may write the go.sum our cases do not carry (only for cases with a `modcache/`: vendor mode
//! needs no go.sum); goescape reads the same modules either way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use goescape::txtar::ModuleCase;

use crate::{gc, gobin, workspace_root};

pub fn cases_dir() -> PathBuf {
    workspace_root().join("testdata").join("modules")
}

pub fn run(release: &str) -> anyhow::Result<()> {
    let go = gobin::ensure(release)?;
    let goroot = gc::goroot(&go)?;
    let mut names: Vec<PathBuf> = std::fs::read_dir(cases_dir())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txtar"))
        .collect();
    names.sort();
    for path in names {
        let case = ModuleCase::parse(&std::fs::read_to_string(&path)?).map_err(anyhow::Error::msg)?;
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let scratch = std::env::temp_dir().join(format!("goescape-record-{}-{stem}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        let root = scratch.join("tree");
        case.write(&root)?;
        let proxy = scratch.join("proxy");
        make_proxy(&root.join("modcache"), &proxy)?;
        let env = case.env_in(&root);
        let cache = env.iter().find(|(k, _)| k == "GOMODCACHE").map(|(_, v)| PathBuf::from(v));
        if let Some(c) = &cache {
            let _ = std::fs::remove_dir_all(c);
        }
        let mut cmd = gc::go_command(&go, &root.join(&case.cwd));
        cmd.env("GOPROXY", format!("file://{}", proxy.display())).env("GOSUMDB", "off").env("GOFLAGS", "");
        for (k, v) in &env {
            cmd.env(k, v);
        }
        let workspace = env.iter().any(|(k, v)| k == "GOWORK" && v != "off");
        let has_cache = case.files.iter().any(|(name, _)| name.starts_with("modcache/"));
        if !env.iter().any(|(k, _)| k == "GOFLAGS") && !workspace && has_cache {
            cmd.env("GOFLAGS", "-mod=mod");
        }
        cmd.arg("build").arg(case.gcflags()).args(case.patterns());
        let out = cmd.output().with_context(|| format!("running {cmd:?}"))?;
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        // The go command leaves its module cache read-only; let it remove it.
        if let Some(c) = &cache {
            let _ = gc::go_command(&go, &root).env("GOMODCACHE", c).args(["clean", "-modcache"]).output();
        }
        let _ = std::fs::remove_dir_all(&scratch);
        if !out.status.success() {
            bail!("{stem}: gc failed:\n{stderr}");
        }
        let text: String = gc::portable_goroot(&stderr, &goroot)
            .lines()
            .filter(|l| !l.starts_with("go: downloading ") && !l.starts_with("go: finding "))
            .map(|l| format!("{l}\n"))
            .collect();
        let golden = path.with_extension("gc");
        std::fs::write(&golden, text)?;
        println!("wrote {}", golden.display());
    }
    Ok(())
}

/// Turns a module cache laid out as the go command's (`cache/download/P/@v/V.mod`, and
/// `P@V/` extracted) into a file-system proxy for the same module versions.
fn make_proxy(cache: &Path, proxy: &Path) -> anyhow::Result<()> {
    let download = cache.join("cache").join("download");
    let mut versions: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for mod_file in walk_files(&download) {
        if mod_file.extension().is_none_or(|e| e != "mod") {
            continue;
        }
        let rel = mod_file.strip_prefix(&download)?;
        let escaped = rel.parent().and_then(Path::parent).context("a .mod outside @v")?.to_path_buf();
        let version = mod_file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let out = proxy.join(&escaped).join("@v");
        std::fs::create_dir_all(&out)?;
        std::fs::copy(&mod_file, out.join(format!("{version}.mod")))?;
        std::fs::write(out.join(format!("{version}.info")), format!("{{\"Version\":\"{version}\"}}\n"))?;
        let dir = cache.join(format!("{}@{version}", escaped.display()));
        if dir.is_dir() {
            let prefix = format!("{}@{}/", unescape(&escaped.to_string_lossy()), unescape(&version));
            let mut entries = Vec::new();
            for f in walk_files(&dir) {
                let name = format!("{prefix}{}", f.strip_prefix(&dir)?.to_string_lossy());
                entries.push((name, std::fs::read(&f)?));
            }
            std::fs::write(out.join(format!("{version}.zip")), zip_stored(&entries))?;
        }
        versions.entry(escaped).or_default().push(version);
    }
    for (escaped, list) in versions {
        std::fs::write(proxy.join(escaped).join("@v").join("list"), list.join("\n") + "\n")?;
    }
    Ok(())
}

/// Undoes the go command's case-encoding (`!a` → `A`).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut bang = false;
    for c in s.chars() {
        if c == '!' {
            bang = true;
        } else if bang {
            out.push(c.to_ascii_uppercase());
            bang = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Every file under `dir`, sorted.
fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else { return out };
    for e in rd.filter_map(|e| e.ok()) {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk_files(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// A zip archive of `entries` without compression (all the go command needs of a module zip).
fn zip_stored(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    fn u16le(v: &mut Vec<u8>, x: u16) {
        v.extend_from_slice(&x.to_le_bytes());
    }
    fn u32le(v: &mut Vec<u8>, x: u32) {
        v.extend_from_slice(&x.to_le_bytes());
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        // Local header: version 2.0, no flags, stored, 1980-01-01 00:00.
        u32le(&mut out, 0x0403_4b50);
        for x in [20u16, 0, 0, 0, 0x21] {
            u16le(&mut out, x);
        }
        u32le(&mut out, crc);
        u32le(&mut out, data.len() as u32);
        u32le(&mut out, data.len() as u32);
        u16le(&mut out, name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        u32le(&mut central, 0x0201_4b50);
        for x in [20u16, 20, 0, 0, 0, 0x21] {
            u16le(&mut central, x);
        }
        u32le(&mut central, crc);
        u32le(&mut central, data.len() as u32);
        u32le(&mut central, data.len() as u32);
        u16le(&mut central, name.len() as u16);
        for x in [0u16, 0, 0, 0] {
            u16le(&mut central, x);
        }
        u32le(&mut central, 0);
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    for x in [0u16, 0, entries.len() as u16, entries.len() as u16] {
        u16le(&mut out, x);
    }
    u32le(&mut out, cd_size);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0);
    out
}

/// CRC-32 (IEEE), bit by bit: module zips are small.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
