//! `cargo xtask inline-costs`: our inliner's verdict on every function of some std packages
//! against gc's, function by function.
//!
//! gc's side is the `-m=2` build output `cargo xtask facts` caches
//! (`$GOESCAPE_CACHE/facts/gc-goRELEASE.txt`): `can inline F with cost N` and `cannot inline F:
//! reason` lines, under each package's `# IMPORT_PATH` header. Ours is goescape run on the same
//! package with `GOESCAPE_DUMP_INL=1`, which prints `goescape-inl PKG LINE:COL NAME VERDICT` for
//! every function it decides, for the same target (`--goos`/`--goarch`: gc's output for it
//! cached as `gc-goRELEASE-OS-ARCH.txt`). Functions are matched by declaration position and name; a cost
//! that differs decides which calls are inlined, so it is where an `-m` mismatch usually starts.

use std::collections::HashMap;
use std::process::Command;

use anyhow::{bail, Context};

use crate::{gc, gobin, GoescapeArgs};

/// gc's or our verdict: a cost, or why not.
#[derive(Debug, PartialEq)]
enum Verdict {
    Cost(u32),
    Not(String),
}

pub fn run(release: &str, packages: &[String], show: usize, goescape: &GoescapeArgs) -> anyhow::Result<()> {
    let go = gobin::ensure(release)?;
    let goroot = gc::goroot(&go)?;
    let bin = gc::goescape_binary(goescape)?;
    // Named as `cargo xtask facts` names it: the default target's without the target.
    let release = release.trim_start_matches("go");
    let (goos, goarch) = gc::target();
    let stem = if gc::default_target() { format!("go{release}") } else { format!("go{release}-{goos}-{goarch}") };
    let cached = gobin::cache_dir()?.join("facts").join(format!("gc-{stem}.txt"));
    let text = std::fs::read_to_string(&cached)
        .with_context(|| format!("reading {} (run `cargo xtask facts --go {release}` first)", cached.display()))?;
    let theirs = gc_verdicts(&text);
    let (mut same, mut differ) = (0, 0);
    for pkg in packages {
        let Some(gc_pkg) = theirs.get(pkg.as_str()) else { bail!("no `# {pkg}` section in {}", cached.display()) };
        let out = Command::new(&bin)
            .envs(gc::env())
            .env("GOESCAPE_DUMP_INL", "1")
            // The release's rules (inlining costs, intrinsics), not the newest's.
            .arg("--go")
            .arg(release)
            .arg("--goroot")
            .arg(&goroot)
            .arg(pkg)
            .output()
            .with_context(|| format!("running {}", bin.display()))?;
        let ours = our_verdicts(&String::from_utf8_lossy(&out.stderr));
        let mut diffs = Vec::new();
        for (key, v) in gc_pkg {
            match (v, ours.get(key)) {
                (Verdict::Cost(a), Some(Verdict::Cost(b))) if a == b => same += 1,
                (Verdict::Cost(a), Some(Verdict::Cost(b))) => {
                    diffs.push(format!("{} {}: gc {a}, ours {b}", key.0, key.1))
                }
                (Verdict::Cost(a), Some(Verdict::Not(why))) => {
                    diffs.push(format!("{} {}: gc {a}, ours not ({why})", key.0, key.1))
                }
                _ => {}
            }
        }
        diffs.sort();
        differ += diffs.len();
        println!("{pkg}: {} differ", diffs.len());
        for d in diffs.iter().take(show) {
            println!("  {d}");
        }
    }
    println!("total: {same} costs agree, {differ} differ");
    Ok(())
}

/// (position `LINE:COL`, name) to gc's verdict, per package.
type Verdicts<'a> = HashMap<&'a str, HashMap<(String, String), Verdict>>;

fn gc_verdicts(text: &str) -> Verdicts<'_> {
    let mut out: Verdicts = HashMap::new();
    let mut pkg = "";
    for line in text.lines() {
        if let Some(p) = line.strip_prefix("# ") {
            pkg = p.trim();
            continue;
        }
        // `FILE:LINE:COL: can inline NAME with cost N as: ...` / `...: cannot inline NAME: why`
        let mut parts = line.splitn(4, ':');
        let (Some(_), Some(l), Some(c), Some(msg)) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let msg = msg.trim_start();
        let pos = format!("{l}:{c}");
        if let Some(rest) = msg.strip_prefix("can inline ") {
            let Some((name, r)) = rest.split_once(" with cost ") else { continue };
            let Some(Ok(cost)) = r.split_once(' ').map(|(n, _)| n.parse()) else { continue };
            out.entry(pkg).or_default().insert((pos, name.to_string()), Verdict::Cost(cost));
        } else if let Some(rest) = msg.strip_prefix("cannot inline ") {
            let Some((name, why)) = rest.split_once(": ") else { continue };
            out.entry(pkg).or_default().insert((pos, name.to_string()), Verdict::Not(why.to_string()));
        }
    }
    out
}

fn our_verdicts(text: &str) -> HashMap<(String, String), Verdict> {
    let mut out = HashMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let [tag, _, pos, name, v] = f.as_slice() else { continue };
        if *tag != "goescape-inl" {
            continue;
        }
        let verdict = match v.strip_prefix("Cost(").and_then(|c| c.strip_suffix(')')).and_then(|c| c.parse().ok()) {
            Some(c) => Verdict::Cost(c),
            None => Verdict::Not(v.to_string()),
        };
        out.insert((pos.to_string(), name.to_string()), verdict);
    }
    out
}
